"""The chart cache: charts drawn by earlier builds, reused while nothing that makes them has changed.

Drawing the charts with matplotlib, and importing it, is a serial part of every build, and most charts
are the same as last time. Each chart is kept as its finished SVG (drawn, titled and cleaned), named by
a key of everything it is made from (see plugins/pages/charts.py: its figures, words and sizes,
matplotlib's version and the charts' code), so a chart reused is the same bytes as one drawn again.

The cache is one folder in the project, `.cache/charts/`, ignored by git and safe to delete; an entry is
one file, KEY.svg. What it holds is only ever a hint: a file that cannot be read or is too large is
passed over here, and charts.py publishes one only if the pictures' cleaner accepts it unchanged, so a
damaged or planted file is drawn again rather than published. Files are written under a temporary name
and renamed into place (caches.write_whole); a build that cannot write to the cache still publishes.
The build removes only files named as its own entries are, and only those the build that has just made
every page did not use.
"""

from __future__ import annotations

import re
from pathlib import Path

from plugins.publishing import caches

# The folder, from the project's root.
CACHE_DIR = caches.cache_dir("charts")
_ENTRY = re.compile(r"[0-9a-f]{64}\.svg")
_KEY = re.compile(r"[0-9a-f]{64}")
# No chart is this large (the largest the site draws are tens of KB): a larger file is not read.
_MAX_SVG = 4 << 20


class ChartCache:
    """The chart cache folder of a project, for one build (see plugins/pages/charts.py's SvgStore)."""

    def __init__(self, folder: Path | None) -> None:
        """folder is the cache's folder (caches.usable_folder), or None for a build that keeps no charts."""
        self.folder = folder
        self.used: set[str] = set()

    def get(self, key: str) -> bytes | None:
        """The SVG kept under key, if there is a file of a chart's size; None otherwise."""
        self.used.add(key)
        if self.folder is None or not _KEY.fullmatch(key):
            return None
        return caches.read_entry(self.folder / f"{key}.svg", _MAX_SVG)

    def put(self, key: str, svg: bytes) -> None:
        """Keep a chart just drawn. A cache that cannot be written is left as it is."""
        self.used.add(key)
        if self.folder is None or not _KEY.fullmatch(key):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            caches.write_whole(self.folder / f"{key}.svg", svg)
        except OSError:
            pass

    def prune(self) -> None:
        """Remove this cache's entries that the build did not use, and its own temporary files left by a
        stopped build; nothing else in the folder is touched. Call only after the build made every page."""
        caches.prune(self.folder, _ENTRY, self.used)
