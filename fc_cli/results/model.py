"""The data model of one results file, `rapport-ÅÅÅÅ.yaml` beside a centre file (pydantic v2).

The year is the file's name: `rapport-2026.yaml` holds what happened in 2026 and what is planned
for 2027. Every part is optional: a report whose section has no data keeps its guidance and blanks.
Field names are English; every field carries the Swedish description the messages reuse.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..model import MAX_COUNT, Id, Statistics, Strict

Count = int
Speaker = Literal["kvinna", "man", "annan"]
Met = Literal["ja", "delvis", "nej"]


class Reflection(Strict):
    position: int | None = Field(
        None, description="Gruppens gemensamma ställningstagande på skalan, t.ex. 2 (1 = Fungerar)."
    )
    respondents: int | None = Field(
        None, ge=1, le=1000, description="Antal svarande för just det här påståendet (tomt = hela gruppens)."
    )
    comment: str | None = Field(None, description="Gruppens kommentar till påståendet (valfri).")


class SelfReflection(Strict):
    respondents: int | None = Field(
        None, ge=1, le=1000, description="Antal svarande i personalgruppen, t.ex. 9."
    )
    statements: dict[str, Reflection] = Field(
        default_factory=dict,
        description="Ställningstagandet per påstående, med påståendets id ur mallpaketets självreflektion.",
    )


class SurveyScale(Strict):
    low: int = Field(1, ge=0, le=10, description="Svarsskalans första steg, t.ex. 1.")
    high: int = Field(5, ge=1, le=10, description="Svarsskalans sista steg, t.ex. 5.")
    low_label: str = Field("Stämmer inte alls", min_length=1, description="Vad det första steget betyder.")
    high_label: str = Field("Stämmer helt", min_length=1, description="Vad det sista steget betyder.")


class SurveyQuestion(Strict):
    goal: int = Field(ge=1, le=5, description="Vilket av verksamhetens mål 1–5 frågan följer upp.")
    question: str = Field(min_length=1, description="Frågan, som den stod i enkäten.")
    respondents: int | None = Field(None, ge=0, le=MAX_COUNT, description="Antal som svarade på frågan.")
    answers: list[Count] | None = Field(
        None, description="Antal svar per steg på svarsskalan, från första till sista steget, t.ex. [2, 5, 20, 40, 45]."
    )
    mean: float | None = Field(None, description="Medelvärdet, när svaren inte redovisas per steg, t.ex. 4.3.")


class Survey(Strict):
    respondents: int | None = Field(None, ge=0, le=MAX_COUNT, description="Antal föräldrar som besvarade enkäten.")
    scale: SurveyScale = Field(default_factory=SurveyScale, description="Enkätens svarsskala.")
    file: str | None = Field(
        None,
        description=(
            "CSV-filen med enkätens sammanställning, relativt resultatfilen (kolumner: se templates/README.md)."
        ),
    )
    questions: list[SurveyQuestion] = Field(
        default_factory=list, description="Frågorna, när de inte står i en CSV-fil."
    )


class YearStatistics(Statistics):
    visits_by_month: list[Count] | None = Field(
        None, min_length=12, max_length=12, description="Besök per månad, januari till december (tolv tal)."
    )
    visits_by_service: dict[Id, Count] = Field(
        default_factory=dict, description="Besök per verksamhet, med verksamhetens id ur centrumfilen."
    )


class Quote(Strict):
    text: str = Field(min_length=1, description="Citatet, som föräldern sa eller skrev det.")
    speaker: Speaker = Field(description="Markera kvinna, man eller annan.")


class FollowedGoal(Strict):
    goal: str = Field(min_length=1, description="Målet, som det valdes förra året.")
    work: str | None = Field(None, description="Hur ni har arbetat med målet.")
    evaluation: str | None = Field(None, description="Hur målet har utvärderats, och vad det gav.")
    met: Met | None = Field(None, description="Om målet uppnåddes: ja, delvis eller nej.")


class NextGoal(Strict):
    goal: str = Field(min_length=1, description="Målet för nästa år.")
    measures: str | None = Field(None, description="Så arbetar ni med målet.")
    evaluation: str | None = Field(None, description="Så utvärderas målet.")


class ResultsFile(Strict):
    """Årets resultat för verksamhetsberättelsen (filen heter rapport-ÅÅÅÅ.yaml)."""

    self_reflection: SelfReflection | None = Field(
        None, description="Självreflektionen: personalens gemensamma resultat."
    )
    parent_survey: Survey | None = Field(None, description="Föräldraenkäten.")
    statistics: YearStatistics | None = Field(None, description="Statistik för året.")
    quotes: list[Quote] = Field(default_factory=list, description="Citat från föräldrarna.")
    previous_goals: list[FollowedGoal] = Field(
        default_factory=list, description="Årets prioriterade mål (valda förra året): hur ni arbetat och utvärderat."
    )
    next_goals: list[NextGoal] = Field(
        default_factory=list, max_length=2, description="Nästa års två prioriterade mål, med hur ni ska arbeta med dem."
    )
