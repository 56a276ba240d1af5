"""The structures agreements really have, in fc's own model (issue 11, point 2): any number of
governance groups at their levels, a fixed term with an extension, committees acting for a kommun
or region, and payments, indexation, a payment schedule and a joint budget."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from county import edited

from fc_cli.check.centre import check_centre
from fc_cli.model import GroupLevel
from fc_cli.redline.summary import summarize
from fc_cli.swedish import group_word
from fc_cli.templating.helpers import GLOBALS
from fc_cli.year.deadlines import centre_year

from helpers import EXAMPLES, run_fc

REPO = EXAMPLES / "agreement-repo"
SOLBACKEN = REPO / "norrvik" / "solbacken" / "centre.yaml"
HAMNEN = REPO / "norrvik" / "hamnen" / "centre.yaml"
D = dt.date


def _checked(tmp_path: Path, name: str, text: str):
    path = tmp_path / name / "centre.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return check_centre(path, f"{name}/centre.yaml")


def _model(path: Path):
    checked = check_centre(path)
    assert checked.model is not None and not checked.diagnostics, checked.diagnostics
    return checked.model


def _render_md(tmp_path: Path, document: str, centre: Path) -> str:
    out = tmp_path / f"out-{document}-{centre.parent.name}"
    result = run_fc("render", document, str(centre), "-o", str(out), "--format", "md")
    assert result.exit_code == 0, result.stdout + result.stderr
    md, = out.glob("*.md")
    return md.read_text(encoding="utf-8")


# ---- groups -----------------------------------------------------------------------------------


def test_three_levels_of_groups_each_with_its_level_and_the_centre_s_own() -> None:
    data = _model(SOLBACKEN)
    assert [(path, g.name, data.level_of(g)) for path, g in data.group_entries()] == [
        (("governance", "groups", 0), "Länsgrupp för familjecentraler i Vänerdal", GroupLevel.region),
        (("governance", "groups", 1), "Styrgrupp för familjecentralerna i Norrvik", GroupLevel.kommun),
        (("governance", "groups", 2), "Ledningsgrupp för Familjecentralen Solbacken", GroupLevel.familjecentral),
    ]
    assert data.centre_group is data.governance.groups[2]
    assert data.centre_group_path == ("governance", "groups", 2)
    assert [g.id for g in data.groups_at("kommun", "region")] == ["lansgrupp", "styrgrupp"]
    assert data.group("styrgrupp").reports_to == "lansgrupp"


def test_the_shorthands_keep_their_meaning() -> None:
    lugnvik = _model(EXAMPLES / "lugnvik" / "centre.yaml")  # a styrgrupp beside the ledningsgrupp
    assert [lugnvik.level_of(g) for g in lugnvik.groups] == [GroupLevel.kommun, GroupLevel.familjecentral]
    assert lugnvik.centre_group is lugnvik.governance.management_group
    vivalla = _model(EXAMPLES / "vivalla" / "centre.yaml")  # one group: the centre's own
    assert [vivalla.level_of(g) for g in vivalla.groups] == [GroupLevel.familjecentral]


LUGNVIK_GROUPS = (
    "governance:\n  steering_group:\n    name: Styrgrupp för familjecentralerna i Östersunds kommun",
    "governance:\n  groups:\n  - level: kommun\n    name: Styrgrupp för familjecentralerna i Östersunds kommun",
)


def test_a_shipped_pack_renders_the_same_text_from_the_general_list(tmp_path: Path) -> None:
    """Lugnvik's two shorthands written as governance.groups give the same agreement and
    coordinator agreement, word for word: the templates ask the model for the groups."""
    listed = edited(
        "lugnvik", LUGNVIK_GROUPS,
        ("  management_group:\n    name: Ledningsgrupp", "  - level: familjecentral\n    name: Ledningsgrupp"),
    )
    path = tmp_path / "lugnvik" / "centre.yaml"
    path.parent.mkdir()
    path.write_text(listed, encoding="utf-8")
    for document in ("agreement", "coordinator"):
        assert _render_md(tmp_path, document, path) == _render_md(tmp_path, document, EXAMPLES / "lugnvik" / "centre.yaml")


def test_the_meetings_finding_names_the_centre_s_own_group_at_its_place(tmp_path: Path) -> None:
    text = edited("lugnvik", LUGNVIK_GROUPS,
                  ("  management_group:\n    name: Ledningsgrupp", "  - level: familjecentral\n    name: Ledningsgrupp"),
                  ("    meetings_per_year: 6", "    meetings_per_year: 2"))
    checked = _checked(tmp_path, "lugnvik", text)
    assert [d.as_text() for d in checked.diagnostics] == [
        "lugnvik/centre.yaml:108:24: warning: governance.groups[1].meetings_per_year: ledningsgruppen möts "
        "2 gånger per år; regionens riktlinje rekommenderar minst 4 – ändra meetings_per_year till 4 eller "
        "fler [meetings]"
    ]


def test_a_group_with_an_id_that_another_group_has_already(tmp_path: Path) -> None:
    text = SOLBACKEN.read_text(encoding="utf-8").replace("    - id: ledningsgrupp\n", "    - id: lansgrupp\n")
    text = text.replace("pack: ../../mallar/vanerdal", f"pack: {REPO / 'mallar' / 'vanerdal'}")
    checked = _checked(tmp_path, "solbacken", text)
    assert [d.as_text() for d in checked.diagnostics] == [
        "solbacken/centre.yaml:121:11: error: governance.groups[2].id: id 'lansgrupp' används redan av "
        "governance.groups[0] – ge varje grupp ett eget id [duplicate-id]",
    ]


def test_group_word_whole_names_the_group_in_a_sentence() -> None:
    assert group_word("Styrgrupp för familjecentralerna i Norrvik", whole=True) == (
        "styrgruppen för familjecentralerna i Norrvik"
    )
    assert group_word("Ledningsgrupp/styrgrupp", whole=True) == "ledningsgruppen/styrgruppen"
    assert group_word("Regionalt samverkansråd", whole=True) == "Regionalt samverkansråd"
    assert group_word("Styrgrupp för familjecentralerna i Norrvik") == "styrgruppen"


# ---- the term ---------------------------------------------------------------------------------

EXTENSION = (
    "  extension:\n    max_months: 12\n    decided_by: genom skriftlig överenskommelse mellan parterna\n"
    "    decide_months_before_end: 6\n"
)


def test_a_fixed_term_with_an_extension_in_each_shipped_pack(tmp_path: Path) -> None:
    sentence = ("Avtalet kan förlängas med högst tolv månader genom skriftlig överenskommelse mellan parterna; "
                "beslut om förlängning fattas senast sex månader före avtalstidens slut.")
    cases = {
        "lugnvik": ("  valid_from: 2026-01-01\n", "  valid_from: 2026-01-01\n  valid_until: 2028-12-31\n" + EXTENSION),
        "vivalla": ("  valid_from: 2027-01-01\n", "  valid_from: 2027-01-01\n  valid_until: 2029-12-31\n" + EXTENSION),
        "rud": ("  notice_months: 6\n", "  notice_months: 6\n" + EXTENSION),
    }
    expected = {
        "lugnvik": "Avtalet gäller från och med 1 januari 2026 till och med 31 december 2028. Uppsägningstiden "
                   f"för avtalet är tolv månader. {sentence}",
        "vivalla": "Avtalet gäller från och med 1 januari 2027 till och med 31 december 2029. " + sentence
                   + " Respektive huvudman kan årligen, före juni månads utgång initiera omprövning eller "
                   "uppsägning av avtal. Om uppsägning sker bör ansvaret kvarstå året ut.",
        "rud": "Avtalet gäller från och med 1 januari 2026 till och med 31 december 2028. Uppsägningstiden för "
               f"avtalet är sex månader. {sentence}",
    }
    for example, change in cases.items():
        path = tmp_path / example / "centre.yaml"
        path.parent.mkdir()
        path.write_text(edited(example, change), encoding="utf-8")
        text = _render_md(tmp_path, "agreement", path)
        # a paragraph's sentences stand one per line in the Markdown (a soft break, a space in Word)
        paragraphs = re.sub(r"(?<=\S)\n(?=[^\n#|:\-])", " ", text).splitlines()
        assert expected[example] in paragraphs, example


def test_a_fixed_term_s_deadlines_follow_its_extension() -> None:
    year = centre_year(check_centre(SOLBACKEN), 2028)
    assert [(e.key, e.start, e.title) for e in year.events if e.deadline and e.key.startswith("agreement")] == [
        ("agreement-notice", D(2028, 6, 30), "Sista dag att besluta om förlängning av samverkansavtalet"),
        ("agreement-end", D(2028, 12, 31), "Samverkansavtalet löper ut"),
    ]
    details = {e.key: e.details for e in year.events}
    assert details["agreement-end"] == (
        "Samverkansavtalet gäller till och med 31 december 2028; uppsägningstiden är 6 månader; det kan "
        "förlängas med högst 24 månader."
    )
    # the coordinator agreement's deadlines name the centre's own group, not "Huvudmännen"
    assert {e.responsible for e in year.events if e.key.startswith("coordinator")} == {
        "Ledningsgrupp för Familjecentralen Solbacken"
    }


def test_no_notice_deadline_where_the_pack_s_text_has_no_notice_period(tmp_path: Path) -> None:
    """Örebro's text has no notice period (issue 12, point 1): a fixed term ends, no notice is assumed."""
    checked = _checked(tmp_path, "vivalla", edited("vivalla", ("  valid_from: 2027-01-01\n",
                                                               "  valid_from: 2027-01-01\n  valid_until: 2028-12-31\n")))
    year = centre_year(checked, 2028)
    assert [e.key for e in year.events if e.deadline and e.key.startswith("agreement")] == [
        "agreement-review", "agreement-end",
    ]
    # Jämtland's text has twelve months (pack rules.notice_months): an agreement without its own still gets them
    checked = _checked(tmp_path, "lugnvik", edited("lugnvik", ("  valid_from: 2026-01-01\n  notice_months: 12\n",
                                                               "  valid_from: 2026-01-01\n  valid_until: 2028-12-31\n")))
    notice = [e for e in centre_year(checked, 2027).events if e.key == "agreement-notice"]
    assert [(e.start, e.details) for e in notice] == [
        (D(2027, 12, 31), "Samverkansavtalet gäller till och med 31 december 2028; uppsägningstiden är 12 månader."),
    ]


