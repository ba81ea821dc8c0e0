"""Nothing from the council's documents is lost on the way into content/.

The five source documents are kept under tests/sources/ exactly as supplied
(text extracted from the councils' PDFs). These tests read them independently
of the content and check that every line, every action under its own priority
and year, every governance row, every date and every figure of the finance
table is in content/.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from .conftest import REPO

SOURCES = Path(__file__).parent / "sources"
BELONGING, POSITION, SEND_AND_INCLUSION, BEST, LEICESTER = sorted(SOURCES.glob("*.txt"))
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def norm(text: str) -> str:
    """Compare words, not typography: PDF extraction and Markdown differ in quotes, bold and spacing."""
    text = re.sub(r"</?p>", " ", text)
    for a, b in (("**", ""), ("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("#", "")):
        text = text.replace(a, b)
    text = re.sub(r"\[([^\]]*)\]\(#?\)", r"\1", text)
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.fixture(scope="module")
def content_text() -> str:
    """All content as one normalised text, with every date also written as the sources write it."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "content").rglob("*.yml")))
    extra = []
    for iso in set(re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text)):
        day = dt.date.fromisoformat(iso)
        extra.append(f"{day.day} {day:%B %Y}")
    for month in set(re.findall(r"\b(\d{4})-(0[1-9]|1[0-2])\b(?!-)", text)):
        extra.append(dt.date(int(month[0]), int(month[1]), 1).strftime("%B %Y"))
    return norm(text + " " + " ".join(extra))


def _source_statements(path: Path):
    """Every line of a source, split into table cells, that says something (eight words or more)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        for piece in re.split(r"</p>\s*<p>|\t", line):
            text = re.sub(r"^(\d+\.|-|\w\))\s+", "", norm(piece)).strip()
            if len(text.split()) >= 8:
                yield number, text


def _in(content_text: str, statement: str) -> bool:
    if statement in content_text:
        return True
    # An action plan's heading repeats the priority's commitment after "Priority two: ".
    if re.sub(r"^priority \w+: ", "", statement) in content_text:
        return True
    # Two cells or a theme and its first action that the PDF extraction ran together.
    words = statement.split(" ")
    return any(" ".join(words[:i]) in content_text and " ".join(words[i:]) in content_text for i in range(2, len(words) - 1))


def test_every_line_of_every_source_document_is_in_content(library, content_text: str):
    contacts = [(norm(c.name), norm(c.role)) for s in library.strategies for c in s.model.contacts]
    papers = [(norm(p.title), norm(p.meeting or "")) for s in library.strategies for p in s.model.background_papers]
    checked, missing = 0, []
    for source in sorted(SOURCES.glob("*.txt")):
        for number, statement in _source_statements(source):
            checked += 1
            held_as_contact = any(name in statement and role in statement for name, role in contacts)
            held_as_paper = any(title in statement and meeting in statement for title, meeting in papers)
            if not (_in(content_text, statement) or held_as_contact or held_as_paper):
                missing.append(f"{source.name}:{number}: {statement}")
    print(f"Checked {checked} lines of the source documents: {checked - len(missing)} are in content/.")
    assert checked > 450
    assert missing == []


def _leicester_plan_statements():
    """(strategy, priority number, year key, statement) for every action cell of Leicester's action plans."""
    numbers = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
    years = ["year_one", "year_two", "year_three"]
    strategy = priority = year = None
    in_plan = False
    for line in LEICESTER.read_text(encoding="utf-8").split("\n"):
        if line.strip() in ("Education Division Strategy", "SEND Division Strategy"):
            strategy = "leicester/education-2021-24" if line.startswith("Education") else "leicester/send-2021-24"
        if line.startswith("How will we achieve our Strategy?"):
            in_plan = True
            continue
        if line.startswith("How will we measure success?"):
            in_plan = False
        if not in_plan or not line.strip():
            continue
        heading = re.match(r"\**Priority (one|two|three|four|five)\b", line, re.I)
        if heading:
            priority = numbers[heading.group(1).lower()]
            continue
        if re.match(r"Year (One|Two|Three) \(", line):
            if "\t" not in line:
                year = "year_" + line.split()[1].lower()
            continue
        if "\t" in line:
            for column, cell in enumerate(line.split("\t")):
                for statement in re.findall(r"<p>(.*?)</p>", cell) or ([cell] if cell.strip() else []):
                    yield strategy, priority, years[column], norm(statement)
        else:
            yield strategy, priority, year, norm(line)


def test_every_leicester_action_is_under_its_own_priority_and_year(library):
    checked, misplaced = 0, []
    for strategy_id, number, year, statement in _leicester_plan_statements():
        priority = library.strategy(strategy_id).model.priorities[number - 1]
        actions = [norm(a.text) for a in priority.actions.get(year, [])]
        themes = [norm(t.name) for t in priority.themes]
        checked += 1
        ok = (
            statement in actions
            or statement in themes
            or any(statement == f"{t} {a}" for t in themes for a in actions)
            or any(statement == f"{a} {b}" for a in actions for b in actions)
        )
        if not ok:
            misplaced.append(f"{strategy_id} priority {number} {year}: {statement}")
    print(f"Checked {checked} action-plan cells of the Leicester strategies.")
    assert checked >= 170
    assert misplaced == []


