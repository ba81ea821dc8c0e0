"""Tables of figures, such as a finance forecast, read into the strategy's tables as tables.

A table is one of figures when most of the cells after its first column are figures ("87,880",
"-15,363", "£4.5m", "12%"): an action plan's table holds sentences, and a timetable's dates, and both
are read elsewhere. Its caption is the short line over it, as a report heads its tables; its first
row names the columns (a unit written in a heading, "2026/27 £,000", is the column's unit); each
later row is a heading and its figures. A figure is copied as the number it is (87,880 is 87880, as
the content holds figures); anything else in a cell stays the text it is, and an empty cell is empty.
"""

from __future__ import annotations

import re
from decimal import Decimal

from plugins.importing.document import Block, Cell, Document, Draft, Found, Missing, Node

# A figure as councils print them: a sign, thousands commas, a decimal part.
FIGURE = re.compile(r"^[-−–]?\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^[-−–]?\d+(?:\.\d+)?$")
# A cell that reads as a figure with its unit ("£4.5m", "12%", "(1,200)"): counted as a figure, kept as text.
FIGURE_LIKE = re.compile(r"^\(?[-−–]?[£$€]?\d[\d,]*(?:\.\d+)?(?:%|m|bn|k)?\)?$")
# Units a heading may carry after its words: "2026/27 £,000", "Budget (£m)".
UNIT = re.compile(r"\s*\(?(£\s?,?000|£000s?|£m|£k|£|%|£ million|£ thousand)\)?\s*$")
CAPTION_WORDS = 20


def recognise_tables(doc: Document) -> list[Draft]:
    """Every table of figures in the document, in order, as the content model's tables."""
    tables: list[Draft] = []
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if block.kind == "table" and _of_figures(block):
            tables.append(_table(block, blocks[i - 1] if i > 0 else None, len(tables) + 1))
    return tables


def _of_figures(block: Block) -> bool:
    cells = [cell.text for row in block.rows[1:] for cell in row[1:] if cell.text]
    return len(block.rows) >= 2 and bool(cells) and sum(bool(FIGURE_LIKE.match(text)) for text in cells) * 2 > len(cells)


def _table(block: Block, before: Block | None, number: int) -> Draft:
    from slugify import slugify

    header, *rows = block.rows
    caption: Node
    if before is not None and before.kind in ("paragraph", "heading") and _caption_like(before.text):
        caption = Found(before.text, before.where)
        slug = slugify(before.text, max_length=60, word_boundary=True)
    else:
        caption = Missing("What the table shows, and when", "The document gives the table no caption.")
        slug = ""
    table: Draft = {"id": Found(slug or f"table-{number}", block.where), "caption": caption}
    if header and header[0].text:
        table["row_heading"] = Found(header[0].text, header[0].where)
    table["columns"] = [_column(cell) for cell in header[1:]]
    table["rows"] = [
        {"heading": Found(row[0].text, row[0].where), "cells": _values(row, len(header))} for row in rows if row and row[0].text
    ]
    return table


def _caption_like(text: str) -> bool:
    return bool(text) and len(text.split()) <= CAPTION_WORDS and not text.endswith((".", ":"))


def _column(cell: Cell) -> dict[str, Node]:
    unit = UNIT.search(cell.text)
    heading = cell.text[: unit.start()].strip() if unit and unit.start() > 0 else cell.text
    column: dict[str, Node] = {"heading": Found(heading, cell.where)}
    if unit and unit.start() > 0:
        column["unit"] = Found(unit.group(1), cell.where)
    return column


def _values(row: tuple[Cell, ...], width: int) -> list[Node]:
    """A row's figures, one for each column: a row the source ends early (empty cells at its end, as
    extracted text drops them) is filled out with empty cells."""
    values = [_value(cell) for cell in row[1:width]]
    where = row[-1].where
    return values + [Found(None, where) for _ in range(width - 1 - len(values))]


def _value(cell: Cell) -> Node:
    text = cell.text
    if not text:
        return Found(None, cell.where)
    if FIGURE.match(text):
        plain = text.replace(",", "").replace("−", "-").replace("–", "-")
        return Found(Decimal(plain) if "." in plain else int(plain), cell.where)
    return Found(text, cell.where)
