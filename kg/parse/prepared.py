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
    "drop_section_heads",
    "drop_short_page_breaks",
    "find_all",
    "first_match",
    "folded",
    "iter_find",
    "iter_matches",
    "lower_same_length",
    "prepare_body",
    "prepared_lines",
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
    r"00[0-9]+[ \t]+[0-9]{3}(?:\.[0-9])?[ \t]+OF[ \t]+[0-9]{1,3}(?![0-9])"
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


# Old telegrams sent in sections repeat the whole head in each section after the first:
# routing block, FM / TO / INFO, the banner "C O N F I D E N T I A L SECTION 02 OF 03 ROME
# 003639", caveats, office addressees, E.O., TAGS and SUBJECT, then the text goes on mid-sentence.
_SECTION_BANNER = re.compile(
    r"[^\n]*\bSECTION[ \t]+0*(?P<n>[0-9]{1,3})[ \t]+OF[ \t]+0*[0-9]{1,3}\b[^\n]*"
)
_HEAD_BLOCK_LINE = re.compile(
    r"[ \t]*(?:E\.?[ \t]?O\.?[ \t]*1[0-9]{4}|EO[ \t]+1[0-9]{4}|TAGS?\b|S?UBJ(?:ECT)?\b"
    r"|REF(?:S|TELS?)?\b|CLASSIFIED[ \t]+BY)",
    re.IGNORECASE,
)
_FM_LINE = re.compile(r"[ \t]*FM[ \t]+[A-Z]")
# What stands above the FM line of a repeated head: date-time group, routing and
# distribution lines ("INFO  LOG-00  NP-00", "SAS-00 /018W", "----CF2A6B  231627Z /38").
_ROUTING_LINE = re.compile(
    r"[ \t]*(?:$"
    r"|ACTION[ \t]+[A-Z0-9]+-[0-9]{2}\b.*|INFO[ \t]+LOG-[0-9]{2}\b.*"
    r"|[OPRZ]{1,2}[ \t]+[0-9]{6}Z[ \t]+[A-Z]{3}[ \t]+[0-9]{2}\b.*"
    r"|-{3,}[A-Z0-9]*[ \t]+[0-9]{6}Z[ \t]+/[0-9]{2}\b.*"
    r"|(?:[A-Z0-9/]{1,8}-[0-9]{2}[ \t]*)+(?:/[0-9]{3}W)?[ \t]*$"
    r"|PAGE[ \t]+[0-9]+[ \t]+[A-Z][A-Z ]*?[ \t]+[0-9]+[ \t]+(?:[0-9]+[ \t]+OF[ \t]+[0-9]+[ \t]+)?"
    r"[0-9]{6}Z(?:[ \t]+ACTION[ \t]+[A-Z0-9]+-[0-9]{2})?[ \t]*$"
    r"|(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)(?:[ \t]+PTQ[0-9]+)?[ \t]*$)"
)
_MAX_HEAD_LINES = 80
_FIRST_PARAGRAPH = re.compile(r"(?m)^[ \t]*1[ \t]*\.(?![0-9])")
_FIRST_HEAD_CHARS = 8000


def _lines_before(text: str, end: int, count: int) -> list[tuple[int, str]]:
    """Up to ``count`` ``(offset, line)`` pairs ending at offset ``end``, nearest first."""
    found: list[tuple[int, str]] = []
    while end > 0 and len(found) < count:
        start = text.rfind("\n", 0, end - 1) + 1
        found.append((start, text[start : end - 1]))
        end = start
    return found


def _first_head_lines(text: str) -> frozenset[str]:
    """The lines of the cable's own head (banner to the first numbered paragraph), stripped."""
    first = _FIRST_PARAGRAPH.search(text, 0, _FIRST_HEAD_CHARS)
    return frozenset(line.strip() for line in text[: first.start() if first else 0].split("\n"))


