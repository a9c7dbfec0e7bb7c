"""Cheap building blocks the field parsers share: page-break removal and anchored scans.

A cable is parsed by a dozen field parsers; scanning its ~8 KB body with a regular
expression that cannot start from a literal (a look-behind, an alternation, a
case-insensitive word) costs ~0.1 ms a pass, which at thousands of cables a second is the
whole budget. The helpers here let a parser find the few places worth a full match with
``str.find`` or a literal-prefix pattern first (both run at memory speed), then run the full
pattern only there, with exactly the result a whole-text scan would give.

:func:`drop_page_breaks` removes page-break lines (``ASTANA 00000367  002.2 OF 002``, ``PAGE
02 STATE 015113 182333Z``); :class:`PreparedBody` is a body with page breaks and pilcrows
removed, its lower-case twin and its lines, computed once per cable by
:mod:`kg.parse.cable` and accepted by the :mod:`kg.parse.body` functions in place of a
string. Called by :mod:`kg.parse.cable`, :mod:`kg.parse.body` and :mod:`kg.parse.subject`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = [
    "PreparedBody",
    "drop_inline_page_breaks",
    "drop_page_breaks",
    "drop_short_page_breaks",
    "find_all",
    "iter_matches",
    "lower_same_length",
    "prepare_body",
]

# Bodies longer than this are cut for the section, paragraph and signature parsers.
MAX_BODY = 400_000

# "ASTANA 00000367  002.2 OF 002", "Berlin 00001162 002 of 004": new-style page breaks,
# removed with their line end.
_PAGE_BREAK = re.compile(
    r"^[ \t]*[A-Za-z][A-Za-z .'\-]{1,40}[ \t]+[0-9]{3,8}[ \t]+[0-9]{3}(?:\.[0-9])?[ \t]+"
    r"(?:OF|of)[ \t]+[0-9]{3}[ \t]*$\n?",
    re.MULTILINE,
)
# "PAGE 02        STATE   015113  182333Z": old-style page breaks, on their own line.
_OLD_PAGE_BREAK = re.compile(
    r"^[ \t]*PAGE[ \t]+[0-9]+[ \t]+[A-Z][A-Z ]*?[ \t]+[0-9]+[ \t]+.*?[0-9]{6}Z[ \t]*$\n?",
    re.MULTILINE,
)
# Shorter page numbers ("ROME 00001196 002 OF 2") and the page-numbered old style
# ("PAGE 02 ROME 01196 01 OF 02 082030Z"): the line is emptied, its end kept.
_SHORT_PAGE_BREAK = re.compile(
    r"^[ \t]*(?:"
    r"[A-Z][A-Z .'-]{0,40}?[ \t]+0{2,}\d+[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{1,3}"
    r"|PAGE[ \t]+\d+[ \t]+[A-Z][A-Z ]{0,30}?[ \t]+\d+[ \t]+(?:\d+[ \t]+OF[ \t]+\d+[ \t]+)?\d{6}Z"
    r")[ \t]*$",
    re.MULTILINE,
)
# Literal-prefix patterns that hit every line a page-break pattern can match.
_OF_3 = (
    re.compile(r"OF[ \t]+[0-9]{3}[ \t]*$", re.MULTILINE),
    re.compile(r"of[ \t]+[0-9]{3}[ \t]*$", re.MULTILINE),
)
_OF_1_3 = (re.compile(r"OF[ \t]+\d{1,3}[ \t]*$", re.MULTILINE),)
_PAGE = (re.compile(r"PAGE[ \t]+\d"),)
# A page break the page's markup glued into a line ("... the MLAT it signed in 2003 BERN
# 00000141 002 OF 004 was the first ..."): found by its zero-padded serial and page numbers,
# then the station name (at most ten characters: "BUENOS AIR") is taken back from before it.
_INLINE_PAGE_NUMBERS = re.compile(
    r"00+[0-9]+[ \t]+[0-9]{3}(?:\.[0-9])?[ \t]+OF[ \t]+[0-9]{1,3}(?![0-9])"
)
_STATION_BEFORE = re.compile(r"(?<![A-Za-z])[A-Z][A-Z .'\-]{0,9}?[ \t]+$")


def _line_starts(text: str, anchors: Iterable[re.Pattern[str]]) -> list[int]:
    starts = {text.rfind("\n", 0, m.start()) + 1 for a in anchors for m in a.finditer(text)}
    return sorted(starts)


def _drop_lines(text: str, starts: list[int], patterns: tuple[re.Pattern[str], ...]) -> str:
    """Remove what the first of ``patterns`` matching at each line start matches."""
    pieces: list[str] = []
    last = 0
    for start in starts:
        if start < last:
            continue
        match = next((m for p in patterns if (m := p.match(text, start))), None)
        if match is not None:
            pieces.append(text[last:start])
            last = match.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def drop_page_breaks(text: str) -> str:
    """Return ``text`` without its page-break lines.

    Same result as removing every line the page-break patterns match, line end included,
    but only lines ending in ``OF nnn`` or holding ``PAGE n`` are tried.

    Examples
    --------
    >>> drop_page_breaks("A\\nASTANA 00000367  002.2 OF 002\\nB\\nPAGE 02 STATE 015113 182333Z\\nC")
    'A\\nB\\nC'
    """
    starts = _line_starts(text, _OF_3 + _PAGE)
    return _drop_lines(text, starts, (_PAGE_BREAK, _OLD_PAGE_BREAK)) if starts else text


def drop_short_page_breaks(text: str) -> str:
    """Empty the page-break lines :func:`drop_page_breaks` leaves (``ROME 00001196 002 OF 2``).

    Examples
    --------
    >>> drop_short_page_breaks("A\\nROME 00001196 002 OF 2\\nB")
    'A\\n\\nB'
    """
    starts = _line_starts(text, _OF_1_3 + _PAGE)
    return _drop_lines(text, starts, (_SHORT_PAGE_BREAK,)) if starts else text


def drop_inline_page_breaks(text: str) -> str:
    """Return ``text`` without the page breaks glued into its lines.

    Examples
    --------
    >>> drop_inline_page_breaks("signed in 2003 BERN 00000141 002 OF 004 was the first")
    'signed in 2003 was the first'
    >>> drop_inline_page_breaks("BRASILIA 00000469 002 OF 009 ----\\nSTATE 15113 of 300")
    '----\\nSTATE 15113 of 300'
    """
    pieces: list[str] = []
    last = 0
    for numbers in _INLINE_PAGE_NUMBERS.finditer(text):
        window = max(last, numbers.start() - 12)
        station = _STATION_BEFORE.search(text, window, numbers.start())
        if station is None:
            continue
        start, end = station.start(), numbers.end()
        # keep one space between the words on either side, none at a line's edge
        while start > last and text[start - 1] in " \t":
            start -= 1
        at_line_start = start == 0 or text[start - 1] == "\n"
        if at_line_start:
            while end < len(text) and text[end] in " \t":
                end += 1
        pieces.append(text[last:start])
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def lower_same_length(text: str) -> str:
    """Return ``text`` lower-cased with every offset unchanged.

    Examples
    --------
    >>> lower_same_length("İSTANBUL Comment")
    'İstanbul comment'
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters ("İ") lower-case to two; keep offsets aligned by lowering ASCII only.
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def find_all(
    lowered: str, words: Iterable[str], start: int = 0, end: int | None = None
) -> list[int]:
    """Return the sorted offsets of every occurrence of each lower-case word in ``lowered``."""
    stop = len(lowered) if end is None else end
    found: set[int] = set()
    for word in words:
        position = lowered.find(word, start, stop)
        while position >= 0:
            found.add(position)
            position = lowered.find(word, position + 1, stop)
    return sorted(found)


