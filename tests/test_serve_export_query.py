"""Query, export and serve over a store holding the seed cable."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.export import export
from kg.query import format_result, named_queries, run_query
from kg.serve import serve_command, start_server
from kg.store import MemoryStore, OxigraphStore
from tests.graph_fixtures import citing_cable, load, seed_cable


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "store"
    store = OxigraphStore(path)
    load(store, seed_cable(), citing_cable())
    store.close()
    return path


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_is_documented_and_runs(disk_store: Path, name: str) -> None:
    spec = named_queries()[name]
    assert spec.description
    store = OxigraphStore(disk_store, read_only=True)
    result = run_query(store, name)
    store.close()
    assert result.variables


def test_named_queries_answer_from_the_seed(disk_store: Path) -> None:
    store = OxigraphStore(disk_store, read_only=True)
    about = run_query(store, "cables-about-tag", {"tag": "KZ", "start": "2007-02-01"})
    cited = run_query(store, "most-cited-cables")
    store.close()
    assert [r[0] for r in about.rows] == ["07ASTANA367", "07ASTANA999"]
    assert sorted(r[0] for r in cited.rows) == ["06ALMATY1234", "07ASTANA367"]
    assert json.loads(format_result(about, "json"))[0]["origin"] == "Embassy Astana"
    assert format_result(about, "csv").splitlines()[0] == "id,created,origin,subject"


def test_rdflib_memory_backend_answers_like_oxigraph() -> None:
    memory, oxi = MemoryStore(), OxigraphStore()
    load(memory, seed_cable())
    load(oxi, seed_cable())
    query = "cable-card"
    assert sorted(run_query(memory, query).rows) == sorted(run_query(oxi, query).rows)


def test_rebuilding_a_cable_replaces_its_graph() -> None:
    store = OxigraphStore()
    load(store, seed_cable())
    size = len(store)
    load(store, seed_cable())
    assert len(store) == size


def _count_with_rapper(path: Path, syntax: str) -> int:
    proc = subprocess.run(
        ["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True, check=True
    )
    return int(proc.stderr.split("returned ")[1].split()[0])


@pytest.mark.parametrize(
    ("fmt", "ox_format", "rdflib_format", "rapper_syntax"),
    [
        ("turtle", ox.RdfFormat.TURTLE, "turtle", "turtle"),
        ("nquads", ox.RdfFormat.N_QUADS, "nquads", "nquads"),
    ],
)
def test_exports_reparse_with_the_same_count_in_three_parsers(
    disk_store: Path,
    tmp_path: Path,
    fmt: str,
    ox_format: ox.RdfFormat,
    rdflib_format: str,
    rapper_syntax: str,
) -> None:
    if shutil.which("rapper") is None:
        pytest.skip("rapper (Debian raptor2-utils) is not installed; CI installs it")
    store = OxigraphStore(disk_store, read_only=True)
    path = export(store, fmt, tmp_path / f"graph.{fmt}")
    store.close()
    in_oxigraph = sum(1 for _ in ox.parse(path=str(path), format=ox_format))
    if fmt == "nquads":
        with warnings.catch_warnings():  # rdflib 7.6 warns about its own default_context
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset = rdflib.Dataset()
            dataset.parse(source=str(path), format=rdflib_format)
            in_rdflib = sum(len(g) for g in dataset.graphs())
    else:
        in_rdflib = len(rdflib.Graph().parse(path, format=rdflib_format))
    assert in_oxigraph == in_rdflib == _count_with_rapper(path, rapper_syntax) > 10_000


@pytest.mark.parametrize("fmt", ["trig", "ntriples", "jsonld", "graphml", "gexf"])
def test_other_exports_are_written(disk_store: Path, tmp_path: Path, fmt: str) -> None:
    store = OxigraphStore(disk_store, read_only=True)
    path = export(store, fmt, tmp_path / f"graph.{fmt}")
    store.close()
    text = path.read_text(encoding="utf-8")
    assert "07ASTANA367" in text


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _post(url: str, data: dict[str, str], accept: str) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(data).encode(), headers={"Accept": accept}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_the_endpoint_answers_queries_refuses_updates_and_binds_loopback(
    disk_store: Path,
) -> None:
    assert serve_command(disk_store)[5] == "127.0.0.1:7878"
    port = _free_port()
    server = start_server(disk_store, port=port)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                status, body = _post(f"{url}/query", {"query": "ASK {}"}, "application/json")
                break
            except urllib.error.URLError:
                time.sleep(0.1)
        query = (
            "SELECT DISTINCT ?id WHERE { ?c <https://w3id.org/cablegraph/ontology#canonicalId>"
            " ?id ; <http://purl.org/dc/terms/created> ?d } ORDER BY ?id"
        )
        status, body = _post(f"{url}/query", {"query": query}, "application/sparql-results+json")
        assert status == 200
        ids = [b["id"]["value"] for b in json.loads(body)["results"]["bindings"]]
        assert ids == ["07ASTANA367", "07ASTANA999"]
        status, _ = _post(f"{url}/update", {"update": "INSERT DATA { <x:a> <x:b> <x:c> }"}, "*/*")
        assert status >= 400
        status, body = _post(
            f"{url}/query", {"query": "ASK { <x:a> ?p ?o }"}, "application/sparql-results+json"
        )
        assert json.loads(body)["boolean"] is False
        with (
            pytest.raises(OSError),  # noqa: PT011  (refused or unreachable: either proves it)
            socket.create_connection((_non_loopback_address(), port), timeout=1),
        ):
            pass
    finally:
        server.terminate()
        server.wait(timeout=10)


def _non_loopback_address() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: no packet is sent by connect() on UDP
            address = str(s.getsockname()[0])
        except OSError:
            pytest.skip("the machine has no non-loopback address to try")
    if address.startswith("127."):
        pytest.skip("the machine has no non-loopback address to try")
    return address


def _wait_for(url: str) -> None:
    for _ in range(100):
        try:
            _post(f"{url}/query", {"query": "ASK {}"}, "application/json")
            return
        except urllib.error.URLError:
            time.sleep(0.1)
    raise AssertionError(f"no SPARQL server answered at {url}")


def test_the_sparql_backend_builds_into_a_real_server_and_a_rebuild_replaces_the_graph(
    tmp_path: Path,
) -> None:
    from kg.config import load_config
    from kg.pipeline import build
    from kg.serve import oxigraph_binary
    from tests.data import EXAMPLE

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(tmp_path / "server"), "--bind",
         f"127.0.0.1:{port}", "--union-default-graph"],
    )  # fmt: skip
    cable = "<https://w3id.org/cablegraph/id/cable/07ASTANA367>"

    def build_into_server(extractors: list[str]) -> None:
        config = load_config(
            None,
            {
                "store": {
                    "backend": "sparql",
                    "query_endpoint": f"{url}/query",
                    "update_endpoint": f"{url}/update",
                },
                "build": {"out": str(tmp_path / "out"), "progress": False, "exports": []},
                "extract": {"extractors": extractors},
            },
        )
        report = build(config, [str(EXAMPLE)])
        assert report.cables == 1
        assert report.validation is not None
        assert report.validation["violations"] == 0

    def in_graph(pattern: str) -> list[str]:
        status, body = _post(
            f"{url}/query",
            {"query": f"SELECT ?x WHERE {{ GRAPH {cable} {{ {pattern} }} }}"},
            "application/sparql-results+json",
        )
        assert status == 200, body
        return [b["x"]["value"] for b in json.loads(body)["results"]["bindings"]]

    try:
        _wait_for(url)
        build_into_server(["organizations", "persons", "places", "programmes", "events"])
        assert in_graph(f"{cable} <http://purl.org/dc/terms/identifier> ?x") == ["07ASTANA367"]
        with_entities = len(in_graph("?x ?p ?o"))
        assert in_graph(f"{cable} <https://schema.org/mentions> ?x")
        # a statement the next build does not make, left in the cable's graph
        status, _ = _post(
            f"{url}/update",
            {"update": f"INSERT DATA {{ GRAPH {cable} {{ {cable} <x:stale> 1 }} }}"},
            "*/*",
        )
        assert status < 300
        build_into_server([])
        assert in_graph(f"{cable} <x:stale> ?x") == []
        assert in_graph(f"{cable} <https://schema.org/mentions> ?x") == []
        metadata_only = in_graph("?x ?p ?o")
        assert 0 < len(metadata_only) < with_entities
        build_into_server([])
        assert len(in_graph("?x ?p ?o")) == len(metadata_only)
        assert in_graph(f"{cable} <http://purl.org/dc/terms/identifier> ?x") == ["07ASTANA367"]
    finally:
        server.terminate()
        server.wait(timeout=10)
