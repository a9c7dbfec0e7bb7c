"""Export the built graph: RDF formats through pyoxigraph's serializers, GraphML and GEXF
(for Gephi) through networkx, via :func:`resource_graph`, a plain RDF → networkx projection.

RDF is streamed: N-Quads straight from Oxigraph, other dataset formats quad by quad,
triple formats subject by subject (:meth:`kg.store.GraphStore.merged_triples`), so memory
does not grow with the graph; the same store gives the same bytes.

Called by ``kg export`` and by :func:`kg.pipeline.build` for the configured exports.
Reads only the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError
from kg.namespaces import PREFIXES
from kg.store import GraphStore, OxigraphStore

__all__ = ["EXPORT_FORMATS", "export", "resource_graph"]

#: format name → file extension
EXPORT_FORMATS: dict[str, str] = {
    "turtle": "ttl",
    "trig": "trig",
    "nquads": "nq",
    "ntriples": "nt",
    "jsonld": "jsonld",
    "graphml": "graphml",
    "gexf": "gexf",
}

_RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_DATASET_FORMATS = {"trig", "nquads", "jsonld"}
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABELS = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/identifier",
)


def export(store: GraphStore, fmt: str, path: str | Path) -> Path:
    """Write the store's graph to ``path`` in ``fmt``; return the path.

    Triple formats (Turtle, N-Triples, GraphML, GEXF) hold the merge of every graph, each
    triple once; dataset formats (TriG, N-Quads, JSON-LD) keep the named graphs.

    Raises
    ------
    KgError
        If ``fmt`` is not one of :data:`EXPORT_FORMATS`.
    """
    if fmt not in EXPORT_FORMATS:
        raise KgError(f"export format `{fmt}` is not valid. It must be in: {list(EXPORT_FORMATS)}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt in ("graphml", "gexf"):
        import networkx as nx

        graph = resource_graph(store.quads())
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(graph, str(path))
        return path
    rdf_format = _RDF_FORMATS[fmt]
    if isinstance(store, OxigraphStore) and fmt == "nquads":
        store.dump(path, rdf_format)  # streamed by Oxigraph itself, in its content order
        return path
    items: Iterable[Any] = (
        store.stable_quads() if fmt in _DATASET_FORMATS else store.merged_triples()
    )
    prefixes = PREFIXES if fmt in ("turtle", "trig") else None
    with path.open("wb") as handle:
        ox.serialize(items, handle, rdf_format, prefixes=prefixes)
    return path


def _short(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def resource_graph(quads: Iterable[ox.Quad]) -> Any:
    """Project RDF onto a networkx MultiDiGraph: IRIs are nodes, IRI-valued triples edges.

    Node attributes: ``label`` (skos:prefLabel, else dcterms:identifier, else the IRI) and
    ``type`` (the rdf:type, prefixed, several joined by a space). Edge attributes:
    ``predicate`` (prefixed); the edge key is the predicate too, so a statement repeated
    in several named graphs is one edge. Literal-valued triples other than labels are
    dropped: GraphML and GEXF want a graph, not a table.

    Examples
    --------
    >>> n = ox.NamedNode
    >>> g = resource_graph([ox.Quad(n("https://x/a"), n("https://schema.org/mentions"),
    ...                             n("https://x/b"))])
    >>> list(g.edges(keys=True, data="predicate"))
    [('https://x/a', 'https://x/b', 'schema:mentions', 'schema:mentions')]
    """
    import networkx as nx

    graph = nx.MultiDiGraph()
    types: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for q in _unique(quads):
        s, p, o = q.subject, q.predicate.value, q.object
        if not isinstance(s, ox.NamedNode):
            continue
        if p == _TYPE and isinstance(o, ox.NamedNode):
            types.setdefault(s.value, set()).add(_short(o.value))
        elif isinstance(o, ox.NamedNode):
            graph.add_edge(s.value, o.value, key=_short(p), predicate=_short(p))
        elif (
            isinstance(o, ox.Literal)
            and p in _LABELS
            and (p == _LABELS[0] or s.value not in labels)
        ):
            labels[s.value] = o.value
    for node in graph.nodes:
        graph.nodes[node]["label"] = labels.get(node, node)
        graph.nodes[node]["type"] = " ".join(sorted(types.get(node, ())))
    return graph


def _unique(quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
    seen: set[ox.Triple] = set()
    for q in quads:
        if q.triple not in seen:
            seen.add(q.triple)
            yield q.triple
