"""Printable booklets: each Easy Read edition, and each strategy's standard edition, as a tagged A4 PDF.

WeasyPrint prints HTML made from the same content as the site: the Easy Read booklet from the same
rows as the Easy Read page, the standard booklet from the same Markdown as the strategy's pages.
The PDFs are tagged (PDF/UA-1), with their language and title set, so a screen reader can read them
and their text can be copied. Their dates come from the build day, so the same content and day give
the same file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jinja2
from markupsafe import Markup

from easyread.page import EasyReadPage, PageRow, PageSection, kept_whole_text
from easyread.rules import Style
from plugins.content import Library, LoadedStrategy
from plugins.content.dates import uk_date
from plugins.content.pictures import Picture, PictureSet
from plugins.pages.edition import PageSpec, easy_read_uri, pdf_path, review_uri
from plugins.pages.news import strategy_uri
from plugins.pages.render import page_url, site_address
from plugins.pages.status import status_words
from plugins.safety.sandbox import Sandbox
from plugins.safety.sanitise import clean_html

# Easy Read print is 16pt or larger (rule 1's print size); the page's pixel size converts at 0.75pt.
MIN_EASY_READ_PT = 16
# The fonts as the site publishes them (from docs/assets/fonts), relative to the site's root.
FONTS = "assets/fonts"
_CHART_SRC = re.compile(r'src="(chart(?:-[a-z0-9]+)*\.svg)"')
_RELATIVE_LINK = re.compile(r'<a href="(?!https?:|mailto:|tel:|#)[^"]*">(.*?)</a>', re.S)
# A page holds at least this many of a section's rows, or all of them when the section has fewer.
KEPT_ROWS = 3


def blocks(section: PageSection) -> list[list[list[PageRow]]]:
    """A section's rows in the blocks the booklet never breaks across a page: each point with the hard
    words explained after it (rule 8: on the same page), and the section's first and last groups
    holding three rows or more together, so that neither the page a section starts on nor the page it
    ends on holds only one or two rows. A section too short to keep three at each end is one block."""
    groups = section.groups
    opening = next((i + 1 for i in range(len(groups)) if sum(len(g) for g in groups[: i + 1]) >= KEPT_ROWS), len(groups))
    ending = next((i for i in reversed(range(len(groups))) if sum(len(g) for g in groups[i:]) >= KEPT_ROWS), 0)
    if ending < opening:
        return [groups] if groups else []
    return [groups[:opening], *([g] for g in groups[opening:ending]), groups[ending:]]


def credit_line(picture_set: PictureSet) -> str:
    """A picture set's credit, naming its licence once: the credit already does, as a rule ("under the
    MIT licence"), and the licence is added only when it does not."""
    if re.search(rf"\b{re.escape(picture_set.licence)}\b", picture_set.credit, re.IGNORECASE):
        return picture_set.credit
    return f"{picture_set.credit} Licence: {picture_set.licence}."


@dataclass
class Booklet:
    strategy: LoadedStrategy
    easy_read: bool
    html: str

    @property
    def path(self) -> str:
        return pdf_path(self.strategy, easy_read=self.easy_read)


class Booklets:
    """Makes the booklets of every strategy in a library, as of a day."""

    def __init__(self, root: Path, library: Library, as_of: dt.date, *, style: Style, theme_dir: Path | None = None):
        """theme_dir is the theme's folder (custom_dir in mkdocs.yml), which holds booklets/; templates/ if not given."""
        self.root = root
        self.library = library
        self.as_of = as_of
        self.style = style
        # A council's booklet templates are untrusted, like its page templates: rendered in Jinja's sandbox.
        templates = theme_dir if theme_dir is not None else root / "templates"
        self.env = Sandbox(loader=jinja2.FileSystemLoader(str(templates)), autoescape=True, trim_blocks=True, lstrip_blocks=True)
        self.env.filters["keep_whole"] = kept_whole_text

    def online(self, uri: str) -> str | None:
        site = self.library.site.url
        return site_address(site, page_url(uri)) if site else None

    def easy_read(self, s: LoadedStrategy, page: EasyReadPage) -> Booklet:
        """The booklet of the same rows as the Easy Read page, worked out once for both."""
        edition = s.model.easy_read
        assert edition is not None

        def picture_file(picture: Picture | None) -> str:
            # The picture as published, cleaned, in the site being built: the booklet reads nothing else.
            return picture.site_path if picture else ""

        sections = [(section, blocks(section)) for section in page.sections]
        html = self.env.get_template("booklets/easy-read.html.j2").render(
            s=s,
            m=s.model,
            er=page,
            sections=sections,
            language=self.library.site.language,
            written=edition.date if isinstance(edition.date, str) else edition.date.isoformat(),
            written_words=f"Written {uk_date(edition.date)}",
            as_of=self.as_of.isoformat(),
            body_pt=max(MIN_EASY_READ_PT, round(self.style.font_size_px * 0.75, 1)),
            line_height=self.style.line_height,
            font_family=self.style.font_family.replace('"', ""),
            fonts=FONTS,
            picture_file=picture_file,
            cover_picture=picture_file(page.cover_picture),
            credits=[credit_line(ps) for ps in sorted({p.set for p in page.pictures}, key=lambda ps: ps.id)],
            online=self.online(easy_read_uri(s)),
        )
        return Booklet(s, True, html)

    def standard(self, s: LoadedStrategy, specs: Sequence[PageSpec], contents: Mapping[str, str]) -> Booklet:
        """contents holds the pages' HTML as the build made them, by their path in docs/."""
        pages = []
        for spec in specs:
            # The standard edition's pages are those of the strategy's menu: not the Easy Read edition,
            # nor its review page, which is for the communications team.
            if spec.strategy is not s or spec.uri in (easy_read_uri(s), review_uri(s)):
                continue
            # The page's own HTML, converted and cleaned as the build made it, and cleaned again here, in
            # milliseconds, so that no later hook of another plugin can reach the booklet uncleaned: the
            # same one path to a reader as the pages take (see plugins/sanitise.py).
            html = clean_html(contents[spec.uri])
            # Links between the site's pages mean nothing on paper: keep their words, drop the link.
            html = _RELATIVE_LINK.sub(r"\1", html)
            # A chart is in its page's folder; the booklet reads every file from the site's root.
            html = _CHART_SRC.sub(rf'src="{page_url(spec.uri)}\1"', html)
            anchor = re.sub(r"[^a-z0-9]+", "-", spec.uri.removesuffix(".md").lower()).strip("-")
            pages.append({"id": anchor, "title": spec.title, "html": Markup(html)})
        html = self.env.get_template("booklets/standard.html.j2").render(
            s=s,
            m=s.model,
            pages=pages,
            language=self.library.site.language,
            published=str(s.model.stages[0].date),  # a month or a year as W3C dates allow: 2026-07
            as_of=self.as_of.isoformat(),
            as_of_words=uk_date(self.as_of),
            status_words=status_words(s.model, self.as_of),
            online=self.online(strategy_uri(s)),
        )
        return Booklet(s, False, html)

    def all(self, specs: Sequence[PageSpec], contents: Mapping[str, str]) -> list[Booklet]:
        """Every booklet of the library; contents holds the pages' HTML as the build made them, by their path in docs/."""
        easy_read_pages = {spec.uri: spec.context["er"] for spec in specs if spec.strategy and spec.uri == easy_read_uri(spec.strategy)}
        booklets = []
        for s in self.library.strategies:
            booklets.append(self.standard(s, specs, contents))
            if s.model.easy_read is not None:
                booklets.append(self.easy_read(s, easy_read_pages[easy_read_uri(s)]))
        return booklets


