"""What a template sees: the sections of the centre file by name, plus `data`, `pack` and the principals."""

from __future__ import annotations

from typing import Any

from ..formatting import municipality_name
from ..model import CentreFile, empty_needed_fields
from .escape import Placeholder


def template_context(data: CentreFile, document_title: str, pack_config: Any, draft: bool) -> dict[str, Any]:
    """What a template sees: every section of the centre file by name, plus `data` and `pack`."""
    if draft:
        data = with_placeholders(data)
    context: dict[str, Any] = {name: getattr(data, name) for name in type(data).model_fields}
    context.update(
        data=data,
        pack=pack_config,
        document_title=document_title,
        draft=draft,
        region_principal=data.region_principal,
        municipality_principal=data.municipality_principal,
        # a committee's kommun (acting_for) is the municipality, not the committee
        kommun_name=data.municipality_principal.legal_name
        if data.municipality_principal
        else municipality_name(data.centre.municipality),
    )
    return context


def with_placeholders(data: CentreFile) -> CentreFile:
    """A copy of *data* where every empty `needed` field is a highlighted placeholder."""
    copy = data.model_copy(deep=True)
    for _, owner, name, info in list(empty_needed_fields(copy)):
        label = (info.description or name).split(",")[0].split(" t.ex.")[0].rstrip(".")
        object.__setattr__(owner, name, Placeholder(f"fyll i: {label}"))
    return copy
