"""Strategies' pages' Markdown kept between builds (plugins/pages/kept.py): a rebuild makes again only
the pages of what changed, and publishes the same bytes as a build from an empty cache; a page whose
template reads another strategy, the lists of every strategy, or changes what it is given, is made afresh
on every build; a damaged entry is made again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import easyread.review
import site_build
from plugins.pages.edition import StandardEdition
from plugins.publishing.page_cache import MARKDOWN_DIR

from .conftest import AS_OF, calls_of, copy_project, page, set_render_workers, tree_digest

EDUCATION = "leicester/education-2021-24"
SEND = "leicester/send-2021-24"
# Each strategy's page of background papers names the other, by its title, as related.
SEND_PAPERS = f"{SEND}/papers.md"
PAPERS = [f"{EDUCATION}/papers.md", SEND_PAPERS]
OLD = "We will work with schools to effectively manage surplus places in the system"
NEW = "We will work with schools to manage surplus school places well"
OLD_TITLE = "title: Education Division Strategy, April 2021 to March 2024"
NEW_TITLE = "title: Education and Learning Strategy, April 2021 to March 2024"


@pytest.fixture
def primed(tmp_path: Path) -> tuple[Path, str]:
    """Leicester's real content built once on one core, every page's Markdown kept, in the folder it is
    rebuilt in (the key names where the pictures are), and the site that build made."""
    root = copy_project(tmp_path / "project", council="leicester")
    set_render_workers(root, 1)
    assert site_build.main(["--root", str(root), "build", "--site-dir", str(root / "site"), "--no-pdf", "--as-of", AS_OF]) == 0
    return root, tree_digest(root / "site")


@pytest.fixture
def project_built(primed: tuple[Path, str]) -> Path:
    return primed[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "project", council="leicester")
    set_render_workers(root, 1)
    return root


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages whose Markdown the build makes from their templates, by their path in docs/."""
    return calls_of(monkeypatch, StandardEdition, "render", lambda edition, spec: spec.uri)


def _build(run, root: Path, *more: str) -> None:
    result = run("--root", root, "build", "--site-dir", root / "site", "--no-pdf", "--as-of", AS_OF, *more)
    assert result.code == 0, result.err


def _strategy_pages(made: list[str]) -> list[str]:
    return [uri for uri in made if uri.startswith((f"{EDUCATION}/", f"{SEND}/"))]


def _fresh(root: Path, run) -> str:
    """The site a build from an empty cache makes of the project as it is now."""
    fresh = root.parent / "fresh"
    shutil.copytree(root, fresh, symlinks=True, ignore=shutil.ignore_patterns(".cache", "site"))
    _build(run, fresh)
    return tree_digest(fresh / "site")


def test_a_second_build_makes_only_the_pages_that_show_other_strategies_and_publishes_the_same_bytes(
    project_built: Path, primed, run, made: list[str], monkeypatch: pytest.MonkeyPatch
):
    worked_out: list[str] = []
    coverage = easyread.review.coverage
    monkeypatch.setattr(easyread.review, "coverage", lambda loaded, glossary: worked_out.append(loaded.id) or coverage(loaded, glossary))

    _build(run, project_built)

    # Of the strategies' pages, only those that name another strategy by its title are made again; the
    # site's own pages (home, stages, the organisation's page) show every strategy and are always made.
    assert _strategy_pages(made) == PAPERS
    assert "index.md" in made and "leicester/index.md" in made
    # Nor is an Easy Read review page's coverage list worked out, the longest part of making its page.
    assert worked_out == []
    assert tree_digest(project_built / "site") == primed[1]


def test_rewording_one_action_makes_again_only_its_strategys_pages_and_the_site_is_as_from_scratch(
    project_built: Path, run, made: list[str]
):
    priorities = project_built / f"content/{EDUCATION}/priorities.yml"
    priorities.write_text(priorities.read_text().replace(OLD, NEW))

    _build(run, project_built)

    changed = _strategy_pages(made)
    assert f"{EDUCATION}/priorities/sufficiency-of-places.md" in changed
    assert [uri for uri in changed if not uri.startswith(f"{EDUCATION}/")] == [SEND_PAPERS]
    html = page(project_built / "site", f"{EDUCATION}/priorities/sufficiency-of-places").read_text()
    assert NEW in html and OLD not in html
    assert tree_digest(project_built / "site") == _fresh(project_built, run)


def test_a_page_that_names_another_strategy_names_it_as_it_is_now(project_built: Path, run):
    strategy = project_built / f"content/{EDUCATION}/strategy.yml"
    assert OLD_TITLE in strategy.read_text()
    strategy.write_text(strategy.read_text().replace(OLD_TITLE, NEW_TITLE))

    _build(run, project_built)

    papers = page(project_built / "site", SEND_PAPERS.removesuffix(".md")).read_text()
    assert "Education and Learning Strategy, April 2021 to March 2024" in papers
    assert tree_digest(project_built / "site") == _fresh(project_built, run)


