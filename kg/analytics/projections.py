"""Projections: named views of the RDF store as networkx graphs.

Each projection is a function ``(store, window) -> networkx graph`` registered in
:data:`PROJECTIONS`. Nodes are IRIs (strings) with ``label``, ``type`` and ``cables`` (how
many cables in the window mention or send them); edges carry ``weight``. Two graph
attributes let measures and the viewer go back to the cables: ``G.graph["mentions"]``
(node → cable IRIs, in no particular order) and ``G.graph["cables"]`` (cable IRI →
:class:`CableInfo`).
Called by :mod:`kg.analytics.run` and :mod:`kg.viewer`.
"""

from __future__ import annotations

import inspect
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.analytics.registry import Registry
from kg.analytics.sparql import CG, memoized, select
from kg.store import GraphStore

__all__ = [
    "PROJECTIONS",
    "CableInfo",
    "EntityInfo",
    "Window",
    "cable_table",
    "entity_table",
    "event_labels",
    "event_roles",
    "instances",
    "pairs",
    "pref_labels",
    "project",
    "triples",
]

Projection = Callable[..., nx.Graph]

#: projection name → function(store, window) -> graph
PROJECTIONS: Registry[Projection] = Registry("projection")

SKOS_CONCEPT = "http://www.w3.org/2004/02/skos/core#Concept"

DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"

#: the cable → thing relations projections read (:func:`pairs`)
RELATIONS: dict[str, str] = {
    "mentions": "https://schema.org/mentions",
    "origin": CG + "origin",
    "subjects": DCTERMS + "subject",
    "references": DCTERMS + "references",
}

#: entity class → the type name shown to people; the first match in this order wins, so a
#: post typed both cg:DiplomaticPost and cg:Organization is a DiplomaticPost.
ENTITY_TYPES: dict[str, str] = {
    CG + "Event": "Event",
    CG + "Programme": "Programme",
    CG + "Person": "Person",
    CG + "DiplomaticPost": "DiplomaticPost",
    CG + "Organization": "Organization",
    CG + "City": "Place",
    CG + "Country": "Place",
    CG + "Region": "Place",
    CG + "Site": "Place",
    CG + "Place": "Place",
    SKOS_CONCEPT: "Tag",
}


@dataclass(frozen=True)
class Window:
    """An inclusive range of cable dates (``YYYY-MM-DD`` strings; None = open).

    Examples
    --------
    >>> Window("2007-01-01", "2007-12-31").contains("2007-02-27T10:39:00")
    True
    >>> Window(until="2006-12-31").contains("2007-02-27T10:39:00")
    False
    """

    since: str | None = None
    until: str | None = None

    def contains(self, date: str | None) -> bool:
        """Whether a cable created at ``date`` (ISO text) falls in the window."""
        if self.since is None and self.until is None:
            return True
        if not date:
            return False
        day = date[:10]
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )


@dataclass(frozen=True)
class CableInfo:
    """What a tooltip or a chart says about a cable."""

    identifier: str
    date: str
    title: str


@dataclass(frozen=True)
class EntityInfo:
    """An entity's display label and type name."""

    label: str
    type: str


def project(
    store: GraphStore,
    name: str,
    window: Window | None = None,
    options: Mapping[str, Any] | None = None,
) -> nx.Graph:
    """Build the projection ``name`` of ``store`` restricted to cables in ``window``.

    Parameters
    ----------
    store : pyoxigraph.Store
        The graph ``kg build`` wrote.
    name : str
        A name registered in :data:`PROJECTIONS`.
    window : Window, optional
        Only cables created in this date range count.
    options : mapping, optional
        ``max_edges``...; each projection takes those its signature names.

    Returns
    -------
    networkx.Graph or networkx.DiGraph

    Raises
    ------
    ConfigError
        If ``name`` is not registered; the message lists the registered names.
    """
    function = PROJECTIONS.get(name)
    accepted = inspect.signature(function).parameters
    kwargs = {k: v for k, v in (options or {}).items() if k in accepted}
    graph = function(store, window or Window(), **kwargs)
    graph.graph["projection"] = name
    return graph


def cable_table(store: GraphStore, window: Window | None = None) -> dict[str, CableInfo]:
    """Every cable in the store (in ``window``): IRI → identifier, date, subject.

    Cables only cited (not in the store) have no date: they are left out of a window.
    """
    window = window or Window()
    return memoized(("cables", id(store), window), lambda: _cable_table(store, window))


