"""Word output: the only module that imports python-docx (SPEC §5).

The builder turns the block tree of :mod:`fc_cli.markup` into a .docx with real heading styles,
Word list numbering, tables with a table style and signature tables whose lines are cell borders.
The base document (python-docx's template restyled for a Swedish A4 document, or a pack's
reference .docx) is prepared once per process and copied for every document; style ids are
resolved once. Output is deterministic: fixed timestamps and a stable zip.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from .markup import Block, Heading, ListBlock, PageBreak, Paragraph, Signatures, Span, Table

LANGUAGE = "sv-SE"
BULLET_ABSTRACT_ID = 90
ORDERED_ABSTRACT_ID = 91
BULLET_NUM_ID = 900
FIRST_ORDERED_NUM_ID = 901
GUIDANCE_STYLE = "Vägledning"
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x59, 0x59, 0x59)

_STYLE_NAMES = {
    "title": "Title",
    "subtitle": "Subtitle",
    "h1": "Heading 1",
    "h2": "Heading 2",
    "h3": "Heading 3",
    "list": "List Paragraph",
    "guidance": GUIDANCE_STYLE,
    "table": "Table Grid",
}


@dataclass(frozen=True)
class DocumentMeta:
    title: str
    subject: str
    creator: str
    header: str
    keywords: str = ""


def document_timestamp() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else a fixed instant."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime(2000, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class _Base:
    blob: bytes
    style_ids: dict[str, str | None]
    own_header: bool


@lru_cache(maxsize=8)
def _base(reference: Path | None) -> _Base:
    """Prepare the base document once: styles, numbering, page set-up, footer."""
    doc = Document(str(reference)) if reference else Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    if reference is None:
        _restyle_default(doc)
    _set_language(doc)
    _add_list_definitions(doc)
    _ensure_guidance_style(doc)
    section = doc.sections[0]
    own_header = any(p.text.strip() for p in section.header.paragraphs) if not section.header.is_linked_to_previous else False
    if not any(p.text.strip() for p in section.footer.paragraphs) or section.footer.is_linked_to_previous:
        _page_number_footer(section.footer)
    # the default template's thumbnail shows an empty page: drop it
    for rel_id, rel in list(doc.part.package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            doc.part.package.rels.pop(rel_id)
    style_ids = {key: _style_id(doc, name) for key, name in _STYLE_NAMES.items()}
    out = io.BytesIO()
    doc.save(out)
    return _Base(out.getvalue(), style_ids, own_header)


def _style_id(doc: Any, name: str) -> str | None:
    wanted = name.lower()  # styles.xml spells built-in names in lower case ("heading 1")
    for style in doc.styles.element.style_lst:
        if (style.name_val or "").lower() == wanted:
            return style.styleId
    return None


def _restyle_default(doc: Any) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.2)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, before, after in (
        ("Title", 22, 0, 6),
        ("Subtitle", 13, 0, 18),
        ("Heading 1", 14, 18, 6),
        ("Heading 2", 12, 12, 4),
        ("Heading 3", 11, 10, 4),
    ):
        style = styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT
        style.font.bold = name != "Subtitle"
        style.font.italic = False
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.keep_with_next = True
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if fonts is not None and fonts.get(qn(attr)) is not None:
                del fonts.attrib[qn(attr)]
    title_ppr = styles["Title"].element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)
    styles["Subtitle"].font.color.rgb = GREY
    styles["List Paragraph"].paragraph_format.space_after = Pt(3)


def _set_language(doc: Any) -> None:
    """sv-SE on the document defaults and on every style (SPEC §5)."""
    styles_el = doc.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    targets = []
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            targets.append(rpr)
    for style in styles_el.style_lst:
        targets.append(style.get_or_add_rPr())
    for rpr in targets:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = parse_xml(f'<w:lang {nsdecls("w")} w:val="{LANGUAGE}"/>')
            rpr.append(lang)
            _order_rpr(rpr, lang)
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)


# children of w:rPr that must follow w:lang (ECMA-376 order)
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def _order_rpr(rpr: Any, lang: Any) -> None:
    for tag in _AFTER_LANG:
        successor = rpr.find(qn(tag))
        if successor is not None:
            successor.addprevious(lang)
            return


def _add_list_definitions(doc: Any) -> None:
    numbering = doc.part.numbering_part.element
    bullets = ["•", "–", "▪"] * 3
    ordered = [("decimal", "%{n}."), ("lowerLetter", "%{n})"), ("lowerRoman", "%{n}.")] * 3

    def level(ilvl: int, fmt: str, text: str, font: str | None) -> str:
        left = 567 + ilvl * 425
        rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
        return (
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="357"/></w:pPr>{rpr}</w:lvl>'
        )

    bullet_xml = "".join(level(i, "bullet", b, "Calibri") for i, b in enumerate(bullets))
    ordered_xml = "".join(level(i, f, t.format(n=i + 1), None) for i, (f, t) in enumerate(ordered))
    first_num = numbering.find(qn("w:num"))
    for abstract_id, levels in ((BULLET_ABSTRACT_ID, bullet_xml), (ORDERED_ABSTRACT_ID, ordered_xml)):
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>'
        )
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
    numbering.append(_num_xml(BULLET_NUM_ID, BULLET_ABSTRACT_ID, restart=False))


def _num_xml(num_id: int, abstract_id: int, restart: bool) -> Any:
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
    return parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
    )


def _ensure_guidance_style(doc: Any) -> None:
    """Guidance text (the coordinator's prompts) is visibly different: grey, italic, ruled."""
    if _style_id(doc, GUIDANCE_STYLE):
        return
    style = parse_xml(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="Vagledning">'
        f'<w:name w:val="{GUIDANCE_STYLE}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="A6A6A6"/></w:pBdr>'
        '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/><w:ind w:left="170"/></w:pPr>'
        '<w:rPr><w:i/><w:color w:val="595959"/><w:sz w:val="20"/></w:rPr></w:style>'
    )
    doc.styles.element.append(style)


def _page_number_footer(footer: Any) -> None:
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for child in list(paragraph._p):
        if child.tag != qn("w:pPr"):
            paragraph._p.remove(child)

    def text(value: str) -> None:
        run = paragraph.add_run(value)
        run.font.size = Pt(9)
        run.font.color.rgb = GREY

    def field(instr: str) -> None:
        paragraph._p.append(
            parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" {instr} "><w:r><w:rPr><w:color w:val="595959"/>'
                f'<w:sz w:val="18"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>'
            )
        )

    text("Sida ")
    field("PAGE")
    text(" av ")
    field("NUMPAGES")


