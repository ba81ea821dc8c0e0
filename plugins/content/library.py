"""What a loaded library is: the site's settings, its strategies and reports, each with the file it came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from plugins.content.pictures import PictureLibrary

from .model import (
    Organisation,
    ProgressReport,
    Site,
    Strategy,
    Term,
)
from .problems import Problem
from .yamlsource import Path_, YamlDocument

STRATEGY_MAIN_FILE = "strategy.yml"
PROGRESS_FOLDER = "progress"
SITE_FILES = ("site.yml", "organisations.yml", "glossary.yml")

# The names of the site's own pages and folders at its root: its pages (plugins/pages/edition.py), the
# theme's assets and search index, pagefind's index, MkDocs' sitemap and 404 page. An organisation with
# one of these ids would publish its pages over them. tests/test_hostile_files.py checks that every page
# the edition makes at the root is named here.
SITE_NAMES = frozenset(
    {
        "index",
        "status",
        "glossary",
        "accessibility",
        "officers-guide",
        "whats-new",
        "search",
        "assets",
        "pagefind",
        "sitemap",
        "404",
    }
)
# The names an organisation's folder gives its own pages: its index page, and its progress reports.
ORGANISATION_NAMES = frozenset({"index", PROGRESS_FOLDER})


class Source:
    """Where each part of one content object was written: one file, or a strategy's several files."""

    def __init__(self, main: YamlDocument, parts: dict[str, YamlDocument] | None = None):
        self.main = main
        self.parts = parts or {}

    def document(self, path: Path_) -> YamlDocument:
        if path and isinstance(path[0], str) and path[0] in self.parts:
            return self.parts[path[0]]
        return self.main

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        return self.document(path).problem(path, message, key=key)

    def file_of(self, top_key: str) -> str:
        return self.document((top_key,)).file

    @property
    def files(self) -> list[str]:
        return sorted({self.main.file, *(d.file for d in self.parts.values())})

    def said(self) -> list[list[str]]:
        """What the object's files say and where each value stands, each file by its name and the digest of
        its text (or, for text not read from a file, its data and places whole), for a cache's key:
        everything its model, and a message naming a line of it, are made from."""
        documents = sorted([self.main, *self.parts.values()], key=lambda d: d.file)
        return [[d.file, d.text_digest or repr([d.data, d.values, d.keys])] for d in documents]


@dataclass
class LoadedStrategy:
    """A validated strategy, with where it lives on disk and on the site."""

    organisation: Organisation
    slug: str
    model: Strategy
    source: Source

    @property
    def id(self) -> str:
        return f"{self.organisation.id}/{self.slug}"


@dataclass
class LoadedReport:
    organisation: Organisation
    slug: str
    model: ProgressReport
    source: Source


@dataclass
class Library:
    site: Site
    organisations: list[Organisation]
    glossary: list[Term]
    strategies: list[LoadedStrategy] = field(default_factory=list)
    reports: list[LoadedReport] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    # Every strategy folder found, valid or not: a link to a strategy that has its own mistakes is
    # not a second mistake, so references are checked against these.
    strategy_folders: list[str] = field(default_factory=list)
    pictures: PictureLibrary = field(default_factory=PictureLibrary)
    # The folder the content was read from, as the project names it (mkdocs.yml's content_dir): the
    # site's own files are at content_dir/site.yml and the like, which "Edit this page" opens.
    content_dir: str = "content"

    def file(self, name: str) -> str:
        """One of the site's own files (site.yml, organisations.yml, glossary.yml) as a path in the project."""
        return f"{self.content_dir}/{name}"

    def strategy(self, strategy_id: str) -> LoadedStrategy | None:
        return next((s for s in self.strategies if s.id == strategy_id), None)

    def counts(self) -> dict[str, int]:
        priorities = [p for s in self.strategies for p in s.model.priorities]
        actions = [a for p in priorities for year in p.actions.values() for a in year]
        return {
            "files": len(self.files),
            "strategies": len(self.strategies),
            "priorities": len(priorities),
            "actions": len(actions),
            "progress reports": len(self.reports),
            "glossary terms": len(self.glossary),
            "Easy Read editions": sum(1 for s in self.strategies if s.model.easy_read is not None),
        }


# --- Turning pydantic's errors into located problems ---------------------------------------------
