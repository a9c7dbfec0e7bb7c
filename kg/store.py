"""Where the graph is kept: embedded Oxigraph on disk, rdflib in memory, or a remote
SPARQL 1.1 endpoint — one interface, chosen by ``store.backend``.

The pipeline writes cable graphs with :meth:`GraphStore.replace_graphs` (streamed, in
bulk; a cable built again replaces its named graph instead of duplicating it) and shared
descriptions with :meth:`GraphStore.add_default`. Query, export and serve read it back.
Queries see the union of all graphs as their default graph.
"""

from __future__ import annotations

import contextlib
import json
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.config import StoreConfig
from kg.errors import StoreError

__all__ = [
    "GraphStore",
    "MemoryStore",
    "OxigraphStore",
    "QueryResult",
    "SparqlStore",
    "open_store",
    "rdflib_term",
    "term_text",
]

_BATCH = 100_000
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class QueryResult:
    """A SELECT result as plain strings (None for an unbound variable)."""

    variables: list[str]
    rows: list[tuple[str | None, ...]]


class GraphStore:
    """The interface every backend implements."""

    def replace_graphs(self, graphs: Iterable[tuple[ox.NamedNode, list[ox.Quad]]]) -> int:
        """Write each cable's quads, replacing its named graph; return quads written."""
        raise NotImplementedError

    def add_default(self, quads: Iterable[ox.Quad]) -> int:
        """Add shared descriptions (quads of any graph); return how many were given."""
        raise NotImplementedError

    def load_nquads(self, data: bytes) -> None:
        """Add N-Quads (what the build's workers send), in bulk."""
        self.add_default(ox.parse(data, format=ox.RdfFormat.N_QUADS))

    def remove_graph(self, graph: ox.NamedNode) -> None:
        """Remove a named graph and its quads (a rebuilt or pruned cable)."""
        raise NotImplementedError

    def query(self, sparql: str) -> QueryResult:
        """Run a SELECT or ASK query over the union of all graphs."""
        raise NotImplementedError

    def quads(self) -> Iterator[ox.Quad]:
        """Yield every quad of the store."""
        raise NotImplementedError

    def graph_names(self) -> list[ox.NamedNode]:
        """Return the named graphs (one per cable), sorted."""
        names = {q.graph_name for q in self.quads() if isinstance(q.graph_name, ox.NamedNode)}
        return sorted(names, key=str)

    def graph_quads(self, graph: ox.NamedNode | ox.DefaultGraph) -> Iterator[ox.Quad]:
        """Yield the quads of one graph."""
        return (q for q in self.quads() if q.graph_name == graph)

    def stable_quads(self) -> Iterable[ox.Quad]:
        """Every quad, in an order that depends only on the content (for exports)."""
        return sorted(self.quads(), key=str)

    def merged_triples(self) -> Iterable[ox.Triple]:
        """The merge of all graphs, each triple once, in an order fixed by the content."""
        return sorted({q.triple for q in self.quads()}, key=str)

    def __len__(self) -> int:
        raise NotImplementedError

    def close(self) -> None:
        """Flush and release the store."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _predicate_object(triple: ox.Triple) -> tuple[str, str]:
    return triple.predicate.value, str(triple.object)


def term_text(term: Any) -> str | None:
    """A term's value as text, None for None (a quoted triple, with no value, as written)."""
    if term is None:
        return None
    return str(term.value) if hasattr(term, "value") else str(term)


