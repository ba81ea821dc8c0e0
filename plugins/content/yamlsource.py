"""Reading officers' YAML safely, keeping the line and column of every value.

PyYAML parses; this module decides what each scalar means. The YAML 1.1 rules
that PyYAML follows by default turn ``no`` and ``on`` into booleans and ``1:20``
into the number 80, which silently changes what an officer wrote. Here only
``true`` and ``false`` are booleans, only plain decimal digits are numbers, and
``YYYY-MM-DD`` is a date; everything else stays the text it looks like.
Anchors, aliases, merge keys and tags are refused: officers do not need them,
and aliases are how a small file expands into gigabytes. The one tag read is
``!example``, which marks a value that `new` wrote as an example: the value is read
as if it were unmarked, and the file is refused at each mark (see ExamplesLeft),
so that an example is never published as the strategy's own words.

Invisible characters are refused before PyYAML sees them, each at the line and
column an officer's editor and GitHub's diff show: control characters, bidirectional
controls and zero-width characters, which can make text read differently from how it
is stored, and the line separators U+2028, U+2029 and U+0085, which PyYAML counts as
line breaks and editors do not, so that every later line number would be wrong.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import json
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from . import messages
from .problems import ContentError, Problem, format_path

DEFAULT_MAX_BYTES = 1_000_000
MAX_DEPTH = 64
# Fifteen digits is every figure a council publishes, to the penny, and all a double-precision number
# holds exactly; Python refuses to read a whole number of more than 4,300 digits.
MAX_DIGITS = 15

Path_ = tuple[str | int, ...]

# Marks a value as an example still to be replaced; `new` writes it on every example in a new strategy.
EXAMPLE_TAG = "!example"

_NULL = re.compile(r"^(?:~|null|Null|NULL)?$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_DECIMAL = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

# Anything but the characters of ordinary text is looked at closely; most content is plain ASCII.
_UNUSUAL = re.compile(r"[^\t\n\x20-\x7e]")
# Unicode's control (Cc) and format (Cf) characters, line and paragraph separators, and halves of
# surrogate pairs, which only a YAML escape can write and no file can hold.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def invisible(text: str) -> list[tuple[int, str]]:
    """Where the text holds a character that must not be in content, with the character.

    A carriage return is allowed only as the first half of a Windows line ending.
    """
    found = []
    for match in _UNUSUAL.finditer(text):
        char, at = match.group(), match.start()
        if char == "\r" and text.startswith("\n", at + 1):
            continue
        if unicodedata.category(char) in _INVISIBLE_CATEGORIES:
            found.append((at, char))
    return found


# The invisible characters reported one by one in a file; the rest are counted in one problem. A file
# of a million of them would otherwise be reported in a million lines.
MOST_INVISIBLE_REPORTED = 20


def _line_starts(text: str) -> list[int]:
    """Where each line of the text starts. Only \n ends a line, as in git, GitHub and every editor an
    officer uses."""
    return [0] + [match.end() for match in re.finditer("\n", text)]


def _line_and_column(starts: list[int], at: int) -> Position:
    # Found by halving over the line starts, so that placing every character of a file takes one pass
    # over it rather than one pass for each character.
    index = bisect.bisect_right(starts, at) - 1
    return Position(index + 1, at - starts[index] + 1)


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass
class YamlDocument:
    """A parsed file: its data, and where every value and key stands in it."""

    file: str
    data: Any
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    # Every value marked !example, by path: each is reported, and refuses the file (see ExamplesLeft).
    examples: dict[Path_, Position] = field(default_factory=dict)
    # The SHA-256 of the text read (load_file), which gives both the data and every place: what a cache's
    # key names the file by. Empty for text parsed otherwise.
    text_digest: str = field(default="", compare=False)

    def position(self, path: Path_, *, key: bool = False) -> Position:
        """The position of a path, or of the nearest enclosing value that exists."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if not key and probe in self.keys:
                return self.keys[probe]
            probe = probe[:-1]
        return self.values.get((), Position(1, 1))

    def problem(self, path: Path_, message: str, *, key: bool = False, shown: Path_ | None = None) -> Problem:
        pos = self.position(path, key=key)
        return Problem(self.file, pos.line, pos.column, format_path(shown if shown is not None else path), message)


