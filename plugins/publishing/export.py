"""Exporting the pages as plain Markdown: what `site_build.py export` does."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plugins.publishing import caches
from plugins.publishing.chart_cache import CACHE_DIR as CHART_CACHE_DIR
from plugins.publishing.chart_cache import ChartCache
from plugins.publishing.config import CONFIG_FILE, PLUGIN, _safe_yaml_loader, day_for, read_config, strategy_plugin
from plugins.publishing.failures import BuildFailed
from plugins.publishing.folders import _publishing, output_folder
from plugins.safety.sandbox import template_problem

if TYPE_CHECKING:
    from easyread.rules import Style
    from plugins.content import Library
    from plugins.pages import PageSpec, StandardEdition

# The exported theme's overrides, in place of the project's templates/, which hold the plugin's page templates as well.
OVERRIDES = "overrides"


def export_markdown(root: Path, out: Path, *, as_of: str | None = None, shown: str = "", easy_read_style: Style | None = None) -> int:
    """Write every generated page as Markdown, with a mkdocs.yml that needs no custom plugin.

    This is the way off MkDocs and the strategy plugin: the output builds with plain
    MkDocs and mkdocs-material, and its Markdown is what another engine would read.
    Like a build, it replaces its folder whole and only a folder it may replace (see output_folder).
    easy_read_style is how mkdocs.yml sets the Easy Read pages, as the build sets them.
    """
    from plugins.content import load_library
    from plugins.pages import StandardEdition

    shown = shown or str(out)
    config = read_config(root)
    # The strategy plugin's settings, as MkDocs read and checked them.
    settings = strategy_plugin(config, "export").config
    target = output_folder(root, out, option="--out", shown=shown, suggestion="export", content_dir=settings.content_dir)
    day = day_for(root, as_of or settings.as_of)
    library = load_library(root, content_dir=settings.content_dir)
    with _publishing(target, shown=shown, made_by="export") as staging:
        # The charts as the build draws them, from the same cache (see chart_cache.py); only once the
        # folder being written is known to be writable, so that a refused export leaves the project as it was.
        chart_cache = ChartCache(caches.usable_folder(root, CHART_CACHE_DIR))
        edition = StandardEdition(library, config.theme.get_env(), day, easy_read_style=easy_read_style, chart_store=chart_cache)
        try:
            specs = edition.build()
        except Exception as error:
            problem = template_problem(error, root)
            if problem is None:
                raise
            raise BuildFailed(f"A page template could not be used: {problem}") from None
        chart_cache.prune()
        files = _Files(root, staging, shown)
        _write_pages(files, Path(config.docs_dir), specs)
        _write_pictures(files, edition)
        for path, data in edition.charts_used.items():
            # Beside the page's Markdown, in the folder MkDocs makes of it, as the build publishes it.
            files.inside(files.docs / path).write_bytes(data)
        _write_subscriptions(files, edition)
        theme_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else root / "templates"
        _write_theme(files, theme_dir, settings.primary_colour, settings.accent_colour)
        _write_config(staging, _exported_config(root, config, library, edition, specs))
    return len(specs)


class _Files:
    """Writes the export's files into the folder being written, and only there."""

    def __init__(self, root: Path, staging: Path, shown: str) -> None:
        self.root = root
        self.staging = staging
        self.shown = shown
        self.docs = staging / "docs"

    def inside(self, path: Path) -> Path:
        # Every file goes inside the folder being written, whatever a page's address or a picture's name says.
        if not path.resolve().is_relative_to(self.staging.resolve()):
            raise BuildFailed(f"{path.relative_to(self.staging)} would be written outside {self.shown}/; nothing was exported.")
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def copy(self, source: str | Path, target: str | Path) -> None:
        if not Path(source).resolve().is_relative_to(self.root):
            raise BuildFailed(f"{source} leads outside the project, so it was not exported; nothing was exported.")
        shutil.copyfile(source, self.inside(Path(target)))


def _write_pages(files: _Files, docs_dir: Path, specs: list[PageSpec]) -> None:
    """The site's own assets, such as its stylesheet, and every page as Markdown at its address."""
    shutil.copytree(docs_dir, files.docs, copy_function=files.copy)
    for spec in specs:
        files.inside(files.docs / spec.uri).write_text(spec.markdown, encoding="utf-8")


