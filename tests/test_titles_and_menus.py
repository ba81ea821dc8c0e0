"""What a reader's browser and menus call each page: the tab's title names the strategy on every page of
it, no menu has two links of one name going to different places, the officer's guide tells how to start
a strategy with `new`, and a strategy's own section can be placed on its first page.

The titles and menus are read back from the built site, every page of it, as a browser gets them.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from plugins.content import loader
from plugins.content.model import Strategy

from .conftest import AS_OF, REPO, page
from .hostile import BYPASS, scan_site
from .html_outline import article_text, squash

SITE = "Education and SEND strategies"


def title_of(html: str) -> str:
    """The page's title as the browser's tab shows it."""
    found = re.findall(r"<title>(.*?)</title>", html, re.DOTALL)
    assert len(found) == 1
    return squash(found[0])


# --- Reading a page's menus --------------------------------------------------------------------------

# Elements that have no end tag, so never hold a link's words.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Menu:
    """One menu of a page: a <nav>, or the list of a strategy's other pages at the foot of its pages."""

    label: str
    links: list[tuple[str, str]] = field(default_factory=list)  # (accessible name, address it opens)


def _place(url: str) -> str:
    """An address as the place it opens: a folder and its index.html are one place."""
    address, hash_, fragment = url.partition("#")
    return address.removesuffix("index.html") + hash_ + fragment


class Menus(HTMLParser):
    """Every menu of a page, each with its links' accessible names (as a screen reader announces them:
    aria-label, else the words inside the link, pictures' alt text included and aria-hidden parts left
    out, else its title) and the addresses they open, resolved against the page's own address."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.open: list[Menu] = []
        self.menus: list[Menu] = []
        self._link: dict[str, str | None] | None = None
        self._words: list[str] = []
        self._inside: list[bool] = []  # the elements open inside the link: whether each is hidden

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "nav":
            self.open.append(Menu(a.get("aria-label") or ""))
        if self._link is not None:
            if tag == "img" and not any(self._inside):
                self._words.append(f" {a.get('alt') or ''} ")
            if tag not in _VOID:
                self._inside.append(a.get("aria-hidden") == "true")
        elif tag == "a" and a.get("href") is not None and self.open:
            self._link, self._words, self._inside = a, [], []

    def handle_endtag(self, tag: str) -> None:
        if self._link is not None:
            if tag == "a" and not self._inside:
                name = self._link.get("aria-label") or squash("".join(self._words)) or self._link.get("title") or ""
                target = _place(urljoin(self.url, self._link["href"] or ""))
                for menu in self.open:
                    menu.links.append((squash(name), target))
                self._link = None
            elif self._inside and tag not in _VOID:
                self._inside.pop()
        if tag == "nav" and self.open:
            self.menus.append(self.open.pop())

    def handle_data(self, data: str) -> None:
        if self._link is not None and not any(self._inside):
            self._words.append(data)


def menus_of(html: str, url: str) -> list[Menu]:
    """A page's menus: each <nav> (a menu inside another is in both), and the strategy's footer list."""
    parser = Menus(url)
    parser.feed(html)
    parser.close()
    menus = parser.menus
    # The list of the strategy's other pages, under "More about this strategy", is a menu in all but its tag.
    if 'id="more-about-this-strategy"' in html:
        footer = html.split('id="more-about-this-strategy"', 1)[1].split("</ul>", 1)[0]
        parser = Menus(url)
        parser.feed(f"<nav>{footer}</ul></nav>")
        parser.close()
        menus += [Menu("More about this strategy", parser.menus[0].links)]
    return menus


def clashes(menu: Menu) -> dict[str, set[str]]:
    """The names in a menu given to links that open different places: a reader who hears the name
    cannot tell them apart (WCAG 2.4.4, 2.4.9)."""
    places: dict[str, set[str]] = {}
    for name, target in menu.links:
        places.setdefault(name.casefold(), set()).add(target)
    return {name: targets for name, targets in places.items() if len(targets) > 1}


def built_pages(site: Path) -> dict[str, str]:
    """Every HTML page of a built site, by its address under the site's root."""
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}


def link_names(menu: Menu) -> list[str]:
    return [name for name, _ in menu.links]


def primary_menu(html: str, url: str) -> Menu:
    return next(m for m in menus_of(html, url) if m.label == "Navigation")


ROOT = "https://council.example/"


