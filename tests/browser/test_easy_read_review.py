"""The review page of an Easy Read edition whose points name what they explain, in Chromium: WCAG 2.2 AA
by axe-core, the structure checks every page passes, and reflow at 320px with each table scrolling in
its own region. The real site's review pages are checked with every other page (screens.py);
this one has every kind of cell the page can show: a picture, the plan's words quoted, a point from a passage
quoted above, 'Not given', a row the site writes itself, what readers found, and the hard words' table."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

import site_build

from ..conftest import MINIMAL, REPO, served
from ..test_easyread_review import REVIEW, _project, _site
from .conftest import RUN_AXE, WCAG_TAGS
from .screens import STRUCTURE


@pytest.fixture(scope="module")
def review_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("review-browser") / "project"
    shutil.copytree(MINIMAL, root)
    shutil.copytree(REPO / "pictures", root / "pictures")
    _site(_project(root))
    site = root / "site"
    assert site_build.main(["--root", str(root), "build", "--lenient", "--no-pdf", "--site-dir", str(site), "--as-of", "2026-05-01"]) == 0
    with served(site) as url:
        yield f"{url}{REVIEW}/"


@pytest.mark.parametrize("width", [320, 1280])
def test_the_review_page_passes_axe_and_the_structure_checks_and_reflows(browser, axe_source: str, review_url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(review_url)
    page.add_script_tag(content=axe_source)
    assert page.evaluate(RUN_AXE, WCAG_TAGS) == []
    assert page.evaluate(STRUCTURE) == []
    # Each table is as wide as it needs within its own scrolling region; the page itself never is.
    regions = page.evaluate(
        "() => [...document.querySelectorAll('.review-points, .review-hard-words')].map(r => r.getBoundingClientRect().right)"
    )
    assert len(regions) == 5 and all(right <= width for right in regions)
    # The points' pictures and those of the two rows the site writes, each as tall as the stylesheet says
    # (4rem), which gives their size once for all of them, as it did before the page wrote it on each.
    heights = page.evaluate("() => [...document.querySelectorAll('.review-points img[src$=\".svg\"]')].map(i => i.height)")
    rem = page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert heights == [4 * rem] * 10
    # A later point from a passage quoted above links to the quote: following it brings the quote into view.
    page.get_by_role("link", name="point 2 of “About this booklet”").click()
    assert page.evaluate("() => location.hash") == "#from/scope"
    quote = page.locator('[id="from/scope"]')
    assert "Children and young people aged 0-25 in the county." in quote.inner_text()
    box = quote.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    context.close()
