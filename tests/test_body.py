"""The body parser on the seed cable and on fragments."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.config import SourcesConfig
from kg.parse.body import (
    canonical_signers,
    clean_content,
    parse_comment,
    parse_paragraphs,
    parse_signers,
    parse_summary,
)
from kg.parse.cable import parse_cable
from kg.parse.prepared import drop_page_breaks, prepare_body
from kg.sources import iter_members
from kg.sources.archives import Member
from kg.synth import generate, iter_cables
from tests.data import CORPUS_6712, needs_shared

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


# Real text from the 6,712-cable corpus, as the page extractor hands it to the body parser.
BRASILIA_129 = (
    "C O N F I D E N T I A L SECTION 01 OF 02 BRASILIA 000129 \n\nSIPDIS \n\nSIPDIS \n\n"
    "DEPARTMENT FOR PM, WHA, AND EEB \n\nE.O. 12958: DECL: 01/24/2018 \n"
    "TAGS: PREL MARR EAIR PGOV BR\nSUBJECT: BRAZILIAN DEFENSE MINISTER ON DCA, TRIP TO FRANCE "
    "AND RUSSIA, CIVIL AVIATION \n\nREF: A. STATE 3557 B. BRASILIA 99 C. STATE 3163 \n\n"
    "Classified By: AMBASSADOR CLIFFORD SOBEL, REASON 1.4 (B) AND (D) \n\n"
    "1. (C) Summary. Brazilian Defense Minister Nelson Jobim told the Ambassador January 17 "
    "that he would like to sign a Defense Cooperation Agreement (DCA, ref A) when he visits "
    "Washington in March. End summary. \n\n"
    "Defense Cooperation Agreement: The Battle is Joined "
    "--------------------------------------------- ------ \n\n"
    "2. (C) In a private breakfast on January 17, the Ambassador "
)
# 06CARACAS958: a page break between a heading and its closing rule.
CARACAS_958 = (
    "5. (C) The BRV may \nview the production of ethanol--a by-product of sugar \n"
    "refinery--as a fringe benefit to its project to resurrect \n"
    "failed Cuban sugar mills in Venezuela. \n\n---------------------------------------- \n"
    "Going Nuclear?: Uranium Rumors and More \n\nCARACAS 00000958 003.2 OF 005 \n\n\n"
    "---------------------------------------- \n\n"
    "6. (C) As reported REF A, recent rumors that Venezuela is \n"
    "trafficking in nuclear weapons and mining uranium for Iran \nappear to be little mor"
)
# 06BRASILIA609: a page break between a heading and its underline.
BRASILIA_609 = (
    "4. (U) Palocci's clumsy attempt to discredit his accusers. End Comment.) \n\n"
    "Who is Mantega? \n\nBRASILIA 00000609 002 OF 003 \n\n--------------- \n\n"
    "5. (U) Lula named current BNDES President and former Planning Minister Guido Mantega "
    "to replace Palocci."
)
# 06BERN141: a page break the page glued into a line of text.
BERN_141 = (
    "3. (C) The MLAT it signed with the United States in 2003  BERN 00000141 002 OF 004   "
    "was the first of its kind for Liechtenstein."
)
_RULE_RUN = re.compile(r"[-=_]{4,}")


def test_addressee_line_is_no_heading() -> None:
    cable = parse_cable(BRASILIA_129)
    assert cable.addressees == ["DEPARTMENT FOR PM, WHA, AND EEB"]
    paragraphs = cable.paragraphs
    assert [(p.number, p.heading) for p in paragraphs] == [
        (1, None),
        (2, "Defense Cooperation Agreement: The Battle is Joined"),
    ]
    assert paragraphs[0].text.endswith("when he visits Washington in March. End summary.")


@pytest.mark.parametrize(
    "line",
    [
        "C O N F I D E N T I A L SECTION 01 OF 02 ANKARA 001599",
        "S E C R E T SECTION 01 OF 03 MEXICO 001487",
        "SIPDIS",
        "STATE FOR SCA/INS, ISN",
        "C O R R E C T E D COPY CAPTION",
        "XXXXXXXXXXXX",
        "SUBJECT",
    ],
)
def test_head_and_furniture_lines_head_no_paragraph(line: str) -> None:
    # each line alone between blank lines, above the E.O. line, as the corpus has them
    body = f"{line}\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: A TEST\n\n1. (C) Text.\n\n2. (C) More."
    assert [p.heading for p in parse_paragraphs(body)] == [None, None]


def test_heading_split_by_a_page_break_starts_a_section() -> None:
    for text in (CARACAS_958, drop_page_breaks(CARACAS_958)):
        paragraphs = parse_paragraphs(text)
        assert [(p.number, p.heading) for p in paragraphs] == [
            (5, None),
            (6, "Going Nuclear?: Uranium Rumors and More"),
        ]
        assert paragraphs[0].text.endswith("failed Cuban sugar mills in Venezuela.")
    paragraphs = parse_paragraphs(drop_page_breaks(BRASILIA_609))
    assert [(p.number, p.heading) for p in paragraphs] == [(4, None), (5, "Who is Mantega?")]
    assert paragraphs[0].text.endswith("discredit his accusers. End Comment.)")


def test_heading_glued_to_prose_is_split_off() -> None:
    # 10CAIRO237 and 09KYIV1991: the page joined heading and rules onto the last text line
    text = (
        "1. (C) his criticism a personal affront. End Comment. "
        "--------------------------------- An Enthusiastic Welcome and Media Reaction "
        "--------------------------------\n\n2. (C) Activists said.\n"
        "were using the visit to send a signal to Moscow. End Summary. Border Demarcation "
        "------------------\n\n3. (C) On border demarcation."
    )
    paragraphs = parse_paragraphs(text)
    assert [(p.number, p.heading) for p in paragraphs] == [
        (1, None),
        (2, "An Enthusiastic Welcome and Media Reaction"),
        (3, "Border Demarcation"),
    ]
    assert paragraphs[0].text == "his criticism a personal affront. End Comment."
    assert paragraphs[1].text.endswith("signal to Moscow. End Summary.")


def test_page_break_glued_into_a_line_is_dropped() -> None:
    [paragraph] = parse_paragraphs(BERN_141)
    assert paragraph.text == (
        "The MLAT it signed with the United States in 2003 was the first of its kind for "
        "Liechtenstein."
    )


def test_no_rule_reaches_paragraph_text(seed_body: str) -> None:
    for text in (BRASILIA_129, CARACAS_958, BRASILIA_609, seed_body):
        for paragraph in parse_paragraphs(text):
            assert not _RULE_RUN.search(paragraph.text), paragraph.text


def test_synthetic_headings_after_page_breaks_start_sections() -> None:
    # kg synth puts page breaks anywhere, also inside "----- / TITLE / -----" headings
    rule = re.compile(r"^\s*[-=]{3,}\s*$")
    for (name, text), (_, telegram) in zip(
        generate(300, 0, "text"), iter_cables(300, 0), strict=True
    ):
        lines = telegram.lines
        titles = {
            lines[i].strip()
            for i in range(1, len(lines) - 1)
            if rule.match(lines[i - 1]) and rule.match(lines[i + 1]) and lines[i].strip()
        }
        paragraphs = parse_cable(text, source=name).paragraphs
        assert titles <= {p.heading for p in paragraphs}, name
        for paragraph in paragraphs:
            assert not _RULE_RUN.search(paragraph.text), name
            assert not any(title in paragraph.text for title in titles if len(title) > 12), name


@pytest.fixture(scope="module")
def corpus_pages() -> dict[str, str]:
    """A few pages of the 6,712 archive, by id, read in one pass."""
    wanted = {"03ROME2045", "09CAIRO211", "08BRASILIA129", "06MADRID934"}
    pages: dict[str, str] = {}
    for member in iter_members(CORPUS_6712, config=SourcesConfig()):
        stem = getattr(member, "name", "").rsplit(".", 1)[0]
        if stem in wanted and isinstance(member, Member):
            pages[stem] = member.data.decode("utf-8")
    assert set(pages) == wanted
    return pages


@pytest.mark.slow
@needs_shared(CORPUS_6712)
def test_corpus_section_heads_addressees_and_page_breaks(corpus_pages: dict[str, str]) -> None:
    # 03ROME2045 repeats routing, banner, addressee, E.O., TAGS and SUBJECT in each of its
    # six sections; none of it is paragraph text or a heading
    rome = parse_cable(corpus_pages["03ROME2045"])
    assert rome.addressees == ["CENTCOM FOR J5, POLAD"]
    assert [p.number for p in rome.paragraphs] == list(range(1, 19))
    headings = {p.number: p.heading for p in rome.paragraphs}
    assert headings[1] is None
    assert headings[8] == "LOGISTICAL SUPPORT - GETTING TO THE FIGHT"
    assert headings[13] == "FORCE PROTECTION"
    for paragraph in rome.paragraphs:
        for junk in ("FM AMEMBASSY ROME", "LOG-00", "CENTCOM FOR J5", "TAGS:", "PTQ0"):
            assert junk not in paragraph.text
    assert rome.paragraphs[11].text.endswith("INTEGRATED INTO OPERATIONAL DECISION MAKING.")
    brasilia = parse_cable(corpus_pages["08BRASILIA129"])
    assert brasilia.paragraphs[0].heading is None
    madrid = parse_cable(corpus_pages["06MADRID934"])
    assert {p.number: p.heading for p in madrid.paragraphs}[10] == "Underestimating the Enemy"


@pytest.mark.slow
@needs_shared(CORPUS_6712)
def test_09cairo211_reference_and_subject(corpus_pages: dict[str, str]) -> None:
    page = corpus_pages["09CAIRO211"]
    cable = parse_cable(page)
    assert cable.subject == "EGYPT'S 54th BIRD FLU VICTIM, 1st FROM SUEZ"  # the page title
    assert [r.id for r in cable.references] == ["09CAIRO173"]
    # the same telegram without its page (no id, no date): the year comes from the
    # copy of the REF line that writes it ("REF 09 CAIRO 0173")
    body_only = parse_cable(page, format="body")
    assert [(r.text, r.id) for r in body_only.references] == [("CAIRO 0173", "09CAIRO173")]


def test_last_paragraph_ends_before_web_note_and_glued_signer() -> None:
    # 09AMMAN813 and 09STATE78274, as the pages end
    amman = (
        "11. (C) Comment: Jordan will watch closely. End Comment. \n \n \n"
        "Visit Amman's Classified Website at \nhttp://www.state.sgov.gov/p/nea/amman \nBeecroft"
    )
    [paragraph] = parse_paragraphs(amman)
    assert paragraph.text == "Comment: Jordan will watch closely. End Comment."
    assert parse_signers(amman) == ["BEECROFT"]
    clinton = (
        "12. (S) Verhagen said Europe is not united. Any U.S. and EU sanctions packages "
        "should be identical, in his view. CLINTON"
    )
    [paragraph] = parse_paragraphs(clinton)
    assert paragraph.text.endswith("should be identical, in his view.")
    assert parse_signers(clinton) == ["CLINTON"]


def test_signer_before_cable_ends_line_and_after_asterisks() -> None:
    # 07BUENOSAIRES1776 and 07MANAMA1012, as the pages end
    buenos_aires = (
        "15. (C) Post will continue to monitor this case, especially for any indication of "
        "violence. \n\nWAYNE \n\n\n=======================CABLE ENDS============================"
    )
    assert parse_signers(buenos_aires) == ["WAYNE"]
    manama = (
        "3. (C) We will learn more of the visit and will report then. "
        "********************************************* ******** ERELI"
    )
    assert parse_signers(manama) == ["ERELI"]
