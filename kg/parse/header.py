"""The telegram header: transmission id, precedence, sender, TO / INFO addressees, banner.

A header looks like::

    VZCZCXRO4403
    RR RUEHDBU RUEHLN RUEHVK RUEHYG
    DE RUEHTA #0367/01 0430428
    ZNR UUUUU ZZH
    R 120428Z FEB 07
    FM AMEMBASSY ASTANA
    TO RUEHC/SECSTATE WASHDC 8416
    INFO RUCNCIS/CIS COLLECTIVE 0027

followed, in the body, by the classification banner (``UNCLAS SECTION 01 OF 02 ASTANA
000367``), caveat lines (``SIPDIS``) and the office addressee lines (``STATE FOR INL ...``).
Every function takes text and returns one field; :mod:`kg.parse.cable` calls them.
"""

from __future__ import annotations

import re
from datetime import datetime

from kg.model import Classification, Recipient
from kg.parse.prepared import folded

__all__ = [
    "parse_addressees",
    "parse_classification",
    "parse_date_time_group",
    "parse_info_recipients",
    "parse_is_partial",
    "parse_recipients",
    "parse_section_count",
    "parse_sender",
    "parse_sender_route",
    "parse_transmission_id",
    "PRECEDENCES",
]

#: Precedence prosigns of the date-time-group line.
PRECEDENCES = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}

