"""Pictures as an attacker would send them: each is refused by `check` at its file and line, or
published only as svg-hush filters it, with nothing that runs script or reaches outside the picture."""

from __future__ import annotations

import os
import re
import struct
import zlib
from pathlib import Path
from xml.etree import ElementTree

import py_svg_hush
import pytest

from plugins.content import ContentError, load_library, messages
from plugins.content.pictures import MAX_LICENCE_BYTES, MAX_PNG_BYTES, MAX_SVG_BYTES, MAX_SVG_DEPTH, Picture, published_bytes

from .conftest import AS_OF, tree_digest

SET = "pictures/fluent-emoji-flat"
NS = 'xmlns="http://www.w3.org/2000/svg"'
XL = 'xmlns:xlink="http://www.w3.org/1999/xlink"'

REMOVES = messages.svg_cleaner_removes
OUTSIDE = messages.svg_refers_outside
ESCAPE = messages.SVG_STYLE_ESCAPE
DOCTYPE = messages.SVG_DOCTYPE
NOT_SVG = messages.SVG_NOT_SVG
BROKEN = messages.svg_not_well_formed


def svg(body: str, attributes: str = "") -> bytes:
    """A picture whose second line is the body."""
    return f"<svg {NS} {XL}{attributes}>\n{body}\n</svg>\n".encode()


def png(width: int, height: int, *, pixels: bytes = b"") -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b"")


