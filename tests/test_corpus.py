"""Every cable of every shared corpus reads to a Cable or a Reject; no exception escapes.

One test per corpus (each well under a minute): the number of items equals the number
of files in the archive or folder, every reject names its source and reason, and — for
the 6,712 pages — the parsed reference id equals the id in the file name. Reject
reasons are printed (``pytest -s``) so a parser regression is easy to see.
"""

from __future__ import annotations

import tarfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest

from kg import read_cables
from kg.model import Cable, Reject
from tests.data import BODY_ONLY_3043, CORPUS_6712, FIXTURES, SNAPSHOT_1869, needs_shared

pytestmark = [pytest.mark.slow, pytest.mark.corpus]


def _member_ids(archive: Path) -> list[str]:
    """The file-name ids of the regular files in ``archive``, in archive order."""
    with tarfile.open(archive, "r|xz") as members:
        return [Path(info.name).stem for info in members if info.isreg()]


def _check(items: Iterable[Cable | Reject], expected: int, label: str) -> list[Cable | Reject]:
    items = list(items)
    rejects = [item for item in items if isinstance(item, Reject)]
    reasons = Counter(reject.reason.split(":")[0][:80] for reject in rejects)
    print(f"\n{label}: {len(items) - len(rejects)} cables, {len(rejects)} rejects")
    for reason, count in reasons.most_common(15):
        print(f"  {count:6d}  {reason}")
    assert len(items) == expected
    for reject in rejects:
        assert reject.source, reject
        assert reject.reason, reject
    return items


@needs_shared(CORPUS_6712)
def test_6712_pages_each_give_a_cable_with_the_file_name_id() -> None:
    ids = _member_ids(CORPUS_6712)
    assert len(ids) == 6712
    items = _check(read_cables(CORPUS_6712), len(ids), "6712 pages")
    mismatched = [
        (member_id, item.reference_id)
        for member_id, item in zip(ids, items, strict=True)
        if isinstance(item, Cable) and item.reference_id != member_id
    ]
    assert mismatched == []
    for member_id, item in zip(ids, items, strict=True):
        origin = item.source
        assert origin.endswith(f"{member_id}.html"), (member_id, origin)


@needs_shared(SNAPSHOT_1869)
def test_1869_snapshot_pages_each_give_an_item() -> None:
    ids = _member_ids(SNAPSHOT_1869)
    assert len(ids) == 1869
    _check(read_cables(SNAPSHOT_1869), len(ids), "1869 snapshot")


@needs_shared(BODY_ONLY_3043)
def test_3043_body_only_texts_each_give_an_item() -> None:
    ids = _member_ids(BODY_ONLY_3043)
    assert len(ids) == 3043
    _check(read_cables(BODY_ONLY_3043), len(ids), "3043 body-only")


@needs_shared(FIXTURES)
def test_163_fixtures_each_give_an_item() -> None:
    folders = sorted(path for path in FIXTURES.iterdir() if path.is_dir())
    files = [path for folder in folders for path in folder.rglob("*") if path.is_file()]
    assert len(files) == 163
    _check(read_cables(*folders), len(files), "163 fixtures")
