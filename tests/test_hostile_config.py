"""mkdocs.yml and the theme folder are untrusted too: a pull request cannot use them to run code, read
the build machine's files or environment, publish script or make the build fetch.

Each case changes mkdocs.yml or templates/ in a copy of the project and runs `check` (which reads the
configuration as a build does) and, where the configuration passes, `build`. What is refused is
refused before MkDocs reads the configuration, so nothing it names is ever imported or run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import AS_OF
from .hostile import ENV_SECRET, SECRET_ENV

# A Python file that leaves a mark if it is ever run or imported.
MARKING = 'import pathlib\npathlib.Path(__file__).with_name("RAN").write_text("ran")\n'


@pytest.fixture
def project(project: Path) -> Path:
    """The project copy, with a Python file in its templates that leaves a mark if run."""
    (project / "templates" / "evil.py").write_text(MARKING)
    return project


def _add_to_config(root: Path, text: str) -> int:
    """Append to mkdocs.yml; returns the line the addition starts on."""
    path = root / "mkdocs.yml"
    before = path.read_text(encoding="utf-8")
    path.write_text(before.rstrip("\n") + "\n" + text, encoding="utf-8")
    return before.rstrip("\n").count("\n") + 2


def _extend_list(root: Path, key: str, entry: str) -> int:
    """Add an entry at the top of one of mkdocs.yml's lists; returns its line."""
    path = root / "mkdocs.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index(f"{key}:") + 1
    lines.insert(at, entry)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


PLUGINS = "strategy/pages"
EXTENSIONS = "abbr, admonition, attr_list, def_list, footnotes, md_in_html, sane_lists, smarty, tables, toc"


def test_hooks_are_refused_and_never_run(project: Path, run):
    line = _add_to_config(project, "hooks:\n  - templates/evil.py\n")
    result = run("--root", project, "check")
    assert result.code == 1
    assert f"mkdocs.yml:{line}:1: hooks is not allowed: hooks run Python files at build time, with CI's secrets in reach." in result.err
    assert not (project / "templates" / "RAN").exists()


def test_a_markdown_extension_that_is_not_on_the_list_is_refused_and_never_imported(project: Path, run, monkeypatch):
    monkeypatch.syspath_prepend(str(project))  # as CI runs it, from the repository's root
    line = _extend_list(project, "markdown_extensions", "  - templates.evil")
    result = run("--root", project, "check")
    assert result.code == 1
    assert f"mkdocs.yml:{line}:5: the Markdown extension 'templates.evil' is not allowed. Extensions allowed: {EXTENSIONS}." in result.err
    assert not (project / "templates" / "RAN").exists()


def test_an_extension_that_pastes_in_files_is_refused(project: Path, run):
    line = _extend_list(project, "markdown_extensions", "  - pymdownx.snippets:\n      base_path: ['/']\n      check_paths: false")
    result = run("--root", project, "check")
    assert result.code == 1
    assert f"mkdocs.yml:{line}:5: the Markdown extension 'pymdownx.snippets' is not allowed." in result.err


def test_a_plugin_that_is_not_on_the_list_is_refused_before_it_fetches_anything(project: Path, run, counting_server):
    url, requests = counting_server
    line = _extend_list(project, "plugins", "  - privacy")
    _add_to_config(project, f"extra_javascript:\n  - {url}/x.js\n")
    result = run("--root", project, "build", "--site-dir", project.parent / "site", "--as-of", AS_OF)
    assert result.code == 1
    assert f"mkdocs.yml:{line}:5: the plugin 'privacy' is not allowed. Plugins allowed: {PLUGINS}." in result.err
    assert "extra_javascript may only list the site's own files" in result.err
    assert requests == []
    assert not (project.parent / "site").exists()


def test_a_value_from_the_environment_is_refused(project: Path, run, monkeypatch):
    monkeypatch.setenv(SECRET_ENV, ENV_SECRET)
    line = _add_to_config(project, f"copyright: !ENV [{SECRET_ENV}, 'x']\n")
    result = run("--root", project, "build", "--site-dir", project.parent / "site", "--as-of", AS_OF)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"mkdocs.yml:{line}:12: !ENV is not allowed: a value from the build's environment could publish CI's secrets. "
        "Write the value itself."
    )
    assert ENV_SECRET not in result.err + result.out


@pytest.mark.parametrize(
    ("added", "said"),
    [
        ("INHERIT: /etc/hostname\n", "1: INHERIT is not allowed: INHERIT reads another configuration file, which this check cannot see."),
        ("docs_dir: /tmp\n", "11: docs_dir must be a folder inside the project, such as docs, not '/tmp'."),
        ("docs_dir: ../..\n", "11: docs_dir must be a folder inside the project, such as docs, not '../..'."),
    ],
    ids=["inherit", "docs-dir-absolute", "docs-dir-outside"],
)
def test_options_that_read_outside_the_project_are_refused(project: Path, run, added: str, said: str):
    path = project / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("docs_dir: docs\n", "") + added, encoding="utf-8")
    line = path.read_text(encoding="utf-8").rstrip("\n").count("\n") + 1
    result = run("--root", project, "check")
    assert result.code == 1
    assert f"mkdocs.yml:{line}:{said}" in result.err
    assert "Traceback" not in result.err


