"""The redesign changes how the code is laid out, not what it publishes.

The default site's content is built twice, once by the code as it was before the redesign (the commit
BASELINE) and once by the code as it is now (the session's site, built for the same day), and every file
of the two sites (pages, search index, booklets, pictures) must be byte-for-byte the same.

BASELINE's build is made in a folder of its own, later, with its booklets printed afresh, so this also
shows that the same commit gives the same bytes in any folder at any time (SECURITY.md, guarantee 7): a
build that wrote its folder or read the clock into a page, a booklet or a chart would differ here.

BASELINE is the last commit whose output is known to be right. A change that means to change what is
published (or that the code at BASELINE cannot read, such as a new field in the content) makes this
test fail; once its new output has been reviewed (the golden pages show it), a commit of its own moves
BASELINE to that change, so the test goes on guarding the next refactor.
"""

from __future__ import annotations

import filecmp
import io
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from .conftest import AS_OF, REPO

BASELINE = "f14a75c6554d0157df5c1e6db948fe79e1ce3c11"
# What a council writes rather than what the code does: taken from the working tree for both builds.
CONTENT = ("content", "pictures")
# The code, its templates and its settings: taken from BASELINE for its build (the project's own build the session's site).
CODE = ("plugins", "easyread", "templates", "docs", "site_build.py", "mkdocs.yml")

# Where the plugin's class is found at BASELINE, which MkDocs must be able to load by the entry point
# installed now (plugins.adapter.plugin).
_SHIM = "from plugins.strategy.plugin import StrategyPlugin  # noqa: F401\n"


def _baseline_code(into: Path) -> None:
    found = subprocess.run(["git", "-C", str(REPO), "cat-file", "-e", f"{BASELINE}^{{commit}}"], capture_output=True)
    if found.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"commit {BASELINE} is not in this clone: CI needs the full history for this test")
        pytest.skip(f"commit {BASELINE} is not in this clone (a shallow clone?)")
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", BASELINE, "--", *CODE], capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    adapter = into / "plugins" / "adapter"
    if not (adapter / "plugin.py").exists():
        adapter.mkdir()
        (adapter / "__init__.py").write_text("")
        (adapter / "plugin.py").write_text(_SHIM)


def _build(root: Path) -> Path:
    for name in CONTENT:
        shutil.copytree(REPO / name, root / name)
    # Each build imports its own code: the project folder comes first on the path.
    env = {**os.environ, "PYTHONPATH": str(root), "STRATEGY_SITE_AS_OF": AS_OF}
    done = subprocess.run(
        [sys.executable, "site_build.py", "build", "--as-of", AS_OF, "--site-dir", "site"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return root / "site"


def _differences(comparison: filecmp.dircmp[str], where: str = "") -> list[str]:
    found = [f"only before: {where}{n}" for n in comparison.left_only] + [f"only now: {where}{n}" for n in comparison.right_only]
    # Compared by content, not by size and time.
    _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files, shallow=False)
    found += [f"differs: {where}{n}" for n in mismatch + errors]
    for name, sub in comparison.subdirs.items():
        found += _differences(sub, f"{where}{name}/")
    return found


def test_the_default_site_is_byte_for_byte_what_it_was_before_the_redesign(tmp_path: Path, site: Path):
    """The code as it is now builds the session's site, for the same day (see conftest.py), from the same
    content: only BASELINE's build is made here."""
    before = tmp_path / "before"
    _baseline_code(before)
    old_site, new_site = _build(before), site
    assert sum(1 for _ in new_site.rglob("*.pdf")) >= 9  # the booklets are part of what is compared
    assert _differences(filecmp.dircmp(old_site, new_site)) == []
