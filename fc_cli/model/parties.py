"""`principals:` and `services:` – the principals (huvudmän) and the services at the centre, with
their managers, signatories and staffing."""

from __future__ import annotations

from enum import Enum
from typing import ClassVar

from pydantic import Field

from .base import Fte, Id, OrgNumber, Strict, needed


class ServiceType(str, Enum):
    barnmorskemottagning = "barnmorskemottagning"
    barnhalsovard = "barnhalsovard"
    oppen_forskola = "oppen_forskola"
    forebyggande_socialtjanst = "forebyggande_socialtjanst"
    bibliotek = "bibliotek"
    folktandvard = "folktandvard"
    ungdomsmottagning = "ungdomsmottagning"
    elevhalsa = "elevhalsa"
    annan = "annan"


#: The four base services of a familjecentral (barnmorskemottagning/mödrahälsovård, barnhälsovård,
#: öppen förskola, förebyggande socialtjänst): a familjecentral has all four.
BASE_SERVICES = (
    ServiceType.barnmorskemottagning,
    ServiceType.barnhalsovard,
    ServiceType.oppen_forskola,
    ServiceType.forebyggande_socialtjanst,
)

SERVICE_NAMES = {
    ServiceType.barnmorskemottagning: "barnmorskemottagning (mödrahälsovård)",
    ServiceType.barnhalsovard: "barnhälsovård (BVC)",
    ServiceType.oppen_forskola: "öppen förskola",
    ServiceType.forebyggande_socialtjanst: "förebyggande socialtjänst",
    ServiceType.bibliotek: "bibliotek",
    ServiceType.folktandvard: "folktandvård",
    ServiceType.ungdomsmottagning: "ungdomsmottagning",
    ServiceType.elevhalsa: "elevhälsa",
    ServiceType.annan: "annan verksamhet",
}


class PrincipalKind(str, Enum):
    region = "region"
    kommun = "kommun"
    annan = "annan"


class Person(Strict):
    name: str | None = needed("Personens för- och efternamn.")
    title: str | None = needed("Befattning, t.ex. 'Verksamhetschef' eller 'Enhetschef'.")
    email: str | None = Field(None, description="E-postadress (valfri).")
    phone: str | None = Field(None, description="Telefonnummer (valfritt).")


class Administration(Strict):
    id: Id
    name: str = Field(
        min_length=1,
        description="Förvaltningens eller enhetens namn, t.ex. 'Barn- och utbildningsförvaltningen'.",
    )


class LegalBody(Strict):
    name: str = Field(min_length=1, description="Den juridiska personens namn, t.ex. 'Norrvik kommun'.")
    organisation_number: OrgNumber | None = needed(
        "Den juridiska personens organisationsnummer, tio siffror, t.ex. '212000-0142'."
    )


class Principal(Strict):
    id: Id
    kind: PrincipalKind = Field(description="'region', 'kommun' eller 'annan'.")
    name: str = Field(
        min_length=1,
        description=(
            "Huvudmannens namn, t.ex. 'Region Örebro län' eller 'Örebro kommun' – eller nämndens eller "
            "förvaltningens, t.ex. 'Socialnämnden', när den är part för en kommun eller region (acting_for)."
        ),
    )
    short_name: str | None = Field(
        None, description="Kortnamn som avtalet använder efter första gången, t.ex. 'SN' (valfritt)."
    )
    organisation_number: OrgNumber | None = needed(
        "Huvudmannens organisationsnummer, tio siffror, t.ex. '232100-0164' (för en nämnd: under acting_for)."
    )
    acting_for: LegalBody | None = Field(
        None,
        description=(
            "När parten är en nämnd eller förvaltning: den kommun eller region (juridisk person) den "
            "företräder, med dess namn och organisationsnummer."
        ),
    )

    waived_when: ClassVar[dict[str, str]] = {"organisation_number": "acting_for"}

    @property
    def legal_name(self) -> str:
        """The legal body's name: the kommun or region a committee acts for, else the principal's own."""
        return self.acting_for.name if self.acting_for else self.name

    @property
    def legal_organisation_number(self) -> str | None:
        return self.acting_for.organisation_number if self.acting_for else self.organisation_number
    administrations: list[Administration] = Field(
        default_factory=list,
        description="Huvudmannens förvaltningar som deltar, t.ex. socialförvaltningen eller primärvården.",
    )
    signatory: Person | None = Field(
        None,
        description=(
            "Den som skriver under för huvudmannen som helhet (valfritt; annars skriver "
            "verksamheternas chefer under)."
        ),
    )


class Staffing(Strict):
    profession: str = Field(min_length=1, description="Yrke, t.ex. 'Barnmorska' eller 'Socionom'.")
    fte: Fte


class Service(Strict):
    id: Id
    type: ServiceType = Field(
        description=(
            "Verksamhetens slag: barnmorskemottagning, barnhalsovard, oppen_forskola, "
            "forebyggande_socialtjanst, bibliotek, folktandvard, ungdomsmottagning, elevhalsa "
            "eller annan."
        )
    )
    name: str = Field(
        min_length=1,
        description="Enhetens namn, t.ex. 'Barnavårdscentralen Vivalla' eller 'Öppna förskolan Vivalla'.",
    )
    principal: Id = Field(description="id för huvudmannen verksamheten tillhör (under principals).")
    administration: Id | None = Field(
        None, description="id för förvaltningen hos huvudmannen som verksamheten tillhör (valfritt)."
    )
    manager: Person = Field(
        default_factory=Person, description="Verksamhetens chef, som också skriver under avtalet."
    )
    signs: bool = Field(True, description="true om verksamhetens chef skriver under avtalet.")
    staffing: list[Staffing] = Field(
        default_factory=list, description="Bemanning på familjecentralen: yrke och årsarbetare."
    )

    @property
    def type_name(self) -> str:
        return SERVICE_NAMES[self.type]
