"""Loading the whole of the content folder (content/ unless mkdocs.yml's content_dir says otherwise)
into a validated library of strategies.

The layout is fixed so that officers always know where a thing goes:

    content/site.yml                          the site's settings
    content/organisations.yml                 the publishing organisations
    content/glossary.yml                      hard words and acronyms, shared by all strategies
    content/<organisation>/<strategy>/*.yml   one strategy: strategy.yml, plus any other parts
    content/<organisation>/progress/*.yml     progress reports, such as position statements

Every problem in every file is collected before anything is reported, so an
officer fixes a whole pull request in one pass rather than one error per run.

Only ordinary files and folders are read. A symbolic link is refused wherever it
points, as is anything that is not a file (a named pipe would stop the build for
ever), and every file's size is checked before a byte of it is read.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from plugins.content.pictures import PICTURES_DIR, PictureLibrary

from . import messages
from .checks import check_library
from .library import (
    ORGANISATION_NAMES,
    PROGRESS_FOLDER,
    SITE_FILES,
    SITE_NAMES,
    STRATEGY_MAIN_FILE,
    Library,
    LoadedReport,
    LoadedStrategy,
    Source,
)
from .model import (
    SLUG_PATTERN,
    GlossaryFile,
    MeasureUpdate,
    Organisation,
    OrganisationsFile,
    PictureSetFile,
    ProgressNote,
    ProgressReport,
    Site,
    Strategy,
)
from .pictures import load_pictures
from .problems import ContentError, Problem, format_path
from .yamlsource import DEFAULT_MAX_BYTES, ParsedStore, Path_, ReadButRefused, YamlDocument, file_kind, load_file, read_limited

M = TypeVar("M", bound=BaseModel)


def _unwrap(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _unwrap(options[0]) if len(options) == 1 else tp
    return tp


def _written_fields(model: type[BaseModel]) -> dict[str, Any]:
    """A model's fields by the names officers write them: `from` for the field Python calls from_."""
    return {info.alias or name: info for name, info in model.model_fields.items()}


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
            info = _written_fields(current).get(part)
            if info is None:
                return None
            current = info.annotation
        else:
            return None
    return _unwrap(current)


def _fields(model: type[BaseModel], path: tuple[Any, ...]) -> list[str]:
    """The fields an officer may write at a path, or none where the path is not a model's."""
    parent = _type_at(model, path)
    return list(_written_fields(parent)) if isinstance(parent, type) and issubclass(parent, BaseModel) else []


# The fields that give a figure: a measure's update has them, an action's update does not.
_FIGURE_FIELDS = frozenset(_written_fields(MeasureUpdate)) - frozenset(_written_fields(ProgressNote))


def _unknown_key(model: type[BaseModel], loc: Path_) -> str:
    fields = _fields(model, loc[:-1])
    if _type_at(model, loc[:-1]) is ProgressNote and loc[-1] in _FIGURE_FIELDS:
        return messages.figure_on_action_update(str(loc[-1]), fields)
    return messages.unknown_key(str(loc[-1]), fields)


