"""The site's search index, made by Pagefind from the built pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def start_search_index(site_dir: Path) -> subprocess.Popen[str]:
    """Start indexing the built pages with Pagefind, whose index is in pieces that a browser fetches
    only as a reader searches, rather than one file of every page's words fetched with every page.
    The caller waits for it (see finish_search_index), so that the booklets print meanwhile."""
    return subprocess.Popen(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind", "--silent"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


class SearchFailed(Exception):
    """Pagefind could not index the site; the message is its own."""


def finish_search_index(search: subprocess.Popen[str]) -> None:
    out, _ = search.communicate()
    if search.returncode != 0:
        raise SearchFailed(f"The search index could not be made: {out.strip()}")
