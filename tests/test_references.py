"""The REF block parser: cable ids, years, bullets, typed non-cable references."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.parse.references import parse_references


def _ids(text: str, year: int | None) -> list[str | None]:
    return [r.id for r in parse_references(text, year) if r.kind == "CABLE"]


def test_year_less_references_take_the_citing_year_and_lose_leading_zeros() -> None:
    text = "REF: A. TBILISI 1605  B. 06 TBILISI 0619  C. 2007 MANAGUA 2135  D. 05 TBILISI 3171"
    assert _ids(text, 2007) == ["07TBILISI1605", "06TBILISI619", "07MANAGUA2135", "05TBILISI3171"]


def test_bullet_styles_and_station_spellings() -> None:
    text = "REF: (A)STATE 071143, (B) SECSTATE 73601 C) RIO DE JANEIRO 91 D: Sao Paulo 0031"
    refs = parse_references(text, 2008)
    assert [(r.id, r.bullet) for r in refs] == [
        ("08STATE71143", "A"),
        ("08STATE73601", "B"),
        ("08RIODEJANEIRO91", "C"),
        ("08SAOPAULO31", "D"),
    ]


def test_non_cable_entries_are_typed_and_look_alikes_are_not_cables() -> None:
    text = (
        "REF: A) TALLINN 366 B) LEE-GOLDSTEIN EMAIL 05/11/07 C. HOTR WASHINGTON DC//USDAO "
        "PARIS (SUBJ: IIR 6 832 0617 08)"
    )
    refs = parse_references(text, 2007)
    assert [(r.kind, r.value) for r in refs] == [
        ("CABLE", "07TALLINN366"),
        ("EMAIL", "LEE-GOLDSTEIN EMAIL 05/11/07"),
        ("REPORT", "HOTR WASHINGTON DC//USDAO PARIS (SUBJ: IIR 6 832 0617 08)"),
    ]


def test_numbers_listed_after_a_station_and_years_written_after_the_number() -> None:
    assert _ids("REF: A) Kabul 936/935; B) BRASILIA 2799 AND 2764", 2007) == [
        "07KABUL936",
        "07KABUL935",
        "07BRASILIA2799",
        "07BRASILIA2764",
    ]
    assert _ids("REF: A. ASUNCION 701 (08) B. QUITO 4525-91", 2009) == [
        "08ASUNCION701",
        "91QUITO4525",
    ]


def test_block_stops_at_classified_by_and_page_breaks_are_ignored() -> None:
    text = (
        "REF: A) TRIPOLI 199, B) TRIPOLI 227 TRIPOLI 00000402 \n\n001.2 OF 003\n"
        "Classified By: CDA, reasons 1.4 (b)\n\n1. (C) See REF C: TRIPOLI 999."
    )
    assert _ids(text, 2008) == ["08TRIPOLI199", "08TRIPOLI227"]


def test_no_block_and_unknown_year() -> None:
    assert parse_references("1. (C) Nothing is cited here.", 2008) == []
    refs = parse_references("REF: STATE 1234", None)
    assert [(r.kind, r.id, r.text) for r in refs] == [("CABLE", None, "STATE 1234")]


def test_long_single_line_returns() -> None:
    text = "REF: " + "A. STATE 1 " * 10 + "x" * 3_000_000
    assert _ids(text, 2008)[0] == "08STATE1"


@settings(max_examples=200, deadline=None)
@given(st.text(), st.one_of(st.none(), st.integers(min_value=1966, max_value=2010)))
def test_never_raises_on_arbitrary_text(text: str, year: int | None) -> None:
    for ref in parse_references("REF: " + text, year):
        assert ref.kind


def test_bare_number_before_any_station_is_the_citing_posts_own_cable() -> None:
    # 03ANKARA6322: "REF: A) 6307 B) STATE 285773"
    refs = parse_references("REF: A) 6307 B) STATE 285773 ", 2003, station="ANKARA")
    assert [(r.id, r.bullet) for r in refs] == [("03ANKARA6307", "A"), ("03STATE285773", "B")]
    # without the citing station the bare number stays unresolved
    assert [r.id for r in parse_references("REF: A) 6307 B) STATE 285773 ", 2003)] == [
        "03STATE285773"
    ]


def test_bare_numbers_too_long_for_a_post_or_year_like_are_not_its_cables() -> None:
    # 07SANJOSE2063 "REF: 164437" (a Department serial); "B. 2006" is a year
    assert parse_references("REF: 164437 \n ", 2007, station="SANJOSE") == []
    assert _ids("REF: A. 2006", 2006) == []
    assert [r.id for r in parse_references("REF: A. 2006", 2006, station="PARIS")] == []
    # the Department's own serials run to six digits (08STATE88235 "REF: A. 85678")
    refs = parse_references("REF: A. 85678 \n", 2008, station="STATE")
    assert [r.id for r in refs] == ["08STATE85678"]


def test_a_parenthesised_ref_in_prose_opens_no_block() -> None:
    # 08TRIPOLI642 paragraph 2: "... halting all oil shipments to Switzerland (Ref C). ..."
    text = (
        "the state-run company announced shortly thereafter that it was halting all oil "
        "shipments to Switzerland (Ref C).  MARINER ON THE GROW ...  3. (C) More."
    )
    assert parse_references(text, 2008) == []
    assert _ids("REF: A. TRIPOLI 574 B. TRIPOLI 595 (ref C is TRIPOLI 610)", 2008)[:2] == [
        "08TRIPOLI574",
        "08TRIPOLI595",
    ]
