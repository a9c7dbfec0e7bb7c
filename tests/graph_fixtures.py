"""The seed cable 07ASTANA367 as a hand-made Cable, and helpers to load it into a store.

Every value is read off examples/07ASTANA367-blog-copy.txt (metadata table, header,
TAGS line, body), so the mapping tests do not depend on the parser.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.mapping import cable_quads
from kg.mapping.tables import reference_quads
from kg.model import Cable, Classification, Paragraph, Recipient, Reference, Tag
from kg.store import GraphStore

SEED_PARAGRAPHS = [
    "Summary. The International Narcotics and Law Enforcement (INL) office ...",
    "INL representatives, IOM trafficking in persons experts ...",
    "During the course the participants reviewed national legislation ...",
    "The sessions included lecturing, brainstorming, videos ...",
    "The participants recognized the importance of strengthening anti-TIP ...",
    "In the short term, INL will continue to provide refresher TIP training ...",
    "INL will work with the Ministry of Internal Affairs ...",
    "As a long-term goal INL will work with the Ministry of Education ...",
    "Observation, evaluations, and anecdotal comments show ...",
]


def seed_cable() -> Cable:
    """07ASTANA367 as its page states it."""
    return Cable(
        reference_id="07ASTANA367",
        canonical_id="07ASTANA367",
        created="2007-02-12T04:28",
        released="2011-08-30T01:44",
        classification=Classification("UNCLASSIFIED"),
        origin="Embassy Astana",
        station="ASTANA",
        transmission_id="VZCZCXRO4403",
        precedence="ROUTINE",
        date_time_group="120428Z FEB 07",
        sender="AMEMBASSY ASTANA",
        sender_route="RUEHTA",
        recipients=[Recipient(name="SECSTATE WASHDC", route="RUEHC", mcn="8416")],
        info_recipients=[
            Recipient(name="CIS COLLECTIVE", route="RUCNCIS", mcn="0027"),
            Recipient(name="DEPT OF JUSTICE WASHDC//ICITAP", route="RUEAWJA"),
            Recipient(name="USOFFICE ALMATY", route="RUEHAST"),
        ],
        tags=[
            Tag("SNAR", "subject"),
            Tag("PINS", "subject"),
            Tag("PGOV", "subject"),
            Tag("PHUM", "subject"),
            Tag("KCRM", "program"),
            Tag("KZ", "geographic"),
        ],
        subject="KAZAKHSTAN: INL CONDUCTS ANTI-TIP TRAINING COURSE FOR LAW ENFORCEMENT, "
        "PROCURACY, AND JUDICIARY",
        paragraphs=[Paragraph(text, number=i) for i, text in enumerate(SEED_PARAGRAPHS, 1)],
        signers=["ORDWAY"],
    )


def citing_cable() -> Cable:
    """A made-up cable that cites the seed and one cable outside any corpus."""
    return Cable(
        reference_id="07ASTANA999",
        canonical_id="07ASTANA999",
        created="2007-03-01T10:00",
        sender="AMEMBASSY ASTANA",
        sender_route="RUEHTA",
        tags=[Tag("PGOV", "subject"), Tag("KZ", "geographic")],
        references=[
            Reference("CABLE", "07 ASTANA 367", id="07ASTANA367", bullet="A"),
            Reference("CABLE", "06 ALMATY 1234", id="06ALMATY1234", bullet="B"),
        ],
    )


def load(store: GraphStore, *cables: Cable) -> None:
    """Load the reference tables and ``cables`` into ``store`` as the build does."""
    store.add_default(reference_quads())
    for cable in cables:
        quads = list(cable_quads(cable))
        store.replace_graphs([(quads[0].graph_name, quads)])


def ask(store: GraphStore, where: str) -> bool:
    """Return the answer of ``ASK { where }`` with the project's prefixes."""
    from kg.query import run_query

    return run_query(store, f"ASK {{ {where} }}").rows == [("true",)]


__all__ = ["ask", "citing_cable", "load", "ox", "seed_cable"]