class WordBuilder:
    """Builds .docx files from block trees on one base document."""

    def __init__(self, reference: Path | None = None):
        self.base = _base(reference)
        self.ids = self.base.style_ids

    def build(self, blocks: list[Block], meta: DocumentMeta) -> bytes:
        doc = Document(io.BytesIO(self.base.blob))
        writer = _Writer(doc, self.ids)
        for block in blocks:
            writer.block(block, doc._body)
        if not self.base.own_header:
            _header(doc, meta.header)
        timestamp = document_timestamp()
        props = doc.core_properties
        props.title = meta.title
        props.subject = meta.subject
        props.author = meta.creator
        props.last_modified_by = meta.creator
        props.keywords = meta.keywords
        props.language = LANGUAGE
        props.created = props.modified = timestamp
        props.revision = 1
        out = io.BytesIO()
        doc.save(out)
        return normalise_zip(out.getvalue(), timestamp)


def _header(doc: Any, text: str) -> None:
    header = doc.sections[0].header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(text)
    run.font.size = Pt(9)
    run.font.color.rgb = GREY


def normalise_zip(blob: bytes, timestamp: dt.datetime) -> bytes:
    """Same content → same bytes: fixed entry times and attributes, order kept."""
    stamp = max(timestamp, dt.datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


class _Writer:
    """Writes blocks into a container (the body or a table cell)."""

    def __init__(self, doc: Any, ids: dict[str, str | None]):
        self.doc = doc
        self.ids = ids
        self.numbering = doc.part.numbering_part.element
        self.next_num_id = FIRST_ORDERED_NUM_ID
        self.block_width = doc.sections[0].page_width - doc.sections[0].left_margin - doc.sections[0].right_margin

    # ---- blocks -----------------------------------------------------------------------------
    def block(self, block: Block, container: Any, list_level: int = 0) -> None:
        if isinstance(block, Heading):
            key = ("title", "h1", "h2", "h3")[min(block.level, 3)]
            self.paragraph(container, block.spans, self.ids[key])
        elif isinstance(block, Paragraph):
            self.paragraph(container, block.spans, self.ids["guidance"] if block.guidance else None)
        elif isinstance(block, ListBlock):
            self.list_block(block, container, 0, None)
        elif isinstance(block, Table):
            self.table(block, container)
        elif isinstance(block, Signatures):
            self.signatures(block, container)
        elif isinstance(block, PageBreak):
            paragraph = container.add_paragraph()
            paragraph.add_run().add_break(WD_BREAK.PAGE)

    def paragraph(self, container: Any, spans: list[Span], style_id: str | None) -> Any:
        paragraph = container.add_paragraph()
        if style_id:
            paragraph._p.style = style_id
        self.runs(paragraph, spans)
        return paragraph

    def runs(self, paragraph: Any, spans: list[Span]) -> None:
        for span in spans:
            if span.line_break:
                paragraph.add_run().add_break()
            if not span.text:
                continue
            run = paragraph.add_run(span.text)
            if span.bold:
                run.bold = True
            if span.italic:
                run.italic = True
            if span.highlight:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def list_block(self, block: ListBlock, container: Any, level: int, num_id: int | None) -> None:
        if block.ordered:
            if num_id is None or level == 0:
                num_id = self.new_ordered_num()
        else:
            num_id = BULLET_NUM_ID
        style = self.ids["guidance"] if block.guidance else self.ids["list"]
        for item in block.items:
            first = True
            for inner in item.blocks:
                if isinstance(inner, ListBlock):
                    nested_num = num_id if inner.ordered and block.ordered else None
                    self.list_block(inner, container, min(level + 1, 8), nested_num)
                elif isinstance(inner, Paragraph):
                    paragraph = self.paragraph(container, inner.spans, style)
                    if first:
                        numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                        numpr.get_or_add_ilvl().val = level
                        numpr.get_or_add_numId().val = num_id
                    else:
                        paragraph.paragraph_format.left_indent = Cm(1.0 + 0.75 * level)
                    first = False
                else:
                    self.block(inner, container)

    def new_ordered_num(self) -> int:
        num_id = self.next_num_id
        self.next_num_id += 1
        self.numbering.append(_num_xml(num_id, ORDERED_ABSTRACT_ID, restart=True))
        return num_id

    def table(self, block: Table, container: Any) -> None:
        columns = max([len(block.header)] + [len(r) for r in block.rows] + [1])
        table = container.add_table(1 + len(block.rows), columns, self.block_width)
        if self.ids["table"]:
            table._tbl.tblPr.style = self.ids["table"]
        _table_width_pct(table)
        header_row = table.rows[0]
        _repeat_header(header_row)
        for col, spans in enumerate(block.header):
            cell = header_row.cells[col]
            _shade(cell, "DCE3EC")
            paragraph = cell.paragraphs[0]
            self.runs(paragraph, [Span(s.text, True, s.italic, s.highlight, s.line_break) for s in spans])
            paragraph.paragraph_format.space_after = Pt(0)
        for r, row in enumerate(block.rows, start=1):
            cells = table.rows[r].cells
            for col, spans in enumerate(row[:columns]):
                paragraph = cells[col].paragraphs[0]
                if block.guidance and self.ids["guidance"]:
                    paragraph._p.style = self.ids["guidance"]
                self.runs(paragraph, spans)
                paragraph.paragraph_format.space_after = Pt(0)
        container.add_paragraph().paragraph_format.space_after = Pt(0)

    def signatures(self, block: Signatures, container: Any) -> None:
        """A table with a cell per signatory: label, place and date, a line to sign on, name, title.

        Two signatories a row; each cell holds a small table whose cell borders are the lines, and
        the outer rows may not split, so no signature block is torn across a page break.
        """
        gap = Cm(1.0)
        half = int((self.block_width - gap) / 2)
        pairs = [block.entries[i : i + 2] for i in range(0, len(block.entries), 2)]
        table = container.add_table(len(pairs), 3, self.block_width)
        for row, pair in zip(table.rows, pairs):
            _cant_split(row)
            for cell, width in zip(row.cells, (half, gap, half)):
                cell.width = width
            for side, entry in enumerate(pair):
                cell = row.cells[side * 2]
                inner = cell.add_table(7, 1)
                cell._tc.remove(cell.paragraphs[0]._p)  # the cell's own empty first paragraph
                _tight(cell.paragraphs[-1])
                for inner_row in inner.rows:
                    _cant_split(inner_row)
                    inner_row.cells[0].width = half
                self._signature_cells(entry, [r.cells[0] for r in inner.rows])
        container.add_paragraph()

    def _signature_cells(self, entry: Any, cells: list[Any]) -> None:
        label, place_date, place_caption, line, name, title, organisation = cells
        self._cell_text(label, entry.label, bold=True, space_before=12)
        given = entry.fields.get("Ort och datum")
        if given:
            self._cell_text(place_date, given, space_before=6)
            self._cell_text(place_caption, [Span("Ort och datum")], caption=True)
        else:
            self._cell_text(place_date, [], space_before=18)
            _bottom_border(place_date)
            self._cell_text(place_caption, [Span("Ort och datum")], caption=True)
        self._cell_text(line, [], space_before=30)
        _bottom_border(line)
        name_spans = entry.fields.get("Namn") or []
        self._cell_text(name, name_spans or [Span("Namnförtydligande")], caption=not name_spans)
        self._cell_text(title, entry.fields.get("Titel") or [])
        self._cell_text(organisation, entry.fields.get("Organisation") or [])

    def _cell_text(self, cell: Any, spans: list[Span], bold: bool = False, caption: bool = False, space_before: int = 0) -> None:
        paragraph = cell.paragraphs[0]
        fmt = paragraph.paragraph_format
        fmt.space_after = Pt(0)
        fmt.space_before = Pt(space_before)
        fmt.keep_with_next = True
        if bold:
            spans = [Span(s.text, True, s.italic, s.highlight, s.line_break) for s in spans]
        self.runs(paragraph, spans)
        if caption:
            for run in paragraph.runs:
                run.font.size = Pt(8)
                run.font.color.rgb = GREY


def _tight(paragraph: Any) -> None:
    """An empty paragraph Word requires after a nested table: make it take no room."""
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)


def _table_width_pct(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = parse_xml(f'<w:tblW {nsdecls("w")}/>')
        tbl_pr.append(width)
    width.set(qn("w:type"), "pct")
    width.set(qn("w:w"), "5000")


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    _cant_split(row)


def _cant_split(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))


# ECMA-376 order of w:tcPr children after the borders and shading we add
_TCPR_AFTER_BORDERS = ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
_TCPR_AFTER_SHD = _TCPR_AFTER_BORDERS[1:]


def _bottom_border(cell: Any) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = parse_xml(
        f'<w:tcBorders {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tcBorders>'
    )
    tc_pr.insert_element_before(borders, *_TCPR_AFTER_BORDERS)


def _shade(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    tc_pr.insert_element_before(shd, *_TCPR_AFTER_SHD)

