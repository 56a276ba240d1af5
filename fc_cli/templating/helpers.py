"""fc's filters and globals: what a template can call besides Jinja's built-ins (see templates/README.md)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import formatting, swedish
from ..economy import cost_shares, cost_turns, economy_of, joint_budget_shares, payments
from ..model import SERVICE_NAMES, CentreFile, Group, Signing
from .escape import INLINE_SPECIALS, escape_item, md_escape
from .limits import (
    MAX_LIPSUM_PARAGRAPHS,
    MAX_OUTPUT_CHARS,
    MAX_TABLE_CELLS,
    MAX_YEARS,
    RenderLimit,
    check_count,
    current_work,
    n,
    too_long,
)
from .parties import GLOBALS as _PARTY_GLOBALS
from .parties import Signatory


def _join(items: Iterable[Any], separator: str = ", ", last: str | None = None) -> Any:
    from markupsafe import Markup

    parts = [escape_item(i) for i in items]
    if last and len(parts) > 1:
        return Markup(f"{separator.join(parts[:-1])} {md_escape(last)} {parts[-1]}")
    return Markup(INLINE_SPECIALS.sub(r"\\\1", separator)).join(parts)  # keeps the separator's spaces


def _signature_table(entries: Iterable[Signatory], signing: Signing | None = None) -> Any:
    """The `::: signatures` block: one cell per signatory (see templates/README.md)."""
    from markupsafe import Markup

    place_date = None
    if signing is not None and (signing.place or signing.date):
        parts = [p for p in (signing.place, formatting.sv_date(signing.date)) if p]
        place_date = ", ".join(str(p) for p in parts)
    lines = ["::: signatures"]
    for entry in entries:
        lines.append(f"- {escape_item(entry.label)}")
        for prefix, value in (("Namn", entry.name), ("Titel", entry.title), ("Organisation", entry.organisation)):
            if value is not None or prefix != "Organisation":
                lines.append(f"  {prefix}: {_value_or_blank(value)}")
        if place_date:
            lines.append(f"  Ort och datum: {md_escape(place_date)}")
    lines.append(":::")
    return Markup("\n".join(lines) + "\n")


def _value_or_blank(value: Any) -> str:
    if value is None:
        return ""
    return escape_item(value)


def _table(header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> Any:
    """A Markdown table whose every cell is escaped data (at most MAX_TABLE_CELLS cells and
    MAX_OUTPUT_CHARS characters, counted cell by cell: a template cannot make it run without end)."""
    from markupsafe import Markup

    work = current_work()
    budget = {"cells": 0, "chars": 0}

    def row(cells: Iterable[Any]) -> str:
        work.step()
        texts = []
        for cell in cells:
            budget["cells"] += 1
            if budget["cells"] > MAX_TABLE_CELLS:
                raise RenderLimit(
                    f"tabellen får fler än {n(MAX_TABLE_CELLS)} celler – dela upp den eller visa färre rader"
                )
            text = escape_item(cell) if cell is not None else ""
            budget["chars"] += len(text) + 3
            if budget["chars"] > MAX_OUTPUT_CHARS:
                raise too_long("tabellen")
            texts.append(text)
        return "| " + " | ".join(texts) + " |"

    first = row(header)
    lines = [first, "|" + " --- |" * budget["cells"]]
    lines.extend(row(r) for r in rows)
    return Markup("\n".join(lines) + "\n")


def _chart(kind: str, title: Any, header: Iterable[Any], rows: Iterable[Iterable[Any]],
           low: float | None = None, high: float | None = None) -> Any:
    """A native Word chart of a table's numbers (`::: chart`, see templates/README.md): *kind* "bar"
    (horizontal bars) or "col" (columns), the first column the categories, each further column a
    series; numbers are written with a decimal comma. No rows, no chart."""
    from markupsafe import Markup

    rows = [list(r) for r in rows]
    if not rows:
        return Markup("")
    if kind not in ("bar", "col"):
        raise RenderLimit(f"chart() tar 'bar' eller 'col', inte '{kind}'")
    bound = [("-" if b is None else str(b)) for b in (low, high)]
    name = " ".join(str(title).split())
    cells = [[formatting.decimal(c, 1) if isinstance(c, float) else c for c in r] for r in rows]
    return Markup(f"::: chart {kind} {bound[0]} {bound[1]} {name}\n{_table(header, cells)}:::\n")


def _cost_turns(data: CentreFile, years: int | None = None) -> list[Any]:
    """economy.cost_turns, for at most MAX_YEARS years."""
    check_count(years, MAX_YEARS, "cost_turns", "år")
    return cost_turns(data, years)


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:  # Jinja's names
    """Jinja's placeholder text, at most MAX_LIPSUM_PARAGRAPHS paragraphs of at most 1 000 words."""
    from jinja2.utils import generate_lorem_ipsum

    check_count(n, MAX_LIPSUM_PARAGRAPHS, "lipsum", "stycken")
    check_count(max, 1000, "lipsum", "ord per stycke")
    check_count(min, 1000, "lipsum", "ord per stycke")
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


def _cost_share_table(data: CentreFile, coordinator: str = "Samordnare per år", running: str | None = None) -> Any:
    """The cost split as a table: party, principal, share, and the yearly amounts the data gives.

    A column for the coordinator's cost (headed *coordinator*) when the data has that cost; one
    for the running costs (headed *running*) when the data has them and the text shows them.
    """
    economy = economy_of(data)
    header = ["Part", "Huvudman", "Andel"]
    with_coordinator = economy.coordinator_cost_sek is not None
    with_running = running is not None and economy.running_cost_sek is not None
    if with_coordinator:
        header.append(coordinator)
    if with_running:
        header.append(str(running))
    rows = []
    for share in cost_shares(data):
        row = [share.party, share.principal, formatting.percent(share.percent)]
        if with_coordinator:
            row.append(formatting.kronor(share.coordinator_sek))
        if with_running:
            row.append(formatting.kronor(share.running_sek))
        rows.append(row)
    return _table(header, rows)


