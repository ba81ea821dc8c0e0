"""Golden files hold the rendered Markdown of representative pages steady.

A change to a template or to the generator shows up here as a readable diff of
the page's Markdown. When the change is intended, regenerate the files with
`UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from mkdocs.config import load_config

from plugins.content import load_library
from plugins.pages import StandardEdition

from .conftest import MINIMAL, REPO

GOLDEN = Path(__file__).parent / "golden"
AS_OF = dt.date(2026, 5, 1)
PAGES = {
    "minimal": (MINIMAL, ["index.md", "example/plan/index.md", "example/plan/priorities/belonging.md"]),
    "real": (
        REPO,
        [
            "leicestershire/best-programme-plan/tables/high-needs-financial-forecast.md",
            "leicester/send-2021-24/priorities/inclusive.md",
            "leicester/send-2021-24/governance.md",
            "leicester/send-2021-24/easy-read/index.md",
            "whats-new.md",
        ],
    ),
}


def _rendered(root: Path) -> dict[str, str]:
    env = load_config(config_file=str(REPO / "mkdocs.yml")).theme.get_env()
    edition = StandardEdition(load_library(root), env, AS_OF)
    return {spec.uri: spec.markdown for spec in edition.build()}


@pytest.mark.parametrize("name", list(PAGES))
def test_rendered_pages_match_their_golden_files(name: str):
    root, uris = PAGES[name]
    rendered = _rendered(root)
    for uri in uris:
        golden = GOLDEN / name / uri
        if os.environ.get("UPDATE_GOLDEN"):
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(rendered[uri], encoding="utf-8")
        assert golden.is_file(), f"no golden file for {uri}: run with UPDATE_GOLDEN=1"
        assert rendered[uri] == golden.read_text(encoding="utf-8"), uri
