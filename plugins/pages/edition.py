"""The standard edition: every page of the site, as Markdown, from a loaded content library.

This is a plain library with no MkDocs in it. The MkDocs plugin asks it for the
pages and the navigation; `site_build.py export` asks it for the same pages to
write as files that any MkDocs-compatible engine can build.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import jinja2

from easyread.coverage import KINDS
from easyread.page import easy_read_page, kept_whole_text
from easyread.review import review_page
from easyread.rules import Style
from plugins.content import Library, LoadedReport, LoadedStrategy
from plugins.content.changes import side_by_side
from plugins.content.dates import by_date, figure, has_come, on_date, uk_date, with_unit
from plugins.content.model import STAGES, Organisation, tel_address
from plugins.content.pictures import Picture
from plugins.cores.sharing import each
from plugins.safety.sandbox import sandboxed
from plugins.safety.sanitise import tooltip_text

from . import charts, news, progress, render, status
from .charts import Chart
from .guide import officers_guide
from .kept import EveryStrategy, KeptMarkdown, MarkdownStore, render_watched
from .news import UpdateOn, strategy_uri

# Between the parts of a browser tab's title: "Governance – SEND Strategy 2021-24 – Education and SEND
# strategies". A spaced en dash, because strategies' own titles hold hyphens ("2021-24"); the theme's
# template (templates/main.html) puts the same one before the site's name.
TITLE_SEPARATOR = " \u2013 "

# A card (title, status, period and summary) takes about 400 bytes; at more than this many strategies,
# listing pages show one line each, so that no page grows past about 60 KB at a council's scale.
CARDS_PER_PAGE = 30
# Below this many pages for each process, forking costs more than making their Markdown in one.
PAGES_PER_PROCESS = 50


@dataclass
class PageSpec:
    """One page of the site: where it goes, what it is called, how it is made, and where it came from."""

    uri: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    edit_path: str | None = None
    strategy: LoadedStrategy | None = None
    nav_title: str | None = None
    markdown: str = ""
    # Pages reached by a link rather than the menu: the status filters, and the Easy Read edition,
    # which is quieter without the strategy's menu.
    in_nav: bool = True
    meta: dict[str, Any] = field(default_factory=dict)
    # How the browser tab names the page, where its title is too long for a phone's tab.
    tab_title: str | None = None


@dataclass(frozen=True)
class StrategyPage:
    """One page of a strategy's standard edition, as the strategy's menu and its footer list it."""

    name: str  # its address in the strategy's folder, without .md: "index", "priorities/responsive"
    title: str
    template: str
    edited_in: str  # the top-level field the page shows, whose file its "Edit this page" link opens
    # What the template is given besides the strategy: the priority or the table the page is about.
    shows: dict[str, Any] = field(default_factory=dict)
    nav_title: str | None = None
    # The footer lists the strategy's other pages; the index and the priorities are reached from the
    # index's own list of priorities.
    in_footer: bool = True
    # How the browser tab names the page, where its title is too long for a phone's tab.
    tab_title: str | None = None
    # The charts the page shows, each published as a file in the page's own folder.
    charts: tuple[Chart, ...] = ()


@dataclass(frozen=True)
class StrategyFacts:
    """What the pages say about a strategy as of the build day, worked out once for all of its pages."""

    status_words: str
    period_words: str
    consultation_open: bool
    consultation_closed: bool
    awaiting_decision: bool
    # A day, or the month or year the source gives for the first stage or a held event: shown as given.
    published: dt.date | str
    updated: dt.date | str
    updates: list[UpdateOn]
    year_now: status.YearNow | None
    history: list[tuple[dt.date | str, str]]
    # How it is going: the actions' statuses counted, and every dated update, newest first.
    rollups: progress.Rollups
    entries: list[progress.Entry]
    # Whether anything at all is reported on how it is going: where nothing is, the pages say so.
    reported: bool


def easy_read_uri(s: LoadedStrategy) -> str:
    # An index page, so that its folder is its address and its HTML can link to pictures relatively.
    return strategy_uri(s, "easy-read/index")


def review_uri(s: LoadedStrategy) -> str:
    """The Easy Read edition's review page, for the communications team: beside the edition, in no menu."""
    return strategy_uri(s, "easy-read/review/index")


