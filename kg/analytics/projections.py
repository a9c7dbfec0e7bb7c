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
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from typing import Any

import networkx as nx

from kg.analytics import native
from kg.analytics.registry import Registry
from kg.analytics.sparql import CG, memoized, select
from kg.store import GraphStore, OxigraphStore, term_text

__all__ = [
    "PROJECTIONS",
    "CableInfo",
    "Window",
    "cable_table",
    "entity_types",
    "event_labels",
    "event_roles",
    "instances",
    "node_labels",
    "project",
    "related",
    "triples",
]

Projection = Callable[..., nx.Graph]

#: projection name → function(store, window) -> graph
PROJECTIONS: Registry[Projection] = Registry("projection")

SKOS_CONCEPT = "http://www.w3.org/2004/02/skos/core#Concept"

DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"

#: the cable → thing relations projections read (:func:`related`)
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
    for cable in sorted(instances(store, CG + "Cable")):
        date = dates.get(cable, "")
        if window.contains(date):
            table[cable] = CableInfo(
                identifiers.get(cable, _tail(cable)), date, titles.get(cable, "")
            )
    return table


def entity_types(store: GraphStore) -> dict[str, str]:
    """Every typed entity and TAG concept: IRI → type name (:data:`ENTITY_TYPES`).

    Types only: labels are read later, for the nodes a projection keeps
    (:func:`node_labels`), which on a whole archive are a fraction of the entities.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> from kg.store import OxigraphStore
    >>> store = OxigraphStore()
    >>> store.add_default(ox.parse('''
    ...     @prefix cg: <https://w3id.org/cablegraph/ontology#> .
    ...     <http://x/astana> a cg:DiplomaticPost, cg:Organization .
    ...     <http://x/inl> a cg:Organization .
    ... ''', ox.RdfFormat.TURTLE))
    3
    >>> entity_types(store)
    {'http://x/inl': 'Organization', 'http://x/astana': 'DiplomaticPost'}
    """
    return memoized(("entity_types", id(store)), lambda: _entity_types(store))


def _entity_types(store: GraphStore) -> dict[str, str]:
    kinds: dict[str, str] = {}
    # ENTITY_TYPES is in priority order: the first class an entity has decides its type
    for cls, kind in reversed(ENTITY_TYPES.items()):
        # one row per class: Oxigraph's DISTINCT, or a row per entity, costs twice as much
        query = f"""SELECT (GROUP_CONCAT(STR(?s); separator=" ") AS ?all)
            WHERE {{ ?s a <{cls}> FILTER(isIRI(?s)) }}"""
        for row in select(store, query):
            kinds.update(dict.fromkeys(row.get("all", "").split(), kind))
    return kinds


def node_labels(store: GraphStore, nodes: Iterable[str]) -> dict[str, str]:
    """The label each of ``nodes`` is shown with.

    A TAG's notation (else its prefLabel), an event's :func:`event_labels`, anything
    else's prefLabel (the smallest, should there be two; else its notation); the IRI's
    last segment when there is none. Inside :func:`~kg.analytics.sparql.reading_once`
    each node's label is read from the store once, however many projections show it.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> from kg.store import OxigraphStore
    >>> store = OxigraphStore()
    >>> store.add_default(ox.parse('''
    ...     @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ...     <http://x/tag/PREL> a skos:Concept ; skos:notation "PREL" ;
    ...         skos:prefLabel "Refugees" .
    ...     <http://x/org/inl> skos:prefLabel "INL", "Bureau INL" .
    ... ''', ox.RdfFormat.TURTLE))
    5
    >>> node_labels(store, ["http://x/tag/PREL", "http://x/org/inl", "http://x/org/iom"])
    {'http://x/tag/PREL': 'PREL', 'http://x/org/inl': 'Bureau INL', 'http://x/org/iom': 'iom'}
    """
    wanted = list(dict.fromkeys(nodes))
    cache: dict[str, str] = memoized(("labels", id(store)), dict)
    missing = [node for node in wanted if node not in cache]
    if missing:
        cache.update(_read_labels(store, missing))
    return {node: cache[node] for node in wanted}


