"""Time and peak memory of ``kg analyze`` and of the viewer, and the top-20 tables.

Usage::

    .venv/bin/python benchmarks/analytics_speed.py [--store output/store]
    .venv/bin/python benchmarks/analytics_speed.py --synthetic 6712

With ``--store`` (default ``output/store``, what ``kg build`` writes) it measures the real
graph. With ``--synthetic N`` it first fills an in-memory store with N made-up cables
(about 12 mentions each over 3,000 entities with a Zipf-like popularity, 2 TAGS and up to
3 references each), for scale figures before a full build exists. Prints: seconds per
projection and measure, total seconds, peak RSS, the top-20 tables of the co-mention
projection, and the viewer's top-500 page: size and time until physics stabilises in
headless Chromium (skipped when there is no chromium).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg.analytics import analyze, write_back
from kg.analytics.report import top_rows
from kg.config import AnalyticsConfig, ViewerConfig, load_config
from kg.store import GraphStore, OxigraphStore
from kg.viewer import render_view
from kg.viewer.browser import check_page, find_chromium

ID = "https://w3id.org/cablegraph/id/"
CG = "https://w3id.org/cablegraph/ontology#"
PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
KINDS = ["Organization", "Place", "Person", "Programme", "Event", "Organization", "Place"]


def synthetic_store(cables: int, entities: int = 3000, seed: int = 1) -> GraphStore:
    """An in-memory store of ``cables`` made-up cables (see the module docstring)."""
    rng = random.Random(seed)
    lines = []
    for e in range(entities):
        kind = KINDS[e % len(KINDS)]
        lines.append(f'<{ID}e/{e}> a <{CG}{kind}> ; <{PREF_LABEL}> "entity {e}" .')
    weights = [1 / (rank + 1) for rank in range(entities)]
    for c in range(cables):
        iri = f"<{ID}cable/{c}>"
        month = f"{2004 + c * 6 // cables}-{1 + c % 12:02d}"
        body = [
            f'{iri} a <{CG}Cable> ; <http://purl.org/dc/terms/identifier> "SYN{c}"',
            f'<http://purl.org/dc/terms/created> "{month}-15T00:00:00"^^<http://www.w3.org/2001/XMLSchema#dateTime>',
            f'<http://purl.org/dc/terms/title> "synthetic cable {c}"',
            f"<{CG}origin> <{ID}e/{rng.randrange(0, entities, len(KINDS))}>",
        ]
        for e in set(rng.choices(range(entities), weights, k=12)):
            body.append(f"<https://schema.org/mentions> <{ID}e/{e}>")
        for _ in range(rng.randint(0, 3)):
            body.append(
                f"<http://purl.org/dc/terms/references> <{ID}cable/{rng.randrange(cables)}>"
            )
        lines.append(f"GRAPH {iri} {{ " + " ; ".join(body) + " . }")
    store = OxigraphStore()
    store.add_default(ox.parse("\n".join(lines), ox.RdfFormat.TRIG))
    return store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default="output/store")
    parser.add_argument("--synthetic", type=int, metavar="N")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    started = time.perf_counter()
    if args.synthetic:
        store = synthetic_store(args.synthetic)
        print(
            f"synthetic store: {args.synthetic} cables, {len(store)} quads, "
            f"{time.perf_counter() - started:.1f} s"
        )
    else:
        if not Path(args.store).is_dir():
            print(f"no store at {args.store}: run `kg build` first, or use --synthetic N")
            return 2
        store = OxigraphStore(args.store)
    config = load_config(None).analytics if not args.synthetic else AnalyticsConfig()
    started = time.perf_counter()
    analysis = analyze(store, config)
    written = write_back(store, analysis, ID)
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for result in analysis.results.values():
        times = ", ".join(f"{k} {v:.2f}" for k, v in result.seconds.items())
        print(f"{result.name}: {len(result.graph)} nodes, {result.graph.size()} edges; s: {times}")
    print(f"analyze + write-back ({written} triples): {seconds:.1f} s; peak RSS {peak_mib:.0f} MiB")
    comention = analysis.results["comention"]
    for measure in ("pagerank", "weighted_degree", "betweenness"):
        print(f"\ntop {args.top} by {measure} (co-mention)")
        for row in top_rows(comention, measure, args.top):
            print(
                f"{row['rank']:>3} {row['label'][:40]:40} {row['type']:15} {row['cables']:>5} "
                f"{row[measure]:.5f}"
            )
    print("\ntop TAGS:", analysis.totals.top_tags[: args.top])
    print("top organizations:", analysis.totals.top_organizations[: args.top])
    started = time.perf_counter()
    html = render_view(store, ViewerConfig(top=500))
    print(f"\nviewer top 500: {len(html) // 1024} KiB in {time.perf_counter() - started:.1f} s")
    if find_chromium() is None:
        print("no chromium: stabilisation time not measured")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "graph.html"
        page.write_text(html, encoding="utf-8")
        check = check_page(page, screenshot=Path("output") / "benchmark_graph.png", timeout=300)
    print(
        f"chromium: {check.nodes} nodes, {check.edges} edges, stabilised in "
        f"{check.stabilized_ms} ms, console errors {check.console_errors}, "
        f"requests {check.requests}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
