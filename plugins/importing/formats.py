"""A council's document, in whichever format an officer has it, read into a Document.

The well-kept library for each format does the reading: trafilatura finds a saved web page's main
content without its menus, banners and footers, python-docx reads Word, pdfplumber reads PDF with its
tables, and plain text goes to text.read_text. What is written here is only the turning of each
library's result into Blocks, each saying where it is as an officer would find it.

The file is untrusted input. It is read once, and only if it is a file of its own (never a device or
a pipe, which could be anything or never end), within bounds set below for each format, so that a zip
bomb, a PDF of ten thousand pages or a file of one endless line gives a plain message (Unreadable)
rather than a hang or an exhausted machine. Nothing is fetched: web pages are read from the file's
bytes, entities are never resolved, and no picture or linked file is opened.

Some things read the same in every format:

- whitespace is made single, and invisible characters (zero-width spaces, direction overrides,
  control characters), which the content check refuses, are taken out, with a note saying how many;
- a number typed at the start of a paragraph as councils number them ("12. ", "5.1 ") is taken off
  its text into Block.number, and so is the number a Word list or a web page's numbered list shows;
  a numbered entry is a paragraph, as a council report's numbered paragraphs are;
- a bullet, from a list or typed ("• "), makes an item, its depth as the source gives it; so does a
  lettered point ("a) ", "(ii) "), its letter kept as its number.
"""

from __future__ import annotations

import bisect
import contextlib
import io
import logging
import os
import re
import stat
import sys
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plugins.content.yamlsource import invisible

from .document import Block, BlockKind, Cell, Document
from .text import shown_name, visible

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.styles.style import CharacterStyle
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run
    from pdfplumber.page import Page
    from pdfplumber.pdf import PDF
    from pdfplumber.table import Table


MEGABYTE = 1024 * 1024

# Bounds. Each is far above any council's document, and low enough that reading up to it is harmless.

# A report in Word or PDF, pictures and all, is a few megabytes; fifty is far beyond one, and the whole
# file is held in memory while it is read.
MAX_FILE_BYTES = 50 * MEGABYTE
# Plain text, Markdown and web pages are words and markup: ten megabytes is thousands of pages of text.
# It is also under trafilatura's own limit (20 MB), which would otherwise discard a page without a word.
MAX_TEXT_BYTES = 10 * MEGABYTE
# A .docx is a zip, and python-docx unpacks every part into memory: its parts' sizes are added up from
# the zip's directory before python-docx opens it. zipfile never gives more of a part than the directory
# declares, so a part made to unpack to gigabytes (a zip bomb) is refused by its declaration. A document
# with 50 MB of pictures unpacks to little more; its text, which zip packs tenfold, to tens of megabytes.
MAX_DOCX_UNPACKED_BYTES = 200 * MEGABYTE
# A Word document is a few dozen parts, some hundreds with many pictures.
MAX_DOCX_PARTS = 2000
# A council's longest report with its appendices runs to a few hundred pages; each page is laid out
# in turn, so the pages bound the time as well as the memory.
MAX_PDF_PAGES = 500
# Five hundred dense pages hold some two million characters: more is not a report.
MAX_PDF_CHARACTERS = 5_000_000
# Looking for a table's ruled lines costs time in the number of lines drawn: a page of a map or a chart
# draws tens of thousands, a page of tables a few hundred. Such a page is read without looking for tables.
MAX_PDF_DRAWINGS_PER_PAGE = 10_000
# A council's table of figures has at most a few dozen columns (a year's budget by month, fourteen), and
# Word makes no table wider than 63. Every row of a table is filled out to its widest row, so that each
# figure keeps its column: a Word cell that declares it spans 32,767 columns would make each row of a
# kilobyte's table that many values, gigabytes in all. A table wider than this is left out, with a note.
MAX_TABLE_COLUMNS = 100


