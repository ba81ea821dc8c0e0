"""The standard edition, built from the real content, read as a family, an officer or a councillor would.

The site is built once for 22 November 2026 (and again for other days where the
day matters), and every assertion reads the HTML a reader would get.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import site_build
from plugins.content.dates import figure

from .conftest import AS_OF, REPO, build, copy_project, page, tree_digest
from .html_outline import article_text, outline, squash


def test_every_strategy_and_priority_page_exists(site: Path, library):
    for s in library.strategies:
        assert page(site, s.id).is_file()
        for p in s.model.priorities:
            assert page(site, f"{s.id}/priorities/{p.id}").is_file()
    assert (site / "index.html").is_file()
    assert (site / "404.html").is_file()


def test_every_action_is_on_its_priority_page_under_its_year_and_theme(site: Path, library):
    checked = 0
    for s in library.strategies:
        years = {y.id: y.name for y in s.model.period.years}
        for p in s.model.priorities:
            items = outline(page(site, f"{s.id}/priorities/{p.id}")).items
            themes = {t.id: t.name for t in p.themes}
            for year_id, actions in p.actions.items():
                for action in actions:
                    year = years[year_id]
                    theme = f"{themes[action.theme]}, {year}" if action.theme else None
                    found = [h for h, text in items if text == squash(action.text)]
                    assert any(h.get(2) == year and (theme is None or h.get(3) == theme) for h in found), (
                        f"{s.id} {p.id} {year_id}: {action.text}"
                    )
                    checked += 1
    assert checked == 178


def test_the_strategy_at_a_glance_lists_every_priority_with_its_ambition(site: Path, library):
    s = library.strategy("leicester/education-2021-24")
    text = article_text(page(site, s.id))
    for p in s.model.priorities:
        assert f"{p.title} {p.ambition}" in text


def test_every_row_of_the_governance_structure_is_in_its_table(site: Path, library):
    structure = library.strategy("leicester/send-2021-24").model.governance.structure
    rows = outline(page(site, "leicester/send-2021-24/governance")).rows
    expected = [["Level", "Who", "Activities"]]
    expected += [["Joint strategic oversight", body, ""] for body in structure.oversight]
    expected += [["Governance", body, ""] for body in structure.governance]
    expected += [["Transformation and improvement sub-group", g.name, " ".join(g.activities)] for g in structure.sub_groups]
    assert rows == expected


def test_every_finance_figure_is_shown_exactly_and_right_aligned(site: Path, library):
    table = library.strategy("leicestershire/best-programme-plan").model.tables[0]
    path = page(site, "leicestershire/best-programme-plan/tables/high-needs-financial-forecast")
    rows = outline(path).rows
    assert rows[0] == ["", "2026/27 £,000", "2027/28 £,000", "2028/29 £,000", "2029/30 £,000"]
    for row, shown in zip(table.rows, rows[1:], strict=True):
        cells = [figure(c) if c is not None else "No figure" for c in row.cells]
        assert shown == [row.heading, *cells]
    assert "−15,363" in rows[2] and "462,446" in rows[-1]
    html = path.read_text(encoding="utf-8")
    assert html.count('<td class="figure">') == 44
    assert "<caption>High Needs Financial Forecast - January 2026</caption>" in html
    assert "All figures are in £,000 (thousands of pounds), exactly as the council reported them." in article_text(path)


def test_the_home_page_gives_every_strategy_its_status_in_words(site: Path):
    text = article_text(site / "index.html")
    assert "Belonging in Education Strategy 2026-2029 Status: Consultation closed 1 June 2026" in text
    assert "Status: Approved 17 June 2025" in text
    assert "Status: Draft 3 March 2026" in text
    assert text.count("Status: Approved 7 October 2021") == 2
    assert "Divisional strategy · Leicester City Council · 2021-2024 (ended 31 March 2024)" in text


def test_the_home_page_filters_by_status_and_organisation_without_javascript(site: Path):
    home = outline(site / "index.html")
    links = [text for _, text in home.items]
    assert links[:8] == [
        "Draft (1)",
        "Out for consultation (1)",
        "Submitted (0)",
        "Approved (3)",
        "Superseded (0)",
        "Withdrawn (0)",
        "Leicestershire County Council",
        "Leicester City Council",
    ]
    approved = article_text(page(site, "status/approved"))
    assert "SEND Division Strategy" in approved and "Belonging in Education" not in approved
    assert "There are no superseded strategies at the moment." in article_text(page(site, "status/superseded"))
    leicester = article_text(page(site, "leicester"))
    assert "Education Division Strategy" in leicester and "BEST" not in leicester


def test_an_open_consultation_gets_a_call_to_action_with_its_closing_date(tmp_path: Path):
    site = build(tmp_path, "2026-05-01", booklets=False)
    text = article_text(page(site, "leicestershire/belonging-in-education-2026-29"))
    assert "Status: Out for consultation until 1 June 2026" in text
    assert "Have your say by 1 June 2026 The consultation is open from 20 April 2026 until 1 June 2026." in text
    assert "online survey" in text
    # The draft for consultation says a decision is planned, not made.
    home = article_text(site / "index.html")
    assert "Out for consultation (1)" in home


def test_a_planned_decision_is_shown_as_planned_never_as_made(site: Path):
    timeline = outline(page(site, "leicestershire/belonging-in-education-2026-29/timeline"))
    # Built for 22 November 2026: the day has passed, and no outcome is recorded.
    assert (3, "21 July 2026: Cabinet (planned; no outcome recorded yet)") in timeline.heading_list
    text = article_text(page(site, "leicestershire/belonging-in-education-2026-29/timeline"))
    after = text[text.index("21 July 2026: Cabinet (planned; no outcome recorded yet)") :]
    assert after.startswith(
        "21 July 2026: Cabinet (planned; no outcome recorded yet) Planned for 21 July 2026; no outcome recorded yet. "
        "The day has passed, and the site has no report of what happened."
    )
    assert "Outcome" not in after.split("First published")[0]
    glance = article_text(page(site, "leicestershire/belonging-in-education-2026-29"))
    assert "A decision was planned for 21 July 2026 (Cabinet); no decision has been reported here yet." in glance
    assert "approved" not in glance.split("Purpose")[0].lower().replace("approved for consultation", "")


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2022-09-01", "We are in Year Two (2022-2023) of the strategy, from 1 April 2022 to 31 March 2023."),
        (
            AS_OF,
            "The period of this strategy ended on 31 March 2024. "
            "These are the actions it planned for its last year, Year Three (2023-2024).",
        ),
    ],
)
def test_this_year_shows_the_actions_of_the_year_the_site_is_built_for(tmp_path: Path, site: Path, as_of: str, expected: str):
    built = site if as_of == AS_OF else build(tmp_path, as_of, booklets=False)
    path = page(built, "leicester/send-2021-24/this-year")
    assert expected in article_text(path)
    year = re.search(r"(Year \w+ \(\d{4}-\d{4}\))", expected).group(1)
    items = outline(path).items
    assert items, "no actions shown"
    assert all(year in h.get(3, year) for h, _ in items if 2 in h and h[2].startswith("Priority"))


def _nav_links(path: Path) -> list[str]:
    html = path.read_text(encoding="utf-8")
    nav = html[html.index("md-sidebar--primary") : html.index("md-sidebar--secondary")]
    return [squash(re.sub(r"<[^>]+>", "", t)) for t in re.findall(r'<a [^>]*class="md-nav__link[^"]*"[^>]*>(.*?)</a>', nav, re.S)]


def test_navigation_shows_only_the_strategy_being_read_and_the_way_back(site: Path, library):
    links = _nav_links(page(site, "leicester/send-2021-24/priorities/effective"))
    assert "All strategies" in links
    assert "Priority 4: Efficient: Partnership working and use of resources" in links
    others = [s.model.short_title for s in library.strategies if s.id != "leicester/send-2021-24"]
    assert not any(o in " ".join(links) for o in others)


def test_previous_and_next_stay_within_the_strategy(site: Path):
    html = page(site, "leicester/send-2021-24").read_text(encoding="utf-8")
    footer = html[html.index('class="md-footer__inner') :]
    assert "md-footer__link--prev" not in footer
    assert re.search(r'<a href="priorities/responsive/" class="md-footer__link md-footer__link--next"', footer)
    last = page(site, "leicester/send-2021-24/glossary").read_text(encoding="utf-8")
    footer = last[last.index('class="md-footer__inner') :]
    assert "md-footer__link--next" not in footer
    assert re.search(r'<a href="../contacts/" class="md-footer__link md-footer__link--prev"', footer)


def test_search_finds_an_action_and_shows_its_strategy_priority_and_year(site: Path):
    from .html_outline import search_fragments

    fragments = search_fragments(site)
    hits = [f for f in fragments if "travel training" in f["content"].lower()]
    responsive = next(f for f in hits if f["url"] == "/leicester/send-2021-24/priorities/responsive/")
    # A result names its strategy and priority, and leads to the headings for the theme and year.
    assert responsive["meta"]["title"] == "SEND Strategy 2021-24 Priority 1: Responsive: Coproduction, participation, and communication"
    headings = [a["text"] for a in responsive["anchors"]]
    assert "Choice and Control, Year One (2021-2022)" in headings
    assert "Choice and Control, Year Two (2022-2023)" in headings
    # Only the pages' own words are indexed: not the menus, and not the search page itself.
    assert not [f for f in fragments if f["url"] == "/search/"]
    assert not [f for f in fragments if "Skip to content" in f["content"]]


def test_every_glossary_acronym_gets_a_tooltip_in_text_and_in_tables(site: Path):
    prose = page(site, "leicester/send-2021-24/priorities/responsive").read_text(encoding="utf-8")
    assert '<abbr title="Personal Transport Budget">PTB</abbr>' in prose
    table = page(site, "leicester/send-2021-24/governance").read_text(encoding="utf-8")
    assert '<li><abbr title="Education, Health and Care Plan">EHCP</abbr> Quality Improvements</li>' in table
    assert "content.tooltips" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


def test_dates_are_written_the_uk_way_with_published_and_updated_lines(site: Path):
    text = article_text(page(site, "leicestershire/send-and-inclusion-2024-27"))
    assert "First published 6 November 2024. Last updated 1 July 2026." in text
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text)


def test_progress_updates_are_dated_and_listed_on_the_strategy(site: Path):
    text = article_text(page(site, "leicestershire/send-and-inclusion-2024-27/progress"))
    assert "1 July 2026: Accelerated Progress Plan (APP)" in text
    assert "statutory timeliness exceeding 95%" in text
    measures = outline(page(site, "leicestershire/send-and-inclusion-2024-27/measures")).rows
    assert [
        "Statutory timeliness of Education, Health and Care plans",
        "Not stated",
        "over 95% (17 April 2026). At the final review of the Accelerated Progress Plan",
        "Not stated",
        "Position statement to the County Council, 1 July 2026",
    ] in measures


def test_edit_this_page_opens_the_yaml_the_page_came_from(tmp_path: Path, project: Path):
    root = project
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config + "\nrepo_url: https://example.org/council/strategies\nedit_uri: edit/main/\n")
    assert site_build.main(["--root", str(root), "build", "--site-dir", str(tmp_path / "out"), "--as-of", AS_OF, "--no-pdf"]) == 0
    html = page(tmp_path / "out", "leicester/send-2021-24/priorities/responsive").read_text(encoding="utf-8")
    assert 'href="https://example.org/council/strategies/edit/main/content/leicester/send-2021-24/priorities.yml"' in html
    table = page(tmp_path / "out", "leicestershire/best-programme-plan/tables/high-needs-financial-forecast").read_text()
    assert "edit/main/content/leicestershire/best-programme-plan/tables.yml" in table


def test_invalid_content_stops_the_build_with_its_messages_and_leaves_the_site(tmp_path: Path, run):
    root = copy_project(tmp_path / "project", council="leicester")
    out = tmp_path / "out"
    assert run("--root", root, "build", "--site-dir", out, "--as-of", AS_OF, "--no-pdf").code == 0
    before = tree_digest(out)
    strategy = root / "content/leicester/send-2021-24/strategy.yml"
    strategy.write_text(strategy.read_text(encoding="utf-8").replace("summary: How Leicester", "sumary: How Leicester"))
    result = run("--root", root, "build", "--site-dir", out, "--as-of", AS_OF)
    assert result.code == 1
    assert result.problems[0].startswith(
        "content/leicester/send-2021-24/strategy.yml:7:1: sumary: 'sumary' is not a field here. Did you mean 'summary'?"
    )
    assert len(result.problems) == 1
    assert result.err.splitlines()[-1] == f"Nothing was built: {out}/ is as it was."
    assert tree_digest(out) == before
    assert not list(tmp_path.glob(".out-building-*"))


def test_the_export_builds_with_plain_mkdocs_and_no_custom_plugin(tmp_path: Path, run):
    out = tmp_path / "export"
    assert run("export", "--out", out, "--as-of", AS_OF).code == 0
    config = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "strategy/pages" not in config
    assert (out / "docs/leicester/send-2021-24/priorities/responsive.md").is_file()
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(out / "mkdocs.yml"), "-d", str(tmp_path / "built")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    html = page(tmp_path / "built", "leicester/send-2021-24/priorities/responsive")
    assert "We will offer Independent Travel Training options" in article_text(html)
    # The glossary's acronyms keep their tooltips, from the exported configuration.
    assert '<abbr title="Personal Transport Budget">PTB</abbr>' in html.read_text(encoding="utf-8")
    # The Easy Read page comes too, with its pictures where it looks for them.
    easy_read = page(tmp_path / "built", "leicester/send-2021-24/easy-read").read_text(encoding="utf-8")
    pictures = re.findall(r'<img class="er-picture" src="([^"]+)"', easy_read)
    assert pictures
    for src in pictures:
        assert (tmp_path / "built/leicester/send-2021-24/easy-read" / src).resolve().is_file(), src


def test_text_is_shown_as_typed_never_as_markup(tmp_path: Path, minimal: Path, run):
    for name in ("mkdocs.yml", "docs", "templates"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, minimal / name)
    plan = minimal / "content/example/plan/strategy.yml"
    plan.write_text(
        plan.read_text().replace("title: Every child belongs", "title: 'Every *child* [belongs](https://x.example) & 1 < 2 | # _ok_'")
    )
    assert run("--root", minimal, "build", "--site-dir", tmp_path / "out", "--as-of", AS_OF).code == 0
    html = page(tmp_path / "out", "example/plan/priorities/belonging").read_text(encoding="utf-8")
    assert "Priority 1: Every *child* [belongs](https://x.example) &amp; 1 &lt; 2 | # _ok_" in html
    assert "<em>child</em>" not in html and 'href="https://x.example"' not in html


def test_pages_outside_the_navigation_get_the_short_library_navigation_too(site: Path):
    links = _nav_links(page(site, "status/approved"))
    assert "All strategies" in links
    assert not any(link.startswith("Priority ") for link in links), "a status page carries every strategy's pages"
    links = _nav_links(site / "404.html")
    assert "All strategies" in links
    assert not any(link.startswith("Priority ") for link in links), "the page-not-found page carries every strategy's pages"


# Titles as content may give them, each as it reaches a page's settings (escaped for HTML, as the pages'
# titles are; these are read back, not published).
SETTING_VALUES = [
    "Sufficiency of Places",
    'Quotes " and \\ and: a colon, # a hash',
    "--- dashes\n---\nand lines",
    "... three dots",
    "{not: a mapping} [nor, a list]",
    "yes",
    "null",
    "1e5",
    "Ünïcödé – an en dash, and 😀",
    "Tab\there",
    "A control \x01 character",
    "A line\u2028separator, a paragraph\u2029separator, a next line\x85",
]


@pytest.mark.parametrize("value", SETTING_VALUES, ids=range(len(SETTING_VALUES)))
def test_a_pages_settings_are_read_as_mkdocs_reads_them(value: str):
    # The build reads a generated page's settings itself (read_front_matter) rather than have MkDocs read
    # them with its YAML reader: what it reads must be what MkDocs would, or it must leave them to MkDocs.
    from mkdocs.utils.meta import get_data

    from plugins.pages.edition import read_front_matter, write_front_matter

    settings = {"title": value, "hide": ["toc"], "searchable": False, "count": 3, "edition_switch": {"url": "../er/", "text": value}}
    markdown = write_front_matter(settings) + "\n\n# Heading\n\nText: with a colon\n"
    body, meta = get_data(markdown)
    assert meta == settings or not value.isprintable()  # MkDocs reads what was written, but for the unseen characters
    try:
        ours = read_front_matter(markdown)
    except ValueError:
        assert not value.isprintable(), "a printable value is read here, not left to MkDocs"
        return
    assert ours == (meta, body)


def test_settings_that_yaml_may_read_otherwise_are_left_to_mkdocs():
    from plugins.pages.edition import read_front_matter, write_front_matter

    for settings in ({"ratio": 0.5}, {"small": 1e-05}):
        with pytest.raises(ValueError, match="fraction"):
            read_front_matter(write_front_matter(settings) + "# Heading\n")
    for markdown in ("# No settings\n", "---\ntitle: unquoted text\n---\n\n# Heading\n", '---\ntitle: "never ends"\n# Heading\n'):
        with pytest.raises(ValueError):
            read_front_matter(markdown)


def test_another_plugin_sees_a_generated_pages_settings_as_it_would_have_from_mkdocs(tmp_path: Path):
    # mkdocs-material's meta plugin adds a folder's default settings to a page's at on_page_markdown
    # (priority 50): the page's own settings are given first, so that it sees them, as it did when MkDocs
    # read them from the front matter, and what it adds stays.
    from mkdocs.plugins import BasePlugin, PluginCollection, event_priority
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    from plugins.adapter.plugin import StrategyPlugin

    seen: list[dict[str, object]] = []

    class Defaults(BasePlugin):  # type: ignore[type-arg]
        @event_priority(50)
        def on_page_markdown(self, markdown, page, config, files):  # type: ignore[no-untyped-def]
            seen.append(dict(page.meta))
            page.meta = {"defaulted": True, **page.meta}
            return markdown

    ours = StrategyPlugin()
    ours.page_settings = {"a/page.md": {"title": "A page", "hide": ["toc"]}}
    plugins = PluginCollection()
    plugins["defaults"] = Defaults()
    plugins["strategy/pages"] = ours
    page = Page(None, File("a/page.md", str(tmp_path), str(tmp_path / "site"), use_directory_urls=True), {})  # type: ignore[arg-type]
    plugins.on_page_markdown("# A page\n", page=page, config=None, files=None)
    assert seen == [{"title": "A page", "hide": ["toc"]}]
    assert page.meta == {"defaulted": True, "title": "A page", "hide": ["toc"]}
