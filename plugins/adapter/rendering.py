"""Building the generated pages on every core, to exactly the HTML MkDocs would make alone.

MkDocs builds one page at a time, twice over: it converts every page's Markdown, then
puts every page into the theme's template. Both are shared out here. Just before each
of the two passes, the generated pages are divided: MkDocs keeps the first share and
does it as usual, while worker processes, forked from the build so that they see the
same configuration, files and navigation, do the others with MkDocs' own code. When
MkDocs reaches a worker's page, it takes the worker's result instead of doing the work
again, and anything the worker logged for that page is logged at that moment, as it
would have been (so a warning still fails a strict build).

Nothing is shared out when it could change the result: when another plugin handles
the page events involved, when the build runs beside other threads (as `serve` does,
and forking a threaded process is unsafe), where processes cannot be forked safely
(Windows, macOS), or with one core. A page whose Markdown changed after it was shared out, or that failed in its
worker, is done by MkDocs as usual, so any error comes from MkDocs in its own words.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from types import MethodType
from typing import Any, TypeVar

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

log = logging.getLogger("mkdocs.plugins.adapter.rendering")

# Below this many pages per worker, starting the workers costs more than it saves.
MIN_PAGES_PER_WORKER = 20

# The page events that run in a worker: a plugin handling any of them might depend on seeing every
# page in one process, in order.
_PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context")


@dataclass
class Rendered:
    """What MkDocs' Page.render sets on a page, in a form that can travel between processes."""

    markdown: str
    content: str
    toc: TableOfContents
    title_from_render: str | None
    present_anchor_ids: set[str] | None
    # Keyed by the linked file's path: File objects do not survive the trip as themselves.
    links_to_anchors: dict[str, dict[str, str]] | None
    records: list[logging.LogRecord] = field(default_factory=list)


@dataclass
class Built:
    """A page put into its template, as MkDocs would write it (before any post_page event)."""

    html: str
    records: list[logging.LogRecord] = field(default_factory=list)


# What the forked workers work on: a fork copies the building process as it is, so nothing but a
# list of positions needs to be sent to them.
_job: tuple[Any, ...] | None = None


