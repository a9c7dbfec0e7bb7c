"""kg.sources on real files: the fixtures, the seed, and archives built here from them.

Attack cases (``../`` members, links out, devices, bombs, truncation, huge lines) are
real archives written to ``tmp_path`` with the standard library, then read back.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.config import SourcesConfig
from kg.errors import ConfigError
from kg.model import Cable, RawCable, Reject
from kg.sources import available, iter_sources, readers, register
from tests.data import EXAMPLE, FIXTURES, PROJECT

NEW_DELHI = FIXTURES / "paul-mathieu__cablegate-cia-analysis" / "06NEWDELHI5135.txt"
BOGOTA = FIXTURES / "paul-mathieu__cablegate-cia-analysis" / "07BOGOTA1165.txt"


def _items(*paths: str | Path, **limits: int | float) -> list[RawCable | Reject]:
    return list(iter_sources(*paths, config=SourcesConfig(**limits)))  # type: ignore[arg-type]


def _rejects(items: list[RawCable | Reject]) -> list[Reject]:
    return [item for item in items if isinstance(item, Reject)]


def _raws(items: list[RawCable | Reject]) -> list[RawCable]:
    return [item for item in items if isinstance(item, RawCable)]


def _tar(path: Path, members: dict[str, bytes], mode: str = "w") -> Path:
    with tarfile.open(path, mode) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _add_special(path: Path, info: tarfile.TarInfo) -> None:
    with tarfile.open(path, "a") as archive:
        archive.addfile(info)


# --- the project's own files and the shared fixtures ---------------------------------


def test_the_seed_is_a_text_telegram_in_boilerplate() -> None:
    [raw] = _items(EXAMPLE)
    assert isinstance(raw, RawCable)
    assert raw.format == "text"
    assert raw.origin == str(EXAMPLE)
    assert raw.text.startswith("07ASTANA367, KAZAKHSTAN: INL CONDUCTS")
    assert "TAGS: SNAR PINS PGOV PHUM KCRM KZ" in raw.text


@pytest.mark.corpus
@pytest.mark.skipif(not FIXTURES.exists(), reason="needs ../shared/corpus/fixtures")
def test_fixtures_directory_yields_each_file_in_its_format() -> None:
    index = list(csv.DictReader((FIXTURES / "INDEX.csv").read_text("utf-8").splitlines()))
    expected = Counter()
    for row in index:
        if row["file"].endswith(".html"):
            expected["html"] += 1
        elif "full header" in row["why_chosen"]:
            expected["text"] += 1
        elif "body-only" in row["why_chosen"]:
            expected["body"] += 1
    items = _items(FIXTURES)
    formats = Counter(raw.format for raw in _raws(items))
    assert formats == expected
    assert sum(expected.values()) == 163 == len(index)
    # INDEX.csv is a CSV, but not the Cablegate dump: one reject saying why.
    [reject] = _rejects(items)
    assert reject.source.endswith("INDEX.csv")
    assert "not a Cablegate CSV dump" in reject.reason
    origins = [raw.origin for raw in _raws(items)]
    assert origins == sorted(origins), "directories are walked in sorted order"


@pytest.mark.corpus
@pytest.mark.skipif(not NEW_DELHI.exists(), reason="needs ../shared/corpus/fixtures")
def test_cp1252_crlf_telegram_decodes_pilcrows_and_lf() -> None:
    [raw] = _items(NEW_DELHI)
    assert NEW_DELHI.read_bytes().count(b"\r\n") > 100
    assert "\r" not in raw.text
    # 0xB6 in cp1252 is the pilcrow that numbers paragraphs.
    assert "\n¶1.  (C) Summary: The National Security Advisory Board --" in raw.text
    assert "¶20.  (U) A defense scientist" in raw.text


@pytest.mark.corpus
@pytest.mark.skipif(not FIXTURES.exists(), reason="needs ../shared/corpus/fixtures")
def test_u2028_separators_become_newlines() -> None:
    path = FIXTURES / "avilaroman__Wikileaks-Mirror" / "06MEXICO2220.html"
    assert "\u2028" in path.read_text(encoding="utf-8")
    [raw] = _items(path)
    assert "\u2028" not in raw.text
    assert raw.format == "html"


@pytest.mark.corpus
@pytest.mark.skipif(not FIXTURES.exists(), reason="needs ../shared/corpus/fixtures")
def test_body_only_file_takes_its_id_from_the_file_name() -> None:
    [raw] = _items(FIXTURES / "tathagata__reveal" / "05ROME1593.txt")
    assert raw.format == "body"
    assert raw.metadata == {"reference_id": "05ROME1593"}


def test_encodings_bom_utf16_and_cr(tmp_path: Path) -> None:
    (tmp_path / "a_bom.txt").write_bytes(b"\xef\xbb\xbfSUBJECT: CAF\xc3\x89\r\nEND")
    (tmp_path / "b_utf16.txt").write_text("SUBJECT: CAFÉ\nEND", encoding="utf-16")
    (tmp_path / "c_cr.txt").write_bytes(b"SUBJECT: CAF\xc9\rEND")  # cp1252, old Mac
    texts = [raw.text for raw in _raws(_items(tmp_path))]
    assert texts == ["SUBJECT: CAFÉ\nEND"] * 3


# --- archives -----------------------------------------------------------------------


def test_archives_of_every_kind_stream_their_members(tmp_path: Path) -> None:
    seed = EXAMPLE.read_bytes()
    members = {"cable/a.txt": seed, "cable/b.txt": seed}
    _tar(tmp_path / "plain.tar", members)
    _tar(tmp_path / "gz.tgz", members, "w:gz")
    _tar(tmp_path / "xz.tar.xz", members, "w:xz")
    _tar(tmp_path / "bz.tar.bz2", members, "w:bz2")
    with zipfile.ZipFile(tmp_path / "z.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    (tmp_path / "single.txt.gz").write_bytes(gzip.compress(seed))
    items = _items(tmp_path)
    assert not _rejects(items)
    assert [raw.origin.removeprefix(str(tmp_path) + "/") for raw in _raws(items)] == [
        "bz.tar.bz2!cable/a.txt",
        "bz.tar.bz2!cable/b.txt",
        "gz.tgz!cable/a.txt",
        "gz.tgz!cable/b.txt",
        "plain.tar!cable/a.txt",
        "plain.tar!cable/b.txt",
        "single.txt.gz",
        "xz.tar.xz!cable/a.txt",
        "xz.tar.xz!cable/b.txt",
        "z.zip!cable/a.txt",
        "z.zip!cable/b.txt",
    ]
    assert {raw.text for raw in _raws(items)} == {seed.decode("utf-8")}
    assert not list(tmp_path.glob("**/cable")), "nothing is extracted to disk"


def test_nested_archives_name_the_path_inside(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with tarfile.open(fileobj=inner, mode="w:gz") as archive:
        info = tarfile.TarInfo("cables/07ASTANA367.txt")
        info.size = EXAMPLE.stat().st_size
        archive.addfile(info, io.BytesIO(EXAMPLE.read_bytes()))
    with zipfile.ZipFile(tmp_path / "outer.zip", "w") as archive:
        archive.writestr("inner.tar.gz", inner.getvalue())
    [raw] = _items(tmp_path / "outer.zip")
    assert isinstance(raw, RawCable)
    assert raw.origin == f"{tmp_path}/outer.zip!inner.tar.gz!cables/07ASTANA367.txt"
    assert raw.format == "text"


def test_tar_member_leaving_the_archive_is_refused(tmp_path: Path) -> None:
    seed = EXAMPLE.read_bytes()
    path = _tar(
        tmp_path / "evil.tar",
        {"good.txt": seed, "../../evil.txt": b"owned", "/etc/cron.d/x": b"owned"},
    )
    items = _items(path)
    assert [raw.origin for raw in _raws(items)] == [f"{path}!good.txt"]
    assert [(r.position, "points outside the archive" in r.reason) for r in _rejects(items)] == [
        ("../../evil.txt", True),
        ("/etc/cron.d/x", True),
    ]
    assert not (tmp_path.parent.parent / "evil.txt").exists()


def test_tar_links_pointing_outside_and_devices_are_refused(tmp_path: Path) -> None:
    path = _tar(tmp_path / "links.tar", {"cable/a.txt": EXAMPLE.read_bytes()})
    specials = [
        ("passwd", tarfile.SYMTYPE, "/etc/passwd"),
        ("cable/up", tarfile.SYMTYPE, "../../secret"),
        ("shadow", tarfile.LNKTYPE, "../etc/shadow"),
        ("cable/inside", tarfile.SYMTYPE, "a.txt"),
        ("dev/sda", tarfile.BLKTYPE, ""),
        ("dev/fifo", tarfile.FIFOTYPE, ""),
    ]
    for name, kind, target in specials:
        info = tarfile.TarInfo(name)
        info.type = kind
        info.linkname = target
        _add_special(path, info)
    items = _items(path)
    assert [raw.origin for raw in _raws(items)] == [f"{path}!cable/a.txt"]
    reasons = {r.position: r.reason for r in _rejects(items)}
    assert reasons == {
        "passwd": "symbolic link to `/etc/passwd` points outside the archive; not followed",
        "cable/up": "symbolic link to `../../secret` points outside the archive; not followed",
        "shadow": "hard link to `../etc/shadow` points outside the archive; not followed",
        "dev/sda": "device or FIFO member; only regular files are read",
        "dev/fifo": "device or FIFO member; only regular files are read",
    }


def test_zip_bomb_of_zeros_is_refused_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", bytes(32 * 1024 * 1024))
        archive.writestr("../escape.txt", b"x")
        archive.writestr("cable.txt", EXAMPLE.read_bytes())
    assert path.stat().st_size < 100_000
    items = _items(path)
    assert [raw.origin for raw in _raws(items)] == [f"{path}!cable.txt"]
    bomb, escape = _rejects(items)
    assert bomb.position == "zeros.txt"
    assert bomb.reason.startswith("decompression bomb: ")
    assert "limit 200:1 (sources.max_compression_ratio)" in bomb.reason
    assert escape.position == "../escape.txt"


def test_gzip_tar_bomb_stops_the_archive(tmp_path: Path) -> None:
    path = _tar(tmp_path / "bomb.tar.gz", {"zeros.txt": bytes(40 * 1024 * 1024)}, "w:gz")
    [reject] = _items(path)
    assert isinstance(reject, Reject)
    assert reject.reason.startswith("decompression bomb: ")


def test_member_and_total_size_limits(tmp_path: Path) -> None:
    seed = EXAMPLE.read_bytes()
    path = _tar(tmp_path / "big.tar", {"small.txt": b"SUBJECT: X", "cable/07ASTANA367.txt": seed})
    [small, too_big] = _items(path, max_member_bytes=1000)
    assert isinstance(small, RawCable)
    assert isinstance(too_big, Reject)
    assert too_big.position == "cable/07ASTANA367.txt"
    assert too_big.cable_id == "07ASTANA367", "the id the member is named after"
    assert too_big.reason == (
        f"member is {len(seed)} bytes; limit 1000 (sources.max_member_bytes); not read"
    )
    [small, over_total] = _items(path, max_total_bytes=len(seed))
    assert isinstance(over_total, Reject)
    assert "sources.max_total_bytes" in over_total.reason
    [plain] = _items(EXAMPLE, max_member_bytes=1000)
    assert isinstance(plain, Reject)
    assert "sources.max_member_bytes" in plain.reason


def test_truncated_tar_xz_yields_members_before_the_damage(tmp_path: Path) -> None:
    # Incompressible members, so the cut lands well after the first one.
    members = {f"cable/{i}.txt": os.urandom(60_000).hex().encode() for i in range(4)}
    path = _tar(tmp_path / "whole.tar.xz", members, "w:xz")
    data = path.read_bytes()
    cut = tmp_path / "cut.tar.xz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    items = _items(cut)
    raws, rejects = _raws(items), _rejects(items)
    assert [raw.origin for raw in raws] == [f"{cut}!cable/{i}.txt" for i in range(len(raws))]
    assert 1 <= len(raws) < 4
    [reject] = rejects
    assert items[-1] is reject
    assert reject.reason.startswith("unreadable or truncated tar archive: ")
    assert reject.position in {
        f"member cable/{len(raws)}.txt",
        f"after member cable/{len(raws) - 1}.txt",
    }


def test_corrupt_zip_is_a_reject(tmp_path: Path) -> None:
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    [reject] = _items(path)
    assert isinstance(reject, Reject)
    assert reject.position == "central directory"
    assert reject.reason.startswith("unreadable zip archive: BadZipFile")


# --- bad plain files ----------------------------------------------------------------


def test_empty_binary_and_missing_files_are_rejects(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_blank.txt").write_bytes(b" \r\n\t\n")
    (tmp_path / "c_binary.bin").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)))
    (tmp_path / "d_controls.bin").write_bytes(bytes(range(1, 9)) * 500)
    items = _items(tmp_path, tmp_path / "missing.html", str(tmp_path / "*.nothing"))
    assert [(Path(r.source).name, r.position, r.reason.split(":")[0]) for r in items] == [
        ("a_empty.txt", None, "empty"),
        ("b_blank.txt", None, "empty"),
        ("c_binary.bin", "byte 7", "binary content"),
        ("d_controls.bin", None, "binary content"),
        ("missing.html", None, "no such file or directory"),
        ("*.nothing", None, "no file matches this pattern"),
    ]


def test_a_50_mb_single_line_is_refused_by_its_length(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_bytes(b"SUBJECT: " + b"A" * (50 * 1024 * 1024 - 9))
    [reject] = _items(path)
    assert isinstance(reject, Reject)
    assert reject.position == "line 1"
    assert reject.reason == (
        "line 1 is 52428800 characters long; limit 1000000 (sources.max_line_chars)"
    )


def test_directory_symlink_leading_out_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "cables").mkdir()
    (tmp_path / "cables" / "seed.txt").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "cables" / "passwd").symlink_to("/etc/passwd")
    items = _items(tmp_path / "cables")
    assert [Path(raw.origin).name for raw in _raws(items)] == ["seed.txt"]
    [reject] = _rejects(items)
    assert reject.reason.startswith("symbolic link to `/etc/passwd` leads out of")


def test_glob_expands_sorted(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.html"):
        (tmp_path / name).write_bytes(EXAMPLE.read_bytes())
    items = _items(str(tmp_path / "*.txt"))
    assert [Path(raw.origin).name for raw in _raws(items)] == ["a.txt", "b.txt"]


# --- the CSV dump and JSON lines ----------------------------------------------------


def _split_telegram(path: Path) -> tuple[str, str]:
    text = path.read_bytes().decode("cp1252").replace("\r\n", "\n").strip("\n")
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(("UNCLAS", "CONFIDENTIAL")))
    return "\n".join(lines[:start]), "\n".join(lines[start:])


@pytest.mark.corpus
@pytest.mark.skipif(not NEW_DELHI.exists(), reason="needs ../shared/corpus/fixtures")
def test_csv_dump_of_two_real_cables(tmp_path: Path) -> None:
    rows = [
        ("104000", "7/21/2006 7:22", "06NEWDELHI5135", "Embassy New Delhi", "CONFIDENTIAL",
         "06NEWDELHI4991|06STATE110411", *_split_telegram(NEW_DELHI)),
        ("95991", "2/16/2007 19:02", "07BOGOTA1165", "Embassy Bogota", "UNCLASSIFIED",
         "", *_split_telegram(BOGOTA)),
    ]  # fmt: skip
    path = tmp_path / "cables.csv"
    # As cables.csv was written: every field quoted, quotes escaped with a backslash.
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, escapechar="\\", doublequote=False)
        writer.writerows(rows)
    assert path.read_text(encoding="utf-8").count("\n") > 200, "multi-line quoted fields"
    first, second = _items(path)
    assert isinstance(first, RawCable)
    assert isinstance(second, RawCable)
    assert first.format == second.format == "csv"
    assert first.origin == f"{path}#row=1"
    assert first.metadata == {
        "reference_id": "06NEWDELHI5135",
        "origin": "Embassy New Delhi",
        "classification": "CONFIDENTIAL",
        "created": "2006-07-21T07:22",
        "references": ["06NEWDELHI4991", "06STATE110411"],
    }
    assert second.metadata["created"] == "2007-02-16T19:02"
    assert second.metadata["references"] == []
    header, body = _split_telegram(NEW_DELHI)
    assert first.text == f"{header}\n\n{body}"
    assert first.text.startswith("VZCZCXRO7165\nOO RUEHBI")
    assert "¶1.  (C) Summary: The National Security Advisory Board" in first.text

    # Through the whole pipeline: the TAGS and SUBJECT lines of the two telegrams.
    delhi, bogota = kg.read_cables(path)
    assert isinstance(delhi, Cable)
    assert isinstance(bogota, Cable)
    assert (delhi.reference_id, delhi.created) == ("06NEWDELHI5135", "2006-07-21T07:22")
    assert delhi.subject == "INDIA'S NATIONAL SECURITY ADVISORY BOARD: ADVISING THE ADVISORS"
    assert [tag.code for tag in delhi.tags] == ["PREL", "PGOV", "PTER", "PINR", "IN"]
    assert bogota.reference_id == "07BOGOTA1165"
    assert [tag.code for tag in bogota.tags] == ["PGOV", "CO"]


def test_csv_dump_with_header_row_and_doubled_quotes(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "date", "refid", "origin", "classification", "references",
                         "header", "body"])  # fmt: skip
        writer.writerow(["1", "12/28/1966 18:48", "66BUENOSAIRES2481", "Embassy Buenos Aires",
                         "UNCLASSIFIED", "", "R 281848Z DEC 66", 'SAID "NO".\nEND'])  # fmt: skip
        writer.writerow(["2", "12/29/1966 10:00", "66BUENOSAIRES2482"])
    raw, short = _items(path)
    assert isinstance(raw, RawCable)
    assert raw.format == "csv"
    assert raw.text == 'R 281848Z DEC 66\n\nSAID "NO".\nEND'
    assert raw.metadata["created"] == "1966-12-28T18:48"
    assert isinstance(short, Reject)
    assert short.position == "row 3"
    assert short.reason.startswith("row has 3 columns; a Cablegate CSV row has 8")


def _synthetic_dump(rows: int) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, escapechar="\\", doublequote=False)
    for i in range(1, rows + 1):
        body = f"UNCLAS ASTANA {i:06d}\n\nSUBJECT: ROW {i}\n" + 'TEXT "QUOTED"\n' * 100
        writer.writerow([i, "2/12/2007 4:28", f"07ASTANA{i}", "Embassy Astana", "UNCLASSIFIED",
                         "", "R 120428Z FEB 07\nFM AMEMBASSY ASTANA", body])  # fmt: skip
    return buffer.getvalue().encode("utf-8")


def test_csv_dump_larger_than_a_member_streams_row_by_row(tmp_path: Path) -> None:
    dump = _synthetic_dump(40)
    (tmp_path / "cables.csv.gz").write_bytes(gzip.compress(dump))
    _tar(tmp_path / "dump.tar.xz", {"data/cables.csv": dump}, "w:xz")
    limit = 3000  # each row is ~1.9 KB, the dump ~75 KB
    assert len(dump) > 20 * limit
    for name in ("cables.csv.gz", "dump.tar.xz"):
        items = _items(tmp_path / name, max_member_bytes=limit)
        assert not _rejects(items)
        raws = _raws(items)
        assert [raw.metadata["reference_id"] for raw in raws] == [
            f"07ASTANA{i}" for i in range(1, 41)
        ]
        assert raws[39].text.endswith(
            "SUBJECT: ROW 40\n" + 'TEXT "QUOTED"\n' * 99 + 'TEXT "QUOTED"'
        )
    assert raws[0].origin == f"{tmp_path}/dump.tar.xz!data/cables.csv#row=1"


def test_csv_unclosed_quote_stops_at_the_row_limit(tmp_path: Path) -> None:
    dump = _synthetic_dump(3) + b'4,"2/12/2007 4:28","07ASTANA4","X","U","","H","never closed\n'
    (tmp_path / "broken.csv").write_bytes(dump + b"MORE TEXT\n" * 2000)
    items = _items(tmp_path / "broken.csv", max_member_bytes=5000)
    assert len(_raws(items)) == 3
    [reject] = _rejects(items)
    assert reject.position is not None
    assert reject.position.startswith("row 4 (line ")
    assert reject.reason.startswith("row is larger than 5000 bytes")


def test_json_lines_stream_and_long_lines_inside_records_are_refused(tmp_path: Path) -> None:
    records = [
        json.dumps({"reference_id": f"07ASTANA{i}", "text": f"SUBJECT: {i}\nX"}) for i in range(300)
    ]
    records[7] = json.dumps({"reference_id": "07ASTANA7", "text": "SUBJECT: " + "Y" * 5000})
    data = ("\n".join(records) + "\n").encode("utf-8")
    (tmp_path / "cables.jsonl.gz").write_bytes(gzip.compress(data))
    assert len(data) > 3 * 6000
    items = _items(tmp_path / "cables.jsonl.gz", max_member_bytes=6000, max_line_chars=1000)
    assert len(items) == 300
    [reject] = _rejects(items)
    assert (reject.source, reject.position) == (f"{tmp_path}/cables.jsonl.gz#line=8", "line 1")
    assert reject.reason == "line 1 is 5009 characters long; limit 1000 (sources.max_line_chars)"
    assert _raws(items)[-1].metadata == {"reference_id": "07ASTANA299"}


def test_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "cables.jsonl"
    path.write_text(
        '{"reference_id": "07ASTANA367", "created": "2007-02-12T04:28", "text": "A\\r\\nB"}\n'
        "\n"
        "[1, 2]\n"
        '{"header": "R 120428Z FEB 07", "body": "TAGS: KZ", "refid": "07ASTANA367"}\n'
        "{not json\n",
        encoding="utf-8",
    )
    first, not_object, second, broken = _items(path)
    assert isinstance(first, RawCable)
    assert isinstance(second, RawCable)
    assert (first.format, first.text, first.origin) == ("jsonl", "A\nB", f"{path}#line=1")
    assert first.metadata == {"reference_id": "07ASTANA367", "created": "2007-02-12T04:28"}
    assert second.text == "R 120428Z FEB 07\n\nTAGS: KZ"
    assert (not_object.position, broken.position) == ("line 3", "line 5")


# --- stdin, the registry, config ----------------------------------------------------


def _run_stdin(data: bytes) -> list[str]:
    code = (
        "from kg.sources import iter_sources\n"
        "for item in iter_sources('-'):\n"
        "    print(type(item).__name__, getattr(item, 'format', ''), getattr(item, 'origin', ''),"
        " getattr(item, 'reason', ''))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], input=data, capture_output=True, check=True, cwd=PROJECT
    )
    return result.stdout.decode("utf-8").splitlines()


def test_stdin_plain_and_archive() -> None:
    assert _run_stdin(EXAMPLE.read_bytes()) == ["RawCable text <stdin> "]
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:xz") as archive:
        info = tarfile.TarInfo("cable/seed.txt")
        info.size = EXAMPLE.stat().st_size
        archive.addfile(info, io.BytesIO(EXAMPLE.read_bytes()))
    assert _run_stdin(buffer.getvalue()) == ["RawCable text <stdin>!cable/seed.txt "]
    assert _run_stdin(b"") == ["Reject   empty: no text to read"]


def test_kg_parse_reads_a_compressed_cable_from_stdin() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kg", "parse", "-"],
        input=gzip.compress(EXAMPLE.read_bytes()),
        capture_output=True,
        check=True,
        cwd=PROJECT,
    )
    assert json.loads(result.stdout)["reference_id"] == "07ASTANA367"


def test_registry_lists_names_and_takes_new_readers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "_READERS", dict(readers._READERS))  # undone after the test
    with pytest.raises(ConfigError, match=r"`pdf` is not valid. It must be in: \['auto', "):
        list(iter_sources(EXAMPLE, config=SourcesConfig(format="pdf")))

    def read_shouting(text: str, origin: str):  # type: ignore[no-untyped-def]
        yield RawCable(text=text.upper(), origin=origin, format="shouting")

    register("shouting", read_shouting)
    assert "shouting" in available()
    (tmp_path / "a.txt").write_text("subject: x", encoding="utf-8")
    [raw] = iter_sources(tmp_path / "a.txt", config=SourcesConfig(format="shouting"))
    assert isinstance(raw, RawCable)
    assert raw.text == "SUBJECT: X"


def test_forced_format_overrides_sniffing() -> None:
    [raw] = iter_sources(EXAMPLE, config=SourcesConfig(format="body"))
    assert isinstance(raw, RawCable)
    assert raw.format == "body"


# --- property: any bytes at all ------------------------------------------------------

_MAGIC = [b"", b"\x1f\x8b\x08\x00", b"\xfd7zXZ\x00", b"BZh9", b"PK\x03\x04", b"PK\x05\x06"]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    prefix=st.sampled_from(_MAGIC),
    data=st.binary(max_size=2048),
    name=st.sampled_from(["x.txt", "x.csv", "x.jsonl", "x.tar.gz", "x.zip"]),
)
def test_any_bytes_give_only_raw_cables_and_rejects(
    tmp_path: Path, prefix: bytes, data: bytes, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(prefix + data)
    items = _items(path)
    assert items, "every file gives at least one item"
    assert all(isinstance(item, RawCable | Reject) for item in items)
    for item in items:
        if isinstance(item, RawCable):
            assert "\r" not in item.text
            assert item.format in {"html", "text", "body", "csv", "jsonl"}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(min_size=1, max_size=600), cut=st.integers(min_value=0, max_value=4000))
def test_damaged_tar_xz_gives_only_raw_cables_and_rejects(
    tmp_path: Path, data: bytes, cut: int
) -> None:
    whole = io.BytesIO()
    with tarfile.open(fileobj=whole, mode="w:xz") as archive:
        for i in range(3):
            info = tarfile.TarInfo(f"cable/{i}.txt")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    path = tmp_path / "damaged.tar.xz"
    raw = whole.getvalue()
    path.write_bytes(raw[:cut] + raw[cut + 7 :])
    items = _items(path)
    assert all(isinstance(item, RawCable | Reject) for item in items)
