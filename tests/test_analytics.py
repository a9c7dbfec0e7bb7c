"""Analytics on a small hand-made graph whose measures were worked out by hand.

The graph (TriG below, loaded into a real Oxigraph store): six cables from Embassy Astana.
Co-mentions form two triangles joined by one bridge, plus an entity mentioned alone:

    INL ==2== IOM            Astana ==2== OSCE
      \\       /                 |    \\     /
       1     1                  |     1   1
        Almaty ------1--------- +     event
                                     (c6: Bishkek alone)
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.analytics import (
    MEASURES,
    PROJECTIONS,
    Window,
    analyze,
    export_graph,
    measure,
    project,
    select,
    write_back,
    write_report,
)
from kg.config import AnalyticsConfig
from kg.errors import ConfigError
from kg.store import MemoryStore, OxigraphStore

ID = "https://w3id.org/cablegraph/id/"
INL, IOM, ALMATY = ID + "org/inl", ID + "org/iom", ID + "place/almaty"
ASTANA, OSCE, EVENT = ID + "post/astana", ID + "org/osce", ID + "event/07ASTANA367-training"
BISHKEK = ID + "place/bishkek"

TRIG = """
@prefix cg: <https://w3id.org/cablegraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/cablegraph/id/> .

id:org\\/inl a cg:Organization ; skos:prefLabel "INL" .
id:org\\/iom a cg:Organization ; skos:prefLabel "IOM" .
id:org\\/osce a cg:Organization ; skos:prefLabel "OSCE" .
id:place\\/almaty a cg:City ; skos:prefLabel "Almaty" .
id:place\\/bishkek a cg:City ; skos:prefLabel "Bishkek" .
id:post\\/astana a cg:DiplomaticPost, cg:Organization ; skos:prefLabel "Embassy Astana" .
id:event\\/07ASTANA367-training a cg:Event ; skos:prefLabel "trafficking training" ;
    sem:hasPlace id:place\\/almaty ; sem:hasActor id:org\\/inl, id:org\\/iom .
id:tag\\/KCRM a skos:Concept ; skos:notation "KCRM" ; skos:prefLabel "Crime" .
id:tag\\/PHUM a skos:Concept ; skos:notation "PHUM" ; skos:prefLabel "Human rights" .

id:cable\\/c1 { id:cable\\/c1 a cg:Cable ; dcterms:identifier "07ASTANA1" ;
    dcterms:created "2007-01-10T08:00:00"^^xsd:dateTime ; dcterms:title "One" ;
    cg:origin id:post\\/astana ; dcterms:subject id:tag\\/KCRM ; dcterms:references id:cable\\/c5 ;
    schema:mentions id:org\\/inl, id:org\\/iom, id:place\\/almaty . }
id:cable\\/c2 { id:cable\\/c2 a cg:Cable ; dcterms:identifier "07ASTANA2" ;
    dcterms:created "2007-02-05T08:00:00"^^xsd:dateTime ; dcterms:title "Two" ;
    cg:origin id:post\\/astana ; dcterms:subject id:tag\\/KCRM, id:tag\\/PHUM ;
    dcterms:references id:cable\\/c5 ; schema:mentions id:org\\/inl, id:org\\/iom . }
id:cable\\/c3 { id:cable\\/c3 a cg:Cable ; dcterms:identifier "07ASTANA3" ;
    dcterms:created "2007-02-20T08:00:00"^^xsd:dateTime ; dcterms:title "Three" ;
    cg:origin id:post\\/astana ;
    schema:mentions id:post\\/astana, id:org\\/osce, id:event\\/07ASTANA367-training . }
id:cable\\/c4 { id:cable\\/c4 a cg:Cable ; dcterms:identifier "07ASTANA4" ;
    dcterms:created "2007-03-01T08:00:00"^^xsd:dateTime ; dcterms:title "Four" ;
    cg:origin id:post\\/astana ; schema:mentions id:post\\/astana, id:org\\/osce . }
