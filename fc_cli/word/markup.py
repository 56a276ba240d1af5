"""The intermediate text format: the only module that imports markdown-it-py.

Templates produce CommonMark with GFM tables, `[text]{.placeholder}` highlights, links
(`[text](https://…)`), footnotes (`text[^1]` … `[^1]: note`) and fenced containers
(`::: signatures`, `::: guidance`, `::: pagebreak`, `::: toc`). This module parses it into a small tree of
blocks that the Word builder walks; the tree knows nothing of Word and the builder nothing of
Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from . import parse_cache, pieces

CONTAINERS = ("signatures", "guidance", "pagebreak", "toc", "chart")
#: The only links a document may hold: web pages and e-mail addresses (never files or scripts)
LINK_SCHEMES = ("https://", "http://", "mailto:")


@dataclass
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    highlight: bool = False
    line_break: bool = False  # a line break before this span's text
    link: str | None = None  # the address this span links to (see LINK_SCHEMES)
    footnote: int | None = None  # a reference to footnote number N (the span has no text)


@dataclass
class Heading:
    level: int  # 0 = document title, 1.. = section levels
    spans: list[Span]
    number: int | None = None  # its own number, `## {nr=13} Title` (see word/numbering.py)


@dataclass
class Paragraph:
    spans: list[Span]
    guidance: bool = False
    subtitle: bool = False  # the line under the document title (style Subtitle)


@dataclass
class ListItem:
    blocks: list[Any] = field(default_factory=list)


@dataclass
class ListBlock:
    ordered: bool
    items: list[ListItem] = field(default_factory=list)
    start: int = 1
    guidance: bool = False


@dataclass
class Table:
    header: list[list[Span]]
    rows: list[list[list[Span]]]
    guidance: bool = False


@dataclass
class Signature:
    label: list[Span]
    fields: dict[str, list[Span]]


@dataclass
class Signatures:
    entries: list[Signature]


@dataclass
class PageBreak:
    pass


@dataclass
class Contents:
    """A table of contents (an updatable field listing the headings)."""


@dataclass
class Footnotes:
    """The document's footnotes, number → its paragraphs; the last block when there are any."""

    notes: dict[int, list[Paragraph]]


@dataclass
class Chart:
    """A chart (`::: chart KIND LOW HIGH TITLE` around a table: categories down, series across)."""

    kind: str  # "bar" (horizontal bars) or "col" (columns)
    title: str
    low: float | None
    high: float | None
    header: str  # the first column's heading: what the categories are
    series: list[str]
    rows: list[tuple[str, list[float | None]]]


Block = Heading | Paragraph | ListBlock | Table | Signatures | PageBreak | Contents | Footnotes | Chart


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_plugin
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    # only what the format uses: fewer rules, faster parsing, nothing a template can trip over
    md.disable(["html_block", "html_inline", "image", "autolink", "reference", "code", "fence",
                "blockquote", "lheading", "backticks", "entity"])
    md.use(footnote_plugin, inline=False)  # `text[^1]` and `[^1]: note`, as pandoc writes them
    md.use(attrs_plugin, spans=True, allowed=["class"])
    md.disable("attr")  # attributes only on [text]{.placeholder} spans
    for name in CONTAINERS:
        md.use(container_plugin, name=name)
    return md


def parse(text: str) -> list[Block]:
    """Markdown text → blocks: kept from an earlier run (word/parse_cache.py), else parsed piece by
    piece (word/pieces.py)."""
    blocks = parse_cache.load(text)
    if blocks is None:
        blocks = pieces.blocks(text, _parse_whole, CONTAINERS)
        parse_cache.store(text, blocks)
    _mark_subtitle(blocks)
    return blocks


def _parse_whole(text: str) -> list[Block]:
    blocks, _ = _blocks(_parser().parse(text), 0, None, guidance=False)
    return blocks


def _mark_subtitle(blocks: list[Block]) -> None:
    """A paragraph in bold throughout right under the document title is its subtitle: the
    Subtitle style sets it apart, not bold type."""
    if len(blocks) < 2 or not isinstance(blocks[0], Heading) or blocks[0].level != 0:
        return
    line = blocks[1]
    bold = line.spans and all(s.bold for s in line.spans if s.text.strip()) if isinstance(line, Paragraph) else False
    if isinstance(line, Paragraph) and not line.guidance and bold:
        line.subtitle = True
        line.spans = [Span(s.text, False, s.italic, s.highlight, s.line_break, s.link, s.footnote) for s in line.spans]


