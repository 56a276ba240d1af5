"""Checking a centre's `fields:` against the fields its pack declares (fc_cli/pack_fields.py).

Each mistake is an :class:`Issue` at its key path under `fields`, worded as a mistake in fc's own
fields is (schema errors, `not-filled`, an id that is not in the file); the values, checked, are
kept on the model as plain data for the templates (:func:`fc_cli.templating.context.template_context`).
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError

from ..diagnostics import Issue, KeyPath
from ..load import LoadedYaml
from ..model import CentreFile, empty_needed_fields
from ..pack_fields import REFERENCE_TYPES, fields_model, walk
from ..packs import Pack
from ..schema_errors import data_path, explain
from .fill_in import not_filled_issue

ROOT = "fields"


def field_issues(model: CentreFile | None, loaded: LoadedYaml, pack: Pack) -> list[Issue]:
    """What is wrong with the centre's `fields:` for *pack*; on success `model.fields` holds the values.

    *model* is None when the rest of the file does not validate: the fields are still checked,
    but not the ids they refer to."""
    given = loaded.data.get(ROOT)
    specs = pack.config.fields
    if not specs:
        if given:
            return [Issue((ROOT,), "unknown-key",
                          f"mallpaketet '{pack.name}' har inga egna fält – ta bort 'fields' (ett mallpaket "
                          "deklarerar sina fält under fields i pack.yaml, se templates/README.md)", at_key=True)]
        return []
    values = given if isinstance(given, dict) else {}
    declared = fields_model(specs)
    placeholders = {path[1:] for path in loaded.placeholders if path[:1] == (ROOT,)}
    try:
        instance = declared.model_validate(values)
    except ValidationError as exc:
        if ROOT not in loaded.data:  # no `fields:` at all: one finding, not one per field
            names = [str(e["loc"][0]) for e in exc.errors(include_url=False) if e["type"] == "missing"]
            return [Issue((ROOT,), "missing",
                          f"saknas – mallpaketet '{pack.name}' har egna fält som ska stå i filen: lägg till "
                          f"'fields:' med {', '.join(names)} (se kommentarerna i en ny fil från fc new-centre)")]
        issues: list[Issue] = []
        seen: set[KeyPath] = set()
        for error in exc.errors(include_url=False):
            path = data_path(tuple(error["loc"]), values, declared)
            if path in seen or path in placeholders:
                continue
            seen.add(path)
            kind = error["type"]
            code = {"missing": "missing", "extra_forbidden": "unknown-key"}.get(kind, "type")
            issues.append(Issue((ROOT, *path), code, explain(error, path, declared),
                                at_key=kind == "extra_forbidden"))
        return _typos_not_missing(issues)
    issues = [not_filled_issue(path, info) for path, _, _, info in empty_needed_fields(instance, (ROOT,))]
    plain = instance.model_dump()
    if model is not None:
        issues.extend(_references(model, specs, plain))
        model.fields = plain
    return issues


def _typos_not_missing(issues: list[Issue]) -> list[Issue]:
    """A key misspelt is one mistake: `vd:` is said as unknown (did you mean 'vad'?), not also as 'vad' missing."""
    unknown = [i.path for i in issues if i.code == "unknown-key"]

    def misspelt(path: KeyPath) -> bool:
        return any(other[:-1] == path[:-1] and difflib.get_close_matches(str(other[-1]), [str(path[-1])], n=1)
                   for other in unknown)

    return [i for i in issues if not (i.code == "missing" and misspelt(i.path))]


def _references(model: CentreFile, specs: dict[str, Any], plain: dict[str, Any]) -> list[Issue]:
    services = [s.id for s in model.services]
    principals = [p.id for p in model.principals]
    known = {
        "service": (services, "verksamheterna under services"),
        "principal": (principals, "huvudmännen under principals"),
        "party": (services + principals, "verksamheterna under services eller huvudmännen under principals"),
    }
    issues = []
    for path, spec, value in walk(specs, plain):
        if spec.type not in REFERENCE_TYPES or not isinstance(value, str):
            continue
        ids, what = known[spec.type]
        if value in ids:
            continue
        close = difflib.get_close_matches(value, ids, n=1, cutoff=0.6)
        hint = f"menade du '{close[0]}'? " if close else ""
        issues.append(Issue((ROOT, *path), "reference",
                            f"'{value}' finns inte bland {what} – {hint}skriv ett av: {', '.join(ids) or '(inga)'}"))
    return issues
