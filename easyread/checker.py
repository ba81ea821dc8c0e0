"""Checking an Easy Read edition against the rules, and the scorecard the communications team reads.

Every finding names the file, line and column of the words that break a rule, the rule, and a
suggestion ("25% -> 1 in 4"). Errors are what a machine can check exactly; advice is what it can only
suspect, for a person to judge.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from plugins.content.dates import uk_date
from plugins.content.problems import Problem, format_path
from plugins.content.yamlsource import Path_

from . import rules
from .rules import RULES, SANS_SERIF_FONTS, Style, Thresholds
from .text import Terms, is_initials, sentences, without_addresses, words

if TYPE_CHECKING:
    from plugins.content.library import Library, LoadedStrategy
    from plugins.content.model import EasyRead


# The order of the parts of a booklet (rule 16); "other" may go anywhere.
PART_ORDER = {"about": 0, "why": 1, "priority": 2, "check": 3, "have your say": 4, "contact": 5, "credits": 6}

# Each number is tried once, from its first digit, and its digits are never given back: a digit cannot
# be the % or "per cent" that must follow, and a fresh try at every digit of a long number is quadratic.
_PERCENT = re.compile(r"(?<!\d)(\d++(?:\.\d++)?)\s?(?:%|per ?cent\b)", re.IGNORECASE)
_LARGE = re.compile(r"£?\d{1,3}(?:,\d{3})+(?:\.\d+)?|£?\d{5,}|£\d{4}|£?\d+(?:\.\d+)? (?:million|billion)\b")
_COMPARED = re.compile(r"\b(same as|as much as|as many as|like|enough (?:to|for)|every|for each|out of|in every)\b", re.IGNORECASE)
# Likewise a run of asterisks is tried once, from its first.
_EMPHASIS = re.compile(r"(?<!\*)\*++[^*\s][^*]*+\*+|(?<!\w)_[^_\s][^_]*+_(?!\w)")
_SEMICOLON_AND_CO = re.compile(r";|\b(but|which|because)\b|\band (?:we|you|they|it|he|she)\b", re.IGNORECASE)
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|been|being|be)\s+(\w+ed|made|done|given|taken|known|shown|written|seen|paid|held|kept|built|sent|told|"
    r"chosen|spent|found|heard|brought|bought|met|run)\b",
    re.IGNORECASE,
)
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
    findings: list[Finding] = field(default_factory=list)

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


def check_edition(loaded: LoadedStrategy, glossary_terms: list[str], thresholds: Thresholds) -> Scorecard:
    strategy = loaded.model
    edition = strategy.easy_read
    card = Scorecard(loaded.id, edition.title if edition else strategy.title, priorities=len(strategy.priorities))
    if edition is None:
        return card
    findings: list[Finding] = []

    def add(path: Path_, rule: int, wording: tuple[str, str]) -> None:
        doc = loaded.source.document(path)
        pos = doc.position(path)
        findings.append(Finding(doc.file, pos.line, pos.column, format_path(path), rule, *wording))

    explained = hard_word_forms(edition)
    seen_once: set[tuple[int, str]] = set()

    def once(rule: int, key: str) -> bool:
        if (rule, key) in seen_once:
            return False
        seen_once.add((rule, key))
        return True

    # Everything a reader reads, with where it was written: headings, points and hard-word meanings.
    texts: list[tuple[Path_, str, bool]] = [(("easy_read", "title"), edition.title, False)]
    for i, section in enumerate(edition.sections):
        texts.append((("easy_read", "sections", i, "heading"), section.heading, False))
        for j, point in enumerate(section.points):
            texts.append((("easy_read", "sections", i, "points", j, "text"), point.text, True))
    for k, hard_word in enumerate(edition.hard_words):
        texts.append((("easy_read", "hard_words", k, "means"), hard_word.means, True))

    common = {w.lower() for w in thresholds.common_words}
    unexplained = Terms(t for t in glossary_terms if t.lower() not in explained)
    glossary_order = {t: i for i, t in reversed(list(enumerate(glossary_terms)))}
    glossary = {t.lower() for t in glossary_terms}

    for path, text, is_prose in texts:
        plain = without_addresses(text)
        # Each sentence with its words, split once for every rule that reads them.
        split = [(sentence, words(sentence)) for sentence in sentences(text)]
        card.words += sum(len(sentence_words) for _, sentence_words in split)
        for found in _EMPHASIS.findall(plain):
            add(path, 12, rules.italics(found))
        for symbol, instead in rules.SYMBOLS.items():
            if (symbol in plain) if symbol[0] in "&/+@" else re.search(rf"(?<!\w){re.escape(symbol)}", plain, re.IGNORECASE):
                add(path, 11, rules.symbol(symbol, instead))
        for match in _PERCENT.finditer(plain):
            add(path, 10, rules.percentage(match.group(0), float(match.group(1))))
        if not _COMPARED.search(plain):
            for match in _LARGE.finditer(plain):
                add(path, 10, rules.large_number(match.group(0)))
        for term in sorted(unexplained.mentioned(text), key=glossary_order.__getitem__):
            if once(8, term):
                card.unexplained_words += 1
                add(path, 8, rules.hard_word_unexplained(term))
        for sentence, sentence_words in split if is_prose else []:
            card.sentences += 1
            card.longest_sentence = max(card.longest_sentence, len(sentence_words))
            if len(sentence_words) > thresholds.max_sentence_words:
                card.long_sentences += 1
                add(path, 4, rules.sentence_too_long(len(sentence_words), thresholds.max_sentence_words, sentence))
            joiners = [m.group(0) for m in _SEMICOLON_AND_CO.finditer(sentence)]
            if sentence.count(",") >= 2:
                joiners.append("commas")
            if joiners:
                joiner = "a semicolon" if joiners[0] == ";" else f"'{joiners[0]}'" if joiners[0] != "commas" else "two commas"
                add(path, 5, rules.more_than_one_idea(joiner, sentence))
            for match in _PASSIVE.finditer(sentence):
                if match.group(1).lower() not in _NOT_PASSIVE:
                    add(path, 6, rules.passive(match.group(0)))
        for _, sentence_words in split:
            for word in sentence_words:
                token = word.text.replace("’", "'")
                lower = token.lower()
                if lower in explained or lower in glossary:
                    continue
                if lower in rules.NUMBER_WORDS and rules.NUMBER_WORDS[lower] < 100:
                    add(path, 10, rules.number_in_words(token, rules.NUMBER_WORDS[lower]))
                elif token.isupper() and len(token) >= 4 and token.isalpha() and zipf(lower) >= 3:
                    add(path, 12, rules.capitals(token))
                elif is_initials(token):
                    if once(9, token):
                        card.unexplained_words += 1
                        add(path, 9, rules.initials_unexplained(token))
                elif (
                    token.isalpha()
                    # A word with a capital letter is most often a name (Leicestershire, Melton): names are
                    # not rare words to replace, and a word list cannot tell them apart at a sentence's start.
                    and not token[:1].isupper()
                    and lower not in common
                    and zipf(lower) < thresholds.rare_word_zipf
                    and once(13, lower)
                ):
                    add(path, 13, rules.rare_word(lower, zipf(lower)))

    # Rule 7: a picture for every point, and words for every picture.
    for i, section in enumerate(edition.sections):
        for j, point in enumerate(section.points):
            card.points += 1
            here: Path_ = ("easy_read", "sections", i, "points", j)
            if point.picture is None:
                card.points_without_pictures += 1
                add(here, 7, rules.no_picture())
            elif point.alt is None:
                add(here + ("picture",), 7, rules.no_alt(point.picture))

    # Rule 16: the order of the booklet, and the closing date where people can have their say.
    furthest: tuple[int, str] = (-1, "")
    for i, section in enumerate(edition.sections):
        rank = PART_ORDER.get(section.part)
        if rank is None:
            continue
        if rank < furthest[0]:
            add(("easy_read", "sections", i, "part"), 16, rules.out_of_order(section.part, furthest[1]))
        elif rank > furthest[0]:
            furthest = (rank, section.part)
    if strategy.consultation is not None:
        closes = uk_date(strategy.consultation.closes)
        have_your_say = [(i, s) for i, s in enumerate(edition.sections) if s.part == "have your say"]
        if not have_your_say:
            add(("easy_read", "sections"), 16, rules.no_have_your_say())
        for i, section in have_your_say:
            if not any(closes in p.text for p in section.points):
                add(("easy_read", "sections", i, "heading"), 16, rules.closing_date_missing(closes))

    # Rule 14: a short document.
    card.pages = estimate_pages(edition)
    if card.words > thresholds.max_words:
        add(("easy_read",), 14, rules.too_many_words(card.words, thresholds.max_words))
    if card.pages > thresholds.max_pages:
        add(("easy_read",), 14, rules.too_many_pages(card.pages, thresholds.max_pages))

    explains = {s.priority for s in edition.sections if s.priority}
    card.priorities_covered = sum(1 for p in strategy.priorities if p.id in explains)
    if edition.checked_by:
        card.checked_by = f"{edition.checked_by.by}, {uk_date(edition.checked_by.date)}"
    card.findings = sorted(findings)
    return card


def all_findings(cards: list[Scorecard]) -> list[Finding]:
    """Every finding once, in file and line order: a style finding is on every edition's scorecard,
    because it affects each of them, but it is one mistake in mkdocs.yml."""
    return sorted({f for card in cards for f in card.findings})


def errors_in(cards: list[Scorecard]) -> list[Finding]:
    return [f for f in all_findings(cards) if f.severity == "error"]


# The last library checked, with its settings and scorecards: a build checks once, though both the
# command line (to stop before building) and the plugin (to log what a lenient build publishes) ask.
_last: tuple[Library, tuple[object, ...], list[Scorecard]] | None = None


def check_library(library: Library, style: Style, thresholds: Thresholds, style_lines: dict[str, int] | None = None) -> list[Scorecard]:
    """Check the style and every Easy Read edition. The style's findings go on every scorecard's list."""
    global _last
    settings = (style, thresholds, tuple(sorted((style_lines or {}).items())))
    if _last is not None and _last[0] is library and _last[1] == settings:
        return _last[2]
    cards = _check_library(library, style, thresholds, style_lines)
    _last = (library, settings, cards)
    return cards


def _check_library(library: Library, style: Style, thresholds: Thresholds, style_lines: dict[str, int] | None) -> list[Scorecard]:
    glossary = [t.term for t in library.glossary]
    style_findings = check_style(style, thresholds, lines=style_lines)
    cards = []
    for loaded in library.strategies:
        if loaded.model.easy_read is None:
            continue
        card = check_edition(loaded, glossary, thresholds)
        card.findings = sorted(style_findings + card.findings)
        cards.append(card)
    return cards


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
        f"  findings: {card.errors} {'error' if card.errors == 1 else 'errors'}, {card.advice} advice",
    ]
