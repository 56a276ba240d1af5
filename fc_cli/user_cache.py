"""fc's folder in the user's cache (`$XDG_CACHE_HOME/fc`, else `~/.cache/fc`), for what fc keeps between runs.

Three things are kept there, each named after a hash of fc's own code (and of the
libraries that made them), so a new fc never uses what an old one left: the compiled templates
(templating/cache.py), the prepared Word base packages (word/base_cache.py) and the parsed texts
(word/parse_cache.py). Only a folder that
belongs to the user and that nobody else can write in is used; `FC_NO_CACHE=1` turns the cache
off. Whatever goes wrong with the cache, fc does the work again, as it would without one.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from functools import lru_cache
from pathlib import Path


def cache_enabled() -> bool:
    return not os.environ.get("FC_NO_CACHE")


@lru_cache(maxsize=1)
def code_hash() -> str:
    """A hash of every module of fc (its path and its bytes)."""
    code = hashlib.sha256()
    package = Path(__file__).resolve().parent  # all of fc_cli
    for source in sorted(package.rglob("*.py")):
        code.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return code.hexdigest()


@lru_cache(maxsize=4)
def installed(distributions: tuple[str, ...]) -> str:
    """The `NAME-VERSION.dist-info` folders of *distributions* (normalised names: `python_docx`)
    first on sys.path, for a cache key: importlib.metadata's answer, without the ~30 ms it takes
    to import and ask it."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                project = name.split("-", 1)[0].lower().replace("-", "_").replace(".", "_")
                if project in distributions:
                    found.setdefault(project, name)
    return ";".join(f"{project}={found.get(project, '')}" for project in distributions)


def private_folder(name: str) -> Path | None:
    """`fc/NAME` in the user's cache, made if need be; None when the cache is off or not private.

    Raises OSError when the folder cannot be made.
    """
    if not cache_enabled():
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fc"
    folder = base / name
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for place in (base, folder):
        info = place.lstat()
        if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            return None
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return None
    return folder
