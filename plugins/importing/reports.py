"""A council's committee report recognised: the report itself, and what it says about the strategy it presents.

Most strategies reach a council's website through a committee report written to the modern.gov template:
an opening (the meeting and its date, the title, whose report it is), then sections under headings the
template fixes (Purpose of the Report, Recommendations, Timetable for Decisions, Background Papers,
Officer(s) to Contact...), each of numbered paragraphs. The report is kept as the report (the Report in
report.yml); what it says of the strategy (where it stands, the consultation, the decisions on the way,
who to contact, the papers behind it) goes to the strategy's own fields, with where each came from.

Nothing is reworded. Two things are only presented differently, and say so where they are done: a line
set in capitals ("REPORT OF THE DIRECTOR OF CHILDREN AND FAMILY SERVICES") is written in title case, as
the rest of the report writes such names, keeping every word and the acronyms the report itself writes
in capitals (SEND); and a line the PDF broke over a page is joined again. Whatever the report leaves to
an officer (a consultation with no closing date, a paper with no link) is said in needs_a_person.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from plugins.content.dates import first_day, last_day
from plugins.importing.document import Block, Document, Draft, Found, Missing, Node

# --- The template's headings ------------------------------------------------------------------------

# The headings of the committee report template, with the variants councils write, each under the part
# of the report it is. A heading is matched whole, in any case, in the singular or plural, with "(s)",
# "the" and a closing colon set aside; a short note in brackets after it ("(Key Decision)", "(including
# Scrutiny)") stays with it.
SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "purpose": ("Purpose of the Report", "Purpose of Report", "Purpose of this Report", "Purpose", "Summary", "Executive Summary"),
    "recommendations": (
        "Recommendations",
        "Recommended actions/decision",
        "Recommended actions",
        "Decisions required",
        "Decisions requested",
    ),
    "reasons": ("Reasons for Recommendations", "Reasons for Decision"),
    "timetable": ("Timetable for Decisions", "Timetable"),
    "policy": ("Policy Framework and Previous Decisions", "Policy Framework", "Previous Decisions"),
    "resources": ("Resource Implications", "Financial Implications", "Resources"),
    "circulation": ("Circulation under the Local Issues Alert Procedure", "Circulation under Local Issues Alert Procedure"),
    "contacts": ("Officer(s) to Contact", "Contact Officer(s)", "Contact details", "Report Author", "Contact"),
    "background": ("Background", "Background information", "Introduction and Background"),
    "consultation": ("Consultation", "Consultation and Engagement", "Consultation/engagement", "Scrutiny / stakeholder engagement"),
    "equality": (
        "Equality Implications",
        "Equalities Implications",
        "Equality and Human Rights Implications",
        "Equality, Diversity and Inclusion Implications",
        "Equality Impact Assessment",
    ),
    "human rights": ("Human Rights Implications",),
    "other implications": ("Other Implications and Impact Assessments", "Other Relevant Impact Assessments", "Other Implications"),
    "environment": ("Environmental Implications", "Environmental Impact", "Climate Change Implications", "Climate Emergency Implications"),
    "partnership": ("Partnership Working and Associated Issues", "Partnership Working"),
    "risk": ("Risk Assessment", "Risk Assessment and Management", "Risk Management", "Risk Implications"),
    "crime": ("Crime and Disorder Implications",),
    "health": ("Health Implications", "Health Impact Assessment"),
    "legal": ("Legal Implications", "Legal Considerations"),
    "conclusions": ("Conclusions",),
    "proposal": ("Proposals",),
    "papers": (
        "Background Papers",
        "List of Background Papers",
        "Background Documents",
        "Background information and other papers",
        "Background papers and other documents",
    ),
    "appendices": ("Appendices", "Appendix", "Summary of appendices", "List of Appendices", "Appendices attached"),
    "useful information": ("Useful information",),
}
# The parts of a report that go to fields of their own rather than to the report's sections, as the
# report.yml files written by hand have them: the officers to contact and the background papers.
_OWN_FIELDS = {"contacts", "papers"}
# Lines that divide the template into its public and exempt parts: structure of the paper, not content.
_PART = re.compile(r"(?:PART|Part)\s+[A-C]\.?")


def _heading_key(text: str) -> str:
    # "Reasons for Recommendation" and "Reason for Recommendations" are one heading: plurals are set aside.
    text = re.sub(r"\(s\)", "", text.lower())
    text = re.sub(r"\bthe\b", " ", text)
    words = text.replace(":", " ").rstrip(". ").split()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


_KNOWN: dict[str, str] = {_heading_key(variant): kind for kind, variants in SECTION_HEADINGS.items() for variant in variants}
# A note in brackets after a heading that belongs to it, not to the section's text.
_HEADING_NOTE = re.compile(r"\((?:[^()?]{1,40})\)")


def known_heading(text: str) -> tuple[str, str, str] | None:
    """The kind of template heading a line is, its heading as written, and anything after it on the line.

    "Recommendations (Key Decision)" is a recommendations heading whole; "Other implications (You will
    need to have considered...?)" is an other-implications heading followed by the template's own note."""
    plain = text.strip().rstrip(":").strip()
    if len(plain) > 300:  # a heading with the template's note is shorter; a paragraph is not read as one
        return None
    if _heading_key(plain) in _KNOWN:
        return _KNOWN[_heading_key(plain)], plain, ""
    opening = plain.find("(", 1)
    while opening != -1:
        head, rest = plain[:opening].strip(), plain[opening:].strip()
        if _heading_key(head) in _KNOWN:
            if _HEADING_NOTE.fullmatch(rest) or _HEADING_NOTE.fullmatch(rest.rstrip(":")):
                return _KNOWN[_heading_key(head)], plain, ""
            return _KNOWN[_heading_key(head)], head, rest
        opening = plain.find("(", opening + 1)
    return None


# --- Dates as councils write them ---------------------------------------------------------------------

