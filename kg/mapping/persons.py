"""Persons in header roles: the signer(s) and who classified the cable.

A person's node is keyed by the name as written (``person/ordway``); linking the same
person across spellings is the link stage's job.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from kg.mapping import MappingContext
from kg.mapping.iris import slug
from kg.mapping.terms import DEFAULT_GRAPH, T, en
from kg.model import Cable

__all__ = ["person_key", "person_quads"]


def person_key(name: str) -> str:
    """Return the entity key of a person named ``name``.

    Examples
    --------
    >>> person_key("ORDWAY"), person_key("John M. Ordway")
    ('person/ordway', 'person/john-m-ordway')
    """
    return "person/" + (slug(name) or "unknown")


def _label(name: str) -> str:
    text = " ".join(name.split())
    return text.title() if text.isupper() else text


def _person(ctx: MappingContext, name: str) -> tuple[NamedNode, list[Quad]]:
    node = ctx.iri(person_key(name))
    return node, [
        Quad(node, T.type, T.Person, DEFAULT_GRAPH),
        Quad(node, T.prefLabel, en(_label(name)), DEFAULT_GRAPH),
    ]


def person_quads(cable: Cable, ctx: MappingContext) -> Iterator[Quad]:
    """Yield cg:signedBy and cg:classifiedBy edges and the persons they point to."""
    for name in cable.signers:
        if name.strip():
            node, description = _person(ctx, name)
            yield Quad(ctx.cable, T.signedBy, node, ctx.graph)
            yield from description
    classified = cable.classified_by
    if classified is None:
        return
    for name in classified.names:
        if name.strip():
            node, description = _person(ctx, name)
            yield Quad(ctx.cable, T.classifiedBy, node, ctx.graph)
            yield from description
            if classified.title:
                yield Quad(node, T.jobTitle, Literal(classified.title), DEFAULT_GRAPH)
    for reason in classified.reasons:
        yield Quad(ctx.cable, T.classificationReason, Literal(reason), ctx.graph)
