"""Numbered headings ("1", "1.1", "1.1.1") as Word list numbering, for a pack document that asks
for them (`numbered_headings: true` in pack.yaml), without a hand-made reference .docx.

The numbers are not typed text: every numbered heading carries `w:numPr` pointing at one
abstract numbering whose levels are "%1", "%1.%2" and "%1.%2.%3", so Word, LibreOffice and pandoc's
reader all see list numbering of the headings. A heading can carry its own number, written
`## {nr=13} Avtalstid` in the template (the Markdown that :mod:`fc_cli.word.markup` reads), so a
pack can follow an original whose numbering skips (…, 10, 13, 14): from that heading on the
headings use a numbering instance of their own (`w:num` with `w:lvlOverride`/`w:startOverride`),
which starts at the number asked for and counts on from it.

The other owner here: whether a pack's reference .docx numbers its headings itself
(:func:`numbering_problem`), which would number them twice.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .markup import Block, Heading

if TYPE_CHECKING:
    from ..errors import InputError
    from ..packs import Pack

#: The abstract numbering of the headings, and the first of its instances (after the lists' ids).
HEADING_ABSTRACT_ID = 92
FIRST_HEADING_NUM_ID = 800
#: Numbered heading levels: the Markdown's `##`, `###`, `####` (level 1–3; `#` is the title).
LEVELS = 3
#: How each level is indented: the number hangs in the margin, the text starts at the tab.
_HANG = (567, 709, 851)
#: `{nr=13}` at the very start of a heading's source text (a value printed by a template is
#: escaped, `\{`, so only the template's own text can hold it).
EXPLICIT = re.compile(r"^\{nr=(\d{1,4})\}[ \t]+")


def abstract_xml() -> str:
    """The abstract numbering: level i writes "%1.%2…" up to i+1, decimal, restarting under its parent."""
    levels = []
    for ilvl in range(LEVELS):
        text = ".".join(f"%{n}" for n in range(1, ilvl + 2))
        hang = _HANG[ilvl]
        levels.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{hang}"/></w:tabs>'
            f'<w:ind w:left="{hang}" w:hanging="{hang}"/></w:pPr>'
            "</w:lvl>"
        )
    return (
        f'<w:abstractNum w:abstractNumId="{HEADING_ABSTRACT_ID}"><w:multiLevelType w:val="multilevel"/>'
        f'{"".join(levels)}</w:abstractNum>'
    )


@dataclass
class HeadingNumbers:
    """Which numbering instance and level each numbered heading takes, and the numbers it shows."""

    nums: dict[int, tuple[int, int]] = field(default_factory=dict)  # id(Heading) → (ilvl, numId)
    shown: list[tuple[str, Heading]] = field(default_factory=list)  # ("13.1", heading), in order
    instances: list[str] = field(default_factory=list)  # the <w:num> elements

    def xml(self) -> str:
        """The abstract numbering and its instances, for numbering.xml (abstract before num)."""
        return abstract_xml() + "".join(self.instances) if self.instances else ""


def number_headings(blocks: list[Block]) -> HeadingNumbers:
    """Number every heading of level 1–3 in *blocks*; a heading's own number (`Heading.number`)
    starts a new instance at that number, with the levels above it where they stand."""
    found = HeadingNumbers()
    counters = [0] * LEVELS
    num_id = FIRST_HEADING_NUM_ID
    found.instances.append(_num(num_id, {}))
    for block in blocks:
        if not isinstance(block, Heading) or not 1 <= block.level <= LEVELS:
            continue
        ilvl = block.level - 1
        if block.number is not None:
            counters[ilvl] = block.number
            num_id += 1
            starts = {i: max(counters[i], 1) for i in range(ilvl)} | {ilvl: block.number}
            found.instances.append(_num(num_id, starts))
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, LEVELS):
            counters[deeper] = 0
        found.nums[id(block)] = (ilvl, num_id)
        found.shown.append((".".join(str(max(c, 1)) for c in counters[: ilvl + 1]), block))
    return found


def _num(num_id: int, starts: dict[int, int]) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
        for ilvl, value in sorted(starts.items())
    )
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{HEADING_ABSTRACT_ID}"/>{overrides}</w:num>'


# ---- a reference .docx that numbers its own headings -------------------------------------------

_STYLE = re.compile(r"<w:style\b[^>]*>.*?</w:style>", re.S)
_HEADING_NAME = re.compile(r'<w:name w:val="(heading [1-3])"', re.I)


def reference_numbers_headings(docx: bytes | str) -> str | None:
    """The name of the first heading style ("heading 1") the reference .docx numbers itself, or None:
    a style with `w:numPr`, or a numbering level bound to a heading style (`w:pStyle` in a `w:lvl`)."""
    try:
        with zipfile.ZipFile(docx if isinstance(docx, str) else io.BytesIO(docx)) as package:
            names = set(package.namelist())
            styles = package.read("word/styles.xml").decode("utf-8", "replace") if "word/styles.xml" in names else ""
            numbering = (package.read("word/numbering.xml").decode("utf-8", "replace")
                         if "word/numbering.xml" in names else "")
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None  # not readable: word/reference.py says so
    ids: dict[str, str] = {}
    for style in _STYLE.findall(styles):
        name = _HEADING_NAME.search(style)
        if name is None:
            continue
        if "<w:numPr" in style:
            return name.group(1).lower()
        style_id = re.search(r'w:styleId="([^"]+)"', style)
        if style_id:
            ids[style_id.group(1)] = name.group(1).lower()
    for style_id in re.findall(r'<w:lvl\b.*?<w:pStyle w:val="([^"]+)"', numbering, re.S):
        if style_id in ids:
            return ids[style_id]
    return None


def numbering_problem(pack: Pack) -> InputError | None:
    """An error when a document of *pack* asks for numbered headings and the pack's reference .docx
    numbers its heading styles itself (the headings would be numbered twice)."""
    from ..errors import InputError

    asking = [kind for kind, doc in pack.config.documents.items() if doc.numbered_headings]
    if not asking or pack.reference_docx is None:
        return None
    style = reference_numbers_headings(str(pack.reference_docx.resolve()))
    if style is None:
        return None
    key = ("documents", asking[0], "numbered_headings")
    return InputError(
        f"fc numrerar rubrikerna i det här dokumentet, men referensdokumentet {pack.config.reference_docx} "
        f"numrerar redan formatmallen '{style.capitalize()}' själv, så rubrikerna skulle få två nummer – ta "
        "bort numbered_headings här, eller ta bort numreringen ur rubrikernas formatmallar i referensdokumentet",
        pack.position(key),
        key=".".join(key),
    )
