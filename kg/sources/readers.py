"""The registry of format readers: format name → function from text to RawCables.

A reader takes the decoded text of one member and its origin and yields RawCables (a
page or a telegram gives one, a CSV dump or a JSON-lines file many) or Rejects. The
built-in readers are registered here; :func:`register` adds one, :func:`get` looks one
up. :mod:`kg.sources` calls :func:`get` with the detected (or configured) format.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from kg.errors import ConfigError
from kg.model import RawCable, Reject
from kg.sources.csvdump import read_csv_dump, stream_csv_dump
from kg.sources.jsonl import read_json_lines, stream_json_lines

__all__ = [
    "STREAMED",
    "Reader",
    "StreamReader",
    "available",
    "get",
    "get_stream",
    "id_from_name",
    "register",
]

Reader = Callable[[str, str], Iterator[RawCable | Reject]]
StreamReader = Callable[..., Iterator[RawCable | Reject]]

_READERS: dict[str, Reader] = {}
# Formats holding many cables, read from a stream record by record so a dump of any
# size fits in memory: (stream, origin, *, max_row_bytes, max_line_chars) -> items.
_STREAM_READERS: dict[str, StreamReader] = {
    "csv": stream_csv_dump,
    "jsonl": stream_json_lines,
}
STREAMED = frozenset(_STREAM_READERS)
_ID_FILE_NAME = re.compile(r"(?:^|[/! ])(\d{2}[A-Z][A-Z0-9]*\d)\.[A-Za-z]+$")


def id_from_name(origin: str) -> str | None:
    """The cable id a file is named after (``cable/2007/02/07ASTANA367.html``), if any.

    Examples
    --------
    >>> id_from_name("body-only-3043.tar.xz!cables/05ROME1593.txt")
    '05ROME1593'
    >>> id_from_name("notes.txt") is None
    True
    """
    match = _ID_FILE_NAME.search(origin)
    return match.group(1) if match else None


def register(name: str, reader: Reader) -> None:
    """Register ``reader`` as the reader of format ``name`` (replacing any before)."""
    _READERS[name] = reader


def get(name: str) -> Reader:
    """Return the reader of format ``name``.

    Raises
    ------
    ConfigError
        If no reader is registered under ``name``; the message lists the names.

    Examples
    --------
    >>> get("csv").__name__
    'read_csv_dump'
    >>> get("pdf")
    Traceback (most recent call last):
    ...
    kg.errors.ConfigError: source format `pdf` is not valid. It must be in: \
['auto', 'body', 'csv', 'html', 'jsonl', 'text']
    """
    try:
        return _READERS[name]
    except KeyError:
        raise ConfigError(
            f"source format `{name}` is not valid. It must be in: {available()}"
        ) from None


def get_stream(name: str) -> StreamReader:
    """Return the stream reader of format ``name`` (one of :data:`STREAMED`).

    Raises
    ------
    ConfigError
        If ``name`` is not read as a stream; the message lists the names that are.
    """
    try:
        return _STREAM_READERS[name]
    except KeyError:
        raise ConfigError(
            f"source format `{name}` is not read as a stream. It must be in: {sorted(STREAMED)}"
        ) from None


def available() -> list[str]:
    """Names accepted as ``sources.format``: ``auto`` and every registered format."""
    return sorted(["auto", *_READERS])


def _single(fmt: str) -> Reader:
    def read_one(text: str, origin: str) -> Iterator[RawCable | Reject]:
        metadata: dict[str, Any] = {}
        # A body-only file has no header to take the id from; its name is the one
        # place that states it.
        reference_id = id_from_name(origin) if fmt == "body" else None
        if reference_id:
            metadata["reference_id"] = reference_id
        yield RawCable(text=text, origin=origin, format=fmt, metadata=metadata)

    read_one.__name__ = f"read_{fmt}"
    return read_one


for _fmt in ("html", "text", "body"):
    register(_fmt, _single(_fmt))
register("csv", read_csv_dump)
register("jsonl", read_json_lines)
