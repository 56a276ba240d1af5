"""Finding centre files on the command line (PATH, folders, `-`), without importing the data model.

Kept apart from :mod:`fc_cli.validation` so that `fc render` can start its worker processes
before the heavy imports (pydantic, the data model) happen.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, UsageError
from .printing import visible
from .program import command_name

CENTRE_FILE = "centre.yaml"
#: The PATH that means "read the centre file from standard input", and its name in positions.
STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class CentreSource:
    """A centre file found on the command line, and the PATH it was found under."""

    path: Path
    display: str
    root: Path
    #: the file's bytes when they came from standard input (its path is then the working folder's)
    data: bytes | None = None


def find_centre_files(paths: list[Path], stdin: bytes | None = None) -> list[CentreSource]:
    """Each PATH that is a folder means every `centre.yaml` below it; no PATH means `.`.

    `-` is the centre file given on standard input (*stdin*, its bytes): it is named `<stdin>` in
    positions, and a pack path in it is read from the working folder, as for a file there.

    Hidden folders (`.git`, `.github`, …) are skipped; a file found twice (`fc validate . c1`) is
    checked once. A PATH that does not exist, or a folder without any centre file, is a usage
    error (exit 2).
    """
    found: list[CentreSource] = []
    seen: set[Path] = set()
    for given in paths or [Path(".")]:
        if str(given) == STDIN:
            if stdin is None:
                raise UsageError(
                    "- (en centrumfil på standard in) går bara att använda med validate – "
                    "ange centrumfilens sökväg"
                )
            if not any(source.data is not None for source in found):
                found.append(CentreSource(Path(STDIN_NAME), STDIN_NAME, Path("."), stdin or b""))
            continue
        if given.is_dir():
            matches = _centre_files_below(given)
            if not matches:
                raise UsageError(
                    f"ingen {CENTRE_FILE} finns i {visible(str(given))} eller mappar under den – "
                    f"ange en centrumfil eller skapa en med '{command_name()} new-centre'"
                )
            sources = [CentreSource(p, str(p), given) for p in matches]
        elif os.path.lexists(given) and given.exists():  # a file, or a pipe the loader reports
            sources = [CentreSource(given, str(given), given.parent)]
        else:
            raise UsageError(f"{visible(str(given))} finns inte – ange en {CENTRE_FILE} eller en mapp med sådana")
        for source in sources:
            key = source.path.resolve()
            if key not in seen:
                seen.add(key)
                found.append(source)
    return found


def _centre_files_below(folder: Path) -> list[Path]:
    """Every centre file below *folder*, sorted; hidden folders are skipped.

    Anything named `centre.yaml` that is not a folder counts, so a pipe or an unreadable file is
    reported by the loader instead of being passed over. A folder that cannot be read is an error:
    the centres in it would otherwise be left out without a word.
    """
    unreadable: list[OSError] = []
    found = []
    for here, folders, files in os.walk(folder, onerror=unreadable.append):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        if CENTRE_FILE in files:
            found.append(Path(here) / CENTRE_FILE)
    if unreadable:
        error = unreadable[0]
        raise InputError(
            f"mappen {visible(str(error.filename))} kan inte läsas ({error.strerror}), så centrumfilerna i den "
            "skulle inte kontrolleras – ge ditt konto läsrätt till mappen, eller ange mapparna som ska kontrolleras"
        )
    return sorted(found)
