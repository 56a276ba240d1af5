"""Validation of centre files: load → schema → fill-in → domain rules, every finding positioned.

`check_centre` never raises for a problem in the user's input: whatever is wrong ends up as a
:class:`Diagnostic` at `FILE:LINE:COL` with a key path, a message that says what to do and a code.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from pydantic import ValidationError

from .diagnostics import ERROR, WARNING, Diagnostic, Issue, KeyPath, format_key
from .errors import FcError, Position
from .loader import PLACEHOLDER, LoadedYaml, load_yaml_file, load_yaml_text
from .model import CentreFile
from .packs import Pack, PackRules, resolve_pack, shipped_packs_dir
from .parallel import Progress, chunk_size, resolve_jobs, settle, worker_pool
from .rules import CODES as RULE_CODES
from .rules import fill_in_issues, pack_issues, run_rules
from .schema_errors import data_path, explain, field_info
from .sources import CentreSource, find_centre_files


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


#: Errors a --draft render tolerates: values not filled in, and the domain rules (the data is
#: incomplete or inconsistent, not malformed); never YAML, schema, pack or template errors, nor
#: ids that point nowhere (the templates follow them).
DRAFT_TOLERATED = {"not-filled", *RULE_CODES} - {
    "reference", "duplicate-id", "administration-principal", "coordinator-employer", "principal-kinds"
}


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
    try:
        checked.model = CentreFile.model_validate(loaded.data)
    except ValidationError as exc:
        issues.extend(_schema_issues(exc, loaded))
    if checked.model is not None:
        try:
            checked.pack = resolve_pack(checked.model.pack, path.parent)
        except FcError as exc:
            if exc.position is None:
                issues.append(Issue(("pack",), "pack", exc.message))
            else:
                elsewhere.append(_pack_diagnostic(exc, exc.position))
        issues.extend(fill_in_issues(checked.model))
        pack_rules = checked.pack.config.rules if checked.pack else PackRules()
        issues.extend(run_rules(checked.model, pack_rules))
        issues.extend(pack_issues(checked.model, checked.pack.config) if checked.pack else ())
    checked.diagnostics = sorted(
        (_position(issue, checked) for issue in issues),
        key=lambda d: (d.line, d.column, d.severity != ERROR),
    )
    checked.diagnostics.extend(elsewhere)
    return checked


def _pack_diagnostic(exc: FcError, position: Position) -> Diagnostic:
    return Diagnostic(display_path(Path(position.file)), position.line, position.column, ERROR, "pack",
                      exc.key or "", exc.message)


def _position(issue: Issue, checked: CheckedCentre) -> Diagnostic:
    assert checked.loaded is not None
    pos = checked.loaded.source.position(issue.path, at_key=issue.at_key)
    message = issue.message
    if issue.code == "not-filled" and issue.path in checked.loaded.placeholders:
        message = message.replace("är inte ifylld", f"är inte ifylld (står som {PLACEHOLDER})", 1)
    return Diagnostic(checked.display, pos.line, pos.column, issue.severity, issue.code, format_key(issue.path), message)


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
        if path in loaded.placeholders:
            info = field_info(path, CentreFile)
            description = (info.description or "").rstrip(".") if info else ""
            issues.append(Issue(path, "not-filled", f"är inte ifylld – {description}"))
            continue
        code = {"missing": "missing", "extra_forbidden": "unknown-key"}.get(kind, "type")
        issues.append(Issue(path, code, explain(error, path, CentreFile), at_key=kind == "extra_forbidden"))
    return issues


# ---- many files -----------------------------------------------------------------------------


def validate_paths(
    paths: list[Path], strict: bool = False, jobs: int | None = None, progress: Progress | None = None,
    *, stdin: bytes | None = None,
) -> tuple[int, list[Diagnostic], bool]:
    """Check every centre file under *paths*; returns (files, diagnostics, ok).

    Each centre's findings come in file order, followed by those in its pack's files when the
    centre is the first to use that pack (a pack is checked once per run): pack.yaml, and, for a
    repository's own pack (a folder path in `pack:`), its templates. With *strict* every warning
    is reported, and counts, as an error. With *jobs* > 1 the files are checked in that many
    processes (None: one per CPU); the report is the same as with one. *progress* is told each
    file checked. A PATH `-` is the centre file whose bytes are *stdin*.
    """
    from .lint import lint_pack

    files = find_centre_files(paths, stdin)
    diagnostics: list[Diagnostic] = []
    reported_elsewhere: set[Diagnostic] = set()
    linted: set[Path] = set()
    shipped = shipped_packs_dir().resolve()
    for checked in _checked_in_order(files, jobs, progress):
        for diagnostic in checked.diagnostics:
            if diagnostic.file != checked.display:
                if diagnostic in reported_elsewhere:
                    continue
                reported_elsewhere.add(diagnostic)
            diagnostics.append(diagnostic)
        pack = checked.pack
        if pack is not None and pack.folder.resolve() not in linted:
            linted.add(pack.folder.resolve())
            if pack.folder.resolve().parent != shipped:
                diagnostics.extend(lint_pack(pack, display_path))
    if strict:
        diagnostics = [
            dataclasses.replace(d, severity=ERROR) if d.severity == WARNING else d for d in diagnostics
        ]
    ok = not any(d.severity == ERROR for d in diagnostics)
    return len(files), diagnostics, ok


#: When fc chooses the number of processes, each checks at least this many files: starting a
#: worker costs about as much as checking them.
FILES_PER_WORKER = 40


def _checked_in_order(
    files: list[CentreSource], jobs: int | None, progress: Progress | None
) -> Iterator[CheckedCentre]:
    """Each file checked, in the order of *files*: here, or in *jobs* worker processes."""
    processes = resolve_jobs(jobs, len(files), per_process=FILES_PER_WORKER)
    if processes == 1:
        if progress is not None:
            progress.start(len(files))
        for source in files:
            checked = check_centre(source.path, source.display, source.data)
            if progress is not None:
                progress.advance()
            yield checked
        return
    # the first file is checked here: the YAML reader, the pack and the rules are then loaded
    # once, and every worker starts with them
    first = check_centre(files[0].path, files[0].display, files[0].data)
    settle()
    with worker_pool(processes) as pool:
        if progress is not None:  # after the workers are forked: the bar draws from a thread
            progress.start(len(files))
            progress.advance()
        yield first
        rest = files[1:]
        for checked in pool.map(_check_for_report, rest, chunksize=chunk_size(len(rest), processes)):
            if progress is not None:
                progress.advance()
            yield checked


def _check_for_report(source: CentreSource) -> CheckedCentre:
    """In a worker: what the report needs of one file (its findings and pack), not its data."""
    checked = check_centre(source.path, source.display, source.data)
    return dataclasses.replace(checked, loaded=None, model=None)
