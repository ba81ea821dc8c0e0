"""The command line as an officer meets it: what it prints, its exit codes, and no tracebacks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from plugins.content.model import Strategy
from plugins.content.yamlsource import ExamplesLeft, load_file

from .conftest import AS_OF, REPO, copy_project, set_render_workers


def test_check_passes_on_the_default_content_and_says_what_it_checked(run):
    result = run("check")
    assert result.code == 0
    assert result.err == ""
    assert re.fullmatch(
        r"Checked 21 files: 5 strategies, 24 priorities, 178 actions, 1 progress report, 35 glossary terms, 4 Easy Read editions\. "
        r"No problems found \(\d+\.\d\d s\)\.\n",
        result.out,
    )


def test_bad_content_exits_1_with_messages_and_no_traceback_when_run_as_a_program(minimal: Path):
    plan = minimal / "content/example/plan/strategy.yml"
    plan.write_text(plan.read_text().replace("status: on track", "status: ongoing"))
    line = plan.read_text().splitlines().index("          status: ongoing") + 1
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, str(REPO / "site_build.py"), "--root", str(minimal), "check"], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert done.stderr == (
        f"content/example/plan/strategy.yml:{line}:19: priorities[0].actions.year_one[0].status: "
        "'ongoing' is not a status. "
        "For an action under way, say how it is going: on track, at risk or delayed. "
        "Use one of: not started, on track, at risk, delayed, done.\n"
        "Found 1 problem in 1 file. Fix it and run the command again.\n"
    )


def _as_a_program(root: Path, temporary: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """`site_build.py build` run as an officer or CI runs it, its temporary files put in temporary."""
    temporary.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"TMPDIR": str(temporary)}
    command = [sys.executable, str(REPO / "site_build.py"), "--root", str(root), "build", "--site-dir", str(root / "site")]
    return subprocess.run([*command, "--as-of", AS_OF, *options], capture_output=True, text=True, env=env, timeout=300)


def test_a_build_run_as_a_program_ends_with_its_code_and_output_whole_and_leaves_no_temporary_file(tmp_path: Path):
    # The command ends without Python freeing every object one by one (site_build.leave), but what Python
    # runs as it ends still runs: here, removing the folder matplotlib was given to draw the charts in.
    root = copy_project(tmp_path / "project")
    set_render_workers(root, 1)  # the charts drawn in this process, where the folder's removal is registered
    done = _as_a_program(root, tmp_path / "tmp", "--no-pdf")
    assert (done.returncode, done.stderr) == (0, "")
    assert re.fullmatch(r"Built 101 pages into site/ in \d+\.\d s\.\n", done.stdout)
    assert (root / "site/index.html").is_file()
    assert list((tmp_path / "tmp").iterdir()) == []

    # A mistake: the code is 1, and every line said before the end reaches the reader.
    plan = next((root / "content").glob("*/*/strategy.yml"))
    written = plan.read_text()
    plan.write_text(written.replace("status:", "statuss:", 1))
    failed = subprocess.run(
        [sys.executable, str(REPO / "site_build.py"), "--root", str(root), "check"],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        timeout=120,
    )
    assert failed.returncode == 1
    assert failed.stderr.endswith("Fix it and run the command again.\n"), failed.stderr

    # Output that cannot be written, to a reader gone before the end (or a full disk), is not success:
    # Python says so, and ends with 120, as it always has.
    plan.write_text(written)
    buffered = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONUNBUFFERED")}
    unread = subprocess.Popen(
        [sys.executable, str(REPO / "site_build.py"), "--root", str(root), "check"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=buffered,
    )
    assert unread.stdout is not None
    unread.stdout.close()
    _, said = unread.communicate(timeout=120)
    assert unread.returncode == 120
    assert b"BrokenPipeError" in said


def test_booklets_printed_on_other_cores_leave_no_temporary_file(tmp_path: Path):
    # WeasyPrint keeps a booklet's fonts in a temporary folder it removes only when Python frees its
    # font settings, which a process that ends at once (a worker, the booklets' process) never does.
    root = copy_project(tmp_path / "project", council="leicester")
    done = _as_a_program(root, tmp_path / "tmp")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.endswith("Printed 4 booklets.\n"), done.stdout
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_booklet_that_fails_leaves_no_temporary_file_of_the_others_stopped_mid_print(tmp_path: Path):
    # The first booklet that fails stops the build, and the workers printing the others with it.
    root = copy_project(tmp_path / "project", council="leicester")
    template = root / "templates/booklets/standard.html.j2"
    template.write_text(template.read_text().replace("<body", '<img src="file:///etc/hostname" alt=""><body', 1))
    done = _as_a_program(root, tmp_path / "tmp")
    assert done.returncode == 1
    assert "asks for file:///etc/hostname, which is not a file of the site being built" in done.stderr
    assert list((tmp_path / "tmp").iterdir()) == []


HELP = {
    (): """\
