"""The summary of changes a reviewer approves: every published field, changed, shows in it with its old
and new words; and officers' words in it stay words, never markup in the pull request's comment."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from plugins.content import Library
from plugins.content import changes as changes_module
from plugins.content.changes import summary
from plugins.content.dates import uk_date
from plugins.content.model import GlossaryFile, OrganisationsFile, ProgressReport, Site, Strategy

# GitHub makes no mention, reference or emoji of a sign followed by this, and no reader sees it.
ZERO_WIDTH_SPACE = "\u200b"
HEADING = "## What changed in the strategies\n\n"
SEND = "leicester/send-2021-24"

# --- Walking the content model ---------------------------------------------------------------------

Path = tuple[str | int, ...]


def _unwrap(annotation: Any) -> Any:
    """The type inside Annotated[...] and Optional[...]."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) in (Union, type(int | None)) and type(None) in get_args(annotation):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        else:
            return annotation


def _field_type(model: type[BaseModel], key: str) -> Any:
    info = model.model_fields[key]
    return Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation


def _model_class(annotation: Any) -> type[BaseModel] | None:
    inner = _unwrap(annotation)
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def _valid(annotation: Any, value: Any) -> Any:
    """The value as the model keeps it, or a ValueError where the model would refuse it."""
    try:
        return TypeAdapter(annotation).validate_python(value)
    except ValidationError as error:
        raise ValueError(str(error)) from None


def _first_valid(annotation: Any, candidates: list[Any], unlike: Any = None) -> Any:
    for candidate in candidates:
        try:
            value = _valid(annotation, candidate)
        except ValueError:
            continue
        if value != unlike:
            return value
    raise AssertionError(f"no candidate fits {annotation}: {candidates}")


def _make(annotation: Any) -> Any:
    """A valid value for any field, every optional part filled, as YAML would give it."""
    model = _model_class(annotation)
    if model is not None:
        return {key: _make(_field_type(model, key)) for key in model.model_fields}
    inner = _unwrap(annotation)
    if get_origin(inner) is list:
        return [_make(get_args(inner)[0])]
    if get_origin(inner) is dict:
        return {"year_new": _make(get_args(inner)[1])}
    if get_origin(inner) is Literal:
        return get_args(inner)[0]
    return _first_valid(
        annotation,
        ["New words", dt.date(2025, 5, 1), 2025, True, "new-thing", "year_new", "new@example.gov.uk", "https://example.gov.uk/new"]
        + ["vision"],
    )


