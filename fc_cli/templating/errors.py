"""The one translator of template mistakes into Swedish messages at FILE:LINE:COL.

`fc render` (a mistake met while running a template, :func:`translate`) and `fc validate` (the
linter, which reads templates without running them, :mod:`fc_cli.templating.lint`) both word a
mistake here, so the same mistake gets the same message at the same line and column from both:
syntax errors and unknown filters and tests through :func:`syntax_error`, names that do not exist
through the linter's own finding for that line (render asks the linter when a name is undefined).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import Position, TemplateError
from ..program import command_name
from .helpers import FILTERS

_INNERMOST = re.compile(r"The innermost block that needs to be closed is '(\w+)'")
_UNKNOWN_FILTER = re.compile(r"No (filter|test) named '([^']+)'")


#: A template whose blocks nest deeper than Python compiles (about 100 `{% if %}`, 20 `{% for %}`).
NESTED_BLOCKS = (
    "mallen har för många block inuti varandra ({% if %}, {% for %}, {% macro %} …) för att kunna köras – "
    "gör strukturen plattare från den här raden, t.ex. med {% elif %}, 'and'/'or' i villkoren eller makron"
)
#: An expression nested deeper than Jinja parses (parentheses, filters or operators in a long chain).
NESTED_EXPRESSION = (
    "mallen har ett uttryck som är nästlat för djupt (för många parenteser, filter eller operatorer i "
    "samma uttryck) för att kunna läsas – dela upp det i flera steg med {% set %}"
)
#: Jinja's modules that parse and compile a template: a RecursionError raised in them is the
#: template's depth, not a macro calling itself while the document is made.
_COMPILING = ("parser.py", "lexer.py", "compiler.py", "optimizer.py", "idtracking.py", "visitor.py", "nodes.py")


def nesting_problem(exc: BaseException, file: str, source: str | None = None) -> tuple[str, int, str] | None:
    """(file, line, message) when *exc* says a template is nested too deep to compile; else None.

    A SyntaxError comes from Python compiling the code Jinja made of the template (too many levels
    of indentation, too many nested blocks); its line is the code's, turned into the template's
    with Jinja's line table. A RecursionError counts when it was raised while parsing or compiling.
    """
    if isinstance(exc, SyntaxError):
        where = exc.filename if exc.filename and Path(exc.filename).is_file() else file
        if source is None:
            lines = _source_lines(exc, where)
            source = "\n".join(lines) if lines else None
        return where, _template_line(source, where, exc.lineno or 1), NESTED_BLOCKS
    if isinstance(exc, RecursionError):
        found = _compiling_at(exc)
        if found is None:
            return None
        at_file, line = found
        return at_file or file, line, NESTED_EXPRESSION
    return None


def _template_line(source: str | None, file: str, code_line: int) -> int:
    """The template line that Jinja's code line *code_line* was made from (1 when unknown)."""
    if source is None:
        return 1
    from .sandbox import make_environment

    try:
        code = make_environment().compile(source, filename=file, raw=True)
    except Exception:  # noqa: BLE001 - only the line is at stake
        return 1
    table = re.search(r"^debug_info = '([0-9=&]*)'", code, re.M)
    line = 1
    for pair in (table.group(1).split("&") if table and table.group(1) else []):
        template_line, at = map(int, pair.split("="))
        if at <= code_line:
            line = template_line
    return line


def _compiling_at(exc: RecursionError) -> tuple[str | None, int] | None:
    """Where Jinja was parsing or compiling when *exc* was raised, or None when it was not."""
    from jinja2.nodes import Node

    tb = exc.__traceback__
    found: tuple[str | None, int] | None = None
    while tb is not None:
        code = tb.tb_frame.f_code
        module = Path(code.co_filename)
        if module.parent.name == "jinja2" and (
            module.name in _COMPILING or (module.name == "environment.py" and code.co_name in ("_parse", "_compile"))
        ):
            here = tb.tb_frame.f_locals
            stream = getattr(here.get("self"), "stream", None) if module.name == "parser.py" else None
            node = next((v for v in (here.get("node"), here.get("self")) if isinstance(v, Node)), None)
            if stream is not None and isinstance(getattr(getattr(stream, "current", None), "lineno", None), int):
                found = (getattr(stream, "filename", None), stream.current.lineno)
            elif node is not None and isinstance(getattr(node, "lineno", None), int):
                found = (found[0] if found else None, node.lineno)
            elif found is None:
                found = (None, 1)
        tb = tb.tb_next
    return found


