"""Charts of figures over time: a table whose columns are years, and an indicator with two or more figures.

Each chart is an SVG file drawn by matplotlib (chosen by measurement: see the README's "Charts") and
published beside its page, with what a reader who cannot see it needs, worked out from the same
figures: a title, a short text alternative and a description in words (how each row goes, in the
table's unit; an indicator's highest and lowest figures). The page shows the figures themselves in a
table beside the chart.

The SVG holds the council's words (row headings, an indicator's name), so it is made like a picture
an officer committed: matplotlib writes them as escaped text, and the file then goes through the
pictures' own cleaner (plugins/content/pictures.py: svg-hush, refusing anything it would change or
anything that refers outside the file), so the bytes published are those checked. Nothing in it runs
or loads anything, and the same figures give the same bytes on every build.

Those bytes are kept by key (plugins/publishing/chart_cache.py), so a build draws only the charts whose
figures or words changed: the key is made of all a chart is drawn from (its plan, below, title and
description) and of what draws it (matplotlib's version, the cleaner, this module's code). A chart
taken from there is published only if the cleaner accepts it unchanged; a build that draws none
never imports matplotlib, which takes longer than drawing a chart.

Which tables are charted, in words an officer can follow:
- every column heading is a year (2026) or a financial or academic year (2026/27, 2026-27, 2026-2027),
  in order, and there are at least two of them;
- the rows drawn are those with a figure in at least two of those columns; a row with one figure is
  no trend, and stays in the table alone;
- `chart: false` on the table turns its chart off.
"""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import html
import io
import json
import os
import re
import shutil
import sys
import tempfile
import textwrap
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

from plugins.content import pictures
from plugins.content.dates import figure, first_day, uk_date, unit_meaning, with_unit
from plugins.content.model import Indicator, Reading, Row, Table
from plugins.content.pictures import clean_svg
from plugins.content.problems import ContentError

# --- What the pages are given ----------------------------------------------------------------------


@dataclass(frozen=True)
class Chart:
    """A chart as a page shows it: its file beside the page, its words, and its size for the <img>."""

    file: str  # its name in the page's folder, such as chart.svg
    svg: bytes  # as published: cleaned, and checked unchanged by the cleaner
    title: str
    alt: str
    description: tuple[str, ...]  # sentences, each computed from the figures
    width: int
    height: int


# --- Which tables and rows are charted ---------------------------------------------------------------

# 2026, 2026/27, 2026-27, 2026/2027, 2026-2027: a year, or a year that runs across two (financial, academic).
_YEAR = re.compile(r"(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?")


def _year(heading: str) -> int | None:
    found = _YEAR.fullmatch(heading.strip())
    if found is None:
        return None
    start = int(found.group(1))
    if found.group(2) is not None:
        # The second year must follow the first: 2026/27 or 2026-2027, not 2026/31.
        end = found.group(2)
        if int(end) != (start + 1) % (100 if len(end) == 2 else 10_000):
            return None
    return start


def years_of(table: Table) -> list[str] | None:
    """The table's column headings when every one is a year, in order and at least two; None otherwise."""
    years = [_year(column.heading) for column in table.columns]
    if len(years) < 2 or any(y is None for y in years):
        return None
    starts = [y for y in years if y is not None]
    if any(b <= a for a, b in zip(starts, starts[1:], strict=False)):
        return None
    return [column.heading.strip() for column in table.columns]


def _number(cell: object) -> Decimal | None:
    """A cell's figure; None for an empty cell, a text, or anything that is not a finite number."""
    if not isinstance(cell, (int, Decimal)) or isinstance(cell, bool):
        return None
    number = Decimal(cell)
    return number if number.is_finite() else None


# The most a chart draws: lines for a table's rows, years along it, and an indicator's bars. A table or
# an indicator with more is left to its table alone, where every figure is still given: a chart of more
# lines or bars than these cannot be told apart by its markers and dashes, and drawing one takes time and
# memory that grow with it (thousands of rows, which check accepts, take minutes and hundreds of MB).
MAX_LINES = 12
MAX_YEARS = 30
MAX_BARS = 24


