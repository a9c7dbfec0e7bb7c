"""Which part of a projection the viewer draws: the top N by a measure, or an ego network.

A whole-archive projection has thousands of nodes, more than a browser lays out usefully;
these functions cut it down before any HTML is made. Called by :mod:`kg.viewer.page`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from kg.errors import ConfigError

__all__ = ["ego_network", "find_node", "top_nodes"]


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
    """The nodes within ``depth`` hops of ``center`` (either direction) and their edges."""
    return nx.ego_graph(graph, center, radius=depth, undirected=True)


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
    return graph.subgraph(chosen).copy()
