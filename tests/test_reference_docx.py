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


def _hostile_reference(path: Path) -> None:
    """A reference .docx that links out of itself in every way the tests know of."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    reference = Document()
    header = reference.sections[0].header
    header.is_linked_to_previous = False
    link = header.part.relate_to("http://spion.example/sida", RT.HYPERLINK, is_external=True)
    header.paragraphs[0]._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} r:id="{link}"><w:r><w:t>Region Mitt län</w:t></w:r></w:hyperlink>'))
    footer = reference.sections[0].footer
    footer.is_linked_to_previous = False
    footer.paragraphs[0]._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
    footer.paragraphs[0]._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> INCLUDEPICTURE "http://spion.example/'
        'bild.png" \\d </w:instrText></w:r>'))
    footer.paragraphs[0]._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
    footer.paragraphs[0]._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>logotyp</w:t></w:r>'))
    footer.paragraphs[0]._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
    footer.add_paragraph()._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" INCLUDETEXT &quot;file:///C:/hemligt.docx&quot; ">'
        '<w:r><w:t>adress</w:t></w:r></w:fldSimple>'))
    template = reference.part._settings_part.relate_to("file:///C:/mallar/mall.dotm", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
                                                 is_external=True)
    reference.settings.element.insert(0, parse_xml(f'<w:attachedTemplate {nsdecls("w", "r")} r:id="{template}"/>'))
    reference.part.relate_to("http://spion.example/pixel.png", RT.IMAGE, is_external=True)
    reference.save(str(path))


def _external_targets(docx: Path) -> set[str]:
    import re

    with zipfile.ZipFile(docx) as archive:
        rels = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".rels"))
        xml = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
    assert "INCLUDEPICTURE" not in xml and "INCLUDETEXT" not in xml and "attachedTemplate" not in xml
    return {m.group(1) for m in re.finditer(r'<Relationship [^>]*Target="([^"]*)"[^>]*TargetMode="External"', rels)} | \
        {m.group(1) for m in re.finditer(r'<Relationship [^>]*TargetMode="External"[^>]*Target="([^"]*)"', rels)}


def _with_own_link(centre: Path) -> Path:
    """The pack's agreement ends with a hyperlink of the template's own (fc writes it)."""
    template = centre.parent.parent / "mallar" / "mitt-lan" / "agreement.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n[Regionen](https://www.regionorebrolan.se/)\n",
                        encoding="utf-8")
    return centre


def test_a_reference_docx_that_links_out_is_written_without_its_links(tmp_path: Path) -> None:
    plain = run_fc("render", "agreement", _with_own_link(make_pack_with_reference(tmp_path / "plain")),
                   "-o", tmp_path / "plain")
    assert plain.exit_code == 0, plain.output
    centre = _with_own_link(make_pack_with_reference(tmp_path))
    _hostile_reference(tmp_path / "mallar" / "mitt-lan" / "reference.docx")

    result = run_fc("validate", centre, "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    warning = [f for f in json.loads(result.stdout) if f["code"] == "reference-external"]
    assert len(warning) == 1 and warning[0]["severity"] == "warning", result.stdout
    assert warning[0]["message"] == (
        "referensdokumentet reference.docx har en länkad bild till http://spion.example/pixel.png (word/document.xml); "
        "en bifogad dokumentmall (attachedTemplate) till file:///C:/mallar/mall.dotm (word/settings.xml); "
        "en länk till http://spion.example/sida (word/header1.xml); ett INCLUDETEXT-fält (word/footer1.xml); "
        "ett INCLUDEPICTURE-fält (word/footer1.xml) – fc tar inte med sådant i dokumenten den skriver (Word skulle "
        "hämta det när dokumentet öppnas); ta bort det i Word så försvinner varningen"
    )
    assert warning[0]["file"].endswith("pack.yaml")

    result = run_fc("render", "agreement", centre, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    name = "samverkansavtal-familjecentralen-vivalla.docx"
    written = _external_targets(tmp_path / "out" / name)
    assert written == _external_targets(tmp_path / "plain" / name) == {"https://www.regionorebrolan.se/"}
    assert not any("spion" in t or t.startswith("file:") for t in written)
    doc = Document(str(tmp_path / "out" / name))  # the shown texts stay, without their links
    assert doc.sections[0].header.paragraphs[0].text == "Region Mitt län"
    assert [p.text for p in doc.sections[0].footer.paragraphs][:2] == ["logotyp", "adress"]
