"""The exceptions of cablegraph: one base class, one subclass per kind of failure.

Library code raises these; only :mod:`kg.cli` turns them into messages and exit codes.
"""

from __future__ import annotations

__all__ = [
    "CABLE_ERRORS",
    "ConfigError",
    "KgError",
    "ParseError",
    "QueryError",
    "SourceError",
    "StoreError",
]


class KgError(Exception):
    """Base class of every error cablegraph raises on purpose."""


class ConfigError(KgError):
    """Raised when a configuration key or value is not allowed."""


class SourceError(KgError):
    """Raised when a source cannot be read: missing, unsafe, too large, undecodable."""

    def __init__(self, message: str, *, source: str, position: str | None = None) -> None:
        self.source = source
        self.position = position
        where = f"{source} at {position}" if position else source
        super().__init__(f"{where}: {message}")
        self.reason = message


class ParseError(KgError):
    """Raised when text is not a cable the parser can make sense of."""

    def __init__(
        self,
        message: str,
        *,
        source: str = "<text>",
        cable_id: str | None = None,
        position: str | None = None,
    ) -> None:
        self.source = source
        self.cable_id = cable_id
        self.position = position
        self.reason = message
        where = source + (f" [{cable_id}]" if cable_id else "")
        where += f" at {position}" if position else ""
        super().__init__(f"{where}: {message}")


class StoreError(KgError):
    """Raised when the triple store cannot be opened, written or queried."""


class QueryError(KgError):
    """Raised when a SPARQL query or named query is unknown or invalid."""


#: What a bug met on one cable may raise: that cable becomes a reject, the run goes on.
CABLE_ERRORS: tuple[type[Exception], ...] = (
    KgError,
    ValueError,
    IndexError,
    KeyError,
    TypeError,
    AttributeError,
    ArithmeticError,
    RecursionError,
)
