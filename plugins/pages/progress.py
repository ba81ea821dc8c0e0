"""How a strategy is going, from what its content records: its actions' statuses counted in words (the
roll-ups) with the widths of the bar drawn beside them, and every dated update, newest first.

Nothing is inferred. An action with no status is counted as not yet reported on, never as not started:
that the council has not reported on it here does not mean nothing was done. Where no action has a
status, the words say so rather than show a count of nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from plugins.content import Library
from plugins.content.dates import first_day, has_come
from plugins.content.model import Action, Indicator, Measures, Priority, ProgressNote, ProgressReport, Strategy, YearOfPlan

# The statuses in the order the words and the bar give them: what is done first, then what is still
# under way, best first, then what has not begun.
ORDER = ("done", "on track", "at risk", "delayed", "not started")
# The bar's and the key's name for the actions with no status.
NOT_RECORDED = "not-recorded"
# The bar is a row of segments, each as wide as its share: its share is one of SCALE steps, given to the
# stylesheet as a class (rollup-w1 ... rollup-w48), since the pages' policy allows no inline style. A bar of
# no more than SCALE actions is drawn to the count. The narrowest segment is MIN_SPAN steps (1/16 of the
# bar: about 18px on a phone, 30px on a wide screen), so that its pattern can be seen; a bar with a
# narrower one, or of more actions, is drawn to scale in SCALE steps. The words give the counts.
SCALE = 48
MIN_SPAN = SCALE // 16


def _slug(status: str) -> str:
    return status.replace(" ", "-")


def _actions(n: int) -> str:
    return "action" if n == 1 else "actions"


@dataclass(frozen=True)
class Part:
    """One part of a roll-up's sentence ("1 delayed"), with the words before it and the count its bar segment shows."""

    before: str  # ", " or "; " between parts, "" for the first
    words: str
    count: int
    slug: str  # the status as the stylesheet names its pattern: done, on-track, at-risk, delayed, not-started, not-recorded


@dataclass(frozen=True)
class Rollup:
    """The actions of a priority, a year or a whole strategy, counted by status."""

    total: int
    counts: dict[str, int]  # by status, every status of ORDER present, in that order
    not_recorded: int

    @property
    def recorded(self) -> int:
        return self.total - self.not_recorded

    @property
    def parts(self) -> list[Part]:
        """The sentence in parts: "3 of 5 actions done", ", 1 delayed", ", 1 not started", "; 2 not yet reported on".
        Where no action has a status, one part saying so."""
        if self.recorded == 0:
            words = "this action" if self.total == 1 else f"these {self.total} actions"
            return [Part("", f"The council has not yet reported on {words} on this site", self.total, NOT_RECORDED)]
        done = self.counts["done"]
        parts = [Part("", f"{done} of {self.total} {_actions(self.total)} done", done, "done")]
        parts += [Part(", ", f"{n} {status}", n, _slug(status)) for status, n in self.counts.items() if status != "done" and n]
        if self.not_recorded:
            parts.append(Part("; ", f"{self.not_recorded} not yet reported on", self.not_recorded, NOT_RECORDED))
        return parts

    @property
    def words(self) -> str:
        """The whole sentence: "3 of 5 actions done, 1 delayed, 1 not started." """
        return "".join(p.before + p.words for p in self.parts) + "."

    @property
    def bar(self) -> list[tuple[str, int]]:
        """The bar's segments, each with the steps it spans: its count, where every segment is at least
        1/16 of the bar and there are no more than SCALE actions; otherwise its share of SCALE steps,
        at least MIN_SPAN, the widest segments giving up what the narrow ones are given. None is drawn for
        a count of nothing."""
        counted = [(p.slug, p.count) for p in self.parts if p.count]
        if self.total <= SCALE and all(n * SCALE >= MIN_SPAN * self.total for _, n in counted):
            return counted
        spans = [max(MIN_SPAN, round(n * SCALE / self.total)) for _, n in counted]
        # At most six segments of MIN_SPAN each: there is always a wider one to take the excess from.
        for _ in range(sum(spans) - SCALE):
            widest = max(range(len(spans)), key=lambda i: spans[i])
            spans[widest] -= 1
        return [(slug, span) for (slug, _), span in zip(counted, spans, strict=True)]


