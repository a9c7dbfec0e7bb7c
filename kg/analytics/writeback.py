"""Measures back into the store as RDF, so SPARQL can rank and group by them.

Each projection's results go into their own named graph, ``<base>analytics/<projection>``
(a node's PageRank among co-mentions is not its PageRank among posts and TAGS), which is
replaced on every run. Called by ``kg analyze`` after :func:`kg.analytics.run.analyze`::

    SELECT ?e ?rank WHERE {
      GRAPH <https://w3id.org/cablegraph/id/analytics/comention> { ?e cg:pageRank ?rank }
    } ORDER BY DESC(?rank) LIMIT 20
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox

from kg.analytics.run import Analysis, ProjectionResult
from kg.namespaces import CG
from kg.store import GraphStore

__all__ = ["MEASURE_TERMS", "analytics_graph", "result_quads", "write_back"]

XSD = "http://www.w3.org/2001/XMLSchema#"

#: measure name → (property in ontology/cablegraph.ttl, datatype); measures not listed
#: (activity: a per-month table) stay in the JSON output only.
MEASURE_TERMS: dict[str, tuple[str, str]] = {
    "degree": (str(CG.degree), XSD + "integer"),
    "weighted_degree": (str(CG.weightedDegree), XSD + "double"),
    "pagerank": (str(CG.pageRank), XSD + "double"),
    "betweenness": (str(CG.betweenness), XSD + "double"),
    "communities": (str(CG.community), XSD + "integer"),
    "components": (str(CG.component), XSD + "integer"),
    "k_core": (str(CG.coreNumber), XSD + "integer"),
}


def analytics_graph(base_iri: str, projection: str) -> ox.NamedNode:
    """The named graph holding one projection's results.

    Examples
    --------
    >>> analytics_graph("https://w3id.org/cablegraph/id/", "comention").value
    'https://w3id.org/cablegraph/id/analytics/comention'
    """
    return ox.NamedNode(f"{base_iri}analytics/{projection}")


def result_nquads(result: ProjectionResult, base_iri: str) -> str:
    """N-Quads ``node cg:<measure> value`` for every scalar measure of one projection.

    Text, not term objects: one string join per measure is several times faster than a
    Python ``Quad`` per value, and Oxigraph parses the text natively.

    Examples
    --------
    >>> from kg.analytics.run import ProjectionResult
    >>> import networkx as nx
    >>> result = ProjectionResult("comention", nx.Graph(), {"pagerank": {"http://x/a": 0.5}})
    >>> print(*result_nquads(result, "http://x/").split(), sep="\\n")
    <http://x/a>
    <https://w3id.org/cablegraph/ontology#pageRank>
    "0.5"^^<http://www.w3.org/2001/XMLSchema#double>
    <http://x/analytics/comention>
    .
    """
    graph = analytics_graph(base_iri, result.name).value
    lines: list[str] = []
    for name, values in result.measures.items():
        if name not in MEASURE_TERMS:
            continue
        predicate, datatype = MEASURE_TERMS[name]
        cast = _integer if datatype.endswith("integer") else _double
        tail = f'"^^<{datatype}> <{graph}> .'
        lines.extend(
            f'<{node}> <{predicate}> "{cast(value)}{tail}'
            for node, value in values.items()
            if _is_iri(node)
        )
    return "\n".join(lines) + "\n" if lines else ""


def result_quads(result: ProjectionResult, base_iri: str) -> Iterator[ox.Quad]:
    """The quads of :func:`result_nquads`."""
    return ox.parse(result_nquads(result, base_iri), ox.RdfFormat.N_QUADS)


def write_back(store: GraphStore, analysis: Analysis, base_iri: str) -> int:
    """Replace each projection's analytics graph in ``store``; return the quads written."""
    return store.replace_graphs(
        (analytics_graph(base_iri, result.name), list(result_quads(result, base_iri)))
        for result in analysis.results.values()
    )


def _integer(value: Any) -> str:
    return str(int(value))


def _double(value: Any) -> str:
    return repr(float(value))


def _is_iri(node: Any) -> bool:
    # every projection's nodes are IRIs; a stray non-IRI would break the whole parse
    return isinstance(node, str) and "://" in node and not any(c in node for c in '<>" {}')
