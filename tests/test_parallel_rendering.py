"""Pages converted on every core are, byte for byte, the pages MkDocs makes alone."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import plugins.adapter.plugin as strategy_plugin
from easyread import checker
from plugins.adapter import rendering
from plugins.cores import sharing
from plugins.pages import edition

from .conftest import AS_OF, REPO, copy_project, set_render_workers, tree_digest


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """How many pages each build converted, and put into their template, in workers. The test
    process's own threads (a browser test leaves some) are not the build's, so they do not stop the
    workers here."""
    counts: list[tuple[int, int]] = []
    real_prerender, real_prebuild = strategy_plugin.prerender, strategy_plugin.prebuild

    def prerender(*args: object) -> rendering.Workers | None:
        workers = real_prerender(*args)  # type: ignore[arg-type]
        counts.append((len(workers.shared) if workers else 0, 0))
        return workers

    def prebuild(*args: object) -> tuple[object, rendering.Workers | None]:
        env, workers = real_prebuild(*args)  # type: ignore[arg-type]
        counts[-1] = (counts[-1][0], len(workers.shared) if workers else 0)
        return env, workers

    monkeypatch.setattr(strategy_plugin, "prerender", prerender)
    monkeypatch.setattr(strategy_plugin, "prebuild", prebuild)
    monkeypatch.setattr(sharing.threading, "active_count", lambda: 1)
    return counts


@pytest.fixture
def shared_out(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many items each list shared out by plugins.cores.sharing.each gave to workers (the Easy Read editions
    checked, the pages' Markdown made), in the order a build shares them out. Leicester's 2 editions and
    49 pages are fewer than it takes to share them out at a council's scale: here, 1 and 10 are enough."""
    counts: list[int] = []
    real = sharing.share_out

    def share_out(job: sharing.Job, positions: list[int], workers: int) -> sharing.Workers | None:
        shared = real(job, positions, workers)
        counts.append(len(shared.shared) if shared else 0)
        return shared

    monkeypatch.setattr(sharing, "share_out", share_out)
    # As on the command line: the test runner's own threads (a browser test leaves some) are not the build's.
    monkeypatch.setattr(sharing.threading, "active_count", lambda: 1)
    monkeypatch.setattr(checker, "EDITIONS_PER_PROCESS", 1)
    monkeypatch.setattr(edition, "PAGES_PER_PROCESS", 10)
    return counts


def test_the_site_built_on_two_cores_is_the_site_built_on_one(tmp_path: Path, run, counted: list[tuple[int, int]], shared_out: list[int]):
    root = copy_project(tmp_path / "project", council="leicester")
    digests, lists = [], []
    for workers in (1, 2):
        set_render_workers(root, workers)
        shutil.rmtree(root / ".cache", ignore_errors=True)  # every page converted afresh, not taken from the page cache
        site = tmp_path / f"site-{workers}"
        assert run("--root", root, "build", "--site-dir", site, "--as-of", AS_OF, "--no-pdf").code == 0
        digests.append(tree_digest(site))
        lists.append(shared_out[:])
        shared_out.clear()
    # One core: MkDocs built every page itself. Two: the later half of the generated pages went to a
    # worker to convert, and more than half to put into the template (the build hands every page on
    # besides); and before that, the second Easy Read edition to check, and the later half of the pages
    # to make their Markdown.
    assert counted[0] == (0, 0)
    assert counted[1][0] >= 20 and counted[1][1] > counted[1][0]
    assert lists[0] == [0, 0]
    assert lists[1][0] == 1 and lists[1][1] >= 20
    assert digests[0] == digests[1]


def test_an_easy_read_mistake_found_in_a_worker_is_reported_as_on_one_core(tmp_path: Path, run, shared_out: list[int]):
    """Sentences of more than 5 words are mistakes (rule 4) in both editions: the second edition's are
    found by a worker, and told, in order, in the same words."""
    root = copy_project(tmp_path / "project", council="leicester")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      easy_read:\n", "      easy_read:\n        max_sentence_words: 5\n"))
    said = []
    for workers in (1, 2):
        set_render_workers(root, workers)
        shutil.rmtree(root / ".cache", ignore_errors=True)  # every edition checked afresh, not taken from the scorecards
        result = run("--root", root, "check", "--as-of", AS_OF)
        said.append((result.code, result.out, result.err))
    assert shared_out == [0, 1]
    assert said[0] == said[1]
    code, _, err = said[0]
    assert code == 1
    editions = {line.split("/easy-read.yml:")[0] for line in err.splitlines() if "/easy-read.yml:" in line}
    assert editions == {"content/leicester/education-2021-24", "content/leicester/send-2021-24"}, err


