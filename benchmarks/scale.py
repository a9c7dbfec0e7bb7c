"""Print the scale figures of issue #6 in one run: the whole 6,712-cable build on this
machine beside its decompress-and-read floor (and the store's bulk load of its quads
alone), the mapping stage against plain rdflib, an incremental re-run, one changed cable,
Dask against the local engine, and synthetic corpora of growing size.

Every ``kg`` command runs as a child process, timed by wall clock; its peak memory is the
largest resident set of any process in its tree (``os.wait4`` → ``ru_maxrss``, what
``getrusage(RUSAGE_CHILDREN)`` reports) and, beside it, the peak of the sum over the tree
sampled every 0.2 s with psutil (forked workers share pages, so the sum overstates).
The machine is shared: CPU seconds of the tree are printed too. Outputs go to a temporary
folder that is removed afterwards. Run from the project root::

    .venv/bin/python benchmarks/scale.py                        # everything, synthetic 10k 50k
    .venv/bin/python benchmarks/scale.py --synth 10000 50000 250000
    .venv/bin/python benchmarks/scale.py --only mapping         # one section
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
CORPUS_6712 = PROJECT.parent / "shared" / "corpus" / "cablegate-html-6712.tar.xz"
KG = [sys.executable, "-m", "kg"]
SECTIONS = ("floor", "full", "store", "incremental", "changed", "dask", "mapping", "synth")


def run(command: list[str], label: str) -> dict[str, float]:
    """Run ``command``; print and return wall s, CPU s, peak RSS MiB (largest, tree sum).

    ``kg build`` exits 1 when SHACL finds violations; a build that wrote its report is
    still a finished build (the report's count is printed).
    """
    started_at = time.time()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, text=True)
    peak_sum = _sample_tree(process.pid)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    output = process.stdout.read() if process.stdout else ""
    wall = time.perf_counter() - start
    figures = {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "rss_mib": usage.ru_maxrss / 1024,
        "rss_sum_mib": peak_sum.get("peak", 0.0) / 2**20,
    }
    report = (
        Path(command[command.index("--out") + 1]) / "build-report.json"
        if "build" in command
        else None
    )
    finished = report is not None and report.exists() and report.stat().st_mtime >= started_at
    if process.returncode != 0 and not (process.returncode == 1 and finished):
        raise SystemExit(f"{label}: `{' '.join(command)}` failed ({process.returncode})")
    print(
        f"  {label:<34} {wall:8.1f} s wall {figures['cpu_s']:8.1f} s CPU "
        f"{figures['rss_mib']:7.0f} MiB peak ({figures['rss_sum_mib']:.0f} MiB tree sum)"
        + (f"  | {output.strip().splitlines()[-1][:90]}" if output.strip() else ""),
        flush=True,
    )
    return figures


def _sample_tree(pid: int) -> dict[str, float]:
    found = {"peak": 0.0}
    try:
        import psutil
    except ImportError:
        return found

    def sample() -> None:
        try:
            root = psutil.Process(pid)
            while root.is_running() and root.status() != psutil.STATUS_ZOMBIE:
                total = 0
                for proc in [root, *root.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        total += proc.memory_info().rss
                found["peak"] = max(found["peak"], float(total))
                time.sleep(0.2)
        except psutil.Error:
            pass

    threading.Thread(target=sample, daemon=True).start()
    return found


def floor(archive: Path) -> float:
    """Decompress and read every member (the sources' reader, no decoding): the floor."""
    from kg.config import SourcesConfig
    from kg.sources import iter_members

    start = time.perf_counter()
    members = sum(1 for _ in iter_members(str(archive), config=SourcesConfig()))
    seconds = time.perf_counter() - start
    print(f"  decompress-and-read floor          {seconds:8.1f} s wall ({members} members)")
    return seconds


def build_command(archive: Path, out: Path, *extra: str) -> list[str]:
    return [*KG, "build", str(archive), "--out", str(out), "--no-progress", *extra]


def in_child(function: Any, *args: Any) -> Any:
    """Run ``function(*args)`` in a spawned process and return its result.

    Reading a whole store grows this process; a child forked from it afterwards starts
    with that size as its ``ru_maxrss`` (Linux keeps the high-water mark across exec),
    so the digests are computed elsewhere to keep the next command's peak its own.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        return pool.submit(function, *args).result()


def graph_digests(store_path: Path) -> dict[str, str]:
    """A digest of every graph of a store ('' = default), from its N-Quads lines."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_path))
    digests: dict[str, Any] = defaultdict(list)
    for quad in store:
        digests[getattr(quad.graph_name, "value", "")].append(str(quad))
    return {
        g: hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()
        for g, lines in digests.items()
    }


def sorted_nquads_digest(store_path: Path, folder: Path) -> tuple[str, int]:
    """Dump a store as N-Quads, sort the lines with LC_ALL=C sort; return digest and lines."""
    import pyoxigraph as ox

    dump = folder / f"{store_path.parent.name}.nq"
    ox.Store.read_only(str(store_path)).dump(str(dump), ox.RdfFormat.N_QUADS)
    ordered = dump.with_suffix(".sorted.nq")
    subprocess.run(
        ["sort", "-S", "256M", "-T", str(folder), "-o", str(ordered), str(dump)],
        check=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    digest = hashlib.sha256()
    lines = 0
    with ordered.open("rb") as handle:
        for line in handle:
            digest.update(line)
            lines += 1
    dump.unlink()
    ordered.unlink()
    return digest.hexdigest(), lines


def built_quads(store_path: Path) -> Any:
    """The quads of a built store but the analytics write-back: what the build loaded."""
    import pyoxigraph as ox

    return (
        q for q in ox.Store.read_only(str(store_path)) if "/analytics/" not in str(q.graph_name)
    )


def store_load_alone(store_path: Path, folder: Path) -> dict[str, float]:
    """Load a built store's quads (but the analytics write-back) into a fresh on-disk
    store as the build does, in chunks of the build's size; return CPU and wall seconds.

    The part of the cable stage that is Oxigraph's alone, whatever Python does around it.
    """
    import pyoxigraph as ox

    from kg.loading import LOAD_BYTES
    from kg.store import OxigraphStore

    dump = folder / "load-alone.nq"
    with dump.open("wb") as handle:
        ox.serialize(built_quads(store_path), handle, ox.RdfFormat.N_QUADS)
    store = OxigraphStore(folder / "load-alone")
    cpu, wall = time.process_time(), time.perf_counter()
    with dump.open("rb") as handle:
        while chunk := handle.read(LOAD_BYTES):
            store.load_nquads(chunk + handle.readline())
    figures = {"cpu_s": time.process_time() - cpu, "wall_s": time.perf_counter() - wall}
    figures["quads"] = len(store)
    store.close()
    dump.unlink()
    shutil.rmtree(folder / "load-alone")
    return figures


def streamed_turtle_check(out: Path) -> tuple[int, int]:
    """The distinct triples of a build's ``graph.ttl`` and of its store but the analytics
    write-back (what the file holds): equal when the file is right."""
    import pyoxigraph as ox

    held = ox.Store()
    held.bulk_load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    stored = ox.Store()
    stored.bulk_extend(ox.Quad(*q.triple) for q in built_quads(out / "store"))
    return len(held), len(stored)


def with_one_cable_changed(archive: Path, target: Path) -> str:
    """Write ``archive`` as a plain tar with one cable's body changed; return its id."""
    changed = ""
    with tarfile.open(archive, "r|xz") as source, tarfile.open(target, "w") as sink:
        for member in source:
            handle = source.extractfile(member) if member.isfile() else None
            data = handle.read() if handle is not None else b""
            if not changed and b"<pre>" in data and member.name.endswith(".html"):
                data = data.replace(b"<pre>", b"<pre>A SENTENCE ADDED FOR THE BENCHMARK.\n", 1)
                changed = Path(member.name).stem
                member.size = len(data)
            if handle is not None:
                sink.addfile(member, io.BytesIO(data))
            else:
                sink.addfile(member)
    return changed


def mapping_ratio(count: int) -> None:
    """Map ``count`` parsed and extracted cables both ways; print seconds and the ratio."""
    import itertools

    import pyoxigraph as ox
    import rdflib

    from kg.config import Config
    from kg.extract import extract_cable
    from kg.mapping import cable_quads
    from kg.model import RawCable
    from kg.parse import parse_raw
    from kg.sources import iter_sources
    from kg.store import rdflib_term

    extractors = list(Config().extract.extractors)
    raws = itertools.islice(
        (r for r in iter_sources(str(CORPUS_6712)) if isinstance(r, RawCable)), count
    )
    cables = [extract_cable(parse_raw(raw), extractors) for raw in raws]
    start = time.perf_counter()
    quads = 0
    for cable in cables:
        items = list(cable_quads(cable))
        quads += len(items)
        ox.serialize(items, format=ox.RdfFormat.N_QUADS)
    ours = time.perf_counter() - start
    plain = [[(q.subject, q.predicate, q.object) for q in cable_quads(c)] for c in cables]
    start = time.perf_counter()
    for triples in plain:
        graph = rdflib.Graph()
        for s, p, o in triples:
            graph.add((rdflib_term(s), rdflib_term(p), rdflib_term(o)))
        graph.serialize(format="turtle")
    theirs = time.perf_counter() - start
    print(
        f"  mapping {count} cables, {quads} quads: kg.mapping → N-Quads {ours:.2f} s, "
        f"rdflib Graph → Turtle {theirs:.2f} s: {theirs / ours:.1f}x",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the sections asked for; print one line per figure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="engine.workers (default 2)")
    parser.add_argument("--synth", type=int, nargs="*", default=[10_000, 50_000])
    parser.add_argument("--only", choices=SECTIONS, action="append", help="only these sections")
    parser.add_argument("--mapping-cables", type=int, default=500)
    parser.add_argument(
        "--synth-no-extract",
        action="store_true",
        help="build the synthetic corpora without extractors (engine and store scaling alone)",
    )
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it")
    args = parser.parse_args(argv)
    sections = set(args.only or SECTIONS)
    if not CORPUS_6712.exists() and sections - {"synth", "mapping"}:
        print(f"needs {CORPUS_6712} (the shared data beside the project)", file=sys.stderr)
        return 2
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kg-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    workers = ["--workers", str(args.workers)]
    print(f"cablegraph scale benchmark: {os.cpu_count()} cores, workers={args.workers}")
    try:
        out = folder / "full"
        if "floor" in sections:
            print("6,712 real cables")
            floor_s = floor(CORPUS_6712)
        if "full" in sections:
            steps = [run(build_command(CORPUS_6712, out, "--full", *workers), "kg build (full)")]
            _print_stages(out)
            wall = steps[0]["wall_s"]
            ratio = f", {wall / floor_s:.1f}x the floor" if "floor" in sections else ""
            print(
                "  full build (parse, extract, map, store, validate, analyze, view, Turtle) "
                f"{wall:.1f} s wall, {steps[0]['rss_mib']:.0f} MiB{ratio}"
            )
            if "store" in sections:
                load = in_child(store_load_alone, out / "store", folder)
                budget = (
                    f"; 8x the floor is {8 * floor_s:.1f} s wall" if "floor" in sections else ""
                )
                print(
                    f"  the store's bulk load alone          {load['wall_s']:.1f} s wall, "
                    f"{load['cpu_s']:.1f} s CPU ({load['quads']:,.0f} quads){budget}"
                )
            if "incremental" in sections:
                again = run(build_command(CORPUS_6712, out, *workers), "kg build (unchanged)")
                share = again["wall_s"] / steps[0]["wall_s"]
                print(f"  incremental re-run / full build    {share:.1%}")
            if "changed" in sections:
                before = in_child(graph_digests, out / "store")
                changed_tar = folder / "one-changed.tar"
                cable_id = with_one_cable_changed(CORPUS_6712, changed_tar)
                run(build_command(changed_tar, out, *workers), f"kg build (changed {cable_id})")
                after = in_child(graph_digests, out / "store")
                differ = sorted(
                    g for g in set(before) | set(after) if before.get(g) != after.get(g)
                )
                named = [g.rsplit("/", 1)[-1] for g in differ if g]
                print(f"  graphs that changed: named {named}, default {'' in differ}")
                held, stored = in_child(streamed_turtle_check, out)
                same = "identical" if held == stored else "DIFFERENT"
                print(f"  patched graph.ttl vs the store: {same} ({held:,} vs {stored:,} triples)")
                changed_tar.unlink()
        if "dask" in sections:
            # the cable stage alone on both engines: analytics and validation are not theirs
            stage = ("--full", "--no-validate", "--no-analyze", "--no-view", *workers)
            local_out = folder / "local"
            run(build_command(CORPUS_6712, local_out, *stage), "kg build (local)")
            local = in_child(sorted_nquads_digest, local_out / "store", folder)
            shutil.rmtree(local_out)
            dask_out = folder / "dask"
            run(
                build_command(CORPUS_6712, dask_out, *stage, "--engine", "dask"),
                "kg build --engine dask",
            )
            remote = in_child(sorted_nquads_digest, dask_out / "store", folder)
            same = "identical" if local == remote else "DIFFERENT"
            print(f"  dask vs local sorted N-Quads: {same} ({local[1]} vs {remote[1]} lines)")
            shutil.rmtree(dask_out)
        if "mapping" in sections:
            mapping_ratio(args.mapping_cables)
        if "synth" in sections and args.synth:
            extracting = "no extractors" if args.synth_no_extract else "all extractors"
            print(
                "synthetic cables (kg synth, seed 1): kg build --full --no-validate, "
                f"no exports, {extracting}"
            )
            rows = []
            for count in args.synth:
                archive = folder / f"synth-{count}.tar"
                run(
                    [*KG, "synth", "--count", str(count), "--out", str(archive), "--seed", "1"],
                    f"kg synth {count}",
                )
                figures = run(
                    [
                        *build_command(
                            archive, folder / f"synth-{count}", "--full", "--no-validate", *workers
                        ),
                        "--config",
                        str(_no_exports(folder, extract=not args.synth_no_extract)),
                    ],
                    f"kg build {count}",
                )
                rows.append((count, figures))
                _print_stages(folder / f"synth-{count}")
                archive.unlink()
                shutil.rmtree(folder / f"synth-{count}")
            base_count, base = rows[0]
            for count, figures in rows[1:]:
                per = (figures["wall_s"] / count) / (base["wall_s"] / base_count)
                cpu = (figures["cpu_s"] / count) / (base["cpu_s"] / base_count)
                print(
                    f"  {count} vs {base_count}: wall per cable {per:.2f}x, CPU per cable "
                    f"{cpu:.2f}x, peak RSS {figures['rss_mib'] / base['rss_mib']:.2f}x"
                )
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


def _print_stages(out: Path) -> None:
    """Print the stage timings of the build in ``out`` (its build-report.json)."""
    import json

    timings = json.loads((out / "build-report.json").read_text())["timings_s"]
    # parse, extract and map are summed over the workers; the rest is the driver's wall
    print("  stages: " + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()))


def _no_exports(folder: Path, extract: bool) -> Path:
    config = folder / "no-exports.yaml"
    # the cable stage: analytics and the viewer hold their projection in memory, which
    # grows with the graph by nature
    text = "build:\n  exports: []\n  analyze: false\n  view: false\n" + (
        "" if extract else "extract:\n  extractors: []\n"
    )
    config.write_text(text, encoding="utf-8")
    return config


if __name__ == "__main__":
    sys.exit(main())