def _cable_table(store: GraphStore, window: Window) -> dict[str, CableInfo]:
    identifiers = dict(triples(store, DCTERMS + "identifier"))
    dates = dict(triples(store, DCTERMS + "created"))
    titles = dict(triples(store, DCTERMS + "title"))
    table = {}
    for cable in instances(store, CG + "Cable"):
        date = dates.get(cable, "")
        if window.contains(date):
            table[cable] = CableInfo(
                identifiers.get(cable, _tail(cable)), date, titles.get(cable, "")
            )
    return table


def entity_table(store: GraphStore) -> dict[str, EntityInfo]:
    """Every typed entity and TAG concept: IRI → label (prefLabel, else notation) and type.

    Events are labelled by :func:`event_labels`.
    """
    return memoized(("entities", id(store)), lambda: _entity_table(store))


def _entity_table(store: GraphStore) -> dict[str, EntityInfo]:
    labels = pref_labels(store)
    notations = dict(triples(store, SKOS + "notation"))
    kinds: dict[str, str] = {}
    # ENTITY_TYPES is in priority order: the first class an entity has decides its type
    for cls, kind in reversed(ENTITY_TYPES.items()):
        for entity in instances(store, cls):
            kinds[entity] = kind
    table = {}
    for entity, kind in kinds.items():
        label = notations.get(entity) if kind == "Tag" else labels.get(entity)
        label = label or labels.get(entity) or notations.get(entity) or _tail(entity)
        table[entity] = EntityInfo(label, kind)
    for event, label in event_labels(store).items():
        table[event] = EntityInfo(label, "Event")
    return table


def event_labels(store: GraphStore) -> dict[str, str]:
    """A short label for every event: ``type · place · begin date``.

    An event's prefLabel is the sentence it was extracted from, too long for a node or a
    table row; its type, place and date say what it was at a glance. Several places are
    joined with ``/`` (at most two, alphabetically).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> from kg.store import OxigraphStore
    >>> store = OxigraphStore()
    >>> store.add_default(ox.parse('''
    ...     @prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
    ...     @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ...     <http://x/e1> a <https://w3id.org/cablegraph/ontology#Event> ;
    ...         skos:prefLabel "INL representatives ... trained 120 officers" ;
    ...         sem:eventType <http://x/training> ; sem:hasPlace <http://x/almaty> ;
    ...         sem:hasBeginTimeStamp "2007-01-23" .
    ...     <http://x/training> skos:prefLabel "training" .
    ...     <http://x/almaty> skos:prefLabel "Almaty" .
    ...     <http://x/e2> a <https://w3id.org/cablegraph/ontology#Event> .
    ... ''', ox.RdfFormat.TURTLE))
    8
    >>> event_labels(store)
    {'http://x/e1': 'training · Almaty · 2007-01-23', 'http://x/e2': 'event'}
    """
    labels = pref_labels(store)
    kinds: dict[str, set[str]] = defaultdict(set)
    for event, kind in triples(store, SEM + "eventType"):
        kinds[event].add(labels.get(kind) or _tail(kind))
    places: dict[str, set[str]] = defaultdict(set)
    for event, place in triples(store, SEM + "hasPlace"):
        places[event].add(labels.get(place) or _tail(place))
    begins: dict[str, set[str]] = defaultdict(set)
    for event, begin in triples(store, SEM + "hasBeginTimeStamp"):
        begins[event].add(begin[:10])
    result = {}
    for event in sorted(instances(store, CG + "Event")):
        parts = [
            min(kinds[event], default="event"),
            "/".join(sorted(places[event])[:2]),
            min(begins[event], default=""),
        ]
        result[event] = " · ".join(part for part in parts if part)
    return result


def triples(store: GraphStore, predicate: str) -> list[tuple[str, str]]:
    """``(subject, object)`` of every triple with ``predicate``, in any graph.

    One pattern, no join: Oxigraph answers it several times faster than the same rows
    out of a join or an OPTIONAL, so projections join these lists in Python instead.

    Examples
    --------
    >>> from kg.store import OxigraphStore
    >>> triples(OxigraphStore(), "https://schema.org/mentions")
    []
    """
    query = f"SELECT ?s ?o WHERE {{ ?s <{predicate}> ?o }}"
    return memoized(
        ("triples", id(store), predicate),
        lambda: [(row["s"], row["o"]) for row in select(store, query)],
    )


def instances(store: GraphStore, cls: str) -> set[str]:
    """Everything typed ``cls`` in any graph."""
    query = f"SELECT DISTINCT ?s WHERE {{ ?s a <{cls}> }}"
    return memoized(
        ("instances", id(store), cls), lambda: {row["s"] for row in select(store, query)}
    )


