"""`fc render`: validate → render the templates → build the files → write them atomically."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic
from .documents import DocumentKind, listed, resolve_documents
from .errors import OutputError, UsageError, ValidationFailed
from .formatting import municipality_name, slugify
from .parallel import Progress, cpu_count, pool_in_use, resolve_jobs, settle, start_pool, worker_pool
from .sources import CentreSource, find_centre_files
from .word.order import WordOrder, build_word
from .write import check_output_folder, resolved, write_all

if TYPE_CHECKING:  # the data model is imported when it is needed, after the workers have started
    from .check.centre import CheckedCentre
    from .packs import Pack
    from .templating.renderer import TemplateRenderer

FORMATS = ("docx", "md", "pdf")


@dataclass(frozen=True)
class RenderJob:
    centre: CheckedCentre
    document: DocumentKind
    target: Path
    draft: bool = False


def render_paths(
    document: str,
    paths: list[Path],
    outdir: Path | None,
    fmt: str = "docx",
    draft: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    notes: list[str] | None = None,
) -> list[Path]:
    """Render DOCUMENT for every centre under PATHS; returns the written files in order.

    For `all`, each centre gets the documents its pack has; *notes* is told, one line per pack,
    which documents a pack does not have, and what fc leaves out of or replaces in a pack's
    reference .docx (the warnings `fc validate` gives as `reference-external` and `reference-header`).

    *jobs* is how many processes work at the same time (None: one per CPU, never more than
    documents; 1: everything happens in this process). The files, their order and every error
    are the same whatever the number. *progress* is told each document made.
    """
    if fmt not in FORMATS:
        raise UsageError(f"okänt format '{fmt}' – välj docx, md eller pdf")
    documents = resolve_documents(document)
    sources = find_centre_files(paths)
    total = len(sources) * len(documents)
    processes = _processes(fmt, jobs, len(sources), total)
    early = _early_builder.pop() if _early_builder else None
    end_builder_early()
    if early is not None and (fmt == "md" or jobs == 1 or len(sources) > 1 or processes > 2):
        early.shutdown(wait=True, cancel_futures=True)  # not the builder this run needs
        early = None
    if processes == 1 and early is None:
        if progress is not None:
            progress.start(total)
        return _render(documents, sources, outdir, fmt, draft, None, progress, notes)
    if len(sources) == 1:
        # one centre: filling in its templates takes little, building Word files takes more. The
        # builders start now (or started before the command line was read), so importing
        # python-docx and preparing the base package happen while this process imports the data
        # model, validates and fills in the templates.
        with pool_in_use(early or start_pool(processes - 1, _prepare_builder)) as pool:
            if progress is not None:  # after the workers are forked: the bar draws from a thread
                progress.start(total)
            return _render(documents, sources, outdir, fmt, draft, _Workers(pool, texts_here=True), progress, notes)
    # many centres: the workers make whole documents. They start once the data model and the
    # templates are imported here (they share them), prepare python-docx while this process
    # validates, and each centre is handed to a worker as soon as it has been validated.
    from .check import centre  # noqa: F401 - imported for the workers
    from .templating import context, renderer  # noqa: F401 - imported for the workers

    settle()
    with worker_pool(processes, _prepare_builder) as pool:
        if progress is not None:
            progress.start(total)
        return _render(documents, sources, outdir, fmt, draft, _Workers(pool, texts_here=False), progress, notes)


def _processes(fmt: str, jobs: int | None, centres: int, documents: int) -> int:
    """How many processes make the documents (1: all of it in this one).

    Markdown is made here. So are one centre's Word files when fc chooses (no --jobs): with the
    base package kept in fc's cache, building four documents takes less than a worker's start
    (importing multiprocessing, forking, handing the texts over) costs — the same time on two
    CPUs and a fifth less CPU time. A PDF's LibreOffice run, or a county, is worth its workers.
    """
    if fmt == "md" or (fmt == "docx" and jobs is None and centres == 1):
        return 1
    return resolve_jobs(jobs, documents)


#: A Word builder started before the command line was read (see :func:`start_builder_early`).
_early_builder: list[Any] = []


def start_builder_early(args: list[str]) -> None:
    """Start one Word builder for `fc render ARGS` before typer reads the command line.

    Started here, the builder is ready when the first text is. :func:`render_paths` takes it over
    when it makes one centre's PDF files (or Word files with --jobs) with one builder, and ends it
    otherwise; :func:`end_builder_early` ends it whatever happened. Nothing starts on a single CPU,
    when the arguments ask for help, Markdown or one process, or for one centre's Word files
    without --jobs: those are made in this process (see :func:`_processes`).
    """
    if _early_builder or cpu_count() < 2:
        return
    wanted = False
    for option, value in zip(args, [*args[1:], ""], strict=True):
        if option in ("--help", "-h", "--format=md", "--jobs=1", "-j1"):
            return
        if (option == "--format" and value == "md") or (option in ("--jobs", "-j") and value == "1"):
            return
        if option == "--format=pdf" or (option == "--format" and value == "pdf"):
            wanted = True
        if option.startswith(("--jobs", "-j")):
            wanted = True
    if not wanted:
        return
    try:
        _early_builder.append(start_pool(1, _prepare_builder))
    except OSError:  # no process can start now (a process limit): fc works without it
        pass


def end_builder_early() -> None:
    while _early_builder:
        _early_builder.pop().shutdown(wait=True, cancel_futures=True)


@dataclass
class _Workers:
    pool: Any
    texts_here: bool  # True: this process fills in the templates, the workers build the files
    #: texts_here=False: per centre, in order, the worker's result (its documents' bytes)
    centres: list[Any] = field(default_factory=list)

    def start_centre(self, jobs: list[RenderJob], draft: bool, fmt: str, progress: Progress | None) -> None:
        """Hand one validated centre to a worker (its model is sent once, without the YAML)."""
        import dataclasses

        centre = dataclasses.replace(jobs[0].centre, loaded=None)
        portable = [dataclasses.replace(job, centre=centre) for job in jobs]
        future = self.pool.submit(_documents_in_worker, (portable, draft, fmt))
        if progress is not None:
            future.add_done_callback(_advance(progress, len(jobs)))
        self.centres.append(future)


def _render(
    documents: list[DocumentKind],
    sources: list[CentreSource],
    outdir: Path | None,
    fmt: str,
    draft: bool,
    workers: _Workers | None,
    progress: Progress | None,
    notes: list[str] | None = None,
) -> list[Path]:
    from .check.centre import check_centre

    # every centre is validated before anything is written; a centre is started on (by a worker
    # that makes whole documents) as soon as it is valid, until something stands in the way
    refused: list[Diagnostic] = []
    jobs: list[RenderJob] = []
    target_error: Exception | None = None  # raised after validation, where one by one meets it
    draftable = True  # every centre refused would render as a draft
    for source in sources:
        centre = check_centre(source.path, source.display)
        if notes is not None:  # what fc leaves out of a pack's reference .docx, said once per pack
            notes.extend(d.as_text() for d in centre.diagnostics
                         if d.code in ("reference-external", "reference-header") and d.as_text() not in notes)
        if centre.errors and not (draft and centre.only_fill_in_errors()):
            refused.extend(centre.diagnostics)
            draftable = draftable and centre.only_fill_in_errors()
        if refused or target_error is not None:
            continue
        try:
            many = len(sources) > 1
            mine = [RenderJob(centre, doc, _target(source, centre, doc, outdir, many, fmt), draft)
                    for doc in documents_of(centre, documents, notes)]
        except Exception as exc:  # noqa: BLE001 - re-raised below, after every centre is validated
            target_error = exc
            continue
        jobs.extend(mine)
        if progress is not None and len(mine) < len(documents):  # documents the pack has not: none to make
            progress.advance(len(documents) - len(mine))
        if workers is not None and not workers.texts_here:
            workers.start_centre(mine, draft, fmt, progress)
    settle()
    if refused:
        # --draft is advice only where it would help: values not filled in (not a broken pack or file)
        hint = (
            "rätta felen ovan, eller rendera ett utkast med --draft där uppgifter saknas"
            if not draft and draftable
            else "rätta felen ovan"
            if not draft
            else "rätta felen ovan; --draft visar uppgifter som saknas som markeringar, men felaktiga "
            "värden, id som inte finns och huvudmän eller verksamheter som saknas måste rättas även i ett utkast"
        )
        raise ValidationFailed(f"inga dokument skrevs – {hint}", refused, files=len(sources))
    if target_error is not None:
        raise target_error
    _check_targets(jobs, outdir)
    # every document is made before the first is written: a template error in the last one
    # leaves no files behind, and each file is written whole or not at all
    contents = _contents(jobs, fmt, draft, workers, progress)
    write_all([(job.target, content) for job, content in zip(jobs, contents, strict=True)])
    return [job.target for job in jobs]


def _contents(
    jobs: list[RenderJob], fmt: str, draft: bool, workers: _Workers | None, progress: Progress | None
) -> list[bytes]:
    """Every document's bytes in order; an error is the one making them one by one would meet first.

    Without *workers* each document is made here, text then file. With workers, either each
    whole document is made by a worker, or (``texts_here``) the texts are made here in order and
    each is handed to a worker as soon as it is ready; when making a text fails, the documents
    before it are collected first, so an earlier document's error still comes first. A worker's
    error comes back to this process as it was raised.
    """
    if workers is None:
        contents = []
        for job in jobs:
            contents.append(render_output(job, render_text(job.centre, job.document, draft), fmt))
            if progress is not None:
                progress.advance()
        return contents
    pool = workers.pool
    if not workers.texts_here:
        # each centre's documents, in order; a centre whose worker failed raises here, after the
        # centres before it
        return [content for started in workers.centres for content in started.result()]
    pending = []
    try:
        for job in jobs:
            text = render_text(job.centre, job.document, draft)
            order = (_word_order(job.centre, job.document, text, draft), fmt, job.target.stem)
            future = pool.submit(_output_in_worker, order)
            if progress is not None:
                future.add_done_callback(_advance(progress, 1))
            pending.append(future)
    except Exception:
        for job, future in zip(jobs, pending, strict=False):  # the documents started before the error
            _word_result(job.centre, future.result())
        raise
    return [_word_result(job.centre, future.result()) for job, future in zip(jobs, pending, strict=True)]


def _documents_in_worker(order: tuple[list[RenderJob], bool, str]) -> list[bytes]:
    """In a worker: one centre's documents, each exactly as :func:`_contents` makes it here."""
    jobs, draft, fmt = order
    return [render_output(job, render_text(job.centre, job.document, draft), fmt) for job in jobs]


