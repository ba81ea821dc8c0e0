"""The small helpers pages are made with, each on its own: which year of the plan a reader sees, the
web and phone addresses written into pages, whether an address fetches from elsewhere, and how a
year's actions are paired up when two versions of a strategy are compared."""

from __future__ import annotations

import datetime as dt
import difflib

import pytest
from pydantic_core import PydanticCustomError

from plugins.content.changes import REWORDED, ActionChanges, match_actions
from plugins.content.model import Action, Strategy, YearOfPlan, _web_link, tel_address
from plugins.content.yamlsource import load_file
from plugins.pages.render import page_url
from plugins.pages.status import YearNow, year_now
from plugins.safety.sanitise import is_remote

from .conftest import MINIMAL

# --- year_now: the year of the plan a reader should see -------------------------------------------

ONE = YearOfPlan(id="year_one", name="Year One (2026-2027)", start=dt.date(2026, 4, 1), end=dt.date(2027, 3, 31))
TWO = YearOfPlan(id="year_two", name="Year Two (2027-2028)", start=dt.date(2027, 4, 1), end=dt.date(2028, 3, 31))
THREE = YearOfPlan(id="year_three", name="Year Three (2028-2029)", start=dt.date(2028, 4, 1), end=dt.date(2029, 3, 31))


def _plan(*years: YearOfPlan) -> Strategy:
    """The minimal strategy, with these named years."""
    strategy = Strategy.model_validate(load_file(MINIMAL / "content/example/plan/strategy.yml", "strategy.yml").data)
    return strategy.model_copy(update={"period": strategy.period.model_copy(update={"years": list(years)})})


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-03-31", YearNow(ONE, "not started")),  # the day before the plan starts: its first year is next
        ("2026-04-01", YearNow(ONE, "current")),  # the first day of a year belongs to it
        ("2027-03-31", YearNow(ONE, "current")),  # and so does the last
        ("2027-04-01", YearNow(TWO, "current")),
        ("2028-02-29", YearNow(TWO, "current")),  # a leap day
        ("2029-03-31", YearNow(THREE, "current")),
        ("2029-04-01", YearNow(THREE, "ended")),  # the day after the plan ends: its last year, as ended
        ("2040-01-01", YearNow(THREE, "ended")),
        ("1999-01-01", YearNow(ONE, "not started")),
    ],
)
def test_year_now_is_the_year_holding_the_day_or_the_nearest_end_of_the_plan(day: str, expected: YearNow):
    assert year_now(_plan(ONE, TWO, THREE), dt.date.fromisoformat(day)) == expected


def test_year_now_in_a_gap_between_named_years_is_the_next_year_not_started():
    gap_before_three = _plan(ONE, THREE)
    assert year_now(gap_before_three, dt.date(2027, 4, 1)) == YearNow(THREE, "not started")
    assert year_now(gap_before_three, dt.date(2028, 3, 31)) == YearNow(THREE, "not started")
    assert year_now(gap_before_three, dt.date(2028, 4, 1)) == YearNow(THREE, "current")


def test_year_now_of_a_one_year_plan_and_of_a_plan_with_no_years():
    assert year_now(_plan(ONE), dt.date(2026, 12, 25)) == YearNow(ONE, "current")
    assert year_now(_plan(ONE), dt.date(2027, 4, 1)) == YearNow(ONE, "ended")
    assert year_now(_plan(), dt.date(2026, 12, 25)) is None


# --- _web_link: one web address, in one normal form -----------------------------------------------


