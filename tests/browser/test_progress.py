"""The roll-ups' bars in Chromium: axe finds nothing on the pages that show them, at a phone's and a
desktop's size; nothing scrolls sideways at 320px; each segment is as wide as its count; and the
patterns are kept when the page is printed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..conftest import served
from ..test_progress import build_progress_site
from .conftest import ARTIFACTS, RUN_AXE, WCAG_TAGS

PAGES = [
    "example/plan/",
    "example/plan/priorities/belonging/",
    "example/plan/this-year/",
    "example/plan/progress/",
    "example/plan/measures/",
]


@pytest.fixture(scope="module")
def progress_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The minimal site with statuses and dated updates (tests/test_progress.py), built and served."""
    out = build_progress_site(tmp_path_factory.mktemp("progress-browser") / "site")
    with served(out) as url:
        yield url


@pytest.mark.parametrize("size", [(320, 568), (1280, 720)], ids=["320x568", "1280x720"])
def test_the_pages_with_roll_ups_pass_axe_and_reflow(browser, axe_source: str, progress_url: str, size: tuple[int, int]):
    # axe is added as an inline script, which the pages' policy would block: this context alone bypasses it.
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, bypass_csp=True)
    page = context.new_page()
    found = {}
    for uri in PAGES:
        page.goto(progress_url + uri)
        page.add_script_tag(content=axe_source)
        violations = page.evaluate(RUN_AXE, WCAG_TAGS)
        sideways = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
        if violations or sideways:
            found[uri] = violations + (["scrolls sideways"] if sideways else [])
    context.close()
    assert found == {}


def test_each_segment_is_as_wide_as_its_count_and_has_its_own_pattern(browser, progress_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(progress_url + "example/plan/priorities/belonging/")
    cells = page.evaluate(
        """() => [...document.querySelectorAll('.rollup-segment')].map(td => {
             const style = getComputedStyle(td);
             return [td.className, td.getBoundingClientRect().width, style.backgroundImage + ' ' + style.backgroundColor];
           })"""
    )
    assert [c[0].split()[1] for c in cells] == ["rollup--done", "rollup--delayed", "rollup--not-started", "rollup--not-recorded"]
    done, delayed, not_started, not_recorded = (c[1] for c in cells)
    # Two actions done against one of each other: twice as wide, give or take the borders and gaps.
    assert abs(done - 2 * delayed) <= 6 and abs(delayed - not_started) <= 1 and abs(delayed - not_recorded) <= 1
    assert len({c[2] for c in cells}) == 4
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".rollup").first.screenshot(path=str(ARTIFACTS / "rollup-1280.png"))
    context.close()


def test_the_patterns_are_kept_in_print(browser, progress_url: str):
    context = browser.new_context(viewport={"width": 800, "height": 900})
    page = context.new_page()
    page.goto(progress_url + "example/plan/progress/")
    page.emulate_media(media="print")
    kept = page.evaluate(
        """() => [...document.querySelectorAll('.rollup-segment, .rollup-key')].map(el => {
             const style = getComputedStyle(el);
             return [style.printColorAdjust, style.display !== 'none' && el.getBoundingClientRect().width > 0];
           })"""
    )
    assert kept and all(adjust == "exact" and shown for adjust, shown in kept)
    assert len(page.pdf()) > 1000
    context.close()
