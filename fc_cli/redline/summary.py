"""What changed in a centre's data, in plain Swedish: "Uppsägningstid: 12 → 6 månader".

Read from the two validated data models, not from the documents: one line per change a steering
group decides on (a party that joins or leaves, a manager, the coordinator's scope, the cost split,
the notice period, …). Parties, principals and staffing are matched by id and profession, so a
reordered list is no change; every other field is compared as it is, under its own Swedish label
(the description the JSON Schema gives it, where no better label is written here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import Any

from .fc import fte, group_word, kronor, month_name, percent, sv_date

ARROW = "→"

Format = Callable[[Any], str]


def _months(value: Any) -> str:
    return f"{value} månader" if value != 1 else "1 månad"


def _fte(value: Any) -> str:
    return f"{fte(value)} årsarbetare"


def _until(value: Any) -> str:
    return "tills vidare" if value is None else sv_date(value)


def _extension(value: Any) -> str:
    text = f"högst {_months(value.max_months)}"
    return f"{text} {value.decided_by}" if value.decided_by else text


#: (path of field names) → (label, how a value is written, or None for the general way)
LABELS: dict[tuple[str, ...], tuple[str, Format | None]] = {
    ("centre", "name"): ("Familjecentralens namn", None),
    ("centre", "kind"): ("Slag av verksamhet", None),
    ("centre", "municipality"): ("Kommun", None),
    ("centre", "region"): ("Region", None),
    ("centre", "healthcare_area"): ("Primärvårdsområde", None),
    ("centre", "catchment_area"): ("Upptagningsområde", None),
    ("centre", "target_group", "age_from"): ("Målgruppens lägsta ålder", lambda v: f"{v} år"),
    ("centre", "target_group", "age_to"): ("Målgruppens högsta ålder", lambda v: f"{v} år"),
    ("centre", "target_group", "includes_expectant_parents"): ("Blivande föräldrar ingår i målgruppen", None),
    ("centre", "target_group", "extension_7_plus"): ("Stöd till barn 7 år och uppåt", None),
    ("coordinator", "name"): ("Samordnare", None),
    ("coordinator", "profession"): ("Samordnarens yrke", None),
    ("coordinator", "fte"): ("Samordnarens omfattning", fte),
    ("coordinator", "start"): ("Samordnaruppdraget börjar", None),
    ("coordinator", "end"): ("Samordnaruppdraget slutar", _until),
    ("coordinator", "notice_months"): ("Samordnaruppdragets uppsägningstid", None),
    ("coordinator", "signing", "place"): ("Ort för samordnaravtalets underskrift", None),
    ("coordinator", "signing", "date"): ("Datum för samordnaravtalets underskrift", None),
    ("economy", "cost_model"): ("Kostnadsfördelning", None),
    ("economy", "coordinator_cost_sek"): ("Samordnarens kostnad per år", lambda v: kronor(v)),
    ("economy", "running_cost_sek"): ("Gemensamma driftkostnader per år", lambda v: kronor(v)),
    ("economy", "rotation_start_year"): ("Första året i turordningen", None),
    ("agreement", "valid_from"): ("Avtalet gäller från", None),
    ("agreement", "valid_until"): ("Avtalet gäller till", _until),
    ("agreement", "notice_months"): ("Uppsägningstid", None),
    ("agreement", "extension"): ("Förlängning", lambda v: _extension(v)),
    ("economy", "payments"): ("Betalningar", lambda v: "; ".join(
        f"{p.payer} betalar {p.payee} {kronor(p.amount_sek)} ({p.purpose})" for p in v)),
    ("economy", "indexation"): ("Indexering", lambda v: f"{v.index}, basår {v.base_year}"),
    ("economy", "indexation", "index"): ("Index för uppräkning", None),
    ("economy", "indexation", "base_year"): ("Indexeringens basår", None),
    ("agreement", "extension", "max_months"): ("Längsta förlängning", None),
    ("agreement", "extension", "decided_by"): ("Förlängning beslutas", None),
    ("agreement", "extension", "decide_months_before_end"): ("Förlängning beslutas senast före slutet", None),
    ("agreement", "review_by_month"): ("Omprövning före utgången av", lambda v: f"{month_name(v)}"),
    ("agreement", "regional_agreement"): ("Regional överenskommelse", None),
    ("agreement", "dispute_body"): ("Tvister avgörs av", None),
    ("agreement", "copies"): ("Antal exemplar", None),
    ("agreement", "report_due"): ("Verksamhetsberättelsen lämnas senast", None),
    ("agreement", "signing", "place"): ("Ort för avtalets underskrift", None),
    ("agreement", "signing", "date"): ("Datum för avtalets underskrift", None),
    ("intent", "planned_start"): ("Planerad start", None),
    ("intent", "signing", "place"): ("Ort för avsiktsförklaringens underskrift", None),
    ("intent", "signing", "date"): ("Datum för avsiktsförklaringens underskrift", None),
    ("report", "year"): ("Verksamhetsberättelsens år", None),
}

#: Counts are written "12 → 6 månader": the unit once, after both values, agreeing with the new
#: one ("3 → 1 månad"; issue 12, point 8). (singular, plural)
_UNIT_AFTER = {
    ("coordinator", "fte"): ("årsarbetare", "årsarbetare"),
    ("coordinator", "notice_months"): ("månad", "månader"),
    ("agreement", "notice_months"): ("månad", "månader"),
    ("agreement", "extension", "max_months"): ("månad", "månader"),
    ("agreement", "extension", "decide_months_before_end"): ("månad", "månader"),
}

#: Choices whose value is not Swedish as it stands (written without å, ä, ö).
_ENUM_NAMES = {
    "egen_fordelning": "egen fördelning",
    "familjecentralsliknande": "familjecentralsliknande verksamhet",
}

#: Compared by the functions below, not field by field.
_OWN = {("principals",), ("services",), ("governance",), ("economy", "shares"), ("economy", "rotation"),
        ("coordinator", "employer"), ("schema_version",), ("centre", "visiting_address")}


def summarize(old: Any, new: Any) -> list[str]:
    """The changes from *old* to *new* (two CentreFile models), one Swedish line each."""
    lines: list[str] = []
    if old.pack != new.pack:
        lines.append(f"Mallpaket: {old.pack} {ARROW} {new.pack}")
    lines += _fields(old.centre, new.centre, ("centre",))
    old_address, new_address = _address(old.centre.visiting_address), _address(new.centre.visiting_address)
    if old_address != new_address:
        lines.append(f"Besöksadress: {old_address} {ARROW} {new_address}")
    lines += _principals(old, new)
    lines += _services(old, new)
    lines += _groups(old, new)
    lines += _coordinator(old, new)
    lines += _fields(old.economy, new.economy, ("economy",))
    lines += _shares(old, new)
    lines += _fields(old.agreement, new.agreement, ("agreement",))
    lines += _fields(old.intent, new.intent, ("intent",))
    lines += _fields(old.report, new.report, ("report",))
    return lines


# ---- general fields -----------------------------------------------------------------------------


def _fields(old: Any, new: Any, path: tuple[str, ...]) -> list[str]:
    """Every field below *path* that differs, in the model's order."""
    if path in _OWN:
        return []
    if _is_model(old) and _is_model(new):
        lines = []
        for name, info in type(new).model_fields.items():
            sub = (*path, name)
            if sub in _OWN:
                continue
            old_value, new_value = getattr(old, name), getattr(new, name)
            if _is_model(old_value) and _is_model(new_value):
                lines += _fields(old_value, new_value, sub)
            elif old_value != new_value:
                lines.append(_line(sub, old_value, new_value, info.description))
        return lines
    if old == new:
        return []
    return [_line(path, old, new, None)]


