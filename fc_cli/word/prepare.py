"""Preparing the base package once with python-docx: python-docx's template (restyled, see
word/styles.py) or a pack's reference .docx, with fc's list definitions, page header and footer,
compatibility mode 15, a footnotes part and a truthful app.xml; cut into a `_Base`
(word/base.py). Imported only when no base is kept in fc's cache (`_cached_base`).
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from .base import (
    FOOTNOTES_PART,
    FOOTNOTES_RELS,
    HEADER_MARK,
    LANGUAGE,
    NUMBERING_MARK,
    RELATIONSHIPS_MARK,
    STYLE_NAMES,
    _Base,
)
from .external import without_external
from .python_docx import WD_ALIGN_PARAGRAPH, Document, nsdecls, parse_xml, qn
from .styles import (
    ensure_draft_style,
    ensure_guidance_style,
    ensure_header_row_formatting,
    ensure_word_styles,
    keep_headings_with_next,
    prune_default_template,
    restyle_default,
    set_language,
    style_id_of,
)
from .wordml import BULLET_NUM_ID, ORDERED_ABSTRACT_ID

BULLET_ABSTRACT_ID = 90
#: Word 2013 and later: a document in this mode opens without "Compatibility Mode"
COMPATIBILITY_MODE = "15"
#: the footnotes part's content type and relationship, for a package that has none
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


@lru_cache(maxsize=8)
def _base(reference: Path | None) -> _Base:
    """Prepare the base package once: styles, numbering, page set-up, header and footer."""
    doc = Document(str(reference)) if reference else Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    body.get_or_add_sectPr()
    if reference is None:
        restyle_default(doc)
        prune_default_template(doc)
    set_language(doc)
    _add_list_definitions(doc)
    ensure_guidance_style(doc)
    ensure_draft_style(doc)
    ensure_word_styles(doc)
    ensure_header_row_formatting(doc)
    keep_headings_with_next(doc)
    _set_compatibility_mode(doc)
    section = doc.sections[0]
    unfrozen = _unfreeze(doc) if reference is not None else ()
    own_header = not section.header.is_linked_to_previous and any(p.text.strip() for p in section.header.paragraphs)
    if unfrozen and HEADER_MARK[4:-3] in section.header._element.xml:
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
    style_ids = {key: style_id_of(doc, name) for key, name in STYLE_NAMES.items()}
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
    numbering = numbering.replace("</w:numbering>", NUMBERING_MARK + "</w:numbering>")
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
            "</Relationships>", RELATIONSHIPS_MARK + "</Relationships>"
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


def _page_number_footer(doc: Any, footer: Any, paragraph: Any = None) -> None:
    footer.is_linked_to_previous = False
    if paragraph is None:
        paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for child in list(paragraph._p):
        if child.tag != qn("w:pPr"):
            paragraph._p.remove(child)

    if paragraph.style.name != "Footer" and style_id_of(doc, "Footer"):
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
    if paragraph.style.name != "Header" and style_id_of(doc, "Header"):
        paragraph.style = doc.styles["Header"]
    paragraph._p.append(etree.Comment(HEADER_MARK[4:-3]))
