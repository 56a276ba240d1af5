"""Rules on the parties: organisation numbers, ids and references, the centre's kind, services and
principals, and who pays or signs (a party, in the centre's own group)."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Issue, format_key
from ...model import (
    BASE_SERVICES,
    SERVICE_NAMES,
    CentreFile,
    CentreKind,
    CostModel,
    PrincipalKind,
    Service,
    ServiceType,
)
from ...packs import PackRules
from .base import (
    _KIND_WORD,
    _ORG_PREFIX,
    _USUAL_PRINCIPAL,
    _genitive,
    _names_and_types,
    _suggest,
    rule,
)


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


# ---- organisation numbers -------------------------------------------------------------------


@rule
def organisation_numbers(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    seen: dict[str, int] = {}
    legal_bodies: dict[str, str] = {}  # a kommun's number under acting_for of each of its committees
    for i, principal in enumerate(model.principals):
        if principal.acting_for is not None and principal.organisation_number:
            yield Issue(
                ("principals", i, "organisation_number"),
                "acting-for",
                f"{principal.name} är part för {principal.acting_for.name} (acting_for), och numret är "
                f"{_genitive(principal.acting_for.name)} – flytta organisation_number till "
                "acting_for.organisation_number",
            )
            continue
        number = principal.legal_organisation_number
        if not number:
            continue
        if principal.acting_for is not None:
            path: tuple = ("principals", i, "acting_for", "organisation_number")
            digits = number.replace("-", "")
            if legal_bodies.get(digits) == principal.acting_for.name:
                continue  # a second committee of the same kommun: checked once
            legal_bodies[digits] = principal.acting_for.name
        else:
            path = ("principals", i, "organisation_number")
        digits = number.replace("-", "")
        if not luhn_ok(digits):
            yield Issue(
                path,
                "org-number",
                f"'{number}' är inget giltigt organisationsnummer (kontrollsiffran, den sista siffran, "
                f"stämmer inte) – skriv av numret igen från Bolagsverket eller "
                f"{_genitive(principal.legal_name)} webbplats",
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
                "att det är huvudmannens nummer och inte en förvaltnings, ett bolags eller ett förbunds"
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
    group_seen: dict[str, tuple] = {}
    for path, group in model.group_entries():
        if group.id is None:
            continue
        if group.id in group_seen:
            yield Issue(
                (*path, "id"),
                "duplicate-id",
                f"id '{group.id}' används redan av {format_key(group_seen[group.id])} – ge varje grupp ett "
                "eget id",
            )
        else:
            group_seen[group.id] = path


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
    group_ids = [g.id for g in model.groups if g.id]
    for path, group in model.group_entries():
        for j, member in enumerate(group.members):
            yield from service_ref((*path, "members", j), member)
        if group.reports_to is not None and group.reports_to not in group_ids:
            yield unknown((*path, "reports_to"), group.reports_to, group_ids, "grupperna under governance (id)")
        elif group.reports_to is not None and group.reports_to == group.id:
            yield Issue((*path, "reports_to"), "reference",
                        f"{group.name} kan inte rapportera till sig själv – skriv id för en annan grupp, "
                        "eller ta bort reports_to")
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
    if model.economy is None:  # a pack that does not read it (check/centre.py asks for it otherwise)
        return
    for j, share in enumerate(model.economy.shares):
        if share.party not in parties:
            yield unknown(("economy", "shares", j, "party"), share.party, parties,
                          "huvudmännen och verksamheterna")
    for j, party in enumerate(model.economy.rotation):
        yield from service_ref(("economy", "rotation", j), party)
    for j, payment in enumerate(model.economy.payments):
        for end in ("payer", "payee"):
            if getattr(payment, end) not in parties:
                yield unknown(("economy", "payments", j, end), getattr(payment, end), parties,
                              "huvudmännen och verksamheterna")
        if payment.payer == payment.payee and payment.payer in parties:
            yield Issue(("economy", "payments", j, "payee"), "reference",
                        f"'{payment.payee}' betalar till sig själv – skriv under payee den part som tar emot "
                        "betalningen")
    budget = model.economy.joint_budget
    for j, share in enumerate(budget.split if budget else []):
        if share.party not in parties:
            yield unknown(("economy", "joint_budget", "split", j, "party"), share.party, parties,
                          "huvudmännen och verksamheterna")


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
            "alla fyra basverksamheterna finns under services – ändra kind till 'familjecentral'"
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
            f"(en privat vårdgivare läggs in som huvudman med kind: annan)"
        )


@rule
def principals_with_services(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    for i, principal in enumerate(model.principals):
        if not model.services_of(principal.id):
            yield Issue(
                ("principals", i, "id"),
                "principal-without-services",
                f"{principal.name} har ingen verksamhet under services (ingen har principal: "
                f"{principal.id}) – lägg till dess verksamheter eller ta bort huvudmannen"
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


@rule
def cost_bearers_are_parties(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    """A service that pays or signs is a party: it sits in the centre's own group (issue 12).

    The group is management_group, else steering_group (CentreFile.centre_group); a service
    outside it is an other actor, which bears no cost and does not sign.
    """
    group = model.centre_group
    if group is None or not group.members or any(model.service(m) is None for m in group.members):
        return  # no group, none listed yet (group-members), or a member misspelt (reference)
    if model.economy is None:
        return
    advice = f"lägg till den under {format_key(model.centre_group_path)}.members om den är part i familjecentralen"

    def outsider(service_id: str) -> Service | None:
        service = model.service(service_id)
        return service if service is not None and not model.is_party(service) else None

    if model.economy.cost_model == CostModel.egen_fordelning:
        for j, share in enumerate(model.economy.shares):
            if (payer := outsider(share.party)) is not None:
                yield Issue(
                    ("economy", "shares", j, "party"),
                    "cost-party",
                    f"{payer.name} bär en andel av kostnaderna men ingår inte i {group.name} – {advice}, "
                    "annars ta bort andelen",
                )
    if model.economy.cost_model == CostModel.turordning:
        for j, party in enumerate(model.economy.rotation):
            if (payer := outsider(party)) is not None:
                yield Issue(
                    ("economy", "rotation", j),
                    "cost-party",
                    f"{payer.name} bär samordnarens kostnad i turordningen men ingår inte i {group.name} – "
                    f"{advice}, annars ta bort den ur rotation",
                )
    for i, service in enumerate(model.services):
        if service.signs and not model.is_party(service):
            yield Issue(
                ("services", i, "id"),
                "cost-party",
                f"{service.name} ingår inte i {group.name} och är därför en annan samverkansaktör, som "
                f"inte skriver under och inte bär kostnader – {advice}, eller sätt signs: false",
            )
