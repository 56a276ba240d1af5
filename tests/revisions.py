"""Word's Accept All and Reject All, done on the XML, for checking fc's redlines exactly.

Written from ECMA-376 Part 1 §17.13 (revisions), independently of fc_cli/redline: accepting keeps
w:ins content and drops w:del content, deleted rows and deleted paragraph marks (the paragraph
joins the next one); rejecting does the opposite and puts back the properties recorded in the
*PrChange elements. `canonical_body` then writes a body in one form (adjacent runs with equal
properties joined, list instances numbered in order of use) so two bodies can be compared.
"""

from __future__ import annotations

import copy
import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def document_root(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def resolve(docx: bytes, accept: bool) -> etree._Element:
    """The body after Accept All (*accept*) or Reject All."""
    root = document_root(docx)
    body = root.find(q("body"))
    keep, drop = (q("ins"), q("del")) if accept else (q("del"), q("ins"))
    # rows
    for row in list(body.iter(q("tr"))):
        marks = row.find(q("trPr"))
        if marks is not None and marks.find(drop) is not None:
            row.getparent().remove(row)
        elif marks is not None and marks.find(keep) is not None:
            marks.remove(marks.find(keep))
    # paragraph marks: a dropped mark joins the paragraph with the next one
    for p in list(body.iter(q("p"))):
        rpr = p.find(f"{q('pPr')}/{q('rPr')}")
        if rpr is None:
            continue
        if rpr.find(drop) is not None:
            following = p.getnext()
            content = [c for c in p if c.tag != q("pPr")]
            if content and following is not None and following.tag == q("p"):
                at = 1 if following.find(q("pPr")) is not None else 0
                for k, child in enumerate(content):
                    following.insert(at + k, child)
            p.getparent().remove(p)
            continue
        for mark in rpr.findall(keep):
            rpr.remove(mark)
    # run-level content
    for wrapper in list(body.iter(drop)):
        if wrapper.getparent() is not None and wrapper.getparent().tag not in (q("rPr"), q("trPr")):
            wrapper.getparent().remove(wrapper)
    for wrapper in list(body.iter(keep)):
        parent = wrapper.getparent()
        if parent is None or parent.tag in (q("rPr"), q("trPr")):
            continue
        index = parent.index(wrapper)
        for k, child in enumerate(list(wrapper)):
            parent.insert(index + k, child)
        parent.remove(wrapper)
    for text in list(body.iter(q("delText"))):
        text.tag = q("t")
    # properties
    for tag in ("pPr", "rPr", "trPr", "tcPr", "tblPr"):
        for change in list(body.iter(q(f"{tag}Change"))):
            owner = change.getparent()
            owner.remove(change)
            if accept:
                continue
            previous = change.find(q(tag))
            keep_tags = {q("rPr"), q("sectPr")} if tag == "pPr" else set()
            for child in list(owner):
                if child.tag not in keep_tags:
                    owner.remove(child)
            for k, child in enumerate(list(previous) if previous is not None else []):
                owner.insert(k, child)
    for change in list(body.iter(q("tblGridChange"))):
        grid = change.getparent()
        grid.remove(change)
        if not accept:
            for col in grid.findall(q("gridCol")):
                grid.remove(col)
            for col in change.find(q("tblGrid")):
                grid.append(col)
    for table in list(body.iter(q("tbl"))):
        if table.find(q("tr")) is None:
            table.getparent().remove(table)
    return root


def canonical_body(root: etree._Element) -> str:
    """The body in one form, to compare two documents' bodies."""
    body = copy.deepcopy(root.find(q("body")))
    for holder in (q("rPr"), q("pPr"), q("trPr"), q("tcPr")):
        for element in list(body.iter(holder)):
            if len(element) == 0 and not element.attrib:
                element.getparent().remove(element)
    for p in body.iter(q("p")):
        previous = None
        for run in list(p.findall(q("r"))):
            if (
                previous is not None
                and previous.getnext() is run
                and _same_props(previous, run)
                and _only_text(previous)
                and _only_text(run)
            ):
                previous.find(q("t")).text = (previous.find(q("t")).text or "") + (run.find(q("t")).text or "")
                p.remove(run)
                continue
            previous = run
    numbers: dict[str, str] = {}
    for num in body.iter(q("numId")):
        value = num.get(q("val"))
        num.set(q("val"), numbers.setdefault(value, str(len(numbers) + 1)))
    return etree.tostring(body, encoding="unicode")


def _same_props(a: etree._Element, b: etree._Element) -> bool:
    pa, pb = a.find(q("rPr")), b.find(q("rPr"))
    return (etree.tostring(pa) if pa is not None else b"") == (etree.tostring(pb) if pb is not None else b"")


def _only_text(run: etree._Element) -> bool:
    return [c.tag for c in run if c.tag != q("rPr")] == [q("t")]


def revision_marks(docx: bytes) -> dict[str, list[str]]:
    """The text of every w:ins and w:del run wrapper, by kind, in document order."""
    root = document_root(docx)
    found: dict[str, list[str]] = {"ins": [], "del": []}
    for kind in ("ins", "del"):
        for wrapper in root.iter(q(kind)):
            if wrapper.getparent().tag in (q("rPr"), q("trPr")):
                continue
            found[kind].append("".join(t.text or "" for t in wrapper.iter(q("t"), q("delText"))))
    return found


def pandoc_text(docx_path, track_changes: str = "accept") -> str:
    """The document's text as pandoc's docx reader gives it (`-t plain`), after *track_changes*.

    pandoc 2.17 does not read row revisions (w:trPr/w:ins, w:del), nor the paragraph mark's
    revision on a list item: it keeps the row, or the list item, with its content accepted or
    rejected away, empty. Rows and list items with no text at all are therefore left out here;
    fc never renders a table row or a list item without any text.
    """
    import json
    import shutil
    import subprocess

    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise RuntimeError("pandoc is needed for the redline tests: apt-get install pandoc")
    ast = json.loads(subprocess.run(
        [pandoc, f"--track-changes={track_changes}", "-f", "docx", "-t", "json", str(docx_path)],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout)
    _drop_empty_rows(ast)
    return subprocess.run(
        [pandoc, "-f", "json", "-t", "plain", "--wrap=none"], input=json.dumps(ast),
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout


def _drop_empty_rows(node) -> None:
    if isinstance(node, list):
        for item in node:
            _drop_empty_rows(item)
    elif isinstance(node, dict):
        if node.get("t") == "Table":
            _attr, _caption, _specs, head, bodies, foot = node["c"]
            for rows_holder in [head, foot]:
                rows_holder[1] = [r for r in rows_holder[1] if not _empty_row(r)]
            for body in bodies:
                body[2] = [r for r in body[2] if not _empty_row(r)]
                body[3] = [r for r in body[3] if not _empty_row(r)]
        if node.get("t") == "BulletList":
            node["c"] = [item for item in node["c"] if _has_text(item)]
        elif node.get("t") == "OrderedList":
            node["c"][1] = [item for item in node["c"][1] if _has_text(item)]
        for value in node.values():
            _drop_empty_rows(value)


def _empty_row(row) -> bool:
    _attr, cells = row
    return all(not _has_text(cell[4]) for cell in cells)


def _has_text(blocks) -> bool:
    if isinstance(blocks, dict):
        if blocks.get("t") == "Str":
            return bool(blocks["c"].strip())
        return any(_has_text(v) for v in blocks.values())
    if isinstance(blocks, list):
        return any(_has_text(b) for b in blocks)
    return False
