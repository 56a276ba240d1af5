"""`agreement:` and `intent:` – the terms of the agreement and the letter of intent, each with its
signing (also the coordinator agreement's)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .base import Month, Strict, needed


class Signing(Strict):
    place: str | None = Field(
        None, description="Ort för underskriften (tomt = skrivs för hand vid undertecknandet)."
    )
    date: dt.date | None = Field(
        None, description="Datum för underskriften, ÅÅÅÅ-MM-DD (tomt = skrivs för hand)."
    )


class Extension(Strict):
    max_months: int = Field(ge=1, le=120, description="Hur många månader avtalet högst kan förlängas, t.ex. 24.")
    decided_by: str | None = needed(
        "Hur förlängningen beslutas, t.ex. 'genom skriftlig överenskommelse mellan parterna'."
    )
    decide_months_before_end: int | None = Field(
        None, ge=0, le=36,
        description="Senast hur många månader före avtalstidens slut förlängningen ska beslutas (valfritt).",
    )


class Agreement(Strict):
    valid_from: dt.date | None = needed("Datum då avtalet börjar gälla, ÅÅÅÅ-MM-DD.")
    valid_until: dt.date | None = Field(
        None,
        description=(
            "Sista giltighetsdag för ett tidsbegränsat avtal, ÅÅÅÅ-MM-DD (tomt = avtalet gäller tills vidare)."
        ),
    )
    extension: Extension | None = Field(
        None,
        description="Möjlighet att förlänga ett tidsbegränsat avtal: högst hur många månader och hur det beslutas.",
    )
    notice_months: int | None = Field(
        None,
        ge=0,
        le=36,
        description="Uppsägningstid för avtalet i månader (tomt = avtalstexten anger ingen, eller paketets egen).",
    )
    review_by_month: Month | None = Field(
        None,
        description=(
            "Månad (1–12) före vars utgång en huvudman årligen kan initiera omprövning eller "
            "uppsägning (Örebro: 6 = juni)."
        ),
    )
    regional_agreement: str | None = Field(
        None, description="Den regionala överenskommelse som det lokala avtalet utgår från."
    )
    dispute_body: str | None = Field(
        None, description="Vem som avgör tvister om avtalet, t.ex. ett gemensamt samverkansorgan."
    )
    copies: int | None = Field(
        None,
        ge=1,
        le=20,
        description="Antal likalydande exemplar (tomt = ett per part som skriver under).",
    )
    report_due: str | None = Field(
        None,
        description="När verksamhetsberättelsen senast lämnas till huvudmännen, t.ex. 'den första mars'.",
    )
    signing: Signing = Field(default_factory=Signing, description="Ort och datum för avtalets underskrift.")


class Intent(Strict):
    planned_start: str | None = Field(
        None, description="När familjecentralen planeras öppna, t.ex. 'hösten 2027' (valfritt)."
    )
    signing: Signing = Field(
        default_factory=Signing, description="Ort och datum för avsiktsförklaringens underskrift."
    )
