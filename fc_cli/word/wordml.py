"""WordprocessingML for the body of a document: the block tree → `<w:p>` and `<w:tbl>` XML.

The Word builder prepares the package once with python-docx; every document's body is then
written here as XML text, which is what makes rendering a county take milliseconds per document.
Elements are written in the order ECMA-376 prescribes, so Word opens the files without repair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .chart import ChartParts
from .markup import (
    Block,
    Chart,
    Contents,
    Footnotes,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Signature,
    Signatures,
    Span,
    Table,
)
from .textwidth import measure, text_width

BULLET_NUM_ID = 900
FIRST_ORDERED_NUM_ID = 901
ORDERED_ABSTRACT_ID = 91
KEEP_TOGETHER_ROWS = 20
_TWIPS_PER_CM = 567
#: Word's default cell margins, left and right together (twips)
CELL_MARGINS = 2 * 108
#: Room for a font wider than Calibri (a reference document's, or a substitute for a missing one:
#: DejaVu Sans, where neither Calibri nor Carlito is installed, is up to a third wider): column
#: widths allow for the widest that still lets the table fit
WIDER_FONTS = (1.35, 1.2)
#: The height of a line of 11 pt Calibri at 1.15 line spacing (twips)
LINE_HEIGHT = 310
#: What a paragraph leads in to: it stays on the page where that begins
_LED_IN = (ListBlock, Table, Signatures)

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """Text escaped for XML, with characters XML 1.0 cannot hold removed."""
    text = _XML_INVALID.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(text: str) -> str:
    return xml_text(text).replace('"', "&quot;")


@dataclass(frozen=True)
class RunStyle:
    bold: bool = False
    italic: bool = False
    highlight: bool = False
    style_id: str | None = None  # a character style (Hyperlink, the labels under signature lines)

    def rpr(self) -> str:
        parts = []
        if self.style_id:
            parts.append(f'<w:rStyle w:val="{xml_attr(self.style_id)}"/>')
        if self.bold:
            parts.append("<w:b/>")
        if self.italic:
            parts.append("<w:i/>")
        if self.highlight:
            parts.append('<w:highlight w:val="yellow"/>')
        return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


@dataclass(frozen=True)
class ParaStyle:
    style_id: str | None = None
    keep_next: bool = False
    num: tuple[int, int] | None = None  # (level, numId)
    space_before: int | None = None  # points
    space_after: int | None = None
    indent_twips: int | None = None
    tight: bool = False  # the empty paragraph Word requires after a nested table
    page_break_before: bool = False  # starts a new page (no empty page when the last one is full)

    def ppr(self) -> str:
        parts = []
        if self.style_id:
            parts.append(f'<w:pStyle w:val="{xml_attr(self.style_id)}"/>')
        if self.keep_next:
            parts.append("<w:keepNext/>")
        if self.page_break_before:
            parts.append("<w:pageBreakBefore/>")
        if self.num is not None:
            level, num_id = self.num
            parts.append(f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
        spacing = []
        if self.space_before is not None:
            spacing.append(f'w:before="{self.space_before * 20}"')
        if self.space_after is not None:
            spacing.append(f'w:after="{self.space_after * 20}"')
        if self.tight:
            spacing.append('w:line="20" w:lineRule="exact"')
        if spacing:
            parts.append(f"<w:spacing {' '.join(spacing)}/>")
        if self.indent_twips is not None:
            parts.append(f'<w:ind w:left="{self.indent_twips}"/>')
        return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


@dataclass
class Refs:
    """What the runs of one part (the body, the footnotes) refer to: its external links."""

    style_ids: dict[str, str | None]
    links: dict[str, str] = field(default_factory=dict)  # address → relationship id
    prefix: str = "rIdFcLink"

    def link_id(self, address: str) -> str:
        if address not in self.links:
            self.links[address] = f"{self.prefix}{len(self.links) + 1}"
        return self.links[address]

    def relationships_xml(self) -> str:
        """The part's relationships to its links (TargetMode External: pages outside the file)."""
        return "".join(
            f'<Relationship Id="{rel_id}" Type="{HYPERLINK_REL}" Target="{xml_attr(address)}" TargetMode="External"/>'
            for address, rel_id in self.links.items()
        )


HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def runs_xml(spans: list[Span], base: RunStyle = RunStyle(), refs: Refs | None = None) -> str:
    out: list[tuple[str | None, str]] = []  # (link, run)
    for span in spans:
        if span.line_break:
            out.append((None, "<w:r><w:br/></w:r>"))
        if span.footnote is not None and refs is not None:
            note_style = refs.style_ids.get("footnote_reference")
            out.append((None, f"<w:r>{RunStyle(style_id=note_style).rpr()}<w:footnoteReference w:id=\"{span.footnote}\"/></w:r>"))
        if not span.text:
            continue
        link = span.link if refs is not None else None
        style = RunStyle(
            base.bold or span.bold,
            base.italic or span.italic,
            base.highlight or span.highlight,
            refs.style_ids.get("hyperlink") if link and refs is not None else base.style_id,
        )
        out.append((link, f'<w:r>{style.rpr()}<w:t xml:space="preserve">{xml_text(span.text)}</w:t></w:r>'))
    xml = []
    i = 0
    while i < len(out):
        link, run = out[i]
        if link is None or refs is None:
            xml.append(run)
            i += 1
            continue
        runs = []
        while i < len(out) and out[i][0] == link:
            runs.append(out[i][1])
            i += 1
        xml.append(f'<w:hyperlink r:id="{refs.link_id(link)}" w:history="1">{"".join(runs)}</w:hyperlink>')
    return "".join(xml)


def paragraph_xml(
    spans: list[Span],
    style: ParaStyle = ParaStyle(),
    run: RunStyle = RunStyle(),
    refs: Refs | None = None,
    before: str = "",
    after: str = "",
) -> str:
    """A paragraph; *before* and *after* are XML around its runs (a bookmark, a field's parts)."""
    return f"<w:p>{style.ppr()}{before}{runs_xml(spans, run, refs)}{after}</w:p>"