def charted_rows(table: Table) -> list[Row]:
    """The rows a table's chart draws: those with a figure in at least two of its columns."""
    return [row for row in table.rows if sum(_number(cell) is not None for cell in row.cells[: len(table.columns)]) >= 2]


# --- Which indicators are charted ------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorFigure:
    """One figure of an indicator, as its chart and its table name it."""

    kind: str  # Baseline, Latest, Reported or Target
    reading: Reading
    when: str  # the figure's date in words, or "" where the source gives none

    @property
    def label(self) -> str:
        return f"{self.kind}, {self.when}" if self.when else self.kind


@dataclass(frozen=True)
class IndicatorSource:
    """An indicator as the strategy gives it (reported None), or as a progress report does, with the report's day."""

    indicator: Indicator
    reported: dt.date | None = None


def indicator_figures(sources: Sequence[IndicatorSource]) -> list[IndicatorFigure]:
    """Every figure for one indicator, the first source's: its baseline, latest and target, and those of
    the same indicator (by id, and in the same unit) in the other sources, which are given oldest report
    first. The same figure given twice (a target repeated in each report) counts once. Baselines come
    first, then what was measured in date order, then targets.

    This is the one place an indicator's figures are gathered, its own dated updates that give a figure
    among the measured ones."""
    measured: list[tuple[dt.date | None, IndicatorFigure]] = []
    baselines: list[IndicatorFigure] = []
    targets: list[IndicatorFigure] = []
    seen: set[tuple[str, Decimal, str, str]] = set()

    def add(kind: str, reading: Reading | None, reported: Any = None) -> None:
        if reading is None:
            return
        when = reading.date if reading.date is not None else reported
        key = (kind if kind != "Reported" else "Latest", reading.value, reading.comparison, str(when))
        if key in seen:
            return
        seen.add(key)
        shown = IndicatorFigure(kind, reading, uk_date(when) if when is not None else "")
        if kind == "Baseline":
            baselines.append(shown)
        elif kind == "Target":
            targets.append(shown)
        else:
            measured.append((first_day(when) if when is not None else None, shown))

    first = sources[0].indicator
    for source in sources:
        if source.indicator.id != first.id or source.indicator.unit != first.unit:
            continue
        add("Baseline", source.indicator.baseline)
        # The strategy's own figure shown as Latest (Indicator.newest: latest: or a newer dated update's
        # figure) is named so here too; every other measured figure is one reported on its date.
        newest = source.indicator.newest if source.reported is None else None
        latest = source.indicator.latest
        add("Latest" if latest is not None and latest == newest else "Reported", latest, source.reported)
        # The indicator's own dated updates that give a figure: each a measured figure on its date.
        for update in source.indicator.updates:
            reading = update.reading
            add("Latest" if reading is not None and reading == newest and newest is not latest else "Reported", reading)
        add("Target", source.indicator.target)
    # Sorted by date where every measured figure has one; otherwise kept in the order given.
    days = [day for day, _ in measured if day is not None]
    if len(days) == len(measured):
        measured.sort(key=lambda item: item[0] or dt.date.min)
    return baselines + [shown for _, shown in measured] + targets


@dataclass(frozen=True)
class IndicatorChart:
    """An indicator with two or more figures, as the measures page shows it: its chart and its figures."""

    indicator: Indicator
    figures: list[IndicatorFigure]
    chart: Chart


def indicator_charts(sources: Sequence[IndicatorSource], store: SvgStore | None = None) -> list[IndicatorChart]:
    """A chart for each indicator, by id in the order first given, that has two or more figures across
    all the sources: the strategy's own indicators first, then those of its progress reports, oldest first."""
    by_id: dict[str, list[IndicatorSource]] = {}
    for source in sources:
        by_id.setdefault(source.indicator.id, []).append(source)
    charted = []
    for same in by_id.values():
        figures = indicator_figures(same)
        chart = indicator_chart(same[0].indicator, figures, store)
        if chart is not None:
            charted.append(IndicatorChart(same[0].indicator, figures, chart))
    return charted


def reading_words(reading: Reading, unit: str | None) -> str:
    """A figure as the pages write it: "under 18 weeks", "over 95%", "7 homes", "£102 million"."""
    comparison = "" if reading.comparison == "exactly" else f"{reading.comparison} "
    return f"{comparison}{with_unit(reading.value, unit)}"