_MONTHS = {name: n for n, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)"
_ORDINAL = r"(?:st|nd|rd|th)"
# A date in any of the ways reports write one: "10 February 2025", "Thursday 18 July 2024", "the 2nd of
# September", "October 7th 2021", "20/04/2026", "July 2026"; and a day alone where a range gives the
# rest ("between 1 and 30 May 2025"). A day and month without a year are kept only inside a range.
_DATE = re.compile(
    rf"(?<![\w/.]){_WEEKDAY}?(?:the\s+)?(?P<d1>\d{{1,2}}){_ORDINAL}?(?:\s+of)?\s+(?P<m1>{_MONTH})(?:,?\s+(?P<y1>\d{{4}}))?(?![\w/])"
    rf"|(?<![\w]){_WEEKDAY}?(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}){_ORDINAL}?,?\s+(?P<y2>\d{{4}})(?!\d)"
    rf"|(?<![\w/.])(?P<d3>\d{{1,2}})/(?P<m3>\d{{1,2}})/(?P<y3>\d{{4}})(?![\d/])"
    rf"|(?<![\w])(?P<m4>{_MONTH})\s+(?P<y4>\d{{4}})(?!\d)"
    rf"|(?<![\w/.£$%])(?:the\s+)?(?P<d5>\d{{1,2}}){_ORDINAL}?"
    rf"(?=\s*(?:[-–—]|and\b|&|to\b|until\b|till\b)\s*(?:the\s+)?\d{{1,2}}{_ORDINAL}?(?:\s+of)?\s+{_MONTH})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateSaid:
    """A date where a sentence says it: a day, or a month, or (inside a range) a day lacking its month or year."""

    start: int
    end: int
    day: int | None
    month: int | None
    year: int | None

    @property
    def whole(self) -> bool:
        return self.month is not None and self.year is not None

    def value(self) -> dt.date | str | None:
        """The date as the draft holds it: a day, or "YYYY-MM" where only the month is given."""
        if self.month is None or self.year is None or not 1900 <= self.year <= 2200:
            return None
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None

    def completed_by(self, later: DateSaid) -> DateSaid:
        """The first date of a range, taking the month and year the range's second date gives.

        "from 10 February to 6 April 2025": 10 February 2025. "from 2 December to 20 January 2025" runs
        over the year's end, so its first day is in 2024."""
        month = self.month or later.month
        year = self.year or later.year
        done = DateSaid(self.start, self.end, self.day, month, year)
        if self.year is None and year is not None and month is not None and later.month is not None and month > later.month:
            done = DateSaid(self.start, self.end, self.day, month, year - 1)
        return done


def dates_in(text: str) -> list[DateSaid]:
    """Every date a sentence gives, in order."""
    found = []
    for match in _DATE.finditer(text):
        day, month, year = _parts(match)
        found.append(DateSaid(match.start(), match.end(), day, month, year))
    return found


def _parts(match: re.Match[str]) -> tuple[int | None, int | None, int | None]:
    def month(name: str | None) -> int | None:
        return _MONTHS.get(name.lower()[:3]) if name else None

    if match["m1"]:
        return int(match["d1"]), month(match["m1"]), int(match["y1"]) if match["y1"] else None
    if match["m2"]:
        return int(match["d2"]), month(match["m2"]), int(match["y2"])
    if match["m3"]:
        number = int(match["m3"])
        # Day first, as in the UK: 10/06/2026 is 10 June.
        return int(match["d3"]), number if 1 <= number <= 12 else None, int(match["y3"])
    if match["m4"]:
        return None, month(match["m4"]), int(match["y4"])
    return int(match["d5"]), None, None


def _one_date(text: str) -> DateSaid | None:
    found = [said for said in dates_in(text) if said.value() is not None]
    return found[0] if found else None


def _one_day(text: str) -> tuple[DateSaid, dt.date] | None:
    """The first day (not a month) a text gives, where it says it, and the day."""
    for said in dates_in(text):
        value = said.value()
        if isinstance(value, dt.date):
            return said, value
    return None


# --- Words -------------------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"')]?\s+(?=[A-Z“\"‘'(])")
# Words a sentence does not end on: a paragraph that stops on one ran on over a page break.
_RUNS_ON = set("a an and are as at be by for from in into is its of on or that the their this through to which with".split())
# The words that end the name of a meeting or of the body that holds it.
_BODY_WORD = r"(?:Cabinet|Council|Committee|Board|Partnership|Executive|Panel|Forum|Commission|Assembly|Meeting|Scrutiny)"
# A Markdown link, its address allowed one pair of brackets inside ("javascript:alert(1)").
_LINK_ADDRESS = r"[^()\s]*(?:\([^()\s]*\)[^()\s]*)*"
_MARKDOWN_LINK = re.compile(rf"\[([^\[\]]*)\]\(({_LINK_ADDRESS})\)")
_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'()\[\]]+", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def _words_only(text: str) -> str:
    """Text with each Markdown link that goes nowhere a reader can follow ("[website](#)", as PDFs
    leave a link to a page on the council's own network) written as its words: the words are the
    council's, the dead address is not."""

    def keep(match: re.Match[str]) -> str:
        address = match.group(2).lower()
        return match.group(0) if address.startswith(("http://", "https://", "mailto:")) else match.group(1)

    return _MARKDOWN_LINK.sub(keep, text)


def _plain(block: Block) -> str:
    """A block's words, without the marks of a Markdown heading that plain text keeps ("## ")."""
    return re.sub(r"^#{1,6}\s+", "", block.text).strip()


def _capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _terminated(text: str) -> bool:
    return text.rstrip(" ”\"')*").endswith((".", "!", "?", ":", ";"))


def _runs_on(previous: str, text: str) -> bool:
    """Whether text carries on the previous paragraph, which a page break cut off mid-sentence."""
    if not text or not previous:
        return False
    first = text.split()[0]
    if "@" in first or "://" in first:
        return False  # an email address or a link on a line of its own, as contact blocks write them
    if text[0].islower():
        return True
    last = previous.rstrip().split()[-1].lower() if previous.split() else ""
    return previous.rstrip().endswith(("-", ",", "–")) or last in _RUNS_ON


_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"}


class Capitals:
    """How a line set in capitals is written in title case, keeping the acronyms the report writes in capitals.

    Setting a heading in capitals is the template's presentation, not the council's words: the
    hand-written report.yml files write "REPORT OF THE DIRECTOR OF CHILDREN AND FAMILY SERVICES" as
    "Report of the Director of Children and Family Services", and so does this. A word the report writes
    in capitals in its ordinary text (SEND, EHCP, BEST) is an acronym and stays in capitals."""

    def __init__(self, blocks: tuple[Block, ...]) -> None:
        self.acronyms: set[str] = set()
        for block in blocks:
            if block.text and not _capitals(block.text):
                self.acronyms.update(word for word in re.findall(r"\b[A-Z][A-Z0-9&]+\b", block.text) if len(word) > 1)

    def __call__(self, text: str) -> str:
        if not _capitals(text):
            return text
        words = text.split()
        written = []
        for n, word in enumerate(words):
            core = re.sub(r"[^\w&]", "", word)
            if core in self.acronyms or any(ch.isdigit() for ch in core):
                written.append(word)
            elif n > 0 and core.lower() in _SMALL_WORDS and not words[n - 1].endswith(":"):
                written.append(word.lower())
            else:
                lead = len(word) - len(word.lstrip("(“\"‘'"))
                written.append(word[:lead] + word[lead : lead + 1].upper() + word[lead + 1 :].lower())
        return " ".join(written)


# --- The report read into its opening and sections -------------------------------------------------------


@dataclass
class Line:
    """A paragraph or list item of a section: its words, its number or letter, and where it is."""

    kind: str  # "paragraph" or "item"
    text: str
    where: str
    number: str | None = None
    level: int = 0
    in_numbered: bool = False  # an item inside a numbered paragraph, as "a)" under "3. It is recommended that:"
    paragraph: str | None = None  # that paragraph's number
    carried_on: list[str] = field(default_factory=list)  # the text a page break carried on to the next lines

    @property
    def words(self) -> str:
        return _words_only(self.text)

    @property
    def ends(self) -> str:
        """The last words written so far, which say whether the next line carries on."""
        return self.carried_on[-1] if self.carried_on else self.text

    def close(self) -> None:
        if self.carried_on:
            self.text = " ".join([self.text, *self.carried_on])
            self.carried_on = []


@dataclass
class Section:
    heading: str
    where: str
    kind: str | None  # the template heading's kind ("purpose", "papers"...), None for a heading of the report's own
    lines: list[Line] = field(default_factory=list)
    answered: bool = False  # a question answered on the heading's own line ("Is this a key decision? No")


@dataclass
class Opening:
    meeting: Found[str] | None = None
    date: Found[dt.date] | None = None
    title: Found[str] | None = None
    author: Found[str] | None = None


def _where(line: Line | Block) -> str:
    """Where an officer finds a line: "paragraph 29" for a council's numbered paragraph, "paragraph 3 b)"
    for an item in it, else the reader's place ("line 61")."""
    number = line.number
    if line.kind == "paragraph" and number and re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*", number):
        return f"paragraph {number}"
    if isinstance(line, Line) and line.kind == "item" and line.paragraph:
        return f"paragraph {line.paragraph} {number}" if number else f"paragraph {line.paragraph}"
    return line.where


def _numbered_heading(number: str, text: str) -> str:
    # "1. Summary" and "4.1 Financial implications", as the Leicester template numbers its headings.
    return f"{number} {text}" if "." in number else f"{number}. {text}"


_QUESTION = re.compile(r"(?:Is|Are|Does|Do|Has|Have|Will|Was|What|Who|Why|How|Which|When)\b.*\?", re.DOTALL)
_LABEL = re.compile(r"([A-Z][\w /()-]{1,40}):\s*(.*)")
_AUTHOR = re.compile(r"(?:joint\s+)?(?:report|statement|position statement)\s+(?:of|by|from)\s+\S", re.IGNORECASE)
_AUTHOR_LABELS = ("lead director/officer", "lead director", "lead officer", "report author", "author", "report of", "report by")
_MEETING_LABELS = ("meeting", "report to", "decision to be taken by", "decision maker", "committee", "name of meeting")
_TITLE_LABELS = ("title", "report title", "subject", "title of report")
_DATE_LABELS = ("date of meeting", "meeting date", "date of decision", "date")


class ReportReader:
    """Reads a Document's blocks into the report's opening, its sections, and where the report ends."""

    def __init__(self, doc: Document) -> None:
        self.blocks = doc.blocks
        self.capitals = Capitals(doc.blocks)
        self.opening = Opening()
        self.author_as_written = ""
        self.before_sections: list[Block] = []
        self.sections: list[Section] = []
        self.end = len(self.blocks)  # the first block after the report (an appendix printed with it)
        self.read()

    def read(self) -> None:
        self.read_sections()
        for section in self.sections:
            for line in section.lines:
                line.close()

    def read_sections(self) -> None:
        i = self.read_opening()
        current: Section | None = None
        n = len(self.blocks)
        while i < n:
            block = self.blocks[i]
            text = _plain(block)  # as written: a background paper's link is read from it
            if block.kind != "table" and _PART.fullmatch(text):
                i += 1
                continue
            if block.kind == "table":
                # A table goes to the strategy's tables; the line over it is its caption, not the section's text.
                if current and current.lines and current.lines[-1].kind == "paragraph" and current.lines[-1].number is None:
                    if current.lines[-1].where == self.blocks[i - 1].where:
                        current.lines.pop()
                i += 1
                continue
            if current is not None and self.report_ends(current, block, text):
                self.end = i
                return
            heading = self.heading_at(i, current)
            if heading is not None:
                current = heading
                self.sections.append(current)
                i += 1
                # "(Key Decision)" on the line under "Recommendations" belongs to the heading.
                if i < n and _HEADING_NOTE.fullmatch(_plain(self.blocks[i])) and not current.answered:
                    current.heading += " " + _plain(self.blocks[i])
                    i += 1
                continue
            if current is None:
                self.before_sections.append(block)
                i += 1
                continue
            self.add(current, block, text)
            i += 1

    def read_opening(self) -> int:
        """Read the opening lines; the index of the first block after them."""
        i = 0
        n = len(self.blocks)
        author_open = False
        while i < n and i < 16:
            block = self.blocks[i]
            text = _plain(block)
            if block.kind == "table" or block.kind == "item" or block.number is not None or known_heading(text):
                break
            if _PART.fullmatch(text):
                i += 1
                continue
            if self.opening.title is not None and self.opening.author is not None and self.starts_section(i, None):
                break
            if self.read_meeting(i):
                author_open = False
                i += 1
                continue
            names_body = text.endswith(":") or re.search(rf"\b{_BODY_WORD}\b", text, re.IGNORECASE)
            if names_body and self.opening.meeting is None and i + 1 < n and self.bare_date(self.blocks[i + 1]):
                i += 1  # "CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY COMMITTEE:" over its date: read with the date
                continue
            if self.read_author(block, text):
                author_open = True
                i += 1
                continue
            if author_open and self.opening.author is not None and self.continues_author(text):
                i += 1
                continue
            author_open = False
            titled = _LABEL.fullmatch(text)
            if titled and titled.group(1).strip().lower() in _TITLE_LABELS and self.opening.title is None:
                self.opening.title = Found(self.capitals(titled.group(2).strip()), block.where)
                i += 1
                continue
            if self.opening.title is None and len(text.split()) <= 25 and not _terminated(text):
                self.opening.title = Found(self.capitals(text.rstrip(":")), block.where)
                i += 1
                continue
            title = self.opening.title
            if (
                title is not None
                and self.opening.author is None
                and _capitals(text)
                and title.where == self.blocks[i - 1].where
                and _capitals(self.blocks[i - 1].text)
            ):
                # A title set in capitals that the page broke over two lines.
                self.opening.title = Found(self.capitals(_plain(self.blocks[i - 1]) + " " + text), title.where)
                i += 1
                continue
            if len(text.split()) <= 8 and not _terminated(text) and self.opening.title is not None:
                i += 1  # a department's name and suchlike under the title
                continue
            break
        return i

    def read_meeting(self, i: int) -> bool:
        block = self.blocks[i]
        text = _plain(block).strip()
        label = _LABEL.fullmatch(text)
        if label and (label.group(1).strip().lower() in _DATE_LABELS or label.group(1).strip().lower().endswith(" date")):
            day = _one_day(label.group(2))
            if day is not None and self.opening.date is None:
                self.opening.date = Found(day[1], block.where)
                return True
        if label and label.group(1).strip().lower() in _MEETING_LABELS and label.group(2).strip():
            rest = label.group(2).strip()
            day = _one_day(rest)
            if day is not None and self.opening.date is None:
                self.opening.date = Found(day[1], block.where)
                rest = rest[: day[0].start].rstrip(" ,–—-:")
            if rest and self.opening.meeting is None:
                self.opening.meeting = Found(self.capitals(_meeting_name(rest)), block.where)
            return True
        if self.opening.date is not None:
            return False
        report_to = re.match(r"report\s+to\s+(?:the\s+)?(.+)", text, re.IGNORECASE)
        day = _one_day(text)
        if day is None:
            return False
        said, value = day
        before = text[: said.start].strip()
        after = text[said.end :].strip(" .")
        if after:
            return False
        if report_to:
            # "Report to the Executive on 7 October 2021": the meeting is what the report goes to.
            before = re.sub(
                r"(?:\s+(?:on|at its meeting on|meeting on|meeting of|dated))+$", "", text[report_to.start(1) : said.start].strip()
            )
        name = before.rstrip(" ,–—-:")
        above_names = i > 0 and (
            _plain(self.blocks[i - 1]).endswith(":") or re.search(rf"\b{_BODY_WORD}\b", _plain(self.blocks[i - 1]), re.I)
        )
        if not name and above_names and self.opening.meeting is None:
            # "CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY COMMITTEE:" over "3 MARCH 2026".
            above = _plain(self.blocks[i - 1])
            if self.opening.title is not None and self.opening.title.where == self.blocks[i - 1].where:
                self.opening.title = None
            name, where = above.rstrip(" ,–—-:"), self.blocks[i - 1].where
        else:
            where = block.where
        if name and len(name.split()) <= 12 and self.opening.meeting is None:
            self.opening.meeting = Found(self.capitals(_meeting_name(name)), where)
        self.opening.date = Found(value, block.where)
        return True

    def bare_date(self, block: Block) -> bool:
        said = _one_date(_plain(block))
        return said is not None and said.start == 0 and not _plain(block)[said.end :].strip(" .")

    def read_author(self, block: Block, text: str) -> bool:
        if self.opening.author is not None:
            return False
        label = _LABEL.fullmatch(text)
        if label and label.group(1).strip().lower() in _AUTHOR_LABELS and label.group(2).strip():
            self.opening.author = Found(text, block.where)
            return True
        if _AUTHOR.match(text) and self.opening.title is not None:
            self.author_as_written = text
            self.opening.author = Found(self.capitals(text), block.where)
            return True
        return False

    def continues_author(self, text: str) -> bool:
        """An author line that runs on to the next line: the rest of a name in capitals, or a second name."""
        author = self.opening.author
        assert author is not None
        if _capitals(self.author_as_written):
            if not _capitals(text) or known_heading(text):
                return False
            self.author_as_written += " " + text
            self.opening.author = Found(self.capitals(self.author_as_written), author.where)
            return True
        if _name_like(text):
            # "Lead director/officer: Tracie Rees" over "Sue Welford": the names of one line of the form.
            self.opening.author = Found(f"{author.value}, {text}", author.where)
            return True
        return False

    # The sections.
    def starts_section(self, i: int, current: Section | None) -> bool:
        return self.heading_at(i, current) is not None

    def heading_at(self, i: int, current: Section | None) -> Section | None:
        block = self.blocks[i]
        text = _words_only(_plain(block))
        if block.kind in ("table", "item") or not text:
            return None
        previous = current.lines[-1].ends if current and current.lines else ""
        if block.number is not None:
            return self.numbered_heading_at(i, block, text)
        known = known_heading(text)
        if known:
            kind, heading, rest = known
            section = Section(self.capitals(heading), block.where, kind)
            if rest:
                section.lines.append(Line("paragraph", rest, block.where))
            return section
        if previous and _runs_on(previous, text):
            return None
        words = len(text.split())
        marked = block.kind == "heading" or re.match(r"#{1,6}\s", block.text) is not None or (block.bold and words <= 15)
        if marked and not _terminated(text.rstrip(":")) and words <= 20:
            return Section(self.capitals(text.rstrip(":")), block.where, None)
        j = self.next_index(i)
        following = None if j is None else self.blocks[j]
        if (
            j is not None
            and following is not None
            and words <= 12
            and text[0].isupper()
            and not _terminated(text)
            and not text.endswith(",")
            and following.kind == "paragraph"
            and following.number is not None
            and self.numbered_heading_at(j, following, _plain(following)) is None
        ):
            return Section(self.capitals(text), block.where, None)
        return None

    def numbered_heading_at(self, i: int, block: Block, text: str) -> Section | None:
        """A numbered line that is a heading, as the Leicester template numbers them: "1. Summary", over
        paragraphs of their own; "9. Is this a private report? No, this is not a private report.", a
        question the line answers itself."""
        number = block.number or ""
        if not re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*", number):
            return None
        known = known_heading(text)
        following = self.next_block(i)
        opens_text = following is not None and (
            following.kind == "item"
            or (following.kind == "paragraph" and following.number is None and not known_heading(_plain(following)))
            or (following.number is not None and following.number.startswith(number + "."))
        )
        if known and (opens_text or known[2]):
            kind, heading, rest = known
            section = Section(_numbered_heading(number, heading), block.where, kind)
            if rest:
                section.lines.append(Line("paragraph", rest, block.where))
            return section
        question = _QUESTION.match(text)
        if question and text[question.end() :].strip():
            section = Section(_numbered_heading(number, text[: question.end()]), block.where, None, answered=True)
            section.lines.append(Line("paragraph", text[question.end() :].strip(), block.where))
            return section
        if len(text.split()) <= 10 and text[:1].isupper() and not _terminated(text) and opens_text:
            if following is not None and following.kind == "paragraph" and following.number is None:
                if _runs_on(text, _plain(following)):
                    return None
            return Section(_numbered_heading(number, text), block.where, None)
        return None

    def next_index(self, i: int) -> int | None:
        """The index of the block after i, passing over PART A and PART B."""
        for j in range(i + 1, min(i + 4, len(self.blocks))):
            if not _PART.fullmatch(_plain(self.blocks[j])):
                return j
        return None

    def next_block(self, i: int) -> Block | None:
        j = self.next_index(i)
        return None if j is None else self.blocks[j]

    def report_ends(self, current: Section, block: Block, text: str) -> bool:
        """Whether a block is past the report's end: the first line under an answered question, or
        under the list of appendices, that is not an appendix, is the appendix itself printed after."""
        if block.number is not None or known_heading(text):
            return False
        if current.answered:
            return True
        if current.kind == "appendices" and block.kind != "item":
            return not re.match(r"(?:Appendix|Annex|Annexe|Enclosure)\b", text, re.IGNORECASE) and not _NONE.fullmatch(text)
        return False

    def add(self, current: Section, block: Block, text: str) -> None:
        last = current.lines[-1] if current.lines else None
        if block.kind == "item":
            paragraph = None
            if last is not None and last.kind == "paragraph" and last.number is not None:
                paragraph = last.number
            elif last is not None and last.in_numbered:
                paragraph = last.paragraph
            current.lines.append(Line("item", text, block.where, block.number, max(block.level, 1), paragraph is not None, paragraph))
            return
        if block.number is None and last is not None and _runs_on(last.ends, text):
            last.carried_on.append(text)
            return
        if last is not None:
            last.close()
        current.lines.append(Line("paragraph", text, block.where, block.number))


def _meeting_name(text: str) -> str:
    return re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.IGNORECASE)


