"""What the Easy Read page says itself, from the strategy's own data as of the day the site is built:
the stage the plan is at, and when and how to have your say.

The communications team writes the edition once; the stage moves on and the consultation opens and
closes after it is written. So these rows are written here, from `status`, `stages`, `period`,
`versions`, `consultation` and `timeline`, never from the team's prose, and say only what that data
says: where it does not say what happened (a decision that was planned, a plan that came next), the
row says the booklet does not say. Each fact is said once: the stage rows say where the plan is up to
(agreed, waiting, or that the booklet does not say yet what was decided), and the have-your-say
section, after its invitation and the team's own points, says what the council planned or did and
when, leaving out a decision the stage rows have already told. Every sentence keeps the Easy Read
rules (tests/test_easyread_time.py checks each one with the checker), and the checker reads them with
the points, at the field each comes from, so a name the data gives (an approved version's title) is
checked like a point.

Rule 19 (true as time passes) asks here too, so that what the page shows and what the checker expects
can never disagree about the day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from plugins.content.dates import by_date, first_day, last_day, on_date, uk_date
from plugins.content.model import Consultation, ConsultationTime, Event, OtherVersion, StageRecord, Strategy
from plugins.content.yamlsource import Path_

from .rules import PART_ORDER

# The pictures of these rows, each standing for one thing (easyread/page.py's PAGE_PICTURES says what).
STAGE_PICTURE = "memo"
SAY_PICTURE = "thinking-face"
CLOSED_PICTURE = "spiral-calendar"

# The stages after which nobody can have their say, whatever the consultation's dates say.
_PAST_CONSULTATION = ("submitted", "approved", "superseded", "withdrawn")
# The events where the council itself decides: only these are "the council planned to decide".
_DECIDING = ("cabinet", "council", "decision")
# The stages a decision moves a strategy to.
_DECIDED = ("submitted", "approved", "withdrawn")
# The stage row for a decision whose planned day has passed where nothing records what was decided: the
# one place the page says so (the decision's row in the have-your-say section gives only its day).
NOT_RECORDED = "This booklet does not say yet if the council agreed the plan."


@dataclass(frozen=True)
class Said:
    """A row the page writes itself: its words, its picture, and the field of the strategy they come from."""

    text: str
    picture: str
    path: Path_
    # A web address in the words that the page makes a link: the survey's.
    link: str | None = None


def consultation_time(strategy: Strategy, day: dt.date) -> ConsultationTime | None:
    """Where the consultation is on the day, as a point's `when:` names it; None without a consultation.

    The dates decide, except that a draft not yet out for consultation has not opened, and a strategy
    that has moved past its consultation (submitted, approved, superseded or withdrawn) has closed: the
    standard edition invites answers on the same terms (plugins/pages/status.py, consultation_open)."""
    c = strategy.consultation
    if c is None:
        return None
    if c.has_closed(day) or strategy.status in _PAST_CONSULTATION:
        return "after it closes"
    if not c.has_opened(day) or strategy.status == "draft":
        return "before it opens"
    return "while open"


def closed_words(c: Consultation, day: dt.date) -> str:
    """How the time to have your say ended, after "The time to have your say": "ended on 1 June 2026",
    "ended at the end of June 2026", or "has ended" where the plan moved on before the closing date."""
    if not c.has_closed(day):
        return "has ended"
    return f"ended {'on ' + uk_date(c.closes) if isinstance(c.closes, dt.date) else 'at ' + by_date(c.closes)}"


@dataclass(frozen=True)
class Ending:
    """How a plan ended: the words for a finding ("this plan ended in March 2024") and the field saying so."""

    words: str
    path: Path_


def ending(strategy: Strategy, day: dt.date) -> Ending | None:
    """Whether the plan has ended on the day: superseded, withdrawn, or its period over."""
    last = len(strategy.stages) - 1
    if strategy.status == "superseded":
        return Ending(f"a new plan took this plan's place {on_date(strategy.stages[-1].date)}", ("stages", last, "date"))
    if strategy.status == "withdrawn":
        return Ending(f"the council withdrew this plan {on_date(strategy.stages[-1].date)}", ("stages", last, "date"))
    if strategy.period.last_day < day:
        return Ending(f"this plan ended in {_month(strategy)}", _period_path(strategy))
    return None


def _month(strategy: Strategy) -> str:
    """The month or year the period ends, as a reader says it: March 2024 (never the 31st), or 2024."""
    end = strategy.period.end
    if end is None:
        return str(strategy.period.end_year)
    return f"{end:%B %Y}" if isinstance(end, dt.date) else uk_date(end)


def _period_path(strategy: Strategy) -> Path_:
    return ("period", "end") if strategy.period.end is not None else ("period", "end_year")


def _changed_version(strategy: Strategy) -> tuple[int, OtherVersion] | None:
    """The approved version of a strategy whose text here is the consultation draft, where the content names one."""
    versions = strategy.versions
    if versions is None or versions.this != "consultation draft":
        return None
    return next(((i, o) for i, o in enumerate(versions.others) if o.kind == "approved"), None)


def _decisions(strategy: Strategy) -> list[tuple[int, Event]]:
    """The council's decisions after the consultation closes, from the timeline, in order."""
    c = strategy.consultation
    if c is None:
        return []
    closes = last_day(c.closes)
    return [(i, e) for i, e in enumerate(strategy.timeline) if e.kind in _DECIDING and first_day(e.date) > closes]