def _advance(progress: Progress, documents: int) -> Any:
    """A future's callback: the progress bar moves on when the documents were made."""

    def done(future: Any) -> None:
        if not future.cancelled() and future.exception() is None:
            progress.advance(documents)

    return done


def _prepare_builder() -> None:
    """In a new worker: import the Word builder and prepare the default base package once."""
    from .word.builder import WordBuilder
    from .word.markup import parse

    WordBuilder(None)
    parse("")


def _output_in_worker(order: tuple[WordOrder, str, str]) -> bytes | str:
    """In a worker: the Word (or PDF) file of one document; see :func:`build_word`."""
    word, fmt, stem = order
    result = build_word(word)
    if isinstance(result, bytes) and fmt == "pdf":
        from .word.pdf import docx_to_pdf

        return docx_to_pdf(result, stem)
    return result


def _check_targets(jobs: list[RenderJob], outdir: Path | None) -> None:
    """Before anything is rendered: OUTDIR is usable, and no two documents share a file name."""
    seen: dict[Path, RenderJob] = {}
    for job in jobs:
        key = Path(os.path.normcase(os.path.abspath(job.target)))
        if key in seen:
            first = seen[key]
            raise OutputError(
                f"{first.centre.display} och {job.centre.display} skulle båda skrivas till {job.target} – "
                "rendera dem var för sig med olika utmappar (-o)"
            )
        seen[key] = job
    folders = {outdir} if outdir is not None else {job.target.parent for job in jobs}
    for folder in sorted(folders, key=str):
        check_output_folder(folder)


