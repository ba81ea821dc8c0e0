"""How it is going: actions' statuses counted in words with a bar beside them, for each priority, the year
of the plan and the whole strategy; dated updates on actions and measures shown as a history, newest
first; and the "How it is going" page that gathers them with the progress reports' updates.

The pages are built from a small library made from the minimal site, with statuses and dated updates,
and read as a reader gets them; the real content, which records no status, is read for what it says of
that; and a mistake in an update is reported as `check` reports it, at its line.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

import site_build
from plugins.content.dates import unit_meaning, with_unit
from plugins.pages import progress

from .conftest import REPO, copy_project, page
from .html_outline import article_text, outline, squash

AS_OF = "2026-11-22"
PLAN = "content/example/plan/strategy.yml"

# Two priorities over two years: 8 actions, 6 of them with a status, and dated updates written in no
# particular order on actions and on measures, two of them dated after the build day (15 January 2027,
# and November 2026, a month not over on 22 November). One measure's latest: is older than an update
# that gives a figure, in a unit of money.
STRATEGY = """\
title: Example Strategy 2026-2029
short_title: Example 2026-29
summary: An example strategy for tests.
period:
  start_year: 2026
  end_year: 2029
  start: 2026-04-01
  end: 2029-03-31
  years:
    - id: year_one
      name: Year one (2026-2027)
      start: 2026-04-01
      end: 2027-03-31
    - id: year_two
      name: Year two (2027-2028)
      start: 2027-04-01
      end: 2028-03-31
status: approved
stages:
  - stage: draft
    date: 2026-03-24
  - stage: approved
    date: 2026-04-20
priorities:
  - number: 1
    id: belonging
    title: Every child belongs
    themes:
      - id: attendance
        name: Attendance
    actions:
      year_one:
        - text: We will review attendance support
          theme: attendance
          status: done
          updates:
            - date: 2026-05-12
              what: The review began with ten schools.
              source: Partnership Board minutes, 12 May 2026
            - date: 2026-09
              what: The review was finished and **published**.
              source: Position statement to Cabinet, 1 October 2026
            - date: 2027-01-15
              what: The review's findings go to every school.
              source: Partnership Board forward plan
        - text: We will train every school's attendance lead
          theme: attendance
          status: done
        - text: We will open two new resource bases for pupils with social, emotional and mental health needs across the county
          status: delayed
          updates:
            - date: 2026-06-03
              what: A site was chosen for the first resource base.
              source: Partnership Board minutes, 3 June 2026
      year_two:
        - text: We will survey pupils on belonging
          status: not started
        - text: We will publish what pupils told us
  - number: 2
    id: support
    title: Support when belonging breaks down
    actions:
      year_one:
        - text: We will set up a support team
          status: on track
        - text: We will agree a protocol with health
          status: at risk
      year_two:
        - text: We will review the protocol
measures:
  indicators:
    - id: attendance-rate
      name: Pupils attending 90% of sessions or more
      unit: "%"
      baseline:
        value: 88
        date: 2025-07
      updates:
        - date: 2026-07
          what: Attendance rose over the summer term.
          source: Attendance dashboard, July 2026
          value: 90.5
        - date: 2026-10-01
          what: Attendance held up in the autumn.
          source: Attendance dashboard, October 2026
          value: 91
          comparison: over
        - date: 2026-11
          what: Attendance figures for November.
          source: Attendance dashboard, November 2026
          value: 95
    - id: deficit
      name: Forecast deficit in the High Needs block in 2027/28
      unit: £ million
      latest:
        value: 102
        date: 2025-02-07
        note: Forecast, as reported to Cabinet on 7 February 2025
      target:
        value: 15
        date: 2027-03
      updates:
        - date: 2026-02-10
          what: The forecast was revised.
          source: Report to Cabinet, 10 February 2026
          value: 118
"""

REPORT = """\
title: Position statement
date: 2026-08-01
meeting: County Council meeting
author: Cabinet Lead Member
updates:
  - heading: Attendance support
    strategy: example/plan
    body: Schools reported better attendance.
