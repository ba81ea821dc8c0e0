"""Checking an Easy Read edition against the rules, and the scorecard the communications team reads.

Every finding names the file, line and column of the words that break a rule, the rule, and a
suggestion ("25% -> 1 in 4"). Errors are what a machine can check exactly; advice is what it can only
suspect, for a person to judge.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, cast

import pydantic

from plugins.content.dates import last_day, uk_date
from plugins.content.model import EMAIL_IN_TEXT, PHONE_IN_TEXT
from plugins.content.problems import Problem, format_path
from plugins.content.yamlsource import Path_
from plugins.cores.sharing import each
from plugins.safety.sanitise import escaped

from . import rules
from .coverage import Coverage, coverage, coverage_lines
from .facts import FactIndex, facts_in, share_percent
from .page import PAGE_PICTURES
from .rules import RULES, SANS_SERIF_FONTS, Style, Thresholds
from .stage import closed_words, consultation_time, ending, section_starts
from .text import Terms, Word, content_words, is_initials, phone_numbers, same_words, sentences, without_addresses, words

if TYPE_CHECKING:
    from plugins.content.library import Library, LoadedReport, LoadedStrategy
    from plugins.content.model import EasyRead, Point, Strategy
    from plugins.content.pictures import Picture, PictureLibrary


# Each number is tried once, from its first digit, and its digits are never given back: a digit cannot
# be the % or "per cent" that must follow, and a fresh try at every digit of a long number is quadratic.
_PERCENT = re.compile(r"(?<!\d)(\d++(?:\.\d++)?)\s?(?:%|per ?cent\b)", re.IGNORECASE)
_LARGE = re.compile(r"£?\d{1,3}(?:,\d{3})+(?:\.\d+)?|£?\d{5,}|£\d{4}|£?\d+(?:\.\d+)? (?:million|billion)\b")
_COMPARED = re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in rules.COMPARISONS)})\b", re.IGNORECASE)
# Likewise a run of asterisks is tried once, from its first.
_EMPHASIS = re.compile(r"(?<!\*)\*++[^*\s][^*]*+\*+|(?<!\w)_[^_\s][^_]*+_(?!\w)")
# Rule 11: each symbol, wherever it is written; each short form, where a word starts.
_SYMBOLS = [(symbol, instead, re.compile(re.escape(symbol))) for symbol, instead in rules.SYMBOLS.items()] + [
    (short, instead, re.compile(rf"(?<!\w){re.escape(short)}", re.IGNORECASE)) for short, instead in rules.SHORT_FORMS.items()
]
_SEMICOLON_AND_CO = re.compile(r";|\b(but|which|because)\b|\band (?:we|you|they|it|he|she)\b", re.IGNORECASE)
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|been|being|be)\s+(\w+ed|made|done|given|taken|known|shown|written|seen|paid|held|kept|built|sent|told|"
    r"chosen|spent|found|heard|brought|bought|met|run)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
_NOT_PASSIVE = {
    "need",
    "red",
    "bed",
    "shed",
    "feed",
    "seed",
    "speed",
    "interested",
    "based",
    "worried",
    "tired",
    "excited",
    "scared",
    "called",
    "named",
}

# Rule 19. Words that ask the reader to answer now, in a sentence not in the past tense. Each is a
# request the consultation makes: "tell us" alone is left alone, since "what you tell us helps" is not.
_INVITES = re.compile(
    r"\bplease (?:\w+ )?(?:answer|tell|fill|respond|reply|send|give|share|have|complete|say|let us know)\b"
    r"|\byou can (?:answer|respond|reply|tell us|say what|fill|have your say|give your views|share your views)\b"
    r"|\btell us what you think\b|\bhave your say\b|\bfill in\b|\bwhat do you think\b"
    r"|\banswer (?:the |our |some |these )?questions\b",
    re.IGNORECASE,
)
_PAST = re.compile(r"\b(?:ended|closed|finished|over|was|were|had|could|did|asked|told|answered)\b", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|won't|shall|going to|plans? to|planning to|intends? to)\b|\b\w+'ll\b", re.IGNORECASE)

# Rule 23: the ways into the council besides email. A postal address is known by its postcode; text
# relay by its name or Relay UK's prefix.
_EMAIL = re.compile(EMAIL_IN_TEXT)
_PHONE = re.compile(PHONE_IN_TEXT)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")
# A point saying the plan gives no phone number, where it gives none: "The plan does not give a phone number."
_NO_PHONE = re.compile(r"\b(?:no|not give an?|does not have an?) phone number\b", re.IGNORECASE)
_TEXT_RELAY = re.compile(r"\btext ?relay\b|\brelay uk\b|\b18001\b", re.IGNORECASE)

# How a booklet page fills: an A4 page at 16pt holds about 257mm of rows; a row is at least as tall as
# its picture (30mm), or its lines of about 46 characters at 8.5mm each, with 6mm between rows.
_PAGE_MM, _PICTURE_MM, _LINE_MM, _CHARS_PER_LINE, _GAP_MM, _HEADING_MM = 257, 30, 8.5, 46, 6, 16


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    column: int
    path: str
    rule: int
    message: str
    suggestion: str

    @property
    def severity(self) -> str:
        return RULES[self.rule].severity

    def as_problem(self) -> Problem:
        """The finding in the form every command prints, and CI shows on its line."""
        text = f"rule {self.rule} ({RULES[self.rule].name}, {self.severity}): {self.message} Suggestion: {self.suggestion}."
        return Problem(self.file, self.line, self.column, self.path, text)

    def __str__(self) -> str:
        return str(self.as_problem())


@dataclass
class Scorecard:
    edition: str
    title: str
    points: int = 0
    points_without_pictures: int = 0
    sentences: int = 0
    long_sentences: int = 0
    longest_sentence: int = 0
    unexplained_words: int = 0
    words: int = 0
    pages: int = 0
    priorities_covered: int = 0
    priorities: int = 0
    checked_by: str = ""
    # The words checked_by records as tested that match no part of the edition now: history, or a copying
    # mistake that would otherwise pass as history.
    tested_matching_nothing: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # What the standard edition holds and this one never mentions: for the team to decide, not a finding.
    coverage: Coverage = field(default_factory=Coverage)
    # Where the review page is published, for the scorecard to name: the command line fills it in,
    # since the pages' addresses are the pages' business.
    review_page: str = ""

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def advice(self) -> int:
        return len(self.findings) - self.errors


@lru_cache(maxsize=20000)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def check_style(style: Style, thresholds: Thresholds, file: str = "mkdocs.yml", lines: dict[str, int] | None = None) -> list[Finding]:
    """Rules 1 to 3: the type the Easy Read pages and booklet are set in."""
    lines = lines or {}
    findings = []

    def add(key: str, rule: int, wording: tuple[str, str]) -> None:
        findings.append(Finding(file, lines.get(key, 1), 1, f"easy_read.{key}", rule, *wording))

    if style.font_size_px < thresholds.min_font_size_px:
        add("font_size_px", 1, rules.font_too_small(style.font_size_px, thresholds.min_font_size_px))
    first_font = style.font_family.split(",")[0].strip().strip("'\"")
    if first_font.lower() not in SANS_SERIF_FONTS:
        add("font_family", 2, rules.font_not_plain(first_font))
    if style.line_height < thresholds.min_line_height:
        add("line_height", 3, rules.line_height_too_small(style.line_height, thresholds.min_line_height))
    return findings


def hard_word_forms(edition: EasyRead) -> set[str]:
    return {form.lower() for w in edition.hard_words for form in (w.word, *w.forms)}


def form_of(word: str, edition: EasyRead) -> rules.FormOf | None:
    """The hard word of the edition that a word is another form of, with its forms: a word that ends in
    s or es where the rest is the hard word (EHCPs of EHCP, classes of class), or the hard word less its
    s or es where the edition explains the plural (EHCP of EHCPs)."""
    lower = word.lower()
    for hard in edition.hard_words:
        written = hard.word.lower()
        if any(lower == written + end or written == lower + end for end in ("s", "es")):
            return hard.word, hard.forms
    return None


def estimate_pages(edition: EasyRead) -> int:
    """Pages the booklet would print on: cover, contents, then each section from a new page, its rows
    of pictures and words, then the hard words."""

    def height(texts: list[str]) -> float:
        rows = (max(_PICTURE_MM, math.ceil(len(t) / _CHARS_PER_LINE) * _LINE_MM) + _GAP_MM for t in texts)
        return _HEADING_MM + sum(rows)

    explained = [f"{w.word} {w.means}" for w in edition.hard_words]
    pages = 2 + sum(math.ceil(height([p.text for p in s.points]) / _PAGE_MM) for s in edition.sections)
    # Each hard word is explained once beside its first use, and again in the list at the end.
    pages += math.ceil(len(explained) * (_PICTURE_MM + _GAP_MM) / _PAGE_MM)
    return pages + math.ceil(height(explained) / _PAGE_MM)


@dataclass(frozen=True)
class _Text:
    """One thing a reader reads, with where it was written: the title, a heading, a point or a hard word's meaning."""

    path: Path_
    text: str
    # Points and meanings are prose, whose sentences rules 4 to 6 read; a title or heading is not.
    prose: bool
    # The text with its addresses set aside, for the rules that look for marks in it.
    plain: str
    # Each sentence with its words, split once for every rule that reads them.
    sentences: list[tuple[str, list[Word]]]

    @classmethod
    def of(cls, path: Path_, text: str, prose: bool) -> _Text:
        return cls(path, text, prose, without_addresses(text), [(sentence, words(sentence)) for sentence in sentences(text)])