def _blocks(tokens: list[Any], i: int, stop: str | None, guidance: bool) -> tuple[list[Block], int]:
    blocks: list[Block] = []
    while i < len(tokens):
        tok = tokens[i]
        if stop is not None and tok.type == stop:
            return blocks, i + 1
        kind = tok.type
        if kind == "heading_open":
            level = int(tok.tag[1:]) - 1
            blocks.append(_heading(level, tokens[i + 1]))
            i += 3
        elif kind == "paragraph_open":
            blocks.append(Paragraph(_spans(tokens[i + 1]), guidance=guidance))
            i += 3
        elif kind in ("bullet_list_open", "ordered_list_open"):
            block, i = _list(tokens, i, guidance)
            blocks.append(block)
        elif kind == "table_open":
            table, i = _table(tokens, i)
            table.guidance = guidance
            blocks.append(table)
        elif kind == "hr":
            blocks.append(PageBreak())
            i += 1
        elif kind == "container_pagebreak_open":
            blocks.append(PageBreak())
            _, i = _blocks(tokens, i + 1, "container_pagebreak_close", guidance)
        elif kind == "container_guidance_open":
            inner, i = _blocks(tokens, i + 1, "container_guidance_close", True)
            blocks.extend(inner)
        elif kind == "container_signatures_open":
            signatures, i = _signatures(tokens, i + 1)
            blocks.append(signatures)
        elif kind == "container_toc_open":
            blocks.append(Contents())
            _, i = _blocks(tokens, i + 1, "container_toc_close", guidance)
        elif kind == "container_chart_open":
            inner, i = _blocks(tokens, i + 1, "container_chart_close", guidance)
            blocks.extend(_chart(tok.info, inner))
        elif kind == "footnote_block_open":
            notes, i = _footnotes(tokens, i + 1)
            blocks.append(notes)
        else:
            i += 1
    return blocks, i


def _chart(info: str, inner: list[Block]) -> list[Block]:
    """The chart a `::: chart` block describes; a block it cannot read stays the table it holds."""
    words = info.strip().split(" ", 4)
    table = next((b for b in inner if isinstance(b, Table)), None)
    if len(words) < 5 or words[1] not in ("bar", "col") or table is None or len(table.header) < 2:
        return inner

    def number(text: str) -> float | None:
        cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            return float(cleaned)
        except ValueError:
            return None

    def plain(spans: list[Span]) -> str:
        return "".join(s.text for s in spans).strip()

    rows = [(plain(r[0]), [number(plain(c)) for c in _pad(r, len(table.header))[1:]]) for r in table.rows if r]
    low, high = number(words[2]), number(words[3])
    return [Chart(words[1], words[4], low, high, plain(table.header[0]), [plain(h) for h in table.header[1:]], rows)]


def _pad(row: list[list[Span]], columns: int) -> list[list[Span]]:
    return (row + [[] for _ in range(columns)])[:columns]


def _footnotes(tokens: list[Any], i: int) -> tuple[Footnotes, int]:
    notes: dict[int, list[Paragraph]] = {}
    while tokens[i].type != "footnote_block_close":
        if tokens[i].type == "footnote_open":
            number = tokens[i].meta["id"] + 1
            inner, i = _blocks(tokens, i + 1, "footnote_close", False)
            notes[number] = [b for b in inner if isinstance(b, Paragraph)]
        else:
            i += 1
    return Footnotes(notes), i + 1


def _list(tokens: list[Any], i: int, guidance: bool) -> tuple[ListBlock, int]:
    open_tok = tokens[i]
    ordered = open_tok.type == "ordered_list_open"
    close = "ordered_list_close" if ordered else "bullet_list_close"
    start = int(open_tok.attrs.get("start", 1)) if ordered else 1
    block = ListBlock(ordered=ordered, start=start, guidance=guidance)
    i += 1
    while tokens[i].type != close:
        if tokens[i].type == "list_item_open":
            inner, i = _blocks(tokens, i + 1, "list_item_close", guidance)
            block.items.append(ListItem(inner))
        else:
            i += 1
    return block, i + 1


