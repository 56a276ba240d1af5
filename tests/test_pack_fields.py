"""A pack's own fields (fc_cli/pack_fields.py, fc_cli/check/fields.py): declared in pack.yaml, filled
in under `fields:` in centre.yaml, checked, scaffolded, in the JSON Schema and in the templates.

The test pack tests/fixtures/pack-fields/pack declares a field of every type; its centre file fills
each in. Every bad input has its exact message at its FILE:LINE:COL.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from helpers import FIXTURES, run_fc

PACK_FIELDS = FIXTURES / "pack-fields"


def centre_with(tmp_path: Path, old: str = "", new: str = "") -> Path:
    """A copy of the test centre and its pack in *tmp_path*, with *old* replaced by *new* in centre.yaml."""
    shutil.copytree(PACK_FIELDS, tmp_path, dirs_exist_ok=True)
    centre = tmp_path / "centre.yaml"
    text = centre.read_text(encoding="utf-8")
    assert old in text, old
    centre.write_text(text.replace(old, new, 1), encoding="utf-8")
    return centre


def pack_with(tmp_path: Path, fields: str) -> Path:
    """The test centre with a pack whose `fields:` section is *fields* (the rest of the centre's fields removed)."""
    centre = centre_with(tmp_path)
    text = centre.read_text(encoding="utf-8")
    centre.write_text(text[: text.index("fields:\n")], encoding="utf-8")
    pack = tmp_path / "pack" / "pack.yaml"
    config = pack.read_text(encoding="utf-8")
    head = "".join(line for line in config[: config.index("fields:\n")].splitlines(keepends=True)
                   if not line.startswith("#"))
    pack.write_text(head + fields, encoding="utf-8")
    (tmp_path / "pack" / "agreement.md.j2").write_text("# Samverkansavtal\n", encoding="utf-8")
    return centre


def validate_lines(centre: Path) -> list[str]:
    result = run_fc("validate", centre.name, cwd=centre.parent)
    return result.stdout.splitlines()[:-1]


def test_a_centre_that_fills_in_every_type_validates_and_renders(tmp_path: Path) -> None:
    centre = centre_with(tmp_path)
    assert run_fc("validate", "centre.yaml", cwd=tmp_path).stdout == "1 fil kontrollerad: 0 fel, 0 varningar\n"
    result = run_fc("render", "agreement", "centre.yaml", "--format", "md", "-o", "out", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "samverkansavtal-familjecentralen-vivalla.md").read_text(encoding="utf-8")
    assert text == (
        "# Samverkansavtal – Familjecentralen Vivalla\n\n"
        "Lokal: Vivallahuset. Syfte: Att samla stödet till familjer. Att nå fler.\n"
        "Träffar: 6 per termin, 2,5 timmar var. Bidrag: 120\u00a0000\u00a0kr. Regionens andel: 40\u00a0%.\n\n"
        "Invigning: 1 februari 2027. Tolk: ja. Form: egen.\n\n"
        "- Planeringsdag 10 januari 2027\n- Planeringsdag 15 augusti 2027\n\n"
        "Kontakt: Kim Berg (Barnavårdscentralen Vivalla). Hyresgäst: Örebro kommun.\n\n"
        "- Nycklar: oppen-forskola\n- Hyran: region\n"
    ), text
    assert centre.is_file()


def test_defaults_stand_for_what_the_centre_leaves_out(tmp_path: Path) -> None:
    centre = centre_with(tmp_path, "  traffar: 6\n", "")
    centre.write_text(centre.read_text(encoding="utf-8").replace("  tolk: true\n  form: egen\n", ""), encoding="utf-8")
    assert validate_lines(centre) == []
    run_fc("render", "agreement", "centre.yaml", "--format", "md", "-o", "out", cwd=tmp_path)
    text = (tmp_path / "out" / "samverkansavtal-familjecentralen-vivalla.md").read_text(encoding="utf-8")
    assert "Träffar: 4 per termin" in text
    assert "Tolk: nej. Form: delad." in text


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  lokal: Vivallahuset", "  lokal: [a, b]",
         "centre.yaml:62:10: error: fields.lokal: ska vara text – lokalens namn [type]"),
        ("  lokal: Vivallahuset", '  lokal: "rad ett\\nrad två"',
         "centre.yaml:62:10: error: fields.lokal: ska stå på en rad – ta bort radbrytningarna [type]"),
        ("  traffar: 6", "  traffar: 30",
         "centre.yaml:66:12: error: fields.traffar: 30 är utanför det tillåtna – värdet ska vara högst 20 [type]"),
        ("  traffar: 6", "  traffar: 2.5",
         "centre.yaml:66:12: error: fields.traffar: ska vara ett heltal utan decimaler, t.ex. 4 (nu: 2.5) – öppna "
         "träffar per termin [type]"),
        ("  timmar: 2.5", "  timmar: 2,5",
         "centre.yaml:67:11: error: fields.timmar: '2,5' ska vara ett tal – skriv decimaltal med punkt, t.ex. 2.5 [type]"),
        ("  timmar: 2.5", "  timmar: 0.25",
         "centre.yaml:67:11: error: fields.timmar: 0.25 är utanför det tillåtna – värdet ska vara minst 0.5 [type]"),
        ("  bidrag: 120000", "  bidrag: -5",
         "centre.yaml:68:11: error: fields.bidrag: -5 är utanför det tillåtna – värdet ska vara minst 0 [type]"),
        ("  bidrag: 120000", "  bidrag: 120 000 kr",
         "centre.yaml:68:11: error: fields.bidrag: ska vara ett heltal, t.ex. 4 (nu: '120 000 kr') – kommunens årliga "
         "bidrag [type]"),
        ("  andel: 40", "  andel: 140",
         "centre.yaml:69:10: error: fields.andel: 140 är utanför det tillåtna – värdet ska vara högst 100 [type]"),
        ("  invigning: 2027-02-01", "  invigning: 2027-02-30",
         "centre.yaml:70:14: error: fields.invigning: '2027-02-30' är inget riktigt datum – kontrollera dag och månad "
         "(ÅÅÅÅ-MM-DD) [type]"),
        ("  tolk: true", "  tolk: 1",
         "centre.yaml:71:9: error: fields.tolk: ska vara true eller false (nu: 1) – true om tolk finns på plats [type]"),
        ("  form: egen", "  form: egna",
         "centre.yaml:72:9: error: fields.form: 'egna' är inte tillåtet – skriv ett av: 'egen', 'delad', 'växelvis' "
         "[type]"),
        ("  dagar: [2027-01-10, 2027-08-15]", "  dagar: 2027-01-10",
         "centre.yaml:73:10: error: fields.dagar: ska vara en lista (rader som börjar med '- ') (nu: 2027-01-10) [type]"),
        ("  dagar: [2027-01-10, 2027-08-15]", "  dagar: [2027-01-10, idag]",
         "centre.yaml:73:23: error: fields.dagar[1]: ska vara ett datum skrivet ÅÅÅÅ-MM-DD, t.ex. 2027-01-01 (nu: "
         "'idag') – gemensamma planeringsdagar [type]"),
        ("    namn: Kim Berg", "    nam: Kim Berg",
         "centre.yaml:75:5: error: fields.kontakt.nam: okänd nyckel 'nam' – menade du 'namn'? tillåtna nycklar här "
         "är: namn, verksamhet [unknown-key]"),
        ("  lokal: Vivallahuset", "  lokall: Vivallahuset",
         "centre.yaml:62:3: error: fields.lokall: okänd nyckel 'lokall' – menade du 'lokal'? tillåtna nycklar här "
         "är: lokal, syfte, traffar, timmar, bidrag, andel, invigning, tolk, form, dagar, kontakt, hyresgast, ansvar "
         "[unknown-key]"),
        ("    - vad: Hyran\n", "    - vd: Hyran\n",
         "centre.yaml:81:7: error: fields.ansvar[1].vd: okänd nyckel 'vd' – menade du 'vad'? tillåtna nycklar här "
         "är: vad, vem [unknown-key]"),
        ("  lokal: Vivallahuset\n", "",
         "centre.yaml:62:3: error: fields.lokal: saknas – lägg till 'lokal' (lokalens namn) [missing]"),
        ("    verksamhet: bvc", "    verksamhet: bvx",
         "centre.yaml:76:17: error: fields.kontakt.verksamhet: 'bvx' finns inte bland verksamheterna under services "
         "– menade du 'bvc'? skriv ett av: bmm, bvc, oppen-forskola, socialtjanst [reference]"),
        ("  hyresgast: kommun", "  hyresgast: bvc",
         "centre.yaml:77:14: error: fields.hyresgast: 'bvc' finns inte bland huvudmännen under principals – skriv "
         "ett av: region, kommun [reference]"),
        ("      vem: region", "      vem: regionen",
         "centre.yaml:82:12: error: fields.ansvar[1].vem: 'regionen' finns inte bland verksamheterna under services "
         "eller huvudmännen under principals – menade du 'region'? skriv ett av: bmm, bvc, oppen-forskola, "
         "socialtjanst, region, kommun [reference]"),
        ("  lokal: Vivallahuset", "  lokal: <fyll i>",
         "centre.yaml:62:10: error: fields.lokal: är inte ifylld (står som <fyll i>) – lokalens namn [not-filled]"),
        ("  bidrag: 120000", "  bidrag: <fyll i>",
         "centre.yaml:68:11: error: fields.bidrag: är inte ifylld (står som <fyll i>) – kommunens årliga bidrag "
         "[not-filled]"),
        ("    namn: Kim Berg", "    namn: null",
         "centre.yaml:75:5: error: fields.kontakt.namn: är inte ifylld – kontaktens namn [not-filled]"),
    ],
)
def test_each_mistake_in_a_field_is_said_where_it_stands(tmp_path: Path, old: str, new: str, expected: str) -> None:
    centre = centre_with(tmp_path, old, new)
    assert validate_lines(centre) == [expected]
    result = run_fc("render", "agreement", "centre.yaml", "-o", "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert not (tmp_path / "out").exists()


def test_a_field_left_to_fill_in_is_a_placeholder_in_a_draft(tmp_path: Path) -> None:
    centre_with(tmp_path, "  bidrag: 120000", "  bidrag: <fyll i>")
    refused = run_fc("render", "agreement", "centre.yaml", "-o", "out", cwd=tmp_path)
    assert refused.stderr.endswith(
        "error: inga dokument skrevs – rätta felen ovan, eller rendera ett utkast med --draft där uppgifter saknas\n"
    )
    result = run_fc("render", "agreement", "centre.yaml", "--draft", "--format", "md", "-o", "out", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "samverkansavtal-familjecentralen-vivalla.md").read_text(encoding="utf-8")
    assert "Bidrag: [\\[fyll i: Kommunens årliga bidrag\\]]{.placeholder}." in text


def test_a_group_left_out_is_its_fields_defaults(tmp_path: Path) -> None:
    centre = centre_with(tmp_path, "  kontakt:\n    namn: Kim Berg\n    verksamhet: bvc\n", "")
    assert validate_lines(centre) == [
        "centre.yaml:62:3: error: fields.kontakt.namn: är inte ifylld – kontaktens namn [not-filled]",
    ]
    result = run_fc("render", "agreement", "centre.yaml", "--draft", "--format", "md", "-o", "out", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "samverkansavtal-familjecentralen-vivalla.md").read_text(encoding="utf-8")
    assert "Kontakt: [\\[fyll i: Kontaktens namn\\]]{.placeholder}. Hyresgäst" in text


def test_the_fields_of_a_file_that_does_not_validate_are_still_checked(tmp_path: Path) -> None:
    centre = centre_with(tmp_path, "  tolk: true", "  tolk: kanske")
    text = centre.read_text(encoding="utf-8").replace("  kind: familjecentral\n", "  kind: <fyll i>\n", 1)
    centre.write_text(text, encoding="utf-8")
    assert validate_lines(centre) == [
        "centre.yaml:6:9: error: centre.kind: är inte ifylld (står som <fyll i>) – 'familjecentral' (alla fyra "
        "basverksamheter samlokaliserade) eller 'familjecentralsliknande' (minst barnhälsovård och öppen förskola "
        "och/eller förebyggande socialtjänst) [not-filled]",
        "centre.yaml:71:9: error: fields.tolk: ska vara true eller false (nu: 'kanske') – true om tolk finns på plats "
        "[type]",
    ]


def test_a_file_without_the_fields_its_pack_requires(tmp_path: Path) -> None:
    centre = centre_with(tmp_path)
    centre.write_text(centre.read_text(encoding="utf-8").split("fields:\n")[0], encoding="utf-8")
    assert validate_lines(centre) == [
        "centre.yaml:1:1: error: fields: saknas – mallpaketet 'egna-falt' har egna fält som ska stå i filen: lägg "
        "till 'fields:' med lokal (se kommentarerna i en ny fil från fc new-centre) [missing]",
    ]


def test_fields_for_a_pack_that_declares_none(tmp_path: Path) -> None:
    centre = centre_with(tmp_path, "pack: ./pack", "pack: orebro")
    assert validate_lines(centre) == [
        "centre.yaml:61:1: error: fields: mallpaketet 'orebro' har inga egna fält – ta bort 'fields' (ett mallpaket "
        "deklarerar sina fält under fields i pack.yaml, se templates/README.md) [unknown-key]",
    ]


# ---- declarations in pack.yaml ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("declaration", "expected"),
    [
        ("  bidrag: {type: amout, description: x}\n",
         "8:18: error: fields.bidrag.type: okänd typ 'amout' – menade du 'amount'? typerna är: text, multiline, "
         "integer, decimal, amount, percent, date, boolean, choice, list, group, service, principal, party"),
        ("  bidrag: {type: integer, description: x, default: abc}\n",
         "8:52: error: fields.bidrag.default: standardvärdet 'abc' passar inte typen integer: ska vara ett heltal, "
         "t.ex. 4 (nu: 'abc')"),
        ("  bidrag: {type: date, description: x, default: 2027-13-01}\n",
         "8:49: error: fields.bidrag.default: standardvärdet '2027-13-01' passar inte typen date: '2027-13-01' är "
         "inget riktigt datum – kontrollera dag och månad (ÅÅÅÅ-MM-DD)"),
        ("  bidrag: {type: percent, description: x, default: 120}\n",
         "8:52: error: fields.bidrag.default: standardvärdet 120 passar inte typen percent: 120 är utanför det "
         "tillåtna – värdet ska vara högst 100"),
        ("  bidrag: {type: integer, description: x, min: 10, max: 5}\n",
         "8:57: error: fields.bidrag.max: min (10) är större än max (5) – byt plats på dem"),
        ("  bidrag: {type: choice, description: x, choices: [a, b], default: c}\n",
         "8:68: error: fields.bidrag.default: standardvärdet 'c' passar inte typen choice: 'c' är inte tillåtet – "
         "skriv ett av: 'a', 'b'"),
        ("  bidrag: {type: choice, description: x}\n",
         "8:11: error: fields.bidrag.choices: en choice behöver sina värden – lägg till choices: [värde, värde]"),
        ("  bidrag: {type: choice, description: x, choices: [a, a]}\n",
         "8:51: error: fields.bidrag.choices: värdet 'a' står två gånger under choices – ta bort det ena"),
        ("  bidrag: {type: text, description: x, unit: kr}\n",
         "8:46: error: fields.bidrag.unit: unit gäller bara tal (integer, decimal, amount, percent), inte typen text "
         "– ta bort den"),
        ("  bidrag: {type: list, description: x}\n",
         "8:11: error: fields.bidrag.item: en lista behöver typen för sina rader – lägg till item: {type: text, "
         "description: …}"),
        ("  bidrag: {type: group, description: x}\n",
         "8:11: error: fields.bidrag.fields: en grupp behöver sina fält – lägg till fields: med minst ett fält"),
        ("  bidrag: {type: text, description: x, need: yes}\n",
         "8:46: error: fields.bidrag.need: 'yes' är inte tillåtet – skriv ett av: 'required', 'final', 'optional'"),
        ("  bidrag: {type: text, description: x, need: required, default: a}\n",
         "8:65: error: fields.bidrag.default: ett fält med need: required har inget standardvärde – ta bort "
         "default, eller skriv need: optional"),
        ("  bidrag: {type: text, descripton: x}\n",
         "8:24: error: fields.bidrag.descripton: okänd nyckel 'descripton' – menade du 'description'? tillåtna "
         "nycklar här är: type, description, need, unit, min, max, choices, item, fields, default"),
        ("  Bidrag: {type: text, description: x}\n",
         "8:3: error: fields.Bidrag: fältnamnet 'Bidrag' går inte att använda i en mall – skriv det med små "
         "bokstäver a–z, siffror och _ (börja med en bokstav, inga å, ä, ö eller -), t.ex. 'kommunens_bidrag'"),
        ("  json: {type: text, description: x}\n",
         "8:3: error: fields.json: fältnamnet 'json' är upptaget av fc – välj ett annat namn, t.ex. 'json_text'"),
        ("  bidrag:\n    type: list\n    description: x\n    item:\n      type: group\n      description: y\n"
         "      fields:\n        a: {type: nummer, description: z}\n",
         "15:19: error: fields.bidrag.item.fields.a.type: okänd typ 'nummer' – typerna är: text, multiline, integer, "
         "decimal, amount, percent, date, boolean, choice, list, group, service, principal, party"),
    ],
)
def test_a_field_declared_wrongly_is_an_error_in_pack_yaml(tmp_path: Path, declaration: str, expected: str) -> None:
    centre = pack_with(tmp_path, "fields:\n" + declaration)
    assert validate_lines(centre) == [f"pack/pack.yaml:{expected} – se templates/README.md för formatet [pack]"]
    result = run_fc("render", "agreement", "centre.yaml", "-o", "out", cwd=tmp_path)
    assert result.stderr.endswith("error: inga dokument skrevs – rätta felen ovan\n"), "no --draft for a broken pack"
    assert not (tmp_path / "out").exists()


