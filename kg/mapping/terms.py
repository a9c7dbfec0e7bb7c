# ruff: noqa: N815  (terms keep their RDF spelling: T.prefLabel, as in SKOS)
"""The vocabulary as pyoxigraph terms, built once at import from the closed namespaces.

Mappers build quads with pyoxigraph terms (about 50x cheaper than rdflib's at corpus
scale). Every constant here is read from a closed namespace (:mod:`kg.namespaces` or
rdflib's), so a misspelt term fails when this module is imported, not in the output.
"""

from __future__ import annotations

from pyoxigraph import DefaultGraph, Literal, NamedNode
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.namespaces import CG, SEM, WGS84

__all__ = ["DEFAULT_GRAPH", "T", "XSD_DATE", "XSD_DATETIME", "XSD_DECIMAL", "XSD_INTEGER"]

#: the default graph; per-cable mappers leave a quad's graph out instead, which means the
#: same (pyoxigraph reads a ``DefaultGraph`` argument about 1 µs slower than none)
DEFAULT_GRAPH = DefaultGraph()


class T:
    """pyoxigraph NamedNode constants for every term the mappers use."""

    type = NamedNode(str(RDF.type))
    label = NamedNode(str(RDFS.label))
    # cg classes
    Cable = NamedNode(str(CG.Cable))
    Addressing = NamedNode(str(CG.Addressing))
    Paragraph = NamedNode(str(CG.Paragraph))
    ClassificationLevel = NamedNode(str(CG.ClassificationLevel))
    Organization = NamedNode(str(CG.Organization))
    DiplomaticPost = NamedNode(str(CG.DiplomaticPost))
    Place = NamedNode(str(CG.Place))
    Country = NamedNode(str(CG.Country))
    Region = NamedNode(str(CG.Region))
    City = NamedNode(str(CG.City))
    Site = NamedNode(str(CG.Site))
    Person = NamedNode(str(CG.Person))
    Programme = NamedNode(str(CG.Programme))
    Event = NamedNode(str(CG.Event))
    TAGS = NamedNode(str(CG.TAGS))
    # cg properties
    canonicalId = NamedNode(str(CG.canonicalId))
    released = NamedNode(str(CG.released))
    classification = NamedNode(str(CG.classification))
    origin = NamedNode(str(CG.origin))
    sentTo = NamedNode(str(CG.sentTo))
    copiedTo = NamedNode(str(CG.copiedTo))
    addressing = NamedNode(str(CG.addressing))
    signedBy = NamedNode(str(CG.signedBy))
    classifiedBy = NamedNode(str(CG.classifiedBy))
    classificationReason = NamedNode(str(CG.classificationReason))
    declassifyOn = NamedNode(str(CG.declassifyOn))
    station = NamedNode(str(CG.station))
    caveat = NamedNode(str(CG.caveat))
    transmissionId = NamedNode(str(CG.transmissionId))
    dateTimeGroup = NamedNode(str(CG.dateTimeGroup))
    isPartial = NamedNode(str(CG.isPartial))
    addressee = NamedNode(str(CG.addressee))
    addresseeName = NamedNode(str(CG.addresseeName))
    routingIndicator = NamedNode(str(CG.routingIndicator))
    precedence = NamedNode(str(CG.precedence))
    role = NamedNode(str(CG.role))
    mcn = NamedNode(str(CG.mcn))
    excludedPost = NamedNode(str(CG.excludedPost))
    paragraphClassification = NamedNode(str(CG.paragraphClassification))
    paragraphNumber = NamedNode(str(CG.paragraphNumber))
    heading = NamedNode(str(CG.heading))
    postType = NamedNode(str(CG.postType))
    orgType = NamedNode(str(CG.orgType))
    country = NamedNode(str(CG.country))
    fipsCode = NamedNode(str(CG.fipsCode))
    isoCode = NamedNode(str(CG.isoCode))
    runBy = NamedNode(str(CG.runBy))
    partOfProgramme = NamedNode(str(CG.partOfProgramme))
    tagKind = NamedNode(str(CG.tagKind))
    CableVersion = NamedNode(str(CG.CableVersion))
    currentVersion = NamedNode(str(CG.currentVersion))
    versionOf = NamedNode(str(CG.versionOf))
    textHash = NamedNode(str(CG.textHash))
    # standard vocabularies
    identifier = NamedNode(str(DCTERMS.identifier))
    title = NamedNode(str(DCTERMS.title))
    created = NamedNode(str(DCTERMS.created))
    subject = NamedNode(str(DCTERMS.subject))
    references = NamedNode(str(DCTERMS.references))
    isPartOf = NamedNode(str(DCTERMS.isPartOf))
    prefLabel = NamedNode(str(SKOS.prefLabel))
    altLabel = NamedNode(str(SKOS.altLabel))
    notation = NamedNode(str(SKOS.notation))
    inScheme = NamedNode(str(SKOS.inScheme))
    exactMatch = NamedNode(str(SKOS.exactMatch))
    Concept = NamedNode(str(SKOS.Concept))
    abstract = NamedNode(str(SDO.abstract))
    mentions = NamedNode(str(SDO.mentions))
    position = NamedNode(str(SDO.position))
    text = NamedNode(str(SDO.text))
    location = NamedNode(str(SDO.location))
    containedInPlace = NamedNode(str(SDO.containedInPlace))
    jobTitle = NamedNode(str(SDO.jobTitle))
    affiliation = NamedNode(str(SDO.affiliation))
    funder = NamedNode(str(SDO.funder))
    subOrganizationOf = NamedNode(str(ORG.subOrganizationOf))
    wasDerivedFrom = NamedNode(str(PROV.wasDerivedFrom))
    wasRevisionOf = NamedNode(str(PROV.wasRevisionOf))
    foafName = NamedNode(str(FOAF.name))
    lat = NamedNode(str(WGS84.lat))
    long = NamedNode(str(WGS84.long))
    eventType = NamedNode(str(SEM.eventType))
    hasBeginTimeStamp = NamedNode(str(SEM.hasBeginTimeStamp))
    hasEndTimeStamp = NamedNode(str(SEM.hasEndTimeStamp))
    hasPlace = NamedNode(str(SEM.hasPlace))
    hasActor = NamedNode(str(SEM.hasActor))


XSD_DATETIME = NamedNode(str(XSD.dateTime))
XSD_DATE = NamedNode(str(XSD.date))
XSD_INTEGER = NamedNode(str(XSD.integer))
XSD_DECIMAL = NamedNode(str(XSD.decimal))
XSD_BOOLEAN = NamedNode(str(XSD.boolean))


def en(text: str) -> Literal:
    """Return an English-tagged literal (labels)."""
    return Literal(text, language="en")
