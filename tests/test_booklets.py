"""The printable booklets: one PDF per strategy and one per Easy Read edition, linked from the site,
tagged for screen readers, with their text extractable, and each Easy Read picture left of its words."""

from __future__ import annotations

import ctypes
import datetime as dt
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest

from easyread.checker import estimate_pages
from easyread.stage import consultation_time
from plugins.content import Library, LoadedStrategy

from .conftest import AS_OF, REPO, page


def _booklet(site: Path, strategy_id: str, easy_read: bool) -> Path:
    slug = strategy_id.split("/")[1]
    return site / strategy_id / f"{slug}{'-easy-read' if easy_read else ''}.pdf"


def _words(text: str) -> str:
    # A line of a booklet may end after a slash ("and/" then "or"), where the font's widths put the
    # break (Liberation Sans, standing in for Arial, breaks there; DejaVu Sans elsewhere): the words
    # are the same.
    return re.sub(r"/\s+", "/", re.sub(r"\s+", " ", text)).strip()


def test_every_strategy_and_easy_read_edition_has_a_booklet_linked_from_its_page(
    site: Path, library: Library, easy_read_editions: list[LoadedStrategy]
):
    for s in library.strategies:
        html = (site / s.id / "index.html").read_text(encoding="utf-8")
        assert f'<a href="{s.slug}.pdf">Print this strategy (PDF)</a>' in html
        assert _booklet(site, s.id, easy_read=False).stat().st_size > 10_000
    for s in easy_read_editions:
        html = (site / s.id / "easy-read" / "index.html").read_text(encoding="utf-8")
        assert f'<a href="../{s.slug}-easy-read.pdf">Print this booklet (PDF)</a>' in html
        assert _booklet(site, s.id, easy_read=True).stat().st_size > 10_000


@pytest.mark.parametrize("easy_read", [True, False], ids=["easy-read", "standard"])
def test_booklets_are_tagged_pdf_ua_with_their_language_and_title(site: Path, easy_read: bool, easy_read_editions: list[LoadedStrategy]):
    for s in easy_read_editions:
        reader = pypdf.PdfReader(_booklet(site, s.id, easy_read))
        root = reader.trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in root
        assert root["/Lang"] == "en-GB"
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
        assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()
        expected = f"{s.model.easy_read.title} (Easy Read)" if easy_read else s.model.title
        assert reader.metadata.title == expected


def test_easy_read_booklets_carry_every_point_as_text_at_16pt_or_more(site: Path, easy_read_editions: list[LoadedStrategy]):
    for s in easy_read_editions:
        reader = pypdf.PdfReader(_booklet(site, s.id, easy_read=True))
        sizes: list[float] = []

        def visit(text, cm, tm, font, size, sizes=sizes):
            if text.strip():
                a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
                sizes.append(size * (a * a + b * b) ** 0.5)

        text = _words(" ".join(page.extract_text(visitor_text=visit) for page in reader.pages))
        now = consultation_time(s.model, dt.date.fromisoformat(AS_OF))
        for section in s.model.easy_read.sections:
            assert section.heading in text
            for point in section.points:
                # A point true only at one time in the consultation's life is printed only then.
                assert (_words(point.text) in text) == (point.when in (None, now)), point.text
        assert min(sizes) >= 16 - 0.01
        assert "Page 3 of" in text
        # The scorecard's estimate of printed pages is close to the real count.
        assert abs(len(reader.pages) - estimate_pages(s.model.easy_read)) <= 3


