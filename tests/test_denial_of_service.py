"""Content built to make the checks slow: every pattern that reads officers' text must take linear time.

A pattern that backtracks (a run of '<' and spaces, a long word without an @, a long number without a
%) turns a 100 KB summary into minutes of CI; the loader takes files of up to 1 MB, so each case here
fills the fields that the patterns read (a summary, a vision, an Easy Read point and a glossary
meaning) to nearly that limit, and to a quarter of it.

Speed is the benchmark's job, so no test here asserts a number of seconds for its own sake. What
they assert is the shape: checking four times the text may take at most eight times as long
(linear work takes about four; quadratic takes sixteen), with a floor of a few seconds under which
a busy machine's noise, not the content, sets the ratio. Each case's commands run in a process of their
own with a time limit, so a pattern that has gone quadratic fails the test rather than hanging the suite.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, REPO

# The loader's limit is 1,000,000 bytes a file: the larger size keeps each file just under it.
SMALL, LARGE = 200_000, 800_000
# Linear work grows about 4 times from SMALL to LARGE, quadratic 16 times.
MOST_GROWTH = 8.0
# Below this many seconds for the larger text, the ratio is noise on a shared two-core machine.
NOISE_FLOOR = 3.0
# The larger text takes about 2 seconds to check; quadratic patterns took hours.
TIME_LIMIT = 60

# Each case: the unit repeated to fill the fields, the pattern it was built against.
CASES = {
    "lt-and-spaces": "< ",  # an HTML tag that never closes
    "lt-then-spaces": "<" + " " * LARGE,  # `<\s*/?\s*`: the two runs of spaces share out every split
    "square-brackets": "[",
    "link-openers": "](",
    "asterisks": "*",  # emphasis (rule 12) tried from every asterisk
    "underscores": "_",
    "stars-and-underscores": "*_",
    "backslashes": "\\",
    "digits": "1",  # a percentage (rule 10) tried from every digit of a long number
    "one-long-word": "a",  # an email address tried from every letter of a word with no @
    "dotted-word": "a.",
    "numbers-with-commas": "1,",
    "words-and-spaces": "is ",
    "acronyms": "SEND ",
}


def _scalar(text: str) -> str:
    # JSON's quoted strings are YAML's double-quoted scalars: every character survives, none is markup.
    return json.dumps(text)


def _fill(unit: str, size: int) -> str:
    """The unit repeated to take `size` bytes once quoted, ending in a full stop: a run of spaces at
    the end would be trimmed before any pattern saw it."""
    characters = int(size * len(unit) * 100 / (len(_scalar(unit * 100)) - 2))
    return (unit * (characters // len(unit) + 1))[: characters - 1] + "."


def write_hostile_site(root: Path, unit: str, size: int, glossary_terms: int = 0) -> None:
    """A copy of the minimal site whose summary, vision, Easy Read point and glossary meaning are `unit`,
    repeated to `size` characters in each file, with `glossary_terms` more acronyms in the glossary."""
    shutil.copytree(MINIMAL, root)
    shutil.copytree(REPO / "pictures", root / "pictures")
    plan = root / "content/example/plan"
    strategy = (plan / "strategy.yml").read_text(encoding="utf-8")
    strategy = strategy.replace("summary: An example strategy for tests.", f"summary: {_scalar(_fill(unit, size // 2))}")
    strategy += f"vision: {_scalar(_fill(unit, size // 2))}\n"
    (plan / "strategy.yml").write_text(strategy, encoding="utf-8")
    (plan / "easy-read.yml").write_text(
        "easy_read:\n"
        "  title: Our plan\n"
        "  date: 2026-03\n"
        "  sections:\n"
        "    - part: about\n"
        "      heading: About this booklet\n"
        "      points:\n"
        f"        - text: {_scalar(_fill(unit, size))}\n"
        "          picture: open-book\n"
        "          alt: An open book.\n"
        "    - part: have your say\n"
        "      heading: Have your say\n"
        "      points:\n"
        "        - text: Tell us what you think by 1 June 2026.\n"
        "          picture: speech-balloon\n"
        "          alt: A speech bubble.\n",
        encoding="utf-8",
    )
    terms = [
        "terms:\n",
        "  - term: SEND\n",
        "    stands_for: Special Educational Needs and Disabilities\n",
        f"    meaning: {_scalar(_fill(unit, size - 60 * glossary_terms))}\n",
    ]
    terms += [f"  - term: X{i:05d}Q\n    stands_for: Term {i}\n    meaning: Term {i}.\n" for i in range(glossary_terms)]
    (root / "content/glossary.yml").write_text("".join(terms), encoding="utf-8")


_TIMED = """
import json, sys, time
import site_build, easyread.checker, plugins.content.library, plugins.content.model
for argv in json.loads(sys.argv[1]):
    started = time.perf_counter()
    code = site_build.main(argv)
    print(f"took {time.perf_counter() - started:.3f} with code {code}", file=sys.stderr)
