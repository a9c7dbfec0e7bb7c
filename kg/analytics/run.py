"""``analyze``: every configured projection × every configured measure, plus archive totals.

Library entry point of ``kg analyze`` (:mod:`kg.cli.analyze_cmd`); the CLI then hands the
:class:`Analysis` to :mod:`kg.analytics.writeback` and :mod:`kg.analytics.report`.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.analytics.measures import MEASURES, MeasureSkippedError, backend_options, measure
from kg.analytics.projections import (
    PROJECTIONS,
    Window,
    cable_table,
    entity_types,
    node_labels,
    project,
    related,
)
from kg.analytics.sparql import reading_once
from kg.config import AnalyticsConfig
from kg.store import GraphStore

__all__ = ["Analysis", "ProjectionResult", "Totals", "analyze", "projection_options", "totals"]

log = logging.getLogger(__name__)


@dataclass
class ProjectionResult:
    """One projection and the measures computed on it (``{measure: {node: value}}``).

    ``skipped`` says which measures declined this projection and why.
    """

    name: str
    graph: nx.Graph
    measures: dict[str, dict[Any, Any]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Totals:
    """Archive-wide counts for the report's charts: ``(label, count)`` lists."""

    cables: int
    cables_per_month: list[tuple[str, int]]
    top_tags: list[tuple[str, int]]
    top_organizations: list[tuple[str, int]]


@dataclass
class Analysis:
    """Everything ``kg analyze`` computed."""

    results: dict[str, ProjectionResult]
    totals: Totals


def analyze(
    store: GraphStore, config: AnalyticsConfig | None = None, window: Window | None = None
) -> Analysis:
    """Build the configured projections of ``store`` and run the configured measures.

    Parameters
    ----------
    store : pyoxigraph.Store
        The built graph.
    config : AnalyticsConfig, optional
        Which projections and measures (empty = all registered), seed, sample size, backend.
    window : Window, optional
        Only cables created in this date range count.

    Returns
    -------
    Analysis

    Raises
    ------
    ConfigError
        If a projection, a measure or the backend is not available; the message lists those
        that are.
    """
    config = config or AnalyticsConfig()
    projection_names = list(config.projections) or PROJECTIONS.names()
    measure_names = list(config.measures) or MEASURES.names()
    for name in projection_names:
        PROJECTIONS.get(name)
    for name in measure_names:
        MEASURES.get(name)
    backend_options(config.backend)
    options = {
        "seed": config.seed,
        "sample": config.betweenness_sample,
        "resolution": config.resolution,
        "backend": config.backend,
        "max_edges": config.betweenness_max_edges,
    }
    with reading_once():
        results = {}
        for name in projection_names:
            projected = _project_timed(store, name, window, config)
            results[name] = _measured(projected, measure_names, options)
        return Analysis(results, totals(store, config.top, window))


def _project_timed(
    store: GraphStore, name: str, window: Window | None, config: AnalyticsConfig
) -> ProjectionResult:
    started = time.perf_counter()
    graph = project(store, name, window, projection_options(config))
    log.info("projection %s: %d nodes, %d edges", name, len(graph), graph.size())
    return ProjectionResult(name, graph, seconds={"projection": _since(started)})


def _measured(
    result: ProjectionResult, measure_names: list[str], options: dict[str, Any]
) -> ProjectionResult:
    for measure_name in measure_names:
        started = time.perf_counter()
        try:
            result.measures[measure_name] = measure(result.graph, measure_name, options)
        except MeasureSkippedError as exc:
            result.skipped[measure_name] = str(exc)
            log.info("projection %s: %s", result.name, exc)
        result.seconds[measure_name] = _since(started)
    return result


def projection_options(config: AnalyticsConfig) -> dict[str, Any]:
    """What the projections take from the analytics config (``kg view`` projects alike)."""
    return {"max_edges": config.comention_max_edges}


def totals(store: GraphStore, top: int = 20, window: Window | None = None) -> Totals:
    """Cables per month, and the ``top`` TAGS and organizations by number of cables.

    Counted per IRI, then summed per label: two IRIs of one name are one row.
    """
    cables = cable_table(store, window)
    types = entity_types(store)
    months = Counter(info.date[:7] for info in cables.values() if info.date)
    subjects, mentioned = related(store, "subjects"), related(store, "mentions")
    tags = Counter(t for c in cables for t in subjects.get(c, ()) if t in types)
    orgs = Counter(
        e for c in cables for e in mentioned.get(c, ()) if types.get(e) == "Organization"
    )
    return Totals(
        cables=sum(1 for info in cables.values() if info.date),  # not those only cited
        cables_per_month=sorted(months.items()),
        top_tags=_top(_by_label(store, tags), top),
        top_organizations=_top(_by_label(store, orgs), top),
    )


def _by_label(store: GraphStore, counts: Counter[str]) -> Counter[str]:
    labels = node_labels(store, counts)
    summed: Counter[str] = Counter()
    for node, count in counts.items():
        summed[labels[node]] += count
    return summed


def _top(counts: Counter[str], n: int) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 3)
