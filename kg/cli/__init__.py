"""The ``kg`` command: the only place that reads argv, prints, or exits.

Each subcommand lives in its own module of this package with ``add_parser(subparsers)``
and ``run(args) -> int``; :data:`COMMANDS` lists them in help order.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from kg import __version__
from kg.errors import KgError

__all__ = ["COMMANDS", "main"]

#: subcommand name → module under kg.cli
COMMANDS: dict[str, str] = {
    "parse": "parse_cmd",
    "build": "build_cmd",
    "query": "query_cmd",
    "serve": "serve_cmd",
    "export": "export_cmd",
    "conformance": "conformance_cmd",
    "analyze": "analyze_cmd",
    "view": "view_cmd",
    "synth": "synth_cmd",
}


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="kg", description="cablegraph: a knowledge graph of US diplomatic cables."
    )
    parser.add_argument("--version", action="version", version=f"cablegraph {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"kg.cli.{module_name}")
        sub = module.add_parser(subparsers)
        sub.set_defaults(_run=module.run, command=name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``kg`` command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING - 10 * min(args.verbose, 2),
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except KgError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
