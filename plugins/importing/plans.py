"""Each strategy or plan a council document sets out, as a draft of the content model.

Councils set out a plan in a few shapes, and each has a recogniser here, driven by the tables of
patterns below rather than by any one document:

- labelled priorities: "Priority one: X", "Priority 1 – X", "Goal 2: X", "Pillar one: X", "Pillar: X"
  as lines, bold headings or list items, each followed by its ambition ("Our ambition is ..."), its
  commitment (one "We will ..." paragraph after the ambition), running text (its description), or
  its actions (a list, "How we will get there:" or "What we will do" and what follows, or a run of
  one-sentence "We will ..." paragraphs); the same label again further on heads that priority's
  action plan, and is its plan_heading where it says more than the title or the commitment;
- listed priorities: a list introduced by a sentence about priorities ("our priorities are:", "...
  priority areas. These include:"), a heading such as "Our priorities" over a list or over headings,
  a list inside the sentence itself ("Our three pillars are: Early, Local, Fair"), or a table whose
  first column is headed "Priority"; an item followed by "How we will get there:" is an outcome, and
  the items after that line, or under it, are its actions;
- action plans: "Year One (2021-2022)" headings over action paragraphs; tables whose header row names
  the years ("Year 1", "2025/26"), where a row's first line may be its theme's name, and a column
  before the years may name each row's theme or priority; tables by "Action", "Lead" and "By when".

A document may hold several strategies (a report with each strategy as an appendix): each starts at
its own title, a line naming a strategy or plan with its years ("SEND Strategy 2024-27", or
"Education Division Strategy" over "April 2021 to March 2024").

Every value is copied as the document writes it, with whitespace made single, and says where it is.
What the document does not give is left out, or, where the content model requires it, a Missing
that an officer must fill: nothing is guessed. The content model keeps actions by year, so actions
the document gives under no year wait under WHOLE_PLAN, a year whose name and days are Missing.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from slugify import slugify

from plugins.importing.document import Block, Cell, Document, Draft, Found, Missing, Node

# --- The council's words ---------------------------------------------------------------------------

# What councils call the parts of a plan, strongest first. Where a document labels more than one
# ("Priority 1" and, under it, "Theme 1"), the strongest names the priorities; theme and workstream
# then name the themes that group a priority's actions.
PRIORITY_WORDS = ("priority", "goal", "pillar", "outcome", "aim", "ambition", "objective")
THEME_WORDS = ("theme", "workstream")
COUNCIL_WORDS = PRIORITY_WORDS + THEME_WORDS
PLURALS = {"priority": "priorities"} | {word: word + "s" for word in COUNCIL_WORDS if word != "priority"}

NUMBER_WORDS = {
    word: n
    for n, words in enumerate(
        [
            ("one", "first"),
            ("two", "second"),
            ("three", "third"),
            ("four", "fourth"),
            ("five", "fifth"),
            ("six", "sixth"),
            ("seven", "seventh"),
            ("eight", "eighth"),
            ("nine", "ninth"),
            ("ten", "tenth"),
            ("eleven", "eleventh"),
            ("twelve", "twelfth"),
        ],
        1,
    )
    for word in words
}
YEAR_KEYS = {n: f"year_{word}" for word, n in NUMBER_WORDS.items() if not word.endswith(("st", "nd", "rd", "th"))}
_NUMBER = r"\d{1,2}|" + "|".join(NUMBER_WORDS)
_WORD = "|".join(COUNCIL_WORDS)

# "Priority one: X", "Priority 1 – X", "Strategic priority 2. X", "Goal 3 X", or "Priority 4" alone
# (its title is then the next line). The word and number are matched in any case; a title that runs
# straight on must start with a capital, so that "Priority 1 is to ..." stays a sentence.
NUMBERED_LABEL = re.compile(
    rf"^(?i:(?:strategic\s+|key\s+)?(?P<word>{_WORD})\s+(?P<number>{_NUMBER}))\b(?!\.\d)\s*(?:[:.)–—-]\s*|(?=[A-Z‘'\"“])|$)(?P<title>.*)$"
)
# "Pillar: Early help": a label without a number, numbered by its order.
NAMED_LABEL = re.compile(rf"^(?i:(?P<word>{_WORD}))\s*:\s*(?P<title>\S.*)$")

# The headings of a plan's years: "Year One (2021-2022)", "Year 2", "Year 3: 2026/27". Anything after
# the number may only be the year's dates, so that "Year 9 students will ..." stays a sentence.
YEAR = re.compile(rf"^(?i:year)\s+(?P<number>{_NUMBER})\b\s*(?P<dates>[:–—-]?\s*\(?[^()]*?\d{{4}}[^()]*?\)?)?\s*$", re.IGNORECASE)

# A strategy attached to a report is titled "Appendix A – SEND Strategy 2024 to 2027": its title follows the dash.
APPENDIX = re.compile(r"^(?i:appendix)\s+\w{1,3}\s*[–—:-]\s*(?=\S)")
# What a strategy's title calls it, and its years written in it: "2024-27", "2026-2029", "2024 to 2027".
PLAN_WORDS = re.compile(r"\b(strategy|plan|programme|program|framework|charter|roadmap)\b", re.IGNORECASE)
YEAR_RANGE = re.compile(r"\b(?P<start>(?:19|20)\d\d)\s*(?:-|–|—|/|to)\s*(?P<end>(?:19|20)\d\d|\d\d)\b")
_MONTH_NAMES = {name.lower(): n for n, name in enumerate(calendar.month_name) if name} | {
    name.lower(): n for n, name in enumerate(calendar.month_abbr) if name
}
_MONTH = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
# A period in months: "April 2021 to March 2024", "from September 2024 until August 2027".
MONTH_RANGE = re.compile(
    rf"(?i:(?:from\s+)?(?P<m1>{_MONTH})\.?\s+(?P<y1>(?:19|20)\d\d)\s*(?:to|until|-|–|—)\s*(?P<m2>{_MONTH})\.?\s+(?P<y2>(?:19|20)\d\d))"
)

_PLURAL = "|".join(PLURALS.values())
# A sentence that introduces a list of priorities: it names them in the plural ("our priorities are:",
# "four key priority areas. These are:"); "a key strategic theme:" introduces something else.
INTRODUCER = re.compile(rf"\b(?i:(?P<plural>{_PLURAL})|(?P<areas>priority areas|areas of priority))\b")
# A heading over a list of them: "Our priorities", "Our three pillars", "Strategic priorities".
LIST_HEADING = re.compile(rf"^(?i:(?:our|the)\s+)?(?:[\w-]+\s+){{0,2}}(?i:{_PLURAL})$")
# A list inside the sentence: "Our three pillars are: Early, Local, Fair." The list is read only if
# its pieces are short names, and as many as the sentence says.
INLINE_LIST = re.compile(
    rf"\b(?i:our|the)\s+(?:(?P<count>{_NUMBER})\s+)?(?:[\w-]+\s+)?(?i:{_PLURAL})\s+(?:are|will be)\s*:?\s+(?P<list>[^:]{{1,500}}?)\.?$"
)
# The line between an outcome and the actions for it.
ACTIONS_FOLLOW = re.compile(
    r"^(?i:how we will (?:get there|do (?:this|it)|achieve (?:this|it|them)|deliver (?:this|it|them))|what we will do|"
    r"what we'?ll do|what we are going to do|(?:our |key )?actions|we will)\s*[:?]?$"
)

# An action plan laid out by what, who and when rather than by year: its columns, by their headings.
ACTION_COLUMNS = {
    "text": re.compile(r"^(?:(?:key |our )?actions?|what we will do|activit(?:y|ies)|deliverables?|commitments?)$"),
    "owner": re.compile(
        r"^(?:lead(?: officer| partner| organisation| agency)?s?|owners?|responsib\w*|who(?: is responsible| will lead)?)$"
    ),
    "due": re.compile(r"^(?:by when|when|timescales?|timeframe|deadline|due(?: date)?|target date|completion date|date)$"),
    "priority": re.compile(rf"^(?:our |strategic )?(?:{'|'.join(PRIORITY_WORDS)}|{'|'.join(PLURALS[w] for w in PRIORITY_WORDS)})$"),
    "theme": re.compile(rf"^(?:{'|'.join(THEME_WORDS)}|{'|'.join(PLURALS[w] for w in THEME_WORDS)}|area|focus)$"),
}
# When an action is due, where a cell gives a month, a day or a year: "March 2025", "31 March 2025", "2026".
DUE = re.compile(
    rf"^(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?i:(?P<month>{_MONTH}))\.?\s+(?P<year>(?:19|20)\d\d)$|^(?P<only>(?:19|20)\d\d)$"
)

AMBITION = re.compile(r"^(?:Our|The) ambition\b|^Ambition\b")
WE_WILL = re.compile(r"^We will\b")
# A line a reader takes as a heading rather than a sentence of text or an action.
_NOT_HEADING = re.compile(r"^(?:We|I|I'm|I’m|My|Our ambition)\b")
_FIRST_PERSON = re.compile(r"^(?:I|I'm|I’m|My|We)\b")

# Sections a plan heads by name.
VISION = re.compile(r"^(?i:(?:our|the)\s+)?(?i:vision)$")
VISION_SENTENCE = re.compile(r"^Our vision (?:is|for)\b")
VALUES = re.compile(r"^(?i:(?:our|the)\s+)?(?i:core\s+)?(?i:values)$")
VALUES_LIST = re.compile(r"\bvalues\b[^|]{0,200}?\s(?:-|–|—|:)\s*(?P<list>[^|]+(?:\|[^|]+)+)$", re.IGNORECASE)
PRINCIPLES = re.compile(r"(?i:principles)$")
PURPOSE = re.compile(r"^(?i:(?:our|the)\s+)?(?i:purpose)(?i:\s+of\s+(?:the|this|our)\s+(?:strategy|plan))?$")
PURPOSE_SENTENCE = re.compile(r"^The purpose of (?:this|the|our) (?:strategy|plan)\b")
MEASURES = re.compile(
    r"^(?i:how (?:will|do|can) we (?:measure|know)|how we will (?:measure|know)|measuring (?:success|progress|impact)|"
    r"measures of success|(?:our )?(?:key )?measures|how success will be measured|monitoring and evaluation)"
)
MEASURE_NOTES = re.compile(r"\b(?:scorecard|dashboard|tools?)\b", re.IGNORECASE)
GOVERNANCE = re.compile(r"^(?i:governance)\b")
# A board's name: a few capitalised words, which may be joined by "and", "of" or "&", ending in Board.
BOARD = re.compile(r"(?<![\w'’&-])(?:[A-Z][\w'’&-]{0,40}\s+)(?:(?:[A-Z][\w'’&-]{0,40}|and|of|for|&)\s+){0,8}Board\b")

# Where two actions run into one line, as text extracted from a table's cell often does, the second
# is split off only where a new sentence visibly starts with no full stop before it: "We will", a
# capitalised verb councils start an action with, or the line's own first words again.
ACTION_VERBS = frozenset(
    "Agree Build Commission Complete Consult Continue Create Deliver Develop Embed Ensure Establish Evaluate Expand "
    "Extend Identify Implement Improve Increase Introduce Launch Monitor Promote Provide Publish Recruit Reduce Review "
    "Strengthen Support Train Undertake Work".split()
)
# Words after which a capitalised word is a name within the sentence, not the start of another.
FUNCTION_WORDS = frozenset("a an and as at by for from in into of on or our the their to with within across including via".split())

# Actions the document gives under no year of the plan: the content model keeps actions by year, so
# these wait under this key, and the year it names is left for an officer to say (a Missing).
WHOLE_PLAN = "whole_plan"


def recognise_plans(doc: Document) -> list[Draft]:
    """Each strategy or plan the document sets out, as a draft; none if it sets out no priorities."""
    blocks = _title_rows_apart(doc.blocks)
    titles = [i for i in range(len(blocks)) if _is_title(blocks, i)]
    plans = []
    # A document with strategies under their own titles (appendices to a covering report) gives one
    # plan for each that sets out priorities; the report before them only summarises them.
    for n, start in enumerate(titles):
        end = titles[n + 1] if n + 1 < len(titles) else len(blocks)
        plan = _plan(blocks[start:end], title_at=0)
        if plan is not None:
            plans.append(plan)
    if plans:
        return plans
    # Otherwise the whole document is one plan, under its first title or the name at its head.
    whole = _plan(blocks, title_at=titles[0] if titles else _opening_title(blocks))
    return [whole] if whole is not None else []


# --- Blocks -------------------------------------------------------------------------------------------


def _title_rows_apart(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """The blocks with each table's title rows taken out as paragraphs before it.

    A Word or PDF action plan often heads its table with the priority's name in a row of its own,
    merged across the columns, above the row that names the years; plain text gives the same name
    as a line before the table. A first row of one distinct text, with a row naming years under
    it, is read as that line, so the priority's actions are found in every format.
    """
    apart: list[Block] = []
    for block in blocks:
        rows = block.rows
        while block.kind == "table" and len(rows) > 2 and _title_row(rows[0]) and any(year_heading(c.text) for c in rows[1]):
            cell = next(c for c in rows[0] if c.text)
            apart.append(Block("paragraph", cell.where, cell.text))
            rows = rows[1:]
        apart.append(block if rows is block.rows else Block("table", block.where, rows=rows))
    return tuple(apart)


def _title_row(row: Sequence[Cell]) -> bool:
    texts = {cell.text for cell in row if cell.text}
    return len(texts) == 1


def where(block: Block) -> str:
    """Where a block is, as an officer finds it: a council's numbered paragraph by its number."""
    if block.kind == "paragraph" and block.number and re.fullmatch(r"\d+(?:\.\d+)*", block.number):
        return f"paragraph {block.number}"
    return block.where


