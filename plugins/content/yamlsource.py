"""Reading officers' YAML safely, keeping the line and column of every value.

PyYAML parses; this module decides what each scalar means. The YAML 1.1 rules
that PyYAML follows by default turn ``no`` and ``on`` into booleans and ``1:20``
into the number 80, which silently changes what an officer wrote. Here only
``true`` and ``false`` are booleans, only plain decimal digits are numbers, and
``YYYY-MM-DD`` is a date; everything else stays the text it looks like.
Anchors, aliases, merge keys and tags are refused: officers do not need them,
and aliases are how a small file expands into gigabytes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

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

Path_ = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL)?$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_DECIMAL = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


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
        if tag is not None and tag != "!":
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


def _scalar(node: ScalarNode, file: str, path: Path_) -> Any:
    text = node.value
    if node.style:  # quoted or block: always text, whatever it looks like
        return text
    if _NULL.match(text):
        return None
    if _BOOL.match(text):
        return text.lower() == "true"
    if _INT.match(text):
        return int(text)
    if _DECIMAL.match(text):
        return Decimal(text)
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
    doc = YamlDocument(file=file, data=None)
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as error:
        # An unclosed quote is only noticed at the end of the file; the officer needs the line it opened on.
        opened_at_context = (error.context or "").startswith("while scanning a quoted scalar")
        mark = (error.context_mark if opened_at_context else None) or error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ContentError([Problem(file, line, column, "", messages.yaml_syntax(error.problem, error.context))]) from None
    except yaml.YAMLError as error:  # e.g. a stream error before any mark exists
        raise ContentError([Problem(file, 1, 1, "", messages.yaml_syntax(str(error), None))]) from None
    except RecursionError:
        raise ContentError([Problem(file, 1, 1, "", messages.YAML_TOO_DEEP)]) from None
    if root is None:
        raise ContentError([Problem(file, 1, 1, "", messages.EMPTY_FILE)])
    problems: list[Problem] = []
    doc.data = _build(root, doc, (), problems)
    if problems:
        raise ContentError(problems)
    return doc


def load_file(path: Path, file: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> YamlDocument:
    """Read and parse one content file, checking its size and encoding first."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ContentError([Problem(file, 1, 1, "", messages.file_too_large(size, max_bytes))])
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise ContentError([Problem(file, line, column, "", messages.NOT_UTF8)]) from None
    return parse_text(text, file)
