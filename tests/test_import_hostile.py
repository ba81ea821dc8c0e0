"""`import` given a document, a name or a folder made to do harm: a sentence, exit code 1, nothing written;
or, for a part of a document made to do harm, the part left out and a note saying so.

Each attack here was found by trying it: a line whose patterns would take hours to match; a PDF of a
kilobyte that takes half a minute and most of a gigabyte to read, stopped at the reading's time limit
and at its memory limit, each said as such (running out of memory is never told as a damaged file or
page, however the PDF or Word library wraps it); a Word table of a kilobyte that declares 32,767
columns, which would need gigabytes filled out, left out with a note, as is a table wider than 100
columns in any format; a file name that writes its own lines into a log; a folder name too long for
the file system; a content folder that is a link out of the project; and a folder that appears while
the import is writing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
import zlib
from io import BytesIO
from pathlib import Path

import pytest

from plugins.content.scaffold import Refused
from plugins.importing import command, formats
from plugins.importing.command import recognised
from plugins.importing.formats import read_source

REPO = Path(__file__).resolve().parent.parent
SOURCE = next((REPO / "tests" / "sources").glob("002_*.txt"))

# Lines on which a pattern that backtracks would run for minutes or hours; each pattern is now linear.
LONG_LINES = {
    "digits after a paragraph number": "Priority 1: Do things\n1." + "1" * 40 + "\n",
    "values before a list": "| " + "values -" * 2000 + "\n",
    "a hyphenated run": "A-" * 50000 + "\n",
    "small words before an acronym": "Aa " + "and " * 25000 + "(AB)\n",
    "cell tags never closed": "<p>" * 50000 + "\n",
    "an address with no @": "Officer(s) to Contact\n\nEmail: " + "a" * 100000 + "\n",
    "a list that never ends": "our priorities are x " * 5000 + ":\n",
    "a board's name that never ends": "Governance\n\n" + "A-" * 50000 + " Board\n",
}


@pytest.mark.parametrize("text", LONG_LINES.values(), ids=LONG_LINES.keys())
def test_a_long_hostile_line_is_recognised_in_time_that_grows_with_its_length(text: str, tmp_path: Path):
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    reading = (
        "import sys; from pathlib import Path; from plugins.importing.formats import read_source; "
        "from plugins.importing.reports import recognise_report; from plugins.importing.plans import recognise_plans; "
        "from plugins.importing.command import _glossary; d = read_source(Path(sys.argv[1])); recognise_report(d); "
        "recognise_plans(d); _glossary(Path(sys.argv[2]), 'content', d); print('read')"
    )
    # Linear, each line is read in well under a second; one that backtracks would not end in a day.
    done = subprocess.run(
        [sys.executable, "-c", reading, str(path), str(REPO)], capture_output=True, text=True, timeout=120, cwd=REPO, check=False
    )
    assert (done.returncode, done.stdout) == (0, "read\n"), done.stderr


def pdf_that_unpacks(characters: int) -> bytes:
    """A one-page PDF of about a kilobyte whose compressed page holds this many characters of text."""
    stream = zlib.compress(b"BT /F1 1 Tf 0 10 Td (" + b"a" * characters + b") Tj ET", 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)


def test_a_pdf_made_to_take_the_processor_is_stopped_at_its_time_limit(tmp_path: Path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(pdf_that_unpacks(400_000))  # half a minute to read, unstopped
    assert len(bomb.read_bytes()) < 2000
    with pytest.raises(Refused) as slow:
        recognised(bomb, seconds=2)
    assert str(slow.value) == (
        "bomb.pdf took more than 2 seconds to read, far longer than a council's document needs: it may be damaged or "
        "made to overload the computer. Nothing was written. Save it again, or as another kind of file, and import that."
    )


# The reading process needs some 105 MB of address space to read a harmless document, its libraries
# imported; this limit leaves room for larger libraries, and is far below what the PDF needs (read
# unstopped, in half a minute, it takes some 900 MB).
MEMORY = 256 * 1024**2


def test_a_pdf_made_to_fill_the_memory_is_stopped_at_its_memory_limit(tmp_path: Path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(pdf_that_unpacks(400_000))
    with pytest.raises(Refused) as heavy:
        recognised(bomb, memory=MEMORY)
    # Not "bomb.pdf has no text that can be read", as when its only page was left out for damaged.
    assert str(heavy.value) == (
        "bomb.pdf needed more memory to read than a council's document needs: it may be damaged or made to overload "
        "the computer. Nothing was written. Save it again, or as another kind of file, and import that."
    )
    assert "Traceback" not in str(heavy.value)


def word_plan_with_a_table(rows: int, span: int) -> bytes:
    """A Word plan of about a kilobyte: a title, two priorities, and a table of figures under its caption,
    its heading row's second cell spanning this many columns, over rows of a heading and one figure each.

    import fills out a row that ends early to the table's widest row, so that each figure keeps its
    column: over a span of 32,767 columns, the most Word allows one cell, 300 rows would be ten million
    values, some 2.4 GB.
    """

    def paragraph(text: bytes) -> bytes:
        return b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>"

    def cell(text: bytes, span: int = 1) -> bytes:
        spanned = b'<w:tcPr><w:gridSpan w:val="%d"/></w:tcPr>' % span if span > 1 else b""
        return b"<w:tc>" + spanned + paragraph(text) + b"</w:tc>"

    plan = [b"Budget Strategy 2026-2029", b"Priority 1: Spend within our means", b"Priority 2: Plan for the long term", b"Budget by year"]
    heading = b"<w:tr>" + cell(b"Budget") + cell(b"2026/27", span) + b"</w:tr>"
    row = b"<w:tr>" + cell(b"Staff") + cell(b"1") + b"</w:tr>"
    parts = {
        "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b'<Override PartName="/word/document.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Target="word/document.xml" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>',
        "word/document.xml": b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + b"".join(map(paragraph, plan))
        + b"<w:tbl>"
        + heading
        + row * rows
        + b"</w:tbl></w:body></w:document>",
    }
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def test_a_word_table_that_declares_thousands_of_columns_is_left_out_with_a_note(project: Path, run, tmp_path: Path):
    plan = tmp_path / "budget.docx"
    plan.write_bytes(word_plan_with_a_table(rows=300, span=32767))
    assert len(plan.read_bytes()) < 2000
    result = run("--root", project, "import", plan, "--organisation", "leicestershire", "--slug", "budget")
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines()[:3] == [
        "Read budget.docx (Word document): 4 paragraphs and 0 tables.",
        "  table 1 is more than 100 columns wide, wider than any council's table: it may be damaged, so what it says is not in the draft",
        "Wrote content/leicestershire/budget/: strategy.yml, priorities.yml",
    ]
    assert "tables:" not in (project / "content/leicestershire/budget/strategy.yml").read_text(encoding="utf-8")


def test_a_table_in_any_format_is_read_up_to_100_columns_wide_and_left_out_beyond(tmp_path: Path):
    def table(columns: int) -> str:
        return "| Budget |" + " 2026 |" * (columns - 1) + "\n|" + " --- |" * columns + "\n| Staff |" + " 1 |" * (columns - 1) + "\n"

    path = tmp_path / "budget.md"
    path.write_text("# Budget\n\n" + table(100) + "\nThe same, and one year more:\n\n" + table(101), encoding="utf-8")
    document = read_source(path)
    assert [len(block.rows[0]) for block in document.blocks if block.kind == "table"] == [100]
    assert document.notes == (
        "the table at line 9 is more than 100 columns wide, wider than any council's table: it may be damaged, "
        "so what it says is not in the draft",
    )


# How a library says it has run out of memory, as each was found: bare; wrapped, as pdfplumber's
# Page.layout wraps it; or, by lxml, which python-docx parses with, as a syntax error of its own.
def _wrapped_by_pdfplumber() -> Exception:
    from pdfplumber.utils.exceptions import PdfminerException

    return PdfminerException(MemoryError())


def _said_by_lxml() -> Exception:
    from lxml import etree

    return etree.XMLSyntaxError("unknown error", etree.ErrorTypes.ERR_NO_MEMORY, 0, 0)


OUT_OF_MEMORY = {"bare": MemoryError, "wrapped": _wrapped_by_pdfplumber, "said by lxml": _said_by_lxml}


@pytest.mark.parametrize("error", OUT_OF_MEMORY.values(), ids=OUT_OF_MEMORY.keys())
@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_running_out_of_memory_stops_the_reading_and_is_never_told_as_a_damaged_file_or_page(
    kind: str, error, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import docx

    def out_of_memory(*args: object) -> None:
        raise error()

    path = tmp_path / f"report.{kind}"
    if kind == "pdf":  # on its page: the page would be left out, and the rest read as if whole
        path.write_bytes(pdf_that_unpacks(10))
        monkeypatch.setattr(formats, "_read_pdf_page", out_of_memory)
    else:  # on opening it: it would be told as damaged
        path.write_bytes(word_plan_with_a_table(rows=1, span=1))
        monkeypatch.setattr(docx, "Document", out_of_memory)
    # The reading process says a MemoryError as the memory sentence above (command.read_in_child).
    with pytest.raises(MemoryError):
        read_source(path)


def test_a_file_name_cannot_write_lines_of_its_own_into_the_log_or_the_draft(project: Path, run, tmp_path: Path):
    name = "evil\n::warning file=mkdocs.yml,line=1::PWNED\x1b]0;HACKED\x07\x1b[2J\u202e.txt"
    path = tmp_path / name
    path.write_bytes(SOURCE.read_bytes())
    result = run("--root", project, "import", path, "--organisation", "leicestershire", "--slug", "named")
    assert result.code == 0, result.err
    assert result.out.startswith("Read evil ::warning file=mkdocs.yml,line=1::PWNED]0;HACKED[2J.txt (plain text): ")
    assert not [line for line in result.out.splitlines() if line.startswith("::")]
    assert "\x1b" not in result.out and "\x07" not in result.out
    written = (project / "content/leicestershire/named/strategy.yml").read_text(encoding="utf-8")
    assert "# Imported from evil ::warning file=mkdocs.yml,line=1::PWNED]0;HACKED[2J.txt (plain text)" in written
    # The draft is refused only for what a person must fill in, never for its own comments.
    check = run("--root", project, "check")
    assert all("is marked !example" in p for p in check.problems if "named/" in p)


@pytest.mark.parametrize("argument", ["--slug", "--organisation"])
def test_a_name_too_long_for_a_folder_is_refused_in_a_sentence(project: Path, run, argument: str):
    result = run("--root", project, "import", SOURCE, "--organisation", "leicestershire", argument, "a" * 300)
    assert (result.code, result.out) == (1, "")
    shown = "'" + "a" * 80 + "…'"  # a long name is shown cut short, as every message shows one
    assert (
        result.err
        == {
            "--slug": f"{shown} cannot be used as a folder name: use up to 100 lower-case letters, digits and hyphens, "
            "other than index or progress, for example send-and-inclusion-2027-30.\n",
            "--organisation": f"{shown} is not an organisation's folder name. Give the id of an organisation in "
            "content/organisations.yml, such as leicestershire.\n",
        }[argument]
    )


def test_a_content_folder_that_links_out_of_the_project_is_not_written_through(project: Path, run, tmp_path: Path):
    outside = tmp_path / "outside"
    (project / "content").rename(outside)
    (project / "content").symlink_to(outside)
    result = run("--root", project, "import", SOURCE, "--organisation", "leicestershire", "--slug", "through")
    assert (result.code, result.out) == (1, "")
    assert result.err == "content/ is a link to a folder outside the project, so nothing was written there.\n"
    assert not (outside / "leicestershire/through").exists()


def test_a_folder_that_appears_while_the_import_writes_is_never_written_over(project: Path, run, monkeypatch: pytest.MonkeyPatch):
    target = project / "content/leicestershire/refresh"
    real = command.write_yaml

    def and_meanwhile(*args, **kwargs):
        if not target.exists():  # someone else makes the folder, with a file of their own, as the import writes
            target.mkdir()
            (target / "theirs.yml").write_text("mine\n", encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(command, "write_yaml", and_meanwhile)
    result = run("--root", project, "import", SOURCE, "--organisation", "leicestershire", "--slug", "refresh")
    assert (result.code, result.out) == (1, "")
    assert result.err == "content/leicestershire/refresh/ already exists: choose another name.\n"
    assert sorted(p.name for p in target.iterdir()) == ["theirs.yml"]
    assert (target / "theirs.yml").read_text(encoding="utf-8") == "mine\n"
    assert not list((project / "content/leicestershire").glob(".import-*"))
    assert oct(os.stat(project / "content/leicestershire").st_mode)[-3:] != "700"
