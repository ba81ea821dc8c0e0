"""Reading pictures/: every file checked before it is used, and the bytes that are published.

Pictures arrive by pull request like the rest of the content, and an SVG is a document that can hold
script, event handlers and references to other files. Every SVG goes through svg-hush (Cloudflare's
SVG filter, through py-svg-hush), and `check` refuses any SVG the filter would change, naming what
it would take out, so that what is committed is what is published and the officer hears of it at
the file. svg-hush keeps references it considers same-site (`x.png`, `/etc/passwd`, CSS
`image-set("...")`), which a PDF engine reading the picture from disk would follow, so a picture
may also refer to nothing but its own parts (`#id`). The build publishes only the filtered bytes.

Each folder under pictures/ is one picture set with its own licence, so a council can drop in a set
it has bought (Photosymbols, say) beside the free one that ships with the project:

    pictures/<set>/set.yml      name, licence, credit line, where the pictures came from, and what
                                each picture shows (`pictures:`), which the Easy Read checker compares
                                with the words an edition gives it
    pictures/<set>/LICENSE      the licence text, copied to the site beside the pictures
    pictures/<set>/<name>.svg   the pictures (.svg or .png), named as the content names them

Content names a picture by its file name without the extension (`school`), or as `set/name` when
two sets hold a picture of the same name.
"""

from __future__ import annotations

import json
import os
import re
import struct
import xml.parsers.expat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import py_svg_hush

from . import messages
from .model import SLUG_PATTERN, PictureSetFile
from .problems import ContentError, Problem
from .yamlsource import YamlDocument, file_kind, load_file, read_limited

SET_FILE = "set.yml"
LICENCE_FILE = "LICENSE"

# --- What a picture is -------------------------------------------------------------------------------

PICTURES_DIR = "pictures"
PICTURE_SUFFIXES = (".svg", ".png")


@dataclass(frozen=True)
class PictureSet:
    id: str
    name: str
    licence: str
    credit: str
    source: str
    folder: Path

    @property
    def licence_file(self) -> Path:
        return self.folder / "LICENSE"

    @property
    def about_file(self) -> str:
        """The set's set.yml as officers see it, for the messages that send them there."""
        return f"{PICTURES_DIR}/{self.id}/{SET_FILE}"

    @property
    def site_licence(self) -> str:
        """Where the licence is published, beside the pictures."""
        return f"assets/pictures/{self.id}/LICENSE.txt"


@dataclass(frozen=True)
class Picture:
    set: PictureSet
    name: str
    path: Path
    # What the set's set.yml says of the picture, under `pictures:`: what is drawn (None where it does
    # not say), whether it is a sign rather than a thing, and why to think before using it.
    shows: str | None = None
    abstract: bool = False
    sensitive: str | None = None

    @property
    def id(self) -> str:
        return f"{self.set.id}/{self.name}"

    @property
    def site_path(self) -> str:
        """Where the picture is published, under the site's root."""
        return f"assets/pictures/{self.set.id}/{self.path.name}"


@dataclass
class PictureLibrary:
    sets: list[PictureSet] = field(default_factory=list)
    pictures: dict[str, list[Picture]] = field(default_factory=dict)

    def find(self, picture_id: str) -> list[Picture]:
        """Every picture the id could mean: none if unknown, several if the name is in more than one set."""
        if "/" in picture_id:
            set_id, name = picture_id.split("/", 1)
            return [p for p in self.pictures.get(name, []) if p.set.id == set_id]
        return list(self.pictures.get(picture_id, []))

    def names(self) -> list[str]:
        return sorted(self.pictures)

    def described(self) -> list[Any]:
        """What the sets say of their pictures, and the pictures' file names, for a cache's key: not where
        the project is, so that a project moved or cloned afresh (on a CI machine, say) finds its entries."""
        sets = [[s.id, s.name, s.licence, s.credit, s.source] for s in self.sets]
        pictures = [[p.id, p.path.name, p.shows, p.abstract, p.sensitive] for name in sorted(self.pictures) for p in self.pictures[name]]
        return [sets, pictures]


