"""`import` reads a council's document in each format an officer has it into the same blocks, each
saying where it is; a file it cannot or must not read gets a plain sentence, never a traceback.

Every document here is a real file made in the test: Word by python-docx, PDF by WeasyPrint (with a
ruled table, as councils' reports have), a saved web page with the menus, cookie banner and footer
that councils' pages carry, and Markdown. Nothing here reaches the network.
"""

from __future__ import annotations

import os
import subprocess
import sys
import types
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
import weasyprint
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from plugins.importing.document import Block, Cell, Document
from plugins.importing.formats import MAX_DOCX_PARTS, Unreadable, read_source

from .conftest import REPO


def _cells(*rows: tuple[tuple[str, ...], ...], where: str) -> tuple[tuple[Cell, ...], ...]:
    """A table's rows of cells, each cell's paragraphs given, its where made from the table's."""
    return tuple(
        tuple(Cell(paragraphs, f"{where}, row {r}, column {c}") for c, paragraphs in enumerate(row, 1)) for r, row in enumerate(rows, 1)
    )


def _refused(path: Path) -> str:
    with pytest.raises(Unreadable) as refused:
        read_source(path)
    message = str(refused.value)
    assert "Traceback" not in message and 'File "' not in message and "Error" not in message, message
    return message


# Word


