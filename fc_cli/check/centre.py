"""Checking one centre file: load → schema → fill-in → domain rules, every finding positioned.

`check_centre` never raises for a problem in the user's input: whatever is wrong ends up as a
:class:`Diagnostic` at `FILE:LINE:COL` with a key path, a message that says what to do and a code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..codes import DRAFT_TOLERATED
from ..diagnostics import ERROR, WARNING, Diagnostic, Issue, KeyPath, format_key
from ..documents import DOCUMENTS
from ..economy import NO_ECONOMY
from ..errors import FcError, Position
from ..load import PLACEHOLDER, LoadedYaml, load_yaml_file, load_yaml_text
from ..model import CentreFile
from ..packs import Pack, PackRules, resolve_pack
from ..results.files import YearResults, check_results
from ..schema_errors import data_path, explain
from .fields import field_issues
from .fill_in import not_filled
from .rules import pack_issues, run_rules
from .rules.tasks import task_issues

#: Sections of a centre file asked for only when the pack's documents or templates use them.
OPTIONAL_SECTIONS = (*DOCUMENTS, "economy")


@dataclass
class CheckedCentre:
    """One centre file after validation."""

    path: Path
    display: str
    loaded: LoadedYaml | None = None
    model: CentreFile | None = None
    pack: Pack | None = None
    results: list[YearResults] = field(default_factory=list)  # the results files beside it (fc_cli.results)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == ERROR]

    def only_fill_in_errors(self) -> bool:
        """True when every error is a value not filled in yet (what a draft may render)."""
        return self.model is not None and self.pack is not None and all(
            d.code in DRAFT_TOLERATED for d in self.errors
        )


def display_path(path: Path) -> str:
    """A path as printed: relative to the working folder when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def check_centre(path: Path, display: str | None = None, data: bytes | None = None) -> CheckedCentre:
    """Load, check the schema and the domain rules of one centre file; never raises for bad input.

    *data* is the file's content when it did not come from *path* (standard input).
    """
    checked = CheckedCentre(path=path, display=display or str(path))
    try:
        if data is None:
            checked.loaded = load_yaml_file(path, display_name=checked.display)
        else:
            checked.loaded = load_yaml_text(data, checked.display)
    except FcError as exc:
        pos = exc.position
        checked.diagnostics.append(
            Diagnostic(checked.display, pos.line if pos else 1, pos.column if pos else 1, ERROR, "yaml",
                       exc.key or "", exc.message)
        )
        return checked
    loaded = checked.loaded
    issues: list[Issue] = []
    elsewhere: list[Diagnostic] = []  # problems in the pack's own files
    schema_paths: set[KeyPath] = set()
    try:
        checked.model = CentreFile.model_validate(loaded.data)
    except ValidationError as exc:
        schema = _schema_issues(exc, loaded)
        schema_paths = {issue.path for issue in schema}
        issues.extend(i for i in schema if i.path not in loaded.placeholders)  # not-filled says those
    issues.extend(not_filled(loaded.placeholders, checked.model, schema_paths))
    if checked.model is not None:
        try:
            checked.pack = resolve_pack(checked.model.pack, path.parent)
        except FcError as exc:
            if exc.position is None:
                issues.append(Issue(("pack",), "pack", exc.message))
            else:
                elsewhere.append(_pack_diagnostic(exc, exc.position))
        if checked.pack is not None and checked.pack.reference_docx is not None:
            from ..word.reference import reference_notes, reference_problem  # python-docx only when needed

            problem = reference_problem(checked.pack)
            if problem is not None and problem.position is not None:
                elsewhere.append(_pack_diagnostic(problem, problem.position))
            for code, note in reference_notes(checked.pack):
                elsewhere.append(_reference_warning(checked.pack, code, note))
        if checked.pack is not None and data is None:  # a file on standard input has no folder of its own
            instrument = checked.pack.config.self_reflection
            checked.results, found = check_results(path.parent, Path(checked.display).parent, checked.model, instrument)
            elsewhere.extend(found)
        pack_rules = checked.pack.config.rules if checked.pack else PackRules()
        issues.extend(run_rules(checked.model, pack_rules))
        issues.extend(pack_issues(checked.model, checked.pack.config) if checked.pack else ())
        issues.extend(task_issues(checked.model, checked.pack.config) if checked.pack else ())
    pack = checked.pack if checked.model is not None else _pack_quietly(loaded, path)
    used: frozenset[str] | None = None  # what the pack uses; None: no pack to ask
    if pack is not None:
        issues.extend(field_issues(checked.model, loaded, pack))
        # a section of a document the pack neither has nor reads is not asked for
        used = pack.sections_used()
        issues = [i for i in issues
                  if not (i.code == "not-filled" and i.path[0] in OPTIONAL_SECTIONS and i.path[0] not in used)]
    # the economy is asked for when a template of the pack reads it, or when there is no pack to ask
    has_economy = isinstance(loaded.data, dict) and loaded.data.get("economy") is not None
    if not has_economy and (used is None or "economy" in used) and ("economy",) not in schema_paths:
        issues.append(Issue(("economy",), "missing", NO_ECONOMY))
    checked.diagnostics = sorted(
        (_position(issue, checked) for issue in issues),
        key=lambda d: (d.line, d.column, d.severity != ERROR),
    )
    checked.diagnostics.extend(elsewhere)
    return checked


def _pack_quietly(loaded: LoadedYaml, path: Path) -> Pack | None:
    """The pack a centre file that does not validate names, if it can be found (for its own fields
    and its documents; a problem with it is reported once the file validates)."""
    reference = loaded.data.get("pack") if isinstance(loaded.data, dict) else None
    if not isinstance(reference, str) or not reference.strip():
        return None
    try:
        return resolve_pack(reference, path.parent)
    except FcError:
        return None


def _reference_warning(pack: Pack, code: str, message: str) -> Diagnostic:
    """A warning about the pack's reference document, at its name in pack.yaml."""
    position = pack.position(("reference_docx",))
    return Diagnostic(display_path(Path(position.file)), position.line, position.column, WARNING, code,
                      "reference_docx", message)


def _pack_diagnostic(exc: FcError, position: Position) -> Diagnostic:
    return Diagnostic(display_path(Path(position.file)), position.line, position.column, ERROR, "pack",
                      exc.key or "", exc.message)


def _position(issue: Issue, checked: CheckedCentre) -> Diagnostic:
    assert checked.loaded is not None
    pos = checked.loaded.source.position(issue.path, at_key=issue.at_key)
    message = issue.message
    if issue.code == "not-filled" and issue.path in checked.loaded.placeholders:
        message = message.replace("är inte ifylld", f"är inte ifylld (står som {PLACEHOLDER})", 1)
    key = format_key(issue.path)
    return Diagnostic(checked.display, pos.line, pos.column, issue.severity, issue.code, key, message)


# ---- pydantic errors in Swedish, with what to do ------------------------------------------------

def _schema_issues(exc: ValidationError, loaded: LoadedYaml) -> list[Issue]:
    issues: list[Issue] = []
    seen: set[KeyPath] = set()
    for error in exc.errors(include_url=False):
        path = data_path(tuple(error["loc"]), loaded.data, CentreFile)
        if path in seen:  # a union reports once per alternative: keep the first
            continue
        seen.add(path)
        kind = error["type"]
        code = {"missing": "missing", "extra_forbidden": "unknown-key"}.get(kind, "type")
        issues.append(Issue(path, code, explain(error, path, CentreFile), at_key=kind == "extra_forbidden"))
    return issues
