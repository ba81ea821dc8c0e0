"""The officer's pull request: mistakes shown on their line in CI, and a plain summary of what changed."""

from __future__ import annotations

import html
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

import site_build
from plugins.content.model import Strategy

from .conftest import REPO, page
from .html_outline import article_text

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Officer",
    "GIT_AUTHOR_EMAIL": "officer@example.gov.uk",
    "GIT_COMMITTER_NAME": "Officer",
    "GIT_COMMITTER_EMAIL": "officer@example.gov.uk",
}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, env=GIT_ENV, capture_output=True)


@pytest.fixture
def repository(minimal: Path) -> Path:
    """The minimal site as a git repository with one commit."""
    git(minimal, "init", "-q", "-b", "main")
    git(minimal, "add", "-A")
    git(minimal, "commit", "-q", "-m", "The strategy as approved")
    return minimal


def _edit(root: Path, old: str, new: str) -> None:
    path = root / "content/example/plan/strategy.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_diff_summarises_a_committed_change_in_plain_english(repository: Path, run):
    _edit(
        repository,
        "        - text: We will review attendance support\n          theme: attendance\n          status: on track\n",
        "        - text: We will review attendance support for every pupil\n          theme: attendance\n          status: done\n"
        "        - text: We will train staff in belonging\n          theme: attendance\n",
    )
    _edit(repository, "      name: Partnership Board", "      name: Belonging Partnership Board")
    git(repository, "commit", "-q", "-am", "After the consultation")
    result = run("--root", repository, "diff", "HEAD~1", "HEAD")
    assert result.code == 0, result.err
    assert result.out == (
        "## What changed in the strategies\n"
        "\n"
        "- Example 2026-29 > Priority 1 > Year one (2026-2027): 1 action added: 'We will train staff in belonging' (theme: 'attendance'); "
        "1 action reworded: 'We will review attendance support' -> 'We will review attendance support for every pupil'; "
        "status of 'We will review attendance support for every pupil' changed from on track to done\n"
        "- Example 2026-29 > Governance: board renamed: 'Partnership Board' -> 'Belonging Partnership Board'\n"
    )


def test_diff_without_a_second_revision_compares_with_the_working_folder(repository: Path, run):
    _edit(repository, "status: on track", "status: at risk")
    result = run("--root", repository, "diff", "HEAD")
    assert result.out.splitlines()[-1] == (
        "- Example 2026-29 > Priority 1 > Year one (2026-2027): "
        "status of 'We will review attendance support' changed from on track to at risk"
    )


def test_diff_with_no_change_says_so_and_a_bad_revision_is_a_message(repository: Path, run):
    assert run("--root", repository, "diff", "HEAD").out == "## What changed in the strategies\n\nNo strategy changed.\n"
    bad = run("--root", repository, "diff", "no-such-branch")
    assert (bad.code, bad.err) == (1, "'no-such-branch' is not a git revision of this repository.\n")


def test_ci_reports_each_content_problem_as_an_annotation_on_its_line(minimal: Path, run):
    broken = REPO / "tests/broken/04-misspelt-top-level-key.yml"
    shutil.copy2(broken, minimal / "content/example/plan/strategy.yml")
    result = run("--root", minimal, "--format", "github", "check")
    assert result.code == 1
    annotations = result.out.splitlines()
    assert len(annotations) == 1
    assert annotations[0].startswith(
        "::error file=content/example/plan/strategy.yml,line=4,col=1,title=Content problem::titel: 'titel' is not a field here. "
        "Did you mean 'title'?"
    )
    # The full list is in the log as well, as a person reads it.
    assert result.err.splitlines()[0].startswith(
        "content/example/plan/strategy.yml:4:1: titel: 'titel' is not a field here. Did you mean 'title'?"
    )


def test_ci_reports_easy_read_errors_and_advice_as_annotations(project: Path, run):
    root = project
    edition = root / "content/leicester/send-2021-24/easy-read.yml"
    text = edition.read_text(encoding="utf-8")
    text = text.replace("Their needs were getting more complex.", "Their needs were getting more & more complex.")
    said = "The plan said the council would work closely with health services."
    edition.write_text(text.replace(said, "Health services were asked to help."))
    lines = edition.read_text().splitlines()
    symbol = next(n for n, t in enumerate(lines, 1) if "more & more" in t)
    passive = next(n for n, t in enumerate(lines, 1) if "were asked" in t)
    result = run("--root", root, "--format", "github", "easyread")
    assert result.code == 1
    assert (
        f"::error file=content/leicester/send-2021-24/easy-read.yml,line={symbol},col=17,title=Easy Read error::"
        "easy_read.sections[1].points[1].text: rule 11 (no symbols for words, error): '&' is a symbol or short form used for words. "
        "Suggestion: & -> and." in result.out.splitlines()
    )
    assert (
        f"::warning file=content/leicester/send-2021-24/easy-read.yml,line={passive},col=17,title=Easy Read advice::"
        "easy_read.sections[5].points[0].text: rule 6 (active voice, advice): 'were asked' may be passive. "
        "Suggestion: say who does it, such as 'we will' or 'you can'." in result.out.splitlines()
    )


