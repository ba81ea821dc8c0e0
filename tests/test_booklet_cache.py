"""The booklet cache and printing on every core: a rebuild reprints only the booklets whose HTML or files
changed, a damaged cache is passed over rather than published, and booklets printed by workers are the
same bytes as those printed one at a time, with a failure in a worker stopping the build in its own words."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from plugins.cores import sharing
from plugins.publishing import printing
from plugins.publishing.booklet_cache import CACHE_DIR
from tests.conftest import AS_OF, copy_project, set_render_workers, tree_digest

# Leicester's strategies alone: every kind of booklet (two standard, two Easy Read, with pictures shared and
# not), four of them, so that two cores each print more than one.
BOOKLETS = 4
EDUCATION = "leicester/education-2021-24/education-2021-24.pdf"


def _build(run, root: Path) -> str:
    """Build a project into its site/ with its booklets; returns what the build said."""
    result = run("--root", root, "build", "--site-dir", root / "site", "--as-of", AS_OF)
    assert result.code == 0, result.err
    return result.out


def _said(out: str, printed: int, reused: int) -> bool:
    words = f"Printed {printed} booklet{'' if printed == 1 else 's'}"
    words += f" and reused {reused} unchanged from {CACHE_DIR}/." if reused else "."
    return re.fullmatch(rf"Built \d+ pages into site/ in \d+\.\d s\. {re.escape(words)}\n", out) is not None


def _pdfs(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.pdf"))}


def _notes(root: Path) -> dict[str, dict]:
    """Each cache entry's notes, by the booklet they are for."""
    notes = [json.loads(p.read_text()) for p in (root / CACHE_DIR).glob("*.json")]
    return {n["booklet"]: n for n in notes}


@pytest.fixture
def project_built(primed: tuple[Path, dict[str, bytes]], tmp_path: Path) -> Path:
    """A copy of the primed project, its site and its cache, to change."""
    root = tmp_path / "project"
    shutil.copytree(primed[0], root, symlinks=True)
    return root


def test_a_first_build_says_it_printed_every_booklet_and_fills_the_cache(primed):
    root, pdfs, _ = primed
    assert len(pdfs) == BOOKLETS
    assert sorted(_notes(root)) == sorted(pdfs)
    assert sorted(p.name for p in (root / CACHE_DIR).iterdir()) == sorted(
        f"{n['key']}.{kind}" for n in _notes(root).values() for kind in ("json", "pdf")
    )


def test_a_second_build_reuses_every_booklet_unchanged_and_keeps_what_it_did_not_make(project_built: Path, primed, run):
    cache = project_built / CACHE_DIR
    (cache / "kept by a person.txt").write_text("not the build's")
    (cache / f"{'0' * 64}.pdf").write_bytes(b"%PDF-1.7 an entry no booklet uses any more")

    out = _build(run, project_built)

    assert _said(out, printed=0, reused=BOOKLETS), out
    assert _pdfs(project_built / "site") == primed[1]
    # The entry no booklet used is the build's own, and removed; the person's file is not.
    assert (cache / "kept by a person.txt").read_text() == "not the build's"
    assert not (cache / f"{'0' * 64}.pdf").exists()


def test_a_changed_picture_reprints_the_one_booklet_that_shows_it_with_the_new_picture(project_built: Path, primed, run):
    notes = _notes(project_built)
    used_by: dict[str, list[str]] = {}
    for booklet, entry in notes.items():
        for file in entry["files"]:
            used_by.setdefault(file, []).append(booklet)
    # A picture only one Easy Read booklet shows.
    picture, [booklet] = next((f, b) for f, b in sorted(used_by.items()) if f.startswith("assets/pictures/") and len(b) == 1)
    source = project_built / "pictures" / picture.removeprefix("assets/pictures/")
    svg = source.read_text()
    colour = re.search(r'fill="(#[0-9a-f]{3,6})"', svg)
    assert colour is not None
    source.write_text(svg.replace(colour.group(0), 'fill="#123456"'))

    out = _build(run, project_built)

    assert _said(out, printed=1, reused=BOOKLETS - 1), out
    after = _pdfs(project_built / "site")
    assert [name for name in after if after[name] != primed[1][name]] == [booklet]
    # The booklet printed is the one a build with no cache entry for it prints from the new picture.
    entry = next(p for p in (project_built / CACHE_DIR).glob("*.json") if json.loads(p.read_text())["booklet"] == booklet)
    for kept in (entry, entry.with_suffix(".pdf")):
        kept.unlink()
    assert _said(_build(run, project_built), printed=1, reused=BOOKLETS - 1)
    assert _pdfs(project_built / "site")[booklet] == after[booklet]


def test_rewording_one_action_reprints_only_its_strategys_standard_booklet(project_built: Path, primed, run):
    priorities = project_built / "content/leicester/education-2021-24/priorities.yml"
    old = "We will work with schools to effectively manage surplus places in the system"
    text = priorities.read_text()
    assert old in text
    priorities.write_text(text.replace(old, "We will work with schools to manage surplus school places well"))

    out = _build(run, project_built)

    assert _said(out, printed=1, reused=BOOKLETS - 1), out
    after = _pdfs(project_built / "site")
    assert [name for name in after if after[name] != primed[1][name]] == [EDUCATION]


