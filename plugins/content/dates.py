"""Dates and figures as the council writes them: 20 April 2026, November 2024, 87,880.

A date may be a day (a dt.date), or a month ("2024-11") or a year ("2028") where the source gives no
more. A month or a year stands for every day in it: first_day and last_day give the ends of that
span, so that a check calls two dates out of order only when every day one may mean comes before
every day the other may mean, and a page never shows a day the council did not state.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal


def uk_date(value: dt.date | str) -> str:
    """A date as the site prints it: 20 April 2026; November 2024 for a month; 2028 for a year."""
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if "-" in value:
        return first_day(value).strftime("%B %Y")
    return value


def on_date(value: dt.date | str) -> str:
    """A date after a verb, as a sentence needs it: on 20 April 2026; in November 2024; in 2028."""
    return f"{'on' if isinstance(value, dt.date) else 'in'} {uk_date(value)}"


def by_date(value: dt.date | str) -> str:
    """A last day after "by" or "until": 1 June 2026; the end of June 2026; the end of 2028.

    A month or a year that ends something (a consultation's closing) counts to its last day, and says
    so, so that "until June 2026" is never read as "until June begins"."""
    return uk_date(value) if isinstance(value, dt.date) else f"the end of {uk_date(value)}"


def first_day(value: dt.date | str) -> dt.date:
    """The earliest day a date, month or year can mean, for ordering and range checks."""
    if isinstance(value, dt.date):
        return value
    year, _, month = value.partition("-")
    return dt.date(int(year), int(month or 1), 1)


def last_day(value: dt.date | str) -> dt.date:
    """The latest day a date, month or year can mean: 2024-11 is 30 November 2024, 2028 is 31 December 2028."""
    if isinstance(value, dt.date):
        return value
    year, _, month = value.partition("-")
    last_month = int(month or 12)
    return dt.date(int(year), last_month, calendar.monthrange(int(year), last_month)[1])


def has_come(value: dt.date | str, day: dt.date) -> bool:
    """Whether a date has come by a day. A month or a year has come once its last day has, so that nothing
    is told as happened, or as past, before it can have been."""
    return last_day(value) <= day


def figure(value: int | Decimal) -> str:
    """A figure with thousands separated and every digit kept: 87,880; −15,363; 0.5.

    The minus sign is U+2212 so that screen readers say "minus" rather than "dash".
    """
    number = Decimal(value)
    sign = "\u2212" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    return f"{sign}{int(whole):,}" + (f".{fraction}" if fraction else "")


# Units written before a figure, as a reader says money: "£102 million", not "102 £ million"; and
# what each is called in words.
_CURRENCIES = {"£": "pounds", "$": "dollars", "€": "euros"}
# A unit of thousands of pounds as tables head their columns: £,000, £000, £'000.
_THOUSANDS = (",000", "000", "'000", "’000")


def midnight_utc(day: dt.date) -> dt.datetime:
    """A day as the moment a feed or a calendar needs: its midnight, in UTC, as a build day is."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def unit_meaning(unit: str) -> str | None:
    """What a unit's short form means in words, where it may not be plain to everyone: "thousands of
    pounds" for £,000 (or £000, £'000); None for a unit that says itself."""
    unit = unit.strip()
    if unit[:1] in _CURRENCIES and unit[1:].strip() in _THOUSANDS:
        return f"thousands of {_CURRENCIES[unit[0]]}"
    return None


def with_unit(value: int | Decimal, unit: str | None) -> str:
    """A figure in its unit, as a reader says it, every digit kept (see figure): 95%, 18 weeks, £102 million,
    £15m, £87,880 thousand (for £,000), −£15 million. A unit that is not money follows the figure as written."""
    number = figure(value)
    if not unit or not unit.strip():
        return number
    unit = unit.strip()
    if unit == "%":
        return number + "%"
    if unit[0] not in _CURRENCIES:
        return f"{number} {unit}"
    sign, number = ("−", number[1:]) if number.startswith("−") else ("", number)
    symbol, rest = unit[0], unit[1:].strip()
    if not rest:
        return f"{sign}{symbol}{number}"
    if rest in _THOUSANDS:
        return f"{sign}{symbol}{number} thousand"
    # An abbreviation written against the figure (£15m, £2bn, £40k); anything else after it, spaced.
    if rest.isalpha() and len(rest) <= 2:
        return f"{sign}{symbol}{number}{rest}"
    return f"{sign}{symbol}{number} {rest}"


# --- Dates written another way ---------------------------------------------------------------------

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_DAY_MONTH_YEAR = re.compile(rf"(?:[a-z]+,? )?{_ORDINAL} (?:of )?([a-z]+)\.?,? (\d{{4}})")
_MONTH_DAY_YEAR = re.compile(rf"(?:[a-z]+,? )?([a-z]+)\.? {_ORDINAL},? (\d{{4}})")
_MONTH_YEAR = re.compile(r"([a-z]+)\.?,? (\d{4})")
_NUMBERS = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_NUMBERS_MONTH = re.compile(r"(\d{1,2})[/.-](\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")


def _day(year: str, month: int | None, day: str) -> str | None:
    try:
        return dt.date(int(year), month or 0, int(day)).isoformat()
    except ValueError:
        return None


def _month(year: str, month: int | None) -> str | None:
    return f"{int(year):04d}-{month:02d}" if month and 1 <= month <= 12 else None


def meant_date(text: str) -> tuple[str, bool] | None:
    """The date a value written another way means, as YYYY-MM-DD or YYYY-MM, with whether the reading
    rests on taking the figures day first, as in the UK (10/06/2026 is 10 June, not 6 October); None
    where there is no sure reading. A two-figure year is not read: it does not say which century."""
    said = " ".join(text.strip().lower().split())
    if found := _DAY_MONTH_YEAR.fullmatch(said):
        return _pair(_day(found[3], _MONTHS.get(found[2]), found[1]), False)
    if found := _MONTH_DAY_YEAR.fullmatch(said):
        return _pair(_day(found[3], _MONTHS.get(found[1]), found[2]), False)
    if found := _MONTH_YEAR.fullmatch(said):
        return _pair(_month(found[2], _MONTHS.get(found[1])), False)
    if found := _NUMBERS.fullmatch(said):
        # Told as read day first only where month first would be a date too: 13/06/2026 can only be 13 June.
        return _pair(_day(found[3], int(found[2]), found[1]), int(found[1]) <= 12 and found[1] != found[2])
    if found := _NUMBERS_MONTH.fullmatch(said):
        return _pair(_month(found[2], int(found[1])), False)
    if found := _YEAR_FIRST.fullmatch(said):
        return _pair(_day(found[1], int(found[2]), found[3]), False)
    return None


def _pair(iso: str | None, day_first: bool) -> tuple[str, bool] | None:
    return (iso, day_first) if iso else None
