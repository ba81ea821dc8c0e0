"""Plain text read into blocks: the form a council's PDF takes when its text is copied or extracted.

What the text keeps of the document's structure is read, and nothing is guessed: a line that starts
"12. " is paragraph 12; "- " or "• " starts a list item; a line with tabs, or of <p> cells, is a table
row (as extracting a PDF's tables gives them), and rows in a run are one table; a heading set in bold
("**Priority three:" over several lines, to its closing "**") is one bold block. Every other line is
a paragraph of its own, at its line number, for the recognisers to judge: plain text does not say
which short line is a heading and which is an action, and the reader must not decide it for them.
"""

from __future__ import annotations

import re

from plugins.content.yamlsource import invisible
from plugins.importing.document import Block, Cell, Document

# A council's numbered paragraph, as reports number them: "12. ", "5.1 ", "12.3. ".
NUMBERED = re.compile(r"(\d{1,3}(?:\.\d{1,3})*)\.?\s+(?=\S)")
# Only a number followed by a full stop, or a dotted number, then a word that starts a sentence, is a
# paragraph number: "2025 was" and "1.5 million children" are not.
# Each dot is a separator between numbers, so a run of digits is read one way only, never in
# exponentially many.
_IS_NUMBER = re.compile(r"(?:\d{1,3}(?:\.\d{1,3}){1,3}\.?|\d{1,3}\.)\s+[^a-z\s]")
# A list item's marker, and an item's own letter or number as reports write them: "a) ", "(ii) ", "3) ".
BULLET = re.compile(r"(\s*)[-•*·▪◦o–](?=\s)\s+")
ITEM_NUMBER = re.compile(r"\(?([a-z]|[ivx]{1,5}|\d{1,2})\)\s+", re.IGNORECASE)
# A cell's paragraphs are read by splitting at the tags, in one pass: a line of thousands of "<p>" with
# no "</p>" costs no more than its length.
CELL_TAG = re.compile(r"(</?p>)", re.IGNORECASE)
# A bold heading may run over several lines of an extracted PDF, but not over a page of them.
BOLD_LINES = 8


def visible(text: str) -> tuple[str, int]:
    """The text without the characters check refuses in content (control, zero-width and direction
    characters, line separators: yamlsource.invisible, the one judge of them), tabs and line breaks made
    spaces; and how many were taken out, for the notes. Every reader cleans its text here."""
    text = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    found = invisible(text)
    if not found:
        return text, 0
    at = {position for position, _ in found}
    return "".join(char for position, char in enumerate(text) if position not in at), len(found)


def shown_name(name: str) -> str:
    """A file's name as it may be printed or written in a comment: no control, invisible or line-break
    character, which could start a line of its own in a log or change what a terminal shows, nor one
    YAML cannot hold in a comment (U+FFFF and the like), where the draft writes the name too."""
    kept, _ = visible(name)
    return " ".join("".join(ch for ch in kept if ch.isprintable()).split()) or "the document"


def single_spaced(text: str) -> str:
    return " ".join(text.split())


def _cell_paragraphs(raw: str) -> tuple[list[str], list[str]]:
    """The text inside each <p>...</p> of a cell, and the text outside them, in one pass."""
    inside: list[str] = []
    outside: list[str] = []
    opened: str | None = None
    for part in CELL_TAG.split(raw):
        tag = part.lower()
        if tag == "<p>":
            if opened is not None:
                outside.append(opened)  # a <p> never closed: its words are kept, outside any paragraph
            opened = ""
        elif tag == "</p>":
            if opened is not None:
                inside.append(opened)
            opened = None
        elif opened is not None:
            opened += part
        else:
            outside.append(part)
    if opened is not None:
        outside.append(opened)
    return inside, outside


