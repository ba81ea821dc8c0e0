"""The code's layers import only downward, and no module imports itself round a circle.

The layers, lowest first (the README's "Map of the code" says what each owns):

    plugins.cores       work shared out on every core, and when forking is safe
    plugins.safety      the defences: sanitising, the template sandbox, the page and config policies
    plugins.content     YAML to a checked library, pictures included
    plugins.importing   a council's document read into draft strategies, for `import`
    easyread            the Easy Read rules, their checker and the page's rows
    plugins.pages       the Markdown of every page, from the library
    plugins.publishing  build, serve, export, booklets, search, links, git, the build day
    plugins.adapter     the MkDocs plugin `strategy/pages`, which MkDocs calls and which calls the rest
    site_build          the command line

An import inside a function, or one made only for type checking, counts like any other: a circle
hidden in a function is still a circle for the next person to untangle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import LAYERS, REPO


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    paths = [REPO / "site_build.py", *sorted((REPO / "plugins").rglob("*.py")), *sorted((REPO / "easyread").rglob("*.py"))]
    # plugins/__init__.py only makes the folder a package; every module in it belongs to a layer.
    return {name: p for p in paths if (name := _module_name(p)) != "plugins"}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The project's modules that a module imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` imports the module; `from module import name` the module.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def _layer(module: str) -> int:
    for i, layer in reversed(list(enumerate(LAYERS))):
        if module == layer or module.startswith(layer + "."):
            return i
    raise AssertionError(f"{module} is in no layer: add its folder to LAYERS and to the README's map of the code")


MODULES = _modules()
GRAPH = {name: _imports(name, path, set(MODULES)) for name, path in MODULES.items()}


def test_every_module_is_in_a_layer():
    for name in MODULES:
        _layer(name)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_a_module_imports_only_its_own_layer_and_those_below(name: str):
    upward = sorted(t for t in GRAPH[name] if _layer(t) > _layer(name))
    assert not upward, f"{name} ({LAYERS[_layer(name)]}) imports from a higher layer: {upward}"


def test_no_module_imports_itself_round_a_circle():
    circles = []
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            circles.append(" -> ".join(path[path.index(name) :] + [name]))
            return
        if name in done:
            return
        for target in sorted(GRAPH[name]):
            visit(target, [*path, name])
        done.add(name)

    for name in sorted(GRAPH):
        visit(name, [])
    assert circles == []


def test_the_content_model_knows_nothing_of_mkdocs_or_easy_read():
    for name, path in MODULES.items():
        if _layer(name) != LAYERS.index("plugins.content"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name for n in ast.walk(tree) if isinstance(n, ast.Import) for alias in n.names}
        imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level}
        assert not {m for m in imported if m.split(".")[0] in {"mkdocs", "material", "easyread"}}, name


def test_the_import_reader_sees_what_it_should():
    # The checks above are only as good as this reading of imports: a relative import, a lazy import
    # inside a function and one made for type checking are all seen.
    assert "plugins.content.library" in GRAPH["plugins.content.loader"]  # `from .library import ...`
    assert "plugins.content.library" in GRAPH["plugins.content.checks"]  # under TYPE_CHECKING
    assert "plugins.publishing.publish" in GRAPH["site_build"]  # inside the command functions
    assert "plugins.content.messages" in GRAPH["plugins.content.model"]  # `from . import messages`