def _following(blocks: Sequence[Block], start: int) -> Iterator[Block]:
    """The blocks from start on, without copying them (a long document is read once, not once a heading)."""
    for i in range(start, len(blocks)):
        yield blocks[i]


def found(text: str, block: Block) -> Found[str]:
    return Found(" ".join(text.split()), where(block))


def _is_text(block: Block) -> bool:
    return block.kind in ("paragraph", "heading")


def is_heading(block: Block) -> bool:
    """Whether a block reads as a heading: plain text does not mark headings, so a short line that is
    not a sentence, an action or a first-person statement counts as one."""
    if block.kind == "heading":
        return True
    if block.kind != "paragraph" or block.number or not block.text or _NOT_HEADING.match(block.text):
        return False
    words = block.text.split()
    if block.bold:
        return len(words) <= 20
    return len(words) <= 10 and block.text[-1] not in ".,;:" and block.text[0].isupper()


def year_heading(text: str) -> re.Match[str] | None:
    """A year's heading ("Year One (2021-2022)"); a long line is never one, and is not tried."""
    return YEAR.match(text) if len(text) <= 60 else None


def _has_words(cell: Cell) -> bool:
    """Whether a cell holds words, as an action does, rather than figures, as a finance table does."""
    return len(re.findall(r"[^\W\d_]{2,}", cell.text)) >= 2


