"""The page cache: a rebuild converts again only the pages whose Markdown changed, and publishes the same
bytes as converting every page would; a damaged or planted entry is converted again rather than used,
a page MkDocs warned about is never kept (so the warning, and a strict build's failure, come again), and
what a cached page's HTML holds still goes through the sanitiser."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mkdocs.structure.pages import Page

import site_build
from plugins.publishing.page_cache import CACHE_DIR

from .conftest import AS_OF, copy_project, page, set_render_workers, tree_digest

PRIORITY = "leicester/education-2021-24/priorities/sufficiency-of-places"
OLD = "We will work with schools to effectively manage surplus places in the system"
NEW = "We will work with schools to manage surplus school places well"


@pytest.fixture(scope="module")
def primed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Leicester's real content built once on one core, every page's conversion kept; only copied, never changed."""
    root = copy_project(tmp_path_factory.mktemp("primed") / "project", council="leicester")
    set_render_workers(root, 1)
    assert site_build.main(["--root", str(root), "build", "--site-dir", str(root / "site"), "--no-pdf", "--as-of", AS_OF]) == 0
    return root, tree_digest(root / "site")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Leicester's real content, unbuilt, to change."""
    return copy_project(tmp_path / "project", council="leicester")


@pytest.fixture
def project_built(primed: tuple[Path, str], tmp_path: Path) -> Path:
    """A copy of the primed project, its site and its cache, to change."""
    root = tmp_path / "project"
    shutil.copytree(primed[0], root, symlinks=True)
    return root


@pytest.fixture
def converted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages MkDocs converts from Markdown, by their path in docs/."""
    done: list[str] = []
    render = Page.render

    def counting(self: Page, config: object, files: object) -> None:
        done.append(self.file.src_uri)
        render(self, config, files)  # type: ignore[arg-type]

    monkeypatch.setattr(Page, "render", counting)
    return done


def _build(run, root: Path) -> str:
    result = run("--root", root, "build", "--site-dir", root / "site", "--no-pdf", "--as-of", AS_OF)
    assert result.code == 0, result.err
    return result.out


def _entries(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).glob("*.json"))


def test_a_second_build_converts_no_page_again_and_publishes_the_same_bytes(project_built: Path, primed, run, converted: list[str]):
    assert len(_entries(project_built)) >= 45
    _build(run, project_built)
    assert converted == []
    assert tree_digest(project_built / "site") == primed[1]


def test_the_cache_deleted_every_page_is_converted_again_to_the_same_bytes(project_built: Path, primed, run, converted: list[str]):
    shutil.rmtree(project_built / ".cache")
    _build(run, project_built)
    assert len(converted) >= 45
    assert tree_digest(project_built / "site") == primed[1]


def test_rewording_one_action_converts_only_the_pages_that_show_it(project_built: Path, run, converted: list[str]):
    priorities = project_built / "content/leicester/education-2021-24/priorities.yml"
    text = priorities.read_text()
    assert OLD in text
    priorities.write_text(text.replace(OLD, NEW))
    entries = len(_entries(project_built))

    _build(run, project_built)

    # The priority page, the year's page, How it is going and the booklet's page list show the action;
    # no page of another strategy is converted again.
    assert f"{PRIORITY}.md" in converted
    assert 1 <= len(converted) <= 6, converted
    assert all(uri.startswith("leicester/education-2021-24/") for uri in converted), converted
    html = page(project_built / "site", PRIORITY).read_text()
    assert NEW in html and OLD not in html
    # The entries of the old words are removed once every page is converted: one for each page converted.
    assert len(_entries(project_built)) == entries


def test_a_damaged_entry_is_converted_again_and_the_page_is_as_it_was(project_built: Path, primed, run, converted: list[str]):
    entries = _entries(project_built)
    cut, garbled, wrong = entries[:3]
    cut.write_bytes(cut.read_bytes()[: cut.stat().st_size // 2])
    garbled.write_bytes(b"\x00{not json at all")
    wrong.write_text(json.dumps(["an", "array"]))

    _build(run, project_built)

    assert len(converted) == 3
    assert tree_digest(project_built / "site") == primed[1]
    assert not any(b"\x00" in p.read_bytes() for p in _entries(project_built))


@pytest.mark.parametrize(
    "where",
    ["toc", "title", "anchors"],
)
def test_an_entry_whose_contents_or_title_hold_markup_is_not_used(project_built: Path, primed, run, converted: list[str], where: str):
    # The table of contents and title go into the theme's template as they are: an entry planted with
    # markup in them is passed over, and the page converted again.
    planted = _entries(project_built)[0]
    entry = json.loads(planted.read_text())
    script = '<script>alert("planted")</script>'
    if where == "toc":
        if not entry["toc"]:
            entry["toc"] = [{"title": "x", "id": "x", "level": 1, "children": []}]
        entry["toc"][0]["title"] = script
    elif where == "title":
        entry["title"] = script
    else:
        entry["anchors"] = ['x" onmouseover="alert(1)']
    planted.write_text(json.dumps(entry))

    _build(run, project_built)

    assert len(converted) == 1
    assert tree_digest(project_built / "site") == primed[1]


def test_markup_planted_in_an_entrys_html_is_still_cleaned_out_of_the_page(project_built: Path, run, converted: list[str]):
    entry_file = next(p for p in _entries(project_built) if "Officers to contact" in json.loads(p.read_text())["content"])
    entry = json.loads(entry_file.read_text())
    entry["content"] += '<script>alert("planted")</script><img src="https://example.org/x.png" onerror="alert(1)">'
    entry_file.write_text(json.dumps(entry))

    _build(run, project_built)

    assert converted == []
    pages = [p.read_text() for p in (project_built / "site").rglob("contacts/index.html")]
    assert pages and not any('alert("planted")' in html or "example.org/x.png" in html or "onerror" in html for html in pages)


def test_a_page_mkdocs_warned_about_is_not_kept_so_a_strict_build_fails_again(project: Path, run, converted: list[str]):
    set_render_workers(project, 1)
    template = project / "templates/pages/priority.md.j2"
    template.write_text(template.read_text() + "\n[More about this](no-such-page.md)\n")
    warning = "WARNING: Doc file 'leicester/send-2021-24/priorities/responsive.md' contains a link 'no-such-page.md'"
    for _ in range(2):
        converted.clear()
        done = run("--root", project, "build", "--site-dir", project / "site", "--as-of", AS_OF, "--no-pdf")
        assert done.code == 1
        assert warning in done.err
        assert "leicester/send-2021-24/priorities/responsive.md" in converted
    assert not (project / "site").exists()


def test_a_file_where_the_cache_folder_should_be_does_not_stop_the_build(project: Path, run):
    (project / ".cache").mkdir()
    (project / CACHE_DIR).write_text("not a folder")
    _build(run, project)
    assert (project / CACHE_DIR).read_text() == "not a folder"


def test_a_build_removes_only_its_own_unused_entries(project_built: Path, run):
    cache = project_built / CACHE_DIR
    unused = cache / f"{'0' * 64}.json"
    unused.write_text("{}")
    foreign = [cache / "notes.txt", cache / f"{'1' * 64}.json.bak", cache / "ABC.json"]
    for path in foreign:
        path.write_text("kept")
    _build(run, project_built)
    assert not unused.exists()
    assert all(path.read_text() == "kept" for path in foreign)
