"""Reading YAML: the only module that imports ruamel.yaml.

A centre file is loaded round-trip, so every key and value keeps its line and column; the data
handed on is plain Python (dict, list, str, int, float, bool, date, None) together with a
:class:`SourceMap` that turns a key path into a position. Every way a file can be broken ends in
one :class:`YamlError` with a position and a message that says what to do.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Position, YamlError

#: The visible placeholder `fc new-centre` writes where the user has to fill something in.
PLACEHOLDER = "<fyll i>"
#: Largest centre or pack file read (bytes); centre files are a few kilobytes.
MAX_FILE_BYTES = 2_000_000
#: Most values a file may expand to once aliases (*name) are followed.
MAX_NODES = 100_000
#: Deepest nesting accepted.
MAX_DEPTH = 64

KeyPath = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Positions of the keys and values of one loaded YAML file."""

    file: str
    root: Any = None

    def position(self, path: KeyPath, *, at_key: bool = False) -> Position:
        """The position of the value at *path* (or of its key, with ``at_key``).

        A path that does not exist in the file (a missing key) points at the deepest part of it
        that does: the key of the mapping it is missing from.
        """
        node = self.root
        line, column = 0, 0
        for depth, step in enumerate(path):
            last = depth == len(path) - 1
            lc = getattr(node, "lc", None)
            if lc is None:
                break
            if isinstance(node, dict) and step in node:
                key_line, key_col = lc.key(step)
                if last and at_key:
                    line, column = key_line, key_col
                else:
                    line, column = lc.value(step)
                    if node[step] is None or (last and _is_empty_collection(node[step])):
                        # an empty value has no position of its own worth showing: use the key's
                        line, column = key_line, key_col
                node = node[step]
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                line, column = lc.item(step)
                node = node[step]
            else:
                break
        return Position(self.file, line + 1, column + 1)


def _is_empty_collection(value: Any) -> bool:
    return isinstance(value, (dict, list)) and not value


@dataclass
class LoadedYaml:
    """A YAML file as plain data, with its source map and the places left as placeholders."""

    data: dict[str, Any]
    source: SourceMap
    placeholders: list[KeyPath] = field(default_factory=list)


def load_yaml_file(path: Path, *, display_name: str | None = None) -> LoadedYaml:
    """Load one YAML mapping from *path*, raising :class:`YamlError` for every kind of breakage."""
    name = display_name or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise YamlError(f"filen finns inte: {name} – kontrollera sökvägen", Position(name)) from None
    except IsADirectoryError:
        raise YamlError(f"{name} är en mapp, inte en fil", Position(name)) from None
    except OSError as exc:
        raise YamlError(f"filen kan inte läsas: {exc.strerror}", Position(name)) from None
    return load_yaml_text(raw, name)


def load_yaml_text(raw: bytes, name: str) -> LoadedYaml:
    """Load one YAML mapping from bytes; *name* is used in positions."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(
            f"filen är för stor ({len(raw):,} byte; högst {MAX_FILE_BYTES:,}) – "
            "en centrumfil är normalt några kilobyte; kontrollera att det är rätt fil".replace(",", " "),
            Position(name),
        )
    text = _decode(raw, name)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlError(
            "filen är tom – fyll i den eller skapa en ny med 'fc new-centre'", Position(name)
        )

    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    yaml.Constructor = _constructor_class()
    try:
        root = yaml.load(text)
    except _BadDate as exc:
        mark = exc.node.start_mark
        raise YamlError(
            f"'{exc.node.value}' är inget riktigt datum – kontrollera dag och månad (ÅÅÅÅ-MM-DD)",
            Position(name, mark.line + 1, mark.column + 1),
        ) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Position(name, mark.line + 1, mark.column + 1) if mark else Position(name)
        raise YamlError(_explain_yaml_problem(exc, text, mark), pos) from None
    except RecursionError:
        raise YamlError(
            f"filen är nästlad för djupt – högst {MAX_DEPTH} nivåer", Position(name)
        ) from None
    except YAMLError as exc:  # anything else ruamel reports
        raise YamlError(f"filen är inte giltig YAML: {exc}", Position(name)) from None

    if root is None:
        raise YamlError("filen är tom – fyll i den eller skapa en ny med 'fc new-centre'", Position(name))
    if not isinstance(root, dict):
        kind = "en lista" if isinstance(root, list) else "ett enskilt värde"
        raise YamlError(
            f"filen innehåller {kind}, men en centrumfil ska vara nycklar med värden "
            "(t.ex. 'schema_version: 1' på första raden)",
            Position(name),
        )
    source = SourceMap(name, root)
    placeholders: list[KeyPath] = []
    budget = _Budget(source)
    data = _to_plain(root, (), placeholders, budget)
    return LoadedYaml(data=data, source=source, placeholders=placeholders)


class _BadDate(Exception):
    def __init__(self, node: Any):
        super().__init__(node.value)
        self.node = node


_CONSTRUCTOR: Any = None


def _constructor_class() -> Any:
    """ruamel's round-trip constructor, reporting impossible dates (2027-02-30) with a position."""
    global _CONSTRUCTOR
    if _CONSTRUCTOR is None:
        from ruamel.yaml.constructor import RoundTripConstructor

        class Constructor(RoundTripConstructor):
            def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
                try:
                    return super().construct_yaml_timestamp(node, values)
                except ValueError:
                    raise _BadDate(node) from None

        Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_yaml_timestamp)
        _CONSTRUCTOR = Constructor
    return _CONSTRUCTOR


