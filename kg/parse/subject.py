"""The SUBJECT line, cleaned, and title-casing of subjects.

The subject may run over several lines; it ends at a blank line, the REF block, the
"Classified By" line, the first numbered paragraph, a page break or a banner. Drafters
wrote ``SUBJECT:``, ``SUBJ:``, ``SUBJECT`` and even ``UBJECT:``. Called by
:mod:`kg.parse.cable`; ``titlefy`` also by whoever shows subjects to people.
"""

from __future__ import annotations

import html
import re
from functools import cache

from kg.parse.ids import data_table
from kg.parse.prepared import first_match

__all__ = ["parse_subject", "parse_wrapper_subject", "titlefy"]

_HEAD_CHARS = 8000
# The label at a line start ("SUBJECT:", "SUBJECT ", "SUBJ:", "UBJECT:"), never "SUBJECT LINE".
_LABEL_AT_LINE = re.compile(
    r"^[ \t]*S?UBJ(?:ECT)?(?:[ \t]*:|[ \t]+(?!LINE\b))[ \t]*", re.IGNORECASE | re.MULTILINE
)
# The label inside a line needs its colon ("... Tags: prel, tu Subject: turkish p.m.").
_LABEL_INLINE = re.compile(r"(?<![(\w/])S?UBJ(?:ECT)?[ \t]*:[ \t]*", re.IGNORECASE)
_REPEATED_LABEL = re.compile(r"^(?:SUBJ(?:ECT)?[ \t]*:[ \t]*)+", re.IGNORECASE)
_FIRST_PARAGRAPH = re.compile(r"\n[ \t]*\u00b6?1\.?[ \t]*\([^)\n]{1,12}\)")
_END = re.compile(
    r"\n[ \t]*\n"  # a blank line
    r"|\n[ \t]*REF(?:S|TELS?)?\b"  # the REF block on its own line
    r"|REF(?:S|TELS?)?[ \t]*:"  # "... UK PRIMEREF: A. LONDON 1939"
    r"|REF\(S\)"
    r"|Classified[ \t]+By"  # "... VISIT TO CAIROClassified By:"
    r"|\n[ \t]*[1-9]\.?[ \t]*\("  # "1. (SBU) Summary"
    r"|\n[ \t]*\u00b6?1\.(?![0-9])"  # "1. Summary", "1.Summary:"
    r"|\n[ \t]*(?:[A-Z]{1,5}[ \t]*:[ \t]*)?\(?A\)[ \t]"  # a REF list ("Q: A) TRIPOLI 199")
    r"|(?<=\.\.\.)[ \t]*\n"  # a subject the page cut ("MUNICIPALITY TO FUND...")
    r"|SENSI?TIVE BUT"  # the SBU marking, in any case (09CAIRO226)
    r"|\n[ \t]*-{3,}|PAGE[ \t]+[0-9]+"  # a rule, an old page break
    r"|This is an? Action Req",
    re.IGNORECASE,
)
# Upper-case only: a glued banner, a new-style page break "PRETORIA 00000954 001.2 OF 004".
# A REF glued after the subject ("... FROM SUEZ REF 09 CAIRO 0173") or a repeated banner
# ("UNCLAS SECTION 01 OF 03 ISTANBUL 000329").
_CASED_END = re.compile(
    r"C O N |S E C R E T|[A-Z]+[ \t]+[0-9]+[ \t]+[0-9]+\.?[0-9]*[ \t]+OF\b"
    r"|[ \t]REF(?:S|TELS?)?[ \t]+(?:[0-9]{2,4}[ \t]+)?[A-Z]{3,}(?:[ \t][A-Z]{3,})?"
    r"[ \t]+[0-9]{1,6}\b"
    r"|\b(?:UNCLAS|CONFIDENTIAL|SECRET)[ \t]+(?:SECTION[ \t]+[0-9]+[ \t]+OF[ \t]+[0-9]+[ \t]+)?"
    r"[A-Z][A-Z ]*[ \t]0{2,}[0-9]+"
)
_BACKSLASH_EOL = re.compile(r"\\[ \t]*(?=\n|$)")
_HYPHEN_EOL = re.compile(r"-[ \t]*\n[ \t]*")
_WHITESPACE = re.compile(r"\s+")
_MARKING_PREFIX = re.compile(r"^\([A-Z/]{1,10}\)[ \t]+")
_MARKING_SUFFIX = re.compile(r"[ \t]\([A-Z]{1,4}\)$")
_BRACKETED_NUMBER = re.compile(r"[ \t]*\[[0-9]+\]$")
# What an e-mail copy of a telegram puts before the subject: station, serial, precedence,
# classification and date ("TRIPOLI 00000063 P CO 28-JAN-09 ").
_WRAPPER_PREFIX = re.compile(
    r"^[A-Z][A-Z .'\-]{1,40}[ \t]+[0-9]{3,8}[ \t]+[ZOPR]{1,2}[ \t]+[A-Z]{1,2}[ \t]+"
    r"[0-9]{1,2}-[A-Z]{3}-[0-9]{2,4}[ \t]+"
)


