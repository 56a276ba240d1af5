"""The command line: the only module that imports typer.

Each command parses its options and calls one core function; every :class:`FcError` ends in one
handler that prints the message and exits with the error's code (SPEC §4). Core modules are
imported inside the commands, so each command imports only what it uses; `fc` and `fc --help`
are answered by :mod:`fc_cli.entry` without importing typer at all.
"""

from __future__ import annotations

import os
import re
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Optional, Sequence, TypeVar

import typer
from typer import Abort

# typer carries its own copy of click; its help formatter and usage errors are reached here, the
# one place that does (pyproject.toml pins typer's minor version for it)
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer._click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup

from .errors import EXIT_INTERNAL, EXIT_USAGE, FcError, ValidationFailed
from .printing import visible
from .program import command_name

T = TypeVar("T")

# ---- the command line in Swedish ---------------------------------------------------------------
# typer (with the click it carries) writes its help headings, its help option and its usage errors
# in English. Coordinators read these, so fc's own command classes put them in Swedish: the
# formatter translates the headings, each command's help option says what it does in Swedish, and
# a usage error is shown with a Swedish usage line, hint and message.

HELP_TEXT = "Visa den här hjälpen och avsluta."

_HEADINGS = {"Arguments": "Argument", "Options": "Flaggor", "Commands": "Kommandon"}


