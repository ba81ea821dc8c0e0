"""Mistakes made in the real content are reported at the line where they were made.

Each real content file gets the four mistakes officers make most: a key
duplicated, a key misspelt, a value of the wrong type, and a line indented
wrongly. The check must exit 1 and name the file, line and column.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import REPO

CONTENT_FILES = sorted((REPO / "content").rglob("*.yml"))
# A `key: value` line with a plain one-line value, possibly the first key of a list item.
KEY_LINE = re.compile(r"^(?P<indent>\s*)(?P<dash>- )?(?P<key>[a-z_]+): (?P<value>[A-Za-z0-9][^#\n]*)$")


def _target(lines: list[str]) -> int:
    """The first line after the file's opening that is `key: value` and is followed by a key beside it."""
    for i, line in enumerate(lines[4:-1], 4):
        found = KEY_LINE.match(line)
        nxt = re.match(r"^(\s*)[a-z_]+:", lines[i + 1])
        if found and nxt and not found["dash"] and found["indent"] == nxt[1]:
            return i
    raise AssertionError("no line to mutate")


def _check(root: Path, run) -> list[str]:
    result = run("--root", root, "check")
    assert result.code == 1
    assert "Traceback" not in result.err
    return result.problems


@pytest.mark.parametrize("path", CONTENT_FILES, ids=[p.relative_to(REPO / "content").as_posix() for p in CONTENT_FILES])
def test_mistakes_in_real_content_are_reported_at_their_line(path: Path, real_content: Path, run):
    relative = path.relative_to(REPO).as_posix()
    lines = path.read_text(encoding="utf-8").split("\n")
    i = _target(lines)
    found = KEY_LINE.match(lines[i])
    assert found
    key_column = len(found["indent"]) + 1
    value_column = found.start("value") + 1
    copy = real_content / relative

    def mutate(new_lines: list[str]) -> list[str]:
        copy.write_text("\n".join(new_lines), encoding="utf-8")
        return _check(real_content, run)

    duplicated = mutate(lines[: i + 1] + [lines[i]] + lines[i + 1 :])
    assert any(p.startswith(f"{relative}:{i + 2}:{key_column}:") and "appears twice" in p for p in duplicated), duplicated

    misspelt = lines[:i] + [lines[i].replace(f"{found['key']}:", f"{found['key']}x:", 1)] + lines[i + 1 :]
    assert any(p.startswith(f"{relative}:{i + 1}:{key_column}:") and "is not a field here" in p for p in mutate(misspelt))

    wrong_type = lines[:i] + [lines[i][: found.start("value")] + "[1, 2]"] + lines[i + 1 :]
    assert any(p.startswith(f"{relative}:{i + 1}:{value_column}:") for p in mutate(wrong_type))

    indented = lines[: i + 1] + [" " + lines[i + 1]] + lines[i + 2 :]
    assert any(p.startswith(f"{relative}:{i + 2}:") for p in mutate(indented))
