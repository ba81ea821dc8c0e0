"""Every message an officer can read about their content, in plain English.

The wording lives here and nowhere else, so that it can be reviewed in one
sitting and kept consistent. Messages say what is wrong and what to do, in the
council's words, without Python or YAML jargon where it can be avoided.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from plugins.safety.sanitise import escaped as escaped  # where messages quote values, as before

from .dates import meant_date, uk_date

# --- Quoting what an officer wrote ---------------------------------------------------------------

# Quoted values are cut at this length: a message names the value, it does not repeat a page of it.
QUOTE_LIMIT = 80


def shown(value: Any) -> str:
    """A value as a message quotes it: escaped, and cut short if it is long."""
    text = str(value)
    if len(text) > QUOTE_LIMIT:
        text = text[:QUOTE_LIMIT] + "…"
    return escaped(text)


# --- Reading files -------------------------------------------------------------------------

NOT_UTF8 = "This file is not saved as UTF-8 text. Save it again as UTF-8 (in most editors: File > Save with Encoding > UTF-8)."
EMPTY_FILE = "This file is empty. Add the content, or delete the file."
YAML_ALIAS = "Anchors and aliases (& and *) are not allowed in content. Write the value out in full."
YAML_ANCHOR = YAML_ALIAS
YAML_MERGE_KEY = "Merge keys ('<<') are not allowed in content. Write the values out in full."
YAML_COMPLEX_KEY = "A key must be a single word or phrase before a colon, not a list or a set of keys."
YAML_TOO_DEEP = "This content is nested too deeply to be a strategy. Check the indentation."


def yaml_tag(tag: str) -> str:
    return f"Tags such as '{shown(tag)}' are not allowed in content. Remove the tag and write the value as plain text."


def file_too_large(size: int, limit: int) -> str:
    return f"This file is {size:,} bytes, more than the limit of {limit:,} bytes. Split the strategy into several files in its folder."


def not_a_real_date(text: str) -> str:
    return f"'{shown(text)}' is not a real date. Write dates as YYYY-MM-DD, for example 2026-04-20."


def too_many_digits(digits: int, limit: int) -> str:
    return f"this number has {digits:,} digits, more than the {limit} a figure can have. Check it, or put it in quotes if it is text."


# Names Python's Unicode database does not give: control characters have none of their own.
_CONTROL_NAMES = {
    "\x00": "NULL",
    "\x08": "BACKSPACE",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\r": "CARRIAGE RETURN",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
}
LINE_BREAKS = frozenset("\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029")
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def character_name(char: str) -> str:
    """A character as Unicode names it: U+202E RIGHT-TO-LEFT OVERRIDE."""
    fallback = "SURROGATE HALF" if unicodedata.category(char) == "Cs" else "CONTROL CHARACTER"
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, fallback)
    return f"U+{ord(char):04X} {name}"


def _invisible(char: str) -> str:
    if char in LINE_BREAKS:
        return (
            f"the character {character_name(char)}, which some programs count as a line break and others do not. "
            "Delete it, and start a new line with Enter if one is meant"
        )
    if char in _BIDI_CONTROLS:
        return (
            f"the invisible character {character_name(char)}, which can make text appear in a different order "
            "from the order it is stored in. Delete it"
        )
    return f"the invisible character {character_name(char)}. Delete it: it cannot be seen, but it changes the text"


def invisible_in_file(char: str) -> str:
    return f"This line holds {_invisible(char)}."


def invisible_in_value(char: str) -> str:
    return f"holds {_invisible(char)}."


LINK_REFUSED = (
    "This is a symbolic link. Content must be ordinary files and folders in the repository: "
    "put the file itself here instead of a link to it."
)
NOT_A_FILE = "This is not an ordinary file (it is a device, a named pipe or a socket). Delete it: content is ordinary files."
UNREADABLE_FILE = "This file cannot be read. Check that it exists and that you may read it."
CONTENT_NOT_A_FOLDER = (
    "This is a file, but the site reads its content from a folder of this name. "
    "Put the content's files in a folder here, or set content_dir in mkdocs.yml to the folder that holds them."
)
FOLDER_NAMED_LIKE_A_FILE = (
    "This is a folder, but its name ends in '.yml' like a content file. Rename the folder, or move the file out of it."
)


def subfolder_in_strategy(content: str) -> str:
    """content is the content folder as officers see it (content_dir in mkdocs.yml)."""
    return (
        "This folder is inside a strategy's folder, where the site reads only files. "
        f"Move its files into the strategy's folder, or move the folder out of {content}/."
    )


SUBFOLDER_IN_PROGRESS = (
    "This folder is inside a progress folder, where the site reads only files. Move its files into the progress folder itself."
)
REPORT_NAME_NOT_A_SLUG = (
    "The file name '{name}' cannot be used in a web address. Rename the file using lower-case letters, digits and hyphens, "
    "for example 2026-07-01-children-and-families.yml."
)


def reserved_name(name: str, what: str) -> str:
    return f"'{shown(name)}' is the name of one of the site's own pages or folders, so it cannot be used as {what}. Choose another name."


_SYNTAX_HINTS = [
    ("found character '\\t'", "A tab is used for indentation here. Use spaces instead of tabs."),
    (
        "mapping values are not allowed here",
        "A colon is in the wrong place, or this line is indented wrongly. If the text itself contains ': ', put the whole text in quotes.",
    ),
    ("could not find expected ':'", "A line here is missing the colon after its key, or is indented wrongly."),
    ("did not find expected key", "This line is indented wrongly: it does not line up with the keys above it."),
    ("did not find expected '-' indicator", "This line is indented wrongly: it does not line up with the list above it."),
    ("found unexpected end of stream", "The file ends in the middle of a value. Check for a missing closing quote."),
    ("found unknown escape character", "A backslash in double quotes starts an unknown escape. Use single quotes instead."),
    ("found undefined alias", YAML_ALIAS),
    ("expected <block end>, but found '-'", "A list item here is indented wrongly: line it up with the items above it."),
    ("expected <block end>", "This line is indented wrongly: it does not line up with the lines above it."),
    ("found unacceptable character", "This file contains a control character that is not allowed. Delete it."),
    ("found character '@' that cannot start any token", "Text that starts with '@' must be put in quotes."),
    ("found character '`' that cannot start any token", "Text that starts with '`' must be put in quotes."),
]


def quote_never_closed(quote: str) -> str:
    quote = quote if quote in ("'", '"') else '"'
    return (
        f"This {quote} opens a quoted text that is never closed, so the lines after it are read as part of the text. "
        f"Add a closing {quote} at the end of the text."
    )


def quote_closed_early(quote: str) -> str:
    if quote == "'":
        return (
            "This ' ends the quoted text, but more text follows it. Inside single quotes, write an apostrophe as two ('') "
            "or put the whole text in double quotes."
        )
    return (
        'This " ends the quoted text, but more text follows it. Inside double quotes, write a quote as \\" '
        "or put the whole text in single quotes."
    )


def yaml_syntax(problem: str | None, context: str | None) -> str:
    """Turn a YAML parser complaint into advice an officer can act on."""
    said = " ".join(x for x in (context, problem) if x)
    for fragment, advice in _SYNTAX_HINTS:
        if fragment in said:
            return advice
    if problem in (YAML_ALIAS, YAML_MERGE_KEY) or (problem or "").startswith("Tags such as"):
        return problem or ""
    return f"This is not valid YAML ({said}). Check the indentation and quotes on this line."


def duplicate_key(key: str, first_line: int) -> str:
    return f"'{shown(key)}' appears twice in the same place; it was first given on line {first_line}. Keep one."


# --- Content rules --------------------------------------------------------------------------

# What to call a value chosen from a list, in a sentence ("'ongoing' is not a status"), found by the
# first of its choices: a strategy's status and an action's status are different lists.
NOUNS = {
    "not started": "status",
    "draft": "stage",
    "board": "kind of event",
    "planned": "event status",
    "exactly": "comparison",
    "en-GB": "language",
    "about": "part of an Easy Read booklet",
}


def describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, Decimal)):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    if value is None:
        return "empty"
    return "text"


def nearest(written: str, known: list[str]) -> str | None:
    """What a mistyped value was most likely meant to be, if anything known is close; never what was
    written itself, which would be no help (a value can be known and still refused, for a reason the
    message gives)."""
    close = difflib.get_close_matches(written, [k for k in known if k != written], n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(close: str | None) -> str:
    return f" Did you mean '{escaped(close)}'?" if close else ""


def nearest_field(key: str, allowed: list[str]) -> str | None:
    """The field a misspelt key was most likely meant to be, if any is close."""
    return nearest(key, allowed)


def figure_on_action_update(key: str, allowed: list[str]) -> str:
    """value: or comparison: on an action's update, where only a measure's update takes a figure."""
    return (
        f"'{shown(key)}' is not a field of an action's update. Figures go on a measure's update: under measures: and "
        "indicators:, in the updates: of the measure, with the figure's date, what and source. "
        f"The fields here are: {', '.join(allowed)}."
    )


def unknown_key(key: str, allowed: list[str]) -> str:
    hint = did_you_mean(nearest_field(key, allowed))
    return f"'{shown(key)}' is not a field here.{hint} The fields here are: {', '.join(allowed)}."


def missing(name: str, description: str | None) -> str:
    # One full stop is dropped before the bracket closes; an ellipsis ("such as We will ...") is kept whole.
    if description and description.endswith(".") and not description.endswith("..."):
        description = description[:-1]
    what = f" ({description})" if description else ""
    return f"'{name}' is missing. Add it{what}."


# Words officers write for a choice, by the noun of its list, each with the one choice it surely means.
# "in progress", "ongoing" or "started" could be on track, at risk or delayed: they are not guessed, and
# the message names those three instead (see UNDER_WAY).
_MEANT: dict[str, dict[str, str]] = {
    "status": {
        "complete": "done",
        "completed": "done",
        "finished": "done",
        "achieved": "done",
        "not yet started": "not started",
        "not begun": "not started",
    },
    "stage": {
        "consultation": "out for consultation",
        "in consultation": "out for consultation",
        "out to consultation": "out for consultation",
        "consultation draft": "draft",
    },
    "event status": {"happened": "held", "took place": "held", "met": "held", "scheduled": "planned", "upcoming": "planned"},
    "comparison": {
        "equal to": "exactly",
        "equals": "exactly",
        "=": "exactly",
        "more than": "over",
        "greater than": "over",
        "above": "over",
        ">": "over",
        "less than": "under",
        "fewer than": "under",
        "below": "under",
        "<": "under",
        "or more": "at least",
        "no less than": "at least",
        "minimum": "at least",
        ">=": "at least",
        "≥": "at least",
        "+": "at least",
        "or less": "at most",
        "or fewer": "at most",
        "up to": "at most",
        "no more than": "at most",
        "maximum": "at most",
        "<=": "at most",
        "≤": "at most",
        "approximately": "about",
        "around": "about",
        "roughly": "about",
        "nearly": "about",
        "almost": "about",
        "~": "about",
    },
}
UNDER_WAY = frozenset({"in progress", "ongoing", "started", "underway", "under way", "progressing"})


def _said(value: str) -> str:
    """A choice as written, with case, hyphens, underscores and spacing set aside: "On-Track" is "on track"."""
    return " ".join(value.replace("-", " ").replace("_", " ").casefold().split())


def meant_choice(value: Any, noun: str, choices: list[str]) -> str | None:
    """The choice a value written another way surely means: another case, a common word for it, or a
    slip of a letter or two; None where there is no one sure reading."""
    if not isinstance(value, str):
        return None
    said = _said(value)
    by_word = {_said(c): c for c in choices}
    if said in by_word:
        return by_word[said]
    meant = _MEANT.get(noun, {}).get(said)
    if meant in choices:
        return meant
    close = difflib.get_close_matches(said, [c for c in by_word if c != said], n=1, cutoff=0.8)
    return by_word[close[0]] if close else None


def one_of(value: Any, noun: str, choices: list[str]) -> str:
    listed = f"Use one of: {', '.join(choices)}."
    if noun == "status" and isinstance(value, str) and _said(value) in UNDER_WAY:
        return f"'{shown(value)}' is not a status. For an action under way, say how it is going: on track, at risk or delayed. {listed}"
    return f"'{shown(value)}' is not a {noun}.{did_you_mean(meant_choice(value, noun, choices))} {listed}"


def translate(error: Mapping[str, Any], field_name: str | None) -> str:
    """Turn one pydantic error into a sentence. ``field_name`` is the last named part of its path."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "content":  # raised by our own validators: the message is already written here
        return str(error["msg"])
    if kind == "literal_error":
        choices = [c.strip().strip("'") for c in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")]
        return one_of(value, NOUNS.get(choices[0], "value"), choices)
    if kind in ("string_type",):
        if isinstance(value, dt.date):
            return "should be text, but a date is given here. Put the text in quotes, or move the date to a date field."
        return f"should be text, but is {describe_value(value)}. Put it in quotes if it is meant as text."
    if kind in ("int_type", "int_parsing", "int_parsing_size", "int_from_float"):
        return f"should be a whole number, such as 3, but is {describe_value(value) if not isinstance(value, str) else repr(shown(value))}."
    if kind in ("decimal_type", "decimal_parsing", "float_type", "float_parsing"):
        return f"should be a number, such as 87880 or -15363, but is '{shown(value)}'."
    if kind in ("bool_type", "bool_parsing"):
        return f"should be true or false, but is '{shown(value)}'."
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return not_a_day(value)
    if kind in ("list_type",):
        return f"should be a list (lines starting with '- '), but is {describe_value(value)}."
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"should be a set of 'key: value' lines, but is {describe_value(value)}."
    if kind == "too_short":
        return "must not be empty."
    if kind == "string_too_short":
        return "must not be empty."
    if kind == "greater_than_equal":
        return f"must be {ctx.get('ge')} or more, but is {shown(value)}."
    if kind == "less_than_equal":
        return f"must be {ctx.get('le')} or less, but is {shown(value)}."
    if kind == "string_pattern_mismatch":
        return pattern_message(field_name, value)
    return str(error.get("msg", kind))


def pattern_message(field_name: str | None, value: Any) -> str:
    value = shown(value)
    if field_name == "email":
        return f"'{value}' is not an email address."
    if field_name == "from":
        return (
            f"'{value}' is not a place in the strategy. Write it as a path of ids and numbers joined by /, "
            "such as priorities/belonging or priorities/belonging/actions/2."
        )
    if field_name == "picture":
        return (
            f"'{value}' is not a picture name. Use the name of a picture file in pictures/ without .svg, "
            "such as school, or set/name, such as fluent-emoji-flat/school."
        )
    return (
        f"'{value}' cannot be used as a name in a web address. Use lower-case letters, digits and hyphens, "
        "for example 'send-and-inclusion'."
    )


# Messages raised by validators in the model, kept here so the wording is reviewed in one place.
HTML_REFUSED = (
    "contains HTML ('{tag}'). HTML is not allowed in content: write plain text, "
    "and use Markdown for bold (**bold**), links ([text](https://...)) and lists."
)
TEXT_TOO_LONG = "is {length} characters long, more than the {limit} this field can hold. Shorten it, or split it into sections."
TOO_MANY_BRACKETS = (
    "has {count} '[' brackets, more than the {limit} a text can have. Write fewer links, or leave out brackets that are not links."
)
ATTRIBUTE_LIST_REFUSED = (
    "contains '{text}', which Markdown reads as settings for the text before it. "
    "Curly brackets are not allowed in content: write the text without them."
)
PICTURE_IN_TEXT = (
    "has a picture ('{address}'). Pictures cannot be put in text: a picture from another site would "
    "tell that site who reads the page. Link to it instead: [words](https://...)."
)
PLAIN_TEXT_ONLY = "contains a line break. Keep this to one line."
UNSAFE_LINK = "has a link to '{link}'. Links must start with https://, http://, mailto: or tel:."
NOT_A_LINK = "'{value}' is not a web address. Web addresses start with https:// or http://."
NOT_A_SITE_ADDRESS = (
    "'{value}' cannot be the site's address: every link in the feeds and calendars starts with it. "
    "Give the address alone, such as https://strategies.example.gov.uk/, with no ?, # or user name."
)


def _date_hint(value: Any, *, day_needed: bool) -> str:
    """Did you mean 2026-06-10?, where a date written another way has one sure reading."""
    reading = meant_date(value) if isinstance(value, str) else None
    if reading is None:
        return ""
    iso, day_first = reading
    if len(iso) < 10 and day_needed:
        return " This needs the day as well as the month."
    if day_first:
        return f" Did you mean {iso} ({uk_date(dt.date.fromisoformat(iso))}, reading the figures day first, as in the UK)?"
    return f" Did you mean {iso}?"


def not_a_day(value: Any) -> str:
    """A value in a field that needs a day."""
    return f"'{shown(value)}' is not a date.{_date_hint(value, day_needed=True)} Write dates as YYYY-MM-DD, for example 2026-04-20."


def not_a_partial_date(value: Any) -> str:
    """A value in a field that takes a day, or a month or a year where the source gives no more."""
    return (
        f"'{shown(value)}' is not a date.{_date_hint(value, day_needed=False)} "
        "Write YYYY-MM-DD (2026-04-20), or YYYY-MM (2024-11) for a month, or YYYY (2028) for a year."
    )


# A figure written with words around it: "over 95%", "£102 million", "18 weeks or less".
_WRITTEN_FIGURE = re.compile(
    r"(?P<before>[^\d£$€−-]*?)\s*(?P<currency>[£$€])?\s*(?P<number>[−-]?\d[\d,]*(?:\.\d+)?)\s*(?P<after>.*?)"
    r"\s*(?P<trailing>or more|or less|or fewer|or above|or below|\+)?"
)


_QUOTED_NUMBER = re.compile(r"[−-]?\d[\d,]*(?:\.\d+)?")


def not_a_figure(value: Any) -> str:
    """A measure's figure (value:) given as anything but a number."""
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if _QUOTED_NUMBER.fullmatch(text):
        number = text.replace(",", "").replace("−", "-")
        written = f", as value: {number}" if len(number) <= QUOTE_LIMIT else ""
        return f"'{shown(value)}' is in quotes, so it is read as text. Write the number without quotes{written}."
    # Only a value short enough to quote whole is read for its words: a long one is quoted cut short anyway.
    found = _WRITTEN_FIGURE.fullmatch(text) if text and len(text) <= QUOTE_LIMIT else None
    if found is None:
        what = f"'{shown(value)}'" if isinstance(value, str) else describe_value(value)
        return f"The figure must be a number, such as 95, but is {what}. Write the number alone; the unit goes in the measure's unit:."
    number = found["number"].replace(",", "").replace("−", "-")
    unit = " ".join(x for x in (found["currency"], found["after"]) if x)
    said = _said(found["before"] or (found["trailing"] or "").replace("or above", "or more").replace("or below", "or less"))
    comparison = said if said in _MEANT["comparison"].values() else _MEANT["comparison"].get(said)
    parts = [f"'{shown(value)}' is not a number on its own. Write the number alone, as value: {number}."]
    if unit:
        parts.append(f"The unit ({shown(unit)}) goes in the measure's unit:, not here.")
    if comparison:
        parts.append(f"For '{shown(said)}', add comparison: {comparison} beside it.")
    else:
        parts.append("A figure such as 'over 95%' is written value: 95 with comparison: over.")
    return " ".join(parts)


NOT_A_CELL = "should be a number, text or empty, but is {what}."
FIRST_YEAR, LAST_YEAR = 1900, 2200
YEAR_OUT_OF_RANGE = f"the year {{year}} is outside the years content can use ({FIRST_YEAR} to {LAST_YEAR}). Check the date."
BLANK_TEXT = "must not be empty."


# --- Checks across fields and files ---------------------------------------------------------------


def status_not_last_stage(status: str, last: str) -> str:
    return f"the status is '{status}', but the last of the stages is '{last}'. Make them the same."


def stages_out_of_order(stage: str, when: str, before: str) -> str:
    return f"the stage '{stage}' is dated {when}, before the stage above it ({before}). List the stages in date order."


def year_outside_period(name: str, period: str) -> str:
    return f"'{shown(name)}' falls outside the strategy period ({period})."


def year_ends_before_start(name: str) -> str:
    return f"'{shown(name)}' ends before it starts."


def period_ends_before_start() -> str:
    return "the period ends before it starts."


def unknown_year(key: str, years: list[str]) -> str:
    if not years:
        return f"'{shown(key)}' is not a year of this strategy: add the years under period.years first."
    return f"'{shown(key)}' is not a year of this strategy. Use one of: {', '.join(years)}."


def unknown_reference(what: str, value: str, known: list[str]) -> str:
    hint = did_you_mean(nearest(value, known))
    listed = f" Known: {', '.join(known)}." if known and len(known) <= 12 else ""
    article = "an" if what[:1].lower() in "aeiou" else "a"
    return f"'{shown(value)}' is not {article} {what}.{hint}{listed}"


def unknown_glossary_term(term: str, known: list[str], content: str) -> str:
    """content is the content folder as officers see it (content_dir in mkdocs.yml)."""
    # One line of YAML, ready to paste: a message is always one line, so that nothing in it can start
    # a line of its own in a log. The meaning is left empty, so that a term pasted and not finished
    # is refused rather than published without a meaning.
    line = f'- {{term: {json.dumps(term, ensure_ascii=False)}, meaning: ""}}'
    return (
        f"{unknown_reference(f'term in {content}/glossary.yml', term, known)} If it is a new term, add this line under "
        f"'terms:' in {content}/glossary.yml, lined up with the other terms, and write its meaning between the quotes: {line}"
    )


def unknown_picture(name: str, known: list[str]) -> str:
    hint = did_you_mean(nearest(name.split("/")[-1], known))
    return f"there is no picture called '{shown(name)}' in pictures/.{hint} Use the name of a picture file there, without .svg."


def meaning_without_picture(name: str, folder: str, known: list[str]) -> str:
    """folder is the set's folder as officers see it, such as pictures/fluent-emoji-flat/."""
    hint = did_you_mean(nearest(name, known))
    return (
        f"there is no picture called '{shown(name)}' in {folder}.{hint} Name a picture file of this set, "
        "without .svg or .png, or take this entry out."
    )


def ambiguous_picture(name: str, candidates: list[str]) -> str:
    return f"more than one picture set has a picture called '{shown(name)}': write {' or '.join(candidates)}."


def unknown_standard_path(path: str, closest: str | None, known: list[str]) -> str:
    """A point's from: that names nothing in the strategy, with what it could name there. known is
    every path the strategy has, in the order of its standard edition."""
    hint = did_you_mean(closest if closest != path else None)
    return f"'{shown(path)}' names nothing in this strategy.{hint} {_standard_choices(path, known)}"


def _count(paths: list[str], prefix: str) -> int:
    """How many numbered parts there are under a prefix: sections/1, sections/2..."""
    return sum(1 for p in paths if p.startswith(prefix) and p.removeprefix(prefix).isdigit())


def _numbers(n: int) -> str:
    return "1" if n == 1 else f"1 to {n}"


def _ids(paths: list[str], prefix: str) -> list[str]:
    return [p.removeprefix(prefix) for p in paths if p.startswith(prefix) and "/" not in p.removeprefix(prefix)]


def _standard_choices(path: str, known: list[str]) -> str:
    head, _, rest = path.partition("/")
    priorities = _ids(known, "priorities/")
    if head == "priorities" and rest.split("/")[0] in priorities and "/" in rest:
        priority = rest.split("/")[0]
        actions = _count(known, f"priorities/{priority}/actions/")
        if not actions:
            return f"priorities/{priority} has no actions."
        if actions == 1:
            return f"priorities/{priority} has 1 action: priorities/{priority}/actions/1."
        return f"priorities/{priority} has {actions} actions: give a number from 1 to {actions}."
    if head == "priorities" and priorities:
        return f"Its priorities are: {', '.join(priorities)}; an action is priorities/<priority id>/actions/<n>."
    outcomes, indicators = _count(known, "measures/outcomes/"), _ids(known, "measures/indicators/")
    if head == "measures" and (outcomes or indicators):
        parts = [f"outcomes {_numbers(outcomes)}"] if outcomes else []
        parts += [f"indicators {', '.join(indicators)}"] if indicators else []
        return f"Its measures have {' and '.join(parts)}."
    if head == "governance" and _ids(known, "governance/boards/"):
        return f"Its boards are: {', '.join(_ids(known, 'governance/boards/'))}."
    sections = _count(known, "sections/")
    if head == "sections" and sections:
        named = [p for p in _ids(known, "sections/") if not p.isdigit()]
        return f"Its sections are {_numbers(sections)}, or by heading: {', '.join(named)}."
    if head == "timeline" and _count(known, "timeline/"):
        return f"Its timeline has events {_numbers(_count(known, 'timeline/'))}."
    if head == "principles" and _count(known, "principles/"):
        return f"It has principles {_numbers(_count(known, 'principles/'))}."
    forms = list(dict.fromkeys(_path_form(p) for p in known))
    return f"In this strategy a point can name: {', '.join(forms)}." if forms else "This strategy has nothing a point can name yet."


def _path_form(path: str) -> str:
    """The kind of path a known one is, as the message lists it: priorities/<priority id>/actions/<n>."""
    parts = path.split("/")
    if len(parts) == 1:
        return path
    head = parts[0]
    if head == "priorities":
        return "priorities/<priority id>" + ("/actions/<n>" if len(parts) > 2 else "")
    if head in ("measures", "governance"):
        return f"{head}/{parts[1]}/" + ("<n>" if parts[2].isdigit() else "<id>")
    return f"{head}/<n>" if parts[1].isdigit() else f"{head}/<heading as an id>"


PRIORITY_SECTION_NEEDS_PRIORITY = "a priority section must say which priority it explains: add 'priority:' with the priority's id."


def when_without_consultation(when: str) -> str:
    return (
        f"this strategy has no consultation, so the page would never show a point marked 'when: {shown(when)}'. "
        "Delete when: to show the point always, or add the strategy's consultation under consultation:."
    )


def change_note_needed(base: str, today: str) -> str:
    return (
        f"the priorities or actions of this strategy have changed since {base}, and 'changes' has no new note. "
        f"Add one, for example: changes: [{{date: {today}, note: Added an action to priority 2 after the consultation.}}]"
    )


def duplicate(what: str, value: str, first: str) -> str:
    return f"'{shown(value)}' is used for more than one {what} (first at {first}). Each must be different."


def priority_numbers(expected: int, got: int) -> str:
    return f"priority number {got} is out of order: expected {expected}. Number priorities 1, 2, 3 in order."


def due_outside_period(due: str, period: str) -> str:
    return f"the due date {due} falls outside the strategy period ({period})."


def row_too_long(cells: int, columns: int) -> str:
    return f"this row has {cells} cells, but the table has only {columns} columns."


def top_key_twice(key: str, other: str) -> str:
    return f"'{shown(key)}' is already given in {other}. Each part of a strategy belongs in one file."


def unknown_file_place(content: str) -> str:
    """content is the content folder as officers see it (content_dir in mkdocs.yml)."""
    return (
        f"This file is not in a place the site reads. Strategies live in {content}/<organisation>/<strategy>/, "
        f"progress reports in {content}/<organisation>/progress/."
    )


YAML_EXTENSION = "Content files end in '.yml'. Rename this file from '.yaml' to '.yml'."
NOT_A_MAPPING = "This file should be a set of 'key: value' lines at the top level."
MISSING_STRATEGY_FILE = "This strategy folder has no strategy.yml. Every strategy needs one: run 'python site_build.py new'."
MISSING_SITE_FILE = "The site needs this file. Copy it from the README's example."
FOLDER_NOT_A_SLUG = "The folder name '{name}' cannot be used in a web address. Use lower-case letters, digits and hyphens."


# --- Pictures: the files under pictures/ --------------------------------------------------------

PICTURE_SYMLINK = (
    "This is a symbolic link. Everything under pictures/ must be an ordinary file or folder in the project: "
    "copy the file here instead of linking to it."
)
PICTURE_NOT_A_FILE = "This is not an ordinary file. A picture set holds only its pictures (.svg or .png), set.yml and LICENSE."
PICTURE_OUTSIDE_SET = "Pictures belong in a set's folder, as pictures/<set>/<name>.svg, beside the set's set.yml and LICENSE."
PICTURE_FOLDER_INSIDE_SET = "Folders inside a picture set are not read. Put the set's pictures directly in its folder."
PICTURE_UNKNOWN_FILE = "A picture set holds only its pictures (.svg or .png, with the extension in lower case), set.yml and LICENSE."
PICTURE_SET_WITHOUT_ABOUT = (
    "This picture set has no set.yml. Add one with the set's name, licence and credit line, as in pictures/fluent-emoji-flat/set.yml."
)
PICTURE_NAME_NOT_A_SLUG = (
    "The name '{name}' cannot be used for a picture. Use lower-case letters, digits and hyphens, such as town-hall.svg."
)
SVG_DOCTYPE = (
    "This picture declares a DOCTYPE or entities, which pictures may not: they can make a small file "
    "grow to gigabytes or read other files. Delete the <!DOCTYPE ...> part."
)
SVG_NOT_SVG = 'This file is not an SVG picture: its outermost element must be <svg xmlns="http://www.w3.org/2000/svg">.'
SVG_STYLE_ESCAPE = "This picture's style uses '\\' or '@', which can hide a reference to another file. Write the style out plainly."
PNG_NOT_PNG = "This file ends in .png but is not a PNG picture. Export it again as PNG."
PICTURE_EMPTY = "This file is empty. Export the picture again, or delete the file."


def picture_too_large(size: int, limit: int) -> str:
    return f"This file is {size:,} bytes, more than the limit of {limit:,} bytes for a picture. Export it again smaller."


def svg_not_well_formed(reason: str) -> str:
    return f"This picture is not a well-formed SVG file ({reason}). Open it in a drawing program and save it again as plain SVG."


def svg_too_deep(limit: int) -> str:
    return f"This picture nests its elements more than {limit} deep. Save it again as plain SVG, with fewer groups."


def svg_not_cleanable(reason: str) -> str:
    return f"This picture could not be made safe to publish ({reason}). Save it again as plain SVG, in UTF-8."


def svg_cleaner_removes(what: str) -> str:
    return (
        f"{what} would be removed before publishing, because pictures may not run script, react to readers "
        "or load anything from elsewhere. Delete it from the picture, or save the picture again as plain SVG."
    )


def svg_refers_outside(value: str) -> str:
    # The value is the picture's own text: a line break or control character in it is shown, not obeyed.
    shown = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in value[:80])
    return (
        f"This picture refers to '{shown}', outside itself. A picture may refer only to its own parts, "
        'as url(#id) or href="#id": put what it needs inside the picture.'
    )


