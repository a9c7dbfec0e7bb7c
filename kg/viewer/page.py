"""``render_view``: a projection of the store as one self-contained interactive HTML page.

The nodes and edges become vis.js data (the dicts pyvis's ``Network`` would collect), then
are rendered with our own template (``page.html.j2``) that inlines pyvis's bundled
vis-network script and style, so the page opens offline with no CDN fetch. Cable text
never reaches the page as markup: the data goes in a JSON ``<script>`` block (``tojson``
escapes ``<``, ``>``, ``&``), and the page builds tooltips with ``textContent``. Called by
:mod:`kg.cli.view_cmd`.
"""

from __future__ import annotations

import heapq
import importlib.util
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx

from kg.analytics import native
from kg.analytics.measures import measure
from kg.analytics.projections import CableInfo, Window, project
from kg.analytics.sparql import reading_once, select
from kg.analytics.writeback import MEASURE_TERMS
from kg.config import ViewerConfig
from kg.store import GraphStore
from kg.viewer.select import ego_network, find_node, induced_copy, top_nodes
from kg.viewer.style import style_of

__all__ = ["page_data", "render_view"]

TEMPLATES = Path(__file__).parent
#: pyvis ships vis-network under templates/lib; the template includes it from there. Found
#: without importing pyvis, whose ``network`` module imports IPython (a sixth of a second).
_PYVIS = importlib.util.find_spec("pyvis")
PYVIS_TEMPLATES = Path(getattr(_PYVIS, "origin", None) or "pyvis").parent / "templates"


def render_view(
    store: GraphStore,
    config: ViewerConfig | None = None,
    *,
    focus: str | None = None,
    window: Window | None = None,
    projection_options: Mapping[str, Any] | None = None,
    graph: nx.Graph | None = None,
    sizes: Mapping[Any, float] | None = None,
) -> str:
    """Return the HTML page of the configured projection of ``store``.

    Parameters
    ----------
    store : pyoxigraph.Store
        The built graph.
    config : ViewerConfig, optional
        Projection, top N, the measure that sizes nodes, ego depth, tooltip length.
    focus : str, optional
        A node IRI or label: draw its ego network (``config.depth`` hops) instead of the
        whole top N.
    window : Window, optional
        Only cables created in this date range count.
    projection_options : mapping, optional
        What the projection takes from the analytics config
        (:func:`kg.analytics.run.projection_options`), so both draw the same graph.
    graph : networkx.Graph, optional
        The projection already made (``kg build`` passes the one ``kg analyze`` measured),
        so the store is not read for it again.
    sizes : mapping, optional
        ``config.size_by`` of the nodes of ``graph``, already computed.

    Returns
    -------
    str
        A complete HTML document with vis-network inlined.

    Raises
    ------
    ConfigError
        If the projection or measure is unknown or ``focus`` matches no node.
    """
    config = config or ViewerConfig()
    with reading_once():
        if graph is None:
            graph = project(store, config.projection, window, projection_options)
        whole = window is None or (window.since is None and window.until is None)
        if sizes is None and whole:
            sizes = stored_sizes(store, graph, config.size_by)
        data = page_data(store, graph, config, focus, None if sizes is None else dict(sizes))
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(TEMPLATES), str(PYVIS_TEMPLATES)]),
        autoescape=True,
    )
    return environment.get_template("page.html.j2").render(**data)


