"""Every law, regulation and body the shipped documents cite is a current one (issue 12, point 7).

The table below is kept by hand: when a law is replaced, change the pack's `references:` block
(templates/<pack>/pack.yaml, the one place a pack names laws and bodies) and this table. The
tests find every citation in every rendered document of the three examples and fail on one the
table does not know, on a repealed law or an abolished body, and on a citation written into a
template instead of read from `pack.references`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_wording import PACK_EXAMPLE, rendered

from fc_cli.documents import DOCUMENTS
from fc_cli.packs import list_shipped_packs

from helpers import ROOT

#: Citations the documents may hold, as found by LAW and NUMBER below → what they are and why current.
CURRENT = {
    "sekretesslagen (OSL; SFS 2009:400)": "offentlighets- och sekretesslagen (2009:400), i kraft sedan 30 juni 2009",
    "sekretesslagen (2009:400)": "offentlighets- och sekretesslagen (2009:400)",
    "sekretesslagen": "offentlighets- och sekretesslagen (2009:400), utan nummer",
    "lagen (2018:1197)": "lag (2018:1197) om Förenta nationernas konvention om barnets rättigheter, i kraft 1 januari 2020",
    "patientdatalagen": "patientdatalag (2008:355)",
    "patientdatalag": "patientdatalag (2008:355), Jämtlands form",
    "patientsäkerhetslagen": "patientsäkerhetslag (2010:659)",
    "socialtjänstlagen": "socialtjänstlag (2025:400), i kraft 1 juli 2025 – namnet utan nummer gäller den nya lagen",
    "socialtjänstlag": "socialtjänstlag (2025:400), Jämtlands form",
}
#: Numbered citations (SFS, SKOLFS, Skolverkets allmänna råd) and what they are.
NUMBERS = {
    "SFS 2009:400": "offentlighets- och sekretesslagen",
    "2009:400": "offentlighets- och sekretesslagen",
    "2018:1197": "barnkonventionslagen",
    "SKOLFS 2018:50": "Läroplan för förskolan, Lpfö 18, i kraft 1 juli 2019",
    "2000:1": "Skolverkets allmänna råd med kommentarer för öppen förskola (Jämtlands riktlinje)",
}
#: Repealed or renamed, and what replaced it: none may appear in a document.
OUTDATED = {
    "Lpfö 98": "Lpfö 18 (SKOLFS 2018:50) sedan 1 juli 2019",
    "Lpfö - 98": "Lpfö 18 (SKOLFS 2018:50) sedan 1 juli 2019",
    "landsting": "region (Region Jämtland Härjedalen sedan 2015; lagen om regioner 2019)",
    "2001:453": "socialtjänstlag (2025:400) sedan 1 juli 2025",
    "1982:763": "hälso- och sjukvårdslag (2017:30)",
    "1985:1100": "skollag (2010:800)",
    "1980:100": "offentlighets- och sekretesslag (2009:400)",
}
#: Words the LAW pattern finds that are no law.
NOT_LAWS = {"förslag", "underlag", "debiteringsunderlag", "diskussionsunderlag", "anslag"}

LAW = re.compile(r"[\wåäöÅÄÖ-]*lag(?:en)?\b(?: \([^)]*?\d{4}:\d+\))?")
NUMBER = re.compile(r"\b(?:SFS |SKOLFS )?\d{4}:\d+\b")
LPFO = re.compile(r"Lpfö[ -]*\d+")


def citations(text: str) -> set[str]:
    found = {m for m in LAW.findall(text) if m.lower() not in NOT_LAWS}
    return found | set(NUMBER.findall(text)) | set(LPFO.findall(text))


@pytest.mark.parametrize("draft", [False, True])
@pytest.mark.parametrize("pack", sorted(PACK_EXAMPLE))
def test_every_citation_in_every_document_is_a_current_one(tmp_path: Path, pack: str, draft: bool) -> None:
    for document in DOCUMENTS:
        text = rendered(tmp_path, pack, document, draft=draft)
        unknown = sorted(c for c in citations(text) if c not in CURRENT and c not in NUMBERS and c != "Lpfö 18")
        assert not unknown, f"{pack} {document}: not in the table of current references: {unknown}"
        outdated = [old for old in OUTDATED if old in text]
        assert not outdated, f"{pack} {document}: {[(old, OUTDATED[old]) for old in outdated]}"


def test_the_updated_references_are_the_ones_rendered(tmp_path: Path) -> None:
    agreement = rendered(tmp_path, "jamtland", "agreement")
    assert "enligt öppna förskolans målsättning och allmänna råd med kommentarer för öppen förskola (2000:1) " \
        "samt läroplanen för förskolan (Lpfö 18, SKOLFS 2018:50)," in agreement
    assert "Tvist på grund av detta avtal ska avgöras av kontaktorganet för samarbete mellan regionen och " \
        "kommunen (LAKO)." in agreement
    coordinator = rendered(tmp_path, "jamtland", "coordinator")
    assert "kontaktorganet för samarbete mellan regionen och kommunen (LAKO)" in coordinator


def test_a_pack_names_its_laws_and_bodies_in_one_place() -> None:
    """No template writes a citation itself: each comes from its pack's `references:`."""
    for pack in list_shipped_packs():
        for path in sorted(pack.folder.glob("*.j2")):
            source = path.read_text(encoding="utf-8")
            source = re.sub(r"\{#.*?#\}", "", source, flags=re.DOTALL)  # comments may explain
            source = re.sub(r"pack\.references\.\w+", "", source)
            written = sorted(citations(source))
            assert not written, f"{path.relative_to(ROOT)} cites {written} itself – move it to pack.yaml references"
            assert "LAKO" not in source and "landsting" not in source, path
        assert pack.config.references, f"{pack.name} has no references block"


