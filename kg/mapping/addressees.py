"""Resolve a post, agency or collective named in a header to one node.

Used by the metadata mapper (the FM line / page Origin) and the routing mapper (TO and
INFO lines). The routing table (:mod:`kg.mapping.tables`) knows the posts; an addressee
it does not know still gets a node, keyed by its name, described in the default graph.
That key is an organization key like the extraction stage's (``org/eucom``), so the label
is :func:`kg.mapping.labels.entity_label` of the key (the organizations gazetteer's name
for a gazetteer key): every cable, and the entities mapper, give the node one prefLabel.
"""

from __future__ import annotations

import functools

from pyoxigraph import NamedNode, Quad

from kg.mapping.iris import entity_iri
from kg.mapping.labels import entity_label, is_gazetteer_key, reference_facts
from kg.mapping.tables import (
    addressee_key,
    organization_quads,
    station_by_name,
    station_by_route,
)
from kg.mapping.terms import T

__all__ = ["resolve_addressee"]


def _plain(name: str) -> str:
    # "DEPT OF JUSTICE WASHDC//ICITAP": the office symbol after // is not the addressee
    return " ".join(name.split("//")[0].split()).upper()


# The same few hundred addressees head most cables: each is resolved once per process.
@functools.lru_cache(maxsize=1 << 12)
def resolve_addressee(
    base_iri: str, route: str | None, *names: str | None
) -> tuple[NamedNode, tuple[Quad, ...]] | None:
    """Return the node of an addressee and the default-graph quads describing it.

    The written name decides first (routing indicators were reassigned over the years),
    then the routing indicator; an unknown addressee gets ``org/<slug of the first name>``,
    labelled from that key alone. Returns None when neither a route nor a name is given.

    Examples
    --------
    >>> node, extra = resolve_addressee("https://w3id.org/cablegraph/id/", "RUEAWJA",
    ...                                 "DEPT OF JUSTICE WASHDC//ICITAP")
    >>> node.value, extra
    ('https://w3id.org/cablegraph/id/org/doj', ())
    >>> node, extra = resolve_addressee("https://w3id.org/cablegraph/id/", None, "EUCOM")
    >>> node.value, [q.object.value for q in extra][1]
    ('https://w3id.org/cablegraph/id/org/eucom', 'U.S. European Command')
    """
    written = [_plain(n) for n in names if n and n.strip()]
    for name in written:
        station = station_by_name(name)
        if station is not None:
            return entity_iri(base_iri, station.key), ()
    if route:
        station = station_by_route(route.strip().upper())
        if station is not None:
            return entity_iri(base_iri, station.key), ()
    if not written:
        return None
    key = addressee_key(written[0])
    node = entity_iri(base_iri, key)
    if key in reference_facts().pref_labels:  # "SECDEF" without its route: the table's node
        return node, ()
    quads = tuple(organization_quads(node, entity_label(key), "other"))
    if is_gazetteer_key(key):  # the gazetteer's type, stated by the entities mapper
        quads = tuple(q for q in quads if q.predicate != T.orgType)
    return node, quads
