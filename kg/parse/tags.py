"""The TAGS line: canonical TAG codes, each typed by kind.

A cable's TAGS line lists subject codes (``PGOV``), program codes (``KCRM``), geographic
codes (FIPS 10-4: ``KZ``), organizations (``NATO``) and persons (``CLINTON, HILLARY``).
Drafters glue codes together (``PHUMBA``), misspell them (``POGOV``), write multi-word
phrases (``HUMAN RIGHTS``) and continue the line on the next one; this module repairs that
with the tables of ``kg/data/tags.json`` (built by ``tools/build_parse_tables.py``).
Called by :mod:`kg.parse.cable`; ``tag_kind`` also by the conformance harness.
"""

from __future__ import annotations

import re
from functools import cache

from kg.model import Tag
from kg.parse.ids import data_table

__all__ = ["parse_tags", "tag_kind"]

# Only the head of a cable carries the TAGS line; bounding the search keeps long bodies cheap.
_HEAD_CHARS = 6000
# The label as drafters typed it: "TAGS:", "TAGS", "TAG", "TAGS;", "TAGS,", and the typos
# "TAGES:", "TABS:", "TAS:", "TGS:", "AGS:" (those only with a colon).
_LABEL_AT_LINE = re.compile(
    r"^[ \t]*(?:TAGS?(?:[ \t]*[:;,][ \t]*|[ \t]+)|(?:TAGES|TABS|TAS|TGS)[ \t]*:[ \t]*)",
    re.IGNORECASE | re.MULTILINE,
)
# Inline the label may follow a glued date ("DECL: 08/16/2015TAGS: EMIN").
_LABEL_INLINE = re.compile(
    r"(?<![A-Za-z/])(?:TAGS?|AGS)[ \t]*[:;][ \t]*|(?<=\s)TAGS[ \t]+", re.IGNORECASE
)
_EO_LINE = re.compile(r"^[ \t]*E\.?[ \t]?O\.?[ \t]*1[0-9]{4}\b[^\n]*$", re.MULTILINE)
_SUBJECT_LABEL = re.compile(r"\bS?UBJ(?:ECT)?\b\s*:?", re.IGNORECASE)
# Page-break noise glued into the line: "SECRET       PAGE 02        ROME  03067  211833Z".
_PAGE_NOISE = re.compile(
    r"\s(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)?\s*PAGE\s+\d+\b"
)
_TOKEN = re.compile(r"\([^()\n]*\)|[A-Za-z][A-Za-z0-9_/'&.\-]*|,")
_WORD_COMMA_START = re.compile(r"^[ \t]*[A-Za-z_\-]+[ \t]*,")
_DROPPED = frozenset({"SIPDIS"})
# Short words that join the words of a free-text phrase ("ECONOMY AND FINANCE").
_CONNECTORS = frozenset({"AND", "IN", "OF", "WITH", "FOR", "THE", "ON", "TO"})
# Glued phrases that must be split before phrases are matched (04PANAMA586).
_GLUED_TEXT = {"RIGHTSPOLMIL": "RIGHTS POLMIL"}
# Free-text phrases seen in TAGS lines that the cablemap phrase list lacks.
_EXTRA_PHRASES = ("FOREIGN POL",)

_KIND_BY_PREFIX_RULES = "2 letters: geographic; a comma: person; K + 3 letters: program"


@cache
def _tables() -> tuple[dict[str, str], dict[str, list[str]], tuple[str, ...], frozenset[str]]:
    table = data_table("tags.json")
    kinds: dict[str, str] = table["kinds"]
    repairs: dict[str, list[str]] = table["repairs"]
    phrases = tuple(sorted({*table["phrases"], *_EXTRA_PHRASES}, key=lambda p: (-len(p), p)))
    known = frozenset(kinds) | frozenset(repairs) | {c for v in repairs.values() for c in v}
    return kinds, repairs, phrases, known


@cache
def _phrase_index() -> tuple[dict[str, list[list[str]]], frozenset[str]]:
    """Phrases by first word (longest first, as in ``_tables``), and the phrase set."""
    phrases = _tables()[2]
    by_first: dict[str, list[list[str]]] = {}
    for phrase in phrases:
        words = phrase.split(" ")
        by_first.setdefault(words[0], []).append(words)
    return by_first, frozenset(phrases)


def tag_kind(code: str) -> str:
    """Return the kind of a TAG code.

    Parameters
    ----------
    code : str
        A TAG as written (case does not matter).

    Returns
    -------
    str
        ``subject``, ``program``, ``geographic``, ``organization``, ``person`` or
        ``unknown``. Codes not in the tables follow the TAGS conventions: two letters are
        geographic, a comma marks a person, ``K`` plus three letters a program.

    Examples
    --------
    >>> tag_kind("PGOV"), tag_kind("kcrm"), tag_kind("KZ"), tag_kind("NATO")
    ('subject', 'program', 'geographic', 'organization')
    >>> tag_kind("CLINTON, HILLARY"), tag_kind("HUMAN RIGHTS")
    ('person', 'unknown')
    """
    kinds = _tables()[0]
    upper = code.strip().upper()
    if upper in kinds:
        return kinds[upper]
    if len(upper) == 2 and upper.isalpha():
        return "geographic"
    if "," in upper:
        return "person"
    if len(upper) == 4 and upper[0] == "K" and upper.isalpha():
        return "program"
    return "unknown"


