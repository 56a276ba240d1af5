"""A pack's reference .docx: the one owner of "is this a Word document fc can restyle with"."""

from __future__ import annotations

from pathlib import Path

from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:
    from ..packs import Pack


#: Largest reference document accepted, packed and unpacked (a styled .docx is some tens of kB).
MAX_REFERENCE_BYTES = 20_000_000
MAX_REFERENCE_UNPACKED = 100_000_000


def checked_reference_docx(pack: Pack) -> Path | None:
    """The pack's reference .docx, when it lies inside the pack and is a sound Word package."""
    import zipfile

    reference = pack.reference_docx
    if reference is None:
        return None
    real = reference.resolve()  # inside the pack and a file: checked when the pack was loaded
    if real.stat().st_size > MAX_REFERENCE_BYTES or not zipfile.is_zipfile(real):
        raise reference_error(pack, "är inget Word-dokument (.docx) – spara det som .docx i Word")
    try:
        with zipfile.ZipFile(real) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise reference_error(pack, "är inget Word-dokument (.docx) – spara det som .docx i Word") from None
    names = {info.filename for info in infos}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise reference_error(pack, "är inget Word-dokument (.docx) – spara det som .docx i Word")
    if sum(info.file_size for info in infos) > MAX_REFERENCE_UNPACKED:
        raise reference_error(pack, "är orimligt stort uppackat – spara om det i Word utan inbäddade filer")
    return reference


def reference_error(pack: Pack, problem: str) -> InputError:
    """*problem* with the reference document, at its name in pack.yaml."""
    return InputError(
        f"referensdokumentet {pack.config.reference_docx} {problem}",
        pack.position(("reference_docx",)),
        key="reference_docx",
    )
