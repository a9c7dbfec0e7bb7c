"""SHACL conformance of a graph built from cables across the whole 6,712 archive.

Cables from many posts and years, built together, are what brings out the conflicts one
cable alone cannot show: two cables giving one node two ``skos:prefLabel`` values
(``ADam Ereli`` / ``Adam Ereli``, ``EUCOM`` as addressee and as gazetteer organization,
two cities sharing a key), or a TAG kind the shapes do not allow. The sample is every
k-th page of the archive in archive order, so it spans the years and posts.
"""

from __future__ import annotations

import json
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.config import load_config
from kg.pipeline import build
from kg.query import run_query
from kg.store import OxigraphStore
from tests.data import CORPUS_6712, needs_shared

SAMPLE = 150

pytestmark = [needs_shared(CORPUS_6712), pytest.mark.slow]


def _spread_sample(archive: Path, count: int, folder: Path) -> list[str]:
    """Write every k-th page of ``archive`` into ``folder``; return their file names."""
    with tarfile.open(archive, "r:xz") as tar:
        members = [m for m in tar if m.isfile() and m.name.endswith(".html")]
        step = len(members) / count
        chosen = [members[int(i * step)] for i in range(count)]
        for member in chosen:
            handle = tar.extractfile(member)
            assert handle is not None
            (folder / Path(member.name).name).write_bytes(handle.read())
    return [Path(m.name).name for m in chosen]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict, OxigraphStore]]:
    root = tmp_path_factory.mktemp("shapes")
    (root / "pages").mkdir()
    names = _spread_sample(CORPUS_6712, SAMPLE, root / "pages")
    assert len(set(names)) == SAMPLE
    overrides = {"out": str(root / "out"), "progress": False, "exports": [], "validate_sample": 0}
    build(load_config(None, {"build": overrides}), [str(root / "pages")])
    report = json.loads((root / "out" / "build-report.json").read_text())
    store = OxigraphStore(root / "out" / "store", read_only=True)
    yield report, store
    store.close()


def test_the_sample_spans_the_archive(built: tuple[dict, OxigraphStore]) -> None:
    report, store = built
    assert report["cables"] == SAMPLE
    assert report["rejects"] == []
    rows = run_query(
        store,
        """SELECT (COUNT(DISTINCT ?year) AS ?years) (COUNT(DISTINCT ?post) AS ?posts) WHERE {
             GRAPH ?g { ?c a cg:Cable ; dcterms:created ?d ; cg:origin ?post }
             BIND(YEAR(?d) AS ?year) }""",
    ).rows
    years, posts = (int(v or 0) for v in rows[0])
    assert years >= 8
    assert posts >= 50


def test_the_sample_graph_conforms_to_the_shapes(built: tuple[dict, OxigraphStore]) -> None:
    validation = built[0]["validation"]
    assert validation["cables_checked"] == SAMPLE
    assert validation["violations"] == 0, validation["text"]
    assert validation["conforms"] is True


def test_every_labelled_node_has_one_pref_label(built: tuple[dict, OxigraphStore]) -> None:
    # what the shapes check per class, here for every node of the sample at once
    rows = run_query(
        built[1],
        """SELECT ?node (COUNT(DISTINCT ?label) AS ?n) WHERE { ?node skos:prefLabel ?label }
           GROUP BY ?node HAVING (COUNT(DISTINCT ?label) > 1)""",
    ).rows
    assert rows == []
