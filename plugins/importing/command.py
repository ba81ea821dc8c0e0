"""`site_build.py import SOURCE --organisation ORG`: a council's document made into draft strategies.

The document is read into blocks (formats.py), its report and its plans recognised (reports.py,
plans.py), and each strategy it sets out written as a folder of YAML (draft.py): strategy.yml,
priorities.yml for the priorities and their actions, and report.yml for the committee report. Every
folder is checked before anything is written, so none is ever written over, and each is written in
a hidden folder first, then moved into a folder made new for it, so that a failure leaves nothing
half-written and nothing that appeared meanwhile is written over.
The draft is then checked as any content is, and the summary says what was found, what needs a
person (every !example left, with its line and why), and the command to run next.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plugins.content.scaffold import Refused, strategy_folder
from plugins.importing.document import Document, Draft, Found, Missing, Node
from plugins.importing.draft import Placeholder, write_yaml
from plugins.importing.plans import where as place_of
from plugins.importing.text import shown_name

# The order a strategy's fields are written in: the content model's own, which officers know from `new`.
FIELD_ORDER = (
    "title short_title document_type summary period status stages versions scope ages purpose vision principles values "
    "sections priorities measures governance consultation timeline tables glossary related_strategies related_documents "
    "background_papers contacts reports"
).split()
# Which file of the folder holds which fields, as the hand-made strategies are laid out.
FILES = {"priorities": "priorities.yml", "reports": "report.yml"}
# How long a folder name's words may run before the strategy's years: a web address an officer can read.
SLUG_WORDS = 50
# A strategy's years in its title: "2024-27", "2026-2029", "2021 to 2024".
TITLE_YEARS = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|–|—|to)\s*((?:19|20)?\d\d)\b")


@dataclass(frozen=True)
class Written:
    """One strategy folder the import wrote: its files, its placeholders and what the check said of it."""

    folder: str  # such as content/leicester/send-division-strategy-2021-24
    files: list[str]
    found: list[str]  # what was found, in a phrase each: "4 priorities with 92 actions"
    placeholders: list[tuple[str, Placeholder]]  # (file, placeholder)
    problems: list[str]  # anything else check says of the draft, as check says it


@dataclass
class Imported:
    document: Document
    written: list[Written] = field(default_factory=list)
    needs_a_person: list[str] = field(default_factory=list)


def import_document(root: Path, content_dir: str, source: Path, organisation: str, slug: str | None = None) -> Imported:
    """Read source and write each strategy it sets out under content_dir/organisation/, or Refused (nothing written)."""
    document, findings, plans, tables = recognised(source)
    strategies = _strategies(document, findings, plans)
    for tree in strategies:
        if tables and "tables" not in tree:
            tree["tables"] = list(tables)
    known, undefined = _glossary(root, content_dir, document)
    for tree in strategies:
        terms = _terms_used(tree, known)
        if terms:
            tree["glossary"] = terms
    if not strategies:
        raise Refused(
            f"{shown_name(source.name)} sets out no strategy that import can recognise: no priorities, and no report about a "
            "strategy. Nothing was written. Start one with: python site_build.py new " + organisation
        )
    if slug is not None and len(strategies) > 1:
        raise Refused(
            f"{shown_name(source.name)} sets out {len(strategies)} strategies, so one --slug cannot name them all. "
            "Leave out --slug: each folder is named from its strategy's title. Nothing was written."
        )
    # Every folder is settled before any is written: one that exists refuses the whole import.
    folders: list[Path] = []
    for tree in strategies:
        title = _text(tree.get("title")) or "imported strategy"
        folder = strategy_folder(root, content_dir, organisation, title, slug or _slug(title, tree.get("period")))
        if folder in folders:
            raise Refused(f"{shown_name(source.name)} sets out two strategies named '{title}'. Nothing was written.")
        folders.append(folder)
    header = _header(document)
    outcome = Imported(document, needs_a_person=[*findings.needs_a_person, *undefined])
    if all(isinstance(tree.get("title"), Missing) for tree in strategies):
        outcome.needs_a_person.append(
            f"{shown_name(source.name)} does not name a strategy. If it is not one (a position statement or an update on "
            f"progress, say), delete what was written: progress reports go in {content_dir}/{organisation}/progress/."
        )
    made: list[tuple[Path, Draft, list[str], list[tuple[str, Placeholder]]]] = []
    for folder, tree in zip(folders, strategies, strict=True):
        files, placeholders = _write(root, folder, tree, header)
        made.append((folder, tree, files, placeholders))
    problems = _checked(root, content_dir, [folder for folder, *_ in made])
    for folder, tree, files, placeholders in made:
        name = folder.relative_to(root).as_posix()
        outcome.written.append(Written(name, files, _found(tree), placeholders, problems.get(name, [])))
    return outcome


# What reading one document may take: far more than any council's document needs, and far less than
# the machine has, so that a document made to hang or fill the memory is refused with a sentence.
READ_SECONDS = 180
READ_MEMORY = 2 * 1024**3


def recognised(source: Path, *, seconds: float = READ_SECONDS, memory: int = READ_MEMORY) -> tuple[Document, Any, list[Draft], list[Draft]]:
    """The document read, and its report, plans and tables of figures recognised, in a process of its own,
    within a time and a memory limit, or Refused.

    The readers and recognisers are well-kept libraries and bounded patterns, but a document is
    untrusted: a PDF whose few bytes unpack to millions of characters, say. A new Python process, which
    shares nothing with this one, sets its limits before it reads, and is stopped at them; what it found
    comes back pickled from it, and nothing is written until it has.
    """
    import pickle
    import subprocess
    import sys

    name = shown_name(source.name)
    project = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (project, os.environ.get("PYTHONPATH", "")) if p)}
    child = [sys.executable, "-c", _CHILD, str(source), str(memory), str(int(seconds))]
    try:
        # The child's own processor-time limit comes first; this wait is the backstop.
        done = subprocess.run(child, capture_output=True, timeout=seconds + 30, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise Refused(_too_long(name, seconds)) from None
    if done.returncode != 0 or not done.stdout:
        # Stopped by the processor-time limit (SIGXCPU), or by the memory limit where Python could not say so.
        raise Refused(_too_long(name, seconds) if done.returncode == -signal.SIGXCPU else _too_heavy(name))
    kind, value = pickle.loads(done.stdout)  # noqa: S301  (written by the child above, from this code)
    if kind == "read":
        return value  # type: ignore[no-any-return]
    if kind == "unreadable":
        raise Refused(value)
    if kind == "memory":
        raise Refused(_too_heavy(name))
    raise Refused(
        f"{name} could not be read: import stopped on a fault of its own ({value}). Nothing was written. "
        "Report it to the site's maintainers, with the document if you can."
    )


# What the reading process runs: its limits first, then the reading, its result pickled to its output.
_CHILD = "import sys; from plugins.importing.command import read_in_child; read_in_child(*sys.argv[1:])"


def read_in_child(source: str, memory: str, seconds: str) -> None:
    """In the reading process: the limits set, then the document read and recognised, and written out."""
    import pickle
    import sys

    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (int(memory), int(memory)))
        resource.setrlimit(resource.RLIMIT_CPU, (int(seconds), int(seconds) + 5))
    except (ImportError, ValueError, OSError):
        pass  # Windows has no such limits: the parent's wait still stops a document that hangs
    from plugins.importing.formats import Unreadable, read_source
    from plugins.importing.plans import recognise_plans
    from plugins.importing.reports import recognise_report
    from plugins.importing.tables import recognise_tables

    result: tuple[str, Any]
    try:
        document = read_source(Path(source))
        result = ("read", (document, recognise_report(document), recognise_plans(document), recognise_tables(document)))
    except Unreadable as error:
        result = ("unreadable", str(error))
    except MemoryError:
        result = ("memory", None)
    except Exception as error:  # noqa: BLE001  (a fault in import is said in a sentence, never a traceback)
        result = ("fault", type(error).__name__)
    try:
        data = pickle.dumps(result)
    except MemoryError:
        data = pickle.dumps(("memory", None))
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def _too_long(name: str, seconds: float) -> str:
    return (
        f"{name} took more than {seconds:.0f} seconds to read, far longer than a council's document needs: "
        "it may be damaged or made to overload the computer. Nothing was written. Save it again, or as another kind of "
        "file, and import that."
    )


def _too_heavy(name: str) -> str:
    return (
        f"{name} needed more memory to read than a council's document needs: it may be damaged or made to overload "
        "the computer. Nothing was written. Save it again, or as another kind of file, and import that."
    )


def _strategies(document: Document, findings: Any, plans: list[Draft]) -> list[Draft]:
    """Each strategy the document sets out, its plan joined with what the report says of it."""
    strategy_fields: Draft = dict(findings.strategy or {})
    titles: list[Found[str]] = list(findings.strategies or [])
    drafts = [dict(plan) for plan in plans]
    if not drafts and (findings.report is not None or strategy_fields):
        drafts = [{}]
    from plugins.importing.reports import Capitals

    capitals = Capitals(document.blocks)
    result = []
    for n, plan in enumerate(drafts):
        tree: Draft = {}
        for key, value in strategy_fields.items():
            tree[key] = value
        for key, value in plan.items():  # the plan's own words come before the report's about it
            tree[key] = value
        if n < len(titles) and ("title" not in tree or _is_report_title(tree["title"], findings.report)):
            # A report's own title ("Draft Inclusion Strategy 2024-2027: Approval to Consult") names the
            # report; the appendix it presents names the strategy.
            tree["title"] = titles[n]
        if "title" not in tree and findings.report is not None and "title" in findings.report:
            tree["title"] = findings.report["title"]
        if findings.report is not None:
            tree["reports"] = [findings.report]
        title = tree.get("title")
        if isinstance(title, Found) and isinstance(title.value, str):
            # A title set in capitals is written as the report writes its headings (see reports.Capitals).
            tree["title"] = Found(capitals(title.value), title.where)
        result.append(_required(tree, document))
    return result


def _is_report_title(title: Node, report: Draft | None) -> bool:
    said = report.get("title") if report else None
    return isinstance(title, Found) and isinstance(said, Found) and str(title.value).lower() == str(said.value).lower()


# What kind of document a title names, by its last words: "... Programme Plan" is a programme plan.
DOCUMENT_TYPES = re.compile(
    r"\b(programme plan|action plan|delivery plan|improvement plan|strategy|plan|framework|policy|charter|roadmap|statement)\b",
    re.IGNORECASE,
)


def _required(tree: Draft, document: Document) -> Draft:
    """The fields every strategy must have, as Missing where the document does not give them."""
    title = tree.get("title")
    kinds = DOCUMENT_TYPES.findall(_text(title) or "")
    if kinds and kinds[-1].lower() != "strategy" and "document_type" not in tree and isinstance(title, Found):
        # The model's own default is Strategy; another kind is written as the title names it.
        tree["document_type"] = Found(kinds[-1][:1].upper() + kinds[-1][1:].lower(), title.where)
    if title is None:
        tree["title"] = Missing("Replace this with the strategy's full title", "The document does not name the strategy.")
    tree.setdefault(
        "short_title",
        Missing(_text(title) or "A short title", "A short title for menus and links is the council's to choose."),
    )
    tree.setdefault(
        "summary",
        Missing(
            "Replace this with one sentence saying what the strategy is for.", "One sentence for the home page is the council's to write."
        ),
    )
    period = tree.get("period")
    if not isinstance(period, dict):
        period = {}
    years = TITLE_YEARS.search(_text(title) or "")
    if years and "end_year" not in period:
        start, end = int(years.group(1)), years.group(2)
        end_year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
        where = title.where if isinstance(title, Found) else ""
        period = {"start_year": Found(start, where), "end_year": Found(end_year, where), **period}
    period.setdefault("end_year", Missing(dt.date.today().year + 3, "The document does not say when the strategy ends."))
    tree["period"] = period
    if "stages" not in tree:
        today = dt.date.today().isoformat()
        tree["status"] = Missing("draft", "The document does not say where the strategy has got to.")
        stage = Missing("draft", "The document does not say which stage the strategy has reached.")
        tree["stages"] = [{"stage": stage, "date": Missing(today, "The document does not say when it reached it.")}]
    return {key: tree[key] for key in sorted(tree, key=lambda k: FIELD_ORDER.index(k) if k in FIELD_ORDER else len(FIELD_ORDER))}


def _write(root: Path, folder: Path, tree: Draft, header: list[str]) -> tuple[list[str], list[tuple[str, Placeholder]]]:
    """Write the strategy's files in a hidden folder beside folder, then move them into folder, made new."""
    parts: dict[str, dict[str, Node]] = {}
    for key, value in tree.items():
        parts.setdefault(FILES.get(key, "strategy.yml"), {})[key] = value
    # A folder whose name starts with a dot is never read as content, so a failed import publishes nothing.
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=folder.parent))
    try:
        placeholders: list[tuple[str, Placeholder]] = []
        for name, part in parts.items():
            text, marks = write_yaml(part, header)
            (staging / name).write_text(text, encoding="utf-8")
            file = (folder / name).relative_to(root).as_posix()
            placeholders.extend((file, mark) for mark in marks)
        # mkdir fails if anything has taken the name since it was checked, so nothing is ever written
        # over; the files are then moved in, each whole, from the staging folder beside it.
        try:
            folder.mkdir()
        except OSError:
            raise Refused(f"{folder.relative_to(root).as_posix()}/ already exists: choose another name.") from None
        for name in parts:
            os.rename(staging / name, folder / name)
        staging.rmdir()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # the staging folder is this import's own
        raise
    return [(folder / name).relative_to(root).as_posix() for name in parts], placeholders


