"""A pack's annual wheel (årshjul): when each activity happens, read from pack.yaml and dated.

An entry's `when` is written as a person writes it in an årshjul:

=================  ==========================================================
``januari``        the whole month
``december–januari``  a span of months (one that passes new year ends the next year)
``v. 39``          ISO week 39, Monday to Sunday (also ``vecka 39``, ``v39``)
``v. 45–46``       ISO weeks 45 to 46 (``v. 52–1`` passes new year)
``28/2``           one day (day/month); ``1/6–15/8`` a span of days
=================  ==========================================================

Parsing happens when the pack is loaded (a misspelt month or week 54 is an error at its
position in pack.yaml); dating happens for a given year, because only then is it known whether
week 53 or 29 February exists. This module depends on nothing in fc but the month names, so that
the pack model (:mod:`fc_cli.packs`) can use it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .formatting import MONTHS

_DASH = r"\s*[-–—]\s*"
_MONTH = re.compile(rf"^(?P<a>[a-zåäö]+)(?:{_DASH}(?P<b>[a-zåäö]+))?$")
_WEEK = re.compile(rf"^(?:v\.?|vecka|veckorna)\s*(?P<a>\d{{1,2}})(?:{_DASH}(?:v\.?\s*)?(?P<b>\d{{1,2}}))?$")
_DAY = re.compile(rf"^(?P<d1>\d{{1,2}})/(?P<m1>\d{{1,2}})(?:{_DASH}(?P<d2>\d{{1,2}})/(?P<m2>\d{{1,2}}))?$")

WHEN_HELP = "skriv en månad ('mars'), månader ('december–januari'), veckor ('v. 45–46') eller en dag ('28/2')"


class WheelDateError(ValueError):
    """An entry names a day that the year does not have (week 53, 29 February)."""


@dataclass(frozen=True)
class When:
    """A parsed `when`: a span of months, ISO weeks or days (each end inclusive)."""

    unit: Literal["month", "week", "day"]
    first: tuple[int, int]  # (month, 0), (week, 0) or (month, day)
    last: tuple[int, int]

    def dates(self, year: int) -> tuple[dt.date, dt.date]:
        """The first and last day in *year* (the last may be in the next year when the span wraps)."""
        wraps = self.last < self.first
        if self.unit == "month":
            start = dt.date(year, self.first[0], 1)
            end_year = year + 1 if wraps else year
            end = dt.date(end_year, self.last[0], calendar.monthrange(end_year, self.last[0])[1])
            return start, end
        if self.unit == "week":
            start = _iso_day(year, self.first[0], 1)
            end = _iso_day(year + 1 if wraps else year, self.last[0], 7)
            return start, end
        start = _day(year, self.first)
        end = _day(year + 1 if wraps else year, self.last)
        return start, end


def _iso_day(year: int, week: int, weekday: int) -> dt.date:
    weeks = iso_weeks(year)
    if week > weeks:
        raise WheelDateError(
            f"vecka {week} finns inte år {year} (året har {weeks} veckor) – skriv en vecka 1–{weeks}, "
            "eller en månad eller dag som finns varje år"
        )
    return dt.date.fromisocalendar(year, week, weekday)


def _day(year: int, month_day: tuple[int, int]) -> dt.date:
    month, day = month_day
    if (month, day) == (2, 29) and not calendar.isleap(year):
        raise WheelDateError(
            f"29/2 finns inte år {year} (inget skottår) – skriv 28/2, eller 'februari' för hela månaden"
        )
    return dt.date(year, month, day)


def iso_weeks(year: int) -> int:
    """How many ISO weeks *year* has: 53 when 28 December falls in week 53, else 52."""
    return dt.date(year, 12, 28).isocalendar()[1]


def parse_when(text: str) -> When:
    """`when` as written → :class:`When`; a ValueError in Swedish says what to write instead."""
    written = " ".join(text.split()).lower()
    found = _MONTH.match(written)
    if found:
        first = _month_number(found["a"], text)
        last = _month_number(found["b"], text) if found["b"] else first
        return When("month", (first, 0), (last, 0))
    found = _WEEK.match(written)
    if found:
        weeks = [int(found["a"]), int(found["b"] or found["a"])]
        for week in weeks:
            if not 1 <= week <= 53:
                raise ValueError(f"vecka {week} finns inte – veckorna är numrerade 1–53 (ISO-veckor)")
        return When("week", (weeks[0], 0), (weeks[1], 0))
    found = _DAY.match(written)
    if found:
        first_day = _month_day(int(found["d1"]), int(found["m1"]))
        last_day = _month_day(int(found["d2"]), int(found["m2"])) if found["d2"] else first_day
        return When("day", first_day, last_day)
    raise ValueError(f"'{text}' kan inte läsas som en tid på året – {WHEN_HELP}")


def _month_number(name: str, text: str) -> int:
    if name in MONTHS:
        return MONTHS.index(name) + 1
    import difflib

    close = difflib.get_close_matches(name, MONTHS, n=1, cutoff=0.7)
    hint = f"menade du '{close[0]}'? " if close else ""
    raise ValueError(f"'{text}' kan inte läsas som en tid på året: okänd månad '{name}' – {hint}{WHEN_HELP}")


def _month_day(day: int, month: int) -> tuple[int, int]:
    if not 1 <= month <= 12:
        raise ValueError(f"{day}/{month}: månad {month} finns inte – skriv dag/månad, t.ex. 28/2")
    longest = calendar.monthrange(2000, month)[1]  # 2000 is a leap year: 29/2 may be meant
    if not 1 <= day <= longest:
        raise ValueError(f"{day}/{month}: {MONTHS[month - 1]} har bara {longest} dagar – skriv dag/månad, t.ex. 28/2")
    return month, day


# ---- the report's due date, as the agreement writes it ------------------------------------------

_ORDINALS = (
    "första andra tredje fjärde femte sjätte sjunde åttonde nionde tionde elfte tolfte trettonde "
    "fjortonde femtonde sextonde sjuttonde artonde nittonde tjugonde"
).split()
_ORDINALS += ["tjugo" + o for o in _ORDINALS[:9]] + ["trettionde", "trettioförsta"]
_DUE = re.compile(
    r"^(?:senast\s+)?(?:den\s+)?(?P<day>\d{1,2}|[a-zåäö]+)(?::[ae])?\s+(?P<month>[a-zåäö]+)$"
)


def parse_day_of_year(text: str) -> tuple[int, int] | None:
    """'den första mars', '1 mars', '28 februari', '28/2' → (month, day); None when not such a day."""
    written = " ".join(text.split()).lower().rstrip(".")
    found = _DAY.match(written)
    if found and not found["d2"]:
        try:
            return _month_day(int(found["d1"]), int(found["m1"]))
        except ValueError:
            return None
    found = _DUE.match(written)
    if not found or found["month"] not in MONTHS:
        return None
    word = found["day"]
    day = int(word) if word.isdigit() else (_ORDINALS.index(word) + 1 if word in _ORDINALS else 0)
    try:
        return _month_day(day, MONTHS.index(found["month"]) + 1)
    except ValueError:
        return None


# ---- the pack.yaml entry ------------------------------------------------------------------------


class WheelEntry(BaseModel):
    """One row of a pack's annual wheel (`annual_wheel:` in pack.yaml)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    activity: str = Field(min_length=1, max_length=300, description="Aktiviteten, som den står i årshjulet.")
    when: str = Field(
        min_length=1,
        description="När: en månad ('mars'), månader ('december–januari'), veckor ('v. 45–46') eller en dag ('28/2').",
    )
    responsible: str = Field("", max_length=200, description="Vem som ansvarar, t.ex. 'Samordnare'.")
    kind: Literal["activity", "deadline", "report_due"] = Field(
        "activity",
        description=(
            "'activity' (standard), 'deadline' (en frist som fc status visar) eller 'report_due' (dagen då "
            "verksamhetsberättelsen lämnas; centrumets agreement.report_due går före)."
        ),
    )

    @field_validator("when")
    @classmethod
    def _readable(cls, value: str) -> str:
        parse_when(value)
        return value

    @property
    def timing(self) -> When:
        return parse_when(self.when)


def wheel_problem(wheel: list[WheelEntry]) -> str | None:
    """Why a whole wheel cannot be used (each event needs its own identity), or None.

    Two entries with the same activity and time would be one event in a calendar; a second
    `report_due` would be a second day for the same report.
    """
    seen: dict[tuple[str, str], int] = {}
    report = None
    for number, entry in enumerate(wheel):
        key = (entry.activity, " ".join(entry.when.split()).lower())
        if key in seen:
            return (
                f"annual_wheel[{seen[key]}] och annual_wheel[{number}] är samma aktivitet vid samma tid "
                f"('{entry.activity}', {entry.when}) – ta bort den ena"
            )
        seen[key] = number
        if entry.kind == "report_due":
            if report is not None:
                return (
                    f"annual_wheel[{report}] och annual_wheel[{number}] har båda kind: report_due – "
                    "verksamhetsberättelsen har en dag; gör den ena till 'deadline' eller 'activity'"
                )
            report = number
    return None
