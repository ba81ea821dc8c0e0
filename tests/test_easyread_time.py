"""An Easy Read edition that stays true as time passes: the stage and have-your-say rows the page writes
from the strategy's own data for the day the site is built, points shown only at a time in the
consultation's life (`when:`), and rule 19, which refuses a point that has stopped being true.

The example is the minimal site's strategy: a draft out for consultation from 20 April 2026 to
1 June 2026, for 2026-2029 (to 31 March 2029). Each case rewrites the part of strategy.yml that says
where it is (status to consultation) and an edition whose point under test is at line 14, column 17.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pypdf
import pytest

import site_build
from easyread.checker import check_edition
from easyread.page import PAGE_PICTURES, easy_read_page
from easyread.rules import Thresholds
from easyread.stage import section_starts
from plugins.content import load_library

from .conftest import MINIMAL, copy_project, page
from .html_outline import article_text, squash

EDITION = """easy_read:
  title: Our plan
  date: 2026-04
  sections:
    - part: about
      heading: About this booklet
      points:
        - text: {about}
          picture: school
          alt: A school.
    - part: have your say
      heading: Have your say
      points:
        - text: {say}
          picture: printer
          alt: A printer.
{when}
  hard_words: []
"""
WHERE = "content/example/plan/easy-read.yml:14:17: easy_read.sections[1].points[0].text: rule 19 (true as time passes, error): "
ABOUT = "This booklet is about our plan for schools."
SAY = "You can ask for a printed copy."

# The lines of the minimal strategy.yml from `status:` to the end of `consultation:`, as it is.
LIFECYCLE = """status: out for consultation
stages:
  - stage: draft
    date: 2026-03-24
  - stage: out for consultation
    date: 2026-04-20
consultation:
  opens: 2026-04-20
  closes: 2026-06-01
  how_to_respond: Fill in the online survey.
"""
CONSULTATION = """consultation:
  opens: 2026-04-20
  closes: 2026-06-01
  how_to_respond: Fill in the online survey.
  survey: https://example.org/survey
"""
STAGES = """  - stage: draft
    date: 2026-03-24
  - stage: out for consultation
    date: 2026-04-20
"""
CABINET_PLANNED = """timeline:
  - date: 2026-07-21
    kind: cabinet
    body: Cabinet
    what: The final strategy goes to the Cabinet for approval.
    status: planned
"""
CABINET_HELD = """timeline:
  - date: 2026-07-21
    kind: cabinet
    body: Cabinet
    what: The final strategy goes to the Cabinet for approval.
    status: held
    outcome: The Cabinet approved the strategy.
"""
APPROVED = STAGES + "  - stage: approved\n    date: 2026-07-21\n"


def lifecycle(status: str, stages: str = STAGES, *, consultation: str = CONSULTATION, rest: str = "") -> str:
    return f"status: {status}\nstages:\n{stages}{consultation}{rest}"


def example(root: Path, *, life: str = LIFECYCLE, about: str = ABOUT, say: str = SAY, when: str | None = None, edition: str = "") -> Path:
    """The minimal strategy with its lifecycle and Easy Read edition as given."""
    plan = root / "content/example/plan"
    strategy = (MINIMAL / "content/example/plan/strategy.yml").read_text(encoding="utf-8")
    assert LIFECYCLE in strategy
    (plan / "strategy.yml").write_text(strategy.replace(LIFECYCLE, life), encoding="utf-8")
    text = edition or EDITION.format(about=json.dumps(about), say=json.dumps(say), when=f"          when: {when}" if when else "")
    (plan / "easy-read.yml").write_text(text, encoding="utf-8")
    return root


def findings(root: Path, day: str, thresholds: Thresholds | None = None) -> list[str]:
    library = load_library(root)
    loaded = library.strategy("example/plan")
    on = dt.date.fromisoformat(day)
    card = check_edition(loaded, [t.term for t in library.glossary], thresholds or Thresholds(), as_of=on, pictures=library.pictures)
    return [str(f) for f in card.findings]


def about(found: list[str], rule: int) -> list[str]:
    return [f for f in found if f"rule {rule} (" in f]


def shown(root: Path, day: str) -> list[tuple[str, list[str]]]:
    """The page's sections as of the day: each heading with its rows' words."""
    library = load_library(root)
    er = easy_read_page(library.strategy("example/plan"), library.pictures, as_of=dt.date.fromisoformat(day))
    return [(section.heading, [re.sub(r"<[^>]+>", "", row.html) for row in section.rows]) for section in er.sections]


# --- Rule 19: asking for answers once the time to have your say has ended -----------------------------


def test_rule_19_a_point_asking_for_answers_after_the_closing_date_is_an_error_at_its_line(minimal: Path):
    root = example(minimal, say="Please answer by 1 June 2026.")
    # 1 June is the last day to answer: the point is true until it ends.
    assert about(findings(root, "2026-06-01"), 19) == []
    assert about(findings(root, "2026-06-02"), 19) == [
        WHERE + "'Please answer' asks people to answer, but the time to have your say ended on 1 June 2026, and this site "
        "is built for 2 June 2026. Suggestion: say it in the past tense, such as 'You could answer online', or add "
        "'when: while open' to show it only while people can answer."
    ]


def test_rule_19_the_point_is_fixed_by_the_past_tense_or_by_showing_it_only_while_open(minimal: Path):
    assert about(findings(example(minimal, say="You could answer until 1 June 2026."), "2026-06-02"), 19) == []
    root = example(minimal, say="Please answer by 1 June 2026.", when="while open")
    assert findings(root, "2026-06-02") == []
    # ... and the page shows it while people can answer, and not after.
    assert "Please answer by 1 June 2026." in shown(root, "2026-06-01")[1][1]
    assert "Please answer by 1 June 2026." not in shown(root, "2026-06-02")[1][1]


@pytest.mark.parametrize(
    ("say", "quoted"),
    [
        ("Tell us what you think of the plan.", "Tell us what you think"),
        ("You can have your say online.", "You can have your say"),
        ("Fill in the questions on the website.", "Fill in"),
        ("You can answer questions online from 20 April 2026.", "You can answer"),
        ("Send us your ideas by 1 June 2026.", "by 1 June 2026"),
    ],
)
def test_rule_19_finds_each_way_of_asking_for_answers(minimal: Path, say: str, quoted: str):
    found = about(findings(example(minimal, say=say), "2026-12-01"), 19)
    assert [f.split("rule 19 (true as time passes, error): ")[1].split(" asks")[0] for f in found] == [f"'{quoted}'"]
    assert found[0].startswith(WHERE)


def test_rule_19_past_tense_and_other_offers_are_not_asking_for_answers(minimal: Path):
    for say in (
        "The time to have your say ended on 1 June 2026.",
        "You could answer questions online from 20 April 2026.",
        "What you tell us helps us make schools better.",
        "You can ask Tim Browne for help.",
    ):
        assert about(findings(example(minimal, say=say), "2026-12-01"), 19) == [], say


def test_rule_19_a_point_marked_for_after_the_close_may_never_ask_for_answers(minimal: Path):
    root = example(minimal, say="Please tell us what you think.", when="after it closes")
    assert about(findings(root, "2026-05-01"), 19) == [
        WHERE + "'Please tell' asks people to answer, but this point is marked to show only after the time to have your "
        "say has ended. Suggestion: say it in the past tense, such as 'You could answer online', or add 'when: while open' "
        "to show it only while people can answer."
    ]


# --- Rule 19: the future tense of a day that has passed, or of a plan that has ended -----------------


def test_rule_19_the_future_tense_of_a_day_that_has_passed_is_an_error_at_its_line(minimal: Path):
    root = example(minimal, say="The council plans to agree the final plan on 21 July 2026.")
    assert about(findings(root, "2026-07-21"), 19) == []
    assert about(findings(root, "2026-07-22"), 19) == [
        WHERE + "'plans to' speaks of 21 July 2026 as still to come, but this site is built for 22 July 2026. "
        "Suggestion: say what happened, in the past tense, or where the content does not say: 'The council planned to ...'."
    ]
    fixed = example(minimal, say="The council planned to agree the final plan on 21 July 2026.")
    assert about(findings(fixed, "2026-07-22"), 19) == []


def test_rule_19_reads_the_latest_date_of_a_sentence_and_months_and_years(minimal: Path):
    # From a day that has passed to one to come: still to come.
    root = example(minimal, say="We will help schools from April 2026 until 2029.")
    assert about(findings(root, "2026-12-01"), 19) == []
    late = example(minimal, say="We will check how it is going in July 2026.")
    assert about(findings(late, "2026-07-31"), 19) == []
    assert len(about(findings(late, "2026-08-01"), 19)) == 1


@pytest.mark.parametrize(
    ("life", "day", "ended"),
    [
        (LIFECYCLE, "2029-04-01", "this plan ended in March 2029"),
        (
            lifecycle("superseded", APPROVED + "  - stage: superseded\n    date: 2027-04\n"),
            "2027-05-01",
            "a new plan took this plan's place in April 2027",
        ),
        (
            lifecycle("withdrawn", STAGES + "  - stage: withdrawn\n    date: 2026-05-12\n"),
            "2026-05-13",
            "the council withdrew this plan on 12 May 2026",
        ),
    ],
)
def test_rule_19_any_future_tense_once_the_plan_has_ended_is_an_error_at_its_line(minimal: Path, life: str, day: str, ended: str):
    root = example(minimal, life=life, about="We will help every child feel they belong.")
    assert about(findings(root, day), 19) == [
        "content/example/plan/easy-read.yml:8:17: easy_read.sections[0].points[0].text: rule 19 (true as time passes, error): "
        f"'will' speaks of the plan in the future tense, and {ended}. "
        "Suggestion: say it in the past tense, such as 'The plan said there would be ...'."
    ]
    fixed = example(minimal, life=life, about="The plan said we would help every child feel they belong.")
    assert about(findings(fixed, day), 19) == []


def test_rule_19_the_future_tense_is_fine_while_the_plan_runs(minimal: Path):
    root = example(minimal, about="We will help every child feel they belong.")
    assert about(findings(root, "2029-03-31"), 19) == []


# --- when: ---------------------------------------------------------------------------------------------


def test_when_is_refused_in_an_edition_whose_strategy_has_no_consultation(minimal: Path, run):
    example(minimal, life=lifecycle("draft", "  - stage: draft\n    date: 2026-03-24\n", consultation=""), when="while open")
    result = run("--root", minimal, "check")
    assert result.code == 1
    assert result.problems == [
        "content/example/plan/easy-read.yml:17:17: easy_read.sections[1].points[0].when: this strategy has no consultation, "
        "so the page would never show a point marked 'when: while open'. Delete when: to show the point always, or add "
        "the strategy's consultation under consultation:."
    ]


@pytest.mark.parametrize(
    ("day", "when"),
    [("2026-04-19", "before it opens"), ("2026-04-20", "while open"), ("2026-06-01", "while open"), ("2026-06-02", "after it closes")],
)
def test_a_point_marked_when_is_shown_only_then(minimal: Path, day: str, when: str):
    for marked in ("before it opens", "while open", "after it closes"):
        root = example(minimal, say=SAY, when=marked)
        assert (SAY in shown(root, day)[1][1]) == (marked == when), (day, marked)


# --- The stage, and when and how to have your say, for every stage ------------------------------------

# An edition with no "have your say" section: the page adds one, after the priorities and before contact.
PLAIN_POINT = "        - text: This booklet is about our plan for schools.\n          picture: school\n          alt: A school.\n"
PLAIN = """easy_read:
  title: Our plan
  date: 2026-04
  sections:
    - part: about
      heading: About this booklet
      points:
        - text: This booklet is about our plan for schools.
          picture: school
          alt: A school.
    - part: contact
      heading: Contact us
      points:
        - text: You can talk to us at the council.
          picture: telephone-receiver
          alt: A telephone.
  hard_words: []
"""

STAGE_CASES = {
    "draft": (
        lifecycle("draft", "  - stage: draft\n    date: 2026-03-24\n", consultation=""),
        "2026-04-01",
        ["This plan is a draft. The council has not agreed it yet."],
        [],
    ),
    "out for consultation, before it opens": (
        lifecycle("out for consultation", rest=CABINET_PLANNED),
        "2026-04-19",
        ["This plan is a draft. The council wants to know what you think of it."],
        ["You can have your say from 20 April 2026 until 1 June 2026.", "The council plans to decide on 21 July 2026."],
    ),
    "out for consultation, open": (
        lifecycle("out for consultation", rest=CABINET_PLANNED),
        "2026-05-01",
        ["This plan is a draft. The council wants to know what you think of it."],
        [
            "You can have your say now. Please tell us what you think by 1 June 2026.",
            "You can answer the questions online: https://example.org/survey",
            "The council plans to decide on 21 July 2026.",
        ],
    ),
    "closed, awaiting a decision": (
        lifecycle("out for consultation", rest=CABINET_PLANNED),
        "2026-07-01",
        ["This plan is a draft. The council asked people what they think of it.", "The council has not agreed the plan yet."],
        ["The time to have your say ended on 1 June 2026.", "The council plans to decide on 21 July 2026."],
    ),
    "closed, the planned decision's day passed": (
        lifecycle("out for consultation", rest=CABINET_PLANNED),
        "2026-12-01",
        [
            "This plan is a draft. The council asked people what they think of it.",
            "This booklet does not say yet if the council agreed the plan.",
        ],
        # The stage row alone says the booklet does not say what was decided; the decision's row gives its day.
        ["The time to have your say ended on 1 June 2026.", "The council planned to decide on 21 July 2026."],
    ),
    "closed, the council met and the plan does not say it agreed": (
        lifecycle("out for consultation", rest=CABINET_HELD),
        "2026-08-01",
        ["This plan is a draft. The council asked people what they think of it.", "The council has not agreed the plan yet."],
        [
            "The time to have your say ended on 1 June 2026.",
            "The council met on 21 July 2026 to decide. The full plan says what it decided.",
        ],
    ),
    "submitted": (
        lifecycle("submitted", STAGES + "  - stage: submitted\n    date: 2026-07\n"),
        "2026-08-01",
        ["The council sent this plan for a decision in July 2026. It is waiting for the answer."],
        ["The time to have your say ended on 1 June 2026."],
    ),
    # A decision the stage row tells is not told again under have your say.
    "approved": (
        lifecycle("approved", APPROVED, rest=CABINET_HELD),
        "2026-08-01",
        ["The council agreed this plan on 21 July 2026."],
        ["The time to have your say ended on 1 June 2026."],
    ),
    "approved as a changed plan": (
        lifecycle("approved", APPROVED, rest=CABINET_HELD)
        + "versions:\n  this: consultation draft\n  date: 2026-04-20\n  others:\n    - kind: approved\n"
        "      title: Example Strategy 2026-2030\n      date: 2026-07-21\n      start_year: 2026\n      end_year: 2030\n"
        "      source: The report to the Cabinet.\n",
        "2026-08-01",
        [
            "This booklet is about the draft plan. The council agreed a changed plan on 21 July 2026.",
            "The changed plan is called Example Strategy 2026-2030.",
        ],
        ["The time to have your say ended on 1 June 2026."],
    ),
    "ended": (
        lifecycle("approved", APPROVED, rest=CABINET_HELD),
        "2029-04-01",
        ["The council agreed this plan on 21 July 2026.", "This plan ended in March 2029. This booklet does not say what plan came next."],
        ["The time to have your say ended on 1 June 2026."],
    ),
    "superseded": (
        lifecycle("superseded", APPROVED + "  - stage: superseded\n    date: 2027-04\n"),
        "2027-05-01",
        ["A new plan took the place of this plan in April 2027.", "This booklet does not say what plan came next."],
        ["The time to have your say ended on 1 June 2026."],
    ),
    # The stage rows say only where it is now, so the decision that agreed it is told under have your say.
    "superseded, with the decision that agreed it": (
        lifecycle("superseded", APPROVED + "  - stage: superseded\n    date: 2027-04\n", rest=CABINET_HELD),
        "2027-05-01",
        ["A new plan took the place of this plan in April 2027.", "This booklet does not say what plan came next."],
        ["The time to have your say ended on 1 June 2026.", "The council agreed the plan on 21 July 2026."],
    ),
    "withdrawn during its consultation": (
        lifecycle("withdrawn", STAGES + "  - stage: withdrawn\n    date: 2026-05-12\n"),
        "2026-05-13",
        ["The council stopped this plan on 12 May 2026. It does not apply any more."],
        ["The time to have your say has ended."],
    ),
}


@pytest.mark.parametrize("case", list(STAGE_CASES))
def test_the_page_says_where_the_plan_is_and_when_to_have_your_say_for_every_stage(minimal: Path, case: str):
    life, day, stage, say = STAGE_CASES[case]
    root = example(minimal, life=life, edition=PLAIN)
    sections = shown(root, day)
    assert sections[0] == ("About this booklet", [*stage, "This booklet is about our plan for schools."])
    if say:
        assert [heading for heading, _ in sections] == ["About this booklet", "Have your say", "Contact us"]
        assert sections[1] == ("Have your say", say)
    else:
        assert [heading for heading, _ in sections] == ["About this booklet", "Contact us"]


@pytest.mark.parametrize("case", list(STAGE_CASES))
def test_every_sentence_the_page_writes_keeps_the_easy_read_rules(minimal: Path, case: str):
    life, day, stage, say = STAGE_CASES[case]
    root = example(minimal, life=life, edition=PLAIN)
    library = load_library(root)
    written = [
        said.text for start in section_starts(library.strategy("example/plan").model, dt.date.fromisoformat(day)) for said in start.written
    ]
    assert written == stage + say
    assert findings(root, day) == []
    # Every rule of the edition's checker over each of those sentences, as if the team had written them
    # as points, on the same day: sentences, words, numbers, symbols, and rule 19 itself.
    assert PLAIN_POINT in PLAIN
    points = "".join(f"        - text: {json.dumps(text)}\n          picture: school\n          alt: A school.\n" for text in written)
    example(minimal, life=life, edition=PLAIN.replace(PLAIN_POINT, points))
    assert findings(root, day) == []


def test_a_name_the_data_gives_is_checked_at_its_own_line(minimal: Path):
    life = STAGE_CASES["approved as a changed plan"][0].replace("Example Strategy 2026-2030", "SEND Strategy 2026-2030")
    root = example(minimal, life=life, edition=PLAIN)
    line = next(n for n, t in enumerate((root / "content/example/plan/strategy.yml").read_text().splitlines(), 1) if "SEND Strategy" in t)
    assert about(findings(root, "2026-08-01"), 8) == [
        f"content/example/plan/strategy.yml:{line}:14: versions.others[0].title: rule 8 (hard words explained, error): SEND is a "
        "hard word from the glossary and is not explained on this page. Suggestion: add SEND to hard_words with what it means."
    ]


def test_a_month_for_the_closing_date_is_its_last_day(minimal: Path):
    root = example(minimal, life=LIFECYCLE.replace("closes: 2026-06-01", "closes: 2026-06"), edition=PLAIN)
    assert shown(root, "2026-06-30")[1][1][0] == "You can have your say now. Please tell us what you think by the end of June 2026."
    assert shown(root, "2026-07-01")[1][1][0] == "The time to have your say ended at the end of June 2026."


def test_rule_16_no_longer_asks_for_a_have_your_say_section_or_its_closing_date(minimal: Path):
    root = example(minimal, edition=PLAIN)
    assert findings(root, "2026-05-01") == []
    root = example(minimal, say="Tell us what you think.")
    assert findings(root, "2026-05-01") == []


def test_the_pictures_beside_the_rows_the_page_writes_each_stand_for_one_thing(minimal: Path):
    from easyread import stage

    assert {stage.STAGE_PICTURE, stage.SAY_PICTURE, stage.CLOSED_PICTURE} < set(PAGE_PICTURES)
    assert len(set(PAGE_PICTURES)) == len(PAGE_PICTURES) == 4
    library = load_library(example(minimal, life=lifecycle("out for consultation", rest=CABINET_PLANNED), edition=PLAIN))
    for day in ("2026-04-19", "2026-05-01", "2026-12-01"):
        er = easy_read_page(library.strategy("example/plan"), library.pictures, as_of=dt.date.fromisoformat(day))
        for section in er.sections:
            for row in section.rows:
                assert row.picture is not None and row.alt, row.html


# --- A site built a day before and a day after the consultation closes --------------------------------

WHEN_EDITION = """easy_read:
  title: Our plan
  date: 2026-04
  sections:
    - part: about
      heading: About this booklet
      points:
        - text: This booklet is about our plan for schools.
          picture: school
          alt: A school.
    - part: have your say
      heading: Have your say
      points:
        - text: You can ask for a printed copy of the questions.
          picture: printer
          alt: A printer.
          when: while open
        - text: Thank you to everyone who told us what they think.
          picture: thumbs-up
          alt: A thumbs up.
          when: after it closes
  hard_words: []
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example site, built with its booklets for the day before and the day after its consultation closes."""
    root = copy_project(tmp_path_factory.mktemp("example"))
    shutil.rmtree(root / "content")
    shutil.copytree(MINIMAL / "content", root / "content")
    example(root, life=lifecycle("out for consultation", rest=CABINET_PLANNED), edition=WHEN_EDITION)
    sites = {}
    for day in ("2026-05-31", "2026-06-02"):
        sites[day] = root / f"site-{day}"
        assert site_build.main(["--root", str(root), "build", "--site-dir", str(sites[day]), "--as-of", day]) == 0
    return sites


def _booklet(site: Path) -> str:
    return squash(" ".join(p.extract_text() for p in pypdf.PdfReader(site / "example/plan/plan-easy-read.pdf").pages))


def test_a_site_built_before_the_close_invites_answers_in_the_present_tense(built: dict[str, Path]):
    text = article_text(page(built["2026-05-31"], "example/plan/easy-read"))
    for words in (
        "About this booklet This plan is a draft. The council wants to know what you think of it. This booklet is about our plan",
        "Have your say You can have your say now. Please tell us what you think by 1 June 2026. You can answer the questions "
        "online: https://example.org/survey You can ask for a printed copy of the questions. The council plans to decide on "
        "21 July 2026. Hard words",
    ):
        assert words in text
    assert "Thank you" not in text and "ended" not in text
    html = page(built["2026-05-31"], "example/plan/easy-read").read_text(encoding="utf-8")
    assert '<a href="https://example.org/survey">https://example.org/survey</a>' in html
    booklet = _booklet(built["2026-05-31"])
    assert "Please tell us what you think by 1 June 2026." in booklet
    assert "You can ask for a printed copy of the questions." in booklet


def test_a_site_built_after_the_close_says_it_in_the_past_tense(built: dict[str, Path]):
    text = article_text(page(built["2026-06-02"], "example/plan/easy-read"))
    for words in (
        "About this booklet This plan is a draft. The council asked people what they think of it. The council has not agreed "
        "the plan yet. This booklet is about our plan",
        "Have your say The time to have your say ended on 1 June 2026. Thank you to everyone who told us what they think. "
        "The council plans to decide on 21 July 2026. Hard words",
    ):
        assert words in text
    assert "printed copy" not in text and "Please" not in text and "survey" not in text
    booklet = _booklet(built["2026-06-02"])
    assert "The time to have your say ended on 1 June 2026." in booklet
    assert "Thank you to everyone who told us what they think." in booklet
    assert "printed copy" not in booklet


CREDITS = "Checks and pictures This Easy Read booklet explains a plan by Example Council."


@pytest.mark.parametrize("day", ["2026-05-31", "2026-06-02"])
def test_the_credits_heading_says_what_the_section_holds_on_the_page_and_in_the_booklet(built: dict[str, Path], day: str):
    built_page = page(built[day], "example/plan/easy-read")
    text = article_text(built_page)
    assert CREDITS in text
    html = built_page.read_text(encoding="utf-8")
    assert '<li><a href="#checks-and-pictures">Checks and pictures</a></li>' in html
    assert '<h2 id="checks-and-pictures">Checks and pictures</h2>' in html
    booklet = _booklet(built[day])
    assert CREDITS in booklet
    assert "Who made" not in text and "Who made" not in booklet


# --- Have your say reads in order: the invitation, the team's points, then what happens next ----------

SAY_EDITION = """easy_read:
  title: Our plan
  date: 2026-04
  sections:
    - part: about
      heading: About this booklet
      points:
        - text: This booklet is about our plan for schools.
          picture: school
          alt: A school.
    - part: have your say
      heading: How to have your say
      points:
        - text: We want to know if the aims are right.
          picture: printer
          alt: A printer.
          when: while open
        - text: We asked people if the aims are right.
          picture: printer
          alt: A printer.
          when: after it closes
        - text: The council looks at what people said before it agrees the final plan.
          picture: thumbs-up
          alt: A thumbs up.
  hard_words: []
