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

from pathlib import Path

import pytest

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


def test_a_figure_of_fifteen_digits_is_a_figure(minimal: Path, run):
    _append(minimal, STRATEGY, TABLE.format(value="-123456789012.345") + MEASURES.format(value="123456789012345"))
    assert run("--root", minimal, "check").code == 0


def test_a_quoted_figure_of_thousands_of_digits_is_quoted_cut_short(minimal: Path, run):
    text = _append(minimal, STRATEGY, MEASURES.format(value=QUOTED_BIG))
    assert _refused(run("--root", minimal, "check")) == [
        f"{STRATEGY}:{_at(text, QUOTED_BIG)}: "
        f"measures.indicators[0].baseline.value: should be a number such as 95, without a unit or % sign, but is '{'9' * 80}…'."
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
        (STRATEGY, "date: 2026-03-24", "date: 10000-01-01", "stages[0].date", NOT_A_DATE.format(value="10000-01-01")),
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
        f"{STRATEGY}:27:12: A quoted text is not closed. Add the closing quote.",
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
