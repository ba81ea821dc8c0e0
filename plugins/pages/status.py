"""Where a strategy stands, in words a family understands, as of a given day.

Everything here depends on the day the site is built for (``as_of``), never on
the clock directly, so that a build can be repeated for any day and tested.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plugins.content.dates import by_date, uk_date
from plugins.content.model import STAGES, Strategy, YearOfPlan

# The words a reader sees for each stage, in the content model's order: the stage as officers write
# it, with a capital letter ("Out for consultation").
STAGE_NAMES = {stage: stage.capitalize() for stage in STAGES}


def stage_slug(stage: str) -> str:
    return stage.replace(" ", "-")


def consultation_open(strategy: Strategy, as_of: dt.date) -> bool:
    c = strategy.consultation
    return bool(c and strategy.status == "out for consultation" and c.is_open(as_of))


def consultation_closed(strategy: Strategy, as_of: dt.date) -> bool:
    """Whether the strategy's consultation is over, so that its pages say it ran. (The Easy Read page
    asks easyread/stage.py, which also counts a strategy that has moved past its consultation.)"""
    c = strategy.consultation
    return bool(c and c.has_closed(as_of))


def awaiting_decision(strategy: Strategy, as_of: dt.date) -> bool:
    """Whether the consultation is over but the strategy is still out for consultation: no decision reported yet."""
    return strategy.status == "out for consultation" and consultation_closed(strategy, as_of)


def status_words(strategy: Strategy, as_of: dt.date) -> str:
    """The badge: "Out for consultation until 1 June 2026", "Approved 17 June 2025", "Superseded 1 April 2027",
    "Submitted July 2026, awaiting a decision", "Withdrawn 12 May 2027". Dates as the source gives them."""
    last = strategy.stages[-1]
    c = strategy.consultation
    if strategy.status == "out for consultation" and c:
        if not c.has_opened(as_of):
            return f"Consultation opens {uk_date(c.opens)}"
        if not c.has_closed(as_of):
            return f"Out for consultation until {by_date(c.closes)}"
        return f"Consultation closed {uk_date(c.closes)}"
    words = f"{STAGE_NAMES[strategy.status]} {uk_date(last.date)}"
    # Submitted is the one stage that is a wait: say what for, so it is not read as a decision.
    return f"{words}, awaiting a decision" if strategy.status == "submitted" else words


def period_words(strategy: Strategy, as_of: dt.date) -> str:
    """The period, and whether it has ended: "2021-2024 (ended 31 March 2024)"; where the source gives
    only an end, "until March 2029", and once that has passed, "ended March 2029"."""
    period = strategy.period
    ended = uk_date(period.end) if period.end is not None else str(period.end_year)
    if period.last_day < as_of:
        return f"ended {ended}" if period.first_year is None else f"{period.label} (ended {ended})"
    return period.label


@dataclass(frozen=True)
class YearNow:
    """The year of the plan a reader should see now, and how it relates to today."""

    year: YearOfPlan
    relation: str  # "current", "ended" (the plan is over: its last year) or "not started" (its first year)


def year_now(strategy: Strategy, as_of: dt.date) -> YearNow | None:
    years = strategy.period.years
    if not years:
        return None
    for year in years:
        if year.start <= as_of <= year.end:
            return YearNow(year, "current")
    if as_of > years[-1].end:
        return YearNow(years[-1], "ended")
    if as_of < years[0].start:
        return YearNow(years[0], "not started")
    # Between two named years (a gap in the plan): the next year to start.
    upcoming = next(y for y in years if y.start > as_of)
    return YearNow(upcoming, "not started")
