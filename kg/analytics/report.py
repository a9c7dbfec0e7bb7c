"""Files of ``kg analyze``: per-projection JSON and CSV, GraphML/GEXF, charts, report.md.

Called by :mod:`kg.cli.analyze_cmd` with an :class:`~kg.analytics.run.Analysis`. Every file
is written to a temporary name and renamed, so an interrupted run leaves the previous
outputs intact. Charts use matplotlib's Agg backend (no display needed).
"""

from __future__ import annotations

import csv
import heapq
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from kg.analytics.run import Analysis, ProjectionResult, Totals
from kg.errors import ConfigError

__all__ = ["EXPORT_FORMATS", "export_graph", "top_rows", "write_report"]

#: projection file formats networkx writes and reads back
EXPORT_FORMATS = {"graphml": nx.write_graphml, "gexf": nx.write_gexf}

#: measures the report ranks nodes by, in this order
RANKED = ("pagerank", "weighted_degree", "degree", "betweenness", "k_core")


def write_report(
    analysis: Analysis, out: str | Path, top: int = 20, exports: Sequence[str] = ()
) -> list[Path]:
    """Write every output of ``analysis`` under ``out``; return the paths written.

    Parameters
    ----------
    analysis : Analysis
        What :func:`kg.analytics.run.analyze` returned.
    out : str or Path
        The folder (created if needed).
    top : int
        Rows in each top-N table.
    exports : sequence of str
        ``graphml`` and/or ``gexf``: also write each projection in that format.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for result in analysis.results.values():
        written.append(_write(out / f"{result.name}.json", _json_text(result, top)))
        written.append(_write(out / f"{result.name}.csv", _csv_text(result)))
        for fmt in exports:
            written.append(export_graph(_with_measures(result), out / f"{result.name}.{fmt}"))
    summary = {"cables": analysis.totals.cables, **_totals_dict(analysis.totals)}
    written.append(_write(out / "summary.json", json.dumps(summary, indent=1) + "\n"))
    charts = _charts(analysis, out, top)
    written.extend(charts)
    written.append(_write(out / "report.md", _markdown(analysis, top, charts)))
    return written


def export_graph(graph: nx.Graph, path: str | Path) -> Path:
    """Write ``graph`` as GraphML or GEXF (chosen by the suffix) with scalar attributes only.

    Graph attributes that are tables (mentions, cables) are left out; networkx reads the
    file back with the same nodes and edges.

    Raises
    ------
    ConfigError
        If the suffix is not a supported format.
    """
    path = Path(path)
    fmt = path.suffix.lstrip(".")
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(
            f"export format `{fmt}` ({path}) is not valid. It must be in: {sorted(EXPORT_FORMATS)}"
        )
    plain = graph.__class__()
    plain.graph.update({k: v for k, v in graph.graph.items() if _scalar(v)})
    for node, data in graph.nodes(data=True):
        plain.add_node(node, **{k: v for k, v in data.items() if _scalar(v)})
    for a, b, data in graph.edges(data=True):
        plain.add_edge(a, b, **{k: v for k, v in data.items() if _scalar(v)})
    tmp = path.with_name(path.name + ".tmp")
    EXPORT_FORMATS[fmt](plain, tmp)
    os.replace(tmp, path)
    return path


def top_rows(
    result: ProjectionResult, measure: str, n: int, node_type: str | None = None
) -> list[dict[str, Any]]:
    """The ``n`` nodes ranked highest by ``measure``: rank, label, type, cables, value.

    Only nodes of ``node_type`` when given. Ties are broken by label so the table is the
    same on every run.
    """
    values = result.measures.get(measure, {})
    nodes = result.graph.nodes
    if node_type is not None:
        values = {k: v for k, v in values.items() if nodes[k].get("type") == node_type}
    # sort only the nodes that can make the table: those at or above the n-th value
    floor = min(heapq.nlargest(n, values.values()), default=0)
    ranked = sorted(
        (node for node, value in values.items() if value >= floor),
        key=lambda node: (-values[node], nodes[node].get("label", node)),
    )
    return [
        {
            "rank": i + 1,
            "label": nodes[node].get("label", node),
            "type": nodes[node].get("type", ""),
            "cables": nodes[node].get("cables", 0),
            measure: values[node],
            "iri": node,
        }
        for i, node in enumerate(ranked[:n])
    ]


def most_cited(result: ProjectionResult, n: int) -> list[tuple[str, int, str, str]]:
    """The ``n`` cables most cited in a citation projection: id, citing cables, date, subject.

    A cable cited but not in the store has an empty date and subject.
    """
    graph = result.graph
    cables = graph.graph.get("cables", {})
    cited = dict(graph.in_degree())
    ranked = sorted(graph, key=lambda c: (-cited[c], graph.nodes[c].get("label", c)))
    rows = []
    for cable in ranked[:n]:
        info = cables.get(cable)
        date, title = (info.date[:10], info.title) if info else ("", "")
        rows.append((graph.nodes[cable].get("label", cable), cited[cable], date, title))
    return rows


def top_neighbours(
    result: ProjectionResult, node_types: set[str], n: int, per_node: int = 5
) -> list[tuple[str, int, str]]:
    """The ``n`` nodes of ``node_types`` with most cables, and their strongest neighbours.

    On ``post_tag`` with the post types: each post's most used TAGS, as
    ``(post, cables, "TAG (cables), ...")``.
    """
    graph = result.graph
    nodes = graph.nodes
    chosen = [v for v in graph if nodes[v].get("type") in node_types]
    chosen.sort(key=lambda v: (-nodes[v].get("cables", 0), nodes[v].get("label", v)))
    rows = []
    for node in chosen[:n]:
        strongest = sorted(
            (-weight, nodes[other].get("label", other))
            for other, weight in graph.adj[node].items()
            for weight in [weight.get("weight", 1)]
        )
        text = ", ".join(f"{label} ({-weight})" for weight, label in strongest[:per_node])
        rows.append((nodes[node].get("label", node), nodes[node].get("cables", 0), text))
    return rows


def community_sizes(result: ProjectionResult) -> list[tuple[int, int]]:
    """``(community, size)`` of a projection's Louvain communities, largest first."""
    sizes = Counter(result.measures.get("communities", {}).values())
    return sorted(sizes.items(), key=lambda item: (-item[1], item[0]))


