"""The body's paragraphs: position, number as written, portion marking, heading, text."""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, Quad

from kg.mapping import MappingContext
from kg.mapping.iris import paragraph_iri
from kg.mapping.terms import T
from kg.model import Cable

__all__ = ["paragraph_quads"]


def paragraph_quads(cable: Cable, ctx: MappingContext) -> Iterator[Quad]:
    """Yield one cg:Paragraph per paragraph, positioned from 1 in body order."""
    g = ctx.graph
    for position, paragraph in enumerate(cable.paragraphs, start=1):
        node = paragraph_iri(ctx.base, ctx.cable_id, position)
        yield Quad(node, T.type, T.Paragraph, g)
        yield Quad(node, T.isPartOf, ctx.cable, g)
        yield Quad(node, T.position, Literal(position), g)
        if paragraph.number is not None:
            yield Quad(node, T.paragraphNumber, Literal(paragraph.number), g)
        if paragraph.classification:
            yield Quad(node, T.paragraphClassification, Literal(paragraph.classification), g)
        if paragraph.heading:
            yield Quad(node, T.heading, Literal(paragraph.heading), g)
        if paragraph.text:
            yield Quad(node, T.text, Literal(paragraph.text), g)
