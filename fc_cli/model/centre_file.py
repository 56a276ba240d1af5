"""`CentreFile`: a whole centre file, and the look-ups on it that templates and rules share."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field

from .agreement import Agreement, Intent
from .base import Strict
from .centre import Centre
from .economy import Economy
from .governance import Coordinator, Governance, Group, GroupLevel
from .parties import Principal, PrincipalKind, Service
from .report import Report


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
