"""Word output: the only module that imports python-docx (heading styles, Word numbering, A4, sv-SE).

The base package (python-docx's template restyled for a Swedish A4 document, or a pack's
reference .docx) is prepared once per process with python-docx: styles, list definitions, footer,
header, style ids. Each document then only swaps the parts that differ: the body (written as XML
by :mod:`fc_cli.word.wordml`: heading styles, Word list numbering, tables with a table style, signature
tables whose lines are cell borders), its list instances, the page header and the core
properties. Output is deterministic: fixed timestamps and a stable zip.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported by _import_docx, when a base package is prepared (not when it is cached)
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Cm, Pt

from ..properties import source_date_epoch
from .external import without_external
from .markup import Block
from .numbering import HeadingNumbers, abstract_xml, number_headings
from .wordml import BULLET_NUM_ID, ORDERED_ABSTRACT_ID, BodyWriter, xml_text

LANGUAGE = "sv-SE"
BULLET_ABSTRACT_ID = 90
GUIDANCE_STYLE = "Vägledning"
DRAFT_MARK = "UTKAST"
DRAFT_STATUS = "Utkast"
DRAFT_STYLE = "Utkastmarkering"
LABEL_STYLE = "Etikett"  # the small grey labels under the signature lines
HEADER_FILL = "DCE3EC"  # the shading of a table's header row (in the table style)
#: Word 2013 and later: a document in this mode opens without "Compatibility Mode"
COMPATIBILITY_MODE = "15"
ACCENT: Any = None  # RGBColor(0x1F, 0x3A, 0x5F), set by _import_docx
GREY: Any = None  # RGBColor(0x59, 0x59, 0x59)

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

#: Styles fc writes with that python-docx's template lacks: (id, name, type, based on, pPr, rPr)
_WORD_STYLES = (
    ("Hyperlink", "Hyperlink", "character", "DefaultParagraphFont", "", '<w:color w:val="0563C1"/><w:u w:val="single"/>'),
    ("FootnoteText", "footnote text", "paragraph", "Normal", '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
     '<w:sz w:val="18"/><w:szCs w:val="18"/>'),
    ("FootnoteReference", "footnote reference", "character", "DefaultParagraphFont", "", '<w:vertAlign w:val="superscript"/>'),
    ("TOCHeading", "TOC Heading", "paragraph", "Heading1", '<w:outlineLvl w:val="9"/>', ""),
    ("TOC1", "toc 1", "paragraph", "Normal", '<w:spacing w:after="60"/>', ""),
    ("TOC2", "toc 2", "paragraph", "Normal", '<w:spacing w:after="60"/><w:ind w:left="220"/>', ""),
    ("TOC3", "toc 3", "paragraph", "Normal", '<w:spacing w:after="60"/><w:ind w:left="440"/>', ""),
)


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


_HEADER_MARK = "<!--fc-header-->"
_NUMBERING_MARK = "<!--fc-numbering-->"
_RELATIONSHIPS_MARK = "<!--fc-relationships-->"
_FOOTNOTES_MARK = "<!--fc-footnotes-->"
FOOTNOTES_PART = "word/footnotes.xml"
FOOTNOTES_RELS = "word/_rels/footnotes.xml.rels"
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
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
        kept: dict[str, Any] = {name: tuple(value) if isinstance(value, list) else value for name, value in fields.items()}
        return cls(**kept)


def _import_docx() -> None:
    """python-docx's names used below, bound when a base package is first prepared in this process.

    A speed path: a base package kept in fc's cache (word/base_cache.py) needs no python-docx.
    """
    global Document, WD_ALIGN_PARAGRAPH, parse_xml, nsdecls, qn, Cm, Pt, ACCENT, GREY
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Cm, Pt, RGBColor

    ACCENT, GREY = RGBColor(0x1F, 0x3A, 0x5F), RGBColor(0x59, 0x59, 0x59)


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
    base = _base(reference)
    base_cache.store(reference, {f.name: getattr(base, f.name) for f in dataclasses.fields(base)})
    return base


@lru_cache(maxsize=8)
def _base(reference: Path | None) -> _Base:
    """Prepare the base package once: styles, numbering, page set-up, header and footer."""
    _import_docx()
    doc = Document(str(reference)) if reference else Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    body.get_or_add_sectPr()
    if reference is None:
        _restyle_default(doc)
        _prune_default_template(doc)
    _set_language(doc)
    _add_list_definitions(doc)
    _ensure_guidance_style(doc)
    _ensure_draft_style(doc)
    _ensure_word_styles(doc)
    _ensure_header_row_formatting(doc)
    _keep_headings_with_next(doc)
    _set_compatibility_mode(doc)
    section = doc.sections[0]
    unfrozen = _unfreeze(doc) if reference is not None else ()
    own_header = not section.header.is_linked_to_previous and any(p.text.strip() for p in section.header.paragraphs)
    if unfrozen and _HEADER_MARK[4:-3] in section.header._element.xml:
        own_header = False  # fc's header paragraph stands where the frozen one stood
    elif not own_header:
        _header(doc)
    if section.footer.is_linked_to_previous or not any(p.text.strip() for p in section.footer.paragraphs):
        _page_number_footer(doc, section.footer)
    # the default template's thumbnail shows an empty page: drop it
    for rel_id, rel in list(doc.part.package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            doc.part.package.rels.pop(rel_id)
    doc.core_properties.comments = ""
    style_ids = {key: _style_id(doc, name) for key, name in STYLE_NAMES.items()}
    # A4 with fc's margins, or the reference document's own (python-docx types them as optional)
    width = int(section.page_width or 0) - int(section.left_margin or 0) - int(section.right_margin or 0)
    header_part = section.header.part.partname.lstrip("/")
    out = io.BytesIO()
    doc.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as package:
        parts = tuple(
            (info.filename, _app_xml().encode("utf-8") if info.filename == "docProps/app.xml" else package.read(info.filename))
            for info in package.infolist()
        )
    parts, _ = without_external(_with_footnotes_part(parts))  # `fc validate` names what is dropped
    contents = dict(parts)
    document = contents["word/document.xml"].decode("utf-8")
    body_start = document.index("<w:body>") + len("<w:body>")
    tail_start = document.index("<w:sectPr", body_start)
    numbering_name = doc.part.numbering_part.partname.lstrip("/")
    numbering = contents[numbering_name].decode("utf-8")
    numbering = numbering.replace("</w:numbering>", _NUMBERING_MARK + "</w:numbering>")
    header = contents[header_part].decode("utf-8")
    return _Base(
        parts=parts,
        document_head=document[:body_start],
        document_tail=document[tail_start:],
        numbering=numbering,
        numbering_part=numbering_name,
        header=header,
        header_part=header_part,
        reference_header=own_header,
        relationships=contents["word/_rels/document.xml.rels"].decode("utf-8").replace(
            "</Relationships>", _RELATIONSHIPS_MARK + "</Relationships>"
        ),
        style_ids=style_ids,
        block_width=int(width / 635),  # EMU → twips
        unfrozen=unfrozen,
    )


def _with_footnotes_part(parts: tuple[tuple[str, bytes], ...]) -> tuple[tuple[str, bytes], ...]:
    """The package with a footnotes part (fc's own; a reference document's is replaced)."""
    contents = dict(parts)
    types = contents["[Content_Types].xml"].decode("utf-8")
    rels = contents["word/_rels/document.xml.rels"].decode("utf-8")
    if f'PartName="/{FOOTNOTES_PART}"' not in types:
        types = types.replace(
            "</Types>", f'<Override PartName="/{FOOTNOTES_PART}" ContentType="{_FOOTNOTES_TYPE}"/></Types>'
        )
    if _FOOTNOTES_REL + '"' not in rels:
        rels = rels.replace(
            "</Relationships>",
            f'<Relationship Id="rIdFcFootnotes" Type="{_FOOTNOTES_REL}" Target="footnotes.xml"/></Relationships>',
        )
    out = [
        (name, {"[Content_Types].xml": types.encode("utf-8"), "word/_rels/document.xml.rels": rels.encode("utf-8")}.get(name, blob))
        for name, blob in parts
        if name != FOOTNOTES_RELS  # a reference document's notes' links go with its notes
    ]
    if FOOTNOTES_PART not in contents:
        out.append((FOOTNOTES_PART, b""))
    return tuple(out)


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
    for name in ("Header", "Footer"):  # the page header and footer: small and grey, by style
        styles[name].font.size = Pt(9)
        styles[name].font.color.rgb = GREY
    styles["List Paragraph"].paragraph_format.space_after = Pt(3)


_KEEP_STYLES = {
    "Normal", "Default Paragraph Font", "Normal Table", "No List", "Header", "Footer", "Header Char", "Footer Char",
    "Title", "Title Char", "Subtitle", "Subtitle Char", "Heading 1", "Heading 1 Char", "Heading 2",
    "Heading 2 Char", "Heading 3", "Heading 3 Char", "List Paragraph", "Table Grid",
}


def _prune_default_template(doc: Any) -> None:
    """Drop what python-docx's template carries but fc never uses: 200 table styles, the legacy
    stylesWithEffects part, the sample bibliography. Each document is then a tenth of the size
    and built in a fraction of the time."""
    styles = doc.styles.element
    for style in list(styles.style_lst):
        if (style.name_val or "").lower() not in {n.lower() for n in _KEEP_STYLES}:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            doc.part.drop_rel(rel_id)


def _set_language(doc: Any) -> None:
    """sv-SE on the document defaults and on every style (Swedish proofing in Word)."""
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

    # a reference saved from a document fc wrote has fc's lists already: those go, fc's come anew
    ours = {str(BULLET_ABSTRACT_ID), str(ORDERED_ABSTRACT_ID)}
    for element in list(numbering):
        if element.tag == qn("w:abstractNum") and element.get(qn("w:abstractNumId")) in ours:
            numbering.remove(element)
        elif element.tag == qn("w:num"):
            abstract = element.find(qn("w:abstractNumId"))
            if (abstract is not None and abstract.get(qn("w:val")) in ours) or element.get(qn("w:numId")) == str(
                BULLET_NUM_ID
            ):
                numbering.remove(element)
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


def _keep_headings_with_next(doc: Any) -> None:
    """A heading never stands alone at the foot of a page, whatever a reference document says."""
    for key in ("title", "h1", "h2", "h3"):
        style_id = _style_id(doc, STYLE_NAMES[key])
        if style_id:
            doc.styles.element.get_by_id(style_id).get_or_add_pPr().keepNext_val = True


def _ensure_word_styles(doc: Any) -> None:
    """Links, footnotes and the table of contents have Word's own styles (added when missing)."""
    for style_id, name, kind, based_on, ppr, rpr in _WORD_STYLES:
        if _style_id(doc, name):
            continue
        doc.styles.element.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{name}"/>'
                f'<w:basedOn w:val="{based_on}"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
                + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "")
                + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
                + "</w:style>"
            )
        )


