"""The content model: what a council strategy is, as officers write it in YAML.

Every field carries a description. The same text becomes the JSON Schema that
officers' editors show while typing, the field reference (schema/README.md), and the
"Add it (...)" hint when a required field is missing, so it is written for an
officer, not a programmer.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any, Literal, get_args
from urllib.parse import urlsplit, urlunsplit

import markdown
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from plugins.safety.sanitise import URL_SCHEMES, browser_address

from . import messages
from .dates import first_day, last_day, uk_date

# --- Text --------------------------------------------------------------------------------------

# Anything an HTML parser reads as the start of a tag, a comment or a declaration: '<' then a letter
# (in any script: '<a.b' and '<ä' are tags to some parsers), '/', '!' or '?'. Each pattern here is
# linear: none has a quantifier that can try the same text two ways.
_TAG_OPEN = re.compile(r"<[/!?]|<[^\W\d_]")
# Markdown's autolinks, <https://example.org> and <name@example.org>, are links rather than tags.
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>|<[^<>\s@]+@[^<>\s@]+>")
_ENTITY = re.compile(r"&#|&[A-Za-z][A-Za-z0-9]*;")
# Markdown's attribute lists, such as {: onclick="..." } or {#id .class}, set any attribute on the
# element before them: not something content ever needs.
_ATTRIBUTE_LIST = re.compile(r"\{[^{}\n]*\}")
# Only text with one of these can make Markdown write a link or a picture.
_MAY_LINK = ("](", "]:", "][", "] [", "<")
_HREF = re.compile(r'<(a|img)\s[^>]*?(?:href|src)="([^"]*)"')
# A web address's host: names of letters, digits and hyphens joined by dots (any script, as browsers
# accept), or an IPv4 address.
_HOST = re.compile(r"(?:[^\W_](?:[^\W_]|-)*\.)*[^\W_](?:[^\W_]|-)*")


def _fail(template: str, **values: Any) -> PydanticCustomError:
    # Every value an officer wrote is quoted escaped and cut short, whatever it holds.
    return PydanticCustomError("content", template.format(**{name: messages.shown(value) for name, value in values.items()}))


def _shown(text: str, start: int) -> str:
    """The piece of text a message quotes: from the start of the mistake to its '>', on one line, at most 40 characters."""
    piece = text[start : start + 40].split("\n", 1)[0]
    end = piece.find(">")
    return piece[: end + 1] if end != -1 else piece


def _refuse_html(value: str) -> str:
    for autolink in _AUTOLINK.finditer(value):
        if autolink.group(1) is not None and not _link_is_safe(autolink.group(1)):
            raise _fail(messages.UNSAFE_LINK, link=autolink.group(1)[:60])
    text = _AUTOLINK.sub(" ", value)
    found = _TAG_OPEN.search(text)
    if found:
        raise _fail(messages.HTML_REFUSED, tag=_shown(text, found.start()))
    found = _ENTITY.search(text)
    if found:
        raise _fail(messages.HTML_REFUSED, tag=found.group(0))
    found = _ATTRIBUTE_LIST.search(text)
    if found:
        raise _fail(messages.ATTRIBUTE_LIST_REFUSED, text=found.group(0)[:40])
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise _fail(messages.BLANK_TEXT)
    return value


def _one_line(value: str) -> str:
    if "\n" in value.strip():
        raise _fail(messages.PLAIN_TEXT_ONLY)
    return value.strip()


def _link_is_safe(address: str) -> bool:
    """Whether a link goes somewhere a reader can safely be sent: a web page, an email, a phone number, or
    a place on this site. The address is read as a browser reads it, after its entities and the tabs and
    line breaks a browser ignores."""
    seen = browser_address(html.unescape(address))
    scheme = urlsplit(seen).scheme if ":" in seen else ""
    return scheme.lower() in URL_SCHEMES or (scheme == "" and ":" not in seen.split("/", 1)[0])


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    # The extensions that shape links as the site's pages do, without those that let text set attributes.
    return markdown.Markdown(extensions=["abbr", "def_list", "sane_lists", "tables"])


def _safe_links(value: str) -> str:
    """Every link and picture the text would make, found by rendering it as the pages do, not by guessing
    at Markdown's many ways of writing a link (inline, reference, with a title, across lines)."""
    if not any(marker in value for marker in _MAY_LINK):
        return value
    rendered = _markdown().reset().convert(value)
    for kind, address in _HREF.findall(rendered):
        if kind == "img":
            raise _fail(messages.PICTURE_IN_TEXT, address=html.unescape(address)[:60])
        if not _link_is_safe(address):
            raise _fail(messages.UNSAFE_LINK, link=html.unescape(address)[:60])
    return value


def _web_link(value: str) -> str:
    """A web address, parsed and written out again in one normal form, so that what is published is
    exactly one address: no spaces, quotes, brackets or control characters to end it early."""
    address = value.strip()
    parts = urlsplit(address) if not re.search(r"[\x00-\x20\x7f<>\"'`\\]", address) else None
    if parts is None or parts.scheme.lower() not in ("https", "http") or not _HOST.fullmatch(parts.hostname or ""):
        raise _fail(messages.NOT_A_LINK, value=value[:80])
    try:
        parts.port  # noqa: B018  (reading it checks it)
    except ValueError:
        raise _fail(messages.NOT_A_LINK, value=value[:80]) from None
    netloc = parts.netloc.rsplit("@", 1)
    host = netloc[-1].lower()
    netloc_text = f"{netloc[0]}@{host}" if len(netloc) == 2 else host
    return urlunsplit((parts.scheme.lower(), netloc_text, parts.path or "/", parts.query, parts.fragment))


