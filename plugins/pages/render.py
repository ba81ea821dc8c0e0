"""Putting officers' text safely into generated Markdown, and linking pages to each other.

Plain-text fields (titles, names, actions) are escaped so that nothing in them
is read as Markdown or HTML: a title with an asterisk or a '<' shows as typed.
Prose fields are Markdown already, checked by the content model to hold no HTML.
"""

from __future__ import annotations

import html
import posixpath
import re
from typing import Any

from markupsafe import Markup

# The characters Python-Markdown lets a backslash escape (with the tables extension's '|'); escaping any
# other character would show the backslash.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|-])")


def md(text: Any) -> str:
    """Plain text made safe for Markdown and the HTML around it: every character shows as typed."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    escaped = re.sub(r"^(\d+)\.", r"\1\\.", escaped)  # "3. Priority" must not start a numbered list
    return html.escape(escaped, quote=False)


def html_text(text: Any, acronyms: dict[str, str]) -> Markup:
    """Plain text for an HTML block, with each glossary acronym marked up so it gets its tooltip.

    Markdown's abbreviations do not reach inside raw HTML such as tables, so the same
    <abbr> elements are written here.
    """
    escaped = html.escape(str(text), quote=False)
    if acronyms:
        escaped = _acronym_finder(acronyms).sub(lambda m: _abbr(m.group(0), acronyms), escaped)
    return Markup(escaped)


def _abbr(found: str, acronyms: dict[str, str]) -> str:
    if found not in acronyms:
        return found
    return f'<abbr title="{html.escape(acronyms[found])}">{found}</abbr>'


# The finder for the last glossary asked about: a page calls html_text once a table cell, all with one glossary.
_last_finder: tuple[dict[str, str], re.Pattern[str]] | None = None


def _acronym_finder(acronyms: dict[str, str]) -> re.Pattern[str]:
    """Every whole word, to look up among the acronyms, and the acronyms that are not one word.

    A pattern with one choice per acronym tries each of them at every place in the text: with a glossary
    of thousands of terms, a long table takes hours. An acronym made only of word characters matches
    exactly where a whole word equals it, so a word is looked up once; only acronyms with other
    characters in them (A&E, St.) are left to the pattern, tried first as before, longest first.
    """
    global _last_finder
    if _last_finder is None or _last_finder[0] is not acronyms:
        others = sorted((n for n in acronyms if not re.fullmatch(r"\w+", n)), key=len, reverse=True)
        words = r"\w+"
        pattern = r"\b(?:" + "|".join(re.escape(n) for n in others) + r")\b|" + words if others else words
        _last_finder = (acronyms, re.compile(pattern))
    return _last_finder[1]


def attr(text: Any) -> Markup:
    """Text for an HTML attribute value."""
    return Markup(html.escape(str(text), quote=True))


def relative_link(from_uri: str, to_uri: str, anchor: str | None = None) -> str:
    """A link from one generated page's source file to another's, as MkDocs resolves it."""
    target = posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
    return f"{target}#{anchor}" if anchor else target


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


def indent(text: str, spaces: int = 4) -> str:
    """Indent every line after the first, so multi-paragraph Markdown stays inside a list item or note."""
    pad = " " * spaces
    return text.strip("\n").replace("\n", "\n" + pad)
