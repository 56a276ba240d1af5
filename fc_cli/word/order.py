"""One Word file to make, as plain data, and making it (in this process or in a worker)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class WordOrder:
    """What one Word file is made of, as plain data a worker process can take without the model."""

    text: str
    reference: Path | None
    #: DocumentMeta's fields (title, subject, creator, header, keywords, date, draft, numbered headings)
    meta: tuple[Any, ...]


def build_word(order: WordOrder) -> bytes | str:
    """The .docx bytes; or, when python-docx cannot read the reference document, its error's name."""
    from .builder import DocumentMeta, WordBuilder
    from .markup import parse

    if order.reference is None:
        builder = WordBuilder(None)
    else:
        try:
            builder = WordBuilder(order.reference)
        except Exception as exc:  # noqa: BLE001 - whatever python-docx makes of a broken file
            return type(exc).__name__
    return builder.build(parse(order.text), DocumentMeta(*order.meta))
