"""The fast path: libyaml's C parser when a file is ordinary (the same data as the round-trip loader)."""

from __future__ import annotations

import datetime as _dt
import unicodedata
from typing import Any

from ..diagnostics import KeyPath
from ..text import text_problem
from .limits import MAX_DEPTH, MAX_WRITTEN_NODES, is_placeholder
from .source_map import LoadedYaml, SourceMap

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


def load_fast(text: str, name: str) -> LoadedYaml | None:
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


#: plain scalars' tags as resolved before: keys and many values come again and again
_TAGS: dict[str, str] = {}


def _fast_tag(value: str) -> str:
    found = _TAGS.get(value)
    if found is not None:
        return found
    found = _STR
    table = _FAST_TABLE
    for tag, regexp in table.get(value[0] if value else "", ()) + table.get(None, ()):
        if regexp.match(value):
            found = str(tag)
            break
    if len(_TAGS) < 4096:
        _TAGS[value] = found
    return found


#: keys `_fast_key_ok` accepted before (a file's keys are the same few dozen again and again)
_KEYS_OK: set[str] = set()


def _fast_key_ok(key: str) -> bool:
    """What `_check_key` accepts: text without control or invisible characters."""
    if key in _KEYS_OK:
        return True
    if text_problem(key) is not None:
        return False
    ok = key.isascii() or not any(unicodedata.category(ch) in ("Cf", "Zs") and ch != " " for ch in key)
    if ok and len(_KEYS_OK) < 4096:
        _KEYS_OK.add(key)
    return ok


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
        if kind is ScalarEvent:
            text = event.value
            tag = _STR if event.style else _fast_tag(text)
            if tag == _STR:
                if text_problem(text) is not None:
                    raise _NotFast
                if is_placeholder(text):
                    placeholders.append((*paths[-1], keys[-1] if in_mapping else len(container)))
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
            here = (*paths[-1], keys[-1] if in_mapping else len(container))
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
