"""Build the body parser's lookup table under ``kg/data/`` from cablemap's reference facts.

Writes

* ``kg/data/signer_fixes.json``: misspelt or glued signer surnames → canonical surnames
  (``RICCIARONDE`` → ``RICCIARDONE``, ``KEEGANPAAL`` → ``KEEGAN PAAL``), used by
  :func:`kg.parse.body.canonical_signers`.

Source: ``../shared/reference/cablemap/lookup-tables.json`` from cablemap by Lars Heuer
(BSD-3-Clause, see that folder's LICENSE.txt). The files written here are our own format and
carry that citation in their ``_source`` key.

Run: ``.venv/bin/python tools/build_body_tables.py``
"""

from __future__ import annotations

import json
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LOOKUP = PROJECT.parent / "shared" / "reference" / "cablemap" / "lookup-tables.json"
OUT = PROJECT / "kg" / "data"
SOURCE = (
    "Built by tools/build_body_tables.py from cablemap (Lars Heuer, BSD-3-Clause): "
    "reference/cablemap/lookup-tables.json"
)

# Glued signer pairs seen in the archive, split into their surnames (cablemap's tests:
# 04TAIPEI3991, 05ASUNCION807, 06MUSCAT396, 06KIRKUK112).
_GLUED_SIGNERS = {
    "KEEGANPAAL": "KEEGAN PAAL",
    "JOHNSONKEANE": "JOHNSON KEANE",
    "STEWARTBALTIMORE": "STEWART BALTIMORE",
    "BIGUSBELL": "BIGUS BELL",
    "ODONOHUE": "O'DONOHUE",
}


def main() -> None:
    tables = json.loads(LOOKUP.read_text(encoding="utf-8"))
    fixes = dict(tables["surname_c14n (signer typos)"])
    fixes.update(_GLUED_SIGNERS)
    signers = {"_source": SOURCE, "fixes": dict(sorted(fixes.items()))}
    OUT.mkdir(parents=True, exist_ok=True)
    text = json.dumps(signers, indent=1, ensure_ascii=False) + "\n"
    (OUT / "signer_fixes.json").write_text(text, encoding="utf-8")
    print("wrote kg/data/signer_fixes.json")


if __name__ == "__main__":
    main()
