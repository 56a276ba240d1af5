"""Finding, reading and checking the results files beside a centre file (`rapport-ÅÅÅÅ.yaml`).

:func:`check_results` never raises for bad input: every problem in a results file or the survey CSV
it names is a :class:`~fc_cli.diagnostics.Diagnostic` at that file's FILE:LINE:COL with its key path,
worded like the centre file's. What validates is handed on as :class:`YearResults`, one per year.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..diagnostics import Diagnostic, Issue, KeyPath, format_key
from ..errors import FcError, Position
from ..load import PLACEHOLDER, LoadedYaml, load_yaml_file
from ..model import CentreFile
from ..schema_errors import data_path, explain, field_info
from .instrument import Instrument
from .model import ResultsFile, SurveyQuestion
from .survey import read_survey_csv

RESULTS_FILE = re.compile(r"^rapport-(\d{4})\.yaml$")


@dataclass
class YearResults:
    """One year's results, checked: the file's data and the survey's questions (from YAML or CSV)."""

    year: int
    data: ResultsFile
    questions: list[SurveyQuestion] = field(default_factory=list)


def results_files(folder: Path) -> list[tuple[int, Path]]:
    """The results files in *folder*, by year."""
    try:
        names = sorted(p.name for p in folder.iterdir())
    except OSError:
        return []
    return [(int(m.group(1)), folder / name) for name in names if (m := RESULTS_FILE.match(name))]


def check_results(
    folder: Path, display_folder: Path, model: CentreFile, instrument: Instrument | None
) -> tuple[list[YearResults], list[Diagnostic]]:
    """Every results file beside a centre file, checked against the centre and its pack's instrument."""
    years: list[YearResults] = []
    found: list[Diagnostic] = []
    for year, path in results_files(folder):
        checker = _Checker(path, str(display_folder / path.name), model, instrument)
        result = checker.run(year)
        found.extend(sorted(checker.diagnostics, key=lambda d: (d.file != checker.display, d.line, d.column)))
        if result is not None:
            years.append(result)
    return years, found