# --- Titles ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address, title",
    [
        # The site's own pages: the page, then the site's name; the home page is the site's name alone.
        ("", SITE),
        ("status/approved/", f"Approved strategies – {SITE}"),
        ("glossary/", f"Glossary – {SITE}"),
        ("accessibility/", f"Accessibility statement – {SITE}"),
        ("officers-guide/", f"Officer's guide – {SITE}"),
        ("search/", f"Search – {SITE}"),
        ("leicester/", f"Leicester City Council – {SITE}"),
        (
            "leicestershire/progress/2026-07-01-children-and-families/",
            f"Position statement from the Cabinet Lead Member for Children and Families – {SITE}",
        ),
        # A strategy's first page is the strategy: its short title, not the menu's "At a glance".
        ("leicester/send-2021-24/", f"SEND Strategy 2021-24 – {SITE}"),
        # Its other pages: the page, then the strategy, then the site.
        ("leicester/send-2021-24/priorities/responsive/", f"Priority 1: Responsive – SEND Strategy 2021-24 – {SITE}"),
        # A priority without a one-word name is its number: its title can run to a sentence.
        ("leicestershire/belonging-in-education-2026-29/priorities/autonomy/", f"Priority 3 – Belonging in Education 2026-29 – {SITE}"),
        ("leicester/send-2021-24/this-year/", f"This year – SEND Strategy 2021-24 – {SITE}"),
        ("leicester/send-2021-24/about/", f"About this strategy – SEND Strategy 2021-24 – {SITE}"),
        ("leicester/send-2021-24/timeline/", f"Timeline and decisions – SEND Strategy 2021-24 – {SITE}"),
        (
            "leicestershire/best-programme-plan/tables/high-needs-financial-forecast/",
            f"High Needs Financial Forecast - January 2026 – BEST programme plan – {SITE}",
        ),
        (
            "leicestershire/send-and-inclusion-2024-27/changes-after-consultation/",
            f"What changed after consultation – SEND and Inclusion 2024-27 – {SITE}",
        ),
        # The Easy Read edition, as the link to it from the strategy's other pages names it.
        ("leicester/send-2021-24/easy-read/", f"Easy Read version – SEND Strategy 2021-24 – {SITE}"),
    ],
)
def test_each_kind_of_page_has_the_title_its_tab_shows(site: Path, address: str, title: str):
    assert title_of((site / address / "index.html").read_text(encoding="utf-8")) == title


def test_the_page_not_found_is_titled_by_the_site(site: Path):
    assert title_of((site / "404.html").read_text(encoding="utf-8")) == SITE


def test_every_page_of_every_strategy_names_the_strategy_in_its_title_and_no_two_pages_share_one(site: Path, library):
    pages = built_pages(site)
    for s in library.strategies:
        folder = f"{s.organisation.id}/{s.slug}/"
        own = {address: html for address, html in pages.items() if address.startswith(folder)}
        assert len(own) >= 5
        for address, html in own.items():
            title = title_of(html)
            if address == folder + "index.html":
                assert title == f"{s.model.short_title} – {SITE}"
            else:
                page_part, strategy, site_name = title.split(" – ")
                assert (strategy, site_name) == (s.model.short_title, SITE), address
                assert page_part and page_part != "At a glance", address
    titles = [title_of(html) for address, html in pages.items() if address != "404.html"]
    assert len(titles) > 80
    assert len(set(titles)) == len(titles)


def test_the_header_bar_names_the_strategy_on_its_first_page(site: Path):
    html = page(site, "leicester/send-2021-24").read_text(encoding="utf-8")
    topic = html.split('data-md-component="header-topic">', 1)[1].split("</div>", 1)[0]
    assert squash(re.sub(r"<[^>]+>", " ", topic)) == "SEND Strategy 2021-24"


def test_a_short_title_shows_as_typed_in_the_tab_the_heading_and_the_menu(project: Path, tmp_path: Path, run):
    # Markdown's marks, an acronym from the glossary and HTML's characters (HTML itself is refused), in one short title.
    plan = project / "content/example/plan/strategy.yml"
    plan.write_text(plan.read_text().replace("short_title: Example 2026-29", 'short_title: "SEND *plan* [a link](x) < & 2026-29"'))
    assert run("--root", project, "build", "--site-dir", tmp_path / "out", "--as-of", AS_OF, "--no-pdf").code == 0
    html = page(tmp_path / "out", "example/plan/governance").read_text(encoding="utf-8")
    assert title_of(html) == "Governance – SEND *plan* [a link](x) &lt; &amp; 2026-29 – Example strategies"
    # The acronym has its tooltip once, not an <abbr> inside another.
    assert (
        '<h1 id="send-plan-a-linkx-2026-29-governance"><span class="caption">'
        '<abbr title="Special Educational Needs and Disabilities">SEND</abbr> *plan* [a link](x) &lt; &amp; 2026-29</span> '
        "Governance</h1>"
    ) in html
    breadcrumb = next(m for m in menus_of(html, ROOT + "example/plan/governance/") if m.label == "Breadcrumb")
    assert link_names(breadcrumb) == ["All strategies", "Example Council", "SEND *plan* [a link](x) < & 2026-29"]