id:cable\\/c5 { id:cable\\/c5 a cg:Cable ; dcterms:identifier "07ASTANA5" ;
    dcterms:created "2007-03-02T08:00:00"^^xsd:dateTime ; dcterms:title "Five" ;
    cg:origin id:post\\/astana ; schema:mentions id:place\\/almaty, id:post\\/astana . }
id:cable\\/c6 { id:cable\\/c6 a cg:Cable ; dcterms:identifier "07ASTANA6" ;
    dcterms:created "2007-03-03T08:00:00"^^xsd:dateTime ; dcterms:title "Six" ;
    cg:origin id:post\\/astana ; schema:mentions id:place\\/bishkek . }
"""


@pytest.fixture
def store() -> OxigraphStore:
    store = OxigraphStore()
    store.add_default(ox.parse(TRIG, ox.RdfFormat.TRIG))
    return store


def _edges(graph: nx.Graph) -> dict[frozenset[str], int]:
    return {frozenset((a, b)): w for a, b, w in graph.edges(data="weight")}


def test_comention_weights_count_the_cables_that_mention_both(store: OxigraphStore) -> None:
    graph = project(store, "comention")
    assert _edges(graph) == {
        frozenset((INL, IOM)): 2,
        frozenset((INL, ALMATY)): 1,
        frozenset((IOM, ALMATY)): 1,
        frozenset((ASTANA, OSCE)): 2,
        frozenset((ASTANA, EVENT)): 1,
        frozenset((OSCE, EVENT)): 1,
        frozenset((ALMATY, ASTANA)): 1,
    }
    assert BISHKEK in graph
    assert graph.nodes[ASTANA] == {"label": "Embassy Astana", "type": "DiplomaticPost", "cables": 3}
    assert graph.nodes[ALMATY]["type"] == "Place"
    assert graph.nodes[EVENT]["type"] == "Event"
    assert set(graph.graph["mentions"][INL]) == {ID + "cable/c1", ID + "cable/c2"}


def test_comention_above_max_edges_keeps_the_strongest(store: OxigraphStore) -> None:
    # Two edges have weight 2 (INL-IOM, Astana-OSCE), five weight 1: at most 2 edges means
    # at least 2 cables an edge, and only the entities those edges link (Almaty has 2
    # cables, but shares each with a different entity).
    graph = project(store, "comention", options={"max_edges": 2})
    assert graph.graph["min_weight"] == 2
    assert _edges(graph) == {frozenset((INL, IOM)): 2, frozenset((ASTANA, OSCE)): 2}
    assert set(graph) == {INL, IOM, ASTANA, OSCE}
    assert graph.nodes[ASTANA]["cables"] == 3  # still every cable that mentions it
    assert project(store, "comention", options={"max_edges": 7}).graph["min_weight"] == 1


def test_window_keeps_only_cables_in_the_date_range(store: OxigraphStore) -> None:
    graph = project(store, "comention", Window(since="2007-02-01", until="2007-02-28"))
    assert _edges(graph) == {
        frozenset((INL, IOM)): 1,
        frozenset((ASTANA, OSCE)): 1,
        frozenset((ASTANA, EVENT)): 1,
        frozenset((OSCE, EVENT)): 1,
    }


def test_measures_on_comention_match_hand_counts(store: OxigraphStore) -> None:
    graph = project(store, "comention")
    assert measure(graph, "degree") == {
        INL: 2, IOM: 2, ALMATY: 3, ASTANA: 3, OSCE: 2, EVENT: 2, BISHKEK: 0
    }  # fmt: skip
    assert measure(graph, "weighted_degree") == {
        INL: 3, IOM: 3, ALMATY: 3, ASTANA: 4, OSCE: 3, EVENT: 2, BISHKEK: 0
    }  # fmt: skip
    # every node of the two triangles has two neighbours inside its triangle: a 2-core.
    assert measure(graph, "k_core") == {n: (0 if n == BISHKEK else 2) for n in graph}
    components = measure(graph, "components")
    assert components[BISHKEK] == 1
    assert {components[n] for n in graph if n != BISHKEK} == {0}


def test_louvain_splits_the_two_triangles(store: OxigraphStore) -> None:
    # Splitting at the bridge has modularity 2 * (4/9 - (9/18)**2) = 0.389 (weights: 4
    # inside each triangle, 9 in all); Louvain finds it. Equal sizes: the community holding
    # the smallest IRI (event/...) is numbered first.
    graph = project(store, "comention")
    community = measure(graph, "communities", {"seed": 42})
    assert community == {
        EVENT: 0, ASTANA: 0, OSCE: 0, INL: 1, IOM: 1, ALMATY: 1, BISHKEK: 2
    }  # fmt: skip
    assert measure(graph, "communities", {"seed": 7}) == community


def test_pagerank_of_the_citation_graph_solved_by_hand(store: OxigraphStore) -> None:
    # c1 and c2 cite c5; all six cables are nodes. With alpha = 0.85, the five uncited
    # cables share x, c5 has y: y = x + 2 * 0.85 * x and 5x + y = 1, so x = 10/77, y = 27/77.
    graph = project(store, "citation")
    assert sorted(graph.edges) == [
        (ID + "cable/c1", ID + "cable/c5"),
        (ID + "cable/c2", ID + "cable/c5"),
    ]
    rank = measure(graph, "pagerank")
    assert rank[ID + "cable/c5"] == pytest.approx(27 / 77, abs=1e-6)
    for cable in ("c1", "c2", "c3", "c4", "c6"):
        assert rank[ID + f"cable/{cable}"] == pytest.approx(10 / 77, abs=1e-6)
    assert graph.nodes[ID + "cable/c5"]["label"] == "07ASTANA5"
    assert graph.nodes[ID + "cable/c5"]["cables"] == 2


def test_comention_pagerank_follows_weighted_degree(store: OxigraphStore) -> None:
    rank = measure(project(store, "comention"), "pagerank")
    assert sum(rank.values()) == pytest.approx(1.0)
    assert max(rank, key=rank.__getitem__) == ASTANA  # weighted degree 4, the highest
    assert rank[INL] == pytest.approx(rank[IOM])  # the two are symmetric


def test_betweenness_exact_on_small_graphs_and_sampled_on_large() -> None:
    assert measure(nx.path_graph(3), "betweenness") == {0: 0.0, 1: 1.0, 2: 0.0}
    star = nx.star_graph(30)  # centre 0 lies on every path between two leaves
    sampled = measure(star, "betweenness", {"sample": 10, "seed": 1})
    assert max(sampled, key=sampled.__getitem__) == 0
    assert sampled[5] == 0.0


def test_affiliation_and_event_projections(store: OxigraphStore) -> None:
    post_tag = project(store, "post_tag")
    assert _edges(post_tag) == {
        frozenset((ASTANA, ID + "tag/KCRM")): 2,
        frozenset((ASTANA, ID + "tag/PHUM")): 1,
    }
    assert post_tag.nodes[ID + "tag/KCRM"]["label"] == "KCRM"
    post_org = project(store, "post_org")
    assert _edges(post_org) == {
        frozenset((ASTANA, INL)): 2,
        frozenset((ASTANA, IOM)): 2,
        frozenset((ASTANA, OSCE)): 2,
    }
    event = project(store, "event")
    assert {frozenset((a, b)): r for a, b, r in event.edges(data="role")} == {
        frozenset((EVENT, ALMATY)): "place",
        frozenset((EVENT, INL)): "actor",
        frozenset((EVENT, IOM)): "actor",
    }


def test_cable_projection_links_cables_to_what_they_mention(store: OxigraphStore) -> None:
    graph = project(store, "cable")
    c1, c3 = ID + "cable/c1", ID + "cable/c3"
    roles = {frozenset((a, b)): r for a, b, r in graph.edges(data="role")}
    assert {n for n in graph[c1]} == {INL, IOM, ALMATY, ASTANA}
    assert roles[frozenset((c1, INL))] == "mentions"
    assert roles[frozenset((c1, ASTANA))] == "origin"  # c1 does not mention Astana
    assert roles[frozenset((c3, ASTANA))] == "origin"  # c3 does: the origin role wins
    # the event is tied to its place and actors, as in the event projection
    assert roles[frozenset((EVENT, ALMATY))] == "place"
    assert roles[frozenset((EVENT, INL))] == roles[frozenset((EVENT, IOM))] == "actor"
    # 6 cables, 7 entities; edges: 6 origin + 13 mentions (3 of them by the origin) + 3 event
    assert graph.number_of_nodes() == 13
    assert graph.number_of_edges() == 6 + 13 - 3 + 3
    assert graph.nodes[c1] == {"label": "07ASTANA1", "type": "Cable", "cables": 1}
    assert graph.graph["mentions"][c1] == (c1,)
    assert graph.nodes[INL]["cables"] == 3  # c1, c2 mention it; c3 mentions its event
    ego = nx.ego_graph(graph, c3)
    assert set(ego) == {c3, ASTANA, OSCE, EVENT}


def test_event_label_is_type_place_and_date(store: OxigraphStore) -> None:
    extra = """@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://w3id.org/cablegraph/id/event/07ASTANA367-training>
            sem:eventType <https://w3id.org/cablegraph/id/eventtype/training> ;
            sem:hasBeginTimeStamp "2007-01-23" ; sem:hasEndTimeStamp "2007-01-26" .
        <https://w3id.org/cablegraph/id/eventtype/training> skos:prefLabel "training" ."""
    store.add_default(ox.parse(extra, ox.RdfFormat.TURTLE))
    graph = project(store, "comention")
    assert graph.nodes[EVENT]["label"] == "training · Almaty · 2007-01-23"
    assert graph.nodes[EVENT]["type"] == "Event"


