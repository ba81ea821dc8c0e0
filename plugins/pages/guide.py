"""The officer's guide: the common mistakes in content, each with the message `check` really gives.

Each mistake is made in a small strategy and run through the same parser and model as the real
content, so the guide's messages are always the ones an officer will see, word for word.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple, get_args

from slugify import slugify

from easyread import rules
from plugins.content import ContentError, Problem
from plugins.content.library import Source
from plugins.content.loader import validate
from plugins.content.model import ACTION_STATUSES, Comparison, Strategy
from plugins.content.scaffold import scaffold
from plugins.content.yamlsource import ExamplesLeft, parse_text

# Where the example strategy would be, inside the project's content folder.
EXAMPLE_FILE = "leicestershire/example-strategy/strategy.yml"

EXAMPLE = """\
title: Example Strategy 2026-2029
short_title: Example 2026-29
summary: What the strategy is for, in one sentence.
period:
  start_year: 2026
  end_year: 2029
status: approved
stages:
  - stage: approved
    date: 2026-03-24
priorities:
  - number: 1
    id: belonging
    title: Every child belongs
    actions:
      year_one:
        - text: We will review attendance support
          status: on track
"""


@dataclass(frozen=True)
class Mistake:
    heading: str
    wrong: str
    right: str
    fix: str

    def problems(self, content_dir: str) -> list[Problem]:
        """What check says about this mistake, from the real parser and content model."""
        assert self.right in EXAMPLE, self.right
        text = EXAMPLE.replace(self.right, self.wrong, 1)
        try:
            document = parse_text(text, f"{content_dir}/{EXAMPLE_FILE}")
        except ContentError as error:
            return error.problems
        _, problems = validate(document.data, Strategy, Source(document))
        return sorted(problems)


NOT_ON_THE_LIST = Mistake(
    "A choice that is not on the list",
    "          status: ongoing",
    "          status: on track",
    "Use one of the choices the message lists, spelt as it is there.",
)

MISTAKES = [
    Mistake(
        "A field name spelt wrongly",
        "titel: Example Strategy 2026-2029",
        "title: Example Strategy 2026-2029",
        "Correct the name. The message suggests the nearest field and lists the fields allowed there.",
    ),
    Mistake(
        "A required field left out",
        "",
        "summary: What the strategy is for, in one sentence.\n",
        "Add the field. The message says what it is for.",
    ),
    NOT_ON_THE_LIST,
    Mistake(
        "A date written the wrong way",
        "    date: 24/03/2026",
        "    date: 2026-03-24",
        "Write dates as year-month-day: 2026-03-24. For a month only, write 2026-03.",
    ),
    Mistake(
        "A field given twice",
        "status: approved\nstatus: draft",
        "status: approved",
        "Keep one of them. The message gives the line of the first.",
    ),
    Mistake(
        "A line indented by the wrong number of spaces",
        "     title: Every child belongs",
        "    title: Every child belongs",
        "Line the field up with the fields around it, using spaces (never tabs).",
    ),
    Mistake(
        "HTML in a title",
        "    title: Every child <b>belongs</b>",
        "    title: Every child belongs",
        "Take the HTML out. Titles are plain text; longer text can use Markdown, such as **bold**.",
    ),
    Mistake(
        "An update that does not say where it comes from",
        "          status: on track\n          updates:\n            - date: 2026-05\n              what: The review started.",
        "          status: on track",
        "Add source: with the document that says so, such as the report, its date and its paragraph. "
        "The site shows every update with its source.",
    ),
    Mistake(
        "A colon followed by a space inside a text",
        "        - text: We will review support: attendance first",
        "        - text: We will review attendance support",
        'Put the whole text in double quotes: "We will review support: attendance first".',
    ),
]


# The mistake whose message the guide takes apart, part by part: a mistake deep in the file, so the
# message's path has several field names and a list position in it.
EXPLAINED = NOT_ON_THE_LIST


class CheckedMistake(NamedTuple):
    """A common mistake, and the messages check gives for it."""

    mistake: Mistake
    messages: list[Problem]


class MessagePart(NamedTuple):
    part: str
    meaning: str


def common_mistakes(content_dir: str) -> list[CheckedMistake]:
    return [CheckedMistake(m, m.problems(content_dir)) for m in MISTAKES]


def easy_read_examples() -> list[tuple[str, str]]:
    """Findings of the Easy Read check, in the checker's own words."""
    examples = [
        rules.sentence_too_long(18, 15, "We will work with every school in the county to help each child feel welcome and safe there."),
        rules.percentage("25%", 25),
        rules.initials_unexplained("EHCP"),
        rules.symbol("&", "and"),
        rules.phone_not_grouped("0116 3057429", "0116 305 7429"),
    ]
    return [(message, suggestion) for message, suggestion in examples]


