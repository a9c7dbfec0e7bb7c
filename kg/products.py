"""What is made from a built store besides exports: the analytics report and the viewer page.

``kg analyze`` and ``kg view`` call these on the store of an earlier build; ``kg build``
calls them on its staging store (``build.analyze``, ``build.view``), so a build leaves the
graph, its report and its page together, and the page draws the projection the analysis
has just measured instead of reading the store for it again.
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from kg.analytics.projections import Window
from kg.analytics.report import write_report
from kg.analytics.run import Analysis, analyze, projection_options
from kg.analytics.writeback import write_back
from kg.collector import fewer_collections
from kg.config import Config
from kg.store import GraphStore

__all__ = ["AnalysisOutput", "write_analysis", "write_view"]


def _rare_collections() -> AbstractContextManager[None]:
    # Analysis builds millions of long-lived objects (tables, graphs, measures) and hardly
    # any cycles: with the default thresholds each full collection rescanned all of them
    # (and, in kg build, whatever the pipeline still holds), about a sixth of the CPU of
    # kg analyze on a whole archive. Young collections every 100,000 allocations and
    # older ones 50 and 1,000 times rarer leave a whole-archive analysis with no full
    # collection at all.
    return fewer_collections(100_000, 50, 1000)


@dataclass
class AnalysisOutput:
    """An analysis, the result triples written back into the store, and the files written."""

    analysis: Analysis
    written: int = 0
    paths: list[Path] = field(default_factory=list)


def write_analysis(
    config: Config, store: GraphStore, out: Path, window: Window | None = None
) -> AnalysisOutput:
    """Analyse ``store`` as ``config.analytics`` says, write back, and write the report.

    Parameters
    ----------
    config : Config
        ``analytics`` chooses projections, measures, write-back and report formats;
        ``store.base_iri`` names the result graphs.
    store : GraphStore
        The built graph; written to when ``analytics.write_back`` is set.
    out : Path
        The report's folder.
    window : Window, optional
        Only cables created in this date range count.

    Returns
    -------
    AnalysisOutput
    """
    section = config.analytics
    with _rare_collections():
        analysis = analyze(store, section, window)
        written = (
            write_back(store, analysis, config.store.base_iri, section.write_back_measures)
            if section.write_back
            else 0
        )
        paths = write_report(analysis, out, section.top, section.exports)
    return AnalysisOutput(analysis, written, list(paths))


def write_view(
    config: Config,
    store: GraphStore,
    out: Path,
    *,
    focus: str | None = None,
    window: Window | None = None,
    analysis: Analysis | None = None,
) -> Path:
    """Render the viewer page of ``store`` to ``out``, replacing it only when complete.

    Parameters
    ----------
    config : Config
        ``viewer`` chooses the projection, its size and the measure that sizes nodes.
    store : GraphStore
        The built graph.
    out : Path
        The HTML file to write.
    focus : str, optional
        A node IRI or label whose ego network is drawn instead of the top nodes.
    window : Window, optional
        Only cables created in this date range count.
    analysis : Analysis, optional
        An analysis of this store: when it measured the viewer's projection, its graph
        and sizes are drawn as they are.

    Returns
    -------
    Path
        ``out``.
    """
    from kg.viewer.page import render_view

    measured = None if analysis is None else analysis.results.get(config.viewer.projection)
    sizes = None if measured is None else measured.measures.get(config.viewer.size_by)
    with _rare_collections():
        html = render_view(
            store,
            config.viewer,
            focus=focus,
            window=window,
            projection_options=projection_options(config.analytics),
            graph=None if measured is None else measured.graph,
            sizes=sizes,
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, out)
    return out
