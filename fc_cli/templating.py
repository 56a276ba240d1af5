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
    return Markup(_INLINE_SPECIALS.sub(r"\\\1", separator)).join(parts)  # keeps the separator's spaces


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


# ---- parsing for `fc validate` (the linter is fc_cli/lint.py) -------------------------------


@dataclass(frozen=True)
class NameChain:
    """A name and what a template does with it: `centre.visiting_address.street`, `data.service(x).name`.

    Each step is ``(kind, name, line)`` with kind ``attr`` (`.name` or `["name"]`), ``call`` or
    ``item`` (`[expression]`).
    """

    root: str
    line: int
    steps: tuple[tuple[str, str, int], ...] = ()


@dataclass(frozen=True)
class NameBinding:
    """`{% for x in … %}`, `{% set x = … %}`, macro arguments: names bound to a value (or unknown)."""

    names: tuple[str, ...]
    line: int
    source: NameChain | None = None
    iterate: bool = False


@dataclass(frozen=True)
class ScopeEnd:
    """The end of a loop, macro or `with` block: its bindings no longer hold."""

    names: tuple[str, ...]


@dataclass
class TemplateOutline:
    """What `fc validate` needs to know about one template, without running it."""

    syntax_error: tuple[int, str] | None = None
    #: Chains, bindings and scope ends, in the order they appear in the template.
    events: list[NameChain | NameBinding | ScopeEnd] = field(default_factory=list)
    #: Other templates it includes, imports or extends: (line, name).
    includes: list[tuple[int, str]] = field(default_factory=list)
    #: Filters and tests it uses that do not exist: (line, "filter" or "test", name).
    unknown_filters: list[tuple[int, str, str]] = field(default_factory=list)


_LINT_ENV: Any = None


def _lint_environment() -> Any:
    global _LINT_ENV
    if _LINT_ENV is None:
        from jinja2 import StrictUndefined
        from jinja2.sandbox import ImmutableSandboxedEnvironment

        env = ImmutableSandboxedEnvironment(
            undefined=StrictUndefined, autoescape=True, finalize=_finalize,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        )
        env.filters.update(FILTERS)
        env.globals.update(GLOBALS)
        _LINT_ENV = env
    return _LINT_ENV


def template_global_names() -> set[str]:
    """Names every template can use besides the data: Jinja's globals and fc's helpers."""
    return set(_lint_environment().globals)


def template_filter_names() -> tuple[list[str], list[str]]:
    """fc's own filters, and Jinja's built-in ones."""
    own = sorted(FILTERS)
    return own, sorted(set(_lint_environment().filters) - set(own))