# ---- parties that are committees ---------------------------------------------------------------


def test_a_committee_acts_for_its_kommun_with_the_kommun_s_number() -> None:
    data = _model(SOLBACKEN)
    bun = data.principal("bun")
    assert (bun.name, bun.short_name, bun.legal_name, bun.legal_organisation_number, bun.organisation_number) == (
        "Barn- och utbildningsnämnden", "BUN", "Norrviks kommun", "212000-9903", None,
    )
    assert data.party_name("hsn") == "Hälso- och sjukvårdsnämnden"


def test_a_committee_s_own_number_is_not_asked_for_but_the_legal_body_s_is(tmp_path: Path) -> None:
    text = HAMNEN.read_text(encoding="utf-8").replace(
        "pack: ../../mallar/vanerdal", f"pack: {REPO / 'mallar' / 'vanerdal'}")
    text = text.replace("      organisation_number: 232100-9900\n", "      organisation_number: <fyll i>\n")
    checked = _checked(tmp_path, "hamnen", text)
    assert [d.as_text() for d in checked.diagnostics] == [
        "hamnen/centre.yaml:23:28: error: principals[0].acting_for.organisation_number: är inte ifylld (står som "
        "<fyll i>) – den juridiska personens organisationsnummer, tio siffror, t.ex. '212000-0142' [not-filled]",
    ]


