"""What the standard edition holds and the Easy Read edition never mentions, for a person to decide.

An Easy Read edition leaves most of the plan out, and should: but a family may need a figure, a body,
a term or a contact that the team left out without meaning to. The coverage list names each one:

- figures: sums of money, percentages and counts in the council's prose (not years, days, or numbers
  that label something, such as Key Stage 2 or paragraph 12);
- bodies: the governance boards, and who meets or decides in the timeline (the Government, where the
  plan says what it did, is a body too);
- glossary terms: the terms of the site's glossary that the strategy lists. They are the plan's hard
  words and acronyms: some name a service (DSP), some a body (DfE, Ofsted), some a plan or a fund
  (EHCP, MTFS, DSG), some an idea (co-production). The glossary does not say which, and guessing
  from the words would be wrong as often as right, so the list names them for what they are;
- contacts: the officers to contact.

"Mentions" is read on normalised text (case, punctuation, "per cent" and "%", "£102m" and "102
million"), so "3,000 children" is mentioned by "3000 children"; a percentage is also mentioned by its
share in the words rule 10 asks for ("25%" by "1 in 4"), and a contact by name or by the digits of
their phone number. A body is also mentioned by a short form the content gives for it: the initials
its name gives in brackets ("LPP" for "Leicester Primary Partnership (LPP)"), or the site glossary's
term for words in its name ("BEST Programme Board" for "Building Education Services Together
Programme Board", as the glossary's BEST stands for Building Education Services Together). And a
point whose `from:` names the item itself mentions it, whatever its words, since the review page
shows that part beside the point for the team to read: a board (governance/boards/<id>), and the
contact where the plan has only one (contacts; where it has more, the path does not say which, and a
contact left out would pass unseen). A path that names a part the item is only in does not: an
event of the timeline (timeline/<n>) is not its body, and a point can explain an action and leave
its figure out.

Nothing here is a finding: the team adds what readers need, and records what they leave out on
purpose, with why, in the edition's `left_out`, which shows it as decided.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from plugins.content.model import EMAIL_IN_TEXT
from plugins.content.standard_text import standard_texts

from .rules import in_words_of
from .text import is_initials, phone_numbers

if TYPE_CHECKING:
    from plugins.content.library import LoadedStrategy
    from plugins.content.model import EasyRead, Term

Kind = Literal["figure", "body", "term", "contact"]
# In the order the scorecard and the review page list them, with their names in the plural.
KINDS: dict[Kind, str] = {"figure": "figures", "body": "bodies", "term": "glossary terms", "contact": "contacts"}
# Each kind's name for one item.
KIND_NAMES: dict[Kind, str] = {"figure": "figure", "body": "body", "term": "glossary term", "contact": "contact"}

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# What is not a figure, blanked out before figures are looked for: addresses and links' targets, dates
# (a day beside its month, a year, a year's second half in 2027/28 or 2024-27), and numbers that label
# something rather than count it (Key Stage 2, Level 3, Covid-19, paragraph 12, year 9).
_NOT_FIGURES = re.compile(
    rf"\]\([^)\s]*\)|https?://\S+|www\.\S+|{EMAIL_IN_TEXT}"
    rf"|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b|\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?=,?\s+\d{{4}})"
    r"|(?<![£\d,.])\b(?:19|20|21)\d{2}(?:\s?[/–-]\s?\d{2}(?:\d{2})?)?\b(?![,.]\d)"
    r"|\b(?:stage|level|element|section|sections|paragraph|paragraphs|para|appendix|part|page|pages|priority|phase|tier"
    r"|option|step|chapter|aim|item|year|act|number|grade|class|route|version)\s+\d+\b"
    r"|(?<=[A-Za-z]-)\d+\b"
    r"|^\s*\d+[.)]\s",
    re.IGNORECASE | re.MULTILINE,
)
_MONEY = re.compile(r"£\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|bn|m|k)\b)?", re.IGNORECASE)
_PERCENT = re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|per ?cent\b)", re.IGNORECASE)
# A count: a whole number, with its thousands separated or not. A number inside a word (s194972, B1)
# or a decimal is not one.
_COUNT = re.compile(r"(?<![\w£.])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w%]|\.\d)")
# What a small number counts: the word after it, or after the list of numbers it starts ("2, 3 and 4
# year olds"), joined by a space or a hyphen ("8-week").
# At most LISTED numbers follow the first, and no run is given back: tried after every small number, a
# list with no end ("1, 1, 1, ...") or a long run of spaces would otherwise be read again from each.
LISTED = 12
_UNIT = re.compile(rf"(?:\s*+(?:,|and|or|to)\s*+\d++){{0,{LISTED}}}+\s*+-?\s*+(?P<unit>[A-Za-z]+)")
_NOT_UNITS = {"and", "or", "to", "of", "the", "a", "an", "in", "on", "for", "with", "at", "by", "from", "is", "are", "was", "were"}
# An event in the timeline is the public's, not a body's, when the public consultation opens or closes.
_PUBLIC_EVENTS = {"consultation opens", "consultation closes"}


@dataclass(frozen=True)
class CoverageItem:
    """One thing the standard edition holds: what kind it is, the item as listed (the words left_out
    names it by), where in the standard edition it is, and the words around it there."""

    kind: Kind
    item: str
    where: str
    context: str = ""

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]


@dataclass(frozen=True)
class Accepted:
    item: CoverageItem
    why: str


@dataclass
class Coverage:
    """What the Easy Read edition never mentions: still open for the team, or left out by its decision;
    and what left_out names that the list no longer holds (mentioned since, or gone from the plan)."""

    open: list[CoverageItem] = field(default_factory=list)
    accepted: list[Accepted] = field(default_factory=list)
    no_longer_listed: list[str] = field(default_factory=list)

    def counts(self) -> dict[Kind, int]:
        return {kind: sum(1 for i in self.open if i.kind == kind) for kind in KINDS}


def normalised(text: str) -> str:
    """Text as "mentions" compares it: lower case, one space between words, no punctuation but what a
    figure needs; thousands unseparated, "per cent" as %, "£2m" as "2 million", and no £ sign."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    text = re.sub(r"\s?per ?cent\b", "%", text)
    text = re.sub(r"(?<=\d)\s?(bn|m|k)\b", lambda m: {"bn": " billion", "m": " million", "k": " thousand"}[m.group(1)], text)
    text = text.replace("£", " ")
    # A full stop or comma between digits is part of a figure (0.5); anywhere else it is punctuation.
    text = re.sub(r"(?<!\d)[.,]|[.,](?!\d)", " ", text)
    text = re.sub(r"[^\w%.,]+", " ", text)
    text = re.sub(r"(?<=\d) %", "%", text)
    return f" {' '.join(text.split())} "