class Unreadable(Exception):
    """A file import cannot read: the message is a plain sentence for an officer, saying what is wrong
    with which file and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# What the officer is told, in one place.

_FORMATS = "plain text (.txt), Markdown (.md), a saved web page (.html), Word (.docx) and PDF (.pdf)"


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:,.1f}".removesuffix(".0") + " MB"


def _not_found(name: str) -> str:
    return f"{name} cannot be found. Check the file's name and folder, and import it again."


def _not_allowed(name: str) -> str:
    return f"{name} cannot be opened: this account is not allowed to read it. Copy it somewhere you can read it, and import that."


def _not_a_file(name: str) -> str:
    return f"{name} is not a file but a folder, a device or a pipe. Give import the document's own file."


def _empty(name: str) -> str:
    return f"{name} is empty. Check that it is the document you meant, saved in full, and import it again."


def _too_big(name: str, size: int, limit: int) -> str:
    return (
        f"{name} is {_megabytes(size)}, more than the {_megabytes(limit)} import reads from a file of its kind, so it is not read. "
        "Import the document itself, without large pictures or attachments."
    )


def _unknown_kind(name: str) -> str:
    return f"{name} is not a kind of file import can read. It reads {_FORMATS}: save the document as one of these, and import that."


def _old_word(name: str) -> str:
    return (
        f"{name} is in the old Word format (.doc), which import cannot read. "
        "Open it in Word, save it as a Word document (.docx), and import that."
    )


def _not_text(name: str) -> str:
    return (
        f"{name} is not text that import can read: it may be another kind of file given a text file's name. "
        "Open it, save it as plain text in UTF-8, and import that."
    )


def _word_damaged(name: str) -> str:
    return (
        f"{name} is not a Word document that can be read: it may be damaged. Save it again from Word, or save it as PDF, and import that."
    )


def _word_too_big(name: str, size: int) -> str:
    return (
        f"{name} would unpack to {_megabytes(size)}, more than the {_megabytes(MAX_DOCX_UNPACKED_BYTES)} import unpacks "
        "from a Word document: it may be damaged or made to overload the computer. "
        "Save it again from Word without large pictures, or save it as PDF, and import that."
    )


def _word_too_many_parts(name: str, parts: int) -> str:
    return (
        f"{name} holds {parts:,} parts, more than the {MAX_DOCX_PARTS:,} a Word document needs: it may be damaged "
        "or made to overload the computer. Save it again from Word, or save it as PDF, and import that."
    )


def _pdf_damaged(name: str) -> str:
    return f"{name} is not a PDF that can be read: it may be damaged. Save it as PDF again, and import that."


def _pdf_password(name: str) -> str:
    return f"{name} is protected by a password, so import cannot read it. Save a copy without the password, and import that."


def _pdf_too_many_pages(name: str) -> str:
    return (
        f"{name} has more than {MAX_PDF_PAGES:,} pages, the most import reads. "
        "Import the report and the appendices that hold the strategy, as a PDF of their own."
    )


def _pdf_too_much_text(name: str) -> str:
    return (
        f"{name} holds more than {MAX_PDF_CHARACTERS:,} characters of text, more than import reads. "
        "Import the report and the appendices that hold the strategy, as a PDF of their own."
    )


def _pdf_no_text(name: str) -> str:
    return (
        f"{name} has no text that can be read: its pages may be scanned pictures. "
        "Import the document it was made from (Word, or the web page), or ask its author for a PDF with text."
    )


def _no_main_text(name: str) -> str:
    return (
        f"{name} has no main text that import could find: it may be a page of links only, "
        "or a page that shows its text with script. Open the page in a browser, wait until it shows in full, "
        "save it again as a web page, and import that."
    )


def _page_without_text(page: int) -> str:
    return f"page {page} has no text that can be read: it may be a scanned picture"


def _page_not_read(page: int) -> str:
    return f"page {page} could not be read: it may be damaged, so what it says is not in the draft"


def _page_too_drawn(page: int) -> str:
    return f"page {page} draws too many lines to look for tables in it, so its text is read without its tables"


def _table_too_wide(where: str) -> str:
    table = where if "table" in where else f"the table at {where}"
    return (
        f"{table} is more than {MAX_TABLE_COLUMNS} columns wide, wider than any council's table: "
        "it may be damaged, so what it says is not in the draft"
    )


def _invisible_removed(count: int) -> str:
    characters = "character" if count == 1 else "characters"
    return (
        f"{count:,} invisible {characters} (such as zero-width spaces, direction marks or control characters) "
        "taken out of the text, which the content check would refuse"
    )


def _characters_not_read(name: str, count: int) -> str:
    characters = "character" if count == 1 else "characters"
    shown = "it is" if count == 1 else "they are"
    return f"{count:,} {characters} of {name} could not be read as UTF-8, so {shown} shown as �: check against the document"


def _read_as_windows(name: str) -> str:
    return (
        f"{name} is not saved as UTF-8, so it was read as Windows-1252, as older Windows programs save text: "
        "check that quotation marks, dashes and accented letters read as they should"
    )


# Running out of memory.


def _stop_if_out_of_memory(error: BaseException) -> None:
    """Raise MemoryError if error is the reading running out of memory, however a library said it.

    Every reader turns whatever its library makes of a damaged file into a sentence, catching its
    errors broadly; running out of memory is not damage but a document made to fill the memory (or
    too large for it). Told it is damaged, an officer would save it again and try again; a page left
    out for it would leave the rest imported as if whole. As MemoryError it stops the reading, and the
    officer is told the document needed more memory than a council's does, with nothing written
    (command.read_in_child). Libraries wrap it: pdfplumber in a PdfminerException, as its argument
    and its context; lxml, which python-docx and trafilatura parse with, says it as a syntax error
    whose code is ERR_NO_MEMORY.
    """
    etree = sys.modules.get("lxml.etree")  # only an error of lxml's, if lxml is in use at all
    seen: set[int] = set()
    causes = [error]
    while causes:
        cause = causes.pop()
        if id(cause) in seen:
            continue
        seen.add(id(cause))
        if isinstance(cause, MemoryError) or (
            etree is not None and isinstance(cause, etree.ParseError) and cause.code == etree.ErrorTypes.ERR_NO_MEMORY
        ):
            raise MemoryError from error
        causes.extend(c for c in (cause.__cause__, cause.__context__, *cause.args) if isinstance(c, BaseException))


# The file itself.


def read_source(path: Path) -> Document:
    """The document at path, as blocks in reading order; Unreadable if it cannot be read.

    The format is told by the file's suffix, in any case: .txt and .text (plain text), .md and
    .markdown, .html and .htm (a saved web page), .docx (Word) and .pdf.
    """
    # The name goes into messages, the summary and the draft's comments: never a character that could
    # start a line of its own in a log or change what a terminal shows.
    name = shown_name(path.name)
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise Unreadable(_old_word(name))
    if suffix not in _READERS:
        raise Unreadable(_unknown_kind(name))
    limit, reader = _READERS[suffix]
    data = _read_file(path, limit)
    if not data.strip():
        raise Unreadable(_empty(name))
    return _without_wide_tables(reader(name, data))


def _without_wide_tables(document: Document) -> Document:
    """The document without its tables wider than MAX_TABLE_COLUMNS, each said in a note: in every
    format, so that what recognises tables never fills out a row to such a width."""
    blocks: list[Block] = []
    notes: list[str] = []
    for block in document.blocks:
        if block.kind == "table" and max(map(len, block.rows), default=0) > MAX_TABLE_COLUMNS:
            notes.append(_table_too_wide(block.where))
        else:
            blocks.append(block)
    return replace(document, blocks=tuple(blocks), notes=document.notes + tuple(notes)) if notes else document


def _read_file(path: Path, limit: int) -> bytes:
    """The file's bytes, if it is a file of its own of at most limit bytes.

    A link is followed (an officer's document may be one), but what it leads to must be a regular
    file: opened without waiting (a pipe would otherwise wait for a writer for ever) and checked on the
    open descriptor, so what is checked is what is read.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise Unreadable(_not_found(path.name)) from None
    except PermissionError:
        raise Unreadable(_not_allowed(path.name)) from None
    except OSError:
        raise Unreadable(_not_a_file(path.name)) from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
        os.close(descriptor)
        raise Unreadable(_not_a_file(path.name) if not stat.S_ISREG(status.st_mode) else _too_big(path.name, status.st_size, limit))
    with os.fdopen(descriptor, "rb") as file:
        try:
            data = file.read(limit + 1)
        except OSError:
            raise Unreadable(_not_a_file(path.name)) from None
    if len(data) > limit:  # it grew while being read
        raise Unreadable(_too_big(path.name, len(data), limit))
    return data


# Text as every reader gives it.

# A council's paragraph number: "12. ", "5.1. " at the start of a paragraph; or "5.1 " without the full
# stop when a capital follows, so that "1.5 million families" keeps its figure. One to three digits a
# part: "2024. " is a year.
_COUNCIL_NUMBER = re.compile(r"(\d{1,3}(?:\.\d{1,3})*)\.\s+(?=\S)|(\d{1,3}(?:\.\d{1,3})+)\s+(?=[A-Z\"“‘(])")
# A point within a paragraph, lettered as reports letter them: "a) ", "(b) ", "(ii) ". It is an item.
_ITEM_NUMBER = re.compile(r"(\(?(?:[a-z]|[ivx]{1,5})\))\s+(?=\S)")
# A bullet typed or drawn at the start of a paragraph, with the private-use characters of the Symbol
# and Wingdings fonts that Word's bullets become in a PDF. A dash counts only before a space.
_BULLET = re.compile("(?:[•●▪■◦‣∙○➢►\uf0a7\uf0b7\uf076\uf0d8\uf0fc]\\s*|[-–]\\s+)(?=\\S)")
_WHITESPACE = re.compile(r"\s+")


def _council_number(text: str) -> tuple[str | None, str]:
    """The paragraph number a council typed at the start of the text, and the text after it."""
    match = _COUNCIL_NUMBER.match(text)
    if match is None:
        return None, text
    return match.group(1) or match.group(2), text[match.end() :]


def _bullet(text: str) -> str | None:
    """The text after a bullet typed at its start; None if it starts with none."""
    match = _BULLET.match(text)
    return None if match is None else text[match.end() :]


@dataclass
class _Cleaner:
    """Makes each text's whitespace single and takes invisible characters out, counting them for the note."""

    removed: int = 0

    def clean(self, text: str) -> str:
        kept, removed = visible(text)
        self.removed += removed
        return _WHITESPACE.sub(" ", kept).strip()

    def notes(self) -> tuple[str, ...]:
        return (_invisible_removed(self.removed),) if self.removed else ()


def _text_block(kind: BlockKind, text: str, where: str, *, level: int = 0, bold: bool = False, number: str | None = None) -> Block:
    """A heading, paragraph or item from its text: a typed number becomes its number, a typed bullet an item."""
    if kind != "heading" and number is None and (after := _bullet(text)) is not None:
        return _item(after, where, level=level or 1, bold=bold)
    if kind != "heading" and number is None and _ITEM_NUMBER.match(text):
        return _item(text, where, level=level or 1, bold=bold)
    if number is None:
        number, text = _council_number(text)
    if kind == "paragraph":
        level = 0
    return Block(kind, where, text, number=number, level=level, bold=bold)


def _item(text: str, where: str, *, level: int, bold: bool = False) -> Block:
    """A list item (its bullet already taken off), its letter ("b) ") taken off into its number."""
    lettered = _ITEM_NUMBER.match(text)
    if lettered is None:
        return Block("item", where, text, level=level, bold=bold)
    return Block("item", where, text[lettered.end() :], number=lettered.group(1), level=level, bold=bold)


def _short(text: str, most: int = 50) -> str:
    """A heading's words to name a place by, cut at a word when long."""
    if len(text) <= most:
        return text
    return text[:most].rsplit(" ", 1)[0] + "…"


# Plain text and Markdown: decoded here, read into blocks by line.

# The characters Python counts as whitespace that are control or separator characters: in plain text
# they stand for spaces (a page break in text taken from a PDF, a line separator pasted from Word), so
# they become spaces, and are not counted as invisible characters taken out.
_WHITESPACE_CONTROLS = re.compile("[\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")


# A character of more than one byte as UTF-8 writes it, which Windows-1252 text almost never holds.
_UTF8_CHARACTER = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _decode_text(name: str, data: bytes) -> tuple[str, tuple[str, ...]]:
    """Text in UTF-8 (with or without the mark Windows puts at its start), or UTF-16 with its mark as
    Notepad saves "Unicode"; else Windows-1252, said in a note. Newlines made \\n; invisible characters out.

    A UTF-8 file with a damaged byte or two is read as UTF-8, each damaged character shown as � and
    counted in a note, rather than read whole as Windows-1252, which would garble every accent and quote.
    """
    notes: tuple[str, ...] = ()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise Unreadable(_not_text(name)) from None
    elif b"\x00" in data:
        raise Unreadable(_not_text(name))
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            if _UTF8_CHARACTER.search(data):  # UTF-8 with a few damaged bytes: read as UTF-8, not all as Windows-1252
                text = data.decode("utf-8-sig", errors="replace")
                notes = (_characters_not_read(name, text.count("\ufffd")),)
            else:
                try:
                    text = data.decode("cp1252")
                except UnicodeDecodeError:
                    raise Unreadable(_not_text(name)) from None
                notes = (_read_as_windows(name),)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = _WHITESPACE_CONTROLS.sub(" ", text)
    found = invisible(text)
    if found:
        at = {position for position, _ in found}
        text = "".join(char for position, char in enumerate(text) if position not in at)
        notes += (_invisible_removed(len(found)),)
    return text, notes


def _read_plain_text(name: str, data: bytes) -> Document:
    text, notes = _decode_text(name, data)
    # Imported here: the site build never reads plain text to import.
    from .text import read_text

    document = read_text(name, text)
    return replace(document, notes=notes + document.notes)


_ATX_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSING = re.compile(r"(?:^|[ \t])#+$")
_SETEXT_UNDERLINE = re.compile(r" {0,3}(=+|-+)[ \t]*")
_THEMATIC_BREAK = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})")
_LIST_MARKER = re.compile(r"( *)([-*+]|(\d{1,9})[.)])(?:[ \t]+|$)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_TABLE_DELIMITER = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
_QUOTE_MARKERS = re.compile(r"(?: {0,3}>[ \t]?)+")
_LINK_DEFINITION = re.compile(r" {0,3}\[[^\]\[]+\]:[ \t]*\S")
_HTML_COMMENT = re.compile(r"[ \t]*<!--.*-->[ \t]*")
_TABLE_SEPARATOR = re.compile(r"(?<!\\)\|")
_LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)