def _ensure_header_row_formatting(doc: Any) -> None:
    """The table style shades and bolds a table's header row (conditional formatting), unless
    a reference document's table style says how its header row looks."""
    style_id = _style_id(doc, STYLE_NAMES["table"])
    if not style_id:
        return
    style = doc.styles.element.get_by_id(style_id)
    if any(c.get(qn("w:type")) == "firstRow" for c in style.findall(qn("w:tblStylePr"))):
        return
    style.append(
        parse_xml(
            f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr></w:tblStylePr>'
        )
    )


def _ensure_draft_style(doc: Any) -> None:
    """The draft marking in the header: bold dark red, as a character style."""
    if _style_id(doc, DRAFT_STYLE):
        return
    doc.styles.element.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="character" w:customStyle="1" w:styleId="{DRAFT_STYLE}">'
            f'<w:name w:val="{DRAFT_STYLE}"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>'
            '<w:rPr><w:b/><w:color w:val="C00000"/></w:rPr></w:style>'
        )
    )
    if not _style_id(doc, LABEL_STYLE):
        doc.styles.element.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="character" w:customStyle="1" w:styleId="{LABEL_STYLE}">'
                f'<w:name w:val="{LABEL_STYLE}"/><w:basedOn w:val="DefaultParagraphFont"/>'
                '<w:rPr><w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>'
            )
        )


