"""A small run of the benchmark (one copy of the real content), so that it keeps working; the full run,
at two sizes and the figures quoted, is benchmarks/bench.py on a quiet machine."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

TIME = r"[\d.]+ s \([\d.]+ of stock's time\)"


@pytest.mark.benchmark
def test_the_benchmark_builds_copies_of_the_real_content_three_ways_and_beside_stock(tmp_path: Path):
    out = tmp_path / "figures.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks/bench.py"), "--copies", "1", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    figures = json.loads(out.read_text())
    [one] = figures
    # The real content: every page and booklet of the default site, and stock built the same pages.
    assert one["pages"] == one["stock_pages"] > 80
    assert one["booklets"] == 9
    assert re.match(
        rf"^{one['pages']:,} pages and 9 booklets \(1 copy of the real content\); "
        r"stock mkdocs-material builds the same pages in [\d.]+ s, peak memory \d+ MB$",
        lines[0],
    )
    assert re.match(
        rf"^  the whole build, booklets included, from an empty cache: {TIME}, peak memory \d+ MB; Printed 9 booklets$",
        lines[1],
    )
    assert re.match(rf"^  the pages alone \(build --no-pdf\): {TIME}, [\d.]+ ms a page, peak memory \d+ MB$", lines[2])
    # The rebuild after rewording one action reprints the one booklet that holds it, and reuses the rest.
    assert re.match(
        rf"^  the whole build again after rewording one action: {TIME}, peak memory \d+ MB; "
        r"Printed 1 booklet and reused 8 unchanged from \.cache/booklets/$",
        lines[3],
    )
    # What no build of these pages avoids, measured apart: the floor under the pages-alone time.
    assert re.match(
        r"^  what every build of these pages spends around MkDocs: starting Python with MkDocs and the theme [\d.]+ s, "
        rf"checking the content [\d.]+ s \(starting Python again\), Pagefind [\d.]+ s; together {TIME}$",
        lines[4],
    )
    assert 0 < one["start_seconds"] + one["check_seconds"] + one["pagefind_seconds"] < one["seconds"]
    assert re.match(r"^  HTML [\d.]+ KB median and [\d.]+ KB largest \(stock: [\d.]+ and [\d.]+\); search index \d+ KB", lines[5])
    assert len(lines) == (7 if one["first_view_kb"] is not None else 6)  # one size: no line on growth
    if one["first_view_kb"] is not None:  # measured in Chromium where it is installed, as in CI
        assert one["first_view_fetches_index"] is False
        assert one["stock_first_view_fetches_index"] is True
        assert re.search(r"first view of a priority page on a phone \(Chromium, 375px\): \d+ KB, search index not fetched", done.stdout)


def test_the_benchmark_says_how_time_grew_between_its_smallest_and_largest_size():
    spec = importlib.util.spec_from_file_location("bench", REPO / "benchmarks/bench.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    small = {"pages": 100, "seconds": 6.0, "stock_seconds": 20.0, "whole_seconds": 15.0}
    large = {"pages": 400, "seconds": 25.5, "stock_seconds": 84.0, "whole_seconds": 45.0}
    assert bench.growth(small, large) == (
        "4.0 times the pages took 4.2 times the time for the pages alone (stock: 4.2 times), 3.0 times for the whole build"
    )
