"""cablegraph: a knowledge-graph builder for US diplomatic cables.

The public API: read and parse cables, canonicalise their ids, load the configuration.
"""

from kg.config import Config, load_config
from kg.errors import KgError
from kg.model import Cable, RawCable, Reject
from kg.parse import canonical_id, parse_cable
from kg.pipeline import read_cables

__all__ = [
    "Cable",
    "Config",
    "KgError",
    "RawCable",
    "Reject",
    "canonical_id",
    "load_config",
    "parse_cable",
    "read_cables",
]

__version__ = "0.2.0"
