"""The mappers: the seed cable's graph checked by SPARQL, IRIs, named graphs, purity."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.mapping import MAPPERS, cable_quads, entity_iri, register
from kg.mapping.iris import DEFAULT_BASE
from kg.model import Cable
from kg.store import OxigraphStore
from tests.graph_fixtures import ask, citing_cable, load, seed_cable

C = "<https://w3id.org/cablegraph/id/cable/07ASTANA367>"


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    s = OxigraphStore()
    load(s, seed_cable(), citing_cable())
    return s


def test_seed_cable_identity_dates_and_classification(store: OxigraphStore) -> None:
    assert ask(
        store,
        f"""{C} a cg:Cable ; dcterms:identifier "07ASTANA367" ;
        cg:canonicalId "07ASTANA367" ;
        dcterms:created "2007-02-12T04:28:00"^^xsd:dateTime ;
        cg:released "2011-08-30T01:44:00"^^xsd:dateTime ;
        cg:classification/skos:prefLabel "UNCLASSIFIED"@en""",
    )


def test_seed_cable_origin_is_embassy_astana_in_kazakhstan(store: OxigraphStore) -> None:
    assert ask(
        store,
        f"""{C} cg:origin ?post .
        ?post a cg:DiplomaticPost ; skos:prefLabel "Embassy Astana"@en ;
              skos:notation "RUEHTA" ; cg:postType "embassy" ;
              cg:country/skos:prefLabel "Kazakhstan"@en ;
              schema:location/wgs84:lat ?lat""",
    )


def test_seed_cable_is_sent_to_the_secretary_with_mcn_8416(store: OxigraphStore) -> None:
    assert ask(
        store,
        f"""{C} cg:sentTo ?sec ; cg:addressing ?a .
        ?a cg:role "TO" ; cg:addressee ?sec ; cg:mcn "8416" ; cg:routingIndicator "RUEHC" .
        ?sec skos:prefLabel "Secretary of State"@en""",
    )


@pytest.mark.parametrize(
    ("label", "route"),
    [
        ("CIS Collective", "RUCNCIS"),
        ("Department of Justice", "RUEAWJA"),
        ("US Office Almaty", "RUEHAST"),
    ],
)
def test_seed_cable_info_addressees(store: OxigraphStore, label: str, route: str) -> None:
    assert ask(
        store,
        f"""{C} cg:copiedTo ?d ; cg:addressing ?a .
        ?a cg:role "INFO" ; cg:addressee ?d ; cg:routingIndicator "{route}" .
        ?d skos:prefLabel "{label}"@en""",
    )


def test_the_justice_line_keeps_the_icitap_office_symbol(store: OxigraphStore) -> None:
    assert ask(
        store,
        f"""{C} cg:addressing ?a .
        ?a cg:addresseeName "DEPT OF JUSTICE WASHDC//ICITAP" """,
    )


def test_seed_cable_has_six_tag_concepts_with_meanings(store: OxigraphStore) -> None:
    rows = store.query(
        f"""PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?code ?meaning WHERE {{ {C} dcterms:subject ?t .
        ?t skos:notation ?code ; skos:prefLabel ?meaning }} ORDER BY ?code"""
    ).rows
    assert rows == [
        ("KCRM", "Criminal Activity"),
        ("KZ", "Kazakhstan"),
        ("PGOV", "Internal Governmental Affairs"),
        ("PHUM", "Human Rights"),
        ("PINS", "National Security"),
        ("SNAR", "Narcotics"),
    ]


def test_kz_tag_matches_the_country_kazakhstan(store: OxigraphStore) -> None:
    assert ask(
        store,
        """<https://w3id.org/cablegraph/id/tag/KZ> skos:exactMatch ?c ;
        skos:inScheme cg:TAGS ; cg:tagKind "geographic" .
        ?c a cg:Country ; skos:prefLabel "Kazakhstan"@en ; cg:fipsCode "KZ" ; cg:isoCode "KZ" """,
    )


def test_seed_cable_signer_subject_and_nine_paragraphs(store: OxigraphStore) -> None:
    assert ask(
        store,
        f"""{C} cg:signedBy/skos:prefLabel "Ordway"@en ;
        dcterms:title "KAZAKHSTAN: INL CONDUCTS ANTI-TIP TRAINING COURSE FOR LAW \
ENFORCEMENT, PROCURACY, AND JUDICIARY" """,
    )
    count = store.query(
        f"SELECT (COUNT(?p) AS ?n) WHERE {{ ?p <http://purl.org/dc/terms/isPartOf> {C} }}"
    ).rows
    assert count == [("9",)]
    assert ask(store, f"""?p dcterms:isPartOf {C} ; schema:position 9 ; cg:paragraphNumber 9""")


def test_a_cited_cable_outside_the_corpus_keeps_its_edge(store: OxigraphStore) -> None:
    assert ask(
        store,
        """?c cg:canonicalId "07ASTANA999" ; dcterms:references ?x, ?y .
        ?x cg:canonicalId "07ASTANA367" ; dcterms:created ?d .
        ?y a cg:Cable ; cg:canonicalId "06ALMATY1234" ; cg:station "ALMATY" .""",
    )


def test_cable_statements_go_in_the_cable_graph_and_shared_ones_in_the_default() -> None:
    quads = list(cable_quads(seed_cable()))
    graph = ox.NamedNode("https://w3id.org/cablegraph/id/cable/07ASTANA367")
    own = [q for q in quads if q.graph_name == graph]
    shared = [q for q in quads if q.graph_name != graph]
    assert all(isinstance(q.graph_name, ox.DefaultGraph) for q in shared)
    assert {q.subject.value.rsplit("/", 2)[-2] for q in shared} >= {"person", "classification"}
    assert all(q.subject.value.startswith(graph.value) for q in own)


def test_mapping_is_deterministic_and_follows_the_base() -> None:
    first = [str(q) for q in cable_quads(seed_cable())]
    assert first == [str(q) for q in cable_quads(seed_cable())]
    other = [str(q) for q in cable_quads(seed_cable(), "https://example.org/kg/")]
    assert any("<https://example.org/kg/cable/07ASTANA367>" in q for q in other)
    assert not any(DEFAULT_BASE in q for q in other)


def test_a_bad_date_is_an_error_naming_the_cable_and_value() -> None:
    cable = Cable(reference_id="07ASTANA367", canonical_id="07ASTANA367", created="12 FEB 07")
    with pytest.raises(ValueError, match="07ASTANA367: created `12 FEB 07`"):
        list(cable_quads(cable))


def test_unknown_tags_and_addressees_still_get_labelled_nodes() -> None:
    from kg.model import Recipient, Tag

    cable = Cable(
        reference_id="09FOO1",
        canonical_id="09FOO1",
        tags=[Tag("ZZZQ", "subject")],
        recipients=[Recipient(name="SPECIAL EMBASSY PROGRAM", precedence="IMMEDIATE")],
    )
    s = OxigraphStore()
    load(s, cable)
    assert ask(
        s,
        """?c dcterms:subject ?t ; cg:sentTo ?o .
        ?t skos:notation "ZZZQ" ; skos:prefLabel "ZZZQ"@en ; skos:inScheme cg:TAGS .
        ?o a cg:Organization ; skos:prefLabel "Special Embassy Program"@en""",
    )


def test_a_registered_mapper_runs_with_the_others() -> None:
    def shout(cable: Cable, ctx):  # type: ignore[no-untyped-def]
        yield ox.Quad(ctx.cable, ox.NamedNode("https://example.org/p"), ox.Literal("x"), ctx.graph)

    register("test-shout", shout)
    try:
        objects = [q.object for q in cable_quads(seed_cable())]
        assert ox.Literal("x") in objects
    finally:
        MAPPERS.pop("test-shout")


def test_entity_iris_are_keyed_and_checked() -> None:
    assert entity_iri(DEFAULT_BASE, "org/inl").value == "https://w3id.org/cablegraph/id/org/inl"
    with pytest.raises(ValueError, match="not valid"):
        entity_iri(DEFAULT_BASE, "org/Bad Key")


def test_the_signer_and_the_classifier_of_the_same_name_are_one_person() -> None:
    from dataclasses import replace

    from kg.model import ClassifiedBy
    from kg.query import run_query

    # as in Astana's classified cables: "Classified By: Amb. John Ordway", signed ORDWAY
    cable = replace(
        seed_cable(),
        classified_by=ClassifiedBy(["John M. Ordway"], "Ambassador", ["1.4 (b)", "(d)"]),
    )
    s = OxigraphStore()
    load(s, cable)
    people = run_query(s, f"SELECT DISTINCT ?p WHERE {{ {C} cg:signedBy|cg:classifiedBy ?p }}").rows
    assert len(people) == 1
    assert ask(
        s,
        f"""{C} cg:signedBy ?p ; cg:classifiedBy ?p .
        ?p skos:prefLabel "Ordway"@en ; skos:altLabel "John M. Ordway"@en ;
           schema:jobTitle "Ambassador" """,
    )
    # a classifier with another surname stays another person
    other = replace(cable, classified_by=ClassifiedBy(["Kevin Milas"], "DCM"))
    s2 = OxigraphStore()
    load(s2, other)
    assert ask(
        s2,
        f"""{C} cg:classifiedBy/skos:prefLabel "Kevin Milas"@en ;
        cg:signedBy/skos:prefLabel "Ordway"@en""",
    )


def test_the_classification_is_the_page_table_value_and_the_banner_adds_caveats() -> None:
    from dataclasses import replace

    from kg.model import Classification

    # 08MANAMA492: the page says CONFIDENTIAL, the banner is followed by SIPDIS
    cable = replace(
        seed_cable(), classification=Classification("CONFIDENTIAL", ["SIPDIS"], "CONFIDENTIAL")
    )
    s = OxigraphStore()
    load(s, cable)
    assert ask(s, f"""{C} cg:classification/skos:notation "CONFIDENTIAL" ; cg:caveat "SIPDIS" """)
    fouo = replace(
        seed_cable(),
        classification=Classification(
            "UNCLASSIFIED", ["FOUO", "SENSITIVE"], "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
        ),
    )
    s2 = OxigraphStore()
    load(s2, fouo)
    assert ask(
        s2,
        f"""{C} cg:classification/skos:notation "UNCLASSIFIED//FOR OFFICIAL USE ONLY" ;
        cg:caveat "SENSITIVE" . FILTER NOT EXISTS {{ {C} cg:caveat "FOUO" }}""",
    )


def test_a_page_published_under_a_garbled_id_is_its_own_cable_node() -> None:
    from dataclasses import replace

    # WikiLeaks published MANAMA 492 twice: 08MANAMA492 and 08ECTION01OF02MANAMA492
    clean = replace(seed_cable(), reference_id="08MANAMA492", canonical_id="08MANAMA492")
    garbled = replace(clean, reference_id="08ECTION01OF02MANAMA492", subject="COBAT TIP")
    s = OxigraphStore()
    load(s, clean, garbled)
    rows = s.query(
        """SELECT ?id ?g WHERE { GRAPH ?g {
        ?c <https://w3id.org/cablegraph/ontology#canonicalId> "08MANAMA492" ;
           <http://purl.org/dc/terms/identifier> ?id } } ORDER BY ?id"""
    ).rows
    base = "https://w3id.org/cablegraph/id/cable/"
    assert rows == [
        ("08ECTION01OF02MANAMA492", base + "08ECTION01OF02MANAMA492"),
        ("08MANAMA492", base + "08MANAMA492"),
    ]
    assert ask(s, f"<{base}08ECTION01OF02MANAMA492/paragraph/9> dcterms:isPartOf ?c")


def test_an_entity_described_by_an_earlier_cable_keeps_each_cable_s_own_names() -> None:
    # descriptions are cached per process: the second cable must still state its own
    # wording, and the first cable mapped again must give exactly its first quads
    from kg.model import Entity, Mention, Paragraph

    def cable(cable_id: str, wording: str) -> Cable:
        iom = Entity(
            "org/iom",
            "organization",
            "International Organization for Migration",
            [wording],
            {"gazetteer": True, "org_type": "international_organization", "parent": "org/un"},
        )
        return Cable(
            cable_id,
            cable_id,
            paragraphs=[Paragraph(f"{wording} trained.")],
            mentions=[Mention(iom, wording, 0, 0, len(wording))],
        )

    def alt_labels(quads: list[ox.Quad]) -> set[str]:
        return {str(q.object) for q in quads if q.predicate.value.endswith("#altLabel")}

    first = list(cable_quads(cable("07ASTANA367", "IOM")))
    second = list(cable_quads(cable("07ASTANA368", "OIM")))
    again = list(cable_quads(cable("07ASTANA367", "IOM")))
    assert alt_labels(first) == {'"IOM"@en'}
    assert alt_labels(second) == {'"OIM"@en'}
    assert {str(q) for q in again} == {str(q) for q in first}
    parents = {str(q.object) for q in second if q.predicate.value.endswith("subOrganizationOf")}
    assert parents == {"<https://w3id.org/cablegraph/id/org/un>"}


# any text a cable may hold (no lone surrogates: no Literal can hold those either)
_TEXTS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS, lexical=st.from_regex(r"\A-?[0-9]{1,6}\Z"))
def test_literal_quads_parsed_in_a_batch_are_the_quads_built_one_by_one(
    text: str, lexical: str
) -> None:
    # the mappers' literal statements go through one N-Quads parse: quotes, backslashes,
    # line breaks, "\u0041" written out and any other character must come back unchanged
    from kg.mapping.literal_quads import LiteralQuads
    from kg.mapping.terms import XSD_INTEGER, T

    g = ox.NamedNode("https://w3id.org/cablegraph/id/cable/07ASTANA367")
    s = ox.NamedNode(g.value + "/paragraph/1#char=0,3")
    batch = LiteralQuads(g)
    batch.plain(s.value, T.text.value, text)
    batch.english(s.value, T.prefLabel.value, text)
    batch.typed(s.value, T.position.value, lexical, XSD_INTEGER.value)
    assert batch.quads() == [
        ox.Quad(s, T.text, ox.Literal(text), g),
        ox.Quad(s, T.prefLabel, ox.Literal(text, language="en"), g),
        ox.Quad(s, T.position, ox.Literal(lexical, datatype=XSD_INTEGER), g),
    ]


def test_literal_quads_keep_escapes_written_in_the_text() -> None:
    from kg.mapping.literal_quads import LiteralQuads

    g = ox.NamedNode("https://w3id.org/cablegraph/id/cable/07ASTANA367")
    batch = LiteralQuads(g)
    written = 'C:\\new "\\u0041" \\\\ end\r\n\ttab'
    batch.plain(g.value, "https://schema.org/text", written)
    [quad] = batch.quads()
    assert quad.object == ox.Literal(written)
    assert LiteralQuads(g).quads() == []
