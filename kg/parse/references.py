"""The REF block of a telegram: which cables and other documents a cable cites.

Called by :func:`kg.parse.cable.parse_cable` with the telegram text (HTML already removed),
and usable on fragments (a REF line, a header, a whole cable). The block starts with ``REF``,
``REFS``, ``REFTEL``, ``REF(S)`` or ``REFERENCE`` and runs until the "Classified By" line,
the first numbered paragraph or another marker that cannot belong to it. Its entries carry
bullets in every style drafters used (``A.``, ``A)``, ``(A)``, ``A:``, ``[A]``, ``A -``,
bare ``A``); cable entries name a station and a number, optionally a year (``06 TBILISI
2601``, ``2007 MANAGUA 2135``, ``ASUNCION 701 (08)``, ``QUITO 4525-91``, ``09CAIRO0561``),
several numbers (``KABUL 936/935``, ``BRASILIA 2799 AND 2764``). Year-less references take
the citing cable's year; station names are canonicalised by :mod:`kg.parse.ids`
(``SECSTATE 74879`` becomes ``08STATE74879``) and a name counts as a station only when it is
one of the valid stations there, which tells ``TBILISI 1605`` from ``IIR 6 832``. Entries
that are not cables are typed (``EMAIL``, ``TELCON``, ``MEMCON``, ``MEETING``, ``LETTER``,
``MEMO``, ``FAX``, ``REPORT``, ``BOOK``, ``WEB``, else ``OTHER``) and keep their text as
written.

The regular expressions were written afresh for Python 3 after reading cablemap's reader
(Lars Heuer, BSD-3-Clause); every one is linear in its input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.model import Reference
from kg.parse.ids import canonical_id, canonical_station, data_table, split_id
from kg.parse.prepared import find_all, iter_matches, lower_same_length

__all__ = ["parse_references", "reference_kind"]

# Blocks longer than this are cut: a REF block never runs over a page.
_MAX_BLOCK = 2500
# A cable has one REF block, sometimes repeated by the page (a preview and the full text).
_MAX_BLOCKS = 6
# Without a numbered paragraph, only the head of a text is searched for a REF block.
_MAX_HEAD = 6000

_KEYWORD = re.compile(
    r"(?<![A-Za-z])(?:PROGRAM\s+)?REF(?:ERENCES?|TELS?|S|\s?\(S\))?(?![A-Za-z])\s*[:.]?"
    r"|REF(?:S|\(S\))?\s*:",
    re.IGNORECASE,
)
_BULLET_BEFORE = re.compile(r"(?:^|(?<=\s))[A-Za-z][.)]\s*$")
_FIRST_PARAGRAPH = re.compile(r"(?m)^[ \t]*¶?[ \t]*1[ \t]*\.(?!\d)")
_BLOCK_END = re.compile(
    r"classi[a-z]{0,6}\s*by"
    r"|\n[ \t]*¶?[ \t]*\d{1,2}[ \t]*\.(?!\d)"
    r"|\bsummary\b|\bsensi?tive\b|this message|please (?:handle|protect)"
    r"|(?:\b[A-Za-z] ){4,}"  # letter-spaced banners: C O N F I D E N T I A L
    r"|\n[ \t]*(?:id|date|refid|origin|destination|header|classification):"
    r"|\n[ \t]*(?:SIPDIS|NOFORN|E\.O\.|TAGS|SUBJECT)\b"
    r"|-{4,}|={4,}|\(U\)",
    re.IGNORECASE,
)
_PAGE_BREAKS = re.compile(
    r"(?:(?:UNCLASSIFIED|CONFIDENTIAL|SECRET)\s*)?"
    r"PAGE\s+\d+\s+[A-Z]+\s+\d+\s+(?:\d+\s+OF\s+\d+\s+)?\d{6}Z"
    r"|(?:[A-Z][A-Z'.-]*\s+){1,4}0{3,}\d+\s+\d{3}(?:\.\d)?\s+OF\s+\d{1,3}"
)
_LITERAL_NEWLINE = re.compile(r"\\n|\\")
_SPACES = re.compile(r"\s+")
_NOT_LETTER = re.compile(r"[^A-Z]")
_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\d+")
# An entry that is only numbers: "B. 2962 AND PREVIOUS".
_ONLY_NUMBERS = re.compile(
    r"\d{2,7}(?:\s*(?:,|/|&|AND)\s*\d{2,7})*(?:\s+AND\s+PREVIOUS)?(?:\s*\([A-Z]+\))?\.?", re.I
)

# Bullets: punctuated ones anywhere at a word start, bare letters only where an entry
# can end (start of block, after a number or a separator).
_BULLETS = re.compile(
    r"(?:(?<=^)|(?<=[\s;,.]))"
    r"(?:\((?P<paren>[A-Za-z]|\d)\)"
    r"|\[(?P<square>[A-Za-z])\]"
    r"|(?P<punct>[A-Za-z])(?:\.\)|[.):](?![A-Za-z]\.)|\s+-\s))"
    r"|(?:(?<=^)|(?<=[\d,;)]\s)|(?<=[,;]))(?P<bare>[A-Z])(?=\s+[A-Z0-9'])"
)

_O_FOR_ZERO = re.compile(r"\b[Oo](?=\d)|(?<=\d)[Oo](?=\d)")
_ZERO_FOR_O = re.compile(r"(?<=[A-Z])0(?=[A-Z]|\b)|\b0(?=[A-Z]{2})")
_DIGIT_LETTER = re.compile(r"(?<=\d)(?=[A-Z])|(?<=[A-Z])(?=\d)")
_DASH_AT_DIGIT = re.compile(r"(?<=\d)-(?=[A-Z])|(?<=[A-Z])-(?=\d)")

_YEAR = r"'?\d{2,4}|\(\d{2,4}\)"
_WORD = r"[A-Z][A-Z'.-]*"
# A year after the number: "QUITO 4525-91", "PANAMA 00789/08", "AMMAN 07718 99,", "(08)".
_SUFFIX = (
    r"(?:(?:-|/)(?P<dash>\d{2})(?!\d)"
    r"|\s+(?P<space>\d{2})(?=\s*(?:[,;]|$))"
    r"|\s*\((?P<par>\d{2}|\d{4})\))?"
)
_CABLE = re.compile(
    rf"(?<![A-Z0-9'.-])(?:(?P<pre>{_YEAR})\s+)?"
    rf"(?P<station>{_WORD}(?:\s+{_WORD}){{0,3}})"
    r"\s*(?:\((?P<mid>\d{2,4}|[A-Z/]{1,5})\)\s*)?"
    r"(?:CABLES?\s+|NO\.?\s*|#\s*)?[,:]?\s*"
    r"(?P<num>\d{1,7})(?!\d|\.\d|\.\.)" + _SUFFIX
)
_CONTINUATION = re.compile(
    r"\s*(?P<sep>,|/|&|\bAND\b)\s*(?:(?P<pre>\d{2})\s+)?(?P<num>\d{2,7})"
    r"(?!\d|\.\d|\s*[A-Z][A-Z'.-]*(?:\s+[A-Z][A-Z'.-]*){0,3}\s*\d)" + _SUFFIX
)
_NUMBER_FIRST = re.compile(rf"\b(?P<num>\d{{2,7}})\s+(?P<station>{_WORD}(?:\s+{_WORD}){{0,2}})\s*$")

_KINDS = (
    ("EMAIL", re.compile(r"\bE-?\s?MAILS?\b|\bEMAILS?\b", re.I)),
    (
        "TELCON",
        re.compile(r"\bTEL(?:E)?CONS?\b|\bTELEPHONE\b|\bPHONE\s+CALLS?\b|\bTEL\s+CON", re.I),
    ),
    ("MEMCON", re.compile(r"\bMEMCONS?\b|MEMORANDUM OF CONVERSATION", re.I)),
    ("MEETING", re.compile(r"\bMEETINGS?\b|\bDISCUSSIONS?\b", re.I)),
    ("FAX", re.compile(r"\bFAX(?:ES)?\b", re.I)),
    ("LETTER", re.compile(r"\bLETTERS?\b|\bDIP(?:LOMATIC)?\s+NOTES?\b|NOTE VERBALE", re.I)),
    ("MEMO", re.compile(r"\bMEMO(?:RANDUM|S)?\b", re.I)),
    ("WEB", re.compile(r"https?://|\bWWW\.|\bWEB\s*SITE|\bWEBSITE|\.(?:COM|ORG|GOV)\b", re.I)),
    ("BOOK", re.compile(r"\b\d+\s+FA[MH]\b|\bFA[MH]\s+\d|\bU\.?S\.?C\.?\b|\bCFR\b", re.I)),
    (
        "REPORT",
        re.compile(
            r"\bREPORTS?\b|\bTD-\d|\bIIR\b|\bINCSR\b|\bOSC\b|\bFBIS\b|\bSITREP\b|\bSTUDY\b"
            r"|\bMSG\b|\bDTG\b|\bINTSUM\b",
            re.I,
        ),
    ),
)
_JUNK = re.compile(r"\bREF(?:S|TELS?|ERENCE)?\b|\bAND\s+PREVIOUS\b|\(NOTAL\)|[\W\d_]+", re.I)


# Misspellings seen in REF lines that the id tables do not carry (the last two from
# cablemap's older reader table).
_REF_SPELLINGS = {
    "COLOMOBO": "COLOMBO",
    "SANJSE": "SANJOSE",
    "TTAWA": "OTTAWA",
    "HCMCI": "HOCHIMINHCITY",
}
# Words between a station and its number: "COLOMBO CABLES 0266", "BAGHDAD TEL 12".
_FILLERS = frozenset({"CABLE", "CABLES", "TEL", "TELS", "REFTEL", "REFTELS", "NO", "NO."})


@cache
def _valid_stations() -> frozenset[str]:
    return frozenset(data_table("cable_ids.json")["valid_stations"])


def reference_kind(text: str) -> str:
    """Return the kind of a non-cable reference entry from its wording.

    Parameters
    ----------
    text : str
        The entry as written, e.g. ``"LEE-GOLDSTEIN EMAIL 05/11/07"``.

    Returns
    -------
    str
        ``EMAIL``, ``TELCON``, ``MEMCON``, ``MEETING``, ``FAX``, ``LETTER``, ``MEMO``,
        ``WEB``, ``BOOK``, ``REPORT``, or ``OTHER`` when the wording says nothing.

    Examples
    --------
    >>> reference_kind("MITCHELL/SIMS TELCON 02/16/2010")
    'TELCON'
    >>> reference_kind("9 FAM Appendix K, 406 (6)")
    'BOOK'
    >>> reference_kind("2004 HUMAN RIGHTS REPORT FOR PANAMA")
    'REPORT'
    """
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    return "OTHER"


def parse_references(text: str, year: int | None, *, station: str | None = None) -> list[Reference]:
    """Return the references of the REF block(s) in ``text``, in the order written.

    Parameters
    ----------
    text : str
        A whole telegram (header and body) or a fragment holding a REF block.
    year : int or None
        The citing cable's year (``2007`` or ``7``), given to references written without
        one. When None, a year-less cable reference is kept with ``id=None``.
    station : str, optional
        The citing cable's station (``ANKARA``), given to an entry that is a bare number
        before any station was named (``REF: A) 6307``): drafters cite their own post's
        cables that way.

    Returns
    -------
    list of Reference
        Cable references (``kind="CABLE"``, ``id`` the canonical id) and typed non-cable
        ones, each with its bullet letter when it had one. Empty when there is no block.

    Examples
    --------
    >>> refs = parse_references("REF: A. TBILISI 1605 B. 06 TBILISI 0619", 2007)
    >>> [(r.id, r.bullet) for r in refs]
    [('07TBILISI1605', 'A'), ('06TBILISI619', 'B')]
    >>> [(r.kind, r.text) for r in parse_references("REF: LAKHDHIR E-MAIL 12/01/09", 2009)]
    [('EMAIL', 'LAKHDHIR E-MAIL 12/01/09')]
    >>> [r.id for r in parse_references("REF: A) 6307 B) STATE 285773", 2003, station="ANKARA")]
    ['03ANKARA6307', '03STATE285773']
    """
    result: list[Reference] = []
    seen: set[tuple[str, str | None]] = set()
    blocks = [_parse_block(block, year, station) for block in _blocks(text)]
    if year is None and len(blocks) > 1:
        _date_yearless(blocks)
    for index, refs in enumerate(blocks):
        if index == 0:
            result.extend(refs)
        else:  # a repeated block (page preview, then full text) adds only what is new
            result.extend(ref for ref in refs if (ref.kind, ref.value) not in seen)
        seen.update((ref.kind, ref.value) for ref in refs)
    return result


def _date_yearless(blocks: list[list[Reference]]) -> None:
    """Give a year-less cable reference the id the same station and number have elsewhere.

    Without the citing cable's year ("REF: CAIRO 0173" in a text without its id or date),
    a repeated block that writes the year ("REF 09 CAIRO 0173") still tells which cable
    it is.
    """
    known: dict[tuple[str, int], str] = {}
    for refs in blocks:
        for ref in refs:
            parts = split_id(ref.id) if ref.id else None
            if parts is not None and ref.id is not None:
                known.setdefault((parts[1], parts[2]), ref.id)
    for refs in blocks:
        for ref in refs:
            if ref.kind != "CABLE" or ref.id is not None:
                continue
            # any year will do to learn the station and number the entry names
            probe = _cable_refs(ref.text, 0, ref.bullet)
            parts = split_id(probe[0].id) if len(probe) == 1 and probe[0].id else None
            if parts is not None:
                ref.id = known.get((parts[1], parts[2]))


def _blocks(text: str) -> list[str]:
    """Return the raw text of each REF block of ``text``."""
    paragraph = _FIRST_PARAGRAPH.search(text)
    zone_end = paragraph.start() if paragraph else min(len(text), _MAX_HEAD)
    # Every keyword begins with "ref" or "program": the pattern is tried only there.
    starts = find_all(lower_same_length(text[:zone_end]), ("ref", "program"))
    blocks: list[str] = []
    position = 0
    while len(blocks) < _MAX_BLOCKS:
        later = (s for s in starts if s >= position)
        keyword = next(iter_matches(_KEYWORD, text, later, zone_end), None)
        if keyword is None:
            break
        if text[max(0, keyword.start() - 3) : keyword.start()].rstrip().endswith("("):
            # "(Ref C)", "(reftel)": a citation inside prose, not the REF block
            position = keyword.end()
            continue
        start = keyword.end()
        bullet = _BULLET_BEFORE.search(text, max(0, keyword.start() - 4), keyword.start())
        prefix = text[bullet.start() : keyword.start()].strip() + " " if bullet else ""
        end = min(len(text), start + _MAX_BLOCK)
        stop = _BLOCK_END.search(text, start, end)
        if stop is not None:
            end = stop.start()
        blocks.append(prefix + text[start:end])
        # the next block may begin inside this one ("REF: REF: ...") only past its end
        position = max(end, keyword.end())
    return blocks


def _clean_block(block: str) -> str:
    block = _LITERAL_NEWLINE.sub(" ", block.replace("¶", " "))
    block = _PAGE_BREAKS.sub(" ", block)
    return _SPACES.sub(" ", block).strip(" :;,")


def _entries(block: str) -> list[tuple[str | None, str]]:
    """Split a cleaned block into ``(bullet, text)`` entries."""
    entries: list[tuple[str | None, str]] = []
    bullet: str | None = None
    last = 0
    for match in _BULLETS.finditer(block):
        letter = next(group for group in match.groups() if group is not None).upper()
        if not _follows(bullet, letter):
            continue
        entries.append((bullet, block[last : match.start()]))
        bullet, last = letter, match.end()
    entries.append((bullet, block[last:]))
    return [(b, text) for b, text in entries if text.strip()]


def _follows(previous: str | None, letter: str) -> bool:
    if previous is None:
        return letter in ("A", "1")
    return letter == previous or ord(letter) == ord(previous) + 1


def _parse_block(block: str, year: int | None, citing: str | None) -> list[Reference]:
    refs: list[Reference] = []
    station: str | None = None
    for bullet, entry in _entries(_clean_block(block)):
        for part in entry.split(";"):
            part = part.strip(" ,:-")
            if not part:
                continue
            cables = _cable_refs(part, year, bullet)
            bare = not cables and _ONLY_NUMBERS.fullmatch(part) is not None
            if bare and station:
                # "A. MANILA 2969 B. 2962": a bare number continues the last station
                cables = _cable_refs(f"{station} {part}", year, bullet)
            elif bare and citing and _own_serial(part, citing):
                # "REF: A) 6307" in an Ankara cable: one of the post's own cables
                cables = _cable_refs(f"{citing} {part}", year, bullet)
            if cables:
                station = next((_station_of(c) for c in reversed(cables) if c.id), station)
                refs.extend(cables)
            elif _JUNK.sub("", part):
                text = part.strip()
                refs.append(Reference(kind=reference_kind(text), text=text, bullet=bullet))
    return refs


def _own_serial(part: str, station: str) -> bool:
    """Whether a bare number can be a serial of the citing post's own cables.

    Posts number a few thousand cables a year; a longer number is the Department's
    (``REF: 164437`` in a San Jose cable) and a year is no serial.
    """
    digits = _DIGIT_RUN.search(part)
    if digits is None:
        return False
    if station == "STATE":
        return len(digits.group()) <= 6
    return len(digits.group()) <= 4 and not _year_like(int(digits.group()))


def _station_of(ref: Reference) -> str | None:
    parts = split_id(ref.id) if ref.id else None
    return parts[1] if parts else None


def _normalise(part: str) -> str:
    text = part.upper()
    # each substitution needs its character; most entries have no "O", "0" or "-"
    text = _O_FOR_ZERO.sub("0", text) if "O" in text or "o" in text else text
    text = _ZERO_FOR_O.sub("O", text) if "0" in text else text
    text = _DASH_AT_DIGIT.sub(" ", text) if "-" in text else text
    return _DIGIT_LETTER.sub(" ", text)


def _cable_refs(part: str, year: int | None, bullet: str | None) -> list[Reference]:
    refs: list[Reference] = []
    if not _DIGIT.search(part):
        return refs
    text = _normalise(part)
    position = 0
    while True:
        match = _CABLE.search(text, position)
        if match is None:
            break
        position = match.end()
        station = _station(match["station"])
        if station is None:
            # the words before the number were no station; the number may be a year
            position = match.start("num")
            continue
        explicit = _first_year(match["pre"], match["mid"])
        number = int(match["num"])
        if (
            station.alias
            and station.after_words
            and explicit is None
            and len(match["num"]) == 4
            and _year_like(number)
        ):
            continue  # "INCSR BRAZIL 2008": a year after a loosely matched name
        cable_year = _first_year(
            match["dash"], match["space"], match["par"], match["pre"], match["mid"]
        )
        refs.append(_cable(station.name, number, cable_year, year, part, bullet))
        listed = False
        while (more := _CONTINUATION.match(text, position)) is not None:
            # "STATE 188314, 259032": a bare number after a comma is taken only once the
            # entry has shown it lists numbers ("GUANGZHOU 11657 AND 7743, 12155")
            if more["sep"] == "," and not listed:
                break
            listed = True
            position = more.end()
            more_year = _first_year(more["dash"], more["space"], more["par"], more["pre"])
            if more_year is None:
                more_year = explicit
            refs.append(_cable(station.name, int(more["num"]), more_year, year, part, bullet))
    if not refs:
        first = _NUMBER_FIRST.search(text)
        if first is not None and (station := _station(first["station"])) is not None:
            refs.append(_cable(station.name, int(first["num"]), None, year, part, bullet))
    return refs


@dataclass(frozen=True, slots=True)
class _Station:
    name: str
    alias: bool  # written otherwise than its canonical name
    after_words: bool  # other words stood before it ("INCSR BRAZIL")


@lru_cache(maxsize=1 << 12)
def _station(words: str) -> _Station | None:
    """Return the station named by the longest valid tail of ``words``, if any."""
    valid = _valid_stations()
    tokens = words.split()
    while tokens and tokens[-1] in _FILLERS:
        tokens.pop()
    for start in range(len(tokens)):
        written = _NOT_LETTER.sub("", "".join(tokens[start:]))
        if not written:
            continue
        name = canonical_station(_REF_SPELLINGS.get(written, written))
        if name in valid:
            return _Station(name, alias=name != written, after_words=start > 0)
    return None


def _first_year(*texts: str | None) -> int | None:
    """Return the two-digit year of the first of ``texts`` that is one (``'08``, ``(2002)``)."""
    for text in texts:
        digits = (text or "").strip("'()")
        if digits.isdigit():
            return int(digits[-2:])
    return None


def _year_like(number: int) -> bool:
    return 1950 <= number <= 2030


def _cable(
    station: str,
    number: int,
    cable_year: int | None,
    year: int | None,
    text: str,
    bullet: str | None,
) -> Reference:
    resolved = cable_year if cable_year is not None else year
    if resolved is None:
        return Reference(kind="CABLE", text=text.strip(), bullet=bullet)
    ref = f"{resolved % 100:02d}{station}{number}"
    return Reference(kind="CABLE", text=text.strip(), id=canonical_id(ref), bullet=bullet)
