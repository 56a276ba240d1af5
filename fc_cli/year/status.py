"""`fc status`: one row per centre of a repository — pack, kind, whether it validates, what is left
to fill in, the next deadlines with days left, and whether its committed documents are older than
its data. Printed as text, Markdown (a pull request comment, GitHub's job summary), JSON, or one
HTML page (:mod:`fc_cli.year.page`).

"Older than its data": each rendered document beside the centre file (`<slug>-<centre>.docx`,
`.pdf` or `.md`, as `fc render` names them) is compared with the centre file by the time of the
last commit that changed each, or by the file's modification time where a file is changed in the
working tree, is not committed, or is not in a git repository at all. (A checkout gives every file
the same modification time, so in CI only the commit times tell; check out the whole history.)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .deadlines import OVERDUE, SOON, SOON_DAYS, Deadline, deadlines_on
from .shared import (
    DOCUMENTS,
    ERROR,
    WARNING,
    CentreSource,
    CheckedCentre,
    Diagnostic,
    FcError,
    UsageError,
    centre_slug,
    check_centre,
    chunk_size,
    display_path,
    error_diagnostic,
    find_centre_files,
    lint_own_pack,
    resolve_jobs,
    settle,
    worker_pool,
    write_file,
)

FORMATS = ("text", "md", "json", "html")
DOCUMENT_SUFFIXES = ("docx", "pdf", "md")
KIND_SHORT = {"familjecentral": "FC", "familjecentralsliknande": "FCLV"}
#: Deadlines a text line and a Markdown row show (JSON and HTML show all of the coming year).
SHOWN = 2


@dataclass(frozen=True)
class Document:
    """A rendered document found beside a centre file."""

    path: Path
    display: str
    document: str  #: its id: intent, agreement, coordinator, report
    stale: bool


@dataclass
class Row:
    """What `fc status` knows about one centre file."""

    display: str
    path: Path
    name: str
    pack: str
    kind: str  #: FC, FCLV, or '' when the file cannot be read
    errors: int
    warnings: int
    to_fill: int
    deadlines: list[Deadline] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)
    readable: bool = True  #: the data and its pack could be read, so deadlines are known
    pack_folder: Path | None = None  #: the folder of the pack read

    @property
    def valid(self) -> bool:
        return self.errors == 0

    @property
    def overdue(self) -> list[Deadline]:
        return [d for d in self.deadlines if d.state == OVERDUE]

    @property
    def soon(self) -> list[Deadline]:
        return [d for d in self.deadlines if d.state == SOON]

    @property
    def stale(self) -> list[Document]:
        return [d for d in self.documents if d.stale]


@dataclass
class Status:
    today: dt.date
    rows: list[Row]


#: When fc chooses the number of processes, each handles at least this many centre files (as
#: `fc validate` does: starting a worker costs about as much as checking them).
FILES_PER_WORKER = 40


def status_paths(paths: list[Path], today: dt.date, jobs: int | None = None) -> Status:
    """Every centre file under *paths*, seen on *today*; with *jobs* > 1 checked in that many
    processes (None: fc chooses), the result the same as with one."""
    from functools import partial

    sources = find_centre_files(paths)
    seen = partial(_seen, today=today)
    processes = resolve_jobs(jobs, len(sources), per_process=FILES_PER_WORKER)
    if processes == 1:
        found = [seen(source) for source in sources]
    else:
        found = [seen(sources[0])]  # here first: the YAML reader, the pack and the rules load once
        settle()
        with worker_pool(processes) as pool:
            rest = sources[1:]
            found += pool.map(seen, rest, chunksize=chunk_size(len(rest), processes))
    times = file_times([p for row, documents in found for p in (row.path, *(d for d, _ in documents))])
    in_packs: dict[Path, list[Diagnostic]] = {}
    rows = []
    for row, documents in found:
        if row.pack_folder is not None:  # a repository's own pack: its templates count, as in fc validate
            if row.pack_folder not in in_packs:
                in_packs[row.pack_folder] = lint_own_pack(row.pack_folder)
            row.errors += sum(d.severity == ERROR for d in in_packs[row.pack_folder])
            row.warnings += sum(d.severity == WARNING for d in in_packs[row.pack_folder])
        data_time = times.get(row.path)
        for path, document in documents:
            stale = data_time is not None and path in times and times[path] < data_time
            row.documents.append(Document(path, display_path(path), document, stale))
        rows.append(row)
    return Status(today, rows)


def _seen(source: CentreSource, today: dt.date) -> tuple[Row, list[tuple[Path, str]]]:
    """One centre file's row (documents not yet compared) and the rendered documents beside it."""
    checked = check_centre(source.path, display_path(source.path))
    return _row(checked, today), _document_candidates(checked)


