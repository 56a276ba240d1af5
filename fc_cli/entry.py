"""The `fc` command's entry point: `fc` and `fc --help` without importing typer.

Importing typer (and the click it carries) takes longer than everything else `fc --help` does,
so the top-level help is kept here as text and printed directly when the terminal is at least
80 columns wide (click wraps at 78 then; narrower terminals go through typer). A simple
`fc render`, `fc validate` or `fc status` line is run by :mod:`fc_cli.direct`, also without
typer; every other command line goes to :mod:`fc_cli.cli`. For `fc render` the Word builder
process is started first, so it gets ready while the command line is read and the data model
imported (see `render.start_builder_early`).
tests/test_speed_paths.py checks that the text here is what typer prints, so a change to the
commands or their help fails the tests until it is copied here.
"""

from __future__ import annotations

import os
import sys

from .program import command_name

#: The top-level help, as typer prints it; {prog} is the name fc was started by (fc_cli/program.py).
HELP = """\
Användning: {prog} [FLAGGOR] COMMAND [ARGS]...

  fc gör familjecentralens styrdokument (avsiktsförklaring, samverkansavtal,
  samordnaravtal, verksamhetsberättelse) i Word från en YAML-fil per centrum.

Flaggor:
  --debug     Visa hela felspårningen vid interna fel.
  --version   Visa versionen.
  -h, --help  Visa den här hjälpen och avsluta.

Kommandon:
  new-centre  Skapa DIR/centre.yaml med alla fält, kommentarer och...
  validate    Kontrollera centrumfiler: schema, obligatoriska uppgifter,...
  render      Skapa dokumenten för ett eller flera centrum.
  schema      Skriv JSON Schema för centre.yaml (för editorer och CI).
  packs       Lista mallpaketen som följer med fc.
  calendar    Skriv årshjulet och fristerna som kalenderfil (.ics).
  status      Visa läget för varje centrum: kontroll, frister, dokument.
  diff        Visa vad som ändras i ett dokument mellan två versioner av...
"""


def help_text(prog: str = "fc") -> str:
    return HELP.format(prog=prog)


#: The narrowest terminal at which click lays the help out as above.
HELP_COLUMNS = 80


def terminal_columns() -> int:
    """The width click uses: COLUMNS, else the terminal's, else 80 (as shutil.get_terminal_size)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


def main() -> None:
    # pydantic looks for plugins (observability hooks) among every installed package's entry
    # points before it builds the first model; fc has no use for them, and the search costs more
    # than building fc's models. A user who wants them can set the variable to something else.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    _no_plugin_search()
    if sys.stdout is None:  # started with standard output closed (`fc … >&-`)
        _say("error: standard ut är stängd, så fc kan inte skriva ut sitt resultat – "
             "kör kommandot med standard ut till terminalen, en fil eller /dev/null")
        raise SystemExit(1)
    _never_fail_on_encoding()
    code: object = 0
    try:
        _dispatch(sys.argv[1:])
    except SystemExit as exit_:
        code = exit_.code
    except KeyboardInterrupt as exc:  # stopped outside a command (while typer read the line)
        _say("avbrutet")
        code = getattr(exc, "exit_code", 130)
    except OSError as exc:  # what fc printed could not be written
        code = _output_failed(exc, 0)
    try:
        sys.stdout.flush()
    except OSError as exc:
        code = _output_failed(exc, code)
    raise SystemExit(code)


#: pydantic's plugin loader, which fc stands in for while plugins are off (see _no_plugin_search)
_PLUGIN_LOADER = "pydantic.plugin._loader"


def _no_plugin_search() -> None:
    """With pydantic's plugins off, its plugin loader is not imported (a speed path).

    pydantic imports its loader, and with it importlib.metadata (~12 ms, more than validating a
    centre), before it reads PYDANTIC_DISABLE_PLUGINS and answers "no plugins". While the variable
    says so, a stand-in gives that answer at once; should pydantic ask it for anything else, the
    real loader is imported and answers. tests/test_speed_paths.py checks both answer alike.
    """
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") != "1" or _PLUGIN_LOADER in sys.modules:
        return
    import types

    def real(name: str) -> object:
        if name.startswith("__"):  # the import system asking what kind of module this is
            raise AttributeError(name)
        import importlib

        if sys.modules.get(_PLUGIN_LOADER) is stand_in:
            del sys.modules[_PLUGIN_LOADER]
        return getattr(importlib.import_module(_PLUGIN_LOADER), name)

    stand_in = types.ModuleType(_PLUGIN_LOADER, "pydantic's plugin loader while plugins are off (fc_cli/entry.py)")
    stand_in.get_plugins = lambda: ()  # type: ignore[attr-defined]
    stand_in.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[_PLUGIN_LOADER] = stand_in


def _dispatch(args: list[str]) -> None:
    if args in ([], ["--help"], ["-h"]) and terminal_columns() >= HELP_COLUMNS:
        # `fc` alone shows the help on stderr and ends with 2 (wrong usage), `fc --help` on stdout
        stream = sys.stdout if args else sys.stderr
        stream.write(help_text(command_name()))
        stream.flush()
        raise SystemExit(0 if args else 2)
    from .parallel import stop_on_signals

    stop_on_signals()  # SIGTERM and SIGHUP end a command as Ctrl-C does, cleaning up
    from .direct import run

    if run(args):  # a simple `fc render`, `fc validate` or `fc status` line: without typer
        return
    if args[:1] == ["render"] or args[:2] == ["--debug", "render"]:
        from .render import end_builder_early, start_builder_early

        start_builder_early(args)  # Word is prepared while typer reads the command line
        try:
            from .cli import main as typer_main

            typer_main()
        finally:
            end_builder_early()
        return
    from .cli import main as typer_main

    typer_main()


# ---- where the output goes --------------------------------------------------------------------
# fc's output never fails on the encoding of the terminal or pipe it writes to: a character the
# encoding lacks (a Windows pipe is cp1252) is written as an escape such as \u0141. An output that
# cannot be written at all (a full disk, a closed pipe) ends in one line on stderr and exit 1.


def _never_fail_on_encoding() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a stream that is not a text file on a descriptor
                pass


def _output_failed(exc: OSError, code: object) -> int:
    """After a failed write to stdout: say so (unless the reader just stopped reading), exit non-zero."""
    import errno

    try:  # what is still buffered cannot be written either; don't let the exit try again
        sys.stdout = open(os.devnull, "w")
    except OSError:
        pass
    if exc.errno != errno.EPIPE:  # `fc … | head` closing the pipe early is not worth a message
        reason = exc.strerror or type(exc).__name__
        _say(f"error: fc kunde inte skriva ut sitt resultat ({reason}) – kontrollera vart utdata går "
             "(en full disk, en stängd fil)")
    return code if isinstance(code, int) and code != 0 else 1


def _say(line: str) -> None:
    if sys.stderr is not None:
        try:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
