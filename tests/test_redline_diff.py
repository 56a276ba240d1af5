"""`fc diff`: the redline of a revised agreement, checked three ways, and the change summary.

Each pair of versions is checked: the revision marks hold exactly the changed words; Accept All
and Reject All (tests/revisions.py, on the XML) give the new and the old document as
`fc render --format docx` makes them; pandoc's docx reader with --track-changes=accept|reject
reads the same text as from those two rendered documents; LibreOffice opens the redline.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from revisions import canonical_body, document_root, pandoc_text, resolve, revision_marks

from helpers import EXAMPLES, ROOT, libreoffice_text, run_fc

VIVALLA = (EXAMPLES / "vivalla" / "centre.yaml").read_text(encoding="utf-8")
LIBRARY = VIVALLA[VIVALLA.index("  - id: bibliotek"):VIVALLA.index("governance:")]
#: Vivalla without its library: the service and its seat in the group (a party sits in the group, issue 12)
NO_LIBRARY = ((LIBRARY, ""), (", socialtjanst, bibliotek]", ", socialtjanst]"))
#: The yearly review moves a month earlier (Örebro's text has no notice period, issue 12)
REVIEW = ("  review_by_month: 6", "  review_by_month: 5")


def centre(folder: Path, *edits: tuple[str, str], pack: str | None = None) -> Path:
    """Vivalla's centre file with each (old, new) text replaced, in FOLDER/centre.yaml."""
    text = VIVALLA
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    if pack is not None:
        text = text.replace("pack: orebro", f"pack: {pack}", 1)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "centre.yaml").write_text(text, encoding="utf-8")
    return folder / "centre.yaml"


def rendered(path: Path, out: Path) -> Path:
    result = run_fc("render", "agreement", path, "-o", out)
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip())


def redline(tmp_path: Path, old: Path, new: Path, *options: str) -> Path:
    target = tmp_path / "redline.docx"
    result = run_fc("diff", "agreement", old, new, "-o", target, *options)
    assert (result.exit_code, result.stdout) == (0, f"{target}\n"), result.output
    return target


def assert_resolves_to_both_versions(red: Path, old: Path, new: Path, tmp_path: Path) -> None:
    """Accept All gives the new document and Reject All the old, on the XML and through pandoc."""
    old_docx, new_docx = rendered(old, tmp_path / "old-render"), rendered(new, tmp_path / "new-render")
    blob = red.read_bytes()
    assert canonical_body(resolve(blob, accept=True)) == canonical_body(document_root(new_docx.read_bytes()))
    assert canonical_body(resolve(blob, accept=False)) == canonical_body(document_root(old_docx.read_bytes()))
    assert pandoc_text(red, "accept") == pandoc_text(new_docx)
    assert pandoc_text(red, "reject") == pandoc_text(old_docx)


# ---- every kind of change -------------------------------------------------------------------------

NB = "\u00a0"


def cells(row: str) -> list[str]:
    return row.split(" | ")