@pytest.mark.parametrize(
    ("written", "published"),
    [
        ("https://www.leicestershire.gov.uk/education", "https://www.leicestershire.gov.uk/education"),
        # The scheme and host are case-blind, so they are written in lower case; the rest is kept as typed.
        ("HTTPS://Example.GOV.uk/Path?Q=1#Frag", "https://example.gov.uk/Path?Q=1#Frag"),
        ("http://EXAMPLE.ORG:80", "http://example.org:80/"),
        ("https://Example.org:8443/x", "https://example.org:8443/x"),
        # An address with no path gets one, as a browser would ask for it.
        ("https://example.org", "https://example.org/"),
        ("  https://example.org/a  ", "https://example.org/a"),
        # A host in another script is kept as written, in lower case; its ASCII form is kept too.
        ("https://BÜCHER.example", "https://bücher.example/"),
        ("https://xn--bcher-kva.example/x", "https://xn--bcher-kva.example/x"),
        # A user name is not part of the host and keeps its case.
        ("https://User@Example.org/x", "https://User@example.org/x"),
    ],
)
def test_a_web_address_is_published_in_one_normal_form(written: str, published: str):
    assert _web_link(written) == published


@pytest.mark.parametrize(
    "written",
    [
        "javascript:alert(1)",
        "mailto:officer@example.gov.uk",
        "ftp://example.org/",
        "//example.org/",  # no scheme: it would take the page's own
        "https://",
        "https://exa mple.org/",
        'https://example.org/"onmouseover="x',
        "https://example.org/<b>",
        "https://_bad.example/",
        "https://-a.example/",
        "https://a..b/",
        "https://example.org:99999/",  # a port no server can have
    ],
)
def test_what_is_not_one_web_address_is_refused_with_the_officers_message(written: str):
    with pytest.raises(PydanticCustomError) as refused:
        _web_link(written)
    assert refused.value.message() == f"'{written}' is not a web address. Web addresses start with https:// or http://."


# --- is_remote: whether a resource would be fetched from somewhere else ---------------------------


@pytest.mark.parametrize(
    ("address", "remote"),
    [
        ("https://example.org/a.svg", True),
        ("http://127.0.0.1:9/", True),
        ("data:image/svg+xml;base64,PHN2Zz4=", True),
        ("file:///etc/passwd", True),
        ("javascript:alert(1)", True),
        ("HTTPS://EXAMPLE.ORG/", True),
        ("//evil.example/a.png", True),  # the page's own scheme, another site
        ("\\\\evil.example\\a.png", True),  # a browser reads backslashes as slashes
        ("  //evil.example/a.png", True),
        ("C:\\pictures\\a.png", True),  # a drive letter reads as a scheme
        ("../../assets/pictures/fluent-emoji-flat/school.svg", False),
        ("assets/pictures/fluent-emoji-flat/school.svg", False),
        ("/assets/pictures/fluent-emoji-flat/school.svg", False),  # this site's own root
        ("#top", False),
        ("?q=1", False),
        ("", False),
    ],
)
def test_is_remote_says_whether_an_address_fetches_from_elsewhere(address: str, remote: bool):
    assert is_remote(address) is remote


# --- tel and page_url: addresses written into pages -----------------------------------------------


@pytest.mark.parametrize(
    ("shown", "address"),
    [
        ("0116 305 2649", "tel:01163052649"),
        ("0116 3057429", "tel:01163057429"),
        ("  0116 305 0546 ", "tel:01163050546"),
        ("+44 116 305 0000", "tel:+441163050000"),
        ("+44-116-305-0000", "tel:+441163050000"),
        ("0116 (305) 0000", "tel:01163050000"),
    ],
)
def test_a_phone_number_becomes_its_digits_and_a_leading_plus(shown: str, address: str):
    assert tel_address(shown) == address


def test_the_trunk_zero_written_in_brackets_after_plus_44_is_not_dialled():
    assert tel_address("+44 (0)116 305 0000") == "tel:+441163050000"


@pytest.mark.parametrize(
    ("uri", "address"),
    [
        ("index.md", ""),  # the home page is the site's root
        ("leicester/index.md", "leicester/"),
        ("leicester/send-2021-24/index.md", "leicester/send-2021-24/"),
        ("leicester/send-2021-24/priorities/responsive.md", "leicester/send-2021-24/priorities/responsive/"),
        ("status/approved.md", "status/approved/"),
        ("404.md", "404/"),
    ],
)
def test_a_pages_address_is_its_source_file_as_mkdocs_writes_it(uri: str, address: str):
    assert page_url(uri) == address