"""


def build_progress_site(root: Path) -> Path:
    """The minimal site with STRATEGY and REPORT, made at root and built for AS_OF: where it was built."""
    copy_project(root, minimal=True)
    (root / PLAN).write_text(STRATEGY, encoding="utf-8")
    (root / "content/example/progress").mkdir()
    (root / "content/example/progress/2026-08-01-statement.yml").write_text(REPORT, encoding="utf-8")
    out = root / "out"
    assert site_build.main(["--root", str(root), "build", "--site-dir", str(out), "--as-of", AS_OF, "--no-pdf"]) == 0
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_progress_site(tmp_path_factory.mktemp("progress") / "site")


def _rollups(path: Path) -> list[str]:
    """The roll-ups' sentences on a page, as a screen reader reads them."""
    html = path.read_text(encoding="utf-8")
    return [re.sub(r"<[^>]+>", "", p) for p in re.findall(r'<p class="rollup-words">(.*?)</p>', html, re.S)]


def _bars(path: Path) -> list[list[tuple[str, int]]]:
    """Each roll-up's bar: its segments' statuses and the steps of the bar each takes, in order."""
    html = path.read_text(encoding="utf-8")
    bars = re.findall(r'<div class="rollup-bar" aria-hidden="true"[^>]*>(.*?)</div>', html, re.S)
    return [
        [(slug, int(span)) for slug, span in re.findall(r'<span class="rollup-segment rollup--([a-z-]+) rollup-w(\d+)"></span>', bar)]
        for bar in bars
    ]


# --- The roll-ups in words, and the bar beside them --------------------------------------------------


def test_a_priority_page_counts_its_actions_by_status_in_words(site: Path):
    assert _rollups(page(site, "example/plan/priorities/belonging")) == [
        "How it is going: 2 of 5 actions done, 1 delayed, 1 not started; 1 not yet reported on."
    ]
    # None done is said as a count, not left out.
    assert _rollups(page(site, "example/plan/priorities/support")) == [
        "How it is going: 0 of 3 actions done, 1 on track, 1 at risk; 1 not yet reported on."
    ]


def test_this_year_counts_the_year_s_actions_across_the_priorities(site: Path):
    assert _rollups(page(site, "example/plan/this-year")) == [
        "How it is going in Year one (2026-2027): 2 of 5 actions done, 1 on track, 1 at risk, 1 delayed."
    ]


def test_the_strategy_s_first_page_counts_every_action(site: Path):
    text = article_text(page(site, "example/plan"))
    assert (
        "Progress so far Actions: 2 of 8 actions done, 1 on track, 1 at risk, 1 delayed, 1 not started; 2 not yet reported on. "
        "Latest progress update: Attendance support, 1 August 2026. How it is going: progress and updates"
    ) in text


def test_the_bar_is_hidden_from_screen_readers_and_each_segment_is_as_wide_as_its_count(site: Path):
    path = page(site, "example/plan/priorities/belonging")
    html = path.read_text(encoding="utf-8")
    assert _bars(path) == [[("done", 2), ("delayed", 1), ("not-started", 1), ("not-recorded", 1)]]
    # No table: the bar is drawn by the stylesheet's flex rows, so nothing reads it as data.
    assert "<table" not in html[html.index('<div class="rollup-bar"') : html.index('<div class="rollup-bar"') + 400]
    # The words key each part to its pattern; the keys, like the bar, are not read out.
    words = re.search(r'<p class="rollup-words">(.*?)</p>', html, re.S)
    assert words is not None
    keys = re.findall(r'<span class="rollup-key rollup--([a-z-]+)" aria-hidden="true"></span>', words.group(1))
    assert keys == ["done", "delayed", "not-started", "not-recorded"]
    # Nothing in the bar is text a reader would miss: it has no words at all.
    bar = re.search(r'<div class="rollup-bar" aria-hidden="true".*?</div>', html, re.S)
    assert bar is not None and re.sub(r"<[^>]+>", "", bar.group(0)).strip() == ""


def test_the_stylesheet_gives_every_status_a_pattern_and_keeps_it_in_print():
    css = (REPO / "docs/assets/stylesheets/strategy.css").read_text(encoding="utf-8")
    fills = {slug: rule for slug, rule in re.findall(r"\.rollup--([a-z-]+) \{ background: ([^;]+);", css)}
    assert set(fills) == {"done", "on-track", "at-risk", "delayed", "not-started", "not-recorded"}
    assert len(set(fills.values())) == 6  # six patterns, none shared
    assert "print-color-adjust: exact" in css


# --- Dated updates, as a history -----------------------------------------------------------------------