def iter_matches(
    pattern: re.Pattern[str], text: str, starts: Iterable[int], end: int | None = None
) -> Iterator[re.Match[str]]:
    """Yield what ``pattern.finditer(text, 0, end)`` would, trying only at ``starts`` (sorted).

    ``starts`` must hold every offset where a match can begin (for a pattern that opens
    with ``SUMMARY`` or ``BEGIN``, every occurrence of those words); look-behinds still see
    the text before each offset.

    Examples
    --------
    >>> pattern = re.compile(r"(?<![A-Z])REF:", re.IGNORECASE)
    >>> text = "PREF: x. Ref: y"
    >>> [m.start() for m in iter_matches(pattern, text, find_all(text.lower(), ["ref"]))]
    [9]
    """
    last = 0
    stop = len(text) if end is None else end
    for start in starts:
        if start < last:
            continue
        match = pattern.match(text, start, stop)
        if match is not None:
            yield match
            last = max(match.end(), start + 1)


@dataclass(frozen=True, slots=True)
class PreparedBody:
    """A body as the body-side parsers read it, computed once per cable."""

    text: str  # page breaks and pilcrows removed, cut at MAX_BODY
    lowered: str  # ``text`` lower-cased, same offsets
    lines: list[str]


def prepare_body(body: str | PreparedBody) -> PreparedBody:
    """Return ``body`` ready for the body-side parsers (a prepared body is returned as is).

    Examples
    --------
    >>> prepare_body("1. (C) A\\u00b6\\nROME 00001196 002 OF 2\\nB").lines
    ['1. (C) A', '', 'B']
    """
    if isinstance(body, PreparedBody):
        return body
    text = drop_inline_page_breaks(drop_short_page_breaks(body[:MAX_BODY].replace("¶", "")))
    return PreparedBody(text=text, lowered=lower_same_length(text), lines=text.split("\n"))
