"""Reader testing on record: who tested an edition, when, and each point's result; a point changed
after the test makes the page, the booklet and the scorecard say that readers have not checked it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pypdf
import pytest

import site_build
from easyread.page import checked_sentence
from plugins.content import load_library
from plugins.content.model import EasyRead

from .conftest import AS_OF, copy_project, page
from .html_outline import squash

SEND = "leicester/send-2021-24"
EDUCATION = "leicester/education-2021-24"


def _points(root: Path, strategy: str) -> list[str]:
    loaded = load_library(root).strategy(strategy)
    assert loaded is not None and loaded.model.easy_read is not None
    return [p.text for s in loaded.model.easy_read.sections for p in s.points]


def _record(root: Path, strategy: str, tested: list[dict[str, str]]) -> None:
    """checked_by written into a strategy's easy-read.yml, under its date, as the communications team writes it."""
    file = root / "content" / strategy / "easy-read.yml"
    points = "".join(
        f"      - text: {json.dumps(t['text'])}\n        result: {t['result']}\n"
        + (f"        note: {json.dumps(t['note'])}\n" if "note" in t else "")
        for t in tested
    )
    record = f"  checked_by:\n    by: The Speak Up group\n    date: 2026-10\n    points:\n{points}"
    text = file.read_text(encoding="utf-8")
    text, found = re.subn(r"(?m)^(  date: .*\n)", lambda m: m.group(1) + record, text, count=1)
    assert found == 1
    file.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def tested_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The project with two editions tested by readers in October 2026: SEND's with 2 points changed
    since, Education's as the readers tested it. Built, booklets included, for the shared day."""
    root = copy_project(tmp_path_factory.mktemp("tested") / "project")
    send = _points(root, SEND)
    changed = {send[1], send[4]}
    _record(
        root,
        SEND,
        [{"text": t, "result": "understood"} for t in send if t not in changed]
        # What the two points said when the readers read them; they have been reworded since.
        + [
            {"text": "Words the readers tested, since reworded.", "result": "changed", "note": "They did not know a word."},
            {"text": "Other words the readers tested.", "result": "understood"},
            # A point taken out since: history, which says nothing about the edition as it is.
            {"text": "A point that is no longer in the booklet.", "result": "understood"},
        ],
    )
    _record(root, EDUCATION, [{"text": t, "result": "understood"} for t in _points(root, EDUCATION)])
    site = root / "site"
    assert site_build.main(["--root", str(root), "build", "--site-dir", str(site), "--as-of", AS_OF]) == 0
    return root, site


def _unspanned(html: str) -> str:
    """The page's HTML without the spans that keep each date on one line (tests/test_booklets.py checks those)."""
    return re.sub(r'<span class="er-nowrap">([^<]*)</span>', r"\1", html)


CHANGED = "The Speak Up group checked this booklet in October 2026. We changed 2 points after that. They have not checked the changes yet."
AS_TESTED = "The Speak Up group checked this booklet in October 2026."


def test_the_page_says_when_points_changed_after_readers_checked_them(tested_site: tuple[Path, Path]):
    _, site = tested_site
    send = _unspanned(page(site, f"{SEND}/easy-read").read_text(encoding="utf-8"))
    assert f"<p>{CHANGED}</p>" in send
    education = _unspanned(page(site, f"{EDUCATION}/easy-read").read_text(encoding="utf-8"))
    assert f"<p>{AS_TESTED}</p>" in education
    assert "We changed" not in education
    # An edition with no record says readers have not checked it.
    belonging = page(site, "leicestershire/belonging-in-education-2026-29/easy-read").read_text(encoding="utf-8")
    assert "<p>People with a learning disability have not checked this booklet yet.</p>" in belonging


def test_the_booklet_says_the_same(tested_site: tuple[Path, Path]):
    _, site = tested_site
    for strategy, sentence in ((SEND, CHANGED), (EDUCATION, AS_TESTED)):
        slug = strategy.split("/")[1]
        reader = pypdf.PdfReader(site / strategy / f"{slug}-easy-read.pdf")
        text = squash(" ".join(p.extract_text() for p in reader.pages))
        assert sentence in text
        assert ("We changed 2 points" in text) == (strategy == SEND)