def test_a_misspelt_required_key_of_pack_yaml_is_named(tmp_path: Path) -> None:
    centre = pack_with(tmp_path, "")
    pack = tmp_path / "pack" / "pack.yaml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("documents:", "documnets:"), encoding="utf-8")
    assert validate_lines(centre) == [
        "pack/pack.yaml:3:1: error: documnets: okänd nyckel 'documnets' – menade du 'documents'? tillåtna nycklar "
        "här är: name, region, description, documents, reference_docx, rules, scaffold, annual_wheel, references, "
        "terms, regional_agreement, coordinator_tasks, derived, fields, self_reflection – se templates/README.md för formatet [pack]",
    ]
    pack.write_text(pack.read_text(encoding="utf-8").replace("documnets:", "documents:").replace(
        "template:", "tempalte:"), encoding="utf-8")
    assert validate_lines(centre) == [
        "pack/pack.yaml:5:5: error: documents.agreement.tempalte: okänd nyckel 'tempalte' – menade du 'template'? "
        "tillåtna nycklar här är: template, title, numbered_headings – se templates/README.md för formatet [pack]",
    ]


# ---- templates ------------------------------------------------------------------------------------


def test_a_misspelt_field_in_a_template_is_said_alike_by_validate_and_render(tmp_path: Path) -> None:
    centre_with(tmp_path)
    template = tmp_path / "pack" / "agreement.md.j2"
    template.write_text("# Avtal\n\nBidrag: {{ fields.bidarg }}, kontakt {{ fields.kontakt.nman }}\n", encoding="utf-8")
    expected = [
        "pack/agreement.md.j2:3:19: error: mallen använder 'fields.bidarg', men 'bidarg' finns inte i datan – "
        "menade du 'bidrag'? fälten under fields är: lokal, syfte, traffar, timmar, bidrag, andel, invigning, tolk, "
        "form, dagar, kontakt, hyresgast, ansvar [template-name]",
        "pack/agreement.md.j2:3:56: error: mallen använder 'fields.kontakt.nman', men 'nman' finns inte i datan – "
        "menade du 'namn'? fälten under fields.kontakt är: namn, verksamhet [template-name]",
    ]
    assert validate_lines(tmp_path / "centre.yaml") == expected
    result = run_fc("render", "agreement", "centre.yaml", "-o", "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == expected[0].removesuffix(" [template-name]") + "\n"


def test_a_pack_without_fields_has_no_fields_in_its_templates(tmp_path: Path) -> None:
    centre = pack_with(tmp_path, "")
    (tmp_path / "pack" / "agreement.md.j2").write_text("# Avtal\n\n{{ fields.bidrag }}\n", encoding="utf-8")
    assert validate_lines(centre) == [
        "pack/agreement.md.j2:3:11: error: mallen använder 'fields.bidrag', men 'bidrag' finns inte i datan – "
        "kontrollera stavningen [template-name]",
    ]


# ---- the scaffold and the JSON Schema -------------------------------------------------------------


def test_new_centre_writes_the_pack_fields_with_comments_and_their_schema(tmp_path: Path) -> None:
    shutil.copytree(PACK_FIELDS / "pack", tmp_path / "pack")
    (tmp_path / ".git").mkdir()
    result = run_fc("new-centre", "ny", "--name", "Familjecentralen Ny", "--municipality", "Ort", "--pack", "./pack",
                    cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{tmp_path.resolve() / 'schemas' / 'centre.egna-falt.schema.json'}\nny/centre.yaml\n"
    text = (tmp_path / "ny" / "centre.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/centre.egna-falt.schema.json\n")
    assert not (tmp_path / "schemas" / "centre.schema.json").exists()
    # the pack has only the agreement: the sections of the other three documents are left out, and
    # its template never reads the economy
    assert [line for line in text.splitlines() if line[:1].isalpha()] == [
        "schema_version: 1", 'pack: "../pack"', "centre:", "principals:", "services:", "governance:",
        "agreement:", "fields:",
    ]
    assert text[text.index("# Mallpaketets egna fält"):] == """\
# Mallpaketets egna fält, som paketet deklarerar under fields i pack.yaml (valfritt; se
# templates/README.md).
fields:
  # Lokalens namn (en rad text; obligatoriskt).
  lokal: <fyll i>
  # Familjecentralens syfte med egna ord (text på flera rader; valfritt).
  syfte: null
  # Öppna träffar per termin (heltal, 1–20 träffar; valfritt).
  traffar: 4
  # Timmar per träff (decimaltal, 0.5–8; valfritt).
  timmar: null
  # Kommunens årliga bidrag (belopp i kronor, högst 500000; behövs i ett färdigt dokument).
  bidrag: <fyll i>
  # Regionens andel av hyran (procent; valfritt).
  andel: 50
  # Dagen då lokalen invigs (datum ÅÅÅÅ-MM-DD; valfritt).
  invigning: null
  # true om tolk finns på plats (true eller false; valfritt).
  tolk: false
  # Hur lokalen delas (ett av: egen, delad, växelvis; valfritt).
  form: delad
  # Gemensamma planeringsdagar (lista, varje rad: datum ÅÅÅÅ-MM-DD; valfritt).
  dagar: []
  # Kontakt för lokalen (grupp av fält; valfritt).
  kontakt:
    # Kontaktens namn (en rad text; behövs i ett färdigt dokument).
    namn: <fyll i>
    # Verksamheten kontakten hör till (id för en verksamhet under services; valfritt).
    verksamhet: null
  # Huvudmannen som hyr lokalen (id för en huvudman under principals; valfritt).
  hyresgast: null
  # Vem som ansvarar för vad (lista, varje rad: grupp av fält; valfritt).
  ansvar: []
"""
    # the editor's schema accepts the scaffold as it is written (placeholders included)
    import yaml

    schema = json.loads((tmp_path / "schemas" / "centre.egna-falt.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    data = yaml.safe_load(text)
    data["fields"]["invigning"] = "2027-02-01"  # YAML reads a date; JSON has text
    assert list(jsonschema.Draft7Validator(schema).iter_errors(data)) == []
    data["fields"]["form"] = "egna"
    data["fields"]["kontakt"]["nman"] = "Kim"
    errors = sorted(error.message for error in jsonschema.Draft7Validator(schema).iter_errors(data))
    assert errors == [
        "'egna' is not valid under any of the given schemas",
        "Additional properties are not allowed ('nman' was unexpected)",
    ]


def test_schema_with_pack_has_its_fields_and_without_has_any_mapping(tmp_path: Path) -> None:
    shutil.copytree(PACK_FIELDS / "pack", tmp_path / "pack")
    plain = json.loads(run_fc("schema").stdout)
    assert plain["properties"]["fields"] == {
        "additionalProperties": True,
        "description": "Mallpaketets egna fält, som paketet deklarerar under fields i pack.yaml (valfritt; se "
                       "templates/README.md).",
        "propertyNames": {"maxLength": 5000},
        "title": "Fields",
        "type": "object",
    }
    result = run_fc("schema", "--pack", "pack", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["title"] == "Familjecentral (fc) – mallpaketet egna-falt"
    own = schema["properties"]["fields"]
    assert own["required"] == ["lokal"]
    assert schema["required"][-1] == "fields"  # the pack has a required field: the file needs `fields:`
    assert "fields" not in plain["required"]
    assert own["additionalProperties"] is False
    assert own["properties"]["traffar"] == {
        "anyOf": [{"maximum": 20, "minimum": 1, "type": "integer"}, {"type": "null"},
                  {"const": "<fyll i>", "description": "Inte ifylld än: fc validate påminner om den."}],
        "default": 4,
        "description": "Öppna träffar per termin (heltal, 1–20 träffar; valfritt).",
        "title": "Traffar",
        "x-fc-type": "integer",
        "x-fc-unit": "träffar",
    }
    assert own["properties"]["form"]["anyOf"][0] == {"enum": ["egen", "delad", "växelvis"], "type": "string"}
    written = tmp_path / "s.json"
    assert run_fc("schema", "--pack", "./pack", "-o", written, cwd=tmp_path).exit_code == 0
    assert json.loads(written.read_text(encoding="utf-8")) == schema


def test_schema_for_a_pack_that_is_not_there(tmp_path: Path) -> None:
    result = run_fc("schema", "--pack", "nix", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: mallpaketet 'nix' finns inte – välj ett av jamtland, orebro, varmland, eller ange sökvägen till "
        "ett eget paket (t.ex. './mallar/mitt-lan')\n"
    )
    assert result.stdout == ""


# ---- a pack with some of the four documents --------------------------------------------------------


def test_render_all_makes_the_documents_the_pack_has_and_says_which_it_has_not(tmp_path: Path) -> None:
    centre_with(tmp_path)
    result = run_fc("render", "all", "centre.yaml", "--format", "md", "-o", "out", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == "out/samverkansavtal-familjecentralen-vivalla.md\n"
    assert result.stderr == (
        "mallpaketet 'egna-falt' har ingen mall för avsiktsförklaring, samordnaravtal eller verksamhetsberättelse "
        "– de dokumenten skrevs inte\n"
    )
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["samverkansavtal-familjecentralen-vivalla.md"]


def test_one_document_the_pack_has_not_is_an_error(tmp_path: Path) -> None:
    centre_with(tmp_path)
    result = run_fc("render", "report", "centre.yaml", "--format", "md", "-o", "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: mallpaketet 'egna-falt' har ingen mall för dokumentet 'report' – lägg till den under 'documents' "
        f"i {tmp_path.resolve() / 'pack' / 'pack.yaml'}\n"
    )
    assert not (tmp_path / "out").exists()


def test_validate_asks_only_for_the_sections_of_the_documents_the_pack_has(tmp_path: Path) -> None:
    centre = centre_with(tmp_path, "report:\n  year: 2026\n", "report:\n  year: null\n")
    text = centre.read_text(encoding="utf-8").replace("  start: 2027-01-01\n", "  start: <fyll i>\n", 1)
    centre.write_text(text, encoding="utf-8")
    assert validate_lines(centre) == []  # no report and no coordinator in this pack
    template = tmp_path / "pack" / "agreement.md.j2"  # a template that reads the coordinator asks for it
    template.write_text(template.read_text(encoding="utf-8") + "\nSamordnare från {{ coordinator.start | date }}.\n",
                        encoding="utf-8")
    assert validate_lines(centre) == [
        "centre.yaml:53:10: error: coordinator.start: är inte ifylld (står som <fyll i>) – datum då uppdraget "
        "börjar, ÅÅÅÅ-MM-DD [not-filled]",
    ]
    orebro = centre_with(tmp_path / "orebro", "pack: ./pack", "pack: orebro")  # a pack with the report asks for it
    text = orebro.read_text(encoding="utf-8").split("fields:\n")[0].replace("  year: 2026\n", "  year: null\n")
    orebro.write_text(text, encoding="utf-8")
    assert validate_lines(orebro) == [
        "centre.yaml:60:3: error: report.year: är inte ifylld – året som verksamhetsberättelsen gäller, t.ex. 2026 "
        "[not-filled]",
    ]


def test_a_pack_whose_templates_never_read_the_economy_does_not_ask_for_it(tmp_path: Path) -> None:
    """Issue 11 point 4: the economy is asked for only when a template reads it (or calls a helper
    that does, such as cost_share_table); without it, such a pack's centre is refused as before."""
    import shutil

    from helpers import ROOT

    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "templates" / "orebro", pack)
    config = (pack / "pack.yaml").read_text(encoding="utf-8")
    start, end = config.index("documents:\n"), config.index("  agreement:\n")
    (pack / "pack.yaml").write_text(config[:start] + config[start:end].replace("name: orebro", "name: bara-avsikt")
                                    + config[config.index("\n", config.index("title: Verksamhetsberättelse")) + 1:],
                                    encoding="utf-8")
    for name in ("agreement.md.j2", "coordinator.md.j2", "report.md.j2"):
        (pack / name).unlink()
    text = (ROOT / "examples" / "vivalla" / "centre.yaml").read_text(encoding="utf-8")
    without = text[: text.index("\neconomy:")] + text[text.index("\nagreement:"):]
    (tmp_path / "centre.yaml").write_text(without.replace("pack: orebro", "pack: ./pack"), encoding="utf-8")
    assert run_fc("validate", "centre.yaml", cwd=tmp_path).stdout == "1 fil kontrollerad: 0 fel, 0 varningar\n"
    result = run_fc("render", "all", "centre.yaml", "--format", "md", "-o", "out", cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (0, "out/avsiktsforklaring-familjecentralen-vivalla.md\n"), result.output

    (pack / "intent.md.j2").write_text("# Avsiktsförklaring\n\n{{ cost_share_table(data) }}\n", encoding="utf-8")
    refused = run_fc("validate", "centre.yaml", cwd=tmp_path)
    assert (refused.exit_code, refused.stdout) == (1, (
        "centre.yaml:1:1: error: economy: saknas – lägg till 'economy' (ekonomi: hur gemensamma kostnader fördelas) "
        "[missing]\n1 fil kontrollerad: 1 fel, 0 varningar\n"))
