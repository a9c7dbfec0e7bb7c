"""What the extraction stage found in a cable, as RDF: entities, events and mentions.

Registered as the ``entities`` aspect of :mod:`kg.mapping`; reads ``cable.mentions`` and
``cable.events`` (filled by :func:`kg.extract.extract_cable`) and nothing else of the
text. The cable ``schema:mentions`` every entity and event. Each entity gets one node
whose description is a function of its key alone, so the descriptions many cables give
of it in the default graph agree: one ``skos:prefLabel`` (the gazetteer's name, else a
label spelled from the key), its names as ``skos:altLabel``, type and fixed facts. What
a cable says that another may contradict (a job title, an affiliation, who runs a
programme) and the events it reports go in the cable's named graph, with a mention
node for each wording of an entity in a paragraph (its first place there), traced to its
``cg:Paragraph``. A mention node is not typed: ``cg:mentionOf`` makes it a ``cg:Mention``
(the property's ``rdfs:domain``), so the type would be a fourth of the mentions' quads,
the most numerous nodes of the graph, saying nothing new.

Nodes are shared with the other mappers: a post is the routing table's post (the sending
post is the node of the cable's ``cg:origin``), a country the node the geographic TAGS
``skos:exactMatch``, the signer the node of ``cg:signedBy``. Whatever the reference
tables already state about a node is not stated again.
"""

from __future__ import annotations

import functools
import re
from collections import OrderedDict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode, Quad
from rdflib.namespace import XSD

from kg.mapping import MappingContext
from kg.mapping.addressees import resolve_addressee
from kg.mapping.iris import entity_iri, event_iri, paragraph_iri, slug
from kg.mapping.labels import city_of_key, reference_facts, term_value
from kg.mapping.labels import entity_label as _spelled_label
from kg.mapping.literal_quads import LiteralQuads
from kg.mapping.literals import date_literal
from kg.mapping.metadata import station_of
from kg.mapping.persons import person_key
from kg.mapping.tables import station_by_name
from kg.mapping.terms import XSD_DECIMAL, T, en
from kg.model import Cable, Entity, Event, Mention
from kg.namespaces import CG, SEM

if TYPE_CHECKING:
    from kg.extract.gazetteer import City

__all__ = ["entity_label", "entity_quads"]

_TEXT_IRI, _IS_PART_OF = T.text.value, T.isPartOf
_PREF_LABEL_IRI = T.prefLabel.value
_BEGIN_IRI, _END_IRI = T.hasBeginTimeStamp.value, T.hasEndTimeStamp.value
_MENTION_OF = NamedNode(str(CG.mentionOf))
_IN_HEADER_OF = NamedNode(str(CG.inHeaderOf))
_IN_BODY_OF = NamedNode(str(CG.inBodyOf))
_FOR_ATTENTION_OF = NamedNode(str(CG.forAttentionOf))
_SEM_EVENT = NamedNode(str(SEM.Event))
_XSD_YEAR_MONTH = NamedNode(str(XSD.gYearMonth))
_XSD_YEAR = NamedNode(str(XSD.gYear))
_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_YEAR = re.compile(r"^\d{4}$")
_EVENT_TYPE = NamedNode(str(SEM.EventType))

_PLACE_CLASS = {
    "country": T.Country,
    "city": T.City,
    "region": T.Region,
    "supranational": T.Region,
    "site": T.Site,
}
_CLASS = {"organization": T.Organization, "person": T.Person, "programme": T.Programme}
# key kind → class of a node only pointed at (an unmentioned key has no entity type)
_KEY_CLASSES = {
    "org": T.Organization,
    "post": T.Organization,
    "person": T.Person,
    "programme": T.Programme,
}
_POST_WORDS = ("Consulate General", "Consulate", "Embassy", "Mission", "Office", "USOFFICE")


# A lone head word ("the Ministry", "Post", "Embassy") names the entity only in context.
_GENERIC_NAMES = frozenset(
    {
        "agency",
        "bank",
        "bureau",
        "center",
        "centre",
        "chamber",
        "commission",
        "committee",
        "consulate",
        "council",
        "court",
        "department",
        "embassy",
        "foundation",
        "government",
        "institute",
        "ministry",
        "mission",
        "office",
        "parliament",
        "party",
        "post",
    }
)