# Each hostile SVG, and every problem `check` reports for it: (line:column, message).
SVG_CASES: dict[str, tuple[bytes, list[tuple[str, str]]]] = {
    # Script, in every spelling.
    "script": (svg("<script>alert(1)</script>"), [("2:1", REMOVES("This <script> element"))]),
    "script-cdata": (svg("<script><![CDATA[alert(1)]]></script>"), [("2:1", REMOVES("This <script> element"))]),
    "script-src": (
        svg('<script xlink:href="https://evil.example/x.js"/>'),
        [("2:1", OUTSIDE("https://evil.example/x.js")), ("2:1", REMOVES("This <script> element"))],
    ),
    "utf16-script": (
        f"<svg {NS}>\n<script>alert(1)</script>\n</svg>\n".encode("utf-16"),
        [("2:1", REMOVES("This <script> element"))],
    ),
    "xml-events-handler": (
        svg('<handler xmlns="http://www.w3.org/2001/xml-events" event="load">alert(1)</handler>'),
        [("2:1", REMOVES("This <handler> element"))],
    ),
    # Event handlers.
    "onload": (svg('<circle r="5"/>', ' onload="alert(1)"'), [("1:1", REMOVES("The onload attribute of this <svg> element"))]),
    "onclick": (svg('<circle r="5" onclick="alert(1)"/>'), [("2:1", REMOVES("The onclick attribute of this <circle> element"))]),
    "onload-upper-case": (svg('<circle r="5" ONLOAD="alert(1)"/>'), [("2:1", REMOVES("The ONLOAD attribute of this <circle> element"))]),
    "nested-svg-onload": (svg('<svg onload="alert(1)"/>'), [("2:1", REMOVES("The onload attribute of this <svg> element"))]),
    "set-href": (
        svg('<a><set attributeName="href" to="javascript:alert(1)"/><circle r="5"/></a>'),
        [("2:4", REMOVES("The attributeName attribute of this <set> element"))],
    ),
    "animate-href": (
        svg('<a><animate attributeName="href" values="javascript:alert(1)"/><circle r="5"/></a>'),
        [("2:4", REMOVES("The attributeName attribute of this <animate> element"))],
    ),
    # HTML inside the picture.
    "foreign-object": (
        svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></div></foreignObject>'),
        [("2:1", REMOVES("This <foreignObject> element"))],
    ),
    "iframe": (
        svg('<iframe xmlns="http://www.w3.org/1999/xhtml" src="http://evil.example/"/>'),
        [("2:1", REMOVES("This <iframe> element"))],
    ),
    # Links and references that leave the picture.
    "a-http": (svg('<a href="http://evil.example/"><circle r="5"/></a>'), [("2:1", OUTSIDE("http://evil.example/"))]),
    "a-javascript": (svg('<a href="javascript:alert(1)"><circle r="5"/></a>'), [("2:1", OUTSIDE("javascript:alert(1)"))]),
    "a-javascript-tab": (svg('<a href="jav&#x09;ascript:alert(1)"><circle r="5"/></a>'), [("2:1", OUTSIDE("jav\tascript:alert(1)"))]),
    "a-data-html": (
        svg('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"><circle r="5"/></a>'),
        [("2:1", OUTSIDE("data:text/html,<script>alert(1)</script>"))],
    ),
    "a-new-line": (svg('<a href="x&#10;::add-mask::y"><circle r="5"/></a>'), [("2:1", OUTSIDE("x\n::add-mask::y"))]),
    "xlink-file": (svg('<image xlink:href="file:///etc/passwd"/>'), [("2:1", OUTSIDE("file:///etc/passwd"))]),
    "image-https": (
        svg('<image href="https://evil.example/x.png" width="5" height="5"/>'),
        [("2:1", OUTSIDE("https://evil.example/x.png"))],
    ),
    "image-protocol-relative": (svg('<image href="//evil.example/x.png"/>'), [("2:1", OUTSIDE("//evil.example/x.png"))]),
    # svg-hush keeps these, as the same site's files; a PDF engine reading the picture from disk would not.
    "image-relative": (svg('<image href="x.png"/>'), [("2:1", OUTSIDE("x.png"))]),
    "image-absolute-path": (svg('<image href="/etc/passwd"/>'), [("2:1", OUTSIDE("/etc/passwd"))]),
    "image-parent": (svg('<image href="../../content/site.yml"/>'), [("2:1", OUTSIDE("../../content/site.yml"))]),
    "image-data-png": (svg('<image href="data:image/png;base64,iVBORw0KGgo="/>'), [("2:1", OUTSIDE("data:image/png;base64,iVBORw0KGgo="))]),
    "image-data-svg": (svg('<image href="data:image/svg+xml;base64,PHN2Zy8+"/>'), [("2:1", OUTSIDE("data:image/svg+xml;base64,PHN2Zy8+"))]),
    "use-http": (svg('<use href="http://evil.example/a.svg#x"/>'), [("2:1", OUTSIDE("http://evil.example/a.svg#x"))]),
    "use-file": (svg('<use xlink:href="file:///etc/passwd#x"/>'), [("2:1", OUTSIDE("file:///etc/passwd#x"))]),
    "feimage-http": (
        svg('<filter id="f"><feImage href="http://evil.example/x.png"/></filter>'),
        [("2:16", OUTSIDE("http://evil.example/x.png"))],
    ),
    "pattern-http": (svg('<pattern id="p" href="http://evil.example/x.svg#p"/>'), [("2:1", OUTSIDE("http://evil.example/x.svg#p"))]),
    "cursor-http": (
        svg('<cursor href="http://evil.example/c.png"/>'),
        [("2:1", OUTSIDE("http://evil.example/c.png")), ("2:1", REMOVES("This <cursor> element"))],
    ),
    "xml-base": (
        svg('<image href="#x"/>', ' xml:base="http://evil.example/"'),
        [("1:1", REMOVES("The xml:base attribute of this <svg> element"))],
    ),
    "xml-stylesheet": (
        f'<?xml-stylesheet href="http://evil.example/x.css"?>\n<svg {NS}><circle r="5"/></svg>\n'.encode(),
        [("1:1", REMOVES("This <?xml-stylesheet?> instruction"))],
    ),
    # Styles.
    "fill-url": (svg('<rect fill="url(http://evil.example/x#g)"/>'), [("2:1", OUTSIDE("url(http://evil.example/x#g)"))]),
    "fill-url-quoted": (svg("<rect fill=\"URL( 'http://evil.example/x' )\"/>"), [("2:1", OUTSIDE("URL( 'http://evil.example/x' )"))]),
    "mask-url": (svg('<rect mask="url(/m.svg#m)"/>'), [("2:1", OUTSIDE("url(/m.svg#m)"))]),
    "style-attribute-url": (svg('<rect style="fill:url(http://evil.example/x)"/>'), [("2:1", OUTSIDE("fill:url(http://evil.example/x)"))]),
    "style-attribute-escape": (svg('<rect style="fill:u\\72l(x.png)"/>'), [("2:1", ESCAPE)]),
    "style-attribute-image-set": (
        svg('<rect style="background:image-set(&quot;http://evil.example/x.png&quot; 1x)"/>'),
        [("2:1", messages.svg_style_function("image-set"))],
    ),
    "style-url": (
        svg("<style>rect{background:url(http://evil.example/x)}</style>"),
        [("2:1", OUTSIDE("rect{background:url(http://evil.example/x)}"))],
    ),
    "style-import-url": (
        svg("<style>@import url(http://evil.example/x.css);</style>"),
        [("2:1", OUTSIDE("@import url(http://evil.example/x.css);")), ("2:1", ESCAPE)],
    ),
    "style-import-string": (svg('<style>@import "x.css";</style>'), [("2:1", ESCAPE)]),
    "style-font-face": (
        svg("<style>@font-face{font-family:x;src:url(/f.woff)}</style>"),
        [("2:1", OUTSIDE("@font-face{font-family:x;src:url(/f.woff)}")), ("2:1", ESCAPE)],
    ),
    "style-escape": (svg("<style>rect{fill:u\\72l(http://evil.example/x)}</style>"), [("2:1", ESCAPE)]),
    "style-image-set": (
        svg('<style>rect{background:image-set("http://evil.example/x.png" 1x)}</style>'),
        [("2:1", messages.svg_style_function("image-set"))],
    ),
    # Entities and DOCTYPEs: refused before any entity is expanded.
    "billion-laughs": (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        + b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
        + f"<svg {NS}><text>&lol3;</text></svg>\n".encode(),
        [("2:16", DOCTYPE)],
    ),
    "external-entity": (
        f'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<svg {NS}><text>&x;</text></svg>\n'.encode(),
        [("2:15", DOCTYPE)],
    ),
    "parameter-entity": (
        f'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]>\n<svg {NS}/>\n'.encode(),
        [("2:15", DOCTYPE)],
    ),
    "public-doctype": (
        f'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg {NS}/>\n'.encode(),
        [("1:98", DOCTYPE)],
    ),
    "undefined-entity": (svg("<text>&x;</text>"), [("2:7", BROKEN("undefined entity"))]),
    # Not an SVG at all.
    "not-xml": (b"hello, world\n", [("1:1", BROKEN("syntax error"))]),
    "html": (b"<html><body><script>alert(1)</script></body></html>\n", [("1:1", NOT_SVG)]),
    "no-namespace": (b"<svg><script>alert(1)</script></svg>\n", [("1:1", NOT_SVG)]),
    "prefixed-svg": (
        b'<s:svg xmlns:s="http://www.w3.org/2000/svg">\n<s:script>alert(1)</s:script>\n</s:svg>\n',
        [("1:1", REMOVES("This <s:svg> element"))],
    ),
    "unclosed": (f"<svg {NS}>\n<circle r='5'>\n".encode(), [("3:1", BROKEN("no element found"))]),
    "two-roots": (f"<svg {NS}/>\n<svg {NS}/>\n".encode(), [("2:1", BROKEN("junk after document element"))]),
    "script-after-the-picture": (f"<svg {NS}/>\n<script>alert(1)</script>\n".encode(), [("2:1", BROKEN("junk after document element"))]),
    "nul-byte": (f"<svg {NS}>\0</svg>\n".encode(), [("1:41", BROKEN("not well-formed (invalid token)"))]),
    "empty": (b"", [("1:1", messages.PICTURE_EMPTY)]),
    # Too much of it.
    "deep": (f"<svg {NS}>\n".encode() + b"<g>" * 150 + b"</g>" * 150 + b"\n</svg>\n", [("2:301", messages.svg_too_deep(MAX_SVG_DEPTH))]),
    "very-deep": (
        f"<svg {NS}>\n".encode() + b"<g>" * 200_000 + b"</g>" * 200_000 + b"\n</svg>\n",
        [("2:301", messages.svg_too_deep(MAX_SVG_DEPTH))],
    ),
    # The first ten of a thousand, rather than a thousand lines.
    "many-scripts": (
        svg("\n".join(["<script>alert(1)</script>"] * 1000)),
        [(f"{n}:1", REMOVES("This <script> element")) for n in range(2, 12)],
    ),
    # Harmless, but changed by the filter: the officer hears of it rather than publishing something else.
    "a-fragment": (svg('<a href="#c"><circle id="c" r="5"/></a>'), [("2:1", REMOVES("The href attribute of this <a> element"))]),
    "inkscape-label": (
        svg('<g xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:label="Layer 1"/>'),
        [("2:1", REMOVES("The inkscape:label attribute of this <g> element"))],
    ),
}


