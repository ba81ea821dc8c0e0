"""On a phone: any priority's year of actions is two taps from the home page, and nothing scrolls sideways."""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_priority_three_is_two_taps_from_home_and_reads_without_sideways_scrolling(phone, site_url: str, real_strategy):
    strategy = real_strategy
    third = strategy.model.priorities[2]
    years = [y for y in strategy.model.period.years if y.id in third.actions]
    phone.goto(site_url)
    assert _no_sideways_scroll(phone)

    phone.locator("article").get_by_role("link", name=strategy.model.title, exact=True).first.tap()  # tap 1
    phone.wait_for_url(f"**/{strategy.id}/")
    item = phone.locator("article ol > li").nth(2)
    if len(years) >= 2:
        item.get_by_role("link", name=years[1].name, exact=True).tap()  # tap 2: straight to year two
        phone.wait_for_url(f"**/{strategy.id}/priorities/{third.id}/#year-two")
        heading = phone.locator("article h2#year-two")
        assert heading.inner_text().startswith(years[1].name)
        box = heading.bounding_box()
        assert box is not None and 0 <= box["y"] < 812, "year two is not on screen after the second tap"
        first_action = third.actions[years[1].id][0].text
        assert phone.get_by_text(first_action, exact=False).first.is_visible()
    else:
        item.get_by_role("link").first.tap()  # tap 2: the priority, whose actions are not set out by year
        phone.wait_for_url(f"**/{strategy.id}/priorities/{third.id}/")
        assert phone.get_by_role("heading", level=1).inner_text().rstrip("¶").endswith(third.title)
    assert _no_sideways_scroll(phone)


@pytest.mark.parametrize(
    "uri",
    [
        "",
        "leicester/send-2021-24/priorities/inclusive/",
        "leicestershire/best-programme-plan/tables/high-needs-financial-forecast/",
        "leicestershire/send-and-inclusion-2024-27/easy-read/",
    ],
)
@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_for_review(browser, site_url: str, uri: str, width: int):
    """Screenshots of key pages at a phone's and a desktop's width, written to test-artifacts/ for review."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + uri)
    ARTIFACTS.mkdir(exist_ok=True)
    name = (uri.strip("/").replace("/", "_") or "home") + f"-{width}.png"
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    assert (ARTIFACTS / name).stat().st_size > 10_000
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
