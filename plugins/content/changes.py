"""What changed in the strategies between two versions of the content, in plain English.

Given two libraries (`site_build.py diff` loads them at two git revisions, see
plugins/publishing/git.py), this describes the difference the way a reviewing manager thinks of it:
"SEND Strategy 2021-24 > Priority 2 > Year Two (2022-2023): 1 action added: '...'". The result is
Markdown, fit for a pull request's comment.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import messages
from .dates import uk_date
from .library import Library
from .model import Action, Consultation, Priority, Strategy
from .problems import Problem

# Two actions are the same action reworded when this much of their wording is shared.
REWORDED = 0.6
# Parts of a strategy described field by field below; any other field is reported as changed as a whole.
_DESCRIBED = {"title", "short_title", "status", "stages", "period", "priorities", "governance", "consultation", "timeline"}


# How a field is named in a summary, where its key would not read well.
_FIELD_NAMES = {"easy_read": "Easy Read edition", "background_papers": "background papers", "related_strategies": "related strategies"}


def _quote(text: str) -> str:
    return f"'{text}'"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _status(action: Action) -> str:
    return action.status or "no status"


@dataclass
class ActionChanges:
    added: list[Action] = field(default_factory=list)
    removed: list[Action] = field(default_factory=list)
    reworded: list[tuple[Action, Action]] = field(default_factory=list)
    # Actions kept or reworded whose status moved on: (before, after).
    status: list[tuple[Action, Action]] = field(default_factory=list)


def match_actions(before: list[Action], after: list[Action]) -> ActionChanges:
    """Pair a year's actions: the same words first, then the closest wording, then what is left."""
    old = list(before)
    new = list(after)
    kept: list[tuple[Action, Action]] = []
    for action in list(new):
        same = next((o for o in old if o.text == action.text), None)
        if same is not None:
            kept.append((same, action))
            old.remove(same)
            new.remove(action)
    changes = ActionChanges()
    for action in list(new):
        scored = [(difflib.SequenceMatcher(None, o.text, action.text).ratio(), i) for i, o in enumerate(old)]
        best = max(scored, default=(0.0, -1))
        if best[0] >= REWORDED:
            changes.reworded.append((old.pop(best[1]), action))
            new.remove(action)
    changes.added, changes.removed = new, old
    changes.status = [(a, b) for a, b in kept + changes.reworded if a.status != b.status]
    return changes


def describe_actions(changes: ActionChanges) -> list[str]:
    """What happened to a year's actions, in words: added, removed, reworded, and statuses changed."""
    parts = []
    if changes.added:
        parts.append(f"{_count(len(changes.added), 'action')} added: " + ", ".join(_quote(a.text) for a in changes.added))
    if changes.removed:
        parts.append(f"{_count(len(changes.removed), 'action')} removed: " + ", ".join(_quote(a.text) for a in changes.removed))
    if changes.reworded:
        pairs = ", ".join(f"{_quote(a.text)} -> {_quote(b.text)}" for a, b in changes.reworded)
        parts.append(f"{_count(len(changes.reworded), 'action')} reworded: {pairs}")
    for a, b in changes.status:
        parts.append(f"status of {_quote(b.text)} changed from {_status(a)} to {_status(b)}")
    return parts


@dataclass(frozen=True)
class YearChanges:
    """What happened to one year's actions in a priority both versions have."""

    year: str  # the year as the strategies name it, such as Year Two (2022-2023), or its key
    actions: ActionChanges


@dataclass(frozen=True)
class KeptPriority:
    """A priority both versions have (the same id), with what changed in it."""

    before: Priority
    after: Priority
    years: list[YearChanges]


@dataclass(frozen=True)
class PriorityChanges:
    """The priorities of two versions of a strategy, matched by id: the one matching that the summary
    of changes words and the side-by-side page lays out as rows."""

    added: list[Priority]  # in the later version's order
    removed: list[Priority]  # in the earlier version's order
    kept: list[KeptPriority]  # in the later version's order


