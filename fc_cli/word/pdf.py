"""`--format pdf`: a tagged PDF/A-2b through LibreOffice, the same bytes on every run.

Public bodies publish these documents on the web (lag 2018:1937: tagged, with language and title)
and archive them (PDF/A). LibreOffice's PDF export does both when asked with its filter options:
PDF/A-2b with XMP metadata, a structure tree (tagged PDF, PDF/UA), the title and subject from the
.docx's properties and its language (sv-SE). What it writes differently on every run, the dates
and the document ID, is set afterwards with pikepdf: the dates from the .docx's own, the ID from
the content. pikepdf (qpdf's Python binding) is the one library that rewrites a PDF without
touching what it does not change; it is needed for PDF output only and imported only here.

A table of contents is a TOC field in Word, which LibreOffice shows as it was written, without
page numbers; for the PDF the field's frame is taken off, and LibreOffice fills in each entry's
PAGEREF field with the page of its heading.

The signature blocks are tables in Word (a cell per signatory); in the PDF they are layout, not
data, so their structure elements become groups (/Div), as PDF/UA asks of layout tables.

LibreOffice runs in a process group of its own and is stopped, with every process it started,
when it has not finished within :data:`TIMEOUT_SECONDS`, or when fc itself is stopped.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from ..errors import OutputError
from .chart import chart_descriptions
from .wordml import TOC_FIELD_BEGIN, TOC_FIELD_END

#: How long LibreOffice may take for one document (an agreement takes 2–5 s)
TIMEOUT_SECONDS = 120

_EXPORT = (
    'pdf:writer_pdf_Export:{'
    '"SelectPdfVersion":{"type":"long","value":"2"},'  # PDF/A-2b
    '"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"},'
    '"DisplayPDFDocumentTitle":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"}}'
)
_LAYOUT_ROLES = ("/Table", "/THead", "/TBody", "/TFoot", "/TR", "/TD")


def docx_to_pdf(blob: bytes, stem: str) -> bytes:
    """The PDF of the .docx *blob*; *stem* names the document in messages."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise OutputError(
            "--format pdf behöver LibreOffice, som inte är installerat – installera det "
            "(t.ex. 'apt-get install libreoffice-writer-nogui') eller välj --format docx"
        )
    with tempfile.TemporaryDirectory(prefix="fc-pdf-") as tmp:
        source = Path(tmp) / f"{stem}.docx"
        source.write_bytes(_contents_laid_out(blob))
        profile = Path(tmp) / "profile"
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", _EXPORT,
                   "--outdir", tmp, str(source)]
        returncode, stderr = _run(command, stem)
        pdf = Path(tmp) / f"{stem}.pdf"
        if returncode != 0 or not pdf.is_file():
            raise OutputError(
                f"LibreOffice kunde inte göra en PDF av {stem}.docx: {stderr.strip()[:300]} – prova --format docx"
            )
        return normalise_pdf(pdf.read_bytes(), docx_date(blob), chart_descriptions(blob))


def _contents_laid_out(blob: bytes) -> bytes:
    """The .docx with its table of contents' entries outside the TOC field (see above)."""
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        document = package.read("word/document.xml").decode("utf-8")
        if TOC_FIELD_BEGIN not in document:
            return blob
        document = document.replace(TOC_FIELD_BEGIN, "", 1).replace(TOC_FIELD_END, "", 1)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in package.infolist():
                data = document.encode("utf-8") if info.filename == "word/document.xml" else package.read(info)
                copy.writestr(info, data)
    return out.getvalue()


def _run(command: list[str], stem: str) -> tuple[int, str]:
    """Run LibreOffice in a process group of its own; stop the whole group on a timeout or an interrupt.

    In a session of its own LibreOffice does not get the signals meant for fc's terminal or
    process group, so fc passes them on: Ctrl-C and SIGTERM stop it here, with all it started.
    """
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    previous = _stop_on_sigterm()
    try:
        _, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise OutputError(
            f"LibreOffice blev inte klart med {stem}.docx på {TIMEOUT_SECONDS} sekunder och stoppades – "
            "försök igen, eller välj --format docx"
        ) from None
    except BaseException:  # Ctrl-C, SIGTERM: no LibreOffice is left behind
        _stop(process)
        raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return process.returncode, stderr or ""


