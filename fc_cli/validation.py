"""Validation of centre files: load → schema → fill-in → domain rules, every finding positioned.

`check_centre` never raises for a problem in the user's input: whatever is wrong ends up as a
:class:`Diagnostic` at `FILE:LINE:COL` with a key path, a message that says what to do and a code.
"""

from __future__ import annotations

import dataclasses
import difflib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import ERROR, WARNING, Diagnostic, Issue, KeyPath, format_key
from .errors import FcError, Position, UsageError
from .loader import PLACEHOLDER, LoadedYaml, load_yaml_file
from .model import CentreFile
from .packs import Pack, PackRules, resolve_pack, shipped_packs_dir
from .rules import CODES as RULE_CODES
from .rules import fill_in_issues, run_rules

CENTRE_FILE = "centre.yaml"


@dataclass
class CheckedCentre:
    """One centre file after validation."""

    path: Path
    display: str
    loaded: LoadedYaml | None = None
    model: CentreFile | None = None
    pack: Pack | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == ERROR]

    def only_fill_in_errors(self) -> bool:
        """True when every error is a value not filled in yet (what a draft may render)."""
        return self.model is not None and self.pack is not None and all(
            d.code in DRAFT_TOLERATED for d in self.errors
        )


#: Errors a --draft render tolerates: values not filled in, and the domain rules (the data is
#: incomplete or inconsistent, not malformed); never YAML, schema, pack or template errors.
DRAFT_TOLERATED = {"not-filled", *RULE_CODES}


@dataclass(frozen=True)
class CentreSource:
    """A centre file found on the command line, and the PATH it was found under."""

    path: Path
    display: str
    root: Path


def find_centre_files(paths: list[Path]) -> list[CentreSource]:
    """Each PATH that is a folder means every `centre.yaml` below it (SPEC §4).

    Hidden folders (`.git`, `.github`, …) are skipped; a file found twice (`fc validate . c1`) is
    checked once. A PATH that does not exist, or a folder without any centre file, is a usage
    error (exit 2).
    """
    found: list[CentreSource] = []
    seen: set[Path] = set()
    for given in paths or [Path(".")]:
        if given.is_dir():
            matches = sorted(
                p for p in given.rglob(CENTRE_FILE)
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(given).parts)
            )
            if not matches:
                raise UsageError(
                    f"ingen {CENTRE_FILE} finns i {given} eller mappar under den – "
                    "ange en centrumfil eller skapa en med 'fc new-centre'"
                )
            sources = [CentreSource(p, str(p), given) for p in matches]
        elif given.is_file():
            sources = [CentreSource(given, str(given), given.parent)]
        else:
            raise UsageError(f"{given} finns inte – ange en {CENTRE_FILE} eller en mapp med sådana")
        for source in sources:
            key = source.path.resolve()
            if key not in seen:
                seen.add(key)
                found.append(source)
    return found


