"""Reader testing on record: who tested an edition, when, and what they found for each part they read
(a point's text, a section's heading, a hard word's meaning). A part whose words no reader tested, changed
since or left out of a sample, makes the page, the booklet and the scorecard say that readers have not
checked it as it is now; tested words that match nothing now are listed on the scorecard."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pypdf
import pytest

import site_build
from easyread.checker import Scorecard, scorecard_lines
from easyread.page import checked_sentence
from easyread.rules import Thresholds
from plugins.content import load_library
from plugins.content.model import EasyRead

from .conftest import AS_OF, copy_project, page
from .html_outline import squash

SEND = "leicester/send-2021-24"
EDUCATION = "leicester/education-2021-24"
# Tested by readers on a sample: its points, not its headings or its hard words' meanings.
SAMPLED = "leicestershire/send-and-inclusion-2024-27"


def _edition_of(root: Path, strategy: str) -> EasyRead:
    loaded = load_library(root).strategy(strategy)
    assert loaded is not None and loaded.model.easy_read is not None
    return loaded.model.easy_read


def _points(root: Path, strategy: str) -> list[str]:
    return [p.text for s in _edition_of(root, strategy).sections for p in s.points]


def _parts(root: Path, strategy: str) -> list[str]:
    """Every text a reader reads that the edition writes: headings, points and hard words' meanings."""
    return [part.text for part in _edition_of(root, strategy).parts()]


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
def tested_site(tmp_path_factory: pytest.TempPathFactory, site_cache: Path) -> tuple[Path, Path]:
    """The project with three editions tested by readers in October 2026: SEND's with 2 points and a
    hard word's meaning changed since, Education's as the readers tested it, every part, and SEND and
    Inclusion's on a sample of its points only. Built, booklets included, for the shared day."""
    # The shared site's cache: the editions without readers' records are reused, not made again.
    root = copy_project(tmp_path_factory.mktemp("tested") / "project", cache=site_cache)
    send, meanings = _points(root, SEND), [w.means for w in _edition_of(root, SEND).hard_words]
    changed = {send[1], send[4], meanings[0]}
    _record(
        root,
        SEND,
        [{"text": t, "result": "understood"} for t in _parts(root, SEND) if t not in changed]
        # What the two points and the meaning said when the readers read them; they have been reworded since.
        + [
            {"text": "Words the readers tested, since reworded.", "result": "changed", "note": "They did not know a word."},
            {"text": "Other words the readers tested.", "result": "understood"},
            {"text": "A meaning the readers tested, since reworded.", "result": "understood"},
            # A point taken out since: history, which says nothing about the edition as it is.
            {"text": "A point that is no longer in the booklet.", "result": "understood"},
        ],
    )
    _record(root, EDUCATION, [{"text": t, "result": "understood"} for t in _parts(root, EDUCATION)])
    # Readers read only the points: the 11 headings and 9 meanings are not checked.
    _record(root, SAMPLED, [{"text": t, "result": "understood"} for t in _points(root, SAMPLED)])
    site = root / "site"
    assert site_build.main(["--root", str(root), "build", "--site-dir", str(site), "--as-of", AS_OF]) == 0
    return root, site


def _unspanned(html: str) -> str:
    """The page's HTML without the spans that keep each date on one line (tests/test_booklets.py checks those)."""
    return re.sub(r'<span class="er-nowrap">([^<]*)</span>', r"\1", html)


CHANGED = "The Speak Up group checked this booklet in October 2026. They have not checked 3 parts of it as they are now."
AS_TESTED = "The Speak Up group checked this booklet in October 2026."
SAMPLE = "The Speak Up group checked this booklet in October 2026. They have not checked 20 parts of it as they are now."


def test_the_page_says_how_many_parts_readers_have_not_checked_as_they_are_now(tested_site: tuple[Path, Path]):
    _, site = tested_site
    for strategy, sentence in ((SEND, CHANGED), (EDUCATION, AS_TESTED), (SAMPLED, SAMPLE)):
        html = _unspanned(page(site, f"{strategy}/easy-read").read_text(encoding="utf-8"))
        assert f"<p>{sentence}</p>" in html, strategy
        assert ("They have not checked" in html) == (strategy != EDUCATION)
    # An edition with no record says readers have not checked it.
    belonging = page(site, "leicestershire/belonging-in-education-2026-29/easy-read").read_text(encoding="utf-8")
    assert "<p>People with a learning disability have not checked this booklet yet.</p>" in belonging


