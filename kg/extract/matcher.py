"""One-pass matching of a fixed set of names in text (an Aho–Corasick automaton).

The gazetteer (:mod:`kg.extract.gazetteer`) keeps one :class:`NameMatcher` per table
(organizations, places, countries, given names, surnames, companies); the extractors
scan each segment with it. It replaces one giant regex alternation per table: ``re``
tries such a pattern at every position of the text and takes seconds to compile, while
the automaton (ahocorasick-rs, in Rust) reads the text once and is built in a fraction of
a second.

:meth:`NameMatcher.finditer` keeps the results a regex ``(?:name|name|...)FOLLOW`` would
give with ``finditer``: at the leftmost position where a name matches and ``FOLLOW``
holds after it, the longest such name, then the scan goes on after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

import ahocorasick_rs

__all__ = ["WORD_END", "Hits", "NameMatcher", "OnePass", "scanned_together"]

# What an automaton pass yields: ``(index of the name in its automaton, start, end)`` of
# every name found, overlapping ones too, in the order their ends come.
Hits = Iterable[tuple[int, int, int]]

# What may follow a whole name: no letter, digit, "_" or "-".
WORD_END = re.compile(r"(?![\w-])")


# Up to this many names, a text is first searched for each by a substring test.
_FEW = 16


class NameMatcher:
    """Find the names of a fixed set in text, leftmost-longest, as one regex would.

    Parameters
    ----------
    names : iterable of str
        The names (empty ones are ignored; case matters).
    follow : re.Pattern, optional
        Must match (usually a zero-width look-ahead) right after a name for the name to
        count: :data:`WORD_END` by default.
    word_end : bool, optional
        Whether ``follow`` always fails before a letter or digit (true of
        :data:`WORD_END`; not of ``\\b`` after a name ending in "."): most names found
        inside a word ("Pa" of "Paris") are then dropped without running ``follow``.

    Examples
    --------
    >>> m = NameMatcher(["IO", "IOM", "INL"])
    >>> [name for _, _, name in m.finditer("IOM and INL, IOMX and IO.")]
    ['IOM', 'INL', 'IO']
    >>> "INL" in m, m.match_at("the IOM office", 4)
    (True, 7)
    """

    def __init__(
        self, names: Iterable[str], follow: re.Pattern[str] = WORD_END, word_end: bool = True
    ) -> None:
        self.follow = follow
        self.word_end = word_end
        self.names = frozenset(n for n in names if n)
        # Built on the first scan of its own: most of the gazetteer's matchers are only
        # ever read through a one pass (:class:`OnePass`), which has its own automaton.
        self._automaton: ahocorasick_rs.AhoCorasick | None = None
        self.longest = max(map(len, self.names), default=0)

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __len__(self) -> int:
        return len(self.names)

    def finditer(self, text: str, hits: Hits | None = None) -> Iterator[tuple[int, int, str]]:
        """Yield ``(start, end, name)`` of the non-overlapping matches in ``text``.

        The leftmost match first; at one start, the longest name that ``follow`` accepts.
        ``hits``, when given, are this matcher's names in ``text`` as :class:`OnePass`
        found them, in place of a pass of its own.
        """
        if not self.names or (hits is None and self._absent(text)):
            return
        follow = self.follow.match
        longest: dict[int, int] = {}
        inside = self.word_end
        size_of_text = len(text)
        for _, start, end in self._scan(text) if hits is None else hits:
            if inside and end < size_of_text and text[end].isalnum():
                continue
            if end > longest.get(start, -1) and follow(text, end):
                longest[start] = end
        position = 0
        for start in sorted(longest):
            if start >= position:
                position = longest[start]
                yield start, position, text[start:position]

    def starts(self, text: str, hits: Hits | None = None) -> dict[int, list[int]]:
        """Return start → the ends of every name found there, longest first (no ``follow``
        check: for callers that go on matching after the name); ``hits`` as for
        :meth:`finditer`."""
        found: dict[int, list[int]] = {}
        if self.names and not (hits is None and self._absent(text)):
            for _, start, end in self._scan(text) if hits is None else hits:
                found.setdefault(start, []).append(end)
        for ends in found.values():
            ends.sort(reverse=True)
        return found

    def _absent(self, text: str) -> bool:
        """Tell whether a matcher of a few names (those a cable introduces) finds none in
        ``text``: substring tests, in C, beat an automaton pass there."""
        return len(self.names) <= _FEW and not any(name in text for name in self.names)

    def match_at(self, text: str, start: int, follow: re.Pattern[str] | None = None) -> int | None:
        """Return the end of the longest name at ``start`` that ``follow`` (the matcher's
        own by default) accepts, or None."""
        if not self.names:
            return None
        check = (follow or self.follow).match
        best = None
        for _, begin, end in self._scan(text[start : start + self.longest]):
            end += start
            if begin == 0 and (best is None or end > best) and check(text, end):
                best = end
        return best

    def _scan(self, text: str) -> list[tuple[int, int, int]]:
        """This matcher's own automaton pass over ``text`` (see :data:`Hits`)."""
        automaton = self._automaton
        if automaton is None:
            automaton = self._automaton = _automaton(self.names)
            if automaton is None:
                return []
        return _find(automaton, text)

    def __getstate__(self) -> tuple[frozenset[str], re.Pattern[str], bool]:
        # The automaton cannot be pickled: it is built again from the names on the first
        # scan (a tenth of a second for the 64,000 place names).
        return self.names, self.follow, self.word_end

    def __setstate__(self, state: tuple[frozenset[str], re.Pattern[str], bool]) -> None:
        self.__init__(*state)  # type: ignore[misc]