def _checked(root: Path, content_dir: str, folders: list[Path]) -> dict[str, list[str]]:
    """What check says of the new folders, other than the examples left to fill in, by folder."""
    from plugins.content.loader import load_library
    from plugins.content.messages import EXAMPLE_LEFT, EXAMPLE_PART_LEFT
    from plugins.content.problems import ContentError

    names = [folder.relative_to(root).as_posix() for folder in folders]
    said: dict[str, list[str]] = {name: [] for name in names}
    try:
        load_library(root, content_dir=content_dir)
    except ContentError as error:
        for problem in error.problems:
            for name in names:
                if problem.file.startswith(name + "/") and problem.message not in (EXAMPLE_LEFT, EXAMPLE_PART_LEFT):
                    said[name].append(str(problem))
    return said


# An acronym the document defines: "Education, Health and Care Plans (EHCPs)".
# Each word starts after a space, never inside a hyphenated run, and the small words between are
# bounded, so a long line is read in time that grows with its length.
DEFINED = re.compile(r"(?<![\w'’-])((?:[A-Z][\w'’-]{0,40},?\s+(?:(?:and|of|for|the|in|to|&)\s+){0,3}){1,8})\(([A-Z][A-Za-z]{1,9}?)s?\)")


def _glossary(root: Path, content_dir: str, document: Document) -> tuple[list[str], list[str]]:
    """The site glossary's terms; and each acronym the document defines that the glossary lacks, said for the summary."""
    from plugins.content.problems import ContentError
    from plugins.content.yamlsource import load_file

    try:
        data = load_file(root / content_dir / "glossary.yml", f"{content_dir}/glossary.yml").data
        known = [str(t["term"]) for t in data.get("terms", []) if isinstance(t, dict) and "term" in t]
    except (ContentError, OSError, AttributeError):
        known = []  # check reports a glossary that cannot be read; the import goes on without it
    defined: dict[str, tuple[str, str]] = {}
    for block in document.blocks:
        for text, where in [(block.text, place_of(block))] + [(c.text, c.where) for row in block.rows for c in row]:
            for match in DEFINED.finditer(text):
                acronym, words = match.group(2), _stands_for(match.group(1), match.group(2))
                if words and acronym not in known and acronym not in defined:
                    defined[acronym] = (words, where)
    undefined = [
        f"{acronym} is defined at {where} as '{words}', but {content_dir}/glossary.yml does not explain it: "
        f"add it there, then to the strategy's glossary."
        for acronym, (words, where) in defined.items()
    ]
    return known, undefined