@pytest.mark.parametrize("name", SVG_CASES)
def test_a_hostile_svg_is_refused_by_check_at_its_line(minimal: Path, run, name: str):
    content, expected = SVG_CASES[name]
    (minimal / SET / f"{name}.svg").write_bytes(content)
    result = run("--root", minimal, "check")
    assert result.code == 1
    # Reported in the order an officer meets them in the file.
    in_order = sorted(expected, key=lambda e: (*map(int, e[0].split(":")), e[1]))
    assert result.problems == [f"{SET}/{name}.svg:{where}: {message}" for where, message in in_order]
    assert "Traceback" not in result.err


def test_the_officer_reads_what_was_wrong_with_a_picture_in_plain_words(minimal: Path, run):
    (minimal / SET / "school.svg").write_bytes(svg('<circle r="5"/>\n<script>alert(1)</script>', ' onload="alert(1)"'))
    result = run("--root", minimal, "check")
    assert result.code == 1
    assert result.problems == [
        f"{SET}/school.svg:1:1: The onload attribute of this <svg> element would be removed before publishing, because pictures "
        "may not run script, react to readers or load anything from elsewhere. Delete it from the picture, or save the picture "
        "again as plain SVG.",
        f"{SET}/school.svg:3:1: This <script> element would be removed before publishing, because pictures may not run script, "
        "react to readers or load anything from elsewhere. Delete it from the picture, or save the picture again as plain SVG.",
    ]
    (minimal / SET / "school.svg").write_bytes(svg('<image href="https://evil.example/x.png"/>'))
    assert run("--root", minimal, "check").problems == [
        f"{SET}/school.svg:2:1: This picture refers to 'https://evil.example/x.png', outside itself. A picture may refer only to "
        'its own parts, as url(#id) or href="#id": put what it needs inside the picture.'
    ]


