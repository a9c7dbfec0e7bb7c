"""Containers: tar, zip, gzip, xz and bzip2, read member by member without touching disk.

Owns turning one opened byte stream into the members inside it, nested where sensible
(a ``.tar.gz`` inside a ``.zip``, a ``.csv.gz``), and every safety rule on the way:
member names that leave the archive (absolute, ``..``), links pointing outside,
device members, members over ``sources.max_member_bytes``, archives unpacking to more
than ``sources.max_total_bytes``, and decompression bombs (output over
``sources.max_compression_ratio`` times the packed input). Each becomes a
:class:`~kg.model.Reject` naming the member; a corrupt or truncated archive yields the
members read before the damage, then a Reject. Nothing is ever extracted or written.
The container is recognised by its magic bytes, not its name. Called by
:mod:`kg.sources` through :func:`read_members`.
"""

from __future__ import annotations

import bz2
import gzip
import io
import logging
import lzma
import posixpath
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from kg.config import SourcesConfig
from kg.errors import SourceError
from kg.model import Reject
from kg.sources.detect import detect_format
from kg.sources.lines import Readable
from kg.sources.readers import STREAMED

__all__ = ["READ_ERRORS", "Member", "Readable", "container_kind", "read_members"]

log = logging.getLogger(__name__)

_HEAD_BYTES = 512
_CHUNK = 1 << 20
# Below this much output a high ratio is harmless (a page of spaces compresses 1000:1).
_RATIO_FLOOR = 1 << 20
# Nesting levels followed: file.zip!inner.tar.gz!member.csv.gz is four.
_MAX_DEPTH = 4
_COMPRESSED_SUFFIXES = (".gz", ".tgz", ".xz", ".txz", ".bz2", ".tbz2")
# Errors the standard library raises on damaged or truncated containers.
READ_ERRORS = (
    tarfile.TarError,
    zipfile.BadZipFile,
    EOFError,
    OSError,
    lzma.LZMAError,
    zlib.error,
    ValueError,
    NotImplementedError,
)


@dataclass(frozen=True, slots=True)
class Member:
    """The bytes of one file found in a source, with where it came from.

    ``origin`` is the path, or ``archive!member`` inside archives; ``name`` the
    member's own file name (for format hints such as ``.csv``). A CSV dump or JSON
    lines come as a ``stream`` (with their ``format``) to read record by record (the
    whole dump is 1.6 GB); anything else as ``data``, at most
    ``sources.max_member_bytes``. A stream must be read before the next member is
    asked for.
    """

    origin: str
    name: str
    data: bytes = b""
    stream: Readable | None = None
    format: str = ""


class _ArchiveAbortedError(SourceError):
    """The rest of the archive is not read: it is a bomb or over the total budget."""


class _Counter:
    """Counts the bytes read from a stream (the packed side of a decompressor)."""

    def __init__(self, stream: Readable) -> None:
        self.stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.count += len(data)
        return data

    def readable(self) -> bool:
        return True


class _Head:
    """A stream whose first bytes were already read to sniff it: gives them back first."""

    def __init__(self, head: bytes, stream: Readable) -> None:
        self.head = head
        self.stream = stream

    def read(self, size: int = -1) -> bytes:
        if not self.head:
            return self.stream.read(size)
        if size < 0:
            data, self.head = self.head + self.stream.read(), b""
            return data
        data, self.head = self.head[:size], self.head[size:]
        if len(data) < size:
            data += self.stream.read(size - len(data))
        return data

    def readable(self) -> bool:
        return True


class _Inflate:
    """The output side of a decompressor, refusing to go on past the ratio limit."""

    def __init__(self, output: BinaryIO, packed: _Counter, max_ratio: float, origin: str):
        self.output = output
        self.packed = packed
        self.max_ratio = max_ratio
        self.origin = origin
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        # Never ask a decompressor for more than a chunk: the ratio is checked per read.
        data = self.output.read(_CHUNK if size < 0 or size > _CHUNK else size)
        self.count += len(data)
        if self.count > _RATIO_FLOOR and self.count > self.max_ratio * max(self.packed.count, 1):
            raise _ArchiveAbortedError(
                f"decompression bomb: {self.packed.count} packed bytes inflate to more than "
                f"{self.count} ({self.count // max(self.packed.count, 1)}:1); limit "
                f"{self.max_ratio:g}:1 (sources.max_compression_ratio); not read further",
                source=self.origin,
                position=f"byte {self.packed.count}",
            )
        return data

    def readable(self) -> bool:
        return True


