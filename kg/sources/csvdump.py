"""The Cablegate CSV dump (``cables.csv``): one RawCable per row.

Columns: id, date, refid, origin, classification, references, header, body. The original
file has no header row (one is accepted, and then columns may come in any order), quotes
every field, escapes quotes with a backslash (``\\"``; a doubled ``""`` is accepted too)
and keeps the header and body as multi-line fields. Each row becomes a RawCable whose
text is header + blank line + body and whose metadata carries the columns under
:class:`kg.model.Cable` field names. Registered as the ``csv`` reader by
:mod:`kg.sources.readers`.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from kg.errors import SourceError
from kg.model import RawCable, Reject
from kg.sources.decode import normalize_newlines
from kg.sources.lines import LineFeed, Readable

__all__ = ["COLUMNS", "iso_minutes", "read_csv_dump", "stream_csv_dump"]


COLUMNS = ("id", "date", "refid", "origin", "classification", "references", "header", "body")
_DEFAULT_COLUMNS = {name: i for i, name in enumerate(COLUMNS)}
_METADATA_COLUMNS = {
    "refid": "reference_id",
    "origin": "origin",
    "classification": "classification",
}
_DATE_FORMATS = ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M")
_REFERENCE_SPLIT = re.compile(r"[|,;\s]+")


def _raise_field_limit() -> None:
    # The csv module refuses fields over 128 KiB by default; a cable body can be far
    # longer. Member size is already bounded by sources.max_member_bytes.
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


_raise_field_limit()


def read_csv_dump(text: str, origin: str) -> Iterator[RawCable | Reject]:
    """Yield one RawCable per row of a Cablegate CSV dump, a Reject per bad row.

    Parameters
    ----------
    text : str
        The decoded CSV text.
    origin : str
        Where it came from; each row's origin is ``origin#row=N``.

    Returns
    -------
    Iterator[RawCable | Reject]
        RawCables of format ``csv`` with metadata ``reference_id``, ``created`` (ISO
        ``YYYY-MM-DDTHH:MM``), ``origin``, ``classification`` and ``references`` (list).

    Examples
    --------
    >>> row = '"7","12/28/1966 18:48","66BUENOSAIRES2481","Embassy Buenos Aires",'
    >>> row += '"UNCLASSIFIED","","R 281848Z DEC 66","SAID \\\\"NO\\\\".\\nEND"\\n'
    >>> cable = next(read_csv_dump(row, "cables.csv"))
    >>> cable.metadata["created"], cable.metadata["reference_id"]
    ('1966-12-28T18:48', '66BUENOSAIRES2481')
    >>> cable.text
    'R 281848Z DEC 66\\n\\nSAID "NO".\\nEND'
    """
    yield from _read_rows(io.StringIO(text, newline=""), origin, feed=None)


def stream_csv_dump(
    stream: Readable, origin: str, *, max_row_bytes: int, max_line_chars: int
) -> Iterator[RawCable | Reject]:
    """Like :func:`read_csv_dump`, but reading a byte stream row by row.

    For the whole dump (``cables.csv`` is 1.6 GB): memory holds one row at a time.
    Each line is decoded on its own (UTF-8, else cp1252, else latin-1).

    Parameters
    ----------
    stream : Readable
        Bytes, from a file or an archive member.
    origin : str
        Where it came from.
    max_row_bytes : int
        A row (one cable) larger than this stops the reading with a Reject: an
        unclosed quote would otherwise swallow the rest of the file into one field.
    max_line_chars : int
        A physical line longer than this stops the reading with a Reject.

    Examples
    --------
    >>> data = io.BytesIO(b'1,12/28/1966 18:48,66BUENOSAIRES2481,"Embassy X",U,,"H","B\\r\\nC"\\n')
    >>> next(stream_csv_dump(data, "c.csv", max_row_bytes=999, max_line_chars=99)).text
    'H\\n\\nB\\nC'
    """
    feed = LineFeed(stream, origin, max_row_bytes, max_line_chars)
    yield from _read_rows(feed, origin, feed=feed)


def _read_rows(
    lines: Iterator[str], origin: str, feed: LineFeed | None
) -> Iterator[RawCable | Reject]:
    reader = csv.reader(lines, escapechar="\\", strict=False)
    columns = _DEFAULT_COLUMNS
    row_number = 0
    try:
        for row in reader:
            if feed is not None:
                feed.row_done()
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            row_number += 1
            if row_number == 1 and _is_header(row):
                header_columns = _header_columns(row)
                if isinstance(header_columns, str):
                    yield Reject(origin, header_columns, position="row 1")
                    return
                columns = header_columns
                continue
            yield _row_cable(row, columns, origin, row_number)
        if row_number == 0 or (row_number == 1 and columns is not _DEFAULT_COLUMNS):
            yield Reject(origin, "empty: no cable rows")
    except csv.Error as exc:
        yield Reject(
            origin,
            f"not readable as CSV: {exc}; rest of the file not read",
            position=f"row {row_number + 1} (line {reader.line_num})",
        )
    except SourceError as exc:
        yield Reject(
            origin,
            f"{exc.reason}; rest of the file not read",
            position=f"row {row_number + 1} ({exc.position})",
        )


def _is_header(row: list[str]) -> bool:
    return not row[0].strip().isdigit()


def _header_columns(row: list[str]) -> dict[str, int] | str:
    names = [name.strip().lower() for name in row]
    missing = [name for name in ("refid", "header", "body") if name not in names]
    if missing:
        return (
            f"not a Cablegate CSV dump: the header row has columns {names}; "
            f"expected {list(COLUMNS)} (missing {missing})"
        )
    return {name: i for i, name in enumerate(names) if name in COLUMNS}


def _row_cable(
    row: list[str], columns: dict[str, int], origin: str, row_number: int
) -> RawCable | Reject:
    where = f"row {row_number}"
    if len(row) < len(columns):
        return Reject(
            origin,
            f"row has {len(row)} columns; a Cablegate CSV row has {len(columns)}: "
            f"{', '.join(sorted(columns, key=columns.__getitem__))}",
            position=where,
        )
    values = {name: row[i] for name, i in columns.items()}
    metadata: dict[str, Any] = {
        field: values[name].strip()
        for name, field in _METADATA_COLUMNS.items()
        if values.get(name, "").strip()
    }
    created = iso_minutes(values.get("date", ""))
    if created:
        metadata["created"] = created
    references = [ref for ref in _REFERENCE_SPLIT.split(values.get("references", "")) if ref]
    metadata["references"] = references
    text = normalize_newlines(values["header"]).strip("\n") + "\n\n"
    text += normalize_newlines(values["body"]).strip("\n")
    if not text.strip():
        return Reject(
            origin,
            "row has an empty header and body",
            position=where,
            cable_id=metadata.get("reference_id"),
        )
    return RawCable(text=text, origin=f"{origin}#row={row_number}", format="csv", metadata=metadata)


def iso_minutes(value: str) -> str | None:
    """Turn the dump's ``12/28/1966 18:48`` (or an ISO date-time) into ``1966-12-28T18:48``.

    Examples
    --------
    >>> iso_minutes("12/28/1966 18:48"), iso_minutes("2006-02-22 15:46:00")
    ('1966-12-28T18:48', '2006-02-22T15:46')
    >>> iso_minutes("yesterday") is None
    True
    """
    value = value.strip().replace("T", " ")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).strftime("%Y-%m-%dT%H:%M")
        except ValueError:
            continue
    return None
