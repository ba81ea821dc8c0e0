"""Shared helpers: a copy of a content tree to break, and the command line run as a user runs it."""

from __future__ import annotations

import http.server
import re
import shutil
import threading
from collections.abc import Iterator
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


@pytest.fixture(scope="module")
def counting_server() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1 that counts every request: a build must never send it one."""
    requests: list[str] = []

    class Counting(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (the standard library's name)
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        do_HEAD = do_POST = do_GET  # noqa: N815

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    httpd.shutdown()


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