def _word_report(path: Path) -> Path:
    word = docx.Document()
    word.add_paragraph("SEND Strategy 2021 to 2024", style="Title")
    word.add_heading("Purpose of the report", level=1)
    word.add_paragraph("1. This report asks the Executive to note the\u200b strategy.")
    word.add_paragraph("2. The strategy has four priorities.")
    word.add_paragraph("3. The Executive is recommended to note the strategy.")
    word.add_heading("Our priorities", level=2)
    word.add_paragraph("Responsive: coproduction, participation and communication", style="List Bullet")
    word.add_paragraph("Listening to families", style="List Bullet 2")
    word.add_paragraph("Effective: managing increasing levels of demand", style="List Bullet")
    word.add_paragraph("•\tEfficient: partnership working", style="Normal")  # a bullet typed, not Word's
    word.add_paragraph("b) a further report be submitted to the Cabinet", style="List Bullet")
    line = word.add_paragraph()
    line.add_run("What we will do").bold = True
    line.add_run(" each year").bold = True
    word.add_paragraph("")  # an empty paragraph is not counted: an officer cannot see it
    word.add_paragraph("Agree the plan with the board", style="List Number")
    word.add_paragraph("Publish the plan", style="List Number")
    table = word.add_table(rows=4, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Year One", "Year Two", "Year Three"], strict=True):
        cell.text = text
    table.cell(1, 0).text = "Participation"
    table.cell(1, 0).add_paragraph("We will set up a parent carer forum.")
    table.cell(1, 1).text = "We will review the local offer."
    table.cell(1, 2).text = "We will publish an annual report."
    table.cell(2, 0).merge(table.cell(2, 1)).text = "Communication across the first two years"
    table.cell(2, 2).merge(table.cell(3, 2)).text = "We will keep the forum going."
    # Words left in a cell merged into the one above, which Word does not show.
    table.rows[3]._tr.tc_lst[2].add_p().add_r().text = "Words Word hides"
    table.cell(3, 0).text = "Inclusion"
    table.cell(3, 1).text = "We will train every school."
    word.add_paragraph("Officer to contact: Jane Pierce, 0116 454 1234")
    word.save(path)
    return path


def test_a_word_report_is_read_in_order_with_its_headings_numbers_lists_and_table(tmp_path: Path):
    document = read_source(_word_report(tmp_path / "Report.DOCX"))
    assert document.kind == "Word document" and document.name == "Report.DOCX"
    table = _cells(
        (("Year One",), ("Year Two",), ("Year Three",)),
        (
            ("Participation", "We will set up a parent carer forum."),
            ("We will review the local offer.",),
            ("We will publish an annual report.",),
        ),
        # Merged across two columns: the words once, the column it covers empty, Year Three still column 3.
        (("Communication across the first two years",), (), ("We will keep the forum going.",)),
        # Merged down from the row above: its words belong to that row, not repeated here.
        (("Inclusion",), ("We will train every school.",), ()),
        where="table 1",
    )
    assert document.blocks == (
        Block("heading", "paragraph 1 of the document", "SEND Strategy 2021 to 2024", level=1),
        Block("heading", "paragraph 2 of the document", "Purpose of the report", level=1),
        # Numbers 1 and 2 are also Word's list numbers below: only the unique 3 is found by its number.
        Block("paragraph", "paragraph 3 of the document", "This report asks the Executive to note the strategy.", number="1"),
        Block("paragraph", "paragraph 4 of the document", "The strategy has four priorities.", number="2"),
        Block("paragraph", "paragraph 3", "The Executive is recommended to note the strategy.", number="3"),
        Block("heading", "paragraph 6 of the document", "Our priorities", level=2),
        Block("item", "paragraph 7 of the document", "Responsive: coproduction, participation and communication", level=1),
        Block("item", "paragraph 8 of the document", "Listening to families", level=2),
        Block("item", "paragraph 9 of the document", "Effective: managing increasing levels of demand", level=1),
        Block("item", "paragraph 10 of the document", "Efficient: partnership working", level=1),
        Block("item", "paragraph 11 of the document", "a further report be submitted to the Cabinet", number="b)", level=1),
        Block("paragraph", "paragraph 12 of the document", "What we will do each year", bold=True),
        # Word's own numbering, which is not in the paragraphs' text, as the reader sees it.
        Block("paragraph", "paragraph 13 of the document", "Agree the plan with the board", number="1"),
        Block("paragraph", "paragraph 14 of the document", "Publish the plan", number="2"),
        Block("table", "table 1", rows=table),
        Block("paragraph", "paragraph 15 of the document", "Officer to contact: Jane Pierce, 0116 454 1234"),
    )
    assert document.notes == (
        "1 invisible character (such as zero-width spaces, direction marks or control characters) taken out of the text, "
        "which the content check would refuse",
    )


def test_a_word_table_of_contents_is_left_out_and_a_templates_own_heading_style_is_a_heading(tmp_path: Path):
    word = docx.Document()
    contents = word.styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH)
    council_heading = word.styles.add_style("Report Heading", WD_STYLE_TYPE.PARAGRAPH)
    council_heading.element.get_or_add_pPr().append(OxmlElement("w:outlineLvl"))
    council_heading.element.pPr[-1].set(qn("w:val"), "1")
    word.add_paragraph("Background\t3", style=contents)
    word.add_paragraph("Background", style=council_heading)
    word.add_paragraph("7. The council consulted in 2024.")
    path = tmp_path / "contents.docx"
    word.save(path)
    assert read_source(path).blocks == (
        Block("heading", "paragraph 1 of the document", "Background", level=2),
        Block("paragraph", "paragraph 7", "The council consulted in 2024.", number="7"),
    )


# PDF


REPORT_HTML = """<html><head><style>
@page { size: A4; margin: 2cm }
body { font-family: sans-serif; font-size: 11pt }
table { border-collapse: collapse; width: 100% }
td, th { border: 1px solid black; padding: 4pt; vertical-align: top; text-align: left }
</style></head><body>
<h1>SEND Strategy 2021 to 2024</h1>
<p>1. This report asks the Executive to note the strategy for special educational needs and disabilities,
which sets out how the division will work with families, schools and partners over the next three years.</p>
<p>2. The strategy has four priorities.</p>
<ul><li>Responsive: coproduction, participation and communication</li><li>Effective: managing increasing levels of demand</li></ul>
<h2>Action plan</h2>
<table><tr><th>Year One</th><th>Year Two</th><th>Year Three</th></tr>
<tr><td><p>Participation</p><p>We will develop a clear and consistent offer of support for parents and carers across the city.</p></td>
<td>We will review the local offer.</td><td>We will publish an annual report.</td></tr>
</table>
<p>Officer to contact: Jane Pierce, 0116 454 1234.</p>
<div style="break-before: page"></div>
<p style="break-before: page">Background papers: the Cabinet's report of 3 March 2026,
https://democracy.example.gov.uk/documents/s194972/Building%20Education%20Services%20Together%20Programme%20Plan.pdf</p>
</body></html>"""


