"""The Easy Read rules, their thresholds and the wording of every finding.

The rules are those of the published guidance (see EASY-READ.md, "The rules", for the sources).
Where sources disagree, the default is the stricter number; a council can change any threshold
under `easy_read:` in mkdocs.yml. Rules a machine can check exactly are errors; rules it can only
guess at (one idea a sentence, active voice, common words, length) are advice, for a person to judge.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal, get_args

from plugins.content.model import EasyReadPart

Severity = Literal["error", "advice"]


@dataclass(frozen=True)
class Rule:
    number: int
    name: str
    severity: Severity


RULES: dict[int, Rule] = {
    r.number: r
    for r in (
        Rule(1, "large text", "error"),
        Rule(2, "plain font", "error"),
        Rule(3, "generous spacing", "error"),
        Rule(4, "short sentences", "error"),
        Rule(5, "one idea a sentence", "advice"),
        Rule(6, "active voice", "advice"),
        Rule(7, "a picture for every point", "error"),
        Rule(8, "hard words explained", "error"),
        Rule(9, "no initials", "error"),
        Rule(10, "numbers", "error"),
        Rule(11, "no symbols for words", "error"),
        Rule(12, "bold only", "error"),
        Rule(13, "common words", "advice"),
        Rule(14, "short document", "advice"),
        Rule(16, "order", "error"),
        Rule(18, "facts from the plan", "error"),
        Rule(19, "true as time passes", "error"),
        Rule(20, "one picture, one meaning", "error"),
        Rule(21, "pictures that match their words", "error"),
        Rule(22, "pictures to think about", "advice"),
        Rule(23, "contacts a reader can use", "error"),
    )
}

# Fonts without serifs that Easy Read guidance names or that read the same way. The first font of
# the configured list is the one checked: the rest are fallbacks.
SANS_SERIF_FONTS = (
    "atkinson hyperlegible",
    "arial",
    "arimo",
    "helvetica",
    "verdana",
    "tahoma",
    "open sans",
    "lexend",
    "noto sans",
    "dejavu sans",
    "liberation sans",
    "source sans 3",
    "system-ui",
    "sans-serif",
)


@dataclass(frozen=True)
class Thresholds:
    """The numbers each rule is checked against; every one can be set in mkdocs.yml."""

    max_sentence_words: int = 15
    min_font_size_px: float = 18.7
    min_line_height: float = 1.5
    max_words: int = 1000
    max_pages: int = 24
    rare_word_zipf: float = 3.5
    common_words: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Style:
    """How the Easy Read pages and booklet are set, as mkdocs.yml configures them."""

    font_size_px: float = 21.0
    line_height: float = 1.6
    font_family: str = "Atkinson Hyperlegible"


def style_and_thresholds(options: Mapping[str, Any]) -> tuple[Style, Thresholds]:
    """The style and thresholds from the options under `easy_read:` in mkdocs.yml, which bear the
    fields' names. The numbers may be written as whole numbers there (21); the rules compare floats."""
    style = Style(
        font_size_px=float(options["font_size_px"]), line_height=float(options["line_height"]), font_family=options["font_family"]
    )
    thresholds = Thresholds(
        max_sentence_words=options["max_sentence_words"],
        min_font_size_px=float(options["min_font_size_px"]),
        min_line_height=float(options["min_line_height"]),
        max_words=options["max_words"],
        max_pages=options["max_pages"],
        rare_word_zipf=float(options["rare_word_zipf"]),
        common_words=tuple(options["common_words"]),
    )
    return style, thresholds


# The parts of a booklet in the order readers meet them (rule 16), as the content model lists them;
# "other" may go anywhere.
PART_ORDER = {part: rank for rank, part in enumerate(p for p in get_args(EasyReadPart) if p != "other")}
# How rule 16's suggestion names each part.
_PART_WORDS = {"priority": "the priorities"}


# --- The wording of findings --------------------------------------------------------------------


def font_too_small(size: float, least: float) -> tuple[str, str]:
    return (f"Easy Read text is set at {size:g}px; it must be at least {least:g}px.", f"set font_size_px to {max(20, least):g} or more")


def font_not_plain(font: str) -> tuple[str, str]:
    return (f"'{font}' is not a plain sans-serif font.", "use Atkinson Hyperlegible, Arial or another font without serifs")


def line_height_too_small(height: float, least: float) -> tuple[str, str]:
    return (f"Easy Read lines are spaced at {height:g}; they must be at least {least:g}.", f"set line_height to {least:g} or more")


def sentence_too_long(words: int, most: int, sentence: str) -> tuple[str, str]:
    return (f"this sentence has {words} words; the most is {most}: '{_clip(sentence)}'", "split it into two sentences")


