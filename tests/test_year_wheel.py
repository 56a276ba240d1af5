"""The annual wheel: `when` as written in an årshjul, dated for a year; the wheel in pack.yaml."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from fc_cli.errors import InputError
from fc_cli.packs import list_shipped_packs, load_pack_folder
from fc_cli.wheel import WheelDateError, iso_weeks, parse_day_of_year, parse_when

from helpers import EXAMPLES, ROOT, run_fc

D = dt.date


@pytest.mark.parametrize(
    ("written", "year", "first", "last"),
    [
        ("januari", 2027, D(2027, 1, 1), D(2027, 1, 31)),
        ("Mars", 2027, D(2027, 3, 1), D(2027, 3, 31)),
        ("februari", 2027, D(2027, 2, 1), D(2027, 2, 28)),
        ("februari", 2028, D(2028, 2, 1), D(2028, 2, 29)),  # leap year
        ("mars–maj", 2027, D(2027, 3, 1), D(2027, 5, 31)),
        ("december - januari", 2027, D(2027, 12, 1), D(2028, 1, 31)),  # passes new year
        ("v. 39", 2027, D(2027, 9, 27), D(2027, 10, 3)),
        ("vecka 39", 2027, D(2027, 9, 27), D(2027, 10, 3)),
        ("v39", 2027, D(2027, 9, 27), D(2027, 10, 3)),
        ("v. 45–46", 2027, D(2027, 11, 8), D(2027, 11, 21)),
        ("v.45-v.46", 2026, D(2026, 11, 2), D(2026, 11, 15)),
        ("v. 1", 2026, D(2025, 12, 29), D(2026, 1, 4)),  # ISO week 1 of 2026 starts in 2025
        ("v. 1", 2027, D(2027, 1, 4), D(2027, 1, 10)),
        ("v. 53", 2026, D(2026, 12, 28), D(2027, 1, 3)),  # 2026 has 53 weeks
        ("v. 52–1", 2027, D(2027, 12, 27), D(2028, 1, 9)),
        ("28/2", 2027, D(2027, 2, 28), D(2027, 2, 28)),
        ("29/2", 2028, D(2028, 2, 29), D(2028, 2, 29)),
        ("1/6–15/8", 2027, D(2027, 6, 1), D(2027, 8, 15)),
        ("20/12–6/1", 2027, D(2027, 12, 20), D(2028, 1, 6)),
    ],
)
def test_when_is_dated_for_the_year(written: str, year: int, first: dt.date, last: dt.date) -> None:
    assert parse_when(written).dates(year) == (first, last)


def test_weeks_in_a_year_follow_iso_8601() -> None:
    assert [iso_weeks(y) for y in (2020, 2021, 2025, 2026, 2027, 2032)] == [53, 52, 52, 53, 52, 53]


@pytest.mark.parametrize(
    ("written", "year", "message"),
    [
        ("v. 53", 2027, "vecka 53 finns inte år 2027 (året har 52 veckor) – skriv en vecka 1–52, eller en månad "
                        "eller dag som finns varje år"),
        ("v. 52–53", 2025, "vecka 53 finns inte år 2025 (året har 52 veckor) – skriv en vecka 1–52, eller en månad "
                           "eller dag som finns varje år"),
        ("29/2", 2027, "29/2 finns inte år 2027 (inget skottår) – skriv 28/2, eller 'februari' för hela månaden"),
    ],
)
def test_a_day_the_year_lacks_is_an_error(written: str, year: int, message: str) -> None:
    timing = parse_when(written)
    with pytest.raises(WheelDateError) as caught:
        timing.dates(year)
    assert str(caught.value) == message


HELP = "skriv en månad ('mars'), månader ('december–januari'), veckor ('v. 45–46') eller en dag ('28/2')"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("v. 54", "vecka 54 finns inte – veckorna är numrerade 1–53 (ISO-veckor)"),
        ("v. 0", "vecka 0 finns inte – veckorna är numrerade 1–53 (ISO-veckor)"),
        ("marz", f"'marz' kan inte läsas som en tid på året: okänd månad 'marz' – menade du 'mars'? {HELP}"),
        ("mars–majj", f"'mars–majj' kan inte läsas som en tid på året: okänd månad 'majj' – menade du 'maj'? {HELP}"),
        ("sommar", f"'sommar' kan inte läsas som en tid på året: okänd månad 'sommar' – {HELP}"),
        ("31/2", "31/2: februari har bara 29 dagar – skriv dag/månad, t.ex. 28/2"),
        ("1/13", "1/13: månad 13 finns inte – skriv dag/månad, t.ex. 28/2"),
        ("i början av året", f"'i början av året' kan inte läsas som en tid på året – {HELP}"),
    ],
)
def test_unreadable_when_says_what_to_write(written: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_when(written)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("den första mars", (3, 1)),
        ("1 mars", (3, 1)),
        ("Den 1:a Mars.", (3, 1)),
        ("28 februari", (2, 28)),
        ("28/2", (2, 28)),
        ("senast den 15:e juni", (6, 15)),
        ("den trettioförsta december", (12, 31)),
        ("den tjugonionde februari", (2, 29)),
        ("i början av mars", None),
        ("30 februari", None),
        ("den första", None),
    ],
)
def test_the_report_day_is_read_as_agreements_write_it(written: str, day: tuple[int, int] | None) -> None:
    assert parse_day_of_year(written) == day


# ---- in pack.yaml ---------------------------------------------------------------------------------


def _pack(tmp_path: Path, wheel: str) -> Path:
    folder = tmp_path / "mitt-lan"
    folder.mkdir()
    (folder / "pack.yaml").write_text(
        "name: mitt-lan\nregion: Region Mitt\ndocuments: {}\nannual_wheel:\n" + wheel, encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize(
    ("wheel", "message"),
    [
        ("  - activity: Enkät\n    when: v. 54\n",
         "pack.yaml:6:11: error: annual_wheel[0].when: vecka 54 finns inte – veckorna är numrerade 1–53 (ISO-veckor) "
         "– se templates/README.md för formatet"),
        ("  - activity: Enkät\n    when: mars\n  - activity: Möte\n    when: oktobr\n",
         "pack.yaml:8:11: error: annual_wheel[1].when: 'oktobr' kan inte läsas som en tid på året: okänd månad "
         f"'oktobr' – menade du 'oktober'? {HELP} – se templates/README.md för formatet"),
        ("  - activity: Enkät\n    when: mars\n    kind: frist\n",
         "pack.yaml:7:11: error: annual_wheel[0].kind: 'frist' är inte tillåtet – skriv ett av: 'activity', "
         "'deadline', 'report_due' – se templates/README.md för formatet"),
        ("  - activity: Enkät\n    when: mars\n    ansvarig: Samordnare\n",
         "pack.yaml:7:5: error: annual_wheel[0].ansvarig: okänd nyckel 'ansvarig' – tillåtna nycklar här är: "
         "activity, when, responsible, kind – se templates/README.md för formatet"),
        ("  - activity: Besök\n    when: april\n  - activity: Besök\n    when: April\n",
         "pack.yaml:5:3: error: annual_wheel: annual_wheel[0] och annual_wheel[1] är samma aktivitet vid samma tid "
         "('Besök', April) – ta bort den ena – se templates/README.md för formatet"),
        ("  - {activity: In, when: 28/2, kind: report_due}\n  - {activity: In igen, when: 1/3, kind: report_due}\n",
         "pack.yaml:5:3: error: annual_wheel: annual_wheel[0] och annual_wheel[1] har båda kind: report_due – "
         "verksamhetsberättelsen har en dag; gör den ena till 'deadline' eller 'activity' – se templates/README.md "
         "för formatet"),
        ("  - when: mars\n",
         "pack.yaml:5:5: error: annual_wheel[0].activity: saknas – lägg till 'activity' (aktiviteten, som den står i "
         "årshjulet) – se templates/README.md för formatet"),
    ],
)
def test_a_bad_wheel_is_an_error_at_its_place_in_pack_yaml(tmp_path: Path, wheel: str, message: str) -> None:
    folder = _pack(tmp_path, wheel)
    with pytest.raises(InputError) as caught:
        load_pack_folder(folder)
    assert str(caught.value) == f"{folder}/{message}"


def test_a_bad_wheel_fails_validation_of_a_centre_that_uses_the_pack(tmp_path: Path) -> None:
    _pack(tmp_path, "  - activity: Enkät\n    when: v. 54\n")
    centre = tmp_path / "c"
    centre.mkdir()
    text = (EXAMPLES / "vivalla" / "centre.yaml").read_text(encoding="utf-8").replace("pack: orebro", "pack: ../mitt-lan")
    (centre / "centre.yaml").write_text(text, encoding="utf-8")
    result = run_fc("validate", "c", cwd=tmp_path)
    assert result.exit_code == 1
    assert ("mitt-lan/pack.yaml:6:11: error: annual_wheel[0].when: vecka 54 finns inte – veckorna är numrerade "
            "1–53 (ISO-veckor) – se templates/README.md för formatet [pack]") in result.stdout


# ---- the shipped packs' wheels are the report templates' årshjul -----------------------------------

_ROW = re.compile(r"^\| *(?P<month>[^|]*?) *\| *(?P<activity>[^|]*?) *\| *(?P<who>[^|]*?) *\|$")


def _report_wheel(markdown: str) -> list[tuple[str, str, str]]:
    """The rows (month, activity, responsible) of the årshjul table of a rendered report."""
    table = markdown[markdown.index("| Månad | Aktivitet"):].split("\n\n")[0]
    rows, month = [], ""
    for line in table.splitlines()[2:]:
        found = _ROW.match(line)
        month = found["month"] or month
        if found["activity"]:
            rows.append((month.lower(), found["activity"], found["who"]))
    return rows


def test_each_shipped_wheel_is_its_report_templates_arshjul(tmp_path: Path) -> None:
    result = run_fc("render", "report", *(EXAMPLES / e for e in ("lugnvik", "vivalla", "rud")), "--format", "md",
                    "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    packs = {p.name: p for p in list_shipped_packs()}
    for example, pack in (("lugnvik", "jamtland"), ("vivalla", "orebro"), ("rud", "varmland")):
        report = next((tmp_path / example).glob("verksamhetsberattelse-*.md")).read_text(encoding="utf-8")
        table = _report_wheel(report)
        wheel = packs[pack].config.annual_wheel
        assert len(table) == len(wheel), pack
        for (month, activity, who), entry in zip(table, wheel, strict=False):
            start, _ = entry.timing.dates(2027)
            assert month == ("januari februari mars april maj juni juli augusti september oktober november "
                             "december").split()[start.month - 1], (pack, entry)
            assert who == entry.responsible, (pack, entry)
            assert activity.split()[0] == entry.activity.split()[0], (pack, entry)


def test_jamtlands_wheel_keeps_bilaga_6s_weeks_and_report_day() -> None:
    wheel = {e.activity: e for e in load_pack_folder(ROOT / "templates" / "jamtland").config.annual_wheel}
    assert wheel["Föräldraenkät ska delas ut"].when == "v. 45–46"
    report = wheel["Verksamhetsberättelsen lämnas in"]
    assert (report.when, report.kind, report.responsible) == ("28/2", "report_due", "Samordnare")
