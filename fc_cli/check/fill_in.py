"""Fields still to fill in: the one producer of the `not-filled` finding.

A field is still to fill in when the final documents need it (declared with
:func:`fc_cli.model.needed`, or required by the schema) and it is empty: null, or the visible
placeholder `<fyll i>` that `fc new-centre` writes. When the file validates, every such field is
found on the model. When it does not (a type error elsewhere in the file), the placeholders are
still reported from the loaded data, so one mistake never hides every `<fyll i>` finding.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..diagnostics import Issue, KeyPath
from ..model import CentreFile, empty_needed_fields, is_needed
from ..schema_errors import field_info


def not_filled(placeholders: Iterable[KeyPath], model: CentreFile | None, required: set[KeyPath]) -> list[Issue]:
    """Every field still to fill in, depth first in file order.

    *placeholders* are the places the file says `<fyll i>`; *model* is the validated file (None
    when it did not validate); *required* are the places the schema reported as missing or invalid
    (a required field left as `<fyll i>` is one of them).
    """
    if model is not None:
        return [not_filled_issue(path, info) for path, _, _, info in empty_needed_fields(model)]
    found = []
    for path in placeholders:
        info = field_info(path, CentreFile)
        if info is not None and (path in required or is_needed(info)):
            found.append(not_filled_issue(path, info))
    return found


def not_filled_issue(path: KeyPath, info: Any) -> Issue:
    """The `not-filled` finding for the field *info* at *path* (also for a pack's own fields)."""
    description = (info.description or "").rstrip(".")
    return Issue(path, "not-filled", f"är inte ifylld – {_lower_first(description)}")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
