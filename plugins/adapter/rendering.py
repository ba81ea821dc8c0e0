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

This is the one module that relies on MkDocs' internals, the parts a plugin is not promised: it
replaces a page's `render` method, copies the attributes that method sets (`_title_from_render`,
`present_anchor_ids`, `links_to_anchors`), calls `mkdocs.commands.build.get_context`, reads
`config._current_page` and the plugins' table of events. A release may change any of them without
notice, so nothing is shared out unless MkDocs is a version this was tested with (see Engine): on any
other, MkDocs builds every page itself, as usual, and says why once, as information.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MethodType
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

import jinja2
from packaging.version import InvalidVersion, Version

from plugins.cores.sharing import Workers, processes_for, share_out
from plugins.publishing.caches import code_and_templates, installed

if TYPE_CHECKING:
    # Only for the types: on a MkDocs this was not tested with, these may not exist, and the
    # plugin must still load (and build every page with MkDocs alone).
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
    # Whether its template read nothing but what its key in the finished-page cache covers.
    keepable: bool = False
    # The page as the pages' policy protects it, checked where it was made (see PagePolicy); None if not checked.
    protected: str | None = None


# --- Which MkDocs -------------------------------------------------------------------------------


@dataclass
class Engine:
    """The MkDocs building the site, and whether this module may lean on its internals.

    ProperDocs, the continuation of MkDocs 1.6 by its former maintainers, answers to `import mkdocs`
    (its `mkdocs` is its own `properdocs` package) and reports its own version numbers, which say
    nothing about MkDocs': the version is only meaningful with the name.

    Tested means the 1.6 line of either, up to the newest release checked: the pages built on every
    core, and any warning they raise, compared with the pages MkDocs built alone
    (tests/test_parallel_rendering.py). A newer release is not trusted on faith, not even a patch
    release: ProperDocs 1.6.7 changed what Page.render sets, and MkDocs 2 is a rewrite. It builds as
    MkDocs always does, one page at a time, to the same site, only more slowly, until someone runs
    those tests with it (they fail until then) and raises its number here.
    """

    # By the package `import mkdocs` gives: its name, and the newest release tested. MkDocs 1.6.0's
    # page and build code is 1.6.1's, and 1.6.1 is the last release of MkDocs 1.
    TESTED: ClassVar[dict[str, tuple[str, str]]] = {"mkdocs": ("MkDocs", "1.6.1"), "properdocs": ("ProperDocs", "1.6.7")}

    package: str
    version: str
    # Whether this build has said why it builds one page at a time: once is enough.
    told: bool = False

    @classmethod
    def running(cls) -> Engine:
        import mkdocs

        return cls(mkdocs.__name__, getattr(mkdocs, "__version__", "unknown"))

    def untested(self) -> str | None:
        """Why the pages must be built by MkDocs alone, or None if this module may lean on it."""
        name, newest = self.TESTED.get(self.package, (self.package, ""))
        try:
            version, last = Version(self.version), Version(newest)
            tested = version.release[:2] == last.release[:2] and version <= last
        except InvalidVersion:
            tested = False
        if tested:
            return None
        versions = " and ".join(f"{known} {'.'.join(up_to.split('.')[:2])} up to {up_to}" for known, up_to in self.TESTED.values())
        return (
            f"Building pages one at a time, as MkDocs does: building them on every core relies on MkDocs' internals "
            f"and was tested with {versions}, not {name} {self.version}."
        )

    def tested(self) -> bool:
        """Whether this module may lean on this MkDocs; if not, says why, once, as information (a
        warning would fail a strict build, for a site that is still built right)."""
        why = self.untested()
        if why is not None and not self.told:
            log.info(why)
            self.told = True
        return why is None


# --- How many workers -----------------------------------------------------------------------------


