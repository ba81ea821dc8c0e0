"""The facts Easy Read text states, and the facts a strategy's own content gives (rule 18).

A fact is a date, a year, a time, a number, a sum of money, a share ("1 in 4"), a phone number, an
email address or a web address. Each is kept in one normal form, so that the same fact written two
ways is one fact: 20 April 2026, 20th April 2026, 20/04/2026 and a date field 2026-04-20 are one day;
1,200 and 1200 one number; £87.9m, £87.9 million and £87,900,000 one sum; 0116 305 7429 and
0116 3057429 one phone number (its digits); an email address in any case; a web address without its
https://, www. or last slash.

`facts_in` reads the facts of one text. `FactIndex.of` gathers, once a strategy, every fact of its
content: every value of every field but its Easy Read edition (found by walking the content model, so
a field added to the model is read without a change here); its council's entry in organisations.yml;
and the progress updates in the library that name the strategy.

Every pattern here is tried where a run of the characters it reads begins, and its runs are never
given back, so a long run of digits, dots or letters is read in one pass (tests/test_denial_of_service.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel

from plugins.content.model import EMAIL_IN_TEXT, Indicator, Strategy, Table

from .rules import in_words_of

if TYPE_CHECKING:
    from plugins.content.library import LoadedReport, LoadedStrategy

_MONTHS = {
    name.lower(): number
    for number, names in enumerate(
        (
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}
# A month as English writes it, with a capital: "may" and "march" are also verbs.
_MONTH = "(?:" + "|".join(sorted((n.capitalize() for n in _MONTHS), key=len, reverse=True)) + r")\b"
# Where a number may begin: not inside a word, a decimal, a thousands group or a sum of money.
_START = r"(?<![\w.,£])"
# Each pattern below that begins with a lookbehind says first, as a lookahead, the characters it can
# begin with: the search then skips straight to them, which makes reading a strategy's text some
# four times faster.

_EMAIL = re.compile(EMAIL_IN_TEXT)
_WEB = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'\[\]()]++", re.IGNORECASE)
# A name with dots, such as leics.gov.uk: a web address when its last part is one the web uses.
_DOTTED = re.compile(r"(?<![\w.@/-])[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)++(?:/[^\s<>\"'\[\]()]*+)?")
_TOP_LEVEL = {"uk", "com", "org", "net", "gov", "info", "eu", "io"}
# A UK phone number: 0 or +44, then groups of digits; how it is grouped does not matter.
_PHONE = re.compile(r"(?=[+(0])(?<![\w+£.])(?:\+44 ?(?:\(0\) ?)?|\(0|0)\d{2,4}\)?(?:[ -]?\d{3,4}){1,2}(?!\d)")
_DATE = re.compile(
    "(?=[0-9JFMASOND])(?:"
    + "|".join(
        (
            rf"{_START}(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? (?P<m1>{_MONTH})\.?,? (?P<y1>\d{{4}})(?!\d)",
            rf"\b(?P<m2>{_MONTH})\.? (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y2>\d{{4}})(?!\d)",
            rf"{_START}(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? (?P<m3>{_MONTH})",
            rf"\b(?P<m4>{_MONTH}),? (?P<y4>\d{{4}})(?!\d)",
            r"(?<![\w.,£/])(?P<d5>\d{1,2})(?P<sep>[/.])(?P<m5>\d{1,2})(?P=sep)(?P<y5>\d{4}|\d{2})(?!\d)",
            r"(?<![\w.,£-])(?P<y6>\d{4})-(?P<m6>\d{2})-(?P<d6>\d{2})(?!\d)",
        )
    )
    + ")"
)
# A time of day: 10am, 2.30pm, 10 a.m., or 14:30.
_TIME = re.compile(
    r"(?=\d)(?:(?<![\w.:£])(?P<h1>\d{1,2})(?:[:.](?P<mi1>\d{2}))? ?(?P<half>[ap]\.m\.|[ap]m)(?!\w)"
    r"|(?<![\w.:£])(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?![\w:]))",
    re.IGNORECASE,
)


def _number(name: str) -> str:
    """A number with its thousands marked or not (1,200 or 1200), and perhaps a decimal part, in named groups."""
    return rf"(?P<{name}>\d{{1,3}}(?:,\d{{3}})++|\d++)(?P<{name}_decimals>\.\d++)?"


_SCALE = {"k": 1000, "thousand": 1000, "m": 10**6, "million": 10**6, "bn": 10**9, "billion": 10**9}
_MONEY = re.compile(
    rf"(?=[£\d])(?:£ ?{_number('pounds')} ?(?P<scale>k|m|bn|thousand|million|billion)?(?!\w)"
    rf"|{_START}{_number('worded')} ?(?P<worded_scale>thousand|million|billion)? pounds\b"
    rf"|{_START}(?P<pence>\d++)p\b)"
)
# A share, such as 1 in 4, or about 9 in 10 where it is rounded.
_SHARE = re.compile(
    rf"(?=[\dAa])(?:\b(?P<about>[Aa]bout) )?{_START}(\d{{1,4}}) (?:in|out of) (\d{{1,4}})"
    # Not 1 in 4,000 or 1 in 5 years.
    r"(?![\w.,]?\d)(?! ?(?:%|years?|months?|weeks?|days?|hours?|minutes?)\b)"
)
# Two years together, such as 2024-27, 2024-2027 or 2025/26.
_YEARS = re.compile(r"(?=[12])(?<![\w.,£/-])((?:19|2[01])\d\d) ?[-–/] ?(\d{4}|\d{2})(?![\w%]|[.,]\d)")
_YEAR = re.compile(r"(?=[12])(?<![\w.,£])((?:19|2[01])\d\d)(?![\w%]|[.,]\d)")
_NUMBERS = re.compile(rf"(?=\d){_START}{_number('number')}(?:st|nd|rd|th)?(?: (?P<scale>thousand|million|billion)\b)?(?![\w£])")
_PERCENT = re.compile(rf"(?=\d){_START}(\d++(?:\.\d++)?) ?(?:%|per ?cent\b)", re.IGNORECASE)

# Numbers written in words in the content ("four key priority areas", "a six-week consultation").
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
_WORD_VALUES = {w: n for n, w in enumerate(_UNITS.split())} | {
    w: 10 * n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)
}
_WORD_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_NUMBER_WORD = "(?:" + "|".join(sorted([*_WORD_VALUES, *_WORD_SCALES], key=len, reverse=True)) + r")\b"
_PARTIAL_MONTH = re.compile(r"\d{4}-\d{2}")
_NUMBER_WORD_STARTS = "(?=[" + "".join(sorted({w[0] for w in [*_WORD_VALUES, *_WORD_SCALES]})) + "])"
# At most eight words a number: "hundred hundred hundred ..." would otherwise be a number of
# millions of digits, and its arithmetic would take minutes.
_NUMBER_WORDS = re.compile(rf"{_NUMBER_WORD_STARTS}\b{_NUMBER_WORD}(?:[ -](?:and[ -])?{_NUMBER_WORD}){{0,7}}+", re.IGNORECASE)
_WORD_SHARE = re.compile(rf"{_NUMBER_WORD_STARTS}\b({_NUMBER_WORD}) (?:in|out of) ({_NUMBER_WORD})", re.IGNORECASE)


@dataclass(frozen=True)
class Fact:
    """One fact as a text writes it, and its normal form: what makes two ways of writing it one fact."""

    kind: str
    written: str
    value: Hashable

    @property
    def key(self) -> tuple[str, Hashable]:
        return (self.kind, self.value)


def _decimal(whole: str, fraction: str | None = None) -> Decimal:
    return Decimal(whole.replace(",", "") + (fraction or ""))


def _year(two_or_four: str, century_of: int) -> int:
    return int(two_or_four) if len(two_or_four) == 4 else century_of // 100 * 100 + int(two_or_four)


def phone_digits(written: str) -> str:
    """A phone number's digits as dialled from within the UK: +44 (0)116 ... is 0116 ..."""
    text = written.strip()
    digits = re.sub(r"\D", "", text.replace("(0)", ""))
    return "0" + digits[2:] if text.startswith("+44") else digits


