"""Dates and stages as the sources give them: a month or a year where a source gives no more, a period
with only an end, and strategies submitted for a decision or withdrawn.

The checks are run as an officer runs them (`check`, reading the exact message at its line); the pages
are built from a small library made from the minimal site, and read as a reader gets them.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

import site_build
from plugins.content import load_library, loader
from plugins.pages.status import status_words

from .conftest import copy_project, page
from .hostile import BYPASS, ENV_SECRET, FILE_SECRET, SECRET_ENV, fill, scan_site
from .html_outline import article_text, outline

PLAN = "content/example/plan/strategy.yml"

# A strategy whose dates are months and years where a source would give no more, and which is
# right as it stands: each case below changes one line of it, or none.
PARTIAL = """\
title: Example Strategy
short_title: Example
summary: An example strategy for tests.
period:
  end_year: 2029
  end: 2029-03
  years:
    - id: year_one
      name: Year one
      start: 2026-04-01
      end: 2027-03-31
status: approved
stages:
  - stage: draft
    date: 2026-07-15
  - stage: out for consultation
    date: 2026-07
  - stage: approved
    date: 2026-08
consultation:
  opens: 2026-07
  closes: 2026-07
  how_to_respond: Fill in the online survey.
priorities:
  - number: 1
    id: belonging
    title: Every child belongs
    actions:
      year_one:
        - text: We will review attendance support
          due: 2029
"""


def test_months_and_years_that_may_be_in_order_are_accepted(minimal: Path, run):
    # A stage in July 2026 may follow one on 15 July; a consultation opening and closing in July
    # runs during July; an action due in 2029 may fall before the period ends in March 2029; and a
    # period with no start year is bounded by its end only.
    (minimal / PLAN).write_text(PARTIAL, encoding="utf-8")

    result = run("--root", minimal, "check")

    assert (result.code, result.problems) == (0, [])


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    date: 2026-08\n",
            "    date: 2026-06\n",
            f"{PLAN}:19:11: stages[2].date: the stage 'approved' is dated June 2026, "
            "before the stage above it (July 2026). List the stages in date order.",
        ),
        (
            "    date: 2026-07\n",
            "    date: 2026\n",
            # The year 2026 may be July 2026 or later: only a year wholly before is out of order.
            None,
        ),
        (
            "    date: 2026-07-15\n",
            "    date: 2026-08-01\n",
            f"{PLAN}:17:11: stages[1].date: the stage 'out for consultation' is dated July 2026, "
            "before the stage above it (1 August 2026). List the stages in date order.",
        ),
        (
            "  closes: 2026-07\n",
            "  closes: 2026-06-30\n",
            f"{PLAN}:22:11: consultation.closes: the consultation closes on 30 June 2026, which is not after it opens in July 2026.",
        ),
        (
            "  opens: 2026-07\n",
            "  opens: 2026-08\n",
            f"{PLAN}:22:11: consultation.closes: the consultation closes in July 2026, which is not after it opens in August 2026.",
        ),
        (
            "  end: 2029-03\n",
            "  end: 2029-03\n  start: 2029-04\n",
            [
                f"{PLAN}:5:3: period: the period ends before it starts.",
                # The named year is before the start, as the start is written.
                f"{PLAN}:9:7: period.years[0]: 'Year one' falls outside the strategy period (April 2029 to March 2029).",
            ],
        ),
        (
            "  end_year: 2029\n",
            "  end_year: 2029\n  start_year: 2030\n",
            [
                f"{PLAN}:5:3: period: the period ends before it starts.",
                f"{PLAN}:9:7: period.years[0]: 'Year one' falls outside the strategy period (2030 to March 2029).",
                f"{PLAN}:32:16: priorities[0].actions.year_one[0].due: "
                "the due date 2029 falls outside the strategy period (2030 to March 2029).",
            ],
        ),
        (
            "      end: 2027-03-31\n",
            "      end: 2029-04-30\n",
            f"{PLAN}:8:7: period.years[0]: 'Year one' falls outside the strategy period (until March 2029).",
        ),
        (
            "  end: 2029-03\n",
            "  end: 2029-03\n  start: 2026-04\n",
            None,
        ),
        (
            "          due: 2029\n",
            "          due: 2029-04\n",
            f"{PLAN}:31:16: priorities[0].actions.year_one[0].due: "
            "the due date April 2029 falls outside the strategy period (until March 2029).",
        ),
        (
            "  end: 2029-03\n",
            "  end: March 2029\n",
            f"{PLAN}:6:8: period.end: 'March 2029' is not a date. Did you mean 2029-03? "
            "Write YYYY-MM-DD (2026-04-20), or YYYY-MM (2024-11) for a month, or YYYY (2028) for a year.",
        ),
    ],
    ids=[
        "stage-month-before-month",
        "stage-year-may-follow",
        "stage-month-before-day",
        "closes-day-before-month",
        "closes-month-before-month",
        "period-start-month-after-end",
        "start-year-after-end-year",
        "year-after-end-month",
        "start-month-accepted",
        "due-month-after-end-month",
        "end-in-words",
    ],
)
def test_dates_out_of_order_are_reported_at_their_line(minimal: Path, run, old: str, new: str, expected: str | list[str] | None):
    assert old in PARTIAL
    (minimal / PLAN).write_text(PARTIAL.replace(old, new, 1), encoding="utf-8")

    result = run("--root", minimal, "check")

    assert result.problems == ([expected] if isinstance(expected, str) else expected or [])
    assert result.code == (1 if expected else 0)


def test_a_start_day_outside_a_period_with_a_start_month_is_named_as_written(minimal: Path, run):
    text = PARTIAL.replace("  end: 2029-03\n", "  end: 2029-03\n  start: 2026-05\n").replace("start: 2026-04-01", "start: 2026-04-30")
    (minimal / PLAN).write_text(text, encoding="utf-8")

    result = run("--root", minimal, "check")

    assert result.problems == [f"{PLAN}:9:7: period.years[0]: 'Year one' falls outside the strategy period (May 2026 to March 2029)."]


# --- The built pages ------------------------------------------------------------------------------

AS_OF = "2026-08-15"

SUBMITTED = """\
title: SEND Reform Partnership Plan
short_title: SEND Reform Plan
document_type: Plan
summary: How the partnership will reform SEND services.
period:
  end_year: 2029
  end: 2029-03
