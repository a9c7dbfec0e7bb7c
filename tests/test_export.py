"""Exports stream from the store and depend only on its content."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.export import export
from kg.store import OxigraphStore
from tests.graph_fixtures import citing_cable, load, seed_cable


def _store(path: Path, *, reverse: bool) -> OxigraphStore:
    store = OxigraphStore(path)
    cables = [seed_cable(), citing_cable()]
    load(store, *(reversed(cables) if reverse else cables))
    return store


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "trig", "ntriples"])
def test_two_builds_loaded_in_another_order_export_the_same_bytes(tmp_path: Path, fmt: str) -> None:
    outputs = []
    for reverse in (False, True):
        store = _store(tmp_path / f"store-{reverse}", reverse=reverse)
        outputs.append(export(store, fmt, tmp_path / f"{reverse}.{fmt}").read_bytes())
        store.close()
    assert outputs[0] == outputs[1]
    assert b"07ASTANA367" in outputs[0]


def test_turtle_holds_each_triple_of_the_union_once(tmp_path: Path) -> None:
    store = _store(tmp_path / "store", reverse=False)
    # the seed's type stated again in the citing cable's graph: one triple in the merge
    seed = ox.NamedNode("https://w3id.org/cablegraph/id/cable/07ASTANA367")
    citing = ox.NamedNode("https://w3id.org/cablegraph/id/cable/07ASTANA999")
    cable_type = next(store.store.quads_for_pattern(seed, None, None, seed)).triple
    store.store.add(ox.Quad(cable_type.subject, cable_type.predicate, cable_type.object, citing))
    path = export(store, "turtle", tmp_path / "graph.ttl")
    union = {q.triple for q in store.quads()}
    parsed = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    assert len(parsed) == len(set(parsed)) == len(union)
    assert {q.triple for q in parsed} == union
    store.close()