# --- Reading and checking the folder --------------------------------------------------------------

# Far above what a picture printed 30 mm wide needs, far below what slows a build or a reader's page.
MAX_SVG_BYTES = 2_000_000
MAX_PNG_BYTES = 5_000_000
MAX_LICENCE_BYTES = 200_000
MAX_SVG_DEPTH = 100
# Decoding a PNG takes memory in proportion to its pixels, whatever its size on disk.
MAX_PNG_SIDE = 4_000
MAX_PNG_PIXELS = 16_000_000
# One hostile picture can hold thousands of scripts; the first few say what is wrong with it.
MAX_PROBLEMS_PER_PICTURE = 10

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# The CSS functions a picture's style may use: colours, sizes, transforms and filters. Anything else
# (image-set, src, element, cross-fade...) may name a file to load.
CSS_FUNCTIONS = frozenset(
    "url rgb rgba hsl hsla hwb lab lch oklab oklch color calc min max clamp var "
    "matrix translate translatex translatey scale scalex scaley rotate skew skewx skewy "
    "blur brightness contrast drop-shadow grayscale hue-rotate invert opacity saturate sepia "
    "cubic-bezier steps".split()
)
_CSS_FUNCTION = re.compile(r"(?<![\w-])([A-Za-z_-][\w-]*)\s*\(")
_CSS_URL = re.compile(r"url\(\s*[\"']?\s*(.?)", re.IGNORECASE)

SetValidator = Callable[[YamlDocument], "tuple[PictureSetFile | None, list[Problem]]"]


# --- Reading a file safely -------------------------------------------------------------------------


def _problem(file: str, message: str, line: int = 1, column: int = 1) -> ContentError:
    return ContentError([Problem(file, line, column, "", message)])


# --- SVG: parsed to compare, filtered by svg-hush to publish -----------------------------------------


@dataclass
class _Node:
    """An element (or a processing instruction) as it matters to a reader: names, attributes, text."""

    key: str  # namespace and local name, what the filter compares by
    shown: str  # as the officer wrote it, for messages
    line: int
    column: int
    attributes: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (shown name, value)
    text: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)

    def words(self) -> str:
        # The filter re-indents the file, which changes only the white space between elements.
        return "".join("".join(self.text).split())


class _Refused(Exception):
    pass


def _name(raw: str) -> tuple[str, str]:
    """Expat's 'namespace local prefix' as (key, shown)."""
    parts = raw.split(" ")
    if len(parts) == 1:
        return raw, raw
    namespace, local = parts[0], parts[1]
    shown = f"{parts[2]}:{local}" if len(parts) == 3 else local
    if namespace == XLINK_NAMESPACE and local == "href":
        return "href", shown  # the filter writes xlink:href as href, which means the same
    return f"{namespace} {local}", shown


