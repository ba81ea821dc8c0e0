"""What changed in the published content between two versions, in plain English.

Given two libraries (`site_build.py diff` loads them at two git revisions, see
plugins/publishing/git.py), this describes the difference the way a reviewing manager thinks of it:
"SEND Strategy 2021-24 > Priority 2 > Year Two (2022-2023): 1 action added: '...'". The result is
Markdown, fit for a pull request's comment.

Nothing that reaches a page may change unseen: the parts a manager thinks of first (priorities and
their actions, boards, the consultation, the timeline) have their own wording, and every other field
of the content model, at any depth, is found by walking the model itself, so a field added to the
model is compared without anyone remembering to. A changed text is shown with its old and new words.
Every word an officer wrote is escaped, so that it reads as typed in the comment and never becomes
a link, a picture, a heading, a mention of a person or any other markup.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import messages
from .dates import uk_date
from .library import Library
from .model import (
    Action,
    Consultation,
    Event,
    PartialDate,
    Priority,
    ProgressNote,
    StageRecord,
    Strategy,
    Term,
    YearOfPlan,
)
from .problems import Problem

# Two actions are the same action reworded when this much of their wording is shared.
REWORDED = 0.6
# Two items of a list without ids are the same item changed when this much of their content is shared.
SAME_ITEM = 0.5
# A text longer than this, or on more than one line, is shown whole in quoted blocks, its changed words marked.
SHORT_TEXT = 160

# (where, what): where in the strategy, '' for the strategy as a whole; what changed there.
Change = tuple[str, str]

# How a field is named in a summary, where its key would not read well.
_FIELD_NAMES = {
    "easy_read": "Easy Read edition",
    "what": "what happens",
    "due": "due date",
    "start": "first day",
    "end": "last day",
    "checked_by": "checked by",
    "this": "this version",
    "hard_words": "hard words",
}
# How one item of a list of plain values is named: the list's field name in the singular.
_ONE_OF = {
    "principles": "principle",
    "values": "value",
    "members": "member",
    "cells": "cell",
    "glossary": "glossary term",
    "outcomes": "outcome",
    "notes": "note",
    "governance": "governance board",
    "activities": "activity",
    "accountable_to": "board held to account by",
    "forms": "other form",
    "formats": "format",
    "not_accessible": "content not accessible",
}
# How an item of a list of content objects is named, where its class's name would not read well.
_NOUNS = {
    "YearOfPlan": "year of the plan",
    "StageRecord": "stage",
    "ChangeNote": "change note",
    "EasyReadSection": "section",
    "ProgressUpdate": "update",
    "SubGroup": "sub-group",
    "Paper": "background paper",
    "ProgressNote": "dated update",
    "MeasureUpdate": "dated update",
}
# The field that names an item, where it has one, in this order of preference.
_NAMING = ("name", "title", "heading", "term", "word", "caption", "strategy", "text", "note")
# The items of a list matched across versions by what they are, where they have no id.
_KEYS: dict[type[BaseModel], Callable[[Any], Hashable]] = {
    Event: lambda e: (str(e.date), e.body),
    Term: lambda t: t.term,
}

# --- Writing officers' words safely into Markdown -----------------------------------------------------

# Characters that make inline markup: emphasis, code, links, pictures, HTML, strikethrough, tables; an
# '&' only where it would start an entity.
_INLINE = re.compile(r"[\\`*_\[\]<>~|]|&(?=#|[A-Za-z0-9]+;)")
# What GitHub turns into a notification or a link by itself, even as plain text: @mentions, #123
# references and :emoji: codes. A zero-width space after the sign stops it, and cannot be seen.
_AUTO = re.compile(r"(?<![\w.+-])@(?=[\w-])|#(?=\d)|(?<!\d):(?=[a-z_+-][a-z0-9_+-]*:)")
ZERO_WIDTH_SPACE = "\u200b"
# What makes a line a heading, a list item, a quote or a heading's underline when it starts a line.
_BLOCK = re.compile(r"[#>+=-]|\d+(?=[.)])")


def _escape(token: str, *, line_start: bool = False) -> str:
    """Officer's words as literal text in Markdown: shown as typed, never as markup."""
    text = _AUTO.sub(lambda m: m.group(0) + ZERO_WIDTH_SPACE, _INLINE.sub(lambda m: "\\" + m.group(0), token))
    if line_start:
        found = _BLOCK.match(text)
        if found:
            at = found.end() if found.group(0)[0].isdigit() else 0
            text = text[:at] + "\\" + text[at:]
    return text


