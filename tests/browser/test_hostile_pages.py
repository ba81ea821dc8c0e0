"""In Chromium: no page runs a hostile payload, and the pages' Content-Security-Policy blocks nothing
the site itself needs.

Every page of the site built with the hostile corpus put past the content model (tests/hostile.py)
is opened, focused through by keyboard and searched, with a listener for dialogs (what `alert(1)`
would open) and for the policy's reports. Every page of the real site is opened with the same
listener for reports: a policy that blocked the theme's own scripts or styles would break the site.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import AS_OF, copy_project
from ..hostile import FILE_SECRET, build_bypassing_the_model
from .conftest import _Quiet

# Collects the policy's reports on the page, from the first script on.
LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
// The theme's own script puts text into the page as HTML (its tooltips copy a title or a link's text into
// innerHTML): any markup that reaches it there came from content, whatever the policy then blocks.
const written = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML');
Object.defineProperty(Element.prototype, 'innerHTML', {
  get() { return written.get.call(this); },
  set(html) {
    if (/tooltip/.test(this.className) && /<[a-z]/i.test(String(html))) window.__violations.push(`markup in a tooltip ${String(html).slice(0, 120)}`);
    return written.set.call(this, html);
  },
});
"""


def _serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = copy_project(tmp_path_factory.mktemp("hostile-browser") / "project")
    secret = root.parent / "secret.txt"
    secret.write_text(FILE_SECRET)
    # The payloads' remote addresses point at a second server, which counts what reaches it.
    counted, counter = _serve(root.parent / "nothing-here")
    requests: list[str] = []
    counter.RequestHandlerClass = type("Counting", (_Quiet,), {"do_GET": lambda self: requests.append(self.path)})
    code, _ = build_bypassing_the_model(root, root.parent / "site", counted.rstrip("/"), secret, AS_OF)
    assert code == 0
    url, server = _serve(root.parent / "site")
    yield url, root.parent / "site", requests
    server.shutdown()
    counter.shutdown()


def _visit(browser, url: str, pages: list[str], *, keyboard: bool) -> tuple[list[str], list[str]]:
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.set_default_timeout(10_000)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    violations: list[str] = []
    for path in pages:
        page.goto(url + path)
        page.wait_for_load_state("load")
        if keyboard:
            for _ in range(8):  # focus is what fires an autofocus or onfocus payload
                page.keyboard.press("Tab")
        violations += [f"{path}: {v}" for v in page.evaluate("window.__violations")]
    context.close()
    return dialogs, violations


def test_no_hostile_payload_runs_on_any_page(browser, hostile_site):
    url, folder, requests = hostile_site
    pages = _pages(folder)
    dialogs, violations = _visit(browser, url, pages, keyboard=True)
    assert dialogs == []
    assert requests == []
    # What reaches the policy at all comes from mkdocs-material's tooltip, which puts a menu item's text
    # back into the page as HTML when the item is focused (see plugins/sanitise.py): the policy blocks it.
    assert all(v.split(": ", 1)[1].startswith(("img-src", "style-src", "script-src")) for v in violations), violations
    print(f"Pages opened in Chromium: {len(pages)}; dialogs: 0; requests that left the page: 0; blocked by the policy: {len(violations)}.")


def test_searching_for_a_payload_shows_it_as_text(browser, hostile_site):
    url, _, requests = hostile_site
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url + "search/")
    page.fill("#search input", "onerror")
    page.wait_for_selector(".pagefind-ui__result", timeout=10_000)
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.locator(".pagefind-ui__result img[onerror]").count() == 0
    assert requests == []
    context.close()


def test_the_policy_blocks_nothing_the_real_site_uses(browser, site_url: str, built_site: Path):
    pages = _pages(built_site)
    dialogs, violations = _visit(browser, site_url, pages + ["search/?q=inclusion"], keyboard=False)
    assert violations == []
    assert dialogs == []
