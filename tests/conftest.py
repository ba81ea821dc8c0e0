"""Shared helpers: copies of the project to break, the real library and site built once, and the command
line run as a user runs it.

Nothing here loads content or builds a site when it is imported: the library and the site are
session fixtures, made the first time a test asks for them, so collecting the tests (or running one
that needs neither) costs nothing."""

from __future__ import annotations

import collections
import contextlib
import fcntl
import functools
import hashlib
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import site_build
from plugins.content import Library, LoadedStrategy, load_library

REPO = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"
# The code's layers, lowest first (tests/test_layers.py checks the imports, tests/test_docs.py the README's map).
LAYERS = [
    "plugins.cores",
    "plugins.safety",
    "plugins.content",
    "plugins.importing",
    "easyread",
    "plugins.pages",
    "plugins.publishing",
    "plugins.adapter",
    "site_build",
]
# The day the shared site is built for: after every strategy's latest stage, before the next plan's.
AS_OF = "2026-11-22"
# Everything a build reads, so a copy of these builds as the project does.
SITE_FILES = ("mkdocs.yml", "docs", "templates", "content", "pictures")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """The workers `-n auto` starts: half as many again as the machine has cores. On two cores, one worker
    a core kept them busy 70% of a measured run, the rest spent waiting on Chromium, on builds run as
    programs and on the disk; three workers kept them 81% busy."""
    return max(2, (os.cpu_count() or 1) * 3 // 2)


# Files of few but long tests: started first. pytest-xdist hands out the files with the most tests first
# (the order below, with --no-loadscope-reorder making it this hook's), which left these to the end of
# a run, one worker busy on one of them while the others waited.
FIRST = (
    "test_benchmark.py",
    "test_fuzz.py",
    "browser/test_accessibility_tablet_and_laptop.py",
    "test_same_output.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tests = Path(__file__).parent
    if missing := [name for name in FIRST if not (tests / name).is_file()]:
        raise pytest.UsageError(f"tests/conftest.py's FIRST names files that are not there: {', '.join(missing)}")
    files = [item.path.relative_to(tests).as_posix() if item.path.is_relative_to(tests) else str(item.path) for item in items]
    count = collections.Counter(files)
    rank = {name: n for n, name in enumerate(FIRST)}
    # A stable sort: each file's tests stay together and in their own order.
    order = sorted(range(len(items)), key=lambda i: (rank.get(files[i], len(FIRST)), -count[files[i]]))
    items[:] = [items[i] for i in order]


def page(site: Path, uri: str) -> Path:
    """The HTML file a reader gets at a page's address."""
    return site / uri / "index.html"


def tree_digest(folder: Path) -> str:
    """One hash of every file's name and bytes under a folder: equal digests, the same site."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def copy_project(into: Path, *, minimal: bool = False, council: str | None = None, cache: Path | None = None) -> Path:
    """A copy of everything a build reads, to change safely; with minimal, the smallest valid content
    (MINIMAL: one organisation, one strategy) in place of the project's, with its theme and settings; with
    council, the real content of that council's strategies alone (Leicester's: two strategies, each with
    an Easy Read edition, 4 booklets), for a test that needs real content of every kind but not all of it;
    with cache (site_cache), a copy of a cache an earlier build left, as its .cache/."""
    into.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        source = MINIMAL / name if minimal and name == "content" else REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, into / name)
    if council is not None:
        councils = [folder for folder in (into / "content").iterdir() if folder.is_dir()]
        assert council in {folder.name for folder in councils}, f"no council {council} in content/"
        for folder in councils:
            if folder.name != council:
                shutil.rmtree(folder)
    if cache is not None:
        shutil.copytree(cache, into / ".cache")
    return into


def calls_of(monkeypatch: pytest.MonkeyPatch, owner: object, name: str, said: Callable[..., str]) -> list[str]:
    """Each call of owner.name from now on, as said(*its arguments) names it: which pages a build made,
    say, where a cache should have spared it the work. The call itself goes ahead as it would."""
    done: list[str] = []
    original = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        done.append(said(*args, **kwargs))
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return done


def set_render_workers(root: Path, workers: int) -> None:
    """Set how many processes a project's build converts its pages on (the plugin's render_workers), in
    place of any number set before: 1 keeps every page in the building process, where a test counts them."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if "render_workers:" not in line) + "\n"
    config.write_text(text.replace("      content_dir: content\n", f"      content_dir: content\n      render_workers: {workers}\n"))