def _terms_used(tree: Node, known: list[str]) -> list[Node]:
    """The glossary's terms this strategy's own text uses, each where first used: a document holding two
    strategies gives each the terms of its own part, not of the whole document."""
    used: dict[str, str] = {}

    def walk(node: Node) -> None:
        if isinstance(node, Found) and isinstance(node.value, str):
            for term in known:
                if term not in used and re.search(rf"(?<![\w-]){re.escape(term)}s?(?![\w-])", node.value):
                    used[term] = node.where
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tree)
    return [Found(term, where) for term, where in used.items()]


def _stands_for(before: str, acronym: str) -> str | None:
    """The words before "(ACRONYM)" that it stands for: the fewest last words whose capitals spell it, if any do."""
    capitals = "".join(c for c in acronym if c.isupper())
    if len(capitals) < 2:
        return None
    words = before.replace(",", " ").split()
    for start in range(len(words) - 1, -1, -1):
        initials = "".join(part[0] for word in words[start:] for part in word.split("-") if part[:1].isupper())
        if initials == capitals:
            return " ".join(before.split()[start:]).rstrip(",")
        if len(initials) > len(capitals):
            break
    return None


def _found(tree: Draft) -> list[str]:
    """What the draft holds, in a phrase each, for the summary."""
    data: Any = tree  # read as plain lists and dicts: only their lengths are counted
    found = []
    priorities = [p for p in data.get("priorities") or [] if isinstance(p, dict)]
    if priorities:
        actions = sum(len(year) for p in priorities for year in (p.get("actions") or {}).values())
        themes = sum(len(p.get("themes") or []) for p in priorities)
        phrase = f"{len(priorities)} {'priority' if len(priorities) == 1 else 'priorities'}"
        if actions:
            phrase += f" with {_count(actions, 'action')}" + (f" under {_count(themes, 'theme')}" if themes else "")
        found.append(phrase)
    years = (data.get("period") or {}).get("years")
    if isinstance(years, list):
        found.append(f"{_count(len(years), 'year')} of the plan")
    consultation = data.get("consultation")
    if isinstance(consultation, dict):
        opens = _text(consultation.get("opens")) or "opening date not given"
        closes = _text(consultation.get("closes")) or "closing date not given"
        found.append(f"the consultation, {opens} to {closes}")
    for key, thing, things in (
        ("timeline", "decision or consultation date", None),
        ("contacts", "contact", None),
        ("background_papers", "background paper", None),
        ("glossary", "glossary term", None),
        ("tables", "table of figures", "tables of figures"),
    ):
        if data.get(key):
            found.append(_count(len(data[key]), thing, things))
    outcomes = (data.get("measures") or {}).get("outcomes")
    if outcomes:
        found.append(_count(len(outcomes), "outcome statement"))
    if data.get("reports"):
        found.append("the committee report")
    return found


