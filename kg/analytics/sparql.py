"""The read side of the store as analytics and the viewer use it: SELECT rows of strings.

Analytics and the viewer read only the store, never the parser. This adapter opens an
on-disk Oxigraph store or takes an open one, and runs SELECT queries over the union of the
default graph and every cable's named graph.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, StoreError

__all__ = ["CG", "PREFIXES", "open_store", "select"]

#: The ontology namespace (``cg:``).
CG = "https://w3id.org/cablegraph/ontology#"

PREFIXES = {
    "cg": CG,
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "schema": "https://schema.org/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def open_store(path: str | Path, *, read_only: bool = False) -> ox.Store:
    """Open the Oxigraph store at ``path``; StoreError if there is none there.

    Parameters
    ----------
    path : str or Path
        The store directory ``kg build`` wrote (``output/store`` by default).
    read_only : bool
        Open without write access (analytics writes its results back, the viewer does not).
    """
    path = Path(path)
    if not path.is_dir():
        raise StoreError(f"{path}: no store there; run `kg build` first")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store: {exc}") from exc


def select(store: ox.Store, query: str) -> Iterator[dict[str, str]]:
    """Run a SELECT over all graphs; yield each row as ``{variable: lexical value}``.

    Unbound variables are left out of the row. The ``cg``, ``dcterms``, ``rdf``, ``schema``,
    ``sem``, ``skos`` and ``xsd`` prefixes are predeclared.

    Examples
    --------
    >>> store = ox.Store()
    >>> store.load(b'<http://x/a> <https://schema.org/name> "A" .', ox.RdfFormat.N_TRIPLES)
    >>> list(select(store, "SELECT ?s ?n WHERE { ?s schema:name ?n }"))
    [{'s': 'http://x/a', 'n': 'A'}]
    """
    try:
        solutions = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"invalid SPARQL: {exc}\n{query}") from exc
    if not isinstance(solutions, ox.QuerySolutions):
        raise QueryError(f"expected a SELECT query, got:\n{query}")
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        row = {}
        for name in names:
            term = solution[name]
            if term is not None:
                row[name] = term.value
        yield row
