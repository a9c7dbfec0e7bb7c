"""Cable reference ids: the canonical form, the station, the year.

A reference id is a two-digit year, the station (the post that sent the cable, written
without spaces) and a serial number: ``07ASTANA367``. WikiLeaks published some ids
malformed (``08SCTION02OF02SAOPAULO335``, ``06EFTOBAKU1165``, ``7575LIBREVILLE1895``) and
cables themselves abbreviate stations (``05RIO123``); :func:`canonical_id` repairs both.
The facts come from ``kg/data/cable_ids.json`` (built by ``tools/build_parse_tables.py``
from cablemap's tables, BSD-3-Clause). Called by :mod:`kg.parse.cable`, the reference
parser and the public API (``kg.canonical_id``).
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "REFERENCE_ID",
    "canonical_id",
    "canonical_station",
    "data_table",
    "full_year",
    "split_id",
]

#: A well-formed reference id: year, station, serial.
REFERENCE_ID = re.compile(r"^([0-9]{2})([A-Z][0-9A-Z]*?[A-Z])([0-9]+)$")

# Year, station (letters, hyphens; cablemap accepts a zero typed for an O), serial.
_LOOSE_ID = re.compile(r"^([0-9]{2})([0A-Z][0A-Z\-]*)([0-9]+)$")
# "08SCTION02OF02SAOPAULO335", "08SECTION01GF02BISHIEK21": a SECTION marker glued in.
_SECTION_MARKER = re.compile(r"^([0-9]{2})[A-Z]{2,9}[0-9OQ][0-9OQ]?[OG0]F[0-9]{1,2}(?=[A-Z])")
# Prefixes that are not part of a station: "EFTO" (encrypted for transmission only),
# "AMEMBASSY", "EMBASSY", "USMISSION".
_STATION_NOISE = re.compile(r"^(?:EFTO|AMEMBASSY|EMBASSY|USMISSION)(?=[A-Z]{2})|AMEMBASSY|EMBASSY")
_SPACES = re.compile(r"[\s\u00a0]+")


@cache
def data_table(name: str) -> dict[str, Any]:
    """Return one of the parser's curated JSON tables from ``kg/data``.

    Parameters
    ----------
    name : str
        File name, e.g. ``"cable_ids.json"``.

    Returns
    -------
    dict
        The parsed table (cached: treat as read-only).
    """
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    table: dict[str, Any] = json.loads(text)
    return table


def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    ids = data_table("cable_ids.json")
    return ids["station_repairs"], ids["malformed_ids"], ids["invalid_ids"]


# Pure and called for every id and REF entry: stations and ids repeat across cables.
@lru_cache(maxsize=1 << 12)
def canonical_station(station: str) -> str:
    """Return the canonical spelling of a station name.

    Parameters
    ----------
    station : str
        A station as written in an id or a REF line, with or without spaces.

    Returns
    -------
    str
        Upper-case, without spaces or hyphens, abbreviations and typos repaired.

    Examples
    --------
    >>> canonical_station("Rio de Janeiro")
    'RIODEJANEIRO'
    >>> canonical_station("PORT-AU-PRINCE")
    'PORTAUPRINCE'
    >>> canonical_station("SECSTATE")
    'STATE'
    """
    repairs = _tables()[0]
    name = _SPACES.sub("", station).upper()
    name = _STATION_NOISE.sub("", name) or name
    if name in repairs:
        return repairs[name]
    name = name.replace("-", "")
    return repairs.get(name, name)


def _canonical_once(ref: str) -> str:
    _, malformed, invalid = _tables()
    known = malformed.get(ref) or invalid.get(ref)
    if known:
        return known
    # "7575LIBREVILLE1895": the year doubled.
    if len(ref) > 4 and ref[:4].isdigit() and ref[:2] == ref[2:4] and not ref[4].isdigit():
        ref = ref[2:]
    ref = _SECTION_MARKER.sub(r"\1", ref)
    match = _LOOSE_ID.match(ref)
    if not match:
        return ref
    year, station, serial = match.groups()
    return f"{year}{canonical_station(station)}{serial}"


@lru_cache(maxsize=1 << 15)
def canonical_id(ref: str) -> str:
    """Return the canonical form of the reference id ``ref``.

    Malformed and invalid WikiLeaks ids are replaced by the id the cable should have,
    station names are canonicalised. Text that is not an id comes back stripped and
    upper-cased. The function is idempotent and never raises.

    Parameters
    ----------
    ref : str
        A reference id as published or as cited.

    Returns
    -------
    str
        The canonical id.

    Examples
    --------
    >>> canonical_id("05RIO123")
    '05RIODEJANEIRO123'
    >>> canonical_id("08SCTION02OF02SAOPAULO335")
    '08SAOPAULO335'
    >>> canonical_id("06EFTOBAKU1165")
    '06BAKU1165'
    >>> canonical_id("7575LIBREVILLE1895")
    '75LIBREVILLE1895'
    >>> canonical_id("07ASTANA367")
    '07ASTANA367'
    """
    current = _SPACES.sub("", ref).upper()
    # Each step only shortens the id or maps it to a canonical table value, so a fixed
    # point is reached in a few rounds; the bound is a guard, not a tuning knob.
    for _ in range(8):
        following = _canonical_once(current)
        if following == current:
            break
        current = following
    return current


@lru_cache(maxsize=1 << 15)
def split_id(ref: str) -> tuple[str, str, int] | None:
    """Split a reference id into year (two digits), station and serial number.

    Examples
    --------
    >>> split_id("07ASTANA367")
    ('07', 'ASTANA', 367)
    >>> split_id("not an id") is None
    True
    """
    match = REFERENCE_ID.match(canonical_id(ref))
    if not match:
        return None
    return match[1], match[2], int(match[3])


def full_year(two_digits: str | int) -> int:
    """Return the four-digit year of a two-digit cable year (1966-2065 window).

    Examples
    --------
    >>> full_year("07"), full_year("66"), full_year(99)
    (2007, 1966, 1999)
    """
    year = int(two_digits)
    if year >= 100:
        return year
    return 1900 + year if year >= 66 else 2000 + year
