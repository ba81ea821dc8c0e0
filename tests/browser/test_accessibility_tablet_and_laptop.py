"""Every page of the built site passes axe-core and the structure checks on a tablet (768x1024, a touch
screen) and a laptop (1280x720). A file of its own so that a parallel run checks these sizes on another
worker than the phones' and the large screens' (see screens.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .screens import TABLET_AND_LAPTOP, check_every_page


@pytest.mark.parametrize("screen", TABLET_AND_LAPTOP, ids=str)
def test_every_page_passes_axe_and_the_structure_checks_on_a_tablet_and_a_laptop(
    browser, built_site: Path, site_url: str, axe_source: str, screen
):
    check_every_page(browser, built_site, site_url, axe_source, screen)
