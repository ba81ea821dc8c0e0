"""Facts the site states in more than one place say the same thing in each.

Each fact has one home (the content model, or plugins/pages/status.py for the words about a stage);
these tests read it back from every place a reader meets it, so that a second, drifting copy shows.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any, Literal, get_args, get_origin

import pytest
from mkdocs.config import load_config
from pydantic import BaseModel, TypeAdapter, ValidationError

from easyread.text import sentences
from plugins.content import Library, LoadedStrategy, load_library
from plugins.content import model as content_model
from plugins.content.changes import compare_strategies, side_by_side
from plugins.content.model import STAGES, Markdown, Strategy
from plugins.pages import PageSpec, StandardEdition
from plugins.safety.sanitise import clean_html

from .conftest import MINIMAL, REPO

BELONGING = "leicestershire/belonging-in-education-2026-29"


@pytest.fixture(scope="module")
def real() -> Library:
    return load_library(REPO)


def _edition(library: Library, day: str) -> StandardEdition:
    env = load_config(config_file=str(REPO / "mkdocs.yml")).theme.get_env()
    return StandardEdition(library, env, dt.date.fromisoformat(day))


def _strategy_pages(edition: StandardEdition, strategy_id: str) -> dict[str, PageSpec]:
    """One strategy's pages, rendered, by their address."""
    s = edition.library.strategy(strategy_id)
    assert s is not None
    specs = edition.strategy_specs(s, edition.shared_context())
    for spec in specs:
        spec.markdown = edition.render(spec)
    return {spec.uri: spec for spec in specs}


# --- Stages ------------------------------------------------------------------------------------------


def test_the_home_page_and_the_status_pages_follow_the_stages_of_the_content_model():
    edition = _edition(load_library(MINIMAL), "2026-05-01")
    specs = edition.build()
    assert STAGES == ("draft", "out for consultation", "submitted", "approved", "superseded", "withdrawn")
    assert [(s.uri, s.title) for s in specs if s.template == "status"] == [
        ("status/draft.md", "Draft strategies"),
        ("status/out-for-consultation.md", "Out for consultation strategies"),
        ("status/submitted.md", "Submitted strategies"),
        ("status/approved.md", "Approved strategies"),
        ("status/superseded.md", "Superseded strategies"),
        ("status/withdrawn.md", "Withdrawn strategies"),
    ]
    home = next(s for s in specs if s.uri == "index.md").markdown
    assert (
        "Show strategies that are:\n\n"
        "- [Draft (0)](status/draft.md)\n"
        "- [Out for consultation (1)](status/out-for-consultation.md)\n"
        "- [Submitted (0)](status/submitted.md)\n"
        "- [Approved (0)](status/approved.md)\n"
        "- [Superseded (0)](status/superseded.md)\n"
        "- [Withdrawn (0)](status/withdrawn.md)\n"
    ) in home


# --- Whether the consultation has closed ----------------------------------------------------------


@pytest.mark.parametrize(
    "day, badge, index, timeline, easy_read",
    [
        (
            "2026-06-01",  # the last day to respond
            "Out for consultation until 1 June 2026",
            '!!! tip "Have your say by 1 June 2026"',
            "The consultation runs from 20 April 2026 to 1 June 2026",
            "You can have your say now. Please tell us what you think by 1 June 2026.",
        ),
        (
            "2026-06-02",
            "Consultation closed 1 June 2026",
            '!!! note "The consultation closed on 1 June 2026"',
            "The consultation ran from 20 April 2026 to 1 June 2026",
            "The time to have your say ended on 1 June 2026.",
        ),
    ],
)
def test_every_page_agrees_on_the_day_the_consultation_closes(real: Library, day, badge, index, timeline, easy_read):
    pages = _strategy_pages(_edition(real, day), BELONGING)
    front = pages[f"{BELONGING}/index.md"].markdown
    assert f"<strong>Status:</strong> {badge}</p>" in front
    assert index in front
    assert ("The consultation closed on" in front) == ("ended" in easy_read)
    assert timeline in pages[f"{BELONGING}/timeline.md"].markdown
    # The Easy Read page's "have your say" section starts with what the consultation's dates say on the day.
    er = pages[f"{BELONGING}/easy-read/index.md"].context["er"]
    row = next(s for s in er.sections if s.part == "have your say").rows[0].html
    # Its date is kept on one line (easyread/page.py, kept_whole).
    assert '<span class="er-nowrap">1 June 2026</span>' in row
    assert re.sub(r'<span class="er-nowrap">(.*?)</span>', r"\1", row) == easy_read


