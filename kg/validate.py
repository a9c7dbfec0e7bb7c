"""SHACL validation of a built graph against ontology/shapes.ttl (pyshacl), in bounded memory.

Called by :func:`kg.pipeline.build` after loading, and by benchmarks/graph_speed.py on the
whole graph. pyshacl works on an in-memory rdflib graph at a few kilobytes and a few hundred
microseconds a triple, so the store is not copied into one graph: its nodes are checked in
chunks, each node once, with everything a whole-graph check would see of it:

- all the triples it is the subject of, in any graph (a shared entity is described by many
  cables and the default graph: the union is what must conform), and the ``rdf:type`` of
  every node those triples point to, with the ontology's subclass axioms (``sh:class``);
- the shapes that target it, resolved against the whole store (``sh:targetClass`` with the
  subclasses, ``sh:targetObjectsOf``, ...) and handed to pyshacl as ``sh:targetNode``, so
  a node the chunk holds only the type of is not mistaken for one without a label.

A node belongs to the chunk of the first checked cable graph it is a subject in, unless the
default graph describes it: then it is a shared node, checked after the cables (all of the
default graph's subjects on a whole-graph check; on a sample, those the sampled cables point
to). Every path of shapes.ttl is one predicate and no shape reads a value node beyond its
type, so chunked and whole-graph checks find the same violations; :func:`shapes_contract`
refuses shapes for which that would not hold.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store import GraphStore, OxigraphStore, rdflib_term

__all__ = [
    "ONTOLOGY_DIR",
    "ShapesContract",
    "ValidationReport",
    "ontology_path",
    "shapes_contract",
    "validate_store",
]

#: the project's ontology folder (cablegraph.ttl, shapes.ttl, tags.ttl, ...)
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"

#: triples (descriptions of the chunk's nodes) per pyshacl run: ~150 MB of rdflib graph
CHUNK_TRIPLES = 30_000

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SH = "http://www.w3.org/ns/shacl#"
_TARGETS = ("targetClass", "targetNode", "targetObjectsOf", "targetSubjectsOf")
# constraints that read other nodes' triples than the focus node's and its values' types
_DEEP = ("node", "sparql", "target")
_NESTED = ("or", "and", "xone", "not", "qualifiedValueShape")


def ontology_path(name: str) -> Path:
    """Return the path of ``ontology/<name>``.

    Raises
    ------
    StoreError
        If the file is missing (the package was installed without its ontology folder).
    """
    path = ONTOLOGY_DIR / name
    if not path.is_file():
        raise StoreError(f"{path} is missing: install cablegraph from its checkout (pip -e .)")
    return path


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a SHACL run: violations, how much was checked, how long it took."""

    conforms: bool
    violations: int
    cables_checked: int
    cables_total: int
    triples_checked: int
    seconds: float
    text: str
    nodes_checked: int = 0
    chunks: int = 0

    def to_dict(self) -> dict[str, object]:
        """Return the report as JSON-ready data (the text cut to 20,000 characters)."""
        return {
            "conforms": self.conforms,
            "violations": self.violations,
            "cables_checked": self.cables_checked,
            "cables_total": self.cables_total,
            "nodes_checked": self.nodes_checked,
            "triples_checked": self.triples_checked,
            "chunks": self.chunks,
            "seconds": round(self.seconds, 3),
            "text": self.text[:20_000],
        }


@dataclass(frozen=True)
class ShapesContract:
    """shapes.ttl split into its constraints and its targets, resolved by class and predicate.

    ``shapes`` is the shapes graph without target declarations; ``by_type`` maps a class
    to the shapes that target its instances (the ontology's subclasses included),
    ``by_object_of`` / ``by_subject_of`` a predicate to the shapes targeting its objects /
    subjects, ``by_node`` a node to the shapes naming it; ``subclass_axioms`` are the
    ontology's ``rdfs:subClassOf`` triples, which ``sh:class`` needs in the data graph.
    """

    shapes: Any
    by_type: dict[str, frozenset[Any]]
    by_object_of: dict[str, frozenset[Any]]
    by_subject_of: dict[str, frozenset[Any]]
    by_node: dict[str, frozenset[Any]]
    subclass_axioms: tuple[tuple[Any, Any, Any], ...]

    def targets(self, node: str, types: Iterable[str], predicates: Iterable[str]) -> set[Any]:
        """Return the shapes targeting ``node``, given its types and its own predicates.

        ``sh:targetObjectsOf`` needs the store: see :func:`validate_store`.
        """
        found = set(self.by_node.get(node, ()))
        for t in types:
            found.update(self.by_type.get(t, ()))
        for p in predicates:
            found.update(self.by_subject_of.get(p, ()))
        return found


