"""`site_build.py due`: the dates that have passed with nothing recorded of what happened, each at its
file and line, and the timeline page saying so honestly."""

from __future__ import annotations

from pathlib import Path

from .conftest import REPO, page

BELONGING = "content/leicestershire/belonging-in-education-2026-29/strategy.yml"


def _line(file: Path, text: str, after: str = "") -> int:
    """The line of the first `text` after the first line holding `after`."""
    lines = file.read_text(encoding="utf-8").splitlines()
    start = next(n for n, t in enumerate(lines) if after in t) if after else 0
    return next(n for n, t in enumerate(lines[start:], start + 1) if text in t)


def test_due_lists_the_belonging_meetings_whose_day_has_passed_at_their_lines(run):
    result = run("--root", REPO, "due", "--as-of", "2026-12-01")
    assert (result.code, result.err) == (0, "")
    scrutiny = _line(REPO / BELONGING, "status: planned", after="date: 2026-06-02")
    cabinet = _line(REPO / BELONGING, "status: planned", after="date: 2026-07-21")
    assert (
        f"{BELONGING}:{scrutiny}:13: timeline[4].status: the Children and Families Overview and Scrutiny Committee meeting planned "
        "for 2 June 2026 has passed, and no outcome is recorded. Once the source reports what happened, set status: held and add "
        "its outcome; if it moved, change its date."
    ) in result.out.splitlines()
    assert (
        f"{BELONGING}:{cabinet}:13: timeline[5].status: the Cabinet meeting planned for 21 July 2026 has passed, and no outcome is "
        "recorded. Once the source reports what happened, set status: held and add its outcome; if it moved, change its date."
    ) in result.out.splitlines()
    # The consultation closed and no next stage is recorded; the Leicester plans ended with no successor named.
    assert (
        f"{BELONGING}:10:9: status: the consultation closed on 1 June 2026 and the strategy is still out for consultation. Once the "
        "source reports what happened next, add that stage (submitted, approved or withdrawn) with its date."
    ) in result.out.splitlines()
    assert (
        "content/leicester/send-2021-24/strategy.yml:9:3: period: the plan ended on 31 March 2024 and nothing says what replaced "
        "it. Where the source names its successor, add a superseded stage with the date and, in its note, what replaced it."
    ) in result.out.splitlines()
    assert result.out.splitlines()[-1] == "6 places where a date has passed as of 1 December 2026 with nothing recorded of what happened."


def test_before_those_days_nothing_is_due(run):
    result = run("--root", REPO, "due", "--as-of", "2024-01-01")
    assert (result.code, result.out, result.err) == (0, "Nothing is overdue as of 1 January 2024.\n", "")


def test_for_github_each_is_a_warning_on_its_line(run):
    result = run("--root", REPO, "--format", "github", "due", "--as-of", "2026-12-01")
    cabinet = _line(REPO / BELONGING, "status: planned", after="date: 2026-07-21")
    warnings = [line for line in result.out.splitlines() if line.startswith("::warning ")]
    assert len(warnings) == 6
    assert any(
        line.startswith(f"::warning file={BELONGING},line={cabinet},col=13,title=Overdue::timeline[5].status: ") for line in warnings
    )
    assert result.code == 0


def test_an_action_past_its_due_day_and_not_done_is_due_and_once_done_is_not(project: Path, run):
    file = "content/leicester/education-2021-24/priorities.yml"
    priorities = project / file
    text = priorities.read_text(encoding="utf-8")
    # The first action of Leicester's education plan, given a due date and a status.
    first = "    - text: We will monitor and update pupil place planning forecasts"
    end = text.index("\n", text.index(first))
    priorities.write_text(text[:end] + "\n      due: 2022-03\n      status: on track" + text[end:], encoding="utf-8")
    due_line = _line(priorities, "due: 2022-03")
    result = run("--root", project, "due", "--as-of", "2026-12-01")
    assert (
        f"{file}:{due_line}:12: priorities[0].actions.year_one[0].due: this action was due by March 2022 and is marked "
        "on track. Record its progress: status: done once the source reports it, or the new date."
    ) in result.out.splitlines()
    priorities.write_text(priorities.read_text(encoding="utf-8").replace("status: on track", "status: done"), encoding="utf-8")
    assert "priorities[0].actions" not in run("--root", project, "due", "--as-of", "2026-12-01").out


def test_the_timeline_page_says_a_planned_meeting_whose_day_has_passed_has_no_outcome_recorded(site: Path):
    html = page(site, "leicestershire/belonging-in-education-2026-29/timeline").read_text(encoding="utf-8")
    assert "21 July 2026: Cabinet (planned; no outcome recorded yet)" in html
    assert (
        '<p class="event-planned"><strong>Planned for 21 July 2026; no outcome recorded yet.</strong> The day has passed, '
        "and the site has no report of what happened.</p>"
    ) in html
