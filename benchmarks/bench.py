"""Benchmark: build a synthetic council library in the real content format, and the same pages with stock mkdocs-material.

    python benchmarks/bench.py --strategies 153        # about 2,000 pages
    python benchmarks/bench.py --strategies 38 153     # four times the pages, to see how time grows

For each size it generates N strategies (five priorities with three years of
actions, measures, governance, a timeline, a finance table and a glossary),
builds them with this project, then builds the very same pages, exported as
plain Markdown, with stock mkdocs-material and its full navigation on every
page. Both builds run in their own process, in the same run, so the ratio holds
on a noisy machine. It prints pages, seconds, seconds per page, peak memory,
HTML bytes per page (median and largest) and the search index's size.
"""

from __future__ import annotations

import argparse
import json
import os
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
WORDS = (
    "We will work with schools, families and health partners to improve support for children and young people "
    "with special educational needs, so that more of them learn close to home and feel they belong"
).split()


def _sentence(seed: int, length: int = 18) -> str:
    return " ".join(WORDS[(seed * 7 + i) % len(WORDS)] for i in range(length)).capitalize()


def strategy(n: int) -> dict:
    years = [
        {"id": f"year_{w}", "name": f"Year {w} ({2024 + i}-{2025 + i})", "start": f"{2024 + i}-04-01", "end": f"{2025 + i}-03-31"}
        for i, w in enumerate(("one", "two", "three"))
    ]
    priorities = []
    for p in range(1, 6):
        themes = [{"id": f"theme-{t}", "name": f"Theme {t}"} for t in range(1, 3)]
        actions = {
            y["id"]: [{"text": f"We will {_sentence(n * 100 + p * 10 + i, 14).lower()}", "theme": f"theme-{1 + i % 2}"} for i in range(4)]
            for y in years
        }
        priorities.append(
            {
                "number": p,
                "id": f"priority-{p}",
                "title": f"Priority title {p} {_sentence(p, 6)}",
                "ambition": _sentence(n + p),
                "commitment": _sentence(n + p + 1),
                "themes": themes,
                "actions": actions,
            }
        )
    return {
        "title": f"Strategy {n} for children and young people 2024-2027",
        "short_title": f"Strategy {n} 2024-27",
        "summary": _sentence(n, 12) + ".",
        "period": {"start_year": 2024, "end_year": 2027, "start": "2024-04-01", "end": "2027-03-31", "years": years},
        "status": "approved",
        "stages": [{"stage": "draft", "date": "2024-01-10"}, {"stage": "approved", "date": "2024-03-20"}],
        "purpose": _sentence(n + 3, 40),
        "vision": _sentence(n + 4, 30),
        "priorities": priorities,
        "measures": {"summary": _sentence(n + 5, 30), "outcomes": ["I feel safe", "I am able to learn"]},
        "governance": {"boards": [{"id": "board", "name": "Partnership Board", "role": _sentence(n + 6)}]},
        "timeline": [{"date": "2024-03-20", "kind": "cabinet", "body": "Cabinet", "what": _sentence(n + 7), "status": "held"}],
        "tables": [
            {
                "id": "forecast",
                "caption": "Forecast",
                "columns": [{"heading": "2024/25", "unit": "£,000"}],
                "rows": [{"heading": "Funding gap", "cells": [1000 + n]}],
            }
        ],
        "glossary": ["SEND", "EHCP"],
        # An Easy Read edition, as each real strategy has: a section for each priority, with pictures.
        "easy_read": {
            "title": f"Our plan number {n}",
            "date": "2024-03",
            "sections": [
                {"part": "about", "heading": "About this booklet", "points": [_point("This booklet tells you about our plan.")]},
                *(
                    {
                        "part": "priority",
                        "priority": f"priority-{p}",
                        "heading": f"Aim {p}",
                        "points": [_point("We will help children learn."), _point("We will listen to families.")],
                    }
                    for p in range(1, 6)
                ),
            ],
        },
    }


def _point(text: str) -> dict:
    return {"text": text, "picture": "school", "alt": "A school."}