# Markdown's inline marks, taken off so that the council's words remain. Each excludes its own
# delimiter from what it spans, so a line of ten thousand unmatched marks is read in one pass.
_INLINE = [
    (re.compile(r"!\[[^\]\[]*\]\([^()]*\)"), ""),  # a picture: its address is not content
    (re.compile(r"\[([^\]\[]*)\]\([^()]*\)"), r"\1"),  # a link: its words
    (re.compile(r"\[([^\]\[]*)\]\[[^\]\[]*\]"), r"\1"),  # a reference link: its words
    (re.compile(r"<((?:https?|mailto):[^<>\s]*)>"), r"\1"),  # an autolink: its address, which is what it shows
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), " "),  # an HTML tag
    (re.compile(r"\*\*([^*]+)\*\*"), r"\1"),
    (re.compile(r"__([^_]+)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*]+)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_]+)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"\\([!-/:-@\[-`{-~])"), r"\1"),  # a backslash escape: the character escaped
]
_WHOLLY_BOLD = re.compile(r"(?:\*\*[^*]+\*\*|__[^_]+__)")


def _markdown_inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


@dataclass
class _MarkdownBlock:
    kind: BlockKind
    line: int
    lines: list[str]
    level: int = 0
    number: str | None = None


@dataclass
class _MarkdownReader:
    """Markdown's block structure, line by line, so that each block knows the line it starts on.

    Python-Markdown, the project's renderer, makes HTML and keeps no line numbers; the structure
    councils' Markdown uses is small: headings (# and underlined), paragraphs, bulleted and numbered
    lists, pipe tables, quotes and fenced code, read here by CommonMark's rules for them.
    """

    cleaner: _Cleaner
    blocks: list[Block] = field(default_factory=list)
    open: _MarkdownBlock | None = None
    list_indents: list[int] = field(default_factory=list)
    tables: int = 0

    def read(self, text: str) -> list[Block]:
        lines = text.split("\n")
        start = self._front_matter_end(lines)
        index = start
        while index < len(lines):
            index = self._line(lines, index)
        self._close()
        return self.blocks

    @staticmethod
    def _front_matter_end(lines: list[str]) -> int:
        """The first line after YAML front matter (between --- lines at the very start), if any."""
        if lines and lines[0].strip() == "---":
            for index in range(1, min(len(lines), 200)):
                if lines[index].strip() in ("---", "..."):
                    return index + 1
        return 0

    def _line(self, lines: list[str], index: int) -> int:
        """Read the line at index (and any it starts, such as a table's), returning the next to read."""
        number = index + 1
        line = lines[index].expandtabs(4)
        if (quote := _QUOTE_MARKERS.match(line)) is not None:
            line = line[quote.end() :]
        if not line.strip():
            self._close()
            return index + 1
        if _HTML_COMMENT.fullmatch(line) or _LINK_DEFINITION.match(line):
            return index + 1
        if (fence := _FENCE.match(line)) is not None:
            return self._fenced(lines, index, fence.group(1))
        if (
            (underline := _SETEXT_UNDERLINE.fullmatch(line)) is not None
            and self.open is not None
            and self.open.kind == "paragraph"
            and self.open.number is None
        ):
            self.open.kind, self.open.level = "heading", 1 if underline.group(1)[0] == "=" else 2
            self._close()
            return index + 1
        if _THEMATIC_BREAK.fullmatch(line):
            self._close()
            return index + 1
        if (heading := _ATX_HEADING.match(line)) is not None:
            self._close()
            self.list_indents.clear()
            words = _ATX_CLOSING.sub("", line[heading.end() :].rstrip())
            self.open = _MarkdownBlock("heading", number, [words], level=len(heading.group(1)))
            self._close()
            return index + 1
        if "|" in line and index + 1 < len(lines) and _TABLE_DELIMITER.fullmatch(lines[index + 1].expandtabs(4)):
            self._close()
            return self._table(lines, index)
        if (marker := _LIST_MARKER.match(line)) is not None:
            self._close()
            depth = self._depth(len(marker.group(1)))
            kind: BlockKind = "paragraph" if marker.group(3) else "item"
            numbered = marker.group(3)
            self.open = _MarkdownBlock(kind, number, [line[marker.end() :]], level=depth, number=numbered)
            return index + 1
        if self.open is not None:  # a paragraph's or an item's next line
            self.open.lines.append(line)
            return index + 1
        if not line.startswith("  "):
            self.list_indents.clear()
        self.open = _MarkdownBlock("paragraph", number, [line])
        return index + 1

    def _depth(self, indent: int) -> int:
        while self.list_indents and indent < self.list_indents[-1]:
            self.list_indents.pop()
        if not self.list_indents or indent > self.list_indents[-1]:
            self.list_indents.append(indent)
        return len(self.list_indents)

    def _close(self) -> None:
        block, self.open = self.open, None
        if block is None:
            return
        joined = " ".join(part.strip() for part in block.lines)
        bold = bool(_WHOLLY_BOLD.fullmatch(joined))
        text = self.cleaner.clean(_markdown_inline(_LINE_BREAK_TAG.sub(" ", joined)))
        if text:
            self.blocks.append(_text_block(block.kind, text, f"line {block.line}", level=block.level, bold=bold, number=block.number))

    def _fenced(self, lines: list[str], index: int, fence: str) -> int:
        """Fenced code: its lines as one paragraph, from the line after the fence."""
        self._close()
        end = index + 1
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        text = self.cleaner.clean(" ".join(lines[index + 1 : end]))
        if text:
            self.blocks.append(Block("paragraph", f"line {index + 2}", text))
        return end + 1

    def _table(self, lines: list[str], index: int) -> int:
        """A pipe table from its header row at index: the delimiter row below it is not a row."""
        self.tables += 1
        rows_lines = [index]
        end = index + 2
        while end < len(lines) and "|" in lines[end] and lines[end].strip():
            rows_lines.append(end)
            end += 1
        rows = []
        for row, at in enumerate(rows_lines, 1):
            cells = [part.strip() for part in _TABLE_SEPARATOR.split(lines[at].strip())]
            if cells and not cells[0]:
                cells = cells[1:]
            if cells and not cells[-1]:
                cells = cells[:-1]
            rows.append(
                tuple(
                    Cell(self._cell_paragraphs(content), f"table {self.tables}, row {row}, column {column}")
                    for column, content in enumerate(cells, 1)
                )
            )
        self.blocks.append(Block("table", f"line {index + 1}", rows=tuple(rows)))
        self.list_indents.clear()
        return end

    def _cell_paragraphs(self, content: str) -> tuple[str, ...]:
        """A cell's paragraphs: a pipe table's cell is one line, and <br> is how it writes a new one."""
        paragraphs = []
        for part in _LINE_BREAK_TAG.split(content.replace("\\|", "|")):
            text = self.cleaner.clean(_markdown_inline(part))
            if text:
                paragraphs.append(_bullet(text) or text)
        return tuple(paragraphs)


def _read_markdown(name: str, data: bytes) -> Document:
    text, notes = _decode_text(name, data)
    cleaner = _Cleaner()
    blocks = _MarkdownReader(cleaner).read(text)
    return Document(name, "Markdown", tuple(blocks), notes + cleaner.notes())


# A saved web page: trafilatura finds its main content, as XML, read here into blocks.


@dataclass
class _WebPageReader:
    """trafilatura's XML (head, p, list and item, table, row and cell) as blocks.

    Where a block is: "paragraph 3 of the page", "table 1, row 2, column 3", "item 4 of the list after
    'Our priorities'" (items counted down the list, sub-items included, as an officer counts its bullets)
    and a heading by its words.
    """

    cleaner: _Cleaner
    blocks: list[Block] = field(default_factory=list)
    paragraphs: int = 0
    tables: int = 0
    lists_after_heading: int = 0
    lists_on_page: int = 0
    heading: str | None = None

    def read(self, main: Any) -> list[Block]:
        for element in main:
            tag = element.tag
            if tag == "head":
                text = self.cleaner.clean(_element_text(element))
                if text:
                    level = int(rend[1]) if (rend := element.get("rend", "")) in {f"h{n}" for n in range(1, 7)} else 0
                    self.blocks.append(_text_block("heading", text, f"heading '{_short(text)}'", level=level))
                    self.heading, self.lists_after_heading = text, 0
            elif tag == "list":
                self.lists_after_heading += 1
                self.lists_on_page += 1
                self._list(element, 1, self._list_place(), [0])
            elif tag == "table":
                self.tables += 1
                self._table(element)
            elif tag in ("graphic", "comments"):
                continue
            else:  # p, quote, code and anything else trafilatura keeps: its words as a paragraph
                text = self.cleaner.clean(_element_text(element))
                if text:
                    self.paragraphs += 1
                    bold = _wholly_bold(element)
                    self.blocks.append(_text_block("paragraph", text, f"paragraph {self.paragraphs} of the page", bold=bold))
        return self.blocks

    def _list_place(self) -> str:
        if self.heading is None:
            return f"list {self.lists_on_page} of the page"
        which = "the list" if self.lists_after_heading == 1 else f"list {self.lists_after_heading}"
        return f"{which} after '{_short(self.heading)}'"

    def _list(self, element: Any, depth: int, place: str, counted: list[int]) -> None:
        numbered = element.get("rend") == "ol"
        position = 0
        for item in element:
            if item.tag != "item":
                continue
            position += 1
            counted[0] += 1
            text = self.cleaner.clean(_element_text(item, skip="list"))
            if text:
                where = f"item {counted[0]} of {place}"
                bold = _wholly_bold(item, skip="list")
                if numbered:
                    typed, after = _council_number(text)
                    self.blocks.append(Block("paragraph", where, after, number=typed or str(position), bold=bold))
                else:
                    self.blocks.append(_text_block("item", text, where, level=depth, bold=bold))
            for sublist in item:
                if sublist.tag == "list":
                    self._list(sublist, depth + 1, place, counted)

    def _table(self, element: Any) -> None:
        rows = []
        for row_number, row in enumerate((child for child in element if child.tag == "row"), 1):
            cells = []
            for column, cell in enumerate((child for child in row if child.tag == "cell"), 1):
                paragraphs = tuple(self.cleaner.clean(part) for part in _cell_parts(cell))
                paragraphs = tuple(_bullet(text) or text for text in paragraphs if text)
                cells.append(Cell(paragraphs, f"table {self.tables}, row {row_number}, column {column}"))
            rows.append(tuple(cells))
        self.blocks.append(Block("table", f"table {self.tables}", rows=tuple(rows)))


def _element_text(element: Any, skip: str | None = None) -> str:
    """An element's words, a line break read as a space, leaving out the children tagged skip."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append(" ")
        elif child.tag != skip:
            parts.append(_element_text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def _wholly_bold(element: Any, skip: str | None = None) -> bool:
    """Whether every word of the element is inside trafilatura's bold (<hi rend="#b">)."""
    outside = [element.text or ""]
    bold = False
    for child in element:
        if child.tag == "hi" and child.get("rend") == "#b":
            bold = bold or bool(_element_text(child).strip())
        elif child.tag != skip:
            outside.append(_element_text(child, skip))
        outside.append(child.tail or "")
    return bold and not "".join(outside).strip()


_WEB_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "code", "table", "row", "cell"})


def _cell_parts(element: Any) -> Iterator[str]:
    """A table cell's paragraphs: its own paragraphs, list items and lines (a cell often holds a theme's
    name, a line break, then its action)."""
    current = [element.text or ""]
    for child in element:
        if child.tag == "lb" or child.tag in _WEB_BLOCKS:
            yield "".join(current)
            current = []
            if child.tag != "lb":
                yield from _cell_parts(child)
        else:
            current.append(_element_text(child))
        current.append(child.tail or "")
    yield "".join(current)


def _read_web_page(name: str, data: bytes) -> Document:
    # Imported here: the site build never reads a web page to import, and these take a second to import.
    import trafilatura
    from lxml import etree  # type: ignore[import-untyped]

    # trafilatura reads the bytes it is given and fetches nothing (no url is passed); links and pictures
    # are left out. Recall is favoured so that a short priority list is not taken for a menu.
    with _quiet("trafilatura", "readability", "justext"):  # their logs of a page's oddities are not for the officer
        try:
            extracted = trafilatura.extract(
                data,
                output_format="xml",
                include_tables=True,
                include_formatting=True,
                include_links=False,
                include_images=False,
                include_comments=False,
                favor_recall=True,
                deduplicate=False,
                with_metadata=False,
            )
        except Exception as error:  # the page is untrusted: whatever trafilatura cannot make sense of, the officer is told plainly
            _stop_if_out_of_memory(error)
            raise Unreadable(_no_main_text(name)) from error
    if not extracted:
        raise Unreadable(_no_main_text(name))
    # The XML is trafilatura's own, but made of the page's words: read without entities or the network.
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, remove_comments=True, remove_pis=True
    )
    try:
        root = etree.fromstring(extracted.encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        _stop_if_out_of_memory(error)
        raise Unreadable(_no_main_text(name)) from None
    main = root.find("main")
    cleaner = _Cleaner()
    blocks = _WebPageReader(cleaner).read(main if main is not None else root)
    if not blocks:
        raise Unreadable(_no_main_text(name))
    return Document(name, "web page", tuple(blocks), cleaner.notes())


# Word: python-docx reads the package; the body is walked here in order, paragraphs and tables.

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_word_package(name: str, data: bytes) -> None:
    """Refuse, before python-docx unpacks it, a .docx that is not a zip, or one that unpacks too far."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise Unreadable(_word_damaged(name)) from None
    if len(parts) > MAX_DOCX_PARTS:
        raise Unreadable(_word_too_many_parts(name, len(parts)))
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise Unreadable(_word_too_big(name, unpacked))


def _val(element: Any, tag: str) -> str | None:
    """The w:val of the child tagged tag, if it is there."""
    child = None if element is None else element.find(_W + tag)
    return None if child is None else child.get(_W + "val")


MAX_LIST_PATTERN = 20
MAX_LIST_START = 1000


def _whole_number(value: str | None, default: int) -> int:
    """A number from the document, within Word's own range (a hostile 10**9 would make a long label)."""
    try:
        return max(0, min(int(value or ""), 32767))
    except ValueError:
        return default


def _roman(number: int) -> str:
    numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
    numerals += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    result = ""
    for value, numeral in numerals:
        count, number = divmod(number, value)
        result += numeral * count
    return result


def _label(number: int, format_: str) -> str:
    """A list number as Word shows it in the format its numbering names."""
    if format_ in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1) if number > 0 else ""
        return letter.upper() if format_ == "upperLetter" else letter
    if format_ in ("lowerRoman", "upperRoman"):
        roman = _roman(number)
        return roman.upper() if format_ == "upperRoman" else roman
    if format_ == "decimalZero":
        return f"{number:02d}"
    return str(number)


@dataclass(frozen=True)
class _Level:
    start: int
    format: str
    text: str


class _WordNumbering:
    """The numbers Word shows beside its numbered paragraphs, which are not in their text.

    Word counts each list definition (abstractNum) on through the document, and starts again where a
    list (num) says so (startOverride); a level's number starts again under each entry of the level above.
    """

    def __init__(self, word: WordDocument) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}
        self.lists: dict[str, tuple[str, dict[int, int]]] = {}
        self.counts: dict[str, list[int | None]] = {}
        self.restarted: set[tuple[str, int]] = set()
        try:
            numbering = word.part.numbering_part.element
        except (KeyError, NotImplementedError, ValueError):
            return
        for definition in numbering.iterchildren(_W + "abstractNum"):
            levels = {}
            for level in definition.iterchildren(_W + "lvl"):
                depth = _whole_number(level.get(_W + "ilvl"), 0)
                # A list number is a few characters ("%1.%2."): a longer pattern, or a letter label past zz,
                # is a document made to fill the memory, and is read no further than Word would show sensibly.
                levels[depth] = _Level(
                    min(_whole_number(_val(level, "start"), 1), MAX_LIST_START),
                    _val(level, "numFmt") or "decimal",
                    (_val(level, "lvlText") or "")[:MAX_LIST_PATTERN],
                )
            self.levels[definition.get(_W + "abstractNumId", "")] = levels
        for numbered in numbering.iterchildren(_W + "num"):
            starts = {}
            for override in numbered.iterchildren(_W + "lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    starts[_whole_number(override.get(_W + "ilvl"), 0)] = min(_whole_number(start, 1), MAX_LIST_START)
            self.lists[numbered.get(_W + "numId", "")] = (_val(numbered, "abstractNumId") or "", starts)

    def number(self, list_id: str, depth: int) -> tuple[bool, str | None]:
        """Whether the entry is bulleted, and the number it shows if numbered (None if it shows none)."""
        definition, starts = self.lists.get(list_id, ("", {}))
        levels = self.levels.get(definition, {})
        level = levels.get(depth)
        if level is None:
            return False, None
        if level.format == "bullet":
            return True, None
        counts = self.counts.setdefault(definition, [None] * 10)
        depth = min(depth, 9)
        if (list_id, depth) not in self.restarted and depth in starts:
            self.restarted.add((list_id, depth))
            counts[depth] = starts[depth] - 1
        previous = counts[depth]
        counts[depth] = level.start if previous is None else previous + 1
        for deeper in range(depth + 1, 10):
            counts[deeper] = None
        if level.format == "none" or not level.text:
            return False, None

        def shown(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            count = counts[at]
            at_level = levels.get(at)
            if count is None:
                count = at_level.start if at_level is not None else 1
            return _label(count, at_level.format if at_level is not None else "decimal")

        label = re.sub(r"%([1-9])", shown, level.text).strip()
        label = label[:-1] if label.endswith(".") else label
        return False, label or None


def _style_chain(style: CharacterStyle | None) -> Iterator[CharacterStyle]:
    """A style, then the styles it is based on: at most twenty, so that a damaged file's circle of styles ends."""
    from docx.styles.style import CharacterStyle

    for _ in range(20):
        if not isinstance(style, CharacterStyle):
            return
        yield style
        style = style.base_style


def _properties(element: Any) -> Any:
    """An element's paragraph properties (w:pPr), for a paragraph or a style."""
    return None if element is None else element.find(_W + "pPr")


@dataclass(frozen=True)
class _WordParagraph:
    """What a Word paragraph's style and properties say it is."""

    heading: int  # its level, 0 if not a heading
    list_id: str | None
    depth: int  # the list level, from 0
    bulleted_style: bool  # a "List Bullet" style without Word's numbering


def _word_paragraph(paragraph: Paragraph) -> _WordParagraph:
    own = _properties(paragraph._p)
    styles = list(_style_chain(paragraph.style))
    heading = 0
    outline = _val(own, "outlineLvl")
    if outline is not None:
        heading = _whole_number(outline, 9) + 1 if _whole_number(outline, 9) < 9 else 0
    else:
        for style in styles:
            style_name = (style.name or "").lower()
            if style_name == "title":
                heading = 1
                break
            if (named := re.fullmatch(r"heading ([1-9])", style_name)) is not None:
                heading = int(named.group(1))
                break
            style_outline = _val(_properties(style.element), "outlineLvl")
            if style_outline is not None and _whole_number(style_outline, 9) < 9:
                heading = _whole_number(style_outline, 9) + 1
                break
    list_id = depth = None
    for properties in [own, *(_properties(style.element) for style in styles)]:
        numbering = None if properties is None else properties.find(_W + "numPr")
        if numbering is None:
            continue
        list_id = list_id if list_id is not None else _val(numbering, "numId")
        depth = depth if depth is not None else _val(numbering, "ilvl")
    name = (styles[0].name or "").lower() if styles else ""
    bulleted = name.startswith("list bullet")
    style_depth = re.search(r"([2-9])$", name) if name.startswith("list") else None
    level = _whole_number(depth, 0) if depth is not None else int(style_depth.group(1)) - 1 if style_depth else 0
    return _WordParagraph(heading, None if list_id in (None, "0") else list_id, min(level, 8), bulleted)


def _word_bold(paragraph: Paragraph) -> bool:
    """Whether every run with words in it is bold, by its own setting, its character style or the paragraph's style."""
    paragraph_bold = next((style.font.bold for style in _style_chain(paragraph.style) if style.font.bold is not None), None)
    runs: list[Run] = []
    for content in paragraph.iter_inner_content():
        runs.extend(content.runs if hasattr(content, "runs") else [content])
    worded = [run for run in runs if run.text.strip()]
    if not worded:
        return False
    for run in worded:
        bold = run.bold
        if bold is None:
            bold = next((style.font.bold for style in _style_chain(run.style) if style.font.bold is not None), None)
        if not (bold if bold is not None else paragraph_bold):
            return False
    return True


@dataclass
class _WordReader:
    """A Word document's body in order: paragraphs as headings, paragraphs and items, and tables.

    Where a block is: "paragraph 12 of the document", counting the body's paragraphs with words in
    them (table cells apart) from 1; "table 2, row 4, column 3" for a cell, columns counted on the
    table's grid so that a cell after a merged one keeps its column. A numbered paragraph whose number
    no other paragraph shares is found by that number: "paragraph 12".
    """

    word: WordDocument
    cleaner: _Cleaner
    numbering: _WordNumbering
    blocks: list[Block] = field(default_factory=list)
    paragraphs: int = 0
    tables: int = 0

    def read(self) -> list[Block]:
        for element in _body_elements(self.word.element.body):
            if element.tag == _W + "p":
                self._paragraph(element)
            else:
                self.tables += 1
                self._table(element)
        return _found_by_number(self.blocks)

    def _paragraph(self, element: Any) -> None:
        from docx.text.paragraph import Paragraph

        paragraph = Paragraph(element, self.word._body)
        text = self.cleaner.clean(paragraph.text)
        if not text:
            return
        style_name = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
        if style_name.startswith("toc"):  # a table of contents repeats the headings, with page numbers
            return
        self.paragraphs += 1
        where = f"paragraph {self.paragraphs} of the document"
        kind = _word_paragraph(paragraph)
        bulleted, number = self.numbering.number(kind.list_id, kind.depth) if kind.list_id is not None else (False, None)
        bold = _word_bold(paragraph)
        if kind.heading:
            self.blocks.append(_text_block("heading", text, where, level=kind.heading, number=number))
        elif bulleted or (kind.bulleted_style and number is None):
            self.blocks.append(_item(_bullet(text) or text, where, level=kind.depth + 1, bold=bold))
        else:
            self.blocks.append(_text_block("paragraph", text, where, bold=bold, number=number))

    def _table(self, element: Any) -> None:
        rows = []
        # No column past MAX_TABLE_COLUMNS + 1 is made: one past it is enough for the table to be left
        # out (see _without_wide_tables), and a cell's span of 32,767 would make that many in its row.
        last = MAX_TABLE_COLUMNS + 1
        for row_number, row in enumerate(element.iterchildren(_W + "tr"), 1):
            cells: list[Cell] = []
            column = 1 + _whole_number(_val(row.find(_W + "trPr"), "gridBefore"), 0)
            cells.extend(Cell((), f"table {self.tables}, row {row_number}, column {before}") for before in range(1, min(column, last + 1)))
            for cell in row.iterchildren(_W + "tc"):
                properties = cell.find(_W + "tcPr")
                span = max(1, _whole_number(_val(properties, "gridSpan"), 1))
                merge = None if properties is None else properties.find(_W + "vMerge")
                # A cell merged down from the one above: python-docx would repeat its words, which belong to that one.
                continued = merge is not None and merge.get(_W + "val", "continue") == "continue"
                paragraphs = () if continued else tuple(self._cell_paragraphs(cell))
                cells.append(Cell(paragraphs, f"table {self.tables}, row {row_number}, column {column}"))
                # A cell merged across: the columns it covers are empty, so each column keeps its place.
                cells.extend(
                    Cell((), f"table {self.tables}, row {row_number}, column {column + n}") for n in range(1, min(span, last + 1 - column))
                )
                column += span
            rows.append(tuple(cells))
        self.blocks.append(Block("table", f"table {self.tables}", rows=tuple(rows)))

    def _cell_paragraphs(self, element: Any) -> Iterator[str]:
        """A cell's paragraphs, and a table inside it read cell by cell into them."""
        from docx.text.paragraph import Paragraph

        for child in _body_elements(element):
            if child.tag == _W + "p":
                text = self.cleaner.clean(Paragraph(child, self.word._body).text)
                if text:
                    yield _bullet(text) or text
            else:
                for row in child.iterchildren(_W + "tr"):
                    for cell in row.iterchildren(_W + "tc"):
                        yield from self._cell_paragraphs(cell)


def _body_elements(parent: Any) -> Iterator[Any]:
    """The paragraphs and tables in a body or a cell, in order, including those inside content controls."""
    for child in parent.iterchildren():
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _body_elements(content)
        elif child.tag == _W + "customXml":
            yield from _body_elements(child)


_PARAGRAPH_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*")


def _found_by_number(blocks: list[Block]) -> list[Block]:
    """Numbered paragraphs whose number is the document's only one of its kind, placed by it ("paragraph 12")."""
    numbers = Counter(block.number for block in blocks if block.kind == "paragraph" and block.number)
    return [
        replace(block, where=f"paragraph {block.number}")
        if block.kind == "paragraph" and block.number and numbers[block.number] == 1 and _PARAGRAPH_NUMBER.fullmatch(block.number)
        else block
        for block in blocks
    ]


def _read_word(name: str, data: bytes) -> Document:
    _check_word_package(name, data)
    # Imported here: the site build never reads Word. python-docx never fetches: a picture or a link to
    # another file is kept as a relationship, and nothing is opened at its address.
    import docx

    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx's many refusals of a damaged package all mean the same to the officer
        _stop_if_out_of_memory(error)
        raise Unreadable(_word_damaged(name)) from error
    cleaner = _Cleaner()
    try:
        blocks = _WordReader(word, cleaner, _WordNumbering(word)).read()
    except Exception as error:  # a part python-docx opened but cannot make sense of: the officer is told plainly
        _stop_if_out_of_memory(error)
        raise Unreadable(_word_damaged(name)) from error
    return Document(name, "Word document", tuple(blocks), cleaner.notes())


# PDF: pdfplumber finds each page's tables and lines of text; lines are joined into paragraphs here.

# A font whose name says it is bold: "Arial-BoldMT", "DejaVuSans-Bold", "Calibri,Bold", "Lato-Black".
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold", re.IGNORECASE)


@dataclass(frozen=True)
class _Line:
    """A line of text on a page, with what tells where its paragraph starts."""

    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    size: float  # the size most of its characters have, to the half point
    bold: bool
    first_word: float  # how wide its first word is: if it would have fitted on the line before, that line ended a paragraph


@dataclass(frozen=True)
class _Region:
    """Lines read together: the text of a page between its tables, or a table's cell."""

    lines: tuple[_Line, ...]
    right: float  # as far right as a line can reach


@dataclass(frozen=True)
class _PdfTable:
    cells: tuple[tuple[_Region | None, ...], ...]  # None where a merged cell covers it
    columns: tuple[float, ...]  # where its columns' rules are, left to right
    # Whether its bottom has no rule: a page break went through its last row, which goes on over the page.
    open_bottom: bool


@dataclass(frozen=True)
class _PdfPage:
    """A page's lines of text outside its tables, and its tables by where their tops are."""

    number: int
    height: float
    lines: tuple[_Line, ...]  # top to bottom
    tables: tuple[tuple[float, _PdfTable], ...]  # top to bottom
    right: float  # as far right as the page's text reaches

    @property
    def parts(self) -> tuple[_Region | _PdfTable, ...]:
        """The text above the first table, then each table and the text that starts below its top
        (beside it, or below it until the next table's top), as the page is read down."""
        tops = [top for top, _ in self.tables]
        between: list[list[_Line]] = [[] for _ in range(len(self.tables) + 1)]
        for line in self.lines:
            between[bisect.bisect_right(tops, line.top)].append(line)
        parts: list[_Region | _PdfTable] = []
        for index, lines in enumerate(between):
            if index:
                parts.append(self.tables[index - 1][1])
            if lines:
                parts.append(_Region(tuple(lines), self.right))
        return tuple(parts)


def _lines(chars: Sequence[dict[str, Any]]) -> list[_Line]:
    from pdfplumber.utils.text import chars_to_textmap

    lines: list[_Line] = []
    if not chars:  # pdfplumber cannot place no characters at all
        return lines
    for found in chars_to_textmap(list(chars)).extract_text_lines(strip=True, return_chars=True):
        line_chars = [char for char in found["chars"] if char["text"].strip()]
        if not line_chars:
            continue
        size = Counter(round(char["size"] * 2) / 2 for char in line_chars).most_common(1)[0][0]
        bold = sum(1 for char in line_chars if _BOLD_FONT.search(char.get("fontname", ""))) * 2 > len(line_chars)
        first, last = line_chars[0], line_chars[0]
        for char in line_chars[1:]:
            if char["x0"] - last["x1"] > char["size"] * 0.15 or char["top"] > last["bottom"]:
                break
            last = char
        lines.append(_Line(found["text"], found["top"], found["bottom"], found["x0"], found["x1"], size, bold, last["x1"] - first["x0"]))
    return lines


def _centre_inside(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return bool(box[0] <= x <= box[2] and box[1] <= y <= box[3])


def _read_pdf_page(page: Page, number: int, notes: list[str]) -> _PdfPage:
    """A page's text between its tables, and its tables' cells, each as lines, top to bottom."""
    page = page.dedupe_chars()  # some PDFs draw bold by printing each character twice
    chars = [char for char in page.chars if char["text"]]
    tables: list[Table] = []
    if len(page.lines) + len(page.rects) + len(page.curves) > MAX_PDF_DRAWINGS_PER_PAGE:
        notes.append(_page_too_drawn(number))
    else:
        # Ruled tables, as councils' reports draw them, closed where a page break left them open.
        # A single ruled box is a panel of text, not a table.
        found = page.find_tables({"explicit_horizontal_lines": _closing_rules(page)})
        tables = [table for table in found if sum(1 for row in table.rows for cell in row.cells if cell) >= 2]
    tables.sort(key=lambda table: table.bbox[1])
    outside = [char for char in chars if not any(_centre_inside(char, table.bbox) for table in tables)]
    lines = tuple(_lines(outside))
    rules = [edge for edge in page.edges if edge["orientation"] == "h"]
    tops = tuple((table.bbox[1], _read_pdf_table(table, chars, rules)) for table in tables)
    return _PdfPage(number, page.height, lines, tops, _right_edge(lines, page.width))


def _closing_rules(page: Page) -> list[dict[str, Any]]:
    """A rule across the top and the bottom of each run of a page's upright rules.

    A table that a page break splits is drawn without a rule along the break, and pdfplumber finds only
    cells closed on four sides: these close it. Where the table has its rule, they fall on it.
    """
    runs: list[list[float]] = []  # top, bottom, left, right
    for edge in sorted((edge for edge in page.edges if edge["orientation"] == "v"), key=lambda edge: edge["top"]):
        if runs and edge["top"] <= runs[-1][1] + 2:
            run = runs[-1]
            run[1], run[2], run[3] = max(run[1], edge["bottom"]), min(run[2], edge["x0"]), max(run[3], edge["x1"])
        else:
            runs.append([edge["top"], edge["bottom"], edge["x0"], edge["x1"]])
    return [
        {
            "object_type": "closing_edge",
            "orientation": "h",
            "x0": left,
            "x1": right,
            "width": right - left,
            "top": y,
            "bottom": y,
            "height": 0,
        }
        for top, bottom, left, right in runs
        if right - left > 1
        for y in (top, bottom)
    ]


def _ruled(rules: Sequence[dict[str, Any]], y: float, left: float, right: float) -> bool:
    """Whether the page's rules run along y from left to right (drawn a cell at a time or at once)."""
    covered = sum(max(0.0, min(rule["x1"], right) - max(rule["x0"], left)) for rule in rules if abs(rule["top"] - y) <= 2)
    return bool(covered >= (right - left) * 0.9)


def _right_edge(lines: Sequence[_Line], default: float) -> float:
    """How far right the page's text reaches: the furthest a line from its left margin reaches, so that
    a date or a header set to the right, or a centred title, is not taken for where lines end."""
    if not lines:
        return default
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    return max((line.x1 for line in lines if abs(line.x0 - left) <= 3), default=default)


def _read_pdf_table(table: Table, chars: Sequence[dict[str, Any]], rules: Sequence[dict[str, Any]]) -> _PdfTable:
    """A table's cells, each as its lines; None for a place a merged cell covers."""
    inside = [char for char in chars if _centre_inside(char, table.bbox)]
    rows = []
    for row in table.rows:
        cells: list[_Region | None] = []
        for box in row.cells:
            if box is None:
                cells.append(None)
                continue
            lines = tuple(_lines([char for char in inside if _centre_inside(char, box)]))
            # A cell's text reaches as far right as its left padding lets it.
            padding = min((line.x0 for line in lines), default=box[0]) - box[0]
            cells.append(_Region(lines, max(box[2] - padding, max((line.x1 for line in lines), default=box[2]))))
        rows.append(tuple(cells))
    left, _, right, bottom = table.bbox
    columns = tuple(sorted({round(box[edge], 1) for row in table.rows for box in row.cells if box is not None for edge in (0, 2)}))
    return _PdfTable(tuple(rows), columns, not _ruled(rules, bottom, left, right))


def _regions(pages: Sequence[_PdfPage]) -> Iterator[_Region]:
    for page in pages:
        for part in page.parts:
            if isinstance(part, _Region):
                yield part
            else:
                yield from (cell for row in part.cells for cell in row if cell is not None)


# A page number alone in a page's margin: "3", "Page 3", "3 of 12", "Page 3 of 12".
_PAGE_NUMBER = re.compile(r"(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?", re.IGNORECASE)
# A page's top and bottom tenth, where running headers and footers are.
_MARGIN = 0.1


def _without_running_lines(pages: Sequence[_PdfPage]) -> list[_PdfPage]:
    """The pages without their running headers and footers, which are not the document's words.

    A line in a page's top or bottom tenth is one if the same words (whatever their figures, as in
    "Page 3 of 12") are there on half the pages or more, at least two; a page number alone always is.
    """

    def in_margin(page: _PdfPage, line: _Line) -> bool:
        return line.bottom < page.height * _MARGIN or line.top > page.height * (1 - _MARGIN)

    def words(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text)

    repeated = Counter(key for page in pages for key in {words(line) for line in page.lines if in_margin(page, line)})
    running = {key for key, count in repeated.items() if count >= 2 and count * 2 >= len(pages)}
    kept = []
    for page in pages:
        lines = tuple(
            line for line in page.lines if not (in_margin(page, line) and (words(line) in running or _PAGE_NUMBER.fullmatch(line.text)))
        )
        kept.append(replace(page, lines=lines, right=_right_edge(lines, page.right)))
    return kept


@dataclass(frozen=True)
class _Measures:
    """What the document's own lines say about its paragraphs and headings."""

    usual_gap: float  # the space between two lines of one paragraph
    heading_levels: dict[float, int]  # a size larger than the body's, and its heading level
    bullet_levels: dict[int, int]  # how far in a bullet is (to 6 points), and its list depth


def _measures(pages: Sequence[_PdfPage]) -> _Measures:
    sizes: Counter[float] = Counter()
    gaps: Counter[float] = Counter()
    for region in _regions(pages):
        for line in region.lines:
            sizes[line.size] += len(line.text)
        for before, line in zip(region.lines, region.lines[1:], strict=False):
            gap = line.top - before.bottom
            # Double-spaced lines are a line's height apart; a paragraph's are seldom further.
            if line.size == before.size and 0 <= gap < (before.bottom - before.top) * 1.5:
                gaps[round(gap * 2) / 2] += 1
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    # The space between the lines of one paragraph is the smallest that is common. The commonest may be
    # the space between paragraphs, where a table's cells hold many one-line actions.
    common = [gap for gap, count in gaps.items() if count >= max(2, sum(gaps.values()) / 20)]
    usual_gap = min(common) if common else min(gaps, default=0.0)
    # A heading's type is clearly larger than the body's: 1.5 points, as 11 to 12.5.
    heading_sizes = sorted({size for size in sizes if size >= body + 1.5}, reverse=True)
    bullets = sorted(
        {
            round(line.x0 / 6)
            for page in pages
            for part in page.parts
            if isinstance(part, _Region)
            for line in part.lines
            if _bullet(line.text) is not None
        }
    )
    return _Measures(
        usual_gap, {size: min(level, 6) for level, size in enumerate(heading_sizes, 1)}, {x: n for n, x in enumerate(bullets, 1)}
    )


_ENDS_SENTENCE = (".", ":", ";", "!", "?")


def _starts_paragraph(before: _Line, line: _Line, right: float, usual_gap: float) -> bool:
    """Whether a line starts a new paragraph, or goes on with the one the line before it is in.

    A new paragraph starts at a change of type size or weight (a heading and its text), at a bullet,
    at a council's paragraph number after a finished sentence, after a space between the lines larger
    than the document's usual one by a quarter of a line, and after a line that ended before the right
    margin although the next line's first word would have fitted on it, with a letter's width to spare
    (the margin is only estimated): the writer ended that line.
    """
    height = before.bottom - before.top
    if abs(line.size - before.size) > 0.5 or line.bold != before.bold or _bullet(line.text) is not None:
        return True
    if (_COUNCIL_NUMBER.match(line.text) or _ITEM_NUMBER.match(line.text)) and before.text.endswith(_ENDS_SENTENCE):
        return True
    if line.top - before.bottom > usual_gap + height / 4:
        return True
    space = line.size / 4
    return before.x1 + space + line.first_word < right - line.size


# A line that ends in a word's hyphen, the word going on in lower case on the next: "co-" "production".
_HYPHEN_AT_END = re.compile(r"[^\W\d_]-$")
# A line that ends inside a web address, which goes on at the start of the next: the line broke at a "/" or "-".
# Matched on a line's last word only, from its start, so a line of thousands of "https:" costs its length.
_ADDRESS_AT_END = re.compile(r"(?:https?:|www\.)[^\s<>]*[/\-_%=&?#]$")


def _address_at_end(text: str) -> bool:
    """Whether a line ends in a web address a line break cut: tried once, from where the last word's
    address starts, so that a word of thousands of "https:" costs its length."""
    words = text.split()
    word = re.split(r"[<>]", words[-1])[-1] if words else ""
    starts = [at for at in (word.find("http"), word.find("www.")) if at >= 0]
    return bool(starts) and _ADDRESS_AT_END.match(word, min(starts)) is not None


def _joined(lines: Sequence[_Line]) -> str:
    """A paragraph's lines as its text: a line break is a space, but not after the hyphen of a word
    broken at it, nor inside a web address."""
    parts: list[str] = []
    for line in lines:
        if parts and (_HYPHEN_AT_END.search(parts[-1]) and line.text[:1].islower() or _address_at_end(parts[-1])):
            parts[-1] += line.text
        else:
            parts.append(line.text)
    return " ".join(parts)


def _paragraphs(region: _Region, measures: _Measures) -> list[tuple[_Line, ...]]:
    groups: list[list[_Line]] = []
    for line in region.lines:
        if groups and not _starts_paragraph(groups[-1][-1], line, region.right, measures.usual_gap):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [tuple(group) for group in groups]


def _goes_on_over_the_page(before: _Line, line: _Line, right: float) -> bool:
    """Whether the first line of a page goes on with the paragraph the last line of the page before ended with.

    It does if nothing says a paragraph starts (type, bullet or number), and the line before ran to the
    margin without finishing its sentence.
    """
    if abs(line.size - before.size) > 0.5 or line.bold != before.bold or _bullet(line.text) is not None:
        return False
    if _COUNCIL_NUMBER.match(line.text) or _ITEM_NUMBER.match(line.text) or before.text.endswith(_ENDS_SENTENCE):
        return False
    return before.x1 + line.size / 4 + line.first_word >= right - 1


@dataclass
class _OpenTable:
    """A table read so far, which the next page may go on with."""

    where: str
    page: int
    first: _PdfTable
    last: _PdfTable
    rows: list[list[tuple[str, list[_Region]]]]  # each cell's where, and its parts on each page


def _same_columns(one: _PdfTable, other: _PdfTable) -> bool:
    return len(one.columns) == len(other.columns) and all(abs(a - b) <= 3 for a, b in zip(one.columns, other.columns, strict=True))


def _row_words(row: Sequence[_Region | None]) -> tuple[str, ...]:
    return tuple(" ".join(line.text for line in cell.lines) if cell is not None else "" for cell in row)


@dataclass
class _PdfWriter:
    """The pages' lines as blocks: "page 3" for text, "page 3, table 1, row 4, column 2" for a table's cell.

    A paragraph that goes on over a page break is one block, at the page it starts on. So is a table:
    its rows on the next page are added to it (a header row repeated there is left out), and a row the
    break went through is one row, its cells' words joined, found at the page it starts on.
    """

    measures: _Measures
    cleaner: _Cleaner
    blocks: list[Block] = field(default_factory=list)
    # The last paragraph read, its page and how far right its lines reach; or the last table. Until
    # what follows is read, the next page may go on with it.
    open: tuple[list[_Line], str, float] | None = None
    table: _OpenTable | None = None

    def page(self, page: _PdfPage) -> None:
        where = f"page {page.number}"
        tables = 0
        for index, part in enumerate(page.parts):
            if isinstance(part, _Region):
                self._close_table()
                for number, group in enumerate(_paragraphs(part, self.measures)):
                    if index == number == 0 and self.open is not None and _goes_on_over_the_page(self.open[0][-1], group[0], self.open[2]):
                        self.open[0].extend(group)
                    else:
                        self._close()
                        self.open = (list(group), where, part.right)
                continue
            self._close()
            tables += 1
            table_where = f"{where}, table {tables}"
            rows = [
                [(f"{table_where}, row {row}, column {column}", [cell] if cell is not None else []) for column, cell in enumerate(cells, 1)]
                for row, cells in enumerate(part.cells, 1)
            ]
            going_on = self.table
            if index == 0 and going_on is not None and going_on.page == page.number - 1 and _same_columns(going_on.last, part):
                if part.cells and _row_words(part.cells[0]) == _row_words(going_on.first.cells[0]):
                    rows = rows[1:]  # the header row, repeated on each page
                # A row the page break cut is joined cell by cell, only where both halves have the same cells.
                if going_on.last.open_bottom and rows and len(going_on.rows[-1]) == len(rows[0]):
                    for before, after in zip(going_on.rows[-1], rows[0], strict=True):
                        before[1].extend(after[1])
                    rows = rows[1:]
                going_on.rows.extend(rows)
                going_on.page, going_on.last = page.number, part
            else:
                self._close_table()
                self.table = _OpenTable(table_where, page.number, part, part, rows)

    def close(self) -> list[Block]:
        self._close()
        self._close_table()
        return self.blocks

    def _close(self) -> None:
        if self.open is None:
            return
        group, where, _ = self.open
        self.open = None
        text = self.cleaner.clean(_joined(group))
        if not text:
            return
        first = group[0]
        level = self.measures.heading_levels.get(first.size, 0)
        if level and len(text) <= 300:
            self.blocks.append(_text_block("heading", text, where, level=level))
        elif (after := _bullet(text)) is not None:
            self.blocks.append(_item(after, where, level=self.measures.bullet_levels.get(round(first.x0 / 6), 1)))
        else:
            self.blocks.append(_text_block("paragraph", text, where, bold=all(line.bold for line in group)))

    def _close_table(self) -> None:
        if self.table is None:
            return
        table, self.table = self.table, None
        rows = tuple(tuple(Cell(self._cell(parts), where) for where, parts in row) for row in table.rows)
        self.blocks.append(Block("table", table.where, rows=rows))

    def _cell(self, parts: Sequence[_Region]) -> tuple[str, ...]:
        """A cell's paragraphs, from its part on each page it is on."""
        groups: list[list[_Line]] = []
        for number, part in enumerate(parts):
            for index, group in enumerate(_paragraphs(part, self.measures)):
                before = parts[number - 1] if number else None
                if index == 0 and before is not None and groups and _goes_on_over_the_page(groups[-1][-1], group[0], before.right):
                    groups[-1].extend(group)
                else:
                    groups.append(list(group))
        paragraphs = (self.cleaner.clean(_joined(group)) for group in groups)
        return tuple(_bullet(text) or text for text in paragraphs if text)


def _read_pdf(name: str, data: bytes) -> Document:
    if b"%PDF-" not in data[:1024]:
        raise Unreadable(_pdf_damaged(name))
    # Imported here: the site build never reads PDF, and pdfminer takes a while to import.
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    def password_or_damaged(error: BaseException) -> Unreadable:
        causes = [error, *error.args]
        if any(isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) for cause in causes):
            return Unreadable(_pdf_password(name))
        return Unreadable(_pdf_damaged(name))

    # pdfminer logs what it makes of a damaged file; the officer is told in a sentence instead.
    with _quiet("pdfminer", "pdfplumber"):
        try:
            pdf = pdfplumber.open(io.BytesIO(data))
        except Exception as error:  # pdfminer's refusals of a damaged or locked file, wrapped or not by pdfplumber
            _stop_if_out_of_memory(error)
            raise password_or_damaged(error) from error
        try:
            pages, notes = _read_pdf_pages(name, pdf)
        except Unreadable:
            raise
        except Exception as error:  # a page tree too damaged to make the pages from
            _stop_if_out_of_memory(error)
            raise password_or_damaged(error) from error
        finally:
            try:
                pdf.close()
            except Exception as error:  # noqa: BLE001  (closing makes the pages again, which a damaged file may not allow)
                _stop_if_out_of_memory(error)
        pages = _without_running_lines(pages)
        cleaner = _Cleaner()
        writer = _PdfWriter(_measures(pages), cleaner)
        for read in pages:
            writer.page(read)
        blocks = writer.close()
    if not blocks:
        raise Unreadable(_pdf_no_text(name))
    return Document(name, "PDF", tuple(blocks), tuple(notes) + cleaner.notes())


def _read_pdf_pages(name: str, pdf: PDF) -> tuple[list[_PdfPage], list[str]]:
    """Each page read, and what the officer is to be told of pages that could not be."""
    from pdfminer.pdfpage import PDFPage

    # Counted before pdfplumber makes its pages: it would make all ten thousand of a hostile file.
    if sum(1 for _ in zip(PDFPage.create_pages(pdf.doc), range(MAX_PDF_PAGES + 1), strict=False)) > MAX_PDF_PAGES:
        raise Unreadable(_pdf_too_many_pages(name))
    notes: list[str] = []
    pages = []
    characters = 0
    for number, page in enumerate(pdf.pages, 1):
        try:
            read = _read_pdf_page(page, number, notes)
        except Exception as error:  # one damaged page: the others are still read, and the officer told
            _stop_if_out_of_memory(error)
            notes.append(_page_not_read(number))
            continue
        finally:
            page.close()
        characters += sum(len(line.text) for region in _regions([read]) for line in region.lines)
        if characters > MAX_PDF_CHARACTERS:
            raise Unreadable(_pdf_too_much_text(name))
        if not read.lines and not read.tables:
            notes.append(_page_without_text(number))
        pages.append(read)
    return pages, notes


@contextlib.contextmanager
def _quiet(*names: str) -> Iterator[None]:
    """The named libraries' logging silenced while a document is read, and restored after."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


# Each suffix's reader, and the most of a file of its kind that is read.
_READERS: dict[str, tuple[int, Callable[[str, bytes], Document]]] = {
    ".txt": (MAX_TEXT_BYTES, _read_plain_text),
    ".text": (MAX_TEXT_BYTES, _read_plain_text),
    ".md": (MAX_TEXT_BYTES, _read_markdown),
    ".markdown": (MAX_TEXT_BYTES, _read_markdown),
    ".html": (MAX_TEXT_BYTES, _read_web_page),
    ".htm": (MAX_TEXT_BYTES, _read_web_page),
    ".docx": (MAX_FILE_BYTES, _read_word),
    ".pdf": (MAX_FILE_BYTES, _read_pdf),
}
