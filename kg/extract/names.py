"""Patterns for capitalised names shared by the organization, person and programme
extractors: the head nouns that make a phrase an organization or a programme, the words a
name never starts with, and :func:`trim_name`. Imported by those extractors only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping

from kg.extract.matcher import Hits, NameMatcher, scanned_together

__all__ = [
    "CAP",
    "DEFINITION",
    "ORG_JOINS",
    "definition_list",
    "definitions",
    "LEADING_STOPWORDS",
    "ORG_HEADS",
    "PROGRAMME_HEADS",
    "acronym_matches",
    "company_names",
    "capitalised_before",
    "starts_word",
    "org_type_of",
    "trim_name",
]

# One capitalised word: "Karaganda", "Al-Qadhafi", "Dall'Anese", "ICITAP", "U.S.".
# A possessive "'s" ends the word: "Iceland's" is Iceland.
CAP = r"(?:[A-Z](?:[\w&.-]|['’](?!s\b))*[\w.]|[A-Z])"

ORG_HEADS = [
    "Ministry",
    "Department",
    "Committee",
    "Council",
    "Commission",
    "Office",
    "Bureau",
    "Agency",
    "Directorate",
    "Division",
    "Institute",
    "Court",
    "Service",
    "Secretariat",
    "Chamber",
    "University",
    "Academy",
    "Bank",
    "Federation",
    "Union",
    "Association",
    "Assembly",
    "Center",
    "Centre",
    "Foundation",
    "Authority",
    "League",
    "Party",
    "Movement",
    "Alliance",
    "Front",
    "Corporation",
    "Company",
    "Airlines",
    "Airways",
    "Organization",
    "Organisation",
    "Parliament",
    "Senate",
    "Congress",
    "Police",
    "Army",
    "Navy",
    "Guard",
    "Forces",
    "Command",
    "Society",
    "Institution",
    "College",
    "School",
    "Hospital",
    "Tribunal",
    "Procuracy",
    "Cabinet",
    "Board",
    "Network",
    "Coalition",
    "Television",
    "Radio",
    "Magazine",
    "Newspaper",
    "Administration",
    "Prosecutor's",
    "Commissariat",
    "Inspectorate",
    "Mission",
    "Group",
    "Council",
    "Cooperative",
    "Syndicate",
    "Confederation",
    "Brotherhood",
    "Caucus",
    "Energy",
    "Holding",
    "Club",
    "Municipality",
]

PROGRAMME_HEADS = [
    "Program",
    "Programme",
    "Initiative",
    "Project",
    "Fund",
    "Compact",
    "Partnership",
    "Plan",
    "Strategy",
    "Agreement",
    "Campaign",
    "Account",
    "Protocol",
    "Treaty",
    "Convention",
    "Accord",
    "Act",
    "Law",
]

LEADING_STOPWORDS = frozenset(
    [
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "In",
        "On",
        "At",
        "During",
        "After",
        "Before",
        "While",
        "When",
        "According",
        "Both",
        "Each",
        "All",
        "Many",
        "Some",
        "His",
        "Her",
        "Their",
        "Our",
        "Its",
        "One",
        "Local",
        "Former",
        "New",
        "Following",
        "Under",
        "With",
        "From",
        "For",
        "To",
        "By",
        "Of",
        "And",
        "But",
        "Also",
        "Although",
        "Despite",
        "Since",
        "If",
        "As",
        "Meanwhile",
        "However",
        "Then",
        "Thus",
        "Other",
        "Several",
        "Various",
        "Most",
        "No",
        "Any",
        "Such",
        "Upon",
        "Within",
        "Without",
        "Between",
        "Among",
        "Per",
        "Via",
        "Post",
        "Embassy",
        "Minister",
        "Director",
        "Deputy",
        "Chief",
        "Head",
        "President",
        "Vice",
        "Chairman",
        "Ambassador",
        "Secretary",
        "Senior",
        "General",
        "Mr",
        "Ms",
        "Mrs",
        "Dr",
        "Both",
        "Please",
        "Recent",
        "Last",
        "Next",
        "Current",
        "Outgoing",
        "Incoming",
    ]
)


_CUE_WORD = r"(?:[A-Z][A-Za-z&'-]*[A-Za-z]|[A-Z]{2,})"
_CUE_WORD_ONLY = re.compile(_CUE_WORD)
# "the oil company Eni", "U.S. firm AECOM": the cue, then the name.
_COMPANY_CUES = scanned_together(
    NameMatcher(
        ["company", "firm", "corporation", "conglomerate", "carrier", "airline", "contractor"]
        + ["manufacturer", "producer", "operator", "giant", "multinational"]
    )
)
_NAME_AFTER_CUE = re.compile(rf"\s+({_CUE_WORD}(?:\s+{_CUE_WORD}){{0,2}})")
# "Biwater Construction Limited", "TNK-BP's CEO": the name, then the cue.
# Found from the space and the cue, a possessive "'s" before it added in code: a pattern
# opening with the three-way "'s |’s | " makes ``re`` stop at every space.
_COMPANY_BEFORE_WORDS = (
    ["company", "firm", "conglomerate", "airline", "carrier", "Inc", "Corp", "Ltd"]
    + ["Limited", "S.A.", "GmbH", "PLC", "plc", "chief executive", "CEO", "board of directors"]
    + ["shareholders", "subsidiary"]
)
#: abbreviations that must end at a word's end ("Inc", not "Incheon")
_WHOLE_WORD = {"Inc", "Corp", "Ltd"}
_COMPANY_BEFORE = re.compile(
    " (?:"
    + "|".join(re.escape(w) + (r"\b" if w in _WHOLE_WORD else "") for w in _COMPANY_BEFORE_WORDS)
    + ")"
)
# Its words: a text without one is not scanned for it, when the one pass tells.
_COMPANY_BEFORE_CUES = scanned_together(NameMatcher(_COMPANY_BEFORE_WORDS))


def company_names(text: str, found: Mapping[NameMatcher, Hits] | None = None) -> Iterator[str]:
    """Yield the names ``text`` calls a company, firm, carrier... by a cue word.

    ``found``, when given, is the extraction context's one pass over ``text``
    (:meth:`kg.extract.context.ExtractContext.hits`), which finds the cue words too.

    >>> list(company_names("Econoff met the Biwater company and U.S. firm AECOM."))
    ['AECOM', 'Biwater']
    """
    position = 0
    hits = found.get(_COMPANY_CUES) if found is not None else None
    for start, ends in sorted(_COMPANY_CUES.starts(text, hits).items()):
        name = _NAME_AFTER_CUE.match(text, ends[0]) if start >= position else None
        if name is not None:
            position = name.end()
            if starts_word(text, start):
                yield name.group(1)
    cues = found.get(_COMPANY_BEFORE_CUES) if found is not None else None
    for match in _COMPANY_BEFORE.finditer(text) if cues is None or cues else ():
        cue = match.start()
        if text.endswith(("'s", "’s"), 0, cue):
            cue -= 2
        begin = cursor = cue
        for _ in range(3):  # up to three words back
            word_start = text.rfind(" ", 0, cursor) + 1
            if not _CUE_WORD_ONLY.fullmatch(text, word_start, cursor):
                break
            begin = word_start
            if word_start < 2:
                break
            cursor = word_start - 1
        if begin < cue:
            yield text[begin:cue]


_CAP_WORD = re.compile(CAP)


def starts_word(text: str, start: int) -> bool:
    """Tell whether ``start`` begins a word (no letter, digit, "_" or "-" before it).

    Patterns check this in code, after matching, rather than with a leading look-behind:
    a pattern that opens with literals is scanned many times faster by ``re``.

    >>> starts_word("the INL office", 4), starts_word("BASINL", 3)
    (True, False)
    """
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_-")


def capitalised_before(
    text: str, start: int, limit: int, joins: frozenset[str] | None = None
) -> int:
    """Return where the run of at most ``limit`` capitalised words before ``start`` begins.

    Segments have single spaces, so words are what lies between them. Used to grow a
    name leftwards from its head noun ("Karaganda Legal" before "Institute").

    >>> text = "the Karaganda Legal Institute"
    >>> text[capitalised_before(text, text.index("Institute"), 5):]
    'Karaganda Legal Institute'
    >>> text = "in Rio de Janeiro state"
    >>> text[capitalised_before(text, text.index("state"), 3):]
    'Rio de Janeiro state'
    """
    position = start
    for _ in range(limit):
        if position < 2 or text[position - 1] != " ":
            break
        begin = text.rfind(" ", 0, position - 1) + 1
        word = text[begin : position - 1]
        if word in (joins or _NAME_PARTICLES) and position != start and begin >= 2:
            # "Rio de Janeiro": a particle between two capitalised words.
            before = text.rfind(" ", 0, begin - 1) + 1
            if _CAP_WORD.fullmatch(text, before, begin - 1):
                position = before
                continue
        if not _CAP_WORD.fullmatch(text, begin, position - 1) or _LOWER_COMPOUND.search(
            text, begin, position - 1
        ):
            break  # "FEMA-equivalent" describes, it does not name
        if _SENTENCE_END.fullmatch(word):
            break  # "... Number NYC2005000761. The Ministry": a sentence ends there
        position = begin
    return position


_LOWER_COMPOUND = re.compile(r"-[a-z]")
# A word closing a sentence: a full stop after four or more characters and no other
# stop ("U.S." and "St." are abbreviations).
_SENTENCE_END = re.compile(r"[^.]{4,}\.")


_NAME_PARTICLES = frozenset(["de", "da", "do", "dos", "das", "del", "la", "al", "el", "of"])
# Organizations also join names with "and": "Hills and Company", "US and Canada Division".
ORG_JOINS = _NAME_PARTICLES | {"and", "&"}


# "(ABC)" after a long name: the acronym is defined there.
DEFINITION = re.compile(r"\(([A-Z][A-Za-z]*[A-Z][A-Za-z/&-]*)\)")


@functools.lru_cache(maxsize=1024)
def definition_list(text: str) -> tuple[tuple[str, list[str], int], ...]:
    """Return :func:`definitions` of ``text`` as a tuple, computed once per text (the
    organization and programme extractors both read them; do not change the lists).

    >>> definition_list("the Merida Initiative (MI) and (XX)")
    (('MI', ['Merida', 'Initiative'], 4),)
    """
    return tuple(definitions(text))


def definitions(text: str) -> Iterator[tuple[str, list[str], int]]:
    """Yield ``(acronym, long-name words, start of the long name)`` of "Long Name (ABC)".

    >>> [(a, " ".join(w), s) for a, w, s in definitions(
    ...     "They met the International Organization for Migration (IOM) in June.")]
    [('IOM', 'International Organization for Migration', 13)]
    """
    for match in DEFINITION.finditer(text):
        acronym = match.group(1)
        length, words = _words_before(text, match.start(), 12)
        for size in range(1, len(words) + 1):
            candidate = trim_name(words[-size:])
            if (
                len(candidate) == size
                and candidate[-1][:1].isupper()
                and acronym_matches(acronym, candidate)
            ):
                yield acronym, candidate, length - len(" ".join(candidate))
                break


# How far back :func:`_words_before` reads first: a dozen words, as a rule.
_WORDS_WINDOW = 400


def _words_before(text: str, end: int, count: int) -> tuple[int, list[str]]:
    """Return the length of ``text[:end].rstrip()`` and its last ``count`` words, reading
    a window before ``end`` (the whole prefix only when the window holds fewer words).

    >>> _words_before("a b c d ", 8, 2)
    (7, ['c', 'd'])
    """
    begin = max(0, end - _WORDS_WINDOW)
    window = text[begin:end]
    words = window.split()
    if begin and len(words) <= count:  # the first word may be cut: read it all
        begin, window = 0, text[:end]
        words = window.split()
    return begin + len(window.rstrip()), words[-count:]


def trim_name(words: list[str]) -> list[str]:
    """Drop leading words a name never starts with ("The", "During", a title).

    >>> trim_name("During the Karaganda Legal Institute".split())
    ['Karaganda', 'Legal', 'Institute']
    >>> trim_name("with the All Assam Student Union".split())
    ['All', 'Assam', 'Student', 'Union']
    """
    index = 0
    while index < len(words) and (words[index] in LEADING_STOPWORDS or words[index][:1].islower()):
        if _opens_with_all(words, index):
            break
        index += 1
    return words[index:]


def _opens_with_all(words: list[str], index: int) -> bool:
    """Tell whether "All" opens a name ("All Assam Student Union", "All India Radio"):
    followed by a capitalised word that is no head noun and more of the name after it."""
    return (
        words[index] == "All"
        and index + 2 < len(words)
        and words[index + 1][:1].isupper()
        and words[index + 1] not in ORG_HEADS
    )


_CONNECTIVES = frozenset(
    [
        "of",
        "for",
        "and",
        "the",
        "on",
        "in",
        "de",
        "da",
        "do",
        "la",
        "del",
        "di",
        "von",
        "van",
        "to",
        "&",
        "des",
    ]
)


def acronym_matches(acronym: str, words: list[str]) -> bool:
    """Tell whether ``acronym`` abbreviates ``words`` (initials in order or reordered).

    >>> acronym_matches("IOM", "International Organization for Migration".split())
    True
    >>> acronym_matches("ICITAP",
    ...     "International Criminal Investigative Assistance Training Program".split())
    True
    >>> acronym_matches("CNE", "National Emergency Commission".split())
    True
    >>> acronym_matches("NDU", "Department of Justice".split())
    False
    """
    letters = "".join(c for c in acronym.upper() if c.isalpha())
    content = [w for w in words if w.lower() not in _CONNECTIVES]
    if not letters or not content:
        return False
    initials = "".join(w[0].upper() for w in content)
    if sorted(initials) == sorted(letters) and (len(letters) >= 3 or initials == letters):
        # Reordered: a translated name keeps its own language's acronym (CNE, Comision
        # Nacional de Emergencias, for the National Emergency Commission).
        return True
    if content[0][0].upper() != letters[0]:
        return False
    # Subsequence: "International Narcotics and Law Enforcement (INL)".
    position = 0
    for char in initials:
        if position < len(letters) and char == letters[position]:
            position += 1
    return position == len(letters) and len(content) <= len(letters) + 2


_TYPE_BY_HEAD = {
    "political_party": {"Party", "Movement", "Alliance", "Front", "Caucus"},
    "educational": {"University", "Academy", "College", "School", "Institute"},
    "company": {"Corporation", "Company", "Airlines", "Airways", "Group", "Holding", "Energy"},
    "military": {"Army", "Navy", "Forces", "Command", "Guard"},
    "media": {"Television", "Radio", "Magazine", "Newspaper"},
    "ngo": {"Foundation", "Association", "Society", "Network", "Coalition", "Brotherhood"},
}


def org_type_of(words: list[str]) -> str:
    """Return the guideline type a name's head noun suggests (foreign_government otherwise).

    >>> org_type_of("Left Green Movement".split()), org_type_of("Ministry of Education".split())
    ('political_party', 'foreign_government')
    """
    head_words = set(words)
    if words and words[0] in {"Ministry", "Department", "Committee", "Council", "Court"}:
        return "foreign_government"
    for org_type, heads in _TYPE_BY_HEAD.items():
        if head_words & heads:
            return org_type
    return "foreign_government"
