"""The TAGS line: ``dcterms:subject`` → the TAG concepts of the cg:TAGS scheme.

Known codes are described once by the scheme (:func:`kg.mapping.tables.tag_quads`);
a code the scheme lacks still gets a concept, labelled with its code, so no edge is lost.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, Quad

from kg.mapping import MappingContext
from kg.mapping.iris import tag_iri
from kg.mapping.tables import tag_codes
from kg.mapping.terms import T, en
from kg.model import Cable

__all__ = ["tag_quads"]


def tag_quads(cable: Cable, ctx: MappingContext) -> Iterator[Quad]:
    """Yield one dcterms:subject per TAG, and a concept for each code the scheme lacks."""
    known = tag_codes()
    for tag in cable.tags:
        node = tag_iri(ctx.base, tag.code)
        yield Quad(ctx.cable, T.subject, node, ctx.graph)
        if tag.code not in known:
            yield Quad(node, T.type, T.Concept)
            yield Quad(node, T.inScheme, T.TAGS)
            yield Quad(node, T.notation, Literal(tag.code))
            yield Quad(node, T.prefLabel, en(tag.code))
            yield Quad(node, T.tagKind, Literal(tag.kind))
