"""Build the parser's curated lookup tables under ``kg/data/`` from ../shared/reference.

Run from the project root: ``python tools/build_parse_tables.py``. It writes

* ``kg/data/cable_ids.json``: station-name repairs, the WikiLeaks ids known to be malformed
  (a correct twin exists) or invalid (no twin) with the id they should have, and the valid
  station names. Facts from cablemap (https://github.com/heuer/cablemap, BSD-3-Clause,
  (c) 2011-2015 Lars Heuer), read from ../shared/reference/cablemap/lookup-tables.json.
* ``kg/data/tags.json``: every TAGS code with its kind (subject, program, geographic,
  organization), the repairs of glued or misspelt TAGS and the multi-word TAG phrases.
  The code lists are US Government works (public domain) as compiled by Lars Heuer
  (../shared/reference/tags); the repairs are from cablemap (BSD-3-Clause).
* ``kg/data/titlefy.json``: the acronyms that title-casing keeps upper-case and the words
  with a fixed spelling; from cablemap's acronyms.txt and titlefy tables (BSD-3-Clause).

The output is our own format (sorted, checked for idempotence), not a copy of the inputs.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
REFERENCE = PROJECT.parent / "shared" / "reference"
OUT = PROJECT / "kg" / "data"

CABLEMAP_CREDIT = (
    "cablemap by Lars Heuer, https://github.com/heuer/cablemap, BSD-3-Clause, "
    "(c) 2011-2015 Lars Heuer"
)


def _lookup() -> dict[str, Any]:
    raw = json.loads((REFERENCE / "cablemap" / "lookup-tables.json").read_text("utf-8"))
    # The keys carry a description after the name: "malformed_cable_ids (WikiLeaks id ...)".
    return {key.split(" ", 1)[0]: value for key, value in raw.items()}


def _code_lines(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, _, label = line.partition("\t")
        rows.append((code.strip(), label.strip()))
    return rows


def build_ids(lookup: dict[str, Any]) -> dict[str, object]:
    """Station repairs and the known malformed / invalid ids."""
    stations = dict(sorted(lookup["station_c14n"].items()))
    bad = [v for v in stations.values() if v in stations]
    if bad:
        sys.exit(f"station repairs are not idempotent: {bad}")
    return {
        "_source": f"Facts from {CABLEMAP_CREDIT}; built by tools/build_parse_tables.py.",
        "valid_stations": sorted(lookup["valid_station_ids"]),
        "station_repairs": stations,
        "malformed_ids": dict(sorted(lookup["malformed_cable_ids"].items())),
        "invalid_ids": dict(sorted(lookup["invalid_cable_ids"].items())),
    }


# The Ba'ath party TAG (cablemap's own test of tag kinds has it as an organization).
EXTRA_ORGANIZATION_TAGS = ("BA'ATH",)

_FIPS_LINE = re.compile(
    r"^(?P<name>.+?)\s+(?P<code>[A-Z]{2})\s+(?P<regions>[A-Z]{2}(?:,\s*[A-Z]{2})*)?\s*$"
)


def build_tags(lookup: dict[str, Any]) -> dict[str, object]:
    """TAGS code → kind, plus repairs and multi-word phrases."""
    tags_dir = REFERENCE / "tags"
    kinds: dict[str, str] = {}
    labels: dict[str, str] = {}
    for code, label in _code_lines(tags_dir / "organization-tags.txt"):
        kinds[code.upper()] = "organization"
        labels.setdefault(code.upper(), label)
    # fips_regions.txt is cp1252 (an en dash in its header comment).
    for line in (tags_dir / "fips_regions.txt").read_text("cp1252").splitlines():
        if line.strip() and not line.startswith("#"):
            code, _, label = line.strip().partition(" ")
            kinds[code] = "geographic"
            labels[code] = label.strip()
    for line in (tags_dir / "name_fips_regions.txt").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = _FIPS_LINE.match(line.strip())
        if match:
            kinds[match["code"]] = "geographic"
            labels[match["code"]] = match["name"]
    for kind, name in (("program", "program-tags.txt"), ("subject", "subject-tags.txt")):
        for code, label in _code_lines(tags_dir / name):
            kinds[code.upper()] = kind
            labels[code.upper()] = label
    # Organization TAGS seen in cables but missing from the compiled list.
    for code in EXTRA_ORGANIZATION_TAGS:
        kinds.setdefault(code, "organization")
    fixes = dict(sorted(lookup["tag_fixes"].items()))
    for replacement in fixes.values():
        for code in replacement:
            if "," in code:
                kinds.setdefault(code, "person")
    phrases = []
    for phrase in lookup["multiword_tag_phrases"]:
        # "GOI {EX|IN}TERNAL" stands for two phrases.
        alt = re.fullmatch(r"(.*)\{(\w+)\|(\w+)\}(.*)", phrase)
        if alt:
            phrases += [alt[1] + alt[2] + alt[4], alt[1] + alt[3] + alt[4]]
        else:
            phrases.append(phrase)
    return {
        "_source": "TAGS codes: US Department of State (public domain), compiled by Lars "
        f"Heuer (../shared/reference/tags). Repairs and phrases: {CABLEMAP_CREDIT}. "
        "Built by tools/build_parse_tables.py.",
        "kinds": dict(sorted(kinds.items())),
        "labels": dict(sorted(labels.items())),
        "repairs": fixes,
        "phrases": sorted(set(phrases), key=lambda p: (-len(p), p)),
    }


def build_titlefy(lookup: dict[str, Any]) -> dict[str, object]:
    """Acronyms kept upper-case by titlefy, and words with a fixed spelling."""
    acronyms = {
        line.strip()
        for line in (REFERENCE / "cablemap" / "acronyms.txt").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    return {
        "_source": f"Acronyms and fixed spellings from {CABLEMAP_CREDIT}; built by "
        "tools/build_parse_tables.py.",
        "acronyms": sorted(acronyms),
        "special_words": dict(sorted(lookup["titlefy_special_words"].items())),
    }


def main() -> None:
    """Write the three tables."""
    lookup = _lookup()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, table in (
        ("cable_ids.json", build_ids(lookup)),
        ("tags.json", build_tags(lookup)),
        ("titlefy.json", build_titlefy(lookup)),
    ):
        path = OUT / name
        path.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {path.relative_to(PROJECT)}")


if __name__ == "__main__":
    main()
