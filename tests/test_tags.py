"""The TAGS line: codes, kinds, continuation lines, glued and misspelt TAGs."""

from __future__ import annotations

import pytest

from kg.parse.tags import parse_tags, tag_kind


def codes(text: str, **kwargs: bool) -> list[str]:
    return [t.code for t in parse_tags(text, **kwargs)]


def test_seed_tags_with_kinds() -> None:
    tags = parse_tags("E.O. 12958: N/A \nTAGS: SNAR PINS PGOV PHUM KCRM KZ\nSUBJECT: X")
    assert [(t.code, t.kind) for t in tags] == [
        ("SNAR", "subject"),
        ("PINS", "subject"),
        ("PGOV", "subject"),
        ("PHUM", "subject"),
        ("KCRM", "program"),
        ("KZ", "geographic"),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("TAGS: something,\nhere", ["SOMETHING", "HERE"]),  # comma continues the line
        ("TAGS: something\nhere", ["SOMETHING"]),  # prose on the next line does not
        (
            "TAGS: OVIP RICE CONDOLEEZZA PREL\nBL, IS\nSUBJECT: X",
            ["OVIP", "RICE, CONDOLEEZZA", "PREL", "BL", "IS"],
        ),
        ("TAGS: OREP KU COUNTRY\nCLEARANCE \nSUBJECT: X", ["OREP", "KU", "COUNTRY CLEARANCE"]),
        (
            "TAGS: KFRDKIRFCVISCMGTKOCIASECPHUMSMIGEG",
            ["KFRD", "KIRF", "CVIS", "CMGT", "KOCI", "ASEC", "PHUM", "SMIG", "EG"],
        ),
        ("DECL: 08/16/2015TAGS: EMIN PGOV PE", ["EMIN", "PGOV", "PE"]),  # glued to the date
        ("TAGS: PREL, IT   SECRET   PAGE 02   ROME  03067  211833Z \nSUBJECT: X", ["PREL", "IT"]),
        ("TAGS: ECON ETRD IS ECONOMY AND FINANCE", ["ECON", "ETRD", "IS", "ECONOMY AND FINANCE"]),
        (
            "Tags: ovip (steinberg, james b.), prel\nSubject: x",
            ["OVIP", "STEINBERG, JAMES B.", "PREL"],
        ),
        ("TAGS: ECON ETRD PGOV CA MX SIPDIS", ["ECON", "ETRD", "PGOV", "CA", "MX"]),
    ],
)
def test_parse_tags_cases(line: str, expected: list[str]) -> None:
    assert codes(line) == expected


def test_canonicalize_false_keeps_glued_tags() -> None:
    assert codes("TAGS: AMEDCASCKFLO PREL", canonicalize=False) == ["AMEDCASCKFLO", "PREL"]
    assert codes("TAGS: AMEDCASCKFLO PREL") == ["AMED", "CASC", "KFLO", "PREL"]


def test_no_tags_line() -> None:
    assert parse_tags("SUBJECT: NOTHING TAGGED\n\n1. (C) The meeting...") == []


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("KIPR", "program"),
        ("kwww", "program"),
        ("OBAMA, BARACK", "person"),
        ("GM", "geographic"),
        ("NASA", "organization"),
        ("phum", "subject"),
        ("BA'ATH", "organization"),
        ("UNKNOWN", "unknown"),
    ],
)
def test_tag_kind(code: str, kind: str) -> None:
    assert tag_kind(code) == kind
