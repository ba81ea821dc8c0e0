"""What a council's templates may do: render without reaching Python.

A council's `templates/` folder is untrusted input like its content (a pull request can change it),
and MkDocs renders it with Jinja in a build that holds CI's secrets. So every template, the theme's
pages and the page and booklet templates alike, is rendered in Jinja's sandbox, where
`{{ ''.__class__.__mro__ }}` and the like raise an error instead of reaching Python. What the pages
those templates make may load is plugins/safety/page_policy.py's business.
"""

from __future__ import annotations

import builtins
import functools
import sysconfig
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from jinja2.runtime import BlockReference, LoopContext, Macro
from jinja2.sandbox import SandboxedEnvironment, modifies_known_mutable, safe_range
from jinja2.utils import Cycler, Joiner, Namespace
from markupsafe import Markup
from mkdocs.plugins import BasePlugin

# What Jinja's sandbox refuses by type (jinja2.sandbox.is_internal_attribute), refused here by name on
# any object, which is stricter and, at a council's scale, a fifth of the time: the theme's templates
# read attributes some 900,000 times in a build of 2,000 pages.
_UNSAFE_NAMES = frozenset(
    {"mro", "gi_frame", "gi_code", "gi_yieldfrom", "cr_frame", "cr_code", "cr_await", "ag_code", "ag_frame", "ag_await"}
    | {"f_back", "f_builtins", "f_code", "f_globals", "f_locals", "f_trace", "tb_frame", "tb_next", "co_code", "func_globals"}
)
_INTERNAL_TYPES = frozenset({types.CodeType, types.TracebackType, types.FrameType})


# What a template may call, beyond the functions and macros it is given: reading a mapping, the methods
# of plain values (text, numbers, lists), and Jinja's own helpers. Everything else is refused, because
# the objects MkDocs hands templates have methods that leave the sandbox: config.theme.get_env() returns
# an environment without one, File.generated and a model's parse_file read any file.
_MAPPING_READERS = frozenset({"get", "items", "keys", "values"})
_VALUE_TYPES = (str, bytes, int, float, list, tuple, dict, set, frozenset, Markup)
_JINJA_HELPERS = (LoopContext, Cycler, Joiner, Namespace)
_CLASSES = frozenset({dict, Cycler, Joiner, Namespace})


class Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, checking attributes by name (nothing starting with '_', nothing that reaches a
    frame, code object or generator's internals, no attribute at all of a frame, code or traceback),
    and calls against a short list of what templates need."""

    # While set, told of every attribute and item a template reads, by its object and name: the
    # finished-page cache keeps a page only if its template read nothing its key does not cover (see
    # plugins/adapter/rendering.py). Filters read through these too (attr, map, sort and the like).
    reads: Callable[[Any, Any], None] | None = None

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if self.reads is not None:
            self.reads(obj, attr)
        if attr.startswith("_") or attr in _UNSAFE_NAMES or type(obj) in _INTERNAL_TYPES:
            return False
        # Of a plugin, only its settings (which the theme reads: config.plugins["material/search"].config):
        # what a plugin holds while it builds (the booklets' printing, its workers) is not a template's to call.
        return attr == "config" or not isinstance(obj, BasePlugin)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if self.reads is not None:
            self.reads(obj, argument)
        return super().getitem(obj, argument)

    def is_safe_callable(self, obj: Any) -> bool:
        if not super().is_safe_callable(obj):
            return False
        if isinstance(obj, (types.FunctionType, functools.partial, Macro, BlockReference)):
            return True  # the functions and filters the build gives templates, and templates' own macros
        if isinstance(obj, type):
            return obj in _CLASSES
        if isinstance(obj, (types.BuiltinFunctionType, types.BuiltinMethodType, types.MethodWrapperType)):
            owner = getattr(obj, "__self__", None)
            return isinstance(owner, _VALUE_TYPES) or owner is builtins
        if isinstance(obj, types.MethodType):
            owner = obj.__self__
            return isinstance(owner, _JINJA_HELPERS) or (obj.__name__ in _MAPPING_READERS and isinstance(owner, Mapping))
        return False


class ReadOnlySandbox(Sandbox):
    """The sandbox for the theme's templates and the pages' Markdown templates, which also refuses what
    changes a list, dict or set (append, update and the like), as Jinja's ImmutableSandboxedEnvironment
    does. These templates show pages and change nothing: a template that changed what another page's
    template shows would make that page depend on the order pages are made in, on which process made it,
    and on whether the page before it was made afresh or reused from a page cache. (A list a template
    builds is built whole: `(["a"] if x else []) + ["b"]`. The booklets' templates, each making one
    document of its own, stay in the Sandbox.)"""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return super().is_safe_attribute(obj, attr, value) and not modifies_known_mutable(obj, attr)


def template_fault(error: BaseException, root: Path) -> str | None:
    """What a template did wrong, as the build stops with it, if a template raised error rather than this
    project's code: "templates/main.html, line 17: ZeroDivisionError: integer division or modulo by zero".
    A council's template can do more than Jinja's own errors tell of (divide by zero, add text to a number),
    and that is bad input like any other, told in a line rather than a traceback.

    Jinja rewrites a traceback so that each of a template's frames names the template's file and line. The
    error is a template's only if nothing but Jinja's own code (its sandbox as this module extends it, and
    the standard library its filters call, included) ran after the innermost of them: an error in
    a filter, a function or a property a template calls is a fault of that code, and keeps its traceback.
    The place named is the innermost template of the project's own (where a council's template passed a
    theme's partial what it could not use, say), and the theme's where it was raised, if that is elsewhere."""
    frames: list[tuple[str, int] | None] = []  # each frame: a template's file and line, or None for Jinja's own code
    tb = error.__traceback__
    while tb is not None:
        code_file = tb.tb_frame.f_code.co_filename
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            frames.append((code_file, tb.tb_lineno))
        elif code_file == _SANDBOX or _jinjas_own(Path(code_file)):
            frames.append(None)
        else:
            frames = []  # code of another kind: only what follows it can be a template's doing
        tb = tb.tb_next
    places = [frame for frame in frames if frame is not None]
    if not places:
        return None

    def shown(place: tuple[str, int]) -> str:
        path = Path(place[0])
        name = path.relative_to(root).as_posix() if path.is_absolute() and path.is_relative_to(root) else place[0]
        return f"{name}, line {place[1]}"

    own = [place for place in places if Path(place[0]).is_absolute() and Path(place[0]).is_relative_to(root)]
    where = own[-1] if own else places[-1]
    raised = "" if where == places[-1] else f" (in {shown(places[-1])})"
    return f"{shown(where)}: {type(error).__name__}: {error}{raised}"


def template_problem(error: BaseException, root: Path) -> str | None:
    """What a template did wrong, as the build stops with it (after "A template could not be used: "), or
    None if error is not a template's doing, which keeps its traceback: a mistake in a template's syntax
    at its file and line; anything else a template did (failed as it rendered, or did what the sandbox
    refuses) at the place template_fault finds, or in Jinja's words alone where it finds none."""
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename and error.lineno:
        return f"{error.filename}, line {error.lineno}: {error}"
    fault = template_fault(error, root)
    if fault is None and isinstance(error, jinja2.TemplateError):
        return str(error)
    return fault


def _jinjas_own(path: Path) -> bool:
    """Whether code is Jinja's, MarkupSafe's, or the standard library's that Jinja's filters call (json, for
    tojson): an error raised there, by a filter given what it cannot take, is the template's. (On some
    machines the installed packages are inside the standard library's folder: they are not its code.)"""
    if path.is_relative_to(_JINJA) or path.is_relative_to(_MARKUPSAFE):
        return True
    return path.is_relative_to(_STDLIB) and not any(path.is_relative_to(folder) for folder in _INSTALLED)


_JINJA = Path(jinja2.__file__).parent
_MARKUPSAFE = Path(markupsafe.__file__).parent
_STDLIB = Path(sysconfig.get_paths()["stdlib"])
_INSTALLED = {Path(sysconfig.get_paths()[name]) for name in ("purelib", "platlib")}
# This module, which Jinja's sandbox calls to decide what a template may do: its refusal is Jinja's own.
_SANDBOX = __file__


def sandboxed(env: jinja2.Environment, *, read_only: bool = False) -> Sandbox:
    """The same environment (loader, filters, tests, globals, settings), rendering in the sandbox: for
    the theme's and the pages' templates, the one that changes nothing (read_only)."""
    kind = ReadOnlySandbox if read_only else Sandbox
    if isinstance(env, kind):
        return env
    safe = kind(
        loader=env.loader,
        extensions=[type(extension) for extension in env.extensions.values()],
        autoescape=env.autoescape,
        undefined=env.undefined,
        finalize=env.finalize,
        trim_blocks=env.trim_blocks,
        lstrip_blocks=env.lstrip_blocks,
        keep_trailing_newline=env.keep_trailing_newline,
        auto_reload=env.auto_reload,
    )
    safe.filters.update(env.filters)
    safe.tests.update(env.tests)
    safe.globals.update(env.globals)
    safe.globals["range"] = safe_range  # the sandbox's own, which refuses a range too large to build
    safe.policies.update(env.policies)
    return safe
