"""The TO and INFO blocks: one cg:Addressing per line, plus cg:sentTo / cg:copiedTo."""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, Quad

from kg.mapping import MappingContext
from kg.mapping.addressees import resolve_addressee
from kg.mapping.iris import addressing_iri
from kg.mapping.literals import integer_literal
from kg.mapping.terms import T
from kg.model import Cable, Recipient

__all__ = ["routing_quads"]


def routing_quads(cable: Cable, ctx: MappingContext) -> Iterator[Quad]:
    """Yield an addressing node per TO and INFO line, and the direct edges to addressees."""
    yield from _block(cable.recipients, "TO", ctx)
    yield from _block(cable.info_recipients, "INFO", ctx)


def _block(recipients: list[Recipient], role: str, ctx: MappingContext) -> Iterator[Quad]:
    g = ctx.graph
    edge = T.sentTo if role == "TO" else T.copiedTo
    for position, recipient in enumerate(recipients, start=1):
        line = addressing_iri(ctx.base, ctx.cable_id, role, position)
        yield Quad(ctx.cable, T.addressing, line, g)
        yield Quad(line, T.type, T.Addressing, g)
        yield Quad(line, T.role, Literal(role), g)
        yield Quad(line, T.position, integer_literal(position), g)
        yield Quad(line, T.addresseeName, Literal(recipient.name), g)
        if recipient.route:
            yield Quad(line, T.routingIndicator, Literal(recipient.route), g)
        if recipient.precedence:
            yield Quad(line, T.precedence, Literal(recipient.precedence), g)
        if recipient.mcn:
            yield Quad(line, T.mcn, Literal(recipient.mcn), g)
        for excluded in recipient.excluded:
            yield Quad(line, T.excludedPost, Literal(excluded), g)
        resolved = resolve_addressee(ctx.base, recipient.route, recipient.name)
        if resolved is not None:
            node, extra = resolved
            yield Quad(line, T.addressee, node, g)
            yield Quad(ctx.cable, edge, node, g)
            yield from extra
