"""Print parse throughput on the 6,712-cable archive, beside the time merely to read it.

One process, one core, one run of each step over ``../shared/corpus/cablegate-html-6712.tar.xz``:

1. floor   — decompress the archive and read every member's bytes (``kg.sources.iter_members``);
2. sources — the same plus decoding and format detection (``kg.sources.iter_sources``);
3. parse   — read and parse every cable (``kg.read_cables``: sources + ``kg.parse.parse_raw``).

Each step prints wall and CPU seconds (CPU is the steadier figure on a shared machine),
then cables/s, the ratio parse/floor, and the peak resident memory of the process.
Run from the project root::

    .venv/bin/python benchmarks/parse_speed.py [ARCHIVE]

``--digest [ARCHIVE ...]`` instead prints, for each archive (default: the three under
``../shared/corpus``), a SHA-256 over what the sources yield (every RawCable and Reject)
and one over what the parser makes of it (every Cable and Reject as ``dataclasses.asdict``
JSON with sorted keys). A speed-up of the reader or the parser must leave both unchanged.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import resource
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kg import read_cables
from kg.config import SourcesConfig
from kg.model import Reject
from kg.sources import iter_members, iter_sources

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT.parent / "shared" / "corpus"
CORPUS_6712 = CORPUS / "cablegate-html-6712.tar.xz"
DIGEST_ARCHIVES = (
    CORPUS_6712,
    CORPUS / "cablegate-html-2010-12-22-snapshot-1869.tar.xz",
    CORPUS / "body-only-3043.tar.xz",
)


@dataclass(frozen=True)
class Pass:
    """One full pass: wall and CPU seconds, items and rejects seen."""

    wall: float
    cpu: float
    items: int
    rejects: int


def _timed(step: Callable[[], Iterable[object]]) -> Pass:
    wall, cpu = time.perf_counter(), time.process_time()
    items = rejects = 0
    for item in step():
        items += 1
        rejects += isinstance(item, Reject)
    return Pass(time.perf_counter() - wall, time.process_time() - cpu, items, rejects)


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _line(label: str, run: Pass, unit: str) -> str:
    return (
        f"{label:30s} wall {run.wall:6.2f} s  cpu {run.cpu:6.2f} s  {run.items} {unit:8s}"
        f"{run.items / run.cpu:7.0f} {unit}/s (cpu)   peak RSS {_peak_rss_mb():.0f} MB"
    )


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
    print(f"load average before: {os.getloadavg()[0]:.1f} (cpu seconds are the steadier figure)")
    floor = _timed(lambda: iter_members(archive, config=config))
    print(_line("floor   (decompress + read)", floor, "members"))
    sources = _timed(lambda: iter_sources(archive, config=config))
    print(_line("sources (+ decode + detect)", sources, "texts"))
    parse = _timed(lambda: read_cables(archive))
    print(_line("parse   (read + parse_raw)", parse, "cables"))
    print(f"  {parse.items - parse.rejects} cables, {parse.rejects} rejects")
    alone = max(parse.cpu - sources.cpu, 1e-9)
    print(
        f"ratio parse / floor: {parse.cpu / floor.cpu:.1f}x cpu, "
        f"{parse.wall / floor.wall:.1f}x wall   "
        f"(parsing alone ≈ {alone:.2f} cpu s, {parse.items / alone:.0f} cables/s)"
    )
    return 0


def _digest(items: Iterable[object]) -> tuple[str, int]:
    """SHA-256 over the sorted-key JSON of each dataclass item, in order; and the count."""
    sha = hashlib.sha256()
    count = 0
    for item in items:
        record = {"type": type(item).__name__, **dataclasses.asdict(item)}  # type: ignore[call-overload]
        sha.update(json.dumps(record, sort_keys=True, ensure_ascii=False).encode())
        sha.update(b"\n")
        count += 1
    return sha.hexdigest(), count


def digests(archives: Iterable[Path]) -> int:
    """Print the sources and parse digests of each archive."""
    config = SourcesConfig()
    for archive in archives:
        if not archive.exists():
            print(f"parse_speed: {archive} is absent (needs ../shared beside the project)")
            return 2
        sources, count = _digest(iter_sources(archive, config=config))
        parsed, _ = _digest(read_cables(archive))
        print(f"{archive.name}: {count} items")
        print(f"  sources {sources}")
        print(f"  parse   {parsed}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--digest"]:
        sys.exit(digests([Path(a) for a in sys.argv[2:]] or DIGEST_ARCHIVES))
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS_6712))
