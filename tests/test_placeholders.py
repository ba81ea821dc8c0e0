"""An example is never published: `new` marks every example value !example, and check refuses each one left.

What the officer meets: `new`, then `check`, lists every example at its line and column, with what
to do; `build` publishes nothing while one is left; a value replaced but still marked is reported
too, at its own line; with every mark gone the strategy passes. The mark is the only tag the reader
takes, only on a value, and wherever it is found it is refused the same way.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .conftest import MINIMAL, REPO

NEW = "content/example/send-reform-partnership-plan/strategy.yml"
LEFT = "is marked !example. Replace the example with the real one, then delete '!example' (if it is real already, just delete '!example')."
PART_LEFT = (
    "is marked !example, with everything in it. Replace each example in it with the real one, "
    "then delete '!example' (if all are real already, just delete '!example')."
)
ON_KEY = "'!example' is written before this key, where it cannot go: it marks a value, after the colon. Delete it here."
FOUND = re.compile(r"^(?P<file>\S+):(?P<line>\d+):(?P<column>\d+): (?P<path>\S+): (?P<message>.*)$")

# Every value `new` writes, in the order of the file, except the title and short title the officer
# gave, the number of the first priority and the id of the first year (the names the comments
# explain), and the empty list of related strategies: each is the scaffold's invention.
EXAMPLES = """
document_type summary period.start_year period.end_year period.years[0].name period.years[0].start period.years[0].end
status stages[0].stage stages[0].date stages[0].note scope ages purpose vision principles[0] values[0]
sections[0].heading sections[0].body
priorities[0].id priorities[0].title priorities[0].short_name priorities[0].ambition priorities[0].commitment
priorities[0].description priorities[0].themes[0].id priorities[0].themes[0].name
priorities[0].actions.year_one[0].text priorities[0].actions.year_one[0].theme priorities[0].actions.year_one[0].owner
priorities[0].actions.year_one[0].due priorities[0].actions.year_one[0].status
measures.summary measures.outcomes[0] measures.indicators[0].id measures.indicators[0].name measures.indicators[0].unit
measures.indicators[0].baseline.value measures.indicators[0].baseline.date measures.indicators[0].target.value
measures.indicators[0].target.comparison measures.indicators[0].target.date measures.indicators[0].source
measures.indicators[0].priority measures.notes
governance.owner governance.accountable_to[0] governance.description governance.boards[0].id governance.boards[0].name
governance.boards[0].role governance.boards[0].members[0]
consultation.opens consultation.closes consultation.length consultation.how_to_respond consultation.formats
timeline[0].date timeline[0].kind timeline[0].body timeline[0].what timeline[0].status
tables[0].id tables[0].caption tables[0].columns[0].heading tables[0].columns[0].unit tables[0].rows[0].heading
tables[0].rows[0].cells[0] tables[0].notes[0]
glossary[0] related_documents[0].title related_documents[0].relationship
background_papers[0].title background_papers[0].meeting background_papers[0].date
contacts[0].name contacts[0].role contacts[0].phone contacts[0].email
reports[0].title reports[0].meeting reports[0].date reports[0].author reports[0].sections[0].heading reports[0].sections[0].body
changes[0].date changes[0].note
versions.this versions.date versions.others[0].kind versions.others[0].title versions.others[0].date
versions.others[0].start_year versions.others[0].end_year versions.others[0].source
easy_read.title easy_read.date
easy_read.sections[0].part easy_read.sections[0].heading easy_read.sections[0].points[0].text
easy_read.sections[0].points[0].picture easy_read.sections[0].points[0].alt
easy_read.sections[1].part easy_read.sections[1].priority easy_read.sections[1].heading easy_read.sections[1].points[0].text
easy_read.sections[1].points[0].picture easy_read.sections[1].points[0].alt
easy_read.sections[2].part easy_read.sections[2].heading easy_read.sections[2].points[0].text
easy_read.sections[2].points[0].picture easy_read.sections[2].points[0].alt easy_read.sections[2].points[0].when
easy_read.sections[3].part easy_read.sections[3].heading easy_read.sections[3].points[0].text
easy_read.sections[3].points[0].picture easy_read.sections[3].points[0].alt
easy_read.sections[3].points[1].text easy_read.sections[3].points[1].picture easy_read.sections[3].points[1].alt
easy_read.hard_words[0].word easy_read.hard_words[0].means
""".split()


def _new(root: Path, run) -> Path:
    result = run("--root", root, "new", "example", "--title", "SEND Reform Partnership Plan")
    assert (result.code, result.err) == (0, "")
    return root / NEW


def _buildable(root: Path) -> None:
    """The minimal project with the site's own settings, pages and templates, so that it can be built."""
    for name in ("mkdocs.yml", "docs", "templates"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)