class _Nodes:
    """The node of each entity key of one cable, shared with the other mappers' nodes."""

    def __init__(self, cable: Cable, ctx: MappingContext) -> None:
        self.cable, self.ctx = cable, ctx
        self.by_key: dict[str, NamedNode] = {}
        # nodes another mapper of this cable labels: the signers and classifiers
        self.labelled_elsewhere: dict[str, str] = {}
        origin = resolve_addressee(ctx.base, cable.sender_route, cable.sender, cable.origin)
        self.origin = origin[0] if origin is not None else None
        for quad in origin[1] if origin is not None else []:
            # an origin the routing table lacks is labelled by the metadata mapper
            if quad.predicate == T.prefLabel:
                self.labelled_elsewhere[term_value(quad.subject)] = term_value(quad.object)
        # keys an attribute or event points at that no mention of this cable has
        self.undescribed: dict[str, NamedNode] = {}
        # event types this cable's events have, described once in the default graph
        self.event_types: set[NamedNode] = set()
        # the city forms of the origin and station, read once (see _sends)
        self.sending_cities: frozenset[str] | None = None

    def node(self, entity: Entity) -> NamedNode:
        """Return (and remember) the node of ``entity``."""
        node = self.by_key.get(entity.key)
        if node is None:
            node = self.by_key[entity.key] = self._resolve(entity)
        return node

    def key_node(self, key: str) -> NamedNode:
        """Return the node of a key an attribute or event points at.

        A key no mention of this cable has (the signer's post, say) is the sending post
        when it names the origin's city; any other gets a minimal description, so what
        points at it still points at a typed, labelled node.
        """
        if key in self.by_key:
            return self.by_key[key]
        if key.startswith("post/") and self.origin is not None and self._sends(key):
            return self.origin
        node = self.ctx.iri(key)
        kind = key.partition("/")[0]
        if kind in _KEY_CLASSES:
            self.by_key[key] = node
            self.undescribed[key] = node
        return node

    def _sends(self, key: str) -> bool:
        """Tell whether a post key names the city of the cable's origin or station."""
        if self.sending_cities is None:
            origin = (self.cable.origin or "").strip()
            for kind in _POST_WORDS:
                if origin.startswith(kind + " "):
                    origin = origin[len(kind) + 1 :]
                    break
            station = self.cable.station or station_of(self.cable.canonical_id) or ""
            cities = {_city_form(slug(origin)), _city_form(slug(station))} - {""}
            self.sending_cities = frozenset(cities)
        return _city_form(key.partition("/")[2]) in self.sending_cities

    def _resolve(self, entity: Entity) -> NamedNode:
        names = [entity.label, *entity.alt_labels]
        if entity.type == "post":
            return self._post(entity, names)
        if entity.type == "place" and entity.attributes.get("place_type") == "country":
            code = entity.attributes.get("iso") or entity.attributes.get("country")
            key = reference_facts().country_keys.get(str(code))
            if key:
                return self.ctx.iri(key)
        if entity.type == "person" and "signer" in entity.attributes.get("roles", ()):
            written = {n.casefold() for n in names}
            for signer in self.cable.signers:
                if signer.strip() and signer.strip().casefold() in written:
                    node = self.ctx.iri(person_key(signer))
                    self.labelled_elsewhere[node.value] = entity_label(person_key(signer))
                    return node
        if entity.type == "person" and self.cable.classified_by is not None:
            for name in self.cable.classified_by.names:
                if name.strip() and person_key(name) == entity.key:
                    self.labelled_elsewhere[self.ctx.iri(entity.key).value] = entity_label(
                        entity.key
                    )
        return self.ctx.iri(entity.key)

    def _post(self, entity: Entity, names: list[str]) -> NamedNode:
        if self.origin is not None and (
            self._sends(entity.key) or (self.cable.origin or "") in names
        ):
            return self.origin
        for name in names:
            for candidate in _post_names(name):
                station = station_by_name(candidate)
                if station is not None:
                    return self.ctx.iri(station.key)
        return self.ctx.iri(entity.key)


# A label is a function of its key alone; frequent keys are spelled once per process.
entity_label = functools.lru_cache(maxsize=1 << 15)(_spelled_label)


def _city_form(text: str) -> str:
    # "the-hague", "thehague" and "hague" are one city; a slug without "the" and "-"
    text = text.removeprefix("the-")
    return text.replace("-", "")


def _post_names(name: str) -> Iterator[str]:
    """Yield the spellings of a post's name the routing table may know it by."""
    bare = name.strip()
    for prefix in ("US ", "U.S. ", "American "):
        if bare.startswith(prefix):
            bare = bare[len(prefix) :]
    yield bare
    kind, _, city = bare.partition(" ")
    if kind == "Consulate" and city.startswith("General "):
        city = city[len("General ") :]
    routing = {"Embassy": "AMEMBASSY", "Consulate": "AMCONSUL", "Office": "USOFFICE"}
    if kind in routing and city:
        yield f"{kind} {city}"
        yield f"{routing[kind]} {city}"