def _decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex().upper()
        raise YamlError(
            f"filen är inte sparad som UTF-8 (byte 0x{bad} går inte att läsa; filen är troligen "
            "sparad som Windows-1252/ANSI) – spara den som UTF-8, i Anteckningar via "
            "'Spara som' och Kodning: UTF-8",
            Position(name, line, column),
        ) from None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        raise YamlError(
            "filen innehåller nolltecken (NUL) och är troligen ingen textfil, eller sparad som "
            "UTF-16 – spara den som UTF-8",
            Position(name, line, offset - (text.rfind("\n", 0, offset) + 1) + 1),
        )
    return text


def _explain_yaml_problem(exc: Any, text: str, mark: Any) -> str:
    """A Swedish, actionable sentence for ruamel's problem description."""
    problem = f"{exc.problem or ''} {exc.context or ''}".strip()
    line_text = ""
    if mark is not None:
        lines = text.splitlines()
        if 0 <= mark.line < len(lines):
            line_text = lines[mark.line]
    if "\t" in problem or "'\\t'" in problem or ("\t" in line_text and "cannot start" in problem):
        return "tabbtecken är inte tillåtna i YAML – indentera med mellanslag i stället"
    if "duplicate key" in problem:
        key = problem.split('"')[1] if '"' in problem else ""
        first = getattr(exc, "context_mark", None)
        where = f" (första gången på rad {first.line + 1})" if first is not None else ""
        return f"nyckeln '{key}' står två gånger{where} – ta bort eller byt namn på den ena"
    if "mapping values are not allowed" in problem:
        return (
            "ett kolon står där det inte får stå – sätt värdet inom citattecken om det innehåller "
            "': ', eller kontrollera indraget på raden ovanför"
        )
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return (
            "indraget stämmer inte – nycklar på samma nivå ska börja i samma kolumn, "
            "och varje nyckel ska följas av ':'"
        )
    if "found undefined alias" in problem:
        return "aliaset (*namn) hänvisar till ett ankare (&namn) som inte finns"
    if "found character" in problem and "cannot start any token" in problem:
        return (
            "tecknet kan inte inleda ett värde – sätt värdet inom citattecken, t.ex. \"@text\""
        )
    if "while scanning a quoted scalar" in problem or "found unexpected end of stream" in problem:
        return "ett citattecken öppnas men stängs aldrig – lägg till det avslutande citattecknet"
    return f"filen är inte giltig YAML: {problem} – kontrollera raden och indraget"


class _Budget:
    def __init__(self, source: SourceMap):
        self.source = source
        self.nodes = 0

    def spend(self, path: KeyPath) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlError(
                f"filen växer till fler än {MAX_NODES:,} värden när alias (*namn) följs – ".replace(",", " ")
                + "använd inte ankare och alias för att upprepa stora delar",
                self.source.position(path),
            )
        if len(path) > MAX_DEPTH:
            raise YamlError(
                f"filen är nästlad för djupt – högst {MAX_DEPTH} nivåer", self.source.position(path)
            )


def _to_plain(node: Any, path: KeyPath, placeholders: list[KeyPath], budget: _Budget) -> Any:
    budget.spend(path)
    if isinstance(node, dict):
        result = {}
        for key, value in node.items():
            if not isinstance(key, str):
                raise YamlError(
                    f"nyckeln {key!r} är inte text – nycklar ska vara ord som 'name'",
                    budget.source.position((*path, key), at_key=True),
                )
            result[str(key)] = _to_plain(value, (*path, key), placeholders, budget)
        return result
    if isinstance(node, list):
        return [_to_plain(v, (*path, i), placeholders, budget) for i, v in enumerate(node)]
    if isinstance(node, str):
        if node.strip() == PLACEHOLDER:
            placeholders.append(path)
            return None
        return str(node)
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, _dt.datetime):
        return node
    if isinstance(node, _dt.date):
        return _dt.date(node.year, node.month, node.day)
    return str(node)