@dataclass
class BodyWriter:
    """Writes the blocks of one document; collects the numbering instances its lists need, its
    links and its footnotes."""

    style_ids: dict[str, str | None]
    block_width: int  # twips
    next_num_id: int = FIRST_ORDERED_NUM_ID
    numbering: list[str] = field(default_factory=list)
    refs: Refs = field(init=False)
    note_refs: Refs = field(init=False)  # the footnotes part's own links
    notes: list[str] = field(default_factory=list)  # <w:footnote> elements
    contents: list[Heading] = field(default_factory=list)  # the headings a table of contents lists
    headings: dict[int, str] = field(default_factory=dict)  # id(Heading) → its bookmark
    charts: ChartParts = field(default_factory=ChartParts)  # its charts' parts (word/chart.py)
    heading_nums: dict[int, tuple[int, int]] = field(default_factory=dict)  # id(Heading) → (ilvl, numId)

    def __post_init__(self) -> None:
        self.refs = Refs(self.style_ids)
        self.note_refs = Refs(self.style_ids, prefix="rIdFcNoteLink")

    def p(self, spans: list[Span], style: ParaStyle = ParaStyle(), run: RunStyle = RunStyle()) -> str:
        return paragraph_xml(spans, style, run, self.refs)

    def body(self, blocks: list[Block]) -> str:
        if any(isinstance(b, Contents) for b in blocks):
            self.contents = [b for b in blocks if isinstance(b, Heading) and 1 <= b.level <= 3]
            self.headings = {id(h): f"_TocFc{n}" for n, h in enumerate(self.contents, 1)}
        out = []
        new_page = False
        for i, block in enumerate(blocks):
            # a page break before a heading or paragraph becomes that paragraph's "page break
            # before": a break paragraph would leave an empty page when the page before is full
            if isinstance(block, PageBreak) and i + 1 < len(blocks) and isinstance(blocks[i + 1], (Heading, Paragraph)):
                new_page = True
                continue
            # a paragraph that leads in to a list, a table or the signatures ("Uppdraget är att:"),
            # or to whatever follows its colon, stays on the page where that begins
            lead_in = i + 1 < len(blocks) and (isinstance(blocks[i + 1], _LED_IN) or _ends_in_colon(block))
            out.append(self.block(block, keep_next=lead_in, new_page=new_page))
            new_page = False
        return "".join(out)

    def numbering_xml(self) -> str:
        return "".join(self.numbering)

    def footnotes_xml(self) -> str:
        return "".join(self.notes)

    # ---- blocks -----------------------------------------------------------------------------
    def block(self, block: Block, keep_next: bool = False, new_page: bool = False) -> str:
        if isinstance(block, Heading):
            key = ("title", "h1", "h2", "h3")[min(block.level, 3)]
            style = ParaStyle(self.style_ids.get(key), num=self.heading_nums.get(id(block)), page_break_before=new_page)
            bookmark = self.headings.get(id(block))
            if bookmark is None:
                return self.p(block.spans, style)
            number = bookmark.removeprefix("_TocFc")
            return paragraph_xml(
                block.spans, style, RunStyle(), self.refs,
                before=f'<w:bookmarkStart w:id="{number}" w:name="{bookmark}"/>',
                after=f'<w:bookmarkEnd w:id="{number}"/>',
            )
        if isinstance(block, Contents):
            return self.contents_xml(self.contents)
        if isinstance(block, Footnotes):
            self.notes.extend(self.footnote_xml(number, paras) for number, paras in sorted(block.notes.items()))
            return ""
        if isinstance(block, Paragraph):
            style_id = self.style_ids.get("guidance") if block.guidance else None
            if block.subtitle:
                style_id = self.style_ids.get("subtitle")
            return self.p(block.spans, ParaStyle(style_id, keep_next=keep_next, page_break_before=new_page))
        if isinstance(block, ListBlock):
            return self.list_xml(block, 0, None)
        if isinstance(block, Table):
            return self.table_xml(block)
        if isinstance(block, Signatures):
            return self.signatures_xml(block)
        if isinstance(block, PageBreak):
            return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
        if isinstance(block, Chart):
            return self.charts.drawing(block, self.block_width)
        return ""

    def contents_xml(self, headings: list[Heading]) -> str:
        """A table of contents: Word's TOC field over Heading 1–3, its entries written in already.

        Each entry links to its heading and carries a PAGEREF field for its page. fc does not lay
        out pages, so the page numbers are left for Word to fill in when the field is updated
        (Uppdatera fält, or when printing), rather than written wrong; nothing is marked as
        needing an update, which would make Word ask about it when the file is opened. For a PDF,
        LibreOffice computes the PAGEREF fields (see fc_cli/pdf.py).
        """
        title = self.p([Span(CONTENTS_TITLE)], ParaStyle(self.style_ids.get("toc_heading")))
        if not headings:
            return title
        tab = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{self.block_width}"/></w:tabs>'
        entries = []
        for n, heading in enumerate(headings):
            bookmark = self.headings[id(heading)]
            style = self.style_ids.get(f"toc{min(heading.level, 3)}")
            ppr = f'<w:pPr>{_pstyle(style)}{tab}<w:spacing w:after="60"/></w:pPr>'
            begin = TOC_FIELD_BEGIN if n == 0 else ""
            text = "".join(s.text for s in heading.spans)
            page = (
                '<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF {bookmark} \\h </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
            )
            end = TOC_FIELD_END if n == len(headings) - 1 else ""
            entries.append(
                f'<w:p>{ppr}{begin}<w:hyperlink w:anchor="{bookmark}" w:history="1">'
                f'<w:r><w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>{page}</w:hyperlink>{end}</w:p>'
            )
        return title + "".join(entries)

    def footnote_xml(self, number: int, paragraphs: list[Paragraph]) -> str:
        style = self.style_ids.get("footnote_text")
        mark = self.style_ids.get("footnote_reference")
        out = []
        for k, paragraph in enumerate(paragraphs or [Paragraph([])]):
            ref = (
                f'<w:r>{RunStyle(style_id=mark).rpr()}<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>'
                if k == 0
                else ""
            )
            out.append(paragraph_xml(paragraph.spans, ParaStyle(style), RunStyle(), self.note_refs, before=ref))
        return f'<w:footnote w:id="{number}">{"".join(out)}</w:footnote>'

    def new_ordered_num(self, level: int = 0, start: int = 1) -> int:
        """A numbering instance that counts from *start* at *level* (where its list stands).

        Instances share one list definition, which counts on across them unless told: the
        override at the list's own level makes each list, and each sub-list under a new parent
        item, begin at its own first number.
        """
        num_id = self.next_num_id
        self.next_num_id += 1
        self.numbering.append(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{ORDERED_ABSTRACT_ID}"/>'
            f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
        )
        return num_id

    def list_xml(self, block: ListBlock, level: int, num_id: int | None) -> str:
        if not block.ordered:
            num_id = BULLET_NUM_ID
        elif num_id is None or block.start != 1:
            # a sub-list of a numbered list shares its parent's instance: Word and LibreOffice
            # restart a level after each item of the level above
            num_id = self.new_ordered_num(level, block.start)
        style_id = self.style_ids.get("guidance") if block.guidance else self.style_ids.get("list")
        out = []
        for item in block.items:
            first = True
            for j, inner in enumerate(item.blocks):
                if isinstance(inner, ListBlock):
                    nested = num_id if inner.ordered and block.ordered else None
                    out.append(self.list_xml(inner, min(level + 1, 8), nested))
                elif isinstance(inner, Paragraph):
                    lead_in = j + 1 < len(item.blocks) and isinstance(item.blocks[j + 1], _LED_IN)
                    if first:
                        style = ParaStyle(style_id, keep_next=lead_in, num=(level, num_id))
                    else:
                        style = ParaStyle(style_id, keep_next=lead_in, indent_twips=567 + 425 * level)
                    out.append(self.p(inner.spans, style))
                    first = False
                else:
                    out.append(self.block(inner))
        xml = "".join(out)
        if level == 0 and "<w:tbl" not in xml:
            # neither the first item nor the last stands alone on a page: they keep with the next
            paragraphs = xml.split("</w:p>")[:-1]
            if len(paragraphs) >= 3:
                for k in (0, len(paragraphs) - 2):
                    paragraphs[k] = _keep_with_next(paragraphs[k])
                xml = "".join(p + "</w:p>" for p in paragraphs)
        return xml

    def table_xml(self, block: Table) -> str:
        columns = max([len(block.header)] + [len(r) for r in block.rows] + [1])
        widths = _column_widths(block, columns, self.block_width)
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        style = self.style_ids.get("table")
        tbl_style = f'<w:tblStyle w:val="{xml_attr(style)}"/>' if style else ""
        rows = []
        if block.header:
            cells = "".join(
                # shading and bold come from the table style's header-row formatting
                _cell(widths[c], self.p(spans, ParaStyle(keep_next=True, space_after=0)))
                for c, spans in enumerate(_pad(block.header, columns))
            )
            rows.append(f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{cells}</w:tr>")
        guidance = self.style_ids.get("guidance") if block.guidance else None
        # a short table is kept on one page: every row but the last keeps with the next
        keep = len(block.rows) <= KEEP_TOGETHER_ROWS
        for r, row in enumerate(block.rows):
            cell_style = ParaStyle(guidance, keep_next=keep and r < len(block.rows) - 1, space_after=0)
            cells = "".join(
                _cell(widths[c], self.p(spans, cell_style)) for c, spans in enumerate(_pad(row, columns))
            )
            rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
        table = (
            f'<w:tbl><w:tblPr>{tbl_style}<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
            f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
        )
        return table + self.p([], ParaStyle(space_after=0))

    def signatures_xml(self, block: Signatures) -> str:
        """A table with a cell per signatory: label, place and date, a line to sign on, name, title.

        Two signatories side by side; each holds a small table whose cell borders are the lines.
        The rows may not split, and the last two pairs share the last row (a table of their own
        in it, so they still read pair by pair): no signature block is torn apart and the last
        signatory never stands alone on a page, whatever the application does with "keep with
        next" between rows (Word keeps the whole block together; LibreOffice keeps rows whole).
        """
        if not block.entries:
            return ""  # a table without rows is not valid WordprocessingML
        gap = _TWIPS_PER_CM
        half = (self.block_width - gap) // 2
        pairs = [block.entries[i : i + 2] for i in range(0, len(block.entries), 2)]
        rows = [self.pair_row(pair, half, gap, keep=p + 1 < len(pairs)) for p, pair in enumerate(pairs)]
        if len(rows) > 1:
            together = _grid_table(half, gap, rows[-2:]) + _TIGHT_P
            rows[-2:] = [
                f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{2 * half + gap}" w:type="dxa"/>'
                '<w:gridSpan w:val="3"/><w:tcMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
                f"</w:tcMar></w:tcPr>{together}</w:tc></w:tr>"
            ]
        return _grid_table(half, gap, rows) + self.p([], ParaStyle(space_before=0, space_after=0, tight=True))

    def pair_row(self, pair: list[Signature], half: int, gap: int, keep: bool) -> str:
        """One row of two signatories (or one); *keep*: it keeps with the row after it."""
        # side by side, the lines to sign on stand level: the rows above them are as high in both
        # cells as the higher one needs
        heights = [max(h) for h in zip(*(_signature_heights(entry, half) for entry in pair), strict=False)]
        left = self.signature_xml(pair[0], half, heights, keep)
        right = self.signature_xml(pair[1], half, heights, keep) if len(pair) > 1 else _empty_p(keep)
        return f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{_cell(half, left)}{_cell(gap, _empty_p(keep))}{_cell(half, right)}</w:tr>"

    def signature_xml(self, entry: Signature, width: int, heights: list[int], keep_next: bool = False) -> str:
        given = entry.fields.get("Ort och datum")
        name = entry.fields.get("Namn") or []
        keep = ParaStyle(keep_next=True, space_after=0)
        caption = RunStyle(style_id=self.style_ids.get("label"))  # small grey text under a line
        before_given = _GIVEN_BEFORE if given else _HANDWRITTEN_BEFORE
        rows = [
            (self.p(entry.label, ParaStyle(keep_next=True, space_before=_LABEL_BEFORE, space_after=0), RunStyle(bold=True)), False),
            (self.p(given or [], ParaStyle(keep_next=True, space_before=before_given, space_after=0)), not given),
            (self.p([Span("Ort och datum")], keep, caption), False),
            (self.p([], ParaStyle(keep_next=True, space_before=30, space_after=0)), True),
            (self.p(name or [Span("Namnförtydligande")], keep, RunStyle() if name else caption), False),
            (self.p(entry.fields.get("Titel") or [], ParaStyle(keep_next=True, space_after=0)), False),
        ]
        organisation = entry.fields.get("Organisation")
        if organisation:
            rows.append((self.p(organisation, ParaStyle(keep_next=True, space_after=0)), False))
        # the last line of the last signatory ends the chain of lines kept together
        last, line = rows[-1]
        rows[-1] = (last.replace("<w:keepNext/>", "", 1) if not keep_next else last, line)
        body = "".join(
            f"<w:tr><w:trPr><w:cantSplit/>{_height(heights[r]) if r < len(heights) else ''}</w:trPr>"
            f"{_cell(width, p, line=line)}</w:tr>"
            for r, (p, line) in enumerate(rows)
        )
        inner = (
            f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>{body}</w:tbl>'
        )
        return inner + self.p([], ParaStyle(keep_next=keep_next, space_before=0, space_after=0, tight=True))


_EMPTY_P = "<w:p/>"
CONTENTS_TITLE = "Innehåll"
#: Where the table of contents' TOC field begins and ends (fc_cli/pdf.py finds them by these)
TOC_FIELD_BEGIN = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
)
TOC_FIELD_END = '<w:r><w:rPr><w:noProof/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>'


