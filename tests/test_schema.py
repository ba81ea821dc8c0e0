"""The JSON Schema that officers' editors use agrees with the content, and stays in step with the model."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from plugins.content.schema import SCHEMAS, render_reference
from plugins.content.yamlsource import load_file

from .conftest import REPO

CONTENT_FILES = sorted((REPO / "content").rglob("*.yml"))
SCHEMA_LINE = "# yaml-language-server: $schema="


def _expected_schema(path: Path) -> str:
    relative = path.relative_to(REPO / "content")
    if len(relative.parts) == 1:
        return f"{relative.stem}.schema.json"
    return "progress.schema.json" if relative.parts[1] == "progress" else "strategy.schema.json"


def _as_json(value: Any) -> Any:
    """What an editor's YAML language server sees: dates are strings, numbers are numbers."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO / "schema" / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("path", CONTENT_FILES, ids=[p.relative_to(REPO).as_posix() for p in CONTENT_FILES])
def test_every_content_file_names_the_schema_that_describes_it(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(SCHEMA_LINE)
    target = (path.parent / first[len(SCHEMA_LINE) :]).resolve()
    assert target == REPO / "schema" / _expected_schema(path)
    assert target.is_file()


@pytest.mark.parametrize("path", CONTENT_FILES, ids=[p.relative_to(REPO).as_posix() for p in CONTENT_FILES])
def test_an_independent_validator_accepts_every_content_file(path: Path):
    data = _as_json(load_file(path, path.name).data)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator(_expected_schema(path)).iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (("title", "titel"), "Additional properties are not allowed ('titel' was unexpected)"),
        (("status: approved", "status: approve"), "'approve' is not one of"),
        (("start_year: 2021", "start_year: twenty"), "'twenty' is not of type 'integer'"),
    ],
)
def test_the_schema_underlines_mistakes_an_editor_should_catch(change: tuple[str, str], complaint: str):
    path = REPO / "content/leicester/education-2021-24/strategy.yml"
    from plugins.content.yamlsource import parse_text

    text = path.read_text(encoding="utf-8").replace(change[0], change[1], 1)
    data = _as_json(parse_text(text, path.name).data)
    messages = [e.message for e in _validator("strategy.schema.json").iter_errors(data)]
    assert any(complaint in m for m in messages), messages


def test_generated_schemas_and_readme_reference_are_up_to_date(run):
    result = run("schema", "--check")
    assert result.err == ""
    assert result.code == 0


def test_the_readme_reference_lists_every_field_of_every_content_model():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert render_reference() in readme
    for _name, (model, _) in SCHEMAS.items():
        schema = model.model_json_schema(mode="validation")
        for definition in [schema, *schema.get("$defs", {}).values()]:
            for field in definition.get("properties", {}):
                assert f"| `{field}` |" in readme, f"{definition.get('title')}.{field} is not in the README"
