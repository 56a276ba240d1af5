"""WordprocessingML for the body of a document: the block tree → `<w:p>` and `<w:tbl>` XML.

The Word builder prepares the package once with python-docx; every document's body is then
written here as XML text, which is what makes rendering a county take milliseconds per document.
Elements are written in the order ECMA-376 prescribes, so Word opens the files without repair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markup import Block, Heading, ListBlock, PageBreak, Paragraph, Signature, Signatures, Span, Table

BULLET_NUM_ID = 900
FIRST_ORDERED_NUM_ID = 901
ORDERED_ABSTRACT_ID = 91
GREY = "595959"
HEADER_FILL = "DCE3EC"
KEEP_TOGETHER_ROWS = 20
_TWIPS_PER_CM = 567

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
    caption: bool = False  # small grey text (labels under signature lines)

    def rpr(self) -> str:
        parts = []
        if self.bold:
            parts.append("<w:b/>")
        if self.italic:
            parts.append("<w:i/>")
        if self.caption:
            parts.append(f'<w:color w:val="{GREY}"/><w:sz w:val="16"/><w:szCs w:val="16"/>')
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


def runs_xml(spans: list[Span], base: RunStyle = RunStyle()) -> str:
    out = []
    for span in spans:
        if span.line_break:
            out.append("<w:r><w:br/></w:r>")
        if not span.text:
            continue
        style = RunStyle(
            base.bold or span.bold, base.italic or span.italic, base.highlight or span.highlight, base.caption
        )
        out.append(f'<w:r>{style.rpr()}<w:t xml:space="preserve">{xml_text(span.text)}</w:t></w:r>')
    return "".join(out)


def paragraph_xml(spans: list[Span], style: ParaStyle = ParaStyle(), run: RunStyle = RunStyle()) -> str:
    return f"<w:p>{style.ppr()}{runs_xml(spans, run)}</w:p>"


@dataclass
class BodyWriter:
    """Writes the blocks of one document; collects the numbering instances its lists need."""

    style_ids: dict[str, str | None]
    block_width: int  # twips
    next_num_id: int = FIRST_ORDERED_NUM_ID
    numbering: list[str] = field(default_factory=list)

    def body(self, blocks: list[Block]) -> str:
        out = []
        new_page = False
        for i, block in enumerate(blocks):
            # a page break before a heading or paragraph becomes that paragraph's "page break
            # before": a break paragraph would leave an empty page when the page before is full
            if isinstance(block, PageBreak) and i + 1 < len(blocks) and isinstance(blocks[i + 1], (Heading, Paragraph)):
                new_page = True
                continue
            # the sentence before the signatures stays on the page of the first signature row
            before_signatures = i + 1 < len(blocks) and isinstance(blocks[i + 1], Signatures)
            out.append(self.block(block, keep_next=before_signatures, new_page=new_page))
            new_page = False
        return "".join(out)

    def numbering_xml(self) -> str:
        return "".join(self.numbering)

    # ---- blocks -----------------------------------------------------------------------------
    def block(self, block: Block, keep_next: bool = False, new_page: bool = False) -> str:
        if isinstance(block, Heading):
            key = ("title", "h1", "h2", "h3")[min(block.level, 3)]
            return paragraph_xml(block.spans, ParaStyle(self.style_ids.get(key), page_break_before=new_page))
        if isinstance(block, Paragraph):
            style = self.style_ids.get("guidance") if block.guidance else None
            return paragraph_xml(block.spans, ParaStyle(style, keep_next=keep_next, page_break_before=new_page))
        if isinstance(block, ListBlock):
            return self.list_xml(block, 0, None)
        if isinstance(block, Table):
            return self.table_xml(block)
        if isinstance(block, Signatures):
            return self.signatures_xml(block)
        if isinstance(block, PageBreak):
            return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
        return ""

    def new_ordered_num(self) -> int:
        num_id = self.next_num_id
        self.next_num_id += 1
        self.numbering.append(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{ORDERED_ABSTRACT_ID}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
        return num_id

    def list_xml(self, block: ListBlock, level: int, num_id: int | None) -> str:
        if not block.ordered:
            num_id = BULLET_NUM_ID
        elif num_id is None:
            num_id = self.new_ordered_num()
        style_id = self.style_ids.get("guidance") if block.guidance else self.style_ids.get("list")
        out = []
        for item in block.items:
            first = True
            for inner in item.blocks:
                if isinstance(inner, ListBlock):
                    nested = num_id if inner.ordered and block.ordered else None
                    out.append(self.list_xml(inner, min(level + 1, 8), nested))
                elif isinstance(inner, Paragraph):
                    if first:
                        style = ParaStyle(style_id, num=(level, num_id))
                    else:
                        style = ParaStyle(style_id, indent_twips=567 + 425 * level)
                    out.append(paragraph_xml(inner.spans, style))
                    first = False
                else:
                    out.append(self.block(inner))
        return "".join(out)

    def table_xml(self, block: Table) -> str:
        columns = max([len(block.header)] + [len(r) for r in block.rows] + [1])
        widths = _column_widths(block, columns, self.block_width)
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        style = self.style_ids.get("table")
        tbl_style = f'<w:tblStyle w:val="{xml_attr(style)}"/>' if style else ""
        rows = []
        if block.header:
            cells = "".join(
                _cell(
                    widths[c],
                    paragraph_xml(spans, ParaStyle(keep_next=True, space_after=0), RunStyle(bold=True)),
                    fill=HEADER_FILL,
                )
                for c, spans in enumerate(_pad(block.header, columns))
            )
            rows.append(f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{cells}</w:tr>")
        guidance = self.style_ids.get("guidance") if block.guidance else None
        # a short table is kept on one page: every row but the last keeps with the next
        keep = len(block.rows) <= KEEP_TOGETHER_ROWS
        for r, row in enumerate(block.rows):
            cell_style = ParaStyle(guidance, keep_next=keep and r < len(block.rows) - 1, space_after=0)
            cells = "".join(
                _cell(widths[c], paragraph_xml(spans, cell_style)) for c, spans in enumerate(_pad(row, columns))
            )
            rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
        table = (
            f'<w:tbl><w:tblPr>{tbl_style}<w:tblW w:w="5000" w:type="pct"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
            f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
        )
        return table + paragraph_xml([], ParaStyle(space_after=0))

    def signatures_xml(self, block: Signatures) -> str:
        """A table with a cell per signatory: label, place and date, a line to sign on, name, title.

        Two signatories a row; each cell holds a small table whose cell borders are the lines, and
        the outer rows may not split, so no signature block is torn across a page break.
        """
        if not block.entries:
            return ""  # a table without rows is not valid WordprocessingML
        gap = _TWIPS_PER_CM
        half = (self.block_width - gap) // 2
        rows = []
        for i in range(0, len(block.entries), 2):
            pair = block.entries[i : i + 2]
            left = self.signature_xml(pair[0], half)
            right = self.signature_xml(pair[1], half) if len(pair) > 1 else _EMPTY_P
            rows.append(
                "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                f"{_cell(half, left)}{_cell(gap, _EMPTY_P)}{_cell(half, right)}</w:tr>"
            )
        grid = f'<w:gridCol w:w="{half}"/><w:gridCol w:w="{gap}"/><w:gridCol w:w="{half}"/>'
        return (
            f'<w:tbl><w:tblPr><w:tblW w:w="{2 * half + gap}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
            + paragraph_xml([], ParaStyle(space_before=0, space_after=0, tight=True))
        )

    def signature_xml(self, entry: Signature, width: int) -> str:
        given = entry.fields.get("Ort och datum")
        name = entry.fields.get("Namn") or []
        keep = ParaStyle(keep_next=True, space_after=0)
        rows = [
            (paragraph_xml(entry.label, ParaStyle(keep_next=True, space_before=12, space_after=0), RunStyle(bold=True)),
             False),
            (paragraph_xml(given or [], ParaStyle(keep_next=True, space_before=6 if given else 18, space_after=0)),
             not given),
            (paragraph_xml([Span("Ort och datum")], keep, RunStyle(caption=True)), False),
            (paragraph_xml([], ParaStyle(keep_next=True, space_before=30, space_after=0)), True),
            (paragraph_xml(name or [Span("Namnförtydligande")], keep, RunStyle(caption=not name)), False),
            (paragraph_xml(entry.fields.get("Titel") or [], keep), False),
            (paragraph_xml(entry.fields.get("Organisation") or [], ParaStyle(space_after=0)), False),
        ]
        body = "".join(
            f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{_cell(width, p, line=line)}</w:tr>" for p, line in rows
        )
        inner = (
            f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>{body}</w:tbl>'
        )
        return inner + paragraph_xml([], ParaStyle(space_before=0, space_after=0, tight=True))


_EMPTY_P = "<w:p/>"


def _cell(width: int, content: str, fill: str | None = None, line: bool = False) -> str:
    bottom = '<w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
    borders = f"<w:tcBorders>{bottom}</w:tcBorders>" if line else ""
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{borders}{shading}</w:tcPr>{content}</w:tc>'


def _pad(cells: list[list[Span]], columns: int) -> list[list[Span]]:
    return list(cells[:columns]) + [[] for _ in range(columns - len(cells))]


def _column_widths(block: Table, columns: int, total: int) -> list[int]:
    """Widths in proportion to each column's longest text, within bounds, summing to *total*."""
    longest = [4] * columns
    for row in [block.header, *block.rows]:
        for c, spans in enumerate(row[:columns]):
            longest[c] = max(longest[c], min(sum(len(s.text) for s in spans), 45))
    weights = [n + 6 for n in longest]
    widths = [total * w // sum(weights) for w in weights]
    widths[-1] += total - sum(widths)
    return widths
