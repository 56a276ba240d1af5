"""Reading YAML: the only module that imports ruamel.yaml.

A centre file is loaded round-trip, so every key and value keeps its line and column; the data
handed on is plain Python (dict, list, str, int, float, bool, date, None) together with a
:class:`SourceMap` that turns a key path into a position. Every way a file can be broken ends in
one :class:`YamlError` with a position and a message that says what to do. An ordinary file is
read faster by libyaml's C parser, with the same result; the round-trip parse then happens only
when a position is asked for (see the fast path at the end of this module).
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import KeyPath, format_key
from .errors import Position, YamlError
from .text import decode_utf8, offset_position, text_problem

#: The visible placeholder `fc new-centre` writes where the user has to fill something in.
PLACEHOLDER = "<fyll i>"
#: Largest centre or pack file read (bytes); centre files are a few kilobytes. The pure-Python
#: YAML parser needs about a second per 100 000 lines, so the limits keep every load well under one.
MAX_FILE_BYTES = 512_000
#: Most lines a file may have (a scaffolded centre file has a few hundred).
MAX_LINES = 20_000
#: Most values (keys, scalars, lists, mappings) a file may hold as written.
MAX_WRITTEN_NODES = 10_000
#: Most values a file may expand to once aliases (*name) are followed.
MAX_NODES = 50_000
#: Deepest nesting accepted.
MAX_DEPTH = 64
#: Explicit tags a file may use: `!!str` (and the non-specific `!`) make a value text; every
#: other tag (`!!python/…`, `!!binary`, `!!set`, custom `!tags`) has no place in a centre file.
ALLOWED_TAGS = frozenset({"tag:yaml.org,2002:str", "!"})



@dataclass
class SourceMap:
    """Positions of the keys and values of one loaded YAML file."""

    file: str
    root: Any = None
    #: the file's text: parsed round-trip on the first position when the fast path read it, and
    #: again in a worker process (the round-trip tree stays behind when the map is pickled)
    text: str | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        if state["text"] is not None:
            state["root"] = None
        return state

    def position(self, path: KeyPath, *, at_key: bool = False) -> Position:
        """The position of the value at *path* (or of its key, with ``at_key``).

        A path that does not exist in the file (a missing key) points at the deepest part of it
        that does: the key of the mapping it is missing from.
        """
        if self.root is None and self.text is not None:
            self.root = _round_trip_root(self.text, self.file)
        node = self.root
        line, column = 0, 0
        for depth, step in enumerate(path):
            last = depth == len(path) - 1
            lc = getattr(node, "lc", None)
            if lc is None:
                break
            try:
                if isinstance(node, dict) and step in node:
                    key_line, key_col = lc.key(step)
                    if last and at_key:
                        line, column = key_line, key_col
                    else:
                        line, column = lc.value(step)
                        if node[step] is None or (last and _is_empty_collection(node[step])):
                            # an empty value has no position of its own worth showing: the key's
                            line, column = key_line, key_col
                    node = node[step]
                elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                    line, column = lc.item(step)
                    node = node[step]
                else:
                    break
            except (KeyError, TypeError, ValueError):
                # a key merged in with `<<: *anchor` has no place of its own: keep the mapping's
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


def load_yaml_text(raw: bytes, name: str, *, fast: bool = True) -> LoadedYaml:
    """Load one YAML mapping from bytes; *name* is used in positions.

    With *fast* an ordinary file is read by the C parser (see `_load_fast`); ``fast=False``
    always reads round-trip.
    """
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(
            f"filen är för stor ({len(raw):,} byte; högst {MAX_FILE_BYTES:,}) – "
            "en centrumfil är normalt några kilobyte; kontrollera att det är rätt fil".replace(",", " "),
            Position(name),
        )
    text = _decode(raw, name)
    lines = max(text.count("\n"), text.count("\r")) + 1
    if lines > MAX_LINES:
        raise YamlError(
            f"filen har för många rader ({lines:,}; högst {MAX_LINES:,}) – ".replace(",", " ")
            + "en centrumfil har normalt några hundra rader; kontrollera att det är rätt fil",
            Position(name, MAX_LINES + 1, 1),
        )
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlError(
            "filen är tom – fyll i den eller skapa en ny med 'fc new-centre'", Position(name)
        )
    if fast:
        loaded = _load_fast(text, name)
        if loaded is not None:
            return loaded

    from ruamel.yaml import YAML
    from ruamel.yaml.composer import MaxDepthExceededError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    yaml.max_depth = MAX_DEPTH
    yaml.Constructor = _constructor_class()
    yaml.Composer = _composer_class()
    yaml.Scanner = _scanner_class()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. a reused anchor name: legal YAML, no noise on stderr
            root = yaml.load(text)
    except _Refused as exc:
        raise YamlError(exc.message, _mark_position(name, exc.mark)) from None
    except MaxDepthExceededError as exc:
        raise YamlError(_too_deep(), _mark_position(name, exc.problem_mark)) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        context, problem = str(exc.context or ""), str(exc.problem or "")
        unclosed = "quoted scalar" in context and ("end of stream" in problem or "document separator" in problem)
        if exc.context_mark is not None and (unclosed or "flow" in context):
            # an unclosed quote or bracket is noticed far below: point at where it opens
            mark = exc.context_mark
        pos = Position(name, mark.line + 1, mark.column + 1) if mark else Position(name)
        raise YamlError(_explain_yaml_problem(exc, text, mark), pos) from None
    except ReaderError as exc:
        raise YamlError(_unreadable_character(exc.character), offset_position(name, text, exc.position)) from None
    except RecursionError:
        raise YamlError(_too_deep(), Position(name)) from None
    except YAMLError as exc:  # anything else ruamel reports
        raise YamlError(f"filen är inte giltig YAML: {exc}", Position(name)) from None
    except (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError) as exc:
        # ruamel's constructors raise plain Python errors for some malformed values
        raise YamlError(
            f"filen kunde inte läsas som YAML ({type(exc).__name__}: {exc}) – "
            "kontrollera värden med ovanliga tecken, och sätt text inom citattecken",
            Position(name),
        ) from None

    if root is None:
        raise YamlError("filen är tom – fyll i den eller skapa en ny med 'fc new-centre'", Position(name))
    if not isinstance(root, dict):
        kind = "en lista" if isinstance(root, list) else "ett enskilt värde"
        raise YamlError(
            f"filen innehåller {kind}, men en centrumfil ska vara nycklar med värden "
            "(t.ex. 'schema_version: 1' på första raden)",
            Position(name),
        )
    source = SourceMap(name, root, text=text)
    placeholders: list[KeyPath] = []
    budget = _Budget(source)
    data = _to_plain(root, (), placeholders, budget)
    return LoadedYaml(data=data, source=source, placeholders=placeholders)


def _too_deep() -> str:
    return (
        f"filen är nästlad för djupt (högst {MAX_DEPTH} nivåer) – kontrollera indraget "
        "och att varje [ och { stängs"
    )


def _mark_position(name: str, mark: Any) -> Position:
    if mark is None:
        return Position(name)
    return Position(name, mark.line + 1, mark.column + 1)


def _unreadable_character(character: Any) -> str:
    code = character if isinstance(character, int) else ord(character) if isinstance(character, str) and character else 0
    return (
        f"filen innehåller ett osynligt styrtecken (U+{code:04X}) som inte får stå i en YAML-fil – "
        "ta bort det (det följer ofta med när text kopieras från ett annat program)"
    )


class _Refused(Exception):
    """Something the composer or constructor refuses, with its place in the file."""

    def __init__(self, message: str, mark: Any):
        super().__init__(message)
        self.message = message
        self.mark = mark


_CONSTRUCTOR: Any = None
_COMPOSER: Any = None
_SCANNER: Any = None


def _scanner_class() -> Any:
    """ruamel's round-trip scanner, refusing deep `[[[…` early.

    The scanner looks ahead over every open bracket before it hands on the first one, and that
    look-ahead grows with the square of the depth: 5 000 brackets take seconds. Stop at MAX_DEPTH.
    """
    global _SCANNER
    if _SCANNER is None:
        from ruamel.yaml.scanner import RoundTripScanner

        class Scanner(RoundTripScanner):
            def fetch_flow_collection_start(self, TokenClass: Any, to_push: str) -> None:
                if self.flow_level >= MAX_DEPTH:
                    raise _Refused(_too_deep(), self.reader.get_mark())
                super().fetch_flow_collection_start(TokenClass, to_push)

        _SCANNER = Scanner
    return _SCANNER


def _constructor_class() -> Any:
    """ruamel's round-trip constructor, reporting impossible dates (2027-02-30) with a position."""
    global _CONSTRUCTOR
    if _CONSTRUCTOR is None:
        from ruamel.yaml.constructor import RoundTripConstructor

        class Constructor(RoundTripConstructor):
            def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
                try:
                    return super().construct_yaml_timestamp(node, values)
                except (ValueError, OverflowError):
                    # 2027-02-30 stays the text it is: validation reports it where a date belongs,
                    # together with the file's other findings
                    return str(node.value)

            def construct_yaml_int(self, node: Any) -> Any:
                try:
                    return super().construct_yaml_int(node)
                except (ValueError, OverflowError):
                    raise _Refused(
                        "talet är för stort eller går inte att läsa – skriv det inom citattecken "
                        "om det är text",
                        node.start_mark,
                    ) from None

            def construct_yaml_float(self, node: Any) -> Any:
                try:
                    return super().construct_yaml_float(node)
                except (ValueError, OverflowError):
                    raise _Refused(
                        "decimaltalet går inte att läsa – skriv det med punkt, t.ex. 0.5, "
                        "eller inom citattecken om det är text",
                        node.start_mark,
                    ) from None

        Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_yaml_timestamp)
        Constructor.add_constructor("tag:yaml.org,2002:int", Constructor.construct_yaml_int)
        Constructor.add_constructor("tag:yaml.org,2002:float", Constructor.construct_yaml_float)
        _CONSTRUCTOR = Constructor
    return _CONSTRUCTOR