def _pstyle(style_id: str | None) -> str:
    return f'<w:pStyle w:val="{xml_attr(style_id)}"/>' if style_id else ""
_LABEL_BEFORE = 12  # points before a signatory's label
_GIVEN_BEFORE = 6  # … before a printed place and date
_HANDWRITTEN_BEFORE = 18  # … before the line for a handwritten place and date


_PPR_START = re.compile(r"^<w:p><w:pPr>(<w:pStyle [^>]*/>)?")


def _keep_with_next(paragraph: str) -> str:
    """*paragraph* (a list item's `<w:p><w:pPr>…`, without its end) with keepNext after its style."""
    if "<w:keepNext/>" in paragraph:
        return paragraph
    return _PPR_START.sub(lambda m: m.group(0) + "<w:keepNext/>", paragraph, count=1)


def _ends_in_colon(block: Block) -> bool:
    return isinstance(block, Paragraph) and "".join(s.text for s in block.spans).rstrip().endswith(":")


_TIGHT_P = '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr></w:p>'


def _grid_table(half: int, gap: int, rows: list[str]) -> str:
    """The signatures' layout table: a column per signatory with a gap between."""
    grid = f'<w:gridCol w:w="{half}"/><w:gridCol w:w="{gap}"/><w:gridCol w:w="{half}"/>'
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{2 * half + gap}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
    )


