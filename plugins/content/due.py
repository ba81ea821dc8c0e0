"""What is overdue: dates in the content that have passed with nothing recorded of what happened.

A strategy's content is written ahead of time ("the Cabinet will decide on 21 July 2026") and goes
stale silently once the day has passed. `site_build.py due` lists each such place at its file and
line, in plain words, as of a given day, so that an officer can record what happened:

- a timeline event still `planned` after its day (a month or year counts to its last day);
- an action not `done` after the day it was due;
- a consultation that has closed while the strategy is still out for consultation: its next stage
  (submitted, approved, withdrawn) is not recorded;
- a plan whose period has ended with no stage saying what replaced it (superseded), or that it was
  withdrawn.

These are reminders, not mistakes: the site still builds, and says honestly on its pages that no
outcome is recorded yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .dates import last_day, uk_date
from .library import Library, LoadedStrategy
from .problems import Problem

# The stages that say what became of a plan once its period is over.
_AFTER_ITS_END = ("superseded", "withdrawn")
# The kinds of event that are a body meeting; the others (a consultation opening, say) are named by their kind.
_MEETINGS = ("board", "cabinet", "scrutiny", "council", "decision")


def overdue(library: Library, as_of: dt.date) -> list[Problem]:
    """Every overdue place in the library as of the day, in file and line order."""
    return sorted(problem for loaded in library.strategies for problem in _overdue_in(loaded, as_of))


def _overdue_in(loaded: LoadedStrategy, as_of: dt.date) -> Iterator[Problem]:
    s, src = loaded.model, loaded.source
    for i, event in enumerate(s.timeline):
        if event.status == "planned" and last_day(event.date) < as_of:
            what = f"the {event.body} meeting" if event.kind in _MEETINGS else f"'{event.body}' ({event.kind})"
            yield src.problem(
                ("timeline", i, "status"),
                f"{what} planned for {uk_date(event.date)} has passed, and no outcome is recorded. "
                "Once the source reports what happened, set status: held and add its outcome; if it moved, change its date.",
            )
    for priority_index, priority in enumerate(s.priorities):
        for year, actions in priority.actions.items():
            for j, action in enumerate(actions):
                if action.due is not None and action.status != "done" and last_day(action.due) < as_of:
                    status = f"is marked {action.status}" if action.status else "has no status"
                    yield src.problem(
                        ("priorities", priority_index, "actions", year, j, "due"),
                        f"this action was due by {uk_date(action.due)} and {status}. "
                        "Record its progress: status: done once the source reports it, or the new date.",
                    )
    c = s.consultation
    if c is not None and s.status == "out for consultation" and c.has_closed(as_of):
        yield src.problem(
            ("status",),
            f"the consultation closed on {uk_date(c.closes)} and the strategy is still out for consultation. "
            "Once the source reports what happened next, add that stage (submitted, approved or withdrawn) with its date.",
        )
    if s.period.last_day < as_of and s.status not in _AFTER_ITS_END:
        yield src.problem(
            ("period",),
            f"the plan ended on {uk_date(s.period.last_day)} and nothing says what replaced it. "
            "Where the source names its successor, add a superseded stage with the date and, in its note, what replaced it.",
        )