def test_an_action_s_history_is_newest_first_with_its_dates_and_sources(site: Path):
    items = [words for _, words in outline(page(site, "example/plan/priorities/belonging")).items]
    first = next(words for words in items if words.startswith("We will review attendance support"))
    assert first == (
        "We will review attendance support Status: done History, newest first: "
        "September 2026: The review was finished and published. Source: Position statement to Cabinet, 1 October 2026 "
        "12 May 2026: The review began with ten schools. Source: Partnership Board minutes, 12 May 2026"
    )
    assert "<strong>published</strong>" in page(site, "example/plan/priorities/belonging").read_text(encoding="utf-8")


def test_a_measure_s_history_gives_each_figure_with_its_date_and_source(site: Path):
    path = page(site, "example/plan/measures")
    assert (3, "Pupils attending 90% of sessions or more: history") in outline(path).heading_list
    text = article_text(path)
    assert (
        "Pupils attending 90% of sessions or more: history History, newest first: "
        "1 October 2026: over 91%. Attendance held up in the autumn. Source: Attendance dashboard, October 2026 "
        "July 2026: 90.5%. Attendance rose over the summer term. Source: Attendance dashboard, July 2026"
    ) in text


# --- The "How it is going" page ---------------------------------------------------------------------------


def test_how_it_is_going_gathers_the_roll_ups_by_priority_and_by_year(site: Path):
    assert _rollups(page(site, "example/plan/progress")) == [
        "All actions: 2 of 8 actions done, 1 on track, 1 at risk, 1 delayed, 1 not started; 2 not yet reported on.",
        "Priority 1: Every child belongs. 2 of 5 actions done, 1 delayed, 1 not started; 1 not yet reported on.",
        "Priority 2: Support when belonging breaks down. 0 of 3 actions done, 1 on track, 1 at risk; 1 not yet reported on.",
        "Year one (2026-2027): 2 of 5 actions done, 1 on track, 1 at risk, 1 delayed.",
        "Year two (2027-2028): 0 of 3 actions done, 1 not started; 2 not yet reported on.",
    ]


def test_how_it_is_going_lists_every_update_newest_first(site: Path):
    path = page(site, "example/plan/progress")
    headings = [text for level, text in outline(path).heading_list if level == 3]
    # Each action's update is headed by the start of the action's words, cut at a word's end.
    assert headings == [
        "By priority",
        "By year of the plan",
        "1 October 2026: Pupils attending 90% of sessions or more",
        "September 2026: We will review attendance support",
        "1 August 2026: Attendance support",
        "July 2026: Pupils attending 90% of sessions or more",
        "3 June 2026: We will open two new resource bases for pupils with social\u2026",
        "12 May 2026: We will review attendance support",
        "10 February 2026: Forecast deficit in the High Needs block in 2027/28",
    ]
    text = article_text(path)
    # The action's whole text under the cut heading; today's status only on the action's newest update.
    assert (
        "September 2026: We will review attendance support An update on an action of Priority 1: Every child belongs, "
        "for Year one (2026-2027): We will review attendance support Status now: done The review was finished and published. "
        "Source: Position statement to Cabinet, 1 October 2026."
    ) in text
    assert (
        "3 June 2026: We will open two new resource bases for pupils with social\u2026 An update on an action of Priority 1: "
        "Every child belongs, for Year one (2026-2027): We will open two new resource bases for pupils with social, emotional "
        "and mental health needs across the county Status now: delayed A site was chosen"
    ) in text
    assert (
        "12 May 2026: We will review attendance support An update on an action of Priority 1: Every child belongs, "
        "for Year one (2026-2027): We will review attendance support The review began with ten schools."
    ) in text
    assert text.count("Status now:") == 2
    assert (
        "1 August 2026: Attendance support From the Position statement, County Council meeting, 1 August 2026. "
        "Schools reported better attendance."
    ) in text
    assert (
        "1 October 2026: Pupils attending 90% of sessions or more The figure reported: over 91%. Attendance held up in the autumn. "
        "Source: Attendance dashboard, October 2026."
    ) in text
    assert "10 February 2026: Forecast deficit in the High Needs block in 2027/28 The figure reported: £118 million." in text
    # The priority named in an entry goes to that year's actions on the priority's page.
    html = path.read_text(encoding="utf-8")
    assert '<a href="../priorities/belonging/#year-one">Priority 1: Every child belongs</a>' in html


