"""``kg view``: write the interactive HTML picture of a projection (and optionally check it)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kg.analytics import Window
from kg.analytics.sparql import open_built_store
from kg.cli.options import add_config_argument, config_source
from kg.config import load_config
from kg.products import write_view


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``kg view``."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "view",
        help="write an interactive HTML picture of the graph",
        description="Write a self-contained pyvis/vis.js page (default output/graph.html): "
        "the top N nodes of a projection by a measure, or the ego network of --focus.",
    )
    add_config_argument(p)
    p.add_argument(
        "--projection",
        help="comention, citation, post_tag, post_org, event, or cable (cables and what they "
        "mention: --projection cable --focus 07ASTANA367 draws one cable's neighbourhood)",
    )
    p.add_argument("--focus", metavar="LABEL|IRI", help="draw the ego network of this node")
    p.add_argument("--depth", type=int, help="hops around --focus (default 1)")
    p.add_argument("--top", type=int, help="at most this many nodes (default 500)")
    p.add_argument("--size-by", help="measure that sizes and ranks nodes (default pagerank)")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only cables created on or after")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="only cables created on or before")
    p.add_argument("--out", help="the build's output folder (build.out)")
    p.add_argument("-o", "--output", help="the HTML file (default: <out>/graph.html)")
    p.add_argument(
        "--check",
        action="store_true",
        help="open the page in headless Chromium; report console errors and layout time",
    )
    return p


def run(args: argparse.Namespace) -> int:
    """Render the page, write it atomically, optionally check it in Chromium."""
    overrides = {
        "viewer": {
            "projection": args.projection,
            "depth": args.depth,
            "top": args.top,
            "size_by": args.size_by,
        },
        "build": {"out": args.out},
    }
    config = load_config(config_source(args), overrides)
    out = Path(args.output) if args.output else Path(config.build.out) / config.viewer.out
    with open_built_store(config, read_only=True) as store:
        write_view(config, store, out, focus=args.focus, window=Window(args.since, args.until))
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB)")
    if not args.check:
        return 0
    from kg.viewer.browser import check_page

    check = check_page(out, screenshot=out.with_suffix(".png"))
    print(
        f"chromium: {check.nodes} nodes, {check.edges} edges, "
        f"stabilised in {check.stabilized_ms or float('nan'):.0f} ms, "
        f"{len(check.console_errors)} console errors, {len(check.requests)} network requests; "
        f"screenshot {check.screenshot}"
    )
    for error in check.console_errors:
        print(f"kg view: console error: {error}", file=sys.stderr)
    return 1 if check.console_errors or check.requests else 0
