"""`fc diff DOCUMENT OLD NEW`: the redline (.docx with revision marks) or the change summary.

Both versions are checked and rendered exactly as `fc render` would, the two Word documents are
compared (compare.py, tracked.py) and the change summary is read from the two data models
(summary.py). Everything is made before anything is written, and written atomically.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .fc import (
    DocumentKind,
    UsageError,
    ValidationFailed,
    check_centre,
    document_timestamp,
    documents_of,
    kronor,
    percent,
    render_docx,
    render_text,
    resolve_documents,
    slugify,
    sv_date,
    write_all,
    write_atomically,
)
from .passages import changed_passages
from .sources import Side, resolve_sides
from .summary import ARROW, summarize

FORMATS = ("docx", "md", "text")
NO_CHANGES = "inga ändringar"


@dataclass(frozen=True)
class Version:
    side: Side
    centre: Any  # CheckedCentre


@dataclass(frozen=True)
class DocumentDiff:
    """One document of both versions, as text (what fc render --format md writes)."""

    document: DocumentKind
    old_text: str
    new_text: str

    @property
    def text_changed(self) -> bool:
        return self.old_text != self.new_text


def diff_command(
    document: str,
    versions: list[str],
    output: Path | None,
    fmt: str,
    since: str | None,
    author: str,
    cover: bool,
    allow_other_pack: bool,
    notes: list[str] | None = None,
) -> list[Path] | str:
    """Run `fc diff`: the files written (docx, or md/text with -o), or the text to print.

    For `all`, the documents both versions' packs have; *notes* is told of the rest, as by `fc render`.
    """
    if fmt not in FORMATS:
        raise UsageError(f"okänt format '{fmt}' – välj docx, md eller text")
    if not author.strip():
        raise UsageError("--author får inte vara tomt – ange ett namn, t.ex. --author 'Styrgruppen'")
    documents = resolve_documents(document)
    with ExitStack() as stack:
        old_side, new_side = resolve_sides(versions, since, stack)
        old, new = _checked(old_side), _checked(new_side)
        _same_centre(old, new, allow_other_pack)
        said = notes if notes is not None else []
        documents = [doc for doc in documents_of(new.centre, documents, said)
                     if doc in documents_of(old.centre, documents, said)]
        diffs = [DocumentDiff(doc, render_text(old.centre, doc), render_text(new.centre, doc)) for doc in documents]
        changes = (summarize(old.centre.model, new.centre.model) + _field_changes(old, new)
                   + _pack_changes(old, new, documents))
        if fmt in ("md", "text"):
            text = summary_text(old, new, diffs, changes, markdown=fmt == "md")
            if output is None:
                return text
            write_atomically(output, text.encode("utf-8"))
            return [output]
        date = revision_date(new.centre.model)
        made = []
        for item in diffs:
            old_docx = render_docx(old.centre, item.document, item.old_text)
            new_docx = render_docx(new.centre, item.document, item.new_text)
            cover_docx = None
            if cover or not item.text_changed:
                cover_text = cover_markdown(old, new, item, changes)
                cover_docx = render_docx(new.centre, item.document, cover_text)
            made.append((item, redline(old_docx, new_docx, author.strip(), date, cover_docx)))
        targets = _targets(output, new, [item.document for item, _ in made])
        write_all([(target, blob) for (_, blob), target in zip(made, targets, strict=False)])
        return targets


def _checked(side: Side) -> Version:
    centre = check_centre(side.path, side.display)
    if centre.errors:
        raise ValidationFailed(
            f"ingen jämförelse gjordes – {side.display} är inte giltig; rätta felen ovan "
            "(en version som inte går att rendera går inte heller att jämföra)",
            centre.errors,
            files=1,
        )
    return Version(side, centre)


def _same_centre(old: Version, new: Version, allow_other_pack: bool) -> None:
    a, b = old.centre.model, new.centre.model
    if a.centre.municipality != b.centre.municipality or (
        a.centre.name != b.centre.name and _address_key(a) != _address_key(b)
    ):
        raise UsageError(
            f"{old.side.display} ({a.centre.name}, {a.centre.municipality}) och {new.side.display} "
            f"({b.centre.name}, {b.centre.municipality}) är två olika familjecentraler – jämför två "
            "versioner av samma centrumfil"
        )
    old_pack, new_pack = old.centre.pack.config.name, new.centre.pack.config.name
    if old_pack != new_pack and not allow_other_pack:
        raise UsageError(
            f"{old.side.display} använder mallpaketet '{old_pack}' och {new.side.display} '{new_pack}' – "
            "då skiljer sig hela texten; lägg till --allow-other-pack om du vill se det ändå"
        )


def _address_key(model: Any) -> tuple:
    address = model.centre.visiting_address
    return (address.street, address.postal_code, address.city)


def _field_changes(old: Version, new: Version) -> list[str]:
    """A line per field of the pack's own (`fields:`) whose value differs, under its description."""
    specs = {**old.centre.pack.config.fields, **new.centre.pack.config.fields}
    before, after = old.centre.model.fields, new.centre.model.fields
    return [
        f"{spec.description}: {_field_value(spec, before.get(name), old)} {ARROW} "
        f"{_field_value(spec, after.get(name), new)}"
        for name, spec in specs.items()
        if before.get(name) != after.get(name)
    ]


