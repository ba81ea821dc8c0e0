"""Easy Read scorecards kept between checks (easyread/checker.py's KeptCards): `check` and `build` check
again only the editions whose strategy, or anything else the check reads, changed; a mistake made in an
edition is reported on the next check as on the first; a damaged entry is checked again."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

import easyread.checker
from plugins.publishing.caches import SCORECARDS_DIR

from .conftest import AS_OF, calls_of, copy_project

SEND = "leicester/send-2021-24"
EDUCATION = "leicester/education-2021-24"
POINT = "        - text: This booklet tells you what the plan said.\n"
# Rule 4: a sentence of more than 15 words is an error.
LONG = (
    "        - text: This booklet tells you what the plan said about children and young people and their families"
    " in the city of Leicester.\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", council="leicester")


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The editions the Easy Read rules are applied to, by their strategy's id."""
    # Each check starts afresh, as each command does in its own process.
    monkeypatch.setattr(easyread.checker, "_last_checked", None)
    return calls_of(monkeypatch, easyread.checker, "check_edition", lambda loaded, *args, **kwargs: loaded.id)


def _check(run, root: Path):
    easyread.checker._last_checked = None
    return run("--root", root, "check")


def test_a_second_check_applies_the_rules_to_no_edition_again(project: Path, run, checked: list[str]):
    first = _check(run, project)
    assert first.code == 0, first.err
    assert sorted(checked) == [EDUCATION, SEND]
    assert len(list((project / SCORECARDS_DIR).glob("*.json"))) == 2
    checked.clear()

    second = _check(run, project)

    assert second.code == 0, second.err
    assert checked == []


def test_a_mistake_made_in_one_edition_is_reported_and_only_that_edition_is_checked_again(project: Path, run, checked: list[str]):
    assert _check(run, project).code == 0
    edition = project / f"content/{SEND}/easy-read.yml"
    assert POINT in edition.read_text()
    edition.write_text(edition.read_text().replace(POINT, LONG))
    checked.clear()

    result = _check(run, project)

    assert result.code == 1
    assert checked == [SEND]
    assert any("easy-read.yml" in line and "rule 4 (short sentences, error)" in line for line in result.problems), result.err
    # Put right, it passes again.
    edition.write_text(edition.read_text().replace(LONG, POINT))
    checked.clear()
    assert _check(run, project).code == 0
    assert checked == [SEND]


def test_the_next_build_stops_at_a_mistake_and_leaves_the_site_as_it_was(project: Path, run, checked: list[str]):
    def build():
        easyread.checker._last_checked = None
        return run("--root", project, "build", "--site-dir", project / "site", "--no-pdf", "--as-of", AS_OF)

    assert build().code == 0
    published = page_of_send(project).read_text()
    edition = project / f"content/{SEND}/easy-read.yml"
    edition.write_text(edition.read_text().replace(POINT, LONG))
    checked.clear()

    result = build()

    assert result.code == 1
    assert checked == [SEND]
    assert any("rule 4 (short sentences, error)" in line for line in result.problems), result.err
    assert page_of_send(project).read_text() == published


def page_of_send(root: Path) -> Path:
    return root / "site" / SEND / "easy-read" / "index.html"


@pytest.mark.parametrize("change", ["threshold", "glossary", "day"])
def test_a_change_every_edition_depends_on_checks_every_edition_again(project: Path, run, checked: list[str], change: str):
    assert _check(run, project).code == 0
    checked.clear()
    if change == "threshold":
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text().replace("        font_size_px: 21\n", "        font_size_px: 21\n        max_sentence_words: 16\n")
        )
    elif change == "glossary":
        glossary = project / "content/glossary.yml"
        glossary.write_text(glossary.read_text().replace("terms:\n", "terms:\n  - term: Pupil\n    meaning: A child at school.\n", 1))
    else:
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text().replace("      content_dir: content\n", "      content_dir: content\n      as_of: '2026-11-23'\n")
        )

    result = _check(run, project)

    assert sorted(checked) == [EDUCATION, SEND], result.err


def test_a_damaged_scorecard_is_checked_again_with_the_same_findings(project: Path, run, checked: list[str]):
    first = _check(run, project)
    assert first.code == 0
    cut, garbled = sorted((project / SCORECARDS_DIR).glob("*.json"))
    cut.write_bytes(cut.read_bytes()[: cut.stat().st_size // 2])
    garbled.write_bytes(garbled.read_bytes().replace(b'"findings"', b'"finding"'))
    checked.clear()

    second = _check(run, project)

    assert second.code == 0
    assert sorted(checked) == [EDUCATION, SEND]
    assert second.out.split("(")[0] == first.out.split("(")[0]


def test_a_mistake_whose_line_moves_is_reported_at_its_new_place(project: Path, run, checked: list[str]):
    # A line added above it changes no value of the edition, but every place a finding names.
    edition = project / f"content/{SEND}/easy-read.yml"
    edition.write_text(edition.read_text().replace(POINT, LONG))
    first = _check(run, project)
    [place] = {line.split(": ")[0] for line in first.problems if "rule 4 (short sentences" in line}
    file, line, column = place.rsplit(":", 2)
    edition.write_text("# The team's note.\n" + edition.read_text())

    second = _check(run, project)

    assert f"{file}:{int(line) + 1}:{column}" in {line.split(": ")[0] for line in second.problems if "rule 4 (short sentences" in line}
    assert second.err.replace(f"{file}:{int(line) + 1}:", f"{file}:{line}:") == first.err


def test_a_scorecard_of_the_wrong_form_is_checked_again(project: Path, run, checked: list[str]):
    # Whole (its digest matches), but not what a check writes: a count that is text, or true.
    assert _check(run, project).code == 0
    for entry, (field, value) in zip(
        sorted((project / SCORECARDS_DIR).glob("*.json")), [("points", '"many"'), ("priorities", "true")], strict=True
    ):
        text = entry.read_bytes().split(b"\n", 1)[1].decode()
        text = re.sub(rf'"{field}": [^,]+,', f'"{field}": {value},', text, count=1)
        entry.write_bytes(hashlib.sha256(text.encode()).hexdigest().encode() + b"\n" + text.encode())
    checked.clear()

    result = _check(run, project)

    assert result.code == 0, result.err
    assert sorted(checked) == [EDUCATION, SEND]