def review_url(s: LoadedStrategy) -> str:
    """Where the review page is published, under the site's root: leicestershire/plan/easy-read/review/."""
    return render.page_url(review_uri(s))


def pdf_path(s: LoadedStrategy, easy_read: bool = False) -> str:
    """Where a strategy's printable booklet is published, under the site's root."""
    return f"{s.organisation.id}/{s.slug}/{s.slug}{'-easy-read' if easy_read else ''}.pdf"


def report_uri(r: LoadedReport) -> str:
    return f"{r.organisation.id}/progress/{r.slug}.md"


def _listing() -> dict[str, Any]:
    # Listing pages carry no table of contents: it would repeat the list itself, and at a council's
    # scale it would be most of the page's weight.
    return {"hide": ["toc"]}


class StandardEdition:
    """Builds every page of the standard edition for a library, as of a given day."""

    def __init__(
        self,
        library: Library,
        env: jinja2.Environment,
        as_of: dt.date,
        *,
        easy_read_style: Style | None = None,
        pdfs: bool = False,
        chart_store: charts.SvgStore | None = None,
        markdown_store: MarkdownStore | None = None,
        code: str | None = None,
    ):
        # What the pages tell is what has happened by the build day: an update dated after it waits for its day.
        self.library = progress.as_of(library, as_of)
        self.as_of = as_of
        self.easy_read_style = easy_read_style or Style()
        # Whether printable booklets are made with this build, so pages can link to them.
        self.pdfs = pdfs
        self.pictures_used: dict[str, Picture] = {}
        # Each chart's file, by where it is published under the site's root, as its bytes.
        self.charts_used: dict[str, bytes] = {}
        # Where charts drawn by earlier builds are kept (the chart cache), so that only changed ones are drawn.
        self.chart_store = chart_store
        # Where strategies' pages' Markdown made by earlier builds is kept, so that only changed pages are
        # made (see kept.py); code names this project's code, the templates and the packages installed.
        self.kept: KeptMarkdown | None = None
        if markdown_store is not None and code is not None:
            settings = [code, as_of.isoformat(), repr(self.easy_read_style), pdfs]
            self.kept = KeptMarkdown(markdown_store, json.dumps(settings), self.library)
        # What each acronym in the glossary stands for: the tooltips of the pages' Markdown (see
        # abbreviations) and of their raw HTML (the h filter) alike.
        self.acronyms = render.Acronyms({t.term: t.stands_for for t in library.glossary if t.stands_for})
        # An overlay shares the theme's loader, filters and globals, with whitespace control
        # suited to Markdown, where a stray blank line or indent changes the meaning.
        # A council's page templates are untrusted: they are rendered in Jinja's sandbox, and change nothing
        # (so that no page depends on which were made before it, in which process, or kept: see kept.py).
        self.env = sandboxed(env, read_only=True).overlay(
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False
        )
        self.env.filters.update(
            md=render.md,
            h=partial(render.html_text, acronyms=self.acronyms),
            attr=render.attr,
            tel=tel_address,
            indent_md=render.indent,
            uk_date=uk_date,
            on_date=on_date,
            by_date=by_date,
            figure=figure,
            unit_words=charts.unit_words,
            in_unit=with_unit,
            keep_whole=kept_whole_text,
            prose=render.prose_html,
            newest_first=progress.newest_first,
        )
        # A planned month or year may still be ahead until its last day has come.
        self.env.globals.update(
            STAGES=STAGES, stage_names=status.STAGE_NAMES, stage_slug=status.stage_slug, is_future=lambda day: not has_come(day, as_of)
        )
        self.updates = news.updates_by_strategy(self.library)
        # What happened to each strategy up to the build day: its change history, the feeds and "What's new".
        self.news = news.library_news(self.library, as_of, self.updates)
        # Whether each strategy has dates for a calendar.
        self.dated = {s.id: bool(news.calendar_items(s)) for s in self.library.strategies}

    # --- What is shown about a strategy ---------------------------------------------------------

    def facts(self, s: LoadedStrategy) -> StrategyFacts:
        m = s.model
        updates = self.updates.get(s.id, [])
        # The change history, newest first, GOV.UK style: each stage reached, each progress update and
        # each change note the council recorded, from the strategy's news (see news.py). Nothing else is inferred.
        history = [(item.date, item.what) for item in self.news[s.id] if item.kind in news.HISTORY_KINDS]
        entries = progress.entries(m, updates)
        return StrategyFacts(
            status_words=status.status_words(m, self.as_of),
            period_words=status.period_words(m, self.as_of),
            consultation_open=status.consultation_open(m, self.as_of),
            consultation_closed=status.consultation_closed(m, self.as_of),
            awaiting_decision=status.awaiting_decision(m, self.as_of),
            published=m.stages[0].date,
            updated=news.last_updated(s, updates),
            updates=updates,
            year_now=status.year_now(m, self.as_of),
            history=history,
            rollups=progress.rollups(m),
            entries=entries,
            reported=progress.anything_reported(m, entries),
        )

    def strategy_pages(self, s: LoadedStrategy) -> list[StrategyPage]:
        """The pages a strategy has, in the order its menu lists them."""
        m = s.model
        index_shows = {"pdf": render.html_link(strategy_uri(s), pdf_path(s))} if self.pdfs else {}
        pages = [StrategyPage("index", m.title, "index", "title", index_shows, nav_title="At a glance", in_footer=False)]
        # A priority's title can run to a sentence: its tab gives its number, and its one-word name if it has one.
        pages += [
            StrategyPage(
                f"priorities/{p.id}",
                f"{p.label}: {p.title}",
                "priority",
                "priorities",
                {"priority": p},
                in_footer=False,
                tab_title=f"{p.label}: {p.short_name}" if p.short_name else p.label,
            )
            for p in m.priorities
        ]
        # A withdrawn strategy has no "this year": its actions are kept as written, on its priorities' pages.
        if m.period.years and any(p.actions for p in m.priorities) and m.status != "withdrawn":
            pages.append(StrategyPage("this-year", "This year", "this-year", "priorities"))
        # At the address the progress updates had, so that links to it still work: it gathers them.
        if progress.has_progress_page(m, self.updates.get(s.id, [])):
            pages.append(StrategyPage("progress", "How it is going", "progress", "priorities"))
        if m.measures or any(u.update.indicators for u in self.updates.get(s.id, [])):
            drawn = self.indicator_charts(s)
            shown = tuple(c.chart for c in drawn)
            pages.append(StrategyPage("measures", "Measures of success", "measures", "measures", {"indicator_charts": drawn}, charts=shown))
        if m.governance:
            pages.append(StrategyPage("governance", "Governance", "governance", "governance"))
        pages.append(StrategyPage("timeline", "Timeline and decisions", "timeline", "stages"))
        for t in m.tables:
            chart = charts.table_chart(t, self.chart_store)
            shown = (chart,) if chart else ()
            pages.append(StrategyPage(f"tables/{t.id}", t.caption, "table", "tables", {"table": t, "chart": chart}, charts=shown))
        if any(section.page == "about this strategy" for section in m.sections) or m.principles or m.values or m.scope:
            pages.append(StrategyPage("about", "About this strategy", "about", "sections"))
        if m.reports:
            pages.append(StrategyPage("report", "Council report", "report", "reports"))
        if m.background_papers or m.related_documents or m.related_strategies:
            pages.append(StrategyPage("papers", "Background papers and related documents", "papers", "background_papers"))
        if m.versions:
            pages.append(
                StrategyPage("changes-after-consultation", "What changed after consultation", "versions", "versions", self.versions(s))
            )
        if m.contacts:
            pages.append(StrategyPage("contacts", "Contacts", "contacts", "contacts"))
        if m.glossary:
            pages.append(StrategyPage("glossary", "Glossary", "glossary", "glossary"))
        return pages

    def indicator_charts(self, s: LoadedStrategy) -> list[charts.IndicatorChart]:
        """The strategy's indicators with two or more figures, its own and those its progress reports give, charted."""
        own = [charts.IndicatorSource(i) for i in (s.model.measures.indicators if s.model.measures else [])]
        oldest_first = reversed(self.updates.get(s.id, []))
        reported = [charts.IndicatorSource(i, u.date) for u in oldest_first for i in u.update.indicators]
        return charts.indicator_charts(own + reported, self.chart_store)

    # --- Every page -------------------------------------------------------------------------------

    def pages(self) -> list[PageSpec]:
        shared = self.shared_context()
        specs = self.site_pages(shared)
        for org in shared["organisations"]:
            specs += self.organisation_pages(org, shared)
        return specs

    def shared_context(self) -> dict[str, Any]:
        """What every page's template is given: the site, the library, and the facts about each strategy."""
        lib = self.library
        by_org = {o.id: [s for s in lib.strategies if s.organisation.id == o.id] for o in lib.organisations}
        # What is given of every strategy tells the kept pages' watch when it is read (see kept.py).
        return {
            "site": lib.site,
            "facts": EveryStrategy({s.id: self.facts(s) for s in lib.strategies}),
            "as_of": self.as_of,
            "organisations": [o for o in lib.organisations if by_org[o.id] or any(r.organisation.id == o.id for r in lib.reports)],
            "by_org": EveryStrategy(by_org),
            "strategy_uri": strategy_uri,
            "easy_read_uri": easy_read_uri,
            "review_uri": review_uri,
            "report_uri": report_uri,
            "glossary": lib.glossary,
            "strategies_by_id": EveryStrategy({s.id: s for s in lib.strategies}),
            # Pages listing more strategies than this show a line for each rather than a card.
            "compact": len(lib.strategies) > CARDS_PER_PAGE,
            "cards_per_page": CARDS_PER_PAGE,
            # The feeds and calendars (see news.py and plugins/publishing/feeds.py): a strategy has a
            # calendar only if it has dates to put in one.
            "feed_path": news.feed_path,
            "calendar_path": news.calendar_path,
            "site_feed": news.SITE_FEED,
            "site_calendar": news.SITE_CALENDAR if any(self.dated.values()) else None,
            "dated": EveryStrategy(self.dated),
        }

    def site_pages(self, shared: dict[str, Any]) -> list[PageSpec]:
        """The pages about the whole site: home, a page for each stage, the glossary, accessibility, the guide, search."""
        site = self.library.site
        specs = [
            PageSpec(
                "index.md", site.title, "home", shared, edit_path=self.library.file("site.yml"), nav_title="All strategies", meta=_listing()
            )
        ]
        for stage in STAGES:
            chosen = [s for s in self.library.strategies if s.model.status == stage]
            specs.append(
                PageSpec(
                    f"status/{status.stage_slug(stage)}.md",
                    f"{status.STAGE_NAMES[stage]} strategies",
                    "status",
                    {**shared, "stage": stage, "chosen": chosen},
                    edit_path=self.library.file("site.yml"),
                    in_nav=False,
                    meta=_listing(),
                )
            )
        latest = news.latest(self.news)
        whats_new = {**shared, "latest": latest, "latest_by_date": news.by_date(latest), "latest_limit": news.LATEST}
        specs.append(PageSpec("whats-new.md", "What's new", "whats-new", whats_new, meta=_listing()))
        specs.append(PageSpec("glossary.md", "Glossary", "site-glossary", shared, edit_path=self.library.file("glossary.yml")))
        specs.append(
            PageSpec("accessibility.md", "Accessibility statement", "accessibility", shared, edit_path=self.library.file("site.yml"))
        )
        specs.append(
            PageSpec("officers-guide.md", "Officer's guide", "officers-guide", {**shared, **officers_guide(self.library.content_dir)})
        )
        search = {"template": "search.html", "hide": ["toc"], "searchable": False}
        specs.append(PageSpec("search.md", "Search", "search", shared, in_nav=False, meta=search))
        return specs

    def organisation_pages(self, org: Organisation, shared: dict[str, Any]) -> list[PageSpec]:
        """An organisation's page, then each of its strategies' pages, then its progress reports."""
        reports = [r for r in self.library.reports if r.organisation.id == org.id]
        context = {**shared, "organisation": org, "reports": reports}
        specs = [
            PageSpec(
                f"{org.id}/index.md", org.name, "organisation", context, edit_path=self.library.file("organisations.yml"), meta=_listing()
            )
        ]
        for s in shared["by_org"][org.id]:
            specs += self.strategy_specs(s, shared)
        for r in reports:
            specs.append(PageSpec(report_uri(r), r.model.title, "progress-report", {**shared, "r": r}, edit_path=r.source.main.file))
        return specs

    def strategy_specs(self, s: LoadedStrategy, shared: dict[str, Any]) -> list[PageSpec]:
        """A strategy's pages, then its Easy Read edition if it has one."""
        pages = self.strategy_pages(s)
        strategy = {"s": s, "m": s.model, "f": shared["facts"][s.id], "pages": pages}
        for page in pages:
            for chart in page.charts:
                self.charts_used[render.page_url(strategy_uri(s, page.name)) + chart.file] = chart.svg
        specs = [
            PageSpec(
                strategy_uri(s, page.name),
                page.title,
                page.template,
                {**shared, **strategy, **page.shows},
                edit_path=s.source.file_of(page.edited_in),
                strategy=s,
                nav_title=page.nav_title,
                tab_title=page.tab_title,
            )
            for page in pages
        ]
        if s.model.easy_read is not None:
            specs.append(self.easy_read_spec(s, shared))
            specs.append(self.review_spec(s, shared))
        return specs

    def versions(self, s: LoadedStrategy) -> dict[str, Any]:
        """The two versions of a strategy side by side: the draft as consulted on, and the approved one."""
        assert s.model.versions is not None
        this = s.model.versions
        other = next((o for o in this.others if o.kind != this.this), this.others[0])
        other_on_site = self.library.strategy(other.strategy) if other.strategy else None
        here = {"kind": this.this, "title": s.model.title, "date": this.date, "years": (s.model.period.first_year, s.model.period.end_year)}
        there = {"kind": other.kind, "title": other.title, "date": other.date, "years": (other.start_year, other.end_year)}
        draft, approved = (here, there) if this.this == "consultation draft" else (there, here)
        rows = []
        if other_on_site is not None:
            models = (s.model, other_on_site.model) if this.this == "consultation draft" else (other_on_site.model, s.model)
            rows = side_by_side(*models)
        return {"draft": draft, "approved": approved, "other": other, "other_on_site": other_on_site, "rows": rows}

    def easy_read_spec(self, s: LoadedStrategy, shared: dict[str, Any]) -> PageSpec:
        page = easy_read_page(s, self.library.pictures, as_of=self.as_of)
        self.pictures_used.update({p.id: p for p in page.pictures})
        uri = easy_read_uri(s)
        context = {
            **shared,
            "s": s,
            "m": s.model,
            "er": page,
            "picture_sets": sorted({p.set for p in page.pictures}, key=lambda ps: ps.id),
            "pdf": render.html_link(uri, pdf_path(s, easy_read=True)) if self.pdfs else None,
            "priority_links": {
                p.id: render.html_link(uri, render.page_url(strategy_uri(s, f"priorities/{p.id}"))) for p in s.model.priorities
            },
        }
        title = f"Easy Read: {page.title}"
        spec = PageSpec(
            uri,
            title,
            "easy-read",
            context,
            edit_path=s.source.file_of("easy_read"),
            strategy=s,
            in_nav=False,
            # The name the link to it from every other page of the strategy gives it.
            tab_title="Easy Read version",
        )
        style = self.easy_read_style
        spec.meta = {
            "template": "easy-read.html",
            "hide": ["navigation", "toc"],
            "easy_read_style": {"font_size_px": style.font_size_px, "line_height": style.line_height, "font_family": style.font_family},
        }
        return spec

    def review_spec(self, s: LoadedStrategy, shared: dict[str, Any]) -> PageSpec:
        """The review page of a strategy's Easy Read edition: for the communications team, so in no menu,
        not in the search index, and asking search engines to leave it out."""
        review = review_page(s, self.library.pictures, self.library.glossary, as_of=self.as_of)
        self.pictures_used.update({p.id: p for p in review.pictures})
        uri = review_uri(s)
        context = {
            **shared,
            "s": s,
            "m": s.model,
            "review": review,
            "coverage_kinds": KINDS,
        }
        spec = PageSpec(
            uri,
            f"Review of the Easy Read edition: {review.title}",
            "easy-read-review",
            context,
            edit_path=s.source.file_of("easy_read"),
            strategy=s,
            in_nav=False,
            tab_title="Easy Read review",
        )
        spec.meta = {"searchable": False, "robots": "noindex", "hide": ["toc"]}
        return spec

    def render(self, spec: PageSpec) -> str:
        template = self.env.get_template(f"pages/{spec.template}.md.j2")
        # `link` for Markdown's links, which MkDocs resolves to pages; `href` for raw HTML's, which it leaves as written.
        link: Callable[..., str] = partial(render.relative_link, spec.uri)
        href: Callable[..., str] = partial(render.page_href, spec.uri)
        body = template.render(**spec.context, page=spec, link=link, href=href)
        return self.front_matter(spec) + body.rstrip("\n") + "\n"

    def browser_title(self, spec: PageSpec) -> str | None:
        """What the browser tab, bookmarks and history call the page, before the site's name (which
        templates/main.html adds): the page, then its strategy, so that the words a phone's narrow tab
        shows tell the page apart. A strategy's first page is the strategy itself: its short title.
        None for the home page, whose tab is the site's name alone."""
        s = spec.strategy
        if s is None:
            return None if spec.uri == "index.md" else spec.tab_title or spec.title
        if spec.uri == strategy_uri(s):
            return s.model.short_title
        return f"{spec.tab_title or spec.title}{TITLE_SEPARATOR}{s.model.short_title}"

    def front_matter(self, spec: PageSpec) -> str:
        """The page's settings for the theme: its browser title (see browser_title), which the theme
        also shows in the header bar once the page's own heading has scrolled away; and the link
        between a strategy's two editions, which the theme shows at the top of every page."""
        meta = dict(spec.meta)
        s = spec.strategy
        title = self.browser_title(spec)
        if title is not None:
            # The theme writes this title into <title> and the header bar without escaping it, and its
            # tooltips put the header bar's text back into the page as HTML (see tooltip_text).
            meta["title"] = html.escape(tooltip_text(title), quote=False)
        if s is not None and s.model.easy_read is not None:
            if spec.uri == easy_read_uri(s):
                target, words = strategy_uri(s), "Read the full version of this strategy"
            else:
                target, words = easy_read_uri(s), "Read the Easy Read version of this strategy"
            # The theme's url filter makes this address relative to the page it is shown on.
            meta["edition_switch"] = {"url": render.page_url(target), "text": words}
        # The feeds a reader's browser or feed reader can find from the page's head: the site's, and on a
        # strategy's pages the strategy's. Their titles are written escaped by the theme's template.
        feeds = [{"url": news.SITE_FEED, "title": f"{self.library.site.title}: updates"}]
        if s is not None:
            feeds.append({"url": news.feed_path(s), "title": f"{s.model.short_title}: updates"})
        meta["feeds"] = feeds
        return write_front_matter(meta)

    def abbreviations(self, configured: dict[str, str] | None = None) -> dict[str, str]:
        """What each acronym in the glossary stands for: the abbr extension's glossary, which gives the
        acronym a tooltip wherever it appears. Given once to the extension rather than written under
        every page, where Markdown would parse the same definitions again for each page. An
        abbreviation already configured for the extension in mkdocs.yml wins over the glossary's."""
        return {**self.acronyms.meanings, **(configured or {})}

    def build(self, processes: int = 1) -> list[PageSpec]:
        """Every page, its Markdown taken from the kept pages where nothing it is made from has changed
        (see kept.py), or made from its template on up to `processes` processes (see plugins/cores/),
        each page's the same as one process makes: a template is given its own page's context, what it
        sets is its own, and it may change nothing it is given (the sandbox refuses append, update and
        the like), so no page depends on the others made before it."""
        specs = self.pages()
        keys = [self.kept.key(spec) if self.kept is not None else None for spec in specs]
        to_make = []
        for spec, key in zip(specs, keys, strict=True):
            markdown = self.kept.get(key) if self.kept is not None and key is not None else None
            if markdown is None:
                to_make.append((spec, key))
            else:
                spec.markdown = markdown
        made = each(self._made, to_make, processes=processes, at_least=PAGES_PER_PROCESS)
        for (spec, key), (markdown, keep) in zip(to_make, made, strict=True):
            spec.markdown = markdown
            if keep and self.kept is not None and key is not None:
                self.kept.put(key, markdown)
        return specs

    def _made(self, page: tuple[PageSpec, str | None]) -> tuple[str, bool]:
        """A page's Markdown, and whether it may be kept under its key (with the template watched: see kept.py)."""
        spec, key = page
        if key is None:
            return self.render(spec), False
        return render_watched(self.env, spec, self.render)

    def nav(self, specs: list[PageSpec]) -> list[Any]:
        """The whole library as MkDocs' nav: home, then each organisation's strategies, each a section."""
        nav: list[Any] = [{"All strategies": "index.md"}, {"What's new": "whats-new.md"}]
        in_menu: dict[str, list[PageSpec]] = {}
        for spec in specs:
            if spec.strategy is not None and spec.in_nav:
                in_menu.setdefault(spec.strategy.id, []).append(spec)

        # The theme writes nav titles into the page unescaped, and its tooltips put a link's text back into
        # the page as HTML: escaped, and with no < or > at all (see tooltip_text).
        def esc(text: str) -> str:
            return html.escape(tooltip_text(text), quote=False)

        for org in self.library.organisations:
            children: list[Any] = []
            for s in [s for s in self.library.strategies if s.organisation.id == org.id]:
                pages = [{esc(spec.nav_title or spec.title): spec.uri} for spec in in_menu.get(s.id, [])]
                children.append({esc(s.model.short_title): pages})
            for r in [r for r in self.library.reports if r.organisation.id == org.id]:
                children.append({esc(r.model.title): report_uri(r)})
            if children:
                # The organisation's own page is named by the organisation: the library's menu lists every
                # organisation's page side by side, where "All" twice would be two links of one name.
                nav.append({esc(org.name): [{esc(org.name): f"{org.id}/index.md"}, *children]})
        nav.append({"Glossary": "glossary.md"})
        nav.append({"Accessibility statement": "accessibility.md"})
        nav.append({"Officer's guide": "officers-guide.md"})
        return nav