def _mentions(haystack: str, *needles: str) -> bool:
    return any(n.strip() and normalised(n) in haystack for n in needles)


def _digits_of_numbers(text: str) -> set[str]:
    """Every run of digits in a text, with the spaces and hyphens inside it taken out: 0116 305 7429 -> 01163057429.
    A phone number is mentioned where its digits are in one of them, as after text relay's 18001."""
    return {re.sub(r"\D", "", run) for run in re.findall(r"\d[\d\s-]*\d|\d", text)}


def _context(text: str, start: int, end: int, around: int = 40) -> str:
    """The words around a place in a text, on one line, cut at words."""
    before = text[max(0, start - around) : start]
    after = text[end : end + around]
    if start - around > 0 and " " in before:
        before = "…" + before.split(" ", 1)[1]
    if end + around < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + "…"
    return " ".join((before + text[start:end] + after).split())


def _blanked(text: str) -> str:
    """The text with what is not a figure replaced by spaces, so that places in it stay where they were."""
    return _NOT_FIGURES.sub(lambda m: " " * len(m.group(0)), text)


def figures(text: str) -> list[tuple[str, int, int]]:
    """The figures in a piece of the council's prose, each as written, with where it is."""
    searched = _blanked(text)
    found: list[tuple[str, int, int]] = []
    for pattern in (_MONEY, _PERCENT):
        for match in pattern.finditer(searched):
            found.append((" ".join(match.group(0).split()), match.start(), match.end()))
            searched = searched[: match.start()] + " " * (match.end() - match.start()) + searched[match.end() :]
    for match in _COUNT.finditer(searched):
        number = match.group(0)
        if not number.replace(",", "").lstrip("0"):
            continue
        # A number under 10 is in every edition ("Aim 2"): it says a figure only with what it counts.
        # Compared by its digits: a number of thousands of digits is too long for int().
        unit = _UNIT.match(searched, match.end()) if len(number.replace(",", "").lstrip("0")) == 1 else None
        if unit is not None and unit.group("unit").lower() not in _NOT_UNITS:
            number = f"{number} {unit.group('unit')}"
        found.append((number, match.start(), match.end()))
    return sorted(found, key=lambda f: f[1])