def build(into: Path, as_of: str, *, booklets: bool = True) -> Path:
    """The project's own site, built as `site_build.py build` builds it (booklets included, unless a test
    reads only the pages) for a day."""
    site = into / "site"
    assert site_build.main(["build", "--site-dir", str(site), "--as-of", as_of, *([] if booklets else ["--no-pdf"])]) == 0
    return site


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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of everything a build reads, in tmp_path/project, to change safely."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def library() -> Library:
    """The project's real content, loaded and checked once for every test that only reads it."""
    return load_library(REPO)


@pytest.fixture(scope="session")
def easy_read_editions(library: Library) -> list[LoadedStrategy]:
    """The strategies that have an Easy Read edition, in the library's order."""
    return [s for s in library.strategies if s.model.easy_read is not None]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's site as published for AS_OF, built once for the whole run and only read: a test that
    changes a site builds its own. In a parallel run the workers share one build, in the folder above
    their own temporary folders (as pytest-xdist's documentation shows): the first to ask builds it while
    holding a lock, and the others wait for it rather than build it again."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return _build_keeping_the_cache(tmp_path_factory.mktemp("published"))
    shared = tmp_path_factory.getbasetemp().parent / "published"
    with open(shared.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        # A site is published whole or not at all, so its front page means a finished build.
        if (shared / "site" / "index.html").is_file():
            return shared / "site"
        shared.mkdir(exist_ok=True)
        return _build_keeping_the_cache(shared)


def _build_keeping_the_cache(into: Path) -> Path:
    """The shared site, and beside it (cache/) a copy of the cache its build left: the project's own
    .cache/ changes as other tests build the project for other days."""
    site = build(into, AS_OF)
    # File by file, passing over an entry another worker's build removes while it is copied.
    for path in sorted((REPO / ".cache").rglob("*")):
        if path.is_file() and not path.is_symlink():
            copy = into / "cache" / path.relative_to(REPO / ".cache")
            copy.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileNotFoundError):
                shutil.copy2(path, copy)
    return site


@pytest.fixture(scope="session")
def site_cache(site: Path) -> Path:
    """The cache the shared site's build left (its booklets, charts and converted pages), for a test that
    changes a little of a copy of the project and builds it all: what it did not change is reused, as in a
    council's second build, and what it did is made again. Not for a test of the caches themselves."""
    return site.parent / "cache"


def watched_while_serving(root: Path) -> list[str]:
    """The folders the strategy plugin has MkDocs' server watch, as `serve` runs it on a project."""
    from plugins.publishing.config import read_config

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    config = read_config(root)
    plugin = config.plugins["strategy/pages"]
    plugin.on_startup(command="serve", dirty=False)
    try:
        plugin.on_config(config)
        server = Server()
        plugin.on_serve(server, config=config, builder=None)
    finally:
        plugin.on_shutdown()  # MkDocs keeps the plugin for every later build in this process
    return server.watched


# --- `serve`, run as an officer runs it ------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetched(url: str) -> str | None:
    """The page at url, or None if nothing answers within five seconds."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float) -> float | None:
    """How long the page at url took to hold text, or None if it did not within seconds."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        body = fetched(url)
        if body and text in body:
            return time.monotonic() - started
        time.sleep(0.2)
    return None


@contextlib.contextmanager
def serving(root: Path, port: int, log: Path) -> Iterator[subprocess.Popen[str]]:
    """`site_build.py serve` on 127.0.0.1:port for the project at root, its output in log; stopped after."""
    env = {k: v for k, v in os.environ.items() if k != "STRATEGY_SITE_AS_OF"}
    server = subprocess.Popen(
        [sys.executable, str(REPO / "site_build.py"), "--root", str(root), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


# --- A real browser: Debian's Chromium, driven by Playwright, on 127.0.0.1 ---------------------------
# In CI (CI=true) a missing browser fails the run: a browser test must never pass by being skipped. On a
# developer's machine without Chromium the tests skip, and say how to install it. Here rather than in
# tests/browser/ so that a test of another file (tests/test_hostile_output.py) can open its own site in it.

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# As root and offline: no sandbox, and none of Chromium's calls home, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1 for the browser, quietly: its address while the block runs."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


# Collects the Content-Security-Policy's reports on the page (window.__violations), from the first script on:
# given to a browser context with add_init_script, which the policy does not govern.
POLICY_REPORTS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
// The theme's own script puts text into the page as HTML (its tooltips copy a title or a link's text into
// innerHTML): any markup that reaches it there came from content, whatever the policy then blocks.
const written = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML');
Object.defineProperty(Element.prototype, 'innerHTML', {
  get() { return written.get.call(this); },
  set(html) {
    if (/tooltip/.test(this.className) && /<[a-z]/i.test(String(html)))
      window.__violations.push(`markup in a tooltip ${String(html).slice(0, 120)}`);
    return written.set.call(this, html);
  },
});
"""