_ROLE_WORDS = set(
    (
        "director manager head officer lead assistant chief executive interim service services team coordinator "
        "co-ordinator adviser advisor commissioner principal senior strategic deputy education council department "
        "partnership group board committee cabinet member information"
    ).split()
)
_NAME_PARTICLES = {"de", "van", "von", "der", "le", "la", "da", "di", "du", "bin", "al"}
_TITLES = {"dr", "mr", "mrs", "ms", "miss", "mx", "cllr", "councillor", "prof", "professor"}


def _name_like(text: str) -> bool:
    """Whether a line is a person's name: two to five capitalised words, none of them a job's."""
    words = text.replace(".", " ").split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in text) or "@" in text:
        return False
    for word in words:
        bare = word.strip("(),;:'’")
        if bare.lower() in _ROLE_WORDS:
            return False
        if bare.lower() in _NAME_PARTICLES or bare.lower() in _TITLES:
            continue
        if not bare[:1].isupper() or not re.fullmatch(r"[A-Za-zÀ-ÿ'’-]+", bare):
            return False
    return True


# --- Section bodies ------------------------------------------------------------------------------------------


def section_body(section: Section) -> str | None:
    """The section's text as report.yml writes it: "N. text" for a numbered paragraph, its list items
    indented under it ("    - " or "    a) "); paragraphs without numbers a blank line apart."""
    out: list[str] = []
    previous: Line | None = None
    for line in section.lines:
        if line.kind == "item":
            depth = line.level if line.in_numbered else line.level - 1
            indent = "    " * max(depth, 0)
            if line.number:
                # A lettered item is a paragraph of its own inside the numbered paragraph.
                out += ["", f"{indent}{line.number} {line.text}"]
            else:
                if previous is not None and previous.kind == "paragraph" and not previous.number and out:
                    out.append("")
                out.append(f"{indent}- {line.text}")
        elif line.number:
            number = line.number if "." in line.number else f"{line.number}."
            out.append(f"{number} {line.text}")
        else:
            if out:
                out.append("")
            out.append(line.text)
        previous = line
    text = _words_only("\n".join(out).strip("\n"))
    return text or None


