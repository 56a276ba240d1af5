"""The name fc is run by, for messages that tell the user which command to type next.

`fc` is also a built-in of bash and zsh (the history editor), `fc.exe` on Windows and an alias
in PowerShell, so fc installs a second, clash-free command, `fc-cli`, and runs as
`python -m fc_cli`. A message that says "kör … validate" names the form the user just typed:
that form reached fc, so it works in their shell.
"""

from __future__ import annotations

import os
import sys

#: The clash-free command installed beside `fc` (pyproject.toml, [project.scripts]).
SAFE_COMMAND = "fc-cli"


def command_name(argv0: str | None = None) -> str:
    """`fc`, `fc-cli` or `python -m fc_cli`: how this process was started."""
    path = argv0 if argv0 is not None else (sys.argv[0] if sys.argv else "")
    base = path.replace("\\", "/").rsplit("/", 1)[-1]  # a Windows path too
    stem, extension = os.path.splitext(base)
    if base == "__main__.py":
        return "python -m fc_cli"
    if (stem if extension.lower() in (".exe", ".py") else base).lower() == SAFE_COMMAND:
        return SAFE_COMMAND
    return "fc"
