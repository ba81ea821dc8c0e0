"""Charts: a table of figures over years and an indicator with several figures, drawn as SVG files beside
their pages, each with its title, text alternative, description in words and the figures in a table; the
files read back for what a screen reader and a browser get, and for anything that could run or load."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import site_build
from plugins.publishing.chart_cache import CACHE_DIR as CHART_CACHE_DIR

from .conftest import AS_OF, copy_project, page
from .hostile import BYPASS, fill, scan_site, svg_runs_or_refers

SVG = "{http://www.w3.org/2000/svg}"

TABLES = """\
tables:
  - id: special-school-places
    caption: Special school places
    columns:
      - heading: 2024/25
        unit: places
      - heading: 2025/26
        unit: places
      - heading: 2026/27
        unit: places
      - heading: 2027/28
        unit: places
    rows:
      - heading: Places in the county
        cells: [100, 120, 150, 170]
      - heading: Places outside the county
        cells: [80, 70, ~, 50]
      - heading: One-off building grant
        cells: [5, ~, ~, ~]
  - id: budget-by-area
    caption: Budget by area
    columns:
      - heading: North
      - heading: South
    rows:
      - heading: Budget
        cells: [10, 20]
  - id: places-not-drawn
    caption: Places, not drawn
    chart: false
    columns:
      - heading: "2024"
      - heading: "2025"
    rows:
      - heading: Places
        cells: [1, 2]
"""

MEASURES = """\
measures:
  indicators:
    - id: attendance
      name: Pupils attending school
      unit: "%"
      baseline:
        value: 88
        date: 2024
      latest:
        value: 90
        date: 2025-07
      target:
        value: 95
        comparison: at least
        date: 2029
      updates:
        - date: 2026-01-15
          what: The spring count was published.
          source: Attendance return, January 2026
          value: 90.5
        - date: 2025-11-01
          what: The attendance team was set up.
          source: Cabinet report, November 2025
    - id: exclusions
      name: Pupils excluded
      latest:
        value: 12
"""

REPORT = """\
title: Position statement
date: 2026-07-01
meeting: County Council meeting
author: Lead Member
updates:
  - heading: Attendance
    strategy: example/plan
    body: Attendance rose again.
    indicators:
      - id: attendance
        name: Pupils attending school
        unit: "%"
        latest:
          value: 91.5
          comparison: over
          date: 2026-06
        target:
          value: 95
          comparison: at least
          date: 2029
"""


def _project(root: Path) -> Path:
    copy_project(root, minimal=True)
    plan = root / "content/example/plan"
    (plan / "tables.yml").write_text(TABLES, encoding="utf-8")
    (plan / "measures.yml").write_text(MEASURES, encoding="utf-8")
    (root / "content/example/progress").mkdir()
    (root / "content/example/progress/2026-07-01-statement.yml").write_text(REPORT, encoding="utf-8")
    return root


def _build(root: Path, site: Path, *extra: str) -> Path:
    assert site_build.main(["--root", str(root), "build", "--site-dir", str(site), "--as-of", AS_OF, *extra]) == 0
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The project built twice from the same content, the first time with its booklets, and each time
    drawing its charts: not from the chart cache the first build filled."""
    root = _project(tmp_path_factory.mktemp("charts") / "project")
    first = _build(root, root.parent / "first")
    shutil.rmtree(root / CHART_CACHE_DIR)
    return first, _build(root, root.parent / "second", "--no-pdf")


TABLE_PAGE = "example/plan/tables/special-school-places"
MEASURES_PAGE = "example/plan/measures"


def _figure(html: str) -> str:
    return html[html.index('<figure class="chart">') : html.index("</figure>") + len("</figure>")]


def _svg(path: Path) -> ET.Element:
    return ET.fromstring(path.read_bytes())


def test_a_table_over_years_shows_its_chart_with_words_then_the_table(built):
    html = page(built[0], TABLE_PAGE).read_text(encoding="utf-8")
    figure = _figure(html)
    assert '<img src="chart.svg" alt="Line chart of 2 rows of the table, 2024/25 to 2027/28; described below." width="360"' in figure
    assert '<p class="chart__title">Chart: Special school places</p>' in figure
    assert (
        "<p>A line chart of the 2 rows of the table with figures for more than one year, from 2024/25 to 2027/28. "
        "The figures are in places.</p>"
    ) in figure
    # Each row told on its own; no figure of one row is set against another's as the table's highest or lowest.
    assert re.findall(r"<li>(.*?)</li>", figure) == [
        "Places in the county rises every year, from 100 in 2024/25 to 170 in 2027/28.",
        # A year with no figure: it fell each time there was one, not every year.
        "Places outside the county falls each time, from 80 in 2024/25 to 50 in 2027/28.",
        "The table's other row has fewer than two figures, so it is in the table only.",
    ]
    # The figures themselves follow, in the page's table.
    assert html.index("</figure>") < html.index("<caption>Special school places</caption>")


