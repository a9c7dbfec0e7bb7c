"""Bytes to clean text: encodings, line endings, and the checks that refuse non-text.

Owns the step between reading a member's bytes and sniffing its format: UTF-8 (BOM
stripped) with cp1252 and then latin-1 as fallbacks, UTF-16 when a BOM says so, CRLF / CR /
U+2028 / U+2029 to LF, and refusing empty, binary and absurdly long-lined input with a
:class:`~kg.errors.SourceError` naming the position. Called by :mod:`kg.sources`.
HTML entities and tags are left alone: removing them is the parser's job.
"""

from __future__ import annotations

import codecs
import re

from kg.errors import SourceError

__all__ = ["check_line_lengths", "decode_bytes", "normalize_newlines"]

# Share of control characters (other than tab, newlines, form feed) above which decoded
# "text" is really binary that happened to decode as latin-1.
_MAX_CONTROL_SHARE = 0.05
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_C1_CONTROL = re.compile("[\x80-\x9f]")
_SAMPLE_CHARS = 65536


def decode_bytes(data: bytes, *, source: str = "<bytes>") -> str:
    """Decode a member's bytes to text with LF line endings.

    Parameters
    ----------
    data : bytes
        The raw bytes of one file or archive member.
    source : str
        Where the bytes came from, for error messages.

    Returns
    -------
    str
        The text: UTF-8 (BOM stripped), else cp1252, else latin-1; line endings LF.

    Raises
    ------
    SourceError
        If ``data`` is empty or blank, or is binary (a NUL byte, or mostly control
        characters once decoded).

    Examples
    --------
    >>> decode_bytes(b"\\xef\\xbb\\xbfTAGS: PGOV\\r\\nSUBJECT: X\\r\\n")
    'TAGS: PGOV\\nSUBJECT: X\\n'
    >>> decode_bytes(b"\\xb61. (C) \\x93quoted\\x94")  # cp1252, as in the New Delhi texts
    '¶1. (C) “quoted”'
    >>> decode_bytes(b"  \\n")
    Traceback (most recent call last):
    ...
    kg.errors.SourceError: <bytes>: empty: no text to read
    """
    if not data or data.isspace():  # not data.strip(): that copies the whole member
        raise SourceError("empty: no text to read", source=source)
    text, encoding = _decode(data, source)
    # Counted on the bytes where bytes are characters (C speed, the common case); C1
    # controls only appear after the latin-1 fallback.
    if encoding == "utf-16":
        sample_size = min(len(text), _SAMPLE_CHARS)
        controls = len(_CONTROL.findall(text[:_SAMPLE_CHARS]))
    else:
        sample = data[:_SAMPLE_CHARS]
        sample_size = len(sample)
        controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
        if encoding == "latin-1":
            controls += len(_C1_CONTROL.findall(text[:_SAMPLE_CHARS]))
    if controls > _MAX_CONTROL_SHARE * sample_size:
        raise SourceError(
            f"binary content: {controls} of the first {sample_size} characters are control "
            "characters; expected text",
            source=source,
        )
    return normalize_newlines(text)


def _decode(data: bytes, source: str) -> tuple[str, str]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise SourceError(
                f"undecodable: UTF-16 byte order mark but invalid UTF-16 ({exc.reason})",
                source=source,
                position=f"byte {exc.start}",
            ) from exc
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SourceError(
            "binary content: NUL byte; expected text", source=source, position=f"byte {nul}"
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte.
        return data.decode("latin-1"), "latin-1"


def normalize_newlines(text: str) -> str:
    r"""Turn CRLF, CR, U+2028 and U+2029 into LF.

    Examples
    --------
    >>> normalize_newlines("a\r\nb\rc\u2028d\u2029e")
    'a\nb\nc\nd\ne'
    """
    # str.replace runs in C and beats one regex substitution several times over.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text:
        text = text.replace("\u2028", "\n")
    if "\u2029" in text:
        text = text.replace("\u2029", "\n")
    return text


def check_line_lengths(text: str, limit: int, *, source: str = "<text>") -> None:
    """Refuse ``text`` if a line is longer than ``limit`` characters.

    Scans newline to newline (linear time, no copies), so a 50 MB single line is
    refused in milliseconds, before any regular expression of the parser sees it.

    Raises
    ------
    SourceError
        Naming the first line over the limit and its length.

    Examples
    --------
    >>> check_line_lengths("short\\n" + "x" * 12, 10)
    Traceback (most recent call last):
    ...
    kg.errors.SourceError: <text> at line 2: line 2 is 12 characters long; limit 10 \
(sources.max_line_chars)
    """
    if len(text) <= limit:
        return
    start = 0
    line = 1
    end = len(text)
    while start < end:
        stop = text.find("\n", start)
        if stop < 0:
            stop = end
        if stop - start > limit:
            raise SourceError(
                f"line {line} is {stop - start} characters long; limit {limit} "
                "(sources.max_line_chars)",
                source=source,
                position=f"line {line}",
            )
        start = stop + 1
        line += 1
