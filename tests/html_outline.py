"""Reading built pages the way a reader meets them: headings, list items and table rows, in order."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("¶", "")).strip()


@dataclass
class Outline(HTMLParser):
    """Headings, list items and table rows of a page's article, each with the headings above it."""

    headings: dict[int, str] = field(default_factory=dict)
    items: list[tuple[dict[int, str], str]] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    heading_list: list[tuple[int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._in_article = False
        self._capture: list[list[str]] = []
        self._kinds: list[str] = []
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._in_article = True
        if not self._in_article:
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th"):
            self._capture.append([])
            self._kinds.append(tag)
        if tag == "tr":
            self._row = []
        if tag == "br" and self._capture:
            self._capture[-1].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article = False
        if self._kinds and self._kinds[-1] == tag:
            self._kinds.pop()
            text = squash("".join(self._capture.pop()))
            if self._capture:
                self._capture[-1].append(f" {text} ")
            if tag.startswith("h") and tag[1:].isdigit():
                level = int(tag[1])
                self.headings = {k: v for k, v in self.headings.items() if k < level}
                self.headings[level] = text
                self.heading_list.append((level, text))
            elif tag == "li":
                self.items.append((dict(self.headings), text))
            elif self._row is not None:
                self._row.append(text)
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._capture[-1].append(data)


def outline(path: Path) -> Outline:
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def article_text(path: Path) -> str:
    """The words of a page's article as a reader sees them, with the heading link marks left out."""
    page = path.read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    inline = re.sub(r"</?(?:a|abbr|strong|em|span|code|b|i)\b[^>]*>", "", article)
    return squash(html.unescape(re.sub(r"<[^>]+>", " ", inline)))


def search_fragments(site: Path) -> list[dict]:
    """What the search shows for each page: Pagefind's fragment files, gzipped JSON after a short header."""
    import gzip
    import json

    header = b"pagefind_dcd"
    fragments = []
    for path in sorted((site / "pagefind" / "fragment").glob("*")):
        data = gzip.decompress(path.read_bytes())
        fragments.append(json.loads(data[len(header) :] if data.startswith(header) else data))
    return fragments