def read_text(name: str, text: str) -> Document:
    """The blocks of a plain text source, each at its line ("line 229")."""
    reader = _Reader(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    blocks = reader.blocks()
    notes: tuple[str, ...] = ()
    if reader.removed:
        notes = (f"{reader.removed} invisible or control characters were taken out of the text.",)
    return Document(name=name, kind="plain text", blocks=tuple(blocks), notes=notes)


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.removed = 0
        self.tables = 0

    def clean(self, text: str) -> str:
        kept, removed = visible(text)
        self.removed += removed
        return single_spaced(kept.replace("**", ""))

    def blocks(self) -> list[Block]:
        blocks: list[Block] = []
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            if not line.strip():
                i += 1
                continue
            row = self.row(line)
            if row is not None:
                i = self.table(i, blocks)
                continue
            if line.lstrip().startswith("**") and "**" not in line.lstrip()[2:]:
                end = self.bold_end(i)
                if end is not None:
                    text = self.clean(" ".join(self.lines[i : end + 1]))
                    if text:
                        blocks.append(Block("paragraph", f"line {i + 1}", text, bold=True))
                    i = end + 1
                    continue
            block = self.line_block(line, i + 1)
            if block.text:  # a line of marks alone ("**", "-") says nothing
                blocks.append(block)
            i += 1
        return blocks

    def bold_end(self, start: int) -> int | None:
        """The line that closes a bold span opened at start, if it closes within a few lines."""
        for j in range(start + 1, min(start + BOLD_LINES, len(self.lines))):
            if "**" in self.lines[j]:
                return j
            if not self.lines[j].strip():
                return None
        return None

    def line_block(self, line: str, number: int) -> Block:
        where = f"line {number}"
        stripped = line.strip()
        bold = stripped.startswith("**") and stripped.endswith("**") and stripped.count("**") == 2
        bullet = BULLET.match(line)
        if bullet:
            rest = line[bullet.end() :]
            level = 1 + len(bullet.group(1).expandtabs(4)) // 4
            marker = ITEM_NUMBER.match(rest)
            if marker:
                return Block("item", where, self.clean(rest[marker.end() :]), number=marker.group(0).strip(), level=level)
            return Block("item", where, self.clean(rest), level=level)
        if _IS_NUMBER.match(stripped):
            numbered = NUMBERED.match(stripped)
            if numbered:
                return Block("paragraph", where, self.clean(stripped[numbered.end() :]), number=numbered.group(1))
        marker = ITEM_NUMBER.match(stripped)
        if marker and len(marker.group(1)) == 1 and marker.group(0).startswith("("):
            return Block("item", where, self.clean(stripped[marker.end() :]), number=marker.group(0).strip(), level=1)
        return Block("paragraph", where, self.clean(stripped), bold=bold)

    def row(self, line: str) -> list[list[str]] | None:
        """A line's cells, each as its paragraphs, if the line is a table row; None if it is not."""
        if "\t" not in line and "<p>" not in line.lower():
            return None
        cells = []
        for raw in line.split("\t"):
            found, outside_parts = _cell_paragraphs(raw)
            if found:
                outside = " ".join(outside_parts).strip()
                paragraphs = [*found, outside] if outside else found
            else:
                paragraphs = [raw]
            cells.append([p for p in (self.clean(p) for p in paragraphs) if p])
        while cells and not cells[-1]:
            cells.pop()
        # A line with one cell and trailing tabs (a caption or heading over a table) is not a row.
        if len(cells) < 2 and "<p>" not in line.lower():
            return None
        return cells

    def table(self, start: int, blocks: list[Block]) -> int:
        """Read the rows from start into one table block; the index of the first line after it."""
        self.tables += 1
        rows: list[tuple[Cell, ...]] = []
        i = start
        while i < len(self.lines):
            cells = self.row(self.lines[i])
            if cells is None:
                break
            r = len(rows) + 1
            rows.append(
                tuple(Cell(tuple(paragraphs), f"table {self.tables}, row {r}, column {c}") for c, paragraphs in enumerate(cells, 1))
            )
            i += 1
        blocks.append(Block("table", f"table {self.tables}, line {start + 1}", rows=tuple(rows)))
        return i