def display_path(path: Path) -> str:
    """A path as printed: relative to the working folder when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def check_centre(path: Path, display: str | None = None) -> CheckedCentre:
    """Load, check the schema and the domain rules of one centre file; never raises for bad input."""
    checked = CheckedCentre(path=path, display=display or str(path))
    try:
        checked.loaded = load_yaml_file(path, display_name=checked.display)
    except FcError as exc:
        pos = exc.position
        checked.diagnostics.append(
            Diagnostic(checked.display, pos.line if pos else 1, pos.column if pos else 1, ERROR, "yaml", "", exc.message)
        )
        return checked
    loaded = checked.loaded
    issues: list[Issue] = []
    elsewhere: list[Diagnostic] = []  # problems in the pack's own files
    try:
        checked.model = CentreFile.model_validate(loaded.data)
    except ValidationError as exc:
        issues.extend(_schema_issues(exc, loaded))
    if checked.model is not None:
        try:
            checked.pack = resolve_pack(checked.model.pack, path.parent)
        except FcError as exc:
            if exc.position is None:
                issues.append(Issue(("pack",), "pack", exc.message))
            else:
                elsewhere.append(_pack_diagnostic(exc, exc.position))
        issues.extend(fill_in_issues(checked.model))
        pack_rules = checked.pack.config.rules if checked.pack else PackRules()
        issues.extend(run_rules(checked.model, pack_rules))
    checked.diagnostics = sorted(
        (_position(issue, checked) for issue in issues),
        key=lambda d: (d.line, d.column, d.severity != ERROR),
    )
    checked.diagnostics.extend(elsewhere)
    return checked


def _pack_diagnostic(exc: FcError, position: Position) -> Diagnostic:
    return Diagnostic(display_path(Path(position.file)), position.line, position.column, ERROR, "pack",
                      exc.key or "", exc.message)


def _position(issue: Issue, checked: CheckedCentre) -> Diagnostic:
    assert checked.loaded is not None
    pos = checked.loaded.source.position(issue.path, at_key=issue.at_key)
    message = issue.message
    if issue.code == "not-filled" and issue.path in checked.loaded.placeholders:
        message = message.replace("är inte ifylld", f"är inte ifylld (står som {PLACEHOLDER})", 1)
    return Diagnostic(checked.display, pos.line, pos.column, issue.severity, issue.code, format_key(issue.path), message)


# ---- pydantic errors in Swedish, with what to do ------------------------------------------------

_SCALAR_TAGS = {"int", "float", "str", "bool", "date", "datetime", "list", "dict", "none", "is-instance"}


def _schema_issues(exc: ValidationError, loaded: LoadedYaml) -> list[Issue]:
    issues: list[Issue] = []
    seen: set[KeyPath] = set()
    for error in exc.errors(include_url=False):
        path = _data_path(tuple(error["loc"]))
        if path in seen:  # a union reports once per alternative: keep the first
            continue
        seen.add(path)
        kind = error["type"]
        if path in loaded.placeholders:
            info = _field_info(path)
            description = (info.description or "").rstrip(".") if info else ""
            issues.append(Issue(path, "not-filled", f"är inte ifylld (står som {PLACEHOLDER}) – {description}"))
            continue
        code = {"missing": "missing", "extra_forbidden": "unknown-key"}.get(kind, "type")
        issues.append(Issue(path, code, _message(error, path), at_key=kind == "extra_forbidden"))
    return issues


def _data_path(loc: tuple) -> KeyPath:
    """Drop pydantic's union/validator tags (`int`, `function-after[…]`) from a location."""
    return tuple(
        step
        for step in loc
        if isinstance(step, int) or (step not in _SCALAR_TAGS and "[" not in step and not step[:1].isupper())
    )


