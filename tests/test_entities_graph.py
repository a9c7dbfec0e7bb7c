"""The extracted entities and events in the built graph, checked by SPARQL.

The example cable (07ASTANA367) goes through the real build (sources → parse → extract →
map → embedded Oxigraph store → SHACL), and the graph must hold what its text says: the
organizations, places, the January 23-26 training in Almaty, the signer and the persons
of the "STATE FOR" lines, each traced to the paragraph that names it. A second build of
two cables checks that an entity named by both is one node with one prefLabel.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.config import load_config
from kg.mapping import cable_quads
from kg.mapping.labels import term_value
from kg.model import Cable, Entity, Mention
from kg.pipeline import build
from kg.query import run_query
from kg.store import OxigraphStore, QueryResult
from tests.data import EXAMPLE
from tests.graph_fixtures import ask

ID = "https://w3id.org/cablegraph/id/"
C = f"<{ID}cable/07ASTANA367>"


def select(store: OxigraphStore, query: str) -> QueryResult:
    """Run a SELECT with the project's prefixes."""
    return run_query(store, query)


def _build(out: Path, *sources: Path) -> dict:
    config = load_config(None, {"build": {"out": str(out), "progress": False, "exports": []}})
    build(config, [str(s) for s in sources])
    return json.loads((out / "build-report.json").read_text())


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    out = tmp_path_factory.mktemp("entities")
    report = _build(out, EXAMPLE)
    assert report["cables"] == 1
    assert report["rejects"] == []
    assert report["validation"]["violations"] == 0, report["validation"]["text"]
    store = OxigraphStore(out / "store", read_only=True)
    yield store
    store.close()


def _mentioned(store: OxigraphStore, cls: str, name: str) -> list[str]:
    """Nodes of class ``cls`` the seed cable mentions with ``name`` as a label."""
    rows = select(
        store,
        f"""SELECT DISTINCT ?e WHERE {{
          {C} schema:mentions ?e . ?e a {cls} ; skos:prefLabel|skos:altLabel ?name .
          FILTER(LCASE(STR(?name)) = LCASE("{name}"))
        }}""",
    ).rows
    return [row[0] for row in rows if row[0]]


@pytest.mark.parametrize(
    "names",
    [
        ("INL", "International Narcotics and Law Enforcement"),
        ("IOM", "International Organization for Migration"),
        ("ICITAP", "International Criminal Investigative Assistance Training Program"),
        ("Department of Justice",),
        ("Rodnik", "Rodnik TIP victim rehabilitation center"),
        ("Ministry of Internal Affairs",),
        ("Committee of National Security",),
        ("Ministry of Education",),
        ("Karaganda Legal Institute", "Legal Institute"),
        ("Military Institute",),
        ("Department of Internal Affairs of Western Kazakhstan oblast",),
    ],
)
def test_the_seed_organizations_are_mentioned_under_all_their_names(
    seed: OxigraphStore, names: tuple[str, ...]
) -> None:
    nodes = {name: _mentioned(seed, "cg:Organization", name) for name in names}
    assert all(len(found) == 1 for found in nodes.values()), nodes
    assert len({found[0] for found in nodes.values()}) == 1, nodes


def test_icitap_is_part_of_the_department_of_justice(seed: OxigraphStore) -> None:
    assert ask(
        seed,
        f"""{C} schema:mentions ?icitap, ?doj .
        ?icitap skos:altLabel "ICITAP"@en ; org:subOrganizationOf ?doj .
        ?doj skos:prefLabel "Department of Justice"@en .""",
    )


@pytest.mark.parametrize(
    ("name", "cls", "lat", "long"),
    [
        ("Almaty", "cg:City", 43.25, 76.92),
        ("Karaganda", "cg:City", 49.80, 73.10),
        ("Aktobe", "cg:City", 50.28, 57.21),
        ("Kazakhstan", "cg:Country", 48.0, 67.0),
    ],
)
def test_the_seed_places_have_coordinates(
    seed: OxigraphStore, name: str, cls: str, lat: float, long: float
) -> None:
    (node,) = _mentioned(seed, cls, name)
    rows = select(
        seed,
        f"SELECT ?lat ?long WHERE {{ <{node}> <http://www.w3.org/2003/01/geo/wgs84_pos#lat> ?lat"
        f" ; <http://www.w3.org/2003/01/geo/wgs84_pos#long> ?long }}",
    ).rows
    assert len(rows) == 1
    got_lat, got_long = (float(v or "nan") for v in rows[0])
    # cities to a few km; a country's point only has to fall inside it (4 degrees)
    tolerance = 4.0 if cls == "cg:Country" else 0.05
    assert abs(got_lat - lat) < tolerance
    assert abs(got_long - long) < tolerance