CASES = {
    # (edits for OLD, edits for NEW, the summary, the revision marks or None, the changed passages)
    "coordinator scope": (
        [], [("\n  fte: 0.5\n", "\n  fte: 0.25\n")],
        ["Samordnarens omfattning: 0,50 → 0,25 årsarbetare"],
        {"ins": ["0,25"], "del": ["0,50"]},
        ["… årsarbetare per familjecentral. För Familjecentralen Vivalla omfattar samordnaruppdraget [-0,50-]{+0,25+} "
         "årsarbetare och utförs av Elin Nordström, anställd vid …"],
    ),
    "a library joins": (
        [*NO_LIBRARY], [],
        ["Ny part: Vivalla bibliotek (Örebro kommun)",
         "Ny i ledningsgruppen/styrgruppen: Jonas Åberg, Bibliotekschef (Vivalla bibliotek)"],
        None,  # see test_a_library_joining_adds_rows_and_a_signature_and_leaves_the_rest_alone
        # a party (issue 12): listed, in the group, paying and signing; no "other actor" sentence
        ["{+Vivalla bibliotek | Örebro kommun | 212000-1850+}",
         "{+Jonas Åberg | Bibliotekschef | Vivalla bibliotek+}",
         f"Öppna förskolan Vivalla | Örebro kommun | [-25-]{{+16,67+}}{NB}% | [-80{NB}000-]{{+53{NB}333+}}{NB}kr | "
         f"[-15{NB}000-]{{+10{NB}000+}}{NB}kr",
         f"Förebyggande socialtjänst Vivalla | Örebro kommun | [-25-]{{+16,67+}}{NB}% | [-80{NB}000-]{{+53{NB}333+}}"
         f"{NB}kr | [-15{NB}000-]{{+10{NB}000+}}{NB}kr",
         f"{{+Vivalla bibliotek | Örebro kommun | 16,67{NB}% | 53{NB}333{NB}kr | 10{NB}000{NB}kr+}}",
         "{+För Vivalla bibliotek: Namn: Jonas Åberg; Titel: Bibliotekschef+}"],
    ),
    "review month": (
        [], [REVIEW],
        ["Omprövning före utgången av: juni → maj"],
        {"ins": ["maj"], "del": ["juni"]},
        ["… 2027 och tillsvidare. Respektive huvudman kan årligen, före [-juni-]{+maj+} månads utgång initiera "
         "omprövning eller uppsägning av avtal …"],
    ),
    "cost split": (
        [], [("  cost_model: lika_per_huvudman\n", "  cost_model: egen_fordelning\n  shares:\n"
              "    - party: region\n      percent: 60\n    - party: kommun\n      percent: 40\n")],
        ["Kostnadsfördelning: lika per huvudman → egen fördelning",
         f"Kostnadsandel för Region Örebro län: ingen andel → 60{NB}%",
         f"Kostnadsandel för Örebro kommun: ingen andel → 40{NB}%"],
        {"ins": ["Kostnader för samordnare och drift fördelas mellan parterna enligt tabellen nedan.",
                 *cells(f"Region Örebro län | Region Örebro län | 60{NB}% | 192{NB}000{NB}kr | 36{NB}000{NB}kr"),
                 *cells(f"Örebro kommun | Örebro kommun | 40{NB}% | 128{NB}000{NB}kr | 24{NB}000{NB}kr")],
         "del": ["Kostnader för samordnare och drift delas lika mellan huvudmännen och därefter lika delar mellan "
                 "huvudmännens ingående parter i familjecentralen.",
                 *cells(f"Barnmorskemottagningen Vivalla | Region Örebro län | 25{NB}% | 80{NB}000{NB}kr | 15{NB}000{NB}kr"),
                 *cells(f"Barnavårdscentralen Vivalla | Region Örebro län | 25{NB}% | 80{NB}000{NB}kr | 15{NB}000{NB}kr"),
                 *cells(f"Öppna förskolan Vivalla | Örebro kommun | 16,67{NB}% | 53{NB}333{NB}kr | 10{NB}000{NB}kr"),
                 *cells(f"Förebyggande socialtjänst Vivalla | Örebro kommun | 16,67{NB}% | 53{NB}333{NB}kr | 10{NB}000{NB}kr"),
                 *cells(f"Vivalla bibliotek | Örebro kommun | 16,67{NB}% | 53{NB}333{NB}kr | 10{NB}000{NB}kr")]},
        ["[-Kostnader för samordnare och drift delas lika mellan huvudmännen och därefter lika delar mellan "
         "huvudmännens ingående parter i familjecentralen.-]",
         "{+Kostnader för samordnare och drift fördelas mellan parterna enligt tabellen nedan.+}",
         f"[-Barnmorskemottagningen Vivalla | Region Örebro län | 25{NB}% | 80{NB}000{NB}kr | 15{NB}000{NB}kr-]",
         f"[-Barnavårdscentralen Vivalla | Region Örebro län | 25{NB}% | 80{NB}000{NB}kr | 15{NB}000{NB}kr-]",
         f"[-Öppna förskolan Vivalla | Örebro kommun | 16,67{NB}% | 53{NB}333{NB}kr | 10{NB}000{NB}kr-]",
         f"[-Förebyggande socialtjänst Vivalla | Örebro kommun | 16,67{NB}% | 53{NB}333{NB}kr | 10{NB}000{NB}kr-]",
         f"[-Vivalla bibliotek | Örebro kommun | 16,67{NB}% | 53{NB}333{NB}kr | 10{NB}000{NB}kr-]",
         f"{{+Region Örebro län | Region Örebro län | 60{NB}% | 192{NB}000{NB}kr | 36{NB}000{NB}kr+}}",
         f"{{+Örebro kommun | Örebro kommun | 40{NB}% | 128{NB}000{NB}kr | 24{NB}000{NB}kr+}}"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_kind_of_change_is_marked_and_resolves_to_either_version(case: str, tmp_path: Path) -> None:
    old_edits, new_edits, summary, marks, passages = CASES[case]
    old, new = centre(tmp_path / "old", *old_edits), centre(tmp_path / "new", *new_edits)
    red = redline(tmp_path, old, new)
    if marks is not None:
        assert revision_marks(red.read_bytes()) == marks
    assert_resolves_to_both_versions(red, old, new, tmp_path)
    text = run_fc("diff", "agreement", old, new, "--format", "text")
    assert text.exit_code == 0
    assert text.stdout == (
        f"Ändringar: Familjecentralen Vivalla ({old} → {new})\n\n"
        + "".join(f"- {line}\n" for line in summary)
        + "\nSamverkansavtal: texten ändras\n"
        + "".join(f"  - {line}\n" for line in passages)
    )


def test_a_library_joining_adds_rows_and_a_signature_and_leaves_the_rest_alone(tmp_path: Path) -> None:
    old, new = centre(tmp_path / "old", *NO_LIBRARY), centre(tmp_path / "new")
    marks = revision_marks(redline(tmp_path, old, new).read_bytes())
    assert marks == {
        "ins": [
            "Vivalla bibliotek", "Örebro kommun", "212000-1850",  # the row in the table of parties
            "Jonas Åberg", "Bibliotekschef", "Vivalla bibliotek",  # its seat in the group (a party, issue 12)
            # the municipality's half is now split in three: two rows change, one is added
            "16,67", "53\u00a0333", "10\u00a0000", "16,67", "53\u00a0333", "10\u00a0000",
            "Vivalla bibliotek", "Örebro kommun", "16,67\u00a0%", "53\u00a0333\u00a0kr", "10\u00a0000\u00a0kr",
            # a signature; the last two pairs of signatures are kept together in one row (so that
            # the last signatory never stands alone on a page), and the new one moves the pair
            # before it into that row: the pair is marked as moved (deleted and inserted)
            "För Barnmorskemottagningen Vivalla", "Ort och datum", "Lena Sundberg", "Verksamhetschef BMM",
            "För Barnavårdscentralen Vivalla", "Ort och datum", "Maria Ek", "Verksamhetschef BVC",
            "För Vivalla bibliotek", "Ort och datum", "Jonas Åberg", "Bibliotekschef",
        ],
        "del": [
            "25", "80\u00a0000", "15\u00a0000", "25", "80\u00a0000", "15\u00a0000",
            "För Barnmorskemottagningen Vivalla", "Ort och datum", "Lena Sundberg", "Verksamhetschef BMM",
            "För Barnavårdscentralen Vivalla", "Ort och datum", "Maria Ek", "Verksamhetschef BVC",
        ],
    }


# ---- the pack's wording counts too ------------------------------------------------------------


def two_packs(tmp_path: Path) -> tuple[Path, Path]:
    """Two copies of the Örebro pack; the second moves a paragraph, rewords, restyles and adds."""
    old_pack, new_pack = tmp_path / "packs" / "old", tmp_path / "packs" / "new"
    shutil.copytree(ROOT / "templates" / "orebro", old_pack)
    shutil.copytree(ROOT / "templates" / "orebro", new_pack)
    template = new_pack / "agreement.md.j2"
    text = template.read_text(encoding="utf-8")
    moved = (
        "Familjecentralens verksamhet genomsyras av FN:s konvention om barnets rättigheter utifrån "
        "barnrättsperspektiv, barnperspektiv och barnets egna perspektiv.\n\n"
    )
    after = "Familjecentralen ska utgöra plattform för tidig upptäckt och tidiga insatser.\n\n"  # past a list
    for old, new in (
        (moved, ""),
        (after, after + moved),
        ("Den är hälsofrämjande,", "Den är **hälsofrämjande**,"),
        ("## Utgångspunkter", "### Utgångspunkter"),
        ("Ytterligare vägledning för", "Mer vägledning för"),
        ("- Stärka arbetet med jämlikt och jämställt föräldraskap\n",
         "- Stärka arbetet med jämlikt och jämställt föräldraskap\n- Stärka barns delaktighet\n"),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    template.write_text(text, encoding="utf-8")
    return old_pack, new_pack


def test_a_pack_that_moves_rewords_and_restyles_its_text(tmp_path: Path) -> None:
    two_packs(tmp_path)
    old = centre(tmp_path / "c-old", pack="../packs/old")
    new = centre(tmp_path / "c-new", pack="../packs/new")
    red = redline(tmp_path, old, new)
    blob = red.read_bytes()
    moved = (
        "Familjecentralens verksamhet genomsyras av FN:s konvention om barnets rättigheter utifrån "
        "barnrättsperspektiv, barnperspektiv och barnets egna perspektiv."
    )
    # the moved paragraph is deleted where it was and inserted where it is; nothing between changes
    assert revision_marks(blob) == {"ins": ["Mer", "Stärka barns delaktighet", moved], "del": ["Ytterligare", moved]}
    xml = document_root(blob)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    restyled = [p for p in xml.iter(f"{w}p") if p.find(f"{w}pPr/{w}pPrChange") is not None]
    # the heading, and the list's last two items before the new one: fc keeps a list's last two
    # items together (keep with next), so the new item moves that property (exact Reject All)
    assert ["".join(t.text for t in p.iter(f"{w}t")) for p in restyled] == [
        "Utgångspunkter", "Stärka arbetet med FN:s konvention för barnets rättigheter",
        "Stärka arbetet med jämlikt och jämställt föräldraskap",
    ]
    assert restyled[0].find(f"{w}pPr/{w}pPrChange/{w}pPr/{w}pStyle").get(f"{w}val") == "Heading1"
    assert restyled[0].find(f"{w}pPr/{w}pStyle").get(f"{w}val") == "Heading2"
    bold = [r for r in xml.iter(f"{w}r") if r.find(f"{w}rPr/{w}rPrChange") is not None]
    assert ["".join(t.text for t in r.iter(f"{w}t")) for r in bold] == ["hälsofrämjande"]
    assert_resolves_to_both_versions(red, old, new, tmp_path)
    text = run_fc("diff", "agreement", old, new, "--format", "text")
    assert text.stdout == (
        f"Ändringar: Familjecentralen Vivalla ({old} → {new})\n\n"
        "- Mallpaket: ../packs/old → ../packs/new\n"
        "- Mallpaketets text för Samverkansavtal har ändrats (agreement.md.j2)\n"
        "\nSamverkansavtal: texten ändras\n"
        "  - … Örebro län och länets kommuner (21 september 2018). [-Ytterligare-]{+Mer+} vägledning för Örebro läns "
        "familjecentraler finns på Region …\n"
        "  - {+Stärka barns delaktighet+}\n"
        f"  - [-{moved}-]\n"
        f"  - {{+{moved}+}}\n"
    )


# ---- Word details -------------------------------------------------------------------------------


def test_author_and_date_are_set_and_the_file_is_byte_identical_on_rerun(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = centre(tmp_path / "old")
    new = centre(tmp_path / "new", REVIEW)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = redline(tmp_path, old, new, "--author", "Styrgruppen").read_bytes()
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    marks = [e for e in document_root(first).iter(f"{w}ins", f"{w}del")]
    # without SOURCE_DATE_EPOCH: the day the new agreement starts (agreement.valid_from)
    assert {(e.get(f"{w}author"), e.get(f"{w}date")) for e in marks} == {("Styrgruppen", "2027-01-01T00:00:00Z")}
    assert redline(tmp_path, old, new, "--author", "Styrgruppen").read_bytes() == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    stamped = redline(tmp_path, old, new).read_bytes()
    marks = [e for e in document_root(stamped).iter(f"{w}ins", f"{w}del")]
    assert {(e.get(f"{w}author"), e.get(f"{w}date")) for e in marks} == {("fc", "2027-01-15T08:00:00Z")}


def test_the_cover_section_summarises_the_changes_before_the_document(tmp_path: Path) -> None:
    old = centre(tmp_path / "old")
    new = centre(tmp_path / "new", REVIEW)
    red = redline(tmp_path, old, new, "--cover")
    text = pandoc_text(red, "accept")
    assert text.startswith(
        "Ändringar i Samverkansavtal\n\n"
        f"Jämförelse mellan {old} (gammal) och {new} (ny).\n\n"
        "Ändrade uppgifter:\n\n"
        "-   Omprövning före utgången av: juni → maj\n\n"
        "Ändringarna i texten är markerade som spårade ändringar. Ta bort den här sidan; godkänn "
        "sedan alla ändringar för att få den nya versionen, eller avvisa alla för den gamla.\n\n"
        "Samverkansavtal avseende Familjecentralen Vivalla i Örebro kommun\n"
    )


def test_identical_versions_give_a_valid_document_saying_inga_andringar(tmp_path: Path) -> None:
    old, new = centre(tmp_path / "old"), centre(tmp_path / "new")
    red = redline(tmp_path, old, new)
    assert revision_marks(red.read_bytes()) == {"ins": [], "del": []}
    assert pandoc_text(red).startswith(
        "Ändringar i Samverkansavtal\n\n"
        f"Jämförelse mellan {old} (gammal) och {new} (ny).\n\n"
        "Dokumentets text: inga ändringar – texten är densamma i båda versionerna.\n\n"
        "Samverkansavtal avseende Familjecentralen Vivalla i Örebro kommun\n"
    )
    text = run_fc("diff", "agreement", old, new, "--format", "text")
    assert (text.exit_code, text.stdout) == (
        0, f"Ändringar: Familjecentralen Vivalla ({old} → {new})\n\nInga ändringar.\n\nSamverkansavtal: texten är oförändrad\n"
    )


def test_libreoffice_opens_the_redline(tmp_path: Path) -> None:
    old, new = centre(tmp_path / "old", *NO_LIBRARY), centre(tmp_path / "new", REVIEW)
    red = redline(tmp_path, old, new, "--cover")
    text = libreoffice_text([red], tmp_path)[red]
    assert "Ny part: Vivalla bibliotek (Örebro kommun)" in text
    assert "Jonas Åberg" in text


def test_markdown_summary_for_a_pull_request(tmp_path: Path) -> None:
    old = centre(tmp_path / "old", *NO_LIBRARY, ("\n  fte: 0.5\n", "\n  fte: 0.25\n"))
    new = centre(tmp_path / "new")
    result = run_fc("diff", "all", old, new, "--format", "md")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "### Ändringar: Familjecentralen Vivalla\n\n"
        f"`{old}` → `{new}`\n\n"
        "- Ny part: Vivalla bibliotek (Örebro kommun)\n"
        "- Ny i ledningsgruppen/styrgruppen: Jonas Åberg, Bibliotekschef (Vivalla bibliotek)\n"
        "- Samordnarens omfattning: 0,25 → 0,50 årsarbetare\n"
        "\n#### Avsiktsförklaring för samverkan i familjecentral: texten ändras\n\n"
        "- … i samverkan inrätta en familjecentral i Örebro kommun. **I samverkan deltar även Vivalla bibliotek.** "
        "Verksamheten planeras att starta hösten 2027.\n"
        "- … mellan Barnmorskemottagningen Vivalla, Barnavårdscentralen Vivalla, Öppna förskolan Vivalla ~~och~~**,** "
        "Förebyggande socialtjänst Vivalla **och Vivalla bibliotek** ger vi här vår gemensamma avsiktsförklaring.\n"
        "- **För Vivalla bibliotek: Namn: Jonas Åberg; Titel: Bibliotekschef**\n"
        "\n#### Samverkansavtal: texten ändras\n\n"
        "- **Vivalla bibliotek \\| Örebro kommun \\| 212000-1850**\n"
        "- **Jonas Åberg \\| Bibliotekschef \\| Vivalla bibliotek**\n"
        "- … årsarbetare per familjecentral. För Familjecentralen Vivalla omfattar samordnaruppdraget ~~0,25~~**0,50** "
        "årsarbetare och utförs av Elin Nordström, anställd vid …\n"
        f"- Öppna förskolan Vivalla \\| Örebro kommun \\| ~~25~~**16,67**{NB}% \\| ~~80{NB}000~~**53{NB}333**{NB}kr "
        f"\\| ~~15{NB}000~~**10{NB}000**{NB}kr\n"
        f"- Förebyggande socialtjänst Vivalla \\| Örebro kommun \\| ~~25~~**16,67**{NB}% \\| ~~80{NB}000~~"
        f"**53{NB}333**{NB}kr \\| ~~15{NB}000~~**10{NB}000**{NB}kr\n"
        f"- **Vivalla bibliotek \\| Örebro kommun \\| 16,67{NB}% \\| 53{NB}333{NB}kr \\| 10{NB}000{NB}kr**\n"
        "- **För Vivalla bibliotek: Namn: Jonas Åberg; Titel: Bibliotekschef**\n"
        "\n#### Samordnaravtal: texten ändras\n\n"
        "- **Vivalla bibliotek \\| Örebro kommun \\| Jonas Åberg \\| Bibliotekschef**\n"
        "- Omfattning \\| ~~0,25~~**0,50** årsarbetare\n"
        "- … till antalet medarbetare. För Familjecentralen Vivalla omfattar samordnaruppdraget ~~0,25~~**0,50** "
        "årsarbetare.\n"
        f"- Öppna förskolan Vivalla \\| Örebro kommun \\| ~~25~~**16,67**{NB}% \\| ~~80{NB}000~~**53{NB}333**{NB}kr\n"
        f"- Förebyggande socialtjänst Vivalla \\| Örebro kommun \\| ~~25~~**16,67**{NB}% \\| ~~80{NB}000~~"
        f"**53{NB}333**{NB}kr\n"
        f"- **Vivalla bibliotek \\| Örebro kommun \\| 16,67{NB}% \\| 53{NB}333{NB}kr**\n"
        "- Detta avtal har upprättats i ~~fem~~**sex** likalydande exemplar, varav parterna tagit var sitt. Avtalet …\n"
        "- **För Vivalla bibliotek: Namn: Jonas Åberg; Titel: Bibliotekschef**\n"
        "\n#### Verksamhetsberättelse och verksamhetsplan: texten ändras\n\n"
        "- … samverkar mödrahälsovården, barnhälsovården, socialtjänsten och den öppna förskolan **samt Vivalla "
        "bibliotek**, alla med sina olika yrkesprofessioner. I familjecentralens idé …\n"
    )


def test_all_writes_one_redline_per_document_into_a_folder(tmp_path: Path) -> None:
    old = centre(tmp_path / "old")
    new = centre(tmp_path / "new", ("\n  fte: 0.5\n", "\n  fte: 0.25\n"))
    out = tmp_path / "out"
    result = run_fc("diff", "all", old, new, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        str(out / f"{slug}-familjecentralen-vivalla-andringar.docx")
        for slug in ("avsiktsforklaring", "samverkansavtal", "samordnaravtal", "verksamhetsberattelse")
    ]


def test_a_full_disk_during_all_takes_back_the_redlines_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = centre(tmp_path / "old")
    new = centre(tmp_path / "new", ("\n  fte: 0.5\n", "\n  fte: 0.25\n"))
    out = tmp_path / "out"
    real, done = os.replace, []

    def replace(*args: object, **kwargs: object) -> None:  # the disk is full after two files
        if "/fc/parsed/" in str(args[1]):  # fc's cache of parsed texts, not an output file
            return real(*args, **kwargs)  # type: ignore[arg-type]
        if len(done) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        done.append(args)
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    result = run_fc("diff", "all", old, new, "-o", out)
    names = [out / f"{slug}-familjecentralen-vivalla-andringar.docx"
             for slug in ("avsiktsforklaring", "samverkansavtal", "samordnaravtal", "verksamhetsberattelse")]
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: kan inte skriva {names[2]} (disken är full) – inget skrevs; {names[0]} och {names[1]}, som hann "
        f"skrivas, togs bort igen; {names[3]} skrevs inte; frigör utrymme och försök igen\n"
    )
    assert not out.exists()  # the folder this run made is gone too


def test_a_pack_with_some_documents_and_fields_of_its_own(tmp_path: Path) -> None:
    """Vänerdal's pack (examples/agreement-repo) has two documents and fields of its own: `diff all`
    compares the two it has, says so of the rest as `render all` does, and the summary names each
    own field that changed under its description, its value written as the field's type is."""
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "agreement-repo", repo)
    old = repo / "norrvik" / "hamnen" / "centre.yaml"
    new = repo / "norrvik" / "ny" / "centre.yaml"
    new.parent.mkdir()
    text = old.read_text(encoding="utf-8")
    assert "  enkat_ansvarig: bvc\n" in text
    new.write_text(text.replace("  enkat_ansvarig: bvc\n", "  enkat_ansvarig: socialtjanst\n  lokal_yta: 120.5\n"
                                "  lokalkostnad_per_kvm: 1200\n"), encoding="utf-8")
    note = ("mallpaketet 'vanerdal' har ingen mall för avsiktsförklaring eller verksamhetsberättelse – de dokumenten "
            "skrevs inte\n")
    summary = run_fc("diff", "all", old, new, "--format", "text")
    assert (summary.exit_code, summary.stderr) == (0, note), summary.output
    assert summary.stdout.splitlines()[2:6] == [
        "- De gemensamma lokalernas yta: inte angivet → 120,5 kvadratmeter",
        "- Hyran för de gemensamma lokalerna per kvadratmeter och år: inte angivet → 1\u00a0200\u00a0kr",
        "- Verksamheten som ansvarar för den årliga föräldraenkäten: Barnavårdscentralen Hamnen → Förebyggande "
        "socialtjänst Hamnen",
        "",
    ]
    out = tmp_path / "out"
    written = run_fc("diff", "all", old, new, "-o", out)
    assert (written.exit_code, written.stderr) == (0, note), written.output
    assert written.stdout.splitlines() == [str(out / f"{slug}-familjecentralen-hamnen-andringar.docx")
                                           for slug in ("samverkansavtal", "samordnaravtal")]


# ---- bad input ----------------------------------------------------------------------------------


def test_two_different_centres_are_refused(tmp_path: Path) -> None:
    old = centre(tmp_path / "old")
    other = tmp_path / "other" / "centre.yaml"
    other.parent.mkdir()
    shutil.copy(EXAMPLES / "lugnvik" / "centre.yaml", other)
    result = run_fc("diff", "agreement", old, other, "-o", tmp_path / "x.docx")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {old} (Familjecentralen Vivalla, Örebro) och {other} (Familjecentralen Lugnvik, Östersund) "
        "är två olika familjecentraler – jämför två versioner av samma centrumfil\n"
    )
    assert not (tmp_path / "x.docx").exists()


def test_two_packs_are_refused_unless_allowed(tmp_path: Path) -> None:
    old = centre(tmp_path / "old")
    new = centre(tmp_path / "new", ("pack: orebro", "pack: jamtland"))
    result = run_fc("diff", "agreement", old, new, "-o", tmp_path / "x.docx")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {old} använder mallpaketet 'orebro' och {new} 'jamtland' – då skiljer sig hela texten; "
        "lägg till --allow-other-pack om du vill se det ändå\n"
    )
    assert not (tmp_path / "x.docx").exists()
    allowed = run_fc("diff", "agreement", old, new, "-o", tmp_path / "x.docx", "--allow-other-pack")
    assert allowed.exit_code == 0, allowed.output


