"""Reading a pack's templates: only from the pack folder, only as UTF-8 text a document can hold."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import Position, TemplateError
from ..text import UNREADABLE, decode_utf8, offset_position, text_problem
from .limits import n

#: Largest template file read (bytes); a document's template is some tens of kilobytes.
MAX_TEMPLATE_BYTES = 1_000_000


def pack_loader(folder: Path) -> Any:
    """Templates from the pack folder only: no `..`, no absolute paths, no links leading out of it.

    Files are read as UTF-8 (a byte order mark from Notepad is dropped); text that cannot stand in a
    document (control characters) is refused at its line and column.
    """
    from jinja2 import BaseLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    root = folder.resolve()

    class PackLoader(BaseLoader):
        def get_source(self, environment: Any, template: str) -> Any:
            if "\\" in template or template.startswith("/") or re.match(r"^[A-Za-z]:", template):
                raise TemplateNotFound(template)
            path = folder.joinpath(*split_template_path(template))  # refuses '..'
            try:
                real = path.resolve()
                if not real.is_relative_to(root) or not real.is_file():
                    raise TemplateNotFound(template)
                if real.stat().st_size > MAX_TEMPLATE_BYTES:
                    raise TemplateError(
                        f"mallen är för stor (högst {n(MAX_TEMPLATE_BYTES)} byte) – kontrollera att det är rätt fil",
                        Position(str(path)),
                    )
                raw = real.read_bytes()
                mtime = real.stat().st_mtime
            except PermissionError:
                raise TemplateError(f"mallen {UNREADABLE}", Position(str(path))) from None
            except OSError:
                raise TemplateNotFound(template) from None
            text = template_text(raw, str(path))
            return text, str(path), lambda: mtime == path.stat().st_mtime if path.exists() else False

    return PackLoader()


def template_text(raw: bytes, filename: str) -> str:
    """A template file's bytes as text, or a positioned error saying how to save it."""
    text = decode_utf8(raw, filename, TemplateError, "mallen")
    problem = text_problem(text)
    if problem is not None:
        offset = next(i for i, ch in enumerate(text) if text_problem(ch))
        raise TemplateError(f"mallen: {problem}", offset_position(filename, text, offset))
    return text
