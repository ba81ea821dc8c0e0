"""What has happened in the library, and the dates ahead, from the content alone.

One list owns "what happened": each stage a strategy reached, each progress update naming it, each
change note, its consultation opening and closing, and each meeting or decision its timeline records
as held. A strategy's change history (at the foot of its first page), the "What's new" page and the
Atom feeds are all made from it, so that they never disagree.

A second list owns the dates for a calendar: the consultation's period and the decision meetings.

Every item has a key that is made from the content, never from the day of the build, so that two
builds of the same content give the same ids, and a reader's feed reader or calendar app sees an
item once however often the site is rebuilt.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from plugins.content import Library, LoadedReport, LoadedStrategy
from plugins.content.dates import first_day, has_come, on_date, uk_date
from plugins.content.model import Event, ProgressUpdate, Strategy

from . import progress, render, status

# Where the feeds and calendars are published: one of each at the site's root, and one of each in
# every strategy's folder, beside its pages. Files, not pages: no page or organisation can take
# these names (an organisation's id and a page's address hold no dot).
FEED_NAME = "updates.xml"
CALENDAR_NAME = "dates.ics"
SITE_FEED = FEED_NAME
SITE_CALENDAR = CALENDAR_NAME

# The most items the site's feed and its "What's new" page list: the newest, so that neither grows
# with the library's whole history. A strategy's own feed lists all of its items.
LATEST = 50

# The namespace of every item's UUID (RFC 4122 version 5): the same item always has the same id, in
# the site's feed and in its strategy's alike, and in the calendars. Changing this would make every
# reader's app see every item again as new: it is fixed for good.
NAMESPACE = uuid.UUID("6c0f4e52-38f5-5b3c-9a47-2f0c8e6d1a93")

# A sentence for each stage reached, after the strategy's title. The draft stage's date is the date the
# council's record gives the draft, not the day it was written, which no source says.
_STAGE_SENTENCES = {
    "draft": "was at the draft stage",
    "out for consultation": "went out for consultation",
    "submitted": "was submitted for a decision",
    "approved": "was approved",
    "superseded": "was superseded",
    "withdrawn": "was withdrawn",
}
# The short words for each stage reached, where the stage's name alone says too little.
_STAGE_WHAT = {**status.STAGE_NAMES, "draft": "Draft stage", "submitted": "Submitted for a decision"}

# The most characters of the council's words a title holds; the words in full are in the summary beneath it.
TITLE_WORDS = 80

# The timeline's kinds of event that are meetings, and those that are decisions: a calendar lists
# these. "other" (a public event, a national announcement) and the consultation's own events are not
# decision meetings; the consultation is in the calendar as its period.
MEETINGS = ("board", "cabinet", "scrutiny", "council")
# The kinds of item a strategy's change history lists: what the council did to the strategy itself.
HISTORY_KINDS = ("stage", "progress", "change")
DECISIONS = ("decision",)


@dataclass(frozen=True)
class UpdateOn:
    """A progress update, with the report that gave it, as a strategy's page lists it."""

    report: LoadedReport
    update: ProgressUpdate

    @property
    def date(self) -> dt.date:
        return self.report.model.date


@dataclass(frozen=True)
class NewsItem:
    """One thing that happened to a strategy, as a feed, the "What's new" page and the change history tell it."""

    strategy: LoadedStrategy
    # Unique within the strategy and made from the content: "stage/approved", "event/2025-06-17/cabinet/Cabinet".
    key: str
    # "stage", "progress", "update" (on an action or a measure), "change", "consultation opens",
    # "consultation closes" or "event".
    kind: str
    # A day, or the month or year the source gives.
    date: dt.date | str
    # The short words the change history shows: "Out for consultation", "Progress update: ...".
    what: str
    # One or two sentences in plain words, which say what happened without the page.
    summary: str
    # The page that tells more, as a page's source address (leicestershire/plan/timeline.md).
    page: str
    # More, in the council's own words (Markdown), where the content has any.
    details: str | None = None

    @property
    def title(self) -> str:
        return f"{self.strategy.model.short_title}: {self.what}"

    @property
    def id(self) -> uuid.UUID:
        return item_uuid(self.strategy, self.key)

    @property
    def day(self) -> dt.date:
        """The day the item is dated and ordered by: a month or a year by its first day, as the change history orders it."""
        return first_day(self.date)


@dataclass(frozen=True)
class CalendarItem:
    """A date for a calendar: a consultation's period, or a meeting where a decision is made."""

    strategy: LoadedStrategy
    key: str
    summary: str
    # The first day, and the last day (the same day for a meeting).
    start: dt.date
    end: dt.date
    description: str
    page: str
    # Whether the source reports it happened, or it is still planned; a consultation's period is as the council set it.
    planned: bool
    # "consultation" (its period) or "meeting" (a meeting or decision).
    kind: str = "meeting"

    @property
    def id(self) -> uuid.UUID:
        return item_uuid(self.strategy, self.key)


