"""Measures: named functions over a projection, networkx style (graph first, dict out).

Each measure is registered in :data:`MEASURES` and returns ``{node: value}``. Options a
measure does not declare are not passed to it (:func:`measure`), so one options mapping
from the config serves them all. A networkx backend (``nx-parallel``, ``cugraph``) is
passed as ``backend=`` to the algorithms that dispatch, only when one is configured.
Called by :mod:`kg.analytics.run` and :mod:`kg.viewer`.
"""

from __future__ import annotations

import functools
import inspect
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import networkx as nx

from kg.analytics import native
from kg.analytics.registry import Registry
from kg.errors import ConfigError, KgError

__all__ = ["MEASURES", "MeasureSkippedError", "backend_options", "measure"]

Measure = Callable[..., dict[Any, Any]]


class MeasureSkippedError(KgError):
    """Raised by a measure that declines a graph too large for it; the run records why."""


#: measure name → function(graph, **options) -> {node: value}
MEASURES: Registry[Measure] = Registry("measure")


def measure(graph: nx.Graph, name: str, options: Mapping[str, Any] | None = None) -> dict:
    """Run the measure ``name`` on ``graph`` with the ``options`` it declares.

    Parameters
    ----------
    graph : networkx.Graph or networkx.DiGraph
        A projection.
    name : str
        A name registered in :data:`MEASURES`.
    options : mapping, optional
        ``seed``, ``backend``, ``sample``, ``resolution``...; each measure takes those its
        signature names and ignores the rest.

    Returns
    -------
    dict
        ``{node: value}``.

    Examples
    --------
    >>> measure(nx.path_graph(3), "degree")
    {0: 1, 1: 2, 2: 1}
    >>> measure(nx.path_graph(3), "closeness")
    Traceback (most recent call last):
    ...
    kg.errors.ConfigError: measure `closeness` is not valid. It must be in: ['activity', \
'betweenness', 'communities', 'components', 'degree', 'k_core', 'pagerank', 'weighted_degree']
    """
    function = MEASURES.get(name)
    accepted = inspect.signature(function).parameters
    kwargs = {k: v for k, v in (options or {}).items() if k in accepted}
    return function(graph, **kwargs)


def backend_options(backend: str | None) -> dict[str, str]:
    """``{"backend": name}`` when a networkx backend is configured and installed, else ``{}``.

    Raises
    ------
    ConfigError
        If ``backend`` is not an installed networkx backend; the message lists those that are.
    """
    if not backend:
        return {}
    from networkx.utils.backends import backends

    if backend not in backends:
        raise ConfigError(
            f"analytics.backend `{backend}` is not an installed networkx backend. "
            f"It must be in: {sorted(backends)} (pip install nx-parallel, or leave it empty)"
        )
    return {"backend": backend}


def skips_empty(function: Measure) -> Measure:
    """Give ``{}`` for a graph without nodes instead of letting the algorithm fail on it."""

    @functools.wraps(function)
    def wrapper(graph: nx.Graph, *args: Any, **kwargs: Any) -> dict:
        return {} if graph.number_of_nodes() == 0 else function(graph, *args, **kwargs)

    return wrapper


@MEASURES.registers("degree")
def degree(graph: nx.Graph) -> dict:
    """Number of neighbours (in + out on a directed projection)."""
    return dict(graph.degree())


@MEASURES.registers("weighted_degree")
def weighted_degree(graph: nx.Graph) -> dict:
    """Sum of edge weights: on co-mention, the cables an entity shares with others."""
    return dict(graph.degree(weight="weight"))


@MEASURES.registers("pagerank")
@skips_empty
def pagerank(graph: nx.Graph, backend: str | None = None) -> dict:
    """Weighted PageRank (alpha 0.85): igraph's exact solver, or networkx's on a backend."""
    if backend:
        return nx.pagerank(graph, weight="weight", **backend_options(backend))
    return native.pagerank(graph)


@MEASURES.registers("betweenness")
@skips_empty
def betweenness(
    graph: nx.Graph,
    sample: int = 500,
    seed: int = 42,
    backend: str | None = None,
    max_edges: int | None = None,
) -> dict:
    """Normalised betweenness; estimated from ``sample`` seeded sources above that many nodes.

    Unweighted: a co-mention weight is a strength, not a distance. Each source costs a
    breadth-first search over every edge, so a graph with more than ``max_edges`` edges is
    declined (:class:`MeasureSkippedError`) rather than run for minutes.

    Examples
    --------
    >>> measure(nx.path_graph(4), "betweenness", {"max_edges": 2})
    Traceback (most recent call last):
    ...
    kg.analytics.measures.MeasureSkippedError: betweenness skipped: 3 edges > max_edges 2 \
(analytics.betweenness_max_edges)
    """
    if max_edges is not None and graph.number_of_edges() > max_edges:
        raise MeasureSkippedError(
            f"betweenness skipped: {graph.number_of_edges()} edges > max_edges {max_edges} "
            "(analytics.betweenness_max_edges)"
        )
    k = sample if graph.number_of_nodes() > sample else None
    if backend:
        return nx.betweenness_centrality(graph, k=k, seed=seed, **backend_options(backend))
    return native.betweenness(graph, k, seed)


@MEASURES.registers("communities")
@skips_empty
def communities(
    graph: nx.Graph, seed: int = 42, resolution: float = 1.0, backend: str | None = None
) -> dict:
    """Louvain community of each node, numbered from 0 by size (largest first).

    The seed fixes the result; ties in size are broken by the smallest node.
    """
    if backend:
        found = nx.community.louvain_communities(
            graph, weight="weight", resolution=resolution, seed=seed
        )
    else:
        found = native.communities(graph, seed, resolution)
    return _numbered(found)


@MEASURES.registers("components")
@skips_empty
def components(graph: nx.Graph) -> dict:
    """Connected component of each node (weakly connected on a directed projection),
    numbered from 0 by size."""
    found = (
        nx.weakly_connected_components(graph)
        if graph.is_directed()
        else nx.connected_components(graph)
    )
    return _numbered(found)


@MEASURES.registers("k_core")
@skips_empty
def k_core(graph: nx.Graph) -> dict:
    """Core number: the largest k such that the node is in the k-core (self loops ignored)."""
    return native.core_number(graph)


@MEASURES.registers("activity")
def activity(graph: nx.Graph) -> dict:
    """Cables per month (``YYYY-MM`` → count) for each node, from the projection's mentions."""
    cables = graph.graph.get("cables", {})
    mentions = graph.graph.get("mentions", {})
    month = {cable: info.date[:7] for cable, info in cables.items()}
    result = {}
    for node in graph:
        found = map(month.get, mentions.get(node, ()))
        months = Counter(m for m in found if m is not None)  # cables not in the table: None
        result[node] = dict(sorted(months.items()))
    return result


def _numbered(groups: Iterable[set]) -> dict:
    ordered = sorted(groups, key=lambda g: (-len(g), min(map(str, g))))
    return {node: index for index, group in enumerate(ordered) for node in group}
