"""The read side of the store as analytics and the viewer use it: SELECT rows of strings.

Analytics and the viewer read only the store (:mod:`kg.store`: embedded Oxigraph, rdflib
in memory, or a SPARQL endpoint), never the parser. Queries see the union of the default
graph and every cable's named graph; results come back as ``{variable: value}`` rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar

from kg.config import Config
from kg.errors import StoreError
from kg.store import GraphStore, open_store

__all__ = ["CG", "PREFIXES", "memoized", "open_built_store", "reading_once", "select"]

T = TypeVar("T")

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


def select(store: GraphStore, query: str) -> Iterator[dict[str, str]]:
    """Run a SELECT over all graphs; yield each row as ``{variable: lexical value}``.

    Unbound variables are left out of the row. The ``cg``, ``dcterms``, ``rdf``, ``schema``,
    ``sem``, ``skos`` and ``xsd`` prefixes are predeclared.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> from kg.store import OxigraphStore
    >>> store = OxigraphStore()
    >>> triple = b'<http://x/a> <https://schema.org/name> "A" .'
    >>> store.add_default(ox.parse(triple, ox.RdfFormat.N_TRIPLES))
    1
    >>> list(select(store, "SELECT ?s ?n WHERE { ?s schema:name ?n }"))
    [{'s': 'http://x/a', 'n': 'A'}]
    """
    header = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
    result = store.query(header + query)
    for values in result.rows:
        yield {name: v for name, v in zip(result.variables, values, strict=True) if v is not None}


_memo: ContextVar[dict[Any, Any] | None] = ContextVar("kg_analytics_memo", default=None)


@contextmanager
def reading_once() -> Iterator[None]:
    """Within this block, :func:`memoized` tables are read from the store once.

    ``kg analyze`` builds five projections and the totals from the same few tables
    (cables, entities, mentions...); reading each once saves most of the SPARQL time. The
    store must not change inside the block; outside it nothing is cached.
    """
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def memoized(key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or its value from earlier in the same :func:`reading_once` block.

    Examples
    --------
    >>> calls = []
    >>> with reading_once():
    ...     [memoized(("n",), lambda: calls.append(1) or len(calls)) for _ in range(3)]
    [1, 1, 1]
    >>> memoized(("n",), lambda: 7)
    7
    """
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    value: T = memo[key]
    return value


def open_built_store(config: Config, *, read_only: bool = False) -> GraphStore:
    """Open the store ``kg build`` wrote; StoreError if an on-disk store is not there yet.

    Unlike :func:`kg.store.open_store`, never creates an empty store: analysing or viewing
    nothing is a mistake worth saying so.
    """
    if config.store.backend == "oxigraph":
        path = Path(config.store.path)
        path = path if path.is_absolute() else Path(config.build.out) / path
        if not path.is_dir():
            raise StoreError(f"{path}: no store there; run `kg build` first")
    return open_store(config.store, config.build.out, read_only=read_only)