def _parse_svg(data: bytes, file: str) -> _Node:
    """The document's tree, refusing a DOCTYPE before any entity in it could be expanded."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.namespace_prefixes = True
    document = _Node("", "", 1, 1)
    stack = [document]

    def here() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def doctype(*_: object) -> None:
        raise _Refused(messages.SVG_DOCTYPE)

    def start(raw: str, attributes: dict[str, str]) -> None:
        if len(stack) > MAX_SVG_DEPTH:
            raise _Refused(messages.svg_too_deep(MAX_SVG_DEPTH))
        key, shown = _name(raw)
        node = _Node(key, shown, *here())
        for raw_attribute, value in attributes.items():
            attribute_key, attribute_shown = _name(raw_attribute)
            node.attributes[attribute_key] = (attribute_shown, value)
        stack[-1].children.append(node)
        stack.append(node)

    def end(_: str) -> None:
        stack.pop()

    def text(data: str) -> None:
        stack[-1].text.append(data)

    def instruction(target: str, _: str) -> None:
        stack[-1].children.append(_Node(f"?{target}", f"?{target}?", *here()))

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.ProcessingInstructionHandler = instruction
    try:
        parser.Parse(data, True)
    except _Refused as refused:
        raise _problem(file, str(refused), *here()) from None
    except xml.parsers.expat.ExpatError as error:
        reason = xml.parsers.expat.ErrorString(error.code) or "unreadable"
        raise _problem(file, messages.svg_not_well_formed(reason), error.lineno, error.offset + 1) from None
    return document


def _differences(original: _Node, cleaned: _Node, skip: set[tuple[int, str]]) -> Iterator[tuple[_Node, str]]:
    """What the filter took out of or changed in the original, where the original has it."""
    for key, (shown, value) in original.attributes.items():
        if (id(original), key) not in skip and cleaned.attributes.get(key, (shown, None))[1] != value:
            yield original, f"The {shown} attribute of this <{original.shown}> element"
    if (id(original), "") not in skip and original.words() != cleaned.words():
        yield original, f"Some of the text inside this <{original.shown}> element"
    kept = iter(cleaned.children)
    match = next(kept, None)
    for child in original.children:
        if match is not None and match.key == child.key:
            yield from _differences(child, match, skip)
            match = next(kept, None)
        elif child.key.startswith("?"):
            yield child, f"This <{child.shown}> instruction"
        else:
            yield child, f"This <{child.shown}> element"


def _walk(node: _Node) -> Iterator[_Node]:
    yield node
    for child in node.children:
        yield from _walk(child)


def _css_problems(css: str) -> Iterator[str]:
    if "\\" in css or "@" in css:
        yield messages.SVG_STYLE_ESCAPE
    for function in _CSS_FUNCTION.finditer(css):
        if function.group(1).lower() not in CSS_FUNCTIONS:
            yield messages.svg_style_function(function.group(1))


def _references(document: _Node) -> Iterator[tuple[_Node, str, str]]:
    """Every reference that leaves the picture, and every style that could hide one: (node, attribute key, message)."""
    for node in _walk(document):
        for key, (_, value) in node.attributes.items():
            if key.endswith(" href") or key == "href":
                if not value.strip().startswith("#"):
                    yield node, key, messages.svg_refers_outside(value)
                continue
            if any(target.group(1) != "#" for target in _CSS_URL.finditer(value)):
                yield node, key, messages.svg_refers_outside(value)
            elif key == "style":
                yield from ((node, key, message) for message in _css_problems(value))
        if node.key == f"{SVG_NAMESPACE} style":
            css = "".join(node.text)
            if any(target.group(1) != "#" for target in _CSS_URL.finditer(css)):
                yield node, "", messages.svg_refers_outside(css.strip())
            yield from ((node, "", message) for message in _css_problems(css))


def clean_svg(data: bytes, file: str) -> bytes:
    """The picture as it is published: filtered by svg-hush, once it is known the filter changes nothing
    that matters and nothing in it leaves the picture. Raises ContentError naming each problem."""
    original = _parse_svg(data, file)
    roots = [n for n in original.children if not n.key.startswith("?")]
    if len(roots) != 1 or roots[0].key != f"{SVG_NAMESPACE} svg":
        at = roots[0] if roots else original
        raise _problem(file, messages.SVG_NOT_SVG, at.line, at.column)
    try:
        cleaned = py_svg_hush.filter_svg(data)
    except ValueError as error:
        raise _problem(file, messages.svg_not_cleanable(str(error))) from None
    found: list[Problem] = []
    outside = list(_references(original))
    for node, _, message in outside:
        found.append(Problem(file, node.line, node.column, "", message))
    skip = {(id(node), key) for node, key, _ in outside}
    for node, what in _differences(original, _parse_svg(cleaned, file), skip):
        found.append(Problem(file, node.line, node.column, "", messages.svg_cleaner_removes(what)))
    if found:
        raise ContentError(sorted(set(found))[:MAX_PROBLEMS_PER_PICTURE])
    return bytes(cleaned)


# --- PNG -----------------------------------------------------------------------------------------


def check_png(data: bytes, file: str) -> bytes:
    """The picture as it is, once its header shows a PNG of a size a reader's browser and the PDF
    engine can decode; its pixels are never decoded here."""
    # A PNG opens with its signature and then its IHDR chunk: 13 bytes, width and height first.
    if not data.startswith(PNG_SIGNATURE) or data[8:16] != b"\x00\x00\x00\x0dIHDR" or len(data) < 33:
        raise _problem(file, messages.PNG_NOT_PNG)
    width, height = struct.unpack(">II", data[16:24])
    if width == 0 or height == 0:
        raise _problem(file, messages.PNG_NOT_PNG)
    if width > MAX_PNG_SIDE or height > MAX_PNG_SIDE or width * height > MAX_PNG_PIXELS:
        raise _problem(file, messages.png_too_many_pixels(width, height, MAX_PNG_SIDE, MAX_PNG_PIXELS))
    return data


def _checked(path: Path, file: str) -> bytes:
    if path.suffix == ".svg":
        data = read_limited(path, file, max_bytes=MAX_SVG_BYTES, too_large=messages.picture_too_large)
        if not data:
            raise _problem(file, messages.PICTURE_EMPTY)
        return clean_svg(data, file)
    data = read_limited(path, file, max_bytes=MAX_PNG_BYTES, too_large=messages.picture_too_large)
    if not data:
        raise _problem(file, messages.PICTURE_EMPTY)
    return check_png(data, file)


def _shown(picture_set: PictureSet, name: str) -> str:
    return f"{PICTURES_DIR}/{picture_set.id}/{name}"


def published_bytes(picture: Picture) -> bytes:
    """The bytes published for a picture: an SVG as svg-hush filters it, a PNG as it is; each read and
    checked again, so a file changed since `check` is never published unchecked."""
    return _checked(picture.path, _shown(picture.set, picture.path.name))


def licence_bytes(picture_set: PictureSet) -> bytes | None:
    """The set's licence text as it is published, or None where the set has none."""
    try:
        picture_set.licence_file.lstat()
    except FileNotFoundError:
        return None
    file = _shown(picture_set, LICENCE_FILE)
    return read_limited(picture_set.licence_file, file, max_bytes=MAX_LICENCE_BYTES, too_large=messages.picture_too_large)