def test_the_projects_own_pictures_pass_and_keep_their_references_to_their_own_parts(minimal: Path, run):
    assert run("--root", minimal, "check").code == 0
    library = load_library(minimal)
    shipped = [p for found in library.pictures.pictures.values() for p in found]
    assert len(shipped) == 60
    student = next(p for p in shipped if p.name == "student")
    assert 'href="#' in published_bytes(student).decode()  # its <use href="#..."> survives filtering


# --- Files that are not what they seem ---------------------------------------------------------------


def test_a_picture_too_large_is_refused_without_being_read(minimal: Path, run):
    # Sparse files: the size is checked before a byte is read, so these take no time or memory.
    for name in ("huge.svg", "huge.png"):
        with open(minimal / SET / name, "wb") as handle:
            handle.truncate(50_000_000)
    with open(minimal / SET / "LICENSE", "ab") as handle:
        handle.truncate(MAX_LICENCE_BYTES + 1)
    result = run("--root", minimal, "check")
    assert result.code == 1
    assert result.problems == [
        f"{SET}/LICENSE:1:1: {messages.picture_too_large(MAX_LICENCE_BYTES + 1, MAX_LICENCE_BYTES)}",
        f"{SET}/huge.png:1:1: {messages.picture_too_large(50_000_000, MAX_PNG_BYTES)}",
        f"{SET}/huge.svg:1:1: {messages.picture_too_large(50_000_000, MAX_SVG_BYTES)}",
    ]


PNG_CASES: dict[str, tuple[bytes, str]] = {
    "text-named-png": (b"hello, world\n", messages.PNG_NOT_PNG),
    "svg-named-png": (svg("<script>alert(1)</script>"), messages.PNG_NOT_PNG),
    "signature-only": (b"\x89PNG\r\n\x1a\n", messages.PNG_NOT_PNG),
    "no-ihdr": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, messages.PNG_NOT_PNG),
    "zero-width": (png(0, 10), messages.PNG_NOT_PNG),
    "decompression-bomb": (png(100_000, 100_000), messages.png_too_many_pixels(100_000, 100_000, 4_000, 16_000_000)),
    "too-wide": (png(4_001, 1), messages.png_too_many_pixels(4_001, 1, 4_000, 16_000_000)),
    "too-many-pixels": (png(4_000, 4_001), messages.png_too_many_pixels(4_000, 4_001, 4_000, 16_000_000)),
    "largest-width": (png(2**32 - 1, 2**32 - 1), messages.png_too_many_pixels(2**32 - 1, 2**32 - 1, 4_000, 16_000_000)),
}


