"""Everything the redline takes from the rest of fc, in one place (so it can be remapped).

Both sides are rendered exactly as `fc render` renders them: the same validation, the same
templates, the same Word builder. The comparison then works on those two .docx files. Each of
fc's modules is imported where it is first needed, so `fc diff --format text` builds no Word file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..documents import DocumentKind, resolve_documents
from ..errors import FcError, InputError, UsageError, ValidationFailed
from ..formatting import fte, kronor, month_name, percent, slugify, sv_date
from ..swedish import group_word

if TYPE_CHECKING:
    from ..check.centre import CheckedCentre

__all__ = [
    "DocumentKind", "resolve_documents", "FcError", "InputError", "UsageError",
    "ValidationFailed", "fte", "group_word", "kronor", "month_name", "percent", "slugify", "sv_date",
    "check_centre", "render_text", "render_docx", "md_escape", "parse_markup", "write_all", "write_atomically",
    "document_timestamp", "parse_yaml_file", "documents_of",
]


def check_centre(path: Path, display: str) -> CheckedCentre:
    from ..check.centre import check_centre as check

    return check(path, display)


def render_text(centre: CheckedCentre, document: DocumentKind) -> str:
    """The text `fc render DOCUMENT --format md` writes for a validated centre."""
    from ..render import render_text as text

    return text(centre, document, False)


def documents_of(centre: CheckedCentre, documents: list[DocumentKind], notes: list[str]) -> list[DocumentKind]:
    """Of *documents*, those *centre*'s pack has (for `all`), with a note of the rest, as `fc render` says it."""
    from ..render import documents_of as of

    return of(centre, documents, notes)


def render_docx(centre: CheckedCentre, document: DocumentKind, text: str) -> bytes:
    """The .docx of *text* (fc's template text format), built as `fc render` builds *centre*'s."""
    from ..render import build_docx

    return build_docx(centre, document, text)


def md_escape(text: str) -> str:
    """Data text as literal template text (data never changes a document's structure)."""
    from ..templating.escape import md_escape as escape

    return escape(text)


def parse_markup(text: str) -> list:
    """fc's template text format → its block tree (headings, paragraphs, lists, tables, signatures)."""
    from ..word.markup import parse

    return parse(text)


def write_atomically(target: Path, content: bytes) -> None:
    from ..write import write_atomically as write

    write(target, content)


def write_all(files: list[tuple[Path, bytes]]) -> None:
    """Several files as `fc render` writes them: a failure takes back what this run created."""
    from ..write import write_all as write

    write(files)


def document_timestamp():
    """SOURCE_DATE_EPOCH as the Word builder reads it (a UsageError when it is unusable)."""
    from ..word.builder import document_timestamp as stamp

    return stamp()


def parse_yaml_file(path: Path) -> object:
    """The plain data of a YAML file (to read a centre's `pack:` before it is checked)."""
    from ..load import load_yaml_file

    return load_yaml_file(path).data
