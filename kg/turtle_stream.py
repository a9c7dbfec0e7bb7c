"""The build's Turtle file, written while the cables stream into the store, in sections.

Exporting Turtle from the finished store reads every term back out of Oxigraph (≈ 60 s
CPU for the 6,712 corpus, the longest stage after the cable stage). A build writes the
same graph as the cables arrive instead: each worker serializes its cable's named graph
with Oxigraph's Turtle serializer (:func:`turtle_body`, ≈ 0.6 µs a triple) and the driver
appends it, in cable order, after one prefix header (:class:`TurtleStream`). What cables
state in the default graph goes in as the driver loads it: each line once while the
driver remembers it, as N-Triples lines (N-Triples is a subset of Turtle).

The file is a run of sections, each opened by a comment line: ``# graph <IRI>`` before
the triples of one cable's named graph, ``# default graph`` before default-graph triples.
An incremental build writes its rebuilt cables' sections to a new file and then copies
the previous build's file after them, leaving out the sections of the graphs it replaced
or pruned (:meth:`TurtleStream.drop`): a changed cable costs a copy of the file, not an
export of the store. The default graph only grows (the store keeps what earlier cables
stated there), so its sections are always kept.

The file's graph is the union of the store's graphs before the analytics write-back; it
is grouped by cable rather than sorted by subject, and a triple several cables state may
appear more than once (an RDF graph is a set: parsers keep one). A run holding the same
cable twice cannot take back the section it wrote, and a previous file not written in
sections cannot be patched: the stream is abandoned and the build exports the file from
the store (:mod:`kg.export`).

Workers call :func:`turtle_body`; :mod:`kg.loading` drives a :class:`TurtleStream`.
"""

from __future__ import annotations

import functools
import mmap
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.namespaces import PREFIXES

__all__ = ["TurtleStream", "turtle_body", "turtle_header"]

_PROBE = ox.NamedNode("urn:cablegraph:probe")
_DEFAULT = b"# default graph\n"
#: a section's opening line, with the line break before it (a literal's line break is
#: written ``\n``: no statement line of Oxigraph's Turtle starts with ``#``); a leading
#: literal lets the regex engine skip ahead (14× faster than ``^`` in multiline mode)
_SECTION = re.compile(rb"\n# (?:graph <([^>\n]*)>|default graph)(?=\n)")


@functools.cache
def turtle_header() -> bytes:
    """The ``@prefix`` lines Oxigraph's Turtle serializer opens a document with.

    Examples
    --------
    >>> turtle_header().splitlines()[0].startswith(b"@prefix ")
    True
    """
    probe = ox.serialize(
        [ox.Triple(_PROBE, _PROBE, _PROBE)], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES
    )
    assert probe is not None
    return probe[: probe.index(b"<" + _PROBE.value.encode())]


def turtle_body(triples: Iterable[ox.Triple]) -> bytes:
    """Serialize ``triples`` as Turtle statements using the project's prefixes, without
    the prefix header (:class:`TurtleStream` writes it once).

    Examples
    --------
    >>> cable = ox.NamedNode("https://w3id.org/cablegraph/id/cable/07ASTANA367")
    >>> kind = ox.NamedNode("https://w3id.org/cablegraph/ontology#Cable")
    >>> turtle_body([ox.Triple(cable, ox.NamedNode(str(PREFIXES["rdf"]) + "type"), kind)])
    b'<https://w3id.org/cablegraph/id/cable/07ASTANA367> a cg:Cable .\\n'
    """
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    header = turtle_header()
    return data[len(header) :] if data.startswith(header) else data


