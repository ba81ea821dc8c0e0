"""What a phone downloads: the first view of a page, and the search index only once a reader searches."""

from __future__ import annotations

import pytest

FIRST_VIEW_LIMIT = 400_000

PAGES = [
    "",
    "leicester/send-2021-24/priorities/inclusive/",
    "leicestershire/send-and-inclusion-2024-27/easy-read/",
]


def _first_view(browser, url: str):
    """The bytes of every response the page fetched, once it has loaded and settled."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    page = context.new_page()
    fetched: dict[str, int] = {}

    def record(response):
        try:
            fetched[response.url] = len(response.body())
        except Exception:  # a response without a body, such as a redirect
            fetched[response.url] = 0

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    return context, page, fetched


@pytest.mark.parametrize("uri", PAGES)
def test_the_first_view_of_a_page_is_light_and_leaves_the_search_index_alone(browser, site_url: str, uri: str):
    context, page, fetched = _first_view(browser, site_url + uri)
    total = sum(fetched.values())
    print(f"\n{uri or 'home'}: {len(fetched)} requests, {total / 1000:.0f} KB on first view")
    assert not [u for u in fetched if "search_index" in u], "the search index was fetched before anyone searched"
    assert total <= FIRST_VIEW_LIMIT, f"{total} bytes: {sorted(fetched.items(), key=lambda i: -i[1])[:5]}"
    context.close()


def test_search_fetches_only_the_pieces_of_the_index_it_needs(browser, built_site, site_url: str):
    context, page, fetched = _first_view(browser, site_url + "leicester/send-2021-24/")
    assert not [u for u in fetched if "pagefind" in u]
    page.get_by_role("link", name="Search").click()
    page.wait_for_url("**/search/")
    page.wait_for_selector(".pagefind-ui__search-input")
    fetched.clear()
    page.keyboard.type("travel training")
    page.wait_for_selector(".pagefind-ui__result")
    page.wait_for_timeout(500)
    pieces = [u for u in fetched if "/pagefind/index/" in u or "/pagefind/fragment/" in u]
    total = sum(fetched.values())
    print(f"\nsearching for 'travel training' fetched {len(fetched)} files, {total / 1000:.0f} KB, {len(pieces)} pieces of the index")
    assert pieces, "no piece of the index was fetched"
    # A few pieces of the index, and the words of the pages found: not every page's words.
    index = [p for p in (built_site / "pagefind").rglob("*") if p.is_file() and p.parent.name in ("index", "fragment")]
    assert len(pieces) < len(index) / 4
    assert "travel training" in page.locator(".pagefind-ui__results").inner_text().lower()
    context.close()
