"""Tables learned from a whole corpus, for the extractors to use on every cable: given
names (from names written with a title), acronym expansions (from "Long Name (ABC)"
definitions) and company names (from "the company X", "X's chief executive" cues).

:func:`learn_tables` is run by ``tools/build_extract_data.py`` over the 6,712-cable
archive; its result is ``kg/data/extract_learned.json``, which
:func:`kg.extract.gazetteer.load_gazetteer` reads. Nothing here runs during a build.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from kg.extract.gazetteer import Gazetteer
from kg.extract.names import ORG_HEADS, PROGRAMME_HEADS, company_names, definitions
from kg.extract.persons import NOT_NAME, is_title, titled_names
from kg.extract.text import cable_segments, normalize_name
from kg.model import Cable

__all__ = ["learn_tables"]

_GIVEN = re.compile(r"^[A-Z][a-z]+$")
_CONTINENTAL = frozenset(
    ["European", "African", "Asian", "American", "Arab", "Latin", "Caribbean", "Nordic"]
    + ["Balkan", "Baltic", "Slavic", "Western", "Eastern", "Northern", "Southern", "Central"]
    + ["Middle", "Pacific", "Atlantic", "Mediterranean", "Gulf", "Islamic", "Muslim"]
)
# Nationality adjectives ("Norwegian", "Korean") precede "company" without naming one.
_ADJECTIVE_ENDINGS = ("an", "ish", "ese", "ic")
_LOWER_WORD = re.compile(r"(?<![\w'-])[a-z]+(?![\w'-])")
_MID_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+(?![\w'-])")


# Last words that make a name a document, not a body: "Security Council Resolution".
_DOCUMENTS = frozenset(
    ["Resolution", "Resolutions", "Report", "Decision", "Declaration", "Statement", "Order"]
)


def _kind(words: list[str]) -> str | None:
    """Return what a defined long name names: its last word decides first."""
    if words[-1] in PROGRAMME_HEADS:
        return "programme"
    if words[-1] in _DOCUMENTS:
        return None
    if set(words) & set(ORG_HEADS):
        return "organization"
    if set(words) & set(PROGRAMME_HEADS):
        return "programme"
    return None


def learn_tables(cables: Iterable[Cable], gazetteer: Gazetteer) -> dict[str, Any]:
    """Learn given names, acronym expansions and company names from ``cables``.

    Parameters
    ----------
    cables : iterable of Cable
        Parsed cables (subject, paragraphs, classified_by and station are read).
    gazetteer : Gazetteer
        The curated tables: names they already hold are not learned again.

    Returns
    -------
    dict
        ``given_names`` and ``surnames`` (sorted lists), ``acronyms`` (acronym → country
        code or ``*`` → ``[long name, kind]``), ``companies`` (sorted list) and
        ``common_words`` (lower-case words written 20 times or more: what a word in
        capitals may be instead of a name).
    """
    given: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    expansions: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    surfaces: dict[str, str] = {}
    companies: Counter[str] = Counter()
    surnames: Counter[str] = Counter()
    for cable in cables:
        country = gazetteer.stations.get(cable.station or "", "*")
        if cable.classified_by:
            for name in cable.classified_by.names:
                parts = name.split()
                if len(parts) >= 2 and parts[0].isalpha() and len(parts[0]) > 1:
                    given[parts[0]] += 2
        for segment in cable_segments(cable):
            if segment.upper:
                continue
            text = segment.text
            lower.update(_LOWER_WORD.findall(text))
            capital.update(w.lower() for w in _MID_CAPITAL.findall(text))
            for name in titled_names(text):
                parts = name.split()
                if len(parts) >= 2 and parts[0].isalpha() and len(parts[0]) > 1:
                    given[parts[0]] += 1
                if parts[-1].isalpha() and len(parts[-1]) > 2:
                    surnames[parts[-1]] += 1
            for acronym, words, _ in definitions(text):
                kind = _kind(words)
                if kind is not None:
                    long_name = " ".join(words)
                    norm = normalize_name(long_name)
                    surfaces.setdefault(norm, long_name)
                    expansions[acronym][(norm, kind)] += 1
                    expansions[acronym][(norm, kind + "@" + country)] += 1
            companies.update(company_names(text))
    known = {*gazetteer.country_names, *gazetteer.demonyms, *gazetteer.org_names, *NOT_NAME}
    known.update(n for n, cities in gazetteer.cities.items() if cities[0].population >= 100_000)
    # The first words of country names ("Costa", "North", "San") open no person's name;
    # the persons extractor also rejects any name that is a whole place name ("San Jose").
    known.update(n.split()[0] for n in gazetteer.country_names if " " in n)
    known.update(gazetteer.supranational)
    # Words of country names and demonyms ("Rican"), and continental adjectives.
    known.update(w for n in (*gazetteer.country_names, *gazetteer.demonyms) for w in n.split())
    known.update(_CONTINENTAL)
    common_words = sorted(w for w, n in lower.items() if n >= 20)

    def mostly_capital(word: str) -> bool:
        return capital[word.lower()] > 2 * lower[word.lower()]

    # One titled use is evidence enough for a given name the corpus never writes in lower
    # case ("Rannveig"); names that are also words need two and mostly capitals.
    given_names = sorted(
        w
        for w, n in given.items()
        if _GIVEN.match(w)
        and w not in known
        and mostly_capital(w)
        and (n >= 2 or lower[w.lower()] == 0)
    )
    # Surnames written after a title three times or more ("President Putin"): a person
    # wherever the corpus names them alone.
    known_surnames = sorted(
        w
        for w, n in surnames.items()
        if n >= 3
        and _GIVEN.match(w)
        and w not in known
        and w not in given_names
        and lower[w.lower()] < 20
        and mostly_capital(w)
    )
    acronyms: dict[str, dict[str, list[str]]] = {}
    for acronym, counts in expansions.items():
        if acronym in gazetteer.org_names or is_title(acronym):
            continue
        table: dict[str, list[str]] = {}
        overall = [(n, k) for (norm, k), n in counts.items() if "@" not in k]
        total = sum(n for n, _ in overall)
        for (norm, key), n in counts.most_common():
            kind, _, where = key.partition("@")
            if where and where not in table:
                table[where] = [surfaces[norm], kind]
            elif not where and "*" not in table and n * 3 >= total * 2:
                # One expansion for two thirds of the corpus's definitions: used anywhere.
                table["*"] = [surfaces[norm], kind]
        acronyms[acronym] = table
    learned_companies = sorted(
        name
        for name, n in companies.items()
        if n >= 2
        and "XX" not in name
        and len(name) > 2
        and not set(name.split()) & (known | set(given_names))
        and not name.endswith(_ADJECTIVE_ENDINGS)
        and (len(name.split()) > 1 or name.isupper() or mostly_capital(name))
    )
    return {
        "given_names": given_names,
        "surnames": known_surnames,
        "acronyms": acronyms,
        "companies": learned_companies,
        "common_words": common_words,
    }
