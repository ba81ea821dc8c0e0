"""The pages of each kind pass axe-core and the structure checks on a desktop monitor (1920x1080), the
theme's layout for large screens. A file of its own so that a parallel run checks this size on another
worker than the phones' and the laptop's (see screens.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .screens import LARGE_SCREENS, check_every_page, pages_of_each_kind


@pytest.mark.parametrize("screen", LARGE_SCREENS, ids=str)
def test_a_page_of_each_kind_passes_axe_and_the_structure_checks_on_large_screens(
    browser, built_site: Path, site_url: str, axe_source: str, screen
):
    check_every_page(browser, built_site, site_url, axe_source, screen, pages=pages_of_each_kind(built_site))
