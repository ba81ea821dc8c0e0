"""Rule 18, facts from the plan: every date, year, time, number, sum of money, share, phone number,
email and web address an Easy Read edition states is one its strategy's own content gives.

Each test writes a small strategy and a one-point edition beside it, so every finding about the point
is at line 8, column 17 of easy-read.yml, and checks it as `check` and `easyread` do.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from easyread import checker
from easyread.checker import check_editions
from easyread.facts import FactIndex, facts_in
from easyread.rules import Style, Thresholds
from plugins.content import load_library
from plugins.content.library import Library

PRIORITY = """  - number: {number}
    id: priority-{number}
    title: Priority {number}
    actions:
      year_one:
{actions}"""
ACTION = "        - text: We will act\n"
STRATEGY = """title: Example Strategy
short_title: Example
summary: An example strategy for tests.
period:
  start_year: 2026
  end_year: 2029
  years:
    - id: year_one
      name: The first year
      start: 2026-04-01
      end: 2027-03-31
status: draft
stages:
  - stage: draft
    date: 2026-03-24
priorities:
{priorities}
governance:
  boards:
{boards}
glossary:
  - SEND
{content}"""
EDITION = """easy_read:
  title: Our plan
  date: 2026-11
  sections:
    - part: about
      heading: {heading}
      points:
        - text: {text}
          picture: open-book
          alt: An open book.
  hard_words: {hard_words}
"""
WHERE = "content/example/plan/easy-read.yml:8:17: easy_read.sections[0].points[0].text: "
LOOKED_IN = "strategy.yml and the council's entry in organisations.yml"
SUGGESTION = "Suggestion: write only what the plan says, or add it to the strategy's content first."


def not_found(fact: str, looked_in: str = LOOKED_IN, where: str = WHERE, near: str = "") -> str:
    message = f"'{fact}' is not in this strategy's content{near} (looked in {looked_in})."
    return f"{where}rule 18 (facts from the plan, error): {message} {SUGGESTION}"


def write(
    root: Path,
    text: str,
    content: str = "",
    *,
    heading: str = "About this booklet",
    priorities: int = 1,
    actions: int = 1,
    boards: int = 1,
    hard_words: str = "[]",
) -> Library:
    """The minimal site with this strategy and edition; `content` is more of the strategy's YAML."""
    plan = root / "content/example/plan"
    priority_yaml = "".join(PRIORITY.format(number=n, actions=ACTION * actions) for n in range(1, priorities + 1))
    board_yaml = "".join(f"    - id: board-{n}\n      name: Board {n}\n" for n in range(1, boards + 1))
    strategy = STRATEGY.format(priorities=priority_yaml.rstrip("\n"), boards=board_yaml.rstrip("\n"), content=content)
    (plan / "strategy.yml").write_text(strategy, encoding="utf-8")
    edition = EDITION.format(heading=json.dumps(heading), text=json.dumps(text), hard_words=hard_words)
    (plan / "easy-read.yml").write_text(edition, encoding="utf-8")
    return load_library(root)


def findings(root: Path, text: str, content: str = "", **options: object) -> list[str]:
    """Rule 18's findings on an edition whose one point says `text`, beside a strategy that also says `content`."""
    library = write(root, text, content, **options)  # type: ignore[arg-type]
    cards = check_editions(library, Style(), Thresholds(), as_of=dt.date(2026, 12, 1))
    return [str(f) for card in cards for f in card.findings if f.rule == 18]


def said(sentence: str) -> str:
    """The strategy's content with one more section, whose text is the sentence."""
    return f"sections:\n  - heading: More\n    body: {json.dumps(sentence)}\n"


# --- Each kind of fact, refused at its line when the content lacks it and passed when it has it ------

CONTACT = "contacts:\n  - name: A Person\n    role: Officer\n"
KINDS = [
    # (what the point says, the fact as quoted, content that gives it)
    ("The council will decide on 21 July 2026.", "21 July 2026", said("The Cabinet will consider the strategy on 21 July 2026.")),
    ("The plan will be looked at again in 2031.", "2031", said("The strategy will be refreshed in 2031.")),
    ("The meeting starts at 10am.", "10am", said("The meeting starts at 10:00.")),
    ("We will open 12 new classes.", "12", said("The council will open 12 new classes.")),
    ("We will spend £3 million on schools.", "£3 million", said("The programme will cost £3m.")),
    ("1 in 4 children need extra help.", "1 in 4", said("25% of children need extra help.")),
    ("Phone: 0116 305 0000", "0116 305 0000", CONTACT + "    phone: 0116 3050000\n"),
    (
        "Email: Send@Example.gov.uk",
        "Send@Example.gov.uk",
        CONTACT + "    email: send@example.gov.uk\n",
    ),
    (
        "Go to www.example.gov.uk/send",
        "www.example.gov.uk/send",
        "related_documents:\n  - title: Help\n    link: https://example.gov.uk/send/\n",
    ),
]


