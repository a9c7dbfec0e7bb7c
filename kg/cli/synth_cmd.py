"""``kg synth``: write a synthetic corpus of cables for scale tests."""

from __future__ import annotations

import argparse
import time
from typing import Any

from kg.synth import FORMATS, write_corpus


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``kg synth``."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "synth",
        help="write synthetic cables in the real formats (for scale tests)",
        description="Generate COUNT realistic synthetic cables (WikiLeaks pages, plain-text "
        "telegrams or a Cablegate CSV dump) into a directory (cable/YYYY/MM/<ID>.html) or an "
        "archive (.tar, .tar.gz, .tgz, .tar.xz, .txz, .tar.bz2, .zip). The same --seed and "
        "--count give byte-identical output.",
    )
    p.add_argument("--count", type=int, required=True, metavar="N", help="how many cables")
    p.add_argument("--out", required=True, metavar="DIR|ARCHIVE", help="where to write them")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    p.add_argument("--format", choices=FORMATS, default="html", help="cable format (default html)")
    return p


def run(args: argparse.Namespace) -> int:
    """Write the corpus and print how many cables, where, and how fast."""
    started = time.perf_counter()
    out = write_corpus(args.out, args.count, args.seed, args.format)
    seconds = time.perf_counter() - started
    rate = args.count / seconds if seconds else 0.0
    print(f"kg synth: {args.count} {args.format} cables → {out} in {seconds:.1f} s ({rate:.0f}/s)")
    return 0
