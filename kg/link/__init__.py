"""Linking: one entity per real thing, within a cable and across the corpus.

Across cables, entity keys are deterministic functions of the name (gazetteer keys,
acronyms expanded through the cable's own "Long Name (ABC)" definitions, countries and
cities by ISO code and geonames id, persons by full name), so the same thing gets the same
key in every cable. Within a cable, :func:`link_cable` (called by
:func:`kg.extract.extract_cable`) merges the mentions of each key into one
:class:`~kg.model.Entity` object with one prefLabel and every other name as altLabel.
"""

from __future__ import annotations

from kg.model import Entity, Event, Mention

__all__ = ["link_cable", "pref_label"]

_PRONOUNS = frozenset({"we", "We", "our", "Our", "us"})


def pref_label(entity: Entity, names: list[str]) -> str:
    """Return the label an entity is shown by: a gazetteer name, else its fullest name.

    >>> pref_label(Entity("org/x", "organization", "IOM"),
    ...            ["IOM", "International Organization for Migration"])
    'International Organization for Migration'
    """
    if entity.attributes.get("gazetteer") or entity.type in {"post", "place"}:
        return entity.label
    candidates = [n for n in names if not n.isupper() and n not in _PRONOUNS] or names
    return max(candidates, key=lambda n: (len(n.split()), len(n)))


def _merge_attributes(merged: dict, attributes: dict) -> None:
    """Add an entity's attributes: roles are united, any other key keeps its first value."""
    for key, value in attributes.items():
        if key == "roles":
            merged["roles"] = sorted({*merged.get("roles", []), *value})
        elif value is not None and merged.get(key) is None:
            merged[key] = value


def link_cable(mentions: list[Mention], events: list[Event]) -> tuple[list[Mention], list[Event]]:
    """Merge a cable's mentions so each key has one Entity with every name it goes by.

    Parameters
    ----------
    mentions : list of Mention
        What the extractors found; several Entity objects may share a key.
    events : list of Event
        The cable's events (returned unchanged: they refer to entities by key).

    Returns
    -------
    tuple
        The mentions, each pointing at the one merged Entity of its key, and the events.

    Examples
    --------
    >>> a = Mention(Entity("org/iom", "organization", "IOM"), "IOM")
    >>> b = Mention(Entity("org/iom", "organization", "International Organization for "
    ...     "Migration"), "International Organization for Migration")
    >>> merged, _ = link_cable([a, b], [])
    >>> merged[0].entity is merged[1].entity, merged[0].entity.alt_labels
    (True, ['IOM'])
    """
    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        groups.setdefault(mention.entity.key, []).append(mention)
    for group in groups.values():
        first = group[0].entity
        names: list[str] = []
        attributes: dict = {}
        # Mentions often share an Entity object (a country, the sending post): its names
        # and attributes are read once, which changes nothing (names are kept in order of
        # first appearance, attributes first come first served).
        read: set[int] = set()
        for mention in group:
            entity = mention.entity
            if id(entity) not in read:
                read.add(id(entity))
                names.append(entity.label)
                names.extend(entity.alt_labels)
                _merge_attributes(attributes, entity.attributes)
            if mention.text and mention.text not in _PRONOUNS and not mention.text.islower():
                names.append(" ".join(mention.text.replace('"', "").split()))
        unique = list(dict.fromkeys(n for n in names if n))
        label = pref_label(first, unique)
        merged = Entity(
            key=first.key,
            type=first.type,
            label=label,
            alt_labels=[n for n in unique if n != label],
            attributes=attributes,
        )
        for mention in group:
            mention.entity = merged
    return mentions, events