def _row(checked: CheckedCentre, today: dt.date) -> Row:
    model, loaded = checked.model, checked.loaded
    raw: dict = loaded.data if loaded is not None and isinstance(loaded.data, dict) else {}
    centre: dict = raw["centre"] if isinstance(raw.get("centre"), dict) else {}
    if model is not None:
        pack = checked.pack.name if checked.pack is not None else model.pack
        name, kind = model.centre.name or "", KIND_SHORT[model.centre.kind.value]
    else:  # what can be read of a file that does not validate
        name = str(centre["name"]) if isinstance(centre.get("name"), str) else ""
        pack = str(raw["pack"]) if isinstance(raw.get("pack"), str) else ""
        kind = KIND_SHORT.get(str(centre["kind"]), "") if isinstance(centre.get("kind"), str) else ""
    row = Row(
        display=checked.display,
        path=checked.path,
        name=name if name and name != "<fyll i>" else checked.path.parent.resolve().name,
        pack=pack,
        kind=kind,
        errors=sum(d.severity == ERROR for d in checked.diagnostics),
        warnings=sum(d.severity == WARNING for d in checked.diagnostics),
        to_fill=sum(d.code == "not-filled" for d in checked.diagnostics),
    )
    row.readable = model is not None and checked.pack is not None
    row.pack_folder = checked.pack.folder if checked.pack is not None else None
    if row.readable:
        try:
            row.deadlines, row.notes = deadlines_on(checked, today)
        except FcError as exc:  # a pack's wheel names a day the year lacks
            row.notes = [error_diagnostic(exc, "calendar")]
            row.errors += 1
    return row


def _document_candidates(checked: CheckedCentre) -> list[tuple[Path, str]]:
    """The rendered documents beside a centre file: (path, document id), those that exist."""
    folder, slug = checked.path.parent, centre_slug(checked)
    wanted = list(checked.pack.config.documents) if checked.pack is not None else list(DOCUMENTS)
    found = []
    for document in wanted:
        for suffix in DOCUMENT_SUFFIXES:
            path = folder / f"{DOCUMENTS[document].slug}-{slug}.{suffix}"
            if path.is_file():
                found.append((path, document))
    return found


# ---- when a file last changed ---------------------------------------------------------------------


def file_times(files: list[Path]) -> dict[Path, float]:
    """Each file's time of change: its last commit's, or its modification time where git cannot tell."""
    times: dict[Path, float] = {}
    for path in files:
        try:
            times[path] = path.stat().st_mtime
        except OSError:
            continue
    times.update(_commit_times(list(times)))
    return times


def _commit_times(files: list[Path]) -> dict[Path, float]:
    """Last commit time of each of *files* that is committed and unchanged in the working tree."""
    if not files:
        return {}
    start = Path(os.path.commonpath([str(p.resolve().parent) for p in files]))
    top = _git(start, "rev-parse", "--show-toplevel")
    if top is None:
        return {}
    root = Path(top.strip())
    relative: dict[str, Path] = {}
    for path in files:
        try:
            relative[path.resolve().relative_to(root).as_posix()] = path
        except ValueError:
            continue
    folders = sorted({str(Path(name).parent) for name in relative})
    changed = _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *folders)
    log = _git(root, "log", "--format=%x01%ct", "--name-only", "-z", "--no-renames", "--", *folders)
    if changed is None or log is None:
        return {}
    dirty = {entry[3:] for entry in changed.split("\0") if len(entry) > 3}
    found: dict[Path, float] = {}
    when = None
    for token in log.split("\0"):
        if token.startswith("\x01"):
            when = float(token[1:])
            continue
        name = token.lstrip("\n")
        committed = relative.get(name)
        if committed is not None and when is not None and committed not in found and name not in dirty:
            found[committed] = when
    return found


