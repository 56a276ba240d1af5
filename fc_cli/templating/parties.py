"""Who takes part and who signs, shaped for a template's sentences: the administrations and the
kinds of service a sentence names, the signatories of a document, and the report's statistics rows
(templates/README.md, "Helpers for parties and signatures"). Region wording stays in the templates:
a helper gets its words as arguments and only decides which of them the centre's data calls for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .. import formatting, swedish
from ..economy import cost_shares
from ..model import BASE_SERVICES, CentreFile, Principal, PrincipalKind, Service
from .helpers import Signatory, _signatory


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


def service_words(data: CentreFile, words: Mapping[str, str], file_order: bool = True) -> list[str]:
    """*words* (service type → the word a sentence uses) for the kinds of service the centre has,
    each once: in the order of its services, or with `file_order=False` in the order of *words*."""
    if file_order:
        return _distinct(words[s.type.value] for s in data.services if s.type.value in words)
    return [word for kind, word in words.items() if data.has(kind)]


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


def manager_signatories(data: CentreFile) -> list[Signatory]:
    """A signatory per manager of the parties that sign ('För Region …', the manager, the unit and
    place), a manager of several services once."""
    return [
        Signatory(str(_concat("För ", _principal_name(data, s))), s.manager.name, s.manager.title,
                  _unit_and_place(data, s))
        for s in data.signing_services(one_per_manager=True)
    ]


def principal_signatories(data: CentreFile, for_themselves: bool = False,
                          organisation: bool = True) -> list[Signatory]:
    """A signatory per principal with a `signatory` of its own ('För Östersunds kommun'); with
    *for_themselves*, only the principals none of whose services' managers sign."""
    principals = data.principals_signing_for_themselves if for_themselves else data.principals
    return [
        Signatory(str(_concat("För ", p.name)), p.signatory.name, p.signatory.title, p.name if organisation else None)
        for p in principals if p.signatory
    ]


def coordinator_signatories(data: CentreFile, label: str = "Samordnare") -> list[Signatory]:
    """The coordinator as a signatory (none while the file names no coordinator), at the service that
    employs them, else the centre."""
    coordinator = data.coordinator
    if not coordinator.name:
        return []
    employer = data.service(coordinator.employer) if coordinator.employer else None
    return [Signatory(label, coordinator.name, coordinator.profession, employer.name if employer else data.centre.name)]


def chief_signatories(data: CentreFile, labels: Mapping[str, str], joined: Mapping[str, str]) -> list[Signatory]:
    """A signatory per chief of the parties that sign, for the service types in *labels* (type → the
    cell's label, in that order): a manager of several gets one cell, its label extended with
    " och " and the type's word in *joined* ('Verksamhetschef BVC och BMM'), else the type's name."""
    cells: dict[str, list[Any]] = {}
    for kind, label in labels.items():
        for s in data.services_of_type(kind):
            if not (s.signs and data.is_party(s)):
                continue
            key = f"{s.manager.name or s.id}|{s.manager.title or ''}"
            if key in cells:
                cells[key][0] += " och " + joined.get(kind, s.type_name)
            else:
                cells[key] = [label, s.manager, _unit_and_place(data, s)]
    return [Signatory(label, person.name, person.title, where) for label, person, where in cells.values()]


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


# ---- signers, rows and words of Örebro's, Värmland's and the worked example's packs ----
# (the same concepts as above in these packs' terms: one family to be merged with the other)


def _principal_signers(data: CentreFile, principals: Iterable[Any] | None = None,
                       acting_for: bool = False) -> list[Signatory]:
    """"För <huvudman>", signed by its signatory, for each of *principals* that has one (every
    principal in the file's order when None is given; an empty or repeated one is skipped). With
    *acting_for*, a committee's label names the kommun or region it acts for
    ("För Socialnämnden, Norrviks kommun")."""
    chosen: list[Any] = []
    for principal in data.principals if principals is None else principals:
        if principal is not None and principal.signatory and all(principal is not p for p in chosen):
            chosen.append(principal)
    labels = [f"För {p.name}, {p.acting_for.name}" if acting_for and p.acting_for else f"För {p.name}" for p in chosen]
    return [_signatory(label, p.signatory) for label, p in zip(labels, chosen, strict=True)]


def _party_signers(data: CentreFile, roles: dict[str, str] | None = None, principal: bool = False,
                   services: Iterable[Any] | None = None) -> list[Signatory]:
    """"För <verksamhet>", signed by its manager, for each party whose manager signs (or each of
    *services*). *roles* labels a service by its type instead ({"barnhalsovard": "Verksamhetschef
    BVC"}, the service's name as its organisation) and orders them: the types as listed, then the
    rest in the file's order. With *principal*, the organisation is the service's principal."""
    chosen = list(services) if services is not None else [s for s in data.parties() if s.signs]
    roles = roles or {}
    ordered = [s for kind in roles for s in chosen if s.type.value == kind]
    ordered += [s for s in chosen if s.type.value not in roles]
    entries = []
    for service in ordered:
        if service.type.value in roles:
            entries.append(_signatory(roles[service.type.value], service.manager, service.name))
            continue
        owner = data.principal(service.principal) if principal else None
        entries.append(_signatory(f"För {service.name}", service.manager, owner.name if owner else None))
    return entries