def generate(folder: Path, strategies: int) -> None:
    content = folder / "content"
    folder.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "templates", "pictures"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, folder / name)
    content.mkdir()
    site = yaml.safe_load((ROOT / "content/site.yml").read_text(encoding="utf-8"))
    (content / "site.yml").write_text(yaml.safe_dump({**site, "owner": "council-1"}), encoding="utf-8")
    councils = max(1, strategies // 40)
    orgs = [{"id": f"council-{c}", "name": f"Council {c}"} for c in range(1, councils + 1)]
    (content / "organisations.yml").write_text(yaml.safe_dump({"organisations": orgs}), encoding="utf-8")
    shutil.copy2(ROOT / "content/glossary.yml", content / "glossary.yml")
    for n in range(strategies):
        target = content / f"council-{1 + n % councils}" / f"strategy-{n}"
        target.mkdir(parents=True)
        (target / "strategy.yml").write_text(yaml.safe_dump(strategy(n), sort_keys=False), encoding="utf-8")


# Runs one command and reports the peak memory of that command alone: RUSAGE_CHILDREN of a fresh
# process whose only child is the command.
_MEASURE = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(done.returncode)"
)


def _timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Seconds and peak memory (bytes) of a command run in its own process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "STRATEGY_SITE_AS_OF": AS_OF}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], cwd=cwd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    return took, peak_kb * 1024


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


def measure(strategies: int, work: Path) -> dict:
    project = work / f"library-{strategies}"
    generate(project, strategies)
    ours, ours_memory = _timed(
        [
            sys.executable,
            str(ROOT / "site_build.py"),
            "--root",
            str(project),
            "build",
            "--site-dir",
            str(project / "site"),
            "--as-of",
            AS_OF,
            # The pages only: stock MkDocs, built beside it, prints no booklets.
            "--no-pdf",
        ],
        project,
    )
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
    stock, stock_memory = _timed(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(stock_config), "-d", str(project / "stock-site")], project
    )
    pages, median, largest, index, piece = _sizes(project / "site")
    s_pages, s_median, s_largest, s_index, _ = _sizes(project / "stock-site")
    priority = "council-1/strategy-0/priorities/priority-3/"
    first_view, index_fetched = _first_view(project / "site", priority)
    s_first_view, s_index_fetched = _first_view(project / "stock-site", priority)
    return {
        "first_view_kb": first_view / 1024 if first_view is not None else None,
        "first_view_fetches_index": index_fetched,
        "stock_first_view_kb": s_first_view / 1024 if s_first_view is not None else None,
        "stock_first_view_fetches_index": s_index_fetched,
        "strategies": strategies,
        "pages": pages,
        "seconds": ours,
        "per_page_ms": 1000 * ours / pages,
        "peak_mb": ours_memory / 2**20,
        "html_median_kb": median / 1024,
        "html_largest_kb": largest / 1024,
        "search_index_kb": index / 1024,
        "search_index_largest_piece_kb": piece / 1024,
        "stock_search_index_kb": s_index / 1024,
        "stock_pages": s_pages,
        "stock_seconds": stock,
        "stock_peak_mb": stock_memory / 2**20,
        "stock_html_median_kb": s_median / 1024,
        "stock_html_largest_kb": s_largest / 1024,
        "ratio": stock / ours,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strategies", type=int, nargs="+", default=[153], help="library sizes to build (about 15 pages each)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="strategy-bench-") as tmp:
        for n in args.strategies:
            r = measure(n, Path(tmp))
            results.append(r)
            print(
                f"{r['pages']} pages ({n} strategies): built in {r['seconds']:.1f} s ({r['per_page_ms']:.1f} ms a page), "
                f"peak memory {r['peak_mb']:.0f} MB, HTML {r['html_median_kb']:.1f} KB median and {r['html_largest_kb']:.1f} KB largest, "
                f"search index {r['search_index_kb']:.0f} KB in pieces of at most {r['search_index_largest_piece_kb']:.0f} KB "
                f"(stock: one file of {r['stock_search_index_kb']:.0f} KB)"
            )
            if r["first_view_kb"] is not None:
                print(
                    f"  first view of a priority page on a phone (Chromium, 375px): {r['first_view_kb']:.0f} KB, search index "
                    f"{'fetched' if r['first_view_fetches_index'] else 'not fetched'}; stock: {r['stock_first_view_kb']:.0f} KB, "
                    f"search index {'fetched' if r['stock_first_view_fetches_index'] else 'not fetched'}"
                )
            print(
                f"  stock mkdocs-material, same pages: {r['stock_seconds']:.1f} s, peak memory {r['stock_peak_mb']:.0f} MB, "
                f"HTML {r['stock_html_median_kb']:.1f} KB median and {r['stock_html_largest_kb']:.1f} KB largest; "
                f"this project is {r['ratio']:.1f} times as fast"
            )
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(
            f"{b['pages'] / a['pages']:.1f} times the pages took {b['seconds'] / a['seconds']:.1f} times the time "
            f"(stock: {b['stock_seconds'] / a['stock_seconds']:.1f} times)"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
