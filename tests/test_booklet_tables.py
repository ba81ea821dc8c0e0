"""The booklets as a PDF/UA-1 checker finds them, and their tables as a screen reader follows them.

Every booklet of the site, and of a small library with tables of several shapes, is checked with
pdfua (the machine-checkable part of PDF/UA-1 that it implements, read from the file alone), and must
give no finding. Its tables are then read back from the structure tree: every /Table has /TR rows,
every header cell its /Scope as the HTML's scope says, and every data cell /Headers naming header
cells of its own table through the tree's /IDTree."""

from __future__ import annotations

import ctypes
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pdfua
import pdfua.document
import pdfua.rules.structure
import pikepdf
import pypdfium2 as pdfium
import pytest

import site_build
from plugins.content import Library
from plugins.publishing.booklets import print_pdf

from .conftest import AS_OF, copy_project

_PDF_SCOPES = {"row": "/Row", "rowgroup": "/Row", "col": "/Column", "colgroup": "/Column"}


# --- What pdfua says ---------------------------------------------------------------------------------


def _pdfua_bug() -> tuple[str, str] | None:
    """The one skip allowed, while pdfua has the bug that causes it; None once it has not.

    pdfua 0.1.3's UA-14-001 (no heading is empty) cannot run on a PDF in which a heading's /K is an
    array, as ISO 32000-1 allows (14.7.2, Table 323) and WeasyPrint always writes it. The rule asks
    its helper as_integer(kid) whether /K is a number; the helper asks getattr(kid, "is_integer",
    False), and pikepdf answers that for an Array by reading the attribute as a dictionary key and
    raising ValueError, which getattr's default does not catch. So the rule raises on any such file,
    whatever its headings hold: the checker's bug, shown here on a bare array, not the booklet's.
    The headings are checked all the same, by the rule with that helper corrected
    (test_no_heading_of_a_booklet_is_empty)."""
    try:
        pdfua.document.as_integer(pikepdf.Array([0]))
    except ValueError as error:
        return ("UA-14-001", f"rule raised ValueError: {error}")
    return None


def _pdfua_problems(pdf: Path) -> list[str]:
    """Each finding of pdfua on a PDF, and each rule it could not run (but the one above), as a line."""
    report = pdfua.validate(str(pdf))
    problems = [f"{f.rule_id} {f.location.describe()}: {f.message}" for f in report.findings]
    allowed = _pdfua_bug()
    problems += [f"{o.rule_id} not run: {o.skipped_reason}" for o in report.skipped if (o.rule_id, o.skipped_reason) != allowed]
    return problems


def _as_integer(value: object) -> int | None:
    # pdfua's as_integer as it means to be: pikepdf gives a PDF integer as a Python int.
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# --- The tables, read back ---------------------------------------------------------------------------


@dataclass
class Cell:
    role: str  # /TH or /TD
    text: str  # its words as drawn, without spaces (lines and spaces break differently on paper)
    scope: str | None
    headers: list[str]
    id: str | None


@dataclass
class Table:
    page: int
    rows: list[list[Cell]]
    kids: list[str]  # the roles of its children: /Caption, /THead, /TBody, /TFoot, /TR


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kid = element.get("/K")
    if kid is None:
        return []
    return list(kid) if isinstance(kid, pikepdf.Array) else [kid]


def _attributes(element: pikepdf.Dictionary) -> dict[str, pikepdf.Object]:
    value = element.get("/A")
    found: dict[str, pikepdf.Object] = {}
    for a in list(value) if isinstance(value, pikepdf.Array) else [value] if value is not None else []:
        if isinstance(a, pikepdf.Dictionary):
            found.update({str(k): v for k, v in a.items()})
    return found


def _mcid_texts(path: Path) -> dict[tuple[int, int], str]:
    """The words each marked-content sequence draws, by (page index, MCID), as pdfium reads the pages."""
    texts: dict[tuple[int, int], str] = {}
    pdf = pdfium.PdfDocument(path)
    for index in range(len(pdf)):
        page = pdf[index]
        textpage = page.get_textpage()
        for obj in page.get_objects(max_depth=5):
            if obj.type != pdfium.raw.FPDF_PAGEOBJ_TEXT:
                continue
            mcid = ctypes.c_int(-1)
            for m in range(pdfium.raw.FPDFPageObj_CountMarks(obj.raw)):
                pdfium.raw.FPDFPageObjMark_GetParamIntValue(pdfium.raw.FPDFPageObj_GetMark(obj.raw, m), b"MCID", ctypes.byref(mcid))
            if mcid.value < 0:
                continue
            size = pdfium.raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
            buffer = ctypes.create_string_buffer(size)
            pdfium.raw.FPDFTextObj_GetText(obj.raw, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size)
            key = (index, mcid.value)
            # pdfium gives a hyphen that ends a line as \x02.
            texts[key] = texts.get(key, "") + buffer.raw[: size - 2].decode("utf-16-le").replace("\x02", "-")
    return texts