def test_a_page_whose_name_ends_in_index_keeps_its_whole_name():
    assert page_url("leicester/plan/priorities/attendance-index.md") == "leicester/plan/priorities/attendance-index/"


# --- match_actions: a year's actions, paired between two versions ---------------------------------


def _actions(*texts: str, status: str | None = None) -> list[Action]:
    return [Action(text=text, status=status) for text in texts]


def test_actions_with_the_same_words_are_kept_and_reported_as_nothing():
    before = _actions("We will review attendance support", "We will open two new special schools")
    after = list(reversed(before))
    assert match_actions(before, after) == ActionChanges()


def test_a_reworded_action_is_paired_with_the_one_it_came_from():
    before = _actions("We will review attendance support every term", "We will open two new special schools")
    after = _actions("We will open three new special schools", "We will review attendance support every month")
    changes = match_actions(before, after)
    # In the order of the later version, each with the closest earlier wording.
    assert changes.reworded == [(before[1], after[0]), (before[0], after[1])]
    assert changes.added == changes.removed == changes.status == []


def test_a_new_wording_is_paired_with_the_closest_of_several():
    before = _actions("We will train staff in autism awareness", "We will train staff in attendance law")
    after = _actions("We will train all staff in autism awareness")
    changes = match_actions(before, after)
    assert changes.reworded == [(before[0], after[0])]
    assert changes.removed == [before[1]]
    assert changes.added == []


def test_wording_at_least_six_tenths_alike_is_reworded_and_less_is_removed_and_added():
    assert REWORDED == 0.6
    # 'abcde' and 'abcxy' share 3 of their 10 letters in order: exactly 0.6 alike.
    assert difflib.SequenceMatcher(None, "abcde", "abcxy").ratio() == 0.6
    at_threshold = match_actions(_actions("abcde"), _actions("abcxy"))
    assert at_threshold.reworded == [(Action(text="abcde"), Action(text="abcxy"))]
    assert at_threshold.added == at_threshold.removed == []
    # 'abcdef' and 'abcxyz': 0.5 alike, so one action went and another came.
    below = match_actions(_actions("abcdef"), _actions("abcxyz"))
    assert below.reworded == []
    assert below.removed == [Action(text="abcdef")]
    assert below.added == [Action(text="abcxyz")]


def test_actions_added_and_removed_keep_their_order():
    before = _actions("We will keep this", "We will stop the old helpline", "We will close the unit")
    after = _actions("Publish a local offer", "We will keep this", "Hold a yearly summit")
    changes = match_actions(before, after)
    assert changes.added == [after[0], after[2]]
    assert changes.removed == [before[1], before[2]]
    assert changes.reworded == changes.status == []


def test_a_status_that_moved_on_is_reported_for_kept_and_reworded_actions_alike():
    kept_before, reworded_before, same_before = (
        Action(text="We will review attendance support", status="on track"),
        Action(text="We will open two new special schools", status=None),
        Action(text="We will publish the local offer", status="done"),
    )
    kept_after = Action(text="We will review attendance support", status="done")
    reworded_after = Action(text="We will open three new special schools", status="delayed")
    same_after = Action(text="We will publish the local offer", status="done")
    changes = match_actions([kept_before, reworded_before, same_before], [reworded_after, same_after, kept_after])
    # Kept actions first, then reworded ones; an unchanged status is not a change.
    assert changes.status == [(kept_before, kept_after), (reworded_before, reworded_after)]
    assert changes.reworded == [(reworded_before, reworded_after)]


def test_an_action_written_twice_and_kept_once_is_one_removed():
    before = _actions("We will meet every term", "We will meet every term")
    after = _actions("We will meet every term")
    changes = match_actions(before, after)
    assert changes.removed == [before[1]]
    assert changes.added == changes.reworded == changes.status == []


def test_a_year_with_no_actions_before_or_after():
    assert match_actions([], _actions("We will start")) == ActionChanges(added=_actions("We will start"))
    assert match_actions(_actions("We will stop"), []) == ActionChanges(removed=_actions("We will stop"))
    assert match_actions([], []) == ActionChanges()