def test_a_committee_s_legal_body_number_is_checked(tmp_path: Path) -> None:
    text = HAMNEN.read_text(encoding="utf-8").replace(
        "pack: ../../mallar/vanerdal", f"pack: {REPO / 'mallar' / 'vanerdal'}")
    text = text.replace("      organisation_number: 232100-9900\n", "      organisation_number: 232100-9901\n")
    checked = _checked(tmp_path, "hamnen", text)
    assert [d.as_text() for d in checked.diagnostics] == [
        "hamnen/centre.yaml:23:28: error: principals[0].acting_for.organisation_number: '232100-9901' är inget "
        "giltigt organisationsnummer (kontrollsiffran, den sista siffran, stämmer inte) – skriv av numret igen "
        "från Bolagsverket eller Region Vänerdals webbplats [org-number]",
    ]


# ---- economy ----------------------------------------------------------------------------------


def test_payments_and_the_joint_budget_as_rows() -> None:
    solbacken, hamnen = _model(SOLBACKEN), _model(HAMNEN)
    assert GLOBALS["payment_rows"](solbacken) == [
        ["Hälso- och sjukvårdsnämnden", "Barn- och utbildningsnämnden", "hälften av samordnarens lönekostnad",
         "260\u00a0000\u00a0kr"],
        ["Socialnämnden", "Barn- och utbildningsnämnden", "en fjärdedel av samordnarens lönekostnad",
         "130\u00a0000\u00a0kr"],
    ]
    assert GLOBALS["budget_rows"](solbacken)[-1] == ["Summa", "264\u00a0000\u00a0kr"]
    # Solbacken's budget follows the cost split; Hamnen's has its own
    assert GLOBALS["budget_share_rows"](solbacken) == [
        ["Hälso- och sjukvårdsnämnden", "50\u00a0%", "132\u00a0000\u00a0kr"],
        ["Barn- och utbildningsnämnden", "25\u00a0%", "66\u00a0000\u00a0kr"],
        ["Socialnämnden", "25\u00a0%", "66\u00a0000\u00a0kr"],
    ]
    assert GLOBALS["budget_share_rows"](hamnen) == [
        ["Hälso- och sjukvårdsnämnden", "20\u00a0%", "10\u00a0000\u00a0kr"],
        ["Barn- och utbildningsnämnden", "40\u00a0%", "20\u00a0000\u00a0kr"],
        ["Socialnämnden", "40\u00a0%", "20\u00a0000\u00a0kr"],
    ]
    assert hamnen.economy.payment_schedule.interval_words == "halvårsvis"


