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

from pathlib import Path

from plugins.publishing import caches

# The folder, from the project's root.
CACHE_DIR = caches.cache_dir("charts")
# No chart is this large (the largest the site draws are tens of KB): a larger file is not read.
_MAX_SVG = 4 << 20


class ChartCache(caches.EntryFiles):
    """The chart cache folder of a project, for one build (see plugins/pages/charts.py's SvgStore)."""

    def __init__(self, folder: Path | None) -> None:
        """folder is the cache's folder (caches.usable_folder), or None for a build that keeps no charts."""
        super().__init__(folder, ".svg", _MAX_SVG)