def page_data(
    store: GraphStore,
    graph: nx.Graph,
    config: ViewerConfig,
    focus: str | None = None,
    sizes: dict[Any, float] | None = None,
) -> dict[str, Any]:
    """The template's variables: title, legend entries and the vis.js nodes, edges, options.

    ``sizes`` (node → value of ``config.size_by``) is computed on ``graph`` when not given.
    """
    sizes = sizes if sizes is not None else _sizes(graph, config.size_by)
    center = find_node(graph, focus) if focus else None
    shown = ego_network(graph, center, config.depth) if center is not None else graph
    shown = top_nodes(shown, sizes, config.top, keep=center)
    drawn = backbone_edges(shown, config.max_edges)
    unlinked = 0
    if center is None and shown.number_of_edges():
        # a node of the top N with no link among the others would only float in a ring
        linked = {n for a, b, _ in drawn for n in (a, b)}
        unlinked = shown.number_of_nodes() - len(linked)
        shown = induced_copy(shown, linked)
    labelled = set(sorted(shown, key=lambda n: (-sizes.get(n, 0), str(n)))[: config.labels])
    positions = layout(shown, drawn)
    altlabels = _altlabels(store, list(shown))
    # each node as pyvis's Network.add_node made it (keys in its order), without pyvis
    nodes = []
    for node, attrs in shown.nodes(data=True):
        kind = attrs.get("type", "Thing")
        style = style_of(kind)
        name = attrs.get("label", node)
        x, y = positions[node]
        # only the largest nodes carry a label on the canvas; every node has its name in
        # the tooltip and the search
        label = name if node in labelled else " "
        nodes.append(
            {
                "color": style.color,
                "x": x,
                "y": y,
                "value": sizes.get(node, 0),
                "kgName": name,
                "kgType": kind,
                "kgFacts": _facts(node, attrs, graph, config.size_by, sizes, altlabels),
                "kgCables": _cables(graph, node, config.cables_per_node),
                "id": node,
                "label": label or node,
                "shape": style.shape,
            }
        )
    edges = []
    for a, b, attrs in drawn:
        weight = attrs.get("weight", 1)
        title = attrs.get("role", f"{weight} cable(s)")
        edges.append({"from": a, "to": b, "value": weight, "title": title})
    counts = Counter(node["kgType"] for node in nodes)
    legend = [
        {"type": kind, "color": style_of(kind).color, "shape": style_of(kind).shape, "count": n}
        for kind, n in sorted(counts.items())
    ]
    subtitle = (
        f"ego network of {graph.nodes[center].get('label', center)} ({config.depth} hop(s))"
        if center is not None
        else f"top {min(config.top, graph.number_of_nodes())} of "
        f"{graph.number_of_nodes()} nodes by {config.size_by}"
        + (f" ({unlinked} without a link among them left out)" if unlinked else "")
    )
    return {
        "title": f"cablegraph: {config.projection}",
        "subtitle": f"{subtitle}; {len(nodes)} nodes, {len(edges)} edges",
        "size_by": config.size_by,
        "legend": legend,
        "data": {
            "nodes": nodes,
            "edges": edges,
            "options": _options(config, graph.is_directed(), len(nodes)),
        },
    }


def backbone_edges(
    graph: nx.Graph, limit: int, per_node: int = 2
) -> list[tuple[Any, Any, dict[str, Any]]]:
    """At most ``limit`` edges to draw: every node's ``per_node`` strongest, then the
    strongest of the rest.

    A dense top 500 can have 40,000 co-mention edges, more than a browser lays out well;
    the globally strongest 2,000 would all sit among a few hubs and leave most nodes
    unlinked, so each node keeps its own strongest ties first.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_weighted_edges_from([("a", "b", 9), ("a", "c", 8), ("b", "c", 7), ("c", "d", 1)])
    >>> [(a, b) for a, b, _ in backbone_edges(g, 3, per_node=1)]  # b-c out, not c-d
    [('a', 'b'), ('a', 'c'), ('c', 'd')]
    """

    # rank of an edge = best place it holds among its two ends' ties (0 = someone's best);
    # a node's ties ordered by (-weight, neighbour's name): names are unique, so no ties
    rank: dict[tuple[Any, Any], int] = {}
    for node in graph:
        own = heapq.nsmallest(
            per_node,
            ((-d.get("weight", 1), str(other), other) for other, d in graph.adj[node].items()),
        )
        for place, (_, _, other) in enumerate(own):
            best = min(rank.get((node, other), place), place)
            rank[(node, other)] = rank[(other, node)] = best
    keyed = [
        ((rank.get((a, b), per_node), -attrs.get("weight", 1), str(a), str(b)), (a, b, attrs))
        for a, b, attrs in graph.edges(data=True)
    ]
    return [edge for _, edge in heapq.nsmallest(limit, keyed, key=lambda item: item[0])]


def layout(graph: nx.Graph, edges: list[tuple[Any, Any, dict[str, Any]]]) -> dict[Any, tuple]:
    """Starting positions (pixels) from igraph's Fruchterman-Reingold over the drawn edges.

    vis.js then only polishes a layout that is already good instead of untangling a
    random one, so a page of 500 nodes settles in a second or two rather than twenty.
    Seeded, so the same graph gives the same picture.
    """
    nodes = list(graph)
    if not nodes:
        return {}
    import igraph

    index = {node: i for i, node in enumerate(nodes)}
    copy = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b, _ in edges])
    weights = [float(attrs.get("weight", 1)) ** 0.5 for _, _, attrs in edges]
    with native.seeded(1):
        coords = copy.layout_fruchterman_reingold(weights=weights or None, niter=500)
    # a square with room for the labels: 60 px a node along each side, 700 px at least
    side = max(700.0, 60 * len(nodes) ** 0.5)
    coords.fit_into((0, 0, side, side), keep_aspect_ratio=True)
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in zip(nodes, coords, strict=True)}


