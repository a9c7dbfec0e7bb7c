"""Quads whose object is a literal, built by one N-Quads parse per batch instead of one by one.

pyoxigraph's ``Quad(s, p, o, g)`` reads ``o`` by trying a NamedNode, then a BlankNode,
then a Literal, and each failed try builds a formatted Python ``TypeError`` (pyo3's
derived extraction): a quad with a literal object costs about three times one with an
IRI. Over real cables that was a third of the mapping stage's instructions (callgrind,
benchmarks/map_speed.py). The mappers with the most short literals (paragraph
positions and markings, mention wordings, event labels and dates) write those statements
as N-Quads lines here, and :meth:`LiteralQuads.quads` parses them in one call: the same
quads (tests/test_mapping.py checks it on arbitrary text), built in Rust. A long text (a
paragraph, ~800 characters) is cheaper built directly: the parse costs per character.
The IRIs written are the mappers' own, already checked where they were minted, so the
parse skips checking them again (``lenient``).
"""

from __future__ import annotations

import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad

__all__ = ["LiteralQuads"]


def _quoted(text: str) -> str:
    # what N-Quads' STRING_LITERAL_QUOTE cannot hold raw: '"', '\', LF and CR
    return (
        '"'
        + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        + '"'
    )


class LiteralQuads:
    """Statements ``<subject> <predicate> literal`` of one graph, turned into quads at once.

    Parameters
    ----------
    graph : NamedNode
        The graph of every statement (a cable's named graph).

    Examples
    --------
    >>> g = NamedNode("https://w3id.org/cablegraph/id/cable/07ASTANA367")
    >>> batch = LiteralQuads(g)
    >>> batch.plain(g.value + "/paragraph/1", "https://schema.org/text", 'A "quoted"\\nline')
    >>> batch.typed(g.value + "/paragraph/1", "https://schema.org/position", "1",
    ...             "http://www.w3.org/2001/XMLSchema#integer")
    >>> [q.object for q in batch.quads()]  # doctest: +NORMALIZE_WHITESPACE
    [<Literal value=A "quoted"
    line datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>,
     <Literal value=1 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>]
    """

    __slots__ = ("_graph", "_lines")

    def __init__(self, graph: NamedNode) -> None:
        self._graph = f" <{graph.value}> .\n"
        self._lines: list[str] = []

    def plain(self, subject: str, predicate: str, text: str) -> None:
        """Add ``subject predicate "text"`` (an xsd:string literal)."""
        self._lines.append(f"<{subject}> <{predicate}> {_quoted(text)}{self._graph}")

    def english(self, subject: str, predicate: str, text: str) -> None:
        """Add ``subject predicate "text"@en`` (a label)."""
        self._lines.append(f"<{subject}> <{predicate}> {_quoted(text)}@en{self._graph}")

    def typed(self, subject: str, predicate: str, text: str, datatype: str) -> None:
        """Add ``subject predicate "text"^^<datatype>``; ``text`` is the lexical form."""
        self._lines.append(f"<{subject}> <{predicate}> {_quoted(text)}^^<{datatype}>{self._graph}")

    def quads(self) -> list[Quad]:
        """Return the quads of every statement added, in the order they were added."""
        if not self._lines:
            return []
        data = "".join(self._lines).encode()
        return list(ox.parse(data, format=ox.RdfFormat.N_QUADS, lenient=True))
