"""Deterministic IRIs of the graph's data, all under one configurable base.

The same input gives the same IRIs on every run and machine: an IRI is the base plus a
key built from the thing's own identifiers (``cable/07ASTANA367``, ``post/astana``,
``tag/PGOV``, ``person/ordway``). Every mapper, the reference-table generator
(tools/build_reference.py) and the extraction stage mint IRIs here and nowhere else.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pyoxigraph import NamedNode

__all__ = [
    "DEFAULT_BASE",
    "addressing_iri",
    "cable_iri",
    "cable_key_id",
    "classification_iri",
    "entity_iri",
    "event_iri",
    "paragraph_iri",
    "slug",
    "tag_iri",
    "version_iri",
]

#: the default base of data IRIs (``store.base_iri`` in config.yaml overrides it)
DEFAULT_BASE = "https://w3id.org/cablegraph/id/"

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_KEY = re.compile(r"^[a-z]+(?:/[A-Za-z0-9][A-Za-z0-9._-]*)+$")


def slug(text: str) -> str:
    """Return ``text`` as a lowercase ASCII key part: letters and digits joined by ``-``.

    Examples
    --------
    >>> slug("USOFFICE ALMATY")
    'usoffice-almaty'
    >>> slug("Côte d'Ivoire")
    'cote-d-ivoire'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", folded.lower()).strip("-")


def entity_iri(base: str, key: str) -> NamedNode:
    """Return the IRI of the entity with ``key`` (``kind/name``) under ``base``.

    Parameters
    ----------
    base : str
        The data base IRI, ending in ``/`` or ``#``.
    key : str
        A stable key such as ``post/astana``, ``org/inl``, ``place/almaty``: a lowercase
        kind, ``/``, then one or more path segments of letters, digits, ``.``, ``_``, ``-``.

    Returns
    -------
    pyoxigraph.NamedNode

    Raises
    ------
    ValueError
        If ``key`` is not of that form (it would give an IRI that differs by run or
        needs escaping).

    Examples
    --------
    >>> entity_iri(DEFAULT_BASE, "post/astana").value
    'https://w3id.org/cablegraph/id/post/astana'
    >>> entity_iri(DEFAULT_BASE, "post/Embassy Astana")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: entity key `post/Embassy Astana` is not valid. It must match ^...
    """
    return _shared_node(base, key)


# Entity keys repeat across cables (posts, countries, TAGS): each is checked and built once
# per process. Bounded, so a worker's memory stays flat over any number of cables. A
# cable's own parts (paragraphs, lines, events) never repeat, so they bypass the cache.
@functools.lru_cache(maxsize=1 << 15)
def _shared_node(base: str, key: str) -> NamedNode:
    return _node(base, key)


def _node(base: str, key: str) -> NamedNode:
    if not _KEY.match(key):
        raise ValueError(f"entity key `{key}` is not valid. It must match {_KEY.pattern}")
    return NamedNode(base + key)


_ID_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def cable_key_id(reference_id: str, canonical_id: str) -> str:
    """Return the id a cable's IRI is keyed by: the id as published, when it is one.

    A cable node is one published document. WikiLeaks published some telegrams twice,
    once under a garbled id (``08ECTION01OF02MANAMA492`` beside ``08MANAMA492``, with
    its own text and typos); keying by the canonical id would make the second page
    replace the first. So the IRI follows the id as published and ``cg:canonicalId``
    names the telegram (citations point at the canonical id). The canonical id is used
    only when the published one cannot be an IRI segment.

    Examples
    --------
    >>> cable_key_id("08ECTION01OF02MANAMA492", "08MANAMA492")
    '08ECTION01OF02MANAMA492'
    >>> cable_key_id("07 ASTANA 367", "07ASTANA367")
    '07ASTANA367'
    """
    published = reference_id.strip()
    return published if _ID_SEGMENT.match(published) else canonical_id


def cable_iri(base: str, cable_id: str) -> NamedNode:
    """Return the IRI of a cable, which is also the name of its graph.

    ``cable_id`` is the id the cable is keyed by (:func:`cable_key_id`), or for a cited
    cable its canonical id.

    Examples
    --------
    >>> cable_iri(DEFAULT_BASE, "07ASTANA367").value
    'https://w3id.org/cablegraph/id/cable/07ASTANA367'
    """
    return entity_iri(base, f"cable/{cable_id}")


def tag_iri(base: str, code: str) -> NamedNode:
    """Return the IRI of a TAGS concept; the code keeps its case (``tag/PGOV``).

    Examples
    --------
    >>> tag_iri(DEFAULT_BASE, "PGOV").value
    'https://w3id.org/cablegraph/id/tag/PGOV'
    """
    return entity_iri(base, "tag/" + re.sub(r"[^A-Za-z0-9_-]+", "_", code.strip()))


def classification_iri(base: str, label: str) -> NamedNode:
    """Return the IRI of a classification level such as ``SECRET//NOFORN``.

    Examples
    --------
    >>> classification_iri(DEFAULT_BASE, "SECRET//NOFORN").value
    'https://w3id.org/cablegraph/id/classification/secret-noforn'
    """
    return entity_iri(base, "classification/" + slug(label))


def paragraph_iri(base: str, cable_id: str, position: int) -> NamedNode:
    """Return the IRI of the paragraph at ``position`` (1-based) of a cable.

    Examples
    --------
    >>> paragraph_iri(DEFAULT_BASE, "07ASTANA367", 9).value
    'https://w3id.org/cablegraph/id/cable/07ASTANA367/paragraph/9'
    """
    if position < 0:  # not a key segment: let _node say so
        return _node(base, f"cable/{cable_id}/paragraph/{position}")
    return NamedNode(f"{_cable_prefix(base, cable_id)}paragraph/{position}")


# A cable has a dozen paragraphs and one id: the id is checked once per cable (cable_iri
# is cached), not per paragraph (``paragraph/<n>`` after a valid cable key is valid).
def _cable_prefix(base: str, cable_id: str) -> str:
    return cable_iri(base, cable_id).value + "/"


def addressing_iri(base: str, cable_id: str, role: str, position: int) -> NamedNode:
    """Return the IRI of the ``position``-th (1-based) line of a cable's TO or INFO block.

    Examples
    --------
    >>> addressing_iri(DEFAULT_BASE, "07ASTANA367", "INFO", 2).value
    'https://w3id.org/cablegraph/id/cable/07ASTANA367/info/2'
    """
    return _node(base, f"cable/{cable_id}/{role.lower()}/{position}")


def event_iri(base: str, cable_id: str, name: str) -> NamedNode:
    """Return the IRI of an event a cable reports, keyed like the cable's IRI.

    Examples
    --------
    >>> event_iri(DEFAULT_BASE, "07ASTANA367", "3").value
    'https://w3id.org/cablegraph/id/event/07ASTANA367/3'
    """
    return _node(base, f"event/{cable_id}/{name}")


def version_iri(base: str, canonical_id: str, version: str) -> NamedNode:
    """Return the IRI of one text of a cable: its first 12 hex digits of the text hash.

    A re-released cable (same id, new text) gets a new version node; the cable's own IRI
    stays the current cable.

    Examples
    --------
    >>> version_iri(DEFAULT_BASE, "07ASTANA367", "8a5b0c3a3e3a0f00aa").value
    'https://w3id.org/cablegraph/id/cable/07ASTANA367/version/8a5b0c3a3e3a'
    """
    return _node(base, f"cable/{canonical_id}/version/{version[:12]}")
