"""The round-trip loader: every file fc reads, with positions, refusing whatever has no place in it.

ruamel.yaml's pure-Python round-trip parser keeps the line and column of every key and value;
fc's scanner, composer and constructor refuse deep nesting, tags and huge files early, and
:func:`to_plain` turns the tree into plain Python, checking every key and text on the way.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
import warnings
from typing import Any

from ..diagnostics import KeyPath, format_key
from ..errors import Position, YamlError
from ..program import command_name
from ..text import offset_position, text_problem
from .limits import ALLOWED_TAGS, MAX_DEPTH, MAX_NODES, MAX_WRITTEN_NODES, is_placeholder
from .messages import explain_yaml_problem, mark_position, too_deep, unreadable_character, written_tag
from .source_map import LoadedYaml, SourceMap

#: An integer written with a leading zero (0232100164, 070_12): YAML reads it as a number and drops the zero.
_LEADING_ZERO = re.compile(r"[-+]?0[0-9_]*[0-9][0-9_]*")


class _LeadingZero(int):
    """An integer written with a leading zero, remembering how it was written."""

    written: str

    def __new__(cls, written: str) -> _LeadingZero:
        number = super().__new__(cls, written.replace("_", ""))
        number.written = written
        return number


def _leading_zero(number: _LeadingZero) -> str:
    written = number.written
    return (
        f"{written} börjar med 0 och skulle läsas som talet {int(number)} – skriv det inom citattecken "
        f"('{written}') om det är ett nummer som ett organisations- eller telefonnummer, eller utan "
        "inledande nolla om det är ett tal"
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
            def fetch_flow_collection_start(self, TokenClass: Any, to_push: str) -> None:  # noqa: N803 - ruamel's name
                if self.flow_level >= MAX_DEPTH:
                    raise _Refused(too_deep(), self.reader.get_mark())
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
                    value = super().construct_yaml_timestamp(node, values)
                except (ValueError, OverflowError):
                    # 2027-02-30 stays the text it is: validation reports it where a date belongs,
                    # together with the file's other findings
                    return str(node.value)
                if isinstance(value, _dt.datetime):
                    # a date with a time of day (2027-01-01 10:00:00) stays the text as written, as
                    # 2027-01-01 10:00 (no seconds) already does: a message shows what the user wrote,
                    # never ruamel's TimeStamp(…)
                    return str(node.value)
                return value

            def construct_yaml_int(self, node: Any) -> Any:
                written = str(node.value)
                if _LEADING_ZERO.fullmatch(written):
                    # 0232100164 would be read as the number 232100164: the zero, which an
                    # organisation number or a telephone number needs, would be lost without a word;
                    # to_plain refuses it where it knows the key
                    return _LeadingZero(written)
                try:
                    return super().construct_yaml_int(node)
                except (ValueError, OverflowError):
                    raise _Refused(
                        "talet är för stort eller går inte att läsa – skriv det inom citattecken "
                        "om det är text",
                        node.start_mark,
                    ) from None

            def check_mapping_key(self, node: Any, key_node: Any, mapping: Any, key: Any, value: Any) -> bool:
                if key in mapping and not self.allow_duplicate_keys:
                    # the line of the key's first occurrence (ruamel names the mapping's first line)
                    try:
                        first = f" (första gången på rad {mapping.lc.key(key)[0] + 1})"
                    except (AttributeError, KeyError, TypeError):
                        first = ""
                    raise _Refused(
                        f"nyckeln '{key}' står två gånger{first} – ta bort eller byt namn på den ena",
                        key_node.start_mark,
                    )
                return bool(super().check_mapping_key(node, key_node, mapping, key, value))

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
        from ruamel.yaml.nodes import MappingNode

        class Composer(BaseComposer):
            fc_nodes = 0

            def compose_node(self, parent: Any, index: Any) -> Any:
                if index is None and isinstance(parent, MappingNode) and self.parser.check_event(AliasEvent):
                    # ruamel would give the key its anchor's place; keys are names written out
                    raise _Refused(
                        "ett alias (*namn) står som nyckel – skriv nyckeln ut, t.ex. 'name:'; "
                        "alias hör hemma som värden",
                        self.parser.peek_event().start_mark,
                    )
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
                            f"taggen '{written_tag(tag)}' används inte i fc:s filer – ta bort den "
                            "(skriv värdet som det är, eller inom citattecken om det är text)",
                            event.start_mark,
                        )
                return super().compose_node(parent, index)

        _COMPOSER = Composer
    return _COMPOSER


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
            raise YamlError(too_deep(), self.source.position(path))



def _check_key(key: Any, path: KeyPath, budget: _Budget) -> str:
    if isinstance(key, str):
        problem = text_problem(key)
        invisible = next((ch for ch in key if unicodedata.category(ch) in ("Cf", "Zs") and ch != " "), None)
        if problem is None and invisible is None:
            return str(key)
        under = f" under {format_key(path)}" if path else ""
        if problem is None and invisible is not None:
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
    elif isinstance(key, _LeadingZero):
        shown = f"nyckeln {key.written}"
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
        if is_placeholder(node):
            placeholders.append(path)
            return None
        return str(node)
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, _LeadingZero):
        raise YamlError(_leading_zero(node), budget.source.position(path), key=format_key(path) or "värdet")
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, _dt.datetime):
        return node
    if isinstance(node, _dt.date):
        return _dt.date(node.year, node.month, node.day)
    return str(node)


def load_round_trip(text: str, name: str) -> LoadedYaml:
    """*text* (decoded, LF line ends) read round-trip: the data, its positions and its placeholders."""
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
        raise YamlError(exc.message, mark_position(name, exc.mark)) from None
    except MaxDepthExceededError as exc:
        raise YamlError(too_deep(), mark_position(name, exc.problem_mark)) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        context, problem = str(exc.context or ""), str(exc.problem or "")
        unclosed = "quoted scalar" in context and ("end of stream" in problem or "document separator" in problem)
        if exc.context_mark is not None and (unclosed or "flow" in context):
            # an unclosed quote or bracket is noticed far below: point at where it opens
            mark = exc.context_mark
        pos = Position(name, mark.line + 1, mark.column + 1) if mark else Position(name)
        raise YamlError(explain_yaml_problem(exc, text, mark), pos) from None
    except ReaderError as exc:
        raise YamlError(unreadable_character(exc.character), offset_position(name, text, exc.position)) from None
    except RecursionError:
        raise YamlError(too_deep(), Position(name)) from None
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
        raise YamlError(
            f"filen är tom – fyll i den eller skapa en ny med '{command_name()} new-centre'", Position(name)
        )
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
