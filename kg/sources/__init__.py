"""Sources: cables from files, directories, globs, stdin and archives, as RawCables.

The first stage of the pipeline (:func:`kg.pipeline.read_cables` calls
:func:`iter_sources`). It never raises for bad input and never writes anything: each
unreadable, unsafe or oversized file or member becomes a :class:`~kg.model.Reject`
naming the source, the reason and the position. The work is split by step:

- :mod:`kg.sources.files` — paths, directories, globs, ``-`` → files to open;
- :mod:`kg.sources.archives` — tar / zip / gzip / xz / bzip2 → members, with the
  safety limits of :class:`~kg.config.SourcesConfig`;
- :mod:`kg.sources.decode` — bytes → text (encodings, line endings, binary and
  long-line checks);
- :mod:`kg.sources.detect` — text → format name (``html``, ``text``, ``body``,
  ``csv``, ``jsonl``);
- :mod:`kg.sources.readers` — the registry of readers: format → RawCables
  (:mod:`kg.sources.csvdump`, :mod:`kg.sources.jsonl` for the multi-cable ones, which
  are read as streams through :mod:`kg.sources.lines`, so a dump of any size fits).
"""

from __future__ import annotations

import csv
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from kg.config import SourcesConfig
from kg.errors import KgError, SourceError
from kg.model import RawCable, Reject
from kg.sources.archives import READ_ERRORS, Member, read_members
from kg.sources.decode import check_line_lengths, decode_bytes
from kg.sources.detect import detect_format
from kg.sources.files import STDIN, expand_paths
from kg.sources.readers import available, get, get_stream, id_from_name, register

__all__ = [
    "Member",
    "available",
    "decode_bytes",
    "detect_format",
    "get",
    "iter_members",
    "iter_sources",
    "read_member",
    "register",
]


def iter_sources(
    *paths: str | Path, config: SourcesConfig | None = None
) -> Iterator[RawCable | Reject]:
    """Yield a RawCable for every cable found under ``paths``, a Reject for each failure.

    Parameters
    ----------
    *paths : str or Path
        Files, directories (recursive, sorted), glob patterns, archives (``.tar``,
        ``.tar.gz``/``.tgz``, ``.tar.xz``, ``.tar.bz2``, ``.zip``, nested), single
        compressed files (``.gz``, ``.xz``, ``.bz2``), or ``-`` for standard input.
        None given: ``config.paths``.
    config : SourcesConfig, optional
        The format (``auto`` sniffs each member) and the safety limits.

    Returns
    -------
    Iterator[RawCable | Reject]
        In source order, streamed member by member; nothing is extracted to disk.

    Raises
    ------
    ConfigError
        If ``config.format`` names no registered reader (before anything is read).

    Examples
    --------
    >>> print(next(iter_sources("missing.tar.xz")))
    missing.tar.xz: no such file or directory
    """
    config = config or SourcesConfig()
    if config.format != "auto":
        get(config.format)
    for member in iter_members(*(paths or config.paths), config=config):
        items = [member] if isinstance(member, Reject) else read_member(member, config)
        for item in items:
            if isinstance(item, Reject) and item.cable_id is None:
                # Inside an archive the member is named by the position.
                item.cable_id = id_from_name(item.source) or id_from_name(item.position or "")
            yield item


def iter_members(*paths: str | Path, config: SourcesConfig) -> Iterator[Member | Reject]:
    """Yield the raw bytes of every file and archive member under ``paths``.

    The step of :func:`iter_sources` before decoding; benchmarks use it to time
    reading alone.
    """
    for item in expand_paths(*paths):
        if isinstance(item, Reject):
            yield item
        elif item == STDIN:
            yield from read_members("<stdin>", sys.stdin.buffer, config)
        else:
            yield from _file_members(Path(item), config)


def _file_members(path: Path, config: SourcesConfig) -> Iterator[Member | Reject]:
    origin = str(path)
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            yield Reject(origin, "not a regular file (device, FIFO or socket); not read")
            return
        handle = path.open("rb")
    except OSError as exc:
        yield Reject(origin, f"cannot open: {exc.strerror or exc}")
        return
    with handle:
        size = path.stat().st_size
        yield from read_members(origin, handle, config, name=path.name, size=size)


def read_member(member: Member, config: SourcesConfig) -> Iterator[RawCable | Reject]:
    """Decode one member, detect its format and yield what its reader finds in it.

    Every cable text is checked against ``config.max_line_chars`` before it is
    yielded, whichever reader produced it.

    Examples
    --------
    >>> member = Member("x.txt", "x.txt", b"\\x00\\x01")
    >>> print(next(read_member(member, SourcesConfig())))
    x.txt at byte 0: binary content: NUL byte; expected text
    """
    items = _stream_items(member, config) if member.stream else _text_items(member, config)
    for item in items:
        if isinstance(item, RawCable):
            try:
                check_line_lengths(item.text, config.max_line_chars, source=item.origin)
            except SourceError as exc:
                yield Reject(item.origin, exc.reason, position=exc.position)
                continue
        yield item


def _text_items(member: Member, config: SourcesConfig) -> Iterator[RawCable | Reject]:
    try:
        text = decode_bytes(member.data, source=member.origin)
        # Before sniffing: the sniffers parse the first line.
        check_line_lengths(text, config.max_line_chars, source=member.origin)
        fmt = detect_format(text, member.name) if config.format == "auto" else config.format
        yield from get(fmt)(text, member.origin)
    except SourceError as exc:
        yield Reject(member.origin, exc.reason, position=exc.position)
    except (KgError, ValueError, csv.Error) as exc:
        # A registered reader failed on this member: record it, keep reading the rest.
        yield Reject(member.origin, f"reader failed: {type(exc).__name__}: {exc}")


def _stream_items(member: Member, config: SourcesConfig) -> Iterator[RawCable | Reject]:
    read = get_stream(member.format)
    try:
        yield from read(
            member.stream,
            member.origin,
            max_row_bytes=config.max_member_bytes,
            max_line_chars=config.max_line_chars,
        )
    except READ_ERRORS as exc:
        # The container broke while the dump was being read: the records before stand.
        yield Reject(member.origin, f"unreadable or truncated: {type(exc).__name__}: {exc}")