def test_an_action_s_status_is_a_tag_on_a_line_of_its_own(site: Path):
    html = page(site, "example/plan/priorities/belonging").read_text(encoding="utf-8")
    assert (
        '<p>We will review attendance support<br>\n    <span class="action-status">'
        '<span class="rollup-key rollup--done" aria-hidden="true"></span>Status: done</span>'
    ) in html
    css = (REPO / "docs/assets/stylesheets/strategy.css").read_text(encoding="utf-8")
    rule = re.search(r"\.md-typeset \.action-status \{([^}]*)\}", css)
    assert rule is not None and "border: 1px solid #0b0c0c" in rule.group(1) and "display: inline-block" in rule.group(1)


# --- What the pages show on the build day -----------------------------------------------------------------


def test_an_update_dated_after_the_build_day_waits_for_its_day_on_every_page(site: Path):
    for address in ("example/plan/progress", "example/plan/priorities/belonging", "example/plan/measures", "example/plan"):
        text = article_text(page(site, address))
        assert "January 2027" not in text and "findings go to every school" not in text, address
        assert "November 2026" not in text and "Attendance figures for November" not in text, address
        assert "95%" not in text, address
    # Nor is it drawn.
    charts = list((site / "example/plan/measures").glob("*.svg"))
    assert charts and not any("95%" in c.read_text(encoding="utf-8") for c in charts)


def test_last_updated_counts_the_dated_updates_on_actions_and_measures_whose_day_has_come(site: Path):
    # The stages are of April 2026 and the report of 1 August 2026; the newest update that has come is
    # the measure's of 1 October 2026, not the action's of 15 January 2027.
    for address in ("example/plan/progress", "example/plan/priorities/belonging", "example/plan"):
        assert article_text(page(site, address)).endswith("First published 24 March 2026. Last updated 1 October 2026."), address


def test_latest_is_the_newest_dated_figure_of_latest_and_the_updates(site: Path):
    for address in ("example/plan/progress", "example/plan/measures"):
        text = article_text(page(site, address))
        assert (
            "Forecast deficit in the High Needs block in 2027/28 Not stated £118 million (10 February 2026) £15 million (March 2027)"
        ) in text, address
        # An update with no latest: beside it is the latest too.
        assert "Pupils attending 90% of sessions or more 88% (July 2025) over 91% (1 October 2026) Not stated" in text, address
    # The chart and its table call the same figure Latest, and the older latest: a figure reported on its date.
    text = article_text(page(site, "example/plan/measures"))
    assert (
        "Figure When Value Reported 7 February 2025 £102 million. Forecast, as reported to Cabinet on 7 February 2025 "
        "Latest 10 February 2026 £118 million Target March 2027 £15 million"
    ) in text
    assert "Reported, 7 February 2025: £102 million. Latest, 10 February 2026: £118 million." in text


def test_how_it_is_going_is_in_the_strategy_s_menu_where_the_progress_updates_were(site: Path):
    html = page(site, "example/plan/progress").read_text(encoding="utf-8")
    assert "<title>How it is going – Example 2026-29" in html
    assert outline(page(site, "example/plan/progress")).heading_list[0] == (1, "Example 2026-29 How it is going")


# --- The real content: no status is recorded, and the pages say so ---------------------------------------


def test_the_real_content_says_plainly_that_no_progress_is_recorded(site_real: Path):
    send = "leicester/send-2021-24"
    assert _rollups(page(site_real, f"{send}/priorities/responsive")) == [
        "How it is going: The council has not yet reported on these 16 actions on this site."
    ]
    assert _rollups(page(site_real, send)) == ["Actions: The council has not yet reported on these 87 actions on this site."]
    assert _rollups(page(site_real, f"{send}/this-year")) == [
        "How it is going in Year Three (2023-2024): The council has not yet reported on these 26 actions on this site."
    ]
    text = article_text(page(site_real, f"{send}/progress"))
    assert (
        "An action's progress is shown here once the council reports it, in a progress report or to the board "
        "that oversees the divisional strategy, and the action is given a status (not started, on track, at risk, delayed or done). "
        "Until then the site does not guess: that an action is not yet reported on here does not mean nothing has been done."
    ) in text
    assert "No updates have been recorded for the SEND Division Strategy, April 2021 to March 2024 yet." in text
    # An empty bar, drawn as not reported on: never a count of actions not started.
    # More actions than the bar has steps: drawn to scale, in all of them.
    assert _bars(page(site_real, send)) == [[("not-recorded", progress.SCALE)]]


