"""Reviewing an Easy Read edition: a point's `from:`, the review page beside each edition, the coverage
list and `left_out`, and rule 23 (contacts a reader can use).

The strategy under test is the minimal site's, given one of every part a point can name, and an
edition whose points name some of them.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from easyread.checker import check_edition
from easyread.coverage import coverage, coverage_lines
from easyread.review import Quoted, ReviewPage, review_page
from easyread.rules import Thresholds
from plugins.content import ContentError, load_library
from plugins.content.standard_text import StandardContent

from .conftest import REPO, page
from .hostile import scan_site
from .html_outline import article_text, outline, search_fragments

STRATEGY = """\
title: Example Strategy 2026-2029
short_title: Example 2026-29
summary: An example strategy for tests.
period:
  start_year: 2026
  end_year: 2029
  start: 2026-04-01
  end: 2029-03-31
  years:
    - id: year_one
      name: Year one (2026-2027)
      start: 2026-04-01
      end: 2027-03-31
    - id: year_two
      name: Year two (2027-2028)
      start: 2027-04-01
      end: 2028-03-31
status: out for consultation
stages:
  - stage: draft
    date: 2026-03-24
  - stage: out for consultation
    date: 2026-04-20
scope: Children and young people aged 0-25 in the county.
purpose: To help every child **belong**.
vision: Every child belongs, learns and thrives.
principles:
  - We listen to families.
sections:
  - heading: Funding
    body: A deficit of £2.5m is forecast for 2027/28. We will spend the grant over the next 3 years.
priorities:
  - number: 1
    id: belonging
    title: Every child belongs
    ambition: Our ambition is that every child belongs.
    actions:
      year_one:
        - text: We will review attendance support
      year_two:
        - text: We will open 100 new places in Key Stage 2 and at Level 3
measures:
  summary: We will count how often children attend.
  outcomes:
    - I feel safe
  indicators:
    - id: attendance
      name: Attendance
      unit: "%"
      target:
        value: 95
        date: 2029
governance:
  boards:
    - id: partnership-board
      name: Partnership Board
      role: Oversees the strategy.
consultation:
  opens: 2026-04-20
  closes: 2026-06-01
  how_to_respond: Fill in the online survey.
timeline:
  - date: 2026-03-24
    kind: cabinet
    body: Cabinet
    what: The Cabinet approved the draft for consultation. 25% of schools took part in writing it.
    status: held
  - date: 2026-04-20
    kind: consultation opens
    body: Public consultation
    what: The consultation opens.
    status: held
glossary:
  - SEND
contacts:
  - name: Ann Officer
    role: Head of Service
    phone: 0116 3057429
    email: ann.officer@example.gov.uk
  - name: Bob Clerk
    role: Report author
    email: bob.clerk@example.gov.uk
"""

EDITION = """\
easy_read:
  title: Our plan
  date: 2026-11
  checked_by:
    by: The Speak Up group
    date: 2026-11
    points:
      - text: About this booklet
        result: understood
      - text: This plan is for children and young people up to age 25.
        result: understood
      - text: We will open 100 new places.
        result: changed
        note: Say where the places are.
      - text: To belong means you feel you are part of a group.
        result: understood
  sections:
    - part: about
      heading: About this booklet
      points:
        - text: This plan is for children and young people up to age 25.
          picture: child
          alt: A child.
          from: {about_from}
    - part: priority
      priority: belonging
      heading: Every child belongs
      points:
        - text: We will help every child feel they belong.
          picture: school
          alt: A school.
          from: priorities/belonging
        - text: We will open 100 new places.
          picture: house
          alt: A house.
          from: priorities/belonging/actions/2
        - text: About 1 in 4 schools helped to write the plan.
          picture: handshake
          alt: Two hands shaking.
          from: purpose
        - text: It is for children and young people in the county.
          picture: child
          alt: A child.
          from: scope
    - part: have your say
      heading: Have your say
      points:
        - text: Tell us what you think by 1 June 2026.
          picture: speech-balloon
          alt: A speech bubble.
          from: consultation
    - part: contact
      heading: Contact us
      points:
{contact}
  hard_words:
    - word: belong
      forms: [belongs]
      means: To belong means you feel you are part of a group.
  left_out:
    - item: Cabinet
      why: The booklet says the council decides.
    - item: £9
      why: The plan gave it once.
"""
CONTACT = """\
        - text: "Phone: 0116 305 7429"
          picture: telephone-receiver
          alt: A telephone.
          from: contacts
        - text: "Email: ann.officer@example.gov.uk"
          picture: e-mail
          alt: An email.
          from: contacts