def outline_template(source: str, filename: str) -> TemplateOutline:
    """Parse *source* as a pack template (the same settings as rendering) and outline its names."""
    from jinja2 import TemplateSyntaxError, nodes

    env = _lint_environment()
    outline = TemplateOutline()
    try:
        tree = env.parse(source, name=filename, filename=filename)
    except TemplateSyntaxError as exc:
        outline.syntax_error = (exc.lineno or 1, exc.message or str(exc))
        return outline
    try:
        env.compile(tree, name=filename, filename=filename)
    except TemplateSyntaxError as exc:  # unknown filters and tests are listed below, all of them
        if not re.match(r"No (filter|test) named", exc.message or ""):
            outline.syntax_error = (exc.lineno or 1, exc.message or str(exc))
            return outline

    def chain(node: Any) -> NameChain | None:
        steps: list[tuple[str, str, int]] = []
        while True:
            if isinstance(node, nodes.Name):
                return NameChain(node.name, node.lineno, tuple(reversed(steps)))
            if isinstance(node, nodes.Getattr):
                steps.append(("attr", node.attr, node.lineno))
            elif isinstance(node, nodes.Getitem):
                if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                    steps.append(("attr", node.arg.value, node.lineno))
                else:
                    steps.append(("item", "", node.lineno))
            elif isinstance(node, nodes.Call):
                steps.append(("call", "", node.lineno))
            else:
                return None
            node = node.node

    def targets(node: Any) -> tuple[str, ...]:
        return tuple(n.name for n in node.find_all(nodes.Name)) if not isinstance(node, nodes.Name) else (node.name,)

    def expression(node: Any) -> None:
        """Record every chain in an expression, then look inside its arguments."""
        if isinstance(node, nodes.Filter) and node.name not in env.filters:
            outline.unknown_filters.append((node.lineno, "filter", node.name))
        elif isinstance(node, nodes.Test) and node.name not in env.tests:
            outline.unknown_filters.append((node.lineno, "test", node.name))
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem, nodes.Call)):
            found = chain(node)
            if found is not None and not (isinstance(node, nodes.Name) and node.ctx != "load"):
                outline.events.append(found)
            base = node
            while isinstance(base, (nodes.Getattr, nodes.Getitem, nodes.Call)):
                if isinstance(base, nodes.Call):
                    for arg in [*base.args, *(k.value for k in base.kwargs), base.dyn_args, base.dyn_kwargs]:
                        if arg is not None:
                            expression(arg)
                elif isinstance(base, nodes.Getitem) and not isinstance(base.arg, nodes.Const):
                    expression(base.arg)
                base = base.node
            if found is None:
                expression(base)
            return
        for child in node.iter_child_nodes():
            expression(child)

    def statements(body: list[Any]) -> None:
        for node in body:
            statement(node)

    def statement(node: Any) -> None:
        if isinstance(node, nodes.For):
            expression(node.iter)
            names = targets(node.target)
            source = chain(node.iter) if len(names) == 1 else None
            outline.events.append(NameBinding(names, node.lineno, source, iterate=True))
            if node.test is not None:
                expression(node.test)
            outline.events.append(NameBinding(("loop",), node.lineno))
            statements(node.body)
            outline.events.append(ScopeEnd(("loop",)))
            outline.events.append(ScopeEnd(names))
            statements(node.else_)
        elif isinstance(node, nodes.Assign):
            expression(node.node)
            if isinstance(node.target, nodes.NSRef):
                return
            names = targets(node.target)
            source = chain(node.node) if len(names) == 1 else None
            outline.events.append(NameBinding(names, node.lineno, source))
        elif isinstance(node, nodes.AssignBlock):
            statements(node.body)
            if not isinstance(node.target, nodes.NSRef):
                outline.events.append(NameBinding(targets(node.target), node.lineno))
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            for default in node.defaults:
                expression(default)
            if isinstance(node, nodes.CallBlock):
                expression(node.call)
            names = tuple(a.name for a in node.args) + ("caller", "varargs", "kwargs")
            outline.events.append(NameBinding(names, node.lineno))
            statements(node.body)
            outline.events.append(ScopeEnd(names))
            if isinstance(node, nodes.Macro):
                outline.events.append(NameBinding((node.name,), node.lineno))
        elif isinstance(node, nodes.With):
            for value in node.values:
                expression(value)
            names = tuple(n for t in node.targets for n in targets(t))
            for target, value in zip(node.targets, node.values):
                if isinstance(target, nodes.Name):
                    outline.events.append(NameBinding((target.name,), node.lineno, chain(value)))
            statements(node.body)
            outline.events.append(ScopeEnd(names))
        elif isinstance(node, (nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)):
            if isinstance(node.template, nodes.Const) and isinstance(node.template.value, str):
                outline.includes.append((node.lineno, node.template.value))
            else:
                expression(node.template)
            if isinstance(node, nodes.Import):
                outline.events.append(NameBinding((node.target,), node.lineno))
            elif isinstance(node, nodes.FromImport):
                names = tuple(n if isinstance(n, str) else n[1] for n in node.names)
                outline.events.append(NameBinding(names, node.lineno))
        elif isinstance(node, nodes.Stmt) or isinstance(node, nodes.Template):
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Stmt):
                    statement(child)
                else:
                    expression(child)
        else:
            expression(node)

    statement(tree)
    return outline
