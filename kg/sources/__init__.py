"""Reading cables from files, directories, globs and archives. (Provisional; being written.)"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from kg.model import RawCable, Reject

__all__ = ["iter_sources"]


def iter_sources(*paths: str | Path) -> Iterator[RawCable | Reject]:
    """Yield a RawCable (or a Reject) for every cable found under ``paths``."""
    for path in paths:
        if str(path) == "-":
            yield RawCable(text=sys.stdin.read(), origin="<stdin>", format="auto")
            continue
        p = Path(path)
        yield RawCable(text=p.read_text(encoding="utf-8"), origin=str(p), format="auto")
