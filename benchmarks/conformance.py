"""Print the parser's conformance to cablemap's test suite: field, cases, passed, percent.

Run from the project root with ../shared beside it::

    .venv/bin/python benchmarks/conformance.py [--field tags ...]

The same as ``kg conformance``; kept here beside the other figures.
"""

from __future__ import annotations

import sys

from kg.cli import main

if __name__ == "__main__":
    sys.exit(main(["conformance", *sys.argv[1:]]))
