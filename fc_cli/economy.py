"""The cost split, computed from the data (issue: documents, item 2).

Örebro: coordinator and running costs are split equally between the principals, then equally
between each principal's parties in the centre. Jämtland: the services bear the coordinator's
cost in turn, one year each. Or the centre gives its own shares.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import InputError
from .model import CentreFile, CostModel, Economy

#: What fc says when a document needs the centre's economy and the file has none.
NO_ECONOMY = "saknas – lägg till 'economy' (ekonomi: hur gemensamma kostnader fördelas)"


def economy_of(data: CentreFile) -> Economy:
    """The centre's economy; a pack whose documents read it needs it (`fc validate` says so first)."""
    if data.economy is None:
        raise InputError(f"economy: {NO_ECONOMY}")
    return data.economy


@dataclass(frozen=True)
class ShareRow:
    party: str
    principal: str
    percent: float
    coordinator_sek: float | None
    running_sek: float | None


@dataclass(frozen=True)
class TurnRow:
    year: int
    party: str
    principal: str


def cost_shares(data: CentreFile) -> list[ShareRow]:
    """One row per party bearing a share, in the order of the file."""
    economy = economy_of(data)
    weights: list[tuple[str, str, float]] = []  # (party, principal, fraction)
    if economy.cost_model == CostModel.egen_fordelning:
        for share in economy.shares:
            service = data.service(share.party)
            principal = data.principal(service.principal if service else share.party)
            party = service.name if service else (principal.name if principal else share.party)
            weights.append((party, principal.name if principal else "", share.percent / 100))
    else:
        # "lika mellan huvudmännen och därefter lika delar mellan huvudmännens ingående parter":
        # only the parties (CentreFile.is_party) share; other actors bear no part
        parties = data.parties()
        principals = [p for p in data.principals if any(s.principal == p.id for s in parties)]
        for principal in principals:
            services = [s for s in parties if s.principal == principal.id]
            for service in services:
                weights.append((service.name, principal.name, 1 / len(principals) / len(services)))
    rows = []
    for party, principal_name, fraction in weights:
        rows.append(
            ShareRow(
                party=party,
                principal=principal_name,
                percent=fraction * 100,
                coordinator_sek=economy.coordinator_cost_sek * fraction
                if economy.coordinator_cost_sek is not None
                else None,
                running_sek=economy.running_cost_sek * fraction
                if economy.running_cost_sek is not None
                else None,
            )
        )
    return rows


def cost_turns(data: CentreFile, years: int | None = None) -> list[TurnRow]:
    """Who bears the coordinator's cost in which year (Jämtland's turordning)."""
    economy = economy_of(data)
    listed = [data.service(i) for i in economy.rotation]
    order = [s for s in listed if s is not None] or list(data.services)
    start = economy.rotation_start_year
    if start is None:
        start = data.agreement.valid_from.year if data.agreement.valid_from else 2000
    rows = []
    for n in range(years or len(order)):
        service = order[n % len(order)]
        principal = data.principal(service.principal)
        rows.append(TurnRow(start + n, service.name, principal.name if principal else ""))
    return rows


@dataclass(frozen=True)
class PaymentRow:
    payer: str
    payee: str
    purpose: str
    amount_sek: int


def payments(data: CentreFile) -> list[PaymentRow]:
    """The payments between the parties (economy.payments), with the parties' names."""
    return [PaymentRow(data.party_name(p.payer), data.party_name(p.payee), p.purpose, p.amount_sek)
            for p in economy_of(data).payments]


@dataclass(frozen=True)
class BudgetShareRow:
    party: str
    percent: float
    amount_sek: float


def joint_budget_shares(data: CentreFile) -> list[BudgetShareRow]:
    """Who bears what of the joint budget: its own split, else the cost split (cost_shares)."""
    budget = economy_of(data).joint_budget
    if budget is None:
        return []
    total = budget.total_sek
    if budget.split:
        return [BudgetShareRow(data.party_name(s.party), s.percent, total * s.percent / 100) for s in budget.split]
    return [BudgetShareRow(row.party, row.percent, total * row.percent / 100) for row in cost_shares(data)]
