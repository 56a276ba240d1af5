"""`fc render`: validate → render the templates → build the files → write them atomically."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .diagnostics import Diagnostic
from .documents import DocumentKind, resolve_documents
from .errors import OutputError, UsageError, ValidationFailed
from .formatting import municipality_name, slugify
from .validation import CentreSource, CheckedCentre, check_centre, find_centre_files

FORMATS = ("docx", "md", "pdf")


@dataclass(frozen=True)
class RenderJob:
    centre: CheckedCentre
    document: DocumentKind
    target: Path


def render_paths(
    document: str, paths: list[Path], outdir: Path | None, fmt: str = "docx", draft: bool = False
) -> list[Path]:
    """Render DOCUMENT for every centre under PATHS; returns the written files in order."""
    if fmt not in FORMATS:
        raise UsageError(f"okänt format '{fmt}' – välj docx, md eller pdf")
    documents = resolve_documents(document)
    sources = find_centre_files(paths)
    checked = [(source, check_centre(source.path, source.display)) for source in sources]
    refused: list[Diagnostic] = []
    for _, centre in checked:
        if centre.errors and not (draft and centre.only_fill_in_errors()):
            refused.extend(centre.diagnostics)
    if refused:
        hint = (
            "rätta felen ovan, eller rendera ett utkast med --draft där uppgifter saknas"
            if not draft
            else "rätta felen ovan; --draft visar bara uppgifter som saknas, inte felaktiga värden"
        )
        raise ValidationFailed(f"inga dokument skrevs – {hint}", refused)
    jobs = [
        RenderJob(centre, doc, _target(source, centre, doc, outdir, len(checked) > 1, fmt))
        for source, centre in checked
        for doc in documents
    ]
    written = []
    for job in jobs:
        text = render_text(job.centre, job.document, draft)
        write_output(job, text, fmt)
        written.append(job.target)
    return written


def render_text(centre: CheckedCentre, document: DocumentKind, draft: bool) -> str:
    """The intermediate text of one document for one validated centre."""
    from .templating import template_context

    assert centre.model is not None and centre.pack is not None
    pack = centre.pack
    spec = pack.template_for(document.id)
    context = template_context(centre.model, spec.title, pack.config, draft)
    return _renderer(pack.folder).render(spec.template, context)


@lru_cache(maxsize=16)
def _renderer(folder: Path):  # noqa: ANN202 - a TemplateRenderer, imported lazily
    from .templating import TemplateRenderer

    return TemplateRenderer(folder)


def _target(
    source: CentreSource, centre: CheckedCentre, document: DocumentKind, outdir: Path | None, many: bool, fmt: str
) -> Path:
    model = centre.model
    name = model.centre.name if model and model.centre.name else source.path.parent.resolve().name
    filename = f"{document.slug}-{slugify(name)}.{fmt}"
    if outdir is None:
        return source.path.parent / filename
    folder = outdir
    if many:
        relative = source.path.parent.resolve().relative_to(source.root.resolve())
        folder = outdir / (relative if relative.parts else Path(slugify(source.path.parent.resolve().name)))
    target = folder / filename
    if not target.resolve().is_relative_to(outdir.resolve()):  # names from data never escape OUTDIR
        raise OutputError(f"{target} ligger utanför utmappen {outdir} – välj en annan utmapp")
    return target


def document_meta(centre: CheckedCentre, document: DocumentKind):  # noqa: ANN201
    from .docx_builder import DocumentMeta

    assert centre.model is not None and centre.pack is not None
    data = centre.model
    title = centre.pack.template_for(document.id).title
    name = data.centre.name or "Familjecentral"
    creator = data.coordinator.name or data.centre.region
    kommun = data.municipality_principal
    kommun_name = kommun.name if kommun else municipality_name(data.centre.municipality)
    return DocumentMeta(
        title=title,
        subject=f"{name}, {kommun_name}, {data.centre.region}",
        creator=str(creator),
        header=f"{title} – {name}",
        keywords="familjecentral; " + document.slug,
    )


def build_docx(centre: CheckedCentre, document: DocumentKind, text: str) -> bytes:
    from .docx_builder import WordBuilder
    from .markup import parse

    assert centre.pack is not None
    return WordBuilder(centre.pack.reference_docx).build(parse(text), document_meta(centre, document))


def write_output(job: RenderJob, text: str, fmt: str) -> None:
    if fmt == "md":
        write_atomically(job.target, text.encode("utf-8"))
        return
    blob = build_docx(job.centre, job.document, text)
    if fmt == "docx":
        write_atomically(job.target, blob)
        return
    write_atomically(job.target, docx_to_pdf(blob, job.target.stem))


def docx_to_pdf(blob: bytes, stem: str) -> bytes:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise OutputError(
            "--format pdf behöver LibreOffice, som inte är installerat – installera det "
            "(t.ex. 'apt-get install libreoffice-writer-nogui') eller välj --format docx"
        )
    with tempfile.TemporaryDirectory(prefix="fc-pdf-") as tmp:
        source = Path(tmp) / f"{stem}.docx"
        source.write_bytes(blob)
        profile = Path(tmp) / "profile"
        result = subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(source)],
            capture_output=True, text=True, timeout=180, check=False,
        )
        pdf = Path(tmp) / f"{stem}.pdf"
        if result.returncode != 0 or not pdf.is_file():
            raise OutputError(
                f"LibreOffice kunde inte göra en PDF av {stem}.docx: {result.stderr.strip()[:300]} – "
                "prova --format docx"
            )
        return pdf.read_bytes()


def write_atomically(target: Path, content: bytes) -> None:
    """Temporary file in the same folder, then rename: a failed write leaves nothing behind."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except PermissionError:
        raise OutputError(f"mappen {target.parent} är skrivskyddad – välj en annan utmapp med -o") from None
    except OSError as exc:
        raise OutputError(f"kan inte skriva i {target.parent}: {exc.strerror} – välj en annan utmapp med -o") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise OutputError(f"kan inte skriva {target}: {exc.strerror}") from None
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise

