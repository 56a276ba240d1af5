"""`report:` – the annual report (verksamhetsberättelse): its year, statistics and last year's goals."""

from __future__ import annotations

from pydantic import Field

from .base import MAX_COUNT, Strict, needed


class Statistic(Strict):
    label: str = Field(min_length=1, description="Vad som räknats, t.ex. 'Besök i öppna förskolan'.")
    value: int | float = Field(ge=0, le=MAX_COUNT, description="Antalet.")


class Statistics(Strict):
    visits: int | None = Field(None, ge=0, le=MAX_COUNT, description="Antal besök under året.")
    expectant_parents: int | None = Field(None, ge=0, le=MAX_COUNT, description="Antal inskrivna gravida.")
    enrolled_children: int | None = Field(None, ge=0, le=MAX_COUNT, description="Antal inskrivna barn på BVC.")
    families_joint_support: int | None = Field(
        None,
        ge=0,
        le=MAX_COUNT,
        description=(
            "Antal familjer i behov av särskilt stöd där två eller fler professioner samarbetat."
        ),
    )
    other: list[Statistic] = Field(default_factory=list, description="Övrig statistik.")


class Report(Strict):
    year: int | None = needed("Året som verksamhetsberättelsen gäller, t.ex. 2026.", ge=2000, le=2100)
    description: str | None = Field(
        None, description="Kort beskrivning av familjecentralen och samhällsstrukturen (valfri)."
    )
    statistics: Statistics = Field(default_factory=Statistics, description="Statistik för året.")
    supervision: str | None = Field(
        None, description="Handledning under året och hur den utvärderats (valfri)."
    )
    previous_goals: list[str] = Field(
        default_factory=list, description="Förra årets prioriterade mål, att reflektera över."
    )
