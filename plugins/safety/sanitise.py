"""The one path by which anything written in content/ or a council's page templates reaches a reader.

Every page's body is rendered from Markdown, then cleaned here with an allowlist (Ammonia, through
nh3), as GitHub does with its own Markdown: the renderer's escaping is never trusted alone. The
allowlist is what the content model and the page templates promise: text, headings, lists, links,
abbreviations, tables, the Easy Read rows and their pictures. Anything else an officer's text could
make Markdown produce (an attribute list's `onerror`, an unusual tag name, a `javascript:` address,
a remote picture, `rel="attachment"`, a style that fetches a URL) is removed before it is written.

The booklets are printed from the same cleaned HTML, and the search index is made from the pages,
so the pages, the index and the booklets all hold only what passed through here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import partial
from urllib.parse import urlsplit

import nh3

# The addresses a link may go to. A relative address (another page of the site) has no scheme.
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

TAGS = frozenset(
    {
        # Text and Markdown's own output
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "code", "pre",
        "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "abbr", "span", "div", "sup", "sub",
        "del", "ins", "mark", "small", "time", "details", "summary", "nav", "figure", "figcaption",
        # The model's tables
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
        # The Easy Read rows' pictures and the charts, which are the project's own files
        "img",
    }
)  # fmt: skip

# Attributes any allowed tag may carry: none of them can run script or fetch anything.
_ANY = {"class", "id", "title", "lang", "role", "tabindex", "hidden", "aria-label", "aria-labelledby", "aria-describedby"}
_ANY |= {"aria-hidden", "aria-current", "data-pagefind-ignore", "data-pagefind-weight"}
ATTRIBUTES = {
    "*": _ANY,
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "th": {"scope", "colspan", "rowspan", "headers", "abbr"},
    "td": {"colspan", "rowspan", "headers"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "details": {"open"},
}


# What a browser drops from an address before reading it (the URL standard): tabs and line breaks
# anywhere, and C0 controls and spaces at either end.
_URL_ENDS = "".join(map(chr, range(0x21)))
_URL_DROPPED = re.compile(r"[\t\n\r]")


def browser_address(value: str) -> str:
    """An address as a browser reads it, once its character references are read: "java<tab>script:" is
    "javascript:"."""
    return _URL_DROPPED.sub("", value).strip(_URL_ENDS)


def is_remote(url: str) -> bool:
    """Whether a resource at this address would be fetched from another site (or, by a PDF engine, from
    this machine's files): it has a scheme, or starts with '//'. Browsers read a backslash as a slash."""
    stripped = url.strip().replace("\\", "/")
    return bool(urlsplit(stripped).scheme) or stripped.startswith("//")


def is_relative(url: str) -> bool:
    """Whether an address is relative to the page: the only kind a page's own pictures are given."""
    return not is_remote(url) and not url.strip().replace("\\", "/").startswith("/")


_PICTURE = re.compile(r"(?:\.\./)*assets/pictures/[a-z0-9-]+/[a-z0-9-]+\.(?:svg|png)")
# A chart the site drew (plugins/pages/charts.py), published in the page's own folder.
_CHART = re.compile(r"chart(?:-[a-z0-9]+)*\.svg")


# A < that an HTML parser reads as the start of markup: a tag, an end tag, a comment or a declaration.
_MARKUP_OPENS = re.compile(r"<(?=[A-Za-z/!?])")


def tooltip_text(value: str) -> str:
    """Text that may go where the theme's tooltips read it, with each < that would open markup written
    as the look-alike ‹ ("Pupils < 5" keeps its <).

    mkdocs-material's tooltips put an element's title, and a nav or header link's text, into the page
    as HTML (utilities/h appendChild: el.innerHTML += child), so such text, however well escaped where
    it is written, must hold no markup once the browser has read it.
    """
    return _MARKUP_OPENS.sub("\u2039", value)


def _filter(tag: str, attribute: str, value: str) -> str | None:
    # A picture is only ever one of the site's published pictures, by a relative address: a remote one
    # would tell a third party who reads the page, and the booklets would try to fetch any other.
    if attribute == "src" and not (is_relative(value) and (_PICTURE.fullmatch(value) or _CHART.fullmatch(value))):
        return None
    if attribute == "title":
        return tooltip_text(value)
    # The theme's own script reads elements with these ids; an officer's heading must not stand in for them.
    if attribute == "id" and value.startswith("__"):
        return None
    return value


_clean = partial(
    nh3.clean,
    tags=set(TAGS),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_filter,
    url_schemes=set(URL_SCHEMES),
    strip_comments=True,
    # No rel is added or kept: rel="attachment" is how a PDF engine is asked to embed a file.
    link_rel=None,
)


def clean_html(html: str) -> str:
    """HTML with only what the allowlist permits: the same text, without anything that can run or fetch."""
    return _clean(html)


# --- Text for a terminal or a CI log ------------------------------------------------------------

# Characters that are not seen as themselves: written as escapes wherever a message quotes a value, so
# that a value with a line break cannot start a line of its own in a log (where `::add-mask::` at the
# start of a line is a command to GitHub Actions), send a terminal an escape sequence, nor reorder the
# text around it.
_UNSEEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escaped(text: str) -> str:
    """The text with every line break, control and invisible character written as an escape, such as \\n.

    Every value from content, a file name or mkdocs.yml that a message quotes goes through this before it
    reaches a terminal or a log.
    """
    if text.isprintable():
        return text
    return "".join(_ESCAPES.get(c) or (f"\\u{ord(c):04x}" if unicodedata.category(c) in _UNSEEN else c) for c in text)


# --- Text for a feed or a calendar ----------------------------------------------------------------

# Every character a reader of a line may take as its end: CR, LF, CR LF, and the rarer breaks that some
# parsers honour (vertical tab, form feed, the file, group and record separators, NEL, the Unicode line
# and paragraph separators).
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# What XML 1.0 cannot hold, and what no reader sees: the other control characters, lone surrogates, the
# two non-characters U+FFFE and U+FFFF, and the marks that reorder the text around them.
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")


def file_text(text: str, *, one_line: bool = False) -> str:
    """Content's text for a file that is not a page (a feed's plain text, a calendar's), to be written by
    that file's own writer, which escapes it for its format (XML's &lt;, iCalendar's \\n and \\;).

    Every kind of line break is made one \\n, or a space in a value that is one line (a title), and
    every character a reader would not see as itself is left out: then a value cannot end the line it is
    written on in the eyes of any reader of the file, so a calendar's field can never start a property of
    its own, and the XML writer is never handed a character it cannot write.
    """
    text = _LINE_BREAK.sub(" " if one_line else "\n", _NOT_TEXT.sub("", text))
    return " ".join(text.split()) if one_line else text
