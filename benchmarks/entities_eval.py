"""Entity extraction scores on the development set ``../shared/gold/entities-dev.jsonl``.

Prints precision, recall and F1 per type (organizations, places, persons, programmes,
events) over the 20 annotated cables, micro-averaged.

Matching rule
-------------
* Entities are compared within a cable, type by type: organizations = our ``organization``
  and ``post`` entities; places = ``place``; persons = ``person``; programmes =
  ``programme``. Person entities known only as addressees of the "STATE FOR ..." line are
  left out: the guideline puts that line out of scope.
* Every name of an entity counts: gold ``name`` + ``aliases``; ours ``label`` +
  ``alt_labels`` (which include each surface form found). Names are normalized with
  :func:`kg.extract.text.normalize_name` (ASCII, lower case, no leading article, no
  punctuation; "U.S." = "US").
* A predicted entity matches a gold entity when they share one normalized name; matching
  is one-to-one, greedy in gold order. TP = matched pairs, P = TP / predicted, R = TP / gold.
* Events match on type and date: ours as ``begin`` (or ``begin/end`` for a range), gold's
  ``date`` as written; an undated event matches an undated gold event of the same type.

Run: ``.venv/bin/python benchmarks/entities_eval.py``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _cables import ENTITIES_DEV, iter_members, page_cable  # noqa: E402

from kg.extract import extract_cable  # noqa: E402
from kg.extract.text import normalize_name  # noqa: E402
from kg.model import Cable  # noqa: E402

TYPES = {
    "organizations": ("organizations", {"organization", "post"}),
    "places": ("locations", {"place"}),
    "persons": ("persons", {"person"}),
    "programmes": ("programmes", {"programme"}),
}


def predicted(cable: Cable, types: set[str]) -> list[set[str]]:
    """Return the name sets of the cable's entities of ``types``."""
    entities = {}
    for mention in cable.mentions:
        entity = mention.entity
        if entity.type not in types or entity.attributes.get("roles") == ["addressee"]:
            continue
        entities[entity.key] = entity
    return [{normalize_name(n) for n in (e.label, *e.alt_labels)} - {""} for e in entities.values()]


def match(gold: list[set[str]], pred: list[set[str]]) -> int:
    """Return the number of one-to-one matches sharing a name."""
    return len(pairs(gold, pred))


def pairs(gold: list[set[str]], pred: list[set[str]]) -> dict[int, int]:
    """Return gold index → predicted index of the one-to-one matches, greedy in gold order."""
    used: dict[int, int] = {}
    for gold_index, names in enumerate(gold):
        for index, candidate in enumerate(pred):
            if index not in used.values() and names & candidate:
                used[gold_index] = index
                break
    return used


def _report(ref: str, name: str, gold: list[set[str]], pred: list[set[str]]) -> None:
    """Print a cable's misses (gold not found) and false positives (found, not gold)."""
    matched = pairs(gold, pred)
    missed = [min(gold[i], key=len) for i in range(len(gold)) if i not in matched]
    extra = [min(p, key=len) for i, p in enumerate(pred) if i not in matched.values()]
    print(f"{ref} {name}: {len(matched)} of {len(gold)} gold, {len(pred)} predicted")
    if missed:
        print("   missed:", sorted(missed))
    if extra:
        print("   false: ", sorted(extra))


def event_dates(cable: Cable) -> list[set[str]]:
    """Return each event's ``{type|date}`` key as a one-element set."""
    keys = []
    for event in cable.events:
        date = event.begin
        if event.begin and event.end and event.end != event.begin:
            date = f"{event.begin}/{event.end}"
        keys.append({f"{event.type}|{date}"})
    return keys


def main() -> None:
    """Score every gold cable and print the table."""
    gold = [json.loads(line) for line in ENTITIES_DEV.read_text().splitlines() if line]
    by_member = {g["member"]: g for g in gold}
    totals = {t: [0, 0, 0] for t in [*TYPES, "events"]}
    verbose = "-v" in sys.argv
    for member, page in iter_members(set(by_member)):
        annotation = by_member[member]
        cable = extract_cable(page_cable(page, member))
        for name, (gold_key, types) in TYPES.items():
            gold_sets = [
                {normalize_name(n) for n in (g["name"], *g.get("aliases", []))}
                for g in annotation[gold_key]
            ]
            pred_sets = predicted(cable, types)
            hits = match(gold_sets, pred_sets)
            totals[name][0] += hits
            totals[name][1] += len(pred_sets)
            totals[name][2] += len(gold_sets)
            if verbose:
                _report(annotation["ref"], name, gold_sets, pred_sets)
        gold_events = [{f"{e['type']}|{e['date']}"} for e in annotation["events"]]
        pred_events = event_dates(cable)
        totals["events"][0] += match(gold_events, pred_events)
        totals["events"][1] += len(pred_events)
        totals["events"][2] += len(gold_events)
        if verbose:
            _report(annotation["ref"], "events", gold_events, pred_events)
    print(f"{'type':<14} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'pred':>5} {'gold':>5}")
    for name, (hits, pred, gold_count) in totals.items():
        p = hits / pred if pred else 0.0
        r = hits / gold_count if gold_count else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:<14} {p:6.3f} {r:6.3f} {f:6.3f} {hits:5d} {pred:5d} {gold_count:5d}")


if __name__ == "__main__":
    main()