def _group_services(data: CentreFile, file_order: bool = False) -> list[Any]:
    """The services that sign for the centre's own group (data.centre_group): its member services
    (in the group's order, or with *file_order* the file's), else every party whose manager signs."""
    group = data.centre_group
    if group is not None and group.members:
        if file_order:
            return [s for s in data.services if s.id in group.members]
        return [s for s in (data.service(i) for i in group.members) if s is not None]
    return [s for s in data.parties() if s.signs]


def _group_party_rows(data: CentreFile, other_label: str) -> list[list[Any]]:
    """The centre's own group as rows: service, principal, manager, title for each of
    group_services, then *other_label*, "", name, title for each of the group's other members."""
    rows = []
    for service in _group_services(data):
        owner = data.principal(service.principal)
        rows.append([service.name, owner.name if owner else "", service.manager.name, service.manager.title])
    group = data.centre_group
    rows.extend([other_label, "", p.name, p.title] for p in (group.other_members if group else []))
    return rows


def _other_member_signers(data: CentreFile, label: Any) -> list[Signatory]:
    """*label*, signed by each of the other members (not a service's manager) of the centre's own group."""
    group = data.centre_group
    return [_signatory(label, person) for person in (group.other_members if group else [])]


def _coordinator_signer(data: CentreFile, title: Any) -> Signatory:
    """The coordinator's signature entry: "Samordnare", the coordinator's name, *title*, and the
    employing service's name as organisation (none when the data names no employer)."""
    coordinator = data.coordinator
    employer = data.service(coordinator.employer) if coordinator.employer else None
    return Signatory("Samordnare", coordinator.name, title, employer.name if employer else None)


def _non_base_services(data: CentreFile) -> list[Any]:
    """The services that are none of the four base services (a library, dental care, a youth
    clinic, school health, another), in the file's order."""
    return [s for s in data.services if s.type not in BASE_SERVICES]


def _regional_framework(data: CentreFile, pack: Any) -> Any:
    """The regional framework the local agreement builds on: the centre's own
    agreement.regional_agreement, else the pack's regional_agreement as "title (date)", else none
    (the pack leaves its title or date empty)."""
    if data.agreement.regional_agreement:
        return data.agreement.regional_agreement
    framework = getattr(pack, "regional_agreement", None)
    if framework and framework.title and framework.date:
        return f"{framework.title} ({formatting.sv_date(framework.date)})"
    return None


def _type_words(services: Iterable[Any], words: dict[str, Any]) -> list[Any]:
    """Each service's kind as the text words it: *words*[its type] ({"barnhalsovard":
    "barnhälsovård"}), else its type_name."""
    return [words.get(s.type.value, s.type_name) for s in services]


def _words_of_types(data: CentreFile, words: dict[str, Any]) -> list[Any]:
    """The words of *words* (a service type → its word, in the text's order) for the types the
    centre has a service of."""
    return [word for kind, word in words.items() if data.has(kind)]


def _principal_rows(data: CentreFile) -> list[list[Any]]:
    """One row per principal: its name (with its short name in brackets), the legal body it signs
    for (legal_name) and that body's organisation number."""
    return [[f"{p.name} ({p.short_name})" if p.short_name else p.name, p.legal_name, p.legal_organisation_number or ""]
            for p in data.principals]


def _coordinator_share_rows(data: CentreFile) -> list[list[Any]]:
    """The cost split as rows: party, its share in percent, its share of the coordinator's cost a year."""
    return [[s.party, formatting.percent(s.percent), formatting.kronor(s.coordinator_sek)] for s in cost_shares(data)]


def _goals_followed(results: Any, report: Any) -> list[tuple[Any, Any]]:
    """Last year's priority goals as (goal, how it went): from the year's results when they have
    them (the follow-up's work, evaluation and met), else report.previous_goals with no follow-up."""
    followed = results.previous_goals
    if followed:
        return [(item.goal, item) for item in followed]
    return [(goal, None) for goal in report.previous_goals or []]


def _statistics_rows(stats: Any, labels: dict[str, Any], places: int = 2,
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


GLOBALS = {
    "principal_signers": _principal_signers,
    "party_signers": _party_signers,
    "group_services": _group_services,
    "group_party_rows": _group_party_rows,
    "other_member_signers": _other_member_signers,
    "coordinator_signer": _coordinator_signer,
    "statistics_rows": _statistics_rows,
    "non_base_services": _non_base_services,
    "goals_followed": _goals_followed,
    "type_words": _type_words,
    "principal_rows": _principal_rows,
    "coordinator_share_rows": _coordinator_share_rows,
    "words_of_types": _words_of_types,
    "regional_framework": _regional_framework,
    "administration_names": administration_names,
    "party_administrations": party_administrations,
    "legal_principals": legal_principals,
    "service_words": service_words,
    "manager_signatories": manager_signatories,
    "principal_signatories": principal_signatories,
    "coordinator_signatories": coordinator_signatories,
    "chief_signatories": chief_signatories,
    "month_rows": month_rows,
}
