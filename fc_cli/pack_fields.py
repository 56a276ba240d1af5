"""A pack's own fields: declared under `fields:` in pack.yaml, filled in under `fields:` in centre.yaml.

A region's agreement often carries data fc's model has no place for (a municipal grant, the
number of open meetings a term, a contact for the premises). The pack declares each such field
with its type, Swedish description, whether it is required, needed for a final document or
optional, a default, and for numbers a range and a unit (format: templates/README.md). From the
declaration :func:`fields_model` builds a pydantic model (cached per declaration), so that a
centre's `fields:` gets what fc's own fields get: the schema errors in Swedish with the key path
(:mod:`fc_cli.schema_errors`), `not-filled` and the `--draft` placeholders
(:func:`fc_cli.model.needed`), the JSON Schema, the scaffold and the template linter.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    create_model,
    field_validator,
)

from .model import MAX_SEK, NEEDED, Id, Strict

#: Every type a pack may declare, with how it is named to a user (scaffold comments, messages).
FIELD_TYPES: dict[str, str] = {
    "text": "en rad text",
    "multiline": "text på flera rader",
    "integer": "heltal",
    "decimal": "decimaltal",
    "amount": "belopp i kronor",
    "percent": "procent",
    "date": "datum ÅÅÅÅ-MM-DD",
    "boolean": "true eller false",
    "choice": "ett av värdena",
    "list": "lista",
    "group": "grupp av fält",
    "service": "id för en verksamhet under services",
    "principal": "id för en huvudman under principals",
    "party": "id för en verksamhet under services eller en huvudman under principals",
}
NUMBER_TYPES = ("integer", "decimal", "amount", "percent")
REFERENCE_TYPES = ("service", "principal", "party")
#: need: required (the file must have it), final (a final document needs it; a draft may leave it
#: as `<fyll i>`), optional.
NEEDS = ("required", "final", "optional")

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_TAKEN = frozenset(name for name in dir(BaseModel) if not name.startswith("_"))


def _field_name(name: str) -> str:
    if not _NAME.match(name) or len(name) > 40:
        raise ValueError(
            f"fältnamnet '{name}' går inte att använda i en mall – skriv det med små bokstäver a–z, siffror "
            "och _ (börja med en bokstav, inga å, ä, ö eller -), t.ex. 'kommunens_bidrag'"
        )
    if name in _TAKEN or name.startswith("model_"):
        raise ValueError(f"fältnamnet '{name}' är upptaget av fc – välj ett annat namn, t.ex. '{name}_text'")
    return name


FieldName = Annotated[str, AfterValidator(_field_name)]


class FieldSpec(BaseModel):
    """One declared field (under `fields:` in pack.yaml); the keys are checked in this order."""

    model_config = ConfigDict(extra="forbid")
    type: str = Field(description="Fältets typ: " + ", ".join(FIELD_TYPES) + ".")
    description: str = Field(min_length=1, description="Vad fältet är, på svenska (kommentar i centre.yaml).")
    need: Literal["required", "final", "optional"] = Field(
        "optional", description="required, final (behövs i ett färdigt dokument) eller optional."
    )
    unit: str | None = Field(None, description="Talets enhet, t.ex. 'träffar' (bara för tal).")
    min: int | float | None = Field(None, description="Minsta tillåtna värde (bara för tal).")
    max: int | float | None = Field(None, description="Största tillåtna värde (bara för tal).")
    choices: list[str] | None = Field(None, validate_default=True, description="De tillåtna värdena (choice).")
    item: FieldSpec | None = Field(None, validate_default=True, description="Typen för varje rad (list).")
    fields: dict[FieldName, FieldSpec] | None = Field(
        None, validate_default=True, description="Gruppens fält (group)."
    )
    default: Any = Field(None, validate_default=True, description="Värdet när centrumfilen inte anger något.")

    @field_validator("type", mode="before")
    @classmethod
    def _known_type(cls, value: Any) -> Any:
        if isinstance(value, str) and value not in FIELD_TYPES:
            close = difflib.get_close_matches(value, list(FIELD_TYPES), n=1)
            hint = f"menade du '{close[0]}'? " if close else ""
            raise ValueError(f"okänd typ '{value}' – {hint}typerna är: {', '.join(FIELD_TYPES)}")
        return value

    @field_validator("unit", "min", "max")
    @classmethod
    def _numbers_only(cls, value: Any, info: ValidationInfo) -> Any:
        kind = info.data.get("type")
        if value is not None and kind is not None and kind not in NUMBER_TYPES:
            raise ValueError(
                f"{info.field_name} gäller bara tal ({', '.join(NUMBER_TYPES)}), inte typen {kind} – ta bort den"
            )
        low = info.data.get("min")
        if info.field_name == "max" and value is not None and low is not None and low > value:
            raise ValueError(f"min ({low}) är större än max ({value}) – byt plats på dem")
        return value

    @field_validator("choices")
    @classmethod
    def _choices(cls, value: list[str] | None, info: ValidationInfo) -> list[str] | None:
        kind = info.data.get("type")
        if kind == "choice" and not value:
            raise ValueError("en choice behöver sina värden – lägg till choices: [värde, värde]")
        if kind not in ("choice", None) and value is not None:
            raise ValueError(f"choices gäller bara typen choice, inte {kind} – ta bort den")
        for text in value or []:
            if not text.strip():
                raise ValueError("ett av värdena under choices är tomt – skriv värdet eller ta bort raden")
            if value is not None and value.count(text) > 1:
                raise ValueError(f"värdet '{text}' står två gånger under choices – ta bort det ena")
        return value

    @field_validator("item")
    @classmethod
    def _item(cls, value: FieldSpec | None, info: ValidationInfo) -> FieldSpec | None:
        kind = info.data.get("type")
        if kind == "list" and value is None:
            raise ValueError("en lista behöver typen för sina rader – lägg till item: {type: text, description: …}")
        if kind not in ("list", None) and value is not None:
            raise ValueError(f"item gäller bara typen list, inte {kind} – ta bort den")
        return value

    @field_validator("fields")
    @classmethod
    def _group(cls, value: dict[str, FieldSpec] | None, info: ValidationInfo) -> dict[str, FieldSpec] | None:
        kind = info.data.get("type")
        if kind == "group" and not value:
            raise ValueError("en grupp behöver sina fält – lägg till fields: med minst ett fält")
        if kind not in ("group", None) and value is not None:
            raise ValueError(f"fields gäller bara typen group, inte {kind} – ta bort den")
        return value

    @field_validator("default")
    @classmethod
    def _default(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None or any(key not in info.data for key in ("type", "need", "choices", "item", "fields")):
            return value  # no default, or the declaration has a mistake of its own (reported first)
        if info.data["need"] == "required":
            raise ValueError("ett fält med need: required har inget standardvärde – ta bort default, "
                             "eller skriv need: optional")
        if info.data["type"] == "group":
            raise ValueError("en grupp har inget eget standardvärde – ge i stället dess fält ett default")
        spec = FieldSpec.model_construct(**{**info.data, "default": None})
        try:
            TypeAdapter(_annotation(spec, "default")).validate_python(value)
        except ValidationError as exc:
            from .schema_errors import explain

            error = exc.errors(include_url=False)[0]
            reason = explain(error, (), _Nothing)
            raise ValueError(
                f"standardvärdet {_show(value)} passar inte typen {info.data['type']}: {reason}"
            ) from None
        return value


class _Nothing(BaseModel):
    """A model without fields, for wording an error that belongs to no field."""


def _show(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def _one_line(value: str) -> str:
    if "\n" in value:
        raise ValueError("ska stå på en rad – ta bort radbrytningarna")
    return value


def _annotation(spec: FieldSpec, name: str) -> Any:
    """The type a centre's value must have for *spec* (without None)."""
    kind = spec.type
    if kind == "text":
        return Annotated[str, AfterValidator(_one_line)]
    if kind == "multiline":
        return str
    if kind in NUMBER_TYPES:
        low = spec.min if spec.min is not None else (0 if kind in ("amount", "percent") else None)
        high = spec.max if spec.max is not None else {"amount": MAX_SEK, "percent": 100}.get(kind)
        base: Any = int if kind in ("integer", "amount") else float
        return Annotated[base, Field(ge=low, le=high)]
    if kind == "date":
        return dt.date
    if kind == "boolean":
        return StrictBool  # 1 is not true
    if kind == "choice":
        return Literal[tuple(spec.choices or ())]
    if kind == "list":
        assert spec.item is not None
        return list[_annotation(spec.item, name)]  # type: ignore[misc]
    if kind == "group":
        return _group_model(spec.fields or {}, name)
    return Id  # a reference: an id, checked against the centre file's ids by check.fields