# How long text may be. The longest one-line value in the real content is about 750 characters and the
# longest prose about 8,300; Markdown takes time that grows with the square of the number of '[' in a
# text, so these limits also bound how long any one field can take to render (about 0.4 s at most).
MAX_PLAIN_TEXT = 2_000
MAX_MARKDOWN = 20_000
MAX_BRACKETS = 100


def _limited(limit: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        if len(value) > limit:
            raise _fail(messages.TEXT_TOO_LONG, length=f"{len(value):,}", limit=f"{limit:,}")
        brackets = value.count("[")
        if brackets > MAX_BRACKETS:
            raise _fail(messages.TOO_MANY_BRACKETS, count=f"{brackets:,}", limit=MAX_BRACKETS)
        return value

    return check


_plain_text_length = _limited(MAX_PLAIN_TEXT)


@dataclass(frozen=True)
class KnownAs:
    """What the field reference calls a type whose Python type alone says too little (a str that is an id).

    It is part of the type, so the reference (plugins/content/reference.py) finds it on every field
    that uses the type, and a new type names itself where it is defined. Pydantic ignores it.
    """

    words: str


PlainText = Annotated[
    str,
    AfterValidator(_plain_text_length),
    AfterValidator(_not_blank),
    AfterValidator(_refuse_html),
    AfterValidator(_safe_links),
    AfterValidator(_one_line),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_PLAIN_TEXT, "description": "Plain text on one line, no HTML."}),
]
"""One line of plain text: a title, a name, a short statement."""

Markdown = Annotated[
    str,
    AfterValidator(_limited(MAX_MARKDOWN)),
    AfterValidator(_not_blank),
    AfterValidator(_refuse_html),
    AfterValidator(_safe_links),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_MARKDOWN,
            "contentMediaType": "text/markdown",
            "description": "Text with Markdown: **bold**, [links](https://...), lists. No HTML.",
        }
    ),
    KnownAs("Markdown text"),
]
"""Prose that may use Markdown for bold, links and lists; never HTML."""

SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
Slug = Annotated[str, Field(pattern=f"^{SLUG_PATTERN}$"), KnownAs("id (lower-case letters, digits, hyphens)")]
"""A short name used in web addresses: lower-case letters, digits and hyphens."""

YearKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$"), KnownAs("year key (such as year_one)")]
"""The key of a year of the plan, such as year_one."""

WebLink = Annotated[
    str,
    AfterValidator(_web_link),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
    KnownAs("web address"),
]


def _site_address(value: str) -> str:
    """The address the site is published at: the start of every absolute link in its feeds and calendars,
    which add a page's path after it. A query or a fragment would then sit in the middle of each link,
    and a user name and password would be published in every one."""
    parts = urlsplit(value)
    if parts.query or parts.fragment or "@" in parts.netloc:
        raise _fail(messages.NOT_A_SITE_ADDRESS, value=value[:80])
    return value


SiteAddress = Annotated[WebLink, AfterValidator(_site_address), KnownAs("web address")]

# The characters of an ordinary address only: it is written into a mailto: link.
Email = Annotated[str, Field(pattern=r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"), KnownAs("email address")]

# An email address and a UK phone number as they appear inside running text, which the Easy Read
# edition sets aside as things a reader copies rather than reads, and makes into links. Each is tried
# only where a run of the characters it may hold begins, and that run is never given back: otherwise
# every letter of a long word without an @ starts a fresh scan to the word's end.
EMAIL_IN_TEXT = r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+"
PHONE_IN_TEXT = r"\b0\d{2,4}(?: ?\d{3,4}){2}\b"


def tel_address(phone: str) -> str:
    """A phone number as a link's address: its digits, and a leading + for an international number."""
    text = phone.strip()
    if text.startswith("+"):
        # "+44 (0)116 ...": the 0 in brackets is dialled only from inside the country, never after the +44.
        return "tel:+" + re.sub(r"[^0-9]", "", re.sub(r"\(0\)", "", text))
    return "tel:" + re.sub(r"[^0-9]", "", text)


def _plausible_year(year: int) -> int:
    # Dates are compared, counted and printed; a year of 0 or 10000 has no day that Python can hold,
    # and none in the council's records falls outside these.
    if not messages.FIRST_YEAR <= year <= messages.LAST_YEAR:
        raise _fail(messages.YEAR_OUT_OF_RANGE, year=f"{year:04d}")
    return year


def _plausible_day(value: dt.date) -> dt.date:
    _plausible_year(value.year)
    return value


Day = Annotated[dt.date, AfterValidator(_plausible_day), WithJsonSchema({"type": "string", "format": "date"})]
"""A day, YYYY-MM-DD, in a year from 1900 to 2200."""

Year = Annotated[int, Field(ge=messages.FIRST_YEAR, le=messages.LAST_YEAR)]
"""A year, from 1900 to 2200."""


def _partial_date(value: Any) -> Any:
    # Sources often give only a month ("November 2024") or a year ("by 2028"); keeping that
    # precision avoids inventing a day the council never stated.
    if isinstance(value, dt.date):
        return _plausible_day(value)
    if isinstance(value, int) and not isinstance(value, bool) and messages.FIRST_YEAR <= value <= messages.LAST_YEAR:
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}(-(0[1-9]|1[0-2]))?", value):
        _plausible_year(int(value[:4]))
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        # A date in quotes is still a date, as it is in every other date field.
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("content", messages.not_a_partial_date(value)) from None
        return _plausible_day(day)
    raise PydanticCustomError("content", messages.not_a_partial_date(value))


PartialDate = Annotated[
    dt.date | str,
    BeforeValidator(_partial_date),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-[0-9]{2})?)?$",
            "description": "A date (YYYY-MM-DD); or a month (YYYY-MM) or a year (YYYY) where the source gives no more.",
        }
    ),
    KnownAs("date, month or year"),
]


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _one_line(_refuse_html(_not_blank(_plain_text_length(value))))
    raise _fail(messages.NOT_A_CELL, what=messages.describe_value(value))