def _inline(text: str, *, line_start: bool = False) -> str:
    """Text of any length on the summary's line: its line breaks kept as breaks, each new line escaped;
    line_start where the text itself starts a line, or a list item's words right after its "- "."""
    lines = [line.strip() for line in text.strip().split("\n")]
    out = _escape(lines[0], line_start=line_start)
    for previous, line in zip(lines, lines[1:], strict=False):
        out += "\n" if not line or not previous else "\\\n"
        out += _escape(line, line_start=True)
    return out


def _quote(text: str) -> str:
    return f"'{_inline(text)}'"


def _marked(tokens: Sequence[str], changed: set[int], mark: str) -> str:
    """A text split in words and spaces, its changed words between marks, as lines of a quoted block."""
    out: list[str] = []
    open_, line_start = False, True
    for i, token in enumerate(tokens):
        if token.isspace():
            breaks = token.count("\n")
            following = next((j for j in range(i + 1, len(tokens)) if not tokens[j].isspace()), None)
            if open_ and (breaks or following not in changed):
                out.append(mark)
                open_ = False
            out.append(" " if not breaks else "\\\n" if breaks == 1 else "\n\n")
            line_start = breaks > 0
            continue
        if i in changed and not open_:
            out.append(mark)
            open_ = True
        out.append(_escape(token, line_start=line_start))
        line_start = False
    if open_:
        out.append(mark)
    return "\n".join(f"> {line}" if line else ">" for line in "".join(out).split("\n"))


def _words(text: str) -> list[str]:
    return [t for t in re.split(r"(\s+)", text.strip()) if t]


# How many changed characters of two look-alike texts are named one by one.
LOOKALIKE_CHARACTERS = 10


def _seen(text: str) -> str:
    """A text as a reader sees it: compatibility forms folded (NFKC) and invisible format characters gone."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Cf")


def _character(c: str) -> str:
    name = unicodedata.name(c, "")
    return f"U+{ord(c):04X}" + (f" {name}" if name else "")


def _characters(text: str) -> str:
    return " and ".join(_character(c) for c in text)


def _lookalike(old: str, new: str) -> str:
    """Where two different texts look the same to a reader, the characters that differ, by code point:
    ' (character 27 changed from U+006F LATIN SMALL LETTER O to U+043E CYRILLIC SMALL LETTER O)'.

    Two texts look alike when they are the same once folded as a reader sees them, or when they are as
    long and every character that differs is outside ASCII (a Cyrillic 'о' for a Latin 'o'). Otherwise ''.
    """
    if old == new:
        return ""
    pairs = [(a, b) for a, b in zip(old, new, strict=False) if a != b]
    if _seen(old) != _seen(new) and not (len(old) == len(new) and all(not (a + b).isascii() for a, b in pairs)):
        return ""
    found: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1:
            found += [f"character {j1 + n + 1} changed from {_character(old[i1 + n])} to {_character(new[j1 + n])}" for n in range(i2 - i1)]
        elif op == "replace":
            found.append(f"character {j1 + 1} changed from {_characters(old[i1:i2])} to {_characters(new[j1:j2])}")
        elif op == "insert":
            found += [f"character {j + 1} added: {_character(new[j])}" for j in range(j1, j2)]
        elif op == "delete":
            found += [f"character {i + 1} removed: {_character(old[i])}" for i in range(i1, i2)]
    more = len(found) - LOOKALIKE_CHARACTERS
    shown = found[:LOOKALIKE_CHARACTERS] + ([f"{_count(more, 'other character')} changed"] if more > 0 else [])
    return f" ({'; '.join(shown)})"


def _text_change(name: str, old: str, new: str) -> str:
    """A changed text, old and new words in full: on one line when short, else in two quoted blocks; where
    the two look alike, the characters that differ named by code point."""
    if "\n" not in old + new and max(len(old), len(new)) <= SHORT_TEXT:
        return f"{name} changed from {_quote(old)} to {_quote(new)}{_lookalike(old, new)}"
    before, after = _words(old), _words(new)
    removed: set[int] = set()
    added: set[int] = set()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op != "equal":
            removed.update(i for i in range(i1, i2) if not before[i].isspace())
            added.update(j for j in range(j1, j2) if not after[j].isspace())
    how = "" if removed or added else " (spacing or line breaks only)"
    how = _lookalike(old, new) or how
    return f"{name} changed{how}, from:\n\n{_marked(before, removed, '~~')}\n\nto:\n\n{_marked(after, added, '**')}"


def _long(value: Any) -> bool:
    return isinstance(value, str) and ("\n" in value.strip() or len(value) > SHORT_TEXT)


# --- Values and names --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Kind:
    """What a field's type says about showing its value: a choice from a list is not quoted, a date is a date."""

    choice: bool = False
    date: bool = False


