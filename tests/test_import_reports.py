"""A council's committee report recognised: the report as report.yml holds it, and what it says of the strategy
(where it stands, its consultation, the decisions on the way, who to contact, the papers behind it), each
value with where in the report it came from."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from plugins.content.model import Consultation, Contact, Event, Paper, Report, Section, StageRecord
from plugins.importing.document import Block, Document, Found, Missing
from plugins.importing.reports import ReportFindings, recognise_report
from plugins.importing.text import read_text

SOURCES = Path(__file__).parent / "sources"
CONTENT = Path(__file__).parent.parent / "content"


def seed(number: str) -> ReportFindings:
    path = next(SOURCES.glob(f"{number}_*.txt"))
    return recognise_report(read_text(path.name, path.read_text(encoding="utf-8")))


def values(node: object) -> object:
    """A draft with each Found replaced by its value, to compare with content written by hand."""
    if isinstance(node, Found):
        return node.value
    if isinstance(node, dict):
        return {key: values(value) for key, value in node.items()}
    if isinstance(node, list):
        return [values(value) for value in node]
    return node


def events(findings: ReportFindings) -> list[tuple[str, str, str, str, str]]:
    timeline = findings.strategy["timeline"]
    assert isinstance(timeline, list)
    return [(str(e["date"].value), e["kind"].value, e["body"].value, e["status"].value, e["date"].where) for e in timeline]


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def hand_made_sections(folder: str) -> list[tuple[str, str]]:
    report = yaml.safe_load((CONTENT / folder / "report.yml").read_text(encoding="utf-8"))["reports"][0]
    return [(section["heading"], one_line(section.get("body"))) for section in report["sections"]]


def sections(findings: ReportFindings) -> list[tuple[str, str]]:
    assert findings.report is not None
    found = values(findings.report["sections"])
    assert isinstance(found, list)
    return [(section["heading"], one_line(section.get("body"))) for section in found]


# --- The SEND and Inclusion Strategy report to Cabinet, 7 February 2025 (002) ----------------------------


def test_002_report_has_the_hand_made_report_yml_headings_and_bodies() -> None:
    findings = seed("002")
    assert findings.report is not None
    assert findings.report["title"] == Found("Special Educational Needs and Disabilities (SEND) and Inclusion Strategy 2024-27", "line 7")
    assert findings.report["meeting"] == Found("Cabinet", "line 5")
    assert findings.report["date"] == Found(dt.date(2025, 2, 7), "line 5")
    assert findings.report["author"] == Found("Report of the Director of Children and Family Services", "line 9")
    # Officer(s) to Contact and Background Papers go to contacts and background_papers, as by hand.
    assert sections(findings) == hand_made_sections("leicestershire/send-and-inclusion-2024-27")


def test_002_sections_keep_numbered_paragraphs_list_items_and_say_where_they_are() -> None:
    report = seed("002").report
    assert report is not None
    by_heading = {s["heading"].value: s for s in report["sections"]}
    recommendations = by_heading["Recommendations (Key Decision)"]
    assert recommendations["heading"] == Found("Recommendations (Key Decision)", "line 18")
    assert recommendations["body"] == Found(
        "3. The Cabinet is recommended to approve the draft refreshed SEND and Inclusion Strategy for consultation.", "paragraph 3"
    )
    background = by_heading["Background"]["body"]
    assert background.where == "paragraphs 22-30"
    assert "These include:\n    - The child and family are at the heart of what we all do\n    - We will have" in background.value
    # Paragraph 27 runs over a page break; paragraph 28's link to nowhere ("[website](#)") keeps its word.
    assert "accountable to the SEND and Inclusion Partnership Board. There will be" in background.value
    assert "published on the Local Offer website. Feedback" in background.value
    assert by_heading["Appendices"]["body"] == Found(
        "- Appendix A – Refreshed SEND and Inclusion Strategy 2024 to 2027\n- Appendix B – Equality Impact Assessment", "line 144"
    )


def test_002_is_a_draft_seeking_approval_to_consult() -> None:
    strategy = seed("002").strategy
    assert strategy["status"] == Found("draft", "paragraph 3")
    assert strategy["stages"] == [
        {
            "stage": Found("draft", "paragraph 3"),
            "date": Found(dt.date(2025, 2, 7), "line 5"),
            "note": Found(
                "The Cabinet is recommended to approve the draft refreshed SEND and Inclusion Strategy for consultation.", "paragraph 3"
            ),
        }
    ]
    assert "approved" not in str(values(strategy["stages"]))


def test_002_consultation_dates_length_and_how_to_respond() -> None:
    assert seed("002").strategy["consultation"] == {
        "opens": Found(dt.date(2025, 2, 10), "paragraph 36"),
        "closes": Found(dt.date(2025, 4, 6), "paragraph 36"),
        "length": Found("8-week", "paragraph 36"),
        "how_to_respond": Found(
            "This will be carried out primarily using an online survey which also be available in accessible print versions on request.",
            "paragraph 36",
        ),
    }


def test_002_decision_timetable_as_events() -> None:
    findings = seed("002")
    found = events(findings)
    for event in [
        ("2024-11-06", "board", "Leicestershire SEND and Inclusion Partnership Board", "held", "paragraph 5"),
        # "agreed virtually by the Board": the Board named in full from the sentence before.
        ("2024-12-13", "board", "Leicestershire SEND and Inclusion Partnership Board", "held", "paragraph 5"),
        # The date as the report gives it, though it comes before the Board's.
        ("2024-01-23", "board", "Children and Families Partnership", "held", "paragraph 6"),
        ("2025-02-27", "board", "Health and Wellbeing Board", "planned", "paragraph 6"),
        ("2025-01-21", "scrutiny", "Children and Families Overview and Scrutiny Committee", "held", "paragraph 8"),
        ("2025-06-17", "cabinet", "Cabinet", "planned", "paragraph 9"),
        ("2025-02-07", "cabinet", "Cabinet", "planned", "paragraph 3"),
        ("2025-02-10", "consultation opens", "Public consultation", "planned", "paragraph 36"),
        ("2025-04-06", "consultation closes", "Public consultation", "planned", "paragraph 36"),
        ("2023-06-23", "cabinet", "Cabinet", "held", "paragraph 12"),
        ("2024-09-13", "cabinet", "Cabinet", "held", "paragraph 15"),
        ("2024-11-22", "cabinet", "Cabinet", "held", "line 126"),
    ]:
        assert event in found
    assert [d for d, *_ in found] == sorted([d for d, *_ in found], key=lambda d: d + "-00" if len(d) == 7 else d)
    timeline = {(str(e["date"].value), e["body"].value): e for e in findings.strategy["timeline"]}
    # "The Cabinet in November 2024 authorised ..." is the meeting a background paper dates 22 November 2024:
    # one event at its day, with what the month-only sentence says was decided as its outcome.
    assert not [d for d, *_ in found if d in ("2024-11", "2020-09")]
    assert timeline[("2024-11-22", "Cabinet")]["outcome"] == Found(
        "The Cabinet in November 2024 authorised the Director of Children and Family Services to seek permission from the Secretary "
        "of State to allow a proposed funding transfer of 0.5% from the Schools Block to the High Needs Block of the Dedicated "
        "Schools Grant (DSG) and the creation of a SEND Investment Fund.",
        "paragraph 16",
    )
    scrutiny = timeline[("2025-01-21", "Children and Families Overview and Scrutiny Committee")]
    assert scrutiny["what"] == Found(
        "The Children and Families Overview and Scrutiny Committee received a report as part of the consultation exercise at its meeting "
        "on 21 January 2025 and its comments are set out in Part B of this report.",
        "paragraph 8",
    )
    # The meeting is told twice (paragraphs 8 and 37): one event, with the outcome paragraph 37 reports.
    assert scrutiny["outcome"] == Found("The Committee gave its support to the refreshed Strategy.", "paragraph 37")
    assert len([e for e in found if e[0] == "2025-01-21"]) == 1
    assert timeline[("2025-02-27", "Health and Wellbeing Board")]["what"] == Found(
        "The Strategy will be noted by the Health and Wellbeing Board on 27 February 2025.", "paragraph 6"
    )


def test_002_contacts_with_their_phone_numbers_and_emails() -> None:
    assert seed("002").strategy["contacts"] == [
        {
            "name": Found("Jane Moore", "line 61"),
            "role": Found("Director of Children and Families Services", "line 61"),
            "phone": Found("0116 305 2649", "line 62"),
            "email": Found("Jane.Moore@leics.gov.uk", "line 63"),
        },
        {
            "name": Found("Alison Bradley", "line 65"),
            "role": Found("Assistant Director Education and SEND", "line 65"),
            "phone": Found("0116 305 0546", "line 66"),
            "email": Found("Alison.Bradley@leics.gov.uk", "line 67"),
        },
    ]


def test_002_background_papers_as_the_hand_made_strategy_lists_them() -> None:
    findings = seed("002")
    papers = findings.strategy["background_papers"]
    hand_made = yaml.safe_load((CONTENT / "leicestershire/send-and-inclusion-2024-27/strategy.yml").read_text(encoding="utf-8"))
    assert values(papers) == hand_made["background_papers"]
    assert papers[0] == {
        "title": Found("SEND and Inclusion Strategy 2024-2027", "line 122"),
        "meeting": Found("Children and Families Overview and Scrutiny Committee", "line 122"),
        "date": Found(dt.date(2025, 1, 21), "line 122"),
        "link": Found("https://cexmodgov01/ieListDocuments.aspx?CId=1043&MId=7889", "line 124"),
    }
    # The links name a server on the council's own network: kept as given, and told to the officer.
    assert (
        "Background paper 1's link goes to cexmodgov01, a name only the council's own network knows: check the link opens for the public."
        in findings.needs_a_person
    )


def test_002_presents_appendix_a_as_the_strategy() -> None:
    findings = seed("002")
    assert findings.strategies == [Found("Refreshed SEND and Inclusion Strategy 2024 to 2027", "line 144")]
    assert (
        "Appendix A, Refreshed SEND and Inclusion Strategy 2024 to 2027, is not in this document: "
        "to add the strategy's own text and actions, import it with a --slug of its own and move them into this draft."
        in findings.needs_a_person
    )


def test_002_purpose_is_what_the_report_says_the_strategy_is_for() -> None:
    assert seed("002").strategy["purpose"] == Found(
        "The SEND and Inclusion Strategy is a key partnership document to support the education, health and care needs of children and "
        "young people in Leicestershire with special educational needs and disabilities.\n\n"
        "The revised Strategy will provide a framework for planning, commissioning and delivering SEND services and support by the "
        "Council and its partners for children and young people living in Leicestershire.",
        "paragraphs 1 and 4",
    )


# --- The Belonging in Education Strategy report to Cabinet, 24 March 2026 (000) -------------------------


def test_000_report_and_its_sections_as_made_by_hand_but_for_bold() -> None:
    findings = seed("000")
    assert findings.report is not None
    assert values({k: findings.report[k] for k in ("title", "meeting", "date", "author")}) == {
        "title": "Belonging in Education Strategy 2026-2029",
        "meeting": "Cabinet",
        "date": dt.date(2026, 3, 24),
        "author": "Report of the Director of Children and Family Services",
    }
    # Plain text extracted from the PDF no longer marks "Priority one" bold; everything else is as by hand.
    hand_made = [(heading, body.replace("**", "")) for heading, body in hand_made_sections("leicestershire/belonging-in-education-2026-29")]
    assert sections(findings) == hand_made


def test_000_consultation_contacts_events_and_papers() -> None:
    findings = seed("000")
    strategy = findings.strategy
    assert strategy["consultation"] == {
        "opens": Found(dt.date(2026, 4, 20), "paragraph 29"),
        "closes": Found(dt.date(2026, 6, 1), "paragraph 29"),
        "length": Found("six-week", "paragraph 29"),
        "how_to_respond": Found(
            "This will be conducted primarily by using an online survey, which also be available in accessible print versions on request.",
            "paragraph 29",
        ),
    }
    assert strategy["contacts"] == [
        {
            "name": Found("Tim Browne", "line 62"),
            "role": Found("Interim Director of Education, Inclusion & Additional Needs", "line 62"),
            "phone": Found("0116 3057429", "line 63"),
            "email": Found("Tim.Browne@leics.gov.uk", "line 64"),
        }
    ]
    found = events(findings)
    assert ("2026-06-02", "scrutiny", "Children and Families Overview and Scrutiny Committee", "planned", "paragraph 5") in found
    assert ("2026-07-21", "cabinet", "Cabinet", "planned", "paragraph 6") in found
    assert ("2026-03-03", "scrutiny", "Children and Families Overview and Scrutiny Committee", "held", "paragraph 11") in found
    assert ("2026-04-20", "consultation opens", "Public consultation", "planned", "paragraph 29") in found
    assert ("2026-06-01", "consultation closes", "Public consultation", "planned", "paragraph 29") in found
    # Paragraphs 5 and 30 tell the same scrutiny meeting: one event.
    assert len([e for e in found if e[0] == "2026-06-02"]) == 1
    hand_made = yaml.safe_load((CONTENT / "leicestershire/belonging-in-education-2026-29/strategy.yml").read_text(encoding="utf-8"))
    assert values(strategy["background_papers"]) == hand_made["background_papers"]
    assert strategy["status"] == Found("draft", "paragraph 3")
    assert strategy["stages"][0]["note"] == Found(
        "It is recommended that: a) the draft Belonging in Education Strategy be approved for consultation;", "paragraph 3"
    )
    assert findings.strategies == [Found("Belonging in Education Strategy 2026-2029", "line 115")]


def test_000_approval_of_another_strategy_is_not_this_ones() -> None:
    # Paragraph 12 reports that the Cabinet approved the SEND and Inclusion Strategy: held, but not Belonging's approval.
    findings = seed("000")
    assert ("2025-06-17", "cabinet", "Cabinet", "held", "paragraph 12") in events(findings)
    assert findings.strategy["status"] == Found("draft", "paragraph 3")
    assert len(findings.strategy["stages"]) == 1


# --- The other seeds -------------------------------------------------------------------------------------------


def test_003_scrutiny_report_with_its_meeting_over_two_lines_and_its_author_over_two() -> None:
    findings = seed("003")
    assert findings.report is not None
    assert findings.report["meeting"] == Found("Children and Families Overview and Scrutiny Committee", "line 5")
    assert findings.report["date"] == Found(dt.date(2026, 3, 3), "line 6")
    assert findings.report["title"] == Found("Building Education Services Together: Programme Plan", "line 8")
    assert findings.report["author"] == Found("Report of the Director of Education, Inclusion and Additional Needs", "line 10")
    # The table's caption goes with the table, not into paragraph 18's section.
    hand_made = [(heading, body.replace("**", "")) for heading, body in hand_made_sections("leicestershire/best-programme-plan")]
    assert sections(findings) == hand_made
    strategy = findings.strategy
    assert strategy["contacts"] == [
        {
            "name": Found("Tim Browne", "line 121"),
            "role": Found("Interim Director of Education", "line 122"),
            "phone": Found("0116 3057429", "line 123"),
            "email": Found("tim.browne@leics.gov.uk", "line 124"),
        }
    ]
    hand_made_strategy = yaml.safe_load((CONTENT / "leicestershire/best-programme-plan/strategy.yml").read_text(encoding="utf-8"))
    assert values(strategy["background_papers"]) == hand_made_strategy["background_papers"]
    assert "consultation" not in strategy and "status" not in strategy
    assert "The report does not say where the strategy stands: add status and stages." in findings.needs_a_person
    # "presented to the Committee on 20 January 2026": the Committee is the one the report is written for.
    assert ("2026-01-20", "scrutiny", "Children and Families Overview and Scrutiny Committee", "held", "paragraph 9") in events(findings)
    assert findings.strategies == [Found("Building Education Services Together: Programme Plan", "line 8")]


def test_001_position_statement_gives_its_meeting_and_headings_and_nothing_it_does_not_say() -> None:
    findings = seed("001")
    assert findings.report is not None
    assert findings.report["meeting"] == Found("County Council Meeting", "line 3")
    assert findings.report["date"] == Found(dt.date(2026, 7, 1), "line 3")
    assert findings.report["title"] == Found("Position Statement from the Cabinet Lead Member for Children and Families", "line 5")
    assert isinstance(findings.report["author"], Missing)
    headings = [heading for heading, _ in sections(findings)]
    assert headings[:3] == [
        "Special Educational Needs and Disabilities (SEND)",
        "Accelerated Progress Plan (APP)",
        "Education, Health and Care Plan Timeliness",
    ]
    assert "Belonging in Education" in headings
    # "concluded consultation" gives no dates: no consultation is made up; "through to March 2029" is no meeting.
    assert findings.strategy == {}
    assert findings.strategies == []


def test_004_leicester_report_with_numbered_headings_ends_where_the_strategies_begin() -> None:
    findings = seed("004")
    report = findings.report
    assert report is not None
    assert report["title"] == Found("Divisional 3-year Strategies Education & SEND", "line 2")
    assert report["date"] == Found(dt.date(2021, 10, 7), "line 6")
    # No meeting in the opening: the one its recommendation asks.
    assert report["meeting"] == Found("Executive", "line 50")
    assert report["author"] == Found("Lead director/officer: Tracie Rees, Sue Welford", "line 8")
    headings = [heading for heading, _ in sections(findings)]
    assert headings[:3] == ["Useful information", "1. Summary", "2. Recommended actions/decision"]
    assert headings[-3:] == [
        "8. Summary of appendices",
        "9. Is this a private report (If so, please indicate the reasons and state why it is not in the public interest "
        "to be dealt with publicly)?",
        "10. Is this a “key decision”? If so, why?",
    ]
    assert dict(sections(findings))["10. Is this a “key decision”? If so, why?"] == "No, this is not a key decision"
    assert findings.strategy["contacts"] == [
        {
            "name": Found("Jane Pierce", "line 14"),
            "role": Found("Report author", "line 14"),
            "email": Found("jane.pierce@leicester.gov.uk", "line 15"),
        },
        {
            "name": Found("Sue Welford", "line 14"),
            "role": Found("Report author", "line 14"),
            "email": Found("sue.welford@leicester.gov.uk", "line 15"),
        },
    ]
    assert findings.strategy["background_papers"] == [{"title": Found("Link to SEND Local Offer webpage", "line 98")}]
    assert "Background paper 1 has no link: its address (#) is not a web address, so it is left out." in findings.needs_a_person
    assert findings.strategies == [
        Found("Education 3-year Divisional Strategy", "line 102"),
        Found("SEND 3-year Divisional Strategy", "line 104"),
    ]
    # "asked to note": neither a draft nor a submission.
    assert "status" not in findings.strategy


# --- Phrasings the seeds do not use ----------------------------------------------------------------------------


def report(
    paragraphs: str, *, recommendation: str = "approve the draft School Attendance Strategy for consultation", contacts: str = ""
) -> str:
    """A short committee report in the template, with the given Consultation paragraphs (3 onwards)."""
    return (
        "CABINET – 14 JUNE 2024\n\n"
        "SCHOOL ATTENDANCE STRATEGY 2024-2027\n\n"
        "REPORT OF THE DIRECTOR OF CHILDREN'S SERVICES\n\n"
        "Purpose of the Report\n\n"
        "1. The purpose of this report is to present the School Attendance Strategy.\n\n"
        "Recommendation\n\n"
        f"2. The Cabinet is recommended to {recommendation}.\n\n"
        "Consultation\n\n"
        f"{paragraphs}\n\n"
        "Officer to Contact\n\n"
        f"{contacts or 'Sam Patel, Head of Attendance'}\n"
    )


def recognised(text: str) -> ReportFindings:
    return recognise_report(read_text("report.txt", text))


@pytest.mark.parametrize(
    ("sentence", "opens", "closes"),
    [
        ("The consultation will commence on 10 February 2025 and run until 6 April 2025.", dt.date(2025, 2, 10), dt.date(2025, 4, 6)),
        ("The consultation will run from 20 April 2026 to 1 June 2026.", dt.date(2026, 4, 20), dt.date(2026, 6, 1)),
        ("The consultation will run from the 2nd of September until the 20th of October 2024.", dt.date(2024, 9, 2), dt.date(2024, 10, 20)),
        ("People can respond to the consultation between 1 and 30 May 2025.", dt.date(2025, 5, 1), dt.date(2025, 5, 30)),
        ("The consultation will run from 10 February to 6 April 2025.", dt.date(2025, 2, 10), dt.date(2025, 4, 6)),
        ("The consultation will run from 2 December to 20 January 2025.", dt.date(2024, 12, 2), dt.date(2025, 1, 20)),
        ("The consultation will be open from 20/04/2026 to 01/06/2026.", dt.date(2026, 4, 20), dt.date(2026, 6, 1)),
        (
            "The consultation opens on Monday 3 March 2025 and closes at 5pm on Friday 25 April 2025.",
            dt.date(2025, 3, 3),
            dt.date(2025, 4, 25),
        ),
        ("A consultation will run 1–30 May 2025.", dt.date(2025, 5, 1), dt.date(2025, 5, 30)),
        ("The consultation will take place in July 2026.", "2026-07", "2026-07"),
        ("The consultation will launch on 5 January 2026, running to February 13, 2026.", dt.date(2026, 1, 5), dt.date(2026, 2, 13)),
    ],
)
def test_consultation_dates_in_the_ways_councils_write_them(sentence: str, opens: object, closes: object) -> None:
    findings = recognised(report(f"3. {sentence} Responses can be made through the online survey."))
    consultation = findings.strategy["consultation"]
    assert consultation["opens"] == Found(opens, "paragraph 3")
    assert consultation["closes"] == Found(closes, "paragraph 3")
    assert consultation["how_to_respond"] == Found("Responses can be made through the online survey.", "paragraph 3")
    found = events(findings)
    assert (str(opens), "consultation opens", "Consultation", "planned", "paragraph 3") in found
    assert (str(closes), "consultation closes", "Consultation", "planned", "paragraph 3") in found


@pytest.mark.parametrize(
    ("sentence", "closes"),
    [
        ("Please respond to the consultation survey by Thursday 18 July 2024.", dt.date(2024, 7, 18)),
        ("The consultation runs until midnight on 6 April 2025 and you can respond online.", dt.date(2025, 4, 6)),
        ("The closing date for responses to the consultation is 12 August 2024. Please complete the survey.", dt.date(2024, 8, 12)),
    ],
)
def test_a_closing_date_alone_leaves_the_opening_to_an_officer(sentence: str, closes: dt.date) -> None:
    findings = recognised(report(f"3. {sentence}"))
    consultation = findings.strategy["consultation"]
    assert consultation["closes"] == Found(closes, "paragraph 3")
    assert consultation["opens"] == Missing(dt.date(2026, 1, 5), "The report does not say when the consultation opens.")
    assert "The report does not say when the consultation opens: add consultation.opens." in findings.needs_a_person


def test_opening_and_closing_days_told_in_two_paragraphs_of_the_section() -> None:
    findings = recognised(
        report(
            "3. The consultation will open on 1 May 2025.\n"
            "4. It will close at noon on 30 June 2025. Responses can be made through the online survey.\n"
            "5. An earlier consultation in 2019 ran until 4 March 2019."
        )
    )
    consultation = findings.strategy["consultation"]
    assert consultation["opens"] == Found(dt.date(2025, 5, 1), "paragraph 3")
    assert consultation["closes"] == Found(dt.date(2025, 6, 30), "paragraph 4")
    assert consultation["how_to_respond"] == Found("Responses can be made through the online survey.", "paragraph 4")


def test_a_survey_address_and_a_length_in_weeks() -> None:
    findings = recognised(
        report(
            "3. A public consultation will run for twelve weeks from 1 September 2025 to 24 November 2025.\n"
            "4. Have your say by completing the online survey at https://example.gov.uk/attendance-survey."
        )
    )
    assert findings.strategy["consultation"] == {
        "opens": Found(dt.date(2025, 9, 1), "paragraph 3"),
        "closes": Found(dt.date(2025, 11, 24), "paragraph 3"),
        "length": Found("twelve weeks", "paragraph 3"),
        "how_to_respond": Found(
            "Have your say by completing the online survey at https://example.gov.uk/attendance-survey.", "paragraph 4"
        ),
        "survey": Found("https://example.gov.uk/attendance-survey", "paragraph 4"),
    }


def test_a_report_with_no_consultation_has_no_consultation() -> None:
    findings = recognised(report("3. Schools and families were involved in writing the Strategy during 2023."))
    assert "consultation" not in findings.strategy
    assert not [n for n in findings.needs_a_person if "consultation" in n]


def test_a_consultation_with_no_dates_is_left_to_an_officer() -> None:
    findings = recognised(report("3. It is proposed to hold a 6-week consultation on the Strategy."))
    consultation = findings.strategy["consultation"]
    assert consultation["length"] == Found("6-week", "paragraph 3")
    assert isinstance(consultation["opens"], Missing) and isinstance(consultation["closes"], Missing)
    assert isinstance(consultation["how_to_respond"], Missing)
    assert findings.needs_a_person[:3] == [
        "The report does not say when the consultation opens: add consultation.opens.",
        "The report does not say when the consultation closes: add consultation.closes.",
        "The report does not say how to respond to the consultation: add consultation.how_to_respond.",
    ]


@pytest.mark.parametrize(
    "recommendation",
    [
        "approve the final School Attendance Strategy 2024-2027",
        "note the outcome of the consultation and approve the School Attendance Strategy 2024-2027",
    ],
)
def test_a_report_seeking_final_approval_has_submitted_the_strategy_and_is_not_approved(recommendation: str) -> None:
    findings = recognised(
        report(
            "3. The consultation ran from 1 March 2024 to 26 April 2024 and 312 people responded to the online survey.",
            recommendation=recommendation,
        )
    )
    strategy = findings.strategy
    assert strategy["status"] == Found("submitted", "paragraph 2")
    assert strategy["stages"] == [
        {
            "stage": Found("submitted", "paragraph 2"),
            "date": Found(dt.date(2024, 6, 14), "line 1"),
            "note": Found(f"The Cabinet is recommended to {recommendation}.", "paragraph 2"),
        }
    ]
    assert "approved" not in str(values(strategy["stages"]))
    # The consultation is past, by the dates and the tense.
    found = events(findings)
    assert ("2024-03-01", "consultation opens", "Consultation", "held", "paragraph 3") in found
    assert ("2024-04-26", "consultation closes", "Consultation", "held", "paragraph 3") in found


def test_approved_only_where_the_report_says_the_meeting_approved_this_strategy() -> None:
    text = report(
        "3. The Cabinet, on 11 March 2024, approved the School Attendance Strategy 2024-2027 for consultation.\n"
        "4. The Cabinet approved the School Attendance Strategy 2024-2027 at its meeting on 14 May 2024.",
        recommendation="note the School Attendance Strategy 2024-2027",
    )
    strategy = recognised(text).strategy
    assert strategy["status"] == Found("approved", "paragraph 3")
    assert strategy["stages"] == [
        {
            "stage": Found("approved", "paragraph 3"),
            "date": Found(dt.date(2024, 3, 11), "paragraph 3"),
            "note": Found(
                "The Cabinet, on 11 March 2024, approved the School Attendance Strategy 2024-2027 for consultation.", "paragraph 3"
            ),
        }
    ]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            "Contact officer: Priya Shah, Head of Inclusion, Tel: 0116 496 0456, email: priya.shah@example.gov.uk",
            {
                "name": Found("Priya Shah", "line 21"),
                "role": Found("Head of Inclusion", "line 21"),
                "phone": Found("0116 496 0456", "line 21"),
                "email": Found("priya.shah@example.gov.uk", "line 21"),
            },
        ),
        (
            "Contact officer: Priya Shah, Head of Inclusion. Tel: 0116 496 0456. Email: priya.shah@example.gov.uk",
            {
                "name": Found("Priya Shah", "line 21"),
                "role": Found("Head of Inclusion", "line 21"),
                "phone": Found("0116 496 0456", "line 21"),
                "email": Found("priya.shah@example.gov.uk", "line 21"),
            },
        ),
        (
            "Priya Shah, Head of Inclusion / Telephone: 0116 496 0456 / Email: priya.shah@example.gov.uk",
            {
                "name": Found("Priya Shah", "line 21"),
                "role": Found("Head of Inclusion", "line 21"),
                "phone": Found("0116 496 0456", "line 21"),
                "email": Found("priya.shah@example.gov.uk", "line 21"),
            },
        ),
        (
            "Contact officer: Priya Shah\nJob title: Head of Inclusion\nTel: 0116 496 0456\nE-mail: priya.shah@example.gov.uk",
            {
                "name": Found("Priya Shah", "line 21"),
                "role": Found("Head of Inclusion", "line 22"),
                "phone": Found("0116 496 0456", "line 23"),
                "email": Found("priya.shah@example.gov.uk", "line 24"),
            },
        ),
        (
            "Priya Shah, Head of Inclusion, 454 4175",
            {
                "name": Found("Priya Shah", "line 21"),
                "role": Found("Head of Inclusion", "line 21"),
                "phone": Found("454 4175", "line 21"),
            },
        ),
        (
            "Dr Priya Shah\nHead of Inclusion\nTel. +44 (0)116 496 0456 ext 210\npriya.shah@example.gov.uk",
            {
                "name": Found("Dr Priya Shah", "line 21"),
                "role": Found("Head of Inclusion", "line 22"),
                "phone": Found("+44 (0)116 496 0456 ext 210", "line 23"),
                "email": Found("priya.shah@example.gov.uk", "line 24"),
            },
        ),
    ],
)
def test_contact_blocks_in_the_styles_councils_use(lines: str, expected: dict[str, Found[str]]) -> None:
    findings = recognised(report("3. The consultation closes on 30 June 2024.", contacts=lines))
    assert findings.strategy["contacts"] == [expected]


def test_a_contact_without_a_job_title_is_left_to_an_officer() -> None:
    findings = recognised(report("3. Nothing to add.", contacts="Contact officer: Priya Shah\nTel: 0116 496 0456"))
    assert findings.strategy["contacts"] == [
        {
            "name": Found("Priya Shah", "line 21"),
            "role": Missing("Head of Service", "The report gives no job title for Priya Shah."),
            "phone": Found("0116 496 0456", "line 22"),
        }
    ]
    assert "The report gives no job title for Priya Shah: add their role." in findings.needs_a_person


def test_background_papers_none_and_a_link_that_is_not_a_web_address() -> None:
    none = recognised(report("3. Nothing to add.") + "\nBackground Papers\n\nNone\n")
    assert "background_papers" not in none.strategy
    papers = recognised(
        report("3. Nothing to add.")
        + "\nBackground Papers\n\n"
        + "[School Attendance Strategy 2020-2023](javascript:alert(1)) (Cabinet, 18 September 2020)\n"
        + "Report of the Director to the Schools Forum, 2 May 2024, 'High Needs Funding' https://example.gov.uk/forum.pdf\n"
    )
    assert values(papers.strategy["background_papers"]) == [
        {"title": "School Attendance Strategy 2020-2023", "meeting": "Cabinet", "date": dt.date(2020, 9, 18)},
        {
            "title": "High Needs Funding",
            "meeting": "Schools Forum",
            "date": dt.date(2024, 5, 2),
            "link": "https://example.gov.uk/forum.pdf",
        },
    ]
    assert any(n.startswith("Background paper 1 has no link: its address") for n in papers.needs_a_person)


def test_a_word_report_with_styled_headings_and_numbered_paragraphs() -> None:
    def at(n: int) -> str:
        return f"paragraph {n} of the document"

    document = Document(
        "report.docx",
        "Word document",
        (
            Block("paragraph", at(1), "Cabinet", bold=True),
            Block("paragraph", at(2), "18 November 2025", bold=True),
            Block("heading", at(3), "Carers Strategy 2025-2030", level=1),
            Block("paragraph", at(4), "Report of the Director of Adults and Communities", bold=True),
            Block("heading", at(5), "Recommendations", level=2),
            Block("paragraph", at(6), "The Cabinet is recommended to approve the Carers Strategy 2025-2030.", number="1"),
            Block("heading", at(7), "Consultation", level=2),
            Block(
                "paragraph",
                at(8),
                "A public consultation ran from the 2nd of September until the 20th of October 2025 as an online survey.",
                number="2",
            ),
            Block("item", at(9), "412 people took part", level=1),
            Block("heading", at(10), "Officer to Contact", level=2),
            Block("paragraph", at(11), "Jo Bloggs, Head of Carers Services"),
            Block("paragraph", at(12), "Tel: 0116 305 9999"),
        ),
    )
    findings = recognise_report(document)
    assert findings.report is not None
    assert values({k: findings.report[k] for k in ("title", "meeting", "date", "author")}) == {
        "title": "Carers Strategy 2025-2030",
        "meeting": "Cabinet",
        "date": dt.date(2025, 11, 18),
        "author": "Report of the Director of Adults and Communities",
    }
    assert findings.report["sections"][1] == {
        "heading": Found("Consultation", at(7)),
        "body": Found(
            "2. A public consultation ran from the 2nd of September until the 20th of October 2025 as an online survey.\n"
            "    - 412 people took part",
            "paragraph 2",
        ),
    }
    assert findings.strategy["consultation"] == {
        "opens": Found(dt.date(2025, 9, 2), "paragraph 2"),
        "closes": Found(dt.date(2025, 10, 20), "paragraph 2"),
        "how_to_respond": Found(
            "A public consultation ran from the 2nd of September until the 20th of October 2025 as an online survey.", "paragraph 2"
        ),
    }
    assert findings.strategy["status"] == Found("submitted", "paragraph 1")
    assert findings.strategy["contacts"] == [
        {"name": Found("Jo Bloggs", at(11)), "role": Found("Head of Carers Services", at(11)), "phone": Found("0116 305 9999", at(12))}
    ]


def test_a_document_that_is_not_a_report_still_gives_its_consultation() -> None:
    page = Document(
        "page.html",
        "web page",
        (
            Block("heading", "paragraph 1 of the document", "Draft Play Strategy 2025 to 2030", level=1),
            Block("paragraph", "paragraph 2 of the document", "We want to hear your views on our draft Play Strategy."),
            Block(
                "paragraph",
                "paragraph 3 of the document",
                "The consultation runs from the 2nd of September until the 20th of October 2024. Complete the survey online.",
            ),
        ),
    )
    findings = recognise_report(page)
    assert findings.report is None
    assert findings.strategy["consultation"] == {
        "opens": Found(dt.date(2024, 9, 2), "paragraph 3 of the document"),
        "closes": Found(dt.date(2024, 10, 20), "paragraph 3 of the document"),
        "how_to_respond": Found("Complete the survey online.", "paragraph 3 of the document"),
    }
    assert findings.strategies == [Found("Draft Play Strategy 2025 to 2030", "paragraph 1 of the document")]
    assert findings.needs_a_person == []


def test_without_a_report_date_the_tense_says_whether_a_meeting_was_held() -> None:
    page = Document(
        "page.html",
        "web page",
        (
            Block("heading", "paragraph 1 of the document", "Draft Play Strategy 2025 to 2030", level=1),
            Block(
                "paragraph",
                "paragraph 2 of the document",
                "The Play Partnership Board agreed the draft, subject to minor amendments, at its meeting on 6 November 2024. "
                "The Cabinet will consider the final Strategy at its meeting on 21 July 2026.",
            ),
        ),
    )
    assert events(recognise_report(page)) == [
        ("2024-11-06", "board", "Play Partnership Board", "held", "paragraph 2 of the document"),
        ("2026-07-21", "cabinet", "Cabinet", "planned", "paragraph 2 of the document"),
    ]


def test_an_empty_document_gives_nothing() -> None:
    findings = recognise_report(Document("empty.txt", "plain text", ()))
    assert findings == ReportFindings(None, {}, [], [])


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        (
            "Report to the Executive on 7 October 2021\n\nHOUSING STRATEGY 2021-2026\n\nReport of the Strategic Director\n",
            {
                "title": Found("Housing Strategy 2021-2026", "line 3"),
                "meeting": Found("Executive", "line 1"),
                "date": Found(dt.date(2021, 10, 7), "line 1"),
                "author": Found("Report of the Strategic Director", "line 5"),
            },
        ),
        (
            "Children and Families Overview and Scrutiny Committee – 3 March 2026\n\nYouth Justice Plan 2026-27\n\n"
            "Report of the Director of Children and Family Services\n",
            {
                "title": Found("Youth Justice Plan 2026-27", "line 3"),
                "meeting": Found("Children and Families Overview and Scrutiny Committee", "line 1"),
                "date": Found(dt.date(2026, 3, 3), "line 1"),
                "author": Found("Report of the Director of Children and Family Services", "line 5"),
            },
        ),
        (
            "Meeting: Cabinet\n\nDate of meeting: 12 March 2025\n\nTitle: Carers Strategy 2025-2028\n\nReport author: Jo Bloggs\n",
            {
                "title": Found("Carers Strategy 2025-2028", "line 5"),
                "meeting": Found("Cabinet", "line 1"),
                "date": Found(dt.date(2025, 3, 12), "line 3"),
                "author": Found("Report author: Jo Bloggs", "line 7"),
            },
        ),
        (
            "Decision to be taken by: City Mayor\n\nDecision date: 12 March 2025\n\n"
            "Lead director: Jo Bloggs\n\nCarers Strategy 2025-2028\n",
            {
                "title": Found("Carers Strategy 2025-2028", "line 7"),
                "meeting": Found("City Mayor", "line 1"),
                "date": Found(dt.date(2025, 3, 12), "line 3"),
                "author": Found("Lead director: Jo Bloggs", "line 5"),
            },
        ),
        (
            "CABINET\n\n7 FEBRUARY 2025\n\nCARERS STRATEGY 2025-2028\n\nREPORT OF THE DIRECTOR OF ADULTS AND COMMUNITIES\n",
            {
                "title": Found("Carers Strategy 2025-2028", "line 5"),
                "meeting": Found("Cabinet", "line 1"),
                "date": Found(dt.date(2025, 2, 7), "line 3"),
                "author": Found("Report of the Director of Adults and Communities", "line 7"),
            },
        ),
    ],
)
def test_report_openings_in_the_ways_councils_write_them(opening: str, expected: dict[str, Found[object]]) -> None:
    findings = recognised(
        opening + "\nPurpose of the Report\n\n1. The purpose of this report is to seek approval to consult on the Strategy.\n"
    )
    assert findings.report is not None
    assert {name: findings.report[name] for name in expected} == expected


def test_words_set_in_capitals_are_written_in_title_case_and_acronyms_kept() -> None:
    findings = recognised(
        "CABINET – 14 JUNE 2024\n\nSEND AND INCLUSION STRATEGY: THE NEXT THREE YEARS\n\nREPORT OF THE CHIEF EXECUTIVE\n\n"
        "Purpose of the Report\n\n1. The purpose of this report is to describe SEND support.\n\nRecommendations\n\n2. None.\n"
    )
    assert findings.report is not None
    assert findings.report["title"] == Found("SEND and Inclusion Strategy: The Next Three Years", "line 3")
    assert findings.report["author"] == Found("Report of the Chief Executive", "line 5")
    assert re.fullmatch(r"Cabinet", findings.report["meeting"].value)


def filled(node: object) -> object:
    """A draft's values with each Missing replaced by its example, as an officer's answer would replace it."""
    if isinstance(node, Missing):
        return node.example
    if isinstance(node, dict):
        return {key: filled(value) for key, value in node.items()}
    if isinstance(node, list):
        return [filled(value) for value in node]
    return node


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_what_each_seed_gives_is_content_the_model_accepts_once_what_is_missing_is_filled(number: str) -> None:
    findings = seed(number)
    found = filled(values(findings.strategy))
    assert isinstance(found, dict)
    for contact in found.get("contacts", []):
        Contact.model_validate(contact)
    for paper in found.get("background_papers", []):
        Paper.model_validate(paper)
    for event in found.get("timeline", []):
        Event.model_validate(event)
    for stage in found.get("stages", []):
        StageRecord.model_validate(stage)
    if "consultation" in found:
        Consultation.model_validate(found["consultation"])
    if "purpose" in found:
        Section.model_validate({"heading": "Purpose", "body": found["purpose"]})
    if findings.report is not None:
        Report.model_validate(filled(values(findings.report)))


def test_a_timetable_given_as_a_table_gives_its_dated_meetings_and_the_consultation():
    findings = recognised(
        "CABINET – 18 JUNE 2024\n\nINCLUSION STRATEGY 2024-2027\n\nREPORT OF THE DIRECTOR OF CHILDREN AND FAMILY SERVICES\n\n"
        "Purpose of the Report\n\n1. The purpose of this report is to seek approval to consult on the Strategy.\n\n"
        "Timetable for Decisions (including Scrutiny)\n\n"
        "Date\tMeeting or event\n"
        "20 June 2024\tConsultation opens\n"
        "9 July 2024\tChildren and Families Overview and Scrutiny Committee – the draft Strategy\n"
        "17 September 2024\tCabinet – final Strategy for approval\n"
    )
    assert [e for e in events(findings) if e[4].startswith("table")] == [
        ("2024-06-20", "consultation opens", "Public consultation", "planned", "table 1, row 2, column 2"),
        ("2024-07-09", "scrutiny", "Children and Families Overview and Scrutiny Committee", "planned", "table 1, row 3, column 2"),
        ("2024-09-17", "cabinet", "Cabinet", "planned", "table 1, row 4, column 2"),
    ]


def test_a_plan_that_is_no_report_still_gives_its_contact_officer():
    findings = recognised(
        "Children and Young People's Emotional Wellbeing Plan 2025-2028\n\n"
        "Goal 1 – Every school has support\n\n"
        "Contact\n\n"
        "Contact officer: Priya Sharma, Head of Service, Early Help and Wellbeing. Tel: 0116 305 7711 Email: priya.sharma@leics.gov.uk\n"
    )
    assert findings.report is None
    assert values(findings.strategy["contacts"]) == [
        {
            "name": "Priya Sharma",
            "role": "Head of Service, Early Help and Wellbeing",
            "phone": "0116 305 7711",
            "email": "priya.sharma@leics.gov.uk",
        }
    ]