_DECOMPRESSORS: dict[str, Callable[..., Any]] = {
    "gzip": gzip.open,
    "xz": lzma.open,
    "bzip2": bz2.open,
}


def container_kind(head: bytes) -> str | None:
    """Name the container whose magic bytes ``head`` starts with, or None for plain data.

    Examples
    --------
    >>> container_kind(b"\\x1f\\x8b\\x08"), container_kind(b"PK\\x03\\x04"), container_kind(b"TAGS")
    ('gzip', 'zip', None)
    """
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    if head.startswith(b"BZh") and head[3:4].isdigit():
        return "bzip2"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head[257:262] == b"ustar":
        return "tar"
    return None


class _Budget:
    """How much one top-level source may still unpack (``sources.max_total_bytes``)."""

    def __init__(self, config: SourcesConfig, origin: str) -> None:
        self.config = config
        self.origin = origin
        self.unpacked = 0

    def reserve(self, size: int, position: str) -> None:
        if self.unpacked + size > self.config.max_total_bytes:
            raise _ArchiveAbortedError(
                f"the source unpacks to more than {self.config.max_total_bytes} bytes "
                "(sources.max_total_bytes); rest not read",
                source=self.origin,
                position=position,
            )

    def spend(self, size: int) -> None:
        self.unpacked += size


def read_members(
    origin: str,
    stream: BinaryIO,
    config: SourcesConfig,
    *,
    name: str = "",
    size: int | None = None,
) -> Iterator[Member | Reject]:
    """Yield every file inside ``stream`` (or the stream itself if it is no container).

    Parameters
    ----------
    origin : str
        Where the stream comes from (a path, ``<stdin>``); members are ``origin!name``.
    stream : BinaryIO
        The open byte stream, at its start. Seekable streams let zip archives be read
        in place; others are buffered up to ``sources.max_member_bytes``.
    config : SourcesConfig
        The size, total and ratio limits.
    name : str
        The file name, for the format hint of a plain or singly-compressed file.
    size : int, optional
        The stream's size when known, to refuse an oversized plain file unread.

    Returns
    -------
    Iterator[Member | Reject]
        Members in archive order; a Reject for every unsafe, oversized or unreadable
        member, and one for damage that stops the reading (after the members before it).
    """
    budget = _Budget(config, origin)
    seekable = stream if _is_seekable(stream) else None
    yield from _dispatch(origin, name, stream, budget, depth=0, seekable=seekable, size=size)


def _is_seekable(stream: BinaryIO) -> bool:
    try:
        return stream.seekable() and stream.tell() == 0
    except (OSError, ValueError, AttributeError):
        return False


def _dispatch(
    origin: str,
    name: str,
    stream: Readable,
    budget: _Budget,
    *,
    depth: int,
    seekable: BinaryIO | None = None,
    size: int | None = None,
) -> Iterator[Member | Reject]:
    try:
        head = _read_head(stream)
        kind = container_kind(head)
        if kind is not None and depth >= _MAX_DEPTH:
            yield Reject(origin, f"{kind} nested deeper than {_MAX_DEPTH} levels; not read")
            return
        if kind == "zip":
            yield from _zip_members(origin, _Head(head, stream), budget, depth, seekable)
        elif kind == "tar":
            yield from _tar_members(origin, _Head(head, stream), budget, depth)
        elif kind is not None:
            packed = _Counter(_Head(head, stream))
            with _DECOMPRESSORS[kind](packed, "rb") as output:
                ratio = budget.config.max_compression_ratio
                inflate = _Inflate(output, packed, ratio, origin)
                inner = _strip_compression(name)
                yield from _dispatch(origin, inner, inflate, budget, depth=depth + 1)
        elif fmt := _stream_format(budget.config, name, head):
            yield Member(origin=origin, name=name, stream=_Head(head, stream), format=fmt)
        else:
            limit = budget.config.max_member_bytes
            if size is not None and size > limit:
                raise _too_large(origin, size, limit, position=None)
            data = head + _read_bounded(stream, limit - len(head), origin, None)
            budget.spend(len(data))
            yield Member(origin=origin, name=name, data=data)
    except _ArchiveAbortedError as exc:
        yield Reject(origin, exc.reason, position=exc.position)
    except SourceError as exc:
        yield Reject(exc.source, exc.reason, position=exc.position)
    except READ_ERRORS as exc:
        yield Reject(origin, f"unreadable or truncated: {_describe(exc)}")


