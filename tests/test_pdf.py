"""`--format pdf`: tagged PDF/A-2b with language, title and XMP, the same bytes on every run (SPEC §5)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest

from fc_cli.errors import OutputError
from fc_cli.word import pdf as pdf_module

from helpers import EXAMPLES, run_fc

VIVALLA = EXAMPLES / "vivalla" / "centre.yaml"
AGREEMENT = "samverkansavtal-familjecentralen-vivalla.pdf"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every Vivalla document as PDF, rendered twice (two runs of LibreOffice each)."""
    out = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the documents' own dates
        for run in ("first", "second"):
            folder = tmp_path_factory.mktemp(run)
            result = run_fc("render", "all", VIVALLA, "-o", folder, "--format", "pdf")
            assert result.exit_code == 0, result.output
            out[run] = folder
    return out


def pdfs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdf"))


def test_every_document_renders_the_same_bytes_twice(rendered: dict[str, Path]) -> None:
    first, second = pdfs(rendered["first"]), pdfs(rendered["second"])
    assert [p.name for p in first] == [p.name for p in second] and len(first) == 4
    for a, b in zip(first, second, strict=False):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_the_pdf_is_tagged_with_language_and_title(rendered: dict[str, Path]) -> None:
    with pikepdf.open(rendered["first"] / AGREEMENT) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "sv-SE"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == "Samverkansavtal – Familjecentralen Vivalla"
        with pdf.open_metadata() as meta:
            assert meta["dc:title"] == "Samverkansavtal – Familjecentralen Vivalla"


def test_the_pdf_says_it_is_pdf_a_2b_in_its_xmp(rendered: dict[str, Path]) -> None:
    with pikepdf.open(rendered["first"] / AGREEMENT) as pdf:
        with pdf.open_metadata() as meta:
            assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
            assert meta["pdfuaid:part"] == "1"
        assert "/Filter" not in pdf.Root.Metadata, "PDF/A: the XMP stream is not compressed"
        assert len(pdf.Root.OutputIntents) == 1


def test_the_dates_are_the_documents_own(rendered: dict[str, Path]) -> None:
    with pikepdf.open(rendered["first"] / AGREEMENT) as pdf:
        assert (str(pdf.docinfo.CreationDate), str(pdf.docinfo.ModDate)) == ("D:20270101000000Z",) * 2
        with pdf.open_metadata() as meta:
            assert {meta[k] for k in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate")} == {"2027-01-01T00:00:00Z"}


def test_a_document_without_a_date_carries_none_in_the_pdf(rendered: dict[str, Path]) -> None:
    data = (rendered["first"] / AGREEMENT).read_bytes()
    import io

    with pikepdf.open(io.BytesIO(pdf_module.normalise_pdf(data, None))) as pdf:
        assert "/CreationDate" not in pdf.docinfo and "/ModDate" not in pdf.docinfo
        with pdf.open_metadata() as meta:
            assert not {"xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"} & set(meta)


def structure_roles(pdf: pikepdf.Pdf) -> list[str]:
    roles, stack = [], [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                roles.append(str(node.S))
            if "/K" in node:
                stack.append(node.K)
    return roles


def test_data_tables_are_tables_and_signature_blocks_are_not(rendered: dict[str, Path]) -> None:
    with pikepdf.open(rendered["first"] / AGREEMENT) as pdf:
        roles = structure_roles(pdf)
    # the agreement's four data tables (parties, services, steering group, costs), each with headers
    assert roles.count("/Table") == 4
    assert roles.count("/TH") >= 4 * 3


def test_the_table_of_contents_gives_each_headings_page(rendered: dict[str, Path]) -> None:
    report = rendered["first"] / "verksamhetsberattelse-familjecentralen-vivalla.pdf"
    pages = subprocess.run(["pdftotext", "-layout", str(report), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    entries = dict(re.findall(r"^\s*(\S.*?)\.{4,}(\d+)$", pages[0], re.MULTILINE))
    assert len(entries) > 10
    assert set(entries.values()) != {"1"}
    for heading, page in entries.items():
        lines = [line.strip() for line in pages[int(page) - 1].splitlines()]
        assert heading.strip() in lines, (heading, page)


def test_a_pdf_ua_checker_finds_nothing(rendered: dict[str, Path]) -> None:
    from pdfua import validate

    for path in pdfs(rendered["first"]):
        report = validate(str(path))
        assert report.findings == (), (path.name, [(f.rule_id, f.message) for f in report.findings])


def test_a_hung_libreoffice_is_stopped_with_every_process_it_started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    child = tmp_path / "child.pid"
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {child}\nwait\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(pdf_module, "TIMEOUT_SECONDS", 2)
    docx = run_fc("render", "agreement", VIVALLA, "-o", tmp_path)
    assert docx.exit_code == 0
    blob = (tmp_path / "samverkansavtal-familjecentralen-vivalla.docx").read_bytes()
    started = time.monotonic()
    with pytest.raises(OutputError) as raised:
        pdf_module.docx_to_pdf(blob, "samverkansavtal-familjecentralen-vivalla")
    assert time.monotonic() - started < 10
    assert str(raised.value) == (
        "error: LibreOffice blev inte klart med samverkansavtal-familjecentralen-vivalla.docx på 2 sekunder och "
        "stoppades – försök igen, eller välj --format docx"
    )
    pid = int(child.read_text())
    time.sleep(0.2)
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True).stdout.strip()
    assert state in ("", "Z"), f"LibreOffice's child {pid} still runs ({state})"


def test_sigterm_stops_libreoffice_with_fc(tmp_path: Path) -> None:
    child = tmp_path / "child.pid"
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {child}\nwait\n", encoding="utf-8")
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}"}
    script = (
        "import io, zipfile\n"
        "from fc_cli.word.pdf import docx_to_pdf\n"
        "blob = io.BytesIO()\n"
        "with zipfile.ZipFile(blob, 'w') as z:\n    z.writestr('word/document.xml', '<x/>')\n"
        "docx_to_pdf(blob.getvalue(), 'avtal')\n"
    )
    fc = subprocess.Popen([sys.executable, "-c", script], env=env)
    for _ in range(100):
        if child.exists() and child.read_text().strip():
            break
        time.sleep(0.1)
    fc.send_signal(signal.SIGTERM)
    assert fc.wait(timeout=10) == 128 + signal.SIGTERM
    pid = int(child.read_text())
    time.sleep(0.2)
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True).stdout.strip()
    assert state in ("", "Z"), f"LibreOffice's child {pid} still runs ({state})"
