"""Mistakes made in the real content are reported at the line where they were made, in the words an
officer reads.

Each real content file gets the four mistakes officers make most: a key duplicated, a key misspelt,
a value of the wrong type, and a line indented wrongly. The check must exit 1 and print, for the
mutated file, exactly the messages below, each at its file, line and column.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest

from .conftest import REPO

CONTENT_FILES = sorted((REPO / "content").rglob("*.yml"))
# A `key: value` line with a plain one-line value, possibly the first key of a list item.
KEY_LINE = re.compile(r"^(?P<indent>\s*)(?P<dash>- )?(?P<key>[a-z_]+): (?P<value>[A-Za-z0-9][^#\n]*)$")

NOT_TEXT = "should be text, but is a list. Put it in quotes if it is meant as text."
STRATEGY_FIELDS = (
    "title, short_title, document_type, summary, period, status, stages, scope, ages, purpose, vision, principles, values, "
    "sections, priorities, measures, governance, consultation, timeline, tables, glossary, related_strategies, related_documents, "
    "background_papers, contacts, reports, easy_read, changes, versions"
)


class Kind(NamedTuple):
    """What a kind of content file holds at the line mutated (its first `key: value` line with a key
    beside it): the field's place, what the 'is missing' message says it is for (None if it may be
    left out), the fields an officer may write beside it, and what a list in its place is told."""

    where: str
    purpose: str | None
    fields: str
    not_a_list: str = NOT_TEXT


KINDS = {
    "strategy.yml": Kind("short_title", "A short title for menus and links", STRATEGY_FIELDS),
    "priorities.yml": Kind(
        "priorities[0].id",
        "A short name used in the web address, such as responsive",
        "number, id, title, short_name, ambition, commitment, description, plan_heading, themes, actions",
    ),
    "report.yml": Kind("reports[0].meeting", "The meeting it was written for", "title, meeting, date, author, sections"),
    "easy-read.yml": Kind(
        "easy_read.title",
        "The Easy Read title, such as Our plan for children with SEND",
        "title, date, checked_by, sections, hard_words, left_out",
    ),
    "tables.yml": Kind(
        "tables[0].caption", "The caption, saying what the table shows", "id, caption, row_heading, columns, rows, notes, chart"
    ),
    "progress": Kind(
        "date",
        "The date of the report or meeting",
        "title, date, meeting, author, introduction, updates",
        "'[1, 2]' is not a date. Write dates as YYYY-MM-DD, for example 2026-04-20.",
    ),
    "glossary.yml": Kind("terms[0].stands_for", None, "term, stands_for, meaning"),
    "organisations.yml": Kind(
        "organisations[0].name",
        "The organisation's full name, such as Leicestershire County Council",
        "id, name, short_name, website, phone, email, address, text_relay",
    ),
    "site.yml": Kind(
        "owner", "The id of the organisation that runs the site", "title, description, owner, language, url, repository, accessibility"
    ),
}


def _kind(relative: str) -> Kind:
    return KINDS["progress" if "/progress/" in relative else relative.rsplit("/", 1)[-1]]


def _target(lines: list[str]) -> int:
    """The first line after the file's opening that is `key: value` and is followed by a key beside it."""
    for i, line in enumerate(lines[4:-1], 4):
        found = KEY_LINE.match(line)
        nxt = re.match(r"^(\s*)[a-z_]+:", lines[i + 1])
        if found and nxt and not found["dash"] and found["indent"] == nxt[1]:
            return i
    raise AssertionError("no line to mutate")


def _holder(lines: list[str], i: int, indent: int, start: int) -> tuple[int, int]:
    """The line and column of what holds the key at line i: the first key of its list item, the key
    its fields are under, or, at the top level, the file's first line of content."""
    for n in range(i - 1, -1, -1):
        above = re.match(r"^( *)(- )?[^\s#]", lines[n])
        if above and above[2] and len(above[1]) + 2 == indent:
            return n + 1, indent + 1
        if above and len(above[1]) < indent:
            return n + 1, len(above[1]) + 1
    return start, 1


