"""Templates: the only module that imports jinja2.

A pack's templates are Jinja2, run in the sandbox, with undefined names as errors. They produce
the intermediate text format (Markdown, see templates/README.md). Text from the data can never
change that structure: every value printed is escaped for Markdown (SPEC §8), and helpers that
emit structure (signature blocks, tables) escape the values they put in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from . import formatting, swedish
from .program import command_name
from .formatting import municipality_name
from .economy import cost_shares, cost_turns
from .errors import Position, TemplateError, text_problem
from .model import SERVICE_NAMES, CentreFile, Person, Signing, empty_needed_fields

_WHITESPACE = re.compile(r"[ \t\r\n\f\v\u2028\u2029\x85]+")
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>|~=!&{}#^$])")
_LEADING_BLOCK = re.compile(r"^([-+:>])")
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")


def md_escape(text: str) -> str:
    """Make *text* literal in Markdown: one line, every markup character escaped."""
    text = _WHITESPACE.sub(" ", str(text)).strip()  # not str.split(): it would eat no-break spaces
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = _LEADING_BLOCK.sub(r"\\\1", text)
    return _LEADING_NUMBER.sub(r"\1\\\2", text)


class Placeholder:
    """A value still to be filled in, shown highlighted in a --draft document."""

    def __init__(self, label: str):
        self.label = label

    def __html__(self) -> str:
        return f"[{md_escape('[' + self.label + ']')}]{{.placeholder}}"

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return f"[{self.label}]"


@dataclass(frozen=True)
class Signatory:
    label: str
    name: Any
    title: Any
    organisation: Any = None


class _PrintedEmptyValue(Exception):
    pass


def _finalize(value: Any) -> Any:
    from markupsafe import Markup

    if isinstance(value, Markup):
        return value
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    if value is None:
        raise _PrintedEmptyValue()
    if isinstance(value, bool):
        value = "ja" if value else "nej"
    return Markup(md_escape(str(value)))


def _escape_item(item: Any) -> str:
    from markupsafe import Markup

    if isinstance(item, Markup) or hasattr(item, "__html__"):
        return str(_finalize(item))
    return md_escape(str(item))


def _join(items: Iterable[Any], separator: str = ", ", last: str | None = None) -> Any:
    from markupsafe import Markup

    parts = [_escape_item(i) for i in items]
    if last and len(parts) > 1:
        return Markup(f"{separator.join(parts[:-1])} {md_escape(last)} {parts[-1]}")
    return Markup(_INLINE_SPECIALS.sub(r"\\\1", separator)).join(parts)  # keeps the separator's spaces


def _signatory(label: Any, person: Person | None, organisation: Any = None) -> Signatory:
    person = person or Person()
    return Signatory(str(label), person.name, person.title, organisation)


def _signature_table(entries: Iterable[Signatory], signing: Signing | None = None) -> Any:
    """The `::: signatures` block: one cell per signatory (see templates/README.md)."""
    from markupsafe import Markup

    place_date = None
    if signing is not None and (signing.place or signing.date):
        parts = [p for p in (signing.place, formatting.sv_date(signing.date)) if p]
        place_date = ", ".join(str(p) for p in parts)
    lines = ["::: signatures"]
    for entry in entries:
        lines.append(f"- {_escape_item(entry.label)}")
        for prefix, value in (("Namn", entry.name), ("Titel", entry.title), ("Organisation", entry.organisation)):
            if value is not None or prefix != "Organisation":
                lines.append(f"  {prefix}: {_value_or_blank(value)}")
        if place_date:
            lines.append(f"  Ort och datum: {md_escape(place_date)}")
    lines.append(":::")
    return Markup("\n".join(lines) + "\n")


def _value_or_blank(value: Any) -> str:
    if value is None:
        return ""
    return _escape_item(value)


def _table(header: list[Any], rows: Iterable[Iterable[Any]]) -> Any:
    """A Markdown table whose every cell is escaped data."""
    from markupsafe import Markup

    def row(cells: Iterable[Any]) -> str:
        return "| " + " | ".join(_escape_item(c) if c is not None else "" for c in cells) + " |"

    lines = [row(header), "|" + "|".join(" --- " for _ in header) + "|"]
    lines.extend(row(r) for r in rows)
    return Markup("\n".join(lines) + "\n")


FILTERS = {
    "date": formatting.sv_date,
    "month": formatting.month_name,
    "kr": formatting.kronor,
    "percent": formatting.percent,
    "fte": formatting.fte,
    "decimal": formatting.decimal,
    "words": formatting.number_word,
    "join": _join,
    **swedish.FILTERS,  # counted phrases, genitives (fc_cli/swedish.py)
}

GLOBALS = {
    "signatory": _signatory,
    "signature_table": _signature_table,
    "table": _table,
    "cost_shares": cost_shares,
    "cost_turns": cost_turns,
    "service_names": SERVICE_NAMES,
}


#: Bounds on one render, so that no template can hang fc or fill the disk (SPEC §8). Örebro's
#: agreement is about 12 000 characters and 130 steps; the limits are far above any real document.
MAX_OUTPUT_CHARS = 500_000
#: Loop iterations, calls and filter uses in one render.
MAX_STEPS = 100_000
#: Wall-clock seconds for one render (a backstop for slow steps; the step count is the main bound).
MAX_SECONDS = 5.0
#: Largest number a template may pass as a width or count (`center(n)`, `batch(n)`, `'x'.ljust(n)`).
MAX_ARGUMENT = 10_000


class _RenderLimit(Exception):
    """A template exceeded one of the bounds above; raised inside the template, so it has a line."""


class _Work:
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
            raise _RenderLimit(
                f"mallen gör fler än {_n(MAX_STEPS)} varv i loopar och anrop – en loop som inte tar "
                "slut, eller loopar i loopar över stora listor; förenkla loopen"
            )
        if time.monotonic() > self.deadline:
            raise _RenderLimit(
                f"mallen tar mer än {MAX_SECONDS:g} sekunder att köra – en loop som inte tar slut, "
                "eller för mycket arbete i en loop; förenkla mallen"
            )


_WORK: Any = None  # contextvars.ContextVar[_Work | None], created with the first renderer


def _work() -> _Work:
    current = _WORK.get() if _WORK is not None else None
    # outside TemplateRenderer.render (Jinja folding constants while it compiles): a budget of its own
    return current if current is not None else _Work()


def _n(number: int) -> str:
    """1000000 → '1 000 000' (a number in a message)."""
    return f"{number:,}".replace(",", " ")


def _too_long(what: str) -> _RenderLimit:
    return _RenderLimit(
        f"{what} blir längre än {_n(MAX_OUTPUT_CHARS)} tecken – kontrollera uttrycket på raden"
    )


def _check_size(value: Any, what: str) -> Any:
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_OUTPUT_CHARS:
        raise _too_long(what)
    return value


def _check_argument(value: Any, where: str) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ARGUMENT:
        shown = str(value) if value.bit_length() < 64 else "ett mycket stort tal"
        raise _RenderLimit(
            f"{where} får talet {shown}, men högst {_n(MAX_ARGUMENT)} är tillåtet här – "
            "ett så stort tal ger ett orimligt stort resultat"
        )


def _check_replace(text: Any, old: Any, new: Any, count: Any = None) -> None:
    """`text.replace(old, new)` must not grow past the output limit (estimated before it runs)."""
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    hits = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    if len(text) + hits * (len(new) - len(old)) > MAX_OUTPUT_CHARS:
        raise _too_long("texten efter replace")


def _checked_items(items: Any, separator: Any) -> Any:
    """The items of a join as a list, refused when the joined text would pass the output limit."""
    if not isinstance(items, (list, tuple)):
        items = list(items)
    width = len(separator) if isinstance(separator, str) else 0
    if len(items) > 1 and width * (len(items) - 1) > MAX_OUTPUT_CHARS:
        raise _too_long("texten från join")
    return items


_FORMAT_WIDTH = re.compile(r"\{[^{}]*:[^{}]*?(\d{5,})|%[-+ #0]*(\*|\d{5,})|%[-+ #0]*\d*\.(\*|\d{5,})")


def _check_format(text: Any) -> None:
    if isinstance(text, str) and _FORMAT_WIDTH.search(text):
        raise _RenderLimit(
            f"formateringen '{text[:40]}' ber om en bredd över {_n(MAX_ARGUMENT)} tecken – "
            "använd en mindre bredd"
        )


def _count(items: Any) -> Any:
    """Wrapped around the iterable of every `{% for %}`: each iteration is a step."""
    work = _work()
    for item in items:
        work.step()
        yield item


#: Filters whose number arguments are widths or counts of the result.
_SIZED_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice", "format", "decimal"})


def _guard_filter(name: str, function: Any) -> Any:
    """A filter that counts as a step and refuses results past the limits (`center(10**9)`)."""
    import functools

    skip = 2 if hasattr(function, "jinja_pass_arg") else 1

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _work().step()
        if name in _SIZED_FILTERS:
            for value in (*args[skip:], *kwargs.values()):
                _check_argument(value, f"filtret '{name}'")
        if name == "format" and len(args) >= skip:
            _check_format(args[skip - 1])
        elif name == "replace" and len(args) >= skip + 2:
            _check_replace(args[skip - 1], args[skip], args[skip + 1], args[skip + 2] if len(args) > skip + 2 else kwargs.get("count"))
        elif name == "join" and len(args) >= skip:
            separator = args[skip] if len(args) > skip else kwargs.get("separator", kwargs.get("d", ""))
            args = (*args[: skip - 1], _checked_items(args[skip - 1], separator), *args[skip:])
        return _check_size(function(*args, **kwargs), f"resultatet av filtret '{name}'")

    return guarded


_ENVIRONMENT: Any = None


def _environment_class() -> Any:
    """Jinja2's immutable sandbox, with fc's bounds on work, size and the data models' internals."""
    global _ENVIRONMENT, _WORK
    if _ENVIRONMENT is not None:
        return _ENVIRONMENT
    import contextvars

    from jinja2 import nodes
    from jinja2.compiler import CodeGenerator
    from jinja2.sandbox import ImmutableSandboxedEnvironment
    from pydantic import BaseModel

    _WORK = contextvars.ContextVar("fc_template_work", default=None)

    class BoundedCodeGenerator(CodeGenerator):
        def visit_Template(self, node: Any, frame: Any = None) -> None:  # noqa: N802 - Jinja's visitor name
            # every `{% for x in items %}` is compiled as `{% for x in items|fc_count %}` (Jinja
            # collects the filters a template uses before it generates code); the caller's tree is
            # given back as it was, for the template linter reads it after compiling
            loops = list(node.find_all(nodes.For))
            originals = [loop.iter for loop in loops]
            for loop in loops:
                loop.iter = nodes.Filter(loop.iter, "fc_count", [], [], None, None, lineno=loop.iter.lineno)
            try:
                super().visit_Template(node, frame)
            finally:
                for loop, original in zip(loops, originals):
                    loop.iter = original

        def visit_Concat(self, node: Any, frame: Any) -> None:  # noqa: N802 - `a ~ b`
            self.write("environment.fc_sized(")
            super().visit_Concat(node, frame)
            self.write(")")

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        code_generator_class = BoundedCodeGenerator
        intercepted_binops = frozenset({"+", "*", "**", "%"})

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            # the data are pydantic models: their fields and fc's own helpers are open, pydantic's
            # machinery (parse_file, model_validate_json, copy, …) is not
            if isinstance(obj, BaseModel) and hasattr(BaseModel, attr):
                return False
            return super().is_safe_attribute(obj, attr, value)

        def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
            _work().step()
            owner = getattr(obj, "__self__", None)
            if isinstance(owner, (str, bytes, list, tuple)) and not isinstance(obj, type):
                name = getattr(obj, "__name__", "metoden")
                for value in (*args, *kwargs.values()):
                    _check_argument(value, f"'{name}'")
                if name == "replace" and len(args) >= 2:
                    _check_replace(owner, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count"))
                elif name == "join" and len(args) == 1 and isinstance(owner, str):
                    args = (_checked_items(args[0], owner),)
            return _check_size(super().call(context, obj, *args, **kwargs), "resultatet av anropet")

        def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
            _work().step()
            sequences = (str, list, tuple)
            if operator_ == "*":
                for seq, times in ((left, right), (right, left)):
                    if isinstance(seq, sequences) and isinstance(times, int) and len(seq) * times > MAX_OUTPUT_CHARS:
                        raise _too_long(f"'{'…' if len(seq) > 20 else seq}' * {_n(times)}")
                if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > 4096:
                    raise _RenderLimit("talet blir orimligt stort – kontrollera uttrycket på raden")
            elif operator_ == "**":
                if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right * max(left.bit_length(), 1) > 4096:
                    raise _RenderLimit(f"{left} ** {right} blir ett orimligt stort tal – använd en mindre exponent")
            elif operator_ == "%" and isinstance(left, str):
                _check_format(left)
            elif operator_ == "+" and isinstance(left, sequences) and isinstance(right, sequences):
                if len(left) + len(right) > MAX_OUTPUT_CHARS:
                    raise _too_long("texten som sätts ihop med +")
            return _check_size(super().call_binop(context, operator_, left, right), "resultatet")

        def wrap_str_format(self, value: Any) -> Any:
            wrapped = super().wrap_str_format(value)
            if wrapped is None:
                return None
            _check_format(getattr(value, "__self__", None))
            return wrapped

        def fc_sized(self, value: Any) -> Any:
            return _check_size(value, "texten som sätts ihop med ~")

    _ENVIRONMENT = BoundedSandbox
    return _ENVIRONMENT


#: Largest template file read (bytes); a document's template is some tens of kilobytes.
MAX_TEMPLATE_BYTES = 1_000_000


def _pack_loader(folder: Path) -> Any:
    """Templates from the pack folder only: no `..`, no absolute paths, no links leading out of it.

    Files are read as UTF-8 (a byte order mark from Notepad is dropped); text that cannot stand in a
    document (control characters) is refused at its line and column.
    """
    from jinja2 import BaseLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    root = folder.resolve()

    class PackLoader(BaseLoader):
        def get_source(self, environment: Any, template: str) -> Any:
            if "\\" in template or template.startswith("/") or re.match(r"^[A-Za-z]:", template):
                raise TemplateNotFound(template)
            path = folder.joinpath(*split_template_path(template))  # refuses '..'
            try:
                real = path.resolve()
                if not real.is_relative_to(root) or not real.is_file():
                    raise TemplateNotFound(template)
                if real.stat().st_size > MAX_TEMPLATE_BYTES:
                    raise TemplateError(
                        f"mallen är för stor (högst {_n(MAX_TEMPLATE_BYTES)} byte) – kontrollera att det är rätt fil",
                        Position(str(path)),
                    )
                raw = real.read_bytes()
                mtime = real.stat().st_mtime
            except OSError:
                raise TemplateNotFound(template) from None
            text = template_text(raw, str(path))
            return text, str(path), lambda: mtime == path.stat().st_mtime if path.exists() else False

    return PackLoader()


def template_text(raw: bytes, filename: str) -> str:
    """A template file's bytes as text, or a positioned error saying how to save it."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TemplateError(
            "mallen är sparad som UTF-16 ('Unicode' i Anteckningar) – spara den som UTF-8", Position(filename)
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line_start = before.rfind(b"\n") + 1
        raise TemplateError(
            f"mallen är inte sparad som UTF-8 (byte 0x{raw[exc.start]:02X} går inte att läsa; troligen "
            "Windows-1252/ANSI) – spara den som UTF-8, i Anteckningar via 'Spara som' och Kodning: UTF-8",
            Position(filename, before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1),
        ) from None
    problem = text_problem(text.replace("\t", " ").replace("\r", "\n"))
    if problem is not None:
        offset = next(i for i, ch in enumerate(text) if ch not in "\t\r" and text_problem(ch))
        line_start = text.rfind("\n", 0, offset) + 1
        raise TemplateError(
            f"mallen: {problem}", Position(filename, text.count("\n", 0, offset) + 1, offset - line_start + 1)
        )
    return text


@lru_cache(maxsize=1)
def bytecode_cache() -> Any:
    """Compiled templates kept between runs, like Python's .pyc files (compiling the four
    templates takes longer than filling them in).

    The cache lives in the user's cache folder (`$XDG_CACHE_HOME/fc`, else `~/.cache/fc`), in a
    folder named after a hash of fc's own code and the Jinja version, so a new fc never uses code
    compiled by an old one; Jinja itself checks each template's text. Only a folder that belongs to
    the user and that nobody else can write in is used; `FC_NO_CACHE=1` turns the cache off.
    Whatever goes wrong, fc compiles the templates as before.
    """
    import hashlib
    import os
    import stat

    if os.environ.get("FC_NO_CACHE"):
        return None
    try:
        import jinja2
        from jinja2 import FileSystemBytecodeCache

        code = hashlib.sha256(jinja2.__version__.encode())
        for source in sorted(Path(__file__).parent.glob("*.py")):
            code.update(source.name.encode() + b"\0" + source.read_bytes())
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fc"
        folder = base / f"templates-{code.hexdigest()[:16]}"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for place in (base, folder):
            info = place.lstat()
            if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
                return None
            if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return None
        return FileSystemBytecodeCache(str(folder), "%s.cache")
    except (OSError, RuntimeError, ValueError):
        return None


class TemplateRenderer:
    """The sandboxed environment of one pack folder; compiled templates are cached."""

    def __init__(self, folder: Path):
        from jinja2 import StrictUndefined

        self.folder = folder
        self.env = _environment_class()(
            loader=_pack_loader(folder),
            undefined=StrictUndefined,
            autoescape=True,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
            bytecode_cache=bytecode_cache(),
        )
        self.env.filters.update(FILTERS)
        self.env.filters = {name: _guard_filter(name, f) for name, f in self.env.filters.items()}
        self.env.filters["fc_count"] = _count
        self.env.globals.update(GLOBALS)

    def render(self, template_name: str, context: dict[str, Any]) -> str:
        from jinja2 import TemplateError as JinjaTemplateError
        from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
        from jinja2.exceptions import SecurityError

        path = self.folder / template_name
        token = _WORK.set(_Work())
        try:
            template = self.env.get_template(template_name)
            text = self._generate(template, context)
            problem = text_problem(text)
            if problem is not None:  # data and template files are checked; this is an expression's
                raise TemplateError(
                    f"texten som mallen gör: {problem} – kontrollera uttryck med \\x- eller \\u-koder i mallen",
                    Position(str(path)),
                )
            return text
        except TemplateSyntaxError as exc:
            where = Path(exc.filename) if exc.filename else path
            raise TemplateError(_syntax_message(exc.message or str(exc), self.env), Position(str(where), exc.lineno or 1, 1)) from None
        except TemplateNotFound as exc:
            if exc.name == template_name:
                raise TemplateError(
                    f"mallen {template_name} finns inte i mallpaketet {self.folder} – kontrollera "
                    "'template' i pack.yaml (sökvägen är relativ till paketets mapp och får inte gå ut ur den)",
                    _pack_file_position(self.folder, template_name),
                ) from None
            raise TemplateError(
                f"mallen tar med '{exc.name}', som inte finns i mallpaketets mapp {self.folder} – en mall "
                "kan bara ta med (include/import/extends) filer i sitt eget paket; ange sökvägen relativt paketet",
                _template_position(exc, path, self.folder),
            ) from None
        except UndefinedError as exc:
            raise TemplateError(
                f"mallen använder {_undefined_name(exc.message or '')}, som inte finns i datan – "
                f"kontrollera stavningen mot datamodellen ({command_name()} schema)",
                _template_position(exc, path, self.folder),
            ) from None
        except SecurityError as exc:
            raise TemplateError(_security_message(str(exc)), _template_position(exc, path, self.folder)) from None
        except _PrintedEmptyValue as exc:
            raise TemplateError(
                "mallen skriver ut ett värde som är tomt i datan – omge det med "
                "{% if … %} eller gör fältet obligatoriskt",
                _template_position(exc, path, self.folder),
            ) from None
        except _RenderLimit as exc:
            raise TemplateError(str(exc), _template_position(exc, path, self.folder)) from None
        except RecursionError as exc:
            raise TemplateError(
                "mallen anropar sig själv utan slut (ett makro eller en rekursiv loop som aldrig stannar) "
                "– se till att anropen tar slut",
                _template_position(exc, path, self.folder),
            ) from None
        except MemoryError:
            raise TemplateError(
                "mallen bygger upp mer text än minnet rymmer – kontrollera loopar och uttryck i mallen",
                Position(str(path)),
            ) from None
        except JinjaTemplateError as exc:
            message = str(exc)
            known = re.match(r"No (filter|test) named '[^']+'", message)
            text = _syntax_message(message, self.env) if known else f"mallen kunde inte köras: {message}"
            raise TemplateError(text, _template_position(exc, path, self.folder)) from None
        except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError, OverflowError,
                RuntimeError) as exc:
            raise TemplateError(
                f"mallen kunde inte köras: {type(exc).__name__}: {exc} – rätta uttrycket på raden",
                _template_position(exc, path, self.folder),
            ) from None
        finally:
            _WORK.reset(token)

    def _generate(self, template: Any, context: dict[str, Any]) -> str:
        """Render piece by piece; past MAX_OUTPUT_CHARS the error is raised inside the template."""
        parts: list[str] = []
        size = 0
        stream = template.generate(context)
        for part in stream:
            parts.append(part)
            size += len(part)
            if size > MAX_OUTPUT_CHARS:
                stream.throw(_RenderLimit(
                    f"dokumentet blir längre än {_n(MAX_OUTPUT_CHARS)} tecken – en loop som upprepar "
                    "text för många gånger; kontrollera loopen"
                ))
        return "".join(parts)


def _pack_file_position(folder: Path, template_name: str) -> Position:
    """Where pack.yaml names *template_name* (`documents.<id>.template`), or pack.yaml itself."""
    from .errors import FcError
    from .loader import load_yaml_file

    pack_file = folder / "pack.yaml"
    try:
        loaded = load_yaml_file(pack_file)
    except FcError:
        return Position(str(pack_file))
    documents = loaded.data.get("documents")
    for doc_id, spec in (documents.items() if isinstance(documents, dict) else []):
        if isinstance(spec, dict) and spec.get("template") == template_name:
            return loaded.source.position(("documents", doc_id, "template"))
    return Position(str(pack_file))


def _syntax_message(message: str, env: Any) -> str:
    """Jinja's syntax errors in Swedish, with what to do."""
    found = re.match(r"No filter named '([^']+)'", message)
    if found:
        own = ", ".join(sorted(FILTERS))
        return (
            f"filtret '{found.group(1)}' finns inte – fc:s filter är {own}; "
            "se templates/README.md för Jinjas inbyggda filter"
        )
    found = re.match(r"No test named '([^']+)'", message)
    if found:
        return f"testet '{found.group(1)}' finns inte – kontrollera stavningen efter 'is'"
    found = re.match(r"Unexpected end of template\. Jinja was looking for the following tags: (.*?)\. "
                     r"The innermost block that needs to be closed is '([^']+)'", message)
    if found:
        block = found.group(2)
        return f"mallen tar slut innan blocket '{block}' har stängts – lägg till {{% end{block} %}}"
    found = re.match(r"Encountered unknown tag '([^']+)'\.(.*)", message, re.S)
    if found:
        hint = ""
        wanted = re.search(r"looking for the following tags: (.*?)\.", found.group(2))
        if wanted:
            hint = f" (här väntas {wanted.group(1).replace(' or ', ' eller ')})"
        return f"okänd tagg '{{% {found.group(1)} %}}'{hint} – kontrollera stavningen"
    return f"mallen har ett syntaxfel: {message} – rätta Jinja-koden på raden"


