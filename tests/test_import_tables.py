"""Tables of figures `import` finds, such as a finance forecast, read into the strategy's tables as tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from plugins.importing.document import Block, Cell, Document, Found, Missing
from plugins.importing.tables import recognise_tables
from plugins.importing.text import read_text

REPO = Path(__file__).resolve().parent.parent


def values(node: Any) -> Any:
    if isinstance(node, Found):
        return node.value
    if isinstance(node, list):
        return [values(n) for n in node]
    if isinstance(node, dict):
        return {key: values(value) for key, value in node.items()}
    return node


def test_the_high_needs_forecast_is_the_table_the_hand_made_content_holds():
    path = next((REPO / "tests/sources").glob("003_*.txt"))
    [table] = recognise_tables(read_text(path.name, path.read_text(encoding="utf-8")))
    [hand_made] = yaml.safe_load((REPO / "content/leicestershire/best-programme-plan/tables.yml").read_text())["tables"]
    got = values(table)
    assert got["caption"] == hand_made["caption"] == "High Needs Financial Forecast - January 2026"
    assert table["caption"].where == "line 56"
    assert got["columns"] == hand_made["columns"]
    assert [(r["heading"], r["cells"]) for r in got["rows"]] == [(r["heading"], r["cells"]) for r in hand_made["rows"]]
    assert table["rows"][1]["cells"][0] == Found(-15363, "table 1, row 3, column 2")


def test_an_action_plan_or_a_timetable_is_not_a_table_of_figures_and_a_table_without_a_caption_asks_for_one():
    def row(r: int, *texts: str) -> tuple[Cell, ...]:
        return tuple(Cell((t,) if t else (), f"table 1, row {r}, column {c}") for c, t in enumerate(texts, 1))

    actions = Block("table", "table 1", rows=(row(1, "Year 1", "Year 2"), row(2, "We will act", "We will review")))
    timetable = Block("table", "table 2", rows=(row(1, "Date", "Meeting"), row(2, "18 June 2024", "Cabinet")))
    budget = Block(
        "table",
        "table 3",
        rows=(row(1, "Service", "Budget (£m)", "Change"), row(2, "Home to school transport", "4.50", "£1.2m"), row(3, "Total", "12", "")),
    )
    found = recognise_tables(Document("plan.docx", "Word document", (actions, timetable, budget)))
    assert values(found) == [
        {
            "id": "table-1",
            "caption": Missing("What the table shows, and when", "The document gives the table no caption."),
            "row_heading": "Service",
            "columns": [{"heading": "Budget", "unit": "£m"}, {"heading": "Change"}],
            "rows": [
                {"heading": "Home to school transport", "cells": [Decimal("4.50"), "£1.2m"]},
                {"heading": "Total", "cells": [12, None]},
            ],
        }
    ]