# --- Drawing ---------------------------------------------------------------------------------------

# Colours with at least 3:1 contrast against the white background (WCAG 1.4.11), and each series also
# told apart by its marker and its line's dashes, so that neither colour vision nor a grey printer is needed.
COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#6f3c00", "#505a5f")
MARKERS = ("o", "s", "D", "^", "v", "P")
DASHES = ("-", "--", ":", "-.", (0, (6, 2, 1, 2, 1, 2)), (0, (1, 1)))

# The drawing's size in SVG units (points), and its text: 13 units shown at 320 pixels wide (the
# narrowest screen, less the page's margins) is about 10 pixels, and larger on any wider screen.
WIDTH_IN = 5.0
FONT_SIZE = 13
LEGEND_WRAP = 38
LABEL_WRAP = 22

# matplotlib's settings for every chart: text written as text (not drawn as outlines), no maths read into
# a "$" in the council's words, DejaVu Sans (which matplotlib ships, so the layout is the same on every
# machine), and ids from a fixed salt so that the same chart is the same bytes on every build.
_SETTINGS: dict[Any, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "council-strategy-chart",
    "svg.id": "chart",
    "text.parse_math": False,
    "text.usetex": False,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": FONT_SIZE,
    "axes.edgecolor": "#505a5f",
    "axes.labelcolor": "#0b0c0c",
    "xtick.color": "#0b0c0c",
    "ytick.color": "#0b0c0c",
    "text.color": "#0b0c0c",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.image_inline": True,
}

# What XML 1.0 cannot hold, even escaped: an officer's text never has these, but a chart must not fail on them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# A path's steps, in the d attribute of a <path>.
_PATH_DATA = re.compile(rb'\sd="([^"]*)"')


def _text(value: str, width: int) -> str:
    """Words for the drawing, on lines of at most width characters and at most four lines: the words in
    full are in the description and the table beside the chart."""
    lines = textwrap.wrap(_NOT_XML.sub("", value), width=width, break_long_words=True, max_lines=4, placeholder=" \u2026")
    return "\n".join(lines) or " "


def _tick(value: float, _: object = None) -> str:
    return f"{value:,.10g}".replace("-", "\u2212")


