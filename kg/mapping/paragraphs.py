"""The body's paragraphs: position, number as written, portion marking, heading, text."""

from __future__ import annotations

from pyoxigraph import Literal, Quad

from kg.mapping import MappingContext
from kg.mapping.iris import paragraph_iri
from kg.mapping.literal_quads import LiteralQuads
from kg.mapping.terms import XSD_INTEGER, T
from kg.model import Cable

__all__ = ["paragraph_quads"]

# the short literal statements go through LiteralQuads (one parse per cable, see there)
_POSITION, _NUMBER = T.position.value, T.paragraphNumber.value
_MARKING, _HEADING = T.paragraphClassification.value, T.heading.value
_INTEGER = XSD_INTEGER.value


def paragraph_quads(cable: Cable, ctx: MappingContext) -> list[Quad]:
    """Return one cg:Paragraph per paragraph, positioned from 1 in body order."""
    g, cable_node, base, key = ctx.graph, ctx.cable, ctx.base, ctx.cable_id
    quads: list[Quad] = []
    add = quads.append
    literals = LiteralQuads(g)
    for position, paragraph in enumerate(cable.paragraphs, start=1):
        node = paragraph_iri(base, key, position)
        add(Quad(node, T.type, T.Paragraph, g))
        add(Quad(node, T.isPartOf, cable_node, g))
        iri = node.value
        literals.typed(iri, _POSITION, str(position), _INTEGER)
        if paragraph.number is not None:
            literals.typed(iri, _NUMBER, str(paragraph.number), _INTEGER)
        if paragraph.classification:
            literals.plain(iri, _MARKING, paragraph.classification)
        if paragraph.heading:
            literals.plain(iri, _HEADING, paragraph.heading)
        if paragraph.text:
            # built directly: parsing costs per character, and a paragraph is ~800 of them
            add(Quad(node, T.text, Literal(paragraph.text), g))
    quads += literals.quads()
    return quads
