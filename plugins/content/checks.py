"""Checks that look across fields and files, after each file has passed the model.

Each check names the full path of what is wrong and points at its line, as the
model's own errors do, so officers cannot tell (and need not care) which layer
found the mistake.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from . import messages
from .dates import first_day, last_day, on_date, uk_date
from .model import Consultation, Governance, Indicator, Period, Priority, ProgressUpdate, Strategy, Table
from .problems import Problem
from .standard_text import StandardContent

if TYPE_CHECKING:
    from plugins.content.pictures import PictureLibrary

    from .library import Library, LoadedStrategy, Source


def _unique(source: Source, items: Iterable[tuple[tuple[str | int, ...], str]], what: str) -> Iterator[Problem]:
    seen: dict[str, tuple[str | int, ...]] = {}
    for path, value in items:
        if value in seen:
            first = source.document(seen[value]).position(seen[value])
            yield source.problem(path, messages.duplicate(what, value, f"line {first.line}"))
        else:
            seen[value] = path


def check_library(library: Library, content: str) -> list[Problem]:
    """Every problem across the library's files; content is the content folder as officers see it
    (content_dir), for the messages that name a file in it."""
    return [
        *_site_files(library, content),
        *_strategies(library, content),
        *_reports(library),
    ]


def _site_files(library: Library, content: str) -> Iterator[Problem]:
    """The shared files: organisation ids and glossary terms once each, and the site's owner one of the organisations."""
    org_ids = [o.id for o in library.organisations]
    orgs_source = library.sources.get("organisations")
    if orgs_source:
        yield from _unique(
            orgs_source, ((("organisations", i, "id"), o.id) for i, o in enumerate(library.organisations)), "organisation id"
        )
    glossary_source = library.sources.get("glossary")
    if glossary_source:
        terms = [t.term for t in library.glossary]
        yield from _unique(glossary_source, ((("terms", i, "term"), t) for i, t in enumerate(terms)), "glossary term")
    if library.site.owner not in org_ids:
        yield Problem(f"{content}/site.yml", 1, 1, "owner", messages.unknown_reference("organisation id", library.site.owner, org_ids))


def _strategies(library: Library, content: str) -> Iterator[Problem]:
    terms = [t.term for t in library.glossary]
    for loaded in library.strategies:
        yield from check_strategy(loaded, terms, library.strategy_folders, content)
        yield from check_easy_read(loaded, library.pictures)


def _reports(library: Library) -> Iterator[Problem]:
    """Each progress report's updates point at a strategy, priority and indicators that exist."""
    for report in library.reports:
        for i, update in enumerate(report.model.updates):
            yield from _update(library, report.source, ("updates", i), update)


def _update(library: Library, source: Source, path: tuple[str | int, ...], update: ProgressUpdate) -> Iterator[Problem]:
    if update.strategy is None:
        if update.priority is not None:
            yield source.problem(path + ("priority",), "give the strategy as well as its priority.")
        return
    if update.strategy not in library.strategy_folders:
        yield source.problem(
            path + ("strategy",), messages.unknown_reference("strategy on this site", update.strategy, library.strategy_folders)
        )
        return
    # A strategy whose own files have mistakes is still a strategy on this site: its mistakes are told
    # in its files, and nothing here is blamed for them. Its priorities are checked once it loads.
    target = library.strategy(update.strategy)
    if target is None:
        yield from _indicator_refs(source, path, update.indicators, None)
        return
    priority_ids = [p.id for p in target.model.priorities]
    if update.priority is not None and update.priority not in priority_ids:
        yield source.problem(path + ("priority",), messages.unknown_reference(f"priority of {target.id}", update.priority, priority_ids))
    yield from _indicator_refs(source, path, update.indicators, priority_ids)


