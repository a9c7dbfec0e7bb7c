"""What every extractor of one cable shares: the gazetteer, the cable's country and post,
the text segments, and the mentions earlier extractors found. Made by :mod:`kg.extract`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kg.extract.gazetteer import Gazetteer, load_gazetteer
from kg.extract.matcher import SCANNED_TOGETHER, NameMatcher, OnePass
from kg.extract.text import Segment, cable_segments, slug
from kg.model import Cable, Entity, Mention

__all__ = ["ExtractContext", "SpanIndex", "corpus_acronyms", "make_context", "place_matches"]

_STATION = re.compile(r"^\d{2}([A-Z]+?)\d+$")


class SpanIndex:
    """The spans taken so far, by segment, to skip overlapping matches.

    Each segment keeps one byte per character, 1 where a span covers it, so an overlap
    test is one ``bytearray.find`` (in C) however many spans there are.

    >>> spans = SpanIndex()
    >>> spans.add(0, 4, 7)
    >>> spans.overlaps(0, 6, 9), spans.overlaps(0, 7, 9), spans.overlaps(1, 4, 7)
    (True, False, False)
    """

    def __init__(self) -> None:
        self._covered: dict[int | None, bytearray] = {}

    def overlaps(self, paragraph: int | None, start: int, end: int) -> bool:
        """Tell whether ``[start, end)`` overlaps a span taken in that segment."""
        covered = self._covered.get(paragraph)
        return covered is not None and covered.find(1, start, end) != -1

    def add(self, paragraph: int | None, start: int, end: int) -> None:
        """Take a span."""
        covered = self._covered.get(paragraph)
        if covered is None:
            covered = self._covered[paragraph] = bytearray(end)
        elif len(covered) < end:
            covered.extend(bytes(end - len(covered)))
        covered[start:end] = b"\x01" * (end - start)


@dataclass
class ExtractContext:
    """Per-cable state the extractors read and extend, in registry order."""

    gazetteer: Gazetteer
    cable: Cable
    segments: list[Segment]
    station: str | None
    country: str | None
    post: Entity | None
    mentions: list[Mention] = field(default_factory=list)
    # acronym → entity key, learned from "Long Name (ABC)" in this cable.
    acronyms: dict[str, str] = field(default_factory=dict)
    # The spanned mentions of each segment, so lookups stay linear in the segment.
    by_paragraph: dict[int | None, list[Mention]] = field(default_factory=dict)
    # Their spans, for overlap tests, and each segment's mention starts in order.
    spans: SpanIndex = field(default_factory=SpanIndex)
    starts: dict[int | None, list[int]] = field(default_factory=dict)
    # What an extractor computes once per cable and looks up many times.
    memo: dict[str, Any] = field(default_factory=dict)

    def add(self, mentions: list[Mention]) -> None:
        """Record the mentions an extractor found, for the extractors that run later."""
        self.mentions.extend(mentions)
        touched = set()
        for mention in mentions:
            if mention.start is not None and mention.end is not None:
                self.by_paragraph.setdefault(mention.paragraph, []).append(mention)
                self.spans.add(mention.paragraph, mention.start, mention.end)
                touched.add(mention.paragraph)
        for paragraph in touched:
            # By start, a stable sort: mentions starting together stay in the order found.
            found = self.by_paragraph[paragraph]
            found.sort(key=_start)
            self.starts[paragraph] = [m.start for m in found]  # type: ignore[misc]

    def covered(self, paragraph: int | None, start: int, end: int) -> bool:
        """Tell whether a span overlaps a mention already found in that segment."""
        return self.spans.overlaps(paragraph, start, end)

    def inside(self, paragraph: int | None, start: int, end: int) -> list[Mention]:
        """Return the mentions of a segment that start within ``[start, end)``, in order."""
        found = self.by_paragraph.get(paragraph)
        if not found:
            return []
        starts = self.starts[paragraph]
        return found[bisect_left(starts, start) : bisect_left(starts, end)]

    def find(self, matcher: NameMatcher, text: str) -> Iterator[tuple[int, int, str]]:
        """:meth:`NameMatcher.finditer` of a segment's text, from the cable's one pass."""
        return matcher.finditer(text, self.hits(text).get(matcher))

    def find_starts(self, matcher: NameMatcher, text: str) -> dict[int, list[int]]:
        """:meth:`NameMatcher.starts` of a segment's text, from the cable's one pass."""
        return matcher.starts(text, self.hits(text).get(matcher))

    def holds(self, matcher: NameMatcher, text: str) -> bool:
        """Tell whether a segment's text holds a name of ``matcher`` anywhere (even inside
        a word), from the one pass: a free test before a pattern that needs one."""
        found = self.hits(text).get(matcher)
        return found is None or bool(found)

    def may_hold_acronym(self, text: str, kind: str, defined: Iterable[str]) -> bool:
        """Tell whether a segment's text may hold an acronym the corpus expands to a name
        of ``kind`` (:func:`corpus_acronyms`, from the one pass) or one of ``defined``
        (those the cable defines): no other acronym has an expansion."""
        return self.holds(corpus_acronyms(self.gazetteer, kind), text) or any(
            acronym in text for acronym in defined
        )

    def hits(self, text: str) -> dict[NameMatcher, list[tuple[int, int, int]]]:
        """Return the hits of every matcher of :func:`one_pass` in a segment's text,
        found once per cable."""
        scans = self.memo.setdefault("one_pass", {})
        found = scans.get(text)
        if found is None:
            found = scans[text] = one_pass(self.gazetteer).scan(text)
        return found

    def entities(self, type_: str) -> list[Entity]:
        """Return the distinct entities of ``type_`` found so far, in order of first mention."""
        seen: dict[str, Entity] = {}
        for mention in self.mentions:
            if mention.entity.type == type_:
                seen.setdefault(mention.entity.key, mention.entity)
        return list(seen.values())


def place_matches(context: ExtractContext, segment: Segment) -> list[tuple[int, int, str]]:
    """Return the gazetteer's place names in a segment (not in capitals), found once per
    cable for the person and place extractors: ``(start, end, name)``, leftmost-longest."""
    found = context.memo.setdefault("place_matches", {})
    matches = found.get(segment.paragraph)
    if matches is None:
        matches = found[segment.paragraph] = list(
            context.gazetteer.place_matcher.finditer(segment.text)
        )
    return matches


def one_pass(gazetteer: Gazetteer) -> OnePass:
    """Return the one pass of the matchers every segment is scanned with: the gazetteer's
    organizations, companies, given names and surnames, and the extractors' own
    (:func:`~kg.extract.matcher.scanned_together`). Built once per gazetteer."""
    # Kept with the module-level matchers it holds: a copy of the gazetteer (pickled
    # elsewhere) or a matcher registered since gets a pass of its own matchers.
    together, built = gazetteer.extra.get("one_pass", ((), None))
    if built is None or together != tuple(SCANNED_TOGETHER):
        matchers = [
            gazetteer.org_matcher,
            gazetteer.company_matcher,
            gazetteer.given_matcher,
            gazetteer.surname_matcher,
            corpus_acronyms(gazetteer, "organization"),
            corpus_acronyms(gazetteer, "programme"),
        ]
        built = OnePass([m for m in matchers if m is not None] + SCANNED_TOGETHER)
        gazetteer.extra["one_pass"] = (tuple(SCANNED_TOGETHER), built)
    return built


def corpus_acronyms(gazetteer: Gazetteer, kind: str) -> NameMatcher:
    """Return the matcher of the acronyms the corpus expands to a name of ``kind``
    ("organization", "programme") somewhere (:attr:`Gazetteer.learned_acronyms`), built
    once per gazetteer. In the one pass: a segment holding none of them, nor one the cable
    defines, is not scanned for such acronyms."""
    key = f"corpus_acronyms_{kind}"
    matcher = gazetteer.extra.get(key)
    if matcher is None:
        matcher = gazetteer.extra[key] = NameMatcher(
            acronym
            for acronym, expansions in gazetteer.learned_acronyms.items()
            if any(found and found[1] == kind for found in expansions.values())
        )
    return matcher


def _start(mention: Mention) -> int:
    return mention.start or 0


def make_context(cable: Cable, gazetteer: Gazetteer | None = None) -> ExtractContext:
    """Return the extraction context of ``cable``: its station, country and sending post.

    Parameters
    ----------
    cable : Cable
        The parsed cable.
    gazetteer : Gazetteer, optional
        The tables to match against; the process-wide copy by default.

    Returns
    -------
    ExtractContext
        With ``country`` the ISO code of the sending post's country (None for Washington
        and missions to international bodies).

    Examples
    --------
    >>> c = make_context(Cable("07ASTANA367", "07ASTANA367", origin="Embassy Astana"))
    >>> c.station, c.country, c.post.key, c.post.label
    ('ASTANA', 'KZ', 'post/astana', 'US Embassy Astana')
    """
    gazetteer = gazetteer or load_gazetteer()
    station = cable.station
    if not station:
        match = _STATION.match(cable.canonical_id or cable.reference_id or "")
        station = match.group(1) if match else None
    country = gazetteer.stations.get(station or "")
    return ExtractContext(
        gazetteer=gazetteer,
        cable=cable,
        segments=cable_segments(cable),
        station=station,
        country=country,
        post=_sending_post(cable, station),
    )


_POST_KINDS = ("Consulate General", "Consulate", "Embassy", "Mission", "Office", "USOFFICE")


def _sending_post(cable: Cable, station: str | None) -> Entity | None:
    origin = (cable.origin or "").strip()
    kind, city = "Embassy", None
    for candidate in _POST_KINDS:
        if origin.startswith(candidate + " "):
            kind, city = candidate, origin[len(candidate) + 1 :]
            break
    if city is None:
        if not station or station in {"STATE", "SECSTATE"}:
            return None
        city = station.title()
    if kind == "USOFFICE":
        kind = "Office"
    label = f"US {kind} {city}"
    return Entity(
        key=f"post/{slug(city)}",
        type="post",
        label=label,
        alt_labels=[f"{kind} {city}", f"U.S. {kind} {city}"],
        attributes={"org_type": "us_diplomatic_post", "post_type": kind.lower(), "country": "US"},
    )