def test_betweenness_declines_graphs_above_max_edges(store: OxigraphStore) -> None:
    config = AnalyticsConfig(measures=("degree", "betweenness"), betweenness_max_edges=5)
    results = analyze(store, config).results
    assert "betweenness" not in results["comention"].measures  # 7 edges
    assert results["comention"].skipped == {
        "betweenness": "betweenness skipped: 7 edges > max_edges 5 "
        "(analytics.betweenness_max_edges)"
    }
    assert results["citation"].measures["betweenness"][ID + "cable/c5"] == 0.0  # 2 edges
    assert results["comention"].measures["degree"][ASTANA] == 3


def test_activity_counts_cables_per_month(store: OxigraphStore) -> None:
    activity = measure(project(store, "comention"), "activity")
    assert activity[INL] == {"2007-01": 1, "2007-02": 1}
    assert activity[ASTANA] == {"2007-02": 1, "2007-03": 2}


def test_unknown_names_list_the_registered_ones(store: OxigraphStore) -> None:
    with pytest.raises(ConfigError, match=r"projection `cooc` is not valid.*'comention'"):
        project(store, "cooc")
    assert set(MEASURES.names()) >= {"pagerank", "communities", "betweenness", "k_core"}
    assert PROJECTIONS.names() == [
        "cable", "citation", "comention", "event", "post_org", "post_tag"
    ]  # fmt: skip
    with pytest.raises(ConfigError, match=r"backend `nx-nowhere` is not an installed"):
        analyze(store, AnalyticsConfig(backend="nx-nowhere"))