@pytest.mark.parametrize(("text", "fact", "content"), KINDS, ids=[k[1] for k in KINDS])
def test_each_kind_of_fact_is_refused_at_its_line_unless_the_content_gives_it(minimal: Path, text: str, fact: str, content: str):
    near = ", nor a percentage within half a point of 25%" if fact == "1 in 4" else ""
    assert findings(minimal, text) == [not_found(fact, near=near)]
    assert findings(minimal, text, content) == []


def test_a_point_with_several_facts_is_told_each_one_the_content_lacks_once(minimal: Path):
    text = "From 24 March 2026 to 9 May 2026, 3 groups met 3 times."
    assert findings(minimal, text) == [not_found("3"), not_found("9 May 2026")]


def test_the_title_and_headings_are_checked_and_hard_words_meanings_are_not(minimal: Path):
    hard_words = '[{word: SEND, means: "SEND means a child needs extra help. 1 in 5 children have it."}]'
    found = findings(minimal, "We help children with SEND.", heading="Aim 2: Help early", hard_words=hard_words)
    assert found == [not_found("2", where="content/example/plan/easy-read.yml:6:16: easy_read.sections[0].heading: ")]


# --- Normalisation: the same fact written two ways is one fact ------------------------------------------

# (what the point says, what the strategy's content says, whether the point's fact is found)
SAME_FACT = [
    # A day, as a date field, in figures or with an ordinal in prose.
    ("Answer by 20 April 2026.", "background_papers:\n  - title: Paper\n    date: 2026-04-20\n", True),
    ("Answer by 20 April 2026.", said("Responses are due by 20/04/2026."), True),
    ("Answer by 20 April 2026.", said("Responses are due by the 20th April 2026."), True),
    ("Answer by 20/04/2026.", said("Responses are due by 20 April 2026."), True),
    ("Answer by 20 April 2026.", said("Responses are due by 21 April 2026."), False),
    # A month it may state when the content gives it, or a day in it; a day is not given by its month.
    ("We start in April 2026.", "background_papers:\n  - title: Paper\n    date: 2026-04-20\n", True),
    ("We start in April 2026.", "background_papers:\n  - title: Paper\n    date: 2026-04\n", True),
    ("We start in April 2026.", said("The work starts in April 2026."), True),
    ("We start in May 2026.", "", False),  # the content gives 2026, and days in March and April 2026
    ("We start on 20 April 2026.", said("The work starts in April 2026."), False),
    # A day and month without the year: any day the content gives on that day of the year.
    ("Answer by 24 March.", "", True),
    ("Answer by 25 March.", "", False),
    # A year: any date or text that has it, a pair of years included.
    ("The plan ends in 2031.", "background_papers:\n  - title: Paper\n    date: 2031-01-05\n", True),
    ("The plan ends in 2031.", said("The strategy covers 2030-31."), True),
    ("The plan ends in 2031.", said("The strategy covers 2030/31."), True),
    ("The plan ends in 2031.", said("The strategy covers 2030 to 2033."), False),
    # Numbers without thousands separators, and numbers written in words.
    ("We will make 1,200 places.", said("The plan makes 1200 places."), True),
    ("We will make 1200 places.", said("The plan makes 1,200 places."), True),
    ("We will make 1200 places.", said("The plan makes 1,210 places."), False),
    ("The plan has 4 big aims.", said("The strategy identifies four key priority areas."), True),
    (
        "You had 6 weeks to answer.",
        "consultation:\n  opens: 2026-04-20\n  closes: 2026-06-01\n  length: six-week\n  how_to_respond: Online.\n",
        True,
    ),
    ("We will make 25 places.", said("The plan makes twenty-five places."), True),
    ("We will make 7 places.", said("The plan makes seventeen places."), False),
    # Ages.
    ("It is for children aged 0 to 18.", "ages: 0-18\n", True),
    ("It is for young people aged 19 to 25.", "ages: 0-18\n", False),
    # Sums of money, however written; a table's figures in thousands of pounds.
    ("We will spend £87.9m.", said("The programme will cost £87.9 million."), True),
    ("We will spend £87.9m.", said("The programme will cost £87,900,000."), True),
    ("We will spend £87,900,000.", said("The programme will cost £87.9m."), True),
    ("We will spend £87.9 million.", said("The programme will cost 87.9 million pounds."), True),
    (
        "We will spend £87.9 million.",
        "tables:\n  - id: costs\n    caption: Costs\n    columns:\n      - heading: 2026/27\n        unit: '£,000'\n"
        "    rows:\n      - heading: Cost\n        cells: [87900]\n",
        True,
    ),
    ("We will spend £87.9m.", said("The programme will cost £88m."), False),
    ("We will spend £87.9m.", said("The programme will cost 87.9 million."), False),  # a number, not a sum of money
    # Shares: a percentage within half a point, the share rule 10 suggests, or the share itself.
    ("1 in 4 children need help.", said("25.4 per cent of children need help."), True),
    ("1 in 4 children need help.", said("26% of children need help."), False),
    ("About 1 in 4 children need help.", said("26% of children need help."), True),
    ("About 9 in 10 plans are on time.", said("95% of plans are on time."), True),
    ("9 in 10 plans are on time.", said("95% of plans are on time."), False),
    ("2 in 8 children need help.", said("One in four children need help."), True),
    (
        "1 in 4 children need help.",
        "measures:\n  indicators:\n    - id: help\n      name: Children who need help\n      unit: '%'\n"
        "      latest:\n        value: 24.6\n",
        True,
    ),
    # Phone numbers by their digits; emails in any case; web addresses without their scheme, www. or last slash.
    ("Phone: 0116 305 7429", said("Call 0116 3057429."), True),
    ("Phone: +44 116 305 7429", said("Call 0116 305 7429."), True),
    ("Phone: 0116 305 7430", said("Call 0116 305 7429."), False),
    ("Email: send@example.gov.uk", said("Email SEND@Example.gov.uk."), True),
    ("Email: send@example.gov.uk", said("Email sen@example.gov.uk."), False),
    ("Go to https://www.example.gov.uk/send/", said("See example.gov.uk/send."), True),
    ("Go to example.gov.uk", "related_documents:\n  - title: Help\n    link: https://www.example.gov.uk/send\n", True),
    ("Go to example.gov.uk/other", "related_documents:\n  - title: Help\n    link: https://www.example.gov.uk/send\n", False),
    ("Go to example.org", "related_documents:\n  - title: Help\n    link: https://www.example.gov.uk/send\n", False),
    # Times of day.
    ("The meeting starts at 2.30pm.", said("The meeting starts at 14:30."), True),
    ("The meeting starts at 2.30pm.", said("The meeting starts at 2pm."), False),
]


