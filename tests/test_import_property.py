"""Property-based: whatever a document holds, `import` recognises it without failing, and copies, never writes.

Hypothesis writes documents from the pieces council reports are made of (priority and year
headings, numbered paragraphs, list items, tab and <p> table rows, dates, meeting names, contact
lines, bold marks) and checks two things of each:

- reading and recognising it never raises: a document that matches no pattern gives an empty draft;
- every priority's title and every action the recognisers find is the document's own words, run
  together from its lines at most: the importer never makes up or rewords a commitment.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.importing.document import Found
from plugins.importing.plans import recognise_plans
from plugins.importing.reports import recognise_report
from plugins.importing.text import read_text

LINES = [
    "Priority one: Every child is heard",
    "Priority 2 – Help comes early",
    "**Priority three:",
    "Inclusion for all**",
    "Our priorities are:",
    "These are:",
    "Goal 1 – Fewer children wait",
    "Pillar one: Early help",
    "Our three pillars are: Early, Local, Fair",
    "How we will get there:",
    "Our ambition is that every child belongs.",
    "We will listen to families",
    "Year One (2021-2022)",
    "Year 2",
    "Year One (2021-2022)\tYear Two (2022-2023)",
    "<p>Participation</p> <p>We will act</p>\t<p>We will review</p>",
    "Theme 1: Travel",
    "Preparing for Adulthood We will launch a plan",
    "\t2026/27 £,000\t2027/28 £,000",
    "Gap\t87,880\t-15,363",
    "1. The purpose of this report is to seek approval to consult on the Strategy 2026-2029.",
    "12.3 It is intended that the Cabinet will receive a further report on 21 July 2026.",
    "CABINET – 7 FEBRUARY 2025",
    "REPORT OF THE DIRECTOR OF CHILDREN AND FAMILY SERVICES",
    "Purpose of the Report",
    "Recommendations",
    "Timetable for Decisions (including Scrutiny)",
    "Consultation",
    "Officer(s) to Contact",
    "Background Papers",
    "Appendices",
    "This will commence on 10 February 2025 and run until 6 April 2025.",
    "from the 2nd of September until the 20th of October 2024",
    "by Thursday 18 July 2024",
    "between 1 and 30 May 2025",
    "in July 2026",
    "31 June 2025",
    "Jane Moore, Director of Children and Families Services",
    "Telephone: 0116 305 2649",
    "Email: Jane.Moore@leics.gov.uk",
    "Contact officer: Sam Lee, Head of SEND. Tel: 01234 567890",
    "<https://example.gov.uk/report>",
    "[website](#)",
    "Appendix A – Belonging in Education Strategy 2026-2029",
    " - a) the draft be approved;",
    " - The child and family are at the heart of what we all do",
    "• We will publish our offer",
    "I feel safe",
    "How will we measure success?",
    "Governance",
    "The SEND Improvement Board holds us to account.",
    "",
    "",
    "\t",
    "<p></p>",
    "**",
    "1.",
    "-",
    "Year",
    "Priority",
]
documents = st.lists(st.sampled_from(LINES), min_size=1, max_size=60).map("\n".join)


def _words(text: str) -> str:
    return " ".join(text.replace("**", "").replace("<p>", " ").replace("</p>", " ").split())


def _found_texts(node: Any, keys: tuple[str, ...], inside: str = "") -> list[str]:
    """Every Found text under the given keys of a draft tree."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in keys and isinstance(value, Found) and isinstance(value.value, str):
                found.append(value.value)
            found += _found_texts(value, keys, key)
    elif isinstance(node, list):
        for value in node:
            found += _found_texts(value, keys, inside)
    return found


@settings(max_examples=400, deadline=None)
@given(text=documents)
def test_any_document_is_recognised_without_failing_and_its_commitments_are_its_own_words(text: str):
    document = read_text("report.txt", text)
    findings = recognise_report(document)
    plans = recognise_plans(document)
    source = _words(text)
    for plan in plans:
        for value in _found_texts(plan.get("priorities", []), ("title", "text", "ambition", "commitment")):
            assert _words(value) in source, value
    assert isinstance(findings.needs_a_person, list)
