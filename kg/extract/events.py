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
from kg.extract.dates import find_date
from kg.extract.text import sentences
from kg.model import Cable, Event, Mention

__all__ = ["EVENT_TRIGGERS", "extract_events"]

# In priority order: a sentence with "trained" and "met" reports a training.
EVENT_TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("training", r"\b(?:train(?:ed|ing)|seminars?|workshops?|courses?|exercises?)\b"),
        ("conference", r"\b(?:conference|summit|forum|symposium)\b"),
        ("election", r"\b(?:elections?|referendum|polls)\b"),
        ("vote", r"\b(?:vot(?:e|ed|ing)|passed (?:the|a|new)|approved (?:the|a) (?:law|bill))\b"),
        ("signing", r"\b(?:signed|signing|signature of)\b"),
        ("arrest", r"\b(?:arrest(?:ed|s)?|detained|detention of)\b"),
        ("attack", r"\b(?:attack(?:ed|s)?|bomb(?:ing|ed|ings)|explosion|assassinat\w+|ambush)\b"),
        ("protest", r"\b(?:protest(?:s|ed|ers)?|demonstrat(?:ion|ions|ors)|rall(?:y|ies))\b"),
        ("trial", r"\b(?:trial|court hearing|convicted|sentenced|indicted|lawsuit|injunction)\b"),
        ("visit", r"\b(?:visit(?:ed|s|ing)?|trip to|travell?ed to)\b"),
        ("meeting", r"\b(?:met|meet(?:s|ing|ings)?|called on|briefed|discussed with|told)\b"),
        (
            "announcement",
            r"\b(?:announc(?:ed|ement|es)|declar(?:ed|ation)|press release|"
            r"issued a (?:\"?thank you\"? )?release|statement)\b",
        ),
    )
)
_FUTURE = re.compile(r"\b(?:will|plans?|planned|scheduled|upcoming|next|expected to)\b")
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
        for offset, sentence in sentences(segment.text):
            masked = _mask_names(context, segment.paragraph, offset, sentence)
            kind = next((k for k, p in EVENT_TRIGGERS if p.search(masked)), None)
            if kind is None:
                continue
            begin = end = None
            if created is not None:
                begin, end = find_date(sentence, created, bool(_FUTURE.search(sentence)))
            inside = _sentence_mentions(context, segment.paragraph, offset, offset + len(sentence))
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


def _mask_names(context: ExtractContext, paragraph: int | None, offset: int, text: str) -> str:
    """Blank out organization and post names so words inside them trigger no event."""
    chars = list(text)
    for m in _sentence_mentions(context, paragraph, offset, offset + len(text)):
        if m.entity.type in {"organization", "post"} and m.end is not None:
            for i in range(m.start - offset, min(m.end - offset, len(chars))):  # type: ignore[operator]
                chars[i] = " "
    return "".join(chars)


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
