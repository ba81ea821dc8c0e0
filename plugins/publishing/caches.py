"""Where the build keeps what it made for the next build to reuse, and the two things every such cache does
with its folder: write an entry whole, and remove the entries of its own that a build no longer uses.

Every cache is a folder under `.cache/` in the project (ignored by git and safe to delete): the booklets
(booklet_cache.py), the charts (chart_cache.py) and the pages (page_cache.py). An entry is named by its key, 64 hex digits, and
anything in the folder is only a hint to its reader, who checks it before it is used.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Collection
from pathlib import Path

# The folder of every cache, from the project's root.
CACHE_ROOT = ".cache"
# A temporary file this old was left by a build that was stopped.
ABANDONED_SECONDS = 3600


def cache_dir(name: str) -> str:
    """The folder of one cache, from the project's root: `.cache/booklets`."""
    return f"{CACHE_ROOT}/{name}"


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


def prune(folder: Path, entry: re.Pattern[str], used: Collection[str]) -> None:
    """Remove the cache's entries (files whose whole name entry matches) whose key, the name up to its
    first dot, is not in used, and its own temporary files (see write_whole) left by a build stopped an
    hour or more ago; nothing else in the folder is touched. Call only after a build has asked for every entry it needs."""
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
