"""Positions of a file the fast path read, from libyaml's C parser (a speed path).

A finding needs the line and column of a key or value. The round-trip loader keeps them, but
parsing a centre file round-trip takes ~15 ms of pure Python; libyaml's events carry the same
marks and read the file in well under a millisecond. Only files the fast path accepted come here
(no anchors, aliases, tags, merge keys or unusual characters), and for those the marks are the
ones the round-trip tree holds: a key's start, a value's start, a list item's start.
tests/test_speed_paths.py compares both for every key path of every file the project has.
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import KeyPath

#: per key path: (key line, key column, value line, value column, what the value is: VALUE, NULL
#: or EMPTY). A list item has no key: its key position is its own. Lines and columns count from 0.
Marks = dict[KeyPath, tuple[int, int, int, int, int]]
VALUE, NULL, EMPTY = 0, 1, 2  # a value; null (`key:`, `~`); an empty {} or []

_NULL_TAG = "tag:yaml.org,2002:null"


def fast_marks(text: str) -> Marks | None:
    """Every key path's marks, or None when the C parser is missing or the text is not ordinary."""
    try:
        from _ruamel_yaml import CParser
    except ImportError:
        return None
    from ruamel.yaml.events import (
        AliasEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
    )

    from .fast import _fast_resolver, _fast_tag

    _fast_resolver()
    parser = CParser(text)
    marks: Marks = {}
    # per open container: its path, whether it is a mapping, the pending key (text, line, column)
    # or the next item's index, and how many children it has
    stack: list[list[Any]] = []
    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                path, _, _, children = stack.pop()
                if children == 0 and path:
                    key_line, key_col, line, col, _ = marks[path]
                    marks[path] = (key_line, key_col, line, col, EMPTY)
                if not stack:
                    break
                continue
            if kind is AliasEvent:
                return None
            if kind is not ScalarEvent and kind is not MappingStartEvent and kind is not SequenceStartEvent:
                continue  # stream and document events
            mark = event.start_mark
            if not stack:  # the root mapping
                stack.append([(), kind is MappingStartEvent, None, 0])
                continue
            top = stack[-1]
            path, in_mapping, pending, _ = top
            if in_mapping and pending is None:  # a key
                top[2] = (event.value, mark.line, mark.column)
                continue
            if in_mapping:
                key, key_line, key_col = pending
                here = (*path, key)
                top[2] = None
            else:
                here = (*path, pending or 0)
                top[2] = (pending or 0) + 1
                key_line, key_col = mark.line, mark.column
            top[3] += 1
            null = kind is ScalarEvent and not event.style and _fast_tag(event.value) == _NULL_TAG
            marks[here] = (key_line, key_col, mark.line, mark.column, NULL if null else VALUE)
            if kind is not ScalarEvent:
                stack.append([here, kind is MappingStartEvent, None, 0])
    except Exception:  # noqa: BLE001 - not ordinary after all: the round-trip tree gives the positions
        return None
    finally:
        parser.dispose()
    return marks


def position_in(marks: Marks, path: KeyPath, at_key: bool) -> tuple[int, int]:
    """(line, column) from 0 of *path*, walked as :meth:`SourceMap.position` walks the round-trip tree."""
    line, column = 0, 0
    for depth in range(len(path)):
        found = marks.get(path[: depth + 1])
        if found is None:
            break
        key_line, key_col, value_line, value_col, what = found
        last = depth == len(path) - 1
        if isinstance(path[depth], int):  # a list item
            line, column = value_line, value_col
        elif (last and at_key) or what == NULL or (last and what == EMPTY):
            # an empty value has no position of its own worth showing: the key's
            line, column = key_line, key_col
        else:
            line, column = value_line, value_col
    return line, column
