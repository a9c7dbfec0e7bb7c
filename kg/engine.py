"""Where the per-cable work runs: local worker processes, or Dask distributed.

:func:`run_batches` is what :func:`kg.pipeline.build` calls: it takes batches of
``(raw cable, text hash, content hash)`` and yields each batch's
:class:`~kg.work.CableResult` list in the order the batches came, with at most
``engine.in_flight`` batches (default: two per worker) handed out at a time, so memory
does not grow with the corpus. Every engine runs the same :func:`kg.work.build_batch`.

- ``local``: a process pool on this machine (``engine.workers``, 0 = all cores). The
  workers are forked after :func:`kg.work.prepare_worker` has loaded the extractors'
  tables, so they share them; ``workers: 1`` runs in this process.
- ``dask``: a Dask distributed cluster (``engine.scheduler``, or a LocalCluster of
  worker processes). Each task writes its batch as an N-Quads partition into a folder
  the driver reads (shared storage on a real cluster) and returns only the small facts.
- ``ray``: named so that a config can ask for it; not supported yet, an error says so.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from kg.collector import fewer_collections
from kg.config import EngineConfig
from kg.errors import ConfigError
from kg.model import RawCable
from kg.work import CableResult, WorkSettings, build_batch, prepare_worker

__all__ = ["ENGINES", "YOUNG_GC_THRESHOLD", "Batch", "run_batches", "worker_count"]

Batch = list[tuple[RawCable, str, str]]

#: engine name → what it needs installed (None: nothing beyond cablegraph)
ENGINES: dict[str, str | None] = {"local": None, "dask": 'pip install "cablegraph[dask]"'}


#: allocations between young collections in the build's processes (Python's default: 700)
YOUNG_GC_THRESHOLD = 20_000


def worker_count(config: EngineConfig) -> int:
    """Return how many workers ``config`` asks for (0 = every core of this machine).

    Examples
    --------
    >>> worker_count(EngineConfig(workers=3))
    3
    >>> worker_count(EngineConfig()) == (os.cpu_count() or 1)
    True
    """
    return config.workers if config.workers > 0 else (os.cpu_count() or 1)


def run_batches(
    batches: Iterable[Batch], settings: WorkSettings, config: EngineConfig, scratch: Path
) -> Iterator[list[CableResult]]:
    """Run :func:`kg.work.build_batch` over ``batches`` on the configured engine.

    Parameters
    ----------
    batches : iterable of Batch
        Read lazily: a batch is taken only when a worker slot frees up.
    settings : WorkSettings
        What every worker needs from the config.
    config : EngineConfig
        ``name`` (local, dask), ``workers``, ``in_flight``, ``scheduler``.
    scratch : Path
        A folder this build owns, for the Dask engine's partitions.

    Returns
    -------
    Iterator[list[CableResult]]
        One list per batch, in batch order, each result with its N-Quads bytes.

    Raises
    ------
    ConfigError
        If ``config.name`` is not an available engine, or its package is not installed.
    """
    pending = iter(batches)
    first = next(pending, None)
    if first is None:
        return  # nothing to build (an unchanged re-run): no workers, no tables loaded
    batches = itertools.chain([first], pending)
    if config.name == "local":
        yield from _run_local(batches, settings, config)
    elif config.name == "dask":
        yield from _run_dask(batches, settings, config, scratch)
    else:
        raise ConfigError(
            f"engine.name `{config.name}` is not valid. It must be in: {sorted(ENGINES)}"
            + (" (Ray is not supported: use dask for a cluster)" if config.name == "ray" else "")
        )


def _windowed(
    batches: Iterable[Batch],
    submit: Callable[[Batch], Any],
    result: Callable[[Any], list[CableResult]],
    window: int,
) -> Iterator[list[CableResult]]:
    """Keep ``window`` batches submitted; yield results oldest first."""
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def _run_local(
    batches: Iterable[Batch], settings: WorkSettings, config: EngineConfig
) -> Iterator[list[CableResult]]:
    workers = worker_count(config)
    prepare_worker(settings)
    # the tables just loaded live as long as the process: out of the collector's sight,
    # full collections stop rescanning them, and forked workers stop touching their pages
    gc.freeze()
    try:
        # a cable's work allocates ~10^5 short-lived objects (terms, quads, matches) and
        # frees them in bulk: young collections every 700 allocations cost ~3 % of it
        with fewer_collections(YOUNG_GC_THRESHOLD):
            if workers == 1:
                for batch in batches:
                    yield build_batch(batch, settings)
                return
            executor: Executor = ProcessPoolExecutor(workers, mp_context=_fork_context())
            with executor:
                try:
                    yield from _windowed(
                        batches,
                        lambda batch: executor.submit(build_batch, batch, settings),
                        Future.result,
                        config.in_flight or 2 * workers,
                    )
                except BaseException:
                    executor.shutdown(wait=False, cancel_futures=True)
                    raise
    finally:
        gc.unfreeze()


def _fork_context() -> multiprocessing.context.BaseContext:
    # fork shares the gazetteer prepare_worker built; elsewhere spawn rebuilds it per worker
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _run_dask(
    batches: Iterable[Batch], settings: WorkSettings, config: EngineConfig, scratch: Path
) -> Iterator[list[CableResult]]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError(f"engine.name `dask` needs Dask distributed: {ENGINES['dask']}") from None
    folder = Path(config.partitions) if config.partitions else scratch / "partitions"
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        if config.scheduler:
            client = stack.enter_context(Client(config.scheduler))
        else:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=worker_count(config),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
            )
            client = stack.enter_context(Client(cluster))
        client.run(prepare_worker, settings)
        workers = max(1, len(client.scheduler_info()["workers"]))
        numbers = iter(range(1 << 62))
        yield from _windowed(
            batches,
            lambda batch: client.submit(
                write_partition,
                batch,
                settings,
                str(folder / f"part-{next(numbers):06d}.nq"),
                pure=False,
            ),
            lambda future: read_partition(future.result()),
            config.in_flight or 2 * workers,
        )


def write_partition(batch: Batch, settings: WorkSettings, path: str) -> tuple[str, list[Any]]:
    """Build a batch, write its N-Quads (and Turtle) to ``path``; return the path and each
    cable's spans in it.

    What a Dask task runs: the bytes go through the partition folder, not the scheduler.
    """
    results = build_batch(batch, settings)
    spans = []
    offset = 0
    with open(path, "wb") as handle:
        for result in results:
            handle.write(result.nquads)
            handle.write(result.turtle)
            middle = offset + len(result.nquads)
            end = middle + len(result.turtle)
            spans.append((offset, middle, end))
            offset = end
            result.nquads = result.turtle = b""
    return path, list(zip(results, spans, strict=True))


def read_partition(written: tuple[str, list[Any]]) -> list[CableResult]:
    """Read a partition back into its results' N-Quads (and Turtle); remove the file."""
    path, items = written
    data = Path(path).read_bytes()
    results = []
    for result, (start, middle, end) in items:
        result.nquads, result.turtle = data[start:middle], data[middle:end]
        results.append(result)
    Path(path).unlink()
    return results