def test_each_easy_read_picture_is_printed_to_the_left_of_its_words(site: Path, easy_read_editions: list[LoadedStrategy]):
    checked = 0
    for s in easy_read_editions:
        pdf = pdfium.PdfDocument(_booklet(site, s.id, easy_read=True))
        for index in range(2, len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            # The list of hard words at the end has no pictures, and may begin as a point does.
            if text.startswith("Hard words"):
                break
            # Pictures are drawn as vector paths the size of a picture; text is text.
            pictures = [o.get_bounds() for o in page.get_objects(max_depth=2) if o.type == pdfium.raw.FPDF_PAGEOBJ_PATH]
            pictures = [b for b in pictures if 20 < b[2] - b[0] < 100 and 20 < b[3] - b[1] < 100]
            for section in s.model.easy_read.sections:
                for point in section.points:
                    at = text.find(point.text[:25])
                    if at < 0:
                        continue
                    left, bottom, right, top = textpage.get_charbox(at)
                    beside = [b for b in pictures if b[2] <= left and b[1] < top + 40 and b[3] > bottom - 40]
                    assert beside, f"no picture to the left of '{point.text}' on page {index + 1} of {s.id}"
                    checked += 1
    assert checked >= sum(len(sec.points) for s in easy_read_editions for sec in s.model.easy_read.sections) * 0.9


# --- The Easy Read booklet laid out for reading ---------------------------------------------------------

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# What a reader reads as one thing, with any spaces or line breaks between its parts as a PDF's text
# gives them: a date (10 February 2025, June 2026, 6 April), a time (10am, 2:30pm, 14:00), a phone number.
READ_AS_ONE = re.compile(
    rf"\b(?:\d{{1,2}}\s+(?:{MONTHS})(?:\s+\d{{4}})?|(?:{MONTHS})\s+\d{{4}}"
    r"|\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)|\d{1,2}:\d{2}|0\d{2,4}(?:\s*\d{3,4}){2})\b"
)
_SECTION = re.compile(r'<h2 id="[^"]+">([^<]*)</h2>\s*<div class="er-points">(.*?)\n</div>', re.S)
_ROW = re.compile(r'<div class="er-point( [^"]*)?">.*?<p>(.*?)</p></div>\n', re.S)


@dataclass
class Row:
    """One row of the Easy Read page, as the booklet prints it: its words, and where the booklet has them."""

    html: str
    hard_word: bool
    page: int = -1
    at: int = -1  # where its words start in that page's text

    @property
    def text(self) -> str:
        return _words(html.unescape(re.sub(r"<[^>]+>", "", self.html)))

    @property
    def bold(self) -> list[str]:
        return [html.unescape(b) for b in re.findall(r"<strong>(.*?)</strong>", self.html)]


@dataclass
class PrintedPage:
    text: str  # as pdfium gives it: one character per character drawn, a line break between lines
    textpage: pdfium.PdfTextPage
    flat: str = ""  # the text with each run of spaces and line breaks as one space
    index: list[int] = field(default_factory=list)  # where each character of flat is in text

    def __post_init__(self) -> None:
        for at, char in enumerate(self.text):
            if char.isspace():
                if self.flat.endswith(" "):
                    continue
                char = " "
            self.flat += char
            self.index.append(at)


def _printed(site: Path, s: LoadedStrategy) -> tuple[pdfium.PdfDocument, list[PrintedPage]]:
    pdf = pdfium.PdfDocument(_booklet(site, s.id, easy_read=True))
    pages = []
    for number in range(len(pdf)):
        textpage = pdf[number].get_textpage()
        pages.append(PrintedPage(textpage.get_text_range(), textpage))
    return pdf, pages


def _rows_in_the_booklet(site: Path, s: LoadedStrategy, pages: list[PrintedPage]) -> list[tuple[str, list[Row]]]:
    """Each section of the Easy Read page with its rows, as the built page shows them, and the page of
    the booklet each row is printed on whole. Rows are found in order, so the same words twice (a
    hard word's meaning, again in the list at the end) are told apart."""
    built = page(site, f"{s.id}/easy-read").read_text(encoding="utf-8")
    sections = [
        (html.unescape(heading), [Row(words, "er-hard-word" in kind) for kind, words in _ROW.findall(body + "\n")])
        for heading, body in _SECTION.findall(built)
    ]
    assert len(sections) == len(s.model.easy_read.sections)
    number, start = 0, 0
    for heading, rows in sections:
        # A section's first row is on a later page than the row before (the cover and the contents come
        # first, and each section starts a page); each next row is on the same page or the one after.
        if rows:
            number, start = next(n for n in range(number + 1, len(pages)) if rows[0].text in pages[n].flat), 0
        for row in rows:
            found = pages[number].flat.find(row.text, start)
            if found < 0:
                number += 1
                found = pages[number].flat.find(row.text) if number < len(pages) else -1
                assert found >= 0, f"{s.id}: the row '{row.text}' ({heading}) is not printed whole on one page"
            row.page, row.at, start = number, found, found + len(row.text)
    return sections


def _is_bold(printed: PrintedPage, flat_at: int, length: int) -> bool:
    buffer, flags = ctypes.create_string_buffer(256), ctypes.c_int()
    for i in range(flat_at, flat_at + length):
        pdfium.raw.FPDFText_GetFontInfo(printed.textpage.raw, printed.index[i], buffer, 256, ctypes.byref(flags))
        if not buffer.value.decode().endswith("-Bold"):
            return False
    return True


def test_each_hard_word_is_in_bold_and_explained_on_the_page_where_it_is_first_used(site: Path, easy_read_editions: list[LoadedStrategy]):
    checked = 0
    for s in easy_read_editions:
        pdf, pages = _printed(site, s)
        for heading, rows in _rows_in_the_booklet(site, s, pages):
            point = None
            for row in rows:
                if not row.hard_word:
                    point = row
                    continue
                assert point is not None, f"{s.id}: a hard word's explanation opens '{heading}'"
                assert row.page == point.page, (
                    f"{s.id}: '{point.text}' is on page {point.page + 1}, and the explanation '{row.text}' on page {row.page + 1}"
                )
                for word in point.bold:
                    at = pages[point.page].flat.find(word, point.at)
                    assert 0 <= at < point.at + len(point.text), f"{s.id}: '{word}' is not printed in '{point.text}'"
                    assert _is_bold(pages[point.page], at, len(word)), f"{s.id}: '{word}' is not bold on page {point.page + 1}"
                checked += 1
        pdf.close()
    assert checked >= len(easy_read_editions)


def test_no_page_holds_fewer_than_three_rows_of_a_section_unless_it_has_fewer(site: Path, easy_read_editions: list[LoadedStrategy]):
    """Each section starts a page. A page holding any of a section's rows holds at least three of them,
    or all of them when the section has fewer than three: so no page is left with one or two rows
    because the section ran on, nor with one or two rows before it runs on. A short section (one or two
    rows) is the only page that may hold fewer, and it ends that section."""
    counted = 0
    for s in easy_read_editions:
        pdf, pages = _printed(site, s)
        for heading, rows in _rows_in_the_booklet(site, s, pages):
            on_page = Counter(row.page for row in rows)
            for number, count in on_page.items():
                assert count >= min(3, len(rows)), (
                    f"{s.id}: page {number + 1} holds {count} of the {len(rows)} rows of '{heading}': "
                    + " / ".join(row.text for row in rows if row.page == number)
                )
                counted += 1
        pdf.close()
    assert counted >= sum(len(s.model.easy_read.sections) for s in easy_read_editions)


def test_no_date_time_or_phone_number_is_split_across_two_lines_of_a_booklet(site: Path, easy_read_editions: list[LoadedStrategy]):
    checked = []
    for s in easy_read_editions:
        pdf, pages = _printed(site, s)
        for number, printed in enumerate(pages):
            for match in READ_AS_ONE.finditer(printed.text):
                # Each character drawn at its line's height: one line means one top for every character.
                tops = {
                    round(printed.textpage.get_charbox(i, loose=True)[3]) for i in range(*match.span()) if not printed.text[i].isspace()
                }
                assert len(tops) == 1, f"{s.id}: '{match.group(0)}' is split across lines on page {number + 1}"
                checked.append(match.group(0))
        pdf.close()
    assert len(checked) >= 2 * len(easy_read_editions), checked
    assert any(re.fullmatch(r"0\d+ \d+ ?\d+", c) for c in checked), "no phone number was read back"


def test_the_easy_read_page_keeps_each_date_time_and_phone_number_in_an_unbroken_span(site: Path, easy_read_editions: list[LoadedStrategy]):
    kept = 0
    for s in easy_read_editions:
        built = page(site, f"{s.id}/easy-read").read_text(encoding="utf-8")
        rows = [row for _, body in _SECTION.findall(built) for _, row in _ROW.findall(body + "\n")]
        for row in rows:
            # Every one is in a span the stylesheets keep on one line (white-space: nowrap), and no other.
            outside = re.sub(r'<span class="er-nowrap">[^<]*</span>', "", re.sub(r'<a href="tel:[^"]*">', "", row))
            assert not READ_AS_ONE.search(re.sub(r"<[^>]+>", "", outside)), row
            kept += row.count('<span class="er-nowrap">')
    assert kept >= 2 * len(easy_read_editions)


def test_the_booklet_credits_its_pictures_and_names_their_licence_once(
    site: Path, library: Library, easy_read_editions: list[LoadedStrategy]
):
    for s in easy_read_editions:
        pdf, pages = _printed(site, s)
        last = pages[-1].flat
        credits = last[last.index("Checks and pictures") :]
        credited = [ps for ps in library.pictures.sets if ps.credit in credits]
        assert credited, credits
        for picture_set in credited:
            assert credits.count(picture_set.credit) == 1, credits
            assert len(re.findall(rf"\b{re.escape(picture_set.licence)}\b", credits)) == 1, credits
        assert len(re.findall(r"\blicence\b", credits, re.I)) == len(credited), credits
        pdf.close()


def test_the_easy_read_font_has_no_plain_zero_to_ask_for():
    """Some readers find Atkinson Hyperlegible's slashed zero makes 2026 read oddly. A plain zero would be
    asked for with font-feature-settings, in the booklet and on the page, if the font had one: the copy
    the site ships has none, so neither asks. This fails when a new copy of the font offers one (a `zero`
    feature, a stylistic set, or any other substitute for the zero that is not drawn from it): then ask
    for it in templates/booklets/easy-read.html.j2 and docs/assets/stylesheets/easy-read.css."""
    from fontTools.ttLib import TTFont

    for weight in (400, 700):
        font = TTFont(REPO / f"docs/assets/fonts/atkinson-hyperlegible-latin-{weight}-normal.woff2")
        gsub = font["GSUB"].table
        features = {record.FeatureTag for record in gsub.FeatureList.FeatureRecord}
        assert not {f for f in features if f in ("zero", "salt") or f[:2] in ("ss", "cv")}, features
        substitutes = set()
        for lookup in gsub.LookupList.Lookup:
            for table in lookup.SubTable:
                table = getattr(table, "ExtSubTable", table)  # an extension lookup holds the real one
                substitutes.add((getattr(table, "mapping", None) or {}).get("zero"))
                substitutes.update((getattr(table, "alternates", None) or {}).get("zero", []))
        substitutes.discard(None)
        assert substitutes == {"zero.tf"}  # the tabular zero, for tnum
        glyphs = font["glyf"]
        assert [c.glyphName for c in glyphs["zero.tf"].components] == ["zero"]
        # The zero's outline, and the two counters its slash divides the inside into.
        assert glyphs["zero"].numberOfContours == 3


def test_the_standard_booklet_prints_every_page_of_its_strategys_menu_in_the_words_the_page_shows(site: Path, library: Library):
    # The booklet is printed from the pages' own HTML, as the build made and cleaned it: each page of the
    # menu (not the Easy Read edition or its review page) is in the booklet, found by a paragraph of
    # its own that no other page of the strategy has.
    for s in library.strategies:
        text = _words(" ".join(p.extract_text() for p in pypdf.PdfReader(_booklet(site, s.id, easy_read=False)).pages))
        built = sorted(p for p in (site / s.id).rglob("index.html") if "easy-read" not in p.relative_to(site / s.id).parts)
        paragraphs = {}
        for path in built:
            article = path.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]
            found = [_words(html.unescape(re.sub(r"<[^>]+>", "", p))) for p in re.findall(r"<p>(.*?)</p>", article, re.S)]
            paragraphs[path] = [p for p in found if len(p.split()) >= 8 and "http" not in p]
        shared = Counter(p for found in paragraphs.values() for p in set(found))
        own = {path: next((p for p in found if shared[p] == 1), None) for path, found in paragraphs.items()}
        assert sum(p is not None for p in own.values()) >= 8, s.id
        for path, paragraph in own.items():
            if paragraph is not None:
                assert paragraph in text, f"{path.relative_to(site)}: {paragraph!r} is not in the booklet"
