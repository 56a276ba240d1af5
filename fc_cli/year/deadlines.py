"""A centre's year on real dates: its pack's annual wheel, and the deadlines its data sets.

From the data (fields of `centre.yaml`):

- the report (`agreement.report_due`, else the wheel's `kind: report_due` entry): each year the
  report of the year before is due;
- the agreement's yearly review (`agreement.review_by_month`): the last day of that month, in
  every year the agreement is in force (from `agreement.valid_from`);
- a fixed-term agreement (`agreement.valid_until`): its end, and the last day to give notice or
  decide on an extension (`agreement.extension.decide_months_before_end`, else the notice:
  `agreement.notice_months`, else the pack's `rules.notice_months`, before the end; none when the
  agreement's text has no notice period);
- the coordinator agreement (`coordinator.end`): its end, and the last day to give notice or
  extend it (`coordinator.notice_months` before the end).

A date a deadline needs but the data lacks (or writes so it cannot be read) becomes a warning at
its place in the centre file; the other deadlines are still given.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from dataclasses import dataclass, field

from ..wheel import WheelDateError, WheelEntry, parse_day_of_year
from .shared import (
    PACK_FILE,
    WARNING,
    CheckedCentre,
    Diagnostic,
    InputError,
    format_key,
    load_yaml_file,
    month_name,
    sv_date,
)

#: A deadline this many days away or fewer is "due soon".
SOON_DAYS = 30
#: How far ahead `fc status` looks for deadlines.
HORIZON_DAYS = 366

OVERDUE, SOON, LATER = "overdue", "soon", "later"


@dataclass(frozen=True)
class Dated:
    """One activity or deadline on real dates (both days inclusive)."""

    key: str  #: stable within the centre and year: the calendar's UID is built from it
    title: str
    label: str  #: a short name for one-line output
    start: dt.date
    end: dt.date
    responsible: str = ""
    deadline: bool = False
    details: str = ""
    source: str = ""  #: where it comes from: a key of the centre file, or the pack's wheel

    @property
    def due(self) -> dt.date:
        """The day a deadline falls due: its last day."""
        return self.end


@dataclass(frozen=True)
class Deadline:
    """A deadline seen from a given day: overdue, due soon or later."""

    item: Dated
    days_left: int
    state: str


@dataclass
class CentreYear:
    """What `fc calendar` writes for one centre and year, and what it could not date."""

    checked: CheckedCentre
    year: int
    events: list[Dated] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)


# ---- the calendar of one year -------------------------------------------------------------------


def check_year(checked: CheckedCentre, year: int) -> None:
    """*year* lies within the agreement's validity, else a positioned error saying which years do."""
    assert checked.model is not None  # a centre that passed check_centre
    agreement = checked.model.agreement
    first, last = agreement.valid_from, agreement.valid_until
    span = f"{first.isoformat() if first else '…'} – {last.isoformat() if last else 'tills vidare'}"
    if first is not None and last is not None:
        choice = f"ett år {first.year}–{last.year}" if first.year != last.year else f"år {first.year}"
    else:
        until = last.year if last else ""
        choice = f"ett år från {first.year}" if first is not None else f"ett år till och med {until}"
    if first is not None and year < first.year:
        raise _centre_error(
            checked, ("agreement", "valid_from"),
            f"år {year} ligger före avtalets giltighet ({span}) – välj {choice} med --year",
        )
    if last is not None and year > last.year:
        raise _centre_error(
            checked, ("agreement", "valid_until"),
            f"år {year} ligger efter avtalets giltighet ({span}) – välj {choice} med --year, "
            "eller förläng avtalet (agreement.valid_until)",
        )


