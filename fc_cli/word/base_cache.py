"""Prepared Word base packages kept between runs (a speed path): python-docx only when a base is new.

Preparing the base package (word/prepare.py `_base`: python-docx's template restyled, or a pack's
reference .docx) takes python-docx and lxml, ~70 ms of importing and working, for a result that
is plain text and bytes and the same every time. It is kept in fc's folder of the user's cache
(fc_cli/user_cache.py), one JSON file per base, named after a hash of everything it is made from:
fc's code, the installed versions of fc, python-docx and lxml, and the reference document's
bytes. A run that finds it builds its documents without importing python-docx at all.
tests/test_speed_paths.py checks that documents are byte-identical with and without the cache.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

#: the installed distributions whose versions shape a base package (fc's own names app.xml)
_DISTRIBUTIONS = ("fc_cli", "python_docx", "lxml")


def _key(reference: Path | None) -> str | None:
    from ..user_cache import code_hash, installed

    digest = hashlib.sha256(f"{code_hash()}\0{installed(_DISTRIBUTIONS)}\0".encode())
    if reference is not None:
        try:
            digest.update(reference.read_bytes())
        except OSError:
            return None
    else:
        digest.update(b"python-docx's own template")
    return digest.hexdigest()


def _file(reference: Path | None) -> tuple[Path, str] | None:
    from ..user_cache import private_folder

    key = _key(reference)
    if key is None:
        return None
    try:
        folder = private_folder("word")
    except OSError:
        return None
    return (folder / f"base-{key[:32]}.json", key) if folder is not None else None


def load(reference: Path | None) -> dict[str, Any] | None:
    """The fields of the base package prepared before from *reference*, or None."""
    place = _file(reference)
    if place is None:
        return None
    path, key = place
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("key") != key:
            return None
        fields = stored["fields"]
        fields["parts"] = tuple((name, base64.b64decode(blob)) for name, blob in fields["parts"])
        return dict(fields)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def store(reference: Path | None, fields: dict[str, Any]) -> None:
    """Keep a prepared base package's fields (written whole or not at all; a failure is no error)."""
    place = _file(reference)
    if place is None:
        return
    path, key = place
    portable = dict(fields, parts=[[name, base64.b64encode(blob).decode("ascii")] for name, blob in fields["parts"]])
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".base-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"key": key, "fields": portable}, out)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, TypeError, ValueError):
        pass