def _texts(edition: EasyRead) -> list[_Text]:
    """Everything the communications team wrote for a reader, in the order they read it: headings,
    points and hard words' meanings. Every point is read, shown on the day or not: a point marked
    `when:` is shown on another."""
    texts = [_Text.of(("easy_read", "title"), edition.title, False)]
    for i, section in enumerate(edition.sections):
        texts.append(_Text.of(("easy_read", "sections", i, "heading"), section.heading, False))
        for j, point in enumerate(section.points):
            texts.append(_Text.of(("easy_read", "sections", i, "points", j, "text"), point.text, True))
    for k, hard_word in enumerate(edition.hard_words):
        texts.append(_Text.of(("easy_read", "hard_words", k, "means"), hard_word.means, True))
    return texts


def _page_texts(strategy: Strategy, as_of: dt.date) -> list[_Text]:
    """The rows the page writes itself for the day (easyread/stage.py), each at the field it comes from.

    Their wording is the page's, held to every rule by tests/test_easyread_time.py; but a name the data
    gives (an approved version's title) may use a hard word or initials, which the edition must explain
    (rules 8 and 9), so those rules read these rows too. No other rule does: nothing the team could change
    in the edition would answer it."""
    return [_Text.of(said.path, said.text, True) for start in section_starts(strategy, as_of) for said in start.written]


