"""`fc new-centre`: a commented `centre.yaml` with every field, pack defaults and placeholders.

The file is written from the models, so it always matches the schema: each key gets the Swedish
description of its field as a comment (as the seeds' grey help texts do), values come from the
pack's `scaffold` defaults, and what nobody knows yet is left as the visible placeholder
``<fyll i>``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import textwrap
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from .documents import DOCUMENTS, listed
from .errors import OutputError, UsageError
from .formatting import municipality_name
from .load import PLACEHOLDER
from .model import CentreFile, is_needed
from .pack_fields import FieldSpec, description_of
from .packs import pack_by_name, shipped_packs_dir
from .printing import visible
from .program import command_name
from .schema import SCHEMA_DIR, SCHEMA_FILE, find_schema_for, pack_schema_name, repository_root, schema_text
from .schema_errors import inner_model
from .sources import CENTRE_FILE
from .text import text_problem
from .write import write_atomically

_PLAIN = re.compile(r"^[A-Za-zÅÄÖåäöÉéÜü0-9][\wÅÄÖåäöÉéÜü .,()/–'-]*$")
_RESERVED = re.compile(r"^(true|false|yes|no|on|off|null|~|[-+]?[\d.]+([eE][-+]?\d+)?|\d{4}-\d\d-\d\d.*)$", re.I)


def new_centre(folder: Path, name: str, municipality: str, pack_name: str, force: bool = False) -> list[Path]:
    """Write FOLDER/centre.yaml (and the schema, when the repository has none); returns what was written."""
    name, municipality = name.strip(), municipality.strip()
    if not name:
        raise UsageError("--name får inte vara tomt – ange familjecentralens namn")
    if not municipality:
        raise UsageError("--municipality får inte vara tomt – ange kommunens namn, t.ex. 'Örebro'")
    for option, value in (("--name", name), ("--municipality", municipality)):
        problem = text_problem(value)
        if problem:
            raise UsageError(f"{option}: {problem}")
    municipality = re.sub(r"\s+kommun$", "", municipality, flags=re.I)
    pack = pack_by_name(pack_name)
    target = folder / CENTRE_FILE
    if os.path.lexists(target) and not force:  # a link, even one that points nowhere, is a file there
        what = "finns redan som en länk" if target.is_symlink() else "finns redan"
        raise OutputError(f"{visible(str(target))} {what} – använd --force för att skriva över den")
    schema = find_schema_for(folder.resolve())
    new_schema = schema is None
    root = repository_root(folder.resolve())
    if schema is None:
        schema = root / SCHEMA_DIR / SCHEMA_FILE
        _refuse_a_link_out_of(root, schema)
    own_schema = None  # a pack with fields of its own: its schema beside fc's, made from the pack now
    if pack.config.fields:
        own_schema = schema.parent / pack_schema_name(pack)
        _refuse_a_link_out_of(root, own_schema)
    defaults = _substitute(pack.config.scaffold, {"name": name, "municipality": municipality})
    defaults.setdefault("centre", {}).update(name=name, municipality=municipality)
    # a pack given as a path is written relative to the new file, which is where it is read from
    defaults["pack"] = pack_name if pack.folder.parent == shipped_packs_dir() else Path(
        os.path.relpath(pack.folder, folder.resolve())
    ).as_posix()
    defaults["schema_version"] = 1
    relative = Path(os.path.relpath(own_schema or schema, folder.resolve())).as_posix()
    # a pack without a report has no `report:`, one whose templates never read it no `economy:`
    unused = frozenset((*DOCUMENTS, "economy")) - pack.sections_used()
    text = scaffold_text(defaults, relative, pack.config.fields, unused, pack.config.coordinator_tasks)
    write_atomically(target, text.encode("utf-8"))  # first: a failure here leaves nothing behind
    written = [target]
    if own_schema is not None:
        content = schema_text(pack).encode("utf-8")
        if not own_schema.is_file() or own_schema.read_bytes() != content:
            write_atomically(own_schema, content)
            written.insert(0, own_schema)
    elif new_schema:
        write_atomically(schema, schema_text().encode("utf-8"))
        written.insert(0, schema)
    return written


def _refuse_a_link_out_of(root: Path, schema: Path) -> None:
    """The schema is written inside the repository, never through a link that leads out of it."""
    resolved = schema.parent.resolve()
    if resolved != root.resolve() and root.resolve() not in resolved.parents:
        raise OutputError(
            f"{visible(str(schema.parent))} är en länk ut ur repot (till {visible(str(resolved))}), och dit skriver "
            f"fc inte schemat – ta bort länken, eller skriv schemat själv med '{command_name()} schema -o FIL'"
        )


def _substitute(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):
        value = value.replace("{municipality} kommun", municipality_name(names["municipality"]))
        return value.replace("{municipality}", names["municipality"]).replace("{name}", names["name"])
    if isinstance(value, dict):
        return {k: _substitute(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, names) for v in value]
    return value


def scaffold_text(data: dict[str, Any], schema_path: str, specs: dict[str, FieldSpec] | None = None,
                  unused: frozenset[str] = frozenset(), tasks: dict[str, str] | None = None) -> str:
    """The commented centre file: fc's fields (but the *unused* sections of documents the pack does
    not have), then the pack's own (*specs*) under `fields:`; the pack's coordinator *tasks* (id →
    task) are listed above coordinator.dropped_tasks, so a centre sees which ids it can drop."""
    documents = listed([doc.word for doc in DOCUMENTS.values() if doc.id not in unused])
    intro = (f"Familjecentral – underlag för {documents}. Ersätt varje {PLACEHOLDER} och kontrollera med "
             f"'{command_name()} validate'.")
    lines = [f"# yaml-language-server: $schema={schema_path}", *(f"# {line}" for line in textwrap.wrap(intro, 96)), ""]
    _emit_model(CentreFile, data, 0, lines, skip=unused | {"fields"})
    if tasks and "  dropped_tasks: []" in lines:
        at = lines.index("  dropped_tasks: []")
        lines[at:at] = ["  # Mallpaketets arbetsuppgifter (id – uppgift):",
                        *(f"  #   {task} – {text}" for task, text in tasks.items())]
    if specs:
        info = CentreFile.model_fields["fields"]
        lines.extend(f"# {c}" for c in textwrap.wrap(info.description or "", width=96))
        lines.append("fields:")
        given = data.get("fields")
        _emit_pack_fields(specs, given if isinstance(given, dict) else {}, 2, lines)
    return "\n".join(lines) + "\n"


def _emit_pack_fields(specs: dict[str, FieldSpec], data: dict[str, Any], indent: int, lines: list[str],
                      dash: bool = False) -> None:
    """The pack's declared fields, each under its description with its type, range and unit."""
    pad = " " * indent
    for n, (key, spec) in enumerate(specs.items()):
        prefix = " " * (indent - 2) + "- " if dash and n == 0 else pad
        comment_pad = " " * (indent - 2) if dash and n == 0 else pad
        lines.extend(f"{comment_pad}# {c}" for c in textwrap.wrap(description_of(spec), width=96 - indent))
        value = data.get(key, spec.default)
        if spec.type == "group":
            lines.append(f"{prefix}{key}:")
            _emit_pack_fields(spec.fields or {}, value if isinstance(value, dict) else {}, indent + 2, lines)
        elif spec.type == "list":
            if not value:
                lines.append(f"{prefix}{key}: []")
                continue
            lines.append(f"{prefix}{key}:")
            for item in value:
                if spec.item is not None and spec.item.type == "group":
                    _emit_pack_fields(spec.item.fields or {}, item if isinstance(item, dict) else {}, indent + 4,
                                      lines, dash=True)
                else:
                    lines.append(f"{pad}  - {_scalar(item)}")
        elif value is None and spec.need != "optional":
            lines.append(f"{prefix}{key}: {PLACEHOLDER}")
        else:
            lines.append(f"{prefix}{key}: {_scalar(value)}")


