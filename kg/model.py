"""The plain data model shared by every stage.

Sources produce :class:`RawCable`, the parser turns it into a :class:`Cable`, the
extractors add :class:`Mention` and :class:`Event` objects to it, and the mappers turn
the result into RDF. Nothing here imports rdflib or any other module of the package, so
the parser stays free of RDF and the mappers never see raw text.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Cable",
    "ClassifiedBy",
    "Classification",
    "Entity",
    "Event",
    "Mention",
    "Paragraph",
    "RawCable",
    "Recipient",
    "Reference",
    "Reject",
    "Tag",
]


@dataclass(slots=True)
class RawCable:
    """One cable as read from a source, before parsing.

    ``text`` is decoded text (never bytes). ``origin`` names where it came from
    (``path`` or ``archive.tar.xz!member``), ``format`` is one of ``html``, ``text``,
    ``body``, ``csv``, ``jsonl``. ``metadata`` holds fields the container already
    states (the CSV dump's columns, a JSON record's keys), keyed by Cable field names.
    """

    text: str
    origin: str
    format: str
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Reject:
    """A cable that could not be read or parsed, recorded instead of raised.

    ``position`` says where in the source the problem is (``line 12``, ``byte 4096``,
    ``row 7``), ``cable_id`` the reference id when one was recognised.
    """

    source: str
    reason: str
    position: str | None = None
    cable_id: str | None = None

    def __str__(self) -> str:
        where = self.source
        if self.cable_id:
            where += f" [{self.cable_id}]"
        if self.position:
            where += f" at {self.position}"
        return f"{where}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        """Return the reject as a JSON-ready dict."""
        return dataclasses.asdict(self)


@dataclass(slots=True)
class Recipient:
    """An addressee of the TO or INFO block of a telegram header."""

    name: str
    route: str | None = None
    precedence: str | None = None
    mcn: str | None = None
    excluded: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Reference:
    """An entry of the REF block.

    ``kind`` is ``CABLE`` (then ``id`` is the canonical cable id), or ``EMAIL``,
    ``TELCON``, ``MEMCON``, ``REPORT``, ``LETTER``, ``WEB``, ``OTHER`` (then ``id`` is
    None). ``text`` is the entry as written, ``bullet`` its letter (``A``) or None.
    """

    kind: str
    text: str
    id: str | None = None
    bullet: str | None = None

    @property
    def value(self) -> str:
        """The cable id for a cable reference, the text otherwise."""
        return self.id if self.id is not None else self.text


@dataclass(slots=True)
class Tag:
    """A TAGS entry: canonical code and kind.

    ``kind`` is one of ``subject``, ``program``, ``geographic``, ``organization``,
    ``person``.
    """

    code: str
    kind: str


@dataclass(slots=True)
class Classification:
    """Classification level and caveats, e.g. ``SECRET`` with ``["NOFORN"]``.

    ``caveats`` joins the metadata's and the banner's (``SIPDIS``, ``SENSITIVE``);
    ``stated`` is the value exactly as the source's metadata states it (the page table's
    ``UNCLASSIFIED//FOR OFFICIAL USE ONLY``), None when only the banner gave one.
    """

    level: str
    caveats: list[str] = field(default_factory=list)
    stated: str | None = field(default=None, repr=False)

    def __str__(self) -> str:
        return "//".join([self.level, *self.caveats])


@dataclass(slots=True)
class ClassifiedBy:
    """The "Classified By" line: who classified, in what role, for which reasons."""

    names: list[str]
    title: str | None = None
    reasons: list[str] = field(default_factory=list)
    text: str = ""


@dataclass(slots=True)
class Paragraph:
    """A paragraph of the body.

    ``number`` is the paragraph number as written (None for unnumbered text),
    ``classification`` the portion marking (``C``, ``SBU``, ``S/NF``) or None,
    ``heading`` the section heading it falls under.
    """

    text: str
    number: int | None = None
    classification: str | None = None
    heading: str | None = None


@dataclass(slots=True)
class Entity:
    """A real-world thing the graph has one node for.

    ``key`` is stable across cables and runs (``org/inl``, ``place/almaty``); ``type``
    is one of ``organization``, ``post``, ``place``, ``person``, ``programme``.
    ``attributes`` carries type-specific facts (``lat``, ``long``, ``country``,
    ``parent``, ``org_type``, ``job_title``, ...).
    """

    key: str
    type: str
    label: str
    alt_labels: list[str] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Mention:
    """Where a cable's text names an entity: paragraph index and character span."""

    entity: Entity
    text: str
    paragraph: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Event:
    """Something that happened, as the cable reports it.

    Dates are ISO strings (``2007-01-23``); ``actors`` and ``place`` are entity keys.
    """

    key: str
    type: str
    label: str
    begin: str | None = None
    end: str | None = None
    place: str | None = None
    actors: list[str] = field(default_factory=list)
    programme: str | None = None
    paragraph: int | None = None
    text: str = ""


@dataclass(slots=True)
class Cable:
    """A parsed cable: every field of the telegram, plus what extraction adds.

    Dates are ISO strings: ``created`` and ``released`` as ``YYYY-MM-DDTHH:MM``,
    ``nondisclosure_deadline`` as ``YYYY-MM-DD``.
    """

    reference_id: str
    canonical_id: str
    source: str = ""
    format: str = ""
    created: str | None = None
    released: str | None = None
    classification: Classification | None = None
    origin: str | None = None
    station: str | None = None
    transmission_id: str | None = None
    is_partial: bool = False
    precedence: str | None = None
    date_time_group: str | None = None
    sender: str | None = None
    sender_route: str | None = None
    recipients: list[Recipient] = field(default_factory=list)
    info_recipients: list[Recipient] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    nondisclosure_deadline: str | None = None
    classified_by: ClassifiedBy | None = None
    tags: list[Tag] = field(default_factory=list)
    subject: str | None = None
    references: list[Reference] = field(default_factory=list)
    summary: str | None = None
    comment: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    signers: list[str] = field(default_factory=list)
    media_urls: list[str] = field(default_factory=list)
    section_count: int | None = None
    header: str = ""
    body: str = ""
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the cable as a JSON-ready dict with snake_case field names.

        Examples
        --------
        >>> Cable(reference_id="07ASTANA367", canonical_id="07ASTANA367").to_dict()["tags"]
        []
        """
        data = dataclasses.asdict(self)
        if self.classification is not None:
            data["classification"]["label"] = str(self.classification)
        return data
