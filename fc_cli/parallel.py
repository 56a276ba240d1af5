"""Work on many centres in several processes (`--jobs`), and the progress bar on a terminal.

Workers are forked where the platform allows it (Linux), so they start with what the main process
has imported and prepared; elsewhere they are spawned and import fc afresh. Results always come
back in the order the work was handed out, so output and error reports are the same as with one
process.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from .errors import EXIT_INTERNAL, FcError


class Progress(Protocol):
    """Told how many items there are, then each one finished (see :class:`ProgressBar`)."""

    def start(self, total: int) -> None: ...

    def advance(self, done: int = 1) -> None: ...


def cpu_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # the CPUs this process may run on
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int | None, items: int, per_process: int = 1) -> int:
    """How many processes to use for *items* units of work: *jobs*, or one per CPU when None.

    Never more processes than items; 1 means everything happens in this process. When fc
    chooses (None), each process gets at least *per_process* items: a worker's start costs as
    much as that many items take.
    """
    if jobs is None:
        return max(1, min(cpu_count(), items // per_process))
    # more processes than CPUs only wait for each other: --jobs 1000 means "as many as help"
    return max(1, min(jobs, items, cpu_count()))


# ---- stopping ----------------------------------------------------------------------------------
# However fc is stopped, it leaves no process and no temporary file behind. Ctrl-C, SIGTERM and
# SIGHUP (a closed terminal) end the main process as an exception, so every `finally` and every
# temporary file's clean-up runs (write.py), and the pool's shutdown ends the workers. SIGKILL ends
# the main process at once: the workers notice their parent is gone and end themselves, and
# write.py's files have no name on disk until they are complete.


class Stopped(KeyboardInterrupt):
    """fc was told to stop (SIGTERM, SIGHUP): it ends as after Ctrl-C, cleaning up as it goes."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.exit_code = 128 + signum


def stop_on_signals() -> None:
    """In the main process: SIGTERM and SIGHUP raise :class:`Stopped` where the process is."""

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


#: prctl(2)'s option: the signal a process gets when its parent ends
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """A worker ends when the process that started it ends, even by SIGKILL (which runs no code).

    Linux does it for us (prctl PR_SET_PDEATHSIG); elsewhere a thread watches the parent's id.
    """
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            _watch_parent(parent)
    else:
        _watch_parent(parent)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="fc-parent-watch", daemon=True).start()


def _ignore_interrupt() -> None:
    # Ctrl-C reaches every process of the terminal's group: the main process reports it once and
    # ends the workers; a worker printing its own traceback would only add noise. SIGTERM and
    # SIGHUP end a worker at once (the main process's handler is not the worker's).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _worker_start(initializer: Callable[[], None] | None) -> None:
    _die_with_parent()
    _ignore_interrupt()
    if initializer is not None:
        initializer()
    settle()


def settle() -> None:
    """What is imported and prepared by now lives until the process ends: Python's cyclic garbage
    collector need not scan it again and again while hundreds of documents come and go (and in a
    forked worker, scanning would copy the memory pages it shares with the main process)."""
    import gc

    gc.freeze()
    gc.enable()  # off while a simple command line imports what it needs (fc_cli/direct.py)


def _ready() -> None:
    """A task that does nothing: handing it out starts the workers."""


def start_pool(processes: int, initializer: Callable[[], None] | None = None) -> Any:
    """A :class:`concurrent.futures.ProcessPoolExecutor` of *processes* workers, started at once.

    A worker that dies (killed, out of memory) makes every unfinished task raise
    `BrokenProcessPool` instead of waiting for ever (see :func:`pool_in_use`).
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    executor = ProcessPoolExecutor(
        processes, mp_context=multiprocessing.get_context(method), initializer=_worker_start, initargs=(initializer,)
    )
    executor.submit(_ready)  # the workers start now, before this process has threads of its own
    return executor


@contextmanager
def pool_in_use(executor: Any) -> Iterator[Any]:
    """Use a started pool; when the block is left, tasks not yet started are cancelled and the
    workers end. A lost worker becomes :class:`WorkerLost`."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        yield executor
    except BrokenProcessPool:
        raise WorkerLost(
            "en arbetsprocess avslutades oväntat (slut på minne?) – inget skrevs; kör igen med --jobs 1"
        ) from None
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


@contextmanager
def worker_pool(processes: int, initializer: Callable[[], None] | None = None) -> Iterator[Any]:
    """:func:`start_pool` and :func:`pool_in_use` in one."""
    with pool_in_use(start_pool(processes, initializer)) as executor:
        yield executor


class WorkerLost(FcError):
    """A worker process died (killed, out of memory): nothing was written."""

    exit_code = EXIT_INTERNAL

    def __str__(self) -> str:
        return f"error: {self.message}"


def chunk_size(items: int, processes: int) -> int:
    """Items per hand-out: large enough to keep the overhead small, small enough to balance."""
    return max(1, min(16, items // (processes * 4)))


def show_progress() -> bool:
    """A progress bar only on an interactive terminal: never in CI logs or piped output."""
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stdout.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


class ProgressBar:
    """A rich progress bar on stderr for :class:`Progress`; it disappears when closed.

    Nothing is imported or drawn for a single item. `advance` may be called from another thread
    (a finished task's callback).
    """

    def __init__(self, description: str):
        self.description = description
        self._bar: Any = None
        self._task: Any = None

    def start(self, total: int) -> None:
        if total < 2 or self._bar is not None:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        self._bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._bar.add_task(self.description, total=total)
        self._bar.start()

    def advance(self, done: int = 1) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
