"""Assembles a :class:`~kg.model.Cable` from the field parsers.

:func:`parse_cable` takes any text a user has (a WikiLeaks cable page, a plain-text
telegram with or without web boilerplate around it, a Cablegate CSV-dump row, a body-only
text, or a fragment such as a TAGS line or a REF block); :func:`parse_raw` takes what
:mod:`kg.sources` yields. :mod:`kg.parse.page` first separates wrapper metadata, header and
body; each field then comes from its own module (header side: ``header``, ``tags``,
``subject``, ``declassify``, ``ids``; body side: ``references``, ``classified_by``,
``body``). Called by :mod:`kg.pipeline`, the conformance harness and the public API.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from kg.errors import ParseError
from kg.model import Cable, RawCable
from kg.parse import header as hdr
from kg.parse.body import (
    parse_comment,
    parse_paragraphs,
    parse_signers,
    parse_summary,
)
from kg.parse.classified_by import parse_classified_by
from kg.parse.declassify import parse_nondisclosure_deadline
from kg.parse.ids import REFERENCE_ID, canonical_id, canonical_station, full_year, split_id
from kg.parse.page import Page, extract
from kg.parse.prepared import drop_page_breaks, prepare_body
from kg.parse.references import parse_references
from kg.parse.subject import parse_subject, parse_wrapper_subject
from kg.parse.tags import parse_tags

__all__ = ["parse_cable", "parse_raw"]

_FORMATS = ("auto", "html", "text", "body", "csv", "fragment", "jsonl")
# The banner names station and serial: "UNCLAS SECTION 01 OF 02 ASTANA 000367",
# "C O N F I D E N T I A L 75 LIBREVILLE 1895".
_BANNER_ID = re.compile(
    r"^[ \t]*(?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL USE|"
    r"C O N F I D E N T I A L|S E C R E T)[ \t]+(?:E F T O[ \t]+|EFTO[ \t]+)?"
    r"(?:SECTION[ \t]+[0-9]+[ \t]+OF[ \t]+[0-9]+[ \t]+)?(?:(?P<yy>[0-9]{2})[ \t]+)?"
    r"(?P<station>[A-Z][A-Z .'\-]{1,40}?)[ \t]+0*(?P<serial>[0-9]{1,7})[ \t]*$",
    re.MULTILINE,
)
_ORIGIN_PREFIXES = (
    ("AMEMBASSY ", "Embassy "),
    ("AMCONSUL ", "Consulate "),
    ("USMISSION ", "Mission "),
)
# Control characters that never occur in text (tab, newlines and form feed do), as bytes:
# deleting them from the UTF-8 of a page's head is ~6x faster than a regex search.
_NOT_TEXT = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])


def _origin_from_sender(sender: str | None) -> str | None:
    if not sender:
        return None
    if sender.startswith("SECSTATE"):
        return "Secretary of State"
    for prefix, word in _ORIGIN_PREFIXES:
        if sender.startswith(prefix):
            return word + sender[len(prefix) :].title()
    return sender


def _id_from_banner(body: str, created: str | None) -> str | None:
    match = _BANNER_ID.search(body[:3000])
    if not match:
        return None
    year = match["yy"] or (created[2:4] if created else None)
    if year is None:
        return None
    return f"{year}{canonical_station(match['station'])}{int(match['serial'])}"


def _id_from_source(source: str) -> str | None:
    stem = PurePosixPath(source.rsplit("!", 1)[-1].replace("\\", "/")).name.rsplit(".", 1)[0]
    stem = stem.upper()
    return stem if REFERENCE_ID.match(canonical_id(stem)) and stem[:2].isdigit() else None


def _reference_id(page: Page, body: str, created: str | None, source: str) -> str:
    if page.reference_id:
        return page.reference_id
    if page.format == "fragment":
        return ""
    return _id_from_source(source) or _id_from_banner(body, created) or ""


def _citing_year(
    year: int | None, parts: tuple[str, str, int] | None, created: str | None
) -> int | None:
    if year is not None:
        return year
    if parts:
        return full_year(parts[0])
    return int(created[:4]) if created else None


def parse_cable(
    text: str, *, year: int | None = None, format: str = "auto", source: str = "<text>"
) -> Cable:
    """Parse a cable, or a fragment of one, into a :class:`~kg.model.Cable`.

    Parameters
    ----------
    text : str
        A WikiLeaks cable page, a plain-text telegram (web boilerplate around it is
        cut off), a Cablegate CSV-dump row, a body-only text, or a fragment such as a
        TAGS line, a REF block, a header or a "Classified By" line.
    year : int, optional
        The citing cable's year, for references written without one. Defaults to the
        year of the cable's id or creation date.
    format : str
        ``auto`` (detect), ``html``, ``text``, ``body``, ``csv`` or ``fragment``.
    source : str
        Where the text came from, for error messages and as a last resort for the id
        (a file named ``07ASTANA367.txt``).

    Returns
    -------
    Cable
        Fields that were not found stay empty; a fragment without an id has
        ``reference_id == canonical_id == ""``; a cable without a SUBJECT line has
        ``subject == ""``.

    Raises
    ------
    ParseError
        When ``text`` is empty, binary, or ``format`` is not one of the allowed names.

    Examples
    --------
    >>> cable = parse_cable("TAGS: SNAR PINS KZ\\nSUBJECT: INL CONDUCTS TRAINING")
    >>> [t.code for t in cable.tags], cable.subject, cable.reference_id
    (['SNAR', 'PINS', 'KZ'], 'INL CONDUCTS TRAINING', '')
    """
    if format not in _FORMATS:
        raise ParseError(
            f"format `{format}` is not valid. It must be in: {list(_FORMATS)}", source=source
        )
    if not text or text.isspace():  # not text.strip(): that copies a ~70 KB page
        raise ParseError("empty input: no cable text", source=source)
    start = text[:4096].encode("utf-8", "surrogatepass")
    if len(start.translate(None, _NOT_TEXT)) != len(start):
        raise ParseError("binary input: control characters in the text", source=source)
    page = extract(text, format)
    head, body = page.header, drop_page_breaks(page.body)
    prepared = prepare_body(body)
    both = body if head == body else f"{head}\n\n{body}"
    precedence, dtg, dtg_created = hdr.parse_date_time_group(head)
    created = page.created or dtg_created
    sender = hdr.parse_sender(head)
    reference_id = _reference_id(page, body, created, source)
    canonical = canonical_id(reference_id) if reference_id else ""
    parts = split_id(canonical) if canonical else None
    # A fragment has no id of its own, but its file name may tell which cable it is from.
    from_source = _id_from_source(source) if parts is None else None
    citing = split_id(from_source) if from_source else parts
    # A page whose body lacks the SUBJECT line still names the subject in its title
    # (only its first line: WikiLeaks cut titles there), or in the e-mail it came in.
    subject = parse_subject(body) or page.title or parse_wrapper_subject(head)
    cable = Cable(
        reference_id=reference_id,
        canonical_id=canonical,
        source=source,
        format=page.format,
        created=created,
        released=page.released,
        classification=hdr.parse_classification(body, page.classification),
        origin=page.origin or _origin_from_sender(sender),
        station=parts[1] if parts else None,
        transmission_id=hdr.parse_transmission_id(head),
        is_partial=hdr.parse_is_partial(both),
        precedence=precedence,
        date_time_group=dtg,
        sender=sender,
        sender_route=hdr.parse_sender_route(head),
        recipients=hdr.parse_recipients(head),
        info_recipients=hdr.parse_info_recipients(head),
        addressees=hdr.parse_addressees(body),
        nondisclosure_deadline=parse_nondisclosure_deadline(body),
        classified_by=parse_classified_by(body),
        tags=parse_tags(body),
        subject=subject,
        references=parse_references(
            body,
            _citing_year(year, citing, created),
            station=citing[1] if citing else None,
        ),
        summary=parse_summary(prepared),
        comment=parse_comment(prepared),
        paragraphs=parse_paragraphs(prepared),
        signers=parse_signers(body),
        media_urls=page.media_urls,
        section_count=hdr.parse_section_count(body),
        header=head if page.format != "fragment" else "",
        body=body,
    )
    return cable


def _has_content(cable: Cable) -> bool:
    return bool(
        cable.reference_id
        or cable.tags
        or cable.subject
        or cable.recipients
        or cable.info_recipients
        or cable.transmission_id
        or cable.classification
    )


def parse_raw(raw: RawCable) -> Cable:
    """Parse what a source yielded, using the metadata the container states.

    Parameters
    ----------
    raw : RawCable
        ``metadata`` keys named like Cable fields (the CSV dump's ``reference_id``,
        ``created``, ``classification``, ``origin``, ``header``...) override what the
        text says.

    Returns
    -------
    Cable

    Raises
    ------
    ParseError
        When the text is empty or binary, or holds nothing of a cable (no id, no
        header, no TAGS, no subject), so the pipeline records a reject.
    """
    meta = raw.metadata or {}
    text = raw.text
    fmt = raw.format if raw.format in _FORMATS else "auto"
    if fmt == "csv" and not text.lstrip()[:4].isdigit():
        fmt = "text"
    cable = parse_cable(text, format=fmt, source=raw.origin)
    for key in ("reference_id", "created", "released", "origin"):
        value = meta.get(key)
        if value:
            setattr(cable, key, str(value))
    if meta.get("reference_id"):
        cable.canonical_id = canonical_id(str(meta["reference_id"]))
        parts = split_id(cable.canonical_id)
        cable.station = parts[1] if parts else cable.station
    if meta.get("classification"):
        cable.classification = hdr.parse_classification(cable.body, str(meta["classification"]))
    if not _has_content(cable):
        raise ParseError(
            "no cable found: no reference id, routing header, TAGS line or subject",
            source=raw.origin,
        )
    return cable
