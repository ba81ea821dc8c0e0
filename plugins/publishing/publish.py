"""Building and serving the site: what `site_build.py build` and `serve` do.

The settings come from mkdocs.yml through the one reader (see config.py), the folder is
replaced whole and in one step (see folders.py), and the content read to check it before
MkDocs starts is handed to the plugin rather than read again.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plugins.publishing.buildday import pinned
from plugins.publishing.config import day_for, read_config, strategy_plugin
from plugins.publishing.failures import BuildFailed
from plugins.publishing.folders import _publishing, output_folder
from plugins.safety.sandbox import template_problem

if TYPE_CHECKING:
    from plugins.content.loader import LibraryCache
    from plugins.publishing.printing import Tally


@dataclass
class Built:
    """What a build published: its pages, and how its booklets were made (None when it made none)."""

    pages: int
    booklets: Tally | None


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


def build_site(
    root: Path,
    site_dir: Path,
    *,
    as_of: str | None = None,
    strict: bool = True,
    pdfs: bool = True,
    shown: str = "",
    contents: LibraryCache | None = None,
) -> Built:
    """Build the whole site into site_dir, atomically. Returns the number of pages written, and of booklets printed and reused.

    With contents, the plugin loads the content through that cache: the caller that has just
    checked the content hands over what it read, rather than the build reading it all again.
    """
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    _quiet_mkdocs_logging()
    shown = shown or str(site_dir)
    settings = strategy_plugin(read_config(root, strict=strict, warn=False)).config  # its warnings come with the build
    target = output_folder(root, site_dir, option="--site-dir", shown=shown, suggestion="site", content_dir=settings.content_dir)
    day = day_for(root, as_of or settings.as_of)
    with pinned(day), _publishing(target, shown=shown, made_by="build") as staging:
        try:
            config = read_config(root, strict=strict, site_dir=str(staging))
            plugin = strategy_plugin(config)
            # A published site carries its printable booklets; a preview does not wait for them.
            plugin.config.pdf = pdfs
            if contents is not None:
                plugin.use_contents(contents, root)
            # As MkDocs' own `build` command starts and ends its plugins: this plugin, which MkDocs keeps from
            # one build to the next in a process, then knows this is a build, whatever ran before it.
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                plugin.stop_everything()
                config.plugins.on_shutdown()
        except MkDocsException as error:
            raise BuildFailed(str(error).strip()) from None
        except Exception as error:
            # A council's theme template with a mistake, reaching past Jinja's sandbox, or failing as it renders.
            problem = template_problem(error, root)
            if problem is None:
                raise
            raise BuildFailed(f"A template could not be used: {problem}") from None
        pages = sum(1 for _ in staging.rglob("index.html")) + sum(1 for _ in staging.glob("404.html"))
        return Built(pages, plugin.printed)
    raise AssertionError("unreachable")  # pragma: no cover


def serve_site(root: Path, dev_addr: str, *, as_of: str | None = None) -> None:
    """Serve the site with live reload: a change to content, templates or assets rebuilds and reloads the
    page, and while a mistake stops the build every page shows the problems (see preview.py)."""
    from plugins.publishing.preview import serve

    _quiet_mkdocs_logging()
    logging.getLogger("mkdocs").handlers[-1].setLevel(logging.INFO)
    # Refused here with its line, rather than by the server on its first page.
    settings = strategy_plugin(read_config(root)).config
    # A preview follows today unless told otherwise (--as-of, or as_of in mkdocs.yml), so an officer
    # sees this year's actions and which consultations are open; a published build follows its
    # commit (see build_day).
    as_of = as_of or settings.as_of
    day = day_for(root, as_of) if as_of else dt.date.today()
    with pinned(day):
        serve(root, dev_addr)
