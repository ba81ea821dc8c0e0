"""The booklet cache: booklets printed by earlier builds, reused while nothing that makes them has changed.

Printing is most of a build's time, and most booklets are the same as last time. A booklet is reused
only when all of these are unchanged: its HTML, the printer (WeasyPrint, pydyf and Pango, this
project's printing code and the machine's own fonts), and the bytes of every file of the site the printer read for it (fonts,
pictures, charts, stylesheets), which are noted, each with its sha256, beside the PDF when it is printed.

The cache is one folder in the project, `.cache/booklets/`, ignored by git and safe to delete. An entry
is two files named by the key of the HTML and printer: KEY.pdf and KEY.json (what it read, and the PDF's
own sha256). Anything in the folder is only ever a hint: an entry that cannot be read, is cut short,
names a file outside the site or does not match in every hash is passed over, and the booklet printed
again, so a damaged cache costs time, never a failed build or a stale booklet. Files are written under
a temporary name and renamed into place, so no reader sees half of one; a build that cannot write to
the cache still publishes. The build removes only files named as its own entries are, and only those
the build that has just printed every booklet did not use.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path, PurePosixPath

from plugins.publishing import caches

# The folder, from the project's root.
CACHE_DIR = caches.cache_dir("booklets")
# Raised when an entry's form changes, so that entries of an older form are never read as this one.
FORMAT = 1
_ENTRY = re.compile(r"[0-9a-f]{64}\.(?:pdf|json)")
_HEX64 = re.compile(r"[0-9a-f]{64}")
# No entry's notes are this large, nor any booklet: a larger file is not read.
_MAX_NOTES = 1 << 20
_MAX_PDF = 512 << 20


@cache
def printer() -> str:
    """What prints a booklet, beyond its HTML and files: the printing libraries' versions, and this
    project's printing code (the options it passes, the fetcher, what it adds to the tables' tags), as the
    bytes of its modules, and the machine's fonts."""
    import pydyf  # type: ignore[import-untyped]
    import weasyprint
    from weasyprint.text.ffi import pango

    from plugins.publishing import booklets, pdf_tables

    code = hashlib.sha256()
    for module in (booklets.__file__, pdf_tables.__file__, __file__):
        code.update(Path(module).read_bytes())
    versions = f"weasyprint {weasyprint.__version__}; pydyf {pydyf.__version__}; pango {pango.pango_version()}"
    return f"format {FORMAT}; {versions}; code {code.hexdigest()}; system fonts {_system_fonts()}"


def _system_fonts() -> str:
    """A fingerprint of the machine's fonts (each file's path, size and time): the standard booklet falls
    back to them (Arial, DejaVu Sans), so installing or updating one may change its bytes."""
    fingerprint = hashlib.sha256()
    folders = ["/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts", "/Library/Fonts", "C:/Windows/Fonts"]
    for folder in folders:
        for where, dirs, names in os.walk(os.path.expanduser(folder)):
            dirs.sort()
            for name in sorted(names):
                try:
                    status = os.stat(os.path.join(where, name))
                except OSError:
                    continue
                fingerprint.update(f"{where}/{name} {status.st_size} {status.st_mtime_ns}\n".encode())
    return fingerprint.hexdigest()


def booklet_key(path: str, html: str) -> str:
    """The key of a booklet's entry: its place in the site, its HTML and the printer."""
    return hashlib.sha256(json.dumps([printer(), path, html]).encode()).hexdigest()


class BookletCache:
    """The cache folder of a project, for a build printing into site_dir."""

    def __init__(self, folder: Path | None, site_dir: Path) -> None:
        """folder is the cache's folder (caches.usable_folder), or None for a build that keeps no booklets."""
        self.folder = folder
        self.site = site_dir.resolve()
        # Each site file's sha256, worked out once a build: the fonts are in every booklet.
        self._hashes: dict[str, str | None] = {}
        self.used: set[str] = set()

    def reuse(self, key: str, target: Path) -> bool:
        """Write the cached PDF of key to target, if its entry is whole and every file it read is unchanged."""
        self.used.add(key)
        notes = self._notes(key)
        if notes is None or self.folder is None:
            return False
        pdf = caches.read_entry(self.folder / f"{key}.pdf", _MAX_PDF)
        if pdf is None or hashlib.sha256(pdf).hexdigest() != notes["pdf"]:
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf)
        return True

    def _notes(self, key: str) -> dict[str, str] | None:
        """The entry's notes if they are well formed and every file they name is as it was; None otherwise."""
        raw = caches.read_entry(self.folder / f"{key}.json", _MAX_NOTES) if self.folder is not None else None
        try:
            notes = json.loads(raw) if raw is not None else None
        except ValueError:
            return None
        if not isinstance(notes, dict) or notes.get("format") != FORMAT or notes.get("key") != key:
            return None
        pdf, files = notes.get("pdf"), notes.get("files")
        if not isinstance(pdf, str) or not _HEX64.fullmatch(pdf) or not isinstance(files, dict):
            return None
        for name, digest in files.items():
            if not isinstance(digest, str) or not _HEX64.fullmatch(digest) or self._hash(name) != digest:
                return None
        return {"pdf": pdf}

    def _hash(self, name: object) -> str | None:
        """The sha256 of a file of the site, by its path in the site; None for anything else."""
        if not isinstance(name, str):
            return None
        if name not in self._hashes:
            self._hashes[name] = self._read_hash(name)
        return self._hashes[name]

    def _read_hash(self, name: str) -> str | None:
        relative = PurePosixPath(name)
        if not name or "\\" in name or "\0" in name or relative.is_absolute() or ".." in relative.parts:
            return None
        try:
            path = (self.site / relative).resolve()
            if not path.is_relative_to(self.site) or not path.is_file():
                return None
            return hashlib.sha256(path.read_bytes()).hexdigest()
        except (OSError, ValueError):
            return None

    def store(self, key: str, booklet: str, pdf: Path, files: Mapping[str, str]) -> None:
        """Keep a booklet just printed, with the files it read. A cache that cannot be written is left as it is."""
        self.used.add(key)
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            content = pdf.read_bytes()
            notes = {"format": FORMAT, "key": key, "booklet": booklet, "pdf": hashlib.sha256(content).hexdigest(), "files": dict(files)}
            # The PDF first: notes never name a PDF that is not there, and a PDF without notes is never used.
            caches.write_whole(self.folder / f"{key}.pdf", content)
            caches.write_whole(self.folder / f"{key}.json", json.dumps(notes, indent=1, sort_keys=True).encode())
        except OSError:
            pass

    def prune(self) -> None:
        """Remove this cache's entries that the build did not use, and its own temporary files left by a
        stopped build; nothing else in the folder is touched. Call only after a build printed every booklet."""
        caches.prune(self.folder, _ENTRY, self.used)
