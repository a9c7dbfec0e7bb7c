"""End to end on the seed cable: ``kg build``, ``kg analyze`` and ``kg view`` as a user runs
them (real pipeline with extraction, embedded Oxigraph store), then the page in headless
Chromium.

What the picture must show comes from the cable text (examples/07ASTANA367-blog-copy.txt,
paragraphs 1-2): INL and IOM "conducted a four day training course ... in Almaty January
23-26". So the cable's ego network holds INL, IOM, Almaty and that training, and the
training is linked to its place and to both organizations, not only to the cable.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.analytics.sparql import select
from kg.cli import main
from kg.store import OxigraphStore
from kg.viewer.browser import Chromium, find_chromium
from tests.data import EXAMPLE, PROJECT

ID = "https://w3id.org/cablegraph/id/"
CABLE, INL, IOM, ALMATY = (
    ID + "cable/07ASTANA367",
    ID + "org/inl",
    ID + "org/iom",
    ID + "place/almaty",
)
TRAINING_LABEL = "training · Almaty · 2007-01-23"

needs_chromium = pytest.mark.skipif(
    find_chromium() is None,
    reason="needs Debian's chromium on PATH (apt-get install chromium); CI installs it",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed")
    assert main(["build", str(EXAMPLE), "--out", str(out), "--no-progress", "--no-validate"]) == 0
    assert main(["analyze", "--out", str(out)]) == 0
    page = out / "seed.html"
    args = ["view", "--out", str(out), "--projection", "cable", "--focus", "07ASTANA367"]
    assert main([*args, "-o", str(page)]) == 0
    return out


def test_analyze_writes_the_report_and_the_measures_back(built: Path) -> None:
    assert "## Projection `comention`" in (built / "analytics" / "report.md").read_text()
    summary = json.loads((built / "analytics" / "summary.json").read_text())
    assert summary["cables"] == 1
    assert summary["cables_per_month"] == {"2007-02": 1}  # created 2007-02-12 04:28
    assert set(summary["top_tags"]) == {"SNAR", "PINS", "PGOV", "PHUM", "KCRM", "KZ"}
    with OxigraphStore(built / "store", read_only=True) as store:
        query = f"""SELECT ?rank WHERE {{ GRAPH <{ID}analytics/comention> {{
            <{INL}> cg:pageRank ?rank ; cg:community ?community }} }}"""
        rows = list(select(store, query))
    assert len(rows) == 1
    assert 0 < float(rows[0]["rank"]) < 1


def _payload(page: Path) -> dict:
    html = page.read_text(encoding="utf-8")
    start = html.index('<script id="graph-data" type="application/json">')
    block = html[html.index(">", start) + 1 : html.index("</script>", start)]
    return json.loads(block)


def test_the_ego_page_holds_the_cable_neighbourhood(built: Path) -> None:
    data = _payload(built / "seed.html")
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[CABLE]["label"] == "07ASTANA367"
    assert nodes[INL]["kgType"] == nodes[IOM]["kgType"] == "Organization"
    assert nodes[ALMATY]["label"] == "Almaty"
    events = [n for n in nodes.values() if n["kgType"] == "Event"]
    assert [e["label"] for e in events] == [TRAINING_LABEL]
    # the tooltip keeps the sentence the event was read from (paragraph 2)
    facts = dict(map(tuple, events[0]["kgFacts"]))
    assert facts["also"].startswith("INL representatives, IOM trafficking in persons experts")


@needs_chromium
def test_the_ego_network_in_headless_chromium(built: Path) -> None:
    page = built / "seed.html"
    with Chromium(timeout=60) as browser:
        browser.open(page.as_uri())
        assert browser.wait_for("window.kgStabilizedMs !== undefined", 60)
        nodes = {n["id"]: n for n in browser.evaluate("kgViewer.nodes.get()")}
        edges = {
            frozenset((e["from"], e["to"])): e.get("title")
            for e in browser.evaluate("kgViewer.edges.get()")
        }
        event = next(i for i, n in nodes.items() if n["label"] == TRAINING_LABEL)
        assert {CABLE, INL, IOM, ALMATY, event} <= set(nodes)
        for entity in (INL, IOM, ALMATY, event):
            assert edges[frozenset((CABLE, entity))] == "mentions"
        assert edges[frozenset((event, ALMATY))] == "place"
        assert edges[frozenset((event, INL))] == "actor"
        assert edges[frozenset((event, IOM))] == "actor"
        (PROJECT / "output").mkdir(exist_ok=True)
        browser.screenshot(PROJECT / "output" / "test_seed_view.png")
        assert browser.evaluate("kgViewer.findNode('training')") == event
        assert browser.console_errors() == []
        assert [u for u in browser.requests() if u != page.as_uri()] == []