def syntax_message(message: str) -> str:
    """Jinja's syntax errors, the common ones said in Swedish with what to do."""
    if message in (NESTED_BLOCKS, NESTED_EXPRESSION):  # said in Swedish already (outline_template)
        return message
    unknown_filter = _UNKNOWN_FILTER.match(message)
    if unknown_filter:
        return unknown_filter_message(unknown_filter.group(1), unknown_filter.group(2))
    innermost = _INNERMOST.search(message)
    unknown = re.match(r"Encountered unknown tag '(\w+)'", message)
    if message.startswith("Unexpected end of template") and innermost:
        block = innermost.group(1)
        return (f"mallen tar slut innan {{% {block} %}} har stängts – lägg till {{% end{block} %}} "
                "där blocket ska sluta")
    if unknown and innermost:
        block = innermost.group(1)
        return (f"{{% {unknown.group(1)} %}} står där {{% {block} %}}-blocket ovanför inte är stängt – "
                f"stäng det först med {{% end{block} %}}, eller rätta taggen")
    if unknown:
        return (f"taggen {{% {unknown.group(1)} %}} finns inte, eller står utan sitt block – rätta den "
                "(taggarna är bl.a. if, elif, else, for, set, macro, include och deras end-taggar)")
    return f"mallen har ett syntaxfel: {message} – rätta Jinja-koden på raden"


def unknown_filter_message(kind: str, name: str) -> str:
    """A filter (`|name`) or test (`is name`) that does not exist, with the closest one that does."""
    if kind == "test":
        return f"testet '{name}' (efter 'is') finns inte – se Jinjas lista över inbyggda tester"
    own, builtin = filter_names()
    close = difflib.get_close_matches(name, own + builtin, n=1)
    hint = f"menade du '{close[0]}'? " if close else ""
    return (
        f"filtret '{name}' finns inte – {hint}fc:s filter är {', '.join(own)} (och Jinjas inbyggda, "
        "t.ex. default, length, upper)"
    )


def filter_names() -> tuple[list[str], list[str]]:
    """fc's own filters, and Jinja's built-in ones."""
    from jinja2.filters import FILTERS as JINJA_FILTERS

    own = sorted(FILTERS)
    return own, sorted(set(JINJA_FILTERS) - set(own))


def syntax_error(message: str, file: str, line: int, lines: list[str]) -> TemplateError:
    """Jinja's syntax error *message* at *line* of *file*, at the best column there is: an unknown
    filter or test at its name, a block never closed at its opening tag, a tag at its `{%`, an
    unexpected token where it stands."""
    unknown = _UNKNOWN_FILTER.match(message)
    if unknown:
        return TemplateError(syntax_message(message), Position(file, line, column_of(lines, line, unknown.group(2))))
    innermost = _INNERMOST.search(message)
    if message.startswith("Unexpected end of template") and innermost:
        opened = _opening_tag(lines, line, innermost.group(1))
        if opened is not None:
            line, column = opened
            return TemplateError(syntax_message(message), Position(file, line, column))
    return TemplateError(syntax_message(message), Position(file, line, _syntax_column(message, lines, line)))


_TAG = re.compile(r"\{%[-+]?\s*(\w+)")
_BLOCKS = ("if", "for", "macro", "call", "filter", "block", "with", "autoescape", "raw", "trans")