_HEAD_CHARS = 8000
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_TRANSMISSION_ID = re.compile(r"\bVZCZC[A-Z]+[0-9]+")
_DTG_LINE = re.compile(
    r"^[ \t]*(?P<prec>[ZOPR]{1,2}(?:[ \t]+[ZOPR])?)[ \t]+"
    r"(?P<dtg>(?P<day>[0-9]{2})(?P<hour>[0-9]{2})(?P<minute>[0-9]{2})Z[ \t]+"
    r"(?P<month>[A-Z]{3})[ \t]+(?P<year>[0-9]{2,4}))\b",
    re.MULTILINE,
)
# Upper-case only: "FM Steinmeier said ..." in a fragment's prose is no sender.
_FM_LINE = re.compile(r"^[ \t]*FM[ \t]+(?P<name>[^a-z\n]+?)[ \t]*$", re.MULTILINE)
_DE_LINE = re.compile(r"^[ \t]*DE[ \t]+(?P<route>[A-Z]{4,8})\b", re.MULTILINE)
# "PAGE 02        STATE   015113  182333Z" (old style) in the middle of an address block.
_OLD_PAGE_NOISE = re.compile(
    r"PAGE[ \t]+[0-9]+[ \t]+[A-Z][A-Z ]*?[ \t]+[0-9]+[ \t]+(?:[0-9]+[ \t]+OF[ \t]+[0-9]+[ \t]+)?"
    r"[0-9]{6}Z?"
)
_BLOCK_END = re.compile(
    r"^(?:BT\b|UNCLAS|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL|C O N F|S E C R E T|"
    r"E\.?\s?O\.?\s|TAGS|SUBJ|SIPDIS|NOFORN|SENSITIVE|CLASSIFIED BY)",
    re.IGNORECASE,
)
_RECIPIENT = re.compile(
    r"^(?:(?P<route>[A-Z]{4,8})/)?(?P<name>.+?)"
    r"(?:[ \t]+(?P<prec>NIACT[ \t]+IMMEDIATE|FLASH|IMMEDIATE|PRIORITY|PIORITY|ROUTINE))?"
    r"(?:[ \t]+(?P<mcn>[0-9]{1,5}))?[ \t]*$"
)
_XMT = re.compile(r"^XMT(?:/|[ \t]+)")
_LABEL_LINES = {
    label: re.compile(rf"^[ \t]*{label}[ \t]+", re.MULTILINE) for label in ("TO", "INFO")
}
_INFO_WORD = re.compile(r"INFO\b")
_BANNER = re.compile(
    r"^[ \t]*(?P<level>UNCLAS(?:SIFIED)?|TOP[ \t]+SECRET|S[ \t]?E[ \t]?C[ \t]?R[ \t]?E[ \t]?T|"
    r"C[ \t]?O[ \t]?N[ \t]?F[ \t]?I[ \t]?D[ \t]?E[ \t]?N[ \t]?T[ \t]?I[ \t]?A[ \t]?L|"
    r"LIMITED[ \t]+OFFICIAL[ \t]+USE)\b",
    re.MULTILINE,
)
_CAVEAT_WORDS = ("NOFORN", "SIPDIS", "EXDIS", "LIMDIS", "NODIS", "ORCON", "SENSITIVE")
_CAVEAT = re.compile(r"\b(" + "|".join(_CAVEAT_WORDS) + r")\b")
_SECTION = re.compile(r"\bSECTION[ \t]+0*([0-9]{1,3})[ \t]+OF[ \t]+0*([0-9]{1,3})\b")
_PARTIAL_NOTE = "partial extract of the original cable"
_PARTIAL = re.compile(_PARTIAL_NOTE, re.IGNORECASE)
# The lines before which the caveats stand (SUBJECT, TAGS, E.O.), tried at each line start.
_CAVEATS_STOP = re.compile(r"^[ \t]*(?:SUBJ|TAGS|E\.?\s?O\.?\s)", re.MULTILINE | re.IGNORECASE)
_ADDRESSEE_STOP = re.compile(
    r"^[ \t]*(?:E\.?[ \t]?O\.?[ \t]|EO[ \t]|TAGS?\b|SUBJ|REF|CLASSIFIED[ \t]+BY|[0-9]+\.|"
    r"\(?[A-Z]{1,3}\)[ \t]|SUMMARY|BEGIN SUMMARY)",
    re.IGNORECASE,
)
_CAVEAT_ONLY = re.compile(
    r"^[ \t]*(?:(?:NOFORN|SIPDIS|EXDIS|LIMDIS|NODIS|ORCON|SENSITIVE|CXFOR\w*|FOR OFFICIAL USE "
    r"ONLY|C[ \t]?O[ \t]?R[ \t]?R[ \t]?E[ \t]?C[ \t]?T[ \t]?E[ \t]?D[ \t]+COPY\S*.*|"
    r"STADIS|E[ \t]?F[ \t]?T[ \t]?O|NOT FOR INTERNET DISTRIBUTION)[ \t.,;:/]*)+$",
    re.IGNORECASE,
)
# A classification line repeated below the banner ("CONFIDENTIAL", "SECRET//NOFORN",
# "SENSITIVE BUT UNCLASSIFIED") or a second banner ("S E C R E T THE HAGUE 002113").
_CLASSIFICATION_LINE = re.compile(
    r"^[ \t]*(?:SENSITIVE[ \t]+BUT[ \t]+UNCLASSIFIED|(?:UNCLAS(?:SIFIED)?|(?:TOP[ \t]+)?SECRET"
    r"|CONFIDENTIAL|LIMITED[ \t]+OFFICIAL[ \t]+USE|S[ \t]?E[ \t]?C[ \t]?R[ \t]?E[ \t]?T"
    r"|C[ \t]?O[ \t]?N[ \t]?F[ \t]?I[ \t]?D[ \t]?E[ \t]?N[ \t]?T[ \t]?I[ \t]?A[ \t]?L)"
    r"(?:[ \t/]+(?:NOFORN|SIPDIS|SENSITIVE|EXDIS|NODIS|LIMDIS|ORCON))*"
    r"(?P<id>[ \t]+(?:SECTION[ \t]+[0-9]+[ \t]+OF[ \t]+[0-9]+[ \t]+)?[A-Z][A-Z .'\-]*"
    r"[ \t]+[0-9]{3,7})?)[ \t.]*$"
)
# A line of a telegram's routing (a dump's copy of it above the banner), never an addressee.
_ROUTING = re.compile(
    r"^(?:VZCZC|(?:[ZOPR]{1,2}[ \t]+)?R[UHC][A-Z]{2,5}(?:/|[ \t]|$)|DE[ \t]+R[A-Z]{3}|ZN[RY][ \t]"
    r"|[ZOPR]{1,2}[ \t]+[0-9]{6}Z|(?:FM|XMT)[ \t]|BT$|(?:TO|INFO)[ \t]+(?:R[UHC][A-Z]{2,5}/"
    r"|AMEMBASSY|AMCONSUL|SECSTATE|USMISSION|USDEL|ALL[ \t]|[A-Z ]+COLLECTIVE))"
)
_INLINE_EO = re.compile(r"\s+E\.?\s?O\.?\s+1[0-9]{4}.*$")


def parse_transmission_id(text: str) -> str | None:
    """Return the transmission id (``VZCZCXRO4403``) or None.

    Examples
    --------
    >>> parse_transmission_id("VZCZCXRO4403\\nRR RUEHDBU")
    'VZCZCXRO4403'
    """
    match = _TRANSMISSION_ID.search(text[:_HEAD_CHARS])
    return match.group() if match else None


