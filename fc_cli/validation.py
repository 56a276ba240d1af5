"""Validation of centre files: load → schema → fill-in → domain rules, every finding positioned.

`check_centre` never raises for a problem in the user's input: whatever is wrong ends up as a
:class:`Diagnostic` at `FILE:LINE:COL` with a key path, a message that says what to do and a code.
"""

from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import ERROR, WARNING, Diagnostic, Issue, KeyPath, format_key
from .errors import FcError, UsageError
from .loader import PLACEHOLDER, LoadedYaml, load_yaml_file
from .model import CentreFile
from .packs import Pack, resolve_pack
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


#: Errors a --draft render tolerates: the data is incomplete, not malformed.
DRAFT_TOLERATED = {"not-filled", "org-number", "kind-services", "signatory", "cost-shares", "notice",
                   "date-order", "reference"}


@dataclass(frozen=True)
class CentreSource:
    """A centre file found on the command line, and the PATH it was found under."""

    path: Path
    display: str
    root: Path


def find_centre_files(paths: list[Path]) -> list[CentreSource]:
    """Each PATH that is a folder means every `centre.yaml` below it (SPEC §4)."""
    found: list[CentreSource] = []
    for given in paths or [Path(".")]:
        if given.is_dir():
            matches = sorted(
                p for p in given.rglob(CENTRE_FILE) if not any(part.startswith(".") for part in p.relative_to(given).parts)
            )
            if not matches:
                raise UsageError(
                    f"ingen {CENTRE_FILE} finns i {given} eller mappar under den – "
                    "ange en centrumfil eller skapa en med 'fc new-centre'"
                )
            found.extend(CentreSource(p, str(p), given) for p in matches)
        elif given.is_file():
            found.append(CentreSource(given, str(given), given.parent))
        else:
            raise UsageError(f"{given} finns inte – ange en {CENTRE_FILE} eller en mapp med sådana")
    return found


def check_centre(path: Path, display: str | None = None) -> CheckedCentre:
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
    try:
        checked.model = CentreFile.model_validate(loaded.data)
    except ValidationError as exc:
        issues.extend(_schema_issues(exc, loaded))
    if checked.model is not None:
        try:
            checked.pack = resolve_pack(checked.model.pack, path.parent)
        except FcError as exc:
            issues.append(Issue(("pack",), "pack", exc.message))
        issues.extend(fill_in_issues(checked.model))
        pack_rules = checked.pack.config.rules if checked.pack else None
        if pack_rules is not None:
            issues.extend(run_rules(checked.model, pack_rules))
        else:
            from .packs import PackRules

            issues.extend(run_rules(checked.model, PackRules()))
    checked.diagnostics = [_position(issue, checked) for issue in issues]
    checked.diagnostics.sort(key=lambda d: (d.line, d.column, d.severity != ERROR))
    return checked


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
    """Check every centre file under *paths*; returns (files, diagnostics, ok)."""
    files = find_centre_files(paths)
    diagnostics: list[Diagnostic] = []
    for source in files:
        diagnostics.extend(check_centre(source.path, source.display).diagnostics)
    failing = {ERROR, WARNING} if strict else {ERROR}
    ok = not any(d.severity in failing for d in diagnostics)
    return len(files), diagnostics, ok
