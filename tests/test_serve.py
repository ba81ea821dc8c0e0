"""`serve` shows an officer's YAML edit in the browser without a restart.

The server runs as the officer runs it, on 127.0.0.1; the test edits a content
file and waits for the served page to change, and checks the page carries the
live-reload script that tells an open browser to reload.
"""

from __future__ import annotations

import re
import socket
import time
from pathlib import Path

import pytest

from .conftest import fetched, free_port, serving, wait_for, watched_while_serving


def test_serve_rebuilds_and_reloads_when_a_yaml_file_changes(tmp_path: Path, project: Path):
    root = project
    port = free_port()
    url = f"http://127.0.0.1:{port}/leicester/send-2021-24/"
    log = tmp_path / "serve.log"
    with serving(root, port, log):
        assert wait_for(url, "How Leicester planned to support", 120) is not None, "the server did not start"
        first = fetched(url) or ""
        assert "livereload" in first, "the page has no live-reload script, so an open browser would not reload"

        strategy = root / "content/leicester/send-2021-24/strategy.yml"
        original = strategy.read_text(encoding="utf-8")
        # A mistake while serving is reported in the officer's words, and the server keeps going.
        strategy.write_text(original.replace("summary: How Leicester planned", "summary: Edited: how Leicester planned"))
        deadline = time.monotonic() + 60
        while "content/leicester/send-2021-24/strategy.yml:7:16: A colon is in the wrong place" not in log.read_text():
            assert time.monotonic() < deadline, "the mistake was not reported:\n" + log.read_text()
            time.sleep(0.2)
        strategy.write_text(original.replace("summary: How Leicester planned", "summary: Edited while serving, how Leicester planned"))
        took = wait_for(url, "Edited while serving, how Leicester planned", 60)
        assert took is not None, "the edit did not reach the served page:\n" + log.read_text()
        print(f"A YAML edit reached the served page in {took:.1f} s.")


def test_serve_watches_the_theme_folder_that_mkdocs_yml_names(project: Path, run, monkeypatch: pytest.MonkeyPatch):
    """With the theme's overrides in theme/ (custom_dir: theme), an edit to a template there reloads the page."""
    from plugins.publishing import publish

    (project / "templates").rename(project / "theme")
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    assert "  custom_dir: templates\n" in text
    config_file.write_text(text.replace("  custom_dir: templates\n", "  custom_dir: theme\n"), encoding="utf-8")
    served: list[Path] = []
    monkeypatch.setattr(publish, "serve_site", lambda root, dev_addr, *, as_of=None: served.append(root))
    result = run("--root", project, "serve")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Serving on http://127.0.0.1:8000/ ; pages reload when content/, pictures/, theme/ or docs/ change. Ctrl-C stops.\n"
    )
    assert served == [project]

    # What the server is told to watch, by the plugin MkDocs runs while serving.
    assert watched_while_serving(project) == [str(project / "content"), str(project / "pictures"), str(project / "theme")]


def test_serve_started_with_a_mistake_answers_every_page_at_once_with_it(tmp_path: Path, project: Path):
    """A mistake present when serve starts does not stop it: every page lists the problem, at once, until it is fixed."""
    root = project
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    strategy = root / "content/leicester/send-2021-24/strategy.yml"
    original = strategy.read_text(encoding="utf-8")
    strategy.write_text(original.replace("summary: How Leicester planned", "summary: How: Leicester planned", 1), encoding="utf-8")
    log = tmp_path / "serve.log"
    with serving(root, port, log):
        assert wait_for(base, "The preview is waiting for 1 problem to be fixed", 60) is not None, log.read_text()
        for address in (base, base + "leicester/send-2021-24/", base + "no/such/page/", base + "assets/stylesheets/none.css"):
            started = time.monotonic()
            body = fetched(address) or ""
            assert time.monotonic() - started < 5, f"{address} kept the browser waiting"
            assert "<h2><code>content/leicester/send-2021-24/strategy.yml:7:13</code></h2>" in body, address
            assert "livereload" in body, "the page of problems would not reload to the site once they are fixed"
        assert log.read_text().splitlines()[1:5] == [
            "INFO: Building documentation...",
            "ERROR: The content has 1 problem(s); nothing was built:",
            "content/leicester/send-2021-24/strategy.yml:7:13: A colon is in the wrong place, or this line is indented wrongly. "
            "If the text itself contains ': ', put the whole text in quotes.",
            f"INFO: The preview at {base} lists the problem until it is fixed, then reloads to the site.",
        ]
        strategy.write_text(original, encoding="utf-8")
        assert wait_for(base + "leicester/send-2021-24/", "How Leicester planned to support", 60) is not None, log.read_text()
        assert "The preview is waiting" not in (fetched(base + "leicester/send-2021-24/") or "")


