"""Dates in cable prose, resolved against the cable's creation date: "January 23-26",
"March 30 - April 1", "on July 14", "14 July 2008", "in November 2008", "last October",
"the week of May 25", "on Monday", "Friday afternoon", "yesterday", "in 2004", "in the
1980s". Used by the events extractor, which reads every date of a sentence
(:func:`find_dates`) to tell the occurrences of one sentence apart.
"""

from __future__ import annotations

import calendar
import functools
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta

from kg.extract.text import trie_pattern

__all__ = [
    "DateHints",
    "DateSpan",
    "anchored_dates",
    "find_date",
    "find_dates",
    "first_date_hint",
    "may_hold_date",
]

_MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name: i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["Sept"] = 9
_MONTH = (
    r"(January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_YEAR = r"(?:,?\s+((?:19|20)\d\d))"
_ORDINAL = r"(?:st|nd|rd|th)?"  # "April 22nd to 26th"
# Sentence-initial words are capitalized ("In September, a ..."): prefixes ignore case.
_MONTH_PREFIX = (
    r"(?i:(?:in|last|next|this|early|late|since|during|until|by|through)\s+|mid-"
    # a month as an adjective: "the October visit", "a planned October visit"
    r"|(?:the|his|her|its|their|planned|upcoming|scheduled)\s+(?=\w+\s+[a-z]))"
)
# In priority order: where two patterns overlap, the earlier one reads the date.
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
    # 08/11/2008, as US telegrams write it: month first
    ("m/d/y", re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")),
    # (in) November(,) 2008
    ("my", re.compile(rf"\b{_MONTH},?\s+((?:19|20)\d\d)\b")),
    # in October / last October / next October / mid-October
    # (not "in October 23-26" nor "in March, 2009": the patterns above read those)
    ("m", re.compile(rf"{_MONTH_PREFIX}{_MONTH}(?![\w-]|,?\s*\d)")),
    # on Monday / last Friday / Friday afternoon
    (
        "weekday",
        re.compile(
            r"\b(?:(?i:on|last|this|next|early|late)\s+)?(Monday|Tuesday|Wednesday|Thursday|"
            r"Friday|Saturday|Sunday)\b"
        ),
    ),
    # Not "today" alone: in cables it mostly means nowadays ("Turkey today", "still
    # exists today").
    ("relative", re.compile(r"\b((?i:yesterday|earlier today|this morning|last night))\b")),
    # this week / last month / three weeks ago: the month it falls in (the guideline's
    # "YYYY-MM when only the month is known"); "two days ago" is a day
    (
        "ago",
        re.compile(
            r"\b(?i:(?:earlier\s+)?(this|last)\s+(week|month)|(\d{1,2}|one|two|three|four|five"
            r"|six|seven|eight|nine|ten)\s+(days?|weeks?|months?)\s+ago)\b"
        ),
    ),
    # in 2004 / in early 2003 / in the 1980s: a year or a decade, as a range of days
    (
        "year",
        re.compile(
            r"\b(?i:in|during)\s+(?:(?i:early|late|mid-?)\s*)?(?:the\s+)?((?:19|20)\d\d)"
            r"('?s)?\b(?![-–/]\d)"
        ),
    ),
]
# All patterns in one pass; at each place the first in priority order that matches wins.
# Every date starts a word with a digit, a month or weekday name, or one of the prefixes
# of the patterns: the lookahead rejects every other word start at once. Its words are
# factored as a trie, so ``re`` tests each word start against a few letters, not each word.
_DATE_WORDS = [
    *("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    *("mon", "tue", "wed", "thu", "fri", "sat", "sun", "last", "next", "this", "early"),
    *("earlier", "late", "since", "during", "until", "through", "mid-", "yesterday"),
    *("today", "planned", "upcoming", "scheduled", "one", "two", "three", "four", "five"),
    *("six", "seven", "eight", "nine", "ten"),
]
_ANY_DATE = re.compile(
    # "(?=\w)": a word's end fails at once (every word the lookahead takes opens a word).
    rf"\b(?=\w)(?=\d|(?i:(?:in|on|by)\b|{trie_pattern(_DATE_WORDS)})"
    r"|(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+[JFMASOND])(?:"
    + "|".join(
        f"(?P<{kind.replace('-', '_').replace('/', '_')}>{p.pattern})" for kind, p in _PATTERNS
    )
    + ")"
)
_KIND_OF = {kind.replace("-", "_").replace("/", "_"): (kind, p) for kind, p in _PATTERNS}
_WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}
# Any word a date could be written with, but for those in lower case (found by
# substring search, faster than a pattern whose first letters are that common): month
# and weekday abbreviations, and years. Every branch opens with a literal, so ``re``
# skips in C to the places where one of those letters stands.
# (A literal list, not calendar's names: those follow the locale.)
_DATE_HINT_ABBREVIATIONS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
] + ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_DATE_HINT = re.compile(trie_pattern(_DATE_HINT_ABBREVIATIONS) + r"|/19\d\d|/20\d\d|19\d\d|20\d\d")
# A hint wherever it starts before the first one found so far.
_HINT_PHRASES = ("yesterday", "today", "this morning", "last night")
# A hint only where it ends before the first one found so far (as ever).
_HINT_WORDS = ("week", "month", " ago")
# "liquidate their assets by January 31", "support the agreement by next Thursday",
# "dormant since April": the date bounds a state, it is not when something happened.
_BOUND = re.compile(r"\b(?:by|until|before|since|deadline of|no later than)\s+(?:next\s+)?$", re.I)
# Days named from the day the text last gave ("... on December 4. Arias thanked them in a
# meeting the same day"); not "the day after the press reports", counted from a thing.
_ANCHORED = re.compile(
    r"\b(?=[tTlL])(?i:(?P<same>the same day|that (?:same )?day|later that day"
    r"|that (?:evening|night))"
    r"|(?P<next>the (?:next|following) day|the day after)"
    r"|(?P<before>the (?:day|night|evening) before|the previous (?:day|evening|night)))"
    r"(?!\s+(?:the|a|an|his|her|its|their)\b)"
)
_WEEK_OF = re.compile(r"\bweek of\s+(?:the\s+)?$", re.I)


