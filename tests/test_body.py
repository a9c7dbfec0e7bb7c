"""The body parser on the seed cable and on fragments."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.parse.body import (
    canonical_signers,
    clean_content,
    parse_comment,
    parse_paragraphs,
    parse_signers,
    parse_summary,
)
from kg.parse.prepared import drop_page_breaks, prepare_body

_PAGE_BREAK = re.compile(r"ASTANA 0+367\s+00\d\.\d OF 00\d")


@pytest.fixture(scope="module")
def seed_body(seed_text: str) -> str:
    """The telegram part of the blog copy: what the page extractor hands the body parser."""
    start = seed_text.index("UNCLAS SECTION 01 OF 02 ASTANA")
    end = seed_text.index("ORDWAY") + len("ORDWAY")
    return seed_text[start:end]


def test_seed_paragraphs_numbers_headings_and_text(seed_body: str) -> None:
    paragraphs = parse_paragraphs(seed_body)
    assert [p.number for p in paragraphs] == list(range(1, 10))
    headings = [p.heading for p in paragraphs]
    assert headings == [None] + ["LESSONS AND DISCUSSIONS"] * 4 + ["NEXT STEPS"] * 3 + ["COMMENT"]
    assert paragraphs[0].text.startswith("Summary. The International Narcotics")
    assert paragraphs[8].text.endswith(
        "as well as by expatriate trainers who can provide a wider range of international "
        "experience."
    )
    for paragraph in paragraphs:
        assert not _PAGE_BREAK.search(paragraph.text)
        assert "ORDWAY" not in paragraph.text
        assert "WordPress" not in paragraph.text
        assert "Wikileaks" not in paragraph.text


def test_seed_summary_signer_comment(seed_body: str) -> None:
    summary = parse_summary(seed_body)
    assert summary is not None
    assert summary.startswith("The International Narcotics and Law Enforcement (INL)")
    assert summary.endswith("to effectively combat trafficking.")
    assert parse_signers(seed_body) == ["ORDWAY"]
    comment = parse_comment(seed_body)
    assert comment is not None
    assert comment.startswith("Observation, evaluations")
    assert "002.2 OF 002" not in comment


def test_summary_variants() -> None:
    assert parse_summary("SUMMARY: FOLLOWING ASSASSINATION.\nEND SUMMARY\n\n1. IN WAKE") == (
        "FOLLOWING ASSASSINATION."
    )
    assert parse_summary("1. (C) German FM Westerwelle told us. END SUMMARY.") == (
        "German FM Westerwelle told us."
    )
    assert parse_summary("1. (C) SUMMARY: Fidel Castro's health.\n \nWHAT WE KNOW") == (
        "Fidel Castro's health."
    )


def test_signers_variants_and_canonical_form() -> None:
    assert parse_signers("HE STILL\nAPPEARS TO BE WAVERING.\nSTEIGMAN\nCONFIDENTIAL\n") == [
        "STEIGMAN"
    ]
    assert parse_signers("END OF TEXT. BAKER\n\n\nUNCLASSIFIED\n") == ["BAKER"]
    assert parse_signers("the monthly rate was 5.6 percent. The") == []
    assert canonical_signers(["KEEGANPAAL", "Murphy"]) == ["KEEGAN", "PAAL", "MURPHY"]


def test_clean_content_removes_numbers_markers_and_furniture() -> None:
    text = (
        "1. (C) Summary. President [...]. End Summary.\n2. (SBU) Content 2\n\n"
        "BLA 0000001 003.2 OF 39\n\n-------\nHeading\n-------\n3. (U) More\n"
    )
    assert clean_content(text) == "President [...]. \nContent 2\n\n\nHeading\n\nMore\n"


def test_long_single_line_returns() -> None:
    line = "1. (C) " + "word " * 1_000_000
    assert len(parse_paragraphs(line)) == 1
    assert parse_summary(line) is None
    parse_signers(line)
    clean_content(line)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    parse_paragraphs(text)
    parse_summary(text)
    parse_comment(text)
    parse_signers(text)
    parse_signers(text, canonicalize=False)
    clean_content(text)


def test_prepared_body_gives_what_the_text_gives(seed_body: str) -> None:
    # parse_cable prepares the body once and hands it to every body parser
    prepared = prepare_body(seed_body)
    assert _PAGE_BREAK.search(seed_body)
    assert not _PAGE_BREAK.search(prepared.text)
    assert parse_paragraphs(prepared) == parse_paragraphs(seed_body)
    assert len(parse_paragraphs(prepared)) == 9
    assert parse_summary(prepared) == parse_summary(seed_body) is not None
    assert parse_comment(prepared) == parse_comment(seed_body) is not None


def test_page_break_lines_go_and_prose_stays() -> None:
    text = (
        "1. (C) The minister spoke of 200 OF 300 delegates.\n"
        "BERLIN 00001162  002 OF 004\n"
        "PAGE 02        STATE   015113  182333Z\n"
        "ROME 00001196 002 OF 2\n"
        "2. (C) More."
    )
    assert drop_page_breaks(text) == (
        "1. (C) The minister spoke of 200 OF 300 delegates.\nROME 00001196 002 OF 2\n2. (C) More."
    )
    # on its own, the body parsers' preparation empties every page-break line
    assert prepare_body(text).lines == [
        "1. (C) The minister spoke of 200 OF 300 delegates.",
        "",
        "",
        "",
        "2. (C) More.",
    ]