def test_the_booklet_says_the_same(tested_site: tuple[Path, Path]):
    _, site = tested_site
    for strategy, sentence in ((SEND, CHANGED), (EDUCATION, AS_TESTED), (SAMPLED, SAMPLE)):
        slug = strategy.split("/")[1]
        reader = pypdf.PdfReader(site / strategy / f"{slug}-easy-read.pdf")
        text = squash(" ".join(p.extract_text() for p in reader.pages))
        assert sentence in text, strategy
        assert ("They have not checked" in text) == (strategy != EDUCATION)


def test_the_scorecard_says_who_checked_each_edition_what_is_not_checked_and_what_matches_nothing(tested_site: tuple[Path, Path], run):
    root, _ = tested_site
    result = run("--root", root, "easyread")
    cards = {card.split(":", 1)[0]: card for card in result.out.split("\n\n")}
    assert (
        "  checked by readers: The Speak Up group, October 2026 (3 parts not checked as they are now)\n"
        "  tested words that match nothing in the edition now: 4\n"
        "    Words the readers tested, since reworded.\n"
        "    Other words the readers tested.\n"
        "    A meaning the readers tested, since reworded.\n"
        "    A point that is no longer in the booklet.\n"
        "  review page: "
    ) in cards[SEND]
    assert "  checked by readers: The Speak Up group, October 2026\n  review page: " in cards[EDUCATION]
    sampled = "  checked by readers: The Speak Up group, October 2026 (20 parts not checked as they are now)\n  review page: "
    assert sampled in cards[SAMPLED]
    assert "  checked by readers: not yet\n" in cards["leicestershire/belonging-in-education-2026-29"]
    assert "tested words" not in cards[EDUCATION] + cards[SAMPLED]


# --- The sentence, case by case ------------------------------------------------------------------------


def _edition(points: list[str], checked_by: dict[str, Any] | None, *, heading: str = "About", means: str | None = None) -> EasyRead:
    return EasyRead.model_validate(
        {
            "title": "Our plan",
            "date": "2026-11",
            "checked_by": checked_by,
            "sections": [{"part": "about", "heading": heading, "points": [{"text": t} for t in points]}],
            "hard_words": [{"word": "help", "means": means}] if means else [],
        }
    )


POINTS = ["We want every child to do well.", "Children learn best near home.", "We will help schools."]
MEANS = "To help means to do something for someone."


def _all_understood(*texts: str) -> list[dict[str, str]]:
    return [{"text": t, "result": "understood"} for t in texts]


def test_no_record_says_readers_have_not_checked_it():
    assert checked_sentence(_edition(POINTS, None)) == "People with a learning disability have not checked this booklet yet."


def test_a_record_without_points_says_only_who_checked_it_and_when():
    edition = _edition(POINTS, {"by": "The Speak Up group", "date": "2026-10-14"}, means=MEANS)
    assert checked_sentence(edition) == "The Speak Up group checked this booklet on 14 October 2026."
    assert edition.not_checked_as_now() == []
    assert edition.tested_matching_nothing() == []


def test_every_part_tested_as_it_is_says_only_who_checked_it():
    edition = _edition(POINTS, {"by": "Our readers", "date": "2027-03", "points": _all_understood("About", *POINTS, MEANS)}, means=MEANS)
    assert edition.not_checked_as_now() == []
    assert checked_sentence(edition) == "Our readers checked this booklet in March 2027."


def test_one_part_not_checked_is_said_in_the_singular():
    tested = _all_understood("About", *POINTS[:2]) + [{"text": "We will help every school.", "result": "changed"}]
    edition = _edition(POINTS, {"by": "Our readers", "date": "2027-03", "points": tested})
    assert [p.text for p in edition.not_checked_as_now()] == ["We will help schools."]
    assert checked_sentence(edition) == "Our readers checked this booklet in March 2027. They have not checked 1 part of it as it is now."
    assert [t.text for t in edition.tested_matching_nothing()] == ["We will help every school."]