class Tagged:
    """A PDF's structure tree, as a screen reader reads it: its tables, and the words of each cell."""

    def __init__(self, path: Path):
        self.pdf = pikepdf.open(path)
        self.pages = {page.obj.objgen: index for index, page in enumerate(self.pdf.pages)}
        self.texts = _mcid_texts(path)
        root = self.pdf.Root.StructTreeRoot
        self.root = root
        self.tables = [self._table(t) for t in self._walk(root) if t.get("/S") == "/Table"]
        self.roles = [str(e.get("/S")) for e in self._walk(root)]

    def _walk(self, element: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
        for kid in _kids(element):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                yield kid
                yield from self._walk(kid)

    def _page(self, element: pikepdf.Dictionary) -> int:
        return self.pages[element.Pg.objgen]

    def _text(self, element: pikepdf.Dictionary) -> str:
        words = []
        for kid in _kids(element):
            if isinstance(kid, int):
                words.append(self.texts.get((self._page(element), kid), ""))
            elif isinstance(kid, pikepdf.Dictionary):
                words.append(self._text(kid))
        return re.sub(r"\s+", "", "".join(words))

    def _table(self, table: pikepdf.Dictionary) -> Table:
        rows, kids = [], []
        for kid in _kids(table):
            kids.append(str(kid.get("/S")))
            for row in [kid] if kid.get("/S") == "/TR" else [r for r in _kids(kid) if kid.get("/S") in ("/THead", "/TBody", "/TFoot")]:
                if row.get("/S") == "/TR":
                    rows.append([self._cell(c) for c in _kids(row) if c.get("/S") in ("/TH", "/TD")])
        return Table(self._page(table), rows, kids)

    def _cell(self, cell: pikepdf.Dictionary) -> Cell:
        a = _attributes(cell)
        scope = str(a["/Scope"]) if "/Scope" in a else None
        headers = [str(h) for h in a.get("/Headers", [])]
        return Cell(str(cell.S), self._text(cell), scope, headers, str(cell.ID) if "/ID" in cell else None)

    def id_tree(self) -> dict[str, pikepdf.Dictionary]:
        """The /IDTree: each element identifier and the element it names (one level of /Names, as written)."""
        if "/IDTree" not in self.root:
            return {}
        names = list(self.root.IDTree.Names)
        keys = [str(k) for k in names[0::2]]
        assert [k.encode() for k in keys] == sorted(k.encode() for k in keys), "a name tree's keys are in byte order"
        return dict(zip(keys, names[1::2], strict=True))


class _Headers(HTMLParser):
    """Each th of some HTML as (its words without spaces, the /Scope its scope attribute means)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self._open: list[str] | None = None
        self._scope = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "th":
            self._open, self._scope = [], _PDF_SCOPES.get((dict(attrs).get("scope") or "").lower(), "/Column")

    def handle_endtag(self, tag: str) -> None:
        if tag == "th" and self._open is not None:
            self.found.append((re.sub(r"\s+", "", html.unescape("".join(self._open))), self._scope))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


def _html_headers(text: str) -> set[tuple[str, str]]:
    parser = _Headers()
    parser.feed(text)
    return set(parser.found)


def _structure_problems(tagged: Tagged) -> list[str]:
    """What keeps a screen reader from following a table: no rows, a header without its scope, a data
    cell whose /Headers do not name header cells of its own table."""
    problems = []
    ids = tagged.id_tree() if tagged.tables else {}
    for n, table in enumerate(tagged.tables):
        where = f"table {n + 1} (page {table.page + 1})"
        if not table.rows:
            problems.append(f"{where} has no /TR: {table.kids}")
        own = {c.id for row in table.rows for c in row if c.role == "/TH"}
        for row in table.rows:
            for cell in row:
                if cell.role == "/TH" and cell.scope not in ("/Row", "/Column"):
                    problems.append(f"{where}: header {cell.text!r} has scope {cell.scope}")
                if cell.role == "/TH" and (cell.id is None or cell.id not in ids or str(ids[cell.id].ID) != cell.id):
                    problems.append(f"{where}: header {cell.text!r} is not in the /IDTree by its /ID {cell.id}")
                if cell.role == "/TD" and (not cell.headers or not set(cell.headers) <= own):
                    problems.append(f"{where}: cell {cell.text!r} has /Headers {cell.headers}, not this table's headers")
    return problems


def _pdf_headers(tagged: Tagged) -> set[tuple[str, str | None]]:
    return {(c.text, c.scope) for t in tagged.tables for row in t.rows for c in row if c.role == "/TH"}


def _pages_of(site: Path, strategy_id: str) -> list[Path]:
    """The pages a strategy's standard booklet prints: its menu's, not the Easy Read edition's (as tests/test_booklets.py finds them)."""
    return sorted(p for p in (site / strategy_id).rglob("index.html") if "easy-read" not in p.relative_to(site / strategy_id).parts)


def _article(page: Path) -> str:
    return page.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]