class OxigraphStore(GraphStore):
    """Embedded Oxigraph: on disk at ``path``, or in memory when ``path`` is None."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        try:
            if path is None:
                self.store = ox.Store()
            elif read_only:
                self.store = ox.Store.read_only(str(path))
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"cannot open the Oxigraph store at {path}: {exc}") from exc
        self.path = path
        self.read_only = read_only

    def replace_graphs(self, graphs: Iterable[tuple[ox.NamedNode, list[ox.Quad]]]) -> int:
        batch: list[ox.Quad] = []
        written = 0
        for graph, quads in graphs:
            if self.store.contains_named_graph(graph):
                self.store.remove_graph(graph)
            batch.extend(quads)
            written += len(quads)
            if len(batch) >= _BATCH:
                self.store.bulk_extend(batch)
                batch = []
        if batch:
            self.store.bulk_extend(batch)
        return written

    def add_default(self, quads: Iterable[ox.Quad]) -> int:
        batch = list(quads)
        self.store.bulk_extend(batch)
        return len(batch)

    def load_nquads(self, data: bytes) -> None:
        # lenient: the lines were serialized from pyoxigraph terms, whose IRIs were
        # checked when built; checking them again costs ~9 % of the load's CPU
        self.store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)

    def remove_graph(self, graph: ox.NamedNode) -> None:
        if self.store.contains_named_graph(graph):
            self.store.remove_graph(graph)

    def backup(self, target: str | Path) -> None:
        """Copy the store to ``target`` (hard links where it can: cheap on one disk)."""
        try:
            self.store.backup(str(target))
        except OSError as exc:
            raise StoreError(f"cannot copy the store {self.path} to {target}: {exc}") from exc

    def query(self, sparql: str) -> QueryResult:
        try:
            result = self.store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {exc}") from exc
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(["ask"], [("true" if bool(result) else "false",)])
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            # term_text for Oxigraph's terms alone, inline, values by position rather than by
            # name: ~0.4 s less CPU over the ~20 queries of a whole-archive kg analyze
            # (same rows; a quoted triple, the one term without a value, as text)
            rows = [
                tuple(None if t is None else str(t) if type(t) is ox.Triple else t.value for t in s)
                for s in result
            ]
            return QueryResult(names, rows)
        triples: list[tuple[str | None, ...]] = [
            (term_text(t.subject), term_text(t.predicate), term_text(t.object)) for t in result
        ]
        return QueryResult(["subject", "predicate", "object"], triples)

    def quads(self) -> Iterator[ox.Quad]:
        yield from self.store.quads_for_pattern(None, None, None, None)

    def graph_names(self) -> list[ox.NamedNode]:
        names = [g for g in self.store.named_graphs() if isinstance(g, ox.NamedNode)]
        return sorted(names, key=str)

    def graph_quads(self, graph: ox.NamedNode | ox.DefaultGraph) -> Iterator[ox.Quad]:
        yield from self.store.quads_for_pattern(None, None, None, graph)

    def stable_quads(self) -> Iterable[ox.Quad]:
        # Oxigraph iterates its indexes in the order of its term encoding (content hashes),
        # so the same content streams in the same order without sorting in Python.
        return self.store.quads_for_pattern(None, None, None, None)

    def merged_triples(self) -> Iterator[ox.Triple]:
        # Subject by subject: a subject's triples of every graph are merged and sorted here,
        # a few dozen at a time, so memory does not grow with the triples (a DISTINCT over
        # all of them held them all: 1.5 GB on the 6,712 corpus; the subjects alone take
        # Oxigraph ~50 MB). Subjects come in the order of Oxigraph's content encoding, so
        # the same content gives the same order.
        subjects = self.store.query(
            "SELECT DISTINCT ?s WHERE { ?s ?p ?o }", use_default_graph_as_union=True
        )
        assert isinstance(subjects, ox.QuerySolutions)
        for row in subjects:
            quads = self.store.quads_for_pattern(row[0], None, None, None)
            yield from sorted({q.triple for q in quads}, key=_predicate_object)

    def dump(self, path: str | Path, fmt: ox.RdfFormat) -> None:
        """Write the whole dataset (N-Quads, TriG) straight from the store."""
        self.store.dump(str(path), fmt)

    def __len__(self) -> int:
        return len(self.store)

    def flush(self) -> None:
        """Write what is held in memory to disk, so a read-only opening sees it all."""
        if not self.read_only:
            self.store.flush()

    def close(self) -> None:
        if self.path is not None:
            self.flush()
            del self.store


def rdflib_term(term: Any) -> Any:
    """Return the rdflib term for a pyoxigraph term (graph names included).

    Examples
    --------
    >>> rdflib_term(ox.Literal("x", language="en"))
    rdflib.term.Literal('x', lang='en')
    """
    import rdflib as r

    if isinstance(term, ox.NamedNode):
        return r.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return r.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return r.Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # rdflib tells "x" from "x"^^xsd:string
            return r.Literal(term.value)
        return r.Literal(term.value, datatype=r.URIRef(term.datatype.value))
    return r.URIRef(str(term))


class MemoryStore(GraphStore):
    """rdflib's in-memory Dataset, for small runs and for pyshacl / JSON-LD."""

    def __init__(self) -> None:
        import rdflib

        self.rdflib = rdflib
        self.dataset = rdflib.Dataset(default_union=True)

    def _term(self, term: Any) -> Any:
        return rdflib_term(term)

    def _add(self, q: ox.Quad) -> None:
        triple = (self._term(q.subject), self._term(q.predicate), self._term(q.object))
        if isinstance(q.graph_name, ox.DefaultGraph):
            self.dataset.default_graph.add(triple)
        else:
            self.dataset.graph(self._term(q.graph_name)).add(triple)

    def replace_graphs(self, graphs: Iterable[tuple[ox.NamedNode, list[ox.Quad]]]) -> int:
        written = 0
        with _quiet_rdflib():
            for graph, quads in graphs:
                self.dataset.remove_graph(self._term(graph))
                for q in quads:
                    self._add(q)
                written += len(quads)
        return written

    def remove_graph(self, graph: ox.NamedNode) -> None:
        with _quiet_rdflib():
            self.dataset.remove_graph(self._term(graph))

    def add_default(self, quads: Iterable[ox.Quad]) -> int:
        count = 0
        with _quiet_rdflib():
            for q in quads:
                self._add(q)
                count += 1
        return count

    def query(self, sparql: str) -> QueryResult:
        with _quiet_rdflib():
            return self._query(sparql)

    def _query(self, sparql: str) -> QueryResult:
        # queries see the union of all graphs, as in the Oxigraph backend; rdflib's
        # Dataset(default_union=True) does not give SPARQL that view, a merged Graph does
        union = self.rdflib.Graph()
        for context in self.dataset.graphs():
            union += context
        try:
            result = union.query(sparql)
        except Exception as exc:  # rdflib raises pyparsing errors of its own kinds
            raise StoreError(f"SPARQL error: {exc}") from exc
        if result.type == "ASK":
            return QueryResult(["ask"], [("true" if result.askAnswer else "false",)])
        if result.type == "SELECT":
            names = [str(v) for v in result.vars or []]
            rows = [tuple(term_text(v) for v in row) for row in result]  # type: ignore[union-attr]
            return QueryResult(names, rows)
        triples = [tuple(term_text(v) for v in t) for t in result]  # type: ignore[union-attr]
        return QueryResult(["subject", "predicate", "object"], triples)

    def quads(self) -> Iterator[ox.Quad]:
        with _quiet_rdflib():
            found = list(self.dataset.quads((None, None, None, None)))
        for s, p, o, g in found:
            yield ox.Quad(_ox(s), _ox(p), _ox(o), _graph(g))

    def __len__(self) -> int:
        return sum(1 for _ in self.quads())