def test_a_version_that_does_not_validate_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    old = centre(tmp_path / "old")
    new = centre(tmp_path / "new", ("  review_by_month: 6", "  review_by_month: 6\n  notice_months: 99"))
    result = run_fc("diff", "agreement", old, new, "-o", tmp_path / "x.docx")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(f"{new}:119:18: error: agreement.notice_months: ")
    assert result.stderr == (
        f"error: ingen jämförelse gjordes – {new} är inte giltig; rätta felen ovan "
        "(en version som inte går att rendera går inte heller att jämföra)\n"
    )
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["agreement", "OLD"], "error: ange två versioner att jämföra: fc diff DOKUMENT GAMMAL NY (filer eller "
         "REV:sökväg), eller fc diff DOKUMENT NY --since REV\n"),
        (["agreement", "missing.yaml", "NEW"], "error: missing.yaml finns inte – ange en centrumfil, eller en "
         "version i git som REV:sökväg (t.ex. v2025:orebro/vivalla/centre.yaml)\n"),
        (["agreement", ":centre.yaml", "NEW"], "error: ':centre.yaml' är ingen version – skriv REV:sökväg, "
         "t.ex. HEAD~1:orebro/vivalla/centre.yaml\n"),
        (["kontrakt", "OLD", "NEW"], "error: okänt dokument 'kontrakt' – välj ett av intent, agreement, coordinator, "
         "report, all (eller avsiktsforklaring, samverkansavtal, samordnaravtal, verksamhetsberattelse)\n"),
        (["agreement", "OLD", "NEW", "--author", " "], "error: --author får inte vara tomt – ange ett namn, "
         "t.ex. --author 'Styrgruppen'\n"),
        (["all", "OLD", "NEW", "-o", "x.docx"], "error: med flera dokument blir det en fil per dokument – "
         "ange en mapp med -o, inte x.docx\n"),
        (["agreement", "OLD", "NEW", "--format", "pdf"], None),
        (["agreement", "OLD", "NEW", "--since", "HEAD"], "error: med --since anger du bara den nya versionen: "
         "fc diff DOKUMENT centre.yaml --since REV\n"),
    ],
)
def test_wrong_usage_is_exit_2_with_a_message(arguments: list[str], message: str, tmp_path: Path) -> None:
    old, new = centre(tmp_path / "old"), centre(tmp_path / "new")
    given = [str(old) if a == "OLD" else str(new) if a == "NEW" else a for a in arguments]
    result = run_fc("diff", *given, cwd=tmp_path)
    if message is None:  # typer's own check of a choice, in Swedish
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.endswith("error: ogiltigt värde för --format: 'pdf' finns inte – välj en av 'docx', 'md', 'text'\n")
    else:
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new", "old"]  # nothing written


