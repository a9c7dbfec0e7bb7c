"""The cable stage of a build: sources → (engine: parse, extract, map) → store, incrementally.

Called by :func:`kg.pipeline.build` with an open store and manifest. The driver (this
module, in the build's process) reads the sources, hashes each text, skips the cables the
manifest says are built from the same text under the same build fingerprint, hands the
rest to the engine (:mod:`kg.engine`) in batches, and bulk-loads what comes back, batch by
batch, replacing a cable's named graph when it was built before. A cable whose text
changed gets a new version node that ``prov:wasRevisionOf`` the old one
(:mod:`kg.mapping.versions`). With ``build.prune``, cables the sources no longer hold
leave the store. The Turtle file may be written as it goes (:mod:`kg.turtle_stream`).
"""

from __future__ import annotations

import itertools
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.config import Config
from kg.engine import Batch, run_batches
from kg.manifest import Manifest, ManifestRow
from kg.mapping.iris import cable_iri
from kg.mapping.versions import revision_quads
from kg.model import Reject
from kg.sources import iter_sources
from kg.store import GraphStore
from kg.turtle_stream import TurtleStream
from kg.work import CableResult, WorkSettings, build_fingerprint, content_hash, text_hash

__all__ = ["LOAD_BYTES", "LoadCounts", "load_cables"]

#: N-Quads handed to the store in one bulk load: fewer, larger loads cost Oxigraph less
#: CPU (64 MB: -7 % against 32 MB on 3.4 M quads), each held in memory while it loads
LOAD_BYTES = 64 * 1024 * 1024


@dataclass
class LoadCounts:
    """What the cable stage did: cables built, found unchanged, pruned; quads; timings."""

    built: int = 0
    unchanged: int = 0
    #: the named graphs (re)built in this run, for an incremental build's validation;
    #: not kept by a full build (the manifest started empty), whose memory stays flat
    graphs: list[str] = field(default_factory=list)
    pruned: int = 0
    quads: int = 0
    rejects: list[Reject] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """Whether the store differs from the one the build started from."""
        return bool(self.built or self.pruned)


def load_cables(
    config: Config,
    paths: list[str],
    store: GraphStore,
    manifest: Manifest,
    scratch: Path,
    on_reject: Any = None,
    turtle: TurtleStream | None = None,
) -> LoadCounts:
    """Build every new or changed cable under ``paths`` into ``store``; update ``manifest``.

    Parameters
    ----------
    config : Config
        ``engine`` says where the work runs, ``build.prune`` whether cables of earlier
        builds missing from ``paths`` are removed, ``build.progress`` shows a bar.
    paths : list of str
        The sources.
    store : GraphStore
        The store to write (the previous build's copy for an incremental build).
    manifest : Manifest
        What earlier builds made (empty for a full build); updated in place.
    scratch : Path
        A folder this build owns (the Dask engine's partitions).
    on_reject : callable, optional
        Called with each :class:`~kg.model.Reject` (``build.strict`` raises there).
    turtle : TurtleStream, optional
        Receives every triple loaded, as Turtle, and the graphs replaced or pruned;
        abandoned when a cable built earlier in this run is built again.

    Returns
    -------
    LoadCounts
    """
    counts = LoadCounts()
    seconds = counts.seconds
    for stage in ("read", "parse", "extract", "map", "store"):
        seconds[stage] = 0.0
    driver_cpu = time.process_time()
    settings = WorkSettings.from_config(config)
    if turtle is not None:
        settings = replace(settings, turtle=True)
    fingerprint = build_fingerprint(config)
    incremental = len(manifest) > 0
    manifest.begin_run()
    bar = _progress(config)

    def reject(item: Reject) -> None:
        if on_reject is not None:
            on_reject(item)
        counts.rejects.append(item)

    def todo() -> Iterator[tuple[Any, str, str]]:
        items = iter_sources(*paths, config=config.sources)
        while True:
            clock = time.perf_counter()
            item = next(items, None)
            if item is None:
                break
            if isinstance(item, Reject):
                seconds["read"] += time.perf_counter() - clock
                reject(item)
                continue
            version = text_hash(item)
            key = content_hash(version, fingerprint)
            known = manifest.cable_for_key(key)
            seconds["read"] += time.perf_counter() - clock
            if known is not None:
                manifest.mark_seen(known)
                counts.unchanged += 1
                if bar is not None:
                    bar.update(1)
                continue
            yield item, version, key

    batches = _batched(todo(), max(1, config.engine.batch_size))
    buffer = _Buffer(store, turtle)
    try:
        for results in run_batches(batches, settings, config.engine, scratch):
            _store_batch(
                results, buffer, manifest, config.store.base_iri, counts, reject, incremental
            )
            if bar is not None:
                bar.update(len(results))
        buffer.drain()
    finally:
        buffer.close()
    seconds["store"] = buffer.seconds
    # the driver's process: reading, hashing, the loads (all of Oxigraph's threads)
    seconds["driver_cpu"] = time.process_time() - driver_cpu
    if config.build.prune:
        for cable_id in manifest.unseen():
            graph = cable_iri(config.store.base_iri, cable_id)
            store.remove_graph(graph)
            if turtle is not None:
                turtle.drop(graph.value)
            manifest.remove(cable_id)
            counts.pruned += 1
    manifest.set_fact("fingerprint", fingerprint)
    if bar is not None:
        bar.close()
    return counts