# Front matter that MkDocs reads as no settings at all, quickly: given with a page whose settings are
# read here (read_front_matter), so that MkDocs still reads the body as it reads any page's.
NO_SETTINGS = "---\n{}\n---\n\n"


def write_front_matter(settings: dict[str, Any]) -> str:
    """A page's settings as the front matter of its Markdown: a setting a line, its value in JSON, which
    YAML reads as it is (and read_front_matter reads back)."""
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in settings.items()) + "---\n\n"


def read_front_matter(markdown: str) -> tuple[dict[str, Any], str]:
    """A page's settings and its body, from Markdown that write_front_matter began: what MkDocs reads from
    it, without its YAML reader (a few tenths of a second of a build of a council's library). ValueError
    where YAML might read it otherwise, for MkDocs to read: Markdown that does not begin so, a fraction
    (YAML 1.1 may read one as text), or a character YAML takes for a line break or refuses."""

    def no_fraction(text: str) -> float:
        raise ValueError(f"a fraction: {text}")

    if not markdown.startswith("---\n"):
        raise ValueError("no front matter")
    end = markdown.find("\n---\n", 3)
    if end < 0:
        raise ValueError("front matter that does not end")
    settings: dict[str, Any] = {}
    for line in markdown[4:end].split("\n"):
        key, colon, value = line.partition(": ")
        if not colon or not _SETTING_NAME.fullmatch(key) or not value.isprintable():
            raise ValueError(f"not a setting as written here: {line[:40]!r}")
        settings[key] = json.loads(value, parse_float=no_fraction, parse_constant=no_fraction)
    # As MkDocs reads it: the body from after the front matter's end, less the blank lines before it.
    return settings, markdown[end + 5 :].lstrip("\n")


_SETTING_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
