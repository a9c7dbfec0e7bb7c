"""``kg parse``: print the parsed fields of cables."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import yaml

from kg.cli.options import add_config_argument, config_source
from kg.config import load_config
from kg.model import Cable, Reject
from kg.pipeline import read_cables


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``kg parse``."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "parse",
        help="parse cables and print their fields",
        description="Parse cables (files, directories, globs, archives, or - for stdin) "
        "and print every field. Rejects go to stderr.",
    )
    p.add_argument("sources", nargs="+", metavar="FILE|ARCHIVE|-")
    p.add_argument("--format", choices=["json", "yaml", "text"], default="json")
    p.add_argument("--strict", action="store_true", help="exit 1 on the first reject")
    add_config_argument(p)
    return p


def run(args: argparse.Namespace) -> int:
    """Print each cable in the chosen format; report rejects on stderr."""
    rejects = 0
    config = load_config(config_source(args))
    for item in read_cables(*args.sources, config=config.sources):
        if isinstance(item, Reject):
            rejects += 1
            print(f"kg parse: reject: {item}", file=sys.stderr)
            if args.strict:
                return 1
            continue
        sys.stdout.write(_render(item, args.format))
    return 1 if rejects and args.strict else 0


def _render(cable: Cable, fmt: str) -> str:
    data = cable.to_dict()
    for key in ("header", "body", "mentions", "events"):
        data.pop(key, None)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    lines = [f"{cable.reference_id}"]
    for key, value in data.items():
        if key == "reference_id" or value in (None, [], ""):
            continue
        lines.append(f"  {key}: {_text(value)}")
    return "\n".join(lines) + "\n\n"


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_text(v)}" for k, v in value.items() if v not in (None, [], ""))
    return str(value)