# --- Menus -------------------------------------------------------------------------------------------


def test_no_menu_of_any_built_page_has_two_links_of_one_name_going_to_different_places(site: Path):
    pages = built_pages(site)
    checked = 0
    for address, html in pages.items():
        menus = menus_of(html, ROOT + address)
        assert menus, address
        for menu in menus:
            assert clashes(menu) == {}, f"{address}, menu {menu.label!r}"
        # Nor do the page's menus taken together: a screen reader's list of links has them all side by side.
        assert clashes(Menu("every menu", [link for menu in menus for link in menu.links])) == {}, address
        checked += sum(len(menu.links) for menu in menus)
    assert len(pages) > 80 and checked > 5000


def test_the_checker_finds_two_links_of_one_name():
    # The home page's menu as it was: each organisation's page was called "All".
    html = '<nav aria-label="Navigation"><a href="leicester/">All</a> <a href="leicestershire/"><span>All</span></a></nav>'
    assert clashes(menus_of(html, ROOT)[0]) == {"all": {ROOT + "leicester/", ROOT + "leicestershire/"}}
    # One name for one place, written twice (the table of contents in the sidebar and the phone's menu), is fine.
    html = '<nav aria-label="Table of contents"><a href="#vision">Vision</a><a href="./#vision">Vision</a></nav>'
    assert clashes(menus_of(html, ROOT + "a/index.html")[0]) == {}
    # A page's heading in the menu, beside a page of the same name, is two places.
    html = '<nav><a href="../priorities/a/">Priority 1: A</a><a href="#priority-1-a">Priority 1: A</a></nav>'
    assert clashes(menus_of(html, ROOT + "s/this-year/")[0]) == {
        "priority 1: a": {ROOT + "s/priorities/a/", ROOT + "s/this-year/#priority-1-a"}
    }
    # A name a screen reader hears: aria-label wins; hidden words and icons are not part of it.
    html = '<nav><a href="a/" aria-label="Search">x</a><a href="b/">Search<span aria-hidden="true">!</span></a></nav>'
    assert clashes(menus_of(html, ROOT)[0]) == {"search": {ROOT + "a/", ROOT + "b/"}}


def test_the_home_pages_menu_names_each_organisations_page_by_the_organisation(site: Path):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert link_names(primary_menu(html, ROOT)) == [
        "Education and SEND strategies",  # the theme's logo, to the home page
        "All strategies",
        "What's new",
        "Glossary",
        "Accessibility statement",
        "Officer's guide",
        "Leicestershire County Council",
        "Position statement from the Cabinet Lead Member for Children and Families",
        "Leicester City Council",
    ]


# A strategy's pages after its priorities, as both its menu and its footer name them.
MORE_ABOUT_THE_STRATEGY = [
    "This year",
    "How it is going",
    "Measures of success",
    "Governance",
    "Timeline and decisions",
    "About this strategy",
    "Council report",
    "Background papers and related documents",
    "Contacts",
    "Glossary",
]


def test_a_strategys_menu_and_footer_list_its_pages_each_by_its_own_name(site: Path):
    address = "leicester/send-2021-24/index.html"
    html = (site / address).read_text(encoding="utf-8")
    menus = {m.label: m for m in menus_of(html, ROOT + address)}
    assert link_names(menus["Navigation"]) == [
        "Education and SEND strategies",
        "All strategies",
        "At a glance",
        # The page's own headings, in the menu under the page that is open.
        "Purpose",
        "Vision",
        "Priorities",
        "Timeline",
        "Progress so far",
        "Follow this strategy",
        "More about this strategy",
        "Change history",
        "Priority 1: Responsive: Coproduction, participation, and communication",
        "Priority 2: Effective: Managing increasing levels of demand and need in SEND",
        "Priority 3: Inclusive: Inclusive practice and provision",
        "Priority 4: Efficient: Partnership working and use of resources",
        *MORE_ABOUT_THE_STRATEGY,
    ]
    # The site's glossary, in the footer of every page, is not called Glossary too.
    assert link_names(menus["Site information"]) == ["Accessibility statement", "Glossary of all strategies"]
    assert link_names(menus["More about this strategy"]) == MORE_ABOUT_THE_STRATEGY


