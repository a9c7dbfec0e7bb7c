"""The Turtle a build writes as the cables stream in holds the store's graph: the union
of its named graphs and default graph, before the analytics write-back, as every parser
reads it; when the stream cannot hold it (the same cable twice in one run, a
previous file not written in sections), the build exports Turtle from the store instead.
An incremental build patches the last build's file: its changed and pruned cables'
sections are replaced or left out."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.config import Config, load_config
from kg.pipeline import build
from kg.synth import write_corpus
from kg.turtle_stream import TurtleStream, turtle_header


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


def _value(term: object) -> str:
    """An IRI's or a literal's value (the union type of a triple's terms has no .value)."""
    return str(getattr(term, "value", ""))


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


def _changed_copy(corpus: Path, folder: Path, change: int, leave_out: int | None = None) -> Path:
    """A copy of ``corpus`` in ``folder`` with page ``change`` edited (and page
    ``leave_out`` missing)."""
    folder.mkdir()
    for number, item in enumerate(sorted(corpus.rglob("*.html"))):
        text = item.read_text("utf-8")
        if number == change:
            text = text.replace("<pre>", "<pre>A CHANGED TEXT.\n", 1)
        if number != leave_out:
            (folder / item.name).write_text(text, "utf-8")
    return folder


def _sections(out: Path, cable_id: str) -> int:
    return (out / "graph.ttl").read_text("utf-8").count(f"# graph <{BASE}cable/{cable_id}>\n")


BASE = "https://w3id.org/cablegraph/id/"
CG = "https://w3id.org/cablegraph/ontology#"


def test_an_incremental_build_patches_the_turtle(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(_config(out), [str(corpus)])
    pages = sorted(corpus.rglob("*.html"))
    changed, gone = pages[5].stem, pages[9].stem
    sources = _changed_copy(corpus, tmp_path / "cables", change=5, leave_out=9)
    report = build(_config(out, prune=True), [str(sources)])
    assert (report.incremental, report.built, report.unchanged, report.pruned) == (
        True,
        1,
        14,
        1,
    )
    assert "export_turtle" in report.timings
    # the file was patched, not exported: still in sections, one per cable built
    assert (_sections(out, changed), _sections(out, gone), _sections(out, pages[0].stem)) == (
        1,
        0,
        1,
    )
    triples = _turtle(out)
    assert triples == _union(out)
    # the pruned cable's graph is gone; a cable citing it keeps its stub (default graph)
    described = {t.predicate.value for t in triples if _value(t.subject) == f"{BASE}cable/{gone}"}
    assert CG + "canonicalId" in described
    assert CG + "currentVersion" not in described
    # the old version node stays (default graph), revised by the new one
    revisions = [
        t for t in triples if t.predicate.value == "http://www.w3.org/ns/prov#wasRevisionOf"
    ]
    assert [_value(t.subject).split("/")[-3] for t in revisions] == [changed]
    [current] = [
        t.object
        for t in triples
        if t.predicate.value == CG + "currentVersion"
        and _value(t.subject).endswith(f"/cable/{changed}")
    ]
    assert current == revisions[0].subject


def test_an_unchanged_rerun_keeps_the_turtle(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(_config(out), [str(corpus)])
    before = (out / "graph.ttl").stat()
    report = build(_config(out), [str(corpus)])
    assert (report.built, report.unchanged) == (0, 16)
    after = (out / "graph.ttl").stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_turtle_not_in_sections_is_exported_from_the_store(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(_config(out), [str(corpus)])
    # as `kg export --format turtle` writes it: sorted by subject, no sections
    store = ox.Store.read_only(str(out / "store"))
    (out / "graph.ttl").write_bytes(
        ox.serialize((q.triple for q in store), format=ox.RdfFormat.TURTLE) or b""
    )
    del store
    sources = _changed_copy(corpus, tmp_path / "cables", change=5)
    report = build(_config(out), [str(sources)])
    assert (report.incremental, report.built) == (True, 1)
    assert "# graph <" not in (out / "graph.ttl").read_text("utf-8")
    assert _turtle(out) == _union(out)


@pytest.mark.parametrize(
    "dropped",
    [set(), {"urn:g:0"}, {"urn:g:3"}, {"urn:g:1", "urn:g:2"}, {"urn:g:0", "urn:g:2", "urn:g:3"}],
)
def test_patching_leaves_out_exactly_the_dropped_sections(
    tmp_path: Path, dropped: set[str]
) -> None:
    def statement(graph: int, value: int) -> bytes:
        return f"<urn:s:{graph}> <urn:p> {value} .\n".encode()

    first = TurtleStream(tmp_path / "first.ttl")
    first.add_default(statement(9, 0))
    for graph in range(4):
        first.add_graph(f"urn:g:{graph}", statement(graph, 1) + statement(graph, 2))
        first.add_default(statement(9, graph + 1))
    assert first.close()
    second = TurtleStream.patching(tmp_path / "second.ttl", tmp_path / "first.ttl")
    assert second is not None
    second.add_graph("urn:g:new", statement(8, 1))
    for name in dropped:
        second.drop(name)
    assert second.close()
    kept = {(f"urn:s:{graph}", value) for graph in range(4) for value in (1, 2)}
    kept = {(s, v) for s, v in kept if f"urn:g:{s[-1]}" not in dropped}
    kept |= {("urn:s:9", value) for value in range(5)} | {("urn:s:8", 1)}
    triples = _triples(tmp_path / "second.ttl", ox.RdfFormat.TURTLE)
    assert {(_value(t.subject), int(_value(t.object))) for t in triples} == kept
    # the file stays in sections: a third build may patch it again
    third = TurtleStream.patching(tmp_path / "third.ttl", tmp_path / "second.ttl")
    assert third is not None
    third.abandon()


def test_a_file_not_in_sections_cannot_be_patched(tmp_path: Path) -> None:
    (tmp_path / "export.ttl").write_bytes(turtle_header() + b"<urn:s> <urn:p> 1 .\n")
    assert TurtleStream.patching(tmp_path / "new.ttl", tmp_path / "export.ttl") is None
    assert TurtleStream.patching(tmp_path / "new.ttl", tmp_path / "missing.ttl") is None