class ReadButRefused(ContentError):
    """A file refused that could still be read: its problems, and what it says, so that the rest of it
    can be checked in the same run."""

    def __init__(self, problems: list[Problem], document: YamlDocument):
        super().__init__(problems)
        self.document = document


class InvisibleCharacters(ReadButRefused):
    """A file refused for the invisible characters it holds, with what it says once they are gone."""


class ExamplesLeft(ReadButRefused):
    """A file refused for the values in it still marked !example, with what it says.

    Refused here, where the file is read, rather than by the checks that follow, so that nothing that
    reads content can publish an example: whatever reads the file must handle the refusal.
    """


class _RefusedConstruct(yaml.MarkedYAMLError):
    pass


class _Strict:
    """PyYAML's composer, refusing aliases, anchors and tags as it goes."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event: Any = self.peek_event()  # type: ignore[attr-defined]
        mark: Any = event.start_mark
        if isinstance(event, AliasEvent):
            raise _RefusedConstruct(problem=messages.YAML_ALIAS, problem_mark=mark)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _RefusedConstruct(problem=messages.YAML_ANCHOR, problem_mark=mark)
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in ("!", EXAMPLE_TAG):
            shown = "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag
            raise _RefusedConstruct(problem=messages.yaml_tag(shown), problem_mark=mark)
        return super().compose_node(parent, index)  # type: ignore[misc,no-any-return]


class _StrictLoader(_Strict, yaml.SafeLoader):
    """PyYAML's own parser, in Python: its messages are the ones officers are shown."""


