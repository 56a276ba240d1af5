"""The Word builder: real structure (styles, numbering, tables, signature cells), checked in the document XML."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from fc_cli.word.builder import DocumentMeta, WordBuilder
from fc_cli.word.markup import parse

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

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
    assert left_texts == ["För Region Örebro län", "", "Ort och datum", "", "Anna Andersson", "Verksamhetschef"]
    assert right_texts == ["För Örebro kommun", "Örebro, 1 januari 2027", "Ort och datum", "", "Bo Berg", "Förvaltningschef"]
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
    assert settings.find(f"{W}themeFontLang").get(f"{W}val") == "sv-SE"


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


def body_paragraphs(blob: bytes) -> list[tuple[str, bool]]:
    """(text, keeps with next) of every top-level paragraph of the body."""
    body = part(blob, "word/document.xml").find(f"{W}body")
    return [("".join(p.itertext()), p.find(f"{W}pPr/{W}keepNext") is not None) for p in body.findall(f"{W}p")]


def test_a_paragraph_that_leads_in_keeps_with_its_list_table_or_signatures() -> None:
    blob = WordBuilder().build(parse(
        "Uppdraget är att:\n\n- ett\n- två\n\nSlutet.\n\nTabellen:\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n"
        "Vi skriver under:\n\n::: signatures\n- För A\n  Namn: Anna\n:::\n\n- punkt\n\n  Underlista:\n\n  - a\n"
    ), META)
    kept = dict(body_paragraphs(blob))
    assert kept["Uppdraget är att:"] and kept["Tabellen:"] and kept["Vi skriver under:"]
    assert not kept["Slutet."]
    assert kept["Underlista:"], "a lead-in inside a list item keeps with its sub-list"
    items = body_paragraphs(WordBuilder().build(parse("- ett\n- två\n- tre\n- fyra\n\nSlut.\n"), META))
    assert [kept for _, kept in items] == [True, False, True, False, False], "no first or last item alone"
    colon = dict(body_paragraphs(WordBuilder().build(parse("Målen nås genom att:\n\n### Mötesplats\n\nText.\n"), META)))
    assert colon["Målen nås genom att:"] and not colon["Text."], "a colon leads in to whatever follows"


def test_headings_keep_with_next_even_when_a_reference_document_does_not(tmp_path: Path) -> None:
    reference = Document()
    reference.styles["Heading 1"].paragraph_format.keep_with_next = False
    reference.save(str(tmp_path / "reference.docx"))
    for builder in (WordBuilder(), WordBuilder(tmp_path / "reference.docx")):
        styles = part(builder.build(parse(SAMPLE), META), "word/styles.xml")
        for style_id in ("Title", "Heading1", "Heading2", "Heading3"):
            style = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == style_id)
            assert style.find(f"{W}pPr/{W}keepNext") is not None, style_id


SIX = "::: signatures\n" + "".join(f"- För part {n}\n  Namn: Namn {n}\n  Titel: Chef\n" for n in range(5)) + (
    "- För förebyggande socialtjänst och öppen förskola i kommunens östra delar\n  Namn: Namn 5\n  Titel: Chef\n:::\n"
)


def test_a_signature_block_stays_together_and_its_lines_stand_level() -> None:
    blob = WordBuilder().build(parse("Vi skriver under:\n\n" + SIX), META)
    body = part(blob, "word/document.xml").find(f"{W}body")
    outer = body.find(f"{W}tbl")
    rows = outer.findall(f"{W}tr")
    # three pairs: the first in a row of its own, the last two in a table of their own in the
    # last row, which cannot split
    assert len(rows) == 2
    assert rows[1].find(f"{W}tc/{W}tcPr/{W}gridSpan").get(f"{W}val") == "3"
    last_pairs = rows[1].find(f"{W}tc/{W}tbl").findall(f"{W}tr")
    pair_rows = [rows[0], *last_pairs]
    for r, row in enumerate(pair_rows):
        kept = [p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(f"{W}p")]
        if r < len(pair_rows) - 1:
            assert all(kept), f"pair {r}: every line keeps with the next row"
        else:
            assert not all(kept), "the chain ends with the last signatory"
        assert row.find(f"{W}trPr/{W}cantSplit") is not None
    def signatory(row, column):
        return row.findall(f"{W}tc")[column].find(f"{W}tbl")
    def heights(table):
        return [tr.find(f"{W}trPr/{W}trHeight").get(f"{W}val") if tr.find(f"{W}trPr/{W}trHeight") is not None else None
                for tr in table.findall(f"{W}tr")][:3]
    # the last pair: the right label wraps (two lines in Calibri, three in a font a third wider),
    # so both label rows are as high as it needs
    left, right = signatory(last_pairs[1], 0), signatory(last_pairs[1], 2)
    assert heights(left) == heights(right) == [str(240 + 3 * 310), str(360 + 310), None]
    assert heights(signatory(rows[0], 0)) == [str(240 + 310), str(360 + 310), None]
    labels = [t.text for t in outer.iter(f"{W}t") if t.text.startswith("För ")]
    assert labels == [f"För part {n}" for n in range(5)] + ["För förebyggande socialtjänst och öppen förskola i kommunens östra delar"], "read pair by pair"


def test_a_label_that_wraps_only_in_a_wider_font_still_gets_its_lines_level() -> None:
    from fc_cli.word.textwidth import text_width

    half = (WordBuilder().base.block_width - 567) // 2
    label = "Chef för förebyggande socialtjänst"  # one line in Calibri, two in DejaVu Sans
    assert text_width(label, bold=True) < half - 216 < text_width(label, bold=True) * 1.35
    text = f"::: signatures\n- Chef för öppna förskolan\n  Namn: A\n- {label}\n  Namn: B\n:::\n"
    row = part(WordBuilder().build(parse(text), META), "word/document.xml").find(f"{W}body").find(f"{W}tbl/{W}tr")
    labels = [tc.find(f"{W}tbl/{W}tr/{W}trPr/{W}trHeight") for tc in row.findall(f"{W}tc") if tc.find(f"{W}tbl") is not None]
    assert [h.get(f"{W}val") for h in labels] == [str(240 + 2 * 310)] * 2


def grid_and_cells(blob: bytes, index: int = 0) -> tuple[int, list[int], list[list[int]]]:
    table = part(blob, "word/document.xml").find(f"{W}body").findall(f"{W}tbl")[index]
    total = int(table.find(f"{W}tblPr/{W}tblW").get(f"{W}w"))
    grid = [int(c.get(f"{W}w")) for c in table.find(f"{W}tblGrid")]
    cells = [[int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in tr.findall(f"{W}tc")] for tr in table.findall(f"{W}tr")]
    return total, grid, cells


def test_column_widths_come_from_the_text_and_no_word_is_broken() -> None:
    from fc_cli.word.textwidth import measure

    text = (
        "| Verksamhet | Huvudman | Organisationsnummer |\n| --- | --- | --- |\n"
        "| Barnmorskemottagningen Vivalla och dess filial i Vivallas norra delar | Region Örebro län | 232100-0164 |\n"
        "| Öppna förskolan | Örebro kommun | 212000-1850 |\n"
    )
    blob = WordBuilder().build(parse(text), META)
    total, grid, cells = grid_and_cells(blob)
    assert total == sum(grid) == WordBuilder().base.block_width
    assert all(row == grid for row in cells), "tcW is the grid's width in every row"
    header_word, _ = measure("Organisationsnummer", bold=True)
    assert grid[2] >= round(header_word * 1.35) + 216, "room for the header word, in a font a third wider too"
    assert grid[0] >= round(measure("Barnmorskemottagningen")[0] * 1.35) + 216
    assert grid[0] > grid[1] and grid[0] > grid[2], "the long text gets the room left"
    table = part(blob, "word/document.xml").find(f"{W}body").find(f"{W}tbl")
    assert table.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"


def test_a_short_table_gets_widths_in_proportion_to_its_text() -> None:
    blob = WordBuilder().build(parse("| Part | Andel |\n| --- | --- |\n| Region Örebro län | 50 % |\n"), META)
    total, grid, _ = grid_and_cells(blob)
    assert sum(grid) == total and grid[0] > grid[1]


def numbering_of(blob: bytes) -> dict[str, dict[str, str]]:
    """numId → {ilvl: start} of the document's own list instances."""
    numbering = part(blob, "word/numbering.xml")
    return {
        num.get(f"{W}numId"): {
            o.get(f"{W}ilvl"): o.find(f"{W}startOverride").get(f"{W}val") for o in num.findall(f"{W}lvlOverride")
        }
        for num in numbering.findall(f"{W}num")
    }


