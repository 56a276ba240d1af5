"""Diagnostics: what validation found, and how it is printed (text, github, json)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from .codes import ERROR as ERROR
from .codes import WARNING as WARNING

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
        key = f"{self.key}: " if self.key else ""
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {key}{self.message} [{self.code}]"

    def as_github(self) -> str:
        command = "error" if self.severity == ERROR else "warning"
        key = f"{self.key}: " if self.key else ""
        text = _github_escape(f"{key}{self.message} [{self.code}]")
        file = _github_escape(self.file, prop=True)
        return f"::{command} file={file},line={self.line},col={self.column}::{text}"


def _github_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def summary_line(files: int, diagnostics: Iterable[Diagnostic]) -> str:
    diagnostics = list(diagnostics)
    errors = sum(d.severity == ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    checked = "fil kontrollerad" if files == 1 else "filer kontrollerade"
    return f"{files} {checked}: {errors} fel, {warnings} {'varning' if warnings == 1 else 'varningar'}"


def format_report(files: int, diagnostics: list[Diagnostic], fmt: str) -> str:
    """The whole output of `fc validate` in one of the formats text, github, json."""
    if fmt == "json":
        return json.dumps([asdict(d) for d in diagnostics], ensure_ascii=False, indent=2)
    if fmt == "github":
        lines = [d.as_github() for d in diagnostics]
    else:
        lines = [d.as_text() for d in diagnostics]
    lines.append(summary_line(files, diagnostics))
    return "\n".join(lines)
