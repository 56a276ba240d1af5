"""Compiled templates kept between runs (Jinja's bytecode cache in fc's folder of the user's cache)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def bytecode_cache() -> Any:
    """Compiled templates kept between runs, like Python's .pyc files (compiling the four
    templates takes longer than filling them in).

    The cache lives in fc's folder of the user's cache (fc_cli/user_cache.py), in a folder named
    after a hash of fc's own code and the Jinja version, so a new fc never uses code compiled by an
    old one; Jinja itself checks each template's text. Only a folder that belongs to the user and
    that nobody else can write in is used; `FC_NO_CACHE=1` turns the cache off. Whatever goes
    wrong, fc compiles the templates as before.
    """
    import hashlib

    from ..user_cache import cache_enabled, code_hash, private_folder

    if not cache_enabled():
        return None
    try:
        import jinja2
        from jinja2 import FileSystemBytecodeCache

        code = hashlib.sha256(jinja2.__version__.encode())
        code.update(code_hash().encode())
        folder = private_folder(f"templates-{code.hexdigest()[:16]}")
        if folder is None:
            return None
        return FileSystemBytecodeCache(str(folder), "%s.cache")
    except (OSError, RuntimeError, ValueError):
        return None