def _field_value(spec: Any, value: Any, version: Version) -> str:
    """A declared field's value as the summary writes it: kronor, percent, dates, a party's name, units."""
    if value is None or value == [] or value == {}:
        return "inte angivet"
    if isinstance(value, list):
        return "; ".join(_field_value(spec.item, item, version) for item in value) if spec.item else str(value)
    if isinstance(value, dict):
        parts = (f"{_field_value(sub, value.get(key), version)}" for key, sub in (spec.fields or {}).items()
                 if value.get(key) is not None)
        return ", ".join(parts)
    if spec.type in ("service", "principal", "party"):
        return version.centre.model.party_name(value)
    if spec.type == "amount":
        return kronor(value)
    if spec.type == "percent":
        return percent(value)
    if spec.type == "boolean":
        return "ja" if value else "nej"
    if isinstance(value, dt.date):
        return sv_date(value)
    text = f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)
    return f"{text} {spec.unit}" if spec.unit else text


def _pack_changes(old: Version, new: Version, documents: list[DocumentKind]) -> list[str]:
    """A line per document whose template (or the pack's settings) differ between the versions."""
    old_pack, new_pack = old.centre.pack, new.centre.pack
    if old_pack.folder == new_pack.folder:
        return []
    lines = []
    if _read(old_pack.folder / "pack.yaml") != _read(new_pack.folder / "pack.yaml"):
        lines.append(f"Mallpaketets inställningar (pack.yaml i '{new_pack.config.name}') har ändrats")
    for doc in documents:
        old_spec, new_spec = old_pack.config.documents.get(doc.id), new_pack.config.documents.get(doc.id)
        if old_spec is None or new_spec is None:
            continue
        if _read(old_pack.folder / old_spec.template) != _read(new_pack.folder / new_spec.template):
            lines.append(f"Mallpaketets text för {doc.name} har ändrats ({new_spec.template})")
    return lines


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def revision_date(model: Any) -> str:
    """When the revisions were made: SOURCE_DATE_EPOCH, else the new agreement's date."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        stamp = document_timestamp()
    else:
        day = model.agreement.signing.date or model.agreement.valid_from
        stamp = dt.datetime(day.year, day.month, day.day) if day else document_timestamp()
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def _targets(output: Path | None, new: Version, documents: list[DocumentKind]) -> list[Path]:
    name = slugify(new.centre.model.centre.name or new.side.path.parent.name)
    names = [f"{doc.slug}-{name}-andringar.docx" for doc in documents]
    if output is None:
        return [Path(n) for n in names]
    if len(documents) == 1 and not output.is_dir():
        return [output]
    if output.suffix.lower() == ".docx" or output.is_file():
        raise UsageError(f"med flera dokument blir det en fil per dokument – ange en mapp med -o, inte {output}")
    return [output / n for n in names]


# ---- the summary ----------------------------------------------------------------------------


def summary_text(old: Version, new: Version, diffs: list[DocumentDiff], changes: list[str], markdown: bool) -> str:
    """The change summary as plain text, or as Markdown for a pull request comment."""
    name = new.centre.model.centre.name or new.side.display
    out = []
    if markdown:
        out.append(f"### Ändringar: {name}")
        out.append("")
        out.append(f"`{old.side.display}` {'→'} `{new.side.display}`")
    else:
        out.append(f"Ändringar: {name} ({old.side.display} → {new.side.display})")
    out.append("")
    if changes:
        out.extend(f"- {_md(line) if markdown else line}" for line in changes)
    else:
        text_changed = any(d.text_changed for d in diffs)
        out.append("Inga ändringar i uppgifterna." if text_changed else f"{NO_CHANGES.capitalize()}.")
    for item in diffs:
        state = "texten ändras" if item.text_changed else "texten är oförändrad"
        passages = changed_passages(item.old_text, item.new_text, markdown) if item.text_changed else []
        if markdown:
            out.extend(["", f"#### {item.document.name}: {state}"])
            if passages:
                out.append("")
                out.extend(f"- {line}" for line in passages)
        else:
            out.extend(["", f"{item.document.name}: {state}"])
            out.extend(f"  - {line}" for line in passages)
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """Text as literal Markdown (names from the data never become formatting)."""
    from .fc import md_escape

    return md_escape(text)


def cover_markdown(old: Version, new: Version, item: DocumentDiff, changes: list[str]) -> str:
    """The redline's cover section in fc's template text format (escaped like template data)."""
    from .fc import md_escape as e

    lines = [f"## Ändringar i {e(item.document.name)}", ""]
    lines.append(f"Jämförelse mellan {e(old.side.display)} (gammal) och {e(new.side.display)} (ny).")
    lines.append("")
    if not item.text_changed:
        lines.append(f"Dokumentets text: {NO_CHANGES} – texten är densamma i båda versionerna.")
        lines.append("")
    if changes:
        lines.append("Ändrade uppgifter:")
        lines.append("")
        lines.extend(f"- {e(line)}" for line in changes)
        lines.append("")
    elif item.text_changed:
        lines.append("Uppgifterna är desamma; texten har ändrats i mallpaketet.")
        lines.append("")
    if item.text_changed:
        lines.append(
            "Ändringarna i texten är markerade som spårade ändringar. Ta bort den här sidan; "
            "godkänn sedan alla ändringar för att få den nya versionen, eller avvisa alla för den gamla."
        )
        lines.append("")
    lines.append("::: pagebreak")
    lines.append(":::")
    return "\n".join(lines) + "\n"


# ---- the redline package ----------------------------------------------------------------------


def redline(old_docx: bytes, new_docx: bytes, author: str, date: str, cover_docx: bytes | None = None) -> bytes:
    """The new document with revision marks against the old one (and a cover section first)."""
    from . import tracked

    old_parts, new_parts, infos = _parts(old_docx), _parts(new_docx), _infos(new_docx)
    old_root = tracked.parse(old_parts["word/document.xml"])
    new_root = tracked.parse(new_parts["word/document.xml"])
    old_body, new_body = old_root.find(tracked.q("body")), new_root.find(tracked.q("body"))
    blocks = (tracked.P, tracked.TBL)
    writer = tracked.Redliner(author, date)
    made = writer.blocks([c for c in old_body if c.tag in blocks], [c for c in new_body if c.tag in blocks])
    numbering_name = next((n for n in new_parts if n.endswith("numbering.xml")), None)
    replaced: dict[str, bytes] = {}
    if numbering_name is not None and numbering_name in old_parts:
        old_numbering = tracked.parse(old_parts[numbering_name])
        new_numbering = tracked.parse(new_parts[numbering_name])
        writer.resolve_numbering(old_numbering, new_numbering)
        replaced[numbering_name] = tracked.serialize(new_numbering)
    for name in sorted(n for n in new_parts if n.startswith("word/header") and n.endswith(".xml")):
        # the page header names the document and the centre: a renamed centre is a change there too
        if name in old_parts and old_parts[name] != new_parts[name]:
            old_header, new_header = tracked.parse(old_parts[name]), tracked.parse(new_parts[name])
            compared = writer.blocks(
                [c for c in old_header if c.tag in blocks], [c for c in new_header if c.tag in blocks]
            )
            for child in [c for c in new_header if c.tag in blocks]:
                new_header.remove(child)
            for child in compared:
                new_header.append(child)
            replaced[name] = tracked.serialize(new_header)
    if cover_docx is not None:
        cover_body = tracked.parse(_parts(cover_docx)["word/document.xml"]).find(tracked.q("body"))
        made = [c for c in cover_body if c.tag in blocks] + made
    section = [c for c in new_body if c.tag not in blocks]
    for child in list(new_body):
        new_body.remove(child)
    for child in made + section:
        new_body.append(child)
    replaced["word/document.xml"] = tracked.serialize(new_root)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in infos:
            package.writestr(info, replaced.get(info.filename, new_parts[info.filename]))
    return out.getvalue()


def _parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return {info.filename: package.read(info.filename) for info in package.infolist()}


def _infos(docx: bytes) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        infos = []
        for info in package.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            entry.compress_type = info.compress_type
            entry.external_attr = info.external_attr
            infos.append(entry)
        return infos
