"""Dates and figures as the council writes them: 20 April 2026, November 2024, 87,880."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def uk_date(value: dt.date | str) -> str:
    """A date as the site prints it: 20 April 2026; November 2024 for a month; 2028 for a year."""
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if "-" in value:
        return first_day(value).strftime("%B %Y")
    return value


def first_day(value: dt.date | str) -> dt.date:
    """The earliest day a date, month or year can mean, for ordering and range checks."""
    if isinstance(value, dt.date):
        return value
    year, _, month = value.partition("-")
    return dt.date(int(year), int(month or 1), 1)


def figure(value: int | Decimal) -> str:
    """A figure with thousands separated and every digit kept: 87,880; −15,363; 0.5.

    The minus sign is U+2212 so that screen readers say "minus" rather than "dash".
    """
    number = Decimal(value)
    sign = "\u2212" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    return f"{sign}{int(whole):,}" + (f".{fraction}" if fraction else "")