"""
LOOKS = "The council looks at what people said before it agrees the final plan."


@pytest.mark.parametrize(
    ("day", "stage", "say"),
    [
        (
            "2026-05-01",
            ["This plan is a draft. The council wants to know what you think of it."],
            [
                "You can have your say now. Please tell us what you think by 1 June 2026.",
                "You can answer the questions online: https://example.org/survey",
                "We want to know if the aims are right.",
                LOOKS,
                "The council plans to decide on 21 July 2026.",
            ],
        ),
        (
            "2026-12-01",
            [
                "This plan is a draft. The council asked people what they think of it.",
                "This booklet does not say yet if the council agreed the plan.",
            ],
            [
                "The time to have your say ended on 1 June 2026.",
                "We asked people if the aims are right.",
                LOOKS,
                "The council planned to decide on 21 July 2026.",
            ],
        ),
    ],
)
def test_have_your_say_reads_the_invitation_then_the_teams_points_then_what_the_council_decides(
    minimal: Path, day: str, stage: list[str], say: list[str]
):
    root = example(minimal, life=lifecycle("out for consultation", rest=CABINET_PLANNED), edition=SAY_EDITION)
    assert shown(root, day) == [
        ("About this booklet", [*stage, "This booklet is about our plan for schools."]),
        ("How to have your say", say),
    ]
    # Once, in one place, the page says it does not know what the council decided.
    assert sum(row.count("does not say") for _, rows in shown(root, day) for row in rows) == (day == "2026-12-01")
    assert findings(root, day) == []


def test_a_decision_the_stage_rows_tell_is_not_told_again_under_have_your_say(minimal: Path):
    life, day, stage, say = STAGE_CASES["approved as a changed plan"]
    root = example(minimal, life=life, edition=SAY_EDITION)
    assert shown(root, day) == [
        ("About this booklet", [*stage, "This booklet is about our plan for schools."]),
        ("How to have your say", ["The time to have your say ended on 1 June 2026.", "We asked people if the aims are right.", LOOKS]),
    ]
    assert sum(row.count("agreed a changed plan") for _, rows in shown(root, day) for row in rows) == 1


# The rows the page writes itself in the real editions with a consultation, by section: those before the
# edition's own points, and those after them. Each fact once.
OPEN = "You can have your say now. Please tell us what you think by 1 June 2026."
REAL_WRITTEN = {
    ("leicestershire/belonging-in-education-2026-29", "2026-05-01"): {
        "About this booklet": (["This plan is a draft. The council wants to know what you think of it."], []),
        "How to have your say": ([OPEN], ["The council plans to decide on 21 July 2026."]),
    },
    ("leicestershire/belonging-in-education-2026-29", "2026-12-01"): {
        "About this booklet": (
            [
                "This plan is a draft. The council asked people what they think of it.",
                "This booklet does not say yet if the council agreed the plan.",
            ],
            [],
        ),
        "How to have your say": (["The time to have your say ended on 1 June 2026."], ["The council planned to decide on 21 July 2026."]),
    },
    **{
        ("leicestershire/send-and-inclusion-2024-27", day): {
            "About this booklet": (
                [
                    "This booklet is about the draft plan. The council agreed a changed plan on 17 June 2025.",
                    "The changed plan is called SEND and Inclusion Strategy 2025-2028.",
                ],
                [],
            ),
            "How to have your say": (["The time to have your say ended on 6 April 2025."], []),
        }
        for day in ("2026-05-01", "2026-12-01")
    },
}


@pytest.mark.parametrize(("strategy", "day"), list(REAL_WRITTEN))
def test_the_real_editions_say_each_fact_of_their_stage_once(library, strategy: str, day: str):
    loaded, on = library.strategy(strategy), dt.date.fromisoformat(day)
    starts = section_starts(loaded.model, on)
    assert {s.heading: ([w.text for w in s.said], [w.text for w in s.after]) for s in starts if s.written} == REAL_WRITTEN[strategy, day]
    # On the page, the rows before the points start the section and the rows after them end it.
    er = easy_read_page(loaded, library.pictures, as_of=on)
    for section in er.sections:
        if section.heading not in REAL_WRITTEN[strategy, day]:
            continue
        before, after = REAL_WRITTEN[strategy, day][section.heading]
        rows = [re.sub(r"<[^>]+>", "", row.html) for row in section.rows if not row.hard_word]
        assert rows[: len(before)] == before
        assert rows[len(rows) - len(after) :] == after
        # ... and no other row says either again.
        assert all(rows.count(text) == 1 for text in before + after)
