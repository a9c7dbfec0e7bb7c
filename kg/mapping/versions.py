"""Versions of a cable's text: which text the cable's graph was built from, what it revises.

Not a registered aspect: a version is a fact about the text read, which the mappers never
see. :mod:`kg.work` adds :func:`current_version_quads` to each cable's quads (the hash is
computed there); the build adds :func:`revision_quads` when a cable's text changed since
the last build, or when one run reads two texts of the same cable.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, Quad

from kg.mapping.iris import cable_iri, version_iri
from kg.mapping.terms import DEFAULT_GRAPH, T

__all__ = ["current_version_quads", "revision_quads"]


def current_version_quads(base: str, canonical_id: str, version: str) -> Iterator[Quad]:
    """Yield the version node of a text (default graph) and the cable's link to it.

    Parameters
    ----------
    base : str
        The data base IRI.
    canonical_id : str
        The cable's canonical id.
    version : str
        The text's hash (hex SHA-256, :func:`kg.work.text_hash`).

    Examples
    --------
    >>> from kg.mapping.iris import DEFAULT_BASE
    >>> for q in current_version_quads(DEFAULT_BASE, "07ASTANA367", "ab" * 32):
    ...     print(q.predicate.value.rsplit("#", 1)[1], q.graph_name)
    currentVersion <https://w3id.org/cablegraph/id/cable/07ASTANA367>
    type DEFAULT
    versionOf DEFAULT
    textHash DEFAULT
    """
    cable = cable_iri(base, canonical_id)
    node = version_iri(base, canonical_id, version)
    yield Quad(cable, T.currentVersion, node, cable)
    yield Quad(node, T.type, T.CableVersion)
    yield Quad(node, T.versionOf, cable)
    yield Quad(node, T.textHash, Literal(version))


def revision_quads(base: str, canonical_id: str, version: str, previous: str) -> Iterator[Quad]:
    """Yield ``version prov:wasRevisionOf previous`` (default graph); nothing if equal.

    Examples
    --------
    >>> from kg.mapping.iris import DEFAULT_BASE
    >>> [q] = revision_quads(DEFAULT_BASE, "07ASTANA367", "b" * 64, "a" * 64)
    >>> q.subject.value.rsplit("/", 1)[1], q.object.value.rsplit("/", 1)[1]
    ('bbbbbbbbbbbb', 'aaaaaaaaaaaa')
    """
    if version[:12] != previous[:12]:
        yield Quad(
            version_iri(base, canonical_id, version),
            T.wasRevisionOf,
            version_iri(base, canonical_id, previous),
            DEFAULT_GRAPH,
        )
