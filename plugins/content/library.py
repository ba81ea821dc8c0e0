"""Loading the whole of content/ into a validated library of strategies.

The layout is fixed so that officers always know where a thing goes:

    content/site.yml                          the site's settings
    content/organisations.yml                 the publishing organisations
    content/glossary.yml                      hard words and acronyms, shared by all strategies
    content/<organisation>/<strategy>/*.yml   one strategy: strategy.yml, plus any other parts
    content/<organisation>/progress/*.yml     progress reports, such as position statements

Every problem in every file is collected before anything is reported, so an
officer fixes a whole pull request in one pass rather than one error per run.
"""

from __future__ import annotations

import hashlib
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from easyread.pictures import PICTURES_DIR, PictureLibrary, load_pictures

from . import messages
from .checks import check_library
from .model import (
    SLUG_PATTERN,
    GlossaryFile,
    Organisation,
    OrganisationsFile,
    ProgressReport,
    Site,
    Strategy,
    Term,
)
from .problems import ContentError, Problem, format_path
from .yamlsource import DEFAULT_MAX_BYTES, InvisibleCharacters, Path_, YamlDocument, load_file

STRATEGY_MAIN_FILE = "strategy.yml"
PROGRESS_FOLDER = "progress"

M = TypeVar("M", bound=BaseModel)


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