def match_priorities(before: Strategy, after: Strategy) -> PriorityChanges:
    old = {p.id: p for p in before.priorities}
    new = {p.id: p for p in after.priorities}
    # A year keeps the name the earlier version gave it, where both name it.
    years = {y.id: y.name for y in after.period.years} | {y.id: y.name for y in before.period.years}
    kept = []
    for pid, p in new.items():
        q = old.get(pid)
        if q is not None:
            matched = [
                YearChanges(years.get(year, year), match_actions(q.actions.get(year, []), p.actions.get(year, [])))
                for year in dict.fromkeys([*q.actions, *p.actions])
            ]
            kept.append(KeptPriority(q, p, matched))
    return PriorityChanges(
        added=[p for pid, p in new.items() if pid not in old], removed=[p for pid, p in old.items() if pid not in new], kept=kept
    )


@dataclass(frozen=True)
class SideBySide:
    """One row of a draft-against-approved comparison: where, what kind of change, and the two wordings."""

    where: str
    change: str
    before: str
    after: str


def side_by_side(draft: Strategy, approved: Strategy) -> list[SideBySide]:
    """Every priority and action added, removed or reworded between two versions, for a page to show."""
    changes = match_priorities(draft, approved)
    rows = [SideBySide(p.label, "priority added", "", p.title) for p in changes.added]
    rows += [SideBySide(p.label, "priority removed", p.title, "") for p in changes.removed]
    for kept in changes.kept:
        if kept.before.title != kept.after.title:
            rows.append(SideBySide(kept.after.label, "priority reworded", kept.before.title, kept.after.title))
        for year in kept.years:
            where = f"{kept.after.label}, {year.year}"
            rows += [SideBySide(where, "action added", "", a.text) for a in year.actions.added]
            rows += [SideBySide(where, "action removed", a.text, "") for a in year.actions.removed]
            rows += [SideBySide(where, "action reworded", a.text, b.text) for a, b in year.actions.reworded]
    return rows


def compare_strategies(before: Strategy, after: Strategy) -> Iterator[tuple[str, str]]:
    """(where, what) for each change inside one strategy; where is '' for the strategy as a whole.

    A part at a time, in the order a reviewing manager reads a strategy.
    """
    yield from _headline(before, after)
    yield from _stages(before, after)
    yield from _priorities(before, after)
    yield from _governance(before, after)
    yield from _consultation(before.consultation, after.consultation)
    yield from _timeline(before, after)
    yield from _other_fields(before, after)


def _headline(before: Strategy, after: Strategy) -> Iterator[tuple[str, str]]:
    """The title, status and period."""
    if before.title != after.title:
        yield "", f"title changed from {_quote(before.title)} to {_quote(after.title)}"
    if before.status != after.status:
        yield "", f"status changed from {before.status} to {after.status}"
    if before.period.label != after.period.label:
        yield "", f"period changed from {before.period.label} to {after.period.label}"


def _stages(before: Strategy, after: Strategy) -> Iterator[tuple[str, str]]:
    """Stages reached since: a strategy's stages are only ever added to, at the end."""
    for stage in after.stages[len(before.stages) :]:
        yield "", f"stage added: {stage.stage}, {uk_date(stage.date)}"


def _priorities(before: Strategy, after: Strategy) -> Iterator[tuple[str, str]]:
    """Priorities added and removed, then what changed in each priority both versions have."""
    priorities = match_priorities(before, after)
    for p in priorities.added:
        yield "", f"priority added: {p.label}, {_quote(p.title)}"
    for p in priorities.removed:
        yield "", f"priority removed: {p.label}, {_quote(p.title)}"
    for kept in priorities.kept:
        yield from _kept_priority(kept)


def _kept_priority(kept: KeptPriority) -> Iterator[tuple[str, str]]:
    """A priority's title, its wording, and each year's actions."""
    old, new = kept.before, kept.after
    if old.title != new.title:
        yield new.label, f"reworded: {_quote(old.title)} -> {_quote(new.title)}"
    for part in ("ambition", "commitment", "description"):
        if getattr(old, part) != getattr(new, part):
            yield new.label, f"{part} changed"
    for year in kept.years:
        parts = describe_actions(year.actions)
        if parts:
            yield f"{new.label} > {year.year}", "; ".join(parts)


