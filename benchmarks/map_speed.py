"""Print the mapping stage's CPU cost per real cable, and a digest of its output.

Parses and extracts the first N cables (default 500) of
``../shared/corpus/cablegate-html-6712.tar.xz`` (or of ``--source PATH``, any source
:func:`kg.read_cables` reads, such as a tar of cables) first, untimed, with the default
extractors, and loads the per-process tables (the mapper's own caches start cold); then
times ``list(cable_quads(cable, DEFAULT_BASE))`` and ``pyoxigraph.serialize`` to N-Quads
(what :func:`kg.work._map_cable` does) over all the cables with ``time.process_time``,
and prints CPU ms/cable, quads/cable and µs/quad. The SHA-256 of all N-Quads lines, sorted, is
printed too, so a faster mapper can be checked to give the same quads.

Options:

``--profile``
    run the timed loop under cProfile and print the top functions by own time;
``--cache PATH``
    keep the extracted cables in a pickle at PATH (read it if it exists, else write
    it): the mapper is then measured and digested on the very same cables, whatever
    the parser and extractors do meanwhile;
``--dump PATH``
    write the sorted N-Quads lines to PATH, to compare two mappers' outputs line by line;
``--rounds K``
    map the cables K times (caches warm after the first) and print the best round too.

Run from the project root::

    .venv/bin/python benchmarks/map_speed.py [N] [--source PATH] [--cache PATH]
        [--dump PATH] [--rounds K] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import itertools
import pickle
import pstats
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from kg import read_cables
from kg.extract import extract_cable
from kg.mapping import DEFAULT_BASE, cable_quads
from kg.mapping.labels import city_of_key, reference_facts
from kg.mapping.tables import tag_codes
from kg.model import Cable

PROJECT = Path(__file__).resolve().parent.parent
CORPUS_6712 = PROJECT.parent / "shared" / "corpus" / "cablegate-html-6712.tar.xz"


def _map(cables: list[Cable]) -> tuple[float, int, list[bytes]]:
    """Map and serialize every cable; return CPU seconds, quads and the N-Quads blobs."""
    quads, blobs = 0, []
    # one clock around the loop: a process_time call costs ~0.4 ms on some VMs (a syscall),
    # as much as a cable's mapping, and half of it would land in each cable's window
    start = time.process_time()
    for cable in cables:
        mapped = list(cable_quads(cable, DEFAULT_BASE))
        blobs.append(ox.serialize(mapped, format=ox.RdfFormat.N_QUADS) or b"")
        quads += len(mapped)
    return time.process_time() - start, quads, blobs


def _cables(source: Path, count: int, cache: Path | None) -> list[Cable]:
    """The first ``count`` cables of ``source``, parsed and extracted (or read from ``cache``)."""
    if cache is not None and cache.exists():
        with cache.open("rb") as handle:
            cables: list[Cable] = pickle.load(handle)  # noqa: S301 - our own file
        return cables[:count]
    read = itertools.islice(read_cables(source), count)
    cables = [extract_cable(c) for c in read if isinstance(c, Cable)]
    if cache is not None:
        with cache.open("wb") as handle:
            pickle.dump(cables, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return cables


def main(argv: list[str] | None = None) -> int:
    """Parse and extract the cables, time their mapping, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("count", nargs="?", type=int, default=500)
    parser.add_argument("--source", type=Path, default=CORPUS_6712)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    if not args.source.exists() and not (args.cache and args.cache.exists()):
        print(f"map_speed: {args.source} is absent (needs ../shared beside the project)")
        return 2
    cables = _cables(args.source, args.count, args.cache)
    # the per-process tables load once, untimed; the description caches start cold
    reference_facts(), city_of_key("place/almaty"), tag_codes()
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
    cpu, quads, blobs = _map(cables)
    best = cpu
    for _ in range(args.rounds - 1):
        best = min(best, _map(cables)[0])
    if args.profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    lines = sorted(line for blob in blobs for line in blob.splitlines())
    digest = hashlib.sha256(b"\n".join(lines)).hexdigest()
    print(
        f"map CPU over {len(cables)} cables: {cpu * 1000 / len(cables):.2f} ms/cable, "
        f"{quads / len(cables):.0f} quads/cable, {cpu * 1e6 / quads:.2f} µs/quad"
    )
    if args.rounds > 1:
        print(f"best of {args.rounds} rounds: {best * 1000 / len(cables):.2f} ms/cable")
    print(f"sorted N-Quads sha256: {digest} ({len(lines)} lines)")
    if args.dump is not None:
        args.dump.write_bytes(b"\n".join(lines) + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
