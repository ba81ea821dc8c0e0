"""What mkdocs.yml and the templates folder may ask of a build, checked before MkDocs reads either.

A pull request can change mkdocs.yml and templates/ as easily as content/. MkDocs trusts its
configuration completely: `hooks:` runs Python files, `markdown_extensions:` and `plugins:` import
any installed module (one of which, pymdownx.snippets, pastes files from anywhere into pages), `!ENV`
copies CI's environment into the site, `INHERIT:` and `docs_dir:` read files outside the project, and
files in the theme folder are published as they are. So, as Hugo does with `security.exec`, what the
site needs is allowed and nothing else: each refusal names the line and says why.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from plugins.safety.sanitise import escaped

CONFIG_FILE = "mkdocs.yml"

# The site's own plugin; the theme's search is replaced by Pagefind (see plugins/adapter/plugin.py).
PLUGINS = frozenset({"strategy/pages"})
# Python-Markdown's own extensions that only shape text: none reads a file, fetches or runs anything.
EXTENSIONS = frozenset({"abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "sane_lists", "smarty", "tables", "toc"})
THEMES = frozenset({"material"})
# Options that run code or read outside the project whatever their value.
REFUSED = {
    "hooks": "hooks run Python files at build time, with CI's secrets in reach",
    "INHERIT": "INHERIT reads another configuration file, which this check cannot see",
}
# Options naming a folder or file of the project.
PATHS = ("docs_dir", "site_dir")
LISTED_FILES = ("extra_css", "extra_javascript", "watch")
# Files a theme folder may hold: templates. Anything else in it would be published as it is.
TEMPLATE_SUFFIXES = (".html", ".j2")


class ConfigRefused(Exception):
    """mkdocs.yml or a theme folder asks for what a build may not do; the message lists each place."""


def _at(node: yaml.Node | yaml.Event, message: str) -> str:
    mark = node.start_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    # The message quotes names and values from mkdocs.yml: one line, whatever they hold.
    return f"{CONFIG_FILE}:{line}:{column}: {escaped(message)}"


def _tags(node: yaml.Node) -> Iterator[yaml.Node]:
    if node.tag in ("!ENV", "!relative"):
        yield node
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _tags(key)
            yield from _tags(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _tags(item)


def _entries(node: yaml.Node) -> Iterator[tuple[yaml.Node, str]]:
    """The names in a list of plugins or extensions, each given as a name or as a one-key mapping."""
    items = node.value if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) else [node]
    for item in items:
        key = item[0] if isinstance(item, tuple) else item
        if isinstance(key, yaml.MappingNode) and key.value:
            key = key.value[0][0]
        if isinstance(key, yaml.ScalarNode):
            yield key, str(key.value)


def _inside(root: Path, value: str) -> bool:
    path = Path(value)
    return not path.is_absolute() and (root / path).resolve().is_relative_to(root) and "://" not in value


def _shared(text: str) -> list[str]:
    """Anchors, aliases and merge keys: each lets a value stand somewhere this check does not look
    (`<<: {hooks: [...]}` puts hooks at the top level only once the file is loaded)."""
    problems = []
    # For each open mapping, whether its next node is a key; None for an open sequence.
    next_is_key: list[bool | None] = []
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            problems.append(_at(event, "anchors and aliases (& and *) are not allowed: write each value out in full."))
        starts_node = isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent))
        is_key = bool(next_is_key) and next_is_key[-1] is True
        if is_key and isinstance(event, yaml.ScalarEvent) and event.value == "<<" and event.style is None:
            problems.append(_at(event, "merge keys ('<<') are not allowed: write each option out in full."))
        if starts_node and next_is_key and next_is_key[-1] is not None:
            next_is_key[-1] = not next_is_key[-1]
        if isinstance(event, yaml.MappingStartEvent):
            next_is_key.append(True)
        elif isinstance(event, yaml.SequenceStartEvent):
            next_is_key.append(None)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            next_is_key.pop()
    return problems


def config_problems(root: Path, text: str) -> list[str]:
    """Every place mkdocs.yml asks for what a build may not do, as `mkdocs.yml:line:column: why`."""
    try:
        document = yaml.compose(text, Loader=yaml.SafeLoader)
        shared = _shared(text)
    except yaml.YAMLError:
        return []  # the reader reports broken YAML at its line
    if shared:
        return shared
    if not isinstance(document, yaml.MappingNode):
        return []
    problems = [
        _at(node, f"{node.tag} is not allowed: a value from the build's environment could publish CI's secrets. Write the value itself.")
        for node in _tags(document)
    ]
    for key, value in document.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else ""
        if name in REFUSED:
            problems.append(_at(key, f"{name} is not allowed: {REFUSED[name]}."))
        elif name == "plugins":
            problems += [
                _at(node, f"the plugin '{plugin}' is not allowed. Plugins allowed: {', '.join(sorted(PLUGINS))}.")
                for node, plugin in _entries(value)
                if plugin not in PLUGINS
            ]
        elif name == "markdown_extensions":
            problems += [
                _at(node, f"the Markdown extension '{extension}' is not allowed. Extensions allowed: {', '.join(sorted(EXTENSIONS))}.")
                for node, extension in _entries(value)
                if extension.removeprefix("markdown.extensions.") not in EXTENSIONS
            ]
        elif name == "theme":
            problems += _theme_problems(root, key, value)
        elif name in PATHS and isinstance(value, yaml.ScalarNode) and not _inside(root, value.value):
            problems.append(_at(value, f"{name} must be a folder inside the project, such as docs, not '{value.value}'."))
        elif name in LISTED_FILES and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                path = item.value if isinstance(item, yaml.ScalarNode) else None
                if isinstance(item, yaml.MappingNode):
                    path = next((v.value for k, v in item.value if getattr(k, "value", None) == "path"), None)
                if not isinstance(path, str) or not _inside(root, path) or path.startswith("//"):
                    problems.append(_at(item, f"{name} may only list the site's own files, such as assets/stylesheets/strategy.css."))
    return problems


def _theme_problems(root: Path, key: yaml.Node, value: yaml.Node) -> list[str]:
    if isinstance(value, yaml.ScalarNode):
        return [] if value.value in THEMES else [_at(value, f"the theme must be {', '.join(sorted(THEMES))}, not '{value.value}'.")]
    if not isinstance(value, yaml.MappingNode):
        return []
    problems = []
    for option, setting in value.value:
        option_name = getattr(option, "value", "")
        text = setting.value if isinstance(setting, yaml.ScalarNode) else None
        if option_name == "name" and text not in THEMES:
            problems.append(_at(setting, f"the theme must be {', '.join(sorted(THEMES))}, not '{text}'."))
        if option_name == "custom_dir" and (text is None or not _inside(root, text)):
            problems.append(_at(setting, f"custom_dir must be a folder inside the project, such as templates, not '{text}'."))
        if option_name == "static_templates":
            problems.append(_at(option, "static_templates is not allowed: the site's own pages are all it publishes."))
        if option_name in ("favicon", "logo") and text is not None and not _inside(root, text):
            problems.append(_at(setting, f"the {option_name} must be one of the site's own files, not '{text}'."))
    return problems


def folder_problems(root: Path, folders: list[tuple[str, bool]]) -> list[str]:
    """Links and stray files in the folders a build publishes from: a link could publish a file from
    anywhere on the machine, and a theme folder publishes any non-template file in it as it is."""
    problems = []
    for folder_name, templates_only in folders:
        folder = root / folder_name
        if not _inside(root, folder_name):
            problems.append(f"{folder_name}/: this folder is outside the project. Use a folder inside it.")
            continue
        if folder.is_symlink():
            problems.append(f"{folder_name}/: this folder is a symbolic link. Put the folder itself in the project.")
            continue
        for here, dirs, files in os.walk(folder):
            for name in sorted(dirs + files):
                path = Path(here, name)
                shown = path.relative_to(root).as_posix()
                if path.is_symlink():
                    problems.append(f"{shown}: this is a symbolic link. Put the file itself here instead of a link to it.")
                elif templates_only and name in files and not name.endswith(TEMPLATE_SUFFIXES):
                    problems.append(
                        f"{shown}: a theme folder holds only templates (.html, .j2), since anything else in it is published as it is. "
                        "Put stylesheets and scripts under docs/assets/."
                    )
    # File and folder names can hold line breaks and escape sequences: each problem stays one line.
    return [escaped(problem) for problem in problems]


def check_config(root: Path, text: str, config: dict[str, Any] | None = None) -> None:
    """Refuse, with every problem, a configuration or theme folder that asks for what a build may not do."""
    theme = (config or {}).get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    docs_dir = (config or {}).get("docs_dir", "docs")
    problems = config_problems(root, text)
    if not problems:
        folders = [(str(docs_dir), False)] + ([(str(custom_dir), True)] if custom_dir else [])
        problems = folder_problems(root, [(f, only) for f, only in folders if (root / f).exists()])
    if problems:
        raise ConfigRefused("\n".join(problems))