def _composer_class() -> Any:
    """ruamel's composer, refusing tags and counting the values a file holds as it is read.

    Counting while composing stops a huge file early: the pure-Python parser needs tens of
    microseconds per value, so a file of a million tiny values would otherwise take a minute.
    """
    global _COMPOSER
    if _COMPOSER is None:
        from ruamel.yaml.composer import Composer as BaseComposer
        from ruamel.yaml.events import AliasEvent

        class Composer(BaseComposer):
            fc_nodes = 0

            def compose_node(self, parent: Any, index: Any) -> Any:
                if not self.parser.check_event(AliasEvent):
                    event = self.parser.peek_event()
                    self.fc_nodes += 1
                    if self.fc_nodes > MAX_WRITTEN_NODES:
                        raise _Refused(
                            f"filen innehåller fler än {MAX_WRITTEN_NODES:,} värden – ".replace(",", " ")
                            + "en centrumfil har normalt några hundra; kontrollera att det är rätt fil",
                            event.start_mark,
                        )
                    tag = getattr(event, "ctag", None)
                    if tag is not None and str(tag) not in ALLOWED_TAGS:
                        raise _Refused(
                            f"taggen '{_written_tag(tag)}' används inte i fc:s filer – ta bort den "
                            "(skriv värdet som det är, eller inom citattecken om det är text)",
                            event.start_mark,
                        )
                return super().compose_node(parent, index)

        _COMPOSER = Composer
    return _COMPOSER


