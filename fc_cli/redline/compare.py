"""Aligning two versions of a document: blocks to blocks, then words to words (difflib).

Why difflib over fc's own output, and not a general .docx comparer: fc writes both versions
itself, from one builder, so their WordprocessingML is regular (paragraphs of plain runs, tables
of cells) and the comparison can be exact: every paragraph, table row and cell of the new version
is written as fc wrote it, and Accept All gives back the new document, Reject All the old one.
python-redlines (Open-XML-PowerTools' WmlComparer, a 33 MB .NET binary) does run here, but takes
over a second per document, stamps each revision with the current time (not reproducible) and
rewrites the whole package; xmldiff compares trees node by node and knows nothing of Word's
revision marks. difflib is in the standard library and takes milliseconds.

Two levels, as a reader expects: the blocks of a container (the body, a table cell) are aligned
by their text, so an inserted or moved paragraph shows as one insertion (and one deletion where
it was) and leaves everything after it untouched; blocks that changed are paired with the most
similar block of the same kind nearby and compared word by word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

#: Two blocks whose words are at least this similar are one block that changed, not two.
SIMILAR = 0.5
#: A table row whose first cell was reworded is the same row at this similarity (see row_similarity).
ROW_SIMILAR = 0.6

#: Words, with numbers such as 0,25, 80 000 (a no-break space between the thousands, as fc
#: writes amounts), 212000-1850 or 2027-01-01 and compounds such as ledningsgrupp/styrgrupp kept
#: whole; spaces and other punctuation are tokens of their own.
_TOKEN = re.compile(r"\d{1,3}(?:\u00a0\d{3})+(?:,\d+)?|\w+(?:[,.:/\-–]\w+)*|\s+|[^\w\s]", re.UNICODE)


def words(text: str) -> list[str]:
    """'Uppsägningstiden är 0,25 år.' → ['Uppsägningstiden', ' ', 'är', ' ', '0,25', ' ', 'år', '.']"""
    return _TOKEN.findall(text)


@dataclass(frozen=True)
class Unit:
    """One block as the alignment sees it: what kind it is and the words it holds."""

    kind: Hashable  # blocks pair only with blocks of the same kind (a paragraph, a 3-column table)
    text: str

    @property
    def key(self) -> tuple[Hashable, str]:
        return (self.kind, self.text)


def similarity(old: str, new: str) -> float:
    """How much of two texts' words (spaces not counted) they share, from 0 to 1."""
    if old == new:
        return 1.0
    a = [w for w in words(old) if not w.isspace()]
    b = [w for w in words(new) if not w.isspace()]
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def row_similarity(old: Sequence[str], new: Sequence[str]) -> float:
    """Two table rows are one row that changed when they are about the same thing.

    fc's tables name what a row is about in the first column (a party, a person, a profession):
    rows with the same first cell are the same row; otherwise only a row whose first cell is
    reworded and whose other cells mostly stayed is.
    """
    if len(old) != len(new) or not old:
        return 0.0
    if old[0] == new[0]:
        return 1.0
    rest = sum(a == b for a, b in zip(old[1:], new[1:], strict=False))
    if len(old) > 1 and rest == len(old) - 1:
        return 0.9  # only the first cell changed: a renamed party, a new manager of the same service
    if len(old) > 1 and rest * 2 < len(old) - 1:
        return 0.0
    return similarity(old[0], new[0])


#: (old index, new index): a pair to compare, (i, None) deleted, (None, j) inserted.
Step = tuple[int | None, int | None]


Score = Callable[[int, int], float]


def align(
    old: Sequence[Unit], new: Sequence[Unit], threshold: float = SIMILAR, pin_last: bool = False,
    score: Score | None = None,
) -> list[Step]:
    """The steps that turn *old* into *new*, in document order.

    *pin_last* pairs the last blocks with each other when the alignment would not: a table
    cell's last paragraph mark cannot be inserted or deleted, so it is compared instead.
    """
    if score is None:
        def score(i: int, j: int) -> float:
            return similarity(old[i].text, new[j].text)

    steps = _align(old, new, threshold, score)
    if pin_last and old and new and (len(old) - 1, len(new) - 1) not in steps and old[-1].kind == new[-1].kind:
        steps = _align(old[:-1], new[:-1], threshold, score) + [(len(old) - 1, len(new) - 1)]
    return steps


def _align(old: Sequence[Unit], new: Sequence[Unit], threshold: float, score: Score) -> list[Step]:
    matcher = SequenceMatcher(None, [u.key for u in old], [u.key for u in new], autojunk=False)
    steps: list[Step] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            steps.extend(zip(range(i1, i2), range(j1, j2), strict=False))
        else:
            steps.extend(_pair_changed(old, new, range(i1, i2), range(j1, j2), threshold, score))
    return steps


def _pair_changed(
    old: Sequence[Unit], new: Sequence[Unit], olds: range, news: range, threshold: float, score: Score
) -> list[Step]:
    """Within a changed stretch: each new block with the most similar old one after the last pair.

    Between two pairs, what was deleted comes before what was inserted, as in Word.
    """
    pairs: list[tuple[int, int]] = []
    start = olds.start
    for j in news:
        best, best_ratio = None, threshold
        for i in range(start, olds.stop):
            if old[i].kind != new[j].kind:
                continue
            ratio = score(i, j)
            if ratio >= best_ratio:
                best, best_ratio = i, ratio
                if ratio == 1.0:
                    break
        if best is not None:
            pairs.append((best, j))
            start = best + 1
    steps: list[Step] = []
    i, j = olds.start, news.start
    for pi, pj in [*pairs, (olds.stop, news.stop)]:
        steps.extend((k, None) for k in range(i, pi))
        steps.extend((None, k) for k in range(j, pj))
        if pi < olds.stop:
            steps.append((pi, pj))
        i, j = pi + 1, pj + 1
    return steps


#: ('equal' | 'delete' | 'insert', old token range, new token range)
WordOp = tuple[str, range, range]


def word_ops(old: Sequence[Hashable], new: Sequence[Hashable], texts_old: Sequence[str]) -> list[WordOp]:
    """Word-level changes between two token sequences, deletions before insertions.

    A lone space or punctuation mark left unchanged between two changes is taken into them, so
    'tolv månader' → 'sex veckor' reads as one change, not two with a kept space in between.
    """
    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)
    ops: list[list] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(["equal", i1, i2, j1, j2])
        else:
            ops.append(["change", i1, i2, j1, j2])
    merged: list[list] = []
    for k, op in enumerate(ops):
        glue = (
            op[0] == "equal"
            and 0 < k < len(ops) - 1
            and op[2] - op[1] == 1
            and _is_glue(texts_old[op[1]])
        )
        if glue or op[0] == "change":
            if merged and merged[-1][0] == "change":
                merged[-1][2], merged[-1][4] = op[2], op[4]
            else:
                merged.append(["change", *op[1:]])
        else:
            merged.append(op)
    result: list[WordOp] = []
    for tag, i1, i2, j1, j2 in merged:
        if tag == "equal":
            result.append(("equal", range(i1, i2), range(j1, j2)))
            continue
        if i2 > i1:
            result.append(("delete", range(i1, i2), range(j1, j1)))
        if j2 > j1:
            result.append(("insert", range(i2, i2), range(j1, j2)))
    return result


def _is_glue(token: str) -> bool:
    return not token.strip() or (len(token) == 1 and not token.isalnum())