_PARTIAL_DATE = get_args(PartialDate)[1]


def _kind_of(annotation: Any, metadata: Sequence[Any] = ()) -> _Kind:
    found: list[Any] = list(metadata)
    stack = [annotation]
    while stack:
        t = stack.pop()
        found.append(t)
        found.extend(getattr(t, "__metadata__", ()))
        stack.extend(get_args(t))
    choice = any(get_origin(t) is Literal for t in found)
    return _Kind(choice=choice, date=any(t is _PARTIAL_DATE for t in found))


def _item_kind(info: FieldInfo) -> _Kind:
    """The kind of one item of a list field."""
    args = get_args(info.annotation)
    return _kind_of(args[0]) if args else _Kind()


def _shown(value: Any, kind: _Kind = _Kind()) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date) or (kind.date and isinstance(value, str)):
        return uk_date(value)
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, str):
        return _escape(value) if kind.choice else _quote(value)
    if isinstance(value, list):
        return ", ".join(_shown(v, kind) for v in value)
    return _quote(str(value))


def _name(key: str) -> str:
    return _FIELD_NAMES.get(key, key.replace("_", " "))


def _one_of(key: str) -> str:
    return _ONE_OF.get(key, _name(key).removesuffix("s"))


def _noun(model: type[BaseModel]) -> str:
    return _NOUNS.get(model.__name__, re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__).lower())


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(where: str, part: str) -> str:
    return f"{where} > {_capital(part)}" if where else _capital(part)


def _naming_field(item: BaseModel) -> str | None:
    return next((k for k in _NAMING if k in type(item).model_fields and isinstance(getattr(item, k), str)), None)


def _label(item: BaseModel) -> tuple[str, set[str]]:
    """How an added or removed item is named, and the fields that name already shows."""
    if isinstance(item, Priority):
        return f"{item.label}, {_quote(item.title)}", {"id", "number", "title"}
    if isinstance(item, Event):
        return f"{uk_date(item.date)}, {_escape(item.body)}", {"date", "body"}
    if isinstance(item, StageRecord):
        return f"{item.stage}, {uk_date(item.date)}", {"stage", "date"}
    if isinstance(item, YearOfPlan):
        return f"{_quote(item.name)}, {uk_date(item.start)} to {uk_date(item.end)}", {"id", "name", "start", "end"}
    if isinstance(item, ProgressNote):
        return uk_date(item.date), {"date"}
    key = _naming_field(item)
    named = {key} if key else set()
    if "id" in type(item).model_fields:
        named.add("id")
    return (_quote(getattr(item, key)) if key else ""), named


def _place(item: BaseModel, position: int) -> str:
    """How the summary names where an item is: Priority 2; 24 March 2026, Cabinet; board 'Schools Forum'."""
    if isinstance(item, Priority):
        return item.label
    if isinstance(item, Event):
        return _label(item)[0]
    label = _label(item)[0]
    return f"{_noun(type(item))} {label or position}"


# --- The generic walk ---------------------------------------------------------------------------------


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {}


def _leaf_change(name: str, old: Any, new: Any, kind: _Kind) -> str:
    if _empty(old):
        return f"{name} added:\n\n{_marked(_words(new), set(), '')}" if _long(new) else f"{name} added: {_shown(new, kind)}"
    if _empty(new):
        return f"{name} removed:\n\n{_marked(_words(old), set(), '')}" if _long(old) else f"{name} removed: {_shown(old, kind)}"
    if isinstance(old, str) and isinstance(new, str) and not kind.choice and not kind.date:
        return _text_change(name, old, new)
    return f"{name} changed from {_shown(old, kind)} to {_shown(new, kind)}"


def _fields(old: BaseModel | None, new: BaseModel | None, where: str, skip: set[str] | frozenset[str] = frozenset()) -> Iterator[Change]:
    """Every difference in every field of one content object (either side may be missing), in the model's order."""
    either = new if new is not None else old
    assert either is not None
    for key, info in type(either).model_fields.items():
        if key in skip:
            continue
        a = getattr(old, key) if old is not None else None
        b = getattr(new, key) if new is not None else None
        if a != b:  # content models compare field by field
            yield from _value(a, b, where, key, info)


