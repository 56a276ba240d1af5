"""Who takes part and who signs, shaped for a template's sentences: the administrations and the
kinds of service a sentence names, the signatories of a document, and the report's statistics rows
(templates/README.md, "Helpers for parties and signatures"). Region wording stays in the templates:
a helper gets its words as arguments and only decides which of them the centre's data calls for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .. import formatting, swedish
from ..model import CentreFile, Principal, PrincipalKind, Service
from .helpers import Signatory


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


def _count(value: Any) -> str:
    """4850 → '4 850' (a no-break space between the thousands); a decimal with one decimal digit ('2,5')."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u00a0")
    return str(formatting.decimal(value, 1))


def statistics_rows(statistics: Any, labels: Mapping[str, str]) -> list[list[Any]]:
    """The statistics as rows of (label, number): each of *labels* (field → label) the statistics
    have a value for, then the statistics' own `other` rows."""
    rows: list[list[Any]] = [[label, _count(getattr(statistics, field))] for field, label in labels.items()
                             if getattr(statistics, field) is not None]
    return rows + [[other.label, _count(other.value)] for other in statistics.other]


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


GLOBALS = {
    "administration_names": administration_names,
    "party_administrations": party_administrations,
    "legal_principals": legal_principals,
    "service_words": service_words,
    "manager_signatories": manager_signatories,
    "principal_signatories": principal_signatories,
    "coordinator_signatories": coordinator_signatories,
    "chief_signatories": chief_signatories,
    "statistics_rows": statistics_rows,
    "month_rows": month_rows,
}