# A year-less date up to this many days after the cable is the coming one ("national
# elections on May 12" in an April cable), not the one eleven months before.
_SOON = 45


@dataclass(frozen=True, slots=True)
class DateSpan:
    """One date of a text: where it is written and the ISO days or month it names.

    ``precision`` is ``day`` (a day or a range of days), ``week`` ("the week of May 25"),
    ``month`` or ``year`` (a whole year or decade, written as a range of days);
    ``bound`` is set for "by January 31", "since April" and the like: a limit of a
    state or a deadline, not when something happened.
    """

    start: int
    stop: int
    begin: str
    end: str
    precision: str
    bound: bool = False


def _resolve(month: int, year: str | None, created: date, future: bool, day: int = 1) -> int:
    """The year of a year-less date: the last one up to the cable's day, unless the date
    falls within :data:`_SOON` days after it (or ``future`` is set and it has passed)."""
    if year:
        return int(year)
    if future:
        return created.year if month >= created.month else created.year + 1
    for candidate in (created.year, created.year + 1):
        try:
            ahead = (date(candidate, month, day) - created).days
        except ValueError:
            continue
        if 0 < ahead <= _SOON:
            return candidate
    return created.year if (month, day) <= (created.month, created.day) else created.year - 1


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
    A month alone gives ``YYYY-MM`` for both ends; a year alone its first and last days.

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
    >>> find_date("cease operations by January 31", date(2008, 12, 31))  # the coming one
    ('2009-01-31', '2009-01-31')
    >>> find_date("during a planned October visit", date(2006, 8, 1), future=True)
    ('2006-10', '2006-10')
    >>> find_date("Argentina may favor a larger state role", date(2009, 6, 2))
    (None, None)
    >>> find_date("a visit in October", date(2006, 8, 1), future=True)
    ('2006-10', '2006-10')
    >>> find_date("In September, a training exercise", date(2009, 1, 20))
    ('2008-09', '2008-09')
    >>> find_date("the minister said on Monday", date(2009, 1, 21))  # a Wednesday
    ('2009-01-19', '2009-01-19')
    >>> find_date("in a meeting Friday afternoon", date(2009, 7, 29))
    ('2009-07-24', '2009-07-24')
    >>> find_date("public comments on the week of May 25", date(2009, 6, 2))
    ('2009-05-25', '2009-05-31')
    >>> find_date("as it announced this week the signing", date(2005, 7, 11))
    ('2005-07', '2005-07')
    >>> find_date("McKay had come to Moscow three weeks ago", date(2008, 7, 9))
    ('2008-06', '2008-06')
    >>> find_date("since Hurricane Mitch in 2000", date(2009, 1, 20))
    ('2000-01-01', '2000-12-31')
    >>> find_date("peace talks in the 1980's", date(2007, 5, 3))
    ('1980-01-01', '1989-12-31')
    """
    spans = find_dates(text, created, future)
    return (spans[0].begin, spans[0].end) if spans else (None, None)


def may_hold_date(text: str) -> bool:
    """Tell whether ``text`` holds a word a date is written with; texts without one need
    no date patterns.

    >>> may_hold_date("The meeting went well."), may_hold_date("three weeks ago")
    (False, True)
    """
    return first_date_hint(text) >= 0


@functools.lru_cache(maxsize=256)
def first_date_hint(text: str) -> int:
    """Where the first word a date is written with begins in ``text``, or -1 (cached:
    :func:`may_hold_date`, then :func:`find_dates` ask).

    >>> first_date_hint("He left three weeks ago."), first_date_hint("He left.")
    (14, -1)
    """
    found = _DATE_HINT.search(text)
    first = _lower_hint(text, 0, len(text), found.start() if found else len(text))
    return first if first < len(text) else -1


def _lower_hint(
    text: str,
    start: int,
    end: int,
    first: int,
    phrases: tuple[str, ...] = _HINT_PHRASES,
    words: tuple[str, ...] = _HINT_WORDS,
) -> int:
    """Return where the first hint of ``text[start:end]`` begins, given ``first``, that
    of :data:`_DATE_HINT` (``end`` if none): an earlier hint in lower case, if any
    (``phrases`` and ``words``: those of :data:`_HINT_PHRASES` and :data:`_HINT_WORDS`
    that ``text`` may hold)."""
    for phrase in phrases:
        at = text.find(phrase, start, min(first + len(phrase) - 1, end))
        if at >= 0:
            first = at
    for word in words:
        at = text.find(word, start, first)
        if at >= 0:
            first = at
    return first


class DateHints:
    """The words dates are written with in a whole segment, found in one pass, then
    asked about sentence by sentence: :func:`first_date_hint` of each, without a search
    per sentence (no such word holds a full stop, so none spans two sentences).

    >>> text = "They met on Monday. It went well. Talks resume next week."
    >>> hints = DateHints(text)
    >>> [hints.first(s, e) for s, e in ((0, 19), (20, 33), (34, 58))]
    [12, -1, 18]
    >>> first_date_hint("Talks resume next week.")
    18
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [match.start() for match in _DATE_HINT.finditer(text)]
        # The lower-case hints the segment holds: a sentence is searched for those only.
        self.phrases = tuple(phrase for phrase in _HINT_PHRASES if phrase in text)
        self.words = tuple(word for word in _HINT_WORDS if word in text)

    def first(self, start: int, end: int) -> int:
        """Return :func:`first_date_hint` of ``text[start:end]`` (a whole sentence)."""
        index = bisect_left(self.starts, start)
        first = end
        if index < len(self.starts) and self.starts[index] < end:
            first = self.starts[index]
        first = _lower_hint(self.text, start, end, first, self.phrases, self.words)
        return first - start if first < end else -1


