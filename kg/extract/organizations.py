"""The organizations extractor: gazetteer names, acronyms defined in the text, named
patterns ("Ministry of X", "X Institute"), national bodies ("Dutch MFA", "the Government
of Iceland", "GOB") and within-cable references ("the Ministry"). Registered as
``organizations`` in :mod:`kg.extract`; runs first, so later extractors skip its spans.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

from kg.extract import register
from kg.extract.context import ExtractContext
from kg.extract.gazetteer import Gazetteer, org_names_in_capitals, upper_names
from kg.extract.matcher import WORD_END, NameMatcher, scanned_together
from kg.extract.names import (
    CAP,
    LEADING_STOPWORDS,
    ORG_HEADS,
    ORG_JOINS,
    capitalised_before,
    company_names,
    definition_list,
    org_type_of,
    starts_word,
    trim_name,
)
from kg.extract.text import Segment, slug, trie_pattern
from kg.model import Cable, Entity, Event, Mention

__all__ = ["extract_organizations", "government_entity"]

# A trie: ``re`` tests each place against a few letters, not each head noun.
_HEAD = "(?:" + trie_pattern(ORG_HEADS) + ")"
_TAIL_WORD = rf"(?:{CAP}|(?:and|of|for|the|de|on|&)(?=\s+(?:the\s+)?[A-Z]))"
# "Karaganda Legal Institute", "Department of Internal Affairs of Western Kazakhstan oblast"
# Found from the head noun (a literal scan, fast), then grown left over up to five
# capitalised words and right over an "of X" tail.
_NAMED_HEAD = re.compile(rf"{_HEAD}(?:\s+{_HEAD})*\b")
_NAMED_TAIL = re.compile(
    rf"\s+(?:of|for|on)\s+(?:the\s+)?{CAP}(?:\s+{_TAIL_WORD})*"
    rf"(?:\s+(?:oblast|province|region|state))?"
)
_QUOTED_BODY = re.compile(
    r'"([A-Z][\w\'-]+(?:\s+[A-Z][\w\'-]+){0,3})"((?:\s+[\w-]+){0,4}?\s+'
    r"(?:center|centre|institute|foundation|association|organization|party|movement|"
    r"company|group|network|shelter|union|council|committee))\b"
)
# Patterns open with a literal or a character class and check the word start after it
# (a leading look-behind makes ``re`` try every position: several times slower).
_ACRONYM = re.compile(r"([A-Z](?<![\w/-].)[A-Z&]*[A-Z](?:-[A-Z]+)?)(?![\w/-])")
_GOVERNMENT_ACRONYM = re.compile(r"G(?<![\w/-].)O([A-Z]{1,3})(?![\w/-])")
_BACK_HEADS = [
    *("Ministry", "Committee", "Council", "Commission", "Chamber", "Central Bank"),
    *("Parliament", "Court", "Department", "Institute", "Agency", "Bank", "Party"),
    *("Government", "Foundation", "Office", "Bureau"),
]
_BACK_REFERENCE = re.compile(
    r"[Tt](?<![\w-].)he\s+(" + "|".join(_BACK_HEADS) + r")(?!\s+(?:of|for|on)\b)(?![\w-])"
)
# "Post appreciates Department efforts", "the scope of Department's review": in a US
# cable, "Department" after a lower-case word and before no "of" is the State Department.
_BARE_DEPARTMENT = re.compile(r"Department(?:['’]s)?(?!\s+(?:of|for|on)\b)(?![\w-])")
_LOWER_WORD_BEFORE = re.compile(r"[a-z,] \Z")
_OWN_POST_NAMES = frozenset(
    f"{us} {kind}" for us in ("U.S.", "US", "American") for kind in ("Mission", "Embassy")
)
_NATIONAL_NOUNS = {
    "government": "government",
    "Government": "government",
    "administration": "government",
    "authorities": "government",
    "MFA": "Ministry of Foreign Affairs",
    "Foreign Ministry": "Ministry of Foreign Affairs",
    "Ministry of Foreign Affairs": "Ministry of Foreign Affairs",
    "Foreign Office": "Ministry of Foreign Affairs",
    "parliament": "Parliament",
    "Parliament": "Parliament",
    "embassy": "Embassy",
    "Embassy": "Embassy",
    "navy": "Navy",
    "Navy": "Navy",
    "army": "Army",
    "Army": "Army",
    "military": "Armed Forces",
    "armed forces": "Armed Forces",
    "police": "Police",
    "Supreme Court": "Supreme Court",
    "Air Force": "Air Force",
    "air force": "Air Force",
    "Central Bank": "Central Bank",
    "press office": "press office",
    "Ministry of Defense": "Ministry of Defense",
    "Defense Ministry": "Ministry of Defense",
}
_NATIONAL_NOUN = "(?:" + "|".join(sorted(_NATIONAL_NOUNS, key=len, reverse=True)) + ")"
# The words those patterns need: a segment without one is not scanned for them (the one
# pass of kg.extract.context tells).
_NATIONAL_CUES = scanned_together(NameMatcher(_NATIONAL_NOUNS))
_HEAD_CUES = scanned_together(NameMatcher(ORG_HEADS))
_BACK_CUES = scanned_together(NameMatcher(_BACK_HEADS))
# Bodies a cable names without their country: the country of the post that sends it.
_BARE_NATIONAL = scanned_together(
    NameMatcher(
        ["MFA", "Foreign Ministry", "Ministry of Foreign Affairs", "Supreme Court", "Central Bank"]
        + ["Parliament", "parliament", "Navy", "Air Force", "Armed Forces"]
    )
)


# Literal first, the word start checked after it (a leading "\b" makes re try every position).
_GOVERNMENT_OF = re.compile(r"Government of ((?:the\s+)?)")


def _governments_of(gazetteer: Gazetteer, text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, country name)`` of each "Government of (the) Iceland"."""
    countries = gazetteer.country_matcher
    if countries is None:
        return
    for match in _GOVERNMENT_OF.finditer(text):
        if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] == "_"):
            continue
        # After "the " first; a country whose name opens with "the" without it.
        for begin in dict.fromkeys((match.end(), match.start(1))):
            end = countries.match_at(text, begin, WORD_END)
            if end is not None:
                yield match.start(), end, text[begin:end]
                break


