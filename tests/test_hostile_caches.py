"""The caches under `.cache/` against a hostile project: a `.cache` that is a link never has the build read,
write or remove anything outside the project; an entry that is a link, a device or a pipe is passed over
rather than read (or waited on for ever); and files committed under `.cache/` are reported by `check` at
their place and stop the build, which uses no cache the repository holds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plugins.publishing.booklet_cache import CACHE_DIR as BOOKLETS
from plugins.publishing.caches import read_entry
from plugins.publishing.chart_cache import CACHE_DIR as CHARTS
from plugins.publishing.page_cache import CACHE_DIR as PAGES

from .conftest import AS_OF, REPO, copy_project, tree_digest

PLANTED = "a" * 64


def _outside(tmp_path: Path) -> Path:
    """Someone else's folder beside the project, with a file named as a cache entry is."""
    outside = tmp_path / "elsewhere"
    for folder in ("charts", "pages", "booklets"):
        (outside / folder).mkdir(parents=True)
        for suffix in (".svg", ".json", ".pdf"):
            (outside / folder / f"{PLANTED}{suffix}").write_text("someone else's file\n")
    return outside


# A table over years, which the pages show with a chart: with it the smallest content uses all three caches.
FORECAST = """\
tables:
  - id: forecast
    caption: Forecast
    columns:
      - heading: 2026/27
        unit: £,000
      - heading: 2027/28
        unit: £,000
    rows:
      - heading: Funding gap
        cells: [87880, 111799]
"""


def _small_project(into: Path) -> Path:
    """The smallest content, with a chart, and the project's theme and settings: a build that asks each cache
    for entries (a chart, pages, a booklet) in seconds."""
    copy_project(into, minimal=True)
    (into / "content/example/plan/tables.yml").write_text(FORECAST, encoding="utf-8")
    return into


def _files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("linked", [".cache", "one cache's folder"])
def test_a_cache_folder_that_is_a_link_is_not_used_and_nothing_outside_is_written_or_removed(tmp_path: Path, run, linked: str):
    root = _small_project(tmp_path / "project")
    outside = _outside(tmp_path)
    before = _files(outside)
    if linked == ".cache":
        (root / ".cache").symlink_to(outside, target_is_directory=True)
    else:
        (root / ".cache").mkdir()
        for cache in (CHARTS, PAGES, BOOKLETS):
            (root / cache).symlink_to(outside / Path(cache).name, target_is_directory=True)

    done = run("--root", root, "build", "--site-dir", root / "site", "--as-of", AS_OF)

    assert done.code == 0, done.err
    assert (root / "site/example/plan/plan.pdf").is_file() and list((root / "site/example/plan").rglob("*.svg"))
    assert _files(outside) == before


def test_an_entry_that_is_a_link_a_pipe_or_a_device_is_passed_over_not_read(tmp_path: Path):
    root = _small_project(tmp_path / "project")
    # A first build names the entries a build asks for.
    build = [sys.executable, str(REPO / "site_build.py"), "--root", str(root), "build", "--site-dir", str(root / "site"), "--as-of", AS_OF]
    assert subprocess.run([*build, "--no-pdf"], capture_output=True, timeout=600).returncode == 0
    first = tree_digest(root / "site")
    secret = tmp_path / "secret.txt"
    secret.write_text("<svg xmlns='http://www.w3.org/2000/svg'><text>not the project's</text></svg>")
    charts = sorted((root / CHARTS).glob("*.svg"))
    pages = sorted((root / PAGES).glob("*.json"))
    assert charts and pages
    charts[0].unlink()
    charts[0].symlink_to(secret)
    pages[0].unlink()
    os.mkfifo(pages[0])  # reading it would wait for ever for someone to write
    pages[1].unlink()
    pages[1].symlink_to("/dev/zero")  # and this would never end

    done = subprocess.run([*build, "--no-pdf"], capture_output=True, text=True, timeout=600)

    assert done.returncode == 0, done.stderr
    assert tree_digest(root / "site") == first
    assert "not the project's" not in "".join(p.read_text() for p in (root / "site").rglob("*.svg"))


def test_an_entry_is_read_whole_up_to_its_limit_whatever_size_the_file_system_gives_it(tmp_path: Path):
    entry = tmp_path / "entry.json"
    entry.write_bytes(b"x" * 100)
    assert read_entry(entry, 100) == b"x" * 100
    assert read_entry(entry, 99) is None
    # A file may hold more than its recorded size (one growing as it is read, or /proc's, which give
    # none): it is read on, and still refused past the limit.
    held = Path("/proc/self/status")
    if not held.is_file() or held.stat().st_size != 0:
        pytest.skip("needs a file that holds more than its recorded size (Linux's /proc)")
    whole = read_entry(held, 1 << 20)
    assert whole is not None and whole.startswith(b"Name:") and b"\nPid:" in whole
    assert read_entry(held, 10) is None


def _committed(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "project")
    shutil.copy2(REPO / ".gitignore", root / ".gitignore")
    (root / CHARTS).mkdir(parents=True)
    (root / CHARTS / f"{PLANTED}.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'><text>under 8 weeks</text></svg>")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@example.org",
    }
    for command in (["init", "-q"], ["add", "-A"], ["add", "-f", ".cache"], ["commit", "-q", "-m", "Content"]):
        subprocess.run(["git", *command], cwd=root, check=True, env=env, capture_output=True)
    return root


def test_a_cache_committed_to_the_repository_is_reported_by_check_at_its_place(tmp_path: Path, run):
    root = _committed(tmp_path)
    done = run("--root", root, "check")
    assert done.code == 1
    assert done.err.splitlines()[0] == (
        f".cache/charts/{PLANTED}.svg:1:1: This file is committed to the repository, but .cache/ holds only what builds make "
        "for themselves, and a build uses no cache the repository holds. Remove it from the repository with: git rm -r --cached .cache"
    )
    assert "Traceback" not in done.err


def test_a_cache_committed_to_the_repository_stops_the_build_and_leaves_the_site_as_it_was(tmp_path: Path, run):
    root = _committed(tmp_path)
    done = run("--root", root, "build", "--site-dir", root / "site", "--as-of", AS_OF, "--no-pdf")
    assert done.code == 1
    assert f".cache/charts/{PLANTED}.svg:1:1: This file is committed to the repository" in done.err
    assert not (root / "site").exists()
