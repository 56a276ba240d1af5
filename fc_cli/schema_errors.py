"""pydantic's errors in Swedish, with what to do (shared by centre files and pack files)."""

from __future__ import annotations

import datetime as _dt
import difflib
import re
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from .diagnostics import KeyPath

_DATE_SHAPE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
SCALAR_TAGS = {"int", "float", "str", "bool", "date", "datetime", "list", "dict", "none", "is-instance"}


def data_path(loc: tuple, data: Any, root: type[BaseModel]) -> KeyPath:
    """The key path of a pydantic location, without its union/validator tags (`int`, `date`,
    `function-after[…]`). A step is kept when the data or the model has a key of that name, so a
    field called `date` or a key typed with a capital letter stays in the path."""
    path: list[str | int] = []
    current: Any = data
    model: type[BaseModel] | None = root
    for step in loc:
        if isinstance(step, int):
            path.append(step)
            current = current[step] if isinstance(current, list) and 0 <= step < len(current) else None
            continue
        in_data = isinstance(current, dict) and step in current
        in_model = model is not None and step in model.model_fields
        if not in_data and not in_model and (step in SCALAR_TAGS or "[" in step or step[:1].isupper()):
            continue  # a tag pydantic adds, not a key
        path.append(step)
        current = current.get(step) if in_data else None
        model = inner_model(model.model_fields[step].annotation) if in_model and model is not None else None
    return tuple(path)


def explain(error: Mapping[str, Any], path: KeyPath, root: type[BaseModel]) -> str:
    """A Swedish sentence for one pydantic error: what is wrong and what to do."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    info = field_info(path, root)
    hint = (info.description or "").rstrip(".") if info else ""
    if kind == "missing":
        where = f"lägg till '{path[-1]}'" if path else "lägg till nyckeln"
        return f"saknas – {where}" + (f" ({_lower(hint)})" if hint else "")
    if kind == "extra_forbidden":
        allowed = allowed_keys(path[:-1], root)
        close = difflib.get_close_matches(str(path[-1]), allowed, n=1)
        suggestion = f"menade du '{close[0]}'? " if close else ""
        return (
            f"okänd nyckel '{path[-1]}' – {suggestion}tillåtna nycklar här är: {', '.join(allowed)}"
        )
    if value is None and kind.endswith("_type"):
        return "är tom – fyll i ett värde" + (f" ({_lower(hint)})" if hint else "")
    if kind == "string_type" and isinstance(value, (int, float, bool, _dt.date)):
        # YAML read the value as a number, yes/no or a date: quotes keep it as written
        return (
            "ska vara text, men YAML läste värdet som ett tal, ett datum eller sant/falskt – sätt värdet "
            "inom citattecken (\"…\"), så står det kvar precis som du skrev det"
            + (f" ({_lower(hint)})" if hint else "")
        )
    if kind == "finite_number":
        return "är inget användbart tal – skriv ett vanligt tal, t.ex. 0.5"
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
    if kind.startswith("date") and isinstance(value, str) and _DATE_SHAPE.match(value):
        return f"'{value}' är inget riktigt datum – kontrollera dag och månad (ÅÅÅÅ-MM-DD)"
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


def _model_at(path: KeyPath, root: type[BaseModel]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    keyed = False  # the step is a key of a mapping of models (`dict[str, Reflection]`), not a field
    for step in path:
        if model is None:
            return None
        if isinstance(step, int) or keyed:
            keyed = False
            continue
        info = model.model_fields.get(step)
        if info is None:
            return None
        model = inner_model(info.annotation)
        keyed = _is_mapping(info.annotation)
    return model


def _is_mapping(annotation: Any) -> bool:
    return typing.get_origin(annotation) is dict or any(_is_mapping(a) for a in typing.get_args(annotation))


def field_info(path: KeyPath, root: type[BaseModel]) -> Any:
    keys = [p for p in path if isinstance(p, str)]
    if not keys:
        return None
    parent = _model_at(path[: max(i for i, p in enumerate(path) if isinstance(p, str))], root)
    return parent.model_fields.get(keys[-1]) if parent else None


def inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation (`Group | None`, `list[Service]`), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = inner_model(arg)
        if found is not None:
            return found
    return None


def allowed_keys(parent: KeyPath, root: type[BaseModel]) -> list[str]:
    model = _model_at(parent, root)
    return list(model.model_fields) if model else []
