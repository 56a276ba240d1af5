"""Word output: each document's package around its body, on the prepared base package (heading
styles, Word numbering, A4, sv-SE).

The base package (word/base.py; prepared once with python-docx by word/prepare.py and
word/styles.py, or kept in fc's cache by word/base_cache.py) holds styles, list definitions,
footer, header and style ids. Each document then only swaps the parts that differ: the body
(written as XML by :mod:`fc_cli.word.wordml`: heading styles, Word list numbering, tables with a
table style, signature tables whose lines are cell borders), its list instances, the page header,
the core properties, its links, footnotes and charts; the zip is written by word/zipped.py. Output
is deterministic: fixed timestamps and a stable zip.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..properties import source_date_epoch
from .base import (
    FOOTNOTES_PART,
    FOOTNOTES_RELS,
    HEADER_MARK,
    LANGUAGE,
    NUMBERING_MARK,
    RELATIONSHIPS_MARK,
    _Base,
    _cached_base,
)
from .markup import Block
from .numbering import HeadingNumbers, abstract_xml, number_headings
from .wordml import BodyWriter, xml_text

DRAFT_MARK = "UTKAST"
DRAFT_STATUS = "Utkast"


@dataclass(frozen=True)
class DocumentMeta:
    title: str  # the file's title: "Samverkansavtal – Familjecentralen Vivalla"
    subject: str
    creator: str
    header: str
    keywords: str = ""
    #: the document's own date (its signing date, else when it takes effect): the file's dates
    #: when SOURCE_DATE_EPOCH is not set; None leaves them out
    date: dt.date | None = None
    draft: bool = False  # "UTKAST" in the page header and the status "Utkast" in the properties
    numbered_headings: bool = False  # Word-numbered headings (word/numbering.py)


#: The zip entries' time when the document has no date of its own (the earliest a zip can hold).
ZIP_EPOCH = dt.datetime(1980, 1, 1)


def document_timestamp(own_date: dt.date | None = None) -> dt.datetime | None:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the document's own date, else None."""
    stamp = source_date_epoch()
    if stamp is None:
        return dt.datetime(own_date.year, own_date.month, own_date.day) if own_date else None
    return stamp


_FOOTNOTES_MARK = "<!--fc-footnotes-->"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: The footnotes part: Word's two separators, then the document's notes
_FOOTNOTES = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    f'<w:footnotes xmlns:w="{_W_NS}" xmlns:r="{_R_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    '<w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    f"<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>{_FOOTNOTES_MARK}</w:footnotes>"
)


class WordBuilder:
    """Builds .docx files from block trees on one base package."""

    def __init__(self, reference: Path | None = None):
        self.base = _cached_base(reference)

    def build(self, blocks: list[Block], meta: DocumentMeta) -> bytes:
        base = self.base
        writer = BodyWriter(base.style_ids, base.block_width)
        headings = number_headings(blocks) if meta.numbered_headings else None
        writer.heading_nums = headings.nums if headings else {}
        body = writer.body(blocks)
        timestamp = document_timestamp(meta.date)
        replaced: dict[str, str | bytes] = {
            "word/document.xml": base.document_head + body + base.document_tail,
            "docProps/core.xml": _core_xml(meta, timestamp),
            base.numbering_part: _numbering(base, writer.numbering_xml(), headings),
            base.header_part: _header_xml(base, meta),
            "word/_rels/document.xml.rels": base.relationships.replace(
                RELATIONSHIPS_MARK, writer.refs.relationships_xml() + writer.charts.relationships_xml()
            ),
            FOOTNOTES_PART: _FOOTNOTES.replace(_FOOTNOTES_MARK, writer.footnotes_xml()),
        }
        names = [name for name, _ in base.parts]
        note_links = writer.note_refs.relationships_xml()
        if note_links:
            replaced[FOOTNOTES_RELS] = (
                "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f"{note_links}</Relationships>"
            )
            names.append(FOOTNOTES_RELS)
        if writer.charts.parts:  # word/chart.py: each chart's part, relationships and workbook
            replaced["[Content_Types].xml"] = writer.charts.content_types(dict(base.parts)["[Content_Types].xml"].decode("utf-8"))
            replaced.update(writer.charts.parts)
            names += list(writer.charts.parts)
        stamp = max(timestamp or ZIP_EPOCH, ZIP_EPOCH).timetuple()[:6]
        blobs = dict(base.parts)
        from .zipped import package as zipped  # the same bytes, the base's parts compressed once (a speed path)

        def made_here(name: str) -> bytes:
            data = replaced[name]
            return data.encode("utf-8") if isinstance(data, str) else data

        made = zipped(stamp, [(n, made_here(n), False) if n in replaced else (n, blobs[n], True) for n in names])
        if made is not None:
            return made
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
            for name in names:
                entry = zipfile.ZipInfo(name, date_time=stamp)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                package.writestr(entry, made_here(name) if name in replaced else blobs[name])
        return out.getvalue()


def _numbering(base: _Base, lists: str, headings: HeadingNumbers | None) -> str:
    """numbering.xml: the lists' instances, and the headings' numbering when the document has it
    (its abstract numbering before the first w:num, as the schema orders them)."""
    if headings is None:
        return base.numbering.replace(NUMBERING_MARK, lists)
    text = base.numbering.replace(NUMBERING_MARK, lists + "".join(headings.instances))
    first = text.index("<w:num ")  # the base always has the bullets' instance
    return text[:first] + abstract_xml() + text[first:]


def _core_xml(meta: DocumentMeta, timestamp: dt.datetime | None) -> str:
    when = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ") if timestamp else ""
    dates = (
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        if when
        else ""
    )
    status = f"<cp:contentStatus>{DRAFT_STATUS}</cp:contentStatus>" if meta.draft else ""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_text(meta.title)}</dc:title><dc:subject>{xml_text(meta.subject)}</dc:subject>"
        f"<dc:creator>{xml_text(meta.creator)}</dc:creator><cp:keywords>{xml_text(meta.keywords)}</cp:keywords>"
        f"<cp:lastModifiedBy>{xml_text(meta.creator)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f"{dates}<dc:language>{LANGUAGE}</dc:language>{status}</cp:coreProperties>"
    )


def _header_xml(base: _Base, meta: DocumentMeta) -> str:
    """The page header: fc's (the document's title and centre, "UTKAST" first in a draft), or the
    reference document's own, with a first line "UTKAST" in a draft."""
    draft = f'<w:r><w:rPr><w:rStyle w:val="{base.style_ids["draft"]}"/></w:rPr><w:t>{DRAFT_MARK}</w:t></w:r>'
    if base.reference_header:
        if not meta.draft:
            return base.header
        start = base.header.index(">", base.header.index("<w:hdr")) + 1
        return base.header[:start] + f'<w:p><w:pPr><w:jc w:val="right"/></w:pPr>{draft}</w:p>' + base.header[start:]
    runs = f'<w:r><w:t xml:space="preserve">{xml_text(meta.header)}</w:t></w:r>'
    if meta.draft:
        runs = draft + '<w:r><w:t xml:space="preserve"> · </w:t></w:r>' + runs
    return base.header.replace(HEADER_MARK, runs)