def _span(lines: list[Line]) -> str:
    numbers = [line.number for line in lines if line.kind == "paragraph" and line.number and re.fullmatch(r"\d{1,3}", line.number)]
    if numbers and len(numbers) == len([line for line in lines if line.kind == "paragraph"]):
        return f"paragraph {numbers[0]}" if len(numbers) == 1 else f"paragraphs {numbers[0]}-{numbers[-1]}"
    return lines[0].where if lines else ""


# --- What the report says, sentence by sentence ------------------------------------------------------------


@dataclass(eq=False)
class Said:
    """A sentence of the report, where it is, the section it is in, and the paragraph it belongs to."""

    text: str
    where: str
    section: Section | None
    paragraph: list[Said] = field(default_factory=list)  # the sentences of its numbered paragraph, with its items
    position: int = 0  # its place in the paragraph

    @property
    def so_far(self) -> list[Said]:
        """The sentences of its paragraph up to and including this one."""
        return self.paragraph[: self.position + 1]

    @property
    def next(self) -> Said | None:
        return self.paragraph[self.position + 1] if self.position + 1 < len(self.paragraph) else None


def sayings(reader: ReportReader, report_found: bool) -> list[Said]:
    """Every sentence of the report's sections (of the whole document where it is not a report), in order."""
    out: list[Said] = []
    paragraph: list[Said] = []
    if report_found:
        for section in reader.sections:
            if section.kind in ("papers", "contacts", "appendices"):
                continue
            for line in section.lines:
                if not (line.kind == "item" and line.in_numbered):
                    paragraph = []
                for sentence in sentences(_words_only(line.text)):
                    out.append(Said(sentence, _where(line), section, paragraph, len(paragraph)))
                    paragraph.append(out[-1])
        return out
    for block in reader.blocks:
        if block.kind == "table":
            continue
        paragraph = []
        for sentence in sentences(_words_only(_plain(block))):
            out.append(Said(sentence, _where(block), None, paragraph, len(paragraph)))
            paragraph.append(out[-1])
    return out


# --- The consultation ------------------------------------------------------------------------------------------

_ABOUT_CONSULTING = re.compile(
    r"consult|survey|questionnaire|have your say|\brespon(?:d|ds|ded|ding|se|ses)\b|\bfeedback\b|\bcomments?\b", re.IGNORECASE
)
_TIME_OF_DAY = r"(?:midnight|midday|noon|\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm))"
# The words before a date that make it the first day: "from", "between", "commence on", "opens on".
_OPENS_BEFORE = re.compile(
    rf"(?:\bfrom|\bbetween|\bcommenc\w*|\bstart\w*|\bbegin\w*|\bbegan|\bopen\w*|\blaunch\w*|\bgo(?:es)?\s+live)"
    rf"(?:\s+(?:on|at|the|{_TIME_OF_DAY}))*\s*$",
    re.IGNORECASE,
)
# The words before a date that make it the last day: "until", "by", "closes on", "deadline".
_CLOSES_BEFORE = re.compile(
    rf"(?:\buntil|\btill|\bby|\bthrough|\bno later than|\bclos\w*|\bend\w*|\bdeadline\w*|\bfinish\w*)"
    rf"(?:\s+(?:is|of|for|responses|on|at|the|end|of|{_TIME_OF_DAY}))*\s*$"
    r"|\b(?:closing\s+date|deadline)\b[^.;]{0,60}?\b(?:is|will be|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# The words between a range's two dates: "to", "until", "and run until", "–", "and closes at midnight on".
_RANGE_BETWEEN = re.compile(
    rf"\s*,?\s*(?:and\s+)?(?:(?:will\s+)?(?:run|runs|running|continue|continues|close|closes|closing|end|ends|ending|finish|finishes)\s+)?"
    rf"(?:to|until|till|through|and|on|&|[-–—])(?:\s+(?:{_TIME_OF_DAY}|on|the))*\s*",
    re.IGNORECASE,
)
# A month on its own, after words that say the consultation is in it: "will take place in July 2026".
_IN_MONTH_BEFORE = re.compile(
    r"(?:take|takes|taking)\s+place\s+in\s*$|(?:\brun|\bruns|\bheld|\bhappen|\bcarried out|\bconducted|\bundertaken)\s+in\s*$",
    re.IGNORECASE,
)
_OPENS_IN_MONTH_BEFORE = re.compile(r"(?:open|start|begin|launch|commence)\w*\s+in\s*$", re.IGNORECASE)
_LENGTH = re.compile(
    r"\b(?P<length>(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen)"
    r"[- ](?:week|month|day))\b(?=[- ](?:long\s+)?(?:public\s+|formal\s+|statutory\s+)?(?:consult|engage|period|survey|exercise|process))"
    r"|\bfor\s+(?:a\s+period\s+of\s+)?(?P<weeks>(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen)"
    r"\s+(?:weeks|months|days))\b",
    re.IGNORECASE,
)
# What a sentence on how to take part says: the survey, the form, the address, the events.
_HOW = re.compile(
    r"\b(?:online survey|survey|questionnaire|have your say|respond|responses? (?:can|may|should|must|will) be|e-?mail|write to|"
    r"in writing|by post|take part|drop-in|feedback form|complete (?:the|our|an?) |consultation (?:portal|hub|page|website))\b",
    re.IGNORECASE,
)


@dataclass
class Window:
    """The days a consultation sentence gives: the first, the last, or both."""

    said: Said
    opens: DateSaid | None = None
    closes: DateSaid | None = None
    dates: list[DateSaid] = field(default_factory=list)  # every date the sentence spends on the window


def consultation_window(said: Said) -> Window | None:
    """The consultation's opening and closing days, if the sentence gives them, in any of the ways reports
    write them: "commence on 10 February 2025 and run until 6 April 2025", "from the 2nd of September
    until the 20th of October 2024", "between 1 and 30 May 2025", "by Thursday 18 July 2024", "runs until
    midnight on 6 April 2025", "20/04/2026", "in July 2026"."""
    text = said.text
    found = dates_in(text)
    window = Window(said)
    k = 0
    while k < len(found):
        date = found[k]
        before = text[max(0, (found[k - 1].end if k else 0), date.start - 80) : date.start]
        if k + 1 < len(found):
            later = found[k + 1]
            between = text[date.end : later.start]
            dashed = bool(re.fullmatch(r"\s*[-–—]\s*", between))
            if later.whole and _RANGE_BETWEEN.fullmatch(between) and (_OPENS_BEFORE.search(before) or dashed):
                first = date.completed_by(later)
                if first.value() is not None and later.value() is not None and window.opens is None:
                    window.opens, window.closes = first, later
                    window.dates += [date, later]
                    k += 2
                    continue
        if date.whole and date.value() is not None:
            if date.day is None and _IN_MONTH_BEFORE.search(before) and window.opens is None:
                window.opens = window.closes = date
                window.dates.append(date)
            elif date.day is None and _OPENS_IN_MONTH_BEFORE.search(before) and window.opens is None:
                window.opens = date
                window.dates.append(date)
            elif _CLOSES_BEFORE.search(before) and window.closes is None:
                window.closes = date
                window.dates.append(date)
            elif _OPENS_BEFORE.search(before) and window.opens is None:
                window.opens = date
                window.dates.append(date)
        k += 1
    return window if window.dates else None


def _about_consulting(everything: list[Said]) -> list[Said]:
    """The sentences about a consultation: in a Consultation section, or in a paragraph that has spoken of
    consulting by then ("It is proposed to hold an 8-week consultation ... this will commence on ...")."""
    about: list[Said] = []
    spoken: list[Said] | None = None  # the paragraph that has spoken of consulting
    for said in everything:
        if _ABOUT_CONSULTING.search(said.text):
            spoken = said.paragraph
        if (said.section is not None and said.section.kind == "consultation") or spoken is said.paragraph:
            about.append(said)
    return about


def _found_date(said: DateSaid, where: str) -> Found[object]:
    return Found(said.value(), where)


def _in_order(first: DateSaid, last: DateSaid) -> bool:
    a, b = first.value(), last.value()
    return a is not None and b is not None and first_day(a) <= last_day(b)


@dataclass
class Consulting:
    draft: Draft
    windows: list[Window]
    chosen: Window | None
    public: bool


def recognise_consultation(everything: list[Said], needs: list[str]) -> Consulting | None:
    windows = [w for said in _about_consulting(everything) for w in [consultation_window(said)] if w is not None]
    lengths = [
        (m, said)
        for said in everything
        if re.search(r"consult", said.text, re.IGNORECASE) or (said.section is not None and said.section.kind == "consultation")
        for m in [_LENGTH.search(said.text)]
        if m is not None
    ]
    if not windows and not lengths:
        return None

    def rank(window: Window) -> tuple[int, int]:
        both = int(window.opens is not None and window.closes is not None)
        in_section = int(window.said.section is not None and window.said.section.kind == "consultation")
        return (both, in_section)

    chosen = max(windows, key=rank) if windows else None
    opens = (chosen.opens, chosen.said.where) if chosen and chosen.opens else None
    closes = (chosen.closes, chosen.said.where) if chosen and chosen.closes else None
    if chosen is not None and (opens is None or closes is None):
        # "The consultation opens on 1 May 2025." ... "It closes on 30 June 2025.": the other day from another
        # sentence of the same section, if it comes in order, never from another consultation told elsewhere.
        for other in windows:
            if other.said.section is not chosen.said.section:
                continue
            if opens is None and other.opens and closes and _in_order(other.opens, closes[0]):
                opens = (other.opens, other.said.where)
            if closes is None and other.closes and opens and _in_order(opens[0], other.closes):
                closes = (other.closes, other.said.where)
    draft: Draft = {}
    if opens is not None:
        draft["opens"] = _found_date(*opens)
    else:
        draft["opens"] = Missing(dt.date(2026, 1, 5), "The report does not say when the consultation opens.")
        needs.append("The report does not say when the consultation opens: add consultation.opens.")
    if closes is not None:
        draft["closes"] = _found_date(*closes)
    else:
        draft["closes"] = Missing(dt.date(2026, 2, 27), "The report does not say when the consultation closes.")
        needs.append("The report does not say when the consultation closes: add consultation.closes.")
    near = chosen.said if chosen else lengths[0][1]
    length = next(((m, said) for m, said in lengths if said.paragraph is near.paragraph), lengths[0] if lengths else None)
    if length is not None:
        draft["length"] = Found(length[0].group("length") or length[0].group("weeks"), length[1].where)
    how = _how_to_respond(near, everything)
    if how is not None:
        draft["how_to_respond"] = Found(how.text, how.where)
        link = _WEB_ADDRESS.search(how.text)
        if link:
            draft["survey"] = Found(link.group(0).rstrip(".,;"), how.where)
    else:
        draft["how_to_respond"] = Missing("Complete the online survey.", "The report does not say how to respond to the consultation.")
        needs.append("The report does not say how to respond to the consultation: add consultation.how_to_respond.")
    public = any(re.search(r"public consultation", s.text, re.IGNORECASE) for s in everything)
    return Consulting(draft, windows, chosen, public)


def _how_to_respond(near: Said, everything: list[Said]) -> Said | None:
    """The sentence saying how to take part: in the paragraph that gives the dates, else in its section."""
    same_paragraph = near.paragraph
    same_section = [s for s in everything if near.section is not None and s.section is near.section]
    consulting = [s for s in everything if re.search(r"consult", s.text, re.IGNORECASE)]
    for group in (same_paragraph, same_section, consulting):
        # A sentence of its own on how to respond, before one that gives the dates and says "respond" in passing.
        for said in sorted(group, key=lambda s: bool(dates_in(s.text))):
            if _HOW.search(said.text) and re.search(
                r"consult|survey|respon|questionnaire|have your say", said.text + near.text, re.IGNORECASE
            ):
                return said
    return None


# --- Contacts ----------------------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?:\b(?:e-?mail(?:\s+address)?|e)\s*[.:]?\s*)?(?P<email>(?<![\w.+'-])[\w.+'-]{1,64}@[\w-]+(?:\.[\w-]+)+)", re.IGNORECASE
)
_PHONE = re.compile(
    r"(?:\b(?:tel(?:ephone)?|phone|mobile|mob|direct\s+(?:line|dial)|t)(?:\s*(?:no\.?|number))?\s*[.:]?\s*)?"
    r"(?P<phone>(?:\+44\s?(?:\(0\)\s?)?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?:\s*(?:ext\.?|extension)\s*\d{2,6})?)(?!\d)",
    re.IGNORECASE,
)
_LOCAL_PHONE = re.compile(r",\s*(?P<phone>(?:ext\.?\s*)?\d[\d ]{5,12}\d)$", re.IGNORECASE)
_ROLE_LABEL = re.compile(r"(?:job\s+title|role|position|designation)\s*:\s*(?P<role>.+)", re.IGNORECASE)
_NAME_LABEL = re.compile(
    r"(?P<label>contact\s+officers?|officers?\s+to\s+contact|contact\s+name|contact|name|report\s+authors?|lead\s+officers?|authors?)\s*[.:]\s*",
    re.IGNORECASE,
)
# A label whose words are the officer's role in the report: "Report author: Jane Pierce".
_ROLE_LABELS = re.compile(r"report\s+authors?|lead\s+officers?|authors?", re.IGNORECASE)


