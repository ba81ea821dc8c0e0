"""A new strategy: its folder under an organisation, and a strategy.yml with every section present and explained.

What `site_build.py new` writes. The template beside this file, strategy.yml.j2, holds an example
and a comment for each section, every example value marked !example so that `check` lists each one
left and nothing is published until all are replaced; the names given for the folders are refused
unless each can only be a folder inside the content folder.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from plugins.content.library import ORGANISATION_NAMES
from plugins.content.loader import load_library
from plugins.content.messages import shown as quoted
from plugins.content.model import SLUG_PATTERN
from plugins.content.problems import ContentError, Problem
from plugins.content.yamlsource import ExamplesLeft, invisible, parse_text

TEMPLATE = "strategy.yml.j2"
# A folder name is part of a web address: long enough for any strategy's name, short of what a file system allows.
MAX_NAME = 100


class Refused(Exception):
    """The strategy was not started, and nothing was written: the message says why, in the officer's words."""


@dataclass(frozen=True)
class NewStrategy:
    """The strategy.yml written, as officers see it, and any mistake the check found in it (there should be none)."""

    file: str
    problems: list[Problem]


def new_strategy(root: Path, content_dir: str, organisation: str, title: str, slug: str | None = None) -> NewStrategy:
    """Start a strategy in content_dir/organisation/slug/ (slug made from the title if not given), or Refused.

    The content is then checked, so that a mistake in the scaffold itself is found at once;
    mistakes elsewhere in the content are the officer's to fix, and not reported here, and so are
    the scaffold's own examples, which are there to be replaced.
    """
    folder = strategy_folder(root, content_dir, organisation, title, slug)
    text = scaffold(title, dt.date.today())
    folder.mkdir()
    (folder / "strategy.yml").write_text(text, encoding="utf-8")
    file = (folder / "strategy.yml").relative_to(root).as_posix()
    examples = set(_examples(text, file))
    try:
        load_library(root, content_dir=content_dir)
    except ContentError as error:
        return NewStrategy(file, [p for p in error.problems if p.file == file and p not in examples])
    return NewStrategy(file, [])


def strategy_folder(root: Path, content_dir: str, organisation: str, title: str, slug: str | None = None) -> Path:
    """The folder a new strategy goes in, content_dir/organisation/slug/, once it is safe to make, or Refused.

    The slug is made from the title if not given. The organisation's folder must exist, and the
    strategy's must not: a strategy is never written over, by `new` or by `import`.
    """
    # The content folder as officers see it: content/ unless mkdocs.yml's content_dir says otherwise.
    where = (root / content_dir).relative_to(root).as_posix()
    slug = _checked_names(where, organisation, title, slug)
    content = root / content_dir
    # The content folder itself must be the project's: a link could lead the new folder anywhere.
    if content.is_symlink() or not content.resolve().is_relative_to(root.resolve()):
        raise Refused(f"{where}/ is a link to a folder outside the project, so nothing was written there.")
    org_folder = content / organisation
    if org_folder.is_symlink() or not org_folder.is_dir():
        raise Refused(
            f"{where}/{organisation}/ does not exist. Add the organisation to {where}/organisations.yml and create its folder first."
        )
    folder = org_folder / slug
    if not folder.resolve().is_relative_to(content.resolve()):
        raise Refused(f"{where}/{organisation}/{slug}/ is not inside {where}/: nothing was written.")
    if folder.is_symlink() or folder.exists():
        raise Refused(f"{where}/{organisation}/{slug}/ already exists: choose another name.")
    return folder


def _examples(text: str, file: str) -> list[Problem]:
    """What check says about the examples in the scaffold as written: one problem at each !example."""
    try:
        parse_text(text, file)
    except ExamplesLeft as left:
        return left.problems
    except ContentError:  # a scaffold that cannot be read: the check reports it, with everything in it
        return []
    return []


def _checked_names(where: str, organisation: str, title: str, slug: str | None) -> str:
    """The new strategy's folder name, once the title and both names are known to be safe to use, or Refused."""
    from slugify import slugify

    if "\n" in title or invisible(title):
        raise Refused("The title must be one line of text, without control or invisible characters.")
    # Both names become folders under the content folder: only a name that is a web address's slug cannot climb
    # out of it (no '/', no '..', not absolute).
    if not re.fullmatch(SLUG_PATTERN, organisation) or len(organisation) > MAX_NAME:
        raise Refused(
            f"'{quoted(organisation)}' is not an organisation's folder name. Give the id of an organisation in "
            f"{where}/organisations.yml, such as leicestershire."
        )
    slug = slug or slugify(title)
    if not re.fullmatch(SLUG_PATTERN, slug) or slug in ORGANISATION_NAMES or len(slug) > MAX_NAME:
        raise Refused(
            f"'{quoted(slug)}' cannot be used as a folder name: use up to {MAX_NAME} lower-case letters, digits and hyphens, "
            f"other than {' or '.join(sorted(ORGANISATION_NAMES))}, for example send-and-inclusion-2027-30."
        )
    return slug


def scaffold(title: str, today: dt.date) -> str:
    """The text of a new strategy.yml with this title, its years and dates starting today."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template(TEMPLATE).render(title=title, year=today.year, today=today.isoformat())
