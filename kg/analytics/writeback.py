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


def result_quads(result: ProjectionResult, base_iri: str) -> Iterator[ox.Quad]:
    """Quads ``node cg:<measure> value`` for every scalar measure of one projection."""
    graph = analytics_graph(base_iri, result.name)
    for name, values in result.measures.items():
        if name not in MEASURE_TERMS:
            continue
        predicate, datatype = MEASURE_TERMS[name]
        p, dt = ox.NamedNode(predicate), ox.NamedNode(datatype)
        for node, value in values.items():
            lexical = str(int(value)) if dt.value.endswith("integer") else repr(float(value))
            yield ox.Quad(ox.NamedNode(node), p, ox.Literal(lexical, datatype=dt), graph)


def write_back(store: GraphStore, analysis: Analysis, base_iri: str) -> int:
    """Replace each projection's analytics graph in ``store``; return the quads written."""
    return store.replace_graphs(
        (analytics_graph(base_iri, result.name), list(result_quads(result, base_iri)))
        for result in analysis.results.values()
    )
