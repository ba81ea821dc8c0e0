"""The charts in Chromium, at a phone's narrowest width and a desktop's: each is named for a screen reader by
its text alternative, its file loads, it fits the screen without sideways scrolling, and axe finds nothing."""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS, RUN_AXE, WCAG_TAGS

CHARTS = {
    "leicestershire/best-programme-plan/tables/high-needs-financial-forecast/": (
        "chart.svg",
        "Line chart of 4 rows of the table, 2026/27 to 2029/30; described below.",
        "Chart: High Needs Financial Forecast - January 2026",
    ),
    "leicestershire/send-and-inclusion-2024-27/measures/": (
        "chart-initial-ehc-plan-average-weeks.svg",
        "Bar chart of 2 figures for this indicator; described below.",
        "Chart: Average time to complete an initial Education, Health and Care plan",
    ),
}


@pytest.mark.parametrize("uri", list(CHARTS))
@pytest.mark.parametrize("width", [320, 1280])
def test_the_chart_is_named_loads_fits_the_screen_and_passes_axe(browser, site_url: str, axe_source: str, uri: str, width: int):
    file, alt, caption = CHARTS[uri]
    # Under the page's own Content-Security-Policy, as a reader gets it.
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + uri)
    figure = page.locator("figure.chart").filter(has=page.locator(f'img[src="{file}"]'))
    # A screen reader meets the drawing by its text alternative, inside a figure its caption names.
    assert page.get_by_role("img", name=alt, exact=True).count() == 1
    assert page.get_by_role("figure", name=caption).count() == 1
    assert figure.locator("figcaption .chart__title").inner_text() == caption
    image = figure.locator("img")
    image.scroll_into_view_if_needed()
    page.wait_for_function("(img) => img.complete", arg=image.element_handle())
    assert image.evaluate("(img) => img.naturalWidth") > 0
    box = image.bounding_box()
    assert box is not None and box["width"] <= width and box["height"] > 100
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    # On paper: the chart is printed, within the page's width.
    page.emulate_media(media="print")
    box = image.bounding_box()
    assert image.is_visible() and box is not None and 0 < box["width"] <= page.evaluate("() => document.documentElement.clientWidth")
    page.emulate_media(media="screen")
    ARTIFACTS.mkdir(exist_ok=True)
    figure.screenshot(path=str(ARTIFACTS / f"chart-{uri.strip('/').replace('/', '_')}-{width}.png"))
    context.close()
    # axe is a script the policy would refuse: it runs where the policy is set aside, as in test_accessibility.py.
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(site_url + uri)
    page.add_script_tag(content=axe_source)
    assert page.evaluate(RUN_AXE, WCAG_TAGS) == []
    context.close()
