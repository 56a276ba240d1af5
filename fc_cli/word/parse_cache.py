"""Parsed texts kept between runs (a speed path): markdown-it only for a text not seen before.

Rendering the same centre again — after a change to another centre, a pack's reference document
or nothing at all — gives the same texts, and parsing them (markdown-it's import, its rules and
turning tokens into blocks, ~40 ms for a centre's four documents) gives the same blocks. The
blocks of a text are kept in fc's folder of the user's cache (fc_cli/user_cache.py) as a pickle,
named after a hash of fc's code, the installed versions of markdown-it-py and its plugins and the
text itself. The folder is one only its user can write in (user_cache.private_folder), so what is
read back is what fc wrote; a file that cannot be read is parsed again as without a cache. At
most _KEPT texts are kept: past that the oldest half goes.
tests/test_speed_paths.py checks that documents are byte-identical with and without the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

#: the installed distributions whose versions shape the blocks of a text
_DISTRIBUTIONS = ("fc_cli", "markdown_it_py", "mdit_py_plugins")
#: texts kept (~20 KB each): a county's documents twice over
_KEPT = 1000
#: whether this process has looked at how many texts are kept (once per process is enough)
_counted = False


def _folder() -> Path | None:
    from ..user_cache import private_folder

    try:
        return private_folder("parsed")
    except OSError:
        return None


def _path(folder: Path, text: str) -> Path:
    from ..user_cache import code_hash, installed

    digest = hashlib.sha256(f"{code_hash()}\0{installed(_DISTRIBUTIONS)}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return folder / f"{digest.hexdigest()[:40]}.pickle"


def load(text: str) -> list[Any] | None:
    """The blocks parsed before from *text* (new objects, the caller's own), or None."""
    folder = _folder()
    if folder is None:
        return None
    try:
        blocks = pickle.loads(_path(folder, text).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return None
    return blocks if isinstance(blocks, list) else None


def store(text: str, blocks: list[Any]) -> None:
    """Keep the blocks of *text* (written whole or not at all; a failure is no error)."""
    folder = _folder()
    if folder is None:
        return
    try:
        data = pickle.dumps(blocks, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".text-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, _path(folder, text))
        except BaseException:
            os.unlink(temporary)
            raise
        _keep_few(folder)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        pass


def _keep_few(folder: Path) -> None:
    """Once per process: past _KEPT texts, the oldest half of them goes."""
    global _counted
    if _counted:
        return
    _counted = True
    entries = [entry for entry in os.scandir(folder) if entry.name.endswith(".pickle")]
    if len(entries) <= _KEPT:
        return
    entries.sort(key=lambda entry: entry.stat().st_mtime)
    for entry in entries[: len(entries) - _KEPT // 2]:
        try:
            os.unlink(entry.path)
        except OSError:
            pass
