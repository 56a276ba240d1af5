"""A pack's self-reflection instrument (`self_reflection:` in pack.yaml): the scale and the
statements, grouped in areas, each with a stable id that a results file refers to.

The instrument is the national model's (Jönköpingsmodellen, Jämtland's Bilaga 4); a pack words it
as its region does. A statement that only applies to a centre with a service of some type (the
open preschool's own statements) names that type in `requires`.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field, model_validator

_ID = r"^[a-z0-9][a-z0-9_-]*$"


class Scale(BaseModel):
    model_config = ConfigDict(extra="forbid")
    low: int = Field(1, ge=0, le=10, description="Skalans första steg (Jämtland: 1).")
    high: int = Field(5, ge=1, le=10, description="Skalans sista steg (Jämtland: 5).")
    low_label: str = Field("Fungerar", min_length=1, description="Vad det första steget betyder.")
    high_label: str = Field("Behöver utvecklas", min_length=1, description="Vad det sista steget betyder.")

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.low >= self.high:
            raise ValueError("skalans low ska vara mindre än high, t.ex. low: 1 och high: 5")
        return self

    @property
    def steps(self) -> list[int]:
        return list(range(self.low, self.high + 1))


class Statement(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=_ID, max_length=40, description="Påståendets id, som resultatfilerna använder.")
    label: str = Field(min_length=1, description="Påståendets rubrik, t.ex. 'Hälsofrämjande arena'.")
    text: str = Field(min_length=1, description="Påståendet, som regionen skrivit det.")
    requires: str | None = Field(
        None, description="Verksamhetstyp som påståendet gäller (t.ex. oppen_forskola); tomt = alla."
    )


class Area(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, description="Områdets namn, t.ex. 'Tidigt stöd till föräldrar'.")
    statements: list[Statement] = Field(min_length=1)


class Instrument(BaseModel):
    """Självreflektionsinstrumentet: skalan och påståendena i områden."""

    model_config = ConfigDict(extra="forbid")
    scale: Scale = Field(default_factory=Scale)
    areas: list[Area] = Field(min_length=1)

    @model_validator(mode="after")
    def _distinct_ids(self) -> Instrument:
        seen: set[str] = set()
        for statement in self.statements():
            if statement.id in seen:
                raise ValueError(f"påståendet '{statement.id}' står två gånger – ge varje påstående ett eget id")
            seen.add(statement.id)
        return self

    def statements(self) -> Iterator[Statement]:
        for area in self.areas:
            yield from area.statements

    def statement(self, statement_id: str) -> Statement | None:
        return next((s for s in self.statements() if s.id == statement_id), None)