def _is_action(block: Block) -> bool:
    return block.kind == "item" or (block.kind == "paragraph" and bool(WE_WILL.match(block.text)))


def _single_sentence(text: str) -> bool:
    return re.search(r"[.!?]\s+[A-Z]", text) is None


def _continues(block: Block) -> bool:
    """A line that carries on the one before it, cut by a page or line break: it starts in lower case."""
    return block.kind == "paragraph" and not block.number and block.text[:1].islower()


def _title_like(text: str, most: int = 8) -> bool:
    """A short name, such as a theme's: capitalised, no sentence's end, its longer words mostly capitalised."""
    words = text.split()
    if not words or len(words) > most or not text[0].isupper() or text[-1] in ".;:!?," or _NOT_HEADING.match(text):
        return False
    long_words = [w for w in words if len(w.strip("()&")) >= 4]
    capitals = [w for w in long_words if w.strip("(")[:1].isupper()]
    return not long_words or 2 * len(capitals) >= len(long_words)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS[text.lower()]


def _slug(title: str) -> str:
    """An id from a title: its short name where it has one ("Responsive: ..."), or its first few words."""
    short = _short_name(title)
    return slugify(short if short else " ".join(title.split()[:5])) or "priority"


def _short_name(title: str) -> str | None:
    """The name before a colon, as in "Responsive: Coproduction, participation, and communication"."""
    head, colon, rest = title.partition(":")
    if colon and rest.strip() and 1 <= len(head.split()) <= 3:
        return head.strip()
    return None


# --- Titles and periods ---------------------------------------------------------------------------


def _is_title(blocks: Sequence[Block], i: int) -> bool:
    """A strategy's own title: a short line naming a strategy or plan, with its years in it or on the
    line below ("Education Division Strategy" over "April 2021 to March 2024")."""
    block = blocks[i]
    if not _is_text(block) or block.number or not PLAN_WORDS.search(block.text):
        return False
    if len(block.text.split()) > 12 or block.text.endswith(".") or "“" in block.text:
        return False
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    return bool(YEAR_RANGE.search(block.text) or MONTH_RANGE.search(block.text) or (following is not None and _is_period(following)))


def _is_period(block: Block) -> bool:
    """A line that is only a period: "April 2021 to March 2024", "2024 to 2027"."""
    text = block.text.strip()
    found_range = MONTH_RANGE.fullmatch(text) or YEAR_RANGE.fullmatch(text)
    return _is_text(block) and not block.number and found_range is not None


def _opening_title(blocks: Sequence[Block]) -> int | None:
    """Where a report names the plan it is about at its head, before its text begins."""
    for i, block in enumerate(blocks):
        words = block.text.split()
        if block.number or block.kind in ("item", "table") or len(words) > 20:
            return None
        if _is_text(block) and PLAN_WORDS.search(block.text) and len(words) <= 12 and not block.text.endswith("."):
            return i
    return None


def _period(title: Block, below: Block | None) -> dict[str, Node]:
    """The years a strategy covers, from its title or the line under it; months where it gives them."""
    period: dict[str, Node] = {}
    for block in (title, below):
        if block is None or (block is below and not _is_period(block)):
            continue
        months = MONTH_RANGE.search(block.text)
        if months:
            y1, y2 = int(months["y1"]), int(months["y2"])
            m1, m2 = _MONTH_NAMES[months["m1"].lower()], _MONTH_NAMES[months["m2"].lower()]
            period |= {
                "start_year": Found(y1, where(block)),
                "end_year": Found(y2, where(block)),
                "start": Found(f"{y1:04d}-{m1:02d}", where(block)),
                "end": Found(f"{y2:04d}-{m2:02d}", where(block)),
            }
            return period
        years = YEAR_RANGE.search(block.text)
        if years:
            start, end = int(years["start"]), years["end"]
            end_year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
            if end_year < start:
                end_year += 100
            period |= {"start_year": Found(start, where(block)), "end_year": Found(end_year, where(block))}
    return period


# --- A plan -----------------------------------------------------------------------------------------


def _plan(blocks: Sequence[Block], title_at: int | None) -> Draft | None:
    """The draft of the plan these blocks set out, or None where they set out no priorities."""
    walk = _Walk(blocks)
    priorities = walk.labelled()
    listed = _listed(blocks) if walk.labels < 2 else []
    if listed:
        # Priorities set out as a list (one labelled priority is more likely a stray label than a
        # plan); read again knowing them, so that an action plan further on finds its priority.
        walk = _Walk(blocks, listed)
        priorities = walk.labelled()
    if not priorities:
        return None
    draft: Draft = {}
    period: dict[str, Node] = {}
    if title_at is not None:
        title = blocks[title_at]
        below = blocks[title_at + 1] if title_at + 1 < len(blocks) else None
        draft["title"] = found(APPENDIX.sub("", title.text), title)
        period = _period(title, below)
    else:
        draft["title"] = Missing("Housing Strategy 2025 to 2028", "The document does not give the strategy's title.")
    if "end_year" not in period:
        period["end_year"] = Missing(2027, "The document does not say which years the strategy covers.")
    years = _years(walk.years, period, priorities)
    if years:
        period["years"] = years
    draft["period"] = period
    draft |= _headed(blocks)
    # In number order, as the content model has them, where an action plan's table names one first.
    draft["priorities"] = _numbered([p.draft() for p in sorted(priorities, key=lambda p: p.number.value)])
    measures = _measures(blocks)
    if measures:
        draft["measures"] = measures
    governance = _governance(blocks)
    if governance:
        draft["governance"] = governance
    return draft


def _numbered(priorities: list[Draft]) -> list[Node]:
    """The priorities with ids that are each their own: a repeated id takes its number after it."""
    seen: dict[str, int] = {}
    for priority in priorities:
        found_id = priority["id"]
        assert isinstance(found_id, Found)
        slug = found_id.value
        seen[slug] = seen.get(slug, 0) + 1
        if seen[slug] > 1:
            slug = f"{slug}-{seen[slug]}"
        priority["id"] = Found(slug, found_id.where)
    return list(priorities)