def _read_head(stream: Readable) -> bytes:
    # A pipe or a decompressor may return short reads; the tar magic sits at byte 257.
    head = b""
    while len(head) < _HEAD_BYTES:
        chunk = stream.read(_HEAD_BYTES - len(head))
        if not chunk:
            break
        head += chunk
    return head


def _tar_members(
    origin: str, stream: _Head, budget: _Budget, depth: int
) -> Iterator[Member | Reject]:
    last: str | None = None
    current: str | None = None
    try:
        # Stream mode ("r|"): one pass, no seeking, so compressed input never needs
        # decompressing twice and stdin works.
        with tarfile.open(fileobj=stream, mode="r|") as archive:  # type: ignore[call-overload]
            while (info := archive.next()) is not None:
                # TarFile keeps every member it read; one pass never looks back, and a
                # 250,000-cable archive would keep ~250 MB of them
                archive.members.clear()
                current = info.name
                member_origin = f"{origin}!{info.name}"
                refusal = _tar_refusal(info)
                if refusal is not None:
                    yield Reject(origin, refusal, position=info.name)
                elif info.isreg():
                    budget.reserve(info.size, position=info.name)
                    handle = archive.extractfile(info)
                    head = handle.read(_HEAD_BYTES) if handle is not None else b""
                    fmt = _stream_format(budget.config, info.name, head)
                    if handle is not None and fmt:
                        budget.spend(info.size)
                        name = posixpath.basename(info.name)
                        yield Member(member_origin, name, stream=_Head(head, handle), format=fmt)
                    elif info.size > budget.config.max_member_bytes:
                        yield Reject(
                            origin, _too_large_reason(info.size, budget), position=info.name
                        )
                    else:
                        data = head + handle.read(info.size - len(head)) if handle else b""
                        budget.spend(len(data))
                        yield from _member_items(member_origin, info.name, data, budget, depth)
                last, current = info.name, None
    except READ_ERRORS as exc:
        where = f"member {current}" if current else f"after member {last}" if last else "start"
        yield Reject(
            origin,
            f"unreadable or truncated tar archive: {_describe(exc)}; rest not read",
            position=where,
        )


def _tar_refusal(info: tarfile.TarInfo) -> str | None:
    unsafe = _unsafe_name(info.name)
    if unsafe:
        return unsafe
    if info.issym() or info.islnk():
        kind = "symbolic" if info.issym() else "hard"
        base = posixpath.dirname(info.name) if info.issym() else ""
        if _leaves_archive(base, info.linkname):
            return f"{kind} link to `{info.linkname}` points outside the archive; not followed"
        log.debug("skipping %s link %s -> %s", kind, info.name, info.linkname)
        return None
    if info.ischr() or info.isblk() or info.isfifo():
        return "device or FIFO member; only regular files are read"
    return None


