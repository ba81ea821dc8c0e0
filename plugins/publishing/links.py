"""Checking the web addresses in the content, only when asked: `site_build.py links`.

A normal build never goes online, so it gives the same result offline and on
any day. This check does go online, and reports each address that does not work
at the line of the YAML that gives it.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from plugins.content import Library
from plugins.content.problems import Problem, format_path
from plugins.content.yamlsource import Path_, YamlDocument

_URL = re.compile(r"https?://[^\s)<>\"'\]]+")


@dataclass(frozen=True)
class LinkUse:
    url: str
    file: str
    line: int
    column: int
    path: str


def _walk(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, path + (index,))
    elif isinstance(value, str):
        yield path, value


def _documents(library: Library) -> Iterator[YamlDocument]:
    seen: set[str] = set()
    for source in library.sources.values():
        for doc in [source.main, *source.parts.values()]:
            if doc.file not in seen:
                seen.add(doc.file)
                yield doc
    for report in library.reports:
        if report.source.main.file not in seen:
            seen.add(report.source.main.file)
            yield report.source.main


def external_links(library: Library) -> list[LinkUse]:
    """Every http(s) address in the content, where it is written."""
    uses = []
    for doc in _documents(library):
        for path, text in _walk(doc.data, ()):
            for match in _URL.finditer(text):
                pos = doc.position(path)
                uses.append(LinkUse(match.group(0).rstrip(".,;"), doc.file, pos.line, pos.column, format_path(path)))
    return uses


def _status(url: str, timeout: float) -> str | None:
    """None when the address works; otherwise what went wrong, in words."""
    headers = {"User-Agent": "council-strategy-site link check"}
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue  # some servers refuse HEAD but answer GET
            return f"the server answered {error.code} {error.reason}"
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return f"it could not be reached ({reason})"
    return None


def check_links(uses: list[LinkUse], *, timeout: float = 15.0, workers: int = 8) -> list[Problem]:
    urls = sorted({u.url for u in uses})
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(urls, pool.map(lambda url: _status(url, timeout), urls), strict=True))
    return sorted(
        Problem(u.file, u.line, u.column, u.path, f"the link to {u.url} does not work: {results[u.url]}.") for u in uses if results[u.url]
    )
