"""A centre's year on real dates: the pack's wheel, and the deadlines the data sets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from county import edited

from fc_cli.check.centre import check_centre
from fc_cli.errors import InputError
from fc_cli.year.deadlines import LATER, OVERDUE, SOON, centre_year, check_year, deadlines_on, months_before

from helpers import EXAMPLES

D = dt.date


def _centre(tmp_path: Path, example: str, *changes: tuple[str, str]):
    folder = tmp_path / example
    folder.mkdir(exist_ok=True)
    path = folder / "centre.yaml"
    path.write_text(edited(example, *changes), encoding="utf-8")
    checked = check_centre(path, f"{example}/centre.yaml")
    assert checked.model is not None and checked.pack is not None, checked.diagnostics
    return checked


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2028, 12, 31), 6, D(2028, 6, 30)),
        (D(2027, 6, 30), 3, D(2027, 3, 31)),  # the end of a month gives the end of a month
        (D(2028, 5, 31), 3, D(2028, 2, 29)),  # leap year
        (D(2027, 5, 31), 3, D(2027, 2, 28)),
        (D(2027, 5, 29), 3, D(2027, 2, 28)),  # no 29 February in 2027
        (D(2028, 5, 29), 3, D(2028, 2, 29)),
        (D(2027, 3, 15), 12, D(2026, 3, 15)),
        (D(2027, 3, 15), 0, D(2027, 3, 15)),
    ],
)
def test_months_before(day: dt.date, months: int, expected: dt.date) -> None:
    assert months_before(day, months) == expected


def test_every_wheel_entry_is_an_event_on_its_dates() -> None:
    for example in ("lugnvik", "vivalla", "rud"):
        checked = check_centre(EXAMPLES / example / "centre.yaml")
        year = centre_year(checked, 2028)
        events = {e.source: e for e in year.events}
        for index, entry in enumerate(checked.pack.config.annual_wheel):
            if entry.kind == "report_due":
                continue
            event = events[f"annual_wheel[{index}]"]
            assert (event.title, event.responsible, (event.start, event.end)) == (
                entry.activity, entry.responsible, entry.timing.dates(2028)
            )


def test_the_deadlines_of_a_fixed_term_agreement_and_coordinator_agreement() -> None:
    # both end 2028-12-31; Rud's agreement has a notice period and no yearly review (issue 12: one
    # rule or the other in Värmland's text), so no agreement-review
    checked = check_centre(EXAMPLES / "rud" / "centre.yaml")
    year = centre_year(checked, 2028)
    deadlines = [(e.key, e.start, e.title) for e in year.events if e.deadline]
    assert deadlines == [
        # the agreement says 'den första mars': it wins over the wheel's February
        ("report-due", D(2028, 3, 1), "Verksamhetsberättelsen lämnas till ledningsgruppen"),
        ("agreement-notice", D(2028, 6, 30), "Sista dag att säga upp samverkansavtalet eller besluta om förlängning"),
        ("coordinator-notice", D(2028, 9, 30), "Sista dag att säga upp samordnaruppdraget eller besluta om förlängning"),
        ("agreement-end", D(2028, 12, 31), "Samverkansavtalet löper ut"),
        ("coordinator-end", D(2028, 12, 31), "Samordnaruppdraget slutar"),
    ]
    details = {e.key: e.details for e in year.events}
    assert details["agreement-end"] == (
        "Samverkansavtalet gäller till och med 31 december 2028; uppsägningstiden är 6 månader."
    )
    assert details["coordinator-notice"] == (
        "Samordnaruppdraget för Maria Holm gäller till och med 31 december 2028; uppsägningstiden är 3 månader."
    )
    assert details["report-due"] == (
        "Verksamhetsberättelsen för 2027 lämnas senast den första mars enligt samverkansavtalet."
    )
    assert year.notes == []
    # in 2027 neither agreement ends: only the yearly deadline
    assert [e.key for e in centre_year(checked, 2027).events if e.deadline] == ["report-due"]


def test_a_yearly_review_within_a_fixed_term(tmp_path: Path) -> None:
    checked = _centre(tmp_path, "rud", ("  notice_months: 6\n", "  notice_months: 6\n  review_by_month: 6\n"))
    review = ("agreement-review", D(2028, 6, 30), "Sista dag att initiera omprövning eller uppsägning av samverkansavtalet")
    assert [(e.key, e.start, e.title) for e in centre_year(checked, 2028).events if e.deadline][1:3] == [
        review, ("agreement-notice", D(2028, 6, 30), "Sista dag att säga upp samverkansavtalet eller besluta om förlängning"),
    ]
    assert [e.key for e in centre_year(checked, 2027).events if e.deadline] == ["report-due", "agreement-review"]


def test_the_report_day_comes_from_the_wheel_when_the_data_has_none(tmp_path: Path) -> None:
    checked = _centre(tmp_path, "rud", ("  report_due: den första mars\n", ""))
    due = {y: next(e for e in centre_year(checked, y).events if e.key == "report-due") for y in (2027, 2028)}
    assert (due[2027].start, due[2027].end) == (D(2027, 2, 28), D(2027, 2, 28))  # varmland: 'februari'
    assert (due[2028].start, due[2028].end) == (D(2028, 2, 29), D(2028, 2, 29))  # its last day, leap year
    assert due[2028].source == "annual_wheel[2]"


def test_a_report_day_that_cannot_be_read_is_a_note_at_its_place(tmp_path: Path) -> None:
    checked = _centre(tmp_path, "rud", ("report_due: den första mars", "report_due: i början av mars"))
    year = centre_year(checked, 2027)
    assert [n.as_text() for n in year.notes] == [
        "rud/centre.yaml:104:15: warning: agreement.report_due: 'i början av mars' kan inte läsas som en dag – "
        "skriv t.ex. 'den första mars', '1 mars' eller '28/2' (årshjulets dag används) [deadline-date]"
    ]
    assert next(e for e in year.events if e.key == "report-due").start == D(2027, 2, 28)


def test_a_missing_start_date_is_a_note_and_the_other_deadlines_remain(tmp_path: Path) -> None:
    checked = _centre(tmp_path, "vivalla", ("  valid_from: 2027-01-01\n", "  valid_from: <fyll i>\n"))
    year = centre_year(checked, 2027)
    assert [n.as_text() for n in year.notes] == [
        "vivalla/centre.yaml:117:15: warning: agreement.valid_from: saknas – fristen för årlig omprövning eller "
        "uppsägning av avtalet (agreement.review_by_month) behöver datumet då avtalet börjar gälla [deadline-date]"
    ]
    assert [e.key for e in year.events if e.deadline] == ["report-due"]


def test_a_year_outside_the_agreement_is_an_error_at_the_date_it_passes() -> None:
    rud = check_centre(EXAMPLES / "rud" / "centre.yaml", "rud/centre.yaml")
    with pytest.raises(InputError) as caught:
        check_year(rud, 2029)
    assert str(caught.value) == (
        "rud/centre.yaml:100:16: error: agreement.valid_until: år 2029 ligger efter avtalets giltighet "
        "(2026-01-01 – 2028-12-31) – välj ett år 2026–2028 med --year, eller förläng avtalet (agreement.valid_until)"
    )
    vivalla = check_centre(EXAMPLES / "vivalla" / "centre.yaml", "vivalla/centre.yaml")
    with pytest.raises(InputError) as caught:
        check_year(vivalla, 2026)
    assert str(caught.value) == (
        "vivalla/centre.yaml:117:15: error: agreement.valid_from: år 2026 ligger före avtalets giltighet "
        "(2027-01-01 – tills vidare) – välj ett år från 2027 med --year"
    )
    check_year(rud, 2026)
    check_year(rud, 2028)
    check_year(vivalla, 2040)


# ---- seen from one day ----------------------------------------------------------------------------


def _seen(checked, today: dt.date) -> list[tuple[str, dt.date, int, str]]:
    deadlines, _ = deadlines_on(checked, today)
    return [(d.item.key, d.item.due, d.days_left, d.state) for d in deadlines]


def test_deadlines_seen_from_a_day(tmp_path: Path) -> None:
    rud = check_centre(EXAMPLES / "rud" / "centre.yaml")
    assert _seen(rud, D(2028, 6, 1)) == [
        ("agreement-notice", D(2028, 6, 30), 29, SOON),
        ("coordinator-notice", D(2028, 9, 30), 121, LATER),
        ("agreement-end", D(2028, 12, 31), 213, LATER),
        ("coordinator-end", D(2028, 12, 31), 213, LATER),
        ("report-due", D(2029, 3, 1), 273, LATER),
    ]
    # after the end both agreements are overdue; no review in 2029, but the report of 2028 is still due
    assert _seen(rud, D(2029, 1, 15)) == [
        ("agreement-end", D(2028, 12, 31), -15, OVERDUE),
        ("coordinator-end", D(2028, 12, 31), -15, OVERDUE),
        ("report-due", D(2029, 3, 1), 45, LATER),
    ]


def test_the_report_is_overdue_only_when_the_data_is_a_year_behind(tmp_path: Path) -> None:
    behind = _centre(tmp_path, "vivalla", ("  year: 2026", "  year: 2025"))
    assert _seen(behind, D(2027, 3, 1))[0] == ("report-due", D(2027, 2, 28), -1, OVERDUE)
    assert _seen(behind, D(2027, 2, 28))[0] == ("report-due", D(2027, 2, 28), 0, SOON)
    current = check_centre(EXAMPLES / "vivalla" / "centre.yaml")  # report.year 2026
    assert [d[0] for d in _seen(current, D(2027, 3, 1))] == ["agreement-review", "report-due"]
