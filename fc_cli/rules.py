"""Domain rules (SPEC §6): what makes a centre file valid beyond its types.

Each rule is a function of the model (and the pack's rules) that yields :class:`Issue`s with a
stable code and a message that says what to do. Positions are added by the validator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .diagnostics import WARNING, Issue
from .model import BASE_SERVICES, NEEDED, CentreFile, CentreKind, CostModel, ServiceType
from .packs import PackRules

Rule = Callable[[CentreFile, PackRules], Iterator[Issue]]
RULES: list[Rule] = []


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


def fill_in_issues(model: object, path: tuple = ()) -> Iterator[Issue]:
    """Every `needed` field still empty (null or `<fyll i>`), depth first in file order."""
    from pydantic import BaseModel

    if isinstance(model, BaseModel):
        for name, info in type(model).model_fields.items():
            value = getattr(model, name)
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            if value is None and extra.get(NEEDED):
                description = (info.description or "").rstrip(".")
                yield Issue((*path, name), "not-filled", f"är inte ifylld – {_lower_first(description)}")
            else:
                yield from fill_in_issues(value, (*path, name))
    elif isinstance(model, list):
        for i, item in enumerate(model):
            yield from fill_in_issues(item, (*path, i))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


@rule
def organisation_numbers(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    for i, principal in enumerate(model.principals):
        number = principal.organisation_number
        if number and not luhn_ok(number.replace("-", "")):
            yield Issue(
                ("principals", i, "organisation_number"),
                "org-number",
                f"'{number}' är inget giltigt organisationsnummer (kontrollsiffran stämmer inte) – "
                "skriv av numret igen från Bolagsverket eller huvudmannens webbplats",
            )


@rule
def unique_ids(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    seen: dict[str, str] = {}
    for section in ("principals", "services"):
        for i, item in enumerate(getattr(model, section)):
            if item.id in seen:
                yield Issue(
                    (section, i, "id"),
                    "duplicate-id",
                    f"id '{item.id}' används redan under {seen[item.id]} – ge varje huvudman och "
                    "verksamhet ett eget id",
                )
            else:
                seen[item.id] = section


@rule
def references(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    principal_ids = [p.id for p in model.principals]
    service_ids = [s.id for s in model.services]

    def unknown(path: tuple, value: str, known: list[str], what: str) -> Issue:
        return Issue(
            path,
            "reference",
            f"'{value}' finns inte bland {what} – använd ett av: {', '.join(known) or '(inga)'}",
        )

    for i, service in enumerate(model.services):
        principal = model.principal(service.principal)
        if principal is None:
            yield unknown(("services", i, "principal"), service.principal, principal_ids, "principals")
        elif service.administration is not None:
            admin_ids = [a.id for a in principal.administrations]
            if service.administration not in admin_ids:
                yield unknown(
                    ("services", i, "administration"),
                    service.administration,
                    admin_ids,
                    f"förvaltningarna hos '{principal.id}'",
                )
    for group_key in ("steering_group", "management_group"):
        group = getattr(model.governance, group_key)
        for j, member in enumerate(group.members if group else []):
            if member not in service_ids:
                yield unknown(("governance", group_key, "members", j), member, service_ids, "services")
    if model.coordinator.employer and model.coordinator.employer not in service_ids:
        yield unknown(("coordinator", "employer"), model.coordinator.employer, service_ids, "services")
    parties = principal_ids + service_ids
    for j, share in enumerate(model.economy.shares):
        if share.party not in parties:
            yield unknown(("economy", "shares", j, "party"), share.party, parties, "principals eller services")
    for j, party in enumerate(model.economy.rotation):
        if party not in service_ids:
            yield unknown(("economy", "rotation", j), party, service_ids, "services")


@rule
def kind_matches_services(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    present = {s.type for s in model.services}
    kind = model.centre.kind
    if kind == CentreKind.familjecentral:
        missing = [t for t in BASE_SERVICES if t not in present]
        if missing:
            names = ", ".join(_type_label(t) for t in missing)
            yield Issue(
                ("centre", "kind"),
                "kind-services",
                f"en familjecentral har alla fyra basverksamheterna, men {names} saknas under "
                "services – lägg till dem, eller ändra kind till 'familjecentralsliknande'",
            )
    else:
        if ServiceType.barnhalsovard not in present or not (
            {ServiceType.oppen_forskola, ServiceType.forebyggande_socialtjanst} & present
        ):
            yield Issue(
                ("centre", "kind"),
                "kind-services",
                "en familjecentralsliknande verksamhet har minst barnhälsovård (barnhalsovard) och "
                "öppen förskola (oppen_forskola) och/eller förebyggande socialtjänst "
                "(forebyggande_socialtjanst) – lägg till dem under services",
            )
        elif all(t in present for t in BASE_SERVICES):
            yield Issue(
                ("centre", "kind"),
                "kind-services",
                "alla fyra basverksamheterna finns – ändra kind till 'familjecentral'",
                severity=WARNING,
            )


def _type_label(service_type: ServiceType) -> str:
    from .model import SERVICE_NAMES

    return f"{SERVICE_NAMES[service_type]} ({service_type.value})"


@rule
def signatories(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    for principal in model.principals:
        if not any(s.signs for s in model.services_of(principal.id)) and principal.signatory is None:
            index = model.principals.index(principal)
            yield Issue(
                ("principals", index),
                "signatory",
                f"ingen skriver under för {principal.name} – sätt signs: true på någon av dess "
                "verksamheter eller lägg till signatory",
            )


@rule
def dates(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    agreement = model.agreement
    if agreement.valid_from and agreement.valid_until and agreement.valid_until <= agreement.valid_from:
        yield Issue(
            ("agreement", "valid_until"),
            "date-order",
            f"avtalet slutar ({agreement.valid_until.isoformat()}) innan det börjar gälla "
            f"({agreement.valid_from.isoformat()}) – rätta något av datumen",
        )
    coordinator = model.coordinator
    if coordinator.start and coordinator.end and coordinator.end <= coordinator.start:
        yield Issue(
            ("coordinator", "end"),
            "date-order",
            f"samordnaruppdraget slutar ({coordinator.end.isoformat()}) innan det börjar "
            f"({coordinator.start.isoformat()}) – rätta något av datumen",
        )


@rule
def coordinator_scope(model: CentreFile, pack_rules: PackRules) -> Iterator[Issue]:
    fte = model.coordinator.fte
    low, high = pack_rules.coordinator_fte_min, pack_rules.coordinator_fte_max
    if fte is None or low is None or high is None:
        return
    if not low <= fte <= high:
        yield Issue(
            ("coordinator", "fte"),
            "coordinator-fte",
            f"samordnaruppdraget är {fte:.2f} årsarbetare; regionen rekommenderar "
            f"{low:.2f}–{high:.2f} – kontrollera omfattningen".replace(".", ","),
            severity=WARNING,
        )


@rule
def cost_shares(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    economy = model.economy
    if economy.cost_model == CostModel.egen_fordelning:
        if not economy.shares:
            yield Issue(
                ("economy", "shares"),
                "cost-shares",
                "cost_model är 'egen_fordelning' men inga andelar står under shares – "
                "lägg till en rad per part med party och percent",
            )
            return
        total = sum(s.percent for s in economy.shares)
        if abs(total - 100) > 0.01:
            yield Issue(
                ("economy", "shares"),
                "cost-shares",
                f"andelarna blir {total:g} % tillsammans – justera dem så att de blir 100 %",
            )
    elif economy.cost_model == CostModel.turordning and not economy.rotation:
        yield Issue(
            ("economy", "rotation"),
            "cost-shares",
            "cost_model är 'turordning' men rotation är tom – lista verksamheternas id i den "
            "ordning de bär kostnaden",
        )


@rule
def notice_and_validity(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    agreement = model.agreement
    if agreement.valid_from and agreement.valid_until:
        months = (agreement.valid_until.year - agreement.valid_from.year) * 12 + (
            agreement.valid_until.month - agreement.valid_from.month
        )
        if agreement.notice_months > months:
            yield Issue(
                ("agreement", "notice_months"),
                "notice",
                f"uppsägningstiden ({agreement.notice_months} månader) är längre än avtalets "
                f"giltighetstid ({months} månader) – korta uppsägningstiden eller ta bort valid_until",
            )
    if agreement.notice_months == 0:
        yield Issue(
            ("agreement", "notice_months"),
            "notice",
            "avtalet saknar uppsägningstid (0 månader) – ange hur många månaders uppsägningstid som gäller",
            severity=WARNING,
        )


@rule
def meetings(model: CentreFile, pack_rules: PackRules) -> Iterator[Issue]:
    minimum = pack_rules.steering_group_min_meetings
    group = model.governance.steering_group
    if minimum and group and group.meetings_per_year is not None and group.meetings_per_year < minimum:
        yield Issue(
            ("governance", "steering_group", "meetings_per_year"),
            "meetings",
            f"styrgruppen möts {group.meetings_per_year} gånger per år; riktlinjen rekommenderar "
            f"minst {minimum} – planera fler möten",
            severity=WARNING,
        )
