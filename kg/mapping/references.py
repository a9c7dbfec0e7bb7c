"""The REF block: ``dcterms:references`` → cited cables, in the corpus or not.

A cited cable gets a node with its id and station in the default graph, so the
citation edge survives even when the cited cable itself was never published.
Non-cable references (emails, memcons, reports) are kept as citation text.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad
from rdflib.namespace import DCTERMS

from kg.mapping import MappingContext
from kg.mapping.iris import cable_iri
from kg.mapping.metadata import station_of
from kg.mapping.terms import T
from kg.model import Cable

__all__ = ["reference_quads"]

_CITATION = NamedNode(str(DCTERMS.bibliographicCitation))


def reference_quads(cable: Cable, ctx: MappingContext) -> Iterator[Quad]:
    """Yield an edge per cited cable (and its stub node), and citation text for the rest."""
    for ref in cable.references:
        if ref.kind == "CABLE" and ref.id:
            cited = cable_iri(ctx.base, ref.id)
            if cited == ctx.cable:
                continue
            yield Quad(ctx.cable, T.references, cited, ctx.graph)
            yield Quad(cited, T.type, T.Cable)
            yield Quad(cited, T.identifier, Literal(ref.id))
            yield Quad(cited, T.canonicalId, Literal(ref.id))
            station = station_of(ref.id)
            if station:
                yield Quad(cited, T.station, Literal(station))
        elif ref.text.strip():
            yield Quad(ctx.cable, _CITATION, Literal(ref.text.strip()), ctx.graph)