def svg_style_function(name: str) -> str:
    return f"This picture's style uses {name}(), which pictures may not use. Use colours, sizes and url(#id) only."


def png_too_many_pixels(width: int, height: int, side: int, pixels: int) -> str:
    return (
        f"This picture is {width:,} by {height:,} pixels, more than {side:,} on a side or {pixels:,} in all. "
        "Export it again smaller: a picture beside a point is printed 30 mm wide."
    )


# --- Examples: the values `new` writes, each marked !example --------------------------------------

# Each message is true whether or not the officer has already replaced the value: the mark is what
# stops the site, so the message says what to do about both.


def example_left(value: Any) -> str:
    """The value at a place still marked !example, read as if unmarked.

    The message does not guess what kind of value belongs there (2026 may be a figure or a year, and
    2027-03 a month or text): the path before it names the field.
    """
    if isinstance(value, (list, dict)):
        return EXAMPLE_PART_LEFT
    return EXAMPLE_LEFT


EXAMPLE_LEFT = (
    "is marked !example. Replace the example with the real one, then delete '!example' (if it is real already, just delete '!example')."
)
EXAMPLE_PART_LEFT = (
    "is marked !example, with everything in it. Replace each example in it with the real one, "
    "then delete '!example' (if all are real already, just delete '!example')."
)
# The words every written example of a text starts with, so that one left in place, its !example
# deleted, is found by its own words.
PLACEHOLDER_START = "Replace this with"
PLACEHOLDER_LEFT = "still holds the example's words ('Replace this with ...'). Write the strategy's own words here."
EXAMPLE_ON_KEY = "'!example' is written before this key, where it cannot go: it marks a value, after the colon. Delete it here."


