"""The command line for a council's strategy site: check the content, export its schema, start or import a strategy.

Every command reports mistakes in content as `file:line:column: path: message`,
exits 1 when there are any, and never shows a Python traceback for bad content.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import os
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from plugins.adapter.config import StrategyConfig
    from plugins.content import Library, Problem
    from plugins.content.loader import LibraryCache
    from plugins.publishing.failures import BuildFailed

ROOT = Path(__file__).resolve().parent


# How problems are reported (--format): "text" for a person, "github" for GitHub Actions as well,
# which shows each problem on its line of the pull request (the full list still goes to the log).
# Each command passes its own args.format to what prints problems.


def _annotate(problems: Sequence[Problem], form: str, level: str = "error", title: str = "Content problem") -> None:
    if form == "github":
        from plugins.content.problems import github_annotation

        for problem in problems:
            print(github_annotation(problem, level=level, title=title))


def _print_problems(problems: Sequence[Problem], form: str) -> None:
    _annotate(problems, form)
    for problem in problems:
        print(problem, file=sys.stderr)
    files = {p.file for p in problems}
    noun = "problem" if len(problems) == 1 else "problems"
    where = "file" if len(files) == 1 else "files"
    fix = "Fix it" if len(problems) == 1 else "Fix them"
    print(f"Found {len(problems)} {noun} in {len(files)} {where}. {fix} and run the command again.", file=sys.stderr)


def _checked(
    args: argparse.Namespace, settings: StrategyConfig, *, easy_read: bool = False, contents: LibraryCache | None = None
) -> Library | None:
    """Load and check the content, printing every problem as file:line:column; None if there were any.

    With easy_read, the Easy Read rules a machine can check exactly are checked too: their errors
    are mistakes like any other, and stop what would publish them. With contents, the content is
    loaded through that cache, for the build to reuse.
    """
    from plugins.content import ContentError, load_library
    from plugins.publishing.caches import committed_problems

    # What the build keeps for itself under .cache/ is never the repository's to hold (see caches.py).
    committed = committed_problems(args.root)
    if committed:
        _print_problems(committed, args.format)
        return None
    load = contents.load if contents is not None else load_library
    try:
        library = load(args.root, content_dir=settings.content_dir)
    except ContentError as error:
        _print_problems(error.problems, args.format)
        return None
    if easy_read:
        from easyread.checker import check_editions, errors_in
        from plugins.adapter.settings import easy_read_settings
        from plugins.cores.sharing import processes_for
        from plugins.publishing import caches

        style, thresholds, lines = easy_read_settings(args.root)
        day, processes = _check_day(args, settings), processes_for(settings.render_workers)
        # An edition whose strategy has not changed since the last check is not checked again.
        store, code = caches.scorecards(args.root), f"{caches.code_and_templates(None)} {caches.installed()}"
        errors = errors_in(check_editions(library, style, thresholds, lines, as_of=day, processes=processes, store=store, code=code))
        if errors:
            _print_problems([e.as_problem() for e in errors], args.format)
            return None
    return library


def _check_day(args: argparse.Namespace, settings: StrategyConfig) -> dt.date:
    """The day the Easy Read editions are checked for, as a build for the same day would publish them:
    whether the time to have your say has passed, or the plan has ended, depends on it."""
    from plugins.publishing.config import day_for

    return day_for(args.root, getattr(args, "as_of", None) or settings.as_of)


def cmd_check(args: argparse.Namespace) -> int:
    from plugins.adapter.settings import strategy_settings
    from plugins.content.loader import LibraryCache
    from plugins.publishing import caches

    started = time.perf_counter()
    settings = strategy_settings(args.root)
    library = _checked(args, settings, easy_read=True, contents=LibraryCache(kept=caches.parsed(args.root)))
    if library is None:
        return 1
    if args.base:
        # Against the pull request's base: a change to what the council commits to needs a dated note.
        from plugins.content.changes import missing_change_notes
        from plugins.publishing.git import ChangesError, library_at

        try:
            base = library_at(args.root, args.base, settings.content_dir)
        except ChangesError as error:
            print(error, file=sys.stderr)
            return 1
        missing = missing_change_notes(base, library, args.base, dt.date.today().isoformat())
        if missing:
            _print_problems(missing, args.format)
            return 1
    counts = library.counts()
    took = time.perf_counter() - started
    print(f"Checked {counts['files']} files: {_counted(counts)}. No problems found ({took:.2f} s).")
    return 0


_SINGULAR = {
    "strategies": "strategy",
    "priorities": "priority",
    "actions": "action",
    "progress reports": "progress report",
    "glossary terms": "glossary term",
    "Easy Read editions": "Easy Read edition",
}


def _counted(counts: dict[str, int]) -> str:
    """What a library holds, in words: "3 strategies, 1 priority, ..." (its files are counted apart)."""
    return ", ".join(f"{n} {name if n != 1 else _SINGULAR[name]}" for name, n in counts.items() if name != "files")


def cmd_schema(args: argparse.Namespace) -> int:
    from plugins.content import reference, schema

    if args.check:
        out_of_date = schema.stale(args.root) + reference.stale(args.root)
        for name in out_of_date:
            print(f"{name} is out of date with the content model. Run: python site_build.py schema", file=sys.stderr)
        return 1 if out_of_date else 0
    written = [path.relative_to(args.root).as_posix() for path in schema.write_schemas(args.root)]
    if reference.write_reference(args.root):
        written.append(reference.REFERENCE_FILE)
    for name in written:
        print(f"Wrote {name}")
    if not written:
        print("The schemas and their field reference are up to date.")
    return 0


def _shown(root: Path, folder: Path) -> tuple[Path, str]:
    """A folder given on the command line, made absolute from the project folder, and as the person sees it."""
    path = folder if folder.is_absolute() else root / folder
    return path, str(path.relative_to(root) if path.is_relative_to(root) else path)


def _usable(
    args: argparse.Namespace, folder: Path, shown: str, *, option: str, suggestion: str, doing: str, strict: bool = False
) -> StrategyConfig:
    """The strategy plugin's settings for a build or an export, once mkdocs.yml, the folder to publish
    into and the day are known to be usable: all checked before anything is read or written. If one
    is not, Refused, which main reports."""
    from plugins.publishing.config import day_for, read_config, strategy_plugin
    from plugins.publishing.folders import output_folder

    settings: StrategyConfig = strategy_plugin(read_config(args.root, strict=strict), doing).config
    output_folder(args.root, folder, option=option, shown=shown, suggestion=suggestion, content_dir=settings.content_dir)
    day_for(args.root, args.as_of or settings.as_of)
    return settings


def cmd_build(args: argparse.Namespace) -> int:
    from plugins.content.loader import LibraryCache
    from plugins.publishing import caches
    from plugins.publishing.booklet_cache import CACHE_DIR
    from plugins.publishing.failures import BuildFailed
    from plugins.publishing.publish import build_site

    site_dir, shown = _shown(args.root, args.site_dir)
    settings = _usable(args, site_dir, shown, option="--site-dir", suggestion="site", doing="build", strict=not args.lenient)
    # The content is read once: the build reuses what was read to check it, unless a file has changed since;
    # a file as it was at the last build is not parsed again.
    contents = LibraryCache(kept=caches.parsed(args.root))
    # A lenient build (never the live site) publishes despite Easy Read errors, which MkDocs then
    # prints as warnings; a normal build stops on them before anything is built.
    if _checked(args, settings, easy_read=not args.lenient, contents=contents) is None:
        print(f"Nothing was built: {shown}/ is as it was.", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        built = build_site(
            args.root, site_dir, as_of=args.as_of, strict=not args.lenient, pdfs=not args.no_pdf, shown=shown, contents=contents
        )
    except BuildFailed as error:
        return _stopped(error, shown, "Nothing was published")
    booklets = f" {built.booklets.words(CACHE_DIR)}" if built.booklets is not None else ""
    print(f"Built {built.pages} pages into {shown}/ in {time.perf_counter() - started:.1f} s.{booklets}")
    return 0


def _stopped(error: BuildFailed, shown: str, nothing: str) -> int:
    """Say why a build or an export stopped and, unless it was refused before starting or had already
    replaced the folder, that the folder is as it was. The exit code is 1."""
    from plugins.publishing.failures import Refused

    print(error, file=sys.stderr)
    if not isinstance(error, Refused) and not error.published:
        print(f"{nothing}: {shown}/ is as it was.", file=sys.stderr)
    return 1


def cmd_serve(args: argparse.Namespace) -> int:
    from plugins.publishing.config import day_for, read_config, strategy_plugin
    from plugins.publishing.failures import Refused
    from plugins.publishing.publish import serve_site

    try:
        config = read_config(args.root)
        settings = strategy_plugin(config).config
        if args.as_of or settings.as_of:
            day_for(args.root, args.as_of or settings.as_of)
    except Refused as error:
        print(error, file=sys.stderr)
        return 1
    # A mistake in the content does not stop the preview starting: every page lists the problems
    # until they are fixed, as they are while it runs (see plugins/publishing/preview.py).
    print(f"Serving on http://{args.dev_addr}/ ; pages reload when {_watched(args.root, config, settings)} change. Ctrl-C stops.")
    try:
        serve_site(args.root, args.dev_addr, as_of=args.as_of)
    except Refused as error:  # --dev-addr is not an address to serve on, say
        print(error, file=sys.stderr)
        return 1
    return 0


def _watched(root: Path, config: Any, settings: StrategyConfig) -> str:
    """The folders serve watches, as the person sees them: "content/, templates/ or docs/"."""
    from plugins.adapter.plugin import watched_folders

    # The plugin watches its folders, MkDocs the docs folder.
    folders = [folder.relative_to(root).as_posix() for folder in [*watched_folders(root, config, settings), Path(config.docs_dir)]]
    return " or ".join([", ".join(f"{name}/" for name in folders[:-1]), f"{folders[-1]}/"])


def cmd_export(args: argparse.Namespace) -> int:
    from easyread.rules import style_and_thresholds
    from plugins.publishing.export import export_markdown
    from plugins.publishing.failures import BuildFailed

    out, shown = _shown(args.root, args.out)
    settings = _usable(args, out, shown, option="--out", suggestion="export", doing="export")
    if _checked(args, settings) is None:
        return 1
    style, _ = style_and_thresholds(settings.easy_read)
    try:
        count = export_markdown(args.root, out, as_of=args.as_of, shown=shown, easy_read_style=style)
    except BuildFailed as error:
        return _stopped(error, shown, "Nothing was exported")
    print(f"Wrote {count} pages and a mkdocs.yml with no custom plugin to {out}. Build them with: mkdocs build -f {out / 'mkdocs.yml'}")
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    from plugins.adapter.settings import strategy_settings
    from plugins.publishing.links import check_links, external_links

    library = _checked(args, strategy_settings(args.root))
    if library is None:
        return 1
    uses = external_links(library)
    problems = check_links(uses, timeout=args.timeout)
    addresses = len({u.url for u in uses})
    if problems:
        _print_problems(problems, args.format)
        return 1
    print(f"Checked {addresses} web addresses used {len(uses)} times: all of them work.")
    return 0


def cmd_easyread(args: argparse.Namespace) -> int:
    from easyread.checker import all_findings, check_editions, errors_in, scorecard_lines
    from plugins.adapter.settings import easy_read_settings, strategy_settings
    from plugins.cores.sharing import processes_for

    if args.draft is not None:
        return _draft(args)
    settings = strategy_settings(args.root)
    library = _checked(args, settings)
    if library is None:
        return 1
    style, thresholds, lines = easy_read_settings(args.root)
    processes = processes_for(settings.render_workers)
    cards = check_editions(library, style, thresholds, lines, as_of=_check_day(args, settings), with_coverage=True, processes=processes)
    if not cards:
        print("No strategy has an Easy Read edition yet. Add one in easy-read.yml beside its strategy.yml.")
        return 0
    for card in cards:
        card.review_page = _review_page(library, card.edition)
        print("\n".join(scorecard_lines(card, thresholds)))
        print()
    findings = all_findings(cards)
    for level in ("error", "advice"):
        chosen = [f.as_problem() for f in findings if f.severity == level]
        _annotate(chosen, args.format, level="error" if level == "error" else "warning", title=f"Easy Read {level}")
    for finding in findings:
        print(finding, file=sys.stderr)
    errors = len(errors_in(cards))
    advice = len(findings) - errors
    failed = errors > 0 or (args.strict and advice > 0)
    editions = "edition" if len(cards) == 1 else "editions"
    counted = f"{errors} {'error' if errors == 1 else 'errors'}, {advice} advice"
    print(f"Checked {len(cards)} Easy Read {editions}: {counted}.", file=sys.stderr if failed else sys.stdout)
    return 1 if failed else 0


def _draft(args: argparse.Namespace) -> int:
    """easyread --draft: a starting edition for one strategy, written beside its strategy.yml."""
    from easyread.draft import Refused, StrategyHasProblems, write_draft
    from plugins.adapter.settings import strategy_settings

    try:
        draft = write_draft(args.root, strategy_settings(args.root).content_dir, args.draft, today=dt.date.today())
    except StrategyHasProblems as error:
        if error.problems:
            _print_problems(error.problems, args.format)
        print(error, file=sys.stderr)
        return 1
    except Refused as error:
        print(error, file=sys.stderr)
        return 1
    print(
        f"Wrote {draft.file}: a starting Easy Read edition with {draft.prompts} values marked !example for you to write.\n"
        "Replace each one in easy words and delete its !example, then run: python site_build.py easyread"
    )
    return 0


def _review_page(library: Library, strategy_id: str) -> str:
    """Where an edition's review page is published: under the site's address, where site.yml gives one."""
    from plugins.pages.edition import review_url

    loaded = library.strategy(strategy_id)
    if loaded is None:
        return ""
    where = review_url(loaded)
    return f"{library.site.url.rstrip('/')}/{where}" if library.site.url else f"{where} in the built site"


def cmd_due(args: argparse.Namespace) -> int:
    from plugins.adapter.settings import strategy_settings
    from plugins.content.dates import uk_date
    from plugins.content.due import overdue

    settings = strategy_settings(args.root)
    library = _checked(args, settings)
    if library is None:
        return 1
    day = _check_day(args, settings)
    found = overdue(library, day)
    if not found:
        print(f"Nothing is overdue as of {uk_date(day)}.")
        return 0
    _annotate(found, args.format, level="warning", title="Overdue")
    for problem in found:
        print(problem)
    places = "place" if len(found) == 1 else "places"
    print(f"{len(found)} {places} where a date has passed as of {uk_date(day)} with nothing recorded of what happened.")
    # Reminders, not mistakes: the site still builds, and its pages say no outcome is recorded yet.
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from plugins.adapter.settings import strategy_settings
    from plugins.content import ContentError
    from plugins.content.changes import summary
    from plugins.publishing.git import ChangesError, library_at

    content_dir = strategy_settings(args.root).content_dir
    try:
        before = library_at(args.root, args.base, content_dir)
        after = library_at(args.root, args.head, content_dir)
    except ChangesError as error:
        print(error, file=sys.stderr)
        return 1
    except ContentError as error:  # the content as it is now has mistakes: report them as check does
        _print_problems(error.problems, args.format)
        return 1
    print(summary(before, after, args.limit), end="")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from plugins.adapter.settings import strategy_settings
    from plugins.content.scaffold import Refused, new_strategy

    try:
        made = new_strategy(args.root, strategy_settings(args.root).content_dir, args.organisation, args.title, args.slug)
    except Refused as error:
        print(error, file=sys.stderr)
        return 1
    if made.problems:  # the scaffold itself must always be valid; anything else is the officer's to fix
        _print_problems(made.problems, args.format)
        return 1
    print(f"Created {made.file}. Replace the examples with the strategy's own words, then run: python site_build.py check")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from plugins.adapter.settings import strategy_settings
    from plugins.content.scaffold import Refused
    from plugins.importing.command import import_document, summary

    try:
        outcome = import_document(args.root, strategy_settings(args.root).content_dir, args.source, args.organisation, args.slug)
    except Refused as error:
        print(error, file=sys.stderr)
        return 1
    print(summary(outcome), end="")
    return 0


# The day a build or an export is for, when --as-of is not given: see plugins/publishing/buildday.py.
DAY_DEFAULT = (
    "default: as_of in mkdocs.yml, else the day of SOURCE_DATE_EPOCH, else the date of the last git commit, "
    "else (outside git) today. STRATEGY_SITE_AS_OF, if set, overrides all of these"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="site_build.py", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="the project folder holding mkdocs.yml and the content (default: this folder)"
    )
    parser.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: also report each problem as a GitHub Actions annotation on its line (default: text)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="check every content file and report every mistake with its line",
        description="Check every file in the content folder (content/, or content_dir in mkdocs.yml) and report every "
        "mistake at once, each with its file, line and column. Exits 1 if there are any.",
    )
    check.add_argument(
        "--base",
        metavar="REVISION",
        help="also require a dated note in 'changes' for each strategy whose priorities or actions changed since this git revision",
    )
    check.add_argument("--as-of", help=f"check the Easy Read editions as they would be published on this day (YYYY-MM-DD); {DAY_DEFAULT}")
    check.set_defaults(run=cmd_check)

    schema = commands.add_parser(
        "schema",
        help="write the JSON Schemas for editors and their field reference",
        description="Write schema/*.json and the field reference schema/README.md from the content model. "
        "With --check, only say whether they are up to date.",
    )
    schema.add_argument("--check", action="store_true", help="exit 1 if the schemas or their field reference are out of date")
    schema.set_defaults(run=cmd_schema)

    build = commands.add_parser(
        "build",
        help="check the content and build the site, replacing the old site only on success",
        description="Check the content, then build the whole site into a temporary folder and replace the site folder "
        "with it only when every page has built. Warnings fail the build unless --lenient is given.",
    )
    build.add_argument("--site-dir", type=Path, default=Path("site"), help="where to publish the site (default: site)")
    build.add_argument("--as-of", help=f"build the site as it would be on this day (YYYY-MM-DD); {DAY_DEFAULT}")
    build.add_argument("--lenient", action="store_true", help="publish even if MkDocs warns (not for the live site)")
    build.add_argument("--no-pdf", action="store_true", help="skip the printable booklets, for a quicker look at the pages")
    build.set_defaults(run=cmd_build)

    serve = commands.add_parser(
        "serve",
        help="preview the site, rebuilding and reloading the page when a file changes",
        description="Serve the site on this machine and reload the page in the browser when content, templates or assets change.",
    )
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address and port to serve on (default: 127.0.0.1:8000)")
    serve.add_argument("--as-of", help="preview the site as it would be on this day (YYYY-MM-DD); default: as_of in mkdocs.yml, else today")
    serve.set_defaults(run=cmd_serve)

    export = commands.add_parser(
        "export",
        help="write the pages as Markdown that plain MkDocs builds with no custom plugin",
        description="Write every generated page as a Markdown file, with a mkdocs.yml that needs no custom plugin: "
        "the way to another MkDocs-compatible engine.",
    )
    export.add_argument("--out", type=Path, default=Path("export"), help="the folder to write (default: export)")
    export.add_argument("--as-of", help=f"export the site as it would be on this day (YYYY-MM-DD); {DAY_DEFAULT}")
    export.set_defaults(run=cmd_export)

    links = commands.add_parser(
        "links",
        help="check that every web address in the content works (goes online; never part of build)",
        description="Visit every http(s) address in the content and report each one that does not work, at its line. "
        "A normal build never goes online; run this before publishing, or on a schedule.",
    )
    links.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for each address (default: 15)")
    links.set_defaults(run=cmd_links)

    easyread = commands.add_parser(
        "easyread",
        help="check the Easy Read editions against the published rules and print a scorecard for each",
        description="Check every Easy Read edition against the Easy Read rules and print a scorecard for each. "
        "Exits 1 on errors; with --strict, on advice as well. With --draft, write a starting edition for one strategy instead.",
    )
    easyread.add_argument("--strict", action="store_true", help="exit 1 on advice as well as on errors")
    easyread.add_argument(
        "--draft",
        metavar="STRATEGY",
        help="instead, write a starting edition for this strategy (organisation/folder) in easy-read.yml beside its strategy.yml, "
        "from its content, with every value marked !example for a person to write",
    )
    easyread.add_argument("--as-of", help=f"check the editions as they would be published on this day (YYYY-MM-DD); {DAY_DEFAULT}")
    easyread.set_defaults(run=cmd_easyread)

    due = commands.add_parser(
        "due",
        help="list the dates that have passed with nothing recorded of what happened",
        description="List every planned meeting, action due date and consultation whose date has passed with no outcome "
        "recorded, and every plan that has ended with nothing saying what replaced it, each at its file and line. "
        "These are reminders: it exits 0, and with --format github they are warnings on their lines.",
    )
    due.add_argument("--as-of", help=f"what is overdue on this day (YYYY-MM-DD); {DAY_DEFAULT}")
    due.set_defaults(run=cmd_due)

    diff = commands.add_parser(
        "diff",
        help="say in plain English what changed in the strategies between two git revisions",
        description="Compare the strategies at git revision BASE with those at HEAD (default: the working folder) and "
        "print what changed, as Markdown fit for a pull request's comment.",
    )
    diff.add_argument("base", help="the revision to compare with, such as origin/main")
    diff.add_argument("head", nargs="?", help="the revision to compare (default: the content as it is now)")
    diff.add_argument(
        "--limit",
        type=int,
        metavar="CHARACTERS",
        help="stop the summary after the last whole change that fits in this many characters, saying how many are "
        "left out (a pull request comment holds at most 65,536)",
    )
    diff.set_defaults(run=cmd_diff)

    new = commands.add_parser(
        "new",
        help="start a new strategy with every section present and explained",
        description="Create ORGANISATION/SLUG/strategy.yml in the content folder (content/, or content_dir in mkdocs.yml) "
        "with every section of a strategy present, an example in each, and a comment explaining it.",
    )
    new.add_argument("organisation", help="the organisation's folder in the content folder, such as leicestershire")
    new.add_argument("slug", nargs="?", help="the new strategy's folder name, used in its web address (default: made from the title)")
    new.add_argument("--title", default="New strategy", help="the strategy's title")
    new.set_defaults(run=cmd_new)

    imported = commands.add_parser(
        "import",
        help="make draft strategies from a council's report, plan or web page",
        description="Read SOURCE (plain text, Markdown, a saved web page, Word .docx or PDF) and write each strategy it sets "
        "out as a draft folder under the organisation's folder in the content folder: the council's words copied "
        "exactly, each with a comment saying where in SOURCE it came from, and each thing the document does not "
        "give marked !example for an officer to fill in. No folder is ever written over.",
    )
    imported.add_argument("source", type=Path, metavar="SOURCE", help="the document to read")
    imported.add_argument(
        "--organisation", required=True, metavar="ORG", help="the organisation's folder in the content folder, such as leicestershire"
    )
    imported.add_argument(
        "--slug", help="the new strategy's folder name, where the document sets out one strategy (default: made from its title)"
    )
    imported.set_defaults(run=cmd_import)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.root = args.root.resolve()
    from plugins.publishing.failures import Refused

    try:
        return int(args.run(args))
    except Refused as error:  # mkdocs.yml cannot be used, found by a command that reads its settings
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130


def leave(code: int) -> NoReturn:
    """End the command with code, as Python would, less its freeing one by one of every object the command
    made: for a council's library that is millions, and takes about a second after the last page is
    written. The exit handlers still run (a temporary folder removed, worker pools stopped, logs
    flushed), then the output is flushed and the process ends. While a thread other than this one is
    still running, or the output cannot be written, Python's own exit does the rest, as always."""
    if any(thread.is_alive() and not thread.daemon for thread in threading.enumerate() if thread is not threading.main_thread()):
        raise SystemExit(code)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        # Output that cannot be written (a full disk, a closed pipe): Python's own exit says so, and ends with 120.
        raise SystemExit(code) from None
    os._exit(code)


if __name__ == "__main__":
    leave(main())
