"""The measures igraph computes in C: PageRank, betweenness, Louvain, core numbers.

networkx stays the projections' format (exports, the viewer, the cheap measures); the
algorithms whose pure-Python cost grows with nodes × edges run on an igraph copy of the
projection instead, made once per projection. On the whole-archive co-mention graph this
turns minutes into seconds. Called by :mod:`kg.analytics.measures` when no networkx
backend is configured.
"""

from __future__ import annotations

import ctypes
import functools
import random
import weakref
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    from collections.abc import Iterator

    import igraph

__all__ = [
    "attach_igraph",
    "betweenness",
    "communities",
    "core_number",
    "pagerank",
    "seeded",
    "to_igraph",
]


@dataclass(frozen=True)
class _Copy:
    """An igraph copy of a networkx graph, and the networkx node of each igraph index."""

    graph: igraph.Graph
    nodes: list[Any]
    size: tuple[int, int]


_copies: weakref.WeakKeyDictionary[nx.Graph, _Copy] = weakref.WeakKeyDictionary()


def to_igraph(graph: nx.Graph) -> tuple[igraph.Graph, list[Any]]:
    """The igraph copy of ``graph`` (with edge attribute ``weight``) and its node list.

    The copy is kept while ``graph`` lives and is unchanged in size, so the measures of
    one projection share it.

    Examples
    --------
    >>> copy, nodes = to_igraph(nx.Graph([("a", "b", {"weight": 2})]))
    >>> copy.vcount(), copy.ecount(), copy.es["weight"], nodes
    (2, 1, [2.0], ['a', 'b'])
    """
    import igraph

    size = (graph.number_of_nodes(), graph.number_of_edges())
    cached = _copies.get(graph)
    if cached is not None and cached.size == size:
        return cached.graph, cached.nodes
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[a], index[b]) for a, b in graph.edges()]
    weights = [float(w) for _, _, w in graph.edges(data="weight", default=1)]
    copy = igraph.Graph(n=len(nodes), edges=edges, directed=graph.is_directed())
    copy.es["weight"] = weights
    _copies[graph] = _Copy(copy, nodes, size)
    return copy, nodes


def attach_igraph(graph: nx.Graph, ends: Any, weights: Any) -> None:
    """Give ``graph`` the igraph copy a projection made from its own arrays.

    ``ends`` is an (edges × 2) integer array of positions in ``list(graph)`` and
    ``weights`` the edge weights. The co-mention projection has both at hand from its
    sparse product; building the copy from them takes a few milliseconds where reading
    a quarter of a million edges back out of networkx takes most of a second.

    Examples
    --------
    >>> import numpy as np
    >>> g = nx.Graph([("a", "b", {"weight": 2})])
    >>> attach_igraph(g, np.array([[0, 1]]), np.array([2]))
    >>> copy, nodes = to_igraph(g)
    >>> copy.vcount(), copy.ecount(), copy.es["weight"], nodes
    (2, 1, [2.0], ['a', 'b'])
    """
    import igraph

    nodes = list(graph)
    copy = igraph.Graph(n=len(nodes), edges=ends.tolist(), directed=graph.is_directed())
    copy.es["weight"] = [float(w) for w in weights.tolist()]
    size = (graph.number_of_nodes(), graph.number_of_edges())
    if copy.ecount() != size[1]:
        raise ValueError(f"{copy.ecount()} edges given for a graph of {size[1]}")
    _copies[graph] = _Copy(copy, nodes, size)


def pagerank(graph: nx.Graph) -> dict[Any, float]:
    """Weighted PageRank (damping 0.85), solved exactly (PRPACK) rather than iterated."""
    copy, nodes = to_igraph(graph)
    _one_openmp_thread()
    values = copy.pagerank(damping=0.85, weights="weight", directed=graph.is_directed())
    return dict(zip(nodes, values, strict=True))


def betweenness(graph: nx.Graph, sample: int | None = None, seed: int = 42) -> dict[Any, float]:
    """Unweighted betweenness normalised as networkx does; from ``sample`` sources if given.

    With a sample, only shortest paths starting at ``sample`` seeded nodes are counted and
    the sums scaled by n / sample, networkx's estimator, at C speed.

    Examples
    --------
    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    copy, nodes = to_igraph(graph)
    n = len(nodes)
    pairs = (n - 1) * (n - 2)
    # igraph counts each unordered pair once on an undirected graph, networkx twice
    scale = (1.0 if graph.is_directed() else 2.0) / pairs if pairs > 0 else 0.0
    if sample is None or sample >= n:
        values = copy.betweenness(directed=graph.is_directed())
    else:
        by_name = sorted(range(n), key=lambda i: str(nodes[i]))
        sources = random.Random(seed).sample(by_name, sample)
        values = copy.betweenness(directed=graph.is_directed(), sources=sources, targets=None)
        scale *= n / sample
    return {node: value * scale for node, value in zip(nodes, values, strict=True)}


def communities(graph: nx.Graph, seed: int, resolution: float) -> list[set[Any]]:
    """Louvain (igraph's multilevel) communities on the weighted, undirected graph.

    A directed projection is taken as undirected with the weights of both directions
    summed: citation communities are groups of cables that cite each other either way.
    """
    copy, nodes = to_igraph(graph)
    if copy.is_directed():
        copy = copy.as_undirected(mode="collapse", combine_edges={"weight": "sum"})
    with seeded(seed):
        found = copy.community_multilevel(weights="weight", resolution=resolution)
    return [{nodes[i] for i in members} for members in found]


def core_number(graph: nx.Graph) -> dict[Any, int]:
    """Core number of each node, self loops left out (in + out degree when directed)."""
    copy, nodes = to_igraph(graph)
    loops = [edge.index for edge in copy.es.select(_is_loop=True)]
    if loops:
        copy = copy.copy()
        copy.delete_edges(loops)
    values = copy.coreness(mode="all")
    return dict(zip(nodes, values, strict=True))


@functools.cache
def _one_openmp_thread() -> None:
    """Run igraph's OpenMP code (PRPACK) on one thread.

    The wheel bundles its own libgomp; on 2 shared cores its idle threads spin-wait and
    took four times the CPU of one thread for the same PageRank. Only that private copy
    is told, so nothing else in the process changes; an igraph linked otherwise is left
    as it is.
    """
    import igraph

    for library in (Path(igraph.__file__).parent.parent / "igraph.libs").glob("libgomp*.so*"):
        ctypes.CDLL(str(library)).omp_set_num_threads(1)


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """igraph's random draws inside the block come from a generator seeded with ``seed``.

    igraph draws from one process-wide generator; the default (Python's random module)
    is put back at the end, so nothing else is affected.
    """
    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)