def _pdf(path: Path, html: str = REPORT_HTML) -> Path:
    weasyprint.HTML(string=html).write_pdf(path)
    return path


def test_a_pdf_report_is_read_page_by_page_with_its_table(tmp_path: Path):
    document = read_source(_pdf(tmp_path / "report.pdf"))
    table = _cells(
        (("Year One",), ("Year Two",), ("Year Three",)),
        (
            # A cell's two paragraphs stay two (a theme, then its action), its wrapped lines one.
            ("Participation", "We will develop a clear and consistent offer of support for parents and carers across the city."),
            ("We will review the local offer.",),
            ("We will publish an annual report.",),
        ),
        where="page 1, table 1",
    )
    assert document.kind == "PDF"
    assert document.blocks == (
        Block("heading", "page 1", "SEND Strategy 2021 to 2024", level=1),
        Block(
            "paragraph",
            "page 1",
            "This report asks the Executive to note the strategy for special educational needs and disabilities, "
            "which sets out how the division will work with families, schools and partners over the next three years.",
            number="1",
        ),
        Block("paragraph", "page 1", "The strategy has four priorities.", number="2"),
        Block("item", "page 1", "Responsive: coproduction, participation and communication", level=1),
        Block("item", "page 1", "Effective: managing increasing levels of demand", level=1),
        Block("heading", "page 1", "Action plan", level=2),
        Block("table", "page 1, table 1", rows=table),
        Block("paragraph", "page 1", "Officer to contact: Jane Pierce, 0116 454 1234."),
        # The address the page broke after a "/" is one address again.
        Block(
            "paragraph",
            "page 3",
            "Background papers: the Cabinet's report of 3 March 2026, "
            "https://democracy.example.gov.uk/documents/s194972/Building%20Education%20Services%20Together%20Programme%20Plan.pdf",
        ),
    )
    assert document.notes == ("page 2 has no text that can be read: it may be a scanned picture",)


LONG_PARAGRAPH = (
    "The council will work with families, schools and health partners to make sure that every child with "
    "special educational needs is known early, supported in a local school wherever that is right for them, "
    "and prepared for adult life, and it will report each year to the Cabinet and to the Scrutiny Commission "
    "on what has been done, what it has cost and what families have said about it, so that the plan can be "
    "changed where it is not working as it should for the children and young people it is meant to help."
)
ACTIONS = [f"We will do action {n} with families." for n in range(1, 61)]
OVER_THE_PAGE_HTML = f"""<html><head><style>
@page {{ size: A4; margin: 2cm; @top-right {{ content: "OFFICIAL" }}
  @bottom-center {{ content: "Page " counter(page) " of " counter(pages) }} }}
body {{ font-family: sans-serif; font-size: 11pt }}
table {{ border-collapse: collapse; width: 100% }}
td, th {{ border: 1px solid black; padding: 3pt; text-align: left; vertical-align: top }}
td p {{ margin: 0 0 4pt 0 }}
</style></head><body>
<h1>Action plan</h1>
<div style="height: 620pt"></div>
<p>{LONG_PARAGRAPH}</p>
<table><thead><tr><th>Theme</th><th>Year One</th><th>Year Two</th></tr></thead><tbody>
<tr><td>Participation</td><td>We will set up a forum.</td><td>We will keep the forum going.</td></tr>
<tr><td>Inclusion</td><td>{"".join(f"<p>{action}</p>" for action in ACTIONS)}</td><td>We will review the actions.</td></tr>
<tr><td>Transport</td><td>We will review transport.</td><td>We will act on the review.</td></tr>
</tbody></table>
<p>After the table.</p>
</body></html>"""


