"""A starting Easy Read edition, written from a strategy's standard content for a person to finish.

`site_build.py easyread --draft ORGANISATION/FOLDER` writes easy-read.yml beside the strategy's
strategy.yml: about the plan, why it was made, one section for each priority with a point for each of
its actions, how it is checked, how to have your say (only where there is a consultation), who to
contact, and the hard words from the glossary terms it uses.

An edition is new writing, not a summary a machine makes, so nothing here is fit to publish as it is.
Every value a person has to write or confirm is marked !example, the mark `new` uses
(plugins/content/yamlsource.py): `check` refuses the file at each mark's line until the mark is gone,
so a draft cannot be published unedited. Above each, a comment gives the council's own words it
comes from ("# The plan says: ..."), so the writer has the source at hand. Where the content states
a fact plainly (the council's name, the years, a phone number), the value is a suggestion to keep or
change; elsewhere it is a prompt saying what to write.

A point drafted from a part of the plan says which in its `from:` (priorities/<id>/actions/<n>,
governance/boards/<id>, contacts...), numbered as plugins/content/standard_text.py numbers them, so
that the review page shows the point beside those words with no more work. A `from:` is not marked
!example: it is a fact of the plan's structure, not a prompt, and holds while the point explains
that part.

Every value is written by yaml.safe_dump and every comment line starts with '#', so no text in the
content (a title with a newline, a '#', quotes, '!tag') can become YAML of its own: the draft is read
back before it is written, and must give back exactly the values that went in.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plugins.content.dates import on_date, uk_date
from plugins.content.library import Library, LoadedStrategy
from plugins.content.loader import read_library
from plugins.content.messages import escaped, shown
from plugins.content.model import Priority, Strategy
from plugins.content.problems import ContentError, Problem
from plugins.content.yamlsource import ExamplesLeft, file_kind, parse_text

from .text import in_groups

DRAFT_FILE = "easy-read.yml"
# The schema an editor checks the draft against as it is written (see MAINTAINING.md).
SCHEMA = Path("schema") / "strategy.schema.json"
# The draft's lines are kept to this width where the words allow, so that they read in an editor
# and in GitHub's diff without scrolling; a long web address is never broken.
WIDTH = 100

# The picture suggested for each kind of point, with what it shows. A prompt's picture is one the
# writer must choose: the hand writing says so. None of these is a picture the page adds itself
# (easyread/page.py PAGE_PICTURES), which may not stand for anything else.
WRITING = ("writing-hand", "A hand writing.")
COUNCIL = ("classical-building", "A council building.")
YEARS = ("calendar", "A calendar page.")
AIMS = ("clipboard", "A clipboard with a list.")
PERSON = ("speaking-head", "A person speaking.")
PHONE = ("telephone-receiver", "A telephone.")
EMAIL = ("e-mail", "An email.")
POST = ("envelope", "A letter.")
TEXT_RELAY = ("mobile-phone", "A mobile phone.")

# The prompts: what a person writes in place of each, in easy words.
WHAT_THE_PLAN_IS = "Say in a few easy words what the plan is about."
WHY = "Say in easy words why the council made this plan."
VISION = "Say in easy words what the council wants to happen."
AMBITION = "Say in easy words what this aim wants to change."
COMMITMENT = "Say in easy words what the council will do for this aim."
DESCRIPTION = "Say in easy words what this part of the plan is about."
ACTION = "Say in easy words what this action means for families."
ONLY_A_TITLE = "Say in easy words what this aim is about."
OWNER = "Say in easy words who makes sure the plan happens."
BOARD = "Say in easy words what this group does."
MEASURES = "Say in easy words how the council will know the plan works."
NO_CHECK = "Say in easy words who checks the plan is working."
HOW_TO_RESPOND = "Say in easy words how people can have their say."
FORMATS = "Say how people can ask for the questions in another way."
NO_CONTACT = "Say how readers can contact the council."
TITLE = "Our plan for ..."
ALT = "Say what the picture shows."

# A priority's section with more points than this asks the writer to choose among them: a booklet
# has room for a few points an aim (rule 14, a short document).
FEW_POINTS = 4


class Refused(Exception):
    """Nothing was written: the message says why, in the communications team's words."""


class StrategyHasProblems(Exception):
    """Nothing was written: the strategy, or the files every strategy shares, have mistakes to fix first."""

    def __init__(self, strategy: str, problems: list[Problem]):
        super().__init__(f"Nothing was written: fix the mistakes in {strategy} first.")
        self.problems = problems


