"""`fc render`: the Örebro agreement end to end, output names, formats, drafts, determinism."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import EXAMPLES, assert_no_seed_blanks, flat, libreoffice_text, needs_libreoffice, run_fc

VIVALLA = EXAMPLES / "vivalla" / "centre.yaml"

#: Every section heading of Örebro's "Samverkansavtal avseende … familjecentral" (the seed).
OREBRO_AGREEMENT_SECTIONS = [
    "Avtalsparter och placering",
    "Utgångspunkter",
    "Syfte med avtalet",
    "Familjecentralens uppdrag",
    "Parternas uppdrag",
    "Andra samverkansaktörers uppdrag",
    "Styrning och ledning",
    "Gemensamt ansvar",
    "Parternas enskilda ansvar",
    "Ledningsgrupp/Styrgrupp",
    "Samordnarfunktion",
    "Ekonomi",
    "Uppföljning och utvärdering",
    "Informationsöverföring/sekretess",
    "Försäkringar",
    "Giltighet",
    "Underskrift",
]

#: Sentences of the seed that must survive word for word.
OREBRO_AGREEMENT_SENTENCES = [
    "Syftet med detta avtal är att:",
    "Skapa ett långsiktigt och kunskapsbaserat samarbete gällande familjecentraler i Örebro län",
    "Familjecentralen ska utgöra plattform för tidig upptäckt och tidiga insatser.",
    "Kommunen åtar sig att:",
    "Region Örebro län åtar sig att:",
    "Samordnaruppdraget rekommenderas omfatta 0,25 - 0,50 årsarbetare per familjecentral.",
    "Kostnader för samordnare och drift delas lika mellan huvudmännen och därefter lika delar "
    "mellan huvudmännens ingående parter i familjecentralen.",
    "Mellan samverkande parter i familjecentralens verksamhet gäller sekretess.",
    "Om uppsägning sker bör ansvaret kvarstå året ut.",
]


@pytest.fixture(scope="module")
@needs_libreoffice
def agreement(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, str]:
    out = tmp_path_factory.mktemp("out")
    result = run_fc("render", "agreement", VIVALLA, "-o", out)
    docx = out / "samverkansavtal-familjecentralen-vivalla.docx"
    text = libreoffice_text([docx], tmp_path_factory.mktemp("lo"))[docx]
    return result.stdout, docx, text


def test_render_prints_the_written_path(agreement: tuple[str, Path, str]) -> None:
    stdout, docx, _ = agreement
    assert stdout == f"{docx}\n"
    assert docx.stat().st_size > 10_000


def test_every_section_of_the_seed_is_in_the_document(agreement: tuple[str, Path, str]) -> None:
    lines = {line.strip() for line in agreement[2].splitlines()}
    missing = [s for s in OREBRO_AGREEMENT_SECTIONS if s not in lines]
    assert missing == []


def test_the_seed_wording_is_kept(agreement: tuple[str, Path, str]) -> None:
    text = flat(agreement[2])
    missing = [s for s in OREBRO_AGREEMENT_SENTENCES if s not in text]
    assert missing == []


def test_the_centre_data_fills_the_blanks(agreement: tuple[str, Path, str]) -> None:
    text = flat(agreement[2])
    for expected in [
        "Samverkansavtal avseende Familjecentralen Vivalla i Örebro kommun",
        "Detta avtal har tecknats mellan Region Örebro län och Örebro kommun i Örebro län",
        "Familjecentralen Vivalla är placerad på Vivallatorget 6, 703 71 Örebro.",
        "Avtalet gäller från och med 1 januari 2027 och tillsvidare.",
        "före juni månads utgång",
        "232100-0164",
        "212000-1850",
        "Elin Nordström",
        "0,50 årsarbetare",
        "320 000 kr",
        "Detta avtal är upprättat i sju identiska exemplar",
        "Jonas Åberg Bibliotekschef Vivalla bibliotek",
    ]:
        assert expected in text, expected
    assert_no_seed_blanks(agreement[2])


def test_every_party_that_signs_has_a_signature_cell(agreement: tuple[str, Path, str]) -> None:
    text = flat(agreement[2])
    for label, name, title in [
        ("För Örebro kommun", "Per Holmberg", "Förvaltningschef socialförvaltningen"),
        ("För Region Örebro län", "Karin Lindqvist", "Områdeschef nära vård"),
        ("För Barnmorskemottagningen Vivalla", "Lena Sundberg", "Verksamhetschef BMM"),
        ("För Barnavårdscentralen Vivalla", "Maria Ek", "Verksamhetschef BVC"),
        ("För Öppna förskolan Vivalla", "Ahmed Yusuf", "Chef för öppna förskolan"),
        ("För Förebyggande socialtjänst Vivalla", "Sofia Berg", "Chef för förebyggande socialtjänst"),
        ("För Vivalla bibliotek", "Jonas Åberg", "Bibliotekschef"),
    ]:
        assert label in text and name in text and title in text, label
    assert text.count("Ort och datum") == 7


def test_default_output_goes_next_to_the_centre(tmp_path: Path) -> None:
    centre = tmp_path / "vivalla"
    shutil.copytree(EXAMPLES / "vivalla", centre)
    result = run_fc("render", "agreement", cwd=centre)
    assert result.exit_code == 0, result.output
    assert result.stdout == "samverkansavtal-familjecentralen-vivalla.docx\n"
    assert (centre / "samverkansavtal-familjecentralen-vivalla.docx").is_file()


def test_swedish_slug_and_markdown_output(tmp_path: Path) -> None:
    result = run_fc("render", "samverkansavtal", VIVALLA, "-o", tmp_path, "--format", "md")
    target = tmp_path / "samverkansavtal-familjecentralen-vivalla.md"
    assert result.exit_code == 0
    assert result.stdout == f"{target}\n"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Samverkansavtal avseende Familjecentralen Vivalla i Örebro kommun\n")
    assert "## Giltighet\n" in text


def test_rendering_twice_gives_identical_bytes(tmp_path: Path) -> None:
    """Two processes, seconds apart: nothing of the clock or the process ends up in the file."""
    import subprocess
    import sys
    import time

    name = "samverkansavtal-familjecentralen-vivalla.docx"
    for i, out in enumerate((tmp_path / "a", tmp_path / "b")):
        if i:
            time.sleep(1.5)
        done = subprocess.run([sys.executable, "-m", "fc_cli", "render", "agreement", str(VIVALLA), "-o", str(out)],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert done.stdout == f"{out / name}\n"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_source_date_epoch_sets_the_document_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docx import Document

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    run_fc("render", "agreement", VIVALLA, "-o", tmp_path)
    props = Document(str(tmp_path / "samverkansavtal-familjecentralen-vivalla.docx")).core_properties
    assert props.created.isoformat().startswith("2027-01-15")
    assert props.modified == props.created


def test_the_files_title_names_the_centre_and_its_date_is_the_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from docx import Document

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    run_fc("render", "all", VIVALLA, "-o", tmp_path)
    props = {
        path.name: (p.title, p.created, p.content_status)
        for path in sorted(tmp_path.glob("*.docx"))
        for p in [Document(str(path)).core_properties]
    }
    assert props == {
        # no signing date in the file: the agreement's and the coordinator's start, the report's year
        "avsiktsforklaring-familjecentralen-vivalla.docx": ("Avsiktsförklaring – Familjecentralen Vivalla", None, ""),
        "samordnaravtal-familjecentralen-vivalla.docx": ("Samordnaravtal – Familjecentralen Vivalla", dt.datetime(2027, 1, 1, tzinfo=dt.UTC), ""),
        "samverkansavtal-familjecentralen-vivalla.docx": ("Samverkansavtal – Familjecentralen Vivalla", dt.datetime(2027, 1, 1, tzinfo=dt.UTC), ""),
        "verksamhetsberattelse-familjecentralen-vivalla.docx": (
            "Verksamhetsberättelse och verksamhetsplan – Familjecentralen Vivalla", dt.datetime(2026, 12, 31, tzinfo=dt.UTC), ""),
    }


def test_a_draft_file_is_marked_as_a_draft(tmp_path: Path) -> None:
    from docx import Document

    run_fc("render", "agreement", VIVALLA, "-o", tmp_path, "--draft")
    doc = Document(str(tmp_path / "samverkansavtal-familjecentralen-vivalla.docx"))
    assert doc.core_properties.content_status == "Utkast"
    assert doc.sections[0].header.paragraphs[0].text == "UTKAST · Samverkansavtal – Familjecentralen Vivalla"


def test_invalid_data_is_refused_with_positions(tmp_path: Path) -> None:
    broken = tmp_path / "centre.yaml"
    broken.write_text(
        VIVALLA.read_text(encoding="utf-8").replace("fte: 0.5\n", "fte: mycket\n"), encoding="utf-8"
    )
    result = run_fc("render", "agreement", broken, "-o", tmp_path / "out")
    assert result.exit_code == 1
    line = next(i for i, text in enumerate(broken.read_text().splitlines(), 1) if "fte: mycket" in text)
    assert result.stdout.splitlines()[0] == (
        f"{broken}:{line}:8: error: coordinator.fte: ska vara ett tal, t.ex. 0.5 (decimaltal med punkt) [type]"
    )
    assert "inga dokument skrevs" in result.stderr
    assert not (tmp_path / "out").exists()


def test_draft_renders_missing_data_as_highlighted_placeholders(tmp_path: Path) -> None:
    from docx import Document

    incomplete = tmp_path / "centre.yaml"
    incomplete.write_text(
        VIVALLA.read_text(encoding="utf-8").replace("valid_from: 2027-01-01", "valid_from: <fyll i>"),
        encoding="utf-8",
    )
    refused = run_fc("render", "agreement", incomplete, "-o", tmp_path)
    assert refused.exit_code == 1
    assert "agreement.valid_from: är inte ifylld (står som <fyll i>)" in refused.stdout

    drafted = run_fc("render", "agreement", incomplete, "-o", tmp_path, "--draft")
    assert drafted.exit_code == 0, drafted.output
    doc = Document(str(tmp_path / "samverkansavtal-familjecentralen-vivalla.docx"))
    highlighted = [
        run.text for p in doc.paragraphs for run in p.runs if run.font.highlight_color is not None
    ]
    assert highlighted == ["[fyll i: Datum då avtalet börjar gälla]"]


def test_several_centres_render_into_subfolders(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    for name in ("norr", "soder"):
        (repo / "orebro" / name).mkdir(parents=True)
        text = VIVALLA.read_text(encoding="utf-8")
        (repo / "orebro" / name / "centre.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run_fc("render", "agreement", repo, "-o", out, "--format", "md")
    assert result.exit_code == 0, result.output
    name = "samverkansavtal-familjecentralen-vivalla.md"
    assert result.stdout.splitlines() == [
        str(out / "orebro" / "norr" / name),
        str(out / "orebro" / "soder" / name),
    ]


def test_unknown_document_is_a_usage_error() -> None:
    result = run_fc("render", "budget", VIVALLA)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: okänt dokument 'budget' – välj ett av intent, agreement, coordinator, report, all "
        "(eller avsiktsforklaring, samverkansavtal, samordnaravtal, verksamhetsberattelse)\n"
    )


@pytest.mark.libreoffice
def test_pdf_goes_through_libreoffice(tmp_path: Path) -> None:
    result = run_fc("render", "agreement", VIVALLA, "-o", tmp_path, "--format", "pdf")
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "samverkansavtal-familjecentralen-vivalla.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_pdf_without_libreoffice_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = run_fc("render", "agreement", VIVALLA, "-o", tmp_path, "--format", "pdf")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: --format pdf behöver LibreOffice, som inte är installerat")
    assert list(tmp_path.iterdir()) == []


def test_draft_still_refuses_references_that_point_nowhere(tmp_path: Path) -> None:
    broken = tmp_path / "centre.yaml"
    broken.write_text(
        VIVALLA.read_text(encoding="utf-8").replace("  employer: socialtjanst", "  employer: familjestod"),
        encoding="utf-8",
    )
    result = run_fc("render", "agreement", broken, "-o", tmp_path / "out", "--draft")
    assert result.exit_code == 1
    assert "coordinator.employer:" in result.stdout and "[reference]" in result.stdout
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_all_twelve_documents_render_byte_identical_twice(tmp_path: Path) -> None:
    # the three shipped packs' examples (examples/agreement-repo has its own test: test_example_repo.py)
    shipped = [EXAMPLES / name for name in ("lugnvik", "rud", "vivalla")]
    first = run_fc("render", "all", *shipped, "-o", tmp_path / "a")
    second = run_fc("render", "all", *shipped, "-o", tmp_path / "b")
    assert first.exit_code == second.exit_code == 0, first.output
    written = [Path(line) for line in first.stdout.splitlines()]
    assert len(written) == 12
    for path in written:
        twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
        assert path.read_bytes() == twin.read_bytes(), path.name


@pytest.mark.parametrize("pack", ["orebro", "jamtland", "varmland"])
def test_a_fresh_scaffold_renders_as_a_draft_with_its_gaps_highlighted(tmp_path: Path, pack: str) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    folder = tmp_path / "ny"
    assert run_fc("new-centre", folder, "--name", "Familjecentralen Ny", "--municipality", "Karlstad",
                  "--pack", pack).exit_code == 0
    assert run_fc("render", "all", folder).exit_code == 1  # not before the gaps are filled
    result = run_fc("render", "all", folder, "--draft")
    assert result.exit_code == 0, result.output
    files = [Path(line) for line in result.stdout.splitlines()]
    assert [f.name.split("-")[0] for f in files] == [
        "avsiktsforklaring", "samverkansavtal", "samordnaravtal", "verksamhetsberattelse"
    ]
    for docx in files:
        body = Document(str(docx)).element.body
        highlighted = [  # in paragraphs and in table cells alike
            "".join(t.text for t in r.iter(qn("w:t")))
            for r in body.iter(qn("w:r"))
            if r.find(f"{qn('w:rPr')}/{qn('w:highlight')}") is not None
        ]
        assert highlighted and all(text.startswith("[fyll i: ") for text in highlighted), docx.name


@pytest.mark.parametrize("example", ["vivalla", "lugnvik", "rud"])
def test_principals_sign_the_intent_when_their_services_do_not(tmp_path: Path, example: str) -> None:
    from docx import Document
    from ruamel.yaml import YAML

    yaml = YAML()
    data = yaml.load((EXAMPLES / example / "centre.yaml").read_text(encoding="utf-8"))
    for service in data["services"]:
        service["signs"] = False
    for principal in data["principals"]:
        principal.setdefault("signatory", {"name": "Kim Ek", "title": "Chef"})
    centre = tmp_path / "centre.yaml"
    with centre.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    result = run_fc("render", "intent", centre, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    body = Document(result.stdout.strip()).element.body.xml
    for principal in data["principals"]:
        assert f"För {principal['name']}" in body


def _ooxml_errors(docx: Path) -> list[str]:
    from openxml_audit import FileFormat, OpenXmlValidator

    return [str(e) for e in OpenXmlValidator(file_format=FileFormat.MICROSOFT_365).validate(docx).errors]


def test_every_example_document_passes_an_ooxml_validator(tmp_path: Path) -> None:
    import multiprocessing

    import openxml_audit  # noqa: F401 - imported once, before the validating processes fork

    shipped = [EXAMPLES / name for name in ("lugnvik", "rud", "vivalla")]
    assert run_fc("render", "all", *shipped, "-o", tmp_path / "final").exit_code == 0
    assert run_fc("render", "all", VIVALLA, "-o", tmp_path / "draft", "--draft").exit_code == 0
    # Region Vänerdal's pack has two documents, with Word-numbered headings (word/numbering.py)
    for document in ("agreement", "coordinator"):
        assert run_fc("render", document, EXAMPLES / "agreement-repo", "-o", tmp_path / "own").exit_code == 0
    documents = sorted(tmp_path.rglob("*.docx"))
    assert len(documents) == 20
    # a fresh process per document: openxml-audit 0.8 caches cross-part look-ups by id() of the
    # package, which the next package can reuse, and then reports another file's footnote ids
    with multiprocessing.get_context("fork").Pool(2, maxtasksperchild=1) as pool:
        results = pool.map(_ooxml_errors, documents, chunksize=1)
    for docx, errors in zip(documents, results, strict=False):
        assert errors == [], docx.relative_to(tmp_path)