# --- The officer's guide on `new` --------------------------------------------------------------------


def test_the_officers_guide_tells_how_to_start_a_strategy_with_new(site: Path):
    guide = article_text(page(site, "officers-guide"))
    for said in [
        "Starting a new strategy A new strategy starts as one file that is written for you, with every section already in it.",
        'python site_build.py new leicestershire --title "SEND and Inclusion Strategy 2027-2030"',
        "The strategy's folder is named from the title, here content/leicestershire/send-and-inclusion-strategy-2027-2030/, "
        "and that name is part of its web address.",
        "What the new file holds Every section a strategy can have, in this order: title, short_title, document_type, summary, "
        "period, status, stages, scope, ages, purpose, vision, principles, values, sections, priorities, measures, governance, "
        "consultation, timeline, tables, glossary, related_strategies, related_documents, background_papers, contacts, "
        "reports, changes, versions, easy_read.",
        "Above each section, a comment (a line starting with #) says what the section is for.",
        "To show one on the strategy's first page instead, such as a section on how the strategy is funded, add a line "
        "page: at a glance under its heading:. It then comes after the vision, before the priorities.",
        "Only title, short_title, summary, period, status and stages are required.",
        "Run python site_build.py check, or open a pull request, which runs the same check. It lists every example value "
        "still to replace, at its line, with any other mistake. Nothing is published until there are none.",
    ]:
        assert said in guide


def test_the_command_the_guide_shows_makes_the_folder_it_names_with_the_sections_it_lists(site: Path, real_content: Path, run):
    guide = page(site, "officers-guide").read_text(encoding="utf-8")
    command = re.search(r"<pre><code>(python site_build\.py new .*?)\n</code></pre>", guide)
    assert command is not None
    argv = shlex.split(command.group(1).replace("&quot;", '"'))
    assert argv[:2] == ["python", "site_build.py"]
    result = run("--root", real_content, *argv[2:])
    assert result.code == 0, result.err
    made = real_content / "content/leicestershire/send-and-inclusion-strategy-2027-2030/strategy.yml"
    assert result.out.startswith("Created content/leicestershire/send-and-inclusion-strategy-2027-2030/strategy.yml.")
    # The sections the guide lists are the file's, in the file's order, and every field of a strategy.
    listed = article_text(page(site, "officers-guide")).split("in this order: ", 1)[1].split(".", 1)[0].split(", ")
    in_the_file = [line.split(":")[0] for line in made.read_text(encoding="utf-8").splitlines() if re.match(r"^[a-z_]+:", line)]
    assert listed == in_the_file
    assert sorted(listed) == sorted(Strategy.model_fields)


# --- A strategy's own section on its first page ------------------------------------------------------

SECTIONS = """\
vision: Every child belongs.
sections:
  - heading: Funding
    page: at a glance
    body: How the example plan is paid for.
  - heading: Introduction
    body: An introduction, on the page about the strategy.
  - heading: Who it helps
    page: at a glance
    body: "The plan's **first** readers."
"""


@pytest.fixture
def project(minimal: Path) -> Path:
    """The minimal site with the theme and build settings, ready to build."""
    for name in ("mkdocs.yml", "docs", "templates"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, minimal / name)
    return minimal


def _with(project: Path, text: str) -> None:
    plan = project / "content/example/plan/strategy.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("priorities:\n", f"{text}priorities:\n", 1), encoding="utf-8")


