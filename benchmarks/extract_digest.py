"""Print one digest of everything extraction finds in a fixed sample of real cables.

A guard for speed work on :mod:`kg.extract` and :mod:`kg.link`: the digest must not change
when only the speed does. The sample is every cable of ``/tmp/sub/sub1000.tar`` (when
present) plus the first ``--more`` cables (default 1,000) of
``../shared/corpus/cablegate-html-6712.tar.xz`` not already in it, and the first
``--body`` cables (default 300) of ``../shared/corpus/body-only-3043.tar.xz``.

Every mention (text, paragraph, span, entity key, type, label, alt labels, attributes) and
every event (all fields) of every cable is written as one canonical JSON line, in cable
order; the lines are hashed with SHA-256 and a digest per extractor type is printed too, so
a change can be traced to its extractor.

Parsing is not what this guards, and the parser changes under its own work: ``--cache PATH``
pickles the parsed cables on the first run and reads them back on later runs, so the
extraction input stays fixed. ``--dump PATH`` writes the JSON lines, to diff two runs.

Run from the project root::

    .venv/bin/python benchmarks/extract_digest.py [--cache /tmp/x/parsed.pkl] [--dump FILE]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import itertools
import json
import pickle
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from kg import read_cables
from kg.extract import extract_cable
from kg.model import Cable

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT.parent / "shared" / "corpus"
SUB1000 = Path("/tmp/sub/sub1000.tar")


def sample(more: int, body: int) -> list[Cable]:
    """Parse the sample: sub1000, ``more`` other cables of the 6,712 archive, ``body`` bodies."""
    cables: list[Cable] = []
    if SUB1000.exists():
        cables.extend(c for c in read_cables(SUB1000) if isinstance(c, Cable))
    seen = {c.canonical_id for c in cables}
    fresh = (
        c
        for c in read_cables(CORPUS / "cablegate-html-6712.tar.xz")
        if isinstance(c, Cable) and c.canonical_id not in seen
    )
    cables.extend(itertools.islice(fresh, more))
    bodies = (c for c in read_cables(CORPUS / "body-only-3043.tar.xz") if isinstance(c, Cable))
    cables.extend(itertools.islice(bodies, body))
    return cables


def cable_lines(cable: Cable) -> Iterator[tuple[str, str]]:
    """Yield ``(type, canonical JSON line)`` for each mention and event of ``cable``."""
    for mention in cable.mentions:
        entity = mention.entity
        record = [
            "mention",
            cable.canonical_id,
            mention.text,
            mention.paragraph,
            mention.start,
            mention.end,
            entity.key,
            entity.type,
            entity.label,
            entity.alt_labels,
            entity.attributes,
        ]
        yield entity.type, json.dumps(record, sort_keys=True, default=repr)
    for event in cable.events:
        record = ["event", cable.canonical_id, dataclasses.asdict(event)]
        yield "event", json.dumps(record, sort_keys=True, default=repr)


def main() -> int:
    """Extract the sample, print the digests; 2 if the corpus is absent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--more", type=int, default=1000)
    parser.add_argument("--body", type=int, default=300)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()
    if not (CORPUS / "cablegate-html-6712.tar.xz").exists():
        print(f"extract_digest: {CORPUS} is absent (needs ../shared beside the project)")
        return 2
    if args.cache and args.cache.exists():
        cables = pickle.loads(args.cache.read_bytes())
    else:
        cables = sample(args.more, args.body)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(cables))
    start = time.process_time()
    for cable in cables:
        extract_cable(cable)
    cpu = time.process_time() - start
    total = hashlib.sha256()
    by_type: dict[str, hashlib._Hash] = {}
    lines = 0
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for cable in cables:
        for type_, line in cable_lines(cable):
            data = (line + "\n").encode()
            total.update(data)
            by_type.setdefault(type_, hashlib.sha256()).update(data)
            lines += 1
            if dump:
                dump.write(line + "\n")
    if dump:
        dump.close()
    per_cable = 1000 * cpu / len(cables)
    print(f"{len(cables)} cables, {lines} lines, extract {per_cable:.2f} ms CPU/cable")
    for type_, digest in sorted(by_type.items()):
        print(f"  {type_:<13} {digest.hexdigest()[:16]}")
    print(f"digest {total.hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
