"""Dates and figures as the council writes them: 20 April 2026, November 2024, 87,880.

A date may be a day (a dt.date), or a month ("2024-11") or a year ("2028") where the source gives no
more. A month or a year stands for every day in it: first_day and last_day give the ends of that
span, so that a check calls two dates out of order only when every day one may mean comes before
every day the other may mean, and a page never shows a day the council did not state.
"""

from __future__ import annotations

import calendar
import datetime as dt
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


def figure(value: int | Decimal) -> str:
    """A figure with thousands separated and every digit kept: 87,880; −15,363; 0.5.

    The minus sign is U+2212 so that screen readers say "minus" rather than "dash".
    """
    number = Decimal(value)
    sign = "\u2212" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    return f"{sign}{int(whole):,}" + (f".{fraction}" if fraction else "")


# Units written before a figure, as a reader says money: "£102 million", not "102 £ million".
_CURRENCIES = "£$€"
# A unit of thousands of pounds as tables head their columns: £,000, £000, £'000.
_THOUSANDS = (",000", "000", "'000", "’000")


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
