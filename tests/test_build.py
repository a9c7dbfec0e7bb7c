"""kg build end to end: the example through the real parser, the report, determinism,
outputs kept on failure, and (slow) agreement with every page's metadata table."""

from __future__ import annotations

import html
import json
import re
import tarfile
from pathlib import Path

import pytest

from kg.config import load_config
from kg.errors import KgError
from kg.pipeline import build
from kg.store import OxigraphStore
from tests.data import CORPUS_6712, EXAMPLE, needs_shared
from tests.graph_fixtures import ask

C = "<https://w3id.org/cablegraph/id/cable/07ASTANA367>"


def _config(out: Path, **build_keys: object) -> object:
    keys = {"out": str(out), "progress": False, **build_keys}
    return load_config(None, {"build": keys})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    build(_config(out, exports=["nquads"]), [str(EXAMPLE)])  # type: ignore[arg-type]
    return out


def test_the_example_builds_with_a_report(built: Path) -> None:
    report = json.loads((built / "build-report.json").read_text())
    assert report["cables"] == 1
    assert report["rejects"] == []
    assert report["validation"]["violations"] == 0
    assert {"parse", "map", "store", "validate", "export_nquads"} <= set(report["timings_s"])
    assert (built / "graph.nq").stat().st_size > 0


def test_the_report_counts_the_quads_the_cables_built(built: Path) -> None:
    # graph.nq is exported from the checkpoint the quads are counted in (before the
    # analytics write-back): one line a quad
    report = json.loads((built / "build-report.json").read_text())
    lines = (built / "graph.nq").read_bytes().count(b"\n")
    assert report["store_quads"] == lines > 10_000


def test_a_build_leaves_its_analytics_report_and_viewer_page(built: Path) -> None:
    report = json.loads((built / "build-report.json").read_text())
    assert {"analyze", "view"} <= set(report["timings_s"])
    # the report ranks the seed's organizations; the page draws them
    assert "International Narcotics and Law Enforcement" in (
        built / "analytics" / "report.md"
    ).read_text(encoding="utf-8")
    page = (built / "graph.html").read_text(encoding="utf-8")
    assert "International Organization for Migration" in page
    store = OxigraphStore(built / "store", read_only=True)
    # PageRank written back into the store, in the projection's own graph
    assert ask(
        store,
        """GRAPH ?g { ?org cg:pageRank ?rank } ?org skos:altLabel "INL"@en .
        FILTER(?rank > 0)""",
    )
    store.close()


def test_the_parsed_example_has_the_seed_graph(built: Path) -> None:
    store = OxigraphStore(built / "store", read_only=True)
    assert ask(
        store,
        f"""{C} dcterms:created "2007-02-12T04:28:00"^^xsd:dateTime ;
        cg:released "2011-08-30T01:44:00"^^xsd:dateTime ;
        cg:origin/skos:notation "RUEHTA" ; cg:signedBy ?signer ;
        cg:sentTo/skos:prefLabel "Secretary of State"@en .""",
    )
    for label in ("CIS Collective", "Department of Justice", "US Office Almaty"):
        assert ask(store, f"""{C} cg:copiedTo/skos:prefLabel "{label}"@en""")
    tags = store.query(f"SELECT ?t WHERE {{ {C} <http://purl.org/dc/terms/subject> ?t }}").rows
    assert sorted(t[0].rsplit("/", 1)[1] for t in tags if t[0]) == [
        "KCRM",
        "KZ",
        "PGOV",
        "PHUM",
        "PINS",
        "SNAR",
    ]
    paragraphs = store.query(
        f"SELECT (COUNT(?p) AS ?n) WHERE {{ ?p <http://purl.org/dc/terms/isPartOf> {C} }}"
    ).rows
    assert paragraphs == [("9",)]
    store.close()


def test_two_builds_give_identical_sorted_nquads(built: Path, tmp_path: Path) -> None:
    build(_config(tmp_path, exports=["nquads"], validate=False), [str(EXAMPLE)])  # type: ignore[arg-type]
    first = sorted((built / "graph.nq").read_bytes().splitlines())
    second = sorted((tmp_path / "graph.nq").read_bytes().splitlines())
    assert first == second
    assert len(first) > 10_000


