"""JSON Schemas for officers' editors, made from the content model.

The schemas are committed under schema/ and named at the top of every content
file, so an editor with the YAML language server autocompletes keys and
underlines mistakes while the officer types. `schema --check` (run in CI) fails
when they are out of step with the model. The field reference that people read,
schema/README.md, is written from the same model by reference.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .model import GlossaryFile, OrganisationsFile, PictureSetFile, ProgressReport, Site, Strategy

SCHEMA_FOLDER = "schema"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# Which files each schema describes, and the model behind it.
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "strategy.schema.json": (Strategy, "Any file in a strategy folder: content/<organisation>/<strategy>/*.yml"),
    "progress.schema.json": (ProgressReport, "A progress report: content/<organisation>/progress/*.yml"),
    "site.schema.json": (Site, "The site's settings: content/site.yml"),
    "organisations.schema.json": (OrganisationsFile, "The publishing organisations: content/organisations.yml"),
    "glossary.schema.json": (GlossaryFile, "Hard words and acronyms: content/glossary.yml"),
    "picture-set.schema.json": (PictureSetFile, "A picture set, and what each of its pictures shows: pictures/<set>/set.yml"),
}


def schema_for(name: str) -> dict[str, Any]:
    model, description = SCHEMAS[name]
    schema = model.model_json_schema(mode="validation")
    if model is Strategy:
        # A strategy may be split across several files, each holding some of its top-level
        # fields; which ones are missing is for `check` to say, not for the editor of one part.
        schema.pop("required", None)
    return {"$schema": JSON_SCHEMA_DIALECT, "$id": name, "description": description, **schema}


def render_schemas() -> dict[str, str]:
    return {name: json.dumps(schema_for(name), indent=2, ensure_ascii=False) + "\n" for name in SCHEMAS}


def write_schemas(root: Path) -> list[Path]:
    folder = root / SCHEMA_FOLDER
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def stale(root: Path) -> list[str]:
    """The schema files that differ from what the model gives now."""
    out = []
    for name, text in render_schemas().items():
        path = root / SCHEMA_FOLDER / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            out.append(f"{SCHEMA_FOLDER}/{name}")
    return out