# --- The folder ------------------------------------------------------------------------------------


class _Reader:
    def __init__(self, root: Path, validate_set: SetValidator):
        self.root = root
        self.validate_set = validate_set
        self.problems: list[Problem] = []
        self.library = PictureLibrary()

    def refuse(self, path: Path, message: str, *, folder: bool = False) -> None:
        shown = path.relative_to(self.root).as_posix() + ("/" if folder else "")
        self.problems.append(Problem(shown, 1, 1, "", message))

    def ordinary(self, path: Path) -> str | None:
        """The kind of an entry that may be read, after refusing links and devices."""
        kind = file_kind(path)
        if kind == "link":
            self.refuse(path, messages.PICTURE_SYMLINK)
        elif kind == "other":
            self.refuse(path, messages.PICTURE_NOT_A_FILE)
        else:
            return kind
        return None

    def read(self) -> None:
        folder = self.root / PICTURES_DIR
        if not os.path.lexists(folder) or self.ordinary(folder) != "folder":
            return
        for entry in sorted(folder.iterdir()):
            if entry.name.startswith("."):
                continue
            kind = self.ordinary(entry)
            if kind == "file":
                self.refuse(entry, messages.PICTURE_OUTSIDE_SET)
            elif kind == "folder" and not re.fullmatch(SLUG_PATTERN, entry.name):
                self.refuse(entry, messages.FOLDER_NOT_A_SLUG.format(name=entry.name), folder=True)
            elif kind == "folder":
                self.read_set(entry)

    def read_set(self, folder: Path) -> None:
        about: PictureSetFile | None = None
        document: YamlDocument | None = None
        has_about = False
        pictures: list[Path] = []
        for path in sorted(folder.iterdir()):
            if path.name.startswith("."):
                continue
            kind = self.ordinary(path)
            if kind == "folder":
                self.refuse(path, messages.PICTURE_FOLDER_INSIDE_SET, folder=True)
            elif kind != "file":
                continue
            elif path.name == SET_FILE:
                has_about = True
                about, document = self.read_about(path)
            elif path.name == LICENCE_FILE:
                if path.lstat().st_size > MAX_LICENCE_BYTES:
                    self.refuse(path, messages.picture_too_large(path.lstat().st_size, MAX_LICENCE_BYTES))
            elif path.suffix not in PICTURE_SUFFIXES:
                self.refuse(path, messages.PICTURE_UNKNOWN_FILE)
            elif not re.fullmatch(SLUG_PATTERN, path.stem):
                self.refuse(path, messages.PICTURE_NAME_NOT_A_SLUG.format(name=path.name))
            else:
                pictures.append(path)
        if not has_about:
            self.refuse(folder / SET_FILE, messages.PICTURE_SET_WITHOUT_ABOUT)
        picture_set = PictureSet(
            id=folder.name,
            name=about.name if about else folder.name,
            licence=about.licence if about else "",
            credit=about.credit if about else "",
            source=(about.source or "") if about else "",
            folder=folder,
        )
        self.library.sets.append(picture_set)
        meanings = about.pictures if about else {}
        for path in pictures:
            try:
                _checked(path, _shown(picture_set, path.name))
            except ContentError as error:
                self.problems.extend(error.problems)
            meaning = meanings.get(path.stem)
            # Listed even when refused, so content naming it is not told the picture does not exist.
            self.library.pictures.setdefault(path.stem, []).append(
                Picture(
                    picture_set,
                    path.stem,
                    path,
                    shows=meaning.shows if meaning else None,
                    abstract=meaning.abstract if meaning else False,
                    sensitive=meaning.sensitive if meaning else None,
                )
            )
        # What a set says of a picture it does not hold is a mistake in its name, or a picture deleted
        # and its entry left behind: either way no picture gets the meaning the officer wrote.
        names = sorted({path.stem for path in pictures})
        for name in meanings:
            if name not in names and document is not None:
                message = messages.meaning_without_picture(name, _shown(picture_set, ""), names)
                self.problems.append(document.problem(("pictures", name), message, key=True))

    def read_about(self, path: Path) -> tuple[PictureSetFile | None, YamlDocument | None]:
        try:
            document = load_file(path, path.relative_to(self.root).as_posix())
        except ContentError as error:
            self.problems.extend(error.problems)
            return None, None
        about, problems = self.validate_set(document)
        self.problems.extend(problems)
        return about, document