class _EditionCheck:
    """One edition being checked: what every family of rules reads, and the findings and counts they add."""

    def __init__(
        self,
        loaded: LoadedStrategy,
        edition: EasyRead,
        glossary_terms: list[str],
        thresholds: Thresholds,
        card: Scorecard,
        as_of: dt.date,
        pictures: PictureLibrary,
        reports: Sequence[LoadedReport] = (),
    ):
        self.loaded = loaded
        # The library's progress reports: those with updates that name this strategy give facts too.
        self.reports = reports
        # The day the edition is published for: what is past and what is to come depends on it.
        self.as_of = as_of
        self.edition = edition
        self.glossary_terms = glossary_terms
        # The picture sets, for what each picture shows (rules 20 to 22).
        self.pictures = pictures
        self.thresholds = thresholds
        self.card = card
        self.texts = _texts(edition)
        self.page_texts = _page_texts(loaded.model, as_of)
        self.explained = hard_word_forms(edition)
        self.findings: list[Finding] = []
        self._seen: set[tuple[int, str]] = set()

    def add(self, path: Path_, rule: int, wording: tuple[str, str]) -> None:
        doc = self.loaded.source.document(path)
        pos = doc.position(path)
        self.findings.append(Finding(doc.file, pos.line, pos.column, format_path(path), rule, *wording))

    def line(self, path: Path_) -> int:
        return self.loaded.source.document(path).position(path).line

    def once(self, rule: int, key: str) -> bool:
        """Whether this is the first time the rule meets this word: a word is reported where it is first used."""
        if (rule, key) in self._seen:
            return False
        self._seen.add((rule, key))
        return True


def _sentence_rules(check: _EditionCheck) -> None:
    """Rules 4 to 6: short sentences, one idea a sentence, active voice."""
    card, most = check.card, check.thresholds.max_sentence_words
    for text in check.texts:
        if not text.prose:
            continue
        for sentence, sentence_words in text.sentences:
            card.sentences += 1
            card.longest_sentence = max(card.longest_sentence, len(sentence_words))
            if len(sentence_words) > most:
                card.long_sentences += 1
                check.add(text.path, 4, rules.sentence_too_long(len(sentence_words), most, sentence))
            joiner = _joiner(sentence)
            if joiner is not None:
                check.add(text.path, 5, rules.more_than_one_idea(joiner, sentence))
            quoted = [m.span() for m in _QUOTED.finditer(sentence)]
            for match in _PASSIVE.finditer(sentence):
                # Words in quotation marks are someone's own ("My voice is heard"): quoted as they said them.
                if any(start <= match.start() < end for start, end in quoted):
                    continue
                if match.group(1).lower() not in _NOT_PASSIVE:
                    check.add(text.path, 6, rules.passive(match.group(0)))