Cell = Annotated[
    int | Decimal | str | None,
    BeforeValidator(_cell),
    WithJsonSchema({"type": ["number", "string", "null"], "description": "A figure, a short text, or empty (~)."}),
    KnownAs("number or text, or empty"),
]


def _figure(value: Any) -> Any:
    # A figure must be typed as a number, so that "95" in quotes or "95%" cannot slip through as text.
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return Decimal(value)
    raise PydanticCustomError("content", messages.not_a_figure(value))


Figure = Annotated[Decimal, BeforeValidator(_figure), WithJsonSchema({"type": "number"})]

ActionStatus = Literal["not started", "on track", "at risk", "delayed", "done"]
# "submitted": sent to another body for its decision (such as the Department for Education), and awaiting it.
# "withdrawn" comes last: a strategy may be withdrawn at any stage, and nothing follows it.
Stage = Literal["draft", "out for consultation", "submitted", "approved", "superseded", "withdrawn"]
EventKind = Literal["board", "cabinet", "scrutiny", "council", "consultation opens", "consultation closes", "decision", "other"]
EventStatus = Literal["planned", "held"]
Comparison = Literal["exactly", "over", "under", "at least", "at most", "about"]
Compliance = Literal["fully compliant", "partially compliant", "not compliant"]

ACTION_STATUSES: tuple[str, ...] = get_args(ActionStatus)
# The stages in the order a strategy passes through them: the one list of them, which the site's
# status pages and filters follow.
STAGES: tuple[str, ...] = get_args(Stage)


def _choices(kind: Any) -> str:
    """A field's choices as its description lists them, from the choices themselves: "draft, approved or superseded"."""
    *others, last = get_args(kind)
    return f"{', '.join(others)} or {last}" if others else last