def test_a_warning_from_a_page_converted_in_a_worker_still_stops_the_build(tmp_path: Path, run, counted: list[tuple[int, int]]):
    """A council's own page template with a link to nowhere: MkDocs' warning, in its own words and
    in the same order, stops the strict build whichever way the pages were converted."""
    root = copy_project(tmp_path / "project", council="leicester")
    template = root / "templates/pages/priority.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n[More about this](no-such-page.md)\n", encoding="utf-8")
    errors = []
    for workers in (1, 2):
        set_render_workers(root, workers)
        shutil.rmtree(root / ".cache", ignore_errors=True)  # every page converted afresh, not taken from the page cache
        done = run("--root", root, "build", "--site-dir", tmp_path / "site", "--as-of", AS_OF, "--no-pdf")
        assert done.code == 1
        errors.append(done.err)
    assert counted[1][0] >= 20
    assert (
        "WARNING: Doc file 'leicester/send-2021-24/priorities/responsive.md' contains a link 'no-such-page.md', but the target "
        "'leicester/send-2021-24/priorities/no-such-page.md' is not found among documentation files.\n"
    ) in errors[1]
    assert errors[0] == errors[1]
    assert not (tmp_path / "site").exists()


@pytest.fixture
def checked_in_build(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every page the pages' policy checks in the building process (a worker's checks stay in the worker)."""
    pages: list[str] = []
    real = strategy_plugin.check_and_protect

    def counting(html: str, page: str) -> str:
        pages.append(page)
        return real(html, page)

    monkeypatch.setattr(strategy_plugin, "check_and_protect", counting)
    return pages


def test_a_page_a_worker_puts_into_its_template_is_checked_there_once(
    tmp_path: Path, run, counted: list[tuple[int, int]], checked_in_build: list[str]
):
    """The pages' policy checks each page where it is put into its template: on two cores, the building
    process checks every page but the worker's, and none twice; the site is the same bytes."""
    root = copy_project(tmp_path / "project", council="leicester")
    digests, checked = [], []
    for workers in (1, 2):
        set_render_workers(root, workers)
        shutil.rmtree(root / ".cache", ignore_errors=True)  # every page made afresh, none from the finished-page cache
        site = tmp_path / f"site-{workers}"
        assert run("--root", root, "build", "--site-dir", site, "--as-of", AS_OF, "--no-pdf").code == 0
        digests.append(tree_digest(site))
        checked.append(checked_in_build[:])
        checked_in_build.clear()
    by_worker = counted[1][1]
    assert by_worker >= 20
    assert len(checked[1]) == len(checked[0]) - by_worker
    assert len(set(checked[1])) == len(checked[1]) and set(checked[1]) < set(checked[0])
    assert digests[0] == digests[1]