def _line(path: tuple[str, ...], old: Any, new: Any, description: str | None) -> str:
    label, form = LABELS.get(path, (None, None))
    if label is None:
        label = _label_from(description) if description else ".".join(path)
    if path in _UNIT_AFTER and (old is not None or new is not None):
        singular, plural = _UNIT_AFTER[path]
        if new is None:  # the unit goes with the value that has one: "12 månader → inte angivet"
            unit = singular if old == 1 else plural
            return f"{label}: {_value(old, form)} {unit} {ARROW} {_value(new, form)}"
        unit = singular if new == 1 and not isinstance(new, bool) else plural
        return f"{label}: {_value(old, form)} {ARROW} {_value(new, form)} {unit}"
    if form is not None:
        return f"{label}: {_value(old, form)} {ARROW} {_value(new, form)}"
    return f"{label}: {_value(old)} {ARROW} {_value(new)}"


def _label_from(description: str) -> str:
    """'Antal besök under året.' → 'Antal besök under året'; '(valfri)' and examples dropped."""
    label = description.split(" (")[0].split(", t.ex.")[0].split(". ")[0].rstrip(".: ")
    return label


def _value(value: Any, form: Format | None = None) -> str:
    if value is None or value == [] or value == "":
        return "inte angivet" if form is None or form is not _until else _until(None)
    if form is not None:
        return str(form(value))
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, Enum):
        return _ENUM_NAMES.get(value.value, str(value.value).replace("_", " "))
    if isinstance(value, dt.date):
        return sv_date(value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, list):
        return "; ".join(_value(v) for v in value)
    if _is_model(value):
        return ", ".join(_value(getattr(value, n)) for n in type(value).model_fields if getattr(value, n) is not None)
    return str(value)


