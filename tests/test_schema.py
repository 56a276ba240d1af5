"""The JSON Schema in schemas/: generated from the models, committed, and used by editors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

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
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["additionalProperties"] is False
    objects = {name: d for name, d in schema["definitions"].items() if d.get("type") == "object"}
    assert {"Centre", "Principal", "Service", "Coordinator", "Agreement"} <= set(objects)
    assert all(d["additionalProperties"] is False for d in objects.values())
    # economy only when the pack's templates read it: fc validate knows, the schema cannot
    assert set(schema["required"]) == {"schema_version", "pack", "centre", "principals", "services"}
    assert schema["properties"]["pack"]["description"].startswith("Mallpaket: 'orebro', 'jamtland', 'varmland'")
    number = schema["definitions"]["Principal"]["properties"]["organisation_number"]
    text = next(alternative for alternative in number["anyOf"] if alternative.get("type") == "string")
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


# ---- draft-07, as editors read it --------------------------------------------------------------


def _as_an_editor_reads(path: Path) -> object:
    """The YAML as the VS Code YAML extension hands it to the schema: dates are text (YAML 1.2)."""
    yaml = YAML(typ="safe")
    yaml.version = (1, 2)
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: node.value)
    return yaml.load(path.read_text(encoding="utf-8"))


def _validator() -> jsonschema.Draft7Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)  # a valid draft-07 schema
    return jsonschema.Draft7Validator(schema)


def _errors(data: object) -> list[tuple[list, str]]:
    return [(list(e.absolute_path), e.message) for e in _validator().iter_errors(data)]


@pytest.mark.parametrize("pack", ["orebro", "jamtland", "varmland"])
def test_a_fresh_scaffold_shows_no_editor_errors_for_its_placeholders(tmp_path: Path, pack: str) -> None:
    result = run_fc("new-centre", tmp_path / "nytt", "--name", "Familjecentralen Ny", "--municipality", "Örebro",
                    "--pack", pack)
    assert result.exit_code == 0
    text = (tmp_path / "nytt" / "centre.yaml").read_text(encoding="utf-8")
    assert text.count("<fyll i>") > 10
    assert _errors(_as_an_editor_reads(tmp_path / "nytt" / "centre.yaml")) == []
    # … and fc itself still reports every placeholder as not filled in
    assert run_fc("validate", tmp_path / "nytt").stdout.count("[not-filled]") >= 10


def test_the_examples_are_valid_against_the_schema() -> None:
    for centre in sorted(EXAMPLES.rglob("centre.yaml")):
        assert _errors(_as_an_editor_reads(centre)) == [], centre


def test_the_schema_still_flags_wrong_values_beside_the_placeholder() -> None:
    data = _as_an_editor_reads(EXAMPLES / "vivalla" / "centre.yaml")
    assert isinstance(data, dict)
    data["coordinator"]["fte"] = "en halv"
    data["centre"]["kind"] = "förskola"
    data["centre"]["colour"] = "blå"
    messages = _errors(data)
    assert [path for path, _ in messages] == [["centre"], ["centre", "kind"], ["coordinator", "fte"]]
    assert "'colour' was unexpected" in messages[0][1]
    data["coordinator"]["fte"] = "<fyll i>"
    data["centre"]["kind"] = "<fyll i>"
    del data["centre"]["colour"]
    assert _errors(data) == []


def test_refs_stand_alone_as_draft_07_requires() -> None:
    def walk(node: object) -> None:
        if isinstance(node, dict):
            assert "$ref" not in node or len(node) == 1, node
            assert "$defs" not in node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(COMMITTED.read_text(encoding="utf-8")))