def test_a_link_in_the_theme_folder_is_refused(project: Path, run, tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("planted")
    (project / "templates" / "evil.py").unlink()
    (project / "templates" / "partials" / "leak.html").symlink_to(secret)
    result = run("--root", project, "check")
    assert result.code == 1
    assert "templates/partials/leak.html: this is a symbolic link. Put the file itself here instead of a link to it." in result.err


def test_a_file_in_the_theme_folder_that_is_not_a_template_is_refused(project: Path, run):
    (project / "templates" / "evil.py").unlink()
    (project / "templates" / "evil.js").write_text("alert(1)")
    result = run("--root", project, "check")
    assert result.code == 1
    assert "templates/evil.js: a theme folder holds only templates (.html, .j2)" in result.err


def test_a_theme_script_that_only_looks_like_the_themes_own_stops_the_build(project: Path, run):
    (project / "templates" / "evil.py").unlink()
    main = project / "templates" / "main.html"
    # Shaped like the whitespace around the theme's settings block, which must not match any script.
    main.write_text(main.read_text().replace("{% endblock %}", '<script>\n        alert("x")\n      </script>\n{% endblock %}', 1))
    result = run("--root", project, "build", "--site-dir", project.parent / "site", "--as-of", AS_OF, "--no-pdf")
    assert result.code == 1
    assert "the page has an inline script the theme did not write." in result.err


def test_a_theme_script_from_outside_the_scripts_folder_stops_the_build(project: Path, run):
    (project / "templates" / "evil.py").unlink()
    (project / "docs" / "evil.js").write_text("alert(1)")
    main = project / "templates" / "main.html"
    main.write_text(main.read_text().replace("{% endblock %}", "<script src=\"{{ 'evil.js' | url }}\"></script>\n{% endblock %}", 1))
    result = run("--root", project, "build", "--site-dir", project.parent / "site", "--as-of", AS_OF, "--no-pdf")
    assert result.code == 1
    assert "which is not in assets/javascripts/. Scripts are the site's code" in result.err


@pytest.mark.parametrize(
    ("added", "said"),
    [
        ("<<:\n  hooks: [templates/evil.py]\n", "1: merge keys ('<<') are not allowed: write each option out in full."),
        ("<<:\n  docs_dir: ../outside\n", "1: merge keys ('<<') are not allowed: write each option out in full."),
        ("extra:\n  a: &a x\n  b: *a\n", "6: anchors and aliases (& and *) are not allowed: write each value out in full."),
    ],
    ids=["merge-key-hooks", "merge-key-docs-dir", "anchor-and-alias"],
)
def test_values_that_stand_in_for_others_are_refused(project: Path, run, added: str, said: str):
    line = _add_to_config(project, added)
    result = run("--root", project, "check")
    assert result.code == 1
    assert f"mkdocs.yml:{line}:{said}" in result.err or f"mkdocs.yml:{line + 1}:{said}" in result.err, result.err
    assert not (project / "templates" / "RAN").exists()


def test_extra_static_templates_are_refused(project: Path, run):
    path = project / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  static_templates: [evil.html]\n"))
    result = run("--root", project, "check")
    assert result.code == 1
    assert "static_templates is not allowed: the site's own pages are all it publishes." in result.err


def test_names_in_mkdocs_yml_and_the_theme_folder_cannot_start_a_line_of_the_log(project: Path, run):
    # A line starting '::' is a command to GitHub Actions (::stop-commands:: would hide every later
    # annotation); ESC and BEL drive the reader's terminal. Each stays inside its one line of message.
    payload = "x\\n::stop-commands::t\\n::error file=SECURITY.md,line=1::fake\\n\\e]0;TITLE\\a"
    line = _extend_list(project, "plugins", f'  - "{payload}"')
    result = run("--root", project, "--format", "github", "check")
    assert result.code == 1
    lines = result.err.splitlines()
    assert not [text for text in lines if text.startswith("::")]
    assert "\x1b" not in result.err and "\x07" not in result.err
    said = (
        f"mkdocs.yml:{line}:5: the plugin 'x\\n::stop-commands::t\\n::error file=SECURITY.md,line=1::fake\\n\\u001b]0;TITLE\\u0007' "
        f"is not allowed. Plugins allowed: {PLUGINS}."
    )
    assert said in lines


def test_a_file_name_in_the_theme_folder_cannot_start_a_line_of_the_log(project: Path, run):
    (project / "templates" / "y\n::add-mask::z\x1b[2K.css").write_text("p {}", encoding="utf-8")
    result = run("--root", project, "--format", "github", "check")
    assert result.code == 1
    assert not [text for text in result.err.splitlines() if text.startswith("::")]
    assert "\x1b" not in result.err
    assert (
        "templates/y\\n::add-mask::z\\u001b[2K.css: a theme folder holds only templates (.html, .j2), since anything else "
        "in it is published as it is. Put stylesheets and scripts under docs/assets/."
    ) in result.err.splitlines()
