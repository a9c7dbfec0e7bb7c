"""The viewer page: what it contains, and what a real (headless Chromium) browser shows.

Uses the hand-made graph of tests/test_analytics.py, with one cable subject replaced by a
script tag: it must show as text and never run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.analytics import Window, analyze, write_back
from kg.config import AnalyticsConfig, ViewerConfig
from kg.errors import ConfigError
from kg.store import OxigraphStore
from kg.viewer import render_view
from kg.viewer.browser import Chromium, find_chromium
from tests.data import PROJECT
from tests.test_analytics import ALMATY, ASTANA, BISHKEK, EVENT, ID, INL, IOM, OSCE, TRIG

HOSTILE = "<script>window.kgPwned = 1; alert(1)</script>"
needs_chromium = pytest.mark.skipif(
    find_chromium() is None,
    reason="needs Debian's chromium on PATH (apt-get install chromium); CI installs it",
)


@pytest.fixture
def store() -> OxigraphStore:
    store = OxigraphStore()
    trig = TRIG.replace('dcterms:title "One"', f'dcterms:title "{HOSTILE}"')
    store.add_default(ox.parse(trig, ox.RdfFormat.TRIG))
    return store


def _payload(html: str) -> dict:
    block = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', html, re.S)
    assert block is not None
    return json.loads(block.group(1))


def test_page_is_self_contained_and_escapes_cable_text(store: OxigraphStore) -> None:
    html = render_view(store)
    assert "cdnjs" not in html
    assert "jsdelivr" not in html
    assert not re.search(r"<(script|link)[^>]+(src|href)=", html)
    assert HOSTILE not in html  # only the JSON-escaped form \u003cscript\u003e is there
    data = _payload(html)
    # Bishkek shares no cable with anyone: a top-N picture leaves it out and says so
    assert {n["id"] for n in data["nodes"]} == {INL, IOM, ALMATY, ASTANA, OSCE, EVENT}
    assert len(data["edges"]) == 7
    assert "(1 without a link among them left out)" in html
    inl = next(n for n in data["nodes"] if n["id"] == INL)
    assert inl["kgCables"] == [
        {"id": "07ASTANA2", "date": "2007-02-05", "subject": "Two"},
        {"id": "07ASTANA1", "date": "2007-01-10", "subject": HOSTILE},
    ]
    assert inl["shape"] == "dot"
    assert next(n for n in data["nodes"] if n["id"] == ALMATY)["shape"] == "triangle"
    assert data["options"]["physics"]["stabilization"]["enabled"] is True


def test_top_n_and_ego_network(store: OxigraphStore) -> None:
    top = _payload(render_view(store, ViewerConfig(top=3, size_by="weighted_degree")))
    # weighted degrees: Astana 4; INL, IOM, Almaty, OSCE 3 -> ties broken by label
    assert {n["label"] for n in top["nodes"]} == {"Almaty", "Embassy Astana", "INL"}
    ego = _payload(render_view(store, focus="event · Almaty"))  # type · place, no date
    assert {n["id"] for n in ego["nodes"]} == {EVENT, ASTANA, OSCE}
    deeper = _payload(render_view(store, ViewerConfig(depth=2), focus=EVENT))
    assert ALMATY in {n["id"] for n in deeper["nodes"]}
    # only the largest nodes carry a label on the canvas; all keep their name
    few = _payload(render_view(store, ViewerConfig(labels=2, size_by="weighted_degree")))
    named = {n["kgName"] for n in few["nodes"] if n["label"].strip()}
    assert named == {"Embassy Astana", "INL"}  # 4, then 3: INL, IOM, Almaty, OSCE tie; IRI
    assert {n["kgName"] for n in few["nodes"]} >= {"Almaty", "IOM", "OSCE"}
    with pytest.raises(ConfigError, match="focus `Tashkent` matches no node"):
        render_view(store, focus="Tashkent")


def test_sizes_come_from_the_written_back_measure(store: OxigraphStore) -> None:
    # kg analyze wrote PageRank back: the viewer ranks by it instead of recomputing.
    # Made-up values put Bishkek (PageRank 1/7 when computed) on top.
    graph = "<https://w3id.org/cablegraph/id/analytics/comention>"
    rank = "<https://w3id.org/cablegraph/ontology#pageRank>"
    values = {INL: 0.1, IOM: 0.1, ALMATY: 0.1, ASTANA: 0.1, OSCE: 0.1, EVENT: 0.1, BISHKEK: 0.4}
    nquads = "".join(f'<{node}> {rank} "{v}" {graph} .\n' for node, v in values.items())
    store.add_default(ox.parse(nquads, ox.RdfFormat.N_QUADS))
    top = _payload(render_view(store, ViewerConfig(top=1)))
    assert [n["id"] for n in top["nodes"]] == [BISHKEK]
    # a window is not what kg analyze measured: computed afresh, Bishkek is out
    windowed = _payload(render_view(store, ViewerConfig(top=1), window=Window(until="2007-03-02")))
    assert [n["id"] for n in windowed["nodes"]] != [BISHKEK]


def test_page_from_the_graph_kg_analyze_measured_is_the_page_from_the_store(
    store: OxigraphStore,
) -> None:
    # kg build hands the viewer the projection and PageRank it has in memory
    analysis = analyze(store, AnalyticsConfig(projections=("comention",), measures=("pagerank",)))
    result = analysis.results["comention"]
    handed = render_view(store, graph=result.graph, sizes=result.measures["pagerank"])
    write_back(store, analysis, ID)
    assert handed == render_view(store)
    # what is handed is what is drawn: a relabelled node, made-up sizes
    graph = result.graph.copy()
    graph.nodes[INL]["label"] = "Bureau INL"
    sizes = {**result.measures["pagerank"], OSCE: 1.0}
    nodes = _payload(render_view(store, graph=graph, sizes=sizes))["nodes"]
    assert "Bureau INL" in {n["kgName"] for n in nodes}
    assert max(nodes, key=lambda n: n["value"])["id"] == OSCE


@needs_chromium
def test_page_in_headless_chromium(store: OxigraphStore, tmp_path: Path) -> None:
    page = tmp_path / "graph.html"
    page.write_text(render_view(store), encoding="utf-8")
    with Chromium(timeout=60) as browser:
        browser.open(page.as_uri())
        assert browser.wait_for("window.kgStabilizedMs !== undefined", 60)
        assert browser.evaluate("kgViewer.nodes.length") == 6
        assert browser.evaluate("kgViewer.edges.length") == 7
        assert browser.evaluate("kgViewer.findNode('iom')") == IOM
        assert browser.evaluate("kgViewer.network.getSelectedNodes()") == [IOM]
        assert browser.evaluate("document.getElementById('search-result').textContent") == (
            "1 match(es); showing IOM"
        )
        # the type filter hides every Place
        browser.evaluate(
            "(() => { const box = document.querySelector('.type-filter[value=Place]');"
            " box.checked = false; box.dispatchEvent(new Event('change')); })()"
        )
        assert browser.evaluate("kgViewer.nodes.get({filter: n => n.hidden}).length") == 1
        # the hostile subject is text in INL's tooltip, and it never ran
        tooltip = f"kgViewer.nodes.get({json.dumps(INL)}).title"
        assert HOSTILE in browser.evaluate(f"{tooltip}.textContent")
        browser.evaluate(f"document.body.appendChild({tooltip}) && true")
        assert "&lt;script&gt;window.kgPwned" in browser.evaluate("document.body.innerHTML")
        assert browser.evaluate("typeof window.kgPwned") == "undefined"
        assert browser.evaluate("document.querySelectorAll('script').length") == 3
        (PROJECT / "output").mkdir(exist_ok=True)
        shot = browser.screenshot(PROJECT / "output" / "test_viewer.png")
        assert shot.read_bytes()[:4] == b"\x89PNG"
        assert browser.console_errors() == []
        assert [u for u in browser.requests() if u != page.as_uri()] == []
