"""Every page of the built site passes axe-core and the structure checks on a desktop monitor (1920x1080). A file of its own so that a parallel run checks these sizes on
another worker than the phones' and the tablet's and laptop's (see screens.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .screens import LARGE_SCREENS, check_every_page


@pytest.mark.parametrize("screen", LARGE_SCREENS, ids=str)
def test_every_page_passes_axe_and_the_structure_checks_on_large_screens(browser, built_site: Path, site_url: str, axe_source: str, screen):
    check_every_page(browser, built_site, site_url, axe_source, screen)
