"""`centre:` – the family centre itself: its kind, address, target group and catchment area."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from .base import Strict, needed


class CentreKind(str, Enum):
    familjecentral = "familjecentral"
    familjecentralsliknande = "familjecentralsliknande"


class Address(Strict):
    street: str | None = needed("Gatuadress, t.ex. 'Vivallatorget 6'.")
    postal_code: str | None = needed("Postnummer, t.ex. '703 71'.")
    city: str | None = needed("Postort, t.ex. 'Örebro'.")


class TargetGroup(Strict):
    age_from: int = Field(0, ge=0, le=18, description="Barnens lägsta ålder i år (normalt 0).")
    age_to: int = Field(6, ge=0, le=18, description="Barnens högsta ålder i år (normalt 6).")
    includes_expectant_parents: bool = Field(
        True, description="true om blivande föräldrar ingår i målgruppen."
    )
    extension_7_plus: bool = Field(
        False,
        description=(
            "true om familjecentralen också erbjuder stöd till barn 7 år och uppåt "
            "(samverkan med elevhälsa, ungdomsmottagning m.fl.)."
        ),
    )


class Centre(Strict):
    name: str | None = needed("Familjecentralens namn, t.ex. 'Familjecentralen Vivalla'.")
    kind: CentreKind = Field(
        description=(
            "'familjecentral' (alla fyra basverksamheter samlokaliserade) eller "
            "'familjecentralsliknande' (minst barnhälsovård och öppen förskola och/eller "
            "förebyggande socialtjänst)."
        )
    )
    municipality: str = Field(
        min_length=1, description="Kommunens namn utan ordet 'kommun', t.ex. 'Örebro'."
    )
    region: str = Field(min_length=1, description="Regionens namn, t.ex. 'Region Örebro län'.")
    healthcare_area: str | None = Field(
        None,
        description="Regionens primärvårds- eller sjukvårdsområde där centralen ligger (valfritt).",
    )
    visiting_address: Address = Field(
        default_factory=Address, description="Familjecentralens besöksadress."
    )
    target_group: TargetGroup = Field(
        default_factory=TargetGroup, description="Vilka familjecentralen vänder sig till."
    )
    catchment_area: str | None = needed(
        "Upptagningsområde: vilka områden eller orter familjecentralen betjänar."
    )
