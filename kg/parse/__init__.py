"""The telegram parser: text in, :class:`kg.model.Cable` out. Never imports rdflib.

``parse_cable`` is the entry point for text (a whole cable page, a telegram, a body-only
text, or a fragment such as a TAGS line or a REF block); ``parse_raw`` for what
:mod:`kg.sources` yields. Each field has its own module.
"""

from kg.parse.cable import parse_cable, parse_raw
from kg.parse.ids import canonical_id

__all__ = ["canonical_id", "parse_cable", "parse_raw"]