@pytest.mark.parametrize(("text", "content", "found"), SAME_FACT, ids=[f"{t} <- {c.strip()[-40:]}" for t, c, _ in SAME_FACT])
def test_the_same_fact_written_two_ways_is_found(minimal: Path, text: str, content: str, found: bool):
    assert (findings(minimal, text, content) == []) is found


def test_a_date_in_a_point_is_one_fact_not_numbers(minimal: Path):
    # 20 is no number of this content, and April 2026 only a month of it: the point states one day.
    content = "background_papers:\n  - title: Paper\n    date: 2026-04-20\n"
    assert findings(minimal, "You can answer from 20 April 2026.", content) == []
    assert findings(minimal, "You can answer from 20 April 2026.") == [not_found("20 April 2026")]


# --- The counts the content implies ----------------------------------------------------------------------


def test_the_number_of_priorities_and_each_priority_number_are_given_by_the_priorities(minimal: Path):
    assert findings(minimal, "The plan has 2 big aims.", priorities=2) == []
    assert findings(minimal, "The plan has 2 big aims.", priorities=1) == [not_found("2")]
    assert findings(minimal, "Aim 3 is about help.", priorities=3) == []
    assert findings(minimal, "Aim 3 is about help.", priorities=2) == [not_found("3")]


def test_the_number_of_a_prioritys_actions_and_of_boards_are_given_by_the_content(minimal: Path):
    assert findings(minimal, "We will do 5 things.", actions=5) == []
    assert findings(minimal, "We will do 5 things.", actions=4) == [not_found("5")]
    assert findings(minimal, "4 groups check the work.", boards=4) == []
    assert findings(minimal, "4 groups check the work.", boards=3) == [not_found("4")]


