"""Bounds on one render, so that no template can hang fc or fill the disk.

The sandbox (:mod:`fc_cli.templating.sandbox`) counts every loop iteration, call and filter use
as a step of the render in progress and refuses results past the size limits; each refusal is a
:class:`RenderLimit` raised inside the template, so it is reported at the template's line.
"""

from __future__ import annotations

import contextvars
import re
from typing import Any

#: Bounds on one render, so that no template can hang fc or fill the disk (untrusted templates). Örebro's
#: agreement is about 12 000 characters and 130 steps; the limits are far above any real document.
MAX_OUTPUT_CHARS = 500_000
#: Loop iterations, calls and filter uses in one render.
MAX_STEPS = 100_000
#: Wall-clock seconds for one render (a backstop for slow steps; the step count is the main bound).
MAX_SECONDS = 5.0
#: Largest number a template may pass as a width or count (`center(n)`, `batch(n)`, `'x'.ljust(n)`).
MAX_ARGUMENT = 10_000
#: Memory one render may take on top of what fc had before it (bytes of address space; Linux).
#: It holds inside a single call too (`{{ huge_list }}` printed, a helper building a table).
MAX_MEMORY = 1_000_000_000
#: Largest number of years `cost_turns`/`cost_turn_table` list, and of paragraphs `lipsum` writes.
MAX_YEARS = 100
MAX_LIPSUM_PARAGRAPHS = 100
#: Largest number of cells `table(...)` writes.
MAX_TABLE_CELLS = 20_000


class RenderLimit(Exception):
    """A template exceeded one of the bounds above; raised inside the template, so it has a line."""


class Work:
    """The budget of the render in progress."""

    __slots__ = ("steps", "deadline")

    def __init__(self) -> None:
        import time

        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def step(self) -> None:
        import time

        self.steps += 1
        if self.steps > MAX_STEPS:
            raise RenderLimit(
                f"mallen gör fler än {n(MAX_STEPS)} varv i loopar och anrop – en loop som inte tar "
                "slut, eller loopar i loopar över stora listor; förenkla loopen"
            )
        if time.monotonic() > self.deadline:
            raise _too_slow()


#: The budget of the render in progress (None outside TemplateRenderer.render).
WORK: contextvars.ContextVar[Work | None] = contextvars.ContextVar("fc_template_work", default=None)


def current_work() -> Work:
    """The budget of the render in progress."""
    current = WORK.get()
    # outside TemplateRenderer.render (Jinja folding constants while it compiles): a budget of its own
    return current if current is not None else Work()


def n(number: int) -> str:
    """1000000 → '1 000 000' (a number in a message)."""
    return f"{number:,}".replace(",", " ")


def too_long(what: str) -> RenderLimit:
    return RenderLimit(
        f"{what} blir längre än {n(MAX_OUTPUT_CHARS)} tecken – kontrollera uttrycket på raden"
    )


def check_size(value: Any, what: str) -> Any:
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_OUTPUT_CHARS:
        raise too_long(what)
    return value


def check_nested(value: Any, what: str) -> None:
    """A list, tuple, set or dict (however nested, however shared) that would print as more than
    MAX_OUTPUT_CHARS characters is refused before it is printed (each item counts at least one)."""
    if not isinstance(value, (list, tuple, set, frozenset, dict)):
        return
    stack = [value]
    size = 0
    while stack:
        item = stack.pop()
        size += len(item) + 2 if isinstance(item, (str, list, tuple, set, frozenset, dict)) else 1
        if size > MAX_OUTPUT_CHARS:
            raise too_long(what)
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)


def check_argument(value: Any, where: str) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ARGUMENT:
        shown = str(value) if value.bit_length() < 64 else "ett mycket stort tal"
        raise RenderLimit(
            f"{where} får talet {shown}, men högst {n(MAX_ARGUMENT)} är tillåtet här – "
            "ett så stort tal ger ett orimligt stort resultat"
        )


def check_replace(text: Any, old: Any, new: Any, count: Any = None) -> None:
    """`text.replace(old, new)` must not grow past the output limit (estimated before it runs)."""
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    hits = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    if len(text) + hits * (len(new) - len(old)) > MAX_OUTPUT_CHARS:
        raise too_long("texten efter replace")