def more_than_one_idea(joiner: str, sentence: str) -> tuple[str, str]:
    return (f"this sentence may say more than one thing (joined by {joiner}): '{_clip(sentence)}'", "give each idea its own sentence")


def passive(phrase: str) -> tuple[str, str]:
    return (f"'{phrase}' may be passive.", "say who does it, such as 'we will' or 'you can'")


def no_picture() -> tuple[str, str]:
    return ("this point has no picture.", "add picture: with the name of a picture in pictures/")


def no_alt(picture: str) -> tuple[str, str]:
    return (f"the picture '{picture}' has no alt text.", "add alt: saying what the picture shows")


# A word that is another form of a hard word the edition explains (EHCPs of EHCP), with the hard word
# and the forms it gives already: added to hard_words as a word of its own, it would be explained twice.
FormOf = tuple[str, Sequence[str]]


def _to_forms(word: str, form_of: FormOf) -> str:
    hard_word, forms = form_of
    return f"add {word} to the forms of {hard_word} in hard_words (forms: [{', '.join([*forms, word])}])"


def hard_word_unexplained(word: str, form_of: FormOf | None = None) -> tuple[str, str]:
    suggestion = _to_forms(word, form_of) if form_of else f"add {word} to hard_words with what it means"
    return (f"{word} is a hard word from the glossary and is not explained on this page.", suggestion)


def initials_unexplained(word: str, form_of: FormOf | None = None) -> tuple[str, str]:
    suggestion = _to_forms(word, form_of) if form_of else f"write the words in full, or add {word} to hard_words with what it means"
    return (f"{word} is not explained on this page.", suggestion)


def number_in_words(word: str, digit: int) -> tuple[str, str]:
    return (f"'{word}' is a number written as a word.", f"{word} -> {digit}")


def percentage(text: str, value: float) -> tuple[str, str]:
    return (f"'{text}' is a percentage.", f"{text} -> {in_words_of(value)}")


# The words that compare a large number with something the reader knows (rule 10): a point that
# holds one of them compares its large numbers. The checker looks for these and no others.
COMPARISONS = ("same as", "as much as", "as many as", "like", "enough to", "enough for", "every", "for each", "out of", "in every")


def large_number(text: str) -> tuple[str, str]:
    words = ", ".join(f"'{w}'" for w in COMPARISONS[:-1]) + f" or '{COMPARISONS[-1]}'"
    return (
        f"'{text}' is a large number with nothing to compare it with.",
        f"compare it with something the reader knows, in the same point, with {words}",
    )


def symbol(found: str, words: str) -> tuple[str, str]:
    return (f"'{found}' is a symbol or short form used for words.", f"{found} -> {words}")


def italics(found: str) -> tuple[str, str]:
    return (f"'{found}' is marked for italics or underlining.", "use bold for hard words only; leave other words plain")


def capitals(word: str) -> tuple[str, str]:
    return (f"'{word}' is written in capitals.", f"{word} -> {word.capitalize() if word.isupper() else word}")


def rare_word(word: str, zipf: float, least: float, form_of: FormOf | None = None) -> tuple[str, str]:
    return (
        f"'{word}' is not a common word (frequency {zipf:.1f}; common words are {least:g} or more).",
        f"use a more common word, or {_to_forms(word, form_of) if form_of else f'add {word} to hard_words'}",
    )


def too_many_words(words: int, most: int) -> tuple[str, str]:
    return (f"this edition has {words:,} words; Easy Read keeps to about {most:,}.", "cut what the reader does not need")


def too_many_pages(pages: int, most: int) -> tuple[str, str]:
    return (f"this edition would print on about {pages} pages; Easy Read keeps to about {most}.", "cut what the reader does not need")


def out_of_order(part: str, after: str) -> tuple[str, str]:
    return (
        f"the '{part}' section comes after the '{after}' section.",
        "keep the order: " + ", ".join(_PART_WORDS.get(p, p) for p in PART_ORDER),
    )


def invites_after_closing(phrase: str, closed: str, day: str, marked: bool) -> tuple[str, str]:
    if marked:
        why = "this point is marked to show only after the time to have your say has ended"
    else:
        why = f"the time to have your say {closed}, and this site is built for {day}"
    return (
        f"'{phrase}' asks people to answer, but {why}.",
        "say it in the past tense, such as 'You could answer online', or add 'when: while open' to show it only while people can answer",
    )


def future_of_passed_date(word: str, date: str, day: str) -> tuple[str, str]:
    return (
        f"'{word}' speaks of {date} as still to come, but this site is built for {day}.",
        "say what happened, in the past tense, or where the content does not say: 'The council planned to ...'",
    )


