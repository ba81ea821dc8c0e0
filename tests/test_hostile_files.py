"""Content written to break the loader: each hostile file gets a plain message at its true place.

Content arrives by pull request, so anyone may write it. Each case here is one
thing an attacker, or an unlucky paste, might put under content/: numbers and
years no date can hold, invisible and control characters, links, pipes and huge
files, names the site uses for its own pages, values that try to start a GitHub
Actions log command, and `new` pointed outside content/. Every one must be
refused with the message an officer reads, at the line and column their editor
and GitHub's diff show, with exit code 1 and no traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import tracemalloc
from pathlib import Path

import jinja2
import pytest

from plugins.content import load_library
from plugins.content.library import SITE_NAMES
from plugins.pages import StandardEdition

from .conftest import REPO

STRATEGY = "content/example/plan/strategy.yml"
ORGANISATIONS = "content/organisations.yml"
BIG = "9" * 5000
QUOTED_BIG = f"'{BIG}'"


def _read(path: Path) -> str:
    # As stored: a lone carriage return must reach the loader as it is.
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def _edit(root: Path, file: str, before: str, after: str) -> str:
    path = root / file
    text = _read(path)
    assert before in text, before
    text = text.replace(before, after, 1)
    path.write_text(text, encoding="utf-8", newline="")
    return text


def _append(root: Path, file: str, extra: str) -> str:
    path = root / file
    text = _read(path) + extra
    path.write_text(text, encoding="utf-8", newline="")
    return text


def _at(text: str, needle: str, within: str = "") -> str:
    """line:column of a needle, or of the needle inside the first `within`, as an editor shows it:
    only \\n ends a line, and columns count characters."""
    at = text.index(within) + within.index(needle) if within else text.index(needle)
    return f"{text.count(chr(10), 0, at) + 1}:{at - (text.rfind(chr(10), 0, at) + 1) + 1}"


def _refused(result) -> list[str]:
    assert result.code == 1, result.out
    assert "Traceback" not in result.err
    return result.problems


# --- Numbers no figure needs ------------------------------------------------------------------

TABLE = """tables:
  - id: budget
    caption: The budget
    columns:
      - heading: Year 2026
    rows:
      - heading: Spend
        cells: [{value}]
"""
MEASURES = """measures:
  indicators:
    - id: attendance
      name: Attendance
      baseline:
        value: {value}
