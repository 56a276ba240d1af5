"""Where each key and value of a loaded YAML file stands: key path → FILE:LINE:COL."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import KeyPath
from ..errors import Position, YamlError


@dataclass
class SourceMap:
    """Positions of the keys and values of one loaded YAML file."""

    file: str
    root: Any = None
    #: the file's text when the fast path read it: on the first position asked for, its marks are
    #: read with the C parser (load/fast_positions.py), or, should that fail, the text is parsed
    #: round-trip; again in a worker process (marks and tree stay behind when the map is pickled)
    text: str | None = field(default=None, repr=False, compare=False)
    marks: Any = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        if state["text"] is not None:
            state["root"] = state["marks"] = None
        return state

    def position(self, path: KeyPath, *, at_key: bool = False) -> Position:
        """The position of the value at *path* (or of its key, with ``at_key``).

        A path that does not exist in the file (a missing key) points at the deepest part of it
        that does: the key of the mapping it is missing from.
        """
        if self.root is None and self.marks is None and self.text is not None:
            from .fast_positions import fast_marks

            self.marks = fast_marks(self.text)
            if self.marks is None:
                self.root = _round_trip_root(self.text, self.file)
        if self.marks is not None:
            from .fast_positions import position_in

            line, column = position_in(self.marks, path, at_key)
            return Position(self.file, line + 1, column + 1)
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


def _round_trip_root(text: str, name: str) -> Any:
    """The round-trip tree of a file the fast path read, for its positions."""
    from .round_trip import load_round_trip

    try:
        return load_round_trip(text, name).source.root
    except YamlError:  # cannot happen for a file the fast path accepted; positions fall back to 1:1
        return None
