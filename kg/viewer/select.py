"""Which part of a projection the viewer draws: the top N by a measure, or an ego network.

A whole-archive projection has thousands of nodes, more than a browser lays out usefully;
these functions cut it down before any HTML is made. Called by :mod:`kg.viewer.page`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import Any

import networkx as nx

from kg.errors import ConfigError

__all__ = ["ego_network", "find_node", "induced_copy", "top_nodes"]


def find_node(graph: nx.Graph, focus: str) -> Any:
    """The node ``focus`` names: an IRI, else a label (case-insensitive), else part of one.

    Among several labels containing ``focus``, the node mentioned by most cables wins.

    Raises
    ------
    ConfigError
        If no node matches; the message names the projection.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("id/org/inl", label="INL", cables=3)
    >>> g.add_node("id/org/iom", label="IOM", cables=1)
    >>> find_node(g, "inl"), find_node(g, "id/org/iom"), find_node(g, "I")
    ('id/org/inl', 'id/org/iom', 'id/org/inl')
    """
    if focus in graph:
        return focus
    wanted = focus.casefold()
    labels = {
        node: str(data.get("label", node)).casefold() for node, data in graph.nodes(data=True)
    }
    exact = [node for node, label in labels.items() if label == wanted]
    partial = exact or [node for node, label in labels.items() if wanted in label]
    if not partial:
        raise ConfigError(
            f"focus `{focus}` matches no node label or IRI in projection "
            f"`{graph.graph.get('projection', '?')}` ({graph.number_of_nodes()} nodes)"
        )
    return max(partial, key=lambda node: (graph.nodes[node].get("cables", 0), str(node)))


def ego_network(graph: nx.Graph, center: Any, depth: int = 1) -> nx.Graph:
    """The nodes within ``depth`` hops of ``center`` (either direction) and their edges.

    Examples
    --------
    >>> list(ego_network(nx.path_graph(5), 2).edges)
    [(1, 2), (2, 3)]
    """
    both_ways = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    near = nx.single_source_shortest_path_length(both_ways, center, cutoff=depth)
    return induced_copy(graph, near)


def top_nodes(graph: nx.Graph, sizes: Mapping[Any, float], n: int, keep: Any = None) -> nx.Graph:
    """The subgraph of the ``n`` nodes with the largest ``sizes`` (``keep`` always stays).

    Ties are broken by label, so the same graph gives the same picture.

    Examples
    --------
    >>> g = nx.path_graph(4)
    >>> sorted(top_nodes(g, {0: 1, 1: 5, 2: 3, 3: 0}, 2).edges)
    [(1, 2)]
    """
    if graph.number_of_nodes() <= n:
        return graph
    ranked = sorted(
        graph, key=lambda node: (-sizes.get(node, 0), str(graph.nodes[node].get("label", node)))
    )
    chosen = ranked[:n]
    if keep is not None and keep not in chosen:
        chosen = [keep, *chosen[: n - 1]]
    # a copy, not a view: a view filters a hub's whole neighbourhood on every look, and
    # the page looks at each node's ties several times
    return induced_copy(graph, set(chosen))


def induced_copy(graph: nx.Graph, nodes: Collection[Any]) -> nx.Graph:
    """A copy of the subgraph of ``graph`` on ``nodes``, in ``graph``'s node and edge order.

    Unlike ``graph.subgraph(nodes).copy()``, whose order follows the set networkx builds
    when ``nodes`` are under half the graph, so the page (and its layout) changed from
    one process to the next with Python's string hashing.

    Examples
    --------
    >>> g = nx.Graph([(1, 2, {"weight": 3}), (2, 3, {}), (3, 4, {})])
    >>> h = induced_copy(g, {3, 2, 1})
    >>> list(h.nodes), list(h.edges(data=True))
    ([1, 2, 3], [(1, 2, {'weight': 3}), (2, 3, {})])
    """
    keep = nodes if isinstance(nodes, set | frozenset | dict) else set(nodes)
    ordered = [node for node in graph if node in keep]
    copy = graph.__class__()
    copy.graph.update(graph.graph)
    copy.add_nodes_from((node, graph.nodes[node].copy()) for node in ordered)
    copy.add_edges_from(_edges_among(graph, ordered, keep))
    return copy


def _edges_among(
    graph: nx.Graph, ordered: list[Any], keep: Collection[Any]
) -> Iterator[tuple[Any, Any, dict[str, Any]]]:
    # an undirected tie is given once, from the end met first: adding it again from the
    # other end would only set the same attributes
    done: set[Any] = set()
    adjacency = graph.adj
    for node in ordered:
        for other, data in adjacency[node].items():
            if other in keep and other not in done:
                yield node, other, data.copy()
        if not graph.is_directed():
            done.add(node)