def test_wrong_types_in_the_new_structures(tmp_path: Path) -> None:
    text = HAMNEN.read_text(encoding="utf-8").replace(
        "pack: ../../mallar/vanerdal", f"pack: {REPO / 'mallar' / 'vanerdal'}")
    text = text.replace("amount_sek: 132000,", "amount_sek: mycket,").replace("interval: halvar", "interval: vecka")
    text = text.replace("    base_year: 2026\n", "    base_year: 1890\n")
    checked = _checked(tmp_path, "hamnen", text)
    assert [d.as_text() for d in checked.diagnostics] == [
        "hamnen/centre.yaml:117:43: error: economy.payments[0].amount_sek: ska vara ett heltal, t.ex. 4 (nu: "
        "'mycket') – belopp i kronor per år, t.ex. 150000 [type]",
        "hamnen/centre.yaml:121:16: error: economy.indexation.base_year: 1890 är utanför det tillåtna – värdet ska "
        "vara minst 2000 [type]",
        "hamnen/centre.yaml:123:15: error: economy.payment_schedule.interval: 'vecka' är inte tillåtet – skriv ett av: "
        "'manad', 'kvartal', 'halvar', 'ar' [type]",
    ]


# ---- fc diff's summary ------------------------------------------------------------------------


def test_the_summary_names_listed_groups_by_their_name_and_the_new_economy(tmp_path: Path) -> None:
    text = SOLBACKEN.read_text(encoding="utf-8").replace(
        "pack: ../../mallar/vanerdal", f"pack: {REPO / 'mallar' / 'vanerdal'}")
    old = _checked(tmp_path, "old", text).model
    text = text.replace("      meetings_per_year: 6\n", "      meetings_per_year: 8\n")
    text = text.replace("      members: [bmm, bvc, oppen-forskola, socialtjanst]\n",
                        "      members: [bmm, bvc, oppen-forskola]\n")
    text = text.replace("    max_months: 24\n", "    max_months: 12\n")
    text = text.replace("    base_year: 2026\n", "    base_year: 2027\n")
    checked = _checked(tmp_path, "solbacken", text)
    assert checked.model is not None
    assert summarize(old, checked.model) == [
        "Lämnar Ledningsgrupp för Familjecentralen Solbacken: Lina Persson, Enhetschef (Förebyggande socialtjänst "
        "Solbacken)",
        "Möten per år för Ledningsgrupp för Familjecentralen Solbacken: 6 → 8",
        "Indexeringens basår: 2026 → 2027",
        "Längsta förlängning: 24 → 12 månader",
    ]