def _unwrap(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _unwrap(options[0]) if len(options) == 1 else tp
    return tp


def _type_at(model: type[BaseModel], path: tuple[Any, ...]) -> Any:
    """The declared type at a path inside a model, or None where the path leaves the model."""
    current: Any = model
    for part in path:
        current = _unwrap(current)
        origin = typing.get_origin(current)
        if isinstance(part, int) and origin is list:
            current = typing.get_args(current)[0]
        elif isinstance(part, str) and origin is dict:
            current = typing.get_args(current)[1]
        elif isinstance(part, str) and isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            if info is None:
                return None
            current = info.annotation
        else:
            return None
    return _unwrap(current)


def _problems_from(error: ValidationError, model: type[BaseModel], source: Source) -> list[Problem]:
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        raw = tuple(item["loc"])
        is_key = "[key]" in raw
        loc: Path_ = tuple(p for p in raw if p != "[key]")
        names = [p for p in loc if isinstance(p, str)]
        last_name = names[-1] if names else None
        kind = item["type"]
        if kind == "extra_forbidden":
            parent = _type_at(model, loc[:-1])
            allowed = list(parent.model_fields) if isinstance(parent, type) and issubclass(parent, BaseModel) else []
            problems.append(source.problem(loc, messages.unknown_key(str(loc[-1]), allowed), key=True))
        elif kind == "missing":
            parent = _type_at(model, loc[:-1])
            info = parent.model_fields.get(str(loc[-1])) if isinstance(parent, type) and issubclass(parent, BaseModel) else None
            doc = source.document(loc)
            pos = doc.position(loc[:-1], key=True) if loc[:-1] else doc.position(())
            problems.append(
                Problem(
                    doc.file, pos.line, pos.column, format_path(loc), messages.missing(str(loc[-1]), info.description if info else None)
                )
            )
        else:
            problems.append(source.problem(loc, messages.translate(item, last_name), key=is_key))
    return problems


def validate(data: Any, model: type[M], source: Source) -> tuple[M | None, list[Problem]]:
    """Validate data against a model, returning every problem located in its files."""
    if not isinstance(data, dict):
        return None, [source.problem((), messages.NOT_A_MAPPING)]
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, _problems_from(error, model, source)


# --- Reading the folder --------------------------------------------------------------------------


class _Reader:
    def __init__(self, root: Path, max_bytes: int):
        self.root = root
        self.max_bytes = max_bytes
        self.problems: list[Problem] = []
        self.files: list[str] = []

    def display(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def read(self, path: Path) -> YamlDocument | None:
        name = self.display(path)
        self.files.append(name)
        try:
            return load_file(path, name, max_bytes=self.max_bytes)
        except InvisibleCharacters as error:  # refused, but the rest of the file is checked too
            self.problems.extend(error.problems)
            return error.document
        except ContentError as error:
            self.problems.extend(error.problems)
            return None

    def model(self, path: Path, model: type[M]) -> tuple[M | None, Source | None]:
        if not path.is_file():
            self.problems.append(Problem(self.display(path), 1, 1, "", messages.MISSING_SITE_FILE))
            return None, None
        doc = self.read(path)
        if doc is None:
            return None, None
        source = Source(doc)
        result, problems = validate(doc.data, model, source)
        self.problems.extend(problems)
        return result, source


def _content_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


# The last library loaded in this process, with a digest of the bytes it was read from. `build` checks
# the content before MkDocs starts and the plugin loads it again inside MkDocs; reading and parsing the
# YAML is a third of a build's time, so the second load reuses the first when no file has changed.
_last: tuple[tuple[str, str, int], str, Library] | None = None


def _digest(content: Path, *, names_only: bool = False) -> str:
    digest = hashlib.sha256()
    for path in sorted(content.rglob("*")) if content.is_dir() else []:
        if path.is_file():
            data = b"" if names_only else path.read_bytes()
            digest.update(path.relative_to(content).as_posix().encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


def load_library(root: Path, *, content_dir: str = "content", max_bytes: int = DEFAULT_MAX_BYTES) -> Library:
    """Load and check everything under root/content. Raises ContentError listing every problem."""
    global _last
    key = (str(root.resolve()), content_dir, max_bytes)
    digest = _digest(root / content_dir) + _digest(root / PICTURES_DIR, names_only=True)
    if _last is not None and _last[0] == key and _last[1] == digest:
        return _last[2]
    library = _load(root, content_dir, max_bytes)
    _last = (key, digest, library)
    return library


def _load(root: Path, content_dir: str, max_bytes: int) -> Library:
    reader = _Reader(root, max_bytes)
    content = root / content_dir
    site, _ = reader.model(content / "site.yml", Site)
    orgs_file, orgs_source = reader.model(content / "organisations.yml", OrganisationsFile)
    glossary_file, glossary_source = reader.model(content / "glossary.yml", GlossaryFile)
    organisations = {o.id: o for o in orgs_file.organisations} if orgs_file else {}

    strategies: list[LoadedStrategy] = []
    reports: list[LoadedReport] = []
    folders: list[str] = []
    sources: dict[str, Source] = {}
    if orgs_source:
        sources["organisations"] = orgs_source
    if glossary_source:
        sources["glossary"] = glossary_source

    for entry in sorted(content.iterdir()) if content.is_dir() else []:
        if entry.name.startswith("."):
            continue
        if entry.is_file():
            if entry.name not in ("site.yml", "organisations.yml", "glossary.yml"):
                _misplaced(reader, entry)
            continue
        organisation = organisations.get(entry.name)
        if organisation is None and orgs_file is not None:
            known = sorted(organisations)
            reader.problems.append(
                Problem(
                    reader.display(entry) + "/",
                    1,
                    1,
                    "",
                    messages.unknown_reference("organisation in content/organisations.yml", entry.name, known),
                )
            )
            continue
        for child in sorted(entry.iterdir()):
            if child.name.startswith("."):
                continue
            if child.is_file():
                _misplaced(reader, child)
            elif child.name == PROGRESS_FOLDER:
                for path in _content_files(child):
                    if _wrong_extension(reader, path):
                        continue
                    report, source = reader.model(path, ProgressReport)
                    if report and source and organisation:
                        reports.append(LoadedReport(organisation, path.stem, report, source))
            else:
                if (child / STRATEGY_MAIN_FILE).is_file():
                    folders.append(f"{entry.name}/{child.name}")
                loaded = _load_strategy(reader, child, organisation)
                if loaded:
                    strategies.append(loaded)
                    sources[loaded.id] = loaded.source

    library = None
    if site and orgs_file and glossary_file:
        library = Library(
            site,
            orgs_file.organisations,
            glossary_file.terms,
            strategies,
            reports,
            sorted(reader.files),
            sources,
            folders,
            load_pictures(root),
        )
        reader.problems.extend(check_library(library))
    if reader.problems or library is None:
        raise ContentError(reader.problems)
    return library


def _wrong_extension(reader: _Reader, path: Path) -> bool:
    if path.suffix == ".yml":
        return False
    message = messages.YAML_EXTENSION if path.suffix == ".yaml" else messages.UNKNOWN_FILE_PLACE
    reader.problems.append(Problem(reader.display(path), 1, 1, "", message))
    return True


def _misplaced(reader: _Reader, path: Path) -> None:
    reader.problems.append(Problem(reader.display(path), 1, 1, "", messages.UNKNOWN_FILE_PLACE))


def _load_strategy(reader: _Reader, folder: Path, organisation: Organisation | None) -> LoadedStrategy | None:
    if not re.fullmatch(SLUG_PATTERN, folder.name):
        reader.problems.append(Problem(reader.display(folder) + "/", 1, 1, "", messages.FOLDER_NOT_A_SLUG.format(name=folder.name)))
        return None
    files = [p for p in _content_files(folder) if not _wrong_extension(reader, p)]
    main_path = folder / STRATEGY_MAIN_FILE
    if main_path not in files:
        reader.problems.append(Problem(reader.display(folder) + "/" + STRATEGY_MAIN_FILE, 1, 1, "", messages.MISSING_STRATEGY_FILE))
        return None
    # strategy.yml first, so that a key given twice is reported in the other file.
    files.sort(key=lambda p: (p != main_path, p.name))
    docs = [reader.read(p) for p in files]
    if any(d is None for d in docs):
        return None
    main = docs[0]
    assert main is not None
    parts: dict[str, YamlDocument] = {}
    merged: dict[str, Any] = {}
    for doc in docs:
        assert doc is not None
        if not isinstance(doc.data, dict):
            reader.problems.append(doc.problem((), messages.NOT_A_MAPPING))
            return None
        for key, value in doc.data.items():
            if key in merged:
                reader.problems.append(doc.problem((key,), messages.top_key_twice(key, parts[key].file), key=True))
                continue
            merged[key] = value
            parts[key] = doc
    source = Source(main, parts)
    strategy, problems = validate(merged, Strategy, source)
    reader.problems.extend(problems)
    if strategy is None or organisation is None:
        return None
    return LoadedStrategy(organisation, folder.name, strategy, source)