def workers_for(pages: int, config: MkDocsConfig, *, setting: int, own: object, engine: Engine | None = None) -> int:
    """How many processes to build the pages with: 1 means MkDocs alone, as usual. setting is the
    plugin's render_workers option (0 for one per core); own is the plugin asking; engine is the
    MkDocs building the site (the one imported, if not given)."""
    if processes_for(setting) == 1 or not may_lean_on(config, own=own, engine=engine):
        return 1
    return max(1, min(processes_for(setting), pages // MIN_PAGES_PER_WORKER))


def may_lean_on(config: MkDocsConfig, *, own: object, engine: Engine | None = None) -> bool:
    """Whether the pages may be converted and built other than by MkDocs alone, one at a time (on
    other cores, or from the page cache): only with a MkDocs this was tested with, and only when no
    plugin but own handles the page events, which might depend on seeing every page done in order."""
    if not (engine or Engine.running()).tested():
        return False
    return not any(getattr(method, "__self__", None) is not own for event in _PAGE_EVENTS for method in config.plugins.events[event])


def _replay(records: list[logging.LogRecord]) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)


# --- Converting Markdown ---------------------------------------------------------------------------


def prerender(pages: list[Page], config: MkDocsConfig, files: Files, workers: int, store: RenderedStore | None = None) -> Workers | None:
    """Convert the later shares of the pages in workers; each takes its result when MkDocs renders it.
    With a store (the page cache), a page converted by an earlier build from the same inputs takes
    that build's result instead, and every page converted now without a word logged is kept in it.
    The pages must be in the order MkDocs reads them."""
    keys: dict[int, str] = {}
    reused: dict[int, Rendered] = {}
    signature = conversion_signature(config, files) if store is not None else None
    if store is not None and signature is not None:
        for position, page in enumerate(pages):
            keys[position] = key = _key(page, signature)
            entry = store.get(key)
            if entry is not None and (rendered := _from_entry(entry)) is not None:
                reused[position] = rendered

    def keeping(position: int) -> Callable[[Rendered], None] | None:
        if store is None or position not in keys:
            return None
        return lambda rendered: store.put(keys[position], _entry(rendered))

    for position, rendered in reused.items():
        pages[position].render = MethodType(_taking_render(_given(rendered), None), pages[position])  # type: ignore[method-assign]
    todo = [position for position in range(len(pages)) if position not in reused]
    shared = share_out(_RenderJob(pages, config, files), todo, workers)
    by_workers = set(shared.shared) if shared is not None else set()
    for position in todo:
        page, keep = pages[position], keeping(position)
        if shared is not None and position in by_workers:
            page.render = MethodType(_taking_render(_from_worker(shared, position), keep), page)  # type: ignore[method-assign]
        elif keep is not None:
            page.render = MethodType(_keeping_render(keep), page)  # type: ignore[method-assign]
    return shared


@dataclass
class _RenderJob:
    """In a worker: read and render pages as MkDocs would."""

    pages: list[Page]
    config: MkDocsConfig
    files: Files

    def share(self, positions: list[int]) -> list[tuple[int, Rendered]]:
        return _each_page(self.pages, positions, self.render)

    def render(self, page: Page) -> Rendered:
        page.read_source(self.config)
        page.render(self.config, self.files)
        return _result(page)


def _result(page: Page) -> Rendered:
    """What MkDocs' Page.render has just set on a page, as a Rendered."""
    assert page.markdown is not None and page.content is not None and page.toc is not None
    links = {f.src_uri: anchors for f, anchors in page.links_to_anchors.items()} if page.links_to_anchors is not None else None
    return Rendered(page.markdown, page.content, page.toc, page._title_from_render, page.present_anchor_ids, links)


def _given(rendered: Rendered) -> Callable[[], Rendered | None]:
    return lambda: rendered


def _from_worker(shared: Workers, position: int) -> Callable[[], Rendered | None]:
    return lambda: shared.result(position)


def _taking_render(take: Callable[[], Rendered | None], keep: Callable[[Rendered], None] | None) -> Callable[..., None]:
    """A page's render that takes its result from take (a worker's, or the page cache's), where there is
    one for the page's Markdown as it is; keep is given a result that logged nothing, to reuse next time."""

    def render(page: Page, config: MkDocsConfig, files: Files) -> None:
        del page.render  # back to MkDocs' own, should anything render the page again
        rendered = take()
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
        if keep is not None and not rendered.records:
            keep(rendered)

    return render


def _keeping_render(keep: Callable[[Rendered], None]) -> Callable[..., None]:
    """A page's render that is MkDocs' own, its result given to keep if MkDocs logged nothing meanwhile:
    a page that was warned about is converted again next time, so that the warning is given again."""

    def render(page: Page, config: MkDocsConfig, files: Files) -> None:
        del page.render
        with _Heard.listening() as heard:
            page.render(config, files)
        if not heard.records:
            keep(_result(page))

    return render


class _Heard(logging.Handler):
    """Notes that something was logged, and lets it go on as it would have."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    @classmethod
    @contextmanager
    def listening(cls) -> Iterator[_Heard]:
        """Hear what MkDocs (under either of its names) logs while the body runs."""
        heard = cls()
        loggers = [logging.getLogger(name) for name in {"mkdocs", Engine.running().package}]
        for logger in loggers:
            logger.addHandler(heard)
        try:
            yield heard
        finally:
            for logger in loggers:
                logger.removeHandler(heard)


# --- The page cache's entries ----------------------------------------------------------------------


class RenderedStore(Protocol):
    """Where converted pages are kept between builds (plugins/publishing/page_cache.py)."""

    def get(self, key: str) -> dict[str, Any] | None: ...

    def put(self, key: str, entry: dict[str, Any]) -> None: ...


# Raised when an entry's form, or what its key covers, changes.
_FORMAT = 1
# An anchor as MkDocs makes one from a heading: nothing that could end an attribute or start a tag.
_ANCHOR = re.compile(r"[^\s\"'<>&`]{1,200}")
_MAX_TOC_DEPTH = 6


def conversion_signature(config: MkDocsConfig, files: Files) -> str | None:
    """What converting any page reads besides its own Markdown and address: the Markdown settings, how
    links are checked, every file's address (a link is made from the file it names), and the version of
    every installed package (MkDocs, Markdown and every extension). None if the settings hold an object
    that cannot be told apart from another by its words (a function given to an extension, say): then
    nothing is reused."""
    settings = json.dumps(
        [config.markdown_extensions, config.mdx_configs, dict(config.validation)], sort_keys=True, default=repr, ensure_ascii=False
    )
    if " at 0x" in settings:
        return None
    packages = installed()
    addresses = sorted((f.src_uri, f.dest_uri, f.url) for f in files)
    return hashlib.sha256(json.dumps([_FORMAT, settings, packages, addresses], ensure_ascii=False).encode()).hexdigest()


def _key(page: Page, signature: str) -> str:
    """A page's key in the page cache: what the build converts it from, and where it is published."""
    parts = [signature, page.file.src_uri, page.url, page.file.content_string]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def _entry(rendered: Rendered) -> dict[str, Any]:
    def items(links: list[Any]) -> list[dict[str, Any]]:
        return [{"title": link.title, "id": link.id, "level": link.level, "children": items(link.children)} for link in links]

    anchors = sorted(rendered.present_anchor_ids) if rendered.present_anchor_ids is not None else None
    return {
        "markdown": rendered.markdown,
        "content": rendered.content,
        "toc": items(rendered.toc.items),
        "title": rendered.title_from_render,
        "anchors": anchors,
        "links": rendered.links_to_anchors,
    }


def _from_entry(entry: dict[str, Any]) -> Rendered | None:
    """An entry as the result of converting its page; None unless every part is of the form MkDocs gives
    it. The HTML goes through the sanitiser after this, as a page converted afresh does; the table of
    contents and title go into the theme's template as they are, so neither may hold markup."""
    from mkdocs.structure.toc import AnchorLink, TableOfContents

    def plain(text: object) -> bool:
        return isinstance(text, str) and "<" not in text and ">" not in text

    def links(items: object, depth: int) -> list[AnchorLink] | None:
        if not isinstance(items, list) or depth > _MAX_TOC_DEPTH:
            return None
        made = []
        for item in items:
            if not isinstance(item, dict) or not plain(item.get("title")) or not _ANCHOR.fullmatch(str(item.get("id"))):
                return None
            level, children = item.get("level"), links(item.get("children"), depth + 1)
            if not isinstance(level, int) or not 1 <= level <= 6 or children is None:
                return None
            link = AnchorLink(item["title"], item["id"], level)
            link.children = children
            made.append(link)
        return made

    markdown, content, title, anchors, linked = (entry.get(k) for k in ("markdown", "content", "title", "anchors", "links"))
    toc = links(entry.get("toc"), 1)
    if not isinstance(markdown, str) or not isinstance(content, str) or toc is None or not (title is None or plain(title)):
        return None
    if anchors is not None and not (isinstance(anchors, list) and all(isinstance(a, str) and _ANCHOR.fullmatch(a) for a in anchors)):
        return None
    if linked is not None and not (
        isinstance(linked, dict)
        and all(
            isinstance(uri, str) and isinstance(found, dict) and all(isinstance(a, str) and isinstance(b, str) for a, b in found.items())
            for uri, found in linked.items()
        )
    ):
        return None
    return Rendered(markdown, content, TableOfContents(toc), title, set(anchors) if anchors is not None else None, linked)


# --- Putting pages into the theme's template -------------------------------------------------------


class PagePolicy(Protocol):
    """The pages' policy, which the plugin applies to every page at on_post_page: here applied ahead, to a
    page a worker makes (there, on the worker's core) and to a page taken from the finished-page store
    (which is made again if the policy refuses it), so that on_post_page only hands its protected form on."""

    def checked(self, html: str, page: Page) -> str | None:
        """The page as the policy protects it; None if it holds what no page may."""
        ...

    def vouch(self, html: str, protected: str) -> None:
        """Tell on_post_page, which MkDocs calls next with html, that protected is its protected form."""
        ...


# The share of the pages the build puts into their template itself, for each share a worker does: the
# build also takes every page's context, hands on every page and writes it (about a sixth of what putting
# a page into its template and checking it costs, measured on the real content copied 16 times), so it
# does fewer of them, and the build and the workers finish together.
_BUILD_PART = 0.7


def prebuild(
    pages: list[Page],
    config: MkDocsConfig,
    files: Files,
    nav: Navigation,
    env: jinja2.Environment,
    workers: int,
    store: FinishedStore | None = None,
    policy: PagePolicy | None = None,
) -> tuple[Any, Workers | None]:
    """Put the later shares of the pages into their templates in workers. Returns the environment
    MkDocs should build with, and the workers: MkDocs' own environment, or one that hands MkDocs a
    page's template as one that gives the page's HTML made already (by a worker, or by an earlier build,
    from the finished-page store) when it asks for it, and keeps in the store each page it finishes
    itself whose template read nothing the page's key does not cover. A page from the store is used only
    if the policy accepts it; otherwise it is made again, and kept afresh. The pages must be in the order
    MkDocs builds them."""
    if store is None and workers < 2:
        return env, None
    context_for = _contexts(config, files, nav)
    finished = _Finished(config, files, nav, env, store, context_for) if store is not None else None
    reused: dict[int, str] = {}
    if finished is not None:
        for position, page in enumerate(pages):
            html = finished.reused(page)
            if html is not None:
                reused[position] = html
    todo = [position for position in range(len(pages)) if position not in reused]
    shared = share_out(_BuildJob(pages, config, files, nav, env, context_for, finished, policy), todo, workers, build_part=_BUILD_PART)
    if shared is None and finished is None:
        return env, None
    positions = {id(page): position for position, page in enumerate(pages)}
    return _PrebuiltEnvironment(env, config, shared, positions, reused, finished, policy), shared


def _contexts(config: MkDocsConfig, files: Files, nav: Navigation) -> Callable[[Page], dict[str, Any]]:
    """A page's template context, as MkDocs' _build_page makes it."""
    # Imported here: only a MkDocs this was tested with gets this far.
    from mkdocs.commands.build import get_context

    doc_files = files.documentation_pages()

    def context_for(page: Page) -> dict[str, Any]:
        context = get_context(nav, doc_files, config, page)
        return dict(config.plugins.on_page_context(context, page=page, config=config, nav=nav))

    return context_for


@dataclass
class _BuildJob:
    """In a worker: what MkDocs' _build_page does to pages, short of writing them."""

    pages: list[Page]
    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    context_for: Callable[[Page], dict[str, Any]]
    finished: _Finished | None
    policy: PagePolicy | None

    def share(self, positions: list[int]) -> list[tuple[int, Built]]:
        config, env, finished, policy = self.config, self.env, self.finished, self.policy

        def build(page: Page) -> Built:
            config._current_page = page
            try:
                page.active = True
                context = self.context_for(page)
                template = env.get_template(page.meta.get("template", "main.html"))
                if finished is None:
                    html, keepable = template.render(context), False
                else:
                    html, keepable = finished.render(template, context, page)
                # Checked here, on this core, rather than by the build as MkDocs hands the page on.
                return Built(html, keepable=keepable, protected=policy.checked(html, page) if policy is not None else None)
            finally:
                page.active = False
                config._current_page = None

        return _each_page(self.pages, positions, build)


class _PrebuiltEnvironment:
    """MkDocs' template environment, except that the template of a page made already gives that page's
    HTML, and the template of a page MkDocs makes keeps it in the finished-page store. MkDocs asks for a
    page's template while building that page, and for nothing else in between but the page's own context."""

    def __init__(
        self,
        env: jinja2.Environment,
        config: MkDocsConfig,
        shared: Workers | None,
        positions: dict[int, int],
        reused: dict[int, str],
        finished: _Finished | None,
        policy: PagePolicy | None,
    ) -> None:
        self._env, self._config, self._shared, self._positions = env, config, shared, positions
        self._by_workers = set(shared.shared) if shared is not None else set()
        self._reused, self._finished, self._policy = reused, finished, policy

    def __getattr__(self, name: str) -> Any:
        return getattr(self._env, name)

    def get_template(self, name: Any, *args: Any, **kwargs: Any) -> Any:
        template = self._env.get_template(name, *args, **kwargs)
        page = self._config._current_page
        position = self._positions.pop(id(page), None) if page is not None else None
        if position is None or page is None:
            return template
        if position in self._reused and self._finished is not None:
            return _Reused(self._reused.pop(position), template, page, self._finished, self._policy)
        built: Built | None = None
        if self._shared is not None and position in self._by_workers:
            built = self._shared.result(position)
        if built is not None:
            keep = self._finished.keeper(page) if self._finished is not None and built.keepable else None
            return _Built(built, template, keep, self._policy)
        return _Finishing(template, page, self._finished) if self._finished is not None else template


class _Built:
    """A page's template that gives the page's HTML made already (by a worker, or by an earlier build)."""

    def __init__(self, built: Built, template: jinja2.Template, keep: Callable[[str], None] | None, policy: PagePolicy | None) -> None:
        self.built, self.template, self.keep, self.policy = built, template, keep, policy

    def render(self, *args: Any, **kwargs: Any) -> str:
        _replay(self.built.records)
        if self.keep is not None and not self.built.records:
            self.keep(self.built.html)
        if self.policy is not None and self.built.protected is not None:
            self.policy.vouch(self.built.html, self.built.protected)
        return self.built.html

    def __getattr__(self, name: str) -> Any:
        return getattr(self.template, name)


class _Finishing:
    """A page's template that MkDocs renders, keeping the page in the finished-page store if its template
    read nothing the page's key does not cover and nothing was logged meanwhile."""

    def __init__(self, template: jinja2.Template, page: Page, finished: _Finished) -> None:
        self.template, self.page, self.finished = template, page, finished

    def render(self, context: Any) -> str:
        with _Heard.listening() as heard:
            html, keepable = self.finished.render(self.template, context, self.page)
        if keepable and not heard.records:
            self.finished.keeper(self.page)(html)
        return html

    def __getattr__(self, name: str) -> Any:
        return getattr(self.template, name)


class _Reused(_Finishing):
    """A page's template that gives the page as an earlier build finished it, if the pages' policy still
    accepts it; otherwise MkDocs renders it, and keeps it afresh.

    Checked here, as MkDocs reaches the page, while the booklets print on the other core: checked ahead
    on every core, before MkDocs copies the files the booklets need, the booklets would start later."""

    def __init__(self, html: str, template: jinja2.Template, page: Page, finished: _Finished, policy: PagePolicy | None) -> None:
        super().__init__(template, page, finished)
        self.html, self.policy = html, policy

    def render(self, context: Any) -> str:
        if self.policy is None:
            return self.html
        protected = self.policy.checked(self.html, self.page)
        if protected is None:
            return super().render(context)
        self.policy.vouch(self.html, protected)
        return self.html


# --- The finished-page cache -----------------------------------------------------------------------

# Raised when what a finished page's key covers changes.
_FINISHED_FORMAT = 1
# What a template may read of a page other than its own, or of its file, and still have its page kept:
# the page's title, address, settings (front matter) and place in the menu, which the key covers for
# every page. Its text, table of contents or source is not covered: a template that reads one is
# rendered afresh on every build (it is not refused: the theme's templates and a council's still work).
_OTHER_PAGE = frozenset(
    {"title", "url", "abs_url", "canonical_url", "edit_url", "meta", "file", "update_date", "active"}
    | {"is_homepage", "is_index", "is_page", "is_section", "is_link", "is_top_level"}
    | {"parent", "children", "ancestors", "previous_page", "next_page"}
)
_OTHER_FILE = frozenset(
    {"src_uri", "src_path", "dest_uri", "dest_path", "url", "name", "page", "inclusion", "edit_uri", "generated_by"}
    | {"is_documentation_page", "is_static_page", "is_media_file", "is_javascript", "is_css"}
)
# What a template may not read even of its own page's file: where it is written, in the folder being
# built into, which is new on every build.
_OWN_FILE_REFUSED = frozenset({"abs_dest_path", "dest_dir"})
# What MkDocs gives a page's template (mkdocs.commands.build.get_context): anything more, and the key
# would not cover it.
_CONTEXT = frozenset({"nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version", "build_date_utc", "config", "page"})


# What a template may read of an object of one kind: the names allowed (None: any), and those refused.
_Rule = tuple[frozenset[str] | None, frozenset[str]]


class FinishedStore(Protocol):
    """Where finished pages are kept between builds (plugins/publishing/page_cache.py's FinishedPages)."""

    def get(self, key: str) -> str | None: ...

    def put(self, key: str, html: str) -> None: ...


def _plain(value: Any) -> Any:
    """A value as JSON can hold it, the same on every run: sets sorted, other objects by their repr."""
    if isinstance(value, (set, frozenset)):
        return sorted(repr(item) for item in value)
    return repr(value)


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=_plain, ensure_ascii=False)