def _value(old: Any, new: Any, where: str, key: str, info: FieldInfo) -> Iterator[Change]:
    sample = new if not _empty(new) else old
    if isinstance(sample, list):
        if isinstance(sample[0], BaseModel):
            yield from _model_list(old or [], new or [], where)
        else:
            yield from _leaf_list(old or [], new or [], where, key, _item_kind(info))
    elif isinstance(sample, dict):
        for k in dict.fromkeys([*(old or {}), *(new or {})]):
            a, b = (old or {}).get(k), (new or {}).get(k)
            if a != b:
                yield from _value(a, b, _join(where, _name(k)), k, info)
    elif isinstance(sample, BaseModel):
        if old is None:
            yield from _added(where, f"{_name(key)} added", new, place=_name(key))
        elif new is None:
            yield where, f"{_name(key)} removed"
        else:
            yield from _fields(old, new, _join(where, _name(key)))
    else:
        yield where, _leaf_change(_name(key), old, new, _kind_of(info.annotation, info.metadata))


def _added(where: str, headline: str, item: BaseModel, skip: set[str] | frozenset[str] = frozenset(), place: str = "") -> Iterator[Change]:
    """An added item: its headline with its plain fields in brackets, then what it holds, each part added."""
    details = []
    nested = []
    for key, info in type(item).model_fields.items():
        value = getattr(item, key)
        if key in skip or _empty(value) or (not info.is_required() and value == info.default):
            continue
        if isinstance(value, BaseModel | dict) or (isinstance(value, list) and isinstance(value[0], BaseModel)) or _long(value):
            nested.append((key, info, value))  # on lines of their own, a long text in a quoted block
        else:
            kind = _item_kind(info) if isinstance(value, list) else _kind_of(info.annotation, info.metadata)
            details.append(f"{_name(key)}: {_shown(value, kind)}")
    yield where, headline + (f" ({'; '.join(details)})" if details else "")
    inside = _join(where, place or _place(item, 1))
    for key, info, value in nested:
        yield from _value(None, value, inside, key, info)


def _leaf_list(old: list[Any], new: list[Any], where: str, key: str, kind: _Kind) -> Iterator[Change]:
    """A list of plain values (principles, members, a row's cells): matched in order, the way a reader compares them."""
    one = _one_of(key)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for n in range(paired):
            yield where, _leaf_change(f"{one} {j1 + n + 1}", old[i1 + n], new[j1 + n], kind)
        for value in new[j1 + paired : j2]:
            yield where, _leaf_change(one, None, value, kind)
        for value in old[i1 + paired : i2]:
            yield where, _leaf_change(one, value, None, kind)


def _key(item: BaseModel) -> Callable[[Any], Hashable] | None:
    if type(item) in _KEYS:
        return _KEYS[type(item)]
    if "id" in type(item).model_fields:
        return lambda i: i.id
    return None


@dataclass
class _Matched:
    kept: list[tuple[BaseModel, BaseModel, int]] = field(default_factory=list)  # (old, new, position in new)
    added: list[tuple[BaseModel, int]] = field(default_factory=list)
    removed: list[BaseModel] = field(default_factory=list)


def _match(old: Sequence[BaseModel], new: Sequence[BaseModel]) -> _Matched:
    """Pair two lists' items: by id (or what else identifies them) where they have one; else the same
    content first, then the closest, in order."""
    found = _Matched()
    key = _key((new or old)[0])
    if key is not None:
        waiting: dict[Hashable, list[BaseModel]] = {}
        for item in old:
            waiting.setdefault(key(item), []).append(item)
        for n, item in enumerate(new, 1):
            same = waiting.get(key(item))
            if same:
                found.kept.append((same.pop(0), item, n))
            else:
                found.added.append((item, n))
        found.removed = [item for items in waiting.values() for item in items]
        found.removed.sort(key=old.index)
        return found
    dumps = ([o.model_dump_json() for o in old], [n.model_dump_json() for n in new])
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, *dumps, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        left = list(range(i1, i2))
        for j in range(j1, j2):
            if i2 - i1 == j2 - j1:  # as many items as before: each changed where it stands
                found.kept.append((old[left.pop(0)], new[j], j + 1))
                continue
            scored = [(difflib.SequenceMatcher(None, dumps[0][i], dumps[1][j]).ratio(), i) for i in left]
            best = max(scored, default=(0.0, -1))
            if best[0] >= SAME_ITEM:
                left.remove(best[1])
                found.kept.append((old[best[1]], new[j], j + 1))
            else:
                found.added.append((new[j], j + 1))
        found.removed += [old[i] for i in left]
    return found