def web_address(written: str) -> str:
    """A web address in one form: lower case, without its scheme, www. or last slash."""
    address = re.sub(r"^[a-z][a-z0-9+.-]*://", "", written.strip().lower())
    address = address.removeprefix("www.")
    return address.rstrip("/")


def _trim_address(found: str) -> str:
    # A sentence's own full stop or comma, or a bracket closed around the address, is not part of it.
    trimmed = found.rstrip(".,;:!?'\"")
    while trimmed.endswith(")") and trimmed.count(")") > trimmed.count("("):
        trimmed = trimmed[:-1].rstrip(".,;:!?")
    return trimmed


# --- Reading the facts of one text ------------------------------------------------------------------

# One pass: each match becomes a fact, or None where the match is not one after all (its text is
# then left for the passes after it).
_Reader = Callable[[re.Match[str]], Fact | list[Fact] | None]


def _email(m: re.Match[str]) -> Fact:
    return Fact("email", m.group(0), m.group(0).lower())


def _web(m: re.Match[str]) -> Fact:
    written = _trim_address(m.group(0))
    return Fact("web address", written, web_address(written))


def _dotted(m: re.Match[str]) -> Fact | None:
    written = _trim_address(m.group(0))
    host = written.split("/", 1)[0]
    if host.rsplit(".", 1)[-1].lower() not in _TOP_LEVEL:
        return None
    return Fact("web address", written, web_address(written))


