"""Building, serving and exporting the site: what `site_build.py build`, `serve` and `export` do.

A build never writes into the published folder directly. It builds into a
temporary folder beside it and swaps that in only when the whole build has
passed, so a failed or interrupted build leaves the published site as it was.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import errno
import functools
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, NoReturn

try:
    import fcntl
except ImportError:  # Windows: no advisory locks, so a leftover is taken as no longer in use
    fcntl = None  # type: ignore[assignment]

import jinja2

# mkdocs-material prints an end-of-life banner on every build; the plan for it is in the README.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from plugins.publishing.buildday import BadBuildDay, build_day, pinned  # noqa: E402  (after the banner is silenced)
from plugins.safety.config_policy import ConfigRefused, check_config  # noqa: E402

CONFIG_FILE = "mkdocs.yml"

# Written into every folder this tool publishes: only a folder holding it is ever replaced.
MARKER = ".strategy-site"
# The folders a build reads, and git's own: a site written inside one would be read back, or lost.
INPUTS = ("content", "pictures", "templates", "docs", ".git")
# Windows has neither SIGHUP nor signal masks: there the swap is not guarded against a signal.
_STOP_SIGNALS = {getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)}


class BuildFailed(Exception):
    """The build stopped; the message says why, in words for the person who ran it.

    `published` says whether the new site had already replaced the old one when it stopped.
    """

    def __init__(self, message: str, *, published: bool = False) -> None:
        super().__init__(message)
        self.published = published


class Refused(BuildFailed):
    """Refused before anything was written: the folder, the day or mkdocs.yml cannot be used."""


class _Interrupted(BaseException):
    pass


@contextmanager
def _stop_on_signals() -> Iterator[None]:
    """Treat SIGTERM and SIGHUP like Ctrl-C, so that an interrupted build still cleans up after itself."""

    def handler(signum: int, frame: Any) -> None:
        raise _Interrupted()

    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return
    previous = {number: signal.signal(number, handler) for number in _STOP_SIGNALS - {signal.SIGINT}}
    try:
        yield
    finally:
        for number, earlier in previous.items():
            signal.signal(number, earlier)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back SIGTERM, SIGINT and SIGHUP until the block ends, so none lands halfway through it."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


class _ToStderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to sys.stderr as it is when a message comes, not as it was when the handler was made,
    so messages reach whoever runs the command now (a test that captures them, say)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def _quiet_mkdocs_logging() -> None:
    """Show MkDocs' warnings and errors, not its chatter, in the same plain form as our messages."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_strategy_site", False) for h in logger.handlers):
        handler = _ToStderr()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler._strategy_site = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


# --- mkdocs.yml ---------------------------------------------------------------------------------


def _safe_yaml_loader(config: Any = None) -> Any:
    """MkDocs' loader for mkdocs.yml (with its !ENV and !relative tags) on PyYAML's safe loader.

    MkDocs itself reads mkdocs.yml with PyYAML's full Loader, which makes whatever Python object a
    `!!python/...` tag names, and runs code while doing so. This project's configuration never needs
    one, so no read of mkdocs.yml in this process may make one (see _use_safe_yaml_loader).
    """
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    return get_yaml_loader(loader=yaml.SafeLoader, config=config)


def _use_safe_yaml_loader() -> None:
    # MkDocs reads mkdocs.yml again on each rebuild while serving, through this name.
    import mkdocs.config.defaults

    mkdocs.config.defaults.get_yaml_loader = lambda loader=None, config=None: _safe_yaml_loader(config)  # type: ignore[attr-defined]


def _config_problem(error: Exception) -> str:
    """A YAML error in mkdocs.yml as one line: file:line:column: what is wrong."""
    import yaml

    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        problem = error.problem or "this is not valid YAML"
        if isinstance(error, yaml.constructor.ConstructorError) and "could not determine a constructor" in problem:
            tag = (error.problem or "").split("'")[1] if "'" in problem else ""
            shown = "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag
            problem = f"the tag {shown} is not allowed: the build never makes a Python object from its configuration. Remove the tag"
        elif error.context and error.context_mark is not None:
            problem = f"{problem} ({error.context} at line {error.context_mark.line + 1}, column {error.context_mark.column + 1})"
        return f"{CONFIG_FILE}:{mark.line + 1}:{mark.column + 1}: {problem}."
    if isinstance(error, RecursionError):
        return f"{CONFIG_FILE}:1:1: it is nested too deeply to read."
    if isinstance(error, ValueError) and "integer string conversion" in str(error):
        return f"{CONFIG_FILE}:1:1: a number in it has more than {sys.get_int_max_str_digits():,} digits, too many to read."
    return f"{CONFIG_FILE}:1:1: {' '.join(str(error).split())}."


