"""The build's Turtle file, written while the cables stream into the store.

Exporting Turtle from the finished store reads every term back out of Oxigraph (≈ 60 s
CPU for the 6,712 corpus, the longest stage after the cable stage). A full build writes
the same graph as the cables arrive instead: each worker serializes its cable's triples
with Oxigraph's Turtle serializer (:func:`turtle_body`, ≈ 0.6 µs a triple) and the driver
appends them, in cable order, after one prefix header (:class:`TurtleStream`). What
cables state in the default graph goes in as the driver loads it: each line once while
the driver remembers it, as N-Triples lines (N-Triples is a subset of Turtle).

The file's graph is the union of the store's graphs before the analytics write-back,
like ``kg export --format turtle``; it is grouped by cable rather than sorted by
subject, and a triple several cables state may appear more than once (an RDF graph is a
set: parsers keep one). An incremental build, or a run holding the same cable twice,
cannot append to what it wrote: the stream is abandoned and the file exported from the
store (:mod:`kg.export`).

Workers call :func:`turtle_body`; :mod:`kg.loading` drives a :class:`TurtleStream`.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.namespaces import PREFIXES

__all__ = ["TurtleStream", "turtle_body", "turtle_header"]

_PROBE = ox.NamedNode("urn:cablegraph:probe")


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
    """A Turtle file written statement block by statement block, in arrival order.

    Written to ``path`` as it goes; :meth:`abandon` deletes it (the build then exports
    Turtle from the store). ``seconds`` is the wall time spent writing.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: BinaryIO | None = path.open("wb")
        self.handle.write(turtle_header())
        self.seconds = 0.0

    def write(self, data: bytes) -> None:
        """Append Turtle statements (a :func:`turtle_body`, or N-Triples lines)."""
        if self.handle is not None and data:
            clock = time.perf_counter()
            self.handle.write(data)
            self.seconds += time.perf_counter() - clock

    def abandon(self) -> None:
        """Stop writing and delete the file: it can no longer hold the built graph."""
        if self.handle is not None:
            self.handle.close()
            self.handle = None
            self.path.unlink(missing_ok=True)

    def close(self) -> bool:
        """Finish the file; return whether it holds the graph (it was not abandoned)."""
        if self.handle is None:
            return False
        self.handle.close()
        self.handle = None
        return True
