"""What a page may load: only the site's own files, under a Content-Security-Policy.

- every page carries a Content-Security-Policy, written after the page is rendered: scripts and styles
  only from the site itself, plus the theme's own inline scripts by hash; no inline event handler, no
  `javascript:` address, nothing from elsewhere;
- every page is checked as it is written: an inline script the theme did not write, an event handler
  attribute, a script address, or a resource fetched from elsewhere stops the build with the page named,
  so a template cannot quietly publish what the policy would then have to block in every reader's browser.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from plugins.safety.sanitise import is_remote


class UnsafePage(Exception):
    """A page as rendered holds something the site must never publish; the message says what."""


_THEME_TEMPLATES = "templates"
_BLOCK = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
_SRC = re.compile(r"""(?<![\w-])src\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_TYPE = re.compile(r"""(?<![\w-])type\s*=\s*["']?([^"'\s>]+)""", re.I)
# A quick look, on the lower-cased page, for what might be an event handler, a script address or an
# embedded page: plain substring searches and one pattern with a literal start, which take a tenth of
# the time of a pattern that walks every tag. Text between tags can match ("based on=" in a label), so
# a page that matches is then read properly, attribute by attribute, before it is refused.
_MAYBE_EVENT = re.compile(r"on[a-z]+\s*=")
# A script address need not be written out: a browser reads an attribute's character references first
# ("jav&#97;script:", "javascript&colon;"), then drops tabs and line breaks anywhere in an address and
# control characters before it ("java<tab>script:"). So a value that starts with at most ten letters and
# then a reference or a control character is read properly too; no page of the real content has one.
_MASKED_START = re.compile(r"""=[ \t\n\r\f]*["']?[\x00-\x20]*[a-z]{0,10}(?:&|[\x00-\x1f])""")
# What a browser strips from both ends of an address (the URL standard's C0 controls and space).
_URL_ENDS = "".join(map(chr, range(0x21)))
_NEEDLES = (
    "javascript:",
    "vbscript:",
    "data:text/html",
    "<iframe",
    "<frame",
    "<object",
    "<embed",
    "<base",
    "<applet",
    "<form",
    "formaction",
    # A page that sends the reader elsewhere does so from <meta http-equiv="refresh">, and an attribute's
    # name is read as written (never from an entity), so this is what to look for: the word "refresh" is
    # in the text of pages about a refreshed strategy, which were then read tag by tag for nothing.
    "http-equiv",
)
# Every opening <script or <style, however it is written, to count against the blocks read.
_SCRIPT_OR_STYLE = re.compile(r"<(?:script|style)\b", re.I)
_HEAD = re.compile(r"\A\s*(?:<!doctype html>\s*)?<html\b[^<>]*>\s*<head\b[^<>]*>", re.I)
# Script types that hold data rather than code: a browser runs any other.
_DATA_TYPES = frozenset({"application/json", "application/ld+json"})


def _suspect(html: str) -> bool:
    low = html.lower()
    if any(needle in low for needle in _NEEDLES) or _MASKED_START.search(low):
        return True
    return any(found.start() and low[found.start() - 1] in " \t\n\r\f/\"'" for found in _MAYBE_EVENT.finditer(low))


# What a tag loads: a picture, a stylesheet or icon, media. Links a reader follows (<a href>) are not loads.
_LOADS = re.compile(
    r"""<(?:img|source|video|audio|track|input|link|image|use|feimage)\b[^<>]*?\s(?:src|href|xlink:href|srcset|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""",
    re.S | re.I,
)
_REL = re.compile(r"""\brel\s*=\s*["']?([^"'>]+)""", re.I)
# Links that are only hints or addresses, not resources the page uses.
_NOT_LOADED = {"canonical", "alternate", "prev", "next", "author", "license", "help", "search"}


# The fewest characters of its own a theme script must have for its pattern to say anything.
_LEAST_LITERAL = 20
# Where a page's scripts may come from: the theme's and the site's own (docs/assets/javascripts/), and search.
SCRIPT_FOLDERS = ("assets/javascripts/", "pagefind/")


@cache
def _theme_scripts() -> tuple[re.Pattern[str], ...]:
    """The inline scripts mkdocs-material's own templates write, each as a pattern in which the template's
    Jinja expressions (the page's base address, mostly) may be any text that cannot end the script or
    the string it is written in."""
    import material

    folder = Path(material.__file__).parent / _THEME_TEMPLATES
    patterns = []
    for template in sorted(folder.rglob("*.html")):
        for kind, attributes, body in _BLOCK.findall(template.read_text(encoding="utf-8")):
            if kind.lower() != "script" or "src" in attributes or "type" in attributes or "{%" in body:
                continue  # data for scripts (type="application/json") never runs, so needs no pattern
            literal = re.split(r"\{\{.*?\}\}", body, flags=re.S)
            if len("".join(literal).strip()) < _LEAST_LITERAL:
                continue  # a script that is all expressions would match any script at all
            # An expression's value sits inside a string in the script: it may not close that string.
            patterns.append(re.compile(r"[^<\"'`\\\n]*?".join(re.escape(part) for part in literal), re.S))
    return tuple(patterns)


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def policy(scripts: list[str], styles: list[str]) -> str:
    """The Content-Security-Policy of a page whose inline scripts and style blocks are these."""
    script_src = " ".join(["'self'", "'wasm-unsafe-eval'", *sorted({_digest(s) for s in scripts})])  # search runs in WebAssembly
    # Style attributes: the theme's script sets some as pages are read, which a policy on markup does not affect.
    style_src = " ".join(["'self'", *sorted({_digest(s) for s in styles})])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {script_src}",
            f"style-src {style_src}",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ]
    )