"""


def timed(*commands: list[str | Path]) -> tuple[list[float], subprocess.CompletedProcess[str]]:
    """Seconds each command takes, imports aside, run one after another in one process stopped after
    TIME_LIMIT seconds."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    argvs = json.dumps([[str(a) for a in argv] for argv in commands])
    try:
        run = subprocess.run([sys.executable, "-c", _TIMED, argvs], cwd=REPO, env=env, capture_output=True, text=True, timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`{' ; '.join(' '.join(map(str, argv[2:])) for argv in commands)}` did not finish in {TIME_LIMIT} s")
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.returncode == 0, run.stderr[-3000:]
    said = re.findall(r"^took ([\d.]+) with code (\d+)$", run.stderr, re.M)
    assert len(said) == len(commands) and all(code in ("0", "1") for _, code in said), run.stderr[-3000:]
    return [float(took) for took, _ in said], run


def _linear_times(command: str, roots: tuple[Path, Path]) -> tuple[float, float]:
    """The command's time on the smaller and the larger site, in one process: a copy of the smaller is
    checked first and not counted, so that neither time holds the work done once in a process (the first
    validation, the patterns compiled), which would flatter the ratio. A copy, so that each time counted
    is of a project whose caches are empty (.cache/parsed, .cache/scorecards): a file kept as parsed
    would flatter the smaller."""
    small, large = roots
    first = small.with_name(f"{small.name}-first")
    shutil.copytree(small, first, ignore=shutil.ignore_patterns(".cache"))
    times, _ = timed(["--root", first, command], ["--root", small, command], ["--root", large, command])
    return times[1], times[2]


def assert_linear(small: float, large: float, what: str) -> None:
    assert large < max(MOST_GROWTH * small, NOISE_FLOOR), (
        f"{what}: {small:.2f} s for {SMALL:,} characters a file, {large:.2f} s for {LARGE:,}: the work grows faster than the text"
    )


@pytest.mark.parametrize("command", ["check", "easyread"])
@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_checking_hostile_text_takes_time_in_proportion_to_its_length(case: str, command: str, tmp_path: Path):
    for size in (SMALL, LARGE):
        write_hostile_site(tmp_path / str(size), CASES[case], size)
    assert_linear(*_linear_times(command, (tmp_path / str(SMALL), tmp_path / str(LARGE))), f"{command} with {case!r}")


@pytest.mark.parametrize("command", ["check", "easyread"])
def test_a_glossary_of_thousands_of_acronyms_is_checked_in_proportion_to_its_length(command: str, tmp_path: Path):
    for size in (SMALL, LARGE):
        # A quarter of each file's text is meanings of a glossary of short acronyms; the rest uses them.
        write_hostile_site(tmp_path / str(size), "SEND X00001Q X00002Q ", size, glossary_terms=size // 4 // 60)
    times = _linear_times(command, (tmp_path / str(SMALL), tmp_path / str(LARGE)))
    assert_linear(*times, f"{command} with a glossary of {LARGE // 240:,} acronyms")


def test_the_hostile_site_is_the_size_it_claims(tmp_path: Path):
    """The cases are only worth something if each file is near the loader's limit and is loaded."""
    write_hostile_site(tmp_path / "site", "< ", LARGE)
    sizes = {p.name: p.stat().st_size for p in (tmp_path / "site/content").rglob("*.yml")}
    assert all(LARGE <= sizes[name] < 1_000_000 for name in ("strategy.yml", "easy-read.yml", "glossary.yml")), sizes


def test_a_file_of_a_million_invisible_characters_is_checked_at_once_and_told_in_a_few_lines(minimal: Path):
    """Each character was placed by counting the lines from the start of the file, and each was told on
    a line of its own: 990,000 of them took minutes, and as many lines of output."""
    (minimal / "content/example/plan/f.yml").write_bytes(b"a: " + b"\x01" * 990_000)
    _, run = timed(["--root", minimal, "check"])
    told = [line for line in (run.stdout + run.stderr).splitlines() if line.startswith("content/example/plan/f.yml:")]
    each = "This line holds the invisible character U+0001 CONTROL CHARACTER. Delete it: it cannot be seen, but it changes the text."
    assert told[1:] == [f"content/example/plan/f.yml:1:{column}: {each}" for column in range(4, 24)] + [
        "content/example/plan/f.yml:1:24: And 989,980 more such characters in this file, from here on. Delete each of them."
    ]
    assert told[0].startswith("content/example/plan/f.yml:1:1: a: 'a' is not a field here.")
    assert "took" in run.stderr and run.stderr.rstrip().endswith("with code 1")
    assert "Found 22 problems in 1 file." in run.stdout + run.stderr