def _written_tag(tag: Any) -> str:
    text = str(tag)
    prefix = "tag:yaml.org,2002:"
    return "!!" + text[len(prefix):] if text.startswith(prefix) else text


def _decode(raw: bytes, name: str) -> str:
    return decode_utf8(raw, name, YamlError, "filen")


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
    if "found unknown escape character" in problem or "expected escape sequence" in problem:
        return (
            "okänd \\-kod i text inom dubbla citattecken – skriv \\\\ för ett bakstreck, "
            "eller sätt texten inom enkla citattecken ('…')"
        )
    if "flow sequence" in problem or "flow mapping" in problem or "while parsing a flow node" in problem:
        return (
            "en lista [ ] eller en mappning { } stängs inte, eller saknar kommatecken mellan "
            "värdena – kontrollera raden"
        )
    if "found another document" in problem:
        return "filen innehåller flera YAML-dokument (---) – en fil är ett enda dokument; ta bort raden med ---"
    if "block scalar" in problem:
        return "ett flerradsvärde (| eller >) är felskrivet – skriv | eller > ensamt sist på raden"
    if "while scanning an anchor" in problem or "while scanning an alias" in problem:
        return "& och * inleder ankare och alias i YAML – sätt värdet inom citattecken om det är text"
    if "while scanning a directive" in problem or "directive" in problem:
        return "en rad som börjar med % är ett YAML-direktiv – ta bort raden, eller sätt värdet inom citattecken"
    if "undefined tag handle" in problem:
        return "! inleder en tagg i YAML – ta bort den, eller sätt värdet inom citattecken om det är text"
    if "merging" in problem:
        return "<< (sammanslagning) behöver ett alias till en mappning, t.ex. <<: *standard"
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
            raise YamlError(_too_deep(), self.source.position(path))