def render_text(centre: CheckedCentre, document: DocumentKind, draft: bool) -> str:
    """The intermediate text of one document for one validated centre."""
    from .templating.context import template_context

    assert centre.model is not None and centre.pack is not None
    pack = centre.pack
    spec = pack.template_for(document.id)
    from .results.view import ReportResults

    year = centre.model.report.year
    year = year if isinstance(year, int) else None  # a draft's year may be a placeholder
    results = ReportResults(year, centre.results, pack.config.self_reflection, centre.model)
    context = template_context(centre.model, spec.title, pack.config, draft, results)
    return _renderer(_ByFolder(pack)).render(spec.template, context)


@dataclass(frozen=True)
class _ByFolder:
    """A pack as the renderer cache's key: the same folder is the same pack.

    A speed path: a worker process gets each centre's pack as a new copy, and the templates
    loaded for the first serve them all.
    """

    pack: Pack = field(compare=False, hash=False)
    folder: Path = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "folder", self.pack.folder)


@lru_cache(maxsize=16)
def _renderer(key: _ByFolder) -> TemplateRenderer:
    """One renderer per pack folder and process, with the templates it has loaded."""
    from .templating.renderer import TemplateRenderer

    return TemplateRenderer(key.folder, key.pack.template_position)


def documents_of(centre: CheckedCentre, documents: list[DocumentKind], notes: list[str] | None) -> list[DocumentKind]:
    """What of *documents* to make for *centre*: all that were asked for one document (a pack without
    it says so when it is rendered), and for `all` the documents its pack has, with a note of the rest."""
    if len(documents) == 1 or centre.pack is None:
        return documents
    has = [doc for doc in documents if doc.id in centre.pack.config.documents]
    lacking = [doc.word for doc in documents if doc not in has]
    if lacking and notes is not None:
        what = "det dokumentet" if len(lacking) == 1 else "de dokumenten"
        note = f"mallpaketet '{centre.pack.name}' har ingen mall för {listed(lacking, 'eller')} – {what} skrevs inte"
        if note not in notes:
            notes.append(note)
    return has


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
    if not resolved(target, outdir).is_relative_to(resolved(outdir, outdir)):  # names from data never escape OUTDIR
        raise OutputError(f"{target} ligger utanför utmappen {outdir} – välj en annan utmapp")
    return target


