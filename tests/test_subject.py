"""The SUBJECT line and titlefy."""

from __future__ import annotations

import pytest

from kg.parse.subject import parse_subject, parse_wrapper_subject, titlefy


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "TAGS: SNAR KZ\nSUBJECT: KAZAKHSTAN: INL CONDUCTS ANTI-TIP TRAINING COURSE FOR LAW \n"
            "ENFORCEMENT, PROCURACY, AND JUDICIARY \n \n \nASTANA 00000367  001.2 OF 002 \n",
            "KAZAKHSTAN: INL CONDUCTS ANTI-TIP TRAINING COURSE FOR LAW ENFORCEMENT, "
            "PROCURACY, AND JUDICIARY",
        ),
        ("SUBJ: GUINEA - U.S./French Meeting \n\nClassified by X", "GUINEA - U.S./French Meeting"),
        (
            "SUBJECT: PART 3 OF 3:  THE LIFE\nPRETORIA 00000954 001.2 OF 004\n",
            "PART 3 OF 3: THE LIFE",
        ),
        ("SUBJECT: VISIT TO CAIROClassified By: DCM", "VISIT TO CAIRO"),
        ("SUBJECT: SUBJECT: DOUBLE LABEL\n\n", "DOUBLE LABEL"),
        ("C O R R E C T E D COPY//SUBJECT LINE//\n\nSUBJECT: REAL ONE\nREF: A", "REAL ONE"),
        ("SUBJECT: Bla &#8217; bla", "Bla \u2019 bla"),
        ("UBJECT: TYPO LABEL REF: A. MANAMA 20", "TYPO LABEL"),
        ("E.O. 12958: N/A \nTAGS: KIPR BR\n\n", ""),
    ],
)
def test_parse_subject(text: str, expected: str) -> None:
    assert parse_subject(text) == expected


def test_parse_subject_keeps_marking_when_not_cleaning() -> None:
    assert parse_subject("SUBJECT: (C/NF) WHO WOULD REPLACE") == "WHO WOULD REPLACE"
    assert parse_subject("SUBJECT: (C/NF) WHO WOULD REPLACE", clean=False) == (
        "(C/NF) WHO WOULD REPLACE"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("THE NEW GERMAN CABINET - AN OVERVIEW", "The New German Cabinet - An Overview"),
        (
            "63RD UN GENERAL ASSEMBLY: BRAZILIAN PRIORITIES",
            "63rd UN General Assembly: Brazilian Priorities",
        ),
        (
            "VARIG'S DOWNWARD SPIRAL: WE'LL PAY YOU LATER",
            "VARIG's Downward Spiral: We'll Pay You Later",
        ),
        ("COTE D'IVOIRE: UK ON ELECTIONS", "Cote D'Ivoire: UK on Elections"),
        ("", ""),
    ],
)
def test_titlefy(text: str, expected: str) -> None:
    assert titlefy(text) == expected


def test_subject_of_an_email_wrapper() -> None:
    # 09TRIPOLI63: the telegram came as an e-mail and has no SUBJECT line of its own
    header = (
        "From: CBPC, EACTAPP\nSent: Wednesday, January 28, 2009 12:33 PM\nTo: EACTTripoli\n"
        "Subject: TRIPOLI 00000063 P CO 28-JAN-09 RISKY BUSINESS? AMERICAN\n"
        "CONSTRUCTION FIRM ENTERS JOINT VENTURE WITH GOL [8466936]\n\nCONFIDENTIAL\n\n"
        "VZCZCXRO6748\nPP RUEHROV\nDE RUEHTRO #0063/01 0281042\n"
    )
    assert parse_wrapper_subject(header) == (
        "RISKY BUSINESS? AMERICAN CONSTRUCTION FIRM ENTERS JOINT VENTURE WITH GOL"
    )
    assert parse_wrapper_subject("VZCZCXRO4403\nSUBJECT: KAZAKHSTAN: INL TRAINING") == ""


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # 09CAIRO211: the REF line glued after the subject
        (
            "SUBJECT:\n\nEGYPT'S 54th BIRD FLU VICTIM, 1st FROM SUEZ REF 09 CAIRO 0173 Sensitive "
            "but Unclassified.",
            "EGYPT'S 54th BIRD FLU VICTIM, 1st FROM SUEZ",
        ),
        # 09CAIRO205: the first paragraph right under the subject, no space after "1."
        (
            "SUBJECT: LESSONS LEARNED FROM EMBASSY CAIRO'S EVACUATION OFAMERICAN CITIZENS FROM "
            "GAZA\n1.Summary: Embassy Cairo evacuated four families",
            "LESSONS LEARNED FROM EMBASSY CAIRO'S EVACUATION OFAMERICAN CITIZENS FROM GAZA",
        ),
        # 08TRIPOLI402: a REF list whose keyword the page mangled ("Q:")
        (
            "SUBJECT: POLITICAL-ECONOMIC REFORM, JAMAHIRIYA-STYLE\n"
            "Q: A) TRIPOLI 199, B) TRIPOLI 227   TRIPOLI 00000402 \n\n001.2 OF 003\n",
            "POLITICAL-ECONOMIC REFORM, JAMAHIRIYA-STYLE",
        ),
        # 05ISTANBUL329: a subject the page cut, then the head again
        (
            "SUBJECT: MUNICIPALITY TO FUND...\n14:25 UNCLAS SECTION 01 OF 03 ISTANBUL 000329 "
            "SIPDIS SENSITIVE",
            "MUNICIPALITY TO FUND...",
        ),
    ],
)
def test_subject_ends_before_what_the_page_glued_to_it(text: str, subject: str) -> None:
    assert parse_subject(text) == subject