def community_rows(result: ProjectionResult, n: int, per: int = 4) -> list[tuple[int, int, str]]:
    """The ``n`` largest communities: number, size, and their ``per`` highest-PageRank nodes
    (most cables when PageRank was not run), which say what a community is about."""
    community = result.measures.get("communities", {})
    score = result.measures.get("pagerank") or {
        node: data.get("cables", 0) for node, data in result.graph.nodes(data=True)
    }
    members: dict[int, list[Any]] = {}
    for node, number in community.items():
        members.setdefault(number, []).append(node)
    labels = result.graph.nodes
    rows = []
    for number, size in community_sizes(result)[:n]:
        best = sorted(members[number], key=lambda v: (-score.get(v, 0), str(v)))[:per]
        rows.append((number, size, ", ".join(str(labels[v].get("label", v)) for v in best)))
    return rows


def _json_text(result: ProjectionResult, top: int) -> str:
    graph = result.graph
    data = {
        "projection": result.name,
        "directed": graph.is_directed(),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "seconds": result.seconds,
        "top": {m: top_rows(result, m, top) for m in RANKED if m in result.measures},
        "skipped": result.skipped,
        "communities": community_sizes(result),
        "measures": {
            name: {str(node): value for node, value in values.items()}
            for name, values in result.measures.items()
        },
    }
    # no indent: the indenting encoder is pure Python, ten times slower on 50,000 nodes
    return json.dumps(data, ensure_ascii=False) + "\n"


def _csv_text(result: ProjectionResult) -> str:
    from io import StringIO

    scalar = [m for m, values in result.measures.items() if _all_scalar(values.values())]
    buffer = StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["iri", "label", "type", "cables", *scalar])
    for node, data in sorted(result.graph.nodes(data=True), key=lambda item: str(item[0])):
        row = [node, data.get("label", ""), data.get("type", ""), data.get("cables", 0)]
        writer.writerow(row + [result.measures[m].get(node, "") for m in scalar])
    return buffer.getvalue()


def _with_measures(result: ProjectionResult) -> nx.Graph:
    graph = result.graph.copy()
    for name, values in result.measures.items():
        if _all_scalar(values.values()):
            nx.set_node_attributes(graph, values, name)
    return graph


def _totals_dict(totals: Totals) -> dict[str, Any]:
    return {
        "cables_per_month": dict(totals.cables_per_month),
        "top_tags": dict(totals.top_tags),
        "top_organizations": dict(totals.top_organizations),
    }


def _charts(analysis: Analysis, out: Path, top: int) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    totals = analysis.totals
    charts = [
        _bar_chart(out / "cables_per_month.png", "Cables per month", totals.cables_per_month),
        _bar_chart(out / "top_tags.png", f"Top {top} TAGS (cables)", totals.top_tags, True),
        _bar_chart(
            out / "top_organizations.png",
            f"Top {top} organizations (cables mentioning)",
            totals.top_organizations,
            True,
        ),
    ]
    comention = analysis.results.get("comention")
    if comention is not None and "communities" in comention.measures:
        sizes = [(str(c), n) for c, n in community_sizes(comention)[:top]]
        charts.append(_bar_chart(out / "community_sizes.png", "Co-mention community sizes", sizes))
    return charts