def centre_year(checked: CheckedCentre, year: int) -> CentreYear:
    """Every wheel activity and every data deadline of *year* for one validated centre."""
    assert checked.pack is not None  # a centre that passed check_centre
    result = CentreYear(checked, year)
    report_day = _report_day(checked, result.notes)
    wheel = checked.pack.config.annual_wheel
    for index, entry in enumerate(wheel):
        result.events.append(_wheel_event(checked, index, entry, year, report_day))
    if report_day is not None and not any(e.kind == "report_due" for e in wheel):
        result.events.append(_report_event(checked, year, report_day, None))
    result.events.extend(data_deadlines(checked, year, result.notes))
    result.events.sort(key=lambda e: e.start)  # stable: the wheel's order, then the data's
    return result


def _wheel_event(
    checked: CheckedCentre, index: int, entry: WheelEntry, year: int, report_day: tuple[int, int] | None
) -> Dated:
    assert checked.pack is not None  # a centre that passed check_centre
    if entry.kind == "report_due":
        return _report_event(checked, year, report_day, (index, entry))
    start, end = _wheel_dates(checked, index, entry, year)
    return Dated(
        key="wheel-" + _digest(entry.activity, entry.when),
        title=entry.activity,
        label=entry.activity,
        start=start,
        end=end,
        responsible=entry.responsible,
        deadline=entry.kind == "deadline",
        details=f"Årshjulet i mallpaketet {checked.pack.name}: {entry.when}.",
        source=f"annual_wheel[{index}]",
    )


def _wheel_dates(checked: CheckedCentre, index: int, entry: WheelEntry, year: int) -> tuple[dt.date, dt.date]:
    assert checked.pack is not None  # a centre that passed check_centre
    try:
        return entry.timing.dates(year)
    except WheelDateError as exc:
        path = checked.pack.folder / PACK_FILE
        key = ("annual_wheel", index, "when")
        position = load_yaml_file(path).source.position(key)  # read again only for the error's place
        raise InputError(str(exc), position, key=format_key(key)) from None


def _report_event(
    checked: CheckedCentre, year: int, report_day: tuple[int, int] | None, wheel: tuple[int, WheelEntry] | None
) -> Dated:
    """The report of the year before *year* is due: on the agreement's day, else the wheel's."""
    assert checked.model is not None  # a centre that passed check_centre
    due_text = checked.model.agreement.report_due
    if report_day is not None:
        month, day = report_day
        if (month, day) == (2, 29) and not calendar.isleap(year):
            day = 28
        start = end = dt.date(year, month, day)
        source = "agreement.report_due"
    else:
        assert wheel is not None  # the caller passes the wheel's entry when the agreement names no day
        index, entry = wheel
        start, end = _wheel_dates(checked, index, entry, year)
        source = f"annual_wheel[{index}]"
    title = wheel[1].activity if wheel else "Verksamhetsberättelsen lämnas in"
    details = f"Verksamhetsberättelsen för {year - 1}"
    details += f" lämnas senast {due_text} enligt samverkansavtalet." if due_text else "."
    return Dated(
        key="report-due",
        title=title,
        label=f"verksamhetsberättelsen för {year - 1}",
        start=end,  # a deadline is one day: the last of the wheel's span ('februari')
        end=end,
        responsible=wheel[1].responsible if wheel else "Samordnare",
        deadline=True,
        details=details,
        source=source,
    )


def _report_day(checked: CheckedCentre, notes: list[Diagnostic]) -> tuple[int, int] | None:
    """The report's due day from `agreement.report_due`; a note when it is missing or unreadable."""
    assert checked.model is not None and checked.pack is not None  # a centre that passed check_centre
    text = checked.model.agreement.report_due
    has_wheel = any(e.kind == "report_due" for e in checked.pack.config.annual_wheel)
    if text is None:
        if not has_wheel:
            notes.append(_note(
                checked, ("agreement", "report_due"),
                "saknas – dagen då verksamhetsberättelsen ska lämnas behövs för fristen; skriv t.ex. "
                "'den första mars' eller '28/2'",
            ))
        return None
    day = parse_day_of_year(text)
    if day is None:
        fallback = "årshjulets dag används" if has_wheel else "fristen för verksamhetsberättelsen utelämnas"
        notes.append(_note(
            checked, ("agreement", "report_due"),
            f"'{text}' kan inte läsas som en dag – skriv t.ex. 'den första mars', '1 mars' eller '28/2' "
            f"({fallback})",
        ))
    return day


