"""Linting a template pack without rendering it (a repository's own pack gets the same checks as fc's).

`fc validate` lints a centre's pack when the centre names it by a folder path: every template the
pack's `pack.yaml` lists, and every template those include or import, is parsed (syntax errors,
unknown filters) and every name it reads is looked up in the data model (`centre.nme`,
`s.manger`, a loop over `principals` whose items have no `title`). Each finding is a
:class:`Diagnostic` at the template's file and line.

This module works on the outline that :func:`fc_cli.templating.outline.outline_template` returns;
syntax errors and unknown filters are worded by :mod:`fc_cli.templating.errors`, as render words them.
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..codes import severity_of
from ..diagnostics import Diagnostic
from ..errors import FcError, Position, TemplateError
from ..packs import Pack
from ..text import UNREADABLE
from .errors import column_of, include_message, syntax_error, unknown_filter_message, unsafe_message
from .outline import NameBinding, NameChain, ScopeEnd, outline_template, template_global_names
from .pack_loader import template_text

_UNKNOWN = object()  # a value whose type the linter cannot know: nothing is checked on it
_MISSING = object()  # a name that is not there at all


@dataclasses.dataclass(frozen=True)
class _Method:
    """An attribute that is a function: calling it gives *returns*."""

    returns: Any


def lint_pack(pack: Pack, display: typing.Callable[[Path], str] = str) -> list[Diagnostic]:
    """Every problem in the templates of *pack*, each at its template's file and line.

    The templates come in the order pack.yaml lists them, each followed by those it includes;
    *display* turns a template's path into the file name printed.
    """
    known = _context_types(pack.config.fields)
    found: list[Diagnostic] = []
    queue = [pack.folder / doc.template for doc in pack.config.documents.values()]
    seen: set[Path] = set()
    while queue:
        path = queue.pop(0).resolve()
        if path in seen:
            continue
        seen.add(path)
        file_found, included = _lint_template(pack.folder, path, display(path), known)
        found.extend(sorted(file_found, key=lambda d: (d.line, d.column)))
        queue.extend(included)
    return found


def lint_template_file(path: Path, folder: Path) -> list[Diagnostic]:
    """The problems in one template of the pack in *folder* (not those it includes), in line order."""
    from ..packs import load_pack_folder

    try:
        specs = load_pack_folder(folder.resolve()).config.fields
    except FcError:  # a broken pack.yaml is reported by itself; the names are checked without its fields
        specs = {}
    found, _ = _lint_template(folder, path, str(path), _context_types(specs))
    return sorted(found, key=lambda d: (d.line, d.column))


def _lint_template(folder: Path, path: Path, name: str, known: dict[str, Any]) -> tuple[list[Diagnostic], list[Path]]:
    try:
        source = template_text(path.read_bytes(), name)
    except TemplateError as exc:  # not UTF-8, or characters a document cannot hold: as render says it
        position = exc.position or Position(name)
        return [_diagnostic(name, position.line, position.column, "template-syntax", exc.message)], []
    except PermissionError:
        return [_diagnostic(name, 1, 1, "template-syntax", f"mallen {UNREADABLE}")], []
    except OSError as exc:
        return [_diagnostic(name, 1, 1, "template-syntax",
                            f"mallen kan inte läsas: {exc.strerror} – kontrollera filen")], []
    outline = outline_template(source, str(path))
    lines = source.splitlines()
    if outline.syntax_error is not None:
        line, message = outline.syntax_error
        error = syntax_error(message, name, line, lines)
        where = error.position or Position(name, line, 1)
        return [_diagnostic(name, where.line, where.column, "template-syntax", error.message)], []
    found: list[Diagnostic] = []
    included: list[Path] = []
    folder = folder.resolve()
    for line, other in outline.includes:
        target = (folder / other).resolve()
        if target.is_relative_to(folder) and target.is_file():
            included.append(target)
        else:
            found.append(_diagnostic(
                name, line, column_of(lines, line, other), "template-include", include_message(other)))
    for line, kind, filter_name in outline.unknown_filters:
        found.append(_diagnostic(name, line, column_of(lines, line, filter_name), "template-name",
                                 unknown_filter_message(kind, filter_name)))
    checker = _Checker(known, template_global_names(), name, lines)
    checker.run(outline.events)
    found.extend(checker.found)
    return found, included


def _diagnostic(file: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(file, line, column, severity_of(code), code, "", message)


class _Checker:
    """Follows bindings through a template and checks every chain against the types it knows."""

    def __init__(self, known: dict[str, Any], global_names: set[str], file: str, lines: list[str]):
        self.known = known
        self.global_names = global_names
        self.file = file
        self.lines = lines
        self.bound: dict[str, Any] = {}
        self.saved: list[dict[str, Any]] = []
        self.found: list[Diagnostic] = []
        self.reported: set[tuple[int, str]] = set()

    def run(self, events: list[Any]) -> None:
        for event in events:
            if isinstance(event, NameChain):
                self.check(event)
            elif isinstance(event, NameBinding):
                kind = _UNKNOWN
                if event.source is not None and len(event.names) == 1:
                    kind = self.resolve(event.source, report=False)
                    if event.iterate:
                        kind = _item_type(kind)
                self.saved.append({n: self.bound.get(n, _MISSING) for n in event.names})
                for name in event.names:
                    self.bound[name] = kind if len(event.names) == 1 else _UNKNOWN
            elif isinstance(event, ScopeEnd):
                self._restore(event.names)

    def _restore(self, names: tuple[str, ...]) -> None:
        for index in range(len(self.saved) - 1, -1, -1):
            if set(self.saved[index]) == set(names):
                for name, value in self.saved.pop(index).items():
                    if value is _MISSING:
                        self.bound.pop(name, None)
                    else:
                        self.bound[name] = value
                return

    def root_type(self, name: str) -> Any:
        if name in self.bound:
            return self.bound[name]
        if name in self.known:
            return self.known[name]
        if name in self.global_names:
            from .helpers import GLOBALS

            function = GLOBALS.get(name)
            return _Method(_return_type(function)) if callable(function) else _UNKNOWN
        return _MISSING

    def check(self, chain: Any) -> None:
        self.resolve(chain, report=True)

    def resolve(self, chain: Any, report: bool) -> Any:
        kind = self.root_type(chain.root)
        if kind is _MISSING:
            if report:
                names = sorted(set(self.known) | set(self.bound))
                close = difflib.get_close_matches(chain.root, names, n=1)
                hint = f"menade du '{close[0]}'? " if close else ""
                self._report(chain.line, chain.root, False, "template-name",
                             f"mallen använder namnet '{chain.root}', som inte finns – {hint}namnen från "
                             f"datan är: {', '.join(sorted(self.known))}")
            return _UNKNOWN
        text = chain.root
        for step, attribute, line in chain.steps:
            if step == "call":
                kind = kind.returns if isinstance(kind, _Method) else _UNKNOWN
                text += "(…)"
                continue
            if step == "item":
                kind = _item_type(kind)
                text += "[…]"
                continue
            if attribute.startswith("_"):
                if report:
                    self._report(line, attribute, True, "template-unsafe", unsafe_message(attribute))
                return _UNKNOWN
            exists, result = _attribute(kind, attribute)
            if not exists:
                if report:
                    self._report(line, attribute, True, "template-name", _unknown_attribute(text, attribute, kind))
                return _UNKNOWN
            kind = result
            text += f".{attribute}"
        return kind

    def _report(self, line: int, text: str, attribute: bool, code: str, message: str) -> None:
        if (line, text) in self.reported:
            return
        self.reported.add((line, text))
        self.found.append(_diagnostic(self.file, line, column_of(self.lines, line, text, attribute), code, message))



def _unknown_attribute(text: str, attribute: str, kind: Any) -> str:
    base = _strip_none(kind)
    if _is_list(base):
        return (
            f"'{text}' är en lista och har inget '{attribute}' – gå igenom den med "
            f"{{% for x in {text} %}} och skriv x.{attribute}"
        )
    fields = _fields(base)
    candidates = fields or ([n for n in dir(base) if not n.startswith("_")] if isinstance(base, type) else [])
    if isinstance(base, type) and issubclass(base, enum.Enum):
        candidates = ["value", "name"]
    close = difflib.get_close_matches(attribute, candidates, n=1)
    hint = f"menade du '{close[0]}'? " if close else ""
    listing = f"fälten under {text} är: {', '.join(fields)}" if fields else "kontrollera stavningen"
    return f"mallen använder '{text}.{attribute}', men '{attribute}' finns inte i datan – {hint}{listing}"


# ---- types -----------------------------------------------------------------------------------


def _strip_none(kind: Any) -> Any:
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(kind) if a is not type(None)]
        if len(members) == 1:
            return members[0]
        return typing.Union[tuple(members)] if members else _UNKNOWN  # noqa: UP007 - built from a list
    return kind


def _is_list(kind: Any) -> bool:
    return typing.get_origin(kind) in (list, tuple) or kind in (list, tuple)


def _item_type(kind: Any) -> Any:
    kind = _strip_none(kind)
    if typing.get_origin(kind) is list:
        args = typing.get_args(kind)
        return args[0] if args else _UNKNOWN
    return _UNKNOWN


def _fields(kind: Any) -> list[str]:
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        properties = [n for n, v in vars(kind).items() if isinstance(v, property) and not n.startswith("_")]
        return [*kind.model_fields, *properties]
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):  # its fields, then its properties and methods
        members = [n for n, v in vars(kind).items()
                   if not n.startswith("_") and (isinstance(v, property) or callable(v))]
        return [*(f.name for f in dataclasses.fields(kind)), *members]
    return []


def _attribute(kind: Any, name: str) -> tuple[bool, Any]:
    """(does *kind* have attribute *name*, the attribute's type or _UNKNOWN)."""
    if kind is _UNKNOWN or kind is Any or isinstance(kind, _Method):
        return True, _UNKNOWN
    kind = _strip_none(kind)
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        results = [_attribute(member, name) for member in typing.get_args(kind)]
        present = [r for ok, r in results if ok]
        return bool(present), present[0] if len(present) == 1 else _UNKNOWN
    origin = typing.get_origin(kind)
    if origin is not None:  # list[...], dict[...], Literal[...], Annotated[...]
        if origin is typing.Literal:
            return hasattr(str, name), _UNKNOWN
        if origin is typing.Annotated:
            return _attribute(typing.get_args(kind)[0], name)
        if origin is dict:
            return True, _UNKNOWN
        return hasattr(origin, name), _UNKNOWN
    if not isinstance(kind, type):
        return True, _UNKNOWN
    if issubclass(kind, BaseModel):
        if name in kind.model_fields:
            return True, kind.model_fields[name].annotation
    elif dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        if name in hints:
            return True, hints[name]
    elif issubclass(kind, enum.Enum) and name in ("value", "name"):
        return True, str
    member = getattr(kind, name, _MISSING)
    if member is _MISSING:
        return False, _UNKNOWN
    if isinstance(member, property):
        return True, _return_type(member.fget)
    if callable(member):
        return True, _Method(_return_type(member))
    return True, _UNKNOWN


def _hints(obj: Any) -> dict[str, Any]:
    try:
        return typing.get_type_hints(obj)
    except Exception:  # noqa: BLE001 - an annotation the linter cannot resolve is not checked
        return {}


def _return_type(function: Any) -> Any:
    return _hints(function).get("return", _UNKNOWN) if function is not None else _UNKNOWN


def _context_types(specs: dict[str, Any]) -> dict[str, Any]:
    """What a template sees (see templating.context.template_context), with the type of each name;
    *specs* are the pack's own fields (`fields.x`)."""
    from ..model import CentreFile
    from ..pack_fields import fields_model
    from ..packs import PackConfig

    known: dict[str, Any] = {name: info.annotation for name, info in CentreFile.model_fields.items()}
    from ..results.view import ReportResults

    known["fields"] = fields_model(specs)
    known.update(data=CentreFile, pack=PackConfig, document_title=str, draft=bool, results=ReportResults)
    sample = _sample_context()
    for name in sample:
        if name not in known:
            prop = getattr(CentreFile, name, None)
            known[name] = _return_type(prop.fget) if isinstance(prop, property) else _UNKNOWN
    if not sample:  # the sample could not be built: the names template_context gave until now
        for name in ("region_principal", "municipality_principal"):
            known[name] = _return_type(getattr(CentreFile, name).fget)
    return known


def _sample_context() -> dict[str, Any]:
    from ..model import CentreFile
    from ..packs import PackConfig
    from .context import template_context

    try:
        sample = CentreFile.model_validate({
            "schema_version": 1,
            "pack": "lint",
            "centre": {"kind": "familjecentralsliknande", "municipality": "x", "region": "x"},
            "principals": [{"id": "p", "kind": "kommun", "name": "x"}],
            "services": [{"id": "s", "type": "oppen_forskola", "name": "x", "principal": "p"}],
            "economy": {"cost_model": "lika_per_huvudman"},
        })
        config = PackConfig(name="lint", region="x", documents={})
        return template_context(sample, "", config, draft=False)
    except Exception:  # noqa: BLE001 - fall back to the names known when this was written
        return {}