def load_pictures(root: Path, validate_set: SetValidator) -> tuple[PictureLibrary, list[Problem]]:
    """Every picture set under root/pictures, and every problem with its files.

    `validate_set` turns a set.yml into its model with located problems, as the content loader does
    for every other YAML file; it is passed in because that loader is the one that reads this module.
    """
    reader = _Reader(root, validate_set)
    reader.read()
    return reader.library, reader.problems


def extract_iconify(icons_json: Path, names: list[str], out_dir: Path) -> list[Path]:
    """Write the named pictures of an Iconify JSON set (as the npm registry ships them) as SVG files.

    This is how the project's own set was made: `npm pack @iconify-json/fluent-emoji-flat`, then
    this function with the names the content needs, so only the pictures in use are committed.
    """
    data = json.loads(icons_json.read_text(encoding="utf-8"))
    written = []
    for name in names:
        # Some names are aliases of another picture in the set.
        parent = data.get("aliases", {}).get(name, {}).get("parent", name)
        icon = data["icons"].get(parent)
        if icon is None:
            raise KeyError(name)
        width = icon.get("width", data.get("width", 16))
        height = icon.get("height", data.get("height", 16))
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
            f"{icon['body']}</svg>\n"
        )
        path = out_dir / f"{name}.svg"
        path.write_text(svg, encoding="utf-8")
        written.append(path)
    return written
