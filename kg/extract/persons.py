"""The persons extractor: names with titles ("Minister of Public Security Fernando
Berrocal", "Ambassador Sobel"), appositions ("Laurent Stokvis, Director of ..."), later
surname-only mentions, the signer (full name from the Classified By line or the cablemap
signer facts) and the addressees of the "STATE FOR ..." lines. Registered as ``persons``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract import register
from kg.extract.context import ExtractContext, SpanIndex, place_matches
from kg.extract.matcher import NameMatcher, scanned_together
from kg.extract.names import LEADING_STOPWORDS, ORG_HEADS, PROGRAMME_HEADS, starts_word
from kg.extract.text import Segment, slug, trie_pattern
from kg.model import Cable, Entity, Event, Mention

__all__ = ["NOT_NAME", "extract_persons", "is_title", "person_entity", "titled_names"]

_TITLES = sorted(
    """Deputy Prime Minister|Prime Minister|Vice President|President|Deputy Foreign Minister|
    Foreign Minister|Vice Minister|Deputy Minister|Minister|Ambassador|Charge d'Affaires|
    Charge|CDA|DCM|Under Secretary|Deputy Assistant Secretary|Assistant Secretary|
    Deputy Secretary|Secretary General|Secretary|Senator|Congressman|Congresswoman|
    Governor|Mayor|General|Gen\\.|Colonel|Col\\.|Lt\\. Col\\.|Admiral|Adm\\.|Major|Captain|
    Director General|Deputy Director|Director|Chairman|Chairwoman|Chief|Commander|
    Cardinal|Pope|Monsignor|Archbishop|Bishop|King|Queen|Crown Prince|Prince|Sheikh|Emir|
    Sultan|Mr\\.|Ms\\.|Mrs\\.|Dr\\.|Mr|Ms|Mrs|Dr|Judge|Prosecutor|Attorney General|Speaker|
    MP|Pandit|Maulana|legislator|Commissioner|Spokesman|Advisor|Adviser|Consul General|
    Consul|FM|PM|Mullah|Imam|Ayatollah|Professor|Prof\\.|Rabbi|Lord|Sir|Chancellor|Premier|
    Vice Premier|Lieutenant|CEO|Chairperson|Justice|Coordinator|Representative|Delegate""".replace(
        "\n", ""
    )
    .replace(" |", "|")
    .replace("|    ", "|")
    .split("|"),
    key=len,
    reverse=True,
)
# Factored as a trie: ``re`` tests each place against a few letters, not each title (the
# longest title first at one place, as in the sorted alternation).
_TITLE_WORDS = [t.strip().replace("\\.", ".") for t in _TITLES if t.strip()]
_TITLE = "(?:" + trie_pattern(_TITLE_WORDS) + ")"
# A segment without a title has no titled name, nor one in apposition ("head", "chief"
# too): the one pass of kg.extract.context tells.
_TITLE_CUES = scanned_together(NameMatcher(_TITLE_WORDS))
# A possessive "'s" is not part of the name: "Rice's" is Rice.
_TITLE_ONLY = re.compile(_TITLE)


def is_title(word: str) -> bool:
    """Tell whether ``word`` is a title or its abbreviation ("Minister", "CDA", "PM").

    >>> is_title("CDA"), is_title("PM"), is_title("UNSC")
    (True, True, False)
    """
    return _TITLE_ONLY.fullmatch(word) is not None


_NAME_TOKEN = (
    r"(?:[A-Z][a-z]*[A-Z][a-z]+|[A-Z][a-z]+(?:[-'’](?!s\b)[A-Za-z]+)*|[A-Z]\.|"
    r"(?:al|el|ul|ur|ad|as|ash|bin|ibn)-[A-Z][a-z]+|[IVX]{2,5}\b)"
)
_PARTICLE = r"(?:de|da|do|dos|del|della|van|von|der|ul|bin|ibn|el|al|la|le)"
_NAME_RUN = rf"{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_TOKEN}){{0,5}}"
# Patterns open with the title or cue (literals: fast) and check the word start in code.
_TITLED = re.compile(
    rf"({_TITLE})"
    rf"((?:\s+(?:of|for|to)\s+(?:the\s+)?{_NAME_TOKEN}(?:\s+(?:and\s+)?{_NAME_TOKEN})*)?)"
    rf"\s+({_NAME_RUN})"
)
# A run of capitalised words opened by a known given name ("Sonia Gandhi"): the given
# names' trie is compiled with the gazetteer (see _bare_pattern).
_BARE_TAIL = rf"(?:\s+(?:{_PARTICLE}\s+)?{_NAME_TOKEN}){{1,3}}"
# "Laurent Stokvis, Director of ...": found from the comma and the title, the name before.
_APPOSITION = re.compile(
    r",\s+(?:the\s+|an?\s+)?(?:former\s+|outgoing\s+|new\s+|acting\s+)?"
    rf"(?:{_TITLE}|head|chief)\b"
)
_NEXT_CAPITAL = re.compile(r" [A-Z]")
# A capitalised word, as surnames are written: "Berrocal", "McKay", "Llewellyn-Jones".
_CAPITALISED = re.compile(r"[A-Z](?:[\w-]|['’](?!s\b))*\w")
_NAME_BEFORE = re.compile(
    rf"(?<![\w.-]){_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_TOKEN}){{1,3}}$"
)


# After a known given name: the rest of the name, up to the word's end.
_BARE_REST = re.compile(rf"{_BARE_TAIL}(?!\w)")


def _bare_names(context: ExtractContext, text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each run of capitalised words opened by a known given
    name, leftmost first and not overlapping (the longest given name that a tail follows)."""
    matcher = context.gazetteer.given_matcher
    if matcher is None:
        return
    starts = context.find_starts(matcher, text)
    position = 0
    for start in sorted(starts):
        if start < position:
            continue
        for end in starts[start]:
            rest = _BARE_REST.match(text, end)
            if rest is not None:
                position = rest.end()
                yield start, position
                break


