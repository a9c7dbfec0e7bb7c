"""The events extractor: the meetings, trainings, visits, conferences, elections, votes,
signings, arrests, attacks, protests, trials, announcements and other occurrences a cable
reports (the guideline's types), each with its date (resolved against the cable's
creation date), place, actors and programme taken from the mentions the earlier
extractors found around it. Registered as ``events``; runs last.

Method: a sentence with several dates is cut into one clause per date ("After the July 11
defeat ..., Llewellyn-Jones said July 14 ..."), each clause an event typed by its most
telling trigger word; a year alone dates only disasters, sales and untyped occurrences;
bounds ("by January 31", "since April") date nothing; a clause's "the same day" takes the
paragraph's last day. The events of a cable that report one occurrence are then merged
(see :func:`_merge`)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date
from itertools import accumulate
from typing import NamedTuple

from kg.extract import register
from kg.extract.context import ExtractContext
from kg.extract.dates import DateHints, DateSpan, anchored_dates, find_dates, first_date_hint
from kg.extract.matcher import NameMatcher
from kg.extract.names import starts_word
from kg.extract.text import Segment, sentence_list
from kg.model import Cable, Event, Mention

__all__ = ["EVENT_TRIGGERS", "extract_events"]

# In priority order: a sentence with "trained" and "met" reports a training. Phrases of
# the lower-cased text, matched as whole words in one trie-shaped pass; "other" covers
# occurrences of no listed type (disasters, flights, deployments, sales), as the
# guideline's "other" does.
EVENT_TRIGGERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "training",
        ("trained", "training", "seminar", "seminars", "workshop", "workshops", "course")
        + ("courses", "exercise", "exercises"),
    ),
    ("conference", ("conference", "summit", "forum", "symposium", "general assembly")),
    # Not "polls": in cables they are mostly opinion polls.
    ("election", ("election", "elections")),
    (
        "vote",
        # A referendum decides a question, not who holds an office: a vote.
        ("voted", "voting", "referendum", "passed the", "passed a", "passed new")
        + ("approved the law", "approved a law", "approved the bill", "approved a bill"),
    ),
    ("signing", ("signed", "signing", "signature of")),
    ("arrest", ("arrest", "arrested", "arrests", "detained", "detention of")),
    (
        "attack",
        ("attack", "attacked", "attacks", "bombing", "bombed", "bombings", "explosion")
        + ("assassination", "assassinated", "ambush"),
    ),
    (
        "protest",
        ("protest", "protests", "protested", "protesters", "demonstration")
        + ("demonstrations", "demonstrators", "rally", "rallies"),
    ),
    (
        "trial",
        ("trial", "court hearing", "convicted", "sentenced", "indicted", "lawsuit")
        + ("injunction",),
    ),
    ("visit", ("visit", "visited", "visits", "visiting", "trip to", "traveled to", "travelled to")),
    (
        "meeting",
        ("met", "meet", "meets", "meeting", "meetings", "called on", "farewell call")
        + ("briefed", "discussed", "discussing", "discussion", "discussions", "told")
        + ("talks with", "raised", "asked", "sat down with")
        + ("conversation", "demarche", "demarched", "call on")
        # points, a demarche or a message delivered to someone; supplies delivered are "other"
        + ("delivered reftel", "delivered ref", "delivered points", "delivered the points")
        + ("delivered a message", "delivered the message", "delivered our", "delivered a demarche")
        + ("delivered the demarche",),
    ),
    (
        "announcement",
        ("announced", "announcement", "announces", "declared", "declaration")
        + ("press release", "issued a", "statement", "publicly stated", "publicly said")
        + ("imposed", "implemented", "introduced", "ordered", "instructed", "launched")
        + ("remarks", "comments", "proposed", "promised", "threatened"),
    ),
    (
        "other",
        ("earthquake", "flood", "floods", "flooding", "hurricane", "crash", "crashed")
        + ("collapse", "collapsed", "bankruptcy", "deployed", "deployment")
        + ("delivery", "delivered", "canceled", "cancelled", "seized", "shipped", "sale of")
        # a letter signed is no agreement signed
        + ("signed a letter", "signed the letter"),
    ),
)
# Words that report an occurrence only in a clause with a day or month and no other
# trigger: an agreement is a signing when the text dates it ("BP's May 2007 deal with the
# NOC"), an arrangement in force when it does not ("the Icesave agreement"); so is a vote
# ("the vote in favor of keeping Dudley" is one the reader knows); "said" of a dated occasion
# ("Llewellyn-Jones said July 14 ...") reports what a contact told the post, a meeting.
_DATED_TRIGGERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("signing", ("deal", "agreement", "accord", "memorandum of understanding", "contract")),
    ("vote", ("vote",)),
    ("meeting", ("said",)),
)
_KINDS = [kind for kind, _ in EVENT_TRIGGERS]
_KIND_OF = {
    phrase: index for index, (_, phrases) in enumerate(EVENT_TRIGGERS) for phrase in phrases
}
_WEAK_OF = {phrase: _KINDS.index(kind) for kind, phrases in _DATED_TRIGGERS for phrase in phrases}
# All trigger phrases in one automaton pass over the lower-cased text, the longest at
# each place, ending a word.
_TRIGGER = NameMatcher(_KIND_OF.keys() | _WEAK_OF.keys(), follow=re.compile(r"\b"))
_OTHER = len(_KINDS) - 1
_TOPICS = frozenset(_KINDS) - {"training", "conference"}
_FUTURE = re.compile(
    r"\b(?:will|plans?|planned|scheduled|upcoming|next|expected to|must|deadline|pending)\b"
)
_STAY_KINDS = frozenset(["meeting", "other"])
# "could", "would", "might", "may", "should", "if", "cannot": each word opens with its
# literal first letter, the word start checked after it (``re`` skips to those letters).
_HYPOTHETICAL = re.compile(
    r"(?:c(?<!\w.)(?:ould|annot)|w(?<!\w.)ould|m(?<!\w.)(?:ight|ay)|s(?<!\w.)hould"
    r"|i(?<!\w.)f)\b"
)
_MAYBE_ELECTION = re.compile(r"\b(?:an?|new|early|snap)\s+$", re.IGNORECASE)
_MAYBE_LONGEST = len("early")
_IN_PLACE = re.compile(r"\b(?:in|at|to)\s+$")
# Where a sentence holding two dated occurrences divides: the last clause break before
# the second date ("After the July 11 defeat ..., Llewellyn-Jones said July 14 ...").
_CLAUSE_BREAK = re.compile(r",\s|;\s|\s--?\s|\s\(|\sand\s|\swhile\s|\safter\s")


class _Trigger(NamedTuple):
    at: int  # offset in the segment
    kind: int  # index into _KINDS: the lower, the more telling
    dated_only: bool


def _created(cable: Cable) -> date | None:
    try:
        return date.fromisoformat((cable.created or "")[:10])
    except ValueError:
        return None


@register("events")
def extract_events(cable: Cable, context: ExtractContext) -> tuple[list[Mention], list[Event]]:
    """Find the events a cable reports; see the module docstring for the method.

    Parameters
    ----------
    cable : Cable
        The parsed cable (``created`` resolves year-less dates).
    context : ExtractContext
        Its extraction context, with the mentions of the entity extractors.

    Returns
    -------
    tuple
        No mentions, and the events, merged within the cable (see :func:`_merge`).
    """
    created = _created(cable)
    found: list[Event] = []
    for segment in context.segments:
        if segment.paragraph is None:
            continue
        triggers = _triggers(context, segment.paragraph, segment.text)
        at = [t.at for t in triggers]
        anchor = None  # the last single day the paragraph gave
        # Capitals are read sentence by sentence in their usual case, below.
        hints = None if segment.upper or created is None else DateHints(segment.text)
        for offset, sentence in sentence_list(segment.text):
            here = triggers[bisect_left(at, offset) : bisect_left(at, offset + len(sentence))]
            # Month names in capitals ("JANUARY 23-26") are read in their usual case.
            written = sentence.title() if segment.upper else sentence
            spans: list[DateSpan] = []
            hint = -1
            if created is not None:
                end = offset + len(sentence)
                hint = hints.first(offset, end) if hints else first_date_hint(written)
            if created is not None and hint >= 0:
                spans = find_dates(written, created, bool(_FUTURE.search(written)), hint)
            elif anchor is not None and here:
                spans = anchored_dates(written, anchor)
            days = [s for s in spans if s.precision == "day" and s.begin == s.end]
            anchor = days[-1].begin if days else anchor
            if not here and not spans:
                continue
            for start, stop, when in _clauses(written, spans):
                event = _clause_event(
                    context,
                    segment,
                    (offset, sentence),
                    (start, stop, when),
                    [t for t in here if offset + start <= t.at < offset + stop],
                    created,
                )
                if event is not None:
                    found.append(event)
    persons = {m.entity.key for m in context.mentions if m.entity.type == "person"}
    events = _merge(found, persons)
    programmes = {m.entity.key for m in context.mentions if m.entity.type == "programme"}
    for index, event in enumerate(events):
        event.key = f"event/{cable.canonical_id}/{index + 1}"
        if event.programme is None and len(programmes) == 1 and event.type == "training":
            event.programme = next(iter(programmes))
    return [], events


def _clauses(sentence: str, spans: list[DateSpan]) -> list[tuple[int, int, DateSpan | None]]:
    """Divide a sentence into one ``(start, stop, date)`` clause per occurrence date.

    Bounds ("by January 31", "since April") date nothing. A year alone dates a sentence with no
    closer date and never divides one. A sentence with one date or none is one clause.

    >>> from datetime import date
    >>> from kg.extract.dates import find_dates
    >>> text = "After the July 11 defeat of the draft, Jones said July 14 that it was over."
    >>> for start, stop, span in _clauses(text, find_dates(text, date(2008, 7, 15))):
    ...     print(repr(text[start:stop]), span.begin)
    'After the July 11 defeat of the draft' 2008-07-11
    ', Jones said July 14 that it was over.' 2008-07-14
    """
    usable = [s for s in spans if not s.bound]
    dated = [s for s in usable if s.precision != "year"] or usable[:1]
    if len(dated) <= 1:
        return [(0, len(sentence), dated[0] if dated else None)]
    cuts = [0]
    for before, after in zip(dated, dated[1:], strict=False):
        breaks = [m.start() for m in _CLAUSE_BREAK.finditer(sentence, before.stop, after.start)]
        cuts.append(breaks[-1] if breaks else (before.stop + after.start) // 2)
    cuts.append(len(sentence))
    return [(cuts[i], cuts[i + 1], span) for i, span in enumerate(dated)]


def _clause_event(
    context: ExtractContext,
    segment: Segment,
    sentence: tuple[int, str],
    clause: tuple[int, int, DateSpan | None],
    triggers: list[_Trigger],
    created: date | None,
) -> Event | None:
    """The event one clause of a segment's ``(offset, sentence)`` reports, or None. The
    clause's offsets are the sentence's, like its date's."""
    offset, _ = sentence
    start, stop, when = clause
    date_at = offset + when.start if when is not None else 0
    start, stop = offset + start, offset + stop
    text = segment.text[start:stop]
    if (
        when is not None
        and when.precision == "year"
        and any(t.kind != _OTHER and not t.dated_only for t in triggers)
    ):
        # A year alone is background to a meeting, a signing ... ("after an assessment in
        # 2007, told Econoff"); it dates a disaster, a sale ("since Hurricane Mitch in
        # 2000") or an occurrence no trigger names ("opened ... in 1969").
        when = None
    exact = when is not None and when.precision != "year"
    kinds = [t.kind for t in triggers if not t.dated_only]
    if not kinds and exact:
        kinds = [t.kind for t in triggers]
    if not kinds and when is None:
        return None
    inside = context.inside(segment.paragraph, start, stop)
    if not kinds:
        # A dated occurrence of no listed type ("the January 8 earthquake"), when its
        # clause names who or where. A later clause without a trigger is background to
        # the first ("An FAA team was in Argentina May 27-29, completing the evaluation
        # begun in March").
        if when is None or not inside or start > offset:
            return None
        kinds = [_OTHER]
    elif (
        _HYPOTHETICAL.search(text)
        and (when is None or (created is not None and when.begin > created.isoformat()))
        and not _scheduled_election(segment.text, triggers)
    ):
        # "could land ... on February 12": a possibility, not a scheduled occurrence.
        return None
    kind = _KINDS[min(kinds)]
    if when is not None and len(kinds) > 1 and kind in _TOPICS:
        # An election or a vote is often what a dated meeting talked about: the date
        # belongs to the nearest trigger ("Discussing reftel points on September 28,
        # she noted ... the referendum" is a meeting). A training or conference names
        # the whole occurrence, whatever else its clause says.
        nearest = min(triggers, key=lambda t: (abs(t.at - date_at), t.kind))
        kind = _KINDS[nearest.kind]
    begin, end = (when.begin, when.end) if when is not None else (None, None)
    if when is not None and when.precision == "day" and end != begin and kind in _STAY_KINDS:
        # Days on end of meetings ("From March 30 to April 1, Pickering met with ...",
        # "An FAA team was in Argentina May 27-29") are a visit.
        kind = "visit"
    actors = list(
        dict.fromkeys(
            m.entity.key for m in inside if m.entity.type in {"organization", "post", "person"}
        )
    )
    places = [m for m in inside if m.entity.type == "place"]
    if begin is None and (not actors or (kind == "attack" and not places)):
        # An attack with neither date nor place is a figure of speech ("the public
        # attacks against BP by their partners").
        return None
    located = [
        m for m in places if _IN_PLACE.search(segment.text[max(0, (m.start or 0) - 4) : m.start])
    ]
    place = (located or places)[0] if places else None
    programme = next((m.entity.key for m in inside if m.entity.type == "programme"), None)
    return Event(
        key="",
        type=kind,
        label=text.strip(" ,;")[:160],
        begin=begin,
        end=end,
        place=place.entity.key if place else None,
        actors=actors,
        programme=programme,
        paragraph=segment.paragraph,
        text=sentence[1],
    )


