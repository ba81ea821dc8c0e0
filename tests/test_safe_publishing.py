"""Publishing never deletes what it did not make, is whole under any signal, and answers impossible values with a message.

Each refusal is tried on a real copy of the project, a git repository, and checked
for its exact message, its exit code and every file still being there.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import site_build
from plugins.publishing import folders

from .conftest import AS_OF, REPO, copy_project, tree_digest

LATER = "2027-05-01"
OWN = "Give it a folder of its own, such as"


def _git(root: Path, *command: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Officer", "GIT_AUTHOR_EMAIL": "o@example.gov.uk"}
    env |= {"GIT_COMMITTER_NAME": "Officer", "GIT_COMMITTER_EMAIL": "o@example.gov.uk"}
    return subprocess.run(["git", *command], cwd=root, check=True, env=env, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed copy of the project (its smallest content, which is all a refusal or a publishing step
    needs), its .gitignore included, with someone's notes beside it."""
    top = tmp_path_factory.mktemp("safe")
    root = copy_project(top / "project", minimal=True)
    shutil.copy2(REPO / ".gitignore", root / ".gitignore")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Content"]):
        _git(root, *command)
    (top / "notes").mkdir()
    (top / "notes" / "minutes.txt").write_text("Board minutes, not a site.\n")
    (top / "cloned").mkdir()
    (top / "cloned" / ".git").mkdir()
    (top / "marked-clone").mkdir()
    (top / "marked-clone" / ".git").mkdir()
    (top / "marked-clone" / folders.MARKER).write_text("")
    (top / "file.txt").write_text("a file\n")
    (top / "link-to-project").symlink_to(root)
    return root