def _found(err: str) -> list[dict[str, str]]:
    """Each problem check printed, in order, as its parts; the last line is the count."""
    *lines, count = err.splitlines()
    assert re.fullmatch(r"Found \d+ problems? in \d+ files?\. Fix (?:it|them) and run the command again\.", count), count
    found = [FOUND.match(line) for line in lines]
    assert all(found), lines
    return [m.groupdict() for m in found if m]


def _edited(text: str, edits: list[tuple[str, str]]) -> str:
    """The text with each edit made wherever its old words are (an id, everywhere it is used)."""
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return text


# The officer's own words for some of each kind of example: text, Markdown, a date, a month, a year,
# a figure, a choice from a list, an id and its uses, an email address, a telephone number, a cell,
# a list's item and the Easy Read edition's points (the glossary's SEND is kept: it is the one term of
# the test's glossary). The marks are left as they were.
REPLACED = [
    (
        "summary: !example Replace this with one sentence saying what the strategy is for.",
        "summary: !example How partners in the area will reform support for disabled children.",
    ),
    ("scope: !example Children and young people in the area (Markdown).", "scope: !example Children and young people with SEND."),
    ("!example draft", "!example out for consultation"),
    ("note: !example What happened at this stage, in the source's words (Markdown).", "note: !example Agreed by the board."),
    ("ages: !example 0-25", "ages: !example 0-19"),
    ("  - !example Be fair", "  - !example Be open"),
    ("first-priority", "early-support"),
    ("a-theme", "early-years"),
    ("a-board", "partnership-board"),
    ("an-indicator", "ehcp-timeliness"),
    ("value: !example 80", "value: !example 52"),
    ("value: !example 95", "value: !example 75"),
    ("comparison: !example over", "comparison: !example at least"),
    ("length: !example six-week", "length: !example eight-week"),
    ("phone: !example 0116 000 0000", "phone: !example 0116 305 0000"),
    ("email: !example officer@example.gov.uk", "email: !example send.reform@example.gov.uk"),
    ('    - text: !example "Phone: 0116 000 0000"', '    - text: !example "Phone: 0116 305 0000"'),
    ('    - text: !example "Email: officer@example.gov.uk"', '    - text: !example "Email: send.reform@example.gov.uk"'),
    ("cells: [!example 1000]", "cells: [!example 2150]"),
    ("- text: !example We will help children learn.", "- text: !example We will help children get help early."),
    ("word: !example plan", "word: !example partners"),
    ("means: !example A plan says what we will do.", "means: !example Partners are people who work together."),
]


def _consultation_opens(text: str) -> tuple[str, int]:
    """The line that marks when the consultation opens, and its number: the one mark the officer forgot."""
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  opens: !example "))
    return lines[at], at + 1


def test_new_then_check_lists_every_example_at_its_line_and_column(minimal: Path, run):
    path = _new(minimal, run)
    result = run("--root", minimal, "check")
    assert (result.code, result.out) == (1, "")
    found = _found(result.err)
    assert result.err.splitlines()[-1] == f"Found {len(EXAMPLES)} problems in 1 file. Fix them and run the command again."
    assert [f["path"] for f in found] == EXAMPLES
    assert {(f["file"], f["message"]) for f in found} == {(NEW, LEFT)}
    # Each at its own '!example', on the line of the field it names.
    lines = path.read_text(encoding="utf-8").splitlines()
    for f in found:
        line = lines[int(f["line"]) - 1]
        name = re.sub(r"\[\d+\]$", "", f["path"]).rsplit(".", 1)[-1]
        assert line[int(f["column"]) - 1 :].startswith("!example "), f
        assert line.lstrip(" -").startswith(f"{name}: ") or re.fullmatch(r"\s*- !example .*", line), f
    # The first two, whole, as the officer reads them.
    assert result.problems[:2] == [
        f"{NEW}:18:16: document_type: {LEFT}",
        f"{NEW}:21:10: summary: {LEFT}",
    ]