_UPPER_TITLES = [t.upper() for t in _TITLES if t.strip() and "." not in t and len(t) > 3]
_UPPER_TITLED = re.compile(
    "(" + "|".join(_UPPER_TITLES) + r") ([A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+){0,2})"
)
_UPPER_TITLE_CUES = scanned_together(NameMatcher(_UPPER_TITLES))


def _upper_candidates(context: ExtractContext, text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, title)`` of the titled names of a text in capitals
    ("INTERIOR MINISTER BARRIONUEVO"): the name stops at a common word or a known name."""
    gazetteer = context.gazetteer
    for match in _UPPER_TITLED.finditer(text) if context.holds(_UPPER_TITLE_CUES, text) else ():
        if not starts_word(text, match.start()):
            continue
        start = match.start(2)
        end = start
        for word in match.group(2).split(" "):
            lowered = word.lower()
            if (
                lowered in gazetteer.common_words
                or word.title() in gazetteer.country_names
                or word.title() in gazetteer.demonyms
                or word in gazetteer.org_names
                or is_title(word.title())
            ):
                break
            end += len(word) + (1 if end > start else 0)
        if end > start:
            yield start, end, match.group(1).title()


def _given_before(context: ExtractContext, text: str, start: int) -> int:
    """Return where a known surname's name starts: at the capitalised word before it when
    that word can be a given name ("Diane Watson"), else at the surname."""
    gazetteer = context.gazetteer
    begin = text.rfind(" ", 0, max(0, start - 1)) + 1
    word = text[begin : start - 1]
    if (
        start > 1
        and text[start - 1] == " "
        and _GIVEN_WORD.fullmatch(word)
        and word.lower() not in gazetteer.common_words
        and word not in NOT_NAME
        and word not in LEADING_STOPWORDS
        and word not in _JARGON
        and word not in gazetteer.country_names
        and word not in gazetteer.demonyms
        and not is_title(word)
    ):
        return begin
    return start


_GIVEN_WORD = re.compile(r"[A-Z][a-z]+")


def _candidates(context: ExtractContext, text: str) -> Iterator[tuple[int, int, str | None]]:
    """Yield ``(start, end, title)`` of each name span: titled, in apposition, bare."""
    given = context.gazetteer.given_names
    for match in _TITLED.finditer(text) if context.holds(_TITLE_CUES, text) else ():
        if not starts_word(text, match.start()):
            continue
        start, end = match.span(3)
        title_tail = ""
        if match.group(2):
            start, title_tail = _split_title_tail(match, start, given)
        yield start, end, (match.group(1) + title_tail).strip()
    cued = context.holds(_TITLE_CUES, text) or "head" in text or "chief" in text
    for match in _APPOSITION.finditer(text) if cued else ():
        name = _NAME_BEFORE.search(text, max(0, match.start() - 80), match.start())
        if name and starts_word(text, name.start()):
            yield name.start(), name.end(), None
    for start, end in _bare_names(context, text):
        if starts_word(text, start) and text[start - 1 : start] not in {"'", "’", "."}:
            yield start, end, None
    # A surname the corpus writes with a title ("President Putin"), here alone; not
    # when it opens a longer capitalised name ("Putin Administration").
    surnames = context.gazetteer.surname_matcher
    for start, end, _ in context.find(surnames, text) if surnames is not None else ():
        if starts_word(text, start) and not _NEXT_CAPITAL.match(text, end):
            yield _given_before(context, text, start), end, None


# Words that make a capitalised run a body or an office, not a person's name.
NOT_NAME = (
    frozenset(
        [
            "Affairs",
            "Security",
            "Public",
            "Foreign",
            "Interior",
            "Justice",
            "Defense",
            "Defence",
            "Finance",
            "Economy",
            "Economic",
            "Trade",
            "Education",
            "Health",
            "Industry",
            "Energy",
            "Culture",
            "Agriculture",
            "Presidency",
            "State",
            "National",
            "International",
            "General",
            "Political",
            "Director",
            "Minister",
            "Ministry",
            "Embassy",
            "Government",
            "Office",
            "Department",
            "Council",
            "Committee",
            "Court",
            "Republic",
            "Kingdom",
            "United",
            "States",
            "Union",
            "House",
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
            "Summary",
            "Comment",
            "End",
            "Note",
            "Prime",
            "Vice",
            "Deputy",
            "Chief",
            "Ambassador",
            "Secretary",
            "Post",
            "Mission",
            "Consulate",
            "Assistant",
            "Under",
            "Embassy",
            "Poloff",
            "Econoff",
            "Emboff",
            "Emboffs",
            "DCM",
            "CDA",
            "Charge",
            "Washington",
            "Administration",
            "Party",
            "Western",
            "Eastern",
            "Northern",
            "Southern",
            "Central",
            "Hemisphere",
            "Kingdom",
            "Desk",
            "Division",
            "Team",
            "Leader",
            "Relations",
            "Technology",
            "Science",
            "Development",
            "Cooperation",
            "Operations",
            "Planning",
            "Communications",
            "Environment",
            "Resources",
            "Services",
            "Management",
            "Information",
            "Intelligence",
            "Immigration",
            "Labor",
            "Labour",
            "Commerce",
            "Tourism",
            "Transport",
            "Transportation",
            "Policy",
            "Customs",
            "Legal",
            "Human",
            "Rights",
            "Protection",
            "Relief",
            "Assistance",
            "Emergency",
            "Investment",
            "Mines",
            "Oil",
            "Gas",
            "Water",
            "Works",
            "Family",
            "Families",
            "Sales",
            "Marketing",
            "Regional",
            "Global",
            "Senior",
            "Special",
            "Executive",
            "Press",
            "Desk",
            "Officer",
            "Unit",
            "Branch",
            "Section",
            "Staff",
            "Holy",
            "See",
            "Catholic",
            "Church",
            "God",
            "Islamic",
            "Muslim",
            "Christian",
            "Brigadier",
            "Sergeant",
            "Lieutenant",
            "Corporal",
            "Private",
            "Doctor",
            "Father",
            "Sister",
            "Brother",
            "Saint",
            "Amb",
        ]
    )
    | frozenset(ORG_HEADS)
    | frozenset(PROGRAMME_HEADS)
)


def person_entity(name: str, title: str | None = None, scope: str | None = None) -> Entity:
    """Return the entity of a person; a lone surname is keyed within ``scope``.

    >>> person_entity("Fernando Berrocal", "Minister").key
    'person/fernando-berrocal'
    >>> person_entity("Sobel", "Ambassador", scope="BR").key
    'person/sobel--br'
    """
    single = len(name.split()) == 1
    key = f"person/{slug(name)}" + (f"--{scope.lower()}" if single and scope else "")
    attributes = {"job_title": title} if title else {}
    return Entity(key=key, type="person", label=name, attributes=attributes)


_JARGON = frozenset(
    ["Amcit", "Amcits", "Emboff", "Emboffs", "Poloff", "Poloffs", "Econoff", "Econoffs"]
    + ["Pol/Econ", "Polcouns", "Econcouns", "Mgmt", "Conoff", "Conoffs", "DATT", "Codel"]
)
# "J." of "Steingrimur J. Sigfusson", "XVI" of "Benedict XVI".
_INITIAL_OR_NUMERAL = re.compile(r"[A-Z]\.|[IVX]{1,5}")


# Words that make the whole run a body's name, not a name to trim it to ("Supreme
# People's Assembly", "General People's Committee").
_BODY_WORDS = frozenset(["People", "Peoples"])


def _clean_name(context: ExtractContext, raw: str) -> str | None:
    tokens = raw.split()
    # Only a token that lowers to "people..." titles to one of them: test that first.
    if "eople" in raw.lower() and _BODY_WORDS.intersection(t.title() for t in tokens):
        return None
    if raw.isupper():  # a name from a text in capitals is checked in its usual case
        tokens = [t.title() for t in tokens]
    while tokens and (tokens[-1] in NOT_NAME or tokens[-1].rstrip(".") == ""):
        tokens.pop()
    # Titles and cable jargon before a name ("Cardinal", "Amcit") are not part of it.
    while len(tokens) > 1 and (is_title(tokens[0]) or tokens[0] in _JARGON):
        tokens.pop(0)
    gazetteer = context.gazetteer
    for token in tokens:
        if (
            token in NOT_NAME
            or token in gazetteer.country_names
            or token in gazetteer.demonyms
            or token in gazetteer.org_names
            or token in LEADING_STOPWORDS
            or token.isupper()
            and len(token) > 1
            and not _INITIAL_OR_NUMERAL.fullmatch(token)
        ):
            return None
    if not tokens or max(map(len, tokens)) <= 2:
        return None
    name = " ".join(tokens)
    if name in gazetteer.place_matcher:
        return None  # "Costa Rica", "San Jose": a place whose first word is also a name
    return name


def _signer(cable: Cable, context: ExtractContext) -> list[Mention]:
    mentions = []
    names = cable.classified_by.names if cable.classified_by else []
    signers = cable.signers or _trailing_signer(cable, context)
    for surname in signers:
        written = surname.strip().title()
        if not written:
            continue
        full = next((n for n in names if n.split()[-1].lower() == written.lower()), None)
        if full is None:
            known = context.gazetteer.signers.get(surname.strip().upper(), {}).get(
                context.station or ""
            )
            # Two signers of one surname at one post: the facts map year → name.
            full = known.get(cable.canonical_id[:2]) if isinstance(known, dict) else known
        entity = person_entity(full or written, scope=context.station)
        entity.alt_labels.append(written)
        entity.attributes["roles"] = ["signer"]
        if context.post is not None:
            entity.attributes["affiliation"] = context.post.key
        paragraph = len(cable.paragraphs) - 1 if cable.paragraphs else None
        mentions.append(Mention(entity, surname, paragraph))
    return mentions


_LAST_WORD = re.compile(r"(?<![\w'-])([A-Z][A-Z'-]{2,})\s*$")


def _trailing_signer(cable: Cable, context: ExtractContext) -> list[str]:
    """Return the signature the parser left at the end of the last paragraph, if known.

    Only a surname the cablemap signer facts know, so a closing acronym is not taken.
    """
    if not cable.paragraphs:
        return []
    match = _LAST_WORD.search(cable.paragraphs[-1].text)
    if match and match.group(1) in context.gazetteer.signers:
        return [match.group(1)]
    return []


_FOR_LINE = re.compile(r"^[ \t]*[A-Z][A-Z/ ,;.&-]*\bFOR\b[A-Z/ ,;.&-]*$", re.MULTILINE)
_ADDRESS_STOP = frozenset(
    [
        "DEPT",
        "STATE",
        "ALSO",
        "PASS",
        "TO",
        "PLEASE",
        "FOR",
        "AND",
        "THE",
        "OF",
        "ONLY",
        "INFO",
        "ATTN",
        "ACTION",
        "EXCLUSIVE",
        "FROM",
        "DEPARTMENT",
        "TREASURY",
        "JUSTICE",
        "DEFENSE",
        "COMMERCE",
        "WHITE",
        "HOUSE",
        "AMBASSADOR",
        "USDOC",
        "SECDEF",
        "ENERGY",
        "LABOR",
        "AGRICULTURE",
        "HOMELAND",
        "SECURITY",
        "NSC",
        "USTR",
        "USAID",
        "TREAS",
        "DHS",
        "DOD",
        "DOJ",
        "DOE",
        "OSD",
        "JOINT",
        "STAFF",
        "EMBASSY",
        "ALL",
        "POSTS",
        "NOFORN",
        "SIPDIS",
        "SENSITIVE",
        "PRIORITY",
        "SECSTATE",
        "ASSISTANT",
        "SECRETARY",
        "DAS",
        "OFFICE",
        "DESK",
        "BUREAU",
    ]
)


def _addressees(cable: Cable, context: ExtractContext) -> list[Mention]:
    names: list[str] = []
    lines = list(cable.addressees)
    if not lines:
        lines = _FOR_LINE.findall((cable.body or cable.header or "").split("SUBJECT:")[0])
    for line in lines:
        for clause in line.split(";"):
            # Names follow "FOR" ("STATE FOR ALTON, CARROLL"); before it, or in a line
            # without one ("DEPT PASS ELECTRONICALLY TO USDA", "S/CT MARC NORMAN"), a word
            # of everyday English is no name unless the corpus writes it as one.
            parts = _FOR_WORD.split(clause, maxsplit=1)
            for position, part in enumerate(parts):
                after_for = position == 1
                for chunk in _ADDRESS_SEPARATOR.split(part):
                    words = [w for w in chunk.split() if not _is_office(context, w)]
                    # "DESK OFFICER MARK SIEGELMAN": a title before the name goes; an
                    # office word after it ("PUBLIC DIPLOMACY ADVISOR") names no one.
                    while words and _office_word(words[0]):
                        words.pop(0)
                    if (
                        1 <= len(words) <= 3
                        and all(w.isalpha() and len(w) > 2 for w in words)
                        and not any(_office_word(w) for w in words)
                        and (after_for or not any(_plain_word(context, w) for w in words))
                    ):
                        names.append(" ".join(words).title())
    mentions = []
    for name in dict.fromkeys(names):
        entity = person_entity(name, scope="US")
        entity.attributes["roles"] = ["addressee"]
        mentions.append(Mention(entity, name, None))
    return mentions


def _office_word(word: str) -> bool:
    return word.title() in NOT_NAME or is_title(word.title())


def _plain_word(context: ExtractContext, word: str) -> bool:
    gazetteer = context.gazetteer
    name = word.title()
    return (
        word.lower() in gazetteer.common_words
        and name not in gazetteer.surnames
        and name not in gazetteer.given_names
    )


_FOR_WORD = re.compile(r"\bFOR\b")
_ADDRESS_SEPARATOR = re.compile(r"[,]|\bAND\b|\bFOR\b")


def _is_office(context: ExtractContext, word: str) -> bool:
    return (
        word in _ADDRESS_STOP
        or word in context.gazetteer.acronyms
        or word in context.gazetteer.org_names
        or "/" in word
    )


@register("persons")
def extract_persons(cable: Cable, context: ExtractContext) -> tuple[list[Mention], list[Event]]:
    """Find the persons a cable names, its signer and its addressees.

    Parameters
    ----------
    cable : Cable
        The parsed cable (``signers``, ``classified_by``, ``addressees`` are read too).
    context : ExtractContext
        Its extraction context.

    Returns
    -------
    tuple
        Person mentions and no events. Signer and addressee mentions have no span; their
        entities carry ``attributes["roles"]``.
    """
    mentions: list[Mention] = []
    taken = SpanIndex()
    for segment in context.segments:
        text = segment.text
        candidates = (
            _upper_candidates(context, text) if segment.upper else _candidates(context, text)
        )
        places = _place_names_of(context, segment)
        for start, end, title in candidates:
            if (
                context.covered(segment.paragraph, start, end)
                or taken.overlaps(segment.paragraph, start, end)
                or _cuts_place(places, start, end)
            ):
                continue
            name = _clean_name(context, text[start:end])
            if name is None:
                continue
            if segment.upper:
                name = name.title()
            entity = person_entity(name, title, scope=context.country)
            taken.add(segment.paragraph, start, start + len(name))
            mentions.append(Mention(entity, name, segment.paragraph, start, start + len(name)))
    mentions.extend(_surname_mentions(context, mentions))
    mentions.extend(_signer(cable, context))
    mentions.extend(_addressees(cable, context))
    return mentions, []


def _place_names_of(context: ExtractContext, segment: Segment) -> list[tuple[int, int]]:
    """The spans of the place names of several words in a segment ("Sao Paulo", "Rio de
    Janeiro")."""
    if segment.upper:
        return []
    return [(s, e) for s, e, name in place_matches(context, segment) if " " in name]


def _cuts_place(places: list[tuple[int, int]], start: int, end: int) -> bool:
    """Tell whether a name starts inside a place name ("Paulo" of "Sao Paulo") or lies
    within one ("Rio" of "Rio de Janeiro"): a given name there opens no person's name."""
    return bool(places) and any(s < start < e or (s <= start and end <= e) for s, e in places)


def titled_names(text: str) -> Iterator[str]:
    """Yield the names written after a title in ``text`` (for learning given names).

    >>> list(titled_names("Minister of Public Security Fernando Berrocal told Ambassador "
    ...     "Langdale that Foreign Minister Bruno Stagno agreed."))
    ['Fernando Berrocal', 'Langdale', 'Bruno Stagno']
    """
    for match in _TITLED.finditer(text):
        if not starts_word(text, match.start()):
            continue
        start, end = match.span(3)
        if match.group(2):
            start, _ = _split_title_tail(match, start, frozenset())
        tokens = text[start:end].split()
        while tokens and tokens[-1] in NOT_NAME:
            tokens.pop()
        if tokens and not set(tokens) & NOT_NAME:
            yield " ".join(tokens)


def _split_title_tail(
    match: re.Match[str], name_start: int, given: frozenset[str]
) -> tuple[int, str]:
    """Move the name's start back over tail words that are names, not offices.

    "Minister of Public Security Fernando Berrocal": the greedy tail took "Fernando".
    A known given name starts the name wherever it is in the tail.
    """
    tail = match.group(2)
    words = list(re.finditer(r"\S+", tail))
    for word in words:
        if word.group() in given:
            return match.start(2) + word.start(), tail[: word.start()].rstrip()
    for word in words:
        if word.group() in {"of", "for", "the", "and", "to"} or word.group() in NOT_NAME:
            continue
        if "." in word.group() and len(word.group()) <= 4 and word.group().isupper():
            continue  # "U.S." of "Ambassador to the U.S."
        return match.start(2) + word.start(), tail[: word.start()].rstrip()
    return name_start, tail


def _surname_mentions(context: ExtractContext, found: list[Mention]) -> list[Mention]:
    by_surname: dict[str, Entity] = {}
    for mention in found:
        surname = mention.entity.label.split()[-1]
        known = by_surname.get(surname)
        if known is None or len(mention.entity.label) > len(known.label):
            by_surname[surname] = mention.entity
    # A lone surname joins the full name of the same cable: "Berrocal" → Fernando Berrocal.
    for mention in found:
        if len(mention.entity.label.split()) == 1:
            full = by_surname[mention.entity.label]
            if full is not mention.entity:
                mention.entity = full
    if not by_surname:
        return []
    # The cable's surnames found by a matcher, each kept when it is a whole capitalised
    # word (what a scan of every capitalised word would have looked up).
    extra: list[Mention] = []
    taken = SpanIndex()
    for mention in found:
        if mention.start is not None and mention.end is not None:
            taken.add(mention.paragraph, mention.start, mention.end)
    surnames = NameMatcher(by_surname)
    for segment in context.segments:
        text = segment.text
        for start, end in _capitalised_words(text, surnames.starts(text)):
            if not starts_word(text, start):
                continue
            if context.covered(segment.paragraph, start, end) or taken.overlaps(
                segment.paragraph, start, end
            ):
                continue
            taken.add(segment.paragraph, start, end)
            word = text[start:end]
            extra.append(Mention(by_surname[word], word, segment.paragraph, start, end))
    return extra


def _capitalised_words(text: str, hits: dict[int, list[int]]) -> Iterator[tuple[int, int]]:
    """Yield the hits ``start → ends`` that are whole capitalised words as
    :data:`_CAPITALISED` splits ``text`` (not "Kay" of "McKay" or of "O'Kay")."""
    for start in sorted(hits):
        word_start = text.rfind(" ", 0, start) + 1
        for word in _CAPITALISED.finditer(text, word_start):
            if word.start() > start:
                break
            if word.start() == start and word.end() in hits[start]:
                yield start, word.end()
                break