def test_the_high_needs_forecast_is_described_row_by_row_in_its_unit_with_savings_told_by_size(tmp_path: Path):
    """The council's own forecast (content/leicestershire/best-programme-plan/tables.yml, in £,000): the
    planned mitigations are written as minus figures that grow from −15,363 to −66,146, which is savings
    growing, not falling; and a gap, the savings against it and their total are not compared as one series."""
    root = copy_project(tmp_path / "project")
    site = _build(root, tmp_path / "site", "--no-pdf")
    figure = _figure(page(site, "leicestershire/best-programme-plan/tables/high-needs-financial-forecast").read_text(encoding="utf-8"))
    assert (
        "<p>A line chart of the 4 rows of the table with figures for more than one year, from 2026/27 to 2029/30. "
        "The figures are in £,000 (thousands of pounds).</p>"
    ) in figure
    assert re.findall(r"<li>(.*?)</li>", figure) == [
        "Annual Funding Gap Pre Mitigations rises every year, from 87,880 in 2026/27 to 174,182 in 2029/30.",
        "Total Planned Mitigations is below zero and grows in size every year, from \u221215,363 in 2026/27 to \u221266,146 in 2029/30.",
        "Annual Revenue Funding Gap Post Mitigations rises every year, from 72,517 in 2026/27 to 108,036 in 2029/30.",
        "Cumulative High Needs Funding Gap rises every year, from 184,397 in 2026/27 to 462,446 in 2029/30.",
        "The table's other 7 rows have fewer than two figures, so they are in the table only.",
    ]
    assert "highest" not in figure and "lowest" not in figure and "falls" not in figure


@pytest.mark.parametrize(
    ("cells", "words"),
    [
        ([-60, -40, -25], "Savings is below zero and shrinks in size every year, from \u221260 in 2024/25 to \u221225 in 2026/27."),
        ([-15, None, -30], "Savings is below zero and grows in size each time, from \u221215 in 2024/25 to \u221230 in 2026/27."),
        (
            [-20, -50, -30],
            "Savings is below zero throughout and goes from \u221220 in 2024/25 to \u221230 in 2026/27; "
            "it is largest in size at \u221250 in 2025/26 and smallest at \u221220 in 2024/25.",
        ),
        ([-5, -5, -5], "Savings stays at \u22125 from 2024/25 to 2026/27."),
        # Crossing zero is no size: it rises.
        ([-10, 0, 10], "Savings rises every year, from \u221210 in 2024/25 to 10 in 2026/27."),
    ],
)
def test_a_row_below_zero_is_described_by_its_size(cells, words):
    from plugins.content.model import Table
    from plugins.pages.charts import table_chart

    columns = [{"heading": year, "unit": "£,000"} for year in ("2024/25", "2025/26", "2026/27")]
    table = Table.model_validate({"id": "t", "caption": "Savings", "columns": columns, "rows": [{"heading": "Savings", "cells": cells}]})
    chart = table_chart(table)
    assert chart is not None
    assert chart.description == (
        "A line chart of the row of the table with figures for more than one year, from 2024/25 to 2026/27. "
        "The figures are in £,000 (thousands of pounds).",
        words,
    )


def test_tables_not_over_years_or_turned_off_have_no_chart(built):
    for uri in ("example/plan/tables/budget-by-area", "example/plan/tables/places-not-drawn"):
        assert "<figure" not in page(built[0], uri).read_text(encoding="utf-8")
        assert not (built[0] / uri / "chart.svg").exists()


def test_an_indicator_with_several_figures_across_reports_is_charted_with_its_figures(built):
    html = page(built[0], MEASURES_PAGE).read_text(encoding="utf-8")
    figure = _figure(html)
    assert '<img src="chart-attendance.svg" alt="Bar chart of 5 figures for this indicator; described below."' in figure
    assert '<p class="chart__title">Chart: Pupils attending school</p>' in figure
    # Baseline, what was measured in date order (the strategy's own, its dated updates that give a figure,
    # then the report's; an update with no figure is not drawn), then the target, given once. The
    # strategy's figure shown as Latest is its newest: here a dated update's, newer than latest:.
    items = re.findall(r"<li>(.*?)</li>", figure)
    assert items == [
        "Baseline, 2024: 88%.",
        "Reported, July 2025: 90%.",
        "Latest, 15 January 2026: 90.5%.",
        "Reported, June 2026: over 91.5%.",
        "Target, 2029: at least 95%.",
        "The highest figure is at least 95% (target, 2029); the lowest is 88% (baseline, 2024).",
    ]
    table = html[html.index("<caption>Figures for Pupils attending school</caption>") :]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(.*?)</td><td>(.*?)</td></tr>", table)
    # Each figure's date in its own column, not again beside the figure.
    assert rows == [
        ("Baseline", "2024", "88%"),
        ("Reported", "July 2025", "90%"),
        ("Latest", "15 January 2026", "90.5%"),
        ("Reported", "June 2026", "over 91.5%"),
        ("Target", "2029", "at least 95%"),
    ]
    # One figure is no chart.
    assert "chart-exclusions.svg" not in html and not (built[0] / MEASURES_PAGE / "chart-exclusions.svg").exists()


