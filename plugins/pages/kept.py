"""Keeping strategies' pages' Markdown from one build to the next: a page made from nothing that has
changed is not made again.

After a pull request rewords one action, every other strategy's pages are what they were, yet making
every page's Markdown from its template is, with the page caches of plugins/adapter/rendering.py taking
care of the rest, most of what a rebuild does. A strategy's page is kept under a key of everything that
goes into it and can change between builds:

- the signature: this project's code, the council's templates, every installed package's version, and
  the edition's settings (the build day, the Easy Read style, whether booklets are linked);
- the library's own files: the site, the organisations, the glossary, the progress reports, the
  pictures' sets (and where the pictures are on the disk), and which strategies there are;
- the files of the page's strategy, and of any other strategy the page is given (the other version, on
  the page of what changed after consultation);
- the page itself: where it goes, its title, template and settings.

A page's template is also given the facts and lists of every strategy in the library, which no key
could cover without one strategy's change making every page again. So while the template renders, the
sandbox tells of everything it reads (plugins/safety/sandbox.py), and a page is kept only if its
template read nothing of another strategy, and nothing of the lists and facts of every strategy but its
own strategy's. Such a template is not refused, only made afresh on every build. No template can change
what it is given, or what the pages after it see (the sandbox is read-only), so a page kept is what its
template would make of it now. A page of the site's own (the home page, the stages, What's new, an
organisation's page) shows every strategy, and is always made afresh: there are few of them.

What is kept is only Markdown: it is converted, cleaned and checked on every build as a page made afresh is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Protocol, TypeVar

from plugins.content import Library, LoadedStrategy
from plugins.content.model import Strategy
from plugins.safety.sandbox import Sandbox

# Raised when what a key covers changes.
_FORMAT = 1
_PLAIN = (str, int, float, bool, type(None), dt.date)
_Value = TypeVar("_Value")


class PageSpec(Protocol):
    """What the key and the watch read of a page (edition.py's PageSpec)."""

    uri: str
    title: str
    template: str
    edit_path: str | None
    nav_title: str | None
    in_nav: bool
    meta: dict[str, Any]
    tab_title: str | None
    strategy: LoadedStrategy | None
    context: dict[str, Any]


_Page = TypeVar("_Page", bound=PageSpec)


class MarkdownStore(Protocol):
    """Where the pages' Markdown is kept between builds (plugins/publishing/page_cache.py's MarkdownPages)."""

    def get(self, key: str) -> str | None: ...

    def put(self, key: str, text: str) -> None: ...


class KeptMarkdown:
    """The kept Markdown of one build: each strategy page's key, and the watch on what its template reads."""

    def __init__(self, store: MarkdownStore, signature: str, library: Library) -> None:
        """signature names the code, the templates and the edition's settings (see the module's docstring)."""
        self.store = store
        shared = [
            library.site,
            library.organisations,
            library.glossary,
            [(r.organisation.id, r.slug, r.source.said()) for r in library.reports],
            [source.said() for name, source in sorted(library.sources.items()) if library.strategy(name) is None],
            # Whole, where each picture is on the disk included: a template may show it, so a project moved
            # or cloned elsewhere makes its pages once afresh, as the finished-page cache does.
            repr(library.pictures),
            [s.id for s in library.strategies],
            library.content_dir,
        ]
        self.base = hashlib.sha256(f"{_FORMAT}\0{signature}\0{_text(shared)}".encode()).hexdigest()
        self.digests: dict[str, str] = {}

    def key(self, spec: PageSpec) -> str | None:
        """The page's key, or None for a page that is not a strategy's, or whose settings cannot be told
        apart from another's by their words."""
        if spec.strategy is None:
            return None
        shown = [self._digest(s) for s in _strategies(spec)]
        about = [spec.uri, spec.title, spec.template, spec.edit_path, spec.nav_title, spec.in_nav, spec.meta, spec.tab_title]
        # What the page is given as a plain value, some worked out from every strategy (whether the site
        # has a calendar, say): the key covers them as they are.
        plain = sorted((name, value) for name, value in spec.context.items() if isinstance(value, _PLAIN))
        text = _text([self.base, about, shown, plain])
        return None if " at 0x" in text else hashlib.sha256(text.encode()).hexdigest()

    def get(self, key: str) -> str | None:
        return self.store.get(key)

    def put(self, key: str, markdown: str) -> None:
        self.store.put(key, markdown)

    def _digest(self, s: LoadedStrategy) -> str:
        if s.id not in self.digests:
            self.digests[s.id] = hashlib.sha256(_text([s.id, s.source.said()]).encode()).hexdigest()
        return self.digests[s.id]


class EveryStrategy(Mapping[str, _Value]):
    """Something of every strategy, by the strategy's id, as the pages' templates are given it (the facts,
    the strategies themselves, whether each has a calendar), or of every organisation's strategies, by the
    organisation's id. Read in any way but by the id of a strategy the key covers (a page's own), it tells
    the watch, which then keeps the page from the cache (see render_watched): a filter that reads it whole
    (dictsort, string, a loop) goes through here too, where the sandbox is not told of each item."""

    def __init__(self, items: dict[str, _Value]) -> None:
        self._items = items

    def __getitem__(self, key: str) -> _Value:
        _WATCH.read(key)
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        _WATCH.read(None)
        return iter(self._items)

    def __len__(self) -> int:
        _WATCH.read(None)
        return len(self._items)

    def __repr__(self) -> str:
        _WATCH.read(None)
        return repr(self._items)


class _Watch:
    """What the page being made may read of every strategy: the ids of those its key covers, or None
    while no page is watched (the build's own code reading an EveryStrategy)."""

    def __init__(self) -> None:
        self.ids: set[str] | None = None
        self.beyond = False

    def read(self, key: str | None) -> None:
        if self.ids is not None and key not in self.ids:
            self.beyond = True


_WATCH = _Watch()


def render_watched(env: Sandbox, spec: _Page, render: Callable[[_Page], str]) -> tuple[str, bool]:
    """The page's Markdown, and whether its template read nothing its key does not cover (see the module's
    docstring): nothing of another strategy, and nothing of every strategy (EveryStrategy) but its own."""
    own = _strategies(spec)
    models = {id(s.model) for s in own}
    ids = {s.id for s in own}

    def reads(obj: Any, name: Any) -> None:
        if (isinstance(obj, LoadedStrategy) and obj.id not in ids) or (isinstance(obj, Strategy) and id(obj) not in models):
            _WATCH.beyond = True

    env.reads, _WATCH.ids, _WATCH.beyond = reads, ids, False
    try:
        markdown = render(spec)
    finally:
        env.reads, _WATCH.ids = None, None
    return markdown, not _WATCH.beyond


def _strategies(spec: PageSpec) -> list[LoadedStrategy]:
    """The page's strategy, then every other strategy its template is given by name, or that any page of
    its strategy is given (the list of the strategy's pages, `pages`, holds what each is given)."""
    assert spec.strategy is not None
    given = [*spec.context.values(), *(value for page in spec.context.get("pages", ()) for value in page.shows.values())]
    others = {v.id: v for v in given if isinstance(v, LoadedStrategy) and v.id != spec.strategy.id}
    return [spec.strategy, *(others[i] for i in sorted(others))]


def _text(value: Any) -> str:
    return json.dumps(value, default=repr, ensure_ascii=False)