@functools.cache
def shapes_contract() -> ShapesContract:
    """Read ontology/shapes.ttl and the ontology's class hierarchy (once).

    Raises
    ------
    StoreError
        If a shape needs more than a node's own triples and its values' types (a path of
        several steps, ``sh:node``, ``sh:qualifiedValueShape``, SPARQL constraints): chunked
        validation would then miss violations.

    Examples
    --------
    >>> contract = shapes_contract()
    >>> cg = "https://w3id.org/cablegraph/ontology#"
    >>> sorted(str(s).split("#")[1] for s in contract.by_type[cg + "DiplomaticPost"])
    ['LabelledShape', 'OrganizationShape', 'PostShape', 'SubOrganizationShape']
    """
    from rdflib import RDFS, Graph, URIRef

    shapes = Graph().parse(ontology_path("shapes.ttl"))
    _check_one_step(shapes)
    ontology = Graph().parse(ontology_path("cablegraph.ttl"))
    axioms = tuple(ontology.triples((None, RDFS.subClassOf, None)))
    supers: dict[str, set[str]] = {}
    for sub, _, sup in axioms:
        supers.setdefault(str(sub), set()).add(str(sup))

    def ancestors(cls: str) -> set[str]:
        seen, todo = {cls}, [cls]
        while todo:
            for sup in supers.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        return seen

    targets: dict[str, dict[str, set[Any]]] = {t: {} for t in _TARGETS}
    for kind in _TARGETS:
        predicate = URIRef(_SH + kind)
        for shape, value in list(shapes.subject_objects(predicate)):
            targets[kind].setdefault(str(value), set()).add(shape)
            shapes.remove((shape, predicate, value))
    by_type: dict[str, set[Any]] = {}
    for cls in {str(c) for c in supers} | set(targets["targetClass"]):
        for ancestor in ancestors(cls):
            by_type.setdefault(cls, set()).update(targets["targetClass"].get(ancestor, ()))

    def frozen(table: dict[str, set[Any]]) -> dict[str, frozenset[Any]]:
        return {k: frozenset(v) for k, v in table.items() if v}

    return ShapesContract(
        shapes=shapes,
        by_type=frozen(by_type),
        by_object_of=frozen(targets["targetObjectsOf"]),
        by_subject_of=frozen(targets["targetSubjectsOf"]),
        by_node=frozen(targets["targetNode"]),
        subclass_axioms=axioms,
    )


def _check_one_step(shapes: Any) -> None:
    """Raise unless every shape reads only its focus node's triples and its values' types."""
    from rdflib import RDF, URIRef
    from rdflib.collection import Collection

    sh = {name: URIRef(_SH + name) for name in (*_DEEP, *_NESTED, "path", "property")}
    for term in _DEEP:
        for shape in shapes.subjects(sh[term], None):
            raise StoreError(f"shapes.ttl: sh:{term} on {shape} is not supported ({__name__})")
    for path in shapes.objects(None, sh["path"]):
        steps = [path]
        if not isinstance(path, URIRef):
            alternatives = shapes.value(path, URIRef(_SH + "alternativePath"))
            steps = list(Collection(shapes, alternatives)) if alternatives else [path]
        if not all(isinstance(step, URIRef) and step != RDF.nil for step in steps):
            raise StoreError(f"shapes.ttl: sh:path {path!r} is not one predicate ({__name__})")
    for owner in set(shapes.subjects(sh["path"], None)):
        for name in _NESTED:
            for value in shapes.objects(owner, sh[name]):
                members = (
                    [value] if name in ("not", "qualifiedValueShape") else Collection(shapes, value)
                )
                for member in members:
                    if (member, sh["property"], None) in shapes or (
                        member,
                        sh["path"],
                        None,
                    ) in shapes:
                        raise StoreError(
                            f"shapes.ttl: sh:{name} of {owner} reads its values' triples "
                            f"({__name__})"
                        )


def validate_store(
    store: GraphStore,
    sample: int = 0,
    cables: Sequence[ox.NamedNode] | None = None,
    chunk_triples: int = CHUNK_TRIPLES,
) -> ValidationReport:
    """Validate the store's graph against ontology/shapes.ttl, chunk by chunk.

    Parameters
    ----------
    store : GraphStore
        The built store.
    sample : int
        Check at most this many cable graphs (every k-th by IRI) and the shared nodes
        they point to; 0 checks every cable graph and every shared node.
    cables : sequence of NamedNode, optional
        Check these cable graphs (an incremental build's rebuilt cables) and the shared
        nodes they point to, instead of the whole store; ``sample`` still caps them.
    chunk_triples : int
        Triples per pyshacl run: memory grows with it, the time per triple barely.

    Returns
    -------
    ValidationReport
    """
    start = time.perf_counter()
    names = store.graph_names()
    candidates = names if cables is None else sorted(set(cables), key=str)
    chosen = candidates
    if sample and len(candidates) > sample:
        step = len(candidates) / sample
        chosen = [candidates[int(i * step)] for i in range(sample)]
    run = _Run(_oxigraph(store), shapes_contract(), chunk_triples)
    whole = cables is None and len(chosen) == len(names)
    run.check_cables(chosen, whole)
    run.check_shared(_default_subjects(run.store) if whole else sorted(run.shared))
    run.flush()
    return ValidationReport(
        conforms=run.violations == 0,
        violations=run.violations,
        cables_checked=len(chosen),
        cables_total=len(names),
        triples_checked=run.triples,
        seconds=time.perf_counter() - start,
        text="\n".join(run.texts),
        nodes_checked=run.nodes,
        chunks=run.chunks,
    )