def _model_list(
    old: Sequence[BaseModel], new: Sequence[BaseModel], where: str, skip: set[str] | frozenset[str] = frozenset()
) -> Iterator[Change]:
    """A list of content objects: items added (with everything in them), changed, removed, and put in a new order."""
    found = _match(old, new)
    noun = _noun(type((new or old)[0]))
    for item, n in found.added:
        label, named = _label(item)
        yield from _added(where, f"{noun} added: {label or n}", item, named | skip, _place(item, n))
    for a, b, n in found.kept:
        yield from _fields(a, b, _join(where, _place(b, n)), skip)
    for item in found.removed:
        label, _ = _label(item)
        yield where, f"{noun} removed: {label or old.index(item) + 1}"
    kept = sorted(found.kept, key=lambda k: k[2])
    before = [old.index(a) for a, _, _ in kept]
    if before != sorted(before):
        yield where, f"{noun}s put in a new order: " + ", ".join(_label(b)[0] or str(n) for _, b, n in kept)


# --- Priorities and actions, as a manager reads them -------------------------------------------------


def _status(action: Action) -> str:
    return action.status or "no status"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@dataclass
class ActionChanges:
    added: list[Action] = field(default_factory=list)
    removed: list[Action] = field(default_factory=list)
    reworded: list[tuple[Action, Action]] = field(default_factory=list)
    # Actions kept or reworded whose status moved on: (before, after).
    status: list[tuple[Action, Action]] = field(default_factory=list)
    # Actions kept or reworded, in the later version's order: their other fields are compared too.
    # Not part of what a comparison of two ActionChanges looks at: it follows from the rest.
    kept: list[tuple[Action, Action]] = field(default_factory=list, compare=False)
    # Whether the actions kept or reworded stand in a different order from before: the pages list them
    # in order, so a new order is a change a reader sees. It follows from kept, so is not compared either.
    reordered: bool = field(default=False, compare=False)


def match_actions(before: list[Action], after: list[Action]) -> ActionChanges:
    """Pair a year's actions: the same words first, then the closest wording, then what is left."""
    old = list(before)
    new = list(after)
    kept: list[tuple[Action, Action]] = []
    for action in list(new):
        same = next((o for o in old if o.text == action.text), None)
        if same is not None:
            kept.append((same, action))
            old.remove(same)
            new.remove(action)
    changes = ActionChanges()
    for action in list(new):
        scored = [(difflib.SequenceMatcher(None, o.text, action.text).ratio(), i) for i, o in enumerate(old)]
        best = max(scored, default=(0.0, -1))
        if best[0] >= REWORDED:
            changes.reworded.append((old.pop(best[1]), action))
            new.remove(action)
    changes.added, changes.removed = new, old
    changes.status = [(a, b) for a, b in kept + changes.reworded if a.status != b.status]
    changes.kept = sorted(kept + changes.reworded, key=lambda pair: _position(after, pair[1]))
    was = [_position(before, a) for a, _ in changes.kept]
    changes.reordered = was != sorted(was)
    return changes


def _position(actions: list[Action], action: Action) -> int:
    # By identity: two actions with the same words are equal, and list.index would find the first.
    return next(n for n, a in enumerate(actions) if a is action)


def _action_details(action: Action) -> str:
    details = [
        f"{_name(key)}: {_shown(getattr(action, key), _kind_of(info.annotation, info.metadata))}"
        for key, info in Action.model_fields.items()
        if key not in ("text", "updates") and getattr(action, key) is not None
    ]
    # Each dated update in full, as any other added item is shown.
    details += [text for _, text in _model_list([], action.updates, "")] if action.updates else []
    return f" ({'; '.join(details)})" if details else ""


def describe_actions(changes: ActionChanges) -> list[str]:
    """What happened to a year's actions, in words: added, removed, reworded, statuses and other details changed."""
    parts = []
    if changes.added:
        added = ", ".join(_quote(a.text) + _action_details(a) for a in changes.added)
        parts.append(f"{_count(len(changes.added), 'action')} added: {added}")
    if changes.removed:
        parts.append(f"{_count(len(changes.removed), 'action')} removed: " + ", ".join(_quote(a.text) for a in changes.removed))
    if changes.reworded:
        pairs = ", ".join(f"{_quote(a.text)} -> {_quote(b.text)}{_lookalike(a.text, b.text)}" for a, b in changes.reworded)
        parts.append(f"{_count(len(changes.reworded), 'action')} reworded: {pairs}")
    if changes.reordered:
        parts.append("actions put in a new order: " + ", ".join(_quote(b.text) for _, b in changes.kept))
    for a, b in changes.status:
        parts.append(f"status of {_quote(b.text)} changed from {_status(a)} to {_status(b)}")
    for a, b in changes.kept:
        # Dated updates, item by item: each added, changed or removed, with its date.
        parts += [f"{text} on {_quote(b.text)}" for _, text in _model_list(a.updates, b.updates, "")] if a.updates != b.updates else []
        for key, info in Action.model_fields.items():
            if key not in ("text", "status", "updates") and getattr(a, key) != getattr(b, key):
                kind = _kind_of(info.annotation, info.metadata)
                parts.append(_leaf_change(f"{_name(key)} of {_quote(b.text)}", getattr(a, key), getattr(b, key), kind))
    return parts


