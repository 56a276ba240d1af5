"""Imports flow one way: load → check → template → word → write (ARCHITECTURE.md).

Every module of fc_cli belongs to a layer; a module imports only from its own layer and the ones
before it. The one bend ARCHITECTURE.md names (check asks word whether a pack's reference .docx
is usable) is listed here, so a new one cannot creep in unnoticed.
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "fc_cli"

#: Layers in the order data flows; a module's layer is the first whose prefix matches its name.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("errors", "text", "codes", "diagnostics", "formatting", "documents", "sources", "parallel",
              "printing", "program", "swedish", "user_cache")),
    ("load", ("load", "model", "schema_errors", "schema", "packs", "pack_fields", "economy", "wheel", "properties",
              "results")),
    ("check", ("check",)),
    ("template", ("templating",)),
    ("word", ("word",)),
    ("write", ("write",)),
    ("commands", ("validation", "render", "scaffold", "year", "redline", "cli", "direct", "entry", "__main__",
                  "__init__")),
]

#: Imports against the flow, each explained in ARCHITECTURE.md.
BENDS = {("check.centre", "word.reference")}


def layer_of(module: str) -> int:
    for index, (_, prefixes) in enumerate(LAYERS):
        if module.split(".")[0] in prefixes:
            return index
    raise AssertionError(f"fc_cli.{module} belongs to no layer: add it to LAYERS")


def imports_of(path: Path) -> set[str]:
    """The fc_cli modules *path* imports (relative imports resolved), at any depth of the file."""
    module = path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".")
    package = module.split(".")[:-1]  # for __init__ too: its package is what `.` means
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = ".".join([*base, node.module] if node.module else base)
            names = [target] if node.module else [f"{target}.{alias.name}".strip(".") for alias in node.names]
            found.update(name for name in names if name)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("fc_cli."):
            found.add(node.module.removeprefix("fc_cli."))
    return found


def test_imports_flow_one_way() -> None:
    against = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".")
        for target in imports_of(path):
            if layer_of(target) > layer_of(module) and (module, target) not in BENDS:
                against.append(f"{module} imports {target}")
    assert against == []


def test_every_bend_is_still_there() -> None:
    """A bend that went away is taken off the list (and out of ARCHITECTURE.md)."""
    for module, target in BENDS:
        assert target in imports_of(PACKAGE / (module.replace(".", "/") + ".py"))


#: Modules allowed past ~450 lines because they do one thing (ARCHITECTURE.md says which).
LONG_BUT_ONE_THING = {"cli.py", "redline/tracked.py", "word/wordml.py"}


def test_no_module_does_several_jobs_in_one_long_file() -> None:
    long = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")
            if len(path.read_text(encoding="utf-8").splitlines()) > 450}
    assert long == LONG_BUT_ONE_THING
