"""Exports written by a separate process while the build goes on with its other stages.

:func:`kg.pipeline.build` starts one export process per format as soon as the cable
stage has loaded an on-disk Oxigraph store: each opens a checkpoint of the store
read-only (a snapshot of the built graph) and streams it to its file while the build
validates, analyses and draws the viewer page, so the second core is not idle during
those single-threaded stages. The files hold the graph as built from the cables; the
analytics results the build writes back afterwards are in the store and the report,
not in them.
"""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import StoreError

__all__ = ["BackgroundExport", "start_export"]


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
    # spawn: a fork would copy the parent's open RocksDB handles and threads
    context = multiprocessing.get_context("spawn")
    process = context.Process(
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