@dataclass(frozen=True)
class YearChanges:
    """What happened to one year's actions in a priority both versions have."""

    year: str  # the year as the strategies name it, such as Year Two (2022-2023), or its key
    actions: ActionChanges


@dataclass(frozen=True)
class KeptPriority:
    """A priority both versions have (the same id), with what changed in it."""

    before: Priority
    after: Priority
    years: list[YearChanges]


@dataclass(frozen=True)
class PriorityChanges:
    """The priorities of two versions of a strategy, matched by id: the one matching that the summary
    of changes words and the side-by-side page lays out as rows."""

    added: list[Priority]  # in the later version's order
    removed: list[Priority]  # in the earlier version's order
    kept: list[KeptPriority]  # in the later version's order


def _year_names(*strategies: Strategy) -> dict[str, str]:
    # A year keeps the name the earliest version gave it, where more than one names it.
    names: dict[str, str] = {}
    for s in reversed(strategies):
        names |= {y.id: y.name for y in s.period.years}
    return names


def match_priorities(before: Strategy, after: Strategy) -> PriorityChanges:
    old = {p.id: p for p in before.priorities}
    new = {p.id: p for p in after.priorities}
    years = _year_names(before, after)
    kept = []
    for pid, p in new.items():
        q = old.get(pid)
        if q is not None:
            matched = [
                YearChanges(years.get(year, year), match_actions(q.actions.get(year, []), p.actions.get(year, [])))
                for year in dict.fromkeys([*q.actions, *p.actions])
            ]
            kept.append(KeptPriority(q, p, matched))
    return PriorityChanges(
        added=[p for pid, p in new.items() if pid not in old], removed=[p for pid, p in old.items() if pid not in new], kept=kept
    )


@dataclass(frozen=True)
class SideBySide:
    """One row of a draft-against-approved comparison: where, what kind of change, and the two wordings."""

    where: str
    change: str
    before: str
    after: str


def side_by_side(draft: Strategy, approved: Strategy) -> list[SideBySide]:
    """Every priority and action added, removed or reworded between two versions, for a page to show."""
    changes = match_priorities(draft, approved)
    rows = [SideBySide(p.label, "priority added", "", p.title) for p in changes.added]
    rows += [SideBySide(p.label, "priority removed", p.title, "") for p in changes.removed]
    for kept in changes.kept:
        if kept.before.title != kept.after.title:
            rows.append(SideBySide(kept.after.label, "priority reworded", kept.before.title, kept.after.title))
        for year in kept.years:
            where = f"{kept.after.label}, {year.year}"
            rows += [SideBySide(where, "action added", "", a.text) for a in year.actions.added]
            rows += [SideBySide(where, "action removed", a.text, "") for a in year.actions.removed]
            rows += [SideBySide(where, "action reworded", a.text, b.text) for a, b in year.actions.reworded]
    return rows


# --- A strategy, a part at a time ------------------------------------------------------------------

# The fields of a strategy that have their own wording below; every other field is walked.
_DESCRIBED = frozenset({"title", "status", "period", "stages", "priorities", "governance", "consultation", "timeline"})


def compare_strategies(before: Strategy, after: Strategy) -> Iterator[Change]:
    """(where, what) for each change inside one strategy; where is '' for the strategy as a whole.

    A part at a time, in the order a reviewing manager reads a strategy; then every other field.
    """
    yield from _headline(before, after)
    yield from _model_list(before.stages, after.stages, "") if before.stages != after.stages else iter(())
    yield from _priorities(before, after)
    yield from _governance(before, after)
    yield from _consultation(before.consultation, after.consultation)
    yield from _timeline(before, after)
    yield from _fields(before, after, "", _DESCRIBED)


def _headline(before: Strategy, after: Strategy) -> Iterator[Change]:
    """The title, status and period: the years it covers, then anything else about them, such as a year added."""
    if before.title != after.title:
        yield "", f"title changed from {_quote(before.title)} to {_quote(after.title)}{_lookalike(before.title, after.title)}"
    if before.status != after.status:
        yield "", f"status changed from {before.status} to {after.status}"
    if before.period.label != after.period.label:
        yield "", f"period changed from {before.period.label} to {after.period.label}"
    yield from _fields(before.period, after.period, "Period", {"start_year", "end_year"})