def rollup(actions: Iterable[Action]) -> Rollup | None:
    """The actions counted by status; None where there are none to count."""
    counts = dict.fromkeys(ORDER, 0)
    total = not_recorded = 0
    for action in actions:
        total += 1
        if action.status is None:
            not_recorded += 1
        else:
            counts[action.status] += 1
    return Rollup(total, counts, not_recorded) if total else None


def priority_rollup(priority: Priority) -> Rollup | None:
    return rollup(a for actions in priority.actions.values() for a in actions)


def year_rollup(strategy: Strategy, year: YearOfPlan) -> Rollup | None:
    """Every priority's actions for one year of the plan."""
    return rollup(a for p in strategy.priorities for a in p.actions.get(year.id, []))


def strategy_rollup(strategy: Strategy) -> Rollup | None:
    return rollup(a for p in strategy.priorities for actions in p.actions.values() for a in actions)


@dataclass(frozen=True)
class Rollups:
    """A strategy's roll-ups: the whole, each priority and each year of the plan, as its pages show them."""

    strategy: Rollup | None
    priorities: list[tuple[Priority, Rollup]]
    years: list[tuple[YearOfPlan, Rollup]]

    @property
    def of_priority(self) -> dict[str, Rollup]:
        """Each priority's roll-up by its id; a priority with no actions has none."""
        return {p.id: r for p, r in self.priorities}

    @property
    def of_year(self) -> dict[str, Rollup]:
        """Each year's roll-up by its id; a year with no actions has none."""
        return {y.id: r for y, r in self.years}


def rollups(strategy: Strategy) -> Rollups:
    priorities = [(p, r) for p in strategy.priorities if (r := priority_rollup(p)) is not None]
    years = [(y, r) for y in strategy.period.years if (r := year_rollup(strategy, y)) is not None]
    return Rollups(strategy_rollup(strategy), priorities, years)


# --- What has happened by the build day -------------------------------------------------------------

_Note = TypeVar("_Note", bound=ProgressNote)


def _come(notes: list[_Note], day: dt.date) -> list[_Note]:
    return [n for n in notes if has_come(n.date, day)]


def _indicator_as_of(indicator: Indicator, day: dt.date) -> Indicator:
    come = _come(indicator.updates, day)
    return indicator if len(come) == len(indicator.updates) else indicator.model_copy(update={"updates": come})


def _action_as_of(action: Action, day: dt.date) -> Action:
    come = _come(action.updates, day)
    return action if len(come) == len(action.updates) else action.model_copy(update={"updates": come})


def _strategy_as_of(m: Strategy, day: dt.date) -> Strategy:
    priorities = [
        p.model_copy(update={"actions": {key: [_action_as_of(a, day) for a in actions] for key, actions in p.actions.items()}})
        for p in m.priorities
    ]
    measures: Measures | None = m.measures
    if measures is not None:
        measures = measures.model_copy(update={"indicators": [_indicator_as_of(i, day) for i in measures.indicators]})
    return m.model_copy(update={"priorities": priorities, "measures": measures})


def _report_as_of(m: ProgressReport, day: dt.date) -> ProgressReport:
    updates = [u.model_copy(update={"indicators": [_indicator_as_of(i, day) for i in u.indicators]}) for u in m.updates]
    return m.model_copy(update={"updates": updates})


def notes_of(m: Strategy | ProgressReport) -> Iterator[ProgressNote]:
    """Every dated update a strategy records on its actions and measures, or a report on the measures it gives."""
    if isinstance(m, ProgressReport):
        yield from (n for u in m.updates for i in u.indicators for n in i.updates)
        return
    yield from (n for p in m.priorities for actions in p.actions.values() for a in actions for n in a.updates)
    yield from (n for i in (m.measures.indicators if m.measures else []) for n in i.updates)


