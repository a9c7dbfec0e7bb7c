"""Paths the tests share: the project's own example, and ../shared beside the checkout.

Tests that need ``../shared`` use :func:`needs_shared` and skip with a clear reason when it
is absent (a user's fresh machine); in CI it is always there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "examples" / "07ASTANA367-blog-copy.txt"
SHARED = PROJECT.parent / "shared"
CORPUS = SHARED / "corpus"
CORPUS_6712 = CORPUS / "cablegate-html-6712.tar.xz"
SNAPSHOT_1869 = CORPUS / "cablegate-html-2010-12-22-snapshot-1869.tar.xz"
BODY_ONLY_3043 = CORPUS / "body-only-3043.tar.xz"
FIXTURES = CORPUS / "fixtures"
GOLD = SHARED / "gold"
CONFORMANCE = GOLD / "cablemap-conformance.jsonl"
ENTITIES_DEV = GOLD / "entities-dev.jsonl"
REFERENCE = SHARED / "reference"


def needs_shared(path: Path) -> pytest.MarkDecorator:
    """Skip the test, saying why, when ``path`` under ../shared is absent."""
    return pytest.mark.skipif(
        not path.exists(),
        reason=f"needs {path.relative_to(PROJECT.parent)} (the shared data beside the "
        "project); absent on this machine",
    )