# --- Priorities --------------------------------------------------------------------------------------


@dataclass
class _Action:
    text: Found[str]
    theme: Found[str] | None  # the theme's name, as the document writes it
    owner: Found[str] | None = None
    due: Found[dt.date | str] | None = None


@dataclass
class _Priority:
    number: Found[int]
    title: Found[str]
    ambition: Found[str] | None = None
    commitment: Found[str] | None = None
    description: list[Found[str]] = field(default_factory=list)
    plan_heading: Found[str] | None = None
    themes: dict[str, Found[str]] = field(default_factory=dict)  # by name, in the order they come
    actions: dict[str, list[_Action]] = field(default_factory=dict)  # by year key

    def add(
        self,
        year: str,
        text: Found[str],
        theme: Found[str] | None,
        owner: Found[str] | None = None,
        due: Found[dt.date | str] | None = None,
    ) -> None:
        if theme is not None:
            self.themes.setdefault(theme.value, theme)
        self.actions.setdefault(year, []).append(_Action(text, theme, owner, due))

    def draft(self) -> Draft:
        draft: Draft = {"number": self.number, "id": Found(_slug(self.title.value), self.title.where), "title": self.title}
        short = _short_name(self.title.value)
        if short:
            draft["short_name"] = Found(short, self.title.where)
        for name, value in (("ambition", self.ambition), ("commitment", self.commitment)):
            if value is not None:
                draft[name] = value
        if self.description:
            text = "\n\n".join(part.value for part in self.description)
            draft["description"] = Found(text, self.description[0].where)
        if self.plan_heading is not None:
            draft["plan_heading"] = self.plan_heading
        if self.themes:
            draft["themes"] = [{"id": Found(slugify(t.value), t.where), "name": t} for t in self.themes.values()]
        if self.actions:
            draft["actions"] = {year: [_action_draft(a) for a in actions] for year, actions in self.actions.items()}
        return draft


def _action_draft(action: _Action) -> Node:
    node: dict[str, Node] = {"text": action.text}
    if action.theme is not None:
        node["theme"] = Found(slugify(action.theme.value), action.theme.where)
    if action.owner is not None:
        node["owner"] = action.owner
    if action.due is not None:
        node["due"] = action.due
    return node


@dataclass(frozen=True)
class _Label:
    word: str
    number: int | None
    title: str


def _label(block: Block) -> _Label | None:
    if block.kind not in ("paragraph", "heading", "item"):
        return None
    numbered = NUMBERED_LABEL.match(block.text)
    if numbered:
        return _Label(numbered["word"].lower(), _number(numbered["number"]), numbered["title"].strip())
    named = NAMED_LABEL.match(block.text)
    if named:
        return _Label(named["word"].lower(), None, named["title"].strip())
    return None


def _priority_word(blocks: Sequence[Block]) -> str | None:
    """The word this document labels its priorities with: the strongest of the council's words it
    labels two or more things with, so that one stray "Outcome 1:" does not hide a plan's goals."""
    labelled: dict[str, set[object]] = {}
    for label in map(_label, blocks):
        if label is not None:
            labelled.setdefault(label.word, set()).add(label.number if label.number is not None else label.title)
    return next((word for word in COUNCIL_WORDS if len(labelled.get(word, ())) >= 2), None) or next(
        (word for word in COUNCIL_WORDS if word in labelled), None
    )