_FAST_LOADER: type | None = None
if yaml.__with_libyaml__:  # PyYAML's wheels include libyaml; a build from source may not
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _FastStrictLoader(_Strict, Composer, CParser, SafeConstructor, Resolver):
        """libyaml's parser feeding the same composer: the same nodes, with the same lines and columns,
        six times as fast, which is most of the time it takes to read a large council's library."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    _FAST_LOADER = _FastStrictLoader


def _compose(text: str) -> Node | None:
    """The file's nodes, the same from either parser.

    The two parsers differ on tabs, which PyYAML refuses in places where libyaml (rightly) allows
    them, and on a byte order mark inside the text; a file with either is read by PyYAML alone, so a
    file is accepted or refused the same way on every machine. A file libyaml cannot read is read
    again by PyYAML, so that a mistake is always described in the same words, at the same place.
    """
    if _FAST_LOADER is not None and "\t" not in text and "\ufeff" not in text:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except (yaml.YAMLError, RecursionError):
            pass
    return yaml.compose(text, Loader=_StrictLoader)


def _pos(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _refuse_invisible(node: ScalarNode, file: str, path: Path_) -> None:
    # A character the file itself holds is refused before parsing, at its own place; one that a
    # double-quoted escape such as "\u202e" writes is refused here, at its value.
    found = invisible(node.value)
    if found:
        pos = _pos(node)
        raise ContentError([Problem(file, pos.line, pos.column, format_path(path), messages.invisible_in_value(found[0][1]))])


def _number(text: str, node: ScalarNode, file: str, path: Path_) -> int | Decimal:
    digits = sum(c.isdigit() for c in text)
    if digits > MAX_DIGITS:
        pos = _pos(node)
        raise ContentError([Problem(file, pos.line, pos.column, format_path(path), messages.too_many_digits(digits, MAX_DIGITS))])
    return int(text) if _INT.match(text) else Decimal(text)


def _scalar(node: ScalarNode, file: str, path: Path_) -> Any:
    text = node.value
    _refuse_invisible(node, file, path)
    if node.style:  # quoted or block: always text, whatever it looks like
        return text
    if _NULL.match(text):
        return None
    if _BOOL.match(text):
        return text.lower() == "true"
    if _INT.match(text) or _DECIMAL.match(text):
        return _number(text, node, file, path)
    if _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pos = _pos(node)
            raise ContentError([Problem(file, pos.line, pos.column, format_path(path), messages.not_a_real_date(text))]) from None
    return text


def _build(node: Node, doc: YamlDocument, path: Path_, problems: list[Problem]) -> Any:
    if len(path) > MAX_DEPTH:
        pos = _pos(node)
        raise ContentError([Problem(doc.file, pos.line, pos.column, format_path(path), messages.YAML_TOO_DEEP)]) from None
    doc.values[path] = _pos(node)
    if node.tag == EXAMPLE_TAG:
        doc.examples[path] = _pos(node)
    if isinstance(node, ScalarNode):
        try:
            return _scalar(node, doc.file, path)
        except ContentError as error:
            problems.extend(error.problems)
            return node.value
    if isinstance(node, SequenceNode):
        return [_build(item, doc, path + (i,), problems) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            kpos = _pos(key_node)
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(doc.file, kpos.line, kpos.column, format_path(path), messages.YAML_COMPLEX_KEY))
                continue
            key = key_node.value
            if key_node.tag == EXAMPLE_TAG:  # a key is the field's name, never an example to replace
                problems.append(Problem(doc.file, kpos.line, kpos.column, format_path(path + (key,)), messages.EXAMPLE_ON_KEY))
            try:
                _refuse_invisible(key_node, doc.file, path)
            except ContentError as error:
                problems.extend(error.problems)
                continue
            if key == "<<" and not key_node.style:
                problems.append(Problem(doc.file, kpos.line, kpos.column, format_path(path), messages.YAML_MERGE_KEY))
                continue
            child = path + (key,)
            if key in result:
                first = doc.keys[child]
                problems.append(Problem(doc.file, kpos.line, kpos.column, format_path(child), messages.duplicate_key(key, first.line)))
                continue
            doc.keys[child] = kpos
            result[key] = _build(value_node, doc, child, problems)
        return result
    raise AssertionError(f"unknown YAML node {node!r}")  # PyYAML has only these three kinds


def parse_text(text: str, file: str) -> YamlDocument:
    """Parse YAML text into a located document, or raise ContentError with every problem found."""
    found = invisible(text)
    if not found:
        return _parse(text, file)
    starts = _line_starts(text)
    places = [_line_and_column(starts, at) for at, _ in found]
    refused = [
        Problem(file, pos.line, pos.column, "", messages.invisible_in_file(char))
        for (_, char), pos in zip(found[:MOST_INVISIBLE_REPORTED], places, strict=False)
    ]
    if len(found) > MOST_INVISIBLE_REPORTED:
        pos = places[MOST_INVISIBLE_REPORTED]
        refused.append(Problem(file, pos.line, pos.column, "", messages.more_invisible_in_file(len(found) - MOST_INVISIBLE_REPORTED)))
    # The file is read as the officer sees it, so that its other mistakes are reported as well, each
    # at its true line: an invisible character taken out, a line separator read as the space it looks
    # like. A YAML mistake on a line with such a character is most likely that character's doing, and
    # is left until the character is gone.
    pieces, start = [], 0
    for at, char in found:
        pieces += [text[start:at], " " if char in messages.LINE_BREAKS else ""]
        start = at + 1
    seen = "".join(pieces) + text[start:]
    lines = {pos.line for pos in places}
    try:
        document = _parse(seen, file)
    except ExamplesLeft as error:
        raise InvisibleCharacters(refused + error.problems, error.document) from None
    except ContentError as error:
        raise ContentError(refused + [p for p in error.problems if p.line not in lines]) from None
    raise InvisibleCharacters(refused, document)


# The start of a line that holds a key (`title:`) or a list item (`- `), after its indentation.
_STRUCTURE = re.compile(r"(?P<indent> *)(?:- +|[A-Za-z_][A-Za-z0-9_ -]*:(?: |$))")
# The indentation of a line and any list markers after it: where the line's key stands.
_KEY_INDENT = re.compile(r" *(?:- +)*")


def _tokens(text: str) -> list[Any]:
    """The tokens PyYAML reads in the file (keys, values, texts), in order, up to its first mistake."""
    found = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            found.append(token)
    except yaml.YAMLError:
        pass
    return found


def _is_quoted(token: Any) -> bool:
    return isinstance(token, yaml.ScalarToken) and token.style in ("'", '"')


def _swallows_lines(lines: list[str], token: Any) -> bool:
    """Whether a quoted text runs on over lines that are plainly keys or list items of their own.

    Such a line is indented no more than the key the text belongs to, which YAML does not allow
    inside a value (PyYAML does not check); a text written over several lines on purpose is indented
    more, and reads as prose.
    """
    start, end = token.start_mark, token.end_mark
    if end.line >= len(lines):  # PyYAML counted a line break that no editor shows
        return False
    key_indent = _KEY_INDENT.match(lines[start.line]).end()  # type: ignore[union-attr]
    for number in range(start.line + 1, end.line + 1):
        inside = lines[number][: end.column] if number == end.line else lines[number]
        found = _STRUCTURE.match(inside)
        if found and len(found["indent"]) <= key_indent:
            return True
    return False


def _syntax_problem(text: str, file: str, error: yaml.MarkedYAMLError) -> Problem:
    """A YAML mistake, told at the place the officer made it.

    A quote left open is the commonest mistake, and PyYAML notices it only where the text stops
    making sense: at the end of the file, or many lines later where the next quote closes it, as an
    indentation error. Those are told at the quote that opened the text. A quote that closes a text
    early (an apostrophe inside single quotes) is told at that quote.
    """
    lines = text.split("\n")
    opened = error.context_mark
    if (error.context or "").startswith("while scanning a quoted scalar") and opened is not None:
        quote = lines[opened.line][opened.column : opened.column + 1] if opened.line < len(lines) else ""
        return Problem(file, opened.line + 1, opened.column + 1, "", messages.quote_never_closed(quote))
    found = error.problem_mark
    if found is not None:
        at = (found.line, found.column)
        tokens = _tokens(text)
        before = [t for t in tokens if (t.end_mark.line, t.end_mark.column) <= at]
        for token in before:
            if _is_quoted(token) and _swallows_lines(lines, token):
                start = token.start_mark
                return Problem(file, start.line + 1, start.column + 1, "", messages.quote_never_closed(token.style))
        # Text straight after a closing quote, with no space between (Children's): the quote was meant
        # as part of the text. Text after a space may be a line joined to the one above, and is left
        # to the general message.
        follows = any(isinstance(t, yaml.ScalarToken) and (t.start_mark.line, t.start_mark.column) == at for t in tokens)
        if follows and before and _is_quoted(before[-1]) and (before[-1].end_mark.line, before[-1].end_mark.column) == at:
            end = before[-1].end_mark
            return Problem(file, end.line + 1, end.column, "", messages.quote_closed_early(before[-1].style))
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(file, line, column, "", messages.yaml_syntax(error.problem, error.context))


def _parse(text: str, file: str) -> YamlDocument:
    doc = YamlDocument(file=file, data=None)
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as error:
        raise ContentError([_syntax_problem(text, file, error)]) from None
    except yaml.YAMLError as error:  # e.g. a stream error before any mark exists
        raise ContentError([Problem(file, 1, 1, "", messages.yaml_syntax(str(error), None))]) from None
    except RecursionError:
        raise ContentError([Problem(file, 1, 1, "", messages.YAML_TOO_DEEP)]) from None
    if root is None:
        raise ContentError([Problem(file, 1, 1, "", messages.EMPTY_FILE)])
    problems: list[Problem] = []
    doc.data = _build(root, doc, (), problems)
    examples = [_example_left(doc, path, pos) for path, pos in doc.examples.items()]
    if problems:
        raise ContentError(problems + examples)
    if examples:
        raise ExamplesLeft(examples, doc)
    return doc


def _example_left(doc: YamlDocument, path: Path_, pos: Position) -> Problem:
    # Every marked value was built into the data (a key refused is skipped with its value), so the path is there.
    value: Any = doc.data
    for part in path:
        value = value[part]
    return Problem(doc.file, pos.line, pos.column, format_path(path), messages.example_left(value))


def file_kind(path: Path) -> str:
    """What is at a path, without following a link: file, folder, link, other, or missing."""
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):  # nothing there, or a file where a folder would be
        return "missing"
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "other"


def read_limited(
    path: Path, file: str, *, max_bytes: int = DEFAULT_MAX_BYTES, too_large: Callable[[int, int], str] = messages.file_too_large
) -> bytes:
    """The bytes of an ordinary file of at most max_bytes, checked before anything is read.

    The file is opened without following a symbolic link and without waiting, so that a named pipe
    cannot stop the build, and what was opened is checked rather than what the name pointed at a
    moment before.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        kind = messages.LINK_REFUSED if path.is_symlink() else messages.UNREADABLE_FILE
        raise ContentError([Problem(file, 1, 1, "", kind)]) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ContentError([Problem(file, 1, 1, "", messages.NOT_A_FILE)])
        if info.st_size > max_bytes:
            raise ContentError([Problem(file, 1, 1, "", too_large(info.st_size, max_bytes))])
        raw = handle.read(max_bytes + 1)
    if len(raw) > max_bytes:  # grew while being read
        raise ContentError([Problem(file, 1, 1, "", too_large(len(raw), max_bytes))])
    return raw


