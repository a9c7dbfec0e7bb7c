"""The diplomatic posts extractor: "Embassy Madrid", "U.S. Consulate General in Sao Paulo",
"USOFFICE ALMATY", and "the Embassy" / "Post" / "we" / "told us" meaning the sending post.
Registered as ``posts`` in :mod:`kg.extract`; runs after ``organizations`` and skips their
spans.
"""

from __future__ import annotations

import re

from kg.extract import register
from kg.extract.context import ExtractContext, SpanIndex
from kg.extract.matcher import NameMatcher, scanned_together
from kg.extract.names import CAP, starts_word
from kg.extract.text import slug
from kg.model import Cable, Entity, Event, Mention

__all__ = ["extract_posts", "post_entity"]

# Patterns open with literals (fast in ``re``); "U.S." before a post and the word start
# are checked in code.
_POST_KINDS = ["Consulate General", "Consulate", "Embassy", "USOFFICE", "Mission"]
_NAMED_POST = re.compile(
    "(" + "|".join(_POST_KINDS) + r")\s+(?:in\s+)?"
    rf"((?:{CAP})(?:\s+{CAP}){{0,2}})"
)
# A segment without one of them names no post: the one pass of kg.extract.context tells.
_POST_CUES = scanned_together(NameMatcher(_POST_KINDS))
_US_BEFORE = re.compile(r"(?:U\.?S\.?|American) $")
# "the Embassy", "Post", "we": the sending post. A name followed by a capitalised word
# names another body ("Embassy Madrid", "Post Office").
_SELF_NAMES = scanned_together(
    NameMatcher(
        [
            *("the Embassy", "the Post", "the Mission", "Embassy", "Post", "Mission"),
            # Diplomatic notes address the sending embassy by its formal name.
            *("Embassy of the United States of America", "Embassy of the United States"),
            *("the Embassy of the United States of America", "the Embassy of the United States"),
        ],
        re.compile(r"(?![\w-])(?! [A-Z])"),
    )
)
_PRONOUNS = scanned_together(NameMatcher(["we", "We", "our", "Our", "us"]))


def _self_references(context: ExtractContext, text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, words)`` of the names and pronouns meaning the sending post,
    leftmost first, not overlapping (the two lists share no first letter)."""
    found = sorted([*context.find(_SELF_NAMES, text), *context.find(_PRONOUNS, text)])
    chosen, position = [], 0
    for start, end, words in found:
        if start >= position:
            chosen.append((start, end, words))
            position = end
    return chosen


def post_entity(kind: str, city: str) -> Entity:
    """Return the entity of the US post of ``kind`` in ``city``.

    >>> post_entity("Embassy", "Madrid").key, post_entity("USOFFICE", "ALMATY").label
    ('post/madrid', 'US Office Almaty')
    """
    if kind == "USOFFICE":
        kind = "Office"
    city = city.title() if city.isupper() else city
    return Entity(
        key=f"post/{slug(city)}",
        type="post",
        label=f"US {kind} {city}",
        alt_labels=[f"{kind} {city}", f"U.S. {kind} {city}"],
        attributes={"org_type": "us_diplomatic_post", "post_type": kind.lower(), "country": "US"},
    )


def _station_name(context: ExtractContext, words: str) -> str | None:
    parts = words.split()
    for size in range(len(parts), 0, -1):
        candidate = " ".join(parts[:size])
        if "".join(candidate.upper().split()) in context.gazetteer.stations:
            return candidate
    return None


@register("posts")
def extract_posts(cable: Cable, context: ExtractContext) -> tuple[list[Mention], list[Event]]:
    """Find the US diplomatic posts a cable names, the sending post included.

    Parameters
    ----------
    cable : Cable
        The parsed cable.
    context : ExtractContext
        Its extraction context (``context.post`` is the sending post).

    Returns
    -------
    tuple
        Post mentions and no events.
    """
    mentions: list[Mention] = []
    named = SpanIndex()
    for segment in context.segments:
        text = segment.text
        for match in _NAMED_POST.finditer(text) if context.holds(_POST_CUES, text) else ():
            if not starts_word(text, match.start()):
                continue
            city = _station_name(context, match.group(2))
            us = _US_BEFORE.search(text, max(0, match.start() - 9), match.start())
            begin = us.start() if us else match.start()
            if city is None or context.covered(segment.paragraph, begin, match.end()):
                continue
            end = match.start(2) + len(city)
            entity = post_entity(match.group(1), city)
            if context.post is not None and entity.key == context.post.key:
                entity = context.post
            mentions.append(Mention(entity, text[begin:end], segment.paragraph, begin, end))
            named.add(segment.paragraph, begin, end)
        if context.post is None:
            continue
        for start, end, words in _self_references(context, text):
            if not starts_word(text, start) or text[start - 1 : start] in {"'", "’"}:
                continue
            if "United States" in words and context.post.attributes.get("post_type") != ("embassy"):
                continue
            # Not inside a name found before, nor starting inside a post named above.
            if context.covered(segment.paragraph, start, end) or named.overlaps(
                segment.paragraph, start, start + 1
            ):
                continue
            mentions.append(Mention(context.post, words, segment.paragraph, start, end))
    return mentions, []
