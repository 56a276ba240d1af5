"""What fc prints is always one line per finding and never fails on where it goes.

Keys, values, file and folder names come from the user's files and may hold line ends, escape
sequences or invisible direction marks; printed raw they would split a finding over lines, rewrite
the terminal or, in a CI log, start a GitHub Actions workflow command. And the output itself may
go to a Windows pipe (cp1252), an ASCII terminal, a closed descriptor or a full disk.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fc_cli.printing import visible

from helpers import EXAMPLES, run_fc

INJECTED_KEY = '"x\\n::error file=README.md,line=1::boom": 1'


def test_visible_escapes_what_would_not_show_as_itself() -> None:
    assert visible("Örebro – «Vivalla» 🏠 C:\\mapp") == "Örebro – «Vivalla» 🏠 C:\\mapp"
    assert visible("a\nb\r\tc") == "a\\nb\\r\\tc"
    assert visible("\x1b[2J\x00\x7f\x85") == "\\x1b[2J\\x00\\x7f\\x85"
    assert visible("\u2028\u2029\u202e\u2066\u200f\u061c") == "\\u2028\\u2029\\u202e\\u2066\\u200f\\u061c"


@pytest.fixture()
def injected(tmp_path: Path) -> Path:
    folder = tmp_path / "avtal" / "en\nmapp\x1b[2J"
    folder.mkdir(parents=True)
    (folder / "centre.yaml").write_text(f"schema_version: 1\n{INJECTED_KEY}\n", encoding="utf-8")
    return tmp_path / "avtal"


def test_a_key_and_a_folder_with_line_ends_stay_on_one_line_as_text(injected: Path) -> None:
    result = run_fc("validate", cwd=injected)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "1 fil kontrollerad: 6 fel, 0 varningar"
    assert len(lines) == 7  # six findings, one line each
    assert not any(line.startswith("::") for line in lines)
    unknown = next(line for line in lines if "[unknown-key]" in line)
    assert unknown.startswith(
        "en\\nmapp\\x1b[2J/centre.yaml:2:1: error: x\\n::error file=README.md,line=1::boom: okänd nyckel "
    )


def test_github_output_cannot_start_a_second_workflow_command(injected: Path) -> None:
    result = run_fc("validate", "--format", "github", cwd=injected)
    lines = result.stdout.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == 6 and len(lines) == 7
    unknown = next(line for line in commands if "[unknown-key]" in line)
    assert unknown.startswith(
        "::error file=en\\nmapp\\x1b[2J/centre.yaml,line=2,col=1::x\\n::error file=README.md,line=1::boom: "
    )
    # GitHub's own escaping of the properties
    assert run_fc("validate", "--format", "github", cwd=injected).stdout.count("file=en\\nmapp\\x1b[2J/centre.yaml,") == 6


def test_github_properties_escape_colon_comma_and_percent(tmp_path: Path) -> None:
    folder = tmp_path / "a:b,c%d"
    folder.mkdir()
    (folder / "centre.yaml").write_text("schema_version: 2\n", encoding="utf-8")
    result = run_fc("validate", "--format", "github", cwd=tmp_path)
    assert result.stdout.splitlines()[0].startswith("::error file=a%3Ab%2Cc%25d/centre.yaml,line=")


def test_markdown_and_json_keep_the_text_safe_for_their_format(injected: Path) -> None:
    md = run_fc("validate", "--format", "md", cwd=injected).stdout.splitlines()
    assert len(md) == 6 + 6
    assert any(row.startswith("| en\\\\nmapp\\\\x1b\\[2J/centre.yaml | 2 | 1 | fel | x\\\\n::error") for row in md), md
    findings = json.loads(run_fc("validate", "--format", "json", cwd=injected).stdout)
    assert {f["file"] for f in findings} == {"en\nmapp\x1b[2J/centre.yaml"}  # JSON escapes it itself
    assert "x\n::error file=README.md,line=1::boom" in {f["key"] for f in findings}


def test_a_path_fc_prints_is_shown_visibly(tmp_path: Path) -> None:
    result = run_fc("validate", tmp_path / "ny\nmapp")
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path}/ny\\nmapp finns inte – ange en centre.yaml eller en mapp med sådana\n"


# ---- where the output goes ---------------------------------------------------------------------


def _fc(*args: str, env: dict[str, str] | None = None, encoding: str = "utf-8", errors: str = "strict",
        **kwargs: object) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "fc"
    streams = {"stderr": subprocess.PIPE} if "stdout" in kwargs else {"capture_output": True}
    return subprocess.run([str(script), *args], encoding=encoding, errors=errors,  # type: ignore[call-overload]
                          env={**os.environ, **(env or {})}, **streams, **kwargs)


def test_a_windows_pipe_gets_escapes_for_what_cp1252_lacks(tmp_path: Path) -> None:
    (tmp_path / "centre.yaml").write_text('schema_version: 1\n"Łódź 🏠": 1\n', encoding="utf-8")
    result = _fc("validate", str(tmp_path), env={"PYTHONIOENCODING": "cp1252"}, encoding="cp1252")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "okänd nyckel '\\u0141ód\\u017a \\U0001f3e0'" in result.stdout
    rendered = _fc("render", "agreement", str(EXAMPLES / "vivalla"), "-o", str(tmp_path / "ut 🏠"),
                   env={"PYTHONIOENCODING": "cp1252"}, encoding="cp1252")
    assert (rendered.returncode, rendered.stderr) == (0, "")
    assert rendered.stdout.endswith("ut \\U0001f3e0/samverkansavtal-familjecentralen-vivalla.docx\n")


@pytest.mark.parametrize("columns", ["100", "60"])
def test_help_on_an_ascii_terminal(columns: str) -> None:
    # fc's own help escapes what ASCII lacks; typer's (narrow terminals) writes UTF-8 bytes
    result = _fc("--help", env={"PYTHONIOENCODING": "ascii", "COLUMNS": columns}, encoding="ascii",
                 errors="replace")
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert "new-centre" in result.stdout


def test_a_closed_standard_output_is_one_line_and_exit_1() -> None:
    result = _fc("validate", str(EXAMPLES), stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
    assert result.returncode == 1
    assert result.stderr == (
        "error: standard ut är stängd, så fc kan inte skriva ut sitt resultat – kör kommandot med "
        "standard ut till terminalen, en fil eller /dev/null\n"
    )


@pytest.mark.parametrize("args", [["validate", str(EXAMPLES)], ["--help"], ["packs"]])
def test_a_full_disk_under_standard_output_is_one_line_and_exit_1(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = _fc(*args, stdout=full, env={"COLUMNS": "100"})
    assert result.returncode == 1
    assert result.stderr == (
        "error: fc kunde inte skriva ut sitt resultat (No space left on device) – kontrollera vart "
        "utdata går (en full disk, en stängd fil)\n"
    )


def test_a_reader_that_stops_early_ends_fc_quietly(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "fc"
    many = tmp_path / "many"
    for index in range(40):
        (many / f"c{index}").mkdir(parents=True)
        (many / f"c{index}" / "centre.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    shell = subprocess.run(["bash", "-c", f"'{script}' validate '{many}' | head -1; echo ${{PIPESTATUS[0]}}"],
                           capture_output=True, text=True)
    first, code = shell.stdout.splitlines()
    assert first.startswith("c0/centre.yaml:1:1: error: ") or "centre.yaml:1:1: error" in first
    assert code == "1"
    assert shell.stderr == ""
