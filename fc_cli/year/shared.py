"""What this package takes from the rest of fc, in one place (so a move of these is one edit here).

Loading and checking a centre (with its pack), finding centre files, positions in a YAML file,
the error classes, slugs and document names, worker processes for many centres; writing a file atomically.
"""

from __future__ import annotations

from pathlib import Path

from ..check.centre import CheckedCentre, check_centre, display_path
from ..diagnostics import ERROR, WARNING, Diagnostic, format_key
from ..documents import DOCUMENTS
from ..errors import FcError, InputError, OutputError, Position, UsageError, ValidationFailed
from ..formatting import month_name, slugify, sv_date
from ..load import load_yaml_file
from ..parallel import chunk_size, resolve_jobs, settle, worker_pool
from ..properties import source_date_epoch
from ..sources import CentreSource, find_centre_files
from ..write import write_all, write_atomically

PACK_FILE = "pack.yaml"

__all__ = [
    "DOCUMENTS", "ERROR", "PACK_FILE", "WARNING", "CentreSource", "CheckedCentre", "Diagnostic",
    "FcError", "InputError", "OutputError", "Position", "UsageError", "ValidationFailed", "centre_slug",
    "check_centre", "chunk_size", "display_path", "error_diagnostic", "find_centre_files", "format_key",
    "lint_own_pack", "load_yaml_file", "month_name", "resolve_jobs", "settle", "slugify", "source_date_epoch",
    "sv_date",
    "worker_pool", "write_file", "write_files",
]


def centre_slug(checked: CheckedCentre) -> str:
    """The centre's part of its file names, as `fc render` writes them: its name, else its folder's."""
    name = checked.model.centre.name if checked.model is not None else None
    return slugify(name if name else checked.path.parent.resolve().name)


def error_diagnostic(exc: FcError, code: str) -> Diagnostic:
    """An error raised for a place in a file, as a finding printed like `fc validate`'s."""
    pos = exc.position
    file = display_path(Path(pos.file)) if pos else ""
    return Diagnostic(file, pos.line if pos else 1, pos.column if pos else 1, ERROR, code, exc.key or "", exc.message)


def lint_own_pack(folder: Path) -> list[Diagnostic]:
    """The findings `fc validate` reports in a repository's own pack (its templates); none for a
    shipped pack, which fc's own tests check."""
    from ..packs import load_pack_folder, shipped_packs_dir
    from ..templating.lint import lint_pack

    if folder.resolve().parent == shipped_packs_dir().resolve():
        return []
    return lint_pack(load_pack_folder(folder), display_path)


def write_file(target: Path, content: bytes) -> None:
    """Write *content* to *target* atomically (temporary file, then rename)."""
    write_atomically(target, content)


def write_files(files: list[tuple[Path, bytes]]) -> None:
    """Write several files as `fc render` does: a failure takes back what this run created."""
    write_all(files)
