"""A reference document's links out of its package: named for `fc validate`, dropped from what fc writes.

Word fetches an external target when it opens a file (a linked picture, an attached template, an
INCLUDEPICTURE/INCLUDETEXT field; on Windows a `file://` or UNC target can leak the user's
credentials). A pack can come from anyone, so fc copies none of these from a reference document:
every relationship with `TargetMode="External"` is dropped with what points at it (an attached
template, a linked picture's link, a hyperlink's target), and every field that includes another
file keeps its shown result without its instruction. fc's own hyperlinks are added to a document
after this, so they stay. :func:`without_external` is the one place that decides what is external.
"""

from __future__ import annotations

import re
from typing import Any

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Field instructions that read another file or program when Word updates them.
_FETCHING_FIELD = re.compile(r"^\s*(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDE|DDEAUTO|IMPORT)\b", re.I)
#: Elements that are nothing but a link: dropped with their relationship.
_ONLY_A_LINK = frozenset({f"{{{_W}}}attachedTemplate", f"{{{_W}}}subDoc"})


def _source_of(rels_name: str) -> str:
    """word/_rels/header1.xml.rels → word/header1.xml."""
    folder, _, name = rels_name.rpartition("_rels/")
    return folder + name.removesuffix(".rels")


def without_external(parts: tuple[tuple[str, bytes], ...]) -> tuple[tuple[tuple[str, bytes], ...], list[str]]:
    """*parts* of a package without external relationships and fetching fields, and what was dropped.

    Each dropped thing is described in Swedish with its target ("en länk till http://… (word/header1.xml)").
    """
    from lxml import etree

    # python-docx's own settings: no entities, no network (the package is untrusted)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    dropped: list[str] = []
    removed: dict[str, set[str]] = {}
    changed: dict[str, bytes] = {}
    for name, blob in parts:
        if not name.endswith(".rels"):
            continue
        root = etree.fromstring(blob, parser)
        external = [rel for rel in root if rel.get("TargetMode", "").lower() == "external"]
        for rel in external:
            source = _source_of(name)
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            dropped.append(f"{_KINDS.get(kind, 'en länk')} till {rel.get('Target', '')} ({source or name})")
            removed.setdefault(source, set()).add(rel.get("Id", ""))
            root.remove(rel)
        if external:
            changed[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    for name, blob in parts:
        if not (name.startswith("word/") and name.endswith(".xml")) or not blob:
            continue
        root = etree.fromstring(changed.get(name, blob), parser)
        touched = _drop_links(root, removed.get(name, set()))
        fields = _drop_fetching_fields(root)
        dropped.extend(f"ett {field}-fält ({name})" for field in fields)
        if touched or fields:
            changed[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return tuple((name, changed.get(name, blob)) for name, blob in parts), dropped


_KINDS = {
    "hyperlink": "en länk",
    "image": "en länkad bild",
    "attachedTemplate": "en bifogad dokumentmall (attachedTemplate)",
    "oleObject": "ett länkat objekt",
    "subDocument": "ett underdokument",
    "frame": "en ram",
}


def _drop_links(root: Any, ids: set[str]) -> bool:
    """Drop the attributes (or, for an attached template, the elements) that point at *ids*."""
    if not ids:
        return False
    for element in list(root.iter()):
        for attribute, value in list(element.attrib.items()):
            if attribute.startswith(f"{{{_R}}}") and value in ids:
                if element.tag in _ONLY_A_LINK and element.getparent() is not None:
                    element.getparent().remove(element)
                    break
                del element.attrib[attribute]
    return True


def _drop_fetching_fields(root: Any) -> list[str]:
    """Clear the instructions of fields that fetch a file (the shown result stays); their names."""
    found: list[str] = []
    for simple in list(root.iter(f"{{{_W}}}fldSimple")):
        match = _FETCHING_FIELD.match(simple.get(f"{{{_W}}}instr", ""))
        parent = simple.getparent()
        if match and parent is not None:
            found.append(match.group(1).upper())
            index = parent.index(simple)
            for offset, child in enumerate(list(simple)):
                parent.insert(index + offset, child)
            parent.remove(simple)
    stack: list[list[Any]] = []
    for element in root.iter(f"{{{_W}}}fldChar", f"{{{_W}}}instrText"):
        if element.tag == f"{{{_W}}}instrText":
            if stack:
                stack[-1].append(element)
            continue
        kind = element.get(f"{{{_W}}}fldCharType")
        if kind == "begin":
            stack.append([])
        elif kind in ("separate", "end") and stack:
            texts = stack[-1]
            match = _FETCHING_FIELD.match("".join(t.text or "" for t in texts))
            if match:
                found.append(match.group(1).upper())
                for text in texts:
                    text.text = ""
            if kind == "end":
                stack.pop()
            else:
                stack[-1] = []
    return found
