"""The JSON Schema in schemas/: generated from the models, committed, and used by editors."""

from __future__ import annotations

import json
from pathlib import Path

from fc_cli.schema import schema_text

from helpers import EXAMPLES, ROOT, run_fc

COMMITTED = ROOT / "schemas" / "centre.schema.json"
MODELINE = "# yaml-language-server: $schema="


def test_the_committed_schema_is_fresh() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "schemas/centre.schema.json is stale: run `fc schema -o schemas/centre.schema.json` and commit it"
    )


def test_fc_schema_prints_and_writes_the_same_schema(tmp_path: Path) -> None:
    assert run_fc("schema").stdout == schema_text()
    result = run_fc("schema", "-o", tmp_path / "s.json")
    assert result.stdout == f"{tmp_path / 's.json'}\n"
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == schema_text()


def test_the_schema_makes_unknown_keys_errors_and_speaks_swedish() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    objects = {name: d for name, d in schema["$defs"].items() if d.get("type") == "object"}
    assert {"Centre", "Principal", "Service", "Coordinator", "Agreement"} <= set(objects)
    assert all(d["additionalProperties"] is False for d in objects.values())
    assert set(schema["required"]) == {"schema_version", "pack", "centre", "principals", "services", "economy"}
    assert schema["properties"]["pack"]["description"].startswith("Mallpaket: 'orebro', 'jamtland', 'varmland'")
    number = schema["$defs"]["Principal"]["properties"]["organisation_number"]
    text = next(alternative for alternative in number["anyOf"] if alternative["type"] == "string")
    assert text["pattern"] == r"^\d{6}-?\d{4}$"  # editors flag a malformed number as you type


def test_new_centre_points_editors_at_the_repositorys_schema(tmp_path: Path) -> None:
    repository = tmp_path / "avtal"
    (repository / ".git").mkdir(parents=True)
    first = run_fc("new-centre", repository / "orebro" / "vivalla", "--name", "Familjecentralen Vivalla",
                   "--municipality", "Örebro", "--pack", "orebro")
    assert first.exit_code == 0
    schema = repository / "schemas" / "centre.schema.json"
    centre = repository / "orebro" / "vivalla" / "centre.yaml"
    assert first.stdout == f"{schema}\n{centre}\n"  # the repository had no schema yet
    assert schema.read_text(encoding="utf-8") == schema_text()
    assert centre.read_text(encoding="utf-8").splitlines()[0] == f"{MODELINE}../../schemas/centre.schema.json"
    # a second centre, one folder deeper, reuses the schema and points at it
    second = run_fc("new-centre", repository / "jamtland" / "ostersund" / "lugnvik", "--name",
                    "Familjecentralen Lugnvik", "--municipality", "Östersund", "--pack", "orebro")
    deeper = repository / "jamtland" / "ostersund" / "lugnvik" / "centre.yaml"
    assert second.stdout == f"{deeper}\n"
    first_line = deeper.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"{MODELINE}../../../schemas/centre.schema.json"
    assert (deeper.parent / first_line.removeprefix(MODELINE)).resolve() == schema.resolve()


def test_the_examples_point_at_the_committed_schema() -> None:
    for centre in sorted(EXAMPLES.rglob("centre.yaml")):
        first = centre.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(MODELINE), centre
        assert (centre.parent / first.removeprefix(MODELINE)).resolve() == COMMITTED.resolve(), centre
