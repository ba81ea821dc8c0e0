"""Putting officers' text safely into generated Markdown, and linking pages to each other.

Plain-text fields (titles, names, actions) are escaped so that nothing in them
is read as Markdown or HTML: a title with an asterisk or a '<' shows as typed.
Prose fields are Markdown already, checked by the content model to hold no HTML.
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from typing import Any

import markdown
from markupsafe import Markup

from plugins.safety.sanitise import clean_html

# The characters Python-Markdown lets a backslash escape (with the tables extension's '|'); escaping any
# other character would show the backslash.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|-])")


def md(text: Any) -> str:
    """Plain text made safe for Markdown and the HTML around it: every character shows as typed."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    escaped = re.sub(r"^(\d+)\.", r"\1\\.", escaped)  # "3. Priority" must not start a numbered list
    return html.escape(escaped, quote=False)


class Acronyms:
    """The glossary's acronyms, each with what it stands for, and the pattern that finds them in text.

    A pattern with one choice per acronym tries each of them at every place in the text: with a glossary
    of thousands of terms, a long table takes hours. An acronym made only of word characters matches
    exactly where a whole word equals it, so a word is looked up once; only acronyms with other
    characters in them (A&E, St.) are left to the pattern, tried first, longest first. The pattern is
    made once per edition, since a page calls html_text once a table cell.
    """

    def __init__(self, meanings: dict[str, str]) -> None:
        self.meanings = meanings
        others = sorted((n for n in meanings if not re.fullmatch(r"\w+", n)), key=len, reverse=True)
        words = r"\w+"
        self.finder = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in others) + r")\b|" + words if others else words)

    def abbr(self, found: str) -> str:
        if found not in self.meanings:
            return found
        return f'<abbr title="{html.escape(self.meanings[found])}">{found}</abbr>'


def html_text(text: Any, acronyms: Acronyms) -> Markup:
    """Plain text for an HTML block, with each glossary acronym marked up so it gets its tooltip.

    Markdown's abbreviations do not reach inside raw HTML such as tables, so the same
    <abbr> elements are written here.
    """
    escaped = html.escape(str(text), quote=False)
    if acronyms.meanings:
        escaped = acronyms.finder.sub(lambda m: acronyms.abbr(m.group(0)), escaped)
    return Markup(escaped)


@lru_cache(maxsize=1)
def _prose_markdown() -> markdown.Markdown:
    # The extensions that shape prose as the pages do, without those that let text set attributes.
    return markdown.Markdown(extensions=["sane_lists", "tables", "def_list"])


def prose_html(text: Any) -> Markup:
    """The council's Markdown prose as HTML, for a raw HTML block (a table cell) where the page's own
    Markdown does not reach: its < and > escaped first, so that anything written as HTML shows as typed,
    then rendered for its paragraphs, lists, bold and links, then cleaned by the one sanitising path.
    An & is left as Markdown reads it, as the page's own Markdown does: a character reference in a link
    (&#106;avascript:) is then decoded where the sanitiser can see the address it spells, and refused."""
    return Markup(clean_html(_prose_markdown().reset().convert(str(text).replace("<", "&lt;").replace(">", "&gt;"))))


def attr(text: Any) -> Markup:
    """Text for an HTML attribute value."""
    return Markup(html.escape(str(text), quote=True))


def relative_link(from_uri: str, to_uri: str, anchor: str | None = None) -> str:
    """A link from one generated page's source file to another's, as MkDocs resolves it."""
    target = posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
    return f"{target}#{anchor}" if anchor else target


def site_address(site_url: str, path: str) -> str:
    """The absolute address of a published path (a page's folder, a/b/, or a file, a/updates.xml) under
    the site's address, which the content model allows to hold no query, fragment or user name."""
    return site_url.rstrip("/") + "/" + path


def page_url(uri: str) -> str:
    """A page's address under the site's root, as MkDocs writes it: a/b/index.md -> a/b/, a/b/c.md -> a/b/c/."""
    stem = uri.removesuffix(".md")
    # Only a file named index is its folder's page: attendance-index.md is a page of its own.
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def html_link(from_uri: str, to_path: str) -> str:
    """A link in a page's raw HTML, which MkDocs does not rewrite: relative to the page's address, not its source."""
    target = posixpath.relpath(to_path, page_url(from_uri).rstrip("/") or ".")
    return target + "/" if to_path.endswith("/") and not target.endswith("/") else target


def page_href(from_uri: str, to_uri: str, anchor: str | None = None) -> str:
    """A link in a page's raw HTML to another generated page, by its source (a/b/c.md): to the address
    MkDocs publishes it at, since MkDocs rewrites the links of Markdown but not those of raw HTML."""
    target = html_link(from_uri, page_url(to_uri))
    return f"{target}#{anchor}" if anchor else target


def indent(text: str, spaces: int = 4) -> str:
    """Indent every line after the first, so multi-paragraph Markdown stays inside a list item or note."""
    pad = " " * spaces
    return text.strip("\n").replace("\n", "\n" + pad)