def _is_fm_line(line: str) -> bool:
    # a routing block the page collapsed onto one line: "INFO LOG-00 ... FM AMEMBASSY X TO ..."
    return bool(_FM_LINE.match(line)) or (" FM " in line and bool(_ROUTING_LINE.match(line)))


def _repeated_head(
    text: str, banner: re.Match[str], first_head: frozenset[str]
) -> tuple[int, int] | None:
    """The span of the section head around ``banner``, or None when it heads nothing."""
    # forward: caveats and addressees, then the E.O. / TAGS / SUBJECT / REF lines and their
    # continuations as the cable's own head has them; the text goes on at the next other line
    position, seen_head, end = banner.end() + 1, False, None
    for _ in range(_MAX_HEAD_LINES):
        if position >= len(text):
            end = len(text)
            break
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        line = text[position:line_end]
        if _HEAD_BLOCK_LINE.match(line):
            seen_head = True
        elif line.strip() and line.strip() not in first_head:
            if seen_head:
                end = position
                break
            if any(c.islower() for c in line):
                return None
        position = line_end + 1
    if end is None or not seen_head:
        return None
    # backward: addressee lines up to FM, then the routing block above it
    start = banner.start()
    lines = _lines_before(text, banner.start(), _MAX_HEAD_LINES)
    fm = next((i for i, (_, line) in enumerate(lines) if _is_fm_line(line)), None)
    if fm is not None and not any(any(c.islower() for c in line) for _, line in lines[:fm]):
        start = lines[fm][0]
        for offset, line in lines[fm + 1 :]:
            if not _ROUTING_LINE.match(line):
                break
            start = offset
    return start, end


def drop_section_heads(text: str) -> str:
    """Return ``text`` without the heads an old telegram repeats in each later section.

    Examples
    --------
    >>> text = ("SUBJECT: BOSSI ON ITALIAN POLITICS\\n\\n1. THE MINISTER SAID THE\\n \\n"
    ...         "P 231625Z JUL 02\\nFM AMEMBASSY ROME\\nTO SECSTATE WASHDC\\n \\n"
    ...         "C O N F I D E N T I A L SECTION 02 OF 03 ROME 003639\\n \\nSIPDIS\\n \\n"
    ...         "E.O. 12958: DECL: 07/19/2012\\nTAGS: PGOV IT\\n"
    ...         "SUBJECT: BOSSI ON ITALIAN POLITICS\\nCOURT WOULD CHANGE.")
    >>> drop_section_heads(text)[35:]
    '\\n1. THE MINISTER SAID THE\\nCOURT WOULD CHANGE.'
    """
    pieces: list[str] = []
    last = 0
    first_head: frozenset[str] | None = None
    start = text.find("SECTION")
    while start >= 0:
        line_start = text.rfind("\n", 0, start) + 1
        start = text.find("SECTION", start + 7)
        if line_start < last:
            continue
        banner = _SECTION_BANNER.match(text, line_start)
        if banner is None or int(banner["n"]) < 2:
            continue
        first_head = _first_head_lines(text) if first_head is None else first_head
        span = _repeated_head(text, banner, first_head)
        if span is None or span[0] < last:
            continue
        pieces.append(text[last : span[0]])
        last = span[1]
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def drop_inline_page_breaks(text: str) -> str:
    """Return ``text`` without the page breaks glued into its lines.

    Examples
    --------
    >>> drop_inline_page_breaks("signed in 2003 BERN 00000141 002 OF 004 was the first")
    'signed in 2003 was the first'
    >>> drop_inline_page_breaks("BRASILIA 00000469 002 OF 009 ----\\nSTATE 15113 of 300")
    '----\\nSTATE 15113 of 300'
    """
    if "OF" not in text:  # every page break says "002 OF 004"
        return text
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
    return list(iter_find(lowered, words, start, end))