def _opening_tag(lines: list[str], last: int, block: str) -> tuple[int, int] | None:
    """Where the innermost still open `{% block %}` (up to line *last*) starts, as (line, column)."""
    stack: list[tuple[str, int, int]] = []
    for number, text in enumerate(lines[:last], start=1):
        for match in _TAG.finditer(text):
            tag = match.group(1)
            if tag in _BLOCKS or (tag == "set" and "=" not in text[match.end():].split("%}")[0]):
                stack.append((tag, number, match.start() + 1))
            elif tag.startswith("end") and stack and stack[-1][0] == tag[3:]:
                stack.pop()
    for tag, number, column in reversed(stack):
        if tag == block:
            return number, column
    return None


def _syntax_column(message: str, lines: list[str], line: int) -> int:
    """The column of what Jinja stumbled on, on *line*; else of the line's first tag; else 1."""
    if not 1 <= line <= len(lines):
        return 1
    text = lines[line - 1]
    opener = min((i for i in (text.find("{{"), text.find("{%")) if i >= 0), default=-1)
    if opener < 0:
        return 1
    unknown_tag = re.match(r"Encountered unknown tag '(\w+)'", message)
    if unknown_tag:
        tag = re.search(r"\{%[-+]?\s*" + re.escape(unknown_tag.group(1)) + r"\b", text)
        return tag.start() + 1 if tag else opener + 1
    unexpected = re.search(r"unexpected '(.+?)'|expected token '.+?', got '(.+?)'", message)
    if unexpected:
        token = unexpected.group(1) or unexpected.group(2)
        token = {"end of print statement": "}}", "end of statement block": "%}"}.get(token, token)
        found = text.find(token, opener + 2)
        if found >= 0:
            return found + 1
    return opener + 1


def column_of(lines: list[str], line: int, text: str, attribute: bool = False) -> int:
    """The column of *text* (an attribute after a dot, or a name) on *line*, 1 when not found."""
    if not 1 <= line <= len(lines):
        return 1
    pattern = (r"(?:\.|\[[\"'])" if attribute else r"(?<![\w.])") + re.escape(text) + r"(?!\w)"
    match = re.search(pattern, lines[line - 1])
    if match is None:
        return 1
    return match.end() - len(text) + 1


def include_message(name: str) -> str:
    """A template includes, imports or extends *name*, which is not a file of its pack."""
    return (
        f"mallen tar med '{name}', som inte finns i mallpaketets mapp – en mall kan bara ta med "
        "(include/import/extends) filer i sitt eget paket; ange sökvägen relativt paketets mapp, där pack.yaml ligger"
    )


def unsafe_message(attribute: str) -> str:
    """A name starting with _ (Python's internals), which the sandbox refuses."""
    return (
        f"mallen försöker nå '{attribute}', en intern del av Python som mallar inte får använda – "
        f"ta bort det och använd bara fälten i datan (se {command_name()} schema)"
    )


def _security_message(message: str) -> str:
    found = re.search(r"attribute '([^']+)' of '([^']+)' object is unsafe", message)
    if found:
        attr = found.group(1)
        if attr.startswith("_"):
            return unsafe_message(attr)
        return (
            f"mallen försöker använda '{attr}', som inte är tillåtet i en mall (mallar får läsa datan "
            "men inte ändra den eller nå det som ligger bakom) – ta bort det"
        )
    return f"mallen försöker göra något som inte är tillåtet i en mall ({message}) – ta bort det"


def _undefined_name(message: str) -> str:
    match = re.search(r"has no attribute '([^']+)'", message)
    if match:
        return f"'{match.group(1)}'"
    match = re.match(r"'([^']+)' is undefined", message)
    return f"'{match.group(1)}'" if match else message


def template_position(exc: BaseException, fallback: Path, folder: Path | None = None) -> Position:
    """The template file and line an exception was raised at (Jinja rewrites tracebacks)."""
    tb = exc.__traceback__
    found = Position(str(fallback))
    prefix = str(folder) if folder is not None else None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".jinja", ".md")) or (prefix and filename.startswith(prefix)):
            found = Position(filename, tb.tb_lineno, 1)
        tb = tb.tb_next
    return found