def problem_parts(problem: Problem) -> list[MessagePart]:
    """The parts of one message, each with what it tells the officer."""
    return [
        MessagePart(problem.file, "the file to open"),
        MessagePart(f"{problem.line}:{problem.column}", "the line, and the column (the number of characters from the left)"),
        MessagePart(problem.path, "where in the file, as the path of field names down to the mistake"),
        MessagePart(problem.message, "what is wrong, and how to fix it"),
    ]


# The strategy the guide starts with `new`: the one the README's "Adding a strategy" starts.
NEW_ORGANISATION = "leicestershire"
NEW_TITLE = "SEND and Inclusion Strategy 2027-2030"


class NewStrategyGuide(NamedTuple):
    """How the guide shows `new`: the command, the folder it makes, and what the file it writes holds."""

    organisation: str
    command: str
    folder: str
    sections: list[str]
    required: list[str]


def new_strategy_guide(content_dir: str) -> NewStrategyGuide:
    """`new` as the guide shows it, read from what `new` really does: the folder is named from the title
    as `new` names it, the sections are those of the file it writes, in that file's order, and the
    required ones are those the content model requires."""
    # Any day will do: only the names of the file's sections are read, and the site's pages stay the same
    # whichever day they are built.
    try:
        parse_text(scaffold(NEW_TITLE, dt.date(2026, 1, 1)), f"{content_dir}/{NEW_ORGANISATION}/new/strategy.yml")
    except ExamplesLeft as refused:
        # The file `new` writes is refused until its examples are replaced; what it says is still read.
        written = refused.document
    else:  # the scaffold always marks its examples (tests/test_placeholders.py)
        raise AssertionError("the scaffold has no example marked !example")
    return NewStrategyGuide(
        organisation=NEW_ORGANISATION,
        command=f'python site_build.py new {NEW_ORGANISATION} --title "{NEW_TITLE}"',
        folder=f"{content_dir}/{NEW_ORGANISATION}/{slugify(NEW_TITLE)}/",
        sections=list(written.data),
        required=[name for name, field in Strategy.model_fields.items() if field.is_required()],
    )


def listed(choices: tuple[str, ...]) -> str:
    """Choices as a sentence lists them, each as it is written: `not started`, `on track` or `done`."""
    *others, last = [f"`{choice}`" for choice in choices]
    return f"{', '.join(others)} or {last}" if others else last


def officers_guide(content_dir: str) -> dict[str, Any]:
    """What the officer's guide shows: where the content is, how to start a strategy, the common
    mistakes with their messages, one message taken apart, and findings of the Easy Read check. The
    template also links to each Easy Read edition's review page, from the library it is given."""
    mistakes = common_mistakes(content_dir)
    example = next(checked.messages[0] for checked in mistakes if checked.mistake is EXPLAINED)
    return {
        "content_dir": content_dir,
        "new": new_strategy_guide(content_dir),
        "mistakes": mistakes,
        "example": example,
        "parts": problem_parts(example),
        "easy_read": easy_read_examples(),
        # The choices as the content model gives them, so the guide lists the ones check accepts.
        "statuses": listed(ACTION_STATUSES),
        "comparisons": listed(get_args(Comparison)),
    }
