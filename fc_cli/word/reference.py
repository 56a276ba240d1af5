"""A pack's reference .docx: the one owner of "is this a Word document fc can restyle with".

`fc validate` (through :func:`fc_cli.validation.check_centre`) and `fc render` (before it builds
a file) both ask :func:`reference_problem`, so a broken reference document fails both, with the
same message at its name in pack.yaml. The package is checked as a zip first (size, the parts a
Word document has), then opened the way the Word builder opens it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..text import UNREADABLE

if TYPE_CHECKING:
    from ..packs import Pack

#: Largest reference document accepted, packed and unpacked (a styled .docx is some tens of kB).
MAX_REFERENCE_BYTES = 20_000_000
MAX_REFERENCE_UNPACKED = 100_000_000

_NOT_DOCX = "är inget Word-dokument (.docx) – spara det som .docx i Word"


def reference_problem(pack: Pack) -> InputError | None:
    """What is wrong with the pack's reference .docx (None when it has none or it is sound)."""
    reference = pack.reference_docx
    if reference is None:
        return None
    real = reference.resolve()  # inside the pack and a file: checked when the pack was loaded
    try:
        info = real.stat()
    except OSError:
        return reference_error(pack, _NOT_DOCX)
    problem = _problem(real, info.st_size, info.st_mtime_ns)
    if problem is not None:
        return reference_error(pack, problem)
    from .numbering import numbering_problem  # headings fc numbers that the reference numbers too

    return numbering_problem(pack)


def checked_reference_docx(pack: Pack) -> Path | None:
    """The pack's reference .docx when it is sound; the :class:`InputError` of :func:`reference_problem` if not."""
    problem = reference_problem(pack)
    if problem is not None:
        raise problem
    return pack.reference_docx.resolve() if pack.reference_docx is not None else None


@lru_cache(maxsize=32)
def _problem(real: Path, size: int, mtime_ns: int) -> str | None:
    """Checked once per file and version (*size* and *mtime_ns* are part of the key)."""
    import zipfile

    try:
        with real.open("rb"):
            pass
    except PermissionError:
        return UNREADABLE
    except OSError as exc:
        return f"kan inte läsas: {exc.strerror}"
    if size > MAX_REFERENCE_BYTES or not zipfile.is_zipfile(real):
        return _NOT_DOCX
    try:
        with zipfile.ZipFile(real) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return _NOT_DOCX
    names = {info.filename for info in infos}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        return _NOT_DOCX
    if sum(info.file_size for info in infos) > MAX_REFERENCE_UNPACKED:
        return "är orimligt stort uppackat – spara om det i Word utan inbäddade filer"
    from .builder import WordBuilder

    try:
        WordBuilder(real)  # prepares the base package as rendering does (and keeps it for rendering)
    except Exception as exc:  # noqa: BLE001 - whatever python-docx makes of a broken file
        return f"går inte att läsa som Word-dokument ({type(exc).__name__})"
    return None


def reference_external(pack: Pack) -> list[str]:
    """What fc drops from the pack's sound reference .docx (links out of the package; see
    :mod:`fc_cli.word.external`): empty when it has none or no reference document."""
    if pack.reference_docx is None or reference_problem(pack) is not None:
        return []
    real = pack.reference_docx.resolve()
    info = real.stat()
    return list(_external(real, info.st_size, info.st_mtime_ns))


@lru_cache(maxsize=32)
def _external(real: Path, size: int, mtime_ns: int) -> tuple[str, ...]:
    import zipfile

    from .external import without_external

    with zipfile.ZipFile(real) as package:
        parts = tuple((info.filename, package.read(info.filename)) for info in package.infolist())
    return tuple(without_external(parts)[1])


#: fc writes these keywords into every document (docProps/core.xml): a reference document that has
#: them was saved from a document fc rendered, and its title and subject name that document's centre.
FC_KEYWORDS = "familjecentral; "


def frozen_names(keywords: str | None, title: str | None, subject: str | None) -> list[str]:
    """What a reference saved from a document fc wrote would freeze into every other centre's header
    or footer: that document's title line ("Samverkansavtal – Familjecentralen Vivalla") and its
    centre's name. Empty for a reference document fc did not write."""
    if not (keywords or "").startswith(FC_KEYWORDS):
        return []
    names = [(title or "").strip(), (subject or "").split(",")[0].strip()]
    return [name for name in names if len(name) >= 3]


def reference_notes(pack: Pack) -> list[tuple[str, str]]:
    """What `fc validate` tells about the pack's sound reference .docx, as (code, message): the links
    out of it that fc drops (`reference-external`), the styles fc uses that it lacks and what fc does
    instead (`reference-styles`), and header or footer lines naming one centre that fc replaces
    (`reference-header`)."""
    if pack.reference_docx is None or reference_problem(pack) is not None:
        return []
    from .base import STYLE_NAMES
    from .builder import WordBuilder

    base = WordBuilder(pack.reference_docx.resolve()).base
    name = pack.config.reference_docx
    notes = []
    dropped = reference_external(pack)
    if dropped:
        notes.append((
            "reference-external",
            f"referensdokumentet {name} har {'; '.join(dropped)} – fc tar inte med sådant i dokumenten den "
            "skriver (Word skulle hämta det när dokumentet öppnas); ta bort det i Word så försvinner varningen",
        ))
    missing = [STYLE_NAMES[key] for key in STYLE_NAMES if base.style_ids.get(key) is None]
    if missing:
        notes.append((
            "reference-styles",
            f"referensdokumentet {name} saknar formatmallarna {', '.join(missing)} – fc skriver de styckena i "
            "formatmallen Normal i stället (rubriker blir då vanlig text utan rubriknivå och kommer inte med i "
            "innehållsförteckningen); lägg till formatmallarna i Word, eller utgå från ett dokument som fc har skrivit",
        ))
    if base.unfrozen:
        lines = "', '".join(base.unfrozen)
        notes.append((
            "reference-header",
            f"referensdokumentet {name} är sparat från ett dokument som fc har skrivit, och sidhuvudet eller "
            f"sidfoten nämner det dokumentets centrum ('{lines}') – fc skriver i stället varje dokuments egen rad "
            "(dess titel och centrum, sidnumren i sidfoten); ta bort raden i referensdokumentet så försvinner "
            "varningen",
        ))
    return notes


def reference_error(pack: Pack, problem: str) -> InputError:
    """*problem* with the reference document, at its name in pack.yaml."""
    return InputError(
        f"referensdokumentet {pack.config.reference_docx} {problem}",
        pack.position(("reference_docx",)),
        key="reference_docx",
    )