def _check_key(key: Any, path: KeyPath, budget: _Budget) -> str:
    if isinstance(key, str):
        problem = text_problem(key)
        invisible = next((ch for ch in key if unicodedata.category(ch) in ("Cf", "Zs") and ch != " "), None)
        if problem is None and invisible is None:
            return str(key)
        under = f" under {format_key(path)}" if path else ""
        if problem is None:
            problem = (
                f"nyckeln{under} innehåller ett osynligt tecken (U+{ord(invisible):04X}) – "
                "skriv om nyckeln med vanliga bokstäver"
            )
        else:
            problem = f"en nyckel{under}: {problem}"
        raise YamlError(problem, budget.source.position((*path, key), at_key=True))
    if key is None:
        shown = "en tom nyckel"
    elif isinstance(key, (_dt.date, _dt.datetime)):
        shown = f"nyckeln {key.isoformat()}"
    elif isinstance(key, (int, float)):
        shown = f"nyckeln {key}"
    else:
        shown = "en lista eller mappning som nyckel"
    raise YamlError(
        f"{shown} är inte text – nycklar ska vara namn som 'name' följda av ':'",
        budget.source.position((*path, key), at_key=True),
    )


def _to_plain(node: Any, path: KeyPath, placeholders: list[KeyPath], budget: _Budget) -> Any:
    budget.spend(path)
    if isinstance(node, dict):
        result = {}
        for key, value in node.items():
            text_key = _check_key(key, path, budget)
            result[text_key] = _to_plain(value, (*path, key), placeholders, budget)
        return result
    if isinstance(node, list):
        return [_to_plain(v, (*path, i), placeholders, budget) for i, v in enumerate(node)]
    if isinstance(node, str):
        problem = text_problem(node)
        if problem is not None:
            # every text of every file is checked here, so no document ever receives it
            raise YamlError(problem, budget.source.position(path), key=format_key(path) or "värdet")
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


# ---- the fast path: libyaml's C parser when a file is ordinary ------------------------------------
#
# The round-trip loader above is pure Python (about 20 ms for a centre file); libyaml's C parser
# (the `ruamel.yaml.clib` package) reads the same file in about 1 ms. The fast path only ever
# *accepts* a file that the round-trip loader accepts with exactly the same data: whatever is
# unusual (an error of any kind, a tag, an anchor or alias, a merge key, a duplicate key, a key
# that is not text, a number or date written in any but the plainest way, nesting near the limit,
# tabs, byte order marks or Unicode line separators inside the text, a `%YAML` directive, text
# the documents refuse) makes it give up, and the round-trip loader reads the file and gives the
# positioned error or the data. Positions are only needed for findings: the source map parses the
# file round-trip the first time one is asked for. Every check `_to_plain` and `_check_key` make
# on values and keys must be mirrored in `_fast_compose` (tests/test_speed_paths.py compares both
# paths on every example, fixture and corpus file).

_FAST_INT = None
_FAST_TABLE: Any = None
#: Characters the two parsers may treat differently, or that the round-trip loader reports.
_FAST_AWKWARD = ("\t", "\ufeff", "\x85", "\u2028", "\u2029")
_STR = "tag:yaml.org,2002:str"


class _NotFast(Exception):
    """The file is not ordinary: read it with the round-trip loader."""


def _load_fast(text: str, name: str) -> LoadedYaml | None:
    """*text* as plain data through the C parser, or None when the round-trip loader must read it."""
    if any(ch in text for ch in _FAST_AWKWARD):
        return None
    try:
        from _ruamel_yaml import CParser  # ruamel.yaml.clib; missing on PyPy or without the wheel
    except ImportError:
        return None
    placeholders: list[KeyPath] = []
    parser = CParser(text)
    try:
        data = _fast_compose(parser, placeholders)
    except Exception:  # noqa: BLE001 - any problem at all: the round-trip loader explains it
        return None
    finally:
        parser.dispose()
    return LoadedYaml(data=data, source=SourceMap(name, text=text), placeholders=placeholders)