# --- Where the facts are looked for ------------------------------------------------------------------------

REPORT_PART = """reports:
  - title: Report to Cabinet
    meeting: Cabinet
    date: 2026-03-24
    author: Director of Children and Family Services
    sections:
      - heading: Background
        body: The consultation will run for 8 weeks.
"""
PROGRESS = """title: Position statement
date: 2026-07-01
meeting: County Council meeting
author: Cabinet Lead Member
introduction: The council will save £9 million.
updates:
  - heading: Our plan
    strategy: example/plan
    body: Schools made 140 new places.
  - heading: Something else
    body: The council opened 11 homes.
"""


def test_the_finding_names_every_file_looked_in_and_the_progress_reports_that_name_the_strategy(minimal: Path):
    plan = minimal / "content/example/plan"
    (plan / "report.yml").write_text(REPORT_PART, encoding="utf-8")
    (minimal / "content/example/progress").mkdir()
    (minimal / "content/example/progress/2026-07-01-statement.yml").write_text(PROGRESS, encoding="utf-8")
    looked_in = "strategy.yml, report.yml, the council's entry in organisations.yml and 1 progress report that names it"
    # The report part and the update that names the strategy give facts; the report's other update and
    # its introduction, about other things, do not.
    assert findings(minimal, "You had 8 weeks to answer.") == []
    assert findings(minimal, "Schools made 140 new places.") == []
    assert findings(minimal, "The council opened 11 homes.") == [not_found("11", looked_in)]
    assert findings(minimal, "The council will save £9 million.") == [not_found("£9 million", looked_in)]
    # A second report that names it is counted too.
    (minimal / "content/example/progress/2026-09-01-statement.yml").write_text(PROGRESS.replace("07-01", "09-01"), encoding="utf-8")
    looked_in = looked_in.replace("1 progress report that names it", "2 progress reports that name it")
    assert findings(minimal, "The council opened 11 homes.") == [not_found("11", looked_in)]


def test_the_edition_itself_and_other_strategies_give_no_facts(minimal: Path):
    hard_words = '[{word: SEND, means: "Since 2031, SEND means a child needs extra help."}]'
    assert findings(minimal, "The plan ends in 2031.", hard_words=hard_words) == [not_found("2031")]


def test_the_councils_own_website_and_contacts_are_facts_of_its_strategies(minimal: Path):
    organisations = minimal / "content/organisations.yml"
    assert findings(minimal, "Go to www.example.gov.uk") == [not_found("www.example.gov.uk")]
    organisations.write_text(organisations.read_text(encoding="utf-8") + "    website: https://www.example.gov.uk\n", encoding="utf-8")
    assert findings(minimal, "Go to www.example.gov.uk") == []


# --- Reading the facts of a text -----------------------------------------------------------------------------