def _find_label(head: str) -> re.Match[str] | None:
    first = _FIRST_PARAGRAPH.search(head)
    limit = first.start() if first else len(head)
    candidates = [
        m
        for m in (
            _LABEL_AT_LINE.search(head, 0, limit),
            first_match(_LABEL_INLINE, head, ("subj", "ubj"), limit),
        )
        if m is not None
    ]
    return min(candidates, key=lambda m: m.start()) if candidates else None


def _end_of_subject(text: str) -> int:
    end = _END.search(text)
    limit = end.start() if end else len(text)
    # The cased markers only matter before the first other end; searching past it is waste.
    cased = _CASED_END.search(text, 0, limit)
    return cased.start() if cased else limit


def parse_subject(text: str, *, clean: bool = True) -> str:
    """Return the subject of a cable, or ``""`` when it has none.

    Parameters
    ----------
    text : str
        The cable body (or its head, or a fragment holding the SUBJECT line).
    clean : bool
        Remove the portion marking (``(S)``, ``(C/NF)``) in front of the subject
        (default). Lines are always joined and HTML entities decoded.

    Returns
    -------
    str
        The subject on one line.

    Examples
    --------
    >>> parse_subject("TAGS: PGOV\\nSUBJECT: SUBJECT WHICH HAS a \\nSECOND LINE \\n\\nREF: A")
    'SUBJECT WHICH HAS a SECOND LINE'
    >>> parse_subject("SUBJECT: (S) GERMANY TAKING ACTION")
    'GERMANY TAKING ACTION'
    >>> parse_subject("SUBJECT: (S) GERMANY TAKING ACTION", clean=False)
    '(S) GERMANY TAKING ACTION'
    """
    head = text[:_HEAD_CHARS]
    head = _BACKSLASH_EOL.sub("", head.replace("\r\n", "\n") if "\r" in head else head)
    label = _find_label(head)
    if label is None:
        return ""
    rest = head[label.end() :]
    rest = rest[len(rest) - len(rest.lstrip()) :]  # the subject may start lines later
    rest = _REPEATED_LABEL.sub("", rest)
    subject = rest[: _end_of_subject(rest)]
    subject = _HYPHEN_EOL.sub("-", subject)
    subject = _WHITESPACE.sub(" ", html.unescape(subject)).strip()
    subject = _BRACKETED_NUMBER.sub("", subject)
    if clean:
        subject = _MARKING_PREFIX.sub("", subject)
        subject = _MARKING_SUFFIX.sub("", subject)
    return subject


