"""What the report template sees of the year's results: `results`, with its rows and charts.

The template words the report; this module shapes the data (rows of tables, the numbers of a
chart, what moved since last year), as templates/README.md documents under "Årets resultat".
A section whose data is missing gets empty rows, so the report stays a form to fill in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..formatting import decimal
from ..model import CentreFile
from .files import YearResults
from .instrument import Area, Instrument, Statement
from .model import FollowedGoal, NextGoal, SurveyQuestion

#: The five goals the parent survey follows up (the agreement's "Målen skall uppnås genom att")
GOALS = (
    "Vara lättillgänglig som nära mötesplats",
    "Stärka det sociala nätverket runt barn och föräldrar",
    "Skapa arbetsformer där barn och föräldrar är delaktiga",
    "Erbjuda ett lättillgängligt stöd",
    "Vara ett kunskaps- och informationscentrum",
)
MET = {"ja": "Uppnått", "delvis": "Delvis uppnått", "nej": "Inte uppnått"}


def _mean(question: SurveyQuestion, low: int) -> float | None:
    if question.mean is not None:
        return question.mean
    answers = question.answers or []
    total = sum(answers)
    return sum((low + i) * n for i, n in enumerate(answers)) / total if total else None


def _labels(area: Area) -> list[str]:
    """The statements' labels, a label the area has twice (Jämtland's "Kurator") numbered."""
    labels: list[str] = []
    for statement in area.statements:
        seen = sum(1 for label in labels if label.split(" (")[0] == statement.label)
        labels.append(f"{statement.label} ({seen + 1})" if seen else statement.label)
    return labels


def _number(value: float | None) -> str:
    return "" if value is None else decimal(value, 1)


@dataclass
class ReportResults:
    """The results a report about `year` has: this year's, last year's and every year's."""

    year: int | None
    years: list[YearResults] = field(default_factory=list)
    instrument: Instrument | None = None
    centre: CentreFile | None = None

    # ---- which years --------------------------------------------------------------------------
    def of(self, year: int | None) -> YearResults | None:
        return next((y for y in self.years if y.year == year), None) if year is not None else None

    @property
    def current(self) -> YearResults | None:
        return self.of(self.year)

    @property
    def previous(self) -> YearResults | None:
        return self.of(self.year - 1) if self.year is not None else None

    @property
    def compared(self) -> bool:
        """True when this year and last year both have a self-reflection (the report compares them)."""
        return bool(self.current and self.previous and self.current.data.self_reflection
                    and self.previous.data.self_reflection)

    # ---- the self-reflection ------------------------------------------------------------------
    @property
    def areas(self) -> list[Area]:
        """The instrument's areas, each with the statements that apply to this centre."""
        if self.instrument is None:
            return []
        name = self.centre.centre.name if self.centre and self.centre.centre.name else "familjecentralen"
        applies = [Area(name=a.name, statements=[
            s.model_copy(update={"label": s.label.replace("{centre}", name), "text": s.text.replace("{centre}", name)})
            for s in a.statements if self._applies(s)]) for a in self.instrument.areas]
        return [a for a in applies if a.statements]

    def _applies(self, statement: Statement) -> bool:
        return not statement.requires or self.centre is None or self.centre.has(statement.requires)

    def position(self, statement: Statement, year: int | None = None) -> int | None:
        found = self.of(self.year if year is None else year)
        reflection = found.data.self_reflection if found else None
        entry = reflection.statements.get(statement.id) if reflection else None
        return entry.position if entry else None

    @property
    def respondents(self) -> int | None:
        reflection = self.current.data.self_reflection if self.current else None
        return reflection.respondents if reflection else None

    def scale_header(self, first: str) -> list[str]:
        scale = self.instrument.scale if self.instrument else None
        return [first, *(str(s) for s in (scale.steps if scale else range(1, 6)))]

    def reflection_rows(self, area: Area) -> list[list[str]]:
        """Bilaga 4's table for one area: the statement with an X on the agreed step, then its comment."""
        steps = self.instrument.scale.steps if self.instrument else list(range(1, 6))
        reflection = self.current.data.self_reflection if self.current else None
        rows = []
        for statement in area.statements:
            entry = reflection.statements.get(statement.id) if reflection else None
            marks = ["X" if entry and entry.position == s else "" for s in steps]
            rows.append([f"{statement.label} – {statement.text}", *marks])
            comment = entry.comment if entry and entry.comment else ""
            count = f" ({entry.respondents} svarande)" if entry and entry.respondents else ""
            rows.append([f"Kommentar:{count} {comment}".rstrip(), *[""] * len(steps)])
        return rows

    def reflection_chart(self, area: Area) -> tuple[list[str], list[list[Any]]]:
        """The profile of one area: header (Påstående, last year, this year) and one row per statement."""
        years = [y for y in (self.year - 1 if self.year else None, self.year)
                 if y is not None and (found := self.of(y)) is not None and found.data.self_reflection]
        labelled = zip(_labels(area), area.statements, strict=True)
        rows = [[label, *(self.position(s, y) for y in years)] for label, s in labelled]
        return ["Påstående", *(str(y) for y in years)], rows

    def changes(self) -> dict[str, list[str]]:
        """What moved since last year: 'better' (towards the scale's first step), 'worse', 'same'."""
        moved: dict[str, list[str]] = {"better": [], "worse": [], "same": []}
        if not self.compared or self.year is None:
            return moved
        for area in self.areas:
            for label, statement in zip(_labels(area), area.statements, strict=True):
                before, after = self.position(statement, self.year - 1), self.position(statement, self.year)
                if before is None or after is None:
                    continue
                kind = "better" if after < before else "worse" if after > before else "same"
                moved[kind].append(label if kind == "same" else f"{label} ({before} → {after})")
        return moved

    # ---- the parent survey ---------------------------------------------------------------------
    def survey_rows(self) -> list[list[str]]:
        current = self.current
        if current is None or current.data.parent_survey is None:
            return []
        low = current.data.parent_survey.scale.low
        return [[f"Mål {q.goal}", q.question, str(q.respondents) if q.respondents is not None else "",
                 _number(_mean(q, low))] for q in current.questions]

    def survey_chart(self) -> tuple[list[str], list[list[Any]]]:
        """The survey per goal 1–5: the mean of each goal's questions, last year beside this year."""
        years = [y for y in ((self.year - 1, self.year) if self.year else ())
                 if (found := self.of(y)) is not None and found.questions]
        rows = []
        for goal in range(1, 6):
            values = []
            for y in years:
                found = self.of(y)
                assert found is not None and found.data.parent_survey is not None
                low = found.data.parent_survey.scale.low
                means = [m for q in found.questions if q.goal == goal and (m := _mean(q, low)) is not None]
                values.append(round(sum(means) / len(means), 1) if means else None)
            if any(v is not None for v in values):
                rows.append([f"Mål {goal}: {GOALS[goal - 1]}", *values])
        return ["Mål", *(str(y) for y in years)], rows

    @property
    def survey(self) -> Any:
        return self.current.data.parent_survey if self.current else None

    # ---- statistics --------------------------------------------------------------------------
    @property
    def statistics(self) -> Any:
        """This year's statistics from its results file (None: the centre file's `report.statistics`)."""
        return self.current.data.statistics if self.current else None

    def visits_by_year(self) -> tuple[list[str], list[list[Any]]]:
        """Visits per year, for every year fc has them (the centre file's for the report's year)."""
        visits: dict[int, int] = {}
        for found in self.years:
            if found.data.statistics is not None and found.data.statistics.visits is not None:
                visits[found.year] = found.data.statistics.visits
        if self.centre is not None and self.year is not None and self.year not in visits:
            own = self.centre.report.statistics.visits
            if isinstance(own, int):
                visits[self.year] = own
        return ["År", "Besök"], [[str(y), visits[y]] for y in sorted(visits)]

    def visits_by_month(self) -> tuple[list[str], list[list[Any]]]:
        from ..formatting import month_name

        stats = self.current.data.statistics if self.current else None
        if stats is None or stats.visits_by_month is None:
            return ["Månad", "Besök"], []
        months = enumerate(stats.visits_by_month, 1)
        return ["Månad", "Besök"], [[str(month_name(m)).capitalize(), v] for m, v in months]

    def visits_by_service(self) -> list[list[str]]:
        stats = self.current.data.statistics if self.current else None
        if stats is None or self.centre is None:
            return []
        names = {s.id: s.name for s in self.centre.services}
        return [[names.get(k, k), f"{v:,}".replace(",", "\u00a0")] for k, v in stats.visits_by_service.items()]

    # ---- quotes and goals --------------------------------------------------------------------
    def quote_rows(self) -> list[list[str]]:
        return [[q.text, q.speaker] for q in self.current.data.quotes] if self.current else []

    @property
    def previous_goals(self) -> list[FollowedGoal]:
        """This year's priority goals: as followed up in this year's file, else as chosen last year."""
        if self.current and self.current.data.previous_goals:
            return self.current.data.previous_goals
        if self.previous and self.previous.data.next_goals:
            return [FollowedGoal(goal=g.goal) for g in self.previous.data.next_goals]
        return []

    def previous_goal_rows(self) -> list[list[str]]:
        return [[g.goal, g.work or "", g.evaluation or "", MET.get(g.met or "", "")] for g in self.previous_goals]

    def goals_met(self) -> dict[str, list[str]]:
        met: dict[str, list[str]] = {"ja": [], "delvis": [], "nej": []}
        for goal in self.previous_goals:
            if goal.met:
                met[goal.met].append(goal.goal.rstrip("."))
        return met

    @property
    def next_goals(self) -> list[NextGoal]:
        return self.current.data.next_goals if self.current else []

    def next_goal_rows(self, word: str | None = None) -> list[list[str]]:
        """Next year's two goals as rows (goal, measures, evaluation), blank rows for goals not chosen
        yet; numbered "1. …", or with *word* "Mål 1: …"."""
        def label(i: int, goal: str) -> str:
            if word:
                return f"{word} {i}: {goal}" if goal else f"{word} {i}"
            return f"{i}. {goal}" if goal else f"{i}."

        rows = [[label(i, g.goal), g.measures or "", g.evaluation or ""] for i, g in enumerate(self.next_goals, 1)]
        return rows + [[label(i, ""), "", ""] for i in range(len(rows) + 1, 3)]