@dataclass(frozen=True)
class Draft:
    """The draft written: its file as the project names it, and how many values in it are marked !example."""

    file: str
    prompts: int


# --- Writing YAML that reads back as written ---------------------------------------------------------

# What YAML allows in a file (PyYAML's reader refuses anything else): a character outside these, in
# text going into a comment, is written as its code instead, so that the file can always be read.
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def scalar(value: str) -> str:
    """A text as a YAML value on one line, which reads back as exactly that text.

    PyYAML chooses the style: plain where the text is plain, quoted where it could be read as
    something else (a number, yes, a '#', a '!tag'). A text with a line break is written in double
    quotes with the break as an escape, so that it stays on the line of its key.
    """
    written = yaml.safe_dump(value, allow_unicode=True, width=float("inf"))
    written = written.removesuffix("\n...\n").removesuffix("\n")
    if "\n" in written or "\r" in written or any(c in written for c in "\x85\u2028\u2029"):
        written = yaml.safe_dump(value, default_style='"', allow_unicode=False, width=float("inf")).removesuffix("\n")
    return written


def comment_lines(indent: int, text: str) -> list[str]:
    """Text as comment lines at an indent: each line of it starts with '#', wrapped at the draft's width.

    Every way YAML or an editor can break a line splits the text here, so that no part of it is left
    outside a comment to be read as YAML.
    """
    margin = " " * indent
    out = []
    for line in text.splitlines() or [""]:
        line = _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", line).strip()
        if not line:
            out.append(f"{margin}#")
            continue
        pieces = textwrap.wrap(line, width=max(40, WIDTH - indent - 2), break_long_words=False, break_on_hyphens=False)
        out += [f"{margin}# {piece}" for piece in pieces]
    return out


@dataclass
class _Writer:
    """The draft's lines, with every value written in order, to compare with what the file reads back as."""

    lines: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    prompts: int = 0

    def blank(self) -> None:
        self.lines.append("")

    def note(self, indent: int, text: str) -> None:
        self.lines += comment_lines(indent, text)

    def key(self, indent: int, key: str, value: str | None = None, *, prompt: bool = False, item: bool = False) -> None:
        """key: value at an indent (as a list's item, "- key: value", with item). No value opens a block."""
        lead = " " * indent + ("- " if item else "")
        if value is None:
            self.lines.append(f"{lead}{key}:")
            return
        self.lines.append(f"{lead}{key}: {'!example ' if prompt else ''}{scalar(value)}")
        self.values.append(value)
        self.prompts += prompt

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _scalars(data: Any) -> list[Any]:
    """Every value in parsed YAML, in the order the file holds them."""
    if isinstance(data, dict):
        return [v for value in data.values() for v in _scalars(value)]
    if isinstance(data, list):
        return [v for item in data for v in _scalars(item)]
    return [data]


def _read_back(writer: _Writer, file: str) -> None:
    """The draft's text, read as `check` reads it, gives back every value exactly as it was written."""
    text = writer.text()
    try:
        document = parse_text(text, file)
    except ExamplesLeft as left:
        document = left.document
    except ContentError as error:
        raise AssertionError(f"the draft of {file} cannot be read back: {error.problems}") from None
    if _scalars(document.data) != writer.values:
        raise AssertionError(f"the draft of {file} does not read back as written")


# --- What the draft says ------------------------------------------------------------------------------