def _site_build_commands(text: str) -> list[list[str]]:
    commands = []
    for line in text.splitlines():
        line = line.strip().removeprefix("- ").removeprefix("run: ").removeprefix("entry: ")
        if line.startswith("python site_build.py"):
            words = shlex.split(line.split(">")[0])
            # A revision from the workflow's context stands for any branch name.
            commands.append(["main" if "${{" in w else w for w in words[2:]])
    return commands


@pytest.mark.parametrize("config", [".github/workflows/site.yml", ".pre-commit-config.yaml"])
def test_the_ci_workflow_and_pre_commit_hook_run_real_commands(config: str):
    text = (REPO / config).read_text(encoding="utf-8")
    yaml.safe_load(text)
    commands = _site_build_commands(text)
    assert commands, f"{config} runs no site_build.py command"
    for argv in commands:
        site_build.build_parser().parse_args(argv)  # a misspelt command or option exits with an error
    names = {next(w for w in argv if not w.startswith("-") and w not in ("github",)) for argv in commands}
    assert "check" in names
    if config.startswith(".github"):
        assert {"check", "easyread", "build", "diff"} <= names
        assert any("--format" in argv and "github" in argv for argv in commands)
        assert ["--format", "github", "check", "--base", "main"] in commands


def test_check_against_the_base_asks_for_a_change_note_when_commitments_change(repository: Path, run):
    _edit(repository, "        - text: We will review attendance support\n", "        - text: We will review attendance support weekly\n")
    missing = run("--root", repository, "check", "--base", "HEAD")
    assert missing.code == 1
    problem = missing.err.splitlines()[0]
    assert problem.startswith(
        "content/example/plan/strategy.yml:24:1: priorities: the priorities or actions of this strategy have changed since HEAD, "
        "and 'changes' has no new note. Add one, for example: changes: [{date: "
    )
    path = repository / "content/example/plan/strategy.yml"
    path.write_text(
        path.read_text() + "changes:\n  - date: 2026-07-22\n    note: Made the attendance review weekly after the consultation.\n"
    )
    assert run("--root", repository, "check", "--base", "HEAD").code == 0
    # A status moving on is progress, not a change of commitment: no note is needed.
    git(repository, "commit", "-q", "-am", "Weekly review")
    _edit(repository, "status: on track", "status: done")
    assert run("--root", repository, "check", "--base", "HEAD").code == 0


def test_the_site_shows_the_change_history_newest_first(minimal: Path, tmp_path: Path, run):
    for name in ("mkdocs.yml", "docs", "templates"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, minimal / name)
    path = minimal / "content/example/plan/strategy.yml"
    path.write_text(path.read_text() + "changes:\n  - date: 2026-07-22\n    note: Made the attendance review weekly.\n")
    # The minimal project is itself in tmp_path/site: the built site goes beside it.
    assert run("--root", minimal, "build", "--no-pdf", "--site-dir", tmp_path / "out", "--as-of", "2026-11-22").code == 0
    text = article_text(page(tmp_path / "out", "example/plan"))
    assert (
        "Change history 22 July 2026: Made the attendance review weekly. 20 April 2026: Out for consultation 24 March 2026: Draft stage "
        "First published 24 March 2026. Last updated 22 July 2026."
    ) in text


def test_a_draft_and_its_approved_version_are_both_published_and_compared_side_by_side(minimal: Path, tmp_path: Path, run):
    for name in ("mkdocs.yml", "docs", "templates"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, minimal / name)
    draft = minimal / "content/example/plan/strategy.yml"
    approved = minimal / "content/example/plan-approved/strategy.yml"
    approved.parent.mkdir()
    text = draft.read_text(encoding="utf-8")
    record = (
        "versions:\n  this: {this}\n  date: {date}\n  others:\n    - kind: {kind}\n      title: {title}\n      date: {other_date}\n"
        "      start_year: 2026\n      end_year: 2029\n      strategy: {other}\n      source: A made-up report, paragraph 1\n"
    )
    draft.write_text(
        text
        + record.format(
            this="consultation draft",
            date="2026-04-20",
            kind="approved",
            title="Example Strategy (approved)",
            other_date="2026-07-21",
            other="example/plan-approved",
        )
    )
    changed = (
        text.replace("title: Example Strategy 2026-2029", "title: Example Strategy (approved)")
        .replace("short_title: Example 2026-29", "short_title: Example approved")
        .replace("We will review attendance support", "We will review attendance support every week")
        .replace("          status: on track\n", "          status: on track\n        - text: We will train every teacher\n")
    )
    approved.write_text(
        changed
        + record.format(
            this="approved",
            date="2026-07-21",
            kind="consultation draft",
            title="Example Strategy 2026-2029",
            other_date="2026-04-20",
            other="example/plan",
        )
    )
    site = tmp_path / "out"  # beside the minimal project, which is in tmp_path/site
    assert run("--root", minimal, "build", "--no-pdf", "--site-dir", site, "--as-of", "2026-11-22").code == 0
    assert "This is the consultation draft of 20 April 2026" in article_text(page(site, "example/plan"))
    assert "This is the approved strategy of 21 July 2026" in article_text(page(site, "example/plan-approved"))
    compared = article_text(page(site, "example/plan/changes-after-consultation"))
    assert "Both versions are published on this site." in compared
    assert (
        "Priorities and actions that changed Where Change Consultation draft Approved strategy "
        "Priority 1, Year one (2026-2027) action added Not in this version We will train every teacher "
        "Priority 1, Year one (2026-2027) action reworded We will review attendance support We will review attendance support every week"
    ) in compared
    assert compared == article_text(page(site, "example/plan-approved/changes-after-consultation")).replace(
        "Example approved", "Example 2026-29"
    ).replace("The text on these pages is the approved strategy.", "The text on these pages is the consultation draft.")


