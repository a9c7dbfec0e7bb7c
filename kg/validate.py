"""SHACL validation of a built graph against ontology/shapes.ttl (pyshacl).

Called by :func:`kg.pipeline.build` after loading. pyshacl works on rdflib graphs, so a
large store is checked on a deterministic sample of cable graphs (every k-th, sorted by
IRI) plus all shared descriptions; the report says how many cables were checked.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store import GraphStore

__all__ = ["ONTOLOGY_DIR", "ValidationReport", "ontology_path", "validate_store"]

#: the project's ontology folder (cablegraph.ttl, shapes.ttl, tags.ttl, ...)
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


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

    def to_dict(self) -> dict[str, object]:
        """Return the report as JSON-ready data (the text cut to 20,000 characters)."""
        return {
            "conforms": self.conforms,
            "violations": self.violations,
            "cables_checked": self.cables_checked,
            "cables_total": self.cables_total,
            "triples_checked": self.triples_checked,
            "seconds": round(self.seconds, 3),
            "text": self.text[:20_000],
        }


def validate_store(store: GraphStore, sample: int = 0) -> ValidationReport:
    """Validate the store's graph against ontology/shapes.ttl.

    Parameters
    ----------
    store : GraphStore
        The built store.
    sample : int
        Check at most this many cable graphs (every k-th by IRI); 0 checks them all.

    Returns
    -------
    ValidationReport
    """
    import pyshacl
    from rdflib import Graph, URIRef
    from rdflib.namespace import SH

    start = time.perf_counter()
    names = store.graph_names()
    chosen = names
    if sample and len(names) > sample:
        step = len(names) / sample
        chosen = [names[int(i * step)] for i in range(sample)]
    data = Graph()
    data.parse(ontology_path("cablegraph.ttl"))
    quads = list(store.graph_quads(ox.DefaultGraph()))
    for graph in chosen:
        quads.extend(store.graph_quads(graph))
    nt = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""
    data.parse(data=nt.decode("utf-8"), format="nt")
    shapes = Graph().parse(ontology_path("shapes.ttl"))
    conforms, results, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True
    )
    violations = sum(1 for _ in results.subjects(SH.resultSeverity, URIRef(str(SH.Violation))))
    return ValidationReport(
        conforms=bool(conforms),
        violations=violations,
        cables_checked=len(chosen),
        cables_total=len(names),
        triples_checked=len(data),
        seconds=time.perf_counter() - start,
        text=str(text),
    )