def entity_quads(cable: Cable, ctx: MappingContext) -> list[Quad]:
    """Return the cable's extracted entities, events and mentions.

    Parameters
    ----------
    cable : Cable
        A cable after :func:`kg.extract.extract_cable` (``mentions``, ``events``).
    ctx : MappingContext
        The cable's mapping context.

    Returns
    -------
    list of pyoxigraph.Quad
        In the cable's graph: ``schema:mentions`` of every entity and event, the
        mention nodes (``cg:mentionOf``), events, and per-cable claims (job titles, affiliations,
        who runs a programme, persons a cable is for). In the default graph: each
        entity's key-determined description.

    Raises
    ------
    ValueError
        If an event date is not an ISO date; the message names the cable.

    Examples
    --------
    >>> from kg.mapping import cable_quads
    >>> from kg.model import Mention, Paragraph
    >>> iom = Entity("org/iom", "organization", "International Organization for Migration",
    ...              ["IOM"], {"gazetteer": True, "org_type": "international_organization"})
    >>> cable = Cable("07ASTANA367", "07ASTANA367", paragraphs=[Paragraph("IOM trained.")],
    ...               mentions=[Mention(iom, "IOM", 0, 0, 3)])
    >>> for q in cable_quads(cable, aspects=["entities"]):
    ...     if not q.predicate.value.endswith("#type"):
    ...         print(q.subject.value[31:], q.predicate.value.split("/")[-1], q.object.value)
    cable/07ASTANA367 mentions https://w3id.org/cablegraph/id/org/iom
    org/iom core#prefLabel International Organization for Migration
    org/iom core#altLabel IOM
    org/iom ontology#orgType international_organization
    cable/07ASTANA367/paragraph/1#char=0,3 ontology#mentionOf https://w3id.org/cablegraph/id/org/iom
    cable/07ASTANA367/paragraph/1#char=0,3 isPartOf https://w3id.org/cablegraph/id/cable/07ASTANA367/paragraph/1
    cable/07ASTANA367/paragraph/1#char=0,3 text IOM
    """
    if not cable.mentions and not cable.events:
        return []
    g, cable_node, mentions = ctx.graph, ctx.cable, T.mentions
    quads: list[Quad] = []
    nodes = _Nodes(cable, ctx)
    by_key = nodes.by_key
    entities: dict[str, Entity] = {}
    for mention in cable.mentions:
        entity = mention.entity
        if entity.key not in entities:
            entities[entity.key] = entity
            nodes.node(entity)
    described: set[NamedNode] = set()
    for key, entity in entities.items():
        node = by_key[key]
        quads.append(Quad(cable_node, mentions, node, g))
        if node not in described:  # two keys resolved to one node (a post and its city)
            described.add(node)
            _description(quads, entity, node, nodes)
        if entity.type in _CLAIMED:
            quads += _claims(entity, node, nodes)
    written = _first_wordings(cable.mentions)
    spans: set[tuple[int | None, int | None, int | None]] = set()
    parts = _Parts(cable, ctx)
    for index, mention in enumerate(written, start=1):
        target = by_key[mention.entity.key]
        span = (mention.paragraph, mention.start, mention.end)
        # two entities read from the same words (a city and the post named after it)
        # cannot share the span's name: the second is numbered like a header mention
        located = (mention.start, mention.end) if span not in spans else (None, None)
        spans.add(span)
        parts.mention(quads, index, target, mention.paragraph, mention.text, located)
    offset = len(written)
    for index, event in enumerate(cable.events, start=offset + 1):
        _event(quads, cable, ctx, nodes, parts, event, index)
    for key, node in nodes.undescribed.items():
        if key not in reference_facts().predicates:
            quads.append(Quad(node, T.type, _KEY_CLASSES[key.partition("/")[0]]))
            quads.append(Quad(node, T.prefLabel, en(_key_pref_label(key))))
    quads += parts.texts.quads()
    return quads


