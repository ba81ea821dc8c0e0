"""A thin adapter from MkDocs to the standard edition: load and check content, hand MkDocs the pages.

All knowledge of what a page says lives in plugins.pages; all knowledge of what
content may be lives in plugins.content. This file only connects them to MkDocs'
events, so that the same pages can be built by another engine (see `export`).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils.templates import TemplateContext

from easyread.checker import all_findings, check_editions
from easyread.rules import Style, Thresholds, style_and_thresholds
from plugins.content import ContentError, Library
from plugins.content.loader import LibraryCache
from plugins.content.pictures import PICTURES_DIR, Picture, licence_bytes, published_bytes
from plugins.cores.sharing import Meanwhile, Workers, alongside, processes_for
from plugins.pages import PageSpec, StandardEdition
from plugins.pages.colours import COLOURS_CSS, BadColour, colours_css
from plugins.pages.edition import NO_SETTINGS, read_front_matter
from plugins.publishing import caches
from plugins.publishing.buildday import BadBuildDay, build_day
from plugins.publishing.chart_cache import CACHE_DIR as CHART_CACHE_DIR
from plugins.publishing.chart_cache import ChartCache
from plugins.publishing.feeds import subscription_files
from plugins.publishing.page_cache import CACHE_DIR as PAGE_CACHE_DIR
from plugins.publishing.page_cache import FINISHED_DIR, MARKDOWN_DIR, FinishedPages, MarkdownPages, PageCache
from plugins.publishing.search import SearchFailed, finish_search_index, start_search_index
from plugins.safety.page_policy import UnsafePage, check_and_protect
from plugins.safety.sandbox import sandboxed, template_problem
from plugins.safety.sanitise import clean_html, tooltip_text

from .config import StrategyConfig, style_option_lines
from .rendering import Engine, may_lean_on, prebuild, prerender, workers_for

if TYPE_CHECKING:
    from plugins.publishing.booklets import Booklet
    from plugins.publishing.printing import Tally

log = get_plugin_logger(__name__)


class StrategyPlugin(BasePlugin[StrategyConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.library: Library | None = None
        # What loads the content, and the project it loads (see use_contents, load_content).
        self.contents = LibraryCache()
        self.contents_root: Path | None = None
        self.specs: list[PageSpec] = []
        # Each generated page's HTML as MkDocs converted and cleaned it, by its path in docs/: the
        # standard booklet prints the same HTML rather than converting the Markdown a second time.
        self.page_html: dict[str, str] = {}
        # Each generated page's settings (its front matter), by its path in docs/: see on_files.
        self.page_settings: dict[str, dict[str, Any]] = {}
        self.page_cache: PageCache | None = None
        self.finished: FinishedPages | None = None
        # A page checked ahead by the pages' policy and its protected form, for on_post_page (see checked and vouch).
        self.protected: tuple[str, str] | None = None
        self.scoped: dict[str, Navigation] = {}
        self.library_nav: Navigation | None = None
        self.root = Path.cwd()
        self.pictures: list[Picture] = []
        # The charts' files, by where they are published, as drawn and cleaned (see plugins/pages/charts.py).
        self.charts: dict[str, bytes] = {}
        # The feeds and calendars, by where they are published: MkDocs writes them into the site folder.
        self.subscriptions: dict[str, bytes] = {}
        self.style = Style()
        self.day = dt.date.today()
        self.nav: Navigation | None = None
        # Processes building pages alongside MkDocs (see rendering.py), stopped when the build ends.
        self.workers: list[Workers] = []
        # The MkDocs building the site, which rendering.py leans on only if it was tested with it.
        self.engine = Engine.running()
        # A preview injects its reload script into every page, which the pages' policy would refuse.
        self.serving = False
        # How the last build's booklets were made (printed, or reused from the cache); None if it made none.
        self.printed: Tally | None = None
        # The booklets being printed while MkDocs builds the pages, from on_env to on_post_build.
        self.booklets_printing: Meanwhile[Tally | str] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_shutdown(self) -> None:
        # MkDocs keeps this plugin for every later build in the same process, of any project: a preview
        # over, those builds check and protect their pages again (see protect).
        self.serving = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.forget_last_build()
        if not self.config.enabled:
            return config
        self.root = Path(config.config_file_path).resolve().parent
        self.library = self.load_content()
        self.name_the_site(config)
        day = self.work_out_build_day()
        style, thresholds = style_and_thresholds(self.config.easy_read)
        self.style, self.day = style, day
        # How many processes the checks and the pages' making may share out on (see plugins/cores/).
        processes = processes_for(self.config.render_workers)
        self.check_easy_read(style, thresholds, day, processes)
        chart_cache = ChartCache(caches.usable_folder(self.root, CHART_CACHE_DIR))
        markdown = MarkdownPages(caches.usable_folder(self.root, MARKDOWN_DIR))
        edition = StandardEdition(
            self.library,
            config.theme.get_env(),
            day,
            easy_read_style=style,
            pdfs=self.config.pdf,
            chart_store=chart_cache,
            markdown_store=markdown,
            code=self.code(config),
        )
        # The library as the pages tell it on the build day (see StandardEdition): the booklets print those pages.
        self.library = edition.library
        # The feeds and calendars, made from the same content and day as the pages that link to them,
        # on another core meanwhile: they need nothing the pages' making changes.
        self.specs, self.subscriptions = alongside(
            lambda: self.make_pages(edition, processes), lambda: subscription_files(edition), processes=processes
        )
        # Every chart and every page's Markdown has been asked for by now: what no page used is no longer needed.
        chart_cache.prune()
        markdown.prune()
        self.pictures = sorted(edition.pictures_used.values(), key=lambda p: p.id)
        self.charts = dict(sorted(edition.charts_used.items()))
        self.add_abbreviations(config, edition)
        self.set_nav(config, edition)
        self.add_colours_css(config)
        return config

    @staticmethod
    def code(config: MkDocsConfig) -> str:
        """What makes the pages besides their content and settings: this project's code, the council's
        templates and every installed package, which the kept pages' keys name (see plugins/pages/kept.py)."""
        templates = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        return json.dumps([caches.code_and_templates(templates), caches.installed()])

    def forget_last_build(self) -> None:
        # With on_startup, MkDocs keeps this plugin from one build to the next in the same process (each
        # rebuild while serving, say): what one build worked out must not reach the next.
        self.scoped, self.library_nav, self.nav, self.specs, self.pictures, self.charts = {}, None, None, [], [], {}
        self.subscriptions = {}
        self.page_html = {}
        self.page_settings = {}
        self.page_cache = None
        self.finished = None
        self.protected = None
        self.printed = None
        self.stop_everything()
        self.engine = Engine.running()

    def load_content(self) -> Library:
        if self.contents_root != self.root:
            # MkDocs keeps this plugin for every later build in the process, of any project: what one project
            # loaded, and the store of parsed files vetted for it, are not another's.
            self.contents, self.contents_root = LibraryCache(), self.root
        if self.contents.kept is None:
            # A preview's rebuilds (and a build MkDocs runs itself) parse again only the files that changed.
            self.contents.kept = caches.parsed(self.root)
        try:
            return self.contents.load(self.root, content_dir=self.config.content_dir)
        except ContentError as error:
            # Every problem is listed at once, in the loader's words, and the build stops before
            # anything is written, so a mistake can never reach the published site.
            listing = "\n".join(str(p) for p in error.problems)
            raise PluginError(f"The content has {len(error.problems)} problem(s); nothing was built:\n{listing}") from None

    def name_the_site(self, config: MkDocsConfig) -> None:
        assert self.library is not None
        # content/site.yml owns the site's name and description; mkdocs.yml only needs a placeholder.
        # The theme writes these into pages and attributes, mostly without escaping them: they go in
        # escaped once, as Markup, which the theme's own `| e` leaves as it is. The site's name is also the
        # logo's title, which the theme's tooltips turn into HTML: it holds no < or > (see tooltip_text).
        config.site_name = Markup(html.escape(tooltip_text(self.library.site.title)))
        config.site_description = Markup(html.escape(tooltip_text(self.library.site.description)))
        if self.library.site.url:
            config.site_url = self.library.site.url

    def work_out_build_day(self) -> dt.date:
        try:
            return build_day(self.root, self.config.as_of)
        except BadBuildDay as error:
            raise PluginError(str(error)) from None

    def check_easy_read(self, style: Style, thresholds: Thresholds, day: dt.date, processes: int) -> None:
        """Report the Easy Read checker's findings: errors as warnings, which stop a strict build (the
        default for publishing), and advice as information, for a person to judge."""
        assert self.library is not None
        lines = style_option_lines(self.root / "mkdocs.yml")
        cards = check_editions(self.library, style, thresholds, lines, as_of=day, processes=processes)
        for finding in all_findings(cards):
            (log.warning if finding.severity == "error" else log.info)(f"Easy Read: {finding}")

    def make_pages(self, edition: StandardEdition, processes: int) -> list[PageSpec]:
        try:
            return edition.build(processes=processes)
        except Exception as error:
            # A council's own copy of the page templates may lack one this version needs, have a mistake in
            # one, do what it may not (change a list, say) or fail as it renders: say where, not a traceback.
            problem = template_problem(error, self.root)
            if problem is None:
                raise
            raise PluginError(f"A page template could not be used: {problem}") from None

    def add_abbreviations(self, config: MkDocsConfig, edition: StandardEdition) -> None:
        if "abbr" in config.markdown_extensions:
            # The glossary's acronyms get their tooltips on every page, hand-written ones too.
            abbr = config.mdx_configs.setdefault("abbr", {})
            abbr["glossary"] = edition.abbreviations(abbr.get("glossary"))

    def set_nav(self, config: MkDocsConfig, edition: StandardEdition) -> None:
        config.nav = edition.nav(self.specs)

    def add_colours_css(self, config: MkDocsConfig) -> None:
        # The council's colours, a stylesheet made in on_files, after the theme's own.
        config.extra_css = [*config.extra_css, COLOURS_CSS]

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        # Page templates live in the theme folder so that a council can override them, but
        # they are not assets of the site.
        for file in [f for f in files if f.src_uri.endswith(".j2")]:
            files.remove(file)
        self.page_settings = {}
        for spec in self.specs:
            markdown = spec.markdown
            try:
                # MkDocs reads a page's front matter with its YAML reader, which takes about half a
                # millisecond a page: the page's settings are read here instead, and given to the page
                # once MkDocs has read it (on_page_markdown), which finds settings of none of its own.
                self.page_settings[spec.uri], body = read_front_matter(markdown)
                markdown = NO_SETTINGS + body
            except ValueError:
                pass  # Markdown MkDocs reads settings from itself, as it would any page
            file = File.generated(
                config, spec.uri, content=markdown, inclusion=InclusionLevel.UNDEFINED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            )
            file.edit_uri = spec.edit_path
            files.append(file)
        # The Easy Read pictures in use, each set's licence beside them, as the checked bytes: a
        # picture's own file is never handed to MkDocs to copy.
        try:
            for picture in self.pictures:
                files.append(File.generated(config, picture.site_path, content=published_bytes(picture)))
            for picture_set in sorted({p.set for p in self.pictures}, key=lambda ps: ps.id):
                licence = licence_bytes(picture_set)
                if licence is not None:
                    files.append(File.generated(config, picture_set.site_licence, content=licence))
        except ContentError as error:
            listing = "\n".join(str(p) for p in error.problems)
            raise PluginError(f"A picture cannot be published; nothing was built:\n{listing}") from None
        # Each chart beside its page, as the bytes the pictures' cleaner passed unchanged.
        for path, data in self.charts.items():
            files.append(File.generated(config, path, content=data))
        # The feeds and calendars, as files of the site beside the pages that link to them (so MkDocs
        # checks those links too), written only into the site folder.
        for path, data in self.subscriptions.items():
            files.append(File.generated(config, path, content=data))
        try:
            colours = colours_css(self.config.primary_colour, self.config.accent_colour)
        except BadColour as error:
            raise PluginError(str(error)) from None
        files.append(File.generated(config, COLOURS_CSS, content=colours))
        return files

    @event_priority(-50)  # after other plugins have shaped the nav, so the scoping sees its final form
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled:
            return nav
        self.leave_out_of_sitemap(files)
        home = files.get_file_from_path("index.md")
        home_page = home.page if home else None
        strategy_sections = [item for org in nav.items if isinstance(org, Section) for item in org.children if isinstance(item, Section)]
        # Each strategy page shows only its own strategy and a way back to the library: the whole
        # library in every page would grow with the square of the number of pages.
        for section in strategy_sections:
            pages = [child for child in section.children if isinstance(child, Page)]
            for before, after in zip(pages, pages[1:], strict=False):
                before.next_page, after.previous_page = after, before
            if pages:
                pages[0].previous_page = None
                pages[-1].next_page = None
            scoped = Navigation([home_page, section] if home_page else [section], pages)
            for page in pages:
                self.scoped[page.file.src_uri] = scoped
        top = [item for item in nav.items if isinstance(item, Page)]
        top += [child for org in nav.items if isinstance(org, Section) for child in org.children if isinstance(child, Page)]
        library_nav = self.library_nav = Navigation(top, top)
        for page in nav.pages:
            if page.file.src_uri not in self.scoped:
                self.scoped[page.file.src_uri] = library_nav
                if page in top:
                    page.previous_page = page.next_page = None
        self.nav = nav
        # The generated pages' Markdown is converted on every core, starting now, as MkDocs reads them,
        # but for the pages converted by an earlier build from the same Markdown (see page_cache.py).
        generated = self.generated_pages(files)
        self.page_cache = (
            PageCache(caches.usable_folder(self.root, PAGE_CACHE_DIR)) if may_lean_on(config, own=self, engine=self.engine) else None
        )
        if workers := prerender(generated, config, files, self.render_workers(generated, config), self.page_cache):
            self.workers.append(workers)
        return nav

    @event_priority(-100)  # after other plugins' changes to the environment, which the workers need
    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        # A council's theme templates are rendered in Jinja's sandbox, like its page templates.
        env = sandboxed(env, read_only=True)
        if not self.config.enabled or self.nav is None:
            return env
        # Every page has been converted: the page cache's entries no page asked for are of no more use.
        if self.page_cache is not None:
            self.page_cache.prune()
        # The generated pages are put into the theme's template on every core, starting now.
        generated = self.generated_pages(files)
        self.page_html = {page.file.src_uri: page.content for page in generated if page.content is not None}
        # A page whose template reads nothing but what its key covers is reused from an earlier build.
        self.finished = FinishedPages(caches.usable_folder(self.root, FINISHED_DIR)) if self.page_cache is not None else None
        # The booklets are printed on other cores while MkDocs puts the pages into the theme's template,
        # from when it has copied into the site every file they show (on_pre_template). Started here,
        # before any worker for the pages: a process is not forked beside a pool's threads.
        if self.config.pdf:
            processes = processes_for(self.config.render_workers)
            # Their HTML is made at once, and the printer loaded; their printing waits for their files.
            self.booklets_printing = Meanwhile(
                partial(self.booklets, config), processes=processes, waiting=True, ahead=partial(self.booklets_ahead, config)
            )
        workers_wanted = self.render_workers(generated, config)
        env, workers = prebuild(generated, config, files, self.nav, env, workers_wanted, self.finished, self)
        if workers:
            self.workers.append(workers)
        return env

    def generated_pages(self, files: Files) -> list[Page]:
        """The pages this plugin made, in the order MkDocs reads and builds them."""
        return [f.page for spec in self.specs if (f := files.get_file_from_path(spec.uri)) is not None and f.page is not None]

    def render_workers(self, pages: list[Page], config: MkDocsConfig) -> int:
        return workers_for(len(pages), config, setting=self.config.render_workers, own=self, engine=self.engine)

    def use_contents(self, contents: LibraryCache, root: Path) -> None:
        """Load the content of the project at root through contents: `build` hands over the cache it has just
        checked the content through, rather than the build reading it all again."""
        self.contents, self.contents_root = contents, root.resolve()

    @event_priority(100)  # first: another plugin (mkdocs-material's meta) sees the settings, as MkDocs read them
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        settings = self.page_settings.get(page.file.src_uri)
        if settings is not None:
            page.meta = settings  # see on_files
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        # Every page's body, generated or written by hand, reaches readers (and the search index, and
        # the booklets) only through the one allowlist: see plugins/sanitise.py.
        return clean_html(html)

    def leave_out_of_sitemap(self, files: Files) -> None:
        """A page that asks search engines to leave it out (robots: noindex, the Easy Read review pages)
        is left out of sitemap.xml too, which lists a page only if it has an address of its own: the
        page keeps its place and its links, but says nothing to a crawler of where it is."""
        for spec in self.specs:
            if spec.meta.get("robots") == "noindex":
                file = files.get_file_from_path(spec.uri)
                if file is not None and file.page is not None:
                    file.page.canonical_url = None
                    file.page.abs_url = None

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext | None:
        # Pages outside the nav (the status filters) get the library's short nav too: the theme's
        # default would be the whole library, on every such page.
        scoped = self.scoped.get(page.file.src_uri, self.library_nav)
        if self.config.enabled and scoped is not None:
            context["nav"] = scoped
        # The theme hides a table of contents with `hide: [toc]` but still writes it into the page,
        # twice (the sidebar and the phone menu): a page that hides it keeps only its title, which
        # the theme's "Skip to content" link points at.
        if "toc" in (page.meta.get("hide") or []) and page.toc.items:
            title = page.toc.items[0]
            title.children = []
            page.toc = TableOfContents([title])
        return context

    def on_template_context(self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig) -> TemplateContext | None:
        # The "page not found" page is the theme's own template, not a page: without this it would
        # carry every page of the library, which a reader following a broken link has to download.
        if self.config.enabled and self.library_nav is not None and template_name == "404.html":
            context["nav"] = self.library_nav
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        return self.protect(output, page.file.src_uri)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        return self.protect(output_content, template_name) if template_name.endswith(".html") else output_content

    def checked(self, html: str, page: Page) -> str | None:
        """The page as protect gives it, or None if it holds what no page may: worked out ahead, in a worker
        that made the page, or for a page as an earlier build finished it, which is then made again rather
        than stopping the build (see PagePolicy in rendering.py)."""
        if self.serving:
            return html
        try:
            return check_and_protect(html, page.file.src_uri)
        except UnsafePage:
            return None

    def vouch(self, html: str, protected: str) -> None:
        # What checked gave for html, for on_post_page, which MkDocs calls next with html.
        self.protected = (html, protected)

    def protect(self, html: str, name: str) -> str:
        """The page with its Content-Security-Policy; the build stops if it holds what no page may (see plugins/safety/page_policy.py)."""
        if self.serving:
            return html
        if self.protected is not None and self.protected[0] is html:
            protected, self.protected = self.protected[1], None
            return protected
        self.protected = None
        try:
            return check_and_protect(html, name)
        except UnsafePage as error:
            raise PluginError(str(error)) from None

    def on_pre_template(self, template: jinja2.Template, /, *, template_name: str, config: MkDocsConfig) -> jinja2.Template | None:
        # MkDocs builds the theme's own templates (404.html, sitemap.xml) once it has copied every static
        # file into the site: pictures, charts, stylesheets and fonts, all a booklet reads.
        if self.booklets_printing is not None:
            self.booklets_printing.go()
        return template

    def on_build_error(self, *, error: Exception) -> None:
        self.stop_everything()

    def stop_everything(self) -> None:
        """Stop every process the build started, the booklets' printing too: once the build has stopped
        (on an error, or Ctrl-C, which MkDocs does not tell plugins of), nothing writes into its folder."""
        self.stop_workers()
        if self.booklets_printing is not None:
            self.booklets_printing.stop()
            self.booklets_printing = None

    def stop_workers(self) -> None:
        # Once the pages are built, or the build has stopped early, the workers have nothing left to do.
        for workers in self.workers:
            workers.close()
        self.workers = []

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.stop_workers()
        # Every page has been built: the finished pages no page asked for are of no more use.
        if self.finished is not None:
            self.finished.prune()
        if not self.config.enabled or self.library is None:
            return
        # Search is indexed on another core while the booklets print.
        with self.indexing_for_search(Path(config.site_dir)):
            self.print_booklets(config)

    @contextmanager
    def indexing_for_search(self, site_dir: Path) -> Iterator[None]:
        """Index the built pages for search while the body runs; should the body stop the build, the indexing stops with it."""
        search = start_search_index(site_dir)
        try:
            yield
        except BaseException:
            search.kill()
            search.wait()
            raise
        try:
            finish_search_index(search)
        except SearchFailed as error:
            raise PluginError(str(error)) from None

    def print_booklets(self, config: MkDocsConfig) -> None:
        # The printable booklets are made after the pages (or while MkDocs makes them), into the same
        # (staging) folder, so a booklet that fails to print stops the build like a page that fails to render.
        if not self.config.pdf:
            return
        printing, self.booklets_printing = self.booklets_printing, None
        made = printing.result() if printing is not None else self.booklets(config, self.booklets_ahead(config))
        if isinstance(made, str):
            raise PluginError(made)
        self.printed = made

    def booklets_ahead(self, config: MkDocsConfig) -> list[Booklet] | str:
        """What can be done for the booklets before their files are in the site: every booklet's HTML, from
        the pages' content alone (nothing in the site folder), and the printer loaded (WeasyPrint, with the
        machine's fonts: seconds, on a council's CI machine), which every booklet's key names. Or why the
        HTML could not be made, in the words the build stops with."""
        assert self.library is not None
        from plugins.publishing.booklet_cache import printer
        from plugins.publishing.booklets import Booklets

        theme_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        booklets = Booklets(self.root, self.library, self.day, style=self.style, theme_dir=theme_dir)
        try:
            made = booklets.all(self.specs, self.page_html)
        except Exception as error:  # a council's booklet template reaching past the sandbox, say
            problem = template_problem(error, self.root)
            if problem is None:
                raise
            return f"A template could not be used: {problem}"
        printer()
        return made

    def booklets(self, config: MkDocsConfig, made: list[Booklet] | str) -> Tally | str:
        """Put every booklet made (booklets_ahead) into the site folder, printed or from the booklet cache:
        how many of each, or why one could not be printed, in the words the build stops with."""
        from plugins.publishing.booklet_cache import CACHE_DIR, BookletCache
        from plugins.publishing.booklets import BookletFailed
        from plugins.publishing.printing import print_booklets

        if isinstance(made, str):
            return made
        site_dir = Path(config.site_dir)
        cache = BookletCache(caches.usable_folder(self.root, CACHE_DIR), site_dir)
        try:
            return print_booklets(made, site_dir, cache=cache, workers=processes_for(self.config.render_workers))
        except BookletFailed as error:
            return str(error)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        # Officers edit YAML, not Markdown: rebuild when content or templates change.
        for folder in watched_folders(self.root, config, self.config):
            server.watch(str(folder))
        return server


def watched_folders(root: Path, config: MkDocsConfig, settings: StrategyConfig) -> list[Path]:
    """The folders the plugin has the server watch while serving: the content folder, the pictures, and the theme's
    (custom_dir, wherever mkdocs.yml puts it), where the page templates are too. MkDocs watches the
    docs folder and mkdocs.yml itself, but not the theme's folder unless asked to (--watch-theme)."""
    # The pictures too: a picture set's set.yml is content, and a new picture changes the Easy Read pages.
    folders = [root / settings.content_dir, root / PICTURES_DIR]
    if config.theme.custom_dir:  # made absolute by MkDocs, from mkdocs.yml's folder
        folders.append(Path(config.theme.custom_dir))
    return folders
