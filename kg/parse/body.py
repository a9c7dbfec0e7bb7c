"""The body of a telegram: numbered paragraphs, summary, comment, signature, clean text.

Called by :func:`kg.parse.cable.parse_cable` with the body text (HTML removed, page
boilerplate already stripped by :mod:`kg.parse.page`); every function also works on a
fragment. Page-break lines (``ASTANA 00000367  002.2 OF 002``, ``PAGE 02 ROME 01196 01 OF
02 082030Z``) never reach a paragraph, the summary or the clean text. Signer surnames are
canonicalised with ``kg/data/signer_fixes.json`` (built by ``tools/build_body_tables.py``
from cablemap's tables, Lars Heuer, BSD-3-Clause). Patterns were written afresh after
reading cablemap's reader and test cases; all are linear in their input.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

from kg.model import Paragraph
from kg.parse.prepared import (
    PreparedBody,
    iter_find,
    iter_matches,
    prepare_body,
    prepared_lines,
)

__all__ = [
    "canonical_signers",
    "clean_content",
    "parse_comment",
    "parse_paragraphs",
    "parse_signers",
    "parse_summary",
]

# A rule: dashes, equals signs or underscores; WikiLeaks wrapped long rules at 45 characters,
# so a rule may go on after a space ("--------------------------------------------- --").
_RULE = r"[-‐=_]{3,}(?:[ \t]+[-‐=_]+)*"
_UNDERLINE = re.compile(rf"^[ \t]*{_RULE}[ \t]*$")
_RULE_TO_END = re.compile(rf"[ \t]*{_RULE}[ \t]*$")
_LEADING_RULE = re.compile(rf"^[ \t]*{_RULE}[ \t]*(?P<title>[^-‐=_ \t].*)$")
# The end of the last sentence on a line: "... to Moscow. End Summary. Border Demarcation".
_LAST_SENTENCE_END = re.compile(r".*[.!?][\"')\]]?[ \t]+(?=[A-Z\"'])")
_INLINE_HEADING = re.compile(
    rf"^[ \t]*{_RULE}[ \t]*(?P<title>[^-‐=_ \t][^\n]{{1,118}}?)[ \t]*{_RULE}[ \t]*$"
)
_PARAGRAPH = re.compile(
    r"^[ \t]*¶?[ \t]*(?P<number>\d{1,3})[ \t]*\.(?!\d)[ \t]*"
    r"(?:\((?P<mark>[A-Z/]{1,10})\)|(?P<bare>[A-Z]{1,4}(?:/[A-Z]{1,4})?)\))?[ \t]*"
)
_UPPER_LINE = re.compile(r"^[ \t]*(?P<title>[A-Z][A-Z0-9 ,'&/:()\-]{2,80}?)[ \t]*:?[ \t]*$")
# Lines of the telegram's head and furniture that look like headings but are none: banners
# (also letter-spaced), caveats, the E.O., TAGS, SUBJECT and REF lines, a REF entry
# ("B) STATE 169376"), "Classified By", a correction caption, redaction marks, a CSV dump's
# "header ends" line, "PASS TO ..." routing.
_NOT_HEADING = re.compile(
    r"^(?:(?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|(?:TOP )?SECRET|SIPDIS|NOFORN|SENSITIVE"
    r"|LIMITED OFFICIAL USE|NNNN|END (?:TEXT|SUMMARY|COMMENT)|BT|CORRECTED COPY)\b"
    r"|S?S E C R E T|C O N F I D|U N C L A S|C O R R E C T E D|X{4,}[ \t]*$"
    r"|\(?[A-Z]\)[ \t]+[A-Z][A-Z ]*[ \t]\d"
    r"|(?i:E\.?[ \t]?O\.?[ \t]*1\d{4}|EO[ \t]+1\d{4}|TAGS?\b|S?UBJ(?:ECT)?\b"
    r"|REF(?:S|TELS?|ERENCES?)?\b|CLASSIFIED[ \t]+BY|DERIVED[ \t]+FROM|DECL\b|PASS[ \t]+TO\b"
    r"|HEADER ENDS))"
)
# The lines that open a telegram's head before its text (E.O., TAGS, SUBJECT, REF,
# "Classified By"): anything above them is addressing, never a section heading.
_HEAD_LINE = re.compile(
    r"^[ \t]*(?:E\.?[ \t]?O\.?[ \t]*1\d{4}|EO[ \t]+1\d{4}|TAGS?\b|S?UBJ(?:ECT)?\b"
    r"|REF(?:S|TELS?|ERENCES?)?\b|CLASSIFIED[ \t]+BY)",
    re.IGNORECASE,
)
# First letters of the lines _HEAD_LINE matches.
_HEAD_FIRST = frozenset("ETSURCetsurc")
_LETTER = re.compile(r"[^\W\d_]")
_WHITESPACE = re.compile(r"\s+")
# The first character of a line that can be a rule or open an inline heading.
_RULE_START = frozenset("-‐=_")
_RULE_CHARS = frozenset("-‐=_ \t")
_RULE_RUNS = ("---", "===", "___", "‐‐‐")
# What str.split() takes for whitespace in ASCII text, besides the space and the newline.
_OTHER_ASCII_SPACES = ("\t", "\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e", "\x1f")
# Blank lines a dropped page-break line leaves between a heading and its rules.
_PAGE_BREAK_GAP = 4
_MAX_HEADING = 120

_SUMMARY_START = re.compile(
    r"(?<![A-Za-z])(?:BEGIN\s+)?SUMMA?R?Y"
    r"(?:\s*(?:AND|&)\s+(?:COMMENTS?|ACTION\s+REQUESTS?|INTRODUCTION|TABLE\s+OF\s+CONTENTS"
    r"|RECOMMENDATIONS?|BACKGROUND)|\s*/\s*COMMENT)?"
    r"(?P<punct>[ \t]*[:.\-]|[ \t]*(?=\n)|[ \t]*[-‐=]{3,})",
    re.IGNORECASE,
)
_SUMMARY_END = re.compile(
    r"\bEND\s+(?:OF\s+)?SUMMA?R?Y\b(?:\s*(?:AND|/)\s*[A-Z]+(?:\s+REQUEST)?)?", re.I
)
_COMMENT_START = re.compile(
    r"(?<![A-Za-z])COMMENT(?P<punct>[ \t]*[:.\-]|[ \t]*(?=\n)|[ \t]*[-‐=]{3,})", re.I
)
_COMMENT_END = re.compile(r"\bEND\s+(?:OF\s+)?COMMENTS?\b", re.I)
# Every match of the patterns above begins with one of these words (lower-cased). Keyed by
# the source text: hashing a compiled pattern hashes its whole program, ~3 µs a lookup.
_STARTS_WITH = {
    _SUMMARY_START.pattern: ("begin", "summ"),
    _SUMMARY_END.pattern: ("end",),
    _COMMENT_START.pattern: ("comment",),
    _COMMENT_END.pattern: ("end",),
}
_END_BEFORE = re.compile(r"END\s*$", re.I)
_LEAD_IN = re.compile(
    r"^(?:[\s:.\-‐=]|\([A-Z/]{1,10}\))*(?:¶?\s*\d{1,3}\s*\.(?!\d)\s*(?:\([A-Z/]{1,10}\))?\s*)?"
    r"(?:SUMMARY\s*[:.\-]\s*)?(?:\([A-Z/]{1,10}\)\s*)?",
    re.I,
)
_LINE_NUMBER = re.compile(
    r"(?m)^[ \t]*¶?[ \t]*\d{1,3}[ \t]*\.(?!\d)[ \t]*(?:\([A-Z/]{1,10}\)[ \t]*)?"
)
_SECTION_STOP = re.compile(r"\n[ \t]*\n|[-‐=]{4,}|\n[ \t]*¶?[ \t]*\d{1,3}[ \t]*\.(?!\d)")

# "Visit Amman's Classified Website at http://...", which posts put after the last paragraph.
_WEB_NOTE = re.compile(r"(?:\bvisit\b[^\n]{0,80}?)?\bclassified\s+web\s*site", re.IGNORECASE)
_WEB_TAIL_LINES = 12
_NOISE_LINE = re.compile(
    r"^\s*(?:(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|SENSITIVE|SIPDIS"
    r"|NOFORN|N{3,4}|BT|//END//|.*Systematic\s+Review.*|END TEXT\.?|NOTE\b.*"
    r"|[#>.\-=*]+(?:[ \t]+[#>.\-=*]+)*"
    r"|=*\s*CABLE ENDS\s*=*"
    r"|Declassified/Released.*"
    r"|Review \d+.*|\d{4}[A-Z]+\d+ - .*|Classification:.*|C O N F I D E N T I A L.*"
    r"|PAGE \d+ .*|[A-Z][A-Z .'-]*\s+0{2,}\d+\s+\d{3}(?:\.\d)?\s+OF\s+\d{1,3})\s*)$",
    re.IGNORECASE,
)
_SIGNER_LINE = re.compile(
    r"^\s*(?P<name>[A-Z][A-Za-z'\-]*(?:[ ,/]+[A-Z][A-Za-z'\-]*){0,2})[.#\s]*$"
)
_SIGNER_AFTER_SENTENCE = re.compile(
    r"[.!)*]\s+(?P<name>[A-Z][A-Z'\-]+(?:\s[A-Z][A-Z'\-]+)?)[.#\s]*$"
)
_NOT_SIGNER = frozenset(
    [
        "THE",
        "A",
        "AN",
        "AND",
        "OF",
        "TO",
        "IN",
        "END",
        "TEXT",
        "UNQUOTE",
        "QUOTE",
        "REGARDS",
        "TEXT.",
        "COMMENT",
        "SUMMARY",
        "NOTE",
        "BT",
        "NNNN",
        "CONFIDENTIAL",
        "SECRET",
        "UNCLASSIFIED",
        "SIPDIS",
        "NOFORN",
        "CITY",
        "ACTION",
        "INFO",
        "FYI",
        "YYY",
        "XXX",
        "WP",
        "GP",
        "DECL",
        "MINIMIZE",
        "CONSIDERED",
    ]
)

_PARAGRAPH_MARK = re.compile(
    r"(?m)^[ \t]*¶?[ \t]*\d{1,3}[ \t]*\.(?!\d)[ \t]*"
    r"(?:\([A-Z/]{1,10}\)|[A-Z]{1,4}(?:/[A-Z]{1,4})?\))?[ \t]*"
)
_MARKER_PHRASES = re.compile(
    r"(?:(?<=^)|(?<=\n))(?:SUMMARY(?:\s+AND\s+(?:COMMENT|ACTION\s+REQUEST))?|COMMENT)\s*[:.]\s?"
    r"|\bEND\s+(?:SUMMARY(?:\s+AND\s+COMMENT)?|COMMENT)\s*\.?[ ]?",
    re.IGNORECASE,
)
_PAGE_BREAK_BLOCK = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z .'-]{0,40}?[ \t]+0{2,}\d+[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{1,3}"
    r"[ \t]*\n(?:[ \t]*\n)?"
)
_SIPDIS_LINE = re.compile(r"(?:\n[ \t]*)?\n[ \t]*SIPDIS[ \t]*(?=\n)\n?")
_UNDERLINE_LINE = re.compile(r"(?m)^[ \t]*[-‐=_]{3,}[ \t]*$")
_REDACTION_TAIL = re.compile(r"(?<=[a-z])x{2,}\b|\bx{2,}\b")


def _rule_lines(text: str, lines: list[str]) -> tuple[frozenset[int], frozenset[int]]:
    """Return the indices of the lines of ``text`` (split into ``lines``) that are rules,
    and of those that hold a run of three rule characters anywhere.

    The runs are found with ``str.find``: most bodies have few or none, and the paragraph
    parser asks about rules on every line.
    """
    rules: set[int] = set()
    holding: set[int] = set()
    for run in _RULE_RUNS if not text.isascii() else _RULE_RUNS[:3]:
        # a one-character search runs at memory speed and rules out most runs ("===")
        position = text.find(run) if run[0] in text else -1
        line_index, line_offset = 0, 0
        while position >= 0:
            start = text.rfind("\n", 0, position) + 1
            line_index += text.count("\n", line_offset, start)
            line_offset = start
            holding.add(line_index)
            if _UNDERLINE.match(lines[line_index]):
                rules.add(line_index)
            end = text.find("\n", position)
            position = -1 if end < 0 else text.find(run, end)
    return frozenset(rules), frozenset(holding)


def _is_blank_or_rule(lines: list[str], index: int, rules: frozenset[int]) -> bool:
    return index in rules or not lines[index].strip()


def _next_filled(lines: list[str], index: int) -> int | None:
    """The index of the first non-blank line after ``index``, over at most a page break."""
    end = min(len(lines), index + 2 + _PAGE_BREAK_GAP)
    for next_index in range(index + 1, end):
        if lines[next_index].strip():
            return next_index
    return None


def _title(text: str) -> str | None:
    """``text`` as a section heading, or None when it cannot be one."""
    title = text.strip()
    if "  " in title or "\t" in title or "\n" in title:
        title = " ".join(title.split())
    title = title.rstrip(" :-‐=_")
    if (
        2 <= len(title) <= _MAX_HEADING
        and _LETTER.search(title) is not None
        and not _NOT_HEADING.match(title)
    ):
        return title
    return None


def _rule_tail(line: str) -> tuple[str | None, str] | None:
    """Split a line that ends in a rule into ``(text before, heading)``.

    ``"prose. ---- TITLE ----"`` gives ``("prose.", "TITLE")`` (the text before is ``""``
    when the line opens with the rule); ``"TITLE ----"`` (no opening rule) gives
    ``(None, "TITLE")``; a line not ending in a rule gives None.
    """
    text = line.rstrip()
    if not text or text[-1] not in _RULE_START:
        return None
    end = len(text)
    while end and text[end - 1] in _RULE_CHARS:
        end -= 1
    if not _RULE_TO_END.match(text, end):
        return None
    head = text[:end]
    opening = max(head.rfind(run) for run in _RULE_RUNS)
    if opening < 0:
        return None, head
    start = opening
    while start and head[start - 1] in _RULE_CHARS:
        start -= 1
    title_start = opening
    while title_start < end and head[title_start] in _RULE_CHARS:
        title_start += 1
    return head[:start], head[title_start:]


def _split_last_sentence(text: str) -> tuple[str, str] | None:
    """Split ``"prose. Title"`` into the prose and the heading glued after it."""
    offset = max(0, len(text) - _MAX_HEADING - 20)
    end = _LAST_SENTENCE_END.match(text, offset)
    if end is None or end.end() == offset:
        return None
    title = _title(text[end.end() :])
    return (text[: end.end()].rstrip(), title) if title else None


def _glued_heading(text: str) -> tuple[str, str] | None:
    """Split paragraph text that ends in a heading (``"prose. ---- TITLE ----"``)."""
    tail = _rule_tail(text)
    if tail is None:
        return None
    before, rest = tail
    if before is None:
        return _split_last_sentence(rest)
    title = _title(rest)
    return (before, title) if title else None


def _ruled_title(lines: list[str], rule: int, rules: frozenset[int]) -> tuple[str, int] | None:
    """``(title, closing rule index)`` when the rule at ``rule`` opens a ruled heading.

    The title is one to three lines (a long title wraps) between two rules, blank lines
    allowed around it where a page break fell.
    """
    first = _next_filled(lines, rule)
    if first is None or first in rules or _PARAGRAPH.match(lines[first]):
        return None
    last = first
    while last - first < 2 and last + 1 < len(lines) and lines[last + 1].strip():
        if last + 1 in rules or _PARAGRAPH.match(lines[last + 1]):
            break
        last += 1
    closing = _next_filled(lines, last)
    if closing is None or closing not in rules:
        return None
    return " ".join(lines[first : last + 1]), closing


def _heading(lines: list[str], index: int, rules: frozenset[int]) -> tuple[str | None, int]:
    """Return ``(heading, lines used)`` when ``lines[index]`` starts a heading.

    A rule that heads nothing is furniture: ``(None, 1)``, the line is skipped.
    """
    line = lines[index]
    first = line.lstrip(" \t")[:1]
    if first in _RULE_START:
        inline = _INLINE_HEADING.match(line) if len(line) < 300 else None
        if inline:
            return _title(inline["title"]), 1
        leading = _LEADING_RULE.match(line) if len(line) < 300 else None
        if leading:
            # "----- TITLE" whose closing rule a page break pushed down, or that has none
            title = _title(leading["title"])
            if title is None:
                return None, 0
            closing = _next_filled(lines, index)
            closed = closing is not None and closing in rules
            return title, (closing - index + 1 if closed and closing else 1)
        if index in rules:
            # "----- / TITLE / -----", blank lines between where a page break fell
            ruled = _ruled_title(lines, index, rules)
            if ruled is not None:
                return _title(ruled[0]), ruled[1] - index + 1
            return None, 1
    underlined = index + 1 in rules
    if underlined and line.strip() and not _PARAGRAPH.match(line):
        title = _title(line)
        return (title, 2) if title else (None, 0)
    if not "A" <= first <= "Z":
        return None, 0
    before = index == 0 or _is_blank_or_rule(lines, index - 1, rules)
    if before and rules:
        # "TITLE / (blank) / -----": underlined across blank lines, unless the rule opens
        # the next "----- / TITLE / -----" heading
        rule = _next_filled(lines, index)
        if rule in rules and _ruled_title(lines, rule, rules) is None:
            title = _title(line)
            if title and title[-1] not in ".,;":
                return title, rule - index + 1
    after = index + 1 >= len(lines) or not lines[index + 1].strip()
    if not (before and after):
        return None, 0
    upper = _UPPER_LINE.match(line)
    title = _title(upper["title"]) if upper else None
    return (title, 1) if title else (None, 0)


def parse_paragraphs(body: str | PreparedBody) -> list[Paragraph]:
    """Return the numbered paragraphs of a body with their markings and section headings.

    Parameters
    ----------
    body : str or PreparedBody
        The body of a telegram (or any fragment of it), as text or as prepared once per
        cable by :func:`kg.parse.prepared.prepare_body`.

    Returns
    -------
    list of Paragraph
        One per numbered paragraph (``1. (C) text``), in order; ``heading`` is the section
        heading the paragraph falls under (a line underlined with dashes, or a standalone
        upper-case line). The text has page-break lines removed, lines joined, and stops
        before the next heading and before the signature.

    Examples
    --------
    >>> body = "SUMMARY\\n-------\\n1. (C) First point.\\n\\n2. (SBU) Second\\npoint.\\nORDWAY"
    >>> [(p.number, p.classification, p.heading, p.text) for p in parse_paragraphs(body)]
    [(1, 'C', 'SUMMARY', 'First point.'), (2, 'SBU', 'SUMMARY', 'Second point.')]
    """
    prepared = prepare_body(body)
    lines = prepared.lines
    rules, ruled = _rule_lines(prepared.text, lines)
    last = _last_content_index(lines)
    signature = _signature_index(lines, last)
    if signature is not None:
        lines = lines[:signature]
    ending = "".join(lines[-_WEB_TAIL_LINES:])
    if "lassified" in ending or "LASSIFIED" in ending:
        lines = _without_web_tail(lines)
        last = _last_content_index(lines)
    if signature is None:
        lines = _without_glued_signer(lines, last)
    paragraphs: list[Paragraph] = []
    heading: str | None = None
    current: list[str] | None = None
    number = mark = None
    index = 0

    spaces_only = _spaces_only(prepared.text)

    def close() -> None:
        if current is not None and number is not None:
            text = _joined_words(current, spaces_only)
            paragraphs.append(
                Paragraph(text=text, number=number, classification=mark, heading=heading)
            )

    def open_heading(title: str) -> None:
        nonlocal current, heading
        close()
        current = None if number is not None else current
        heading = title

    count = len(lines)
    while index < count:
        line = lines[index]
        first = line.lstrip(" \t")[:1]
        # Cheap tests first: only a line opening with a digit starts a paragraph, and only
        # one opening with a capital or a rule, or followed by a rule, is a heading.
        start = _PARAGRAPH.match(line) if first.isdigit() else None
        if start and (number is None or int(start["number"]) in (number + 1, number + 2)):
            close()
            number = int(start["number"])
            mark = start["mark"] or start["bare"]
            text = line[start.end() :]
            current = [text]
            glued = _glued_heading(text) if index in ruled else None
            index += 1
            if glued is not None:
                current[0] = glued[0]
                open_heading(glued[1])
            continue
        if number is None and first in _HEAD_FIRST and _HEAD_LINE.match(line):
            # E.O., TAGS, SUBJECT, REF, "Classified By" with their continuation lines:
            # what came above them (addressees, banners) heads no section.
            heading = None
            index += 1
            while index < count and lines[index].strip() and index not in rules:
                if _PARAGRAPH.match(lines[index]) or index + 1 in rules:
                    break  # a paragraph, or a heading underlined right under the block
                index += 1
            continue
        used = 0
        # A capitalised line heads a section only after a blank line or a rule (unless a
        # rule underlines it): most lines of prose are ruled out here, without a call.
        previous = lines[index - 1] if index else ""
        if first and (
            first in _RULE_START
            or index + 1 in rules
            or ("A" <= first <= "Z" and (not previous or previous.isspace() or index - 1 in rules))
        ):
            title, used = _heading(lines, index, rules)
        if used:
            if title is not None:
                open_heading(title)
            index += used
            continue
        tail = _rule_tail(line) if index in ruled else None
        if tail is not None:
            before, rest = tail
            title = _title(rest)
            if before is None:
                # "Title ----" is a heading; "prose. Title ----" one glued to its text
                after_break = index == 0 or _is_blank_or_rule(lines, index - 1, rules)
                split = None if title and after_break else _split_last_sentence(rest)
                if split is not None:
                    if current is not None:
                        current.append(split[0])
                    open_heading(split[1])
                elif title:
                    open_heading(title)
                elif current is not None:
                    current.append(rest)
            elif title:
                if current is not None:
                    current.append(before)
                open_heading(title)
            elif current is not None:
                current.append(before + " " + rest)
            index += 1
            continue
        if current is not None:
            current.append(line)
        index += 1
    close()
    # a paragraph list stays sequential: drop an unnumbered tail mistaken for a paragraph
    return paragraphs


def _spaces_only(text: str) -> bool:
    """Whether the plain space is the only whitespace in ``text`` besides its newlines."""
    return text.isascii() and not any(space in text for space in _OTHER_ASCII_SPACES)


def _joined_words(lines: list[str], spaces_only: bool) -> str:
    """Return ``" ".join(" ".join(lines).split())``.

    ``spaces_only``: the lines hold no whitespace but spaces (:func:`_spaces_only` of
    the text they were cut from). Then most lines need no split into words, the costly
    part: a line without a double space only loses its outer spaces.

    Examples
    --------
    >>> _joined_words([" A  B ", "", "  ", "C D "], True)
    'A B C D'
    """
    if not spaces_only:
        return " ".join(" ".join(lines).split())
    pieces = []
    for line in lines:
        piece = " ".join(line.split()) if "  " in line else line.strip(" ")
        if piece:
            pieces.append(piece)
    return " ".join(pieces)


def _without_web_tail(lines: list[str]) -> list[str]:
    """``lines`` without the post's "Visit ... Classified Website" note at the end."""
    for index in range(len(lines) - 1, max(-1, len(lines) - _WEB_TAIL_LINES), -1):
        line = lines[index]
        note = _WEB_NOTE.search(line) if "lassified" in line or "LASSIFIED" in line else None
        if note is not None:
            return [*lines[:index], line[: note.start()]]
    return lines


