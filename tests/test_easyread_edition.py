"""The Easy Read editions on the real content: the scorecard the communications team reads, the page
families read, and a build that stops on a broken rule."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from plugins.content import LoadedStrategy, load_library

from .conftest import AS_OF, REPO, page, tree_digest
from .html_outline import article_text


def test_the_four_editions_pass_the_checker_and_each_prints_its_scorecard(run, easy_read_editions: list[LoadedStrategy]):
    result = run("easyread")
    assert result.code == 0, result.err
    assert {s.id for s in easy_read_editions} >= {
        "leicestershire/belonging-in-education-2026-29",
        "leicestershire/send-and-inclusion-2024-27",
        "leicester/education-2021-24",
        "leicester/send-2021-24",
    }
    for s in easy_read_editions:
        n = len(s.model.priorities)
        card = re.search(rf"^{re.escape(s.id)}: {re.escape(s.model.easy_read.title)}\n((?:  .*\n)+)", result.out, re.M)
        assert card, f"no scorecard for {s.id}"
        lines = card.group(1)
        assert re.search(r"^  points: \d+, without a picture: 0$", lines, re.M)
        assert re.search(r"^  sentences: \d+, over 15 words: 0 \(longest: (\d|1[0-5]) words\)$", lines, re.M)
        assert "  hard words not explained: 0\n" in lines
        assert re.search(r"^  words: \d{3} \(about 1,000 at most\)$", lines, re.M)
        assert re.search(r"^  printed pages: about 1\d \(about 24 at most\)$", lines, re.M)
        assert f"  priorities explained: {n} of {n}\n" in lines
        assert "  checked by readers: not yet\n" in lines
        assert "  findings: 0 errors, 0 advice\n" in lines
    # The Children's Disabled Council's own words, "My voice is heard", are quoted as written, and rule 6
    # leaves words in quotation marks alone.
    assert 'They include "My voice is heard"' in (REPO / "content/leicester/send-2021-24/easy-read.yml").read_text(encoding="utf-8")
    assert result.out.rstrip().endswith("Checked 4 Easy Read editions: 0 errors, 0 advice.")


def test_a_broken_rule_stops_check_and_the_build_and_leaves_the_site(tmp_path: Path, project: Path, run):
    root = project
    site = tmp_path / "site"
    assert run("--root", root, "build", "--site-dir", site, "--as-of", AS_OF, "--no-pdf").code == 0
    before = tree_digest(site)
    edition = root / "content/leicester/send-2021-24/easy-read.yml"
    text = edition.read_text(encoding="utf-8")
    edition.write_text(text.replace("Their needs were getting more complex.", "Their needs were getting more & more complex."))
    line = next(n for n, t in enumerate(edition.read_text().splitlines(), 1) if "more & more" in t)
    finding = (
        f"content/leicester/send-2021-24/easy-read.yml:{line}:17: easy_read.sections[1].points[1].text: "
        "rule 11 (no symbols for words, error): '&' is a symbol or short form used for words. Suggestion: & -> and."
    )
    checked = run("--root", root, "check")
    assert checked.code == 1
    assert checked.err.splitlines()[0] == finding
    built = run("--root", root, "build", "--site-dir", site, "--as-of", AS_OF)
    assert built.code == 1
    assert built.err.splitlines()[0] == finding
    assert built.err.splitlines()[-1] == f"Nothing was built: {site}/ is as it was."
    assert "Traceback" not in built.err
    assert tree_digest(site) == before
    # A lenient build (a preview, never the live site) publishes and warns.
    lenient = run("--root", root, "build", "--lenient", "--no-pdf", "--site-dir", tmp_path / "preview", "--as-of", AS_OF)
    assert lenient.code == 0, lenient.err
    assert "more &amp; more" in page(tmp_path / "preview", "leicester/send-2021-24/easy-read").read_text(encoding="utf-8")


def test_advice_is_printed_and_fails_only_with_strict(project: Path, run):
    root = project
    edition = root / "content/leicester/send-2021-24/easy-read.yml"
    edition.write_text(
        edition.read_text().replace(
            "The plan said the council would work closely with health services.", "Health services were asked to help."
        )
    )
    relaxed = run("--root", root, "easyread")
    assert relaxed.code == 0
    assert "rule 6 (active voice, advice): 'were asked' may be passive." in relaxed.err
    assert "findings: 0 errors, 1 advice" in relaxed.out
    assert run("--root", root, "easyread", "--strict").code == 1


def test_the_easy_read_page_explains_each_hard_word_where_it_is_first_used(site: Path, library):
    html = page(site, "leicester/send-2021-24/easy-read").read_text(encoding="utf-8")
    first = html.index("<strong>SEND</strong>")
    explained = html.index("<strong>SEND</strong> is short for special educational needs and disabilities.")
    assert first < explained
    # The next row after the first use is the explanation, with its own picture.
    between = html[first:explained]
    assert between.count('class="er-point') == 1 and 'class="er-point er-hard-word"' in between
    text = article_text(page(site, "leicester/send-2021-24/easy-read"))
    assert "Hard words" in text
    for word in library.strategy("leicester/send-2021-24").model.easy_read.hard_words:
        assert word.word in text


def test_the_easy_read_page_says_who_checked_it_and_credits_its_pictures(site: Path, easy_read_editions: list[LoadedStrategy]):
    for s in easy_read_editions:
        text = article_text(page(site, f"{s.id}/easy-read"))
        assert "People with a learning disability have not checked this booklet yet." in text
        assert "Pictures from Fluent Emoji by Microsoft Corporation, under the MIT licence." in text
    licence = site / "assets/pictures/fluent-emoji-flat/LICENSE.txt"
    assert licence.read_text(encoding="utf-8").startswith("MIT License")


def test_a_closed_consultation_says_so_on_the_easy_read_page(site: Path):
    text = article_text(page(site, "leicestershire/belonging-in-education-2026-29/easy-read"))
    assert "This plan is a draft. The council asked people what they think of it." in text
    assert "The time to have your say ended on 1 June 2026." in text
    # That the booklet does not say what the council decided is said once, where the plan is up to.
    assert "This booklet does not say yet if the council agreed the plan." in text
    assert "The council planned to decide on 21 July 2026. Contact us" in text
    assert text.count("does not say") == 1


def test_only_the_pictures_in_use_are_published(site: Path, library, easy_read_editions: list[LoadedStrategy]):
    from easyread.page import easy_read_page

    # Those beside the points shown on the day and the rows the page writes itself, and the cover's.
    pages = [easy_read_page(s, library.pictures, as_of=dt.date.fromisoformat(AS_OF)) for s in easy_read_editions]
    used = {row.picture.name for er in pages for section in er.sections for row in section.rows if row.picture} | {"open-book"}
    # And every point's picture, shown on the day or not: the review page's picture sheet shows them all.
    used |= {p.picture for s in easy_read_editions if s.model.easy_read for x in s.model.easy_read.sections for p in x.points if p.picture}
    published = {p.stem for p in (site / "assets/pictures/fluent-emoji-flat").glob("*.svg")}
    assert published == used


def test_each_priority_section_links_to_the_priority_it_explains(site: Path, easy_read_editions: list[LoadedStrategy]):
    for s in easy_read_editions:
        html = page(site, f"{s.id}/easy-read").read_text(encoding="utf-8")
        links = re.findall(r'<p class="er-full"><a href="([^"]+)">Read this part of the plan in full</a></p>', html)
        assert len(links) == len(s.model.priorities)
        for link in links:
            assert (site / s.id / "easy-read" / link / "index.html").resolve().is_file(), link


def test_a_council_can_add_its_own_pictures_with_their_licence(tmp_path: Path, project: Path, run):
    root = project
    own = root / "pictures/council-pictures"
    own.mkdir()
    (own / "set.yml").write_text(
        "name: Council pictures\nlicence: Licensed to the council\ncredit: Pictures by the council.\n"
        "pictures:\n  town-hall: {shows: The council's town hall building}\n  school: {shows: Our school}\n"
    )
    (own / "LICENSE").write_text("Licensed to the council for its own publications.\n")
    (own / "town-hall.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n')
    (own / "school.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="5" cx="5" cy="5"/></svg>\n')
    edition = root / "content/leicester/send-2021-24/easy-read.yml"
    text = edition.read_text(encoding="utf-8")
    # A name in two sets must say which set it means.
    ambiguous = run("--root", root, "check")
    assert ambiguous.code == 1
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.strip() == "picture: school")
    assert (
        f"content/leicester/send-2021-24/easy-read.yml:{line}:20: easy_read.sections[1].points[2].picture: "
        "more than one picture set has a picture called 'school': write council-pictures/school or fluent-emoji-flat/school."
    ) in ambiguous.err.splitlines()
    for other in (root / "content").rglob("easy-read.yml"):
        other.write_text(other.read_text(encoding="utf-8").replace("picture: school", "picture: fluent-emoji-flat/school"))
    text = edition.read_text(encoding="utf-8")
    edition.write_text(text.replace("picture: classical-building", "picture: town-hall", 1), encoding="utf-8")
    site = tmp_path / "site"
    assert run("--root", root, "build", "--no-pdf", "--site-dir", site, "--as-of", AS_OF).code == 0
    html = page(site, "leicester/send-2021-24/easy-read").read_text(encoding="utf-8")
    assert 'src="../../../assets/pictures/council-pictures/town-hall.svg"' in html
    assert "Pictures by the council." in article_text(page(site, "leicester/send-2021-24/easy-read"))
    assert (site / "assets/pictures/council-pictures/LICENSE.txt").read_text().startswith("Licensed to the council")
    assert not (site / "assets/pictures/council-pictures/school.svg").exists()


def test_who_checked_an_edition_is_shown_only_as_recorded(real_content: Path):
    from easyread.page import easy_read_page

    edition = real_content / "content/leicester/send-2021-24/easy-read.yml"
    text = edition.read_text(encoding="utf-8")
    edition.write_text(
        text.replace("  date: 2026-12\n", "  date: 2026-12\n  checked_by:\n    by: The Speak Up group\n    date: 2026-12\n", 1)
    )
    library = load_library(real_content)
    day = dt.date.fromisoformat(AS_OF)
    checked = easy_read_page(library.strategy("leicester/send-2021-24"), library.pictures, as_of=day)
    assert checked.checked == "The Speak Up group checked this booklet in December 2026."
    unchecked = easy_read_page(library.strategy("leicester/education-2021-24"), library.pictures, as_of=day)
    assert unchecked.checked == "People with a learning disability have not checked this booklet yet."


def test_the_home_page_points_to_each_easy_read_edition(site: Path, easy_read_editions: list[LoadedStrategy]):
    html = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="easy-read-link" href="([^"]+)">(.*?)</a>', html)
    named = {href: re.sub(r"<[^>]+>", "", text) for href, text in links}
    assert named == {f"{s.id}/easy-read/": f"Easy Read version of {s.model.short_title}" for s in easy_read_editions}


def test_stricter_settings_find_what_the_defaults_allow():
    from easyread.checker import check_editions, errors_in
    from easyread.rules import Style, Thresholds

    library = load_library(REPO)
    assert not errors_in(check_editions(library, Style(), Thresholds(), as_of=dt.date.fromisoformat(AS_OF)))
    stricter = check_editions(library, Style(), Thresholds(max_sentence_words=5), as_of=dt.date.fromisoformat(AS_OF))
    assert any(f.rule == 4 for f in errors_in(stricter))