def test_the_page_of_problems_quotes_each_line_escaped_at_its_place(tmp_path: Path):
    from plugins.content.problems import Problem
    from plugins.publishing.preview import problems_page

    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "content/a.yml").write_text(
        "title: Plan\r\nsummary: <script>alert(1)</script>: more\n\tstatus: adopted\n" + "x" * 300 + ": y\n", encoding="utf-8"
    )
    (tmp_path / "secret.yml").write_text("password: hunter2\n", encoding="utf-8")
    (root / "content/link.yml").symlink_to(tmp_path / "secret.yml")
    problems = [
        Problem("content/a.yml", 2, 35, "summary", "A colon is in the wrong place."),
        Problem("content/a.yml", 3, 1, "", "A tab <b>here</b>."),
        Problem("content/a.yml", 4, 301, "", "Long."),
        Problem("content/a.yml", 9, 1, "", "Past the end."),
        Problem("../secret.yml", 1, 1, "", "Outside."),
        Problem("content/link.yml", 1, 1, "", "Linked out."),
        Problem("", 0, 0, "", "A template could not be used:\ntheme/main.html, line 3: <oops>"),
    ]
    page = problems_page(problems, root)
    assert page.startswith(
        '<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy"'
    )
    assert "<title>The preview is waiting for 7 problems to be fixed</title>" in page
    long_before = "…" + "x" * 120
    assert page[page.index("<ol>") : page.index("</ol>") + 5] == (
        "<ol>\n<li>\n<h2><code>content/a.yml:2:35</code></h2>\n"
        "<p>summary: A colon is in the wrong place.</p>\n"
        '<p class="label">Line 2 as it is now, with the place marked:</p>\n'
        "<pre><code>summary: &lt;script&gt;alert(1)&lt;/script&gt;<mark>:</mark> more</code></pre>\n</li>\n"
        "<li>\n<h2><code>content/a.yml:3:1</code></h2>\n<p>A tab &lt;b&gt;here&lt;/b&gt;.</p>\n"
        '<p class="label">Line 3 as it is now, with the place marked:</p>\n'
        "<pre><code><mark>\\t</mark>status: adopted</code></pre>\n</li>\n"
        "<li>\n<h2><code>content/a.yml:4:301</code></h2>\n<p>Long.</p>\n"
        '<p class="label">Line 4 as it is now, with the place marked:</p>\n'
        f"<pre><code>{long_before}<mark>:</mark> y</code></pre>\n</li>\n"
        "<li>\n<h2><code>content/a.yml:9:1</code></h2>\n<p>Past the end.</p>\n</li>\n"
        "<li>\n<h2><code>../secret.yml:1:1</code></h2>\n<p>Outside.</p>\n</li>\n"
        "<li>\n<h2><code>content/link.yml:1:1</code></h2>\n<p>Linked out.</p>\n</li>\n"
        "<li>\n<h2>The build stopped</h2>\n<p>A template could not be used:\ntheme/main.html, line 3: &lt;oops&gt;</p>\n</li>\n</ol>"
    )
    assert "hunter2" not in page
    # Nothing is loaded from anywhere: no address at all in the page.
    assert re.search(r"\b(?:src|href|url)\s*[=(]|://|@import", page) is None


