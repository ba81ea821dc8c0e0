"""A council's templates are untrusted too: they cannot reach Python, publish script or make the build fetch.

Each case changes one template in a copy of the project and builds it. What a template may not
do stops the build with a message naming what is wrong, exit code 1, no traceback, the site
folder untouched, and no request reaching a server on 127.0.0.1. And the same commit built in two
different folders gives the same bytes, booklets included.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import site_build

from .conftest import AS_OF, copy_project, tree_digest
from .hostile import ENV_SECRET, SECRET_ENV


def _append(path: Path, text: str, *, before: str | None = None) -> None:
    content = path.read_text(encoding="utf-8")
    path.write_text(content.replace(before, text + before, 1) if before else content + text, encoding="utf-8")


# (name, template file, text added, where, what the build must say; {line} is the line the text was added on)
CASES = [
    (
        # A page that changed what it is given would change what the pages after it show: which pages those
        # are depends on the processes, and on which pages were made afresh rather than kept.
        "page-template-changing-what-other-pages-show",
        "templates/pages/priority.md.j2",
        "{% set _ = glossary.append(page.title) %}",
        None,
        "A page template could not be used: templates/pages/priority.md.j2, line {line}: "
        "SecurityError: access to attribute 'append' of 'list' object is unsafe",
    ),
    (
        "page-template-giving-a-filter-what-it-cannot-take",
        "templates/pages/priority.md.j2",
        "{{ glossary | tojson }}",
        None,
        "A page template could not be used: templates/pages/priority.md.j2, line {line}: "
        "TypeError: Object of type Term is not JSON serializable",
    ),
    (
        "page-template-adding-text-to-a-number",
        "templates/pages/priority.md.j2",
        '{{ "a" + 1 }}',
        None,
        "A page template could not be used: templates/pages/priority.md.j2, line {line}: "
        'TypeError: can only concatenate str (not "int") to str',
    ),
    (
        "theme-template-dividing-by-zero",
        "templates/main.html",
        "{{ 1 // 0 }}",
        "{% endblock %}",
        "A template could not be used: templates/main.html, line {line}: ZeroDivisionError: integer division or modulo by zero",
    ),
    (
        "booklet-template-dividing-by-zero",
        "templates/booklets/standard.html.j2",
        "{{ 1 // 0 }}",
        "</body>",
        "A template could not be used: templates/booklets/standard.html.j2, line {line}: "
        "ZeroDivisionError: integer division or modulo by zero",
    ),
    (
        "page-template-reaching-python",
        "templates/pages/priority.md.j2",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        None,
        "A page template could not be used: templates/pages/priority.md.j2, line {line}: "
        "SecurityError: access to attribute '__class__' of 'str' object is unsafe",
    ),
    (
        "theme-template-reading-the-environment",
        "templates/main.html",
        "{{ cycler.__init__.__globals__.os.environ }}",
        "{% endblock %}",
        "A template could not be used: templates/main.html, line {line}: "
        "SecurityError: access to attribute '__init__' of 'type' object is unsafe",
    ),
    (
        "theme-template-calling-the-build",
        "templates/main.html",
        '{{ config.plugins["strategy/pages"].booklets_printing.other() }}',
        "{% endblock %}",
        "A template could not be used: templates/main.html, line {line}: "
        "SecurityError: access to attribute 'booklets_printing' of 'StrategyPlugin' object is unsafe",
    ),
    (
        "theme-template-with-an-inline-script",
        "templates/main.html",
        "<script>alert(1)</script>",
        "{% endblock %}",
        "the page has an inline script the theme did not write.",
    ),
    (
        "theme-template-with-a-remote-script",
        "templates/main.html",
        '<script src="{server}/x.js"></script>',
        "{% endblock %}",
        "the page loads a script from {server}/x.js; scripts may only be the site's own files.",
    ),
    (
        "theme-template-with-an-event-handler",
        "templates/main.html",
        '<div onmouseover="alert(1)">x</div>',
        "{% endblock %}",
        "an element has an event handler (onmouseover=), which would run script in every reader's browser.",
    ),
    (
        "theme-template-asking-the-config-for-an-environment-without-a-sandbox",
        "templates/main.html",
        "{{ config.theme.get_env().from_string('{{ cycler.__init__.__globals__.os.environ }}').render() }}",
        "{% endblock %}",
        "is not safely callable",
    ),
    (
        "theme-template-moving-the-policy-into-a-comment",
        "templates/main.html",
        "<!--<head>-->",
        "{% extends",
        "so its Content-Security-Policy cannot come first.",
    ),
    (
        "theme-template-hiding-a-handler-between-style-tags-in-attributes",
        "templates/main.html",
        '<p title="<style>"></p><img src="x" onerror="alert(1)"><p title="</style>"></p>',
        "{% endblock %}",
        "an element has an event handler (onerror=), which would run script in every reader's browser.",
    ),
    (
        "theme-template-with-a-script-whose-type-is-not-data",
        "templates/main.html",
        '<script data-type="x">alert(1)</script>',
        "{% endblock %}",
        "the page has an inline script the theme did not write.",
    ),
    (
        "theme-template-sending-readers-elsewhere",
        "templates/main.html",
        '<meta http-equiv="refresh" content="30;url=https://evil.example/">',
        "{% endblock %}",
        "a <meta> could send the reader to another address (http-equiv=).",
    ),
    (
        "theme-template-with-a-script-address-written-in-references",
        "templates/main.html",
        '<a href="jav&#97;script&colon;alert(1)">Home</a>',
        "{% endblock %}",
        "an attribute holds a script address (javascript:), which would run script in every reader's browser.",
    ),
    (
        "theme-template-hiding-a-handler-in-what-looks-like-a-comment",
        "templates/main.html",
        "<!--><img src=x onerror=alert(1)>-->",
        "{% endblock %}",
        "an element has an event handler (onerror=), which would run script in every reader's browser.",
    ),
    (
        "theme-template-changing-what-other-pages-show",
        "templates/main.html",
        "{% set _ = config.extra.update({'changed': 'by one page'}) %}",
        "{% endblock %}",
        "A template could not be used: templates/main.html, line {line}: "
        "SecurityError: access to attribute 'update' of 'LegacyConfig' object is unsafe",
    ),
    (
        "theme-template-with-a-form",
        "templates/main.html",
        '<form action="https://evil.example/"><button>Go</button></form>',
        "{% endblock %}",
        "the page has an <form> element",
    ),
    (
        "theme-template-with-a-remote-svg-image",
        "templates/main.html",
        '<svg><image href="{server}/svg.png"/></svg>',
        "{% endblock %}",
        "the page would fetch {server}/svg.png from elsewhere",
    ),
    (
        "theme-template-with-an-event-handler-in-capitals",
        "templates/main.html",
        '<div ONMOUSEOVER="alert(1)">x</div>',
        "{% endblock %}",
        "an element has an event handler (onmouseover=), which would run script in every reader's browser.",
    ),
    (
        "theme-template-with-a-remote-picture",
        "templates/main.html",
        '<img src="{server}/tracker.png" alt="">',
        "{% endblock %}",
        "the page would fetch {server}/tracker.png from elsewhere; it may only use the site's own files.",
    ),
    (
        "booklet-template-attaching-the-environment",
        "templates/booklets/standard.html.j2",
        '<a rel="attachment" href="/proc/self/environ">environment</a>',
        "</body>",
        "asks for file:///proc/self/environ, which is not a file of the site being built.",
    ),
    (
        "booklet-template-with-a-remote-picture",
        "templates/booklets/easy-read.html.j2",
        '<img src="{server}/booklet.png" alt="">',
        "</body>",
        "asks for {server}/booklet.png, which is not a file of the site being built.",
    ),
    (
        "booklet-template-importing-a-local-file",
        "templates/booklets/standard.html.j2",
        "<style>@import url(file:///etc/passwd);</style>",
        "</body>",
        "asks for file:///etc/passwd, which is not a file of the site being built.",
    ),
    (
        "booklet-template-reaching-python",
        "templates/booklets/standard.html.j2",
        "{{ m.__class__.__init__.__globals__ }}",
        "</body>",
        "A template could not be used: templates/booklets/standard.html.j2, line {line}: "
        "SecurityError: access to attribute '__init__' of 'Undefined' object is unsafe",
    ),
]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    """The pages of the smallest project and of the real one, each built once for these tests (by minimal):
    each test copies them as the published site its hostile template must leave as it was."""
    built: dict[bool, Path] = {}
    for minimal in (True, False):
        root = copy_project(tmp_path_factory.mktemp("published") / "project", minimal=minimal)
        site = root.parent / "site"
        assert site_build.main(["--root", str(root), "build", "--site-dir", str(site), "--as-of", AS_OF, "--no-pdf"]) == 0
        built[minimal] = site
    return built


@pytest.mark.parametrize(("name", "template", "added", "before", "said"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_template_stops_the_build_with_a_message(
    name, template, added, before, said, tmp_path: Path, published: dict[bool, Path], run, counting_server, monkeypatch
):
    url, requests = counting_server
    # The smallest project uses every template but the Easy Read booklet's, which needs an Easy Read edition.
    minimal = template != "templates/booklets/easy-read.html.j2"
    root = copy_project(tmp_path / "project", minimal=minimal)
    site = tmp_path / "site"
    shutil.copytree(published[minimal], site, symlinks=True)
    before_digest = tree_digest(site)
    original = (root / template).read_text(encoding="utf-8")
    line = original[: original.index(before) if before else len(original)].count("\n") + 1
    _append(root / template, added.replace("{server}", url), before=before)
    monkeypatch.setenv(SECRET_ENV, ENV_SECRET)

    result = run("--root", root, "build", "--site-dir", site, "--as-of", AS_OF)

    assert result.code == 1
    assert said.replace("{server}", url).replace("{line}", str(line)) in result.err
    assert "Traceback" not in result.err
    assert ENV_SECRET not in result.err + result.out
    assert requests == []
    assert tree_digest(site) == before_digest


def _raised(env: Any, name: str, **context: Any) -> BaseException:
    with pytest.raises(Exception) as failed:  # noqa: PT011  (whatever the template raises)
        env.get_template(name).render(**context)
    return failed.value


def test_a_template_fault_is_told_at_the_councils_line_and_an_error_in_code_a_template_calls_is_not(tmp_path: Path):
    """template_fault names a template's own error by the council's file and line, with the theme's where
    it was raised if that is elsewhere; an error in a function a template calls is that code's, not the
    template's, and keeps its traceback (template_fault gives None)."""
    import jinja2

    from plugins.safety.sandbox import Sandbox, template_fault

    root, theme = tmp_path / "project", tmp_path / "theme"
    (root / "templates").mkdir(parents=True)
    theme.mkdir()
    (theme / "partial.html").write_text("{% for child in children %}{{ child }}{% endfor %}\n", encoding="utf-8")
    (root / "templates/divides.html").write_text("<p>\n{{ 1 // 0 }}</p>\n", encoding="utf-8")
    (root / "templates/includes.html").write_text("<p>\n\n{% set children = 5 %}{% include 'partial.html' %}</p>\n", encoding="utf-8")
    (root / "templates/calls.html").write_text("<p>{{ broken() }}</p>\n", encoding="utf-8")
    env = Sandbox(loader=jinja2.FileSystemLoader([root / "templates", theme]))

    def broken() -> str:
        raise KeyError("a mistake in the build's own code")

    divided = _raised(env, "divides.html")
    assert template_fault(divided, root) == "templates/divides.html, line 2: ZeroDivisionError: integer division or modulo by zero"
    included = _raised(env, "includes.html")
    assert template_fault(included, root) == (
        f"templates/includes.html, line 3: TypeError: 'int' object is not iterable (in {theme / 'partial.html'}, line 1)"
    )
    assert template_fault(_raised(env, "calls.html", broken=broken), root) is None
    assert template_fault(KeyError("not from a template at all"), root) is None


def test_a_page_template_refused_in_an_export_is_told_at_its_place(tmp_path: Path, run):
    root = copy_project(tmp_path / "project", minimal=True)
    template = root / "templates/pages/priority.md.j2"
    line = template.read_text(encoding="utf-8").count("\n") + 1
    _append(template, "{% set _ = m.priorities.append(1) %}")

    result = run("--root", root, "export", "--out", tmp_path / "export")

    assert result.code == 1
    assert (
        f"A page template could not be used: templates/pages/priority.md.j2, line {line}: "
        "SecurityError: access to attribute 'append' of 'list' object is unsafe"
    ) in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "export").exists()
