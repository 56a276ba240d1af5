"""`fc validate`: every centre file under the paths checked (in worker processes for a county),
then each repository's own pack linted once; one report in file order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from .check.centre import CheckedCentre, check_centre, display_path
from .diagnostics import ERROR, WARNING, Diagnostic
from .packs import shipped_packs_dir
from .parallel import Progress, chunk_size, resolve_jobs, settle, worker_pool
from .sources import CentreSource, find_centre_files


def validate_paths(
    paths: list[Path], strict: bool = False, jobs: int | None = None, progress: Progress | None = None,
    *, stdin: bytes | None = None,
) -> tuple[int, list[Diagnostic], bool]:
    """Check every centre file under *paths*; returns (files, diagnostics, ok).

    Each centre's findings come in file order, followed by those in its pack's files when the
    centre is the first to use that pack (a pack is checked once per run): pack.yaml, and, for a
    repository's own pack (a folder path in `pack:`), its templates. With *strict* every warning
    is reported, and counts, as an error. With *jobs* > 1 the files are checked in that many
    processes (None: one per CPU); the report is the same as with one. *progress* is told each
    file checked. A PATH `-` is the centre file whose bytes are *stdin*.
    """
    files = find_centre_files(paths, stdin)
    diagnostics: list[Diagnostic] = []
    reported_elsewhere: set[Diagnostic] = set()
    linted: set[Path] = set()
    shipped = shipped_packs_dir().resolve()
    for checked in _checked_in_order(files, jobs, progress):
        for diagnostic in checked.diagnostics:
            if diagnostic.file != checked.display:
                if diagnostic in reported_elsewhere:
                    continue
                reported_elsewhere.add(diagnostic)
            diagnostics.append(diagnostic)
        pack = checked.pack
        if pack is not None and pack.folder.resolve() not in linted:
            linted.add(pack.folder.resolve())
            if pack.folder.resolve().parent != shipped:
                from .templating.lint import lint_pack  # only for a repository's own pack

                diagnostics.extend(lint_pack(pack, display_path))
    if strict:
        diagnostics = [
            dataclasses.replace(d, severity=ERROR) if d.severity == WARNING else d for d in diagnostics
        ]
    ok = not any(d.severity == ERROR for d in diagnostics)
    return len(files), diagnostics, ok


#: When fc chooses the number of processes, each checks at least this many files: starting a
#: worker costs about as much as checking them.
FILES_PER_WORKER = 40


def _checked_in_order(
    files: list[CentreSource], jobs: int | None, progress: Progress | None
) -> Iterator[CheckedCentre]:
    """Each file checked, in the order of *files*: here, or in *jobs* worker processes."""
    processes = resolve_jobs(jobs, len(files), per_process=FILES_PER_WORKER)
    if processes == 1:
        if progress is not None:
            progress.start(len(files))
        for source in files:
            checked = check_centre(source.path, source.display, source.data)
            if progress is not None:
                progress.advance()
            yield checked
        return
    # the first file is checked here: the YAML reader, the pack and the rules are then loaded
    # once, and every worker starts with them
    first = check_centre(files[0].path, files[0].display, files[0].data)
    settle()
    with worker_pool(processes) as pool:
        if progress is not None:  # after the workers are forked: the bar draws from a thread
            progress.start(len(files))
            progress.advance()
        yield first
        rest = files[1:]
        for checked in pool.map(_check_for_report, rest, chunksize=chunk_size(len(rest), processes)):
            if progress is not None:
                progress.advance()
            yield checked


def _check_for_report(source: CentreSource) -> CheckedCentre:
    """In a worker: what the report needs of one file (its findings and pack), not its data."""
    checked = check_centre(source.path, source.display, source.data)
    return dataclasses.replace(checked, loaded=None, model=None)