usage: site_build.py [-h] [--root ROOT] [--format {text,github}] COMMAND ...

The command line for a council's strategy site: check the content, export its
schema, start or import a strategy.

positional arguments:
  COMMAND
    check               check every content file and report every mistake with
                        its line
    schema              write the JSON Schemas for editors and their field
                        reference
    build               check the content and build the site, replacing the
                        old site only on success
    serve               preview the site, rebuilding and reloading the page
                        when a file changes
    export              write the pages as Markdown that plain MkDocs builds
                        with no custom plugin
    links               check that every web address in the content works
                        (goes online; never part of build)
    easyread            check the Easy Read editions against the published
                        rules and print a scorecard for each
    due                 list the dates that have passed with nothing recorded
                        of what happened
    diff                say in plain English what changed in the strategies
                        between two git revisions
    new                 start a new strategy with every section present and
                        explained
    import              make draft strategies from a council's report, plan or
                        web page

options:
  -h, --help            show this help message and exit
  --root ROOT           the project folder holding mkdocs.yml and the content
                        (default: this folder)
  --format {text,github}
                        github: also report each problem as a GitHub Actions
                        annotation on its line (default: text)
""",
    ("check",): """\
usage: site_build.py check [-h] [--base REVISION] [--as-of AS_OF]

Check every file in the content folder (content/, or content_dir in
mkdocs.yml) and report every mistake at once, each with its file, line and
column. Exits 1 if there are any.

options:
  -h, --help       show this help message and exit
  --base REVISION  also require a dated note in 'changes' for each strategy
                   whose priorities or actions changed since this git revision
  --as-of AS_OF    check the Easy Read editions as they would be published on
                   this day (YYYY-MM-DD); default: as_of in mkdocs.yml, else
                   the day of SOURCE_DATE_EPOCH, else the date of the last git
                   commit, else (outside git) today. STRATEGY_SITE_AS_OF, if
                   set, overrides all of these
""",
    ("schema",): """\
usage: site_build.py schema [-h] [--check]

