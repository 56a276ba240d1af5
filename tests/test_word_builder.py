"""The Word builder: real structure (styles, numbering, tables, signature cells), checked in the document XML."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from fc_cli.word.builder import DocumentMeta, WordBuilder
from fc_cli.word.markup import parse

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
    title="Samverkansavtal",
    subject="Familjecentralen Vivalla, Örebro kommun",
    creator="Elin Nordström",
    header="Samverkansavtal – Familjecentralen Vivalla",
)


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
        "Samverkansavtal",
        "Familjecentralen Vivalla, Örebro kommun",
        "Elin Nordström",
        "sv-SE",
    )


def test_output_is_deterministic_and_has_no_thumbnail(blob: bytes) -> None:
    again = WordBuilder().build(parse(SAMPLE), META)
    assert again == blob
    archive = zipfile.ZipFile(io.BytesIO(blob))
    assert {i.date_time for i in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    assert archive.namelist()[0] == "[Content_Types].xml"
    assert not any("thumbnail" in name for name in archive.namelist())
