"""Diagnostics: what validation found, and how it is printed (text, github, json, md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from .codes import ERROR as ERROR
from .codes import WARNING as WARNING
from .printing import visible

KeyPath = tuple[str | int, ...]


def format_key(path: KeyPath) -> str:
    """``('services', 2, 'manager', 'name')`` → ``services[2].manager.name``."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += f".{step}" if out else str(step)
    return out


@dataclass(frozen=True)
class Issue:
    """A problem found in the data, before it is given a position."""

    path: KeyPath
    code: str
    message: str
    at_key: bool = False

    @property
    def severity(self) -> str:
        """The code's severity, from the registry of codes."""
        from .codes import severity_of

        return severity_of(self.code)


@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int
    column: int
    severity: str
    code: str
    key: str
    message: str

    def as_text(self) -> str:
        """One line, whatever the file name, key or message holds (see :mod:`fc_cli.printing`)."""
        key = f"{visible(self.key)}: " if self.key else ""
        return (f"{visible(self.file)}:{self.line}:{self.column}: {self.severity}: {key}"
                f"{visible(self.message)} [{self.code}]")

    def as_github(self) -> str:
        """A GitHub Actions workflow command: one line, with GitHub's own escaping."""
        command = "error" if self.severity == ERROR else "warning"
        key = f"{self.key}: " if self.key else ""
        text = _github_escape(f"{key}{self.message} [{self.code}]")
        file = _github_escape(self.file, prop=True)
        return f"::{command} file={file},line={self.line},col={self.column}::{text}"


def _github_escape(text: str, prop: bool = False) -> str:
    """GitHub's escaping of a workflow command's message (and, with *prop*, of a property).

    Line ends and other control characters are first made visible, so no text of the user's can
    end the command or start another one.
    """
    text = visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def summary_line(files: int, diagnostics: Iterable[Diagnostic]) -> str:
    diagnostics = list(diagnostics)
    errors = sum(d.severity == ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    checked = "fil kontrollerad" if files == 1 else "filer kontrollerade"
    return f"{files} {checked}: {errors} fel, {warnings} {'varning' if warnings == 1 else 'varningar'}"


def _md_cell(text: str | int) -> str:
    """Text for one cell of a Markdown table: pipes, line ends and markup characters kept literal."""
    text = visible(str(text))
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text


def format_markdown(files: int, diagnostics: list[Diagnostic]) -> str:
    """Every finding as a Markdown table (for GitHub's job summary or a pull request comment).

    GitHub shows at most ten annotations of each kind per step; the table has them all.
    """
    lines = ["## fc validate", "", summary_line(files, diagnostics)]
    if diagnostics:
        lines += ["", "| Fil | Rad | Kolumn | Typ | Nyckel | Meddelande | Kod |", "|---|---:|---:|---|---|---|---|"]
        for d in diagnostics:
            severity = "fel" if d.severity == ERROR else "varning"
            cells: list[str | int] = [d.file, d.line, d.column, severity, d.key, d.message, d.code]
            lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    return "\n".join(lines)


def format_report(files: int, diagnostics: list[Diagnostic], fmt: str) -> str:
    """The whole output of `fc validate` in one of the formats text, github, json, md."""
    if fmt == "json":
        return json.dumps([asdict(d) for d in diagnostics], ensure_ascii=False, indent=2)
    if fmt == "md":
        return format_markdown(files, diagnostics)
    if fmt == "github":
        lines = [d.as_github() for d in diagnostics]
    else:
        lines = [d.as_text() for d in diagnostics]
    lines.append(summary_line(files, diagnostics))
    return "\n".join(lines)