def _git(folder: Path, *args: str) -> str | None:
    """Output of one git command in *folder*; None when git is missing or the folder is no repository."""
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "-c", "core.quotePath=false", *args],
            capture_output=True, text=True, encoding="utf-8", errors="surrogateescape", timeout=60, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


# ---- output ---------------------------------------------------------------------------------------


def status_output(status: Status, fmt: str, output: Path | None) -> str | None:
    """The report in *fmt*; written to *output* (returns None) or returned for standard output."""
    if fmt not in FORMATS:
        raise UsageError(f"okänt format '{fmt}' – välj ett av {', '.join(FORMATS)}")
    if output is not None and output.is_dir():
        raise UsageError(f"{output} är en mapp – ange en fil att skriva till, t.ex. {output / ('status.' + fmt)}")
    if fmt == "html":
        from .page import status_page

        text = status_page(status, output)
    else:
        text = {"text": status_text, "md": status_markdown, "json": status_json}[fmt](status)
    if output is None:
        return text
    write_file(output, text.encode("utf-8"))
    return None


def days_text(deadline: Deadline) -> str:
    days = deadline.days_left
    if days < 0:
        return f"{-days} {'dag' if days == -1 else 'dagar'} sedan"
    if days == 0:
        return "i dag"
    return f"om {days} {'dag' if days == 1 else 'dagar'}"


def deadline_text(deadline: Deadline) -> str:
    prefix = "FÖRSENAD: " if deadline.state == OVERDUE else ""
    return f"{prefix}{deadline.item.due.isoformat()} {deadline.item.label} ({days_text(deadline)})"


def shown_deadlines(row: Row) -> list[Deadline]:
    """Every overdue deadline and the next ones, at least SHOWN in all."""
    return row.overdue + [d for d in row.deadlines if d.state != OVERDUE][: max(0, SHOWN - len(row.overdue))]


def check_text(row: Row) -> str:
    if row.errors:
        return f"ogiltig ({row.errors} fel, {_warnings(row.warnings)})"
    return "giltig" + (f" ({_warnings(row.warnings)})" if row.warnings else "")


def documents_text(row: Row) -> str:
    if not row.documents:
        return "inga dokument"
    stale = row.stale
    if not stale:
        return f"{len(row.documents)} aktuella" if len(row.documents) > 1 else "1 aktuellt"
    names = ", ".join(Path(d.display).name for d in stale)
    return f"{len(stale)} av {len(row.documents)} äldre än centre.yaml: {names}"


def _warnings(n: int) -> str:
    return f"{n} {'varning' if n == 1 else 'varningar'}"


def summary(status: Status) -> str:
    rows = status.rows
    fc = sum(r.kind == "FC" for r in rows)
    fclv = sum(r.kind == "FCLV" for r in rows)
    invalid = sum(not r.valid for r in rows)
    overdue = sum(len(r.overdue) for r in rows)
    soon = sum(len(r.soon) for r in rows)
    parts = [
        f"{len(rows)} centrum ({fc} FC, {fclv} FCLV)",
        f"{invalid} {'ogiltig fil' if invalid == 1 else 'ogiltiga filer'}",
        f"{overdue} {'försenad frist' if overdue == 1 else 'försenade frister'}",
        f"{soon} {'frist' if soon == 1 else 'frister'} inom {SOON_DAYS} dagar",
        f"{sum(bool(r.stale) for r in rows)} med dokument äldre än data",
    ]
    return f"{status.today.isoformat()}: " + ", ".join(parts)