@dataclass
class _Officer:
    name: Found[str] | None = None
    role: Found[str] | None = None
    phone: Found[str] | None = None
    email: Found[str] | None = None

    def started(self) -> bool:
        return self.name is not None and (self.role is not None or self.phone is not None or self.email is not None)


def recognise_contacts(lines: list[tuple[str, str]]) -> list[_Officer]:
    """The officers a block of lines names, each with their role, phone and email as written.

    Reads "Jane Moore, Director of Children and Families Services" over "Telephone: 0116 305 2649" and
    "Email: Jane.Moore@leics.gov.uk"; a name and a role on lines of their own; "Contact officer: Jane
    Smith, Head of SEND, Tel: 0116 496 0000, email: jane.smith@example.gov.uk" on one line; and "Report
    author: Jane Pierce / Sue Welford" over "Author contact details: jane.pierce@...; sue.welford@..."."""
    officers: list[_Officer] = []
    for text, where in lines:
        role_from_label: str | None = None
        label = _NAME_LABEL.match(text)
        details_only = re.match(r"(?:author\s+)?contact\s+details\s*:\s*", text, re.IGNORECASE)
        if details_only:
            text = text[details_only.end() :]
        elif label:
            if _ROLE_LABELS.fullmatch(label.group("label")):
                role_from_label = label.group("label")
            text = text[label.end() :]
        emails = [(m.group("email"), m) for m in _EMAIL.finditer(text)]
        phones = [(m.group("phone").strip(), m) for m in _PHONE.finditer(text)]
        rest = text
        for _, m in sorted([*emails, *phones], key=lambda pair: pair[1].start(), reverse=True):
            rest = rest[: m.start()] + " | " + rest[m.end() :]
        role_match = _ROLE_LABEL.search(rest)
        role_said = None
        if role_match:
            role_said = role_match.group("role").split("|")[0].strip(" ,;/")
            rest = rest[: role_match.start()]
        rest = re.sub(r"(?:\|\s*)+", "|", rest).strip(" ,;/|–-")
        pieces = [p.strip(" ,;/–-") for p in rest.split("|") if p.strip(" ,;/–-")]
        words = pieces[0].rstrip(" .,;") if pieces else ""
        local = _LOCAL_PHONE.search(words)
        if local and not phones:
            # "Sukhi Biring, Equalities Officer, 454 4175": an extension or local number after the role.
            phones = [(local.group("phone"), local)]
            words = words[: local.start()].rstrip(" ,")
        names = [n.strip() for n in re.split(r"\s*(?:/|;|\band\b)\s*", words)] if words else []
        if len(names) > 1 and all(_name_like(n) for n in names):
            for name in names:
                officers.append(_Officer(Found(name, where), Found(role_from_label, where) if role_from_label else None))
        elif words:
            head, _, tail = words.partition(",")
            current = officers[-1] if officers else None
            if _name_like(head.strip()):
                current = _Officer(Found(head.strip(), where))
                officers.append(current)
                if tail.strip():
                    current.role = Found(tail.strip(), where)
                elif role_from_label:
                    current.role = Found(role_from_label, where)
            elif current is not None and current.role is None and len(words.split()) <= 12:
                current.role = Found(words, where)
        current = officers[-1] if officers else None
        if current is None:
            continue
        if role_said and current.role is None:
            current.role = Found(role_said, where)
        lacking_email = [o for o in officers if o.email is None]
        if len(emails) > 1 and len(lacking_email) >= len(emails):
            # "Author contact details: a@...; b@..." pairs with the names above it, in order.
            for officer, (email, _) in zip(lacking_email[-len(emails) :], emails, strict=True):
                officer.email = Found(email, where)
        elif emails and current.email is None:
            current.email = Found(emails[0][0], where)
        if phones and current.phone is None:
            current.phone = Found(phones[0][0], where)
    return [o for o in officers if o.name is not None]


# --- Background papers ----------------------------------------------------------------------------------------

_QUOTES = {"“": "”", '"': '"', "‘": "’", "'": "'"}
_NONE = re.compile(r"(?:none|nil|n/?a|not applicable|there are no background papers?\b.*|no background papers?\b.*)\.?", re.IGNORECASE)
_TO_MEETING = re.compile(
    r"(?:(?:a|the)\s+)?(?:report|paper|minutes|decision)s?(?:\s+(?:of|by)\s+(?:the\s+)?[^,]+?)?\s+to\s+(?:the\s+)?", re.IGNORECASE
)


@dataclass
class _Paper:
    text: str
    where: str
    link: str | None = None
    link_where: str = ""


def _unquoted(title: str) -> str:
    title = title.strip().rstrip(":;,–—- ").strip()
    if len(title) > 1 and title[0] in _QUOTES and title.endswith(_QUOTES[title[0]]) and title.count(title[0]) <= 2:
        return title[1:-1].strip()
    return title


def paper_fields(text: str) -> tuple[str, str | None, DateSaid | None]:
    """A background paper's title, meeting and date, from the ways reports list them:
    "Report to the Cabinet on 22 November 2024 “Proposed Transfer …”", "Medium Term Financial Planning,
    Children and Families Overview and Scrutiny Committee, 20 January 2026:", "Title (Cabinet, 18 September 2020)"."""
    text = text.strip()
    to_meeting = _TO_MEETING.match(text)
    if to_meeting:
        rest = text[to_meeting.end() :]
        said = _one_date(rest)
        if said is not None:
            meeting = re.sub(
                r"(?:\s*,|\s+(?:on|of|dated|held on|at its meeting on|meeting on|meeting of))+\s*$", "", rest[: said.start].strip()
            )
            title = _unquoted(rest[said.end :].lstrip(" ,:–—-"))
            if meeting:
                return title or text, _meeting_name(meeting), said
    found = [d for d in dates_in(text) if d.value() is not None]
    if found:
        said = found[-1]
        head = text[: said.start].rstrip(" ,(–—-")
        tail = text[said.end :].strip(" .:)")
        if not tail:
            parts = [p.strip() for p in re.split(r"\s*,\s*|\s+\(|\s+[–—-]\s+", head) if p.strip()]
            if len(parts) >= 2 and re.search(rf"\b{_BODY_WORD}\b", parts[-1]):
                meeting = _meeting_name(parts[-1])
                title = head[: head.rfind(parts[-1])].rstrip(" ,(–—-")
                return _unquoted(title), meeting, said
            return _unquoted(head) or text, None, said
    return _unquoted(text), None, None


