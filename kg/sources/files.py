"""What the user named: files, directories, globs and ``-`` (standard input).

Owns turning the paths given to :func:`kg.sources.iter_sources` into the files to open,
in a deterministic order: directories are walked recursively with entries sorted,
hidden entries (``.git``, ``.DS_Store``) skipped, and symbolic links that lead out of
the directory not followed; globs (``*``, ``?``, ``[``, ``**``) expand sorted. A path
that does not exist, or a glob that matches nothing, becomes a Reject naming it.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from pathlib import Path

from kg.model import Reject

__all__ = ["STDIN", "expand_paths"]

STDIN = "-"
_GLOB_CHARS = frozenset("*?[")


def expand_paths(*paths: str | Path) -> Iterator[Path | str | Reject]:
    """Yield each file to read under ``paths``: a Path, :data:`STDIN`, or a Reject.

    Parameters
    ----------
    *paths : str or Path
        Files, directories (walked recursively), glob patterns, or ``-``.

    Returns
    -------
    Iterator[Path | str | Reject]
        Files in a stable order; a Reject (source = the path as given) for a missing
        path, an empty glob, or a link leading out of a walked directory.

    Examples
    --------
    >>> print(next(expand_paths("no/such/file.txt")))
    no/such/file.txt: no such file or directory
    """
    for path in paths:
        text = str(path)
        if text == STDIN:
            yield STDIN
            continue
        candidate = Path(text).expanduser()
        if candidate.is_dir():
            yield from _walk(candidate)
        elif candidate.exists() or candidate.is_symlink():
            yield candidate
        elif _GLOB_CHARS & set(text):
            yield from _expand_glob(text)
        else:
            yield Reject(text, "no such file or directory")


def _expand_glob(pattern: str) -> Iterator[Path | Reject]:
    matches = sorted(glob.glob(os.path.expanduser(pattern), recursive=True))
    if not matches:
        yield Reject(pattern, "no file matches this pattern")
    for match in matches:
        path = Path(match)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(root: Path) -> Iterator[Path | Reject]:
    real_root = root.resolve()
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            path = Path(directory) / filename
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                yield Reject(
                    str(path),
                    f"symbolic link to `{os.readlink(path)}` leads out of {root}; not followed",
                )
                continue
            yield path
