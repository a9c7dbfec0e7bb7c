"""Name → implementation tables for projections and measures (``register()`` / ``get()``).

Modelled on rdflib's plugin registry at small scale: a name picked in ``config.yaml`` or on
the command line is looked up here, and an unknown name fails with the available ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from kg.errors import ConfigError

__all__ = ["Registry"]

T = TypeVar("T")


class Registry(Generic[T]):
    """A named table of implementations of one kind (``projection``, ``measure``).

    Examples
    --------
    >>> shapes = Registry[int]("shape")
    >>> shapes.register("dot", 1)
    1
    >>> shapes.get("dot")
    1
    >>> shapes.get("box")
    Traceback (most recent call last):
    ...
    kg.errors.ConfigError: shape `box` is not valid. It must be in: ['dot']
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}

    def register(self, name: str, item: T) -> T:
        """Add ``item`` under ``name``, replacing an earlier one; return ``item``."""
        self._items[name] = item
        return item

    def registers(self, name: str) -> Callable[[T], T]:
        """Decorator form of :meth:`register`."""
        return lambda item: self.register(name, item)

    def get(self, name: str) -> T:
        """Return the item named ``name``; ConfigError listing the names if there is none."""
        try:
            return self._items[name]
        except KeyError:
            raise ConfigError(
                f"{self.kind} `{name}` is not valid. It must be in: {self.names()}"
            ) from None

    def names(self) -> list[str]:
        """Registered names, sorted."""
        return sorted(self._items)

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())
