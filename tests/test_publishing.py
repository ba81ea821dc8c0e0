"""Publishing that cannot lose the live site, cannot be turned against readers, and says the same thing twice."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import site_build

from .conftest import AS_OF, REPO, copy_project, page, tree_digest


def test_without_a_day_given_the_site_is_built_for_its_last_commit(tmp_path: Path):
    # Leicestershire's strategies: among them the plan whose consultation had not opened on 1 March 2025.
    root = copy_project(tmp_path / "project", council="leicestershire")
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2025-03-01T12:00:00",
        "GIT_COMMITTER_DATE": "2025-03-01T12:00:00",
        "GIT_AUTHOR_NAME": "Officer",
        "GIT_AUTHOR_EMAIL": "officer@example.gov.uk",
        "GIT_COMMITTER_NAME": "Officer",
        "GIT_COMMITTER_EMAIL": "officer@example.gov.uk",
    }
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Content"]):
        subprocess.run(["git", *command], cwd=root, check=True, env=env)
    clean = {k: v for k, v in os.environ.items() if k not in ("STRATEGY_SITE_AS_OF", "SOURCE_DATE_EPOCH")}
    done = subprocess.run(
        [sys.executable, str(REPO / "site_build.py"), "--root", str(root), "build", "--no-pdf"],
        capture_output=True,
        text=True,
        env=clean,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    from .html_outline import article_text

    home = article_text(root / "site" / "index.html")
    assert "Status: Consultation opens 20 April 2026" in home  # as it stood on 1 March 2025


def test_an_interrupted_build_leaves_the_site_as_it_was(tmp_path: Path):
    out = tmp_path / "out"
    assert site_build.main(["build", "--site-dir", str(out), "--as-of", AS_OF]) == 0
    before = tree_digest(out)
    build = subprocess.Popen(
        [sys.executable, str(REPO / "site_build.py"), "build", "--site-dir", str(out), "--as-of", AS_OF],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out-building-*")):
        assert time.monotonic() < deadline and build.poll() is None, "the build never started writing"
        time.sleep(0.005)
    time.sleep(0.3)
    build.send_signal(signal.SIGTERM)
    _, err = build.communicate(timeout=60)
    assert build.returncode == 1
    assert "The build was interrupted." in err
    assert err.strip().endswith(f"Nothing was published: {out}/ is as it was.")
    assert "Traceback" not in err
    assert tree_digest(out) == before
    assert not list(tmp_path.glob(".out-*"))


def test_a_normal_build_never_goes_online(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"the build tried to connect to {args[0]!r}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert site_build.main(["build", "--site-dir", str(tmp_path / "out"), "--as-of", AS_OF]) == 0


class _Links(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        self.send_response(200 if self.path == "/works" else 404)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_links_reports_each_broken_address_at_its_line(minimal: Path, run):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Links)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        plan = minimal / "content/example/plan/strategy.yml"
        text = plan.read_text()
        plan.write_text(text + f"background_papers:\n  - title: Works\n    link: {base}/works\n  - title: Gone\n    link: {base}/gone\n")
        line = len(text.splitlines()) + 5
        result = run("--root", minimal, "links", "--timeout", "5")
        assert result.code == 1
        assert result.problems == [
            f"content/example/plan/strategy.yml:{line}:11: background_papers[1].link: the link to {base}/gone does not work: "
            "the server answered 404 Not Found."
        ]
        plan.write_text(text + f"background_papers:\n  - title: Works\n    link: {base}/works\n")
        result = run("--root", minimal, "links")
        assert result.code == 0
        assert result.out == "Checked 1 web addresses used 1 times: all of them work.\n"
    finally:
        server.shutdown()


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "Fine <b onclick=alert(1)>bold</b>",
    "<!-- hidden -->",
    "&#60;script&#62;",
    "<svg/onload=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "<javascript:alert(1)>",
    "[x](vbscript:msgbox)",
]
FIELDS = [
    ("title: Example Strategy 2026-2029", "title: {}"),
    ("summary: An example strategy for tests.", "summary: {}"),
    ("    title: Every child belongs", "    title: {}"),
    ("    ambition: Our ambition is that every child belongs.", "    ambition: {}"),
    ("        - text: We will review attendance support", "        - text: {}"),
    ("  how_to_respond: Fill in the online survey.", "  how_to_respond: {}"),
    ("        name: Attendance", "        name: {}"),
    ("      name: Partnership Board", "      name: {}"),
]


def test_hostile_text_in_any_field_is_refused_with_a_message(minimal: Path, run):
    plan = minimal / "content/example/plan/strategy.yml"
    original = plan.read_text()
    tried = refused = 0
    for line, template in FIELDS:
        for payload in HOSTILE:
            plan.write_text(original.replace(line, template.format(json.dumps(payload)), 1))
            result = run("--root", minimal, "check")
            tried += 1
            assert "Traceback" not in result.err
            if result.code == 1 and len(result.problems) == 1:
                refused += 1
            else:
                pytest.fail(f"{payload!r} in '{line.strip()}' was not refused: {result.out}{result.err}")
    print(f"\nHostile texts tried: {tried}; refused with a message: {refused}; reached a page: {tried - refused}.")
    assert refused == tried == len(FIELDS) * len(HOSTILE)


def test_text_that_is_allowed_is_escaped_in_pages_titles_and_the_search_index(tmp_path: Path, minimal: Path, run):
    for name in ("mkdocs.yml", "docs", "templates"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, minimal / name)
    plan = minimal / "content/example/plan/strategy.yml"
    typed = "Pupils < 5 & > 3 say \"hi\" 'there' *not bold* _nor_ [a link](x)"
    # The priority's page shows its title; its browser tab, its short name.
    typed_twice = f"title: {json.dumps(typed)}\n    short_name: {json.dumps(typed)}"
    plan.write_text(plan.read_text().replace("title: Every child belongs", typed_twice))
    assert run("--root", minimal, "build", "--site-dir", tmp_path / "out", "--as-of", AS_OF).code == 0
    html = page(tmp_path / "out", "example/plan/priorities/belonging").read_text(encoding="utf-8")
    title = html[html.index("<title>") : html.index("</title>")]
    assert "Pupils &lt; 5 &amp; &gt; 3" in title and "<" not in title[len("<title>") :]
    assert "<em>" not in html and "<strong>not bold" not in html and 'href="x"' not in html
    from .html_outline import search_fragments

    fragments = search_fragments(tmp_path / "out")
    entry = next(f for f in fragments if f["url"] == "/example/plan/priorities/belonging/")
    assert typed.replace("*", "").replace("_", "") in entry["meta"]["title"].replace("*", "").replace("_", "")
    assert "<script" not in json.dumps(fragments)


def test_a_page_template_with_a_mistake_stops_the_build_with_its_file_and_line(tmp_path: Path, run):
    root = copy_project(tmp_path / "project", council="leicester")  # strategies whose officers are named
    site = tmp_path / "site"
    assert run("--root", root, "build", "--no-pdf", "--site-dir", site, "--as-of", AS_OF).code == 0
    before = tree_digest(site)
    template = root / "templates/pages/contacts.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8")
    line = len(template.read_text().splitlines())
    result = run("--root", root, "build", "--no-pdf", "--site-dir", site, "--as-of", AS_OF)
    assert result.code == 1
    assert f"A page template could not be used: {root / 'templates/pages/contacts.md.j2'}, line {line}: " in result.err
    assert "Traceback" not in result.err
    assert result.err.rstrip().endswith("is as it was.")
    assert tree_digest(site) == before


def test_a_search_index_that_cannot_be_made_stops_the_build_and_leaves_the_site(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch):
    # A Pagefind that fails as it would on a full disk, found first on the path.
    fake = tmp_path / "fake" / "pagefind"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("", encoding="utf-8")
    (fake / "__main__.py").write_text("import sys\nprint('Error: No space left on device')\nsys.exit(1)\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "fake"))
    root = copy_project(tmp_path / "project", minimal=True)
    out = tmp_path / "out"
    done = run("--root", root, "build", "--site-dir", out, "--as-of", AS_OF, "--no-pdf")
    assert done.code == 1
    assert "The search index could not be made: Error: No space left on device" in done.err
    assert "Traceback" not in done.err
    assert not out.exists()
