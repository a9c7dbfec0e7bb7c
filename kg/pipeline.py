"""The order of the stages: sources → parse → extract → map → store. Called by the CLI.

This module alone knows that order; every stage it calls is a pure function of its input.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.config import Config, SourcesConfig
from kg.errors import KgError
from kg.model import Cable, Reject
from kg.parse import parse_raw
from kg.sources import iter_sources

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
        except (
            ValueError,
            IndexError,
            KeyError,
            TypeError,
            AttributeError,
            ArithmeticError,
            RecursionError,
        ) as exc:
            yield Reject(source=item.origin, reason=f"parser failed: {type(exc).__name__}: {exc}")


@dataclass
class BuildReport:
    """What a build did: counts, rejects with reasons, validation, timings per stage."""

    cables: int = 0
    quads: int = 0
    shared_quads: int = 0
    store_quads: int = 0
    rejects: list[Reject] = field(default_factory=list)
    validation: dict[str, Any] | None = None
    exports: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    out: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data (what build-report.json holds)."""
        return {
            "cables": self.cables,
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
    report (``build.strict`` makes the first one fatal).

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
    from kg.export import EXPORT_FORMATS, export
    from kg.mapping.tables import reference_quads
    from kg.store import open_store
    from kg.validate import validate_store

    out = Path(config.build.out)
    out.mkdir(parents=True, exist_ok=True)
    staging = out / f".build-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    report = BuildReport(out=str(out))
    timings = report.timings
    paths = list(sources or config.sources.paths)
    try:
        store = open_store(config.store, staging)
        clock = time.perf_counter()
        report.shared_quads = store.add_default(reference_quads(config.store.base_iri))
        timings["reference"] = time.perf_counter() - clock
        graphs = _mapped_cables(config, paths, report)
        clock = time.perf_counter()
        report.quads = store.replace_graphs(graphs)
        timings["store"] = (
            time.perf_counter()
            - clock
            - sum(timings.get(k, 0.0) for k in ("parse", "extract", "map"))
        )
        report.store_quads = len(store)
        if config.build.validate:
            result = validate_store(store, sample=config.build.validate_sample)
            report.validation = result.to_dict()
            timings["validate"] = result.seconds
        for fmt in config.build.exports:
            clock = time.perf_counter()
            name = f"graph.{EXPORT_FORMATS.get(fmt, fmt)}"
            export(store, fmt, staging / name)
            report.exports[fmt] = name
            timings[f"export_{fmt}"] = time.perf_counter() - clock
        store.close()
        (staging / "build-report.json").write_text(
            json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        _promote(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def _mapped_cables(
    config: Config, paths: list[str], report: BuildReport
) -> Iterator[tuple[Any, list[Any]]]:
    """Yield (cable graph, its quads), timing each stage and recording rejects."""
    from pyoxigraph import NamedNode

    from kg.mapping import cable_quads

    timings = report.timings
    for stage in ("parse", "extract", "map"):
        timings.setdefault(stage, 0.0)
    items = read_cables(*paths, config=config.sources)
    bar = None
    if config.build.progress:
        from tqdm import tqdm

        bar = tqdm(desc="kg build", unit=" cables", file=sys.stderr)
    extractors = list(config.extract.extractors)
    shared: list[Any] = []
    while True:
        clock = time.perf_counter()
        item = next(items, None)
        timings["parse"] += time.perf_counter() - clock
        if item is None:
            break
        if bar is not None:
            bar.update(1)
        if isinstance(item, Reject):
            _reject(config, report, item)
            continue
        try:
            if extractors:
                from kg.extract import extract_cable

                clock = time.perf_counter()
                item = extract_cable(item, extractors)
                timings["extract"] += time.perf_counter() - clock
            clock = time.perf_counter()
            quads = list(cable_quads(item, config.store.base_iri))
            timings["map"] += time.perf_counter() - clock
        except (KgError, ValueError, IndexError, KeyError, TypeError, AttributeError) as exc:
            # a bug met on one cable is that cable's reject, as in read_cables
            reason = getattr(exc, "reason", f"{type(exc).__name__}: {exc}")
            _reject(
                config,
                report,
                Reject(item.source, f"mapping failed: {reason}", cable_id=item.reference_id),
            )
            continue
        own = [q for q in quads if isinstance(q.graph_name, NamedNode)]
        shared.extend(q for q in quads if not isinstance(q.graph_name, NamedNode))
        report.cables += 1
        if own:
            yield own[0].graph_name, own + _drain(shared)
    if bar is not None:
        bar.close()


def _drain(shared: list[Any]) -> list[Any]:
    items = list(shared)
    shared.clear()
    return items


def _reject(config: Config, report: BuildReport, reject: Reject) -> None:
    if config.build.strict:
        raise KgError(f"reject (build.strict): {reject}")
    report.rejects.append(reject)


def _promote(staging: Path, out: Path) -> None:
    """Move each finished output from ``staging`` into ``out``, replacing the old one."""
    for item in sorted(staging.iterdir()):
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
