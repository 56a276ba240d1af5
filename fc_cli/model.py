"""The data model of one family centre (pydantic v2).

Field names are English and explain themselves; every field carries a Swedish description, which
the JSON Schema, the scaffolded `centre.yaml` comments and the draft placeholders all reuse.

Fields a final document cannot do without, but which a new centre does not know yet, are declared
with :func:`needed`: the schema accepts them empty (``null`` or ``<fyll i>``), validation reports
them as not filled in, and a ``--draft`` render shows them as highlighted placeholders.
"""

from __future__ import annotations

import datetime as dt
import math
import typing
from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

from .text import text_problem

SCHEMA_VERSION = 1
NEEDED = "x-fc-needed"


def needed(description: str, **kwargs: Any) -> Any:
    """A field a final document needs, which may still be empty in a draft."""
    return Field(default=None, description=description, json_schema_extra={NEEDED: True}, **kwargs)


def is_needed(info: Any) -> bool:
    """True for a field declared with :func:`needed`."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return bool(extra.get(NEEDED))


def empty_needed_fields(obj: Any, path: tuple = ()) -> Iterator[tuple[tuple, BaseModel, str, Any]]:
    """Every `needed` field still empty, depth first in file order, as (path, owner, name, info)."""
    if isinstance(obj, BaseModel):
        waived = obj.not_needed() if isinstance(obj, Strict) else set()
        for name, info in type(obj).model_fields.items():
            value = getattr(obj, name)
            if value is None and is_needed(info) and name not in waived:
                yield (*path, name), obj, name, info
            else:
                yield from empty_needed_fields(value, (*path, name))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from empty_needed_fields(item, (*path, i))


def _org_number_text(value: Any) -> Any:
    # 2120001850 written without quotes arrives as a number: take it as the text it means
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        max_length=40,
        description="Kort id med små bokstäver a–z, siffror, - och _ (inga å, ä, ö), t.ex. 'bvc'.",
    ),
]
OrgNumber = Annotated[
    str,
    Field(
        pattern=r"^\d{6}-?\d{4}$",
        description="Organisationsnummer, tio siffror, t.ex. '232100-0164'.",
    ),
    BeforeValidator(_org_number_text),  # after Field, or the pattern is lost from the JSON Schema
]
Fte = Annotated[float, Field(ge=0, le=10, description="Tjänstgöringsgrad i årsarbetare, t.ex. 0.5.")]
Month = Annotated[int, Field(ge=1, le=12)]


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, text may hold no control characters."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, str_max_length=5000)

    #: A `needed` field this model can do without when another of its fields is set (name → other):
    #: a committee's organisation number stands under acting_for.
    waived_when: ClassVar[dict[str, str]] = {}

    def not_needed(self) -> set[str]:
        """The `needed` fields this object can do without (see :attr:`waived_when`)."""
        return {name for name, other in self.waived_when.items() if getattr(self, other) is not None}

    @field_validator("*", mode="before")
    @classmethod
    def _a_number_is_a_number(cls, value: Any, info: ValidationInfo) -> Any:
        """`true` is not 1 and `.nan` or `.inf` are not numbers, though Python would take them so."""
        field = cls.model_fields.get(info.field_name or "")
        if isinstance(value, bool) and field is not None and not _allows_bool(field.annotation):
            raise ValueError("här behövs ett tal eller en text, inte true/false – skriv värdet, t.ex. 0.5")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("här behövs ett vanligt tal – .nan och .inf är inga tal i en centrumfil")
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _printable(cls, value: Any, info: ValidationInfo) -> Any:
        """Text is text: what cannot stand in a Word document is refused, blank text is no text."""
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                problem = text_problem(text)
                if problem is not None:
                    raise ValueError(problem)
        if isinstance(value, str) and not value and info.field_name:
            # only spaces (stripped away): the same as not filled in, where the field may be empty
            annotation = cls.model_fields[info.field_name].annotation
            if type(None) in typing.get_args(annotation):
                return None
        return value


def _allows_bool(annotation: Any) -> bool:
    return annotation is bool or any(_allows_bool(arg) for arg in typing.get_args(annotation))


#: The largest amount in kronor a centre file may state: far above any coordinator's or running
#: cost, and small enough that every share of it is computed exactly (no float near 2**53).
MAX_SEK = 100_000_000
#: The largest count in the statistics (visits a year, enrolled children …).
MAX_COUNT = 10_000_000


class CentreKind(str, Enum):
    familjecentral = "familjecentral"
    familjecentralsliknande = "familjecentralsliknande"


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


class CostModel(str, Enum):
    lika_per_huvudman = "lika_per_huvudman"
    turordning = "turordning"
    egen_fordelning = "egen_fordelning"


class Person(Strict):
    name: str | None = needed("Personens för- och efternamn.")
    title: str | None = needed("Befattning, t.ex. 'Verksamhetschef' eller 'Enhetschef'.")
    email: str | None = Field(None, description="E-postadress (valfri).")
    phone: str | None = Field(None, description="Telefonnummer (valfritt).")


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


class Signing(Strict):
    place: str | None = Field(
        None, description="Ort för underskriften (tomt = skrivs för hand vid undertecknandet)."
    )
    date: dt.date | None = Field(
        None, description="Datum för underskriften, ÅÅÅÅ-MM-DD (tomt = skrivs för hand)."
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


class CostShare(Strict):
    party: Id = Field(description="id för verksamheten (services) eller huvudmannen (principals).")
    percent: float = Field(ge=0, le=100, description="Andel i procent, t.ex. 25.")


class Payment(Strict):
    payer: Id = Field(description="id för den part (principals eller services) som betalar.")
    payee: Id = Field(description="id för den part (principals eller services) som tar emot betalningen.")
    amount_sek: int = Field(ge=0, le=MAX_SEK, description="Belopp i kronor per år, t.ex. 150000.")
    purpose: str = Field(min_length=1, description="Vad betalningen avser, t.ex. 'halva samordnarens lönekostnad'.")


class Indexation(Strict):
    index: str = Field(
        min_length=1, description="Indexet beloppen räknas upp med, t.ex. 'prisindex för kommunal verksamhet (PKV)'."
    )
    base_year: int = Field(ge=2000, le=2100, description="Basåret, det år beloppen gäller, t.ex. 2026.")


class PaymentInterval(str, Enum):
    manad = "manad"
    kvartal = "kvartal"
    halvar = "halvar"
    ar = "ar"


PAYMENT_INTERVAL_WORDS = {
    PaymentInterval.manad: "månadsvis",
    PaymentInterval.kvartal: "kvartalsvis",
    PaymentInterval.halvar: "halvårsvis",
    PaymentInterval.ar: "en gång per år",
}


class PaymentSchedule(Strict):
    interval: PaymentInterval = Field(description="Hur ofta: 'manad', 'kvartal', 'halvar' eller 'ar'.")
    in_advance: bool = Field(False, description="true om betalningen görs i förskott.")
    due_days: int | None = Field(
        None, ge=0, le=120, description="Betalningsvillkor: antal dagar efter fakturadatum (valfritt)."
    )

    @property
    def interval_words(self) -> str:
        return PAYMENT_INTERVAL_WORDS[self.interval]


class BudgetItem(Strict):
    purpose: str = Field(min_length=1, description="Vad posten avser, t.ex. 'Gemensam fortbildning'.")
    amount_sek: int = Field(ge=0, le=MAX_SEK, description="Belopp i kronor per år.")


class JointBudget(Strict):
    items: list[BudgetItem] = Field(
        min_length=1, description="Budgetens poster, t.ex. utbildning och lokaler, med belopp per år."
    )
    split: list[CostShare] = Field(
        default_factory=list,
        description="Hur budgeten fördelas mellan parterna, i procent (tomt = som kostnadsfördelningen ovan).",
    )

    @property
    def total_sek(self) -> int:
        return sum(item.amount_sek for item in self.items)


class Economy(Strict):
    cost_model: CostModel = Field(
        description=(
            "Hur samordnarens och driftens kostnader fördelas: 'lika_per_huvudman' (lika mellan "
            "huvudmännen, sedan lika mellan deras verksamheter), 'turordning' (verksamheterna bär "
            "kostnaden ett år i taget) eller 'egen_fordelning' (andelar under shares)."
        )
    )
    coordinator_cost_sek: int | None = Field(
        None, ge=0, le=MAX_SEK, description="Samordnarens årliga kostnad i kronor (valfritt)."
    )
    running_cost_sek: int | None = Field(
        None, ge=0, le=MAX_SEK, description="Gemensamma driftkostnader per år i kronor (valfritt)."
    )
    shares: list[CostShare] = Field(
        default_factory=list, description="Andelar vid 'egen_fordelning'; ska bli 100 %."
    )
    rotation: list[Id] = Field(
        default_factory=list,
        description="Vid 'turordning': verksamheternas id i den ordning de bär kostnaden, ett år var.",
    )
    rotation_start_year: int | None = Field(
        None, ge=2000, le=2100, description="Året då den första i turordningen bär kostnaden."
    )
    payments: list[Payment] = Field(
        default_factory=list,
        description="Betalningar mellan parterna: vem som betalar vem, hur mycket och för vad (valfritt).",
    )
    indexation: Indexation | None = Field(
        None, description="Hur beloppen räknas upp varje år: index och basår (valfritt)."
    )
    payment_schedule: PaymentSchedule | None = Field(
        None, description="När betalningarna görs: hur ofta och inom hur många dagar (valfritt)."
    )
    joint_budget: JointBudget | None = Field(
        None, description="En gemensam budget, t.ex. för utbildning och lokaler, och hur den fördelas (valfritt)."
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


class Statistic(Strict):
    label: str = Field(min_length=1, description="Vad som räknats, t.ex. 'Besök i öppna förskolan'.")
    value: int | float = Field(ge=0, le=MAX_COUNT, description="Antalet.")


class Statistics(Strict):
    visits: int | None = Field(None, ge=0, le=MAX_COUNT, description="Antal besök under året.")
    expectant_parents: int | None = Field(None, ge=0, le=MAX_COUNT, description="Antal inskrivna gravida.")
    enrolled_children: int | None = Field(None, ge=0, le=MAX_COUNT, description="Antal inskrivna barn på BVC.")
    families_joint_support: int | None = Field(
        None,
        ge=0,
        le=MAX_COUNT,
        description=(
            "Antal familjer i behov av särskilt stöd där två eller fler professioner samarbetat."
        ),
    )
    other: list[Statistic] = Field(default_factory=list, description="Övrig statistik.")


class Report(Strict):
    year: int | None = needed("Året som verksamhetsberättelsen gäller, t.ex. 2026.", ge=2000, le=2100)
    description: str | None = Field(
        None, description="Kort beskrivning av familjecentralen och samhällsstrukturen (valfri)."
    )
    statistics: Statistics = Field(default_factory=Statistics, description="Statistik för året.")
    supervision: str | None = Field(
        None, description="Handledning under året och hur den utvärderats (valfri)."
    )
    previous_goals: list[str] = Field(
        default_factory=list, description="Förra årets prioriterade mål, att reflektera över."
    )


class CentreFile(Strict):
    """En familjecentral och parterna bakom den."""

    model_config = ConfigDict(title="Familjecentral (fc)")

    schema_version: Literal[1] = Field(description="Filformatets version; skriv 1.")
    pack: str = Field(
        min_length=1,
        description=(
            "Mallpaket: 'orebro', 'jamtland', 'varmland' eller sökvägen till ett eget paket "
            "(relativt den här filen)."
        ),
    )
    centre: Centre = Field(description="Familjecentralen.")
    principals: list[Principal] = Field(
        min_length=1, description="Huvudmännen: regionen och kommunen (och ev. fler)."
    )
    services: list[Service] = Field(
        min_length=1, description="Verksamheterna i familjecentralen, med chef och bemanning."
    )
    governance: Governance = Field(default_factory=Governance, description="Styrning och ledning.")
    coordinator: Coordinator = Field(default_factory=Coordinator, description="Samordnaren.")
    economy: Economy | None = Field(
        None,
        description=(
            "Ekonomi: hur gemensamma kostnader fördelas (krävs när mallpaketets dokument skriver om "
            "ekonomin, som alla de medföljande paketen gör)."
        ),
    )
    agreement: Agreement = Field(default_factory=Agreement, description="Samverkansavtalet.")
    intent: Intent = Field(default_factory=Intent, description="Avsiktsförklaringen.")
    report: Report = Field(
        default_factory=Report, description="Verksamhetsberättelse och verksamhetsplan."
    )
    fields: dict[str, Any] = Field(
        default_factory=dict,
        description=(
            "Mallpaketets egna fält, som paketet deklarerar under fields i pack.yaml (valfritt; "
            "se templates/README.md)."
        ),
    )

    # ---- look-ups the templates and rules share -------------------------------------------
    def principal(self, principal_id: str) -> Principal | None:
        return next((p for p in self.principals if p.id == principal_id), None)

    def service(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)

    def administration_of(self, service: Service) -> str | None:
        """The name of the administration *service* belongs to at its principal (None when it names none)."""
        principal = self.principal(service.principal)
        names = [a.name for a in (principal.administrations if principal else []) if a.id == service.administration]
        return names[-1] if names else None

    def services_of(self, principal_id: str) -> list[Service]:
        return [s for s in self.services if s.principal == principal_id]

    def has(self, *types: str) -> bool:
        """True when the centre has a service of any of *types* (e.g. 'barnhalsovard')."""
        present = {s.type.value for s in self.services}
        return any(t in present for t in types)

    def services_of_type(self, *types: str) -> list[Service]:
        return [s for s in self.services if s.type.value in types]

    @property
    def participating_principals(self) -> list[Principal]:
        """The principals that have a service in the centre, in the order of the file."""
        return [p for p in self.principals if self.services_of(p.id)]

    @property
    def principals_signing_for_themselves(self) -> list[Principal]:
        """The principals with a signatory of their own and no service whose manager signs."""
        return [p for p in self.principals if p.signatory and not any(s.signs for s in self.services_of(p.id))]

    def signing_services(self, one_per_manager: bool = False) -> list[Service]:
        """The parties whose managers sign (an other actor never signs, see :meth:`is_party`); with
        *one_per_manager*, a manager of several only once."""
        found: list[Service] = []
        seen: set[str] = set()
        for service in self.parties():
            key = f"{service.manager.name or service.id}|{service.manager.title or ''}"
            if service.signs and not (one_per_manager and key in seen):
                seen.add(key)
                found.append(service)
        return found

    def group_entries(self) -> list[tuple[tuple, Group]]:
        """Every group with its key path: steering_group, management_group, then governance.groups."""
        found: list[tuple[tuple, Group]] = []
        for key in ("steering_group", "management_group"):
            group = getattr(self.governance, key)
            if group is not None:
                found.append((("governance", key), group))
        found += [(("governance", "groups", i), g) for i, g in enumerate(self.governance.groups)]
        return found

    @property
    def groups(self) -> list[Group]:
        """Every governance group of the centre, the shorthands first."""
        return [group for _, group in self.group_entries()]

    def level_of(self, group: Group) -> GroupLevel:
        """A group's level: its own `level`, else what the shorthand means (a steering_group beside a
        management_group is municipality-wide, any other shorthand the centre's own group)."""
        if group.level is not None:
            return group.level
        if group is self.governance.steering_group and self.governance.management_group is not None:
            return GroupLevel.kommun
        return GroupLevel.familjecentral

    def groups_at(self, *levels: str) -> list[Group]:
        """The groups at any of *levels* ('region', 'kommun', 'omrade', 'familjecentral'), in file order."""
        return [g for g in self.groups if self.level_of(g).value in levels]

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)

    @property
    def centre_group(self) -> Group | None:
        """The centre's own group (its ledningsgrupp): management_group, else steering_group, else the
        first group of level 'familjecentral' under groups."""
        governance = self.governance
        if governance.management_group or governance.steering_group:
            return governance.management_group or governance.steering_group
        return next(iter(self.groups_at("familjecentral")), None)

    @property
    def centre_group_path(self) -> tuple:
        """The key path of :attr:`centre_group` (for findings)."""
        group = self.centre_group
        return next((path for path, g in self.group_entries() if g is group), ("governance",))

    def party_name(self, party_id: str) -> str:
        """The name of a principal or service by its id (the id itself when it names neither)."""
        found = self.principal(party_id) or self.service(party_id)
        return found.name if found else party_id

    def is_party(self, service: Service) -> bool:
        """A service is a party of the centre when it sits in the centre's own group (every service
        when the file has no group, or its group lists none yet). Parties are listed as such, sign
        and bear the common costs; any other service is an other actor (annan samverkansaktör) and
        bears none (issue 12)."""
        group = self.centre_group
        return group is None or not group.members or service.id in group.members

    def parties(self) -> list[Service]:
        return [s for s in self.services if self.is_party(s)]

    def other_actors(self) -> list[Service]:
        return [s for s in self.services if not self.is_party(s)]

    @property
    def region_principal(self) -> Principal | None:
        return next((p for p in self.principals if p.kind == PrincipalKind.region), None)

    @property
    def municipality_principal(self) -> Principal | None:
        return next((p for p in self.principals if p.kind == PrincipalKind.kommun), None)