def test_a_strategy_without_actions_says_it_lists_none_and_promises_nothing_about_them(site_real: Path):
    text = article_text(page(site_real, "leicestershire/belonging-in-education-2026-29/progress"))
    assert "The strategy lists no actions, so there are none to count." in text
    assert (
        "What the council has recorded about how the Belonging in Education Strategy 2026-2029 is going: the updates it has given."
    ) in text
    assert "how far its actions have got" not in text
    assert "1 July 2026: Belonging in Education From the Position statement from the Cabinet Lead Member" in text


def test_a_strategy_with_nothing_reported_says_so_on_its_first_page(site_real: Path):
    text = article_text(page(site_real, "leicestershire/best-programme-plan"))
    assert "Progress so far No progress has been reported on this programme plan yet. How it is going: progress and updates" in text


def test_a_segment_of_one_action_in_many_is_wide_enough_to_see_its_pattern():
    counts = dict.fromkeys(progress.ORDER, 0)
    counts["done"] = 1
    bar = progress.Rollup(87, counts, 86).bar
    # One in 87 would be about 5px of a 30rem bar: it is drawn as at least a sixteenth of it.
    assert bar == [("done", progress.SCALE // 16), ("not-recorded", progress.SCALE - progress.SCALE // 16)]
    assert sum(span for _, span in bar) == progress.SCALE


@pytest.fixture(scope="module")
def site_real(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("real") / "site"
    assert site_build.main(["--root", str(REPO), "build", "--site-dir", str(out), "--as-of", AS_OF, "--no-pdf"]) == 0
    return out


def test_a_progress_report_page_shows_every_update_in_full_with_its_figures(site_real: Path):
    # Each update's own words and figures under its heading, as the council wrote them. (The page once
    # showed the headings alone: its template read each update through a dict, whose `.update` Jinja
    # took for the dict's own method.)
    import yaml

    report = yaml.safe_load((REPO / "content/leicestershire/progress/2026-07-01-children-and-families.yml").read_text(encoding="utf-8"))
    text = article_text(page(site_real, "leicestershire/progress/2026-07-01-children-and-families"))
    for update in report["updates"]:
        assert update["heading"] in text
        for line in update["body"].splitlines():  # each paragraph, or item of a list
            assert squash(line.removeprefix("- ")) in text, line
        for indicator in update.get("indicators", []):
            assert f"{update['heading']}: figures reported" in text
            assert indicator["name"] in text


# --- A mistake in an update ------------------------------------------------------------------------------


def test_a_misspelt_key_and_a_wrong_date_in_an_update_are_reported_at_their_lines(minimal: Path, run):
    plan = minimal / PLAN
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "          status: on track\n",
            "          status: on track\n"
            "          updates:\n"
            "            - date: 2026-05\n"
            "              what: The review started.\n"
            "              soruce: Board minutes, May 2026\n"
            "            - date: last June\n"
            "              what: The review finished.\n"
            "              source: Board minutes, June 2026\n",
        ),
        encoding="utf-8",
    )
    result = run("--root", minimal, "check")
    assert result.code == 1
    assert result.problems == [
        f"{PLAN}:40:15: priorities[0].actions.year_one[0].updates[0].soruce: 'soruce' is not a field here. "
        "Did you mean 'source'? The fields here are: date, what, source.",
        f"{PLAN}:41:21: priorities[0].actions.year_one[0].updates[1].date: 'last June' is not a date. "
        "Write YYYY-MM-DD (2026-04-20), or YYYY-MM (2024-11) for a month, or YYYY (2028) for a year.",
    ]


def test_a_figure_in_money_reads_as_it_is_said_with_every_digit_kept():
    assert with_unit(102, "£ million") == "£102 million"
    assert with_unit(15, "£m") == "£15m"
    assert with_unit(Decimal("87880"), "£,000") == "£87,880 thousand"
    assert with_unit(-15363, "£,000") == "\u2212£15,363 thousand"
    assert with_unit(Decimal("2.5"), "£") == "£2.5"
    assert with_unit(18, "weeks") == "18 weeks"
    assert with_unit(95, "%") == "95%"
    assert with_unit(7, None) == "7"


def test_a_unit_of_thousands_is_said_in_words_however_the_column_heads_it():
    # The table's words and the chart's description say it; the same forms as with_unit reads as thousands.
    assert [unit_meaning(u) for u in ("£,000", "£000", "£'000", "$,000")] == ["thousands of pounds"] * 3 + ["thousands of dollars"]
    assert [unit_meaning(u) for u in ("£", "£ million", "weeks", "%")] == [None] * 4
