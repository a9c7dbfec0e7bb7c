"""What each synthetic cable says: the generator's ground truth, before any rendering.

:func:`iter_specs` draws one :class:`CableSpec` after another from a seeded
``random.Random``, in order of creation, so a cable's REF lines can cite cables generated
before it. Memory stays flat: only a bounded window of recent ids is kept for references.
:mod:`kg.synth.telegram` renders a spec as telegram text; tests compare what the parser
reads back with the spec's fields.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from string import Formatter

from kg.synth.vocabulary import (
    AGENCIES,
    AMERICAN_NAMES,
    COLLECTIVES,
    LOCAL_NAMES,
    MINISTRIES,
    OFFICER_TITLES,
    OFFICES,
    OFFICIAL_TITLES,
    POSTS,
    TOPICS,
    VISITOR_TITLES,
    Organization,
    Post,
    Topic,
)

__all__ = [
    "CableSpec",
    "EventSpec",
    "MentionSpec",
    "ParagraphSpec",
    "ReferenceSpec",
    "iter_specs",
]

FIRST_CREATED = datetime(2003, 1, 1)
LAST_CREATED = datetime(2010, 2, 28)
FIRST_RELEASED = datetime(2010, 11, 28)
RELEASE_DAYS = 280
#: how many recent ids REF lines may cite (per post, and overall)
POST_WINDOW = 40
GLOBAL_WINDOW = 2000

_LEVELS = (
    # classification, weight in percent (roughly Cablegate's mix)
    ("UNCLASSIFIED", 34),
    ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", 18),
    ("CONFIDENTIAL", 36),
    ("CONFIDENTIAL//NOFORN", 4),
    ("SECRET", 6),
    ("SECRET//NOFORN", 2),
)
_MARKINGS = {
    "UNCLASSIFIED": (None,),
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY": ("SBU", "SBU", "U"),
    "CONFIDENTIAL": ("C", "C", "SBU", "U"),
    "CONFIDENTIAL//NOFORN": ("C/NF", "C", "SBU"),
    "SECRET": ("S", "C", "C", "SBU"),
    "SECRET//NOFORN": ("S/NF", "S", "C", "SBU"),
}
_REASONS = (
    ("1.4(b)", "1.4(d)"),
    ("1.4(b)", "1.4(d)"),
    ("1.4(b)", "1.4(d)"),
    ("1.4(b)",),
    ("1.4(d)",),
    ("1.4(c)", "1.4(d)"),
)
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ReferenceSpec:
    """A REF entry: the cited cable's id and the way the REF line writes it."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class ParagraphSpec:
    """A numbered paragraph: portion marking (None when unmarked), section heading, text."""

    number: int
    marking: str | None
    heading: str | None
    text: str


@dataclass(frozen=True, slots=True)
class MentionSpec:
    """An entity a cable names: ``organization``, ``place`` or ``person``, by its label."""

    type: str
    label: str
    acronym: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class EventSpec:
    """A dated event the text reports (``training``, ``meeting``, ``conference``, ``visit``)."""

    type: str
    begin: date
    end: date
    place: str
    actors: tuple[str, ...]
    paragraph: int


@dataclass(frozen=True, slots=True)
class CableSpec:
    """Everything a synthetic cable states, field by field."""

    reference_id: str
    post: Post
    serial: int
    created: datetime
    released: datetime
    classification: str
    precedence: str
    transmission_id: str
    mcn: int
    info: tuple[tuple[str, int | None], ...]
    action: str
    tags: tuple[str, ...]
    subject: str
    references: tuple[ReferenceSpec, ...]
    classifier: tuple[str, str] | None
    classification_reasons: tuple[str, ...]
    declassify_on: date | None
    paragraphs: tuple[ParagraphSpec, ...]
    signer: str
    mentions: tuple[MentionSpec, ...]
    events: tuple[EventSpec, ...]

    @property
    def path(self) -> str:
        """Where the WikiLeaks archive keeps the page: ``cable/2007/02/07ASTANA367.html``."""
        return f"cable/{self.created:%Y/%m}/{self.reference_id}.html"


@dataclass(slots=True)
class _Earlier:
    """A cable generated before, as later REF lines may cite it."""

    id: str
    post: Post
    year: int
    serial: int