def workers_for(pages: int, config: MkDocsConfig, *, setting: int, own: object) -> int:
    """How many processes to build the pages with: 1 means MkDocs alone, as usual. setting is the
    plugin's render_workers option (0 for one per core); own is the plugin asking."""
    # macOS has fork, but its system libraries are not safe to fork, which is why Python stopped forking there by default.
    can_fork = "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
    if setting == 1 or threading.active_count() > 1 or not can_fork:
        return 1
    for event in _PAGE_EVENTS:
        if any(getattr(method, "__self__", None) is not own for method in config.plugins.events[event]):
            return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(setting or cores, pages // MIN_PAGES_PER_WORKER))


class Workers:
    """Worker processes doing the later shares of the pages while MkDocs does the first."""

    def __init__(self, pool: Any, pending: Any, shared: int) -> None:
        self.pool = pool
        self.pending = pending
        self.shared = shared  # how many pages the workers were given
        self.results: dict[int, Any] | None = None

    def result(self, position: int) -> Any:
        """A page's result, waiting for the workers if need be; None if MkDocs should do the page."""
        if self.results is None:
            try:
                self.results = {position: result for share in self.pending.get() for position, result in share}
            except Exception as error:  # a worker failed as a whole: MkDocs does its pages itself
                log.debug(f"Building pages one at a time: a worker failed ({error!r}).")
                self.results = {}
            self.close()
        return self.results.get(position)

    def close(self) -> None:
        self.pool.terminate()


def _share_out(task: Callable[[list[int]], list[tuple[int, Any]]], count: int, workers: int, job: tuple[Any, ...]) -> Workers | None:
    """Fork workers and give them the later shares of count pages, in MkDocs' order: by the time
    MkDocs has done the first share, the others are ready. None if nothing was shared out."""
    global _job
    if workers < 2 or count < 2:
        return None
    size = -(-count // workers)
    shares = [list(range(start, min(start + size, count))) for start in range(size, count, size)]
    _job = job
    try:
        # Each worker is a copy of the build as it stands.
        pool = multiprocessing.get_context("fork").Pool(len(shares), initializer=_quiet_worker)
    except Exception as error:  # e.g. no processes to be had: MkDocs does every page itself, as usual
        log.debug(f"Building pages one at a time: the workers could not be started ({error!r}).")
        return None
    finally:
        _job = None
    return Workers(pool, pool.map_async(task, shares), sum(map(len, shares)))


def _replay(records: list[logging.LogRecord]) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)


# --- Converting Markdown ---------------------------------------------------------------------------


def prerender(pages: list[Page], config: MkDocsConfig, files: Files, workers: int) -> Workers | None:
    """Convert the later shares of the pages in workers; each takes its result when MkDocs renders it.
    The pages must be in the order MkDocs reads them."""
    shared = _share_out(_render_share, len(pages), workers, (pages, config, files))
    if shared is not None:
        for position in range(len(pages) - shared.shared, len(pages)):
            pages[position].render = MethodType(_taking_render(shared, position), pages[position])  # type: ignore[method-assign]
    return shared


def _render_share(positions: list[int]) -> list[tuple[int, Rendered]]:
    """In a worker: read and render these pages as MkDocs would."""
    assert _job is not None
    pages, config, files = _job

    def render(page: Page) -> Rendered:
        page.read_source(config)
        assert page.markdown is not None
        markdown = page.markdown
        page.render(config, files)
        assert page.content is not None and page.toc is not None
        links = {f.src_uri: anchors for f, anchors in page.links_to_anchors.items()} if page.links_to_anchors is not None else None
        return Rendered(markdown, page.content, page.toc, page._title_from_render, page.present_anchor_ids, links)

    return _each_page(pages, positions, render)


def _taking_render(shared: Workers, position: int) -> Callable[..., None]:
    def render(page: Page, config: MkDocsConfig, files: Files) -> None:
        del page.render  # back to MkDocs' own, should anything render the page again
        rendered: Rendered | None = shared.result(position)
        if rendered is None or page.markdown != rendered.markdown:
            page.render(config, files)
            return
        page.content = rendered.content
        page.toc = rendered.toc
        page._title_from_render = rendered.title_from_render
        page.present_anchor_ids = rendered.present_anchor_ids
        if rendered.links_to_anchors is not None:
            page.links_to_anchors = {
                linked: anchors
                for uri, anchors in rendered.links_to_anchors.items()
                if (linked := files.get_file_from_path(uri)) is not None
            }
        _replay(rendered.records)

    return render


# --- Putting pages into the theme's template -------------------------------------------------------


def prebuild(
    pages: list[Page], config: MkDocsConfig, files: Files, nav: Navigation, env: jinja2.Environment, workers: int
) -> tuple[Any, Workers | None]:
    """Put the later shares of the pages into their templates in workers. Returns the environment
    MkDocs should build with, and the workers: MkDocs' own environment, or one that hands MkDocs a
    worker's page, when it asks for that page's template, as a template that gives the worker's HTML.
    The pages must be in the order MkDocs builds them."""
    shared = _share_out(_build_share, len(pages), workers, (pages, config, files, nav, env))
    if shared is None:
        return env, None
    first = len(pages) - shared.shared
    positions = {id(page): position for position, page in enumerate(pages) if position >= first}
    return _PrebuiltEnvironment(env, config, shared, positions), shared


def _build_share(positions: list[int]) -> list[tuple[int, Built]]:
    """In a worker: what MkDocs' _build_page does to these pages, short of writing them."""
    assert _job is not None
    pages, config, files, nav, env = _job
    doc_files = files.documentation_pages()

    def build(page: Page) -> Built:
        config._current_page = page
        try:
            page.active = True
            context = get_context(nav, doc_files, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            return Built(template.render(context))
        finally:
            page.active = False
            config._current_page = None

    return _each_page(pages, positions, build)


class _PrebuiltEnvironment:
    """MkDocs' template environment, except that the template of a page a worker built gives that
    page's HTML. MkDocs asks for a page's template while building that page, and for nothing else
    in between but the page's own context."""

    def __init__(self, env: jinja2.Environment, config: MkDocsConfig, shared: Workers, positions: dict[int, int]) -> None:
        self._env, self._config, self._shared, self._positions = env, config, shared, positions

    def __getattr__(self, name: str) -> Any:
        return getattr(self._env, name)

    def get_template(self, name: Any, *args: Any, **kwargs: Any) -> Any:
        template = self._env.get_template(name, *args, **kwargs)
        page = self._config._current_page
        position = self._positions.pop(id(page), None) if page is not None else None
        built: Built | None = self._shared.result(position) if position is not None else None
        return _Built(built, template) if built is not None else template


class _Built:
    def __init__(self, built: Built, template: jinja2.Template) -> None:
        self.built, self.template = built, template

    def render(self, *args: Any, **kwargs: Any) -> str:
        _replay(self.built.records)
        return self.built.html

    def __getattr__(self, name: str) -> Any:
        return getattr(self.template, name)


# --- In the workers -------------------------------------------------------------------------------


_Result = TypeVar("_Result", Rendered, Built)


def _each_page(pages: list[Page], positions: list[int], work: Callable[[Page], _Result]) -> list[tuple[int, _Result]]:
    """Do the work on each page, keeping with its result what MkDocs logged meanwhile. A page the work
    fails on is left out: MkDocs will do it itself and report the error in its own words."""
    caught = _Catch()
    logging.getLogger("mkdocs").handlers = [caught]  # kept for the page they concern, not printed
    done = []
    for position in positions:
        caught.records = []
        try:
            result = work(pages[position])
        except Exception:
            continue
        result.records = caught.records
        done.append((position, result))
    return done


def _quiet_worker() -> None:
    """A worker is stopped when the build no longer needs it, or by Ctrl-C reaching the build: it
    ends there and then, rather than in the build's own handlers, with a traceback of its own."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Catch(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # Arguments and tracebacks may not travel between processes; the finished message does.
        record.msg, record.args, record.exc_info, record.exc_text = self.format(record), None, None, None
        self.records.append(record)