def test_a_version_in_a_folder_that_does_not_exist_is_an_error(minimal: Path, run):
    draft = minimal / "content/example/plan/strategy.yml"
    draft.write_text(
        draft.read_text() + "versions:\n  this: consultation draft\n  date: 2026-04-20\n  others:\n    - kind: approved\n"
        "      title: Approved\n      date: 2026-07-21\n      start_year: 2026\n      end_year: 2029\n"
        "      strategy: example/plan-aproved\n      source: A report\n"
    )
    result = run("--root", minimal, "check")
    assert result.err.splitlines()[0].endswith("versions.others[0].strategy: 'example/plan-aproved' is not a strategy on this site.")


def test_the_officers_guide_shows_the_messages_check_really_gives(minimal: Path, tmp_path: Path, run):
    from plugins.pages.guide import EXAMPLE, EXAMPLE_FILE, MISTAKES

    for mistake in MISTAKES:
        target = minimal / "content/example/plan/strategy.yml"
        target.write_text(EXAMPLE.replace(mistake.right, mistake.wrong, 1), encoding="utf-8")
        checked = run("--root", minimal, "check")
        assert checked.code == 1, mistake.heading
        reported = checked.err.replace("example/plan/strategy.yml", EXAMPLE_FILE).splitlines()
        for problem in mistake.problems("content"):
            assert str(problem) in reported, (mistake.heading, str(problem), reported)
    site = tmp_path / "out"  # beside the minimal project, which is in tmp_path/site
    assert run("build", "--no-pdf", "--site-dir", site, "--as-of", "2026-11-22").code == 0
    guide = article_text(page(site, "officers-guide"))
    for mistake in MISTAKES:
        assert mistake.heading in guide
        for problem in mistake.problems("content"):
            assert str(problem) in guide
    assert "this sentence has 18 words; the most is 15" in guide
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="officers-guide/"' in home


def _code_blocks(html_text: str, heading_id: str) -> list[str]:
    """The text of each code block under a heading of a built page, as a reader copies it."""
    section = html_text.split(f'id="{heading_id}"', 1)[1].split("<h2", 1)[0]
    return [html.unescape(re.sub(r"<[^>]+>", "", block)) for block in re.findall(r"<pre><code>(.*?)</code></pre>", section, re.S)]


def test_the_guides_examples_of_recording_progress_copy_as_they_are_into_a_strategy(minimal: Path, tmp_path: Path, run):
    site = tmp_path / "out"
    assert run("build", "--no-pdf", "--site-dir", site, "--as-of", "2026-11-22").code == 0
    guide = page(site, "officers-guide").read_text(encoding="utf-8")
    examples = _code_blocks(guide, "recording-how-it-is-going")
    assert len(examples) == 2
    plan = minimal / "content/example/plan/strategy.yml"
    strategy = yaml.safe_load(plan.read_text(encoding="utf-8"))
    for example in examples:
        # Each starts where a strategy's own keys start, so that it shows where it sits and copies as it is.
        assert not example.startswith(" "), example
        data = yaml.safe_load(example)
        assert isinstance(data, dict) and set(data) <= {info.alias or name for name, info in Strategy.model_fields.items()}, example
        strategy.update(data)
    plan.write_text(yaml.safe_dump(strategy, sort_keys=False, allow_unicode=True), encoding="utf-8")
    checked = run("--root", minimal, "check")
    assert checked.code == 0, checked.err
    text = article_text(page(site, "officers-guide"))
    assert "add comparison, one of exactly, over, under, at least, at most or about;" in text
    assert "one of not started, on track, at risk, delayed or done." in text
