"""JSON lines: one cable a line, as ``{"text": ..., "reference_id": ..., ...}``.

The cable text is the first of ``text``, ``content``, ``html``, ``body`` that is a
string, or ``header`` + blank line + ``body`` when both are there (the CSV dump's columns
as JSON). Keys that are :class:`kg.model.Cable` field names become metadata, as do the
dump's column names ``refid`` and ``date``. Registered as the ``jsonl`` reader by
:mod:`kg.sources.readers`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from typing import Any

from kg.errors import SourceError
from kg.model import Cable, RawCable, Reject
from kg.sources.csvdump import iso_minutes
from kg.sources.decode import normalize_newlines
from kg.sources.lines import LineFeed, Readable

__all__ = ["read_json_lines", "stream_json_lines"]

_TEXT_KEYS = ("text", "content", "html", "body")
_CABLE_FIELDS = frozenset(f.name for f in dataclasses.fields(Cable)) - {"header", "body"}
_ALIASES = {"refid": "reference_id", "date": "created"}


def read_json_lines(text: str, origin: str) -> Iterator[RawCable | Reject]:
    """Yield one RawCable per JSON object line, a Reject per bad line.

    Parameters
    ----------
    text : str
        The decoded JSON-lines text; blank lines are skipped.
    origin : str
        Where it came from; each record's origin is ``origin#line=N``.

    Returns
    -------
    Iterator[RawCable | Reject]
        RawCables of format ``jsonl``.

    Examples
    --------
    >>> line = '{"refid": "07ASTANA367", "date": "2/12/2007 4:28", "text": "TAGS: KZ"}'
    >>> raw = next(read_json_lines(line, "cables.jsonl"))
    >>> raw.text, raw.metadata
    ('TAGS: KZ', {'reference_id': '07ASTANA367', 'created': '2007-02-12T04:28'})
    >>> print(next(read_json_lines('{"id": 3}', "x.jsonl")))
    x.jsonl at line 1: no cable text: the object has none of the keys text, content, \
html, body (a string)
    """
    yield from _read_records(text.split("\n"), origin, feed=None)


def stream_json_lines(
    stream: Readable, origin: str, *, max_row_bytes: int, max_line_chars: int
) -> Iterator[RawCable | Reject]:
    """Like :func:`read_json_lines`, reading a byte stream line by line.

    A line is a whole record here, so it may be up to ``max_row_bytes`` long
    (``max_line_chars`` then applies to the cable text inside, checked by the caller).

    Examples
    --------
    >>> import io
    >>> data = io.BytesIO(b'{"text": "A"}\\n{"text": "B"}')
    >>> [raw.text for raw in stream_json_lines(data, "x", max_row_bytes=99, max_line_chars=9)]
    ['A', 'B']
    """
    del max_line_chars  # the record's own text is checked by the caller
    feed = LineFeed(stream, origin, max_row_bytes, max_row_bytes)
    yield from _read_records(feed, origin, feed=feed)


def _read_records(
    lines: Iterable[str], origin: str, feed: LineFeed | None
) -> Iterator[RawCable | Reject]:
    records = 0
    try:
        for number, line in enumerate(lines, start=1):
            if feed is not None:
                feed.row_done()
            if not line.strip():
                continue
            records += 1
            where = f"line {number}"
            try:
                record = json.loads(line)
            except ValueError as exc:
                yield Reject(origin, f"not valid JSON: {exc}", position=where)
                continue
            if not isinstance(record, dict):
                yield Reject(
                    origin, f"a JSON line must be an object, got {type(record).__name__}", where
                )
                continue
            yield _record_cable(record, origin, number)
        if not records:
            yield Reject(origin, "empty: no JSON records")
    except SourceError as exc:
        yield Reject(origin, f"{exc.reason}; rest of the file not read", position=exc.position)


def _record_cable(record: dict[str, Any], origin: str, number: int) -> RawCable | Reject:
    metadata: dict[str, Any] = {}
    for key, value in record.items():
        field = _ALIASES.get(key, key)
        if field in _CABLE_FIELDS and value is not None:
            metadata[field] = value
    if isinstance(metadata.get("created"), str):
        metadata["created"] = iso_minutes(metadata["created"]) or metadata["created"]
    text = _record_text(record)
    if text is None:
        return Reject(
            origin,
            f"no cable text: the object has none of the keys {', '.join(_TEXT_KEYS)} (a string)",
            position=f"line {number}",
            cable_id=metadata.get("reference_id"),
        )
    return RawCable(
        text=normalize_newlines(text),
        origin=f"{origin}#line={number}",
        format="jsonl",
        metadata=metadata,
    )


def _record_text(record: dict[str, Any]) -> str | None:
    header, body = record.get("header"), record.get("body")
    if isinstance(header, str) and isinstance(body, str):
        return header.strip("\n") + "\n\n" + body.strip("\n")
    for key in _TEXT_KEYS:
        if isinstance(record.get(key), str):
            return str(record[key])
    return None