def load_file(path: Path, file: str, *, max_bytes: int = DEFAULT_MAX_BYTES, kept: ParsedStore | None = None) -> YamlDocument:
    """Read and parse one content file, checking its kind, size and encoding first. With kept (the build's
    cache of parsed files, see below), a file parsed before from the same text is not parsed again."""
    raw = read_limited(path, file, max_bytes=max_bytes)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise ContentError([Problem(file, line, column, "", messages.NOT_UTF8)]) from None
    key = _parsed_key(text, file) if kept is not None else ""
    doc = _from_entry(kept.get(key), file) if kept is not None else None
    if doc is None:
        doc = parse_text(text, file)  # a file with a mistake raises here, and is never kept
        if kept is not None:
            kept.put(key, _entry(doc))
    doc.text_digest = hashlib.sha256(raw).hexdigest()
    return doc


# --- Files parsed by an earlier build -------------------------------------------------------------
#
# Parsing is most of the time it takes to read a council's library, and between two builds most files are
# as they were. A file parsed without a mistake is kept as its data and the place of every value and key,
# in JSON (never pickle: the cache is a folder on the disk, and its files only ever data), under a key of
# its name, its text, this module and PyYAML's version. Only a whole, well-formed entry is used; any other
# is passed over and the file parsed again.


