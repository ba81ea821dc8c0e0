"""A council document as `import` reads it: its blocks in order, each saying where in the source it is.

Every reader (plain text, Markdown, a saved web page, Word, PDF) turns its format into the same
Document, so that what recognises a report's patterns is written once and never knows the format.
A block carries its place in the source as an officer would find it ("line 229", "table 2, row 4",
"page 3"), and a numbered paragraph carries its number as the council wrote it, so that every value
the draft holds can say where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

BlockKind = Literal["heading", "paragraph", "item", "table"]


@dataclass(frozen=True)
class Cell:
    """One cell of a table: its paragraphs in order (a cell often holds a theme's name, then its actions)."""

    paragraphs: tuple[str, ...]
    where: str  # such as "table 2, row 4, column 3"

    @property
    def text(self) -> str:
        return " ".join(self.paragraphs)


@dataclass(frozen=True)
class Block:
    """A heading, a paragraph, a list item or a table, with where it is in the source.

    text is the words as written, with whitespace made single; a numbered paragraph's number ("29",
    "5.1", "a)") is taken off its text into number. level is a heading's level (1 the highest) or a
    list item's depth (1 the outermost); 0 where the source does not say. A table has rows of cells,
    its first row as the source gives it (a header row is not taken off).
    """

    kind: BlockKind
    where: str  # such as "line 229", "paragraph 12 of the document", "page 3"
    text: str = ""
    number: str | None = None
    level: int = 0
    bold: bool = False  # the whole block is bold or strong, as headings in plain-text sources often are
    rows: tuple[tuple[Cell, ...], ...] = ()


@dataclass(frozen=True)
class Document:
    """A source as blocks, in reading order, and what kind of file it was (for the summary)."""

    name: str  # the file's name as the officer gave it
    kind: str  # "plain text", "Markdown", "web page", "Word document", "PDF"
    blocks: tuple[Block, ...]
    # What the reader noticed and could not use, said to the officer in the summary, such as
    # "page 4 has no text that can be read: it may be a scanned picture".
    notes: tuple[str, ...] = field(default=())


T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    """A value found in the source, and where: the draft writes where as a comment beside the value."""

    value: T
    where: str


@dataclass(frozen=True)
class Missing:
    """A value the content model requires that the source does not give.

    The draft writes it as the example marked !example, which check refuses until an officer
    replaces it, and why as the comment beside it: nothing missing is ever guessed.
    """

    example: object
    why: str


# A draft strategy, as the recognisers find it: the content model's own field names (strategy.yml's
# keys) at every level, with a Found or a Missing at each leaf. The draft writer turns it into YAML
# with each value's source as a comment, and check then reads it as it reads any strategy.
Node = Found[Any] | Missing | list["Node"] | dict[str, "Node"]
Draft = dict[str, Node]