def test_a_pdf_paragraph_and_table_going_on_over_the_page_are_read_whole_without_headers_and_footers(tmp_path: Path):
    document = read_source(_pdf(tmp_path / "plan.pdf", OVER_THE_PAGE_HTML))
    rows = _cells(
        (("Theme",), ("Year One",), ("Year Two",)),
        (("Participation",), ("We will set up a forum.",), ("We will keep the forum going.",)),
        # Its Year One cell runs on over the page, where the header row is repeated: one row, sixty actions.
        (("Inclusion",), tuple(ACTIONS), ("We will review the actions.",)),
        where="page 2, table 1",
    )
    # The next row is found on the page it is on: the third there, after the header and the rest of the row above.
    transport = tuple(
        Cell(paragraphs, f"page 3, table 1, row 3, column {column}")
        for column, paragraphs in enumerate([("Transport",), ("We will review transport.",), ("We will act on the review.",)], 1)
    )
    assert document.blocks == (
        Block("heading", "page 1", "Action plan", level=1),
        Block("paragraph", "page 1", LONG_PARAGRAPH),
        Block("table", "page 2, table 1", rows=(*rows, transport)),
        Block("paragraph", "page 3", "After the table."),
    )


def test_a_pdf_locked_with_a_password_is_refused_plainly(tmp_path: Path):
    writer = pypdf.PdfWriter(clone_from=_pdf(tmp_path / "open.pdf"))
    writer.encrypt("secret", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as file:
        writer.write(file)
    assert _refused(locked) == (
        "locked.pdf is protected by a password, so import cannot read it. Save a copy without the password, and import that."
    )


def test_a_pdf_of_more_pages_than_import_reads_is_refused_before_its_pages_are_read(tmp_path: Path):
    writer = pypdf.PdfWriter()
    for _ in range(501):
        writer.add_blank_page(width=72, height=72)
    path = tmp_path / "everything.pdf"
    with path.open("wb") as file:
        writer.write(file)
    assert _refused(path) == (
        "everything.pdf has more than 500 pages, the most import reads. "
        "Import the report and the appendices that hold the strategy, as a PDF of their own."
    )


def test_a_pdf_of_scanned_pictures_only_is_refused_plainly(tmp_path: Path):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as file:
        writer.write(file)
    assert _refused(path) == (
        "scan.pdf has no text that can be read: its pages may be scanned pictures. "
        "Import the document it was made from (Word, or the web page), or ask its author for a PDF with text."
    )


# A saved web page


COUNCIL_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>SEND and Inclusion Strategy | Example County Council</title>
<link rel="stylesheet" href="/assets/site.css"></head>
<body>
<div class="cookie-banner" id="cookie-banner" role="region" aria-label="Cookies on our website">
  <h2>Cookies on our website</h2>
  <p>We use cookies to make this site work and to collect information about how you use it.</p>
  <button>Accept all cookies</button> <button>Reject optional cookies</button> <a href="/cookies">Cookie settings</a>
</div>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <a href="/" class="logo">Example County Council</a>
  <form action="/search"><input name="q" aria-label="Search this site"><button>Search</button></form>
  <nav aria-label="Main menu"><ul>
    <li><a href="/bins">Bins, recycling and waste</a></li><li><a href="/council-tax">Council tax</a></li>
    <li><a href="/schools">Schools and education</a></li><li><a href="/social-care">Adult social care</a></li>
    <li><a href="/roads">Roads and transport</a></li><li><a href="/jobs">Jobs and careers</a></li>
    <li><a href="/contact">Contact us</a></li>
  </ul></nav>
</header>
<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>
  <li><a href="/">Home</a></li><li><a href="/schools">Schools and education</a></li><li><a href="/send">Special educational needs</a></li>
</ol></nav>
<main id="main"><article>
<h1>SEND and Inclusion Strategy 2024 to 2027</h1>
<p>This strategy sets out how we will support children and young people with special educational needs and
disabilities, and their families, over the next three years.</p>
<h2>Our priorities</h2>
<p>We have <strong>five priorities</strong>, agreed with families and schools across the county.</p>
<ol>
  <li>Priority 1: Early identification of need and early support</li>
  <li>Priority 2: Inclusive education in local mainstream schools
    <ul><li>Training for every school in the county</li></ul></li>
  <li>Priority 3: Preparing for adulthood from the earliest years</li>
</ol>
<h2>What we will do each year</h2>
<table>
  <thead><tr><th>Year One</th><th>Year Two</th><th>Year Three</th></tr></thead>
  <tbody><tr>
    <td>Participation<br>We will set up a parent carer forum.</td>
    <td>We will review the local offer with families.</td>
    <td>We will publish an annual report on progress.</td>
  </tr></tbody>
</table>
<p><strong>How to respond</strong></p>
<p>12. The consultation runs from 10 February 2025 until 6 April 2025.</p>
</article></main>
<footer class="site-footer">
  <ul><li><a href="/privacy">Privacy notice</a></li><li><a href="/accessibility">Accessibility statement</a></li>
  <li><a href="/cookies">Cookies</a></li></ul>
  <p>© Example County Council 2024. All rights reserved.</p>
</footer>
<script>window.dataLayer = [{"event": "tracking script text"}];</script>
</body></html>"""


def test_a_saved_council_page_gives_its_main_content_without_menus_banner_or_footer(tmp_path: Path):
    path = tmp_path / "send-strategy.html"
    path.write_text(COUNCIL_PAGE, encoding="utf-8")
    document = read_source(path)
    assert document.kind == "web page"
    words = " ".join(block.text for block in document.blocks)
    for chrome in ("cookies", "Accept all", "Bins", "Council tax", "Skip to main", "Breadcrumb", "Privacy", "rights reserved", "script"):
        assert chrome.lower() not in words.lower()
    after = "the list after 'Our priorities'"
    assert document.blocks == (
        Block("heading", "heading 'SEND and Inclusion Strategy 2024 to 2027'", "SEND and Inclusion Strategy 2024 to 2027", level=1),
        Block(
            "paragraph",
            "paragraph 1 of the page",
            "This strategy sets out how we will support children and young people with special educational needs and "
            "disabilities, and their families, over the next three years.",
        ),
        Block("heading", "heading 'Our priorities'", "Our priorities", level=2),
        Block("paragraph", "paragraph 2 of the page", "We have five priorities, agreed with families and schools across the county."),
        Block("paragraph", f"item 1 of {after}", "Priority 1: Early identification of need and early support", number="1"),
        Block("paragraph", f"item 2 of {after}", "Priority 2: Inclusive education in local mainstream schools", number="2"),
        Block("item", f"item 3 of {after}", "Training for every school in the county", level=2),
        Block("paragraph", f"item 4 of {after}", "Priority 3: Preparing for adulthood from the earliest years", number="3"),
        Block("heading", "heading 'What we will do each year'", "What we will do each year", level=2),
        Block(
            "table",
            "table 1",
            rows=_cells(
                (("Year One",), ("Year Two",), ("Year Three",)),
                (
                    ("Participation", "We will set up a parent carer forum."),
                    ("We will review the local offer with families.",),
                    ("We will publish an annual report on progress.",),
                ),
                where="table 1",
            ),
        ),
        Block("paragraph", "paragraph 3 of the page", "How to respond", bold=True),
        Block("paragraph", "paragraph 4 of the page", "The consultation runs from 10 February 2025 until 6 April 2025.", number="12"),
    )


# Markdown

COUNCIL_MARKDOWN = """---
title: not a block
---
# Belonging in Education Strategy

**Our vision**

Every child belongs in their local school,
and is *welcomed* there.

1. This report seeks approval to consult on the [draft strategy](https://example.gov.uk/strategy).
2. The consultation will run for eight weeks.

Our priorities
--------------

- Priority one – early help
  - Support for families
- Priority two – inclusion

| Year One | Year Two | Year Three |
| --- | --- | --- |
| Participation<br>We will set up a forum. | We will review the offer. | We will report \\| publish. |

5.1 The Cabinet is recommended to approve the strategy.
"""


def test_a_markdown_strategy_is_read_with_the_line_each_block_starts_on(tmp_path: Path):
    path = tmp_path / "belonging.md"
    path.write_text(COUNCIL_MARKDOWN, encoding="utf-8")
    document = read_source(path)
    assert document.kind == "Markdown"
    assert document.blocks == (
        Block("heading", "line 4", "Belonging in Education Strategy", level=1),
        Block("paragraph", "line 6", "Our vision", bold=True),
        Block("paragraph", "line 8", "Every child belongs in their local school, and is welcomed there."),
        Block("paragraph", "line 11", "This report seeks approval to consult on the draft strategy.", number="1"),
        Block("paragraph", "line 12", "The consultation will run for eight weeks.", number="2"),
        Block("heading", "line 14", "Our priorities", level=2),
        Block("item", "line 17", "Priority one – early help", level=1),
        Block("item", "line 18", "Support for families", level=2),
        Block("item", "line 19", "Priority two – inclusion", level=1),
        Block(
            "table",
            "line 21",
            rows=_cells(
                (("Year One",), ("Year Two",), ("Year Three",)),
                (("Participation", "We will set up a forum."), ("We will review the offer.",), ("We will report | publish.",)),
                where="table 1",
            ),
        ),
        Block("paragraph", "line 25", "The Cabinet is recommended to approve the strategy.", number="5.1"),
    )


def test_markdown_made_to_be_slow_to_read_is_read_at_once(tmp_path: Path):
    # Unmatched marks by the hundred thousand on one line: a pattern that backtracks would take hours.
    path = tmp_path / "marks.md"
    path.write_text("[" * 200_000 + "**x " * 50_000 + "<a " * 50_000 + "\\" * 100_000 + "\n", encoding="utf-8")
    script = (
        f"from pathlib import Path; from plugins.importing.formats import read_source; print(len(read_source(Path({str(path)!r})).blocks))"
    )
    finished = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120, check=True)
    assert finished.stdout.strip() == "1"


# Plain text: decoded here, read by text.read_text


@pytest.fixture
def text_reader(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """text.read_text replaced by one that records the text it is given."""
    given: list[str] = []

    def read_text(name: str, text: str) -> Document:
        given.append(text)
        return Document(name, "plain text", (Block("paragraph", "line 1", text.splitlines()[0]),), ("its own note",))

    monkeypatch.setitem(sys.modules, "plugins.importing.text", types.SimpleNamespace(read_text=read_text))
    return given


def test_plain_text_in_utf8_with_windows_line_ends_reaches_the_text_reader_as_lines(tmp_path: Path, text_reader: list[str]):
    path = tmp_path / "report.TXT"
    path.write_bytes("\ufeffChildren’s services\r\nline two\rline three\u200b\u202e\x0cend\n".encode())
    document = read_source(path)
    assert text_reader == ["Children’s services\nline two\nline three end\n"]
    assert document.notes == (
        "2 invisible characters (such as zero-width spaces, direction marks or control characters) taken out of the text, "
        "which the content check would refuse",
        "its own note",
    )


def test_plain_text_saved_as_unicode_by_notepad_is_read(tmp_path: Path, text_reader: list[str]):
    path = tmp_path / "notepad.txt"
    path.write_bytes("Children’s services\r\n".encode("utf-16"))  # with the byte-order mark Notepad writes
    read_source(path)
    assert text_reader == ["Children’s services\n"]


def test_plain_text_saved_by_an_older_windows_program_is_read_as_windows_1252_and_said_so(tmp_path: Path, text_reader: list[str]):
    path = tmp_path / "old.text"
    path.write_bytes("Children’s services – 2024 café\n".encode("cp1252"))
    document = read_source(path)
    assert text_reader == ["Children’s services – 2024 café\n"]
    assert document.notes[0] == (
        "old.text is not saved as UTF-8, so it was read as Windows-1252, as older Windows programs save text: "
        "check that quotation marks, dashes and accented letters read as they should"
    )


def test_utf8_with_a_damaged_byte_keeps_its_other_characters_and_says_which_are_lost(tmp_path: Path):
    path = tmp_path / "damaged.md"
    # A dash as Windows-1252 writes it, alone in text otherwise UTF-8 (as a paste from an older program leaves it).
    path.write_bytes("# Children’s services\n\nCafé ".encode() + b"\x96" + b" provision\n")
    document = read_source(path)
    assert document.blocks == (
        Block("heading", "line 1", "Children’s services", level=1),
        Block("paragraph", "line 3", "Café � provision"),
    )
    assert document.notes == ("1 character of damaged.md could not be read as UTF-8, so it is shown as �: check against the document",)


# Files import cannot or must not read


def test_a_word_document_that_unpacks_to_more_than_import_unpacks_is_refused_before_it_is_opened(tmp_path: Path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            zeros = bytes(8 * 1024 * 1024)
            for _ in range(26):  # 208 MB of zeros, packed into a few hundred kilobytes
                part.write(zeros)
    assert path.stat().st_size < 2 * 1024 * 1024
    assert _refused(path) == (
        "bomb.docx would unpack to 208 MB, more than the 200 MB import unpacks from a Word document: "
        "it may be damaged or made to overload the computer. "
        "Save it again from Word without large pictures, or save it as PDF, and import that."
    )


def test_a_word_document_of_thousands_of_parts_is_refused(tmp_path: Path):
    path = tmp_path / "parts.docx"
    with zipfile.ZipFile(path, "w") as package:
        for n in range(MAX_DOCX_PARTS + 1):
            package.writestr(f"word/part{n}.xml", "")
    assert _refused(path).startswith("parts.docx holds 2,001 parts, more than the 2,000 a Word document needs")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("renamed.docx", b"This is a text file that was given a Word document's name."),
        ("spreadsheet.docx", None),  # a real zip, but not a Word document
    ],
)
def test_a_file_that_is_not_a_word_document_is_refused_plainly(tmp_path: Path, name: str, content: bytes | None):
    path = tmp_path / name
    if content is None:
        with zipfile.ZipFile(path, "w") as package:
            package.writestr("xl/workbook.xml", "<workbook/>")
    else:
        path.write_bytes(content)
    assert _refused(path) == (
        f"{name} is not a Word document that can be read: it may be damaged. Save it again from Word, or save it as PDF, and import that."
    )


@pytest.mark.parametrize("content", [b"This is not a PDF at all, only words.", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> broken"])
def test_a_file_that_is_not_a_pdf_is_refused_plainly(tmp_path: Path, content: bytes):
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    assert _refused(path) == "report.pdf is not a PDF that can be read: it may be damaged. Save it as PDF again, and import that."


def test_a_folder_a_pipe_and_a_device_are_not_read(tmp_path: Path):
    folder = tmp_path / "report.docx"
    folder.mkdir()
    pipe = tmp_path / "notes.txt"
    os.mkfifo(pipe)  # read as a file, it would wait for a writer for ever
    device = tmp_path / "zeros.md"
    device.symlink_to("/dev/zero")  # read as a file, it would never end
    for path in (folder, pipe, device):
        assert _refused(path) == f"{path.name} is not a file but a folder, a device or a pipe. Give import the document's own file."


def test_a_link_to_the_officers_own_file_is_read(tmp_path: Path):
    (tmp_path / "saved.md").write_text("# Plan\n", encoding="utf-8")
    (tmp_path / "plan.md").symlink_to(tmp_path / "saved.md")
    assert read_source(tmp_path / "plan.md").blocks == (Block("heading", "line 1", "Plan", level=1),)


def test_a_missing_file_is_named(tmp_path: Path):
    assert _refused(tmp_path / "nowhere.pdf") == "nowhere.pdf cannot be found. Check the file's name and folder, and import it again."


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "report.doc",
            "report.doc is in the old Word format (.doc), which import cannot read. "
            "Open it in Word, save it as a Word document (.docx), and import that.",
        ),
        (
            "figures.xlsx",
            "figures.xlsx is not a kind of file import can read. It reads plain text (.txt), Markdown (.md), "
            "a saved web page (.html), Word (.docx) and PDF (.pdf): save the document as one of these, and import that.",
        ),
        (
            "README",
            "README is not a kind of file import can read. It reads plain text (.txt), Markdown (.md), "
            "a saved web page (.html), Word (.docx) and PDF (.pdf): save the document as one of these, and import that.",
        ),
    ],
)
def test_a_kind_of_file_import_does_not_read_is_refused_saying_what_it_reads(tmp_path: Path, name: str, message: str):
    path = tmp_path / name
    path.write_bytes(b"anything")
    assert _refused(path) == message


@pytest.mark.parametrize(("name", "size", "shown"), [("huge.pdf", 60 * 1024 * 1024, "60 MB"), ("huge.txt", 11 * 1024 * 1024, "11 MB")])
def test_a_file_larger_than_import_reads_is_refused_without_reading_it(tmp_path: Path, name: str, size: int, shown: str):
    path = tmp_path / name
    with path.open("wb") as file:
        file.truncate(size)  # sparse: no disk is used, and a reader that read it all would still be slow
    limit = "50 MB" if name.endswith(".pdf") else "10 MB"
    assert _refused(path) == (
        f"{name} is {shown}, more than the {limit} import reads from a file of its kind, so it is not read. "
        "Import the document itself, without large pictures or attachments."
    )


def test_an_empty_file_is_refused_plainly(tmp_path: Path):
    path = tmp_path / "blank.md"
    path.write_text("\n\n  \n", encoding="utf-8")
    assert _refused(path) == "blank.md is empty. Check that it is the document you meant, saved in full, and import it again."


def test_a_web_page_with_entities_external_references_and_script_fetches_nothing_and_keeps_no_script(
    tmp_path: Path, counting_server: tuple[str, list[str]]
):
    server, requests = counting_server
    secret = tmp_path / "secret.txt"
    secret.write_text("planted-secret-for-import", encoding="utf-8")
    laughs = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    page = f"""<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY lol0 "lol">{laughs}<!ENTITY secret SYSTEM "file://{secret}"><!ENTITY remote SYSTEM "{server}/entity">]>
<html><head><title>Plan</title><script src="{server}/script.js"></script><link rel="stylesheet" href="{server}/style.css"></head>
<body><main><h1>Consultation on the plan</h1>
<p>The first paragraph of the consultation page has enough words to be the page's main text &lol9; for certain.</p>
<p>A second paragraph names an entity &secret; and another &remote; with words enough to be kept too.</p>
<script>document.write("script text written by the page")</script>
<img src="{server}/picture.png" alt="a picture"><iframe src="{server}/frame"></iframe>
</main></body></html>"""
    path = tmp_path / "plan.htm"
    path.write_text(page, encoding="utf-8")
    document = read_source(path)
    words = " ".join(block.text for block in document.blocks)
    assert document.blocks[0] == Block("heading", "heading 'Consultation on the plan'", "Consultation on the plan", level=1)
    assert "lollol" not in words and "planted-secret" not in words and "script" not in words
    assert requests == []


def test_a_web_page_with_no_main_text_is_refused_plainly(tmp_path: Path):
    path = tmp_path / "app.html"
    path.write_text("<html><body><div id='app'></div><script src='/app.js'></script></body></html>", encoding="utf-8")
    assert _refused(path) == (
        "app.html has no main text that import could find: it may be a page of links only, "
        "or a page that shows its text with script. Open the page in a browser, wait until it shows in full, "
        "save it again as a web page, and import that."
    )


def test_a_binary_file_named_as_text_is_refused_plainly(tmp_path: Path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"PK\x03\x04\x00\x00binary\x00\xff")
    assert _refused(path) == (
        "report.txt is not text that import can read: it may be another kind of file given a text file's name. "
        "Open it, save it as plain text in UTF-8, and import that."
    )


def test_the_readers_libraries_are_imported_only_when_a_document_is_read():
    script = (
        "import sys, plugins.importing.formats; "
        "print(sorted(m for m in ('trafilatura', 'docx', 'pdfplumber', 'pdfminer', 'lxml.etree') if m in sys.modules))"
    )
    finished = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120, check=True)
    assert finished.stdout.strip() == "[]"