# a description's edge to a key: its node is this cable's (the origin, a resolved post)
_Pointer = tuple[NamedNode, str]
# What a description reads of an entity's attributes: its cache is keyed on these values.
_DESCRIBED = (
    "gazetteer",
    "place_type",
    "org_type",
    "parent",
    "country",
    "lat",
    "long",
    "contained_in",
)
# A frequent entity (a country, a ministry) is described by many cables of one process;
# least recently used first out, so a worker's memory stays flat over any number of cables.
_DESCRIPTIONS: OrderedDict[tuple[object, ...], tuple[tuple[Quad, ...], tuple[_Pointer, ...]]]
_DESCRIPTIONS = OrderedDict()
_DESCRIPTIONS_LIMIT = 1 << 14


def _description(quads: list[Quad], entity: Entity, node: NamedNode, nodes: _Nodes) -> None:
    """Add the entity's key-determined description, in the default graph, to ``quads``."""
    base = nodes.ctx.base
    elsewhere = nodes.labelled_elsewhere.get(node.value) if nodes.labelled_elsewhere else None
    attributes = entity.attributes
    read = tuple(map(attributes.get, _DESCRIBED))
    key = (base, node, elsewhere, entity.key, entity.type, entity.label, *entity.alt_labels, read)
    try:
        cached = _DESCRIPTIONS.get(key)
    except TypeError:  # an attribute value that cannot be hashed: not cached
        key, cached = (), None
    if cached is not None:
        _DESCRIPTIONS.move_to_end(key)
    else:
        pointers: list[_Pointer] = []
        cached = tuple(_describe(entity, node, base, elsewhere, pointers)), tuple(pointers)
        if key:
            if len(_DESCRIPTIONS) >= _DESCRIPTIONS_LIMIT:
                _DESCRIPTIONS.popitem(last=False)
            _DESCRIPTIONS[key] = cached
    facts, pointed = cached
    quads += facts
    for predicate, target in pointed:
        quads.append(Quad(node, predicate, nodes.key_node(target)))


def _describe(
    entity: Entity, node: NamedNode, base: str, elsewhere: str | None, pointers: list[_Pointer]
) -> Iterator[Quad]:
    """The description's quads; edges to other keys go to ``pointers`` (resolved per cable)."""
    key = node.value[len(base) :] if node.value.startswith(base) else ""
    stated = reference_facts().predicates.get(key, frozenset())
    if elsewhere is not None:
        pref = elsewhere.title() if elsewhere.isupper() else elsewhere
    elif T.prefLabel.value in stated:
        pref = reference_facts().pref_labels[key]
    else:
        pref = _pref_label(entity)
        yield Quad(node, T.prefLabel, en(pref))
    if not stated and elsewhere is None:
        for cls in _classes(entity):
            yield Quad(node, T.type, cls)
    for name in _alt_labels(entity, pref):
        yield Quad(node, T.altLabel, en(name))
    if entity.type in {"organization", "post"}:
        yield from _organization(entity, node, base, stated, pointers)
    elif entity.type == "place":
        yield from _place(entity, node, base, stated, pointers)


def _pref_label(entity: Entity) -> str:
    if entity.type == "place" and entity.attributes.get("gazetteer"):
        city = _city(entity)  # the key's own city, whichever one this cable named
        # the geonames / pycountry name, which the key is made from
        return city.name if city is not None else entity.label
    return _key_pref_label(entity.key)


def _city(entity: Entity) -> City | None:
    if entity.attributes.get("gazetteer") and entity.attributes.get("place_type") == "city":
        return city_of_key(entity.key)
    return None


def _key_pref_label(key: str) -> str:
    # a post the routing table lacks: keyed by its city, whatever kind of post was named
    return "US post " + entity_label(key) if key.startswith("post/") else entity_label(key)


def _classes(entity: Entity) -> list[NamedNode]:
    if entity.type == "place":
        return [_PLACE_CLASS.get(str(entity.attributes.get("place_type")), T.Place)]
    # a post the routing table lacks has no routing indicator, so it is stated as an
    # organization only (cg:DiplomaticPost requires skos:notation)
    return [_CLASS.get(entity.type, T.Organization)]


def _alt_labels(entity: Entity, pref: str) -> list[str]:
    names = dict.fromkeys(" ".join(n.split()) for n in (entity.label, *entity.alt_labels))
    return [
        n
        for n in names
        if n and n.casefold() != pref.casefold() and n.casefold() not in _GENERIC_NAMES
    ]