"""
FILE = "content/example/plan/easy-read.yml"
AS_OF = dt.date(2026, 5, 1)


def _site(root: Path, *, about_from: str = "scope", contact: str = CONTACT) -> Path:
    (root / "content/example/plan/strategy.yml").write_text(STRATEGY, encoding="utf-8")
    (root / FILE).write_text(EDITION.format(about_from=about_from, contact=contact), encoding="utf-8")
    return root


def _line(root: Path, text: str) -> int:
    return next(n for n, line in enumerate((root / FILE).read_text(encoding="utf-8").splitlines(), 1) if text in line)


# --- from: names a part of the standard edition ------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "label", "text"),
    [
        ("vision", "Vision", "Every child belongs, learns and thrives."),
        ("purpose", "Purpose", "To help every child **belong**."),
        ("scope", "Who it is for", "Children and young people aged 0-25 in the county."),
        ("principles/1", "Principle 1", "We listen to families."),
        (
            "sections/1",
            "Section 1: Funding",
            "A deficit of £2.5m is forecast for 2027/28. We will spend the grant over the next 3 years.",
        ),
        (
            "sections/funding",
            "Section 1: Funding",
            "A deficit of £2.5m is forecast for 2027/28. We will spend the grant over the next 3 years.",
        ),
        ("priorities/belonging", "Priority 1: Every child belongs", "Our ambition is that every child belongs."),
        ("priorities/belonging/actions/1", "Priority 1, action 1", "We will review attendance support"),
        ("priorities/belonging/actions/2", "Priority 1, action 2", "We will open 100 new places in Key Stage 2 and at Level 3"),
        ("measures", "Measures of success", "We will count how often children attend."),
        ("measures/outcomes/1", "Outcome 1: I feel safe", ""),
        ("measures/indicators/attendance", "Measure: Attendance", "Target: 95 % (2029)."),
        ("governance", "Governance", ""),
        ("governance/boards/partnership-board", "Partnership Board", "Oversees the strategy."),
        ("consultation", "Consultation", "Open from 20 April 2026 to 1 June 2026.\n\nFill in the online survey."),
        (
            "timeline/1",
            "Timeline, 24 March 2026: Cabinet",
            "The Cabinet approved the draft for consultation. 25% of schools took part in writing it.",
        ),
        (
            "contacts",
            "Contacts",
            "Ann Officer, Head of Service, 0116 3057429, ann.officer@example.gov.uk\n\nBob Clerk, Report author, bob.clerk@example.gov.uk",
        ),
    ],
)
def test_from_names_each_kind_of_part_with_its_label_and_the_councils_words(minimal: Path, path: str, label: str, text: str):
    strategy = load_library(_site(minimal)).strategy("example/plan")
    found = StandardContent(strategy.model).find(path)
    assert found is not None
    assert (found.label, found.text) == (label, text)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "priorities/belongin",
            "'priorities/belongin' names nothing in this strategy. Did you mean 'priorities/belonging'? "
            "Its priorities are: belonging; an action is priorities/<priority id>/actions/<n>.",
        ),
        (
            "priorities/belonging/actions/3",
            "'priorities/belonging/actions/3' names nothing in this strategy. "
            "priorities/belonging has 2 actions: give a number from 1 to 2.",
        ),
        (
            "governance/boards/programme-board",
            "'governance/boards/programme-board' names nothing in this strategy. Did you mean 'governance/boards/partnership-board'? "
            "Its boards are: partnership-board.",
        ),
        (
            "measures/outcomes/2",
            "'measures/outcomes/2' names nothing in this strategy. Its measures have outcomes 1 and indicators attendance.",
        ),
        (
            "sections/money",
            "'sections/money' names nothing in this strategy. Its sections are 1, or by heading: funding.",
        ),
        (
            "timeline/9",
            "'timeline/9' names nothing in this strategy. Its timeline has events 1 to 2.",
        ),
        (
            "values",
            "'values' names nothing in this strategy. In this strategy a point can name: vision, purpose, scope, principles/<n>, "
            "sections/<n>, priorities/<priority id>, priorities/<priority id>/actions/<n>, measures, measures/outcomes/<n>, "
            "measures/indicators/<id>, governance, governance/boards/<id>, consultation, timeline/<n>, contacts, "
            "sections/<heading as an id>.",
        ),
    ],
)
def test_a_from_that_names_nothing_is_a_content_error_at_its_line_listing_what_it_could_name(
    minimal: Path, run, written: str, message: str
):
    root = _site(minimal, about_from=written)
    result = run("--root", root, "check")
    assert result.code == 1
    line = _line(root, f"from: {written}")
    assert result.err.splitlines() == [
        f"{FILE}:{line}:17: easy_read.sections[0].points[0].from: {message}",
        "Found 1 problem in 1 file. Fix it and run the command again.",
    ]


def test_a_from_that_is_not_a_path_says_how_to_write_one(minimal: Path):
    with pytest.raises(ContentError) as error:
        load_library(_site(minimal, about_from="Priority 1"))
    assert [str(p) for p in error.value.problems] == [
        f"{FILE}:{_line(minimal, 'from: Priority 1')}:17: easy_read.sections[0].points[0].from: 'Priority 1' is not a place in "
        "the strategy. Write it as a path of ids and numbers joined by /, such as priorities/belonging or priorities/belonging/actions/2."
    ]


def test_a_misspelt_from_is_suggested_by_the_name_officers_write(minimal: Path):
    root = _site(minimal)
    (root / FILE).write_text((root / FILE).read_text(encoding="utf-8").replace("from: scope", "frm: scope", 1), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_library(root)
    assert [str(p) for p in error.value.problems] == [
        f"{FILE}:{_line(root, 'frm: scope')}:11: easy_read.sections[0].points[0].frm: 'frm' is not a field here. "
        "Did you mean 'from'? The fields here are: text, picture, alt, when, from."
    ]


# --- The review page ----------------------------------------------------------------------------------


def _project(root: Path) -> Path:
    """The minimal site with the project's own build settings, theme and pictures."""
    for name in ("mkdocs.yml", "docs", "templates"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    return root


REVIEW = "example/plan/easy-read/review"


@pytest.fixture(scope="module")
def review_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import site_build

    from .conftest import MINIMAL

    root = tmp_path_factory.mktemp("review") / "project"
    shutil.copytree(MINIMAL, root)
    shutil.copytree(REPO / "pictures", root / "pictures")
    _site(_project(root))
    # With the site's address, so that MkDocs writes a sitemap that lists each page's.
    with (root / "content/site.yml").open("a", encoding="utf-8") as site_file:
        site_file.write("url: https://strategies.example.gov.uk/\n")
    # Lenient: this is a preview of the page, whatever the other Easy Read rules say of the edition.
    site = root / "site"
    code = site_build.main(["--root", str(root), "build", "--lenient", "--no-pdf", "--site-dir", str(site), "--as-of", "2026-05-01"])
    assert code == 0
    return site


HEADER = ["Picture", "Words", "Alt text", "What readers found", "From the plan"]
BY_SITE = "Written by the site from the plan's data, {}, as of 1 May 2026."


def test_the_review_page_shows_the_whole_booklet_each_point_beside_its_picture_alt_text_and_the_standard_text(review_site: Path):
    review = outline(page(review_site, REVIEW))
    assert review.heading_list == [
        (1, "Example 2026-29 Review of the Easy Read edition"),
        (2, "Each point beside the plan"),
        (3, "About this booklet"),
        (3, "Every child belongs"),
        (3, "Have your say"),
        (3, "Contact us"),
        (2, "Hard words"),
        (2, "What the edition does not mention"),
        (3, "Figures"),
        (3, "Bodies"),
        (3, "Glossary terms"),
        (3, "Contacts"),
        (3, "Left out on purpose"),
        (3, "In left_out, and no longer listed"),
    ]
    # The rows the page writes itself on the build day are in their places, marked as the site's; every
    # part of the edition says what the readers' check records for its very words.
    assert review.rows == [
        HEADER,
        [
            "memo",
            "This plan is a draft. The council wants to know what you think of it.",
            "A page of writing and a pencil.",
            "Not part of the edition",
            BY_SITE.format("status"),
        ],
        [
            "child",
            "This plan is for children and young people up to age 25.",
            "A child.",
            "understood",
            "Who it is for Children and young people aged 0-25 in the county.",
        ],
        HEADER,
        [
            "school",
            "We will help every child feel they belong.",
            "A school.",
            "not checked as it is now",
            "Priority 1: Every child belongs Our ambition is that every child belongs.",
        ],
        [
            "house",
            "We will open 100 new places.",
            "A house.",
            "asked to change: Say where the places are.",
            "Priority 1, action 2 We will open 100 new places in Key Stage 2 and at Level 3",
        ],
        [
            "handshake",
            "About 1 in 4 schools helped to write the plan.",
            "Two hands shaking.",
            "not checked as it is now",
            "Purpose To help every child belong.",
        ],
        # A point from a passage quoted above says which point quotes it, rather than quoting it again.
        [
            "child",
            "It is for children and young people in the county.",
            "A child.",
            "not checked as it is now",
            "Who it is for The same passage as point 2 of “About this booklet”, above.",
        ],
        HEADER,
        [
            "thinking-face",
            "You can have your say now. Please tell us what you think by 1 June 2026.",
            "A face thinking.",
            "Not part of the edition",
            BY_SITE.format("consultation.closes"),
        ],
        [
            "speech-balloon",
            "Tell us what you think by 1 June 2026.",
            "A speech bubble.",
            "not checked as it is now",
            "Consultation Open from 20 April 2026 to 1 June 2026. Fill in the online survey.",
        ],
        HEADER,
        ["telephone-receiver", "Phone: 0116 305 7429", "A telephone.", "not checked as it is now", "Contacts Ann Officer, Head of "
         "Service, 0116 3057429, ann.officer@example.gov.uk Bob Clerk, Report author, bob.clerk@example.gov.uk"],
        ["e-mail", "Email: ann.officer@example.gov.uk", "An email.", "not checked as it is now",
         "Contacts The same passage as point 1 of “Contact us”, above."],
        # The hard words, after the sections, each meaning as the edition writes it.
        ["Word", "Other forms", "Meaning as written", "What readers found"],
        ["belong", "belongs", "To belong means you feel you are part of a group.", "understood"],
    ]  # fmt: skip
    html = page(review_site, REVIEW).read_text(encoding="utf-8")
    # Each picture is the published file, beside the name the point gives it; the point's words are
    # the row's heading.
    assert (
        '<tr><td><img src="../../../../assets/pictures/fluent-emoji-flat/school.svg" alt="" loading="lazy"> school</td>'
        '<th scope="row">We will help every child feel they belong.</th><td>A school.</td><td>not checked as it is now</td>'
        '<td id="from/priorities/belonging"><p><strong>Priority 1: Every child belongs</strong></p> <blockquote><p>Our ambition '
        "is that every child belongs.</p></blockquote></td></tr>"
    ) in html
    assert (
        '<tr class="review-by-site"><td><img src="../../../../assets/pictures/fluent-emoji-flat/memo.svg" alt="" loading="lazy"> '
        'memo</td><th scope="row">This plan is a draft. The council wants to know what you think of it.</th><td>A page of writing '
        "and a pencil.</td><td>Not part of the edition</td><td><p><strong>Written by the site</strong> from the plan's data, "
        "<code>status</code>, as of 1 May 2026.</p></td></tr>"
    ) in html
    assert (review_site / "assets/pictures/fluent-emoji-flat/school.svg").is_file()
    assert (review_site / "assets/pictures/fluent-emoji-flat/memo.svg").is_file()
    # The council's Markdown is shown as it reads: bold, not asterisks.
    assert "<blockquote><p>To help every child <strong>belong</strong>.</p></blockquote>" in html
    # What readers found for each heading's words, under it.
    assert '<h3 id="about-this-booklet">About this booklet</h3>\n<p>What readers found for this heading: understood.</p>' in html
    assert '<h3 id="contact-us">Contact us</h3>\n<p>What readers found for this heading: not checked as it is now.</p>' in html
    assert (
        '<tr><th scope="row">belong</th><td>belongs</td><td>To belong means you feel you are part of a group.</td><td>understood</td></tr>'
    ) in html


def _cell_of(html: str, words: str) -> str:
    """The "From the plan" cell of the row whose point says these words: the row's last cell."""
    row = next(r for r in re.findall(r"<tr\b.*?</tr>", html, re.S) if f'<th scope="row">{words}</th>' in r)
    return re.findall(r"<td\b.*?</td>", row, re.S)[-1]


def test_a_passage_is_quoted_once_and_a_later_point_from_it_names_and_links_to_the_quote(review_site: Path):
    html = page(review_site, REVIEW).read_text(encoding="utf-8")
    # The first point from a passage shows it, in a cell a link can go to.
    assert _cell_of(html, "This plan is for children and young people up to age 25.") == (
        '<td id="from/scope"><p><strong>Who it is for</strong></p> <blockquote><p>Children and young people aged 0-25 in the '
        "county.</p></blockquote></td>"
    )
    # A later point from it, in another section or the same one, names the part and says which point quotes it, with a link there.
    assert _cell_of(html, "It is for children and young people in the county.") == (
        '<td><p><strong>Who it is for</strong></p> <p>The same passage as <a href="#from/scope">point 2 of “About this booklet”</a>, '
        "above.</p></td>"
    )
    assert _cell_of(html, "Email: ann.officer@example.gov.uk") == (
        '<td><p><strong>Contacts</strong></p> <p>The same passage as <a href="#from/contacts">point 1 of “Contact us”</a>, above.</p></td>'
    )
    assert _cell_of(html, "Phone: 0116 305 7429").startswith('<td id="from/contacts"><p><strong>Contacts</strong></p> <blockquote>')
    # Each passage is quoted once; every link within the page goes to an element it has, and no id is used twice.
    quotes = re.findall(r"<blockquote>.*?</blockquote>", html, re.S)
    assert len(quotes) == len(set(quotes)) == 6
    ids = re.findall(r'\sid="([^"]*)"', html)
    assert len(ids) == len(set(ids))
    assert {"from/scope", "from/contacts"} <= set(ids)
    assert set(re.findall(r'href="#([^"]*)"', html)) <= set(ids)


def test_a_part_named_by_two_paths_is_quoted_once(minimal: Path):
    """sections/1 and sections/funding name the same part: the second point from it refers to the first."""

    def from_the_section(text: str) -> str:
        return text.replace("from: priorities/belonging\n", "from: sections/1\n").replace("from: purpose\n", "from: sections/funding\n")

    rows = _review(_site(minimal), from_the_section).sections[1].rows
    assert [(row.text, row.quote_id, row.same_as) for row in rows[:3]] == [
        ("We will help every child feel they belong.", "from/sections/1", None),
        ("We will open 100 new places.", "from/priorities/belonging/actions/2", None),
        ("About 1 in 4 schools helped to write the plan.", None, Quoted("from/sections/1", "Every child belongs", 1)),
    ]


def test_every_review_page_of_the_site_is_at_most_60_kb(site: Path):
    """The product's stated target for every page; the review pages, which quote the plan beside each
    point, were the largest."""
    sizes = {
        path.parent.parent.parent.relative_to(site).as_posix(): path.stat().st_size for path in site.glob("**/easy-read/review/index.html")
    }
    assert len(sizes) == 4
    assert {strategy: size for strategy, size in sizes.items() if size > 60 * 1024} == {}
    # The largest, the SEND strategy's, quotes its long introduction once, beside the first point from it.
    html = page(site, "leicester/send-2021-24/easy-read/review").read_text(encoding="utf-8")
    assert html.count("Our aspiration for all Children and Young People (CYP)") == 1
    assert html.count('<a href="#from/sections/1">') == 3


def _review(root: Path, edit: Callable[[str], str], as_of: dt.date = AS_OF) -> ReviewPage:
    file = root / FILE
    file.write_text(edit(file.read_text(encoding="utf-8")), encoding="utf-8")
    library = load_library(root)
    return review_page(library.strategy("example/plan"), library.pictures, library.glossary, as_of=as_of)


def test_without_tested_words_the_review_page_says_nothing_of_readers(minimal: Path):
    """A check that records no words (or no check) says nothing about any part: nothing says which were tested."""
    record = EDITION[EDITION.index("  checked_by:") : EDITION.index("  sections:")]
    review = _review(_site(minimal), lambda text: text.replace(record, "  checked_by:\n    by: The Speak Up group\n    date: 2026-11\n"))
    assert not review.tested
    assert {row.readers for section in review.sections for row in section.rows} == {None}
    assert [section.readers for section in review.sections] == [None] * 4
    assert [(w.word, w.forms, w.means, w.readers) for w in review.hard_words] == [
        ("belong", ["belongs"], "To belong means you feel you are part of a group.", None)
    ]


def test_the_section_the_page_adds_is_marked_as_the_sites_with_its_rows_as_of_the_day(minimal: Path):
    def without_have_your_say(text: str) -> str:
        start = text.index("    - part: have your say")
        return text[:start] + text[text.index("    - part: contact") :]

    review = _review(_site(minimal), without_have_your_say, as_of=dt.date(2026, 6, 10))
    added = review.sections[2]
    assert (added.heading, added.by_site, added.readers) == ("Have your say", True, None)
    assert [(row.text, row.by_site, row.readers) for row in added.rows] == [
        ("The time to have your say ended on 1 June 2026.", "consultation.closes", None)
    ]
    assert [(row.text, row.by_site) for row in review.sections[0].rows] == [
        ("This plan is a draft. The council asked people what they think of it.", "status"),
        ("The council has not agreed the plan yet.", "status"),
        ("This plan is for children and young people up to age 25.", None),
    ]


def test_the_review_page_lists_what_the_edition_does_not_mention(review_site: Path):
    items = [(headings.get(3), text) for headings, text in outline(page(review_site, REVIEW)).items if 2 in headings]
    assert items == [
        ("Figures", "£2.5m, Section 1: Funding: “A deficit of £2.5m is forecast for 2027/28. We will spend…”"),
        ("Figures", "3 years, Section 1: Funding: “…We will spend the grant over the next 3 years.”"),
        ("Bodies", "Partnership Board, Governance"),
        ("Glossary terms", "SEND, Glossary: Special Educational Needs and Disabilities"),
        ("Contacts", "Bob Clerk, Contacts: Report author, bob.clerk@example.gov.uk"),
        ("Left out on purpose", "Cabinet (body, Timeline): The booklet says the council decides."),
        ("In left_out, and no longer listed", "£9"),
    ]


def test_the_review_page_is_in_no_menu_not_searched_and_asks_search_engines_to_leave_it_out(review_site: Path):
    html = page(review_site, REVIEW).read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in html
    assert "data-pagefind-body" not in html
    # Every other page is searched, and none is this one.
    assert "data-pagefind-body" in page(review_site, "example/plan").read_text(encoding="utf-8")
    urls = [fragment["url"] for fragment in search_fragments(review_site)]
    assert any("/example/plan/" in url for url in urls)
    assert not [url for url in urls if "review" in url]
    for other in review_site.rglob("index.html"):
        if other.parent.name == "review" or other.parent.name == "officers-guide":
            continue
        assert "easy-read/review" not in other.read_text(encoding="utf-8"), other
    # Nor does the sitemap give its address to crawlers, though it lists every page they may index.
    sitemap = (review_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://strategies.example.gov.uk/example/plan/easy-read/</loc>" in sitemap
    assert "review" not in sitemap
    assert 'rel="canonical"' not in html
    # The standard edition's own pages never link to it; the officer's guide does, by its name.
    guide = page(review_site, "officers-guide").read_text(encoding="utf-8")
    assert '<a href="../example/plan/easy-read/review/">Review of the Easy Read edition of Example 2026-29</a>' in guide


def test_hostile_text_in_the_standard_text_and_in_a_point_is_shown_escaped(tmp_path: Path, minimal: Path, run):
    """What the content model refuses, put into the loaded content as if it had been missed: the review
    page still shows it as text, and nothing of it runs."""
    from plugins.content import loader

    root = _project(_site(minimal))
    original = loader._load

    def hostile(*args, **kwargs):
        library = original(*args, **kwargs)
        strategy = library.strategy("example/plan").model
        strategy.priorities[0].title = "<script>alert(1)</script>"
        strategy.priorities[0].ambition = 'Our ambition <img src=x onerror="alert(2)"> is [safe](javascript:alert(3)).'
        strategy.easy_read.sections[1].points[0].text = "<b onclick=alert(4)>We help</b>"
        strategy.easy_read.sections[1].points[0].alt = '" onload="alert(5)'
        strategy.easy_read.hard_words[0].means = "To belong <img src=x onerror=alert(6)> means [this](javascript:alert(7))."
        strategy.easy_read.hard_words[0].forms = ['"><svg onload=alert(8)>']
        # A heading a later point's link names, as the point from the same passage does.
        strategy.easy_read.sections[3].heading = "<i onmouseover=alert(11)>Contact us</i>"
        # What the readers said, as recorded, for words still in the edition.
        strategy.easy_read.checked_by.points[2].note = "<script>alert(9)</script> & *more*"
        strategy.easy_read.checked_by.points[0].result = "changed"
        strategy.easy_read.checked_by.points[0].note = '<a href="javascript:alert(10)">why</a>'
        return library

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "_load", hostile)
        built = run("--root", root, "build", "--lenient", "--no-pdf", "--site-dir", tmp_path / "out", "--as-of", "2026-05-01")
    assert built.code == 0, built.err
    # No element, event handler or script address of it is in any page: only its words.
    assert scan_site(tmp_path / "out", []).items == []
    html = page(tmp_path / "out", REVIEW).read_text(encoding="utf-8")
    assert "<p><strong>Priority 1: &lt;script&gt;alert(1)&lt;/script&gt;</strong></p>" in html
    assert '<th scope="row">&lt;b onclick=alert(4)&gt;We help&lt;/b&gt;</th><td>" onload="alert(5)</td>' in html
    text = article_text(page(tmp_path / "out", REVIEW))
    assert "Priority 1: <script>alert(1)</script>" in text
    assert 'Our ambition <img src=x onerror="alert(2)"> is' in text
    assert "<b onclick=alert(4)>We help</b>" in text
    assert '" onload="alert(5)' in text
    # A hard word's meaning and forms, and what the readers said of a point and of a heading.
    assert (
        '<tr><th scope="row">belong</th><td>"&gt;&lt;svg onload=alert(8)&gt;</td><td>To belong &lt;img src=x onerror=alert(6)&gt; '
        "means [this](javascript:alert(7)).</td><td>not checked as it is now</td></tr>"
    ) in html
    assert "<td>asked to change: &lt;script&gt;alert(9)&lt;/script&gt; &amp; *more*</td>" in html
    assert "To belong <img src=x onerror=alert(6)> means [this](javascript:alert(7))." in text
    assert "asked to change: <script>alert(9)</script> & *more*" in text
    assert 'What readers found for this heading: asked to change: <a href="javascript:alert(10)">why</a>.' in text
    assert (
        '<p>The same passage as <a href="#from/contacts">point 1 of “&lt;i onmouseover=alert(11)&gt;Contact us&lt;/i&gt;”</a>, above.</p>'
    ) in html


# --- The coverage list, and left_out ---------------------------------------------------------------------


def test_the_coverage_list_names_what_the_edition_never_mentions_in_each_category(minimal: Path):
    library = load_library(_site(minimal))
    cover = coverage(library.strategy("example/plan"), library.glossary)
    assert [(i.kind, i.item, i.where) for i in cover.open] == [
        ("figure", "£2.5m", "Section 1: Funding"),
        ("figure", "3 years", "Section 1: Funding"),
        ("body", "Partnership Board", "Governance"),
        ("term", "SEND", "Glossary"),
        ("contact", "Bob Clerk", "Contacts"),
    ]
    # Left out by the team's decision: shown as decided, with why, and not as open.
    assert [(a.item.kind, a.item.item, a.why) for a in cover.accepted] == [("body", "Cabinet", "The booklet says the council decides.")]
    # What left_out names and the list no longer holds: neither open nor a mistake, shown so it can go.
    assert cover.no_longer_listed == ["£9"]


def test_mentions_are_read_on_normalised_text(minimal: Path):
    """25 is mentioned by 'age 25', 100 by '100 new places', 25% by '1 in 4', and Ann Officer by the digits
    of her phone number, written otherwise; Key Stage 2, Level 3, 2027/28 and the dates are not figures."""
    library = load_library(_site(minimal))
    said = {i.item for i in coverage(library.strategy("example/plan"), library.glossary).open}
    assert not said & {"25", "25%", "100", "Ann Officer", "2", "3", "2027", "28", "20"}
    # Written another way, the same figures and bodies are mentioned all the same.
    edition = minimal / FILE
    text = edition.read_text(encoding="utf-8")
    text = text.replace("We will open 100 new places.", "We have £2.5 million for 3 years. The partnership board checks it.")
    text = text.replace('"Email: ann.officer@example.gov.uk"', '"Email: ann.officer@example.gov.uk, or ask Bob Clerk."')
    edition.write_text(text, encoding="utf-8")
    library = load_library(minimal)
    assert [i.item for i in coverage(library.strategy("example/plan"), library.glossary).open] == ["100", "SEND"]


def _open(root: Path) -> list[str]:
    library = load_library(root)
    return [i.item for i in coverage(library.strategy("example/plan"), library.glossary).open]


def test_a_point_whose_from_names_a_board_mentions_it_and_one_naming_an_event_does_not_mention_its_body(minimal: Path):
    assert "Partnership Board" in _open(_site(minimal))
    assert "Partnership Board" not in _open(_site(minimal, about_from="governance/boards/partnership-board"))
    # timeline/1 is the Cabinet's meeting, not the Cabinet: a point can come from it and say nothing of who met.
    library = load_library(_site(minimal, about_from="timeline/1"))
    cover = coverage(library.strategy("example/plan"), library.glossary)
    assert [a.item.item for a in cover.accepted] == ["Cabinet"]


def test_from_contacts_mentions_the_contact_only_where_the_plan_has_one(minimal: Path):
    """`contacts` names every contact: with two, it does not say which one a point gives, so Bob Clerk,
    named nowhere, is still listed; with Ann Officer alone, it names her."""
    assert "Bob Clerk" in _open(_site(minimal, about_from="contacts"))
    talk = "        - text: You can talk to the council.\n          picture: speaking-head\n          alt: A person speaking.\n"
    root = _site(minimal, about_from="contacts", contact=talk)
    strategy = root / "content/example/plan/strategy.yml"
    text = strategy.read_text(encoding="utf-8")
    strategy.write_text(text.split("  - name: Bob Clerk")[0], encoding="utf-8")
    assert "Ann Officer" not in _open(root)
    (root / FILE).write_text((root / FILE).read_text(encoding="utf-8").replace("from: contacts", "from: scope"), encoding="utf-8")
    assert "Ann Officer" in _open(root)


def test_short_forms_of_a_body_are_those_the_content_gives():
    from easyread.coverage import short_forms
    from plugins.content.model import Term

    best = Term(term="BEST", stands_for="Building Education Services Together", meaning="A programme.")
    assert [f.split() for f in short_forms("Building Education Services Together Programme Board", [best])] == [
        ["BEST", "programme", "board"]
    ]
    assert short_forms("Leicester Primary Partnership (LPP)", []) == ["Leicester Primary Partnership", "LPP"]
    assert short_forms("Leicester Education Improvement Partnership (EIP)", []) == [
        "Leicester Education Improvement Partnership",
        "EIP",
        "Leicester EIP",
    ]
    assert short_forms("Children and Families Partnership (CFP) Board", []) == ["Children and Families Partnership Board", "CFP Board"]
    # Brackets that hold no initials give nothing: "(North)" is part of the name.
    assert short_forms("Schools Forum (North)", []) == []


def test_a_body_is_mentioned_by_the_short_form_the_content_gives_for_it(minimal: Path):
    root = _site(minimal)
    glossary = root / "content/glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8")
        + "  - term: BEST\n    stands_for: Building Education Services Together\n    meaning: A programme to improve schools.\n",
        encoding="utf-8",
    )
    strategy = root / "content/example/plan/strategy.yml"
    boards = """\
    - id: best-programme-board
      name: Building Education Services Together Programme Board
      role: Oversees the programme.
    - id: primary-partnership
      name: Leicester Primary Partnership (LPP)
      role: Brings primary schools together.
"""
    strategy.write_text(strategy.read_text(encoding="utf-8").replace("  boards:\n", "  boards:\n" + boards), encoding="utf-8")
    listed = _open(root)
    assert "Building Education Services Together Programme Board" in listed
    assert "Leicester Primary Partnership (LPP)" in listed
    edition = root / FILE
    said = "We will open 100 new places. The BEST Programme Board and the LPP check it."
    edition.write_text(edition.read_text(encoding="utf-8").replace("We will open 100 new places.", said), encoding="utf-8")
    listed = _open(root)
    assert "Building Education Services Together Programme Board" not in listed
    assert "Leicester Primary Partnership (LPP)" not in listed
    # BEST alone names the programme, not its board.
    text = edition.read_text(encoding="utf-8")
    edition.write_text(text.replace(said, "We will open 100 new places. BEST and the LPP check it."), encoding="utf-8")
    assert "Building Education Services Together Programme Board" in _open(root)


