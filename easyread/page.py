"""The Easy Read edition's page: each point a picture on the left and its words on the right.

What the page shows is worked out here, from content that the loader and the Easy Read checker have
already passed; the template `templates/pages/easy-read.md.j2` lays it out. Hard words are put in
bold where they are first used and explained in the next row, then listed again at the end.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape
from slugify import slugify

from easyread.stage import CLOSED_PICTURE, SAY_PICTURE, STAGE_PICTURE, Said, consultation_time, section_starts
from easyread.text import is_initials
from plugins.content import LoadedStrategy
from plugins.content.dates import on_date
from plugins.content.model import EMAIL_IN_TEXT, PHONE_IN_TEXT, EasyRead, HardWord, tel_address
from plugins.content.pictures import Picture, PictureLibrary
from plugins.safety.sanitise import clean_html

# The pictures the page adds itself: beside each hard word's explanation, and beside the rows it writes
# from the strategy's data (easyread/stage.py). All are in the project's own set.
HARD_WORD_PICTURE = "open-book"
# Every picture the page adds itself, with what it stands for there: an edition's own points may not
# use one of these for something else (rule 20, one picture, one meaning).
PAGE_PICTURES = {
    HARD_WORD_PICTURE: "a hard word explained",
    STAGE_PICTURE: "where the plan is up to: a draft, agreed, ended, and what the council decides",
    SAY_PICTURE: "when and how you can have your say: tell the council what you think",
    CLOSED_PICTURE: "the time to have your say has ended",
}
# What each picture beside a row the page writes shows, for people who cannot see it.
SAID_ALT = {STAGE_PICTURE: "A page of writing and a pencil.", SAY_PICTURE: "A face thinking.", CLOSED_PICTURE: "A calendar."}
_EMAIL = re.compile(EMAIL_IN_TEXT)
_PHONE = re.compile(PHONE_IN_TEXT)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# What a reader reads as one thing, and loses when it is split across two lines ("10 February" at the
# end of one line, "2025" at the start of the next): a date (Monday 10 February 2025, 10 February, June
# 2026), a time (10am, 2:30pm, 14:00) or a phone number (0116 305 7429). An email address is matched
# only to be left as it is: the digits in one are not a phone number.
_READ_AS_ONE = re.compile(
    rf"(?P<email>{EMAIL_IN_TEXT})"
    rf"|\b(?:(?:(?:{_DAYS}) )?\d{{1,2}} (?:{_MONTHS})(?: \d{{4}})?|(?:{_MONTHS}) \d{{4}}"
    rf"|\d{{1,2}}(?:[:.]\d{{2}})? ?(?:am|pm)|\d{{1,2}}:\d{{2}}|{PHONE_IN_TEXT})\b"
)
_TAG = re.compile(r"(<[^>]*>)")
# The class the page's and the booklet's stylesheets keep on one line (white-space: nowrap).
UNBROKEN = "er-nowrap"


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
    part: str
    rows: list[PageRow] = field(default_factory=list)
    # The standard edition's priority this section explains, for a "read it in full" link.
    priority: str | None = None

    @property
    def groups(self) -> list[list[PageRow]]:
        """The rows, each point with the explanations of the hard words first used in it, which follow
        it: what the booklet keeps on one page (rule 8, explained on the same page)."""
        groups: list[list[PageRow]] = []
        for row in self.rows:
            if row.hard_word and groups:
                groups[-1].append(row)
            else:
                groups.append([row])
        return groups


@dataclass
class EasyReadPage:
    title: str
    sections: list[PageSection]
    hard_words: list[tuple[HardWord, str]]
    checked: str
    pictures: list[Picture]
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
    and how many parts of it (points, headings, hard words' meanings) readers have not read as they are
    now, whether changed since or left out of a sample: true in both cases."""
    check = edition.checked_by
    if check is None:
        return "People with a learning disability have not checked this booklet yet."
    checked = f"{check.by} checked this booklet {on_date(check.date)}."
    count = len(edition.not_checked_as_now())
    if not count:
        return checked
    parts = "1 part of it as it is now" if count == 1 else f"{count} parts of it as they are now"
    return f"{checked} They have not checked {parts}."


def _unbroken(match: re.Match[str]) -> str:
    return match.group(0) if match.group("email") else f'<span class="{UNBROKEN}">{match.group(0)}</span>'