def _cost_turn_table(data: CentreFile, number_undated: bool = False) -> Any:
    """Who bears the coordinator's cost in which year (turordning), as a table.

    With *number_undated*, a rotation without a start year (a draft) is numbered "År 1", "År 2", …
    instead of dated.
    """
    dated = economy_of(data).rotation_start_year or data.agreement.valid_from
    rows = [
        [turn.year if dated or not number_undated else f"År {n}", turn.party, turn.principal]
        for n, turn in enumerate(cost_turns(data), 1)
    ]
    return _table(["År", "Bär samordnarens kostnad", "Huvudman"], rows)


#: What a column of `service_rows` shows for one service.
_SERVICE_COLUMNS = {
    "service": lambda data, service, principal: service.name,
    "administration": lambda data, service, principal: data.administration_of(service) or "",
    "principal": lambda data, service, principal: principal.name,
    # a committee's number is its kommun's or region's (acting_for)
    "organisation_number": lambda data, service, principal: principal.legal_organisation_number,
}


def _service_rows(data: CentreFile, *columns: str) -> list[list[Any]]:
    """One row per party (CentreFile.parties: the services in the centre's own group) with the
    *columns* asked for: service, administration, principal, organisation_number (the principal's)."""
    unknown = [c for c in columns if c not in _SERVICE_COLUMNS]
    if unknown:
        known = ", ".join(_SERVICE_COLUMNS)
        raise ValueError(f"service_rows känner inte till kolumnen {unknown[0]!r} – välj bland {known}")
    rows = []
    for service in data.parties():
        principal = data.principal(service.principal)
        assert principal is not None  # checked: ids that point nowhere are refused even in a draft
        rows.append([_SERVICE_COLUMNS[c](data, service, principal) for c in columns])
    return rows


def _staffing_rows(data: CentreFile) -> list[list[Any]]:
    """Every party's staffing as rows: service, profession, full-time equivalents."""
    return [[service.name, staff.profession, formatting.fte(staff.fte)]
            for service in data.parties() for staff in service.staffing]


def _member_rows(data: CentreFile, group: Group, merge: bool = False) -> list[list[Any]]:
    """A steering or management group as rows: name, title, service (empty for other members).

    Each member service is represented by its manager; with *merge*, a manager of several member
    services is one row naming all of them ("BVC Lugnvik, BMM Lugnvik").
    """
    rows: list[list[Any]] = []
    seen: list[str] = []
    for service_id in group.members:
        service = data.service(service_id)
        assert service is not None  # checked: ids that point nowhere are refused even in a draft
        manager = service.manager
        key = f"{manager.name or service.id}|{manager.title or ''}"
        if merge and key in seen:
            row = rows[seen.index(key)]
            row[2] = f"{row[2]}, {service.name}"
            continue
        seen.append(key)
        rows.append([manager.name, manager.title, service.name])
    rows.extend([person.name, person.title, ""] for person in group.other_members)
    return rows


def _payment_rows(data: CentreFile) -> list[list[Any]]:
    """economy.payments as rows: payer, payee, what for, amount a year in kronor."""
    return [[row.payer, row.payee, row.purpose, formatting.kronor(row.amount_sek)] for row in payments(data)]


def _budget_rows(data: CentreFile) -> list[list[Any]]:
    """economy.joint_budget as rows: what for, amount a year in kronor; a last row with the sum."""
    budget = economy_of(data).joint_budget
    if budget is None:
        return []
    rows: list[list[Any]] = [[item.purpose, formatting.kronor(item.amount_sek)] for item in budget.items]
    return [*rows, ["Summa", formatting.kronor(budget.total_sek)]]


def _budget_share_rows(data: CentreFile) -> list[list[Any]]:
    """Who bears what of the joint budget: party, percent, kronor a year (its split, else the cost split)."""
    return [[row.party, formatting.percent(row.percent), formatting.kronor(row.amount_sek)]
            for row in joint_budget_shares(data)]


FILTERS = {
    "date": formatting.sv_date,
    "month": formatting.month_name,
    "kr": formatting.kronor,
    "percent": formatting.percent,
    "fte": formatting.fte,
    "decimal": formatting.decimal,
    "words": formatting.number_word,
    "join": _join,
    **swedish.FILTERS,  # counted phrases, genitives (fc_cli/swedish.py)
}

GLOBALS = {
    "signature_table": _signature_table,
    "table": _table,
    "chart": _chart,
    "cost_shares": cost_shares,
    "cost_turns": _cost_turns,
    "lipsum": _lipsum,
    "cost_share_table": _cost_share_table,
    "service_rows": _service_rows,
    "staffing_rows": _staffing_rows,
    "member_rows": _member_rows,
    "payment_rows": _payment_rows,
    "budget_rows": _budget_rows,
    "budget_share_rows": _budget_share_rows,
    "cost_turn_table": _cost_turn_table,
    "service_names": SERVICE_NAMES,
}

# ---- parties, signatories and rows for the packs' sentences (fc_cli/templating/parties.py) ----
GLOBALS.update(_PARTY_GLOBALS)

# ---- the coordinator's tasks ----
from .tasks import FILTERS as _TASK_FILTERS  # noqa: E402

FILTERS.update(_TASK_FILTERS)
