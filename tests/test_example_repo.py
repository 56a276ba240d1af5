"""The worked example (issue 11, point 7): examples/agreement-repo, a region's own agreement
repository with its own pack (Region Vänerdal, fictional) and two centres, validates and renders.

The rendered text is kept in tests/golden/agreement-repo/ and the bytes of every file as SHA-256 in
tests/golden/agreement-repo-hashes.json (SOURCE_DATE_EPOCH fixed); FC_UPDATE_GOLDEN=1 accepts a
deliberate change, and the diff of the golden text shows what changed.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from fc_cli.packs import load_pack_folder

from helpers import EXAMPLES, GOLDEN, UPDATE_GOLDEN, run_fc

REPO = EXAMPLES / "agreement-repo"
HASHES = GOLDEN / "agreement-repo-hashes.json"
TEXTS = GOLDEN / "agreement-repo"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
CENTRES = ("norrvik/hamnen", "norrvik/solbacken")


def test_the_repository_validates_without_findings() -> None:
    result = run_fc("validate", cwd=REPO)
    assert result.stdout == "2 filer kontrollerade: 0 fel, 0 varningar\n"
    assert result.exit_code == 0


def test_the_pack_has_two_documents_its_own_fields_and_asks_for_numbered_headings() -> None:
    pack = load_pack_folder(REPO / "mallar" / "vanerdal")
    assert {kind: doc.numbered_headings for kind, doc in pack.config.documents.items()} == {
        "agreement": True, "coordinator": True,
    }
    assert {name: spec.type for name, spec in pack.config.fields.items()} == {
        "lokal_yta": "decimal", "lokalkostnad_per_kvm": "amount", "enkat_ansvarig": "service",
    }


def test_every_document_renders_as_its_golden_text_and_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    hashes: dict[str, str] = {}
    texts: dict[str, str] = {}
    for fmt in ("docx", "md"):
        result = run_fc("render", "all", ".", "-o", str(tmp_path / fmt), "--format", fmt, cwd=REPO)
        assert result.exit_code == 0, result.stdout + result.stderr
        assert result.stderr == ("mallpaketet 'vanerdal' har ingen mall för avsiktsförklaring eller "
                                 "verksamhetsberättelse – de dokumenten skrevs inte\n")
    for path in sorted(tmp_path.rglob("*.*")):
        name = path.relative_to(tmp_path).as_posix()
        hashes[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        if path.suffix == ".md":
            texts[name.removeprefix("md/").replace("/", "-")] = path.read_text(encoding="utf-8")
    assert sorted(hashes) == sorted(
        f"{fmt}/{centre}/{slug}-familjecentralen-{centre.split('/')[1]}.{fmt}"
        for fmt in ("docx", "md") for centre in CENTRES for slug in ("samordnaravtal", "samverkansavtal")
    )
    if UPDATE_GOLDEN:
        HASHES.write_text(json.dumps(hashes, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        TEXTS.mkdir(exist_ok=True)
        for name, text in texts.items():
            (TEXTS / name).write_text(text, encoding="utf-8")
    for name, text in texts.items():
        assert text == (TEXTS / name).read_text(encoding="utf-8"), f"{name} differs (FC_UPDATE_GOLDEN=1 to accept)"
    assert hashes == json.loads(HASHES.read_text(encoding="utf-8")), "FC_UPDATE_GOLDEN=1 to accept"


def _lines(text: str) -> list[str]:
    """The text's paragraphs, each on one line: the templates write one sentence per line, which
    Markdown joins with a space (a soft break)."""
    return re.sub(r"(?<=\S)\n(?=[^\n\s|#:\-])", " ", text).splitlines()


def _said(sentence: str, text: str) -> bool:
    """True when *sentence* stands in *text*, from a paragraph's start or after a full stop."""
    return any(line == sentence or line.startswith(sentence + " ") or f". {sentence}" in line for line in _lines(text))


def test_the_documents_use_what_the_model_carries() -> None:
    solbacken = (TEXTS / "norrvik-solbacken-samverkansavtal-familjecentralen-solbacken.md").read_text(encoding="utf-8")
    for sentence in (
        "| Barn- och utbildningsnämnden (BUN) | Norrviks kommun | 212000-9903 |",
        "Familjecentralen styrs och leds på tre nivåer. Varje grupp har det uppdrag som anges nedan och "
        "rapporterar till gruppen närmast över den.",
        "Gruppen möts sex gånger per år och rapporterar till styrgruppen för familjecentralerna i Norrvik.",
        "| Socialnämnden | Barn- och utbildningsnämnden | en fjärdedel av samordnarens lönekostnad | 130\u00a0000\u00a0kr |",
        "Beloppen i detta avtal avser 2026 års nivå och räknas upp varje år med prisindex för kommunal "
        "verksamhet (PKV), första gången 2027.",
        "Betalning sker kvartalsvis i efterskott mot faktura, senast 30 dagar efter fakturadatum.",
        "## {nr=13} Avtalstid",
        "Avtalet gäller från och med 1 januari 2026 till och med 31 december 2028. Avtalet kan förlängas med högst "
        "24 månader genom beslut i styrgruppen för familjecentralerna i Norrvik, som fattar beslut senast sex "
        "månader före avtalstidens slut. Vill en part inte förlänga avtalet meddelar den de andra parterna "
        "skriftligen senast sex månader före avtalstidens slut.",
        # the pack's own fields (pack.yaml fields:, centre.yaml fields:)
        "De gemensamma lokalerna omfattar 185,5 kvadratmeter till en hyra av 1\u00a0450\u00a0kr per kvadratmeter och år.",
        "Öppna förskolan Solbacken ansvarar för den årliga föräldraenkäten, vars resultat redovisas i "
        "verksamhetsberättelsen.",
    ):
        assert _said(sentence, solbacken), sentence
    hamnen = (TEXTS / "norrvik-hamnen-samverkansavtal-familjecentralen-hamnen.md").read_text(encoding="utf-8")
    assert _said("Avtalet gäller från och med 1 augusti 2026 och tills vidare. Uppsägningstiden är sex månader.", hamnen)
    assert _said("Betalning sker halvårsvis i förskott mot faktura, senast 30 dagar efter fakturadatum.", hamnen)
    assert "kvadratmeter" not in hamnen  # no premises of its own: the optional fields are left out
    assert _said("Barnavårdscentralen Hamnen ansvarar för den årliga föräldraenkäten, vars resultat redovisas i "
                 "verksamhetsberättelsen.", hamnen)


def test_the_tutorial_pack_reads_like_its_text() -> None:
    """The tutorial's pack is the model of a template that reads like the agreement: at most 15 %
    logic-only lines (tests/helpers.py, template_logic_lines) and no namespace()."""
    from helpers import template_logic_lines

    shares = {}
    for template in sorted((REPO / "mallar" / "vanerdal").glob("*.md.j2")):
        text = template.read_text(encoding="utf-8")
        logic, lines = template_logic_lines(text)
        shares[template.name] = (logic / lines <= 0.15, text.count("namespace("))
    assert shares == {"agreement.md.j2": (True, 0), "coordinator.md.j2": (True, 0)}
