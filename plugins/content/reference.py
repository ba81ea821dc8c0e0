"""The field reference: every field of every content file, as a page people read (schema/README.md).

It is written from the content model, like the JSON Schemas beside it (schema.py). Which fields a
model has, their order, whether each is required and what it holds come from the JSON Schema an
officer's editor reads, so the page and the editor cannot disagree. What kind of value a field
takes comes from the model's own types: a type that Python alone does not name well enough (a str
that is an id, a web address) carries a KnownAs saying what to call it, and a type the reference
cannot name is an error here rather than a wrong word on the page.

It lives in schema/ rather than in the README, so that GitHub shows it to anyone browsing the
schemas, and outside docs/, which MkDocs would publish.
"""

from __future__ import annotations

import datetime as dt
import types
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from .model import KnownAs
from .schema import SCHEMA_FOLDER, SCHEMAS

REFERENCE_FILE = f"{SCHEMA_FOLDER}/README.md"

_INTRO = """\
# Content reference

<!-- Generated from the content model (plugins/content/model.py) by `python site_build.py schema`.
     Do not edit it by hand: `python site_build.py schema --check`, which CI runs, fails when it is out of step. -->

Every field of every content file: its name, whether it must be given, the kind of value it takes,
and what it holds. The JSON Schemas in this folder say the same to an editor with the YAML language
server, which completes field names and underlines mistakes as you type (see the
[README](../README.md#how-content-is-laid-out)). `python site_build.py check` is the final word: it
reports every mistake with its file and line.

A kind of value in the type column:

- **text** is one line of plain text, with no HTML; **Markdown text** may use Markdown for bold,
  links and lists, and may run over several lines, but never HTML;
- **id** is a short name used in web addresses, in lower-case letters, digits and hyphens;
- **date (YYYY-MM-DD)** is a day, such as 2026-04-20; **date, month or year** also accepts 2024-11
  or 2028, where the source gives no more;
- **one of** lists the only words accepted, written exactly so;
- a name in the type column is a group of fields, described under its own heading below.
"""

# What the reference calls the plain Python types, which need no KnownAs.
_PLAIN_TYPES: dict[object, str] = {
    str: "text",
    int: "whole number",
    Decimal: "number",
    float: "number",
    bool: "true or false",
    dt.date: "date (YYYY-MM-DD)",
}


def kind_of(annotation: Any) -> str:
    """What the reference calls a field's type, read from the type itself."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        named = [extra for extra in args[1:] if isinstance(extra, KnownAs)]
        return named[0].words if named else kind_of(args[0])
    if origin is Union or origin is types.UnionType:
        return " or ".join(kind_of(option) for option in args if option is not type(None))
    if origin is Literal:
        shown = ", ".join(f"`{value}`" for value in args)
        return shown if len(args) == 1 else f"one of: {shown}"
    if origin is list:
        return "list of " + kind_of(args[0])
    if origin is dict:
        return f"{kind_of(args[0])} → {kind_of(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        name = annotation.__name__
        return f"[{name}](#{name.lower()})"
    if annotation in _PLAIN_TYPES:
        return _PLAIN_TYPES[annotation]
    raise TypeError(f"The field reference has no name for the type {annotation!r}: give it a KnownAs in plugins/content/model.py.")


def _models_under(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model a model's fields lead to, itself included, by the name its JSON Schema definition has."""
    found: dict[str, type[BaseModel]] = {}

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation.__name__ not in found:
                found[annotation.__name__] = annotation
                for field in annotation.model_fields.values():
                    visit(field.annotation)
        for arg in get_args(annotation):
            visit(arg)

    visit(model)
    return found


def _table(model: type[BaseModel], schema: dict[str, Any]) -> list[str]:
    required = set(schema.get("required", []))
    fields = {field.alias or name: field for name, field in model.model_fields.items()}
    lines = [f"### {model.__name__}", "", "| field | required | type | what it holds |", "| --- | --- | --- | --- |"]
    for name, prop in schema.get("properties", {}).items():
        description = prop.get("description", "").replace("|", "\\|")
        kind = kind_of(fields[name].rebuild_annotation())
        lines.append(f"| `{name}` | {'yes' if name in required else ''} | {kind} | {description} |")
    return lines + [""]


def render_reference() -> str:
    """The whole of schema/README.md."""
    lines = [_INTRO]
    seen: set[str] = set()
    for name, (model, description) in SCHEMAS.items():
        # The model's own schema, with its required fields: the strategy's committed schema leaves
        # them out (each file of a split strategy holds only some), but the strategy as a whole needs them.
        full = model.model_json_schema(mode="validation")
        models = _models_under(model)
        lines += [f"## {description}", "", f"Schema: [`{name}`]({name})", ""]
        lines += _table(model, full)
        for def_name, definition in full.get("$defs", {}).items():
            if def_name in seen:
                continue
            seen.add(def_name)
            lines += _table(models[def_name], definition)
    return "\n".join(lines).rstrip("\n") + "\n"


def write_reference(root: Path) -> bool:
    """Write schema/README.md; True when it changed."""
    path = root / REFERENCE_FILE
    text = render_reference()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def stale(root: Path) -> list[str]:
    """["schema/README.md"] when it differs from what the model gives now."""
    path = root / REFERENCE_FILE
    if path.exists() and path.read_text(encoding="utf-8") == render_reference():
        return []
    return [REFERENCE_FILE]
