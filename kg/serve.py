"""A read-only SPARQL 1.1 endpoint over the built store: the ``oxigraph serve-read-only``
server from the PyPI ``oxigraph`` package, bound to loopback unless told otherwise.

Called by ``kg serve`` and the tests. The server answers SPARQL queries at ``/query``
with the union of all graphs as default graph, and refuses SPARQL Update.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from kg.errors import StoreError

__all__ = ["oxigraph_binary", "serve_command", "start_server"]


def oxigraph_binary() -> str:
    """Return the path of the ``oxigraph`` server installed beside this Python.

    Raises
    ------
    StoreError
        If it is not installed (``pip install oxigraph``).
    """
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise StoreError("the `oxigraph` server is not installed: pip install 'oxigraph>=0.5.2,<0.6'")


def serve_command(store_path: str | Path, host: str = "127.0.0.1", port: int = 7878) -> list[str]:
    """Return the command line that serves ``store_path`` read-only on ``host:port``.

    Examples
    --------
    >>> serve_command("output/store")[1:6]
    ['serve-read-only', '--location', 'output/store', '--bind', '127.0.0.1:7878']
    """
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        oxigraph_binary(),
        "serve-read-only",
        "--location",
        str(store_path),
        "--bind",
        bind,
        "--union-default-graph",
    ]


def start_server(
    store_path: str | Path, host: str = "127.0.0.1", port: int = 7878
) -> subprocess.Popen[bytes]:
    """Start the read-only server as a child process and return it (the caller stops it).

    Raises
    ------
    StoreError
        If ``store_path`` holds no built store.
    """
    if not Path(store_path).is_dir():
        raise StoreError(f"no store at {store_path}: run `kg build` first")
    return subprocess.Popen(serve_command(store_path, host, port))