READ = [
    # Numbers of headings and names are numbers, read once each and never as anything else.
    ("Aim 1: Every child belongs", [("number", "1")]),
    ("Aim 10: More help", [("number", "10")]),
    ("Year 6, Key Stage 2 and post-16", [("number", "6"), ("number", "2"), ("number", "16")]),
    ("Covid-19 and the 1st aim", [("number", "19"), ("number", "1st")]),
    ("An A4 page, an EHCP2 form and s194972", []),
    # Ages and ranges are two numbers, never a negative one or a date.
    ("Children aged 0-18, and 19-25 with a plan", [("number", "0"), ("number", "18"), ("number", "19"), ("number", "25")]),
    # Years, alone and in pairs; a four-figure number that is no year is a number.
    ("The plan is for 2026 to 2029.", [("year", "2026"), ("year", "2029")]),
    ("Belonging 2026-29 and the year 2025/26", [("year", "2026-29"), ("year", "2026-29"), ("year", "2025/26"), ("year", "2025/26")]),
    ("We made 1500 places and 2,026 more.", [("number", "1500"), ("number", "2,026")]),
    # Dates are one fact each: their day and year are not numbers.
    ("Answer by 1 June 2026.", [("day", "1 June 2026")]),
    ("On Monday 20th April 2026, or 20/04/2026, or 2026-04-20", [("day", "20th April 2026"), ("day", "20/04/2026"), ("day", "2026-04-20")]),
    ("From April 20, 2026 to 1 June", [("day", "April 20, 2026"), ("day of the year", "1 June")]),
    ("In April 2026 and Sept 2027", [("month", "April 2026"), ("month", "Sept 2027")]),
    ("You may 2 times march 3 miles", [("number", "2"), ("number", "3")]),
    ("20/13/2026 is no date", [("number", "20"), ("number", "13"), ("year", "2026")]),
    # Times.
    ("At 10am, 2.30pm, 10 a.m. or 14:30", [("time", "10am"), ("time", "2.30pm"), ("time", "10 a.m."), ("time", "14:30")]),
    # Money, and numbers that are not money.
    (
        "£87.9m, £2 million, £87,900,000, 50p and £5",
        [("money", "£87.9m"), ("money", "£2 million"), ("money", "£87,900,000"), ("money", "50p"), ("money", "£5")],
    ),
    ("2 million children and 3.5 hours", [("number", "2 million"), ("number", "3.5")]),
    # Shares, and what only looks like one.
    (
        "1 in 4 children, 3 out of 10 adults, about 9 in 10 plans",
        [("share", "1 in 4"), ("share", "3 out of 10"), ("share", "about 9 in 10")],
    ),
    (
        "Aim 1 in 2026, 1 in 5 years, 5 in 2",
        [("number", "1"), ("year", "2026"), ("number", "1"), ("number", "5"), ("number", "5"), ("number", "2")],
    ),
    ("25% of children", [("number", "25")]),
    # Phone numbers however grouped, and not their digits as numbers.
    (
        "Phone 0116 3057429 or (0116) 305-7429 or +44 (0)116 305 7429",
        [("phone", "0116 3057429"), ("phone", "(0116) 305-7429"), ("phone", "+44 (0)116 305 7429")],
    ),
    ("Text relay: 18001 0116 305 7429", [("number", "18001"), ("phone", "0116 305 7429")]),
    # Emails, and web addresses with or without their scheme, but never an email's domain or a sentence's full stop.
    ("Email Tim.Browne@leics.gov.uk.", [("email", "Tim.Browne@leics.gov.uk")]),
    (
        "Go to www.leics.gov.uk/send. Or https://example.org/a_b?c=1 (or leics.gov.uk).",
        [("web address", "www.leics.gov.uk/send"), ("web address", "https://example.org/a_b?c=1"), ("web address", "leics.gov.uk")],
    ),
    ("This is e.g. version 3.5, etc.", [("number", "3.5")]),
    ("No facts here at all.", []),
]


@pytest.mark.parametrize(("text", "expected"), READ, ids=[r[0] for r in READ])
def test_the_facts_of_a_text_are_read_as_a_reader_reads_them(text: str, expected: list[tuple[str, str]]):
    assert [(f.kind, f.written) for f in facts_in(text)] == expected


def test_each_fact_is_kept_in_one_normal_form():
    values = {text: [f.value for f in facts_in(text)] for text in ("20 April 2026", "20/04/2026", "20th April 2026", "2026-04-20")}
    assert set(map(tuple, values.values())) == {((2026, 4, 20),)}
    assert [f.value for f in facts_in("£87.9m £87.9 million £87,900,000 87.9 million pounds")] == [87_900_000] * 4
    assert [f.value for f in facts_in("0116 305 7429, 0116 3057429 and +44 (0)116 305 7429")] == ["01163057429"] * 3
    assert [f.value for f in facts_in("https://www.Example.gov.uk/Send/ and example.gov.uk/send")] == ["example.gov.uk/send"] * 2


# --- Speed: one index a strategy ------------------------------------------------------------------------------


def test_each_strategys_facts_are_gathered_once_however_many_points_it_has(library: Library, monkeypatch: pytest.MonkeyPatch):
    gathered: list[str] = []
    real = FactIndex.of

    def counted(loaded, reports=()):  # type: ignore[no-untyped-def]
        gathered.append(loaded.id)
        return real(loaded, reports)

    monkeypatch.setattr(checker.FactIndex, "of", counted)
    cards = check_editions(library, Style(), Thresholds(), as_of=dt.date(2026, 12, 1))
    assert sorted(gathered) == sorted(card.edition for card in cards)
    assert len(cards) == 4 and sum(card.points for card in cards) > 100