def test_the_scorecard_lists_what_is_not_mentioned_and_names_the_review_page(minimal: Path, run):
    result = run("--root", _site(minimal), "easyread", "--as-of", "2026-05-01")
    card = result.out.split("\n\n")[0].splitlines()
    assert "  review page: example/plan/easy-read/review/ in the built site" in card
    assert card[card.index("  findings: 0 errors, 0 advice") :] == [
        "  findings: 0 errors, 0 advice",
        "  not mentioned: 2 figures, 1 body, 1 glossary term, 1 contact; 1 left out by decision",
        '    figure: £2.5m (Section 1: Funding: "A deficit of £2.5m is forecast for 2027/28. We will spend…")',
        '    figure: 3 years (Section 1: Funding: "…We will spend the grant over the next 3 years.")',
        "    body: Partnership Board (Governance)",
        "    glossary term: SEND (Glossary: Special Educational Needs and Disabilities)",
        "    contact: Bob Clerk (Contacts: Report author, bob.clerk@example.gov.uk)",
        "    left out, body: Cabinet (why: The booklet says the council decides.)",
        "    in left_out but no longer listed, so it can go: £9",
    ]
    # Not findings: a person decides.
    assert result.code == 0 and "Checked 1 Easy Read edition: 0 errors, 0 advice." in result.out


