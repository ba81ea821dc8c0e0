"""The corpus of broken content: each file must produce exactly the messages written in its header.

Each case under tests/broken/ is a copy of the minimal strategy with one
mistake, and says where it is placed (`# target:`) and every line `check`
must print (`# expect:`), with file, line, column, path and wording. The
wording is what an officer reads, so a change to it shows up here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.content.loader import load_library
from plugins.content.problems import ContentError

CASES = sorted((Path(__file__).parent / "broken").glob("*.yml"))


def _header(text: str, key: str) -> list[str]:
    return [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith(f"# {key}:")]


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_broken_file_gives_its_exact_messages(case: Path, minimal: Path, run):
    text = case.read_text(encoding="utf-8")
    (target,) = _header(text, "target")
    expected = [line.split("# expect: ", 1)[1] for line in text.splitlines() if line.startswith("# expect: ")]
    assert expected, f"{case.name} says nothing it expects"
    (minimal / target).write_text(text, encoding="utf-8")

    result = run("--root", minimal, "check")

    assert result.code == 1
    assert result.problems == expected
    assert "Traceback" not in result.err
    assert result.err.splitlines()[-1].startswith(f"Found {len(expected)} problem")


def _only_problem(result) -> str:
    assert result.code == 1
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


def test_a_file_that_is_not_utf8_is_reported_at_the_bad_byte(minimal: Path, run):
    path = minimal / "content/example/plan/strategy.yml"
    path.write_bytes(path.read_bytes().replace(b"Every child belongs", b"Every child \xe9 belongs", 1))
    line, column = next((i, text.index(b"\xe9") + 1) for i, text in enumerate(path.read_bytes().split(b"\n"), 1) if b"\xe9" in text)
    problem = _only_problem(run("--root", minimal, "check"))
    assert problem == (
        f"content/example/plan/strategy.yml:{line}:{column}: This file is not saved as UTF-8 text. "
        "Save it again as UTF-8 (in most editors: File > Save with Encoding > UTF-8)."
    )


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(minimal: Path, run):
    path = minimal / "content/example/plan/strategy.yml"
    path.write_text(path.read_text() + "# padding\n" * 110_000)
    problem = _only_problem(run("--root", minimal, "check"))
    assert problem.startswith("content/example/plan/strategy.yml:1:1: This file is 1,")
    assert problem.endswith("bytes, more than the limit of 1,000,000 bytes. Split the strategy into several files in its folder.")


def test_an_alias_bomb_is_refused_at_its_first_anchor(minimal: Path, run):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    (minimal / "content/example/plan/strategy.yml").write_text("\n".join(lines) + "\n")
    problem = _only_problem(run("--root", minimal, "check"))
    assert (
        problem
        == "content/example/plan/strategy.yml:1:4: Anchors and aliases (& and *) are not allowed in content. Write the value out in full."
    )


def test_an_empty_file_is_reported(minimal: Path, run):
    (minimal / "content/example/plan/strategy.yml").write_text("# nothing yet\n")
    assert _only_problem(run("--root", minimal, "check")) == (
        "content/example/plan/strategy.yml:1:1: This file is empty. Add the content, or delete the file."
    )


def test_a_file_that_is_a_list_is_reported(minimal: Path, run):
    (minimal / "content/example/plan/strategy.yml").write_text("- title: A list, not a strategy\n")
    assert _only_problem(run("--root", minimal, "check")) == (
        "content/example/plan/strategy.yml:1:1: This file should be a set of 'key: value' lines at the top level."
    )


def test_a_yaml_extension_is_reported(minimal: Path, run):
    (minimal / "content/example/plan/extra.yaml").write_text("values: [Be fair]\n")
    assert _only_problem(run("--root", minimal, "check")) == (
        "content/example/plan/extra.yaml:1:1: Content files end in '.yml'. Rename this file from '.yaml' to '.yml'."
    )


def test_a_field_given_in_two_files_of_one_strategy_is_reported_in_the_second(minimal: Path, run):
    (minimal / "content/example/plan/summary.yml").write_text("# the summary again\nsummary: Another summary.\n")
    assert _only_problem(run("--root", minimal, "check")) == (
        "content/example/plan/summary.yml:2:1: summary: 'summary' is already given in "
        "content/example/plan/strategy.yml. Each part of a strategy belongs in one file."
    )


def test_a_folder_for_an_unknown_organisation_is_reported(minimal: Path, run):
    (minimal / "content/exmaple/plan").mkdir(parents=True)
    (minimal / "content/exmaple/plan/strategy.yml").write_text("title: Lost\n")
    assert _only_problem(run("--root", minimal, "check")) == (
        "content/exmaple/:1:1: 'exmaple' is not an organisation in content/organisations.yml. Did you mean 'example'? Known: example."
    )


def test_a_strategy_folder_without_strategy_yml_is_reported(minimal: Path, run):
    (minimal / "content/example/other").mkdir()
    (minimal / "content/example/other/priorities.yml").write_text("priorities: []\n")
    assert _only_problem(run("--root", minimal, "check")) == (
        "content/example/other/strategy.yml:1:1: This strategy folder has no strategy.yml. "
        "Every strategy needs one: run 'python site_build.py new'."
    )


def test_a_file_in_no_known_place_is_reported(minimal: Path, run):
    (minimal / "content/example/notes.yml").write_text("title: Notes\n")
    assert _only_problem(run("--root", minimal, "check")) == (
        "content/example/notes.yml:1:1: This file is not in a place the site reads. Strategies live in "
        "content/<organisation>/<strategy>/, progress reports in content/<organisation>/progress/."
    )


def test_every_problem_in_every_file_is_reported_in_one_run(minimal: Path, run):
    plan = minimal / "content/example/plan/strategy.yml"
    plan.write_text(plan.read_text().replace("status: on track", "status: ongoing").replace("  - SEND\n", "  - SENDD\n"))
    (minimal / "content/glossary.yml").write_text("terms:\n  - term: SEND\n    meening: typo\n")
    result = run("--root", minimal, "check")
    assert result.code == 1
    files = [p.split(":", 1)[0] for p in result.problems]
    assert files == ["content/example/plan/strategy.yml", "content/glossary.yml"]
    assert result.err.splitlines()[-1] == "Found 2 problems in 2 files. Fix them and run the command again."


def test_the_line_given_for_an_unknown_glossary_term_can_be_pasted_into_the_glossary(minimal: Path, run):
    plan = minimal / "content/example/plan/strategy.yml"
    plan.write_text(plan.read_text().replace("  - SEND\n", '  - SEND\n  - "Local Offer: 0-25"\n'))
    (problem,) = run("--root", minimal, "check").problems
    line = problem.split("write its meaning between the quotes: ", 1)[1]
    assert line == '- {term: "Local Offer: 0-25", meaning: ""}'
    glossary = minimal / "content/glossary.yml"
    glossary.write_text(glossary.read_text() + f"  {line}\n")
    # Pasted as it is, the term is refused until its meaning is written: nothing is published without one.
    assert run("--root", minimal, "check").problems == ["content/glossary.yml:5:42: terms[1].meaning: must not be empty."]
    glossary.write_text(glossary.read_text().replace('meaning: ""', 'meaning: "The services for children with SEND."'))
    assert run("--root", minimal, "check").code == 0


def test_the_line_for_an_unknown_glossary_term_names_the_content_folder_mkdocs_yml_names(minimal: Path):
    (minimal / "content").rename(minimal / "strategies")
    plan = minimal / "strategies/example/plan/strategy.yml"
    plan.write_text(plan.read_text().replace("  - SEND\n", "  - EHCP\n"))
    with pytest.raises(ContentError) as refused:
        load_library(minimal, content_dir="strategies")
    assert [str(p) for p in refused.value.problems] == [
        "strategies/example/plan/strategy.yml:42:5: glossary[0]: 'EHCP' is not a term in strategies/glossary.yml. Known: SEND. "
        "If it is a new term, add this line under 'terms:' in strategies/glossary.yml, lined up with the other terms, "
        'and write its meaning between the quotes: - {term: "EHCP", meaning: ""}'
    ]


def test_a_strategy_with_a_mistake_is_still_a_strategy_for_the_files_that_name_it(minimal: Path, run):
    # One mistake in a strategy's own file is one problem, told there: the progress report, the related
    # strategy and the other version that name it are right, and nothing is said about them.
    plan = minimal / "content/example/plan/strategy.yml"
    plan.write_text(plan.read_text().replace("status: on track", "status: ongoing"))
    (minimal / "content/example/progress").mkdir()
    (minimal / "content/example/progress/2026-07-01-report.yml").write_text(
        "title: Position statement\ndate: 2026-07-01\nmeeting: County Council meeting\nauthor: Cabinet Lead Member\n"
        "updates:\n  - heading: Attendance\n    strategy: example/plan\n    priority: belonging\n    body: Attendance is up.\n"
    )
    other = minimal / "content/example/other/strategy.yml"
    other.parent.mkdir()
    other.write_text(
        plan.read_text().replace("status: ongoing", "status: on track")
        + "related_strategies:\n  - strategy: example/plan\n    relationship: The plan this one follows.\n"
        + "versions:\n  this: approved\n  date: 2026-07-01\n  others:\n    - kind: consultation draft\n      title: The draft\n"
        + "      date: 2026-04-20\n      start_year: 2026\n      end_year: 2029\n      strategy: example/plan\n"
        + "      source: Report to Cabinet, 1 July 2026\n"
    )
    result = run("--root", minimal, "check")
    assert result.code == 1
    assert result.problems == [
        "content/example/plan/strategy.yml:36:19: priorities[0].actions.year_one[0].status: 'ongoing' is not a status. "
        ""
        "For an action under way, say how it is going: on track, at risk or delayed. "
        "Use one of: not started, on track, at risk, delayed, done."
    ]
    assert result.err.splitlines()[-1].startswith("Found 1 problem in 1 file.")


def test_a_report_naming_no_strategy_on_the_site_is_told_with_the_nearest_one(minimal: Path, run):
    (minimal / "content/example/progress").mkdir()
    (minimal / "content/example/progress/2026-07-01-report.yml").write_text(
        "title: Position statement\ndate: 2026-07-01\nmeeting: County Council meeting\nauthor: Cabinet Lead Member\n"
        "updates:\n  - heading: Attendance\n    strategy: example/plann\n    body: Attendance is up.\n"
    )
    result = run("--root", minimal, "check")
    assert result.code == 1
    assert result.problems == [
        "content/example/progress/2026-07-01-report.yml:7:15: updates[0].strategy: 'example/plann' is not a strategy on this site. "
        "Did you mean 'example/plan'? Known: example/plan."
    ]


def test_did_you_mean_never_suggests_what_was_written():
    # Whatever refused a value that is among the known ones, repeating it back would be no help.
    from plugins.content import messages

    assert messages.unknown_reference("strategy on this site", "example/plan", ["example/plan", "example/plan-2"]) == (
        "'example/plan' is not a strategy on this site. Did you mean 'example/plan-2'? Known: example/plan, example/plan-2."
    )
    assert "Did you mean" not in messages.unknown_reference("strategy on this site", "example/plan", ["example/plan"])


@pytest.mark.parametrize(
    ("before", "after", "told"),
    [
        # Month first, as in the US: no reading day first is a date, so none is offered.
        ("          status: on track\n", "          status: on track\n          due: 06/15/2026\n", "'06/15/2026' is not a date. Write"),
        # A two-figure year does not say which century.
        ("          status: on track\n", "          status: on track\n          due: 10/06/26\n", "'10/06/26' is not a date. Write"),
        # Day first, where month first could not be a date: no need to say how it was read.
        (
            "          status: on track\n",
            "          status: on track\n          due: 13/06/2026\n",
            "'13/06/2026' is not a date. Did you mean 2026-06-13? Write",
        ),
        # "in progress" could be on track, at risk or delayed: not guessed.
        (
            "          status: on track\n",
            "          status: in progress\n",
            "'in progress' is not a status. For an action under way, say how it is going: on track, at risk or delayed. Use one of:",
        ),
    ],
    ids=["month-first", "two-figure-year", "day-over-twelve", "in-progress"],
)
def test_a_choice_or_date_with_no_sure_reading_is_not_guessed(minimal: Path, run, before: str, after: str, told: str):
    plan = minimal / "content/example/plan/strategy.yml"
    plan.write_text(plan.read_text().replace(before, after))
    result = run("--root", minimal, "check")
    assert result.code == 1
    (problem,) = result.problems
    assert problem.split(": ", 2)[2].startswith(told), problem