def _figure_mentioned(figure: str, said: str) -> bool:
    number, _, unit = figure.partition(" ")
    if unit and number.isdigit():
        # "4 year" is mentioned by "4 year olds", and by "2, 3 and 4 year olds" for each of its numbers.
        counted = re.escape(normalised(unit).strip())
        listed = rf"(?: \d++(?: (?:and|or|to))?){{0,{LISTED}}}+"
        return re.search(rf" {number}(?: (?:and|or|to))?{listed} {counted} ", said) is not None
    if _mentions(said, figure):
        return True
    percent = _PERCENT.fullmatch(figure)
    if percent:
        share = in_words_of(float(re.sub(r"[^\d.]", "", figure)))
        # "all" and "none" are words every edition uses; only a share such as "1 in 4" says the figure.
        return " in " in share and _mentions(said, share.removeprefix("about "))
    return False


# Initials in brackets in a body's name: "Leicester Primary Partnership (LPP)".
_BRACKETED = re.compile(r"\s*\(([^()\s]+)\)")
# Words an acronym's letters skip: "Children and Families Partnership (CFP)".
_LITTLE_WORDS = {"and", "of", "the", "for", "&", "in", "on", "to"}


def short_forms(name: str, glossary: Iterable[Term]) -> list[str]:
    """The short forms the content gives for a body's name, besides the name itself: with its
    initials in brackets taken out, or put in place of the words they stand for (the initials alone
    where the brackets end the name); and with the words a glossary term stands for put as the term."""
    forms: list[str] = []
    for match in _BRACKETED.finditer(name):
        initials = match.group(1)
        if not is_initials(initials):
            continue
        before, after = name[: match.start()], name[match.end() :]
        forms.append(before + after)
        if not after.strip():
            forms.append(initials)
        words = before.split()
        for k in range(1, len(words) + 1):
            spelt = "".join(w[0] for w in words[-k:] if w.lower() not in _LITTLE_WORDS)
            if spelt.lower() == initials.lower():
                forms.append(" ".join([*words[:-k], initials]) + after)
                break
            if len(spelt) > len(initials):
                break
    said = normalised(name)
    for term in glossary:
        if term.stands_for and normalised(term.stands_for) in said:
            forms.append(said.replace(normalised(term.stands_for), f" {term.term} "))
    return list(dict.fromkeys(forms))


