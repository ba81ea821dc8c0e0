"""How a strategy is going, from what its content records: its actions' statuses counted in words (the
roll-ups) with the widths of the bar drawn beside them, and every dated update, newest first.

Nothing is inferred. An action with no status is counted as having no progress recorded, never as not
started; where no action has a status, the words say so rather than show a count of nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from plugins.content.dates import first_day
from plugins.content.model import Action, Indicator, Priority, ProgressNote, Strategy, YearOfPlan

# The statuses in the order the words and the bar give them: what is done first, then what is still
# under way, best first, then what has not begun.
ORDER = ("done", "on track", "at risk", "delayed", "not started")
# The bar's and the key's name for the actions with no status.
NOT_RECORDED = "not-recorded"
# The most columns an HTML table's cell may span: a bar of more actions is drawn to scale in this many.
MAX_COLUMNS = 1000


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
        """The sentence in parts: "3 of 5 actions done", ", 1 delayed", ", 1 not started", "; no progress recorded for 2".
        Where no action has a status, one part saying so."""
        if self.recorded == 0:
            words = "this action" if self.total == 1 else f"these {self.total} actions"
            return [Part("", f"No progress has been recorded for {words}", self.total, NOT_RECORDED)]
        done = self.counts["done"]
        parts = [Part("", f"{done} of {self.total} {_actions(self.total)} done", done, "done")]
        parts += [Part(", ", f"{n} {status}", n, _slug(status)) for status, n in self.counts.items() if status != "done" and n]
        if self.not_recorded:
            parts.append(Part("; ", f"no progress recorded for {self.not_recorded}", self.not_recorded, NOT_RECORDED))
        return parts

    @property
    def words(self) -> str:
        """The whole sentence: "3 of 5 actions done, 1 delayed, 1 not started." """
        return "".join(p.before + p.words for p in self.parts) + "."

    @property
    def bar(self) -> list[tuple[str, int]]:
        """The bar's segments, each with the columns it spans: its count, or where there are more
        actions than a table may have columns, its share of MAX_COLUMNS (at least one). None is drawn
        for a count of nothing."""
        counted = [(p.slug, p.count) for p in self.parts if p.count]
        if self.total <= MAX_COLUMNS:
            return counted
        return [(slug, max(1, round(n * MAX_COLUMNS / self.total))) for slug, n in counted]

    @property
    def columns(self) -> int:
        return sum(span for _, span in self.bar)


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


# --- Dated updates, newest first ----------------------------------------------------------------------


def newest_first(notes: Sequence[ProgressNote]) -> list[ProgressNote]:
    """An action's or a measure's updates, newest first, whatever order the officer wrote them in. A
    month or a year sorts by its first day; updates of the same date keep the order they were written in."""
    return sorted(notes, key=lambda n: first_day(n.date), reverse=True)


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
    return sorted(found, key=lambda e: first_day(e.date), reverse=True)


def has_progress_page(strategy: Strategy, reported: Sequence[Any]) -> bool:
    """Whether a strategy has a "How it is going" page: it sets out actions or measures, or something
    has been reported about it. A strategy with none of these has nothing such a page could say."""
    indicators = strategy.measures.indicators if strategy.measures else []
    return bool(strategy_rollup(strategy) or indicators or reported)