def _security_message(message: str) -> str:
    found = re.search(r"attribute '([^']+)' of '([^']+)' object is unsafe", message)
    if found:
        attr = found.group(1)
        if attr.startswith("_"):
            return (
                f"mallen försöker nå '{attr}', en intern del av Python som mallar inte får använda – "
                f"ta bort det och använd bara fälten i datan (se {command_name()} schema)"
            )
        return (
            f"mallen försöker använda '{attr}', som inte är tillåtet i en mall (mallar får läsa datan "
            "men inte ändra den eller nå det som ligger bakom) – ta bort det"
        )
    return f"mallen försöker göra något som inte är tillåtet i en mall ({message}) – ta bort det"


def _undefined_name(message: str) -> str:
    match = re.search(r"has no attribute '([^']+)'", message)
    if match:
        return f"'{match.group(1)}'"
    match = re.match(r"'([^']+)' is undefined", message)
    return f"'{match.group(1)}'" if match else message


def _template_position(exc: BaseException, fallback: Path, folder: Path | None = None) -> Position:
    """The template file and line an exception was raised at (Jinja rewrites tracebacks)."""
    tb = exc.__traceback__
    found = Position(str(fallback))
    prefix = str(folder) if folder is not None else None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".jinja", ".md")) or (prefix and filename.startswith(prefix)):
            found = Position(filename, tb.tb_lineno, 1)
        tb = tb.tb_next
    return found


