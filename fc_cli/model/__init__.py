"""The data model of one family centre (pydantic v2), one module per section of a centre file.

Field names are English and explain themselves; every field carries a Swedish description, which
the JSON Schema, the scaffolded `centre.yaml` comments and the draft placeholders all reuse.

`base` holds what every model is built on (`Strict`, :func:`needed` fields, the shared types and
limits); `centre`, `parties` (principals and services), `governance` (the groups and the
coordinator), `economy`, `agreement` (with the letter of intent and the signings) and `report`
each model their section of centre.yaml; `centre_file` the whole file (`CentreFile`) and the
look-ups on it. Every public name is re-exported here: `from fc_cli.model import CentreFile`.
"""

from __future__ import annotations

from .agreement import Agreement, Extension, Intent, Signing
from .base import (
    MAX_COUNT,
    MAX_SEK,
    NEEDED,
    SCHEMA_VERSION,
    Fte,
    Id,
    Month,
    OrgNumber,
    Strict,
    empty_needed_fields,
    is_needed,
    needed,
)
from .centre import Address, Centre, CentreKind, TargetGroup
from .centre_file import CentreFile
from .economy import (
    PAYMENT_INTERVAL_WORDS,
    BudgetItem,
    CostModel,
    CostShare,
    Economy,
    Indexation,
    JointBudget,
    Payment,
    PaymentInterval,
    PaymentSchedule,
)
from .governance import GROUP_LEVEL_NAMES, Coordinator, Governance, Group, GroupLevel
from .parties import (
    BASE_SERVICES,
    SERVICE_NAMES,
    Administration,
    LegalBody,
    Person,
    Principal,
    PrincipalKind,
    Service,
    ServiceType,
    Staffing,
)
from .report import Report, Statistic, Statistics

__all__ = [
    "BASE_SERVICES", "GROUP_LEVEL_NAMES", "MAX_COUNT", "MAX_SEK", "NEEDED", "PAYMENT_INTERVAL_WORDS",
    "SCHEMA_VERSION", "SERVICE_NAMES", "Address", "Administration", "Agreement", "BudgetItem", "Centre",
    "CentreFile", "CentreKind", "Coordinator", "CostModel", "CostShare", "Economy", "Extension", "Fte",
    "Governance", "Group", "GroupLevel", "Id", "Indexation", "Intent", "JointBudget", "LegalBody", "Month",
    "OrgNumber", "Payment", "PaymentInterval", "PaymentSchedule", "Person", "Principal", "PrincipalKind",
    "Report", "Service", "ServiceType", "Signing", "Staffing", "Statistic", "Statistics", "Strict",
    "TargetGroup", "empty_needed_fields", "is_needed", "needed",
]
