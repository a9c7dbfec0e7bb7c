"""Text helpers shared by the extractors: segments, sentences, names, one-regex gazetteers.

The extractors (:mod:`kg.extract`) call these; nothing here knows about entity types.
Spans in mentions are offsets into a segment's whitespace-normalised text (runs of spaces
and line breaks collapsed to one space), which is what :func:`cable_segments` yields.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.model import Cable

__all__ = [
    "Segment",
    "cable_segments",
    "is_upper_text",
    "normalize_name",
    "sentence_list",
    "sentences",
    "slug",
    "trie_pattern",
]


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of annotated cable text: the subject (``paragraph`` None) or a paragraph."""

    paragraph: int | None
    text: str
    # Written in capitals (old telegrams, subject lines): case tells nothing there.
    upper: bool = False


_DASH_RULE = re.compile(r"-{3,}[\s-]*")


def cable_segments(cable: Cable) -> list[Segment]:
    """Return the subject and each paragraph of ``cable`` with whitespace collapsed.

    Parameters
    ----------
    cable : Cable
        A parsed cable; only ``subject`` and ``paragraphs`` are read.

    Returns
    -------
    list[Segment]
        The subject first (paragraph None), then one segment per paragraph, indexed by
        its position in ``cable.paragraphs``.

    Examples
    --------
    >>> from kg.model import Paragraph
    >>> c = Cable("X", "X", subject="A  B", paragraphs=[Paragraph("one\\n two")])
    >>> [(s.paragraph, s.text) for s in cable_segments(c)]
    [(None, 'A B'), (0, 'one two')]
    """
    segments = []
    if cable.subject:
        subject = " ".join(cable.subject.split())
        segments.append(Segment(None, subject, is_upper_text(subject)))
    for index, paragraph in enumerate(cable.paragraphs):
        text = _collapse(paragraph.text)
        segments.append(Segment(index, text, is_upper_text(text)))
    if not cable.paragraphs and cable.body:
        segments.extend(_body_segments(cable.body))
    return segments


# "1. (C) Summary:" — a numbered paragraph the parser did not split off.
_PARAGRAPH_MARK = re.compile(r"(?:^|\s)\d{1,2}\.\s+\((?:[A-Z]{1,2}|SBU|[A-Z]+/[A-Z]+)\)\s")


def _body_segments(body: str) -> list[Segment]:
    """Split a body the parser left unsplit at its paragraph numbers ("1. (C) ...").

    Segments are numbered from 0 like parsed paragraphs; a body without numbered
    paragraphs gives none (its header lines are out of scope).
    """
    marks = list(_PARAGRAPH_MARK.finditer(body))
    segments = []
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(body)
        text = _collapse(body[mark.end() : end])
        segments.append(Segment(index, text, is_upper_text(text)))
    return segments


def _collapse(text: str) -> str:
    if "---" in text:
        text = _DASH_RULE.sub(" ", text)
    # The parser's paragraphs mostly are collapsed already: a printable text has no
    # whitespace but the space (every other kind is unprintable), so one without two
    # spaces in a row or at an end is kept as it is, without a split and a join.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


# Byte tables deleting all but the lower-case (upper-case) ASCII letters: counting letters
# by translate runs in C, several times faster than a regex.
_NOT_LOWER = bytes(c for c in range(256) if not 97 <= c <= 122)
_NOT_UPPER = bytes(c for c in range(256) if not 65 <= c <= 90)


def is_upper_text(text: str) -> bool:
    """Tell whether ``text`` is written in capitals (old telegrams, subject lines).

    >>> is_upper_text("INL CONDUCTS ANTI-TIP TRAINING"), is_upper_text("INL conducts")
    (True, False)
    """
    raw = text.encode("ascii", "ignore")
    lower = len(raw.translate(None, _NOT_LOWER))
    upper = len(raw.translate(None, _NOT_UPPER))
    return upper > 0 and lower < 0.05 * (lower + upper)


_SENTENCE_END = re.compile(r"[.!?]\)?\s+(?=[A-Z(\"'])")
_ABBREVIATIONS = frozenset(
    [
        "Mr",
        "Ms",
        "Mrs",
        "Dr",
        "St",
        "Jr",
        "Sr",
        "No",
        "Gen",
        "Col",
        "Lt",
        "Amb",
        "Gov",
        "Sen",
        "Rep",
        "vs",
        "Adm",
        "Capt",
        "Maj",
        "Sgt",
        "Prof",
        "Hon",
    ]
)


def _ends_sentence(text: str, dot: int) -> bool:
    token = text[text.rfind(" ", 0, dot) + 1 : dot]
    if not token:
        return True
    # "U.S." and initials ("N. K.") end in a period without ending the sentence.
    return not (token in _ABBREVIATIONS or "." in token or (len(token) == 1 and token.isupper()))


@functools.lru_cache(maxsize=4096)
def sentence_list(text: str) -> tuple[tuple[int, str], ...]:
    """Return :func:`sentences` of ``text`` as a tuple, computed once per text (the
    programme and event extractors both split each segment).

    >>> sentence_list("One. Two.")
    ((0, 'One.'), (5, 'Two.'))
    """
    return tuple(sentences(text))


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, sentence)`` pairs of a segment.

    >>> [s for _, s in sentences("He met Dr. Smith. Then U.S. officials left.")]
    ['He met Dr. Smith.', 'Then U.S. officials left.']
    """
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if text[match.start()] == "." and not _ends_sentence(text, match.start()):
            continue
        end = match.start() + 1
        yield start, text[start:end]
        start = match.end()
    if start < len(text):
        yield start, text[start:]


_NON_WORD = re.compile(r"[^a-z0-9]+")
_LEADING_THE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@functools.lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """Return the comparison form of a name: ASCII, lower case, no leading article.

    >>> normalize_name("The U.S. Embassy  in Sao Paulo"), normalize_name("Dall'Anese")
    ('us embassy in sao paulo', 'dallanese')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = _LEADING_THE.sub("", ascii_name.strip())
    ascii_name = re.sub(r"(?<=\w)[.'’](?=\w|\s|$)", "", ascii_name.lower())
    return _NON_WORD.sub(" ", ascii_name).strip()


def slug(name: str) -> str:
    """Return the IRI-safe key part of a name.

    >>> slug("Ministry of Internal Affairs"), slug("U.S. Embassy")
    ('ministry-of-internal-affairs', 'us-embassy')
    """
    return normalize_name(name).replace(" ", "-")


def trie_pattern(words: Iterable[str]) -> str:
    """Return one regex alternation matching any of ``words``, factored as a trie.

    A trie-shaped pattern makes Python's backtracking engine try each prefix once, so a
    gazetteer of thousands of names is matched in one left-to-right scan.

    >>> p = re.compile(trie_pattern(["INL", "IOM", "IO"]))
    >>> [m.group() for m in p.finditer("IOM and INL and IO")]
    ['IOM', 'INL', 'IO']
    """
    trie: dict = {}
    for word in set(words):
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    ends = "" in node
    branches = []
    for char in sorted(k for k in node if k):
        branches.append(re.escape(char) + _trie_regex(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body