# No date starts further before the word that hints at it than this ("the week of May").
_LEAD = 30


def find_dates(
    text: str, created: date, future: bool = False, hint: int | None = None
) -> list[DateSpan]:
    """Return every date of ``text``, in reading order, resolved as :func:`find_date` does.

    Where patterns could read overlapping words, the first to start wins, and among
    those starting together the more precise ("March 30 - April 1" is one range, not two
    days).

    >>> [(d.begin, d.precision) for d in find_dates(
    ...     "After the July 11 vote, he said July 14 that in 2004 ...", date(2008, 7, 15))]
    [('2008-07-11', 'day'), ('2008-07-14', 'day'), ('2004-01-01', 'year')]

    ``hint`` is :func:`first_date_hint` of ``text`` when the caller knows it.
    """
    if hint is None:
        hint = first_date_hint(text)
    if hint < 0:
        return []
    taken: list[DateSpan] = []
    for found in _ANY_DATE.finditer(text, max(0, hint - _LEAD)):
        kind, pattern = _KIND_OF[found.lastgroup or ""]
        # Read the groups of the one pattern that matched, on the words it matched.
        match = pattern.match(text, found.start())
        if match is None:
            continue
        ahead = future or match.group().lower().startswith("next ")
        read = _read(kind, match, created, ahead)
        if read is None:
            continue
        begin, end, precision = read
        before = text[max(0, match.start() - 20) : match.start()]
        if precision == "day" and begin == end and _WEEK_OF.search(before):
            end = (date.fromisoformat(begin) + timedelta(days=6)).isoformat()
            precision = "week"
        bound = bool(_BOUND.search(before)) or match.group().lower().startswith(
            ("by ", "until ", "since ")
        )
        taken.append(DateSpan(match.start(), match.end(), begin, end, precision, bound))
    return taken


