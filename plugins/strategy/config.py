"""Options of the strategy plugin, set under `plugins: - strategy/pages:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class StrategyConfig(base.Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    # The folder holding site.yml, organisations.yml, glossary.yml and the strategies, relative to mkdocs.yml.
    content_dir = c.Type(str, default="content")
    # The day the site is built for, as YYYY-MM-DD: decides "this year", open consultations and status words.
    # Empty means today; STRATEGY_SITE_AS_OF in the environment overrides both.
    as_of = c.Optional(c.Type(str))
    # The council's colours, as CSS colours, applied to the header, links and buttons.
    primary_colour = c.Type(str, default="#1d4f91")
    accent_colour = c.Type(str, default="#b3005e")
