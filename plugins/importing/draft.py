"""A draft tree written as YAML an officer can check against the source, line by line.

Every value the recognisers found is written with where it came from as a comment ("# line 229",
"# table 2, row 4, column 1"), so that an officer can put the draft beside the document and check
each one; every value the model requires and the document does not give is written as its example
marked !example, with why as the comment, so that check refuses the draft until a person has filled
it. Scalars are written by PyYAML, so no text from the source can become YAML structure, a tag or a
comment; the comments themselves are our own words, made single-line here all the same.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

import yaml

from plugins.content.yamlsource import EXAMPLE_TAG
from plugins.importing.document import Found, Missing, Node

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schema/strategy.schema.json"
# A line longer than this has its comment on the line above, where an officer will see it.
LONG_LINE = 100


@dataclass(frozen=True)
class Placeholder:
    """A value written as !example, at its line of the file, with why the document did not give it."""

    line: int
    path: str  # as check names it: period.end_year, priorities[2].title (counted from 0)
    why: str


@dataclass
class _Writer:
    lines: list[str] = field(default_factory=list)
    placeholders: list[Placeholder] = field(default_factory=list)

    def mapping(self, tree: dict[str, Node], indent: int, path: str, first_prefix: str | None = None) -> None:
        """A mapping's entries at indent; a list item's first entry is written after its dash (first_prefix)."""
        prefix = first_prefix
        for key, node in tree.items():
            if _empty(node):
                continue
            self.entry((prefix or " " * indent) + f"{key}:", node, indent, f"{path}.{key}" if path else key)
            prefix = None

    def entry(self, head: str, node: Node, indent: int, path: str) -> None:
        if isinstance(node, Found):
            self.scalar(head, node.value, node.where, indent)
        elif isinstance(node, Missing):
            self.line(f"{head} {EXAMPLE_TAG} {_scalar(node.example)}", f"to fill in: {node.why}")
            self.placeholders.append(Placeholder(len(self.lines), path, node.why))  # the value's line, under any comment
        elif isinstance(node, dict):
            self.lines.append(head)
            self.mapping(node, indent + 2, path)
        else:
            self.lines.append(head)
            for n, item in enumerate(node):
                self.item(item, indent + 2, f"{path}[{n}]")

    def item(self, node: Node, indent: int, path: str) -> None:
        dash = " " * indent + "- "
        if isinstance(node, dict):
            self.mapping(node, indent + 2, path, first_prefix=dash)
        elif isinstance(node, list):
            self.lines.append(dash.rstrip())
            for n, item in enumerate(node):
                self.item(item, indent + 2, f"{path}[{n}]")
        elif isinstance(node, Found):
            self.scalar(dash.rstrip(), node.value, node.where, indent + 2)
        else:
            self.line(f"{dash}{EXAMPLE_TAG} {_scalar(node.example)}", f"to fill in: {node.why}")
            self.placeholders.append(Placeholder(len(self.lines), path, node.why))

    def scalar(self, head: str, value: object, where: str, indent: int) -> None:
        if isinstance(value, str) and "\n" in value and _literal_safe(value):
            self.line(f"{head} |{'' if value.endswith(chr(10)) else '-'}", where)
            for text in value.rstrip("\n").split("\n"):
                self.lines.append((" " * (indent + 2) + text) if text else "")
            return
        self.line(f"{head} {_scalar(value)}", where)

    def line(self, text: str, comment: str) -> None:
        comment = _comment(comment)
        if len(text) + len(comment) + 4 > LONG_LINE:
            indent = len(text) - len(text.lstrip(" "))
            # A list item's dash belongs to its first key: the comment goes above the dash.
            self.lines.append(" " * indent + f"# {comment}")
            self.lines.append(text)
        else:
            self.lines.append(f"{text}  # {comment}")


def write_yaml(tree: dict[str, Node], header: list[str]) -> tuple[str, list[Placeholder]]:
    """The YAML text of a draft tree, after the header's comment lines, and where each placeholder is."""
    writer = _Writer(lines=[SCHEMA_LINE, *(f"# {_comment(h)}" if h else "#" for h in header)])
    writer.mapping(tree, 0, "")
    return "\n".join(writer.lines) + "\n", writer.placeholders


def _empty(node: Node) -> bool:
    return isinstance(node, (list, dict)) and (not node or all(_empty(n) for n in (node.values() if isinstance(node, dict) else node)))


def _scalar(value: object) -> str:
    """One value as YAML on one line: PyYAML quotes whatever would otherwise be read as something else."""
    if isinstance(value, (list, dict)):  # an example of a whole part, written in YAML's one-line form
        return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=math.inf, sort_keys=False).strip()
    if isinstance(value, Decimal):  # a figure as written, 4.50 staying 4.50
        return str(value)
    if isinstance(value, (dt.date, int, float, bool)) or value is None:
        return yaml.safe_dump(value, default_flow_style=True).removesuffix("\n...\n").strip()
    text = yaml.safe_dump(str(value), default_flow_style=True, allow_unicode=True, width=math.inf)
    return text.removesuffix("\n...\n").strip()


def _literal_safe(text: str) -> bool:
    """Whether a text can be written as a | block and read back the same: printable, no leading space or tab."""
    lines = text.rstrip("\n").split("\n")
    return all(line == line.rstrip() and line.isprintable() for line in lines) and not lines[0].startswith((" ", "\t"))


def _comment(text: str) -> str:
    return " ".join(text.split())