def future_after_end(word: str, ended: str) -> tuple[str, str]:
    return (
        f"'{word}' speaks of the plan in the future tense, and {ended}.",
        "say it in the past tense, such as 'The plan said there would be ...'",
    )


def picture_means_two_things(picture: str, earlier_alt: str, earlier_line: int, alt: str) -> tuple[str, str]:
    return (
        f"the picture '{picture}' stands for '{earlier_alt}' at line {earlier_line}, and here for '{alt}': "
        "one picture should mean one thing in a booklet.",
        f"choose another picture for this point, or give it the same words as at line {earlier_line} if it means the same thing",
    )


def page_picture_used(picture: str, meaning: str) -> tuple[str, str]:
    return (
        f"the page itself uses the picture '{picture}' to mean '{meaning}', so a point using it makes it mean two things.",
        "choose another picture for this point",
    )


def picture_shows_unknown(picture: str, set_file: str) -> tuple[str, str]:
    return (
        f"{set_file} does not say what '{picture}' shows.",
        f"add '{picture}: {{shows: ...}}' under pictures: in {set_file}, saying plainly what is drawn",
    )


def picture_does_not_match(picture: str, alt: str, shows: str, set_file: str) -> tuple[str, str]:
    return (
        f"the words for the picture '{picture}' ('{alt}') share no word with what it shows.",
        f"{set_file} says it shows '{shows}': say what it shows, or choose a picture that shows what you mean",
    )


def picture_abstract(picture: str, set_file: str) -> tuple[str, str]:
    return (
        f"'{picture}' is a sign, not a person, place or thing a reader knows from life: {set_file} marks it abstract.",
        "choose a picture of what this point is about",
    )


def picture_sensitive(picture: str, reason: str, set_file: str) -> tuple[str, str]:
    return (
        f"{set_file} says to think before using '{picture}': {reason.rstrip('.')}.",
        "choose another picture, or keep this one if the people who check the booklet agree",
    )


def fact_not_in_content(
    fact: str, files: Sequence[str], organisations_file: str, progress_reports: int, share_percent: float | None = None
) -> tuple[str, str]:
    """Rule 18: a fact the strategy's content does not give, and everywhere it was looked for."""
    places = [*files, f"the council's entry in {organisations_file}"]
    if progress_reports:
        places.append(f"{progress_reports} progress {'report that names' if progress_reports == 1 else 'reports that name'} it")
    where = ", ".join(places[:-1]) + f" and {places[-1]}"
    near = f", nor a percentage within half a point of {round(share_percent, 1):g}%" if share_percent is not None else ""
    return (
        f"'{fact}' is not in this strategy's content{near} (looked in {where}).",
        "write only what the plan says, or add it to the strategy's content first",
    )


def contact_by_email_only(content_has_more: bool) -> tuple[str, str]:
    if content_has_more:
        return (
            "this contact section gives an email address but no phone number, postal address or text relay.",
            "add the phone number, postal address or text relay number the plan gives, for readers who do not use email",
        )
    # The edition may not invent a number the plan does not give: it says so, and the council is asked for one.
    return (
        "this contact section gives only an email address, and the plan gives no phone number, postal address or text relay.",
        "ask the council for one and add it to the strategy's contacts; until then, say in a point that the plan gives no phone number",
    )


def phone_not_grouped(written: str, grouped: str) -> tuple[str, str]:
    return (f"the phone number '{written}' is not written in the groups people read it in.", f"{written} -> {grouped}")


# The symbols of rule 11, with what to write instead: a symbol is one wherever it is written.
SYMBOLS = {"&": "and", "/": "or", "+": "and", "@": "at"}
# Rule 11's short forms: one only where a word starts, in any case ("E.g." too, but not "thee.g.").
SHORT_FORMS = {"e.g.": "for example", "etc.": "and more", "i.e.": "that is"}

NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}


def in_words_of(percent: float) -> str:
    """A percentage as a simple 'x in y', which Easy Read readers find easier: 25% -> 1 in 4."""
    if percent >= 100:
        return "all"
    if percent <= 0:
        return "none"
    if percent < 10:
        whole = 100 / percent
        return f"{'' if whole == round(whole) else 'about '}1 in {round(whole)}"
    share = Fraction(percent / 100).limit_denominator(10)
    if share == 1:
        return "almost all"
    exact = abs(float(share) * 100 - percent) < 0.5
    return f"{'' if exact else 'about '}{share.numerator} in {share.denominator}"


def _clip(sentence: str, most: int = 70) -> str:
    return sentence if len(sentence) <= most else sentence[: most - 3].rstrip() + "..."