"""
TOO_MANY_DIGITS = "this number has {digits} digits, more than the 15 a figure can have. Check it, or put it in quotes if it is text."


@pytest.mark.parametrize(
    ("before", "after", "path", "digits"),
    [
        ("number: 1", f"number: {BIG}", "priorities[0].number", "5,000"),
        ("start_year: 2026", f"start_year: {BIG}", "period.start_year", "5,000"),
        ("end_year: 2029", f"end_year: -{BIG}", "period.end_year", "5,000"),
        ("number: 1", f"number: 1.{BIG}", "priorities[0].number", "5,001"),
        ("number: 1", f"number: 0.{BIG}", "priorities[0].number", "5,001"),
        ("number: 1", "number: 1234567890123456", "priorities[0].number", "16"),
    ],
    ids=["whole", "year", "negative", "decimal", "fraction", "sixteen-digits"],
)
def test_a_number_with_thousands_of_digits_is_refused_at_its_place(minimal: Path, run, before: str, after: str, path: str, digits: str):
    text = _edit(minimal, STRATEGY, before, after)
    where = _at(text, after.split(": ")[1], after)
    assert _refused(run("--root", minimal, "check")) == [f"{STRATEGY}:{where}: {path}: {TOO_MANY_DIGITS.format(digits=digits)}"]


@pytest.mark.parametrize(
    ("block", "path"),
    [(TABLE, "tables[0].rows[0].cells[0]"), (MEASURES, "measures.indicators[0].baseline.value")],
    ids=["table-cell", "figure"],
)
def test_a_figure_with_thousands_of_digits_is_refused_at_its_place(minimal: Path, run, block: str, path: str):
    text = _append(minimal, STRATEGY, block.format(value=BIG))
    assert _refused(run("--root", minimal, "check")) == [f"{STRATEGY}:{_at(text, BIG)}: {path}: {TOO_MANY_DIGITS.format(digits='5,000')}"]


def test_a_quoted_whole_number_of_thousands_of_digits_is_refused_at_its_place(minimal: Path, run):
    text = _edit(minimal, STRATEGY, "number: 1", f"number: {QUOTED_BIG}")
    assert _refused(run("--root", minimal, "check")) == [
        f"{STRATEGY}:{_at(text, QUOTED_BIG)}: priorities[0].number: should be a whole number, such as 3, but is '{'9' * 80}…'."
    ]


def test_a_figure_of_fifteen_digits_is_a_figure(minimal: Path, run):
    _append(minimal, STRATEGY, TABLE.format(value="-123456789012.345") + MEASURES.format(value="123456789012345"))
    assert run("--root", minimal, "check").code == 0


def test_a_quoted_figure_of_thousands_of_digits_is_quoted_cut_short(minimal: Path, run):
    text = _append(minimal, STRATEGY, MEASURES.format(value=QUOTED_BIG))
    assert _refused(run("--root", minimal, "check")) == [
        f"{STRATEGY}:{_at(text, QUOTED_BIG)}: "
        f"measures.indicators[0].baseline.value: '{'9' * 80}…' is in quotes, so it is read as text. Write the number without quotes."
    ]


# --- Years no day can hold --------------------------------------------------------------------

OUT_OF_RANGE = "the year {year} is outside the years content can use (1900 to 2200). Check the date."
NOT_A_DATE = "'{value}' is not a date. Write dates as YYYY-MM-DD, for example 2026-04-20."
NOT_A_REAL_DATE = "'{value}' is not a real date. Write dates as YYYY-MM-DD, for example 2026-04-20."
NOT_A_PARTIAL_DATE = "'{value}' is not a date. Write YYYY-MM-DD (2026-04-20), or YYYY-MM (2024-11) for a month, or YYYY (2028) for a year."
DUE = "          status: on track"
WHEN_DUE = "priorities[0].actions.year_one[0].due"


@pytest.mark.parametrize(
    ("file", "before", "after", "path", "message"),
    [
        (STRATEGY, "date: 2026-03-24", "date: 0000-01-01", "stages[0].date", NOT_A_REAL_DATE.format(value="0000-01-01")),
        (STRATEGY, "date: 2026-03-24", "date: 10000-01-01", "stages[0].date", NOT_A_PARTIAL_DATE.format(value="10000-01-01")),
        (STRATEGY, "date: 2026-03-24", "date: 0001-01-01", "stages[0].date", OUT_OF_RANGE.format(year="0001")),
        (STRATEGY, "date: 2026-03-24", "date: '9999-12-31'", "stages[0].date", OUT_OF_RANGE.format(year="9999")),
        (STRATEGY, "closes: 2026-06-01", "closes: 9999-12-31", "consultation.closes", OUT_OF_RANGE.format(year="9999")),
        (STRATEGY, "  start: 2026-04-01", "  start: 1899-12-31", "period.start", OUT_OF_RANGE.format(year="1899")),
        (STRATEGY, "end: 2027-03-31", "end: 2201-01-01", "period.years[0].end", OUT_OF_RANGE.format(year="2201")),
        (STRATEGY, "start_year: 2026", "start_year: 10000", "period.start_year", "must be 2200 or less, but is 10000."),
        (STRATEGY, "end_year: 2029", "end_year: 10000", "period.end_year", "must be 2200 or less, but is 10000."),
        (STRATEGY, "end_year: 2029", "end_year: 0", "period.end_year", "must be 1990 or more, but is 0."),
        (STRATEGY, DUE, DUE + "\n          due: '0000'", WHEN_DUE, OUT_OF_RANGE.format(year="0000")),
        (STRATEGY, DUE, DUE + "\n          due: 0000-01", WHEN_DUE, OUT_OF_RANGE.format(year="0000")),
        (STRATEGY, DUE, DUE + "\n          due: 9999-12", WHEN_DUE, OUT_OF_RANGE.format(year="9999")),
        (STRATEGY, DUE, DUE + "\n          due: 9999-12-31", WHEN_DUE, OUT_OF_RANGE.format(year="9999")),
        (STRATEGY, DUE, DUE + "\n          due: 10000", WHEN_DUE, NOT_A_PARTIAL_DATE.format(value="10000")),
        (STRATEGY, DUE, DUE + "\n          due: 10000-01", WHEN_DUE, NOT_A_PARTIAL_DATE.format(value="10000-01")),
        ("content/site.yml", "prepared: 2026-03-01", "prepared: 0001-01-01", "accessibility.prepared", OUT_OF_RANGE.format(year="0001")),
    ],
)
def test_a_year_no_day_can_hold_is_refused_at_its_place(minimal: Path, run, file: str, before: str, after: str, path: str, message: str):
    text = _edit(minimal, file, before, after)
    value = after.split(": ")[-1]
    assert _refused(run("--root", minimal, "check")) == [f"{file}:{_at(text, value, after)}: {path}: {message}"]


def test_a_change_note_and_an_other_version_keep_to_the_same_years(minimal: Path, run):
    text = _append(
        minimal,
        STRATEGY,
        "changes:\n  - date: 2300-01-01\n    note: A change.\n"
        "versions:\n  this: approved\n  date: 2026-04-20\n  others:\n    - kind: consultation draft\n      title: The draft\n"
        "      date: 2026-03-24\n      start_year: 9999\n      end_year: 2029\n      source: The report.\n",
    )
    assert _refused(run("--root", minimal, "check")) == [
        f"{STRATEGY}:{_at(text, '2300-01-01')}: changes[0].date: {OUT_OF_RANGE.format(year='2300')}",
        f"{STRATEGY}:{_at(text, '9999')}: versions.others[0].start_year: must be 2200 or less, but is 9999.",
    ]


# --- Control characters and line separators, at their true place --------------------------------

LINE_BREAK = (
    "This line holds the character {name}, which some programs count as a line break and others do not. "
    "Delete it, and start a new line with Enter if one is meant."
)
BIDI = (
    "This line holds the invisible character {name}, which can make text appear in a different order "
    "from the order it is stored in. Delete it."
)
INVISIBLE = "This line holds the invisible character {name}. Delete it: it cannot be seen, but it changes the text."
CONTROLS = {
    "\x00": "U+0000 NULL",
    "\x07": "U+0007 CONTROL CHARACTER",
    "\x08": "U+0008 BACKSPACE",
    "\x1b": "U+001B ESCAPE",
    "\x7f": "U+007F DELETE",
    "\x9b": "U+009B CONTROL CHARACTER",
}
LINE_SEPARATORS = {
    "\u2028": "U+2028 LINE SEPARATOR",
    "\u2029": "U+2029 PARAGRAPH SEPARATOR",
    "\x85": "U+0085 NEXT LINE",
    "\r": "U+000D CARRIAGE RETURN",
    "\x0b": "U+000B LINE TABULATION",
    "\x0c": "U+000C FORM FEED",
}
BIDI_CONTROLS = {
    "\u202a": "U+202A LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "U+202B RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "U+202C POP DIRECTIONAL FORMATTING",
    "\u202d": "U+202D LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "U+202E RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "U+2066 LEFT-TO-RIGHT ISOLATE",
    "\u2067": "U+2067 RIGHT-TO-LEFT ISOLATE",
    "\u2068": "U+2068 FIRST STRONG ISOLATE",
    "\u2069": "U+2069 POP DIRECTIONAL ISOLATE",
    "\u200e": "U+200E LEFT-TO-RIGHT MARK",
    "\u200f": "U+200F RIGHT-TO-LEFT MARK",
    "\u061c": "U+061C ARABIC LETTER MARK",
}
ZERO_WIDTH = {
    "\u200b": "U+200B ZERO WIDTH SPACE",
    "\u200c": "U+200C ZERO WIDTH NON-JOINER",
    "\u200d": "U+200D ZERO WIDTH JOINER",
    "\u2060": "U+2060 WORD JOINER",
    "\ufeff": "U+FEFF ZERO WIDTH NO-BREAK SPACE",
    "\u00ad": "U+00AD SOFT HYPHEN",
    "\u180e": "U+180E MONGOLIAN VOWEL SEPARATOR",
}


def _expected(char: str) -> str:
    if char in LINE_SEPARATORS:
        return LINE_BREAK.format(name=LINE_SEPARATORS[char])
    if char in BIDI_CONTROLS:
        return BIDI.format(name=BIDI_CONTROLS[char])
    return INVISIBLE.format(name={**CONTROLS, **ZERO_WIDTH}[char])


@pytest.mark.parametrize("char", list(CONTROLS) + list(LINE_SEPARATORS), ids=lambda c: f"U+{ord(c):04X}")
def test_a_control_character_is_reported_at_its_true_line_and_column(minimal: Path, run, char: str):
    # Far down the file, so that a position counted from the wrong place cannot pass.
    text = _edit(minimal, STRATEGY, "title: Every child belongs", f"title: Every child{char} belongs")
    assert _refused(run("--root", minimal, "check")) == [f"{STRATEGY}:27:23: {_expected(char)}"]
    assert _at(text, char) == "27:23"


@pytest.mark.parametrize("char", list(LINE_SEPARATORS) + ["\x00", "\x1b", "\u202e", "\u200b"], ids=lambda c: f"U+{ord(c):04X}")
def test_a_mistake_after_a_line_separator_is_reported_at_the_line_editors_show(minimal: Path, run, char: str):
    _edit(minimal, STRATEGY, "title: Example Strategy", f"title: Example{char}Strategy")
    _edit(minimal, STRATEGY, "    title: Every child belongs", "    title: 'Every child belongs")
    assert _refused(run("--root", minimal, "check")) == [
        f"{STRATEGY}:1:15: {_expected(char)}",
        f"{STRATEGY}:27:12: This ' opens a quoted text that is never closed, so the lines after it are read as part of the text. "
        "Add a closing ' at the end of the text.",
    ]


def test_windows_line_endings_are_ordinary_line_breaks(minimal: Path, run):
    path = minimal / STRATEGY
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert run("--root", minimal, "check").code == 0


PLACES = {
    "title": (STRATEGY, "title: Example", "title: Exam{c}ple"),
    "short-title": (STRATEGY, "short_title: Example", "short_title: Exam{c}ple"),
    "slug": (STRATEGY, "id: belonging", "id: bel{c}onging"),
    "organisation-id": (ORGANISATIONS, "id: example", "id: exam{c}ple"),
    "organisation-name": (ORGANISATIONS, "name: Example Council", "name: Exam{c}ple Council"),
    "markdown": (STRATEGY, "ambition: Our ambition", "ambition: Our am{c}bition"),
    "key": (STRATEGY, "short_title:", "short_ti{c}tle:"),
    "comment": (STRATEGY, "glossary:", "# Glos{c}sary\nglossary:"),
}


@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize("char", list(BIDI_CONTROLS) + list(ZERO_WIDTH), ids=lambda c: f"U+{ord(c):04X}")
def test_bidirectional_and_zero_width_characters_are_refused_everywhere(minimal: Path, run, char: str, place: str):
    file, before, after = PLACES[place]
    text = _edit(minimal, file, before, after.format(c=char))
    assert _refused(run("--root", minimal, "check")) == [f"{file}:{_at(text, char)}: {_expected(char)}"]


@pytest.mark.parametrize(
    ("escape", "name"),
    [
        ("\\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\\0", "U+0000 NULL"),
        ("\\e", "U+001B ESCAPE"),
        ("\\x9b", "U+009B CONTROL CHARACTER"),
        ("\\L", "U+2028 LINE SEPARATOR"),
        ("\\N", "U+0085 NEXT LINE"),
        ("\\r", "U+000D CARRIAGE RETURN"),
        ("\\ud800", "U+D800 SURROGATE HALF"),
    ],
)
def test_an_invisible_character_written_as_an_escape_is_refused_at_its_value(minimal: Path, run, escape: str, name: str):
    _edit(minimal, STRATEGY, "title: Example Strategy 2026-2029", f'title: "Example {escape}Strategy"')
    message = _expected_value(name)
    assert _refused(run("--root", minimal, "check")) == [f"{STRATEGY}:1:8: title: {message}"]


def _expected_value(name: str) -> str:
    char = chr(int(name.split()[0][2:], 16))
    sentence = _expected(char) if char in {**CONTROLS, **LINE_SEPARATORS, **BIDI_CONTROLS, **ZERO_WIDTH} else INVISIBLE.format(name=name)
    return sentence.replace("This line holds", "holds")


def test_an_invisible_character_in_a_key_written_as_an_escape_is_refused(minimal: Path, run):
    _edit(minimal, STRATEGY, "short_title:", '"short_title\\u200b":')
    assert _refused(run("--root", minimal, "check")) == [
        f"{STRATEGY}:2:1: {INVISIBLE.format(name='U+200B ZERO WIDTH SPACE').replace('This line holds', 'holds')}",
    ]


# --- Values that try to start a log command -----------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [
        ("date: 2026-03-24", 'date: "x\\n::add-mask::secret"', "'x\\n::add-mask::secret' is not a date."),
        ("status: on track", 'status: "done\\n::warning::x"', "'done\\n::warning::x' is not a status."),
        ("short_title:", '"short\\n::error::x":', "'short\\n::error::x' is not a field here."),
    ],
    ids=["date", "choice", "key"],
)
def test_a_value_with_a_line_break_cannot_start_a_log_command(minimal: Path, run, before: str, after: str, shown: str):
    _edit(minimal, STRATEGY, before, after)
    result = run("--root", minimal, "check")
    assert result.code == 1
    lines = (result.out + result.err).splitlines()
    assert not [line for line in lines if line.startswith("::")]
    assert any(shown in line for line in result.problems), result.problems


def test_a_file_name_with_a_line_break_cannot_start_a_log_command(minimal: Path, run):
    (minimal / "content/example/x\n::add-mask::secret.yml").write_text("values: [Be fair]\n")
    result = run("--root", minimal, "check")
    assert result.code == 1
    assert not [line for line in (result.out + result.err).splitlines() if line.startswith("::")]
    assert result.problems == [
        "content/example/x\\n::add-mask::secret.yml:1:1: This file is not in a place the site reads. "
        "Strategies live in content/<organisation>/<strategy>/, progress reports in content/<organisation>/progress/."
    ]


# --- Links, pipes, folders in the wrong place and huge files ---------------------------------------

LINK = (
    "This is a symbolic link. Content must be ordinary files and folders in the repository: "
    "put the file itself here instead of a link to it."
)
NOT_A_FILE = "This is not an ordinary file (it is a device, a named pipe or a socket). Delete it: content is ordinary files."


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the project, standing for /etc/passwd or a CI secret."""
    path = tmp_path / "secret.yml"
    path.write_text("values: [PLANTED-SECRET-7f3a]\nsummary: PLANTED-SECRET-7f3a\n")
    return path