def _joiner(sentence: str) -> str | None:
    """What joins two ideas in one sentence, in rule 5's words: its first joining word, else two commas."""
    match = _SEMICOLON_AND_CO.search(sentence)
    if match is not None:
        return "a semicolon" if match.group(0) == ";" else f"'{match.group(0)}'"
    return "two commas" if sentence.count(",") >= 2 else None


def _picture_rules(check: _EditionCheck) -> None:
    """Rule 7: a picture for every point, and words for every picture."""
    card = check.card
    for i, section in enumerate(check.edition.sections):
        for j, point in enumerate(section.points):
            card.points += 1
            here: Path_ = ("easy_read", "sections", i, "points", j)
            if point.picture is None:
                card.points_without_pictures += 1
                check.add(here, 7, rules.no_picture())
            elif point.alt is None:
                check.add(here + ("picture",), 7, rules.no_alt(point.picture))


def _pictured_points(check: _EditionCheck) -> Iterator[tuple[Path_, Point, Picture]]:
    """Each point with a picture, its path and the picture it names. A name that is unknown, or in two
    sets, is a content error the loader has already refused."""
    for i, section in enumerate(check.edition.sections):
        for j, point in enumerate(section.points):
            found = check.pictures.find(point.picture) if point.picture else []
            if len(found) == 1:
                yield ("easy_read", "sections", i, "points", j), point, found[0]


def _one_meaning_rules(check: _EditionCheck) -> None:
    """Rule 20: within an edition a picture stands for one thing. Its alt text is what it stands for
    to a reader who cannot see it, so the same picture with other words means something else; and the
    pictures the page adds itself already stand for what the page uses them for."""
    # The page takes each of its pictures by name, as content does: the first set that holds it.
    page_pictures = {found[0].id: meaning for name, meaning in PAGE_PICTURES.items() if (found := check.pictures.find(name))}
    first: dict[str, tuple[str, str, int]] = {}
    for here, point, picture in _pictured_points(check):
        if picture.id in page_pictures:
            check.add(here + ("picture",), 20, rules.page_picture_used(picture.name, page_pictures[picture.id]))
        elif point.alt is not None:
            said = same_words(point.alt)
            if picture.id not in first:
                first[picture.id] = (said, point.alt, check.line(here + ("alt",)))
            elif first[picture.id][0] != said:
                _, earlier_alt, earlier_line = first[picture.id]
                check.add(here + ("alt",), 20, rules.picture_means_two_things(picture.name, earlier_alt, earlier_line, point.alt))


def _matching_picture_rules(check: _EditionCheck) -> None:
    """Rule 21: a picture's words say what it shows, as its set records it. A set that does not say is
    told once, where the edition first uses the picture: the fix is one line in set.yml."""
    for here, point, picture in _pictured_points(check):
        if picture.shows is None:
            if check.once(21, picture.id):
                check.add(here + ("picture",), 21, rules.picture_shows_unknown(picture.name, picture.set.about_file))
        elif point.alt is not None and not content_words(point.alt) & content_words(picture.shows):
            check.add(here + ("alt",), 21, rules.picture_does_not_match(picture.name, point.alt, picture.shows, picture.set.about_file))


def _pictures_to_think_about(check: _EditionCheck) -> None:
    """Rule 22: pictures a set marks as abstract (a sign, not a thing) or sensitive, at every use: each
    is a choice for a person to make."""
    for here, _, picture in _pictured_points(check):
        if picture.abstract:
            check.add(here + ("picture",), 22, rules.picture_abstract(picture.name, picture.set.about_file))
        if picture.sensitive:
            check.add(here + ("picture",), 22, rules.picture_sensitive(picture.name, picture.sensitive, picture.set.about_file))


def _glossary_rules(check: _EditionCheck) -> None:
    """Rule 8: a glossary term used on the page is explained on it, where it is first used."""
    terms = check.glossary_terms
    unexplained = Terms(t for t in terms if t.lower() not in check.explained)
    glossary_order = {t: i for i, t in reversed(list(enumerate(terms)))}
    # The edition's own words first: a word it uses is reported where the team can explain it.
    for text in check.texts + check.page_texts:
        for term in sorted(unexplained.mentioned(text.text), key=glossary_order.__getitem__):
            if check.once(8, term):
                check.card.unexplained_words += 1
                check.add(text.path, 8, rules.hard_word_unexplained(term, form_of(term, check.edition)))


def _mark_rules(check: _EditionCheck) -> None:
    """Rules 10 to 12 on what is written between the words: percentages, large numbers, symbols, italics."""
    for text in check.texts:
        plain = text.plain
        for found in _EMPHASIS.findall(plain):
            check.add(text.path, 12, rules.italics(found))
        for symbol, instead, pattern in _SYMBOLS:
            if pattern.search(plain):
                check.add(text.path, 11, rules.symbol(symbol, instead))
        for match in _PERCENT.finditer(plain):
            check.add(text.path, 10, rules.percentage(match.group(0), float(match.group(1))))
        if not _COMPARED.search(plain):
            for match in _LARGE.finditer(plain):
                check.add(text.path, 10, rules.large_number(match.group(0)))


