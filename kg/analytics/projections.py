"""Projections: named views of the RDF store as networkx graphs.

Each projection is a function ``(store, window) -> networkx graph`` registered in
:data:`PROJECTIONS`. Nodes are IRIs (strings) with ``label``, ``type`` and ``cables`` (how
many cables in the window mention or send them); edges carry ``weight``. Two graph
attributes let measures and the viewer go back to the cables: ``G.graph["mentions"]``
(node → cable IRIs) and ``G.graph["cables"]`` (cable IRI → :class:`CableInfo`).
Called by :mod:`kg.analytics.run` and :mod:`kg.viewer`.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

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
    "event_roles",
    "pairs",
    "project",
]

Projection = Callable[[GraphStore, "Window"], nx.Graph]

#: projection name → function(store, window) -> graph
PROJECTIONS: Registry[Projection] = Registry("projection")

SKOS_CONCEPT = "http://www.w3.org/2004/02/skos/core#Concept"

#: the cable → thing relations projections read (:func:`pairs`)
RELATIONS: dict[str, str] = {
    "mentions": "schema:mentions",
    "origin": "cg:origin",
    "subjects": "dcterms:subject",
    "references": "dcterms:references",
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


def project(store: GraphStore, name: str, window: Window | None = None) -> nx.Graph:
    """Build the projection ``name`` of ``store`` restricted to cables in ``window``.

    Parameters
    ----------
    store : pyoxigraph.Store
        The graph ``kg build`` wrote.
    name : str
        A name registered in :data:`PROJECTIONS`.
    window : Window, optional
        Only cables created in this date range count.

    Returns
    -------
    networkx.Graph or networkx.DiGraph

    Raises
    ------
    ConfigError
        If ``name`` is not registered; the message lists the registered names.
    """
    graph = PROJECTIONS.get(name)(store, window or Window())
    graph.graph["projection"] = name
    return graph


def cable_table(store: GraphStore, window: Window | None = None) -> dict[str, CableInfo]:
    """Every cable in the store (in ``window``): IRI → identifier, date, subject."""
    window = window or Window()
    return memoized(("cables", id(store), window), lambda: _cable_table(store, window))


def _cable_table(store: GraphStore, window: Window) -> dict[str, CableInfo]:
    table = {}
    query = """SELECT ?c ?id ?date ?title WHERE { ?c a cg:Cable .
        OPTIONAL { ?c dcterms:identifier ?id } OPTIONAL { ?c dcterms:created ?date }
        OPTIONAL { ?c dcterms:title ?title } }"""
    for row in select(store, query):
        date = row.get("date", "")
        if window.contains(date):
            cable = row["c"]
            table[cable] = CableInfo(row.get("id", _tail(cable)), date, row.get("title", ""))
    return table


def entity_table(store: GraphStore) -> dict[str, EntityInfo]:
    """Every typed entity and TAG concept: IRI → label (prefLabel, else notation) and type.

    Events are labelled by :func:`event_labels`.
    """
    return memoized(("entities", id(store)), lambda: _entity_table(store))


def _entity_table(store: GraphStore) -> dict[str, EntityInfo]:
    values = " ".join(f"<{iri}>" for iri in ENTITY_TYPES)
    query = f"""SELECT ?e ?class ?label ?notation WHERE {{ VALUES ?class {{ {values} }}
        ?e a ?class . OPTIONAL {{ ?e skos:prefLabel ?label }}
        OPTIONAL {{ ?e skos:notation ?notation }} }}"""
    rank = {iri: i for i, iri in enumerate(ENTITY_TYPES)}
    best: dict[str, tuple[int, EntityInfo]] = {}
    for row in select(store, query):
        entity, cls = row["e"], row["class"]
        kind = ENTITY_TYPES[cls]
        label = row.get("notation") if kind == "Tag" else row.get("label")
        info = EntityInfo(label or row.get("label") or row.get("notation") or _tail(entity), kind)
        if entity not in best or rank[cls] < best[entity][0]:
            best[entity] = (rank[cls], info)
    table = {entity: info for entity, (_, info) in best.items()}
    for event, label in event_labels(store).items():
        if event in table:
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
    query = """SELECT ?e ?kind ?place ?begin WHERE { ?e a cg:Event .
        OPTIONAL { ?e sem:eventType ?type OPTIONAL { ?type skos:prefLabel ?kindLabel } }
        BIND(COALESCE(?kindLabel, ?type) AS ?kind)
        OPTIONAL { ?e sem:hasPlace ?where OPTIONAL { ?where skos:prefLabel ?placeLabel } }
        BIND(COALESCE(?placeLabel, ?where) AS ?place)
        OPTIONAL { ?e sem:hasBeginTimeStamp ?begin } }"""
    kinds: dict[str, set[str]] = defaultdict(set)
    places: dict[str, set[str]] = defaultdict(set)
    begins: dict[str, set[str]] = defaultdict(set)
    for row in select(store, query):
        event = row["e"]
        kinds[event].add(_tail(row["kind"]) if "kind" in row else "event")
        if "place" in row:
            places[event].add(_tail(row["place"]) if "://" in row["place"] else row["place"])
        if "begin" in row:
            begins[event].add(row["begin"][:10])
    labels = {}
    for event, kind in sorted(kinds.items()):
        parts = [min(kind), "/".join(sorted(places[event])[:2]), min(begins[event], default="")]
        labels[event] = " · ".join(part for part in parts if part)
    return labels


def pairs(store: GraphStore, relation: str) -> list[tuple[str, str]]:
    """``(cable, object)`` for every cable and one of its :data:`RELATIONS`.

    Examples
    --------
    >>> from kg.store import OxigraphStore
    >>> pairs(OxigraphStore(), "mentions")
    []
    """
    predicate = RELATIONS[relation]
    query = f"SELECT ?c ?x WHERE {{ ?c a cg:Cable ; {predicate} ?x }}"
    return memoized(
        ("pairs", id(store), relation),
        lambda: [(row["c"], row["x"]) for row in select(store, query)],
    )


def event_roles(store: GraphStore) -> list[tuple[str, str, str]]:
    """``(event, place or actor, role)`` for every event (``sem:hasPlace``/``sem:hasActor``)."""
    query = """SELECT ?ev ?x ?role WHERE { ?ev a cg:Event .
        { ?ev sem:hasPlace ?x BIND("place" AS ?role) }
        UNION { ?ev sem:hasActor ?x BIND("actor" AS ?role) } }"""
    return memoized(
        ("event_roles", id(store)),
        lambda: [(row["ev"], row["x"], row["role"]) for row in select(store, query)],
    )


@PROJECTIONS.registers("comention")
def comention_graph(store: GraphStore, window: Window) -> nx.Graph:
    """Entities linked when cables mention them together; weight = number of such cables.

    Every mentioned organization, post, place, person, programme and event is a node, even
    one no other entity shares a cable with.
    """
    cables = cable_table(store, window)
    entities = entity_table(store)
    by_cable: dict[str, set[str]] = defaultdict(set)
    for cable, entity in pairs(store, "mentions"):
        if cable in cables and entity in entities:
            by_cable[cable].add(entity)
    graph = nx.Graph()
    weights: Counter[tuple[str, str]] = Counter()
    for mentioned in by_cable.values():
        weights.update(itertools.combinations(sorted(mentioned), 2))
    _add_nodes(graph, _invert(by_cable), entities, cables)
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in weights.items())
    return graph


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
            in_store=info is not None,
        )
    graph.graph["mentions"] = {node: tuple(sorted(c)) for node, c in citing.items()}
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
    graph.graph["mentions"] = {node: tuple(sorted(c)) for node, c in mentions.items()}
    graph.graph["cables"] = cables


def _invert(by_cable: dict[str, set[str]]) -> dict[str, set[str]]:
    inverted: dict[str, set[str]] = defaultdict(set)
    for cable, mentioned in by_cable.items():
        for entity in mentioned:
            inverted[entity].add(cable)
    return inverted


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
