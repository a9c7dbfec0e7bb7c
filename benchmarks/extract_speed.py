"""Print the extraction stage's CPU cost per cable, per extractor, and the gazetteer load.

Parses the first N cables (default 500) of ``../shared/corpus/cablegate-html-6712.tar.xz``
with ``kg.read_cables`` first, untimed, then runs ``kg.extract.extract_cable`` over them on
one core and prints CPU milliseconds per cable (``time.process_time``: the figure holds
when other processes share the machine) for each registered extractor, for the rest of
``extract_cable`` (context, linking) and in all, plus wall-clock cables/s.

The gazetteer load (once per process in a build) is timed first, in CPU and wall seconds,
then the warm-up: what is built lazily (the automata of the place names and event
triggers), built as in a build by :func:`kg.work.prepare_worker`'s made-up cable, and the
first cable's extraction. ``--fresh`` loads without the on-disk gazetteer cache
(:mod:`kg.extract.gazetteer`), as a first run would.

The cables are then extracted with the cycle collector set as in a build's workers
(:mod:`kg.engine`): the loaded tables frozen out of its sight, a young collection every
20,000 allocations. With Python's defaults, each full collection walks the 600,000
objects of the tables (tens of milliseconds), and the one or two that fall within 500
cables land on whichever extractor is running: ±0.1 ms/cable of noise in the split.

Run from the project root::

    .venv/bin/python benchmarks/extract_speed.py [N] [--fresh]
"""

from __future__ import annotations

import gc
import itertools
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from kg import read_cables
from kg.collector import fewer_collections
from kg.engine import YOUNG_GC_THRESHOLD
from kg.extract import available, extract_cable, get, load_gazetteer, register
from kg.extract.context import ExtractContext
from kg.model import Cable, Event, Mention
from kg.work import WorkSettings, prepare_worker

PROJECT = Path(__file__).resolve().parent.parent
CORPUS_6712 = PROJECT.parent / "shared" / "corpus" / "cablegate-html-6712.tar.xz"


def _timed(name: str, cpu: dict[str, float]) -> None:
    """Re-register extractor ``name`` so that its CPU seconds add up in ``cpu[name]``."""
    extractor = get(name)

    def timed(cable: Cable, context: ExtractContext) -> tuple[list[Mention], list[Event]]:
        start = time.process_time()
        try:
            return extractor(cable, context)
        finally:
            cpu[name] += time.process_time() - start

    register(name)(timed)


def main(count: int = 500, fresh: bool = False) -> int:
    """Parse ``count`` cables, time their extraction, print CPU ms/cable per extractor."""
    if not CORPUS_6712.exists():
        print(f"extract_speed: {CORPUS_6712} is absent (needs ../shared beside the project)")
        return 2
    if fresh:  # an empty cache directory: the tables are built from their sources
        os.environ["KG_CACHE_DIR"] = tempfile.mkdtemp(prefix="kg-cache-")
    cables = [c for c in itertools.islice(read_cables(CORPUS_6712), count) if isinstance(c, Cable)]
    wall, cpu_start = time.perf_counter(), time.process_time()
    load_gazetteer()
    loaded_cpu, loaded_wall = time.process_time() - cpu_start, time.perf_counter() - wall
    prepare_worker(WorkSettings("http://example.org/", tuple(available())))
    extract_cable(cables[0])
    first_cpu = time.process_time() - cpu_start - loaded_cpu
    cpu = dict.fromkeys(available(), 0.0)
    for name in available():
        _timed(name, cpu)
    types: Counter[str] = Counter()
    events = 0
    gc.freeze()  # as kg.engine does once the tables are loaded, before its workers fork
    with fewer_collections(YOUNG_GC_THRESHOLD):
        wall, cpu_start = time.perf_counter(), time.process_time()
        for cable in cables:
            extract_cable(cable)
            types.update({m.entity.key: m.entity.type for m in cable.mentions}.values())
            events += len(cable.events)
        elapsed, total = time.perf_counter() - wall, time.process_time() - cpu_start
    gc.unfreeze()
    empty = sum(1 for c in cables if not c.paragraphs)
    print(
        f"gazetteer load: {loaded_cpu:.2f} s CPU, {loaded_wall:.2f} s wall "
        f"({'fresh, no cache' if fresh else 'cache as found'}); warm-up {first_cpu:.2f} s CPU"
    )
    print(f"extract CPU ms/cable over {len(cables)} cables ({empty} without parsed paragraphs):")
    for name in available():
        print(f"  {name:<14} {1000 * cpu[name] / len(cables):6.2f}")
    rest = total - sum(cpu.values())
    print(f"  {'context+link':<14} {1000 * rest / len(cables):6.2f}")
    print(f"  {'total':<14} {1000 * total / len(cables):6.2f}")
    print(f"wall: {len(cables) / elapsed:.0f} cables/s on one core")
    print("entities per type:", dict(sorted(types.items())), "events:", events)
    return 0


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.exit(main(int(arguments[0]) if arguments else 500, "--fresh" in sys.argv))