def _source_lines(exc: Any, file: str) -> list[str]:
    source = getattr(exc, "source", None)
    if isinstance(source, str):
        return source.splitlines()
    try:
        from .pack_loader import template_text

        return template_text(Path(file).read_bytes(), file).splitlines()
    except (OSError, TemplateError):
        return []


def _linted(position: Position, folder: Path, codes: tuple[str, ...]) -> TemplateError | None:
    """What the linter says about the name used at *position*, when it finds a mistake there."""
    from .lint import lint_template_file

    for finding in lint_template_file(Path(position.file), folder):
        if finding.line == position.line and finding.code in codes:
            return TemplateError(finding.message, Position(position.file, finding.line, finding.column))
    return None


def translate(
    exc: BaseException, template_name: str, folder: Path, named_at: Callable[[str], Position]
) -> TemplateError:
    """The :class:`TemplateError` for *exc*, raised while rendering *template_name* of the pack in *folder*.

    *named_at* gives where pack.yaml names a template (for a template that does not exist).
    """
    from jinja2 import TemplateError as JinjaTemplateError
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from .escape import PrintedEmptyValue
    from .limits import RenderLimit

    path = folder / template_name
    nesting = nesting_problem(exc, str(path))
    if nesting is not None:
        return TemplateError(nesting[2], Position(nesting[0], nesting[1], 1))
    if isinstance(exc, TemplateSyntaxError):
        where = exc.filename or str(path)
        return syntax_error(exc.message or str(exc), where, exc.lineno or 1, _source_lines(exc, where))
    if isinstance(exc, TemplateNotFound):
        if exc.name == template_name:
            return TemplateError(
                f"mallen {template_name} finns inte i mallpaketet {folder} – kontrollera "
                "'template' i pack.yaml (sökvägen är relativ till paketets mapp och får inte gå ut ur den)",
                named_at(template_name),
            )
        position = template_position(exc, path, folder)
        linted = _linted(position, folder, ("template-include",))
        return linted or TemplateError(include_message(str(exc.name)), position)
    position = template_position(exc, path, folder)
    if isinstance(exc, UndefinedError):
        return _linted(position, folder, ("template-name",)) or TemplateError(
            f"mallen använder {_undefined_name(exc.message or '')}, som inte finns i datan – "
            f"kontrollera stavningen mot datamodellen ({command_name()} schema)",
            position,
        )
    if isinstance(exc, SecurityError):
        return _linted(position, folder, ("template-unsafe",)) or TemplateError(_security_message(str(exc)), position)
    if isinstance(exc, PrintedEmptyValue):
        return TemplateError(
            "mallen skriver ut ett värde som är tomt i datan – omge det med {% if … %} eller gör fältet obligatoriskt",
            position,
        )
    if isinstance(exc, RenderLimit):
        return TemplateError(str(exc), position)
    if isinstance(exc, RecursionError):
        return TemplateError(
            "mallen anropar sig själv utan slut (ett makro eller en rekursiv loop som aldrig stannar) "
            "– se till att anropen tar slut",
            position,
        )
    if isinstance(exc, MemoryError):
        from .limits import MAX_MEMORY, n

        return TemplateError(
            f"mallen behöver mer än {n(MAX_MEMORY // 1_000_000)} MB minne – en lista eller text som växer "
            "utan slut; kontrollera loopar och uttryck på raden",
            position,
        )
    if isinstance(exc, JinjaTemplateError):
        message = str(exc)
        unknown = _UNKNOWN_FILTER.match(message)
        if unknown:
            return syntax_error(message, position.file, position.line or 1, _source_lines(exc, position.file))
        return TemplateError(f"mallen kunde inte köras: {message}", position)
    return TemplateError(
        f"mallen kunde inte köras: {type(exc).__name__}: {exc} – rätta uttrycket på raden",
        position,
    )

