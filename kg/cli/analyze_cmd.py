"""``kg analyze``: projections and measures of the built graph, written back and reported."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from kg.analytics import Window
from kg.analytics.sparql import open_built_store
from kg.cli.options import add_config_argument, config_source
from kg.config import load_config
from kg.products import write_analysis


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``kg analyze``."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "analyze",
        help="measure the graph (PageRank, communities...) and write a report",
        description="Project the store to networkx graphs (comention, citation, post_tag, "
        "post_org, event), run the measures, write them back into the store as RDF "
        "(cg:pageRank, cg:community...) and write JSON, CSV, PNG charts and report.md.",
    )
    add_config_argument(p)
    p.add_argument("--projection", action="append", help="only this projection (repeatable)")
    p.add_argument("--measure", action="append", help="only this measure (repeatable)")
    p.add_argument("--top", type=int, help="rows in the top-N tables")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only cables created on or after")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="only cables created on or before")
    p.add_argument("--out", help="the build's output folder (build.out)")
    p.add_argument("-o", "--output", help="folder for the report files (default: <out>/analytics)")
    p.add_argument(
        "--export", action="append", choices=["graphml", "gexf"], help="also write projections"
    )
    p.add_argument("--no-write-back", action="store_true", help="leave the store untouched")
    return p


def run(args: argparse.Namespace) -> int:
    """Analyse, write back, write the report; print what was written."""
    overrides = {
        "analytics": {
            "projections": args.projection,
            "measures": args.measure,
            "top": args.top,
            "exports": args.export,
            "write_back": False if args.no_write_back else None,
        },
        "build": {"out": args.out},
    }
    config = load_config(config_source(args), overrides)
    section = config.analytics
    started = time.perf_counter()
    out = Path(args.output) if args.output else Path(config.build.out) / section.out
    with open_built_store(config, read_only=not section.write_back) as store:
        made = write_analysis(config, store, out, Window(args.since, args.until))
    analysis, written, paths = made.analysis, made.written, made.paths
    for result in analysis.results.values():
        graph = result.graph
        print(
            f"{result.name}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, "
            f"{sum(result.seconds.values()):.1f} s"
        )
    print(f"{analysis.totals.cables} cables; {written} result triples written back")
    print(
        f"{len(paths)} files in {out} (report: {out / 'report.md'}), "
        f"{time.perf_counter() - started:.1f} s"
    )
    return 0
