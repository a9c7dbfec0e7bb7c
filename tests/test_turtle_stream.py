"""The Turtle a build writes as the cables stream in holds the store's graph: the union
of its named graphs and default graph, before the analytics write-back, as every parser
reads it; when the stream cannot hold it (the same cable twice in one run, an
incremental build), the build exports Turtle from the store instead."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.config import Config, load_config
from kg.pipeline import build
from kg.synth import write_corpus


def _config(out: Path, **build_keys: object) -> Config:
    keys = {
        "out": str(out),
        "progress": False,
        "validate": False,
        "analyze": False,
        "view": False,
        "exports": ["nquads", "turtle"],
        **build_keys,
    }
    return load_config(
        None,
        {"build": keys, "engine": {"workers": 2, "batch_size": 4}, "extract": {"extractors": []}},
    )


def _triples(path: Path, fmt: ox.RdfFormat) -> set[ox.Triple]:
    """The triples of a file as a store holds them (graph names dropped; a store writes
    typed literals in their canonical form: "-16.50000"^^xsd:decimal is -16.5)."""
    store = ox.Store()
    store.bulk_load(path=str(path), format=fmt)
    return {q.triple for q in store}


def _turtle(out: Path) -> set[ox.Triple]:
    return _triples(out / "graph.ttl", ox.RdfFormat.TURTLE)


def _union(out: Path) -> set[ox.Triple]:
    """The triples of graph.nq (exported from the store)."""
    return _triples(out / "graph.nq", ox.RdfFormat.N_QUADS)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth") / "cables"
    write_corpus(folder, 16, seed=11)
    return folder


def test_a_full_build_streams_the_stores_graph_as_turtle(corpus: Path, tmp_path: Path) -> None:
    report = build(_config(tmp_path), [str(corpus)])
    assert report.built == 16
    assert "export_turtle" in report.timings
    text = (tmp_path / "graph.ttl").read_text("utf-8")
    assert text.startswith("@prefix ")
    assert text.count("@prefix cg: ") == 1  # one header, not one per cable
    triples = _turtle(tmp_path)
    assert len(triples) > 16 * 50
    assert triples == _union(tmp_path)
    # another parser reads the same graph
    assert len(rdflib.Graph().parse(tmp_path / "graph.ttl", format="turtle")) == len(triples)


def test_the_same_cable_twice_falls_back_to_the_store(corpus: Path, tmp_path: Path) -> None:
    page = sorted(corpus.rglob("*.html"))[3]
    later = tmp_path / "later" / page.name
    later.parent.mkdir()
    later.write_text(page.read_text("utf-8").replace("<pre>", "<pre>A LATER RELEASE.\n", 1))
    out = tmp_path / "out"
    report = build(_config(out), [str(corpus), str(later)])
    assert report.built == 17
    triples = _turtle(out)
    assert triples == _union(out)
    # the graph the earlier text was loaded as is gone: the later text is the one version
    current = [
        t
        for t in triples
        if str(t.subject).endswith(f"/cable/{page.stem}>")
        and t.predicate.value == "https://w3id.org/cablegraph/ontology#currentVersion"
    ]
    assert len(current) == 1


def test_an_incremental_build_exports_turtle_from_the_store(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(_config(out), [str(corpus)])
    page = sorted(corpus.rglob("*.html"))[5]
    sources = tmp_path / "cables"
    sources.mkdir()
    for item in sorted(corpus.rglob("*.html")):
        text = item.read_text("utf-8")
        if item == page:
            text = text.replace("<pre>", "<pre>A CHANGED TEXT.\n", 1)
        (sources / item.name).write_text(text, "utf-8")
    report = build(_config(out), [str(sources)])
    assert (report.incremental, report.built, report.unchanged) == (True, 1, 15)
    assert _turtle(out) == _union(out)