def test_every_action_in_leicester_content_comes_from_the_source(library):
    source = norm(LEICESTER.read_text(encoding="utf-8"))
    for strategy_id in ("leicester/education-2021-24", "leicester/send-2021-24"):
        for priority in library.strategy(strategy_id).model.priorities:
            for actions in priority.actions.values():
                for action in actions:
                    assert norm(action.text) in source, action.text


def test_priority_counts_match_the_sources(library):
    counts = {s.id: len(s.model.priorities) for s in library.strategies}
    assert counts == {
        "leicestershire/belonging-in-education-2026-29": 4,
        "leicestershire/send-and-inclusion-2024-27": 5,
        "leicestershire/best-programme-plan": 6,
        "leicester/education-2021-24": 5,
        "leicester/send-2021-24": 4,
    }
    sources = norm(" ".join(p.read_text(encoding="utf-8") for p in SOURCES.glob("*.txt")))
    for strategy in library.strategies:
        for priority in strategy.model.priorities:
            assert norm(priority.title) in sources, priority.title


def _forecast_rows() -> tuple[list[str], list[tuple[str, list[int | None]]]]:
    lines = BEST.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("High Needs Financial Forecast"))
    header = [c.split()[0] for c in lines[start + 1].split("\t")[1:]]
    rows = []
    for line in lines[start + 2 :]:
        if "\t" not in line:
            break
        heading, *cells = line.split("\t")
        rows.append((heading.strip(), [int(c.replace(",", "")) if c.strip() else None for c in cells]))
    return header, rows


def test_every_figure_of_the_high_needs_forecast_is_kept_exactly(library):
    header, rows = _forecast_rows()
    (table,) = library.strategy("leicestershire/best-programme-plan").model.tables
    assert [c.heading for c in table.columns] == header == ["2026/27", "2027/28", "2028/29", "2029/30"]
    assert {c.unit for c in table.columns} == {"£,000"}
    content_rows = [(r.heading, [None if c is None else int(c) for c in r.cells]) for r in table.rows]
    source_rows = [(h, cells + [None] * (4 - len(cells))) for h, cells in rows]
    assert content_rows == source_rows
    assert sum(1 for _, cells in rows for c in cells if c is not None) == 23


def test_the_high_needs_forecast_adds_up_as_the_council_reported_it(library):
    (table,) = library.strategy("leicestershire/best-programme-plan").model.tables
    rows = {r.heading: r.cells for r in table.rows}
    before, mitigations, after = (
        rows[h] for h in ("Annual Funding Gap Pre Mitigations", "Total Planned Mitigations", "Annual Revenue Funding Gap Post Mitigations")
    )
    assert [b + m for b, m in zip(before, mitigations, strict=True)] == after
    brought_forward = sum(cells[0] for heading, cells in rows.items() if "Brought Forward" in heading)
    cumulative = rows["Cumulative High Needs Funding Gap"]
    assert cumulative[0] == after[0] + brought_forward
    assert all(cumulative[i] == cumulative[i - 1] + after[i] for i in range(1, 4))


def test_the_leicester_send_governance_structure_is_kept_as_a_table(library):
    lines = [line for line in LEICESTER.read_text(encoding="utf-8").split("\n") if "\t" in line][-6:]
    rows = [line.split("\t") for line in lines]
    structure = library.strategy("leicester/send-2021-24").model.governance.structure
    assert rows[0][0] == "Joint Strategic Oversight" and structure.oversight == [rows[0][1]]
    assert structure.governance == [r[1] for r in rows[1:4]]
    groups = [(i, name) for i, name in enumerate(rows[4]) if i > 0 and name.strip()]
    activities = rows[5][1:]
    spans = [
        (name, activities[i - 1 : (groups[g + 1][0] - 1 if g + 1 < len(groups) else len(activities))]) for g, (i, name) in enumerate(groups)
    ]
    assert [(g.name, g.activities) for g in structure.sub_groups] == spans
    assert sum(len(g.activities) for g in structure.sub_groups) == 12


def test_every_date_in_the_sources_is_in_content(content_text: str):
    sources = " ".join(p.read_text(encoding="utf-8") for p in SOURCES.glob("*.txt"))
    dates = set(re.findall(rf"\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b", sources))
    dates |= {d.title() for d in re.findall(rf"\b\d{{1,2}} (?:{MONTHS.upper()}) \d{{4}}\b", sources)}
    dates |= set(re.findall(rf"\b(?:{MONTHS}) \d{{4}}\b", sources))
    missing = sorted(d for d in dates if norm(d) not in content_text)
    print(f"Checked {len(dates)} dates named in the source documents.")
    assert len(dates) > 40
    assert missing == []


def test_every_figure_in_the_sources_is_in_content(content_text: str):
    sources = norm(" ".join(p.read_text(encoding="utf-8") for p in SOURCES.glob("*.txt")))
    figures = set(re.findall(r"£[\d,.]+ ?(?:m|million)?|\b\d+(?:\.\d+)?%|\b\d[\d,]* (?:weeks?|places|years?)\b", sources))
    missing = sorted(f for f in figures if f not in content_text)
    print(f"Checked {len(figures)} figures named in the source documents.")
    assert len(figures) > 10
    assert missing == []