def recognise_papers(lines: list[Line]) -> list[_Paper]:
    papers: list[_Paper] = []
    for line in lines:
        text = line.text.strip()
        if _NONE.fullmatch(text):
            continue
        link: str | None = None
        address = re.search(rf"<([^<>\s]+)>|\[([^\[\]]*)\]\(({_LINK_ADDRESS})\)|(https?://\S+)", text)
        if address:
            if address.group(1) or address.group(4):
                link = (address.group(1) or address.group(4)).rstrip(".,;)")
                text = (text[: address.start()] + text[address.end() :]).strip()
            else:
                link = address.group(3)
                text = (text[: address.start()] + address.group(2) + text[address.end() :]).strip()
        if not text and papers and link is not None and papers[-1].link is None:
            papers[-1].link, papers[-1].link_where = link, line.where
            continue
        if not text:
            continue
        papers.append(_Paper(text, _where(line), link, _where(line)))
    return papers


# --- The decisions on the way ------------------------------------------------------------------------------------

_NAME_WORD = r"(?:[A-Z][\w’'&-]*)"
_BODY = re.compile(rf"{_NAME_WORD}(?:(?:\s+(?:and|of|for|the|on|&))*\s+{_NAME_WORD})*")
_DECIDERS = set("cabinet council committee board partnership executive panel forum commission assembly member mayor".split())
_NOT_NAMES = set(
    (
        "the a an on in at it by to for from following after before subject this that both since when its their our "
        "once each every report reports further"
    ).split()
)
_MEETING_VERBS = re.compile(
    r"\b(?:agree\w*|approv\w*|consider\w*|receiv\w*|not(?:e|ed)\b|authoris\w*|authoriz\w*|endors\w*|present\w*|submit\w*|"
    r"meet|met|meeting|decid\w*|decision|resolv\w*|discuss\w*|report\w*|recommend\w*|adopt\w*|scrutinis\w*|held|comment\w*|support\w*)",
    re.IGNORECASE,
)
# A meeting's date follows "on" or "in": "at its meeting on 6 November 2024", "The Cabinet in September
# 2020 agreed"; a date after "until" or "through to" is the end of something, not a meeting.
_MEETING_DATE_BEFORE = re.compile(r"\b(?:on|in|during|dated|of)\s*(?:the\s+)?$", re.IGNORECASE)


def _meeting_date(text: str, said: DateSaid) -> bool:
    before = text[: said.start]
    return not before.strip() or _MEETING_DATE_BEFORE.search(before[-24:]) is not None


_FUTURE = re.compile(
    r"\b(?:will|shall|is intended|intended|propos\w*|is due|are due|due to|to be|be submitted|be presented|would|plans? to|planned|"
    r"subject to|expected|scheduled)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:agreed|approved|received|considered|noted|authori[sz]ed|endorsed|presented|submitted|met|decided|resolved|held|"
    r"discussed|reported|adopted|supported|gave|was|were|had|has been|have been)\b",
    re.IGNORECASE,
)
_OUTCOME_VERBS = re.compile(
    r"\b(?:gave|agreed|approved|endorsed|supported|resolved|recommended|welcomed|asked|requested|commented|decided|noted)\b", re.IGNORECASE
)


def event_kind(body: str) -> str:
    lower = body.lower()
    if "scrutiny" in lower:
        return "scrutiny"
    if re.search(r"\b(?:lead member|mayor|executive|director)\b", lower):
        return "decision"
    if "cabinet" in lower:
        return "cabinet"
    if lower.endswith("council"):
        return "council"
    if re.search(r"\b(?:board|partnership|forum|panel)$", lower):
        return "board"
    return "other"


@dataclass(frozen=True)
class _Body:
    name: str
    start: int
    end: int
    bare: bool  # "the Board": a body the sentence names by its kind alone


def bodies_in(text: str) -> list[_Body]:
    """The committees, boards and meetings a sentence names, as written: "the Cabinet", "the Children and
    Families Overview and Scrutiny Committee", "the Health and Wellbeing Board"."""
    found = []
    for match in _BODY.finditer(text):
        words = [(match.start() + w.start(), match.start() + w.end(), w.group()) for w in re.finditer(r"\S+", match.group(0))]
        # "Members of the County Council": the body is the one after "of the".
        for n in range(len(words) - 2, 0, -1):
            if words[n][2] == "of" and words[n + 1][2] == "the":
                words = words[n + 2 :]
                break
        while words and words[0][2].lower() in _NOT_NAMES:
            words = words[1:]
        # The name ends on the word that says what the body is: "the SEND Reform Partnership Plan" is a plan.
        if not words or words[-1][2].lower() not in _DECIDERS:
            continue
        start, end = words[0][0], words[-1][1]
        if text[end : end + 2] in ("'s", "’s"):
            continue  # "the Cabinet's approval": not a meeting
        bare = len(words) == 1 and text[max(0, start - 4) : start].lower() == "the "
        found.append(_Body(text[start:end], start, end, bare))
    return found


@dataclass
class Event:
    date: object
    body: str
    kind: str
    what: str
    where: str
    status: str
    outcome: Found[str] | None = None


def _status(date: object, text: str, report_date: dt.date | None, after: int = 0) -> str:
    """held where the source says it happened, or its date is past and nothing says it is still to come;
    planned for "will", "is intended", "proposed", and for anything after the report's meeting.

    The tense is the first one after the body's name ("the Board agreed", "the Cabinet will receive"),
    else the first in the clause, so that "agreed the draft, subject to minor amendments" is past."""
    day = date if isinstance(date, dt.date) else None
    latest = day or (last_day(date) if isinstance(date, str) else None)
    if report_date is not None and latest is not None and latest > report_date:
        return "planned"
    for start in (after, 0):
        cues = [(m.start(), "planned") for m in _FUTURE.finditer(text, start)] + [(m.start(), "held") for m in _PAST.finditer(text, start)]
        if cues:
            return min(cues)[1]
    if report_date is not None and latest is not None and latest < report_date:
        return "held"
    return "planned"


def recognise_events(
    everything: list[Said], consulting: Consulting | None, meeting: str | None, report_date: dt.date | None
) -> list[Event]:
    events: list[Event] = []
    spent = {(id(w.said), d.start) for w in (consulting.windows if consulting else []) for d in w.dates}
    for said in everything:
        text = said.text
        found = [
            d for d in dates_in(text) if d.whole and d.value() is not None and (id(said), d.start) not in spent and _meeting_date(text, d)
        ]
        if not found:
            continue
        named = bodies_in(text)
        for k, date in enumerate(found):
            lower = found[k - 1].end if k else 0
            upper = found[k + 1].start if k + 1 < len(found) else len(text)
            before = [b for b in named if lower <= b.start and b.end <= date.start]
            after = [b for b in named if b.start >= date.end and b.end <= upper]
            body = before[-1] if before else (after[0] if after else None)
            if body is None:
                continue
            segment = text[lower:upper]
            if not _MEETING_VERBS.search(segment):
                continue
            name = _resolve(body, said, meeting)
            events.append(
                Event(
                    date.value(),
                    name,
                    event_kind(name),
                    text,
                    said.where,
                    _status(date.value(), segment, report_date, max(body.end - lower, 0)),
                    _outcome(said, name),
                )
            )
    return events


def _resolve(body: _Body, said: Said, meeting: str | None) -> str:
    """ "the Board" named in full: the last board the paragraph names in full, else the report's meeting."""
    if not body.bare or body.name.lower() == "cabinet":
        return body.name
    kind = body.name.lower()
    for s in reversed(said.so_far[-6:]):
        for other in reversed(bodies_in(s.text)):
            if not other.bare and other.name.lower().endswith(kind) and (s is not said or other.end <= body.start):
                return other.name
    if meeting and meeting.lower().endswith(kind):
        return meeting
    return body.name


def _outcome(said: Said, body: str) -> Found[str] | None:
    """What the meeting decided, where the next sentence of the paragraph reports it: "The Committee gave its support"."""
    following = said.next
    if following is None:
        return None
    last_word = body.split()[-1]
    if re.match(rf"(?:The\s+)?(?:{re.escape(last_word)}|{re.escape(body)})\s+(\w+\s+){{0,2}}", following.text) and _OUTCOME_VERBS.search(
        following.text.split(",")[0]
    ):
        if not dates_in(following.text):
            return Found(following.text, following.where)
    return None


def _merged(events: list[Event]) -> list[Event]:
    """One event per meeting: a meeting told twice (in the timetable and again in its own section) is
    kept where it is first told, with the outcome wherever the report gives it."""
    kept: dict[tuple[str, str, str], Event] = {}
    for event in events:
        key = (str(event.date), event.body.lower(), event.kind)
        if key in kept:
            if kept[key].outcome is None and event.outcome is not None:
                kept[key].outcome = event.outcome
            continue
        kept[key] = event
    # "The Cabinet in September 2020 agreed ..." and "Report to the Cabinet on 18 September 2020" are one
    # meeting, told twice: it is kept at its day, and a month-only sentence that tells what was decided
    # there is its outcome.
    for key, event in list(kept.items()):
        if not isinstance(event.date, str) or len(event.date) != 7:
            continue
        same = [
            other
            for other in kept.values()
            if isinstance(other.date, dt.date)
            and other.date.isoformat()[:7] == event.date
            and other.kind == event.kind
            and _same_body(other.body, event.body)
        ]
        if len(same) == 1:
            day = same[0]
            if day.outcome is None and event.status == "held" and day.status == "held":
                day.outcome = event.outcome or Found(event.what, event.where)
            del kept[key]
    return sorted(kept.values(), key=lambda e: first_day(e.date) if isinstance(e.date, (dt.date, str)) else dt.date.min)


