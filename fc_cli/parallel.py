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
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Protocol



class Progress(Protocol):
    """Told how many items there are, then each one finished (see :class:`ProgressBar`)."""

    def start(self, total: int) -> None: ...

    def advance(self, done: int = 1) -> None: ...


def cpu_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # the CPUs this process may run on
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int | None, items: int) -> int:
    """How many processes to use for *items* units of work: *jobs*, or one per CPU when None.

    Never more processes than items; 1 means everything happens in this process.
    """
    wanted = cpu_count() if jobs is None else jobs
    return max(1, min(wanted, items))


def _ignore_interrupt() -> None:
    # Ctrl-C reaches every process of the terminal's group: the main process reports it once and
    # ends the workers; a worker printing its own traceback would only add noise
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _worker_start(initializer: Callable[[], None] | None) -> None:
    _ignore_interrupt()
    if initializer is not None:
        initializer()
    settle()


def settle() -> None:
    """What is imported and prepared by now lives until the process ends: keep Python's cyclic
    garbage collector from scanning it again and again (a worker builds hundreds of documents,
    each a few thousand short-lived objects; parsing is a quarter faster without the rescans)."""
    import gc

    gc.freeze()


@contextmanager
def worker_pool(processes: int, initializer: Callable[[], None] | None = None) -> Iterator[Any]:
    """A :class:`multiprocessing.pool.Pool` of *processes* workers, ended when the block is left."""
    import multiprocessing

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    pool = context.Pool(processes, initializer=_worker_start, initargs=(initializer,))
    try:
        yield pool
    finally:
        pool.terminate()
        pool.join()


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
    (the pool's result handler).
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