def _word_rules(check: _EditionCheck) -> None:
    """Rules 9, 10, 12 and 13 word by word: initials, numbers in words, capitals, uncommon words; and
    rule 9 in the rows the page writes itself. A word the page explains, or the glossary defines, is
    left to rule 8."""
    least = check.thresholds.rare_word_zipf
    common = {w.lower() for w in check.thresholds.common_words}
    glossary = {t.lower() for t in check.glossary_terms}
    for text in check.texts:
        for _, sentence_words in text.sentences:
            for word in sentence_words:
                token = word.text.replace("’", "'")
                lower = token.lower()
                if lower in check.explained or lower in glossary:
                    continue
                if lower in rules.NUMBER_WORDS and rules.NUMBER_WORDS[lower] < 100:
                    check.add(text.path, 10, rules.number_in_words(token, rules.NUMBER_WORDS[lower]))
                elif token.isupper() and len(token) >= 4 and token.isalpha() and zipf(lower) >= 3:
                    check.add(text.path, 12, rules.capitals(token))
                elif is_initials(token):
                    if check.once(9, token):
                        check.card.unexplained_words += 1
                        check.add(text.path, 9, rules.initials_unexplained(token, form_of(token, check.edition)))
                elif (
                    token.isalpha()
                    # A word with a capital letter is most often a name (Leicestershire, Melton): names are
                    # not rare words to replace, and a word list cannot tell them apart at a sentence's start.
                    and not token[:1].isupper()
                    and lower not in common
                    and zipf(lower) < least
                    and check.once(13, lower)
                ):
                    check.add(text.path, 13, rules.rare_word(lower, zipf(lower), least, form_of(lower, check.edition)))
    for text in check.page_texts:
        for _, sentence_words in text.sentences:
            for word in sentence_words:
                token = word.text.replace("’", "'")
                if token.lower() not in check.explained and token.lower() not in glossary and is_initials(token) and check.once(9, token):
                    check.card.unexplained_words += 1
                    check.add(text.path, 9, rules.initials_unexplained(token, form_of(token, check.edition)))


def _length_rules(check: _EditionCheck) -> None:
    """Rule 14: a short document, in words and in printed pages."""
    card, thresholds = check.card, check.thresholds
    card.words = sum(len(sentence_words) for text in check.texts for _, sentence_words in text.sentences)
    card.pages = estimate_pages(check.edition)
    if card.words > thresholds.max_words:
        check.add(("easy_read",), 14, rules.too_many_words(card.words, thresholds.max_words))
    if card.pages > thresholds.max_pages:
        check.add(("easy_read",), 14, rules.too_many_pages(card.pages, thresholds.max_pages))


def _order_rules(check: _EditionCheck) -> None:
    """Rule 16: the order of the booklet's parts. (When and how to have your say, the page writes itself
    from the consultation's fields: easyread/stage.py.)"""
    furthest: tuple[int, str] = (-1, "")
    for i, section in enumerate(check.edition.sections):
        rank = rules.PART_ORDER.get(section.part)
        if rank is None:
            continue
        if rank < furthest[0]:
            check.add(("easy_read", "sections", i, "part"), 16, rules.out_of_order(section.part, furthest[1]))
        elif rank > furthest[0]:
            furthest = (rank, section.part)


def _time_rules(check: _EditionCheck) -> None:
    """Rule 19: what a point says stays true on the day the site is built for. A point does not ask for
    answers once the time to have your say has ended, nor speak in the future tense of a day that has
    passed or of a plan that has ended."""
    strategy, day = check.loaded.model, check.as_of
    consultation, now, ended = strategy.consultation, consultation_time(strategy, day), ending(strategy, day)
    for i, section in enumerate(check.edition.sections):
        for j, point in enumerate(section.points):
            path: Path_ = ("easy_read", "sections", i, "points", j, "text")
            # A point marked for after the close is only ever read then; an unmarked one is read then too.
            if consultation is not None and (point.when == "after it closes" or (point.when is None and now == "after it closes")):
                invitation = _invitation(point.text, consultation.closes)
                if invitation is not None:
                    check.add(
                        path,
                        19,
                        rules.invites_after_closing(invitation, closed_words(consultation, day), uk_date(day), point.when is not None),
                    )
            if point.when is not None and point.when != now:
                continue  # not shown on the day
            future = _future_sentence(point.text)
            if future is None:
                continue
            word, sentence = future
            if ended is not None:
                check.add(path, 19, rules.future_after_end(word, ended.words))
            else:
                passed = _latest_date(sentence)
                if passed is not None and passed[1] < day:
                    check.add(path, 19, rules.future_of_passed_date(word, passed[0], uk_date(day)))


