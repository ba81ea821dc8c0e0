"""The feeds and calendars a family can follow: what each says, in what order, that each is valid Atom or
iCalendar read back as a feed reader or calendar app reads it, the same bytes from two builds, the pages
that offer them, and the "What's new" page.

The Atom feeds are checked against the RELAX NG schema of RFC 4287 (Appendix B, kept in
tests/schemas/atom.rnc), turned into RELAX NG's XML form by rnc2rng and applied with lxml, and read by
feedparser; the calendars are read back by icalendar.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import shutil
import uuid
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
import rnc2rng
from icalendar import Calendar
from lxml import etree

import site_build

from .conftest import MINIMAL, REPO, SITE_FILES, copy_project, page, tree_digest
from .html_outline import article_text

AS_OF = "2026-12-01"
SCHEMA = Path(__file__).parent / "schemas" / "atom.rnc"
ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://strategies.example.gov.uk/"


@cache
def atom_schema() -> etree.RelaxNG:
    """RFC 4287's schema. rnc2rng declares the schema's `local` prefix as the empty namespace
    (xmlns:local=""), which XML namespaces forbid; the prefix is only used as ns="" in the output, so the
    declaration is dropped."""
    rng = rnc2rng.dumps(rnc2rng.load(str(SCHEMA))).replace(' xmlns:local=""', "").replace('xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode("utf-8")))


def valid_atom(data: bytes) -> list[str]:
    """What makes a feed invalid Atom: the schema's errors, and its two Schematron rules, which RELAX NG
    does not check (an author for every entry; a link or content in every entry). Empty when valid."""
    root = etree.fromstring(data)
    schema = atom_schema()
    errors = [] if schema.validate(etree.ElementTree(root)) else [str(e) for e in schema.error_log]
    feed_author = root.find(ATOM + "author") is not None
    for entry in root.iter(ATOM + "entry"):
        if not feed_author and entry.find(ATOM + "author") is None:
            errors.append("an entry without an author in a feed without one")
        links = [link for link in entry.iter(ATOM + "link") if link.get("rel", "alternate") == "alternate"]
        if not links and entry.find(ATOM + "content") is None:
            errors.append("an entry with neither an alternate link nor content")
    return errors


def read_feed(data: bytes) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(data)
    assert parsed.bozo is False, parsed.get("bozo_exception")
    return parsed


def _build(root: Path, site: Path, as_of: str) -> None:
    assert site_build.main(["--root", str(root), "build", "--site-dir", str(site), "--as-of", as_of, "--no-pdf"]) == 0


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The project's own content, built twice for the same day into two folders."""
    root = copy_project(tmp_path_factory.mktemp("real") / "project")
    first, second = root.parent / "first", root.parent / "second"
    _build(root, first, AS_OF)
    _build(root, second, AS_OF)
    return first, second


PLAN = """
changes:
  - date: 2026-05-10
    note: Added an action to priority 1 after the consultation.
timeline:
  - date: 2025-11
    kind: board
    body: Partnership Board
    what: A workshop on the draft.
    status: held
  - date: 2026-03-24
    kind: cabinet
    body: Cabinet
    what: The Cabinet agreed to consult on the draft.
    status: held
    outcome: Approved for consultation.
  - date: 2026-04-20
    kind: consultation opens
    body: Public consultation
    what: The consultation begins.
    status: held
  - date: 2026-07-21
    kind: cabinet
    body: Cabinet
    what: A decision on the final strategy.
    status: planned
"""

REPORT = """title: Update to the Partnership Board
date: 2026-05-12
meeting: Partnership Board
author: Director of Children's Services
updates:
  - heading: Attendance support
    strategy: example/plan
    body: The review of attendance support has started.
"""

OTHER = """title: Other Strategy 2025-2028
short_title: Other 2025-28
summary: Another strategy, with no dates for a calendar.
period:
  start_year: 2025
  end_year: 2028
status: approved
stages:
  - stage: approved
    date: 2025-06
"""