# --- The preview's page of problems (serve) -----------------------------------------------------


def preview_waiting(count: int) -> str:
    """The title and heading of the page `serve` answers with while the site cannot be built."""
    return f"The preview is waiting for {count} {'problem' if count == 1 else 'problems'} to be fixed"


PREVIEW_ADVICE = (
    "The site cannot be built until then. Fix each problem in your editor and save the file: "
    "this page turns back into the site by itself. The same problems are listed where serve is running."
)
PREVIEW_BUILD_STOPPED = "The build stopped"


def preview_more(count: int) -> str:
    return (
        f"And {count:,} more {'problem' if count == 1 else 'problems'}, listed where serve is running. "
        "This page shows the first ones; fix them and it shows the next."
    )


def preview_line(line: int) -> str:
    return f"Line {line} as it is now, with the place marked:"


def preview_showing(count: int, url: str) -> str:
    return (
        f"The preview at {url} lists the {'problem' if count == 1 else f'{count} problems'} until "
        f"{'it is' if count == 1 else 'they are'} fixed, then reloads to the site."
    )


def preview_unexpected(kind: str, reason: str) -> str:
    return f"The build stopped unexpectedly ({kind}: {reason}). The details are where serve is running."


def preview_cannot_listen(address: str, reason: str) -> str:
    return f"The preview cannot be served on {address}: {reason}. Stop the other preview, or choose another port with --dev-addr."


def consultation_closes_before_opens(opens: str, closes: str) -> str:
    """opens and closes as on_date gives them: "on 20 April 2026", "in June 2026"."""
    return f"the consultation closes {closes}, which is not after it opens {opens}."


def more_invisible_in_file(count: int) -> str:
    # Told once, at the first character not told one by one: a file can hold a million of them.
    noun = "character" if count == 1 else "characters"
    return f"And {count:,} more such {noun} in this file, from here on. Delete each of them."
