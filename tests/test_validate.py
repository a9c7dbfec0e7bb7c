"""SHACL validation in chunks finds what pyshacl finds on the whole graph at once."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib
from rdflib.namespace import RDFS, SH

from kg.store import OxigraphStore, rdflib_term
from kg.validate import ontology_path, shapes_contract, validate_store
from tests.graph_fixtures import citing_cable, load, seed_cable

ID = "https://w3id.org/cablegraph/id/"
CG = "https://w3id.org/cablegraph/ontology#"
SEED, CITING = ox.NamedNode(ID + "cable/07ASTANA367"), ox.NamedNode(ID + "cable/07ASTANA999")


def _q(s: str, p: str, o: ox.NamedNode | ox.Literal, g: ox.NamedNode) -> ox.Quad:
    return ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, g)


TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: faults whose evidence is split across graphs, as a corpus build spreads it
FAULTS = [
    # a second prefLabel for a shared post, stated by another cable than the tables
    _q(ID + "post/astana", "http://www.w3.org/2004/02/skos/core#prefLabel",
       ox.Literal("Astana Embassy", language="en"), CITING),
    # mentioned in the seed, typed in the citing cable, labelled nowhere
    _q(ID + "cable/07ASTANA367", "https://schema.org/mentions", ox.NamedNode(ID + "org/ghost"),
       SEED),
    _q(ID + "org/ghost", TYPE, ox.NamedNode(CG + "Organization"), CITING),
    # a paragraph with neither cable nor position
    _q(ID + "cable/07ASTANA367/paragraph/99", TYPE, ox.NamedNode(CG + "Paragraph"), SEED),
    # an (untyped) mention that is in no paragraph and no header
    _q(ID + "cable/07ASTANA367/mention/99", CG + "mentionOf", ox.NamedNode(ID + "org/inl"), SEED),
    # an affiliation with a node of no type
    _q(ID + "person/ordway", "https://schema.org/affiliation", ox.NamedNode(ID + "org/nowhere"),
       SEED),
]  # fmt: skip


@pytest.fixture(scope="module")
def faulty() -> OxigraphStore:
    store = OxigraphStore()
    load(store, seed_cable(), citing_cable())
    store.store.extend(FAULTS)
    return store


def _focus_nodes(text: str) -> list[str]:
    return sorted(re.findall(r"^\tFocus Node: (.*)$", text, flags=re.MULTILINE))


def _whole_graph_results(store: OxigraphStore) -> tuple[int, list[str]]:
    """pyshacl on the union of all graphs in one rdflib graph, with the ontology's axioms."""
    data = rdflib.Graph()
    for q in store.quads():
        data.add((rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)))
    ontology = rdflib.Graph().parse(ontology_path("cablegraph.ttl"))
    for axiom in ontology.triples((None, RDFS.subClassOf, None)):
        data.add(axiom)
    shapes = rdflib.Graph().parse(ontology_path("shapes.ttl"))
    _, results, text = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True)
    violations = len(set(results.subjects(SH.resultSeverity, SH.Violation)))
    return violations, _focus_nodes(str(text))


def test_chunks_find_what_the_whole_graph_check_finds(faulty: OxigraphStore) -> None:
    expected = _whole_graph_results(faulty)
    report = validate_store(faulty, chunk_triples=300)
    assert report.chunks > 10
    assert (report.violations, _focus_nodes(report.text)) == expected
    assert sorted(set(expected[1])) == [
        f"<{ID}cable/07ASTANA367/mention/99>",
        f"<{ID}cable/07ASTANA367/paragraph/99>",
        f"<{ID}org/ghost>",
        f"<{ID}person/ordway>",
        f"<{ID}post/astana>",
    ]
    assert report.conforms is False


def test_a_clean_graph_conforms(tmp_path: object) -> None:
    store = OxigraphStore()
    load(store, seed_cable(), citing_cable())
    report = validate_store(store)
    assert (report.violations, report.conforms, report.cables_checked) == (0, True, 2)
    # every node once: the reference tables' nodes and the two cables' own nodes
    subjects = {q.subject for q in store.quads()}
    assert report.nodes_checked == len(subjects)


def test_chosen_cables_bring_the_shared_nodes_they_point_to(faulty: OxigraphStore) -> None:
    report = validate_store(faulty, cables=[CITING])
    # the citing cable's own faults and its origin post's, not the seed's paragraph
    assert sorted(set(_focus_nodes(report.text))) == [f"<{ID}org/ghost>", f"<{ID}post/astana>"]
    assert (report.cables_checked, report.cables_total) == (1, 2)


def test_the_mentioned_entity_classes_are_the_ontology_s() -> None:
    # MentionedEntityShape lists the five entity classes with their subclasses (cheaper for
    # pyshacl than sh:or of five sh:class); the list must follow the ontology
    shapes = shapes_contract().shapes
    listed = {
        str(c)
        for node in shapes.objects(None, SH["in"])
        for c in rdflib.collection.Collection(shapes, node)
        if str(c).startswith(CG)
    }
    ontology = rdflib.Graph().parse(ontology_path("cablegraph.ttl"))
    roots = [
        rdflib.URIRef(CG + n) for n in ("Organization", "Place", "Person", "Programme", "Event")
    ]
    closure = {
        str(c) for root in roots for c in ontology.transitive_subjects(RDFS.subClassOf, root)
    }
    assert listed == closure
