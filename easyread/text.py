"""Splitting Easy Read text into sentences and words, point by point.

General readability tools merge bullet points without full stops into one long sentence, so the
checker splits each point itself: a sentence ends at . ! or ? followed by a space or the end.
Web addresses, email addresses and phone numbers are set aside first: they are not words a reader
has to understand, and their dots and slashes are not sentence ends or symbols.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Addresses and numbers a reader copies rather than reads.
_ADDRESSES = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b0\d{2,4}(?: ?\d{3,4}){2}\b|\b[A-Z]{1,2}\d{1,2}[A-Z]? ?\d[A-Z]{2}\b"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
WORD = re.compile(r"[A-Za-z0-9£][A-Za-z0-9£'’,.-]*[A-Za-z0-9%]|[A-Za-z0-9£%]")


@dataclass(frozen=True)
class Word:
    text: str


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


def is_initials(word: str) -> bool:
    """SEND, EHCP, SENCo, DfE: two or more capitals, perhaps with small letters between or a plural s."""
    core = word[:-1] if word.endswith("s") and sum(c.isupper() for c in word[:-1]) >= 2 else word
    return sum(c.isupper() for c in core) >= 2 and core[:1].isupper() and core.isalpha()
