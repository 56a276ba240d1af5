"""The command line: the only module that imports typer.

Each command parses its options and calls one core function; every :class:`FcError` ends in one
handler that prints the message and exits with the error's code (SPEC §4). Core modules are
imported inside the commands, so each command imports only what it uses; `fc` and `fc --help`
are answered by :mod:`fc_cli.entry` without importing typer at all.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar

import typer

from .errors import EXIT_INTERNAL, FcError, ValidationFailed

T = TypeVar("T")

app = typer.Typer(
    name="fc",
    help=(
        "fc gör familjecentralens styrdokument (avsiktsförklaring, samverkansavtal, "
        "samordnaravtal, verksamhetsberättelse) i Word från en YAML-fil per centrum."
    ),
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state = {"debug": False}


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class RenderFormat(str, Enum):
    docx = "docx"
    md = "md"
    pdf = "pdf"


def _jobs_option() -> Any:
    return typer.Option(
        None,
        "--jobs",
        "-j",
        min=1,
        help="Hur många processer som arbetar samtidigt (standard: en per processor; 1 = bara den här).",
    )


def _progress(description: str) -> Any:
    """A progress bar on a terminal (not in CI logs or piped output), else None."""
    from .parallel import ProgressBar, show_progress

    return ProgressBar(description) if show_progress() else None


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"fc {version('fc-cli')}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: bool = typer.Option(False, "--debug", help="Visa hela felspårningen vid interna fel."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Visa versionen."),
) -> None:
    _state["debug"] = debug


def _run(action: Callable[[], T]) -> T:
    """Run a core function; turn every error into a message and an exit code."""
    try:
        return action()
    except ValidationFailed as exc:
        from .diagnostics import format_report

        typer.echo(format_report(exc.files, exc.diagnostics, "text"))
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except FcError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(exc.exit_code) from None
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        typer.echo("avbrutet", err=True)
        raise typer.Exit(130) from None
    except Exception as exc:  # an fc bug, never the user's input
        if _state["debug"]:
            import traceback

            traceback.print_exc()
        typer.echo(
            f"internal error: {type(exc).__name__}: {exc} – detta är ett fel i fc, inte i dina filer; "
            "kör igen med --debug och rapportera utskriften",
            err=True,
        )
        raise typer.Exit(EXIT_INTERNAL) from None


@app.command("new-centre")
def new_centre(
    folder: Path = typer.Argument(..., metavar="DIR", help="Mappen för det nya centrumet."),
    name: str = typer.Option(..., "--name", help="Familjecentralens namn."),
    municipality: str = typer.Option(..., "--municipality", help="Kommunens namn, t.ex. Örebro."),
    pack: str = typer.Option(..., "--pack", help="Mallpaket: orebro, jamtland, varmland (se 'fc packs')."),
    force: bool = typer.Option(False, "--force", help="Skriv över en befintlig centre.yaml."),
) -> None:
    """Skapa DIR/centre.yaml med alla fält, kommentarer och regionens standardvärden."""
    from .scaffold import new_centre as scaffold

    for path in _run(lambda: scaffold(folder, name, municipality, pack, force)):
        typer.echo(str(path))
    typer.echo(
        f"Fyll i värdena som står som <fyll i> och kontrollera med: fc validate {folder}", err=True
    )


@app.command()
def validate(
    paths: Optional[list[Path]] = typer.Argument(None, metavar="[PATH]...", help="centre.yaml eller mappar (standard: .)."),
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", help="text, github eller json."),
    strict: bool = typer.Option(False, "--strict", help="Varningar räknas som fel."),
    jobs: Optional[int] = _jobs_option(),
) -> None:
    """Kontrollera centrumfiler: schema, obligatoriska uppgifter, regionens regler och egna mallar.

    En mapp betyder varje centre.yaml under den. Varje fynd skrivs som
    FIL:RAD:KOLUMN: error|warning: NYCKEL: meddelande [kod], sist en sammanfattning.
    Slutkod 0 när allt är giltigt, 1 vid fel (med --strict även vid varningar), 2 vid felaktigt anrop.
    """
    from .diagnostics import format_report
    from .validation import validate_paths

    progress = _progress("Kontrollerar")
    try:
        files, diagnostics, ok = _run(lambda: validate_paths(list(paths or [Path(".")]), strict, jobs, progress))
    finally:
        if progress is not None:
            progress.close()
    if output_format == OutputFormat.text and _colour():
        text = _colourise(files, diagnostics)
    else:
        text = format_report(files, diagnostics, output_format.value)
    typer.echo(text)
    raise typer.Exit(0 if ok else 1)


def _colour() -> bool:
    """Colour only on a terminal, and never with NO_COLOR set or TERM=dumb (no-color.org)."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _colourise(files: int, diagnostics: list) -> str:
    """The text report with the place in bold, errors red, warnings yellow, the summary coloured."""
    from .diagnostics import ERROR, summary_line

    out = []
    for d in diagnostics:
        place = typer.style(f"{d.file}:{d.line}:{d.column}:", bold=True)
        severity = typer.style(d.severity, fg="red" if d.severity == ERROR else "yellow", bold=True)
        key = f"{d.key}: " if d.key else ""
        out.append(f"{place} {severity}: {key}{d.message} " + typer.style(f"[{d.code}]", dim=True))
    errors = any(d.severity == ERROR for d in diagnostics)
    colour = "red" if errors else "yellow" if diagnostics else "green"
    out.append(typer.style(summary_line(files, diagnostics), fg=colour, bold=True))
    return "\n".join(out)


@app.command()
def render(
    document: str = typer.Argument(..., help="intent, agreement, coordinator, report eller all (eller svenska namn)."),
    paths: Optional[list[Path]] = typer.Argument(None, metavar="[PATH]...", help="centre.yaml eller mappar (standard: .)."),
    outdir: Optional[Path] = typer.Option(None, "-o", "--outdir", help="Utmapp (standard: centrumets mapp)."),
    output_format: RenderFormat = typer.Option(RenderFormat.docx, "--format", help="docx, md eller pdf."),
    draft: bool = typer.Option(False, "--draft", help="Utkast: uppgifter som saknas visas markerade."),
    jobs: Optional[int] = _jobs_option(),
) -> None:
    """Skapa dokumenten för ett eller flera centrum."""
    from .render import render_paths

    progress = _progress("Skapar dokument")
    try:
        written = _run(
            lambda: render_paths(
                document, list(paths or [Path(".")]), outdir, output_format.value, draft, jobs, progress
            )
        )
    finally:
        if progress is not None:
            progress.close()
    for path in written:
        typer.echo(str(path))


@app.command()
def schema(
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Skriv schemat till FILE i stället för till skärmen."),
) -> None:
    """Skriv JSON Schema för centre.yaml (för editorer och CI)."""
    from .schema import schema_text

    text = schema_text()
    if output is None:
        typer.echo(text, nl=False)
        return
    from .write import write_atomically

    _run(lambda: write_atomically(output, text.encode("utf-8")))
    typer.echo(str(output))


@app.command()
def packs() -> None:
    """Lista mallpaketen som följer med fc."""
    from .packs import list_shipped_packs

    for pack in _run(list_shipped_packs):
        documents = ", ".join(pack.config.documents)
        typer.echo(f"{pack.name}\t{pack.config.region}\t{documents}")


def main() -> None:
    app(prog_name="fc")


if __name__ == "__main__":
    main()
