"""Parsing a template for `fc validate` without running it: the names it reads, what it includes.

The linter (:mod:`fc_cli.templating.lint`) checks the outline against the data model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .sandbox import make_environment


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
    """The rendering environment without a loader: its bounds also stop Jinja's compile-time
    constant folding from computing `{{ 'x' * 10**9 }}` while the linter only parses."""
    global _LINT_ENV
    if _LINT_ENV is None:
        _LINT_ENV = make_environment()
    return _LINT_ENV


def template_global_names() -> set[str]:
    """Names every template can use besides the data: Jinja's globals, fc's helpers and `self`
    (the template itself, `self.blockname()`)."""
    return set(_lint_environment().globals) | {"self"}


def _too_deep(
    outline: TemplateOutline, exc: RecursionError | SyntaxError, source: str, filename: str
) -> TemplateOutline:
    from .errors import nesting_problem

    problem = nesting_problem(exc, filename, source)
    if problem is None:
        raise exc
    outline.syntax_error = (problem[1], problem[2])
    return outline


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
    except RecursionError as exc:  # nested too deep: said as render says it
        return _too_deep(outline, exc, source, filename)
    try:
        env.compile(tree, name=filename, filename=filename)
    except TemplateSyntaxError as exc:  # unknown filters and tests are listed below, all of them
        if not re.match(r"No (filter|test) named", exc.message or ""):
            outline.syntax_error = (exc.lineno or 1, exc.message or str(exc))
            return outline
    except (RecursionError, SyntaxError) as exc:  # SyntaxError: Python cannot compile blocks nested so deep
        return _too_deep(outline, exc, source, filename)

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
            base: Any = node
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
            if isinstance(node, nodes.Macro):  # bound before its body: a macro may call itself
                outline.events.append(NameBinding((node.name,), node.lineno))
            names = tuple(a.name for a in node.args) + ("caller", "varargs", "kwargs")
            outline.events.append(NameBinding(names, node.lineno))
            statements(node.body)
            outline.events.append(ScopeEnd(names))
        elif isinstance(node, nodes.With):
            for value in node.values:
                expression(value)
            names = tuple(n for t in node.targets for n in targets(t))
            for target, value in zip(node.targets, node.values, strict=True):
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
