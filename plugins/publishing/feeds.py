"""The Atom feeds: one for the whole site and one for each strategy, from the news (plugins/pages/news.py).

A feed is the same bytes for the same content and build day: its ids are made from the content (see
news.NAMESPACE), its `updated` is the date of its newest item, never the time of the build, and the
generator's name carries no version.

Addresses: the site's address is known only when content/site.yml gives `url`. Without it, every
link in a feed is relative, which Atom allows (RFC 4287, section 2: an IRI reference, resolved against
the feed's own address), so the feeds work wherever the site is published; with it, every link is
absolute. The ids never depend on the address: they are `urn:uuid:` ids, which stay the same if the
site moves.

Every value from the content is either plain text (type "text", escaped by the XML writer) or the
council's Markdown rendered and cleaned by the one sanitising path (type "html", see render.prose_html).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import uuid

from feedgen.feed import FeedGenerator

from plugins.content import Library, LoadedStrategy
from plugins.content.dates import midnight_utc
from plugins.pages import StandardEdition, news, render
from plugins.pages.news import NewsItem
from plugins.safety.sanitise import file_text

# The feed's generator: its name alone, so that a new version of a library changes no byte of a feed.
GENERATOR = "Council strategy site"
ATOM = "application/atom+xml"


def address(target: str, from_file: str, site_url: str | None) -> str:
    """The address of a published path (a page's folder, leicestershire/plan/timeline/, or a file), as a
    feed at from_file links to it: absolute under the site's address when it is known, else relative to
    the feed's own folder."""
    if site_url:
        return render.site_address(site_url, target)
    relative = posixpath.relpath(target or ".", posixpath.dirname(from_file) or ".")
    if relative == ".":
        return "./"
    return relative + "/" if target.endswith("/") else relative


def _feed(
    *,
    path: str,
    feed_id: uuid.UUID,
    title: str,
    subtitle: str,
    author: str,
    home: str,
    items: list[NewsItem],
    since: dt.date,
    site_url: str | None,
) -> bytes:
    """One Atom feed, published at path, of these items, newest first."""
    fg = FeedGenerator()
    fg.id(feed_id.urn)
    fg.title(file_text(title, one_line=True))
    fg.subtitle(file_text(subtitle, one_line=True))
    fg.author({"name": file_text(author, one_line=True)})
    fg.language("en-GB")
    fg.generator(GENERATOR)
    fg.link(href=address(path, path, site_url), rel="self", type=ATOM)
    fg.link(href=address(home, path, site_url), rel="alternate", type="text/html")
    # The newest item's day; a feed with nothing in it yet, the day its subject was first published.
    fg.updated(midnight_utc(items[0].day if items else since))
    for item in items:
        entry = fg.add_entry(order="append")
        entry.id(item.id.urn)
        entry.title(file_text(item.title, one_line=True))
        entry.updated(midnight_utc(item.day))
        entry.author({"name": file_text(item.strategy.organisation.name, one_line=True)})
        entry.link(href=address(render.page_url(item.page), path, site_url), rel="alternate", type="text/html")
        entry.summary(file_text(item.summary), type="text")
        if item.details:
            # The Markdown is made file text first, then rendered and cleaned: the sanitiser's output is
            # written as it is, since a character taken out of its HTML could join up an address it passed.
            entry.content(str(render.prose_html(file_text(item.details))), type="html")
    data: bytes = fg.atom_str(pretty=True, xml_declaration=True, encoding="UTF-8")
    return data


def site_feed(library: Library, all_news: dict[str, list[NewsItem]]) -> bytes:
    """The site's feed: the newest items across every strategy (news.LATEST of them)."""
    site = library.site
    owner = next((o.name for o in library.organisations if o.id == site.owner), site.title)
    first = min((news.first_published(s) for s in library.strategies), default=dt.date(1970, 1, 1))
    return _feed(
        path=news.SITE_FEED,
        feed_id=uuid.uuid5(news.NAMESPACE, "site"),
        title=f"{site.title}: updates",
        subtitle=f"New stages, progress updates, changes, consultations, meetings and decisions, newest first. {site.description}",
        author=owner,
        home="",
        items=news.latest(all_news),
        since=first,
        site_url=str(site.url) if site.url else None,
    )


def strategy_feed(library: Library, s: LoadedStrategy, items: list[NewsItem]) -> bytes:
    """A strategy's feed: everything that has happened to it, newest first."""
    site = library.site
    return _feed(
        path=news.feed_path(s),
        feed_id=uuid.uuid5(news.NAMESPACE, s.id),
        title=f"{s.model.title}: updates",
        subtitle=f"New stages, progress updates, changes, {'the consultation, ' if s.model.consultation else ''}meetings and decisions "
        f"of the {s.model.title}, newest first.",
        author=s.organisation.name,
        home=render.page_url(news.strategy_uri(s)),
        items=items,
        since=news.first_published(s),
        site_url=str(site.url) if site.url else None,
    )


def feed_files(library: Library, all_news: dict[str, list[NewsItem]]) -> dict[str, bytes]:
    """Every feed, by where it is published under the site's root."""
    files = {news.SITE_FEED: site_feed(library, all_news)}
    for s in library.strategies:
        files[news.feed_path(s)] = strategy_feed(library, s, all_news.get(s.id, []))
    return files


def subscription_files(edition: StandardEdition) -> dict[str, bytes]:
    """Every feed and calendar of an edition, by where it is published under the site's root: what the
    build and `export` write beside the pages, which link to them."""
    from .calendars import calendar_files

    return {**feed_files(edition.library, edition.news), **calendar_files(edition.library, edition.updates)}
