"""The per-cable work of a build: RawCable → (graph, N-Quads bytes, reject, content hash).

Every engine (:mod:`kg.engine`: local worker processes, Dask distributed) runs
:func:`build_batch` and nothing else, so all engines give the same bytes. A worker gets
picklable :class:`RawCable` objects and :class:`WorkSettings`, and hands back one
:class:`CableResult` per cable holding serialized N-Quads, not pyoxigraph objects:
pickling bytes is cheap, pickling half a million quads a batch is not.

The hashes that make builds incremental are minted here too: :func:`build_fingerprint`
(package version and the config sections that change the output) and
:func:`content_hash` (a cable's text and container facts under that fingerprint).
:func:`text_hash` names a text's version in the graph whatever the configuration.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.config import Config
from kg.errors import CABLE_ERRORS
from kg.model import Cable, Paragraph, RawCable, Reject

__all__ = [
    "CableResult",
    "WorkSettings",
    "build_batch",
    "build_cable",
    "build_fingerprint",
    "content_hash",
    "prepare_worker",
    "text_hash",
]


@dataclass(frozen=True, slots=True)
class WorkSettings:
    """What the per-cable function needs from the config: picklable, small."""

    base_iri: str
    extractors: tuple[str, ...]
    #: also serialize each cable's triples as Turtle (:mod:`kg.turtle_stream`)
    turtle: bool = False

    @classmethod
    def from_config(cls, config: Config) -> WorkSettings:
        """Take the base IRI and the extractors of ``config``."""
        return cls(base_iri=config.store.base_iri, extractors=tuple(config.extract.extractors))


@dataclass(slots=True)
class CableResult:
    """What the work on one cable gives the driver.

    ``nquads`` holds the cable's named graph, then, from byte ``shared_at`` on, what it
    states in the default graph (UTF-8 N-Quads, empty for a reject): its version node,
    and the descriptions of entities many cables repeat, which the driver loads once;
    ``turtle`` the part before ``shared_at`` as Turtle statements, when the settings ask
    for it; ``graph`` is the named graph's IRI;
    ``content_hash`` is what the manifest keeps; ``version`` the text's hash;
    ``seconds`` the time each stage took (parse, extract, map) in the worker.
    """

    source: str
    content_hash: str
    version: str
    cable_id: str | None = None
    graph: str | None = None
    nquads: bytes = b""
    shared_at: int = 0
    turtle: bytes = b""
    quads: int = 0
    reject: Reject | None = None
    seconds: dict[str, float] = field(default_factory=dict)


def build_fingerprint(config: Config) -> str:
    """Return the hash of what, beside a cable's text, decides its quads.

    The package version and the ``extract`` section, the base IRI and the source
    format: changing any of them rebuilds every cable.

    Examples
    --------
    >>> from kg.config import load_config
    >>> a = build_fingerprint(load_config(None))
    >>> a == build_fingerprint(load_config("extract: {extractors: []}"))
    False
    >>> len(a)
    16
    """
    from kg import __version__

    facts = {
        "version": __version__,
        "extract": list(config.extract.extractors),
        "base_iri": config.store.base_iri,
        "format": config.sources.format,
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()[:16]


def text_hash(raw: RawCable) -> str:
    """Return the hash of one cable's text and the facts its container states.

    The format, the container's metadata and the file name count (the parser takes a
    body-only cable's id from its file name); the folder or archive does not, so the
    same text moved elsewhere is the same version.

    Examples
    --------
    >>> a = text_hash(RawCable("x", "old.tar!cable/07X1.html", "html"))
    >>> a == text_hash(RawCable("x", "new/cable/07X1.html", "html"))
    True
    >>> a == text_hash(RawCable("x", "new/cable/07X2.html", "html"))
    False
    """
    digest = hashlib.sha256(raw.format.encode())
    if raw.metadata:
        digest.update(json.dumps(raw.metadata, sort_keys=True, default=str).encode())
    name = raw.origin.replace("\\", "/").rsplit("!", 1)[-1].rsplit("/", 1)[-1]
    digest.update(b"\0" + name.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(raw.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def content_hash(version: str, fingerprint: str) -> str:
    """Return the manifest's hash of a cable: its text hash under the build fingerprint.

    Examples
    --------
    >>> content_hash("ab" * 32, "f" * 16) == content_hash("ab" * 32, "e" * 16)
    False
    """
    return hashlib.sha256(f"{fingerprint}:{version}".encode()).hexdigest()


def build_cable(raw: RawCable, settings: WorkSettings, version: str, key: str) -> CableResult:
    """Parse, extract and map one cable; a failure becomes the result's reject.

    Parameters
    ----------
    raw : RawCable
        The cable as read.
    settings : WorkSettings
        Base IRI and extractors.
    version : str
        :func:`text_hash` of ``raw`` (the driver has it already).
    key : str
        :func:`content_hash` of ``raw`` under the build fingerprint.

    Returns
    -------
    CableResult
        With the named graph's IRI and its N-Quads, or with a reject naming the source.
    """
    from kg.parse import parse_raw

    result = CableResult(source=raw.origin, content_hash=key, version=version)
    clock = time.thread_time()
    try:
        cable = parse_raw(raw)
    except CABLE_ERRORS as exc:
        result.reject = Reject(
            source=raw.origin,
            reason=getattr(exc, "reason", None) or f"parser failed: {type(exc).__name__}: {exc}",
            position=getattr(exc, "position", None),
            cable_id=getattr(exc, "cable_id", None),
        )
        return result
    finally:
        result.seconds["parse"] = time.thread_time() - clock
    result.cable_id = cable.canonical_id
    try:
        _map_cable(cable, settings, result)
    except CABLE_ERRORS as exc:
        reason = getattr(exc, "reason", None) or f"{type(exc).__name__}: {exc}"
        result.reject = Reject(raw.origin, f"mapping failed: {reason}", cable_id=cable.reference_id)
    return result


def _map_cable(cable: Cable, settings: WorkSettings, result: CableResult) -> None:
    """Extract and map ``cable``; fill ``result``'s graph, N-Quads (and Turtle)."""
    import pyoxigraph as ox

    from kg.mapping import cable_quads
    from kg.mapping.versions import current_version_quads

    seconds = result.seconds
    clock = time.thread_time()
    if settings.extractors:
        from kg.extract import extract_cable

        cable = extract_cable(cable, list(settings.extractors))
    seconds["extract"] = time.thread_time() - clock
    clock = time.thread_time()
    quads = list(cable_quads(cable, settings.base_iri))
    graph = next(q.graph_name for q in quads if isinstance(q.graph_name, ox.NamedNode))
    # the id the mappers keyed the cable's IRI by: the manifest and prune use it
    cable_id = graph.value.removeprefix(settings.base_iri + "cable/")
    own: list[ox.Quad] = []
    shared: list[ox.Quad] = []
    # the version node goes in the default graph: it stays there, revised, when a later
    # text of the cable replaces the named graph
    quads.extend(current_version_quads(settings.base_iri, cable_id, result.version))
    for quad in quads:
        (shared if type(quad.graph_name) is ox.DefaultGraph else own).append(quad)
    data = ox.serialize(own, format=ox.RdfFormat.N_QUADS) or b""
    tail = ox.serialize(shared, format=ox.RdfFormat.N_QUADS) or b""
    if settings.turtle:
        from kg.turtle_stream import turtle_body

        result.turtle = turtle_body(quad.triple for quad in own)
    result.cable_id, result.graph = cable_id, graph.value
    result.nquads, result.shared_at = data + tail, len(data)
    result.quads = len(own) + len(shared)
    seconds["map"] = time.thread_time() - clock


