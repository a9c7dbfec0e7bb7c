"""Assembles a Cable from its fields. (Provisional; being written.)"""

from __future__ import annotations

import re

from kg.errors import ParseError
from kg.model import Cable, RawCable
from kg.parse.ids import canonical_id

__all__ = ["parse_cable", "parse_raw"]

_ID = re.compile(r"\b(\d{2}[A-Z]+\d+)\b")


def parse_cable(
    text: str, *, year: int | None = None, format: str = "auto", source: str = "<text>"
) -> Cable:
    """Parse ``text`` into a Cable."""
    match = _ID.search(text)
    if not match:
        raise ParseError("no reference id found", source=source)
    ref = match.group(1)
    return Cable(reference_id=ref, canonical_id=canonical_id(ref), source=source, format=format)


def parse_raw(raw: RawCable) -> Cable:
    """Parse what a source yielded."""
    return parse_cable(raw.text, format=raw.format, source=raw.origin)
