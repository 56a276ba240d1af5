"""A pack's own reference .docx restyles the output, as pandoc's --reference-doc does."""

from __future__ import annotations

import errno
import shutil
import zipfile
from pathlib import Path
from typing import Any

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

    said = (f"{warning[0]['file']}:{warning[0]['line']}:{warning[0]['column']}: warning: reference_docx: "
            f"{warning[0]['message']} [reference-external]")
    result = run_fc("render", "all", centre, "-o", tmp_path / "out")  # four documents, one notice
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [said]
    name = "samverkansavtal-familjecentralen-vivalla.docx"
    written = _external_targets(tmp_path / "out" / name)
    assert written == _external_targets(tmp_path / "plain" / name) == {"https://www.regionorebrolan.se/"}
    assert not any("spion" in t or t.startswith("file:") for t in written)
    doc = Document(str(tmp_path / "out" / name))  # the shown texts stay, without their links
    assert doc.sections[0].header.paragraphs[0].text == "Region Mitt län"
    assert [p.text for p in doc.sections[0].footer.paragraphs][:2] == ["logotyp", "adress"]


# ---- a pack's files that may not be read, and a pack.yaml that is a link out of its pack ---------------


def _refuse_reading(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Reading a file called *name* fails as it does without read permission (root may read anything)."""
    original_read, original_open = Path.read_bytes, Path.open

    def read_bytes(self: Path) -> bytes:
        if self.name == name:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return original_read(self)

    def open_(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == name:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return original_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(Path, "open", open_)


def test_an_unreadable_template_is_unreadable_not_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    centre = make_pack_with_reference(tmp_path)
    template = tmp_path / "mallar" / "mitt-lan" / "agreement.md.j2"
    _refuse_reading(monkeypatch, "agreement.md.j2")
    said = (f"{template}:1:1: error: mallen får inte läsas (behörighet saknas) – ge ditt konto läsrätt till "
            "filen, t.ex. med chmod a+r")
    rendered = run_fc("render", "agreement", centre, "-o", tmp_path / "out")
    assert (rendered.exit_code, rendered.stderr.splitlines()) == (1, [said])
    assert not (tmp_path / "out").exists()
    checked = run_fc("validate", centre)
    assert checked.exit_code == 1
    assert checked.stdout.splitlines()[0] == said + " [template-syntax]"


def test_an_unreadable_reference_docx_is_unreadable_not_broken(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    centre = make_pack_with_reference(tmp_path)
    pack_yaml = tmp_path / "mallar" / "mitt-lan" / "pack.yaml"
    line = pack_yaml.read_text(encoding="utf-8").splitlines().index("reference_docx: reference.docx") + 1
    _refuse_reading(monkeypatch, "reference.docx")
    said = (f"{pack_yaml}:{line}:17: error: referensdokumentet reference.docx får inte läsas (behörighet saknas) – "
            "ge ditt konto läsrätt till filen, t.ex. med chmod a+r")
    said = said.replace("error: ", "error: reference_docx: ") + " [pack]"
    checked = run_fc("validate", centre)
    assert (checked.exit_code, checked.stdout.splitlines()[0]) == (1, said)
    rendered = run_fc("render", "agreement", centre, "-o", tmp_path / "out")
    assert (rendered.exit_code, rendered.stdout.splitlines()[0]) == (1, said)  # the same report as validate
    assert not (tmp_path / "out").exists()


def test_a_pack_yaml_linked_from_outside_the_pack_is_refused(tmp_path: Path) -> None:
    centre = make_pack_with_reference(tmp_path)
    pack = tmp_path / "mallar" / "mitt-lan"
    (pack / "pack.yaml").rename(tmp_path / "annat.yaml")
    (pack / "pack.yaml").symlink_to(tmp_path / "annat.yaml")
    said = (f"{pack / 'pack.yaml'}:1:1: error: pack.yaml är en länk till {tmp_path / 'annat.yaml'}, utanför "
            "mallpaketets mapp – lägg filen själv i mappen [pack]")
    checked = run_fc("validate", centre)
    assert (checked.exit_code, checked.stdout.splitlines()[0]) == (1, said)
    rendered = run_fc("render", "agreement", centre, "-o", tmp_path / "out")
    assert (rendered.exit_code, rendered.stdout.splitlines()[0]) == (1, said)
    assert not (tmp_path / "out").exists()


# ---- a reference that cannot surprise (issue 11) --------------------------------------------------


def _reference_from_a_rendered_document(tmp_path: Path, extra_header_line: str | None = None,
                                       footer_line: str | None = None) -> Path:
    """A pack (Jämtland's, renamed) whose reference.docx is an agreement fc rendered for Vivalla, saved
    again (as a user makes one from a document that looks right); the centre using it is Lugnvik."""
    rendered = run_fc("render", "agreement", EXAMPLES / "vivalla" / "centre.yaml", "-o", tmp_path / "vivalla")
    assert rendered.exit_code == 0, rendered.output
    saved = Document(str(tmp_path / "vivalla" / "samverkansavtal-familjecentralen-vivalla.docx"))
    if extra_header_line is not None:
        saved.sections[0].header.add_paragraph(extra_header_line)
    if footer_line is not None:
        saved.sections[0].footer.paragraphs[0].text = footer_line
    pack = tmp_path / "mallar" / "mitt-lan"
    shutil.copytree(ROOT / "templates" / "jamtland", pack)
    saved.save(str(pack / "reference.docx"))
    config = (pack / "pack.yaml").read_text(encoding="utf-8")
    (pack / "pack.yaml").write_text(
        config.replace("name: jamtland", "name: mitt-lan\nreference_docx: reference.docx"), encoding="utf-8"
    )
    centre = tmp_path / "centre" / "centre.yaml"
    centre.parent.mkdir()
    text = (EXAMPLES / "lugnvik" / "centre.yaml").read_text(encoding="utf-8")
    centre.write_text(text.replace("pack: jamtland", "pack: ../mallar/mitt-lan"), encoding="utf-8")
    return centre


def test_a_reference_saved_from_a_rendered_document_does_not_freeze_its_centre(tmp_path: Path) -> None:
    centre = _reference_from_a_rendered_document(tmp_path, extra_header_line="Region Mitt län",
                                                 footer_line="Familjecentralen Vivalla, Vivallatorget 6")
    result = run_fc("validate", centre)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{tmp_path.resolve() / 'mallar' / 'mitt-lan' / 'pack.yaml'}:3:17: warning: reference_docx: "
        "referensdokumentet reference.docx är sparat från ett dokument som fc har skrivit, och sidhuvudet eller "
        "sidfoten nämner det dokumentets centrum ('Samverkansavtal – Familjecentralen Vivalla', 'Familjecentralen "
        "Vivalla, Vivallatorget 6') – fc skriver i "
        "stället varje dokuments egen rad (dess titel och centrum, sidnumren i sidfoten); ta bort raden i "
        "referensdokumentet så försvinner varningen [reference-header]\n"
        "1 fil kontrollerad: 0 fel, 1 varning\n"
    )
    result = run_fc("render", "agreement", centre, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    doc = Document(str(tmp_path / "out" / "samverkansavtal-familjecentralen-lugnvik.docx"))
    header = [p.text for p in doc.sections[0].header.paragraphs]
    assert header == ["Samverkansavtal – Familjecentralen Lugnvik", "Region Mitt län"]  # the region's line stays
    import re

    with zipfile.ZipFile(tmp_path / "out" / "samverkansavtal-familjecentralen-lugnvik.docx") as archive:
        numbering = archive.read("word/numbering.xml").decode()
    for attribute in ("abstractNum w:abstractNumId", "num w:numId"):  # fc's lists once, not again beside the old
        ids = re.findall(rf'<w:{attribute}="(\d+)"', numbering)
        assert ids and len(ids) == len(set(ids)), (attribute, ids)
    assert [p.text for p in doc.sections[0].footer.paragraphs] == ["Sida  av "]  # fields PAGE and NUMPAGES
    draft = run_fc("render", "agreement", centre, "--draft", "-o", tmp_path / "draft")
    assert draft.exit_code == 0, draft.output
    doc = Document(str(tmp_path / "draft" / "samverkansavtal-familjecentralen-lugnvik.docx"))
    assert doc.sections[0].header.paragraphs[0].text == "UTKAST · Samverkansavtal – Familjecentralen Lugnvik"


def test_a_reference_fc_did_not_write_keeps_its_header_whatever_it_says(tmp_path: Path) -> None:
    centre = make_pack_with_reference(tmp_path)
    reference = tmp_path / "mallar" / "mitt-lan" / "reference.docx"
    doc = Document(str(reference))
    doc.core_properties.title = "Region Mitt"  # a title that the header happens to contain
    doc.save(str(reference))
    assert run_fc("validate", centre).stdout == "1 fil kontrollerad: 0 fel, 0 varningar\n"
    result = run_fc("render", "agreement", centre, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    written = Document(str(tmp_path / "out" / "samverkansavtal-familjecentralen-vivalla.docx"))
    assert written.sections[0].header.paragraphs[0].text == "Region Mitt län – logotyp"


def test_a_reference_without_the_styles_fc_writes_is_named(tmp_path: Path) -> None:
    centre = make_pack_with_reference(tmp_path)
    reference = tmp_path / "mallar" / "mitt-lan" / "reference.docx"
    doc = Document(str(reference))
    styles = doc.styles.element
    for name in ("Heading 2", "Heading 3", "Table Grid"):  # as a document made in Word often lacks them
        styles.remove(doc.styles[name].element)
    doc.save(str(reference))
    result = run_fc("validate", centre, "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    [finding] = json.loads(result.stdout)
    assert (finding["code"], finding["severity"], finding["line"], finding["column"]) == (
        "reference-styles", "warning", 3, 17)
    assert finding["message"] == (
        "referensdokumentet reference.docx saknar formatmallarna Heading 2, Heading 3, Table Grid – fc skriver de "
        "styckena i formatmallen Normal i stället (rubriker blir då vanlig text utan rubriknivå och kommer inte med "
        "i innehållsförteckningen); lägg till formatmallarna i Word, eller utgå från ett dokument som fc har skrivit"
    )
    strict = run_fc("validate", centre, "--strict")
    assert strict.exit_code == 1
    result = run_fc("render", "agreement", centre, "-o", tmp_path / "out")  # rendering goes ahead
    assert result.exit_code == 0, result.output