def list_items(blob: bytes) -> list[tuple[str, str, str]]:
    body = part(blob, "word/document.xml").find(f"{W}body")
    return [
        ("".join(p.itertext()), p.find(f"{W}pPr/{W}numPr/{W}ilvl").get(f"{W}val"), p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val"))
        for p in body.findall(f"{W}p")
        if p.find(f"{W}pPr/{W}numPr") is not None
    ]


def test_a_list_starts_at_the_number_it_is_written_with() -> None:
    blob = WordBuilder().build(parse("3. tre\n4. fyra\n\nText.\n\n1. ett\n"), META)
    items = list_items(blob)
    numbering = numbering_of(blob)
    assert numbering[items[0][2]] == {"0": "3"}
    assert numbering[items[2][2]] == {"0": "1"}
    assert items[0][2] == items[1][2] != items[2][2]


def test_a_numbered_sub_list_restarts_under_each_parent() -> None:
    blob = WordBuilder().build(parse("- A\n\n  1. a1\n  2. a2\n- B\n\n  1. b1\n\n1. X\n   1. x1\n2. Y\n   1. y1\n"), META)
    items = {text: (level, num) for text, level, num in list_items(blob)}
    numbering = numbering_of(blob)
    assert items["a1"][1] == items["a2"][1] != items["b1"][1]
    assert numbering[items["a1"][1]] == numbering[items["b1"][1]] == {"1": "1"}, "each sub-list restarts at its level"
    # under a numbered parent the sub-list shares the parent's instance: Word restarts it per item
    assert items["X"][1] == items["x1"][1] == items["Y"][1] == items["y1"][1]
    assert (items["x1"][0], items["y1"][0]) == ("1", "1")


def test_list_numbers_as_libreoffice_shows_them(tmp_path: Path) -> None:
    from helpers import libreoffice_text

    blob = WordBuilder().build(parse("3. tre\n4. fyra\n\nText.\n\n- A\n\n  1. a1\n  2. a2\n- B\n\n  1. b1\n"), META)
    docx = tmp_path / "lists.docx"
    docx.write_bytes(blob)
    lines = [line.strip() for line in libreoffice_text([docx], tmp_path)[docx].splitlines() if line.strip()]
    assert lines == ["3. tre", "4. fyra", "Text.", "• A", "a) a1", "b) a2", "• B", "a) b1"]


LINKED = """# Titel

::: toc
:::

## Bakgrund

Läs mer på [familjecentraler.se](https://familjecentraler.se/) och i [vägledningen](https://familjecentraler.se/vagledning.pdf).
Skriv till [oss](mailto:info@example.se), inte till [den här](javascript:alert(1)) eller [filen](file:///etc/passwd).

I strategin 2024–2030[^1] (som hänger samman med RUS[^2]) sätts barnet i centrum.

### Mål

Text.

[^1]: Region Örebro län (2024). Finns på [utveckling.regionorebrolan.se](https://utveckling.regionorebrolan.se/strategi.pdf).
[^2]: Regional utvecklingsstrategi 2022–2030.
"""


@pytest.fixture(scope="module")
def linked() -> bytes:
    return WordBuilder().build(parse(LINKED), META)


def relationships(blob: bytes, name: str) -> dict[str, tuple[str, str | None]]:
    rels = part(blob, name)
    return {
        r.get("Id"): (r.get("Target"), r.get("TargetMode"))
        for r in rels
        if r.get("Type").endswith("/hyperlink")
    }


def test_links_are_word_hyperlinks_with_external_relationships(linked: bytes) -> None:
    body = part(linked, "word/document.xml")
    links = [
        (h.get(f"{{{R}}}id"), "".join(h.itertext()), h.find(f"{W}r/{W}rPr/{W}rStyle").get(f"{W}val"))
        for h in body.iter(f"{W}hyperlink")
        if h.get(f"{{{R}}}id")
    ]
    rels = relationships(linked, "word/_rels/document.xml.rels")
    assert [(rels[rid], text, style) for rid, text, style in links] == [
        (("https://familjecentraler.se/", "External"), "familjecentraler.se", "Hyperlink"),
        (("https://familjecentraler.se/vagledning.pdf", "External"), "vägledningen", "Hyperlink"),
        (("mailto:info@example.se", "External"), "oss", "Hyperlink"),
    ]
    text = "".join(body.itertext())
    assert "den här" in text and "filen" in text, "a link to anything else is its text alone"
    assert "javascript" not in zipfile.ZipFile(io.BytesIO(linked)).read("word/_rels/document.xml.rels").decode()


def test_footnotes_are_real_footnotes(linked: bytes) -> None:
    body = part(linked, "word/document.xml")
    refs = [(r.get(f"{W}id"), r.getparent().find(f"{W}rPr/{W}rStyle").get(f"{W}val")) for r in body.iter(f"{W}footnoteReference")]
    assert refs == [("1", "FootnoteReference"), ("2", "FootnoteReference")]
    notes = part(linked, "word/footnotes.xml")
    content = {
        n.get(f"{W}id"): "".join(n.itertext()) for n in notes.findall(f"{W}footnote") if n.get(f"{W}type") is None
    }
    assert content == {"1": " Region Örebro län (2024). Finns på utveckling.regionorebrolan.se.",
                       "2": " Regional utvecklingsstrategi 2022–2030."}
    assert [n.get(f"{W}type") for n in notes.findall(f"{W}footnote")][:2] == ["separator", "continuationSeparator"]
    first = notes.findall(f"{W}footnote")[2]
    assert first.find(f"{W}p/{W}pPr/{W}pStyle").get(f"{W}val") == "FootnoteText"
    assert first.find(f"{W}p/{W}r/{W}footnoteRef") is not None
    link = first.find(f".//{W}hyperlink")
    assert relationships(linked, "word/_rels/footnotes.xml.rels") == {
        link.get(f"{{{R}}}id"): ("https://utveckling.regionorebrolan.se/strategi.pdf", "External")
    }
    assert "[^1]" not in "".join(body.itertext()) and "¹" not in "".join(body.itertext())


def test_a_table_of_contents_is_an_updatable_field_over_the_headings(linked: bytes) -> None:
    body = part(linked, "word/document.xml").find(f"{W}body")
    instructions = [t.text for t in body.iter(f"{W}instrText")]
    assert instructions[0] == ' TOC \\o "1-3" \\h \\z \\u '
    begin = body.find(f".//{W}fldChar")
    assert (begin.get(f"{W}fldCharType"), begin.get(f"{W}dirty")) == ("begin", None), "Word asks nothing on opening"
    bookmarks = {b.get(f"{W}name"): "".join(b.getparent().itertext()) for b in body.iter(f"{W}bookmarkStart")}
    assert bookmarks == {"_TocFc1": "Bakgrund", "_TocFc2": "Mål"}
    assert instructions[1:] == [" PAGEREF _TocFc1 \\h ", " PAGEREF _TocFc2 \\h "]
    entries = [(p.find(f"{W}pPr/{W}pStyle").get(f"{W}val"), p.find(f"{W}hyperlink").get(f"{W}anchor"))
               for p in body.findall(f"{W}p") if p.find(f"{W}hyperlink") is not None and p.find(f"{W}hyperlink").get(f"{W}anchor")]
    assert entries == [("TOC1", "_TocFc1"), ("TOC2", "_TocFc2")]
    ends = [c for c in body.iter(f"{W}fldChar") if c.get(f"{W}fldCharType") == "end"]
    assert len(ends) == 3, "the TOC field and each entry's PAGEREF close"


def test_no_footnotes_no_links_and_no_contents_when_the_text_has_none(blob: bytes) -> None:
    assert relationships(blob, "word/_rels/document.xml.rels") == {}
    assert "footnotes.xml.rels" not in " ".join(zipfile.ZipFile(io.BytesIO(blob)).namelist())
    assert "TOC" not in zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml").decode()


def test_links_footnotes_and_contents_survive_libreoffice(linked: bytes, tmp_path: Path) -> None:
    from helpers import libreoffice_text

    docx = tmp_path / "linked.docx"
    docx.write_bytes(linked)
    text = libreoffice_text([docx], tmp_path)[docx]
    lines = text.splitlines()
    assert lines[1:4] == ["Innehåll", "Bakgrund\t", "Mål\t"], "the contents' entries (pages are Word's to fill in)"
    # LibreOffice numbers the footnote references itself (its text export leaves the notes out)
    assert "I strategin 2024–20301 (som hänger samman med RUS2) sätts barnet i centrum." in lines


def test_no_direct_run_colour_where_a_style_exists(blob: bytes) -> None:
    archive = zipfile.ZipFile(io.BytesIO(blob))
    for name in ("word/document.xml", "word/header1.xml", "word/footer1.xml"):
        xml = archive.read(name).decode()
        assert "<w:color" not in xml and "<w:sz " not in xml, name
    assert "<w:shd" not in archive.read("word/document.xml").decode(), "header rows are shaded by the table style"
    label = next(r for r in part(blob, "word/document.xml").iter(f"{W}r") if r.findtext(f"{W}t") == "Ort och datum")
    assert label.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "Etikett"
    footer = part(blob, "word/footer1.xml").find(f"{W}p")
    assert footer.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Footer"


def test_the_header_row_is_formatted_by_the_table_style(blob: bytes) -> None:
    styles = part(blob, "word/styles.xml")
    grid = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "TableGrid")
    first_row = next(c for c in grid.findall(f"{W}tblStylePr") if c.get(f"{W}type") == "firstRow")
    assert first_row.find(f"{W}tcPr/{W}shd").get(f"{W}fill") == "DCE3EC"
    assert first_row.find(f"{W}rPr/{W}b") is not None
    table = part(blob, "word/document.xml").find(f"{W}body").find(f"{W}tbl")
    assert table.find(f"{W}tblPr/{W}tblLook").get(f"{W}firstRow") == "1"
    header = table.find(f"{W}tr")
    assert header.find(f"{W}trPr/{W}tblHeader") is not None
    assert header.find(f".//{W}rPr/{W}b") is None, "no direct bold in the header row"


