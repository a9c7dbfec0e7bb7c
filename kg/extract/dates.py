"""Dates in cable prose, resolved against the cable's creation date: "January 23-26",
"March 30 - April 1", "on July 14", "14 July 2008", "in November 2008", "last October",
"on Monday", "yesterday". Used by the events extractor.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

__all__ = ["DATE_HINT", "date_offset", "find_date"]

_MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name: i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["Sept"] = 9
_MONTH = (
    r"(January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_YEAR = r"(?:,?\s+((?:19|20)\d\d))"
_ORDINAL = r"(?:st|nd|rd|th)?"  # "April 22nd to 26th"
_PATTERNS = [
    # March 30 - April 1 (2005)
    (
        "md-md",
        re.compile(
            rf"\b{_MONTH}\s+(\d{{1,2}}){_ORDINAL}\s*(?:-|–|to|through|until)\s*{_MONTH}"
            rf"\s+(\d{{1,2}}){_ORDINAL}\b{_YEAR}?"
        ),
    ),
    # January 23-26 (2007)
    (
        "md-d",
        re.compile(
            rf"\b{_MONTH}\s+(\d{{1,2}}){_ORDINAL}\s*(?:-|–|to|through|and)\s*(\d{{1,2}})"
            rf"{_ORDINAL}\b{_YEAR}?"
        ),
    ),
    # 23-26 January (2007)
    ("d-dm", re.compile(rf"\b(\d{{1,2}})\s*(?:-|–|to)\s*(\d{{1,2}})\s+{_MONTH}{_YEAR}?")),
    # July 14(, 2008)
    (
        "md",
        re.compile(
            rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:,\s*)?(?!(?:19|20)\d\d\b)\d{{3}})"
            rf"{_YEAR}?"
        ),
    ),
    # 14 July (2008)
    ("dm", re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}{_YEAR}?")),
    # (in) November 2008
    ("my", re.compile(rf"\b{_MONTH}\s+((?:19|20)\d\d)\b")),
    # in October / last October / next October
    ("m", re.compile(rf"\b(?:in|last|next|early|late|mid-|since|during|until|by)\s+{_MONTH}\b")),
]


_WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}
_WEEKDAY = re.compile(
    r"\b(?:on|last|this|next|early|late)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b"
)
_RELATIVE = re.compile(r"\b(yesterday|today|earlier today|this morning)\b")
# Any word a date could be written with: sentences without one skip the date patterns.
DATE_HINT = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|"
    r"yesterday|today|this morning)"
)


# A year-less date up to this many days after the cable is the coming one ("national
# elections on May 12" in an April cable), not the one eleven months before.
_SOON = 45


def _days_ahead(created: date, month: int, day: int) -> int:
    try:
        return (date(created.year, month, day) - created).days
    except ValueError:
        return _SOON + 1


def _resolve(month: int, year: str | None, created: date, future: bool, day: int = 1) -> int:
    if year:
        return int(year)
    ahead = (month - created.month, day - created.day)
    if future or (ahead > (0, 0) and _days_ahead(created, month, day) <= _SOON):
        return created.year if month >= created.month else created.year + 1
    return created.year if month <= created.month else created.year - 1


def _iso(y: int, m: int, d: int | None = None) -> str | None:
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_date(text: str, created: date, future: bool = False) -> tuple[str | None, str | None]:
    """Return the first date or range of ``text`` as ISO ``(begin, end)``.

    Day-and-month dates take the cable's year, or the previous year when that would put
    them after the cable (the next year when ``future`` is set and the month has passed).
    A month alone gives ``YYYY-MM`` for both ends.

    Examples
    --------
    >>> find_date("met in Almaty January 23-26 to combat", date(2007, 2, 12))
    ('2007-01-23', '2007-01-26')
    >>> find_date("In a conversation on August 30, 2007, Ms. Mulder", date(2007, 11, 2))
    ('2007-08-30', '2007-08-30')
    >>> find_date("his April 22nd to 26th visit", date(2007, 5, 2))
    ('2007-04-22', '2007-04-26')
    >>> find_date("visited on March 30 - April 1, 2005", date(2005, 4, 20))
    ('2005-03-30', '2005-04-01')
    >>> find_date("On December 3, the MFA issued", date(2009, 1, 20))
    ('2008-12-03', '2008-12-03')
    >>> find_date("to sweep the government out in elections on May 12", date(2007, 4, 3))
    ('2007-05-12', '2007-05-12')
    >>> find_date("planned October visit", date(2006, 8, 1), future=True)
    (None, None)
    >>> find_date("a visit in October", date(2006, 8, 1), future=True)
    ('2006-10', '2006-10')
    >>> find_date("the minister said on Monday", date(2009, 1, 21))  # a Wednesday
    ('2009-01-19', '2009-01-19')
    """
    found = _first_match(text)
    if found is None:
        return _relative_day(text, created, future)
    kind, match = found
    g = match.groups()
    if kind == "md-md":
        m1, m2 = _MONTHS[g[0]], _MONTHS[g[2]]
        y2 = _resolve(m2, g[4], created, future, int(g[1]) if m1 == m2 else 1)
        y1 = y2 if m1 <= m2 else y2 - 1
        return _iso(y1, m1, int(g[1])), _iso(y2, m2, int(g[3]))
    if kind == "md-d":
        m = _MONTHS[g[0]]
        y = _resolve(m, g[3], created, future, int(g[1]))
        return _iso(y, m, int(g[1])), _iso(y, m, int(g[2]))
    if kind == "d-dm":
        m = _MONTHS[g[2]]
        y = _resolve(m, g[3], created, future, int(g[0]))
        return _iso(y, m, int(g[0])), _iso(y, m, int(g[1]))
    if kind == "md":
        m = _MONTHS[g[0]]
        y = _resolve(m, g[2], created, future, int(g[1]))
        day = _iso(y, m, int(g[1]))
        return day, day
    if kind == "dm":
        m = _MONTHS[g[1]]
        y = _resolve(m, g[2], created, future, int(g[0]))
        day = _iso(y, m, int(g[0]))
        return day, day
    if kind == "my":
        month = _iso(int(g[1]), _MONTHS[g[0]])
        return month, month
    if kind == "m":
        m = _MONTHS[g[0]]
        month = _iso(_resolve(m, None, created, future), m)
        return month, month
    return None, None


def _first_match(text: str) -> tuple[str, re.Match[str]] | None:
    """The first of the date patterns, in priority order, that ``text`` holds."""
    if not DATE_HINT.search(text):
        return None
    for kind, pattern in _PATTERNS:
        match = pattern.search(text)
        if match:
            return kind, match
    return None


def date_offset(text: str) -> int | None:
    """Return where in ``text`` the date :func:`find_date` reads begins, or None.

    >>> date_offset("Poloff met him and on July 14 they spoke")
    22
    """
    found = _first_match(text)
    if found is not None:
        return found[1].start()
    match = _WEEKDAY.search(text) or _RELATIVE.search(text)
    return match.start() if match else None


def _relative_day(text: str, created: date, future: bool) -> tuple[str | None, str | None]:
    """Resolve "on Monday" (the last Monday up to the cable's day, the next one for a
    future event), "yesterday" and "today" against the cable's date."""
    match = _WEEKDAY.search(text)
    if match:
        back = (created.weekday() - _WEEKDAYS[match.group(1)]) % 7
        day = created + timedelta(days=(7 - back) % 7) if future else created - timedelta(back)
        return day.isoformat(), day.isoformat()
    match = _RELATIVE.search(text)
    if match:
        day = created - timedelta(days=1) if match.group(1) == "yesterday" else created
        return day.isoformat(), day.isoformat()
    return None, None