class _Walk:
    """The labelled priorities, read in one pass: each label starts a priority, or, when it comes
    again, heads that priority's action plan; what follows is read as its text or its actions."""

    def __init__(self, blocks: Sequence[Block], listed: Sequence[_Priority] = ()) -> None:
        self.blocks = blocks
        self.word = _priority_word(blocks)
        self.priorities: list[_Priority] = []
        self.by_number: dict[int, _Priority] = {}
        self.by_title: dict[str, _Priority] = {}
        self.labels = 0  # how many priorities a label of their own starts (not a row of a table)
        self.highest = 0  # the highest number a priority has yet
        for priority in listed:
            self.add_priority(priority)
        self.years: dict[str, Found[str]] = {}  # each year's name, by key, as first found
        self.current: _Priority | None = None
        self.planning = False  # in the priority's action plan rather than its text
        self.item_level = 0  # the list depth of a priority labelled as a list item; 0 if not one
        self.year: str | None = None
        self.theme: Found[str] | None = None
        # A theme whose row a page break cut, with nothing yet under its first year: the next table
        # of the same priority carries it on in its first row.
        self.cut: tuple[_Priority, Found[str]] | None = None

    def labelled(self) -> list[_Priority]:
        i = 0
        while i < len(self.blocks):
            i = self.step(i)
        return self.priorities

    def step(self, i: int) -> int:
        """Read the block at i; the index of the next block to read."""
        block = self.blocks[i]
        label = _label(block)
        if label is not None and label.word == self.word:
            return self.start(i, label)
        if label is not None and label.word in THEME_WORDS and self.current is not None:
            self.theme = found(label.title, block)
            return i + 1
        if block.kind == "table":
            self.table(block)
            return i + 1
        if self.current is None:
            return i + 1
        if self.item_level and not (block.kind == "item" and block.level > self.item_level) and not _continues(block):
            self.current = None  # a priority given as a list item ends with its list
            return i
        year = year_heading(block.text) if _is_text(block) else None
        if year:
            self.year, self.theme, self.planning = self.year_key(year, block), None, True
            return i + 1
        if _is_text(block) and ACTIONS_FOLLOW.match(block.text):
            self.planning = True
            return i + 1
        if is_heading(block):
            return self.heading(i)
        if self.planning or block.kind == "item":
            self.action(block)
            return i + 1
        return self.text(i)

    def start(self, i: int, label: _Label) -> int:
        """A priority's label: a new priority, or the heading of one already found, over its action plan."""
        block = self.blocks[i]
        title, after = label.title, i + 1
        if not title and after < len(self.blocks) and is_heading(self.blocks[after]):
            title, block, after = self.blocks[after].text, self.blocks[after], after + 1
        if not title:
            return after  # "Priority 1" with no name after it names nothing that can be copied
        number = label.number if label.number is not None else self.next_number()
        known = self.by_number.get(number) if label.number is not None else self.by_title.get(title)
        self.year, self.theme = None, None
        self.item_level = self.blocks[i].level if self.blocks[i].kind == "item" else 0
        if known is None:
            self.labels += 1
            self.current = self.add_priority(_Priority(Found(number, where(self.blocks[i])), found(title, block)))
            self.planning = False
        else:
            # The label again, over the priority's action plan (or in the body after a contents list):
            # what follows is its actions once a year, a table or "What we will do" says so.
            self.current, self.planning = known, False
            heading = self.blocks[i].text
            said = {known.title.value, known.commitment.value if known.commitment else None}
            if known.plan_heading is None and title not in said:
                known.plan_heading = found(heading, self.blocks[i])
        return after

    def year_key(self, year: re.Match[str], block: Block) -> str:
        key = YEAR_KEYS.get(_number(year["number"]), f"year_{year['number']}")
        self.years.setdefault(key, found(block.text if block.kind != "table" else year.group(0), block))
        return key

    def heading(self, i: int) -> int:
        """A heading inside a priority: a theme's name when actions follow it, otherwise the end of the priority."""
        block = self.blocks[i]
        following = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        if following is not None and _is_action(following) and block.text[-1] not in "?:" and _title_like(block.text, 10):
            self.theme, self.planning = found(block.text, block), True
            return i + 1
        self.current = None
        return i + 1

    def action(self, block: Block) -> None:
        assert self.current is not None
        for text in split_actions(block.text):
            self.current.add(self.year or WHOLE_PLAN, found(text, block), self.theme)

    def text(self, i: int) -> int:
        """Running text under a priority's label: its ambition, its commitment, its description, or a
        run of short "We will" sentences, each a paragraph of its own, which are its actions."""
        priority, block = self.current, self.blocks[i]
        assert priority is not None
        run = self.actions_run(i)
        if len(run) >= 2:
            for b in run:
                self.action(b)
            return i + len(run)
        if AMBITION.match(block.text) and priority.ambition is None:
            priority.ambition = found(block.text, block)
        elif WE_WILL.match(block.text) and priority.ambition is not None and priority.commitment is None and not priority.description:
            priority.commitment = found(block.text, block)
        else:
            priority.description.append(found(block.text, block))
        return i + 1

    def actions_run(self, i: int) -> list[Block]:
        run = []
        for block in _following(self.blocks, i):
            if block.kind != "paragraph" or block.number or not WE_WILL.match(block.text) or not _single_sentence(block.text):
                break
            run.append(block)
        return run

    def table(self, block: Block) -> None:
        """An action table: its header row names the years, and each row's cells are that year's actions.
        A column before the years names each row's priority, where its heading is a council word for
        priorities ("Priority", "Outcome"), or else each row's theme."""
        header = block.rows[0] if block.rows else ()
        years = self.year_columns(header)
        if not years:
            self.column_table(block)
            return
        if not any(_has_words(cell) for row in block.rows[1:] for cell in row):
            return
        first = min(years)
        lead = header[first - 1].text.lower() if first > 0 else None
        by_priority = lead is not None and any(word in lead for word in PRIORITY_WORDS)
        for r, row in enumerate(block.rows[1:]):
            named_by = row[first - 1] if lead is not None and len(row) >= first and row[first - 1].paragraphs else None
            if by_priority and named_by is not None:
                self.current = self.row_priority(named_by)
            if self.current is None:
                continue
            self.planning = True
            cells = {c: list(row[c].paragraphs) for c in years if c < len(row)}
            theme = self.cut[1] if r == 0 and self.cut is not None and self.cut[0] is self.current else None
            if not by_priority and named_by is not None:
                theme = _cell_found(_theme_name(named_by.text), named_by)
            named = _row_theme(cells.get(first, []), row[first]) if lead is None and first < len(row) else None
            if named is not None:
                theme, cells[first] = named
            for c, paragraphs in cells.items():
                theme = self.cell_actions(years[c], paragraphs, row[c], theme)
        self.cut = self.cut_theme(block.rows[-1], first) if lead is None and len(block.rows) > 1 else None

    def column_table(self, block: Block) -> None:
        """An action plan by columns: the action, who leads it and by when, and perhaps the priority
        or theme it serves; its actions go under the year a heading above it names, if any."""
        roles = _column_roles(block.rows[0])
        if "text" not in roles:
            if "priority" in roles:
                self.priority_table(block, roles["priority"])
            return
        for row in block.rows[1:]:
            cells = {role: row[c] for role, c in roles.items() if c < len(row) and row[c].paragraphs}
            if "priority" in cells:
                self.current = self.row_priority(cells["priority"])
            if self.current is None or "text" not in cells:
                continue
            self.planning = True
            theme = _cell_found(_theme_name(cells["theme"].text), cells["theme"]) if "theme" in cells else self.theme
            owner = _cell_found(cells["owner"].text, cells["owner"]) if "owner" in cells else None
            due = _due(cells["due"]) if "due" in cells else None
            for paragraph in cells["text"].paragraphs:
                for text in split_actions(paragraph):
                    self.current.add(self.year or WHOLE_PLAN, _cell_found(text, cells["text"]), theme, owner, due)

    def priority_table(self, block: Block, column: int) -> None:
        """A table of the priorities themselves ("Priority" | "What it means"): each row names one, and
        the text in its other cells is the priority's description."""
        for row in block.rows[1:]:
            if column >= len(row) or not row[column].paragraphs:
                continue
            priority = self.row_priority(row[column])
            if not priority.description:
                priority.description = [_cell_found(cell.text, cell) for c, cell in enumerate(row) if c != column and _has_words(cell)]
        self.current = None

    def year_columns(self, header: tuple[Cell, ...]) -> dict[int, str]:
        """The columns a header row names as years, with their keys: "Year One (2021-2022)", or,
        where no column says Year, columns that are each only a year such as "2024/25", in order."""
        named = {c: self.year_key(m, cell_block(cell)) for c, cell in enumerate(header) if (m := year_heading(cell.text))}
        if named:
            return named
        dated = [c for c, cell in enumerate(header) if YEAR_RANGE.fullmatch(cell.text.strip())]
        if len(dated) < 2:
            return {}
        keys = {}
        for n, c in enumerate(dated, 1):
            keys[c] = YEAR_KEYS.get(n, f"year_{n}")
            self.years.setdefault(keys[c], _cell_found(header[c].text, header[c]))
        return keys

    def row_priority(self, cell: Cell) -> _Priority:
        """The priority a row names in its first column ("Priority 2: Good jobs", or its title alone):
        one already found, or a new one."""
        label = _label(cell_block(cell))
        title = _cell_found(label.title if label is not None and label.title else cell.text, cell)
        number = label.number if label is not None and label.number is not None else None
        known = self.by_number.get(number) if number is not None else self.by_title.get(title.value)
        if known is None:
            known = self.add_priority(_Priority(Found(number or self.next_number(), cell.where), title))
        return known

    def next_number(self) -> int:
        return self.highest + 1

    def add_priority(self, priority: _Priority) -> _Priority:
        self.highest = max(self.highest, priority.number.value)
        self.priorities.append(priority)
        self.by_number.setdefault(priority.number.value, priority)
        self.by_title.setdefault(priority.title.value, priority)
        return priority

    def cell_actions(self, year: str, paragraphs: list[str], cell: Cell, theme: Found[str] | None) -> Found[str] | None:
        """A cell's actions under its year; the theme they are under, which a name run into the
        first action may change for the rest of the row."""
        assert self.current is not None
        for paragraph in paragraphs:
            run_in = _run_in_theme(paragraph, self.current.themes)
            if run_in is not None:
                theme, paragraph = _cell_found(run_in[0], cell), run_in[1]
            for text in split_actions(paragraph):
                self.current.add(year, _cell_found(text, cell), theme)
        return theme

    def cut_theme(self, last: tuple[Cell, ...], first: int) -> tuple[_Priority, Found[str]] | None:
        """A table's last row holding only its theme's name under the first year was cut by a page break."""
        named = _row_theme(list(last[first].paragraphs), last[first]) if first < len(last) else None
        if self.current is not None and named is not None and not named[1]:
            return self.current, named[0]
        return None