status: submitted
stages:
  - stage: submitted
    date: 2026-07
    note: Submitted to the DfE and NHS England.
timeline:
  - date: 2026-09
    kind: decision
    body: DfE and NHS England
    what: Feedback on the plan.
    status: planned
"""

WITHDRAWN = """\
title: Withdrawn Strategy 2026-2029
short_title: Withdrawn 2026-29
summary: A strategy that was withdrawn.
period:
  start_year: 2026
  end_year: 2029
  years:
    - id: year_one
      name: Year one (2026-2027)
      start: 2026-04-01
      end: 2027-03-31
status: withdrawn
stages:
  - stage: draft
    date: 2026-03
  - stage: out for consultation
    date: 2026-06-01
  - stage: withdrawn
    date: 2026-08-03
    note: Withdrawn by Cabinet.
consultation:
  opens: 2026-06-01
  closes: 2026-09
  how_to_respond: Fill in the online survey.
priorities:
  - number: 1
    id: belonging
    title: Every child belongs
    actions:
      year_one:
        - text: We will review attendance support
timeline:
  - date: 2026-10
    kind: cabinet
    body: Cabinet
    what: Cabinet to approve the strategy.
    status: planned
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal site with a strategy submitted for a decision and one withdrawn, its own strategy's
    consultation closing in a month, built for a day in August 2026."""
    root = tmp_path_factory.mktemp("dates") / "site"
    copy_project(root, minimal=True)
    plan = root / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace("closes: 2026-06-01", "closes: 2026-09"), encoding="utf-8")
    for folder, text in (("send-reform", SUBMITTED), ("withdrawn", WITHDRAWN)):
        (root / "content/example" / folder).mkdir()
        (root / "content/example" / folder / "strategy.yml").write_text(text, encoding="utf-8")
    out = root / "out"
    assert site_build.main(["--root", str(root), "build", "--site-dir", str(out), "--as-of", AS_OF, "--no-pdf"]) == 0
    return out


def test_the_home_page_gives_each_strategy_its_stage_in_words_as_the_source_dates_it(site: Path):
    text = article_text(site / "index.html")
    assert "Status: Out for consultation until the end of September 2026" in text
    assert "Status: Submitted July 2026, awaiting a decision Plan · Example Council · until March 2029" in text
    assert "Status: Withdrawn 3 August 2026 Strategy · Example Council · 2026-2029" in text
    links = [words for _, words in outline(site / "index.html").items]
    assert links[:6] == [
        "Draft (0)",
        "Out for consultation (1)",
        "Submitted (1)",
        "Approved (0)",
        "Superseded (0)",
        "Withdrawn (1)",
    ]


def test_each_new_stage_has_its_status_page(site: Path):
    submitted = article_text(page(site, "status/submitted"))
    assert submitted.startswith("All strategies Submitted strategies Submitted strategies Example Council SEND Reform Partnership Plan")
    assert "Withdrawn Strategy" not in submitted and "Example Strategy" not in submitted
    withdrawn = article_text(page(site, "status/withdrawn"))
    assert withdrawn.startswith("All strategies Withdrawn strategies Withdrawn strategies Example Council Withdrawn Strategy 2026-2029")
    assert "SEND Reform" not in withdrawn
    assert outline(page(site, "status/withdrawn")).heading_list[0] == (1, "Withdrawn strategies")
    assert outline(page(site, "status/submitted")).heading_list[0] == (1, "Submitted strategies")


def test_a_submitted_plan_says_it_awaits_a_decision_and_when_one_is_expected(site: Path):
    text = article_text(page(site, "example/send-reform"))
    assert (
        "Status: Submitted July 2026, awaiting a decision "
        "Plan from Example Council, until March 2029. "
        "How the partnership will reform SEND services. "
        "Submitted for a decision in July 2026 "
        "This plan was submitted in July 2026 and is awaiting a decision. "
        "A decision is planned for September 2026 (DfE and NHS England). "
        "Submitted to the DfE and NHS England. "
    ) in text
    assert "Timeline July 2026: Submitted September 2026 (planned): DfE and NHS England" in text
    assert "Change history July 2026: Submitted for a decision First published July 2026. Last updated July 2026." in text
    assert "1 July 2026" not in text


def test_a_withdrawn_strategy_is_kept_as_written_and_never_promises(site: Path):
    text = article_text(page(site, "example/withdrawn"))
    assert (
        "Status: Withdrawn 3 August 2026 "
        "Strategy from Example Council, 2026-2029. "
        "A strategy that was withdrawn. "
        "Withdrawn on 3 August 2026 "
        "This strategy was withdrawn on 3 August 2026. It is kept here as it was written, for the record; it no longer applies. "
        "Withdrawn by Cabinet."
    ) in text
    assert "October 2026 (was planned): Cabinet" in text
    assert "Have your say" not in text
    timeline = article_text(page(site, "example/withdrawn/timeline"))
    assert (
        "Consultation The consultation was to run from 1 June 2026 to September 2026. "
        "Meetings and decisions October 2026: Cabinet (was planned) "
        "Planned. This had not been reported as happening when the strategy was withdrawn."
    ) in timeline
    assert "online survey" not in timeline
    assert "March 2026: Draft" in timeline
    # Nothing is planned "this year" for a strategy that was withdrawn.
    assert not page(site, "example/withdrawn/this-year").exists()
    assert "This year" not in article_text(page(site, "example/withdrawn"))


def test_a_consultation_closing_in_a_month_is_open_to_its_end_and_says_so(site: Path):
    text = article_text(page(site, "example/plan"))
    assert (
        "Have your say by the end of September 2026 The consultation is open from 20 April 2026 until the end of September 2026."
    ) in text
    timeline = article_text(page(site, "example/plan/timeline"))
    assert "The consultation runs from 20 April 2026 to September 2026." in timeline


@pytest.mark.parametrize(
    ("day", "badge"),
    [
        ("2026-04-19", "Consultation opens 20 April 2026"),
        ("2026-09-30", "Out for consultation until the end of September 2026"),
        ("2026-10-01", "Consultation closed September 2026"),
    ],
)
def test_a_consultation_closing_in_a_month_closes_after_its_last_day(site: Path, day: str, badge: str):
    library = load_library(site.parent)
    plan = library.strategy("example/plan")
    assert plan is not None
    assert status_words(plan.model, dt.date.fromisoformat(day)) == badge


# --- Hostile text in what the new notices show ---------------------------------------------------------


def test_hostile_text_in_the_submitted_and_withdrawn_notices_reaches_no_output_as_markup(
    site: Path, tmp_path: Path, counting_server, monkeypatch: pytest.MonkeyPatch
):
    """The notices on a submitted or withdrawn strategy's first page print its document type, its last
    stage's note and its planned decisions' bodies: with every hostile payload put there past the
    model, no page or booklet holds markup from them, and nothing is fetched."""
    server, requests = counting_server
    secret = tmp_path / "secret.txt"
    secret.write_text(FILE_SECRET + "\n")
    payloads = itertools.cycle([fill(p, server, secret) for p in BYPASS])
    original = loader._load

    def hostile_load(*args, **kwargs):
        library = original(*args, **kwargs)
        for s in library.strategies:
            m = s.model
            if m.status in ("submitted", "withdrawn"):
                object.__setattr__(m, "document_type", "<script>alert(1)</script>")
                object.__setattr__(m.stages[-1], "note", next(payloads))
                for event in m.timeline:
                    object.__setattr__(event, "body", next(payloads))
        return library

    monkeypatch.setenv(SECRET_ENV, ENV_SECRET)
    monkeypatch.setattr(loader, "_load", hostile_load)
    out = tmp_path / "out"
    assert site_build.main(["--root", str(site.parent), "build", "--site-dir", str(out), "--as-of", AS_OF, "--lenient"]) == 0

    assert scan_site(out, [ENV_SECRET, FILE_SECRET]).items == []
    assert requests == []
    # Proof that the notices were built with the payloads in them: shown as words.
    assert "This <script>alert(1)</script> was submitted in July 2026" in article_text(page(out, "example/send-reform"))
    assert "This <script>alert(1)</script> was withdrawn on 3 August 2026" in article_text(page(out, "example/withdrawn"))