def status_text(status: Status) -> str:
    lines = []
    for row in status.rows:
        deadlines = "; ".join(deadline_text(d) for d in shown_deadlines(row)) or (
            "inga inom ett år" if row.readable else "okända – rätta filen först (fc validate)"
        )
        facts = [row.name, row.pack or "(inget paket)", row.kind or "?", check_text(row), f"{row.to_fill} att fylla i",
                 f"frister: {deadlines}", f"dokument: {documents_text(row)}"]
        lines.append(f"{row.display}: " + " · ".join(facts))
        lines.extend(f"  {note.as_text()}" for note in row.notes)
    lines.append(summary(status))
    return "\n".join(lines) + "\n"


# ---- Markdown (GitHub) --------------------------------------------------------------------------

_MD_SPECIAL = "\\`*_[]<>|~"


def md_escape(text: str) -> str:
    """Text from the data shown literally in GitHub Markdown (also inside a table cell)."""
    text = " ".join(str(text).split())
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text).replace("&", "&amp;")


def status_markdown(status: Status) -> str:
    out = [f"### Familjecentralerna den {status.today.isoformat()}", "", md_escape(summary(status)), ""]
    out.append("| Centrum | Paket | Slag | Kontroll | Att fylla i | Nästa frister | Dokument |")
    out.append("|---|---|---|---|---:|---|---|")
    for row in status.rows:
        check = check_text(row)
        check = f"**{check}**" if not row.valid else check
        deadlines = "<br>".join(
            (f"**{md_escape(deadline_text(d))}**" if d.state == OVERDUE else md_escape(deadline_text(d)))
            for d in shown_deadlines(row)
        ) or "–"
        documents = md_escape(documents_text(row))
        if row.stale:
            documents = f"**{documents}**"
        out.append(
            f"| {md_escape(row.name)}<br>`{row.display.replace('`', '')}` | {md_escape(row.pack or '–')} | "
            f"{row.kind or '–'} | {check} | {row.to_fill} | {deadlines} | {documents} |"
        )
    notes = [n for row in status.rows for n in row.notes]
    if notes:
        out += ["", "Datum som fristerna behöver:", ""]
        out += [f"- `{n.file}:{n.line}:{n.column}` {md_escape(n.key)}: {md_escape(n.message)}" for n in notes]
    return "\n".join(out) + "\n"


# ---- JSON -----------------------------------------------------------------------------------------


def status_data(status: Status) -> dict:
    """The report as plain data (the JSON output, and the HTML page's source)."""
    rows = status.rows
    return {
        "on": status.today.isoformat(),
        "summary": {
            "centres": len(rows),
            "fc": sum(r.kind == "FC" for r in rows),
            "fclv": sum(r.kind == "FCLV" for r in rows),
            "invalid": sum(not r.valid for r in rows),
            "overdue": sum(len(r.overdue) for r in rows),
            "due_soon": sum(len(r.soon) for r in rows),
            "stale_documents": sum(len(r.stale) for r in rows),
        },
        "centres": [
            {
                "file": row.display,
                "name": row.name,
                "pack": row.pack,
                "kind": row.kind,
                "valid": row.valid,
                "errors": row.errors,
                "warnings": row.warnings,
                "to_fill": row.to_fill,
                "deadlines_known": row.readable,
                "deadlines": [
                    {
                        "date": d.item.due.isoformat(),
                        "title": d.item.title,
                        "label": d.item.label,
                        "key": d.item.key,
                        "days_left": d.days_left,
                        "state": d.state,
                        "responsible": d.item.responsible,
                        "source": d.item.source,
                    }
                    for d in row.deadlines
                ],
                "documents": [
                    {"file": d.display, "document": d.document, "stale": d.stale} for d in row.documents
                ],
                "notes": [
                    {"file": n.file, "line": n.line, "column": n.column, "severity": n.severity, "code": n.code,
                     "key": n.key, "message": n.message}
                    for n in row.notes
                ],
            }
            for row in rows
        ],
    }


def status_json(status: Status) -> str:
    return json.dumps(status_data(status), ensure_ascii=False, indent=2) + "\n"
