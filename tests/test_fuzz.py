"""A bounded coverage-guided fuzz run (atheris) of the paths that read officers' content.

The fuzzer starts from the project's real content and the broken corpus, mutates them, and keeps any
input that reaches new code. A bad input must end in a ContentError (a message for the officer);
any other exception, or an input that takes more than a few seconds, is a bug in the loader.

The run goes in a separate process, because libFuzzer ends the process it runs in. To fuzz another
path, add a function taking bytes to TARGETS and a test line below; the corpus and the reporting are
shared. A longer run, by hand:

    PYTHONPATH=. python tests/test_fuzz.py loader /tmp/corpus -max_total_time=600   (or: markdown)
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
# The modules whose branches guide the fuzzer: the project's own, and the YAML parser they drive.
INSTRUMENTED = ["plugins", "easyread", "yaml", "markdown"]
SEEDS = [*sorted((REPO / "content").rglob("*.yml")), *sorted((REPO / "tests" / "broken").glob("*.yml"))]
# Each run is bounded both ways: by time for the suite, by count so a fast machine stops early too.
SECONDS, RUNS, SECONDS_PER_INPUT = 15, 200_000, 10


def loader(data: bytes) -> None:
    """A file as the content loader reads it: parsed, then checked against the strategy model."""
    from plugins.content.library import Source
    from plugins.content.loader import validate
    from plugins.content.model import Strategy
    from plugins.content.problems import ContentError
    from plugins.content.yamlsource import parse_text

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # the loader reports bytes that are not UTF-8 before parsing, with their place
    try:
        doc = parse_text(text, "content/example/plan/strategy.yml")
    except ContentError:
        return
    _, problems = validate(doc.data, Strategy, Source(doc))
    for problem in problems:
        str(problem)


def markdown_path(data: bytes) -> None:
    """Text as a Markdown field is rendered with the site's Markdown and cleaned: anything at all, through
    the sanitiser alone, must render to nothing that runs or fetches; and the model must answer it with a
    message or accept it, never raise anything else."""
    from pydantic import ValidationError

    from tests.hostile import runs_or_fetches

    converter, field, clean_html = _markdown_tools()
    text = data.decode("utf-8", errors="replace")
    found = runs_or_fetches(clean_html(converter.reset().convert(text)))
    if found:
        raise AssertionError(f"the sanitiser let through {found} from {text!r}")
    try:
        field.validate_python(text)
    except ValidationError:
        pass


@functools.cache
def _markdown_tools() -> tuple[Any, Any, Callable[[str], str]]:
    import markdown
    from mkdocs.config import load_config
    from pydantic import TypeAdapter

    from plugins.content.model import Markdown
    from plugins.safety.sanitise import clean_html

    config = load_config(config_file=str(REPO / "mkdocs.yml"))
    converter = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    return converter, TypeAdapter(Markdown), clean_html


TARGETS: dict[str, Callable[[bytes], None]] = {"loader": loader, "markdown": markdown_path}


def fuzz(target: str, corpus: Path, artifacts: Path, *libfuzzer_options: str) -> subprocess.CompletedProcess[str]:
    """Run one target under atheris in its own process, writing any crashing input into artifacts."""
    options = [f"-artifact_prefix={artifacts}/", f"-timeout={SECONDS_PER_INPUT}", "-rss_limit_mb=2048", *libfuzzer_options]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, __file__, target, str(corpus), *options],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=SECONDS * 4 + 120,
    )


@pytest.mark.fuzz
@pytest.mark.parametrize("target", sorted(TARGETS))
def test_fuzzing_finds_no_crash_or_hang(target: str, tmp_path: Path):
    corpus, artifacts = tmp_path / "corpus", tmp_path / "artifacts"
    corpus.mkdir()
    artifacts.mkdir()
    for i, seed in enumerate(SEEDS):
        shutil.copy(seed, corpus / f"{i:03d}-{seed.name}")
    # The hostile corpus too, so the fuzzer starts from what attackers try.
    from tests.hostile import ACCEPTED, BYPASS, BYPASS_ADDRESSES

    for i, payload in enumerate([*ACCEPTED, *BYPASS, *BYPASS_ADDRESSES]):
        (corpus / f"payload-{i:03d}").write_text(payload, encoding="utf-8")

    run = fuzz(target, corpus, artifacts, f"-max_total_time={SECONDS}", f"-runs={RUNS}")

    found = sorted(artifacts.iterdir())
    inputs = "\n".join(f"{f.name}: {f.read_bytes()[:2000]!r}" for f in found)
    output = run.stdout[-3000:] + run.stderr[-6000:]
    assert run.returncode == 0 and not found, f"the fuzzer found a bug (exit {run.returncode}):\n{inputs}\n{output}"
    assert "Done" in run.stderr, run.stderr[-3000:]  # libFuzzer ran to its bound, not stopped before starting


def test_the_fuzz_run_reports_an_input_that_raises_something_other_than_content_error(tmp_path: Path):
    """The harness itself: a target that breaks must fail the run, keep the input and show the error."""
    corpus, artifacts = tmp_path / "corpus", tmp_path / "artifacts"
    corpus.mkdir()
    artifacts.mkdir()
    (corpus / "seed").write_bytes(b"title: broken\n")

    run = fuzz("always-breaks", corpus, artifacts, "-runs=10")

    assert run.returncode != 0
    assert len(list(artifacts.glob("crash-*"))) == 1
    assert "ValueError: the harness must report this" in run.stdout + run.stderr


def _always_breaks(data: bytes) -> None:
    raise ValueError("the harness must report this")


def main(argv: list[str]) -> None:
    import atheris

    # Dependencies that guide nothing are imported before instrumenting, which would slow them down.
    import pydantic  # noqa: F401

    with atheris.instrument_imports(include=INSTRUMENTED):
        import markdown  # noqa: F401

        import plugins.content.loader  # noqa: F401
        import plugins.content.model  # noqa: F401
        import plugins.content.yamlsource  # noqa: F401
        import plugins.safety.sanitise  # noqa: F401

    target = {**TARGETS, "always-breaks": _always_breaks}[argv[1]]
    atheris.Setup([argv[0], *argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
