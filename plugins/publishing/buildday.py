"""The day a site is built for, decided in one place.

Everything a reader sees that depends on the date (which year is "this year",
whether a consultation is open, MkDocs' own page dates) follows this day, so
that two builds of the same commit give the same bytes whenever they run.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# The days a site can be built for. MkDocs dates its pages and the sitemap's gzip header from
# SOURCE_DATE_EPOCH, seconds since 1970-01-01, and gzip keeps those seconds in 32 bits, which run
# out on 7 February 2106: a day outside these cannot be given to MkDocs, so it is refused here.
FIRST_DAY = dt.date(1970, 1, 1)
LAST_DAY = dt.date(2106, 2, 7)
_LAST_EPOCH = 2**32 - 1


class BadBuildDay(ValueError):
    pass


def _shown(text: str) -> str:
    # Quoted and escaped, so that a value holding a newline or a terminal code stays on one line.
    return repr(text if len(text) <= 40 else text[:40] + "...")


def _day(text: str, name: str) -> dt.date:
    # Python reads many ISO 8601 forms (20260420, 2026-W17-1); a day here is written one way only.
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise BadBuildDay(f"{name} is {_shown(text)}, which is not a day: write it as YYYY-MM-DD, such as 2026-04-20.") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise BadBuildDay(f"{name} is {text}, outside the days a site can be built for: {FIRST_DAY} to {LAST_DAY}.")
    return day


def _epoch_day(text: str) -> dt.date:
    if not re.fullmatch(r"[0-9]{1,10}", text) or int(text) > _LAST_EPOCH:
        raise BadBuildDay(
            f"SOURCE_DATE_EPOCH is {_shown(text)}, which is not a time a site can be built for: it must be a whole number of "
            f"seconds since {FIRST_DAY}, at most {_LAST_EPOCH} ({LAST_DAY})."
        )
    return dt.datetime.fromtimestamp(int(text), tz=dt.UTC).date()


def build_day(root: Path, configured: str | None = None) -> dt.date:
    """--as-of or STRATEGY_SITE_AS_OF, else the plugin's as_of, else SOURCE_DATE_EPOCH, else the last commit's date.

    Only outside a git checkout, with nothing set, is it today. A value that is set but is not a day
    between FIRST_DAY and LAST_DAY is refused with BadBuildDay, whose message names where it was set.
    """
    environment = os.environ.get("STRATEGY_SITE_AS_OF")
    if environment:
        return _day(environment, "STRATEGY_SITE_AS_OF")
    if configured:
        return _day(configured, "The day to build for")
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return _epoch_day(epoch)
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return dt.date.today()
    if done.returncode == 0 and done.stdout.strip():
        return _day(done.stdout.strip(), "The last commit's date")
    return dt.date.today()


@contextmanager
def pinned(day: dt.date) -> Iterator[None]:
    """Within this block, the site and MkDocs' own dates follow the given day; afterwards, as before."""
    midnight = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    values = {"STRATEGY_SITE_AS_OF": day.isoformat(), "SOURCE_DATE_EPOCH": str(int(midnight.timestamp()))}
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