@pytest.mark.parametrize("name", PNG_CASES)
def test_a_file_that_is_not_a_sane_png_is_refused(minimal: Path, run, name: str):
    content, message = PNG_CASES[name]
    (minimal / SET / f"{name}.png").write_bytes(content)
    result = run("--root", minimal, "check")
    assert result.code == 1
    assert result.problems == [f"{SET}/{name}.png:1:1: {message}"]


def test_a_real_png_is_accepted_and_published_as_it_is(minimal: Path, run):
    picture = png(2, 2, pixels=b"\x00" + b"\xff" * 8 + b"\x00" + b"\xff" * 8)
    (minimal / SET / "town-hall.png").write_bytes(picture)
    assert run("--root", minimal, "check").code == 0
    found = load_library(minimal).pictures.find("town-hall")
    assert [published_bytes(p) for p in found] == [picture]


def test_links_and_special_files_under_pictures_are_refused(minimal: Path, run, tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.svg").write_text(f"<svg {NS}/>")
    (outside / "set.yml").write_text("name: Linked\nlicence: MIT\ncredit: Linked pictures.\n")
    folder = minimal / SET
    (folder / "passwd.svg").symlink_to("/etc/passwd")
    (folder / "secret.svg").symlink_to(outside / "secret.svg")
    (folder / "inside.svg").symlink_to(folder / "school.svg")  # refused too: a link is never needed
    os.mkfifo(folder / "fifo.svg")
    (folder / "folder.svg").mkdir()
    (folder / "subset").mkdir()
    (minimal / "pictures/linked-set").symlink_to(outside, target_is_directory=True)
    (minimal / "pictures/loose.svg").write_text(f"<svg {NS}/>")
    (minimal / "pictures/Own_Pictures").mkdir()
    result = run("--root", minimal, "check")
    assert result.code == 1
    assert result.problems == [
        f"pictures/Own_Pictures/:1:1: {messages.FOLDER_NOT_A_SLUG.format(name='Own_Pictures')}",
        f"{SET}/fifo.svg:1:1: {messages.PICTURE_NOT_A_FILE}",
        f"{SET}/folder.svg/:1:1: {messages.PICTURE_FOLDER_INSIDE_SET}",
        f"{SET}/inside.svg:1:1: {messages.PICTURE_SYMLINK}",
        f"{SET}/passwd.svg:1:1: {messages.PICTURE_SYMLINK}",
        f"{SET}/secret.svg:1:1: {messages.PICTURE_SYMLINK}",
        f"{SET}/subset/:1:1: {messages.PICTURE_FOLDER_INSIDE_SET}",
        f"pictures/linked-set:1:1: {messages.PICTURE_SYMLINK}",
        f"pictures/loose.svg:1:1: {messages.PICTURE_OUTSIDE_SET}",
    ]


def test_a_linked_licence_set_file_or_pictures_folder_is_refused(minimal: Path, run, tmp_path: Path):
    folder = minimal / SET
    (folder / "LICENSE").unlink()
    (folder / "LICENSE").symlink_to("/proc/self/environ")
    about = (folder / "set.yml").read_text()
    (tmp_path / "set.yml").write_text(about)
    (folder / "set.yml").unlink()
    (folder / "set.yml").symlink_to(tmp_path / "set.yml")
    result = run("--root", minimal, "check")
    assert result.problems == [
        f"{SET}/LICENSE:1:1: {messages.PICTURE_SYMLINK}",
        f"{SET}/set.yml:1:1: {messages.PICTURE_SYMLINK}",
        f"{SET}/set.yml:1:1: {messages.PICTURE_SET_WITHOUT_ABOUT}",
    ]
    moved = tmp_path / "pictures"
    (minimal / "pictures").rename(moved)
    (minimal / "pictures").symlink_to(moved, target_is_directory=True)
    assert run("--root", minimal, "check").problems == [f"pictures:1:1: {messages.PICTURE_SYMLINK}"]


def test_other_files_in_a_picture_set_are_refused_and_hidden_ones_ignored(minimal: Path, run):
    folder = minimal / SET
    for name in ("photo.jpg", "school.SVG", "README.md", "LICENSE.txt", "picture.svgz", "set.yaml"):
        (folder / name).write_text("x")
    (folder / "Town Hall.svg").write_text(f"<svg {NS}/>")
    (folder / ".DS_Store").write_text("x")
    result = run("--root", minimal, "check")
    assert result.code == 1
    assert result.err.splitlines()[:-1] == [
        f"{SET}/LICENSE.txt:1:1: {messages.PICTURE_UNKNOWN_FILE}",
        f"{SET}/README.md:1:1: {messages.PICTURE_UNKNOWN_FILE}",
        f"{SET}/Town Hall.svg:1:1: {messages.PICTURE_NAME_NOT_A_SLUG.format(name='Town Hall.svg')}",
        f"{SET}/photo.jpg:1:1: {messages.PICTURE_UNKNOWN_FILE}",
        f"{SET}/picture.svgz:1:1: {messages.PICTURE_UNKNOWN_FILE}",
        f"{SET}/school.SVG:1:1: {messages.PICTURE_UNKNOWN_FILE}",
        f"{SET}/set.yaml:1:1: {messages.PICTURE_UNKNOWN_FILE}",
    ]


# --- set.yml: the same strict loader and model as content -------------------------------------------

ABOUT = "name: Council pictures\nlicence: Licensed to the council\ncredit: Pictures by the council.\n"
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)