@pytest.mark.parametrize(
    "link",
    ["content/example/plan/extra.yml", "content/example/progress.yml", "content/example/other", "content/other"],
    ids=["strategy-part", "organisation-level", "strategy-folder", "organisation-folder"],
)
def test_a_link_leaving_the_project_is_refused_and_never_read(minimal: Path, run, secret: Path, link: str):
    target = secret if link.endswith(".yml") else secret.parent
    (minimal / link).symlink_to(target)
    result = run("--root", minimal, "check")
    assert _refused(result) == [f"{link}:1:1: {LINK}"]
    assert "PLANTED-SECRET" not in result.out + result.err


@pytest.mark.parametrize("name", ["site.yml", "organisations.yml", "glossary.yml"])
def test_a_site_file_that_is_a_link_is_refused(minimal: Path, run, secret: Path, name: str):
    path = minimal / "content" / name
    path.rename(secret.parent / f"real-{name}")
    path.symlink_to(secret.parent / f"real-{name}")
    assert _refused(run("--root", minimal, "check")) == [f"content/{name}:1:1: {LINK}"]


def test_a_link_inside_the_project_is_refused_too(minimal: Path, run):
    (minimal / "content/example/plan/again.yml").symlink_to(minimal / "content/glossary.yml")
    assert _refused(run("--root", minimal, "check")) == [f"content/example/plan/again.yml:1:1: {LINK}"]