class _Attributes(HTMLParser):
    """Reads every tag's attributes as a browser would (names, values, entities), to refuse for certain."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page

    def check(self, html: str) -> None:
        try:
            self.feed(html)
            self.close()
        except UnsafePage:
            raise
        except Exception:  # html.parser gives up on some markup (a marked section it does not know, say) with an AssertionError
            raise UnsafePage(f"{self.page}: the page's markup cannot be read as a browser would read it; check its templates.") from None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _EMBEDDING:
            raise UnsafePage(f"{self.page}: the page has an <{tag}> element, which can load another site into the page.")
        for name, value in attrs:
            if name.startswith("on"):
                raise UnsafePage(
                    f"{self.page}: an element has an event handler ({name}=), which would run script in every reader's browser."
                )
            if name == "formaction" or (tag == "meta" and name == "http-equiv" and (value or "").strip().lower() == "refresh"):
                raise UnsafePage(f"{self.page}: a <{tag}> could send the reader to another address ({name}=).")
            seen = re.sub(r"[\t\n\r]", "", value or "").strip(_URL_ENDS).lower()
            if seen.startswith(("javascript:", "vbscript:", "data:text/html")):
                raise UnsafePage(
                    f"{self.page}: an attribute holds a script address ({seen[:11]}), which would run script in every reader's browser."
                )


_EMBEDDING = {"iframe", "frame", "object", "embed", "base", "applet", "form"}


def _site_path(address: str) -> str:
    """A page's relative or root-relative address as a path from the site's root (pages are at most a
    few folders deep, and every '..' climbs towards the root)."""
    path = posixpath.normpath(address.split("?", 1)[0].split("#", 1)[0]).lstrip("/")
    while path.startswith("../"):
        path = path[3:]
    return path


def _remote(match: re.Match[str]) -> str | None:
    value = next((g for g in match.groups() if g is not None), "")
    return value if value and is_remote(value) and not value.startswith("data:image/") else None


def check_and_protect(html: str, page: str) -> str:
    """The page's HTML with its Content-Security-Policy first in <head>; UnsafePage if it holds what no page may."""
    # The whole page is looked at, not the page less its script and style blocks: '<style>' written in
    # an attribute would otherwise hide what stands between it and a later '</style>'.
    if _suspect(html):
        _Attributes(page).check(html)
    blocks = list(_BLOCK.finditer(html))
    if len(blocks) != len(_SCRIPT_OR_STYLE.findall(html)):
        raise UnsafePage(f"{page}: the page's script and style elements cannot be told apart from its text; check its templates.")
    for load in _LOADS.finditer(html):
        tag = html[load.start() : html.find(">", load.start()) + 1]
        rel = _REL.search(tag) if tag[:5].lower() == "<link" else None
        if rel and set(rel.group(1).lower().split()) <= _NOT_LOADED:
            continue  # a link that only names an address (canonical, next), which nothing fetches
        if (address := _remote(load)) is not None:
            raise UnsafePage(f"{page}: the page would fetch {address[:80]} from elsewhere; it may only use the site's own files.")
    scripts, styles = [], []
    for block in blocks:
        kind, attributes, body = block.group(1).lower(), block.group(2), block.group(3)
        if kind == "style":
            styles.append(body)
            continue
        src = _SRC.search(attributes)
        if src:
            address = next(g for g in src.groups() if g is not None)
            if is_remote(address):
                raise UnsafePage(f"{page}: the page loads a script from {address[:80]}; scripts may only be the site's own files.")
            if not _site_path(address).startswith(SCRIPT_FOLDERS):
                raise UnsafePage(
                    f"{page}: the page loads the script {address[:80]}, which is not in assets/javascripts/. "
                    "Scripts are the site's code: put them under docs/assets/javascripts/, where they are reviewed as code."
                )
            continue
        kind_of_script = _TYPE.search(attributes)
        if kind_of_script and kind_of_script.group(1).strip().lower() in _DATA_TYPES:
            continue  # data for a script, such as the theme's settings, which never runs
        if not any(p.fullmatch(body) for p in _theme_scripts()):
            raise UnsafePage(
                f"{page}: the page has an inline script the theme did not write. Put scripts in a file under "
                "docs/assets/javascripts/ and list it under extra_javascript in mkdocs.yml."
            )
        scripts.append(body)
    head = _HEAD.match(html)
    if head is None:
        # The policy must come first in <head>, before anything that could run or load.
        raise UnsafePage(f"{page}: the page does not begin <!doctype html><html><head>, so its Content-Security-Policy cannot come first.")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(scripts, styles)}">'
    return html[: head.end()] + meta + html[head.end() :]
