"""Lines from a byte stream, decoded one by one, for the formats read as streams.

Owns reading the CSV dump and JSON lines without holding the file: bytes arrive in
chunks, each line is decoded on its own (UTF-8, else cp1252, else latin-1), and a line
or a record (a CSV row spans lines) over its limit stops the reading with a
:class:`~kg.errors.SourceError` instead of filling memory. Used by
:mod:`kg.sources.csvdump` and :mod:`kg.sources.jsonl`.
"""

from __future__ import annotations

from collections import deque
from typing import Protocol

from kg.errors import SourceError

__all__ = ["LineFeed", "Readable", "decode_line"]

_CHUNK = 1 << 20


class Readable(Protocol):
    """Anything with ``read(size)`` returning bytes: a file, an archive member."""

    def read(self, size: int = -1, /) -> bytes: ...


class LineFeed:
    """Decoded lines of a byte stream; refuses a line or a record over its limit.

    Iterate it for lines (each ending in ``\\n`` but the last); call
    :meth:`row_done` when a record is complete, so the next one is measured afresh.

    Examples
    --------
    >>> import io
    >>> list(LineFeed(io.BytesIO(b"a\\r\\n\\xe9\\n"), "x", max_row_bytes=99, max_line_chars=9))
    ['a\\r\\n', 'é\\n']
    """

    def __init__(
        self, stream: Readable, origin: str, max_row_bytes: int, max_line_chars: int
    ) -> None:
        self.stream = stream
        self.origin = origin
        self.max_row_bytes = max_row_bytes
        self.max_line_chars = max_line_chars
        self.pending: deque[bytes] = deque()
        self.partial = b""
        self.eof = False
        self.line = 0
        self.row_bytes = 0

    def __iter__(self) -> LineFeed:
        return self

    def __next__(self) -> str:
        while not self.pending:
            if self.eof:
                raise StopIteration
            self._fill()
        raw = self.pending.popleft()
        self.line += 1
        self.row_bytes += len(raw)
        if len(raw) > self.max_line_chars:
            self._refuse(
                f"line {self.line} is longer than {self.max_line_chars} characters "
                "(sources.max_line_chars)"
            )
        if self.row_bytes > self.max_row_bytes:
            self._refuse(
                f"row is larger than {self.max_row_bytes} bytes "
                "(sources.max_member_bytes; an unclosed quote?)"
            )
        text = decode_line(raw)
        return text[1:] if self.line == 1 and text.startswith("\ufeff") else text

    def row_done(self) -> None:
        """Start measuring a new record."""
        self.row_bytes = 0

    def _fill(self) -> None:
        chunk = self.stream.read(_CHUNK)
        if not chunk:
            self.eof = True
            if self.partial:
                self.pending.append(self.partial)
                self.partial = b""
            return
        lines = (self.partial + chunk).split(b"\n")
        self.partial = lines.pop()
        self.pending.extend(line + b"\n" for line in lines)
        if len(self.partial) > self.max_line_chars:
            self.line += len(self.pending) + 1
            self._refuse(
                f"line {self.line} is longer than {self.max_line_chars} characters "
                "(sources.max_line_chars)"
            )

    def _refuse(self, reason: str) -> None:
        raise SourceError(reason, source=self.origin, position=f"line {self.line}")


def decode_line(raw: bytes) -> str:
    """Decode one line: UTF-8, else cp1252, else latin-1 (which maps every byte)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")
