"""Labels and reference facts the entities mapper states nodes by.

An extracted entity's key is a slug of its name (:mod:`kg.extract`), so every spelling
of one name gives one key; :func:`entity_label` spells the label back from the key alone
(or takes the organizations gazetteer's name for a gazetteer key), so every cable that
describes the node gives it the same ``skos:prefLabel``. :func:`reference_facts` says
what the reference tables (:mod:`kg.mapping.tables`) already state about a node, so the
mapper does not state it twice. Used by :mod:`kg.mapping.entities`; any mapper that
labels a node an extracted entity may share (a person, an organization) should label it
with :func:`entity_label` of its key too.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode

from kg.mapping.iris import DEFAULT_BASE
from kg.mapping.tables import reference_quads
from kg.mapping.terms import T

if TYPE_CHECKING:
    from kg.extract.gazetteer import City

__all__ = [
    "ReferenceFacts",
    "city_of_key",
    "entity_label",
    "is_gazetteer_key",
    "reference_facts",
    "term_value",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words a key cannot tell the case of: kept lower inside a label, or spelled in capitals.
_SMALL_WORDS = _words(
    "a an and at by de del della der des di do dos du el en for in la le of on or the "
    "to van von y al bin ibn"
)
_CAPITALS = _words(
    "aids eu hiv icitap iom inl nato ngo ngos osce tip un unhcr unicef undp us usa usaid"
)
_VOWELS = frozenset("aeiouy")


@dataclass(frozen=True, slots=True)
class ReferenceFacts:
    """What the reference tables state, keyed by entity key (base stripped)."""

    predicates: dict[str, frozenset[str]]
    pref_labels: dict[str, str]
    country_keys: dict[str, str]  # ISO 3166 alpha-2 → place key
    country_labels: dict[str, str]  # ISO 3166 alpha-2 → label


def term_value(term: object) -> str:
    """Return the text of an IRI or literal (pyoxigraph term)."""
    return term.value if isinstance(term, NamedNode | Literal) else str(term)


@functools.cache
def reference_facts() -> ReferenceFacts:
    """Return what the reference tables state about each node (read once).

    Examples
    --------
    >>> facts = reference_facts()
    >>> facts.country_keys["KZ"], facts.pref_labels["post/astana"]
    ('place/kazakhstan', 'Embassy Astana')
    """
    predicates: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    iso: dict[str, str] = {}
    countries: set[str] = set()
    for quad in reference_quads(DEFAULT_BASE):
        subject = term_value(quad.subject)
        if not subject.startswith(DEFAULT_BASE):
            continue
        key = subject[len(DEFAULT_BASE) :]
        predicates.setdefault(key, set()).add(quad.predicate.value)
        if quad.predicate == T.prefLabel:
            labels[key] = term_value(quad.object)
        elif quad.predicate == T.isoCode:
            iso[term_value(quad.object)] = key
        elif quad.predicate == T.type and quad.object == T.Country:
            countries.add(key)
    country_keys = {code: key for code, key in iso.items() if key in countries}
    return ReferenceFacts(
        predicates={k: frozenset(v) for k, v in predicates.items()},
        pref_labels=labels,
        country_keys=country_keys,
        country_labels={code: labels[key] for code, key in country_keys.items()},
    )


def entity_label(key: str) -> str:
    """Return the label spelled from an entity key, the same in every cable.

    Extraction keys are slugs of names, so every spelling of one name gives one key;
    the label is rebuilt from the key alone (small words lower, known acronyms and
    vowel-less words in capitals, single letters as initials, a leading ISO country
    scope as a trailing country name, ``gov-<ISO>`` as the government of the country, a
    ``--scope`` suffix dropped), never from the
    spelling one cable happened to use.

    Parameters
    ----------
    key : str
        An entity key such as ``org/kz-ministry-of-internal-affairs``.

    Returns
    -------
    str

    Examples
    --------
    >>> entity_label("org/kz-ministry-of-internal-affairs")
    'Ministry of Internal Affairs (Kazakhstan)'
    >>> entity_label("org/kz-rodnik-tip-victim-rehabilitation-center")
    'Rodnik TIP Victim Rehabilitation Center (Kazakhstan)'
    >>> entity_label("person/john-m-ordway"), entity_label("person/sobel--br")
    ('John M. Ordway', 'Sobel')
    >>> entity_label("place/western-kazakhstan-oblast-kz")
    'Western Kazakhstan Oblast (Kazakhstan)'
    >>> entity_label("org/gov-br")
    'Government of Brazil'
    """
    gazetteer = _organization_names().get(key)
    if gazetteer:
        return gazetteer
    kind, _, name = key.partition("/")
    name = name.rsplit("/", 1)[-1].split("--", 1)[0]
    tokens = [t for t in name.split("-") if t]
    countries = reference_facts().country_labels
    if kind == "org" and len(tokens) == 2 and tokens[0] == "gov" and tokens[1].upper() in countries:
        return "Government of " + countries[tokens[1].upper()]
    country = None
    if kind == "org" and len(tokens) > 1 and tokens[0].upper() in countries:
        country = countries[tokens.pop(0).upper()]
    elif kind == "place" and len(tokens) > 1 and tokens[-1].upper() in countries:
        country = countries[tokens.pop().upper()]
    words = [_word(t, first=i == 0, person=kind == "person") for i, t in enumerate(tokens)]
    label = " ".join(words) or key
    return f"{label} ({country})" if country else label


def _word(token: str, *, first: bool, person: bool) -> str:
    if person and len(token) == 1 and token.isalpha():
        return token.upper() + "."
    if token in _SMALL_WORDS and not first:
        return token
    if person and token.startswith("mc") and len(token) > 3:
        return "Mc" + token[2:].capitalize()
    if token in _CAPITALS or (len(token) > 1 and token.isalpha() and not _VOWELS & set(token)):
        return token.upper()
    return token[:1].upper() + token[1:]


def is_gazetteer_key(key: str) -> bool:
    """Return True when ``key`` is an organization of the extraction's gazetteer.

    Examples
    --------
    >>> is_gazetteer_key("org/eucom"), is_gazetteer_key("org/special-embassy-program")
    (True, False)
    """
    return key in _organization_names()


def city_of_key(key: str) -> City | None:
    """Return the geonames city a city key names: the most populous one of that key.

    Two cities can share a key: the extraction keys a city by a slug of its name, so
    ``Belém`` and ``Belem`` (two Brazilian cities) are both ``place/belem``. The mapper
    describes the node by this one city, so every cable states the same name and
    coordinates for it.

    Examples
    --------
    >>> city = city_of_key("place/belem")
    >>> city.name, city.country, round(city.lat)
    ('Belém', 'BR', -1)
    >>> city_of_key("place/no-such-city") is None
    True
    """
    return _cities_by_key().get(key)


@functools.cache
def _cities_by_key() -> dict[str, City]:
    from kg.extract.gazetteer import load_gazetteer
    from kg.extract.places import city_entity

    gazetteer = load_gazetteer()
    chosen: dict[str, City] = {}
    unique = {c.geonameid: c for cities in gazetteer.cities.values() for c in cities}
    for city in sorted(unique.values(), key=lambda c: (-c.population, c.geonameid)):
        chosen.setdefault(city_entity(gazetteer, city).key, city)
    return chosen


@functools.cache
def _organization_names() -> dict[str, str]:
    # The organizations gazetteer is the extraction stage's table; in a build it is
    # already loaded by the time mapping runs (one copy per process).
    from kg.extract.gazetteer import load_gazetteer

    return {f"org/{key}": entry.name for key, entry in load_gazetteer().orgs.items()}