class ContentModel(BaseModel):
    """Base of every content object: unknown keys are errors, never silently ignored."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=False)


# --- Site-level content ------------------------------------------------------------------------


class Organisation(ContentModel):
    id: Slug = Field(description="The organisation's folder name under content/, such as leicestershire.")
    name: PlainText = Field(description="The organisation's full name, such as Leicestershire County Council.")
    short_name: PlainText | None = Field(None, description="A shorter name for tight spaces, such as Leicestershire.")
    website: WebLink | None = Field(None, description="The organisation's website.")
    phone: PlainText | None = Field(None, description="A phone number for the public.")
    email: Email | None = Field(None, description="An email address for the public.")
    address: PlainText | None = Field(None, description="A postal address on one line.")
    text_relay: PlainText | None = Field(None, description="A text relay number for people who are deaf or hard of hearing.")


class OrganisationsFile(ContentModel):
    organisations: list[Organisation] = Field(min_length=1, description="Every organisation that publishes strategies on the site.")


class Term(ContentModel):
    term: PlainText = Field(description="The word or acronym as it appears in the text, such as EHCP.")
    stands_for: PlainText | None = Field(None, description="What an acronym stands for, such as Education, Health and Care Plan.")
    meaning: Markdown = Field(description="What it means, in plain English.")


class GlossaryFile(ContentModel):
    terms: list[Term] = Field(min_length=1, description="Every hard word and acronym the strategies use.")


class AccessibilityStatement(ContentModel):
    compliance: Compliance = Field(description=f"How far the site complies with WCAG 2.2 AA: {_choices(Compliance)}.")
    not_accessible: list[Markdown] = Field(default_factory=list, description="Content that is not accessible, and why.")
    contact: Markdown = Field(description="How to ask for another format or report a problem: email, phone, address.")
    response_time: PlainText = Field(description="How soon the council replies to a request, such as 10 working days.")
    formats: list[PlainText] = Field(
        default_factory=list, description="Other formats on request, such as large print, Easy Read, audio, other languages."
    )
    prepared: Day = Field(description="When this statement was prepared.")
    reviewed: Day = Field(description="When it was last reviewed.")


class Site(ContentModel):
    title: PlainText = Field(description="The name of the site, shown at the top of every page.")
    description: PlainText = Field(description="One sentence saying what the site is for.")
    owner: Slug = Field(description="The id of the organisation that runs the site.")
    language: Literal["en-GB"] = Field("en-GB", description="The language of the site's pages.")
    url: SiteAddress | None = Field(None, description="The address the site is published at, such as https://strategies.example.gov.uk/.")
    repository: WebLink | None = Field(None, description="The web address of the repository, for 'Edit this page' links.")
    accessibility: AccessibilityStatement = Field(description="The accessibility statement the law requires of a council site.")


# --- A strategy ----------------------------------------------------------------------------------


class Contact(ContentModel):
    name: PlainText = Field(description="The officer's name.")
    role: PlainText = Field(description="The officer's job title.")
    phone: PlainText | None = Field(None, description="A phone number, as it should be shown.")
    email: Email | None = Field(None, description="An email address.")


class YearOfPlan(ContentModel):
    id: YearKey = Field(description="The key used for this year in priorities' actions, such as year_one.")
    name: PlainText = Field(description="The year as the strategy names it, such as Year one (2021-2022).")
    start: Day = Field(description="The first day of the year.")
    end: Day = Field(description="The last day of the year.")


class Period(ContentModel):
    # Written as the plain whole number it is, so that an editor's complaint about "twenty" says a
    # number is wanted; leaving the key out is how an officer says the source gives no start.
    start_year: Annotated[int | None, WithJsonSchema({"type": "integer", "minimum": 1990, "maximum": messages.LAST_YEAR})] = Field(
        None,
        ge=1990,
        le=messages.LAST_YEAR,
        description="The year the strategy starts, such as 2021. Leave it out where the source gives only an end.",
    )
    end_year: int = Field(ge=1990, le=messages.LAST_YEAR, description="The year the strategy ends, such as 2024.")
    start: PartialDate | None = Field(None, description="The first day, or month or year, where the source gives it.")
    end: PartialDate | None = Field(None, description="The last day, or month or year, where the source gives it.")
    years: list[YearOfPlan] = Field(default_factory=list, description="The named years of the plan, in order.")

    @property
    def first_year(self) -> int | None:
        """The year it starts, where the source gives one: start_year, or the year of start."""
        if self.start_year is not None:
            return self.start_year
        return first_day(self.start).year if self.start is not None else None

    @property
    def label(self) -> str:
        """The period in short: "2021-2024"; "until March 2029" where the source gives only an end."""
        if self.first_year is None:
            return f"until {uk_date(self.end) if self.end is not None else self.end_year}"
        return f"{self.first_year}-{self.end_year}"

    @property
    def first_day(self) -> dt.date | None:
        """The earliest day the period can begin; None where the source gives only an end."""
        if self.start is not None:
            return first_day(self.start)
        return dt.date(self.start_year, 1, 1) if self.start_year is not None else None

    @property
    def last_day(self) -> dt.date:
        """The latest day the period can end: a month or a year as an end counts to its last day."""
        return last_day(self.end) if self.end is not None else dt.date(self.end_year, 12, 31)


class StageRecord(ContentModel):
    stage: Stage = Field(
        description=f"{_choices(Stage)}. Submitted: sent to another body for its decision, and awaiting it. "
        "Withdrawn: withdrawn, and no longer applies."
    )
    date: PartialDate = Field(
        description="When the strategy reached this stage: the day, or the month or year where the source gives no more."
    )
    note: Markdown | None = Field(None, description="What happened, in the source's words, and where the source says so.")


class ChangeNote(ContentModel):
    date: Day = Field(description="The day the change was published.")
    note: PlainText = Field(description="What changed, in a sentence, such as Added an action to priority 2 after the consultation.")


VersionKind = Literal["consultation draft", "approved"]


class OtherVersion(ContentModel):
    kind: VersionKind = Field(description=f"{_choices(VersionKind)}.")
    title: PlainText = Field(description="Its title, as the council gave it.")
    date: Day = Field(description="The day it was published or approved.")
    start_year: Year = Field(description="The first year it covers, such as 2025.")
    end_year: Year = Field(description="The last year it covers, such as 2028.")
    strategy: PlainText | None = Field(
        None, description="Where its full text is on this site, as organisation/folder. Leave it out until the council provides it."
    )
    source: PlainText = Field(description="Which document says so, such as a report and its paragraph.")


class Versions(ContentModel):
    this: VersionKind = Field(description=f"Which version the text in this folder is: {_choices(VersionKind)}.")
    date: Day = Field(description="The day this version was published or approved.")
    others: list[OtherVersion] = Field(min_length=1, description="The strategy's other versions.")


class Consultation(ContentModel):
    opens: PartialDate = Field(description="The first day people can respond; a month or year where the source gives no more.")
    closes: PartialDate = Field(description="The last day people can respond; a month or year where the source gives no more.")
    length: PlainText | None = Field(None, description="The length as the council states it, such as six-week.")
    how_to_respond: Markdown = Field(description="How to take part, as the council states it.")
    survey: WebLink | None = Field(None, description="The address of the online survey, if there is one.")
    formats: Markdown | None = Field(None, description="Other formats on offer, such as accessible print versions.")

    # When people can respond, as of a given day: every page and edition that says whether the
    # consultation is open or has closed asks here, so that none can disagree about the day it ends.
    # Where the source gives only a month or a year, the consultation counts as open from the first
    # day of its opening month or year to the last day of its closing one: the site never calls it
    # closed while the source still allows that people may respond, and says "by the end of June
    # 2026" wherever it gives the closing month, so that the reader knows what is meant.

    def has_opened(self, day: dt.date) -> bool:
        return day >= first_day(self.opens)

    def has_closed(self, day: dt.date) -> bool:
        """Whether the consultation is over: from the day after its last day to respond."""
        return day > last_day(self.closes)

    def is_open(self, day: dt.date) -> bool:
        return self.has_opened(day) and not self.has_closed(day)


class Event(ContentModel):
    date: PartialDate = Field(description="When it happened or will happen.")
    kind: EventKind = Field(description=f"{_choices(EventKind)}.")
    body: PlainText = Field(description="Who meets or decides, such as Cabinet.")
    what: Markdown = Field(description="What happens, in the source's words.")
    status: EventStatus = Field(description="held once the source reports it happened; planned until then.")
    outcome: Markdown | None = Field(None, description="What was decided, only where the source reports it.")


class Theme(ContentModel):
    id: Slug = Field(description="A short name for the theme, used by actions' theme.")
    name: PlainText = Field(description="The theme as the source names it, such as Choice and Control.")
    description: Markdown | None = Field(None, description="What the theme covers.")


class Reading(ContentModel):
    value: Figure = Field(description="The figure, such as 95, without its unit.")
    comparison: Comparison = Field("exactly", description=f"{_choices(Comparison)}.")
    date: PartialDate | None = Field(None, description="When the figure was measured, or is due.")
    note: PlainText | None = Field(None, description="Anything the reader needs to know about the figure.")


class ProgressNote(ContentModel):
    """One dated update on an action or a measure: what happened, when, and which document says so."""

    date: PartialDate = Field(
        description="When it happened: the day, or the month or year where the source gives no more, such as 2026-07-01 or 2026-07."
    )
    what: Markdown = Field(description="What happened, in the source's words, such as The first resource base opened in September.")
    source: PlainText = Field(description="Which document says so, such as Position statement to Cabinet, 1 July 2026, paragraph 12.")


class MeasureUpdate(ProgressNote):
    """A dated update on a measure, which may give the figure reported on that date."""

    value: Figure | None = Field(
        None, description="The figure reported on that date, if the update gives one, such as 95, without its unit."
    )
    comparison: Comparison = Field("exactly", description=f"How the figure compares: {_choices(Comparison)}.")

    @property
    def reading(self) -> Reading | None:
        """The figure as a reading on the update's date, where the update gives one: what a chart plots."""
        if self.value is None:
            return None
        return Reading.model_construct(value=self.value, comparison=self.comparison, date=self.date, note=None)


