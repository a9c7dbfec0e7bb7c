"""``kg serve``: a read-only SPARQL endpoint over the built store (oxigraph)."""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path
from typing import Any

from kg.cli.options import add_config_argument, config_source
from kg.config import load_config
from kg.errors import StoreError
from kg.serve import serve_command


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``kg serve``."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "serve",
        help="serve the built graph as a read-only SPARQL endpoint",
        description="Run `oxigraph serve-read-only` on the built store; queries at "
        "http://HOST:PORT/query. Binds 127.0.0.1 unless --host says otherwise.",
    )
    p.add_argument("--host", help="serve.host (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="serve.port (default 7878)")
    add_config_argument(p)
    p.add_argument("--out", help="the build's output folder (build.out)")
    return p


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    config = load_config(
        config_source(args),
        {"serve": {"host": args.host, "port": args.port}, "build": {"out": args.out}},
    )
    store = Path(config.build.out) / config.store.path
    if not store.is_dir():
        raise StoreError(f"no store at {store}: run `kg build` first")
    command = serve_command(store, config.serve.host, config.serve.port)
    print(f"SPARQL endpoint: http://{config.serve.host}:{config.serve.port}/query (read-only)")
    return subprocess.call(command)
