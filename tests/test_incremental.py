"""Incremental builds on a real store: unchanged cables are not rebuilt, a changed cable
replaces exactly its named graph and revises its version, --prune drops missing cables, a
failed run leaves store and manifest as they were, and WikiLeaks re-releases (the
2010-12-22 snapshot vs the later archive) become versions of the same cable."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil
import tarfile
from collections import defaultdict
from pathlib import Path

import pytest

from kg.config import Config, load_config
from kg.errors import KgError
from kg.manifest import MANIFEST_NAME, Manifest
from kg.pipeline import BuildReport, build
from kg.store import OxigraphStore
from kg.synth import write_corpus
from tests.data import CORPUS_6712, SNAPSHOT_1869, needs_shared

BASE = "https://w3id.org/cablegraph/id/"
CG = "https://w3id.org/cablegraph/ontology#"
PROV_REVISION = "http://www.w3.org/ns/prov#wasRevisionOf"


def _config(out: Path, **build_keys: object) -> Config:
    # the cable stage alone: the analytics a build writes back are recomputed on any change
    keys = {
        "out": str(out),
        "progress": False,
        "validate": False,
        "exports": [],
        "analyze": False,
        "view": False,
        **build_keys,
    }
    # no extractors: which cables are rebuilt does not depend on them, and their
    # gazetteer would cost ~10 s a build
    return load_config(
        None,
        {
            "build": keys,
            "engine": {"workers": 2, "batch_size": 8},
            "extract": {"extractors": []},
        },
    )


def _graphs(out: Path) -> dict[str, set[str]]:
    """Every named graph of the built store as a set of N-Quads lines; '' = default."""
    store = OxigraphStore(out / "store", read_only=True)
    graphs: dict[str, set[str]] = defaultdict(set)
    for quad in store.quads():
        graphs[getattr(quad.graph_name, "value", "")].add(str(quad))
    store.close()
    return dict(graphs)


def _versions(out: Path, cable_id: str) -> tuple[str | None, set[tuple[str, str]]]:
    """The cable's current version, and every (version, revised version) pair."""
    store = OxigraphStore(out / "store", read_only=True)
    cable = f"<{BASE}cable/{cable_id}>"
    current = store.query(f"SELECT ?v WHERE {{ {cable} <{CG}currentVersion> ?v }}").rows
    pairs = store.query(
        f"SELECT ?v ?w WHERE {{ ?v <{CG}versionOf> {cable} ; <{PROV_REVISION}> ?w . "
        f"?w <{CG}versionOf> {cable} }}"
    ).rows
    store.close()
    assert len(current) <= 1
    return (current[0][0] if current else None), {(str(v), str(w)) for v, w in pairs}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth") / "cables"
    write_corpus(folder, 24, seed=7)
    return folder


