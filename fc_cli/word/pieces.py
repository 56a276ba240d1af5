"""A speed path of the intermediate format: a template's constant sections are parsed once per process.

Most of a document is the template's own text, the same for every centre of a pack: a county's
200 documents are mostly the same paragraphs again. A document is cut where a new block starts
at the margin after a blank line — a heading, a paragraph, a table, never a list item (`-`, `*`,
`+`, a number), a fence (`:`), a table row (`|`), a link or note (`[`) or indented text — outside
every ::: container, and each piece is parsed by markdown-it on its own, the pieces seen before
coming from a cache. With the rules this format uses (no setext headings, code blocks, block
quotes or HTML) nothing carries over such a cut: a paragraph, list or table ends at the blank
line when the next line is not indented and not a list item. Only footnotes are numbered across
the whole text, so a text with a footnote is parsed whole, as is one whose container fences are
anything but fc's own `::: name` and `:::`. A piece's blocks are kept as a pickle and made anew
from it each time (unpickling is a tenth of parsing), so nothing a document does to its blocks
reaches another document. tests/test_speed_paths.py compares the blocks with those of parsing
every text whole.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable
from typing import Any

_SECTION = re.compile(r"\n\n(?=[^\s\-*+0-9:|\[])")
_FENCE = re.compile(r"^[ \t]*:{3,}.*$", re.M)
_OPEN, _CLOSE = re.compile(r"::: [a-z]+\Z"), ":::"
#: pieces kept per process (a few KB each): a few packs' constant text with room to spare
_PIECES_KEPT = 2048
_pieces: dict[str, bytes] = {}


def blocks(text: str, parse: Callable[[str], list[Any]], containers: tuple[str, ...]) -> list[Any]:
    """The blocks of *text* (*parse* parses a text whole into blocks): parsed whole, or piece by piece.

    A piece seen before is kept as a pickle of its blocks, so each document gets blocks of its own.
    """
    cuts = cuts_of(text, containers)
    if cuts is None:
        return parse(text)
    found_blocks: list[Any] = []
    for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True):
        piece = text[start:end]
        kept = _pieces.get(piece)
        if kept is not None:
            found_blocks.extend(pickle.loads(kept))
            continue
        found = parse(piece)
        if len(_pieces) >= _PIECES_KEPT:
            _pieces.clear()
        _pieces[piece] = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
        found_blocks.extend(found)
    return found_blocks


def cuts_of(text: str, containers: tuple[str, ...]) -> list[int] | None:
    """Where *text* may be cut into sections parsed on their own; None: parse it whole."""
    if "[^" in text or "\r" in text or "\0" in text:
        return None
    fences = [(m.start(), m.group()) for m in _FENCE.finditer(text)]
    depth_at: list[tuple[int, int]] = []  # (offset, container depth after the fence line)
    depth = 0
    for offset, line in fences:
        if line == _CLOSE:
            depth -= 1
        elif _OPEN.match(line) and line[4:] in containers:
            depth += 1
        else:
            return None  # not one of fc's own fences: parse whole
        if depth < 0:
            return None
        depth_at.append((offset, depth))
    cuts = []
    fence = 0
    depth = 0
    for match in _SECTION.finditer(text):
        at = match.end()
        while fence < len(depth_at) and depth_at[fence][0] < at:
            depth = depth_at[fence][1]
            fence += 1
        if depth == 0:
            cuts.append(at)
    return cuts
