"""Build the extraction tables under ``kg/data/`` from cablemap's reference facts.

Writes, in our own format with the citation in each file's ``_source`` key:
``kg/data/extract_station_countries.json`` (station name as in reference ids → ISO 3166-1
alpha-2 country), ``kg/data/extract_signers.json`` (signer surname → station → full name)
and ``kg/data/extract_acronyms.json`` (the acronyms cables use, no expansions). Source:
``station2country.csv``, ``signers.json`` and ``acronyms.txt`` in
``../shared/reference/cablemap/``, from cablemap by Lars Heuer (BSD-3-Clause, see that
folder's LICENSE.txt).

With ``--learn`` it also writes ``kg/data/extract_learned.json``: given names, acronym
expansions and company names learned (:func:`kg.extract.learn.learn_tables`) from the
cables of ``../shared/corpus/cablegate-html-6712.tar.xz`` plus the first names of the
signer facts (about two minutes).

Run: ``.venv/bin/python tools/build_extract_data.py [--learn]``
"""

from __future__ import annotations

import csv
import json
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path

import pycountry

PROJECT = Path(__file__).resolve().parent.parent
CABLEMAP = PROJECT.parent / "shared" / "reference" / "cablemap"
OUT = PROJECT / "kg" / "data"
SOURCE = (
    "Built by tools/build_extract_data.py from cablemap (Lars Heuer, BSD-3-Clause): "
    "reference/cablemap/{}"
)

# cablemap's country keys that pycountry cannot look up by name.
_FIXES = {
    "argentinia": "AR",
    "bosnia_and_herzegovina": "BA",
    "burma": "MM",
    "cote_divoire": "CI",
    "curacao": "CW",
    "czech": "CZ",
    "democratic_republic_congo": "CD",
    "republic_congo": "CG",
    "east_timor": "TL",
    "iran": "IR",
    "kosovo": "XK",
    "laos": "LA",
    "macedonia": "MK",
    "majuro": "MH",
    "micronesia": "FM",
    "moldova": "MD",
    "northern_ireland": "GB",
    "russia": "RU",
    "south_korea": "KR",
    "swaziland": "SZ",
    "syria": "SY",
    "taiwan": "TW",
    "tanzania": "TZ",
    "turkey": "TR",
    "vatican": "VA",
    "venezuela": "VE",
    "vietnam": "VN",
    "bolivia": "BO",
    "cape_verde": "CV",
    "brunei": "BN",
}


def country_code(name: str) -> str | None:
    """Return the ISO alpha-2 code of a cablemap country key, or None for groups."""
    if not name or name in {"usdel", "usnato"}:
        return None
    if name in _FIXES:
        return _FIXES[name]
    return pycountry.countries.lookup(name.replace("_", " ")).alpha_2


def build_stations() -> dict[str, str]:
    """Return station → ISO code for every mapped station."""
    stations: dict[str, str] = {}
    with (CABLEMAP / "station2country.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = country_code(row["country_or_group"])
            if code:
                stations[row["station"]] = code
    return stations


def build_signers() -> dict[str, dict[str, str]]:
    """Return surname → station → full name, dropping empty names."""
    raw = json.loads((CABLEMAP / "signers.json").read_text(encoding="utf-8"))
    return {
        surname: {station: name for station, name in sorted(posts.items()) if name}
        for surname, posts in sorted(raw.items())
        if any(posts.values())
    }


def build_acronyms() -> list[str]:
    """Return the sorted acronym list, one entry per distinct acronym."""
    lines = (CABLEMAP / "acronyms.txt").read_text(encoding="utf-8").splitlines()
    return sorted({line.strip() for line in lines if line.strip()})


def build_learned() -> dict[str, object]:
    """Return the tables learned from the 6,712 archive (and the signers' first names)."""
    from kg import read_cables
    from kg.extract.gazetteer import load_gazetteer
    from kg.extract.learn import learn_tables
    from kg.model import Cable

    archive = PROJECT.parent / "shared" / "corpus" / "cablegate-html-6712.tar.xz"
    gazetteer = load_gazetteer()
    cables: Iterable[Cable] = (c for c in read_cables(archive) if isinstance(c, Cable))
    if len(sys.argv) > 2:  # a pickled list of parsed cables, to iterate quickly on the rules
        with open(sys.argv[2], "rb") as handle:
            cables = pickle.load(handle)  # noqa: S301 - a file the developer made
    tables = learn_tables(cables, gazetteer)
    fulls: list[str] = []
    for posts in gazetteer.signers.values():
        for full in posts.values():
            # A post that two signers of one surname held maps year → name.
            fulls.extend(full.values() if isinstance(full, dict) else [full])
    signer_firsts = {
        parts[0]
        for parts in (full.split() for full in fulls)
        if len(parts) > 1 and parts[0].isalpha() and len(parts[0]) > 1
    }
    tables["given_names"] = sorted({*tables["given_names"], *signer_firsts})
    return tables


def main() -> None:
    """Write the tables (the learned one with ``--learn``)."""
    tables: tuple[tuple[str, object, str], ...] = (
        ("extract_station_countries.json", build_stations(), "station2country.csv"),
        ("extract_signers.json", build_signers(), "signers.json"),
        ("extract_acronyms.json", build_acronyms(), "acronyms.txt"),
    )
    if "--learn" in sys.argv:
        learned = (
            "extract_learned.json",
            build_learned(),
            "signers.json; learned from corpus/cablegate-html-6712.tar.xz by kg/extract/learn.py",
        )
        tables = (*tables, learned)
    for name, table, source in tables:
        payload = {"_source": SOURCE.format(source), "data": table}
        (OUT / name).write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n")
        print(f"{name}: {len(table)} entries")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
