"""The Word builder: real structure (SPEC §5), checked in the document XML."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from fc_cli.docx_builder import DocumentMeta, WordBuilder
from fc_cli.markup import parse

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

SAMPLE = """# Samverkansavtal

## Syfte

Inledande text med **fet** stil.

- Första punkten
  - Underpunkt
- Andra punkten

1. Ett
2. Två

Mellan listorna.

1. Ny lista
2. Som börjar om

| Part | Andel |
| --- | --- |
| Region | 50 % |
| Kommun | 50 % |

::: guidance
Beskriv hur ni arbetat.
:::

::: signatures
- För Region Örebro län
  Namn: Anna Andersson
  Titel: Verksamhetschef
- För Örebro kommun
  Namn: Bo Berg
  Titel: Förvaltningschef
  Ort och datum: Örebro, 1 januari 2027
:::
"""

META = DocumentMeta(
    title="Samverkansavtal – Familjecentralen Vivalla",
    subject="Familjecentralen Vivalla, Örebro kommun",
    creator="Elin Nordström",
    header="Samverkansavtal – Familjecentralen Vivalla",
    date=dt.date(2027, 1, 1),
)


def part(blob: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(blob)).read(name))


@pytest.fixture(scope="module")
def blob() -> bytes:
    return WordBuilder().build(parse(SAMPLE), META)


@pytest.fixture(scope="module")
def doc(blob: bytes):
    return Document(io.BytesIO(blob))


def styles_of(doc) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs if p.text]


def test_headings_use_heading_styles(doc) -> None:
    styles = styles_of(doc)
    assert styles[0] == ("Title", "Samverkansavtal")
    assert styles[1] == ("Heading 1", "Syfte")


def test_lists_are_word_numbering_not_typed_characters(doc) -> None:
    items = {}
    for p in doc.paragraphs:
        num_pr = p._p.pPr.numPr if p._p.pPr is not None else None
        if num_pr is not None:
            items[p.text] = (num_pr.ilvl.val, num_pr.numId.val)
    assert items["Första punkten"][0] == 0
    assert items["Underpunkt"][0] == 1
    assert items["Första punkten"][1] == items["Underpunkt"][1] == items["Andra punkten"][1]
    assert items["Ett"][1] == items["Två"][1]
    assert items["Ny lista"][1] != items["Ett"][1], "a new ordered list restarts its numbering"
    assert not any(p.text.startswith(("•", "-", "1.")) for p in doc.paragraphs)


def test_numbering_definitions_exist(blob: bytes) -> None:
    numbering = zipfile.ZipFile(io.BytesIO(blob)).read("word/numbering.xml").decode()
    assert 'w:numFmt w:val="bullet"' in numbering
    assert 'w:numFmt w:val="decimal"' in numbering
    assert "<w:startOverride w:val=\"1\"/>" in numbering


def test_tables_have_a_style_and_a_repeating_header(doc) -> None:
    table = doc.tables[0]
    assert table.style.name == "Table Grid"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[1].cells] == ["Region", "50 %"]


def test_guidance_text_has_its_own_style(doc) -> None:
    assert ("Vägledning", "Beskriv hur ni arbetat.") in styles_of(doc)


def test_signatures_are_a_table_with_lines_drawn_as_borders(doc, blob: bytes) -> None:
    outer = doc.tables[1]
    assert len(outer.rows) == 1
    left, right = outer.rows[0].cells[0], outer.rows[0].cells[2]
    left_texts = [c.text for row in left.tables[0].rows for c in row.cells]
    right_texts = [c.text for row in right.tables[0].rows for c in row.cells]
    assert left_texts == ["För Region Örebro län", "", "Ort och datum", "", "Anna Andersson", "Verksamhetschef", ""]
    assert right_texts == ["För Örebro kommun", "Örebro, 1 januari 2027", "Ort och datum", "", "Bo Berg", "Förvaltningschef", ""]
    bordered = [
        c.text
        for row in left.tables[0].rows
        for c in row.cells
        if c._tc.tcPr is not None and c._tc.tcPr.find(qn("w:tcBorders")) is not None
    ]
    assert bordered == ["", ""], "the place/date line and the signature line are cell borders"
    assert "___" not in zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml").decode()
    for row in outer.rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_page_is_a4_with_page_numbers_and_header(doc) -> None:
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    footer_xml = section.footer._element.xml
    assert "Sida " in footer_xml and " av " in footer_xml
    assert 'w:instr=" PAGE "' in footer_xml and 'w:instr=" NUMPAGES "' in footer_xml
    assert section.header.paragraphs[0].text == "Samverkansavtal – Familjecentralen Vivalla"


def test_swedish_proofing_language_on_the_styles(blob: bytes) -> None:
    styles = zipfile.ZipFile(io.BytesIO(blob)).read("word/styles.xml").decode()
    assert 'w:lang w:val="sv-SE"' in styles
    assert 'w:val="en-US"' not in styles


def test_core_properties_come_from_the_data(doc) -> None:
    props = doc.core_properties
    assert (props.title, props.subject, props.author, props.language) == (
        "Samverkansavtal – Familjecentralen Vivalla",
        "Familjecentralen Vivalla, Örebro kommun",
        "Elin Nordström",
        "sv-SE",
    )


def test_output_is_deterministic_and_has_no_thumbnail(blob: bytes) -> None:
    again = WordBuilder().build(parse(SAMPLE), META)
    assert again == blob
    archive = zipfile.ZipFile(io.BytesIO(blob))
    assert {i.date_time for i in archive.infolist()} == {(2027, 1, 1, 0, 0, 0)}
    assert archive.namelist()[0] == "[Content_Types].xml"
    assert not any("thumbnail" in name for name in archive.namelist())


def test_word_opens_it_without_compatibility_mode(blob: bytes) -> None:
    settings = part(blob, "word/settings.xml")
    modes = [s.get(f"{W}val") for s in settings.iter(f"{W}compatSetting") if s.get(f"{W}name") == "compatibilityMode"]
    assert modes == ["15"]


def test_app_properties_say_fc_made_it_and_count_nothing(blob: bytes) -> None:
    app = part(blob, "docProps/app.xml")
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    assert [(child.tag.removeprefix(ns), child.text) for child in app] == [
        ("Application", "fc"),
        ("DocSecurity", "0"),
        ("AppVersion", "00.0100"),
    ]


def test_core_dates_are_the_documents_own_date(doc, monkeypatch: pytest.MonkeyPatch) -> None:
    assert doc.core_properties.created == doc.core_properties.modified == dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    props = Document(io.BytesIO(WordBuilder().build(parse(SAMPLE), META))).core_properties
    assert props.created == dt.datetime(2027, 1, 15, 8, 0, tzinfo=dt.UTC)


def test_a_document_without_a_date_carries_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    blob = WordBuilder().build(parse(SAMPLE), DocumentMeta("T", "S", "C", "H"))
    core = zipfile.ZipFile(io.BytesIO(blob)).read("docProps/core.xml").decode()
    assert "dcterms:created" not in core and "dcterms:modified" not in core
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(blob)).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_draft_says_so_in_the_header_and_its_status() -> None:
    blob = WordBuilder().build(parse(SAMPLE), DocumentMeta("T", "S", "C", "Samverkansavtal – Vivalla", draft=True))
    header = part(blob, "word/header1.xml")
    runs = [(r.find(f"{W}rPr/{W}rStyle").get(f"{W}val") if r.find(f"{W}rPr") is not None else None,
             r.findtext(f"{W}t")) for r in header.iter(f"{W}r")]
    assert runs == [("Utkastmarkering", "UTKAST"), (None, " · "), (None, "Samverkansavtal – Vivalla")]
    assert Document(io.BytesIO(blob)).core_properties.content_status == "Utkast"
    styles = part(blob, "word/styles.xml")
    draft = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Utkastmarkering")
    assert draft.get(f"{W}type") == "character" and draft.find(f"{W}rPr/{W}b") is not None


def test_a_final_document_is_not_marked_as_a_draft(doc, blob: bytes) -> None:
    assert "UTKAST" not in zipfile.ZipFile(io.BytesIO(blob)).read("word/header1.xml").decode()
    assert doc.core_properties.content_status == ""


def test_a_reference_header_gets_a_draft_line_above_it(tmp_path: Path) -> None:
    reference = Document()
    reference.sections[0].header.paragraphs[0].text = "Region Mitt län – logotyp"
    reference.save(str(tmp_path / "reference.docx"))
    builder = WordBuilder(tmp_path / "reference.docx")
    draft = Document(io.BytesIO(builder.build(parse(SAMPLE), DocumentMeta("T", "S", "C", "H", draft=True))))
    final = Document(io.BytesIO(builder.build(parse(SAMPLE), DocumentMeta("T", "S", "C", "H"))))
    assert [p.text for p in draft.sections[0].header.paragraphs] == ["UTKAST", "Region Mitt län – logotyp"]
    assert [p.text for p in final.sections[0].header.paragraphs] == ["Region Mitt län – logotyp"]
