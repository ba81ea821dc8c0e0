"""The README stays a short guide, its links lead somewhere, and what it tells people to run is what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from plugins.content.model import Site

from .conftest import REPO

GUIDES = ["README.md", "MAINTAINING.md", "EASY-READ.md", "SECURITY.md", "schema/README.md"]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _anchors(path: Path) -> set[str]:
    """The anchors GitHub gives a Markdown file's headings."""
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    return {re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-") for heading in re.findall(r"(?m)^#{1,6} (.+)$", text)}


def test_the_readme_is_a_guide_of_at_most_25_kb():
    assert len(README.encode("utf-8")) <= 25_000


@pytest.mark.parametrize("guide", GUIDES)
def test_every_link_between_the_guides_leads_to_a_file_and_heading_that_exist(guide: str):
    source = REPO / guide
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", source.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        file = (source.parent / path).resolve() if path else source
        if not file.exists() or (anchor and file.suffix == ".md" and anchor not in _anchors(file)):
            broken.append(target)
    assert broken == []


def test_the_readme_gives_every_test_command_ci_runs():
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    runs = re.findall(r'"\$PYTHON" -m pytest(.*)$', ci, flags=re.MULTILINE)
    assert runs, "no pytest run in .ci/run"
    for arguments in runs:
        assert f"python -m pytest{arguments}" in README


def test_the_readmes_example_site_settings_are_a_valid_site_yml():
    # `check` tells an officer with no content/site.yml to copy the README's example.
    [example] = [block for block in re.findall(r"```yaml\n(.*?)```", README, flags=re.DOTALL) if "site.schema.json" in block]
    assert Site.model_validate(yaml.safe_load(example)).owner == "example"


# --- The pull request workflow makes the checks .ci/run makes ----------------------------------------


def test_the_pull_request_workflow_runs_every_check_ci_runs():
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    checks = ["python " + command for command in re.findall(r'(?m)^(?:CI=\S+ )?"\$PYTHON" (.+)$', ci) if not command.startswith("-m pip ")]
    assert len(checks) >= 8, checks
    workflow = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    runs = {
        line.strip().replace(" --format github", "")
        for step in workflow["jobs"]["check"]["steps"]
        for line in step.get("run", "").splitlines()
    }
    assert [command for command in checks if command not in runs] == []
    assert any('pip install -e ".[test,dev]"' in line for line in runs)
