"""Every command honours the strategy plugin's settings in mkdocs.yml, as the plugin itself does.

The project here keeps its content in strategies/ (`content_dir: strategies`), with no content/
folder at all: a command that still read content/ would find nothing, and one that still named
content/ in a message would send an officer to a folder that does not exist.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import site_build

from .conftest import REPO, copy_project, watched_while_serving
from .html_outline import article_text

AS_OF = "2026-11-22"
SEND = "strategies/leicester/send-2021-24/strategy.yml"
GIT_ENV = {
    "PATH": "/usr/bin:/bin",
    "GIT_AUTHOR_NAME": "Officer",
    "GIT_AUTHOR_EMAIL": "officer@example.gov.uk",
    "GIT_COMMITTER_NAME": "Officer",
    "GIT_COMMITTER_EMAIL": "officer@example.gov.uk",
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project whose content lives in strategies/, as content_dir in its mkdocs.yml says."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("docs", "templates", "pictures"):
        shutil.copytree(REPO / name, root / name)
    shutil.copytree(REPO / "content", root / "strategies")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      content_dir: content\n" in config
    (root / "mkdocs.yml").write_text(config.replace("      content_dir: content\n", "      content_dir: strategies\n"), encoding="utf-8")
    assert not (root / "content").exists()
    return root


def _edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, env=GIT_ENV, capture_output=True)


def _untimed(text: str) -> str:
    return re.sub(r"\(\d+\.\d\d s\)", "(0.00 s)", text)


def test_check_reads_the_content_folder_mkdocs_yml_names(project: Path, run):
    result = run("--root", project, "check")
    assert (result.code, result.err) == (0, "")
    # The same content, in another folder, is the same library.
    assert _untimed(result.out) == _untimed(run("--root", REPO, "check").out)


def test_check_reports_a_mistake_in_the_content_folder_at_its_line(project: Path, run):
    _edit(project, SEND, "summary: How Leicester planned", "summary: Edited: how Leicester planned")
    (project / "strategies/notes.yml").write_text("note: kept here by mistake\n", encoding="utf-8")
    result = run("--root", project, "check")
    assert result.code == 1
    assert result.problems == [
        "strategies/leicester/send-2021-24/strategy.yml:7:16: A colon is in the wrong place, or this line is indented wrongly. "
        "If the text itself contains ': ', put the whole text in quotes.",
        "strategies/notes.yml:1:1: This file is not in a place the site reads. Strategies live in "
        "strategies/<organisation>/<strategy>/, progress reports in strategies/<organisation>/progress/.",
    ]
    assert result.err.splitlines()[-1] == "Found 2 problems in 2 files. Fix them and run the command again."


def test_a_content_folder_outside_the_project_is_refused(project: Path, run):
    _edit(project, "mkdocs.yml", "content_dir: strategies", "content_dir: ../elsewhere")
    line = next(n for n, text in enumerate((project / "mkdocs.yml").read_text().splitlines(), 1) if "content_dir:" in text)
    for command in (["check"], ["build", "--no-pdf"], ["easyread"], ["links"], ["diff", "HEAD"], ["new", "leicester"]):
        result = run("--root", project, *command)
        assert (result.code, result.out) == (1, ""), command
        assert result.err == f"mkdocs.yml:{line}:7: content_dir must be a folder inside the project, such as content, not '../elsewhere'.\n"


def test_build_publishes_the_content_folder_on_the_day_mkdocs_yml_gives(project: Path, run, monkeypatch: pytest.MonkeyPatch):
    # No --as-of and nothing in the environment: the day is as_of in mkdocs.yml.
    monkeypatch.delenv("STRATEGY_SITE_AS_OF", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    _edit(project, "mkdocs.yml", "      content_dir: strategies\n", "      content_dir: strategies\n      as_of: '2025-03-01'\n")
    _edit(project, SEND, "summary: How Leicester planned", "summary: As read from strategies/, how Leicester planned")
    result = run("--root", project, "build", "--no-pdf")
    assert result.code == 0, result.err
    assert re.fullmatch(r"Built 101 pages into site/ in \d+\.\d s\.\n", result.out)
    page = (project / "site/leicester/send-2021-24/index.html").read_text(encoding="utf-8")
    assert (
        "<p>As read from strategies/, how Leicester planned to support children and young people with "
        '<abbr title="Special Educational Needs and Disabilities">SEND</abbr> to learn, thrive and achieve, from 2021 to 2024.</p>'
    ) in page
    # As it stood on 1 March 2025, not on the day the test runs.
    assert "Status: Consultation opens 20 April 2026" in article_text(project / "site/index.html")


def test_edit_links_and_the_officers_guide_name_the_content_folder(project: Path, run):
    _edit(
        project,
        "mkdocs.yml",
        "site_name: Council strategies\n",
        "site_name: Council strategies\nrepo_url: https://github.com/council/strategies\nedit_uri: edit/main/\n",
    )
    assert run("--root", project, "build", "--no-pdf", "--as-of", "2026-11-22").code == 0
    home = (project / "site/index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/council/strategies/edit/main/strategies/site.yml"' in home
    glossary = (project / "site/glossary/index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/council/strategies/edit/main/strategies/glossary.yml"' in glossary
    guide = article_text(project / "site/officers-guide/index.html")
    assert "Each strategy is a folder under strategies/, named as it appears in the site's web address" in guide
    assert "Words shared by every strategy are in strategies/glossary.yml." in guide
    assert "strategies/leicestershire/example-strategy/strategy.yml:" in guide


def test_build_refuses_to_publish_inside_the_content_folder(project: Path, run):
    result = run("--root", project, "build", "--no-pdf", "--as-of", AS_OF, "--site-dir", "strategies/site")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "--site-dir strategies/site: that is inside strategies/, which the build reads. Give it a folder of its own, such as site.\n"
    )
    assert not (project / "strategies/site").exists()


def test_easyread_checks_the_editions_in_the_content_folder(project: Path, run):
    long = (
        "This booklet is about a plan by Leicester City Council, which wrote it with the families of children and young people in the city."
    )
    easy_read = "strategies/leicester/send-2021-24/easy-read.yml"
    _edit(project, easy_read, "This booklet is about a plan by Leicester City Council.", long)
    result = run("--root", project, "easyread")
    where = f"{easy_read}:14:17: easy_read.sections[0].points[0].text:"
    quoted = "'This booklet is about a plan by Leicester City Council, which wrote...'"
    too_long = (
        f"{where} rule 4 (short sentences, error): this sentence has 24 words; the most is 15: {quoted} "
        "Suggestion: split it into two sentences."
    )
    two_ideas = (
        f"{where} rule 5 (one idea a sentence, advice): this sentence may say more than one thing (joined by 'which'): {quoted} "
        "Suggestion: give each idea its own sentence."
    )
    assert result.code == 1
    assert result.problems == [too_long, two_ideas]
    assert result.err.splitlines()[-1] == "Checked 4 Easy Read editions: 1 error, 1 advice."
    # The thresholds are mkdocs.yml's too.
    _edit(
        project,
        "mkdocs.yml",
        "        font_family: Atkinson Hyperlegible\n",
        "        font_family: Atkinson Hyperlegible\n        max_sentence_words: 25\n",
    )
    result = run("--root", project, "easyread")
    assert (result.code, result.problems) == (0, [two_ideas])
    assert result.out.splitlines()[-1] == "Checked 4 Easy Read editions: 0 errors, 1 advice."


def test_diff_compares_the_content_folder_at_two_revisions(project: Path, run):
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "The strategies as published")
    _edit(project, SEND, "title: SEND Division Strategy, April 2021 to March 2024", "title: SEND Strategy, April 2021 to March 2024")
    _git(project, "commit", "-q", "-am", "A shorter title")
    result = run("--root", project, "diff", "HEAD~1", "HEAD")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "## What changed in the strategies\n\n- SEND Strategy 2021-24: title changed from "
        "'SEND Division Strategy, April 2021 to March 2024' to 'SEND Strategy, April 2021 to March 2024'\n"
    )


def test_links_checks_the_addresses_in_the_content_folder(project: Path, run, counting_server, monkeypatch: pytest.MonkeyPatch):
    from plugins.publishing import links

    base, requests = counting_server
    _edit(project, SEND, "background_papers:\n", f"background_papers:\n  - title: Gone\n    link: {base}/gone\n")
    seen: list[str] = []
    real = links.check_links

    def only_this_machine(uses, *, timeout):
        # Every address is listed, but only the one on this machine is visited: the test never goes online.
        seen.extend(use.file for use in uses)
        return real([use for use in uses if use.url.startswith(base)], timeout=timeout)

    monkeypatch.setattr(links, "check_links", only_this_machine)
    result = run("--root", project, "links", "--timeout", "5")
    assert result.code == 1
    assert result.problems == [
        f"{SEND}:196:11: background_papers[0].link: the link to {base}/gone does not work: the server answered 404 Not Found."
    ]
    assert requests == ["/gone"]
    assert seen and {file.split("/")[0] for file in seen} == {"strategies"}


def test_serve_watches_the_content_folder(project: Path, run, monkeypatch: pytest.MonkeyPatch):
    from plugins.publishing import publish

    served: list[tuple[Path, str, str | None]] = []
    monkeypatch.setattr(publish, "serve_site", lambda root, dev_addr, *, as_of=None: served.append((root, dev_addr, as_of)))
    result = run("--root", project, "serve")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Serving on http://127.0.0.1:8000/ ; pages reload when strategies/, pictures/, templates/ or docs/ change. Ctrl-C stops.\n"
    )
    assert served == [(project, "127.0.0.1:8000", None)]

    # What the server is told to watch, by the plugin MkDocs runs while serving.
    assert watched_while_serving(project) == [str(project / "strategies"), str(project / "pictures"), str(project / "templates")]


def test_new_starts_a_strategy_in_the_content_folder(project: Path, run):
    result = run("--root", project, "new", "leicester", "--title", "Inclusion plan 2027-30")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Created strategies/leicester/inclusion-plan-2027-30/strategy.yml. Replace the examples with the strategy's own words, "
        "then run: python site_build.py check\n"
    )
    assert (project / "strategies/leicester/inclusion-plan-2027-30/strategy.yml").is_file()
    assert not (project / "content").exists()
    missing = run("--root", project, "new", "nowhere", "--title", "Inclusion plan 2027-30")
    assert (missing.code, missing.out) == (1, "")
    assert missing.err == (
        "strategies/nowhere/ does not exist. Add the organisation to strategies/organisations.yml and create its folder first.\n"
    )


@pytest.mark.parametrize("command", ["build", "export"])
def test_as_of_help_says_which_day_is_used_without_it(command: str, capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit):
        site_build.main([command, "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert (
        "as it would be on this day (YYYY-MM-DD); default: as_of in mkdocs.yml, else the day of SOURCE_DATE_EPOCH, else the date of "
        in shown
    )
    assert "the last git commit, else (outside git) today. STRATEGY_SITE_AS_OF, if set, overrides all of these" in shown
    assert "default: today" not in shown


def test_the_booklets_and_export_use_the_theme_folder_mkdocs_yml_names(tmp_path: Path, run):
    """With the theme in theme/ (custom_dir: theme), the booklets are printed from its booklet templates and
    export copies its overrides: nothing reads a templates/ folder that is not there."""
    import pypdf

    # The smallest content, with the project's theme and settings: its one booklet is enough to show where
    # the booklet templates are read from.
    root = tmp_path / "project"
    copy_project(root, minimal=True)
    (root / "templates").rename(root / "theme")
    _edit(root, "mkdocs.yml", "  custom_dir: templates\n", "  custom_dir: theme\n")
    marked = "<h1>{{ m.title }}</h1>\n<p>Printed from the theme folder.</p>"
    _edit(root, "theme/booklets/standard.html.j2", "<h1>{{ m.title }}</h1>", marked)
    assert run("--root", root, "build", "--as-of", "2026-11-22").code == 0
    booklet = pypdf.PdfReader(root / "site/example/plan/plan.pdf")
    assert "Printed from the theme folder." in booklet.pages[0].extract_text()
    assert run("--root", root, "export", "--as-of", "2026-11-22").code == 0
    assert (root / "export/overrides/partials/header.html").read_bytes() == (root / "theme/partials/header.html").read_bytes()