_UPDATES = (
    "Dated updates: what happened, when, and which document says so. Add the newest wherever you like: the site shows them newest first."
)


class Action(ContentModel):
    text: PlainText = Field(description="The action as the council wrote it, such as We will ...")
    theme: Slug | None = Field(None, description="The id of the priority's theme this action belongs to.")
    owner: PlainText | None = Field(None, description="Who is responsible for the action.")
    due: PartialDate | None = Field(None, description="When the action is due.")
    status: ActionStatus | None = Field(
        None,
        description=f"Progress: {_choices(ActionStatus)}. Leave it out until a report or the action's owner says how it is going; "
        "the site counts the actions with no status as not yet reported on.",
    )
    updates: list[ProgressNote] = Field(default_factory=list, description=f"{_UPDATES} Set status as well when the action has moved on.")


class Priority(ContentModel):
    number: int = Field(ge=1, description="The priority's number: 1, 2, 3 in order.")
    id: Slug = Field(description="A short name used in the web address, such as responsive.")
    title: PlainText = Field(description="The priority's title as the council wrote it.")
    short_name: PlainText | None = Field(None, description="A one-word name, such as Responsive.")
    ambition: Markdown | None = Field(None, description="The ambition, such as Our ambition is that ...")
    commitment: Markdown | None = Field(None, description="The commitment, such as We will ...")
    description: Markdown | None = Field(None, description="More about the priority, in the council's words.")
    plan_heading: PlainText | None = Field(None, description="The heading of the priority's action plan, where it differs from the title.")
    themes: list[Theme] = Field(default_factory=list, description="Themes or workstreams that group the actions.")
    actions: dict[YearKey, list[Action]] = Field(
        default_factory=dict, description="The actions for each year of the plan, under the year's key (year_one: ...)."
    )

    @property
    def label(self) -> str:
        """How pages and summaries of changes name the priority: "Priority 2"."""
        return f"Priority {self.number}"


class Indicator(ContentModel):
    id: Slug = Field(description="A short name for the indicator.")
    name: PlainText = Field(description="What is measured.")
    unit: PlainText | None = Field(None, description="The unit, such as % or weeks.")
    baseline: Reading | None = Field(None, description="Where things stood at the start.")
    latest: Reading | None = Field(
        None, description="The latest figure reported. Where a dated update gives a newer figure, the site shows that one as the latest."
    )
    target: Reading | None = Field(None, description="The figure aimed for, and by when.")
    source: PlainText | None = Field(None, description="Where the figure comes from.")
    priority: Slug | None = Field(None, description="The id of the priority it measures, if one.")
    updates: list[MeasureUpdate] = Field(
        default_factory=list, description=f"{_UPDATES} Each may give the figure reported (value) on its date."
    )

    @property
    def newest(self) -> Reading | None:
        """The figure the pages show as Latest: the newest dated one among latest: and the dated updates
        that give a figure, dates compared by their first day (latest: stands on a tie, being what the
        officer wrote as the latest). Where latest: has no date it cannot be compared, and stands."""
        newest = self.latest
        if newest is not None and newest.date is None:
            return newest
        day = first_day(newest.date) if newest is not None and newest.date is not None else None
        for update in self.updates:
            reading = update.reading
            if reading is not None and (day is None or first_day(update.date) > day):
                newest, day = reading, first_day(update.date)
        return newest


class Measures(ContentModel):
    summary: Markdown | None = Field(None, description="How success will be measured, in the council's words.")
    outcomes: list[PlainText] = Field(default_factory=list, description="Outcome statements, such as I feel safe.")
    indicators: list[Indicator] = Field(default_factory=list, description="Figures with baseline, target, unit, date and source.")
    notes: Markdown | None = Field(None, description="Tools and dashboards used to monitor progress.")


class Board(ContentModel):
    id: Slug = Field(description="A short name for the board.")
    name: PlainText = Field(description="The board's name.")
    role: Markdown | None = Field(None, description="What the board does for this strategy.")
    reports_to: Slug | None = Field(None, description="The id of the board it reports to.")
    members: list[PlainText] = Field(default_factory=list, description="Who sits on the board.")


class SubGroup(ContentModel):
    name: PlainText = Field(description="The sub-group's name.")
    priority: Slug | None = Field(None, description="The id of the priority the sub-group serves.")
    activities: list[PlainText] = Field(min_length=1, description="The activities the sub-group oversees.")