def item_uuid(s: LoadedStrategy, key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{s.id}/{key}")


def strategy_uri(s: LoadedStrategy, page: str = "index") -> str:
    """A strategy's page by its source address: leicestershire/plan/timeline.md."""
    return f"{s.organisation.id}/{s.slug}/{page}.md"


def feed_path(s: LoadedStrategy) -> str:
    """Where a strategy's Atom feed is published, under the site's root: in its folder."""
    return f"{s.organisation.id}/{s.slug}/{FEED_NAME}"


def calendar_path(s: LoadedStrategy) -> str:
    """Where a strategy's calendar is published, under the site's root: in its folder."""
    return f"{s.organisation.id}/{s.slug}/{CALENDAR_NAME}"


def updates_by_strategy(library: Library) -> dict[str, list[UpdateOn]]:
    """Every progress update that names a strategy, by the strategy's id, newest report first."""
    updates: dict[str, list[UpdateOn]] = {}
    for report in sorted(library.reports, key=lambda r: r.model.date, reverse=True):
        for update in report.model.updates:
            if update.strategy:
                updates.setdefault(update.strategy, []).append(UpdateOn(report, update))
    return updates


def _numbered(keys: list[str]) -> list[str]:
    """The keys, each made unique by its occurrence, which goes first: "1/event/...", "2/event/...". A key
    ends in the council's words, which may themselves end in "/2", so a number put after them could
    make one item's key the same as another's; before them, where every key starts with its kind's
    name, it cannot."""
    seen: Counter[str] = Counter()
    unique = []
    for key in keys:
        seen[key] += 1
        unique.append(f"{seen[key]}/{key}")
    return unique


def _event_key(e: Event) -> str:
    return f"event/{e.date}/{e.kind}/{e.body}"


def _is_consultation_event(m: Strategy, e: Event) -> bool:
    """Whether a timeline event is the consultation's own opening or closing, which the consultation's
    items already tell: the same happening is not told twice."""
    c = m.consultation
    if c is None:
        return False
    return (e.kind, e.date) in (("consultation opens", c.opens), ("consultation closes", c.closes))


def shortened(text: str, limit: int = TITLE_WORDS) -> str:
    """The council's words cut at a word to fit a title, marked with an ellipsis where cut."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    return words[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"


def quoted(text: str) -> str:
    """The council's own words, set apart in quotation marks from the sentence the site writes around
    them, so that their tense ("The Cabinet is recommended to approve") is read as theirs."""
    return f"\u201c{' '.join(text.split())}\u201d"


def _event_words(e: Event) -> tuple[str, str]:
    """The short words and the summary for a held event: 'Cabinet met: “Approved for consultation.”',
    'Cabinet met on 17 June 2025. What the strategy's timeline says: “...”'. The title gives what the
    meeting decided where the timeline records it, else what it was about, in the council's words."""
    when = on_date(e.date)
    said = f"What the strategy's timeline says: {quoted(words_of(e.what))}"
    if e.outcome:
        said += f" Its outcome: {quoted(words_of(e.outcome))}"
    gist = quoted(shortened(words_of(e.outcome or e.what)))
    if e.kind in MEETINGS:
        return f"{e.body} met: {gist}", f"{e.body} met {when}. {said}"
    if e.kind in DECISIONS:
        return f"Decision by {e.body}: {gist}", f"A decision by {e.body} {when}. {said}"
    # Anything else (a public event, a national announcement): its title is the source's own words,
    # since who it was ("Government") says nothing of what happened.
    records = f"What the strategy's timeline records for {uk_date(e.date)} ({e.body}): {quoted(words_of(e.what))}"
    return shortened(words_of(e.what)) or e.body, records


def _details(*parts: str | None) -> str | None:
    chosen = [p for p in parts if p]
    return "\n\n".join(chosen) if chosen else None


def strategy_news(s: LoadedStrategy, updates: list[UpdateOn], as_of: dt.date) -> list[NewsItem]:
    """What happened to a strategy up to the build day, newest first.

    A date ahead of the build day is not news until its day has come: a consultation that will open is
    not told as opened. A month or a year counts as come once its last day has, so that nothing is told
    before it can have happened; it is then dated and ordered by its first day, as the source's month.
    """
    m = s.model
    title = m.title
    items: list[NewsItem] = []
    consultation = _consultation_news(s, as_of) if m.consultation else []
    # Stages, progress updates and change notes, in that order: the order of a day's items in the change history.
    for st in m.stages:
        item = NewsItem(
            s,
            f"stage/{st.stage}",
            "stage",
            st.date,
            _STAGE_WHAT[st.stage],
            f"The {title} {_STAGE_SENTENCES[st.stage]} {on_date(st.date)}.",
            strategy_uri(s, "timeline"),
            st.note,
        )
        opened = [c for c in consultation if c.kind == "consultation opens" and c.date == st.date]
        if st.stage == "out for consultation" and opened:
            # Going out for consultation and the consultation opening, on the same day, are one happening,
            # told once: as the stage, which the change history lists, in the consultation's words (its
            # period, and while it is open how to respond, with the link to the call to action).
            told = opened[0]
            consultation.remove(told)
            item = NewsItem(s, item.key, "stage", st.date, item.what, told.summary, told.page, _details(told.details, st.note))
        items.append(item)
    progress_keys = _numbered([f"progress/{u.report.organisation.id}/{u.report.slug}/{u.update.heading}" for u in updates])
    for key, u in zip(progress_keys, updates, strict=True):
        report = u.report.model
        items.append(
            NewsItem(
                s,
                key,
                "progress",
                u.date,
                f"Progress update: {u.update.heading}",
                f"The {report.title}, given to the {report.meeting} {on_date(report.date)}, reported on the {title}: {u.update.heading}.",
                strategy_uri(s, "progress"),
                u.update.body,
            )
        )
    items += _dated_update_news(s)
    change_keys = _numbered([f"change/{c.date}" for c in m.changes])
    for key, c in zip(change_keys, m.changes, strict=True):
        items.append(NewsItem(s, key, "change", c.date, c.note, f"The {title} was changed {on_date(c.date)}: {c.note}", strategy_uri(s)))
    items += consultation
    held = [e for e in m.timeline if e.status == "held" and not _is_consultation_event(m, e)]
    for key, e in zip(_numbered([_event_key(e) for e in held]), held, strict=True):
        what, sentence = _event_words(e)
        outcome = f"**Outcome:** {e.outcome}" if e.outcome else None
        items.append(NewsItem(s, key, "event", e.date, what, sentence, strategy_uri(s, "timeline"), _details(e.what, outcome)))
    # Newest first; items of the same day keep the order above (a stable sort).
    items = [item for item in items if has_come(item.date, as_of)]
    items.sort(key=lambda item: item.day, reverse=True)
    return items


def _dated_update_news(s: LoadedStrategy) -> list[NewsItem]:
    """The dated updates recorded on the strategy's actions and measures, as the "How it is going" page
    lists them. Each is keyed by what it is about, its date and its words, so an update keeps its id
    however the actions around it are reordered; an update whose words are changed is told again."""
    title = s.model.title
    found: list[tuple[str, NewsItem]] = []
    for entry in progress.entries(s.model, []):
        note = entry.note
        assert note is not None
        dated = f"An update dated {uk_date(note.date)}"
        if entry.kind == "action" and entry.priority is not None and entry.action is not None:
            about = f"an action: {shortened(words_of(entry.action.text))}"
            key = f"action-update/{entry.priority.id}/{note.date}/{note.what}"
            sentence = f"{dated}, on an action of {entry.priority.label} of the {title}: {quoted(words_of(entry.action.text))}."
        elif entry.indicator is not None:
            about = f"a measure: {entry.indicator.name}"
            key = f"measure-update/{entry.indicator.id}/{note.date}/{note.what}"
            sentence = f"{dated}, on a measure of the {title}: {entry.indicator.name}."
        else:
            continue
        summary = f"{sentence} What the update says: {quoted(words_of(note.what))} Source: {note.source}."
        found.append((key, NewsItem(s, key, "update", note.date, f"Update on {about}", summary, strategy_uri(s, "progress"), note.what)))
    keys = _numbered([key for key, _ in found])
    return [NewsItem(s, key, i.kind, i.date, i.what, i.summary, i.page, i.details) for key, (_, i) in zip(keys, found, strict=True)]


def _consultation_news(s: LoadedStrategy, as_of: dt.date) -> list[NewsItem]:
    m = s.model
    c = m.consultation
    assert c is not None
    # A withdrawn strategy's consultation may not have run as planned: only what came before the withdrawal is told.
    until = first_day(m.stages[-1].date) if m.status == "withdrawn" else None
    items = []
    page = strategy_uri(s, "timeline")
    open_now = status.consultation_open(m, as_of)
    how = c.how_to_respond if open_now else None
    opened = f"The consultation on the {m.title} opened {on_date(c.opens)}, to run until {uk_date(c.closes)}."
    closed = f"The consultation on the {m.title} closed {on_date(c.closes)}."
    for key, kind, date, what, sentence, details in (
        (f"consultation/opens/{c.opens}", "consultation opens", c.opens, "Consultation opened", opened, how),
        (f"consultation/closes/{c.closes}", "consultation closes", c.closes, "Consultation closed", closed, None),
    ):
        if until is None or has_come(date, until):
            items.append(NewsItem(s, key, kind, date, what, sentence, strategy_uri(s) if open_now else page, details))
    return items


def library_news(library: Library, as_of: dt.date, updates: dict[str, list[UpdateOn]] | None = None) -> dict[str, list[NewsItem]]:
    """Every strategy's news, by the strategy's id."""
    updates = updates if updates is not None else updates_by_strategy(library)
    return {s.id: strategy_news(s, updates.get(s.id, []), as_of) for s in library.strategies}


def latest(news: dict[str, list[NewsItem]], limit: int = LATEST) -> list[NewsItem]:
    """The newest items across the library, newest first; items of one day in the library's order of strategies."""
    every = [item for items in news.values() for item in items]
    every.sort(key=lambda item: item.day, reverse=True)
    return every[:limit]


def by_date(items: list[NewsItem]) -> list[tuple[dt.date | str, list[NewsItem]]]:
    """Items in their order, gathered under each date as the source gives it (a day, or a month)."""
    groups: list[tuple[dt.date | str, list[NewsItem]]] = []
    for item in items:
        if groups and groups[-1][0] == item.date:
            groups[-1][1].append(item)
        else:
            groups.append((item.date, [item]))
    return groups


# --- Dates for a calendar -------------------------------------------------------------------------


class _Text(HTMLParser):
    """The words of cleaned HTML, each block on a line of its own."""

    BLOCKS = frozenset({"p", "li", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "div", "table"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def words_of(markdown_text: str) -> str:
    """The words of the council's Markdown, as plain text for a calendar: rendered and cleaned as every
    page's prose is, then its tags dropped, so that a calendar app shows what a reader of the page reads."""
    parser = _Text()
    parser.feed(str(render.prose_html(markdown_text)))
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def calendar_items(s: LoadedStrategy) -> list[CalendarItem]:
    """A strategy's dates for a calendar, in date order: its consultation's period, and its decision
    meetings, held and planned alike (a calendar keeps the past too).

    Only days: a date the source gives as a month or a year ("November 2023") is not a calendar event,
    since it has no day to put it on, and a calendar app would show it on the 1st, a day no one stated.
    These are the same dates whatever day the site is built for.
    """
    m = s.model
    items: list[CalendarItem] = []
    c = m.consultation
    # A withdrawn strategy keeps only what came before its withdrawal: its planned meetings will not be
    # held for it, and a consultation that had not opened never ran.
    withdrawn = first_day(m.stages[-1].date) if m.status == "withdrawn" else None
    if c and isinstance(c.opens, dt.date) and isinstance(c.closes, dt.date) and (withdrawn is None or c.opens <= withdrawn):
        items.append(
            CalendarItem(
                s,
                f"consultation/{c.opens}",
                f"Consultation on the {m.title}",
                c.opens,
                c.closes,
                f"The public consultation on the {m.title}, from {uk_date(c.opens)} until {uk_date(c.closes)}.\n\n"
                + words_of(c.how_to_respond),
                strategy_uri(s, "timeline"),
                planned=False,
                kind="consultation",
            )
        )
    meetings = [e for e in m.timeline if e.kind in MEETINGS + DECISIONS]
    for key, e in zip(_numbered([_event_key(e) for e in meetings]), meetings, strict=True):
        if not isinstance(e.date, dt.date) or (withdrawn is not None and e.status == "planned"):
            continue
        description = words_of(e.what) + (f"\n\nOutcome: {words_of(e.outcome)}" if e.outcome else "")
        summary = f"{e.body}: {m.short_title}"
        items.append(CalendarItem(s, key, summary, e.date, e.date, description, strategy_uri(s, "timeline"), planned=e.status == "planned"))
    items.sort(key=lambda item: item.start)
    return items


def first_published(s: LoadedStrategy) -> dt.date:
    """The first day the strategy's first stage can mean: a feed's date while nothing has happened yet."""
    return first_day(s.model.stages[0].date)


def last_updated(s: LoadedStrategy, updates: list[UpdateOn]) -> dt.date | str:
    """The latest date the content gives for a strategy: its stages, progress updates, change notes, held
    events and the dated updates on its actions and measures (of a library as of the build day, see
    progress.as_of, so only those whose day has come). The "Last updated" of its pages, and the stamp of
    its calendar's events."""
    m = s.model
    dated: list[dt.date | str] = [st.date for st in m.stages] + [u.date for u in updates] + [c.date for c in m.changes]
    dated += [e.date for e in m.timeline if e.status == "held"]
    dated += [n.date for n in progress.notes_of(m)]
    return max(dated, key=first_day)
