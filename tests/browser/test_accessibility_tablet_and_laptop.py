"""Every page of the built site passes axe-core and the structure checks on a laptop (1280x720), and the
pages of each kind on a tablet (768x1024, a touch screen). A file of its own so that a parallel run checks
these sizes on another worker than the phones' and the large screens' (see screens.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .screens import LAPTOPS, TABLETS, check_every_page, pages_of_each_kind


@pytest.mark.parametrize("screen", LAPTOPS, ids=str)
def test_every_page_passes_axe_and_the_structure_checks_on_a_laptop(browser, built_site: Path, site_url: str, axe_source: str, screen):
    check_every_page(browser, built_site, site_url, axe_source, screen)


@pytest.mark.parametrize("screen", TABLETS, ids=str)
def test_a_page_of_each_kind_passes_axe_and_the_structure_checks_on_a_tablet(
    browser, built_site: Path, site_url: str, axe_source: str, screen
):
    check_every_page(browser, built_site, site_url, axe_source, screen, pages=pages_of_each_kind(built_site))
