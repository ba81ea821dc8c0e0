"""Every page of the built site, checked with axe-core, the structure checks and its Content-Security-Policy
at each common screen size.

The sizes are the window's width and height in CSS pixels. Phones and the tablet are opened as a phone
opens a page (a touch screen, no mouse, the page's viewport tag honoured), so the theme behaves there as it
does in a reader's hand; laptops and desktops as a desktop browser. The pages are found by walking the
built site for index.html files, so a page added later is checked without anyone listing it.

The sizes are shared between three test files so that a parallel run (pytest-xdist with --dist loadfile,
which keeps a file's tests on one worker) checks them on different workers, each with a browser of its
own, all reading the one site built for the run (tests/conftest.py's site).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..conftest import POLICY_REPORTS
from .conftest import RUN_AXE, WCAG_TAGS


@dataclass(frozen=True)
class Screen:
    width: int
    height: int
    touch: bool

    def __str__(self) -> str:
        return f"{self.width}x{self.height}"


# Every page is checked on a small phone and a laptop, the sizes the brief names (phone and desktop), the
# phone's also being the reflow test at 320px. The theme's other layouts (mkdocs-material lays pages out by
# width: phones up to 479px wide, tablets from 720px, screens from 1220px, large screens from 1600px) and two
# more common sizes in the same layouts as those two (a 390px phone, a 1366px laptop) are checked on the pages
# of each kind (pages_of_each_kind): a page's own content is what differs from page to page, and the widest
# of it meets the narrowest screen, which every page is checked at.
PHONES = (Screen(320, 568, touch=True),)
LAPTOPS = (Screen(1280, 720, touch=False),)
SCREENS = PHONES + LAPTOPS
TABLETS = (Screen(768, 1024, touch=True),)
LARGE_SCREENS = (Screen(1920, 1080, touch=False),)
SAME_LAYOUT = (Screen(390, 844, touch=True), Screen(1366, 768, touch=False))
# A strategy with a page of every kind a strategy has (its Easy Read edition and review among them), and the
# table pages of another (the first has no table of figures).
EVERY_KIND = ("leicestershire/send-and-inclusion-2024-27/", "leicestershire/best-programme-plan/tables/")

# What axe leaves to judgement. Sideways scrolling is measured against the layout viewport
# (documentElement.clientWidth): on a touch screen the browser widens window.innerWidth to fit a page
# that overflows, so a comparison with innerWidth would never see it.
STRUCTURE = """() => {
  const problems = [];
  const h1s = document.querySelectorAll('article h1');
  if (h1s.length !== 1) problems.push(`${h1s.length} h1 headings`);
  let previous = 0;
  for (const h of document.querySelectorAll('article h1, article h2, article h3, article h4, article h5, article h6')) {
    const level = Number(h.tagName[1]);
    if (previous && level > previous + 1) problems.push(`heading skips from h${previous} to h${level}: ${h.textContent.trim()}`);
    previous = level;
  }
  if (document.documentElement.lang !== 'en-GB') problems.push(`lang is '${document.documentElement.lang}'`);
  for (const table of document.querySelectorAll('article table')) {
    if (!table.caption || !table.caption.textContent.trim()) problems.push('a table has no caption');
    for (const th of table.querySelectorAll('th')) if (!th.getAttribute('scope')) problems.push(`th without scope: ${th.textContent.trim()}`);
    const region = table.closest('[role=region]');
    if (!region || region.tabIndex !== 0 || !region.getAttribute('aria-label')) problems.push('a table is not in a labelled, focusable region');
  }
  for (const a of document.querySelectorAll('article a')) {
    const text = a.textContent.trim().toLowerCase();
    if (['click here', 'here', 'more', 'read more', 'link'].includes(text)) problems.push(`link text '${text}' makes no sense out of context`);
  }
  if (![...document.querySelectorAll('footer a')].some(a => a.textContent.trim() === 'Accessibility statement'))
    problems.push('no link to the accessibility statement in the footer');
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width) problems.push(`scrolls sideways: ${document.documentElement.scrollWidth}px wide in a ${width}px window`);
  return problems;
}"""


def every_page(site: Path) -> list[str]:
    """Every page of the built site, as an address relative to its root: each folder with an index.html."""
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))


def pages_of_each_kind(site: Path) -> list[str]:
    """The pages outside any strategy (the home page, the status and council lists, search, the guide, news)
    and every page of EVERY_KIND: one of each kind, where several are made from one template (a strategy's
    priorities, the lists by status), the first of them."""
    pages = every_page(site)
    strategies = {uri.split("priorities/")[0] for uri in pages if "/priorities/" in uri}
    # Content renamed since must not shrink the check to the pages outside the strategies.
    assert all(any(uri.startswith(kind) for uri in pages) for kind in EVERY_KIND), f"no pages under one of {EVERY_KIND}"
    chosen = [uri for uri in pages if uri.startswith(EVERY_KIND) or not uri.startswith(tuple(strategies))]
    kinds = {re.sub(r"(^|/)(priorities|status)/[^/]+/$", r"\1\2/*", uri): uri for uri in reversed(chosen)}
    return sorted(kinds.values())


def run_axe(page, axe_source: str) -> list[str]:
    # axe is injected as an inline script, which the pages' Content-Security-Policy rightly refuses:
    # the contexts that run it are opened with bypass_csp; every other test runs under the policy.
    page.add_script_tag(content=axe_source)
    return list(page.evaluate(RUN_AXE, WCAG_TAGS))


def check_every_page(browser, built_site: Path, site_url: str, axe_source: str, screen: Screen, pages: list[str] | None = None) -> None:
    """Load every page at this size (or the pages given), fail with every violation and structure problem
    found, and say how many pages were checked."""
    every = pages is None
    pages = every_page(built_site) if pages is None else pages
    context = browser.new_context(
        viewport={"width": screen.width, "height": screen.height},
        is_mobile=screen.touch,
        has_touch=screen.touch,
    )
    # axe is given to the context once, to run in every page as it opens, rather than sent with each page
    # (run_axe): sending its half a megabyte to each of the pages took a third of the time. A context's own
    # scripts are outside the pages' Content-Security-Policy, so the pages are checked under it, as a reader
    # gets them: anything it blocks (the theme's own scripts or styles, say) is reported on the page.
    context.add_init_script(axe_source)
    context.add_init_script(POLICY_REPORTS)
    page = context.new_page()
    found: list[str] = []
    for uri in pages:
        page.goto(site_url + uri)
        found += [f"{screen} /{uri}: {v}" for v in page.evaluate(RUN_AXE, WCAG_TAGS)]
        found += [f"{screen} /{uri}: {p}" for p in page.evaluate(STRUCTURE)]
        found += [f"{screen} /{uri}: the policy blocked {v}" for v in page.evaluate("window.__violations")]
    context.close()
    kind = "a touch screen" if screen.touch else "a desktop browser"
    which = f"one of {len(SCREENS)} sizes every page is checked at" if every else "on the pages of each kind"
    print(
        f"\nChecked {len(pages)} pages at {screen} ({kind}; {which}) with axe-core {WCAG_TAGS}, the structure checks "
        f"and the pages' Content-Security-Policy: {len(found)} problems."
    )
    # The walk found the site: a build that wrote few pages must not pass by checking few.
    assert len(pages) >= (80 if every else 1)
    assert found == [], "\n".join(found)
