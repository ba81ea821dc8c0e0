"""A problem found in the content, located at a file, line and column."""

from __future__ import annotations

from dataclasses import dataclass

from .messages import escaped


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake an officer has to fix, in the words they will read.

    Ordered by file, line and column so that every report lists problems in the
    order an officer meets them while scrolling down their files.
    """

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        # A file name, key or value can hold a line break; escaped, it cannot start a line of its own
        # in a log, where GitHub Actions reads a line starting with '::' as a command.
        return escaped(text)


class ContentError(Exception):
    """Raised when content cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def format_path(path: tuple[str | int, ...]) -> str:
    """Write a path as officers see it in messages: ``priorities[2].actions.year_two[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem, *, level: str = "error", title: str = "Content problem") -> str:
    """A GitHub Actions workflow command that shows the problem on its line of the pull request's diff."""
    # The file's name is a content file's, which can hold escape sequences: written out, like the message.
    where = f"file={_escape_property(escaped(problem.file))},line={problem.line},col={problem.column},title={_escape_property(title)}"
    message = f"{problem.path}: {problem.message}" if problem.path else problem.message
    return f"::{level} {where}::{_escape_data(message)}"