def template_context(data: CentreFile, document_title: str, pack_config: Any, draft: bool) -> dict[str, Any]:
    """What a template sees: every section of the centre file by name, plus `data` and `pack`."""
    if draft:
        data = with_placeholders(data)
    context: dict[str, Any] = {name: getattr(data, name) for name in type(data).model_fields}
    context.update(
        data=data,
        pack=pack_config,
        document_title=document_title,
        draft=draft,
        region_principal=data.region_principal,
        municipality_principal=data.municipality_principal,
        kommun_name=data.municipality_principal.name
        if data.municipality_principal
        else municipality_name(data.centre.municipality),
    )
    return context


def with_placeholders(data: CentreFile) -> CentreFile:
    """A copy of *data* where every empty `needed` field is a highlighted placeholder."""
    copy = data.model_copy(deep=True)
    for _, owner, name, info in list(empty_needed_fields(copy)):
        label = (info.description or name).split(",")[0].split(" t.ex.")[0].rstrip(".")
        object.__setattr__(owner, name, Placeholder(f"fyll i: {label}"))
    return copy


# ---- parsing for `fc validate` (the linter is fc_cli/lint.py) -------------------------------


@dataclass(frozen=True)
class NameChain:
    """A name and what a template does with it: `centre.visiting_address.street`, `data.service(x).name`.

    Each step is ``(kind, name, line)`` with kind ``attr`` (`.name` or `["name"]`), ``call`` or
    ``item`` (`[expression]`).
    """

    root: str
    line: int
    steps: tuple[tuple[str, str, int], ...] = ()