def test_new_then_build_publishes_nothing(minimal: Path, run, tmp_path: Path):
    _buildable(minimal)
    _new(minimal, run)
    site = tmp_path / "out"
    result = run("--root", minimal, "build", "--no-pdf", "--site-dir", site, "--as-of", "2026-11-22")
    assert result.code == 1
    assert result.problems == [line for line in run("--root", minimal, "check").err.splitlines() if line.startswith(NEW)]
    assert len(result.problems) == len(EXAMPLES)
    assert not site.exists()


def test_a_replaced_value_still_marked_is_the_one_message_at_its_line(minimal: Path, run):
    path = _new(minimal, run)
    text = _edited(path.read_text(encoding="utf-8"), REPLACED)
    opens, number = _consultation_opens(text)
    edited_opens = opens.replace("-05-01", "-05-04")
    text = text.replace(opens, edited_opens)
    # Every mark but that one deleted, as an officer working down the file and missing one would.
    text = text.replace("!example ", "").replace(edited_opens.replace("!example ", ""), edited_opens)
    path.write_text(text, encoding="utf-8")
    result = run("--root", minimal, "check")
    assert result.code == 1
    assert result.err == (f"{NEW}:{number}:10: consultation.opens: {LEFT}\nFound 1 problem in 1 file. Fix it and run the command again.\n")

    path.write_text(text.replace(edited_opens, edited_opens.replace("!example ", "")), encoding="utf-8")
    result = run("--root", minimal, "check")
    assert (result.code, result.err) == (0, "")


def test_with_every_example_replaced_and_no_mark_left_the_strategy_is_published(minimal: Path, run, tmp_path: Path):
    _buildable(minimal)
    path = _new(minimal, run)
    path.write_text(_edited(path.read_text(encoding="utf-8"), REPLACED).replace("!example ", ""), encoding="utf-8")
    result = run("--root", minimal, "check")
    assert (result.code, result.err) == (0, ""), result.err
    site = tmp_path / "out"
    result = run("--root", minimal, "build", "--no-pdf", "--site-dir", site, "--as-of", "2026-11-22")
    assert (result.code, result.err) == (0, "")
    first_page = (site / "example/send-reform-partnership-plan/index.html").read_text(encoding="utf-8")
    assert "How partners in the area will reform support for disabled children." in first_page
    assert "Replace this with one sentence" not in first_page


# --- Marks anywhere, and marks where they cannot go ------------------------------------------------

STRATEGY = "content/example/plan/strategy.yml"
SHORT = "short_title: Example 2026-29"