def _bar_chart(
    path: Path, title: str, items: Iterable[tuple[str, int]], horizontal: bool = False
) -> Path:
    # a bare Figure, not pyplot's: nothing to register with a window manager, or to close
    from matplotlib.figure import Figure

    pairs = list(items)
    labels, values = (zip(*pairs, strict=True)) if pairs else ((), ())
    figure = Figure(figsize=(10, 5 if not horizontal else 0.3 * len(labels) + 1.5))
    axes = figure.subplots()
    if horizontal:
        axes.barh(list(labels)[::-1], list(values)[::-1], color="#4c72b0")
    else:
        axes.bar(range(len(values)), values, color="#4c72b0")
        step = max(1, len(labels) // 12)
        axes.set_xticks(range(0, len(labels), step), list(labels)[::step], rotation=45)
    axes.set_title(title)
    figure.tight_layout()
    # the layout is set: without an engine, savefig skips its dry-run draw (a third of it)
    figure.set_layout_engine(None)
    tmp = path.with_name(path.stem + ".tmp.png")
    figure.savefig(tmp, dpi=100)
    os.replace(tmp, path)
    return path


def _markdown(analysis: Analysis, top: int, charts: list[Path]) -> str:
    totals = analysis.totals
    lines = ["# cablegraph analytics", "", f"{totals.cables} cables.", ""]
    lines += [f"![{chart.stem}]({chart.name})" for chart in charts] + [""]
    lines += _table(["TAG", "cables"], totals.top_tags, f"Top {top} TAGS")
    lines += _table(["organization", "cables"], totals.top_organizations, "Top organizations")
    lines += _highlights(analysis, top)
    for result in analysis.results.values():
        graph = result.graph
        lines += [
            f"## Projection `{result.name}`",
            "",
            f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
            f" ({'directed' if graph.is_directed() else 'undirected'}).",
            "",
        ]
        notes = list(result.skipped.values())
        if graph.graph.get("min_weight", 1) > 1:
            notes.append(
                f"only edges and entities with at least {graph.graph['min_weight']} cables "
                "(analytics.comention_max_edges)"
            )
        lines += [f"- {note}" for note in notes] + ([""] if notes else [])
        for measure in RANKED:
            if measure in result.measures:
                rows = [
                    (r["label"], r["type"], r["cables"], _number(r[measure]))
                    for r in top_rows(result, measure, top)
                ]
                lines += _table(["label", "type", "cables", measure], rows, f"Top {top}: {measure}")
        sizes = community_sizes(result)
        if sizes:
            title = f"{len(sizes)} communities (the {top} largest)"
            lines += _table(
                ["community", "nodes", "top members"], community_rows(result, top), title
            )
    return "\n".join(lines) + "\n"


def _highlights(analysis: Analysis, top: int) -> list[str]:
    """The tables an analyst asks for first, from whichever projections were run."""
    results = analysis.results
    lines: list[str] = []
    comention = results.get("comention")
    if comention is not None and "pagerank" in comention.measures:
        rows = [
            (r["rank"], r["label"], r["cables"], _number(r["pagerank"]))
            for r in top_rows(comention, "pagerank", top, node_type="Organization")
        ]
        title = f"Top {top} organizations by PageRank (co-mention)"
        lines += _table(["#", "organization", "cables", "pagerank"], rows, title)
    if "citation" in results:
        cited = most_cited(results["citation"], top)
        title = f"Top {top} most-cited cables"
        lines += _table(["cable", "cited by", "date", "subject"], cited, title)
    if "post_tag" in results:
        posts = top_neighbours(results["post_tag"], {"DiplomaticPost", "Organization"}, top)
        lines += _table(
            ["post", "cables", "top TAGS (cables)"], posts, f"Top TAGS of the {top} busiest posts"
        )
    return lines


def _table(header: list[str], rows: Iterable[Sequence[Any]], title: str) -> list[str]:
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |"]
    lines.append("|" + " --- |" * len(header))
    for row in rows:
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return [*lines, ""]


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _number(value: Any) -> str:
    return f"{value:.5f}" if isinstance(value, float) else str(value)


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _all_scalar(values: Iterable[Any]) -> bool:
    """Whether every one of ``values`` is :func:`_scalar`, judged once per type.

    Examples
    --------
    >>> _all_scalar([1, 2.5, "a"]), _all_scalar([1, {"2007-01": 3}])
    (True, False)
    """
    return all(issubclass(kind, str | int | float | bool) for kind in set(map(type, values)))


def _write(path: Path, text: str) -> Path:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path
