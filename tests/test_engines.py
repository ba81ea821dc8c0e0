"""The site builds the same with ProperDocs as with MkDocs.

MkDocs 1.6 is no longer maintained. ProperDocs 1.6, its continuation by its former maintainers,
reads the same mkdocs.yml and runs MkDocs plugins such as `strategy/pages` unchanged, so it is the
engine this project can move to (the README's "Engine and theme" says how, and what is decided).
These tests keep that true: CI installs ProperDocs (.ci/run, and the GitHub workflow), and a build
with it must give every file a MkDocs build gives, byte for byte, apart from the generator tag
that names the engine.

Each engine builds in its own process: ProperDocs answers every `mkdocs.*` import of a process that
imports it, which would change the MkDocs the other tests run on.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path

import pytest

from .conftest import REPO

AS_OF = dt.date(2026, 12, 1)
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')
PRIORITY_PAGE = "leicester/send-2021-24/priorities/responsive/index.html"


def _need_properdocs() -> None:
    # Found without importing it: importing ProperDocs here would redirect this process's MkDocs.
    if importlib.util.find_spec("properdocs") is None:
        message = "ProperDocs is not installed: pip install --no-deps 'properdocs>=1.6.7,<1.7' (CI installs it, see .ci/run)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _build(engine: str, out: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "NO_MKDOCS_2_WARNING": "1",
        # The same day for both builds, for the pages and for MkDocs' own dates.
        "STRATEGY_SITE_AS_OF": AS_OF.isoformat(),
        "SOURCE_DATE_EPOCH": str(int(dt.datetime(AS_OF.year, AS_OF.month, AS_OF.day, tzinfo=dt.UTC).timestamp())),
    }
    command = [sys.executable, "-m", engine, "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{engine} build failed:\n{done.stderr}"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    _need_properdocs()
    folder = tmp_path_factory.mktemp("engines")
    _build("mkdocs", folder / "mkdocs")
    _build("properdocs", folder / "properdocs")
    return folder / "mkdocs", folder / "properdocs"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_properdocs_builds_every_file_mkdocs_builds_with_the_same_bytes_but_the_generator_tag(sites: tuple[Path, Path]):
    by_mkdocs, by_properdocs = _files(sites[0]), _files(sites[1])
    assert sorted(by_properdocs) == sorted(by_mkdocs)
    pages = [name for name in by_mkdocs if name.endswith(".html")]
    assert PRIORITY_PAGE in pages
    stock = f"mkdocs-{version('mkdocs')}, mkdocs-material-{version('mkdocs-material')}".encode()
    for name in pages:
        # Each engine names itself, once, in every page's head.
        assert GENERATOR.findall(by_mkdocs[name]) == [stock], name
        [engine] = GENERATOR.findall(by_properdocs[name])
        assert engine.startswith(b"mkdocs-ProperDocs 1.6."), name
    differing = [name for name in by_mkdocs if GENERATOR.sub(b"", by_mkdocs[name]) != GENERATOR.sub(b"", by_properdocs[name])]
    assert differing == []


class _Reader(HTMLParser):
    """The text a reader sees in the page's title, main heading and action lists."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.title = self.h1 = ""
        self.items: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)
        if tag == "li" and "article" in self.open:
            self.items.append("")

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.open[-1:] == ["title"]:
            self.title += data
        elif "h1" in self.open:
            self.h1 += data
        elif "li" in self.open and "article" in self.open and self.items:
            self.items[-1] += data


def test_a_priority_page_built_by_properdocs_shows_the_reader_the_priority_and_its_actions(sites: tuple[Path, Path]):
    reader = _Reader()
    reader.feed((sites[1] / PRIORITY_PAGE).read_text(encoding="utf-8"))
    assert reader.h1 == "SEND Strategy 2021-24 Priority 1: Responsive: Coproduction, participation, and communication"
    assert reader.title == "Priority 1: Responsive – SEND Strategy 2021-24 – Education and SEND strategies"
    assert (
        "We will ensure families can access clear information and register for appropriate transport including "
        "Personal Transport Budgets via an online application" in reader.items
    )
