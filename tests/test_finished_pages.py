"""The finished-page cache: a rebuild puts into the theme's template again only the pages whose key
changed, and publishes the same bytes as a build from an empty cache. A page whose template reads what
its key does not cover (another page's text, the folder the site is built in) is made afresh on every
build; an entry cut short, garbled or planted with what no page may hold is made again, not published
and not a stop to the build."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

import site_build
from plugins.publishing.page_cache import FINISHED_DIR

from .conftest import AS_OF, copy_project, page, set_render_workers, tree_digest

EDUCATION = "leicester/education-2021-24"
PRIORITY = f"{EDUCATION}/priorities/sufficiency-of-places"
OTHER_STRATEGY_PAGE = "leicester/send-2021-24/priorities/responsive"
OLD = "We will work with schools to effectively manage surplus places in the system"
NEW = "We will work with schools to manage surplus school places well"


def _build(root: Path) -> None:
    assert site_build.main(["--root", str(root), "build", "--site-dir", str(root / "site"), "--no-pdf", "--as-of", AS_OF]) == 0


@pytest.fixture(scope="module")
def primed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """Leicester's real content built once on one core, every finished page kept, and a copy of it as the
    build left it: the project's folder, the kept copy, and the site's digest."""
    base = tmp_path_factory.mktemp("finished")
    root = copy_project(base / "project", council="leicester")
    set_render_workers(root, 1)
    _build(root)
    kept = base / "kept"
    shutil.copytree(root, kept, symlinks=True)
    return root, kept, tree_digest(root / "site")


@pytest.fixture
def project_built(primed: tuple[Path, Path, str]) -> Path:
    """The primed project as its build left it, its site and caches, to change, in the same folder: the
    key covers the project's folder (a template may show it), so a copy elsewhere finishes its pages again."""
    root, kept, _ = primed
    shutil.rmtree(root)
    shutil.copytree(kept, root, symlinks=True)
    return root


