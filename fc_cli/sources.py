"""Finding centre files on the command line (PATH, folders, `-`), without importing the data model.

Kept apart from :mod:`fc_cli.validation` so that `fc render` can start its worker processes
before the heavy imports (pydantic, the data model) happen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

CENTRE_FILE = "centre.yaml"


@dataclass(frozen=True)
class CentreSource:
    """A centre file found on the command line, and the PATH it was found under."""

    path: Path
    display: str
    root: Path


def find_centre_files(paths: list[Path]) -> list[CentreSource]:
    """Each PATH that is a folder means every `centre.yaml` below it; no PATH means `.`.

    Hidden folders (`.git`, `.github`, …) are skipped; a file found twice (`fc validate . c1`) is
    checked once. A PATH that does not exist, or a folder without any centre file, is a usage
    error (exit 2).
    """
    found: list[CentreSource] = []
    seen: set[Path] = set()
    for given in paths or [Path(".")]:
        if given.is_dir():
            matches = sorted(
                p for p in given.rglob(CENTRE_FILE)
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(given).parts)
            )
            if not matches:
                raise UsageError(
                    f"ingen {CENTRE_FILE} finns i {given} eller mappar under den – "
                    "ange en centrumfil eller skapa en med 'fc new-centre'"
                )
            sources = [CentreSource(p, str(p), given) for p in matches]
        elif given.is_file():
            sources = [CentreSource(given, str(given), given.parent)]
        else:
            raise UsageError(f"{given} finns inte – ange en {CENTRE_FILE} eller en mapp med sådana")
        for source in sources:
            key = source.path.resolve()
            if key not in seen:
                seen.add(key)
                found.append(source)
    return found