# ---- deadlines from the data --------------------------------------------------------------------


def data_deadlines(checked: CheckedCentre, year: int, notes: list[Diagnostic]) -> list[Dated]:
    """The deadlines of the agreement and the coordinator agreement that fall in *year*."""
    model = checked.model
    assert model is not None  # a centre that passed check_centre
    agreement, coordinator = model.agreement, model.coordinator
    parties = "Huvudmännen"
    found: list[Dated] = []
    if agreement.review_by_month is not None:
        if agreement.valid_from is None:
            notes.append(_note(
                checked, ("agreement", "valid_from"),
                "saknas – fristen för årlig omprövning eller uppsägning av avtalet (agreement.review_by_month) "
                "behöver datumet då avtalet börjar gälla",
            ))
        else:
            month = agreement.review_by_month
            day = dt.date(year, month, calendar.monthrange(year, month)[1])
            if agreement.valid_from <= day and (agreement.valid_until is None or day <= agreement.valid_until):
                found.append(Dated(
                    key="agreement-review",
                    title="Sista dag att initiera omprövning eller uppsägning av samverkansavtalet",
                    label="omprövning eller uppsägning av avtalet",
                    start=day, end=day, responsible=parties, deadline=True,
                    details=(
                        f"Respektive huvudman kan årligen, före {month_name(month)} månads utgång, initiera "
                        "omprövning eller uppsägning av avtalet."
                    ),
                    source="agreement.review_by_month",
                ))
    if agreement.valid_until is not None:
        found += _agreement_end(checked, year, parties)
    if coordinator.end is not None:
        end = coordinator.end
        who = model.centre_group.name if model.centre_group else parties
        found += _term_end(
            "coordinator", end, coordinator.notice_months, year, who,
            ("Samordnaruppdraget slutar", "samordnaruppdraget slutar"),
            ("Sista dag att säga upp samordnaruppdraget eller besluta om förlängning",
             "beslut om samordnaruppdraget"),
            f"Samordnaruppdraget{' för ' + coordinator.name if coordinator.name else ''} gäller till och med "
            f"{sv_date(end)}; uppsägningstiden är {_months(coordinator.notice_months)}.",
            "coordinator.end",
        )
    return found


def _agreement_end(checked: CheckedCentre, year: int, parties: str) -> list[Dated]:
    """A fixed term's end, and the last day to decide: the extension's own time when the agreement
    has one (`extension.decide_months_before_end`), else the notice (the centre's, else the pack
    text's); an agreement whose text has neither gets its end only (Örebro's has no notice period)."""
    assert checked.model is not None and checked.model.agreement.valid_until is not None
    agreement = checked.model.agreement
    end = agreement.valid_until
    assert end is not None
    notice = agreement.notice_months
    if notice is None and checked.pack is not None:
        notice = checked.pack.config.rules.notice_months
    extension = agreement.extension
    details = f"Samverkansavtalet gäller till och med {sv_date(end)}"
    if notice is not None:
        details += f"; uppsägningstiden är {_months(notice)}"
    if extension is not None:
        details += f"; det kan förlängas med högst {_months(extension.max_months)}"
    ending = ("Samverkansavtalet löper ut", "avtalet löper ut")
    if extension is not None and extension.decide_months_before_end is not None:
        deciding = ("Sista dag att besluta om förlängning av samverkansavtalet", "beslut om avtalets förlängning")
        notice = extension.decide_months_before_end
    else:
        deciding = ("Sista dag att säga upp samverkansavtalet eller besluta om förlängning",
                    "beslut om avtalets förlängning")
    return _term_end("agreement", end, notice, year, parties, ending, deciding, details + ".",
                     "agreement.valid_until")


