"""The Easy Read edition's page: each point a picture on the left and its words on the right.

What the page shows is worked out here, from content that the loader and the Easy Read checker have
already passed; the template `templates/pages/easy-read.md.j2` lays it out. Hard words are put in
bold where they are first used and explained in the next row, then listed again at the end.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from slugify import slugify

from easyread.text import is_initials
from plugins.content import LoadedStrategy
from plugins.content.dates import on_date
from plugins.content.model import EMAIL_IN_TEXT, PHONE_IN_TEXT, EasyRead, HardWord, tel_address
from plugins.content.pictures import Picture, PictureLibrary
from plugins.safety.sanitise import clean_html

# The pictures the page adds itself: beside each hard word's explanation, and beside the note that
# the time to have your say has ended. Both are in the project's own set.
HARD_WORD_PICTURE = "open-book"
CLOSED_PICTURE = "spiral-calendar"
# Every picture the page adds itself, with what it stands for there: an edition's own points may not
# use one of these for something else (rule 20, one picture, one meaning).
PAGE_PICTURES = {HARD_WORD_PICTURE: "a hard word explained", CLOSED_PICTURE: "the time to have your say has ended"}
_EMAIL = re.compile(EMAIL_IN_TEXT)
_PHONE = re.compile(PHONE_IN_TEXT)


# Named apart from the content model's Row (a table's) and EasyReadSection (what the officer wrote):
# these are what the reader sees, worked out from the edition.
@dataclass
class PageRow:
    """One row of the page and the booklet: a picture on the left, its words as clean HTML on the right."""

    picture: Picture | None
    alt: str
    html: str
    hard_word: bool = False


@dataclass
class PageSection:
    id: str
    heading: str
    rows: list[PageRow] = field(default_factory=list)
    # The standard edition's priority this section explains, for a "read it in full" link.
    priority: str | None = None


@dataclass
class EasyReadPage:
    title: str
    sections: list[PageSection]
    hard_words: list[tuple[HardWord, str]]
    checked: str
    pictures: list[Picture]
    closed_note: str | None = None
    closed_picture: Picture | None = None
    # The booklet's cover: published with the page's pictures, as the booklet prints from the site's files.
    cover_picture: Picture | None = None


def _pattern(word: HardWord) -> re.Pattern[str]:
    forms = sorted({word.word, *word.forms}, key=len, reverse=True)
    flags = 0 if all(is_initials(f) for f in forms) else re.IGNORECASE
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(html.escape(f, quote=False)) for f in forms) + r")(?![\w-])", flags)


def _bold(match: re.Match[str]) -> str:
    return f"<strong>{match.group(1)}</strong>"


def _linked(escaped: str) -> str:
    """Email addresses and phone numbers as links, so a reader on a phone can tap them."""
    escaped = _EMAIL.sub(lambda m: f'<a href="mailto:{m.group(0)}">{m.group(0)}</a>', escaped)
    return _PHONE.sub(lambda m: f'<a href="{tel_address(m.group(0))}">{m.group(0)}</a>', escaped)


def checked_sentence(edition: EasyRead) -> str:
    """What the page and the booklet say about readers checking the edition: only what checked_by records,
    and that a point changed since has not been checked again."""
    check = edition.checked_by
    if check is None:
        return "People with a learning disability have not checked this booklet yet."
    checked = f"{check.by} checked this booklet {on_date(check.date)}."
    changed = len(edition.changed_since_checked())
    if not changed:
        return checked
    points, changes = ("point", "the change") if changed == 1 else ("points", "the changes")
    return f"{checked} We changed {changed} {points} after that. They have not checked {changes} yet."


def easy_read_page(loaded: LoadedStrategy, pictures: PictureLibrary, *, consultation_closed: bool) -> EasyReadPage:
    edition = loaded.model.easy_read
    assert edition is not None
    patterns = [(w, _pattern(w)) for w in edition.hard_words]
    # Each hard word's explanation, with the word in bold: shown after its first use and in the list.
    # Each row's HTML goes through the one sanitising path where it is made, since the booklet prints
    # it as it is (the page's body is cleaned again as a whole).
    meanings = {w.word: clean_html(pattern.sub(_bold, html.escape(w.means, quote=False), count=1)) for w, pattern in patterns}
    explained: set[str] = set()
    used: dict[str, Picture] = {}

    def picture(name: str | None) -> Picture | None:
        found = pictures.find(name) if name else []
        if found:
            used[found[0].id] = found[0]
            return found[0]
        return None

    cover = picture(HARD_WORD_PICTURE)
    sections = []
    for section in edition.sections:
        out = PageSection(slugify(section.heading), section.heading, priority=section.priority)
        for point in section.points:
            text = html.escape(point.text, quote=False)
            first_uses = []
            for word, pattern in patterns:
                if word.word in explained or not pattern.search(text):
                    continue
                text = pattern.sub(_bold, text, count=1)
                explained.add(word.word)
                first_uses.append(word)
            out.rows.append(PageRow(picture(point.picture), point.alt or "", clean_html(_linked(text))))
            for word in first_uses:
                out.rows.append(PageRow(picture(HARD_WORD_PICTURE), "Hard word", meanings[word.word], hard_word=True))
        sections.append(out)

    checked = checked_sentence(edition)
    consultation = loaded.model.consultation
    closed_note, closed_picture = None, None
    if consultation and consultation_closed:
        closed_note = f"The time to have your say ended {on_date(consultation.closes)}."
        closed_picture = picture(CLOSED_PICTURE)
    hard_words = [(w, meanings[w.word]) for w in edition.hard_words]
    pictures_used = sorted(used.values(), key=lambda p: p.id)
    return EasyReadPage(edition.title, sections, hard_words, checked, pictures_used, closed_note, closed_picture, cover)
