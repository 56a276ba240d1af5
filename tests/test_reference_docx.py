"""A pack's own reference .docx restyles the output, as pandoc's --reference-doc does."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt

from helpers import EXAMPLES, ROOT, libreoffice_text, run_fc


def make_pack_with_reference(tmp_path: Path) -> Path:
    pack = tmp_path / "mallar" / "mitt-lan"
    shutil.copytree(ROOT / "templates" / "orebro", pack)
    reference = Document()
    reference.styles["Normal"].font.name = "Georgia"
    reference.styles["Heading 1"].font.size = Pt(20)
    reference.sections[0].header.paragraphs[0].text = "Region Mitt län – logotyp"
    reference.add_paragraph("Det här stycket i referensdokumentet ska inte synas i resultatet.")
    reference.save(str(pack / "reference.docx"))
    config = (pack / "pack.yaml").read_text(encoding="utf-8")
    (pack / "pack.yaml").write_text(
        config.replace("name: orebro", "name: mitt-lan\nreference_docx: reference.docx"), encoding="utf-8"
    )
    centre = tmp_path / "centre" / "centre.yaml"
    centre.parent.mkdir()
    text = (EXAMPLES / "vivalla" / "centre.yaml").read_text(encoding="utf-8")
    centre.write_text(text.replace("pack: orebro", "pack: ../mallar/mitt-lan"), encoding="utf-8")
    return centre


@pytest.mark.libreoffice
def test_reference_docx_styles_header_and_body(tmp_path: Path) -> None:
    centre = make_pack_with_reference(tmp_path)
    result = run_fc("render", "agreement", centre, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    docx = tmp_path / "out" / "samverkansavtal-familjecentralen-vivalla.docx"
    archive = zipfile.ZipFile(docx)
    styles = archive.read("word/styles.xml").decode()
    assert 'w:ascii="Georgia"' in styles
    assert 'w:lang w:val="sv-SE"' in styles
    doc = Document(str(docx))
    assert doc.sections[0].header.paragraphs[0].text == "Region Mitt län – logotyp"
    assert doc.paragraphs[1].style.name == "Heading 1"
    text = libreoffice_text([docx], tmp_path / "lo")[docx]
    assert "Samverkansavtal avseende Familjecentralen Vivalla i Örebro kommun" in text
    assert "ska inte synas" not in text
