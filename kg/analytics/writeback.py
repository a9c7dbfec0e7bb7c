"""Measures back into the store as RDF, so SPARQL can rank and group by them.

Each projection's results go into their own named graph, ``<base>analytics/<projection>``
(a node's PageRank among co-mentions is not its PageRank among posts and TAGS), which is
replaced on every run. Called by ``kg analyze`` after :func:`kg.analytics.run.analyze`::

    SELECT ?e ?rank WHERE {
      GRAPH <https://w3id.org/cablegraph/id/analytics/comention> { ?e cg:pageRank ?rank }
    } ORDER BY DESC(?rank) LIMIT 20
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

import pyoxigraph as ox

from kg.analytics.run import Analysis, ProjectionResult
from kg.namespaces import CG
from kg.store import GraphStore, OxigraphStore

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


def result_nquads(
    result: ProjectionResult, base_iri: str, measures: Collection[str] | None = None
) -> str:
    """N-Quads ``node cg:<measure> value`` for the scalar ``measures`` (None: all) of one
    projection.

    Text, not term objects: one string join per measure is several times faster than a
    Python ``Quad`` per value, and Oxigraph parses the text natively.

    Examples
    --------
    >>> from kg.analytics.run import ProjectionResult
    >>> import networkx as nx
    >>> graph = nx.empty_graph(["http://x/a"])
    >>> result = ProjectionResult("comention", graph, {"pagerank": {"http://x/a": 0.5}})
    >>> print(*result_nquads(result, "http://x/").split(), sep="\\n")
    <http://x/a>
    <https://w3id.org/cablegraph/ontology#pageRank>
    "0.5"^^<http://www.w3.org/2001/XMLSchema#double>
    <http://x/analytics/comention>
    .
    """
    graph = analytics_graph(base_iri, result.name).value
    # every projection's nodes are IRIs; a stray non-IRI would break the whole parse
    nodes = [node for node in result.graph if _is_iri(node)]
    lines: list[str] = []
    for name, values in result.measures.items():
        if name not in MEASURE_TERMS or (measures is not None and name not in measures):
            continue
        predicate, datatype = MEASURE_TERMS[name]
        cast = _integer if datatype.endswith("integer") else _double
        tail = f'"^^<{datatype}> <{graph}> .'
        lines.extend(
            f'<{node}> <{predicate}> "{cast(values[node])}{tail}'
            for node in nodes
            if node in values
        )
    return "\n".join(lines) + "\n" if lines else ""


def result_quads(
    result: ProjectionResult, base_iri: str, measures: Collection[str] | None = None
) -> Iterator[ox.Quad]:
    """The quads of :func:`result_nquads`."""
    return ox.parse(result_nquads(result, base_iri, measures), ox.RdfFormat.N_QUADS)


def write_back(
    store: GraphStore,
    analysis: Analysis,
    base_iri: str,
    measures: Collection[str] | None = None,
) -> int:
    """Replace each projection's analytics graph in ``store``; return the quads written.

    Only ``measures`` (None: every one with a term in :data:`MEASURE_TERMS`). Replacing
    costs about as much as deleting the previous run's quads one by one, so
    ``analytics.write_back_measures`` keeps to those worth a SPARQL query, and a graph
    that already holds exactly the new results (a rerun on the same store) is left as
    it is.
    """
    if isinstance(store, OxigraphStore) and not store.read_only:
        # Oxigraph's bulk loader parses N-Quads text in Rust: about three times faster
        # than making a Python Quad per value for replace_graphs
        written = 0
        changed = []
        for result in analysis.results.values():
            graph = analytics_graph(base_iri, result.name)
            text = result_nquads(result, base_iri, measures)
            written += text.count("\n")
            if _holds(store.store, graph, text):
                continue
            if store.store.contains_named_graph(graph):
                store.store.remove_graph(graph)
            changed.append(text)
        if changed:
            store.store.bulk_load("".join(changed).encode(), ox.RdfFormat.N_QUADS)
        return written
    return store.replace_graphs(
        (analytics_graph(base_iri, result.name), list(result_quads(result, base_iri, measures)))
        for result in analysis.results.values()
    )


def _holds(store: ox.Store, graph: ox.NamedNode, text: str) -> bool:
    """Whether ``graph`` in ``store`` has exactly the quads of the N-Quads ``text``.

    Counting is free; only when the counts agree are the stored quads read and compared,
    by value: Oxigraph writes a stored double in its own lexical form, not Python's.
    """
    if not store.contains_named_graph(graph):
        return not text
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}"
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    if int(next(iter(solutions))[0].value) != text.count("\n"):
        return False
    quads = store.quads_for_pattern(None, None, None, graph)
    stored = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
    return _by_value(stored.decode()) == _by_value(text)


def _by_value(nquads: str) -> list[tuple[str, float]]:
    """Each ``node property "value"^^type graph`` line as (the line without the value,
    the number), sorted."""
    rows = []
    for line in nquads.splitlines():
        head, value, tail = line.split('"')
        rows.append((head + tail, float(value)))
    return sorted(rows)


def _integer(value: Any) -> str:
    return str(int(value))


def _double(value: Any) -> str:
    return repr(float(value))


def _is_iri(node: Any) -> bool:
    return isinstance(node, str) and "://" in node and not any(c in node for c in '<>" {}')