def test_the_line_under_the_title_is_a_subtitle() -> None:
    blob = WordBuilder().build(parse("# Avsiktsförklaring\n\n**Familjecentralen Vivalla, Örebro kommun**\n\nText.\n"), META)
    paragraphs = part(blob, "word/document.xml").find(f"{W}body").findall(f"{W}p")
    second = paragraphs[1]
    assert second.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Subtitle"
    assert "".join(second.itertext()) == "Familjecentralen Vivalla, Örebro kommun"
    assert second.find(f".//{W}b") is None
    assert paragraphs[2].find(f"{W}pPr") is None, "only the line right under the title"


def test_text_from_the_data_never_becomes_a_link_or_a_footnote() -> None:
    from fc_cli.templating.escape import md_escape

    data = md_escape("Se [^1] och [x](https://evil.example) <https://a.example>") + "\n\n" + md_escape("[^1]: fotnot")
    blob = WordBuilder().build(parse(data), META)
    body = part(blob, "word/document.xml")
    assert body.find(f".//{W}hyperlink") is None and body.find(f".//{W}footnoteReference") is None
    assert "".join(body.itertext()) == "Se [^1] och [x](https://evil.example) <https://a.example>[^1]: fotnot"
    assert relationships(blob, "word/_rels/document.xml.rels") == {}


def test_text_is_measured_with_calibris_widths() -> None:
    from fc_cli.word.textwidth import measure, text_width

    # Carlito's advance widths, 1/1000 em at 11 pt: "Å" 578, "l" 229, ...; twips = 20 per point
    assert text_width("l") == -(-229 * 11 * 20 // 1000)
    assert text_width("Organisationsnummer", bold=True) > text_width("Organisationsnummer")
    assert measure("ab cd") == (max(text_width("ab"), text_width("cd")), text_width("ab") + text_width(" ") + text_width("cd"))
    assert text_width("\u4e2d") == -(-660 * 11 * 20 // 1000), "an unknown character counts as a wide letter"