def _standard_items(loaded: LoadedStrategy, glossary: Iterable[Term]) -> list[tuple[CoverageItem, tuple[str, ...], tuple[str, ...]]]:
    """Each item the standard edition holds, once, in the order it first appears, with the words any of
    which would mention it, and the paths of the parts of the plan it is, which a point's from: names."""
    m = loaded.model
    terms = list(glossary)
    items: dict[str, tuple[CoverageItem, tuple[str, ...], tuple[str, ...]]] = {}

    def add(item: CoverageItem, *words: str, parts: tuple[str, ...] = ()) -> None:
        key = f"{item.kind}:{normalised(item.item)}"
        if key in items:
            first, said, named = items[key]
            items[key] = (first, said, named + parts)
        else:
            items[key] = (item, words or (item.item,), parts)

    def body(name: str, where: str, parts: tuple[str, ...] = ()) -> None:
        plain = name.removeprefix("The ")
        add(CoverageItem("body", name, where), name, plain, *short_forms(plain, terms), parts=parts)

    for part in standard_texts(m):
        if not part.prose:
            continue
        for words in (part.heading, part.text):
            for figure, start, end in figures(words):
                add(CoverageItem("figure", figure, part.label, _context(words, start, end)))
    if m.governance is not None:
        for board in m.governance.boards:
            body(board.name, "Governance", (f"governance/boards/{board.id}",))
    # timeline/<n> names an event, not its body: "We had a plan for 2020 to 2023" can come from the
    # Cabinet's meeting and say nothing of the Cabinet.
    for event in m.timeline:
        if event.kind not in _PUBLIC_EVENTS:
            body(event.body, "Timeline")
    by_term = {t.term: t for t in terms}
    for name in m.glossary:
        term = by_term.get(name)
        stands_for = term.stands_for if term and term.stands_for else ""
        add(CoverageItem("term", name, "Glossary", stands_for), name, stands_for)
    # `contacts` names them all: it names one contact only where the plan has no other.
    only = ("contacts",) if len(m.contacts) == 1 else ()
    for contact in m.contacts:
        details = ", ".join(x for x in (contact.role, contact.phone, contact.email) if x)
        add(CoverageItem("contact", contact.name, "Contacts", details), contact.name, parts=only)
    return list(items.values())


def _said(edition: EasyRead) -> str:
    """Everything the Easy Read edition says to its reader, as one normalised text."""
    texts = [edition.title]
    for section in edition.sections:
        texts.append(section.heading)
        texts += [p.text for p in section.points]
    for word in edition.hard_words:
        texts += [word.word, *word.forms, word.means]
    return "\n".join(texts)


def coverage(loaded: LoadedStrategy, glossary: Iterable[Term]) -> Coverage:
    """The coverage list of a strategy's Easy Read edition (empty where it has none)."""
    edition = loaded.model.easy_read
    out = Coverage()
    if edition is None:
        return out
    said_text = _said(edition)
    said = normalised(said_text)
    said_digits = _digits_of_numbers(said_text)
    contacts = {c.name: c for c in loaded.model.contacts}
    decided = {normalised(entry.item): entry for entry in edition.left_out}
    named = {point.from_ for section in edition.sections for point in section.points if point.from_}
    listed: set[str] = set()
    for item, words, parts in _standard_items(loaded, glossary):
        if named.intersection(parts):
            mentioned = True
        elif item.kind == "figure":
            mentioned = _figure_mentioned(item.item, said)
        elif item.kind == "contact":
            phone = contacts[item.item].phone
            digits = {re.sub(r"\D", "", n.written) for n in phone_numbers(phone)} if phone else set()
            mentioned = _mentions(said, *words) or any(d in run for d in digits for run in said_digits)
        else:
            mentioned = _mentions(said, *words)
        if mentioned:
            continue
        key = normalised(item.item)
        listed.add(key)
        entry = decided.get(key)
        if entry is not None:
            out.accepted.append(Accepted(item, entry.why))
        else:
            out.open.append(item)
    out.no_longer_listed = [entry.item for key, entry in decided.items() if key not in listed]
    order = list(KINDS)
    out.open.sort(key=lambda i: order.index(i.kind))
    out.accepted.sort(key=lambda a: order.index(a.item.kind))
    return out


def coverage_lines(cover: Coverage) -> list[str]:
    """The scorecard's "not mentioned" line, then each item, indented."""
    counts = cover.counts()
    counted = ", ".join(f"{n} {KINDS[kind] if n != 1 else KIND_NAMES[kind]}" for kind, n in counts.items())
    decided = f"; {len(cover.accepted)} left out by decision" if cover.accepted else ""
    lines = [f"  not mentioned: {counted}{decided}"]
    for item in cover.open:
        lines.append(f"    {item.kind_name}: {item.item} ({_where(item)})")
    for accepted in cover.accepted:
        lines.append(f"    left out, {accepted.item.kind_name}: {accepted.item.item} (why: {accepted.why})")
    for name in cover.no_longer_listed:
        lines.append(f"    in left_out but no longer listed, so it can go: {name}")
    return lines


def _where(item: CoverageItem) -> str:
    if item.kind == "figure":
        return f'{item.where}: "{item.context}"'
    return f"{item.where}: {item.context}" if item.context else item.where
