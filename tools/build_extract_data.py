"""Build the extraction tables under ``kg/data/`` from cablemap's reference facts.

Writes, in our own format with the citation in each file's ``_source`` key:
``kg/data/extract_station_countries.json`` (station name as in reference ids → ISO 3166-1
alpha-2 country), ``kg/data/extract_signers.json`` (signer surname → station → full name)
and ``kg/data/extract_acronyms.json`` (the acronyms cables use, no expansions). Source:
``station2country.csv``, ``signers.json`` and ``acronyms.txt`` in
``../shared/reference/cablemap/``, from cablemap by Lars Heuer (BSD-3-Clause, see that
folder's LICENSE.txt).

Run: ``.venv/bin/python tools/build_extract_data.py``
"""

from __future__ import annotations

import csv
import json
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


def main() -> None:
    """Write both tables."""
    tables: tuple[tuple[str, object, str], ...] = (
        ("extract_station_countries.json", build_stations(), "station2country.csv"),
        ("extract_signers.json", build_signers(), "signers.json"),
        ("extract_acronyms.json", build_acronyms(), "acronyms.txt"),
    )
    for name, table, source in tables:
        payload = {"_source": SOURCE.format(source), "data": table}
        (OUT / name).write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n")
        print(f"{name}: {len(table)} entries")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