def _read(
    kind: str, match: re.Match[str], created: date, future: bool
) -> tuple[str, str, str] | None:
    """The ``(begin, end, precision)`` of one match of the pattern ``kind``, or None when
    it names no real day ("February 30")."""
    g = match.groups()
    begin: str | None
    if kind == "md-md":
        m1, m2 = _MONTHS[g[0]], _MONTHS[g[2]]
        y2 = _resolve(m2, g[4], created, future, int(g[1]) if m1 == m2 else 1)
        y1 = y2 if m1 <= m2 else y2 - 1
        begin, end, precision = _iso(y1, m1, int(g[1])), _iso(y2, m2, int(g[3])), "day"
    elif kind in ("md-d", "d-dm"):
        month, first, last, year = (
            (g[0], g[1], g[2], g[3]) if kind == "md-d" else (g[2], g[0], g[1], g[3])
        )
        m = _MONTHS[month]
        y = _resolve(m, year, created, future, int(first))
        begin, end, precision = _iso(y, m, int(first)), _iso(y, m, int(last)), "day"
    elif kind in ("md", "dm"):
        month, day = (g[0], g[1]) if kind == "md" else (g[1], g[0])
        m = _MONTHS[month]
        begin = _iso(_resolve(m, g[2], created, future, int(day)), m, int(day))
        end, precision = begin, "day"
    elif kind == "m/d/y":
        begin = _iso(int(g[2]), int(g[0]), int(g[1])) if int(g[0]) <= 12 else None
        end, precision = begin, "day"
    elif kind == "my":
        begin = end = _iso(int(g[1]), _MONTHS[g[0]])
        precision = "month"
    elif kind == "m":
        m = _MONTHS[g[0]]
        begin = end = _iso(_resolve(m, None, created, future), m)
        precision = "month"
    elif kind == "weekday":
        back = (created.weekday() - _WEEKDAYS[g[0]]) % 7
        # The last such weekday up to the cable's day; the next one for a future event.
        day = created + timedelta(days=(7 - back) % 7) if future else created - timedelta(back)
        begin = end = day.isoformat()
        precision = "day"
    elif kind == "ago":
        begin, precision = _ago(g, created), "month"
        if g[3] and g[3].lower().startswith("day"):
            precision = "day"
        end = begin
    elif kind == "relative":
        before = g[0].lower() in ("yesterday", "last night")
        begin = end = (created - timedelta(days=1) if before else created).isoformat()
        precision = "day"
    else:  # a year, or a decade ("the 1980s")
        first = int(g[0])
        last = first + 9 if g[1] and first % 10 == 0 else first
        begin, end, precision = f"{first:04d}-01-01", f"{last:04d}-12-31", "year"
    if begin is None or end is None:
        return None
    return begin, end, precision


_NUMBERS = {
    word: i
    for i, word in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), 1
    )
}


def _ago(g: tuple[str, ...], created: date) -> str:
    """The month (or day, for days) of "this week", "last month", "three weeks ago"."""
    if g[0]:  # this/last week/month
        this, unit, count = g[0].lower() == "this", g[1].lower(), 1
    else:
        word = g[2].lower()
        this, unit, count = False, g[3].lower().rstrip("s"), int(_NUMBERS.get(word, 0) or word)
    if unit == "day":
        return (created - timedelta(days=count)).isoformat()
    if unit == "week":
        return (created - timedelta(days=0 if this else 7 * count)).isoformat()[:7]
    months = created.year * 12 + created.month - 1 - (0 if this else count)
    return f"{months // 12:04d}-{months % 12 + 1:02d}"


def anchored_dates(text: str, anchor: str) -> list[DateSpan]:
    """Return the day "the same day", "the next day" or "the night before" names in
    ``text``, counted from ``anchor`` (an ISO day the text gave before), or no date.

    >>> [(d.begin, d.precision) for d in anchored_dates(
    ...     "Arias thanked them in a meeting in San Jose the same day.", "2008-12-04")]
    [('2008-12-04', 'day')]
    >>> anchored_dates("The day after the press reports, employees received letters", "2008-12-04")
    []
    """
    match = _ANCHORED.search(text)
    if match is None:
        return []
    shift = {"same": 0, "next": 1, "before": -1}[match.lastgroup or "same"]
    day = (date.fromisoformat(anchor) + timedelta(days=shift)).isoformat()
    return [DateSpan(match.start(), match.end(), day, day, "day")]