def test_a_city_is_in_its_country_which_the_geographic_tag_matches(seed: OxigraphStore) -> None:
    assert ask(
        seed,
        f"""{C} schema:mentions ?almaty, ?kz ; dcterms:subject ?tag .
        ?almaty skos:prefLabel "Almaty"@en ; schema:containedInPlace ?kz .
        ?tag skos:notation "KZ" ; skos:exactMatch ?kz . ?kz a cg:Country .""",
    )


def test_the_seed_has_one_training_event_in_almaty_in_january(seed: OxigraphStore) -> None:
    rows = select(
        seed,
        f"""SELECT ?e WHERE {{ {C} schema:mentions ?e . ?e a sem:Event ;
          sem:eventType/skos:prefLabel "training"@en }}""",
    ).rows
    assert len(rows) == 1
    event = f"<{rows[0][0]}>"
    assert ask(
        seed,
        f"""{event} a cg:Event ;
        sem:hasBeginTimeStamp "2007-01-23"^^xsd:date ;
        sem:hasEndTimeStamp "2007-01-26"^^xsd:date ;
        sem:hasPlace/skos:prefLabel "Almaty"@en ;
        sem:hasActor ?inl, ?iom ;
        cg:partOfProgramme ?programme .
        ?inl skos:altLabel "INL"@en . ?iom skos:altLabel "IOM"@en .
        ?programme a cg:Programme ; skos:prefLabel|skos:altLabel ?name ; cg:runBy ?inl .
        FILTER(REGEX(STR(?name), "anti-TIP training", "i"))""",
    )


def test_the_signer_is_the_header_signer_with_his_full_name(seed: OxigraphStore) -> None:
    assert ask(
        seed,
        f"""{C} cg:signedBy ?p ; schema:mentions ?p .
        ?p a cg:Person ; skos:prefLabel "Ordway"@en ; skos:altLabel ?full .
        FILTER(STRENDS(STR(?full), " Ordway") && STRSTARTS(STR(?full), "John"))""",
    )


@pytest.mark.parametrize("name", ["Alton", "Carroll", "Omara", "Greg Ducot"])
def test_the_state_for_addressees_are_persons_the_cable_is_for(
    seed: OxigraphStore, name: str
) -> None:
    (node,) = _mentioned(seed, "cg:Person", name)
    assert ask(seed, f"{C} cg:forAttentionOf <{node}>")
    # named in the header, not in a paragraph
    assert ask(seed, f"?m cg:mentionOf <{node}> ; cg:inHeaderOf {C} ; schema:text ?written")
    assert not ask(seed, f"?m cg:mentionOf <{node}> ; dcterms:isPartOf ?paragraph")


def test_a_mention_is_traced_to_the_words_of_its_paragraph(seed: OxigraphStore) -> None:
    rows = select(
        seed,
        # the mention is named by its span in the paragraph (RFC 5147, as NIF does)
        f"""SELECT ?position ?paragraph ?text ?start ?end WHERE {{
          ?m cg:mentionOf ?e ; dcterms:isPartOf ?p ; schema:text ?text .
          ?e skos:altLabel "ICITAP"@en ; a cg:Organization .
          ?p a cg:Paragraph ; dcterms:isPartOf {C} ; schema:position ?position ;
             schema:text ?paragraph .
          FILTER(STRSTARTS(STR(?m), CONCAT(STR(?p), "#char=")))
          BIND(STRAFTER(STR(?m), "#char=") AS ?span)
          BIND(xsd:integer(STRBEFORE(?span, ",")) AS ?start)
          BIND(xsd:integer(STRAFTER(?span, ",")) AS ?end)
        }} ORDER BY ?start""",
    ).rows
    assert [row[0] for row in rows] == ["2", "2"]  # "... Training Program (ICITAP) ..." in ¶2
    for _, paragraph, text, start, end in rows:
        collapsed = re.sub(r"\s+", " ", paragraph or "").strip()
        assert collapsed[int(start or 0) : int(end or 0)] == text
    assert {row[2] for row in rows} == {
        "ICITAP",
        "International Criminal Investigative Assistance Training Program",
    }


def test_a_mention_is_a_cg_mention_by_the_domain_of_mention_of(seed: OxigraphStore) -> None:
    # no rdf:type on the most numerous nodes: the ontology's domain gives the class
    from rdflib import RDFS, Graph, URIRef

    from kg.validate import ontology_path

    mentions = select(seed, "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m cg:mentionOf ?e }")
    assert int(mentions.rows[0][0] or 0) > 20
    assert not ask(seed, "?m cg:mentionOf ?e ; a ?class")
    ontology = Graph().parse(ontology_path("cablegraph.ttl"))
    cg = "https://w3id.org/cablegraph/ontology#"
    assert ontology.value(URIRef(cg + "mentionOf"), RDFS.domain) == URIRef(cg + "Mention")


