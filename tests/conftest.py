"""Session fixtures shared by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.data import EXAMPLE


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The example cable (the blog copy of 07ASTANA367) as text."""
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """Path of the example cable."""
    return EXAMPLE
