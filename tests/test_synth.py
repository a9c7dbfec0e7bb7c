"""The synthetic corpus: deterministic, unique ids, and read back by the real reader and parser.

Every expected value comes from the generator's own spec objects, never from its output.
"""

from __future__ import annotations

import csv
import dataclasses
import re
import tarfile
import zipfile
from pathlib import Path

import pytest

from kg import read_cables
from kg.cli import main
from kg.errors import ConfigError, KgError
from kg.model import Cable, Reject
from kg.parse import parse_cable
from kg.synth import generate, iter_cables, iter_specs, render_page, write_corpus
from kg.synth.spec import CableSpec
from kg.synth.telegram import Telegram
from kg.synth.vocabulary import COLLECTIVES, POSTS, TOPICS
from tests.data import PROJECT

COUNT = 120
SEED = 11


def _read(path: Path) -> list[Cable]:
    items = list(read_cables(path))
    rejects = [str(item) for item in items if isinstance(item, Reject)]
    assert rejects == []
    return [item for item in items if isinstance(item, Cable)]


def _expected(count: int = COUNT, seed: int = SEED) -> dict[str, tuple[CableSpec, Telegram]]:
    return {spec.reference_id: (spec, telegram) for spec, telegram in iter_cables(count, seed)}


def test_same_seed_and_count_give_byte_identical_archives(tmp_path: Path) -> None:
    for suffix in ("tar.gz", "zip", "tar.xz"):
        first = write_corpus(tmp_path / f"a.{suffix}", 40, seed=5)
        second = write_corpus(tmp_path / f"b.{suffix}", 40, seed=5)
        assert first.read_bytes() == second.read_bytes(), suffix


def test_same_seed_gives_identical_directories_and_another_seed_differs(tmp_path: Path) -> None:
    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    one = files(write_corpus(tmp_path / "one", 30, seed=2))
    two = files(write_corpus(tmp_path / "two", 30, seed=2))
    other = files(write_corpus(tmp_path / "other", 30, seed=3))
    assert one == two
    assert len(one) == 30
    assert one != other


def test_ids_are_unique_and_references_cite_earlier_cables_or_state() -> None:
    seen: set[str] = set()
    cited_generated = 0
    for spec in iter_specs(3000, seed=SEED):
        assert spec.reference_id not in seen
        for reference in spec.references:
            if reference.id in seen:
                cited_generated += 1
            else:
                assert re.fullmatch(r"\d\dSTATE\d+", reference.id), reference
        seen.add(spec.reference_id)
    assert len(seen) == 3000
    # The citation graph is not empty: most references point inside the corpus.
    assert cited_generated > 1000


def test_page_layout_matches_the_wikileaks_template() -> None:
    spec, telegram = next(iter_cables(1, seed=SEED))
    page = render_page(spec, telegram)
    assert f"<a href='/{spec.path}'>{spec.reference_id}</a>" in page
    assert f">{spec.created:%Y-%m-%d %H:%M}</a>" in page
    assert "<th>Reference ID</th>\n<th>Created</th>\n<th>Released</th>" in page
    assert page.count("<code><pre>") == 2
    for paragraph in spec.paragraphs:
        n = paragraph.number
        assert f"<a id='par{n}' href='#par{n}'>¶</a>{n}." in page
    for tag in spec.tags:
        assert f"<a href='/tag/{tag}_0.html'>{tag}</a>" in page
    assert "\n" not in page.split("<code><pre>")[2].split("</pre>")[0]


def test_cable_text_is_escaped_in_the_page() -> None:
    spec, telegram = next(iter_cables(1, seed=SEED))
    spec = dataclasses.replace(spec, subject="A <B> & C")
    page = render_page(spec, telegram)
    assert "Viewing cable " + spec.reference_id + ", A &lt;B&gt; &amp; C</h3>" in page
    assert "<B>" not in page


@pytest.fixture(scope="module")
def expected() -> dict[str, tuple[CableSpec, Telegram]]:
    return _expected()