# ---- the scaffold -----------------------------------------------------------------------------


def test_a_scaffold_from_the_example_pack_has_the_new_structures(tmp_path: Path) -> None:
    import json
    import shutil

    import jsonschema
    from ruamel.yaml import YAML

    shutil.copytree(REPO / "mallar", tmp_path / "mallar")
    result = run_fc("new-centre", "norrvik/ny", "--name", "Familjecentralen Ny", "--municipality", "Norrvik",
                    "--pack", "mallar/vanerdal", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout + result.stderr
    centre = tmp_path / "norrvik" / "ny" / "centre.yaml"
    data = YAML(typ="safe").load(centre.read_text(encoding="utf-8"))
    # a committee has no organisation number of its own: the scaffold asks for the kommun's
    assert [(p["id"], p["organisation_number"], p["acting_for"]) for p in data["principals"]] == [
        ("hsn", None, {"name": "Region Vänerdal", "organisation_number": "232100-9900"}),
        ("bun", None, {"name": "Norrviks kommun", "organisation_number": "<fyll i>"}),
        ("sn", None, {"name": "Norrviks kommun", "organisation_number": "<fyll i>"}),
    ]
    assert [(g["id"], g["level"], g["reports_to"]) for g in data["governance"]["groups"]] == [
        ("regional", "region", None), ("styrgrupp", "kommun", "regional"), ("ledningsgrupp", "familjecentral", "styrgrupp"),
    ]
    assert data["agreement"]["extension"] == {
        "max_months": 24, "decided_by": "genom beslut i styrgruppen", "decide_months_before_end": 6,
    }
    # the file names the pack's two documents, and its first line points an editor at the pack's own
    # schema, written beside it: it accepts the scaffold as an editor reads it (dates as text,
    # <fyll i> where allowed) and completes the pack's fields
    assert centre.read_text(encoding="utf-8").splitlines()[:3] == [
        "# yaml-language-server: $schema=schemas/centre.vanerdal.schema.json",
        "# Familjecentral – underlag för samverkansavtal och samordnaravtal. Ersätt varje <fyll i> och",
        "# kontrollera med 'fc validate'.",
    ]
    assert data["fields"] == {"lokal_yta": None, "lokalkostnad_per_kvm": None, "enkat_ansvarig": "<fyll i>"}
    schema = json.loads((centre.parent / "schemas" / "centre.vanerdal.schema.json").read_text(encoding="utf-8"))
    own = schema["properties"]["fields"]["properties"]
    assert sorted(own) == ["enkat_ansvarig", "lokal_yta", "lokalkostnad_per_kvm"]
    assert own["lokal_yta"]["description"].startswith("De gemensamma lokalernas yta")
    yaml12 = YAML(typ="safe")
    yaml12.version = (1, 2)
    yaml12.constructor.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: node.value)
    editor = yaml12.load(centre.read_text(encoding="utf-8"))
    assert [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(editor)] == []
    editor["fields"]["lokal_yta"] = "stor"  # and it catches what fc validate catches
    assert [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(editor)] != []
    found = run_fc("validate", str(centre)).stdout
    assert "principals[1].acting_for.organisation_number: är inte ifylld" in found
    assert "principals[1].organisation_number" not in found