def checked_items(items: Any, separator: Any) -> Any:
    """The items of a join as a list, refused when the joined text would pass the output limit
    (the separators and the texts joined, counted before anything is joined)."""
    width = len(separator) if isinstance(separator, str) else 0
    kept: list[Any] = []
    size = 0
    for item in items:
        size += (len(item) if isinstance(item, str) else 1) + (width if kept else 0)
        kept.append(item)
        if size > MAX_OUTPUT_CHARS:
            raise too_long("texten från join")
    return kept


def check_count(value: Any, limit: int, where: str, what: str) -> None:
    """*value* (a count a template passes to a helper) is at most *limit*."""
    if isinstance(value, int) and not isinstance(value, bool) and value > limit:
        shown = n(value) if value.bit_length() < 64 else "ett mycket stort tal"
        raise RenderLimit(f"{where} får {shown} {what}, men högst {n(limit)} är tillåtet – använd ett mindre tal")


class bounded_render:  # noqa: N801 - used as a `with` statement, like a function
    """Time and memory bounds that hold inside a single call of the render in progress.

    The step count and the size checks run between calls; a call that runs long on its own
    (a helper, a filter, printing a huge nested list) is stopped by an alarm after MAX_SECONDS
    (raising :class:`RenderLimit` where the template is) and by a limit on the address space
    (MAX_MEMORY more than before the render, raising MemoryError). The alarm needs the main
    thread, the memory limit the `resource` module; where either is missing, the other bounds hold.
    """

    def __enter__(self) -> bounded_render:
        import signal
        import threading

        self.alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        if self.alarm:
            self.previous = signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
        self.memory = _limit_memory()
        return self

    def __exit__(self, *exc: object) -> None:
        import signal

        if self.alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        if self.memory is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, self.memory)


def _too_slow() -> RenderLimit:
    return RenderLimit(
        f"mallen tar mer än {MAX_SECONDS:g} sekunder att köra – en loop som inte tar slut, "
        "eller för mycket arbete i en loop eller ett anrop; förenkla mallen"
    )


def _alarm(signum: int, frame: Any) -> None:
    raise _too_slow()


def _limit_memory() -> tuple[int, int] | None:
    """Limit the address space to what it is now plus MAX_MEMORY; the limits before (None: not limited)."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            used = int(statm.read().split()[0]) * resource.getpagesize()
        previous = resource.getrlimit(resource.RLIMIT_AS)
        soft, hard = previous
        wanted = used + MAX_MEMORY
        if soft != resource.RLIM_INFINITY and soft <= wanted:
            return None  # already limited more tightly by whoever started fc
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
        return previous
    except (ImportError, OSError, ValueError):
        return None


_FORMAT_WIDTH = re.compile(r"\{[^{}]*:[^{}]*?(\d{5,})|%[-+ #0]*(\*|\d{5,})|%[-+ #0]*\d*\.(\*|\d{5,})")


def check_format(text: Any) -> None:
    if isinstance(text, str) and _FORMAT_WIDTH.search(text):
        raise RenderLimit(
            f"formateringen '{text[:40]}' ber om en bredd över {n(MAX_ARGUMENT)} tecken – "
            "använd en mindre bredd"
        )


def count_loop(items: Any) -> Any:
    """Wrapped around the iterable of every `{% for %}`: each iteration is a step."""
    work = current_work()
    for item in items:
        work.step()
        yield item


#: Filters whose number arguments are widths or counts of the result.
_SIZED_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice", "format", "decimal"})


def guard_filter(name: str, function: Any) -> Any:
    """A filter that counts as a step and refuses results past the limits (`center(10**9)`)."""
    import functools

    skip = 2 if hasattr(function, "jinja_pass_arg") else 1

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        current_work().step()
        if len(args) >= skip:
            check_nested(args[skip - 1], f"värdet som filtret '{name}' får")
        if name in _SIZED_FILTERS:
            for value in (*args[skip:], *kwargs.values()):
                check_argument(value, f"filtret '{name}'")
        if name == "format" and len(args) >= skip:
            check_format(args[skip - 1])
        elif name == "replace" and len(args) >= skip + 2:
            count = args[skip + 2] if len(args) > skip + 2 else kwargs.get("count")
            check_replace(args[skip - 1], args[skip], args[skip + 1], count)
        elif name == "join" and len(args) >= skip:
            separator = args[skip] if len(args) > skip else kwargs.get("separator", kwargs.get("d", ""))
            args = (*args[: skip - 1], checked_items(args[skip - 1], separator), *args[skip:])
        return check_size(function(*args, **kwargs), f"resultatet av filtret '{name}'")

    return guarded