def _indicator_refs(
    source: Source, path: tuple[str | int, ...], indicators: list[Indicator], priority_ids: list[str] | None
) -> Iterator[Problem]:
    """Indicators once each, and naming priorities of their strategy (None where it could not be read)."""
    yield from _unique(source, ((path + ("indicators", i, "id"), ind.id) for i, ind in enumerate(indicators)), "indicator id")
    for i, ind in enumerate(indicators):
        if priority_ids is not None and ind.priority is not None and ind.priority not in priority_ids:
            yield source.problem(
                path + ("indicators", i, "priority"), messages.unknown_reference("priority of this strategy", ind.priority, priority_ids)
            )


def check_strategy(loaded: LoadedStrategy, terms: list[str], strategy_ids: list[str], content: str) -> list[Problem]:
    """Every problem inside one strategy, a part at a time, in the order of the parts below."""
    s, src = loaded.model, loaded.source
    # A strategy cannot name itself as related to itself, or as another version of itself.
    others = [x for x in strategy_ids if x != loaded.id]
    return [
        *_placeholders(s, src),
        *_lifecycle(s, src),
        *_period(s.period, src),
        *_priorities(s, src),
        *_consultation(s.consultation, src),
        *_governance(s.governance, src, [p.id for p in s.priorities]),
        *_measures(s, src),
        *_tables(s.tables, src),
        *_glossary(s.glossary, src, terms, content),
        *_other_strategies(s, src, others),
    ]


def _placeholders(s: Strategy, src: Source) -> Iterator[Problem]:
    """An example that `new` or `import` wrote, its !example deleted but its words not replaced: the
    words say so themselves ("Replace this with ..."), and would be published as the strategy's own."""
    for field in ("title", "short_title", "summary"):
        value = getattr(s, field)
        # Still marked !example, it is reported as an example left, once.
        if value.startswith(messages.PLACEHOLDER_START) and (field,) not in src.document((field,)).examples:
            yield src.problem((field,), messages.PLACEHOLDER_LEFT)


def _lifecycle(s: Strategy, src: Source) -> Iterator[Problem]:
    """The stages in date order, and the status where the last stage left it.

    A stage given as a month or a year is out of order only if the whole of it comes before the stage
    above it: a stage in 2026-07 may follow one on 2026-07-15, since the source does not say which day
    of July it was."""
    for i in range(1, len(s.stages)):
        if last_day(s.stages[i].date) < first_day(s.stages[i - 1].date):
            yield src.problem(
                ("stages", i, "date"),
                messages.stages_out_of_order(s.stages[i].stage, uk_date(s.stages[i].date), uk_date(s.stages[i - 1].date)),
            )
    if s.stages and s.status != s.stages[-1].stage:
        yield src.problem(("status",), messages.status_not_last_stage(s.status, s.stages[-1].stage))


def _period_label(period: Period) -> str:
    """The period as the messages about dates outside it name it, as the source gives it: no day
    the officer did not write."""
    end = uk_date(period.end) if period.end is not None else str(period.end_year)
    if period.start is not None:
        return f"{uk_date(period.start)} to {end}"
    return f"{period.start_year} to {end}" if period.start_year is not None else f"until {end}"


def _before(period: Period, day: dt.date) -> bool:
    """Whether a day comes before the period begins; where the source gives only an end, none does."""
    return period.first_day is not None and day < period.first_day


def _period(period: Period, src: Source) -> Iterator[Problem]:
    """The period, and its named years inside it."""
    first_year = period.first_year
    if (first_year is not None and period.end_year < first_year) or (
        period.start is not None and period.end is not None and last_day(period.end) < first_day(period.start)
    ):
        yield src.problem(("period",), messages.period_ends_before_start())
    yield from _unique(src, ((("period", "years", i, "id"), y.id) for i, y in enumerate(period.years)), "year id")
    for i, year in enumerate(period.years):
        if year.end < year.start:
            yield src.problem(("period", "years", i, "end"), messages.year_ends_before_start(year.name))
        elif _before(period, year.start) or year.end > period.last_day:
            yield src.problem(("period", "years", i), messages.year_outside_period(year.name, _period_label(period)))