def test_the_svg_has_its_title_and_description_and_its_words_as_text(built):
    svg = _svg(built[0] / TABLE_PAGE / "chart.svg")
    children = list(svg)
    assert (children[0].tag, children[0].text) == (f"{SVG}title", "Special school places")
    assert children[1].tag == f"{SVG}desc"
    assert children[1].text.startswith("A line chart of the 2 rows of the table")
    assert "Places in the county rises every year, from 100 in 2024/25 to 170 in 2027/28." in children[1].text
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    for words in ("Places in the county", "Places outside the county", "2024/25", "2027/28", "places"):
        assert words in texts
    assert "One-off building grant" not in texts
    bars = _svg(built[0] / MEASURES_PAGE / "chart-attendance.svg")
    assert next(iter(bars)).text == "Pupils attending school"
    bar_texts = ["".join(t.itertext()) for t in bars.iter(f"{SVG}text")]
    for words in ("Baseline, 2024:", "88%", "Reported, June 2026:", "over 91.5%", "Target, 2029:", "at least 95%", "%"):
        assert words in bar_texts


def test_the_svg_runs_nothing_refers_nowhere_and_is_the_same_bytes_on_every_build(built):
    first, second = built
    for path in (TABLE_PAGE + "/chart.svg", MEASURES_PAGE + "/chart-attendance.svg"):
        data = (first / path).read_bytes()
        # The cleaner's XML declaration, then the drawing: no DOCTYPE, no entities.
        assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<svg ') and b"<!DOCTYPE" not in data
        assert svg_runs_or_refers(data) == []
        assert data == (second / path).read_bytes()


def test_the_booklet_prints_the_chart_with_its_text_alternative(built):
    from pypdf import PdfReader

    reader = PdfReader(built[0] / "example/plan/plan.pdf")
    alts = []
    for number in range(1, len(reader.xref_objStm) + 2000):
        try:
            found = reader.get_object(number)
        except Exception:  # noqa: BLE001  (a number that is no object)
            continue
        if isinstance(found, dict) and "/Alt" in found:
            alts.append(str(found["/Alt"]))
    assert "Line chart of 2 rows of the table, 2024/25 to 2027/28; described below." in alts
    assert "Bar chart of 5 figures for this indicator; described below." in alts


def test_the_export_writes_each_chart_where_its_page_is_built(tmp_path: Path):
    root = _project(tmp_path / "project")
    assert site_build.main(["--root", str(root), "export", "--out", str(tmp_path / "exported")]) == 0
    docs = tmp_path / "exported" / "docs"
    # A page's Markdown at tables/x.md is built into tables/x/, where its chart is.
    assert (docs / (TABLE_PAGE + ".md")).read_text(encoding="utf-8").count('<img src="chart.svg"') == 1
    built = _build(root, tmp_path / "site", "--no-pdf")
    for path in (TABLE_PAGE + "/chart.svg", MEASURES_PAGE + "/chart-attendance.svg"):
        assert (docs / path).read_bytes() == (built / path).read_bytes()


def test_hostile_words_reach_the_chart_only_as_text(tmp_path: Path, counting_server):
    """Every payload an attacker would try, put straight into a table's caption and row headings and an
    indicator's name and unit after the content was checked: the SVG holds them as text, and nothing
    that runs or loads."""
    from plugins.content import loader

    server, requests = counting_server
    root = _project(tmp_path / "project")
    payloads = [fill(p, server, tmp_path / "secret") for p in BYPASS]
    original = loader._load

    def hostile_load(*args, **kwargs):
        library = original(*args, **kwargs)
        m = library.strategy("example/plan").model
        table = m.tables[0]
        object.__setattr__(table, "caption", payloads[0])
        for row, payload in zip(table.rows, payloads[1:], strict=False):
            object.__setattr__(row, "heading", payload)
        indicator = m.measures.indicators[0]
        object.__setattr__(indicator, "name", "<svg onload=alert(1)><script>alert(1)</script></svg>")
        object.__setattr__(indicator, "unit", '"><image href="' + server + '/unit"/>')
        return library

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "_load", hostile_load)
        code = site_build.main(["--root", str(root), "build", "--site-dir", str(tmp_path / "out"), "--as-of", AS_OF, "--lenient"])
    assert code == 0
    charts = sorted((tmp_path / "out").rglob("chart*.svg"))
    assert [c.relative_to(tmp_path / "out").as_posix() for c in charts] == [
        MEASURES_PAGE + "/chart-attendance.svg",
        TABLE_PAGE + "/chart.svg",
    ]
    for chart in charts:
        assert svg_runs_or_refers(chart.read_bytes()) == []
    bars = _svg(charts[0])
    assert next(iter(bars)).text == "<svg onload=alert(1)><script>alert(1)</script></svg>"
    line = _svg(charts[1])
    assert next(iter(line)).text == payloads[0]
    # The row headings, wrapped for the legend, as the words they are.
    texts = ["".join(t.itertext()) for t in line.iter(f"{SVG}text")]
    assert '<a rel="attachment"' in texts and '<link rel="attachment"' in texts
    assert '"><image' in ["".join(t.itertext()) for t in bars.iter(f"{SVG}text")]
    assert [found for found in scan_site(tmp_path / "out", []).items if ".svg:" in found] == []
    assert requests == []
