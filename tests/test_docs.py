"""The README stays a short guide, its links lead somewhere, and what it tells people to run is what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from plugins.content.model import Site

from .conftest import LAYERS, REPO

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


# --- The map of the code names every module ----------------------------------------------------

# Each layer's folder, as tests/test_layers.py lists the layers; site_build.py is one file, its own row.
LAYER_FOLDERS = [name.replace(".", "/") for name in LAYERS if name != "site_build"]


def _map_rows() -> dict[str, str]:
    """The README's map of the code: each layer's folder and the text of its row."""
    section = README.split("### Map of the code", 1)[1].split("\n#", 1)[0]
    return {folder: row for folder, row in re.findall(r"(?m)^\| `([^`]+?)/?` \| (.*) \|$", section)}


@pytest.mark.parametrize("folder", LAYER_FOLDERS)
def test_the_map_of_the_code_names_every_module_of_each_layer_in_its_row(folder: str):
    rows = _map_rows()
    assert folder in rows, f"the README's map of the code has no row for {folder}/"
    root = REPO / folder
    # A module by its file name; a package inside the layer by its folder (scaffold/), since its code is in
    # its __init__.py. The layer's own __init__.py only makes it a package.
    modules = sorted(
        (path.parent.relative_to(root).as_posix() + "/" if path.name == "__init__.py" else path.relative_to(root).as_posix())
        for path in root.rglob("*.py")
        if path.parent != root or path.name != "__init__.py"
    )
    assert modules, f"{folder}/ has no modules"
    assert [name for name in modules if f"`{name}`" not in rows[folder]] == []


# --- EASY-READ.md's rules table is easyread.rules, as it is ---------------------------------------

EASY_READ = (REPO / "EASY-READ.md").read_text(encoding="utf-8")
# The rule whose row names each threshold. A new threshold needs its rule here, and its number in the row.
THRESHOLD_RULES = {
    "min_font_size_px": 1,
    "min_line_height": 3,
    "max_sentence_words": 4,
    "rare_word_zipf": 13,
    "max_words": 14,
    "max_pages": 14,
}


def _rules_table() -> dict[int, tuple[str, str, str]]:
    """EASY-READ.md's table of the rules: each rule's number, and its name, what is checked and its kind."""
    table = EASY_READ.split("| rule | checked | kind |\n| --- | --- | --- |\n", 1)[1].split("\n\n", 1)[0]
    rows = [re.fullmatch(r"\| (\d+) (.+?) \| (.+) \| (\w+) \|", line) for line in table.splitlines()]
    assert all(rows), "a row of the rules table is not '| NUMBER Name | checked | kind |'"
    return {int(row[1]): (row[2], row[3], row[4]) for row in rows if row}


def _shown(value: object) -> str:
    # As the guide writes numbers: 1,000 and 24; 18.7 and 1.5.
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def test_the_easy_read_guides_rules_table_is_the_rules_the_checker_has():
    from easyread.rules import RULES

    table = _rules_table()
    assert {number: (name.lower(), kind) for number, (name, _, kind) in table.items()} == {
        number: (rule.name, rule.severity) for number, rule in RULES.items()
    }


def test_the_easy_read_guides_rules_table_gives_each_default_threshold_in_its_rules_row():
    from dataclasses import fields

    from easyread.rules import Thresholds

    defaults = Thresholds()
    assert set(THRESHOLD_RULES) == {f.name for f in fields(Thresholds)} - {"common_words"}
    table = _rules_table()
    missing = [
        (name, _shown(getattr(defaults, name)), number)
        for name, number in THRESHOLD_RULES.items()
        if not re.search(rf"(?<![\d.,]){re.escape(_shown(getattr(defaults, name)))}(?![\d,]|\.\d)", table[number][1])
    ]
    assert missing == []


def test_the_easy_read_guides_rule_11_lists_every_symbol_and_short_form():
    from easyread.rules import SHORT_FORMS, SYMBOLS

    checked = _rules_table()[11][1]
    assert [form for form in [*SYMBOLS, *SHORT_FORMS] if f"`{form}`" not in checked] == []


def test_the_easy_read_guides_mkdocs_example_sets_every_option_to_its_default():
    from dataclasses import asdict

    from easyread.rules import Style, Thresholds
    from plugins.adapter.config import EasyReadConfig

    [example] = [block for block in re.findall(r"```yaml\n(.*?)```", EASY_READ, flags=re.DOTALL) if "strategy/pages:" in block]
    [plugin] = yaml.safe_load(example)
    options = plugin["strategy/pages"]["easy_read"]
    defaults = {**asdict(Style()), **asdict(Thresholds())}
    # Every option MkDocs reads under easy_read: is a field of Style or Thresholds, and the example shows each.
    assert {name for name, _ in EasyReadConfig._schema} == set(defaults) == set(options)
    assert {name: value for name, value in options.items() if name != "common_words"} == {
        name: value for name, value in defaults.items() if name != "common_words"
    }


# --- The pull request workflow makes the checks .ci/run makes ----------------------------------------


def test_the_pull_request_workflow_runs_every_check_ci_runs():
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    checks = ["python " + command for command in re.findall(r'(?m)^(?:CI=\S+ )?"\$PYTHON" (.+)$', ci) if not command.startswith("-m pip ")]
    assert len(checks) >= 7, checks
    workflow = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    runs = {
        line.strip().replace(" --format github", "")
        for step in workflow["jobs"]["check"]["steps"]
        for line in step.get("run", "").splitlines()
    }
    assert [command for command in checks if command not in runs] == []
    assert any('pip install -e ".[test,dev]"' in line for line in runs)