def _booklets(site: Path) -> list[Path]:
    return sorted(site.rglob("*.pdf"))


# --- The site's own booklets -------------------------------------------------------------------------


def test_every_booklet_of_the_site_passes_the_pdf_ua_checker(site: Path, library: Library):
    booklets = _booklets(site)
    assert len(booklets) == len(library.strategies) + sum(s.model.easy_read is not None for s in library.strategies)
    assert {b.relative_to(site).as_posix(): _pdfua_problems(b) for b in booklets} == {b.relative_to(site).as_posix(): [] for b in booklets}


def test_no_heading_of_a_booklet_is_empty(site: Path, monkeypatch: pytest.MonkeyPatch):
    # The rule pdfua cannot run on these files (see _pdfua_bug), run with its helper corrected.
    monkeypatch.setattr(pdfua.rules.structure, "as_integer", _as_integer)
    rule = pdfua.rules.structure.EmptyHeadingRule()
    headings = 0
    for booklet in _booklets(site):
        with pdfua.PdfDocument.open(str(booklet)) as doc:
            assert [f.location.describe() for f in rule.check(doc)] == [], booklet.name
            headings += sum(bool(re.fullmatch(r"/H[1-6]", e.role or "")) for e in doc.struct_elements)
    assert headings > 100


def test_every_table_of_the_standard_booklets_has_rows_and_each_header_the_scope_its_page_gives_it(site: Path, library: Library):
    tables = 0
    for s in library.strategies:
        tagged = Tagged(site / s.id / f"{s.slug}.pdf")
        assert _structure_problems(tagged) == [], s.id
        # The same header cells as the pages the booklet prints, each with its scope: a header
        # repeated at the top of a page, where a table runs on, is the same header again.
        assert _pdf_headers(tagged) == set().union(*(_html_headers(_article(p)) for p in _pages_of(site, s.id))), s.id
        tables += len(tagged.tables)
    # The High Needs forecast and the other tables of figures and measures.
    assert tables >= 10


def test_the_high_needs_forecast_reads_each_figure_with_its_year_and_its_row(site: Path):
    tagged = Tagged(site / "leicestershire/best-programme-plan/best-programme-plan.pdf")
    forecast = next(t for t in tagged.tables if any(c.text == "2026/27£,000" for row in t.rows for c in row))
    ids = tagged.id_tree()
    heading, *figures = forecast.rows[1]
    assert (heading.role, heading.text, heading.scope) == ("/TH", "AnnualFundingGapPreMitigations", "/Row")
    assert [c.text for c in figures] == ["87,880", "111,799", "141,251", "174,182"]
    read = [[tagged._text(ids[h]) for h in c.headers] for c in figures]
    assert read == [["AnnualFundingGapPreMitigations", f"{year}£,000"] for year in ("2026/27", "2027/28", "2028/29", "2029/30")]
    assert [(c.text, c.scope) for c in forecast.rows[0]] == [("", "/Column")] + [
        (f"{y}£,000", "/Column") for y in ("2026/27", "2027/28", "2028/29", "2029/30")
    ]


# --- A library of tables of several shapes -----------------------------------------------------------

