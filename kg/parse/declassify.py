"""The declassification line: ``E.O. 12958: DECL: 11/22/2012`` → the non-disclosure deadline.

Called by :mod:`kg.parse.cable`.
"""

from __future__ import annotations

import re
from datetime import date

from kg.parse.prepared import folded

__all__ = ["parse_nondisclosure_deadline"]

# Month/day/year is the rule, year/month/day the exception; E.O. 12958, 12356 and 13526.
_DECL_SOURCE = (
    r"e\.?\s?o\.?\s*1[0-9]{4}\s*:?\s*(?:as amended\s*)?decl(?:assify)?\s*(?:on)?\s*:?\s*"
    r"(?:(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})/(?P<y>[0-9]{2,4})\b"
    r"|(?P<y2>[0-9]{4})/(?P<m2>[0-9]{1,2})/(?P<d2>[0-9]{1,2})\b)"
)
_DECL = re.compile(_DECL_SOURCE, re.IGNORECASE)
# The same on a lower-cased copy (kg.parse.prepared.folded): no case folding per character.
_DECL_FOLDED = re.compile(_DECL_SOURCE)
# The line sits in the head of the cable; a bounded search keeps huge bodies cheap.
_HEAD_CHARS = 8000


def parse_nondisclosure_deadline(text: str) -> str | None:
    """Return the declassification date of the E.O. line as an ISO date.

    Parameters
    ----------
    text : str
        A cable, its head, or the E.O. line alone.

    Returns
    -------
    str or None
        ``YYYY-MM-DD``; None when the line is absent, says ``N/A``/``OADR`` or holds no
        valid date. Two-digit years are 20xx.

    Examples
    --------
    >>> parse_nondisclosure_deadline("E.O. 12958: DECL: 11/03/2015")
    '2015-11-03'
    >>> parse_nondisclosure_deadline("EO 12958 DECL: 2020/02/23")
    '2020-02-23'
    >>> parse_nondisclosure_deadline("EO 12958: decl: 6/3/08")
    '2008-06-03'
    >>> parse_nondisclosure_deadline("E.O. 12958: N/A") is None
    True
    """
    head = text[:_HEAD_CHARS]
    lowered = folded(head)
    match = _DECL.search(head) if lowered is None else _DECL_FOLDED.search(lowered)
    if not match:
        return None
    if match["y"]:
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    else:
        year, month, day = int(match["y2"]), int(match["m2"]), int(match["d2"])
    if year < 100:
        year += 2000
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
