"""Where the build keeps what it made for the next build to reuse, and the two things every such cache does
with its folder: write an entry whole, and remove the entries of its own that a build no longer uses.

Every cache is a folder under `.cache/` in the project (ignored by git and safe to delete): the booklets
(booklet_cache.py), the charts (chart_cache.py), the pages, made, converted and finished (page_cache.py),
the content's files as parsed and the Easy Read editions' scorecards (`parsed` and `scorecards`, below).
An entry is named by its key, 64 hex digits, and anything in the folder is only a hint to its reader,
who checks it before it is used.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import re
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Collection
from pathlib import Path

from plugins.content.problems import Problem

# The folder of every cache, from the project's root.
CACHE_ROOT = ".cache"
# A temporary file this old was left by a build that was stopped.
ABANDONED_SECONDS = 3600
# The Easy Read editions' scorecards, as easyread/checker.py's KeptCards keeps them: each a few KB.
SCORECARDS_DIR = f"{CACHE_ROOT}/scorecards"
_MAX_SCORECARD = 4 << 20
# The content's files as parsed (plugins/content/yamlsource.py's load_file): a parsed file takes a few
# times its text, and no file is read past its own limit (content's max_bytes).
PARSED_DIR = f"{CACHE_ROOT}/parsed"
_MAX_PARSED = 64 << 20


def cache_dir(name: str) -> str:
    """The folder of one cache, from the project's root: `.cache/booklets`."""
    return f"{CACHE_ROOT}/{name}"


def usable_folder(root: Path, folder: str) -> Path | None:
    """The folder of one cache in a project, by its path from the root (cache_dir; it need not exist yet),
    or None where no cache may be used:

    - where `.cache` or the cache's own folder is anything but a folder of the project's own: a link
      would have the build read, write and remove files elsewhere on the machine, which it never does;
    - where the project's git repository holds anything under `.cache`: what a build made for itself is
      the build's word, but a file committed is anyone's, and a well-formed entry that says something
      false could not be told from a true one (`check` reports such files, see committed_problems).
    """
    for path in (root / CACHE_ROOT, root / folder):
        try:
            if not stat.S_ISDIR(os.lstat(path).st_mode):
                return None
        except FileNotFoundError:
            pass
        except OSError:
            return None
    return None if committed(root) else root / folder


def committed(root: Path) -> list[str]:
    """The files under `.cache/` that the project's git repository holds; none outside a repository."""
    try:
        listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--", CACHE_ROOT], capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return []
    if listed.returncode != 0:
        return []
    return sorted(path for path in listed.stdout.decode(errors="replace").split("\0") if path)


def committed_problems(root: Path) -> list[Problem]:
    """Each file under `.cache/` the repository holds, as a problem for `check` to report at its place."""
    return [
        Problem(
            path,
            1,
            1,
            "",
            "This file is committed to the repository, but .cache/ holds only what builds make for themselves, and a build "
            "uses no cache the repository holds. Remove it from the repository with: git rm -r --cached .cache",
        )
        for path in committed(root)
    ]