# "Dutch MFA", "Iceland's parliament": found from the noun (a literal scan, fast), the
# nation looked up in the words before it.
_NATIONAL_NOUN_AT = re.compile(rf" ({_NATIONAL_NOUN})(?:s(?![\w-]))?(?![\w-])")


def _nation_before(
    gazetteer: Gazetteer, text: str, end: int, demonym_only: bool = False
) -> tuple[int, str] | None:
    """Return ``(start, country code)`` of the demonym or country name (up to three words,
    the longest) that ends at ``end``, a possessive "'s" allowed."""
    words = text[max(0, end - 40) : end].split(" ")
    found = None
    for size in range(1, min(3, len(words)) + 1):
        phrase = " ".join(words[-size:])
        start = end - len(phrase)
        name = phrase[:-2] if phrase.endswith(("'s", "’s")) else phrase
        code = gazetteer.demonyms.get(name)
        if code is None and not demonym_only:
            code = gazetteer.country_names.get(name)
        if code is not None and starts_word(text, start):
            found = (start, code)
    return found


def government_entity(gazetteer: Gazetteer, code: str) -> Entity:
    """Return the entity of the government of country ``code``.

    >>> from kg.extract.gazetteer import load_gazetteer
    >>> government_entity(load_gazetteer(), "IS").label
    'Government of Iceland'
    """
    name = gazetteer.country_label(code) or code
    return Entity(
        key=f"org/gov-{code.lower()}",
        type="organization",
        label=f"Government of {name}",
        attributes={
            "org_type": "foreign_government" if code != "US" else "us_government",
            "country": code,
        },
    )