def _invitation(text: str, closes: dt.date | str) -> str | None:
    """The words of a sentence that ask the reader to answer now, as they are written, if any: "Please
    answer", "have your say", "by 1 June 2026" (the closing date). A sentence in the past tense ("The time
    to have your say ended", "You could answer") asks nothing."""
    by_closing = re.compile(rf"\b(?:by|until|before)\s+(?:the end of\s+)?{re.escape(uk_date(closes))}\b", re.IGNORECASE)
    for sentence in sentences(text):
        if _PAST.search(sentence):
            continue
        found = _INVITES.search(sentence) or by_closing.search(sentence)
        if found is not None:
            return found.group(0)
    return None


def _future_sentence(text: str) -> tuple[str, str] | None:
    """The first word of the future tense in a point ("will", "plans to"), and its sentence."""
    for sentence in sentences(text):
        found = _FUTURE.search(sentence)
        if found is not None:
            return found.group(0), sentence
    return None


def _latest_date(sentence: str) -> tuple[str, dt.date] | None:
    """The latest date a sentence names, as written, with the last day it can mean: "21 July 2026",
    "July 2026" (to its 31st) or "2029" (to 31 December). Dates are read as rule 18 reads them."""
    found: list[tuple[str, dt.date]] = []
    for fact in facts_in(sentence):
        if fact.kind == "day":
            year, month, date = cast(tuple[int, int, int], fact.value)
            if date > calendar.monthrange(year, month)[1]:
                continue  # not a day of the calendar: rule 18 says no content gives it
            found.append((fact.written, dt.date(year, month, date)))
        elif fact.kind == "month":
            year, month = cast(tuple[int, int], fact.value)
            found.append((fact.written, last_day(f"{year}-{month:02d}")))
        elif fact.kind == "year":
            found.append((fact.written, dt.date(cast(int, fact.value), 12, 31)))
    return max(found, key=lambda f: f[1], default=None)


def _fact_rules(check: _EditionCheck) -> None:
    """Rule 18: every date, year, time, number, sum of money, share, phone number, email and web
    address the reader reads in a title, heading or point is one the strategy's own content gives.
    Hard words' meanings explain words, not the plan, and are left alone."""
    index = FactIndex.of(check.loaded, check.reports)
    for text in check.texts:
        if text.path[1] == "hard_words":
            continue
        told: set[str] = set()
        for fact in facts_in(text.text):
            if fact.written in told or index.has(fact):
                continue
            told.add(fact.written)
            wording = rules.fact_not_in_content(
                fact.written, index.files, index.organisations_file, index.progress_reports, share_percent(fact)
            )
            check.add(text.path, 18, wording)


def _contact_rules(check: _EditionCheck) -> None:
    """Rule 23: contacts a reader can use. A reader who does not use email needs another way in, and a
    phone number is read, and dialled, in the groups it is known by."""
    strategy, council = check.loaded.model, check.loaded.organisation
    content_has_more = any(c.phone for c in strategy.contacts) or any((council.phone, council.address, council.text_relay))
    for i, section in enumerate(check.edition.sections):
        texts = [point.text for point in section.points]
        if section.part == "contact" and any(_EMAIL.search(t) for t in texts):
            other_way = any(phone_numbers(t) or _PHONE.search(t) or _POSTCODE.search(t) or _TEXT_RELAY.search(t) for t in texts)
            # Where the plan gives no other way in, the edition cannot add one; it says so plainly instead.
            says_none = not content_has_more and any(_NO_PHONE.search(t) for t in texts)
            if not other_way and not says_none:
                check.add(("easy_read", "sections", i, "heading"), 23, rules.contact_by_email_only(content_has_more))
        for j, point in enumerate(section.points):
            for number in phone_numbers(point.text):
                if not number.is_grouped:
                    wording = rules.phone_not_grouped(number.written, number.grouped)
                    check.add(("easy_read", "sections", i, "points", j, "text"), 23, wording)


# Each family of rules, applied in turn to an edition. Their findings are sorted by place when all
# have run, so adding a family here is all a new rule needs.
RULE_FAMILIES: tuple[Callable[[_EditionCheck], None], ...] = (
    _sentence_rules,
    _picture_rules,
    _glossary_rules,
    _mark_rules,
    _word_rules,
    _length_rules,
    _order_rules,
    _time_rules,
    _one_meaning_rules,
    _matching_picture_rules,
    _pictures_to_think_about,
    _fact_rules,
    _contact_rules,
)