# --- Email addresses and phone numbers --------------------------------------------------------------


def test_a_phone_number_is_linked_alike_on_the_contacts_page_and_the_easy_read_page_and_set_aside_by_its_check(real: Library):
    pages = _strategy_pages(_edition(real, "2026-12-01"), BELONGING)
    assert '- Telephone: <a href="tel:01163057429">0116 3057429</a>\n' in pages[f"{BELONGING}/contacts.md"].markdown
    rows = [row.html for section in pages[f"{BELONGING}/easy-read/index.md"].context["er"].sections for row in section.rows]
    assert 'Phone: <a href="tel:01163057429"><span class="er-nowrap">0116 305 7429</span></a>' in rows
    assert 'Email: <a href="mailto:Tim.Browne@leics.gov.uk">Tim.Browne@leics.gov.uk</a>' in rows
    # What the page makes a link, the Easy Read check reads as one address, not as words to count.
    assert sentences("Phone: 0116 3057429") == ["Phone: address"]
    assert sentences("Email: Tim.Browne@leics.gov.uk") == ["Email: address"]


def _accepted_by_the_model(address: str) -> bool:
    try:
        TypeAdapter(Markdown).validate_python(f"[Read it]({address})")
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize(
    "address",
    [
        "https://example.org/",
        "http://example.org/",
        "mailto:a@example.org",
        "tel:+441162323232",
        "ftp://example.org/",
        "javascript:alert(1)",
    ],
)
def test_a_link_the_content_model_accepts_is_one_the_sanitiser_keeps(address: str):
    kept = 'href="' in clean_html(f'<a href="{address}">Read it</a>')
    assert _accepted_by_the_model(address) == kept
    assert kept == (address.split(":", 1)[0] in ("https", "http", "mailto", "tel"))


# --- The glossary's acronyms ------------------------------------------------------------------------


def test_the_tooltips_written_into_tables_are_the_ones_the_glossary_gives_the_rest_of_the_page(real: Library):
    edition = _edition(real, "2026-12-01")
    abbreviations = edition.abbreviations()
    found = {}
    for spec in edition.build():
        for title, term in re.findall(r'<abbr title="([^"]*)">([^<]*)</abbr>', spec.markdown):
            found.setdefault(term, set()).add(title)
    assert found
    assert found == {term: {html.escape(abbreviations[term])} for term in found}


# --- The priorities and actions that changed --------------------------------------------------------


def _strategy(priorities: list[dict[str, Any]]) -> Strategy:
    return Strategy.model_validate(
        {
            "title": "Plan",
            "short_title": "Plan",
            "summary": "A plan.",
            "period": {
                "start_year": 2026,
                "end_year": 2027,
                "years": [{"id": "year_one", "name": "Year one (2026-2027)", "start": "2026-04-01", "end": "2027-03-31"}],
            },
            "status": "approved",
            "stages": [{"stage": "approved", "date": "2026-03-24"}],
            "priorities": priorities,
        }
    )


def test_the_summary_of_changes_and_the_side_by_side_page_match_priorities_and_actions_alike():
    draft = _strategy(
        [
            {
                "number": 1,
                "id": "belonging",
                "title": "Every child belongs",
                "actions": {
                    "year_one": [
                        {"text": "We will review attendance support"},
                        {"text": "We will publish a guide for parents"},
                    ]
                },
            },
            {"number": 2, "id": "travel", "title": "Safe travel to school"},
        ]
    )
    approved = _strategy(
        [
            {
                "number": 1,
                "id": "belonging",
                "title": "Every child and young person belongs",
                "actions": {
                    "year_one": [
                        {"text": "We will review attendance support in every school"},
                        {"text": "We will train every teacher"},
                    ]
                },
            },
            {"number": 2, "id": "voice", "title": "Young people are heard"},
        ]
    )
    assert list(compare_strategies(draft, approved)) == [
        ("", "priority added: Priority 2, 'Young people are heard'"),
        ("", "priority removed: Priority 2, 'Safe travel to school'"),
        ("Priority 1", "reworded: 'Every child belongs' -> 'Every child and young person belongs'"),
        (
            "Priority 1 > Year one (2026-2027)",
            "1 action added: 'We will train every teacher'; 1 action removed: 'We will publish a guide for parents'; "
            "1 action reworded: 'We will review attendance support' -> 'We will review attendance support in every school'",
        ),
    ]
    assert [(r.where, r.change, r.before, r.after) for r in side_by_side(draft, approved)] == [
        ("Priority 2", "priority added", "", "Young people are heard"),
        ("Priority 2", "priority removed", "Safe travel to school", ""),
        ("Priority 1", "priority reworded", "Every child belongs", "Every child and young person belongs"),
        ("Priority 1, Year one (2026-2027)", "action added", "", "We will train every teacher"),
        ("Priority 1, Year one (2026-2027)", "action removed", "We will publish a guide for parents", ""),
        (
            "Priority 1, Year one (2026-2027)",
            "action reworded",
            "We will review attendance support",
            "We will review attendance support in every school",
        ),
    ]


