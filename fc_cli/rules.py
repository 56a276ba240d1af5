"""Domain rules (SPEC §6): what makes a centre file valid beyond its types.

Each rule is a function of the model (and the pack's rules) that yields :class:`Issue`s with a
stable code (listed in :data:`CODES`) and a message that says what is wrong and what to do.
Positions are added by the validator. A rule never reports a value that is still empty: that is
the job of :func:`fill_in_issues` (code ``not-filled``), so a fresh `fc new-centre` file only
gets `not-filled` findings.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterator

from . import formatting, swedish
from .diagnostics import ERROR, WARNING, Issue
from .model import BASE_SERVICES, SERVICE_NAMES, CentreFile, CentreKind, CostModel, PrincipalKind, ServiceType, empty_needed_fields
from .packs import PackConfig, PackRules

Rule = Callable[[CentreFile, PackRules], Iterator[Issue]]
RULES: list[Rule] = []

#: Every code a domain rule reports, with its severity and what it checks (documentation, tests).
CODES: dict[str, tuple[str, str]] = {
    "org-number": (ERROR, "organisationsnumret har fel kontrollsiffra (Luhn) eller är ett personnummer"),
    "org-number-kind": (WARNING, "en kommun har 212000-…, en region 232100-…"),
    "org-number-duplicate": (ERROR, "två huvudmän har samma organisationsnummer"),
    "duplicate-id": (ERROR, "ett id används två gånger"),
    "reference": (ERROR, "ett id som hänvisar till en annan del av filen finns inte där"),
    "administration-principal": (ERROR, "verksamhetens förvaltning hör till en annan huvudman"),
    "coordinator-employer": (ERROR, "samordnarens arbetsgivare ska vara en verksamhet, inte en huvudman"),
    "kind-services": (ERROR, "kind stämmer inte med verksamheterna (familjecentral / familjecentralsliknande)"),
    "kind-all-services": (WARNING, "en familjecentralsliknande verksamhet har alla fyra basverksamheterna"),
    "service-principal": (WARNING, "verksamhetens slag passar inte huvudmannens (t.ex. BVC under kommunen)"),
    "principal-without-services": (WARNING, "en huvudman har ingen verksamhet i familjecentralen"),
    "signatory": (ERROR, "ingen skriver under för en huvudman"),
    "principal-kinds": (ERROR, "huvudmännen saknar en region eller en kommun, som avtalstexterna bygger på"),
    "date-range": (ERROR, "ett datum har ett orimligt år (skrivfel)"),
    "date-order": (ERROR, "ett slutdatum ligger före eller på startdatumet"),
    "coordinator-term": (WARNING, "samordnaruppdraget ligger utanför samverkansavtalets giltighetstid"),
    "age-range": (ERROR, "målgruppens lägsta ålder är högre än den högsta"),
    "coordinator-fte": (WARNING, "samordnarens omfattning ligger utanför regionens rekommendation (paketregel)"),
    "cost-shares": (ERROR, "andelarna blir inte 100 %, eller turordningen saknas"),
    "cost-unused": (WARNING, "shares eller rotation är ifyllda men används inte av cost_model"),
    "cost-model": (WARNING, "kostnadsfördelningen avviker från regionens avtalstext (paketregel)"),
    "duplicate-member": (ERROR, "samma verksamhet eller part står två gånger i en lista"),
    "group-members": (WARNING, "en styr- eller ledningsgrupp har inga medlemmar"),
    "notice": (ERROR, "uppsägningstiden är längre än avtalets eller uppdragets giltighetstid"),
    "notice-missing": (WARNING, "avtalet har ingen uppsägningstid (0 månader)"),
    "notice-standard": (WARNING, "uppsägningstiden avviker från regionens avtalstext (paketregel)"),
    "meetings": (WARNING, "styrgruppen möts mer sällan än riktlinjen rekommenderar (paketregel)"),
    "copies": (WARNING, "avtalet upprättas i färre exemplar än antalet parter som skriver under"),
    "regional-agreement": (WARNING, "mallpaketets avtal utgår från en regional överenskommelse vars titel eller datum inte är ifyllda"),
    "cost-party": (WARNING, "en verksamhet bär kostnader eller skriver under men ingår inte i familjecentralens grupp"),
}

#: Years a date in a centre file can reasonably have; outside them a date is a typo.
FIRST_YEAR, LAST_YEAR = 1990, 2100

#: The kind of principal each base service normally has (a private provider is kind 'annan').
_USUAL_PRINCIPAL = {
    ServiceType.barnmorskemottagning: PrincipalKind.region,
    ServiceType.barnhalsovard: PrincipalKind.region,
    ServiceType.oppen_forskola: PrincipalKind.kommun,
    ServiceType.forebyggande_socialtjanst: PrincipalKind.kommun,
}
_KIND_WORD = {PrincipalKind.region: "regionen", PrincipalKind.kommun: "kommunen"}
#: Organisation numbers begin with these for municipalities and regions (Gotland is both).
_ORG_PREFIX = {PrincipalKind.kommun: ("212000",), PrincipalKind.region: ("232100", "212000")}


def rule(func: Rule) -> Rule:
    RULES.append(func)
    return func


def run_rules(model: CentreFile, pack_rules: PackRules) -> list[Issue]:
    issues: list[Issue] = []
    for check in RULES:
        issues.extend(check(model, pack_rules))
    return issues


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def fill_in_issues(model: CentreFile) -> Iterator[Issue]:
    """Every `needed` field still empty (null or `<fyll i>`), depth first in file order."""
    for path, _, _, info in empty_needed_fields(model):
        description = (info.description or "").rstrip(".")
        yield Issue(path, "not-filled", f"är inte ifylld – {_lower_first(description)}")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _suggest(value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    return f"menade du '{close[0]}'? " if close else ""


def _decimal(value: float) -> str:
    return formatting.decimal(value, 2)


def _number(value: float) -> str:
    return f"{round(value, 2):g}".replace(".", ",")


def _genitive(name: str) -> str:
    """'Örebro kommun' → 'Örebro kommuns'; names ending in s, x or z take no s."""
    return name if name[-1:].lower() in ("s", "x", "z") else f"{name}s"


def _names_and_types(missing: list[ServiceType], word: str = "och") -> tuple[str, str]:
    """(the Swedish names, the `type:` values) of service types, joined by *word*."""
    names = [SERVICE_NAMES[t] for t in missing]
    values = [t.value for t in missing]

    def join(items: list[str]) -> str:
        return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"

    return join(names), join(values)


def _full_months(start: dt.date, last_day: dt.date) -> int:
    """Whole months from *start* up to and including *last_day* (2027-01-01…2027-12-31 → 12)."""
    after = last_day + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    return months - 1 if after.day < start.day else months


# ---- organisation numbers -------------------------------------------------------------------


@rule
def organisation_numbers(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    seen: dict[str, int] = {}
    for i, principal in enumerate(model.principals):
        number = principal.organisation_number
        if not number:
            continue
        path = ("principals", i, "organisation_number")
        digits = number.replace("-", "")
        if not luhn_ok(digits):
            yield Issue(
                path,
                "org-number",
                f"'{number}' är inget giltigt organisationsnummer (kontrollsiffran, den sista siffran, "
                f"stämmer inte) – skriv av numret igen från Bolagsverket eller {_genitive(principal.name)} webbplats",
            )
            continue
        if digits[2] < "2":
            yield Issue(
                path,
                "org-number",
                f"'{number}' är ett personnummer, inte ett organisationsnummer (tredje siffran är "
                f"{digits[2]}; i ett organisationsnummer är den minst 2) – skriv huvudmannens "
                "organisationsnummer",
            )
            continue
        prefixes = _ORG_PREFIX.get(principal.kind)
        if prefixes and not digits.startswith(prefixes):
            formatted = " eller ".join(f"{p}-" for p in prefixes)
            yield Issue(
                path,
                "org-number-kind",
                f"en {'kommuns' if principal.kind == PrincipalKind.kommun else 'regions'} "
                f"organisationsnummer börjar med {formatted}, men '{number}' gör det inte – kontrollera "
                "att det är huvudmannens nummer och inte en förvaltnings, ett bolags eller ett förbunds",
                severity=WARNING,
            )
        if digits in seen:
            first = seen[digits]
            yield Issue(
                path,
                "org-number-duplicate",
                f"samma organisationsnummer som principals[{first}] ({model.principals[first].name}) – "
                "en huvudman står bara en gång; lägg dess förvaltningar under administrations",
            )
        else:
            seen[digits] = i


# ---- ids and references ---------------------------------------------------------------------


@rule
def unique_ids(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    seen: dict[str, str] = {}
    for section in ("principals", "services"):
        for i, item in enumerate(getattr(model, section)):
            if item.id in seen:
                yield Issue(
                    (section, i, "id"),
                    "duplicate-id",
                    f"id '{item.id}' används redan av {seen[item.id]} – ge varje huvudman och "
                    "verksamhet ett eget id",
                )
            else:
                seen[item.id] = f"{section}[{i}]"
    for i, principal in enumerate(model.principals):
        admin_seen: dict[str, int] = {}
        for j, admin in enumerate(principal.administrations):
            if admin.id in admin_seen:
                yield Issue(
                    ("principals", i, "administrations", j, "id"),
                    "duplicate-id",
                    f"id '{admin.id}' används redan av administrations[{admin_seen[admin.id]}] hos "
                    f"{principal.name} – ge varje förvaltning ett eget id",
                )
            else:
                admin_seen[admin.id] = j


@rule
def references(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    principal_ids = [p.id for p in model.principals]
    service_ids = [s.id for s in model.services]

    def unknown(path: tuple, value: str, known: list[str], what: str) -> Issue:
        return Issue(
            path,
            "reference",
            f"'{value}' finns inte bland {what} – {_suggest(value, known)}skriv ett av: "
            f"{', '.join(known) or '(inga)'}",
        )

    def service_ref(path: tuple, value: str) -> Iterator[Issue]:
        if value in service_ids:
            return
        if value in principal_ids:
            owned = [s.id for s in model.services_of(value)]
            yield Issue(
                path,
                "reference",
                f"'{value}' är en huvudman, men här ska det stå en verksamhet – skriv id för "
                f"verksamheten under services (verksamheter under {value}: {', '.join(owned) or 'inga'})",
            )
        else:
            yield unknown(path, value, service_ids, "verksamheterna under services")

    for i, service in enumerate(model.services):
        principal = model.principal(service.principal)
        if principal is None:
            yield unknown(("services", i, "principal"), service.principal, principal_ids,
                          "huvudmännen under principals")
            continue
        if service.administration is None:
            continue
        own = [a.id for a in principal.administrations]
        if service.administration in own:
            continue
        owner = next(
            (p for p in model.principals if any(a.id == service.administration for a in p.administrations)),
            None,
        )
        if owner is not None:
            yield Issue(
                ("services", i, "administration"),
                "administration-principal",
                f"förvaltningen '{service.administration}' hör till {owner.name} (principal: {owner.id}), "
                f"men verksamheten tillhör {principal.name} (principal: {principal.id}) – ändra "
                f"administration till en av {_genitive(principal.name)} förvaltningar "
                f"({', '.join(own) or 'inga finns under dess administrations'}), eller principal till '{owner.id}'",
            )
        else:
            yield unknown(("services", i, "administration"), service.administration, own,
                          f"förvaltningarna hos {principal.name} (principals → administrations)")
    for group_key in ("steering_group", "management_group"):
        group = getattr(model.governance, group_key)
        for j, member in enumerate(group.members if group else []):
            yield from service_ref(("governance", group_key, "members", j), member)
    employer = model.coordinator.employer
    if employer and employer not in service_ids:
        if employer in principal_ids:
            owned = [s.id for s in model.services_of(employer)]
            yield Issue(
                ("coordinator", "employer"),
                "coordinator-employer",
                f"'{employer}' är en huvudman, men samordnaren anställs av en verksamhet – skriv id för "
                f"den verksamhet som är arbetsgivare (verksamheter under {employer}: {', '.join(owned) or 'inga'})",
            )
        else:
            yield unknown(("coordinator", "employer"), employer, service_ids, "verksamheterna under services")
    parties = principal_ids + service_ids
    for j, share in enumerate(model.economy.shares):
        if share.party not in parties:
            yield unknown(("economy", "shares", j, "party"), share.party, parties,
                          "huvudmännen och verksamheterna")
    for j, party in enumerate(model.economy.rotation):
        yield from service_ref(("economy", "rotation", j), party)


# ---- the centre's kind, its services and their principals -----------------------------------


@rule
def kind_matches_services(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    present = {s.type for s in model.services}
    if model.centre.kind == CentreKind.familjecentral:
        missing = [t for t in BASE_SERVICES if t not in present]
        if missing:
            names, values = _names_and_types(missing)
            yield Issue(
                ("centre", "kind"),
                "kind-services",
                f"en familjecentral har alla fyra basverksamheterna, men {names} saknas – lägg till "
                f"{'en verksamhet' if len(missing) == 1 else 'verksamheter'} med type: {values} under "
                "services, eller ändra kind till 'familjecentralsliknande'",
            )
        return
    partners = [ServiceType.oppen_forskola, ServiceType.forebyggande_socialtjanst]
    lacks_bhv = ServiceType.barnhalsovard not in present
    lacks_partner = not set(partners) & present
    if lacks_bhv or lacks_partner:
        parts = []
        if lacks_bhv:
            parts.append(_names_and_types([ServiceType.barnhalsovard]))
        if lacks_partner:
            parts.append(_names_and_types(partners, "eller"))
        yield Issue(
            ("centre", "kind"),
            "kind-services",
            "en familjecentralsliknande verksamhet har minst barnhälsovård och öppen förskola och/eller "
            f"förebyggande socialtjänst, men {' och '.join(n for n, _ in parts)} saknas – lägg till "
            f"{'en verksamhet' if len(parts) == 1 else 'verksamheter'} med type: "
            f"{' och '.join(v for _, v in parts)} under services",
        )
    elif all(t in present for t in BASE_SERVICES):
        yield Issue(
            ("centre", "kind"),
            "kind-all-services",
            "alla fyra basverksamheterna finns under services – ändra kind till 'familjecentral'",
            severity=WARNING,
        )


@rule
def service_principals(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    for i, service in enumerate(model.services):
        usual = _USUAL_PRINCIPAL.get(service.type)
        principal = model.principal(service.principal)
        if usual is None or principal is None or principal.kind in (usual, PrincipalKind.annan):
            continue
        yield Issue(
            ("services", i, "principal"),
            "service-principal",
            f"{SERVICE_NAMES[service.type]} drivs av {_KIND_WORD[usual]}, men {service.name} står under "
            f"{principal.name} (kind: {principal.kind.value}) – kontrollera principal "
            f"(en privat vårdgivare läggs in som huvudman med kind: annan)",
            severity=WARNING,
        )


@rule
def principals_with_services(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    for i, principal in enumerate(model.principals):
        if not model.services_of(principal.id):
            yield Issue(
                ("principals", i, "id"),
                "principal-without-services",
                f"{principal.name} har ingen verksamhet under services (ingen har principal: "
                f"{principal.id}) – lägg till dess verksamheter eller ta bort huvudmannen",
                severity=WARNING,
            )


@rule
def signatories(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    for i, principal in enumerate(model.principals):
        services = model.services_of(principal.id)
        if principal.signatory is not None or any(s.signs for s in services):
            continue
        if not services:
            advice = "lägg till signatory (den som skriver under för huvudmannen)"
        else:
            advice = "sätt signs: true på någon av dess verksamheter eller lägg till signatory"
        yield Issue(
            ("principals", i),
            "signatory",
            f"ingen skriver under för {principal.name} – {advice}",
        )


@rule
def principal_kinds(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    present = {p.kind for p in model.principals}
    for kind, word in ((PrincipalKind.region, "en region"), (PrincipalKind.kommun, "en kommun")):
        if kind not in present:
            yield Issue(
                ("principals",),
                "principal-kinds",
                f"ingen huvudman har kind: {kind.value} – avtalstexterna bygger på {word} som huvudman; "
                f"sätt kind: {kind.value} på den huvudmannen (kind: annan är för ytterligare huvudmän, "
                "t.ex. en privat vårdgivare)",
                at_key=True,
            )


# ---- dates ----------------------------------------------------------------------------------

_DATES = (
    ("agreement", "valid_from"),
    ("agreement", "valid_until"),
    ("agreement", "signing", "date"),
    ("coordinator", "start"),
    ("coordinator", "end"),
    ("coordinator", "signing", "date"),
    ("intent", "signing", "date"),
)


def _get(model: object, path: tuple) -> object:
    for step in path:
        model = getattr(model, step)
    return model


@rule
def date_range(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    for path in _DATES:
        value = _get(model, path)
        if isinstance(value, dt.date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
            yield Issue(
                path,
                "date-range",
                f"året {value.year} i {value.isoformat()} är troligen ett skrivfel – rätta datumet "
                f"(ÅÅÅÅ-MM-DD, mellan {FIRST_YEAR} och {LAST_YEAR})",
            )


@rule
def date_order(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    agreement = model.agreement
    if agreement.valid_from and agreement.valid_until and agreement.valid_until <= agreement.valid_from:
        yield Issue(
            ("agreement", "valid_until"),
            "date-order",
            f"avtalet slutar gälla ({agreement.valid_until.isoformat()}) innan det börjar gälla "
            f"({agreement.valid_from.isoformat()}, valid_from) – rätta något av datumen, eller ta bort "
            "valid_until om avtalet gäller tills vidare",
        )
    coordinator = model.coordinator
    if coordinator.start and coordinator.end and coordinator.end <= coordinator.start:
        yield Issue(
            ("coordinator", "end"),
            "date-order",
            f"samordnaruppdraget slutar ({coordinator.end.isoformat()}) innan det börjar "
            f"({coordinator.start.isoformat()}, start) – rätta något av datumen, eller ta bort end om "
            "uppdraget gäller tills vidare",
        )


@rule
def coordinator_term(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    agreement, coordinator = model.agreement, model.coordinator
    if coordinator.start and agreement.valid_until and coordinator.start > agreement.valid_until:
        yield Issue(
            ("coordinator", "start"),
            "coordinator-term",
            f"samordnaruppdraget börjar ({coordinator.start.isoformat()}) efter att samverkansavtalet "
            f"har slutat gälla ({agreement.valid_until.isoformat()}) – kontrollera datumen",
            severity=WARNING,
        )
    elif coordinator.start and agreement.valid_from and coordinator.start < agreement.valid_from:
        yield Issue(
            ("coordinator", "start"),
            "coordinator-term",
            f"samordnaruppdraget börjar ({coordinator.start.isoformat()}) innan samverkansavtalet "
            f"börjar gälla ({agreement.valid_from.isoformat()}) – flytta start till avtalets första dag "
            "eller senare, eller kontrollera agreement.valid_from",
            severity=WARNING,
        )
    if agreement.valid_until and coordinator.start and coordinator.start <= agreement.valid_until and (
        coordinator.end is None or coordinator.end > agreement.valid_until
    ):
        until = coordinator.end.isoformat() if coordinator.end else "tills vidare"
        yield Issue(
            ("coordinator", "end"),
            "coordinator-term",
            f"samordnaruppdraget gäller {until}, men samverkansavtalet slutar gälla "
            f"{agreement.valid_until.isoformat()} – sätt coordinator.end till "
            f"{agreement.valid_until.isoformat()} eller tidigare",
            severity=WARNING,
        )


@rule
def target_group(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    group = model.centre.target_group
    if group.age_from > group.age_to:
        yield Issue(
            ("centre", "target_group", "age_to"),
            "age-range",
            f"den högsta åldern ({group.age_to} år) är lägre än den lägsta (age_from: {group.age_from} år) "
            "– byt plats på värdena",
        )


# ---- coordinator, economy, notice -----------------------------------------------------------


@rule
def coordinator_scope(model: CentreFile, pack_rules: PackRules) -> Iterator[Issue]:
    fte = model.coordinator.fte
    low, high = pack_rules.coordinator_fte_min, pack_rules.coordinator_fte_max
    if fte is None or (low is None and high is None):
        return
    if (low is None or fte >= low) and (high is None or fte <= high):
        return
    if low is not None and high is not None:
        span = f"{_decimal(low)}–{_decimal(high)} årsarbetare"
    elif low is not None:
        span = f"minst {_decimal(low)} årsarbetare"
    else:
        span = f"högst {_decimal(high)} årsarbetare"  # type: ignore[arg-type]
    yield Issue(
        ("coordinator", "fte"),
        "coordinator-fte",
        f"samordnaruppdraget är {_decimal(fte)} årsarbetare; regionens riktlinje rekommenderar {span} "
        "– ändra fte, eller låt värdet stå om parterna har kommit överens om en annan omfattning",
        severity=WARNING,
    )


@rule
def cost_shares(model: CentreFile, pack_rules: PackRules) -> Iterator[Issue]:
    economy = model.economy
    if economy.cost_model == CostModel.egen_fordelning:
        if not economy.shares:
            yield Issue(
                ("economy", "shares"),
                "cost-shares",
                "cost_model är 'egen_fordelning' men inga andelar står under shares – "
                "lägg till en rad per part med party och percent",
            )
        else:
            total = sum(s.percent for s in economy.shares)
            if abs(total - 100) > 0.01:
                yield Issue(
                    ("economy", "shares"),
                    "cost-shares",
                    f"andelarna blir {_number(total)} % tillsammans – justera percent så att summan "
                    "blir 100 %",
                )
    elif economy.shares:
        yield Issue(
            ("economy", "shares"),
            "cost-unused",
            f"shares används bara när cost_model är 'egen_fordelning' (nu: '{economy.cost_model.value}') "
            "– ta bort shares eller ändra cost_model",
            severity=WARNING,
        )
    if economy.cost_model == CostModel.turordning:
        if not economy.rotation:
            yield Issue(
                ("economy", "rotation"),
                "cost-shares",
                "cost_model är 'turordning' men rotation är tom – lista verksamheternas id i den "
                f"ordning de bär kostnaden, t.ex. rotation: [{', '.join(s.id for s in model.services)}]",
            )
    elif economy.rotation:
        yield Issue(
            ("economy", "rotation"),
            "cost-unused",
            f"rotation används bara när cost_model är 'turordning' (nu: '{economy.cost_model.value}') "
            "– ta bort rotation eller ändra cost_model",
            severity=WARNING,
        )
    if pack_rules.cost_model and economy.cost_model.value != pack_rules.cost_model:
        yield Issue(
            ("economy", "cost_model"),
            "cost-model",
            f"regionens avtalstext fördelar kostnaderna som '{pack_rules.cost_model}', men här står "
            f"'{economy.cost_model.value}' – ändra cost_model, eller låt värdet stå om parterna har "
            "kommit överens om en annan fördelning",
            severity=WARNING,
        )


@rule
def duplicate_members(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    lists: list[tuple[tuple, list[str], str]] = []
    for group_key in ("steering_group", "management_group"):
        group = getattr(model.governance, group_key)
        if group is not None:
            lists.append((("governance", group_key, "members"), group.members, "listan"))
    lists.append((("economy", "rotation"), list(model.economy.rotation), "turordningen"))
    for base, items, where in lists:
        seen: dict[str, int] = {}
        for j, item in enumerate(items):
            if item in seen:
                yield Issue(
                    (*base, j),
                    "duplicate-member",
                    f"'{item}' står redan tidigare i {where} (på plats {seen[item] + 1}) – ta bort "
                    "dubbletten",
                )
            else:
                seen[item] = j
    parties: dict[str, int] = {}
    for j, share in enumerate(model.economy.shares):
        if share.party in parties:
            yield Issue(
                ("economy", "shares", j, "party"),
                "duplicate-member",
                f"'{share.party}' har redan en andel (shares[{parties[share.party]}]) – slå ihop andelarna "
                "till en rad",
            )
        else:
            parties[share.party] = j


@rule
def group_members(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    for group_key in ("steering_group", "management_group"):
        group = getattr(model.governance, group_key)
        if group is not None and not group.members and not group.other_members:
            yield Issue(
                ("governance", group_key, "members"),
                "group-members",
                f"{group.name} har inga medlemmar – lista under members id för de verksamheter vars "
                "chefer ingår (t.ex. [bmm, bvc, oppen-forskola, socialtjanst])",
                severity=WARNING,
            )


@rule
def notice_and_validity(model: CentreFile, pack_rules: PackRules) -> Iterator[Issue]:
    agreement = model.agreement
    if agreement.valid_from and agreement.valid_until and agreement.valid_until > agreement.valid_from:
        months = _full_months(agreement.valid_from, agreement.valid_until)
        if agreement.notice_months > months:
            yield Issue(
                ("agreement", "notice_months"),
                "notice",
                f"uppsägningstiden ({agreement.notice_months} månader) är längre än avtalets "
                f"giltighetstid ({months} månader, {agreement.valid_from.isoformat()}–"
                f"{agreement.valid_until.isoformat()}) – korta uppsägningstiden, eller ta bort "
                "valid_until om avtalet gäller tills vidare",
            )
    coordinator = model.coordinator
    if coordinator.start and coordinator.end and coordinator.end > coordinator.start:
        months = _full_months(coordinator.start, coordinator.end)
        if coordinator.notice_months > months:
            yield Issue(
                ("coordinator", "notice_months"),
                "notice",
                f"uppsägningstiden ({coordinator.notice_months} månader) är längre än samordnaruppdraget "
                f"({months} månader, {coordinator.start.isoformat()}–{coordinator.end.isoformat()}) – "
                "korta uppsägningstiden, eller ta bort end om uppdraget gäller tills vidare",
            )
    if agreement.notice_months == 0:
        yield Issue(
            ("agreement", "notice_months"),
            "notice-missing",
            "avtalet har ingen uppsägningstid (0 månader) – ange hur många månaders uppsägningstid "
            "som gäller, t.ex. 12",
            severity=WARNING,
        )
    for path, value, standard, what in (
        (("agreement", "notice_months"), agreement.notice_months, pack_rules.notice_months, "avtalet"),
        (("coordinator", "notice_months"), coordinator.notice_months, pack_rules.coordinator_notice_months,
         "samordnaravtalet"),
    ):
        if standard is not None and value != standard and value != 0:
            yield Issue(
                path,
                "notice-standard",
                f"regionens text har {standard} månaders uppsägningstid för {what}, men här står "
                f"{value} – ändra notice_months till {standard}, eller låt värdet stå om parterna har "
                "kommit överens om en annan tid",
                severity=WARNING,
            )


@rule
def meetings(model: CentreFile, pack_rules: PackRules) -> Iterator[Issue]:
    # the recommendation is for the centre's own group, the managers closest to the staff (Jämtland's
    # riktlinje: "Styrgruppen rekommenderas mötas minst fyra gånger per år … tillsammans med
    # samordnaren"), not for a municipality-wide styrgrupp beside it (issue 12, point 3)
    minimum = pack_rules.steering_group_min_meetings
    group = model.centre_group
    key = "management_group" if model.governance.management_group else "steering_group"
    if minimum and group and group.meetings_per_year is not None and group.meetings_per_year < minimum:
        yield Issue(
            ("governance", key, "meetings_per_year"),
            "meetings",
            f"{swedish.group_word(group.name, 'gruppen')} möts "
            f"{swedish.counted(group.meetings_per_year, 'gång', 'gånger', digits=True)} per år; regionens "
            f"riktlinje rekommenderar minst {minimum} – ändra meetings_per_year till {minimum} eller fler",
            severity=WARNING,
        )


@rule
def copies(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    wanted = model.agreement.copies
    if wanted is None:
        return
    signers = [p.signatory for p in model.principals if p.signatory is not None]
    signers += [s.manager for s in model.services if s.signs]
    if any(person.name is None for person in signers):
        return  # who signs is not known yet (not-filled says so)
    # a manager who signs for two services signs, and gets a copy, once
    people = {(person.name, person.title) for person in signers}
    if wanted < len(people):
        yield Issue(
            ("agreement", "copies"),
            "copies",
            f"avtalet upprättas i {wanted} exemplar, men {len(people)} personer skriver under och var och "
            f"en ska ha ett original – ändra copies till {len(people)}, eller ta bort copies",
            severity=WARNING,
        )


@rule
def cost_bearers_are_parties(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    """A service that pays or signs is a party: it sits in the centre's own group (issue 12).

    The group is management_group, else steering_group (CentreFile.centre_group); a service
    outside it is an other actor, which bears no cost and does not sign.
    """
    group = model.centre_group
    if group is None or not group.members or any(model.service(m) is None for m in group.members):
        return  # no group, none listed yet (group-members), or a member misspelt (reference)
    key = "management_group" if model.governance.management_group else "steering_group"
    advice = (f"lägg till den under governance.{key}.members om den är part i familjecentralen")

    def outside(service_id: str) -> bool:
        service = model.service(service_id)
        return service is not None and not model.is_party(service)

    if model.economy.cost_model == CostModel.egen_fordelning:
        for j, share in enumerate(model.economy.shares):
            if outside(share.party):
                yield Issue(
                    ("economy", "shares", j, "party"),
                    "cost-party",
                    f"{model.service(share.party).name} bär en andel av kostnaderna men ingår inte i "  # type: ignore[union-attr]
                    f"{group.name} – {advice}, annars ta bort andelen",
                    severity=WARNING,
                )
    if model.economy.cost_model == CostModel.turordning:
        for j, party in enumerate(model.economy.rotation):
            if outside(party):
                yield Issue(
                    ("economy", "rotation", j),
                    "cost-party",
                    f"{model.service(party).name} bär samordnarens kostnad i turordningen men ingår inte i "  # type: ignore[union-attr]
                    f"{group.name} – {advice}, annars ta bort den ur rotation",
                    severity=WARNING,
                )
    for i, service in enumerate(model.services):
        if service.signs and not model.is_party(service):
            yield Issue(
                ("services", i, "id"),
                "cost-party",
                f"{service.name} ingår inte i {group.name} och är därför en annan samverkansaktör, som "
                f"inte skriver under och inte bär kostnader – {advice}, eller sätt signs: false",
                severity=WARNING,
            )


def pack_issues(model: CentreFile, pack: PackConfig) -> Iterator[Issue]:
    """Findings about what the centre's pack leaves for the region to fill in (issue 12, point 6).

    Not one of RULES: it needs the pack's configuration, not only its rules.
    """
    framework = pack.regional_agreement
    if framework is None or model.agreement.regional_agreement:
        return
    missing = [word for word, value in (("titel", framework.title), ("datum", framework.date)) if not value]
    if missing:
        yield Issue(
            ("agreement",),
            "regional-agreement",
            f"avtalet i mallpaketet '{pack.name}' utgår från {pack.region}s och kommunernas "
            f"överenskommelse, men paketet har inte dess {' och '.join(missing)} – regionen fyller i "
            "regional_agreement (title, date) i paketets pack.yaml, eller skriv överenskommelsens titel och "
            "datum under agreement.regional_agreement; till dess nämner avtalet den inte",
            severity=WARNING,
            at_key=True,
        )