def _national_entity(gazetteer: Gazetteer, code: str, noun: str) -> Entity:
    canonical = _NATIONAL_NOUNS.get(noun, noun)
    country = gazetteer.countries.get(code)
    demonyms = country.demonyms if country else ()
    if canonical == "government":
        entity = government_entity(gazetteer, code)
        entity.alt_labels.extend(f"{d} government" for d in demonyms)
        return entity
    legislature = gazetteer.legislatures.get(code)
    if canonical == "Parliament" and legislature:
        entity = _gazetteer_entity(gazetteer, legislature)
    else:
        name = gazetteer.country_label(code) or code
        entity = Entity(
            key=f"org/{code.lower()}-{slug(canonical)}",
            type="organization",
            label=f"{name} {canonical}",
            attributes={
                "org_type": "military"
                if canonical in {"Navy", "Army", "Armed Forces", "Air Force"}
                else "foreign_government",
                "country": code,
                "parent": f"org/gov-{code.lower()}",
            },
        )
    # "Dutch parliament", "Icelandic Central Bank": the names cables give them.
    entity.alt_labels.extend(f"{d} {canonical}" for d in demonyms)
    return entity


def _gazetteer_entity(gazetteer: Gazetteer, key: str) -> Entity:
    entry = gazetteer.orgs[key]
    post = entry.type == "us_diplomatic_post"
    return Entity(
        key=f"org/{key}",
        type="post" if post else "organization",
        label=entry.name,
        alt_labels=[*entry.acronyms, *entry.aliases],
        attributes={
            "org_type": entry.type,
            "country": entry.country,
            "parent": f"org/{entry.parent}" if entry.parent else None,
            "gazetteer": True,
        },
    )


def _learn_definitions(context: ExtractContext) -> dict[str, Entity]:
    """Return acronym → entity for every "Long Name (ABC)" of the cable."""
    gazetteer = context.gazetteer
    learned: dict[str, Entity] = {}
    for segment in context.segments:
        for acronym, candidate, _ in definition_list(segment.text):
            long_name = " ".join(candidate)
            key = gazetteer.org_names.get(long_name) or gazetteer.org_names.get(acronym)
            if key:
                learned[acronym] = _gazetteer_entity(gazetteer, key)
            elif set(candidate) & set(ORG_HEADS) or acronym in gazetteer.acronyms:
                learned[acronym] = _pattern_entity(context, candidate)
    return learned


def _pattern_entity(context: ExtractContext, words: list[str]) -> Entity:
    gazetteer = context.gazetteer
    name = " ".join(words)
    key = gazetteer.org_names.get(name)
    if key:
        return _gazetteer_entity(gazetteer, key)
    if context.post is not None and name in _OWN_POST_NAMES:
        return context.post  # "the U.S. Mission" with no city is the post that writes
    country = context.country
    for word in words:
        code = gazetteer.demonyms.get(word) or gazetteer.country_names.get(word)
        if code:
            country = code
            break
    org_type = org_type_of(words)
    scope = f"{country.lower()}-" if country and org_type == "foreign_government" else ""
    core = _without_country(gazetteer, words) if scope else words
    return Entity(
        key=f"org/{scope}{slug(' '.join(core))}",
        type="organization",
        label=name,
        attributes={"org_type": org_type, "country": country},
    )


def _without_country(gazetteer: Gazetteer, words: list[str]) -> list[str]:
    """The words of a national body's name without its country, which the key scopes:
    "Icelandic Ministry for Foreign Affairs" and "Ministry for Foreign Affairs of Iceland"
    are one ministry."""
    core = list(words)
    if len(core) > 2 and (core[0] in gazetteer.demonyms or core[0] in gazetteer.country_names):
        core = core[1:]
    for size in (3, 2, 1):
        tail = " ".join(core[-size:])
        if len(core) > size + 2 and core[-size - 1] == "of" and tail in gazetteer.country_names:
            core = core[: -size - 1]
            break
    return core


def _government_code(context: ExtractContext, suffix: str) -> str | None:
    fitting = _countries_fitting(context.gazetteer, suffix)
    if context.country in fitting:
        return context.country
    if not fitting:
        return None
    mentioned = [code for code in _countries_named(context) if code in fitting]
    return mentioned[0] if len(mentioned) == 1 else None