def _priorities(s: Strategy, src: Source) -> Iterator[Problem]:
    """Priorities once each and numbered in order, their themes once each, and their actions."""
    yield from _unique(src, ((("priorities", i, "id"), p.id) for i, p in enumerate(s.priorities)), "priority id")
    for i, priority in enumerate(s.priorities):
        here: tuple[str | int, ...] = ("priorities", i)
        if priority.number != i + 1:
            yield src.problem(here + ("number",), messages.priority_numbers(i + 1, priority.number))
        yield from _unique(src, ((here + ("themes", t, "id"), th.id) for t, th in enumerate(priority.themes)), "theme id")
        yield from _actions(priority, src, here, s.period)


def _actions(priority: Priority, src: Source, here: tuple[str | int, ...], period: Period) -> Iterator[Problem]:
    """A priority's actions: under a year of the period, with a theme of the priority, due inside the period."""
    year_ids = [y.id for y in period.years]
    theme_ids = [th.id for th in priority.themes]
    for year_key, actions in priority.actions.items():
        if year_key not in year_ids:
            yield src.problem(here + ("actions", year_key), messages.unknown_year(year_key, year_ids), key=True)
        for a, action in enumerate(actions):
            at = here + ("actions", year_key, a)
            if action.theme is not None and action.theme not in theme_ids:
                yield src.problem(at + ("theme",), messages.unknown_reference("theme of this priority", action.theme, theme_ids))
            # A due month or year is outside only if none of it falls inside the period: "2029" is
            # not outside a period that ends in March 2029.
            due = action.due
            if due is not None and (_before(period, last_day(due)) or first_day(due) > period.last_day):
                yield src.problem(at + ("due",), messages.due_outside_period(uk_date(due), _period_label(period)))


def _consultation(consultation: Consultation | None, src: Source) -> Iterator[Problem]:
    """The consultation window closes after it opens. A month or a year counts as its whole span, as
    it does for whether the consultation is open: closing in 2026-06 after opening on 2026-06-01 is
    a consultation during June, but closing in 2026-06 after opening in 2026-07 is a mistake."""
    if consultation and last_day(consultation.closes) <= first_day(consultation.opens):
        yield src.problem(
            ("consultation", "closes"),
            messages.consultation_closes_before_opens(on_date(consultation.opens), on_date(consultation.closes)),
        )


def _governance(g: Governance | None, src: Source, priority_ids: list[str]) -> Iterator[Problem]:
    """Boards once each and referring to boards of this strategy; sub-groups referring to its priorities."""
    if not g:
        return
    yield from _unique(src, ((("governance", "boards", i, "id"), b.id) for i, b in enumerate(g.boards)), "board id")
    board_ids = [b.id for b in g.boards]
    for i, board in enumerate(g.boards):
        if board.reports_to is not None and board.reports_to not in board_ids:
            yield src.problem(
                ("governance", "boards", i, "reports_to"),
                messages.unknown_reference("board of this strategy", board.reports_to, board_ids),
            )
    for i, board_id in enumerate(g.accountable_to):
        if board_id not in board_ids:
            yield src.problem(
                ("governance", "accountable_to", i), messages.unknown_reference("board of this strategy", board_id, board_ids)
            )
    for i, group in enumerate(g.structure.sub_groups if g.structure else []):
        if group.priority is not None and group.priority not in priority_ids:
            yield src.problem(
                ("governance", "structure", "sub_groups", i, "priority"),
                messages.unknown_reference("priority of this strategy", group.priority, priority_ids),
            )


def _measures(s: Strategy, src: Source) -> Iterator[Problem]:
    """The measures' indicators once each, and referring to priorities of this strategy."""
    if s.measures:
        yield from _indicator_refs(src, ("measures",), s.measures.indicators, [p.id for p in s.priorities])


