"""The officer's pull request: mistakes shown on their line in CI, and a plain summary of what changed."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

import site_build

from .conftest import REPO

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
        "- Example 2026-29 > Priority 1 > Year one (2026-2027): 1 action added: 'We will train staff in belonging'; "
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
    assert annotations[0].startswith(
        "::error file=content/example/plan/strategy.yml,line=5,col=1,title=Content problem::titel: 'titel' is not a field here."
    )
    assert annotations[1] == (
        "::error file=content/example/plan/strategy.yml,line=5,col=1,title=Content problem::title: 'title' is missing. "
        "Add it (The strategy's full title)."
    )
    # The full list is in the log as well, as a person reads it.
    assert (
        result.err.splitlines()[1]
        == "content/example/plan/strategy.yml:5:1: title: 'title' is missing. Add it (The strategy's full title)."
    )


def test_ci_reports_easy_read_errors_and_advice_as_annotations(tmp_path: Path, run):
    from .test_standard_edition import copy_project

    root = copy_project(tmp_path / "project")
    edition = root / "content/leicester/send-2021-24/easy-read.yml"
    text = edition.read_text(encoding="utf-8")
    text = text.replace("Their needs are getting harder to meet.", "Their needs are getting harder & harder to meet.")
    edition.write_text(text.replace("We will work closely with health services.", "Health services were asked to help."))
    lines = edition.read_text().splitlines()
    symbol = next(n for n, t in enumerate(lines, 1) if "harder & harder" in t)
    passive = next(n for n, t in enumerate(lines, 1) if "were asked" in t)
    result = run("--root", root, "--format", "github", "easyread")
    assert result.code == 1
    assert (
        f"::error file=content/leicester/send-2021-24/easy-read.yml,line={symbol},col=17,title=Easy Read error::"
        "easy_read.sections[1].points[2].text: rule 11 (no symbols for words, error): '&' is a symbol or short form used for words. "
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
            commands.append([w for w in words[2:] if not w.startswith('"origin/') and w != "HEAD"] or words[2:])
    return commands


@pytest.mark.parametrize("config", [".github/workflows/site.yml", ".pre-commit-config.yaml"])
def test_the_ci_workflow_and_pre_commit_hook_run_real_commands(config: str):
    text = (REPO / config).read_text(encoding="utf-8")
    yaml.safe_load(text)
    commands = _site_build_commands(text)
    assert commands, f"{config} runs no site_build.py command"
    for argv in commands:
        if argv[-1:] == ["diff"]:
            argv = [*argv, "main"]
        site_build.build_parser().parse_args(argv)  # a misspelt command or option exits with an error
    names = {next(w for w in argv if not w.startswith("-") and w not in ("github",)) for argv in commands}
    assert "check" in names
    if config.startswith(".github"):
        assert {"check", "easyread", "build", "diff"} <= names
        assert any("--format" in argv and "github" in argv for argv in commands)
