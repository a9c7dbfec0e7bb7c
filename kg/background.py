"""Exports and validation run by separate processes while the build goes on.

:func:`kg.pipeline.build` starts them as soon as the cable stage has loaded an on-disk
Oxigraph store: each opens a checkpoint of the store read-only (a snapshot of the built
graph) and exports it to a file, or SHACL-validates it, while the build analyses and
draws the viewer page, so the second core is not idle during those single-threaded
stages. They see the graph as built from the cables; the analytics results the build
writes back afterwards are in the store and the report, not in them.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import StoreError

if TYPE_CHECKING:
    from kg.store import OxigraphStore
    from kg.validate import ValidationReport

__all__ = [
    "BackgroundCheck",
    "BackgroundExport",
    "SideJobs",
    "StoreFacts",
    "start_check",
    "start_export",
]

# spawn: a fork would copy the parent's open RocksDB handles and threads
_SPAWN = multiprocessing.get_context("spawn")


@dataclass
class BackgroundExport:
    """One export running in its own process."""

    fmt: str
    path: Path
    process: multiprocessing.process.BaseProcess
    started: float

    def wait(self) -> float:
        """Wait for the export to finish; return its wall seconds.

        Raises
        ------
        StoreError
            If the export process failed (its error is on stderr); the message names the
            format and the file.
        """
        self.process.join()
        if self.process.exitcode != 0:
            raise StoreError(
                f"the {self.fmt} export to {self.path} failed "
                f"(exit code {self.process.exitcode}; its error is printed above)"
            )
        return time.perf_counter() - self.started

    def cancel(self) -> None:
        """Stop the export if it still runs (the build failed; its file is not kept)."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()


def start_export(store_path: Path, fmt: str, path: Path) -> BackgroundExport:
    """Start exporting the on-disk store at ``store_path`` as ``fmt`` to ``path``.

    ``store_path`` should be a checkpoint (:meth:`kg.store.OxigraphStore.backup`) no one
    writes to, so the caller may go on writing to the store itself.
    """
    process = _SPAWN.Process(
        target=_export, args=(str(store_path), fmt, str(path)), name=f"kg-export-{fmt}"
    )
    started = time.perf_counter()
    process.start()
    return BackgroundExport(fmt, path, process, started)


def _export(store_path: str, fmt: str, path: str) -> None:
    from kg.export import export
    from kg.store import OxigraphStore

    store = OxigraphStore(store_path, read_only=True)
    try:
        export(store, fmt, path)
    finally:
        store.close()


@dataclass(frozen=True)
class StoreFacts:
    """What the checking process found in the checkpoint: its size, its SHACL report."""

    quads: int
    validation: ValidationReport | None


@dataclass
class BackgroundCheck:
    """The checkpoint counted and (optionally) SHACL-validated in its own process."""

    process: multiprocessing.process.BaseProcess
    receiver: Connection

    def wait(self) -> StoreFacts:
        """Wait for the check and return what it found.

        Raises
        ------
        StoreError
            If the checking process died before reporting (its error is on stderr).
        """
        try:
            facts: StoreFacts = self.receiver.recv()
        except EOFError:
            self.process.join()
            raise StoreError(
                f"the checking process (quad count, validation) failed (exit code "
                f"{self.process.exitcode}; its error is printed above)"
            ) from None
        finally:
            self.receiver.close()
        self.process.join()
        return facts

    def cancel(self) -> None:
        """Stop the check if it still runs (the build failed)."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.receiver.close()


def start_check(
    store_path: Path, validate: tuple[int, Sequence[str] | None] | None
) -> BackgroundCheck:
    """Start counting the quads of the checkpoint at ``store_path`` and, if ``validate``
    is ``(sample, cables)``, validating it with :func:`kg.validate.validate_store`
    (``cables``: graph IRIs, an incremental build's rebuilt cables)."""
    receiver, sender = _SPAWN.Pipe(duplex=False)
    if validate is not None:
        sample, cables = validate
        validate = (sample, None if cables is None else list(cables))
    process = _SPAWN.Process(
        target=_check, args=(str(store_path), validate, sender), name="kg-check"
    )
    process.start()
    sender.close()  # the child holds its own end: its death ends the parent's recv
    return BackgroundCheck(process, receiver)


def _check(
    store_path: str, validate: tuple[int, list[str] | None] | None, sender: Connection
) -> None:
    from pyoxigraph import NamedNode

    from kg.store import OxigraphStore
    from kg.validate import validate_store

    # the build's own process (analytics, viewer) is the critical path: it gets the
    # cores first (analytics 8.6-9.0 s against 10.1 s beside an un-niced check)
    if hasattr(os, "nice"):  # not on Windows
        os.nice(10)
    store = OxigraphStore(store_path, read_only=True)
    try:
        report = None
        if validate is not None:
            sample, cables = validate
            graphs = None if cables is None else [NamedNode(graph) for graph in cables]
            report = validate_store(store, sample=sample, cables=graphs)
        # counted here, not in the build's process: ~0.7 s for 3 M quads off its path
        sender.send(StoreFacts(len(store), report))
    finally:
        sender.close()
        store.close()


class SideJobs:
    """The exports and the checks of one build, run beside it from one checkpoint.

    :meth:`start` takes the checkpoint (hard links: files the store compacts away while
    the build goes on writing stay) and starts the processes; :meth:`wait` collects
    them and removes the checkpoint; :meth:`cancel` stops whatever still runs.
    """

    def __init__(self, checkpoint: Path) -> None:
        self.checkpoint = checkpoint
        self.exports: list[BackgroundExport] = []
        self.check: BackgroundCheck | None = None

    def start(
        self,
        store: OxigraphStore,
        exports: dict[str, Path],
        validate: tuple[int, Sequence[str] | None] | None,
    ) -> None:
        """Checkpoint ``store``; start each export (format → file) and the check: a
        count of its quads and, if ``validate`` is ``(sample, cables)``, the validation
        (see :func:`start_check`)."""
        shutil.rmtree(self.checkpoint, ignore_errors=True)
        store.backup(self.checkpoint)
        self.exports = [start_export(self.checkpoint, fmt, path) for fmt, path in exports.items()]
        self.check = start_check(self.checkpoint, validate)

    def wait(self) -> tuple[StoreFacts | None, dict[str, float]]:
        """Wait for every job; return what the check found (if the jobs were started)
        and each export's wall seconds by format."""
        facts = None
        if self.check is not None:
            facts = self.check.wait()
            self.check = None
        seconds = {}
        while self.exports:
            job = self.exports.pop(0)
            seconds[job.fmt] = job.wait()
        self.cancel()
        return facts, seconds

    def cancel(self) -> None:
        """Stop the jobs still running and remove the checkpoint."""
        if self.check is not None:
            self.check.cancel()
            self.check = None
        for job in self.exports:
            job.cancel()
        self.exports = []
        shutil.rmtree(self.checkpoint, ignore_errors=True)
