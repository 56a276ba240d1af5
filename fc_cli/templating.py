"""Templates: the only module that imports jinja2.

A pack's templates are Jinja2, run in the sandbox, with undefined names as errors. They produce
the intermediate text format (Markdown, see templates/README.md). Text from the data can never
change that structure: every value printed is escaped for Markdown (SPEC §8), and helpers that
emit structure (signature blocks, tables) escape the values they put in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import formatting
from .economy import cost_shares, cost_turns
from .errors import Position, TemplateError
from .model import NEEDED, SERVICE_NAMES, CentreFile, Person, Signing

_WHITESPACE = re.compile(r"[ \t\r\n\f\v\u2028\u2029\x85]+")
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>|~=!&{}#^$])")
_LEADING_BLOCK = re.compile(r"^([-+:>])")
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")


def md_escape(text: str) -> str:
    """Make *text* literal in Markdown: one line, every markup character escaped."""
    text = _WHITESPACE.sub(" ", str(text)).strip()  # not str.split(): it would eat no-break spaces
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = _LEADING_BLOCK.sub(r"\\\1", text)
    return _LEADING_NUMBER.sub(r"\1\\\2", text)


class Placeholder:
    """A value still to be filled in, shown highlighted in a --draft document."""

    def __init__(self, label: str):
        self.label = label

    def __html__(self) -> str:
        return f"[{md_escape('[' + self.label + ']')}]{{.placeholder}}"

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return f"[{self.label}]"


@dataclass(frozen=True)
class Signatory:
    label: str
    name: Any
    title: Any
    organisation: Any = None


class _PrintedEmptyValue(Exception):
    pass


def _finalize(value: Any) -> Any:
    from markupsafe import Markup

    if isinstance(value, Markup):
        return value
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    if value is None:
        raise _PrintedEmptyValue()
    if isinstance(value, bool):
        value = "ja" if value else "nej"
    return Markup(md_escape(str(value)))


def _escape_item(item: Any) -> str:
    from markupsafe import Markup

    if isinstance(item, Markup) or hasattr(item, "__html__"):
        return str(_finalize(item))
    return md_escape(str(item))


def _join(items: Iterable[Any], separator: str = ", ", last: str | None = None) -> Any:
    from markupsafe import Markup

    parts = [_escape_item(i) for i in items]
    if last and len(parts) > 1:
        return Markup(f"{separator.join(parts[:-1])} {md_escape(last)} {parts[-1]}")
    return Markup(md_escape(separator) if separator.strip() else separator).join(parts)


def _signatory(label: Any, person: Person | None, organisation: Any = None) -> Signatory:
    person = person or Person()
    return Signatory(str(label), person.name, person.title, organisation)


def _signature_table(entries: Iterable[Signatory], signing: Signing | None = None) -> Any:
    """The `::: signatures` block: one cell per signatory (see templates/README.md)."""
    from markupsafe import Markup

    place_date = None
    if signing is not None and (signing.place or signing.date):
        parts = [p for p in (signing.place, formatting.sv_date(signing.date)) if p]
        place_date = ", ".join(str(p) for p in parts)
    lines = ["::: signatures"]
    for entry in entries:
        lines.append(f"- {_escape_item(entry.label)}")
        for prefix, value in (("Namn", entry.name), ("Titel", entry.title), ("Organisation", entry.organisation)):
            if value is not None or prefix != "Organisation":
                lines.append(f"  {prefix}: {_value_or_blank(value)}")
        if place_date:
            lines.append(f"  Ort och datum: {md_escape(place_date)}")
    lines.append(":::")
    return Markup("\n".join(lines) + "\n")


def _value_or_blank(value: Any) -> str:
    if value is None:
        return ""
    return _escape_item(value)


def _table(header: list[Any], rows: Iterable[Iterable[Any]]) -> Any:
    """A Markdown table whose every cell is escaped data."""
    from markupsafe import Markup

    def row(cells: Iterable[Any]) -> str:
        return "| " + " | ".join(_escape_item(c) if c is not None else "" for c in cells) + " |"

    lines = [row(header), "|" + "|".join(" --- " for _ in header) + "|"]
    lines.extend(row(r) for r in rows)
    return Markup("\n".join(lines) + "\n")


FILTERS = {
    "date": formatting.sv_date,
    "month": formatting.month_name,
    "kr": formatting.kronor,
    "percent": formatting.percent,
    "fte": formatting.fte,
    "decimal": formatting.decimal,
    "words": formatting.number_word,
    "join": _join,
}

GLOBALS = {
    "signatory": _signatory,
    "signature_table": _signature_table,
    "table": _table,
    "cost_shares": cost_shares,
    "cost_turns": cost_turns,
    "service_names": SERVICE_NAMES,
}


class TemplateRenderer:
    """The sandboxed environment of one pack folder; compiled templates are cached."""

    def __init__(self, folder: Path):
        from jinja2 import FileSystemLoader, StrictUndefined
        from jinja2.sandbox import ImmutableSandboxedEnvironment

        self.folder = folder
        self.env = ImmutableSandboxedEnvironment(
            loader=FileSystemLoader(str(folder)),
            undefined=StrictUndefined,
            autoescape=True,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
        )
        self.env.filters.update(FILTERS)
        self.env.globals.update(GLOBALS)

    def render(self, template_name: str, context: dict[str, Any]) -> str:
        from jinja2 import TemplateError as JinjaTemplateError
        from jinja2 import TemplateSyntaxError, UndefinedError
        from jinja2.exceptions import SecurityError

        path = self.folder / template_name
        try:
            template = self.env.get_template(template_name)
            return template.render(context)
        except TemplateSyntaxError as exc:
            raise TemplateError(
                f"mallen har ett syntaxfel: {exc.message} – rätta Jinja-koden på raden",
                Position(str(path), exc.lineno or 1, 1),
            ) from None
        except UndefinedError as exc:
            raise TemplateError(
                f"mallen använder {_undefined_name(exc.message or '')}, som inte finns i datan – "
                "kontrollera stavningen mot datamodellen (fc schema)",
                _template_position(exc, path),
            ) from None
        except SecurityError as exc:
            raise TemplateError(
                f"mallen försöker göra något som inte är tillåtet i en mall ({exc}) – ta bort det",
                _template_position(exc, path),
            ) from None
        except _PrintedEmptyValue as exc:
            raise TemplateError(
                "mallen skriver ut ett värde som är tomt i datan – omge det med "
                "{% if … %} eller gör fältet obligatoriskt",
                _template_position(exc, path),
            ) from None
        except JinjaTemplateError as exc:
            raise TemplateError(f"mallen kunde inte köras: {exc}", _template_position(exc, path)) from None
        except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError, OverflowError) as exc:
            raise TemplateError(
                f"mallen kunde inte köras: {type(exc).__name__}: {exc} – rätta uttrycket på raden",
                _template_position(exc, path),
            ) from None


def _undefined_name(message: str) -> str:
    match = re.search(r"has no attribute '([^']+)'", message)
    if match:
        return f"'{match.group(1)}'"
    match = re.match(r"'([^']+)' is undefined", message)
    return f"'{match.group(1)}'" if match else message


def _template_position(exc: BaseException, fallback: Path) -> Position:
    """The template file and line an exception was raised at (Jinja rewrites tracebacks)."""
    tb = exc.__traceback__
    found = Position(str(fallback))
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".jinja", ".md")):
            found = Position(filename, tb.tb_lineno, 1)
        tb = tb.tb_next
    return found


def template_context(data: CentreFile, document_title: str, pack_config: Any, draft: bool) -> dict[str, Any]:
    """What a template sees: every section of the centre file by name, plus `data` and `pack`."""
    if draft:
        data = with_placeholders(data)
    context: dict[str, Any] = {name: getattr(data, name) for name in type(data).model_fields}
    context.update(
        data=data,
        pack=pack_config,
        document_title=document_title,
        draft=draft,
        region_principal=data.region_principal,
        municipality_principal=data.municipality_principal,
    )
    return context


def with_placeholders(data: CentreFile) -> CentreFile:
    """A copy of *data* where every empty `needed` field is a highlighted placeholder."""
    from pydantic import BaseModel

    copy = data.model_copy(deep=True)

    def fill(model: Any) -> None:
        if isinstance(model, BaseModel):
            for name, info in type(model).model_fields.items():
                value = getattr(model, name)
                extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
                if value is None and extra.get(NEEDED):
                    label = (info.description or name).split(",")[0].split(" t.ex.")[0].rstrip(".")
                    object.__setattr__(model, name, Placeholder(f"fyll i: {label}"))
                else:
                    fill(value)
        elif isinstance(model, list):
            for item in model:
                fill(item)

    fill(copy)
    return copy