def check_edition(
    loaded: LoadedStrategy,
    glossary_terms: list[str],
    thresholds: Thresholds,
    *,
    as_of: dt.date,
    pictures: PictureLibrary,
    reports: Sequence[LoadedReport] = (),
) -> Scorecard:
    """One edition's scorecard, as published on the day as_of. `reports` are the library's progress
    reports, whose updates that name the strategy are facts the edition may state (rule 18)."""
    strategy = loaded.model
    edition = strategy.easy_read
    card = Scorecard(loaded.id, edition.title if edition else strategy.title, priorities=len(strategy.priorities))
    if edition is None:
        return card
    check = _EditionCheck(loaded, edition, glossary_terms, thresholds, card, as_of, pictures, reports)
    for family in RULE_FAMILIES:
        family(check)
    explains = {s.priority for s in edition.sections if s.priority}
    card.priorities_covered = sum(1 for p in strategy.priorities if p.id in explains)
    if edition.checked_by:
        card.checked_by = f"{edition.checked_by.by}, {uk_date(edition.checked_by.date)}" + _since_checked(edition)
        card.tested_matching_nothing = [tested.text for tested in edition.tested_matching_nothing()]
    card.findings = sorted(check.findings)
    return card


def _since_checked(edition: EasyRead) -> str:
    """What the readers' check does not cover now: parts not checked as they are now (changed since, or
    left out of a sample), and parts they asked to change that are as they were ("" if neither)."""
    count, unchanged = len(edition.not_checked_as_now()), edition.still_to_change()
    said = [f"{count} {'part' if count == 1 else 'parts'} not checked as {'it is' if count == 1 else 'they are'} now"] if count else []
    if unchanged:
        # Points, as most are; a heading or a meaning among them makes them parts.
        noun = "point" if all(part.kind == "point" for part in unchanged) else "part"
        said.append(f"{len(unchanged)} {noun}{'' if len(unchanged) == 1 else 's'} they asked to change not changed yet")
    return f" ({'; '.join(said)})" if said else ""


def _unmatched_lines(texts: list[str]) -> list[str]:
    """The tested words that match nothing in the edition now, each indented and escaped for the terminal."""
    if not texts:
        return []
    return [f"  tested words that match nothing in the edition now: {len(texts)}", *(f"    {escaped(text)}" for text in texts)]


def all_findings(cards: list[Scorecard]) -> list[Finding]:
    """Every finding once, in file and line order: a style finding is on every edition's scorecard,
    because it affects each of them, but it is one mistake in mkdocs.yml."""
    return sorted({f for card in cards for f in card.findings})


def errors_in(cards: list[Scorecard]) -> list[Finding]:
    return [f for f in all_findings(cards) if f.severity == "error"]


def check_editions(
    library: Library,
    style: Style,
    thresholds: Thresholds,
    style_lines: dict[str, int] | None = None,
    *,
    as_of: dt.date,
    with_coverage: bool = False,
    processes: int = 1,
    store: CardStore | None = None,
    code: str | None = None,
) -> list[Scorecard]:
    """Check the style and every Easy Read edition, as it would be published on the day as_of. The
    style's findings go on every scorecard's list. With with_coverage, each scorecard also lists what
    the edition never mentions, which only the scorecard prints (the review page works out its own).
    The editions are checked on up to `processes` processes (see plugins/cores/), each card the same.

    A build asks twice of the same library (the command line, to stop before building; the plugin, to
    log what a lenient build publishes), and checking takes about 15 ms an edition: the last answer is
    kept, with the library it is for, and given again for the same question. With a store (the build's
    cache, see KeptCards) and code (what names this project's code and the packages installed), an
    edition whose scorecard an earlier check made from the same files and settings is not checked again.
    """
    global _last_checked
    key = (style, thresholds, tuple(sorted((style_lines or {}).items())), as_of, with_coverage)
    if _last_checked is not None and _last_checked[0] is library and _last_checked[1] == key:
        return _last_checked[2]
    glossary = [t.term for t in library.glossary]
    style_findings = check_style(style, thresholds, lines=style_lines)

    def card_of(loaded: LoadedStrategy) -> Scorecard:
        card = check_edition(loaded, glossary, thresholds, as_of=as_of, pictures=library.pictures, reports=library.reports)
        if with_coverage:
            card.coverage = coverage(loaded, library.glossary)
        return card

    editions = [loaded for loaded in library.strategies if loaded.model.easy_read is not None]
    # The coverage list is not kept: only the scorecard printed for the team asks for it.
    kept = KeptCards(store, code, library, thresholds, as_of) if store is not None and code is not None and not with_coverage else None
    found = {loaded.id: card for loaded in editions if kept is not None and (card := kept.get(loaded)) is not None}
    to_check = [loaded for loaded in editions if loaded.id not in found]
    for loaded, card in zip(to_check, each(card_of, to_check, processes=processes, at_least=EDITIONS_PER_PROCESS), strict=True):
        found[loaded.id] = card
        if kept is not None:
            kept.put(loaded, card)
    if kept is not None:
        kept.prune()
    cards = [found[loaded.id] for loaded in editions]
    for card in cards:
        card.findings = sorted(style_findings + card.findings)
    # One answer only, so that a preview's rebuilds do not keep every library they have read.
    _last_checked = (library, key, cards)
    return cards


