"""Exporting the pages as plain Markdown: what `site_build.py export` does."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from plugins.publishing.config import CONFIG_FILE, PLUGIN, _safe_yaml_loader, day_for, read_config, strategy_plugin
from plugins.publishing.failures import BuildFailed
from plugins.publishing.folders import _publishing, output_folder

if TYPE_CHECKING:
    from easyread.rules import Style


def export_markdown(root: Path, out: Path, *, as_of: str | None = None, shown: str = "", easy_read_style: Style | None = None) -> int:
    """Write every generated page as Markdown, with a mkdocs.yml that needs no custom plugin.

    This is the way off MkDocs and the strategy plugin: the output builds with plain
    MkDocs and mkdocs-material, and its Markdown is what another engine would read.
    Like a build, it replaces its folder whole and only a folder it may replace (see output_folder).
    easy_read_style is how mkdocs.yml sets the Easy Read pages, as the build sets them.
    """
    import yaml

    from plugins.content import load_library
    from plugins.content.pictures import licence_bytes, published_bytes
    from plugins.pages import StandardEdition
    from plugins.pages.colours import COLOURS_CSS, BadColour, colours_css

    shown = shown or str(out)
    config = read_config(root)
    # The strategy plugin's settings, as MkDocs read and checked them.
    settings = strategy_plugin(config, "export").config
    target = output_folder(root, out, option="--out", shown=shown, suggestion="export", content_dir=settings.content_dir)
    day = day_for(root, as_of or settings.as_of)
    library = load_library(root, content_dir=settings.content_dir)
    edition = StandardEdition(library, config.theme.get_env(), day, easy_read_style=easy_read_style)
    specs = edition.build()
    with _publishing(target, shown=shown, made_by="export") as staging:

        def inside(path: Path) -> Path:
            # Every file goes inside the folder being written, whatever a page's address or a picture's name says.
            if not path.resolve().is_relative_to(staging.resolve()):
                raise BuildFailed(f"{path.relative_to(staging)} would be written outside {shown}/; nothing was exported.")
            path.parent.mkdir(parents=True, exist_ok=True)
            return path

        def copy(source: str | Path, target: str | Path) -> None:
            if not Path(source).resolve().is_relative_to(root):
                raise BuildFailed(f"{source} leads outside the project, so it was not exported; nothing was exported.")
            shutil.copyfile(source, inside(Path(target)))

        docs = staging / "docs"
        shutil.copytree(config.docs_dir, docs, copy_function=copy)  # the site's own assets, such as its stylesheet
        for spec in specs:
            inside(docs / spec.uri).write_text(spec.markdown, encoding="utf-8")
        # The Easy Read pictures in use, with each set's licence, where the pages look for them.
        # Their bytes as the site publishes them: each SVG filtered by svg-hush, checked again as it is read.
        for picture in edition.pictures_used.values():
            licence = licence_bytes(picture.set)
            for data, published in ((published_bytes(picture), picture.site_path), (licence, picture.set.site_licence)):
                if data is not None:
                    inside(docs / published).write_bytes(data)
        try:
            colours = colours_css(settings.primary_colour, settings.accent_colour)
        except BadColour as error:
            raise BuildFailed(str(error)) from None
        inside(docs / COLOURS_CSS).write_text(colours, encoding="utf-8")
        overrides = staging / "overrides"
        overrides.mkdir()
        for theme_file in (root / "templates").rglob("*"):
            if theme_file.is_file() and not theme_file.name.endswith(".j2"):
                copy(theme_file, overrides / theme_file.relative_to(root / "templates"))
        # Read as the build read it, with !ENV values filled in, so the copy needs no environment.
        raw = yaml.load((root / CONFIG_FILE).read_text(encoding="utf-8"), Loader=_safe_yaml_loader(config))
        raw["site_name"] = library.site.title
        raw["site_description"] = library.site.description
        raw["docs_dir"] = "docs"
        theme = raw.get("theme")
        raw["theme"] = {**(theme if isinstance(theme, dict) else {"name": theme or "material"}), "custom_dir": "overrides"}
        plugins = raw.get("plugins") or []
        if isinstance(plugins, dict):  # MkDocs also takes plugins as a mapping of name to options
            plugins = [{name: options} if options else name for name, options in plugins.items()]
        raw["plugins"] = [p for p in plugins if not (isinstance(p, dict) and PLUGIN in p) and p != PLUGIN]
        raw["nav"] = edition.nav(specs)
        raw["extra_css"] = [*raw.get("extra_css", []), COLOURS_CSS]
        raw["not_in_nav"] = "/status/*"
        # The glossary's acronyms, which the plugin gives the abbr extension, go to it in the exported
        # configuration.
        extensions = raw.get("markdown_extensions") or []
        if isinstance(extensions, dict):
            extensions = [{name: options} if options else name for name, options in extensions.items()]
        for i, extension in enumerate(extensions):
            if extension == "abbr" or (isinstance(extension, dict) and "abbr" in extension):
                settings = (extension.get("abbr") if isinstance(extension, dict) else None) or {}
                extensions[i] = {"abbr": {**settings, "glossary": edition.abbreviations(settings.get("glossary"))}}
        raw["markdown_extensions"] = extensions
        (staging / CONFIG_FILE).write_text(
            "# Exported by `site_build.py export`: the standard edition as plain Markdown. Build it with\n"
            "# `mkdocs build`; it needs mkdocs-material but no custom plugin.\n" + yaml.safe_dump(raw, sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )
    return len(specs)