# --- A strategy's pages --------------------------------------------------------------------------


def test_a_strategys_footer_lists_the_pages_of_its_menu_after_the_index_and_the_priorities(real: Library):
    edition = _edition(real, "2026-12-01")
    specs = edition.build()
    s = real.strategy(BELONGING)
    assert isinstance(s, LoadedStrategy)
    menu = next(
        pages
        for org in edition.nav(specs)
        for section in org.values()
        if isinstance(section, list)
        for entry in section
        for title, pages in entry.items()
        if title == s.model.short_title
    )
    menu_titles = [next(iter(entry)) for entry in menu]
    front = next(spec.markdown for spec in specs if spec.uri == f"{BELONGING}/index.md")
    footer = front.split("## More about this strategy\n\n", 1)[1].split("\n\n", 1)[0]
    footer_titles = re.findall(r"^- \[(.*)\]\(", footer, re.MULTILINE)
    assert menu_titles[0] == "At a glance"
    assert [t.split(":")[0] for t in menu_titles[1:5]] == ["Priority 1", "Priority 2", "Priority 3", "Priority 4"]
    assert (
        footer_titles
        == menu_titles[5:]
        == [
            "How it is going",
            "Governance",
            "Timeline and decisions",
            "About this strategy",
            "Council report",
            "Background papers and related documents",
            "Contacts",
            "Glossary",
        ]
    )


def test_the_officers_guide_takes_apart_the_message_it_shows_for_a_choice_not_on_the_list():
    specs = _edition(load_library(MINIMAL), "2026-05-01").build()
    guide = next(spec.markdown for spec in specs if spec.uri == "officers-guide.md")
    example = guide.split("Every mistake is reported the same way:\n\n    ", 1)[1].split("\n", 1)[0]
    listed = guide.split("### A choice that is not on the list\n", 1)[1].split("What the check says:\n\n    ", 1)[1].split("\n", 1)[0]
    assert (
        example
        == listed
        == (
            "content/leicestershire/example-strategy/strategy.yml:18:19: priorities[0].actions.year_one[0].status: "
            "'ongoing' is not a status. "
            "For an action under way, say how it is going: on track, at risk or delayed. "
            "Use one of: not started, on track, at risk, delayed, done."
        )
    )
    parts = re.findall(r"<tr><th scope=\"row\"><code>(.*?)</code></th>", guide)
    assert parts == [
        "content/leicestershire/example-strategy/strategy.yml",
        "18:19",
        "priorities[0].actions.year_one[0].status",
        "'ongoing' is not a status. "
        "For an action under way, say how it is going: on track, at risk or delayed. "
        "Use one of: not started, on track, at risk, delayed, done.",
    ]


# --- The choices officers may write -----------------------------------------------------------------


def _choice_fields() -> list[tuple[str, tuple[str, ...], str]]:
    found = []
    for name, kind in vars(content_model).items():
        if not (isinstance(kind, type) and issubclass(kind, BaseModel)) or kind.__module__ != content_model.__name__:
            continue
        for field_name, info in kind.model_fields.items():
            annotation = info.annotation
            options = [annotation, *get_args(annotation)]
            literal = next((o for o in options if get_origin(o) is Literal), None)
            if literal is not None and len(get_args(literal)) > 1:
                found.append((f"{name}.{field_name}", get_args(literal), info.description or ""))
    return found


def test_a_choice_field_that_lists_its_choices_to_officers_lists_every_one():
    fields = _choice_fields()
    assert {"StageRecord.stage", "Action.status", "Event.kind", "Reading.comparison"} <= {name for name, _, _ in fields}
    for name, choices, description in fields:
        named = [choice for choice in choices if choice in description]
        assert named in ([], list(choices)), (name, description)
