"""The `fc` command's entry point: `fc` and `fc --help` without importing typer.

Importing typer (and the click it carries) takes longer than everything else `fc --help` does,
so the top-level help is kept here as text and printed directly when the terminal is at least
80 columns wide (click wraps at 78 then; narrower terminals go through typer). Every other
command line goes to :mod:`fc_cli.cli`; for `fc render` the Word builder process is started
first, so it gets ready while typer reads the command line (see `render.start_builder_early`).
tests/test_speed_paths.py checks that the text here is what typer prints, so a change to the
commands or their help fails the tests until it is copied here.
"""

from __future__ import annotations

import os
import sys

HELP = """\
Usage: fc [OPTIONS] COMMAND [ARGS]...

  fc gör familjecentralens styrdokument (avsiktsförklaring, samverkansavtal,
  samordnaravtal, verksamhetsberättelse) i Word från en YAML-fil per centrum.

Options:
  --debug    Visa hela felspårningen vid interna fel.
  --version  Visa versionen.
  --help     Show this message and exit.

Commands:
  new-centre  Skapa DIR/centre.yaml med alla fält, kommentarer och...
  validate    Kontrollera centrumfiler: schema, obligatoriska uppgifter,...
  render      Skapa dokumenten för ett eller flera centrum.
  schema      Skriv JSON Schema för centre.yaml (för editorer och CI).
  packs       Lista mallpaketen som följer med fc.
  diff        Visa vad som ändras i ett dokument mellan två versioner av...
"""

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
    args = sys.argv[1:]
    if args in ([], ["--help"]) and terminal_columns() >= HELP_COLUMNS:
        # `fc` alone shows the help on stderr and ends with 2 (wrong usage), `fc --help` on stdout
        stream = sys.stdout if args else sys.stderr
        stream.write(HELP)
        stream.flush()
        raise SystemExit(0 if args else 2)
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
