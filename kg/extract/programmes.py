"""The programmes extractor: named programmes, initiatives, projects, funds, compacts and
training series ("Merida Initiative", "State Partnership program", "anti-TIP training"),
each with the organization that runs or funds it where the sentence says so. Registered as
``programmes``; runs after organizations, so it can name the owner.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from kg.extract import register
from kg.extract.context import ExtractContext, corpus_acronyms
from kg.extract.matcher import NameMatcher, scanned_together
from kg.extract.names import LEADING_STOPWORDS, PROGRAMME_HEADS, capitalised_before, definition_list
from kg.extract.text import sentence_list, slug
from kg.model import Cable, Entity, Event, Mention

__all__ = ["extract_programmes", "programme_entity"]

_HEAD_WORDS = [
    *("Program", "Programme", "Initiative", "Project", "Fund", "Compact", "Partnership"),
    *("Campaign", "Agreement", "Treaty", "Protocol", "Convention", "Accord", "Package"),
    *("Loan", "program", "programme", "initiative", "project", "compact", "campaign"),
    *("agreement", "treaty", "loan", "package", "deal", "Memorandum of Understanding"),
    *("Code of Conduct", "Declaration of Intent", "Declaration of Principles"),
]
_HEADS = "(?:" + "|".join(_HEAD_WORDS) + ")"
# A segment without one of them has no named programme: the one pass tells.
_HEAD_CUES = scanned_together(NameMatcher(_HEAD_WORDS))
# An acronym: a programme when the cable or the corpus defines it as one ("NPT").
_ACRONYM = re.compile(r"([A-Z](?<![\w/-].)[A-Z&]*[A-Z])(?![\w/-])")
# Found from the head noun, then grown left over up to five capitalised words.
_NAMED = re.compile(rf" {_HEADS}(?: {_HEADS})*\b")
# Literal first, the word start checked after it (a leading look-behind is slow in ``re``).
_ANTI = re.compile(
    r"[Aa](?<![\w-].)nti-([A-Z]{2,}|[a-z]+)\s+(training|courses?|program|programme|campaign)\b"
)
_ANTI_UPPER = re.compile(r"A(?<![\w-].)NTI-([A-Z]{2,})\s+(TRAINING|COURSES?|PROGRAM)\b")


def programme_entity(label: str, owner: str | None = None) -> Entity:
    """Return the entity of a programme, run by the organization key ``owner``.

    >>> programme_entity("Anti-TIP training", "org/inl").attributes
    {'run_by': 'org/inl'}
    """
    return Entity(
        key=f"programme/{slug(label)}",
        type="programme",
        label=label,
        attributes={"run_by": owner} if owner else {},
    )


def _owner(context: ExtractContext, paragraph: int | None, start: int, end: int) -> str | None:
    """Return the organization mentioned last before ``start`` in the same sentence."""
    best = None
    for mention in context.inside(paragraph, start, end):
        if mention.entity.type == "organization":
            best = mention.entity.key
    return best


def _crossed(context: ExtractContext, paragraph: int | None, start: int, end: int) -> bool:
    """Tell whether a span cuts across a mention found before; a span may contain whole
    ones ("IMF loan" holds the IMF, its owner)."""
    return any(
        m.start < end and start < m.end and not (start <= m.start and m.end <= end)  # type: ignore[operator]
        for m in context.by_paragraph.get(paragraph, ())
    )


def _programme_acronym(context: ExtractContext, acronym: str) -> str | None:
    """Return the long name of an acronym the cable or the corpus defines as a programme."""
    for words in context.memo.get("programme_definitions", {}).get(acronym, ()):
        return words
    expansions = context.gazetteer.learned_acronyms.get(acronym) or {}
    found = expansions.get(context.country or "") or expansions.get("*")
    if found and found[1] == "programme":
        return found[0]
    return None


def _programme_acronyms(context: ExtractContext) -> set[str] | frozenset[str]:
    """The acronyms :func:`_programme_acronym` may expand in this cable: those it defines
    as programmes and those the corpus does somewhere (a cheap test before the lookup)."""
    learned = corpus_acronyms(context.gazetteer, "programme").names
    defined = context.memo.get("programme_definitions")
    if not defined:
        return learned
    if "programme_acronyms" not in context.memo:
        context.memo["programme_acronyms"] = learned | defined.keys()
    return context.memo["programme_acronyms"]


def _acronym_programmes(
    context: ExtractContext, text: str, offsets: list[int]
) -> dict[int, list[tuple[str, int, int]]]:
    """Sentence index → ``(long name, start, end)`` in that sentence of each acronym of
    ``text`` the cable or the corpus defines as a programme."""
    found: dict[int, list[tuple[str, int, int]]] = {}
    candidates = _programme_acronyms(context)
    for match in _ACRONYM.finditer(text):
        if match.group(1) not in candidates:
            continue
        long_name = _programme_acronym(context, match.group(1))
        if long_name:
            index = bisect_right(offsets, match.start()) - 1
            offset = offsets[index]
            found.setdefault(index, []).append(
                (long_name, match.start() - offset, match.end() - offset)
            )
    return found


@register("programmes")
def extract_programmes(cable: Cable, context: ExtractContext) -> tuple[list[Mention], list[Event]]:
    """Find the programmes a cable names, with their owners.

    Parameters
    ----------
    cable : Cable
        The parsed cable.
    context : ExtractContext
        Its extraction context (organization mentions name the owner).

    Returns
    -------
    tuple
        Programme mentions and no events.
    """
    mentions: list[Mention] = []
    owners: dict[str, str] = {}
    definitions_here: dict[str, list[str]] = {}
    for segment in context.segments:
        for acronym, words, _ in definition_list(segment.text):
            if words[-1] in PROGRAMME_HEADS:
                definitions_here.setdefault(acronym, []).append(" ".join(words))
    context.memo["programme_definitions"] = definitions_here
    for segment in context.segments:
        split = sentence_list(segment.text)
        # Acronyms never span sentences: one scan of the segment, sorted into sentences.
        # A text in capitals is all acronyms to the pattern: none are taken there; nor in
        # a text holding no acronym the corpus or the cable makes a programme of.
        acronyms = (
            _acronym_programmes(context, segment.text, [o for o, _ in split])
            if not segment.upper
            and context.may_hold_acronym(segment.text, "programme", definitions_here)
            else {}
        )
        anti = "nti-" in segment.text or "NTI-" in segment.text
        # A head noun in a sentence is one in the segment: the segment is scanned once,
        # only the sentences with one again (where the name's words are grown).
        heads = (
            [m.start() for m in _NAMED.finditer(segment.text)]
            if context.holds(_HEAD_CUES, segment.text)
            else []
        )
        for index, (offset, sentence) in enumerate(split):
            found = []
            for match in (
                (*_ANTI.finditer(sentence), *_ANTI_UPPER.finditer(sentence)) if anti else ()
            ):
                target = match.group(1)
                target = target if target.isupper() else target.lower()
                noun = (
                    "training"
                    if match.group(2).lower().startswith(("training", "course"))
                    else match.group(2).lower()
                )
                found.append((f"Anti-{target} {noun}", match.start(), match.end()))
            named = heads and bisect_left(heads, offset + len(sentence)) > bisect_left(
                heads, offset - 1
            )
            for match in _NAMED.finditer(sentence) if named else ():
                begin = capitalised_before(sentence, match.start() + 1, 5)
                words = sentence[begin : match.end()].split()
                while words and (
                    words[0] in LEADING_STOPWORDS
                    or words[0].isupper()
                    and len(words) > 2
                    and words[0] in context.acronyms
                ):
                    words.pop(0)
                if len(words) < 2:
                    continue
                start = match.end() - len(" ".join(words))
                found.append((" ".join(words), start, match.end()))
            found.extend(acronyms.get(index, ()))
            for label, start, end in found:
                span = (offset + start, offset + end)
                if _crossed(context, segment.paragraph, *span):
                    continue
                owner = _owner(context, segment.paragraph, offset, offset + end)
                entity = programme_entity(label, owner)
                written = segment.text[span[0] : span[1]]
                if written != label:
                    entity.alt_labels.append(written)
                if owner:
                    owners.setdefault(entity.key, owner)
                mentions.append(
                    Mention(entity, segment.text[span[0] : span[1]], segment.paragraph, *span)
                )
    for mention in mentions:
        owner = owners.get(mention.entity.key)
        if owner:
            mention.entity.attributes["run_by"] = owner
    return mentions, []