def _oxigraph(store: GraphStore) -> ox.Store:
    if isinstance(store, OxigraphStore):
        return store.store
    # small runs (rdflib memory, a remote endpoint): an in-memory copy to look nodes up in
    copy = ox.Store()
    copy.bulk_extend(store.quads())
    return copy


def _default_subjects(store: ox.Store) -> Iterator[ox.NamedNode | ox.BlankNode]:
    seen: set[str] = set()  # an in-memory store does not group a subject's quads
    for quad in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        subject = quad.subject
        if isinstance(subject, ox.NamedNode | ox.BlankNode) and subject.value not in seen:
            seen.add(subject.value)
            yield subject


@dataclass
class _Run:
    """The chunk being filled, and what the chunks found so far."""

    store: ox.Store
    contract: ShapesContract
    chunk_triples: int
    shared: set[ox.NamedNode] = field(default_factory=set)
    violations: int = 0
    triples: int = 0
    nodes: int = 0
    chunks: int = 0
    texts: list[str] = field(default_factory=list)
    _looked_up: set[ox.NamedNode] = field(default_factory=set)
    _described: list[tuple[Any, list[ox.Triple]]] = field(default_factory=list)
    _size: int = 0

    def check_cables(self, graphs: Sequence[ox.NamedNode], whole: bool) -> None:
        position = {g.value: i for i, g in enumerate(graphs)}
        for i, graph in enumerate(graphs):
            subjects = {q.subject for q in self.store.quads_for_pattern(None, None, None, graph)}
            for subject in sorted(subjects, key=str):
                quads = list(self.store.quads_for_pattern(subject, None, None, None))
                first = min(
                    (
                        position.get(q.graph_name.value, len(graphs))
                        if isinstance(q.graph_name, ox.NamedNode)
                        else -1
                        for q in quads
                    ),
                    default=i,
                )
                if first == -1:  # the default graph describes it: a shared node
                    if not whole and isinstance(subject, ox.NamedNode):
                        self.shared.add(subject)
                elif first == i:
                    self._add(subject, quads, whole)

    def check_shared(self, nodes: Iterable[Any]) -> None:
        for node in nodes:
            self._add(node, list(self.store.quads_for_pattern(node, None, None, None)), True)

    def _add(self, node: Any, quads: list[ox.Quad], whole: bool) -> None:
        triples = list({q.triple for q in quads})
        self._described.append((node, triples))
        self._size += len(triples)
        if not whole:
            for t in triples:
                if isinstance(t.object, ox.NamedNode) and self._in_default(t.object):
                    self.shared.add(t.object)
        if self._size >= self.chunk_triples:
            self.flush()

    def _in_default(self, node: ox.NamedNode) -> bool:
        if node in self._looked_up:
            return False  # already known: added then if it had to be
        self._looked_up.add(node)
        found = self.store.quads_for_pattern(node, None, None, ox.DefaultGraph())
        return next(iter(found), None) is not None

    def flush(self) -> None:
        """Run pyshacl on the chunk's nodes and start a new chunk."""
        if not self._described:
            return
        import pyshacl
        from rdflib import Graph, URIRef
        from rdflib.namespace import SH

        data = Graph()
        terms: dict[Any, Any] = {}

        def term(t: Any) -> Any:
            found = terms.get(t)
            if found is None:
                found = terms[t] = rdflib_term(t)
            return found

        shapes = Graph()
        for triple in self.contract.shapes:
            shapes.add(triple)
        pointed: set[ox.NamedNode] = set()
        for node, triples in self._described:
            types, predicates = [], set()
            for t in triples:
                data.add((term(t.subject), term(t.predicate), term(t.object)))
                predicates.add(t.predicate.value)
                if t.predicate == _RDF_TYPE and isinstance(t.object, ox.NamedNode):
                    types.append(t.object.value)
                elif isinstance(t.object, ox.NamedNode):
                    pointed.add(t.object)
            targeting = self.contract.targets(node.value, types, predicates)
            for predicate, shape_set in self.contract.by_object_of.items():
                if not shape_set <= targeting and self._is_object_of(node, predicate):
                    targeting |= shape_set
            for shape in targeting:
                shapes.add((shape, SH.targetNode, term(node)))
        for node in pointed:
            for quad in self.store.quads_for_pattern(node, _RDF_TYPE, None, None):
                data.add((term(node), term(_RDF_TYPE), term(quad.object)))
        for axiom in self.contract.subclass_axioms:
            data.add(axiom)
        conforms, results, text = pyshacl.validate(
            data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True
        )
        found = sum(1 for _ in results.subjects(SH.resultSeverity, URIRef(str(SH.Violation))))
        self.violations += found
        if not conforms and sum(map(len, self.texts)) < 20_000:
            self.texts.append(str(text))
        self.triples += len(data)
        self.nodes += len(self._described)
        self.chunks += 1
        self._described, self._size = [], 0

    def _is_object_of(self, node: Any, predicate: str) -> bool:
        found = self.store.quads_for_pattern(None, ox.NamedNode(predicate), node, None)
        return next(iter(found), None) is not None
