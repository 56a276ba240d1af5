"""Who takes part and who signs, shaped for a template's sentences: the administrations and the
kinds of service a sentence names, the signatories of a document, and the report's statistics rows
(templates/README.md, "Helpers for parties and signatures"). Region wording stays in the templates:
a helper gets its words as arguments and only decides which of them the centre's data calls for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .. import formatting, swedish
from ..economy import cost_shares
from ..model import BASE_SERVICES, CentreFile, Person, Principal, PrincipalKind, Service


@dataclass(frozen=True)
class Signatory:
    """One cell of a `::: signatures` block (helpers.signature_table writes it)."""

    label: str
    name: Any
    title: Any
    organisation: Any = None


def signatory(label: Any, person: Person | None, organisation: Any = None) -> Signatory:
    """One signature entry: *label*, the *person*'s name and title (empty for none), *organisation*."""
    person = person or Person()
    return Signatory(str(label), person.name, person.title, organisation)


def _distinct(items: Iterable[Any]) -> list[Any]:
    found: list[Any] = []
    for item in items:
        if item and item not in found:
            found.append(item)
    return found


def _concat(*parts: Any) -> Any:
    """`a ~ b` as a template writes it: a placeholder among the parts keeps its highlighting."""
    from jinja2.runtime import markup_join

    return markup_join(parts)


def administration_names(data: CentreFile, *types: str, default: str | None = None,
                         form: str = "") -> list[Any]:
    """The administrations (förvaltningar, hälsocentraler) of the centre's services of *types*, each
    once, in the order of the services: *default* for a service that names none (else it is left
    out); `form="lower"` writes the first letter small, `form="indefinite"` drops the definite
    ending as inside a genitive chain ('socialförvaltning')."""
    names = []
    for service in data.services_of_type(*types):
        name = data.administration_of(service) or default or ""
        if name and form == "lower":
            name = name[:1].lower() + name[1:]
        elif name and form == "indefinite":
            name = swedish.indefinite(name)
        names.append(name)
    return _distinct(names)


def party_administrations(data: CentreFile, principal: Principal | None) -> list[str]:
    """The administrations of *principal* that a party of the centre belongs to, in the principal's
    order (none for no principal)."""
    if principal is None:
        return []
    used = {s.administration for s in data.parties() if s.principal == principal.id}
    return [a.name for a in principal.administrations if a.id in used]


def legal_principals(data: CentreFile) -> list[Principal]:
    """The principals with an organisation number, each legal body once: a committee (acting_for)
    is named by the kommun or region it acts for."""
    found: list[Principal] = []
    for principal in data.principals:
        number = principal.legal_organisation_number
        if number and all(p.legal_organisation_number != number for p in found):
            found.append(principal)
    return found


def service_words(data: CentreFile, words: Mapping[str, Any], file_order: bool = True,
                  services: Iterable[Service] | None = None, others: bool = False) -> list[Any]:
    """*words* (service type → the word a sentence uses) for the kinds of the centre's services (or of
    *services*), each once: in the order of the services, or with `file_order=False` in the order of
    *words*. A kind *words* has no word for is left out, or with *others* named by its type_name
    (after *words*' kinds with `file_order=False`)."""
    chosen = list(data.services if services is None else services)
    if file_order:
        return _distinct(words.get(s.type.value, s.type_name if others else None) for s in chosen)
    present = {s.type.value for s in chosen}
    rest = [s.type_name for s in chosen if s.type.value not in words] if others else []
    return _distinct([word for kind, word in words.items() if kind in present] + rest)


def _unit_and_place(data: CentreFile, service: Service) -> Any:
    """'Hälsocentralen Lugnvik, Östersunds sjukvårdsområde': the service's administration (else its
    name) and its principal (a region's service: the centre's healthcare area, when it has one)."""
    principal = data.principal(service.principal)
    unit = data.administration_of(service) or service.name
    area = data.centre.healthcare_area
    if principal is not None and principal.kind == PrincipalKind.region and area:
        return _concat(unit, ", ", area)
    return _concat(unit, ", ", _principal_name(data, service))


def _principal_name(data: CentreFile, service: Service) -> Any:
    """The name of *service*'s principal (its id, should the file not have it: validate says so)."""
    principal = data.principal(service.principal)
    return principal.name if principal is not None else service.principal