def _option_line(text: str, key: str, message: str) -> tuple[int, int]:
    """Where an option MkDocs refused is set in mkdocs.yml: the deepest option its message names that can be found."""
    import yaml

    names = [key, *re.findall(r"(?:[Oo]ption|Plugin) '([^']+)'", message)]
    try:
        node: Any = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return 1, 1
    found = (1, 1)
    for name in names:
        match = _find_key(node, name)
        if match is None:
            continue
        key_node, node = match
        found = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    return found


def _find_key(node: Any, name: str) -> tuple[Any, Any] | None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == name:
                return key_node, value
        children = [value for _, value in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    else:
        return None
    for child in children:
        match = _find_key(child, name)
        if match is not None:
            return match
    return None


def read_config(root: Path, *, strict: bool = False, **overrides: Any) -> Any:
    """mkdocs.yml, read safely and checked by MkDocs, or Refused with each problem at its line.

    With strict, MkDocs' warnings (an option it does not know, say) are problems too, as they are
    in a strict build.
    """
    import yaml
    from mkdocs.config.defaults import MkDocsConfig

    _use_safe_yaml_loader()
    path = root / CONFIG_FILE
    if not path.is_file():
        raise Refused(f"{CONFIG_FILE} is missing from {root}: the build needs it. Restore it from the repository.")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise Refused(f"{CONFIG_FILE} cannot be read: {getattr(error, 'strerror', None) or error}.") from None
    config = MkDocsConfig(config_file_path=str(path))
    loader = _safe_yaml_loader(config)
    try:
        raw = yaml.load(text, Loader=loader)
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        raise Refused(_config_problem(error)) from None
    if not isinstance(raw, dict):
        raise Refused(f"{CONFIG_FILE}:1:1: it must set options such as site_name, one on each line.")
    try:
        check_config(root, text, raw)
    except ConfigRefused as error:
        raise Refused(str(error)) from None
    config.load_dict(raw)
    # A strict build fails on MkDocs' warnings (a link to no page, say) as well as its errors.
    config.load_dict({"strict": strict, **{k: v for k, v in overrides.items() if v is not None}})
    errors, warnings = config.validate()
    problems = errors + (warnings if strict else [])
    if problems:
        lines = []
        for key, problem in problems:
            line, column = _option_line(text, key, str(problem))
            lines.append(f"{CONFIG_FILE}:{line}:{column}: {key}: {' '.join(str(problem).split())}")
        raise Refused("\n".join(lines))
    log = logging.getLogger("mkdocs")
    for key, warning in warnings:
        log.warning(f"Config value '{key}': {warning}")
    return config


def day_for(root: Path, as_of: str | None) -> dt.date:
    """The day to build for (see build_day), or Refused with where the impossible day was set."""
    try:
        return build_day(root, as_of)
    except BadBuildDay as error:
        raise Refused(str(error)) from None


# --- the published folder -----------------------------------------------------------------------


def output_folder(root: Path, folder: Path, *, option: str, shown: str, suggestion: str) -> Path:
    """The folder to publish into, resolved, or Refused unless it is new, empty, or marked as made by this tool.

    A build replaces its folder whole, so a folder that holds anything else (the project, its
    content, a git repository, someone's files) is refused before anything is read or written.
    """
    target = folder.resolve()
    own = f"Give it a folder of its own, such as {suggestion}."

    def refuse(why: str) -> NoReturn:
        raise Refused(f"{option} {shown}: {why}")

    if target == root:
        refuse(f"that is the project folder itself, and publishing replaces its folder whole. {own}")
    if root.is_relative_to(target):
        refuse(f"that folder holds the project, and publishing replaces its folder whole. {own}")
    for name in INPUTS:
        if target.is_relative_to(root / name):
            refuse(f"that is inside {name}/, which the build reads. {own}")
    existing = next(p for p in (target, *target.parents) if p.exists())
    if existing != target and not existing.is_dir():
        refuse(f"{existing} is a file, so no folder can be made inside it. {own}")
    if existing == target:
        if not target.is_dir():
            refuse(f"that is a file, not a folder. {own}")
        try:
            entries = {entry.name: entry for entry in os.scandir(target)}
        except OSError as error:
            refuse(f"that folder cannot be read: {error.strerror}.")
        if ".git" in entries:
            refuse(f"that folder holds a git repository (.git), which publishing would delete. {own}")
        marker = entries.get(MARKER)
        if entries and not (marker is not None and marker.is_file(follow_symlinks=False)):
            refuse(
                f"that folder holds files this tool did not make (it has no {MARKER} file), and publishing replaces "
                "its folder whole. Choose a new or empty folder, or delete this one first if it is an old copy."
            )
    return target


def _leftover(target: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(target.name)}-(?:building|old)-.+")


def _remove_leftovers(target: Path) -> None:
    """Remove the folders a build or export that was killed left beside the target: only those named
    as this tool names them and carrying its mark, or empty, and never one that is still being written."""
    pattern = _leftover(target)
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        if not pattern.fullmatch(entry.name) or not entry.is_dir(follow_symlinks=False):
            continue
        marker = Path(entry.path) / MARKER
        if marker.is_file() and not marker.is_symlink():
            if not _in_use(marker):
                shutil.rmtree(entry.path, ignore_errors=True)
        else:
            with suppress(OSError):  # an empty folder, killed before its mark was written; rmdir leaves any other
                os.rmdir(entry.path)


def _in_use(marker: Path) -> bool:
    """Whether another build is still writing the folder this mark is in (it holds a lock on the mark)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(marker, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def _mark(folder: Path, made_by: str) -> int:
    """Mark a folder as this tool's, and hold a lock on the mark while it is being written."""
    marker = folder / MARKER
    marker.write_text(f"Made by `site_build.py {made_by}`. The next {made_by} replaces this folder whole: keep nothing else here.\n")
    os.chmod(marker, 0o644)
    fd = os.open(marker, os.O_RDONLY)
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_SH)
    return fd


