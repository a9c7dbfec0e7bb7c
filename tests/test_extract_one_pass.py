"""The shortcuts extraction takes for speed find what the plain scans find: the one
automaton pass shared by several matchers (kg.extract.matcher.OnePass), the date words
found once per segment (kg.extract.dates.DateHints), a matcher of a few names tested by
substrings first."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.dates import DateHints, first_date_hint
from kg.extract.matcher import WORD_END, NameMatcher, OnePass
from kg.extract.text import _collapse, sentence_list

_ORGS = NameMatcher(["IO", "IOM", "INL", "UN", "UNDP", "Costa Rica", "Costa"])
_PLACES = NameMatcher(["Costa Rica", "Rica", "San Jose", "IOM"], WORD_END)
_FEW = NameMatcher(["we", "We", "our"])
_PARTS = [*_ORGS.names, *_PLACES.names, *_FEW.names, " ", "-", "x", ".", "IOMX", "ours"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PARTS), max_size=14))
def test_one_pass_gives_each_matcher_its_own_results(parts: list[str]) -> None:
    text = "".join(parts)
    hits = OnePass([_ORGS, _PLACES, _FEW]).scan(text)
    for matcher in (_ORGS, _PLACES, _FEW):
        assert list(matcher.finditer(text, hits[matcher])) == list(matcher.finditer(text))
        assert matcher.starts(text, hits[matcher]) == matcher.starts(text)
        # The matcher's own pass: an automaton, not the substring shortcut of few names.
        own = [(start, end) for _, start, end in matcher._scan(text)]
        assert sorted(hit[1:] for hit in hits[matcher]) == sorted(own)


_DATE_PARTS = [
    *("Monday", "May", "March 3", "2009", "/2008", "19", "week", "months", " ago", "today"),
    *("yesterday", "this morning", "last night", "Yesterday", " ", ". ", "The ", "x", "mid-"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PARTS), max_size=16))
def test_date_hints_of_a_segment_are_those_of_each_sentence(parts: list[str]) -> None:
    text = " ".join("".join(parts).split())
    hints = DateHints(text)
    for offset, sentence in sentence_list(text):
        assert hints.first(offset, offset + len(sentence)) == first_date_hint(sentence)


def test_matchers_read_text_with_a_lone_surrogate_and_survive_pickling() -> None:
    # The parser keeps undecodable bytes as lone surrogates; offsets stay those of the text.
    text = "IOM \udc80 and UNDP in Costa Rica"
    undp, costa_rica = text.index("UNDP"), text.index("Costa Rica")
    assert (undp, costa_rica) == (10, 18)
    assert list(_ORGS.finditer(text)) == [(0, 3, "IOM"), (10, 14, "UNDP"), (18, 28, "Costa Rica")]
    one_pass = pickle.loads(pickle.dumps(OnePass([_ORGS, _PLACES])))
    orgs, places = one_pass.matchers
    hits = one_pass.scan(text)
    assert list(orgs.finditer(text, hits[orgs])) == list(_ORGS.finditer(text))
    assert list(places.finditer(text, hits[places])) == [(0, 3, "IOM"), (18, 28, "Costa Rica")]
    assert places.match_at(text, 18) == 28


def test_a_matcher_of_few_names_finds_them_by_substring_first() -> None:
    assert list(_FEW.finditer("Then we left, with our notes.")) == [
        (5, 7, "we"),
        (19, 22, "our"),
    ]
    assert list(_FEW.finditer("Nobody left.")) == []


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "B", " ", "\n", "\t", "\xa0", "\u2028", "é", "."])))
def test_collapsing_a_segment_keeps_single_spaces_as_split_and_join_do(text: str) -> None:
    assert _collapse(text) == " ".join(text.split())