def _zip_members(
    origin: str, stream: _Head, budget: _Budget, depth: int, seekable: BinaryIO | None
) -> Iterator[Member | Reject]:
    config = budget.config
    if seekable is None:
        # zip keeps its index at the end: a stream must be held in memory to be read.
        data = _read_bounded(stream, config.max_member_bytes, origin, None)
        seekable = io.BytesIO(data)
    else:
        seekable.seek(0)
    try:
        archive = zipfile.ZipFile(seekable)
    except READ_ERRORS as exc:
        yield Reject(
            origin, f"unreadable zip archive: {_describe(exc)}", position="central directory"
        )
        return
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            refusal = _zip_refusal(archive, info, config)
            if refusal is not None:
                yield Reject(origin, refusal, position=info.filename)
                continue
            if _is_link(info):
                continue
            budget.reserve(info.file_size, position=info.filename)
            member_origin = f"{origin}!{info.filename}"
            try:
                with archive.open(info) as handle:
                    head = handle.read(_HEAD_BYTES)
                    fmt = _stream_format(config, info.filename, head)
                    if fmt:
                        budget.spend(info.file_size)
                        name = posixpath.basename(info.filename)
                        yield Member(member_origin, name, stream=_Head(head, handle), format=fmt)
                        continue
                    if info.file_size > config.max_member_bytes:
                        yield Reject(
                            origin, _too_large_reason(info.file_size, budget), info.filename
                        )
                        continue
                    data = head + _read_bounded(
                        handle, config.max_member_bytes - len(head), origin, info.filename
                    )
            except SourceError as exc:
                yield Reject(origin, exc.reason, position=info.filename)
                continue
            except (RuntimeError, *READ_ERRORS) as exc:  # RuntimeError: encrypted member
                yield Reject(origin, f"unreadable member: {_describe(exc)}", position=info.filename)
                continue
            budget.spend(len(data))
            yield from _member_items(member_origin, info.filename, data, budget, depth)


def _zip_refusal(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, config: SourcesConfig
) -> str | None:
    unsafe = _unsafe_name(info.filename)
    if unsafe:
        return unsafe
    mode = info.external_attr >> 16
    if _is_link(info):
        try:
            with archive.open(info) as handle:
                target = handle.read(4096).decode("utf-8", "replace")
        except (RuntimeError, *READ_ERRORS) as exc:
            return f"unreadable symbolic link member: {_describe(exc)}"
        if _leaves_archive(posixpath.dirname(info.filename), target):
            return f"symbolic link to `{target}` points outside the archive; not followed"
        return None
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode):
        return "device or FIFO member; only regular files are read"
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > _RATIO_FLOOR and ratio > config.max_compression_ratio:
        return (
            f"decompression bomb: {info.compress_size} packed bytes unpack to "
            f"{info.file_size} ({ratio:.0f}:1); limit {config.max_compression_ratio:g}:1 "
            "(sources.max_compression_ratio); not read"
        )
    return None


def _stream_format(config: SourcesConfig, name: str, head: bytes) -> str | None:
    fmt = config.format
    if fmt == "auto":
        fmt = detect_format(head.decode("utf-8", "replace"), name)
    return fmt if fmt in STREAMED else None


def _is_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _member_items(
    origin: str, name: str, data: bytes, budget: _Budget, depth: int
) -> Iterator[Member | Reject]:
    if container_kind(data[:_HEAD_BYTES]) is None:
        yield Member(origin=origin, name=posixpath.basename(name), data=data)
        return
    stream = io.BytesIO(data)
    yield from _dispatch(
        origin, posixpath.basename(name), stream, budget, depth=depth + 1, seekable=stream
    )


def _unsafe_name(name: str) -> str | None:
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in parts:
        return f"member name `{name}` points outside the archive (absolute or `..`); not read"
    return None


def _leaves_archive(base: str, target: str) -> bool:
    if target.startswith(("/", "\\")) or (len(target) > 1 and target[1] == ":"):
        return True
    resolved = posixpath.normpath(posixpath.join(base, target.replace("\\", "/")))
    return resolved == ".." or resolved.startswith("../")


def _read_bounded(stream: Readable, limit: int, origin: str, position: str | None) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise SourceError(
                f"larger than {limit} bytes (sources.max_member_bytes); not read",
                source=origin,
                position=position,
            )


def _too_large(origin: str, size: int, limit: int, position: str | None) -> SourceError:
    return SourceError(
        f"{size} bytes; limit {limit} (sources.max_member_bytes); not read",
        source=origin,
        position=position,
    )


def _too_large_reason(size: int, budget: _Budget) -> str:
    return (
        f"member is {size} bytes; limit {budget.config.max_member_bytes} "
        "(sources.max_member_bytes); not read"
    )


def _strip_compression(name: str) -> str:
    lower = name.lower()
    for suffix in _COMPRESSED_SUFFIXES:
        if lower.endswith(suffix):
            stem = name[: -len(suffix)]
            return stem + ".tar" if suffix.startswith(".t") and suffix != ".tar" else stem
    return name


def _describe(exc: BaseException) -> str:
    text = str(exc) or "no detail"
    return f"{type(exc).__name__}: {text}"
