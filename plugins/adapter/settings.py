"""The strategy plugin's options as each command reads them from mkdocs.yml, outside a build.

The command line honours every option as the plugin does inside MkDocs (a content_dir, the Easy
Read style), so it reads them here, by the one reader of mkdocs.yml (plugins/publishing/config.py).
"""

from __future__ import annotations

from pathlib import Path

from easyread.rules import Style, Thresholds, style_and_thresholds
from plugins.adapter.config import StrategyConfig, style_option_lines
from plugins.publishing.config import CONFIG_FILE, PLUGIN, read_config


def strategy_settings(root: Path) -> StrategyConfig:
    """The strategy plugin's options from mkdocs.yml, read and checked by the one reader, or their
    defaults where there is no mkdocs.yml, or it does not use the plugin: a folder of content alone
    can be checked."""
    if (root / CONFIG_FILE).is_file():
        # Quietly: MkDocs' warnings about mkdocs.yml are shown by the build, and by check and easyread
        # where they read the Easy Read options (easy_read_settings), once.
        config = read_config(root, warn=False)
        if PLUGIN in config.plugins:
            settings: StrategyConfig = config.plugins[PLUGIN].config
            return settings
    defaults = StrategyConfig()
    defaults.load_dict({})
    defaults.validate()
    return defaults


def content_folder(root: Path, settings: StrategyConfig) -> str:
    """The content folder (content_dir) as officers see it, and as the problems found in it name it."""
    return (root / settings.content_dir).relative_to(root).as_posix()


def easy_read_settings(root: Path) -> tuple[Style, Thresholds, dict[str, int]]:
    """The Easy Read style and thresholds from mkdocs.yml, read by MkDocs itself, with the line of each option."""
    config_file = root / CONFIG_FILE
    if not config_file.is_file():
        return Style(), Thresholds(), {}
    config = read_config(root)
    style, thresholds = style_and_thresholds(config.plugins[PLUGIN].config.easy_read)
    lines = style_option_lines(config_file)
    return style, thresholds, lines
