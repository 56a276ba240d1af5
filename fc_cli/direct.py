"""`fc render`, `fc validate` and `fc status` without typer, for simple command lines (a speed path).

Importing typer and the click it carries, and letting it read the command line, takes longer
than validating a centre. The command lines people and scripts type most are simple: a command,
paths, and options from the short list below with plain values. :func:`run` reads such a line
itself and calls the same core function with the same arguments as the typer command in
:mod:`fc_cli.cli`, printing the same text, with the same messages and exit codes
(tests/test_speed_paths.py runs each command line both ways and compares). Anything else — help,
an option or value it does not know, `--`, a missing argument, colour on a terminal — is left to
typer: :func:`run` returns False and nothing has happened yet.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: per command: its options that take a value (every spelling → the name), and its flags
_VALUES = {
    "render": {"-o": "outdir", "--outdir": "outdir", "--format": "format", "-j": "jobs", "--jobs": "jobs"},
    "validate": {"--format": "format", "-j": "jobs", "--jobs": "jobs"},
    "status": {"--format": "format", "--on": "on", "-o": "output", "--output": "output",
               "-j": "jobs", "--jobs": "jobs"},
}
_FLAGS = {"render": {"--draft": "draft"}, "validate": {"--strict": "strict"}, "status": {}}
#: the values --format takes, as the typer command's enum has them
_FORMATS = {
    "render": ("docx", "md", "pdf"),
    "validate": ("text", "json", "github", "md"),
    "status": ("text", "md", "json", "html"),
}


def parse(args: list[str]) -> tuple[str, list[str], dict[str, Any], bool] | None:
    """(command, positional arguments, options, --debug) of a simple command line, else None."""
    debug = args[:1] == ["--debug"]
    if debug:
        args = args[1:]
    if not args or args[0] not in _VALUES:
        return None
    command, rest = args[0], args[1:]
    values, flags = _VALUES[command], _FLAGS[command]
    positional: list[str] = []
    options: dict[str, Any] = {}
    i = 0
    while i < len(rest):
        arg = rest[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            positional.append(arg)
            continue
        name, given, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in flags and not given:
            options[flags[name]] = True
        elif name in values and (given or (i < len(rest) and not rest[i].startswith("-"))):
            if not given:
                value = rest[i]
                i += 1
            options[values[name]] = value
        else:
            return None  # help, `--`, an option typer explains, `-j2`, a value that looks like an option
    if "format" in options and options["format"] not in _FORMATS[command]:
        return None
    if "jobs" in options:
        jobs = options["jobs"]
        if not (jobs.isascii() and jobs.isdigit() and int(jobs) >= 1):
            return None
        options["jobs"] = int(jobs)
    if command == "render" and not positional:
        return None  # DOKUMENT is missing: typer says so
    return command, positional, options, debug


def run(args: list[str]) -> bool:
    """Run a simple command line; False (having done nothing) when typer must read it."""
    parsed = parse(args)
    if parsed is None:
        return False
    command, positional, options, debug = parsed
    if command == "validate" and options.get("format", "text") == "text" and _colour():
        return False  # the coloured report is typer's
    import gc

    # What the command imports now lives until the process ends: Python's cyclic garbage
    # collector would only scan it again and again (a twentieth of a one-centre render). It is
    # switched back on, with what is imported by then frozen, when the work on documents or files
    # begins (parallel.settle).
    gc.disable()
    if command == "render":
        from .render import end_builder_early, start_builder_early

        start_builder_early(args)  # Word is prepared while the data model is imported
        try:
            code = _render(positional, options, debug)
        finally:
            end_builder_early()
    elif command == "validate":
        code = _validate(positional, options, debug)
    else:
        code = _status(positional, options, debug)
    sys.stdout.flush()
    raise SystemExit(code)


class _Exit(Exception):
    def __init__(self, code: int):
        self.code = code


def _echo(text: str, err: bool = False, nl: bool = True) -> None:
    """As typer.echo: the text and a line end, flushed."""
    stream = sys.stderr if err else sys.stdout
    stream.write(text + "\n" if nl else text)
    stream.flush()


def _run(action: Callable[[], T], debug: bool) -> T:
    """As `cli._run`: every error becomes its message and exit code."""
    from .errors import EXIT_INTERNAL, FcError, ValidationFailed
    from .printing import visible

    try:
        return action()
    except ValidationFailed as exc:
        from .diagnostics import format_report

        _echo(format_report(exc.files, exc.diagnostics, "text"))
        _echo(f"error: {exc.message}", err=True)
        raise _Exit(exc.exit_code) from None
    except FcError as exc:
        _echo(str(exc), err=True)
        raise _Exit(exc.exit_code) from None
    except _Exit:
        raise
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM/SIGHUP (parallel.Stopped)
        _echo("avbrutet", err=True)
        raise _Exit(getattr(exc, "exit_code", 130)) from None
    except Exception as exc:  # noqa: BLE001 - an fc bug, never the user's input
        if debug:
            import traceback

            traceback.print_exc()
        _echo(
            f"internal error: {type(exc).__name__}: {visible(str(exc))} – detta är ett fel i fc, inte i dina filer; "
            "kör igen med --debug och rapportera utskriften",
            err=True,
        )
        raise _Exit(EXIT_INTERNAL) from None


def _paths(positional: list[str]) -> list[Path]:
    return [Path(p) for p in positional] or [Path(".")]


def _progress(description: str) -> Any:
    from .parallel import ProgressBar, show_progress

    return ProgressBar(description) if show_progress() else None


def _colour() -> bool:
    import os

    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _render(positional: list[str], options: dict[str, Any], debug: bool) -> int:
    from .printing import visible
    from .render import render_paths

    document, paths = positional[0], _paths(positional[1:])
    outdir = Path(options["outdir"]) if "outdir" in options else None
    progress = _progress("Skapar dokument")
    notes: list[str] = []
    try:
        written = _run(
            lambda: render_paths(document, paths, outdir, options.get("format", "docx"), options.get("draft", False),
                                 options.get("jobs"), progress, notes),
            debug,
        )
    except _Exit as exit_:
        return exit_.code
    finally:
        if progress is not None:
            progress.close()
    for path in written:  # as cli.render prints them
        _echo(visible(str(path)))
    for note in notes:
        _echo(visible(note), err=True)
    return 0


def _validate(positional: list[str], options: dict[str, Any], debug: bool) -> int:
    from .diagnostics import format_report
    from .sources import STDIN
    from .validation import validate_paths

    given = _paths(positional)
    stdin = sys.stdin.buffer.read() if any(str(p) == STDIN for p in given) else None
    progress = _progress("Kontrollerar")
    try:
        files, diagnostics, ok = _run(
            lambda: validate_paths(given, options.get("strict", False), options.get("jobs"), progress, stdin=stdin),
            debug,
        )
    except _Exit as exit_:
        return exit_.code
    finally:
        if progress is not None:
            progress.close()
    _echo(format_report(files, diagnostics, options.get("format", "text")))
    return 0 if ok else 1


def _status(positional: list[str], options: dict[str, Any], debug: bool) -> int:
    from .formatting import day_of
    from .printing import visible
    from .year.status import status_output, status_paths

    output = Path(options["output"]) if "output" in options else None
    try:
        today = _run(lambda: day_of(options.get("on")), debug)
        text = _run(
            lambda: status_output(status_paths(_paths(positional), today, options.get("jobs")),
                                  options.get("format", "text"), output),
            debug,
        )
    except _Exit as exit_:
        return exit_.code
    if text is None:
        _echo(visible(str(output)))
    else:
        _echo(text, nl=False)
    return 0