def _manager_organisation(data: CentreFile, service: Service, organisation: str | None, role: bool) -> Any:
    """The organisation line of *service*'s manager's signature (see manager_signatories)."""
    if organisation == "place":
        return _unit_and_place(data, service)
    if organisation == "principal":
        owner = data.principal(service.principal)
        return owner.name if owner else None
    return service.name if role else None


def manager_signatories(data: CentreFile, services: Iterable[Service] | None = None, signs_for: str = "service",
                        organisation: str | None = None, roles: Mapping[str, str] | None = None,
                        joined: Mapping[str, str] | None = None, one_per_manager: bool = False) -> list[Signatory]:
    """A signatory per party whose manager signs (or per each of *services*), signed by its manager:
    "För <verksamhet>", or with `signs_for="principal"` "För <huvudman>". *roles* (service type → a
    label, "Verksamhetschef BVC") labels a service of its types by the type instead and orders
    them: the types as listed, then the rest in the given order. The organisation is none (a
    role's: the service's name), `organisation="principal"` the service's principal,
    `organisation="place"` its administration (else its name) and principal, for a region's
    service the centre's healthcare area. With *one_per_manager* a manager of several services
    signs once, for the first; a role's label then adds " och " and each further service's word in
    *joined* (else its type_name): "Verksamhetschef BVC och BMM"."""
    chosen = list(data.signing_services() if services is None else services)
    roles = roles or {}
    joined = joined or {}
    ordered = [s for kind in roles for s in chosen if s.type.value == kind]
    ordered += [s for s in chosen if s.type.value not in roles]
    cells: dict[str, list[Any]] = {}
    for n, service in enumerate(ordered):
        kind = service.type.value
        key = f"{service.manager.name or service.id}|{service.manager.title or ''}" if one_per_manager else str(n)
        if key in cells:
            if cells[key][2]:
                cells[key][0] += " och " + joined.get(kind, service.type_name)
            continue
        name = _principal_name(data, service) if signs_for == "principal" else service.name
        label = roles[kind] if kind in roles else f"För {name}"
        cells[key] = [label, service, kind in roles]
    return [signatory(label, service.manager, _manager_organisation(data, service, organisation, role))
            for label, service, role in cells.values()]


def principal_signatories(data: CentreFile, principals: Iterable[Principal | None] | None = None,
                          acting_for: bool = False, organisation: bool = False) -> list[Signatory]:
    """"För <huvudman>", signed by its signatory, for each of *principals* that has one (every
    principal in the file's order when none is given; an empty or repeated one is skipped). With
    *acting_for*, a committee's label names the kommun or region it acts for ("För Socialnämnden,
    Norrviks kommun"); with *organisation*, the principal's name is the organisation line."""
    chosen: list[Principal] = []
    for principal in data.principals if principals is None else principals:
        if principal is not None and principal.signatory and all(principal is not p for p in chosen):
            chosen.append(principal)
    return [signatory(f"För {p.name}, {p.acting_for.name}" if acting_for and p.acting_for else f"För {p.name}",
                       p.signatory, p.name if organisation else None) for p in chosen]


def coordinator_signatories(data: CentreFile, title: Any = None, without_employer: Any = None,
                            named_only: bool = False) -> list[Signatory]:
    """The coordinator as a signatory: "Samordnare", the coordinator's name, *title* (else their
    profession) and the employing service's name as organisation (*without_employer* when the file
    names no employer). With *named_only*, none while the file names no coordinator."""
    coordinator = data.coordinator
    if named_only and not coordinator.name:
        return []
    employer = data.service(coordinator.employer) if coordinator.employer else None
    return [Signatory("Samordnare", coordinator.name, coordinator.profession if title is None else title,
                      employer.name if employer else without_employer)]


def other_member_signatories(data: CentreFile, label: Any) -> list[Signatory]:
    """*label*, signed by each of the other members (not a service's manager) of the centre's own group."""
    group = data.centre_group
    return [signatory(label, person) for person in (group.other_members if group else [])]