def _meta_fields(centre: CheckedCentre, document: DocumentKind, draft: bool = False) -> tuple[Any, ...]:
    """DocumentMeta's fields (title, subject, creator, header, keywords, date, draft, numbered
    headings), without python-docx."""
    from .properties import document_date

    assert centre.model is not None and centre.pack is not None
    data = centre.model
    template = centre.pack.template_for(document.id)
    title = template.title
    name = data.centre.name or "Familjecentral"
    creator = data.coordinator.name or data.centre.region
    kommun = data.municipality_principal
    kommun_name = kommun.legal_name if kommun else municipality_name(data.centre.municipality)
    return (
        f"{title} – {name}",
        f"{name}, {kommun_name}, {data.centre.region}",
        str(creator),
        f"{title} – {name}",
        "familjecentral; " + document.slug,
        document_date(data, document.id),
        draft,
        template.numbered_headings,
    )


def _word_order(centre: CheckedCentre, document: DocumentKind, text: str, draft: bool = False) -> WordOrder:
    from .word.reference import checked_reference_docx

    assert centre.pack is not None
    return WordOrder(text, checked_reference_docx(centre.pack), _meta_fields(centre, document, draft))


def _word_result(centre: CheckedCentre, result: bytes | str) -> bytes:
    if isinstance(result, str):
        assert centre.pack is not None
        from .word.reference import reference_error

        raise reference_error(centre.pack, f"går inte att läsa som Word-dokument ({result})")
    return result


def build_docx(centre: CheckedCentre, document: DocumentKind, text: str, draft: bool = False) -> bytes:
    return _word_result(centre, build_word(_word_order(centre, document, text, draft)))


def render_output(job: RenderJob, text: str, fmt: str) -> bytes:
    """The bytes of one output file in *fmt*."""
    if fmt == "md":
        return text.encode("utf-8")
    blob = build_docx(job.centre, job.document, text, job.draft)
    if fmt == "docx":
        return blob
    from .word.pdf import docx_to_pdf

    return docx_to_pdf(blob, job.target.stem)


