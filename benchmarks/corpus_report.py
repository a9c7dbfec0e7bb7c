"""Print what the parser gets out of every shared corpus, per corpus and format.

For each corpus (the 6,712 pages, the 1,869 snapshot, the 3,043 body-only texts, the
163 fixtures, the seed) and each detected format: cables, and how many have a subject,
TAGS, references and a signer; then the rejects of the corpus grouped by reason
(numbers and quoted values folded, so alike reasons count together). Run from the
project root::

    .venv/bin/python benchmarks/corpus_report.py [--examples N]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from kg import read_cables
from kg.model import Reject

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT.parent / "shared" / "corpus"
FIXTURES = CORPUS / "fixtures"
CORPORA: dict[str, list[Path]] = {
    "6712 pages": [CORPUS / "cablegate-html-6712.tar.xz"],
    "1869 snapshot": [CORPUS / "cablegate-html-2010-12-22-snapshot-1869.tar.xz"],
    "3043 body-only": [CORPUS / "body-only-3043.tar.xz"],
    # The folders, not INDEX.csv beside them (it describes the fixtures; it is no cable).
    "163 fixtures": sorted(p for p in FIXTURES.iterdir() if p.is_dir())
    if FIXTURES.exists()
    else [],
    "seed": [PROJECT / "examples" / "07ASTANA367-blog-copy.txt"],
}
COLUMNS = ("cables", "subject", "tags", "references", "signer")
_QUOTED = re.compile(r"`[^`]*`|'[^']*'|\"[^\"]*\"")
_NUMBER = re.compile(r"\d+")


def reason_key(reason: str) -> str:
    """Fold the specifics out of a reject reason so alike reasons group together.

    Examples
    --------
    >>> reason_key("line 1 is 52428800 characters long; limit 1000000")
    'line N is N characters long; limit N'
    """
    return _NUMBER.sub("N", _QUOTED.sub("…", reason))[:110]


def report_corpus(label: str, paths: list[Path], examples: int) -> None:
    """Print the rows of one corpus."""
    if not paths or not all(path.exists() for path in paths):
        print(f"{label}: absent (needs ../shared beside the project)\n")
        return
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    rejects: Counter[str] = Counter()
    samples: dict[str, list[Reject]] = defaultdict(list)
    start = time.perf_counter()
    for item in read_cables(*paths):
        if isinstance(item, Reject):
            key = reason_key(item.reason)
            rejects[key] += 1
            if len(samples[key]) < examples:
                samples[key].append(item)
            continue
        row = counts[item.format or "?"]
        row["cables"] += 1
        row["subject"] += bool(item.subject)
        row["tags"] += bool(item.tags)
        row["references"] += bool(item.references)
        row["signer"] += bool(item.signers)
    seconds = time.perf_counter() - start
    total = sum(row["cables"] for row in counts.values()) + sum(rejects.values())
    print(f"## {label}: {total} items in {seconds:.1f} s")
    print(f"| format | {' | '.join(COLUMNS)} |")
    print(f"|---|{'---:|' * len(COLUMNS)}")
    for fmt, row in sorted(counts.items()):
        cells = [str(row["cables"])] + [_share(row[c], row["cables"]) for c in COLUMNS[1:]]
        print(f"| {fmt} | {' | '.join(cells)} |")
    print(f"| rejects | {sum(rejects.values())} | | | | |")
    for key, count in rejects.most_common():
        print(f"  {count:6d}  {key}")
        for reject in samples[key]:
            print(f"          e.g. {reject}"[:220])
    print()


def _share(count: int, total: int) -> str:
    return f"{count} ({100 * count / total:.1f}%)" if total else "0"


def main(argv: list[str] | None = None) -> int:
    """Report every corpus."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=1, help="rejects shown per reason")
    args = parser.parse_args(argv)
    for label, paths in CORPORA.items():
        report_corpus(label, paths, args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