def _table(tokens: list[Any], i: int) -> tuple[Table, int]:
    header: list[list[Span]] = []
    rows: list[list[list[Span]]] = []
    current: list[list[Span]] | None = None
    in_head = False
    i += 1
    while tokens[i].type != "table_close":
        kind = tokens[i].type
        if kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            current = []
        elif kind == "tr_close" and current is not None:
            (header.extend(current) if in_head else rows.append(current))
        elif kind in ("th_open", "td_open") and current is not None:
            current.append(_spans(tokens[i + 1]))
        i += 1
    return Table(header, rows), i + 1


def _signatures(tokens: list[Any], i: int) -> tuple[Signatures, int]:
    entries: list[Signature] = []
    while tokens[i].type != "container_signatures_close":
        if tokens[i].type == "inline" and tokens[i - 1].type == "paragraph_open":
            tokens[i].meta["signature_lines"] = True
            lines = _lines(_spans(tokens[i]))
            label, rest = lines[0], lines[1:]
            fields: dict[str, list[Span]] = {}
            for line in rest:
                name, value = _split_field(line)
                if name:
                    fields[name] = value
            entries.append(Signature(label, fields))
        i += 1
    return Signatures(entries), i + 1


def _lines(spans: list[Span]) -> list[list[Span]]:
    lines: list[list[Span]] = [[]]
    for span in spans:
        if span.line_break:
            lines.append([])
            span = Span(span.text, span.bold, span.italic, span.highlight)
        if span.text:
            lines[-1].append(span)
    return lines


def _split_field(line: list[Span]) -> tuple[str, list[Span]]:
    """`Namn: Anna` → ('Namn', [Anna]); the prefix is always written by fc, never by data."""
    if not line or ":" not in line[0].text:
        return "", line
    first = line[0]
    name, _, rest = first.text.partition(":")
    value = [Span(rest.lstrip(), first.bold, first.italic, first.highlight), *line[1:]]
    return name.strip(), [s for s in value if s.text]


def _heading(level: int, inline: Any) -> Heading:
    """A heading; `{nr=13} ` before its text gives it that number (word/numbering.py)."""
    from .numbering import EXPLICIT

    spans = _spans(inline)
    own = EXPLICIT.match(inline.content or "")
    if own is None or not spans:
        return Heading(level, spans)
    first = spans[0]
    spans[0] = Span(EXPLICIT.sub("", first.text, count=1), first.bold, first.italic, first.highlight,
                    first.line_break, first.link, first.footnote)
    return Heading(level, spans, int(own.group(1)))


def _spans(inline: Any) -> list[Span]:
    spans: list[Span] = []
    bold = italic = highlight = False
    link: str | None = None
    pending_break = False
    for child in inline.children or []:
        kind = child.type
        if kind == "text":
            spans.append(Span(child.content, bold, italic, highlight, pending_break, link))
            pending_break = False
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            link = href if href.lower().startswith(LINK_SCHEMES) else None  # others: the text alone
        elif kind == "link_close":
            link = None
        elif kind == "footnote_ref":
            spans.append(Span("", footnote=child.meta["id"] + 1))
        elif kind == "softbreak":
            if _in_signature_line_mode(inline):
                pending_break = True
            else:
                spans.append(Span(" ", bold, italic, highlight, link=link))
        elif kind == "hardbreak":
            pending_break = True
        elif kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind == "span_open" and "placeholder" in str(child.attrs.get("class", "")):
            highlight = True
        elif kind == "span_close":
            highlight = False
    if pending_break:
        spans.append(Span("", line_break=True))
    return _merge(spans)


def _in_signature_line_mode(inline: Any) -> bool:
    # inside `::: signatures` each source line is one field (set by _signatures)
    return bool(inline.meta.get("signature_lines"))


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if (
            merged
            and not span.line_break
            and span.footnote is None
            and merged[-1].footnote is None
            and (merged[-1].bold, merged[-1].italic, merged[-1].highlight, merged[-1].link)
            == (span.bold, span.italic, span.highlight, span.link)
        ):
            last = merged[-1]
            merged[-1] = Span(last.text + span.text, last.bold, last.italic, last.highlight, last.line_break, last.link)
        else:
            merged.append(span)
    return merged
