"""Extraction: organizations, posts, places, persons, programmes and events from a Cable.

Each extractor is a function ``extract(cable, context) -> (mentions, events)`` registered
by name; :func:`extract_cable` runs the chosen ones in registry order (later extractors see
the mentions of earlier ones through the context), links the results within the cable
(:mod:`kg.link`) and stores them on ``cable.mentions`` and ``cable.events``. Called by the
pipeline's build with ``ExtractConfig.extractors``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

from kg.errors import ConfigError
from kg.extract.context import ExtractContext, make_context
from kg.extract.gazetteer import Gazetteer, load_gazetteer
from kg.model import Cable, Event, Mention

__all__ = [
    "ExtractContext",
    "Extractor",
    "available",
    "extract_cable",
    "get",
    "load_gazetteer",
    "register",
]

Extractor = Callable[[Cable, ExtractContext], tuple[list[Mention], list[Event]]]

_EXTRACTORS: dict[str, Extractor] = {}


def register(name: str) -> Callable[[Extractor], Extractor]:
    """Register an extractor under ``name`` (a decorator); later names see earlier results."""

    def decorate(function: Extractor) -> Extractor:
        _EXTRACTORS[name] = function
        return function

    return decorate


def available() -> list[str]:
    """Return the registered extractor names in the order they run.

    >>> available()
    ['organizations', 'posts', 'persons', 'places', 'programmes', 'events']
    """
    return list(_EXTRACTORS)


def get(name: str) -> Extractor:
    """Return the extractor registered as ``name``.

    Raises
    ------
    ConfigError
        If no extractor has that name; the message lists the names there are.

    Examples
    --------
    >>> get("planets")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.ConfigError: extractor `planets` is not valid. It must be in: ['organizations', ...]
    """
    try:
        return _EXTRACTORS[name]
    except KeyError:
        raise ConfigError(
            f"extractor `{name}` is not valid. It must be in: {available()}"
        ) from None


def extract_cable(
    cable: Cable, names: Iterable[str] | None = None, gazetteer: Gazetteer | None = None
) -> Cable:
    """Run extractors over ``cable`` and store linked mentions and events on it.

    Parameters
    ----------
    cable : Cable
        A parsed cable (``subject`` and ``paragraphs`` are read).
    names : iterable of str, optional
        Extractor names; all registered ones by default. They run in registry order.
    gazetteer : Gazetteer, optional
        The tables to match against; the process-wide copy by default.

    Returns
    -------
    Cable
        The same cable, with ``mentions`` and ``events`` replaced.

    Raises
    ------
    ConfigError
        If a name is not a registered extractor.
    """
    from kg.link import link_cable

    chosen = set(available() if names is None else names)
    for name in chosen:
        get(name)
    context = make_context(cable, gazetteer)
    events: list[Event] = []
    for name, extractor in _EXTRACTORS.items():
        if name not in chosen:
            continue
        found, happened = extractor(cable, context)
        context.add(found)
        events.extend(happened)
    cable.mentions, cable.events = link_cable(context.mentions, events)
    return cable


# Registration happens on import; this order is the order the extractors run in.
for _module in ("organizations", "posts", "persons", "places", "programmes", "events"):
    importlib.import_module(f"kg.extract.{_module}")
