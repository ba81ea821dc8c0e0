"""Benchmark: build copies of the real content as a council would, and the same pages with stock mkdocs-material.

    python benchmarks/bench.py --copies 16       # about 1,250 pages and 144 booklets
    python benchmarks/bench.py --copies 4 16     # and a quarter of that, to see how time grows

For each size it copies the real content N times (each council under an id of
its own), and measures three builds of it with this project: the whole build,
booklets included, from an empty booklet cache (what a council's first run, or a
change to the booklets' look, costs); the pages alone (`build --no-pdf`); and
the whole build again after rewording one action (what a pull request costs).
It then builds the very same pages, exported as plain Markdown, with stock
mkdocs-material and its full navigation on every page. Every build runs in its
own process, in the same run, so the ratios hold on a noisy machine. It prints
each time also as a share of stock's, peak memory, HTML bytes per page (median
and largest), the search index's size, and what a phone fetches for the first
view of a page.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-22"
# The action a council rewords between the whole build and the rebuild, in the first copy.
REWORDED = (
    "leicester/send-2021-24/priorities.yml",
    "We will develop and implement mechanisms",
    "We will develop and put in place mechanisms",
)


def generate(folder: Path, copies: int) -> None:
    """A library of copies of the real content, as a council with many strategies has: each strategy and
    progress report again under a name of its own in the same council (send-2021-24-2, ...), with every
    reference between them pointing into its own copy. As heavy as the real strategies are, with their
    Easy Read editions, pictures, tables and glossaries."""
    folder.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "templates", "pictures"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, folder / name)
    content = folder / "content"
    for name in ("site.yml", "glossary.yml", "organisations.yml"):
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "content" / name, content / name)
    strategies = sorted(p.parent.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").glob("*/*/strategy.yml"))
    # Longest first, so that no strategy's id is read as the start of a longer one.
    reference = re.compile(rf"\b({'|'.join(map(re.escape, sorted(strategies, key=len, reverse=True)))})\b(?![\w-])")
    for n in range(1, copies + 1):
        suffix = "" if n == 1 else f"-{n}"
        for source in sorted((ROOT / "content").glob("*/**/*.yml")):
            where = source.relative_to(ROOT / "content")
            if where.parts[1:2] == ("progress",):  # a progress report: the same folder, a name of its own
                target = content / where.parent / f"{where.stem}{suffix}.yml"
            else:  # a strategy's file: a folder of its own
                target = content / where.parts[0] / f"{where.parts[1]}{suffix}" / Path(*where.parts[2:])
            target.parent.mkdir(parents=True, exist_ok=True)
            text = source.read_text(encoding="utf-8")
            target.write_text(reference.sub(rf"\1{suffix}", text), encoding="utf-8")


def reword(project: Path) -> None:
    """Reword one action, as a council's pull request might."""
    where, old, new = REWORDED
    path = project / "content" / where
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{where} no longer holds the action the benchmark rewords"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Runs one command and reports the peak memory of that command alone: RUSAGE_CHILDREN of a fresh
# process whose only child is the command.
_MEASURE = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(done.returncode)"
)