class ParsedStore(Protocol):
    """Where parsed files are kept between builds (plugins/publishing/caches.py's TextEntries)."""

    def get(self, key: str) -> str | None: ...

    def put(self, key: str, text: str) -> None: ...

    def prune(self) -> None: ...


_PARSED_FORMAT = 1


@functools.cache
def _parser() -> str:
    # Python's version too: which characters are invisible, and how text is read, follow its Unicode tables.
    return hashlib.sha256(Path(__file__).read_bytes() + f"\0{yaml.__version__}\0{sys.version}\0{_PARSED_FORMAT}".encode()).hexdigest()


def _parsed_key(text: str, file: str) -> str:
    return hashlib.sha256(f"{_parser()}\0{file}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()


def _entry(doc: YamlDocument) -> str:
    def value(v: Any) -> Any:
        # Each value tagged with its kind, so that nothing in the text can pass for another kind.
        if isinstance(v, str):
            return v
        if isinstance(v, bool) or v is None:
            return ["b", v]
        if isinstance(v, int):
            return ["i", v]
        if isinstance(v, Decimal):
            return ["d", str(v)]
        if isinstance(v, dt.date):
            return ["t", v.isoformat()]
        if isinstance(v, list):
            return ["l", [value(item) for item in v]]
        return ["m", [[key, value(item)] for key, item in v.items()]]

    def places(table: dict[Path_, Position]) -> list[Any]:
        return [[list(path), pos.line, pos.column] for path, pos in table.items()]

    return json.dumps([value(doc.data), places(doc.values), places(doc.keys)])


def _from_entry(entry: str | None, file: str) -> YamlDocument | None:
    """The document an entry holds, or None unless it is whole and of the form _entry gives it."""
    if entry is None:
        return None

    def value(v: Any) -> Any:
        if isinstance(v, str):
            return v
        tag, item = v
        if tag == "m":
            if not all(isinstance(key, str) for key, _ in item):
                raise ValueError("a key that is not text")
            return {key: value(x) for key, x in item}
        if tag == "l":
            return [value(x) for x in item]
        if tag == "b" and (item is None or isinstance(item, bool)):
            return item
        if tag == "i" and isinstance(item, int) and not isinstance(item, bool):
            return item
        if tag == "d":
            return Decimal(item)
        if tag == "t":
            return dt.date.fromisoformat(item)
        raise ValueError(tag)

    def places(rows: list[Any]) -> dict[Path_, Position]:
        return {tuple(path): Position(int(line), int(column)) for path, line, column in rows}

    try:
        data, values, keys = json.loads(entry)
        return YamlDocument(file, value(data), places(values), places(keys))
    except (ValueError, TypeError, ArithmeticError, RecursionError):
        return None