def test_a_failed_build_gives_the_contents_problems_each_at_its_place(project: Path):
    """What MkDocs raises when the plugin stops on the content leads back to the loader's problems."""
    from mkdocs.commands.build import build

    from plugins.publishing.config import read_config
    from plugins.publishing.preview import problems_of

    (project / "content/leicester/send-2021-24/strategy.yml").write_text("title: [\n", encoding="utf-8")
    config = read_config(project, site_dir=str(project / "site"))
    with pytest.raises(Exception) as raised:
        build(config)
    assert [str(p) for p in problems_of(raised.value, ["ERROR text MkDocs logged"])] == [
        "content/leicester/send-2021-24/strategy.yml:2:1: This is not valid YAML (while parsing a flow node expected the node content, "
        "but found '<stream end>'). Check the indentation and quotes on this line."
    ]


def test_a_build_stopped_otherwise_gives_what_was_said_each_line_at_its_place():
    from mkdocs.exceptions import Abort

    from plugins.content.problems import Problem
    from plugins.publishing.failures import Refused
    from plugins.publishing.preview import problems_of

    refused = Refused("mkdocs.yml:3:5: nav: Expected a list.\nmkdocs.yml:9:1: theme: Unknown theme.")
    assert problems_of(refused, []) == [
        Problem("mkdocs.yml", 3, 5, "", "nav: Expected a list."),
        Problem("mkdocs.yml", 9, 1, "", "theme: Unknown theme."),
    ]
    logged = ["A picture cannot be published; nothing was built:\npictures/a/b.svg:1:1: Not SVG."]
    assert problems_of(Abort("Aborted with a BuildError!"), logged) == [
        Problem("pictures/a/b.svg", 1, 1, "", "Not SVG."),
        Problem("", 0, 0, "", "A picture cannot be published; nothing was built:"),
    ]
    assert problems_of(KeyError("oops"), []) == [
        Problem("", 0, 0, "", "The build stopped unexpectedly (KeyError: 'oops'). The details are where serve is running.")
    ]
    assert problems_of(RuntimeError(), [" "]) == [
        Problem("", 0, 0, "", "The build stopped unexpectedly (RuntimeError: RuntimeError()). The details are where serve is running.")
    ]


