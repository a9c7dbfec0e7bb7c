"""The Classified-By parser: names, title, reasons, normalisation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.parse.classified_by import normalize_name, parse_classified_by


def test_title_name_and_reasons_are_kept_apart() -> None:
    cb = parse_classified_by(
        "REF: STATE 015541\n\nClassified By: Acting Deputy Chief of Mission Marc Wall "
        "for Reasons 1.4\n (b) and (d)\n\n1. (C) SUM"
    )
    assert cb is not None
    assert (cb.names, cb.title, cb.reasons) == (
        ["Marc Wall"],
        "Acting Deputy Chief of Mission",
        ["1.4(b)", "1.4(d)"],
    )


def test_name_before_title_and_two_classificationists() -> None:
    cb = parse_classified_by(
        "CLASSIFIED BY: Rose E. Gottemoeller, Assistant Secretary, VCI; REASON: 1.4(B), (D)"
    )
    assert cb is not None
    assert cb.names == ["Rose E. Gottemoeller"]
    assert cb.title == "Assistant Secretary"
    two = parse_classified_by(
        "CLASSIFIED BY AF KARL WYCOFF, ACTING AND S/CT DAS SHARI \nVILLAROSA ; E.O. 12958 "
        "REASON: 1.4 (B) AND (D)",
        normalize=False,
    )
    assert two is not None
    assert two.names == ["KARL WYCOFF", "SHARI VILLAROSA"]


def test_wrapped_words_are_joined_and_names_normalised() -> None:
    cb = parse_classified_by(
        "Classified By: Classified by Deputy Political Counselor Charles O. Blah \n"
        "a, E.O. 12958, reasons 1.4 (b) and (d)."
    )
    assert cb is not None
    assert cb.names == ["Charles O. Blaha"]
    assert normalize_name("THOMAS W. SIMONS, JR.") == "Thomas W. Simons, Jr."
    assert normalize_name("LEE 0. COLDREN") == "Lee O. Coldren"


def test_line_without_a_name_and_text_without_the_line() -> None:
    cb = parse_classified_by("1.  CONFIDENTIAL - ENTIRE TEXT.  CLASSIFIED BY SECTION 1.5 (B)\n")
    assert cb is not None
    assert cb.names == []
    assert parse_classified_by("1. (C) No such line.") is None


def test_long_single_line_returns() -> None:
    cb = parse_classified_by("Classified By: Ambassador " + "Smith " * 500_000)
    assert cb is not None


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    parse_classified_by("Classified By: " + text)
    parse_classified_by(text, normalize=False)
