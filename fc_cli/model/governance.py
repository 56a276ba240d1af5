"""`governance:` and `coordinator:` – the centre's steering and management groups, and its coordinator."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import Field

from .agreement import Signing
from .base import Id, Strict, needed
from .parties import Person


class GroupLevel(str, Enum):
    region = "region"
    kommun = "kommun"
    omrade = "omrade"
    familjecentral = "familjecentral"


#: A level in words, for a sentence: "den länsövergripande gruppen", "per område".
GROUP_LEVEL_NAMES = {
    GroupLevel.region: "länsövergripande",
    GroupLevel.kommun: "kommunövergripande",
    GroupLevel.omrade: "områdesövergripande",
    GroupLevel.familjecentral: "för familjecentralen",
}


class Group(Strict):
    id: Id | None = Field(
        None, description="Kort id för gruppen, som andra grupper kan hänvisa till med reports_to (valfritt)."
    )
    name: str = Field(min_length=1, description="Gruppens namn, t.ex. 'Ledningsgrupp/styrgrupp'.")
    level: GroupLevel | None = Field(
        None,
        description=(
            "Gruppens nivå: 'region' (länsövergripande), 'kommun' (kommunövergripande), 'omrade' "
            "(för ett område) eller 'familjecentral' (familjecentralens egen grupp). Tomt under "
            "steering_group/management_group: management_group och en ensam steering_group är "
            "familjecentralens egen grupp, en steering_group bredvid en management_group är kommunövergripande."
        ),
    )
    mandate: list[str] = Field(
        default_factory=list, description="Gruppens uppdrag, en punkt per rad (valfritt)."
    )
    members: list[Id] = Field(
        default_factory=list,
        description="id för de verksamheter (under services) vars chefer ingår i gruppen.",
    )
    other_members: list[Person] = Field(
        default_factory=list, description="Övriga ledamöter, t.ex. förvaltningschefer."
    )
    meetings_per_year: int | None = needed("Hur många gånger per år gruppen möts.", ge=0, le=52)
    reports_to: Id | None = Field(
        None, description="id för den grupp (under governance.groups) som gruppen rapporterar till (valfritt)."
    )


class Governance(Strict):
    steering_group: Group | None = Field(
        None, description="Styrgrupp (i vissa kommuner kallad ledningsgrupp); kortform för en grupp i groups."
    )
    management_group: Group | None = Field(
        None, description="Ledningsgrupp för den dagliga verksamheten (valfri); kortform för en grupp i groups."
    )
    groups: list[Group] = Field(
        default_factory=list,
        description=(
            "Alla styr- och ledningsgrupper, hur många som helst, var och en med namn, nivå (level), "
            "uppdrag, medlemmar och möten per år."
        ),
    )


class Coordinator(Strict):
    name: str | None = needed("Samordnarens namn.")
    profession: str | None = Field(None, description="Samordnarens yrke, t.ex. 'Socionom'.")
    employer: Id | None = needed("id för verksamheten (under services) som anställer samordnaren.")
    fte: float | None = needed(
        "Samordnaruppdragets omfattning i årsarbetare, t.ex. 0.5 (Örebro rekommenderar 0,25–0,50).",
        gt=0,
        le=1,
    )
    start: dt.date | None = needed("Datum då uppdraget börjar, ÅÅÅÅ-MM-DD.")
    end: dt.date | None = Field(
        None, description="Datum då uppdraget slutar, ÅÅÅÅ-MM-DD (tomt = tills vidare)."
    )
    notice_months: int = Field(
        3, ge=0, le=24, description="Uppsägningstid för samordnaruppdraget i månader."
    )
    extra_tasks: list[str] = Field(
        default_factory=list,
        description=(
            "Arbetsuppgifter som parterna har kommit överens om utöver mallens lista, en per rad "
            "(valfritt; skrivs sist i samordnaravtalets lista)."
        ),
    )
    dropped_tasks: list[str] = Field(
        default_factory=list,
        description=(
            "Arbetsuppgifter ur mallpaketets lista som inte ingår vid just den här familjecentralen: "
            "deras id (se coordinator_tasks i paketets pack.yaml; valfritt)."
        ),
    )
    signing: Signing = Field(
        default_factory=Signing, description="Ort och datum för samordnaravtalets underskrift."
    )
