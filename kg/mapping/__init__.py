"""Cable → RDF quads: one pure mapper per aspect, composed by :func:`cable_quads`.

Each mapper is a function ``(cable, ctx) -> Iterable[pyoxigraph.Quad]`` that reads only
the :class:`kg.model.Cable` (never raw text) and does no I/O. A cable's own statements go
in the named graph whose IRI is the cable's IRI (``ctx.graph``); descriptions of shared
entities (posts, persons, cited cables, TAG concepts) go in the default graph. IRIs come
from :mod:`kg.mapping.iris`, vocabulary from :mod:`kg.mapping.terms`.

Aspects are registered by name in :data:`MAPPERS`; another stage adds its own with
:func:`register`. The ``entities`` aspect (:mod:`kg.mapping.entities`) maps what the
extraction stage put on the cable; it yields nothing for a cable without mentions. The
pipeline calls :func:`cable_quads`.

Mapping runs once per cable over the whole archive, so its cost is mostly pyoxigraph's
term and quad constructors (benchmarks/map_speed.py): IRIs of shared entities are checked
and built once per process (:mod:`kg.mapping.iris`), so are addressees and entity
descriptions; the hot mappers append to one list instead of yielding quad by quad; a
default-graph quad is built without a graph argument (the same quad, built faster); the
short literal statements of paragraphs, mentions and events are parsed in one batch per
mapper (:mod:`kg.mapping.literal_quads`: a Quad built around a Literal costs three times
one around an IRI).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

from pyoxigraph import NamedNode, Quad

from kg.mapping.iris import DEFAULT_BASE, cable_iri, cable_key_id, entity_iri, slug
from kg.model import Cable

__all__ = [
    "DEFAULT_BASE",
    "MAPPERS",
    "MappingContext",
    "cable_quads",
    "entity_iri",
    "get",
    "register",
    "slug",
]


@dataclass(frozen=True, slots=True)
class MappingContext:
    """What every mapper of one cable shares: the data base IRI and the cable's node.

    ``graph`` is the cable's named graph; it is the cable's IRI, so ``graph`` and
    ``cable`` are the same node. ``cable_id`` is the id that IRI is keyed by (the id as
    published, :func:`kg.mapping.iris.cable_key_id`); the IRIs of the cable's parts
    (paragraphs, addressing lines, mentions) are keyed by it too.
    """

    base: str
    cable: NamedNode
    cable_id: str

    @property
    def graph(self) -> NamedNode:
        """The named graph of the cable's own statements."""
        return self.cable

    def iri(self, key: str) -> NamedNode:
        """Return the IRI of the entity with ``key`` under this context's base."""
        return entity_iri(self.base, key)


Mapper = Callable[[Cable, MappingContext], Iterable[Quad]]

#: aspect name → mapper, in the order :func:`cable_quads` runs them
MAPPERS: dict[str, Mapper] = {}


def register(name: str, mapper: Mapper) -> Mapper:
    """Register ``mapper`` under ``name`` (replacing one of the same name); return it."""
    MAPPERS[name] = mapper
    return mapper


def get(name: str) -> Mapper:
    """Return the mapper registered as ``name``.

    Raises
    ------
    KeyError
        If no mapper has that name; the message lists the registered names.

    Examples
    --------
    >>> get("tags").__name__
    'tag_quads'
    >>> get("tag")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    KeyError: "mapper `tag` is not registered. It must be in: ['cable', ...]"
    """
    try:
        return MAPPERS[name]
    except KeyError:
        raise KeyError(
            f"mapper `{name}` is not registered. It must be in: {sorted(MAPPERS)}"
        ) from None


def cable_quads(
    cable: Cable, base: str = DEFAULT_BASE, aspects: Iterable[str] | None = None
) -> Iterator[Quad]:
    """Yield the quads of one cable: every registered aspect (or only ``aspects``).

    Parameters
    ----------
    cable : Cable
        A parsed (and possibly extracted) cable.
    base : str
        The base of data IRIs (``store.base_iri``).
    aspects : iterable of str, optional
        Names of registered mappers to run; all of them by default.

    Returns
    -------
    Iterator[pyoxigraph.Quad]
        The cable's statements in its named graph, shared descriptions in the default
        graph. The same cable gives the same quads on every run.

    Raises
    ------
    ValueError
        If a field holds a value the graph cannot state (an unreadable date); the
        message names the cable and the value.

    Examples
    --------
    >>> quads = list(cable_quads(Cable(reference_id="07ASTANA367", canonical_id="07ASTANA367")))
    >>> quads[0].graph_name.value
    'https://w3id.org/cablegraph/id/cable/07ASTANA367'
    """
    key = cable_key_id(cable.reference_id, cable.canonical_id)
    ctx = MappingContext(base=base, cable=cable_iri(base, key), cable_id=key)
    names = aspects if aspects is not None else list(MAPPERS)
    # chained, not re-yielded one by one: a generator frame per quad cost more than a mapper
    return chain.from_iterable(get(name)(cable, ctx) for name in names)


def _register_builtin() -> None:
    from kg.mapping.entities import entity_quads
    from kg.mapping.metadata import metadata_quads
    from kg.mapping.paragraphs import paragraph_quads
    from kg.mapping.persons import person_quads
    from kg.mapping.references import reference_quads
    from kg.mapping.routing import routing_quads
    from kg.mapping.tags import tag_quads

    register("cable", metadata_quads)
    register("routing", routing_quads)
    register("tags", tag_quads)
    register("references", reference_quads)
    register("paragraphs", paragraph_quads)
    register("persons", person_quads)
    register("entities", entity_quads)


_register_builtin()
