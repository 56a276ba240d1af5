"""Word revision marks: the new document's WordprocessingML with the old one's text as w:del.

The only module of the redline that reads XML (lxml, which python-docx brings). Works on the
body fc's Word builder writes (paragraphs of runs, tables, signature tables of nested tables):

- a paragraph, table row or cell present in both versions is written as in the new version;
  words that differ become ``w:del`` (old) and ``w:ins`` (new) runs, formatting that differs on
  the same words ``w:rPrChange``, paragraph, row, cell and table properties ``w:pPrChange``,
  ``w:trPrChange``, ``w:tcPrChange``, ``w:tblPrChange`` and column widths ``w:tblGridChange``;
- a paragraph only in one version is inserted or deleted whole, with its paragraph mark;
- a table row only in one version is an inserted or deleted row (``w:trPr/w:ins|w:del``);
- list items deleted from a list keep counting in that list (their numbering instance is the
  new version's), numbering instances only the old version had are copied into numbering.xml.

So Word's Accept All gives the new document and Reject All the old one.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .compare import ROW_SIMILAR, Unit, align, row_similarity, similarity, word_ops, words

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, TR, TC, R, T, DEL_TEXT = q("p"), q("tbl"), q("tr"), q("tc"), q("r"), q("t"), q("delText")
PPR, RPR, TRPR, TCPR, TBLPR, TBLGRID = q("pPr"), q("rPr"), q("trPr"), q("tcPr"), q("tblPr"), q("tblGrid")
INS, DEL = q("ins"), q("del")


def parse(xml: bytes) -> etree._Element:
    return etree.fromstring(xml, etree.XMLParser(remove_blank_text=False, resolve_entities=False, no_network=True))


def serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def text_of(element: etree._Element) -> str:
    """The text of a paragraph or table as the alignment compares it (breaks as newlines)."""
    if element.tag == TBL:
        return "\x1e".join(_row_text(row) for row in element.findall(TR))
    parts = []
    for node in element.iter(T, DEL_TEXT, q("br"), q("tab")):
        if node.tag == T:
            parts.append(node.text or "")
        elif node.tag == q("br"):
            parts.append("\n")
        elif node.tag == q("tab"):
            parts.append("\t")
    return "".join(parts)


def _row_text(row: etree._Element) -> str:
    return "\x1f".join(text_of_cell(cell) for cell in row.findall(TC))


def text_of_cell(cell: etree._Element) -> str:
    return "\x1d".join(text_of(child) for child in cell if child.tag in (P, TBL))


@dataclass
class Redliner:
    """Writes one redline; every revision mark gets the author, the date and a unique id."""

    author: str
    date: str  # 2027-01-01T00:00:00Z
    next_id: int = 1
    #: numbering instance of the old version → the new version's instance for the same list
    num_map: dict[str, str] = field(default_factory=dict)
    #: numPr/numId elements copied from the old version, resolved once the whole body is written
    old_num_refs: list[etree._Element] = field(default_factory=list)

    # ---- marks ------------------------------------------------------------------------------
    def mark(self, tag: str) -> etree._Element:
        element = etree.Element(tag)
        element.set(q("id"), str(self.next_id))
        element.set(q("author"), self.author)
        element.set(q("date"), self.date)
        self.next_id += 1
        return element

    # ---- containers -------------------------------------------------------------------------
    def blocks(self, old: list[etree._Element], new: list[etree._Element]) -> list[etree._Element]:
        """The compared blocks (paragraphs and tables) of a body, a table cell or a page header.

        The last paragraph mark of each is the container's own, which Word neither inserts nor
        deletes: the last paragraphs are compared with each other, and never marked whole.
        """
        old_units, new_units = [_unit(e) for e in old], [_unit(e) for e in new]

        def score(i: int, j: int) -> float:
            if old[i].tag == TBL and _first_row(old[i]) == _first_row(new[j]):
                return 1.0  # the same heading row: the same table, whatever changed in its rows
            return similarity(old_units[i].text, new_units[j].text)

        steps = align(old_units, new_units, pin_last=True, score=score)
        out: list[etree._Element] = []
        for i, j in steps:
            if i is not None and j is not None:
                made = [self.paragraph(old[i], new[j]) if new[j].tag == P else self.table(old[i], new[j])]
            elif j is None:
                assert i is not None  # align pairs every block with its match or with None
                made = [self.deleted(old[i], mark_paragraph=i != len(old) - 1)]
            else:
                made = [self.inserted(new[j], mark_paragraph=j != len(new) - 1)]
            for element in made:
                if out and out[-1].tag == TBL and element.tag == TBL:
                    out.append(self.separator())  # two tables in a row would become one
                out.append(element)
        return out

    def separator(self) -> etree._Element:
        """An empty paragraph in neither version (inserted and deleted): keeps two tables apart."""
        p = etree.Element(P)
        rpr = etree.SubElement(etree.SubElement(p, PPR), RPR)
        rpr.append(self.mark(INS))
        rpr.append(self.mark(DEL))
        return p

    # ---- paragraphs -------------------------------------------------------------------------
    def paragraph(self, old: etree._Element, new: etree._Element) -> etree._Element:
        out = etree.Element(P, attrib=dict(new.attrib))
        new_ppr, old_ppr = new.find(PPR), old.find(PPR)
        self._learn_numbering(old_ppr, new_ppr)
        if new_ppr is not None:
            out.append(copy.deepcopy(new_ppr))
        if _props(old_ppr, self.num_map) != _props(new_ppr):
            ppr = out.find(PPR)
            if ppr is None:
                ppr = etree.Element(PPR)
                out.insert(0, ppr)
            change = self.mark(q("pPrChange"))
            previous = etree.SubElement(change, PPR)
            for child in old_ppr if old_ppr is not None else ():
                if child.tag not in (RPR, q("sectPr"), q("pPrChange")):
                    previous.append(self._old_copy(child))
            ppr.append(change)
        for run in self.runs(_content(old), _content(new)):
            out.append(run)
        return out

    def runs(self, old: list[etree._Element], new: list[etree._Element]) -> list[etree._Element]:
        """The runs of a compared paragraph: kept, deleted and inserted words."""
        old_tokens, new_tokens = _tokens(old), _tokens(new)
        ops = word_ops([t.key for t in old_tokens], [t.key for t in new_tokens], [t.text for t in old_tokens])
        out: list[etree._Element] = []
        for tag, olds, news in ops:
            if tag == "equal":
                pairs = [(old_tokens[i], new_tokens[j]) for i, j in zip(olds, news, strict=False)]
                for group in _groups(pairs, lambda pair: (pair[1].rpr_key, pair[0].rpr_key)):
                    out.append(self._kept_run([n for _, n in group], group[0][0].rpr))
            elif tag == "delete":
                for group in _groups([old_tokens[i] for i in olds], lambda t: t.rpr_key):
                    wrapper = self.mark(DEL)
                    wrapper.append(_run(group, deleted=True, copy_props=self._old_copy))
                    out.append(wrapper)
            else:
                for group in _groups([new_tokens[j] for j in news], lambda t: t.rpr_key):
                    wrapper = self.mark(INS)
                    wrapper.append(_run(group))
                    out.append(wrapper)
        return out

    def _kept_run(self, tokens: list[_Token], old_rpr: etree._Element | None) -> etree._Element:
        run = _run(tokens)
        if _props(old_rpr) != _props(tokens[0].rpr):
            rpr = run.find(RPR)
            if rpr is None:
                rpr = etree.Element(RPR)
                run.insert(0, rpr)
            change = self.mark(q("rPrChange"))
            previous = etree.SubElement(change, RPR)
            for child in old_rpr if old_rpr is not None else ():
                previous.append(copy.deepcopy(child))
            rpr.append(change)
        return run

    # ---- whole blocks -----------------------------------------------------------------------
    def inserted(self, element: etree._Element, mark_paragraph: bool = True) -> etree._Element:
        return self._whole(copy.deepcopy(element), INS, mark_paragraph)

    def deleted(self, element: etree._Element, mark_paragraph: bool = True) -> etree._Element:
        out = self._whole(copy.deepcopy(element), DEL, mark_paragraph)
        for num_id in out.iter(q("numId")):
            self.old_num_refs.append(num_id)
        return out

    def _whole(self, element: etree._Element, tag: str, mark_paragraph: bool) -> etree._Element:
        """Mark a copied paragraph or table as inserted or deleted as a whole."""
        if element.tag == TBL:
            for row in element.findall(TR):
                self._whole_row(row, tag)
            return element
        for run in [c for c in element if c.tag == R]:
            wrapper = self.mark(tag)
            run.addprevious(wrapper)
            wrapper.append(run)
            if tag == DEL:
                for t in run.iter(T):
                    t.tag = DEL_TEXT
        if mark_paragraph:
            self._mark_paragraph(element, tag)
        return element

    def _whole_row(self, row: etree._Element, tag: str) -> None:
        trpr = row.find(TRPR)
        if trpr is None:
            trpr = etree.Element(TRPR)
            row.insert(1 if len(row) and row[0].tag == q("tblPrEx") else 0, trpr)
        _insert_before(trpr, self.mark(tag), (q("trPrChange"),))
        for cell in row.findall(TC):
            children = [c for c in cell if c.tag in (P, TBL)]
            for k, child in enumerate(children):
                self._whole(child, tag, mark_paragraph=k < len(children) - 1)

    def _mark_paragraph(self, p: etree._Element, tag: str) -> None:
        ppr = p.find(PPR)
        if ppr is None:
            ppr = etree.Element(PPR)
            p.insert(0, ppr)
        rpr = ppr.find(RPR)
        if rpr is None:
            rpr = etree.Element(RPR)
            _insert_before(ppr, rpr, (q("sectPr"), q("pPrChange")))
        rpr.insert(0, self.mark(tag))

    # ---- tables -----------------------------------------------------------------------------
    def table(self, old: etree._Element, new: etree._Element) -> etree._Element:
        out = etree.Element(TBL, attrib=dict(new.attrib))
        old_pr, new_pr = old.find(TBLPR), new.find(TBLPR)
        tblpr = copy.deepcopy(new_pr) if new_pr is not None else etree.Element(TBLPR)
        if _props(old_pr) != _props(new_pr):
            change = self.mark(q("tblPrChange"))
            previous = etree.SubElement(change, TBLPR)
            for child in old_pr if old_pr is not None else ():
                if child.tag != q("tblPrChange"):
                    previous.append(copy.deepcopy(child))
            tblpr.append(change)
        out.append(tblpr)
        old_grid, new_grid = old.find(TBLGRID), new.find(TBLGRID)
        grid = copy.deepcopy(new_grid) if new_grid is not None else etree.Element(TBLGRID)
        if _props(old_grid) != _props(new_grid):
            change = etree.SubElement(grid, q("tblGridChange"))
            change.set(q("id"), str(self.next_id))
            self.next_id += 1
            previous = etree.SubElement(change, TBLGRID)
            for col in old_grid.findall(q("gridCol")) if old_grid is not None else ():
                previous.append(copy.deepcopy(col))
        out.append(grid)
        old_rows, new_rows = old.findall(TR), new.findall(TR)
        units_old = [Unit(len(r.findall(TC)), _row_text(r)) for r in old_rows]
        units_new = [Unit(len(r.findall(TC)), _row_text(r)) for r in new_rows]
        cells_old = [[text_of_cell(c) for c in r.findall(TC)] for r in old_rows]
        cells_new = [[text_of_cell(c) for c in r.findall(TC)] for r in new_rows]

        def score(i: int, j: int) -> float:
            return row_similarity(cells_old[i], cells_new[j])

        if len(old_rows) == len(new_rows) and all(u.kind == 1 for u in units_old + units_new):
            steps: list = list(zip(range(len(old_rows)), range(len(new_rows)), strict=False))  # a layout: row by row
        else:
            steps = align(units_old, units_new, threshold=ROW_SIMILAR, score=score)
        for i, j in steps:
            if i is not None and j is not None:
                out.append(self.row(old_rows[i], new_rows[j]))
            elif j is None:
                row = copy.deepcopy(old_rows[i])
                self._whole_row(row, DEL)
                self.old_num_refs.extend(row.iter(q("numId")))
                out.append(row)
            else:
                row = copy.deepcopy(new_rows[j])
                self._whole_row(row, INS)
                out.append(row)
        return out

    def row(self, old: etree._Element, new: etree._Element) -> etree._Element:
        out = etree.Element(TR, attrib=dict(new.attrib))
        for child in new:
            if child.tag == TC:
                break
            out.append(copy.deepcopy(child))
        self._property_change(out.find(TRPR), old.find(TRPR), new.find(TRPR), TRPR, "trPrChange", out, 0)
        for old_cell, new_cell in zip(old.findall(TC), new.findall(TC), strict=False):
            out.append(self.cell(old_cell, new_cell))
        return out

    def cell(self, old: etree._Element, new: etree._Element) -> etree._Element:
        out = etree.Element(TC, attrib=dict(new.attrib))
        new_pr = new.find(TCPR)
        if new_pr is not None:
            out.append(copy.deepcopy(new_pr))
        self._property_change(out.find(TCPR), old.find(TCPR), new_pr, TCPR, "tcPrChange", out, 0)
        old_blocks = [c for c in old if c.tag in (P, TBL)]
        new_blocks = [c for c in new if c.tag in (P, TBL)]
        for element in self.blocks(old_blocks, new_blocks):
            out.append(element)
        return out

    def _property_change(
        self, target: etree._Element | None, old: etree._Element | None, new: etree._Element | None,
        tag: str, change_tag: str, parent: etree._Element, index: int,
    ) -> None:
        if _props(old) == _props(new):
            return
        if target is None:
            target = etree.Element(tag)
            parent.insert(index, target)
        change = self.mark(q(change_tag))
        previous = etree.SubElement(change, tag)
        for child in old if old is not None else ():
            if child.tag not in (q(change_tag), INS, DEL):
                previous.append(copy.deepcopy(child))
        target.append(change)

    # ---- numbering --------------------------------------------------------------------------
    def _learn_numbering(self, old_ppr: etree._Element | None, new_ppr: etree._Element | None) -> None:
        old_id, new_id = _num_id(old_ppr), _num_id(new_ppr)
        if old_id is not None and new_id is not None:
            self.num_map.setdefault(old_id, new_id)

    def _old_copy(self, element: etree._Element) -> etree._Element:
        made = copy.deepcopy(element)
        self.old_num_refs.extend(made.iter(q("numId")))
        return made

    def resolve_numbering(self, old_numbering: etree._Element, new_numbering: etree._Element) -> None:
        """Point the old version's list paragraphs at the new version's lists, or at copies."""
        nums = {n.get(q("numId")): n for n in old_numbering.findall(q("num"))}
        taken = {n.get(q("numId")) for n in new_numbering.findall(q("num"))}
        next_free = max([int(x) for x in taken if x and x.isdigit()] + [0]) + 1
        copied: dict[str, str] = {}
        for ref in self.old_num_refs:
            old_id = ref.get(q("val"))
            if old_id in self.num_map:
                ref.set(q("val"), self.num_map[old_id])
                continue
            if old_id not in copied:
                definition = nums.get(old_id)
                if definition is None:  # not a list in the old version either (numId 0)
                    copied[old_id] = old_id
                    continue
                made = copy.deepcopy(definition)
                made.set(q("numId"), str(next_free))
                copied[old_id] = str(next_free)
                next_free += 1
                last = new_numbering.findall(q("num"))
                (last[-1].addnext(made) if last else new_numbering.append(made))
            ref.set(q("val"), copied[old_id])


# ---- helpers ------------------------------------------------------------------------------------


def _unit(element: etree._Element) -> Unit:
    if element.tag == TBL:
        columns = len(element.findall(TBLGRID + "/" + q("gridCol")))
        return Unit(("tbl", columns), text_of(element))
    return Unit("p", text_of(element))


def _first_row(table: etree._Element) -> str:
    rows = table.findall(TR)
    return _row_text(rows[0]) if rows else ""


def _content(p: etree._Element) -> list[etree._Element]:
    return [c for c in p if c.tag != PPR]


def _num_id(ppr: etree._Element | None) -> str | None:
    if ppr is None:
        return None
    found = ppr.find(f"{q('numPr')}/{q('numId')}")
    return found.get(q("val")) if found is not None else None


def _props(element: etree._Element | None, num_map: dict[str, str] | None = None) -> tuple:
    """A property element's children, to compare (no element and an empty one are equal).

    With *num_map*, an old paragraph's list instance counts as the new one it stands for.
    """
    if element is None:
        return ()
    return tuple(_canon(child, num_map or {}) for child in element if child.tag not in _CHANGES)


_CHANGES = {
    q("pPrChange"), q("rPrChange"), q("trPrChange"), q("tcPrChange"), q("tblPrChange"), q("tblGridChange"), INS, DEL,
}


def _canon(element: etree._Element, num_map: dict[str, str]) -> tuple:
    attrib = dict(element.attrib)
    if element.tag == q("numId") and attrib.get(q("val")) in num_map:
        attrib[q("val")] = num_map[attrib[q("val")]]
    return (element.tag, tuple(sorted(attrib.items())), element.text or "", tuple(_canon(c, num_map) for c in element))


def _insert_before(parent: etree._Element, child: etree._Element, successors: tuple[str, ...]) -> None:
    for k, existing in enumerate(parent):
        if existing.tag in successors:
            parent.insert(k, child)
            return
    parent.append(child)


@dataclass(frozen=True)
class _Token:
    """A word, a space, a line break or an opaque element of a run, with its run properties."""

    kind: str  # "text", "br", "other"
    text: str
    rpr: etree._Element | None
    element: etree._Element | None = None  # the break or other element, copied when written

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.text)

    @property
    def rpr_key(self) -> tuple:
        return _props(self.rpr)


def _tokens(content: Iterable[etree._Element]) -> list[_Token]:
    tokens: list[_Token] = []
    for node in content:
        if node.tag != R:
            tokens.append(_Token("other", etree.tostring(node).decode(), None, node))
            continue
        rpr = node.find(RPR)
        for child in node:
            if child.tag == RPR:
                continue
            if child.tag in (T, DEL_TEXT):
                tokens.extend(_Token("text", word, rpr) for word in words(child.text or ""))
            else:
                kind = "br" if child.tag == q("br") else "other"
                tokens.append(_Token(kind, etree.tostring(child).decode(), rpr, child))
    return tokens


def _groups(items: list, key) -> list[list]:
    groups: list[list] = []
    for item in items:
        if groups and key(groups[-1][-1]) == key(item) and _joinable(groups[-1][-1], item):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _joinable(a: Any, b: Any) -> bool:
    token_a = a[1] if isinstance(a, tuple) else a
    token_b = b[1] if isinstance(b, tuple) else b
    return token_a.kind != "other" and token_b.kind != "other"


def _run(tokens: list[_Token], deleted: bool = False, copy_props=copy.deepcopy) -> etree._Element:
    """One run holding *tokens* (all with the same properties); text as w:t, or w:delText."""
    first = tokens[0]
    if first.kind == "other" and first.rpr is None and first.element is not None:
        return copy.deepcopy(first.element)  # not a run: written as it was
    run = etree.Element(R)
    if first.rpr is not None:
        run.append(copy_props(first.rpr))
    text: list[str] = []

    def flush() -> None:
        if text:
            t = etree.SubElement(run, DEL_TEXT if deleted else T)
            t.set(XML_SPACE, "preserve")
            t.text = "".join(text)
            text.clear()

    for token in tokens:
        if token.kind == "text":
            text.append(token.text)
        else:
            flush()
            run.append(copy.deepcopy(token.element))
    flush()
    return run
