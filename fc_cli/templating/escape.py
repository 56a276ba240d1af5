"""Escaping for the intermediate text format: text from the data can never change a document's structure.

Every value a template prints goes through :func:`finalize` (autoescaping for Markdown), and
helpers that emit structure (signature blocks, tables) escape the values they put in it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_WHITESPACE = re.compile(r"[ \t\r\n\f\v\u2028\u2029\x85]+")
INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>|~=!&{}#^$])")
_LEADING_BLOCK = re.compile(r"^([-+:>])")
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")


def md_escape(text: str) -> str:
    """Make *text* literal in Markdown: one line, every markup character escaped."""
    return _escaped(text if type(text) is str else str(text))


@lru_cache(maxsize=8192)
def _escaped(text: str) -> str:
    # a speed path: a county's documents print the same names and values again and again
    text = _WHITESPACE.sub(" ", text).strip()  # not str.split(): it would eat no-break spaces
    text = INLINE_SPECIALS.sub(r"\\\1", text)
    text = _LEADING_BLOCK.sub(r"\\\1", text)
    return _LEADING_NUMBER.sub(r"\1\\\2", text)


class Placeholder:
    """A value still to be filled in, shown highlighted in a --draft document."""

    def __init__(self, label: str):
        self.label = label

    def __html__(self) -> str:
        return f"[{md_escape('[' + self.label + ']')}]{{.placeholder}}"

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return f"[{self.label}]"


class PrintedEmptyValue(Exception):
    """A template printed a value that is empty in the data (None)."""


def finalize(value: Any) -> Any:
    from markupsafe import Markup

    from .limits import check_nested

    check_nested(value, "värdet som skrivs ut")

    if isinstance(value, Markup):
        return value
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    if value is None:
        raise PrintedEmptyValue()
    if isinstance(value, bool):
        value = "ja" if value else "nej"
    return Markup(md_escape(str(value)))


def runtime_finalize() -> Any:
    """`finalize` for the environment, marked as needing the evaluation context.

    Jinja folds a constant such as `{{ "Region's *x*" }}` while compiling, HTML-escaping it and
    skipping a plain finalize, so the constant would come out as `Region&#39;s` with `*x*` in
    italics. A finalize that asks for the evaluation context cannot run at compile time, so every
    printed expression, constant or not, is escaped at run time exactly like a value from the data.
    """
    from jinja2 import pass_eval_context

    @pass_eval_context
    def finalize_at_run_time(eval_ctx: Any, value: Any) -> Any:
        return finalize(value)

    return finalize_at_run_time


def escape_item(item: Any) -> str:
    from markupsafe import Markup

    if isinstance(item, Markup) or hasattr(item, "__html__"):
        return str(finalize(item))
    return md_escape(str(item))