def _timed(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """Seconds, peak memory (bytes) and what it printed, of a command run in its own process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "STRATEGY_SITE_AS_OF": AS_OF}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], cwd=cwd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    return took, peak_kb * 1024, done.stdout


def _sizes(site: Path) -> tuple[int, int, int, int, int]:
    """Pages, median and largest HTML, the search index in all, and the largest piece a search fetches."""
    # Every page a reader can land on, the page-not-found page too; not the search page, which stock lacks.
    html = [*site.rglob("index.html"), site / "404.html"]
    pages = [p.stat().st_size for p in html if p.is_file() and p.parent != site / "search"]
    single = site / "search" / "search_index.json"
    if single.exists():  # stock: one file, fetched whole
        index = largest_piece = single.stat().st_size
    else:  # this project: Pagefind's index and page fragments, fetched a piece at a time
        pieces = [p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file() and p.parent.name in ("index", "fragment")]
        index, largest_piece = sum(pieces), max(pieces, default=0)
    return len(pages), int(statistics.median(pages)), max(pages), index, largest_piece


def _first_view(site: Path, uri: str) -> tuple[int | None, bool]:
    """Bytes a phone fetches to show one page (HTML, CSS, JavaScript, fonts, pictures), in Chromium at
    375px, and whether that included the search index. (None, False) where Chromium is not installed."""
    import functools
    import http.server
    import threading

    chromium = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None, False
    if not chromium.exists():
        return None, False

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetched: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            )
            page = browser.new_page(viewport={"width": 375, "height": 812}, is_mobile=True)

            def record(response: object) -> None:
                try:
                    fetched[response.url] = len(response.body())  # type: ignore[attr-defined]
                except Exception:
                    fetched[response.url] = 0  # type: ignore[attr-defined]

            page.on("response", record)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{uri}", wait_until="networkidle")
            page.wait_for_timeout(500)
            browser.close()
    finally:
        server.shutdown()
    return sum(fetched.values()), any("search_index" in url or "/pagefind/" in url for url in fetched)


def _build(project: Path, site: Path, *options: str) -> tuple[float, int, str]:
    return _timed(
        [sys.executable, str(ROOT / "site_build.py"), "--root", str(project), "build", "--site-dir", str(site), "--as-of", AS_OF, *options],
        project,
    )


def _floor(project: Path) -> dict[str, float]:
    """What every build of these pages spends before and after MkDocs' own work, each in a process of its
    own: starting Python with MkDocs, the theme and the plugin; checking the content (site_build.py check,
    which starts Python too); and Pagefind indexing the built pages, on a copy of them."""
    started, _, _ = _timed(
        [sys.executable, "-c", "import mkdocs.commands.build, material, plugins.adapter.plugin, plugins.publishing.publish"], ROOT
    )
    checked, _, _ = _timed([sys.executable, str(ROOT / "site_build.py"), "--root", str(project), "check", "--as-of", AS_OF], project)
    pages = project / "floor-site"
    shutil.rmtree(pages, ignore_errors=True)
    shutil.copytree(project / "pages-site", pages, ignore=shutil.ignore_patterns("pagefind"))
    indexed, _, _ = _timed([sys.executable, "-m", "pagefind", "--site", str(pages), "--output-subdir", "pagefind", "--silent"], project)
    shutil.rmtree(pages)
    return {"start_seconds": started, "check_seconds": checked, "pagefind_seconds": indexed}


def _tally(printed: str) -> str:
    """The build's own words on its booklets: "Printed 1 booklet and reused 8 unchanged from .cache/booklets/"."""
    found = re.search(r"Printed .*?(?=\.?$)", printed, re.M)
    return found[0] if found else "no booklets"


def _stock(project: Path) -> tuple[float, int]:
    """The same pages, exported as plain Markdown, built by stock mkdocs-material with its own search."""
    subprocess.run(
        [sys.executable, str(ROOT / "site_build.py"), "--root", str(project), "export", "--out", str(project / "stock"), "--as-of", AS_OF],
        check=True,
        capture_output=True,
    )
    stock_config = project / "stock" / "mkdocs.yml"
    config = yaml.safe_load(stock_config.read_text(encoding="utf-8"))
    config["theme"].pop("custom_dir", None)  # stock: no overrides, and the stock language
    # Without the overrides there are no Easy Read and search page templates: stock lays those pages out as any other.
    for page in (project / "stock" / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        for template in ("easy-read.html", "search.html"):
            if f'template: "{template}"' in text:
                text = text.replace(f'template: "{template}"\n', "")
                page.write_text(text, encoding="utf-8")
    config["theme"]["language"] = "en"
    config.pop("extra_javascript", None)
    # Stock: the theme's own search, with its index of every page in one file.
    config["plugins"] = ["search"]
    config["theme"]["features"] = [*config["theme"].get("features", []), "search.highlight"]
    stock_config.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    seconds, memory, _ = _timed(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(stock_config), "-d", str(project / "stock-site")], project
    )
    return seconds, memory


def measure(copies: int, work: Path) -> dict:
    project = work / f"library-{copies}"
    generate(project, copies)
    # The pages alone, as stock builds them: stock MkDocs prints no booklets.
    pages_alone, pages_memory, _ = _build(project, project / "pages-site", "--no-pdf")
    floor = _floor(project)
    # What a council runs: the whole build, booklets included, with nothing in the booklet cache yet, nor
    # the charts the pages-alone build drew (the cache is the benchmark's own project's) ...
    shutil.rmtree(project / ".cache", ignore_errors=True)
    whole, whole_memory, whole_said = _build(project, project / "site")
    # ... and again after a pull request rewords one action.
    reword(project)
    rebuild, rebuild_memory, rebuild_said = _build(project, project / "site")
    stock, stock_memory = _stock(project)
    pages, median, largest, index, piece = _sizes(project / "site")
    s_pages, s_median, s_largest, s_index, _ = _sizes(project / "stock-site")
    priority = "leicestershire/send-and-inclusion-2024-27/priorities/understanding-needs/"
    if not (project / "site" / priority).is_dir():
        raise SystemExit(f"{priority} is no longer a page of the content: choose another priority page to measure")
    first_view, index_fetched = _first_view(project / "site", priority)
    s_first_view, s_index_fetched = _first_view(project / "stock-site", priority)
    return {
        "copies": copies,
        "pages": pages,
        "booklets": len(list((project / "site").rglob("*.pdf"))),
        "whole_seconds": whole,
        "whole_peak_mb": whole_memory / 2**20,
        "whole_booklets": _tally(whole_said),
        "seconds": pages_alone,
        "per_page_ms": 1000 * pages_alone / pages,
        "peak_mb": pages_memory / 2**20,
        "rebuild_seconds": rebuild,
        "rebuild_peak_mb": rebuild_memory / 2**20,
        "rebuild_booklets": _tally(rebuild_said),
        "html_median_kb": median / 1024,
        "html_largest_kb": largest / 1024,
        "search_index_kb": index / 1024,
        "search_index_largest_piece_kb": piece / 1024,
        "first_view_kb": first_view / 1024 if first_view is not None else None,
        "first_view_fetches_index": index_fetched,
        "stock_first_view_kb": s_first_view / 1024 if s_first_view is not None else None,
        "stock_first_view_fetches_index": s_index_fetched,
        "stock_pages": s_pages,
        "stock_seconds": stock,
        "stock_peak_mb": stock_memory / 2**20,
        "stock_html_median_kb": s_median / 1024,
        "stock_html_largest_kb": s_largest / 1024,
        "stock_search_index_kb": s_index / 1024,
        **floor,
    }


def report(r: dict) -> str:
    """A size's figures, as the README quotes them: each time also as a share of stock's for the same pages."""

    def share(seconds: float) -> str:
        return f"{seconds:.1f} s ({seconds / r['stock_seconds']:.2f} of stock's time)"

    lines = [
        f"{r['pages']:,} pages and {r['booklets']} booklets "
        f"({r['copies']} {'copy' if r['copies'] == 1 else 'copies'} of the real content); "
        f"stock mkdocs-material builds the same pages in {r['stock_seconds']:.1f} s, peak memory {r['stock_peak_mb']:.0f} MB",
        f"  the whole build, booklets included, from an empty cache: {share(r['whole_seconds'])}, "
        f"peak memory {r['whole_peak_mb']:.0f} MB; {r['whole_booklets']}",
        f"  the pages alone (build --no-pdf): {share(r['seconds'])}, {r['per_page_ms']:.1f} ms a page, peak memory {r['peak_mb']:.0f} MB",
        f"  the whole build again after rewording one action: {share(r['rebuild_seconds'])}, "
        f"peak memory {r['rebuild_peak_mb']:.0f} MB; {r['rebuild_booklets']}",
        f"  what every build of these pages spends around MkDocs: starting Python with MkDocs and the theme "
        f"{r['start_seconds']:.1f} s, checking the content {r['check_seconds']:.1f} s (starting Python again), Pagefind "
        f"{r['pagefind_seconds']:.1f} s; together {share(r['start_seconds'] + r['check_seconds'] + r['pagefind_seconds'])}",
        f"  HTML {r['html_median_kb']:.1f} KB median and {r['html_largest_kb']:.1f} KB largest "
        f"(stock: {r['stock_html_median_kb']:.1f} and {r['stock_html_largest_kb']:.1f}); search index {r['search_index_kb']:.0f} KB "
        f"in pieces of at most {r['search_index_largest_piece_kb']:.0f} KB (stock: one file of {r['stock_search_index_kb']:.0f} KB)",
    ]
    if r["first_view_kb"] is not None:
        lines.append(
            f"  first view of a priority page on a phone (Chromium, 375px): {r['first_view_kb']:.0f} KB, search index "
            f"{'fetched' if r['first_view_fetches_index'] else 'not fetched'} (stock: {r['stock_first_view_kb']:.0f} KB, search index "
            f"{'fetched' if r['stock_first_view_fetches_index'] else 'not fetched'})"
        )
    return "\n".join(lines)


def growth(a: dict, b: dict) -> str:
    """How time grew from the smallest size to the largest, beside how the pages grew."""
    return (
        f"{b['pages'] / a['pages']:.1f} times the pages took {b['seconds'] / a['seconds']:.1f} times the time for the pages alone "
        f"(stock: {b['stock_seconds'] / a['stock_seconds']:.1f} times), "
        f"{b['whole_seconds'] / a['whole_seconds']:.1f} times for the whole build"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[16], help="library sizes to build, in copies of the real content")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="strategy-bench-") as tmp:
        for n in args.copies:
            results.append(measure(n, Path(tmp)))
            print(report(results[-1]), flush=True)
    if len(results) > 1:
        print(growth(results[0], results[-1]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