def _fast_resolver() -> Any:
    """The implicit-tag table of YAML 1.2, as the round-trip loader resolves plain scalars."""
    global _FAST_TABLE, _FAST_INT
    if _FAST_TABLE is None:
        import re

        from ruamel.yaml.resolver import VersionedResolver

        table = VersionedResolver(version=(1, 2)).versioned_resolver
        _FAST_INT = (
            re.compile(r"[-+]?(?:0|[1-9][0-9]*)"),  # int: plain decimal only
            re.compile(r"[-+]?[0-9]+\.[0-9]+"),  # float: digits, point, digits
            re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),  # timestamp: a date only
        )
        _FAST_TABLE = {first: tuple(entries) for first, entries in table.items()}
    return _FAST_TABLE


def _fast_tag(value: str) -> str:
    table = _FAST_TABLE
    for tag, regexp in table.get(value[0] if value else "", ()) + table.get(None, ()):
        if regexp.match(value):
            return str(tag)
    return _STR


def _fast_key_ok(key: str) -> bool:
    """What `_check_key` accepts: text without control or invisible characters."""
    if text_problem(key) is not None:
        return False
    return key.isascii() or not any(unicodedata.category(ch) in ("Cf", "Zs") and ch != " " for ch in key)


def _fast_compose(parser: Any, placeholders: list[KeyPath]) -> dict[str, Any]:
    from ruamel.yaml.events import (
        DocumentEndEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
        StreamStartEvent,
    )

    _fast_resolver()
    integer, decimal, date = _FAST_INT  # type: ignore[misc]
    get = parser.get_event
    if type(get()) is not StreamStartEvent:
        raise _NotFast
    start = get()
    if type(start) is not DocumentStartEvent or start.version is not None or start.tags:
        raise _NotFast
    first = get()
    if type(first) is not MappingStartEvent or first.anchor is not None or first.tag is not None:
        raise _NotFast  # an empty file, a list or a single value: the round-trip loader says so
    root: dict[str, Any] = {}
    containers: list[Any] = [root]
    paths: list[KeyPath] = [()]
    keys: list[Any] = [None]  # per open mapping: the key whose value comes next
    nodes = 1
    while containers:
        event = get()
        kind = type(event)
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            containers.pop()
            paths.pop()
            keys.pop()
            continue
        nodes += 1
        if nodes > MAX_WRITTEN_NODES or event.anchor is not None or event.tag is not None:
            raise _NotFast
        container = containers[-1]
        in_mapping = type(container) is dict
        if in_mapping and keys[-1] is None:  # a key
            if kind is not ScalarEvent:
                raise _NotFast
            key = event.value
            if (not event.style and _fast_tag(key) != _STR) or key in container or not _fast_key_ok(key):
                raise _NotFast
            keys[-1] = key
            continue
        here = (*paths[-1], keys[-1] if in_mapping else len(container))
        if kind is ScalarEvent:
            text = event.value
            tag = _STR if event.style else _fast_tag(text)
            if tag == _STR:
                if text_problem(text) is not None:
                    raise _NotFast
                if text.strip() == PLACEHOLDER:
                    placeholders.append(here)
                    value: Any = None
                else:
                    value = text
            elif tag == "tag:yaml.org,2002:null":
                value = None
            elif tag == "tag:yaml.org,2002:bool":
                value = text.lower() == "true"
            elif tag == "tag:yaml.org,2002:int" and integer.fullmatch(text):
                value = int(text)
            elif tag == "tag:yaml.org,2002:float" and decimal.fullmatch(text):
                value = float(text)
            elif tag == "tag:yaml.org,2002:timestamp" and date.fullmatch(text):
                value = _dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))  # ValueError: not fast
            else:
                raise _NotFast
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if len(containers) >= MAX_DEPTH - 4:
                raise _NotFast
            value = {} if kind is MappingStartEvent else []
        else:
            raise _NotFast
        if in_mapping:
            container[keys[-1]] = value
            keys[-1] = None
        else:
            container.append(value)
        if kind is not ScalarEvent:
            containers.append(value)
            paths.append(here)
            keys.append(None)
    if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
        raise _NotFast  # a second document (---): the round-trip loader explains
    return root


def _round_trip_root(text: str, name: str) -> Any:
    """The round-trip tree of a file the fast path read, for its positions."""
    try:
        return load_yaml_text(text.encode("utf-8"), name, fast=False).source.root
    except YamlError:  # cannot happen for a file the fast path accepted; positions fall back to 1:1
        return None
