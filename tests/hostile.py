"""Hostile content, and a search of every output for what it must never produce.

Two corpora:

- ACCEPTED: text that `check` lets through (it is only unusual text), which must reach every output
  as harmless text;
- BYPASS: what an attacker would try, put straight into the loaded content as if the content model's
  own refusals had missed it, so that the layers after the model (the sanitiser, the booklets'
  fetcher, the page check and the policy) are each shown to stop it on their own.

`{server}` stands for a local web server that counts the requests it gets, `{secret}` for a file
outside the project holding a planted secret. `scan_site` reads back every page, search index piece,
booklet, feed and calendar, and lists what it finds that no output may hold.
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
import itertools
import re
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from plugins.content.model import LeftOut, MeasureUpdate, ProgressNote, ReaderCheck, TestedPoint
from plugins.safety.sanitise import URL_SCHEMES

SECRET_ENV = "STRATEGY_SITE_PLANTED_SECRET"
ENV_SECRET = "planted-environment-secret-7c41d9"
FILE_SECRET = "planted-file-secret-2b8e55"

# Accepted by `check`: each is shown as typed, or as a link to a safe address.
ACCEPTED = [
    "A < b and c > d, 5 <6, x << 3",
    "Text with * stars *, _underscores_, `back ticks` and \\ back\\slashes",
    "Brackets [x] and (y) and [x](y) and ![not a picture]",
    "A link [to the council](https://example.gov.uk/a?b=1&c=2#d) with a query",
    "A link with a title [t](https://example.gov.uk/ 'onmouseover=alert(1)')",
    'An autolink <https://example.gov.uk/"onmouseover="alert(1)> with quotes',
    "An email <officer@example.gov.uk> and mailto [write](mailto:officer@example.gov.uk?subject=x)",
    "Phone [call](tel:+441162323232)",
    "The word javascript: and alert(1) as text",
    "Percent %3Cscript%3E and %00 as text",
    "Ampersands & and &amp and & # 39",
    "Quotes \" and ' and ` in a row",
    "Hash # and plus + and minus - and bang ! and pipe |",
    "1. Not a numbered list",
    "A relative [link](../other-page/) inside the site",
    "Unicode: café, naïve, 日本語, emoji 🎒",
    "Line one  \nline two after a hard break",
    "An ::add-mask:: marker and ::warning file=x:: in the middle",
    "Looks like a tag but is not: < script >, <3, <=",
    "Markdown reference [r][ref]\n\n[ref]: https://example.gov.uk/ref",
]

BYPASS = [
    # Secrets and files, the way WeasyPrint would embed them
    '[a](/proc/self/environ){: rel="attachment" }',
    '<a rel="attachment" href="file://{secret}">secret</a>',
    '<link rel="attachment" href="/proc/self/environ">',
    '<img src="file://{secret}" alt="x">',
    '<img src="/proc/self/environ" alt="x">',
    '<object data="file://{secret}"></object>',
    '<iframe src="file://{secret}"></iframe>',
    # Script in the reader's browser
    '![p]({server}/img.png){: onerror="alert(1)" }',
    '[x](https://ok.example){: href="javascript:alert(1)" }',
    "<a.b onfocus=alert(1) tabindex=0 autofocus>x</a.b>",
    "<x:y onfocus=alert(1) tabindex=0 autofocus>x</x:y>",
    "<x_y onfocus=alert(1) tabindex=0 autofocus>x</x_y>",
    "<é onfocus=alert(1) tabindex=0 autofocus>x</é>",
    '[r]\n\n[r]: javascript:alert(1) "t"',
    "[a](java\nscript:alert(1))",
    "[a](&#106;avascript:alert(1))",
    '<a href="jav&#x09;ascript:alert(1)">t</a>',
    "[v](vbscript:msgbox(1))",
    "<script>alert(1)</script>",
    "<svg onload=alert(1)><script>alert(1)</script></svg>",
    "<details open ontoggle=alert(1)>x</details>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<form action=javascript:alert(1)><button>go</button></form>",
    "<!--><img src=x onerror=alert(1)>-->",
    '<a href="data:text/html,<script>alert(1)</script>">d</a>',
    '<base href="javascript:alert(1)//">',
    "<body onload=alert(1)>",
    '<div style="behavior:url(x.htc)" onmouseover="alert(1)">x</div>',
    '<input autofocus onfocus="alert(1)">',
    "<a href='javascript:alert(1)'>single</a>",
    "<A HREF=JaVaScRiPt:alert(1)>caps</A>",
    "`<img src=x onerror=alert(1)>` in code, then <img src=x onerror=alert(1)>",
    "**<img src=x onerror=alert(1)>**",
    "[<img src=x onerror=alert(1)>](https://example.gov.uk)",
    # The build going online
    "![remote]({server}/markdown-image.png)",
    '<span style="background:url({server}/style-url)">x</span>',
    '<svg><image href="{server}/svg-image"/></svg>',
    '<img srcset="{server}/srcset 1x" alt="s">',
    '<video poster="{server}/poster"></video>',
    '<audio src="{server}/audio"></audio>',
    '<input type="image" src="{server}/input">',
    '<link rel="stylesheet" href="{server}/stylesheet">',
    "<style>@import url({server}/import);</style>",
    '<img src="//127.0.0.1/protocol-relative" alt="p">',
    # Log commands and line breaks
    "x\n::add-mask::masked-value\n::warning::hostile",
]

# Line breaks of every kind, and the ends of the feeds' XML, where a field's text is written into a file that
# is not a page: each tries to start a property of its own in a calendar, or an element of its own in a feed.
BREAKS = [
    "Meeting\r\nBEGIN:VEVENT\r\nUID:injected-crlf\r\nSUMMARY:injected\r\nEND:VEVENT",
    "Meeting\rATTACH:https://x.example/injected-cr",
    "Meeting\nX-INJECTED-LF:1",
    "Meeting\u2028X-INJECTED-LS:1\u2029X-INJECTED-PS:1",
    "Meeting\x85X-INJECTED-NEL:1",
    "Meeting\x0bX-INJECTED-VT:1\x0cX-INJECTED-FF:1",
    "]]></content><script>alert(1)</script><content>",
    "</summary></entry><entry><id>injected</id><title>injected</title></entry>",
]

# Web addresses pasted where a field expects one: written into a link's address, never into Markdown.
BYPASS_ADDRESSES = [
    "https://x.example)[x](javascript:alert(1)",
    'https://x.example/"onmouseover="alert(1)',
    "javascript:alert(1)",
    "file://{secret}",
    "{server}/address",
]


def fill(text: str, server: str, secret: Path) -> str:
    return text.replace("{server}", server).replace("{secret}", str(secret)).replace("{env_secret}", ENV_SECRET)


# --- Putting the bypass corpus into a loaded library --------------------------------------------------


def inject(library, payloads: list[str], addresses: list[str], breaks: list[str] | None = None) -> int:
    """Put every payload into Markdown fields and one-line text fields across the library, every address
    into web address fields, and every line break payload (breaks) into who meets at each event, which every
    calendar names in its events. Returns how many fields were changed."""
    markdown_slots, text_slots, address_slots, break_slots = [], [], [], []
    # The site's own name and description, which the theme writes into every page's head and header.
    object.__setattr__(library.site, "title", "<img src=x onerror=alert(1)>")
    object.__setattr__(library.site, "description", '"><svg onload=alert(1)>')
    for s in library.strategies:
        m = s.model
        markdown_slots.append((m, "summary"))
        text_slots.append((m, "title"))
        for priority in m.priorities:
            text_slots.append((priority, "title"))
            markdown_slots += [(priority, name) for name in ("ambition", "commitment", "description")]
            for actions in priority.actions.values():
                text_slots += [(action, "text") for action in actions]
        if m.consultation:
            markdown_slots.append((m.consultation, "how_to_respond"))
            address_slots.append((m.consultation, "survey"))
        for event in m.timeline:
            markdown_slots.append((event, "what"))
            # What the feeds and calendars write of an event besides: who met, and the outcome.
            (break_slots if breaks else text_slots).append((event, "body"))
            markdown_slots.append((event, "outcome"))
        # What the feeds write of the stages reached and the change notes.
        markdown_slots += [(stage, "note") for stage in m.stages]
        text_slots += [(change, "note") for change in m.changes]
        for document in m.related_documents:
            address_slots.append((document, "link"))
            text_slots.append((document, "title"))
        for paper in m.background_papers:
            address_slots.append((paper, "link"))
        for table in m.tables:
            # The caption and the row headings are also the words of the table's chart.
            text_slots.append((table, "caption"))
            for row in table.rows:
                text_slots.append((row, "heading"))
        # An indicator's name is the title of its chart.
        text_slots += [(indicator, "name") for indicator in (m.measures.indicators if m.measures else [])]
        for contact in m.contacts:
            text_slots.append((contact, "phone"))
        if m.easy_read:
            for section in m.easy_read.sections:
                for point in section.points:
                    text_slots.append((point, "text"))
                    text_slots.append((point, "alt"))
    for report in library.reports:
        text_slots += [(indicator, "name") for update in report.model.updates for indicator in update.indicators]
    for term in library.glossary:
        markdown_slots.append((term, "meaning"))
    # Progress updates: their headings and words reach the strategies' pages and feeds.
    for report in library.reports:
        for update in report.model.updates:
            text_slots.append((update, "heading"))
            markdown_slots.append((update, "body"))
    for organisation in library.organisations:
        address_slots.append((organisation, "website"))
        text_slots.append((organisation, "name"))
    # What the Easy Read page, its review page and its booklet write besides the points: the edition's
    # title and headings, a reader test's record (who, and the words and notes of each part), the team's
    # decisions to leave things out, and the title of an approved version, which the page's own stage
    # row names. The real editions have no reader test or decisions yet: each is given one to carry them.
    for s in library.strategies:
        edition = s.model.easy_read
        if edition is None:
            continue
        tested = TestedPoint.model_construct(text="", result="changed", note="")
        object.__setattr__(edition, "checked_by", ReaderCheck.model_construct(by="", date=dt.date(2026, 10, 1), points=[tested]))
        object.__setattr__(edition, "left_out", [LeftOut.model_construct(item="", why="")])
        text_slots += [(edition, "title"), (edition.checked_by, "by"), (tested, "text"), (tested, "note")]
        text_slots += [(edition.left_out[0], "item"), (edition.left_out[0], "why")]
        text_slots += [(section, "heading") for section in edition.sections]
        if s.model.versions:
            text_slots += [(other, "title") for other in s.model.versions.others]
    # Dated updates on actions and measures, which the priority pages, the measures page and the "How it
    # is going" page write as a history: the real content has none yet, so the first action of each
    # priority, and every measure and every figure a progress report gives, is given one to carry them.
    for s in library.strategies:
        for priority in s.model.priorities:
            for actions in list(priority.actions.values())[:1]:
                note = ProgressNote.model_construct(date="2026-05", what="", source="")
                object.__setattr__(actions[0], "updates", [note])
                markdown_slots.append((note, "what"))
                text_slots.append((note, "source"))
    indicators = [i for s in library.strategies if s.model.measures for i in s.model.measures.indicators]
    indicators += [i for r in library.reports for u in r.model.updates for i in u.indicators]
    for indicator in indicators:
        measured = MeasureUpdate.model_construct(date=dt.date(2026, 6, 1), what="", source="", value=None, comparison="exactly")
        object.__setattr__(indicator, "updates", [measured])
        markdown_slots.append((measured, "what"))
        text_slots.append((measured, "source"))
    # A hard word's meaning is printed in the booklet as HTML, beside the point that uses it. Last, so
    # the other fields keep the payloads they had.
    text_slots += [(word, "means") for s in library.strategies if s.model.easy_read for word in s.model.easy_read.hard_words]
    changed = 2
    for slots, values in ((markdown_slots, payloads), (text_slots, payloads), (address_slots, addresses), (break_slots, breaks or [])):
        assert len(slots) >= len(values), f"only {len(slots)} places for {len(values)} payloads"
        for (owner, name), value in zip(slots, itertools.cycle(values)):
            object.__setattr__(owner, name, value)
            changed += 1
    return changed


def build_bypassing_the_model(root: Path, site: Path, server: str, secret: Path, as_of: str) -> tuple[int, int]:
    """Build root into site with every BYPASS payload put into the loaded content after it was checked,
    and the planted secret in the environment. Returns the exit code and how many fields were changed."""
    import pytest

    import site_build
    from plugins.content import loader

    payloads = [fill(p, server, secret) for p in BYPASS + BREAKS]
    addresses = [fill(a, server, secret) for a in BYPASS_ADDRESSES]
    original = loader._load
    changed = [0]

    def hostile_load(*args, **kwargs):
        library = original(*args, **kwargs)
        changed[0] = inject(library, payloads, addresses, BREAKS)
        return library

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(SECRET_ENV, ENV_SECRET)
        patch.setattr(loader, "_load", hostile_load)
        # Lenient: the Easy Read checker would rightly stop a build whose points are all payloads.
        code = site_build.main(["--root", str(root), "build", "--site-dir", str(site), "--as-of", as_of, "--lenient"])
    return code, changed[0]


# --- Reading every output back ------------------------------------------------------------------------

# Attributes whose value is an address a browser follows or loads.
_ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background", "cite"}
# Elements whose address is loaded with the page, rather than followed by a reader.
_LOADING = {"img", "script", "source", "video", "audio", "track", "input", "iframe", "embed", "object", "frame", "image", "use"}
_HINT_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "help", "search"}
_NEVER = {"iframe", "frame", "object", "embed", "base", "applet", "form"}
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?:https?:|//|file:)", re.I)


def _script_address(value: str) -> bool:
    seen = re.sub(r"[\t\n\r]", "", html.unescape(value)).strip(" \x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f").lower()
    return seen.startswith(("javascript:", "vbscript:", "data:text/html"))


def _remote(value: str) -> bool:
    value = value.strip().replace("\\", "/")
    return bool(urlsplit(value).scheme) and not value.startswith("data:image/") or value.startswith("//")


@dataclass
class Findings:
    items: list[str] = field(default_factory=list)

    def add(self, where: str, what: str) -> None:
        self.items.append(f"{where}: {what}")


class _PageScan(HTMLParser):
    def __init__(self, where: str, findings: Findings) -> None:
        super().__init__(convert_charrefs=True)
        self.where, self.findings = where, findings
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in _NEVER:
            self.findings.add(self.where, f"<{tag}> element")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.findings.add(self.where, "a refresh that could send the reader elsewhere")
        rel = set(values.get("rel", "").lower().split())
        if "attachment" in rel:
            self.findings.add(self.where, f"rel=attachment on <{tag}>")
        for name, value in values.items():
            if name.startswith("on"):
                self.findings.add(self.where, f"event handler {name}= on <{tag}>")
            if name in _ADDRESS_ATTRIBUTES and _script_address(value):
                self.findings.add(self.where, f"script address in {name}= on <{tag}>: {value[:60]}")
            loads = tag in _LOADING or (tag == "link" and not rel <= _HINT_RELS)
            if loads and name in _ADDRESS_ATTRIBUTES and any(_remote(v.split()[0]) for v in value.split(",") if v.strip()):
                self.findings.add(self.where, f"remote resource {name}={value[:60]} on <{tag}>")
            if name == "style" and _CSS_URL.search(value):
                self.findings.add(self.where, f"style fetching a URL on <{tag}>")
        if tag == "script":
            self.in_script = "src" not in values

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(" in data:
            self.findings.add(self.where, "an inline script holding the payload")


def _pdf_findings(path: Path, where: str, findings: Findings, secrets: list[str]) -> None:
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject

    reader = PdfReader(path)
    names = reader.trailer["/Root"].get("/Names")
    if names is not None and "/EmbeddedFiles" in names.get_object():
        findings.add(where, "the booklet has embedded files")
    if reader.attachments:
        findings.add(where, f"the booklet has attachments: {list(reader.attachments)}")
    for number, page in enumerate(reader.pages, 1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/FileAttachment":
                findings.add(where, f"a file attached on page {number}")
            action = annotation.get("/A")
            action = action.get_object() if isinstance(action, IndirectObject) else action
            if action is not None:
                if action.get("/S") in ("/JavaScript", "/Launch", "/ImportData", "/SubmitForm"):
                    findings.add(where, f"a {action.get('/S')} action on page {number}")
                uri = str(action.get("/URI", ""))
                if _script_address(uri) or uri.lower().startswith("file:"):
                    findings.add(where, f"a link to {uri[:60]} on page {number}")
    # Every stream, decompressed: a secret could hide in any of them.
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            body = reader.get_object(IndirectObject(number, 0, reader)).get_data()
        except Exception:  # not a stream, or a free slot
            continue
        for secret in secrets:
            if secret.encode() in body:
                findings.add(where, f"a planted secret inside the booklet (object {number})")


_ATOM = "{http://www.w3.org/2005/Atom}"
_FEED_ELEMENTS = {"feed", "entry", "id", "title", "subtitle", "updated", "author", "name", "link", "generator", "summary", "content"}
# The characters some reader of a calendar takes as the end of a line, besides CR LF.
_OTHER_BREAKS = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CALENDAR_NAMES = {"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "NAME", "X-WR-CALNAME", "DESCRIPTION", "X-WR-CALDESC"}
_CALENDAR_NAMES |= {"UID", "DTSTAMP", "SUMMARY", "DTSTART", "DTEND", "TRANSP", "STATUS", "URL"}


def _feed_findings(raw: bytes, where: str, findings: Findings) -> None:
    """A feed: only Atom's own elements, and in each entry's HTML nothing that runs or fetches."""
    from lxml import etree

    try:
        root = etree.fromstring(raw, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        findings.add(where, f"a feed that is not well-formed XML: {error}")
        return
    for element in root.iter():
        if not isinstance(element.tag, str) or not element.tag.startswith(_ATOM) or element.tag[len(_ATOM) :] not in _FEED_ELEMENTS:
            findings.add(where, f"an element the feed does not write: {element.tag!r}")
        if element.get("type") == "html" and (found := runs_or_fetches(element.text or "")):
            findings.add(where, f"an entry's HTML that would run or fetch: {found}")
        if element.tag == _ATOM + "id" and not (element.text or "").startswith("urn:uuid:"):
            findings.add(where, f"an id the feed did not make: {element.text!r}")


def _calendar_findings(raw: bytes, where: str, findings: Findings) -> None:
    """A calendar: CR LF ends every line and nothing else could, and every line is a property it writes."""
    text = raw.decode("utf-8")
    if not text.endswith("\r\n"):
        findings.add(where, "a calendar whose last line is not ended")
    lines = text.split("\r\n")[:-1]
    for line in lines:
        if _OTHER_BREAKS.search(line):
            findings.add(where, f"a line break inside a calendar's line: {line[:60]!r}")
    # Folded lines (a space or tab first) continue the line before them.
    for line in "\r\n".join(lines).replace("\r\n ", "").replace("\r\n\t", "").split("\r\n"):
        name = re.split("[;:]", line, maxsplit=1)[0]
        if name not in _CALENDAR_NAMES:
            findings.add(where, f"a property the calendar does not write: {line[:60]!r}")
        if name == "UID" and not re.fullmatch(r"UID:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", line):
            findings.add(where, f"a UID the calendar did not make: {line[:60]!r}")


def scan_site(site: Path, secrets: list[str]) -> Findings:
    """Everything in the built site that no output may hold."""
    findings = Findings()
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        where = path.relative_to(site).as_posix()
        raw = path.read_bytes()
        if path.suffix in (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter"):
            try:
                raw = gzip.decompress(raw)
            except (OSError, EOFError, zlib.error):
                pass
        for secret in secrets:
            if secret.encode() in raw:
                findings.add(where, "a planted secret")
        if path.suffix == ".html":
            text = raw.decode("utf-8")
            scanner = _PageScan(where, findings)
            scanner.feed(text)
            scanner.close()
            for block in re.findall(r"<style\b[^>]*>(.*?)</style>", text, re.S | re.I):
                if _CSS_URL.search(block) or "@import" in block:
                    findings.add(where, "a style block fetching a URL")
        elif path.suffix == ".pdf":
            _pdf_findings(path, where, findings, secrets)
        elif path.suffix == ".xml" and path.name != "sitemap.xml":
            _feed_findings(raw, where, findings)
        elif path.suffix == ".ics":
            _calendar_findings(raw, where, findings)
        elif path.suffix == ".svg":
            for found in svg_runs_or_refers(raw):
                findings.add(where, f"a picture that runs or loads something: {found}")
    return findings


def svg_runs_or_refers(data: bytes) -> list[str]:
    """What in an SVG, read as the XML it is, could run script or load anything outside the file: its
    elements and attributes, not its text, where a chart's words ("<svg onload=...>" in a row heading)
    are only words."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        return [f"not well-formed XML ({error})"]
    found = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("script", "foreignObject", "iframe", "image", "a", "animate", "set", "feImage"):
            found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1]
            if local.lower().startswith("on"):
                found.append(f"{local}= on <{tag}>")
            if local == "href" and not value.strip().startswith("#"):
                found.append(f"href={value[:40]} on <{tag}>")
            if re.search(r"url\(\s*['\"]?\s*[^#'\"\s]", value):
                found.append(f"url() to elsewhere in {local}= on <{tag}>")
        if tag == "style" and re.search(r"url\(\s*['\"]?\s*[^#'\"\s]|@import", element.text or ""):
            found.append("a style that loads from elsewhere")
    return found


# The scheme of an address: a letter, then letters, digits, + . or -, up to its colon.
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")


class _RunsOrFetches(HTMLParser):
    LOADS = {"img", "script", "iframe", "embed", "object", "source", "video", "audio", "input", "link", "image", "use"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "base", "form", "style", "svg", "math"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            seen = re.sub(r"[\t\n\r]", "", value or "").strip(" \x00").lower()
            if name.startswith("on") or name in ("style", "rel", "srcset", "formaction"):
                self.found.append(f"{name}= on <{tag}>")
            scheme = _SCHEME.match(seen) if name in _ADDRESS_ATTRIBUTES else None  # a scheme starts with a letter
            if scheme and scheme.group(1) not in URL_SCHEMES:
                self.found.append(f"{name}={seen[:40]} on <{tag}>")
            if tag in self.LOADS and name in ("src", "href", "poster", "data") and (scheme or seen.startswith("/")):
                self.found.append(f"remote {name}={seen[:40]} on <{tag}>")


def runs_or_fetches(html: str) -> list[str]:
    """What in a piece of cleaned HTML would run script, or fetch from anywhere, when a browser reads it;
    empty when nothing would."""
    parser = _RunsOrFetches()
    parser.feed(html)
    parser.close()
    return parser.found