def parse_date_time_group(text: str) -> tuple[str | None, str | None, str | None]:
    """Return precedence, date-time group and its ISO date-time from the DTG line.

    Returns
    -------
    tuple
        ``(precedence, dtg, created)``: the action precedence as a word (``ROUTINE``),
        the group as written (``120428Z FEB 07``) and ``YYYY-MM-DDTHH:MM`` (UTC) or None.

    Examples
    --------
    >>> parse_date_time_group("R 120428Z FEB 07\\nFM AMEMBASSY ASTANA")
    ('ROUTINE', '120428Z FEB 07', '2007-02-12T04:28')
    """
    match = _DTG_LINE.search(text[:_HEAD_CHARS])
    if not match:
        return None, None, None
    precedence = PRECEDENCES[match["prec"][0]]
    year = int(match["year"])
    if year < 100:
        year += 1900 if year >= 66 else 2000
    created = _iso_minute(year, match["month"], match["day"], match["hour"], match["minute"])
    return precedence, " ".join(match["dtg"].split()), created


def _iso_minute(year: int, month: str, day: str, hour: str, minute: str) -> str | None:
    """``YYYY-MM-DDTHH:MM``, or None for no such moment (or a year not of four digits).

    What ``datetime.strptime(..., "%Y %b %d %H:%M")`` accepts, at a tenth of its cost.

    Examples
    --------
    >>> _iso_minute(2007, "FEB", "12", "04", "28"), _iso_minute(2007, "FEB", "30", "04", "28")
    ('2007-02-12T04:28', None)
    """
    number = _MONTHS.get(month.lower())
    if number is None or not 1000 <= year <= 9999:
        return None
    try:
        moment = datetime(year, number, int(day), int(hour), int(minute))
    except ValueError:
        return None
    return f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T{hour}:{minute}"


def parse_sender(text: str) -> str | None:
    """Return the sender of the FM line (``AMEMBASSY ASTANA``) or None."""
    match = _FM_LINE.search(text[:_HEAD_CHARS])
    return " ".join(match["name"].split()) if match else None


def parse_sender_route(text: str) -> str | None:
    """Return the routing indicator of the DE line (``RUEHTA``) or None."""
    match = _DE_LINE.search(text[:_HEAD_CHARS])
    return match["route"] if match else None


def _address_lines(text: str, label: str) -> list[str]:
    """The lines of the TO or INFO block, label removed, page noise dropped."""
    head = text[:_HEAD_CHARS]
    head = _OLD_PAGE_NOISE.sub("", head) if "PAGE" in head else head
    start = _LABEL_LINES[label].search(head)
    if not start:
        return []
    lines: list[str] = []
    for line in head[start.end() :].split("\n"):
        line = " ".join(line.split())
        if not line:
            if lines:
                break
            continue
        if lines or label == "INFO":
            if _INFO_WORD.match(line) or _BLOCK_END.match(line):
                break
        elif _INFO_WORD.match(line):
            break
        lines.append(line)
    return lines


def _recipients(lines: list[str]) -> list[Recipient]:
    recipients: list[Recipient] = []
    excluding = False
    for line in lines:
        xmt = _XMT.match(line)
        if xmt:
            excluding = True
            line = line[xmt.end() :]
        match = _RECIPIENT.match(line)
        if not match:
            continue
        if excluding:
            # XMT names posts of a collective that do not get the cable.
            if recipients:
                recipients[-1].excluded.append(match["name"])
            continue
        precedence = match["prec"]
        if precedence:
            precedence = "PRIORITY" if precedence == "PIORITY" else " ".join(precedence.split())
        recipients.append(
            Recipient(
                name=match["name"], route=match["route"], precedence=precedence, mcn=match["mcn"]
            )
        )
    return recipients


def parse_recipients(text: str) -> list[Recipient]:
    """Return the addressees of the TO block.

    Examples
    --------
    >>> parse_recipients("FM AMEMBASSY ASTANA\\nTO RUEHC/SECSTATE WASHDC 8416\\nINFO X")
    [Recipient(name='SECSTATE WASHDC', route='RUEHC', precedence=None, mcn='8416', excluded=[])]
    """
    return _recipients(_address_lines(text, "TO"))


