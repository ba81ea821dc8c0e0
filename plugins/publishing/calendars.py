"""The iCalendar files: one for the whole site and one for each strategy, of the dates in
news.calendar_items (a consultation's period and the decision meetings).

A calendar is the same bytes for the same content, whatever the day of the build: every event's UID is
made from the content (see news.NAMESPACE), and its DTSTAMP, which RFC 5545 asks to be when the
information was last revised, is the day the content last records anything of its strategy (its
"Last updated"), never the clock. The PRODID names the site with no version.

Every text from the content goes through file_text, which leaves it no line break but \\n and no
character that a calendar app could read as the end of a line; icalendar then escapes it (\\n, \\, and
\\;), so that no value can add a property or an event of its own.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event, vText

from plugins.content import Library, LoadedStrategy
from plugins.content.dates import first_day, midnight_utc
from plugins.pages import news, render
from plugins.pages.news import CalendarItem, UpdateOn
from plugins.safety.sanitise import file_text

PRODID = "-//Council strategy site//Strategy dates//EN"


def _calendar(name: str, description: str, items: list[tuple[CalendarItem, dt.date]], site_url: str | None) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # The calendar's name and description, as RFC 7986 writes them and as most calendar apps read them.
    # As text, so that icalendar escapes the x- names' values as it does the standard ones'.
    for key in ("name", "x-wr-calname"):
        cal.add(key, vText(file_text(name, one_line=True)))
    for key in ("description", "x-wr-caldesc"):
        cal.add(key, vText(file_text(description, one_line=True)))
    for item, stamp in items:
        event = Event()
        event.add("uid", str(item.id))
        event.add("dtstamp", midnight_utc(stamp))
        event.add("summary", file_text(item.summary, one_line=True))
        # All-day events: DTEND is the day after the last day (RFC 5545, 3.6.1).
        event.add("dtstart", item.start)
        event.add("dtend", item.end + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("status", "TENTATIVE" if item.planned else "CONFIRMED")
        event.add("description", file_text(item.description))
        # A calendar's address must be absolute: only a site whose address is known can give one.
        if site_url:
            event.add("url", render.site_address(site_url, render.page_url(item.page)))
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def _stamped(s: LoadedStrategy, updates: list[UpdateOn]) -> list[tuple[CalendarItem, dt.date]]:
    stamp = first_day(news.last_updated(s, updates))
    return [(item, stamp) for item in news.calendar_items(s)]


def _has_consultation(items: list[tuple[CalendarItem, dt.date]]) -> bool:
    """Whether a calendar holds a consultation's period: its words name a consultation only then."""
    return any(item.kind == "consultation" for item, _ in items)


def calendar_files(library: Library, updates: dict[str, list[UpdateOn]]) -> dict[str, bytes]:
    """Every calendar, by where it is published under the site's root. A strategy with no dates to give
    has no calendar (RFC 5545 asks for at least one event), and the site none if no strategy has one."""
    site_url = str(library.site.url) if library.site.url else None
    files: dict[str, bytes] = {}
    every: list[tuple[CalendarItem, dt.date]] = []
    for s in library.strategies:
        items = _stamped(s, updates.get(s.id, []))
        if not items:
            continue
        every += items
        files[news.calendar_path(s)] = _calendar(
            f"{s.model.short_title}: dates",
            f"{'The consultation and the meetings' if _has_consultation(items) else 'The meetings'} that decide on the "
            f"{s.model.title}, from {library.site.title}.",
            items,
            site_url,
        )
    if every:
        every.sort(key=lambda pair: pair[0].start)
        files[news.SITE_CALENDAR] = _calendar(
            f"{library.site.title}: dates",
            f"{'The consultations and the meetings' if _has_consultation(every) else 'The meetings'} that decide on every strategy "
            f"on {library.site.title}.",
            every,
            site_url,
        )
    return files