def _scheduled_election(text: str, triggers: list[_Trigger]) -> bool:
    """Tell whether a clause's triggers name an election held whatever may come of it
    ("would pick up more power in upcoming elections"), not one that may be called ("be
    reelected in a new election", "could call early elections")."""
    return any(_KINDS[t.kind] == "election" and not _maybe_election(text, t.at) for t in triggers)


def _maybe_election(text: str, at: int) -> bool:
    """Tell whether :data:`_MAYBE_ELECTION` matches right before ``at``.

    The match ends at ``at`` and its word where the spaces before ``at`` begin, so only
    that word is read: a search from the segment's start tries every place before it
    (``re`` has no literal to skip to in that pattern).

    >>> _maybe_election("could call early  elections", 18), _maybe_election("the elections", 4)
    (True, False)
    """
    word_end = len(text[:at].rstrip())
    return _MAYBE_ELECTION.search(text, max(0, word_end - _MAYBE_LONGEST), at) is not None


def _triggers(context: ExtractContext, paragraph: int, text: str) -> list[_Trigger]:
    """Return the trigger words of a segment, leaving out the words inside organization
    and post names ("Training Center", "Election Commission")."""
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowers to two characters: keep offsets aligned
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    names = sorted(
        (m.start, m.end)
        for m in context.by_paragraph.get(paragraph, ())
        if m.entity.type in {"organization", "post"} and m.start is not None and m.end is not None
    )
    starts = [s for s, _ in names]
    # reach[i]: the furthest end of names[:i + 1], so one bisection tells if a word is inside.
    reach = list(accumulate((e for _, e in names), max))
    found = []
    for start, _, word in _TRIGGER.finditer(lowered):
        if not starts_word(lowered, start):
            continue
        before = bisect_right(starts, start)
        if before and reach[before - 1] > start:
            continue
        # ``_make`` builds the tuple in C; calling the class runs a Python ``__new__``.
        if word in _KIND_OF:
            found.append(_Trigger._make((start, _KIND_OF[word], False)))
        else:
            found.append(_Trigger._make((start, _WEAK_OF[word], True)))
    return found


