"""The command line: every command is documented in the README and answers --help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import COMMANDS, main
from tests.data import EXAMPLE, PROJECT


def test_kg_help_runs_from_the_installed_script() -> None:
    script = Path(sys.executable).parent / "kg"
    out = subprocess.run([script, "--help"], capture_output=True, text=True, check=True).stdout
    for name in COMMANDS:
        assert name in out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_documented_in_the_readme(name: str) -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert f"kg {name}" in readme


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_answers_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([name, "--help"])
    assert exit_info.value.code == 0
    assert "usage: kg" in capsys.readouterr().out


def test_parse_prints_json_for_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(EXAMPLE)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reference_id"] == "07ASTANA367"


def test_parse_reads_stdin() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "parse", "-", "--format", "yaml"],
        input=EXAMPLE.read_bytes(),
        capture_output=True,
        check=True,
    )
    assert b"reference_id: 07ASTANA367" in proc.stdout


def test_commands_read_config_yaml_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # defaults < ./config.yaml < flags: a limit set in the folder's config.yaml applies
    (tmp_path / "config.yaml").write_text("sources:\n  max_line_chars: 10\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["parse", str(EXAMPLE)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "reject" in captured.err
    assert "07ASTANA367" in captured.err


def test_config_yaml_documents_exactly_the_defaults() -> None:
    from kg.config import Config, load_config

    assert load_config(PROJECT / "config.yaml") == Config()
