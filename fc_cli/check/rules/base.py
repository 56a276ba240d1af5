"""What every rule shares: the registry of rules, the `@rule` decorator and the wording helpers."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterator

from ... import formatting
from ...diagnostics import Issue
from ...model import (
    SERVICE_NAMES,
    CentreFile,
    PrincipalKind,
    ServiceType,
)
from ...packs import PackRules

Rule = Callable[[CentreFile, PackRules], Iterator[Issue]]
RULES: list[Rule] = []

#: Years a date in a centre file can reasonably have; outside them a date is a typo.
FIRST_YEAR, LAST_YEAR = 1990, 2100

#: The kind of principal each base service normally has (a private provider is kind 'annan').
_USUAL_PRINCIPAL = {
    ServiceType.barnmorskemottagning: PrincipalKind.region,
    ServiceType.barnhalsovard: PrincipalKind.region,
    ServiceType.oppen_forskola: PrincipalKind.kommun,
    ServiceType.forebyggande_socialtjanst: PrincipalKind.kommun,
}
_KIND_WORD = {PrincipalKind.region: "regionen", PrincipalKind.kommun: "kommunen"}
#: Organisation numbers begin with these for municipalities and regions (Gotland is both).
_ORG_PREFIX = {PrincipalKind.kommun: ("212000",), PrincipalKind.region: ("232100", "212000")}


def rule(func: Rule) -> Rule:
    RULES.append(func)
    return func


def _suggest(value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    return f"menade du '{close[0]}'? " if close else ""


def _decimal(value: float) -> str:
    return formatting.decimal(value, 2)


def _number(value: float) -> str:
    return f"{round(value, 2):g}".replace(".", ",")


def _genitive(name: str) -> str:
    """'Örebro kommun' → 'Örebro kommuns'; names ending in s, x or z take no s."""
    return name if name[-1:].lower() in ("s", "x", "z") else f"{name}s"


def _names_and_types(missing: list[ServiceType], word: str = "och") -> tuple[str, str]:
    """(the Swedish names, the `type:` values) of service types, joined by *word*."""
    names = [SERVICE_NAMES[t] for t in missing]
    values = [t.value for t in missing]

    def join(items: list[str]) -> str:
        return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"

    return join(names), join(values)


def _full_months(start: dt.date, last_day: dt.date) -> int:
    """Whole months from *start* up to and including *last_day* (2027-01-01…2027-12-31 → 12)."""
    after = last_day + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    return months - 1 if after.day < start.day else months