def _priorities(before: Strategy, after: Strategy) -> Iterator[Change]:
    """Priorities added (with all they hold) and removed, then what changed in each priority both versions have."""
    priorities = match_priorities(before, after)
    years = _year_names(before, after)
    for p in priorities.added:
        yield from _added("", f"priority added: {p.label}, {_quote(p.title)}", p, {"id", "number", "title", "actions"})
        for year, actions in p.actions.items():
            parts = describe_actions(match_actions([], actions))
            if parts:
                yield f"{p.label} > {_escape(years.get(year, year))}", "; ".join(parts)
    for p in priorities.removed:
        yield "", f"priority removed: {p.label}, {_quote(p.title)}"
    for kept in priorities.kept:
        yield from _kept_priority(kept)
    was = [[p.id for p in before.priorities].index(k.before.id) for k in priorities.kept]
    if was != sorted(was):
        yield "", "priorities put in a new order: " + ", ".join(f"{k.after.label} {_quote(k.after.title)}" for k in priorities.kept)


def _kept_priority(kept: KeptPriority) -> Iterator[Change]:
    """A priority's title, its other fields, and each year's actions."""
    old, new = kept.before, kept.after
    if old.title != new.title:
        yield new.label, f"reworded: {_quote(old.title)} -> {_quote(new.title)}{_lookalike(old.title, new.title)}"
    yield from _fields(old, new, new.label, {"id", "title", "actions"})
    for year in kept.years:
        parts = describe_actions(year.actions)
        if parts:
            yield f"{new.label} > {_escape(year.year)}", "; ".join(parts)


def _governance(before: Strategy, after: Strategy) -> Iterator[Change]:
    """Boards added or renamed (in the later version's order), then boards removed, then the rest of governance."""
    old_boards = {b.id: b for b in (before.governance.boards if before.governance else [])}
    new_boards = {b.id: b for b in (after.governance.boards if after.governance else [])}
    for bid, b in new_boards.items():
        previous = old_boards.get(bid)
        if previous is None:
            yield from _added("Governance", f"board added: {_quote(b.name)}", b, {"id", "name"})
            continue
        if previous.name != b.name:
            yield "Governance", f"board renamed: {_quote(previous.name)} -> {_quote(b.name)}{_lookalike(previous.name, b.name)}"
        yield from _fields(previous, b, f"Governance > Board {_quote(b.name)}", {"id", "name"})
    for bid, b in old_boards.items():
        if bid not in new_boards:
            yield "Governance", f"board removed: {_quote(b.name)}"
    kept = [bid for bid in new_boards if bid in old_boards]
    if kept != [bid for bid in old_boards if bid in new_boards]:
        yield "Governance", "boards put in a new order: " + ", ".join(_quote(new_boards[bid].name) for bid in kept)
    if before.governance != after.governance:
        yield from _fields(before.governance, after.governance, "Governance", {"boards"})


def _consultation(before: Consultation | None, after: Consultation | None) -> Iterator[Change]:
    """The consultation added (with what it says), removed, its dates moved, and anything else in it changed."""
    if before == after:
        return
    if after is None:
        yield "Consultation", "removed"
    elif before is None:
        yield from _added("Consultation", f"added: {uk_date(after.opens)} to {uk_date(after.closes)}", after, {"opens", "closes"})
    else:
        if (before.opens, before.closes) != (after.opens, after.closes):
            yield (
                "Consultation",
                (
                    f"dates changed from {uk_date(before.opens)} to {uk_date(before.closes)} "
                    f"to {uk_date(after.opens)} to {uk_date(after.closes)}"
                ),
            )
        yield from _fields(before, after, "Consultation", {"opens", "closes"})


def _timeline(before: Strategy, after: Strategy) -> Iterator[Change]:
    """Events added, events whose status moved on, anything else in an event changed, and events removed;
    an event is its date and the body that meets."""
    found = _match(before.timeline, after.timeline) if before.timeline != after.timeline else _Matched()
    for e, _ in found.added:
        assert isinstance(e, Event)
        yield from _added("Timeline", f"added: {_label(e)[0]}", e, {"date", "body"})
    for previous, e, _ in found.kept:
        assert isinstance(previous, Event) and isinstance(e, Event)
        if previous.status != e.status:
            yield "Timeline", f"{_label(e)[0]}: {previous.status} -> {e.status}"
        yield from _fields(previous, e, f"Timeline > {_label(e)[0]}", {"date", "body", "status"})
    for e in found.removed:
        yield "Timeline", f"removed: {_label(e)[0]}"


# --- The whole library ------------------------------------------------------------------------------


# GitHub refuses a pull request comment longer than 65,536 characters: the comment's summary stops
# short of that, with room for the line that says it stopped.
COMMENT_LIMIT = 60_000
HEADING = "## What changed in the strategies\n\n"


