"""mkdocs.yml, read once, safely and by one reader, and the settings every command takes from it.

Every command (check, build, serve, export, easyread, diff, links, new) reads the strategy
plugin's options from here, so a setting such as content_dir means the same to each of them
as it does to the plugin inside MkDocs.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

# mkdocs-material prints an end-of-life banner on every build; the plan for it is in MAINTAINING.md.
# Every command reads mkdocs.yml here before MkDocs or the theme is imported.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from plugins.content.messages import shown  # noqa: E402
from plugins.publishing.buildday import BadBuildDay, build_day  # noqa: E402  (after the banner is silenced)
from plugins.publishing.failures import Refused  # noqa: E402
from plugins.safety.config_policy import ConfigRefused, check_config  # noqa: E402
from plugins.safety.sanitise import escaped  # noqa: E402

CONFIG_FILE = "mkdocs.yml"
# The site's own MkDocs plugin, by the name mkdocs.yml gives it; its options are the settings.
PLUGIN = "strategy/pages"


def _safe_yaml_loader(config: Any = None) -> Any:
    """MkDocs' loader for mkdocs.yml (with its !ENV and !relative tags) on PyYAML's safe loader.

    MkDocs itself reads mkdocs.yml with PyYAML's full Loader, which makes whatever Python object a
    `!!python/...` tag names, and runs code while doing so. This project's configuration never needs
    one, so no read of mkdocs.yml in this process may make one (see _use_safe_yaml_loader).
    """
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    return get_yaml_loader(loader=yaml.SafeLoader, config=config)


def _use_safe_yaml_loader() -> None:
    # MkDocs reads mkdocs.yml again on each rebuild while serving, through this name.
    import mkdocs.config.defaults

    mkdocs.config.defaults.get_yaml_loader = lambda loader=None, config=None: _safe_yaml_loader(config)  # type: ignore[attr-defined]


def _config_problem(error: Exception) -> str:
    """A YAML error in mkdocs.yml as one line: file:line:column: what is wrong."""
    import yaml

    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        problem = error.problem or "this is not valid YAML"
        if isinstance(error, yaml.constructor.ConstructorError) and "could not determine a constructor" in problem:
            tag = (error.problem or "").split("'")[1] if "'" in problem else ""
            shown = "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag
            problem = f"the tag {shown} is not allowed: the build never makes a Python object from its configuration. Remove the tag"
        elif error.context and error.context_mark is not None:
            problem = f"{problem} ({error.context} at line {error.context_mark.line + 1}, column {error.context_mark.column + 1})"
        return f"{CONFIG_FILE}:{mark.line + 1}:{mark.column + 1}: {problem}."
    if isinstance(error, RecursionError):
        return f"{CONFIG_FILE}:1:1: it is nested too deeply to read."
    if isinstance(error, ValueError) and "integer string conversion" in str(error):
        return f"{CONFIG_FILE}:1:1: a number in it has more than {sys.get_int_max_str_digits():,} digits, too many to read."
    return f"{CONFIG_FILE}:1:1: {' '.join(str(error).split())}."


def _option_line(text: str, key: str, message: str) -> tuple[int, int]:
    """Where an option MkDocs refused is set in mkdocs.yml: the deepest option its message names that can be found."""
    import yaml

    names = [key, *re.findall(r"(?:[Oo]ption|Plugin) '([^']+)'", message)]
    try:
        node: Any = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return 1, 1
    found = (1, 1)
    for name in names:
        match = _find_key(node, name)
        if match is None:
            continue
        key_node, node = match
        found = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    return found


def _find_key(node: Any, name: str) -> tuple[Any, Any] | None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == name:
                return key_node, value
        children = [value for _, value in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    else:
        return None
    for child in children:
        match = _find_key(child, name)
        if match is not None:
            return match
    return None


def read_config(root: Path, *, strict: bool = False, warn: bool = True, **overrides: Any) -> Any:
    """mkdocs.yml, read safely and checked by MkDocs, or Refused with each problem at its line.

    With strict, MkDocs' warnings (an option it does not know, say) are problems too, as they are
    in a strict build; without warn, they are not logged (a command that reads mkdocs.yml twice
    shows them once).
    """
    import yaml
    from mkdocs.config.defaults import MkDocsConfig

    _use_safe_yaml_loader()
    path = root / CONFIG_FILE
    if not path.is_file():
        raise Refused(f"{CONFIG_FILE} is missing from {root}: the build needs it. Restore it from the repository.")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise Refused(f"{CONFIG_FILE} cannot be read: {getattr(error, 'strerror', None) or error}.") from None
    config = MkDocsConfig(config_file_path=str(path))
    loader = _safe_yaml_loader(config)
    try:
        raw = yaml.load(text, Loader=loader)
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        raise Refused(_config_problem(error)) from None
    if not isinstance(raw, dict):
        raise Refused(f"{CONFIG_FILE}:1:1: it must set options such as site_name, one on each line.")
    try:
        check_config(root, text, raw)
    except ConfigRefused as error:
        raise Refused(str(error)) from None
    config.load_dict(raw)
    # A strict build fails on MkDocs' warnings (a link to no page, say) as well as its errors.
    config.load_dict({"strict": strict, **{k: v for k, v in overrides.items() if v is not None}})
    errors, warnings = config.validate()
    problems = errors + (warnings if strict else [])
    if problems:
        lines = []
        for key, problem in problems:
            line, column = _option_line(text, key, str(problem))
            lines.append(f"{CONFIG_FILE}:{line}:{column}: {escaped(key)}: {escaped(' '.join(str(problem).split()))}")
        raise Refused("\n".join(lines))
    _check_content_dir(root, text, config)
    log = logging.getLogger("mkdocs")
    for key, warning in warnings if warn else []:
        log.warning(f"Config value '{key}': {warning}")
    return config


def day_for(root: Path, as_of: str | None) -> dt.date:
    """The day to build for (see build_day), or Refused with where the impossible day was set."""
    try:
        return build_day(root, as_of)
    except BadBuildDay as error:
        raise Refused(str(error)) from None


def _check_content_dir(root: Path, text: str, config: Any) -> None:
    """Refuse a content_dir outside the project, or reached through a symbolic link: every command
    reads it, and would publish (or quote the lines of) files from anywhere on the machine. The
    folder itself being a link is the loader's to report, at the folder."""
    if PLUGIN not in config.plugins:
        return
    value = str(config.plugins[PLUGIN].config.content_dir)
    root = root.resolve()
    folder = Path(os.path.normpath(root / value))
    if (
        value
        and not Path(value).is_absolute()
        and folder != root
        and folder.is_relative_to(root)
        and folder.parent.resolve() == folder.parent
    ):
        return
    line, column = _option_line(text, "content_dir", "")
    raise Refused(f"{CONFIG_FILE}:{line}:{column}: content_dir must be a folder inside the project, such as content, not '{shown(value)}'.")


def strategy_plugin(config: Any, doing: str = "build") -> Any:
    """The strategy plugin as MkDocs made it from mkdocs.yml (its options are `.config`), or Refused
    when mkdocs.yml does not use it, since then there are no strategy pages to build or export."""
    if PLUGIN not in config.plugins:
        raise Refused(f"{CONFIG_FILE} does not use the {PLUGIN} plugin, so there are no strategy pages to {doing}.")
    return config.plugins[PLUGIN]