def group_services(data: CentreFile, file_order: bool = False) -> list[Service]:
    """The services that sign for the centre's own group (data.centre_group): its member services
    (in the group's order, or with *file_order* the file's), else every party whose manager signs."""
    group = data.centre_group
    if group is not None and group.members:
        if file_order:
            return [s for s in data.services if s.id in group.members]
        return [s for s in (data.service(i) for i in group.members) if s is not None]
    return data.signing_services()


def group_party_rows(data: CentreFile, other_label: str) -> list[list[Any]]:
    """The centre's own group as rows: service, principal, manager, title for each of
    group_services, then *other_label*, "", name, title for each of the group's other members."""
    rows = []
    for service in group_services(data):
        owner = data.principal(service.principal)
        rows.append([service.name, owner.name if owner else "", service.manager.name, service.manager.title])
    group = data.centre_group
    rows.extend([other_label, "", p.name, p.title] for p in (group.other_members if group else []))
    return rows


def month_rows(months: Iterable[tuple[str, Iterable[tuple[str, str]]]]) -> list[list[Any]]:
    """A calendar as table rows (month, activity, responsible): the month on its first activity's
    row only, a month without activities as a row of its own."""
    rows: list[list[Any]] = []
    for month, activities in months:
        entries = list(activities)
        rows.extend([month if i == 0 else "", activity, who] for i, (activity, who) in enumerate(entries))
        if not entries:
            rows.append([month, "", ""])
    return rows


def non_base_services(data: CentreFile) -> list[Any]:
    """The services that are none of the four base services (a library, dental care, a youth
    clinic, school health, another), in the file's order."""
    return [s for s in data.services if s.type not in BASE_SERVICES]


def regional_framework(data: CentreFile, pack: Any) -> Any:
    """The regional framework the local agreement builds on: the centre's own
    agreement.regional_agreement, else the pack's regional_agreement as "title (date)", else none
    (the pack leaves its title or date empty)."""
    if data.agreement.regional_agreement:
        return data.agreement.regional_agreement
    framework = getattr(pack, "regional_agreement", None)
    if framework and framework.title and framework.date:
        return f"{framework.title} ({formatting.sv_date(framework.date)})"
    return None


def principal_rows(data: CentreFile) -> list[list[Any]]:
    """One row per principal: its name (with its short name in brackets), the legal body it signs
    for (legal_name) and that body's organisation number."""
    return [[f"{p.name} ({p.short_name})" if p.short_name else p.name, p.legal_name, p.legal_organisation_number or ""]
            for p in data.principals]


def coordinator_share_rows(data: CentreFile) -> list[list[Any]]:
    """The cost split as rows: party, its share in percent, its share of the coordinator's cost a year."""
    return [[s.party, formatting.percent(s.percent), formatting.kronor(s.coordinator_sek)] for s in cost_shares(data)]


def goals_followed(results: Any, report: Any) -> list[tuple[Any, Any]]:
    """Last year's priority goals as (goal, how it went): from the year's results when they have
    them (the follow-up's work, evaluation and met), else report.previous_goals with no follow-up."""
    followed = results.previous_goals
    if followed:
        return [(item.goal, item) for item in followed]
    return [(goal, None) for goal in report.previous_goals or []]


def statistics_rows(stats: Any, labels: dict[str, Any], places: int = 2,
                     thousands: str = formatting.NBSP) -> list[list[Any]]:
    """The year's statistics as rows: for each field of report.statistics in *labels* (in their
    order) with a label (not none) and a value in the data, the label and the number (thousands
    apart by *thousands*); then the data's own `other` rows (a decimal with *places* decimals)."""
    def number(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return value
        return f"{value:,}".replace(",", thousands) if isinstance(value, int) else formatting.decimal(value, places)

    rows = [[label, number(getattr(stats, name))] for name, label in labels.items()
            if label is not None and getattr(stats, name) is not None]
    rows.extend([item.label, number(item.value)] for item in stats.other)
    return rows


GLOBALS = {function.__name__: function for function in (
    signatory, administration_names, party_administrations, legal_principals, service_words, manager_signatories,
    principal_signatories, coordinator_signatories, other_member_signatories, group_services,
    group_party_rows, month_rows, non_base_services, regional_framework, principal_rows,
    coordinator_share_rows, goals_followed, statistics_rows,
)}