@pytest.mark.parametrize("path", CONTENT_FILES, ids=[p.relative_to(REPO / "content").as_posix() for p in CONTENT_FILES])
def test_mistakes_in_real_content_are_reported_at_their_line(path: Path, real_content: Path, run):
    relative = path.relative_to(REPO).as_posix()
    kind = _kind(relative)
    lines = path.read_text(encoding="utf-8").split("\n")
    i = _target(lines)
    found = KEY_LINE.match(lines[i])
    assert found
    key, where = found["key"], kind.where
    assert where.endswith(key), f"{relative}: the line mutated is now '{key}', not {where}: update KINDS"
    line, column, value_column = i + 1, len(found["indent"]) + 1, found.start("value") + 1
    # A required field at the top level is missing from the whole file, which starts here.
    start = next(n for n, text in enumerate(lines, 1) if text.strip() and not text.startswith("#"))
    copy = real_content / relative

    def mutate(new_lines: list[str]) -> list[str]:
        """The problems `check` reports in the mutated file (a broken strategy file also leaves the
        progress report pointing at a strategy that no longer loads; that is reported there)."""
        copy.write_text("\n".join(new_lines), encoding="utf-8")
        result = run("--root", real_content, "check")
        assert result.code == 1
        assert "Traceback" not in result.err
        return [p for p in result.problems if p.startswith(f"{relative}:")]

    duplicated = lines[: i + 1] + [lines[i]] + lines[i + 1 :]
    assert mutate(duplicated) == [
        f"{relative}:{line + 1}:{column}: {where}: '{key}' appears twice in the same place; it was first given on line {line}. Keep one."
    ]

    # The misspelling is told once, naming the field it was meant to be: not again as that field missing.
    misspelt = lines[:i] + [lines[i].replace(f"{key}:", f"{key}x:", 1)] + lines[i + 1 :]
    assert mutate(misspelt) == [
        f"{relative}:{line}:{column}: {where}x: '{key}x' is not a field here. Did you mean '{key}'? The fields here are: {kind.fields}.",
    ]

    if kind.purpose:
        held_line, held_column = _holder(lines, i, len(found["indent"]), start)
        left_out = lines[:i] + lines[i + 1 :]
        assert mutate(left_out) == [f"{relative}:{held_line}:{held_column}: {where}: '{key}' is missing. Add it ({kind.purpose})."]

    wrong_type = lines[:i] + [lines[i][: found.start("value")] + "[1, 2]"] + lines[i + 1 :]
    assert mutate(wrong_type) == [f"{relative}:{line}:{value_column}: {where}: {kind.not_a_list}"]

    indented = lines[: i + 1] + [" " + lines[i + 1]] + lines[i + 2 :]
    colon = indented[i + 1].index(":") + 1
    assert mutate(indented) == [
        f"{relative}:{line + 1}:{colon}: A colon is in the wrong place, or this line is indented wrongly. "
        "If the text itself contains ': ', put the whole text in quotes."
    ]


STRATEGY_FILES = [p for p in CONTENT_FILES if p.name == "strategy.yml"]


@pytest.mark.parametrize("quote", ['"', "'"], ids=["double", "single"])
@pytest.mark.parametrize("field", ["title", "summary"])
@pytest.mark.parametrize("path", STRATEGY_FILES, ids=[p.parent.name for p in STRATEGY_FILES])
def test_a_quote_left_open_in_real_content_is_reported_where_it_opens(path: Path, real_content: Path, run, field: str, quote: str):
    # PyYAML reads on to the next quote of the same kind, which may be a hundred lines down, and
    # complains there of the indentation; the officer needs the quote they left open.
    relative = path.relative_to(REPO).as_posix()
    lines = path.read_text(encoding="utf-8").split("\n")
    i = next(n for n, text in enumerate(lines) if text.startswith(f"{field}: "))
    opened = len(f"{field}: ") + 1
    lines[i] = f"{field}: {quote}{lines[i][opened - 1 :]}"
    (real_content / relative).write_text("\n".join(lines), encoding="utf-8")

    result = run("--root", real_content, "check")

    assert result.code == 1
    closed = lines[i].find(quote, opened)
    if closed == -1:
        expected = (
            f"{relative}:{i + 1}:{opened}: This {quote} opens a quoted text that is never closed, so the lines after it are "
            f"read as part of the text. Add a closing {quote} at the end of the text."
        )
    else:  # a quote in the text itself (an apostrophe, or a title already in quotes) closes it at once
        inside = {
            "'": "Inside single quotes, write an apostrophe as two ('') or put the whole text in double quotes.",
            '"': 'Inside double quotes, write a quote as \\" or put the whole text in single quotes.',
        }
        expected = f"{relative}:{i + 1}:{closed + 1}: This {quote} ends the quoted text, but more text follows it. {inside[quote]}"
    assert [p for p in result.problems if p.startswith(f"{relative}:")] == [expected]
