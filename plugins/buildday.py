"""The day a site is built for, decided in one place.

Everything a reader sees that depends on the date (which year is "this year",
whether a consultation is open, MkDocs' own page dates) follows this day, so
that two builds of the same commit give the same bytes whenever they run.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class BadBuildDay(ValueError):
    pass


def build_day(root: Path, configured: str | None = None) -> dt.date:
    """--as-of or STRATEGY_SITE_AS_OF, else the plugin's as_of, else SOURCE_DATE_EPOCH, else the last commit's date.

    Only outside a git checkout, with nothing set, is it today.
    """
    text = os.environ.get("STRATEGY_SITE_AS_OF") or configured
    if text:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise BadBuildDay(f"The day to build for must be written YYYY-MM-DD, such as 2026-04-20, not '{text}'.") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=root, capture_output=True, text=True, timeout=10)
        if done.returncode == 0 and done.stdout.strip():
            return dt.date.fromisoformat(done.stdout.strip())
    except (OSError, ValueError, subprocess.TimeoutExpired):
        pass
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
