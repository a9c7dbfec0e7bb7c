"""Name matching (Aho–Corasick), the gazetteer's disk cache, city keys and the persons
extractor's guards against place names, body names and routing words."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import extract_cable, load_gazetteer
from kg.extract.gazetteer import _ORG_END, _PLACE_END, cache_file
from kg.extract.matcher import WORD_END, NameMatcher
from kg.extract.places import city_entity
from kg.extract.text import trie_pattern
from kg.model import Cable, Paragraph

_NAMES = ["IO", "IOM", "INL", "UN", "UNDP", "UN/DPKO", "Costa Rica", "Costa", "Rica", "San Jose"]


def _regex_matches(names: list[str], follow: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    pattern = re.compile("(?:" + trie_pattern(names) + ")" + follow.pattern)
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_NAMES, " ", "-", "-based", "/", "x", ".", "IOMX", "(", "Costa Ricans"]),
        max_size=12,
    ),
    st.sampled_from([WORD_END, _ORG_END, _PLACE_END]),
)
def test_matcher_finds_what_one_regex_alternation_finds(
    parts: list[str], follow: re.Pattern[str]
) -> None:
    text = "".join(parts)
    found = [(s, e) for s, e, _ in NameMatcher(_NAMES, follow).finditer(text)]
    assert found == _regex_matches(_NAMES, follow, text)


def test_matcher_takes_the_longest_name_that_ends_a_word() -> None:
    matcher = NameMatcher(["Costa", "Costa Rica", "Costa Rican"])
    found = [name for _, _, name in matcher.finditer("Costa Rica and Costa Ricans, Costa")]
    assert found == ["Costa Rica", "Costa", "Costa"]
    assert matcher.match_at("in Costa Rica.", 3) == len("in Costa Rica")
    assert matcher.match_at("in Costa Rica.", 4) is None


def test_gazetteer_survives_its_disk_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gazetteer = load_gazetteer()  # before the cache directory changes: one load a process
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    path = cache_file()
    assert path is not None
    assert path.parent == tmp_path
    assert path.name.startswith("gazetteer-")
    assert path.suffix == ".pickle"
    monkeypatch.setenv("KG_CACHE_DIR", "")
    assert cache_file() is None
    copy = pickle.loads(pickle.dumps(gazetteer))
    assert copy.towns.town("IS", "Akranes") == gazetteer.towns.town("IS", "Akranes")
    assert copy.towns.town("IS", "Akranes").country == "IS"
    text = "INL and IOM met in Almaty"
    assert list(copy.org_matcher.finditer(text)) == list(gazetteer.org_matcher.finditer(text))


def test_cities_of_one_slug_have_distinct_keys() -> None:
    gazetteer = load_gazetteer()
    # Belém (Pará, 1.5 M people) and the smaller Belem, both in Brazil, and Belém in
    # Portugal: three places, three keys; the largest keeps the plain one.
    cities = {c.geonameid: c for c in gazetteer.cities["Belem"]}
    keys = {geonameid: city_entity(gazetteer, c).key for geonameid, c in cities.items()}
    assert len(set(keys.values())) == len(keys) >= 3
    largest = max(cities.values(), key=lambda c: c.population)
    assert (largest.name, largest.country, keys[largest.geonameid]) == (
        "Belém",
        "BR",
        "place/belem",
    )
    # One city under two spellings ("Karaganda", "Karagandy") stays one key.
    assert (
        city_entity(gazetteer, gazetteer.cities["Karaganda"][0]).key
        == city_entity(gazetteer, gazetteer.cities["Karagandy"][0]).key
    )


def _persons(cable: Cable) -> set[str]:
    extract_cable(cable)
    return {m.entity.label for m in cable.mentions if m.entity.type == "person"}


def test_no_person_inside_a_place_or_a_body_name() -> None:
    # 05BRASILIA658 and 09SEOUL672 (paraphrased).
    cable = Cable(
        "09SAOPAULO1",
        "09SAOPAULO1",
        origin="Consulate Sao Paulo",
        paragraphs=[
            Paragraph(
                "Leaders of the Sao Paulo Jewish Congregation met Governor Jose Serra. "
                "The Supreme People's Assembly and the General People's Committee met."
            )
        ],
    )
    persons = _persons(cable)
    assert "Jose Serra" in persons
    assert not {p for p in persons if "Paulo" in p or "People" in p or p == "Supreme"}


def test_routing_words_are_no_addressees() -> None:
    # 06TOKYO1363's "DEPT FOR ..." line.
    cable = Cable(
        "06TOKYO1363",
        "06TOKYO1363",
        origin="Embassy Tokyo",
        addressees=[
            "DEPT PASS USTR/PUBLIC AFFAIRS OFFICE; DEPT PASS ELECTRONICALLY TO USDA "
            "FAS/ITP FOR SCHROETER; COMMERCE FOR ITA DESK OFFICER MARK SIEGELMAN"
        ],
        paragraphs=[Paragraph("The Embassy reports.")],
    )
    addressees = {
        m.entity.label
        for m in extract_cable(cable).mentions
        if "addressee" in m.entity.attributes.get("roles", [])
    }
    assert addressees == {"Schroeter", "Mark Siegelman"}
