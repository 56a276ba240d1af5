"""The change summary: one plain Swedish line per change in the data (fc_cli/redline/summary.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fc_cli.check.centre import check_centre
from fc_cli.redline.summary import summarize

from helpers import EXAMPLES

VIVALLA = (EXAMPLES / "vivalla" / "centre.yaml").read_text(encoding="utf-8")


def model(tmp_path: Path, name: str, *edits: tuple[str, str]):
    text = VIVALLA
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name / "centre.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    checked = check_centre(path)
    assert checked.model is not None and not checked.errors, checked.diagnostics
    return checked.model


CHANGES = [
    # (edits from Vivalla, the lines)
    ([], []),
    ([("name: Familjecentralen Vivalla\n", "name: Familjecentralen Vivalla-Lundby\n")],
     ["Familjecentralens namn: Familjecentralen Vivalla → Familjecentralen Vivalla-Lundby"]),
    ([("street: Vivallatorget 6", "street: Vivallatorget 8")],
     ["Besöksadress: Vivallatorget 6, 703 71 Örebro → Vivallatorget 8, 703 71 Örebro"]),
    ([("age_to: 6", "age_to: 12")], ["Målgruppens högsta ålder: 6 år → 12 år"]),
    ([("extension_7_plus: true", "extension_7_plus: false")], ["Stöd till barn 7 år och uppåt: ja → nej"]),
    ([("organisation_number: 212000-1850", "organisation_number: 212000-1868")],
     ["Organisationsnummer för Örebro kommun: 212000-1850 → 212000-1868"]),
    ([("      name: Per Holmberg\n", "      name: Eva Persson\n")],
     ["Undertecknare för Örebro kommun: Per Holmberg, Förvaltningschef socialförvaltningen → "
      "Eva Persson, Förvaltningschef socialförvaltningen"]),
    ([("      name: Maria Ek\n", "      name: Maria Ekholm\n")],
     ["Chef för Barnavårdscentralen Vivalla: Maria Ek, Verksamhetschef BVC → Maria Ekholm, Verksamhetschef BVC"]),
    ([("name: Vivalla bibliotek", "name: Vivalla stadsdelsbibliotek")],
     ["Verksamhetens namn: Vivalla bibliotek → Vivalla stadsdelsbibliotek"]),
    ([("        fte: 1.5", "        fte: 2.0")],
     ["Bemanning vid Barnmorskemottagningen Vivalla, barnmorska: 1,50 → 2,00 årsarbetare"]),
    ([("      - profession: Socionom\n        fte: 0.75\n",
       "      - profession: Socionom\n        fte: 0.75\n      - profession: Psykolog\n        fte: 0.2\n")],
     ["Bemanning vid Förebyggande socialtjänst Vivalla: ny psykolog, 0,20 årsarbetare"]),
    # (a member joining: test_a_member_joins_and_leaves_the_group; Vivalla's library is in it, issue 12)
    ([("members: [bmm, bvc, oppen-forskola, socialtjanst, bibliotek]", "members: [bmm, bvc, oppen-forskola, bibliotek]")],
     ["Lämnar ledningsgruppen/styrgruppen: Sofia Berg, Chef för förebyggande socialtjänst (Förebyggande socialtjänst Vivalla)"]),
    ([("meetings_per_year: 4", "meetings_per_year: 6")], ["Möten per år för ledningsgruppen/styrgruppen: 4 → 6"]),
    ([("  name: Elin Nordström", "  name: Amir Haddad")], ["Samordnare: Elin Nordström → Amir Haddad"]),
    ([("  employer: socialtjanst", "  employer: oppen-forskola")],
     ["Samordnarens arbetsgivare: Förebyggande socialtjänst Vivalla → Öppna förskolan Vivalla"]),
    ([("\n  fte: 0.5\n", "\n  fte: 0.25\n")], ["Samordnarens omfattning: 0,50 → 0,25 årsarbetare"]),
    ([("  notice_months: 3", "  notice_months: 1")], ["Samordnaruppdragets uppsägningstid: 3 → 1 månad"]),
    ([("  coordinator_cost_sek: 320000", "  coordinator_cost_sek: 350000")],
     ["Samordnarens kostnad per år: 320\u00a0000\u00a0kr → 350\u00a0000\u00a0kr"]),
    ([("  valid_from: 2027-01-01", "  valid_from: 2027-01-01\n  valid_until: 2028-12-31")],
     ["Avtalet gäller till: tills vidare → 31 december 2028"]),
    # Vivalla (Örebro) has no notice period in its text, and the model assumes none (issue 12, point 1)
    ([("  review_by_month: 6", "  review_by_month: 6\n  notice_months: 6")], ["Uppsägningstid: inte angivet → 6 månader"]),
    ([("  review_by_month: 6", "  review_by_month: 5")], ["Omprövning före utgången av: juni → maj"]),
    ([("  copies: 7", "  copies: 8")], ["Antal exemplar: 7 → 8"]),
    ([("  planned_start: hösten 2027", "  planned_start: våren 2028")], ["Planerad start: hösten 2027 → våren 2028"]),
    ([("    visits: 5400", "    visits: 5600")], ["Antal besök under året: 5400 → 5600"]),
]


@pytest.mark.parametrize("index", range(len(CHANGES)))
def test_each_change_in_the_data_is_one_swedish_line(index: int, tmp_path: Path) -> None:
    edits, lines = CHANGES[index]
    assert summarize(model(tmp_path, "old"), model(tmp_path, "new", *edits)) == lines


LIBRARY = VIVALLA[VIVALLA.index("  - id: bibliotek"):VIVALLA.index("governance:")]
KULTUR = "      - id: kultur\n        name: Kultur- och fritidsförvaltningen\n"


def test_a_member_joins_and_leaves_the_group(tmp_path: Path) -> None:
    without = model(tmp_path, "without", (", socialtjanst, bibliotek]", ", socialtjanst]"))
    full = model(tmp_path, "full")
    assert summarize(without, full) == ["Ny i ledningsgruppen/styrgruppen: Jonas Åberg, Bibliotekschef (Vivalla bibliotek)"]
    assert summarize(full, without) == ["Lämnar ledningsgruppen/styrgruppen: Jonas Åberg, Bibliotekschef (Vivalla bibliotek)"]


def test_a_party_and_its_administration_join_and_leave(tmp_path: Path) -> None:
    without = model(tmp_path, "without", (LIBRARY, ""), (KULTUR, ""), (", socialtjanst, bibliotek]", ", socialtjanst]"))
    full = model(tmp_path, "full")
    assert summarize(without, full) == [
        "Ny förvaltning hos Örebro kommun: Kultur- och fritidsförvaltningen",
        "Ny part: Vivalla bibliotek (Örebro kommun)",
        "Ny i ledningsgruppen/styrgruppen: Jonas Åberg, Bibliotekschef (Vivalla bibliotek)",
    ]
    assert summarize(full, without) == [
        "Förvaltning utgår hos Örebro kommun: Kultur- och fritidsförvaltningen",
        "Part utgår: Vivalla bibliotek (Örebro kommun)",
        "Lämnar ledningsgruppen/styrgruppen: Jonas Åberg, Bibliotekschef (Vivalla bibliotek)",
    ]


def test_a_principal_joins_and_takes_over_a_party(tmp_path: Path) -> None:
    church = (
        "  - id: kyrkan\n    kind: annan\n    name: Svenska kyrkan Örebro\n    organisation_number: 252002-8396\n"
        "    signatory:\n      name: Anna Kyrk\n      title: Kyrkoherde\n"
    )
    moved = ("    principal: kommun\n    administration: kultur\n    manager:\n      name: Jonas Åberg",
             "    principal: kyrkan\n    manager:\n      name: Jonas Åberg")
    old = model(tmp_path, "old")
    new = model(tmp_path, "new", ("services:\n", church + "services:\n"), moved)
    assert summarize(old, new) == [
        "Ny huvudman: Svenska kyrkan Örebro, organisationsnummer 252002-8396",
        "Huvudman för Vivalla bibliotek: Örebro kommun → Svenska kyrkan Örebro",
    ]
    assert summarize(new, old) == [
        "Huvudman utgår: Svenska kyrkan Örebro",
        "Huvudman för Vivalla bibliotek: Svenska kyrkan Örebro → Örebro kommun",
    ]


def test_cost_shares_and_rotation(tmp_path: Path) -> None:
    shares = "  cost_model: egen_fordelning\n  shares:\n    - party: region\n      percent: 60\n    - party: kommun\n      percent: 40\n"
    changed = shares.replace("60", "50").replace("40", "50")
    rotation = "  cost_model: turordning\n  rotation: [bvc, socialtjanst]\n  rotation_start_year: 2027\n"
    lika = "  cost_model: lika_per_huvudman\n"
    assert summarize(model(tmp_path, "a", (lika, shares)), model(tmp_path, "b", (lika, changed))) == [
        "Kostnadsandel för Region Örebro län: 60\u00a0% → 50\u00a0%",
        "Kostnadsandel för Örebro kommun: 40\u00a0% → 50\u00a0%",
    ]
    assert summarize(model(tmp_path, "c", (lika, shares)), model(tmp_path, "d", (lika, rotation))) == [
        "Kostnadsfördelning: egen fördelning → turordning",
        "Första året i turordningen: inte angivet → 2027",
        "Kostnadsandel för Region Örebro län: 60\u00a0% → ingen andel",
        "Kostnadsandel för Örebro kommun: 40\u00a0% → ingen andel",
        "Turordning för kostnaderna: ingen → Barnavårdscentralen Vivalla, Förebyggande socialtjänst Vivalla",
    ]