def _is_model(value: Any) -> bool:
    return hasattr(type(value), "model_fields") and not isinstance(value, type)


def _address(address: Any) -> str:
    street = address.street or ""
    place = " ".join(p for p in (address.postal_code, address.city) if p)
    return ", ".join(p for p in (street, place) if p) or "inte angiven"


def _person(person: Any) -> str:
    if person is None or not person.name:
        return "ingen"
    return f"{person.name}, {person.title}" if person.title else person.name


# ---- parties --------------------------------------------------------------------------------------


def _principals(old: Any, new: Any) -> list[str]:
    lines = []
    before = {p.id: p for p in old.principals}
    after = {p.id: p for p in new.principals}
    for pid, p in after.items():
        if pid not in before:
            number = f", organisationsnummer {p.organisation_number}" if p.organisation_number else ""
            lines.append(f"Ny huvudman: {p.name}{number}")
            continue
        q = before[pid]
        if q.name != p.name:
            lines.append(f"Huvudmannens namn: {q.name} {ARROW} {p.name}")
        if q.kind != p.kind:
            lines.append(f"Slag av huvudman för {p.name}: {_value(q.kind)} {ARROW} {_value(p.kind)}")
        if q.organisation_number != p.organisation_number:
            old_number, new_number = _value(q.organisation_number), _value(p.organisation_number)
            lines.append(f"Organisationsnummer för {p.name}: {old_number} {ARROW} {new_number}")
        if _person(q.signatory) != _person(p.signatory):
            lines.append(f"Undertecknare för {p.name}: {_person(q.signatory)} {ARROW} {_person(p.signatory)}")
        old_admins = {a.id: a.name for a in q.administrations}
        for admin in p.administrations:
            if admin.id not in old_admins:
                lines.append(f"Ny förvaltning hos {p.name}: {admin.name}")
            elif old_admins[admin.id] != admin.name:
                lines.append(f"Förvaltningens namn hos {p.name}: {old_admins[admin.id]} {ARROW} {admin.name}")
        new_admins = {a.id for a in p.administrations}
        for admin in q.administrations:
            if admin.id not in new_admins:
                lines.append(f"Förvaltning utgår hos {p.name}: {admin.name}")
    for pid, q in before.items():
        if pid not in after:
            lines.append(f"Huvudman utgår: {q.name}")
    return lines


def _services(old: Any, new: Any) -> list[str]:
    lines = []
    before = {s.id: s for s in old.services}
    after = {s.id: s for s in new.services}
    for sid, s in after.items():
        if sid not in before:
            lines.append(f"Ny part: {s.name}{_owner(new, s)}")
            continue
        r = before[sid]
        if r.name != s.name:
            lines.append(f"Verksamhetens namn: {r.name} {ARROW} {s.name}")
        if r.type != s.type:
            lines.append(f"Slag av verksamhet för {s.name}: {r.type_name} {ARROW} {s.type_name}")
        old_owner, new_owner = _owner(old, r).strip(" ()"), _owner(new, s).strip(" ()")
        if old_owner != new_owner:
            lines.append(f"Huvudman för {s.name}: {old_owner} {ARROW} {new_owner}")
        if _person(r.manager) != _person(s.manager):
            lines.append(f"Chef för {s.name}: {_person(r.manager)} {ARROW} {_person(s.manager)}")
        if r.signs != s.signs:
            lines.append(f"{s.name} skriver under avtalet: {_value(r.signs)} {ARROW} {_value(s.signs)}")
        lines += _staffing(r, s)
    for sid, r in before.items():
        if sid not in after:
            lines.append(f"Part utgår: {r.name}{_owner(old, r)}")
    return lines


def _owner(data: Any, service: Any) -> str:
    principal = data.principal(service.principal)
    return f" ({principal.name})" if principal is not None else ""


def _staffing(old: Any, new: Any) -> list[str]:
    lines = []
    before: dict[str, float] = {}
    for staff in old.staffing:
        before[staff.profession] = before.get(staff.profession, 0) + staff.fte
    after: dict[str, float] = {}
    for staff in new.staffing:
        after[staff.profession] = after.get(staff.profession, 0) + staff.fte
    for profession, amount in after.items():
        if profession not in before:
            lines.append(f"Bemanning vid {new.name}: ny {profession.lower()}, {_fte(amount)}")
        elif before[profession] != amount:
            lines.append(
                f"Bemanning vid {new.name}, {profession.lower()}: {fte(before[profession])} {ARROW} {_fte(amount)}"
            )
    for profession, amount in before.items():
        if profession not in after:
            lines.append(f"Bemanning vid {new.name}: {profession.lower()} ({_fte(amount)}) utgår")
    return lines