def _check_with(root: Path, run, file: str, old: str, new: str) -> list[str]:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    result = run("--root", root, "check")
    assert result.code == 1
    return result.problems


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        # A council's own files are read the same way as the scaffold.
        ("content/site.yml", "owner: example", "owner: !example example", [f"content/site.yml:3:8: owner: {LEFT}"]),
        (
            "content/glossary.yml",
            "  - term: SEND\n",
            "  - term: !example SEND\n",
            [f"content/glossary.yml:{{line}}:11: terms[0].term: {LEFT}"],
        ),
        (
            "content/organisations.yml",
            "id: example",
            "id: !example example",
            [f"content/organisations.yml:{{line}}:9: organisations[0].id: {LEFT}"],
        ),
        # A quoted value, an empty one and one written as a verbatim tag are all marks.
        (STRATEGY, SHORT, 'short_title: !example "Example: 2026-29"', [f"{STRATEGY}:{{line}}:14: short_title: {LEFT}"]),
        (STRATEGY, SHORT, "short_title: !<!example> Example 2026-29", [f"{STRATEGY}:{{line}}:14: short_title: {LEFT}"]),
        (
            STRATEGY,
            "summary: An example strategy for tests.",
            "summary: !example",
            [
                f"{STRATEGY}:{{line}}:10: summary: {LEFT}",
                f"{STRATEGY}:{{line}}:10: summary: should be text, but is empty. Put it in quotes if it is meant as text.",
            ],
        ),
        # A whole section marked, or the whole file: one message, at the mark.
        (STRATEGY, "period:\n", "period: !example\n", [f"{STRATEGY}:{{line}}:9: period: {PART_LEFT}"]),
        (STRATEGY, "title: Example Strategy", "--- !example\ntitle: Example Strategy", [f"{STRATEGY}:1:5: {PART_LEFT}"]),
        # A marked value is still checked as a value: what is wrong with it is reported as well.
        (
            STRATEGY,
            SHORT,
            "short_title: !example <b>Example</b>",
            [
                f"{STRATEGY}:{{line}}:14: short_title: contains HTML ('<b>'). HTML is not allowed in content: write plain text, "
                "and use Markdown for bold (**bold**), links ([text](https://...)) and lists.",
                f"{STRATEGY}:{{line}}:14: short_title: {LEFT}",
            ],
        ),
        (
            STRATEGY,
            "    date: 2026-03-24",
            "    date: !example 2026-02-30",
            [
                f"{STRATEGY}:{{line}}:11: stages[0].date: '2026-02-30' is not a real date. "
                "Write dates as YYYY-MM-DD, for example 2026-04-20.",
                f"{STRATEGY}:{{line}}:11: stages[0].date: {LEFT}",
            ],
        ),
        # On a key it marks nothing: refused, so that no one thinks a field's name was checked.
        (STRATEGY, SHORT, "!example short_title: Example 2026-29", [f"{STRATEGY}:{{line}}:1: short_title: {ON_KEY}"]),
        # Any other tag is refused as before, however close to the mark.
        *(
            (
                STRATEGY,
                SHORT,
                f"short_title: {tag} Example 2026-29",
                [
                    f"{STRATEGY}:{{line}}:14: Tags such as '{shown}' are not allowed in content. "
                    "Remove the tag and write the value as plain text."
                ],
            )
            for tag, shown in [
                ("!examples", "!examples"),
                ("!Example", "!Example"),
                ("!!example", "!!example"),
                ("!!str", "!!str"),
                ("!<tag:example.com,2026:example>", "tag:example.com,2026:example"),
            ]
        ),
    ],
)
def test_marks_anywhere_are_reported_the_same_way_and_other_tags_still_refused(
    minimal: Path, run, file: str, old: str, new: str, expected: list[str]
):
    line = next(i for i, text in enumerate((MINIMAL / file).read_text(encoding="utf-8").split("\n"), 1) if old.split("\n")[0] in text)
    assert _check_with(minimal, run, file, old, new) == [e.format(line=line) for e in expected]


def test_a_mark_in_another_part_of_a_strategy_is_reported_in_that_file(minimal: Path, run):
    (minimal / "content/example/plan/measures.yml").write_text("measures:\n  outcomes:\n    - !example I feel safe\n", encoding="utf-8")
    result = run("--root", minimal, "check")
    assert result.code == 1
    assert result.problems == [f"content/example/plan/measures.yml:3:7: measures.outcomes[0]: {LEFT}"]


def test_a_mark_in_a_picture_set_is_reported_the_same_way(minimal: Path, run):
    about = minimal / "pictures/fluent-emoji-flat/set.yml"
    text = about.read_text(encoding="utf-8")
    line = next(i for i, text in enumerate(text.split("\n"), 1) if text.startswith("name: "))
    about.write_text(text.replace("name: ", "name: !example ", 1), encoding="utf-8")
    result = run("--root", minimal, "check")
    assert result.code == 1
    assert result.problems == [f"pictures/fluent-emoji-flat/set.yml:{line}:7: name: {LEFT}"]