def _snapshot(top: Path) -> dict[str, str]:
    """Every file and folder under top, with a digest of each file's bytes, but for what the content's check
    keeps for itself (the files as parsed, the Easy Read scorecards: see caches.py), which `build` runs
    before it learns that the folder it is given cannot be written."""
    seen = {}
    for path in sorted(top.rglob("*")):
        if path.name == ".cache" or {".cache", "parsed"} <= set(path.parts) or {".cache", "scorecards"} <= set(path.parts):
            continue
        if path.is_symlink():
            seen[str(path)] = "-> " + os.readlink(path)
        elif path.is_file():
            seen[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            seen[str(path)] = "folder"
    return seen


def _refused(run, project: Path, *argv: str, message: str) -> None:
    before = _snapshot(project.parent)
    result = run("--root", project, *argv)
    assert (result.code, result.err, result.out) == (1, message + "\n", "")
    assert _snapshot(project.parent) == before


FOLDERS = [
    (".", f"that is the project folder itself, and publishing replaces its folder whole. {OWN} {{}}."),
    ("..", f"that folder holds the project, and publishing replaces its folder whole. {OWN} {{}}."),
    ("/", f"that folder holds the project, and publishing replaces its folder whole. {OWN} {{}}."),
    ("../link-to-project", f"that is the project folder itself, and publishing replaces its folder whole. {OWN} {{}}."),
    ("content", f"that is inside content/, which the build reads. {OWN} {{}}."),
    ("content/leicester", f"that is inside content/, which the build reads. {OWN} {{}}."),
    ("content/new-folder", f"that is inside content/, which the build reads. {OWN} {{}}."),
    ("pictures", f"that is inside pictures/, which the build reads. {OWN} {{}}."),
    ("templates/site", f"that is inside templates/, which the build reads. {OWN} {{}}."),
    ("docs", f"that is inside docs/, which the build reads. {OWN} {{}}."),
    (".git", f"that is inside .git/, which the build reads. {OWN} {{}}."),
    (".git/site", f"that is inside .git/, which the build reads. {OWN} {{}}."),
    ("mkdocs.yml", f"that is a file, not a folder. {OWN} {{}}."),
    ("../file.txt", f"that is a file, not a folder. {OWN} {{}}."),
    ("mkdocs.yml/site", f"{{root}}/mkdocs.yml is a file, so no folder can be made inside it. {OWN} {{}}."),
    ("../cloned", f"that folder holds a git repository (.git), which publishing would delete. {OWN} {{}}."),
    ("../marked-clone", f"that folder holds a git repository (.git), which publishing would delete. {OWN} {{}}."),
    (
        "../notes",
        f"that folder holds files this tool did not make (it has no {folders.MARKER} file), and publishing replaces its folder whole. "
        "Choose a new or empty folder, or delete this one first if it is an old copy.",
    ),
]


@pytest.mark.parametrize(("command", "option", "suggestion"), [("build", "--site-dir", "site"), ("export", "--out", "export")])
@pytest.mark.parametrize(("folder", "why"), FOLDERS, ids=[f for f, _ in FOLDERS])
def test_a_folder_this_tool_did_not_make_is_refused_and_nothing_is_deleted(
    project: Path, run, command: str, option: str, suggestion: str, folder: str, why: str
):
    given = folder if folder.startswith("/") else str(project / folder)
    shown = str(Path(given).relative_to(project)) if Path(given).is_relative_to(project) else given
    message = f"{option} {shown}: " + why.format(suggestion, root=project)
    _refused(run, project, command, option, given, "--as-of", AS_OF, message=message)


def test_a_relative_folder_is_named_as_it_was_given(project: Path, run):
    _refused(
        run,
        project,
        "build",
        "--site-dir",
        ".",
        message=f"--site-dir .: that is the project folder itself, and publishing replaces its folder whole. {OWN} site.",
    )


def test_a_folder_that_cannot_be_written_even_by_root_is_refused_in_one_line(project: Path, run):
    # Modes do not stop root, who runs CI: /proc refuses a new folder to everyone.
    _refused(
        run,
        project,
        "build",
        "--no-pdf",
        "--site-dir",
        "/proc/site",
        "--as-of",
        AS_OF,
        message="/proc/site/ cannot be written: No such file or directory.",
    )
    _refused(
        run,
        project,
        "export",
        "--out",
        "/proc/export",
        "--as-of",
        AS_OF,
        message="/proc/export/ cannot be written: No such file or directory.",
    )


DAYS = [
    ("2026-02-30", "The day to build for is '2026-02-30', which is not a day: write it as YYYY-MM-DD, such as 2026-04-20."),
    ("garbage", "The day to build for is 'garbage', which is not a day: write it as YYYY-MM-DD, such as 2026-04-20."),
    ("20260420", "The day to build for is '20260420', which is not a day: write it as YYYY-MM-DD, such as 2026-04-20."),
    ("2026-W17-1", "The day to build for is '2026-W17-1', which is not a day: write it as YYYY-MM-DD, such as 2026-04-20."),
    (
        "2026-04-20\n::add-mask::x",
        "The day to build for is '2026-04-20\\n::add-mask::x', which is not a day: write it as YYYY-MM-DD, such as 2026-04-20.",
    ),
    ("0001-01-01", "The day to build for is 0001-01-01, outside the days a site can be built for: 1970-01-01 to 2106-02-07."),
    ("1969-12-31", "The day to build for is 1969-12-31, outside the days a site can be built for: 1970-01-01 to 2106-02-07."),
    ("2106-02-08", "The day to build for is 2106-02-08, outside the days a site can be built for: 1970-01-01 to 2106-02-07."),
    ("2107-01-01", "The day to build for is 2107-01-01, outside the days a site can be built for: 1970-01-01 to 2106-02-07."),
    ("9999-12-31", "The day to build for is 9999-12-31, outside the days a site can be built for: 1970-01-01 to 2106-02-07."),
]
COMMANDS = [("build", "--site-dir", "../site"), ("export", "--out", "../export"), ("serve", "--dev-addr", "127.0.0.1:1")]


@pytest.mark.parametrize(("command", "option", "value"), COMMANDS, ids=[c for c, _, _ in COMMANDS])
@pytest.mark.parametrize(("day", "message"), DAYS, ids=[d for d, _ in DAYS])
def test_an_impossible_day_is_refused_in_one_line(project: Path, run, command: str, option: str, value: str, day: str, message: str):
    _refused(run, project, command, option, value, "--as-of", day, message=message)


EPOCH = (
    "SOURCE_DATE_EPOCH is {}, which is not a time a site can be built for: it must be a whole number of seconds since 1970-01-01, "
    "at most 4294967295 (2106-02-07)."
)
ENVIRONMENTS = [
    ("SOURCE_DATE_EPOCH", "99999999999999999999", EPOCH.format("'99999999999999999999'")),
    ("SOURCE_DATE_EPOCH", "9" * 5000, EPOCH.format("'" + "9" * 40 + "...'")),
    ("SOURCE_DATE_EPOCH", "4294967296", EPOCH.format("'4294967296'")),
    ("SOURCE_DATE_EPOCH", "-1", EPOCH.format("'-1'")),
    ("SOURCE_DATE_EPOCH", "1.5e9", EPOCH.format("'1.5e9'")),
    ("SOURCE_DATE_EPOCH", "yesterday", EPOCH.format("'yesterday'")),
    ("SOURCE_DATE_EPOCH", "١٧٧٦٦٤٣٢٠٠", EPOCH.format("'١٧٧٦٦٤٣٢٠٠'")),
    ("STRATEGY_SITE_AS_OF", "garbage", "STRATEGY_SITE_AS_OF is 'garbage', which is not a day: write it as YYYY-MM-DD, such as 2026-04-20."),
    (
        "STRATEGY_SITE_AS_OF",
        "1900-01-01",
        "STRATEGY_SITE_AS_OF is 1900-01-01, outside the days a site can be built for: 1970-01-01 to 2106-02-07.",
    ),
]


@pytest.mark.parametrize(("command", "option", "value"), COMMANDS[:2], ids=[c for c, _, _ in COMMANDS[:2]])
@pytest.mark.parametrize(("name", "setting", "message"), ENVIRONMENTS, ids=[f"{n}={s[:12]}" for n, s, _ in ENVIRONMENTS])
def test_an_impossible_day_in_the_environment_is_refused_in_one_line(
    project: Path, run, monkeypatch: pytest.MonkeyPatch, command: str, option: str, value: str, name: str, setting: str, message: str
):
    monkeypatch.delenv("STRATEGY_SITE_AS_OF", raising=False)
    monkeypatch.setenv(name, setting)
    _refused(run, project, command, option, value, message=message)


def test_serve_refuses_an_impossible_day_in_the_environment_when_it_reads_it(project: Path, run, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("STRATEGY_SITE_AS_OF", "2026-13-01")
    message = "STRATEGY_SITE_AS_OF is '2026-13-01', which is not a day: write it as YYYY-MM-DD, such as 2026-04-20."
    _refused(run, project, "serve", "--dev-addr", "127.0.0.1:1", "--as-of", AS_OF, message=message)


PLANTED = "/tmp/strategy-site-python-tag-ran"
TAG = "the tag {} is not allowed: the build never makes a Python object from its configuration. Remove the tag."
EASY_READ = "plugins: Plugin 'strategy/pages' option 'easy_read': Sub-option '{}': Expected a number above 0, but received: {}"
CONFIGS = [
    (
        "syntax",
        "site_name: [oops\n",
        "mkdocs.yml:{second}:1: expected ',' or ']', but got '<stream end>' (while parsing a flow sequence at line {first}, column 12).",
    ),
    ("tab", "extra:\n\tx: 1\n", "mkdocs.yml:{second}:1: found character '\\t' that cannot start any token."),
    (
        "apply",
        f'extra:\n  x: !!python/object/apply:os.system ["touch {PLANTED}"]\n',
        "mkdocs.yml:{second}:6: " + TAG.format("!!python/object/apply:os.system"),
    ),
    (
        "new",
        f'extra:\n  x: !!python/object/new:subprocess.Popen [["touch", "{PLANTED}"]]\n',
        "mkdocs.yml:{second}:6: " + TAG.format("!!python/object/new:subprocess.Popen"),
    ),
    ("name", "extra:\n  x: !!python/name:os.system\n", "mkdocs.yml:{second}:6: " + TAG.format("!!python/name:os.system")),
    ("module", "extra:\n  x: !!python/module:os\n", "mkdocs.yml:{second}:6: " + TAG.format("!!python/module:os")),
    (
        "huge",
        "extra:\n  x: " + "9" * 5000 + "\n",
        "mkdocs.yml:1:1: a number in it has more than 4,300 digits, too many to read.",
    ),
    ("list", None, "mkdocs.yml:1:1: it must set options such as site_name, one on each line."),
    ("nan", ("line_height: 1.6", "line_height: .nan"), "mkdocs.yml:45:9: " + EASY_READ.format("line_height", "nan")),
    ("inf", ("font_size_px: 21", "font_size_px: .inf"), "mkdocs.yml:44:9: " + EASY_READ.format("font_size_px", "inf")),
    (
        "negative",
        ("line_height: 1.6", "line_height: 1.6\n        max_words: -5"),
        "mkdocs.yml:46:9: " + EASY_READ.format("max_words", "-5"),
    ),
    (
        "zero",
        ("line_height: 1.6", "line_height: 1.6\n        min_line_height: 0"),
        "mkdocs.yml:46:9: " + EASY_READ.format("min_line_height", "0"),
    ),
    (
        "true",
        ("line_height: 1.6", "line_height: 1.6\n        max_pages: true"),
        "mkdocs.yml:46:9: " + EASY_READ.format("max_pages", "True"),
    ),
    (
        "zipf",
        ("line_height: 1.6", "line_height: 1.6\n        rare_word_zipf: -3.5"),
        "mkdocs.yml:46:9: " + EASY_READ.format("rare_word_zipf", "-3.5"),
    ),
    (
        "words",
        ("line_height: 1.6", "line_height: 1.6\n        max_sentence_words: 0"),
        "mkdocs.yml:46:9: " + EASY_READ.format("max_sentence_words", "0"),
    ),
    (
        "type",
        ("line_height: 1.6", "line_height: tall"),
        "mkdocs.yml:45:9: plugins: Plugin 'strategy/pages' option 'easy_read': Sub-option 'line_height': "
        "Expected type: (<class 'int'>, <class 'float'>) but received: <class 'str'>",
    ),
]


def _broken_config(project: Path, change: str | tuple[str, str] | None) -> None:
    config = project / "mkdocs.yml"
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if change is None:
        text = "- site_name\n"
    elif isinstance(change, tuple):
        assert change[0] in text
        text = text.replace(change[0], change[1], 1)
    else:
        text += change
    config.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("command", ["build", "export", "serve", "check"])
@pytest.mark.parametrize(("case", "change", "message"), CONFIGS, ids=[c for c, _, _ in CONFIGS])
def test_a_broken_mkdocs_yml_is_refused_at_its_line_and_no_python_object_is_made(
    project: Path, run, command: str, case: str, change: str | tuple[str, str] | None, message: str
):
    if os.path.exists(PLANTED):
        os.remove(PLANTED)
    _broken_config(project, change)
    lines = len((REPO / "mkdocs.yml").read_text().splitlines())
    options = {"build": ["--site-dir", "../site"], "export": ["--out", "../export"], "serve": ["--dev-addr", "127.0.0.1:1"], "check": []}
    try:
        _refused(run, project, command, *options[command], message=message.format(first=lines + 1, second=lines + 2))
    finally:
        shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    assert not os.path.exists(PLANTED)


def test_an_unknown_option_in_mkdocs_yml_stops_a_build_at_its_line(project: Path, run):
    _broken_config(project, "bogus_option: 1\n")
    try:
        line = len((REPO / "mkdocs.yml").read_text().splitlines()) + 1
        _refused(
            run,
            project,
            "build",
            "--site-dir",
            "../site",
            message=f"mkdocs.yml:{line}:1: bogus_option: Unrecognised configuration name: bogus_option",
        )
    finally:
        shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")


@pytest.mark.parametrize(
    ("command", "option", "value"), [*COMMANDS, ("check", "--format", "text")], ids=["build", "export", "serve", "check-needs-none"]
)
def test_a_missing_mkdocs_yml_is_refused_in_one_line(project: Path, run, command: str, option: str, value: str):
    (project / "mkdocs.yml").rename(project.parent / "mkdocs.yml.away")
    try:
        if command == "check":  # check reads content, and mkdocs.yml only for its Easy Read options
            result = run("--root", project, command)
            assert result.code == 0, result.err
        else:
            message = f"mkdocs.yml is missing from {project}: the build needs it. Restore it from the repository."
            _refused(run, project, command, option, value, message=message)
    finally:
        (project.parent / "mkdocs.yml.away").rename(project / "mkdocs.yml")


# --- what is published, and what is left ------------------------------------------------------


def test_a_site_and_an_export_are_marked_readable_by_everyone_and_replaced_only_whole(project: Path, run):
    site, export = project.parent / "site-modes", project.parent / "export-modes"
    umask = os.umask(0o077)
    try:
        assert run("--root", project, "build", "--no-pdf", "--site-dir", site, "--as-of", AS_OF).code == 0
        assert run("--root", project, "export", "--out", export, "--as-of", AS_OF).code == 0
    finally:
        os.umask(umask)
    for folder, made_by in ((site, "build"), (export, "export")):
        assert (folder / folders.MARKER).read_text() == (
            f"Made by `site_build.py {made_by}`. The next {made_by} replaces this folder whole: keep nothing else here.\n"
        )
        modes = {stat.S_IMODE(p.stat().st_mode) for p in [folder, *folder.rglob("*")] if p.is_dir()}
        assert modes == {0o755}
        modes = {stat.S_IMODE(p.stat().st_mode) for p in folder.rglob("*") if p.is_file()}
        assert modes == {0o644}
    # A marked folder is replaced whole: an earlier build's pages go, and so does a file put in it since.
    (site / "stray.html").write_text("left by hand")
    assert run("--root", project, "build", "--no-pdf", "--site-dir", site, "--as-of", AS_OF).code == 0
    assert not (site / "stray.html").exists()
    assert (site / "index.html").is_file()
    assert sorted(p.name for p in project.parent.glob(".site-modes*")) == []
    empty = project.parent / "empty"
    empty.mkdir()
    assert run("--root", project, "export", "--out", empty, "--as-of", AS_OF).code == 0
    assert (empty / "mkdocs.yml").is_file()


def test_without_an_exchange_the_old_site_is_replaced_by_two_renames(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch):
    root = copy_project(tmp_path / "project", minimal=True)
    site = tmp_path / "site"
    assert run("--root", root, "build", "--no-pdf", "--site-dir", site, "--as-of", AS_OF).code == 0
    monkeypatch.setattr(folders, "_exchange", lambda first, second: False)
    assert run("--root", root, "build", "--no-pdf", "--site-dir", site, "--as-of", LATER).code == 0
    assert (site / folders.MARKER).is_file()
    first = tree_digest(site)
    assert run("--root", root, "build", "--no-pdf", "--site-dir", site, "--as-of", AS_OF).code == 0
    assert tree_digest(site) != first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


def test_only_leftovers_named_and_marked_by_this_tool_are_removed(tmp_path: Path, run):
    root = copy_project(tmp_path / "project", minimal=True)
    site = tmp_path / "site"
    (tmp_path / ".site-building-killed").mkdir()
    (tmp_path / ".site-building-killed" / folders.MARKER).write_text("")
    (tmp_path / ".site-building-killed" / "index.html").write_text("half a site")
    (tmp_path / ".site-old-1-2").mkdir()
    (tmp_path / ".site-old-1-2" / folders.MARKER).write_text("")
    (tmp_path / ".site-building-empty").mkdir()  # killed before its mark was written
    (tmp_path / ".site-building-someone").mkdir()
    (tmp_path / ".site-building-someone" / "notes.txt").write_text("not this tool's")
    (tmp_path / ".site-building-file").write_text("a file")
    (tmp_path / ".site-building-link").symlink_to(tmp_path / "project")
    (tmp_path / ".other-building-x").mkdir()
    (tmp_path / ".other-building-x" / folders.MARKER).write_text("")
    busy = tmp_path / ".site-building-busy"  # another build, still writing
    busy.mkdir()
    (busy / folders.MARKER).write_text("")
    lock = os.open(busy / folders.MARKER, os.O_RDONLY)
    fcntl.flock(lock, fcntl.LOCK_SH)
    try:
        assert run("--root", root, "build", "--no-pdf", "--site-dir", site, "--as-of", AS_OF).code == 0
    finally:
        os.close(lock)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [
        ".other-building-x",
        ".site-building-busy",
        ".site-building-file",
        ".site-building-link",
        ".site-building-someone",
        "project",
        "site",
    ]
    assert (tmp_path / ".site-building-someone" / "notes.txt").read_text() == "not this tool's"


# A build run as a program, with its swap slowed so that a signal can be sent at a known moment.
SLOW_SWAP = """
import os, sys, time
from pathlib import Path
from plugins.publishing import folders
real = folders._swap_in
def swap(staging, target):
    if os.environ["WHEN"] == "after":
        old = real(staging, target)
    Path(os.environ["READY"]).touch()
    time.sleep(3)
    return old if os.environ["WHEN"] == "after" else real(staging, target)
folders._swap_in = swap
import site_build
raise SystemExit(site_build.main(sys.argv[1:]))
"""


def _as_a_shell_starts_it() -> None:
    """Run in the build's process before it starts: Ctrl-C and the stop signals as a terminal's shell
    gives them to a command (their default actions, none held back), whatever the test runner's own
    process had when it started the build (a process inherits an ignored SIGINT and its blocked signals).
    Seen once, in a parallel run: both builds sent Ctrl-C here finished as if it had never come."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})


def _slow_build(root: Path, when: str, ready: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "WHEN": when, "READY": str(ready)}
    return subprocess.Popen(
        [sys.executable, "-c", SLOW_SWAP, "--root", str(root), "build", "--no-pdf", "--as-of", LATER],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=_as_a_shell_starts_it,
    )


def _wait_for(path: Path, build: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not path.exists():
        assert time.monotonic() < deadline and build.poll() is None, build.communicate()
        time.sleep(0.01)


def _built(root: Path) -> Path:
    """A committed project with its site built for AS_OF into the default site/."""
    shutil.copy2(REPO / ".gitignore", root / ".gitignore")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Content"]):
        _git(root, *command)
    assert site_build.main(["--root", str(root), "build", "--no-pdf", "--as-of", AS_OF]) == 0
    return root


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    """The smallest project and the real one, each committed and built once (by its real flag), to copy."""
    top = tmp_path_factory.mktemp("built")
    return {real: _built(copy_project(top / str(real), minimal=not real)) for real in (False, True)}


def _copy(built: Path, into: Path) -> Path:
    """A built project copied, its commit, site and caches with it, to stop a build of."""
    shutil.copytree(built, into, symlinks=True)
    assert _git(into, "status", "--porcelain") == ""
    return into


@pytest.fixture
def built(built_once: dict[bool, Path], tmp_path: Path) -> Path:
    """The smallest project, built: for the tests that stop a build at its swap, which a slowed swap times."""
    return _copy(built_once[False], tmp_path / "project")


@pytest.fixture
def built_real(built_once: dict[bool, Path], tmp_path: Path) -> Path:
    """The real project, built: for the tests that stop a build while it writes pages, whose hundred pages
    give the signal seconds to arrive before the build would have finished."""
    return _copy(built_once[True], tmp_path / "project")


def test_a_build_killed_while_building_leaves_the_site_whole_and_the_next_build_cleans_up(built_real: Path, run):
    before = tree_digest(built_real / "site")
    build = subprocess.Popen(
        [sys.executable, str(REPO / "site_build.py"), "--root", str(built_real), "build", "--no-pdf", "--as-of", LATER],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    deadline = time.monotonic() + 120
    while not any((p / "index.html").exists() for p in built_real.glob(".site-building-*")):
        assert time.monotonic() < deadline and build.poll() is None, "the build never started writing"
        time.sleep(0.005)
    build.send_signal(signal.SIGKILL)
    build.communicate(timeout=60)
    assert tree_digest(built_real / "site") == before
    [left] = built_real.glob(".site-building-*")
    assert (left / folders.MARKER).is_file()
    assert _git(built_real, "status", "--porcelain") == ""
    assert run("--root", built_real, "build", "--no-pdf", "--as-of", AS_OF).code == 0
    assert not list(built_real.glob(".site-*"))


def test_a_build_killed_just_after_the_swap_leaves_the_new_site_whole(built: Path, run, tmp_path: Path):
    old = tree_digest(built / "site")
    build = _slow_build(built, "after", tmp_path / "ready")
    _wait_for(tmp_path / "ready", build)
    build.send_signal(signal.SIGKILL)
    build.communicate(timeout=60)
    assert (built / "site" / "index.html").is_file()
    assert tree_digest(built / "site") != old
    [left] = built.glob(".site-building-*")
    assert tree_digest(left) == old  # the old site, marked, where the new one was built
    assert _git(built, "status", "--porcelain") == ""
    assert run("--root", built, "build", "--no-pdf", "--as-of", AS_OF).code == 0
    assert not list(built.glob(".site-*"))
    assert tree_digest(built / "site") == old


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=["TERM", "INT", "HUP"])
def test_a_signal_during_the_swap_waits_for_it_and_the_message_is_true(built: Path, tmp_path: Path, stop: signal.Signals):
    old = tree_digest(built / "site")
    build = _slow_build(built, "before", tmp_path / "ready")
    _wait_for(tmp_path / "ready", build)
    build.send_signal(stop)
    out, err = build.communicate(timeout=60)
    assert (build.returncode, out, err) == (1, "", "The build was stopped as it finished: site/ is the new one.\n")
    assert tree_digest(built / "site") != old
    assert (built / "site" / "index.html").is_file()
    assert not list(built.glob(".site-*"))


@pytest.mark.parametrize("stop", [signal.SIGHUP, signal.SIGINT], ids=["HUP", "INT"])
def test_a_build_stopped_while_building_says_the_site_is_as_it_was(built_real: Path, stop: signal.Signals):
    before = tree_digest(built_real / "site")
    build = subprocess.Popen(
        [sys.executable, str(REPO / "site_build.py"), "--root", str(built_real), "build", "--no-pdf", "--as-of", LATER],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        preexec_fn=_as_a_shell_starts_it,
    )
    deadline = time.monotonic() + 120
    while not any((p / "index.html").exists() for p in built_real.glob(".site-building-*")):
        assert time.monotonic() < deadline and build.poll() is None, "the build never started writing"
        time.sleep(0.005)
    build.send_signal(stop)
    _, err = build.communicate(timeout=60)
    assert build.returncode == 1
    assert err.endswith("The build was interrupted.\nNothing was published: site/ is as it was.\n")
    assert "Traceback" not in err
    assert tree_digest(built_real / "site") == before
    assert not list(built_real.glob(".site-*"))


def test_a_worker_stopped_before_it_sets_its_own_handlers_ends_quietly_not_with_the_builds_traceback():
    """The race behind a worker's stray traceback: a build stopped (a full disk, say) terminates its
    worker processes, and one just forked has not yet replaced the build's SIGTERM handler with its own.
    It must end as the signal ends any process, with nothing written, not unwind the build's code."""
    with folders._stop_on_signals():
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # the worker, stopped at once
            os.close(read)
            os.dup2(write, 2)
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                os.write(2, b"the signal was ignored\n")
            except BaseException as error:
                os.write(2, f"the build's handler ran in the worker: {error!r}\n".encode())
            os._exit(3)
        os.close(write)
        with os.fdopen(read, "rb") as said:
            written = said.read()
        _, status = os.waitpid(child, 0)
    assert written == b""
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
