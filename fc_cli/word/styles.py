"""The styles of the base package, set with python-docx: fc's restyling of python-docx's template
(A4, Calibri, the headings), Swedish proofing, and the styles fc writes that a document lacks
(guidance, the draft marking, labels, links, footnotes, the table of contents, a table's header row).
"""

from __future__ import annotations

from typing import Any

from .base import DRAFT_STYLE, GUIDANCE_STYLE, LABEL_STYLE, LANGUAGE, STYLE_NAMES
from .python_docx import Cm, Pt, RGBColor, nsdecls, parse_xml, qn

HEADER_FILL = "DCE3EC"  # the shading of a table's header row (in the table style)
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)  # the title and headings
GREY = RGBColor(0x59, 0x59, 0x59)  # the subtitle, the page header and footer

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


def style_id_of(doc: Any, name: str) -> str | None:
    """The id of the style named *name* in *doc*, or None when it has none."""
    wanted = name.lower()  # styles.xml spells built-in names in lower case ("heading 1")
    for style in doc.styles.element.style_lst:
        if (style.name_val or "").lower() == wanted:
            return style.styleId
    return None


def restyle_default(doc: Any) -> None:
    """python-docx's template as a Swedish A4 document: page and margins, Calibri, the title and headings."""
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


def prune_default_template(doc: Any) -> None:
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


def set_language(doc: Any) -> None:
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


def ensure_guidance_style(doc: Any) -> None:
    """Guidance text (the coordinator's prompts) is visibly different: grey, italic, ruled."""
    if style_id_of(doc, GUIDANCE_STYLE):
        return
    style = parse_xml(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="Vagledning">'
        f'<w:name w:val="{GUIDANCE_STYLE}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="A6A6A6"/></w:pBdr>'
        '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/><w:ind w:left="170"/></w:pPr>'
        '<w:rPr><w:i/><w:color w:val="595959"/><w:sz w:val="20"/></w:rPr></w:style>'
    )
    doc.styles.element.append(style)


def keep_headings_with_next(doc: Any) -> None:
    """A heading never stands alone at the foot of a page, whatever a reference document says."""
    for key in ("title", "h1", "h2", "h3"):
        style_id = style_id_of(doc, STYLE_NAMES[key])
        if style_id:
            doc.styles.element.get_by_id(style_id).get_or_add_pPr().keepNext_val = True


def ensure_word_styles(doc: Any) -> None:
    """Links, footnotes and the table of contents have Word's own styles (added when missing)."""
    for style_id, name, kind, based_on, ppr, rpr in _WORD_STYLES:
        if style_id_of(doc, name):
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


def ensure_header_row_formatting(doc: Any) -> None:
    """The table style shades and bolds a table's header row (conditional formatting), unless
    a reference document's table style says how its header row looks."""
    style_id = style_id_of(doc, STYLE_NAMES["table"])
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


def ensure_draft_style(doc: Any) -> None:
    """The draft marking in the header: bold dark red, as a character style."""
    if style_id_of(doc, DRAFT_STYLE):
        return
    doc.styles.element.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="character" w:customStyle="1" w:styleId="{DRAFT_STYLE}">'
            f'<w:name w:val="{DRAFT_STYLE}"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>'
            '<w:rPr><w:b/><w:color w:val="C00000"/></w:rPr></w:style>'
        )
    )
    if not style_id_of(doc, LABEL_STYLE):
        doc.styles.element.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="character" w:customStyle="1" w:styleId="{LABEL_STYLE}">'
                f'<w:name w:val="{LABEL_STYLE}"/><w:basedOn w:val="DefaultParagraphFont"/>'
                '<w:rPr><w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>'
            )
        )
