"""``kg conformance``: run the parser against cablemap's test suite and print the table."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kg.conformance import load_cases, load_deviations, run_conformance

_SHARED = Path("..") / "shared"


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``kg conformance``."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "conformance",
        help="score the parser against the cablemap conformance set",
        description="Run every applicable case of cablemap-conformance.jsonl and print "
        "field, cases, passed, percent, then the failing cases.",
    )
    p.add_argument(
        "--cases",
        type=Path,
        default=_SHARED / "gold" / "cablemap-conformance.jsonl",
        help="the conformance set (default: ../shared/gold/cablemap-conformance.jsonl)",
    )
    p.add_argument(
        "--corpus",
        type=Path,
        nargs="*",
        default=[
            _SHARED / "corpus" / "cablegate-html-6712.tar.xz",
            _SHARED / "corpus" / "cablegate-html-2010-12-22-snapshot-1869.tar.xz",
            _SHARED / "corpus" / "body-only-3043.tar.xz",
            _SHARED / "corpus" / "fixtures",
        ],
        help="where cables of cases without input are looked up, in order",
    )
    p.add_argument("--field", action="append", default=[], help="only this field (repeatable)")
    p.add_argument("--failures", type=int, default=50, help="failing cases to show (0: none)")
    p.add_argument(
        "--deviations",
        type=Path,
        default=None,
        help="YAML of documented deviations (default: the table shipped with kg)",
    )
    return p


def run(args: argparse.Namespace) -> int:
    """Print the per-field table and the first failing cases."""
    deviations = load_deviations(args.deviations) if args.deviations else None
    report = run_conformance(load_cases(args.cases), args.corpus, args.field, deviations)
    print(report.table())
    failures = report.failures()
    if failures and args.failures:
        print(f"\nfailing cases ({len(failures)}):")
    for result in failures[: args.failures]:
        case = result.case
        print(f"\n- {case.field} line {case.line} ref={case.ref} ({case.source_test})")
        if case.options:
            print(f"  options:  {json.dumps(case.options)}")
        if case.input is not None:
            print(f"  input:    {json.dumps(case.input[-300:])}")
        print(f"  expected: {json.dumps(case.expected)}")
        print(f"  actual:   {json.dumps(result.actual, default=str)}")
        deviation = report.deviation(result)
        if deviation:
            print(f"  deviation (documented): {deviation.reason}")
        if result.error:
            print(f"  error:    {result.error}")
        if case.note:
            print(f"  note:     {case.note}")
    return 0