def description_of(spec: FieldSpec) -> str:
    """The field's description with its type, range and unit, as the scaffold and the schema show it."""
    words = FIELD_TYPES[spec.type]
    if spec.type == "choice":
        words = "ett av: " + ", ".join(spec.choices or ())
    elif spec.type == "list" and spec.item is not None:
        words = f"lista, varje rad: {FIELD_TYPES[spec.item.type]}"
    if spec.type in NUMBER_TYPES and (spec.min is not None or spec.max is not None):
        low = "" if spec.min is None else _number(spec.min)
        high = "" if spec.max is None else _number(spec.max)
        words += f", {low}–{high}" if low and high else f", minst {low}" if low else f", högst {high}"
    if spec.unit:
        words += f" {spec.unit}"
    need = {"required": "obligatoriskt", "final": "behövs i ett färdigt dokument", "optional": "valfritt"}[spec.need]
    return f"{spec.description.rstrip('.')} ({words}; {need})."


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _group_model(specs: dict[str, FieldSpec], name: str) -> type[BaseModel]:
    definitions: dict[str, Any] = {}
    for key, spec in specs.items():
        annotation = _annotation(spec, f"{name}_{key}")
        # the schema (editors' hover and completion) shows the description with type, range and unit
        extra: dict[str, Any] = {"description": description_of(spec), "x-fc-type": spec.type}
        if spec.unit:
            extra["x-fc-unit"] = spec.unit
        if spec.need != "optional":  # required: the key must be there; both: `<fyll i>` is not filled in
            extra[NEEDED] = True
        if spec.need == "required":
            definitions[key] = (annotation | None, Field(description=spec.description, json_schema_extra=extra))
        elif spec.type == "list" and spec.need == "optional" and spec.default is None:  # an empty list
            definitions[key] = (annotation, Field(default_factory=list, description=spec.description,
                                                  json_schema_extra=extra))
        elif spec.type == "group" and spec.need == "optional" and not _any_required(spec.fields or {}):
            # left out, a group is its fields' defaults (as fc's own sections are): `fields.x.y` always works
            definitions[key] = (annotation, Field(default_factory=annotation, description=spec.description,
                                                  json_schema_extra=extra))
        else:
            definitions[key] = (annotation | None, Field(spec.default, description=spec.description,
                                                         json_schema_extra=extra))
    model_name = "".join(part.capitalize() for part in name.split("_")) or "Fields"
    return create_model(model_name, __base__=Strict, **definitions)