def test_a_failed_build_leaves_the_previous_outputs(tmp_path: Path) -> None:
    build(_config(tmp_path, exports=["nquads"], validate=False), [str(EXAMPLE)])  # type: ignore[arg-type]
    before = (tmp_path / "graph.nq").read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_text("no cable in here at all")
    with pytest.raises(KgError):
        build(_config(tmp_path, exports=["nquads"], strict=True), [str(bad)])  # type: ignore[arg-type]
    assert (tmp_path / "graph.nq").read_bytes() == before
    assert not list(tmp_path.glob(".build-*"))


def test_a_bad_cable_is_a_reject_with_its_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("no cable in here at all")
    report = build(_config(tmp_path / "out", validate=False, exports=[]), [str(bad), str(EXAMPLE)])  # type: ignore[arg-type]
    assert report.cables == 1
    assert [r.source for r in report.rejects] == [str(bad)]
    assert report.rejects[0].reason


_ROW = re.compile(
    r"<table class='cable'>.*?<a href='/cable/[^']*'>([^<]+)</a>.*?"
    r"<a href='/date/[^']*'>([^<]+)</a>.*?<a href='/reldate/[^']*'>([^<]+)</a>.*?"
    r"<a href='/classification/[^']*'[^>]*>([^<]+)</a>.*?<a href='/origin/[^']*'>([^<]+)</a>",
    re.S,
)


@pytest.mark.slow
@needs_shared(CORPUS_6712)
def test_the_graph_agrees_with_every_page_metadata_table(tmp_path: Path) -> None:
    expected = {}
    with tarfile.open(CORPUS_6712, "r|xz") as archive:
        for member in archive:
            handle = archive.extractfile(member) if member.isfile() else None
            if handle is None:
                continue
            match = _ROW.search(handle.read().decode("utf-8", "replace"))
            if match:
                ref, created, released, level, origin = (html.unescape(g) for g in match.groups())
                expected[ref] = (
                    created.replace(" ", "T") + ":00",
                    released.replace(" ", "T") + ":00",
                    level,
                    origin,
                )
    assert len(expected) == 6712
    assert expected["08ECTION01OF02MANAMA492"][2:] == ("CONFIDENTIAL", "Embassy Manama")
    # metadata only: extraction is not what this test checks, and doubles its time
    config = load_config(
        None,
        {
            "build": {"out": str(tmp_path), "progress": False, "validate": False, "exports": []},
            "extract": {"extractors": []},
        },
    )
    build(config, [str(CORPUS_6712)])  # type: ignore[arg-type]
    store = OxigraphStore(tmp_path / "store", read_only=True)
    rows = store.query("""
        PREFIX cg: <https://w3id.org/cablegraph/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?id ?created ?released ?level ?origin WHERE { GRAPH ?g {
          ?c dcterms:identifier ?id ; dcterms:created ?created ; cg:released ?released ;
             cg:classification ?cl ; cg:origin ?o } ?cl skos:notation ?level .
          OPTIONAL { ?o skos:prefLabel ?origin } }""").rows
    got: dict[str, list[tuple[str | None, ...]]] = {}
    for row in rows:
        got.setdefault(row[0] or "", []).append(row[1:])
    # every page is its own cable node (08ECTION01OF02MANAMA492 beside 08MANAMA492), with
    # one value of each field, equal to what the page's table says
    mismatches = [
        (ref, got.get(ref, "missing"))
        for ref, fields in expected.items()
        if got.get(ref) != [fields]
    ]
    garbled_copy = ask(
        store,
        """<https://w3id.org/cablegraph/id/cable/08ECTION01OF02MANAMA492>
        dcterms:identifier "08ECTION01OF02MANAMA492" ; cg:canonicalId "08MANAMA492" .
        <https://w3id.org/cablegraph/id/cable/08MANAMA492> cg:canonicalId "08MANAMA492" """,
    )
    store.close()
    assert mismatches == [], f"{len(mismatches)} cables disagree, e.g. {mismatches[:10]}"
    assert garbled_copy