def test_updating_a_reference_in_the_pack_updates_every_document(tmp_path: Path) -> None:
    import shutil

    from ruamel.yaml import YAML

    copy = tmp_path / "pack"
    shutil.copytree(ROOT / "templates" / "jamtland", copy)
    yaml = YAML()
    config = yaml.load((copy / "pack.yaml").read_text(encoding="utf-8"))
    config["references"]["osl"] = "offentlighets- och sekretesslagen (OSL; SFS 2009:400) i dess lydelse från 2026"
    with (copy / "pack.yaml").open("w", encoding="utf-8") as handle:
        yaml.dump(config, handle)

    def own_pack(data: dict) -> None:
        data["pack"] = str(copy)

    for document in ("agreement", "coordinator"):
        text = rendered(tmp_path, "jamtland", document, own_pack)
        assert "regleras i offentlighets- och sekretesslagen (OSL; SFS 2009:400) i dess lydelse från 2026." in text


# ---- the region's own words (`terms:`), in one place like its references -----------------------------


def _pack_with_terms(tmp_path: Path, terms: str, template: str) -> Path:
    import shutil

    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "templates" / "orebro", pack)
    config = (pack / "pack.yaml").read_text(encoding="utf-8")
    config = re.sub(r"^terms:\n(  .*\n)*", "", config, flags=re.M)  # Örebro's own terms, replaced by the test's
    (pack / "pack.yaml").write_text(config.replace("name: orebro\n", "name: mitt-lan\n" + terms, 1), encoding="utf-8")
    (pack / "agreement.md.j2").write_text("# Samverkansavtal\n\n" + template, encoding="utf-8")
    centre = (ROOT / "examples" / "vivalla" / "centre.yaml").read_text(encoding="utf-8")
    (tmp_path / "centre.yaml").write_text(centre.replace("pack: orebro", "pack: ./pack"), encoding="utf-8")
    return tmp_path / "centre.yaml"


def test_a_template_writes_the_region_s_own_words_from_terms(tmp_path: Path) -> None:
    from helpers import run_fc

    centre = _pack_with_terms(tmp_path, "terms:\n  vardnadshavare: föräldrar\n  gruppen: ledningsgruppen/styrgruppen\n",
                              "{{ pack.terms.gruppen | capitalize }} bjuder in {{ pack.terms.vardnadshavare }}.\n")
    result = run_fc("render", "agreement", centre, "-o", tmp_path / "out", "--format", "md")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "samverkansavtal-familjecentralen-vivalla.md").read_text(encoding="utf-8")
    assert text.splitlines()[-1] == "Ledningsgruppen/styrgruppen bjuder in föräldrar."


def test_a_term_name_a_template_cannot_write_is_an_error_at_its_key(tmp_path: Path) -> None:
    from helpers import run_fc

    for name, message in (
        ("Vårdnadshavare", "termen 'Vårdnadshavare' går inte att använda i en mall – skriv namnet med små bokstäver "
                           "a–z, siffror och _ (börja med en bokstav, inga å, ä, ö eller -), t.ex. 'vardnadshavare'"),
        ("items", "termen 'items' är upptagen (mallar läser den som något annat) – välj ett annat namn, t.ex. "
                  "'items_ord'"),
    ):
        folder = tmp_path / name
        folder.mkdir()
        centre = _pack_with_terms(folder, f"terms:\n  {name}: föräldrar\n", "Text.\n")
        result = run_fc("validate", centre, cwd=folder)
        assert (result.exit_code, result.stdout.splitlines()[0]) == (
            1, f"pack/pack.yaml:4:3: error: terms.{name}: {message} – se templates/README.md för formatet [pack]"
        )
