"""The build manifest: which cable was built from which text, kept between builds.

One SQLite table on disk (``<out>/manifest.sqlite``), so a manifest of millions of
cables costs no memory: ``cable id → content hash, text version, source``. The build
(:mod:`kg.pipeline`) works on a copy in its staging folder and promotes it after the
store, so an interrupted run leaves the previous manifest (and store) in place; a crash
between the two promotions leaves a store newer than its manifest, which only makes the
next build redo the cables that changed.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["MANIFEST_NAME", "Manifest", "ManifestRow"]

#: the manifest's file name under ``build.out``
MANIFEST_NAME = "manifest.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS cables (
    cable_id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    version TEXT NOT NULL,
    source TEXT NOT NULL,
    seen INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS cables_key ON cables (key);
CREATE TABLE IF NOT EXISTS facts (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True, slots=True)
class ManifestRow:
    """What the manifest knows of one cable."""

    cable_id: str
    key: str
    version: str
    source: str


class Manifest:
    """The manifest of one build, opened from ``path`` (created if absent).

    Examples
    --------
    >>> m = Manifest(":memory:")
    >>> m.begin_run()
    >>> m.record(ManifestRow("07ASTANA367", "k1", "v1", "a.tar!07ASTANA367.html"))
    >>> m.cable_for_key("k1"), m.cable_for_key("k2"), m.get("07ASTANA367").version
    ('07ASTANA367', None, 'v1')
    >>> m.begin_run(); list(m.unseen())
    ['07ASTANA367']
    """

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self.db = sqlite3.connect(str(path))
        self.db.executescript(_SCHEMA)

    @classmethod
    def copied(cls, previous: Path, target: Path) -> Manifest:
        """Open a copy of ``previous`` at ``target`` (an empty manifest if none)."""
        if previous.is_file():
            shutil.copyfile(previous, target)
        return cls(target)

    def begin_run(self) -> None:
        """Start a build: no cable is seen yet."""
        self.db.execute("UPDATE cables SET seen = 0")

    def cable_for_key(self, key: str) -> str | None:
        """Return the cable last built from content hash ``key``, or None."""
        row = self.db.execute("SELECT cable_id FROM cables WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def get(self, cable_id: str) -> ManifestRow | None:
        """Return the row of ``cable_id``, or None."""
        row = self.db.execute(
            "SELECT cable_id, key, version, source FROM cables WHERE cable_id = ?", (cable_id,)
        ).fetchone()
        return None if row is None else ManifestRow(*row)

    def is_seen(self, cable_id: str) -> bool:
        """Whether ``cable_id`` was already built or found unchanged in this run."""
        row = self.db.execute("SELECT seen FROM cables WHERE cable_id = ?", (cable_id,)).fetchone()
        return bool(row and row[0])

    def mark_seen(self, cable_id: str) -> None:
        """Record that this run's sources still hold ``cable_id`` unchanged."""
        self.db.execute("UPDATE cables SET seen = 1 WHERE cable_id = ?", (cable_id,))

    def record(self, row: ManifestRow) -> None:
        """Record that ``row.cable_id`` was built in this run from ``row.key``."""
        self.db.execute(
            "INSERT OR REPLACE INTO cables (cable_id, key, version, source, seen) "
            "VALUES (?, ?, ?, ?, 1)",
            (row.cable_id, row.key, row.version, row.source),
        )

    def unseen(self) -> Iterator[str]:
        """Yield the cables of earlier builds that this run's sources no longer hold."""
        rows = self.db.execute("SELECT cable_id FROM cables WHERE seen = 0 ORDER BY cable_id")
        for (cable_id,) in rows.fetchall():
            yield str(cable_id)

    def remove(self, cable_id: str) -> None:
        """Forget ``cable_id`` (pruned)."""
        self.db.execute("DELETE FROM cables WHERE cable_id = ?", (cable_id,))

    def fact(self, name: str) -> str | None:
        """Return a fact about the last build (e.g. its fingerprint), or None."""
        row = self.db.execute("SELECT value FROM facts WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def set_fact(self, name: str, value: str) -> None:
        """Record a fact about this build."""
        self.db.execute("INSERT OR REPLACE INTO facts (name, value) VALUES (?, ?)", (name, value))

    def __len__(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM cables").fetchone()[0])

    def close(self) -> None:
        """Commit and close."""
        self.db.commit()
        self.db.close()