def test_a_damaged_cache_entry_is_printed_again_not_published(project_built: Path, primed, run):
    notes = _notes(project_built)
    cache = project_built / CACHE_DIR
    cut, garbled, outside = sorted(notes)[:3]
    pdf = cache / f"{notes[cut]['key']}.pdf"
    pdf.write_bytes(pdf.read_bytes()[: pdf.stat().st_size // 2])
    (cache / f"{notes[garbled]['key']}.json").write_bytes(b"\x00{not json at all")
    # Notes naming a file outside the site: never read, and the entry not trusted.
    entry = notes[outside] | {"files": {**notes[outside]["files"], "../../../../etc/hostname": "0" * 64}}
    (cache / f"{notes[outside]['key']}.json").write_text(json.dumps(entry))

    out = _build(run, project_built)

    assert _said(out, printed=3, reused=BOOKLETS - 3), out
    assert _pdfs(project_built / "site") == primed[1]
    # The entries are whole again.
    assert _said(_build(run, project_built), printed=0, reused=BOOKLETS)


_PIDS: Path | None = None


def _printing_in_a_process(path: str, html: str, site_dir: Path) -> dict[str, str]:
    """printing.print_pdf, noting which process printed the booklet."""
    assert _PIDS is not None
    with _PIDS.open("a") as file:
        file.write(f"{os.getpid()}\n")
    return _print_pdf(path, html, site_dir)


_print_pdf = printing.print_pdf


@contextlib.contextmanager
def _noting_printers(path: Path) -> Iterator[Callable[[], list[int]]]:
    """The processes that printed the booklets, as a list read after a build. Forking is allowed, as on
    the command line, even if the test runner has threads of its own."""
    global _PIDS
    _PIDS = path
    path.write_text("")
    try:
        with pytest.MonkeyPatch.context() as monkeypatch:
            monkeypatch.setattr(sharing.threading, "active_count", lambda: 1)
            monkeypatch.setattr(printing, "print_pdf", _printing_in_a_process)
            yield lambda: [int(line) for line in path.read_text().split()]
    finally:
        _PIDS = None


@pytest.fixture
def printers(tmp_path: Path) -> Iterator[Callable[[], list[int]]]:
    with _noting_printers(tmp_path / "printers.txt") as printed:
        yield printed


@pytest.fixture(scope="module")
def primed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], list[int]]:
    """A project built once on every core, booklets and all, with its cache filled, and the processes that
    printed its booklets; only copied, never changed."""
    import site_build

    root = copy_project(tmp_path_factory.mktemp("primed") / "project", council="leicester")
    with _noting_printers(root.parent / "printers.txt") as printers:
        assert site_build.main(["--root", str(root), "build", "--site-dir", str(root / "site"), "--as-of", AS_OF]) == 0
        return root, _pdfs(root / "site"), printers()


def test_booklets_printed_on_every_core_are_the_bytes_printed_on_one(project_built: Path, primed, run, printers):
    _, many, in_workers = primed
    one = project_built
    shutil.rmtree(one / CACHE_DIR)
    set_render_workers(one, 1)

    assert _said(_build(run, one), printed=BOOKLETS, reused=0)
    in_the_build = printers()

    assert os.getpid() not in in_workers and len(set(in_workers)) == min(2, os.cpu_count() or 1)
    assert set(in_the_build) == {os.getpid()}
    assert _pdfs(one / "site") == many
    assert len(many) == BOOKLETS


def test_a_booklet_asking_for_a_file_outside_the_site_stops_the_build_from_a_worker(project_built: Path, run, printers):
    site = project_built / "site"
    template = project_built / "templates/booklets/easy-read.html.j2"
    template.write_text(template.read_text().replace("</body>", '<img src="file:///etc/hostname" alt=""></body>'))

    before = tree_digest(site)

    result = run("--root", project_built, "build", "--site-dir", site, "--as-of", AS_OF)

    assert result.code == 1
    assert re.search(
        r"The booklet \S+-easy-read\.pdf asks for file:///etc/hostname, which is not a file of the site being built\. "
        r"A booklet may use only the site's own pictures, fonts and styles; check the booklet templates in templates/booklets/\.",
        result.err,
    ), result.err
    assert "Traceback" not in result.err
    assert result.err.endswith("Nothing was published: site/ is as it was.\n")
    assert tree_digest(site) == before
    assert os.getpid() not in printers()
    # The other workers were stopped with the build.
    assert multiprocessing.active_children() == []


def test_the_printers_key_covers_the_code_that_finishes_the_tables_tags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # pdf_tables changes every booklet's bytes: a booklet printed before a change to it is printed again.
    from plugins.publishing import booklet_cache, pdf_tables

    before = booklet_cache.printer.__wrapped__()
    changed = tmp_path / "pdf_tables.py"
    changed.write_bytes(Path(pdf_tables.__file__).read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(pdf_tables, "__file__", str(changed))
    assert booklet_cache.printer.__wrapped__() != before


def _children() -> list[int]:
    """The processes this one has started that are still there, zombies included."""
    mine = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                if Path(f"/proc/{entry}/stat").read_text().rpartition(")")[2].split()[1] == str(os.getpid()):
                    mine.append(int(entry))
    return mine


def test_a_page_that_fails_while_the_booklets_print_stops_their_printing_too(project_built: Path, run, printers):
    # The booklets print on other cores while MkDocs builds the pages; a page that fails stops them with
    # the build, and nothing of theirs is left running or published.
    site = project_built / "site"
    shutil.rmtree(project_built / CACHE_DIR)
    main = project_built / "templates/main.html"
    main.write_text(main.read_text() + "\n{% block footer %}{{ page.meta.no_such_setting.no_such_part if page }}{% endblock %}\n")
    before = tree_digest(site)
    running = set(_children())  # the test runner's own, a browser's say

    result = run("--root", project_built, "build", "--site-dir", site, "--as-of", AS_OF)

    assert result.code == 1
    assert "no_such_setting" in result.err and "Traceback" not in result.err
    assert result.err.endswith("Nothing was published: site/ is as it was.\n")
    assert tree_digest(site) == before
    assert set(_children()) - running == set()