def stored_sizes(store: GraphStore, graph: nx.Graph, size_by: str) -> dict[Any, float] | None:
    """``size_by`` of every node as ``kg analyze`` wrote it back for this projection, or None.

    Reading PageRank back is instant where recomputing it on the whole co-mention graph
    is not. None when the measure was not written back or misses a node of ``graph`` (the
    store changed since ``kg analyze``): then the caller computes it.
    """
    if size_by not in MEASURE_TERMS:
        return None
    predicate = MEASURE_TERMS[size_by][0]
    suffix = f"/analytics/{graph.graph.get('projection', '')}"
    query = f"""SELECT ?e ?v WHERE {{ GRAPH ?g {{ ?e <{predicate}> ?v }}
        FILTER(STRENDS(STR(?g), "{suffix}")) }}"""
    values = {row["e"]: float(row["v"]) for row in select(store, query)}
    if not values or any(node not in values for node in graph):
        return None
    return {node: values[node] for node in graph}


def _sizes(graph: nx.Graph, size_by: str) -> dict[Any, float]:
    if size_by == "cables":
        return {node: attrs.get("cables", 0) for node, attrs in graph.nodes(data=True)}
    return measure(graph, size_by)


def _facts(
    node: Any,
    attrs: dict[str, Any],
    graph: nx.Graph,
    size_by: str,
    sizes: dict[Any, float],
    altlabels: dict[str, list[str]],
) -> list[list[str]]:
    facts = [["type", str(attrs.get("type", ""))], ["cables", str(attrs.get("cables", 0))]]
    facts.append(["neighbours", str(graph.degree(node))])
    if size_by != "cables":
        facts.append([size_by, f"{sizes.get(node, 0):.4g}"])
    names = sorted(set(altlabels.get(node, ())) - {attrs.get("label")})
    if names:
        facts.append(["also", "; ".join(names[:8])])
    facts.append(["IRI", str(node)])
    return facts


def _cables(graph: nx.Graph, node: Any, limit: int) -> list[dict[str, str]]:
    table: dict[str, CableInfo] = graph.graph.get("cables", {})
    infos = [table[c] for c in graph.graph.get("mentions", {}).get(node, ()) if c in table]
    infos.sort(key=lambda info: (info.date, info.identifier), reverse=True)
    return [{"id": i.identifier, "date": i.date[:10], "subject": i.title} for i in infos[:limit]]


def _altlabels(store: GraphStore, nodes: list[Any]) -> dict[str, list[str]]:
    iris = " ".join(f"<{node}>" for node in nodes if isinstance(node, str) and ">" not in node)
    if not iris:
        return {}
    found: dict[str, list[str]] = {}
    # the prefLabel too: where the shown label is made up (an event's), it says the rest
    query = f"""SELECT ?e ?alt WHERE {{ VALUES ?e {{ {iris} }}
        ?e skos:altLabel|skos:prefLabel ?alt }}"""
    for row in select(store, query):
        found.setdefault(row["e"], []).append(row["alt"])
    return found


def _options(config: ViewerConfig, directed: bool, nodes: int) -> dict[str, Any]:
    # a big page is seen zoomed out to fit: its labels must be drawn larger to be read
    label_size = {"min": 16, "max": 48} if nodes > 100 else {"min": 12, "max": 22}
    # forceAtlas2Based settles large sparse graphs faster than barnesHut; physics is turned
    # off by the page once stabilisation ends, so nothing keeps moving (or burning CPU).
    return {
        "physics": {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "springLength": 120,
                "avoidOverlap": 0.3,
            },
            "minVelocity": 1.0,
            "stabilization": {
                "enabled": True,
                "iterations": config.stabilization_iterations,
                "updateInterval": 50,
                "fit": True,
            },
        },
        "nodes": {
            "scaling": {
                "min": 8,
                "max": 40,
                "label": {"enabled": True, **label_size, "drawThreshold": 4},
            },
            # long names wrap instead of running across their neighbours
            "widthConstraint": {"maximum": 170},
            # a white halo keeps a label readable where it crosses edges or other labels
            "font": {"size": 12, "strokeWidth": 4, "strokeColor": "#ffffff"},
        },
        # the page starts from the positions layout() computed
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "edges": {
            "scaling": {"min": 1, "max": 8},
            "color": {"color": "#a0a0a0", "highlight": "#333333", "inherit": False, "opacity": 0.5},
            "smooth": False,
            "arrows": {"to": {"enabled": directed, "scaleFactor": 0.5}},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
    }