@pytest.fixture(scope="module")
def first(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    out = tmp_path_factory.mktemp("first")
    return out, build(_config(out), [str(corpus)])


def _copy(corpus: Path, tmp_path: Path, first_out: Path) -> tuple[Path, Path]:
    sources = tmp_path / "cables"
    shutil.copytree(corpus, sources)
    out = tmp_path / "out"
    shutil.copytree(first_out, out)
    return sources, out


def test_the_first_build_records_every_cable(first: tuple[Path, BuildReport]) -> None:
    out, report = first
    assert (report.built, report.unchanged, report.rejects) == (24, 0, [])
    manifest = Manifest(out / MANIFEST_NAME)
    assert len(manifest) == 24
    manifest.close()
    assert len([g for g in _graphs(out) if g]) == 24


def test_an_unchanged_rerun_builds_nothing_and_keeps_the_graph(
    corpus: Path, first: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    sources, out = _copy(corpus, tmp_path, first[0])
    before = _graphs(out)
    report = build(_config(out), [str(sources)])
    assert (report.cables, report.built, report.unchanged) == (24, 0, 24)
    assert report.incremental
    assert {"parse", "extract", "map"} & {k for k, v in report.timings.items() if v > 0} == set()
    assert _graphs(out) == before


def test_a_changed_cable_replaces_exactly_its_named_graph(
    corpus: Path, first: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    sources, out = _copy(corpus, tmp_path, first[0])
    before = _graphs(out)
    page = sorted(sources.rglob("*.html"))[5]
    cable_id = page.stem
    text = page.read_text(encoding="utf-8")
    old_version = hashlib.sha256(b"html\0" + page.name.encode() + b"\0" + text.encode()).hexdigest()
    assert "<pre>" in text
    page.write_text(text.replace("<pre>", "<pre>A NEW FIRST LINE OF THE BODY.\n", 1), "utf-8")
    report = build(_config(out, validate=True), [str(sources)])
    assert (report.built, report.unchanged) == (1, 23)
    # SHACL checks the rebuilt cable, not the 23 it left alone
    assert report.validation is not None
    assert (report.validation["cables_checked"], report.validation["violations"]) == (1, 0)
    after = _graphs(out)
    graph = f"{BASE}cable/{cable_id}"
    assert set(after) == set(before)
    assert [g for g in before if g and before[g] != after[g]] == [graph]
    current, revisions = _versions(out, cable_id)
    old = f"{graph}/version/{old_version[:12]}"
    assert current is not None
    assert current != old
    assert revisions == {(current, old)}


def test_prune_removes_cables_the_sources_no_longer_hold(
    corpus: Path, first: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    sources, out = _copy(corpus, tmp_path, first[0])
    gone = sorted(sources.rglob("*.html"))[0]
    gone.unlink()
    graph = f"{BASE}cable/{gone.stem}"
    kept = build(_config(out), [str(sources)])
    assert (kept.built, kept.unchanged, kept.pruned) == (0, 23, 0)
    assert graph in _graphs(out)
    pruned = build(_config(out, prune=True), [str(sources)])
    assert (pruned.built, pruned.unchanged, pruned.pruned) == (0, 23, 1)
    assert graph not in _graphs(out)
    manifest = Manifest(out / MANIFEST_NAME)
    assert manifest.get(gone.stem) is None
    assert len(manifest) == 23
    manifest.close()


def test_a_failed_incremental_run_leaves_store_and_manifest(
    corpus: Path, first: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    sources, out = _copy(corpus, tmp_path, first[0])
    before = _graphs(out)
    manifest_bytes = (out / MANIFEST_NAME).read_bytes()
    page = sorted(sources.rglob("*.html"))[3]
    page.write_text(page.read_text("utf-8").replace("<pre>", "<pre>CHANGED\n", 1), "utf-8")
    (sources / "broken.txt").write_text("no cable in here at all")
    with pytest.raises(KgError):
        build(_config(out, strict=True), [str(sources)])
    assert _graphs(out) == before
    assert (out / MANIFEST_NAME).read_bytes() == manifest_bytes
    assert not list(out.glob(".build-*"))


def test_another_base_iri_rebuilds_every_cable_from_scratch(
    corpus: Path, first: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    sources, out = _copy(corpus, tmp_path, first[0])
    config = _config(out)
    config = dataclasses.replace(
        config, store=dataclasses.replace(config.store, base_iri="https://example.org/id/")
    )
    report = build(config, [str(sources)])
    assert (report.incremental, report.built, report.unchanged) == (False, 24, 0)
    graphs = [g for g in _graphs(out) if g]
    assert len(graphs) == 24
    assert all(g.startswith("https://example.org/id/cable/") for g in graphs)


# the page's metadata table gives the release time; the sidebar lists release days
_RELEASED = re.compile(r"<a href='/reldate/[^']*'>(\d{4}-\d\d-\d\d \d\d:\d\d)</a>")


def _members(archive: Path, names: set[str]) -> dict[str, bytes]:
    found = {}
    with tarfile.open(archive, "r|xz") as tar:
        for member in tar:
            if member.name in names:
                handle = tar.extractfile(member)
                assert handle is not None
                found[member.name] = handle.read()
    return found


@needs_shared(SNAPSHOT_1869)
@needs_shared(CORPUS_6712)
def test_a_re_released_cable_is_a_new_version_revising_the_old(tmp_path: Path) -> None:
    # 04NEWDELHI6983 and 05SOFIA1207 were re-released with other bodies after 2010-12-22
    names = {"cable/2004/11/04NEWDELHI6983.html", "cable/2005/07/05SOFIA1207.html"}
    old, new = _members(SNAPSHOT_1869, names), _members(CORPUS_6712, names)
    assert set(old) == set(new) == names
    for folder, pages in (("old", old), ("new", new)):
        for name, data in pages.items():
            (tmp_path / folder / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / folder / name).write_bytes(data)
    out = tmp_path / "out"
    build(_config(out), [str(tmp_path / "old")])
    first = {Path(n).stem: _versions(out, Path(n).stem)[0] for n in names}
    report = build(_config(out), [str(tmp_path / "new")])
    assert (report.built, report.unchanged) == (2, 0)
    store = OxigraphStore(out / "store", read_only=True)
    for name in names:
        cable_id = Path(name).stem
        current, revisions = _versions(out, cable_id)
        assert first[cable_id] is not None
        assert current not in (None, first[cable_id])
        assert revisions == {(current, first[cable_id])}
        released = _RELEASED.search(new[name].decode()).group(1)  # type: ignore[union-attr]
        rows = store.query(
            f"SELECT ?r WHERE {{ GRAPH <{BASE}cable/{cable_id}> "
            f"{{ <{BASE}cable/{cable_id}> <{CG}released> ?r }} }}"
        ).rows
        assert [r[0][:16].replace("T", " ") for r in rows] == [released]
    store.close()


def test_two_texts_of_one_cable_in_one_run_the_later_is_current(
    corpus: Path, tmp_path: Path
) -> None:
    page = sorted(corpus.rglob("*.html"))[2]
    later = tmp_path / "later" / page.relative_to(corpus)
    later.parent.mkdir(parents=True)
    later.write_text(
        page.read_text("utf-8").replace("<pre>", "<pre>A LATER RELEASE.\n", 1), "utf-8"
    )
    alone = tmp_path / "alone"
    build(_config(alone), [str(tmp_path / "later")])
    both = tmp_path / "both"
    report = build(_config(both), [str(corpus), str(tmp_path / "later")])
    assert (report.built, report.rejects) == (25, [])
    graph = f"{BASE}cable/{page.stem}"
    assert _graphs(both)[graph] == _graphs(alone)[graph]
    current, revisions = _versions(both, page.stem)
    assert current == _versions(alone, page.stem)[0]
    assert len(revisions) == 1
    assert next(iter(revisions))[0] == current