def _countries_fitting(gazetteer: Gazetteer, suffix: str) -> frozenset[str]:
    """The codes of the countries a "GO" + ``suffix`` acronym can stand for: a name's
    initials, its first letter or the name itself (computed once per suffix)."""
    cache = gazetteer.extra.setdefault("government_suffixes", {})
    fitting = cache.get(suffix)
    if fitting is None:
        fitting = frozenset(
            country.code
            for country in gazetteer.countries.values()
            if any(
                "".join(w[0] for w in n.split() if w[0].isupper()) == suffix
                or (len(suffix) == 1 and n.startswith(suffix))
                or n == suffix
                for n in (country.name, *country.aliases)
            )
        )
        cache[suffix] = fitting
    return fitting


def _countries_named(context: ExtractContext) -> list[str]:
    """Return the codes of the countries the cable names, in order (computed once)."""
    if "countries_named" not in context.memo:
        matcher = context.gazetteer.country_matcher
        codes = context.gazetteer.country_names
        found = (
            name
            for s in context.segments
            for _, _, name in (matcher.finditer(s.text) if matcher is not None else ())
        )
        context.memo["countries_named"] = list(dict.fromkeys(codes[name] for name in found))
    return context.memo["countries_named"]


@register("organizations")
def extract_organizations(
    cable: Cable, context: ExtractContext
) -> tuple[list[Mention], list[Event]]:
    """Find the organizations a cable names; see the module docstring for the methods.

    Parameters
    ----------
    cable : Cable
        The parsed cable.
    context : ExtractContext
        Its extraction context; ``context.acronyms`` is filled with the definitions found.

    Returns
    -------
    tuple
        The organization mentions (gazetteer diplomatic posts as ``post`` entities) and no
        events.
    """
    gazetteer = context.gazetteer
    learned = _learn_definitions(context)
    context.acronyms.update({a: e.key for a, e in learned.items()})
    mentions: list[Mention] = []
    cable_companies = _cable_companies(context)
    for segment in context.segments:
        taken: list[tuple[int, int]] = []

        def add(
            entity: Entity,
            start: int,
            end: int,
            seg: Segment = segment,
            taken: list = taken,
            longest: bool = False,
        ) -> None:
            overlaps = [(s, e) for s, e in taken if s < end and start < e]
            # A named body is kept beside the shorter names inside it: "UN Affairs
            # Division" names the division and the UN.
            if overlaps and not (
                longest
                and all(start <= s and e <= end and (s, e) != (start, end) for s, e in overlaps)
            ):
                return
            taken.append((start, end))
            mentions.append(Mention(entity, seg.text[start:end], seg.paragraph, start, end))

        text = segment.text
        for start, end, name in _governments_of(gazetteer, text):
            add(government_entity(gazetteer, gazetteer.country_names[name]), start, end)
        national = context.holds(_NATIONAL_CUES, text)
        for match in _NATIONAL_NOUN_AT.finditer(text) if national else ():
            # "the British and Dutch governments": one body of each country.
            noun = match.group(1)
            nation = _nation_before(gazetteer, text, match.start())
            if nation is None:
                continue
            add(_national_entity(gazetteer, nation[1], noun), nation[0], match.end(1))
            if text.endswith(" and ", 0, nation[0]):
                other = _nation_before(gazetteer, text, nation[0] - 5, demonym_only=True)
                if other is not None:
                    add(_national_entity(gazetteer, other[1], noun), other[0], nation[0] - 5)
        for start, end, name in context.find(gazetteer.org_matcher, text):
            if not (starts_word(text, start) and text[start - 1 : start] != "/"):
                continue
            if segment.upper and name.lower() in gazetteer.common_words:
                continue  # "AID", "ICE" in a text in capitals are words, not acronyms
            key = gazetteer.org_names[name]
            if name in learned and learned[name].key != f"org/{key}":
                add(learned[name], start, end)
            else:
                add(_gazetteer_entity(gazetteer, key), start, end)
        if not segment.upper and context.may_hold_acronym(text, "organization", learned):
            for match in _ACRONYM.finditer(text):
                acronym = match.group(1)
                expansion = learned.get(acronym) or _corpus_acronym(context, acronym)
                if expansion is not None:
                    add(expansion, match.start(), match.end())
        for match in _GOVERNMENT_ACRONYM.finditer(text):
            found = _government_code(context, match.group(1))
            if found:
                add(government_entity(gazetteer, found), match.start(), match.end())
        if segment.upper:
            # Capitals: the gazetteer's names of several words, matched as capitals.
            matcher, names = upper_names(
                gazetteer, "orgs", lambda: org_names_in_capitals(gazetteer)
            )
            for start, end, name in matcher.finditer(text):
                if starts_word(text, start):
                    key = gazetteer.org_names[names[name]]
                    add(_gazetteer_entity(gazetteer, key), start, end)
            continue
        last_end = 0
        named = context.holds(_HEAD_CUES, text)
        for head_match in _NAMED_HEAD.finditer(text) if named else ():
            if head_match.start() < last_end or not starts_word(text, head_match.start()):
                continue
            begin = _join_start(text, capitalised_before(text, head_match.start(), 5, ORG_JOINS))
            while begin < last_end:  # not back into the name before
                begin = text.find(" ", begin) + 1
            tail = _NAMED_TAIL.match(text, head_match.end())
            finish = tail.end() if tail else head_match.end()
            words = _cut_tail(context, text[begin:finish].split())
            trimmed = trim_name(words)
            if not trimmed or (len(trimmed) == 1 and not tail):
                continue
            end = begin + len(" ".join(words))
            start = end - len(" ".join(trimmed))
            if trimmed[-1] in ORG_HEADS and len(trimmed) == 1:
                continue
            last_end = end
            add(_pattern_entity(context, trimmed), start, end, longest=True)
        for companies in (gazetteer.company_matcher, cable_companies):
            for start, end, name in context.find(companies, text) if companies else ():
                if starts_word(text, start):
                    add(_company_entity(name), start, end)
        for match in _QUOTED_BODY.finditer(text):
            words = [match.group(1), *match.group(2).split()]
            entity = _pattern_entity(context, words)
            entity.alt_labels.append(match.group(1))
            entity.attributes["org_type"] = org_type_of([w.title() for w in words])
            add(entity, match.start(), match.end())
        if context.country:
            for start, end, name in context.find(_BARE_NATIONAL, text):
                if starts_word(text, start):
                    add(_national_entity(gazetteer, context.country, name), start, end)
        referred = context.holds(_BACK_CUES, text)
        for match in _BACK_REFERENCE.finditer(text) if referred else ():
            head = match.group(1)
            referent = _referent(context, mentions, head)
            if referent is not None:
                add(referent, match.start(1), match.end())
        for match in _BARE_DEPARTMENT.finditer(text):
            before = text[max(0, match.start() - 4) : match.start()]
            if _LOWER_WORD_BEFORE.search(before) and not before.endswith(("the ", "The ")):
                add(_gazetteer_entity(gazetteer, "dos"), match.start(), match.start() + 10)
    _join_short_forms(mentions)
    return mentions, []