def _any_required(specs: dict[str, FieldSpec]) -> bool:
    return any(spec.need == "required" for spec in specs.values())


_MODELS: dict[str, type[BaseModel]] = {}


def fields_model(specs: dict[str, FieldSpec]) -> type[BaseModel]:
    """The pydantic model of a pack's declared fields (one per declaration, built once)."""
    key = json.dumps({k: v.model_dump() for k, v in specs.items()}, sort_keys=True, default=str)
    model = _MODELS.get(key)
    if model is None:
        model = _MODELS[key] = _group_model(specs, "pack_fields")
        model.__doc__ = "Mallpaketets egna fält."
    return model


def walk(specs: dict[str, FieldSpec], value: Any, path: tuple = ()) -> Iterator[tuple[tuple, FieldSpec, Any]]:
    """Every declared field and its value in a centre's validated `fields:` (plain data), depth first."""
    for key, spec in specs.items():
        here = (*path, key)
        item = value.get(key) if isinstance(value, dict) else None
        yield here, spec, item
        if spec.type == "group" and isinstance(item, dict):
            yield from walk(spec.fields or {}, item, here)
        elif spec.type == "list" and spec.item is not None and isinstance(item, list):
            for index, element in enumerate(item):
                yield (*here, index), spec.item, element
                if spec.item.type == "group" and isinstance(element, dict):
                    yield from walk(spec.item.fields or {}, element, (*here, index))
