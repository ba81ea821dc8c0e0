"""The booklets' tables as a screen reader follows them: what WeasyPrint 70's tagging leaves out of a
table's structure, put into the PDF's structure tree before the file is written.

WeasyPrint tags a table as /Table, /THead, /TBody, /TR, /TH and /TD, gives each header cell an /ID
and each data cell the /Headers of its row and column headers; what it leaves out, this module adds:

- /Scope on every header cell, /Row or /Column as the HTML's scope says. PDF/UA-1 (7.5) requires
  /Scope on a TH unless the structure is determinable through /Headers and /IDs, and checkers and
  screen readers read /Scope first.
  Upstream: WeasyPrint 70 reads a th's scope only to sort it into row or column headers for the
  data cells' /Headers, and never writes it; reported as "PDF/UA: Tags for header cells in tables
  are missing", https://github.com/Kozea/WeasyPrint/issues/2508 (open when this was written).
  Remove this step when the pinned WeasyPrint writes /Scope itself.
- The /IDTree of the structure tree root, which ISO 32000-1 (14.7.2, Table 322) requires as soon as
  one element has an /ID: without it a reader cannot find the header cell a /Headers entry names.
- A table used only for layout (role="presentation" or "none" on the table, as in HTML) is not a
  table: its rows and cells become /NonStruct groups, so their words are read in order, as words,
  with no header expected. A data table inside one of its cells is left a table.

Nothing here reads anything but the document WeasyPrint has just laid out: the HTML's attributes,
through the boxes WeasyPrint made from it, and the PDF objects about to be written. Every change is
decided by the document alone and made in the order of its pages and objects, so the same HTML gives
the same bytes on any core. The booklet cache hashes this file (booklet_cache.printer).

What WeasyPrint also does, and this module does not undo: a table that runs onto a second page is
tagged as one /Table per page, each with the header row repeated on that page, because WeasyPrint
builds the structure tree one page at a time ("Table and list split into separate structure
elements at page breaks", https://github.com/Kozea/WeasyPrint/issues/2903, open). Each part is a
whole table a screen reader can follow, header row included. A caption alone at the foot of a page
would be a /Table with no rows at all: the printer's STYLESHEET keeps a caption on the page of its
table's first rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# Given to WeasyPrint after the booklet's own styles. A table's caption is printed above it (the
# booklets' caption-side is top), so a page break straight after a caption would leave a /Table of
# the caption alone on one page, with no /TR, and the table's rows, uncaptioned, on the next.
STYLESHEET = "caption { break-after: avoid; }"

# The HTML scope of a header cell, as PDF's /Scope. A th with no scope (or one HTML does not know)
# is a column header, as WeasyPrint has already counted it in the data cells' /Headers.
_SCOPES = {"row": "/Row", "rowgroup": "/Row", "col": "/Column", "colgroup": "/Column"}
_LAYOUT_ROLES = frozenset({"presentation", "none"})
_TABLE_PARTS = frozenset({"/Table", "/THead", "/TBody", "/TFoot", "/TR", "/TH", "/TD", "/Caption"})
# No table's structure is deeper than this from a cell to its /Table (cell, row, row group, table).
_MAX_CLIMB = 8


def finish(document: Any, pdf: Any) -> None:
    """WeasyPrint's finisher (write_pdf(finisher=...)): called with the laid-out document and the
    pydyf PDF once the structure tree is made, before the file is written."""
    import pydyf  # type: ignore[import-untyped]

    objects: dict[bytes, Any] = {o.reference: o for o in pdf.objects if isinstance(o, pydyf.Dictionary)}
    layout: dict[int, Any] = {}
    for page in document.pages:
        for cell, table in _cells(page._page_box, None):
            element = cell.mark
            if _is_layout(table):
                found = _table_of(element, objects)
                if found is not None:
                    layout[found.number] = found
            elif cell.element_tag == "th":
                scope = (cell.element.get("scope") or "").strip().lower()
                element["A"]["Scope"] = _SCOPES.get(scope, "/Column")
    for number in sorted(layout):
        _untable(layout[number], objects)
    _add_id_tree(pdf, objects)


def _cells(box: Any, table: Any) -> Iterator[tuple[Any, Any]]:
    """Every table cell WeasyPrint tagged under box, in the order of the page, each with the HTML
    table element it belongs to. WeasyPrint keeps a cell's structure element on its box as mark."""
    box = getattr(box, "_box", box)  # an absolutely positioned box, where it was taken out of the flow
    if box.element is not None and box.element_tag == "table":
        table = box.element
    if getattr(box, "mark", None) is not None and box.element_tag in ("th", "td"):
        yield box, table
    for child in getattr(box, "children", ()):
        yield from _cells(child, table)


def _is_layout(table: Any) -> bool:
    """Whether an HTML table says it is for layout only: its role's first word is presentation or none."""
    words = (table.get("role") or "").split() if table is not None else []
    return bool(words) and words[0].lower() in _LAYOUT_ROLES


def _table_of(element: Any, objects: dict[bytes, Any]) -> Any:
    """The /Table structure element a cell's element is in, or None."""
    for _ in range(_MAX_CLIMB):
        parent = objects.get(element.get("P"))
        if parent is None:
            return None
        if parent.get("S") == "/Table":
            return parent
        element = parent
    return None


def _untable(element: Any, objects: dict[bytes, Any]) -> None:
    """A layout table's structure, table parts no more: each part a /NonStruct group of the same
    content, without the table attributes (/Scope, /Headers, spans) and header /IDs it had."""
    element["S"] = "/NonStruct"
    element.pop("A", None)
    element.pop("ID", None)
    for kid in element.get("K", ()):
        child = objects.get(kid) if isinstance(kid, bytes) else None
        # A table inside a layout table's cell is a table of its own, and stays one.
        if child is not None and child.get("S") in _TABLE_PARTS and child.get("S") != "/Table":
            _untable(child, objects)


def _add_id_tree(pdf: Any, objects: dict[bytes, Any]) -> None:
    """The structure tree root's /IDTree: a name tree of every element's /ID, its keys in byte order
    as a name tree's must be."""
    import pydyf

    named = [o for o in pdf.objects if isinstance(o, pydyf.Dictionary) and o.get("Type") == "/StructElem" and "ID" in o]
    if not named:
        return
    names = pydyf.Array()
    for element in sorted(named, key=lambda e: _key(e["ID"])):
        names.extend((pydyf.String(element["ID"].string), element.reference))
    tree = pydyf.Dictionary({"Names": names})
    pdf.add_object(tree)
    objects[pdf.catalog["StructTreeRoot"]]["IDTree"] = tree.reference


def _key(identifier: Any) -> bytes:
    """An /ID as the bytes a name tree is sorted by (WeasyPrint's are ASCII: table-row-column)."""
    return str(identifier.string).encode()