def as_of(library: Library, day: dt.date) -> Library:
    """The library as its pages, feeds and calendars tell it on the build day: every dated update on an
    action or a measure whose date has not yet come is held back, to be shown once it has, so that no
    page tells as happened what is still ahead. The one place this is decided. A strategy or a report
    with nothing to hold back is kept as the same object, and so is the library if nothing is held back."""

    def held(m: Strategy | ProgressReport) -> bool:
        return any(not has_come(n.date, day) for n in notes_of(m))

    strategies = [dataclasses.replace(s, model=_strategy_as_of(s.model, day)) if held(s.model) else s for s in library.strategies]
    reports = [dataclasses.replace(r, model=_report_as_of(r.model, day)) if held(r.model) else r for r in library.reports]
    if strategies == library.strategies and reports == library.reports:
        return library
    return dataclasses.replace(library, strategies=strategies, reports=reports)


# --- Dated updates, newest first ----------------------------------------------------------------------


def newest_first(notes: Sequence[ProgressNote]) -> list[ProgressNote]:
    """An action's or a measure's updates, newest first, whatever order the officer wrote them in. A
    month or a year sorts by its first day; updates of the same date keep the order they were written in."""
    return sorted(notes, key=lambda n: first_day(n.date), reverse=True)


# How many characters of an action's text an entry's heading gives: about a line on a phone.
HEADING_TEXT = 60


def cut(text: str, limit: int = HEADING_TEXT) -> str:
    """The start of a text, cut at a word's end with an ellipsis, for a heading: the whole text where it is short."""
    if len(text) <= limit:
        return text
    start = text[: limit + 1]
    start = start.rsplit(" ", 1)[0] if " " in start else text[:limit]
    return start.rstrip(" ,;:.-–—") + "…"


@dataclass(frozen=True)
class Entry:
    """One dated thing the "How it is going" page lists: a progress report's update, or an update on an
    action or a measure, with what it is about."""

    date: dt.date | str
    kind: str  # "report", "action" or "measure"
    # A report's update (an edition.UpdateOn); an action's note, with the action, its priority and its
    # year; or a measure's note, with the measure.
    note: ProgressNote | None = None
    action: Action | None = None
    priority: Priority | None = None
    year: YearOfPlan | None = None
    indicator: Indicator | None = None
    report_update: Any = None
    # Whether this is the newest update on its action: only there does the page give the action's
    # status, which is today's, not what it was on an older update's date.
    newest: bool = False

    @property
    def about(self) -> str:
        """What the entry's heading says it is about: the start of the action's text, or the measure's name."""
        if self.action is not None:
            return cut(self.action.text)
        return self.indicator.name if self.indicator is not None else ""


def entries(strategy: Strategy, reported: Sequence[Any]) -> list[Entry]:
    """Every dated update about a strategy, newest first: its progress reports' updates (each dated by
    its report), and the updates on its actions and its measures, dated as the source gives them."""
    found = [Entry(u.date, "report", report_update=u) for u in reported]
    years = {y.id: y for y in strategy.period.years}
    for p in strategy.priorities:
        for key, actions in p.actions.items():
            for action in actions:
                found += [Entry(n.date, "action", note=n, action=action, priority=p, year=years.get(key)) for n in action.updates]
    # The strategy's own measures. The figures a progress report gives carry their histories with the
    # report's update, where the page shows them.
    for indicator in strategy.measures.indicators if strategy.measures else []:
        found += [Entry(n.date, "measure", note=n, indicator=indicator) for n in indicator.updates]
    found.sort(key=lambda e: first_day(e.date), reverse=True)
    # Newest first, so an action's first entry is its newest update.
    seen: set[int] = set()
    marked = []
    for e in found:
        if e.action is not None and id(e.action) not in seen:
            seen.add(id(e.action))
            e = dataclasses.replace(e, newest=True)
        marked.append(e)
    return marked


def has_progress_page(strategy: Strategy, reported: Sequence[Any]) -> bool:
    """Whether a strategy has a "How it is going" page: it sets out actions or measures, or something
    has been reported about it. A strategy with none of these has nothing such a page could say."""
    indicators = strategy.measures.indicators if strategy.measures else []
    return bool(strategy_rollup(strategy) or indicators or reported)


def anything_reported(strategy: Strategy, found: Sequence[Entry]) -> bool:
    """Whether the content reports any progress on a strategy: a dated update, an action's status, or a
    measured figure (a baseline or a target alone is not progress)."""
    indicators = strategy.measures.indicators if strategy.measures else []
    counted = strategy_rollup(strategy)
    return bool(found or (counted and counted.recorded) or any(i.newest for i in indicators))
