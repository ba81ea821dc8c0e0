"""WCAG 2.2 AA, proved in Chromium on every page of the built site.

axe-core and the structure checks (one h1, no skipped heading levels, tables with captions, scopes and
a labelled focusable region, link text, the footer's link to the accessibility statement, and nothing
scrolling sideways) run on every page of the built site at a size in each of the theme's layouts: the phone (320x568,
which is also the reflow test) here, the tablet and laptop (768x1024, 1280x720) in
test_accessibility_tablet_and_laptop.py, and the large screen (1920x1080) in
test_accessibility_large_screens.py; how they are shared out is in screens.py. The pages of each kind are
also checked at 390x844 and 1366x768, sizes in the phone's and the laptop's layouts. This file also checks
that every menu link is a large enough target at the laptop and desktop sizes, and the states a static
check never sees: the search open and the menu open (at 375 and 1280 wide). The keyboard tests walk
pages as a keyboard user would (at 375 and 1280 wide); text zoomed to 200% and printing are checked at
a desktop's width; and the accessibility statement is read back for what the regulations require.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import POLICY_REPORTS
from .conftest import RUN_AXE, WCAG_TAGS
from .screens import PHONES, SAME_LAYOUT, check_every_page, pages_of_each_kind


@pytest.mark.parametrize("screen", PHONES, ids=str)
def test_every_page_passes_axe_and_the_structure_checks_on_a_phone(browser, built_site: Path, site_url: str, axe_source: str, screen):
    check_every_page(browser, built_site, site_url, axe_source, screen)


@pytest.mark.parametrize("screen", SAME_LAYOUT, ids=str)
def test_a_page_of_each_kind_passes_axe_and_the_structure_checks_at_other_common_sizes(
    browser, built_site: Path, site_url: str, axe_source: str, screen
):
    check_every_page(browser, built_site, site_url, axe_source, screen, pages=pages_of_each_kind(built_site))


# A page of SEND Strategy 2021-24 whose menu is taller than a 720px window, so the theme scrolls the
# menu to the current page and its sticky title covers the links at the top.
LONG_MENU = "leicester/send-2021-24/contacts/"
MENU_LINKS = """() => [...document.querySelectorAll('.md-sidebar .md-nav__link, .md-footer-meta a')]
  .filter(a => a.getClientRects().length && getComputedStyle(a).visibility === 'visible')
  .map(a => ({text: a.textContent.trim().slice(0, 40), height: a.getBoundingClientRect().height}))"""


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
def test_every_menu_and_footer_link_is_a_target_at_least_24px_high(browser, site_url: str, width: int, height: int):
    # WCAG 2.5.8: a link smaller than 24px passes only by the space around it, which the menu loses
    # wherever its sticky title or its scrolling covers part of a link, and the footer while its font
    # loads; each link is large enough itself.
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(site_url + LONG_MENU)
    links = page.evaluate(MENU_LINKS)
    context.close()
    assert "At a glance" in [link["text"] for link in links] and len(links) >= 15
    # The footer's links too, which sit above the theme's own line.
    assert {"Accessibility statement", "Glossary of all strategies", "Material for MkDocs"} <= {link["text"] for link in links}
    assert [link for link in links if link["height"] < 24] == []


@pytest.mark.parametrize("width", [375, 1280])
def test_search_and_menu_open_pass_axe_and_the_policy_blocks_nothing(browser, site_url: str, axe_source: str, width: int):
    # Under the pages' Content-Security-Policy, as a reader gets them (axe and the reports' listener are
    # the context's own scripts, which it does not govern): searching runs Pagefind's code and shows its
    # results, which no static page does.
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(axe_source)
    context.add_init_script(POLICY_REPORTS)
    page = context.new_page()
    page.goto(site_url + "search/")
    page.wait_for_selector(".pagefind-ui__search-input")
    page.keyboard.type("travel training")
    page.wait_for_selector(".pagefind-ui__result")
    page.wait_for_timeout(500)
    assert page.evaluate(RUN_AXE, WCAG_TAGS) == []
    assert page.evaluate("window.__violations") == []
    page.goto(site_url + "leicester/send-2021-24/")
    if width == 375:
        page.locator("label.md-header__button[for=__drawer]").click()
        page.wait_for_timeout(400)
        assert page.evaluate(RUN_AXE, WCAG_TAGS) == []
    assert page.evaluate("window.__violations") == []
    context.close()


KEY_PAGES = [
    "",
    "leicester/send-2021-24/priorities/inclusive/",
    "leicestershire/best-programme-plan/tables/high-needs-financial-forecast/",
    "leicestershire/send-and-inclusion-2024-27/easy-read/",
]
FOCUS = """() => {
  const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
  return {tag: e.tagName, text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 60),
          outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shown: r.width > 0 && r.height > 0
            && r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth
            && getComputedStyle(e).visibility !== 'hidden', inMain: !!e.closest('main')};
}"""


def _tab_to(page, text: str, limit: int = 20) -> dict:
    """Press Tab until the focused control is called `text`, as a keyboard user would, and return it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus["text"] == text:
            return focus
    raise AssertionError(f"'{text}' cannot be reached with {limit} presses of Tab")


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("uri", KEY_PAGES)
def test_keyboard_focus_is_always_visible_and_on_screen(browser, site_url: str, uri: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + uri)
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus["tag"] == "BODY":
            break
        stops.append(focus)
        assert focus["outline"] == "solid" and focus["width"] >= 2, f"no visible focus on {focus}"
        assert focus["shown"], f"focus went somewhere the reader cannot see: {focus}"
    assert len(stops) >= 5
    assert stops[0]["text"] == "Skip to content"
    context.close()