def _page_number_footer(doc: Any, footer: Any, paragraph: Any = None) -> None:
    footer.is_linked_to_previous = False
    if paragraph is None:
        paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for child in list(paragraph._p):
        if child.tag != qn("w:pPr"):
            paragraph._p.remove(child)

    if paragraph.style.name != "Footer" and _style_id(doc, "Footer"):
        paragraph.style = doc.styles["Footer"]  # small and grey by style, not run by run

    def text(value: str) -> None:
        paragraph.add_run(value)

    def field(instr: str) -> None:
        paragraph._p.append(
            parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" {instr} "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
        )

    text("Sida ")
    field("PAGE")
    text(" av ")
    field("NUMPAGES")


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
                _RELATIONSHIPS_MARK, writer.refs.relationships_xml() + writer.charts.relationships_xml()
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
        return base.numbering.replace(_NUMBERING_MARK, lists)
    text = base.numbering.replace(_NUMBERING_MARK, lists + "".join(headings.instances))
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


@lru_cache(maxsize=1)
def _app_xml() -> str:
    """docProps/app.xml that says what made the file; no page or word counts (fc does not paginate,
    and Word and LibreOffice count for themselves)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        numbers = [int(n) for n in version("fc-cli").split(".")[:3] if n.isdigit()]
    except PackageNotFoundError:
        numbers = []
    major, minor, patch = (numbers + [0, 0, 0])[:3]
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        # AppVersion is written as Office writes it, "XX.YYYY": fc 0.1.0 is 00.0100
        f"<Application>fc</Application><DocSecurity>0</DocSecurity>"
        f"<AppVersion>{major:02d}.{minor:02d}{patch:02d}</AppVersion></Properties>"
    )


def _set_compatibility_mode(doc: Any) -> None:
    """Word opens the file as a current document, not in "Compatibility Mode" (SPEC §5)."""
    settings = doc.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = parse_xml(f'<w:compat {nsdecls("w")}/>')
        # w:compat follows these in CT_Settings; the ones after it are rarer, so insert before them
        successor = next(
            (settings.find(qn(tag)) for tag in _AFTER_COMPAT if settings.find(qn(tag)) is not None), None
        )
        if successor is not None:
            successor.addprevious(compat)
        else:
            settings.append(compat)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:  # the theme's fonts are chosen for Swedish, not for en-US
        theme_lang.set(qn("w:val"), LANGUAGE)
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), COMPATIBILITY_MODE)
            return
    compat.append(
        parse_xml(
            f'<w:compatSetting {nsdecls("w")} w:name="compatibilityMode" '
            f'w:uri="http://schemas.microsoft.com/office/word" w:val="{COMPATIBILITY_MODE}"/>'
        )
    )


# the children of w:settings that follow w:compat (ECMA-376 order)
_AFTER_COMPAT = ("w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
                 "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions",
                 "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
                 "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")


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
    return base.header.replace(_HEADER_MARK, runs)


def _unfreeze(doc: Any) -> tuple[str, ...]:
    """A reference saved from a document fc wrote keeps that document's header (its title and its
    centre's name) and perhaps a footer naming the centre: each such line is replaced by fc's own
    (the header's by the line each document writes, the footer's by the page numbers); the rest of
    the header and footer (a logo, the region's name) stays. Returns the lines replaced."""
    from .reference import frozen_names

    properties = doc.core_properties
    names = frozen_names(properties.keywords, properties.title, properties.subject)
    section = doc.sections[0]
    replaced: list[str] = []
    for part, kind in ((section.header, "header"), (section.footer, "footer")):
        if part.is_linked_to_previous:
            continue
        hits = [p for p in part.paragraphs if any(name in p.text for name in names)]
        if not hits:
            continue
        replaced.extend(p.text.strip() for p in hits)
        for paragraph in hits[1:]:
            paragraph._p.getparent().remove(paragraph._p)
        if kind == "header":
            _header(doc, hits[0])
        else:
            _page_number_footer(doc, part, hits[0])
    return tuple(replaced)


def _header(doc: Any, paragraph: Any = None) -> None:
    """fc's page header: one right-aligned paragraph in the Header style, its runs per document
    (*paragraph*: the reference header's line it replaces)."""
    from lxml import etree

    header = doc.sections[0].header
    header.is_linked_to_previous = False
    if paragraph is None:
        paragraph = header.paragraphs[0]
    else:
        for child in list(paragraph._p):
            if child.tag != qn("w:pPr"):
                paragraph._p.remove(child)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if paragraph.style.name != "Header" and _style_id(doc, "Header"):
        paragraph.style = doc.styles["Header"]
    paragraph._p.append(etree.Comment(_HEADER_MARK[4:-3]))