def pref_labels(store: GraphStore) -> dict[str, str]:
    """``skos:prefLabel`` of everything that has one (the smallest, should there be two)."""

    def read() -> dict[str, str]:
        labels: dict[str, str] = {}
        for thing, label in triples(store, SKOS + "prefLabel"):
            if thing not in labels or label < labels[thing]:
                labels[thing] = label
        return labels

    return memoized(("pref_labels", id(store)), read)


def pairs(store: GraphStore, relation: str) -> list[tuple[str, str]]:
    """``(cable, object)`` for every cable and one of its :data:`RELATIONS`.

    Subjects are not checked to be cables: callers keep those in their cable table.
    """
    return triples(store, RELATIONS[relation])


def event_roles(store: GraphStore) -> list[tuple[str, str, str]]:
    """``(event, place or actor, role)`` for every event (``sem:hasPlace``/``sem:hasActor``)."""
    places = [(e, x, "place") for e, x in triples(store, SEM + "hasPlace")]
    return places + [(e, x, "actor") for e, x in triples(store, SEM + "hasActor")]


@PROJECTIONS.registers("comention")
def comention_graph(store: GraphStore, window: Window, max_edges: int | None = None) -> nx.Graph:
    """Entities linked when cables mention them together; weight = number of such cables.

    Every mentioned organization, post, place, person, programme and event is a node, even
    one no other entity shares a cable with. A whole archive has millions of co-mention
    pairs, most of them two names that met once in one long cable; above ``max_edges``
    edges only the strongest are kept: the edges with at least ``min_weight`` cables, the
    smallest threshold that fits (``graph.graph["min_weight"]``), and the entities they
    link.

    The weights are a sparse product in C: (cables × entities)ᵀ (cables × entities).
    """
    import numpy as np
    import scipy.sparse as sp

    cables = cable_table(store, window)
    entities = entity_table(store)
    found = {(c, e) for c, e in pairs(store, "mentions") if c in cables and e in entities}
    cable_index = {c: i for i, c in enumerate(sorted({c for c, _ in found}))}
    names = sorted({e for _, e in found})
    entity_index = {e: i for i, e in enumerate(names)}
    incidence = sp.csr_matrix(
        (
            np.ones(len(found), dtype=np.int32),
            (
                np.fromiter((cable_index[c] for c, _ in found), np.int32, len(found)),
                np.fromiter((entity_index[e] for _, e in found), np.int32, len(found)),
            ),
        ),
        shape=(len(cable_index), len(names)),
    )
    weights = sp.triu(incidence.T @ incidence, k=1).tocoo()
    min_weight = _min_weight(weights.data, max_edges)
    strong = weights.data >= min_weight
    # above the threshold an entity stays only with a tie that passed it, else it would
    # be one more isolated node (and one more community of one)
    kept = (
        set(weights.row[strong].tolist()) | set(weights.col[strong].tolist())
        if min_weight > 1
        else set(range(len(names)))
    )
    mentions: dict[str, set[str]] = defaultdict(set)
    for cable, entity in found:
        if entity_index[entity] in kept:
            mentions[entity].add(cable)
    graph = nx.Graph(min_weight=min_weight)
    _add_nodes(graph, mentions, entities, cables)
    ends = np.asarray(names, dtype=object)
    graph.add_weighted_edges_from(
        zip(
            ends[weights.row[strong]].tolist(),
            ends[weights.col[strong]].tolist(),
            weights.data[strong].tolist(),
            strict=True,
        )
    )
    return graph


def _min_weight(weights: Any, max_edges: int | None) -> int:
    """The smallest weight threshold that leaves at most ``max_edges`` edges (1 if all fit).

    Examples
    --------
    >>> import numpy as np
    >>> _min_weight(np.array([1, 1, 1, 2, 2, 5]), 2), _min_weight(np.array([1, 3]), None)
    (3, 1)
    """
    if max_edges is None or len(weights) <= max_edges:
        return 1
    import numpy as np

    ordered = np.sort(weights)[::-1]
    return int(ordered[max_edges]) + 1


@PROJECTIONS.registers("citation")
def citation_graph(store: GraphStore, window: Window) -> nx.DiGraph:
    """Cables pointing to the cables they reference (``dcterms:references``).

    Referenced cables that are not in the store are nodes too (``in_store`` False): they
    are often the ones everything cites.
    """
    cables = cable_table(store, window)
    graph = nx.DiGraph()
    citing: dict[str, set[str]] = defaultdict(set)
    for cable, cited in pairs(store, "references"):
        if cable in cables:
            citing[cited].add(cable)
            graph.add_edge(cable, cited, weight=1)
    graph.add_nodes_from(cables)
    for node in graph:
        info = cables.get(node)
        graph.nodes[node].update(
            label=info.identifier if info else _tail(node),
            type="Cable",
            cables=len(citing.get(node, ())),
            in_store=info is not None and bool(info.date),
        )
    graph.graph["mentions"] = {node: tuple(c) for node, c in citing.items()}
    graph.graph["cables"] = cables
    return graph