@pytest.mark.parametrize(
    ("out", "format"),
    [
        ("cables", "html"),
        ("cables.tar", "html"),
        ("cables.tar.xz", "html"),
        ("cables.tar.gz", "text"),
        ("cables.zip", "csv"),
    ],
)
def test_the_parser_reads_back_what_the_generator_wrote(
    tmp_path: Path, out: str, format: str, expected: dict[str, tuple[CableSpec, Telegram]]
) -> None:
    cables = _read(write_corpus(tmp_path / out, COUNT, SEED, format))
    assert sorted(c.reference_id for c in cables) == sorted(expected)
    for cable in cables:
        spec, telegram = expected[cable.reference_id]
        assert cable.subject == spec.subject
        assert [tag.code for tag in cable.tags] == list(spec.tags)
        assert [ref.id for ref in cable.references] == [ref.id for ref in spec.references]
        assert cable.signers == [spec.signer]
        assert [p.number for p in cable.paragraphs] == [p.number for p in spec.paragraphs]
        assert [p.classification for p in cable.paragraphs] == [p.marking for p in spec.paragraphs]
        assert cable.created == f"{spec.created:%Y-%m-%dT%H:%M}"
        assert cable.classification is not None
        assert cable.classification.level == spec.classification.split("//")[0]
        assert cable.transmission_id == spec.transmission_id
        assert cable.sender_route == spec.post.route
        assert [r.mcn for r in cable.recipients] == [f"{spec.mcn:04d}"]
        assert [f"{r.route}/{r.name}" for r in cable.info_recipients] == [
            addressee for addressee, _ in spec.info
        ]
        declassify = spec.declassify_on.isoformat() if spec.declassify_on else None
        assert cable.nondisclosure_deadline == declassify
        if spec.classifier is None:
            assert cable.classified_by is None
        else:
            assert cable.classified_by is not None
            assert cable.classified_by.names == [spec.classifier[1]]
            assert cable.classified_by.reasons == list(spec.classification_reasons)
        pages = telegram.section_count
        assert cable.section_count == (pages if pages > 1 else None)
        if format != "text":
            assert cable.origin == spec.post.origin


def test_generate_yields_the_archive_layout() -> None:
    specs = list(iter_specs(5, seed=SEED))
    members = list(generate(5, seed=SEED, format="text"))
    assert [path for path, _ in members] == [
        f"cable/{s.created:%Y/%m}/{s.reference_id}.txt" for s in specs
    ]
    assert all(
        parse_cable(text).reference_id == s.reference_id
        for (_, text), s in zip(members, specs, strict=True)
    )


def test_archives_hold_one_member_per_cable_in_order(tmp_path: Path) -> None:
    paths = [spec.path for spec in iter_specs(20, seed=SEED)]
    with tarfile.open(write_corpus(tmp_path / "c.tar.gz", 20, SEED)) as tar:
        assert tar.getnames() == paths
        assert {member.mtime for member in tar.getmembers()} == {1290902400}
    with zipfile.ZipFile(write_corpus(tmp_path / "c.zip", 20, SEED)) as archive:
        assert archive.namelist() == paths


def test_kg_synth_command_writes_the_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "corpus.tar.gz"
    assert main(["synth", "--count", "12", "--out", str(out), "--seed", "4"]) == 0
    assert "12 html cables" in capsys.readouterr().out
    assert len(_read(out)) == 12


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="format `pdf` is not valid"):
        write_corpus(tmp_path / "x", 1, 0, format="pdf")
    with pytest.raises(ConfigError, match="count -1"):
        write_corpus(tmp_path / "x", -1, 0)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    with pytest.raises(KgError, match="not an empty directory"):
        write_corpus(tmp_path / "full", 1, 0)
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"


def _project_table(name: str) -> list[dict[str, str]]:
    with open(PROJECT / "kg" / "data" / name, encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def test_posts_and_tags_agree_with_the_project_reference_tables() -> None:
    stations = {row["route"]: row for row in _project_table("stations.csv")}
    for post in POSTS:
        row = stations[post.route]
        assert (row["name"], row["country_fips"], row["label"]) == (
            post.sender,
            post.fips,
            post.origin,
        )
    for addressee in (a for group in COLLECTIVES.values() for a in group):
        route, name = addressee.split("/", 1)
        assert stations[route]["name"] == name
    kinds = {row["code"]: row["kind"] for row in _project_table("tags.csv")}
    assert {post.fips: kinds.get(post.fips) for post in POSTS} == {
        post.fips: "geographic" for post in POSTS
    }
    assert [tag for topic in TOPICS for tag in topic.tags if tag not in kinds] == []