SET_FILE_CASES: dict[str, tuple[str | bytes, list[str]]] = {
    "alias-bomb": (ALIAS_BOMB, [f"1:4: {messages.YAML_ALIAS}"]),
    "python-tag": (
        ABOUT + "source: !!python/object/apply:os.system [echo owned]\n",
        [f"4:9: {messages.yaml_tag('!!python/object/apply:os.system')}"],
    ),
    "broken": (
        "name: [Council pictures\n",
        [
            "2:1: This is not valid YAML (while parsing a flow sequence expected ',' or ']', but got '<stream end>'). "
            "Check the indentation and quotes on this line."
        ],
    ),
    "not-a-mapping": ("- Council pictures\n", [f"1:1: {messages.NOT_A_MAPPING}"]),
    "empty": ("", [f"1:1: {messages.EMPTY_FILE}"]),
    "not-utf8": (b"name: Caf\xe9\nlicence: MIT\ncredit: x\n", [f"1:10: {messages.NOT_UTF8}"]),
    "unknown-key": (
        ABOUT + "licence_url: https://example.org/\n",
        [f"4:1: licence_url: {messages.unknown_key('licence_url', ['name', 'licence', 'credit', 'source', 'pictures'])}"],
    ),
    "missing-licence": (
        "name: Council pictures\ncredit: Pictures by the council.\n",
        ["1:1: licence: 'licence' is missing. Add it (The licence the pictures are used under, such as MIT)."],
    ),
    "html-credit": (
        "name: Council pictures\nlicence: MIT\ncredit: <img src=x onerror=alert(1)>\n",
        [
            "3:9: credit: contains HTML ('<img src=x onerror=alert(1)>'). HTML is not allowed in content: write plain text, "
            "and use Markdown for bold (**bold**), links ([text](https://...)) and lists."
        ],
    ),
    "javascript-source": (
        ABOUT + "source: javascript:alert(1)\n",
        ["4:9: source: 'javascript:alert(1)' is not a web address. Web addresses start with https:// or http://."],
    ),
}


@pytest.mark.parametrize("name", SET_FILE_CASES)
def test_a_hostile_set_file_is_refused_at_its_line(minimal: Path, run, name: str):
    content, expected = SET_FILE_CASES[name]
    folder = minimal / "pictures/council-pictures"
    folder.mkdir()
    (folder / "set.yml").write_bytes(content.encode() if isinstance(content, str) else content)
    result = run("--root", minimal, "check")
    assert result.code == 1
    assert "Traceback" not in result.err
    assert result.problems == [f"pictures/council-pictures/set.yml:{line}" for line in expected]


def test_a_picture_set_needs_its_set_file(minimal: Path, run):
    folder = minimal / "pictures/council-pictures"
    folder.mkdir()
    (folder / "town-hall.svg").write_text(f"<svg {NS}/>")
    result = run("--root", minimal, "check")
    assert result.problems == [f"pictures/council-pictures/set.yml:1:1: {messages.PICTURE_SET_WITHOUT_ABOUT}"]
    (folder / "set.yml").write_text(ABOUT)
    assert run("--root", minimal, "check").code == 0


