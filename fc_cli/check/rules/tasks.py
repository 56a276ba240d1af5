"""The coordinator's tasks: the ids a centre drops from its pack's list must be the pack's
(templates/README.md, "The coordinator's tasks"; the list itself is shaped by
fc_cli/templating/tasks.py)."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Issue
from ...model import CentreFile
from ...packs import PackConfig
from .base import _suggest


def task_issues(model: CentreFile, pack: PackConfig) -> Iterator[Issue]:
    """An id under coordinator.dropped_tasks that the pack's coordinator_tasks does not have, or
    the same id twice. Not one of RULES: it needs the pack's configuration, not only its rules."""
    declared = list(pack.coordinator_tasks)
    seen: set[str] = set()
    for index, task in enumerate(model.coordinator.dropped_tasks):
        path = ("coordinator", "dropped_tasks", index)
        if not declared:
            yield Issue(path, "task",
                        f"mallpaketet '{pack.name}' har ingen lista med arbetsuppgifter att ta bort ur "
                        "(coordinator_tasks i dess pack.yaml) – ta bort dropped_tasks, eller skriv vad som gäller "
                        "under extra_tasks")
        elif task not in declared:
            yield Issue(path, "task",
                        f"'{task}' är ingen arbetsuppgift i mallpaketet '{pack.name}' – {_suggest(task, declared)}"
                        f"skriv ett av: {', '.join(declared)}")
        elif task in seen:
            yield Issue(path, "task", f"arbetsuppgiften '{task}' står två gånger – ta bort den ena")
        seen.add(task)
