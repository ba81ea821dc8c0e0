"""A real browser on the built site: Debian's Chromium (tests/conftest.py's browser, which fails in CI
rather than skip where it is missing), driven by Playwright, on 127.0.0.1."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from plugins.content import Library, load_library

from ..conftest import REPO, served

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def built_site(site: Path) -> Path:
    """The project's site as published for AS_OF (tests/conftest.py's site, built once for the run), which
    the browser tests only read."""
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with served(built_site) as url:
        yield url


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=1, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@functools.cache
def _real_library() -> Library:
    return load_library(REPO)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # A test run over every real strategy (real_strategy) or every Easy Read edition (easy_read_edition, by its
    # id) is given them as the tests are collected, so importing a test module reads no content.
    if "real_strategy" in metafunc.fixturenames:
        strategies = _real_library().strategies
        metafunc.parametrize("real_strategy", strategies, ids=[s.id for s in strategies])
    if "easy_read_edition" in metafunc.fixturenames:
        metafunc.parametrize("easy_read_edition", [s.id for s in _real_library().strategies if s.model.easy_read is not None])


# axe-core, the accessibility engine every page is checked with, pinned in package-lock.json.
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
}"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        message = f"axe-core is not installed at {AXE}: run npm ci --prefix tests/browser"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")
