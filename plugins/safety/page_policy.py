"""What a page may load: only the site's own files, under a Content-Security-Policy.

- every page carries a Content-Security-Policy, written after the page is rendered: scripts and styles
  only from the site itself, plus the theme's own inline scripts by hash; no inline event handler, no
  `javascript:` address, nothing from elsewhere;
- every page is checked as it is written: an inline script the theme did not write, an event handler
  attribute, a script address, or a resource fetched from elsewhere stops the build with the page named,
  so a template cannot quietly publish what the policy would then have to block in every reader's browser.

The page is read by Lexbor, an HTML parser that follows the HTML standard as browsers do: what is checked
is the page a browser builds (where a comment ends, what a <style> inside <svg> holds, an attribute's
character references), not a reading of its text that a browser might not share.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote

import tinycss2
from selectolax.lexbor import LexborHTMLParser, LexborNode

from plugins.safety.sanitise import browser_address, is_remote


class UnsafePage(Exception):
    """A page as rendered holds something the site must never publish; the message says what."""


_THEME_TEMPLATES = "templates"
# A script or style element in a template's text (mkdocs-material's own, read for its inline scripts).
_BLOCK = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
# How a page begins, read as strictly as a browser reads it: HTML's own whitespace only (not the other
# spaces Python's \s takes, which a browser reads as text, opening <body> and leaving the policy there),
# <html> with plain attributes (no '>' in a value, where the policy would be written into it), and
# <head> itself (not <head-x>, an element of the body).
_SPACE = "[ \t\n\f\r]*"
_HEAD = re.compile(
    rf"""\A{_SPACE}<!doctype html>{_SPACE}<html(?:[ \t\n\f\r]+[a-z][a-z0-9-]*(?:="[^"<>&]*")?)*{_SPACE}>{_SPACE}<head>""", re.I
)
# Script types that hold data rather than code: a browser runs any other.
_DATA_TYPES = frozenset({"application/json", "application/ld+json"})
# Elements that load another page, or another site, into the page, or send the reader's input elsewhere.
_EMBEDDING = frozenset({"iframe", "frame", "frameset", "object", "embed", "base", "applet", "form", "portal", "fencedframe"})
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
# Attributes whose address the browser fetches as the page loads, on any element; srcset holds several.
_LOADING = frozenset(
    {"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "manifest", "ping", "imagesrcset", "attributionsrc"}
)
# The elements whose href a reader follows; on every other (<link>, and SVG's <image>, <use>, gradients,
# patterns) the browser may fetch it as the page loads.
_FOLLOWED = frozenset({"a", "area"})
# The attributes a browser reads as CSS (a style, and SVG's), where url() fetches (an escape may write it: \75 rl().
_STYLED = frozenset(
    {"style", "fill", "stroke", "mask", "clip-path", "filter", "marker", "marker-start", "marker-mid", "marker-end", "cursor"}
)
# The attributes looked at whatever their value: any other is looked at only if it could hold a script
# address (a colon, once its references are read), or is an event handler.
_WATCHED = frozenset({"formaction", "http-equiv", "attributename", "href", "xlink:href"}) | _STYLED | _LOADING
# SVG's animations, which set another attribute of their element to their to, from, by or values.
_ANIMATIONS = frozenset({"set", "animate", "animatemotion", "animatetransform", "animatecolor"})
# Links that are only hints or addresses, not resources the page uses.
_NOT_LOADED = {"canonical", "alternate", "prev", "next", "author", "license", "help", "search"}
# A string that names another site as an address: a scheme a browser fetches ("http:x" too), or //. Not
# any word and colon: a string in CSS may be only words ("Note: ").
_ELSEWHERE = re.compile(r"(?:https?|ftp|wss?|file|blob|data):|(?:[a-z][a-z0-9+.-]*:)?//", re.I)


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
        if template.name == "redirect.html" or "analytics" in template.relative_to(folder).as_posix():
            # The redirect page's script sends the reader to another address, as a refresh would, and the
            # analytics scripts load Google's: no page of this site is either.
            continue
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


def _site_path(address: str) -> str:
    """A page's relative or root-relative address as a path from the site's root (pages are at most a
    few folders deep, and every '..' climbs towards the root)."""
    path = posixpath.normpath(address.split("?", 1)[0].split("#", 1)[0]).lstrip("/")
    while path.startswith("../"):
        path = path[3:]
    return path


class _Checker:
    """The checks on one page's elements, as the browser builds them; UnsafePage at the first that fails."""

    def __init__(self, page: str) -> None:
        self.page = page
        self.scripts: list[str] = []
        self.styles: list[str] = []

    def refuse(self, why: str) -> UnsafePage:
        return UnsafePage(f"{self.page}: {why}")

    def tree(self, html: str, *, scripting: bool) -> bool:
        """Check every element of the page as a browser builds it, with script running or not; whether it has a <noscript>."""
        noscript = False
        root = LexborHTMLParser(html, scripting=scripting).root
        for node in root.traverse(include_text=False) if root is not None else ():
            tag = node.tag or "-"
            if tag[0] == "-":  # a comment or the doctype: no attributes, nothing loaded or run
                continue
            noscript = noscript or tag == "noscript"
            self.element(node, tag.translate(_ASCII_LOWER))
        return noscript

    def element(self, node: LexborNode, tag: str) -> None:
        if tag in _EMBEDDING:
            raise self.refuse(f"the page has an <{tag}> element, which can load another site into the page.")
        if tag == "template":
            raise self.refuse("the page has a <template> element, whose content a browser may make part of the page unchecked.")
        given = node.attributes
        # A browser lowers only ASCII letters in a name: Python's lower() also makes K of the Kelvin sign, which
        # would merge a decoy attribute into the one the browser reads.
        attributes = {name.translate(_ASCII_LOWER): value or "" for name, value in given.items()} if given else {}
        for name, value in attributes.items():
            # Most attributes (a class, an id, a label) can do nothing: passed over at once.
            if name in _WATCHED or name[:2] == "on" or ":" in value:
                self.attribute(tag, name, value, attributes)
        if tag in ("script", "style") and any(child.tag != "-text" for child in node.iter(include_text=True)):
            # In SVG a script or style may hold elements, whose text the browser leaves out of what it runs.
            raise self.refuse(f"a <{tag}> holds other elements; write it as text alone.")
        if tag in _ANIMATIONS:
            self.animation(attributes)
        if tag == "script":
            self.script(node, attributes)
        elif tag == "style":
            text = node.text(deep=True)
            self.css(text)
            self.styles.append(text)

    def attribute(self, tag: str, name: str, value: str, attributes: dict[str, str]) -> None:
        if name[:2] == "on" or (name == "attributename" and value.strip().lower()[:2] == "on"):
            # An SVG animation (<set>, <animate>) that sets an event handler is one too.
            name = value.strip().lower() if name == "attributename" else name
            raise self.refuse(f"an element has an event handler ({name}=), which would run script in every reader's browser.")
        if name == "formaction" or (tag == "meta" and name == "http-equiv" and value.strip().lower() == "refresh"):
            raise self.refuse(f"a <{tag}> could send the reader to another address ({name}=).")
        if ":" in value:  # every script address has its scheme's colon, once its references are read
            # An SVG animation's values are a list, each of which the attribute it animates takes in turn.
            for part in value.split(";") if name == "values" else (value,):
                seen = browser_address(part).lower()
                if seen.startswith(_SCRIPT_SCHEMES) or (seen.startswith("data:") and seen[5:].lstrip().startswith("text/html")):
                    raise self.refuse(
                        f"an attribute holds a script address ({seen[:11]}), which would run script in every reader's browser."
                    )
        if name in _LOADING or (name in ("href", "xlink:href") and tag not in _FOLLOWED):
            if tag == "link" and set(attributes.get("rel", "").lower().split()) <= _NOT_LOADED:
                return  # a link that only names an address (canonical, next), which nothing fetches
            if tag == "script" and name in ("src", "href", "xlink:href"):
                return  # see script
            candidates = value.split(",") if name.endswith("srcset") else value.split() if name == "ping" else [value]
            for candidate in candidates:
                address = browser_address(candidate)
                if name.endswith("srcset"):
                    address = address.split(None, 1)[0] if address else address
                self.fetched(address)
        elif name in _STYLED:
            # A style, or an SVG attribute read as CSS (fill, mask, cursor); any other attribute is words, whatever it says.
            self.css(value)

    def animation(self, attributes: dict[str, str]) -> None:
        """An SVG animation that sets its element's href, or an attribute read as CSS: each value it sets is
        checked as the element's own would be."""
        target = attributes.get("attributename", "").strip().lower()
        for name in ("to", "from", "by", "values"):
            if target in ("href", "xlink:href"):
                for part in attributes.get(name, "").split(";"):
                    self.fetched(browser_address(part))
            elif target in _STYLED:
                self.css(attributes.get(name, ""))  # a value of a CSS-read attribute (mask, cursor), escapes and all

    def fetched(self, address: str) -> None:
        if address and is_remote(address) and not address.lower().startswith("data:image/"):
            raise self.refuse(f"the page would fetch {address[:80]} from elsewhere; it may only use the site's own files.")

    def css(self, text: str) -> None:
        """Every address a style fetches, read as a browser's CSS reader reads it (tinycss2, which follows
        CSS Syntax: comments, escapes, strings ended by a line break, broken url( tokens)."""
        if "(" not in text and '"' not in text and "'" not in text:
            return  # no url( however escaped, and no string: nothing it could fetch
        try:
            tokens = list(tinycss2.parse_component_value_list(text, skip_comments=True))
        except RecursionError:
            raise self.refuse("a style is nested too deeply to be read; write it plainly.") from None
        while tokens:
            token = tokens.pop()
            if token.type == "url":
                self.fetched(browser_address(token.value))
            elif token.type == "function" and token.lower_name == "url":
                self.fetched(browser_address("".join(t.value for t in token.arguments if t.type == "string")))
            elif token.type == "string":
                # A string is an address where the property takes one (@import, image-set): one that reads as
                # an address of another site (a browser takes a backslash for a slash: \\host is //host) is
                # refused wherever it stands; one that is only words ("Note: ") is not.
                address = browser_address(token.value)
                if _ELSEWHERE.match(address.replace("\\", "/")):
                    self.fetched(address)
            tokens.extend(getattr(token, "content", None) or getattr(token, "arguments", None) or ())

    def script(self, node: LexborNode, attributes: dict[str, str]) -> None:
        # An HTML script loads from src, an SVG script from href.
        sources = [browser_address(attributes[name]) for name in ("src", "href", "xlink:href") if name in attributes]
        for address in sources:
            if is_remote(address):
                raise self.refuse(f"the page loads a script from {address[:80]}; scripts may only be the site's own files.")
            # A browser reads a backslash as a slash, and %2e as a dot, in the path.
            if not _site_path(unquote(address.replace("\\", "/"))).startswith(SCRIPT_FOLDERS):
                raise self.refuse(
                    f"the page loads the script {address[:80]}, which is not in assets/javascripts/. "
                    "Scripts are the site's code: put them under docs/assets/javascripts/, where they are reviewed as code."
                )
        if sources:
            return
        if attributes and attributes.get("type", "").strip().lower() in _DATA_TYPES:
            return  # data for a script, such as the theme's settings, which never runs
        body = node.text(deep=True)
        if not any(p.fullmatch(body) for p in _theme_scripts()):
            raise self.refuse(
                "the page has an inline script the theme did not write. Put scripts in a file under "
                "docs/assets/javascripts/ and list it under extra_javascript in mkdocs.yml."
            )
        self.scripts.append(body)


def check_and_protect(html: str, page: str) -> str:
    """The page's HTML with its Content-Security-Policy first in <head>; UnsafePage if it holds what no page may."""
    checker = _Checker(page)
    # As a reader's browser builds the page, running its scripts; and, where it has a <noscript> (whose
    # content is text then, and markup without script), as a browser that runs none builds it too.
    if checker.tree(html, scripting=True):
        checker.tree(html, scripting=False)
    head = _HEAD.match(html)
    if head is None:
        # The policy must come first in <head>, before anything that could run or load.
        raise UnsafePage(f"{page}: the page does not begin <!doctype html><html><head>, so its Content-Security-Policy cannot come first.")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(checker.scripts, checker.styles)}">'
    return html[: head.end()] + meta + html[head.end() :]
