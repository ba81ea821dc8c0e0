"""`serve` in Chromium, as an officer uses it: the page open, a mistake saved, the mistake fixed.

While the content has a mistake, the open page turns into a page listing the problem (file:line:column,
the message and the line of YAML, shown as text however hostile), any page asked for answers with it
at once, and when the file is fixed the page turns back into the site by itself.
"""

from __future__ import annotations

import contextlib
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import expect

from ..conftest import copy_project, free_port, serving, wait_for
from .conftest import RUN_AXE, WCAG_TAGS

STRATEGY = "content/leicester/send-2021-24/strategy.yml"
SUMMARY = "summary: How Leicester planned"
# Markup in the line would run script if the page quoted it unescaped; the ': ' after it is the mistake.
HOSTILE = 'summary: <img src=x onerror="window.pwned=1"></code></pre><script>window.pwned=2</script>: How Leicester planned'
COLON = "A colon is in the wrong place, or this line is indented wrongly. If the text itself contains ': ', put the whole text in quotes."


def test_the_preview_shows_a_mistake_at_once_and_the_site_again_once_it_is_fixed(browser, tmp_path: Path, axe_source: str):
    root = copy_project(tmp_path / "project", council="leicester")  # each rebuild of the preview, half the pages
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    url = base + "leicester/send-2021-24/"
    log = tmp_path / "serve.log"
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    with serving(root, port, log), contextlib.closing(context):
        assert wait_for(url, "How Leicester planned to support", 90) is not None, "the server did not start:\n" + log.read_text()
        page = context.new_page()
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        page.goto(url)
        site_title = page.title()
        expect(page.locator("article")).to_contain_text("How Leicester planned to support")

        strategy = root / STRATEGY
        original = strategy.read_text(encoding="utf-8")
        assert SUMMARY in original
        broken = original.replace(SUMMARY, HOSTILE, 1)
        line = broken.splitlines().index(next(text for text in broken.splitlines() if text.startswith(HOSTILE))) + 1
        column = HOSTILE.index(">: How") + 2
        strategy.write_text(broken, encoding="utf-8")

        # The open page turns into the problems by itself: the live-reload script, not the test, reloads it.
        heading = "The preview is waiting for 1 problem to be fixed"
        expect(page.locator("h1")).to_have_text(heading, timeout=30_000)
        assert page.title() == heading
        assert page.locator("html").get_attribute("lang") == "en-GB"
        assert page.locator("main h2").all_inner_texts() == [f"{STRATEGY}:{line}:{column}"]
        assert page.locator("main li > p").all_inner_texts() == [COLON, f"Line {line} as it is now, with the place marked:"]
        quoted = broken.splitlines()[line - 1]
        assert page.locator("main pre").inner_text() == quoted
        assert page.locator("main mark").inner_text() == ":"
        # The hostile line is text: no picture made, no script run.
        assert page.locator("img, main script").count() == 0
        assert page.evaluate("window.pwned") is None
        # The page's own style applies under its Content-Security-Policy, and fits a phone without scrolling sideways.
        assert page.locator("main mark").evaluate("m => getComputedStyle(m).backgroundColor") == "rgb(255, 221, 0)"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.add_script_tag(content=axe_source)
        assert page.evaluate(RUN_AXE, WCAG_TAGS) == []

        # Any page, asked for while the mistake stands, answers at once with the problems: no waiting.
        started = time.monotonic()
        with urllib.request.urlopen(base + "leicester/no-such-page/", timeout=5) as response:
            body = response.read().decode("utf-8")
        assert time.monotonic() - started < 5
        assert f"<h2><code>{STRATEGY}:{line}:{column}</code></h2>" in body

        strategy.write_text(original, encoding="utf-8")
        expect(page.locator("article")).to_contain_text("How Leicester planned to support", timeout=60_000)
        assert page.title() == site_title
        assert page.locator("h1", has_text=heading).count() == 0
        # Nothing was asked of anywhere but the preview itself.
        assert asked and all(address.startswith(base) for address in asked), [a for a in asked if not a.startswith(base)]
