"""Hostile content, built: no page, search index piece, booklet, feed or calendar holds an event handler,
a script address, a remote resource, an attachment or a planted secret, no feed an element and no
calendar a property or event of the content's making, and nothing is fetched while building; in Chromium,
no page of the hostile site runs a payload or fetches anything, and a payload searched for is shown as text.

A web server on 127.0.0.1 counts every request the build makes (there must be none); a secret is
planted in the build's environment and in a file outside the project (neither may appear in any
output). See tests/hostile.py for the corpora and the search of the outputs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

import site_build

from .conftest import AS_OF, POLICY_REPORTS, copy_project, served
from .hostile import (
    ACCEPTED,
    BREAKS,
    BYPASS,
    BYPASS_ADDRESSES,
    ENV_SECRET,
    FILE_SECRET,
    SECRET_ENV,
    build_bypassing_the_model,
    scan_site,
)
from .html_outline import article_text


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("outside-the-project") / "secret.txt"
    path.write_text(FILE_SECRET + "\n")
    return path


def _build(root: Path, site: Path, *extra: str) -> int:
    return site_build.main(["--root", str(root), "build", "--site-dir", str(site), "--as-of", AS_OF, *extra])


# --- What the content model's refusals would let through, built anyway -----------------------------


@pytest.fixture(scope="module")
def bypass_build(tmp_path_factory: pytest.TempPathFactory, counting_server, secret_file: Path) -> tuple[Path, int, int]:
    """The real content, with every hostile payload put into the loaded strategies after checking."""
    root = copy_project(tmp_path_factory.mktemp("bypass") / "project")
    site = root.parent / "site"
    code, changed = build_bypassing_the_model(root, site, counting_server[0], secret_file, AS_OF)
    return site, code, changed


def test_hostile_payloads_past_the_model_leave_no_trace_in_any_output(bypass_build, counting_server):
    site, code, changed = bypass_build
    _, requests = counting_server
    assert code == 0
    assert changed >= 2 * len(BYPASS + BREAKS)  # each payload reached at least two fields
    pages = list(site.rglob("*.html"))
    booklets = list(site.rglob("*.pdf"))
    feeds, calendars = list(site.rglob("updates.xml")), list(site.rglob("dates.ics"))
    assert len(pages) > 80 and len(booklets) == 9 and len(feeds) == len(calendars) == 6
    assert scan_site(site, [ENV_SECRET, FILE_SECRET]).items == []
    assert requests == []
    print(
        f"Payloads: {len(BYPASS + BREAKS) + len(BYPASS_ADDRESSES)} in {changed} fields; {len(pages)} pages, {len(booklets)} booklets, "
        f"{len(feeds)} feeds, {len(calendars)} calendars; 0 found."
    )


def test_the_payloads_are_shown_to_readers_as_text(bypass_build):
    site, _, _ = bypass_build
    text = " ".join(article_text(path) for path in site.rglob("index.html"))
    # Proof that the payloads reached the pages: their words are there, as words.
    assert "<a.b onfocus=alert(1) tabindex=0 autofocus>x</a.b>" in text
    assert "<script>alert(1)</script>" in text


def test_the_payloads_reach_the_feeds_and_calendars_as_text_only(bypass_build, library):
    from html.parser import HTMLParser

    import feedparser
    from icalendar import Calendar

    from plugins.pages.news import calendar_items

    site, _, _ = bypass_build
    feed = feedparser.parse((site / "updates.xml").read_bytes())
    assert feed.bozo is False
    words = " ".join(f"{e.title} {e.summary}" for e in feed.entries)
    # Proof that the payloads reached the feed: their words are there, as the feed's plain text.
    assert "<script>alert(1)</script>" in words and "onerror=alert(1)" in words

    # In the entries' HTML, nothing a browser would run: no <script> element, no event handler.
    class Elements(HTMLParser):
        found: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "script" or any(name.startswith("on") for name, _ in attrs):
                self.found.append(tag)

    parser = Elements()
    for path in site.rglob("updates.xml"):
        for entry in feedparser.parse(path.read_bytes()).entries:
            for content in entry.get("content", []):
                parser.feed(content.value)
    assert parser.found == []
    # The calendars hold the line-break payloads inside their texts, and only the events the content has.
    calendar = Calendar.from_ical((site / "dates.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == sum(len(calendar_items(s)) for s in library.strategies)
    texts = " ".join(str(e["SUMMARY"]) + " " + str(e["DESCRIPTION"]) for e in events)
    assert "BEGIN:VEVENT" in texts and "X-INJECTED-LS:1" in texts
    assert not any(name.startswith(("X-INJECTED", "ATTACH")) for e in events for name in e)


# --- The hostile site in Chromium ----------------------------------------------------------------------
# Every page is opened with a listener for dialogs (what `alert(1)` would open) and for the
# Content-Security-Policy's reports, its first stops focused by keyboard, and the page as the browser built
# it searched for a handler; the search page is searched with a payload. The counting server must see
# nothing from the browser either.


@pytest.fixture(scope="module")
def bypass_url(bypass_build) -> Iterator[str]:
    """The hostile site, served on 127.0.0.1 to open in Chromium."""
    with served(bypass_build[0]) as url:
        yield url


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))


# Every attribute of the live page that would run script: an event handler, or a javascript: address. But
# one, which Pagefind's own script writes: its search form's action, javascript:void(0), which does nothing.
HANDLERS = """() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
  .filter(a => /^on/i.test(a.name) || /^\\s*javascript:/i.test(a.value))
  .filter(a => !(e.tagName === 'FORM' && e.closest('#search') && a.name === 'action' && a.value === 'javascript:void(0);'))
  .map(a => `<${e.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 80)}">`))"""


def _visit(browser, url: str, pages: list[str], *, keyboard: bool) -> tuple[list[str], list[str]]:
    context = browser.new_context()
    context.add_init_script(POLICY_REPORTS)
    page = context.new_page()
    page.set_default_timeout(10_000)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    violations: list[str] = []
    for path in pages:
        page.goto(url + path)
        page.wait_for_load_state("load")
        if keyboard:
            # Focus is what fires an autofocus or onfocus payload: the first stops by keyboard, as a reader
            # would make them. A handler further down the page would never be reached so, and the page as
            # the browser built it (after its own parsing and the theme's script) is searched for any.
            for _ in range(3):
                page.keyboard.press("Tab")
            violations += [f"{path}: a handler in the page: {h}" for h in page.evaluate(HANDLERS)]
        violations += [f"{path}: {v}" for v in page.evaluate("window.__violations")]
    context.close()
    return dialogs, violations


def test_no_hostile_payload_runs_on_any_page_in_chromium(browser, bypass_url: str, bypass_build, counting_server):
    folder, _, _ = bypass_build
    _, requests = counting_server
    pages = _pages(folder)
    dialogs, violations = _visit(browser, bypass_url, pages, keyboard=True)
    assert dialogs == []
    assert requests == []
    # What reaches the policy at all comes from mkdocs-material's tooltip, which puts a menu item's text
    # back into the page as HTML when the item is focused (see plugins/safety/sanitise.py): the policy blocks it.
    assert all(v.split(": ", 1)[1].startswith(("img-src", "style-src", "script-src")) for v in violations), violations
    print(f"Pages opened in Chromium: {len(pages)}; dialogs: 0; requests that left the page: 0; blocked by the policy: {len(violations)}.")


def test_searching_for_a_payload_in_chromium_shows_it_as_text(browser, bypass_url: str, counting_server):
    _, requests = counting_server
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(bypass_url + "search/")
    page.fill("#search input", "onerror")
    page.wait_for_selector(".pagefind-ui__result", timeout=10_000)
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.locator(".pagefind-ui__result img[onerror]").count() == 0
    assert requests == []
    context.close()


# --- What `check` accepts, built as an officer would ---------------------------------------------------


@pytest.fixture(scope="module")
def accepted_build(tmp_path_factory: pytest.TempPathFactory, counting_server, site_cache: Path) -> tuple[Path, Path, int]:
    # The shared site's cache: the strategies the texts are not put into are reused, not made again.
    root = copy_project(tmp_path_factory.mktemp("accepted") / "project", cache=site_cache)
    strategy = root / "content/leicestershire/belonging-in-education-2026-29/strategy.yml"
    data = yaml.safe_load(strategy.read_text(encoding="utf-8"))
    # Markdown fields take each accepted text as it is; one-line fields take its first line.
    data["priorities"][0]["description"] = "\n\n".join(ACCEPTED)
    for priority, text in zip(data["priorities"], ACCEPTED, strict=False):
        priority["title"] = text.splitlines()[0]
        priority["ambition"] = text
    strategy.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    site = root.parent / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(SECRET_ENV, ENV_SECRET)
        code = _build(root, site)
    return root, site, code


def test_unusual_text_that_check_accepts_is_built_and_harmless(accepted_build, counting_server):
    _, site, code = accepted_build
    _, requests = counting_server
    assert code == 0
    assert scan_site(site, [ENV_SECRET]).items == []
    assert requests == []


def test_unusual_text_is_shown_as_the_officer_typed_it(accepted_build):
    _, site, _ = accepted_build
    folder = site / "leicestershire/belonging-in-education-2026-29"
    text = " ".join(article_text(page) for page in folder.rglob("index.html"))
    for shown in ("A < b and c > d, 5 <6, x << 3", "The word javascript: and alert(1) as text", "Quotes \" and ' and ` in a row"):
        assert shown in text


def test_the_payloads_reach_the_histories_of_actions_and_measures(bypass_build):
    # The dated updates inject() gives the first action of each priority and every measure are built into
    # the priority pages, the measures page and the "How it is going" page, which the scan above read.
    site, _, _ = bypass_build
    # On some priority page: a payload that no check would let through (an unclosed element whose text
    # the sanitiser drops to the end) may end a page before its actions, depending on which field it lands in.
    priorities = [article_text(page) for page in sorted((site / "leicester/send-2021-24/priorities").glob("*/index.html"))]
    assert any("History, newest first: May 2026: " in text and " Source: " in text for text in priorities)
    progress = article_text(site / "leicester/send-2021-24/progress/index.html")
    assert "An update on an action of Priority 1: " in progress and ", for Year One (2021-2022): " in progress
    measures = article_text(site / "leicestershire/best-programme-plan/measures/index.html")
    assert "History, newest first: 1 June 2026: " in measures
