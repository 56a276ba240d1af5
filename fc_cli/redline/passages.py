"""The changed passages of a document, as lines of text for the summary (`--format md|text`).

The same alignment as the redline (compare.py), on fc's block tree of each version: a changed
paragraph, list item, table row or signature is one line, with deleted words as ~~struck~~ and
inserted words as **bold** in Markdown ([-deleted-] and {+inserted+} in plain text, as wdiff
writes them), and only a few words around each change kept.
"""

from __future__ import annotations

from .compare import ROW_SIMILAR, Unit, align, row_similarity, similarity, word_ops, words
from .fc import md_escape, parse_markup

#: Unchanged words kept on each side of a change; the rest of the passage becomes "…".
CONTEXT = 8
_CELL = " | "

#: At most this many passages per document; the rest are counted.
MAX_PASSAGES = 40


def changed_passages(old_text: str, new_text: str, markdown: bool) -> list[str]:
    """One line per changed passage between two renderings (fc's template text format)."""
    old, new = _units(parse_markup(old_text)), _units(parse_markup(new_text))

    def score(i: int, j: int) -> float:
        kind = old[i].kind
        if isinstance(kind, tuple) and kind[0] == "row":
            rows = row_similarity(old[i].text.split(_CELL), new[j].text.split(_CELL))
            return rows if rows >= ROW_SIMILAR else 0.0
        return similarity(old[i].text, new[j].text)

    lines: list[str] = []
    for i, j in align(old, new, score=score):
        if i is not None and j is not None:
            if old[i].text != new[j].text:
                lines.append(_pair(old[i].text, new[j].text, markdown))
        elif j is None:
            assert i is not None  # align pairs every block with its match or with None
            lines.append(_mark(old[i].text, "delete", markdown))
        else:
            lines.append(_mark(new[j].text, "insert", markdown))
    if len(lines) > MAX_PASSAGES:
        rest = len(lines) - MAX_PASSAGES
        lines = lines[:MAX_PASSAGES] + [f"… och {rest} ändrade stycken till (se dokumentet med spårade ändringar)"]
    return lines


def _units(blocks: list) -> list[Unit]:
    units: list[Unit] = []
    for block in blocks:
        kind = type(block).__name__
        if kind in ("Heading", "Paragraph"):
            units.append(Unit("p", _text(block.spans)))
        elif kind == "ListBlock":
            for item in block.items:
                units.extend(_units(item.blocks))
        elif kind == "Table":
            for row in [block.header, *block.rows]:
                if row:
                    units.append(Unit(("row", len(row)), _CELL.join(_text(cell) for cell in row)))
        elif kind == "Signatures":
            for entry in block.entries:
                fields = "; ".join(f"{name}: {_text(value)}" for name, value in entry.fields.items())
                units.append(Unit("signature", f"{_text(entry.label)}: {fields}" if fields else _text(entry.label)))
    return [u for u in units if u.text.strip()]


def _text(spans: list) -> str:
    return "".join((" " if span.line_break else "") + span.text for span in spans).strip()


def _mark(text: str, kind: str, markdown: bool) -> str:
    """A deleted or inserted stretch; spaces at its ends stay outside the marks (as GFM needs)."""
    core = text.strip()
    if not core:
        return text
    lead, trail = _ends(text)
    if markdown:
        marked = f"~~{md_escape(core)}~~" if kind == "delete" else f"**{md_escape(core)}**"
    else:
        marked = f"[-{core}-]" if kind == "delete" else f"{{+{core}+}}"
    return f"{lead}{marked}{trail}"


def _ends(text: str) -> tuple[str, str]:
    """The spaces before and after the text (no-break spaces stay no-break)."""
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]


def _pair(old: str, new: str, markdown: bool) -> str:
    a, b = words(old), words(new)
    ops = word_ops(a, b, a)
    out: list[str] = []
    for k, (tag, olds, news) in enumerate(ops):
        if tag == "equal":
            kept = a[olds.start:olds.stop]
            out.append(_context(kept, first=k == 0, last=k == len(ops) - 1, markdown=markdown))
        elif tag == "delete":
            out.append(_mark("".join(a[olds.start:olds.stop]), "delete", markdown))
        else:
            out.append(_mark("".join(b[news.start:news.stop]), "insert", markdown))
    return "".join(out).strip()


def _context(tokens: list[str], first: bool, last: bool, markdown: bool) -> str:
    """Unchanged words between changes: all of them when few, else the ends next to the changes."""
    wordish = [k for k, t in enumerate(tokens) if any(ch.isalnum() for ch in t)]
    escape = md_escape if markdown else (lambda t: t)

    def join(part: list[str]) -> str:
        text = "".join(part)
        stripped = escape(text.strip())
        lead, trail = _ends(text)
        return f"{lead}{stripped}{trail}" if stripped else text

    if len(wordish) <= (CONTEXT if first or last else 2 * CONTEXT):
        return join(tokens)
    head = tokens[: wordish[CONTEXT - 1] + 1]  # right after a change
    tail = tokens[wordish[-CONTEXT]:]  # right before the next one
    if first:
        return "… " + join(tail)
    if last:
        return join(head) + " …"
    return join(head) + " … " + join(tail)