def _merge(found: list[Event], persons: set[str]) -> list[Event]:
    """Fold the events of a cable that report one occurrence into the first.

    Two events of a type are one when they have the same dates and the persons of one
    are all among the other's (a summary repeats a paragraph; two meetings on one day
    with different people stay two), when one is dated by the month of the other's day
    ("the mid-July arrest", "the July 15 arrest") and they share an actor, or when one is
    undated and they share an actor. The more precise date stays.
    """
    merged: list[Event] = []
    for event in found:
        target = next((other for other in merged if _same(event, other, persons)), None)
        if target is None:
            merged.append(event)
            continue
        if event.begin is not None and len(event.begin) > len(target.begin or ""):
            target.begin, target.end, target.label = event.begin, event.end, event.label
            target.text = event.text
        target.actors = list(dict.fromkeys([*target.actors, *event.actors]))
        target.place = target.place or event.place
        target.programme = target.programme or event.programme
    return merged


def _same(event: Event, other: Event, persons: set[str]) -> bool:
    """Tell whether two events of a cable report one occurrence (see :func:`_merge`)."""
    if other.type != event.type:
        return False
    if event.begin is not None and (other.begin, other.end) == (event.begin, event.end):
        mine, theirs = persons.intersection(event.actors), persons.intersection(other.actors)
        return mine <= theirs or theirs <= mine
    if not set(event.actors) & set(other.actors):
        return False
    if event.begin is None or other.begin is None:
        return True
    month, day = sorted((event, other), key=lambda e: len(e.begin or ""))
    return (
        month.begin == month.end
        and len(month.begin or "") == 7
        and ((day.begin or "").startswith(month.begin or "-"))
    )