@pytest.fixture
def finished(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages put into the theme's template, by their path in docs/."""
    done: list[str] = []
    render = jinja2.Template.render

    def counting(self: jinja2.Template, *args: object, **kwargs: object) -> str:
        context = args[0] if args and isinstance(args[0], dict) else kwargs
        file = getattr(context.get("page"), "file", None)  # a MkDocs page; the page templates' PageSpec has none
        if file is not None:
            done.append(file.src_uri)
        return render(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", counting)
    return done


def _entries(root: Path) -> list[Path]:
    return sorted((root / FINISHED_DIR).glob("*.html"))


def _fresh(root: Path, tmp_path: Path) -> str:
    """The digest of the site the project's content makes from empty caches."""
    fresh = tmp_path / "fresh"
    shutil.copytree(root, fresh, symlinks=True, ignore=shutil.ignore_patterns(".cache", "site"))
    _build(fresh)
    return tree_digest(fresh / "site")


def _reword(root: Path) -> None:
    priorities = root / f"content/{EDUCATION}/priorities.yml"
    text = priorities.read_text()
    assert OLD in text
    priorities.write_text(text.replace(OLD, NEW))


def test_a_second_build_finishes_no_page_again_and_publishes_the_same_bytes(project_built: Path, primed, finished: list[str]):
    assert len(_entries(project_built)) >= 45
    _build(project_built)
    assert finished == []
    assert tree_digest(project_built / "site") == primed[2]


def test_rewording_one_action_finishes_only_the_pages_that_show_it(project_built: Path, finished: list[str], tmp_path: Path):
    _reword(project_built)
    _build(project_built)

    assert f"{PRIORITY}.md" in finished
    assert 1 <= len(finished) <= 6, finished
    assert all(uri.startswith(f"{EDUCATION}/") for uri in finished), finished
    html = page(project_built / "site", PRIORITY).read_text()
    assert NEW in html and OLD not in html
    assert tree_digest(project_built / "site") == _fresh(project_built, tmp_path)


def test_a_renamed_priority_is_shown_in_the_menu_of_every_page_of_its_strategy(project_built: Path, finished: list[str], tmp_path: Path):
    # A page's menu lists its strategy's priorities by title: renaming one changes every page of the
    # strategy, even those whose own text does not mention it.
    priorities = project_built / f"content/{EDUCATION}/priorities.yml"
    text = priorities.read_text()
    old_title = "Sufficiency of Places"
    assert f"title: {old_title}\n" in text
    priorities.write_text(text.replace(f"title: {old_title}\n", "title: Enough school places\n"))

    _build(project_built)

    glossary = page(project_built / "site", f"{EDUCATION}/glossary").read_text()
    assert "Enough school places" in glossary and old_title not in glossary
    assert f"{EDUCATION}/glossary.md" in finished
    assert tree_digest(project_built / "site") == _fresh(project_built, tmp_path)


READING_ANOTHER_PAGE = {
    "an attribute": "{% for f in pages if f.src_uri == PEEK %}{{ f.page.content | striptags }}{% endfor %}",
    "the attr filter": "{% for f in pages if f.src_uri == PEEK %}{{ f.page | attr('content') | striptags }}{% endfor %}",
    "the map filter": "{{ pages | selectattr('src_uri', 'equalto', PEEK) | map(attribute='page.content') | join | striptags }}",
}


def _peeking(project: Path, how: str) -> None:
    set_render_workers(project, 1)
    main = project / "templates/main.html"
    peek = READING_ANOTHER_PAGE[how].replace("PEEK", f'"{PRIORITY}.md"')
    main.write_text(main.read_text() + f'\n{{% block footer %}}<p id="peek">{peek}</p>{{{{ super() }}}}{{% endblock %}}\n')


def test_a_template_that_reads_another_pages_text_shows_it_as_it_is_now(project: Path, finished: list[str]):
    # A council's template may show another page's text on every page. The key does not cover it, so
    # no page whose template reads it is kept: each shows the text as it is now, not as it was.
    _peeking(project, "an attribute")
    _build(project)
    assert OLD in page(project / "site", OTHER_STRATEGY_PAGE).read_text()

    _reword(project)
    finished.clear()
    _build(project)

    elsewhere = page(project / "site", OTHER_STRATEGY_PAGE).read_text()
    assert NEW in elsewhere and OLD not in elsewhere
    assert f"{OTHER_STRATEGY_PAGE}.md" in finished


@pytest.mark.parametrize("how", READING_ANOTHER_PAGE)
def test_a_page_whose_template_reads_another_pages_text_is_not_kept(project: Path, how: str):
    _peeking(project, how)
    _build(project)
    assert OLD in page(project / "site", OTHER_STRATEGY_PAGE).read_text()
    # Kept: the one page whose template reads only its own text.
    assert len(_entries(project)) == 1


@pytest.mark.parametrize(
    "shown",
    [
        "{{ 'built' if config['site_dir'] }}",
        "{{ config.get('site_dir') | upper }}",
        "{{ (config ~ '') | upper }}",
        "{{ config | dictsort | string | upper }}",
        "{{ page.file.dest_dir | upper if page }}",
    ],
)
def test_a_template_that_reads_the_folder_the_site_is_built_in_keeps_no_page(project: Path, shown: str):
    # The folder is new on every build, so the key leaves it out, and a page that shows it, or whose
    # template reads it at all (by name, or the whole configuration at once), is not kept.
    set_render_workers(project, 1)
    main = project / "templates/main.html"
    main.write_text(main.read_text() + f'\n{{% block footer %}}<p id="folder">{shown}</p>{{{{ super() }}}}{{% endblock %}}\n')
    _build(project)
    assert _entries(project) == []
    html = page(project / "site", OTHER_STRATEGY_PAGE).read_text()
    folder = str(project).upper() if "upper" in shown else str(project)
    assert ('<p id="folder">built</p>' if "built" in shown else folder) in html


def test_an_entry_cut_short_garbled_or_planted_with_what_no_page_may_hold_is_made_again(project_built: Path, primed, finished: list[str]):
    import hashlib

    entries = _entries(project_built)
    damaged = entries[:5]
    cut, garbled, bare = entries[:3]
    cut.write_bytes(cut.read_bytes()[: cut.stat().st_size // 2])
    garbled.write_bytes(garbled.read_bytes().replace(b"<", b"\xff<", 1))
    bare.write_bytes(bare.read_bytes().partition(b"\n")[2])
    # Well formed, with the sha256 of what they hold: a script, and a handler a browser reads where a comment seems to be.
    plants = [b'<script>alert("planted")</script>', b'<!--><img src=x onerror=alert("planted")>-->']
    for entry, planted in zip(entries[3:5], plants, strict=True):
        html = entry.read_bytes().partition(b"\n")[2].replace(b"</body>", planted + b"</body>")
        entry.write_bytes(hashlib.sha256(html).hexdigest().encode() + b"\n" + html)

    _build(project_built)

    # What is published is what a build from an empty cache publishes, and no entry holds what was planted.
    assert tree_digest(project_built / "site") == primed[2]
    assert not any(b"planted" in p.read_bytes() for p in _entries(project_built))
    # Each damaged entry's page was made again and kept afresh, whole, under the same name.
    for entry in damaged:
        digest, _, html = entry.read_bytes().partition(b"\n")
        assert digest.decode() == hashlib.sha256(html).hexdigest(), (entry.name, finished)
    # And no other page was (the count sees only what the test's own process renders; the entries above are the proof).
    assert len(finished) <= 5, finished


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Leicester's real content, unbuilt, to change."""
    return copy_project(tmp_path / "project", council="leicester")