def _empty_p(keep_next: bool) -> str:
    return "<w:p><w:pPr><w:keepNext/></w:pPr></w:p>" if keep_next else _EMPTY_P


def _height(twips: int) -> str:
    return f'<w:trHeight w:val="{twips}" w:hRule="atLeast"/>'


def _lines(spans: list[Span], width: int, bold: bool = False, wider: float = 1.0) -> int:
    """How many lines *spans* take in a cell *width* twips wide (Calibri 11 pt, or a font *wider*
    times as wide; words kept whole)."""
    room = max(width - CELL_MARGINS, 1) / wider
    lines, used = 1, 0
    space = text_width(" ", bold=bold)
    for word in "".join(s.text for s in spans).split():
        needed = text_width(word, bold=bold)
        if used and used + space + needed > room:
            lines, used = lines + 1, needed
        else:
            used += (space if used else 0) + needed
    return lines


def _signature_heights(entry: Signature, width: int) -> list[int]:
    """The heights the label row and the place-and-date row need (twips), in the widest font
    column widths allow for: a label that wraps only in a substitute font keeps its line level too."""
    given = entry.fields.get("Ort och datum")
    before = _GIVEN_BEFORE if given else _HANDWRITTEN_BEFORE
    return [
        _LABEL_BEFORE * 20 + _lines(entry.label, width, True, WIDER_FONTS[0]) * LINE_HEIGHT,
        before * 20 + _lines(given or [], width, False, WIDER_FONTS[0]) * LINE_HEIGHT,
    ]