@pytest.fixture
def worker_pages(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The pages each build gave a worker to put into their template, by their paths."""
    given: list[list[str]] = []
    real = strategy_plugin.prebuild

    def prebuild(pages: list[Any], *args: Any) -> tuple[object, rendering.Workers | None]:
        env, workers = real(pages, *args)
        given.append([pages[position].file.src_uri for position in workers.shared] if workers else [])
        return env, workers

    monkeypatch.setattr(strategy_plugin, "prebuild", prebuild)
    monkeypatch.setattr(sharing.threading, "active_count", lambda: 1)
    return given


# A page late in the order MkDocs builds the pages in.
_LAST_PAGE = "leicester/send-2021-24/easy-read/review/index.md"


def test_a_page_a_worker_makes_that_no_page_may_be_stops_the_build_in_the_same_words(tmp_path: Path, run, worker_pages: list[list[str]]):
    root = copy_project(tmp_path / "project", council="leicester")
    template = root / "templates/main.html"
    script = f'{{% if page and page.file.src_uri == "{_LAST_PAGE}" %}}<script>alert(1)</script>{{% endif %}}'
    template.write_text(template.read_text(encoding="utf-8").replace("{% endblock %}", script + "{% endblock %}", 1), encoding="utf-8")
    said = []
    for workers in (1, 2):
        set_render_workers(root, workers)
        shutil.rmtree(root / ".cache", ignore_errors=True)
        done = run("--root", root, "build", "--site-dir", tmp_path / "site", "--as-of", AS_OF, "--no-pdf")
        said.append((done.code, done.err))
    assert worker_pages[0] == [] and _LAST_PAGE in worker_pages[1]
    assert said[0] == said[1]
    code, err = said[1]
    assert code == 1
    assert f"{_LAST_PAGE}: the page has an inline script the theme did not write." in err
    assert "Traceback" not in err
    assert not (tmp_path / "site").exists()


# The build as a user runs it, except that the disk fills up as the first page is converted: in the
# building process only, so the worker is still busy with its share when the build stops.
_FULL_DISK = """
import os, sys
sys.path.insert(0, sys.argv.pop(1))
from mkdocs.structure.pages import Page
building, render, failed = os.getpid(), Page.render, []
def failing(self, config, files):
    if os.getpid() == building and not failed:
        failed.append(self)
        raise OSError(28, "No space left on device")
    return render(self, config, files)
Page.render = failing
import site_build
sys.exit(site_build.main(sys.argv[1:]))
"""


def test_a_build_that_stops_while_a_worker_is_busy_says_why_without_a_traceback(tmp_path: Path):
    root = copy_project(tmp_path / "project", council="leicester")
    set_render_workers(root, 2)
    out = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, str(REPO), "--root", str(root), "build", "--site-dir", str(out), "--as-of", AS_OF, "--no-pdf"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert done.stderr == (
        "ERROR: Error reading page 'index.md': [Errno 28] No space left on device\n"
        "The build stopped: No space left on device.\n"
        f"Nothing was published: {out}/ is as it was.\n"
    )
    assert not out.exists()


def _config(*handlers: object) -> SimpleNamespace:
    events = {event: list(handlers) if event == "page_markdown" else [] for event in rendering._PAGE_EVENTS}
    return SimpleNamespace(plugins=SimpleNamespace(events=events))


def test_pages_are_converted_one_at_a_time_when_sharing_them_out_could_change_anything(monkeypatch: pytest.MonkeyPatch):
    ours, theirs = object(), SimpleNamespace()
    monkeypatch.setattr(sharing.threading, "active_count", lambda: 1)
    assert rendering.workers_for(2000, _config(), setting=2, own=ours) == 2  # type: ignore[arg-type]
    # Another plugin handles a page event, and might need to see every page in one process.
    foreign = SimpleNamespace(__self__=theirs)
    assert rendering.workers_for(2000, _config(foreign), setting=2, own=ours) == 1  # type: ignore[arg-type]
    # Too few pages to be worth starting processes for.
    assert rendering.workers_for(30, _config(), setting=2, own=ours) == 1  # type: ignore[arg-type]
    # Asked for one.
    assert rendering.workers_for(2000, _config(), setting=1, own=ours) == 1  # type: ignore[arg-type]
    # Beside other threads, as under `serve`, where forking is unsafe.
    monkeypatch.setattr(sharing.threading, "active_count", lambda: 3)
    assert rendering.workers_for(2000, _config(), setting=2, own=ours) == 1  # type: ignore[arg-type]


# --- Only on a MkDocs it was tested with ----------------------------------------------------------------

_ONE_AT_A_TIME = (
    "Building pages one at a time, as MkDocs does: building them on every core relies on MkDocs' internals "
    "and was tested with MkDocs 1.6 up to 1.6.1 and ProperDocs 1.6 up to 1.6.7, not {name} {version}."
)


@pytest.fixture
def told(request: pytest.FixtureRequest) -> rendering._Catch:
    """What the parallel rendering logs, at any level (the build prints information only with --verbose),
    kept as the workers keep what MkDocs logs."""
    caught = rendering._Catch()
    rendering.log.addHandler(caught)
    request.addfinalizer(lambda: rendering.log.removeHandler(caught))
    return caught


def _said(told: rendering._Catch) -> list[tuple[str, str]]:
    return [(record.levelname, record.getMessage()) for record in told.records]


@pytest.mark.parametrize(
    ("package", "version"),
    [("mkdocs", "1.6.0"), ("mkdocs", "1.6.1"), ("properdocs", "1.6.5"), ("properdocs", "1.6.7"), ("properdocs", "1.6.7rc1")],
)
def test_the_mkdocs_releases_it_was_tested_with_build_on_every_core(package: str, version: str, monkeypatch: pytest.MonkeyPatch, told):
    monkeypatch.setattr(sharing.threading, "active_count", lambda: 1)
    engine = rendering.Engine(package, version)
    assert engine.untested() is None
    assert rendering.workers_for(2000, _config(), setting=2, own=None, engine=engine) == 2  # type: ignore[arg-type]
    assert _said(told) == []


@pytest.mark.parametrize(
    ("package", "version", "name"),
    [
        # A patch release after the newest tested may change what Page.render sets, as ProperDocs 1.6.7 did.
        ("mkdocs", "1.6.2", "MkDocs"),
        ("properdocs", "1.6.8", "ProperDocs"),
        ("properdocs", "1.6.8.dev1", "ProperDocs"),
        ("mkdocs", "1.7.0", "MkDocs"),
        ("mkdocs", "2.0.0", "MkDocs"),
        ("mkdocs", "1.5.3", "MkDocs"),
        ("properdocs", "1.7.0", "ProperDocs"),
        # MkDocs' numbers say nothing about another engine's, and a number that is not one says nothing at all.
        ("otherdocs", "1.6.1", "otherdocs"),
        ("mkdocs", "unknown", "MkDocs"),
    ],
)
def test_any_other_mkdocs_builds_one_page_at_a_time_and_says_why_once(
    package: str, version: str, name: str, monkeypatch: pytest.MonkeyPatch, told
):
    monkeypatch.setattr(sharing.threading, "active_count", lambda: 1)
    engine = rendering.Engine(package, version)
    # Asked for one process, there is nothing to explain.
    assert rendering.workers_for(2000, _config(), setting=1, own=None, engine=engine) == 1  # type: ignore[arg-type]
    assert _said(told) == []
    # Both passes ask; it is said at the first, as information, since a warning would fail a strict build.
    for _ in range(2):
        assert rendering.workers_for(2000, _config(), setting=2, own=None, engine=engine) == 1  # type: ignore[arg-type]
    assert _said(told) == [("INFO", _ONE_AT_A_TIME.format(name=name, version=version))]


def _site_files(site: Path, version: str) -> dict[str, bytes]:
    """Every file of a built site, except that the generator tag the theme puts in each page, which
    names the MkDocs version, names none."""
    generator = f'<meta name="generator" content="mkdocs-{version},'.encode()
    return {
        path.relative_to(site).as_posix(): path.read_bytes().replace(generator, b'<meta name="generator" content="mkdocs-,')
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_on_a_mkdocs_it_was_not_tested_with_the_site_is_built_by_mkdocs_alone_and_is_the_same(
    tmp_path: Path, run, counted: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch, told
):
    import mkdocs

    root = copy_project(tmp_path / "project", council="leicester")
    sites = []
    for version in (mkdocs.__version__, "1.7.0"):
        monkeypatch.setattr(mkdocs, "__version__", version)
        site = tmp_path / f"site-{version}"
        done = run("--root", root, "build", "--site-dir", site, "--as-of", AS_OF, "--no-pdf")
        assert (done.code, done.err) == (0, "")
        sites.append(_site_files(site, version))
    # As tested: the later shares of the generated pages went to the workers. 1.7.0: MkDocs built
    # every page itself, and said why once, in the build that could not share them out.
    assert counted[0][0] >= 20 and counted[0][1] > counted[0][0]
    assert counted[1] == (0, 0)
    name = {"mkdocs": "MkDocs", "properdocs": "ProperDocs"}[mkdocs.__name__]
    assert _said(told) == [("INFO", _ONE_AT_A_TIME.format(name=name, version="1.7.0"))]
    # The same site, byte for byte, but for the version the theme says it was made with.
    assert sites[0].keys() == sites[1].keys()
    assert [path for path in sites[0] if sites[0][path] != sites[1][path]] == []
    assert sum(b'<meta name="generator" content="mkdocs-,' in page for page in sites[1].values()) >= 45


def test_in_a_worker_what_properdocs_and_plugins_log_is_kept_for_its_page_and_not_printed(monkeypatch: pytest.MonkeyPatch):
    """ProperDocs logs as `properdocs`, and plugins as `mkdocs` still, beneath it: a warning through
    either is kept with the page, once, for the build to log (and count, in a strict build) when it
    reaches the page, and none reaches the worker's own handlers, whose count is thrown away."""
    import logging

    monkeypatch.setattr(rendering.Engine, "running", classmethod(lambda cls: cls("properdocs", "1.6.7")))
    printed = rendering._Catch()
    for name in ("mkdocs", "properdocs"):
        monkeypatch.setattr(logging.getLogger(name), "handlers", [printed])
        monkeypatch.setattr(logging.getLogger(name), "propagate", True)
    monkeypatch.setattr(logging.getLogger("mkdocs"), "parent", logging.getLogger("properdocs"))

    def work(page: str) -> rendering.Built:
        logging.getLogger("properdocs.structure.pages").warning(f"Doc file '{page}' contains a link 'x.md'")
        logging.getLogger("mkdocs.plugins.other").warning(f"Other plugin: {page}")
        return rendering.Built(f"<p>{page}</p>")

    done = rendering._each_page(["a.md", "b.md"], [1], work)  # type: ignore[list-item]
    assert [(position, built.html, [(r.name, r.levelname, r.getMessage()) for r in built.records]) for position, built in done] == [
        (
            1,
            "<p>b.md</p>",
            [
                ("properdocs.structure.pages", "WARNING", "Doc file 'b.md' contains a link 'x.md'"),
                ("mkdocs.plugins.other", "WARNING", "Other plugin: b.md"),
            ],
        )
    ]
    assert printed.records == []