def _term_end(
    key: str, end: dt.date, notice: int | None, year: int, who: str, ending: tuple[str, str],
    deciding: tuple[str, str], details: str, source: str,
) -> list[Dated]:
    items = [Dated(f"{key}-end", ending[0], ending[1], end, end, who, True, details, source)]
    if notice is not None:
        decide = months_before(end, notice)
        items.insert(0, Dated(f"{key}-notice", deciding[0], deciding[1], decide, decide, who, True, details, source))
    return [item for item in items if item.start.year == year]


def months_before(day: dt.date, months: int) -> dt.date:
    """*day* moved back *months* months: the last day of a month gives the last day of that month
    (notice by 31 March for 30 June), any other day the same day where it exists (31 → 30)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return dt.date(year, month, last)
    return dt.date(year, month, min(day.day, last))


def _months(n: int) -> str:
    return f"{n} månad" if n == 1 else f"{n} månader"


# ---- seen from one day (fc status) ----------------------------------------------------------------


def deadlines_on(checked: CheckedCentre, today: dt.date) -> tuple[list[Deadline], list[Diagnostic]]:
    """The deadlines overdue on *today* and those of the coming year, in date order, and the notes.

    Overdue are: the report of last year when its day has passed and `report.year` is older; the
    end of the agreement or of the coordinator agreement when it has passed.
    """
    assert checked.model is not None  # a centre that passed check_centre
    notes: list[Diagnostic] = []
    items: list[Dated] = []
    years = {today.year - 1, today.year, today.year + 1}
    for ending in (checked.model.agreement.valid_until, checked.model.coordinator.end):
        if ending is not None and ending < today:
            years.add(ending.year)  # an end long past is still overdue
    for year in sorted(years):
        items.extend(_deadlines_of(checked, year, notes if year == today.year else []))
    found: list[Deadline] = []
    seen: set[tuple[str, dt.date]] = set()
    report_year = checked.model.report.year
    for item in sorted(items, key=lambda i: (i.due, i.key)):
        if (item.key, item.due) in seen:
            continue
        seen.add((item.key, item.due))
        days = (item.due - today).days
        if days < 0:
            overdue = item.key in ("agreement-end", "coordinator-end") or (
                item.key == "report-due" and item.due.year == today.year
                and report_year is not None and report_year < today.year - 1
            )
            if overdue:
                found.append(Deadline(item, days, OVERDUE))
        elif days <= HORIZON_DAYS:
            found.append(Deadline(item, days, SOON if days <= SOON_DAYS else LATER))
    found.sort(key=lambda d: (d.state != OVERDUE, d.item.due, d.item.key))
    return found, notes


def _deadlines_of(checked: CheckedCentre, year: int, notes: list[Diagnostic]) -> list[Dated]:
    """Only the deadlines of *year* (the wheel's other activities are not dated here)."""
    assert checked.pack is not None  # a centre that passed check_centre
    wheel = checked.pack.config.annual_wheel
    report_day = _report_day(checked, notes)
    items: list[Dated] = []
    for index, entry in enumerate(wheel):
        if entry.kind != "activity":
            items.append(_wheel_event(checked, index, entry, year, report_day))
    if report_day is not None and not any(e.kind == "report_due" for e in wheel):
        items.append(_report_event(checked, year, report_day, None))
    items.extend(data_deadlines(checked, year, notes))
    return items


# ---- helpers ------------------------------------------------------------------------------------


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def _note(checked: CheckedCentre, key: tuple, message: str) -> Diagnostic:
    assert checked.loaded is not None  # a centre that passed check_centre
    position = checked.loaded.source.position(key)
    return Diagnostic(checked.display, position.line, position.column, WARNING, "deadline-date",
                      format_key(key), message)


def _centre_error(checked: CheckedCentre, key: tuple, message: str) -> InputError:
    assert checked.loaded is not None  # a centre that passed check_centre
    return InputError(message, checked.loaded.source.position(key), key=format_key(key))
