"""The page caches: each strategy page's Markdown as its template made it, each generated page's Markdown as
MkDocs converted it in an earlier build, and each generated page as the theme's template finished it, reused
while nothing that goes into them has changed. (Which strategy pages' Markdown may be kept, and under what
key, is plugins/pages/kept.py's business; this module only keeps the files.)

Converting the pages' Markdown is the largest part of building the pages, and after a pull request
rewords one action nearly every page's Markdown is what it was. An entry holds what MkDocs' Page.render
makes of a page (its HTML before any plugin has seen it, its table of contents, title and anchors),
named by a key of everything that conversion reads (see plugins/adapter/rendering.py: the page's
Markdown and address, the Markdown settings, every file's address, and the version of every installed
package). The HTML still goes through the sanitiser on every build, as a freshly converted page's does.

Putting every page into the theme's template is the next largest part, and is what a rebuild does most
of once the conversions are reused. The finished-page cache holds a page's HTML as the template made it,
named by a key of everything a template is allowed to read without the page being left out of the cache
(see plugins/adapter/rendering.py's finished pages): the page's own converted HTML, table of contents
and settings, the title, address and settings of every page and the menu, the site's configuration, the
theme's templates and the version of every package. A template that reads more than that (another
page's text, say) still works; its page is made afresh on every build. The finished HTML still goes
through the page's policy check on every build (plugins/safety/page_policy.py), as a page made afresh does.

Each cache is one folder in the project, `.cache/markdown/`, `.cache/pages/` and `.cache/finished/`, ignored
by git and safe to delete; an entry is one file, KEY.md, KEY.json or KEY.html. What it holds is only ever a hint: a file that
cannot be read, is too large, or is not an entry of the expected form is passed over, and the page made
again. Files are written under a temporary name and renamed into place (caches.write_whole); a build
that cannot write to the cache still publishes. The build removes only files named as its own entries
are, and only those the build that has just made every page did not use.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from plugins.publishing import caches

# The folders, from the project's root.
CACHE_DIR = caches.cache_dir("pages")
FINISHED_DIR = caches.cache_dir("finished")
MARKDOWN_DIR = caches.cache_dir("markdown")
# No page's entry is this large (the largest page's HTML is tens of KB): a larger file is not read.
_MAX_ENTRY = 8 << 20


class PageCache:
    """The page cache folder of a project, for one build (see plugins/adapter/rendering.py's RenderedStore)."""

    def __init__(self, folder: Path | None) -> None:
        """folder is the cache's folder (caches.usable_folder), or None for a build that keeps no pages."""
        self.files = caches.EntryFiles(folder, ".json", _MAX_ENTRY)

    def get(self, key: str) -> dict[str, Any] | None:
        """The entry kept under key, if it is a file holding a JSON object; None otherwise."""
        data = self.files.get(key)
        try:
            entry = json.loads(data) if data is not None else None
        except ValueError:
            return None
        return entry if isinstance(entry, dict) else None

    def put(self, key: str, entry: dict[str, Any]) -> None:
        """Keep a page just converted. A cache that cannot be written is left as it is."""
        self.files.put(key, json.dumps(entry, ensure_ascii=False).encode())

    def prune(self) -> None:
        """Remove this cache's entries that the build did not use (see caches.EntryFiles.prune)."""
        self.files.prune()


class FinishedPages(caches.TextEntries):
    """The finished-page cache folder of a project, for one build (see plugins/adapter/rendering.py's FinishedStore)."""

    def __init__(self, folder: Path | None) -> None:
        """folder is the cache's folder (caches.usable_folder), or None for a build that keeps no pages."""
        super().__init__(folder, ".html", _MAX_ENTRY)


class MarkdownPages(caches.TextEntries):
    """The folder of strategies' pages' Markdown as their templates made it, for one build (see plugins/pages/kept.py)."""

    def __init__(self, folder: Path | None) -> None:
        """folder is the cache's folder (caches.usable_folder), or None for a build that keeps no pages."""
        super().__init__(folder, ".md", _MAX_ENTRY)
