"""`fc calendar`: every example's year as iCalendar, read back by two independent parsers
(`icalendar` and `vobject`) and checked against the pack's wheel and the centre's data."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import shutil
from pathlib import Path

import icalendar
import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from fc_cli.check.centre import check_centre, display_path
from fc_cli.year.calendar import escape, fold

from helpers import EXAMPLES, run_fc

EPOCH = "1800000000"  # 2027-01-15T08:00:00Z
STAMP = dt.datetime(2027, 1, 15, 8, 0, tzinfo=dt.UTC)


@pytest.fixture()
def reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def _calendar(tmp_path: Path, *args: str, name: str = "c.ics") -> tuple[str, list]:
    target = tmp_path / name
    result = run_fc("calendar", *args, "-o", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{target}\n"
    raw = target.read_bytes()
    text = raw.decode("utf-8")
    _check_rfc5545(raw)
    vobject.readOne(text, validate=True)  # raises on a missing UID, DTSTAMP, PRODID or VERSION
    parsed = icalendar.Calendar.from_ical(text)
    events = parsed.walk("VEVENT")
    for event in events:
        assert event.errors == [], event.errors
    return text, events


def _check_rfc5545(raw: bytes) -> None:
    """CRLF line ends only; no line longer than 75 octets; folded lines start with one space."""
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n")[:-1]:
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never splits a character


@pytest.mark.parametrize(("example", "year"), [("lugnvik", 2027), ("vivalla", 2028), ("rud", 2028)])
def test_every_example_as_a_calendar(tmp_path: Path, reproducible: None, example: str, year: int) -> None:
    text, events = _calendar(tmp_path, EXAMPLES / example, "--year", str(year))
    checked = check_centre(EXAMPLES / example / "centre.yaml")
    wheel = checked.pack.config.annual_wheel
    slug = {"lugnvik": "familjecentralen-lugnvik", "vivalla": "familjecentralen-vivalla",
            "rud": "familjetraffen-rud"}[example]
    assert "X-WR-CALNAME:Årshjul " + str(year) in text
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert all(re.fullmatch(rf"{year}-{slug}-[a-z0-9-]+@fc-cli", uid) for uid in uids)
    for event in events:
        assert event["DTSTAMP"].dt == STAMP
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        # all-day events: dates, never times (so no time zone and no daylight saving to get wrong)
        assert type(start) is dt.date and type(end) is dt.date and end > start
    assert re.findall(r"^DT(?:START|END)[^\r]*", text, re.M) == [
        f"DT{part};VALUE=DATE:{day}" for part, day in re.findall(r"^DT(START|END);VALUE=DATE:(\d{8})\r$", text, re.M)
    ]
    summaries = [(str(e["SUMMARY"]), e["DTSTART"].dt, e["DTEND"].dt - dt.timedelta(days=1)) for e in events]
    for entry in wheel:
        first, last = entry.timing.dates(year)
        if entry.kind == "report_due":
            continue
        assert (entry.activity, first, last) in summaries, entry
    # every responsible is named in the description
    descriptions = [str(e["DESCRIPTION"]) for e in events]
    for entry in wheel:
        assert any(f"Ansvarig: {entry.responsible}" in d for d in descriptions)


def test_the_data_deadlines_are_events_with_a_reminder(tmp_path: Path, reproducible: None) -> None:
    _, events = _calendar(tmp_path, EXAMPLES / "rud", "--year", "2028")
    deadlines = {str(e["UID"]).split("-rud-")[1]: e for e in events if str(e["CATEGORIES"].cats[0]) == "Frist"}
    assert {k: v["DTSTART"].dt for k, v in deadlines.items()} == {
        "report-due@fc-cli": dt.date(2028, 3, 1),
        "agreement-notice@fc-cli": dt.date(2028, 6, 30),
        "coordinator-notice@fc-cli": dt.date(2028, 9, 30),
        "agreement-end@fc-cli": dt.date(2028, 12, 31),
        "coordinator-end@fc-cli": dt.date(2028, 12, 31),
    }
    end = deadlines["agreement-end@fc-cli"]
    assert str(end["SUMMARY"]) == "Samverkansavtalet löper ut"
    assert str(end["DESCRIPTION"]) == (
        "Samverkansavtalet gäller till och med 31 december 2028; uppsägningstiden är 6 månader.\n"
        "Ansvarig: Huvudmännen\n"
        "Familjeträffen Rud, Karlstad (mallpaket varmland)\n"
        f"Enligt {display_path(EXAMPLES / 'rud' / 'centre.yaml')}: agreement.valid_until"
    )
    alarm = end.walk("VALARM")[0]
    assert (str(alarm["ACTION"]), alarm["TRIGGER"].dt) == ("DISPLAY", -dt.timedelta(days=7))
    assert end["DTEND"].dt == dt.date(2029, 1, 1)  # the day after: DTEND of an all-day event is exclusive


def test_a_leap_year_and_week_one_across_the_new_year(tmp_path: Path, reproducible: None) -> None:
    pack = tmp_path / "mitt-lan"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        "name: mitt-lan\nregion: Region Mitt\ndocuments: {}\nannual_wheel:\n"
        "  - {activity: Årets första vecka, when: v. 1, responsible: Samordnare}\n"
        "  - {activity: Årsskiftet, when: v. 52–1, responsible: Samordnare}\n"
        "  - {activity: Februari, when: februari, responsible: Samordnare, kind: deadline}\n"
        "  - {activity: Vintern, when: december–februari, responsible: Samordnare}\n",
        encoding="utf-8",
    )
    centre = tmp_path / "c"
    centre.mkdir()
    text = (EXAMPLES / "rud" / "centre.yaml").read_text(encoding="utf-8").replace("pack: varmland", "pack: ../mitt-lan")
    (centre / "centre.yaml").write_text(text, encoding="utf-8")
    dates = {}
    for year in (2026, 2027, 2028):
        _, events = _calendar(tmp_path, centre, "--year", str(year), name=f"{year}.ics")
        dates[year] = {str(e["SUMMARY"]): (e["DTSTART"].dt, e["DTEND"].dt) for e in events}
    assert dates[2026]["Årets första vecka"] == (dt.date(2025, 12, 29), dt.date(2026, 1, 5))
    assert dates[2027]["Årets första vecka"] == (dt.date(2027, 1, 4), dt.date(2027, 1, 11))
    assert dates[2026]["Årsskiftet"] == (dt.date(2026, 12, 21), dt.date(2027, 1, 11))
    assert dates[2027]["Februari"] == (dt.date(2027, 2, 1), dt.date(2027, 3, 1))
    assert dates[2028]["Februari"] == (dt.date(2028, 2, 1), dt.date(2028, 3, 1))
    assert dates[2027]["Vintern"] == (dt.date(2027, 12, 1), dt.date(2028, 3, 1))  # to 29 February 2028
    assert dates[2028]["Vintern"] == (dt.date(2028, 12, 1), dt.date(2029, 3, 1))


def test_uids_are_stable_however_the_centre_is_named(tmp_path: Path, reproducible: None) -> None:
    one, _ = _calendar(tmp_path, EXAMPLES / "rud" / "centre.yaml", "--year", "2027", name="one.ics")
    again, _ = _calendar(tmp_path, EXAMPLES / "rud", "--year", "2027", name="again.ics")
    assert one == again  # byte-identical with SOURCE_DATE_EPOCH
    _, county = _calendar(tmp_path, EXAMPLES / "rud", EXAMPLES / "lugnvik", "--year", "2027", name="county.ics")
    _, alone = _calendar(tmp_path, EXAMPLES / "rud", "--year", "2027", name="alone.ics")
    rud = {str(e["UID"]) for e in county if str(e["UID"]).startswith("2027-familjetraffen-rud-")}
    assert rud == {str(e["UID"]) for e in alone}


def test_a_folder_of_centres_names_the_centre_in_each_event(tmp_path: Path, reproducible: None) -> None:
    text, events = _calendar(tmp_path, EXAMPLES, "--year", "2027")
    assert "X-WR-CALNAME:Årshjul 2027 – 5 familjecentraler\r\n" in text
    names = {str(e["SUMMARY"]).split(": ")[0] for e in events}
    assert names == {"Familjecentralen Lugnvik", "Familjecentralen Vivalla", "Familjeträffen Rud",
                     "Familjecentralen Solbacken", "Familjecentralen Hamnen"}  # examples/agreement-repo


def test_without_output_one_file_per_centre_beside_it(tmp_path: Path, reproducible: None) -> None:
    for example in ("rud", "vivalla"):
        shutil.copytree(EXAMPLES / example, tmp_path / example)
    result = run_fc("calendar", "--year", "2027", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "rud/arshjul-familjetraffen-rud-2027.ics\nvivalla/arshjul-familjecentralen-vivalla-2027.ics\n"
    vobject.readOne((tmp_path / "rud" / "arshjul-familjetraffen-rud-2027.ics").read_text(encoding="utf-8"))


def test_standard_output(reproducible: None) -> None:
    result = run_fc("calendar", EXAMPLES / "vivalla", "--year", "2027", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fc-cli//fc calendar//SV\r\n")
    _check_rfc5545(result.stdout_bytes)
    assert len(icalendar.Calendar.from_ical(result.stdout_bytes).walk("VEVENT")) == 21


def test_a_missing_date_is_a_warning_and_the_calendar_is_written(tmp_path: Path, reproducible: None) -> None:
    centre = tmp_path / "c"
    centre.mkdir()
    text = (EXAMPLES / "vivalla" / "centre.yaml").read_text(encoding="utf-8")
    (centre / "centre.yaml").write_text(text.replace("  valid_from: 2027-01-01\n", "  valid_from:\n"), encoding="utf-8")
    result = run_fc("calendar", "c", "--year", "2027", "-o", "c.ics", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stderr == (
        "c/centre.yaml:117:3: warning: agreement.valid_from: saknas – fristen för årlig omprövning eller uppsägning "
        "av avtalet (agreement.review_by_month) behöver datumet då avtalet börjar gälla [deadline-date]\n"
    )
    events = icalendar.Calendar.from_ical((tmp_path / "c.ics").read_text(encoding="utf-8")).walk("VEVENT")
    assert len(events) == 20  # the wheel; no review deadline without the agreement's start


# ---- bad input --------------------------------------------------------------------------------------


def test_a_year_outside_the_agreement_writes_nothing(tmp_path: Path) -> None:
    result = run_fc("calendar", EXAMPLES / "rud", EXAMPLES / "vivalla", "--year", "2029", "-o", tmp_path / "x.ics")
    assert result.exit_code == 1
    shown = display_path(EXAMPLES / "rud" / "centre.yaml")
    assert result.stdout == (
        f"{shown}:100:16: error: agreement.valid_until: år 2029 ligger efter avtalets giltighet (2026-01-01 – "
        "2028-12-31) – välj ett år 2026–2028 med --year, eller förläng avtalet (agreement.valid_until) [calendar]\n"
        "1 fil kontrollerad: 1 fel, 0 varningar\n"
    )
    assert result.stderr == "error: ingen kalender skrevs: 1 fil med fel – rätta felen ovan\n"
    assert not (tmp_path / "x.ics").exists()


def test_a_week_the_year_lacks_is_an_error_in_the_pack(tmp_path: Path) -> None:
    pack = tmp_path / "mitt-lan"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        "name: mitt-lan\nregion: Region Mitt\ndocuments: {}\nannual_wheel:\n"
        "  - activity: Enkät\n    when: v. 53\n", encoding="utf-8")
    centre = tmp_path / "c"
    centre.mkdir()
    text = (EXAMPLES / "rud" / "centre.yaml").read_text(encoding="utf-8").replace("pack: varmland", "pack: ../mitt-lan")
    (centre / "centre.yaml").write_text(text, encoding="utf-8")
    ok = run_fc("calendar", "c", "--year", "2026", "-o", "2026.ics", cwd=tmp_path)  # 2026 has week 53
    assert ok.exit_code == 0, ok.stderr
    result = run_fc("calendar", "c", "--year", "2027", "-o", "2027.ics", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "mitt-lan/pack.yaml:6:11: error: annual_wheel[0].when: vecka 53 finns inte år 2027 (året har 52 veckor) – "
        "skriv en vecka 1–52, eller en månad eller dag som finns varje år [calendar]"
    )
    assert not (tmp_path / "2027.ics").exists()


def test_an_unreadable_centre_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "centre.yaml").write_text("schema_version: 1\npack: orebro\ncentre: [\n", encoding="utf-8")
    result = run_fc("calendar", "c", "-o", "x.ics", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == "error: ingen kalender skrevs: 1 fil med fel – rätta felen ovan\n"
    assert result.stdout.startswith("c/centre.yaml:")
    assert not (tmp_path / "x.ics").exists()


def test_an_output_that_is_a_folder_is_wrong_usage(tmp_path: Path) -> None:
    result = run_fc("calendar", EXAMPLES / "rud", "-o", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {tmp_path} är en mapp – ange en fil att skriva kalendern till, t.ex. {tmp_path / 'arshjul.ics'}\n"
    )


def test_a_year_that_is_no_year_is_wrong_usage() -> None:
    result = run_fc("calendar", EXAMPLES / "rud", "--year", "27")
    assert result.exit_code == 2
    assert result.stderr == "error: --year 27 är inget år fc räknar med – ange ett år 2000–2100 med fyra siffror, t.ex. 2027\n"


# ---- the writer's pieces ------------------------------------------------------------------------------


def test_text_is_escaped_and_lines_folded_without_splitting_a_character() -> None:
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "å" * 60
    folded = fold(line)
    parts = folded.split("\r\n ")
    assert [len(p.encode("utf-8")) for p in parts] == [74, 54]  # "å" is two octets: 75 would split one
    assert "".join(parts) == line
    assert fold("X" * 75) == "X" * 75
    assert fold("X" * 76) == "X" * 75 + "\r\n X"


def test_without_a_year_a_centre_whose_agreement_has_not_begun_is_left_out(
    tmp_path: Path, reproducible: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fc_cli.errors import ValidationFailed
    from fc_cli.year.calendar import calendar_paths

    for example in ("rud", "vivalla"):
        shutil.copytree(EXAMPLES / example, tmp_path / example)
    monkeypatch.chdir(tmp_path)
    result = calendar_paths([Path(".")], None, None, dt.date(2026, 6, 1))  # vivalla's agreement begins 2027
    assert result.written == [Path("rud/arshjul-familjetraffen-rud-2026.ics")]
    assert [n.as_text() for n in result.notes] == [
        "vivalla/centre.yaml:117:15: warning: agreement.valid_from: år 2026 ligger före avtalets giltighet "
        "(2027-01-01 – tills vidare): centrumet är inte med i kalendern – välj ett år från 2027 med --year [calendar]"
    ]
    with pytest.raises(ValidationFailed) as caught:
        calendar_paths([Path("vivalla")], None, None, dt.date(2026, 6, 1))
    assert caught.value.message == "ingen kalender skrevs: inget av avtalen gäller år 2026 – välj ett år med --year"
    assert not (tmp_path / "vivalla" / "arshjul-familjecentralen-vivalla-2026.ics").exists()


@settings(max_examples=200, deadline=None, derandomize=bool(os.environ.get("CI")))
@given(text=st.text(max_size=400))  # no lone surrogates: the data model refuses them (fc_cli/errors.py)
def test_any_text_folds_and_reads_back_as_written(text: str) -> None:
    """Whatever a centre's data holds, the event text comes back from a real parser as it was."""
    text = text.replace("\r", "")  # line ends are one \n in TEXT; a lone \r has no meaning there
    line = "SUMMARY:" + escape(text)
    folded = fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
    event = icalendar.Event.from_ical(f"BEGIN:VEVENT\r\n{folded}\r\nEND:VEVENT\r\n")
    assert str(event["SUMMARY"]) == text


def test_a_full_disk_at_the_second_centre_takes_the_first_calendar_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for example in ("rud", "vivalla"):
        shutil.copytree(EXAMPLES / example, tmp_path / example)
    real, done = os.replace, []

    def replace(*args: object, **kwargs: object) -> None:  # the disk is full after one file
        if done:
            raise OSError(errno.ENOSPC, "No space left on device")
        done.append(args)
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    result = run_fc("calendar", "--year", "2027", cwd=tmp_path)
    first, second = (tmp_path / "rud" / "arshjul-familjetraffen-rud-2027.ics",
                     tmp_path / "vivalla" / "arshjul-familjecentralen-vivalla-2027.ics")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: kan inte skriva vivalla/arshjul-familjecentralen-vivalla-2027.ics (disken är full) – inget skrevs; "
        "rud/arshjul-familjetraffen-rud-2027.ics, som hann skrivas, togs bort igen; frigör utrymme och försök igen\n"
    )
    assert not first.exists() and not second.exists()
