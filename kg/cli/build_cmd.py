"""``kg build``: sources → parse → extract → map → store → validate → analytics → viewer →
exports, with a report."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kg.cli.options import add_config_argument, config_source
from kg.config import load_config
from kg.pipeline import build


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``kg build``."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "build",
        help="build the graph store from cables",
        description="Read cables, parse, extract entities, map to RDF, load the store, "
        "validate with SHACL, analyse, draw the viewer page and write the exports and "
        "output/build-report.json.",
    )
    p.add_argument("sources", nargs="*", metavar="SOURCE", help="default: sources.paths")
    add_config_argument(p)
    p.add_argument("--out", help="output folder (build.out)")
    p.add_argument("--backend", choices=["oxigraph", "memory", "sparql"], help="store.backend")
    p.add_argument("--export", action="append", help="an export format; repeat for more")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.add_argument("--no-analyze", action="store_true", help="skip the analytics (build.analyze)")
    p.add_argument("--no-view", action="store_true", help="skip the viewer page (build.view)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--strict", action="store_true", help="stop at the first reject")
    p.add_argument("--prune", action="store_true", help="remove cables the sources no longer hold")
    p.add_argument("--full", action="store_true", help="rebuild every cable (not incremental)")
    p.add_argument("--engine", choices=["local", "dask"], help="engine.name")
    p.add_argument("--workers", type=int, help="engine.workers (0 = all cores)")
    return p


def run(args: argparse.Namespace) -> int:
    """Build and print a one-line summary; rejects go to stderr."""
    build_overrides: dict[str, Any] = {"out": args.out}
    if args.export:
        build_overrides["exports"] = args.export
    if args.no_validate:
        build_overrides["validate"] = False
    if args.no_analyze:
        build_overrides["analyze"] = False
    if args.no_view:
        build_overrides["view"] = False
    if args.no_progress:
        build_overrides["progress"] = False
    if args.strict:
        build_overrides["strict"] = True
    if args.prune:
        build_overrides["prune"] = True
    if args.full:
        build_overrides["incremental"] = False
    config = load_config(
        config_source(args),
        {
            "build": build_overrides,
            "store": {"backend": args.backend},
            "engine": {"name": args.engine, "workers": args.workers},
        },
    )
    report = build(config, args.sources or None)
    for reject in report.rejects:
        print(f"kg build: reject: {reject}", file=sys.stderr)
    validation = report.validation or {}
    checked = (
        f", SHACL {validation['violations']} violations on "
        f"{validation['cables_checked']}/{validation['cables_total']} cables"
        if validation
        else ""
    )
    pruned = f", {report.pruned} pruned" if report.pruned else ""
    print(
        f"{report.cables} cables ({report.built} built, {report.unchanged} unchanged{pruned}), "
        f"{report.store_quads} quads in the store, "
        f"{len(report.rejects)} rejects{checked} → {report.out}/build-report.json"
    )
    return 1 if validation and not validation["conforms"] else 0
