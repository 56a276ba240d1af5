"""What a template sees: the sections of the centre file by name, the pack's own `fields`, plus `data`, `pack`
and the principals."""

from __future__ import annotations

from typing import Any

from ..formatting import municipality_name
from ..model import CentreFile, empty_needed_fields
from .escape import Placeholder


def template_context(
    data: CentreFile, document_title: str, pack_config: Any, draft: bool, results: Any = None
) -> dict[str, Any]:
    """What a template sees: every section of the centre file by name, plus `data`, `pack` and
    `results` (the year's results, :class:`fc_cli.results.view.ReportResults`)."""
    from ..results.view import ReportResults

    if draft:
        data = with_placeholders(data)
    context: dict[str, Any] = {name: getattr(data, name) for name in type(data).model_fields}
    context["fields"] = pack_fields(data, getattr(pack_config, "fields", None) or {}, draft)
    context.update(
        data=data,
        pack=pack_config,
        document_title=document_title,
        draft=draft,
        results=results
        if results is not None
        else ReportResults(None, [], getattr(pack_config, "self_reflection", None), data),
        region_principal=data.region_principal,
        municipality_principal=data.municipality_principal,
        # the region as the documents name it: its principal, else the region the centre names
        region_name=data.region_principal.name if data.region_principal else data.centre.region,
        # a committee's kommun (acting_for) is the municipality, not the committee
        kommun_name=data.municipality_principal.legal_name
        if data.municipality_principal
        else municipality_name(data.centre.municipality),
    )
    return context


def pack_fields(data: CentreFile, specs: dict[str, Any], draft: bool) -> Any:
    """The pack's own fields as the templates see them (`fields.x`), with placeholders in a draft."""
    from ..pack_fields import fields_model

    values = fields_model(specs).model_validate(data.fields)  # checked already: the same values
    if draft:
        for _, owner, name, info in list(empty_needed_fields(values)):
            object.__setattr__(owner, name, Placeholder(f"fyll i: {_label(info, name)}"))
    return values


def _label(info: Any, name: str) -> str:
    return str((info.description or name).split(",")[0].split(" t.ex.")[0].rstrip("."))


def with_placeholders(data: CentreFile) -> CentreFile:
    """A copy of *data* where every empty `needed` field is a highlighted placeholder."""
    copy = data.model_copy(deep=True)
    for _, owner, name, info in list(empty_needed_fields(copy)):
        object.__setattr__(owner, name, Placeholder(f"fyll i: {_label(info, name)}"))
    return copy
