"""The order of the stages: sources → parse → extract → map → store. Called by the CLI.

This module alone knows that order; every stage it calls is a pure function of its input.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kg.errors import KgError
from kg.model import Cable, Reject
from kg.parse import parse_raw
from kg.sources import iter_sources

__all__ = ["read_cables"]


def read_cables(*paths: str | Path) -> Iterator[Cable | Reject]:
    """Read and parse every cable under ``paths``, yielding a Reject for each failure.

    Parameters
    ----------
    *paths : str or Path
        Files, directories, globs or archives; ``-`` reads standard input.

    Returns
    -------
    Iterator[Cable | Reject]
        One item per cable found, in source order. No exception escapes for a bad
        cable: it becomes a :class:`~kg.model.Reject` naming source, reason, position.
    """
    for item in iter_sources(*paths):
        if isinstance(item, Reject):
            yield item
            continue
        try:
            yield parse_raw(item)
        except KgError as exc:
            yield Reject(
                source=item.origin,
                reason=getattr(exc, "reason", str(exc)),
                position=getattr(exc, "position", None),
                cable_id=getattr(exc, "cable_id", None),
            )
        except (ValueError, IndexError, KeyError, TypeError, AttributeError) as exc:
            yield Reject(source=item.origin, reason=f"parser failed: {type(exc).__name__}: {exc}")
