"""The one Jinja environment: Jinja2's immutable sandbox with fc's bounds, filters and globals.

:func:`make_environment` is used by rendering (with the pack's loader and the compiled-template
cache) and by the linter (to parse and compile without running), so both read a template with the
same settings, filters and globals.
"""

from __future__ import annotations

from typing import Any

from .escape import runtime_finalize
from .helpers import FILTERS, GLOBALS
from .limits import (
    MAX_OUTPUT_CHARS,
    RenderLimit,
    check_argument,
    check_format,
    check_replace,
    check_size,
    checked_items,
    count_loop,
    current_work,
    guard_filter,
    n,
    too_long,
)

_ENVIRONMENT: Any = None
#: (an object's type, an attribute's name) → whether templates may read it (see is_safe_attribute)
_SAFE: dict[tuple[type, str], bool] = {}


def environment_class() -> Any:
    """Jinja2's immutable sandbox, with fc's bounds on work, size and the data models' internals."""
    global _ENVIRONMENT
    if _ENVIRONMENT is not None:
        return _ENVIRONMENT
    from jinja2 import nodes
    from jinja2.compiler import CodeGenerator
    from jinja2.sandbox import ImmutableSandboxedEnvironment
    from pydantic import BaseModel

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
                for loop, original in zip(loops, originals, strict=True):
                    loop.iter = original

        def visit_Concat(self, node: Any, frame: Any) -> None:  # noqa: N802 - `a ~ b`
            self.write("environment.fc_sized(")
            super().visit_Concat(node, frame)
            self.write(")")

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        code_generator_class = BoundedCodeGenerator
        intercepted_binops = frozenset({"+", "*", "**", "%"})

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            # the answer depends on the object's type and the attribute's name only (here and in
            # Jinja's checks, which ask isinstance and look at the name): each pair is asked once
            # per process (a speed path: a document looks up thousands of attributes)
            key = (type(obj), attr)
            known = _SAFE.get(key)
            if known is None:
                known = _SAFE[key] = self._is_safe_attribute(obj, attr, value)
            return known

        def _is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            # the data are pydantic models: their fields and fc's own helpers are open, pydantic's
            # machinery (parse_file, model_validate_json, copy, …) is not
            if isinstance(obj, BaseModel) and hasattr(BaseModel, attr):
                return False
            return bool(super().is_safe_attribute(obj, attr, value))

        def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
            current_work().step()
            owner = getattr(obj, "__self__", None)
            if isinstance(owner, (str, bytes, list, tuple)) and not isinstance(obj, type):
                name = getattr(obj, "__name__", "metoden")
                for value in (*args, *kwargs.values()):
                    check_argument(value, f"'{name}'")
                if name == "replace" and len(args) >= 2:
                    check_replace(owner, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count"))
                elif name == "join" and len(args) == 1 and isinstance(owner, str):
                    args = (checked_items(args[0], owner),)
            return check_size(super().call(context, obj, *args, **kwargs), "resultatet av anropet")

        def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
            current_work().step()
            sequences = (str, list, tuple)
            if operator_ == "*":
                for seq, times in ((left, right), (right, left)):
                    if isinstance(seq, sequences) and isinstance(times, int) and len(seq) * times > MAX_OUTPUT_CHARS:
                        raise too_long(f"'{'…' if len(seq) > 20 else seq}' * {n(times)}")
                if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > 4096:
                    raise RenderLimit("talet blir orimligt stort – kontrollera uttrycket på raden")
            elif operator_ == "**":
                huge = isinstance(left, int) and isinstance(right, int) and abs(left) > 1 \
                    and right * max(left.bit_length(), 1) > 4096
                if huge:
                    raise RenderLimit(f"{left} ** {right} blir ett orimligt stort tal – använd en mindre exponent")
            elif operator_ == "%" and isinstance(left, str):
                check_format(left)
            elif operator_ == "+" and isinstance(left, sequences) and isinstance(right, sequences):
                if len(left) + len(right) > MAX_OUTPUT_CHARS:
                    raise too_long("texten som sätts ihop med +")
            return check_size(super().call_binop(context, operator_, left, right), "resultatet")

        def wrap_str_format(self, value: Any) -> Any:
            wrapped = super().wrap_str_format(value)
            if wrapped is None:
                return None
            check_format(getattr(value, "__self__", None))
            return wrapped

        def fc_sized(self, value: Any) -> Any:
            return check_size(value, "texten som sätts ihop med ~")

    _ENVIRONMENT = BoundedSandbox
    return _ENVIRONMENT


def make_environment(loader: Any = None, bytecode_cache: Any = None) -> Any:
    """A sandboxed environment with fc's settings, filters and globals: the one way to make one.

    Rendering passes the pack's loader and the compiled-template cache; the linter passes neither
    (it parses and compiles only). Undefined names are errors; every printed value is escaped;
    every filter counts as a step and is bounded like the rest of the sandbox (so that even Jinja's
    constant folding, which runs filters while compiling, cannot build `'x'|center(10**9)`).
    """
    from jinja2 import StrictUndefined

    env = environment_class()(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=True,
        finalize=runtime_finalize(),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=bytecode_cache,
    )
    env.filters.update(FILTERS)
    env.filters = {name: guard_filter(name, f) for name, f in env.filters.items()}
    env.filters["fc_count"] = count_loop  # what the sandbox compiles every loop with
    env.globals.update(GLOBALS)
    return env
