"""Test helpers: running the CLI, converting documents with LibreOffice, golden files.

Fixtures live in conftest.py; everything a test imports lives here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from typer.testing import CliRunner

from fc_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: FC_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing (review the diff!).
UPDATE_GOLDEN = os.environ.get("FC_UPDATE_GOLDEN") == "1"


def run_fc(*args: str, cwd: Path | None = None):
    """Run `fc ARGS` in-process; returns the click Result (exit_code, stdout, stderr)."""
    runner = CliRunner()
    old = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)


def run_fc_input(text: str, *args: str, cwd: Path | None = None):
    """Run `fc ARGS` in-process with *text* on standard input."""
    runner = CliRunner()
    old = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        return runner.invoke(app, [str(a) for a in args], input=text.encode("utf-8"), catch_exceptions=False)
    finally:
        os.chdir(old)


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        raise RuntimeError(
            "LibreOffice is needed for the document tests: apt-get install libreoffice-writer-nogui"
        )
    return path


def libreoffice_text(docx_files: list[Path], workdir: Path) -> dict[Path, str]:
    """Convert .docx files with headless LibreOffice in one run and read their text back.

    Proves that each file opens in LibreOffice (the quality bar for Word output); raises when one
    does not convert.
    """
    outdir = workdir / "lo-text"
    outdir.mkdir(parents=True, exist_ok=True)
    profile = workdir / "lo-profile"
    result = subprocess.run(
        [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(outdir), *map(str, docx_files)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    texts = {}
    for docx in docx_files:
        txt = outdir / (docx.stem + ".txt")
        if not txt.is_file():
            raise AssertionError(
                f"LibreOffice did not convert {docx.name}: rc={result.returncode} {result.stderr[-500:]}"
            )
        texts[docx] = txt.read_text(encoding="utf-8-sig")
    return texts


def normalise(text: str) -> str:
    """Text for comparisons: NFC, no-break spaces as spaces, whitespace folded, no empty lines."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u202f", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line) + "\n"


def flat(text: str) -> str:
    """All text on one line, for finding sentences that wrap differently."""
    return re.sub(r"\s+", " ", normalise(text))


def assert_golden(name: str, text: str) -> None:
    """Compare normalised document text with tests/golden/NAME (FC_UPDATE_GOLDEN=1 rewrites)."""
    path = GOLDEN / name
    actual = normalise(text)
    if UPDATE_GOLDEN or not path.exists():
        if not UPDATE_GOLDEN:
            raise AssertionError(f"no golden file {path}: run with FC_UPDATE_GOLDEN=1 once and review it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file (FC_UPDATE_GOLDEN=1 to accept)"


SEED_BLANKS = re.compile(r"XXXX|xxxxx|____|ange namn på|fyll i|20 - -|\[fyll i|<fyll i>")


def assert_no_seed_blanks(text: str) -> None:
    found = SEED_BLANKS.search(text)
    assert found is None, f"a seed blank survives: {text[max(0, found.start() - 60): found.end() + 60]!r}"


F = TypeVar("F", bound=Callable[..., Any])


def needs_libreoffice(fixture: F) -> F:
    """Mark a fixture that converts documents with LibreOffice: every test using it is marked
    `libreoffice` (conftest.py), so `pytest -m "not libreoffice"` runs the rest without it."""
    fixture.libreoffice = True  # type: ignore[attr-defined]
    return fixture


def template_logic_lines(text: str) -> tuple[int, int]:
    """(logic-only lines, lines) of a template: how much of it is program rather than text.

    Comments do not count at all; a line that holds nothing but `{% … %}` tags (a tag over several
    lines counts once) is a logic-only line; every other non-blank line is text, even with
    `{{ … }}` or an inline `{% if %}` in it. Issue 10 asks for at most 15 % logic-only lines.
    """
    text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
    text = re.sub(r"\{%.*?%\}", lambda m: m.group(0).replace("\n", " "), text, flags=re.S)
    lines = [line for line in text.splitlines() if line.strip()]
    logic = [line for line in lines if not re.sub(r"\{%.*?%\}", "", line).strip()]
    return len(logic), len(lines)
