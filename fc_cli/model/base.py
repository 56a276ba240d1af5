"""What every model of a centre file is built on: `Strict`, `needed` fields, the shared types and limits.

Fields a final document cannot do without, but which a new centre does not know yet, are declared
with :func:`needed`: the schema accepts them empty (``null`` or ``<fyll i>``), validation reports
them as not filled in, and a ``--draft`` render shows them as highlighted placeholders.
"""

from __future__ import annotations

import math
import typing
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

from ..text import text_problem

SCHEMA_VERSION = 1
NEEDED = "x-fc-needed"


def needed(description: str, **kwargs: Any) -> Any:
    """A field a final document needs, which may still be empty in a draft."""
    return Field(default=None, description=description, json_schema_extra={NEEDED: True}, **kwargs)


def is_needed(info: Any) -> bool:
    """True for a field declared with :func:`needed`."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return bool(extra.get(NEEDED))


def empty_needed_fields(obj: Any, path: tuple = ()) -> Iterator[tuple[tuple, BaseModel, str, Any]]:
    """Every `needed` field still empty, depth first in file order, as (path, owner, name, info)."""
    if isinstance(obj, BaseModel):
        waived = obj.not_needed() if isinstance(obj, Strict) else set()
        for name, info in type(obj).model_fields.items():
            value = getattr(obj, name)
            if value is None and is_needed(info) and name not in waived:
                yield (*path, name), obj, name, info
            else:
                yield from empty_needed_fields(value, (*path, name))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from empty_needed_fields(item, (*path, i))


def _org_number_text(value: Any) -> Any:
    # 2120001850 written without quotes arrives as a number: take it as the text it means
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        max_length=40,
        description="Kort id med små bokstäver a–z, siffror, - och _ (inga å, ä, ö), t.ex. 'bvc'.",
    ),
]
OrgNumber = Annotated[
    str,
    Field(
        pattern=r"^\d{6}-?\d{4}$",
        description="Organisationsnummer, tio siffror, t.ex. '232100-0164'.",
    ),
    BeforeValidator(_org_number_text),  # after Field, or the pattern is lost from the JSON Schema
]
Fte = Annotated[float, Field(ge=0, le=10, description="Tjänstgöringsgrad i årsarbetare, t.ex. 0.5.")]
Month = Annotated[int, Field(ge=1, le=12)]


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, text may hold no control characters."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, str_max_length=5000)

    #: A `needed` field this model can do without when another of its fields is set (name → other):
    #: a committee's organisation number stands under acting_for.
    waived_when: ClassVar[dict[str, str]] = {}

    def not_needed(self) -> set[str]:
        """The `needed` fields this object can do without (see :attr:`waived_when`)."""
        return {name for name, other in self.waived_when.items() if getattr(self, other) is not None}

    @field_validator("*", mode="before")
    @classmethod
    def _a_number_is_a_number(cls, value: Any, info: ValidationInfo) -> Any:
        """`true` is not 1 and `.nan` or `.inf` are not numbers, though Python would take them so."""
        field = cls.model_fields.get(info.field_name or "")
        if isinstance(value, bool) and field is not None and not _allows_bool(field.annotation):
            raise ValueError("här behövs ett tal eller en text, inte true/false – skriv värdet, t.ex. 0.5")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("här behövs ett vanligt tal – .nan och .inf är inga tal i en centrumfil")
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _printable(cls, value: Any, info: ValidationInfo) -> Any:
        """Text is text: what cannot stand in a Word document is refused, blank text is no text."""
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                problem = text_problem(text)
                if problem is not None:
                    raise ValueError(problem)
        if isinstance(value, str) and not value and info.field_name:
            # only spaces (stripped away): the same as not filled in, where the field may be empty
            annotation = cls.model_fields[info.field_name].annotation
            if type(None) in typing.get_args(annotation):
                return None
        return value


def _allows_bool(annotation: Any) -> bool:
    return annotation is bool or any(_allows_bool(arg) for arg in typing.get_args(annotation))


#: The largest amount in kronor a centre file may state: far above any coordinator's or running
#: cost, and small enough that every share of it is computed exactly (no float near 2**53).
MAX_SEK = 100_000_000
#: The largest count in the statistics (visits a year, enrolled children …).
MAX_COUNT = 10_000_000