def test_a_renamed_centre_is_marked_in_the_page_header_too(tmp_path: Path) -> None:
    import zipfile

    from lxml import etree

    old = centre(tmp_path / "old")
    new = centre(tmp_path / "new", ("  name: Familjecentralen Vivalla\n", "  name: Familjecentralen Vivalla-Lundby\n"))
    red = redline(tmp_path, old, new)
    with zipfile.ZipFile(red) as package:
        header = etree.fromstring(package.read("word/header1.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    marks = {kind: ["".join(t.text for t in e.iter(f"{w}t", f"{w}delText")) for e in header.iter(f"{w}{kind}")]
             for kind in ("ins", "del")}
    assert marks == {"ins": ["Vivalla-Lundby"], "del": ["Vivalla"]}
    assert_resolves_to_both_versions(red, old, new, tmp_path)


def test_the_summary_alone_does_not_build_word_documents(tmp_path: Path) -> None:
    from test_speed_paths import _loaded_modules

    old, new = centre(tmp_path / "old"), centre(tmp_path / "new", REVIEW)
    # markdown_it parses both texts for the changed passages (unless they were parsed before and kept,
    # word/parse_cache.py); python-docx is never imported
    loaded = _loaded_modules("diff", "agreement", str(old), str(new), "--format", "text", cwd=tmp_path)
    assert loaded.replace("'markdown_it', ", "") == "['jinja2', 'pydantic', 'typer']"
