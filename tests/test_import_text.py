"""Plain text read into blocks, as `import` reads a council report whose text was copied out of a PDF."""

from __future__ import annotations

from pathlib import Path

from plugins.importing.document import Block, Cell
from plugins.importing.text import read_text

SOURCES = Path(__file__).parent / "sources"


def test_numbered_paragraphs_lists_and_bold_headings_keep_their_lines() -> None:
    text = (
        "Purpose of the Report\n\n"
        "1. The purpose of this report is to seek approval.\n"
        "12.3 A sub-paragraph.\n"
        " - a) the draft Strategy be approved for consultation;\n"
        " - **Priority one** – Every Child belongs\n"
        "2025 was a year.\n"
        "1.5 million children live here.\n\n"
        "**Priority three:\nReadiness for school**\n"
    )
    blocks = read_text("report.txt", text).blocks
    assert blocks == (
        Block("paragraph", "line 1", "Purpose of the Report"),
        Block("paragraph", "line 3", "The purpose of this report is to seek approval.", number="1"),
        Block("paragraph", "line 4", "A sub-paragraph.", number="12.3"),
        Block("item", "line 5", "the draft Strategy be approved for consultation;", number="a)", level=1),
        Block("item", "line 6", "Priority one – Every Child belongs", level=1),
        Block("paragraph", "line 7", "2025 was a year."),
        Block("paragraph", "line 8", "1.5 million children live here."),
        Block("paragraph", "line 10", "Priority three: Readiness for school", bold=True),
    )


def test_tab_and_cell_rows_in_a_run_are_one_table_and_a_caption_with_trailing_tabs_is_not() -> None:
    text = (
        "High Needs Financial Forecast\t\t\t\n"
        "\t2026/27 £,000\t2027/28 £,000\n"
        "Annual Funding Gap\t87,880\t111,799\n"
        "<p>Participation</p> <p>We will listen</p>\t<p>We will learn</p>\n"
        "\n"
        "After the table\n"
    )
    blocks = read_text("plan.txt", text).blocks
    assert blocks[0] == Block("paragraph", "line 1", "High Needs Financial Forecast")
    table = blocks[1]
    assert (table.kind, table.where) == ("table", "table 1, line 2")
    assert [[c.paragraphs for c in row] for row in table.rows] == [
        [(), ("2026/27 £,000",), ("2027/28 £,000",)],
        [("Annual Funding Gap",), ("87,880",), ("111,799",)],
        [("Participation", "We will listen"), ("We will learn",)],
    ]
    assert table.rows[2][1] == Cell(("We will learn",), "table 1, row 3, column 2")
    assert blocks[2] == Block("paragraph", "line 6", "After the table")


def test_invisible_and_control_characters_are_taken_out_and_counted() -> None:
    document = read_text("x.txt", "We will\u200b act\u202e now\x07.\n")
    assert document.blocks == (Block("paragraph", "line 1", "We will act now."),)
    assert document.notes == ("3 invisible or control characters were taken out of the text.",)


def test_the_leicester_report_gives_its_action_tables_and_bold_priority_headings() -> None:
    document = read_text("004.txt", next(SOURCES.glob("004_*.txt")).read_text(encoding="utf-8"))
    tables = [b for b in document.blocks if b.kind == "table"]
    assert len(tables) == 11
    assert [c.text for c in tables[0].rows[0]] == ["Year One (2021-2022)", "Year Two (2022-2023)", "Year Three (2023-2024)"]
    bold = [b.text for b in document.blocks if b.bold]
    assert "Priority one: Responsive: Coproduction, participation, and communication" in bold
