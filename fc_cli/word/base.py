"""The prepared Word base package as plain data (`_Base`), and where a process gets it (`_cached_base`).

A base package is python-docx's template restyled for a Swedish A4 document, or a pack's reference
.docx, prepared once: its parts, its body cut out, marks where each document's pieces go, the ids
of the styles fc writes. `_cached_base` is a speed path: it takes the base kept in fc's cache
(word/base_cache.py) and imports word/prepare.py, and with it python-docx, only when there is none
(tests/test_speed_paths.py: the same base, no python-docx in a run that finds it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

LANGUAGE = "sv-SE"
GUIDANCE_STYLE = "Vägledning"
DRAFT_STYLE = "Utkastmarkering"
LABEL_STYLE = "Etikett"  # the small grey labels under the signature lines

#: The styles fc writes, by fc's key: their ids in a base package are `_Base.style_ids`
STYLE_NAMES = {
    "title": "Title",
    "subtitle": "Subtitle",
    "h1": "Heading 1",
    "h2": "Heading 2",
    "h3": "Heading 3",
    "list": "List Paragraph",
    "guidance": GUIDANCE_STYLE,
    "table": "Table Grid",
    "draft": DRAFT_STYLE,
    "hyperlink": "Hyperlink",
    "footnote_text": "footnote text",
    "footnote_reference": "footnote reference",
    "toc_heading": "TOC Heading",
    "toc1": "toc 1",
    "toc2": "toc 2",
    "toc3": "toc 3",
    "label": LABEL_STYLE,
}


#: Where each document's pieces go in the base package's parts
HEADER_MARK = "<!--fc-header-->"
NUMBERING_MARK = "<!--fc-numbering-->"
RELATIONSHIPS_MARK = "<!--fc-relationships-->"
FOOTNOTES_PART = "word/footnotes.xml"
FOOTNOTES_RELS = "word/_rels/footnotes.xml.rels"


@dataclass(frozen=True)
class _Base:
    parts: tuple[tuple[str, bytes], ...]  # the package's parts in zip order
    document_head: str  # document.xml up to and including <w:body>
    document_tail: str  # from the body's <w:sectPr> to the end
    numbering: str  # numbering.xml with a mark where a document's list instances go
    numbering_part: str
    header: str  # header1.xml: fc's, with a mark for the text, or the reference's own
    header_part: str
    reference_header: bool  # the header is the reference document's own (kept as it is)
    relationships: str  # document.xml.rels with a mark where a document's links go
    style_ids: dict[str, str | None]
    block_width: int  # twips
    #: a reference saved from a document fc wrote: the header and footer lines that named its centre
    #: (replaced by fc's own, so that no centre's name stands in another's documents)
    unfrozen: tuple[str, ...] = ()

    @classmethod
    def from_kept(cls, fields: dict[str, Any]) -> _Base:
        """The base package from the fields word/base_cache.py kept (JSON gives lists for tuples)."""
        kept: dict[str, Any] = {
            name: tuple(value) if isinstance(value, list) else value for name, value in fields.items()
        }
        return cls(**kept)


@lru_cache(maxsize=8)
def _cached_base(reference: Path | None) -> _Base:
    """The base package as prepared before and kept in fc's cache (word/base_cache.py), else prepared now."""
    import dataclasses

    from . import base_cache

    kept = base_cache.load(reference)
    if kept is not None:
        try:
            return _Base.from_kept(kept)
        except TypeError:  # kept by a different fc (cannot happen: the key holds fc's code)
            pass
    from .prepare import _base  # python-docx, only now

    base = _base(reference)
    base_cache.store(reference, {f.name: getattr(base, f.name) for f in dataclasses.fields(base)})
    return base