def _tables(tables: list[Table], src: Source) -> Iterator[Problem]:
    """Tables once each, and every row fits the columns."""
    yield from _unique(src, ((("tables", i, "id"), t.id) for i, t in enumerate(tables)), "table id")
    for i, table in enumerate(tables):
        for r, row in enumerate(table.rows):
            if len(row.cells) > len(table.columns):
                yield src.problem(("tables", i, "rows", r, "cells"), messages.row_too_long(len(row.cells), len(table.columns)))


def _glossary(glossary: list[str], src: Source, terms: list[str], content: str) -> Iterator[Problem]:
    """The strategy's glossary names terms of the shared glossary, once each."""
    yield from _unique(src, ((("glossary", i), t) for i, t in enumerate(glossary)), "glossary entry")
    for i, term in enumerate(glossary):
        if term not in terms:
            yield src.problem(("glossary", i), messages.unknown_glossary_term(term, terms, content))


def _other_strategies(s: Strategy, src: Source, others: list[str]) -> Iterator[Problem]:
    """Other versions and related strategies name other strategies on this site."""
    for i, version in enumerate(s.versions.others if s.versions else []):
        if version.strategy is not None and version.strategy not in others:
            yield src.problem(
                ("versions", "others", i, "strategy"), messages.unknown_reference("strategy on this site", version.strategy, others)
            )
    for i, related in enumerate(s.related_strategies):
        if related.strategy not in others:
            yield src.problem(
                ("related_strategies", i, "strategy"), messages.unknown_reference("strategy on this site", related.strategy, others)
            )


def check_easy_read(loaded: LoadedStrategy, pictures: PictureLibrary) -> list[Problem]:
    """The Easy Read edition's references: pictures that exist, priorities and parts of the strategy that exist
    (a point's from:), hard words and left_out items once each, and a consultation for any point shown only
    at a time in its life (`when:`).

    How well it is written is the Easy Read checker's business (easyread/); these are the mistakes
    that would publish a broken page, so they stop every build.
    """
    s = loaded.model
    if s.easy_read is None:
        return []
    src = loaded.source
    problems: list[Problem] = []
    priority_ids = [p.id for p in s.priorities]
    standard = StandardContent(s)
    for i, section in enumerate(s.easy_read.sections):
        here: tuple[str | int, ...] = ("easy_read", "sections", i)
        if section.priority is not None and section.priority not in priority_ids:
            problems.append(
                src.problem(here + ("priority",), messages.unknown_reference("priority of this strategy", section.priority, priority_ids))
            )
        if section.part == "priority" and section.priority is None:
            problems.append(src.problem(here + ("part",), messages.PRIORITY_SECTION_NEEDS_PRIORITY))
        for j, point in enumerate(section.points):
            # A point shown only at a time in the consultation's life needs a consultation to time it by:
            # without one the page could never show it.
            if point.when is not None and s.consultation is None:
                problems.append(src.problem(here + ("points", j, "when"), messages.when_without_consultation(point.when)))
            if point.from_ is not None and standard.find(point.from_) is None:
                problems.append(
                    src.problem(
                        here + ("points", j, "from"),
                        messages.unknown_standard_path(point.from_, standard.nearest(point.from_), standard.paths()),
                    )
                )
            if point.picture is None:
                continue
            found = pictures.find(point.picture)
            at = here + ("points", j, "picture")
            if not found:
                problems.append(src.problem(at, messages.unknown_picture(point.picture, pictures.names())))
            elif len(found) > 1:
                problems.append(src.problem(at, messages.ambiguous_picture(point.picture, [p.id for p in found])))
    words = [w.word.lower() for w in s.easy_read.hard_words]
    problems += _unique(src, ((("easy_read", "hard_words", i, "word"), w) for i, w in enumerate(words)), "hard word")
    left_out = [entry.item for entry in s.easy_read.left_out]
    problems += _unique(src, ((("easy_read", "left_out", i, "item"), item) for i, item in enumerate(left_out)), "left_out item")
    return problems
