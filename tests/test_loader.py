"""How YAML is read: what an officer types is what the site says, and every value keeps its place."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.content import yamlsource
from plugins.content.problems import ContentError
from plugins.content.yamlsource import Position, parse_text

from .conftest import REPO


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("true", True),
        ("False", False),
        ("1:20", "1:20"),
        ("0x1F", "0x1F"),
        ("0o17", "0o17"),
        ("1_000", "1_000"),
        (".inf", ".inf"),
        (".NaN", ".NaN"),
        ("012", "012"),
        ("87880", 87880),
        ("-15363", -15363),
        ("0.1", Decimal("0.1")),
        ("2026-04-20", dt.date(2026, 4, 20)),
        ("'2026-04-20'", "2026-04-20"),
        ("2026-04", "2026-04"),
        ("2026-04-20T10:00:00", "2026-04-20T10:00:00"),
        ("~", None),
        ("", None),
        ("null", None),
        ("'no'", "no"),
        ('"87880"', "87880"),
    ],
)
def test_scalars_mean_what_they_look_like(written: str, read: object):
    value = parse_text(f"value: {written}\n", "f.yml").data["value"]
    assert value == read
    assert type(value) is type(read)


def test_every_value_and_key_keeps_its_line_and_column():
    doc = parse_text("a:\n  - b: 1\n    c: [x, y]\n", "f.yml")
    assert doc.values[("a",)] == Position(2, 3)
    assert doc.values[("a", 0, "b")] == Position(2, 8)
    assert doc.keys[("a", 0, "c")] == Position(3, 5)
    assert doc.values[("a", 0, "c", 1)] == Position(3, 12)


def test_a_billion_laughs_is_refused_at_once():
    rows = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    started = time.perf_counter()
    with pytest.raises(ContentError):
        parse_text("\n".join(rows), "f.yml")
    assert time.perf_counter() - started < 1.0


def test_deep_nesting_is_a_message_not_a_crash():
    with pytest.raises(ContentError) as error:
        parse_text("a: " + "[" * 5000 + "]" * 5000, "f.yml")
    assert error.value.problems[0].message.startswith("This content is nested too deeply")


_real = [p.read_text(encoding="utf-8") for p in sorted((REPO / "content").rglob("*.yml"))]


# An officer's slips: a run of characters or a whole line deleted, a character inserted or typed over.
_EDITS = st.lists(
    st.tuples(
        st.sampled_from(["delete", "delete-line", "insert", "swap"]),
        st.integers(0, 10_000),
        st.sampled_from(
            [
                ":",
                "-",
                " ",
                "\t",
                "\n",
                "'",
                '"',
                "&a",
                "*a",
                "!!str",
                "[",
                "{",
                "}",
                "]",
                "#",
                "|",
                ">",
                "%",
                "@",
                "`",
                "\x00",
                "é",
                "\r",
                "\u00a0",
                "\u2028",
                "\ufeff",
                "😀",
                "<b>",
                "~",
            ]
        ),
        st.integers(1, 20),
    ),
    min_size=1,
    max_size=4,
)
Edit = tuple[str, int, str, int]


def _mutated(source: str, edits: list[Edit]) -> str:
    text = source
    for kind, at, piece, span in edits:
        at %= max(len(text), 1)
        if kind == "delete":
            text = text[:at] + text[at + span :]
        elif kind == "delete-line":
            lines = text.split("\n")
            del lines[at % len(lines)]
            text = "\n".join(lines)
        elif kind == "insert":
            text = text[:at] + piece + text[at:]
        else:
            text = text[:at] + piece + text[at + 1 :]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=st.sampled_from(_real), edits=_EDITS)
def test_mutated_content_only_ever_gives_messages(source: str, edits: list[Edit]):
    """Deleting, inserting and swapping characters in real content never raises anything but a ContentError."""
    from plugins.content.library import Source
    from plugins.content.loader import validate
    from plugins.content.model import Strategy

    text = _mutated(source, edits)
    try:
        doc = parse_text(text, "f.yml")
    except ContentError as error:
        assert all(p.file == "f.yml" and p.line >= 1 and p.column >= 1 and p.message for p in error.problems)
        return
    _, problems = validate(doc.data, Strategy, Source(doc))
    assert all(p.line >= 1 and p.column >= 1 and p.message for p in problems)


def test_libyaml_reads_the_content_when_pyyaml_has_it():
    """PyYAML's wheels include libyaml, which reads a large library six times as fast."""
    assert yamlsource._FAST_LOADER is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=st.sampled_from(_real), edits=_EDITS)
def test_both_parsers_read_mutated_content_the_same_way(source: str, edits: list[Edit]):
    """libyaml and PyYAML's own parser accept and refuse the same files, with the same values at the
    same lines and columns, and the same messages."""
    text = _mutated(source, edits)

    def read() -> object:
        try:
            doc = parse_text(text, "f.yml")
        except ContentError as error:
            return [str(p) for p in error.problems]
        return (doc.data, doc.values, doc.keys)

    fast = read()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yamlsource, "_FAST_LOADER", None)
        slow = read()
    assert fast == slow


def test_a_date_in_quotes_is_a_date_in_every_date_field():
    from plugins.content.model import Event, StageRecord

    assert StageRecord.model_validate({"stage": "draft", "date": "2026-03-24"}).date == dt.date(2026, 3, 24)
    event = Event.model_validate({"date": "2026-03-24", "kind": "cabinet", "body": "Cabinet", "what": "Decision.", "status": "held"})
    assert event.date == dt.date(2026, 3, 24)