def test_coverage_lines_are_those_of_the_coverage():
    from easyread.coverage import Coverage

    assert coverage_lines(Coverage()) == ["  not mentioned: 0 figures, 0 bodies, 0 glossary terms, 0 contacts"]


def test_an_item_left_out_twice_is_a_content_error(minimal: Path):
    root = _site(minimal)
    edition = root / FILE
    edition.write_text(edition.read_text(encoding="utf-8").replace("    - item: £9\n", "    - item: Cabinet\n"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_library(root)
    first, second = [n for n, t in enumerate(edition.read_text().splitlines(), 1) if "item: Cabinet" in t]
    assert [str(p) for p in error.value.problems] == [
        f"{FILE}:{second}:13: easy_read.left_out[1].item: 'Cabinet' is used for more than one left_out item (first at line {first}). "
        "Each must be different."
    ]


# --- Rule 23: contacts a reader can use -------------------------------------------------------------------


def _rule_23(root: Path, contact: str) -> list[str]:
    library = load_library(_site(root, contact=contact))
    glossary = [t.term for t in library.glossary]
    card = check_edition(library.strategy("example/plan"), glossary, Thresholds(), as_of=AS_OF, pictures=library.pictures)
    return [str(f) for f in card.findings if f.rule == 23]


EMAIL_ONLY = """\
        - text: "Email: ann.officer@example.gov.uk"
          picture: e-mail
          alt: An email.
"""


def test_rule_23_a_contact_section_with_only_an_email_is_an_error_at_its_heading(minimal: Path):
    found = _rule_23(minimal, EMAIL_ONLY)
    line = _line(minimal, "heading: Contact us")
    assert found == [
        f"{FILE}:{line}:16: easy_read.sections[3].heading: rule 23 (contacts a reader can use, error): this contact section gives "
        "an email address but no phone number, postal address or text relay. Suggestion: add the phone number, postal address "
        "or text relay number the plan gives, for readers who do not use email."
    ]


def test_rule_23_where_the_plan_gives_only_an_email_the_edition_says_so_rather_than_invent_a_number(minimal: Path):
    root = _site(minimal, contact=EMAIL_ONLY)
    strategy = root / "content/example/plan/strategy.yml"
    strategy.write_text(strategy.read_text(encoding="utf-8").replace("    phone: 0116 3057429\n", ""), encoding="utf-8")
    library = load_library(root)
    card = check_edition(library.strategy("example/plan"), [], Thresholds(), as_of=AS_OF, pictures=library.pictures)
    line = _line(minimal, "heading: Contact us")
    assert [str(f) for f in card.findings if f.rule == 23] == [
        f"{FILE}:{line}:16: easy_read.sections[3].heading: rule 23 (contacts a reader can use, error): this contact section gives "
        "only an email address, and the plan gives no phone number, postal address or text relay. Suggestion: ask the council "
        "for one and add it to the strategy's contacts; until then, say in a point that the plan gives no phone number."
    ]
    edition = root / FILE
    said = "        - text: The plan does not give a phone number.\n          picture: e-mail\n          alt: An email.\n"
    edition.write_text(edition.read_text(encoding="utf-8").replace(EMAIL_ONLY, EMAIL_ONLY + said), encoding="utf-8")
    library = load_library(root)
    card = check_edition(library.strategy("example/plan"), [], Thresholds(), as_of=AS_OF, pictures=library.pictures)
    assert [f for f in card.findings if f.rule == 23] == []


@pytest.mark.parametrize(
    "another_way",
    ["Phone: 0116 305 7429", "Write to County Hall, Glenfield, LE3 8RA.", "Text relay: 18001 0116 305 7429"],
)
def test_rule_23_a_phone_number_a_postal_address_or_text_relay_keeps_it(minimal: Path, another_way: str):
    point = f'        - text: "{another_way}"\n          picture: envelope\n          alt: An envelope.\n'
    assert _rule_23(minimal, EMAIL_ONLY + point) == []


def test_rule_23_a_phone_number_not_in_its_groups_is_an_error_at_its_point(minimal: Path):
    found = _rule_23(minimal, CONTACT.replace("0116 305 7429", "0116 3057429"))
    line = _line(minimal, "Phone: 0116 3057429")
    assert found == [
        f"{FILE}:{line}:17: easy_read.sections[3].points[0].text: rule 23 (contacts a reader can use, error): the phone number "
        "'0116 3057429' is not written in the groups people read it in. Suggestion: 0116 3057429 -> 0116 305 7429."
    ]
    # Anywhere in a point, and in any section.
    about = CONTACT.replace("0116 305 7429", "01163057429")
    assert [f.split(": rule 23")[1] for f in _rule_23(minimal, about)] == [
        " (contacts a reader can use, error): the phone number '01163057429' is not written in the groups people read it in. "
        "Suggestion: 01163057429 -> 0116 305 7429."
    ]
    assert _rule_23(minimal, CONTACT) == []


def test_the_review_page_shows_what_happens_next_where_the_page_does_after_the_team_s_points(site: Path):
    from .conftest import page as built_page

    rows = re.findall(r'<tr( class="review-by-site")?><td>.*?<th scope="row">(.*?)</th>', built_page(site, BELONGING_REVIEW).read_text())
    said = [text for by_site, text in rows]
    # As of the day the site is built for (22 November 2026): the close first, the decision last.
    assert said.index("The time to have your say ended on 1 June 2026.") < said.index("We asked people if the 4 aims are right.")
    assert said.index("We asked people if the 4 aims are right.") < said.index("The council planned to decide on 21 July 2026.")
    assert ("", "We asked people if the 4 aims are right.") in rows
    assert (' class="review-by-site"', "The council planned to decide on 21 July 2026.") in rows


BELONGING_REVIEW = "leicestershire/belonging-in-education-2026-29/easy-read/review"
