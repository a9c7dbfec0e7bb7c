"""Persons in header roles: the signer(s) and who classified the cable.

A person's node is keyed by the name as written (``person/ordway``); linking the same
person across spellings is the link stage's job. The label is spelled from the key
(:func:`kg.mapping.labels.entity_label`), as the entities mapper does, so ``ADam Ereli``
in one cable and ``Adam Ereli`` in another give one node with one ``skos:prefLabel``.
Within one cable, a Classified-By name whose surname is a signer's is that signer
(``John M. Ordway`` classified what ``ORDWAY`` signed): one node, the signer's, with the
full name as an ``skos:altLabel``. The
extraction stage resolves signers the same way (kg.extract.persons), and the entities
mapper finds the signer's node by :func:`person_key` of the signature.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from kg.mapping import MappingContext
from kg.mapping.iris import slug
from kg.mapping.labels import entity_label
from kg.mapping.terms import T, en
from kg.model import Cable

__all__ = ["person_key", "person_quads", "surname"]


def person_key(name: str) -> str:
    """Return the entity key of a person named ``name``.

    Examples
    --------
    >>> person_key("ORDWAY"), person_key("John M. Ordway")
    ('person/ordway', 'person/john-m-ordway')
    """
    return "person/" + (slug(name) or "unknown")


def _written(name: str) -> str:
    text = " ".join(name.split())
    return text.title() if text.isupper() else text


def _person(ctx: MappingContext, name: str) -> tuple[NamedNode, str, list[Quad]]:
    key = person_key(name)
    node, label = ctx.iri(key), entity_label(key)
    return (
        node,
        label,
        [
            Quad(node, T.type, T.Person),
            Quad(node, T.prefLabel, en(label)),
        ],
    )


def surname(name: str) -> str:
    """Return the last word of a name, case-folded, without trailing punctuation.

    Examples
    --------
    >>> surname("John M. Ordway"), surname("ORDWAY")
    ('ordway', 'ordway')
    """
    words = name.split()
    return words[-1].strip(".,;:").casefold() if words else ""


def person_quads(cable: Cable, ctx: MappingContext) -> Iterator[Quad]:
    """Yield cg:signedBy and cg:classifiedBy edges and the persons they point to.

    Examples
    --------
    >>> from kg.mapping import cable_quads
    >>> from kg.model import ClassifiedBy
    >>> cable = Cable("07ASTANA367", "07ASTANA367", signers=["ORDWAY"],
    ...               classified_by=ClassifiedBy(["John M. Ordway"], "Ambassador"))
    >>> sorted({q.object.value.rsplit("/", 1)[1] for q in cable_quads(cable, aspects=["persons"])
    ...         if q.predicate.value.endswith(("signedBy", "classifiedBy"))})
    ['ordway']
    """
    signers: dict[str, tuple[NamedNode, str]] = {}
    for name in cable.signers:
        if name.strip():
            node, label, description = _person(ctx, name)
            signers.setdefault(surname(name), (node, label))
            yield Quad(ctx.cable, T.signedBy, node, ctx.graph)
            yield from description
    classified = cable.classified_by
    if classified is None:
        return
    for name in classified.names:
        if name.strip():
            signer = signers.get(surname(name))
            if signer is not None:
                node, signed_as = signer
                full = _written(name)
                description = []
                # the full name, unless it is the signature's label itself
                if full.casefold() != signed_as.casefold():
                    description.append(Quad(node, T.altLabel, en(full)))
            else:
                node, _, description = _person(ctx, name)
            yield Quad(ctx.cable, T.classifiedBy, node, ctx.graph)
            yield from description
            if classified.title:
                yield Quad(node, T.jobTitle, Literal(classified.title))
    for reason in classified.reasons:
        yield Quad(ctx.cable, T.classificationReason, Literal(reason), ctx.graph)