def _cell(width: int, content: str, line: bool = False) -> str:
    borders = '<w:tcBorders><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tcBorders>' if line else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{borders}</w:tcPr>{content}</w:tc>'


def _pad(cells: list[list[Span]], columns: int) -> list[list[Span]]:
    return list(cells[:columns]) + [[] for _ in range(columns - len(cells))]


def _column_widths(block: Table, columns: int, total: int) -> list[int]:
    """Column widths from the measured text, summing to *total* (twips).

    No column is narrower than its widest word (the header's set in bold), so no word breaks:
    with room for a font up to a third wider than Calibri where the table allows it. What is left goes
    to the columns whose text would otherwise wrap, in proportion to how much more they need.
    """
    words = [0] * columns  # the widest word
    lines = [0] * columns  # the longest text on one line
    for row, bold in [(block.header, True)] + [(row, False) for row in block.rows]:
        for c, spans in enumerate(row[:columns]):
            for line in _cell_lines(spans):
                word, whole = measure(line, bold)
                words[c] = max(words[c], word)
                lines[c] = max(lines[c], whole)
    wanted = [n + CELL_MARGINS for n in lines]
    least = [n + CELL_MARGINS for n in words]
    for factor in (*WIDER_FONTS, 1.0):
        minimum = [round(n * factor) + CELL_MARGINS for n in words]
        if sum(minimum) <= total:
            least = minimum
            break
    full = [max(w, m) for w, m in zip(wanted, least, strict=False)]
    if sum(least) > total:  # words must break whatever the widths: in proportion to them
        widths = [total * n // sum(least) for n in least]
    elif sum(full) <= total:  # every text fits on one line: the room left in proportion
        widths = [n + (total - sum(full)) * n // sum(full) for n in full]
    else:
        more = [f - m for f, m in zip(full, least, strict=False)]
        widths = [m + (total - sum(least)) * n // sum(more) for m, n in zip(least, more, strict=False)]
    widths[-1] += total - sum(widths)
    return widths


def _cell_lines(spans: list[Span]) -> list[str]:
    lines = [""]
    for span in spans:
        if span.line_break:
            lines.append("")
        lines[-1] += span.text
    return lines