class _Edition:
    """The draft of one strategy's edition, written part by part in the order rule 16 asks for."""

    def __init__(self, library: Library, loaded: LoadedStrategy, folder: Path, schema: Path, today: dt.date):
        self.library = library
        self.loaded = loaded
        self.strategy: Strategy = loaded.model
        # The strategy's folder, and the schema an editor reads: the draft names it relative to the folder.
        self.folder = folder
        self.schema = schema
        self.today = today
        self.out = _Writer()

    def picture(self, suggested: tuple[str, str]) -> tuple[str, str] | None:
        """The suggested picture as a point names it, with its words; None if the site's pictures lack it."""
        name, alt = suggested
        found = self.library.pictures.find(name)
        if not found:
            return None
        return (name if len(found) == 1 else found[0].id), alt

    def point(self, said: str | None, text: str, suggested: tuple[str, str], *, when: str | None = None, source: str | None = None) -> None:
        """One point, marked to replace: the council's words above it, its text, its picture and the picture's words;
        with when, shown only while that is true of the consultation; with source, the part of the plan it explains."""
        out = self.out
        if said:
            out.note(8, said)
        out.key(8, "text", text, prompt=True, item=True)
        if when is not None:
            out.key(10, "when", when)
        if source is not None:
            out.key(10, "from", source)
        picture = self.picture(suggested)
        if picture is None:
            out.note(10, "Add a picture from pictures/ (picture:), and say what it shows (alt:).")
            return
        name, alt = picture
        out.key(10, "picture", name, prompt=True)
        out.key(10, "alt", ALT if suggested == WRITING else alt, prompt=True)

    def prompt(self, said: str | None, text: str, source: str | None = None) -> None:
        self.point(said, text, WRITING, source=source)

    def section(self, part: str, heading: str, *, prompt: bool = False, priority: str | None = None, note: str | None = None) -> None:
        out = self.out
        out.blank()
        if note:
            out.note(4, note)
        out.key(4, "part", part, item=True)
        if priority is not None:
            out.key(6, "priority", priority)
        out.key(6, "heading", heading, prompt=prompt)
        out.key(6, "points")

    def write(self) -> _Writer:
        s, out = self.strategy, self.out
        schema = Path(os.path.relpath(self.schema, self.folder)).as_posix()
        out.lines += [f"# yaml-language-server: $schema={schema}", *self.header()]
        out.key(0, "easy_read")
        out.note(2, f"The title, in easy words. The plan is called: {s.title}")
        out.key(2, "title", TITLE, prompt=True)
        out.note(2, "The month this edition is finished.")
        out.key(2, "date", f"{self.today:%Y-%m}", prompt=True)
        out.note(2, "Once people with a learning disability have checked it (see EASY-READ.md, Reader testing):")
        out.note(2, "checked_by: {by: The Speak Up group, date: 2027-03, points: [...]}")
        out.key(2, "sections")
        self.about()
        self.why()
        for priority in s.priorities:
            self.priority(priority)
        self.check()
        self.have_your_say()
        self.contact()
        self.hard_words()
        return out

    def header(self) -> list[str]:
        # Each command on a line of its own, so that it can be copied whole.
        return comment_lines(
            0,
            f"A starting Easy Read edition of {self.strategy.title}, written from the plan {on_date(self.today)} by:\n"
            f"python site_build.py easyread --draft {self.loaded.id}\n"
            "\n"
            "Every value marked !example is yours to write: a prompt saying what to write, or a suggestion from "
            "the plan to keep or change. Replace each one in easy words and delete its !example. Above each, "
            '"The plan says" gives the council\'s own words. Delete any point or section your readers do not '
            "need, and add your own. Nothing is published while any !example is left. To see each one left, at "
            "its line, and what breaks the Easy Read rules, run:\n"
            "python site_build.py easyread\n"
            "How to write an edition: EASY-READ.md.",
        )

    def about(self) -> None:
        s = self.strategy
        council = self.loaded.organisation.name
        self.section("about", "About this booklet")
        self.point(f"The plan says it is from: {council}", f"This booklet is from {council}.", COUNCIL)
        self.prompt(f"The plan says its title is: {s.title}", WHAT_THE_PLAN_IS)
        period = s.period
        years = (
            f"The plan is for {period.first_year} to {period.end_year}."
            if period.first_year is not None
            else f"The plan lasts until {uk_date(period.end) if period.end is not None else period.end_year}."
        )
        self.point(f"The plan says it covers: {period.label}", years, YEARS)

    def why(self) -> None:
        s = self.strategy
        self.section("why", "Why we made this plan")
        if s.purpose:
            self.prompt(f"The plan says what it is for:\n{s.purpose}", WHY, "purpose")
        if s.vision:
            self.prompt(f"The plan's vision:\n{s.vision}", VISION, "vision")
        if not (s.purpose or s.vision):
            self.prompt("The plan does not say why it was made. Ask the officer who owns it.", WHY)
        if s.priorities:
            count = len(s.priorities)
            aims = "aim" if count == 1 else "aims"
            self.point(f"The plan has {count} {'priority' if count == 1 else 'priorities'}.", f"The plan has {count} big {aims}.", AIMS)

    def priority(self, priority: Priority) -> None:
        years = {year.id: year.name for year in self.strategy.period.years}
        actions = [(years.get(key, key), action) for key, listed in priority.actions.items() for action in listed]
        points = sum(1 for part in (priority.ambition, priority.commitment, priority.description) if part) + len(actions)
        note = f"Priority {priority.number} of the plan: {priority.title}"
        if points > FEW_POINTS:
            note += f"\nKeep the {FEW_POINTS} or so points that matter most to your readers, and delete the others."
        self.section("priority", f"Aim {priority.number}: ...", prompt=True, priority=priority.id, note=note)
        here = f"priorities/{priority.id}"
        if priority.ambition:
            self.prompt(f"The plan says (ambition):\n{priority.ambition}", AMBITION, here)
        if priority.commitment:
            self.prompt(f"The plan says (commitment):\n{priority.commitment}", COMMITMENT, here)
        if priority.description:
            self.prompt(f"The plan says:\n{priority.description}", DESCRIPTION, here)
        # Numbered from the first year's first action, as standard_text.py numbers them.
        for n, (year, action) in enumerate(actions, 1):
            details = [action.text]
            if action.owner:
                details.append(f"Who: {action.owner}.")
            if action.due:
                details.append(f"When: {uk_date(action.due)}.")
            self.prompt(f"The plan says ({year}): {' '.join(details)}", ACTION, f"{here}/actions/{n}")
        if points == 0:
            self.prompt(f"The plan says only its title: {priority.title}", ONLY_A_TITLE, here)

    def check(self) -> None:
        s = self.strategy
        governance, measures = s.governance, s.measures
        self.section("check", "How we will check the plan is working")
        wrote = False
        if governance and (governance.owner or governance.description):
            said = [f"The plan says who owns it: {governance.owner}"] if governance.owner else []
            if governance.description:
                said.append(f"The plan says how it is run:\n{governance.description}")
            self.prompt("\n".join(said), OWNER, "governance")
            wrote = True
        for board in governance.boards if governance else []:
            self.prompt(f"The plan says: {board.name}" + (f": {board.role}" if board.role else ""), BOARD, f"governance/boards/{board.id}")
            wrote = True
        if measures and measures.summary:
            self.prompt(f"The plan says how it will know it is working:\n{measures.summary}", MEASURES, "measures")
            wrote = True
        if not wrote:
            self.prompt("The plan does not say who checks it. Ask the officer who owns it, or delete this section.", NO_CHECK)

    def have_your_say(self) -> None:
        consultation = self.strategy.consultation
        if consultation is None:
            return
        self.section(
            "have your say",
            "How to have your say",
            note=f"The page writes the dates to have your say itself, from the plan's consultation ({uk_date(consultation.opens)} "
            f"to {uk_date(consultation.closes)}), and says when the time has passed: do not write them here. "
            "Write what else readers need to know.",
        )
        # An invitation is true only while people can respond: it is shown only then (when: while open),
        # and the page itself gives the survey's address, from the consultation's own fields.
        self.point(
            f"The plan says how to respond:\n{consultation.how_to_respond}",
            HOW_TO_RESPOND,
            WRITING,
            when="while open",
            source="consultation",
        )
        if consultation.formats:
            self.point(
                f"The plan says about other formats:\n{consultation.formats}", FORMATS, WRITING, when="while open", source="consultation"
            )

    def contact(self) -> None:
        s = self.strategy
        organisation = self.loaded.organisation
        self.section("contact", "Contact us")
        for contact in s.contacts:
            details = [f"{contact.name}, {contact.role}."]
            details += [f"Phone: {contact.phone}."] if contact.phone else []
            details += [f"Email: {contact.email}."] if contact.email else []
            said = "The plan says: " + " ".join(details)
            if contact.email and not contact.phone:
                said += "\nReaders need more than an email: add a phone number, a postal address or a text relay number."
            self.point(said, f"You can talk to {contact.name} at the council.", PERSON, source="contacts")
            if contact.phone:
                self.point(None, f"Phone: {in_groups(contact.phone)}", PHONE, source="contacts")
            if contact.email:
                self.point(None, f"Email: {contact.email}", EMAIL, source="contacts")
        if s.contacts:
            return
        ways = [
            ("Phone", organisation.phone and in_groups(organisation.phone), PHONE),
            ("Text relay", organisation.text_relay and in_groups(organisation.text_relay), TEXT_RELAY),
            ("Email", organisation.email, EMAIL),
            ("Write to", organisation.address, POST),
        ]
        given = [(label, value, picture) for label, value, picture in ways if value]
        if not given:
            self.prompt(f"The plan gives no contact, and nor does {organisation.name}. Ask the officer who owns the plan.", NO_CONTACT)
            return
        said = f"The plan gives no contact of its own; {organisation.name} gives these."
        for i, (label, value, picture) in enumerate(given):
            self.point(said if i == 0 else None, f"{label}: {value}", picture)

    def hard_words(self) -> None:
        out = self.out
        terms = {t.term.lower(): t for t in self.library.glossary}
        seen: set[str] = set()
        used = []
        for word in self.strategy.glossary:
            term = terms.get(word.lower())
            if term is not None and word.lower() not in seen:
                seen.add(word.lower())
                used.append((word, term))
        out.blank()
        if not used:
            out.note(2, "The plan uses no word from the glossary. Add any hard word your points use, and say what it means:")
            out.note(2, "hard_words: [{word: ..., means: ...}]")
            return
        out.note(
            2,
            "The hard words the plan uses, from the site's glossary. Keep those your points use and delete the "
            "others; say what each means in easy words.",
        )
        out.key(2, "hard_words")
        for word, term in used:
            stands_for = f" ({term.stands_for})" if term.stands_for else ""
            out.note(4, f"The glossary says: {term.term}{stands_for}:\n{term.meaning}")
            out.key(4, "word", word, item=True)
            out.key(6, "means", f"Say what {word} means in easy words.", prompt=True)