class GovernanceStructure(ContentModel):
    caption: PlainText = Field(description="A caption for the structure table.")
    oversight: list[PlainText] = Field(min_length=1, description="Who has joint strategic oversight.")
    governance: list[PlainText] = Field(min_length=1, description="The governance boards, from the top.")
    sub_groups: list[SubGroup] = Field(min_length=1, description="The sub-groups and the activities under each.")


class Governance(ContentModel):
    owner: PlainText | None = Field(None, description="Who owns the strategy.")
    accountable_to: list[Slug] = Field(default_factory=list, description="The ids of the boards that hold the owner to account.")
    description: Markdown | None = Field(None, description="How the strategy is governed, in the council's words.")
    boards: list[Board] = Field(default_factory=list, description="The boards involved.")
    structure: GovernanceStructure | None = Field(None, description="A governance structure table, kept as a table.")


class Column(ContentModel):
    heading: PlainText = Field(description="The column heading.")
    unit: PlainText | None = Field(None, description="The unit of the figures, such as £,000.")


class Row(ContentModel):
    heading: PlainText = Field(description="The row heading.")
    cells: list[Cell] = Field(description="One value per column, in order; ~ for an empty cell.")
    total: StrictBool = Field(False, description="true for a total row.")


class Table(ContentModel):
    id: Slug = Field(description="A short name for the table, used in its web address.")
    caption: PlainText = Field(description="The caption, saying what the table shows.")
    row_heading: PlainText | None = Field(None, description="The heading above the row headings, if any.")
    columns: list[Column] = Field(min_length=1, description="The columns after the row headings.")
    rows: list[Row] = Field(min_length=1, description="The rows of the table.")
    notes: list[Markdown] = Field(default_factory=list, description="Notes under the table.")
    chart: StrictBool = Field(
        True,
        description="Whether the table's page draws its figures as a chart, above the table: true (the default) or false. "
        "A chart is drawn only where every column heading is a year, such as 2026 or 2026/27, in order; it shows each row "
        "with figures in two or more of those columns.",
    )


class RelatedStrategy(ContentModel):
    strategy: PlainText = Field(description="The related strategy on this site, as organisation/folder.")
    relationship: Markdown = Field(description="How the two relate, in the source's words.")


class RelatedDocument(ContentModel):
    title: PlainText = Field(description="The document's title.")
    link: WebLink | None = Field(None, description="Where to read it.")
    relationship: Markdown | None = Field(None, description="How it relates to this strategy.")


class Paper(ContentModel):
    title: PlainText = Field(description="The paper's title.")
    meeting: PlainText | None = Field(None, description="The meeting it went to.")
    date: PartialDate | None = Field(None, description="The date of the meeting or paper.")
    link: WebLink | None = Field(None, description="Where to read it, as the source gives it.")


class Section(ContentModel):
    heading: PlainText = Field(description="The section heading.")
    body: Markdown | None = Field(None, description="The section's text; none for a heading over numbered sub-sections.")


# The pages of a strategy that can show one of its own sections, as its menu names them.
SectionPage = Literal["at a glance", "about this strategy"]


class StrategySection(Section):
    """A section of the strategy itself, which the officer may place on its first page."""

    page: SectionPage = Field(
        "about this strategy",
        description=f"The page that shows the section: {_choices(SectionPage)} (the default). At a glance is the "
        "strategy's first page, where the section comes after the vision and before the priorities.",
    )


class Report(ContentModel):
    title: PlainText = Field(description="The report's title.")
    meeting: PlainText = Field(description="The meeting it was written for.")
    date: Day = Field(description="The date of the meeting.")
    author: PlainText = Field(description="Whose report it is.")
    sections: list[Section] = Field(min_length=1, description="The report's sections, in order.")


# --- The Easy Read edition ----------------------------------------------------------------------

PICTURE_PATTERN = r"(?:[a-z0-9]+(?:-[a-z0-9]+)*/)?[a-z0-9]+(?:-[a-z0-9]+)*"
PictureId = Annotated[str, Field(pattern=f"^{PICTURE_PATTERN}$"), KnownAs("picture name (such as school, or set/name)")]
"""A picture's name in pictures/, such as school, or set/name where two sets share a name."""

# The parts of a booklet, in the order readers meet them (Easy Read rule 16 checks it); "other" may go anywhere.
EasyReadPart = Literal["about", "why", "priority", "check", "have your say", "contact", "credits", "other"]


# When, in the life of a strategy's consultation, a point of its Easy Read edition is true.
ConsultationTime = Literal["before it opens", "while open", "after it closes"]

# A place in the strategy's standard content, written as a path: priorities/belonging/actions/2. The
# parts it may name, and what each shows, are in plugins/content/standard_text.py.
STANDARD_PATH_PATTERN = r"[a-z]+(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*"
StandardPath = Annotated[
    str,
    Field(pattern=f"^{STANDARD_PATH_PATTERN}$"),
    KnownAs("place in the strategy (such as priorities/belonging/actions/2)"),
]