def test_a_sample_leaves_the_rest_not_checked_headings_and_meanings_included():
    edition = _edition(POINTS, {"by": "Our readers", "date": "2027-03", "points": _all_understood(POINTS[0])}, means=MEANS)
    assert [(p.kind, p.text) for p in edition.not_checked_as_now()] == [
        ("heading", "About"),
        ("point", POINTS[1]),
        ("point", POINTS[2]),
        ("meaning", MEANS),
    ]
    assert checked_sentence(edition) == (
        "Our readers checked this booklet in March 2027. They have not checked 4 parts of it as they are now."
    )


@pytest.mark.parametrize(("heading", "means"), [("About this plan", MEANS), ("About", "Help is when someone does something for you.")])
def test_a_heading_or_a_meaning_reworded_after_the_test_is_not_checked(heading: str, means: str):
    tested = _all_understood("About", *POINTS, MEANS)
    edition = _edition(POINTS, {"by": "Our readers", "date": "2027-03", "points": tested}, heading=heading, means=means)
    assert [p.text for p in edition.not_checked_as_now()] == [heading if heading != "About" else means]
    assert [t.text for t in edition.tested_matching_nothing()] == ["About" if heading != "About" else MEANS]
    assert checked_sentence(edition) == "Our readers checked this booklet in March 2027. They have not checked 1 part of it as it is now."


def test_a_point_added_after_the_test_is_not_checked_and_spacing_does_not_count():
    tested = [{"text": "We want  every child to do well. ", "result": "understood"}, *_all_understood(" About", POINTS[1])]
    edition = _edition(POINTS, {"by": "Our readers", "date": "2027-03", "points": tested})
    assert [p.text for p in edition.not_checked_as_now()] == ["We will help schools."]
    assert edition.tested_matching_nothing() == []


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
        [
            {"text": "About this booklet", "result": "understood"},
            {"text": first, "result": "changed", "note": "Say which school."},
            {"text": second, "result": "understood"},
        ],
    )
    edition = _edition_of(minimal, "example/plan")
    assert [p.text for p in edition.still_to_change()] == [first]
    # Readers tested these very words, so the page says they checked it; the scorecard tells the team the rest.
    assert checked_sentence(edition) == AS_TESTED
    result = run("--root", minimal, "easyread")
    assert "  checked by readers: The Speak Up group, October 2026 (1 point they asked to change not changed yet)\n" in result.out


def test_a_sample_with_a_heading_to_change_and_a_typo_says_so_on_the_scorecard(minimal: Path, run):
    (minimal / "content/example/plan/easy-read.yml").write_text(MINIMAL_EDITION, encoding="utf-8")
    first, _ = _points(minimal, "example/plan")
    _record(
        minimal,
        "example/plan",
        [
            {"text": "About this booklet", "result": "changed", "note": "Say what the booklet is."},
            {"text": first, "result": "changed"},
            # Copied with a typo: it matches nothing, and would otherwise pass as history.
            {"text": "Tell us what you think by 1 Jnue 2026.", "result": "understood"},
            {"text": "A point taken out since.", "result": "understood"},
        ],
    )
    result = run("--root", minimal, "easyread")
    assert (
        "  checked by readers: The Speak Up group, October 2026 (1 part not checked as it is now; "
        "2 parts they asked to change not changed yet)\n"
        "  tested words that match nothing in the edition now: 2\n"
        "    Tell us what you think by 1 Jnue 2026.\n"
        "    A point taken out since.\n"
        "  review page: "
    ) in result.out


def test_tested_words_that_match_nothing_are_escaped_for_the_terminal():
    """The content model refuses invisible characters; the scorecard escapes them all the same, as every
    value from content that reaches a terminal."""
    card = Scorecard("example/plan", "Our plan", checked_by="Our readers, March 2027", tested_matching_nothing=["Words\u202eevil\nmore"])
    lines = scorecard_lines(card, Thresholds())
    at = lines.index("  checked by readers: Our readers, March 2027")
    assert lines[at + 1 : at + 3] == ["  tested words that match nothing in the edition now: 1", "    Words\\u202eevil\\nmore"]