_OPENS_WORDS = re.compile(r"\bconsultation\s+(?:opens|starts|begins|launch\w*)\b", re.IGNORECASE)
_CLOSES_WORDS = re.compile(r"\bconsultation\s+(?:closes|ends|finishes)\b", re.IGNORECASE)


def _table_events(blocks: tuple[Block, ...], report_date: dt.date | None) -> list[Event]:
    """A timetable given as a table, a date column beside what happens: "18 June 2024 | Cabinet – approval
    to consult". The body is the words before a dash, or the whole cell; a row that says the consultation
    opens or closes is that event."""
    events: list[Event] = []
    for block in blocks:
        if block.kind != "table" or len(block.rows) < 2:
            continue
        header = [cell.text.lower() for cell in block.rows[0]]
        column = next((c for c, text in enumerate(header) if text.startswith("date")), None)
        if column is None or len(header) < 2:
            continue
        for row in block.rows[1:]:
            said = _one_date(row[column].text) if column < len(row) else None
            cells = [cell for c, cell in enumerate(row) if c != column and cell.text]
            if said is None or not cells:
                continue
            what = " ".join(cell.text for cell in cells)
            body = re.split(r"\s+[–—-]\s+", what, maxsplit=1)[0]
            if _OPENS_WORDS.search(what):
                kind, body = "consultation opens", "Public consultation"
            elif _CLOSES_WORDS.search(what):
                kind, body = "consultation closes", "Public consultation"
            else:
                kind = event_kind(body)
            date = said.value()
            status = (
                "planned"
                if report_date is not None and isinstance(date, dt.date) and date > report_date
                else _status(date, what, report_date)
            )
            events.append(Event(date, body, kind, what, cells[0].where, status))
    return events


def _same_body(one: str, other: str) -> bool:
    """The same body, named in full or without the council's name before it."""
    one, other = one.lower(), other.lower()
    return one == other or one.endswith(" " + other) or other.endswith(" " + one)


# --- Where the strategy stands -------------------------------------------------------------------------------

_SEEKS_CONSULTATION = re.compile(
    r"\b(?:approv\w*|agree\w*|endors\w*|authoris\w*|authoriz\w*)\b(?:\s+\S+){0,14}?\s+(?:for|to)\s+(?:public\s+|formal\s+)?consult"
    r"|approval\s+(?:to|for)\s+(?:public\s+|formal\s+)?consult|\bto\s+consult\s+on\b|\blaunch\w*\s+(?:a\s+|the\s+)?(?:public\s+)?consultation",
    re.IGNORECASE,
)
_SEEKS_APPROVAL = re.compile(
    r"\b(?:approve[sd]?|adopt(?:s|ed)?|agree[sd]?|endorse[sd]?)\b(?:\s+\S+){0,12}?\s+(?:Strateg\w*|Plan|Programme|Policy|Framework)\b"
    r"|\b(?:Strateg\w*|Plan|Programme|Policy|Framework)\b(?:\s+\S+){0,6}?\s+be\s+(?:approved|adopted|agreed|endorsed)\b"
    r"|\bfinal\s+approval\b|\bapproval\s+of\s+the\s+(?:final\s+)?\S",
    re.IGNORECASE,
)
_RECOMMENDS = re.compile(r"\b(?:is|are)\s+(?:recommended|asked|requested|invited)\s+to\b|\bIt\s+is\s+recommended\s+that\b", re.IGNORECASE)
_LATER_REPORT = re.compile(r"\b(?:further|future|final|later)\s+report\b", re.IGNORECASE)


def recommendations(reader: ReportReader) -> list[Found[str]]:
    """The report's recommendations, each quoted whole: a lettered item with the words that lead to it."""
    quoted: list[Found[str]] = []
    for section in reader.sections:
        if section.kind != "recommendations":
            continue
        lead: Line | None = None
        for n, line in enumerate(section.lines):
            if line.kind == "paragraph":
                lead = line
                if n + 1 == len(section.lines) or section.lines[n + 1].kind != "item":
                    quoted.append(Found(line.words, _where(line)))
            elif lead is not None:
                marker = f" {line.number}" if line.number else ""
                quoted.append(Found(f"{lead.words}{marker} {line.words}", _where(lead)))
            else:
                quoted.append(Found(line.words, _where(line)))
    return quoted


# --- Putting it together -------------------------------------------------------------------------------------


@dataclass
class ReportFindings:
    """What a committee report gives: the report, the strategy's fields it states, the strategies it
    presents, and what it leaves to an officer, in plain sentences for the import's summary."""

    report: Draft | None  # a Report (title, meeting, date, author, sections), as report.yml holds it
    strategy: Draft  # status, stages, purpose, consultation, timeline, contacts, background_papers; {} if none
    strategies: list[Found[str]]  # titles of the strategies the report presents ("Appendix A – ...")
    needs_a_person: list[str]


_STRATEGY_WORDS = re.compile(r"\b(?:Strateg(?:y|ies)|Plan|Programme|Framework|Policy|Charter)\b", re.IGNORECASE)
_APPENDIX = re.compile(r"(?:Appendix|Annex|Annexe)\s+(?P<id>[A-Z0-9]{1,3})\b\s*[-–—:.]?\s*(?P<title>.*)", re.IGNORECASE)


def recognise_report(doc: Document) -> ReportFindings:
    """The committee report a Document holds, and what it says about the strategy it presents."""
    reader = ReportReader(doc)
    needs: list[str] = []
    kinds = {section.kind for section in reader.sections if section.kind}
    opening = reader.opening
    is_report = opening.date is not None or len(kinds) >= 2
    everything = sayings(reader, is_report)

    report = _report(reader, needs) if is_report else None
    report_date = opening.date.value if opening.date else None
    meeting = _meeting(reader)
    strategy: Draft = {}

    stance = _stance(reader, everything) if is_report else None
    if stance:
        strategy.update(stance)
    purpose = _purpose(reader) if is_report else None
    if purpose is not None:
        strategy["purpose"] = purpose

    consulting = recognise_consultation(everything, needs)
    if consulting is not None:
        strategy["consultation"] = consulting.draft

    events = recognise_events(everything, consulting, meeting.value if meeting else None, report_date)
    events += _consultation_events(consulting, report_date)
    papers = _papers(reader) if is_report else []
    events += [e for e in (_paper_event(p, report_date) for p in papers) if e is not None]
    events += _table_events(doc.blocks, report_date)
    own = _own_meeting(reader, meeting, opening.date)
    if own is not None:
        events.append(own)
    events = _merged(events)
    if events:
        strategy["timeline"] = [_event_draft(e) for e in events]

    strategies = _strategies(reader, report, doc, needs)
    titles = [found.value for found in strategies] + ([opening.title.value] if opening.title else [])
    approval = _approval(events, titles)
    if approval is not None:
        stages = strategy.get("stages")
        strategy["stages"] = [*(stages if isinstance(stages, list) else []), approval]
        strategy["status"] = approval["stage"]

    # A plan or a web page names its contacts as a report does, under a heading or "Contact officer:".
    contacts = _contacts(reader, needs)
    if contacts:
        strategy["contacts"] = list(contacts)
    if papers:
        strategy["background_papers"] = [_paper_draft(p, n, needs) for n, p in enumerate(papers, 1)]

    if is_report and "status" not in strategy:
        needs.append("The report does not say where the strategy stands: add status and stages.")
    return ReportFindings(report, strategy, strategies, needs)


def _report(reader: ReportReader, needs: list[str]) -> Draft:
    opening = reader.opening
    report: Draft = {}
    report["title"] = opening.title or Missing(
        "Special Educational Needs and Disabilities (SEND) Strategy", "The report's title was not found."
    )
    meeting = _meeting(reader)
    report["meeting"] = meeting or Missing("Cabinet", "The report does not say which meeting it was written for.")
    report["date"] = opening.date or Missing(dt.date(2026, 1, 31), "The report does not give its meeting's date.")
    report["author"] = opening.author or Missing(
        "Report of the Director of Children and Family Services", "The report does not say whose it is."
    )
    for name, value in (("title", opening.title), ("meeting", meeting), ("date", opening.date), ("author", opening.author)):
        if value is None:
            needs.append(f"The report does not give its {name}: add the report's {name}.")
    sections: list[Node] = []
    for section in reader.sections:
        if section.kind in _OWN_FIELDS:
            continue
        entry: dict[str, Node] = {"heading": Found(section.heading, section.where)}
        if section.kind == "appendices":
            body = _words_only("\n".join(f"- {line.text}" for line in section.lines))
        else:
            body = section_body(section) or ""
        if body:
            entry["body"] = Found(body, _span(section.lines) or section.where)
        sections.append(entry)
    report["sections"] = (
        sections
        if sections
        else Missing(
            [{"heading": "Purpose of the Report", "body": "1. The purpose of this report is ..."}], "The report's sections were not found."
        )
    )
    if reader.before_sections:
        first, last = reader.before_sections[0].where, reader.before_sections[-1].where
        span = first if first == last else f"{first} to {last}"
        needs.append(f"The text at {span} comes before the report's first heading and is in none of its sections: add it where it belongs.")
    return report


def _meeting(reader: ReportReader) -> Found[str] | None:
    """The meeting the report was written for: from its opening, else from who its recommendations ask
    ("Executive is asked to note ...")."""
    if reader.opening.meeting is not None:
        return reader.opening.meeting
    for quote in recommendations(reader):
        asked = re.match(
            r"(?:The\s+)?(?P<body>[A-Z][\w&' ]{1,60}?)\s+(?:is|are)\s+(?:asked|recommended|requested|invited)\s+to\b", quote.value
        )
        if asked and asked.group("body").split()[0].lower() not in ("it", "this", "that"):
            return Found(asked.group("body"), quote.where)
    return None