def test_the_summary_names_a_group_that_comes_or_goes(tmp_path: Path) -> None:
    text = SOLBACKEN.read_text(encoding="utf-8").replace(
        "pack: ../../mallar/vanerdal", f"pack: {REPO / 'mallar' / 'vanerdal'}")
    full = _checked(tmp_path, "full", text).model
    start, end = text.index("    - id: lansgrupp\n"), text.index("    - id: styrgrupp\n")
    without = _checked(tmp_path, "without", (text[:start] + text[end:]).replace("      reports_to: lansgrupp\n", "")).model
    assert summarize(without, full) == ["Ny grupp: Länsgrupp för familjecentraler i Vänerdal"]
    assert summarize(full, without) == ["Gruppen utgår: Länsgrupp för familjecentraler i Vänerdal"]


def test_a_shipped_pack_gives_a_committee_its_legal_body_s_number(tmp_path: Path) -> None:
    committee = ("    name: Örebro kommun\n    organisation_number: 212000-1850\n",
                 "    name: Kommunstyrelsen\n    acting_for: {name: Örebro kommun, organisation_number: 212000-1850}\n")
    path = tmp_path / "vivalla" / "centre.yaml"
    path.parent.mkdir()
    path.write_text(edited("vivalla", committee), encoding="utf-8")
    checked = check_centre(path)
    assert checked.diagnostics == []
    rows = [line for line in _render_md(tmp_path, "agreement", path).splitlines() if "| Kommunstyrelsen |" in line]
    assert rows[0] == "| Öppna förskolan Vivalla | Kommunstyrelsen | 212000-1850 |"
    lugnvik = tmp_path / "lugnvik" / "centre.yaml"
    lugnvik.parent.mkdir()
    lugnvik.write_text(edited("lugnvik", (
        "    name: Östersunds kommun\n    organisation_number: 212000-2411\n",
        "    name: Barn- och utbildningsnämnden\n    acting_for: {name: Östersunds kommun, organisation_number: "
        "212000-2411}\n")), encoding="utf-8")
    text = _render_md(tmp_path, "agreement", lugnvik).splitlines()
    assert ("Huvudmän är Region Jämtland Härjedalen (organisationsnummer 232100-0198) och Östersunds kommun "
            "(organisationsnummer 212000-2411).") in text
    assert text[0] == "# Samverkansavtal för Familjecentralen Lugnvik i Östersunds kommun"  # the kommun, not the nämnd


def test_groups_that_report_to_each_other_in_a_ring(tmp_path: Path) -> None:
    text = SOLBACKEN.read_text(encoding="utf-8").replace(
        "pack: ../../mallar/vanerdal", f"pack: {REPO / 'mallar' / 'vanerdal'}")
    text = text.replace("      meetings_per_year: 2\n", "      meetings_per_year: 2\n      reports_to: ledningsgrupp\n", 1)
    checked = _checked(tmp_path, "solbacken", text)
    ring = "– den översta gruppen har ingen reports_to; ta bort den där [reference]"
    assert [d.as_text() for d in checked.diagnostics] == [
        "solbacken/centre.yaml:108:19: error: governance.groups[0].reports_to: grupperna rapporterar till varandra i "
        f"en ring (lansgrupp → ledningsgrupp → styrgrupp → lansgrupp) {ring}",
    ]
