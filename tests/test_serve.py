"""`serve` shows an officer's YAML edit in the browser without a restart.

The server runs as the officer runs it, on 127.0.0.1; the test edits a content
file and waits for the served page to change, and checks the page carries the
live-reload script that tells an open browser to reload.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import REPO, watched_while_serving


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _wait_for(url: str, text: str, seconds: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        body = _get(url)
        if body and text in body:
            return time.monotonic() - started
        time.sleep(0.2)
    return None


def test_serve_rebuilds_and_reloads_when_a_yaml_file_changes(tmp_path: Path, project: Path):
    root = project
    port = _free_port()
    url = f"http://127.0.0.1:{port}/leicester/send-2021-24/"
    env = {k: v for k, v in os.environ.items() if k != "STRATEGY_SITE_AS_OF"}
    log = tmp_path / "serve.log"
    server = subprocess.Popen(
        [sys.executable, str(REPO / "site_build.py"), "--root", str(root), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        assert _wait_for(url, "How Leicester planned to support", 120) is not None, "the server did not start"
        first = _get(url) or ""
        assert "livereload" in first, "the page has no live-reload script, so an open browser would not reload"

        strategy = root / "content/leicester/send-2021-24/strategy.yml"
        original = strategy.read_text(encoding="utf-8")
        # A mistake while serving is reported in the officer's words, and the server keeps going.
        strategy.write_text(original.replace("summary: How Leicester planned", "summary: Edited: how Leicester planned"))
        deadline = time.monotonic() + 60
        while "content/leicester/send-2021-24/strategy.yml:7:16: A colon is in the wrong place" not in log.read_text():
            assert time.monotonic() < deadline, "the mistake was not reported:\n" + log.read_text()
            time.sleep(0.2)
        strategy.write_text(original.replace("summary: How Leicester planned", "summary: Edited while serving, how Leicester planned"))
        took = _wait_for(url, "Edited while serving, how Leicester planned", 60)
        assert took is not None, "the edit did not reach the served page:\n" + log.read_text()
        print(f"A YAML edit reached the served page in {took:.1f} s.")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def test_serve_watches_the_theme_folder_that_mkdocs_yml_names(project: Path, run, monkeypatch: pytest.MonkeyPatch):
    """With the theme's overrides in theme/ (custom_dir: theme), an edit to a template there reloads the page."""
    from plugins.publishing import publish

    (project / "templates").rename(project / "theme")
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    assert "  custom_dir: templates\n" in text
    config_file.write_text(text.replace("  custom_dir: templates\n", "  custom_dir: theme\n"), encoding="utf-8")
    served: list[Path] = []
    monkeypatch.setattr(publish, "serve_site", lambda root, dev_addr, *, as_of=None: served.append(root))
    result = run("--root", project, "serve")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Serving on http://127.0.0.1:8000/ ; pages reload when content/, pictures/, theme/ or docs/ change. Ctrl-C stops.\n"
    )
    assert served == [project]

    # What the server is told to watch, by the plugin MkDocs runs while serving.
    assert watched_while_serving(project) == [str(project / "content"), str(project / "pictures"), str(project / "theme")]