def test_the_skip_link_moves_to_the_content(phone, site_url: str):
    phone.goto(site_url + "leicester/send-2021-24/priorities/inclusive/")
    phone.keyboard.press("Tab")
    assert phone.evaluate(FOCUS)["text"] == "Skip to content"
    phone.keyboard.press("Enter")
    phone.wait_for_timeout(200)
    assert phone.url.endswith("#send-strategy-2021-24-priority-3-inclusive-inclusive-practice-and-provision")
    phone.keyboard.press("Tab")
    assert phone.evaluate(FOCUS)["inMain"], "after skipping, Tab should go to the content"


def test_the_menu_opens_and_is_walked_by_keyboard_on_a_phone(phone, site_url: str):
    phone.goto(site_url + "leicester/send-2021-24/")
    _tab_to(phone, "Menu", limit=5)
    phone.keyboard.press("Enter")
    phone.wait_for_timeout(400)
    assert phone.evaluate("() => document.getElementById('__drawer').checked")
    names = []
    for _ in range(6):
        phone.keyboard.press("Tab")
        focus = phone.evaluate(FOCUS)
        assert focus["shown"], focus
        names.append(focus["text"])
    assert "All strategies" in names
    phone.keyboard.press("Shift+Tab")
    phone.keyboard.press("Escape")


def test_search_works_by_keyboard(browser, site_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url)
    _tab_to(page, "Search", limit=6)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/")
    # The search box has the focus as the page opens, so the reader can type straight away.
    page.wait_for_selector(".pagefind-ui__search-input")
    assert page.evaluate("() => document.activeElement.classList.contains('pagefind-ui__search-input')")
    page.keyboard.type("travel training")
    page.wait_for_selector(".pagefind-ui__result-link")
    _tab_to(page, "Clear", limit=3)
    page.keyboard.press("Tab")
    first = page.evaluate("() => document.activeElement.textContent.trim()")
    assert first.startswith("SEND Strategy 2021-24 Priority 1")
    page.keyboard.press("Enter")
    page.wait_for_url("**/send-2021-24/priorities/responsive/**")
    assert "travel training" in page.locator("article").inner_text().lower()
    context.close()


def test_the_filters_and_a_table_are_usable_by_keyboard(browser, site_url: str):
    context = browser.new_context(viewport={"width": 375, "height": 900})
    page = context.new_page()
    page.goto(site_url)
    _tab_to(page, "Approved (3)")
    page.keyboard.press("Enter")
    page.wait_for_url("**/status/approved/")
    page.goto(site_url + "leicestershire/best-programme-plan/tables/high-needs-financial-forecast/")
    region = page.locator(".table-scroll")
    region.focus()
    assert page.evaluate(FOCUS)["text"].startswith("High Needs Financial Forecast")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(200)
    assert region.evaluate("r => r.scrollLeft") > 0, "the table region does not scroll by keyboard"
    context.close()


@pytest.mark.parametrize("uri", KEY_PAGES)
def test_text_zoomed_to_200_percent_still_reads(browser, site_url: str, uri: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + uri)
    before = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    page.evaluate(
        "() => { document.documentElement.style.fontSize = (parseFloat(getComputedStyle(document.documentElement).fontSize) * 2) + 'px'; }"
    )
    after = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    assert after >= 1.9 * before
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    clipped = page.evaluate("""() => [...document.querySelectorAll('article h1, article p')].filter(e =>
        e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'hidden').length""")
    assert clipped == 0
    context.close()


def test_pages_print_without_menus_with_links_shown_and_rows_kept_whole(browser, site_url: str):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    page.goto(site_url + "leicestershire/belonging-in-education-2026-29/papers/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.breadcrumbs']
        .map(s => document.querySelector(s)).filter(e => e && getComputedStyle(e).display !== 'none').length""")
    assert hidden == 0
    after = page.evaluate("() => getComputedStyle(document.querySelector('article a[href^=\"https://democracy\"]'), '::after').content")
    assert "https://democracy.leics.gov.uk" in after
    page.goto(site_url + "leicestershire/best-programme-plan/tables/high-needs-financial-forecast/")
    page.emulate_media(media="print")
    assert page.evaluate("() => getComputedStyle(document.querySelector('article tr')).breakInside") == "avoid"
    assert page.evaluate("() => getComputedStyle(document.querySelector('article thead')).display") == "table-header-group"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    context.close()


def test_the_accessibility_statement_says_what_the_regulations_require(built_site: Path):
    from ..html_outline import article_text

    text = article_text(built_site / "accessibility" / "index.html")
    for heading in (
        "How accessible this website is",
        "Content that is not accessible",
        "Asking for information in another format",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Preparation of this accessibility statement",
    ):
        assert heading in text
    assert "This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard" in text
    assert "Large print" in text and "Easy Read" in text
    assert "The councils have not yet set a response time for requests made about this site." in text
    assert "Equality Advisory and Support Service (EASS)" in text
    assert "This statement was prepared on 22 November 2026. It was last reviewed on 22 November 2026." in text
