"""One error root for fc.

Every problem a user can cause or fix is an :class:`FcError` carrying a message that says what is
wrong and what to do, a position when there is one, and the exit code the CLI ends with
(the command line's contract: 1 invalid input, 2 wrong usage, 3 internal error).
"""

from __future__ import annotations

import re as _re
from dataclasses import dataclass

from .printing import visible

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


@dataclass(frozen=True)
class Position:
    """A place in a file: 1-based line and column."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{visible(self.file)}:{self.line}:{self.column}"


class FcError(Exception):
    """Root of every error fc reports to a user."""

    exit_code = EXIT_INVALID

    def __init__(self, message: str, position: Position | None = None, key: str | None = None):
        # one error, one line: text quoted from a parser or the system never breaks the line
        message = _re.sub(r"\s*[\r\n]+\s*", " ", message).strip()
        super().__init__(message)
        self.message = message
        self.position = position
        self.key = key

    def __str__(self) -> str:
        where = f"{self.position}: " if self.position else ""
        key = f"{visible(self.key)}: " if self.key else ""
        return f"{where}error: {key}{visible(self.message)}"


class InputError(FcError):
    """The user's input (YAML, data, template pack) is invalid: exit 1."""


class YamlError(InputError):
    """A centre file or pack file is not readable YAML."""


class TemplateError(InputError):
    """A template of a pack is broken: syntax, a missing name, a sandbox violation."""


class ValidationFailed(InputError):
    """The data did not validate; the diagnostics were already printed."""

    def __init__(self, message: str, diagnostics: list | None = None, files: int | None = None):
        super().__init__(message)
        self.diagnostics = diagnostics or []
        self.files = files if files is not None else len({d.file for d in self.diagnostics})

    def __str__(self) -> str:
        return self.message


class UsageError(FcError):
    """The command was called wrongly (unknown document, missing path …): exit 2."""

    exit_code = EXIT_USAGE

    def __str__(self) -> str:
        return f"error: {visible(self.message)}"


class OutputError(FcError):
    """An output file could not be written (read-only folder, disk full …): exit 1."""

    def __str__(self) -> str:
        return f"error: {visible(self.message)}"