class _SwedishFormatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Användning: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(term, _swedish_extras(text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


def _swedish_extras(text: str) -> str:
    return text.replace("[default: ", "[standard: ").replace("[required]", "[krävs]")


#: click's usage messages and their Swedish wording (anything else is shown as click words it)
_USAGE_MESSAGES = [
    (r"Missing argument '(.+)'\.", "argumentet {0} saknas"),
    (r"Missing option '(.+)'\.", "flaggan {0} saknas"),
    (r"No such command '(.+)'\.(?: Did you mean (.+)\?)?", "det finns inget kommando som heter '{0}'"),
    (r"No such option: (\S+?)(?: \(Possible options: (.+)\))?(?: Did you mean (.+)\?)?", "det finns ingen flagga {0}"),
    (r"Option '(.+)' requires an argument\.", "flaggan {0} behöver ett värde"),
    (r"Option '(.+)' does not take a value\.", "flaggan {0} tar inget värde"),
    (r"Got unexpected extra arguments?(?:\(s\))? \((.+)\)", "för många argument: {0}"),
    (r"Invalid value for (.+?): (?:Value error, )?(.+)", "ogiltigt värde för {0}: {1}"),
]

#: what click and typer say about a value, in Swedish
_VALUE_MESSAGES = [
    (r"'(.*)' is not one of (.+?)\.?", "'{0}' finns inte – välj en av {1}"),
    (r"Input should be greater than or equal to (\S+?)\.?", "talet ska vara minst {0}"),
    (r"Input should be less than or equal to (\S+?)\.?", "talet ska vara högst {0}"),
    (r"Input should be a valid integer.*", "ange ett heltal"),
    (r"'(.*)' is not a valid integer\.?", "'{0}' är inget heltal"),
]


def _translate(message: str, table: list[tuple[str, str]]) -> tuple[str, re.Match[str]] | None:
    for pattern, swedish in table:
        found = re.fullmatch(pattern, message, flags=re.DOTALL)
        if found is not None:
            return swedish.format(*(group or "" for group in found.groups())), found
    return None


def swedish_usage_message(message: str) -> str:
    """click's usage message in Swedish, with its suggestion ("menade du …") kept."""
    translated = _translate(message, _USAGE_MESSAGES)
    if translated is None:
        return message
    text, found = translated
    if message.startswith("Invalid value for"):
        hint = found.group(1).replace("' / '", " / ").strip("'")
        value = _translate(found.group(2), _VALUE_MESSAGES)
        return f"ogiltigt värde för {hint}: {value[0] if value else found.group(2)}"
    suggestion = re.search(r"Did you mean (.+)\?$", message)
    if suggestion:
        text += f" – menade du {suggestion.group(1).replace(', ', ' eller ')}?"
    elif message.startswith("No such option") and found.group(2):
        text += f" – menade du {found.group(2).replace(', ', ' eller ')}?"
    return text


def _show_usage_error(error: UsageError) -> None:
    ctx = error.ctx
    out = []
    if ctx is not None:
        out.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            out.append(f"Se '{ctx.command_path} -h' för hjälp.")
        out.append("")
    out.append(f"error: {visible(swedish_usage_message(error.format_message()))}")
    typer.echo("\n".join(out), err=True)


class _SwedishContext(typer.Context):
    formatter_class = _SwedishFormatter


class _Swedish:
    """What fc's group and commands share: Swedish help, `-h`, usage errors in Swedish."""

    context_class = _SwedishContext

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        try:
            result = super().main(  # type: ignore[misc]
                args, prog_name or command_name(), complete_var, standalone_mode=False, **extra
            )
        except NoArgsIsHelpError as error:  # `fc` alone: the help, on stderr
            if not standalone_mode:
                raise
            error.show()
            sys.exit(error.exit_code)
        except UsageError as error:
            if not standalone_mode:
                raise
            _show_usage_error(error)
            sys.exit(error.exit_code or EXIT_USAGE)
        except ClickException as error:
            if not standalone_mode:
                raise
            typer.echo(f"error: {visible(error.format_message())}", err=True)
            sys.exit(error.exit_code)
        except Abort:
            if not standalone_mode:
                raise
            typer.echo("avbrutet", err=True)
            sys.exit(1)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


class _FcGroup(_Swedish, TyperGroup):  # type: ignore[misc]  # click's main() has a wider signature
    pass


class _FcCommand(_Swedish, TyperCommand):  # type: ignore[misc]  # click's main() has a wider signature
    pass


app = typer.Typer(
    name="fc",
    cls=_FcGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar="[FLAGGOR]",
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
    md = "md"


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
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM/SIGHUP (parallel.Stopped)
        typer.echo("avbrutet", err=True)
        raise typer.Exit(getattr(exc, "exit_code", 130)) from None
    except Exception as exc:  # an fc bug, never the user's input
        if _state["debug"]:
            import traceback

            traceback.print_exc()
        typer.echo(
            f"internal error: {type(exc).__name__}: {visible(str(exc))} – detta är ett fel i fc, inte i dina filer; "
            "kör igen med --debug och rapportera utskriften",
            err=True,
        )
        raise typer.Exit(EXIT_INTERNAL) from None


@app.command("new-centre", cls=_FcCommand, options_metavar="[FLAGGOR]")
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
        typer.echo(visible(str(path)))
    typer.echo(
        f"Fyll i värdena som står som <fyll i> och kontrollera med: {command_name()} validate {visible(str(folder))}", err=True
    )


@app.command(cls=_FcCommand, options_metavar="[FLAGGOR]")
def validate(
    paths: Optional[list[Path]] = typer.Argument(
        None, metavar="PATH", help="centre.yaml eller mappar (standard: .); - läser en centrumfil från standard in."
    ),
    output_format: OutputFormat = typer.Option(
        OutputFormat.text, "--format", help="text, github (anteckningar i GitHub), json eller md (Markdown-tabell)."
    ),
    strict: bool = typer.Option(False, "--strict", help="Varningar räknas som fel."),
    jobs: Optional[int] = _jobs_option(),
) -> None:
    """Kontrollera centrumfiler: schema, obligatoriska uppgifter, regionens regler och egna mallar.

    En mapp betyder varje centre.yaml under den, och - en centrumfil på standard in
    (positioner anges mot <stdin>, paketsökvägar från den här mappen). Varje fynd skrivs som
    FIL:RAD:KOLUMN: error|warning: NYCKEL: meddelande [kod], sist en sammanfattning.
    Slutkod 0 när allt är giltigt, 1 vid fel (med --strict även vid varningar), 2 vid felaktigt anrop.
    """
    from .diagnostics import format_report
    from .sources import STDIN
    from .validation import validate_paths

    given = list(paths or [Path(".")])
    stdin = sys.stdin.buffer.read() if any(str(p) == STDIN for p in given) else None
    progress = _progress("Kontrollerar")
    try:
        files, diagnostics, ok = _run(lambda: validate_paths(given, strict, jobs, progress, stdin=stdin))
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
        place = typer.style(f"{visible(d.file)}:{d.line}:{d.column}:", bold=True)
        severity = typer.style(d.severity, fg="red" if d.severity == ERROR else "yellow", bold=True)
        key = f"{visible(d.key)}: " if d.key else ""
        out.append(f"{place} {severity}: {key}{visible(d.message)} " + typer.style(f"[{d.code}]", dim=True))
    errors = any(d.severity == ERROR for d in diagnostics)
    colour = "red" if errors else "yellow" if diagnostics else "green"
    out.append(typer.style(summary_line(files, diagnostics), fg=colour, bold=True))
    return "\n".join(out)


@app.command(cls=_FcCommand, options_metavar="[FLAGGOR]")
def render(
    document: str = typer.Argument(..., metavar="DOKUMENT", help="intent, agreement, coordinator, report eller all (eller svenska namn)."),
    paths: Optional[list[Path]] = typer.Argument(None, metavar="PATH", help="centre.yaml eller mappar (standard: .)."),
    outdir: Optional[Path] = typer.Option(None, "-o", "--outdir", help="Utmapp (standard: centrumets mapp)."),
    output_format: RenderFormat = typer.Option(RenderFormat.docx, "--format", help="docx, md eller pdf."),
    draft: bool = typer.Option(False, "--draft", help="Utkast: uppgifter som saknas visas markerade."),
    jobs: Optional[int] = _jobs_option(),
) -> None:
    """Skapa dokumenten för ett eller flera centrum."""
    from .render import render_paths

    progress = _progress("Skapar dokument")
    notes: list[str] = []
    try:
        written = _run(
            lambda: render_paths(
                document, list(paths or [Path(".")]), outdir, output_format.value, draft, jobs, progress, notes
            )
        )
    finally:
        if progress is not None:
            progress.close()
    for path in written:
        typer.echo(visible(str(path)))
    for note in notes:
        typer.echo(visible(note), err=True)


@app.command(cls=_FcCommand, options_metavar="[FLAGGOR]")
def schema(
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Skriv schemat till FILE i stället för till skärmen."),
    pack: Optional[str] = typer.Option(
        None, "--pack", metavar="PACK", help="Mallpaket (namn eller mapp): schemat tar med paketets egna fält."
    ),
) -> None:
    """Skriv JSON Schema för centre.yaml (för editorer och CI)."""
    from .schema import schema_text

    if pack is None:
        text = schema_text()
    else:
        from .packs import pack_by_name

        text = _run(lambda: schema_text(pack_by_name(pack)))
    if output is None:
        typer.echo(text, nl=False)
        return
    from .write import write_atomically

    _run(lambda: write_atomically(output, text.encode("utf-8")))
    typer.echo(visible(str(output)))


@app.command(cls=_FcCommand, options_metavar="[FLAGGOR]")
def packs() -> None:
    """Lista mallpaketen som följer med fc."""
    from .packs import list_shipped_packs

    for pack in _run(list_shipped_packs):
        documents = ", ".join(pack.config.documents)
        typer.echo(f"{visible(pack.name)}\t{visible(pack.config.region)}\t{documents}")


@app.command(cls=_FcCommand, options_metavar="[FLAGGOR]")
def calendar(
    paths: Optional[list[Path]] = typer.Argument(None, metavar="PATH", help="centre.yaml eller mappar (standard: .)."),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", help="Skriv alla centrum till en .ics-fil (- = skärmen); standard: en fil per centrum."
    ),
    year: Optional[int] = typer.Option(None, "--year", help="Året, t.ex. 2027 (standard: i år)."),
) -> None:
    """Skriv årshjulet och fristerna som kalenderfil (.ics).

    Varje aktivitet i mallpaketets årshjul och varje frist som följer av centrumfilen (rapporten,
    avtalets omprövning och slut, samordnaruppdragets slut och uppsägning) blir en heldagshändelse
    i iCalendar-format, som Outlook och Google Kalender läser. Utan -o skrivs en fil per centrum
    bredvid dess centre.yaml: arshjul-CENTRUM-ÅR.ics.
    """
    import datetime as dt

    from .year.calendar import calendar_paths

    result = _run(lambda: calendar_paths(list(paths or [Path(".")]), output, year, dt.date.today()))
    for note in result.notes:
        typer.echo(note.as_text(), err=True)
    if result.text is not None:  # as bytes: the CRLF line ends RFC 5545 asks for stay as they are
        typer.echo(result.text.encode("utf-8"), nl=False)
    for path in result.written:
        typer.echo(visible(str(path)))


class StatusFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"
    html = "html"


@app.command(cls=_FcCommand, options_metavar="[FLAGGOR]")
def status(
    paths: Optional[list[Path]] = typer.Argument(None, metavar="PATH", help="centre.yaml eller mappar (standard: .)."),
    output_format: StatusFormat = typer.Option(StatusFormat.text, "--format", help="text, md, json eller html."),
    on: Optional[str] = typer.Option(None, "--on", metavar="DATE", help="Räkna som om i dag vore DATE (ÅÅÅÅ-MM-DD)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Skriv till FILE i stället för till skärmen."),
    jobs: Optional[int] = _jobs_option(),
) -> None:
    """Visa läget för varje centrum: kontroll, frister, dokument.

    En rad per centrum: mallpaket, FC/FCLV, om filen är giltig (fel och varningar), hur många
    uppgifter som återstår att fylla i, nästa frister med dagar kvar, och om de renderade
    dokumenten bredvid centre.yaml är äldre än datan. --format md passar en pull request eller
    GitHubs jobbsammanfattning, json andra verktyg, html en sida för länssamordnaren (-o FIL).
    """
    from .formatting import day_of
    from .year.status import status_output, status_paths

    today = _run(lambda: day_of(on))
    text = _run(lambda: status_output(status_paths(list(paths or [Path(".")]), today, jobs), output_format.value, output))
    if text is None:
        typer.echo(visible(str(output)))
    else:
        typer.echo(text, nl=False)


class DiffFormat(str, Enum):
    docx = "docx"
    md = "md"
    text = "text"


@app.command("diff", cls=_FcCommand, options_metavar="[FLAGGOR]")
def diff(
    document: str = typer.Argument(..., metavar="DOKUMENT", help="intent, agreement, coordinator, report eller all (eller svenska namn)."),
    versions: list[str] = typer.Argument(
        ..., metavar="OLD NEW",
        help="Två versioner av centrumfilen: filer eller REV:sökväg i git (t.ex. v2025:orebro/vivalla/centre.yaml). "
        "Med --since bara NEW.",
    ),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", metavar="FILE",
        help="Skriv till FILE (med all och docx: en mapp). Standard: docx i den här mappen, md och text på skärmen.",
    ),
    output_format: DiffFormat = typer.Option(DiffFormat.docx, "--format", help="docx (spårade ändringar), md eller text (sammanfattning)."),
    since: Optional[str] = typer.Option(None, "--since", metavar="REV", help="Jämför NEW med den version som checkades in i REV."),
    author: str = typer.Option("fc", "--author", help="Namnet som står på ändringarna i Word."),
    cover: bool = typer.Option(False, "--cover", help="Börja dokumentet med en sida som sammanfattar ändringarna."),
    allow_other_pack: bool = typer.Option(False, "--allow-other-pack", help="Jämför även när versionerna har olika mallpaket."),
) -> None:
    """Visa vad som ändras i ett dokument mellan två versioner av centrumfilen.

    docx: det nya dokumentet med Words spårade ändringar mot det gamla (Godkänn alla ger den nya
    versionen, Avvisa alla den gamla). md och text: ändringarna i uppgifterna, på svenska, och
    de ändrade styckena i texten.
    """
    from .redline.diff import diff_command

    notes: list[str] = []
    result = _run(
        lambda: diff_command(document, versions, output, output_format.value, since, author, cover, allow_other_pack,
                             notes)
    )
    if isinstance(result, str):
        typer.echo(result, nl=False)
    else:
        for path in result:
            typer.echo(visible(str(path)))
    for note in notes:
        typer.echo(visible(note), err=True)


def main() -> None:
    app(prog_name=command_name())


if __name__ == "__main__":
    main()