def _find_label(head: str) -> re.Match[str] | None:
    for match in _LABEL_AT_LINE.finditer(head):
        # "TAG" alone at a line start must be followed by a code, not by prose.
        if match.group().strip().upper() in ("TAG", "TAGS") and not re.match(
            r"[A-Za-z(]", head[match.end() : match.end() + 1]
        ):
            continue
        return match
    return _LABEL_INLINE.search(head)


def _continues(line: str, following: str) -> bool:
    """Whether ``following`` is a continuation of the TAGS line ``line``."""
    stripped = following.strip()
    if not stripped or _SUBJECT_LABEL.match(stripped):
        return False
    if line.rstrip().endswith(","):
        return True
    if _WORD_COMMA_START.match(following):
        return True
    known = _tables()[3]
    words = [w for w in re.split(r"[\s,]+", stripped) if w]
    if all(w in known and w.isupper() for w in words):
        return True
    last = line.split()[-1:] or [""]
    first = words[0].upper()
    return f"{last[0].upper()} {first}" in _phrase_index()[1]


def _unlabelled_tag_line(head: str) -> str | None:
    """The line after the E.O. line when it holds only TAG codes (the label was lost)."""
    eo = _EO_LINE.search(head)
    if eo is None:
        return None
    following = head[eo.end() :].lstrip("\n").split("\n", 1)[0]
    words = [w for w in re.split(r"[\s,]+", following) if w]
    known = _tables()[3]
    if len(words) >= 2 and all(w in known and w.isupper() for w in words):
        return following
    return None


def _tag_text(text: str) -> str | None:
    head = text[:_HEAD_CHARS]
    label = _find_label(head)
    if label is None:
        return _unlabelled_tag_line(head)
    rest = head[label.end() :].split("\n")
    line = rest[0]
    for following in rest[1:4]:
        if not _continues(line, following):
            break
        line = f"{line.rstrip()} {following.strip()}"
    subject = _SUBJECT_LABEL.search(line)
    if subject:
        line = line[: subject.start()]
    noise = _PAGE_NOISE.search(line)
    if noise:
        line = line[: noise.start()]
    return line


def _group(tokens: list[str], canonicalize: bool) -> list[str]:
    """Join multi-word phrases, then free-text runs, into single TAGs."""
    known = _tables()[3]
    by_first, phrases = _phrase_index()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == ",":
            out.append(token)
            i += 1
            continue
        words = next((w for w in by_first.get(token, ()) if tokens[i : i + len(w)] == w), None)
        if words:
            out.append(" ".join(words))
            i += len(words)
            continue
        out.append(token)
        i += 1
    # Runs of words that are no TAG code form one free-text TAG ("ECONOMY AND FINANCE").
    merged: list[str] = []
    for token in out:
        free = token not in known and token != "," and not token.startswith("(")
        free = free and " " not in token and token not in phrases
        if free and merged and merged[-1] != "," and _is_free_run(merged[-1], known, phrases):
            merged[-1] = f"{merged[-1]} {token}"
        elif free and len(merged) > 1 and merged[-1] in _CONNECTORS and merged[-2] != ",":
            # "TIP IN TURKEY": a connector between a word and free text joins them.
            connector = merged.pop()
            merged[-1] = f"{merged[-1]} {connector} {token}"
        else:
            merged.append(token)
    return [m for m in merged if m != ","]


def _is_free_run(previous: str, known: frozenset[str], phrases: frozenset[str]) -> bool:
    if previous.startswith("(") or previous in phrases:
        return False
    words = previous.split(" ")
    return all(w not in known or w in _CONNECTORS for w in words) and (words[0] not in known)


def parse_tags(text: str, *, canonicalize: bool = True) -> list[Tag]:
    """Return the TAGs of the TAGS line in ``text``.

    Parameters
    ----------
    text : str
        A cable, its head, or a TAGS line alone.
    canonicalize : bool
        Repair glued and misspelt TAGs (default). ``False`` keeps them as written
        (upper-cased).

    Returns
    -------
    list of Tag
        In order of appearance, each TAG once; empty when there is no TAGS line.

    Examples
    --------
    >>> [t.code for t in parse_tags("TAGS: SNAR PINS PGOV PHUM KCRM KZ")]
    ['SNAR', 'PINS', 'PGOV', 'PHUM', 'KCRM', 'KZ']
    >>> [t.code for t in parse_tags("TAGS: KCRM KWMN ASEC PHUMBA")]
    ['KCRM', 'KWMN', 'ASEC', 'PHUM', 'BA']
    >>> parse_tags("TAGS: OVIP STEINBERG JAMES")[1]
    Tag(code='STEINBERG, JAMES B.', kind='person')
    """
    line = _tag_text(text)
    if line is None:
        return []
    for glued, spaced in _GLUED_TEXT.items():
        line = line.replace(glued, spaced)
    tokens: list[str] = []
    for token in _TOKEN.findall(line):
        if token.startswith("("):
            token = token[1:-1].strip()
            if not token:
                continue
            tokens.append("(" + token.upper().rstrip(",") + ")")
            continue
        tokens.append(token if token == "," else token.upper().rstrip(".-"))
    _, repairs, _, _ = _tables()
    codes: list[str] = []
    for token in _group(tokens, canonicalize):
        code = token[1:-1] if token.startswith("(") else token
        if not code or code in _DROPPED:
            continue
        for fixed in repairs.get(code, [code]) if canonicalize else [code]:
            if fixed not in codes:
                codes.append(fixed)
    return [Tag(code=code, kind=tag_kind(code)) for code in codes]