@dataclass(frozen=True)
class NameBinding:
    """`{% for x in … %}`, `{% set x = … %}`, macro arguments: names bound to a value (or unknown)."""

    names: tuple[str, ...]
    line: int
    source: NameChain | None = None
    iterate: bool = False


@dataclass(frozen=True)
class ScopeEnd:
    """The end of a loop, macro or `with` block: its bindings no longer hold."""

    names: tuple[str, ...]


@dataclass
class TemplateOutline:
    """What `fc validate` needs to know about one template, without running it."""

    syntax_error: tuple[int, str] | None = None
    #: Chains, bindings and scope ends, in the order they appear in the template.
    events: list[NameChain | NameBinding | ScopeEnd] = field(default_factory=list)
    #: Other templates it includes, imports or extends: (line, name).
    includes: list[tuple[int, str]] = field(default_factory=list)
    #: Filters and tests it uses that do not exist: (line, "filter" or "test", name).
    unknown_filters: list[tuple[int, str, str]] = field(default_factory=list)


_LINT_ENV: Any = None


def _lint_environment() -> Any:
    global _LINT_ENV
    if _LINT_ENV is None:
        from jinja2 import StrictUndefined

        # the rendering sandbox: its bounds also stop Jinja's compile-time constant folding from
        # computing `{{ 'x' * 10**9 }}` while the linter only parses
        env = _environment_class()(
            undefined=StrictUndefined, autoescape=True, finalize=_finalize,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        )
        env.filters.update(FILTERS)
        # guarded like the rendering filters, so folding constants cannot build `'x'|center(10**9)`
        env.filters = {name: _guard_filter(name, f) for name, f in env.filters.items()}
        env.filters["fc_count"] = _count  # what the sandbox compiles every loop with
        env.globals.update(GLOBALS)
        _LINT_ENV = env
    return _LINT_ENV


