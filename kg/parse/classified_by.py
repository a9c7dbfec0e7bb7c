"""The "Classified By" line: who classified a cable, in what role, for which reasons.

Called by :func:`kg.parse.cable.parse_cable` with the telegram text (HTML removed); works on
fragments too. The line comes in many shapes: ``Classified By: Acting Deputy Chief of
Mission Marc Wall for Reasons 1.4 (b) and (d)``, ``CLASSIFIED BY: Rose E. Gottemoeller,
Assistant Secretary, ...; REASON: 1.4(B), (D)``, ``CLASSIFIED BY DCM THEODORE KATTOUF -
1.5 B,D.``, often wrapped mid-word by the page (``Hoyt Y \\nee``). The name is the run of
name-like words next to the reason marker, after the title words; a second classificationist
follows an ``AND``. :func:`normalize_name` gives the normalised spelling (title case for
names written in capitals, ``0`` typed for ``O`` repaired).

Written afresh after reading cablemap's reader and its test cases (Lars Heuer,
BSD-3-Clause); all patterns are linear.
"""

from __future__ import annotations

import re

from kg.model import ClassifiedBy
from kg.parse.prepared import first_match

__all__ = ["normalize_name", "parse_classified_by"]

_WINDOW = 400
_MARKER = re.compile(r"\bclas+i?f?i?e?i?d\s*by\b(?!\s+line)\s*:?", re.IGNORECASE)
_REASON_NUMBER = re.compile(r"\b1\s*[.,]\s*\n?\s*[2-5]\b")
# Where the name part ends: the reason wording, the E.O., a reason number, a new paragraph.
_NAME_END = re.compile(
    r"\b(?:for|fr|f0r|per|under|based\s+(?:on|upon|0n)|due\s+to)\s+(?:for\s+)?"
    r"(?:re|ra|1\s*[.,]|e\.?o|sec|para|12958|reasons?)"
    r"|\b(?:reasons?|reaons|resons|rasons|rea\s+sons|reas|reas0ns?)\b"
    r"|\bE\.?\s?O\.?\s*12958|\b1\s*[.,]\s*[2-5]\b|;"
    r"|\n\s*\n|\n\s*¶?\s*\d+\s*\.|(?<=[A-Za-z]{2})\.\s*\n",
    re.IGNORECASE,
)
_COMMON = frozenset(
    [
        "for",
        "and",
        "reasons",
        "reason",
        "per",
        "under",
        "based",
        "of",
        "the",
        "to",
        "in",
        "by",
        "a",
        "an",
        "on",
        "at",
        "with",
        "acting",
        "ai",
        "i",
    ]
)
_WRAP = re.compile(r"(?<=[A-Za-z]) ?\n ?(?P<tail>[a-z]+)(?P<after>[,.;]?)")
_PARENS = re.compile(r"\((?:U|C|S|SBU|acting|AI|ai|CDA)\)")
_LEADING = re.compile(r"^\s*(?:\d+\s*\.\s*)?(?:this message\s*)?", re.IGNORECASE)
_SPLIT = re.compile(r"[,:]")
# "Daniel O,Grady", "d,Affaires": a comma typed for an apostrophe
_COMMA_APOSTROPHE = re.compile(r"(?<=\b[A-Za-z]),(?=[A-Z][a-z])")
# "Hoyt Y ee": a surname split after its first letter
_SPLIT_INITIAL = re.compile(r"\b(?P<head>[A-Z]) (?P<tail>[a-z]{1,3})\b")
_AND = re.compile(r"\band\b", re.IGNORECASE)
_SLASH_BEFORE_NAME = re.compile(r"(?<=[A-Z])/(?=[A-Z][a-z])")
_SPACES = re.compile(r"\s+")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][A-Za-z0-9'.\-]*|0\.)$")
_INITIAL = re.compile(r"^[A-Z0](?:\.(?:[A-Z]\.)*)?$")
_ROMAN = frozenset({"II", "III", "IV"})
_SUFFIXES = frozenset({"JR", "JR.", "SR", "SR.", "II", "III", "IV"})
_FUNCTION = frozenset({"for", "to", "of"})
_TITLE_PREFIX = re.compile(
    r"^(?:am?b+a?s|aba?s|amab|charg|d'?\s?af+|af+a?i|deput|chief|mission|acting|polit|polm|"
    r"pol-|poloff|econ|ecop|offic|couns|counc|minist|consul|general|princip|direc|assist|"
    r"secret|depart|section|coordin|deleg|advis|attach|envoy|special|represent|permanent|"
    r"chair|leader|member|head|team|unit|govern|legal|labor|defense|institut|provinc|"
    r"interag|classif|message|embass|conoff)",
    re.IGNORECASE,
)
_TITLE_WORDS = frozenset(
    [
        "amb",
        "a",
        "ai",
        "dcm",
        "cda",
        "com",
        "dep",
        "pol",
        "min",
        "mc",
        "m-c",
        "dir",
        "rso",
        "arso",
        "tdy",
        "ltc",
        "col",
        "legatt",
        "dpo",
        "ipo",
        "pdas",
        "das",
        "as",
        "us",
        "u.s",
        "t",
        "prt",
        "ait",
        "useu",
        "usun",
        "isn",
        "io",
        "nea",
        "af",
        "sca",
        "eur",
        "wha",
        "eap",
        "inr",
        "drl",
        "prm",
        "inl",
        "afr",
        "pm",
        "by",
        "this",
        "and",
        "for",
        "of",
        "to",
        "the",
        "per",
        "dos",
        "guide",
        "usdel",
        "congen",
        "mcounselor",
        "cief",
        "coun",
        "off",
        "ecmin",
        "emin",
        "ecpo",
        "confidential",
        "secret",
    ]
)
_NAME_TYPOS = {"RICAHRD": "RICHARD"}


def parse_classified_by(text: str, *, normalize: bool = True) -> ClassifiedBy | None:
    """Return who classified the cable, from its "Classified By" line.

    Parameters
    ----------
    text : str
        A whole telegram or a fragment holding the line.
    normalize : bool
        Give names in normalised spelling (see :func:`normalize_name`); False keeps them
        as written.

    Returns
    -------
    ClassifiedBy or None
        None when the text has no "Classified By" line. ``names`` may be empty when the
        line names nobody (``CLASSIFIED BY SECTION 1.5 (B)``).

    Examples
    --------
    >>> cb = parse_classified_by(
    ...     "Classified By: Acting Deputy Chief of Mission Marc Wall for Reasons 1.4\\n (b) and (d)"
    ... )
    >>> cb.names, cb.title, cb.reasons
    (['Marc Wall'], 'Acting Deputy Chief of Mission', ['1.4(b)', '1.4(d)'])
    >>> parse_classified_by("CLASSIFIED BY: Bodde Peter, Ambassador; REASON: 1.4(B)").names
    ['Bodde Peter']
    """
    # Every marker begins with "clas": try the pattern only there (a scan costs ~10x more).
    marker = first_match(_MARKER, text, ("clas",))
    if marker is None:
        return None
    window = text[marker.end() : marker.end() + _WINDOW]
    # "Classified By: Classified by DCM ..." or a list of cables before the real line
    reason = _REASON_NUMBER.search(window)
    limit = reason.start() if reason else len(window)
    for inner in _MARKER.finditer(window, 0, limit):
        window = window[inner.end() :]
        break
    raw_end = min(len(window), 300)
    line = _SPACES.sub(" ", window[:raw_end]).strip()
    joined = _join_wraps(window)
    end = _NAME_END.search(joined)
    segment = joined[: end.start()] if end else joined[:200]
    names, title = _names(segment)
    if normalize:
        names = [normalize_name(name) for name in names]
    rest = joined[end.start() :] if end else ""
    return ClassifiedBy(names=names, title=title, reasons=_reasons(rest), text=line)


def normalize_name(name: str) -> str:
    """Return the normalised spelling of a classificationist's name.

    Words written in capitals are title-cased (mixed-case words are kept as written),
    a zero typed for the letter O is repaired, and a few known typos are fixed.

    Examples
    --------
    >>> normalize_name("THOMAS W. SIMONS, JR.")
    'Thomas W. Simons, Jr.'
    >>> normalize_name("LEE 0. COLDREN")
    'Lee O. Coldren'
    >>> normalize_name("Charles O. Blaha")
    'Charles O. Blaha'
    """
    words = []
    for word in name.split(" "):
        bare = word.rstrip(",")
        if bare.upper() in _ROMAN:
            words.append(word)
            continue
        if any(ch.isdigit() for ch in bare) and any(ch.isalpha() for ch in bare) or bare == "0.":
            word = word.replace("0", "O")
        upper = word.upper().rstrip(",.")
        if upper in _NAME_TYPOS:
            word = word.upper().replace(upper, _NAME_TYPOS[upper])
        if word.isupper():
            word = word.title()
        words.append(word)
    return " ".join(words)


def _join_wraps(window: str) -> str:
    """Undo the page's mid-word line wraps ("Hoyt Y \\nee" → "Hoyt Yee")."""

    def join(match: re.Match[str]) -> str:
        tail, after = match["tail"], match["after"]
        if tail in _COMMON and not (len(tail) == 1 and after):
            return " " + tail + after
        return tail + after

    return _WRAP.sub(join, window)


def _join_initial(match: re.Match[str]) -> str:
    if match["tail"] in _COMMON:
        return match.group()
    return match["head"] + match["tail"]


def _clean_segment(segment: str) -> str:
    segment = _COMMA_APOSTROPHE.sub("'", segment)
    segment = _SPLIT_INITIAL.sub(_join_initial, segment)
    segment = _PARENS.sub(" ", segment)
    segment = _LEADING.sub("", segment)
    segment = _SLASH_BEFORE_NAME.sub(" / ", segment)
    segment = segment.replace(" - ", " | ").replace("?", " | ")
    return _SPACES.sub(" ", segment).strip(" .,-")


def _names(segment: str) -> tuple[list[str], str | None]:
    parts = [part.strip() for part in _SPLIT.split(_clean_segment(segment))]
    mixed = any(ch.islower() for ch in segment)
    for index, part in enumerate(parts):
        found = _trailing_name(part, mixed)
        if found is None:
            continue
        name, title = found
        rest = parts[index + 1 :]
        if rest and rest[0].upper().rstrip(".") in _SUFFIXES | {"JR", "SR"}:
            suffix = rest[0].rstrip(".")
            if suffix.upper() in ("JR", "SR"):
                suffix += "."
            name = f"{name}, {suffix}"
            rest = rest[1:]
        if not title and rest:
            title = rest[0] or None
        names = [name]
        tail = " ".join(rest)
        pieces = _AND.split(tail)
        if len(pieces) > 1 and (second := _trailing_name(pieces[-1].strip(), mixed)):
            names.append(second[0])
        return names, title
    return [], None


def _trailing_name(part: str, mixed: bool) -> tuple[str, str | None] | None:
    tokens = part.split()
    while tokens and (tokens[-1][:1].islower() or not any(c.isalnum() for c in tokens[-1])):
        tokens.pop()
    run: list[str] = []
    for position in range(len(tokens) - 1, -1, -1):
        token = tokens[position]
        if not _is_name_token(token, mixed) or len(run) == 5:
            break
        if len(token) == 1 and not (  # a bare letter is an initial only after a first name
            position > 0
            and len(tokens[position - 1]) > 1
            and _is_name_token(tokens[position - 1], mixed)
        ):
            break
        run.append(token)
    run.reverse()
    if not run:
        return None
    start = len(tokens) - len(run)
    initials = [i for i, token in enumerate(run) if _INITIAL.match(token)]
    if len(run) >= 3 and initials and initials[0] > 0:
        run = run[initials[0] - 1 :]
    elif len(run) > 2 and not initials and start > 0 and tokens[start - 1].lower() in _FUNCTION:
        run = run[-2:]
    title_tokens = tokens[: len(tokens) - len(run)]
    title = " ".join(title_tokens).strip(" ,.") or None
    return " ".join(run).rstrip(","), title


def _is_name_token(token: str, mixed: bool) -> bool:
    if not _NAME_TOKEN.match(token):
        return False
    if _INITIAL.match(token):
        return True
    bare = token.strip(".,'").lower()
    if bare in _TITLE_WORDS or _TITLE_PREFIX.match(bare.replace("d'", "")):
        return False
    if mixed and token.isupper() and len(token.strip(".")) > 1 and "." not in token:
        return token in _ROMAN or "0" in token
    return True


_REASON_LETTERS = re.compile(r"(?<![A-Za-z])([a-hA-H])(?![A-Za-z])")
_REASON_TAIL_END = re.compile(r"\)\s*\.|\.\s|\n\s*\n|\n\s*¶?\s*\d|[A-Za-z]{4,}")


def _reasons(rest: str) -> list[str]:
    number = _REASON_NUMBER.search(rest)
    if number is None:
        return []
    code = "1." + number.group()[-1]
    tail = rest[number.end() : number.end() + 60]
    stop = _REASON_TAIL_END.search(tail)
    if stop is not None:
        tail = tail[: stop.start() + (1 if stop.group().startswith(")") else 0)]
    letters = [letter.lower() for letter in _REASON_LETTERS.findall(tail)]
    return [f"{code}({letter})" for letter in dict.fromkeys(letters)] or [code]
