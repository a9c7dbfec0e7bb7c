"""Print the extraction stage's throughput on the first cables of the 6,712 archive.

Parses the first N cables (default 500) of ``../shared/corpus/cablegate-html-6712.tar.xz``
with ``kg.read_cables`` first, untimed, then times ``kg.extract.extract_cable`` alone over
them on one core, in wall-clock and in CPU time (the gazetteer is loaded before the clock
starts: it is loaded once per process in a build). Also prints how many of those cables
have no parsed paragraphs (the extractors then read the body's numbered paragraphs).

Run from the project root::

    .venv/bin/python benchmarks/extract_speed.py [N]
"""

from __future__ import annotations

import itertools
import sys
import time
from collections import Counter
from pathlib import Path

from kg import read_cables
from kg.extract import extract_cable, load_gazetteer
from kg.model import Cable

PROJECT = Path(__file__).resolve().parent.parent
CORPUS_6712 = PROJECT.parent / "shared" / "corpus" / "cablegate-html-6712.tar.xz"


def main(count: int = 500) -> int:
    """Parse ``count`` cables, time their extraction, print cables/s and entity counts."""
    if not CORPUS_6712.exists():
        print(f"extract_speed: {CORPUS_6712} is absent (needs ../shared beside the project)")
        return 2
    cables = [c for c in itertools.islice(read_cables(CORPUS_6712), count) if isinstance(c, Cable)]
    start = time.perf_counter()
    load_gazetteer()
    # The first cable compiles the patterns the extractors build lazily (once a process).
    extract_cable(cables[0])
    loaded = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    types: Counter[str] = Counter()
    events = 0
    for cable in cables:
        extract_cable(cable)
        types.update({m.entity.key: m.entity.type for m in cable.mentions}.values())
        events += len(cable.events)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    empty = sum(1 for c in cables if not c.paragraphs)
    print(f"gazetteer load and pattern compilation: {loaded:.2f} s (once per process)")
    print(
        f"extract: {len(cables)} cables in {elapsed:.2f} s wall = {len(cables) / elapsed:.0f} "
        f"cables/s; {cpu:.2f} s CPU = {len(cables) / cpu:.0f} cables/s per CPU second (one "
        f"core; the CPU figure holds when other processes share the machine); {empty} "
        "without parsed paragraphs"
    )
    print("entities per type:", dict(sorted(types.items())), "events:", events)
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 500))
