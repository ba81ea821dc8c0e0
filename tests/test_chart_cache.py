"""The chart cache: a rebuild draws only the charts whose figures or words changed, and publishes the same
bytes as drawing them would; a damaged or planted entry is drawn again rather than published; the cache
is safe to delete or to be unable to write, and a build removes only its own entries that it no longer uses."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import site_build
from plugins.pages import charts
from plugins.publishing.chart_cache import CACHE_DIR

from .conftest import AS_OF, REPO, copy_project, page, tree_digest
from .hostile import svg_runs_or_refers

FORECAST_PAGE = "leicestershire/best-programme-plan/tables/high-needs-financial-forecast"
FORECAST = f"{FORECAST_PAGE}/chart.svg"
FORECAST_TITLE = "High Needs Financial Forecast - January 2026"
INDICATOR = "leicestershire/send-and-inclusion-2024-27/measures/chart-initial-ehc-plan-average-weeks.svg"
INDICATOR_TITLE = "Average time to complete an initial Education, Health and Care plan"


def _charts(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("chart*.svg"))}


def _entries(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / CACHE_DIR).iterdir())}


def _build(run, root: Path) -> None:
    result = run("--root", root, "build", "--site-dir", root / "site", "--no-pdf", "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert result.out.startswith("Built ")


@pytest.fixture(scope="module")
def primed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], str]:
    """Leicestershire's real content (the strategies with charts) built once, its charts drawn into the
    cache; only copied, never changed."""
    root = copy_project(tmp_path_factory.mktemp("primed") / "project", council="leicestershire")
    assert site_build.main(["--root", str(root), "build", "--site-dir", str(root / "site"), "--no-pdf", "--as-of", AS_OF]) == 0
    return root, _charts(root / "site"), tree_digest(root / "site")


@pytest.fixture
def project_built(primed: tuple[Path, dict[str, bytes], str], tmp_path: Path) -> Path:
    """A copy of the primed project, its site and its cache, to change."""
    root = tmp_path / "project"
    shutil.copytree(primed[0], root, symlinks=True)
    return root


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The title of each chart matplotlib draws, in the order drawn."""
    titles: list[str] = []
    titled = charts._titled

    def recording(svg: bytes, title: str, description: str) -> bytes:
        titles.append(title)
        return titled(svg, title, description)

    monkeypatch.setattr(charts, "_titled", recording)
    return titles


def test_a_first_build_keeps_each_chart_it_drew_as_published(primed):
    root, published, _ = primed
    assert sorted(published) == [FORECAST, INDICATOR]
    entries = _entries(root)
    assert sorted(entries.values()) == sorted(published.values())
    assert all(len(name) == 64 + len(".svg") and name.endswith(".svg") for name in entries)


def test_a_second_build_draws_no_chart_and_publishes_the_same_site(project_built: Path, primed, run, monkeypatch: pytest.MonkeyPatch):
    def refuse(*_: object) -> bytes:
        raise AssertionError("a chart was drawn although it is in the cache")

    monkeypatch.setattr(charts, "_render", refuse)
    _build(run, project_built)
    assert _charts(project_built / "site") == primed[1]
    assert tree_digest(project_built / "site") == primed[2]
    assert _entries(project_built) == _entries(primed[0])


_MATPLOTLIB_AFTER_A_BUILD = """
import sys
import site_build
code = site_build.main(["--root", sys.argv[1], "build", "--site-dir", sys.argv[1] + "/site", "--no-pdf", "--as-of", sys.argv[2]])
print(code, "matplotlib" in sys.modules)
"""


def _imports_matplotlib(root: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _MATPLOTLIB_AFTER_A_BUILD, str(root), AS_OF], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1]


def test_a_build_with_every_chart_in_the_cache_never_imports_matplotlib(project_built: Path):
    assert _imports_matplotlib(project_built) == "0 False"
    # The same build with nothing in the cache draws both, and so imports it.
    shutil.rmtree(project_built / CACHE_DIR)
    assert _imports_matplotlib(project_built) == "0 True"


