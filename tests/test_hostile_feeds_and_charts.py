"""Hostile content against the feeds, the calendars and the charts: what each must never do, whatever
the content (or a file beside it) says.

- A feed entry's HTML is the sanitiser's output, byte for byte: nothing may change it after it is
  cleaned, since a character taken out of an address can make a script address of it.
- Every entry of a feed, and every event of a calendar, has an id of its own, whatever the words.
- A chart is the same bytes whatever matplotlib settings file is in the working folder or named by
  the environment, and drawing one writes nothing outside the project.
- A chart is never bigger than the largest SVG the site accepts as a picture.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from plugins.content import load_library
from plugins.content.model import Table
from plugins.content.pictures import MAX_SVG_BYTES
from plugins.pages import charts, news
from plugins.publishing import calendars, feeds

from .conftest import MINIMAL, REPO
from .hostile import runs_or_fetches

ATOM = "{http://www.w3.org/2005/Atom}"


def _minimal(into: Path) -> Path:
    shutil.copytree(MINIMAL, into)
    return into


# --- A feed's HTML is the sanitiser's own output --------------------------------------------------------

# Characters the text of a file (not a page) may not hold, inside a link's address: the sanitiser keeps
# each as part of a relative address; taken out, or made a line break, after it has cleaned the HTML,
# they leave "javascript:" (a browser drops a line break inside an address).
HIDDEN_IN_A_SCHEME = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x7f", "\x9f", "\u202e", "\u2066", "\ufffe", "\uffff"]


@pytest.mark.parametrize("hidden", HIDDEN_IN_A_SCHEME, ids=lambda c: f"U+{ord(c):04X}")
def test_a_feed_entrys_html_holds_no_script_address_whatever_character_hides_in_it(hidden: str, tmp_path: Path):
    # As if the content model's refusals had missed it: the details go straight into an item.
    library = load_library(_minimal(tmp_path / "site"))
    s = library.strategies[0]
    item = news.NewsItem(
        s, "stage/draft", "stage", dt.date(2026, 3, 24), "Draft", "Written as a draft.", news.strategy_uri(s, "timeline"),
        f"Read [the draft](java{hidden}script:alert(1)) now.",
    )  # fmt: skip
    root = etree.fromstring(feeds.strategy_feed(library, s, [item]))
    found = [runs_or_fetches(c.text or "") for c in root.iter(ATOM + "content") if c.get("type") == "html"]
    assert found == [[]]


# --- Ids of their own --------------------------------------------------------------------------------

TIMELINE = """\
timeline:
  - date: 2026-05-10
    kind: cabinet
    body: Cabinet
    what: Cabinet agreed the consultation.
    status: held
  - date: 2026-05-10
    kind: cabinet
    body: Cabinet
    what: Cabinet met again that evening.
    status: held
  - date: 2026-05-10
    kind: cabinet
    body: Cabinet/2
    what: A third meeting.
    status: held
