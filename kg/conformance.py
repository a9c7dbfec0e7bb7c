"""The conformance harness: the parser held to cablemap's test suite.

``../shared/gold/cablemap-conformance.jsonl`` holds 1,243 expected values harvested from
the test suite of cablemap (Lars Heuer's Cablegate parser, BSD-3). This module runs every
applicable case through the public parser API and tallies the results per field. Called by
``kg conformance``, ``benchmarks/conformance.py`` and ``tests/test_conformance.py``.

How a case is run:

* ``input`` given: ``parse_cable(input, year=options.year)`` and the field is read off the
  Cable. ``input`` null: the cable ``ref`` is looked up in the corpus archives (the 6,712
  archive first, then the 2010-12-22 snapshot, the body-only texts and the fixtures) and
  parsed as a user would (:func:`kg.parse.parse_raw`); a case whose cable is in none of
  them is *not applicable* and counted apart.
* Ids (``canonical_id``, ``malformed_id``, ``invalid_id``): :func:`kg.canonical_id`;
  ``titlefy``: :func:`kg.parse.subject.titlefy`; ``tag_kind``: :func:`kg.parse.tags.tag_kind`
  (compared upper-case, ``GEOGRAPHIC``/``ORGANIZATION`` named ``GEO``/``ORG`` as cablemap
  does; likewise reference kind ``TELCON`` is cablemap's ``TEL``); ``clean_content``:
  :func:`kg.parse.body.clean_content`.
* Options that ask for the *raw* value (``tags.canonicalize: false``,
  ``signers.canonicalize: false``, ``subject.clean: false``,
  ``classified_by.normalize: false``) call the field's function with that keyword:
  ``parse_tags(text, canonicalize=False)``, ``parse_signers(body, canonicalize=False)``,
  ``parse_subject(text, clean=False)``, ``parse_classified_by(text, normalize=False)``;
  otherwise the Cable's (canonical, clean, normalised) value is compared.
* ``references`` with ``cables_only``: the ids of the CABLE references, in order;
  ``references_typed``: ``{value, kind, bullet}`` per reference; ``match: contains``: the
  expected list is a subset; ``match: unordered``: compared as sorted lists.
"""

from __future__ import annotations

import importlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from kg.errors import KgError
from kg.model import Cable, RawCable

__all__ = [
    "Case",
    "CaseResult",
    "ConformanceReport",
    "Deviation",
    "load_cases",
    "load_deviations",
    "run_conformance",
]

_ID_FIELDS = {"canonical_id", "malformed_id", "invalid_id"}
# cablemap names two kinds differently from kg.model: the words differ, the meaning not.
_CABLEMAP_TAG_KINDS = {"GEOGRAPHIC": "GEO", "ORGANIZATION": "ORG"}
_CABLEMAP_REFERENCE_KINDS = {"TELCON": "TEL"}
_RAW_OPTIONS = {
    "tags": ("canonicalize", "kg.parse.tags", "parse_tags"),
    "signers": ("canonicalize", "kg.parse.body", "parse_signers"),
    "subject": ("clean", "kg.parse.subject", "parse_subject"),
    "classified_by": ("normalize", "kg.parse.classified_by", "parse_classified_by"),
}


@dataclass(frozen=True)
class Case:
    """One expected value of the conformance set."""

    line: int
    field: str
    ref: str | None
    input: str | None
    expected: Any
    options: dict[str, Any]
    match: str | None
    note: str | None
    source_test: str


@dataclass
class CaseResult:
    """What the parser gave for one case, and whether it matched."""

    case: Case
    actual: Any
    passed: bool
    error: str | None = None


@dataclass(frozen=True)
class Deviation:
    """A case where cablegraph deliberately gives another value, and why."""

    field: str
    ref: str
    reason: str
    source_test: str | None = None

    def covers(self, case: Case) -> bool:
        """Return True when this deviation is about ``case``."""
        return (
            case.field == self.field
            and case.ref == self.ref
            and self.source_test in (None, case.source_test)
        )