_last_checked: tuple[Library, tuple[object, ...], list[Scorecard]] | None = None


class CardStore(Protocol):
    """Where scorecards are kept between checks (plugins/publishing/caches.py's TextEntries)."""

    def get(self, key: str) -> str | None: ...

    def put(self, key: str, text: str) -> None: ...

    def prune(self) -> None: ...


class KeptCards:
    """Each edition's scorecard (before the style's findings, which are checked afresh) kept from one check
    to the next, under a key of everything check_edition reads: the strategy's files, the library's
    glossary, pictures and progress reports, the thresholds, the day, this project's code and the packages
    installed (wordfreq's word lists among them). After a pull request rewords one action, only the
    editions whose strategy changed are checked again."""

    def __init__(self, store: CardStore, code: str, library: Library, thresholds: Thresholds, as_of: dt.date) -> None:
        self.store = store
        shared = [
            _CARD_FORMAT,
            code,
            [t.term for t in library.glossary],
            library.pictures.described(),
            [(r.organisation.id, r.slug, r.source.said()) for r in library.reports],
            repr(thresholds),
            as_of.isoformat(),
        ]
        self.shared = json.dumps(shared, ensure_ascii=False)
        self.keys: dict[str, str] = {}

    def key(self, loaded: LoadedStrategy) -> str:
        # Its files' texts, not only what they say: a finding names the line and column it is at.
        if loaded.id not in self.keys:
            own = json.dumps([loaded.id, repr(loaded.organisation), loaded.source.said()], ensure_ascii=False)
            self.keys[loaded.id] = hashlib.sha256(f"{self.shared}\0{own}".encode()).hexdigest()
        return self.keys[loaded.id]

    def get(self, loaded: LoadedStrategy) -> Scorecard | None:
        """The kept scorecard, if there is one of the form put gives it; None otherwise."""
        text = self.store.get(self.key(loaded))
        if text is None:
            return None
        try:
            # Every field of the type it is declared, strictly (no text for a number, no true for a rule).
            card = _CARD.validate_json(text, strict=True)
        except pydantic.ValidationError:
            return None
        return card if all(f.rule in RULES for f in card.findings) else None

    def put(self, loaded: LoadedStrategy, card: Scorecard) -> None:
        entry = dataclasses.asdict(card)
        del entry["coverage"]
        self.store.put(self.key(loaded), json.dumps(entry, ensure_ascii=False))

    def prune(self) -> None:
        """Remove the scorecards this check did not ask for: call only once it has asked for every edition's."""
        self.store.prune()


# Raised when what a kept scorecard holds, or what its key covers, changes.
_CARD_FORMAT = 2
_CARD = pydantic.TypeAdapter(Scorecard)

# Below this many editions for each process, forking costs more than checking them in one.
EDITIONS_PER_PROCESS = 8


def scorecard_lines(card: Scorecard, thresholds: Thresholds) -> list[str]:
    return [
        f"{card.edition}: {card.title}",
        f"  points: {card.points}, without a picture: {card.points_without_pictures}",
        f"  sentences: {card.sentences}, over {thresholds.max_sentence_words} words: {card.long_sentences} "
        f"(longest: {card.longest_sentence} words)",
        f"  hard words not explained: {card.unexplained_words}",
        f"  words: {card.words:,} (about {thresholds.max_words:,} at most)",
        f"  printed pages: about {card.pages} (about {thresholds.max_pages} at most)",
        f"  priorities explained: {card.priorities_covered} of {card.priorities}",
        f"  checked by readers: {card.checked_by or 'not yet'}",
        *_unmatched_lines(card.tested_matching_nothing),
        *([f"  review page: {card.review_page}"] if card.review_page else []),
        f"  findings: {card.errors} {'error' if card.errors == 1 else 'errors'}, {card.advice} advice",
        *coverage_lines(card.coverage),
    ]
