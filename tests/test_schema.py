"""The JSON Schema that officers' editors use agrees with the content, and it and its field reference stay in step with the model."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

import jsonschema
import pytest
from pydantic import Field

from plugins.content import model
from plugins.content.reference import REFERENCE_FILE, kind_of, render_reference
from plugins.content.schema import SCHEMAS
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


def test_generated_schemas_and_their_reference_are_up_to_date(run):
    result = run("schema", "--check")
    assert result.err == ""
    assert result.code == 0


def test_schema_writes_what_is_missing_and_check_names_each_file_out_of_step(minimal: Path, run):
    result = run("--root", minimal, "schema", "--check")
    names = [*SCHEMAS, "README.md"]
    assert result.code == 1
    out_of_date = "is out of date with the content model. Run: python site_build.py schema"
    assert result.err.splitlines() == [f"schema/{name} {out_of_date}" for name in names]

    result = run("--root", minimal, "schema")
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines() == [f"Wrote schema/{name}" for name in names]
    assert (minimal / "schema/README.md").read_text(encoding="utf-8") == (REPO / "schema/README.md").read_text(encoding="utf-8")

    result = run("--root", minimal, "schema")
    assert result.out == "The schemas and their field reference are up to date.\n"

    reference = minimal / "schema/README.md"
    reference.write_text(reference.read_text(encoding="utf-8").replace("| `email` |", "| `e-mail` |"), encoding="utf-8")
    result = run("--root", minimal, "schema", "--check")
    assert (result.code, result.out) == (1, "")
    assert result.err == "schema/README.md is out of date with the content model. Run: python site_build.py schema\n"


def test_the_reference_lists_every_field_of_every_content_model():
    reference = (REPO / REFERENCE_FILE).read_text(encoding="utf-8")
    assert reference == render_reference()
    for _name, (content_model, _) in SCHEMAS.items():
        schema = content_model.model_json_schema(mode="validation")
        for definition in [schema, *schema.get("$defs", {}).values()]:
            assert f"\n### {definition['title']}\n" in reference
            for field in definition.get("properties", {}):
                assert f"| `{field}` |" in reference, f"{definition['title']}.{field} is not in {REFERENCE_FILE}"


def test_the_reference_shows_each_field_with_its_kind_of_value():
    reference = (REPO / REFERENCE_FILE).read_text(encoding="utf-8").splitlines()
    for row in [
        "| `id` | yes | id (lower-case letters, digits, hyphens) | The organisation's folder name under content/, such as "
        "leicestershire. |",
        "| `email` |  | email address | An email address for the public. |",
        "| `website` |  | web address | The organisation's website. |",
        "| `meaning` | yes | Markdown text | What it means, in plain English. |",
        "| `terms` | yes | list of [Term](#term) | Every hard word and acronym the strategies use. |",
        "| `date` | yes | date (YYYY-MM-DD) | The day the change was published. |",
        "| `date` | yes | date, month or year | When it happened or will happen. |",
        "| `status` |  | one of: `not started`, `on track`, `at risk`, `delayed`, `done` | Progress: not started, on track, at risk, "
        "delayed or done. Leave it out until a report or the action's owner says how it is going; the site counts the actions "
        "with no status as not yet reported on. |",
        "| `updates` |  | list of [MeasureUpdate](#measureupdate) | Dated updates: what happened, when, and which document says so. "
        "Add the newest wherever you like: the site shows them newest first. Each may give the figure reported (value) on its date. |",
        "| `actions` |  | year key (such as year_one) → list of [Action](#action) | The actions for each year of the plan, under the "
        "year's key (year_one: ...). |",
        "| `cells` | yes | list of number or text, or empty | One value per column, in order; ~ for an empty cell. |",
        "| `picture` |  | picture name (such as school, or set/name) | The picture shown to the left of the words, by its name in "
        "pictures/. |",
    ]:
        assert row in reference


def test_a_kind_of_value_is_read_from_the_type_never_guessed_from_its_pattern():
    # A pattern that looks like a date's or an id's says nothing: only a KnownAs names a type.
    assert kind_of(Annotated[str, Field(pattern="^[0-9]{4}$")]) == "text"
    assert kind_of(Annotated[str, Field(pattern="^[a-z0-9]+$")]) == "text"
    assert kind_of(Annotated[str, Field(pattern="^[0-9]{4}$"), model.KnownAs("council tax band")]) == "council tax band"
    assert kind_of(model.Slug | None) == "id (lower-case letters, digits, hyphens)"
    assert kind_of(list[model.PartialDate]) == "list of date, month or year"
    assert kind_of(Literal["held"]) == "`held`"
    assert kind_of(model.Year) == "whole number"
    assert kind_of(model.Figure) == "number"


def test_a_type_the_reference_cannot_name_is_an_error_not_a_guess():
    with pytest.raises(TypeError) as refused:
        kind_of(bytes)
    assert str(refused.value) == (
        "The field reference has no name for the type <class 'bytes'>: give it a KnownAs in plugins/content/model.py."
    )
