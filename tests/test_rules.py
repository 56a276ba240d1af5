"""The domain rules of `fc validate` (fc_cli/check/rules/), one small fixture per rule.

Every file in tests/fixtures/rules/ except valid.yaml is a copy of valid.yaml (a short Vivalla)
with one thing broken; its first line says what. Each must produce exactly the findings below
(file, line, column, key, message and code) and nothing else, so a fixture breaks only its rule.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from fc_cli.check import rules
from fc_cli.codes import CODES
from fc_cli.model import CentreFile
from fc_cli.packs import PackRules, list_shipped_packs
from fc_cli.templating import lint

from helpers import FIXTURES, run_fc

RULES_DIR = FIXTURES / "rules"

#: fixture → (the one code it breaks, the exact findings `fc validate FIXTURE.yaml` prints).
EXPECTED: dict[str, tuple[str, list[str]]] = {
    "administration-principal": ("administration-principal", [
        "administration-principal.yaml:43:21: error: services[3].administration: förvaltningen 'primarvard' hör till Region Örebro län (principal: region), men verksamheten tillhör Örebro kommun (principal: kommun) – ändra administration till en av Örebro kommuns förvaltningar (social), eller principal till 'region' [administration-principal]",
    ]),
    "age-range": ("age-range", [
        'age-range.yaml:12:39: error: centre.target_group.age_to: den högsta åldern (0 år) är lägre än den lägsta (age_from: 6 år) – byt plats på värdena [age-range]',
    ]),
    "coordinator-employer": ("coordinator-employer", [
        "coordinator-employer.yaml:52:13: error: coordinator.employer: 'kommun' är en huvudman, men samordnaren anställs av en verksamhet – skriv id för den verksamhet som är arbetsgivare (verksamheter under kommun: oppen-forskola, socialtjanst) [coordinator-employer]",
    ]),
    "coordinator-fte": ("coordinator-fte", [
        'coordinator-fte.yaml:53:8: warning: coordinator.fte: samordnaruppdraget är 0,75 årsarbetare; regionens riktlinje rekommenderar 0,25–0,50 årsarbetare – ändra fte, eller låt värdet stå om parterna har kommit överens om en annan omfattning [coordinator-fte]',
    ]),
    "coordinator-term": ("coordinator-term", [
        'coordinator-term.yaml:54:10: warning: coordinator.start: samordnaruppdraget börjar (2026-08-01) innan samverkansavtalet börjar gälla (2027-01-01) – flytta start till avtalets första dag eller senare, eller kontrollera agreement.valid_from [coordinator-term]',
    ]),
    "copies": ("copies", [
        'copies.yaml:60:11: warning: agreement.copies: avtalet upprättas i 3 exemplar, men 4 personer skriver under och var och en ska ha ett original – ändra copies till 4, eller ta bort copies [copies]',
    ]),
    "cost-model": ("cost-model", [
        "cost-model.yaml:56:15: warning: economy.cost_model: regionens avtalstext fördelar kostnaderna som 'lika_per_huvudman', men här står 'egen_fordelning' – ändra cost_model, eller låt värdet stå om parterna har kommit överens om en annan fördelning [cost-model]",
    ]),
    "cost-party": ("cost-party", [
        "cost-party.yaml:45:9: warning: services[4].id: Vivalla bibliotek ingår inte i Styrgrupp och är därför en annan samverkansaktör, som inte skriver under och inte bär kostnader – lägg till den under governance.steering_group.members om den är part i familjecentralen, eller sätt signs: false [cost-party]",
    ]),
    "regional-agreement": ("regional-agreement", [
        "regional-agreement.yaml:57:1: warning: agreement: avtalet i mallpaketet 'framework' utgår från Region Tests och kommunernas överenskommelse, men paketet har inte dess datum – regionen fyller i regional_agreement (title, date) i paketets pack.yaml, eller skriv överenskommelsens titel och datum under agreement.regional_agreement; till dess nämner avtalet den inte [regional-agreement]",
    ]),
    "cost-shares-rotation": ("cost-shares", [
        "cost-shares-rotation.yaml:56:3: error: economy.rotation: cost_model är 'turordning' men rotation är tom – lista verksamheternas id i den ordning de bär kostnaden, t.ex. rotation: [bmm, bvc, oppen-forskola, socialtjanst] [cost-shares]",
    ]),
    "cost-shares": ("cost-shares", [
        'cost-shares.yaml:58:5: error: economy.shares: andelarna blir 90 % tillsammans – justera percent så att summan blir 100 % [cost-shares]',
    ]),
    "cost-unused": ("cost-unused", [
        "cost-unused.yaml:57:13: warning: economy.rotation: rotation används bara när cost_model är 'turordning' (nu: 'lika_per_huvudman') – ta bort rotation eller ändra cost_model [cost-unused]",
    ]),
    "date-order": ("date-order", [
        'date-order.yaml:55:8: error: coordinator.end: samordnaruppdraget slutar (2026-06-30) innan det börjar (2027-01-01, start) – rätta något av datumen, eller ta bort end om uppdraget gäller tills vidare [date-order]',
    ]),
    "date-range": ("date-range", [
        'date-range.yaml:60:34: error: agreement.signing.date: året 2206 i 2206-12-15 är troligen ett skrivfel – rätta datumet (ÅÅÅÅ-MM-DD, mellan 1990 och 2100) [date-range]',
    ]),
    "duplicate-id": ("duplicate-id", [
        "duplicate-id.yaml:17:66: error: principals[0].administrations[1].id: id 'primarvard' används redan av administrations[0] hos Region Örebro län – ge varje förvaltning ett eget id [duplicate-id]",
        "duplicate-id.yaml:29:9: error: services[1].id: id 'bmm' används redan av services[0] – ge varje huvudman och verksamhet ett eget id [duplicate-id]",
    ]),
    "duplicate-member": ("duplicate-member", [
        "duplicate-member.yaml:48:55: error: governance.steering_group.members[4]: 'bvc' står redan tidigare i listan (på plats 2) – ta bort dubbletten [duplicate-member]",
    ]),
    "group-members": ("group-members", [
        'group-members.yaml:52:5: warning: governance.management_group.members: Ledningsgrupp har inga medlemmar – lista under members id för de verksamheter vars chefer ingår (t.ex. [bmm, bvc, oppen-forskola, socialtjanst]) [group-members]',
    ]),
    "kind-all-services": ("kind-all-services", [
        "kind-all-services.yaml:7:9: warning: centre.kind: alla fyra basverksamheterna finns under services – ändra kind till 'familjecentral' [kind-all-services]",
    ]),
    "kind-services-fclv": ("kind-services", [
        'kind-services-fclv.yaml:7:9: error: centre.kind: en familjecentralsliknande verksamhet har minst barnhälsovård och öppen förskola och/eller förebyggande socialtjänst, men barnhälsovård (BVC) saknas – lägg till en verksamhet med type: barnhalsovard under services [kind-services]',
    ]),
    "kind-services": ("kind-services", [
        "kind-services.yaml:7:9: error: centre.kind: en familjecentral har alla fyra basverksamheterna, men barnmorskemottagning (mödrahälsovård) saknas – lägg till en verksamhet med type: barnmorskemottagning under services, eller ändra kind till 'familjecentralsliknande' [kind-services]",
    ]),
    "meetings": ("meetings", [
        'meetings.yaml:49:24: warning: governance.steering_group.meetings_per_year: styrgruppen möts 2 gånger per år; regionens riktlinje rekommenderar minst 4 – ändra meetings_per_year till 4 eller fler [meetings]',
    ]),
    "missing": ("missing", [
        "missing.yaml:6:3: error: centre.municipality: saknas – lägg till 'municipality' (kommunens namn utan ordet 'kommun', t.ex. 'Örebro') [missing]",
    ]),
    "not-filled": ("not-filled", [
        'not-filled.yaml:51:9: error: coordinator.name: är inte ifylld (står som <fyll i>) – samordnarens namn [not-filled]',
    ]),
    "notice-coordinator": ("notice", [
        'notice-coordinator.yaml:51:3: error: coordinator.notice_months: uppsägningstiden (3 månader) är längre än samordnaruppdraget (2 månader, 2027-01-01–2027-02-28) – korta uppsägningstiden, eller ta bort end om uppdraget gäller tills vidare [notice]',
    ]),
    "notice-missing": ("notice-missing", [
        'notice-missing.yaml:59:18: warning: agreement.notice_months: avtalet har ingen uppsägningstid (0 månader) – ange hur många månaders uppsägningstid som gäller, t.ex. 12 [notice-missing]',
    ]),
    "notice-standard": ("notice-standard", [
        'notice-standard.yaml:59:18: warning: agreement.notice_months: regionens text har 12 månaders uppsägningstid för avtalet, men här står 6 – ändra notice_months till 12, eller låt värdet stå om parterna har kommit överens om en annan tid [notice-standard]',
    ]),
    "notice": ("notice", [
        'notice.yaml:61:18: error: agreement.notice_months: uppsägningstiden (12 månader) är längre än avtalets giltighetstid (6 månader, 2027-01-01–2027-06-30) – korta uppsägningstiden, eller ta bort valid_until om avtalet gäller tills vidare [notice]',
    ]),
    "org-number-duplicate": ("org-number-duplicate", [
        'org-number-duplicate.yaml:21:26: error: principals[1].organisation_number: samma organisationsnummer som principals[0] (Region Örebro län) – en huvudman står bara en gång; lägg dess förvaltningar under administrations [org-number-duplicate]',
    ]),
    "org-number-kind": ("org-number-kind", [
        "org-number-kind.yaml:21:26: warning: principals[1].organisation_number: en kommuns organisationsnummer börjar med 212000-, men '556016-0680' gör det inte – kontrollera att det är huvudmannens nummer och inte en förvaltnings, ett bolags eller ett förbunds [org-number-kind]",
    ]),
    "org-number-personal": ("org-number", [
        "org-number-personal.yaml:16:26: error: principals[0].organisation_number: '121212-1212' är ett personnummer, inte ett organisationsnummer (tredje siffran är 1; i ett organisationsnummer är den minst 2) – skriv huvudmannens organisationsnummer [org-number]",
    ]),
    "org-number": ("org-number", [
        "org-number.yaml:21:26: error: principals[1].organisation_number: '212000-1851' är inget giltigt organisationsnummer (kontrollsiffran, den sista siffran, stämmer inte) – skriv av numret igen från Bolagsverket eller Örebro kommuns webbplats [org-number]",
    ]),
    "pack": ("pack", [
        "pack.yaml:4:7: error: pack: mallpaketet 'skane' finns inte – välj ett av jamtland, orebro, varmland, eller ange sökvägen till ett eget paket (t.ex. './mallar/mitt-lan') [pack]",
    ]),
    "principal-without-services": ("principal-without-services", [
        'principal-without-services.yaml:23:9: warning: principals[2].id: Samordningsförbundet Örebro har ingen verksamhet under services (ingen har principal: forbund) – lägg till dess verksamheter eller ta bort huvudmannen [principal-without-services]',
    ]),
    "principal-kinds": ("principal-kinds", [
        "principal-kinds.yaml:12:1: error: principals: ingen huvudman har kind: region – avtalstexterna bygger på en region som huvudman; sätt kind: region på den huvudmannen (kind: annan är för ytterligare huvudmän, t.ex. en privat vårdgivare) [principal-kinds]",
    ]),
    "reference": ("reference", [
        "reference.yaml:37:16: error: services[2].principal: 'komun' finns inte bland huvudmännen under principals – menade du 'kommun'? skriv ett av: region, kommun [reference]",
        "reference.yaml:48:20: error: governance.steering_group.members[1]: 'bvcc' finns inte bland verksamheterna under services – menade du 'bvc'? skriv ett av: bmm, bvc, oppen-forskola, socialtjanst [reference]",
    ]),
    "service-principal": ("service-principal", [
        'service-principal.yaml:32:16: warning: services[1].principal: barnhälsovård (BVC) drivs av regionen, men Barnavårdscentralen Vivalla står under Örebro kommun (kind: kommun) – kontrollera principal (en privat vårdgivare läggs in som huvudman med kind: annan) [service-principal]',
    ]),
    "signatory": ("signatory", [
        'signatory.yaml:18:5: error: principals[1]: ingen skriver under för Örebro kommun – sätt signs: true på någon av dess verksamheter eller lägg till signatory [signatory]',
    ]),
    "template-include": ("template-include", [
        "pack-template-include/agreement.md.j2:3:13: error: mallen tar med 'underskrifter.md.j2', som inte finns i mallpaketets mapp – en mall kan bara ta med (include/import/extends) filer i sitt eget paket; ange sökvägen relativt paketets mapp, där pack.yaml ligger [template-include]",
    ]),
    "template-name": ("template-name", [
        "pack-template-name/agreement.md.j2:1:33: error: mallen använder 'centre.nme', men 'nme' finns inte i datan – menade du 'name'? fälten under centre är: name, kind, municipality, region, healthcare_area, visiting_address, target_group, catchment_area [template-name]",
        "pack-template-name/agreement.md.j2:3:13: error: mallen använder namnet 'servics', som inte finns – menade du 'services'? namnen från datan är: agreement, centre, coordinator, data, document_title, draft, economy, fields, governance, intent, kommun_name, municipality_principal, pack, principals, region_name, region_principal, report, results, schema_version, services [template-name]",
        "pack-template-name/agreement.md.j2:7:44: error: filtret 'orgnr' finns inte – fc:s filter är agreed_tasks, counted, date, decimal, fte, genitive, group_word, indefinite, join, kr, month, percent, plural_of, words (och Jinjas inbyggda, t.ex. default, length, upper) [template-name]",
        "pack-template-name/agreement.md.j2:7:69: error: mallen använder 'p.signatory.titel', men 'titel' finns inte i datan – menade du 'title'? fälten under p.signatory är: name, title, email, phone [template-name]",
    ]),
    "template-syntax": ("template-syntax", [
        'pack-template-syntax/agreement.md.j2:5:1: error: {% endif %} står där {% for %}-blocket ovanför inte är stängt – stäng det först med {% endfor %}, eller rätta taggen [template-syntax]',
    ]),
    "template-unsafe": ("template-unsafe", [
        "pack-template-unsafe/agreement.md.j2:3:11: error: mallen försöker nå '__class__', en intern del av Python som mallar inte får använda – ta bort det och använd bara fälten i datan (se fc schema) [template-unsafe]",
    ]),
    "type": ("type", [
        "type.yaml:53:8: error: coordinator.fte: '0,5' ska vara ett tal – skriv decimaltal med punkt, t.ex. 0.5 [type]",
    ]),
    "unknown-key": ("unknown-key", [
        "unknown-key.yaml:11:3: error: centre.catchment_aera: okänd nyckel 'catchment_aera' – menade du 'catchment_area'? tillåtna nycklar här är: name, kind, municipality, region, healthcare_area, visiting_address, target_group, catchment_area [unknown-key]",
    ]),
    "term-extension": ("term-extension", [
        'term-extension.yaml:60:3: error: agreement.extension: avtalet gäller tills vidare (ingen valid_until), och ett avtal utan slutdatum kan inte förlängas – skriv avtalets sista giltighetsdag under valid_until, eller ta bort extension [term-extension]',
    ]),
    "date-order-agreement": ("date-order", [
        'date-order-agreement.yaml:59:16: error: agreement.valid_until: avtalet slutar gälla (2026-12-31) innan det börjar gälla (2027-01-01, valid_from) – rätta något av datumen, eller ta bort valid_until om avtalet gäller tills vidare [date-order]',
    ]),
    "acting-for": ("acting-for", [
        'acting-for.yaml:22:26: error: principals[1].organisation_number: Socialnämnden är part för Örebro kommun (acting_for), och numret är Örebro kommuns – flytta organisation_number till acting_for.organisation_number [acting-for]',
    ]),
    "group-members-groups": ("group-members", [
        'group-members-groups.yaml:51:7: warning: governance.groups[0].members: Länsövergripande samverkansgrupp har inga medlemmar – lista under other_members de personer som ingår (name och title), och under members id för de verksamheter vars chefer ingår, om några gör det [group-members]',
    ]),
    "reference-groups": ("reference", [
        "reference-groups.yaml:50:17: error: governance.steering_group.reports_to: 'kommungrupp' finns inte bland grupperna under governance (id) – menade du 'kommungruppen'? skriv ett av: kommungruppen [reference]",
        "reference-groups.yaml:55:22: error: governance.groups[0].members[1]: 'socialtjenst' finns inte bland verksamheterna under services – menade du 'socialtjanst'? skriv ett av: bmm, bvc, oppen-forskola, socialtjanst [reference]",
        "reference-groups.yaml:65:15: error: economy.payments[0].payer: 'regoin' finns inte bland huvudmännen och verksamheterna – menade du 'region'? skriv ett av: region, kommun, bmm, bvc, oppen-forskola, socialtjanst [reference]",
        "reference-groups.yaml:68:51: error: economy.joint_budget.split[1].party: 'komun' finns inte bland huvudmännen och verksamheterna – menade du 'kommun'? skriv ett av: region, kommun, bmm, bvc, oppen-forskola, socialtjanst [reference]",
    ]),
    "cost-shares-budget": ("cost-shares", [
        'cost-shares-budget.yaml:61:12: error: economy.joint_budget.split: den gemensamma budgetens andelar blir 90 % tillsammans – justera percent så att summan blir 100 %, eller ta bort split om budgeten fördelas som kostnaderna i övrigt [cost-shares]',
    ]),
    "type-groups": ("type", [
        "type-groups.yaml:48:12: error: governance.steering_group.level: 'landsting' är inte tillåtet – skriv ett av: 'region', 'kommun', 'omrade', 'familjecentral' [type]",
    ]),
    "task": ("task", [
        "task.yaml:55:19: error: coordinator.dropped_tasks[0]: 'barnrattsombod' är ingen arbetsuppgift i mallpaketet 'jamtland-test' – menade du 'barnrattsombud'? skriv ett av: barnrattsombud, overlamning [task]",
        "task.yaml:55:48: error: coordinator.dropped_tasks[2]: arbetsuppgiften 'overlamning' står två gånger – ta bort den ena [task]",
    ]),
    "yaml": ("yaml", [
        "yaml.yaml:8:3: error: nyckeln 'kind' står två gånger (första gången på rad 7) – ta bort eller byt namn på den ena [yaml]",
    ]),
}


def validate(*args: str):
    return run_fc("validate", *args, cwd=RULES_DIR)


def test_the_base_fixture_is_valid() -> None:
    result = validate("valid.yaml")
    assert result.stdout == "1 fil kontrollerad: 0 fel, 0 varningar\n"
    assert result.exit_code == 0


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_fixture_breaks_only_its_rule(name: str) -> None:
    code, expected = EXPECTED[name]
    result = validate(f"{name}.yaml")
    lines = result.stdout.splitlines()
    assert lines[:-1] == expected
    errors = sum(": error: " in line for line in expected)
    warnings = len(expected) - errors
    assert lines[-1] == (
        f"1 fil kontrollerad: {errors} fel, {warnings} {'varning' if warnings == 1 else 'varningar'}"
    )
    assert result.exit_code == (1 if errors else 0)
    assert {re.search(r"\[([a-z-]+)\]$", line).group(1) for line in expected} == {code}


def test_every_code_has_a_fixture_and_its_documented_severity() -> None:
    """Every code of the registry (fc_cli/codes.py) is produced by a fixture, with its severity."""
    tested = {code for code, _ in EXPECTED.values()}
    # reference-external, -styles and -header need a .docx: tests/test_reference_docx.py builds each and
    # checks the warning's exact message and severity (no binary fixture is kept in the repository)
    # the results codes need a results file beside a centre file: tests/test_results_files.py
    # checks each one's exact message and severity
    results = {"results-scale", "results-missing", "survey-answers", "survey-file"}
    assert tested == set(CODES) - {"reference-external", "reference-styles", "reference-header"} - results
    for code, lines in EXPECTED.values():
        for line in lines:
            assert f": {CODES[code].severity}: " in line, line


def test_every_fixture_is_listed_and_starts_by_saying_what_it_breaks() -> None:
    fixtures = {p.stem for p in RULES_DIR.glob("*.yaml")} - {"valid"}
    assert fixtures == set(EXPECTED)
    for name in fixtures:
        first = (RULES_DIR / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# Regeltest: "), name


def test_strict_turns_warnings_into_errors() -> None:
    result = validate("--strict", "coordinator-fte.yaml")
    assert result.stdout.splitlines() == [
        EXPECTED["coordinator-fte"][1][0].replace(": warning: ", ": error: "),
        "1 fil kontrollerad: 1 fel, 0 varningar",
    ]
    assert result.exit_code == 1


def test_all_findings_of_a_file_are_reported_in_file_order(tmp_path: Path) -> None:
    text = (RULES_DIR / "valid.yaml").read_text(encoding="utf-8")
    for old, new in (("212000-1850", "212000-1851"), ("  fte: 0.5\n", "  fte: 0.75\n"),
                     ("  employer: socialtjanst", "  employer: kommun"),
                     ("  kind: familjecentral\n", "  kind: familjecentralsliknande\n")):
        text = text.replace(old, new)
    (tmp_path / "centre.yaml").write_text(text, encoding="utf-8")
    result = run_fc("validate", "centre.yaml", cwd=tmp_path)
    found = [(line.split(":")[1], re.search(r"\[([a-z-]+)\]$", line).group(1)) for line in result.stdout.splitlines()[:-1]]
    assert found == [("7", "kind-all-services"), ("21", "org-number"), ("52", "coordinator-employer"),
                     ("53", "coordinator-fte")]
    assert result.stdout.splitlines()[-1] == "1 fil kontrollerad: 2 fel, 2 varningar"


# ---- edges of the rules, on the model directly ----------------------------------------------


def base() -> dict:
    from fc_cli.load import load_yaml_file

    return load_yaml_file(RULES_DIR / "valid.yaml").data


def codes_of(data: dict, pack_rules: PackRules | None = None) -> list[str]:
    model = CentreFile.model_validate(data)
    return [i.code for i in rules.run_rules(model, pack_rules or PackRules())]


def test_luhn_accepts_real_organisation_numbers_and_rejects_a_changed_digit() -> None:
    for number in ("2321000164", "2120001850", "2321000198", "2120000803"):
        assert rules.luhn_ok(number)
        assert not rules.luhn_ok(number[:-1] + str((int(number[-1]) + 1) % 10))


def test_an_organisation_number_written_without_dash_or_quotes_is_checked_too() -> None:
    data = base()
    data["principals"][1]["organisation_number"] = 2120001851
    assert codes_of(data) == ["org-number"]
    data["principals"][1]["organisation_number"] = "2120001850"
    assert codes_of(data) == []


def test_the_fte_bounds_of_the_pack_are_inclusive() -> None:
    orebro = PackRules(coordinator_fte_min=0.25, coordinator_fte_max=0.5)
    data = base()
    for fte, expected in ((0.25, []), (0.5, []), (0.24, ["coordinator-fte"]), (0.51, ["coordinator-fte"])):
        data["coordinator"]["fte"] = fte
        assert codes_of(data, orebro) == expected, fte
    data["coordinator"]["fte"] = 0.1
    assert codes_of(data, PackRules(coordinator_fte_min=0.25)) == ["coordinator-fte"]
    assert codes_of(data, PackRules()) == []


def test_shares_of_a_third_each_add_up() -> None:
    data = base()
    data["economy"] = {"cost_model": "egen_fordelning", "shares": [
        {"party": "region", "percent": 33.33}, {"party": "oppen-forskola", "percent": 33.33},
        {"party": "socialtjanst", "percent": 33.34}]}
    assert codes_of(data) == []
    data["economy"]["shares"][2]["percent"] = 33.33
    issue = [i for i in rules.run_rules(CentreFile.model_validate(data), PackRules())][0]
    assert issue.message == "andelarna blir 99,99 % tillsammans – justera percent så att summan blir 100 %"


def test_a_notice_as_long_as_the_whole_term_is_allowed() -> None:
    data = base()
    data["agreement"]["valid_until"] = dt.date(2027, 12, 31)  # twelve whole months
    data["coordinator"]["end"] = dt.date(2027, 12, 31)
    assert codes_of(data) == []
    data["agreement"]["valid_until"] = data["coordinator"]["end"] = dt.date(2027, 12, 30)
    assert codes_of(data) == ["notice"]


def test_a_coordinator_without_end_under_a_fixed_term_agreement_is_warned_about() -> None:
    data = base()
    data["agreement"]["valid_until"] = dt.date(2029, 12, 31)
    model = CentreFile.model_validate(data)
    issues = rules.run_rules(model, PackRules())
    assert [(i.code, i.path, i.message) for i in issues] == [(
        "coordinator-term", ("coordinator", "end"),
        "samordnaruppdraget gäller tills vidare, men samverkansavtalet slutar gälla 2029-12-31 – sätt "
        "coordinator.end till 2029-12-31 eller tidigare",
    )]


def test_a_manager_who_signs_for_two_services_needs_one_copy() -> None:
    data = base()
    data["services"][1]["manager"] = dict(data["services"][0]["manager"])
    data["agreement"]["copies"] = 3
    assert codes_of(data) == []
    data["agreement"]["copies"] = 2
    assert codes_of(data) == ["copies"]


def test_rules_say_nothing_about_values_not_filled_in_yet() -> None:
    data = base()
    data["principals"][0]["organisation_number"] = None
    data["coordinator"].update(fte=None, start=None, employer=None)
    data["agreement"]["valid_from"] = None
    data["governance"]["steering_group"]["meetings_per_year"] = None
    data["services"][0]["manager"]["name"] = None
    data["agreement"]["copies"] = 1
    jamtland = PackRules(steering_group_min_meetings=4, coordinator_fte_min=0.25)
    assert codes_of(data, jamtland) == []


def test_a_private_provider_may_run_child_health_care() -> None:
    data = base()
    data["principals"].append({"id": "privat", "kind": "annan", "name": "Vårdbolaget AB",
                               "organisation_number": "556016-0680"})
    data["services"][1]["principal"] = "privat"
    assert codes_of(data) == []


def test_a_group_member_or_rotation_that_names_a_principal_says_so() -> None:
    data = base()
    data["governance"]["steering_group"]["members"][0] = "region"
    issue = rules.run_rules(CentreFile.model_validate(data), PackRules())[0]
    assert (issue.code, issue.message) == (
        "reference",
        "'region' är en huvudman, men här ska det stå en verksamhet – skriv id för verksamheten under "
        "services (verksamheter under region: bmm, bvc)",
    )


def test_the_shipped_packs_carry_their_regions_rules() -> None:
    packs = {p.name: p.config.rules for p in list_shipped_packs()}
    # Örebro's agreement: "Samordnaruppdraget rekommenderas omfatta 0,25 - 0,50 årsarbetare"
    assert (packs["orebro"].coordinator_fte_min, packs["orebro"].coordinator_fte_max) == (0.25, 0.5)
    # Jämtland's guideline: "Styrgruppen rekommenderas mötas minst fyra gånger per år"
    assert packs["jamtland"].steering_group_min_meetings == 4


def test_a_centre_of_the_jamtland_pack_gets_the_meetings_warning(tmp_path: Path) -> None:
    text = (RULES_DIR / "valid.yaml").read_text(encoding="utf-8")
    text = text.replace("pack: orebro\n", "pack: jamtland\n").replace("meetings_per_year: 4", "meetings_per_year: 3")
    (tmp_path / "centre.yaml").write_text(text, encoding="utf-8")
    result = run_fc("validate", "centre.yaml", cwd=tmp_path)
    assert (
        "centre.yaml:49:24: warning: governance.steering_group.meetings_per_year: styrgruppen möts 3 gånger "
        "per år; regionens riktlinje rekommenderar minst 4 – ändra meetings_per_year till 4 eller fler "
        "[meetings]"
    ) in result.stdout.splitlines()


# ---- the template linter --------------------------------------------------------------------


def test_the_shipped_packs_lint_clean() -> None:
    for pack in list_shipped_packs():
        assert lint.lint_pack(pack) == [], pack.name


def write_pack(folder: Path, templates: dict[str, str]) -> None:
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(
        "name: egen\nregion: Region Test\ndocuments:\n  agreement:\n    template: agreement.md.j2\n"
        "    title: Samverkansavtal\n",
        encoding="utf-8",
    )
    for name, text in templates.items():
        (folder / name).write_text(text, encoding="utf-8")


def lint_folder(folder: Path) -> list[str]:
    from fc_cli.packs import load_pack_folder

    return [d.as_text() for d in lint.lint_pack(load_pack_folder(folder), lambda p: p.name)]


def test_the_linter_follows_includes_and_knows_loops_macros_and_helpers(tmp_path: Path) -> None:
    write_pack(tmp_path / "p", {
        "agreement.md.j2": (
            "{% import 'macros.md.j2' as m %}\n"
            "{% for s in services %}{{ loop.index }}. {{ s.manager.name }} {{ m.person(s.manager) }}\n"
            "{% endfor %}\n"
            "{% for r in cost_shares(data) %}{{ r.percent | percent }}{% endfor %}\n"
            "{% set p = data.principal('x') %}{{ p.name if p }} {{ region_principal.signatory.title }}\n"
            "{% include 'signing.md.j2' %}\n"
        ),
        "macros.md.j2": "{% macro person(who) %}{{ who.anything }}{% endmacro %}\n",
        "signing.md.j2": "{{ agreement.signing.plce }}\n",
    })
    assert lint_folder(tmp_path / "p") == [
        "signing.md.j2:1:22: error: mallen använder 'agreement.signing.plce', men 'plce' finns inte i "
        "datan – menade du 'place'? fälten under agreement.signing är: place, date [template-name]",
    ]


def test_a_loop_variable_is_gone_after_its_loop(tmp_path: Path) -> None:
    write_pack(tmp_path / "p", {"agreement.md.j2": "{% for s in services %}{{ s.name }}{% endfor %}\n{{ s.name }}\n"})
    assert lint_folder(tmp_path / "p") == [
        "agreement.md.j2:2:4: error: mallen använder namnet 's', som inte finns – namnen från datan är: "
        "agreement, centre, coordinator, data, document_title, draft, economy, fields, governance, intent, "
        "kommun_name, municipality_principal, pack, principals, region_name, region_principal, report, results, schema_version, services "
        "[template-name]",
    ]


def test_a_list_used_as_one_value_is_explained(tmp_path: Path) -> None:
    write_pack(tmp_path / "p", {"agreement.md.j2": "Parter: {{ principals.name }}\n"})
    assert lint_folder(tmp_path / "p") == [
        "agreement.md.j2:1:23: error: 'principals' är en lista och har inget 'name' – gå igenom den med "
        "{% for x in principals %} och skriv x.name [template-name]",
    ]


def _with_other_actor(data: dict) -> dict:
    data["principals"][1]["administrations"].append({"id": "kultur", "name": "Kulturförvaltningen"})
    data["services"].append({"id": "bibliotek", "type": "bibliotek", "name": "Vivalla bibliotek",
                             "principal": "kommun", "administration": "kultur", "signs": False,
                             "manager": {"name": "Jonas Åberg", "title": "Bibliotekschef"}})
    return data


def test_an_other_actor_that_neither_pays_nor_signs_is_consistent() -> None:
    assert codes_of(_with_other_actor(base())) == []


def test_an_other_actor_with_a_cost_share_or_a_turn_is_a_warning() -> None:
    data = _with_other_actor(base())
    data["economy"] = {"cost_model": "egen_fordelning", "shares": [
        {"party": "region", "percent": 50}, {"party": "kommun", "percent": 40}, {"party": "bibliotek", "percent": 10}]}
    model = CentreFile.model_validate(data)
    found = [(i.path, i.code) for i in rules.run_rules(model, PackRules())]
    assert found == [(("economy", "shares", 2, "party"), "cost-party")]
    data["economy"] = {"cost_model": "turordning", "rotation": ["bvc", "bibliotek"]}
    model = CentreFile.model_validate(data)
    issues = rules.run_rules(model, PackRules())
    assert [(i.path, i.code) for i in issues] == [(("economy", "rotation", 1), "cost-party")]
    assert issues[0].message == (
        "Vivalla bibliotek bär samordnarens kostnad i turordningen men ingår inte i Styrgrupp – lägg till "
        "den under governance.steering_group.members om den är part i familjecentralen, annars ta bort den "
        "ur rotation"
    )


def test_the_centres_own_group_is_the_ledningsgrupp_when_there_are_two() -> None:
    data = _with_other_actor(base())
    data["services"][-1]["signs"] = True
    data["governance"]["management_group"] = {
        "name": "Ledningsgrupp", "members": ["bmm", "bvc", "oppen-forskola", "socialtjanst", "bibliotek"],
        "meetings_per_year": 6}
    assert codes_of(data) == []


def test_only_parties_share_the_costs_equally() -> None:
    from fc_cli.economy import cost_shares

    model = CentreFile.model_validate(_with_other_actor(base()))
    assert [(r.party, round(r.percent, 2)) for r in cost_shares(model)] == [
        ("Barnmorskemottagningen Vivalla", 25.0), ("Barnavårdscentralen Vivalla", 25.0),
        ("Öppna förskolan Vivalla", 25.0), ("Förebyggande socialtjänst Vivalla", 25.0)]


def test_the_meeting_recommendation_is_for_the_centres_own_group() -> None:
    jamtland = PackRules(steering_group_min_meetings=4)
    data = base()
    data["governance"]["management_group"] = {
        "name": "Ledningsgrupp för Familjecentralen Vivalla", "members": ["bmm", "bvc", "oppen-forskola", "socialtjanst"],
        "meetings_per_year": 6}
    data["governance"]["steering_group"]["meetings_per_year"] = 2  # the municipality-wide styrgrupp
    assert codes_of(data, jamtland) == []
    data["governance"]["management_group"]["meetings_per_year"] = 1
    issues = rules.run_rules(CentreFile.model_validate(data), jamtland)
    assert [(i.path, i.message) for i in issues] == [(
        ("governance", "management_group", "meetings_per_year"),
        "ledningsgruppen möts 1 gång per år; regionens riktlinje rekommenderar minst 4 – ändra "
        "meetings_per_year till 4 eller fler",
    )]
