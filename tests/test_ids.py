"""Reference ids: canonical form, malformed and invalid WikiLeaks ids, idempotence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.parse.ids import canonical_id, canonical_station, full_year, split_id


@pytest.mark.parametrize(
    ("published", "canonical"),
    [
        ("05RIO123", "05RIODEJANEIRO123"),  # abbreviated station
        ("06PORT-OF-SPAIN123", "06PORTOFSPAIN123"),  # hyphens dropped
        ("06SECSTATE123", "06STATE123"),
        ("05EMBASSYVIENNA1", "05VIENNA1"),
        ("06EFTOBAKU1165", "06BAKU1165"),  # "EFTO" prefix (invalid id, no twin)
        ("08SCTION02OF02SAOPAULO335", "08SAOPAULO335"),  # section marker glued in
        ("08SECTION01GF02BISHKEK21", "08BISHKEK21"),  # not in the tables: the rule
        ("7575LIBREVILLE1895", "75LIBREVILLE1895"),  # year doubled
        ("07ASTANA367", "07ASTANA367"),
        (" 07astana367 ", "07ASTANA367"),
    ],
)
def test_canonical_id_repairs_published_ids(published: str, canonical: str) -> None:
    assert canonical_id(published) == canonical


def test_canonical_station_spaces_and_abbreviations() -> None:
    assert canonical_station("NEW DELHI") == "NEWDELHI"
    assert canonical_station("Rio de Jan") == "RIODEJANEIRO"


def test_split_id_and_full_year() -> None:
    assert split_id("08SCTION02OF02SAOPAULO335") == ("08", "SAOPAULO", 335)
    assert split_id("TAGS") is None
    assert [full_year(y) for y in ("66", "99", "00", "10")] == [1966, 1999, 2000, 2010]


@given(st.text(max_size=60))
def test_canonical_id_is_idempotent_and_total(text: str) -> None:
    once = canonical_id(text)
    assert canonical_id(once) == once


@given(
    st.from_regex(
        r"[0-9]{2}(EFTO|SECTION0[1-3]OF0[2-4]|EMBASSY)?[A-Z]{3,12}[0-9]{1,5}", fullmatch=True
    )
)
def test_canonical_id_of_id_shapes_is_an_id(ref: str) -> None:
    assert split_id(canonical_id(ref)) is not None