def _phone(m: re.Match[str]) -> Fact | None:
    digits = phone_digits(m.group(0))
    return Fact("phone", m.group(0), digits) if len(digits) in (10, 11) and digits.startswith("0") else None


def _date(m: re.Match[str]) -> Fact | None:
    g = m.groupdict()
    written = m.group(0)
    for day, month, year in (("d1", "m1", "y1"), ("d2", "m2", "y2")):
        if g[day]:
            return _day(written, int(g[year]), _MONTHS[g[month].lower()], int(g[day]))
    if g["d3"]:
        return Fact("day of the year", written, (_MONTHS[g["m3"].lower()], int(g["d3"]))) if 1 <= int(g["d3"]) <= 31 else None
    if g["m4"]:
        return Fact("month", written, (int(g["y4"]), _MONTHS[g["m4"].lower()]))
    if g["d5"]:
        return _day(written, _year(g["y5"], 2000), int(g["m5"]), int(g["d5"]))
    return _day(written, int(g["y6"]), int(g["m6"]), int(g["d6"]))


def _day(written: str, year: int, month: int, day: int) -> Fact | None:
    # A day that no calendar has (31 February) is still a date the text states, and no content gives it.
    return Fact("day", written, (year, month, day)) if 1 <= month <= 12 and 1 <= day <= 31 else None