def build_batch(
    items: Iterable[tuple[RawCable, str, str]], settings: WorkSettings
) -> list[CableResult]:
    """Run :func:`build_cable` over ``(raw, version, key)`` items; the unit an engine ships.

    Examples
    --------
    >>> from pathlib import Path
    >>> from kg.mapping.iris import DEFAULT_BASE
    >>> raw = RawCable(Path("examples/07ASTANA367-blog-copy.txt").read_text(), "x", "text")
    >>> [r] = build_batch([(raw, "v" * 64, "k" * 64)], WorkSettings(DEFAULT_BASE, ()))
    >>> r.cable_id, r.reject, r.nquads.count(b"\\n") == r.quads
    ('07ASTANA367', None, True)
    """
    return [build_cable(raw, settings, version, key) for raw, version, key in items]


def prepare_worker(settings: WorkSettings) -> None:
    """Load what every cable's work needs once (the extractors' gazetteer, ~10 s).

    The local engine calls it before forking its workers, so they share the tables
    instead of each building them.
    """
    if settings.extractors:
        from kg.extract import extract_cable

        warm = Cable(
            reference_id="07ASTANA1",
            canonical_id="07ASTANA1",
            paragraphs=[Paragraph(text="The Embassy met the Ministry of Foreign Affairs.")],
        )
        extract_cable(warm, list(settings.extractors))