def kept_whole(html_text: str) -> str:
    """HTML with each date, time and phone number in its text (never in a tag) in a span kept on one line."""
    parts = _TAG.split(html_text)
    parts[::2] = [_READ_AS_ONE.sub(_unbroken, part) for part in parts[::2]]
    return "".join(parts)


def kept_whole_text(value: object) -> Markup:
    """A template's filter for a sentence the page or the booklet writes itself (who checked it, the
    date it was written, that the time to have your say has ended): escaped, unless it is already HTML
    the build made, with its dates, times and phone numbers kept whole, through the one sanitising path."""
    return Markup(clean_html(kept_whole(str(escape(value)))))


class PicturesShown:
    """The pictures a page shows, each found by its name as content gives it, and each kept once: those,
    and only those, are published beside the page."""

    def __init__(self, pictures: PictureLibrary) -> None:
        self.pictures = pictures
        self.shown: dict[str, Picture] = {}

    def __call__(self, name: str | None) -> Picture | None:
        found = self.pictures.find(name) if name else []
        if not found:
            return None
        self.shown[found[0].id] = found[0]
        return found[0]

    def in_order(self) -> list[Picture]:
        return sorted(self.shown.values(), key=lambda p: p.id)


def easy_read_page(loaded: LoadedStrategy, pictures: PictureLibrary, *, as_of: dt.date) -> EasyReadPage:
    """The page as of the day the site is built: the stage and have-your-say rows written for that day
    (easyread/stage.py), and only the points whose `when:` is true on it."""
    strategy = loaded.model
    edition = strategy.easy_read
    assert edition is not None
    now = consultation_time(strategy, as_of)
    patterns = [(w, _pattern(w)) for w in edition.hard_words]
    # Each hard word's explanation, with the word in bold: shown after its first use and in the list.
    # Each row's HTML goes through the one sanitising path where it is made, since the booklet prints
    # it as it is (the page's body is cleaned again as a whole).
    meanings = {w.word: clean_html(kept_whole(pattern.sub(_bold, html.escape(w.means, quote=False), count=1))) for w, pattern in patterns}
    explained: set[str] = set()
    picture = PicturesShown(pictures)

    def add(out: PageSection, text: str, name: str | None, alt: str, link: str = "") -> None:
        """A row of escaped words (and a link after them), with each hard word first used in it in bold
        and explained in the rows after it."""
        first_uses = []
        for word, pattern in patterns:
            if word.word in explained or not pattern.search(text):
                continue
            text = pattern.sub(_bold, text, count=1)
            explained.add(word.word)
            first_uses.append(word)
        out.rows.append(PageRow(picture(name), alt, clean_html(kept_whole(_linked(text) + link))))
        for word in first_uses:
            out.rows.append(PageRow(picture(HARD_WORD_PICTURE), "Hard word", meanings[word.word], hard_word=True))

    cover = picture(HARD_WORD_PICTURE)
    sections = []
    for start in section_starts(strategy, as_of):
        section = edition.sections[start.index] if start.index is not None else None
        out = PageSection(slugify(start.heading), start.heading, start.part, priority=section.priority if section else None)
        for said in start.said:
            words, link = _said(said)
            add(out, words, said.picture, SAID_ALT[said.picture], link)
        for point in section.points if section else []:
            if point.when is None or point.when == now:
                add(out, html.escape(point.text, quote=False), point.picture, point.alt or "")
        # What the council decides after the consultation ends the section, after the team's own points.
        for said in start.after:
            words, link = _said(said)
            add(out, words, said.picture, SAID_ALT[said.picture], link)
        sections.append(out)

    checked = checked_sentence(edition)
    hard_words = [(w, meanings[w.word]) for w in edition.hard_words]
    return EasyReadPage(edition.title, sections, hard_words, checked, picture.in_order(), cover)


def _said(said: Said) -> tuple[str, str]:
    """A row the page writes, as escaped words and the link that ends them: a reader on a phone taps
    the survey's address. Hard words are looked for in the words only, never inside the address."""
    if said.link is None:
        return html.escape(said.text, quote=False), ""
    words = said.text[: said.text.index(said.link)]
    address = html.escape(said.link, quote=True)
    return html.escape(words, quote=False), f'<a href="{address}">{html.escape(said.link, quote=False)}</a>'
