"""``kg export``: write the built graph as Turtle, TriG, N-Quads, N-Triples, JSON-LD,
GraphML or GEXF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kg.cli.options import add_config_argument, config_source
from kg.config import load_config
from kg.errors import StoreError
from kg.export import EXPORT_FORMATS, export
from kg.store import open_store


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``kg export``."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "export",
        help="export the built graph (RDF, GraphML, GEXF)",
        description="Write the built graph in another format for other tools (Gephi, "
        "Protégé, Jena, ...).",
    )
    p.add_argument("--format", choices=list(EXPORT_FORMATS), help="export.format")
    p.add_argument("-o", "--output", help="file to write (default: <out>/graph.<ext>)")
    add_config_argument(p)
    p.add_argument("--out", help="the build's output folder (build.out)")
    return p


def run(args: argparse.Namespace) -> int:
    """Export and print where the file went."""
    config = load_config(
        config_source(args), {"export": {"format": args.format}, "build": {"out": args.out}}
    )
    fmt = config.export.format
    out = Path(config.build.out)
    if config.store.backend == "oxigraph" and not (out / config.store.path).is_dir():
        raise StoreError(f"no store at {out / config.store.path}: run `kg build` first")
    target = Path(args.output) if args.output else out / f"graph.{EXPORT_FORMATS[fmt]}"
    store = open_store(config.store, out, read_only=True)
    try:
        export(store, fmt, target)
    finally:
        store.close()
    print(target)
    return 0
