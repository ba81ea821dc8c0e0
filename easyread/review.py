"""The review page of an Easy Read edition: the whole booklet, each point beside what it explains, its
hard words, and the coverage list.

The communications team reads it to check an edition against the plan: section by section, each
point's picture, its alt text and its words, with the standard text it came from (the point's
`from:`, resolved in plugins/content/standard_text.py). The rows the page writes itself (stage.py: where
the plan is up to, when to have your say) are shown in their places as of the day the site is built,
marked as the site's, so the team sees the whole booklet. The same table is the picture sheet: every
picture beside its sentence and alt text. Each passage of the plan is quoted once, beside the first point
that comes from it; a later point from the same passage names that point and links to the quote (Quoted):
an edition often takes several points from one long passage, and quoting it for each of them was half
the page's weight. Then the hard words, each with its meaning as written; where
`checked_by` records the words readers tested, every part of the edition says what they found for
those very words. Below it, the coverage list (coverage.py): what the standard edition holds and the
edition never mentions. The template is `templates/pages/easy-read-review.md.j2`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plugins.content.pictures import Picture, PictureLibrary
from plugins.content.problems import format_path
from plugins.content.standard_text import StandardContent, StandardText

from .coverage import Coverage, coverage
from .page import SAID_ALT, PicturesShown
from .stage import Said, section_starts

if TYPE_CHECKING:
    from plugins.content.library import LoadedStrategy
    from plugins.content.model import EasyRead, Term


@dataclass(frozen=True)
class Quoted:
    """Where the page quotes a passage of the plan: the id of the cell that holds the quote, and the point
    beside it, as a later point from the same passage names it ("point 3 of “About this booklet”")."""

    id: str
    heading: str
    # The point's place in its section's table, counting every row, as the team counts them down the table.
    point: int


def passage_id(source: StandardText) -> str:
    """The id of the cell quoting a part of the plan, read as the point's `from:` is written (from/scope,
    from/priorities/belonging/actions/2): unique on the page, as each part is quoted once, and never a
    heading's, whose ids hold no "/"; and the same while the edition changes around it."""
    return f"from/{source.path}"


@dataclass(frozen=True)
class ReviewRow:
    """One row of the booklet: its picture (by the name the point gives, and the file published), alt text
    and words, the standard text it came from, if the point says, and what readers found for its words.
    A row the site writes itself names the field of the plan it comes from instead."""

    picture_name: str | None
    picture: Picture | None
    alt: str | None
    text: str
    source: StandardText | None
    # What readers found for these very words ("understood", "asked to change: ...", "not checked as it
    # is now"); None where checked_by records no words, or for a row the site writes.
    readers: str | None = None
    # The field of the plan a row the site writes comes from, such as consultation.closes; None for a point.
    by_site: str | None = None
    # Where an earlier point quotes the same passage: this row names it and links to it instead of quoting
    # the passage again. None where this row's quote is the first, or it has none.
    same_as: Quoted | None = None

    @property
    def quote_id(self) -> str | None:
        """The id of this row's quote, where the row quotes its passage (the first point from it)."""
        return passage_id(self.source) if self.source and self.source.text and self.same_as is None else None


@dataclass(frozen=True)
class ReviewHardWord:
    word: str
    forms: list[str]
    means: str
    readers: str | None = None


@dataclass
class ReviewSection:
    heading: str
    part: str
    # The standard text of the priority a priority section explains.
    priority: StandardText | None
    rows: list[ReviewRow] = field(default_factory=list)
    # What readers found for the heading's words, as for a row.
    readers: str | None = None
    # True for the section the page adds itself (have your say, where the edition has none).
    by_site: bool = False


@dataclass
class ReviewPage:
    title: str
    sections: list[ReviewSection]
    hard_words: list[ReviewHardWord]
    pictures: list[Picture]
    # The day the rows the site writes are written for: the day the site is built.
    as_of: dt.date
    # What the coverage list is worked out from (see coverage).
    loaded: LoadedStrategy
    glossary: list[Term]
    # Whether checked_by records the words readers tested, so that every part says what they found.
    tested: bool = False

    @functools.cached_property
    def coverage(self) -> Coverage:
        """What the standard edition says that this edition does not. Worked out only when the page is
        made, most of the time it takes: a build that reuses the page's Markdown never needs it."""
        return coverage(self.loaded, self.glossary)


NOT_CHECKED = "not checked as it is now"


def readers_found(edition: EasyRead, text: str) -> str | None:
    """What readers found for these very words, for the team: each result the record gives them, or that
    readers have not checked them as they are now. None where checked_by records no words."""
    results = edition.reader_results(text)
    if results is None:
        return None
    if not results:
        return NOT_CHECKED
    found = []
    for tested in results:
        said = "understood" if tested.result == "understood" else "asked to change"
        found.append(f"{said}: {tested.note}" if tested.note else said)
    return "; ".join(dict.fromkeys(found))


def review_page(loaded: LoadedStrategy, pictures: PictureLibrary, glossary: Iterable[Term], *, as_of: dt.date) -> ReviewPage:
    """The review page as of the day the site is built: the rows the site writes are those of that day."""
    strategy = loaded.model
    edition = strategy.easy_read
    assert edition is not None
    standard = StandardContent(strategy)
    picture = PicturesShown(pictures)

    sections = []
    # Each passage quoted so far, by its part's path: a passage may be named by more than one path
    # (sections/2 and sections/background), and find gives the same part, with one path, for each.
    quoted: dict[str, Quoted] = {}
    for start in section_starts(strategy, as_of):
        section = edition.sections[start.index] if start.index is not None else None
        priority = standard.find(f"priorities/{section.priority}") if section and section.priority else None
        out = ReviewSection(
            start.heading,
            start.part,
            priority,
            readers=readers_found(edition, section.heading) if section else None,
            by_site=section is None,
        )

        def by_site(said: Said, out: ReviewSection = out) -> None:
            alt = SAID_ALT[said.picture]
            out.rows.append(ReviewRow(said.picture, picture(said.picture), alt, said.text, None, by_site=format_path(said.path)))

        # In the page's order: what the site writes first, the team's points, then what happens next.
        for said in start.said:
            by_site(said)
        for point in section.points if section else []:
            source = standard.find(point.from_) if point.from_ else None
            readers = readers_found(edition, point.text)
            same_as = None
            # A part that is only its heading (an outcome) has no passage to quote: its label says it all.
            if source is not None and source.text:
                same_as = quoted.get(source.path)
                if same_as is None:
                    quoted[source.path] = Quoted(passage_id(source), start.heading, len(out.rows) + 1)
            out.rows.append(ReviewRow(point.picture, picture(point.picture), point.alt, point.text, source, readers, same_as=same_as))
        for said in start.after:
            by_site(said)
        sections.append(out)
    hard_words = [ReviewHardWord(w.word, list(w.forms), w.means, readers_found(edition, w.means)) for w in edition.hard_words]
    return ReviewPage(
        edition.title,
        sections,
        hard_words,
        picture.in_order(),
        as_of,
        loaded,
        list(glossary),
        tested=edition.checked_by is not None and bool(edition.checked_by.points),
    )
