"""Converting the generated pages' Markdown on every core, to exactly the HTML MkDocs would make.

Converting Markdown is the largest part of a build, and MkDocs does it one page at a
time. Before MkDocs reads the pages, the generated ones are shared out among worker
processes, forked from the build so that they see the same configuration and files.
Each worker runs MkDocs' own `Page.read_source` and `Page.render` and sends back what
rendering sets on a page, with anything it logged. When MkDocs then renders the page
itself, the page takes the worker's result, and its messages are logged at that moment,
as they would have been (a warning still fails a strict build).

Nothing is shared out when it could change the result: when another plugin handles
page events, when the build runs beside other threads (as `serve` does, and forking a
threaded process is unsafe), where processes cannot be forked, or with one core. A page
whose Markdown changed after it was shared out, or that failed in its worker, is
rendered by MkDocs as usual, so any error comes from MkDocs in its own words.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from dataclasses import dataclass, field
from types import MethodType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

log = logging.getLogger("mkdocs.plugins.strategy.rendering")

# Below this many pages per worker, starting the workers costs more than it saves.
MIN_PAGES_PER_WORKER = 20

# The page events that run between MkDocs reading a page and rendering it, or just after: a plugin
# handling any of them might depend on seeing every page in one process.
_PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content")


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


# The pages being shared out, for the forked workers to find: a fork copies the building process
# as it is, so nothing but a list of positions needs to be sent to them.
_job: tuple[list[Page], MkDocsConfig, Files] | None = None


def workers_for(pages: int, config: MkDocsConfig, *, setting: int, own: object) -> int:
    """How many processes to convert the pages with: 1 means MkDocs alone, as usual. setting is the
    plugin's render_workers option (0 for one per core); own is the plugin asking."""
    if setting == 1 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    for event in _PAGE_EVENTS:
        if any(getattr(method, "__self__", None) is not own for method in config.plugins.events[event]):
            return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(setting or cores, pages // MIN_PAGES_PER_WORKER))


def prerender(pages: list[Page], config: MkDocsConfig, files: Files, workers: int) -> int:
    """Convert the pages in worker processes and have each page take its result when MkDocs renders
    it. Returns how many pages were converted that way (0 if the workers could not be started)."""
    global _job
    if workers < 2 or not pages:
        return 0
    _job = (pages, config, files)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            shares = [list(range(i, len(pages), workers)) for i in range(workers)]
            results = [pair for share in pool.map(_render_share, shares) for pair in share]
    except Exception as error:  # e.g. no processes to be had: MkDocs renders every page itself, as usual
        log.debug(f"Rendering pages one at a time: the workers could not be used ({error!r}).")
        return 0
    finally:
        _job = None
    for position, rendered in results:
        page = pages[position]
        page.render = MethodType(_taking(rendered), page)  # type: ignore[method-assign]
    return len(results)


def _render_share(positions: list[int]) -> list[tuple[int, Rendered]]:
    """In a worker: read and render these pages as MkDocs would, and keep what they logged."""
    assert _job is not None
    pages, config, files = _job
    caught = _Catch()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.handlers = [caught]
    done = []
    for position in positions:
        page = pages[position]
        caught.records = []
        try:
            page.read_source(config)
            assert page.markdown is not None
            markdown = page.markdown
            page.render(config, files)
        except Exception:  # MkDocs will render this page itself and report the error in its own words
            continue
        assert page.content is not None and page.toc is not None
        links = {f.src_uri: anchors for f, anchors in page.links_to_anchors.items()} if page.links_to_anchors is not None else None
        done.append(
            (
                position,
                Rendered(markdown, page.content, page.toc, page._title_from_render, page.present_anchor_ids, links, caught.records),
            )
        )
    return done


class _Catch(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # Arguments and tracebacks may not travel between processes; the finished message does.
        record.msg, record.args, record.exc_info, record.exc_text = self.format(record), None, None, None
        self.records.append(record)


def _taking(rendered: Rendered) -> Any:
    def render(page: Page, config: MkDocsConfig, files: Files) -> None:
        del page.render  # back to MkDocs' own, should anything render the page again
        if page.markdown != rendered.markdown:
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
        for record in rendered.records:
            logging.getLogger(record.name).handle(record)

    return render
