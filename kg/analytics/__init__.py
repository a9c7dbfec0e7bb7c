"""Analytics: the store projected to networkx graphs, measured, and written back.

Reads only the store (SPARQL), never the parser. ``project`` builds a named projection,
``measure`` runs a named measure, ``analyze`` runs the configured sets, ``write_back`` puts
the results into the store as RDF and ``write_report`` writes JSON, CSV, charts and a
Markdown report. Called by ``kg analyze`` and by :mod:`kg.viewer`.

Examples
--------
>>> from kg.store import OxigraphStore
>>> store = OxigraphStore()
>>> sorted(project(store, "comention").graph)
['cables', 'mentions', 'min_weight', 'projection']
"""

from kg.analytics.measures import MEASURES, measure
from kg.analytics.projections import PROJECTIONS, Window, project
from kg.analytics.report import export_graph, write_report
from kg.analytics.run import Analysis, ProjectionResult, analyze
from kg.analytics.sparql import select
from kg.analytics.writeback import write_back

__all__ = [
    "MEASURES",
    "PROJECTIONS",
    "Analysis",
    "ProjectionResult",
    "Window",
    "analyze",
    "export_graph",
    "measure",
    "project",
    "select",
    "write_back",
    "write_report",
]