@PROJECTIONS.registers("post_tag")
def post_tag_graph(store: GraphStore, window: Window) -> nx.Graph:
    """Posts linked to the TAGS of the cables they sent; weight = number of cables."""
    return _affiliation_graph(
        store, window, "subjects", {"DiplomaticPost", "Organization"}, {"Tag"}
    )


@PROJECTIONS.registers("post_org")
def post_org_graph(store: GraphStore, window: Window) -> nx.Graph:
    """Posts linked to the organizations their cables mention; weight = number of cables."""
    return _affiliation_graph(
        store, window, "mentions", {"DiplomaticPost", "Organization"}, {"Organization"}
    )


@PROJECTIONS.registers("event")
def event_graph(store: GraphStore, window: Window) -> nx.Graph:
    """Events linked to their places (``sem:hasPlace``) and actors (``sem:hasActor``).

    Edges carry ``role`` (``place`` or ``actor``); only events a cable in the window
    mentions are kept.
    """
    cables = cable_table(store, window)
    entities = entity_table(store)
    mentions: dict[str, set[str]] = defaultdict(set)
    for cable, entity in pairs(store, "mentions"):
        info = entities.get(entity)
        if cable in cables and info is not None and info.type == "Event":
            mentions[entity].add(cable)
    graph = nx.Graph()
    for event, other, role in event_roles(store):
        if event in mentions and other in entities:
            graph.add_edge(event, other, weight=1, role=role)
            mentions[other].update(mentions[event])
    graph.add_nodes_from(mentions)
    _add_nodes(graph, mentions, entities, cables)
    return graph


@PROJECTIONS.registers("cable")
def cable_graph(store: GraphStore, window: Window) -> nx.Graph:
    """Cables as nodes, linked to their origin post and to everything they mention.

    Events are also linked to their places and actors, so the ego network of one cable
    shows who did what where, not just a star. Edges carry ``role``: ``origin``,
    ``mentions``, ``place`` or ``actor``. A cable node lists itself as its only cable (so a
    tooltip shows its subject); an entity, the cables in the window that mention it.
    """
    cables = cable_table(store, window)
    entities = entity_table(store)
    mentions: dict[str, set[str]] = defaultdict(set)
    graph = nx.Graph()
    # origins last: a post both sending and mentioned keeps the stronger tie
    for role in ("mentions", "origin"):
        for cable, entity in pairs(store, role):
            if cable in cables and entity in entities:
                graph.add_edge(cable, entity, weight=1, role=role)
                mentions[entity].add(cable)
    for event, other, role in event_roles(store):
        if event in mentions and other in entities:
            graph.add_edge(event, other, weight=1, role=role)
            mentions[other].update(mentions[event])
    _add_nodes(graph, mentions, entities, cables)
    for cable, info in cables.items():
        graph.add_node(cable, label=info.identifier, type="Cable", cables=1)
        graph.graph["mentions"][cable] = (cable,)
    return graph


def _affiliation_graph(
    store: GraphStore, window: Window, relation: str, left: set[str], right: set[str]
) -> nx.Graph:
    cables = cable_table(store, window)
    entities = entity_table(store)
    origins: dict[str, set[str]] = defaultdict(set)
    for cable, post in pairs(store, "origin"):
        if cable in cables and post in entities and entities[post].type in left:
            origins[cable].add(post)
    weights: Counter[tuple[str, str]] = Counter()
    mentions: dict[str, set[str]] = defaultdict(set)
    for cable, b in set(pairs(store, relation)):
        if cable not in origins or b not in entities or entities[b].type not in right:
            continue
        for a in origins[cable] - {b}:
            weights[(a, b)] += 1
            mentions[a].add(cable)
            mentions[b].add(cable)
    graph = nx.Graph()
    _add_nodes(graph, mentions, entities, cables)
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in weights.items())
    return graph


def _add_nodes(
    graph: nx.Graph,
    mentions: dict[str, set[str]],
    entities: dict[str, EntityInfo],
    cables: dict[str, CableInfo],
) -> None:
    for node, cited in mentions.items():
        info = entities.get(node) or EntityInfo(_tail(node), "Thing")
        graph.add_node(node, label=info.label, type=info.type, cables=len(cited))
    graph.graph["mentions"] = {node: tuple(c) for node, c in mentions.items()}
    graph.graph["cables"] = cables


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