"""


def test_every_feed_entry_and_calendar_event_has_an_id_of_its_own_whatever_the_words(tmp_path: Path):
    root = _minimal(tmp_path / "site")
    plan = root / "content/example/plan/strategy.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("governance:\n", TIMELINE + "governance:\n"), encoding="utf-8")
    library = load_library(root)
    s = library.strategies[0]
    items = news.strategy_news(s, [], dt.date(2026, 11, 1))
    feed_ids = [item.id for item in items]
    assert len(feed_ids) == len(set(feed_ids))
    data = calendars.calendar_files(library, {})[news.calendar_path(s)].decode("utf-8")
    uids = [line for line in data.split("\r\n") if line.startswith("UID:")]
    assert len(uids) == 4  # the consultation and the three meetings
    assert len(uids) == len(set(uids))


# --- Charts: the same bytes on any machine, and nothing written outside the project ----------------------

_DRAW = textwrap.dedent(
    """\
    import sys
    from plugins.content.model import Table
    from plugins.pages import charts
    table = Table.model_validate({
        "id": "t", "caption": "Places",
        "columns": [{"heading": "2024"}, {"heading": "2025"}, {"heading": "2026"}],
        "rows": [{"heading": "Places in the county", "cells": [1, 3, 2]}],
    })
    sys.stdout.buffer.write(charts.table_chart(table).svg)
    """
)

# Settings a matplotlibrc can hold that charts.py does not set itself.
HOSTILE_RC = "path.sketch: 30, 10, 2\naxes.facecolor: black\nlegend.fontsize: 1\nlines.markersize: 0\n"


def _draw(cwd: Path, env: dict[str, str]) -> bytes:
    done = subprocess.run(
        [sys.executable, "-c", _DRAW], cwd=cwd, env={**env, "PYTHONPATH": str(REPO)}, capture_output=True, timeout=300, check=True
    )
    return done.stdout


def _clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MPL", "MATPLOTLIB", "XDG_"))}
    env["HOME"] = str(home)
    return env


def test_a_chart_is_the_same_bytes_whatever_matplotlibrc_is_in_the_working_folder_or_the_environment(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    plain = tmp_path / "plain"
    plain.mkdir()
    env = _clean_env(home)
    expected = _draw(plain, env)
    # A matplotlibrc beside the content, where a pull request can add one: matplotlib reads it from the working folder.
    beside = tmp_path / "beside"
    beside.mkdir()
    (beside / "matplotlibrc").write_text(HOSTILE_RC, encoding="utf-8")
    assert _draw(beside, env) == expected
    # One named by the environment, as a machine's own settings would be.
    rc = tmp_path / "machine-matplotlibrc"
    rc.write_text(HOSTILE_RC, encoding="utf-8")
    assert _draw(plain, {**env, "MATPLOTLIBRC": str(rc)}) == expected


def test_drawing_a_chart_writes_nothing_in_the_home_folder(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    _draw(work, _clean_env(home))
    written = sorted(p.relative_to(home).as_posix() for p in home.rglob("*"))
    assert written == []


# --- Charts of any size -------------------------------------------------------------------------------


def test_a_chart_of_a_table_with_thousands_of_rows_is_no_bigger_than_the_largest_svg_picture_allowed():
    # 2,000 rows is about 90 KB of YAML, which `check` accepts.
    table = Table.model_validate(
        {
            "id": "many-rows",
            "caption": "Many rows",
            "columns": [{"heading": "2024"}, {"heading": "2025"}],
            "rows": [{"heading": f"Row {i}", "cells": [Decimal(i), Decimal(i + 1)]} for i in range(2_000)],
        }
    )
    chart = charts.table_chart(table)
    assert chart is None or len(chart.svg) <= MAX_SVG_BYTES


# --- The site's address --------------------------------------------------------------------------------


@pytest.mark.parametrize("site_url", ["https://example.org/?from=feed", "https://example.org/#top", "https://someone:secret@example.org/"])
def test_a_site_address_with_a_query_fragment_or_user_name_is_refused_at_its_line(site_url: str, tmp_path: Path, capsys):
    # Every absolute link of the feeds and calendars starts with the site's address and adds a page's path
    # after it: a query or fragment would sit in the middle of each, and a user name and password would be
    # published in all of them.
    import site_build

    root = _minimal(tmp_path / "site")
    settings = root / "content/site.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text + f'url: "{site_url}"\n', encoding="utf-8")
    line = text.count("\n") + 1
    assert site_build.main(["--root", str(root), "check"]) == 1
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert (
        f"content/site.yml:{line}:6: url: '{site_url}' cannot be the site's address: every link in the feeds and calendars "
        "starts with it. Give the address alone, such as https://strategies.example.gov.uk/, with no ?, # or user name."
    ) in out
    assert "Traceback" not in out


def test_a_site_address_that_check_accepts_gives_feed_links_under_it(tmp_path: Path):
    from urllib.parse import urlsplit

    root = _minimal(tmp_path / "site")
    settings = root / "content/site.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + 'url: "https://example.org/strategies"\n', encoding="utf-8")
    library = load_library(root)
    s = library.strategies[0]
    root_element = etree.fromstring(feeds.strategy_feed(library, s, news.strategy_news(s, [], dt.date(2026, 11, 1))))
    hrefs = [link.get("href") for link in root_element.iter(ATOM + "link")]
    assert hrefs
    for href in hrefs:
        parts = urlsplit(href)
        assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("https", "example.org", "", ""), href
        assert parts.path.startswith("/strategies/example/plan/"), href
