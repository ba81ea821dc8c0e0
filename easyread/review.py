"""The review page of an Easy Read edition: each point beside what it explains, and the coverage list.

The communications team reads it to check an edition against the plan: section by section, each
point's picture, its alt text and its words, with the standard text it came from (the point's
`from:`, resolved in plugins/content/standard_text.py). The same table is the picture sheet: every
picture beside its sentence and alt text. Below it, the coverage list (coverage.py): what the
standard edition holds and the edition never mentions. The template is
`templates/pages/easy-read-review.md.j2`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plugins.content.pictures import Picture, PictureLibrary
from plugins.content.standard_text import StandardContent, StandardText

from .coverage import Coverage, coverage

if TYPE_CHECKING:
    from plugins.content.library import LoadedStrategy
    from plugins.content.model import Term


@dataclass(frozen=True)
class ReviewRow:
    """One point: its picture (by the name the point gives, and the file published), alt text and words,
    and the standard text it came from, if the point says."""

    picture_name: str | None
    picture: Picture | None
    alt: str | None
    text: str
    source: StandardText | None


@dataclass
class ReviewSection:
    heading: str
    part: str
    # The standard text of the priority a priority section explains.
    priority: StandardText | None
    rows: list[ReviewRow] = field(default_factory=list)


@dataclass
class ReviewPage:
    title: str
    sections: list[ReviewSection]
    coverage: Coverage
    pictures: list[Picture]


def review_page(loaded: LoadedStrategy, pictures: PictureLibrary, glossary: Iterable[Term]) -> ReviewPage:
    edition = loaded.model.easy_read
    assert edition is not None
    standard = StandardContent(loaded.model)
    used: dict[str, Picture] = {}
    sections = []
    for section in edition.sections:
        priority = standard.find(f"priorities/{section.priority}") if section.priority else None
        out = ReviewSection(section.heading, section.part, priority)
        for point in section.points:
            found = pictures.find(point.picture) if point.picture else []
            picture = found[0] if found else None
            if picture is not None:
                used[picture.id] = picture
            source = standard.find(point.from_) if point.from_ else None
            out.rows.append(ReviewRow(point.picture, picture, point.alt, point.text, source))
        sections.append(out)
    return ReviewPage(edition.title, sections, coverage(loaded, glossary), sorted(used.values(), key=lambda p: p.id))