def _overlap(a: dt.date | str, b: dt.date | str) -> bool:
    """Whether two dates may be the same day: a month or a year counts as every day in it."""
    return first_day(a) <= last_day(b) and first_day(b) <= last_day(a)


def _reached(strategy: Strategy, event: Event) -> tuple[int, StageRecord] | None:
    """The stage a decision moved the strategy to, where a stage the strategy records falls on its day."""
    return next(((i, r) for i, r in enumerate(strategy.stages) if r.stage in _DECIDED and _overlap(r.date, event.date)), None)


def _told_by_stage_rows(strategy: Strategy, event: Event) -> bool:
    """Whether the stage rows already say what this held decision did, on its day: the changed plan
    agreed, or the stage the strategy is at (agreed, sent for a decision, stopped)."""
    reached = _reached(strategy, event)
    if reached is None:
        return False
    i, record = reached
    changed = _changed_version(strategy)
    if changed is not None:
        return record.stage == "approved" and _overlap(changed[1].date, event.date)
    return i == len(strategy.stages) - 1 and record.stage == strategy.status


# --- The stage, at the start of the first section -------------------------------------------------


def stage_rows(strategy: Strategy, day: dt.date) -> list[Said]:
    """Where the plan is on the day, from its status, stages, period and versions."""
    status, last = strategy.status, strategy.stages[-1]
    at_stage: Path_ = ("stages", len(strategy.stages) - 1, "date")
    rows: list[Said] = []
    changed = _changed_version(strategy)
    if changed is not None:
        i, other = changed
        rows.append(
            Said(
                f"This booklet is about the draft plan. The council agreed a changed plan {on_date(other.date)}.",
                STAGE_PICTURE,
                ("versions", "others", i, "date"),
            )
        )
        rows.append(Said(f"The changed plan is called {other.title}.", STAGE_PICTURE, ("versions", "others", i, "title")))
    if status == "superseded":
        rows.append(Said(f"A new plan took the place of this plan {on_date(last.date)}.", STAGE_PICTURE, at_stage))
        rows.append(Said("This booklet does not say what plan came next.", STAGE_PICTURE, ("status",)))
    elif status == "withdrawn":
        rows.append(Said(f"The council stopped this plan {on_date(last.date)}. It does not apply any more.", STAGE_PICTURE, at_stage))
    elif changed is None:
        rows += _stage_on_the_way(strategy, day)
    if status not in ("superseded", "withdrawn") and strategy.period.last_day < day:
        # Where the content names the version that came after the draft, that is what came next.
        text = f"This plan ended in {_month(strategy)}." + ("" if changed else " This booklet does not say what plan came next.")
        rows.append(Said(text, STAGE_PICTURE, _period_path(strategy)))
    return rows


def _stage_on_the_way(strategy: Strategy, day: dt.date) -> list[Said]:
    """A plan drafted, out for consultation, submitted or approved, where no other version says more."""
    status, last = strategy.status, strategy.stages[-1]
    at_stage: Path_ = ("stages", len(strategy.stages) - 1, "date")
    if status == "draft":
        return [Said("This plan is a draft. The council has not agreed it yet.", STAGE_PICTURE, ("status",))]
    if status == "submitted":
        return [
            Said(f"The council sent this plan for a decision {on_date(last.date)}. It is waiting for the answer.", STAGE_PICTURE, at_stage)
        ]
    if status == "approved":
        return [Said(f"The council agreed this plan {on_date(last.date)}.", STAGE_PICTURE, at_stage)]
    if consultation_time(strategy, day) != "after it closes":
        return [Said("This plan is a draft. The council wants to know what you think of it.", STAGE_PICTURE, ("status",))]
    # A decision the timeline planned for a day now past, and no stage saying it was made: the content
    # has not caught up, so the page cannot say that the council has not agreed the plan.
    overdue = any(e.status == "planned" and last_day(e.date) < day for _, e in _decisions(strategy))
    return [
        Said("This plan is a draft. The council asked people what they think of it.", STAGE_PICTURE, ("status",)),
        Said(NOT_RECORDED if overdue else "The council has not agreed the plan yet.", STAGE_PICTURE, ("status",)),
    ]


# --- Have your say: when and how at the start of its section, what happens next at its end ------