# --- What is published ------------------------------------------------------------------------------


def test_a_picture_changed_after_check_is_checked_again_before_it_is_published(minimal: Path):
    library = load_library(minimal)
    school = library.pictures.find("school")[0]
    school.path.write_bytes(svg("<script>alert(1)</script>"))
    with pytest.raises(ContentError) as refused:
        published_bytes(school)
    assert [str(p) for p in refused.value.problems] == [f"{SET}/school.svg:2:1: {REMOVES('This <script> element')}"]
    school.path.unlink()
    school.path.symlink_to("/etc/passwd")
    with pytest.raises(ContentError):
        published_bytes(Picture(school.set, school.name, school.path))


def _hostile_parts(svg_text: str) -> list[str]:
    """Anything in a published SVG that could run script or reach outside it."""
    found = []
    tree = ElementTree.fromstring(svg_text)
    for element in tree.iter():
        tag = element.tag.split("}")[-1]
        if tag in ("script", "foreignObject", "handler", "iframe"):
            found.append(tag)
        for name, value in element.attrib.items():
            local = name.split("}")[-1]
            if local.lower().startswith("on"):
                found.append(f"{tag} {local}")
            if local == "href" and not value.startswith("#"):
                found.append(f"{tag} href={value}")
            if re.search(r"url\(\s*['\"]?\s*[^#'\"\s]", value, re.IGNORECASE):
                found.append(f"{tag} {local}={value}")
        if tag == "style" and re.search(r"url\(\s*['\"]?\s*[^#'\"\s]|@import", element.text or "", re.IGNORECASE):
            found.append("style")
    return found


TOWN_HALL = (
    f'<svg {NS} {XL} viewBox="0 0 10 10">\n'
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#1d4f91"/></linearGradient><rect id="r" width="4" height="4"/></defs>\n'
    '<rect width="10" height="10" fill="url(#g)"/>\n<use xlink:href="#r"/>\n</svg>\n'
)


def test_the_build_publishes_only_filtered_pictures_and_stops_on_a_hostile_one(tmp_path: Path, project: Path, run):
    root = project
    own = root / "pictures/council-pictures"
    own.mkdir()
    # The edition's words for the picture it replaces, "A council building.", say what this one shows.
    (own / "set.yml").write_text(ABOUT + "pictures:\n  town-hall: {shows: The council's town hall building}\n")
    (own / "LICENSE").write_text("Licensed to the council for its own publications.\n")
    (own / "town-hall.svg").write_text(TOWN_HALL)
    edition = root / "content/leicester/send-2021-24/easy-read.yml"
    edition.write_text(
        edition.read_text(encoding="utf-8").replace("picture: classical-building", "picture: town-hall", 1), encoding="utf-8"
    )
    site = tmp_path / "site"
    assert run("--root", root, "build", "--no-pdf", "--site-dir", site, "--as-of", AS_OF).code == 0

    published = sorted((site / "assets/pictures").rglob("*.svg"))
    assert site / "assets/pictures/council-pictures/town-hall.svg" in published
    assert len(published) > 10
    for path in published:
        source = root / "pictures" / path.relative_to(site / "assets/pictures")
        assert path.read_bytes() == py_svg_hush.filter_svg(source.read_bytes()), path
        assert _hostile_parts(path.read_text(encoding="utf-8")) == [], path
    town_hall = (site / "assets/pictures/council-pictures/town-hall.svg").read_text(encoding="utf-8")
    assert 'fill="url(#g)"' in town_hall and 'href="#r"' in town_hall  # its own parts are kept
    assert (site / "assets/pictures/council-pictures/LICENSE.txt").read_text().startswith("Licensed to the council")

    # The same picture made hostile stops the build, names the file and leaves the site as it was.
    before = tree_digest(site)
    (own / "town-hall.svg").write_text(TOWN_HALL.replace("<defs>", '<script>alert(1)</script><image href="file:///etc/passwd"/><defs>'))
    result = run("--root", root, "build", "--no-pdf", "--site-dir", site, "--as-of", AS_OF)
    assert result.code == 1
    assert result.problems == [
        f"pictures/council-pictures/town-hall.svg:2:1: {REMOVES('This <script> element')}",
        f"pictures/council-pictures/town-hall.svg:2:26: {OUTSIDE('file:///etc/passwd')}",
    ]
    assert tree_digest(site) == before
