"""The pages' policy on its own, on the forms a browser reads as a script address however they are
written (character references, tabs and line breaks inside, control characters before), and on pages
of ordinary text that only look like them, which it publishes."""

from __future__ import annotations

import pytest

from plugins.safety.page_policy import UnsafePage, check_and_protect


def _page(body: str) -> str:
    return f'<!doctype html>\n<html lang="en"><head><title>Page</title></head><body>{body}</body></html>'


ADDRESSES = [
    "javascript:alert(1)",
    "jav&#97;script:alert(1)",
    "&#106;avascript:alert(1)",
    " &#x6A;avascript:alert(1)",
    "java&Tab;script:alert(1)",
    "java&NewLine;script:alert(1)",
    "javascript&colon;alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "\x1f JavaScript:alert(1)",
    "vb&#115;cript:msgbox(1)",
    "data&colon;text/html,<script>alert(1)</script>",
]
# Quoted both ways, and unquoted where the address has no space or tag, which would end the value.
WRITTEN = [(a, q) for a in ADDRESSES for q in ('"', "'", "") if q or not any(c in a for c in " \t\n<>")]


@pytest.mark.parametrize(("address", "quote"), WRITTEN)
def test_a_script_address_however_it_is_written_is_refused(address: str, quote: str):
    with pytest.raises(UnsafePage) as refused:
        check_and_protect(_page(f"<a href={quote}{address}{quote}>Home</a>"), "news/index.html")
    assert str(refused.value).startswith("news/index.html: an attribute holds a script address (")
    assert str(refused.value).endswith("), which would run script in every reader's browser.")


@pytest.mark.parametrize(
    "body",
    [
        "<p>The strategy will be refreshed in 2031.</p>",
        '<a href="/news/" title="Children&#39;s services &amp; SEND">What&#39;s new</a>',
        "<p>Say javascript then a colon, and nothing runs: javascript</p>",
        '<img src="picture.svg" alt="A tab&#9;in words">',
    ],
)
def test_ordinary_text_that_looks_like_it_is_published_with_its_policy(body: str):
    protected = check_and_protect(_page(body), "news/index.html")
    assert protected.count('<meta http-equiv="Content-Security-Policy"') == 1
    assert body in protected
