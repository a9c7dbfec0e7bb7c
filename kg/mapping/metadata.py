"""The cable's own metadata: ids, subject, dates, classification, origin, summary.

The node is the published document: ``dcterms:identifier`` is the id as published (its
IRI is keyed by it, :func:`kg.mapping.iris.cable_key_id`), ``cg:canonicalId`` the
telegram's repaired id that citations use. ``cg:classification`` is the value the
metadata states (the page table), the banner's further caveats are ``cg:caveat``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pyoxigraph import Literal, Quad

from kg.mapping import MappingContext
from kg.mapping.addressees import resolve_addressee
from kg.mapping.iris import classification_iri
from kg.mapping.literals import date_literal, datetime_literal
from kg.mapping.terms import XSD_BOOLEAN, T, en
from kg.model import Cable, Classification

__all__ = ["metadata_quads", "stated_classification", "station_of"]

_STATION = re.compile(r"^\d{2}([A-Z]+?)\d+$")


def station_of(cable_id: str) -> str | None:
    """Return the station part of a reference id, or None.

    Examples
    --------
    >>> station_of("07ASTANA367")
    'ASTANA'
    """
    match = _STATION.match(cable_id)
    return match.group(1) if match else None


def stated_classification(classification: Classification) -> tuple[str, list[str]]:
    """Return the classification as the metadata states it, and the banner's other caveats.

    The page table (or dump column) is the metadata: when it states a value, that value
    is the cable's classification, and caveats only the banner carries (``SIPDIS``,
    ``SENSITIVE``, a ``NOFORN`` the table omits) are returned apart. Without a stated
    value the banner's level and caveats are the classification.

    Examples
    --------
    >>> stated_classification(Classification("CONFIDENTIAL", ["SIPDIS"], "CONFIDENTIAL"))
    ('CONFIDENTIAL', ['SIPDIS'])
    >>> stated_classification(Classification("UNCLASSIFIED", ["FOUO", "SENSITIVE"],
    ...                                      "UNCLASSIFIED//FOR OFFICIAL USE ONLY"))
    ('UNCLASSIFIED//FOR OFFICIAL USE ONLY', ['SENSITIVE'])
    >>> stated_classification(Classification("SECRET", ["NOFORN"]))
    ('SECRET//NOFORN', [])
    """
    if not classification.stated:
        return str(classification), []
    parts = {p.strip().upper() for p in classification.stated.split("//")}
    if "FOR OFFICIAL USE ONLY" in parts:
        parts.add("FOUO")
    return classification.stated, [c for c in classification.caveats if c not in parts]


def _classification_quads(classification: Classification, ctx: MappingContext) -> Iterator[Quad]:
    label, caveats = stated_classification(classification)
    level = classification_iri(ctx.base, label)
    yield Quad(ctx.cable, T.classification, level, ctx.graph)
    yield Quad(level, T.type, T.ClassificationLevel)
    yield Quad(level, T.prefLabel, en(label))
    yield Quad(level, T.notation, Literal(label))
    for caveat in caveats:
        yield Quad(ctx.cable, T.caveat, Literal(caveat), ctx.graph)


def metadata_quads(cable: Cable, ctx: MappingContext) -> Iterator[Quad]:
    """Yield the cable's identity, title, dates, classification, origin and summary."""
    c, g, cid = ctx.cable, ctx.graph, cable.canonical_id
    yield Quad(c, T.type, T.Cable, g)
    yield Quad(c, T.identifier, Literal(cable.reference_id), g)
    yield Quad(c, T.canonicalId, Literal(cid), g)
    station = cable.station or station_of(cid)
    if station:
        yield Quad(c, T.station, Literal(station), g)
    if cable.subject:
        yield Quad(c, T.title, Literal(cable.subject), g)
    if cable.created:
        yield Quad(c, T.created, datetime_literal(cable.created, cid, "created"), g)
    if cable.released:
        yield Quad(c, T.released, datetime_literal(cable.released, cid, "released"), g)
    if cable.nondisclosure_deadline:
        deadline = date_literal(cable.nondisclosure_deadline, cid, "nondisclosure_deadline")
        yield Quad(c, T.declassifyOn, deadline, g)
    if cable.classification is not None and cable.classification.level:
        yield from _classification_quads(cable.classification, ctx)
    origin = resolve_addressee(ctx.base, cable.sender_route, cable.sender, cable.origin)
    if origin is not None:
        node, extra = origin
        yield Quad(c, T.origin, node, g)
        yield from extra
    if cable.summary:
        yield Quad(c, T.abstract, Literal(cable.summary), g)
    if cable.transmission_id:
        yield Quad(c, T.transmissionId, Literal(cable.transmission_id), g)
    if cable.date_time_group:
        yield Quad(c, T.dateTimeGroup, Literal(cable.date_time_group), g)
    if cable.precedence:
        yield Quad(c, T.precedence, Literal(cable.precedence), g)
    if cable.is_partial:
        yield Quad(c, T.isPartial, Literal("true", datatype=XSD_BOOLEAN), g)