def _menu(items: list[Any]) -> list[Any]:
    """The menu as a template sees it: each section's title and items, each page by its file, each link."""
    made: list[Any] = []
    for item in items:
        if getattr(item, "is_section", False):
            made.append(["section", item.title, _menu(item.children)])
        elif getattr(item, "is_page", False):
            made.append(["page", item.file.src_uri])
        else:
            made.append(["link", getattr(item, "title", None), getattr(item, "url", None)])
    return made


def _toc(links: list[Any]) -> list[Any]:
    return [[link.title, link.id, link.level, _toc(link.children)] for link in links]


def _about(page: Any) -> list[Any]:
    """What the key covers of every page: what a template may read of a page not its own (_OTHER_PAGE)."""
    neighbours = [other.file.src_uri if other is not None else None for other in (page.previous_page, page.next_page)]
    addresses = [page.url, page.abs_url, page.canonical_url, page.edit_url]
    return [page.title, addresses, page.meta, page.update_date, page.is_homepage, neighbours]


def _told_when_whole(config: MkDocsConfig, told: Callable[[], None]) -> MkDocsConfig:
    """A copy of the configuration for one page's template that calls told when the template reads it
    whole, as text or every setting at once (`{{ config }}`, `config | string`, `config | dictsort`):
    the whole holds the folder being built into, which no key covers. Its settings are the same objects."""

    class Watched(type(config)):  # type: ignore[misc]
        def __str__(self) -> str:
            told()
            return str(super().__str__())

        def __repr__(self) -> str:
            told()
            return str(super().__repr__())

        def __format__(self, spec: str) -> str:
            told()
            return str(super().__format__(spec))

        def items(self) -> Any:
            told()
            return super().items()

        def values(self) -> Any:
            told()
            return super().values()

    watched = copy.copy(config)
    watched.__class__ = Watched
    return watched


