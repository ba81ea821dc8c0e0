"""Shared helpers: a copy of a content tree to break, and the command line run as a user runs it."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

import site_build

REPO = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def problems(self) -> list[str]:
        """The lines that report a problem at a place: file:line:column: ..."""
        return [line for line in self.err.splitlines() if re.match(r"^\S+:\d+:\d+: ", line)]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    def _run(*argv: str | Path) -> Run:
        code = site_build.main([str(a) for a in argv])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return _run


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A copy of the smallest valid site: one organisation, one strategy."""
    root = tmp_path / "site"
    shutil.copytree(MINIMAL, root)
    shutil.copytree(REPO / "pictures", root / "pictures")
    return root


@pytest.fixture
def real_content(tmp_path: Path) -> Path:
    """A copy of the project's real content, safe to break."""
    root = tmp_path / "site"
    root.mkdir()
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "pictures", root / "pictures")
    return root
