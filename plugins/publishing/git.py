"""The content as it was at a git revision, for `diff` and the change-note check."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from plugins.content import ContentError, Library, load_library


class ChangesError(Exception):
    """A revision that cannot be read: not a revision, or content that does not load."""


def library_at(root: Path, revision: str | None, content_dir: str = "content") -> Library:
    """The content as it was at a git revision; None means as it is now in the working folder."""
    if revision is None:
        return load_library(root, content_dir=content_dir)
    listed = subprocess.run(["git", "-C", str(root), "rev-parse", "--verify", f"{revision}^{{commit}}"], capture_output=True, text=True)
    if listed.returncode != 0:
        raise ChangesError(f"'{revision}' is not a git revision of this repository.")
    folders = [f for f in (content_dir, "pictures") if _exists_at(root, revision, f)]
    archive = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", revision, "--", *folders], capture_output=True)
    if archive.returncode != 0:
        raise ChangesError(f"The content at '{revision}' could not be read: {archive.stderr.decode(errors='replace').strip()}")
    with tempfile.TemporaryDirectory(prefix="strategy-diff-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        try:
            return load_library(Path(folder), content_dir=content_dir)
        except ContentError as error:
            raise ChangesError(f"The content at '{revision}' has {len(error.problems)} problem(s), so it cannot be compared.") from None


def _exists_at(root: Path, revision: str, path: str) -> bool:
    done = subprocess.run(["git", "-C", str(root), "cat-file", "-e", f"{revision}:{path}"], capture_output=True)
    return done.returncode == 0