def _stance(reader: ReportReader, everything: list[Said]) -> Draft | None:
    """status and stages: a report seeking approval to consult presents a draft; one seeking the final
    approval has submitted the strategy for decision. Approved only where the report says it was."""
    quotes = recommendations(reader)
    if not quotes:
        for said in everything:
            if _RECOMMENDS.search(said.text):
                quotes.append(Found(said.text, said.where))
    # The report's own purpose says what it seeks ("The purpose of the report is to seek approval for
    # consultation on ..."); other sentences of that section tell the strategy's history.
    purpose = [
        Found(s.text, s.where)
        for s in everything
        if s.section is not None
        and s.section.kind == "purpose"
        and re.search(r"purpose of (?:this|the) report|this report seeks", s.text, re.I)
    ]
    stage = None
    chosen: Found[str] | None = None
    for quote in [*quotes, *purpose]:
        if _SEEKS_CONSULTATION.search(quote.value):
            stage, chosen = "draft", quote
            break
    if stage is None:
        for quote in [*quotes, *purpose]:
            if _SEEKS_APPROVAL.search(quote.value) and not _LATER_REPORT.search(quote.value):
                stage, chosen = "submitted", quote
                break
    if stage is None or chosen is None:
        return None
    date = reader.opening.date
    record: dict[str, Node] = {
        "stage": Found(stage, chosen.where),
        "date": Found(date.value, date.where) if date else Missing(dt.date(2026, 1, 31), "The report does not give its meeting's date."),
        "note": Found(chosen.value, chosen.where),
    }
    return {"status": Found(stage, chosen.where), "stages": [record]}


_STRATEGY_PURPOSE = re.compile(
    r"^(?:The|This|Our)\s+(?:[\w'’-]+\s+){0,10}?(?:Strategy|Plan|Programme|Framework)\s+"
    r"(?:is|will|aims|sets out|provides|serves|establishes|supports|exists)\b",
)


def _purpose(reader: ReportReader) -> Found[str] | None:
    """What the strategy is for, in the sentences of the Purpose and Reasons sections that say what the
    strategy is or does ("The SEND and Inclusion Strategy is a key partnership document to ...").

    The report's own purpose ("The purpose of this report is to seek approval to consult...") is about the
    report, not the strategy, and stays in the report's Purpose of the Report section."""
    picked: list[tuple[str, Line]] = []
    for section in reader.sections:
        if section.kind not in ("purpose", "reasons"):
            continue
        for line in section.lines:
            if line.kind != "paragraph":
                continue
            for sentence in sentences(line.words):
                if _STRATEGY_PURPOSE.match(sentence):
                    picked.append((sentence, line))
    if not picked:
        return None
    numbers = []
    for _, line in picked:
        if _where(line) not in numbers:
            numbers.append(_where(line))
    text = "\n\n".join(sentence for sentence, _ in picked)
    return Found(text, _joined_places(numbers))


def _joined_places(places: list[str]) -> str:
    if len(places) == 1:
        return places[0]
    if all(p.startswith("paragraph ") for p in places):
        numbers = [p.removeprefix("paragraph ") for p in places]
        return "paragraphs " + ", ".join(numbers[:-1]) + " and " + numbers[-1]
    return ", ".join(places)


def _consultation_events(consulting: Consulting | None, report_date: dt.date | None) -> list[Event]:
    if consulting is None or consulting.chosen is None:
        return []
    window = consulting.chosen
    body = "Public consultation" if consulting.public else "Consultation"
    out = []
    for kind, said in (("consultation opens", window.opens), ("consultation closes", window.closes)):
        if said is None:
            continue
        value = said.value()
        out.append(Event(value, body, kind, window.said.text, window.said.where, _status(value, window.said.text, report_date)))
    return out


def _paper_event(paper: _Paper, report_date: dt.date | None) -> Event | None:
    title, meeting, said = paper_fields(paper.text)
    if meeting is None or said is None or said.value() is None:
        return None
    value = said.value()
    if value is None:
        return None
    # A paper listed behind the report has been to its meeting, unless its date is still to come.
    status = "planned" if report_date is None or last_day(value) >= report_date else "held"
    return Event(value, meeting, event_kind(meeting), paper.text, paper.where, status)


def _own_meeting(reader: ReportReader, meeting: Found[str] | None, date: Found[dt.date] | None) -> Event | None:
    """The meeting the report was written for, with what it is asked to do. The report cannot say how
    its own meeting went, so the event is planned until an officer records the decision."""
    if meeting is None or date is None:
        return None
    recommended = [line for s in reader.sections if s.kind == "recommendations" for line in s.lines]
    if recommended:
        # The recommendations whole, each lettered item after the words that lead to it.
        what = " ".join(f"{line.number} {line.words}" if line.kind == "item" and line.number else line.words for line in recommended)
        where = _where(recommended[0])
    else:
        purpose = [line for s in reader.sections if s.kind == "purpose" for line in s.lines if line.kind == "paragraph" and line.words]
        if not purpose or not sentences(purpose[0].words):
            return None
        what, where = sentences(purpose[0].words)[0], _where(purpose[0])
    return Event(date.value, meeting.value, event_kind(meeting.value), what, where, "planned")


def _approval(events: list[Event], titles: list[str]) -> dict[str, Node] | None:
    """The approved stage, only where the report tells that a meeting approved this strategy, by its
    title ("The Cabinet, on 17 June 2025, approved the SEND and Inclusion Strategy 2025-2028")."""
    for event in events:
        said = event.what.lower()
        if event.status == "held" and re.search(r"\b(?:approved|adopted)\b", said) and any(t.lower() in said for t in titles if t):
            return {
                "stage": Found("approved", event.where),
                "date": Found(event.date, event.where),
                "note": Found(event.what, event.where),
            }
    return None


def _event_draft(event: Event) -> dict[str, Node]:
    draft: dict[str, Node] = {
        "date": Found(event.date, event.where),
        "kind": Found(event.kind, event.where),
        "body": Found(event.body, event.where),
        "what": Found(event.what, event.where),
        "status": Found(event.status, event.where),
    }
    if event.outcome is not None:
        draft["outcome"] = event.outcome
    return draft


def _contacts(reader: ReportReader, needs: list[str]) -> list[Node]:
    lines: list[tuple[str, str]] = []
    for section in reader.sections:
        if section.kind == "contacts":
            lines += [(line.text, _where(line)) for line in section.lines]
        elif section.kind == "useful information":
            lines += [
                (line.text, _where(line))
                for line in section.lines
                if _NAME_LABEL.match(line.text) or "contact details" in line.text.lower()
            ]
    if not lines:
        # "Contact officer: ..." written anywhere in the report, as shorter reports do.
        for section in reader.sections:
            for line in section.lines:
                if re.match(r"contact\s+officers?\s*:", line.text, re.IGNORECASE):
                    lines.append((line.text, _where(line)))
    out: list[Node] = []
    for officer in recognise_contacts(lines):
        assert officer.name is not None
        entry: dict[str, Node] = {"name": officer.name}
        if officer.role is not None:
            entry["role"] = officer.role
        else:
            entry["role"] = Missing("Head of Service", f"The report gives no job title for {officer.name.value}.")
            needs.append(f"The report gives no job title for {officer.name.value}: add their role.")
        if officer.phone is not None:
            entry["phone"] = officer.phone
        if officer.email is not None:
            entry["email"] = officer.email
        out.append(entry)
    return out


def _papers(reader: ReportReader) -> list[_Paper]:
    papers: list[_Paper] = []
    for section in reader.sections:
        if section.kind == "papers":
            papers += recognise_papers(section.lines)
    return papers


def _paper_draft(paper: _Paper, n: int, needs: list[str]) -> dict[str, Node]:
    title, meeting, said = paper_fields(paper.text)
    entry: dict[str, Node] = {"title": Found(_words_only(title), paper.where)}
    if meeting:
        entry["meeting"] = Found(meeting, paper.where)
    if said is not None and said.value() is not None:
        entry["date"] = Found(said.value(), paper.where)
    link = paper.link
    if link and re.match(r"https?://", link, re.IGNORECASE):
        entry["link"] = Found(link, paper.link_where)
        host = re.match(r"https?://([^/:?#]+)", link, re.IGNORECASE)
        if host and "." not in host.group(1):
            needs.append(
                f"Background paper {n}'s link goes to {host.group(1)}, a name only the council's own network knows: "
                "check the link opens for the public."
            )
    elif link:
        needs.append(f"Background paper {n} has no link: its address ({link[:60]}) is not a web address, so it is left out.")
    else:
        needs.append(f"Background paper {n} has no link.")
    return entry


def _strategies(reader: ReportReader, report: Draft | None, doc: Document, needs: list[str]) -> list[Found[str]]:
    """The strategies the report presents: its appendices that are strategies or plans, else its own
    title where the report is itself the strategy."""
    found: list[Found[str]] = []
    for section in reader.sections:
        if section.kind != "appendices":
            continue
        for line in section.lines:
            appendix = _APPENDIX.match(line.words)
            title = appendix.group("title").strip() if appendix else line.words
            if title and _STRATEGY_WORDS.search(title) and not re.search(r"impact assessment", title, re.IGNORECASE):
                found.append(Found(title, _where(line)))
                if reader.end >= len(reader.blocks) and appendix:
                    needs.append(
                        f"Appendix {appendix.group('id')}, {title}, is not in this document: "
                        "to add the strategy's own text and actions, import it with a --slug of its own and move them into this draft."
                    )
    if found:
        return found
    title = reader.opening.title
    if title is not None and _STRATEGY_WORDS.search(title.value):
        return [title]
    if report is None:
        for block in doc.blocks[:5]:
            text = _plain(block)
            if text and len(text.split()) <= 20 and _STRATEGY_WORDS.search(text) and not _terminated(text):
                return [Found(Capitals(doc.blocks)(text), block.where)]
    return []