def _read_labels(store: GraphStore, nodes: list[str]) -> dict[str, str]:
    types = entity_types(store)
    prefs = _smallest(_values(store, SKOS + "prefLabel", nodes))
    untitled = [n for n in nodes if types.get(n) == "Tag" or n not in prefs]
    notations = _smallest(_values(store, SKOS + "notation", untitled))
    events = event_labels(store, [n for n in nodes if types.get(n) == "Event"])
    labels = {}
    for node in nodes:
        kind = types.get(node)
        if kind == "Event":
            label = events[node]
        elif kind == "Tag":
            label = notations.get(node) or prefs.get(node) or _tail(node)
        else:
            label = prefs.get(node) or notations.get(node) or _tail(node)
        labels[node] = label
    return labels


def event_labels(store: GraphStore, events: Iterable[str] | None = None) -> dict[str, str]:
    """A short label for each of ``events`` (default: every event): ``type · place · date``.

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
    chosen = sorted(instances(store, CG + "Event") if events is None else set(events))
    kinds = _grouped(_values(store, SEM + "eventType", chosen))
    places = _grouped(_values(store, SEM + "hasPlace", chosen))
    begins = _grouped(_values(store, SEM + "hasBeginTimeStamp", chosen))
    named = sorted({x for group in (kinds, places) for xs in group.values() for x in xs})
    labels = _smallest(_values(store, SKOS + "prefLabel", named))
    result = {}
    for event in chosen:
        parts = [
            min((labels.get(k) or _tail(k) for k in kinds.get(event, ())), default="event"),
            "/".join(sorted({labels.get(p) or _tail(p) for p in places.get(event, ())})[:2]),
            min((b[:10] for b in begins.get(event, ())), default=""),
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


def related(store: GraphStore, relation: str) -> dict[str, list[str]]:
    """cable → the IRIs it has for one of :data:`RELATIONS`, each once, sorted.

    One row per cable (its objects joined by spaces, which no IRI contains): Oxigraph
    turns each cable IRI into text once instead of once per object, which halves the
    time to read the whole archive's mentions; duplicates are dropped here rather than
    by a DISTINCT in the query, which costs Oxigraph more. Sorted, so projections add
    nodes in the same order from any store (Louvain's result depends on that order).
    Objects are IRIs (the mapping makes them so); subjects are not checked to be cables:
    callers keep those in their cable table.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> from kg.store import OxigraphStore
    >>> store = OxigraphStore()
    >>> store.add_default(ox.parse('''
    ...     <http://x/c1> <https://schema.org/mentions> <http://x/a> .
    ...     <http://x/c1> <https://schema.org/mentions> <http://x/b> .
    ... ''', ox.RdfFormat.TURTLE))
    2
    >>> {c: sorted(xs) for c, xs in related(store, "mentions").items()}
    {'http://x/c1': ['http://x/a', 'http://x/b']}
    """
    predicate = RELATIONS[relation]
    query = f"""SELECT ?s (GROUP_CONCAT(STR(?o); separator=" ") AS ?os)
        WHERE {{ ?s <{predicate}> ?o }} GROUP BY ?s"""
    return memoized(
        ("related", id(store), relation),
        lambda: {
            # interned: an entity mentioned by 500 cables is one string, not 500
            row["s"]: sorted(set(map(sys.intern, row.get("os", "").split())))
            for row in select(store, query)
        },
    )


def event_roles(store: GraphStore) -> list[tuple[str, str, str]]:
    """``(event, place or actor, role)`` for every event (``sem:hasPlace``/``sem:hasActor``)."""
    places = [(e, x, "place") for e, x in triples(store, SEM + "hasPlace")]
    return sorted(places + [(e, x, "actor") for e, x in triples(store, SEM + "hasActor")])


def _values(
    store: GraphStore, predicate: str, subjects: list[str], chunk: int = 1000
) -> Iterator[tuple[str, str]]:
    """``(subject, object)`` for ``predicate`` and only these ``subjects``, in no order
    (a triple held by several graphs may come once per graph).

    An embedded Oxigraph store is asked one index lookup per subject, a third faster than
    a VALUES join of the same subjects; another store, ``chunk`` subjects a query.
    """
    iris = [s for s in subjects if _is_iri(s)]
    if isinstance(store, OxigraphStore):
        yield from _looked_up(store, predicate, iris)
        return
    for start in range(0, len(iris), chunk):
        values = " ".join(f"<{iri}>" for iri in iris[start : start + chunk])
        query = f"SELECT ?s ?o WHERE {{ VALUES ?s {{ {values} }} ?s <{predicate}> ?o }}"
        for row in select(store, query):
            yield row["s"], row["o"]


def _looked_up(
    store: OxigraphStore, predicate: str, subjects: list[str]
) -> Iterator[tuple[str, str]]:
    """:func:`_values` on Oxigraph: ``quads_for_pattern`` per subject, objects as ``select``
    gives them (an IRI, a literal's lexical form).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> store = OxigraphStore()
    >>> store.add_default(ox.parse('<http://x/a> <http://x/p> "A", <http://x/b> .',
    ...     ox.RdfFormat.TURTLE))
    2
    >>> sorted(_looked_up(store, "http://x/p", ["http://x/a", "http://x/c"]))
    [('http://x/a', 'A'), ('http://x/a', 'http://x/b')]
    """
    import pyoxigraph as ox

    pattern = store.store.quads_for_pattern
    predicate_node = ox.NamedNode(predicate)
    for subject in subjects:
        for quad in pattern(ox.NamedNode(subject), predicate_node, None, None):
            yield subject, term_text(quad.object) or ""


def _smallest(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in pairs:
        if key not in found or value < found[key]:
            found[key] = value
    return found


def _grouped(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for key, value in pairs:
        found[key].add(value)
    return found


def _is_iri(node: object) -> bool:
    """Whether ``node`` can go between ``<`` and ``>`` in a query or N-Quads line."""
    return isinstance(node, str) and "://" in node and not any(c in node for c in '<>" {}\\')


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
    types = entity_types(store)
    mentioned = related(store, "mentions")
    rows = [c for c in cables if c in mentioned]
    names = sorted({e for c in rows for e in mentioned[c] if e in types})
    index = {e: i for i, e in enumerate(names)}
    # each cable's row as CSR arrays: no (row, column) pair per mention
    columns = [[index[e] for e in mentioned[c] if e in index] for c in rows]
    indptr = np.zeros(len(rows) + 1, dtype=np.int32)
    np.cumsum([len(row) for row in columns], out=indptr[1:])
    indices = np.fromiter(chain.from_iterable(columns), np.int32, int(indptr[-1]))
    ones = np.ones(len(indices), dtype=np.int32)
    incidence = sp.csr_matrix((ones, indices, indptr), shape=(len(rows), len(names))).tocsc()
    del columns, indices, indptr
    product = (incidence.T @ incidence).tocoo()
    # each pair once: the upper triangle, as scipy's triu takes it but without its copy
    upper = product.row < product.col
    counts = product.data[upper]
    min_weight = _min_weight(counts, max_edges)
    strong = counts >= min_weight
    left, right = product.row[upper][strong], product.col[upper][strong]
    weight = counts[strong]
    del product, upper, counts, strong
    # above the threshold an entity stays only with a tie that passed it, else it would
    # be one more isolated node (and one more community of one)
    kept = np.union1d(left, right) if min_weight > 1 else np.arange(len(names), dtype=np.int32)
    cable_names = np.asarray(rows, dtype=object)
    mentions = {
        names[j]: cable_names[incidence.indices[incidence.indptr[j] : incidence.indptr[j + 1]]]
        for j in kept.tolist()
    }
    graph = nx.Graph(min_weight=min_weight)
    _add_nodes(graph, store, mentions, cables)
    ends = np.asarray(names, dtype=object)
    graph.add_weighted_edges_from(
        zip(ends[left].tolist(), ends[right].tolist(), weight.tolist(), strict=True)
    )
    # the graph's nodes are ``kept`` in order: where each entity index sits among them
    position = np.zeros(len(names), dtype=np.int64)
    position[kept] = np.arange(len(kept))
    native.attach_igraph(graph, np.column_stack((position[left], position[right])), weight)
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
    references = related(store, "references")
    graph = nx.DiGraph()
    citing: dict[str, set[str]] = defaultdict(set)
    for cable in cables:
        for cited in sorted(references.get(cable, ())):
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
    types = entity_types(store)
    mentioned = related(store, "mentions")
    mentions: dict[str, set[str]] = defaultdict(set)
    for cable in cables:
        for entity in mentioned.get(cable, ()):
            if types.get(entity) == "Event":
                mentions[entity].add(cable)
    graph = nx.Graph()
    for event, other, role in event_roles(store):
        if event in mentions and other in types:
            graph.add_edge(event, other, weight=1, role=role)
            mentions[other].update(mentions[event])
    _add_nodes(graph, store, mentions, cables)
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
    types = entity_types(store)
    mentions: dict[str, set[str]] = defaultdict(set)
    graph = nx.Graph()
    # origins last: a post both sending and mentioned keeps the stronger tie
    for role in ("mentions", "origin"):
        objects = related(store, role)
        for cable in cables:
            for entity in objects.get(cable, ()):
                if entity in types:
                    graph.add_edge(cable, entity, weight=1, role=role)
                    mentions[entity].add(cable)
    for event, other, role in event_roles(store):
        if event in mentions and other in types:
            graph.add_edge(event, other, weight=1, role=role)
            mentions[other].update(mentions[event])
    _add_nodes(graph, store, mentions, cables)
    for cable, info in cables.items():
        graph.add_node(cable, label=info.identifier, type="Cable", cables=1)
        graph.graph["mentions"][cable] = (cable,)
    return graph


def _affiliation_graph(
    store: GraphStore, window: Window, relation: str, left: set[str], right: set[str]
) -> nx.Graph:
    cables = cable_table(store, window)
    types = entity_types(store)
    origins = related(store, "origin")
    objects = related(store, relation)
    weights: Counter[tuple[str, str]] = Counter()
    mentions: dict[str, set[str]] = defaultdict(set)
    for cable in cables:
        posts = [post for post in origins.get(cable, ()) if types.get(post) in left]
        if not posts:
            continue
        for b in objects.get(cable, ()):
            if types.get(b) not in right:
                continue
            for a in posts:
                if a != b:
                    weights[(a, b)] += 1
                    mentions[a].add(cable)
                    mentions[b].add(cable)
    graph = nx.Graph()
    _add_nodes(graph, store, mentions, cables)
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weights.items()))
    return graph


def _add_nodes(
    graph: nx.Graph,
    store: GraphStore,
    mentions: Mapping[str, Collection[str]],
    cables: dict[str, CableInfo],
) -> None:
    """Add each node of ``mentions`` (sorted) with its label, type and number of cables."""
    types = entity_types(store)
    nodes = sorted(mentions)
    labels = node_labels(store, nodes)
    graph.add_nodes_from(
        (node, {"label": labels[node], "type": types.get(node, "Thing"), "cables": len(cited)})
        for node in nodes
        for cited in [mentions[node]]
    )
    graph.graph["mentions"] = {node: tuple(mentions[node]) for node in nodes}
    graph.graph["cables"] = cables


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