def _column_roles(header: tuple[Cell, ...]) -> dict[str, int]:
    """What each column of an action plan holds, by its heading ("Action", "Lead", "By when")."""
    roles: dict[str, int] = {}
    for c, cell in enumerate(header):
        heading = cell.text.strip().rstrip(":?").strip().lower()
        role = next((role for role, pattern in ACTION_COLUMNS.items() if pattern.match(heading)), None)
        if role is not None:
            roles.setdefault(role, c)
    return roles


def _due(cell: Cell) -> Found[dt.date | str] | None:
    """When an action is due, where its cell is a day, a month or a year and nothing else ("Ongoing" is none)."""
    match = DUE.match(" ".join(cell.text.split()))
    if match is None:
        return None
    if match["only"]:
        return Found(match["only"], cell.where)
    year, month = int(match["year"]), _MONTH_NAMES[match["month"].lower()]
    if match["day"]:
        try:
            return Found(dt.date(year, month, int(match["day"])), cell.where)
        except ValueError:
            return None  # "31 June 2025" is no day: it is left for an officer, not corrected
    return Found(f"{year:04d}-{month:02d}", cell.where)


def cell_block(cell: Cell) -> Block:
    """A cell as a block, so that what is found in it says the cell's place."""
    return Block("paragraph", cell.where, cell.text)


def _cell_found(text: str, cell: Cell) -> Found[str]:
    return Found(" ".join(text.split()), cell.where)


def _row_theme(paragraphs: list[str], cell: Cell | None) -> tuple[Found[str], list[str]] | None:
    """A row's theme, where the first line of its first cell is a short name over the actions, or the
    whole of that cell; and the lines left for actions."""
    if cell is None or not paragraphs:
        return None
    first = _theme_name(paragraphs[0])
    if len(paragraphs) > 1 and _title_like(first):
        return _cell_found(first, cell), paragraphs[1:]
    if len(paragraphs) == 1 and _title_like(first, 6):
        return _cell_found(first, cell), []
    return None


def _theme_name(text: str) -> str:
    """A theme's name without its label: "Theme 2: Repairs" is the theme Repairs."""
    label = NUMBERED_LABEL.match(text) or NAMED_LABEL.match(text)
    if label and label["word"].lower() in THEME_WORDS and label["title"].strip():
        return label["title"].strip()
    return text


def _run_in_theme(text: str, themes: dict[str, Found[str]]) -> tuple[str, str] | None:
    """A theme's name run into the first action of a cell ("Preparing for Adulthood We will launch ..."):
    split off where it is a theme of the priority already, or a short name before "We will"."""
    head, we, rest = text.partition(" We will ")
    if not we or not head:
        return None
    name = _theme_name(head)
    if name in themes or (_title_like(name, 6) and head.split()[-1].lower() not in FUNCTION_WORDS):
        return name, "We will " + rest
    return None


