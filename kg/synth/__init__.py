"""Synthetic cables for scale tests: ``kg synth`` and the benchmarks call this package.

Cables come out in the real formats — WikiLeaks cable pages, plain-text telegrams, rows of
the Cablegate CSV dump — so the real readers and parser handle them like real cables. The
same ``count`` and ``seed`` give byte-identical output. Modules: :mod:`~kg.synth.vocabulary`
(what cables talk about), :mod:`~kg.synth.spec` (what one cable says),
:mod:`~kg.synth.telegram` (telegram text), :mod:`~kg.synth.page` (WikiLeaks page),
:mod:`~kg.synth.writer` (directory or archive).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from kg.errors import ConfigError, KgError
from kg.synth.page import render_page
from kg.synth.spec import CableSpec, iter_specs
from kg.synth.telegram import Telegram, render_telegram
from kg.synth.writer import ARCHIVE_SUFFIXES, open_sink

__all__ = [
    "FORMATS",
    "CableSpec",
    "Telegram",
    "generate",
    "iter_cables",
    "iter_specs",
    "render_page",
    "render_telegram",
    "write_corpus",
]

#: output format → what a cable becomes
FORMATS = ("html", "text", "csv")
CSV_MEMBER = "cables.csv"


def iter_cables(count: int, seed: int) -> Iterator[tuple[CableSpec, Telegram]]:
    """Yield each spec with its rendered telegram, in order of creation.

    >>> [telegram.lines[-1] == spec.signer for spec, telegram in iter_cables(3, seed=1)]
    [True, True, True]
    """
    for spec in iter_specs(count, seed):
        yield spec, render_telegram(spec)


def generate(count: int, seed: int, format: str = "html") -> Iterator[tuple[str, str]]:
    """Yield ``(member path, text)`` for ``count`` synthetic cables.

    Parameters
    ----------
    count : int
        How many cables.
    seed : int
        The seed; the same seed and count give the same members, byte for byte.
    format : {"html", "text"}
        ``html``: WikiLeaks pages at ``cable/YYYY/MM/<ID>.html``; ``text``: plain-text
        telegrams at ``cable/YYYY/MM/<ID>.txt``. (CSV is one member for all cables: see
        :func:`write_corpus`.)

    Returns
    -------
    Iterator[tuple[str, str]]

    Raises
    ------
    ConfigError
        When ``format`` is not ``html`` or ``text``.

    Examples
    --------
    >>> path, text = next(generate(1, seed=1))
    >>> path
    'cable/2005/03/05BUENOSAIRES706.html'
    >>> [p for p, _ in generate(2, seed=1)] == [p for p, _ in generate(2, seed=1)]
    True
    """
    if format not in ("html", "text"):
        raise ConfigError(
            f"synthetic cable format `{format}` is not valid. It must be in: ['html', 'text']"
        )
    for spec, telegram in iter_cables(count, seed):
        if format == "html":
            yield spec.path, render_page(spec, telegram)
        else:
            yield spec.path[: -len(".html")] + ".txt", telegram.text


def write_corpus(out: str | Path, count: int, seed: int, format: str = "html") -> Path:
    """Write ``count`` synthetic cables to the directory or archive ``out``.

    Parameters
    ----------
    out : str or Path
        A new or empty directory, or an archive whose name ends in ``.tar``, ``.tar.gz``,
        ``.tgz``, ``.tar.xz``, ``.txz``, ``.tar.bz2`` or ``.zip`` (replaced if it exists).
    count, seed : int
        As for :func:`generate`.
    format : {"html", "text", "csv"}
        ``csv`` writes one ``cables.csv`` in the Cablegate dump's columns (id, date, refid,
        origin, classification, references, header, body), no header row.

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    ConfigError
        For an unknown format or a count below zero.
    KgError
        When ``out`` is a non-empty directory or cannot be written.
    """
    if format not in FORMATS:
        raise ConfigError(
            f"synthetic cable format `{format}` is not valid. It must be in: {list(FORMATS)}"
        )
    if count < 0:
        raise ConfigError(f"synthetic cable count {count} is not valid. It must be >= 0")
    out = Path(out)
    is_directory = not out.name.lower().endswith(ARCHIVE_SUFFIXES)
    if is_directory and out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise KgError(
            f"{out} exists and is not an empty directory; name a new directory or an "
            f"archive ending in one of {list(ARCHIVE_SUFFIXES)}"
        )
    with open_sink(out) as sink:
        if format == "csv":
            sink.add_stream(CSV_MEMBER, _csv_rows(count, seed))
        else:
            for name, text in generate(count, seed, format):
                sink.add(name, text)
    return out


def _csv_rows(count: int, seed: int) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    for number, (spec, telegram) in enumerate(iter_cables(count, seed), start=1):
        created = spec.created
        writer.writerow(
            [
                number,
                f"{created.month}/{created.day}/{created.year} {created:%H:%M}",
                spec.reference_id,
                spec.post.origin,
                spec.classification,
                ",".join(reference.id for reference in spec.references),
                telegram.header,
                telegram.body,
            ]
        )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