def _matplotlib() -> Any:
    """matplotlib, imported the first time a chart is drawn, with its font list kept in a folder of this
    process's own, removed when it ends: left to itself, matplotlib writes it into the home folder
    (~/.cache/matplotlib), outside the project."""
    if "matplotlib" not in sys.modules:
        folder = tempfile.mkdtemp(prefix="strategy-charts-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        os.environ["MPLCONFIGDIR"] = folder
    import matplotlib
    import matplotlib.style

    return matplotlib


def _render(draw: Any, height_in: float) -> bytes:
    """The SVG matplotlib writes for a drawing, without its XML prolog (a DOCTYPE, which the pictures'
    cleaner refuses, and which says nothing a browser needs).

    Drawn from matplotlib's own defaults, then this module's settings: matplotlib also reads a
    matplotlibrc from the working folder (where a pull request could add one), the environment and the
    home folder, and none of those may change a chart."""
    matplotlib = _matplotlib()
    from matplotlib.backends.backend_svg import svgProlog
    from matplotlib.figure import Figure as Drawing

    with matplotlib.style.context("default"), matplotlib.rc_context(_SETTINGS), warnings.catch_warnings():
        # A character DejaVu Sans lacks is still written as text, which the reader's own fonts show.
        warnings.simplefilter("ignore")
        drawing = Drawing(figsize=(WIDTH_IN, height_in), layout="constrained")
        draw(drawing)
        out = io.BytesIO()
        drawing.savefig(out, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    data = out.getvalue()
    if not data.startswith(svgProlog.encode()):
        raise ValueError("matplotlib's SVG no longer starts as it did")
    # matplotlib ends each step of a path with a line break; the cleaner writes the same path without
    # the last one, and is to change nothing, so each path is written on one line.
    return _PATH_DATA.sub(lambda found: b' d="' + b" ".join(found.group(1).split()) + b'"', data[len(svgProlog) :])


def _titled(svg: bytes, title: str, description: str) -> bytes:
    """The SVG with its title and description as its first children, for anyone opening the file itself."""
    start = svg.index(b">", svg.index(b"<svg")) + 1
    words = f"<title>{html.escape(_NOT_XML.sub('', title))}</title><desc>{html.escape(_NOT_XML.sub('', description))}</desc>"
    return svg[:start] + words.encode() + svg[start:]


# --- Drawn once, then kept --------------------------------------------------------------------------

# Raised when what a key is made of changes its form, so that no entry of an older form is read as this one.
CACHE_FORMAT = 1


class SvgStore(Protocol):
    """Where charts drawn by earlier builds are kept, by key (plugins/publishing/chart_cache.py). What it
    gives back is only a hint: it is published only if the pictures' cleaner accepts it unchanged."""

    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, svg: bytes) -> None: ...


@cache
def _drawer() -> str:
    """What makes a chart's bytes besides its plan and words: matplotlib and numpy, the cleaner (svg-hush and
    pictures.py) and this module's code (its settings, colours and drawing). The versions are read from the
    installed packages' records, not by importing them: a build whose charts are all kept never imports matplotlib."""
    code = hashlib.sha256()
    for module in (__file__, pictures.__file__):
        code.update(Path(module).read_bytes())
    versions = "; ".join(f"{name} {metadata.version(name)}" for name in ("matplotlib", "numpy", "py_svg_hush"))
    return f"format {CACHE_FORMAT}; {versions}; code {code.hexdigest()}"


def chart_key(plan: _Lines | _Bars, height_in: float, title: str, description: Sequence[str]) -> str:
    """The key of a chart's SVG: everything it is made from. The drawing reads only its plan, so a figure,
    a heading or a unit that changes changes the key; the title and description are written into the file."""
    made_of = [_drawer(), type(plan).__name__, asdict(plan), height_in, title, list(description)]
    return hashlib.sha256(json.dumps(made_of).encode()).hexdigest()


def _chart(
    file: str, plan: _Lines | _Bars, height_in: float, title: str, alt: str, description: Sequence[str], store: SvgStore | None
) -> Chart:
    """The chart as published: from the store if it has it whole and clean, drawn and cleaned (and kept) otherwise."""
    named = f"the chart {file} ({title[:60]})"
    key = chart_key(plan, height_in, title, description)
    svg = _kept(store.get(key), named) if store is not None else None
    if svg is None:
        svg = clean_svg(_titled(_render(plan.draw, height_in), title, " ".join(description)), named)
        if store is not None:
            store.put(key, svg)
    return Chart(file, svg, title, alt, tuple(description), round(WIDTH_IN * 72), round(height_in * 72))


def _kept(svg: bytes | None, named: str) -> bytes | None:
    """A kept chart, if the cleaner leaves it exactly as it is, as it left the chart when it was drawn: a file
    cut short, or one holding anything the cleaner would remove (a script, say), is drawn again instead."""
    if svg is None:
        return None
    try:
        return svg if clean_svg(svg, named) == svg else None
    except ContentError:
        return None


# --- A table's chart -------------------------------------------------------------------------------


def _series(row: Row, count: int) -> list[Decimal | None]:
    return [_number(cell) for cell in (list(row.cells) + [None] * count)[:count]]


def _row_sentence(heading: str, values: list[Decimal | None], years: list[str]) -> str:
    """How one row's figures go, in words. A row below zero throughout (savings written as minus figures)
    is told by its size, so that "−15,363 to −66,146" reads as growing, which it is, not as falling."""
    points = [(year, value) for year, value in zip(years, values, strict=True) if value is not None]
    (first_year, first), (last_year, last) = points[0], points[-1]
    every_year = all(v is not None for v in values[years.index(first_year) : years.index(last_year) + 1])
    how_often = "every year" if every_year else "each time"
    span = f"from {figure(first)} in {first_year} to {figure(last)} in {last_year}"
    below = all(value < 0 for _, value in points)
    sizes = [(year, abs(value) if below else value) for year, value in points]
    steps = [b[1] - a[1] for a, b in zip(sizes, sizes[1:], strict=False)]
    if all(step == 0 for step in steps):
        return f"{heading} stays at {figure(first)} from {first_year} to {last_year}."
    if below:
        if all(step > 0 for step in steps):
            return f"{heading} is below zero and grows in size {how_often}, {span}."
        if all(step < 0 for step in steps):
            return f"{heading} is below zero and shrinks in size {how_often}, {span}."
        large = max(points, key=lambda p: abs(p[1]))
        small = min(points, key=lambda p: abs(p[1]))
        return (
            f"{heading} is below zero throughout and goes {span}; it is largest in size at {figure(large[1])} in {large[0]} "
            f"and smallest at {figure(small[1])} in {small[0]}."
        )
    if all(step > 0 for step in steps):
        return f"{heading} rises {how_often}, {span}."
    if all(step < 0 for step in steps):
        return f"{heading} falls {how_often}, {span}."
    high = max(points, key=lambda p: p[1])
    low = min(points, key=lambda p: p[1])
    return f"{heading} goes {span}; its highest is {figure(high[1])} in {high[0]} and its lowest {figure(low[1])} in {low[0]}."


def unit_words(unit: str) -> str:
    """A unit as the words around a table say it: "£,000 (thousands of pounds)", "places"."""
    meaning = unit_meaning(unit)
    return f"{unit} ({meaning})" if meaning else unit


def table_unit(table: Table) -> str | None:
    """The unit of every column of a table, where they share one."""
    units = {column.unit for column in table.columns}
    return units.pop() if len(units) == 1 else None


def table_description(table: Table, years: list[str], rows: list[Row]) -> list[str]:
    """What the table's chart shows, in sentences worked out from its figures. Each row is told on its own:
    the rows of a table are often unlike (a gap, the savings against it, their total), so no figure of one
    is set against another's as the table's highest or lowest."""
    unit = table_unit(table)
    drawn = "the row" if len(rows) == 1 else f"the {len(rows)} rows"
    sentences = [f"A line chart of {drawn} of the table with figures for more than one year, from {years[0]} to {years[-1]}."]
    if unit:
        sentences[0] += f" The figures are in {unit_words(unit)}."
    values = {id(row): _series(row, len(years)) for row in rows}
    sentences += [_row_sentence(row.heading, values[id(row)], years) for row in rows]
    others = len(table.rows) - len(rows)
    if others:
        rows_words = f"other {others} rows have" if others != 1 else "other row has"
        sentences.append(f"The table's {rows_words} fewer than two figures, so {'they are' if others != 1 else 'it is'} in the table only.")
    return sentences


def table_chart(table: Table, store: SvgStore | None = None) -> Chart | None:
    """The chart of a table of figures over years, or None where the table is not one (see the module's rules)."""
    if not table.chart:
        return None
    years = years_of(table)
    rows = charted_rows(table) if years else []
    if years is None or not rows or len(rows) > MAX_LINES or len(years) > MAX_YEARS:
        return None
    unit = table_unit(table)
    figures = [tuple(None if v is None else float(v) for v in _series(row, len(years))) for row in rows]
    plan = _Lines(
        years=tuple(years),
        rows=tuple((_text(row.heading, LEGEND_WRAP), drawn) for row, drawn in zip(rows, figures, strict=True)),
        unit=_text(unit, 40) if unit else None,
    )
    legend_lines = sum(len(label.split("\n")) for label, _ in plan.rows)
    description = table_description(table, years, rows)
    alt = f"Line chart of {len(rows)} row{'s' if len(rows) != 1 else ''} of the table, {years[0]} to {years[-1]}; described below."
    return _chart("chart.svg", plan, 3.4 + 0.26 * legend_lines, table.caption, alt, description, store)


@dataclass(frozen=True)
class _Lines:
    """All a table's chart draws, and the drawing reads nothing else (see chart_key): the years along it,
    each row's name in the legend with its figures (None for a year without one), and the axis's unit."""

    years: tuple[str, ...]
    rows: tuple[tuple[str, tuple[float | None, ...]], ...]
    unit: str | None

    def draw(self, drawing: Any) -> None:
        from matplotlib.ticker import FuncFormatter

        axes = drawing.add_subplot()
        handles = []
        for i, (_, figures) in enumerate(self.rows):
            values = [float("nan") if v is None else v for v in figures]
            (line,) = axes.plot(
                range(len(self.years)),
                values,
                color=COLOURS[i % len(COLOURS)],
                marker=MARKERS[i % len(MARKERS)],
                linestyle=DASHES[i % len(DASHES)],
                linewidth=2,
                markersize=7,
            )
            handles.append(line)
        axes.set_xticks(range(len(self.years)), labels=list(self.years))
        if len(self.years) > 5:
            axes.tick_params(axis="x", labelrotation=45)
        axes.yaxis.set_major_formatter(FuncFormatter(_tick))
        axes.grid(axis="y", color="#b1b4b6", linewidth=0.8)
        axes.axhline(0, color="#0b0c0c", linewidth=1)
        if self.unit:
            axes.set_ylabel(self.unit)
        drawing.legend(handles, [label for label, _ in self.rows], loc="outside lower center", ncols=1, frameon=False, handlelength=3.5)


# --- An indicator's chart --------------------------------------------------------------------------


def indicator_description(indicator: Indicator, figures: list[IndicatorFigure]) -> list[str]:
    """What the indicator's chart shows, in sentences worked out from its figures."""
    sentences = [f"A bar chart of {len(figures)} figures for {indicator.name}."]
    sentences += [f"{shown.label}: {reading_words(shown.reading, indicator.unit)}." for shown in figures]
    if len(figures) > 2:
        high = max(figures, key=lambda f: f.reading.value)
        low = min(figures, key=lambda f: f.reading.value)
        sentences.append(
            f"The highest figure is {reading_words(high.reading, indicator.unit)} ({high.label.lower()}); "
            f"the lowest is {reading_words(low.reading, indicator.unit)} ({low.label.lower()})."
        )
    return sentences


def indicator_chart(indicator: Indicator, figures: list[IndicatorFigure], store: SvgStore | None = None) -> Chart | None:
    """A bar for each figure of the indicator, named with its words, or None for fewer than two figures.
    What was measured is drawn solid and a target hatched, and each bar is named beside it, so colour
    says nothing that the words do not."""
    if not 2 <= len(figures) <= MAX_BARS:
        return None
    # Each bar is named beside it with its figure in words, as the table writes it ("under 18 weeks").
    plan = _Bars(
        bars=tuple(
            (
                _text(f.label + ":", LABEL_WRAP) + "\n" + _text(reading_words(f.reading, indicator.unit), LABEL_WRAP),
                float(f.reading.value),
                f.kind == "Target",
            )
            for f in figures
        ),
        unit=_text(indicator.unit, 40) if indicator.unit else None,
    )
    description = indicator_description(indicator, figures)
    alt = f"Bar chart of {len(figures)} figures for this indicator; described below."
    return _chart(f"chart-{indicator.id}.svg", plan, 1.4 + 0.62 * len(figures), indicator.name, alt, description, store)


@dataclass(frozen=True)
class _Bars:
    """All an indicator's chart draws, and the drawing reads nothing else (see chart_key): each bar's name,
    figure and whether it is a target, first at the top, and the axis's unit."""

    bars: tuple[tuple[str, float, bool], ...]
    unit: str | None

    def draw(self, drawing: Any) -> None:
        from matplotlib.ticker import FuncFormatter

        axes = drawing.add_subplot()
        places = list(range(len(self.bars)))[::-1]  # the first figure at the top
        for place, (_, value, target) in zip(places, self.bars, strict=True):
            axes.barh(
                place,
                value,
                height=0.6,
                color="#ffffff" if target else COLOURS[0],
                edgecolor=COLOURS[0],
                hatch="//" if target else None,
                linewidth=1.5,
            )
        axes.set_yticks(places, labels=[label for label, _, _ in self.bars])
        axes.xaxis.set_major_formatter(FuncFormatter(_tick))
        axes.axvline(0, color="#0b0c0c", linewidth=1)
        if self.unit:
            axes.set_xlabel(self.unit)
