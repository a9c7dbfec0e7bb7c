"""``kg query``: run SPARQL text, a .rq file or a named query on the built store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kg.cli.options import add_config_argument, config_source
from kg.config import load_config
from kg.errors import QueryError, StoreError
from kg.query import OUTPUT_FORMATS, format_result, named_queries, run_query
from kg.store import open_store


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``kg query``."""
    names = ", ".join(named_queries())
    p: argparse.ArgumentParser = subparsers.add_parser(
        "query",
        help="run SPARQL or a named query on the built graph",
        description=f"Run SPARQL text, a .rq file, or a named query: {names}.",
    )
    p.add_argument("query", nargs="?", help="a named query, a .rq file, or SPARQL text")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("--format", choices=OUTPUT_FORMATS, default="table")
    p.add_argument("--list", action="store_true", help="list the named queries")
    add_config_argument(p)
    p.add_argument("--out", help="the build's output folder (build.out)")
    return p


def run(args: argparse.Namespace) -> int:
    """Print the query's result, or the list of named queries."""
    if args.list or not args.query:
        for name, spec in named_queries().items():
            shown = " ".join(f"{k}={d!r}" for k, (d, _) in spec.params.items())
            print(f"{name}: {spec.description}" + (f" [{shown}]" if shown else ""))
        return 0
    params = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep:
            raise QueryError(f"--param `{item}` must be NAME=VALUE")
        params[name] = value
    config = load_config(config_source(args), {"build": {"out": args.out}})
    out = Path(config.build.out)
    if config.store.backend == "oxigraph" and not (out / config.store.path).is_dir():
        raise StoreError(f"no store at {out / config.store.path}: run `kg build` first")
    store = open_store(config.store, out, read_only=True)
    try:
        result = run_query(store, args.query, params)
    finally:
        store.close()
    text = format_result(result, args.format)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