def _governance(before: Strategy, after: Strategy) -> Iterator[tuple[str, str]]:
    """Boards added or renamed (in the later version's order), then boards removed."""
    old_boards = {b.id: b for b in (before.governance.boards if before.governance else [])}
    new_boards = {b.id: b for b in (after.governance.boards if after.governance else [])}
    for bid, b in new_boards.items():
        if bid not in old_boards:
            yield "Governance", f"board added: {_quote(b.name)}"
        elif old_boards[bid].name != b.name:
            yield "Governance", f"board renamed: {_quote(old_boards[bid].name)} -> {_quote(b.name)}"
    for bid, b in old_boards.items():
        if bid not in new_boards:
            yield "Governance", f"board removed: {_quote(b.name)}"


def _consultation(before: Consultation | None, after: Consultation | None) -> Iterator[tuple[str, str]]:
    """The consultation added, removed, its dates moved, or anything else in it changed."""
    if before == after:
        return
    if after is None:
        yield "Consultation", "removed"
    elif before is None:
        yield "Consultation", f"added: {uk_date(after.opens)} to {uk_date(after.closes)}"
    elif (before.opens, before.closes) != (after.opens, after.closes):
        yield (
            "Consultation",
            (
                f"dates changed from {uk_date(before.opens)} to {uk_date(before.closes)} "
                f"to {uk_date(after.opens)} to {uk_date(after.closes)}"
            ),
        )
    else:
        yield "Consultation", "details changed"


def _timeline(before: Strategy, after: Strategy) -> Iterator[tuple[str, str]]:
    """Events added, and events whose status moved on; an event is its date and the body that meets."""
    old_events = {(str(e.date), e.body): e for e in before.timeline}
    for e in after.timeline:
        previous = old_events.get((str(e.date), e.body))
        if previous is None:
            yield "Timeline", f"added: {uk_date(e.date)}, {e.body}"
        elif previous.status != e.status:
            yield "Timeline", f"{uk_date(e.date)}, {e.body}: {previous.status} -> {e.status}"


def _other_fields(before: Strategy, after: Strategy) -> Iterator[tuple[str, str]]:
    """Every field not described above, reported as added, removed or changed as a whole, in the model's order."""
    for key in Strategy.model_fields:
        if key in _DESCRIBED:
            continue
        old_value, new_value = getattr(before, key), getattr(after, key)
        if old_value != new_value:  # content models compare field by field
            name = _FIELD_NAMES.get(key, key.replace("_", " "))
            change = "added" if old_value in (None, []) else "removed" if new_value in (None, []) else "changed"
            yield "", f"{name} {change}"


def summary(before: Library, after: Library) -> str:
    """The Markdown summary of every change from one library to the other."""
    old = {s.id: s for s in before.strategies}
    new = {s.id: s for s in after.strategies}
    lines: list[str] = []
    for sid, s in new.items():
        if sid not in old:
            lines.append(f"- {s.model.short_title}: new strategy, {_quote(s.model.title)}")
            continue
        for where, what in compare_strategies(old[sid].model, s.model):
            lines.append(f"- {s.model.short_title}{' > ' + where if where else ''}: {what}")
    for sid, s in old.items():
        if sid not in new:
            lines.append(f"- {s.model.short_title}: strategy removed")
    heading = "## What changed in the strategies\n\n"
    return heading + ("\n".join(lines) if lines else "No strategy changed.") + "\n"


def commitments(strategy: Strategy) -> Any:
    """What the council has committed to: its priorities and their actions' words (not their statuses)."""
    return [
        (p.id, p.title, p.ambition, p.commitment, p.description, {y: [a.text for a in acts] for y, acts in p.actions.items()})
        for p in strategy.priorities
    ]


def missing_change_notes(before: Library, after: Library, base: str, today: str) -> list[Problem]:
    """A problem for each strategy whose commitments changed since base with no new change note."""
    old = {s.id: s for s in before.strategies}
    problems = []
    for s in after.strategies:
        previous = old.get(s.id)
        if previous is None or commitments(previous.model) == commitments(s.model):
            continue
        if {(c.date, c.note) for c in s.model.changes} - {(c.date, c.note) for c in previous.model.changes}:
            continue
        at = ("changes",) if s.model.changes else ("priorities",)
        problems.append(s.source.problem(at, messages.change_note_needed(base, today), key=True))
    return problems