def have_your_say_rows(strategy: Strategy, day: dt.date) -> list[Said]:
    """When and how to have your say on the day: the rows before the edition's own points."""
    c = strategy.consultation
    time = consultation_time(strategy, day)
    if c is None or time is None:
        return []
    rows: list[Said] = []
    if time == "before it opens":
        if c.has_opened(day):
            # A draft the council has not yet put out for consultation, though the dates have come.
            rows.append(Said("The time to have your say has not started yet.", SAY_PICTURE, ("status",)))
        else:
            rows.append(
                Said(f"You can have your say from {uk_date(c.opens)} until {by_date(c.closes)}.", SAY_PICTURE, ("consultation", "opens"))
            )
    elif time == "while open":
        rows.append(
            Said(
                f"You can have your say now. Please tell us what you think by {by_date(c.closes)}.", SAY_PICTURE, ("consultation", "closes")
            )
        )
        if c.survey:
            rows.append(Said(f"You can answer the questions online: {c.survey}", SAY_PICTURE, ("consultation", "survey"), link=c.survey))
    else:
        rows.append(Said(f"The time to have your say {closed_words(c, day)}.", CLOSED_PICTURE, ("consultation", "closes")))
    return rows


def what_happens_next_rows(strategy: Strategy, day: dt.date) -> list[Said]:
    """What the council planned to decide after the consultation, or decided, from the timeline: the
    rows after the edition's own points. A decision the stage rows already tell is not told again."""
    if consultation_time(strategy, day) is None:
        return []
    changed = _changed_version(strategy) is not None
    # Where the stage rows say the booklet does not say yet what was decided, the decision's row gives only its day.
    not_recorded = any(said.text == NOT_RECORDED for said in stage_rows(strategy, day))
    return [
        Said(_decision_words(strategy, event, day, changed, not_recorded), STAGE_PICTURE, ("timeline", i, "date"))
        for i, event in _decisions(strategy)
        if (event.status == "planned" and event.outcome is None) or not _told_by_stage_rows(strategy, event)
    ]


def _decision_words(strategy: Strategy, event: Event, day: dt.date, changed: bool, not_recorded: bool) -> str:
    """One decision of the council after the consultation, only as far as the content says what happened."""
    when = on_date(event.date)
    if event.status == "planned" and event.outcome is None:
        if last_day(event.date) < day:
            return f"The council planned to decide {when}." + ("" if not_recorded else " This booklet does not say what it decided yet.")
        return f"The council plans to decide {when}."
    # Held: what it decided, where a decision the strategy's stages record for that day says so.
    found = _reached(strategy, event)
    reached = found[1].stage if found else None
    if reached == "approved":
        return f"The council agreed {'a changed plan' if changed else 'the plan'} {when}."
    if reached == "submitted":
        return f"The council sent the plan for a decision {when}."
    if reached == "withdrawn":
        return f"The council stopped the plan {when}."
    if event.outcome is not None:
        return f"The council met {when} to decide. The full plan says what it decided."
    return f"The council met {when} to decide. This booklet does not say what it decided."


# --- Where the rows go ------------------------------------------------------------------------------

# The heading of the section the page adds where an edition of a strategy with a consultation has none.
HAVE_YOUR_SAY_HEADING = "Have your say"


@dataclass(frozen=True)
class SectionStart:
    """A section of the page, and the rows the page writes at its start, before the edition's points,
    and at its end, after them."""

    # The edition's section, by its place in `sections`; None for the section the page adds.
    index: int | None
    part: str
    heading: str
    said: list[Said]
    after: list[Said] = field(default_factory=list)

    @property
    def written(self) -> list[Said]:
        """Every row the page writes in the section, in the order they are read (the points between)."""
        return self.said + self.after


def section_starts(strategy: Strategy, day: dt.date) -> list[SectionStart]:
    """The page's sections in order: the stage at the start of the first; in the "have your say"
    section, when and how to have your say at its start and what the council decides after at its end,
    the edition's own points between. The page adds that section in its place in the order of parts
    (rule 16) where the edition has none."""
    edition = strategy.easy_read
    assert edition is not None
    say, then = have_your_say_rows(strategy, day), what_happens_next_rows(strategy, day)
    starts = [SectionStart(i, s.part, s.heading, []) for i, s in enumerate(edition.sections)]
    at = next((i for i, s in enumerate(edition.sections) if s.part == "have your say"), None)
    if at is not None:
        starts[at] = SectionStart(at, "have your say", starts[at].heading, say, then)
    elif say or then:
        rank = PART_ORDER["have your say"]
        place = next((i for i, s in enumerate(edition.sections) if PART_ORDER.get(s.part, -1) > rank), len(starts))
        starts.insert(place, SectionStart(None, "have your say", HAVE_YOUR_SAY_HEADING, say, then))
    first = starts[0]
    starts[0] = SectionStart(first.index, first.part, first.heading, stage_rows(strategy, day) + first.said, first.after)
    return starts