class Point(ContentModel):
    # Content is read by the names officers write (from:); a point made in code, or copied from one
    # dumped by Python, may also give from_.
    model_config = ConfigDict(extra="forbid", validate_by_name=True, validate_by_alias=True)

    text: PlainText = Field(description="One or two short sentences, each of 15 words or fewer.")
    picture: PictureId | None = Field(None, description="The picture shown to the left of the words, by its name in pictures/.")
    alt: PlainText | None = Field(None, description="What the picture shows, for people who cannot see it.")
    when: ConsultationTime | None = Field(
        None,
        description=f"Only for a strategy with a consultation: when the point is true, {_choices(ConsultationTime)}. "
        "The page shows it only then, as of the day the site is built, such as an offer of a printed copy of the "
        "questions, while open.",
    )
    # Written `from:` in YAML; `from` is a word Python keeps for itself.
    from_: StandardPath | None = Field(
        None,
        alias="from",
        description="What in the standard edition this point explains, shown beside it on the review page, as a path: "
        "vision, purpose, scope, consultation, governance, contacts or measures; a priority by its id (priorities/belonging), "
        "and one of its actions by number, counting from 1 (priorities/belonging/actions/2); measures/outcomes/2; "
        "measures/indicators/ or governance/boards/ and an id; principles/2; timeline/3; a section by number (sections/1) "
        "or by its heading as an id (sections/background).",
    )


class EasyReadSection(ContentModel):
    part: EasyReadPart = Field(description=f"Which part of the booklet this is: {_choices(EasyReadPart)}.")
    heading: PlainText = Field(description="The section's heading, in easy words.")
    priority: Slug | None = Field(None, description="For a priority section: the id of the priority it explains.")
    points: list[Point] = Field(min_length=1, description="The points, in order: each a picture and a short text.")


class HardWord(ContentModel):
    word: PlainText = Field(description="The hard word or the initials, as written in the points.")
    forms: list[PlainText] = Field(default_factory=list, description="Other ways the points write it, such as a plural.")
    means: PlainText = Field(description="What it means, in easy words.")


ReaderResult = Literal["understood", "changed"]


class TestedPoint(ContentModel):
    text: PlainText = Field(
        description="The words exactly as the readers read them, copied from the edition at the time: a point's text, "
        "a section's heading or a hard word's meaning."
    )
    result: ReaderResult = Field(
        description="understood: the readers understood the words as they were. changed: they asked for them to be changed."
    )
    note: PlainText | None = Field(None, description="What the readers said about them, such as the word they did not know.")


def _same_words(text: str) -> str:
    # Words count as the ones tested if they are the same, however they are spaced.
    return " ".join(text.split())


class ReaderCheck(ContentModel):
    by: PlainText = Field(description="Who checked the edition: a group of people with a learning disability.")
    date: PartialDate = Field(description="When they checked it.")
    points: list[TestedPoint] = Field(
        default_factory=list,
        description="Each part the readers read (a point's text, a section's heading, a hard word's meaning), with its "
        "words as they were then and what they found. A part of the edition whose words match none of these was changed "
        "or added after the check, or left out of it, and the page says readers have not checked it as it is now.",
    )


# What a reader reads of an edition that the edition itself writes: a point's text, a section's heading,
# a hard word's meaning.
ReadKind = Literal["point", "heading", "meaning"]


@dataclass(frozen=True)
class ReadPart:
    """A text of the edition that readers read, and what kind of text it is."""

    kind: ReadKind
    text: str


class LeftOut(ContentModel):
    item: PlainText = Field(description="The item as the coverage list names it, such as £102m or Children and Families Partnership.")
    why: PlainText = Field(description="Why the Easy Read edition leaves it out, as the communications team decided.")


class EasyRead(ContentModel):
    title: PlainText = Field(description="The Easy Read title, such as Our plan for children with SEND.")
    date: PartialDate = Field(description="When this Easy Read edition was written.")
    checked_by: ReaderCheck | None = Field(
        None, description="Who checked it, and when. Leave it out until readers have checked it: the site then says so."
    )
    sections: list[EasyReadSection] = Field(min_length=1, description="The booklet's sections, in order.")
    hard_words: list[HardWord] = Field(default_factory=list, description="The hard words the points use, each explained in easy words.")
    left_out: list[LeftOut] = Field(
        default_factory=list,
        description="What the standard edition holds that this edition leaves out on purpose: each item the coverage list "
        "names (python site_build.py easyread prints it), with the reason. The review page shows them as decided.",
    )

    # What the readers' check still holds for, read from checked_by's points: the page, the booklet, the
    # scorecard and the review page all ask here, so that none can say the edition was checked as it is
    # now when a part of it has changed since, or was never tested.

    def parts(self) -> list[ReadPart]:
        """Every text a reader reads that the edition writes, in the order of the booklet: each section's
        heading and its points' texts, then each hard word's meaning."""
        read = []
        for section in self.sections:
            read.append(ReadPart("heading", section.heading))
            read += [ReadPart("point", point.text) for point in section.points]
        return read + [ReadPart("meaning", word.means) for word in self.hard_words]

    def reader_results(self, text: str) -> list[TestedPoint] | None:
        """What readers found for these very words, in the record's order: [] if they did not test them,
        None if the check records no words (then nothing says which were tested)."""
        if self.checked_by is None or not self.checked_by.points:
            return None
        words = _same_words(text)
        return [tested for tested in self.checked_by.points if _same_words(tested.text) == words]

    def not_checked_as_now(self) -> list[ReadPart]:
        """The parts whose words no reader tested: changed or added after the check, or left out of a
        sample. None where the check records no words, since then nothing says which were tested."""
        if self.checked_by is None or not self.checked_by.points:
            return []
        tested = {_same_words(p.text) for p in self.checked_by.points}
        return [part for part in self.parts() if _same_words(part.text) not in tested]

    def still_to_change(self) -> list[ReadPart]:
        """The parts the readers asked to change whose words are still as they tested them."""
        if self.checked_by is None:
            return []
        results: dict[str, set[str]] = {}
        for tested in self.checked_by.points:
            results.setdefault(_same_words(tested.text), set()).add(tested.result)
        return [part for part in self.parts() if results.get(_same_words(part.text)) == {"changed"}]

    def tested_matching_nothing(self) -> list[TestedPoint]:
        """The tested words that match no part of the edition now: history if the part was reworded or
        taken out, or a mistake in copying them, which would otherwise pass silently."""
        if self.checked_by is None:
            return []
        now = {_same_words(part.text) for part in self.parts()}
        return [tested for tested in self.checked_by.points if _same_words(tested.text) not in now]


