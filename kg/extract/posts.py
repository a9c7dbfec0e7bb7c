"""The diplomatic posts extractor: "Embassy Madrid", "U.S. Consulate General in Sao Paulo",
"USOFFICE ALMATY", and "the Embassy" / "Post" / "we" / "told us" meaning the sending post.
Registered as ``posts`` in :mod:`kg.extract`; runs after ``organizations`` and skips their
spans.
"""

from __future__ import annotations

import re

from kg.extract import register
from kg.extract.context import ExtractContext
from kg.extract.names import CAP, starts_word
from kg.extract.text import slug, trie_pattern
from kg.model import Cable, Entity, Event, Mention

__all__ = ["extract_posts", "post_entity"]

# Patterns open with literals (fast in ``re``); "U.S." before a post and the word start
# are checked in code.
_NAMED_POST = re.compile(
    rf"(Consulate General|Consulate|Embassy|USOFFICE|Mission)\s+(?:in\s+)?"
    rf"((?:{CAP})(?:\s+{CAP}){{0,2}})"
)
_US_BEFORE = re.compile(r"(?:U\.?S\.?|American) $")
_SELF = re.compile(
    "(?:"
    + trie_pattern(
        [
            *("the Embassy", "the Post", "the Mission", "Embassy", "Post", "Mission"),
            # Diplomatic notes address the sending embassy by its formal name.
            *("Embassy of the United States of America", "Embassy of the United States"),
            *("the Embassy of the United States of America", "the Embassy of the United States"),
        ]
    )
    + r")(?![\w-])(?! [A-Z])|(?:"
    + trie_pattern(["we", "We", "our", "Our", "us"])
    + r")(?![\w-])"
)


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
    for segment in context.segments:
        text = segment.text
        for match in _NAMED_POST.finditer(text):
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
        if context.post is None:
            continue
        for match in _SELF.finditer(text):
            if not starts_word(text, match.start()) or text[match.start() - 1 : match.start()] in {
                "'",
                "’",
            }:
                continue
            if "United States" in match.group() and context.post.attributes.get("post_type") != (
                "embassy"
            ):
                continue
            if context.covered(segment.paragraph, match.start(), match.end()) or any(
                m.start is not None and m.start <= match.start() < (m.end or 0)
                for m in mentions
                if m.paragraph == segment.paragraph
            ):
                continue
            mentions.append(
                Mention(context.post, match.group(), segment.paragraph, match.start(), match.end())
            )
    return mentions, []
