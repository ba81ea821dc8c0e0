"""Every link of the built site goes somewhere: no page links to a Markdown source (a `.md` address, which
MkDocs rewrites in a page's Markdown but not in its raw HTML, so a reader would follow it to nothing), and
every link or picture within the site names a file the site holds.

The project's own site is read back as a browser gets it, every HTML file of it.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .conftest import page


class _Addresses(HTMLParser):
    """Every href and src of a page, as written."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value for name, value in attrs if name in ("href", "src") and value is not None]


def addresses(path: Path) -> list[str]:
    parser = _Addresses()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.found


def target(site: Path, path: Path, address: str) -> Path | None:
    """The file of the site a relative address leads to from the page at path, as a browser follows it;
    None for an address outside the site (another site, mail, a telephone) or within the page itself."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    where = unquote(parts.path)
    folder = path.parent.relative_to(site).as_posix()
    resolved = site / (where.lstrip("/") if where.startswith("/") else posixpath.normpath(posixpath.join(folder, where)))
    return resolved / "index.html" if where.endswith("/") or resolved.is_dir() else resolved


def broken_links(site: Path) -> list[tuple[str, str]]:
    """Each page's links that name a Markdown source or a file the site does not hold."""
    broken = []
    for path in sorted(site.rglob("*.html")):
        for address in addresses(path):
            followed = target(site, path, address)
            if urlsplit(address).path.endswith(".md") or (followed is not None and not followed.is_file()):
                broken.append((path.relative_to(site).as_posix(), address))
    return broken


def test_no_link_in_the_built_site_names_a_markdown_source_or_a_missing_file(site: Path):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 90
    assert broken_links(site) == []


def test_how_it_is_going_links_each_priority_s_counts_to_its_page(site: Path):
    path = page(site, "leicester/send-2021-24/progress")
    html = path.read_text(encoding="utf-8")
    linked = re.findall(r'<p class="rollup-words"><strong><a href="([^"]*)">', html)
    assert linked == ["../priorities/responsive/", "../priorities/effective/", "../priorities/inclusive/", "../priorities/efficient/"]
    assert all((site / "leicester/send-2021-24/priorities" / a.split("/")[2] / "index.html").is_file() for a in linked)


def test_the_checker_finds_a_markdown_address_and_a_missing_page(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b/index.html").write_text("<p>b</p>", encoding="utf-8")
    (tmp_path / "a/index.html").write_text(
        '<a href="../b/">fine</a><a href="../b/index.md">source</a><a href="../c/">missing</a>'
        '<a href="https://example.org/x.html">elsewhere</a><a href="#top">here</a><img src="../b/pic.svg" alt="">',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == [("a/index.html", "../b/index.md"), ("a/index.html", "../c/"), ("a/index.html", "../b/pic.svg")]