def _organization(
    entity: Entity, node: NamedNode, base: str, stated: frozenset[str], pointers: list[_Pointer]
) -> Iterator[Quad]:
    attributes = entity.attributes
    if attributes.get("org_type") and T.orgType.value not in stated:
        yield Quad(node, T.orgType, Literal(str(attributes["org_type"])))
    parent = attributes.get("parent")
    if parent and parent != entity.key:
        pointers.append((T.subOrganizationOf, str(parent)))
    code = str(attributes.get("country") or "")
    country = reference_facts().country_keys.get(code)
    # The country is a fact of the key only for gazetteer entries and keys scoped by
    # the country ("org/kz-..."); otherwise it is the cable's country, a guess.
    scoped = attributes.get("gazetteer") or entity.key.startswith(f"org/{code.lower()}-")
    if country and scoped and T.country.value not in stated:
        yield Quad(node, T.country, entity_iri(base, country))


def _place(
    entity: Entity, node: NamedNode, base: str, stated: frozenset[str], pointers: list[_Pointer]
) -> Iterator[Quad]:
    attributes = entity.attributes
    city = _city(entity)
    if city is not None:  # two cities may share a key: state the key's own city
        attributes = {**attributes, "lat": city.lat, "long": city.long, "country": city.country}
    lat, long = attributes.get("lat"), attributes.get("long")
    if attributes.get("place_type") != "country" and node.value.removeprefix(base) in set(
        reference_facts().country_keys.values()
    ):
        lat = long = None  # a city keyed like its country (Macau): the country's coordinates
    if lat is not None and long is not None and T.lat.value not in stated:
        yield Quad(node, T.lat, Literal(_decimal(lat), datatype=XSD_DECIMAL))
        yield Quad(node, T.long, Literal(_decimal(long), datatype=XSD_DECIMAL))
    if T.containedInPlace.value in stated or attributes.get("place_type") == "country":
        return
    country = reference_facts().country_keys.get(str(attributes.get("country") or ""))
    container = country or attributes.get("contained_in")
    if container and entity_iri(base, str(container)) != node:
        pointers.append((T.containedInPlace, str(container)))


def _decimal(value: object) -> str:
    return f"{float(str(value)):.5f}".rstrip("0").rstrip(".")


# the entity types a cable may state claims of (see _claims)
_CLAIMED = frozenset({"person", "programme"})


def _claims(entity: Entity, node: NamedNode, nodes: _Nodes) -> Iterator[Quad]:
    """What this cable says of the entity that another cable may say otherwise."""
    g, attributes = nodes.ctx.graph, entity.attributes
    if entity.type == "person":
        if attributes.get("job_title"):
            yield Quad(node, T.jobTitle, Literal(str(attributes["job_title"])), g)
        if attributes.get("affiliation"):
            yield Quad(node, T.affiliation, nodes.key_node(str(attributes["affiliation"])), g)
        if "addressee" in attributes.get("roles", ()):
            yield Quad(nodes.ctx.cable, _FOR_ATTENTION_OF, node, g)
    elif entity.type == "programme":
        if attributes.get("run_by"):
            yield Quad(node, T.runBy, nodes.key_node(str(attributes["run_by"])), g)
        if attributes.get("funder"):
            yield Quad(node, T.funder, nodes.key_node(str(attributes["funder"])), g)


def _first_wordings(mentions: list[Mention]) -> list[Mention]:
    """The first mention of each wording of each entity in each paragraph, in text order.

    A paragraph that names INL five times traces INL to that paragraph once, and the
    long name it also uses once more: the words a user looks for, at their first place,
    at a third of the quads of one node per occurrence.
    """
    seen: set[tuple[str, int | None, str]] = set()
    first: list[Mention] = []
    for mention in mentions:
        wording = (mention.entity.key, mention.paragraph, mention.text)
        if wording not in seen:
            seen.add(wording)
            first.append(mention)
    return first