def _problems_from(error: ValidationError, model: type[BaseModel], source: Source) -> list[Problem]:
    problems: list[Problem] = []
    items = error.errors(include_url=False)
    # A misspelt key leaves the field it was meant to be missing: that is told once, at the misspelling,
    # which names the field, and not again as a missing field where the officer made no mistake.
    meant = set()
    for item in items:
        if item["type"] == "extra_forbidden":
            extra = tuple(item["loc"])
            nearest = messages.nearest_field(str(extra[-1]), _fields(model, extra[:-1]))
            if nearest:
                meant.add(extra[:-1] + (nearest,))
    for item in items:
        raw = tuple(item["loc"])
        is_key = "[key]" in raw
        loc: Path_ = tuple(p for p in raw if p != "[key]")
        names = [p for p in loc if isinstance(p, str)]
        last_name = names[-1] if names else None
        kind = item["type"]
        if kind == "extra_forbidden":
            problems.append(source.problem(loc, _unknown_key(model, loc), key=True))
        elif kind == "missing":
            if loc in meant:
                continue
            parent = _type_at(model, loc[:-1])
            info = _written_fields(parent).get(str(loc[-1])) if isinstance(parent, type) and issubclass(parent, BaseModel) else None
            doc = source.document(loc)
            # Told at the key that holds the fields (consultation:), or at a list item's own first line,
            # never at the list's key, which may be a hundred lines above the item that lacks the field.
            pos = doc.position(loc[:-1], key=isinstance(loc[-2], str)) if loc[:-1] else doc.position(())
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
    def __init__(self, root: Path, content_dir: str, max_bytes: int, kept: ParsedStore | None = None):
        self.root = root
        self.max_bytes = max_bytes
        self.kept = kept
        # The content folder as officers see it, for the messages that name it.
        self.content = self.display(root / content_dir)
        self.problems: list[Problem] = []
        self.files: list[str] = []

    def display(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def refuse(self, path: Path, message: str, *, folder: bool = False) -> None:
        self.problems.append(Problem(self.display(path) + ("/" if folder else ""), 1, 1, "", message))

    def entries(self, folder: Path) -> list[tuple[Path, str]]:
        """The files and folders in a folder, by name, with what each is; links and anything else reported.

        Names starting with a dot (.DS_Store, .gitkeep) are an editor's or git's, never content.
        """
        found = []
        for path in sorted(folder.iterdir()):
            if path.name.startswith("."):
                continue
            kind = file_kind(path)
            if kind == "link":
                self.refuse(path, messages.LINK_REFUSED)
            elif kind == "other":
                self.refuse(path, messages.NOT_A_FILE)
            elif kind == "folder" and path.suffix in (".yml", ".yaml"):
                self.refuse(path, messages.FOLDER_NAMED_LIKE_A_FILE, folder=True)
            elif kind in ("file", "folder"):
                found.append((path, kind))
        return found

    def read(self, path: Path) -> YamlDocument | None:
        name = self.display(path)
        self.files.append(name)
        try:
            return load_file(path, name, max_bytes=self.max_bytes, kept=self.kept)
        except ReadButRefused as error:  # invisible characters or examples: refused, but the rest of the file is checked too
            self.problems.extend(error.problems)
            return error.document
        except ContentError as error:
            self.problems.extend(error.problems)
            return None

    def model(self, path: Path, model: type[M]) -> tuple[M | None, Source | None]:
        kind = file_kind(path)
        if kind != "file":
            # A link or a pipe in this place is reported where the folder is listed.
            if kind in ("missing", "folder"):
                self.refuse(path, messages.MISSING_SITE_FILE)
            return None, None
        doc = self.read(path)
        if doc is None:
            return None, None
        source = Source(doc)
        result, problems = validate(doc.data, model, source)
        self.problems.extend(problems)
        return result, source


def _digest(content: Path, max_bytes: int, *, yaml_bytes_only: bool = False) -> str:
    """A digest of a folder's names and of its files' bytes; with yaml_bytes_only, of its YAML files' bytes
    and the others' size and time (the pictures: their set.yml files are content, the pictures files).

    Read as the load reads: links are not followed, and a file that the load would refuse for its
    kind or size is not read here either, only described by its size and time.
    """
    digest = hashlib.sha256()
    if file_kind(content) != "folder":
        return digest.hexdigest()
    for folder, folders, names in os.walk(content):
        folders.sort()
        for name in sorted(names + [f for f in folders if file_kind(Path(folder, f)) == "link"]):
            path = Path(folder, name)
            info = os.lstat(path)
            data = f"{info.st_mode}:{info.st_size}:{info.st_mtime_ns}".encode()
            if (not yaml_bytes_only or name.endswith((".yml", ".yaml"))) and stat.S_ISREG(info.st_mode) and info.st_size <= max_bytes:
                try:
                    data = read_limited(path, name, max_bytes=max_bytes)
                except ContentError:
                    pass
            digest.update(path.relative_to(content).as_posix().encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


def load_library(root: Path, *, content_dir: str = "content", max_bytes: int = DEFAULT_MAX_BYTES) -> Library:
    """Load and check everything under root/content_dir. Raises ContentError listing every problem."""
    return _load(root, content_dir, max_bytes)


class LibraryCache:
    """Loads the content, and loads it again only when a file has changed since the last load.

    `build` checks the content before MkDocs starts and the plugin loads it again inside MkDocs;
    reading and parsing the YAML is a third of a build's time, so whoever checked it hands the plugin
    this cache, and the second load reuses the first. Serving keeps one for all its rebuilds. Whether
    anything changed is decided by a digest of the bytes, read as the load reads them (see _digest).
    """

    def __init__(self, kept: ParsedStore | None = None) -> None:
        """kept is where the project's parsed files are kept between builds (see yamlsource.load_file)."""
        self._last: tuple[tuple[str, str, int], str, Library] | None = None
        self.kept = kept

    def load(self, root: Path, *, content_dir: str = "content", max_bytes: int = DEFAULT_MAX_BYTES) -> Library:
        """As load_library, reusing the last library loaded through this cache if no file has changed, and
        each file parsed by an earlier load from the same text (kept, if the cache was given one)."""
        key = (str(root.resolve()), content_dir, max_bytes)
        digest = _digest(root / content_dir, max_bytes) + _digest(root / PICTURES_DIR, max_bytes, yaml_bytes_only=True)
        if self._last is not None and self._last[0] == key and self._last[1] == digest:
            return self._last[2]
        library = _load(root, content_dir, max_bytes, self.kept)
        self._last = (key, digest, library)
        return library


def read_library(
    root: Path, *, content_dir: str = "content", max_bytes: int = DEFAULT_MAX_BYTES, kept: ParsedStore | None = None
) -> tuple[Library | None, list[Problem]]:
    """The library as far as it could be read, with every problem found in it; None where the site's own files could not be.

    Only for a command that uses one strategy and must not be stopped by mistakes in the others (an
    Easy Read draft, say): the library holds every strategy that could be read and validated, and its
    problems say which files it must not trust. Everything that publishes uses load_library.
    """
    reader = _Reader(root, content_dir, max_bytes, kept)
    content = root / content_dir
    kind = file_kind(content)
    if kind in ("link", "file", "other"):
        message = {"link": messages.LINK_REFUSED, "file": messages.CONTENT_NOT_A_FOLDER, "other": messages.NOT_A_FILE}[kind]
        reader.refuse(content, message, folder=kind == "link")
        return None, reader.problems
    shared = _read_site_files(reader, content)
    _reserved_organisation_ids(reader, shared)
    found = _Found(shared.sources())
    if file_kind(content) == "folder":
        _read_organisation_folders(reader, content, shared, found)
    pictures = _read_pictures(reader, root)
    return _library(reader, shared, found, pictures, content_dir), reader.problems


def _load(root: Path, content_dir: str, max_bytes: int, kept: ParsedStore | None = None) -> Library:
    library, problems = read_library(root, content_dir=content_dir, max_bytes=max_bytes, kept=kept)
    if problems or library is None:
        raise ContentError(problems)
    if kept is not None:
        kept.prune()  # every file has been read, so what was not asked for is no longer needed
    return library


@dataclass(frozen=True)
class _SiteFiles:
    """The files at the top of the content folder that every strategy shares, each None where it could not be read."""

    site: Site | None
    organisations: OrganisationsFile | None
    organisations_source: Source | None
    glossary: GlossaryFile | None
    glossary_source: Source | None

    def sources(self) -> dict[str, Source]:
        sources = {}
        if self.organisations_source:
            sources["organisations"] = self.organisations_source
        if self.glossary_source:
            sources["glossary"] = self.glossary_source
        return sources


@dataclass
class _Found:
    """What the organisations' folders hold, in the order they were read."""

    sources: dict[str, Source]
    strategies: list[LoadedStrategy] = field(default_factory=list)
    reports: list[LoadedReport] = field(default_factory=list)
    # Every strategy folder that has a strategy.yml, loaded or not (see Library.strategy_folders).
    folders: list[str] = field(default_factory=list)


def _read_site_files(reader: _Reader, content: Path) -> _SiteFiles:
    site, _ = reader.model(content / "site.yml", Site)
    organisations, organisations_source = reader.model(content / "organisations.yml", OrganisationsFile)
    glossary, glossary_source = reader.model(content / "glossary.yml", GlossaryFile)
    return _SiteFiles(site, organisations, organisations_source, glossary, glossary_source)


def _reserved_organisation_ids(reader: _Reader, shared: _SiteFiles) -> None:
    """An organisation's id is its folder's name and its pages' address, so it cannot be one of the site's own."""
    for i, org in enumerate(shared.organisations.organisations if shared.organisations else []):
        if org.id in SITE_NAMES and shared.organisations_source:
            reader.problems.append(
                shared.organisations_source.problem(("organisations", i, "id"), messages.reserved_name(org.id, "an organisation id"))
            )


def _read_organisation_folders(reader: _Reader, content: Path, shared: _SiteFiles, found: _Found) -> None:
    """The content folder: the site's own files, and a folder for each organisation."""
    organisations = {o.id: o for o in shared.organisations.organisations} if shared.organisations else {}
    for entry, kind in reader.entries(content):
        if kind == "file":
            if entry.name not in SITE_FILES:
                _misplaced(reader, entry)
            continue
        organisation = organisations.get(entry.name)
        # Where organisations.yml could not be read, the folders are still checked, though nothing in them is loaded.
        if organisation is None and shared.organisations is not None:
            known = sorted(organisations)
            reader.problems.append(
                Problem(
                    reader.display(entry) + "/",
                    1,
                    1,
                    "",
                    messages.unknown_reference(f"organisation in {reader.content}/organisations.yml", entry.name, known),
                )
            )
            continue
        _read_organisation_folder(reader, entry, organisation, found)


def _read_organisation_folder(reader: _Reader, folder: Path, organisation: Organisation | None, found: _Found) -> None:
    """One organisation's folder: a folder for each strategy and a progress folder, and no files."""
    for child, kind in reader.entries(folder):
        if kind == "file":
            _misplaced(reader, child)
        elif child.name == PROGRESS_FOLDER:
            _read_progress_folder(reader, child, organisation, found)
        elif child.name in ORGANISATION_NAMES:
            reader.refuse(child, messages.reserved_name(child.name, "a strategy's folder name"), folder=True)
        else:
            _read_strategy_folder(reader, child, organisation, found)


def _read_progress_folder(reader: _Reader, folder: Path, organisation: Organisation | None, found: _Found) -> None:
    """An organisation's progress reports, one file each, named as its web address."""
    for path, kind in reader.entries(folder):
        if kind == "folder":
            reader.refuse(path, messages.SUBFOLDER_IN_PROGRESS, folder=True)
            continue
        if _wrong_extension(reader, path) or not _report_name(reader, path):
            continue
        report, source = reader.model(path, ProgressReport)
        if report and source and organisation:
            found.reports.append(LoadedReport(organisation, path.stem, report, source))


def _read_strategy_folder(reader: _Reader, folder: Path, organisation: Organisation | None, found: _Found) -> None:
    if file_kind(folder / STRATEGY_MAIN_FILE) == "file":
        found.folders.append(f"{folder.parent.name}/{folder.name}")
    loaded = _load_strategy(reader, folder, organisation)
    if loaded:
        found.strategies.append(loaded)
        found.sources[loaded.id] = loaded.source


def _read_pictures(reader: _Reader, root: Path) -> PictureLibrary:
    pictures, problems = load_pictures(root, lambda doc: validate(doc.data, PictureSetFile, Source(doc)))
    reader.problems.extend(problems)
    return pictures


def _library(reader: _Reader, shared: _SiteFiles, found: _Found, pictures: PictureLibrary, content_dir: str) -> Library | None:
    """The library, checked across its files, or None where a site file could not be read."""
    if not (shared.site and shared.organisations and shared.glossary):
        return None
    library = Library(
        shared.site,
        shared.organisations.organisations,
        shared.glossary.terms,
        found.strategies,
        found.reports,
        sorted(reader.files),
        found.sources,
        found.folders,
        pictures,
        content_dir,
    )
    reader.problems.extend(check_library(library, reader.content))
    return library


def _wrong_extension(reader: _Reader, path: Path) -> bool:
    if path.suffix == ".yml":
        return False
    message = messages.YAML_EXTENSION if path.suffix == ".yaml" else messages.unknown_file_place(reader.content)
    reader.problems.append(Problem(reader.display(path), 1, 1, "", message))
    return True


def _report_name(reader: _Reader, path: Path) -> bool:
    """Whether a progress report's file name can be its web address."""
    if not re.fullmatch(SLUG_PATTERN, path.stem):
        reader.refuse(path, messages.REPORT_NAME_NOT_A_SLUG.format(name=messages.shown(path.stem)))
        return False
    if path.stem in ORGANISATION_NAMES:
        reader.refuse(path, messages.reserved_name(path.stem, "a progress report's file name"))
        return False
    return True


def _misplaced(reader: _Reader, path: Path) -> None:
    reader.problems.append(Problem(reader.display(path), 1, 1, "", messages.unknown_file_place(reader.content)))


def _load_strategy(reader: _Reader, folder: Path, organisation: Organisation | None) -> LoadedStrategy | None:
    if not re.fullmatch(SLUG_PATTERN, folder.name):
        reader.refuse(folder, messages.FOLDER_NOT_A_SLUG.format(name=messages.shown(folder.name)), folder=True)
        return None
    files = _strategy_files(reader, folder)
    main_path = folder / STRATEGY_MAIN_FILE
    if main_path not in files:
        reader.problems.append(Problem(reader.display(folder) + "/" + STRATEGY_MAIN_FILE, 1, 1, "", messages.MISSING_STRATEGY_FILE))
        return None
    # strategy.yml first, so that a key given twice is reported in the other file.
    files.sort(key=lambda p: (p != main_path, p.name))
    docs = [reader.read(p) for p in files]
    read = [doc for doc in docs if doc is not None]
    if len(read) != len(docs):
        return None
    merged = _merge_parts(reader, read)
    if merged is None:
        return None
    data, parts = merged
    source = Source(read[0], parts)
    strategy, problems = validate(data, Strategy, source)
    reader.problems.extend(problems)
    if strategy is None or organisation is None:
        return None
    return LoadedStrategy(organisation, folder.name, strategy, source)


def _strategy_files(reader: _Reader, folder: Path) -> list[Path]:
    """The YAML files of a strategy's folder; a folder inside it, or a file of another kind, is reported."""
    files = []
    for path, kind in reader.entries(folder):
        if kind == "folder":
            reader.refuse(path, messages.subfolder_in_strategy(reader.content), folder=True)
        elif not _wrong_extension(reader, path):
            files.append(path)
    return files


def _merge_parts(reader: _Reader, docs: list[YamlDocument]) -> tuple[dict[str, Any], dict[str, YamlDocument]] | None:
    """The strategy's files as one mapping, and the file each top-level key came from; None if a file is not a mapping."""
    parts: dict[str, YamlDocument] = {}
    merged: dict[str, Any] = {}
    for doc in docs:
        if not isinstance(doc.data, dict):
            reader.problems.append(doc.problem((), messages.NOT_A_MAPPING))
            return None
        for key, value in doc.data.items():
            if key in merged:
                reader.problems.append(doc.problem((key,), messages.top_key_twice(key, parts[key].file), key=True))
                continue
            merged[key] = value
            parts[key] = doc
    return merged, parts
