"""The JSON Schema of a centre file, generated from the models.

Editors check a centre file against it as the user types (the `# yaml-language-server: $schema=`
line that `fc new-centre` writes). It declares JSON Schema draft-07, the newest draft the VS Code
YAML extension and SchemaStore support fully: pydantic writes 2020-12, so its `$defs` become
`definitions`, and a `$ref` with other keywords beside it (ignored beside `$ref` in draft-07) is
put in an `allOf`. A freshly scaffolded file is full of the placeholder `<fyll i>`, which
validation reports as "not filled in" (an error fc names, not a type error): the schema accepts
the placeholder in every place that is not a mapping or a list, so the editor shows no errors for
it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .load.limits import PLACEHOLDER

if TYPE_CHECKING:
    from .packs import Pack

DRAFT_07 = "http://json-schema.org/draft-07/schema#"

SCHEMA_FILE = "centre.schema.json"
#: A pack with fields of its own has its own schema beside fc's: schemas/centre.<pack>.schema.json.
PACK_SCHEMA_FILE = "centre.{pack}.schema.json"
SCHEMA_DIR = "schemas"


def schema_text(pack: Pack | None = None) -> str:
    """The schema of a centre file; with *pack*, `fields:` holds that pack's own fields."""
    from .model import CentreFile

    schema = CentreFile.model_json_schema(ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", {})
    if pack is not None and pack.config.fields:
        from .pack_fields import fields_model

        own = fields_model(pack.config.fields).model_json_schema(ref_template="#/definitions/{model}")
        definitions.update(own.pop("$defs", {}))
        own["title"] = f"Mallpaketets egna fält ({pack.name})"
        own["description"] = schema["properties"]["fields"]["description"]
        schema["properties"]["fields"] = own
        if own.get("required"):  # a pack with required fields of its own: the file must have `fields:`
            schema["required"] = [*schema.get("required", []), "fields"]
        schema["title"] = f"{schema['title']} – mallpaketet {pack.name}"
    schema = {"$schema": DRAFT_07, **schema, "definitions": definitions}
    _to_draft_07(schema, definitions)
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _to_draft_07(node: Any, definitions: dict[str, Any]) -> None:
    """Rewrite pydantic's schema in place: `$ref` alone, the placeholder accepted in leaves."""
    if isinstance(node, list):
        for item in node:
            _to_draft_07(item, definitions)
        return
    if not isinstance(node, dict):
        return
    for name, value in list(node.items()):
        _to_draft_07(value, definitions)
        if name == "properties" and isinstance(value, dict):
            for key, prop in value.items():
                value[key] = _accept_placeholder(_ref_alone(prop), definitions)
        elif name == "items" and isinstance(value, dict):
            node[name] = _accept_placeholder(_ref_alone(value), definitions)


def _ref_alone(schema: dict[str, Any]) -> dict[str, Any]:
    """`{"$ref": R, "description": D}` → `{"allOf": [{"$ref": R}], "description": D}`."""
    if "$ref" in schema and len(schema) > 1:
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        return {"allOf": [{"$ref": schema["$ref"]}], **rest}
    return schema


def _resolve(schema: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = definitions[schema["$ref"].rsplit("/", 1)[-1]]
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _resolve(schema["allOf"][0], definitions)
    return schema


def _is_container(schema: dict[str, Any], definitions: dict[str, Any]) -> bool:
    resolved = _resolve(schema, definitions)
    alternatives = resolved.get("anyOf", [resolved])
    return all(_resolve(a, definitions).get("type") in ("object", "array") for a in alternatives)


def _accepts_placeholder(schema: dict[str, Any], definitions: dict[str, Any]) -> bool:
    resolved = _resolve(schema, definitions)
    if "anyOf" in resolved:
        return any(_accepts_placeholder(a, definitions) for a in resolved["anyOf"])
    if resolved.get("type") != "string" or {"pattern", "enum", "const", "format"} & set(resolved):
        return False
    return resolved.get("minLength", 0) <= len(PLACEHOLDER) <= resolved.get("maxLength", len(PLACEHOLDER))


def _accept_placeholder(schema: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    """A leaf's schema that also accepts `<fyll i>`; mappings and lists as they are."""
    if _is_container(schema, definitions) or _accepts_placeholder(schema, definitions):
        return schema
    placeholder = {"const": PLACEHOLDER, "description": "Inte ifylld än: fc validate påminner om den."}
    if "anyOf" in schema:
        return {**schema, "anyOf": [*schema["anyOf"], placeholder]}
    annotations: dict[str, Any] = {k: schema[k] for k in ("title", "description", "default", "examples") if k in schema}
    rest = {k: v for k, v in schema.items() if k not in annotations}
    return {"anyOf": [rest, placeholder], **annotations}


def pack_schema_name(pack: Pack) -> str:
    """The file name of *pack*'s own schema (for a pack that declares fields)."""
    from .formatting import slugify

    return PACK_SCHEMA_FILE.format(pack=slugify(pack.name) or "paket")


def find_schema_for(folder: Path) -> Path | None:
    """The nearest `schemas/centre.schema.json` in *folder* or above it."""
    for candidate in [folder, *folder.parents]:
        path = candidate / SCHEMA_DIR / SCHEMA_FILE
        if path.is_file():
            return path
    return None


def repository_root(folder: Path) -> Path:
    """The git repository *folder* is in, or *folder* itself."""
    for candidate in [folder, *folder.parents]:
        if (candidate / ".git").exists():
            return candidate
    return folder
