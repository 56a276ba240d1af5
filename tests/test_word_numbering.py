"""Numbered headings as a pack option (fc_cli/word/numbering.py): Word list numbering bound to the
headings, a heading's own number (`## {nr=13} …`), and a reference .docx that numbers them itself."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document

from fc_cli.word.markup import Heading, parse
from fc_cli.word.numbering import number_headings, reference_numbers_headings

from helpers import EXAMPLES, ROOT, libreoffice_text, run_fc

SOURCE = """# Avtal

## Parter

### Verksamheter

### Huvudmän

## Ekonomi

## {nr=13} Försäkringar

### Ansvar

## Giltighet

#### Underrubrik utan nummer i nivå 4? nej: nivå 3

## Underskrift
"""


def test_headings_are_numbered_1_1_1_and_an_own_number_restarts_the_count() -> None:
    blocks = parse(SOURCE)
    numbers = number_headings(blocks)
    assert [(shown, "".join(s.text for s in h.spans)) for shown, h in numbers.shown] == [
        ("1", "Parter"), ("1.1", "Verksamheter"), ("1.2", "Huvudmän"), ("2", "Ekonomi"),
        ("13", "Försäkringar"), ("13.1", "Ansvar"), ("14", "Giltighet"),
        ("14.1.1", "Underrubrik utan nummer i nivå 4? nej: nivå 3"), ("15", "Underskrift"),
    ]
    assert numbers.instances == [
        '<w:num w:numId="800"><w:abstractNumId w:val="92"/></w:num>',
        '<w:num w:numId="801"><w:abstractNumId w:val="92"/><w:lvlOverride w:ilvl="0">'
        '<w:startOverride w:val="13"/></w:lvlOverride></w:num>',
    ]
    # the title is not numbered; from Försäkringar on the headings use the instance that starts at 13
    assert [numbers.nums.get(id(b)) for b in blocks if isinstance(b, Heading)] == [
        None, (0, 800), (1, 800), (1, 800), (0, 800), (0, 801), (1, 801), (0, 801), (2, 801), (0, 801),
    ]


def test_an_own_number_is_markup_of_the_template_not_of_a_value() -> None:
    own, = [b for b in parse("## {nr=13} Försäkringar\n") if isinstance(b, Heading)]
    assert (own.number, own.spans[0].text) == (13, "Försäkringar")
    # a value printed by a template is escaped (\{ \=): it stays text, and the heading keeps its count
    printed, = [b for b in parse("## \\{nr\\=13\\} Försäkringar\n") if isinstance(b, Heading)]
    assert (printed.number, printed.spans[0].text) == (None, "{nr=13} Försäkringar")


def _numbered_pack(tmp_path: Path, reference: bool = False) -> Path:
    pack = tmp_path / "mallar" / "numrerat"
    shutil.copytree(ROOT / "templates" / "orebro", pack)
    config = (pack / "pack.yaml").read_text(encoding="utf-8")
    config = config.replace("name: orebro", "name: numrerat", 1).replace(
        "    template: agreement.md.j2\n", "    template: agreement.md.j2\n    numbered_headings: true\n", 1)
    if reference:
        config = config.replace("name: numrerat", "name: numrerat\nreference_docx: reference.docx", 1)
    (pack / "pack.yaml").write_text(config, encoding="utf-8")
    template = (pack / "agreement.md.j2").read_text(encoding="utf-8")
    (pack / "agreement.md.j2").write_text(template.replace("## Försäkringar", "## {nr=13} Försäkringar"), encoding="utf-8")
    centre = tmp_path / "vivalla" / "centre.yaml"
    centre.parent.mkdir()
    text = (EXAMPLES / "vivalla" / "centre.yaml").read_text(encoding="utf-8")
    centre.write_text(text.replace("pack: orebro", "pack: ../mallar/numrerat"), encoding="utf-8")
    return centre


def _render(centre: Path) -> Path:
    result = run_fc("render", "agreement", str(centre), "-o", str(centre.parent / "ut"))
    assert result.exit_code == 0, result.stdout + result.stderr
    docx, = (centre.parent / "ut").glob("*.docx")
    return docx


def test_the_headings_carry_word_numbering_not_typed_numbers(tmp_path: Path) -> None:
    docx = _render(_numbered_pack(tmp_path))
    with zipfile.ZipFile(docx) as package:
        body = package.read("word/document.xml").decode("utf-8")
        numbering = package.read("word/numbering.xml").decode("utf-8")
    headings = re.findall(r'<w:pStyle w:val="Heading(\d)"/>(<w:numPr>.*?</w:numPr>)?.*?<w:t[^>]*>([^<]*)</w:t>', body)
    assert headings[0] == ("1", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="800"/></w:numPr>', "Avtalsparter och placering")
    assert ("1", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="801"/></w:numPr>', "Försäkringar") in headings
    assert all(numpr for _, numpr, _ in headings)
    assert not any(re.match(r"\d", text) for _, _, text in headings)  # no number typed into a heading
    levels = re.findall(r'<w:abstractNum w:abstractNumId="92">.*?</w:abstractNum>', numbering)[0]
    assert re.findall(r'<w:lvlText w:val="([^"]+)"/>', levels) == ["%1", "%1.%2", "%1.%2.%3"]
    assert numbering.index('w:abstractNumId="92"') < numbering.index("<w:num ")  # the schema's order
    # pandoc's docx reader: the headings as headings, their numbers not in their text
    plain = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", str(docx)], capture_output=True, text=True,
                           check=True).stdout
    assert "\nFörsäkringar\n" in plain and "13 Försäkringar" not in plain


def test_without_the_option_no_heading_is_numbered(tmp_path: Path) -> None:
    result = run_fc("render", "agreement", str(EXAMPLES / "vivalla"), "-o", str(tmp_path))
    assert result.exit_code == 0
    docx, = tmp_path.glob("*.docx")
    with zipfile.ZipFile(docx) as package:
        assert 'w:abstractNumId="92"' not in package.read("word/numbering.xml").decode("utf-8")


@pytest.mark.libreoffice
def test_libreoffice_shows_the_numbers_with_the_skip(tmp_path: Path) -> None:
    docx = _render(_numbered_pack(tmp_path))
    text = libreoffice_text([docx], tmp_path)[docx]
    lines = [line.strip() for line in text.splitlines()]
    assert [line for line in lines if re.match(r"^\d+(\.\d+)*\s+(Avtalsparter|Styrning|Ledningsgrupp/|Ekonomi|Försäkringar|Giltighet)", line)] == [
        "1 Avtalsparter och placering", "6 Styrning och ledning", "6.3 Ledningsgrupp/Styrgrupp", "7 Ekonomi",
        "13 Försäkringar", "14 Giltighet",
    ]


def _numbering_reference(path: Path) -> None:
    """A reference .docx whose Heading 1 style is numbered by Word (as a region's template may be)."""
    reference = Document()
    style = reference.styles["Heading 1"]._element
    ppr = style.get_or_add_pPr()
    ppr.append(ppr.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}numPr", {}))
    reference.save(str(path))


def test_a_reference_that_numbers_its_headings_itself_is_an_error(tmp_path: Path) -> None:
    centre = _numbered_pack(tmp_path, reference=True)
    pack = centre.parent.parent / "mallar" / "numrerat"
    _numbering_reference(pack / "reference.docx")
    assert reference_numbers_headings(str(pack / "reference.docx")) == "heading 1"
    line = next(i for i, text in enumerate((pack / "pack.yaml").read_text(encoding="utf-8").splitlines(), 1)
                if "numbered_headings" in text)
    message = (
        f"{pack / 'pack.yaml'}:{line}:24: error: documents.agreement.numbered_headings: "
        "fc numrerar rubrikerna i det här dokumentet, men referensdokumentet reference.docx numrerar redan "
        "formatmallen 'Heading 1' själv, så rubrikerna skulle få två nummer – ta bort numbered_headings här, "
        "eller ta bort numreringen ur rubrikernas formatmallar i referensdokumentet [pack]"
    )
    validated = run_fc("validate", "centre.yaml", cwd=centre.parent)
    assert validated.stdout.splitlines()[0] == message
    assert validated.exit_code == 1
    rendered = run_fc("render", "agreement", "centre.yaml", "-o", "ut", cwd=centre.parent)
    assert rendered.exit_code == 1
    assert message.replace(" [pack]", "") in rendered.stdout + rendered.stderr
    assert not (centre.parent / "ut").exists()  # nothing written