def _stop_on_sigterm() -> Any:
    """While LibreOffice runs, SIGTERM ends fc by an exception (which stops LibreOffice first)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def terminated(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    return signal.signal(signal.SIGTERM, terminated)


def _stop(process: subprocess.Popen[str]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def docx_date(blob: bytes) -> str | None:
    """The .docx's modification date (dcterms:modified, fc writes the document's own), ISO 8601."""
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        core = package.read("docProps/core.xml").decode("utf-8")
    found = re.search(r"<dcterms:modified[^>]*>([^<]+)</dcterms:modified>", core)
    return found.group(1) if found else None


def normalise_pdf(data: bytes, when: str | None, alt_texts: list[str] | None = None) -> bytes:
    """The same PDF with the dates set to *when* (or none), a content-derived ID, layout tables as
    groups, and the charts' alt text (*alt_texts*, see :func:`_chart_alt_texts`)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        _untable_layout(pdf.Root.get("/StructTreeRoot"))
        _chart_alt_texts(pdf.Root.get("/StructTreeRoot"), alt_texts or [])
        for intent in pdf.Root.get("/OutputIntents", []):
            _undate_icc(intent.get("/DestOutputProfile"))
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
                if when:
                    meta[key] = when
                elif key in meta:
                    del meta[key]
        for key in ("/CreationDate", "/ModDate"):
            if when:
                pdf.docinfo[key] = "D:" + re.sub(r"[-:T]", "", when).removesuffix("Z") + "Z"
            elif key in pdf.docinfo:
                del pdf.docinfo[key]
        for key in ("/DocChecksum", "/ID"):  # LibreOffice's of this run: made anew from the content
            if key in pdf.trailer:
                del pdf.trailer[key]
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _chart_alt_texts(root: Any, alt_texts: list[str]) -> None:
    """LibreOffice (7.4) drops a chart's alt text (`wp:docPr descr`) when it reads the .docx, so its
    figures come out without /Alt: each figure without one, in reading order, gets its chart's
    description — only when they are exactly the charts (as many figures as charts)."""
    import pikepdf

    if root is None or not alt_texts:
        return
    figures: list[Any] = []

    def walk(node: Any) -> None:
        if isinstance(node, pikepdf.Array):
            for item in node:
                walk(item)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.get("/S") == "/Figure" and "/Alt" not in node:
                figures.append(node)
            if node.get("/K") is not None:
                walk(node.get("/K"))

    walk(root.get("/K"))
    if len(figures) == len(alt_texts):
        for figure, text in zip(figures, alt_texts, strict=True):
            figure.Alt = pikepdf.String(text)


def _undate_icc(profile: Any) -> None:
    """The output intent's ICC profile without its creation time (LibreOffice makes it anew each run).

    An ICC header holds its creation date at bytes 24–35 and an MD5 of the profile at 84–99; the
    date becomes zero and the ID zero too, which ICC defines as "not computed".
    """
    import pikepdf

    if not isinstance(profile, pikepdf.Stream):
        return
    data = bytearray(profile.read_bytes())
    if len(data) < 128 or data[36:40] != b"acsp":  # not an ICC profile
        return
    data[24:36] = bytes(12)
    data[84:100] = bytes(16)
    profile.write(bytes(data))


def _untable_layout(node: Any) -> None:
    """Tables without a header cell (the signature blocks) are layout: their elements become /Div."""
    import pikepdf

    if node is None:
        return
    stack = [node]
    while stack:
        element = stack.pop()
        if isinstance(element, pikepdf.Array):
            stack.extend(element)
            continue
        if not isinstance(element, pikepdf.Dictionary):
            continue
        if element.get("/S") == "/Table" and not _has_role(element, "/TH"):
            _retag(element)
            continue
        kids = element.get("/K")
        if kids is not None:
            stack.append(kids)


def _children(element: Any) -> list[Any]:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _has_role(element: Any, role: str) -> bool:
    return any(kid.get("/S") == role or _has_role(kid, role) for kid in _children(element))


def _retag(element: Any) -> None:
    import pikepdf

    if element.get("/S") in _LAYOUT_ROLES:
        element.S = pikepdf.Name("/Div")
    for kid in _children(element):
        _retag(kid)
