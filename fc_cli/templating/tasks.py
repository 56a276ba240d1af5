"""The coordinator's tasks: one binding list, written in the template, that a centre can shorten
(templates/README.md, "The coordinator's tasks").

The template writes the pack's list as Markdown inside `{% filter agreed_tasks(data, pack) %}`,
each item marked with its id: `- {task=barnrattsombud} Vara barnrättsombud`. The filter drops
the items the centre names under `coordinator.dropped_tasks` (with everything indented under
them: sub-items, a second paragraph), removes the markers of the rest and adds the centre's own
`coordinator.extra_tasks` as the list's last items. A marker whose id the pack does not declare
under `coordinator_tasks` is a mistake in the pack, reported when the template is rendered.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import InputError
from .escape import md_escape

_ITEM = re.compile(r"^(?P<indent> *)(?P<bullet>[-*+]|\d+[.)]) (?P<marker>\{task=(?P<id>[^}]*)\} ?)?")


def agreed_tasks(text: Any, data: Any, pack: Any) -> Any:
    """*text*, the pack's task list, as this centre has agreed it (see the module's docstring)."""
    from markupsafe import Markup

    declared = getattr(pack, "coordinator_tasks", None) or {}
    dropped = set(data.coordinator.dropped_tasks)
    kept: list[str] = []
    cut_below: int | None = None  # the indent of a dropped item: lines indented deeper go with it
    bullet = "-"
    for line in str(text).split("\n"):
        item = _ITEM.match(line)
        depth = len(line) - len(line.lstrip(" "))
        if cut_below is not None:
            if not line.strip() or depth > cut_below:
                continue
            cut_below = None
        if item and item.group("marker"):
            task = item.group("id")
            if task not in declared:
                known = ", ".join(declared) or "inga"
                raise InputError(
                    f"samordnaravtalets lista markerar en arbetsuppgift med {{task={task}}}, men mallpaketet "
                    f"'{pack.name}' har ingen sådan under coordinator_tasks i pack.yaml (där finns: {known}) – "
                    "lägg till id:t där, eller rätta markeringen"
                )
            if task in dropped:
                cut_below = depth
                continue
            line = line[: item.start("marker")] + line[item.end("marker"):]
        if item and not item.group("indent"):
            bullet = item.group("bullet")
        kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    kept.extend(f"{bullet} {md_escape(task)}" for task in data.coordinator.extra_tasks)
    return Markup("\n".join(kept) + "\n")


FILTERS = {"agreed_tasks": agreed_tasks}