def _group_key(path: tuple, group: Any) -> str:
    """How a group is matched between the sides: a shorthand by its key, a listed group by its id or name."""
    return path[1] if path[1] != "groups" else f"id:{group.id}" if group.id else f"name:{group.name}"


def _group_label(name: str) -> str:
    """The group as the summary names it: its own name, or as a noun when the name is one word
    ('Styrgrupp' → 'styrgruppen', 'Ledningsgrupp/styrgrupp' → 'ledningsgruppen/styrgruppen')."""
    return group_word(name, name) if " " not in name.strip() else name


def _groups(old: Any, new: Any) -> list[str]:
    lines = []
    before = {_group_key(path, g): g for path, g in old.group_entries()}
    after = {_group_key(path, g): g for path, g in new.group_entries()}
    for key in [*after, *(k for k in before if k not in after)]:
        q, p = before.get(key), after.get(key)
        if q is None:
            assert p is not None  # a key of one side at least
            lines.append(f"Ny grupp: {p.name}")
            continue
        if p is None:
            lines.append(f"Gruppen utgår: {q.name}")
            continue
        label = _group_label(p.name)
        if q.name != p.name:
            lines.append(f"Namn på {_group_label(q.name)}: {q.name} {ARROW} {p.name}")
        if old.level_of(q) != new.level_of(p):
            lines.append(f"Nivå för {label}: {_value(old.level_of(q))} {ARROW} {_value(new.level_of(p))}")
        for member in p.members:
            if member not in q.members:
                lines.append(f"Ny i {label}: {_service_label(new, member)}")
        for member in q.members:
            if member not in p.members:
                lines.append(f"Lämnar {label}: {_service_label(old, member)}")
        old_others = [_person(x) for x in q.other_members]
        new_others = [_person(x) for x in p.other_members]
        for person in new_others:
            if person not in old_others:
                lines.append(f"Ny ledamot i {label}: {person}")
        for person in old_others:
            if person not in new_others:
                lines.append(f"Lämnar {label}: {person}")
        if q.mandate != p.mandate:
            lines.append(f"Uppdrag för {label}: {_value(q.mandate)} {ARROW} {_value(p.mandate)}")
        if q.meetings_per_year != p.meetings_per_year:
            lines.append(
                f"Möten per år för {label}: "
                f"{_value(q.meetings_per_year)} {ARROW} {_value(p.meetings_per_year)}"
            )
    return lines


def _service_label(data: Any, service_id: str) -> str:
    service = data.service(service_id)
    if service is None:
        return service_id
    return f"{_person(service.manager)} ({service.name})" if service.manager.name else service.name


def _coordinator(old: Any, new: Any) -> list[str]:
    lines = _fields(old.coordinator, new.coordinator, ("coordinator",))
    if old.coordinator.employer != new.coordinator.employer:
        def name(data: Any) -> str:
            service = data.service(data.coordinator.employer) if data.coordinator.employer else None
            return service.name if service is not None else _value(data.coordinator.employer)

        after_name = 1 if lines and lines[0].startswith("Samordnare:") else 0
        lines.insert(after_name, f"Samordnarens arbetsgivare: {name(old)} {ARROW} {name(new)}")
    return lines


def _shares(old: Any, new: Any) -> list[str]:
    lines = []

    def party(data: Any, party_id: str) -> str:
        found = data.service(party_id) or data.principal(party_id)
        return found.name if found is not None else party_id

    old_shares, new_shares = (data.economy.shares if data.economy else [] for data in (old, new))
    old_rotation, new_rotation = (data.economy.rotation if data.economy else [] for data in (old, new))
    before = {s.party: s.percent for s in old_shares}
    after = {s.party: s.percent for s in new_shares}
    for pid, amount in after.items():
        if before.get(pid) != amount:
            was = percent(before[pid]) if pid in before else "ingen andel"
            lines.append(f"Kostnadsandel för {party(new, pid)}: {was} {ARROW} {percent(amount)}")
    for pid, amount in before.items():
        if pid not in after:
            lines.append(f"Kostnadsandel för {party(old, pid)}: {percent(amount)} {ARROW} ingen andel")
    if old_rotation != new_rotation:
        lines.append(
            "Turordning för kostnaderna: "
            f"{', '.join(party(old, x) for x in old_rotation) or 'ingen'} {ARROW} "
            f"{', '.join(party(new, x) for x in new_rotation) or 'ingen'}"
        )
    return lines
