"""The order of the stages: sources → parse → extract → map → store. Called by the CLI.

This module alone knows that order; every stage it calls is a pure function of its input.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.config import Config, SourcesConfig
from kg.errors import CABLE_ERRORS, KgError
from kg.model import Cable, Reject
from kg.parse import parse_raw
from kg.sources import iter_sources

if TYPE_CHECKING:
    from kg.validate import ValidationReport

__all__ = ["BuildReport", "build", "read_cables"]


def read_cables(
    *paths: str | Path, config: SourcesConfig | None = None
) -> Iterator[Cable | Reject]:
    """Read and parse every cable under ``paths``, yielding a Reject for each failure.

    Parameters
    ----------
    *paths : str or Path
        Files, directories, globs or archives; ``-`` reads standard input.
    config : SourcesConfig, optional
        The sources' format and safety limits (``config.sources``); defaults if None.

    Returns
    -------
    Iterator[Cable | Reject]
        One item per cable found, in source order. No exception escapes for a bad
        cable: it becomes a :class:`~kg.model.Reject` naming source, reason, position.
    """
    for item in iter_sources(*paths, config=config):
        if isinstance(item, Reject):
            yield item
            continue
        try:
            yield parse_raw(item)
        except KgError as exc:
            yield Reject(
                source=item.origin,
                reason=getattr(exc, "reason", str(exc)),
                position=getattr(exc, "position", None),
                cable_id=getattr(exc, "cable_id", None),
            )
        except CABLE_ERRORS as exc:
            yield Reject(source=item.origin, reason=f"parser failed: {type(exc).__name__}: {exc}")


@dataclass
class BuildReport:
    """What a build did: counts, rejects with reasons, validation, timings per stage.

    ``cables`` counts the cables the sources hold (``built`` this run plus ``unchanged``
    since the last build); ``pruned`` those removed because the sources dropped them.
    Timings of parse, extract and map are summed over the workers (CPU seconds);
    ``store`` is the wall time of the store loads (a thread beside the driver's other
    work), ``driver_cpu`` the CPU time of the driver's process over the cable stage
    (reading, hashing, loading with all of Oxigraph's threads); ``cables_wall`` is the
    wall time of the whole cable stage, the other stages' figures are wall times.
    """

    cables: int = 0
    built: int = 0
    unchanged: int = 0
    pruned: int = 0
    quads: int = 0
    shared_quads: int = 0
    store_quads: int = 0
    incremental: bool = False
    rejects: list[Reject] = field(default_factory=list)
    validation: dict[str, Any] | None = None
    exports: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    out: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data (what build-report.json holds)."""
        return {
            "cables": self.cables,
            "built": self.built,
            "unchanged": self.unchanged,
            "pruned": self.pruned,
            "incremental": self.incremental,
            "quads": self.quads,
            "shared_quads": self.shared_quads,
            "store_quads": self.store_quads,
            "rejects": [r.to_dict() for r in self.rejects],
            "validation": self.validation,
            "exports": self.exports,
            "timings_s": {k: round(v, 3) for k, v in self.timings.items()},
            "out": self.out,
        }


def build(config: Config, sources: list[str] | None = None) -> BuildReport:
    """Build the graph: sources → parse → extract → map → store → validate → exports.

    Everything is written under a temporary folder beside ``build.out`` and moved into
    place only when the build succeeds, so an interrupted run leaves the previous
    outputs intact. A cable that cannot be read, parsed or mapped becomes a reject in the
    report (``build.strict`` makes the first one fatal). Per-cable work fans out over
    ``engine`` (:mod:`kg.engine`). With ``build.incremental`` and an Oxigraph store
    kept from the last build, the staging store starts as a (hard-linked) copy of it and
    only cables whose text changed are rebuilt (:mod:`kg.loading`, :mod:`kg.manifest`);
    when nothing changed, validation and exports are kept as they were.

    Parameters
    ----------
    config : Config
        The whole configuration; ``sources`` overrides ``sources.paths``.
    sources : list of str, optional
        Files, directories, globs or archives to read.

    Returns
    -------
    BuildReport
        Also written to ``<out>/build-report.json``.

    Raises
    ------
    KgError
        On a reject when ``build.strict`` is set, or when the store cannot be written.
    """
    from pyoxigraph import NamedNode

    from kg.background import SideJobs
    from kg.export import EXPORT_FORMATS, export
    from kg.loading import load_cables
    from kg.manifest import MANIFEST_NAME, Manifest
    from kg.mapping.tables import reference_quads
    from kg.products import write_analysis, write_view
    from kg.store import OxigraphStore, open_store
    from kg.turtle_stream import TurtleStream, turtle_body
    from kg.validate import validate_store

    out = Path(config.build.out)
    out.mkdir(parents=True, exist_ok=True)
    staging = out / f".build-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    report = BuildReport(out=str(out))
    timings = report.timings
    paths = list(sources or config.sources.paths)
    started = time.perf_counter()
    side = SideJobs(staging.parent / f".export-{os.getpid()}")
    turtle: TurtleStream | None = None
    names = {fmt: f"graph.{EXPORT_FORMATS.get(fmt, fmt)}" for fmt in config.build.exports}
    try:
        previous = _previous_store(config, out)
        report.incremental = previous is not None
        clock = time.perf_counter()
        if previous is not None:
            old = OxigraphStore(previous, read_only=True)
            old.backup(staging / config.store.path)
            old.close()
            manifest = Manifest.copied(out / MANIFEST_NAME, staging / MANIFEST_NAME)
        else:
            manifest = Manifest(staging / MANIFEST_NAME)
        store = open_store(config.store, staging)
        # the Turtle is written as the cables come; an incremental build patches the
        # last build's file, if it can (kg.turtle_stream)
        if "turtle" in names and previous is not None:
            turtle = TurtleStream.patching(staging / names["turtle"], out / names["turtle"])
        elif "turtle" in names:
            turtle = TurtleStream(staging / names["turtle"])
        if previous is None:
            reference = list(reference_quads(config.store.base_iri))
            report.shared_quads = store.add_default(reference)
            if turtle is not None:
                turtle.add_default(turtle_body(quad.triple for quad in reference))
        timings["reference"] = time.perf_counter() - clock
        clock = time.perf_counter()
        counts = load_cables(
            config,
            paths,
            store,
            manifest,
            staging,
            on_reject=lambda r: _reject(config, r),
            turtle=turtle,
        )
        timings["cables_wall"] = time.perf_counter() - clock
        if turtle is not None and turtle.close():
            timings["export_turtle"] = turtle.seconds
        timings.update(counts.seconds)
        report.built, report.unchanged, report.pruned = (
            counts.built,
            counts.unchanged,
            counts.pruned,
        )
        report.cables, report.quads = counts.built + counts.unchanged, counts.quads
        report.rejects = counts.rejects
        redo = previous is None or counts.changed
        analysis = None
        report.exports.update(names)
        todo = [
            fmt
            for fmt, name in names.items()
            if (redo or not (out / name).exists()) and not (staging / name).exists()
        ]
        validating = config.build.validate and redo
        # an incremental build checks the cables it rebuilt (and what they point to)
        rebuilt = counts.graphs if previous is not None else None
        if isinstance(store, OxigraphStore) and store.path is not None and (todo or validating):
            # an on-disk store is exported, counted and validated by other processes while
            # this one analyses; they see the graph as built, before the write-back
            checks = (config.build.validate_sample, rebuilt) if validating else None
            side.start(store, {fmt: staging / names[fmt] for fmt in todo}, checks)
            todo, validating = [], False
        else:
            report.store_quads = len(store)
        if validating:
            graphs = None if rebuilt is None else [NamedNode(g) for g in rebuilt]
            _record_validation(
                report, validate_store(store, sample=config.build.validate_sample, cables=graphs)
            )
        if config.build.analyze and (redo or not (out / config.analytics.out).exists()):
            clock = time.perf_counter()
            analysis = write_analysis(config, store, staging / config.analytics.out).analysis
            timings["analyze"] = time.perf_counter() - clock
        if config.build.view and (redo or not (out / config.viewer.out).exists()):
            clock = time.perf_counter()
            write_view(config, store, staging / config.viewer.out, analysis=analysis)
            timings["view"] = time.perf_counter() - clock
        for fmt in todo:
            clock = time.perf_counter()
            export(store, fmt, staging / names[fmt])
            timings[f"export_{fmt}"] = time.perf_counter() - clock
        facts, seconds = side.wait()
        if facts is not None:
            report.store_quads = facts.quads
            if facts.validation is not None:
                _record_validation(report, facts.validation)
        timings.update((f"export_{fmt}", spent) for fmt, spent in seconds.items())
        store.close()
        manifest.close()
        timings["total"] = time.perf_counter() - started
        (staging / "build-report.json").write_text(
            json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        # the manifest last: a store newer than its manifest only redoes changed cables
        _promote(staging, out, last=MANIFEST_NAME)
    finally:
        if turtle is not None:
            turtle.abandon()
        side.cancel()
        shutil.rmtree(staging, ignore_errors=True)
    return report


def _record_validation(report: BuildReport, result: ValidationReport) -> None:
    report.validation = result.to_dict()
    report.timings["validate"] = result.seconds


def _previous_store(config: Config, out: Path) -> Path | None:
    """The store of the last build, if this build may start from it.

    Not when the build fingerprint changed (another base IRI or other extractors): then
    every graph would change, and the old ones might sit under other names.
    """
    from kg.manifest import MANIFEST_NAME, Manifest
    from kg.work import build_fingerprint

    path = Path(config.store.path)
    store = out / path
    if (
        not config.build.incremental
        or config.store.backend != "oxigraph"
        or path.is_absolute()
        or not (out / MANIFEST_NAME).is_file()
        or not store.is_dir()
    ):
        return None
    manifest = Manifest(out / MANIFEST_NAME)
    fingerprint = manifest.fact("fingerprint")
    manifest.close()
    return store if fingerprint == build_fingerprint(config) else None


def _reject(config: Config, reject: Reject) -> None:
    if config.build.strict:
        raise KgError(f"reject (build.strict): {reject}")


def _promote(staging: Path, out: Path, last: str) -> None:
    """Move each finished output from ``staging`` into ``out``, replacing the old one."""
    items = sorted(staging.iterdir(), key=lambda item: (item.name == last, item.name))
    for item in items:
        target = out / item.name
        if target.exists():
            retired = out / f".old-{item.name}-{os.getpid()}"
            os.replace(target, retired)
            os.replace(item, target)
            if retired.is_dir():
                shutil.rmtree(retired, ignore_errors=True)
            else:
                retired.unlink(missing_ok=True)
        else:
            os.replace(item, target)