def template_global_names() -> set[str]:
    """Names every template can use besides the data: Jinja's globals and fc's helpers."""
    return set(_lint_environment().globals)


def template_filter_names() -> tuple[list[str], list[str]]:
    """fc's own filters, and Jinja's built-in ones."""
    own = sorted(FILTERS)
    return own, sorted(set(_lint_environment().filters) - set(own) - {"fc_count"})


def outline_template(source: str, filename: str) -> TemplateOutline:
    """Parse *source* as a pack template (the same settings as rendering) and outline its names."""
    from jinja2 import TemplateSyntaxError, nodes

    env = _lint_environment()
    outline = TemplateOutline()
    try:
        tree = env.parse(source, name=filename, filename=filename)
    except TemplateSyntaxError as exc:
        outline.syntax_error = (exc.lineno or 1, exc.message or str(exc))
        return outline
    try:
        env.compile(tree, name=filename, filename=filename)
    except TemplateSyntaxError as exc:  # unknown filters and tests are listed below, all of them
        if not re.match(r"No (filter|test) named", exc.message or ""):
            outline.syntax_error = (exc.lineno or 1, exc.message or str(exc))
            return outline

    def chain(node: Any) -> NameChain | None:
        steps: list[tuple[str, str, int]] = []
        while True:
            if isinstance(node, nodes.Name):
                return NameChain(node.name, node.lineno, tuple(reversed(steps)))
            if isinstance(node, nodes.Getattr):
                steps.append(("attr", node.attr, node.lineno))
            elif isinstance(node, nodes.Getitem):
                if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                    steps.append(("attr", node.arg.value, node.lineno))
                else:
                    steps.append(("item", "", node.lineno))
            elif isinstance(node, nodes.Call):
                steps.append(("call", "", node.lineno))
            else:
                return None
            node = node.node

    def targets(node: Any) -> tuple[str, ...]:
        return tuple(n.name for n in node.find_all(nodes.Name)) if not isinstance(node, nodes.Name) else (node.name,)

    def expression(node: Any) -> None:
        """Record every chain in an expression, then look inside its arguments."""
        if isinstance(node, nodes.Filter) and node.name not in env.filters:
            outline.unknown_filters.append((node.lineno, "filter", node.name))
        elif isinstance(node, nodes.Test) and node.name not in env.tests:
            outline.unknown_filters.append((node.lineno, "test", node.name))
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem, nodes.Call)):
            found = chain(node)
            if found is not None and not (isinstance(node, nodes.Name) and node.ctx != "load"):
                outline.events.append(found)
            base = node
            while isinstance(base, (nodes.Getattr, nodes.Getitem, nodes.Call)):
                if isinstance(base, nodes.Call):
                    for arg in [*base.args, *(k.value for k in base.kwargs), base.dyn_args, base.dyn_kwargs]:
                        if arg is not None:
                            expression(arg)
                elif isinstance(base, nodes.Getitem) and not isinstance(base.arg, nodes.Const):
                    expression(base.arg)
                base = base.node
            if found is None:
                expression(base)
            return
        for child in node.iter_child_nodes():
            expression(child)

    def statements(body: list[Any]) -> None:
        for node in body:
            statement(node)

    def statement(node: Any) -> None:
        if isinstance(node, nodes.For):
            expression(node.iter)
            names = targets(node.target)
            source = chain(node.iter) if len(names) == 1 else None
            outline.events.append(NameBinding(names, node.lineno, source, iterate=True))
            if node.test is not None:
                expression(node.test)
            outline.events.append(NameBinding(("loop",), node.lineno))
            statements(node.body)
            outline.events.append(ScopeEnd(("loop",)))
            outline.events.append(ScopeEnd(names))
            statements(node.else_)
        elif isinstance(node, nodes.Assign):
            expression(node.node)
            if isinstance(node.target, nodes.NSRef):
                return
            names = targets(node.target)
            source = chain(node.node) if len(names) == 1 else None
            outline.events.append(NameBinding(names, node.lineno, source))
        elif isinstance(node, nodes.AssignBlock):
            statements(node.body)
            if not isinstance(node.target, nodes.NSRef):
                outline.events.append(NameBinding(targets(node.target), node.lineno))
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            for default in node.defaults:
                expression(default)
            if isinstance(node, nodes.CallBlock):
                expression(node.call)
            names = tuple(a.name for a in node.args) + ("caller", "varargs", "kwargs")
            outline.events.append(NameBinding(names, node.lineno))
            statements(node.body)
            outline.events.append(ScopeEnd(names))
            if isinstance(node, nodes.Macro):
                outline.events.append(NameBinding((node.name,), node.lineno))
        elif isinstance(node, nodes.With):
            for value in node.values:
                expression(value)
            names = tuple(n for t in node.targets for n in targets(t))
            for target, value in zip(node.targets, node.values):
                if isinstance(target, nodes.Name):
                    outline.events.append(NameBinding((target.name,), node.lineno, chain(value)))
            statements(node.body)
            outline.events.append(ScopeEnd(names))
        elif isinstance(node, (nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)):
            if isinstance(node.template, nodes.Const) and isinstance(node.template.value, str):
                outline.includes.append((node.lineno, node.template.value))
            else:
                expression(node.template)
            if isinstance(node, nodes.Import):
                outline.events.append(NameBinding((node.target,), node.lineno))
            elif isinstance(node, nodes.FromImport):
                names = tuple(n if isinstance(n, str) else n[1] for n in node.names)
                outline.events.append(NameBinding(names, node.lineno))
        elif isinstance(node, nodes.Stmt) or isinstance(node, nodes.Template):
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Stmt):
                    statement(child)
                else:
                    expression(child)
        else:
            expression(node)

    statement(tree)
    return outline