def test_a_template_that_fails_as_it_renders_is_told_by_its_file_and_line(tmp_path: Path):
    import jinja2

    from plugins.content.problems import Problem
    from plugins.publishing.preview import problems_of
    from plugins.safety.sandbox import Sandbox

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/main.html").write_text("<p>\n{{ 1 // 0 }}</p>\n", encoding="utf-8")
    env = Sandbox(loader=jinja2.FileSystemLoader(tmp_path))
    with pytest.raises(ZeroDivisionError) as failed:
        env.get_template("templates/main.html").render()
    assert problems_of(failed.value, [], tmp_path) == [
        Problem(
            "", 0, 0, "", "A template could not be used: templates/main.html, line 2: ZeroDivisionError: integer division or modulo by zero"
        )
    ]


def test_the_page_of_problems_shows_hostile_lines_and_messages_only_as_text(tmp_path: Path):
    """Every hostile string, as a line of a file and as a message, reaches the page as text: the page's
    elements and attributes are its own, whatever the files say."""
    from html.parser import HTMLParser

    from plugins.content.problems import Problem
    from plugins.publishing.preview import problems_page

    from .hostile import ACCEPTED, BYPASS, BYPASS_ADDRESSES

    hostile = [
        text.replace("{server}", "http://127.0.0.1:9").replace("{secret}", "/etc/passwd") for text in ACCEPTED + BYPASS + BYPASS_ADDRESSES
    ]
    lines = [line for text in hostile for line in text.split("\n")]
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "content/hostile.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = [Problem("content/hostile.yml", n, 1, "", line) for n, line in enumerate(lines, start=1)]
    page = problems_page(problems, root)

    class Elements(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.tags: set[str] = set()
            self.attributes: set[str] = set()
            self.quoted: list[str] = []
            self.in_code = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.add(tag)
            self.attributes |= {name for name, _ in attrs}
            self.in_code = self.in_code or tag == "pre"
            if tag == "pre":
                self.quoted.append("")

        def handle_endtag(self, tag: str) -> None:
            self.in_code = self.in_code and tag != "pre"

        def handle_data(self, data: str) -> None:
            if self.in_code:
                self.quoted[-1] += data

    elements = Elements()
    elements.feed(page)
    elements.close()
    assert elements.tags == {"html", "head", "meta", "title", "style", "body", "main", "h1", "p", "ol", "li", "h2", "code", "pre", "mark"}
    assert elements.attributes == {"lang", "charset", "http-equiv", "content", "name", "class"}
    # Each line quoted as it is in the file (its place marked, an empty one as a space).
    assert elements.quoted == [line or " " for line in lines]


def test_serve_on_a_port_already_in_use_says_so_in_one_line(project: Path, run):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("--root", project, "serve", "--dev-addr", f"127.0.0.1:{port}", "--as-of", "2026-11-22")
    assert result.code == 1
    assert result.err.splitlines()[-1] == (
        f"The preview cannot be served on 127.0.0.1:{port}: Address already in use. "
        "Stop the other preview, or choose another port with --dev-addr."
    )


class _Server:
    """What a Preview asks of its server when a build fails: its address, and a flag to set."""

    url = "http://127.0.0.1:8000/"
    broken = False

    def __init__(self) -> None:
        import threading

        self.building = threading.Lock()


def _page_after_build(project: Path, tmp_path: Path) -> str:
    from plugins.publishing.preview import PROBLEMS_PAGE, Preview

    site_dir = tmp_path / "served"
    Preview(project, "127.0.0.1:8000", site_dir, _Server()).build()  # type: ignore[arg-type]
    return (site_dir / PROBLEMS_PAGE).read_text(encoding="utf-8")


def test_the_page_of_problems_never_quotes_a_file_an_error_merely_names(tmp_path: Path, project: Path):
    """A value in mkdocs.yml is repeated in MkDocs' error: a plugin named with a line break and a place
    (".git/config:1:1:") once made the page quote the first line of .git/config to anyone shown it."""
    (project / ".git").mkdir()
    (project / ".git/config").write_text("[remote] url = https://token-4f1e@example.org/repo\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("plugins:\n", 'plugins:\n  - "x\\n.git/config:1:1: leaked"\n', 1))
    page = _page_after_build(project, tmp_path)
    # The name stays inside its one message (its line break written out), so it names no place of its own,
    # and nothing of .git/config is quoted; mkdocs.yml's own line is.
    assert "<h2><code>.git/config" not in page
    assert "x\\n.git/config:1:1: leaked&#39; is not allowed. Plugins allowed: strategy/pages.</p>" in page
    assert "<pre><code>  - <mark>&#34;</mark>x\\n.git/config:1:1: leaked&#34;</code></pre>" in page
    assert "token-4f1e" not in page


def test_the_page_of_problems_still_quotes_the_content_line_of_each_problem(tmp_path: Path, project: Path):
    strategy = project / "content/leicester/send-2021-24/strategy.yml"
    lines = strategy.read_text(encoding="utf-8").split("\n")
    lines[0] = "title: [\u200b"
    strategy.write_text("\n".join(lines), encoding="utf-8")
    page = _page_after_build(project, tmp_path)
    assert (
        "<h2><code>content/leicester/send-2021-24/strategy.yml:1:9</code></h2>\n"
        "<p>This line holds the invisible character U+200B ZERO WIDTH SPACE. Delete it: it cannot be seen, but it changes the text.</p>\n"
        '<p class="label">Line 1 as it is now, with the place marked:</p>\n'
        "<pre><code>title: [<mark>\\u200b</mark></code></pre>"
    ) in page


def test_the_page_of_problems_quotes_only_the_content_the_site_settings_the_theme_and_the_docs(tmp_path: Path):
    from plugins.content.problems import Problem
    from plugins.publishing.preview import problems_page

    root = tmp_path / "project"
    for name in ("content/a.yml", "content/.hidden.yml", "mkdocs.yml", "templates/main.html", "docs/x.md", ".env", "site_build.py"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"first line of {name}\n", encoding="utf-8")
    names = ["content/a.yml", "content/.hidden.yml", "mkdocs.yml", "templates/main.html", "docs/x.md", ".env", "site_build.py"]
    page = problems_page([Problem(name, 1, 1, "", "Wrong.") for name in names], root)
    assert [name for name in names if f"irst line of {name}" in page] == ["content/a.yml", "mkdocs.yml", "templates/main.html", "docs/x.md"]
    page = problems_page([Problem("", 0, 0, "", "A \x1b[31mred\x1b[0m word\nand a second line")], root)
    assert "<p>A \\u001b[31mred\\u001b[0m word\nand a second line</p>" in page


def test_the_page_of_thousands_of_problems_shows_the_first_few_hundred_reading_each_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """20,000 problems in a file once took seconds and a 6.5 MB page, the file read and split for each;
    one for every line of a 1 MB file would have taken hours, with every request waiting on it."""
    from plugins.content.problems import Problem
    from plugins.publishing.preview import problems_page

    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "content/a.yml").write_text("".join(f"key{n}: value\n" for n in range(1, 20_001)), encoding="utf-8")
    opened: list[Path] = []
    real_open = Path.open

    def counted(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", counted)
    page = problems_page([Problem("content/a.yml", n, 1, "", "Wrong.") for n in range(1, 20_001)], root)
    assert len(opened) == 1
    assert page.count("<li>") == 200
    assert "<title>The preview is waiting for 20000 problems to be fixed</title>" in page
    assert "<h2><code>content/a.yml:200:1</code></h2>" in page and "content/a.yml:201:1" not in page
    assert (
        "</ol>\n<p>And 19,800 more problems, listed where serve is running. "
        "This page shows the first ones; fix them and it shows the next.</p>\n</main>"
    ) in page


def _protected(site: Path) -> list[str]:
    """The pages of a built site that do not begin with their Content-Security-Policy."""
    policy = '<meta http-equiv="Content-Security-Policy"'
    return [str(p.relative_to(site)) for p in sorted(site.rglob("*.html")) if policy not in p.read_text()[:2000]]


@pytest.mark.parametrize("preview", ["never ended", "ended"])
def test_a_build_after_a_preview_in_the_same_process_checks_and_protects_every_page(tmp_path: Path, preview: str):
    # MkDocs keeps the plugin from one build to the next in a process, of any project. A preview skips
    # the pages' policy (its pages carry the live-reload script); a build after it, by this command or by
    # MkDocs' own, must not: each page is checked, and given its Content-Security-Policy.
    from mkdocs.commands.build import build

    import site_build
    from plugins.publishing.config import read_config

    from .conftest import AS_OF, copy_project

    root = copy_project(tmp_path / "project", council="leicester")
    config = read_config(root)
    config.plugins.on_startup(command="serve", dirty=False)
    if preview == "ended":
        config.plugins.on_shutdown()
        again = read_config(root, site_dir=str(tmp_path / "by-mkdocs"))
        build(again)
        assert _protected(tmp_path / "by-mkdocs") == []
    assert site_build.main(["--root", str(root), "build", "--no-pdf", "--site-dir", str(root / "site"), "--as-of", AS_OF]) == 0
    assert _protected(root / "site") == []
