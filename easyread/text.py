"""Splitting Easy Read text into sentences and words, point by point.

General readability tools merge bullet points without full stops into one long sentence, so the
checker splits each point itself: a sentence ends at . ! or ? followed by a space or the end.
Web addresses, email addresses and phone numbers are set aside first: they are not words a reader
has to understand, and their dots and slashes are not sentence ends or symbols.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import phonenumbers

from plugins.content.model import EMAIL_IN_TEXT, PHONE_IN_TEXT

# Addresses and numbers a reader copies rather than reads. An email address is tried only where a run of
# the characters it may hold begins, and that run is never given back: otherwise every letter of a long
# word without an @ starts a fresh scan to the word's end, and a 100 KB word takes minutes.
_ADDRESSES = re.compile(rf"https?://\S+|www\.\S+|{EMAIL_IN_TEXT}|{PHONE_IN_TEXT}|\b[A-Z]{{1,2}}\d{{1,2}}[A-Z]? ?\d[A-Z]{{2}}\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
WORD = re.compile(r"[A-Za-z0-9£][A-Za-z0-9£'’,.-]*[A-Za-z0-9%]|[A-Za-z0-9£%]")


@dataclass(frozen=True)
class Word:
    text: str


@dataclass(frozen=True)
class PhoneNumber:
    """A phone number found in text: as it is written there, and in the groups people read it in."""

    written: str
    grouped: str

    @property
    def is_grouped(self) -> bool:
        return " ".join(self.written.split()) == self.grouped


# Relay UK's prefix, dialled before a number by someone who types rather than speaks: "18001 0116 305
# 7429" is the number 0116 305 7429 by text relay, not one number of fifteen digits.
_RELAY_PREFIX = re.compile(r"\b18001(?=\s)")


def phone_numbers(text: str) -> list[PhoneNumber]:
    """The phone numbers in a text, each with how it is grouped: a UK number as people read it in the
    UK (0116 305 7429, 0300 123 6600), any other in its international groups. Only numbers that could
    be dialled count: a year, a sum or a count is never one."""
    searched = _RELAY_PREFIX.sub(lambda m: " " * len(m.group(0)), text)
    found = []
    for match in phonenumbers.PhoneNumberMatcher(searched, "GB"):
        number = match.number
        uk = phonenumbers.region_code_for_number(number) == "GB"
        style = phonenumbers.PhoneNumberFormat.NATIONAL if uk else phonenumbers.PhoneNumberFormat.INTERNATIONAL
        found.append(PhoneNumber(match.raw_string, phonenumbers.format_number(number, style)))
    return found


def in_groups(text: str) -> str:
    """The text with each phone number in it written in its groups (0116 3057429 -> 0116 305 7429), as
    rule 23 asks; anything else, a relay prefix included, as written."""
    for number in phone_numbers(text):
        text = text.replace(number.written, number.grouped, 1)
    return text


def without_addresses(text: str) -> str:
    """The text with web addresses, emails, phone numbers and postcodes replaced by a neutral word."""
    return _ADDRESSES.sub("address", text)


def sentences(text: str) -> list[str]:
    cleaned = without_addresses(text).strip()
    return [s.strip() for s in _SENTENCE_END.split(cleaned) if s.strip()]


def words(sentence: str) -> list[Word]:
    found = []
    for match in WORD.finditer(sentence):
        token = match.group(0).rstrip(".,")
        if token:
            found.append(Word(token))
    return found


def mentions(text: str, term: str) -> bool:
    """Whether the text uses a term: initials match exactly (SEND, not send); words in any case."""
    flags = 0 if is_initials(term) else re.IGNORECASE
    return re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text, flags) is not None


# A term's words and the marks between them, one by one: a word is a whole run of letters, digits and
# hyphens, as `mentions` bounds a term; any other character is a piece of its own.
_PIECE = re.compile(r"(?P<word>[\w-]+)|[^\w-]")


@dataclass
class _Node:
    next: dict[str, _Node] = field(default_factory=dict)
    ends: list[str] = field(default_factory=list)


class Terms:
    """Which of many terms a text mentions, as `mentions` decides, in one walk over the text.

    Searching the whole text once for each term costs the text's length times the number of terms, and
    both are content: a long glossary and a long edition would take hours. A term can only begin where a
    word or a mark begins, and must follow the text piece by piece, so each place in the text walks a
    tree of the terms' pieces only as far as the text keeps matching one of them.
    """

    def __init__(self, terms: Iterable[str]) -> None:
        self._root = _Node()
        for term in dict.fromkeys(terms):
            node = self._root
            for piece in (m.group(0) for m in _PIECE.finditer(term)):
                node = node.next.setdefault(piece.casefold(), _Node())
            node.ends.append(term)
        # Compiled when the text first comes close to a term: most of a long glossary never does.
        self._patterns: dict[str, re.Pattern[str]] = {}

    def _pattern(self, term: str) -> re.Pattern[str]:
        if term not in self._patterns:
            flags = 0 if is_initials(term) else re.IGNORECASE
            self._patterns[term] = re.compile(rf"{re.escape(term)}(?![\w-])", flags)
        return self._patterns[term]

    def mentioned(self, text: str) -> set[str]:
        found: set[str] = set()
        pieces = [(m.start(), m.group(0).casefold(), m.lastgroup == "word") for m in _PIECE.finditer(text)]
        for i, (start, _, is_word) in enumerate(pieces):
            if not is_word and i and pieces[i - 1][2]:
                continue  # a mark straight after a word: `mentions` wants no word before a term
            node = self._root
            for j in range(i, len(pieces)):
                following = node.next.get(pieces[j][1])
                if following is None:
                    break
                node = following
                for term in node.ends:
                    if term not in found and self._pattern(term).match(text, start):
                        found.add(term)
        return found


def is_initials(word: str) -> bool:
    """SEND, EHCP, SENCo, DfE: two or more capitals, perhaps with small letters between or a plural s."""
    core = word[:-1] if word.endswith("s") and sum(c.isupper() for c in word[:-1]) >= 2 else word
    return sum(c.isupper() for c in core) >= 2 and core[:1].isupper() and core.isalpha()


# --- Comparing what a picture is said to show ---------------------------------------------------------

# Words that say nothing of what is drawn: articles, small joining words, pronouns, and words for a
# picture itself ("a picture of a school" shows a school).
LITTLE_WORDS = frozenset(
    "a an the and or but of in on at to for with by from up down out off over under into onto as "
    "is are was were be been being has have had it its this that these those there here "
    "i you he she we they me him her us them my your his our their some any no not "
    "picture image drawing icon".split()
)
# Plurals no ending rule reaches.
_IRREGULAR = {"children": "child", "people": "person", "men": "man", "women": "woman", "feet": "foot", "teeth": "tooth"}
_TEXT_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def _words_of(text: str) -> list[str]:
    return _TEXT_WORD.findall(text.casefold().replace("’", "'"))


def same_words(text: str) -> str:
    """The text as rule 20 compares two alt texts: the same words in the same order, whatever their
    case and punctuation, and with or without a, an and the ("A calendar." is "calendar")."""
    return " ".join(w for w in _words_of(text) if w not in ("a", "an", "the"))


def stem(word: str) -> str:
    """A word without its simple endings, so that raised, raising and raise, or hand and hands, meet.
    Rough on purpose: both sides of a comparison go through it, so it need only be consistent."""
    word = word.casefold().replace("’", "'").removesuffix("'s").strip("'")
    word = _IRREGULAR.get(word, word)
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    else:
        for ending in ("ing", "ed", "es", "s"):
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2]:
        word = word[:-1]  # running -> runn -> run; glass and glasses both -> glas
    return word


def content_words(text: str) -> set[str]:
    """The words of a text that say what something is, each stemmed: rule 21 asks an alt text to
    share one of them with what the picture's set says it shows."""
    return {stem(w) for w in _words_of(text) if w not in LITTLE_WORDS}