def test_every_mentioned_entity_has_one_preflabel(seed: OxigraphStore) -> None:
    rows = select(
        seed,
        """SELECT ?e (COUNT(DISTINCT ?l) AS ?n) WHERE { ?c schema:mentions ?e .
          OPTIONAL { ?e skos:prefLabel ?l } } GROUP BY ?e""",
    ).rows
    assert len(rows) > 20
    assert {row[1] for row in rows} == {"1"}


def _second_cable(path: Path) -> Path:
    """The example re-issued as 07ASTANA368, with "TIP" written "Tip" and "Post" named."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in (("ASTANA367", "ASTANA368"), ("#0367/", "#0368/"), ("000367", "000368")):
        text = text.replace(old, new)
    assert '"Rodnik" TIP' in text
    assert "In the short term, INL will" in text
    text = text.replace('"Rodnik" TIP', '"Rodnik" Tip')
    text = text.replace("In the short term, INL will", "In the short term, Post and INL will")
    path.write_text(text, encoding="utf-8")
    return path


def test_an_organization_named_by_two_cables_is_one_node_with_one_label(
    tmp_path: Path,
) -> None:
    second = _second_cable(tmp_path / "07ASTANA368.txt")
    report = _build(tmp_path / "out", EXAMPLE, second)
    assert report["cables"] == 2
    assert report["validation"]["violations"] == 0, report["validation"]["text"]
    store = OxigraphStore(tmp_path / "out" / "store", read_only=True)
    try:
        for name in ("Rodnik", "INL", "Ministry of Internal Affairs"):
            rows = select(
                store,
                f"""SELECT DISTINCT ?e ?label ?cable WHERE {{
                  ?cable schema:mentions ?e .
                  ?e skos:altLabel "{name}"@en ; skos:prefLabel ?label }}""",
            ).rows
            assert {row[2] for row in rows} == {f"{ID}cable/07ASTANA367", f"{ID}cable/07ASTANA368"}
            assert len({(row[0], row[1]) for row in rows}) == 1, rows
        # "Post" in the second cable is the post of its header, Embassy Astana
        assert ask(
            store,
            f"""<{ID}cable/07ASTANA368> cg:origin ?post ; schema:mentions ?post .
            ?post skos:notation "RUEHTA" .
            ?m cg:mentionOf ?post ; schema:text "Post" ;
               dcterms:isPartOf/dcterms:isPartOf <{ID}cable/07ASTANA368> .""",
        )
    finally:
        store.close()


def test_the_named_query_says_where_and_when_inl_trainings_were_held(
    seed: OxigraphStore,
) -> None:
    rows = run_query(seed, "events-with-actor", {"actor": "INL", "type": "training"}).rows
    assert [row[:4] for row in rows] == [("training", "2007-01-23", "2007-01-26", "Almaty")]
    assert rows[0][6] == "07ASTANA367"
    assert run_query(seed, "events-with-actor", {"actor": "INL", "type": "arrest"}).rows == []


def _labels(*cables: Cable) -> set[str]:
    return {
        term_value(q.object)
        for cable in cables
        for q in cable_quads(cable, aspects=["entities"])
        if q.predicate.value.endswith("core#prefLabel")
    }


def test_a_gazetteer_key_found_without_the_gazetteer_keeps_the_gazetteer_name() -> None:
    # "the U.S. Army" from the organizations table in one cable, "the American army"
    # (a national body, no gazetteer flag) in another: one key, so one label
    table = Entity("org/us-army", "organization", "U.S. Army", ["Army"], {"gazetteer": True})
    national = Entity("org/us-army", "organization", "United States Army", [], {})
    first = Cable("09KABUL1", "09KABUL1", mentions=[Mention(table, "U.S. Army")])
    second = Cable("09KABUL2", "09KABUL2", mentions=[Mention(national, "American army")])
    assert _labels(first, second) == {"U.S. Army"}


def test_labels_spelled_from_the_key_do_not_depend_on_the_spelling() -> None:
    spellings = (
        "Rodnik TIP victim rehabilitation center",
        "Rodnik Tip Victim Rehabilitation Center",
    )
    cables = [
        Cable(
            f"07ASTANA{n}",
            f"07ASTANA{n}",
            mentions=[
                Mention(
                    Entity("org/kz-rodnik-tip-victim-rehabilitation-center", "organization", name),
                    name,
                )
            ],
        )
        for n, name in enumerate(spellings)
    ]
    assert _labels(*cables) == {"Rodnik TIP Victim Rehabilitation Center (Kazakhstan)"}
