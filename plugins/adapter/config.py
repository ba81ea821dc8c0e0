"""Options of the strategy plugin, set under `plugins: - strategy/pages:` in mkdocs.yml."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from easyread.rules import Style, Thresholds


class _Positive(c.Type):  # type: ignore[type-arg]
    """A number above zero: a size, spacing or limit of zero, below zero or not a number would make
    every check pass or every page fail, so MkDocs refuses it as a mistake in mkdocs.yml."""

    def __init__(self, kind: type | tuple[type, ...], default: float) -> None:
        super().__init__(kind, default=default)

    def run_validation(self, value: Any) -> Any:
        value = super().run_validation(value)
        if isinstance(value, bool) or not math.isfinite(value) or value <= 0:
            raise base.ValidationError(f"Expected a number above 0, but received: {value!r}")
        return value


_STYLE, _THRESHOLDS = Style(), Thresholds()


class EasyReadConfig(base.Config):  # type: ignore[no-untyped-call]
    """How the Easy Read edition is set and checked: `easy_read:` under the plugin in mkdocs.yml."""

    # How the Easy Read pages and booklets are set. Rules 1 to 3 check these against the minimums below.
    # Each option is named as its field of Style or Thresholds, whose defaults are the only ones.
    font_size_px = _Positive((int, float), default=_STYLE.font_size_px)
    line_height = _Positive((int, float), default=_STYLE.line_height)
    font_family = c.Type(str, default=_STYLE.font_family)
    # The checker's thresholds. The defaults are the stricter number where the published guidance differs.
    max_sentence_words = _Positive(int, default=_THRESHOLDS.max_sentence_words)
    min_font_size_px = _Positive((int, float), default=_THRESHOLDS.min_font_size_px)
    min_line_height = _Positive((int, float), default=_THRESHOLDS.min_line_height)
    max_words = _Positive(int, default=_THRESHOLDS.max_words)
    max_pages = _Positive(int, default=_THRESHOLDS.max_pages)
    rare_word_zipf = _Positive((int, float), default=_THRESHOLDS.rare_word_zipf)
    # Words readers of this council know that a word list counts as rare, such as local place names.
    common_words = c.ListOfItems(c.Type(str), default=[])


class StrategyConfig(base.Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    # The folder holding site.yml, organisations.yml, glossary.yml and the strategies, relative to mkdocs.yml.
    content_dir = c.Type(str, default="content")
    # The day the site is built for, as YYYY-MM-DD: decides "this year", open consultations and status words.
    # Empty means SOURCE_DATE_EPOCH's day, else the last commit's date, else today; STRATEGY_SITE_AS_OF in the
    # environment overrides it (the whole order: MAINTAINING.md, "The day a site is built for").
    as_of = c.Optional(c.Type(str))
    # The council's colours, as CSS colours, applied to the header, links and buttons.
    primary_colour = c.Type(str, default="#1d4f91")
    accent_colour = c.Type(str, default="#b3005e")
    easy_read = c.SubConfig(EasyReadConfig)
    # Whether this build makes the printable PDF booklets and links to them. `site_build.py build`
    # turns it on; a preview with `serve` leaves it off, as the booklets take a few seconds each.
    pdf = c.Type(bool, default=False)
    # How many processes convert the generated pages' Markdown: 0 for one per core, 1 for MkDocs alone.
    # The result is the same either way; see plugins/adapter/rendering.py.
    render_workers = c.Type(int, default=0)


def style_option_lines(config_file: Path) -> dict[str, int]:
    """The line of each Easy Read style option in mkdocs.yml, so rules 1 to 3 point at it."""
    lines: dict[str, int] = {}
    if config_file.is_file():
        for number, line in enumerate(config_file.read_text(encoding="utf-8").splitlines(), start=1):
            key = line.strip().split(":", 1)[0]
            if key in ("font_size_px", "line_height", "font_family"):
                lines[key] = number
    return lines