def test_a_section_placed_at_a_glance_is_on_the_first_page_after_the_vision_and_only_there(project: Path, tmp_path: Path, run):
    _with(project, SECTIONS)
    assert run("--root", project, "build", "--site-dir", tmp_path / "out", "--as-of", AS_OF, "--no-pdf").code == 0
    first = page(tmp_path / "out", "example/plan").read_text(encoding="utf-8")
    about = page(tmp_path / "out", "example/plan/about").read_text(encoding="utf-8")
    article = first[first.index("<article") : first.index("</article>")]
    expected = (
        '<h2 id="vision">Vision</h2>\n<p>Every child belongs.</p>\n'
        '<h2 id="funding">Funding</h2>\n<p>How the example plan is paid for.</p>\n'
        '<h2 id="who-it-helps">Who it helps</h2>\n<p>The plan\'s <strong>first</strong> readers.</p>\n'
        '<h2 id="priorities">Priorities</h2>'
    )
    assert expected in article
    assert '<h2 id="introduction">Introduction</h2>\n<p>An introduction, on the page about the strategy.</p>' in about
    # Each section once in the whole site: where the officer placed it.
    pages = built_pages(tmp_path / "out")
    for words in ("How the example plan is paid for.", "An introduction, on the page about the strategy."):
        assert [address for address, html in pages.items() if words in html] == [
            "example/plan/index.html" if "paid" in words else "example/plan/about/index.html"
        ]


def test_when_every_section_is_at_a_glance_there_is_no_page_about_the_strategy(project: Path, tmp_path: Path, run):
    _with(project, SECTIONS.replace("  - heading: Introduction\n", "  - heading: Introduction\n    page: at a glance\n"))
    assert run("--root", project, "build", "--site-dir", tmp_path / "out", "--as-of", AS_OF, "--no-pdf").code == 0
    first = page(tmp_path / "out", "example/plan").read_text(encoding="utf-8")
    assert not page(tmp_path / "out", "example/plan/about").exists()
    assert "About this strategy" not in first
    assert first.index('<h2 id="funding">') < first.index('<h2 id="introduction">') < first.index('<h2 id="who-it-helps">')


def test_a_page_not_on_the_list_is_reported_at_its_line_with_the_choices(project: Path, run):
    _with(project, SECTIONS.replace("page: at a glance", "page: first page", 1))
    result = run("--root", project, "check")
    assert result.code == 1
    assert result.problems == [
        "content/example/plan/strategy.yml:27:11: sections[0].page: 'first page' is not a value. "
        "Use one of: at a glance, about this strategy."
    ]


def test_a_council_reports_sections_have_no_page_to_choose(project: Path, run):
    report = (
        "reports:\n  - title: A report\n    meeting: Cabinet\n    date: 2026-03-24\n    author: The Director\n"
        "    sections:\n      - heading: Purpose\n        page: at a glance\n"
    )
    _with(project, report)
    result = run("--root", project, "check")
    assert result.code == 1
    assert result.problems == [
        "content/example/plan/strategy.yml:31:9: reports[0].sections[0].page: 'page' is not a field here. "
        "The fields here are: heading, body."
    ]


# --- Hostile text in what titles and first pages now show --------------------------------------------


# The payloads that need no server or secret file filled in: they stand as they are.
PAYLOADS = [p for p in BYPASS if "{" not in p]
# The minimal strategy with SECTIONS has eight slots for them: its short title, its priority's short
# name, and the heading and text of each of its three sections. Each build tries the next eight.
SLOTS = 8


@pytest.mark.parametrize("start", range(0, len(PAYLOADS), SLOTS))
def test_hostile_text_in_titles_short_names_and_first_page_sections_leaves_no_trace(project: Path, tmp_path: Path, monkeypatch, start):
    """What the content model refuses, put past it: the page check, the sanitiser and the escaping of the
    titles must each stop it in the tab, the header bar, the menu, the first page and the booklet."""
    import site_build

    _with(project, SECTIONS)
    original = loader._load
    tried = (PAYLOADS[start:] + PAYLOADS)[:SLOTS]

    def hostile_load(*args, **kwargs):
        library = original(*args, **kwargs)
        (s,) = library.strategies
        slots = [(s.model, "short_title"), (s.model.priorities[0], "short_name")]
        slots += [(section, name) for section in s.model.sections for name in ("heading", "body")]
        assert len(slots) == SLOTS
        for (target, name), payload in zip(slots, tried, strict=True):
            object.__setattr__(target, name, payload)
        return library

    monkeypatch.setattr(loader, "_load", hostile_load)
    out = tmp_path / "out"
    code = site_build.main(["--root", str(project), "build", "--site-dir", str(out), "--as-of", AS_OF, "--lenient"])
    assert code == 0
    assert scan_site(out, []).items == []
    assert list(out.rglob("*.pdf"))
    title = title_of(page(out, "example/plan/priorities/belonging").read_text(encoding="utf-8"))
    assert title.startswith("Priority 1: ") and "<" not in title