def _emit_model(
    model: type[BaseModel], data: dict[str, Any], indent: int, lines: list[str], dash: bool = False,
    skip: frozenset[str] = frozenset(),
) -> None:
    """Every field of *model* but those in *skip*, each under its description; `dash` starts a list item."""
    pad = " " * indent
    for n, (key, info) in enumerate((k, i) for k, i in model.model_fields.items() if k not in skip):
        prefix = " " * (indent - 2) + "- " if dash and n == 0 else pad
        comment_pad = " " * (indent - 2) if dash and n == 0 else pad
        lines.extend(f"{comment_pad}# {c}" for c in textwrap.wrap(info.description or "", width=96 - indent))
        nested = inner_model(info.annotation)
        value = data.get(key, _default(info))
        if key not in data and getattr(model, "waived_when", {}).get(key) in data:
            value = None  # e.g. a committee's organisation number, which stands under acting_for
        if nested is not None and _is_list(info.annotation):
            if value == PLACEHOLDER:  # a required list the pack gives no defaults for: one blank item
                value = [{}]
            if value:
                lines.append(f"{prefix}{key}:")
                for item in value:
                    _emit_model(nested, item or {}, indent + 4, lines, dash=True)
            else:
                lines.append(f"{prefix}{key}: []")
        elif nested is not None:
            if value is None and key not in data and _optional(info.annotation):
                lines.append(f"{prefix}{key}: null")
            else:
                lines.append(f"{prefix}{key}:")
                _emit_model(nested, value if isinstance(value, dict) else {}, indent + 2, lines)
        elif isinstance(value, list):
            if value:
                lines.append(f"{prefix}{key}:")
                lines.extend(f"{pad}  - {_scalar(v)}" for v in value)
            else:
                lines.append(f"{prefix}{key}: []")
        else:
            lines.append(f"{prefix}{key}: {_scalar(value)}")


def _default(info: Any) -> Any:
    if is_needed(info):
        return PLACEHOLDER
    if info.default is not PydanticUndefined:
        return info.default.value if hasattr(info.default, "value") else info.default
    if info.default_factory is not None:
        produced = info.default_factory()
        return produced if not isinstance(produced, BaseModel) else {}
    return PLACEHOLDER


def _is_list(annotation: Any) -> bool:
    return typing.get_origin(annotation) is list


def _optional(annotation: Any) -> bool:
    return type(None) in typing.get_args(annotation)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "value"):  # an enum
        value = value.value
    text = str(value)
    if text == PLACEHOLDER:
        return text
    if _PLAIN.match(text) and not _RESERVED.match(text) and ": " not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)