Write schema/*.json and the field reference schema/README.md from the content
model. With --check, only say whether they are up to date.

options:
  -h, --help  show this help message and exit
  --check     exit 1 if the schemas or their field reference are out of date
""",
    ("new",): """\
usage: site_build.py new [-h] [--title TITLE] organisation [slug]

Create ORGANISATION/SLUG/strategy.yml in the content folder (content/, or
content_dir in mkdocs.yml) with every section of a strategy present, an
example in each, and a comment explaining it.

positional arguments:
  organisation   the organisation's folder in the content folder, such as
                 leicestershire
  slug           the new strategy's folder name, used in its web address
                 (default: made from the title)

options:
  -h, --help     show this help message and exit
  --title TITLE  the strategy's title
""",
    ("import",): """\
usage: site_build.py import [-h] --organisation ORG [--slug SLUG] SOURCE

Read SOURCE (plain text, Markdown, a saved web page, Word .docx or PDF) and
write each strategy it sets out as a draft folder under the organisation's
folder in the content folder: the council's words copied exactly, each with a
comment saying where in SOURCE it came from, and each thing the document does
not give marked !example for an officer to fill in. No folder is ever written
over.

positional arguments:
  SOURCE              the document to read

options:
  -h, --help          show this help message and exit
  --organisation ORG  the organisation's folder in the content folder, such as
                      leicestershire
  --slug SLUG         the new strategy's folder name, where the document sets
                      out one strategy (default: made from its title)
""",
}


@pytest.mark.parametrize("command", list(HELP), ids=[" ".join(c) or "site_build.py" for c in HELP])
def test_every_command_explains_itself(command: tuple[str, ...], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    import site_build

    # argparse wraps help to the terminal's width: an 80-column terminal, as most officers' are.
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit) as stop:
        site_build.main([*command, "--help"])
    assert stop.value.code == 0
    shown = capsys.readouterr()
    assert shown.out == HELP[command]
    assert shown.err == ""


def test_new_scaffolds_a_strategy_with_every_section_present_that_passes_check_once_its_examples_are_replaced(minimal: Path, run):
    result = run("--root", minimal, "new", "example", "--title", "Inclusion Strategy 2027-2030")
    assert result.code == 0, result.err
    assert result.out == (
        "Created content/example/inclusion-strategy-2027-2030/strategy.yml. "
        "Replace the examples with the strategy's own words, then run: python site_build.py check\n"
    )
    path = minimal / "content/example/inclusion-strategy-2027-2030/strategy.yml"
    # Read, but refused for its examples (tests/test_placeholders.py has what check says of each).
    with pytest.raises(ExamplesLeft) as left:
        load_file(path, "strategy.yml")
    data = left.value.document.data
    assert data["title"] == "Inclusion Strategy 2027-2030"
    assert set(data) == set(Strategy.model_fields)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schema/strategy.schema.json\n")
    # Every section sits in a block of lines that opens with a comment explaining it.
    lines = text.splitlines()
    for field in Strategy.model_fields:
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
        start = at
        while start > 0 and lines[start - 1].strip():
            start -= 1
        assert lines[start].startswith("# "), f"{field} has no explanation above it"
    # The examples are the only thing check finds; without their marks, the scaffold is a valid strategy,
    # once the one example that says to replace it ("Replace this with one sentence ...") is replaced.
    assert run("--root", minimal, "check").code == 1
    path.write_text(text.replace("!example ", ""), encoding="utf-8")
    assert run("--root", minimal, "check").problems == [
        "content/example/inclusion-strategy-2027-2030/strategy.yml:21:10: summary: still holds the example's words "
        "('Replace this with ...'). Write the strategy's own words here."
    ]
    path.write_text(text.replace("!example ", "").replace("Replace this with one sentence", "One sentence"), encoding="utf-8")
    assert run("--root", minimal, "check").code == 0


def test_new_refuses_a_folder_that_exists(minimal: Path, run):
    result = run("--root", minimal, "new", "example", "plan")
    assert result.code == 1
    assert result.err == "content/example/plan/ already exists: choose another name.\n"


def test_new_refuses_an_organisation_without_a_folder(minimal: Path, run):
    result = run("--root", minimal, "new", "nowhere", "plan")
    assert result.code == 1
    assert result.err == "content/nowhere/ does not exist. Add the organisation to content/organisations.yml and create its folder first.\n"


def test_new_refuses_a_folder_name_that_cannot_be_a_web_address(minimal: Path, run):
    result = run("--root", minimal, "new", "example", "My Plan")
    assert result.code == 1
    assert result.err == (
        "'My Plan' cannot be used as a folder name: use up to 100 lower-case letters, digits and hyphens, other than index or progress, "
        "for example send-and-inclusion-2027-30.\n"
    )