def _make_readable(folder: Path) -> None:
    """Folders 0755 and files 0644, whatever the umask: a web server running as another user reads the
    site after it is copied with its modes (rsync -a), and nothing in it is private or runs."""
    os.chmod(folder, 0o755)
    for parent, folders, files in os.walk(folder):
        for name in folders:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, 0o755)
        for name in files:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644)


RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@functools.cache
def _renameat2() -> Any:
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux's renameat2 with RENAME_EXCHANGE); False where the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # a kernel or file system without it
        return False
    raise OSError(number, os.strerror(number), str(second))


def _swap_in(staging: Path, target: Path) -> Path | None:
    """Put staging in target's place; return where the old folder now is, to be removed."""
    if not os.path.lexists(target):
        staging.rename(target)
        return None
    if _exchange(staging, target):
        return staging
    # Without an exchange (macOS, or a file system that lacks it) it takes two renames; a SIGKILL
    # between them leaves no folder at target until the next build, though the old one is kept.
    old = target.with_name(f".{target.name}-old-{os.getpid()}-{time.time_ns()}")
    target.rename(old)
    staging.rename(target)
    return old


@contextmanager
def _publishing(target: Path, *, shown: str, made_by: str) -> Iterator[Path]:
    """A marked folder beside target to write into, which replaces target in one step if the block succeeds.

    If it fails, or a signal stops it, target is as it was. A SIGKILL cannot be caught: then there
    is still a whole folder at target (the old or the new one), and what is left beside it carries
    the mark, so the next build removes it.
    """
    _remove_leftovers(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
    except OSError as error:
        raise Refused(f"{shown}/ cannot be written: {error.strerror or error}.") from None
    published = False
    lock = None
    old: Path | None = None
    try:
        with _stop_on_signals():
            try:
                lock = _mark(staging, made_by)
                yield staging
                _make_readable(staging)
                with _signals_held():
                    old = _swap_in(staging, target)
                    published = True
            except (KeyboardInterrupt, _Interrupted):
                if published:
                    raise BuildFailed(f"The {made_by} was stopped as it finished: {shown}/ is the new one.", published=True) from None
                raise BuildFailed(f"The {made_by} was interrupted.") from None
            except OSError as error:  # a full disk, a folder that cannot be written: say where
                where = f" ({error.filename})" if error.filename else ""
                raise BuildFailed(f"The {made_by} stopped: {error.strerror or error}{where}.", published=published) from None
    finally:
        if lock is not None:
            os.close(lock)
        # Even when a signal held back during the swap arrives now, the old folder goes.
        if not published:
            shutil.rmtree(staging, ignore_errors=True)
        elif old is not None:
            shutil.rmtree(old, ignore_errors=True)


def build_site(root: Path, site_dir: Path, *, as_of: str | None = None, strict: bool = True, pdfs: bool = True, shown: str = "") -> int:
    """Build the whole site into site_dir, atomically. Returns the number of pages written."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    _quiet_mkdocs_logging()
    shown = shown or str(site_dir)
    target = output_folder(root, site_dir, option="--site-dir", shown=shown, suggestion="site")
    day = day_for(root, as_of)
    with pinned(day), _publishing(target, shown=shown, made_by="build") as staging:
        try:
            config = read_config(root, strict=strict, site_dir=str(staging))
            # A published site carries its printable booklets; a preview does not wait for them.
            config.plugins["strategy/pages"].config.pdf = pdfs
            build(config)
        except MkDocsException as error:
            raise BuildFailed(str(error).strip()) from None
        except jinja2.TemplateError as error:
            # A council's theme template with a mistake, or reaching past Jinja's sandbox.
            raise BuildFailed(f"A template could not be used: {_where(error)}{error}") from None
        return sum(1 for _ in staging.rglob("index.html")) + sum(1 for _ in staging.glob("404.html"))
    raise AssertionError("unreachable")  # pragma: no cover


def _where(error: Exception) -> str:
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    return f"{filename}, line {line}: " if filename and line else ""


def serve_site(root: Path, dev_addr: str, *, as_of: str | None = None) -> None:
    """Serve the site with live reload: a change to content, templates or assets rebuilds and reloads the page."""
    from mkdocs.commands.serve import serve

    _quiet_mkdocs_logging()
    logging.getLogger("mkdocs").handlers[-1].setLevel(logging.INFO)
    # A preview follows today unless told otherwise, so an officer sees this year's actions and
    # which consultations are open; a published build follows its commit (see build_day).
    day = day_for(root, as_of) if as_of else dt.date.today()
    read_config(root)  # refused here with its line, rather than by the server on its first page
    # Calling MkDocs directly sets livereload explicitly: through its command line, click 8.2.2 and
    # later leave the flag off by default, and pages stop reloading (mkdocs/mkdocs#4032).
    with pinned(day):
        serve(config_file=str(root / CONFIG_FILE), dev_addr=dev_addr, livereload=True, open_in_browser=False)


def export_markdown(root: Path, out: Path, *, as_of: str | None = None, shown: str = "") -> int:
    """Write every generated page as Markdown, with a mkdocs.yml that needs no custom plugin.

    This is the way off MkDocs and the strategy plugin: the output builds with plain
    MkDocs and mkdocs-material, and its Markdown is what another engine would read.
    Like a build, it replaces its folder whole and only a folder it may replace (see output_folder).
    """
    import yaml

    from plugins.content import load_library
    from plugins.content.pictures import licence_bytes, published_bytes
    from plugins.pages import StandardEdition
    from plugins.pages.colours import COLOURS_CSS, BadColour, colours_css

    shown = shown or str(out)
    target = output_folder(root, out, option="--out", shown=shown, suggestion="export")
    config = read_config(root)
    if "strategy/pages" not in config.plugins:
        raise BuildFailed(f"{CONFIG_FILE} does not use the strategy/pages plugin, so there are no strategy pages to export.")
    # The strategy plugin's settings, as MkDocs read and checked them.
    settings = config.plugins["strategy/pages"].config
    day = day_for(root, as_of or settings.as_of)
    library = load_library(root, content_dir=settings.content_dir)
    edition = StandardEdition(library, config.theme.get_env(), day)
    specs = edition.build()
    with _publishing(target, shown=shown, made_by="export") as staging:

        def inside(path: Path) -> Path:
            # Every file goes inside the folder being written, whatever a page's address or a picture's name says.
            if not path.resolve().is_relative_to(staging.resolve()):
                raise BuildFailed(f"{path.relative_to(staging)} would be written outside {shown}/; nothing was exported.")
            path.parent.mkdir(parents=True, exist_ok=True)
            return path

        def copy(source: str | Path, target: str | Path) -> None:
            if not Path(source).resolve().is_relative_to(root):
                raise BuildFailed(f"{source} leads outside the project, so it was not exported; nothing was exported.")
            shutil.copyfile(source, inside(Path(target)))

        docs = staging / "docs"
        shutil.copytree(config.docs_dir, docs, copy_function=copy)  # the site's own assets, such as its stylesheet
        for spec in specs:
            inside(docs / spec.uri).write_text(spec.markdown, encoding="utf-8")
        # The Easy Read pictures in use, with each set's licence, where the pages look for them.
        # Their bytes as the site publishes them: each SVG filtered by svg-hush, checked again as it is read.
        for picture in edition.pictures_used.values():
            licence = licence_bytes(picture.set)
            for data, published in ((published_bytes(picture), picture.site_path), (licence, picture.set.site_licence)):
                if data is not None:
                    inside(docs / published).write_bytes(data)
        try:
            colours = colours_css(settings.primary_colour, settings.accent_colour)
        except BadColour as error:
            raise BuildFailed(str(error)) from None
        inside(docs / COLOURS_CSS).write_text(colours, encoding="utf-8")
        overrides = staging / "overrides"
        overrides.mkdir()
        for theme_file in (root / "templates").rglob("*"):
            if theme_file.is_file() and not theme_file.name.endswith(".j2"):
                copy(theme_file, overrides / theme_file.relative_to(root / "templates"))
        # Read as the build read it, with !ENV values filled in, so the copy needs no environment.
        raw = yaml.load((root / CONFIG_FILE).read_text(encoding="utf-8"), Loader=_safe_yaml_loader(config))
        raw["site_name"] = library.site.title
        raw["site_description"] = library.site.description
        raw["docs_dir"] = "docs"
        theme = raw.get("theme")
        raw["theme"] = {**(theme if isinstance(theme, dict) else {"name": theme or "material"}), "custom_dir": "overrides"}
        plugins = raw.get("plugins") or []
        if isinstance(plugins, dict):  # MkDocs also takes plugins as a mapping of name to options
            plugins = [{name: options} if options else name for name, options in plugins.items()]
        raw["plugins"] = [p for p in plugins if not (isinstance(p, dict) and "strategy/pages" in p) and p != "strategy/pages"]
        raw["nav"] = edition.nav(specs)
        raw["extra_css"] = [*raw.get("extra_css", []), COLOURS_CSS]
        raw["not_in_nav"] = "/status/*"
        # The glossary's acronyms, which the plugin gives the abbr extension, go to it in the exported
        # configuration.
        extensions = raw.get("markdown_extensions") or []
        if isinstance(extensions, dict):
            extensions = [{name: options} if options else name for name, options in extensions.items()]
        for i, extension in enumerate(extensions):
            if extension == "abbr" or (isinstance(extension, dict) and "abbr" in extension):
                settings = (extension.get("abbr") if isinstance(extension, dict) else None) or {}
                extensions[i] = {"abbr": {**settings, "glossary": edition.abbreviations(settings.get("glossary"))}}
        raw["markdown_extensions"] = extensions
        (staging / CONFIG_FILE).write_text(
            "# Exported by `site_build.py export`: the standard edition as plain Markdown. Build it with\n"
            "# `mkdocs build`; it needs mkdocs-material but no custom plugin.\n" + yaml.safe_dump(raw, sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )
    return len(specs)
