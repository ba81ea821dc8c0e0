"""The Easy Read page as a reader sees it: large plain type, a picture to the left of every point's
words at a phone's width and a desktop's, and a way between the two editions by keyboard."""

from __future__ import annotations

import pytest

TYPE = """() => [...document.querySelectorAll('.er-point p, .er-hard-words dd, .er-contents a')].map(e => {
  const s = getComputedStyle(e);
  return {text: e.textContent.slice(0, 40), size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight),
          align: s.textAlign, hyphens: s.hyphens, style: s.fontStyle, family: s.fontFamily};
})"""
ROWS = """() => [...document.querySelectorAll('.er-point')].map(row => {
  const img = row.querySelector('img').getBoundingClientRect(), words = row.querySelector('p').getBoundingClientRect();
  return {text: row.textContent.slice(0, 40), imgRight: img.right, wordsLeft: words.left, imgWidth: img.width,
          overlap: Math.min(img.bottom, words.bottom) - Math.max(img.top, words.top)};
})"""


def _open(browser, url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url)
    return context, page


@pytest.mark.parametrize("width", [375, 1280])
def test_easy_read_text_is_large_spaced_left_aligned_and_never_italic(browser, site_url: str, easy_read_edition: str, width: int):
    context, page = _open(browser, f"{site_url}{easy_read_edition}/easy-read/", width)
    texts = page.evaluate(TYPE)
    assert len(texts) > 20
    for t in texts:
        assert t["size"] >= 20, t
        assert t["line"] >= 1.5 * t["size"] - 0.01, t
        assert t["align"] in ("left", "start"), t
        assert t["hyphens"] == "none", t
        assert t["style"] == "normal", t
        assert t["family"].startswith('"Atkinson Hyperlegible"'), t
    # The font is the project's own copy, loaded from the site: no request leaves it.
    loaded = "() => document.fonts.ready.then(() => [...document.fonts].some(f => f.family.includes('Atkinson') && f.status === 'loaded'))"
    assert page.evaluate(loaded)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_every_picture_sits_left_of_its_words(browser, site_url: str, easy_read_edition: str, width: int):
    context, page = _open(browser, f"{site_url}{easy_read_edition}/easy-read/", width)
    rows = page.evaluate(ROWS)
    assert len(rows) > 20
    for row in rows:
        assert row["imgRight"] <= row["wordsLeft"], f"picture not left of its words: {row}"
        assert row["overlap"] > 0, f"picture stacked above or below its words: {row}"
        assert row["imgWidth"] >= 48, row
    # Smaller pictures on a phone, to leave room for the words.
    assert max(r["imgWidth"] for r in rows) <= (64 if width == 375 else 128)
    context.close()


UNBROKEN = """() => [...document.querySelectorAll('.easy-read-page .er-nowrap')].map(e => ({
  text: e.textContent, lines: new Set([...e.getClientRects()].map(r => Math.round(r.top))).size,
  whiteSpace: getComputedStyle(e).whiteSpace}))"""


def test_dates_times_and_phone_numbers_are_never_split_across_two_lines_on_a_phone(browser, site_url: str, easy_read_edition: str):
    context, page = _open(browser, f"{site_url}{easy_read_edition}/easy-read/", 320)
    kept = page.evaluate(UNBROKEN)
    assert len(kept) >= 2
    for e in kept:
        assert e["whiteSpace"] == "nowrap", e
        assert e["lines"] == 1, f"'{e['text']}' is split across lines"
    context.close()


def test_the_editions_link_to_each_other_and_the_link_works_by_keyboard(browser, site_url: str):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(site_url + "leicestershire/send-and-inclusion-2024-27/priorities/successful-transitions/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == "Read the Easy Read version of this strategy":
            break
    else:
        pytest.fail("the Easy Read link cannot be reached by keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url("**/send-and-inclusion-2024-27/easy-read/")
    assert page.get_by_role("heading", level=1).inner_text() == "Our draft plan for children and young people with SEND"
    page.get_by_role("link", name="Read the full version of this strategy").click()
    page.wait_for_url("**/send-and-inclusion-2024-27/")
    context.close()


def test_the_easy_read_page_is_quieter_than_the_standard_edition(browser, site_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "leicestershire/send-and-inclusion-2024-27/easy-read/")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-sidebar--secondary").is_visible()
    page.goto(site_url + "leicestershire/send-and-inclusion-2024-27/")
    assert page.locator(".md-sidebar--primary").is_visible()
    context.close()