def _write_pictures(files: _Files, edition: StandardEdition) -> None:
    """The Easy Read pictures in use, with each set's licence, where the pages look for them.

    Their bytes as the site publishes them: each SVG filtered by svg-hush, checked again as it is read.
    """
    from plugins.content.pictures import licence_bytes, published_bytes

    for picture in edition.pictures_used.values():
        licence = licence_bytes(picture.set)
        for data, published in ((published_bytes(picture), picture.site_path), (licence, picture.set.site_licence)):
            if data is not None:
                files.inside(files.docs / published).write_bytes(data)


def _write_subscriptions(files: _Files, edition: StandardEdition) -> None:
    """The feeds and calendars, where the pages link to them: files of the site that any engine copies as they are."""
    from plugins.publishing.feeds import subscription_files

    for published, data in subscription_files(edition).items():
        files.inside(files.docs / published).write_bytes(data)


def _write_theme(files: _Files, templates: Path, primary_colour: str, accent_colour: str) -> None:
    """The council's colours as a stylesheet, and the theme's overrides: the theme's folder (custom_dir) less the
    plugin's page templates (.j2)."""
    from plugins.pages.colours import COLOURS_CSS, BadColour, colours_css

    try:
        colours = colours_css(primary_colour, accent_colour)
    except BadColour as error:
        raise BuildFailed(str(error)) from None
    files.inside(files.docs / COLOURS_CSS).write_text(colours, encoding="utf-8")
    overrides = files.staging / OVERRIDES
    overrides.mkdir()
    for theme_file in templates.rglob("*"):
        if theme_file.is_file() and not theme_file.name.endswith(".j2"):
            files.copy(theme_file, overrides / theme_file.relative_to(templates))


def _exported_config(root: Path, config: Any, library: Library, edition: StandardEdition, specs: list[PageSpec]) -> dict[str, Any]:
    """mkdocs.yml as the export builds with it: the site's own, with the strategy plugin's work written out in full."""
    import yaml

    from plugins.pages.colours import COLOURS_CSS

    # Read as the build read it, with !ENV values filled in, so the copy needs no environment.
    raw: dict[str, Any] = yaml.load((root / CONFIG_FILE).read_text(encoding="utf-8"), Loader=_safe_yaml_loader(config))
    raw["site_name"] = library.site.title
    raw["site_description"] = library.site.description
    raw["docs_dir"] = "docs"
    theme = raw.get("theme")
    raw["theme"] = {**(theme if isinstance(theme, dict) else {"name": theme or "material"}), "custom_dir": OVERRIDES}
    raw["plugins"] = [p for p in _as_list(raw.get("plugins")) if not (isinstance(p, dict) and PLUGIN in p) and p != PLUGIN]
    raw["nav"] = edition.nav(specs)
    raw["extra_css"] = [*raw.get("extra_css", []), COLOURS_CSS]
    raw["not_in_nav"] = "/status/*"
    raw["markdown_extensions"] = _with_glossary(_as_list(raw.get("markdown_extensions")), edition)
    return raw


def _as_list(option: Any) -> list[Any]:
    """Plugins or Markdown extensions as a list: MkDocs also takes them as a mapping of name to options."""
    if isinstance(option, dict):
        return [{name: options} if options else name for name, options in option.items()]
    return list(option or [])


def _with_glossary(extensions: list[Any], edition: StandardEdition) -> list[Any]:
    """The glossary's acronyms, which the plugin gives the abbr extension, go to it in the exported configuration."""
    for i, extension in enumerate(extensions):
        if extension == "abbr" or (isinstance(extension, dict) and "abbr" in extension):
            settings = (extension.get("abbr") if isinstance(extension, dict) else None) or {}
            extensions[i] = {"abbr": {**settings, "glossary": edition.abbreviations(settings.get("glossary"))}}
    return extensions


# The exported mkdocs.yml's first lines, for whoever opens it.
CONFIG_HEADER = (
    "# Exported by `site_build.py export`: the standard edition as plain Markdown. Build it with\n"
    "# `mkdocs build`; it needs mkdocs-material but no custom plugin.\n"
)


def _write_config(staging: Path, exported: dict[str, Any]) -> None:
    import yaml

    text = CONFIG_HEADER + yaml.safe_dump(exported, sort_keys=False, allow_unicode=True)
    (staging / CONFIG_FILE).write_text(text, encoding="utf-8")