def parse_wrapper_subject(header: str) -> str:
    """Return the subject an e-mail wrapper around a telegram states, or ``""``.

    Some cables were published as the e-mail that delivered them; the telegram then has no
    SUBJECT line of its own, and the e-mail's names it after station, serial, precedence,
    classification and date.

    Examples
    --------
    >>> parse_wrapper_subject(
    ...     "From: CBPC, EACTAPP\\nSubject: TRIPOLI 00000063 P CO 28-JAN-09 RISKY BUSINESS? "
    ...     "AMERICAN\\nCONSTRUCTION FIRM [8466936]\\n\\nCONFIDENTIAL"
    ... )
    'RISKY BUSINESS? AMERICAN CONSTRUCTION FIRM'
    >>> parse_wrapper_subject("SUBJECT: KAZAKHSTAN: INL TRAINING")
    ''
    """
    subject = parse_subject(header)
    prefix = _WRAPPER_PREFIX.match(subject)
    return subject[prefix.end() :] if prefix else ""


_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in", "of", "on", "or"}
    | {"the", "to", "v", "v.", "via", "vs", "vs."}
)
_APOSTROPHE = re.compile(r"^(\w+)(['\u2019])([A-Za-z]{1,3})([^\w]*)$")
_TRAILING_PUNCT = re.compile(r"^(.*?)([,:;.!?\"\u201d)]*)$")
_LEADING_PUNCT = re.compile(r"^([\"\u201c(]*)(.*)$")


@cache
def _titlefy_tables() -> tuple[frozenset[str], dict[str, str]]:
    table = data_table("titlefy.json")
    return frozenset(table["acronyms"]), dict(table["special_words"])


def _title_word(word: str) -> str:
    acronyms, special = _titlefy_tables()
    if word in special:
        return special[word]
    lead, rest = _LEADING_PUNCT.match(word).groups()  # type: ignore[union-attr]
    core, tail = _TRAILING_PUNCT.match(rest).groups()  # type: ignore[union-attr]
    if not core:
        return word
    upper = core.upper()
    if upper in special:
        return lead + special[upper] + tail
    possessive = _APOSTROPHE.match(core)
    if possessive and possessive[1].upper() in acronyms:
        # "VARIG'S" → "VARIG's", "PNG'ING" → "PNG'ing"
        return f"{lead}{possessive[1].upper()}{possessive[2]}{possessive[3].lower()}{tail}"
    if upper in acronyms or re.fullmatch(r"X{2,}", upper):
        return lead + upper + tail
    if re.fullmatch(r"[0-9]+(?:ST|ND|RD|TH)", upper):
        return lead + core.lower() + tail
    return lead + _capitalize_parts(core) + tail


def _capitalize_parts(core: str) -> str:
    """Capitalise each hyphen/slash-separated part, keeping acronyms and apostrophes."""
    acronyms, _ = _titlefy_tables()
    parts = re.split(r"([-/]+)", core)
    out = []
    for part in parts:
        if not part or part[0] in "-/":
            out.append(part)
        elif part.upper() in acronyms and len(parts) > 1:
            out.append(part.upper())
        else:
            match = _APOSTROPHE.match(part)
            if match:
                out.append(f"{match[1].capitalize()}{match[2]}{match[3].lower()}")
            else:
                # "D'IVOIRE" → "D'Ivoire": a long word after an apostrophe is a name.
                out.append(re.sub(r"[^\W\d_]+", lambda m: m[0].capitalize(), part))
    return "".join(out)


def titlefy(text: str) -> str:
    """Title-case a subject, keeping acronyms upper-case and small words lower-case.

    Parameters
    ----------
    text : str
        A subject, usually all upper-case.

    Returns
    -------
    str
        The subject in title case.

    Examples
    --------
    >>> titlefy("WHAT HAPPENED TO THE PCC?")
    'What Happened to the PCC?'
    >>> titlefy("SPD IN DRIVER'S SEAT FOR BERLIN ELECTION")
    "SPD in Driver's Seat for Berlin Election"
    """
    words = text.split()
    if not words:
        return ""
    out = [_title_word(words[0])]
    for word in words[1:]:
        if word.lower() in _SMALL_WORDS and not out[-1].endswith((":", "-", "--")):
            out.append(word.lower())
        else:
            out.append(_title_word(word))
    return " ".join(out)