TABLES = """\
tables:
  - id: high-needs-forecast
    caption: High Needs forecast
    columns:
      - heading: 2026/27
        unit: £,000
      - heading: 2027/28
        unit: £,000
      - heading: 2028/29
        unit: £,000
    rows:
      - heading: Funding gap before savings
        cells: [87880, 111799, 141251]
      - heading: Planned savings
        cells: [-15363, -33403, -49634]
      - heading: Deficit brought forward
        cells: [7062, ~, ~]
      - heading: Cumulative funding gap
        cells: [79579, 157975, 249592]
        total: true
  - id: places-by-school
    caption: Places by school
    row_heading: School
    columns:
      - heading: Places
    rows:
%s
"""
PLACES = 70  # rows enough to run over more than one page
# A table with column headers only, as an officer writes one in Markdown.
SCOPE = """\
scope: |
  Children and young people in the area.

  | Age group | Children |
  | --- | --- |
  | 0 to 4 | 1,200 |
  | 5 to 11 | 3,400 |
"""


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The smallest site, with a multi-year finance table, a table of one column over several pages and
    a Markdown table, built with its booklet."""
    root = tmp_path_factory.mktemp("tables") / "project"
    copy_project(root, minimal=True)
    plan = root / "content/example/plan"
    rows = "\n".join(f"      - heading: School {n}\n        cells: [{n * 10}]" for n in range(1, PLACES + 1))
    (plan / "tables.yml").write_text(TABLES % rows, encoding="utf-8")
    with (plan / "strategy.yml").open("a", encoding="utf-8") as strategy:
        strategy.write(SCOPE)
    site = root / "site"
    assert site_build.main(["--root", str(root), "build", "--site-dir", str(site), "--as-of", AS_OF]) == 0
    return site


def test_a_booklet_of_tables_of_several_shapes_passes_the_pdf_ua_checker(shapes: Path):
    assert _pdfua_problems(shapes / "example/plan/plan.pdf") == []


def test_each_table_of_several_shapes_keeps_its_rows_and_its_headers_scope(shapes: Path):
    tagged = Tagged(shapes / "example/plan/plan.pdf")
    assert _structure_problems(tagged) == []
    assert _pdf_headers(tagged) == set().union(*(_html_headers(_article(p)) for p in _pages_of(shapes, "example/plan")))
    # The finance table: every figure read with the heading of its row and of its year. Where the font's
    # widths put a page break inside it (Liberation Sans, standing in for Arial, does; DejaVu Sans does
    # not), each page's part is a table of its own with the year headings repeated.
    finance = [t for t in tagged.tables if t.rows[0][1].text == "2026/27£,000"]
    assert finance and len({t.page for t in finance}) == len(finance)
    ids = tagged.id_tree()
    figures = [
        (c, [tagged._text(ids[h]) for h in c.headers], [row[0].text, part.rows[0][j].text])
        for part in finance
        for row in part.rows
        for j, c in enumerate(row)
        if c.role == "/TD"
    ]
    assert len(figures) == 12 and [(c.text, read) for c, read, _ in figures] == [(c.text, expected) for c, _, expected in figures]
    assert [c.scope for part in finance for row in part.rows[1:] for c in row if c.role == "/TH"] == ["/Row"] * 4
    # The Markdown table: column headers only.
    markdown = next(t for t in tagged.tables if t.rows[0][0].text == "Agegroup")
    assert [[(c.role, c.text, c.scope) for c in row] for row in markdown.rows] == [
        [("/TH", "Agegroup", "/Column"), ("/TH", "Children", "/Column")],
        [("/TD", "0to4", None), ("/TD", "1,200", None)],
        [("/TD", "5to11", None), ("/TD", "3,400", None)],
    ]
    # The long table runs over pages: a /Table on each, each with its header row and its rows.
    places = [t for t in tagged.tables if t.rows[0][0].text == "School"]
    assert len(places) >= 2 and len({t.page for t in places}) == len(places)
    assert all([(c.text, c.scope) for c in t.rows[0]] == [("School", "/Column"), ("Places", "/Column")] for t in places)
    assert [r[0].text for t in places for r in t.rows[1:]] == [f"School{n}" for n in range(1, PLACES + 1)]
    assert places[0].kids[0] == "/Caption"


# --- Shapes only the printer sees ------------------------------------------------------------------------


def _table(n: int) -> str:
    rows = "".join(f'<tr><th scope="row">Row {n}.{r}</th><td>{r}</td><td>{r * 2}</td></tr>' for r in range(1, 6))
    head = '<thead><tr><th scope="col">Item</th><th scope="col">2025/26</th><th scope="col">2026/27</th></tr></thead>'
    return f"<table><caption>Table {n}</caption>{head}<tbody>{rows}</tbody></table>"


def _document(body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Tables</title>'
        "<style>@page { size: A6; margin: 10mm } body { font: 10pt sans-serif } p { margin: 0 }</style></head>"
        f"<body>{body}</body></html>"
    )


# A table on each page, lower down each time (its number is how far, in mm), so that some captions
# fall at the foot of a page with no room left for the table's first rows.
LOWER = range(100, 128, 2)
CAPTIONS_AT_PAGE_FEET = _document(
    "".join(f'<section style="break-before: page"><div style="height: {h}mm"></div>{_table(h)}</section>' for h in LOWER)
)
SHAPES = _document(
    '<table><caption>Row headers only</caption><tr><th scope="row">Special schools</th><td>410</td></tr>'
    '<tr><th scope="row">Resourced provision</th><td>125</td></tr></table>'
    "<table><caption>Headers with no scope</caption><tr><th>Year</th><th>Places</th></tr><tr><td>2026</td><td>5</td></tr></table>"
    '<table role="presentation"><tr><td>Call us on</td><td>0116 305 0000'
    '<table><tr><th scope="col">Day</th><th scope="col">Hours</th></tr><tr><td>Monday</td><td>9 to 5</td></tr></table>'
    "</td></tr></table>"
)


def test_a_caption_at_the_foot_of_a_page_stays_with_its_tables_rows(tmp_path: Path):
    from weasyprint import HTML

    # WeasyPrint alone: a caption left at the foot of a page is a /Table of its own, with no rows,
    # and no header has a scope (pdf_tables says why).
    HTML(string=CAPTIONS_AT_PAGE_FEET).write_pdf(tmp_path / "plain.pdf", pdf_variant="pdf/ua-1")
    plain = Tagged(tmp_path / "plain.pdf")
    assert [t.kids for t in plain.tables if not t.rows], "no caption fell at the foot of a page: change LOWER"
    assert {c.scope for t in plain.tables for row in t.rows for c in row if c.role == "/TH"} == {None}

    print_pdf("booklet.pdf", CAPTIONS_AT_PAGE_FEET, tmp_path)
    printed = Tagged(tmp_path / "booklet.pdf")
    assert _structure_problems(printed) == []
    # Each caption on the page of its table's header row and first row, and no row lost.
    assert [t.rows[1][0].text for t in printed.tables if t.kids[0] == "/Caption"] == [f"Row{h}.1" for h in LOWER]
    rows = [r[0].text for t in printed.tables for r in t.rows if r[0].scope == "/Row"]
    assert rows == [f"Row{h}.{r}" for h in LOWER for r in range(1, 6)]
    assert _pdfua_problems(tmp_path / "booklet.pdf") == []


def test_row_headers_headers_without_scope_and_a_table_for_layout(tmp_path: Path):
    print_pdf("booklet.pdf", SHAPES, tmp_path)
    tagged = Tagged(tmp_path / "booklet.pdf")
    assert _pdfua_problems(tmp_path / "booklet.pdf") == []
    assert _structure_problems(tagged) == []
    assert [[[(c.role, c.text, c.scope) for c in row] for row in t.rows] for t in tagged.tables] == [
        [[("/TH", "Specialschools", "/Row"), ("/TD", "410", None)], [("/TH", "Resourcedprovision", "/Row"), ("/TD", "125", None)]],
        # A th without scope heads its column, as WeasyPrint's /Headers already say.
        [[("/TH", "Year", "/Column"), ("/TH", "Places", "/Column")], [("/TD", "2026", None), ("/TD", "5", None)]],
        # The table inside the layout table's cell is a table; the layout table is not.
        [[("/TH", "Day", "/Column"), ("/TH", "Hours", "/Column")], [("/TD", "Monday", None), ("/TD", "9to5", None)]],
    ]
    assert tagged.roles.count("/Table") == 3
    assert tagged.roles.count("/TR") == 6
    # The layout table's words are there, as words in groups of no meaning of their own.
    groups = [tagged._text(e) for e in tagged._walk(tagged.root) if e.get("/S") == "/NonStruct"]
    # (the second cell holds the number, then the table inside it)
    assert "Calluson" in groups and any(g.startswith("01163050000Day") for g in groups)
