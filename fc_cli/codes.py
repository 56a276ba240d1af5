"""Every finding code fc reports: the one registry.

Each code has its severity, the stage that reports it, whether a `--draft` render may go ahead
with it, and what it means (in Swedish, as users read it). The rules and the linter report codes
from here (an :class:`~fc_cli.diagnostics.Issue` takes its severity from here), the table in
CODES.md is generated from it (``python -m fc_cli.codes``; tests/test_codes.py fails when it is
stale), and the tests check that every code has a fixture that produces it.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Code:
    code: str
    severity: str
    #: Who reports it: file (the YAML), schema, fill-in, rule (domain rules), pack, template (linter).
    stage: str
    #: True when `fc render --draft` may render a centre that has it: the data is incomplete or
    #: inconsistent, not malformed, and the templates can still follow every reference.
    draft: bool
    meaning: str


REGISTRY: tuple[Code, ...] = (
    Code("yaml", ERROR, "file", False,
         "filen går inte att läsa som YAML (syntax, kodning, tabbar, dubbla nycklar, en tom fil …)"),
    Code("missing", ERROR, "schema", False, "ett obligatoriskt fält saknas"),
    Code("unknown-key", ERROR, "schema", False, "en nyckel som inte finns i formatet (ofta ett stavfel)"),
    Code("type", ERROR, "schema", False, "ett värde har fel typ eller är inget av de tillåtna värdena"),
    Code("not-filled", ERROR, "fill-in", True,
         "ett fält som dokumenten behöver är inte ifyllt (tomt eller `<fyll i>`)"),
    Code("pack", ERROR, "pack", False,
         "mallpaketet har ett fel: pack.yaml, en fil det nämner eller referensdokumentet"),
    Code("reference-external", WARNING, "pack", False,
         "referensdokumentet länkar ut ur sig självt (en webbadress, en fil, en bifogad mall, ett "
         "INCLUDEPICTURE-fält): fc tar inte med länken i dokumenten"),
    Code("reference-styles", WARNING, "pack", False,
         "referensdokumentet saknar formatmallar som fc använder (rubriker, listor, tabeller): fc skriver de "
         "styckena i Normal"),
    Code("reference-header", WARNING, "pack", False,
         "referensdokumentet är sparat från ett dokument som fc skrivit och dess sidhuvud eller sidfot nämner "
         "det centrumet: fc skriver varje dokuments egen rad i stället"),
    Code("org-number", ERROR, "rule", True,
         "organisationsnumret har fel kontrollsiffra (Luhn) eller är ett personnummer"),
    Code("org-number-kind", WARNING, "rule", True, "en kommun har 212000-…, en region 232100-…"),
    Code("org-number-duplicate", ERROR, "rule", True, "två huvudmän har samma organisationsnummer"),
    Code("duplicate-id", ERROR, "rule", False, "ett id används två gånger"),
    Code("reference", ERROR, "rule", False, "ett id som hänvisar till en annan del av filen finns inte där"),
    Code("administration-principal", ERROR, "rule", False, "verksamhetens förvaltning hör till en annan huvudman"),
    Code("coordinator-employer", ERROR, "rule", False,
         "samordnarens arbetsgivare ska vara en verksamhet, inte en huvudman"),
    Code("kind-services", ERROR, "rule", True,
         "kind stämmer inte med verksamheterna (familjecentral / familjecentralsliknande)"),
    Code("kind-all-services", WARNING, "rule", True,
         "en familjecentralsliknande verksamhet har alla fyra basverksamheterna"),
    Code("service-principal", WARNING, "rule", True,
         "verksamhetens slag passar inte huvudmannens (t.ex. BVC under kommunen)"),
    Code("principal-without-services", WARNING, "rule", True, "en huvudman har ingen verksamhet i familjecentralen"),
    Code("signatory", ERROR, "rule", True, "ingen skriver under för en huvudman"),
    Code("principal-kinds", ERROR, "rule", False,
         "huvudmännen saknar en region eller en kommun, som avtalstexterna bygger på"),
    Code("date-range", ERROR, "rule", True, "ett datum har ett orimligt år (skrivfel)"),
    Code("date-order", ERROR, "rule", True, "ett slutdatum ligger före eller på startdatumet"),
    Code("coordinator-term", WARNING, "rule", True,
         "samordnaruppdraget ligger utanför samverkansavtalets giltighetstid"),
    Code("age-range", ERROR, "rule", True, "målgruppens lägsta ålder är högre än den högsta"),
    Code("coordinator-fte", WARNING, "rule", True,
         "samordnarens omfattning ligger utanför regionens rekommendation (paketregel)"),
    Code("cost-shares", ERROR, "rule", True, "andelarna blir inte 100 %, eller turordningen saknas"),
    Code("cost-unused", WARNING, "rule", True, "shares eller rotation är ifyllda men används inte av cost_model"),
    Code("cost-model", WARNING, "rule", True, "kostnadsfördelningen avviker från regionens avtalstext (paketregel)"),
    Code("duplicate-member", ERROR, "rule", True, "samma verksamhet eller part står två gånger i en lista"),
    Code("group-members", WARNING, "rule", True, "en styr- eller ledningsgrupp har inga medlemmar"),
    Code("term-extension", ERROR, "rule", True,
         "ett avtal som gäller tills vidare har en förlängning (extension)"),
    Code("acting-for", ERROR, "rule", True,
         "en nämnd eller förvaltning (acting_for) har ett eget organisationsnummer, inte den juridiska personens"),
    Code("notice", ERROR, "rule", True, "uppsägningstiden är längre än avtalets eller uppdragets giltighetstid"),
    Code("notice-missing", WARNING, "rule", True, "avtalet har ingen uppsägningstid (0 månader)"),
    Code("notice-standard", WARNING, "rule", True, "uppsägningstiden avviker från regionens avtalstext (paketregel)"),
    Code("meetings", WARNING, "rule", True,
         "familjecentralens egen grupp möts mer sällan än riktlinjen rekommenderar (paketregel)"),
    Code("copies", WARNING, "rule", True, "avtalet upprättas i färre exemplar än antalet parter som skriver under"),
    Code("regional-agreement", WARNING, "rule", True,
         "mallpaketets avtal utgår från en regional överenskommelse vars titel eller datum inte är ifyllda"),
    Code("task", ERROR, "rule", True,
         "coordinator.dropped_tasks nämner en arbetsuppgift som mallpaketets lista inte har (eller en två gånger)"),
    Code("cost-party", WARNING, "rule", True,
         "en verksamhet bär kostnader eller skriver under men ingår inte i familjecentralens grupp"),
    Code("results-scale", ERROR, "rule", True,
         "ett ställningstagande i självreflektionen eller ett enkätsvar ligger utanför skalan (rapport-ÅÅÅÅ.yaml)"),
    Code("results-missing", WARNING, "rule", True,
         "ett av mallpaketets självreflektionspåståenden saknar ställningstagande i årets resultat"),
    Code("survey-answers", ERROR, "rule", True, "en fråga i föräldraenkäten har fler svar än svarande"),
    Code("survey-file", ERROR, "file", False,
         "föräldraenkätens CSV-fil går inte att läsa: kodning, avgränsare, kolumner, en rad med fel antal fält, "
         "en tom fil"),
    Code("template-syntax", ERROR, "template", False, "mallen har ett syntaxfel (Jinja)"),
    Code("template-name", ERROR, "template", False, "mallen använder ett namn, fält eller filter som inte finns"),
    Code("template-include", ERROR, "template", False, "mallen tar in en annan mall som inte finns i paketet"),
    Code("template-unsafe", ERROR, "template", False,
         "mallen använder ett namn som börjar med _ (inte tillåtet i sandlådan)"),
)

CODES: dict[str, Code] = {code.code: code for code in REGISTRY}

#: Codes a --draft render tolerates (values not filled in, and most domain rules).
DRAFT_TOLERATED = frozenset(code.code for code in REGISTRY if code.draft)


def severity_of(code: str) -> str:
    """The severity of *code* (a KeyError for a code that is not registered: a bug in fc)."""
    return CODES[code].severity


def codes_table() -> str:
    """The Markdown table of CODES.md."""
    lines = ["| kod | allvarlighet | vem som hittar den | tillåten i utkast (--draft) | vad den betyder |",
             "|---|---|---|---|---|"]
    stages = {"file": "filen", "schema": "schemat", "fill-in": "ifyllnad", "rule": "domänregel",
              "pack": "mallpaketet", "template": "mallgranskning"}
    for code in REGISTRY:
        severity = "fel" if code.severity == ERROR else "varning"
        draft = "ja" if code.draft else "nej"
        lines.append(f"| `{code.code}` | {severity} | {stages[code.stage]} | {draft} | {code.meaning} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m fc_cli.codes: the table for CODES.md
    print(codes_table(), end="")
