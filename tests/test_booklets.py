"""The printable booklets: one PDF per strategy and one per Easy Read edition, linked from the site,
tagged for screen readers, with their text extractable, and each Easy Read picture left of its words."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest

from easyread.checker import estimate_pages
from plugins.content import Library, LoadedStrategy


def _booklet(site: Path, strategy_id: str, easy_read: bool) -> Path:
    slug = strategy_id.split("/")[1]
    return site / strategy_id / f"{slug}{'-easy-read' if easy_read else ''}.pdf"


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


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
        for section in s.model.easy_read.sections:
            assert section.heading in text
            for point in section.points:
                assert _words(point.text) in text, point.text
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