class TurtleStream:
    """A Turtle file written section by section, in arrival order.

    Written to ``path`` as it goes; :meth:`abandon` deletes it (the build then exports
    Turtle from the store). With ``previous`` (see :meth:`patching`), :meth:`close`
    appends that file's sections but those of dropped graphs. ``seconds`` is the wall
    time spent writing.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> first = TurtleStream(folder / "a.ttl")
    >>> first.add_graph("urn:g:1", b"<urn:s> <urn:p> 1 .\\n")
    >>> first.add_graph("urn:g:2", b"<urn:s> <urn:p> 2 .\\n")
    >>> first.close()
    True
    >>> second = TurtleStream.patching(folder / "b.ttl", folder / "a.ttl")
    >>> second.add_graph("urn:g:1", b"<urn:s> <urn:p> 3 .\\n")
    >>> second.drop("urn:g:1")
    >>> second.close()
    True
    >>> [line for line in (folder / "b.ttl").read_bytes().splitlines() if b"<urn:s>" in line]
    [b'<urn:s> <urn:p> 3 .', b'<urn:s> <urn:p> 2 .']
    """

    def __init__(self, path: Path, previous: Path | None = None) -> None:
        self.path = path
        self.previous = previous
        self.handle: BinaryIO | None = path.open("wb")
        self.handle.write(turtle_header())
        self.dropped: set[str] = set()
        self.written = False
        self.seconds = 0.0

    @classmethod
    def patching(cls, path: Path, previous: Path) -> TurtleStream | None:
        """A stream to ``path`` that ends with ``previous``'s sections, if ``previous``
        is a file this module wrote with the same prefixes; otherwise None."""
        header = turtle_header()
        try:
            with previous.open("rb") as handle:
                start = handle.read(len(header) + len(_DEFAULT))
        except OSError:
            return None
        if not start.startswith(header) or not start[len(header) :].startswith(
            (b"# graph <", _DEFAULT)
        ):
            return None
        return cls(path, previous)

    def add_graph(self, graph: str, body: bytes) -> None:
        """Append the section of named graph ``graph``: a :func:`turtle_body`."""
        self._write(b"# graph <" + graph.encode() + b">\n" + body)

    def add_default(self, body: bytes) -> None:
        """Append default-graph triples (a :func:`turtle_body`, or N-Triples lines)."""
        if body:
            self._write(_DEFAULT + body)

    def drop(self, graph: str) -> None:
        """Leave the previous file's section of ``graph`` out (replaced or pruned)."""
        self.dropped.add(graph)

    def abandon(self) -> None:
        """Stop writing and delete the file: it can no longer hold the built graph."""
        if self.handle is not None:
            self.handle.close()
            self.handle = None
            self.path.unlink(missing_ok=True)

    def close(self) -> bool:
        """Finish the file; return whether it holds the graph.

        False when abandoned, or when it would patch nothing: the previous file is
        then the graph, and the file written is deleted.
        """
        if self.handle is None:
            return False
        if self.previous is not None:
            if not (self.written or self.dropped):
                self.abandon()
                return False
            clock = time.perf_counter()
            self._copy_previous(self.handle)
            self.seconds += time.perf_counter() - clock
        self.handle.close()
        self.handle = None
        return True

    def _write(self, data: bytes) -> None:
        if self.handle is not None:
            clock = time.perf_counter()
            self.handle.write(data)
            self.written = True
            self.seconds += time.perf_counter() - clock

    def _copy_previous(self, target: BinaryIO) -> None:
        """Append the previous file's sections, but those of dropped graphs."""
        assert self.previous is not None
        with (
            self.previous.open("rb") as handle,
            mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data,
        ):
            for start, end in _kept(data, len(turtle_header()), self.dropped):
                target.write(data[start:end])


def _kept(data: mmap.mmap, start: int, dropped: set[str]) -> Iterator[tuple[int, int]]:
    """The byte ranges of ``data``'s sections from ``start`` on, but those of ``dropped``
    graphs; consecutive kept sections come as one range."""
    kept: int | None = start  # where the range being kept began; None while skipping
    # a match starts at the line break before a section (``start`` follows one)
    for match in _SECTION.finditer(data, start - 1):
        begin = match.start() + 1
        graph = match.group(1)
        if graph is not None and graph.decode() in dropped:
            if kept is not None and begin > kept:
                yield kept, begin
            kept = None
        elif kept is None:
            kept = begin
    if kept is not None and kept < len(data):
        yield kept, len(data)