class _Finished:
    """The finished pages of one build: each page's key, the pages reused from the store, and the watch on
    what a template reads while it renders a page, in the build or in a worker."""

    def __init__(
        self,
        config: MkDocsConfig,
        files: Files,
        nav: Navigation,
        env: Any,
        store: FinishedStore,
        context_for: Callable[[Page], dict[str, Any]],
    ) -> None:
        self.config, self.store, self.context_for = config, store, context_for
        # Only Jinja's sandbox as plugins/safety/sandbox.py extends it tells of what a template reads.
        self.env = env if hasattr(env, "reads") else None
        self.signature = self._signature(config, files, nav) if self.env is not None else None
        self.site_dir = str(config.site_dir)
        self.keys: dict[int, str] = {}
        self.rules: dict[type, _Rule | None] = {}

    @staticmethod
    def _signature(config: MkDocsConfig, files: Files, nav: Navigation) -> str | None:
        """What every page's template may read besides its own page: the configuration but for the folder
        the site is built in (the plugins by their settings), the theme and its templates, every page's
        title, address and settings, the menu, the version of every installed package and this project's
        own code (the filters and functions templates are given). None if the settings hold an object that
        cannot be told apart from another by its words: then nothing is reused."""
        from mkdocs.plugins import BasePlugin

        settings = {name: config[name] for name in config if name not in ("plugins", "site_dir", "theme")}
        theme = config.theme
        parts: list[Any] = [
            _FINISHED_FORMAT,
            settings,
            {name: dict(plugin.config) if isinstance(plugin, BasePlugin) else repr(plugin) for name, plugin in config.plugins.items()},
            [theme.name, theme.dirs, {name: theme[name] for name in theme}, sorted(theme.static_templates)],
            [(f.src_uri, f.dest_uri, f.url, f.name, f.edit_uri, str(f.inclusion), f.generated_by) for f in files.documentation_pages()],
            [_about(f.page) for f in files.documentation_pages() if f.page is not None],
            [_menu(nav.items), [page.file.src_uri for page in nav.pages], nav.homepage.file.src_uri if nav.homepage else None],
            installed(),
        ]
        text = _json(parts)
        if " at 0x" in text:
            return None
        # The templates themselves and this project's code, which gives the templates their filters.
        code = code_and_templates(Path(theme.custom_dir) if theme.custom_dir else None)
        return hashlib.sha256(f"{text}\0{code}".encode()).hexdigest()

    def key(self, page: Page, context: dict[str, Any]) -> str | None:
        """The page's key: the signature and everything of its own page and context a template may read.
        None if its context holds more than MkDocs gives, which the key cannot cover."""
        if self.signature is None or not set(context) <= _CONTEXT:
            return None
        menu = context.get("nav")
        own = [
            page.file.src_uri,
            page.file.dest_uri,
            page.markdown,
            page.content,
            _toc(page.toc.items) if page.toc is not None else None,
            sorted(page.present_anchor_ids or ()),
            _about(page),
            page.meta.get("template", "main.html"),
            [_menu(menu.items), [p.file.src_uri for p in menu.pages]] if menu is not None else None,
            [context.get(name) for name in ("base_url", "extra_css", "extra_javascript", "mkdocs_version")],
            str(context.get("build_date_utc")),
        ]
        text = _json([self.signature, own])
        return None if " at 0x" in text else hashlib.sha256(text.encode()).hexdigest()

    def reused(self, page: Page) -> str | None:
        """The page as an earlier build finished it from the same key, if the store holds it."""
        key = self.key(page, self.context_for(page))
        if key is None:
            return None
        self.keys[id(page)] = key
        return self.store.get(key)

    def keeper(self, page: Page) -> Callable[[str], None]:
        def keep(html: str) -> None:
            key = self.keys.get(id(page))
            # A page that holds the folder it was built in would be published from another build's folder.
            if key is not None and self.site_dir not in html:
                self.store.put(key, html)

        return keep

    def render(self, template: Any, context: Any, page: Page) -> tuple[str, bool]:
        """The page rendered by its template, and whether what the template read is all covered by its key."""
        beyond: list[str] = []
        assert self.env is not None

        def reads(obj: Any, name: Any) -> None:
            if not beyond and self._beyond(obj, name, page):
                beyond.append(str(name))

        self.env.reads = reads
        try:
            html = template.render({**context, "config": _told_when_whole(self.config, lambda: beyond.append("config"))})
        finally:
            self.env.reads = None
        return html, not beyond and self.key(page, dict(context)) == self.keys.get(id(page))

    def _beyond(self, obj: Any, name: Any, page: Page) -> bool:
        """Whether a template reading name of obj, while rendering page, reads what the key does not cover."""
        kind = type(obj)
        if kind not in self.rules:
            self.rules[kind] = self._rule(kind)
        rule = self.rules[kind]
        if rule is None:
            return False
        if obj is page:
            return False
        if obj is page.file:
            return name in _OWN_FILE_REFUSED
        allowed, refused = rule
        return name in refused if allowed is None else name not in allowed

    @staticmethod
    def _rule(kind: type) -> _Rule | None:
        """What a template may read of an object of this kind: the names allowed, or all but those refused;
        None if anything (a value, the menu, the theme: the signature covers them whole)."""
        from mkdocs.config.defaults import MkDocsConfig
        from mkdocs.plugins import BasePlugin
        from mkdocs.structure.files import File
        from mkdocs.structure.pages import Page

        if issubclass(kind, Page):
            return _OTHER_PAGE, frozenset()
        if issubclass(kind, File):
            return _OTHER_FILE, frozenset()
        if issubclass(kind, BasePlugin):
            return frozenset({"config"}), frozenset()  # its settings, which the signature covers; not what it holds
        if issubclass(kind, MkDocsConfig):
            # The folder being built into, new on every build, and what reads every setting at once.
            return None, frozenset({"site_dir", "get", "items", "values", "data", "copy"})
        return None


# --- In the workers -------------------------------------------------------------------------------


_Result = TypeVar("_Result", Rendered, Built)


def _each_page(pages: list[Page], positions: list[int], work: Callable[[Page], _Result]) -> list[tuple[int, _Result]]:
    """Do the work on each page, keeping with its result what MkDocs logged meanwhile. A page the work
    fails on is left out: MkDocs will do it itself and report the error in its own words."""
    caught = _Catch()
    # Kept for the page they concern, not printed, and not counted towards a strict build's warnings
    # here, in a copy of the count that is thrown away. ProperDocs logs as `properdocs`, and plugins
    # as `mkdocs` still: each is caught where it is logged, once.
    for name in {"mkdocs", Engine.running().package}:
        logger = logging.getLogger(name)
        logger.handlers, logger.propagate = [caught], False
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


class _Catch(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # Arguments and tracebacks may not travel between processes; the finished message does.
        record.msg, record.args, record.exc_info, record.exc_text = self.format(record), None, None, None
        self.records.append(record)