def _batched(items: Iterator[Any], size: int) -> Iterator[Batch]:
    while batch := list(itertools.islice(items, size)):
        yield batch


class _Buffer:
    """N-Quads waiting to be bulk-loaded: fewer, larger loads cost the store less CPU.

    What cables state in the default graph (an entity's labels, a place's coordinates)
    is the same in every cable that names the entity: a line is loaded once while the
    buffer remembers it. What is loaded also goes to the ``turtle`` stream, if any.
    Loads run in a thread (Oxigraph releases the GIL), one at a time, so the driver
    goes on handing out batches meanwhile and the workers do not wait for it.
    """

    #: shared lines remembered at most (~25 MB): most repeats are of frequent entities,
    #: seen again soon; past that (stubs of cited cables grow with the corpus) the
    #: memory starts afresh, so it stays flat however large the corpus
    SHARED_LINES = 100_000

    def __init__(self, store: GraphStore, turtle: TurtleStream | None = None) -> None:
        self.store = store
        self.turtle = turtle
        self.chunks: list[bytes] = []
        self.size = 0
        self.shared: set[bytes] = set()
        self.loader = ThreadPoolExecutor(1, thread_name_prefix="kg-load")
        self.loading: Future[None] | None = None
        #: wall time the loads took (beside the driver's other work)
        self.seconds = 0.0

    def add(
        self, data: bytes, shared_at: int | None = None, turtle: bytes = b"", graph: str = ""
    ) -> None:
        """Queue N-Quads; from byte ``shared_at`` on (default-graph lines), lines already
        queued once this build are dropped. ``turtle`` is the part before ``shared_at``,
        named ``graph``'s triples, as Turtle."""
        fresh = b""
        if shared_at is not None and shared_at < len(data):
            if len(self.shared) > self.SHARED_LINES:
                self.shared.clear()
            lines = [line for line in data[shared_at:].splitlines(True) if line not in self.shared]
            self.shared.update(lines)
            fresh = b"".join(lines)
            data = data[:shared_at] + fresh
        if self.turtle is not None:
            if graph:
                self.turtle.add_graph(graph, turtle)
            # default-graph N-Quads lines are N-Triples lines: Turtle as they are
            self.turtle.add_default(fresh)
        self.chunks.append(data)
        self.size += len(data)
        if self.size >= LOAD_BYTES:
            self.flush()

    def flush(self) -> None:
        """Hand what is queued to the loading thread, once the load before it ended."""
        if self.chunks:
            data = b"".join(self.chunks)
            self.chunks.clear()
            self.size = 0
            self._wait()
            self.loading = self.loader.submit(self._load, data)

    def drain(self) -> None:
        """Load everything queued and wait until the store holds it (before the store
        is changed otherwise, and at the end)."""
        self.flush()
        self._wait()

    def close(self) -> None:
        """Stop the loading thread (after the load it runs, which cannot be cut short)."""
        self.loader.shutdown(wait=True, cancel_futures=True)

    def _wait(self) -> None:
        if self.loading is not None:
            loading, self.loading = self.loading, None
            loading.result()  # a failed load raises here, in the driver

    def _load(self, data: bytes) -> None:
        clock = time.perf_counter()
        self.store.load_nquads(data)
        self.seconds += time.perf_counter() - clock


def _store_batch(
    results: list[CableResult],
    buffer: _Buffer,
    manifest: Manifest,
    base: str,
    counts: LoadCounts,
    reject: Any,
    incremental: bool,
) -> None:
    """Queue one batch for loading; a cable built before (earlier run or earlier in this
    one) has its named graph removed first."""
    for result in results:
        seconds = counts.seconds
        for stage, spent in result.seconds.items():
            seconds[stage] = seconds.get(stage, 0.0) + spent
        if result.reject is not None or result.cable_id is None or result.graph is None:
            reject(result.reject or Reject(result.source, "no cable id"))
            continue
        previous = manifest.get(result.cable_id)
        if previous is not None:
            if buffer.turtle is not None:
                if manifest.is_seen(result.cable_id):
                    # already streamed in this run: a section written cannot be taken back
                    buffer.turtle.abandon()
                else:
                    buffer.turtle.drop(result.graph)
            # built before, maybe earlier in this run and not loaded yet: load it all,
            # so that removing its graph removes it
            buffer.drain()
            buffer.store.remove_graph(ox.NamedNode(result.graph))
            revision = list(revision_quads(base, result.cable_id, result.version, previous.version))
            if revision:
                buffer.add(ox.serialize(revision, format=ox.RdfFormat.N_QUADS) or b"", 0)
        buffer.add(result.nquads, result.shared_at, result.turtle, result.graph)
        manifest.record(
            ManifestRow(result.cable_id, result.content_hash, result.version, result.source)
        )
        counts.built += 1
        if incremental:
            counts.graphs.append(result.graph)
        counts.quads += result.quads


def _progress(config: Config) -> Any:
    if not config.build.progress:
        return None
    from tqdm import tqdm

    return tqdm(desc="kg build", unit=" cables", file=sys.stderr)
