"""Time and peak memory of ``kg analyze`` and of the viewer, and the report's top-20 tables.

Usage::

    .venv/bin/python benchmarks/analytics_speed.py --build output
    .venv/bin/python benchmarks/analytics_speed.py --synthetic 6712
    .venv/bin/python benchmarks/analytics_speed.py --build output --shared
    .venv/bin/python benchmarks/analytics_speed.py --build output --digest

With ``--build`` (default ``output``, what ``kg build`` writes) it runs the real commands a
user runs, each in its own process, and prints each one's CPU seconds (user + system),
wall seconds and peak RSS: ``kg analyze --out BUILD`` (then the highlight tables of its
report.md: organizations by PageRank in co-mention, most-cited cables, TAGS per post,
co-mention communities), ``kg view --out BUILD`` on the top 500, and ``kg view --check``
(the same page, then headless Chromium: console errors and time until physics
stabilises; the screenshot goes to ``output/benchmark_graph.png``). Last, ``--shared``
times analyse + write back + report + page in one process on one open store, with the
page drawn from the projection analyse made, as ``kg build`` runs them. Run it twice to
see a rerun (an unchanged analytics graph is then left as it is).

With ``--synthetic N`` it first fills an in-memory store with N made-up cables
(about 12 mentions each over 3,000 entities with a Zipf-like popularity, 2 TAGS and up to
3 references each) and times the library calls, for scale figures before a full build
exists.

``--shared`` alone runs the analyse + page step ``kg build`` runs (time it with
``/usr/bin/time``); ``--digest`` prints a digest of what analytics and the viewer wrote
in the build (every file under ``analytics/`` but the PNG charts, with the run's
timings taken out of the JSON; the analytics graphs in the store as sorted N-Quads;
``graph.html``), so a change meant to be faster can be shown to write the same.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from kg.analytics import analyze, write_back
from kg.analytics.report import top_rows
from kg.config import AnalyticsConfig, ViewerConfig
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
    parser.add_argument("--build", default="output", help="the folder kg build wrote")
    parser.add_argument("--synthetic", type=int, metavar="N")
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--shared", action="store_true", help="analyse + page, as kg build")
    parser.add_argument("--digest", action="store_true", help="digest of the outputs")
    args = parser.parse_args()
    if args.synthetic:
        return synthetic(args.synthetic, args.top)
    build = Path(args.build)
    if args.digest:
        return digest(build)
    if args.shared:
        return shared(build)
    if not (build / "store").is_dir():
        print(f"no store at {build / 'store'}: run `kg build --out {build}` first")
        return 2
    kg = str(Path(sys.executable).with_name("kg"))
    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores shared)")
    output = timed([kg, "analyze", "--out", str(build)], "kg analyze")
    print(output)
    report = (build / "analytics" / "report.md").read_text(encoding="utf-8")
    for title in (
        "organizations by PageRank",
        "most-cited cables",
        "TAGS of the",
        "communities (the",  # the first such table is co-mention's
    ):
        print(section(report, title))
    Path("output").mkdir(exist_ok=True)
    page = Path("output") / "benchmark_graph.html"
    print(timed([kg, "view", "--out", str(build), "-o", str(page)], "kg view"))
    print(timed([kg, "view", "--out", str(build), "--check", "-o", str(page)], "kg view --check"))
    here = [sys.executable, __file__, "--build", str(build), "--shared"]
    print(timed(here, "analyze + view in one process"))
    return 0


def shared(build: Path) -> int:
    """Analyse, write back, report and draw the page in this process, on one open store,
    with the functions ``kg build`` calls (:mod:`kg.products`)."""
    from kg.analytics.sparql import open_built_store
    from kg.config import load_config
    from kg.products import write_analysis, write_view

    config = load_config(None, {"build": {"out": str(build)}})
    with open_built_store(config) as store:
        done = write_analysis(config, store, build / config.analytics.out)
        page = write_view(config, store, build / config.viewer.out, analysis=done.analysis)
    print(f"{done.written} result triples written back; page {page}")
    return 0


def digest(build: Path) -> int:
    """Print a digest per output of analytics and the viewer in ``build``, and of them all."""
    from kg.config import load_config

    config = load_config(None, {"build": {"out": str(build)}})
    parts: dict[str, bytes] = {}
    for path in sorted((build / config.analytics.out).iterdir()):
        if path.suffix == ".png" or path.name.endswith(".tmp"):
            continue
        data = path.read_bytes()
        if path.suffix == ".json":
            # each projection's JSON says how long its steps took: not an output to compare
            parsed = json.loads(data)
            parsed.pop("seconds", None)
            data = json.dumps(parsed, sort_keys=True).encode()
        parts[path.name] = data
    store = ox.Store.read_only(str(build / config.store.path))  # where kg build wrote it
    prefix = config.store.base_iri + "analytics/"
    graphs = sorted(g.value for g in store.named_graphs() if g.value.startswith(prefix))
    for graph in graphs:
        quads = store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
        parts[graph] = b"\n".join(sorted(text.splitlines()))
    parts[config.viewer.out] = (build / config.viewer.out).read_bytes()
    total = hashlib.sha256()
    for name, data in parts.items():
        part = hashlib.sha256(data).hexdigest()[:12]
        total.update(f"{name} {part}\n".encode())
        print(f"{part} {name}")
    print(f"{total.hexdigest()[:12]} all ({len(parts)} parts)")
    return 0


def timed(command: list[str], name: str) -> str:
    """Run ``command``; print its CPU and wall seconds and peak RSS; return its output.

    The figures are that one process's own (``wait4``), not the largest child so far.
    """
    started = time.perf_counter()
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as child:
        assert child.stdout is not None
        output = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime
    print(
        f"{name}: CPU {cpu:.1f} s, wall {wall:.1f} s, peak RSS {usage.ru_maxrss / 1024:.0f} MiB,"
        f" exit {child.returncode}"
    )
    return output


def section(report: str, title: str) -> str:
    """The report.md section (``#`` heading and what follows) whose heading holds ``title``."""
    match = re.search(
        rf"^(#+) [^\n]*{re.escape(title)}[^\n]*\n.*?(?=^#{{1,3}} |\Z)", report, re.M | re.S
    )
    return match.group(0).rstrip() + "\n" if match else f"(no section {title!r})\n"


def synthetic(cables: int, top: int) -> int:
    """Library timings on a made-up store of ``cables`` cables."""
    started = time.perf_counter()
    store = synthetic_store(cables)
    print(
        f"synthetic store: {cables} cables, {len(store)} quads, "
        f"{time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    analysis = analyze(store, AnalyticsConfig())
    written = write_back(store, analysis, ID, AnalyticsConfig().write_back_measures)
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for result in analysis.results.values():
        times = ", ".join(f"{k} {v:.2f}" for k, v in result.seconds.items())
        print(f"{result.name}: {len(result.graph)} nodes, {result.graph.size()} edges; s: {times}")
    print(f"analyze + write-back ({written} triples): {seconds:.1f} s; peak RSS {peak_mib:.0f} MiB")
    for row in top_rows(analysis.results["comention"], "pagerank", top):
        print(f"{row['rank']:>3} {row['label'][:40]:40} {row['type']:15} {row['pagerank']:.5f}")
    started = time.perf_counter()
    html = render_view(store, ViewerConfig(top=500))
    print(f"\nviewer top 500: {len(html) // 1024} KiB in {time.perf_counter() - started:.1f} s")
    if find_chromium() is None:
        print("no chromium: stabilisation time not measured")
        return 0
    page = Path("output") / "benchmark_synthetic.html"
    page.parent.mkdir(exist_ok=True)
    page.write_text(html, encoding="utf-8")
    check = check_page(page, screenshot=page.with_suffix(".png"), timeout=300)
    print(
        f"chromium: {check.nodes} nodes, {check.edges} edges, stabilised in "
        f"{check.stabilized_ms} ms, console errors {check.console_errors}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