@pytest.mark.parametrize(
    "reads",
    [
        '{% for id in ["leicester/education-2021-24", "leicester/send-2021-24"] %}{{ strategies_by_id[id].model.title }}{% endfor %}',
        "{{ dated | string }}",
        "{{ facts | length }}",
        '{{ facts.values() | map(attribute="status_words") | join(", ") }}',
        "{% for s in by_org[s.organisation.id] %}{{ s.model.title }} {% endfor %}",
        "{% for name, f in facts | dictsort %}{{ f.status_words }} {% endfor %}",
    ],
    ids=[
        "another-strategy",
        "every-strategys-calendar",
        "how-many-strategies",
        "every-strategys-facts",
        "the-organisations-strategies",
        "facts-sorted",
    ],
)
def test_a_template_that_reads_beyond_its_strategy_is_made_on_every_build(project: Path, run, made: list[str], reads: str):
    # A council's contacts page shows something of every strategy: its Markdown is not kept, so it is
    # made again on every build and shows each strategy as it is now.
    template = project / "templates/pages/contacts.md.j2"
    template.write_text(template.read_text() + f"\n{reads}\n")
    _build(run, project)
    made.clear()

    _build(run, project)

    assert sorted(_strategy_pages(made)) == sorted([f"{EDUCATION}/contacts.md", f"{SEND}/contacts.md", *PAPERS])


def test_a_template_that_shows_another_strategys_title_shows_the_new_one(project: Path, run):
    template = project / "templates/pages/contacts.md.j2"
    template.write_text(template.read_text() + '\nSee also: {{ strategies_by_id["leicester/education-2021-24"].model.title }}\n')
    _build(run, project)
    strategy = project / f"content/{EDUCATION}/strategy.yml"
    strategy.write_text(strategy.read_text().replace(OLD_TITLE, NEW_TITLE))

    _build(run, project)

    assert "See also: Education and Learning Strategy, April 2021 to March 2024" in page(project / "site", f"{SEND}/contacts").read_text()


@pytest.mark.parametrize("change", ["template", "build day", "glossary"])
def test_a_change_every_page_depends_on_makes_every_strategy_page_again(project_built: Path, primed, run, made: list[str], change: str):
    every = len(list((project_built / MARKDOWN_DIR).glob("*.md")))
    day = AS_OF
    if change == "template":
        template = project_built / "templates/pages/_macros.md.j2"
        template.write_text(template.read_text() + "{# a council's note #}\n")
    elif change == "build day":
        day = "2026-11-23"
    else:
        glossary = project_built / "content/glossary.yml"
        glossary.write_text(
            glossary.read_text().replace("more than most children of the same age.", "more than most children of their age.", 1)
        )

    result = run("--root", project_built, "build", "--site-dir", project_built / "site", "--no-pdf", "--as-of", day)
    assert result.code == 0, result.err

    assert len(_strategy_pages(made)) == every + len(PAPERS)  # every kept page, and the pages of papers, made as always


def test_a_damaged_entry_is_made_again_and_the_page_is_as_it_was(project_built: Path, primed, run, made: list[str]):
    entries = sorted((project_built / MARKDOWN_DIR).glob("*.md"))
    cut, garbled, changed = entries[:3]
    cut.write_bytes(cut.read_bytes()[: cut.stat().st_size // 2])
    garbled.write_bytes(b"\x00\xff not a page")
    # Its text changed, its digest not: passed over, as a page cut short or garbled on the disk is.
    changed.write_bytes(changed.read_bytes().replace(b"\n", b"\n<script>alert(1)</script>\n", 1))

    _build(run, project_built)

    assert len(_strategy_pages(made)) == 3 + len(PAPERS)
    assert tree_digest(project_built / "site") == primed[1]


def test_a_project_moved_elsewhere_makes_its_pages_once_afresh(tmp_path: Path, run, made: list[str]):
    # A template may show where a picture set is on the disk: a moved project's pages show where it is now.
    root = copy_project(tmp_path / "here", council="leicester")
    set_render_workers(root, 1)
    template = root / "templates/pages/easy-read.md.j2"
    template.write_text(template.read_text() + "\nSet kept in: {{ picture_sets[0].folder }}\n")
    _build(run, root)
    moved = root.rename(tmp_path / "there")
    made.clear()

    _build(run, moved)

    assert f"{SEND}/easy-read/index.md" in made
    shown = page(moved / "site", f"{SEND}/easy-read").read_text()
    assert str(tmp_path / "there" / "pictures") in shown and str(tmp_path / "here") not in shown
    made.clear()
    _build(run, moved)
    assert _strategy_pages(made) == PAPERS
