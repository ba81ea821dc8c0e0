"""The standard edition's text, part by part, by the paths an Easy Read point's `from:` names.

A point may say what it explains: `from: priorities/belonging/actions/2`. Each path names one part of
the strategy as its standard pages show it (a priority, one of its actions, a board, a section) and
gives a label for it ("Priority 1: Every child belongs") and its text in the council's words. The
review page shows each point beside that text; the Easy Read coverage list reads the same parts for
the figures the standard edition gives. A path that names nothing is a mistake at its line (checks.py).

A part's own text holds only what is not a part of its own: a priority's title and ambition, but not
its actions, which are parts of their own; the measures' summary, but not each outcome.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from slugify import slugify

from .dates import uk_date
from .model import Reading, Strategy

# The parts a strategy has at most once, in the order the paths are listed to an officer, with their labels.
SINGLE_PARTS = {
    "vision": "Vision",
    "purpose": "Purpose",
    "scope": "Who it is for",
    "consultation": "Consultation",
    "governance": "Governance",
    "contacts": "Contacts",
    "measures": "Measures of success",
}


@dataclass(frozen=True)
class StandardText:
    """One part of the standard edition: its path, how the review page names it, and its text."""

    path: str
    # The part's name, with its own heading where it has one: "Priority 1: Every child belongs".
    label: str
    # What the part says besides its heading, as the council wrote it, in Markdown (plain-text fields
    # are Markdown with nothing to format); empty where a part is only its heading.
    text: str
    # Whether the text is the council's prose, from which the coverage list takes figures: a measure's
    # readings and the contacts are figures and names set out in fields, listed apart.
    prose: bool = True
    # The part's heading in the council's words, which the label shows: a priority's title, a
    # section's heading, a board's name.
    heading: str = ""


def _joined(*texts: str | None) -> str:
    return "\n\n".join(t.strip() for t in texts if t and t.strip())


def _reading(what: str, reading: Reading | None, unit: str | None) -> str | None:
    if reading is None:
        return None
    comparison = "" if reading.comparison == "exactly" else f"{reading.comparison} "
    when = f" ({uk_date(reading.date)})" if reading.date is not None else ""
    return f"{what}: {comparison}{reading.value}{f' {unit}' if unit else ''}{when}."


def standard_texts(strategy: Strategy) -> list[StandardText]:
    """Every part a point can name, in the order of the standard edition."""
    return list(_parts(strategy))


def _parts(m: Strategy) -> Iterator[StandardText]:
    for name in ("vision", "purpose", "scope"):
        text = getattr(m, name)
        if text:
            yield StandardText(name, SINGLE_PARTS[name], text)
    for n, principle in enumerate(m.principles, 1):
        yield StandardText(f"principles/{n}", f"Principle {n}", principle)
    for n, section in enumerate(m.sections, 1):
        yield StandardText(f"sections/{n}", f"Section {n}: {section.heading}", _joined(section.body), heading=section.heading)
    for priority in m.priorities:
        here = f"priorities/{priority.id}"
        text = _joined(priority.ambition, priority.commitment, priority.description)
        yield StandardText(here, f"{priority.label}: {priority.title}", text, heading=priority.title)
        for n, action in enumerate((a for year in priority.actions.values() for a in year), 1):
            yield StandardText(f"{here}/actions/{n}", f"{priority.label}, action {n}", action.text)
    if m.measures is not None:
        measures = m.measures
        yield StandardText("measures", SINGLE_PARTS["measures"], _joined(measures.summary, measures.notes))
        for n, outcome in enumerate(measures.outcomes, 1):
            yield StandardText(f"measures/outcomes/{n}", f"Outcome {n}: {outcome}", "", heading=outcome)
        for indicator in measures.indicators:
            readings = [
                _reading(what, reading, indicator.unit)
                for what, reading in (("Baseline", indicator.baseline), ("Latest", indicator.latest), ("Target", indicator.target))
            ]
            text = _joined(*readings, f"Source: {indicator.source}." if indicator.source else None)
            yield StandardText(
                f"measures/indicators/{indicator.id}", f"Measure: {indicator.name}", text, prose=False, heading=indicator.name
            )
    if m.governance is not None:
        g = m.governance
        yield StandardText("governance", SINGLE_PARTS["governance"], _joined(f"Owned by {g.owner}." if g.owner else None, g.description))
        for board in g.boards:
            members = f"Members: {'; '.join(board.members)}." if board.members else None
            yield StandardText(f"governance/boards/{board.id}", board.name, _joined(board.role, members), heading=board.name)
    if m.consultation is not None:
        c = m.consultation
        when = f"Open from {uk_date(c.opens)} to {uk_date(c.closes)}."
        yield StandardText("consultation", SINGLE_PARTS["consultation"], _joined(when, c.how_to_respond, c.formats))
    for n, event in enumerate(m.timeline, 1):
        yield StandardText(f"timeline/{n}", f"Timeline, {uk_date(event.date)}: {event.body}", _joined(event.what, event.outcome or None))
    if m.contacts:
        people = [", ".join(x for x in (c.name, c.role, c.phone, c.email) if x) for c in m.contacts]
        yield StandardText("contacts", SINGLE_PARTS["contacts"], "\n\n".join(people), prose=False)


class StandardContent:
    """A strategy's standard text by path, as a point's `from:` finds it."""

    def __init__(self, strategy: Strategy) -> None:
        self.parts = standard_texts(strategy)
        self._by_path = {part.path: part for part in self.parts}
        # A section may also be named by its heading, as an id: sections/background.
        for n, section in enumerate(strategy.sections, 1):
            self._by_path.setdefault(f"sections/{slugify(section.heading)}", self._by_path[f"sections/{n}"])

    def find(self, path: str) -> StandardText | None:
        return self._by_path.get(path)

    def paths(self) -> list[str]:
        return list(self._by_path)

    def nearest(self, path: str) -> str | None:
        """The path most like one that names nothing, where it is likely a misspelling: a number out of
        range is better answered by the range the message gives than by another number."""
        close = difflib.get_close_matches(path, self.paths(), n=1, cutoff=0.6)
        return close[0] if close and not close[0].rsplit("/", 1)[-1].isdigit() else None
