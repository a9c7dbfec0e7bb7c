"""The body's paragraphs: position, number as written, portion marking, heading, text."""

from __future__ import annotations

from pyoxigraph import Literal, Quad

from kg.mapping import MappingContext
from kg.mapping.iris import paragraph_iri
from kg.mapping.literals import integer_literal
from kg.mapping.terms import T
from kg.model import Cable

__all__ = ["paragraph_quads"]


def paragraph_quads(cable: Cable, ctx: MappingContext) -> list[Quad]:
    """Return one cg:Paragraph per paragraph, positioned from 1 in body order."""
    g, cable_node, base, key = ctx.graph, ctx.cable, ctx.base, ctx.cable_id
    quads: list[Quad] = []
    add = quads.append
    for position, paragraph in enumerate(cable.paragraphs, start=1):
        node = paragraph_iri(base, key, position)
        add(Quad(node, T.type, T.Paragraph, g))
        add(Quad(node, T.isPartOf, cable_node, g))
        add(Quad(node, T.position, integer_literal(position), g))
        if paragraph.number is not None:
            add(Quad(node, T.paragraphNumber, integer_literal(paragraph.number), g))
        if paragraph.classification:
            add(Quad(node, T.paragraphClassification, Literal(paragraph.classification), g))
        if paragraph.heading:
            add(Quad(node, T.heading, Literal(paragraph.heading), g))
        if paragraph.text:
            add(Quad(node, T.text, Literal(paragraph.text), g))
    return quads