class BookletFailed(Exception):
    """A booklet could not be printed; the message says which, and why, in words for the person who ran the build."""


def _site_fetcher(site_dir: Path, served: dict[str, str] | None = None) -> Any:
    """WeasyPrint's fetcher, serving only files of the site being built (its pages, fonts and cleaned
    pictures) and refusing everything else: no network, no file elsewhere on the machine (such as
    /proc/self/environ, which holds CI's secrets), whether asked for by a picture, a style, a font or
    an attachment. A refusal stops the booklet, rather than printing it with a hole.

    Each file served is noted in served, by its path in the site, with the sha256 of the bytes served:
    the booklet cache reuses a booklet only while every one of them is unchanged."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    root = site_dir.resolve()

    class SiteFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            path = Path(url2pathname(parts.path)).resolve() if parts.scheme == "file" and parts.netloc in ("", "localhost") else None
            if path is None or not path.is_relative_to(root) or not path.is_file():
                raise BookletResourceRefused(url)
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            body = path.read_bytes()
            if served is not None:
                served[path.relative_to(root).as_posix()] = hashlib.sha256(body).hexdigest()
            return URLFetcherResponse(path.as_uri(), body=body, headers={"Content-Type": kind})

    return SiteFetcher(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=True)


class BookletResourceRefused(Exception):
    pass


def write_pdf(booklet: Booklet, site_dir: Path) -> Path:
    target = site_dir / booklet.path
    print_pdf(booklet.path, booklet.html, site_dir)
    return target


def print_pdf(path: str, html: str, site_dir: Path) -> dict[str, str]:
    """Print a booklet's HTML to path in the site. Returns the files of the site it read, each with the
    sha256 of its bytes (see _site_fetcher). Takes plain values, so that a worker process can be sent them."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    from plugins.publishing import pdf_tables

    target = site_dir / path
    target.parent.mkdir(parents=True, exist_ok=True)
    # The identifier comes from the content, so the same booklet is the same file on every build; the
    # HTML names files relative to the site, never by where the project happens to be checked out.
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    served: dict[str, str] = {}
    document = HTML(string=html, base_url=root_url(site_dir), url_fetcher=_site_fetcher(site_dir, served))
    fonts = FontConfiguration()
    try:
        # The tables' structure as the HTML gives it, which WeasyPrint's tagging leaves incomplete: see pdf_tables.
        document.write_pdf(
            target,
            pdf_variant="pdf/ua-1",
            pdf_identifier=identifier,
            stylesheets=[CSS(string=pdf_tables.STYLESHEET)],
            finisher=pdf_tables.finish,
            font_config=fonts,
        )
    except FatalURLFetchingError as error:
        refused = error.__cause__.args[0] if isinstance(error.__cause__, BookletResourceRefused) else str(error)
        raise BookletFailed(
            f"The booklet {path} asks for {str(refused)[:120]}, which is not a file of the site being built. "
            "A booklet may use only the site's own pictures, fonts and styles; check the booklet templates in templates/booklets/."
        ) from None
    finally:
        # WeasyPrint copies the booklet's fonts into a temporary folder, which it removes when Python frees
        # the font settings: only once their reference cycle is collected, which a process that ends at
        # once (a worker, the booklets' own process) never reaches. Its own clean-up, run now.
        fonts.__del__()
    return dict(sorted(served.items()))


def root_url(site_dir: Path) -> str:
    """The address the booklets' relative addresses are read from: the root of the site being built."""
    return site_dir.resolve().as_uri() + "/"
