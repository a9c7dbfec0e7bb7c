"""The events extractor: one event per sentence that reports a meeting, training, visit,
conference, election, vote, signing, arrest, attack, protest, trial or announcement, with
its date (resolved against the cable's creation date), place, actors and programme taken
from the mentions the earlier extractors found in that sentence. Registered as ``events``;
runs last.
"""

from __future__ import annotations

import re
from datetime import date

from kg.extract import register
from kg.extract.context import ExtractContext
from kg.extract.dates import date_offset, find_date
from kg.extract.names import starts_word
from kg.extract.text import sentence_list, trie_pattern
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
    ("election", ("election", "elections", "polls")),
    (
        "vote",
        # A referendum decides a question, not who holds an office: a vote.
        ("vote", "voted", "voting", "referendum", "passed the", "passed a", "passed new")
        + ("approved the law", "approved a law", "approved the bill", "approved a bill"),
    ),
    ("signing", ("signed", "signing", "signature of", "deal with", "agreement with")),
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
        + ("briefed", "discussed", "told", "talks with", "raised", "asked")
        + ("conversation", "demarche", "demarched", "delivered", "call on"),
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
        + ("delivery", "canceled", "cancelled", "seized", "shipped", "sale of"),
    ),
)
_KINDS = [kind for kind, _ in EVENT_TRIGGERS]
_KIND_OF = {
    phrase: index for index, (_, phrases) in enumerate(EVENT_TRIGGERS) for phrase in phrases
}
_TRIGGER = re.compile("(?:" + trie_pattern(_KIND_OF) + r")\b")
_TOPICS = frozenset(_KINDS) - {"training", "conference"}
_FUTURE = re.compile(
    r"\b(?:will|plans?|planned|scheduled|upcoming|next|expected to|must|deadline)\b"
)
_STAY_KINDS = frozenset(["meeting", "other"])
_HYPOTHETICAL = re.compile(r"\b(?:could|would|might|may|should|if)\b")
_IN_PLACE = re.compile(r"\b(?:in|at|to)\s+$")


def _created(cable: Cable) -> date | None:
    try:
        return date.fromisoformat((cable.created or "")[:10])
    except ValueError:
        return None


def _sentence_mentions(
    context: ExtractContext, paragraph: int | None, start: int, end: int
) -> list[Mention]:
    return context.inside(paragraph, start, end)


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
        No mentions, and the events, merged within the cable: one per type and date, a
        dateless event folded into a dated one of the same type that shares an actor.
    """
    created = _created(cable)
    found: list[Event] = []
    for segment in context.segments:
        if segment.paragraph is None:
            continue
        triggers = _triggers(context, segment.paragraph, segment.text)
        for offset, sentence in sentence_list(segment.text):
            here = [(at - offset, k) for at, k in triggers if offset <= at < offset + len(sentence)]
            kinds = [k for _, k in here]
            begin = end = None
            written = sentence.title() if segment.upper else sentence
            if created is not None:
                # Month names in capitals ("JANUARY 23-26") are read in their usual case.
                begin, end = find_date(written, created, bool(_FUTURE.search(written)))
            inside = _sentence_mentions(context, segment.paragraph, offset, offset + len(sentence))
            if not kinds:
                # A dated occurrence of no listed type ("the January 8 earthquake"), when
                # the sentence names who or where.
                if begin is None or not inside:
                    continue
                kinds = [len(_KINDS) - 1]
            elif begin is None and _HYPOTHETICAL.search(sentence):
                continue
            kind = _KINDS[min(kinds)]
            at = date_offset(written) if begin is not None and len(here) > 1 else None
            if at is not None and kind in _TOPICS:
                # An election or a vote is often what a dated meeting talked about: the date
                # belongs to the nearest trigger ("Discussing reftel points on September 28,
                # she noted ... the referendum" is a meeting). A training or conference
                # names the whole occurrence, whatever else its sentence says.
                kind = _KINDS[min(here, key=lambda t: (abs(t[0] - at), t[1]))[1]]
            if begin is not None and end != begin and len(begin) == 10 and kind in _STAY_KINDS:
                # Days on end of meetings ("From March 30 to April 1, Pickering met with
                # ...", "An FAA team was in Argentina May 27-29") are a visit.
                kind = "visit"
            actors = list(
                dict.fromkeys(
                    m.entity.key
                    for m in inside
                    if m.entity.type in {"organization", "post", "person"}
                )
            )
            places = [m for m in inside if m.entity.type == "place"]
            located = [
                m
                for m in places
                if _IN_PLACE.search(segment.text[max(0, (m.start or 0) - 4) : m.start])
            ]
            place = (located or places)[0] if places else None
            programme = next((m.entity.key for m in inside if m.entity.type == "programme"), None)
            if begin is None and not actors:
                continue
            found.append(
                Event(
                    key="",
                    type=kind,
                    label=sentence[:160],
                    begin=begin,
                    end=end,
                    place=place.entity.key if place else None,
                    actors=actors,
                    programme=programme,
                    paragraph=segment.paragraph,
                    text=sentence,
                )
            )
    events = _merge(found)
    programmes = {m.entity.key for m in context.mentions if m.entity.type == "programme"}
    for index, event in enumerate(events):
        event.key = f"event/{cable.canonical_id}/{index + 1}"
        if event.programme is None and len(programmes) == 1 and event.type == "training":
            event.programme = next(iter(programmes))
    return [], events


def _triggers(context: ExtractContext, paragraph: int, text: str) -> list[tuple[int, int]]:
    """Return ``(offset, kind index)`` of each trigger word of a segment, leaving out the
    words inside organization and post names ("Training Center", "Election Commission")."""
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowers to two characters: keep offsets aligned
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    names = [
        (m.start, m.end)
        for m in context.by_paragraph.get(paragraph, ())
        if m.entity.type in {"organization", "post"}
    ]
    found = []
    for match in _TRIGGER.finditer(lowered):
        start = match.start()
        if not starts_word(lowered, start) or any(s <= start < e for s, e in names):  # type: ignore[operator]
            continue
        found.append((start, _KIND_OF[match.group()]))
    return found


def _merge(found: list[Event]) -> list[Event]:
    merged: list[Event] = []
    for event in found:
        target = None
        for other in merged:
            if other.type != event.type:
                continue
            same_date = event.begin is not None and (other.begin, other.end) == (
                event.begin,
                event.end,
            )
            undated_pair = (event.begin is None or other.begin is None) and set(event.actors) & set(
                other.actors
            )
            if same_date or undated_pair:
                target = other
                break
        if target is None:
            merged.append(event)
            continue
        if target.begin is None and event.begin is not None:
            target.begin, target.end, target.label = event.begin, event.end, event.label
        target.actors = list(dict.fromkeys([*target.actors, *event.actors]))
        target.place = target.place or event.place
        target.programme = target.programme or event.programme
    return merged
