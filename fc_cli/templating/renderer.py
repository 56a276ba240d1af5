"""Rendering one template of a pack: the sandboxed environment of its folder, within the bounds."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import Position, TemplateError
from ..text import text_problem
from .cache import bytecode_cache
from .errors import translate
from .limits import MAX_OUTPUT_CHARS, WORK, RenderLimit, Work, bounded_render, n
from .pack_loader import pack_loader
from .sandbox import make_environment

#: Python errors a template's expressions can raise (`{{ 1 / 0 }}`, `{{ x[5] }}`): reported at the
#: template's line; anything else is fc's own mistake.
_EXPRESSION_ERRORS = (
    TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError, OverflowError, RuntimeError,
)


class TemplateRenderer:
    """The sandboxed environment of one pack folder; compiled templates are cached.

    *named_at* gives where pack.yaml names a template (a template that does not exist is
    reported there).
    """

    def __init__(self, folder: Path, named_at: Callable[[str], Position] | None = None):
        self.folder = folder
        self.named_at = named_at or (lambda name: Position(str(folder / "pack.yaml")))
        self.env = make_environment(pack_loader(folder), bytecode_cache())

    def render(self, template_name: str, context: dict[str, Any]) -> str:
        from jinja2 import TemplateError as JinjaTemplateError

        from .escape import PrintedEmptyValue

        path = self.folder / template_name
        token = WORK.set(Work())
        try:
            template = self.env.get_template(template_name)
            with bounded_render():
                text = self._generate(template, context)
        except (JinjaTemplateError, PrintedEmptyValue, RenderLimit, RecursionError, MemoryError, SyntaxError,
                *_EXPRESSION_ERRORS) as exc:  # SyntaxError: Python cannot compile a template nested too deep
            raise _as_validate_shows(translate(exc, template_name, self.folder, self.named_at)) from None
        finally:
            WORK.reset(token)
        problem = text_problem(text)
        if problem is not None:  # data and template files are checked; this is an expression's
            raise TemplateError(
                f"texten som mallen gör: {problem} – kontrollera uttryck med \\x- eller \\u-koder i mallen",
                Position(str(path)),
            )
        return text

    def _generate(self, template: Any, context: dict[str, Any]) -> str:
        """Render piece by piece; past MAX_OUTPUT_CHARS the error is raised inside the template."""
        parts: list[str] = []
        size = 0
        stream = template.generate(context)
        for part in stream:
            parts.append(part)
            size += len(part)
            if size > MAX_OUTPUT_CHARS:
                stream.throw(RenderLimit(
                    f"dokumentet blir längre än {n(MAX_OUTPUT_CHARS)} tecken – en loop som upprepar "
                    "text för många gånger; kontrollera loopen"
                ))
        return "".join(parts)


def _as_validate_shows(error: TemplateError) -> TemplateError:
    """The template's file named as `fc validate` names it (relative to the working folder when it
    is below it), so that a template mistake reads the same from both commands."""
    from ..check.centre import display_path

    if error.position is not None and error.position.file:
        error.position = dataclasses.replace(error.position, file=display_path(Path(error.position.file)))
    return error
