"""Hostile content against the Easy Read tools: the coverage list, and `easyread --draft`.

The coverage list reads every part of a strategy's prose for figures, and the edition's text for
mentions of them, on every `check`, `easyread` and `build`; both sides arrive by pull request. Each
field may be 20,000 characters and a file 1 MB, so the work must grow with the text, not its square,
and no number, however long, may stop a command with a traceback. `easyread --draft` lists the
strategy folders it found, by names the file system gives, so those are escaped like any value a
message quotes.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from easyread.coverage import _figure_mentioned, figures, normalised
from plugins.content.model import MAX_MARKDOWN

from .test_easyread_review import _site

# As in tests/test_denial_of_service.py: four times the text may take at most eight times as long,
# above a floor under which a busy machine's noise sets the ratio.
MOST_GROWTH = 8.0
NOISE_FLOOR = 0.5


def _seconds(work, text: str) -> float:
    started = time.perf_counter()
    work(text)
    return time.perf_counter() - started


def _assert_linear(work, unit: str, small: int, what: str) -> None:
    took = [_seconds(work, (unit * (size // len(unit) + 1))[:size] + ".") for size in (small, 4 * small)]
    assert took[1] < max(MOST_GROWTH * took[0], NOISE_FLOOR), (
        f"{what}: {took[0]:.2f} s for {small:,} characters, {took[1]:.2f} s for {4 * small:,}: the work grows faster than the text"
    )


@pytest.mark.parametrize(
    "unit",
    [
        "1,",  # a list of small numbers with no end, read again from each of them for what they count
        "1, ",
        "1 and ",
        "1 year ",  # "year 1" is blanked to spaces: the runs of spaces after the first 1 shared out every way
    ],
)
def test_the_figures_of_a_field_at_its_largest_take_time_in_proportion_to_its_length(unit: str):
    _assert_linear(figures, unit, MAX_MARKDOWN // 4, f"figures in {unit!r}")


def test_a_small_number_after_a_long_run_of_spaces_is_read_in_one_pass():
    _assert_linear(lambda text: figures("1" + text), " ", MAX_MARKDOWN // 4, "figures after spaces")


def test_whether_an_edition_mentions_a_figure_takes_time_in_proportion_to_its_length():
    """An edition of many points, each a list of numbers that never reaches what they count."""
    _assert_linear(lambda text: _figure_mentioned("4 year", normalised(text)), "4 and 4 to ", 20_000, "mentions of '4 year'")


def test_a_list_of_numbers_still_counts_what_it_ends_with():
    assert [f for f, _, _ in figures("Places for 2, 3 and 4 year olds, and an 8-week wait.")] == ["2 year", "3 year", "4 year", "8 week"]
    said = normalised("Places for 2, 3 and 4 year olds.")
    assert _figure_mentioned("2 year", said) and _figure_mentioned("4 year", said) and not _figure_mentioned("5 year", said)


def test_a_number_of_thousands_of_digits_is_a_figure_not_a_traceback(minimal: Path, run):
    """Python refuses to read a number of more than 4,300 digits as an int: the coverage list must not ask it to."""
    long_number = "9" * 5000
    assert figures(f"Over {long_number} children") == [(long_number, 5, 5005)]
    root = _site(minimal)
    strategy = root / "content/example/plan/strategy.yml"
    text = strategy.read_text(encoding="utf-8")
    strategy.write_text(text.replace("scope: Children and young people", f"scope: Over {long_number} children and young people"), "utf-8")
    for command in ("check", "easyread"):
        result = run("--root", root, command, "--as-of", "2026-05-01")
        assert result.code == 0, result.err
    card = run("--root", root, "easyread", "--as-of", "2026-05-01").out.splitlines()
    assert f'    figure: {long_number} (Who it is for: "Over {long_number} children and young people aged 0-25 in…")' in card


def test_a_strategy_folder_named_to_start_a_log_command_is_listed_escaped_by_draft(minimal: Path, run):
    hostile = minimal / "content/example" / "ab\n::error::pwned\x1b[31m"
    hostile.mkdir()
    (hostile / "strategy.yml").write_text((minimal / "content/example/plan/strategy.yml").read_text(encoding="utf-8"), "utf-8")
    result = run("--root", minimal, "easyread", "--draft", "example/nope")
    assert result.code == 1
    assert result.err.splitlines() == [
        "There is no strategy 'example/nope' in content/. Give one of these, as organisation/folder:",
        "  example/ab\\n::error::pwned\\u001b[31m",
        "  example/plan",
    ]