def made_project(into: Path) -> Path:
    """The minimal site with a change note, a timeline, a progress report, a second strategy with no days
    to put in a calendar, and the site's address set."""
    into.mkdir(parents=True)
    for name in SITE_FILES:
        if name != "content":
            source = REPO / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, into / name)
    shutil.copytree(MINIMAL / "content", into / "content")
    content = into / "content"
    (content / "site.yml").write_text((content / "site.yml").read_text(encoding="utf-8") + f"url: {SITE_URL}\n", encoding="utf-8")
    plan = content / "example/plan/strategy.yml"
    plan.write_text(plan.read_text(encoding="utf-8") + PLAN, encoding="utf-8")
    (content / "example/progress").mkdir()
    (content / "example/progress/2026-05-12-board.yml").write_text(REPORT, encoding="utf-8")
    (content / "example/other").mkdir()
    (content / "example/other/strategy.yml").write_text(OTHER, encoding="utf-8")
    return into


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The made site, built while its consultation is open (15 May 2026) and after everything (1 August 2026)."""
    root = made_project(tmp_path_factory.mktemp("made") / "project")
    during, after = root.parent / "during", root.parent / "after"
    _build(root, during, "2026-05-15")
    _build(root, after, "2026-08-01")
    return during, after


# --- What the feeds say, and in what order --------------------------------------------------------


def test_a_strategys_feed_lists_what_happened_newest_first_and_nothing_before_its_day(made):
    during, after = made
    feed = read_feed((during / "example/plan/updates.xml").read_bytes())
    assert feed.feed.title == "Example Strategy 2026-2029: updates"
    assert [(e.title, e.updated[:10]) for e in feed.entries] == [
        ("Example 2026-29: Progress update: Attendance support", "2026-05-12"),
        ("Example 2026-29: Added an action to priority 1 after the consultation.", "2026-05-10"),
        # Going out for consultation and the consultation opening, on one day, are told once: as the
        # stage, which the change history lists, in the consultation's words.
        ("Example 2026-29: Out for consultation", "2026-04-20"),
        ("Example 2026-29: Draft stage", "2026-03-24"),
        # A meeting's title gives its outcome where the timeline records one, in the council's words.
        ("Example 2026-29: Cabinet met: \u201cApproved for consultation.\u201d", "2026-03-24"),
        # A month the source gives is dated by its first day, and said as the month.
        ("Example 2026-29: Partnership Board met: \u201cA workshop on the draft.\u201d", "2025-11-01"),
    ]
    # The feed is as new as its newest item, not the day of the build.
    assert feed.feed.updated == "2026-05-12T00:00:00+00:00"
    by_title = {e.title: e for e in feed.entries}
    # The council's words are set apart from the sentence the site writes, so their tense is theirs.
    assert by_title["Example 2026-29: Partnership Board met: \u201cA workshop on the draft.\u201d"].summary == (
        "Partnership Board met in November 2025. What the strategy's timeline says: \u201cA workshop on the draft.\u201d"
    )
    cabinet = by_title["Example 2026-29: Cabinet met: \u201cApproved for consultation.\u201d"]
    assert cabinet.summary == (
        "Cabinet met on 24 March 2026. What the strategy's timeline says: \u201cThe Cabinet agreed to consult on the draft.\u201d "
        "Its outcome: \u201cApproved for consultation.\u201d"
    )
    # The draft stage is dated as the content dates it: not said to be the day it was written.
    assert by_title["Example 2026-29: Draft stage"].summary == "The Example Strategy 2026-2029 was at the draft stage on 24 March 2026."
    assert "written" not in (during / "example/plan/updates.xml").read_text(encoding="utf-8")
    consulting = by_title["Example 2026-29: Out for consultation"]
    assert consulting.summary == "The consultation on the Example Strategy 2026-2029 opened on 20 April 2026, to run until 1 June 2026."
    # While it is open, the entry says how to respond, in the council's words, and links to the call to action.
    assert consulting.content[0].value == "<p>Fill in the online survey.</p>"
    assert consulting.link == SITE_URL + "example/plan/"
    assert cabinet.content[0].value == (
        "<p>The Cabinet agreed to consult on the draft.</p>\n<p><strong>Outcome:</strong> Approved for consultation.</p>"
    )
    # The consultation's closing day and the planned Cabinet are not news until their day has come.
    later = read_feed((after / "example/plan/updates.xml").read_bytes())
    assert [e.title for e in later.entries][:2] == [
        "Example 2026-29: Consultation closed",
        "Example 2026-29: Progress update: Attendance support",
    ]
    assert sum(e.title.startswith("Example 2026-29: Cabinet met") for e in later.entries) == 1  # planned, so still not news
    assert later.feed.updated == "2026-06-01T00:00:00+00:00"


def test_the_site_feed_gathers_every_strategy_newest_first(made, real):
    during, _ = made
    site = read_feed((during / "updates.xml").read_bytes())
    assert site.feed.title == "Example strategies: updates"
    titles = [e.title for e in site.entries]
    assert titles[0] == "Example 2026-29: Progress update: Attendance support"
    assert titles[-1] == "Other 2025-28: Approved"
    assert len(titles) == 7
    # The real library, as of 1 December 2026.
    first, _ = real
    feed = read_feed((first / "updates.xml").read_bytes())
    assert [e.title for e in feed.entries][:4] == [
        "Belonging in Education 2026-29: Progress update: Belonging in Education",
        "SEND and Inclusion 2024-27: Progress update: Accelerated Progress Plan (APP)",
        "SEND and Inclusion 2024-27: Progress update: Education, Health and Care Plan Timeliness",
        "Belonging in Education 2026-29: Consultation closed",
    ]
    days = [e.updated for e in feed.entries]
    assert days == sorted(days, reverse=True)
    # The planned scrutiny (2 June 2026) and Cabinet (21 July 2026) have no outcome recorded: not news.
    dates = {(e.title, e.updated[:10]) for e in feed.entries}
    assert not dates & {
        ("Belonging in Education 2026-29: Children and Families Overview and Scrutiny Committee met", "2026-06-02"),
        ("Belonging in Education 2026-29: Cabinet met", "2026-07-21"),
    }
    assert not [day for title, day in dates if day in ("2026-06-02", "2026-07-21")]
    assert (
        "Belonging in Education 2026-29: Cabinet met: "
        "\u201cReport of the Director of Children and Family Services seeking approval to\u2026\u201d",
        "2026-03-24",
    ) in dates
    # An event the timeline gives by who it was ("Government") is titled by what happened, in its words.
    assert (
        "BEST programme plan: The national SEND and Alternative Provision Improvement Plan was published\u2026",
        "2023-03-01",
    ) in dates
    by_title = {e.title: e for e in feed.entries}
    recommended = (
        "SEND and Inclusion 2024-27: Cabinet met: "
        "\u201cThe Cabinet is recommended to approve the draft refreshed SEND and Inclusion\u2026\u201d"
    )
    assert by_title[recommended].summary == (
        "Cabinet met on 7 February 2025. What the strategy's timeline says: \u201cThe Cabinet is recommended to approve the draft "
        "refreshed SEND and Inclusion Strategy for consultation (Key Decision).\u201d"
    )
    # Told once, not as both "Out for consultation" and "Consultation opened".
    assert [title for title, day in dates if day == "2025-02-10"] == ["SEND and Inclusion 2024-27: Out for consultation"]
    assert len({e.id for e in feed.entries}) == len(feed.entries)


def test_every_feed_is_valid_atom_with_ids_from_the_content(made, real):
    feeds = [*real[0].rglob("updates.xml"), *made[0].rglob("updates.xml"), *made[1].rglob("updates.xml")]
    assert len(feeds) == 6 + 3 + 3
    for path in feeds:
        data = path.read_bytes()
        assert valid_atom(data) == [], path
        feed = read_feed(data)
        assert feed.feed.generator == "Council strategy site"
        for entry in feed.entries:
            assert uuid.UUID(entry.id.removeprefix("urn:uuid:")).version == 5
    # A broken feed is refused: the check can fail.
    assert valid_atom(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>') != []
    good = (real[0] / "updates.xml").read_bytes()
    assert valid_atom(good.replace(b"<updated>2026-07-01T00:00:00+00:00</updated>", b"<updated>1 July 2026</updated>", 1)) != []
    assert valid_atom(re.sub(rb"<author>\s*<name>[^<]*</name>\s*</author>", b"", good)) != []


def test_the_same_item_has_the_same_id_in_the_site_feed_and_its_strategys_and_on_any_day(made):
    during, after = made
    site = {e.title: e.id for e in read_feed((during / "updates.xml").read_bytes()).entries}
    plan = {e.title: e.id for e in read_feed((during / "example/plan/updates.xml").read_bytes()).entries}
    later = {e.title: e.id for e in read_feed((after / "example/plan/updates.xml").read_bytes()).entries}
    for title, entry_id in plan.items():
        assert site[title] == entry_id == later[title]


def test_a_feeds_links_lead_to_the_pages_that_tell_more(real, made):
    first, _ = real
    # Without the site's address, links are relative to the feed's own address, as Atom allows.
    for path in first.rglob("updates.xml"):
        feed_address = "https://host/" + path.relative_to(first).as_posix()
        feed = read_feed(path.read_bytes())
        self_link = next(link.href for link in feed.feed.links if link.rel == "self")
        assert self_link == path.name
        for entry in feed.entries:
            target = urljoin(feed_address, entry.link).removeprefix("https://host/")
            assert (first / target / "index.html").is_file(), (path, entry.link)
    plan = read_feed((first / "leicestershire/belonging-in-education-2026-29/updates.xml").read_bytes())
    assert {e.link for e in plan.entries} == {"progress/", "timeline/"}
    # With it, every link is absolute.
    during, _ = made
    feed = read_feed((during / "updates.xml").read_bytes())
    assert {link.href for link in feed.feed.links} == {SITE_URL + "updates.xml", SITE_URL}
    assert all(e.link.startswith(SITE_URL) for e in feed.entries)


# --- The calendars -----------------------------------------------------------------------------------


def _events(path: Path) -> list[tuple[str, dt.date, dt.date, str]]:
    calendar = Calendar.from_ical(path.read_bytes())
    return [(str(e["SUMMARY"]), e["DTSTART"].dt, e["DTEND"].dt, str(e["STATUS"])) for e in calendar.walk("VEVENT")]


def test_a_strategys_calendar_has_its_consultation_and_decision_meetings_with_days(made):
    during, after = made
    path = during / "example/plan/dates.ics"
    calendar = Calendar.from_ical(path.read_bytes())
    assert str(calendar["PRODID"]) == "-//Council strategy site//Strategy dates//EN"
    assert str(calendar["X-WR-CALNAME"]) == "Example 2026-29: dates"
    assert _events(path) == [
        ("Cabinet: Example 2026-29", dt.date(2026, 3, 24), dt.date(2026, 3, 25), "CONFIRMED"),
        # All day, from the day it opens to the day it closes: DTEND is the day after.
        ("Consultation on the Example Strategy 2026-2029", dt.date(2026, 4, 20), dt.date(2026, 6, 2), "CONFIRMED"),
        ("Cabinet: Example 2026-29", dt.date(2026, 7, 21), dt.date(2026, 7, 22), "TENTATIVE"),
    ]
    events = calendar.walk("VEVENT")
    # The board meeting the source dates only as November 2025 has no day, so it is not in the calendar.
    assert not any("Partnership Board" in str(e["SUMMARY"]) for e in events)
    # Stamped with the day the content last records anything of the strategy (its progress update), not the clock.
    assert {e["DTSTAMP"].dt for e in events} == {dt.datetime(2026, 5, 12, tzinfo=dt.UTC)}
    assert [str(e["URL"]) for e in events] == [SITE_URL + "example/plan/timeline/"] * 3
    assert str(events[1]["DESCRIPTION"]) == (
        "The public consultation on the Example Strategy 2026-2029, from 20 April 2026 until 1 June 2026.\n\nFill in the online survey."
    )
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 3 and all(uuid.UUID(u).version == 5 for u in uids)
    # The same events in the site's calendar, with the same UIDs; the other strategy has no days to give.
    site = Calendar.from_ical((during / "dates.ics").read_bytes())
    assert [str(e["UID"]) for e in site.walk("VEVENT")] == uids
    assert not (during / "example/other/dates.ics").exists()
    # A calendar does not depend on the day of the build.
    assert path.read_bytes() == (after / "example/plan/dates.ics").read_bytes()


def test_the_real_calendars_parse_back_with_the_belonging_meetings(real):
    first, _ = real
    events = _events(first / "leicestershire/belonging-in-education-2026-29/dates.ics")
    assert ("Cabinet: Belonging in Education 2026-29", dt.date(2026, 7, 21), dt.date(2026, 7, 22), "TENTATIVE") in events
    assert (
        "Consultation on the Belonging in Education Strategy 2026-2029",
        dt.date(2026, 4, 20),
        dt.date(2026, 6, 2),
        "CONFIRMED",
    ) in events
    site = Calendar.from_ical((first / "dates.ics").read_bytes())
    starts = [e["DTSTART"].dt for e in site.walk("VEVENT")]
    assert starts == sorted(starts) and len(starts) == 22
    for path in first.rglob("*.ics"):
        for event in Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            assert "URL" not in event  # the site's address is not known, and a calendar's links must be absolute


def test_two_builds_of_the_same_content_give_the_same_feeds_and_calendars(real):
    first, second = real
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.suffix in (".xml", ".ics"))
    assert len(files) == 5 + 5 + 1 + 1 + 1  # each strategy's feed and calendar, the site's, the sitemap
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert tree_digest(first) == tree_digest(second)


# --- The pages that offer them -----------------------------------------------------------------------


def _links(html: str) -> dict[str, str]:
    return {re.sub(r"<[^>]+>", "", text): href for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', html)}


def test_a_strategys_first_page_offers_its_feed_and_calendar_in_plain_words(real, made):
    first, _ = real
    address = "leicestershire/belonging-in-education-2026-29"
    html = page(first, address).read_text(encoding="utf-8")
    links = _links(html)
    assert links["updates feed"] == "updates.xml"
    assert links["calendar of dates"] == "dates.ics"
    text = article_text(page(first, address))
    # What each is, how to use it, and what tapping it does instead: a browser shows a feed as code.
    assert (
        "Follow this strategy Get updates when something happens to this strategy: a new stage, a progress update, a change, "
        "a consultation opening or closing, a meeting or a decision. You need a feed reader, an app or website that gathers news "
        "from the sites you follow. Copy this link and paste it into your feed reader: updates feed. To copy a link, press and "
        "hold it on a phone, or right-click it on a computer. Opening it in a web browser shows only code. "
        "Add the dates to your calendar: the consultation and the meetings that decide on this strategy, kept up to date. "
        "Copy this link: calendar of dates. Then, in your calendar app, choose to add a calendar from a web address (some apps "
        'call this subscribing, or adding "from URL") and paste the link. Opening the link instead may add the dates only once, '
        "without later changes."
    ) in text
    # The site's address is not known here, so no address is written out; with it, each is, to copy.
    assert "its address is" not in text
    made_text = article_text(page(made[0], "example/plan"))
    assert f"paste it into your feed reader: updates feed (its address is {SITE_URL}example/plan/updates.xml)." in made_text
    assert f"Copy this link: calendar of dates (its address is {SITE_URL}example/plan/dates.ics)." in made_text
    # A strategy with no consultation: its words, its calendar's and its feed's do not mention one.
    best = "leicestershire/best-programme-plan"
    best_text = article_text(page(first, best))
    assert (
        "Get updates when something happens to this strategy: a new stage, a progress update, a change, a meeting or a decision."
    ) in best_text
    assert "Add the dates to your calendar: the meetings that decide on this strategy, kept up to date." in best_text
    calendar = Calendar.from_ical((first / best / "dates.ics").read_bytes())
    assert str(calendar["DESCRIPTION"]) == (
        "The meetings that decide on the Building Education Services Together (BEST): Programme Plan, from Education and SEND strategies."
    )
    assert "onsultation" not in str(calendar["X-WR-CALDESC"]) + str(calendar["DESCRIPTION"])
    assert "onsultation" not in read_feed((first / best / "updates.xml").read_bytes()).feed.subtitle
    # The head names the site's feed and the strategy's, for a browser or feed reader to find.
    head = html[: html.index("</head>")]
    assert re.findall(r'<link rel="alternate" type="application/atom\+xml" href="([^"]*)" title="([^"]*)">', head) == [
        ("../../updates.xml", "Education and SEND strategies: updates"),
        ("updates.xml", "Belonging in Education 2026-29: updates"),
    ]
    # The links' policy is unchanged: a feed is only named, never loaded, so it needs no place in it.
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', head)
    assert policy and head.index(policy.group(0)) < head.index("<link")
    assert "updates.xml" not in policy.group(1) and "default-src 'self'" in policy.group(1)
    # A strategy with no days to give has no calendar link.
    other = page(made[0], "example/other").read_text(encoding="utf-8")
    assert _links(other)["updates feed"] == "updates.xml"
    assert "Add the dates to your calendar" not in other


def test_every_link_to_a_feed_or_calendar_leads_to_the_file(real):
    first, _ = real
    for html_file in first.rglob("index.html"):
        html = html_file.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"]*\.(?:xml|ics))"', html):
            target = posixpath.normpath(posixpath.join(html_file.parent.relative_to(first).as_posix(), href))
            assert (first / target).is_file(), (html_file, href)


def test_whats_new_lists_the_latest_across_the_site_with_date_strategy_and_link(real):
    first, _ = real
    path = page(first, "whats-new")
    text = article_text(path)
    assert (
        text.startswith("All strategies What's new What's new What has happened")
        and (
            "What's new What has happened to the strategies on this site, newest first: each new stage, progress update, change, "
            "consultation opening or closing, and meeting or decision the councils have recorded, up to 1 December 2026."
        )
        in text
    )
    # Each item's summary under its title.
    assert (
        "1 July 2026 Belonging in Education 2026-29: Progress update: Belonging in Education The Position statement from the "
        "Cabinet Lead Member for Children and Families, given to the County Council meeting on 1 July 2026, reported on the "
        "Belonging in Education Strategy 2026-2029: Belonging in Education. SEND and Inclusion 2024-27: Progress update: "
        "Accelerated Progress Plan (APP) The Position statement"
    ) in text
    assert (
        "1 June 2026 Belonging in Education 2026-29: Consultation closed The consultation on the Belonging in Education "
        "Strategy 2026-2029 closed on 1 June 2026. 20 April 2026 Belonging in Education 2026-29: Out for consultation "
        "The consultation on the Belonging in Education Strategy 2026-2029 opened on 20 April 2026, to run until 1 June 2026. "
        "24 March 2026"
    ) in text
    assert (
        "March 2023 BEST programme plan: The national SEND and Alternative Provision Improvement Plan was published\u2026 "
        "What the strategy's timeline records for March 2023 (Government): \u201cThe national SEND and Alternative Provision "
        "Improvement Plan was published, outlining a vision for a more inclusive, consistent, and financially sustainable system.\u201d"
    ) in text
    assert "Consultation opened" not in text
    assert "2026-29: Draft stage The Belonging in Education Strategy 2026-2029 was at the draft stage on 24 March 2026." in text
    html = path.read_text(encoding="utf-8")
    article = html[html.index("<h1") :]
    assert '<a href="../leicestershire/belonging-in-education-2026-29/progress/">Progress update: Belonging in Education</a>' in article
    links = _links(article)
    assert (links["updates feed"], links["calendar of dates"]) == ("../updates.xml", "../dates.ics")
    headings = re.findall(r"<h2 [^>]*>([^<]*)</h2>", article)
    assert headings[:3] == ["Follow every strategy", "1 July 2026", "1 June 2026"]


# --- Hostile text -------------------------------------------------------------------------------------


def test_file_text_leaves_a_value_no_line_break_but_its_own_and_no_unseen_character():
    from plugins.safety.sanitise import file_text

    text = "a\r\nb\rc\nd\x0be\x0cf\x85g\u2028h\u2029i\x00j\x1bk\u202el\ufffem"
    assert file_text(text) == "a\nb\nc\nd\ne\nf\ng\nh\nijklm"
    assert file_text(text, one_line=True) == "a b c d e f g h ijklm"
    assert file_text("Café 🎒 <b> & \t tab") == "Café 🎒 <b> & \t tab"


def test_the_scan_of_the_outputs_finds_an_injected_calendar_line_or_feed_element(tmp_path: Path):
    from .hostile import scan_site

    (tmp_path / "dates.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1f0c2b9e-0000-5000-8000-000000000000\r\nSUMMARY:a\rATTACH:x\r\n"
        b"UID:injected\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (tmp_path / "updates.xml").write_bytes(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:uuid:x</id><content type="html">&lt;script&gt;alert(1)'
        b'&lt;/script&gt;</content><script xmlns="http://www.w3.org/1999/xhtml"/></entry></feed>'
    )
    found = scan_site(tmp_path, []).items
    assert [f for f in found if f.startswith("dates.ics")] == [
        "dates.ics: a line break inside a calendar's line: 'SUMMARY:a\\rATTACH:x'",
        "dates.ics: a UID the calendar did not make: 'UID:injected'",
    ]
    assert "updates.xml: an entry's HTML that would run or fetch: ['<script>']" in found
    assert "updates.xml: an element the feed does not write: '{http://www.w3.org/1999/xhtml}script'" in found


def test_text_an_officer_may_type_reaches_the_feeds_and_calendars_as_typed(tmp_path: Path):
    from .hostile import ACCEPTED

    root = made_project(tmp_path / "project")
    plan = root / "content/example/plan/strategy.yml"
    typed = [text.splitlines()[0] for text in ACCEPTED]
    notes = "".join(f"  - date: 2026-05-{day:02d}\n    note: {json_string(text)}\n" for day, text in enumerate(typed, 1))
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "changes:\n  - date: 2026-05-10\n    note: Added an action to priority 1 after the consultation.\n", "changes:\n" + notes
        ),
        encoding="utf-8",
    )
    _build(root, tmp_path / "site", "2026-05-31")
    feed = read_feed((tmp_path / "site/example/plan/updates.xml").read_bytes())
    titles = {e.title for e in feed.entries}
    for text in typed:
        assert f"Example 2026-29: {' '.join(text.split())}" in titles
    assert valid_atom((tmp_path / "site/example/plan/updates.xml").read_bytes()) == []


def json_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def test_an_update_on_an_action_or_a_measure_is_told_in_the_feed_once_its_day_has_come(tmp_path: Path):
    root = made_project(tmp_path / "project")
    plan = root / "content/example/plan/strategy.yml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace(
        "          status: on track\n",
        "          status: on track\n"
        "          updates:\n"
        "            - date: 2026-06-10\n"
        "              what: The review's first findings went to the Partnership Board.\n"
        "              source: Partnership Board minutes, 10 June 2026\n"
        "            - date: 2026-09-01\n"
        "              what: The new support begins.\n"
        "              source: Partnership Board minutes, 10 June 2026\n",
    )
    text += (
        "measures:\n"
        "  indicators:\n"
        "    - id: attendance\n"
        "      name: Pupils attending school\n"
        '      unit: "%"\n'
        "      updates:\n"
        "        - date: 2026-07\n"
        "          what: The summer count was published.\n"
        "          source: Attendance return, July 2026\n"
        "          value: 91\n"
    )
    plan.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    _build(root, site, "2026-08-01")
    data = (site / "example/plan/updates.xml").read_bytes()
    assert valid_atom(data) == []
    feed = read_feed(data)
    by_title = {e.title: e for e in feed.entries}
    # The title says which action; the action's words and the update's are set apart from the site's sentence.
    action = by_title["Example 2026-29: Update on an action: We will review attendance support"]
    assert action.updated[:10] == "2026-06-10"
    assert action.summary == (
        "An update dated 10 June 2026, on an action of Priority 1 of the Example Strategy 2026-2029: "
        "\u201cWe will review attendance support\u201d. What the update says: \u201cThe review's first findings went to the "
        "Partnership Board.\u201d Source: Partnership Board minutes, 10 June 2026."
    )
    assert action.link == SITE_URL + "example/plan/progress/"
    measure = by_title["Example 2026-29: Update on a measure: Pupils attending school"]
    assert measure.updated[:10] == "2026-07-01"
    # An update dated after the build day is not news yet.
    assert "The new support begins." not in data.decode("utf-8")
    # The site's feed tells it too, with the same id.
    site_feed = read_feed((site / "updates.xml").read_bytes())
    assert action.id in {e.id for e in site_feed.entries}