def parse_info_recipients(text: str) -> list[Recipient]:
    """Return the addressees of the INFO block (``XMT`` lines become exclusions)."""
    return _recipients(_address_lines(text, "INFO"))


def parse_classification(text: str, table_value: str | None = None) -> Classification | None:
    """Return the classification from the page table value or the banner, with caveats.

    Parameters
    ----------
    text : str
        The cable body (its head carries the banner and caveat lines).
    table_value : str, optional
        The page's classification cell (``CONFIDENTIAL//NOFORN``), preferred when given.

    Examples
    --------
    >>> parse_classification("C O N F I D E N T I A L SECTION 01 OF 02 BERLIN 001162")
    Classification(level='CONFIDENTIAL', caveats=[])
    >>> str(parse_classification("UNCLAS ASTANA 000367\\n\\nSIPDIS\\n", "UNCLASSIFIED"))
    'UNCLASSIFIED//SIPDIS'
    """
    caveats: list[str] = []
    level = stated = None
    if table_value:
        parts = [p.strip().upper() for p in table_value.split("//") if p.strip()]
        if parts:
            stated = " ".join(table_value.split())
            level = parts[0]
            caveats = ["FOUO" if p == "FOR OFFICIAL USE ONLY" else p for p in parts[1:]]
    head = text[:_HEAD_CHARS]
    banner = _BANNER.search(head[:2000])
    if level is None:
        if not banner:
            return None
        word = "".join(banner["level"].split())
        level = {"UNCLAS": "UNCLASSIFIED", "TOPSECRET": "TOP SECRET"}.get(word, word)
        level = "LIMITED OFFICIAL USE" if word == "LIMITEDOFFICIALUSE" else level
    stop = _match_at_line_start(_CAVEATS_STOP, head)
    for caveat in _CAVEAT.findall(head[: stop.start() if stop else 1500]):
        if caveat not in caveats:
            caveats.append(caveat)
    return Classification(level=level, caveats=caveats, stated=stated)


def _match_at_line_start(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)`` for a pattern that opens with a multi-line ``^``.

    Tries line by line from the top: the line sought is near the top, where a search
    would scan the whole head first for a place to start.
    """
    position = 0
    while True:
        match = pattern.match(text, position)
        if match is not None:
            return match
        position = text.find("\n", position) + 1
        if position == 0:
            return None


def parse_section_count(text: str) -> int | None:
    """Return N of ``SECTION 01 OF N`` in the banner, or None.

    Examples
    --------
    >>> parse_section_count("UNCLAS SECTION 01 OF 02 ASTANA 000367")
    2
    """
    head = text[:2000]
    match = _SECTION.search(head) if "SECTION" in head else None
    return int(match[2]) if match else None


def parse_is_partial(text: str) -> bool:
    """Whether the page says the record is a partial extract of the cable."""
    head = text[:_HEAD_CHARS]
    lowered = folded(head)
    if lowered is not None:
        return _PARTIAL_NOTE in lowered
    return "partial" in head.lower() and _PARTIAL.search(head) is not None


def parse_addressees(body: str) -> list[str]:
    """Return the office addressee lines between the banner and the E.O. line.

    Examples
    --------
    >>> parse_addressees("UNCLAS ASTANA 000367\\n\\nSIPDIS\\n\\nSTATE FOR INL ALTON,\\n"
    ...                  "AND CARROLL;\\nJUSTICE FOR GREG DUCOT\\n\\nE.O. 12958: N/A")
    ['STATE FOR INL ALTON, AND CARROLL', 'JUSTICE FOR GREG DUCOT']
    """
    head = body[:3000]
    banner = _BANNER.search(head)
    if not banner:
        return []
    lines = head[banner.start() :].split("\n")[1:]
    found: list[str] = []
    joining = False
    for line in lines:
        if _ADDRESSEE_STOP.match(line):
            break
        text = " ".join(line.split())
        text = _INLINE_EO.sub("", text)
        classification = _CLASSIFICATION_LINE.match(text) if text else None
        if (classification and classification["id"]) or _ROUTING.match(text):
            # the telegram's own banner: what came before it (a dump's routing lines
            # under a classification field) addresses nothing
            found = []
        if not text or classification or _CAVEAT_ONLY.match(text) or _ROUTING.match(text):
            joining = False
            continue
        if joining and found:
            found[-1] = f"{found[-1]} {text}"
        else:
            found.append(text)
        joining = text.endswith((",", "-", " AND"))
    return [a.rstrip(" ;,") for a in found if a.rstrip(" ;,")]
