"""The preview `serve` runs: the site, rebuilt when a file changes, or, while a mistake stops the build,
a page listing every problem, which turns back into the site once they are fixed.

MkDocs' own server answers a page only after a build has succeeded: while a mistake stops the build,
every request waits for a build that never comes ("The server will appear stuck until build errors are
resolved"), so an officer's browser kept loading for as long as the mistake stood. Here a build that
fails still ends: the server then answers every page with the page of problems, which carries MkDocs'
live-reload script like any other page, so an open browser shows the problems as soon as the build
stops and reloads to the site as soon as the next one succeeds.

This leans only on what MkDocs' server offers plugins and its own `serve` (mkdocs/commands/serve.py):
its constructor, `serve_request` (the WSGI application it is made with), `mount_path`, `url`,
`watch`, `serve`, `shutdown` and `error_handler`. tests/test_serve.py and tests/browser/test_preview.py
run it as an officer does.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.livereload import LiveReloadServer

from plugins.content import messages
from plugins.content.problems import ContentError, Problem
from plugins.publishing.config import CONFIG_FILE, PLUGIN, read_config
from plugins.publishing.failures import BuildFailed, Refused
from plugins.safety.sandbox import template_problem

log = logging.getLogger("mkdocs.strategy_site.preview")

# The page of problems, in the served folder. MkDocs never copies a file whose name starts with a dot
# into a site, nor deletes one when it cleans the folder, so no page of the site can have this name.
PROBLEMS_PAGE = ".preview-problems.html"
# How much of a file is read to quote the line a problem is on: content files are refused above 1 MB.
_MOST_READ = 2**20
# How much of a long line is quoted either side of the place marked.
_AROUND = 120
# The problems a page shows: the first few hundred are a morning's work, and a page of thousands, each
# with its line, is megabytes that the browser and the server both labour over.
MOST_SHOWN = 200
# What the page may quote a line of when the loader gives no content folder or theme: the content, the
# site's settings, the theme and the docs. Nothing else in the project (its .git folder, say) is the
# officer's to read on a page anyone on the network could be shown.
QUOTED_FROM = ("content", "mkdocs.yml", "templates", "docs")
_LOCATED = r"^(?P<file>[^:\n]+):(?P<line>[0-9]+):(?P<column>[0-9]+): (?P<message>.*)$"

_STYLE = """
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5; }
body { color: #0b0c0c; background: #ffffff; }
body { margin: 0; }
main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 0 0 0.25rem; overflow-wrap: anywhere; }
ol { padding-left: 1.5rem; }
li { margin: 0 0 1.5rem; padding-left: 0.25rem; border-left: 5px solid #b10e1e; padding: 0.25rem 0 0.25rem 0.75rem; }
p { margin: 0 0 0.5rem; white-space: pre-line; overflow-wrap: anywhere; }
pre { margin: 0; padding: 0.5rem; background: #f3f2f1; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1rem; }
code, pre { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
mark { background: #ffdd00; color: #0b0c0c; outline: 2px solid #0b0c0c; }
.label { font-size: 0.9rem; color: #484949; margin: 0.5rem 0 0.25rem; }
"""

# The page loads nothing: no script, style, font or picture from anywhere, only the live-reload script
# the server adds at its end and the one address that script asks when to reload. That script is
# written anew for every request (it carries the time), so it cannot be allowed by its hash: inline
# scripts are allowed, and what an officer's files say is escaped (tests/browser/test_preview.py
# shows a hostile line as text).
_POLICY = "; ".join(
    [
        "default-src 'none'",
        "style-src 'sha256-" + base64.b64encode(hashlib.sha256(_STYLE.encode("utf-8")).digest()).decode() + "'",
        "script-src 'unsafe-inline'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)

_TEMPLATE = """<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ policy }}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{ heading }}</title>
<style>{{ style }}</style>
</head>
<body>
<main>
<h1>{{ heading }}</h1>
<p>{{ advice }}</p>
<ol>
{%- for shown in problems %}
<li>
{%- if shown.where %}
<h2><code>{{ shown.where }}</code></h2>
{%- else %}
<h2>{{ stopped }}</h2>
{%- endif %}
<p>{{ shown.message }}</p>
{%- if shown.quoted is not none %}
<p class="label">{{ shown.label }}</p>
<pre><code>{{ shown.quoted[0] }}<mark>{{ shown.quoted[1] }}</mark>{{ shown.quoted[2] }}</code></pre>
{%- endif %}
</li>
{%- endfor %}
</ol>
{%- if more %}
<p>{{ more }}</p>
{%- endif %}
</main>
</body>
</html>
"""


@dataclass(frozen=True)
class Shown:
    """One problem as the page shows it: where (file:line:column, or nothing for a problem without a
    place), what is wrong, and the line it is on, cut at the place: before it, at it, after it."""

    where: str
    message: str
    label: str
    quoted: tuple[str, str, str] | None


def problems_page(problems: list[Problem], root: Path, *, quoted_from: Iterable[str] = QUOTED_FROM) -> str:
    """The page `serve` answers with while these problems stop the build: each at its file, line and
    column, with its message and, for a file in one of the places quoted_from (paths in the project),
    the line of the file it is on."""
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = environment.from_string(_TEMPLATE)
    # Each file is read once for the page, however many problems it has.
    lines: dict[str, tuple[list[str], bool] | None] = {}
    places = _quotable_places(root, quoted_from)
    shown = problems[:MOST_SHOWN]
    return template.render(
        policy=_POLICY,
        style=Markup(_STYLE),
        heading=messages.preview_waiting(len(problems)),
        advice=messages.PREVIEW_ADVICE,
        stopped=messages.PREVIEW_BUILD_STOPPED,
        problems=[_shown(problem, root, places, lines) for problem in shown],
        more=messages.preview_more(len(problems) - len(shown)) if len(problems) > len(shown) else "",
    )


def _quotable_places(root: Path, quoted_from: Iterable[str]) -> list[Path]:
    try:
        return [(root / place).resolve() for place in quoted_from]
    except (OSError, RuntimeError, ValueError):
        return []


def _shown(problem: Problem, root: Path, places: list[Path], cache: dict[str, tuple[list[str], bool] | None]) -> Shown:
    if not problem.file:
        # A message can run over lines (a template's error, say): each is shown, with anything unseen escaped.
        return Shown("", "\n".join(messages.escaped(part) for part in problem.message.split("\n")), "", None)
    where = f"{problem.file}:{problem.line}:{problem.column}"
    message = f"{problem.path}: {problem.message}" if problem.path else problem.message
    if problem.file not in cache:
        cache[problem.file] = _file_lines(root, problem.file, places)
    line = _line_of(cache[problem.file], problem.line)
    if line is None:
        return Shown(messages.escaped(where), messages.escaped(message), "", None)
    at = max(problem.column - 1, 0)
    before, marked, after = line[:at], line[at : at + 1], line[at + 1 :]
    # A minified line can be thousands of characters: the place and what is round it are enough.
    before = "…" + before[-_AROUND:] if len(before) > _AROUND else before
    after = after[:_AROUND] + "…" if len(after) > _AROUND else after
    # Every invisible character is shown as an escape (\\t, \\u200b): often it is the very mistake.
    quoted = (messages.escaped(before), messages.escaped(marked) or " ", messages.escaped(after))
    return Shown(messages.escaped(where), messages.escaped(message), messages.preview_line(problem.line), quoted)


def source_line(root: Path, file: str, line: int, *, quoted_from: Iterable[str] = QUOTED_FROM) -> str | None:
    """The line of a file in one of the places quoted_from, as it is now, or None: a file elsewhere, a
    hidden one, a link out of those places, a picture, or a line the file no longer has. Only a line
    break ends a line, as the loader counts them (see plugins/content/yamlsource.py)."""
    return _line_of(_file_lines(root, file, _quotable_places(root, quoted_from)), line)


def _line_of(read: tuple[list[str], bool] | None, line: int) -> str | None:
    if read is None:
        return None
    lines, cut = read
    if line < 1 or line > len(lines) or (line == len(lines) and cut):
        return None  # past the end, or cut where the reading stopped
    return lines[line - 1].removesuffix("\r")


def _file_lines(root: Path, file: str, places: list[Path]) -> tuple[list[str], bool] | None:
    """The lines of a file that may be quoted, and whether the last was cut where the reading stopped."""
    try:
        project = root.resolve()
        path = (root / file).resolve()
        if not path.is_relative_to(project) or not path.is_file():
            return None
        # A hidden file or folder (.git, .env) is never quoted, whatever place holds it.
        if any(part.startswith(".") for part in path.relative_to(project).parts):
            return None
        if not any(path == place or path.is_relative_to(place) for place in places):
            return None
        with path.open("rb") as opened:
            data = opened.read(_MOST_READ)
    except (OSError, RuntimeError, ValueError):
        return None
    if b"\0" in data:
        return None  # not text: a PNG picture, say
    return data.decode("utf-8", errors="replace").split("\n"), len(data) == _MOST_READ


def problems_of(error: BaseException, logged: list[str], root: Path | None = None) -> list[Problem]:
    """What stopped a build, as problems: the content's, each at its place, when the content stopped it;
    otherwise every error logged while building and the error itself, each line of the form
    file:line:column: message at its place, and the rest as said."""
    content = _content_error(error)
    if content is not None:
        return list(content.problems)
    texts = list(logged)
    # MkDocs logs a build error, then raises Abort("Aborted with a BuildError!") in its place.
    if not isinstance(error, Abort) or not texts:
        texts.append(said(error, root))
    problems: list[Problem] = []
    for text in texts:
        unplaced = []
        for text_line in text.strip().splitlines():
            match = re.match(_LOCATED, text_line)
            if match:
                problems.append(Problem(match["file"], int(match["line"]), int(match["column"]), "", match["message"]))
            elif text_line.strip():
                unplaced.append(text_line)
        if unplaced:
            problems.append(Problem("", 0, 0, "", "\n".join(unplaced)))
    # MkDocs can log an error and raise it again; an error that says nothing is still named.
    return list(dict.fromkeys(problems)) or [Problem("", 0, 0, "", said(error, root))]


def _content_error(error: BaseException) -> ContentError | None:
    """The content's problems behind a failed build: the plugin raises MkDocs' PluginError while
    handling the loader's ContentError, and MkDocs raises Abort while handling that, so each holds
    the one before as its context."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, ContentError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def said(error: BaseException, root: Path | None = None) -> str:
    """What an error says, as the person serving the site reads it (root: the project, which a template's
    place is told from)."""
    if isinstance(error, BuildFailed | MkDocsException) and str(error).strip():
        return str(error).strip()
    problem = template_problem(error, root or Path.cwd())
    if problem is not None:
        return f"A template could not be used: {problem}"
    return messages.preview_unexpected(type(error).__name__, str(error).strip() or repr(error))


class _Logged(logging.Handler):
    """The messages MkDocs and the plugin log while one build runs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.getMessage()))

    def said(self, *, warnings: bool) -> list[str]:
        # A strict build stops on warnings ("Aborted with 2 warnings in strict mode!"), which are then its problems.
        least = logging.WARNING if warnings else logging.ERROR
        return [message for level, message in self.records if level >= least]


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, answering every page with the page of problems while the last build failed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.broken = False
        # Held while a build runs: a page asked for meanwhile is answered after it, by what it made.
        self.building = threading.Lock()

    def serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if not str(environ.get("PATH_INFO", "")).startswith("/livereload/"):
            with self.building:
                broken = self.broken
            if broken:
                environ = {**environ, "PATH_INFO": self.mount_path + PROBLEMS_PAGE}
        return super().serve_request(environ, start_response)


class Preview:
    """Builds the site into the served folder; when a build fails, writes the page of problems instead
    and says so where serve is running. A build never raises, so the server never waits on it."""

    def __init__(self, root: Path, dev_addr: str, site_dir: Path, server: PreviewServer) -> None:
        self.root, self.dev_addr, self.site_dir, self.server = root, dev_addr, site_dir, server

    def config(self) -> Any:
        config = read_config(self.root, site_dir=str(self.site_dir), dev_addr=self.dev_addr)
        config.site_url = self.server.url
        return config

    def build(self, config: Any = None) -> None:
        with self.server.building:
            log.info("Building documentation...")
            logged = _Logged()
            logger = logging.getLogger("mkdocs")
            logger.addHandler(logged)
            try:
                # mkdocs.yml is read again, safely and checked, for every build after the first.
                config = config if config is not None else self.config()
                mkdocs_build(config, serve_url=self.server.url)
            except Exception as error:  # whatever stopped it, the preview says so rather than wait
                logger.removeHandler(logged)
                self.failed(error, logged.said(warnings=bool(config is not None and config.strict)), config)
            else:
                logger.removeHandler(logged)
                self.server.broken = False
                (self.site_dir / PROBLEMS_PAGE).unlink(missing_ok=True)

    def failed(self, error: Exception, logged: list[str], config: Any = None) -> None:
        problems = problems_of(error, logged, self.root)
        # A line is quoted only for the loader's problems, each found in a file it read; anything else
        # is text an error said, which a value in mkdocs.yml can make name any file: only mkdocs.yml
        # itself, whose errors those mostly are, is quoted then.
        quoted_from = _quoted_from(self.root, config) if _content_error(error) is not None else (CONFIG_FILE,)
        if not isinstance(error, Abort):  # MkDocs has not said it: mkdocs.yml refused, a template, a fault
            known = isinstance(error, BuildFailed | MkDocsException) or template_problem(error, self.root) is not None
            log.error(said(error, self.root), exc_info=None if known else error)
        self.site_dir.mkdir(parents=True, exist_ok=True)
        (self.site_dir / PROBLEMS_PAGE).write_text(problems_page(problems, self.root, quoted_from=quoted_from), encoding="utf-8")
        self.server.broken = True
        log.info(messages.preview_showing(len(problems), self.server.url))


def _quoted_from(root: Path, config: Any) -> tuple[str, ...]:
    """The places whose lines the page may quote: the content folder and the theme folder that
    mkdocs.yml names, with mkdocs.yml and docs; the usual names when mkdocs.yml could not be read."""
    if config is None:
        return QUOTED_FROM
    places = [CONFIG_FILE, "docs"]
    try:
        places.append(str(config.plugins[PLUGIN].config.content_dir))
    except (KeyError, AttributeError):
        places.append("content")
    custom_dir = getattr(config.theme, "custom_dir", None)
    project = root.resolve()
    theme = Path(custom_dir).resolve() if custom_dir else None
    places.append(str(theme.relative_to(project)) if theme is not None and theme.is_relative_to(project) else "templates")
    return tuple(places)


def serve(root: Path, dev_addr: str) -> None:
    """Serve the site on dev_addr, rebuilding it when a watched file changes, until interrupted.

    As MkDocs' `serve` does, but a build that fails is shown in the browser, the first one too:
    an officer who starts the preview with a mistake in the content sees the mistake, not a refusal.
    mkdocs.yml must be usable to start (Refused otherwise), since it says what to serve and watch.
    """
    site_dir = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    try:
        config = read_config(root, site_dir=str(site_dir), dev_addr=dev_addr)
        config.plugins.on_startup(command="serve", dirty=False)
        try:
            _serve(root, dev_addr, site_dir, config)
        finally:
            config.plugins.on_shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def _serve(root: Path, dev_addr: str, site_dir: Path, config: Any) -> None:
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    preview: Preview | None = None

    def builder() -> None:
        assert preview is not None
        preview.build()

    server = PreviewServer(builder=builder, host=host, port=port, root=str(site_dir), mount_path=mount_path)
    server.error_handler = lambda code: _not_found(site_dir) if code == 404 else None
    preview = Preview(root, dev_addr, site_dir, server)
    config.site_url = server.url
    preview.build(config)
    # What MkDocs' serve watches (the docs folder and mkdocs.yml), then what the plugin asks for.
    server.watch(config.docs_dir)
    server.watch(config.config_file_path)
    server = config.plugins.on_serve(server, config=config, builder=builder)
    for item in config.watch:
        server.watch(item)
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    except OSError as error:  # another preview already on that port, say
        raise Refused(messages.preview_cannot_listen(dev_addr, error.strerror or str(error))) from None
    finally:
        server.shutdown()


def _not_found(site_dir: Path) -> bytes | None:
    page = site_dir / "404.html"
    return page.read_bytes() if page.is_file() else None