def test_a_content_folder_that_is_a_link_is_refused(minimal: Path, run, tmp_path: Path):
    (minimal / "content").rename(tmp_path / "elsewhere")
    (minimal / "content").symlink_to(tmp_path / "elsewhere")
    assert _refused(run("--root", minimal, "check")) == [f"content/:1:1: {LINK}"]


def test_a_content_folder_that_is_a_file_is_reported_not_crashed_on(minimal: Path, run):
    shutil.rmtree(minimal / "content")
    (minimal / "content").write_text("title: not a folder\n", encoding="utf-8")
    checked = run("--root", minimal, "check")
    assert checked.code == 1
    assert checked.err == (
        "content:1:1: This is a file, but the site reads its content from a folder of this name. Put the content's files "
        "in a folder here, or set content_dir in mkdocs.yml to the folder that holds them.\n"
        "Found 1 problem in 1 file. Fix it and run the command again.\n"
    )


@pytest.mark.parametrize(
    "where", ["content/example/plan/pipe.yml", "content/example/progress/pipe.yml", "content/pipe.yml", "content/site.yml"]
)
def test_a_named_pipe_is_refused_without_being_opened(minimal: Path, where: str):
    (minimal / "content/example/progress").mkdir(exist_ok=True)
    if (minimal / where).exists():
        (minimal / where).unlink()
    os.mkfifo(minimal / where)
    # Opening a named pipe for reading waits for a writer that never comes: a hang fails here.
    done = subprocess.run(
        [sys.executable, str(REPO / "site_build.py"), "--root", str(minimal), "check"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert f"{where}:1:1: {NOT_A_FILE}" in done.stderr.splitlines()
    assert "Traceback" not in done.stderr


def test_a_socket_is_refused(tmp_path: Path, run):
    root = tmp_path / "s"  # a socket's path must be short
    (root / "content").mkdir(parents=True)
    for part in ("site.yml", "organisations.yml", "glossary.yml"):
        (root / "content" / part).write_text((REPO / "tests/fixtures/minimal/content" / part).read_text())
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(root / "content/sock.yml"))
        assert _refused(run("--root", root, "check")) == [f"content/sock.yml:1:1: {NOT_A_FILE}"]


@pytest.mark.parametrize(
    "folder",
    ["content/x.yml", "content/example/x.yml", "content/example/plan/x.yml", "content/example/progress/x.yml", "content/example/x.yaml"],
)
def test_a_folder_named_like_a_content_file_is_reported(minimal: Path, run, folder: str):
    (minimal / folder).mkdir(parents=True)
    (minimal / folder / "inside.yml").write_text("title: Hidden\n")
    assert _refused(run("--root", minimal, "check")) == [
        f"{folder}/:1:1: This is a folder, but its name ends in '.yml' like a content file. Rename the folder, or move the file out of it."
    ]


def test_a_folder_inside_a_strategy_is_reported_not_ignored(minimal: Path, run):
    (minimal / "content/example/plan/annex").mkdir()
    (minimal / "content/example/plan/annex/tables.yml").write_text("tables: []\n")
    assert _refused(run("--root", minimal, "check")) == [
        "content/example/plan/annex/:1:1: This folder is inside a strategy's folder, where the site reads only files. "
        "Move its files into the strategy's folder, or move the folder out of content/."
    ]


def test_a_folder_inside_a_progress_folder_is_reported_not_ignored(minimal: Path, run):
    (minimal / "content/example/progress/2026").mkdir(parents=True)
    assert _refused(run("--root", minimal, "check")) == [
        "content/example/progress/2026/:1:1: This folder is inside a progress folder, where the site reads only files. "
        "Move its files into the progress folder itself."
    ]


@pytest.mark.parametrize("where", ["content/example/plan/huge.yml", "content/glossary.yml"])
def test_a_two_gigabyte_file_is_refused_before_any_of_it_is_read(minimal: Path, run, where: str):
    # Sparse: two gigabytes on paper, no disk used.
    with (minimal / where).open("wb") as handle:
        handle.truncate(2**31)
    tracemalloc.start()
    try:
        result = run("--root", minimal, "check")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert _refused(result) == [
        f"{where}:1:1: This file is 2,147,483,648 bytes, more than the limit of 1,000,000 bytes. "
        "Split the strategy into several files in its folder."
    ]
    assert peak < 50_000_000, f"{peak:,} bytes were held while checking"


# --- Names the site uses for its own pages -----------------------------------------------------

RESERVED = "'{name}' is the name of one of the site's own pages or folders, so it cannot be used as {what}. Choose another name."
ROOT_NAMES = [
    *("index", "status", "glossary", "accessibility", "officers-guide", "whats-new", "search"),
    *("assets", "pagefind", "sitemap", "404"),
]


@pytest.mark.parametrize("name", ROOT_NAMES)
def test_an_organisation_cannot_take_the_name_of_a_site_page(minimal: Path, run, name: str):
    _append(minimal, ORGANISATIONS, f"  - id: '{name}'\n    name: Another Council\n")
    assert _refused(run("--root", minimal, "check")) == [
        f"{ORGANISATIONS}:4:9: organisations[1].id: {RESERVED.format(name=name, what='an organisation id')}"
    ]


def test_a_strategy_folder_cannot_take_the_name_of_an_organisations_page(minimal: Path, run):
    (minimal / "content/example/plan").rename(minimal / "content/example/index")
    assert _refused(run("--root", minimal, "check")) == [
        f"content/example/index/:1:1: {RESERVED.format(name='index', what='a strategy' + chr(39) + 's folder name')}"
    ]


PROGRESS_REPORT = """title: Position statement
date: 2026-07-01
meeting: Scrutiny Commission
author: Director of Children and Family Services
updates:
  - heading: Attendance
    body: Attendance is improving.
"""


@pytest.mark.parametrize("name", ["Report #1?", "report 1", "Report", "a.b", "-report", "report--1", "r%2e%2e", "%0a"])
def test_a_progress_report_file_name_must_be_a_web_address(minimal: Path, run, name: str):
    (minimal / "content/example/progress").mkdir()
    (minimal / f"content/example/progress/{name}.yml").write_text(PROGRESS_REPORT)
    result = run("--root", minimal, "check")
    assert result.code == 1
    assert result.err.splitlines() == [
        f"content/example/progress/{name}.yml:1:1: The file name '{name}' cannot be used in a web address. Rename the file using "
        "lower-case letters, digits and hyphens, for example 2026-07-01-children-and-families.yml.",
        "Found 1 problem in 1 file. Fix it and run the command again.",
    ]


def test_a_progress_report_cannot_be_called_index(minimal: Path, run):
    (minimal / "content/example/progress").mkdir()
    (minimal / "content/example/progress/index.yml").write_text(PROGRESS_REPORT)
    assert _refused(run("--root", minimal, "check")) == [
        f"content/example/progress/index.yml:1:1: {RESERVED.format(name='index', what='a progress report' + chr(39) + 's file name')}"
    ]


def test_a_progress_report_with_a_web_address_name_is_published(minimal: Path, run):
    (minimal / "content/example/progress").mkdir()
    (minimal / "content/example/progress/2026-07-01-position.yml").write_text(PROGRESS_REPORT)
    assert run("--root", minimal, "check").code == 0


def test_every_page_the_site_makes_at_its_root_has_a_reserved_name():
    library = load_library(REPO)
    pages = StandardEdition(library, jinja2.Environment(), dt.date(2026, 5, 1)).pages()
    organisations = {o.id for o in library.organisations}
    top = {spec.uri.split("/")[0].removesuffix(".md") for spec in pages}
    assert top - organisations <= SITE_NAMES
    assert top - organisations == {"index", "status", "whats-new", "glossary", "accessibility", "officers-guide", "search"}
    # What MkDocs, the theme and pagefind write at the root beside the pages.
    assert {"assets", "search", "sitemap", "404", "pagefind"} <= SITE_NAMES
    assert sorted(SITE_NAMES) == sorted(ROOT_NAMES)


# --- `new` writes only inside content/ ------------------------------------------------------------


def _everything(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.parent.rglob("*")}


@pytest.mark.parametrize(
    ("argv", "first_words"),
    [
        (["../plugins"], "'../plugins' is not an organisation's folder name."),
        (["../plugins", "x"], "'../plugins' is not an organisation's folder name."),
        ([".."], "'..' is not an organisation's folder name."),
        (["example/.."], "'example/..' is not an organisation's folder name."),
        (["/tmp"], "'/tmp' is not an organisation's folder name."),
        (["Example"], "'Example' is not an organisation's folder name."),
        (["example", "../../outside"], "'../../outside' cannot be used as a folder name"),
        (["example", "/tmp/outside"], "'/tmp/outside' cannot be used as a folder name"),
        (["example", ".."], "'..' cannot be used as a folder name"),
        (["example", "progress"], "'progress' cannot be used as a folder name"),
        (["example", "index"], "'index' cannot be used as a folder name"),
        (["example", "--title", "x\n::add-mask::y"], "The title must be one line of text"),
    ],
)
def test_new_writes_nothing_outside_content(minimal: Path, run, argv: list[str], first_words: str):
    before = _everything(minimal)
    result = run("--root", minimal, "new", *argv)
    assert result.code == 1
    assert result.err.startswith(first_words), result.err
    assert "Traceback" not in result.err
    assert _everything(minimal) == before


def test_new_refuses_an_organisation_folder_that_is_a_link(minimal: Path, run, tmp_path: Path):
    (tmp_path / "outside").mkdir()
    (minimal / "content/linked").symlink_to(tmp_path / "outside")
    result = run("--root", minimal, "new", "linked", "plan-two")
    assert result.code == 1
    assert result.err.startswith("content/linked/ does not exist.")
    assert list((tmp_path / "outside").iterdir()) == []