@dataclass
class ConformanceReport:
    """Results per field, and the cases that could not be run for want of their cable."""

    results: list[CaseResult] = field(default_factory=list)
    not_applicable: Counter[str] = field(default_factory=Counter)
    deviations: list[Deviation] = field(default_factory=list)

    def deviation(self, result: CaseResult) -> Deviation | None:
        """Return the documented deviation a failing result falls under, if any."""
        if result.passed:
            return None
        return next((d for d in self.deviations if d.covers(result.case)), None)

    def by_field(self) -> dict[str, tuple[int, int, int]]:
        """Return ``{field: (cases, passed, documented deviations)}`` over applicable cases."""
        table: dict[str, list[int]] = {}
        for result in self.results:
            row = table.setdefault(result.case.field, [0, 0, 0])
            row[0] += 1
            row[1] += result.passed
            row[2] += self.deviation(result) is not None
        return {name: (row[0], row[1], row[2]) for name, row in sorted(table.items())}

    def percent(self, field_name: str, *, setting_aside_deviations: bool = True) -> float:
        """Return the pass rate of a field, by default over the cases not set aside."""
        cases, passed, deviations = self.by_field()[field_name]
        judged = cases - deviations if setting_aside_deviations else cases
        return 100.0 * passed / judged if judged else 100.0

    def failures(self, field_name: str | None = None) -> list[CaseResult]:
        """Return the failing results, of one field or of all."""
        return [
            r
            for r in self.results
            if not r.passed and (field_name is None or r.case.field == field_name)
        ]

    def table(self) -> str:
        """Return the per-field table as aligned text.

        ``percent`` is passed / cases; ``dev`` counts failing cases that are documented
        deviations, and ``judged%`` is the pass rate over the cases not set aside;
        ``n/a`` counts cases whose cable is in none of the corpus archives.
        """
        head = ("field", "cases", "passed", "percent", "dev", "judged%", "n/a")
        lines = ["{:<24}{:>7}{:>8}{:>9}{:>5}{:>9}{:>6}".format(*head)]
        totals = (0, 0, 0)
        for name, row in self.by_field().items():
            totals = (totals[0] + row[0], totals[1] + row[1], totals[2] + row[2])
            lines.append(self._row(name, row, self.not_applicable[name]))
        lines.append(self._row("all", totals, sum(self.not_applicable.values())))
        return "\n".join(lines)

    @staticmethod
    def _row(name: str, row: tuple[int, int, int], not_applicable: int) -> str:
        cases, passed, deviations = row
        pct = 100.0 * passed / cases if cases else 0.0
        judged = cases - deviations
        judged_pct = 100.0 * passed / judged if judged else 100.0
        return (
            f"{name:<24}{cases:>7}{passed:>8}{pct:>8.1f}%{deviations:>5}"
            f"{judged_pct:>8.1f}%{not_applicable:>6}"
        )


def load_cases(path: str | Path) -> list[Case]:
    """Read the conformance cases from a JSON-lines file.

    Parameters
    ----------
    path : str or Path
        ``cablemap-conformance.jsonl``.

    Returns
    -------
    list of Case
        In file order; ``line`` is the 1-based line number.
    """
    cases = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            data = json.loads(line)
            cases.append(
                Case(
                    line=number,
                    field=data["field"],
                    ref=data.get("ref"),
                    input=data.get("input"),
                    expected=data.get("expected"),
                    options=data.get("options") or {},
                    match=data.get("match"),
                    note=data.get("note"),
                    source_test=data.get("source_test", ""),
                )
            )
    return cases


def load_deviations(path: str | Path | None = None) -> list[Deviation]:
    """Read the documented deviations (default: the table shipped in ``kg/data``).

    Examples
    --------
    >>> any(d.field == "invalid_id" for d in load_deviations())
    True
    """
    if path is None:
        text = (
            resources.files("kg")
            .joinpath("data/conformance_deviations.yaml")
            .read_text(encoding="utf-8")
        )
    else:
        text = Path(path).read_text(encoding="utf-8")
    return [Deviation(**entry) for entry in yaml.safe_load(text) or []]


def run_conformance(
    cases: Iterable[Case],
    corpus: Iterable[str | Path] = (),
    fields: Iterable[str] = (),
    deviations: Iterable[Deviation] | None = None,
) -> ConformanceReport:
    """Run the cases and tally the results.

    Parameters
    ----------
    cases : iterable of Case
        From :func:`load_cases`.
    corpus : iterable of str or Path
        Archives (``.tar.xz``) and directories where cables of null-input cases are looked
        up by reference id, in order of preference.
    fields : iterable of str
        Only run these fields (all when empty).
    deviations : iterable of Deviation, optional
        Documented deviations (default: :func:`load_deviations`).

    Returns
    -------
    ConformanceReport
    """
    wanted = set(fields)
    selected = [c for c in cases if not wanted or c.field in wanted]
    needed = {c.ref for c in selected if c.input is None and c.ref}
    cables = _corpus_cables(needed, corpus)
    report = ConformanceReport(
        deviations=list(load_deviations() if deviations is None else deviations)
    )
    for case in selected:
        if case.input is None and case.ref not in cables:
            report.not_applicable[case.field] += 1
            continue
        cable = cables.get(case.ref or "") if case.input is None else None
        report.results.append(_run_case(case, cable))
    return report