def iter_find(
    lowered: str, words: Iterable[str], start: int = 0, end: int | None = None
) -> Iterator[int]:
    """Yield what :func:`find_all` returns, one offset at a time.

    Lazy: a caller that stops at the first good offset (the first ``END SUMMARY`` after
    the summary opens) never scans the rest of the body.

    Examples
    --------
    >>> list(iter_find("summary. begin summary", ["begin", "summ"]))
    [0, 9, 15]
    """
    stop = len(lowered) if end is None else end
    # the next offset of each word still to be found
    heads = {word: found for word in words if (found := lowered.find(word, start, stop)) >= 0}
    last = -1
    while heads:
        word = min(heads, key=heads.__getitem__)
        position = heads[word]
        if position != last:
            yield position
            last = position
        following = lowered.find(word, position + 1, stop)
        if following < 0:
            del heads[word]
        else:
            heads[word] = following


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


# Characters a case-insensitive pattern matches to an ASCII letter although their lower case
# is no ASCII letter ("ı", "ſ"), or that lower-case to an ASCII letter ("K") or to two
# characters ("İ"). Without them, a lower-cased copy matches a lower-case pattern exactly
# where the text matches the pattern with IGNORECASE.
_FOLD_TRAPS = ("\u0130", "\u0131", "\u017f", "\u212a")


def folded(text: str) -> str | None:
    """Return ``text`` lower-cased, or None when a lower-cased copy may match differently.

    A pattern written in lower case without upper-case escapes (``\\S``, ``\\W``...)
    and without letter classes, compiled without ``re.IGNORECASE``, finds in the result
    exactly the matches (same offsets, same groups up to case) its ``re.IGNORECASE`` twin
    finds in ``text``, and finds them several times faster. None (rare: a dotted or
    dotless i, a long s, a Kelvin sign) tells the caller to search ``text`` itself.

    Examples
    --------
    >>> folded("E.O. 12958: DECL"), folded("\u0130STANBUL")
    ('e.o. 12958: decl', None)
    """
    if text.isascii() or not any(trap in text for trap in _FOLD_TRAPS):
        return text.lower()
    return None


def first_match(
    pattern: re.Pattern[str],
    text: str,
    words: tuple[str, ...],
    end: int | None = None,
    chunk: int = 2048,
) -> re.Match[str] | None:
    """Return ``pattern.search(text, 0, end)`` for a pattern whose matches begin with ``words``.

    The same as ``next(iter_matches(pattern, text, find_all(lower_same_length(text),
    words), end), None)``: every match must begin with one of the lower-case ``words``
    (case aside). The text is lower-cased a chunk at a time, so a match near the top (the
    usual place of a head line) costs no pass over the whole body.

    Examples
    --------
    >>> first_match(re.compile(r"S?UBJ:", re.I), "TAGS X SUBJ: y", ("subj", "ubj")).start()
    7
    """
    stop = len(text) if end is None else min(end, len(text))
    if not text.isascii() and any(trap in text for trap in _FOLD_TRAPS):
        # "ſUBJ" matches case-insensitively, yet holds no "subj" once lower-cased
        return pattern.search(text, 0, stop)
    overlap = max(map(len, words)) - 1
    for low in range(0, stop, chunk):
        high = min(low + chunk, stop)
        piece = lower_same_length(text[low : high + overlap])
        for position in iter_find(piece, words, 0, high - low + overlap):
            if position >= high - low:
                break
            match = pattern.match(text, low + position, stop)
            if match is not None:
                return match
    return None


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
    text = _prepared_text(body)
    return PreparedBody(text=text, lowered=lower_same_length(text), lines=text.split("\n"))


def prepared_lines(body: str) -> list[str]:
    """Return ``prepare_body(body).lines`` without making the lower-cased copy.

    Examples
    --------
    >>> prepared_lines("A\\u00b6\\nROME 00001196 002 OF 2\\nB")
    ['A', '', 'B']
    """
    return _prepared_text(body).split("\n")


def _prepared_text(body: str) -> str:
    text = drop_short_page_breaks(body[:MAX_BODY].replace("¶", ""))
    return drop_section_heads(drop_inline_page_breaks(text))