def iter_specs(count: int, seed: int) -> Iterator[CableSpec]:
    """Yield ``count`` cable specs in order of creation, the same ones for the same seed.

    Parameters
    ----------
    count : int
        How many cables; creation times spread evenly from 2003-01-01 to 2010-02-28.
    seed : int
        Seed of the one ``random.Random`` every choice is drawn from.

    Returns
    -------
    Iterator[CableSpec]
        Specs with unique reference ids whose references cite earlier specs (or STATE
        cables outside the corpus).

    Examples
    --------
    >>> specs = list(iter_specs(3, seed=1))
    >>> [s.created < t.created for s, t in zip(specs, specs[1:])]
    [True, True]
    >>> len({s.reference_id for s in specs})
    3
    """
    return _SpecWriter(seed).specs(count)


class _SpecWriter:
    """The state that carries from one cable to the next: serials, MCNs, recent ids."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        # Some posts report far more than others, as in Cablegate.
        self.post_weights = [self.rng.uniform(0.2, 3.0) for _ in POSTS]
        self.serials: dict[tuple[str, int], int] = {}
        self.mcns: dict[str, int] = {post.station: self.rng.randrange(10000) for post in POSTS}
        self.recent: deque[_Earlier] = deque(maxlen=GLOBAL_WINDOW)
        self.recent_by_post: dict[str, deque[_Earlier]] = {
            post.station: deque(maxlen=POST_WINDOW) for post in POSTS
        }

    def specs(self, count: int) -> Iterator[CableSpec]:
        step = (LAST_CREATED - FIRST_CREATED) / max(count, 1)
        for index in range(count):
            # Strictly increasing: each cable falls in its own slot of the time range.
            offset = step * index + step * self.rng.random() * 0.9
            created = (FIRST_CREATED + offset).replace(second=0, microsecond=0)
            yield self.spec(created)

    def spec(self, created: datetime) -> CableSpec:
        rng = self.rng
        post = rng.choices(POSTS, weights=self.post_weights)[0]
        year = created.year
        key = (post.station, year)
        # Serials grow with the day of the year at the post's own pace, with gaps: most
        # of a post's traffic was never released.
        pace = self.post_weights[post.number - 1] * 3
        floor = int(created.timetuple().tm_yday * pace)
        serial = max(self.serials.get(key, 0) + rng.randint(1, 3), floor)
        self.serials[key] = serial
        reference_id = f"{year % 100:02d}{post.station}{serial}"
        self.mcns[post.station] = (self.mcns[post.station] + rng.randint(1, 4)) % 10000

        classification = rng.choices(
            [level for level, _ in _LEVELS], weights=[w for _, w in _LEVELS]
        )[0]
        topic = rng.choice(TOPICS)
        cast = _Cast.draw(rng, post, topic, created)
        body = _BodyWriter(rng, post, topic, cast, created, classification).paragraphs()
        references = self.references(post, year)
        self.recent.append(_Earlier(reference_id, post, year, serial))
        self.recent_by_post[post.station].append(self.recent[-1])

        classified = not classification.startswith("UNCLASSIFIED")
        return CableSpec(
            reference_id=reference_id,
            post=post,
            serial=serial,
            created=created,
            released=FIRST_RELEASED + timedelta(minutes=rng.randrange(RELEASE_DAYS * 24 * 60)),
            classification=classification,
            precedence=rng.choices("RPO", weights=(70, 22, 8))[0],
            transmission_id=(
                f"VZCZCXRO{rng.randrange(10000):04d}" if rng.random() < 0.6 else "VZCZCXYZ0000"
            ),
            mcn=self.mcns[post.station],
            info=self.info(post),
            action=self.action(post, topic),
            tags=self.tags(post, topic),
            subject=rng.choice(topic.subjects).format(
                country=_country_word(post.country), city=cast.cities[0].upper()
            ),
            references=references,
            classifier=_split_officer(cast.officer) if classified else None,
            classification_reasons=rng.choice(_REASONS) if classified else (),
            declassify_on=_add_years(created.date(), 10) if classified else None,
            paragraphs=body.paragraphs,
            signer=cast.signer.split()[-1].upper(),
            mentions=body.mentions,
            events=body.events,
        )

    def references(self, post: Post, year: int) -> tuple[ReferenceSpec, ...]:
        rng = self.rng
        wanted = rng.choices((0, 1, 2, 3, 4), weights=(45, 30, 14, 7, 4))[0]
        chosen: dict[str, ReferenceSpec] = {}
        for _ in range(wanted):
            draw = rng.random()
            own = self.recent_by_post[post.station]
            if draw < 0.6 and own:
                cited = own[rng.randrange(len(own))]
            elif draw < 0.82 and self.recent:
                cited = self.recent[rng.randrange(len(self.recent))]
            else:
                # A Department cable: cited, but not part of the corpus.
                state_year = year - rng.choice((0, 0, 0, 1))
                number = rng.randint(100, 130000)
                cited = _Earlier(f"{state_year % 100:02d}STATE{number}", _STATE, state_year, number)
            if cited.id not in chosen:
                chosen[cited.id] = ReferenceSpec(cited.id, _written_reference(rng, cited, year))
        return tuple(chosen.values())

    def info(self, post: Post) -> tuple[tuple[str, int | None], ...]:
        rng = self.rng
        neighbours = [p for p in POSTS if p.region == post.region and p is not post]
        chosen = rng.sample(neighbours, k=min(len(neighbours), rng.randint(0, 3)))
        info: list[tuple[str, int | None]] = [
            (f"{p.route}/{p.sender}", rng.randrange(10000)) for p in chosen
        ]
        if rng.random() < 0.5:
            info.append((rng.choice(COLLECTIVES[post.region]), rng.randrange(10000)))
        agencies = rng.sample(COLLECTIVES[""], k=rng.choice((0, 0, 1, 2)))
        info.extend((agency, None) for agency in agencies)
        return tuple(info)

    def action(self, post: Post, topic: Topic) -> str:
        rng = self.rng
        offices = [rng.choice(OFFICES[post.region]), rng.choice(OFFICES[""])]
        if topic.agencies[0] == "INL":
            offices.append("INL")
        return "STATE FOR " + ", ".join(dict.fromkeys(offices))

    def tags(self, post: Post, topic: Topic) -> tuple[str, ...]:
        rng = self.rng
        subject_tags = rng.sample(topic.tags, k=rng.randint(2, len(topic.tags)))
        extra = rng.sample(("PREL", "PGOV", "ECON", "EAID"), k=rng.choice((0, 0, 1)))
        return tuple(dict.fromkeys([*subject_tags, *extra, post.fips]))


_STATE = Post("STATE", "STATE", "RUEHC", "the United States", "US", "", ("Washington",), "")


def _written_reference(rng: random.Random, cited: _Earlier, year: int) -> str:
    """How a REF line writes the cited id: ``07 ASTANA 367``, ``ASTANA 367``, ``07ASTANA367``."""
    form = rng.random()
    if cited.year == year and form < 0.3:
        return f"{cited.post.name} {cited.serial}"
    if form < 0.92:
        return f"{cited.year % 100:02d} {cited.post.name} {cited.serial}"
    return cited.id


@dataclass(frozen=True, slots=True)
class _Cast:
    """Who and what one cable talks about."""

    agencies: tuple[Organization, ...]
    ministries: tuple[Organization, ...]
    officials: tuple[tuple[str, str], ...]  # (title, name)
    cities: tuple[str, ...]
    officer: str  # "Political Officer Mary Ashford"
    signer: str  # "Mary Ashford"
    visitor: tuple[str, str]

    @classmethod
    def draw(cls, rng: random.Random, post: Post, topic: Topic, created: datetime) -> _Cast:
        agencies = tuple(AGENCIES[a] for a in rng.sample(topic.agencies, k=2))
        ministries = tuple(m for m in MINISTRIES if m.acronym in topic.ministries)
        ministries = tuple(rng.sample(ministries, k=min(2, len(ministries))))
        officials = tuple(
            (OFFICIAL_TITLES[m.acronym][rank], _local_name(post, m.acronym, rank, created.year))
            for m in ministries
            for rank in (rng.randint(0, 1),)
        )
        cities = tuple(rng.sample(post.cities, k=min(3, len(post.cities))))
        ambassador = _american_name(post.number, created.year // 3)
        if rng.random() < 0.15:
            chief = _american_name(post.number + 17, created.year // 2)
            signer, officer = chief, f"CDA {chief}"
        else:
            signer = ambassador
            title = rng.choice(OFFICER_TITLES)
            name = ambassador if title == "Ambassador" else _american_name(rng.randrange(400), 0)
            officer = f"{title} {name}"
        visitor = (rng.choice(VISITOR_TITLES), _american_name(rng.randrange(400), 1))
        return cls(agencies, ministries, officials, cities, officer, signer, visitor)


def _local_name(post: Post, office: str, rank: int, year: int) -> str:
    """A fictional official who keeps the job across cables for a few years."""
    given, family = LOCAL_NAMES[post.names]
    n = sum(map(ord, post.station + office)) + rank * 7 + year // 4
    return f"{given[n % len(given)]} {family[(n // len(given)) % len(family)]}"


def _american_name(n: int, era: int) -> str:
    given, family = AMERICAN_NAMES
    k = n * 31 + era * 7
    return f"{given[k % len(given)]} {family[(n + era * 3) % len(family)]}"


class _BodyWriter:
    """Writes the numbered paragraphs of one cable and records what they mention."""

    def __init__(
        self,
        rng: random.Random,
        post: Post,
        topic: Topic,
        cast: _Cast,
        created: datetime,
        classification: str,
    ) -> None:
        self.rng = rng
        self.post = post
        self.topic = topic
        self.cast = cast
        self.created = created
        self.markings = _MARKINGS[classification]
        self.named: set[str] = set()
        self.mentions: dict[tuple[str, str], MentionSpec] = {}
        self.events: list[EventSpec] = []
        self.paragraphs_: list[ParagraphSpec] = []

    def paragraphs(self) -> _Body:
        rng = self.rng
        headings = rng.sample(self.topic.headings, k=rng.randint(1, len(self.topic.headings)))
        summary = f"Summary:  {self.event_sentence()}  {self.sentence()}  End summary."
        self.add(None, summary)
        for heading in headings:
            for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
                sentences = [self.sentence() for _ in range(rng.randint(2, 6))]
                if rng.random() < 0.35:
                    sentences.insert(rng.randrange(len(sentences) + 1), self.event_sentence())
                self.add(heading, "  ".join(sentences))
        if rng.random() < 0.4:
            self.add("COMMENT", f"Comment:  {self.comment()}  End comment.")
        mentions = tuple(self.mentions[key] for key in sorted(self.mentions))
        return _Body(tuple(self.paragraphs_), mentions, tuple(self.events))

    def add(self, heading: str | None, text: str) -> None:
        marking = self.rng.choice(self.markings)
        self.paragraphs_.append(ParagraphSpec(len(self.paragraphs_) + 1, marking, heading, text))

    # --- names: full form with acronym at first mention, acronym after, as cables do
    def org(self, org: Organization, *, ministry: bool = False) -> str:
        label = f"{_adjective(self.post.country)} {org.name}" if ministry else org.name
        self.mentions[("organization", label)] = MentionSpec("organization", label, org.acronym)
        if org.acronym in self.named:
            return org.acronym
        self.named.add(org.acronym)
        return f"the {label} ({org.acronym})"

    def place(self, city: str) -> str:
        self.mentions[("place", city)] = MentionSpec("place", city)
        return city

    def person(self, title: str, name: str) -> str:
        self.mentions[("person", name)] = MentionSpec("person", name, title=title)
        if name in self.named:
            return name.split()[-1]
        self.named.add(name)
        return f"{title} {name}"

    def pick_org(self) -> str:
        cast = self.cast
        if self.rng.random() < 0.6 or not cast.ministries:
            return self.org(self.rng.choice(cast.agencies))
        return self.org(self.rng.choice(cast.ministries), ministry=True)

    def pick_official(self) -> str:
        return self.person(*self.rng.choice(self.cast.officials))

    # --- sentences
    def event_sentence(self) -> str:
        rng = self.rng
        kind = rng.choice(("training", "meeting", "conference", "visit"))
        days = 1 if kind == "meeting" else rng.randint(2, 5)
        begin = self.created.date() - timedelta(days=rng.randint(days + 1, 45))
        end = begin + timedelta(days=days - 1)
        city = self.place(rng.choice(self.cast.cities))
        theme = rng.choice(self.topic.themes)
        actors: list[str] = []
        if kind == "training":
            first, second = self.cast.agencies
            text = (
                f"{_capitalized(self.org(first))}, in cooperation with {self.org(second)}, "
                f"conducted a {_number_word(days)}-day training course on {theme} for "
                f"{' and '.join(rng.sample(self.topic.audiences, k=2))} in {city} "
                f"{_date_range(begin, end)}."
            )
            actors = [first.acronym, second.acronym]
        elif kind == "meeting":
            official = rng.choice(self.cast.officials)
            text = (
                f"On {_day(begin)}, {self.person(*_split_officer(self.cast.officer))} met with "
                f"{self.person(*official)} in {city} to discuss {theme}."
            )
            actors = [official[1]]
        elif kind == "conference":
            host = rng.choice(self.cast.agencies)
            text = (
                f"{_capitalized(self.org(host))} hosted a regional conference on {theme} in {city} "
                f"{_date_range(begin, end)}, attended by {rng.randint(3, 12) * 10} "
                f"{rng.choice(self.topic.audiences)} from {self.post.country} and neighboring "
                "countries."
            )
            actors = [host.acronym]
        else:
            title, name = self.cast.visitor
            text = (
                f"{self.person(title, name)} visited {city} {_date_range(begin, end)} and met "
                f"with {rng.choice(self.topic.audiences)} and {self.pick_official()}."
            )
            actors = [name]
        paragraph = len(self.paragraphs_) + 1
        self.events.append(EventSpec(kind, begin, end, city, tuple(actors), paragraph))
        return text

    def sentence(self) -> str:
        parts: list[str] = []
        used: set[str] = set()
        for literal, slot in self.rng.choice(_SENTENCES):
            parts.append(literal)
            if slot:
                # Redraw a few times so that "{org} and {org}" names two different bodies.
                for _ in range(4):
                    value = _SLOTS[slot](self)
                    if value not in used:
                        break
                used.add(value)
                parts.append(value)
        return _capitalized("".join(parts))

    def comment(self) -> str:
        theme = self.rng.choice(self.topic.themes)
        return (
            f"Post believes that {theme} will remain a difficult issue for "
            f"{self.post.country} in the coming year.  {_capitalized(self.pick_org())} has "
            "been a reliable partner, and we will continue to engage."
        )


#: what each ``{slot}`` of a sentence template draws, given the body writer
_SLOTS: dict[str, Callable[[_BodyWriter], str]] = {
    "official": _BodyWriter.pick_official,
    "officer": lambda w: w.person(*_split_officer(w.cast.officer)),
    "org": _BodyWriter.pick_org,
    "city": lambda w: w.place(w.rng.choice(w.cast.cities)),
    "theme": lambda w: w.rng.choice(w.topic.themes),
    "audience": lambda w: w.rng.choice(w.topic.audiences),
    "country": lambda w: w.post.country,
    "year": lambda w: str(w.created.year),
    "past_year": lambda w: str(w.created.year - w.rng.randint(1, 4)),
    "next_year": lambda w: str(w.created.year + 1),
    "number": lambda w: str(w.rng.randint(2, 40) * 50),
}

_SENTENCE_TEXTS = (
    "{official} told {officer} that the government would give priority to {theme}.",
    "The participants discussed best practices of {theme}, exchanged real-world experiences, "
    "and advocated strengthening the dialogue between agencies.",
    "According to {official}, {org} plans to extend its work on {theme} to all regions of "
    "{country}, starting with {city}.",
    "{org} will continue to support {theme} in {city} and {city}.",
    "Representatives of {org} noted that {theme} remains a priority, but that funding beyond "
    "{next_year} is not yet secured.",
    "{org} and {org} agreed to meet again in {city} to review progress on {theme}.",
    "Observers in {city} say {theme} has improved since {past_year}, though much remains to "
    "be done.",
    "{official} complained that {org} had been slow to respond to requests for help with {theme}.",
    "In a separate meeting, {official} asked {officer} whether the USG could fund further work "
    "on {theme}.",
    "{org} estimates that more than {number} {audience} in {country} have taken part in "
    "programs on {theme} since {past_year}.",
    "Local press in {city} reported extensively on {theme} during the week of the visit.",
    "{officer} stressed that continued cooperation with {org} on {theme} is a priority for "
    "the Embassy.",
    "{official} said the draft law on {theme} would go to parliament before the end of {year}.",
    "Contacts at {org} told us that {audience} in {city} remain skeptical about {theme}.",
    "{org} has requested a second round of funding for {theme} in {city}, which Post supports.",
    "NGO representatives in {city} said that progress on {theme} depends on political will "
    "more than on resources.",
    "Post will report further on {theme} septel.",
)
#: the templates split into (literal text, slot name or None) pairs once, at import
_SENTENCES = tuple(
    tuple((literal, slot) for literal, slot, _, _ in Formatter().parse(text))
    for text in _SENTENCE_TEXTS
)


@dataclass(frozen=True, slots=True)
class _Body:
    paragraphs: tuple[ParagraphSpec, ...]
    mentions: tuple[MentionSpec, ...]
    events: tuple[EventSpec, ...]


def _split_officer(officer: str) -> tuple[str, str]:
    words = officer.split()
    return " ".join(words[:-2]), " ".join(words[-2:])


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _country_word(country: str) -> str:
    return country.removeprefix("the ").upper()


def _adjective(country: str) -> str:
    # "the Kazakhstan Ministry of Justice" reads as cables write it; no demonym table needed.
    return country.removeprefix("the ")


def _number_word(n: int) -> str:
    return ("one", "two", "three", "four", "five")[n - 1]


def _day(day: date) -> str:
    return f"{_MONTH_NAMES[day.month - 1]} {day.day}"


def _date_range(begin: date, end: date) -> str:
    """``January 23-26``, ``March 30 - April 2``, or ``on May 4`` for one day."""
    if begin == end:
        return f"on {_day(begin)}"
    if begin.month == end.month:
        return f"{_day(begin)}-{end.day}"
    return f"{_day(begin)} - {_day(end)}"


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # February 29
        return day.replace(year=day.year + years, day=28)