def _run_case(case: Case, cable: Cable | None) -> CaseResult:
    try:
        actual = _actual(case, cable)
    except (
        KgError,
        ImportError,
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
    ) as exc:
        return CaseResult(case, None, False, f"{type(exc).__name__}: {exc}")
    return CaseResult(case, actual, _matches(case, actual))


def _actual(case: Case, cable: Cable | None) -> Any:
    from kg import canonical_id, parse_cable

    name, text = case.field, case.input
    if name in _ID_FIELDS:
        return canonical_id(text or case.ref or "")
    if name in ("titlefy", "tag_kind", "clean_content"):
        module = "kg.parse.subject" if name == "titlefy" else "kg.parse.tags"
        module = "kg.parse.body" if name == "clean_content" else module
        value = _function(module, name)(text or "")
        if name == "tag_kind":
            return _CABLEMAP_TAG_KINDS.get(value.upper(), value.upper())
        return value
    year = case.options.get("year")
    if cable is None:
        # the case's ref names the cable the fragment was cut from, as a file name would
        cable = parse_cable(text or "", year=year, source=case.ref or "<text>")
    raw = _RAW_OPTIONS.get(name)
    if raw and case.options.get(raw[0]) is False:
        source = text if text is not None else f"{cable.header}\n\n{cable.body}"
        if name == "signers":
            source = text if text is not None else cable.body
        value = _function(raw[1], raw[2])(source, **{raw[0]: False})
        return _plain(name, value)
    return _plain(name, _field(cable, name, case.options))


def _field(cable: Cable, name: str, options: dict[str, Any]) -> Any:
    if name == "references_typed":
        return [
            {
                "value": r.value,
                "kind": _CABLEMAP_REFERENCE_KINDS.get(r.kind, r.kind),
                "bullet": r.bullet,
            }
            for r in cable.references
        ]
    if name == "references":
        refs = cable.references
        if options.get("cables_only", True):
            return [r.id for r in refs if r.kind == "CABLE"]
        return [r.value for r in refs]
    if name in ("recipients", "info_recipients"):
        return [
            {
                "route": r.route,
                "name": r.name,
                "precedence": r.precedence,
                "mcn": r.mcn,
                "excluded": list(r.excluded),
            }
            for r in getattr(cable, name)
        ]
    return getattr(cable, name)


def _plain(name: str, value: Any) -> Any:
    if name == "tags":
        return [getattr(t, "code", t) for t in value]
    if name == "classified_by":
        if value is None:
            return []
        return list(getattr(value, "names", value))
    return value


def _matches(case: Case, actual: Any) -> bool:
    expected = case.expected
    if case.match == "contains":
        return isinstance(actual, list) and all(item in actual for item in expected)
    if case.match == "unordered":
        return isinstance(actual, list) and sorted(map(str, actual)) == sorted(map(str, expected))
    return bool(actual == expected)


def _function(module: str, name: str) -> Callable[..., Any]:
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


def _corpus_cables(refs: set[str], corpus: Iterable[str | Path]) -> dict[str, Cable]:
    from kg.parse import parse_raw

    found: dict[str, Cable] = {}
    for location in corpus:
        missing = refs - set(found)
        if not missing:
            break
        for ref, raw in _find_raw(Path(location), missing):
            if ref not in found:
                try:
                    found[ref] = parse_raw(raw)
                except KgError:
                    continue
    return found


def _find_raw(location: Path, refs: set[str]) -> Iterator[tuple[str, RawCable]]:
    from kg.sources import iter_sources

    if not location.exists():
        return
    for item in iter_sources(location):
        if isinstance(item, RawCable):
            ref = PurePosixPath(item.origin.rsplit("!", 1)[-1]).name.rsplit(".", 1)[0]
            if ref in refs:
                yield ref, item