def _count(n: int, thing: str, things: str | None = None) -> str:
    return f"{n} {thing}" if n == 1 else f"{n:,} {things or thing + 's'}"


def _header(document: Document) -> list[str]:
    return [
        f"Imported from {shown_name(document.name)} ({document.kind}) by site_build.py import, on {dt.date.today().isoformat()}.",
        "Each value is copied from the document, and its comment says where: check each against the source.",
        "Each !example is something the document does not give: replace it, and delete its !example.",
        "Nothing is published until check finds no !example left.",
    ]


def _slug(title: str, period: Node | None) -> str:
    """A folder name from the title and the strategy's years, short enough for a web address:
    "send-division-strategy-2021-24". A long title keeps its first words whole, then the years."""
    from slugify import slugify

    years = TITLE_YEARS.search(title)
    start = years.group(1) if years else _text(period.get("start_year")) if isinstance(period, dict) else None
    end = years.group(2) if years else _text(period.get("end_year")) if isinstance(period, dict) else None
    words = slugify(TITLE_YEARS.sub(" ", title)).split("-")
    kept: list[str] = []
    for word in words:
        if kept and len("-".join([*kept, word])) > SLUG_WORDS:
            break
        kept.append(word)
    suffix = [start, end[-2:]] if start and end else []
    return "-".join(w for w in [*kept, *suffix] if w) or "imported-strategy"