def split_actions(text: str) -> list[str]:
    """The actions in a line, where two run into one with no full stop between them ("... improve their
    experience Commission information and advice ..."). A split is made only before "We will", a
    capitalised verb councils start actions with (followed by a word in lower case other than "of",
    as a verb's object is), or the line's own first three words again; only after a word in lower
    case that is not a small joining word, so that names inside a sentence are never split; and only
    where both parts keep at least three words."""
    words = text.split()
    opening = words[:3]
    starts = [0]
    for j in range(3, len(words) - 2):
        before, word, after = words[j - 1], words[j], words[j + 1]
        if not (before[:1].islower() and before[-1].isalpha()) or before in FUNCTION_WORDS or j - starts[-1] < 3:
            continue
        verb = word in ACTION_VERBS and after[:1].islower() and after != "of"
        if (word == "We" and after == "will") or verb or (len(opening) == 3 and words[j : j + 3] == opening):
            starts.append(j)
    bounds = [*starts, len(words)]
    return [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


# --- Listed priorities ---------------------------------------------------------------------------


def _listed(blocks: Sequence[Block]) -> list[_Priority]:
    """Priorities given as a list: the list introduced by the strongest of the council's words, first
    where two are equally strong ("priority areas" before "workstreams")."""
    found_lists: list[tuple[int, list[_Priority]]] = []
    for i, block in enumerate(blocks):
        strength = _introduces(blocks, i)
        if strength is None:
            continue
        inline = _inline(block)
        if inline:
            _named_paragraphs(blocks, i + 1, inline)
        priorities = inline or _items_after(blocks, i + 1) or _headings_after(blocks, i)
        if len(priorities) >= 2:
            found_lists.append((strength, priorities))
    if not found_lists:
        return []
    return min(found_lists, key=lambda pair: pair[0])[1]


def _strength(text: str) -> int | None:
    """How strongly a text names priorities: the rank of the strongest council word it uses in the plural."""
    ranks = []
    for match in INTRODUCER.finditer(text):
        plural = (match["plural"] or "priorities").lower()
        ranks.append(next(rank for rank, word in enumerate(COUNCIL_WORDS) if PLURALS[word] == plural))
    return min(ranks) if ranks else None


def _introduces(blocks: Sequence[Block], i: int) -> int | None:
    """Whether the block at i introduces a list of priorities, and how strongly."""
    block = blocks[i]
    if block.kind not in ("paragraph", "heading"):
        return None
    text = block.text
    if text.endswith(":"):
        sentences = re.split(r"(?<=[.!?])\s+", text)
        said = " ".join(sentences[-2:])
        # "These are:" on a line of its own says what they are in the line before.
        if len(text.split()) <= 4 and i > 0:
            said = blocks[i - 1].text + " " + said
        return _strength(said)
    if is_heading(block) and LIST_HEADING.match(text):
        return _strength(text)
    if INLINE_LIST.search(text):
        return _strength(text)
    return None


def _inline(block: Block) -> list[_Priority]:
    """A list inside the sentence: "Our three pillars are: Early, Local, Fair"."""
    match = INLINE_LIST.search(block.text)
    if not match or block.text.endswith(":"):
        return []
    names = [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", match["list"]) if n.strip()]
    if len(names) < 2 or any(len(n.split()) > 8 for n in names):
        return []
    if match["count"] and _number(match["count"]) != len(names):
        return []
    return [_Priority(Found(n, where(block)), found(name, block)) for n, name in enumerate(names, 1)]


def _named_paragraphs(blocks: Sequence[Block], start: int, priorities: list[_Priority]) -> None:
    """The paragraphs after an inline list that each start with one of its names ("Early – we will
    identify needs as soon as they appear. We will train ..."): the words after the name are that
    priority's description, and each sentence in them that says "We will" is one of its actions,
    under no year until an officer says which."""
    by_name = {p.title.value.lower(): p for p in priorities}
    for block in _following(blocks, start):
        named = NAMED_PARAGRAPH.match(block.text) if _is_text(block) else None
        priority = by_name.get(named["name"].lower()) if named else None
        if named is None or priority is None:
            break
        rest = named["rest"]
        priority.description.append(found(rest, block))
        for sentence in re.split(r"(?<=[.!?])\s+", rest):
            if re.match(r"[Ww]e will\b", sentence):
                priority.add(WHOLE_PLAN, found(sentence, block), None)


# "Early – we will identify ...": a name, a dash or colon, then what it means.
NAMED_PARAGRAPH = re.compile(r"^(?P<name>[A-Z][\w'’ -]{0,40}?)\s*(?:[–—:]|\s-)\s+(?P<rest>\S.*)$")


@dataclass
class _Entry:
    block: Block
    text: str
    follows: bool = False  # the line saying the actions follow ("How we will get there:")


def _items_after(blocks: Sequence[Block], start: int) -> list[_Priority]:
    """The list that starts at start, as priorities: each item one, or, where "How we will get there:"
    follows an item (an outcome), the items after that line its actions, as are deeper items."""
    entries: list[_Entry] = []
    numbered = 0
    for block in _following(blocks, start):
        if block.kind == "item":
            entries.append(_Entry(block, block.text))
        elif _list_number(block, numbered):
            # "1. Safe homes" under "These are:" is a numbered list's item, at its line, not paragraph 1.
            entries.append(_Entry(Block("item", block.where, block.text, number=block.number, level=1), block.text))
            numbered += 1
        elif entries and _continues(block):
            entries[-1].text += " " + block.text
        elif entries and _is_text(block) and ACTIONS_FOLLOW.match(block.text):
            entries.append(_Entry(block, block.text, follows=True))
        else:
            break
    if not entries:
        return []
    marked = any(e.follows for e in entries)
    top = min(e.block.level for e in entries if not e.follows)
    priorities: list[_Priority] = []
    for k, entry in enumerate(entries):
        if entry.follows:
            continue
        nxt = entries[k + 1] if k + 1 < len(entries) else None
        is_priority = (nxt is not None and nxt.follows) if marked else entry.block.level == top
        if is_priority or not priorities:
            priorities.append(_item_priority(len(priorities) + 1, entry))
        else:
            for text in split_actions(entry.text):
                priorities[-1].add(WHOLE_PLAN, found(text, entry.block), None)
    return priorities


def _headings_after(blocks: Sequence[Block], start: int) -> list[_Priority]:
    """Priorities as the headings under a heading such as "Our priorities", as web pages and Word
    documents give them: the text under each is its description, and a list under it its actions."""
    over = blocks[start]
    if over.kind != "heading":
        return []
    priorities: list[_Priority] = []
    for block in _following(blocks, start + 1):
        if block.kind == "heading" and block.level <= over.level:
            break
        if block.kind == "heading":
            priorities.append(_Priority(Found(len(priorities) + 1, where(block)), found(block.text, block)))
        elif priorities and block.kind == "item":
            for text in split_actions(block.text):
                priorities[-1].add(WHOLE_PLAN, found(text, block), None)
        elif priorities and block.kind == "paragraph":
            priorities[-1].description.append(found(block.text, block))
    return priorities


def _list_number(block: Block, count: int) -> bool:
    """A numbered line that is the next in a list ("1. ...", "2. ..."), not a report's numbered paragraph."""
    return block.kind == "paragraph" and block.number == str(count + 1)


def _item_priority(number: int, entry: _Entry) -> _Priority:
    """A priority given as one item: "Title: what it means." splits into its title and description."""
    block, text = entry.block, " ".join(entry.text.split())
    label = _label(block)
    if label is not None and label.title:
        text = label.title
    title, colon, rest = text.partition(": ")
    if colon and len(title.split()) <= 25 and rest.endswith(".") and len(rest.split()) >= 6:
        return _Priority(Found(number, where(block)), found(title, block), description=[found(rest, block)])
    return _Priority(Found(number, where(block)), found(text, block))


# --- Years --------------------------------------------------------------------------------------------


def _years(names: dict[str, Found[str]], period: dict[str, Node], priorities: list[_Priority]) -> list[Node]:
    """The plan's named years, with their first and last days where the period gives them in months."""
    years: list[Node] = []
    for n, (key, name) in enumerate(names.items()):
        start, end = _year_days(n, name, period)
        years.append({"id": Found(key, name.where), "name": name, "start": start, "end": end})
    if any(WHOLE_PLAN in p.actions for p in priorities):
        why = "The document gives some actions under no year of the plan: say which year, or the whole period, they belong to."
        said_start, said_end = period.get("start_year"), period.get("end_year")
        first = said_start.value if isinstance(said_start, Found) else 2025
        last = said_end.value if isinstance(said_end, Found) else first + 3
        years.append(
            {
                "id": Missing(WHOLE_PLAN, why),
                "name": Missing(f"{first} to {last}", why),
                "start": Missing(dt.date(first, 4, 1), why),
                "end": Missing(dt.date(last, 3, 31), why),
            }
        )
    return years


def _year_days(n: int, name: Found[str], period: dict[str, Node]) -> tuple[Node, Node]:
    """Year n's first and last days. A strategy that runs "April 2021 to March 2024" in years named
    "Year One (2021-2022)" has years from 1 April to 31 March: that is read from the months the
    document states, not guessed; a year named without them is left for an officer."""
    start, end = period.get("start"), period.get("end")
    span = YEAR_RANGE.search(name.value)
    if isinstance(start, Found) and isinstance(end, Found) and isinstance(start.value, str) and isinstance(end.value, str):
        y1, m1 = map(int, start.value.split("-"))
        y2, m2 = map(int, end.value.split("-"))
        first = dt.date(y1 + n, m1, 1)
        last = _next_year(first) - dt.timedelta(days=1)
        fits = (last.year, last.month) <= (y2, m2) and (m2 % 12) + 1 == m1
        if fits and (span is None or int(span["start"]) == first.year):
            at = f"{name.where} and {start.where}"
            return Found(first, at), Found(last, at)
    why = "The document names the year but not its first and last days."
    first_year = int(span["start"]) if span else 2024
    return Missing(dt.date(first_year, 4, 1), why), Missing(dt.date(first_year + 1, 3, 31), why)


def _next_year(day: dt.date) -> dt.date:
    return day.replace(year=day.year + 1)


# --- Sections headed by name ------------------------------------------------------------------------


def _sections(blocks: Sequence[Block]) -> Iterator[tuple[Block, list[Block]]]:
    """Each heading, with the blocks under it up to the next heading."""
    for i, block in enumerate(blocks):
        if not is_heading(block):
            continue
        body = []
        for after in _following(blocks, i + 1):
            if is_heading(after):
                break
            body.append(after)
        yield block, body


def _joined(body: list[Block]) -> Found[str] | None:
    texts = [b for b in body if _is_text(b) and b.text]
    if not texts:
        return None
    return Found("\n\n".join(b.text for b in texts), where(texts[0]))


# The headings of a strategy's background, kept as its sections ("About this strategy"): the words
# councils head them with. Anything else is read for its priorities, or left for a person.
BACKGROUND = re.compile(
    r"^(?:\d+\.?\s+)?(?i:introduction|background|context|(?:the\s+)?(?:national|local|policy)\s+context|our\s+approach|"
    r"foreword|where\s+we\s+are\s+now|what\s+(?:you|families|children\s+and\s+young\s+people)\s+told\s+us|"
    r"why\s+(?:we\s+need|this\s+matters)[\w\s]{0,40})$"
)


def _body(body: list[Block]) -> Found[str] | None:
    """A section's text as Markdown: its paragraphs a blank line apart, a list's items as "- " lines."""
    out: list[str] = []
    for block in body:
        if block.kind == "item" and block.text:
            if out and not out[-1].startswith("- "):
                out.append("")
            out.append(f"- {block.text}")
        elif _is_text(block) and block.text:
            out += ["", block.text] if out else [block.text]
    first = next((b for b in body if _is_text(b) and b.text), None)
    return Found("\n".join(out), where(first)) if first is not None else None


def _headed(blocks: Sequence[Block]) -> Draft:
    """The vision, purpose, principles and values, where the document heads or states them, and the
    background sections it heads as councils do ("Introduction", "Our Approach")."""
    draft: Draft = {}
    sections: list[Node] = []
    for heading, body in _sections(blocks):
        text = heading.text
        if BACKGROUND.match(text) and (section_body := _body(body)) is not None:
            sections.append({"heading": found(text, heading), "body": section_body})
        elif VISION.match(text) and "vision" not in draft and (vision := _joined(body)):
            draft["vision"] = vision
        elif PURPOSE.match(text) and "purpose" not in draft and (purpose := _joined(body)):
            draft["purpose"] = purpose
        elif PRINCIPLES.search(text) and len(text.split()) <= 8 and "principles" not in draft:
            principles: list[Node] = [found(b.text, b) for b in body if b.kind in ("paragraph", "item") and b.text]
            if principles:
                draft["principles"] = principles
        elif VALUES.match(text) and "values" not in draft:
            values: list[Node] = [found(b.text, b) for b in body if b.kind in ("paragraph", "item") and b.text]
            if values:
                draft["values"] = values
    for block in blocks:
        if not _is_text(block):
            continue
        if "vision" not in draft and VISION_SENTENCE.match(block.text):
            draft["vision"] = found(block.text, block)
        if "purpose" not in draft and PURPOSE_SENTENCE.match(block.text):
            draft["purpose"] = found(block.text, block)
        if "values" not in draft and "|" in block.text and (values_list := VALUES_LIST.search(block.text)):
            draft["values"] = [found(v, block) for v in _values(values_list["list"])]
    if sections:
        draft["sections"] = sections
    return draft


def _values(text: str) -> list[str]:
    """Values set out as "Be confident | Be clear | Be fair": the last runs on into the sentence
    ("Be fair to deliver this vision."), so it ends before the first small word after its own."""
    values = [v.strip() for v in text.split("|")]
    last = values[-1].rstrip(".").split()
    longest = max(len(v.split()) for v in values[:-1])
    for k in range(1, len(last)):
        if last[k] in FUNCTION_WORDS and k >= min(longest, len(last)) - 1:
            last = last[:k]
            break
    values[-1] = " ".join(last)
    return values


def _measures(blocks: Sequence[Block]) -> Draft:
    """How success will be measured: the section's text, its outcome statements ("I feel safe"), and
    the tools and dashboards it names as notes."""
    for heading, body in _sections(blocks):
        if not MEASURES.match(heading.text):
            continue
        text = [b for b in body if b.kind in ("paragraph", "item") and b.text]
        outcomes = [b for b in text if _FIRST_PERSON.match(b.text) and len(b.text.split()) <= 12]
        if len(outcomes) < 2:
            outcomes = []  # one short sentence is part of the text, not a list of outcome statements
        notes = [b for b in text if b not in outcomes and MEASURE_NOTES.search(b.text)]
        summary = [b for b in text if b not in outcomes and b not in notes and not b.text.endswith(":")]
        measures: Draft = {}
        if summary:
            measures["summary"] = Found("\n\n".join(b.text for b in summary), where(summary[0]))
        if outcomes:
            measures["outcomes"] = [found(b.text, b) for b in outcomes]
        if notes:
            measures["notes"] = Found("\n\n".join(b.text for b in notes), where(notes[0]))
        return measures
    return {}


def _governance(blocks: Sequence[Block]) -> Draft:
    """A governance section: its text, and the boards it names ("the SEND Improvement Board"); and,
    anywhere in the document, each board that "reports to" another, with the one it reports to."""
    governance: Draft = {}
    boards: dict[str, dict[str, Node]] = {}
    for heading, body in _sections(blocks):
        if not GOVERNANCE.match(heading.text):
            continue
        description = _joined(body)
        if description is None:
            break
        governance["description"] = description
        for block in body:
            for match in BOARD.finditer(block.text):
                _board(boards, match.group(0), where(block))
        break
    for block in blocks:
        for match in REPORTS_TO.finditer(block.text):
            below = _board(boards, match.group("board"), where(block))
            above = _board(boards, match.group("to"), where(block))
            below.setdefault("reports_to", Found(_board_id(boards, above), where(block)))
    if boards:
        governance["boards"] = list(boards.values())
    return governance


# A body a board reports to, by the words councils end their names with.
_BODY = (
    r"(?:[A-Z][\w'’&-]*\s+)(?:(?:[A-Z][\w'’&-]*|and|of|for|&)\s+){0,8}(?:Board|Partnership|Committee|Group|Forum|Panel|Cabinet|Executive)\b"
)
# "the SEND and Inclusion Partnership Board which reports to the Children and Families Partnership".
REPORTS_TO = re.compile(rf"(?P<board>{_BODY})\s*,?\s+(?:which\s+|that\s+)?(?:reports?|reporting)\s+(?:in)?to\s+(?:the\s+)?(?P<to>{_BODY})")


def _board(boards: dict[str, dict[str, Node]], name: str, at: str) -> dict[str, Node]:
    """The board of this name, one already found if either name ends the other ("the SEND ... Board"
    and "the Leicestershire SEND ... Board" are one board, named by the longer)."""
    name = re.sub(r"^The\s+", "", name)  # "The Schools Forum" at a sentence's start is the Schools Forum
    for known, board in list(boards.items()):
        if known.endswith(" " + name) or known == name:
            return board
        if name.endswith(" " + known):
            del boards[known]
            board["name"] = Found(name, at)
            boards[name] = board
            return board
    boards[name] = {"id": Found(slugify(name), at), "name": Found(name, at)}
    return boards[name]


def _board_id(boards: dict[str, dict[str, Node]], board: dict[str, Node]) -> str:
    found_id = board["id"]
    assert isinstance(found_id, Found)
    return str(found_id.value)
