"""Rules on dates: plausible years, start before end, the coordinator's term, the target group's ages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ...diagnostics import Issue
from ...model import (
    CentreFile,
)
from ...packs import PackRules
from .base import (
    FIRST_YEAR,
    LAST_YEAR,
    rule,
)

# ---- dates ----------------------------------------------------------------------------------

_DATES = (
    ("agreement", "valid_from"),
    ("agreement", "valid_until"),
    ("agreement", "signing", "date"),
    ("coordinator", "start"),
    ("coordinator", "end"),
    ("coordinator", "signing", "date"),
    ("intent", "signing", "date"),
)


def _get(model: object, path: tuple) -> object:
    for step in path:
        model = getattr(model, step)
    return model


@rule
def date_range(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    for path in _DATES:
        value = _get(model, path)
        if isinstance(value, dt.date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
            yield Issue(
                path,
                "date-range",
                f"året {value.year} i {value.isoformat()} är troligen ett skrivfel – rätta datumet "
                f"(ÅÅÅÅ-MM-DD, mellan {FIRST_YEAR} och {LAST_YEAR})",
            )


@rule
def date_order(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    agreement = model.agreement
    if agreement.valid_from and agreement.valid_until and agreement.valid_until <= agreement.valid_from:
        yield Issue(
            ("agreement", "valid_until"),
            "date-order",
            f"avtalet slutar gälla ({agreement.valid_until.isoformat()}) innan det börjar gälla "
            f"({agreement.valid_from.isoformat()}, valid_from) – rätta något av datumen, eller ta bort "
            "valid_until om avtalet gäller tills vidare",
        )
    coordinator = model.coordinator
    if coordinator.start and coordinator.end and coordinator.end <= coordinator.start:
        yield Issue(
            ("coordinator", "end"),
            "date-order",
            f"samordnaruppdraget slutar ({coordinator.end.isoformat()}) innan det börjar "
            f"({coordinator.start.isoformat()}, start) – rätta något av datumen, eller ta bort end om "
            "uppdraget gäller tills vidare",
        )


@rule
def coordinator_term(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    agreement, coordinator = model.agreement, model.coordinator
    if agreement.valid_from and agreement.valid_until and agreement.valid_until <= agreement.valid_from:
        return  # the term itself is out of order (date-order): no comparison with it means anything
    if coordinator.start and agreement.valid_until and coordinator.start > agreement.valid_until:
        yield Issue(
            ("coordinator", "start"),
            "coordinator-term",
            f"samordnaruppdraget börjar ({coordinator.start.isoformat()}) efter att samverkansavtalet "
            f"har slutat gälla ({agreement.valid_until.isoformat()}) – kontrollera datumen"
        )
    elif coordinator.start and agreement.valid_from and coordinator.start < agreement.valid_from:
        yield Issue(
            ("coordinator", "start"),
            "coordinator-term",
            f"samordnaruppdraget börjar ({coordinator.start.isoformat()}) innan samverkansavtalet "
            f"börjar gälla ({agreement.valid_from.isoformat()}) – flytta start till avtalets första dag "
            "eller senare, eller kontrollera agreement.valid_from"
        )
    if agreement.valid_until and coordinator.start and coordinator.start <= agreement.valid_until and (
        coordinator.end is None or coordinator.end > agreement.valid_until
    ):
        until = coordinator.end.isoformat() if coordinator.end else "tills vidare"
        yield Issue(
            ("coordinator", "end"),
            "coordinator-term",
            f"samordnaruppdraget gäller {until}, men samverkansavtalet slutar gälla "
            f"{agreement.valid_until.isoformat()} – sätt coordinator.end till "
            f"{agreement.valid_until.isoformat()} eller tidigare"
        )


@rule
def target_group(model: CentreFile, _: PackRules) -> Iterator[Issue]:
    group = model.centre.target_group
    if group.age_from > group.age_to:
        yield Issue(
            ("centre", "target_group", "age_to"),
            "age-range",
            f"den högsta åldern ({group.age_to} år) är lägre än den lägsta (age_from: {group.age_from} år) "
            "– byt plats på värdena",
        )