def _company_entity(name: str) -> Entity:
    return Entity(
        key=f"org/{slug(name)}",
        type="organization",
        label=name,
        attributes={"org_type": "company"},
    )


def _cable_companies(context: ExtractContext) -> NameMatcher | None:
    """Return the matcher of the companies this cable introduces (the corpus's are in the
    gazetteer): a name the cable calls a company ("the Biwater company", "firm AECOM") is
    a company wherever else the cable names it."""
    gazetteer = context.gazetteer
    known = gazetteer.extra.get("nation_names")
    if known is None:
        known = gazetteer.extra["nation_names"] = frozenset(
            gazetteer.country_names.keys() | gazetteer.demonyms.keys()
        )
    names = set()
    for segment in context.segments:
        if segment.upper:
            continue
        for name in company_names(segment.text, context.hits(segment.text)):
            words = trim_name(name.split())
            joined = " ".join(words)
            fresh = joined not in context.gazetteer.companies
            if words and fresh and not set(words) & known and "XX" not in name:
                names.add(joined)
    if not names:
        return None
    return NameMatcher(names)


def _corpus_acronym(context: ExtractContext, acronym: str) -> Entity | None:
    """Return the organization an acronym the cable does not define stands for in the
    corpus: the expansion used at the cable's post's country, else the corpus-wide one."""
    expansions = context.gazetteer.learned_acronyms.get(acronym)
    if not expansions:
        return None
    found = expansions.get(context.country or "") or expansions.get("*")
    if found is None or found[1] != "organization":
        return None
    entity = _pattern_entity(context, found[0].split())
    entity.alt_labels.append(acronym)
    return entity