def read_entry(path: Path, limit: int) -> bytes | None:
    """An entry's bytes, if it is a file of its own (not a link, a device or a pipe, which could be
    anything on the machine or never end) of at most limit bytes; None otherwise."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        with os.fdopen(descriptor, "rb") as file:
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode):
                return None
            # Read what the file holds, not limit bytes: a read of limit bytes sets aside that much memory
            # first, megabytes for every entry (a tenth of a millisecond each, thousands of times a build).
            # A file that grew since it was looked at is read on, up to the limit, as before.
            data = file.read(min(status.st_size, limit) + 1)
            if status.st_size < len(data) <= limit:
                data += file.read(limit + 1 - len(data))
    except OSError:
        return None
    return data if len(data) <= limit else None


def write_whole(target: Path, content: bytes) -> None:
    """Write a file whole or not at all: under a temporary name in the same folder, then renamed into place."""
    # The temporary name is the entry's, between a dot and a random part: prune knows it by that.
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def prune(folder: Path | None, entry: re.Pattern[str], used: Collection[str]) -> None:
    """Remove the cache's entries (files whose whole name entry matches) whose key, the name up to its
    first dot, is not in used, and its own temporary files (see write_whole) left by a build stopped an
    hour or more ago; nothing else in the folder is touched. Call only after a build has asked for every entry it needs."""
    if folder is None:
        return
    writing = re.compile(rf"\.(?:{entry.pattern})\.[a-z0-9_]+\.tmp")
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        path = folder / name
        try:
            if entry.fullmatch(name) and name.split(".")[0] not in used:
                path.unlink()
            elif writing.fullmatch(name) and time.time() - path.stat().st_mtime > ABANDONED_SECONDS:
                path.unlink()
        except OSError:
            pass


@functools.cache
def installed() -> list[str]:
    """Python's version and every installed package's, "name==version", sorted: what the caches' keys name
    for MkDocs, Markdown and its extensions, the theme, wordfreq's word lists, Python's own Unicode tables
    and regular expressions, and everything else a build runs."""
    packages = [f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()]
    return sorted([*packages, f"Python=={sys.version}"])


def code_and_templates(templates: Path | None) -> str:
    """A digest of this project's own code, which gives templates their filters and functions and decides
    what they are given, and of a council's templates folder (None if it has none): every file, by its
    path and bytes. (The theme's own templates are its package's, named by its version.)"""
    digest = hashlib.sha256()
    code = Path(__file__).resolve().parents[1]
    for folder in [*([templates] if templates is not None else []), code, code.parent / "easyread"]:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"\0{path.relative_to(folder).as_posix()}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


_KEY = re.compile(r"[0-9a-f]{64}")


class EntryFiles:
    """A cache whose every entry is one file, KEY followed by suffix, read back whole (the charts' and the
    pages'), for one build: which keys the build asked for, so that prune keeps exactly those."""

    def __init__(self, folder: Path | None, suffix: str, limit: int) -> None:
        """folder is the cache's folder (usable_folder), or None for a build that keeps nothing; limit is
        the size no entry reaches, beyond which a file is not read."""
        self.folder, self.suffix, self.limit = folder, suffix, limit
        self.entry = re.compile(rf"[0-9a-f]{{64}}{re.escape(suffix)}")
        self.used: set[str] = set()

    def get(self, key: str) -> bytes | None:
        """The bytes kept under key, if they are a file of its own within the limit; None otherwise."""
        self.used.add(key)
        if self.folder is None or not _KEY.fullmatch(key):
            return None
        return read_entry(self.folder / f"{key}{self.suffix}", self.limit)

    def put(self, key: str, content: bytes) -> None:
        """Keep an entry just made. A cache that cannot be written is left as it is."""
        self.used.add(key)
        if self.folder is None or not _KEY.fullmatch(key):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_whole(self.folder / f"{key}{self.suffix}", content)
        except OSError:
            pass

    def prune(self) -> None:
        """Remove this cache's entries that the build did not use, and its own temporary files left by a
        stopped build; nothing else in the folder is touched. Call only after the build asked for every entry."""
        prune(self.folder, self.entry, self.used)


class TextEntries:
    """A cache whose every entry is one text, KEY followed by suffix, its first line the SHA-256 of the rest
    (the pages' Markdown and finished HTML, the Easy Read editions' scorecards)."""

    def __init__(self, folder: Path | None, suffix: str, limit: int) -> None:
        """folder is the cache's folder (usable_folder), or None for a build that keeps nothing; limit is
        the size no entry reaches, beyond which a file is not read."""
        self.files = EntryFiles(folder, suffix, limit)

    def get(self, key: str) -> str | None:
        """The text kept under key, if the file is whole: its first line the SHA-256 of the rest, which is
        UTF-8 text. None otherwise: a text cut short or garbled on the disk would still be used."""
        data = self.files.get(key)
        digest, _, text = (data or b"").partition(b"\n")
        if not text or digest.decode("ascii", "replace") != hashlib.sha256(text).hexdigest():
            return None
        try:
            return text.decode()
        except UnicodeDecodeError:
            return None

    def put(self, key: str, text: str) -> None:
        """Keep a text just made. A cache that cannot be written is left as it is."""
        data = text.encode()
        self.files.put(key, hashlib.sha256(data).hexdigest().encode() + b"\n" + data)

    def prune(self) -> None:
        """Remove this cache's entries that the build did not use (see EntryFiles.prune)."""
        self.files.prune()


def parsed(root: Path) -> TextEntries:
    """The content's files as earlier loads parsed them in a project (see plugins/content/yamlsource.py's load_file)."""
    return TextEntries(usable_folder(root, PARSED_DIR), ".json", _MAX_PARSED)


def scorecards(root: Path) -> TextEntries:
    """The Easy Read editions' scorecards kept by earlier checks in a project (see easyread/checker.py's KeptCards)."""
    return TextEntries(usable_folder(root, SCORECARDS_DIR), ".json", _MAX_SCORECARD)
