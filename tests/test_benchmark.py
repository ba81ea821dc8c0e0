"""A small run of the benchmark, so that it keeps working; the full run is benchmarks/bench.py."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO


@pytest.mark.benchmark
def test_the_benchmark_builds_a_library_both_ways_and_prints_its_figures(tmp_path: Path):
    out = tmp_path / "figures.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks/bench.py"), "--strategies", "1", "3", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert re.match(
        r"^\d+ pages \(1 strategies\): built in [\d.]+ s \([\d.]+ ms a page\), peak memory \d+ MB, "
        r"HTML [\d.]+ KB median and [\d.]+ KB largest, search index \d+ KB in pieces of at most \d+ KB \(stock: one file of \d+ KB\)$",
        lines[0],
    )
    stock = [line for line in lines if line.startswith("  stock mkdocs-material")]
    assert re.match(r"^  stock mkdocs-material, same pages: [\d.]+ s, .* this project is [\d.]+ times as fast$", stock[0])
    assert re.match(r"^[\d.]+ times the pages took [\d.]+ times the time \(stock: [\d.]+ times\)$", lines[-1])
    figures = json.loads(out.read_text())
    assert [f["strategies"] for f in figures] == [1, 3]
    assert figures[1]["pages"] == figures[1]["stock_pages"] > figures[0]["pages"]
    if figures[1]["first_view_kb"] is not None:  # measured in Chromium where it is installed, as in CI
        assert figures[1]["first_view_fetches_index"] is False
        assert figures[1]["stock_first_view_fetches_index"] is True
        assert re.search(r"first view of a priority page on a phone \(Chromium, 375px\): \d+ KB, search index not fetched", done.stdout)
