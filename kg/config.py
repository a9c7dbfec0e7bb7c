"""Typed, frozen configuration: one dataclass per pipeline section.

Defaults live here, in code; ``config.yaml`` (or any YAML given as a path or as a
string) overrides them, and CLI flags override that. Unknown sections and keys are
rejected with the allowed names. Each stage receives only its own section.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import ConfigError

__all__ = [
    "AnalyticsConfig",
    "BuildConfig",
    "Config",
    "EngineConfig",
    "ExportConfig",
    "ExtractConfig",
    "ServeConfig",
    "SourcesConfig",
    "StoreConfig",
    "ViewerConfig",
    "load_config",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SourcesConfig:
    """How sources are read."""

    paths: tuple[str, ...] = ("examples/07ASTANA367-blog-copy.txt",)
    format: str = "auto"
    max_member_bytes: int = 64 * 1024 * 1024
    max_total_bytes: int = 8 * 1024 * 1024 * 1024
    max_compression_ratio: float = 200.0
    max_line_chars: int = 1_000_000


@dataclass(frozen=True)
class ExtractConfig:
    """Which extractors run over the parsed paragraphs."""

    extractors: tuple[str, ...] = (
        "organizations",
        "posts",
        "persons",
        "places",
        "programmes",
        "events",
    )


@dataclass(frozen=True)
class StoreConfig:
    """Where the graph is kept: ``oxigraph`` (on disk), ``memory`` (rdflib) or ``sparql``."""

    backend: str = "oxigraph"
    path: str = "store"
    base_iri: str = "https://w3id.org/cablegraph/id/"
    query_endpoint: str | None = None
    update_endpoint: str | None = None


@dataclass(frozen=True)
class BuildConfig:
    """What ``kg build`` does after loading the store."""

    out: str = "output"
    validate: bool = True
    exports: tuple[str, ...] = ("turtle",)
    strict: bool = False
    progress: bool = True
    validate_sample: int = 50
    incremental: bool = True
    prune: bool = False
    analyze: bool = True
    view: bool = True


@dataclass(frozen=True)
class EngineConfig:
    """How per-cable work fans out: ``local`` processes or ``dask`` (see kg/engine.py)."""

    name: str = "local"
    workers: int = 0
    batch_size: int = 64
    in_flight: int = 0
    scheduler: str | None = None
    partitions: str | None = None


@dataclass(frozen=True)
class ServeConfig:
    """The read-only SPARQL endpoint."""

    host: str = "127.0.0.1"
    port: int = 7878


@dataclass(frozen=True)
class ExportConfig:
    """Defaults of ``kg export``."""

    format: str = "turtle"


@dataclass(frozen=True)
class AnalyticsConfig:
    """Projections and measures of ``kg analyze``."""

    projections: tuple[str, ...] = ("comention", "citation", "post_tag", "post_org")
    measures: tuple[str, ...] = ()
    top: int = 20
    out: str = "analytics"
    seed: int = 42
    betweenness_sample: int = 100
    betweenness_max_edges: int = 1_000_000
    comention_max_edges: int = 300_000
    resolution: float = 1.0
    backend: str | None = None
    write_back: bool = True
    write_back_measures: tuple[str, ...] = ("pagerank", "communities")
    exports: tuple[str, ...] = ()


@dataclass(frozen=True)
class ViewerConfig:
    """Defaults of ``kg view``."""

    projection: str = "comention"
    top: int = 500
    size_by: str = "pagerank"
    depth: int = 1
    out: str = "graph.html"
    cables_per_node: int = 10
    stabilization_iterations: int = 200
    max_edges: int = 2000
    labels: int = 50


@dataclass(frozen=True)
class Config:
    """The whole configuration, one frozen section per stage."""

    sources: SourcesConfig = field(default_factory=SourcesConfig)
    extract: ExtractConfig = field(default_factory=ExtractConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    build: BuildConfig = field(default_factory=BuildConfig)
    engine: EngineConfig = field(default_factory=EngineConfig)
    serve: ServeConfig = field(default_factory=ServeConfig)
    export: ExportConfig = field(default_factory=ExportConfig)
    analytics: AnalyticsConfig = field(default_factory=AnalyticsConfig)
    viewer: ViewerConfig = field(default_factory=ViewerConfig)

    def to_dict(self) -> dict[str, Any]:
        """Return the effective configuration as plain data."""
        return dataclasses.asdict(self)


def _section(cls: type, values: Any, name: str, where: str) -> Any:
    if values is None:
        return cls()
    if not isinstance(values, dict):
        raise ConfigError(
            f"{where}: section `{name}` must be a mapping, got {type(values).__name__}"
        )
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise ConfigError(
            f"{where}: key `{name}.{unknown[0]}` is not valid. It must be in: {sorted(fields)}"
        )
    converted = {}
    for key, value in values.items():
        default = getattr(cls(), key)
        if isinstance(default, tuple) and isinstance(value, list | tuple):
            value = tuple(value)
        elif isinstance(default, tuple) and isinstance(value, str):
            value = (value,)
        converted[key] = value
    return cls(**converted)


def load_config(
    source: str | Path | None = None, overrides: dict[str, dict[str, Any]] | None = None
) -> Config:
    """Load a configuration: defaults < YAML ``source`` < ``overrides``.

    Parameters
    ----------
    source : str or Path or None
        A path to a YAML file, or YAML text (a string containing a newline or a colon
        that is not an existing path). None gives the defaults.
    overrides : dict, optional
        ``{section: {key: value}}`` applied last (the CLI's flags).

    Returns
    -------
    Config
        The frozen, validated configuration.

    Raises
    ------
    ConfigError
        If the YAML is malformed, or a section or key is unknown.

    Examples
    --------
    >>> load_config("store:\\n  backend: memory\\n").store.backend
    'memory'
    >>> load_config("stor: {}")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.ConfigError: <string>: section `stor` is not valid. It must be in: ['analytics', ...]
    """
    data: dict[str, Any] = {}
    where = "<defaults>"
    if source is not None:
        text, where = _read_source(source)
        try:
            loaded = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigError(f"{where}: not valid YAML: {exc}") from exc
        if loaded is not None and not isinstance(loaded, dict):
            raise ConfigError(f"{where}: the top level must be a mapping of sections")
        data = dict(loaded or {})
    for section, values in (overrides or {}).items():
        merged = dict(data.get(section) or {})
        merged.update({k: v for k, v in values.items() if v is not None})
        data[section] = merged
    sections = {f.name: f for f in dataclasses.fields(Config)}
    unknown = sorted(set(data) - set(sections))
    if unknown:
        raise ConfigError(
            f"{where}: section `{unknown[0]}` is not valid. It must be in: {sorted(sections)}"
        )
    built = {}
    for name, f in sections.items():
        cls = f.type if isinstance(f.type, type) else _SECTION_TYPES[name]
        built[name] = _section(cls, data.get(name), name, where)
    config = Config(**built)
    log.debug("effective config: %s", config.to_dict())
    return config


_SECTION_TYPES: dict[str, type] = {
    f.name: type(getattr(Config(), f.name)) for f in dataclasses.fields(Config)
}


def _read_source(source: str | Path) -> tuple[str, str]:
    if isinstance(source, Path):
        return _read_path(source), str(source)
    if "\n" not in source and ":" not in source:
        return _read_path(Path(source)), source
    path = Path(source)
    if "\n" not in source and path.is_file():
        return _read_path(path), source
    return source, "<string>"


def _read_path(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror}") from exc
