"""The JSON Schema of a centre file, generated from the models (SPEC §6)."""

from __future__ import annotations

import json
from pathlib import Path

SCHEMA_FILE = "centre.schema.json"
SCHEMA_DIR = "schemas"


def schema_text() -> str:
    from .model import CentreFile

    schema = CentreFile.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


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
