"""SPARQL over the built store: ad-hoc text, ``.rq`` files, and the named analyst
queries shipped in kg/queries/, printed as a table, CSV, TSV or JSON.

Called by ``kg query`` (and the benchmark). Reads only the store. A named query's
comment header documents it: the first lines say what it answers, each
``# param: NAME = DEFAULT : what it is`` line declares a parameter, used in the body as
``{{NAME}}`` (a string literal) or ``{{NAME:int}}`` (an integer). Values are escaped,
never pasted in raw. Comments after the parameters (or after a bare ``#`` line) say how
the query is written, and are not part of its description.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from kg.errors import QueryError
from kg.namespaces import PREFIXES
from kg.store import GraphStore, QueryResult

__all__ = [
    "OUTPUT_FORMATS",
    "NamedQuery",
    "format_result",
    "named_queries",
    "render_query",
    "run_query",
]

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")
_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*=\s*(\"[^\"]*\"|\S+)\s*:\s*(.*)$")
_SLOT = re.compile(r"\{\{(\w+)(:int)?\}\}")


@dataclass(frozen=True)
class NamedQuery:
    """A shipped query: its name, what it answers, its parameters and SPARQL text."""

    name: str
    description: str
    text: str
    params: dict[str, tuple[str, str]] = field(default_factory=dict)


def _parse_named(name: str, text: str) -> NamedQuery:
    description: list[str] = []
    params: dict[str, tuple[str, str]] = {}
    described = False  # the description ends at the first parameter or a bare "#" line
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _PARAM.match(line)
        if match:
            params[match.group(1)] = (match.group(2).strip('"'), match.group(3).strip())
            described = True
        elif line.strip() == "#":
            described = True
        elif not described:
            description.append(line.lstrip("# ").strip())
    return NamedQuery(name, " ".join(description), text, params)


def named_queries() -> dict[str, NamedQuery]:
    """Return the shipped queries by name (the file name without ``.rq``).

    Examples
    --------
    >>> q = named_queries()["cables-about-tag"]
    >>> sorted(q.params), q.params["tag"][0]
    (['end', 'start', 'tag'], 'PGOV')
    >>> named_queries()["posts-by-country"].description  # not the notes after a bare "#"
    'Posts by country: the posts that sent cables in the graph, with country and cable count.'
    """
    folder = resources.files("kg.queries")
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            found[name] = _parse_named(name, entry.read_text(encoding="utf-8"))
    return found


def _literal(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def render_query(query: str, params: dict[str, str] | None = None) -> str:
    """Return runnable SPARQL for a named query, a ``.rq`` path, or SPARQL text.

    The project's prefixes (cg, dcterms, skos, schema, ...) are declared for every query.

    Parameters
    ----------
    query : str
        A name from :func:`named_queries`, a path to a ``.rq`` file, or SPARQL text.
    params : dict, optional
        Parameter values of a named query; the defaults fill the rest.

    Raises
    ------
    QueryError
        If a parameter is unknown or an ``:int`` parameter is not an integer.

    Examples
    --------
    >>> "LIMIT 3" in render_query("tag-cooccurrence", {"limit": "3"})
    True
    >>> render_query("tag-cooccurrence", {"limt": "3"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: parameter `limt` is not valid for tag-cooccurrence. It must be in: [...]
    """
    params = dict(params or {})
    named = named_queries()
    if query in named:
        spec = named[query]
        unknown = sorted(set(params) - set(spec.params))
        if unknown:
            raise QueryError(
                f"parameter `{unknown[0]}` is not valid for {query}. "
                f"It must be in: {sorted(spec.params)}"
            )
        values = {k: params.get(k, default) for k, (default, _) in spec.params.items()}
        text = _SLOT.sub(lambda m: _fill(query, m, values), spec.text)
    elif query.endswith(".rq") and "\n" not in query:
        try:
            text = Path(query).read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"cannot read query file {query}: {exc.strerror}") from exc
    else:
        text = query
    header = "".join(
        f"PREFIX {p}: <{iri}>\n"
        for p, iri in sorted(PREFIXES.items())
        if not re.search(rf"PREFIX\s+{p}:", text, re.I)
    )
    return header + text


def _fill(query: str, match: re.Match[str], values: dict[str, str]) -> str:
    name, as_int = match.group(1), match.group(2)
    value = values[name]
    if as_int:
        if not value.isdigit():
            raise QueryError(f"parameter `{name}` of {query} must be an integer, got `{value}`")
        return value
    return _literal(value)


def run_query(store: GraphStore, query: str, params: dict[str, str] | None = None) -> QueryResult:
    """Render ``query`` (see :func:`render_query`) and run it on ``store``."""
    from kg.errors import StoreError

    try:
        return store.query(render_query(query, params))
    except StoreError as exc:
        raise QueryError(str(exc)) from exc


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Return ``result`` as text in ``fmt``: table, csv, tsv or json.

    Examples
    --------
    >>> r = QueryResult(["tag", "cables"], [("PGOV", "2"), ("KZ", None)])
    >>> print(format_result(r, "table"))
    tag   cables
    ----  ------
    PGOV  2
    KZ
    >>> format_result(r, "json")
    '[{"tag": "PGOV", "cables": "2"}, {"tag": "KZ", "cables": null}]\\n'
    """
    if fmt not in OUTPUT_FORMATS:
        raise QueryError(
            f"output format `{fmt}` is not valid. It must be in: {list(OUTPUT_FORMATS)}"
        )
    if fmt == "json":
        rows = [dict(zip(result.variables, row, strict=True)) for row in result.rows]
        return json.dumps(rows, ensure_ascii=False) + "\n"
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows([["" if v is None else v for v in row] for row in result.rows])
        return out.getvalue()
    cells = [[("" if v is None else v.replace("\n", " ")) for v in row] for row in result.rows]
    widths = [
        max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(result.variables)
    ]
    lines = ["  ".join(n.ljust(w) for n, w in zip(result.variables, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(line.rstrip() for line in lines)