def test_results_are_written_back_as_rdf(store: OxigraphStore) -> None:
    analysis = analyze(store, AnalyticsConfig(measures=("pagerank", "communities", "degree")))
    written = write_back(store, analysis, ID)
    query = f"""SELECT ?e ?rank ?c WHERE {{ GRAPH <{ID}analytics/comention> {{
        ?e cg:pageRank ?rank ; cg:community ?c }} }} ORDER BY DESC(?rank) LIMIT 1"""
    rows = list(select(store, query))
    assert rows[0]["e"] == ASTANA
    assert rows[0]["c"] == "0"
    assert written == sum(3 * len(r.graph) for r in analysis.results.values())
    assert write_back(store, analysis, ID) == written  # a rerun replaces, not adds
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e cg:degree ?d } }"
    assert next(select(store, count))["n"] == str(
        sum(len(r.graph) for r in analysis.results.values())
    )


def test_write_back_replaces_what_changed_and_only_that(store: OxigraphStore) -> None:
    config = AnalyticsConfig(projections=("comention", "citation"), measures=("pagerank",))
    analysis = analyze(store, config)
    write_back(store, analysis, ID)
    analysis.results["comention"].measures["pagerank"][INL] = 0.5
    write_back(store, analysis, ID)
    ranks = """SELECT ?g ?e ?r WHERE { GRAPH ?g { ?e cg:pageRank ?r } }"""
    stored = {(row["g"], row["e"]): float(row["r"]) for row in select(store, ranks)}
    assert stored[(ID + "analytics/comention", INL)] == 0.5
    citation = analysis.results["citation"]
    assert {e: r for (g, e), r in stored.items() if g.endswith("citation")} == pytest.approx(
        citation.measures["pagerank"]
    )
    assert len(stored) == len(citation.graph) + len(analysis.results["comention"].graph)


