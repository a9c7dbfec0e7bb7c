"""Typed literals from the model's ISO strings, with errors that name the cable."""

from __future__ import annotations

import re

from pyoxigraph import Literal

from kg.mapping.terms import XSD_DATE, XSD_DATETIME

__all__ = ["date_literal", "datetime_literal", "integer_literal"]

_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def datetime_literal(value: str, cable_id: str, field: str) -> Literal:
    """Return ``YYYY-MM-DDTHH:MM[:SS]`` (or a bare date) as an xsd:dateTime literal.

    Examples
    --------
    >>> datetime_literal("2007-02-12T04:28", "07ASTANA367", "created").value
    '2007-02-12T04:28:00'
    >>> datetime_literal("Feb 2007", "07ASTANA367", "created")
    Traceback (most recent call last):
    ...
    ValueError: 07ASTANA367: created `Feb 2007` is not an ISO date-time (YYYY-MM-DDTHH:MM)
    """
    match = _DATETIME.match(value.strip())
    if match:
        day, clock, seconds = match.groups()
        return Literal(f"{day}T{clock}{seconds or ':00'}", datatype=XSD_DATETIME)
    if _DATE.match(value.strip()):
        return Literal(f"{value.strip()}T00:00:00", datatype=XSD_DATETIME)
    raise ValueError(f"{cable_id}: {field} `{value}` is not an ISO date-time (YYYY-MM-DDTHH:MM)")


def date_literal(value: str, cable_id: str, field: str) -> Literal:
    """Return ``YYYY-MM-DD`` as an xsd:date literal.

    Examples
    --------
    >>> date_literal("2017-02-12", "07ASTANA367", "declassify_on").value
    '2017-02-12'
    """
    if not _DATE.match(value.strip()):
        raise ValueError(f"{cable_id}: {field} `{value}` is not an ISO date (YYYY-MM-DD)")
    return Literal(value.strip(), datatype=XSD_DATE)


# Positions and paragraph numbers are small and on every line of every cable: built once.
_SMALL_INTEGERS = tuple(Literal(n) for n in range(256))


def integer_literal(value: int) -> Literal:
    """Return ``value`` as an xsd:integer literal (the same object for small values).

    Examples
    --------
    >>> integer_literal(9)
    <Literal value=9 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    >>> integer_literal(9) is integer_literal(9), integer_literal(10**6).value
    (True, '1000000')
    """
    if 0 <= value < len(_SMALL_INTEGERS):
        return _SMALL_INTEGERS[value]
    return Literal(value)
