"""A small run of the benchmark, so that it keeps working; the full run is benchmarks/bench.py."""

from __future__ import annotations

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
        [sys.executable, str(REPO / "benchmarks/bench.py"), "--copies", "1", "2", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    figures = json.loads(out.read_text())
    assert [f["copies"] for f in figures] == [1, 2]
    one, two = figures
    # The real content, copied: every page and booklet of the default site, twice over in the second.
    assert two["pages"] == two["stock_pages"] > one["pages"]
    assert (one["booklets"], two["booklets"]) == (9, 18)
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
    assert two["rebuild_booklets"] == "Printed 1 booklet and reused 17 unchanged from .cache/booklets/"
    # What no build of these pages avoids, measured apart: the floor under the pages-alone time.
    assert re.match(
        r"^  what every build of these pages spends around MkDocs: starting Python with MkDocs and the theme [\d.]+ s, "
        rf"checking the content [\d.]+ s \(starting Python again\), Pagefind [\d.]+ s; together {TIME}$",
        lines[4],
    )
    assert 0 < one["start_seconds"] + one["check_seconds"] + one["pagefind_seconds"] < one["seconds"]
    assert re.match(r"^  HTML [\d.]+ KB median and [\d.]+ KB largest \(stock: [\d.]+ and [\d.]+\); search index \d+ KB", lines[5])
    growth = r"^[\d.]+ times the pages took [\d.]+ times the time for the pages alone \(stock: [\d.]+ times\), [\d.]+ times for the whole"
    assert re.match(growth, lines[-1])
    if two["first_view_kb"] is not None:  # measured in Chromium where it is installed, as in CI
        assert two["first_view_fetches_index"] is False
        assert two["stock_first_view_fetches_index"] is True
        assert re.search(r"first view of a priority page on a phone \(Chromium, 375px\): \d+ KB, search index not fetched", done.stdout)
