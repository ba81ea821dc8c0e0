"""Building, serving and exporting the site: what `site_build.py build`, `serve` and `export` do.

A build never writes into the published folder directly. It builds into a
temporary folder beside it and swaps that in only when the whole build has
passed, so a failed or interrupted build leaves the published site as it was.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2

# mkdocs-material prints an end-of-life banner on every build; the plan for it is in the README.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from plugins.buildday import build_day, pinned  # noqa: E402  (after the banner is silenced)

CONFIG_FILE = "mkdocs.yml"


class BuildFailed(Exception):
    """The build stopped; the message says why, in words for the person who ran it."""


class _Interrupted(BaseException):
    pass


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C, so that an interrupted build still cleans up after itself."""

    def handler(signum: int, frame: Any) -> None:
        raise _Interrupted()

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _ToStderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to sys.stderr as it is when a message comes, not as it was when the handler was made,
    so messages reach whoever runs the command now (a test that captures them, say)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def _quiet_mkdocs_logging() -> None:
    """Show MkDocs' warnings and errors, not its chatter, in the same plain form as our messages."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_strategy_site", False) for h in logger.handlers):
        handler = _ToStderr()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler._strategy_site = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def _load_config(root: Path, **overrides: Any) -> Any:
    from mkdocs.config import load_config

    return load_config(config_file=str(root / CONFIG_FILE), **overrides)


def build_site(root: Path, site_dir: Path, *, as_of: str | None = None, strict: bool = True, pdfs: bool = True) -> int:
    """Build the whole site into site_dir, atomically. Returns the number of pages written."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    _quiet_mkdocs_logging()
    day = build_day(root, as_of)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    published = False
    try:
        with _stop_on_sigterm(), pinned(day):
            try:
                config = _load_config(root, site_dir=str(staging), strict=strict)
                # A published site carries its printable booklets; a preview does not wait for them.
                config.plugins["strategy/pages"].config.pdf = pdfs
                build(config)
            except MkDocsException as error:
                raise BuildFailed(str(error).strip()) from None
            except jinja2.TemplateError as error:
                # A council's theme template with a mistake, or reaching past Jinja's sandbox.
                raise BuildFailed(f"A template could not be used: {_where(error)}{error}") from None
            except OSError as error:  # a full disk, a folder that cannot be written: MkDocs has said where
                raise BuildFailed(f"The build stopped: {error.strerror or error}.") from None
            pages = sum(1 for _ in staging.rglob("index.html")) + sum(1 for _ in staging.glob("404.html"))
            _swap_in(staging, site_dir)
            published = True
            return pages
    except (KeyboardInterrupt, _Interrupted):
        raise BuildFailed("The build was interrupted.") from None
    finally:
        if not published:
            shutil.rmtree(staging, ignore_errors=True)


def _where(error: Exception) -> str:
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    return f"{filename}, line {line}: " if filename and line else ""


def _swap_in(staging: Path, site_dir: Path) -> None:
    """Replace site_dir with staging in two renames, so the site is never half-written."""
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}-old-{os.getpid()}-{int(time.time())}")
        site_dir.rename(old)
    staging.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def serve_site(root: Path, dev_addr: str, *, as_of: str | None = None) -> None:
    """Serve the site with live reload: a change to content, templates or assets rebuilds and reloads the page."""
    from mkdocs.commands.serve import serve

    _quiet_mkdocs_logging()
    logging.getLogger("mkdocs").handlers[-1].setLevel(logging.INFO)
    # A preview follows today unless told otherwise, so an officer sees this year's actions and
    # which consultations are open; a published build follows its commit (see build_day).
    day = build_day(root, as_of) if as_of else dt.date.today()
    # Calling MkDocs directly sets livereload explicitly: through its command line, click 8.2.2 and
    # later leave the flag off by default, and pages stop reloading (mkdocs/mkdocs#4032).
    with pinned(day):
        serve(config_file=str(root / CONFIG_FILE), dev_addr=dev_addr, livereload=True, open_in_browser=False)


def export_markdown(root: Path, out: Path, *, as_of: str | None = None) -> int:
    """Write every generated page as Markdown, with a mkdocs.yml that needs no custom plugin.

    This is the way off MkDocs and the strategy plugin: the output builds with plain
    MkDocs and mkdocs-material, and its Markdown is what another engine would read.
    """
    import yaml

    from plugins.content import load_library
    from plugins.content.pictures import licence_bytes, published_bytes
    from plugins.pages import StandardEdition
    from plugins.strategy.plugin import COLOURS_CSS, StrategyPlugin

    config = _load_config(root)
    plugin = config.plugins.get("strategy/pages")
    assert isinstance(plugin, StrategyPlugin)
    library = load_library(root, content_dir=plugin.config.content_dir)
    edition = StandardEdition(library, config.theme.get_env(), build_day(root, as_of or plugin.config.as_of))
    specs = edition.build()
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    shutil.copytree(config.docs_dir, docs)  # the site's own assets, such as its stylesheet
    for spec in specs:
        path = docs / spec.uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(spec.markdown, encoding="utf-8")
    # The Easy Read pictures in use, with each set's licence, where the pages look for them.
    for picture in edition.pictures_used.values():
        licence = licence_bytes(picture.set)
        for data, published in ((published_bytes(picture), picture.site_path), (licence, picture.set.site_licence)):
            if data is not None:
                (docs / published).parent.mkdir(parents=True, exist_ok=True)
                (docs / published).write_bytes(data)
    (docs / COLOURS_CSS).parent.mkdir(parents=True, exist_ok=True)
    (docs / COLOURS_CSS).write_text(plugin.colours_css(), encoding="utf-8")
    overrides = out / "overrides"
    for theme_file in (root / "templates").rglob("*"):
        if theme_file.is_file() and not theme_file.name.endswith(".j2"):
            target = overrides / theme_file.relative_to(root / "templates")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(theme_file, target)
    raw = yaml.safe_load((root / CONFIG_FILE).read_text(encoding="utf-8"))
    raw["site_name"] = library.site.title
    raw["site_description"] = library.site.description
    raw["docs_dir"] = "docs"
    raw["theme"]["custom_dir"] = "overrides"
    overrides.mkdir(exist_ok=True)
    raw["plugins"] = [p for p in raw.get("plugins", []) if not (isinstance(p, dict) and "strategy/pages" in p) and p != "strategy/pages"]
    raw["nav"] = edition.nav(specs)
    raw["extra_css"] = [*raw.get("extra_css", []), COLOURS_CSS]
    raw["not_in_nav"] = "/status/*"
    # The glossary's acronyms, which the plugin gives the abbr extension, go to it in the exported
    # configuration.
    extensions = raw.get("markdown_extensions", [])
    for i, extension in enumerate(extensions):
        if extension == "abbr" or (isinstance(extension, dict) and "abbr" in extension):
            settings = (extension.get("abbr") if isinstance(extension, dict) else None) or {}
            extensions[i] = {"abbr": {**settings, "glossary": edition.abbreviations(settings.get("glossary"))}}
    (out / CONFIG_FILE).write_text(
        "# Exported by `site_build.py export`: the standard edition as plain Markdown. Build it with\n"
        "# `mkdocs build`; it needs mkdocs-material but no custom plugin.\n" + yaml.safe_dump(raw, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return len(specs)