class OnePass:
    """Find the names of several matchers in one automaton pass over a text.

    An automaton pass costs about the same per character whatever the names, so the
    matchers every segment is scanned with share one (see
    :meth:`kg.extract.context.ExtractContext.find`); each matcher then reads its own
    hits with its own ``follow`` rule, as if it had scanned the text itself.

    Examples
    --------
    >>> orgs, pronouns = NameMatcher(["IOM", "IO"]), NameMatcher(["we", "our"])
    >>> hits = OnePass([orgs, pronouns]).scan("we met IOM")
    >>> list(orgs.finditer("we met IOM", hits[orgs])), [hit[1:] for hit in hits[pronouns]]
    ([(7, 10, 'IOM')], [(0, 2)])
    """

    def __init__(self, matchers: Sequence[NameMatcher]) -> None:
        self.matchers = tuple(dict.fromkeys(matchers))
        owners: dict[str, list[int]] = {}
        for index, matcher in enumerate(self.matchers):
            for name in matcher.names:
                owners.setdefault(name, []).append(index)
        # The automaton's names in order, and the matchers each belongs to by its index.
        self._owners = [tuple(indexes) for indexes in owners.values()]
        self._automaton = _automaton(owners)

    def __getstate__(self) -> tuple[tuple[NameMatcher, ...]]:
        # The automaton is built again, as a NameMatcher's is (a state pickle never
        # leaves out: an empty one would skip __setstate__).
        return (self.matchers,)

    def __setstate__(self, state: tuple[tuple[NameMatcher, ...]]) -> None:
        self.__init__(state[0])  # type: ignore[misc]

    def scan(self, text: str) -> dict[NameMatcher, list[tuple[int, int, int]]]:
        """Return each matcher's hits in ``text`` (see :data:`Hits`; the name's index is
        the pass's own), by where they end (the matchers' results do not depend on the
        order of names ending together)."""
        found: list[list[tuple[int, int, int]]] = [[] for _ in self.matchers]
        if self._automaton is not None:
            owners = self._owners
            for hit in _find(self._automaton, text):
                for index in owners[hit[0]]:
                    found[index].append(hit)
        return dict(zip(self.matchers, found, strict=True))


# The module-level matchers of the extractors that scan every segment: they join the
# gazetteer's in the context's one pass (see :func:`scanned_together`).
SCANNED_TOGETHER: list[NameMatcher] = []


def scanned_together(matcher: NameMatcher) -> NameMatcher:
    """Mark a module-level matcher for the extraction context's one pass; return it."""
    SCANNED_TOGETHER.append(matcher)
    return matcher


# Up to this many names, the automaton is a DFA: it scans about twice as fast as the NFA
# the library picks above a hundred names, and is built in a fiftieth of a second for the
# one pass's 6,000; the 64,000 place names would take longer to build than they save.
_DFA_NAMES = 10_000


def _automaton(names: Iterable[str]) -> ahocorasick_rs.AhoCorasick | None:
    """An automaton reporting every occurrence of every name (None for no names)."""
    listed = list(names)
    if not listed:
        return None
    if len(listed) <= _FEW:
        # A matcher a cable makes (its surnames): an NFA is built in half the time, and
        # the library's prefilter finds so few names as fast.
        return ahocorasick_rs.AhoCorasick(
            listed,
            matchkind=ahocorasick_rs.MatchKind.Standard,
            implementation=ahocorasick_rs.Implementation.NoncontiguousNFA,
        )
    if len(listed) <= _DFA_NAMES:
        return ahocorasick_rs.AhoCorasick(
            listed,
            matchkind=ahocorasick_rs.MatchKind.Standard,
            implementation=ahocorasick_rs.Implementation.DFA,
        )
    return ahocorasick_rs.AhoCorasick(listed, matchkind=ahocorasick_rs.MatchKind.Standard)


# Lone surrogates (kept by the parser from bad bytes) cannot be passed to the automaton.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _find(automaton: ahocorasick_rs.AhoCorasick, text: str) -> list[tuple[int, int, int]]:
    """Every ``(name index, start, end)`` of ``automaton``'s names in ``text``."""
    try:
        return automaton.find_matches_as_indexes(text, overlapping=True)
    except UnicodeEncodeError:
        # A stand-in of one character for each keeps the offsets; no name holds one.
        return automaton.find_matches_as_indexes(_SURROGATE.sub("\ufffd", text), overlapping=True)