def _message(error: dict[str, Any], path: KeyPath) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    info = _field_info(path)
    hint = (info.description or "").rstrip(".") if info else ""
    if kind == "missing":
        where = f"lägg till '{path[-1]}'" if path else "lägg till nyckeln"
        return f"saknas – {where}" + (f" ({_lower(hint)})" if hint else "")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(path[:-1])
        close = difflib.get_close_matches(str(path[-1]), allowed, n=1)
        suggestion = f"menade du '{close[0]}'? " if close else ""
        return (
            f"okänd nyckel '{path[-1]}' – {suggestion}tillåtna nycklar här är: {', '.join(allowed)}"
        )
    if value is None and kind.endswith("_type"):
        return "är tom – fyll i ett värde" + (f" ({_lower(hint)})" if hint else "")
    simple = {
        "string_type": "ska vara text",
        "int_type": "ska vara ett heltal, t.ex. 4",
        "int_parsing": "ska vara ett heltal, t.ex. 4",
        "int_from_float": "ska vara ett heltal utan decimaler, t.ex. 4",
        "bool_type": "ska vara true eller false",
        "bool_parsing": "ska vara true eller false",
        "date_type": "ska vara ett datum skrivet ÅÅÅÅ-MM-DD, t.ex. 2027-01-01",
        "date_parsing": "ska vara ett datum skrivet ÅÅÅÅ-MM-DD, t.ex. 2027-01-01",
        "date_from_datetime_parsing": "ska vara ett datum skrivet ÅÅÅÅ-MM-DD, t.ex. 2027-01-01",
        "date_from_datetime_inexact": "ska vara ett datum utan klockslag, ÅÅÅÅ-MM-DD",
        "list_type": "ska vara en lista (rader som börjar med '- ')",
        "model_type": "ska vara nycklar med värden (inte en lista eller ett enskilt värde)",
        "dict_type": "ska vara nycklar med värden (inte en lista eller ett enskilt värde)",
        "model_attributes_type": "ska vara nycklar med värden (inte en lista eller ett enskilt värde)",
    }
    if kind in ("float_type", "float_parsing"):
        if isinstance(value, str) and "," in value:
            return f"'{value}' ska vara ett tal – skriv decimaltal med punkt, t.ex. {value.replace(',', '.')}"
        return "ska vara ett tal, t.ex. 0.5 (decimaltal med punkt)"
    if kind in simple:
        got = f" (nu: {_show(value)})" if value is not None and not isinstance(value, (dict, list)) else ""
        return simple[kind] + got + (f" – {_lower(hint)}" if hint and kind not in ("list_type",) else "")
    if kind in ("enum", "literal_error"):
        expected = ctx.get("expected", "")
        return f"{_show(value)} är inte tillåtet – skriv ett av: {expected.replace(' or ', ', ')}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than_equal": "minst",
            "greater_than": "större än",
            "less_than_equal": "högst",
            "less_than": "mindre än",
        }[kind]
        return f"{_show(value)} är utanför det tillåtna – värdet ska vara {words} {bound}"
    if kind == "too_short":
        return f"ska ha minst {ctx.get('min_length', 1)} rad(er) – lägg till dem"
    if kind == "string_too_short":
        return "får inte vara tom – fyll i ett värde" + (f" ({_lower(hint)})" if hint else "")
    if kind == "string_too_long":
        return f"texten är för lång (högst {ctx.get('max_length')} tecken) – korta den"
    if kind == "string_pattern_mismatch":
        return f"{_show(value)} har fel form – {_lower(hint) or 'se schemat'}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"{error['msg']}" + (f" – {_lower(hint)}" if hint else "")


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "…'"


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _model_at(path: KeyPath) -> type[BaseModel] | None:
    model: type[BaseModel] | None = CentreFile
    for step in path:
        if model is None:
            return None
        if isinstance(step, int):
            continue
        info = model.model_fields.get(step)
        if info is None:
            return None
        model = _inner_model(info.annotation)
    return model


def _field_info(path: KeyPath) -> Any:
    keys = [p for p in path if isinstance(p, str)]
    if not keys:
        return None
    parent = _model_at(path[: max(i for i, p in enumerate(path) if isinstance(p, str))])
    return parent.model_fields.get(keys[-1]) if parent else None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _allowed_keys(parent: KeyPath) -> list[str]:
    model = _model_at(parent)
    return list(model.model_fields) if model else []


# ---- many files -----------------------------------------------------------------------------


def validate_paths(paths: list[Path], strict: bool = False) -> tuple[int, list[Diagnostic], bool]:
    """Check every centre file under *paths*; returns (files, diagnostics, ok).

    Each centre's findings come in file order, followed by those in its pack's files when the
    centre is the first to use that pack (a pack is checked once per run): pack.yaml, and, for a
    repository's own pack (a folder path in `pack:`), its templates. With *strict* every warning
    is reported, and counts, as an error.
    """
    from .lint import lint_pack

    files = find_centre_files(paths)
    diagnostics: list[Diagnostic] = []
    reported_elsewhere: set[Diagnostic] = set()
    linted: set[Path] = set()
    shipped = shipped_packs_dir().resolve()
    for source in files:
        checked = check_centre(source.path, source.display)
        for diagnostic in checked.diagnostics:
            if diagnostic.file != source.display:
                if diagnostic in reported_elsewhere:
                    continue
                reported_elsewhere.add(diagnostic)
            diagnostics.append(diagnostic)
        pack = checked.pack
        if pack is not None and pack.folder.resolve() not in linted:
            linted.add(pack.folder.resolve())
            if pack.folder.resolve().parent != shipped:
                diagnostics.extend(lint_pack(pack, display_path))
    if strict:
        diagnostics = [
            dataclasses.replace(d, severity=ERROR) if d.severity == WARNING else d for d in diagnostics
        ]
    ok = not any(d.severity == ERROR for d in diagnostics)
    return len(files), diagnostics, ok
