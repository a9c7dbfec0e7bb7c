"""Python's cycle collector run less often while a stage makes millions of objects.

The cable stage (:mod:`kg.engine`: terms, quads and matches made and dropped by the
hundred thousand a batch) and the analytics and viewer (:mod:`kg.products`: tables,
graphs and measures that live long) make hardly any reference cycles, yet with the
default thresholds the collector keeps rescanning what they hold. Both raise the
thresholds for the stage's duration and put them back after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["fewer_collections"]


@contextmanager
def fewer_collections(
    young: int, middle: int | None = None, old: int | None = None
) -> Iterator[None]:
    """Inside the block, a young collection every ``young`` allocations (Python's
    default: 700) and, if given, the older generations' thresholds ``middle`` and
    ``old``; the thresholds as they were afterwards.

    Examples
    --------
    >>> before = gc.get_threshold()
    >>> with fewer_collections(100_000, 50, 1000):
    ...     gc.get_threshold()
    (100000, 50, 1000)
    >>> gc.get_threshold() == before
    True
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(
        young,
        thresholds[1] if middle is None else middle,
        thresholds[2] if old is None else old,
    )
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