class _Parts:
    """Where a cable's mentions are: its paragraph nodes (by 0-based index), built once."""

    def __init__(self, cable: Cable, ctx: MappingContext) -> None:
        self.ctx, self.count = ctx, len(cable.paragraphs)
        self.graph, self.cable_iri = ctx.graph, ctx.graph.value
        # paragraph index → its node and IRI (a NamedNode's .value is a new str per read)
        self.paragraphs: dict[int, tuple[NamedNode, str]] = {}
        # the wordings, parsed in one go (kg.mapping.literal_quads says why)
        self.texts = LiteralQuads(ctx.graph)

    def mention(
        self,
        quads: list[Quad],
        index: int,
        target: NamedNode,
        paragraph: int | None,
        text: str,
        span: tuple[int | None, int | None] = (None, None),
    ) -> None:
        """Add one mention: what it names, and its paragraph (or the cable, outside the body).

        A mention in a paragraph is named by its place there, as NIF names strings (RFC
        5147 ``#char=start,end`` after the paragraph's IRI): the span costs no quads of
        its own. Elsewhere it is numbered, ``<cable>/mention/<index>``.
        """
        # the hottest loop of the mapping stage (a node per wording): terms bound locally
        g = self.graph
        start, end = span
        if paragraph is not None and 0 <= paragraph < self.count:
            known = self.paragraphs.get(paragraph)
            if known is None:
                part = paragraph_iri(self.ctx.base, self.ctx.cable_id, paragraph + 1)
                known = self.paragraphs[paragraph] = (part, part.value)
            part, iri = known
            if start is not None and end is not None:
                name = f"{iri}#char={start},{end}"
            else:
                name = f"{self.cable_iri}/mention/{index}"
            node = NamedNode(name)
            where = Quad(node, _IS_PART_OF, part, g)
        else:
            name = f"{self.cable_iri}/mention/{index}"
            node = NamedNode(name)
            # outside the body, or a body extraction split that the parser left whole
            where = Quad(node, _IN_HEADER_OF if paragraph is None else _IN_BODY_OF, g, g)
        # untyped: cg:mentionOf's domain says it is a cg:Mention (ontology/cablegraph.ttl)
        quads += (Quad(node, _MENTION_OF, target, g), where)
        if text:
            self.texts.plain(name, _TEXT_IRI, text)


def _time_lexical(value: str, cable_id: str, field: str) -> tuple[str, str]:
    """A day as xsd:date; a month or year the cable leaves at that precision as such.

    Returns the lexical form and the datatype IRI (for :class:`LiteralQuads`).
    """
    known = _TIMES.get(value)
    if known is not None:
        return known
    text = value.strip()
    if _YEAR_MONTH.match(text):
        literal = Literal(text, datatype=_XSD_YEAR_MONTH)
    elif _YEAR.match(text):
        literal = Literal(text, datatype=_XSD_YEAR)
    else:
        literal = date_literal(text, cable_id, field)
    lexical = literal.value, literal.datatype.value
    if len(_TIMES) < _TIMES_LIMIT:
        _TIMES[value] = lexical
    return lexical


# Event dates repeat across cables; a date that raised is never stored, so its error
# still names the cable it is in.
_TIMES: dict[str, tuple[str, str]] = {}
_TIMES_LIMIT = 1 << 14


def _event(
    quads: list[Quad],
    cable: Cable,
    ctx: MappingContext,
    nodes: _Nodes,
    parts: _Parts,
    event: Event,
    index: int,
) -> None:
    g, cid, add = ctx.graph, cable.canonical_id, quads.append
    # keyed like the cable's IRI: two pages of one telegram (a garbled id beside the
    # canonical one) have events of their own
    node = event_iri(ctx.base, ctx.cable_id, event.key.rsplit("/", 1)[-1] or str(index))
    iri, literals = node.value, parts.texts
    add(Quad(ctx.cable, T.mentions, node, g))
    add(Quad(node, T.type, T.Event, g))
    add(Quad(node, T.type, _SEM_EVENT, g))
    literals.english(iri, _PREF_LABEL_IRI, " ".join(event.label.split()) or event.type)
    kind, described = _event_type(ctx.base, event.type)
    add(Quad(node, T.eventType, kind, g))
    if kind not in nodes.event_types:
        nodes.event_types.add(kind)
        quads += described
    if event.begin:
        literals.typed(iri, _BEGIN_IRI, *_time_lexical(event.begin, cid, "event begin"))
    if event.end:
        literals.typed(iri, _END_IRI, *_time_lexical(event.end, cid, "event end"))
    if event.place:
        add(Quad(node, T.hasPlace, nodes.key_node(event.place), g))
    for actor in event.actors:
        add(Quad(node, T.hasActor, nodes.key_node(actor), g))
    if event.programme:
        add(Quad(node, T.partOfProgramme, nodes.key_node(event.programme), g))
    parts.mention(quads, index, node, event.paragraph, event.text)


@functools.lru_cache(maxsize=256)
def _event_type(base: str, name: str) -> tuple[NamedNode, tuple[Quad, ...]]:
    """The node of an event type and its description in the default graph."""
    kind = entity_iri(base, "eventtype/" + (slug(name) or "other"))
    return kind, (
        Quad(kind, T.type, _EVENT_TYPE),
        Quad(kind, T.type, T.Concept),
        Quad(kind, T.prefLabel, en(name)),
    )
