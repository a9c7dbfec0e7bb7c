"""Which kind of cable text a member holds: ``html``, ``text``, ``body``, ``csv``, ``jsonl``.

Owns the sniffing rules; :mod:`kg.sources` calls :func:`detect_format` once per member
when ``sources.format`` is ``auto``. The parser may call it too, for the text a CSV row or
a JSON record carries. Only the head of the text is looked at, so sniffing is cheap.
"""

from __future__ import annotations

import json
import re

__all__ = ["FORMATS", "detect_format"]

FORMATS = ("html", "text", "body", "csv", "jsonl")

_HEAD_CHARS = 20_000
_SUFFIX_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_HTML_START = ("<?xml", "<!doctype", "<html")
_HTML_TAG = re.compile(r"<html[\s>]|<body[\s>]", re.IGNORECASE)
# The Cablegate dump's first columns: a numeric id and a US-style date (with or
# without quotes), or a header row naming them.
_CSV_ROW = re.compile(r'"?\d+"?,"?\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}"?,')
_CSV_HEADER = re.compile(r'"?id"?,"?date"?,"?refid"?,', re.IGNORECASE)
# Lines only a telegram header (or the WikiLeaks metadata table before it) has.
_HEADER_MARKERS = (
    re.compile(r"^\s*VZCZC", re.MULTILINE),
    re.compile(r"^FM [A-Z]", re.MULTILINE),
    re.compile(r"^TO [A-Z]", re.MULTILINE),
    re.compile(r"^[ZOPR]{1,2} \d{6}Z [A-Z]{3} \d{2}\s*$", re.MULTILINE),
    re.compile(r"^Reference ID\s+Created\s+Released", re.MULTILINE),
)
_BODY_START = re.compile(r"^\s*(?:TAGS|SUBJECT)\b", re.MULTILINE)


def detect_format(text: str, name: str = "") -> str:
    """Guess the format of one member from its name and the head of its text.

    Parameters
    ----------
    text : str
        The decoded text of the member.
    name : str
        The member's file name; ``.csv``, ``.jsonl`` and ``.ndjson`` decide by themselves.

    Returns
    -------
    str
        ``csv`` (the Cablegate dump), ``jsonl`` (one JSON object a line), ``html`` (a
        web page, e.g. a WikiLeaks cable page), ``text`` (a telegram with its routing
        header, possibly inside page boilerplate) or ``body`` (any other text: taken as
        the body of a cable without its header).

    Examples
    --------
    >>> detect_format('"1","12/28/1966 18:48","66BUENOSAIRES2481","Embassy Buenos Aires"')
    'csv'
    >>> detect_format("<?xml version='1.0' ?>\\n<html><title>Cable Viewer</title>")
    'html'
    >>> detect_format("VZCZCXRO4403\\nR 120428Z FEB 07\\nFM AMEMBASSY ASTANA\\n")
    'text'
    >>> detect_format("<code><pre>S E C R E T  ROME 001593\\nSUBJECT: IRAQ/ITALY")
    'body'
    >>> detect_format('{"text": "TAGS: PGOV"}')
    'jsonl'
    """
    for suffix, fmt in _SUFFIX_FORMATS.items():
        if name.lower().endswith(suffix):
            return fmt
    head = text[:_HEAD_CHARS]
    start = head.lstrip()
    if _CSV_ROW.match(start) or _CSV_HEADER.match(start):
        return "csv"
    if start.startswith("{") and _is_json_object(start.split("\n", 1)[0]):
        return "jsonl"
    if start[:16].lower().startswith(_HTML_START) or _HTML_TAG.search(head[:4096]):
        return "html"
    # A body-only text may quote a header further down (a leaked CSV row, a
    # forwarded cable); a telegram's own header comes before its TAGS and SUBJECT.
    body_start = _BODY_START.search(head)
    header = head[: body_start.start()] if body_start else head
    if sum(1 for marker in _HEADER_MARKERS if marker.search(header)) >= 2:
        return "text"
    return "body"


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False