def test_same_results_from_oxigraph_and_rdflib_stores(store: OxigraphStore) -> None:
    # projections add nodes in an order that does not depend on the store's, so even
    # Louvain (whose result follows that order) agrees
    memory = MemoryStore()
    memory.add_default(ox.parse(TRIG, ox.RdfFormat.TRIG))
    config = AnalyticsConfig(projections=(), measures=("pagerank", "communities"))
    ours, theirs = analyze(store, config), analyze(memory, config)
    assert ours.totals == theirs.totals
    for name, result in ours.results.items():
        other = theirs.results[name]
        assert list(result.graph.nodes(data=True)) == list(other.graph.nodes(data=True))
        assert list(result.graph.edges(data=True)) == list(other.graph.edges(data=True))
        assert result.measures["communities"] == other.measures["communities"]


def test_report_files(store: OxigraphStore, tmp_path: Path) -> None:
    analysis = analyze(store, AnalyticsConfig(top=3))
    written = write_report(analysis, tmp_path, top=3, exports=("graphml", "gexf"))
    assert {p.name for p in written} >= {
        "comention.json",
        "comention.csv",
        "summary.json",
        "report.md",
        "cables_per_month.png",
        "top_tags.png",
        "top_organizations.png",
        "community_sizes.png",
        "citation.graphml",
        "citation.gexf",
    }
    data = json.loads((tmp_path / "comention.json").read_text())
    assert data["top"]["weighted_degree"][0]["label"] == "Embassy Astana"
    assert data["communities"] == [[0, 3], [1, 3], [2, 1]]
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["cables_per_month"] == {"2007-01": 1, "2007-02": 2, "2007-03": 3}
    assert summary["top_tags"] == {"KCRM": 2, "PHUM": 1}
    assert summary["top_organizations"] == {"IOM": 2, "INL": 2, "OSCE": 2}
    rows = (tmp_path / "comention.csv").read_text().splitlines()
    assert len(rows) == 1 + 7
    assert rows[0].startswith("iri,label,type,cables,")
    assert (tmp_path / "top_tags.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    report = (tmp_path / "report.md").read_text()
    assert "| Embassy Astana | DiplomaticPost | 3 | 4 |" in report


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize("name", ["comention", "citation", "post_tag", "post_org", "event"])
def test_exports_read_back_with_the_same_counts(
    store: OxigraphStore, tmp_path: Path, name: str, fmt: str
) -> None:
    graph = project(store, name)
    path = export_graph(graph, tmp_path / f"{name}.{fmt}")
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == graph.number_of_nodes() > 0
    assert back.number_of_edges() == graph.number_of_edges() > 0
    assert back.is_directed() == graph.is_directed()
    assert not math.isnan(sum(w for _, _, w in back.edges(data="weight", default=1)))
