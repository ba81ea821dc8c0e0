"""The content's files kept as parsed between builds (plugins/content/yamlsource.py's load_file, in
`.cache/parsed/`): `check` and `build` parse again only the files whose text changed, read the same
library either way, and report every mistake at the same file, line and column; a damaged or malformed
entry is parsed again."""

from __future__ import annotations

from pathlib import Path

import pytest

import plugins.content.yamlsource as yamlsource
from plugins.content import ContentError
from plugins.content.loader import LibraryCache, load_library
from plugins.publishing import caches
from plugins.publishing.caches import PARSED_DIR

from .conftest import calls_of, copy_project

SEND = "content/leicester/send-2021-24/strategy.yml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", council="leicester")


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed from their text, by their path in the project."""
    return calls_of(monkeypatch, yamlsource, "parse_text", lambda text, file: file)


def _content(files: list[str]) -> list[str]:
    # The pictures' set.yml files are read by the pictures' own loader, which keeps nothing.
    return [file for file in files if file.startswith("content/")]


def _load(root: Path):
    return LibraryCache(kept=caches.parsed(root)).load(root)


def _said(library) -> list[str]:
    return [
        repr(library.site),
        repr(library.glossary),
        *(repr(s.model) for s in library.strategies),
        *(repr(r.model) for r in library.reports),
    ]


def test_a_second_load_parses_no_file_and_reads_the_same_library(project: Path, parsed: list[str]):
    first = _load(project)
    files = len(_content(parsed))
    assert files >= 10
    assert len(list((project / PARSED_DIR).glob("*.json"))) == files
    parsed.clear()

    second = _load(project)

    assert _content(parsed) == []
    assert _said(second) == _said(first) == _said(load_library(project))
    # The places every value and key stands at, which every message names, are the parser's own.
    kept, fresh = second.strategies[0].source.main, load_library(project).strategies[0].source.main
    assert kept.values == fresh.values and kept.keys == fresh.keys and kept.data == fresh.data


def test_only_a_changed_file_is_parsed_again(project: Path, parsed: list[str]):
    _load(project)
    strategy = project / SEND
    strategy.write_text(strategy.read_text().replace("  - CYP\n", "  - CYP\n  - EHCNA\n", 1))
    parsed.clear()

    library = _load(project)

    assert _content(parsed) == [SEND]
    assert "EHCNA" in [t for s in library.strategies for t in s.model.glossary]


def test_a_mistake_found_through_a_kept_file_is_at_the_same_place(project: Path, run):
    # The mistake is in the glossary, which is parsed again; it is reported in the strategy's file,
    # which is not, at the place its kept parse gives.
    assert run("--root", project, "check").code == 0
    glossary = project / "content/glossary.yml"
    text = glossary.read_text()
    start = text.index("  - term: EHCNA\n")
    glossary.write_text(text[:start] + text[text.index("  - term: SENCo\n") :])
    strategy = project / SEND
    strategy.write_text(strategy.read_text().replace("  - CYP\n", "  - CYP\n  - EHCNA\n", 1))
    assert run("--root", project, "check").code == 1  # the strategy is parsed again, and kept so

    strategy.touch()
    kept = run("--root", project, "check")
    with pytest.raises(ContentError) as fresh:
        load_library(project)

    assert kept.code == 1
    where = f"{SEND}:173:5: glossary[4]: 'EHCNA' is not a term in content/glossary.yml."
    assert any(line.startswith(where) for line in kept.problems), kept.err
    assert [str(p) for p in fresh.value.problems][0].startswith(where)


def test_a_damaged_entry_is_parsed_again(project: Path, parsed: list[str]):
    first = _load(project)
    entries = sorted((project / PARSED_DIR).glob("*.json"))
    entries[0].write_bytes(entries[0].read_bytes()[:100])
    entries[1].write_bytes(b"not even a digest")
    parsed.clear()

    second = _load(project)

    assert len(_content(parsed)) == 2
    assert _said(second) == _said(first)


@pytest.mark.parametrize(
    "entry",
    [
        "[]",
        '[["m", [["title", ["x", 1]]]], [], []]',
        '[["m", [[1, "a"]]], [], []]',
        '[["i", true], [], []]',
        '[["d", "not a number"], [], []]',
        '[["t", "2024-02-30"], [], []]',
        '[["m", []], [[["a"], "one", 1]], []]',
        '[["m", []], [[["a"], 1]], []]',
        "[" * 100000 + "]" * 100000,
        "{}",
    ],
)
def test_an_entry_not_of_the_form_the_build_writes_is_parsed_again(tmp_path: Path, entry: str):
    source = tmp_path / "strategy.yml"
    source.write_text("title: A plan\n")

    class Holding:
        def get(self, key: str) -> str | None:
            return entry

        def put(self, key: str, text: str) -> None:
            self.kept = text

        def prune(self) -> None:
            pass

    store = Holding()
    document = yamlsource.load_file(source, "content/strategy.yml", kept=store)

    assert document.data == {"title": "A plan"}
    assert document.keys == {("title",): yamlsource.Position(1, 1)}
    assert yamlsource._from_entry(store.kept, "content/strategy.yml") == document


def test_a_preview_reads_a_changed_picture_set_again(project: Path):
    # serve keeps one LibraryCache for all its rebuilds: a set.yml is content, read again once it changes.
    contents = LibraryCache()
    first = contents.load(project)
    assert contents.load(project) is first
    about = project / "pictures/fluent-emoji-flat/set.yml"
    about.write_text(about.read_text().replace("under the MIT licence.", "under the MIT License."))

    second = contents.load(project)

    assert second is not first
    assert second.pictures.sets[0].credit == "Pictures from Fluent Emoji by Microsoft Corporation, under the MIT License."


def test_a_second_project_built_in_the_same_process_keeps_its_own_parsed_files(tmp_path: Path):
    # MkDocs keeps the plugin for every later build in a process, of any project: the second project's
    # files are parsed into its own cache, vetted for it, and the first's is left as its build left it.
    import site_build
    from plugins.publishing.publish import build_site

    from .conftest import AS_OF

    first = copy_project(tmp_path / "first", council="leicester")
    second = copy_project(tmp_path / "second", council="leicester")
    assert site_build.main(["--root", str(first), "build", "--no-pdf", "--site-dir", str(first / "site"), "--as-of", AS_OF]) == 0
    kept_first = sorted(p.name for p in (first / PARSED_DIR).iterdir())
    assert kept_first

    build_site(second, second / "site", as_of=AS_OF, pdfs=False)  # as a program calling it would, with no cache handed over

    assert sorted(p.name for p in (first / PARSED_DIR).iterdir()) == kept_first
    assert sorted(p.name for p in (second / PARSED_DIR).iterdir()) == kept_first  # the same files' text, under the same keys