def _time(m: re.Match[str]) -> Fact | None:
    if m.group("h1"):
        hour, minute = int(m.group("h1")), int(m.group("mi1") or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        hour = hour % 12 + (12 if m.group("half").lower().startswith("p") else 0)
    else:
        hour, minute = int(m.group("h2")), int(m.group("mi2"))
    return Fact("time", m.group(0), (hour, minute))


def _money(m: re.Match[str]) -> Fact:
    if m.group("pence"):
        return Fact("money", m.group(0), Decimal(m.group("pence")) / 100)
    name = "pounds" if m.group("pounds") else "worded"
    scale = (m.group("scale") or m.group("worded_scale") or "").lower()
    return Fact("money", m.group(0).strip(), _decimal(m.group(name), m.group(f"{name}_decimals")) * _SCALE.get(scale, 1))


def _share(m: re.Match[str]) -> Fact | None:
    part, whole = int(m.group(2)), int(m.group(3))
    return Fact("share", m.group(0), Fraction(part, whole)) if 1 <= part <= whole <= 1000 else None


def _years(m: re.Match[str]) -> list[Fact] | None:
    first = int(m.group(1))
    second = _year(m.group(2), first)
    if not first < second <= first + 100:
        return None
    # Each year is quoted as the text writes the pair: "2026-29", not "29".
    return [Fact("year", m.group(0), first), Fact("year", m.group(0), second)]


def _a_year(m: re.Match[str]) -> Fact:
    return Fact("year", m.group(0), int(m.group(1)))


def _a_number(m: re.Match[str]) -> Fact:
    scale = m.group("scale")
    return Fact("number", m.group(0), _decimal(m.group("number"), m.group("number_decimals")) * (_SCALE[scale.lower()] if scale else 1))


# The passes in order: what a later pass would misread (the digits of a phone number or a date as
# numbers, an email's domain as a web address) is taken by an earlier one first. Each pass has a
# character without which it cannot match, so most of a strategy's texts are read by none.
_AT, _DOT, _DIGIT = re.compile("@"), re.compile(r"\."), re.compile(r"\d")
_PASSES: tuple[tuple[re.Pattern[str], re.Pattern[str], _Reader], ...] = (
    (_AT, _EMAIL, _email),
    (_DOT, _WEB, _web),
    (_DOT, _DOTTED, _dotted),
    (_DIGIT, _PHONE, _phone),
    (_DIGIT, _DATE, _date),
    (_DIGIT, _TIME, _time),
    (_DIGIT, _MONEY, _money),
    (_DIGIT, _SHARE, _share),
    (_DIGIT, _YEARS, _years),
    (_DIGIT, _YEAR, _a_year),
    (_DIGIT, _NUMBERS, _a_number),
)


def facts_in(text: str) -> list[Fact]:
    """The facts a text states, in the order it states them.

    Each part of the text is one fact at most: the 20 and the 2026 of "20 April 2026" are a day, not
    two numbers; the digits of a phone number are a phone number.
    """
    found: list[tuple[int, Fact]] = []
    rest = text
    for needs, pattern, read in _PASSES:
        if not needs.search(rest):
            continue
        taken: list[tuple[int, int]] = []
        for match in pattern.finditer(rest):
            facts = read(match)
            if facts is None:
                continue
            for fact in facts if isinstance(facts, list) else [facts]:
                found.append((match.start(), fact))
            taken.append(match.span())
        if taken:
            # A fact's characters are blanked, not removed: later matches keep their places, and
            # nothing is joined across the gap.
            pieces, end = [], 0
            for start, stop in taken:
                pieces += [rest[end:start], "\0" * (stop - start)]
                end = stop
            rest = "".join(pieces) + rest[end:]
    return [fact for _, fact in sorted(found, key=lambda f: f[0])]


def _worded_number(words: str) -> int:
    """The value of a number written in words: twenty-five, two hundred and forty, four."""
    total = current = 0
    for word in re.split(r"[ -]+", words.lower()):
        if word in _WORD_VALUES:
            current += _WORD_VALUES[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _WORD_SCALES:
            total += max(current, 1) * _WORD_SCALES[word]
            current = 0
    return total + current


def _worded(word: str) -> int:
    return (_WORD_VALUES | _WORD_SCALES)[word.lower()]


# --- What a strategy's content gives ---------------------------------------------------------------


def _values(value: Any, skip: frozenset[str] = frozenset()) -> Iterator[Any]:
    """Every value in a piece of content, and every model in it, field by field: nothing is listed by hand."""
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            if name not in skip:
                yield from _values(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _values(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _values(item)
    elif value is not None:
        yield value


def _money_scale(unit: str | None) -> Decimal | None:
    """What a figure in this unit is in pounds: £,000 is thousands of pounds; None if not money."""
    if unit is None or "£" not in unit and "pound" not in unit.lower():
        return None
    words = unit.lower()
    for marks, scale in (((",000", "000", "thousand", "k"), 1000), (("million", "m"), 10**6), (("billion", "bn"), 10**9)):
        if any(re.search(rf"(?<![a-z]){re.escape(mark)}(?![a-z])", words) for mark in marks):
            return Decimal(scale)
    return Decimal(1)


def _is_percent(unit: str | None) -> bool:
    return unit is not None and unit.strip().lower() in ("%", "per cent", "percent", "percentage")


def implied_counts(strategy: Strategy) -> Iterator[int]:
    """The counts a reader may be told that the content implies without writing them: how many
    priorities, each priority's number and how many actions it has (in all, and in each year), and
    how many boards."""
    yield len(strategy.priorities)
    for priority in strategy.priorities:
        yield priority.number
        yield sum(len(actions) for actions in priority.actions.values())
        yield from (len(actions) for actions in priority.actions.values())
    if strategy.governance is not None:
        yield len(strategy.governance.boards)


@dataclass
class FactIndex:
    """Every fact one strategy's content gives, in normal form, and where they were looked for."""

    # The strategy's own files the facts were read from, by name (strategy.yml, report.yml).
    files: list[str] = field(default_factory=list)
    # The organisations file, for the council's own entry (its website and contacts).
    organisations_file: str = "organisations.yml"
    # How many progress reports have updates that name the strategy.
    progress_reports: int = 0
    _known: set[tuple[str, Hashable]] = field(default_factory=set)
    _percentages: set[Decimal] = field(default_factory=set)
    _hosts: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, loaded: LoadedStrategy, reports: Sequence[LoadedReport] = ()) -> FactIndex:
        """The facts of a strategy's content, its council's entry and the progress updates that name it:
        everything but its Easy Read edition, which is what is checked against them."""
        source = loaded.source
        edition_file = source.file_of("easy_read")
        files = [source.main.file, *sorted({d.file for d in source.parts.values()} - {source.main.file, edition_file})]
        index = cls(files=[PurePosixPath(f).name for f in files])
        index.learn(loaded.model, skip=frozenset({"easy_read"}))
        index.learn(loaded.organisation)
        for count in implied_counts(loaded.model):
            index._add("number", Decimal(count))
        for report in reports:
            naming = [u for u in report.model.updates if u.strategy == loaded.id]
            if naming:
                index.progress_reports += 1
                r = report.model
                index.learn([r.title, r.date, r.meeting, r.author, *naming])
        return index

    def learn(self, content: Any, skip: frozenset[str] = frozenset()) -> None:
        """Add every fact of a piece of content: its texts, dates and figures, and the sums of money and
        percentages its units say its figures are."""
        texts = []
        for value in _values(content, skip):
            if isinstance(value, BaseModel):
                self._learn_units(value)
            elif isinstance(value, bool):
                continue
            elif isinstance(value, dt.date):
                self._add("day", (value.year, value.month, value.day))
            elif isinstance(value, (int, Decimal)):
                self._add("number", abs(Decimal(value)))
                if isinstance(value, int) and 1900 <= value < 2200:
                    self._add("year", value)
            elif isinstance(value, str):
                # A date field that gives only a month ("2024-11") is a string; a year alone is read as one.
                if _PARTIAL_MONTH.fullmatch(value):
                    self._add("month", (int(value[:4]), int(value[5:])))
                texts.append(value)
        # Read as one text, so that each pattern runs once; no fact reads across the line between two.
        self._learn_text("\n\0\n".join(texts))

    def _learn_text(self, text: str) -> None:
        for fact in facts_in(text):
            self._add(fact.kind, fact.value)
        for match in _PERCENT.finditer(text):
            self._percentages.add(Decimal(match.group(1)))
        for match in _NUMBER_WORDS.finditer(text):
            self._add("number", Decimal(_worded_number(match.group(0))))
        for match in _WORD_SHARE.finditer(text):
            part, whole = _worded(match.group(1)), _worded(match.group(2))
            if 1 <= part <= whole:
                self._add("share", Fraction(part, whole))

    def _learn_units(self, model: BaseModel) -> None:
        if isinstance(model, Indicator):
            readings = [r.value for r in (model.baseline, model.latest, model.target) if r is not None]
            scale = _money_scale(model.unit)
            for value in readings:
                if _is_percent(model.unit):
                    self._percentages.add(value)
                elif scale is not None:
                    self._add("money", abs(value) * scale)
        elif isinstance(model, Table):
            scales = [_money_scale(column.unit) for column in model.columns]
            for row in model.rows:
                for cell, scale in zip(row.cells, scales, strict=False):
                    if scale is not None and isinstance(cell, (int, Decimal)):
                        self._add("money", abs(Decimal(cell)) * scale)

    def _add(self, kind: str, value: Hashable) -> None:
        self._known.add((kind, value))
        # A day gives its month, its year, and its day and month without the year; a month gives its year.
        if kind == "day":
            year, month, day = cast(tuple[int, int, int], value)
            self._known |= {("month", (year, month)), ("year", year), ("day of the year", (month, day))}
        elif kind == "month":
            self._known.add(("year", cast(tuple[int, int], value)[0]))
        elif kind == "web address":
            self._hosts.add(str(value).split("/", 1)[0])

    def has(self, fact: Fact) -> bool:
        """Whether the content gives this fact, in any of the ways it may be written."""
        if fact.key in self._known:
            return True
        if fact.kind == "web address":
            # A council's address on its own ("leics.gov.uk") is given by any page the content links to there.
            return "/" not in str(fact.value) and fact.value in self._hosts
        if fact.kind == "share":
            return any(_near(percentage, fact) for percentage in self._percentages)
        return False


def _near(percentage: Decimal, share: Fact) -> bool:
    """Whether a share may be written for a percentage: one within half a point of it (25% is 1 in 4),
    or the share rule 10 writes for it, "about" and all (26% is about 1 in 4, and 95% about 9 in 10)."""
    part, whole = share_numbers(share)
    if abs(percentage - Decimal(part * 100) / whole) <= Decimal("0.5"):
        return True
    rounded = share.written.lower().startswith("about")
    return in_words_of(float(percentage)) in ((f"{part} in {whole}", f"about {part} in {whole}") if rounded else (f"{part} in {whole}",))


def share_numbers(share: Fact) -> tuple[int, int]:
    """The two numbers of a share as written: 1 and 4 of "1 in 4"."""
    part, whole = re.findall(r"\d+", share.written)
    return int(part), int(whole)


def share_percent(fact: Fact) -> float | None:
    """The percentage a share stands for (1 in 4 is 25%), which a finding about it names; None for other facts."""
    if fact.kind != "share":
        return None
    part, whole = share_numbers(fact)
    return part * 100 / whole