def test_the_scorecard_says_who_checked_each_edition_and_how_many_points_changed_since(tested_site: tuple[Path, Path], run):
    root, _ = tested_site
    result = run("--root", root, "easyread")
    cards = {card.split(":", 1)[0]: card for card in result.out.split("\n\n")}
    assert "  checked by readers: The Speak Up group, October 2026 (2 points changed since)\n" in cards[SEND]
    assert "  checked by readers: The Speak Up group, October 2026\n" in cards[EDUCATION]
    assert "  checked by readers: not yet\n" in cards["leicestershire/belonging-in-education-2026-29"]


# --- The sentence, case by case ------------------------------------------------------------------------


def _edition(points: list[str], checked_by: dict[str, Any] | None) -> EasyRead:
    return EasyRead.model_validate(
        {
            "title": "Our plan",
            "date": "2026-11",
            "checked_by": checked_by,
            "sections": [{"part": "about", "heading": "About", "points": [{"text": t} for t in points]}],
        }
    )


POINTS = ["We want every child to do well.", "Children learn best near home.", "We will help schools."]


def test_no_record_says_readers_have_not_checked_it():
    assert checked_sentence(_edition(POINTS, None)) == "People with a learning disability have not checked this booklet yet."


def test_a_record_without_points_says_only_who_checked_it_and_when():
    edition = _edition(POINTS, {"by": "The Speak Up group", "date": "2026-10-14"})
    assert checked_sentence(edition) == "The Speak Up group checked this booklet on 14 October 2026."
    assert edition.changed_since_checked() == []


def test_one_point_changed_since_is_said_in_the_singular():
    tested = [{"text": t, "result": "understood"} for t in POINTS[:2]] + [{"text": "We will help every school.", "result": "changed"}]
    edition = _edition(POINTS, {"by": "Our readers", "date": "2027-03", "points": tested})
    assert [p.text for p in edition.changed_since_checked()] == ["We will help schools."]
    assert checked_sentence(edition) == (
        "Our readers checked this booklet in March 2027. We changed 1 point after that. They have not checked the change yet."
    )


def test_a_point_added_after_the_test_counts_as_changed_and_spacing_does_not():
    tested = [{"text": "We want  every child to do well. ", "result": "understood"}, {"text": POINTS[1], "result": "understood"}]
    edition = _edition(POINTS, {"by": "Our readers", "date": "2027-03", "points": tested})
    assert [p.text for p in edition.changed_since_checked()] == ["We will help schools."]


MINIMAL_EDITION = """easy_read:
  title: Our plan
  date: 2026-11
  sections:
    - part: about
      heading: About this booklet
      points:
        - text: We will help your school.
          picture: school
          alt: A school.
        - text: Tell us what you think by 1 June 2026.
          picture: speech-balloon
          alt: A speech bubble.
"""


def test_a_point_readers_asked_to_change_that_is_as_it_was_is_on_the_scorecard(minimal: Path, run):
    (minimal / "content/example/plan/easy-read.yml").write_text(MINIMAL_EDITION, encoding="utf-8")
    first, second = _points(minimal, "example/plan")
    _record(
        minimal,
        "example/plan",
        [{"text": first, "result": "changed", "note": "Say which school."}, {"text": second, "result": "understood"}],
    )
    loaded = load_library(minimal).strategy("example/plan")
    assert loaded is not None and loaded.model.easy_read is not None
    assert [p.text for p in loaded.model.easy_read.still_to_change()] == [first]
    # Readers tested these very words, so the page says they checked it; the scorecard tells the team the rest.
    assert checked_sentence(loaded.model.easy_read) == AS_TESTED
    result = run("--root", minimal, "easyread")
    assert "  checked by readers: The Speak Up group, October 2026 (1 point they asked to change not changed yet)\n" in result.out
