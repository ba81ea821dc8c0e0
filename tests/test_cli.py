"""The command line as an officer meets it: what it prints, its exit codes, and no tracebacks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from plugins.content.model import Strategy
from plugins.content.yamlsource import load_file

from .conftest import REPO


def test_check_passes_on_the_default_content_and_says_what_it_checked(run):
    result = run("check")
    assert result.code == 0
    assert result.err == ""
    assert re.fullmatch(
        r"Checked 21 files: 5 strategies, 24 priorities, 178 actions, 1 progress report, 35 glossary terms, 4 Easy Read editions\. "
        r"No problems found \(\d+\.\d\d s\)\.\n",
        result.out,
    )


def test_bad_content_exits_1_with_messages_and_no_traceback_when_run_as_a_program(minimal: Path):
    plan = minimal / "content/example/plan/strategy.yml"
    plan.write_text(plan.read_text().replace("status: on track", "status: ongoing"))
    line = plan.read_text().splitlines().index("          status: ongoing") + 1
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, str(REPO / "site_build.py"), "--root", str(minimal), "check"], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert done.stderr.splitlines()[0].startswith(f"content/example/plan/strategy.yml:{line}:19: priorities[0].actions.year_one[0].status:")


@pytest.mark.parametrize("command", ["check", "schema", "new"])
def test_every_command_explains_itself(command: str, capsys: pytest.CaptureFixture[str]):
    import site_build

    with pytest.raises(SystemExit) as stop:
        site_build.main([command, "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: site_build.py {command}")
    assert len(out.splitlines()) >= 4


def test_new_scaffolds_a_strategy_that_passes_check_with_every_section_present(minimal: Path, run):
    result = run("--root", minimal, "new", "example", "--title", "Inclusion Strategy 2027-2030")
    assert result.code == 0, result.err
    assert result.out.startswith("Created content/example/inclusion-strategy-2027-2030/strategy.yml.")
    path = minimal / "content/example/inclusion-strategy-2027-2030/strategy.yml"
    data = load_file(path, "strategy.yml").data
    assert data["title"] == "Inclusion Strategy 2027-2030"
    assert set(data) == set(Strategy.model_fields)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schema/strategy.schema.json\n")
    # Every section sits in a block of lines that opens with a comment explaining it.
    lines = text.splitlines()
    for field in Strategy.model_fields:
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
        start = at
        while start > 0 and lines[start - 1].strip():
            start -= 1
        assert lines[start].startswith("# "), f"{field} has no explanation above it"
    assert run("--root", minimal, "check").code == 0


def test_new_refuses_a_folder_that_exists(minimal: Path, run):
    result = run("--root", minimal, "new", "example", "plan")
    assert result.code == 1
    assert result.err == "content/example/plan/ already exists: choose another name.\n"


def test_new_refuses_an_organisation_without_a_folder(minimal: Path, run):
    result = run("--root", minimal, "new", "nowhere", "plan")
    assert result.code == 1
    assert result.err.startswith("content/nowhere/ does not exist.")


def test_new_refuses_a_folder_name_that_cannot_be_a_web_address(minimal: Path, run):
    result = run("--root", minimal, "new", "example", "My Plan")
    assert result.code == 1
    assert result.err.startswith("'My Plan' cannot be used as a folder name")