def _without_glued_signer(lines: list[str], last: int) -> list[str]:
    """``lines`` without a signer glued after the last sentence ("... in his view. CLINTON").

    ``last`` is the index of the last line that is not blank or page noise.
    """
    after = _SIGNER_AFTER_SENTENCE.search(lines[last]) if last >= 0 else None
    if after is None or any(word in _NOT_SIGNER for word in after["name"].split()):
        return lines
    return [*lines[:last], lines[last][: after.start("name")]]


def _matches(
    pattern: re.Pattern[str], body: PreparedBody, position: int = 0
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(body.text, position)``, tried only where its first word occurs."""
    starts = iter_find(body.lowered, _STARTS_WITH[pattern.pattern], position)
    return iter_matches(pattern, body.text, starts)


def _section(body: str | PreparedBody, start: re.Pattern[str], end: re.Pattern[str]) -> str | None:
    prepared = prepare_body(body)
    text = prepared.text
    opening = None
    for candidate in _matches(start, prepared):
        before = text[max(0, candidate.start() - 8) : candidate.start()]
        if _END_BEFORE.search(before):
            continue
        line_start = text.rfind("\n", 0, candidate.start()) + 1
        prefix = text[line_start : candidate.start()]
        if (
            prefix.strip()
            and not _LEAD_IN.fullmatch(prefix)
            and not re.fullmatch(r"[\s\-‐=]*", prefix)
        ):
            continue
        opening = candidate
        break
    closing = next(_matches(end, prepared, opening.end() if opening else 0), None)
    if opening is None:
        if closing is None or start is not _SUMMARY_START:
            return None
        first = _LINE_NUMBER.search(text, 0, closing.start())
        if first is None:
            return None
        content = text[first.start() : closing.start()]
    elif closing is not None:
        content = text[opening.end() : closing.start()]
    else:
        content = text[opening.end() :]
        content = _LEAD_IN.sub("", content, count=1)
        stop = _SECTION_STOP.search(content)
        content = content[: stop.start()] if stop else content
    return _section_text(content)


def _section_text(content: str) -> str | None:
    content = _UNDERLINE_LINE.sub("", content)
    content = _LEAD_IN.sub("", content, count=1)
    content = _LINE_NUMBER.sub("", content)
    lines = [line.strip() for line in content.split("\n")]
    text = "\n".join(line for line in lines if line)
    return text.strip() or None


def parse_summary(body: str | PreparedBody) -> str | None:
    """Return the summary of a body, or None.

    The summary opens with ``SUMMARY:``, ``Summary.``, ``Summary and Comment:`` or a
    ``SUMMARY`` heading and closes at ``END SUMMARY`` (or at the end of its paragraph);
    a body that only says ``END SUMMARY`` has its first paragraph as summary. Paragraph
    numbers, markings and blank lines inside are dropped.

    Examples
    --------
    >>> parse_summary("1. (C) Summary: The Dutch agree.  End Summary.\\n\\n2. (C) More.")
    'The Dutch agree.'
    >>> parse_summary("1. (C) Nothing to see.") is None
    True
    """
    return _section(body, _SUMMARY_START, _SUMMARY_END)


def parse_comment(body: str | PreparedBody) -> str | None:
    """Return the comment of a body (``COMMENT: ... END COMMENT`` or a COMMENT section).

    Examples
    --------
    >>> parse_comment("5. (C) Comment: They will not move.  End Comment.\\n")
    'They will not move.'
    """
    return _section(body, _COMMENT_START, _COMMENT_END)


@cache
def _signer_fixes() -> dict[str, str]:
    text = resources.files("kg").joinpath("data", "signer_fixes.json").read_text("utf-8")
    fixes: dict[str, str] = json.loads(text)["fixes"]
    return fixes


def _last_content_index(lines: list[str]) -> int:
    """Return the index of the last line that is not blank or page noise (-1 if none)."""
    index = len(lines) - 1
    while index >= 0 and (not lines[index].strip() or _NOISE_LINE.match(lines[index])):
        index -= 1
    return index


def _signature_index(lines: list[str], last: int | None = None) -> int | None:
    """Return the index of the signature line, after which only noise follows."""
    index = _last_content_index(lines) if last is None else last
    if index < 0:
        return None
    line = lines[index]
    match = _SIGNER_LINE.match(line)
    if match and _plausible_signer(match["name"], line):
        return index
    return None


def _plausible_signer(name: str, line: str) -> bool:
    words = re.split(r"[ ,/]+", name.strip())
    if any(word.upper() in _NOT_SIGNER for word in words):
        return False
    if name.isupper():
        return True
    # mixed case: a single capitalised surname alone on its line ("Murphy")
    return len(words) == 1 and line.strip().rstrip(".") == name.strip()


def parse_signers(body: str, *, canonicalize: bool = True) -> list[str]:
    """Return the signer(s) at the end of a body.

    Parameters
    ----------
    body : str
        The body of a telegram (or its end).
    canonicalize : bool
        Upper-case and repair the surnames (:func:`canonical_signers`); False returns them
        as written.

    Examples
    --------
    >>> parse_signers("... END COMMENT.\\n\\nSTEIGMAN\\nCONFIDENTIAL\\n")
    ['STEIGMAN']
    >>> parse_signers("21.  BEIRUT MINIMIZE CONSIDERED.  EAGLETON\\n")
    ['EAGLETON']
    >>> parse_signers("Ambassador Murphy met the minister.\\nMurphy", canonicalize=False)
    ['Murphy']
    """
    tail = body[-4000:]
    lines = prepared_lines(tail)
    index = _signature_index(lines)
    names: list[str] = []
    if index is not None:
        match = _SIGNER_LINE.match(lines[index])
        assert match is not None  # _signature_index matched this line
        names = [n for n in re.split(r"\s*[,/]\s*", match["name"].strip()) if n]
    else:
        last = len(lines) - 1
        while last >= 0 and (not lines[last].strip() or _NOISE_LINE.match(lines[last])):
            last -= 1
        after = _SIGNER_AFTER_SENTENCE.search(lines[last]) if last >= 0 else None
        if after and not any(w in _NOT_SIGNER for w in after["name"].split()):
            names = [after["name"]]
    return canonical_signers(names) if canonicalize else names


def canonical_signers(names: list[str]) -> list[str]:
    """Return signer surnames upper-cased, with known typos fixed and glued pairs split.

    Examples
    --------
    >>> canonical_signers(["Murphy", "KEEGANPAAL", "ODONOHUE"])
    ['MURPHY', 'KEEGAN', 'PAAL', "O'DONOHUE"]
    """
    fixes = _signer_fixes()
    result: list[str] = []
    for name in names:
        upper = name.strip().upper()
        result.extend(fixes.get(upper, upper).split(" ") if upper in fixes else [upper])
    return result


def clean_content(text: str) -> str:
    """Return the text without paragraph numbers, markings and page furniture.

    Removes paragraph numbers with their classification marking (``1. (C)``), the
    SUMMARY / COMMENT markers and their ``END`` lines, heading underlines, page-break
    lines, ``SIPDIS`` lines and trailing ``xxx`` redaction marks.

    Examples
    --------
    >>> clean_content("1. (C) Content 1\\n2. (SBU) Content 2\\n")
    'Content 1\\nContent 2\\n'
    >>> clean_content("gentlexxx")
    'gentle'
    """
    text = _PAGE_BREAK_BLOCK.sub("", text)
    text = _SIPDIS_LINE.sub("\n", text)
    text = _PARAGRAPH_MARK.sub("", text)
    text = _MARKER_PHRASES.sub("", text)
    text = _UNDERLINE_LINE.sub("", text)
    return _REDACTION_TAIL.sub("", text)