class _Checker:
    def __init__(self, path: Path, display: str, model: CentreFile, instrument: Instrument | None):
        self.path, self.display, self.model, self.instrument = path, display, model, instrument
        self.diagnostics: list[Diagnostic] = []
        self.loaded: LoadedYaml | None = None

    def add(self, issue: Issue) -> None:
        assert self.loaded is not None
        pos = self.loaded.source.position(issue.path, at_key=issue.at_key)
        message = issue.message
        if issue.path in self.loaded.placeholders:
            message = message.replace("är inte ifylld", f"är inte ifylld (står som {PLACEHOLDER})", 1)
        self.diagnostics.append(
            Diagnostic(self.display, pos.line, pos.column, issue.severity, issue.code, format_key(issue.path), message)
        )

    def at(self, position: Position, code: str, key: str, message: str) -> None:
        from ..codes import severity_of

        self.diagnostics.append(Diagnostic(position.file, position.line or 1, position.column or 1,
                                           severity_of(code), code, key, message))

    def run(self, year: int) -> YearResults | None:
        try:
            self.loaded = load_yaml_file(self.path, display_name=self.display)
        except FcError as exc:
            message = exc.message
            if message.startswith("filen är tom"):
                message = (f"resultatfilen är tom – fyll i årets resultat (formatet står i templates/README.md, "
                           f"'Årets resultat') eller ta bort {self.path.name}")
            self.at(exc.position or Position(self.display), "yaml", exc.key or "", message)
            return None
        loaded = self.loaded
        for path in loaded.placeholders:
            info = field_info(path, ResultsFile)
            hint = (info.description or "").rstrip(".") if info else "fyll i värdet"
            self.add(Issue(path, "not-filled", f"är inte ifylld – {hint[:1].lower() + hint[1:]}"))
        try:
            data = ResultsFile.model_validate(loaded.data)
        except ValidationError as exc:
            seen: set[KeyPath] = set()
            for error in exc.errors(include_url=False):
                path = data_path(tuple(error["loc"]), loaded.data, ResultsFile)
                if path in seen or path in loaded.placeholders:
                    continue
                seen.add(path)
                kind = error["type"]
                code = {"missing": "missing", "extra_forbidden": "unknown-key"}.get(kind, "type")
                self.add(Issue(path, code, _explain(error, path), at_key=kind == "extra_forbidden"))
            return None
        self.self_reflection(data)
        questions = self.survey(data)
        self.statistics(data)
        return YearResults(year, data, questions)

    # ---- the parts ----------------------------------------------------------------------------
    def self_reflection(self, data: ResultsFile) -> None:
        reflection = data.self_reflection
        if reflection is None:
            return
        instrument = self.instrument
        if instrument is None:
            self.add(Issue(("self_reflection",), "reference",
                           "mallpaketet har ingen självreflektion (self_reflection i pack.yaml) – lägg till "
                           "instrumentet i paketet, eller ta bort self_reflection här", at_key=True))
            return
        scale = instrument.scale
        ids = [s.id for s in instrument.statements()]
        for statement_id, entry in reflection.statements.items():
            path: KeyPath = ("self_reflection", "statements", statement_id)
            if instrument.statement(statement_id) is None:
                close = difflib.get_close_matches(statement_id, ids, n=1)
                hint = f"menade du '{close[0]}'? " if close else ""
                self.add(Issue(path, "reference",
                               f"påståendet '{statement_id}' finns inte i mallpaketets självreflektion – {hint}"
                               "id:na står under self_reflection i paketets pack.yaml (och i templates/README.md)",
                               at_key=True))
            elif entry.position is not None and not scale.low <= entry.position <= scale.high:
                self.add(Issue((*path, "position"), "results-scale",
                               f"{entry.position} ligger utanför skalan {scale.low}–{scale.high} ({scale.low} = "
                               f"{scale.low_label}, {scale.high} = {scale.high_label}) – skriv gruppens "
                               f"ställningstagande som ett heltal från {scale.low} till {scale.high}"))
        missing = [s.id for s in instrument.statements()
                   if s.id not in reflection.statements and (not s.requires or self.model.has(s.requires))]
        if missing:
            self.add(Issue(("self_reflection", "statements"), "results-missing",
                           f"{len(missing)} av instrumentets påståenden saknar ställningstagande: {', '.join(missing)} "
                           "– lägg till dem, så visar rapporten hela profilen", at_key=True))

    def survey(self, data: ResultsFile) -> list[SurveyQuestion]:
        survey = data.parent_survey
        if survey is None:
            return []
        if survey.file and survey.questions:
            self.add(Issue(("parent_survey", "questions"), "survey-file",
                           "enkäten står både i en CSV-fil (file) och här (questions) – behåll det ena", at_key=True))
            return []
        rows: list[tuple[SurveyQuestion, Any]] = []
        if survey.file:
            csv_path = self.path.parent / survey.file
            csv_name = str(Path(self.display).parent / survey.file)
            if not csv_path.resolve().is_relative_to(self.path.parent.resolve()):  # no file from elsewhere
                self.add(Issue(("parent_survey", "file"), "survey-file",
                               f"enkätfilen {survey.file} ligger utanför centrumets mapp – lägg CSV-filen bredvid "
                               "resultatfilen (eller i en mapp under den) och skriv sökvägen relativt den"))
                return []
            try:
                read = read_survey_csv(csv_path, csv_name, survey.scale)
            except FcError as exc:
                self.at(exc.position or Position(csv_name), "survey-file", "parent_survey.file", exc.message)
                return []
            rows = [(row.question, Position(csv_name, row.line, row.columns.get("svarande", 1))) for row in read]
        else:
            rows = [(q, ("parent_survey", "questions", i)) for i, q in enumerate(survey.questions)]
        scale = survey.scale
        steps = scale.high - scale.low + 1
        ok = True
        for question, where in rows:
            problems: list[tuple[str, str, str]] = []  # (code, key below the question, message)
            if question.answers is not None and len(question.answers) != steps:
                problems.append(("results-scale", "answers",
                                 f"svaren har {len(question.answers)} tal men svarsskalan {steps} steg "
                                 f"({scale.low}–{scale.high}) – ett tal per steg, från {scale.low} till {scale.high}"))
            if question.mean is not None and not scale.low <= question.mean <= scale.high:
                problems.append(("results-scale", "mean",
                                 f"medelvärdet {str(question.mean).replace('.', ',')} ligger utanför svarsskalan "
                                 f"{scale.low}–{scale.high} – kontrollera sammanställningen"))
            answered = sum(question.answers or [])
            if question.respondents is not None and answered > question.respondents:
                problems.append(("survey-answers", "answers",
                                 f"frågan '{question.question}' har {answered} svar men {question.respondents} "
                                 "svarande "
                                 "– en förälder svarar en gång per fråga: rätta antalet svarande eller svaren"))
            elif survey.respondents is not None and (question.respondents or 0) > survey.respondents:
                problems.append(("survey-answers", "respondents",
                                 f"frågan '{question.question}' har {question.respondents} svarande men enkäten "
                                 f"{survey.respondents} (parent_survey.respondents) – rätta det ena"))
            for code, key, message in problems:
                ok = False
                if isinstance(where, Position):
                    self.at(where, code, "parent_survey.file", message)
                else:
                    self.add(Issue((*where, key), code, message))
        return [q for q, _ in rows] if ok else []

    def statistics(self, data: ResultsFile) -> None:
        stats = data.statistics
        if stats is None:
            return
        known = [s.id for s in self.model.services]
        for service_id in stats.visits_by_service:
            if service_id not in known:
                self.add(Issue(("statistics", "visits_by_service", service_id), "reference",
                               f"verksamheten '{service_id}' finns inte i centrumfilen – verksamheterna är "
                               f"{', '.join(known)}", at_key=True))


def _explain(error: Any, path: KeyPath) -> str:
    """pydantic's error in Swedish; a list of the wrong length said here (the centre file has none)."""
    ctx = error.get("ctx") or {}
    if error["type"] in ("too_long", "too_short"):
        actual = ctx.get("actual_length")
        if path == ("next_goals",):
            return f"har {actual} mål – verksamhetsplanen har två prioriterade mål; ta bort de övriga"
        if path[-1] == "visits_by_month":
            return f"har {actual} tal – skriv tolv, ett per månad från januari till december"
        wanted = ctx.get("max_length") if error["type"] == "too_long" else ctx.get("min_length")
        limit = "högst" if error["type"] == "too_long" else "minst"
        return f"har {actual} poster men ska ha {limit} {wanted}"
    return explain(error, path, ResultsFile)