def _join_start(text: str, begin: int) -> int:
    """Undo an "and" join that reads as a list, not one name: "Econoffs and Foreign
    Commercial Service" (more than one word after "and", or a jargon/compound before)."""
    # Eight words at most (and the rest unsplit): "and" counts among the first six, and a
    # head noun further than two words after it decides as none at all would.
    words = text[begin:].split(" ", 8)
    if "and" not in words[:6] and "&" not in words[:6]:
        return begin
    index = words.index("and") if "and" in words[:6] else words.index("&")
    before = words[index - 1] if index else ""
    head = next((i for i, w in enumerate(words) if w in ORG_HEADS), len(words))
    if head - index > 2 or "-" in before or before in _LIST_WORDS:
        return begin + len(" ".join(words[: index + 1])) + 1
    return begin


# Plural roles that open a list of actors, never a name: "Econoffs and ...".
_LIST_WORDS = frozenset(["Econoffs", "Poloffs", "Emboffs", "Officials", "Representatives"])


def _cut_tail(context: ExtractContext, words: list[str]) -> list[str]:
    """Cut a name where a title, a person's name or "End" starts after its head noun.

    "Council for the Family President Cardinal Alfonso Lopez Trujillo" → "Council for
    the Family".
    """
    heads = [i for i, w in enumerate(words) if w in ORG_HEADS]
    if not heads:
        return words
    given = context.gazetteer.given_names
    surnames = context.gazetteer.surnames
    for index in range(heads[0] + 1, len(words)):
        word = words[index]
        # "Ministry of Internal Affairs and the Committee of ...": a second body begins.
        second = word in ORG_HEADS and words[index - 1] in {"and", "the", "&"}
        if (
            second
            or word in _TAIL_STOPS
            or word in LEADING_STOPWORDS
            or word in given
            or word in surnames
        ):
            kept = words[:index]
            # "... Foreign Affairs Political Director": the title's modifier goes with it.
            if len(kept) > heads[0] + 1 and kept[-1] in _TITLE_MODIFIERS:
                kept.pop()
            while kept and kept[-1] in {"and", "of", "for", "the", "on", "&", "de"}:
                kept.pop()
            return kept
    return words


_TAIL_STOPS = frozenset(
    ["End", "Summary", "Comment", "Note", *calendar.month_name[1:], *calendar.day_name]
)
_TITLE_MODIFIERS = frozenset(
    ["Political", "Economic", "Press", "Legal", "Consular", "Commercial", "Executive"]
    + ["Managing", "Regional", "Senior", "Acting"]
)


def _join_short_forms(mentions: list[Mention]) -> None:
    """Point a name that ends a longer name of the cable at it ("Legal Institute")."""
    labels = {
        m.entity.label: m.entity for m in mentions if not m.entity.attributes.get("gazetteer")
    }
    for mention in mentions:
        label = mention.entity.label
        if mention.entity.attributes.get("gazetteer") or len(label.split()) < 2:
            continue
        longer = [e for text, e in labels.items() if text.endswith(" " + label)]
        if len(longer) == 1:
            mention.entity = longer[0]


def _referent(context: ExtractContext, mentions: list[Mention], head: str) -> Entity | None:
    if head == "Government" and context.country:
        return government_entity(context.gazetteer, context.country)
    for mention in reversed(mentions):
        if head in mention.entity.label.split() or head == mention.entity.label:
            return mention.entity
    if head == "Department":
        return _gazetteer_entity(context.gazetteer, "dos")
    return None