@contextlib.contextmanager
def _quiet_rdflib() -> Iterator[None]:
    # rdflib 7.6's Dataset(default_union=True) warns about its own internal use of
    # default_context on every triples() call; the warning is not about our code.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


def _ox(term: Any) -> Any:
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def _graph(name: Any) -> Any:
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    if name is None or str(name) == str(DATASET_DEFAULT_GRAPH_ID):
        return ox.DefaultGraph()
    return ox.NamedNode(str(getattr(name, "identifier", name)))


class SparqlStore(GraphStore):
    """A remote SPARQL 1.1 endpoint: Query and Update over HTTP (Oxigraph, Fuseki, …).

    Queries expect the union of the graphs as the default graph, as the other backends
    give it: start the server so (``oxigraph serve --union-default-graph``, Fuseki's
    ``tdb2:unionDefaultGraph``). Rebuilding a cable drops its named graph on the server
    and inserts the new one (SPARQL 1.1 Update ``DROP SILENT GRAPH`` + ``INSERT DATA``).
    """

    def __init__(self, query_endpoint: str, update_endpoint: str | None = None) -> None:
        self.query_endpoint = query_endpoint
        self.update_endpoint = update_endpoint

    def _post(self, url: str, data: dict[str, str], accept: str) -> bytes:
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(url, data=body, headers={"Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                return bytes(response.read())
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"SPARQL endpoint {url} failed: {exc}") from exc

    def _update(self, text: str) -> None:
        if not self.update_endpoint:
            raise StoreError("store.update_endpoint is not set: the sparql backend is read-only")
        self._post(self.update_endpoint, {"update": text}, "*/*")

    def replace_graphs(self, graphs: Iterable[tuple[ox.NamedNode, list[ox.Quad]]]) -> int:
        written = 0
        for graph, quads in graphs:
            own = [q for q in quads if q.graph_name == graph]
            self.add_default(q for q in quads if q.graph_name != graph)
            triples = ox.serialize([q.triple for q in own], format=ox.RdfFormat.N_TRIPLES)
            self._update(
                f"DROP SILENT GRAPH {graph} ;\n"
                f"INSERT DATA {{ GRAPH {graph} {{\n{(triples or b'').decode()}\n}} }}"
            )
            written += len(quads)
        return written

    def remove_graph(self, graph: ox.NamedNode) -> None:
        self._update(f"DROP SILENT GRAPH {graph}")

    def load_nquads(self, data: bytes) -> None:
        """Load N-Quads; each named graph they carry replaces the server's graph of that name.

        The server's state is not this process's to know (another build may have written
        it), so a cable's graph is dropped before its quads go in, never added to.
        """
        graphs: dict[ox.NamedNode, list[ox.Quad]] = {}
        shared = []
        for q in ox.parse(data, format=ox.RdfFormat.N_QUADS):
            if isinstance(q.graph_name, ox.NamedNode):
                graphs.setdefault(q.graph_name, []).append(q)
            else:
                shared.append(q)
        self.add_default(shared)
        self.replace_graphs(graphs.items())

    def add_default(self, quads: Iterable[ox.Quad]) -> int:
        items = list(quads)
        for start in range(0, len(items), 20_000):
            chunk = items[start : start + 20_000]
            data = ox.serialize(chunk, format=ox.RdfFormat.N_QUADS) or b""
            # N-Quads of the default graph are N-Triples; named ones go in GRAPH blocks
            self._update(f"INSERT DATA {{\n{_as_trig(chunk, data)}\n}}")
        return len(items)

    def query(self, sparql: str) -> QueryResult:
        raw = self._post(self.query_endpoint, {"query": sparql}, "application/sparql-results+json")
        data = json.loads(raw)
        if "boolean" in data:
            return QueryResult(["ask"], [("true" if data["boolean"] else "false",)])
        names = data["head"]["vars"]
        rows = [
            tuple(b[n]["value"] if n in b else None for n in names)
            for b in data["results"]["bindings"]
        ]
        return QueryResult(names, rows)

    def quads(self) -> Iterator[ox.Quad]:
        raw = self._post(
            self.query_endpoint,
            {"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"},
            "application/n-triples",
        )
        for triple in ox.parse(raw, format=ox.RdfFormat.N_TRIPLES):
            yield ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph())

    def __len__(self) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(result.rows[0][0] or 0)