def _text(node: Node | None) -> str | None:
    if isinstance(node, Found):
        return str(node.value)
    return None


def summary(outcome: Imported, format_problems: Any = None) -> str:
    """What the import did, what it found, what needs a person, and the next command."""
    document = outcome.document
    tables = sum(b.kind == "table" for b in document.blocks)
    paragraphs = _count(len(document.blocks) - tables, "paragraph")
    lines = [f"Read {shown_name(document.name)} ({document.kind}): {paragraphs} and {_count(tables, 'table')}."]
    lines.extend(f"  {note}" for note in document.notes)
    todo: list[str] = []
    for written in outcome.written:
        lines.append(f"Wrote {written.folder}/: " + ", ".join(Path(f).name for f in written.files))
        if written.found:
            lines.append("  Found " + "; ".join(written.found) + ".")
        todo.extend(f"{file}:{mark.line}: {mark.path}: {mark.why}" for file, mark in written.placeholders)
        todo.extend(written.problems)
    todo.extend(outcome.needs_a_person)
    if todo:
        lines.append(f"Needs a person ({len(todo)}):")
        lines.extend(f"  {item}" for item in todo)
    lines.append("Next: check each value against the document, fill in each !example, then run: python site_build.py check")
    return "\n".join(lines) + "\n"