class Strategy(ContentModel):
    title: PlainText = Field(description="The strategy's full title.")
    short_title: PlainText = Field(description="A short title for menus and links.")
    document_type: PlainText = Field("Strategy", description="What kind of document it is, such as Strategy or Programme plan.")
    summary: PlainText = Field(description="One sentence for the home page.")
    period: Period = Field(description="The years the strategy covers.")
    status: Stage = Field(description="Where the strategy is now: the last of its stages.")
    stages: list[StageRecord] = Field(min_length=1, description="Each stage the strategy has reached, with its date, in order.")
    scope: Markdown | None = Field(None, description="Who and where the strategy is for.")
    ages: PlainText | None = Field(None, description="The ages covered, such as 0-25.")
    purpose: Markdown | None = Field(None, description="What the strategy is for.")
    vision: Markdown | None = Field(None, description="The vision, in the council's words.")
    principles: list[Markdown] = Field(default_factory=list, description="The principles the strategy follows.")
    values: list[PlainText] = Field(default_factory=list, description="The values, such as Be fair.")
    sections: list[StrategySection] = Field(
        default_factory=list,
        description="Other sections of the strategy, such as its introduction: each on About this strategy, "
        "or on the first page with page: at a glance.",
    )
    priorities: list[Priority] = Field(default_factory=list, description="The priorities, in order.")
    measures: Measures | None = Field(None, description="How success will be measured.")
    governance: Governance | None = Field(None, description="Who owns, delivers and oversees the strategy.")
    consultation: Consultation | None = Field(None, description="The public consultation, if there is one.")
    timeline: list[Event] = Field(default_factory=list, description="Decisions and consultation events, in date order.")
    tables: list[Table] = Field(default_factory=list, description="Finance and other tables.")
    glossary: list[PlainText] = Field(default_factory=list, description="The terms from content/glossary.yml this strategy uses.")
    related_strategies: list[RelatedStrategy] = Field(default_factory=list, description="Strategies on this site that this one links to.")
    related_documents: list[RelatedDocument] = Field(default_factory=list, description="Other documents it relates to.")
    background_papers: list[Paper] = Field(default_factory=list, description="Background papers, as listed in the report.")
    contacts: list[Contact] = Field(default_factory=list, description="Officers to contact.")
    reports: list[Report] = Field(default_factory=list, description="The council reports that brought the strategy to a decision.")
    easy_read: EasyRead | None = Field(None, description="The Easy Read edition, usually kept in its own file, easy-read.yml.")
    changes: list[ChangeNote] = Field(
        default_factory=list,
        description="Dated notes of changes made after publishing, shown in the strategy's change history. "
        "Needed whenever priorities or actions change.",
    )
    versions: Versions | None = Field(
        None, description="Where the strategy has a consultation draft and an approved version: which this is, and the others."
    )


# --- Progress --------------------------------------------------------------------------------------


class ProgressUpdate(ContentModel):
    heading: PlainText = Field(description="The update's heading.")
    section: PlainText | None = Field(
        None, description="The part of the report it sits in, such as Special Educational Needs and Disabilities (SEND)."
    )
    strategy: PlainText | None = Field(None, description="The strategy it reports on, as organisation/folder.")
    priority: Slug | None = Field(None, description="The id of the strategy's priority it reports on.")
    body: Markdown = Field(description="The update, in the report's words.")
    indicators: list[Indicator] = Field(default_factory=list, description="Figures the update reports.")


class ProgressReport(ContentModel):
    title: PlainText = Field(description="The report's title.")
    date: Day = Field(description="The date of the report or meeting.")
    meeting: PlainText = Field(description="The meeting it was given to.")
    author: PlainText = Field(description="Who gives the report.")
    introduction: Markdown | None = Field(None, description="The opening of the report.")
    updates: list[ProgressUpdate] = Field(min_length=1, description="The updates, in the report's order.")


# --- Pictures ------------------------------------------------------------------------------------


class PictureMeaning(ContentModel):
    """What one picture of a set shows, as the Easy Read checker compares it with the words beside it."""

    shows: PlainText = Field(
        description="What is drawn, plainly, as a reader would say it: such as A graduate in a cap and gown, not what it stands for."
    )
    abstract: StrictBool = Field(
        False,
        description="true for a sign rather than a person, place or thing a reader knows from life (a number tile, a star): "
        "the checker advises a picture of what the point is about.",
    )
    sensitive: PlainText | None = Field(
        None, description="Why to think before using it, such as: the puzzle piece is a contested symbol of autism."
    )


class PictureSetFile(ContentModel):
    """pictures/<set>/set.yml: what a set of pictures is and the terms it may be used under."""

    name: PlainText = Field(description="The set's name, shown in the credits, such as Fluent Emoji Flat.")
    licence: PlainText = Field(description="The licence the pictures are used under, such as MIT.")
    credit: PlainText = Field(description="The credit line printed wherever the pictures are used.")
    source: WebLink | None = Field(None, description="Where the pictures came from.")
    pictures: dict[Slug, PictureMeaning] = Field(
        default_factory=dict,
        description="What each picture shows, under its file name without .svg or .png (student: {shows: A graduate in a cap and gown}).",
    )