def _as_trig(quads: list[ox.Quad], _nquads: bytes) -> str:
    lines = []
    for q in quads:
        triple = f"{q.subject} {q.predicate} {q.object} ."
        if isinstance(q.graph_name, ox.DefaultGraph):
            lines.append(triple)
        else:
            lines.append(f"GRAPH {q.graph_name} {{ {triple} }}")
    return "\n".join(lines)


def open_store(config: StoreConfig, out: str | Path, *, read_only: bool = False) -> GraphStore:
    """Open the store ``config`` names; an oxigraph path is relative to ``out``.

    Raises
    ------
    StoreError
        If the backend is unknown, the sparql backend has no query endpoint, or the
        store cannot be opened.
    """
    if config.backend == "oxigraph":
        path = Path(config.path)
        return OxigraphStore(path if path.is_absolute() else Path(out) / path, read_only=read_only)
    if config.backend == "memory":
        return MemoryStore()
    if config.backend == "sparql":
        if not config.query_endpoint:
            raise StoreError("store.backend `sparql` needs store.query_endpoint")
        return SparqlStore(config.query_endpoint, config.update_endpoint)
    raise StoreError(
        f"store.backend `{config.backend}` is not valid. It must be in: "
        "['memory', 'oxigraph', 'sparql']"
    )
