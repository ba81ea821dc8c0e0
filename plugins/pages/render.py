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
        names = sorted(acronyms, key=len, reverse=True)
        pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")
        escaped = pattern.sub(lambda m: f'<abbr title="{html.escape(acronyms[m.group(1)])}">{m.group(1)}</abbr>', escaped)
    return Markup(escaped)


def attr(text: Any) -> Markup:
    """Text for an HTML attribute value."""
    return Markup(html.escape(str(text), quote=True))


def tel(phone: Any) -> str:
    """A phone number as a link's address: its digits, and a leading + for an international number."""
    text = str(phone).strip()
    return "tel:" + ("+" if text.startswith("+") else "") + re.sub(r"[^0-9]", "", text)


def relative_link(from_uri: str, to_uri: str, anchor: str | None = None) -> str:
    """A link from one generated page's source file to another's, as MkDocs resolves it."""
    target = posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
    return f"{target}#{anchor}" if anchor else target


def page_url(uri: str) -> str:
    """A page's address under the site's root, as MkDocs writes it: a/b/index.md -> a/b/, a/b/c.md -> a/b/c/."""
    stem = uri.removesuffix(".md")
    return stem.removesuffix("index") if stem.endswith("index") else stem + "/"


def html_link(from_uri: str, to_path: str) -> str:
    """A link in a page's raw HTML, which MkDocs does not rewrite: relative to the page's address, not its source."""
    target = posixpath.relpath(to_path, page_url(from_uri).rstrip("/") or ".")
    return target + "/" if to_path.endswith("/") and not target.endswith("/") else target


def indent(text: str, spaces: int = 4) -> str:
    """Indent every line after the first, so multi-paragraph Markdown stays inside a list item or note."""
    pad = " " * spaces
    return text.strip("\n").replace("\n", "\n" + pad)