def draft_text(library: Library, loaded: LoadedStrategy, root: Path, today: dt.date) -> tuple[str, int]:
    """The draft of a strategy's edition, and how many values in it are marked !example, read back to be sure."""
    folder = _folder(root, library, loaded)
    writer = _Edition(library, loaded, folder, root / SCHEMA, today).write()
    _read_back(writer, (folder / DRAFT_FILE).relative_to(root).as_posix())
    return writer.text(), writer.prompts


def _folder(root: Path, library: Library, loaded: LoadedStrategy) -> Path:
    return root / library.content_dir / loaded.organisation.id / loaded.slug


def write_draft(root: Path, content_dir: str, strategy_id: str, *, today: dt.date) -> Draft:
    """Write the draft of a strategy's edition beside its strategy.yml, or Refused (or StrategyHasProblems) with nothing written.

    Mistakes in other strategies do not stop it: only the strategy's own files, and the site's files
    every strategy shares, must check cleanly, since the draft is written from them.
    """
    where = (root / content_dir).relative_to(root).as_posix()
    library, problems = read_library(root, content_dir=content_dir)
    if library is None:
        raise StrategyHasProblems("the site's own files", problems)
    # Only a folder the library found is written into, so the name given cannot lead anywhere else.
    if strategy_id not in library.strategy_folders:
        raise Refused(_unknown(where, strategy_id, library))
    file = f"{where}/{strategy_id}/{DRAFT_FILE}"
    path = root / file
    if file_kind(path) != "missing":
        raise Refused(f"{file} already exists: nothing was written. Edit it, or move it away to start a new draft.")
    loaded = library.strategy(strategy_id)
    own = [p for p in problems if p.file.startswith(f"{where}/{strategy_id}/")]
    if loaded is None or own:
        raise StrategyHasProblems(strategy_id, own)
    if loaded.model.easy_read is not None:
        raise Refused(f"{loaded.id} already has an Easy Read edition, in {loaded.source.file_of('easy_read')}: nothing was written.")
    text, prompts = draft_text(library, loaded, root, today)
    # Created only if nothing is there, not even a link, however the file came to be there since the look above.
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    return Draft(file, prompts)


def _unknown(where: str, strategy_id: str, library: Library) -> str:
    with_edition = {s.id for s in library.strategies if s.model.easy_read is not None}
    # A folder's name is the file system's, read before any check of it: it may hold a line break or an escape.
    folders = sorted(library.strategy_folders)
    listed = [f"  {escaped(folder)}{' (has an Easy Read edition)' if folder in with_edition else ''}" for folder in folders]
    return "\n".join(
        [f"There is no strategy '{shown(strategy_id)}' in {where}/. Give one of these, as organisation/folder:", *listed]
        if listed
        else [f"There is no strategy '{shown(strategy_id)}' in {where}/, and no strategy there yet."]
    )
