"""Cable reference ids: canonical form, station, year. (Provisional; being written.)"""

from __future__ import annotations

__all__ = ["canonical_id"]


def canonical_id(ref: str) -> str:
    """Return the canonical form of the reference id ``ref``."""
    return ref.strip().upper()