def _title(text: str) -> str:
    """An officer's title as the first words of a list item, right after its "- ": escaped as a line's start,
    so that '# Approve' or '1. Approve' cannot become a heading or a list of its own."""
    return _inline(text, line_start=True)


def _lines(prefix: str, changes: Iterator[Change]) -> Iterator[str]:
    """Summary items: a list item each, a change's further lines indented to stay inside its item.
    prefix starts the item's line, so must already be escaped as a line's start."""
    for where, what in changes:
        text = f"- {prefix}{' > ' + where if where else ''}: {what}"
        yield "\n".join(f"  {line}" if line and n else line for n, line in enumerate(text.split("\n")))


def _items(before: Library, after: Library) -> Iterator[str]:
    """Every change as a list item: first the site's own files (its settings, organisations and glossary),
    which every page shows, then the strategies, then their progress reports."""
    yield from _lines("Site settings", _fields(before.site, after.site, ""))
    if before.organisations != after.organisations:
        yield from _lines("Organisations", _model_list(before.organisations, after.organisations, ""))
    if before.glossary != after.glossary:
        yield from _lines("Glossary", _model_list(before.glossary, after.glossary, ""))
    old = {s.id: s for s in before.strategies}
    new = {s.id: s for s in after.strategies}
    for sid, s in new.items():
        title = _title(s.model.short_title)
        if sid not in old:
            yield from _lines(title, iter([("", f"new strategy, {_quote(s.model.title)}")]))
            continue
        yield from _lines(title, compare_strategies(old[sid].model, s.model))
    for sid, s in old.items():
        if sid not in new:
            yield from _lines(_title(s.model.short_title), iter([("", "strategy removed")]))
    old_reports = {(r.organisation.id, r.slug): r for r in before.reports}
    new_reports = {(r.organisation.id, r.slug): r for r in after.reports}
    for rid, r in new_reports.items():
        title = f"Progress report {_quote(r.model.title)}"
        if rid not in old_reports:
            yield from _lines(title, iter([("", f"new progress report, {uk_date(r.model.date)}")]))
        elif old_reports[rid].model != r.model:
            yield from _lines(title, _fields(old_reports[rid].model, r.model, ""))
    for rid, r in old_reports.items():
        if rid not in new_reports:
            yield from _lines(f"Progress report {_quote(r.model.title)}", iter([("", "removed")]))


def _cut(rest: int) -> str:
    return (
        f"**This summary stops here, for want of room: {_count(rest, 'more change')} {'is' if rest == 1 else 'are'} "
        "not shown.** Every change is in the log of the check job's step 'Summarise what changed in the "
        "strategies', and in the check's job summary unless they are more than it can hold."
    )


def summary(before: Library, after: Library, limit: int | None = None) -> str:
    """The Markdown summary of every change from one library to the other: the site's own files (its
    settings, organisations and glossary), the strategies and their progress reports.

    With a limit, the summary is at most that many characters: it stops after the last whole change that
    fits (never inside one, so never inside an escape or a quoted block), and says how many it leaves out.
    """
    items = list(_items(before, after))
    if not items:
        return HEADING + "No strategy changed.\n"
    text = HEADING + "\n".join(items) + "\n"
    if limit is None or len(text) <= limit:
        return text
    kept: list[str] = []
    # Room for the changes kept: the limit less the heading and the longest the note can be.
    room = limit - len(HEADING) - len(_cut(len(items))) - len("\n\n")
    for item in items:
        room -= len(item) + 1
        if room < 0:
            break
        kept.append(item)
    return HEADING + "".join(k + "\n" for k in kept) + "\n" + _cut(len(items) - len(kept)) + "\n"


def commitments(strategy: Strategy) -> Any:
    """What the council has committed to: its priorities and their actions' words (not their statuses)."""
    return [
        (p.id, p.title, p.ambition, p.commitment, p.description, {y: [a.text for a in acts] for y, acts in p.actions.items()})
        for p in strategy.priorities
    ]


def missing_change_notes(before: Library, after: Library, base: str, today: str) -> list[Problem]:
    """A problem for each strategy whose commitments changed since base with no new change note."""
    old = {s.id: s for s in before.strategies}
    problems = []
    for s in after.strategies:
        previous = old.get(s.id)
        if previous is None or commitments(previous.model) == commitments(s.model):
            continue
        if {(c.date, c.note) for c in s.model.changes} - {(c.date, c.note) for c in previous.model.changes}:
            continue
        at = ("changes",) if s.model.changes else ("priorities",)
        problems.append(s.source.problem(at, messages.change_note_needed(base, today), key=True))
    return problems
