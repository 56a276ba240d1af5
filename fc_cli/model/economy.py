"""`economy:` – how the common costs are split, the payments between the parties, the joint budget."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from .base import MAX_SEK, Id, Strict


class CostModel(str, Enum):
    lika_per_huvudman = "lika_per_huvudman"
    turordning = "turordning"
    egen_fordelning = "egen_fordelning"


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
