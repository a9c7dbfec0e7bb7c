"""The engines of kg build: worker processes and Dask distributed give the same graph as
one process, byte for byte (sorted N-Quads, and the Turtle written as the cables stream);
an unknown engine is refused by name."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

from kg.config import Config, load_config
from kg.errors import ConfigError
from kg.pipeline import build
from kg.synth import write_corpus
from tests.data import CORPUS_6712, needs_shared


def _config(out: Path, extractors: list[str], **engine: object) -> Config:
    build_keys = {
        "out": str(out),
        "progress": False,
        "validate": False,
        "exports": ["nquads", "turtle"],
        "incremental": False,
    }
    return load_config(
        None,
        {
            "build": build_keys,
            "engine": {"batch_size": 5, **engine},
            "extract": {"extractors": extractors},
        },
    )


def _sorted_nquads(out: Path) -> list[bytes]:
    return sorted((out / "graph.nq").read_bytes().splitlines())


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth") / "cables.tar"
    write_corpus(folder, 30, seed=3)
    return folder


def test_worker_processes_give_the_graph_of_one_process(synth: Path, tmp_path: Path) -> None:
    one = build(_config(tmp_path / "one", [], workers=1), [str(synth)])
    two = build(_config(tmp_path / "two", [], workers=2), [str(synth)])
    assert one.cables == two.cables == 30
    assert one.rejects == two.rejects == []
    first = _sorted_nquads(tmp_path / "one")
    assert len(first) > 30 * 50
    assert first == _sorted_nquads(tmp_path / "two")
    assert (tmp_path / "one/graph.ttl").read_bytes() == (tmp_path / "two/graph.ttl").read_bytes()


def test_an_unknown_engine_is_refused_with_the_allowed_names(synth: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"engine.name `ray` is not valid.*\['dask', 'local'\]"):
        build(_config(tmp_path, [], name="ray"), [str(synth)])
    assert not list(tmp_path.glob(".build-*"))


@pytest.fixture(scope="module")
def real_subset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 24 pages of the 6,712 archive, as a folder of pages."""
    folder = tmp_path_factory.mktemp("real")
    taken = 0
    with tarfile.open(CORPUS_6712, "r|xz") as archive:
        for member in archive:
            if taken == 24:
                break
            handle = archive.extractfile(member) if member.isfile() else None
            if handle is not None:
                target = folder / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(handle.read())
                taken += 1
    return folder


@pytest.mark.slow
@needs_shared(CORPUS_6712)
def test_dask_gives_the_sorted_nquads_of_the_local_engine(
    real_subset: Path, tmp_path: Path
) -> None:
    pytest.importorskip("distributed", reason="the dask extra: pip install cablegraph[dask]")
    extractors: list[str] = []  # the gazetteer would cost ~10 s in each Dask worker
    local = build(_config(tmp_path / "local", extractors, workers=2), [str(real_subset)])
    dask = build(_config(tmp_path / "dask", extractors, name="dask", workers=2), [str(real_subset)])
    assert local.cables == dask.cables == 24
    assert [r.source for r in local.rejects] == [r.source for r in dask.rejects]
    expected = _sorted_nquads(tmp_path / "local")
    assert len(expected) > 24 * 100
    assert expected == _sorted_nquads(tmp_path / "dask")
    assert (tmp_path / "local/graph.ttl").read_bytes() == (tmp_path / "dask/graph.ttl").read_bytes()
