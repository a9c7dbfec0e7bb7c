"""Print the mapping stage's CPU cost per real cable, and a digest of its output.

Parses and extracts the first N cables (default 500) of
``../shared/corpus/cablegate-html-6712.tar.xz`` first, untimed, and loads the per-process
tables (the mapper's own caches start cold); then times, per cable,
``list(cable_quads(cable, DEFAULT_BASE))`` and ``pyoxigraph.serialize`` to N-Quads (what
:func:`kg.work._map_cable` does) with ``time.process_time``, and prints CPU ms/cable,
quads/cable and µs/quad. The SHA-256 of all N-Quads lines, sorted, is printed too, so a
faster mapper can be checked to give the same quads. ``--profile`` runs the timed loop
under cProfile and prints the top functions by own time.

Run from the project root::

    .venv/bin/python benchmarks/map_speed.py [N] [--profile]
"""

from __future__ import annotations

import cProfile
import hashlib
import itertools
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
    cpu, quads, blobs = 0.0, 0, []
    for cable in cables:
        start = time.process_time()
        mapped = list(cable_quads(cable, DEFAULT_BASE))
        data = ox.serialize(mapped, format=ox.RdfFormat.N_QUADS) or b""
        cpu += time.process_time() - start
        quads += len(mapped)
        blobs.append(data)
    return cpu, quads, blobs


def main(count: int = 500, profile: bool = False) -> int:
    """Parse and extract ``count`` cables, time their mapping, print the figures."""
    if not CORPUS_6712.exists():
        print(f"map_speed: {CORPUS_6712} is absent (needs ../shared beside the project)")
        return 2
    read = itertools.islice(read_cables(CORPUS_6712), count)
    cables = [extract_cable(c) for c in read if isinstance(c, Cable)]
    # the per-process tables load once, untimed; the description caches start cold
    reference_facts(), city_of_key("place/almaty"), tag_codes()
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
    cpu, quads, blobs = _map(cables)
    if profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    lines = sorted(line for blob in blobs for line in blob.splitlines())
    digest = hashlib.sha256(b"\n".join(lines)).hexdigest()
    print(
        f"map CPU over {len(cables)} cables: {cpu * 1000 / len(cables):.2f} ms/cable, "
        f"{quads / len(cables):.0f} quads/cable, {cpu * 1e6 / quads:.2f} µs/quad"
    )
    print(f"sorted N-Quads sha256: {digest} ({len(lines)} lines)")
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.exit(main(int(args[0]) if args else 500, "--profile" in sys.argv))