def _fill(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """The content with every field it leaves out given a value, at every depth."""
    filled = {}
    for key in model.model_fields:
        annotation = _field_type(model, key)
        value = data.get(key)
        filled[key] = _make(annotation) if value is None or value == [] or value == {} else _filled(annotation, value)
    return filled


def _filled(annotation: Any, value: Any) -> Any:
    model = _model_class(annotation)
    inner = _unwrap(annotation)
    if model is not None:
        return _fill(model, value)
    if get_origin(inner) is list:
        return [_filled(get_args(inner)[0], v) for v in value]
    if get_origin(inner) is dict:
        return {k: _filled(get_args(inner)[1], v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Leaf:
    path: Path  # where it is in the data
    field: str  # which field of the model it is, whatever the list positions: Strategy.timeline[].what
    annotation: Any
    value: Any
    default: Any = None  # the value the model gives the field when the content leaves it out


def _leaves(model: type[BaseModel], data: dict[str, Any], path: Path = (), name: str = "") -> Iterator[Leaf]:
    for key, info in model.model_fields.items():
        yield from _nodes(_field_type(model, key), data[key], (*path, key), f"{name or model.__name__}.{key}", info.default)


def _nodes(annotation: Any, value: Any, path: Path, name: str, default: Any = None) -> Iterator[Leaf]:
    model = _model_class(annotation)
    inner = _unwrap(annotation)
    if model is not None and value is not None:
        yield from _leaves(model, value, path, name)
    elif get_origin(inner) is list and value is not None:
        for i, item in enumerate(value):
            yield from _nodes(get_args(inner)[0], item, (*path, i), f"{name}[]")
    elif get_origin(inner) is dict and value is not None:
        for k, item in value.items():
            yield from _nodes(get_args(inner)[1], item, (*path, k), f"{name}{{}}")
    else:
        yield Leaf(path, name, annotation, value, default)


def _changed(leaf: Leaf) -> Any:
    """Another valid value for a leaf, from which the old one can still be told apart."""
    old, inner = leaf.value, _unwrap(leaf.annotation)
    if get_origin(inner) is Literal:
        return next(choice for choice in get_args(inner) if choice != old)
    if isinstance(old, bool):
        return not old
    if isinstance(old, dt.date):
        return old + dt.timedelta(days=1)
    if isinstance(old, (int, Decimal)):
        return _first_valid(leaf.annotation, [old + 1000, old + 1], unlike=old)
    if old is None:
        return _valid(leaf.annotation, _make(leaf.annotation))
    year, _, month = old.partition("-")
    later = f"{year}-{int(month) % 12 + 1:02d}" if re.fullmatch(r"\d{4}-\d{2}", old) else str(int(year) + 1) if old.isdigit() else ""
    return _first_valid(leaf.annotation, [f"{old} and more", f"{old}-more", f"{old}_more", f"more.{old}", f"{old}/more", later], unlike=old)


def _set(data: Any, path: Path, value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _shown(leaf: Leaf, value: Any) -> str:
    """How the summary shows a value, once its marks are taken away."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return uk_date(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2})?", value):
        try:
            _valid(leaf.annotation, "New words")
        except ValueError:  # a date, month or year: shown as a date
            return uk_date(value)
    return " ".join(str(value).split())


def plain(markdown: str) -> str:
    """The summary as a reader sees it in the comment: no quote marks of blocks, no marks on changed
    words, no escapes, and all spacing one space."""
    text = markdown.replace(ZERO_WIDTH_SPACE, "")
    text = re.sub(r"(?m)^\s*>[ ]?", "", text)
    text = re.sub(r"(?<!\\)(\*\*|~~)", "", text)
    text = re.sub(r"\\(.)", r"\1", text, flags=re.S)
    return " ".join(text.split())


# --- The content a reviewer's summary is made from --------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One published part of a library: its model, its data, and the library with that data changed."""

    name: str
    model: type[BaseModel]
    data: dict[str, Any]
    rebuild: Callable[[BaseModel], Library]


def _parts(library: Library) -> list[Part]:
    parts = []
    for s in library.strategies:

        def strategy(model: BaseModel, s: Any = s) -> Library:
            return replace(library, strategies=[replace(s, model=model)], reports=[])

        parts.append(Part(s.id, Strategy, s.model.model_dump(), strategy))
    for r in library.reports:

        def report(model: BaseModel, r: Any = r) -> Library:
            return replace(library, strategies=[], reports=[replace(r, model=model)])

        parts.append(Part(f"{r.organisation.id}/progress/{r.slug}", ProgressReport, r.model.model_dump(), report))
    parts.append(Part("site.yml", Site, library.site.model_dump(), lambda m: replace(library, site=m)))
    parts.append(
        Part(
            "organisations.yml",
            OrganisationsFile,
            {"organisations": [o.model_dump() for o in library.organisations]},
            lambda m: replace(library, organisations=m.organisations),  # type: ignore[attr-defined]
        )
    )
    parts.append(
        Part(
            "glossary.yml",
            GlossaryFile,
            {"terms": [t.model_dump() for t in library.glossary]},
            lambda m: replace(library, glossary=m.terms),  # type: ignore[attr-defined]
        )
    )
    return parts


# Fields that say which item is which, across versions: a change to one is an item removed and another
# added (each named by its title or name, not by its id, which readers never see).
IDENTITIES = re.compile(r"\.id$|^Strategy\.timeline\[\]\.(date|body)$|^GlossaryFile\.terms\[\]\.term$")


def unseen_changes(library: Library) -> list[str]:
    """Every published field, by the model's own account of its fields, whose change the summary does not
    show with its old and new value: the fields as the real content has them first, then with every
    field it leaves out given a value. A field left out is also given one, which must show as added."""
    unseen = []
    tried: set[tuple[str, bool]] = set()
    parts = _parts(library)
    for part, data in [(p, p.data) for p in parts] + [(p, _fill(p.model, p.data)) for p in parts]:
        before = part.rebuild(part.model.model_validate(data))
        for leaf in _leaves(part.model, data):
            if (leaf.field, leaf.value is None) in tried:
                continue
            tried.add((leaf.field, leaf.value is None))
            if get_args(_unwrap(leaf.annotation)) == (leaf.value,):
                continue  # a field with one possible value (the site's language) cannot change
            new = _changed(leaf)
            changed = part.model.model_validate(data)  # a fresh copy to change
            after_data = changed.model_dump()
            _set(after_data, leaf.path, new)
            text = summary(before, part.rebuild(part.model.model_validate(after_data)))
            seen = plain(text)
            if IDENTITIES.search(leaf.field):
                shown = "added" in seen and "removed" in seen
            elif leaf.value is None:  # a value given where there was none: every part of it shown
                given = (
                    _nodes(leaf.annotation, new.model_dump(), (), "")
                    if isinstance(new, BaseModel)
                    else [Leaf((), "", leaf.annotation, new)]
                )
                shown = text != HEADING + "No strategy changed.\n" and all(
                    _shown(g, g.value) in seen for g in given if g.value != g.default
                )
            else:
                old_shown, new_shown = _shown(leaf, leaf.value), _shown(leaf, new)
                # The old words on their own: not only as the start of the new ones.
                rest = new_shown[len(old_shown) :] if new_shown.startswith(old_shown) else ""
                shown = re.search(re.escape(old_shown) + (f"(?!{re.escape(rest)})" if rest else ""), seen) is not None
                shown = shown and new_shown in seen
            if not shown:
                unseen.append(f"{leaf.field} ({part.name}): {text}")
    return unseen


def test_a_change_to_any_published_field_shows_in_the_summary_with_its_old_and_new_value(library: Library):
    assert unseen_changes(library) == []


def test_the_walk_reaches_every_field_of_every_published_model(library: Library):
    # Every class of the content model the site publishes, and every field of each, is tried above.
    fields = set()
    for part in _parts(library):
        for leaf in _leaves(part.model, _fill(part.model, part.data)):
            fields |= {step.rstrip("[]{}") for step in leaf.field.split(".")[1:]}
    models: set[type[BaseModel]] = set()
    stack: list[type[BaseModel]] = [Strategy, ProgressReport, Site, OrganisationsFile, GlossaryFile]
    while stack:
        model = stack.pop()
        if model not in models:
            models.add(model)
            for key in model.model_fields:
                annotation = _field_type(model, key)
                inner = _unwrap(annotation)
                for t in [annotation, *get_args(inner), *(a for arg in get_args(inner) for a in get_args(arg))]:
                    if (found := _model_class(t)) is not None:
                        stack.append(found)
    assert {key for model in models for key in model.model_fields} <= fields


def test_the_check_notices_a_field_the_summary_leaves_out(library: Library, monkeypatch: pytest.MonkeyPatch):
    # The test above would fail if a part of the walk were lost: here one field is skipped everywhere,
    # and one whole part of a strategy goes unread.
    real = changes_module._fields

    def blind_to_outcomes(old: Any, new: Any, where: str, skip: Any = frozenset()) -> Any:
        return real(old, new, where, set(skip) | {"outcome"})

    monkeypatch.setattr(changes_module, "_fields", blind_to_outcomes)
    monkeypatch.setattr(changes_module, "_governance", lambda before, after: iter(()))
    unseen = {entry.split(" ", 1)[0] for entry in unseen_changes(library)}
    assert "Strategy.timeline[].outcome" in unseen
    assert {"Strategy.governance.boards[].role", "Strategy.governance.owner"} <= unseen
    assert "Strategy.summary" not in unseen


@pytest.mark.parametrize("field", ["scope", "measures", "consultation", "easy_read", "tables", "related_documents"])
def test_adding_and_removing_a_part_of_a_strategy_shows_in_the_summary(library: Library, field: str):
    s = library.strategy(SEND)
    assert s is not None
    full = _fill(Strategy, s.model.model_dump())
    emptied = dict(full, **{field: None if Strategy.model_fields[field].default is None else []})
    libraries = [replace(library, strategies=[replace(s, model=Strategy.model_validate(d))], reports=[]) for d in (emptied, full)]
    added, removed = summary(*libraries), summary(*reversed(libraries))
    assert "added" in added and "removed" in removed
    # Every text of what was added is in the summary of it (dates are shown as dates, and ids not at all).
    words = {" ".join(str(leaf.value).split()) for leaf in _leaves(Strategy, full) if leaf.path[0] == field and isinstance(leaf.value, str)}
    assert words and all(w in plain(added) for w in words if not re.fullmatch(r"\d{4}(-\d{2})?|[a-z0-9_-]+", w))


# --- The cases in the issue, exactly ------------------------------------------------------------------


def _changed_strategy(library: Library, change: Callable[[dict[str, Any]], None]) -> str:
    s = library.strategy(SEND)
    assert s is not None
    data = s.model.model_dump()
    change(data)
    before = replace(library, strategies=[s], reports=[])
    after = replace(before, strategies=[replace(s, model=Strategy.model_validate(data))])
    return summary(before, after)


def test_a_reworded_timeline_event_shows_its_old_and_new_words(library: Library):
    def reword(data: dict[str, Any]) -> None:
        data["timeline"][1]["what"] = "The Executive noted the strategy."

    assert _changed_strategy(library, reword) == HEADING + (
        "- SEND Strategy 2021-24 > Timeline > 7 October 2021, Executive: what happens changed from 'The Executive was "
        "asked to note the Education and SEND 3-year Divisional Strategies as part of the suite of Divisional "
        "Strategies in the Department.' to 'The Executive noted the strategy.'\n"
    )


def test_a_priority_s_new_short_name_shows_its_old_and_new_words(library: Library):
    def rename(data: dict[str, Any]) -> None:
        assert data["priorities"][0]["short_name"] == "Responsive"
        data["priorities"][0]["short_name"] = "Listening"

    assert _changed_strategy(library, rename) == HEADING + (
        "- SEND Strategy 2021-24 > Priority 1: short name changed from 'Responsive' to 'Listening'\n"
    )


def test_a_new_year_of_the_plan_shows_with_its_name_and_days(library: Library):
    def add_a_year(data: dict[str, Any]) -> None:
        data["period"]["end_year"] = 2025
        data["period"]["end"] = dt.date(2025, 3, 31)
        data["period"]["years"].append(
            {"id": "year_four", "name": "Year Four (2024-2025)", "start": dt.date(2024, 4, 1), "end": dt.date(2025, 3, 31)}
        )

    assert _changed_strategy(library, add_a_year) == HEADING + (
        "- SEND Strategy 2021-24: period changed from 2021-2024 to 2021-2025\n"
        "- SEND Strategy 2021-24 > Period: last day changed from 31 March 2024 to 31 March 2025\n"
        "- SEND Strategy 2021-24 > Period: year of the plan added: 'Year Four (2024-2025)', 1 April 2024 to 31 March 2025\n"
    )


def test_a_changed_summary_shows_its_old_and_new_words(library: Library):
    def resummarise(data: dict[str, Any]) -> None:
        data["summary"] = "How Leicester supported children with SEND from 2021 to 2024."

    assert _changed_strategy(library, resummarise) == HEADING + (
        "- SEND Strategy 2021-24: summary changed from 'How Leicester planned to support children and young people "
        "with SEND to learn, thrive and achieve, from 2021 to 2024.' to 'How Leicester supported children with SEND "
        "from 2021 to 2024.'\n"
    )


def test_a_long_text_is_shown_whole_before_and_after_with_its_changed_words_marked(library: Library):
    def revise(data: dict[str, Any]) -> None:
        data["priorities"][0]["ambition"] = "Our ambition is that every child is heard.\n\nAnd that every family gets help early."

    before = "Our ambition is that all children are heard.\n\nAnd that every family\ngets help."

    def first(data: dict[str, Any]) -> None:
        data["priorities"][0]["ambition"] = before

    s = library.strategy(SEND)
    assert s is not None
    old, new = s.model.model_dump(), s.model.model_dump()
    first(old)
    revise(new)
    libraries = [replace(library, strategies=[replace(s, model=Strategy.model_validate(d))], reports=[]) for d in (old, new)]
    assert summary(*libraries) == HEADING + (
        "- SEND Strategy 2021-24 > Priority 1: ambition changed, from:\n"
        "\n"
        "  > Our ambition is that ~~all children are~~ heard.\n"
        "  >\n"
        "  > And that every family\\\n"
        "  > gets ~~help.~~\n"
        "\n"
        "  to:\n"
        "\n"
        "  > Our ambition is that **every child is** heard.\n"
        "  >\n"
        "  > And that every family gets **help early.**\n"
    )


# --- Officers' words stay words in the comment ------------------------------------------------------

# What the content model refuses is put straight into the loaded content, as if its refusals had
# missed it: the summary must stay safe on its own.
HOSTILE = (
    "**Approved** [click](https://evil.example/) ![x](https://e.example/t.png) <img src=x> "
    "`c` ~~gone~~ | a | &amp; @council-team #12 :tada: a@b.gov.uk"
)
ESCAPED = (
    "\\*\\*Approved\\*\\* \\[click\\](https://evil.example/) !\\[x\\](https://e.example/t.png) \\<img src=x\\> "
    f"\\`c\\` \\~\\~gone\\~\\~ \\| a \\| \\&amp; @{ZERO_WIDTH_SPACE}council-team #{ZERO_WIDTH_SPACE}12 "
    f":{ZERO_WIDTH_SPACE}tada: a@b.gov.uk"
)


def _hostile_summary(library: Library, was: dict[str, Any] | None = None, **fields: Any) -> str:
    """The summary of a change to the SEND strategy's fields; was: what some of them were before."""
    s = library.strategy(SEND)
    assert s is not None
    old, new = s.model.model_copy(deep=True, update=was or {}), s.model.model_copy(deep=True)
    for key, value in fields.items():
        setattr(new, key, value)
    before = replace(library, strategies=[replace(s, model=old)], reports=[])
    return summary(before, replace(before, strategies=[replace(s, model=new)]))


def test_officer_text_cannot_become_markup_mentions_or_references_in_the_comment(library: Library):
    text = _hostile_summary(library, summary=HOSTILE)
    # Each character of Markdown's inline markup is escaped, as CommonMark reads an escape: shown as typed.
    # An email address is left as it is (GitHub notifies no one for it); a mention, a #12 and an :emoji:
    # are broken by a zero-width space, which GitHub leaves alone and no reader sees.
    assert text == HEADING + (
        "- SEND Strategy 2021-24: summary changed from 'How Leicester planned to support children and young people "
        f"with SEND to learn, thrive and achieve, from 2021 to 2024.' to '{ESCAPED}'\n"
    )
    assert plain(text).endswith(f"to '{HOSTILE}'")


def test_a_line_of_officer_text_cannot_start_markup_of_its_own(library: Library):
    vision = "# A heading\n- a list item\n+ another\n1. a numbered item\n> a quote\n---\n===\n    code"
    text = _hostile_summary(library, was={"vision": None}, vision=vision)
    assert text == HEADING + (
        "- SEND Strategy 2021-24: vision added:\n"
        "\n"
        "  > \\# A heading\\\n"
        "  > \\- a list item\\\n"
        "  > \\+ another\\\n"
        "  > 1\\. a numbered item\\\n"
        "  > \\> a quote\\\n"
        "  > \\---\\\n"
        "  > \\===\\\n"
        "  > code\n"
    )


def test_a_hostile_short_title_and_action_stay_text(library: Library):
    s = library.strategy(SEND)
    assert s is not None
    priorities = [p.model_copy(deep=True) for p in s.model.priorities]
    action = priorities[0].actions["year_one"][0]
    old = action.text
    action.text = "<script>alert(1)</script> " + old
    text = _hostile_summary(library, short_title="[SEND](https://evil.example/) **2021**", priorities=priorities)
    assert "\n- \\[SEND\\](https://evil.example/) \\*\\*2021\\*\\*: short title changed from " in text
    assert f"'\\<script\\>alert(1)\\</script\\> {old}'" in text


def test_a_title_that_starts_markup_stays_words_at_the_start_of_its_list_item(library: Library):
    # Right after a list item's "- ", a '#' would make a heading, '1.' a list inside it, '>' a quote.
    text = _hostile_summary(library, short_title="# No changes: approve")
    assert text.startswith(HEADING + "- \\# No changes: approve: short title changed from 'SEND Strategy 2021-24' to ")
    text = _hostile_summary(library, short_title="1. Approve\n> quoted")
    assert text.startswith(HEADING + "- 1\\. Approve\\\n  \\> quoted: short title changed, from:")
    s = library.strategy(SEND)
    assert s is not None
    hostile = replace(s, model=s.model.model_copy(update={"short_title": "+ Approve", "title": "- Approve"}))
    none = replace(library, strategies=[], reports=[])
    assert summary(none, replace(none, strategies=[hostile])) == HEADING + "- \\+ Approve: new strategy, '- Approve'\n"
    assert summary(replace(none, strategies=[hostile]), none) == HEADING + "- \\+ Approve: strategy removed\n"


# --- Order is published: the pages list priorities and actions in order ----------------------------


def test_actions_put_in_a_new_order_show_in_their_new_order(library: Library):
    def swap(data: dict[str, Any]) -> None:
        actions = data["priorities"][0]["actions"]["year_one"]
        actions[0], actions[1] = actions[1], actions[0]

    assert _changed_strategy(library, swap) == HEADING + (
        "- SEND Strategy 2021-24 > Priority 1 > Year One (2021-2022): actions put in a new order: 'We will work with "
        "Children, Young People and their families to review Local Offer information and resources to understand if "
        "it meets their needs', 'We will develop and implement mechanisms to ensure we capture views of Children, young "
        "people and their families across the range of SEN', 'We will ensure families can access clear information and "
        "register for appropriate transport including Personal Transport Budgets via an online application', 'We will "
        "work with schools, colleges CYP and their families to develop and deliver an Independent Travel Training "
        "programme for young people.', 'We will review Personal Budgets for Children and Young People EHCPs, ensuring "
        "its clearly defined and made accessible for those who are eligible'\n"
    )


def test_priorities_put_in_a_new_order_show_in_their_new_order(library: Library):
    def swap(data: dict[str, Any]) -> None:
        priorities = data["priorities"]
        priorities[0], priorities[1] = priorities[1], priorities[0]

    assert _changed_strategy(library, swap) == HEADING + (
        "- SEND Strategy 2021-24: priorities put in a new order: Priority 2 'Effective: Managing increasing levels of "
        "demand and need in SEND', Priority 1 'Responsive: Coproduction, participation, and communication', Priority 3 "
        "'Inclusive: Inclusive practice and provision', Priority 4 'Efficient: Partnership working and use of resources'\n"
    )


# --- Texts that look the same but are not ----------------------------------------------------------


def test_a_look_alike_letter_is_named_by_its_code_point(library: Library):
    def cyrillic(data: dict[str, Any]) -> None:
        data["priorities"][0]["title"] = "Resp\u043ensive: Coproduction, participation, and communication"
        data["summary"] = data["summary"].replace("children", "childre\u0578", 1)

    assert _changed_strategy(library, cyrillic) == HEADING + (
        "- SEND Strategy 2021-24 > Priority 1: reworded: 'Responsive: Coproduction, participation, and communication' "
        "-> 'Resp\u043ensive: Coproduction, participation, and communication' (character 5 changed from U+006F LATIN "
        "SMALL LETTER O to U+043E CYRILLIC SMALL LETTER O)\n"
        "- SEND Strategy 2021-24: summary changed from 'How Leicester planned to support children and young people with "
        "SEND to learn, thrive and achieve, from 2021 to 2024.' to 'How Leicester planned to support childre\u0578 and "
        "young people with SEND to learn, thrive and achieve, from 2021 to 2024.' (character 41 changed from U+006E "
        "LATIN SMALL LETTER N to U+0578 ARMENIAN SMALL LETTER VO)\n"
    )


def test_an_invisible_difference_is_named_by_its_code_point(library: Library):
    def invisible(data: dict[str, Any]) -> None:
        data["priorities"][0]["short_name"] = "Respon\u200bsive"
        data["priorities"][1]["short_name"] = "\uff25ffective"  # a full-width E

    assert _changed_strategy(library, invisible) == HEADING + (
        "- SEND Strategy 2021-24 > Priority 1: short name changed from 'Responsive' to 'Respon\u200bsive' "
        "(character 7 added: U+200B ZERO WIDTH SPACE)\n"
        "- SEND Strategy 2021-24 > Priority 2: short name changed from 'Effective' to '\uff25ffective' "
        "(character 1 changed from U+0045 LATIN CAPITAL LETTER E to U+FF25 FULLWIDTH LATIN CAPITAL LETTER E)\n"
    )


def test_texts_that_differ_to_the_eye_name_no_characters(library: Library):
    def plainly(data: dict[str, Any]) -> None:
        data["priorities"][0]["short_name"] = "Responsible"  # ASCII words: plainly different
        data["priorities"][1]["short_name"] = "Efficient €"  # a new character outside ASCII, but more words too

    text = _changed_strategy(library, plainly)
    assert "U+" not in text and "character" not in text


# --- A summary a pull request comment can hold --------------------------------------------------------


def test_a_summary_too_long_for_a_comment_stops_at_a_whole_change_and_says_so(library: Library):
    # A summary padded past what GitHub posts (65,536 characters) would leave the last comment in place.
    s = library.strategy(SEND)
    assert s is not None
    # 90,000 characters, each escape taking room; put straight in, as if the model's own limit had missed it.
    timeline = [e.model_copy() for e in s.model.timeline]
    timeline[1] = timeline[1].model_copy(update={"what": "The Executive noted the strategy."})
    padded = s.model.model_copy(update={"summary": "*[x]* `y` " * 9_000, "timeline": timeline})
    before = replace(library, strategies=[s], reports=[])
    term = library.glossary[0]
    after = replace(
        before,
        strategies=[replace(s, model=padded)],
        glossary=[term.model_copy(update={"meaning": "Extra help to learn."}), *library.glossary[1:]],
    )
    full = summary(before, after)
    site_wide = (
        "- Glossary > Term 'SEND': meaning changed from 'When a child or young person needs extra help to "
        "learn because of a learning difficulty or a disability.' to 'Extra help to learn.'\n"
    )
    timeline = (
        "- SEND Strategy 2021-24 > Timeline > 7 October 2021, Executive: what happens changed from 'The Executive was "
        "asked to note the Education and SEND 3-year Divisional Strategies as part of the suite of Divisional "
        "Strategies in the Department.' to 'The Executive noted the strategy.'\n"
    )
    # The site's own files, which every page shows, come first; then the strategies.
    assert full.startswith(HEADING + site_wide + timeline + "- SEND Strategy 2021-24: summary changed, from:\n")
    assert len(full) > 65_536 and full.endswith("\\*\\[x\\]\\* \\`y\\`**\n")
    cut = summary(before, after, changes_module.COMMENT_LIMIT)
    assert changes_module.COMMENT_LIMIT == 60_000
    # Whole changes only, never part of an escape or a quoted block; then how many more there are.
    assert cut == HEADING + site_wide + timeline + (
        "\n**This summary stops here, for want of room: 1 more change is not shown.** Every change is in the log of "
        "the check job's step 'Summarise what changed in the strategies', and in the check's job summary unless they "
        "are more than it can hold.\n"
    )
    # A limit the whole summary fits in changes nothing.
    assert summary(before, after, len(full)) == full


def test_a_cut_summary_keeps_every_change_that_fits(library: Library):
    s = library.strategy(SEND)
    assert s is not None
    data = s.model.model_dump()
    for n, priority in enumerate(data["priorities"]):
        priority["ambition"] = f"Ambition {n}: " + "more words " * 40
    before = replace(library, strategies=[s], reports=[])
    after = replace(before, strategies=[replace(s, model=Strategy.model_validate(data))])
    full = summary(before, after)
    items = re.split(r"(?m)^(?=- )", full.removeprefix(HEADING))[1:]
    assert len(items) == len(data["priorities"]) > 3
    assert len(full) > len(HEADING) + len("".join(items[:3])) + 300
    # Room for two changes and the note, and some to spare: not enough for a third.
    limit = len(HEADING) + len("".join(items[:2])) + len("\n" + changes_module._cut(len(items)) + "\n") + 50
    cut = summary(before, after, limit)
    assert len(cut) <= limit
    assert cut.startswith(HEADING + "".join(items[:2]) + "\n**This summary stops here, for want of room: ")
    assert f": {len(items) - 2} more changes are not shown.**" in cut


def test_the_workflow_posts_a_summary_a_comment_can_hold_and_fails_where_it_cannot_post():
    import yaml

    from .conftest import REPO

    workflow = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    summarise = next(step for step in workflow["jobs"]["check"]["steps"] if step.get("name") == "Summarise what changed in the strategies")
    assert re.search(r"diff --limit 60000 .+ HEAD > changes\.md", summarise["run"])
    assert re.search(r"diff --limit 1000000 .+ HEAD >> \"\$GITHUB_STEP_SUMMARY\"", summarise["run"])
    comment = next(step for step in workflow["jobs"]["comment"]["steps"] if step.get("name") == "Comment on the pull request")
    # Where neither the edit nor a new comment is posted, the job fails, not leaving the old summary unremarked.
    assert comment["run"].rstrip().endswith("exit 1")
    assert "--body-file changes.md --edit-last ||" in comment["run"]