def test_changing_one_figure_redraws_that_chart_only_and_its_page_tells_the_new_figure(project_built: Path, primed, run, drawn):
    tables = project_built / "content/leicestershire/best-programme-plan/tables.yml"
    text = tables.read_text(encoding="utf-8")
    assert text.count("[87880, 111799, 141251, 174182]") == 1
    tables.write_text(text.replace("[87880, 111799, 141251, 174182]", "[90000, 111799, 141251, 174182]"), encoding="utf-8")

    _build(run, project_built)

    assert drawn == [FORECAST_TITLE]
    published = _charts(project_built / "site")
    assert published[INDICATOR] == primed[1][INDICATOR]
    assert published[FORECAST] != primed[1][FORECAST]
    assert b"from 90,000 in 2026/27" in published[FORECAST]
    html = page(project_built / "site", FORECAST_PAGE).read_text(encoding="utf-8")
    assert "<li>Annual Funding Gap Pre Mitigations rises every year, from 90,000 in 2026/27 to 174,182 in 2029/30.</li>" in html
    # The old drawing of the forecast is no longer kept; the new one is, beside the unchanged indicator.
    assert sorted(_entries(project_built).values()) == sorted(published.values())


def _with_script(svg: bytes) -> bytes:
    start = svg.index(b">", svg.index(b"<svg")) + 1
    return svg[:start] + b"<script>alert(document.cookie)</script>" + svg[start:]


def _with_outside_picture(svg: bytes) -> bytes:
    start = svg.index(b">", svg.index(b"<svg")) + 1
    return svg[:start] + b'<image href="https://example.org/tracker.png" width="1" height="1"/>' + svg[start:]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda svg: svg[: len(svg) // 2], id="cut short"),
        pytest.param(_with_script, id="a script planted"),
        pytest.param(_with_outside_picture, id="a picture from elsewhere planted"),
        pytest.param(lambda svg: b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x "y">]>\n' + svg, id="a DOCTYPE"),
    ],
)
def test_a_damaged_entry_is_drawn_again_and_never_published(project_built: Path, primed, run, drawn, damage):
    clean = primed[1][FORECAST]
    entry = next(project_built / CACHE_DIR / name for name, data in _entries(project_built).items() if data == clean)
    entry.write_bytes(damage(clean))

    _build(run, project_built)

    assert drawn == [FORECAST_TITLE]
    published = (project_built / "site" / FORECAST).read_bytes()
    assert published == clean
    assert svg_runs_or_refers(published) == []
    # The entry is put right by the drawing.
    assert entry.read_bytes() == clean


def test_deleting_the_cache_is_safe_the_next_build_draws_every_chart_and_fills_it_again(project_built: Path, primed, run, drawn):
    shutil.rmtree(project_built / ".cache")
    _build(run, project_built)
    assert sorted(drawn) == sorted([FORECAST_TITLE, INDICATOR_TITLE])
    assert _charts(project_built / "site") == primed[1]
    assert _entries(project_built) == _entries(primed[0])


def test_a_build_removes_only_its_own_entries_it_did_not_use(project_built: Path, primed, run):
    cache = project_built / CACHE_DIR
    kept = {
        "kept by a person.txt": b"not the build's",
        f"{'0' * 64}.svg.orig": b"<svg/>",
        f"{'0' * 63}.svg": b"<svg/>",
        f".{'2' * 64}.svg.abc_123.tmp": b"being written by a build now",
    }
    for name, data in kept.items():
        (cache / name).write_bytes(data)
    (cache / f"{'0' * 64}.svg").write_bytes(b"<svg/>")  # an entry no chart uses any more
    abandoned = cache / f".{'1' * 64}.svg.xyz_789.tmp"
    abandoned.write_bytes(b"left by a build that was stopped")
    hours_ago = time.time() - 2 * 3600
    os.utime(abandoned, (hours_ago, hours_ago))

    _build(run, project_built)

    assert _entries(project_built) == {**_entries(primed[0]), **kept}


def test_a_build_that_cannot_write_the_cache_still_publishes_every_chart(project_built: Path, primed, run, drawn):
    shutil.rmtree(project_built / CACHE_DIR)
    (project_built / CACHE_DIR).write_bytes(b"a file where the cache's folder would be")
    _build(run, project_built)
    assert sorted(drawn) == sorted([FORECAST_TITLE, INDICATOR_TITLE])
    assert _charts(project_built / "site") == primed[1]
    assert (project_built / CACHE_DIR).read_bytes() == b"a file where the cache's folder would be"


def test_an_export_takes_its_charts_from_the_cache(project_built: Path, primed, run, drawn):
    result = run("--root", project_built, "export", "--out", project_built / "export", "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert drawn == []
    assert _charts(project_built / "export/docs") == primed[1]
