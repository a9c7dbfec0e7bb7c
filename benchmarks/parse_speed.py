"""Print parse throughput on the 6,712-cable archive, beside the time merely to read it.

One process, one core, one run of each step over ``../shared/corpus/cablegate-html-6712.tar.xz``:

1. floor   — decompress the archive and read every member's bytes (``kg.sources.iter_members``);
2. sources — the same plus decoding and format detection (``kg.sources.iter_sources``);
3. parse   — read and parse every cable (``kg.read_cables``: sources + ``kg.parse.parse_raw``).

Then cables/s, the ratio parse/floor, and the peak resident memory of the process.
Run from the project root::

    .venv/bin/python benchmarks/parse_speed.py [ARCHIVE]
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from kg import read_cables
from kg.config import SourcesConfig
from kg.model import Reject
from kg.sources import iter_members, iter_sources

PROJECT = Path(__file__).resolve().parent.parent
CORPUS_6712 = PROJECT.parent / "shared" / "corpus" / "cablegate-html-6712.tar.xz"


def _timed(step: Callable[[], Iterable[object]]) -> tuple[float, int, int]:
    """Seconds, items, and rejects of one full pass over ``step()``."""
    start = time.perf_counter()
    items = rejects = 0
    for item in step():
        items += 1
        rejects += isinstance(item, Reject)
    return time.perf_counter() - start, items, rejects


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(archive: Path = CORPUS_6712) -> int:
    """Run the three passes and print the figures."""
    if not archive.exists():
        print(f"parse_speed: {archive} is absent (needs ../shared beside the project)")
        return 2
    if hasattr(os, "sched_setaffinity"):
        # One core, as the figure claims, whatever else the machine runs.
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    config = SourcesConfig()
    print(f"archive: {archive.name} ({archive.stat().st_size / 1e6:.1f} MB packed), one core")
    floor, members, _ = _timed(lambda: iter_members(archive, config=config))
    print(
        f"floor   (decompress + read):     {floor:7.2f} s  {members} members  "
        f"{members / floor:8.0f} members/s   peak RSS {_peak_rss_mb():.0f} MB"
    )
    sources, raws, _ = _timed(lambda: iter_sources(archive, config=config))
    print(
        f"sources (+ decode + detect):     {sources:7.2f} s  {raws} texts    "
        f"{raws / sources:8.0f} texts/s     peak RSS {_peak_rss_mb():.0f} MB"
    )
    parse, items, rejects = _timed(lambda: read_cables(archive))
    cables = items - rejects
    print(
        f"parse   (read + parse_raw):      {parse:7.2f} s  {cables} cables, {rejects} rejects  "
        f"{items / parse:8.0f} cables/s   peak RSS {_peak_rss_mb():.0f} MB"
    )
    print(
        f"ratio parse / floor: {parse / floor:.1f}x   (parsing alone ≈ {parse - sources:.2f} s, "
        f"{items / max(parse - sources, 1e-9):.0f} cables/s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS_6712))
