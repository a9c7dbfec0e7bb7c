"""Writes generated members to a directory or, streamed, to a tar or zip archive.

The kind of output follows the name: ``.tar``, ``.tar.gz``/``.tgz``, ``.tar.xz``/``.txz``,
``.tar.bz2`` and ``.zip`` are archives, anything else a directory. Archives are
byte-for-byte reproducible (fixed member times, owners and order; no timestamp in the gzip
header) and are written to ``NAME.part`` first, then renamed, so an interrupted run leaves
no half archive under the final name. Called by :func:`kg.synth.write_corpus`.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import tarfile
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from pathlib import Path
from typing import BinaryIO, Protocol, cast

from kg.errors import KgError

__all__ = ["ARCHIVE_SUFFIXES", "Sink", "open_sink"]

#: every member's modification time: the first Cablegate release, 2010-11-28 00:00 UTC
MEMBER_MTIME = 1290902400
ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".zip")
# Faster than the defaults (gzip 9, xz 6) at some cost in size: generating at scale is
# the point, and the archives are test inputs, not distributions.
GZIP_LEVEL = 6
XZ_PRESET = 1


class Sink(Protocol):
    """Where generated members go."""

    def add(self, name: str, text: str) -> None:
        """Add the member ``name`` holding ``text`` (UTF-8)."""

    def add_stream(self, name: str, chunks: Iterable[str]) -> None:
        """Add the member ``name`` holding the concatenated ``chunks``, without keeping them."""


@contextmanager
def open_sink(out: str | Path) -> Iterator[Sink]:
    """Open a directory or archive sink for ``out``; the archive is complete on exit.

    Parameters
    ----------
    out : str or Path
        A directory (created if missing) or an archive name with a suffix of
        :data:`ARCHIVE_SUFFIXES`.

    Returns
    -------
    contextmanager of Sink

    Raises
    ------
    KgError
        When ``out`` cannot be written.

    Examples
    --------
    >>> import tempfile, tarfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with open_sink(folder / "x.tar") as sink:
    ...     sink.add("a/b.txt", "hello")
    >>> with tarfile.open(folder / "x.tar") as tar:
    ...     tar.getnames()
    ['a/b.txt']
    """
    out = Path(out)
    name = out.name.lower()
    if not name.endswith(ARCHIVE_SUFFIXES):
        yield _DirectorySink(out)
        return
    part = out.with_name(out.name + ".part")
    try:
        with ExitStack() as stack:
            raw = stack.enter_context(open(part, "wb"))  # noqa: SIM115 (closed by the stack)
            if name.endswith(".zip"):
                yield stack.enter_context(_ZipSink(raw))
            else:
                stream = stack.enter_context(_compressor(name, raw))
                yield stack.enter_context(_TarSink(stream))
        os.replace(part, out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise KgError(f"cannot write {out}: {exc.strerror or exc}") from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _compressor(name: str, raw: BinaryIO) -> AbstractContextManager[BinaryIO]:
    """The compressing stream an archive name asks for; closing it leaves ``raw`` open."""
    if name.endswith((".tar.gz", ".tgz")):
        # filename="" and mtime=0 keep the gzip header free of the run's name and time.
        stream: object = gzip.GzipFile(
            filename="", mode="wb", fileobj=raw, compresslevel=GZIP_LEVEL, mtime=0
        )
    elif name.endswith((".tar.xz", ".txz")):
        stream = lzma.LZMAFile(raw, "wb", preset=XZ_PRESET)  # noqa: SIM115 (caller closes)
    elif name.endswith(".tar.bz2"):
        stream = bz2.BZ2File(raw, "wb")  # noqa: SIM115 (caller closes)
    else:
        return nullcontext(raw)
    return cast(AbstractContextManager[BinaryIO], stream)


class _DirectorySink:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.made: set[Path] = set()

    def _target(self, name: str) -> Path:
        target = self.root / name
        if target.parent not in self.made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(target.parent)
        return target

    def add(self, name: str, text: str) -> None:
        self._target(name).write_bytes(text.encode("utf-8"))

    def add_stream(self, name: str, chunks: Iterable[str]) -> None:
        with open(self._target(name), "w", encoding="utf-8", newline="") as handle:
            handle.writelines(chunks)


class _TarSink:
    def __init__(self, stream: BinaryIO) -> None:
        self.tar = tarfile.open(fileobj=stream, mode="w|", format=tarfile.PAX_FORMAT)  # noqa: SIM115

    def __enter__(self) -> _TarSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.tar.close()

    def _info(self, name: str, size: int) -> tarfile.TarInfo:
        info = tarfile.TarInfo(name)
        info.size = size
        info.mtime = MEMBER_MTIME
        info.mode = 0o644
        return info

    def add(self, name: str, text: str) -> None:
        data = text.encode("utf-8")
        self.tar.addfile(self._info(name, len(data)), io.BytesIO(data))
        # TarFile keeps every member's TarInfo; a writer never needs them back, and
        # 250,000 of them would make memory grow with the corpus.
        self.tar.members.clear()  # type: ignore[attr-defined]  # undeclared in typeshed

    def add_stream(self, name: str, chunks: Iterable[str]) -> None:
        # A tar header states the size up front: spool to a temporary file first.
        with tempfile.TemporaryFile() as spool:
            for chunk in chunks:
                spool.write(chunk.encode("utf-8"))
            size = spool.tell()
            spool.seek(0)
            self.tar.addfile(self._info(name, size), spool)
        self.tar.members.clear()  # type: ignore[attr-defined]  # undeclared in typeshed


class _ZipSink:
    # A zip's central directory lists every member at the end, so ZipFile must keep one
    # ZipInfo per member (~0.3 kB each): the one output whose memory grows with the count.
    def __init__(self, raw: BinaryIO) -> None:
        self.zip = zipfile.ZipFile(
            raw, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=GZIP_LEVEL
        )

    def __enter__(self) -> _ZipSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zip.close()

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=(2010, 11, 28, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    def add(self, name: str, text: str) -> None:
        self.zip.writestr(self._info(name), text.encode("utf-8"), compresslevel=GZIP_LEVEL)

    def add_stream(self, name: str, chunks: Iterable[str]) -> None:
        with self.zip.open(self._info(name), "w", force_zip64=True) as member:
            for chunk in chunks:
                member.write(chunk.encode("utf-8"))
