"""The plans `import` finds in a council's document: each strategy's priorities, with their actions under
their year and theme, as the council wrote them, each saying where in the document it was found."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from plugins.importing.document import Block, Cell, Document, Found, Missing, Node
from plugins.importing.plans import WHOLE_PLAN, recognise_plans, split_actions
from plugins.importing.text import read_text

ROOT = Path(__file__).parent.parent
SOURCES = Path(__file__).parent / "sources"
LEICESTER = SOURCES / "004_0dc6467d1094e071.txt"


def plans_in(path: Path) -> list[dict[str, Any]]:
    return recognise_plans(read_text(path.name, path.read_text(encoding="utf-8")))


def plans_of(text: str) -> list[dict[str, Any]]:
    return recognise_plans(read_text("plan.txt", text))


def values(node: Node) -> Any:
    """The draft with each Found as its value, as the hand-made content would hold it."""
    if isinstance(node, Found):
        return node.value
    if isinstance(node, Missing):
        return node
    if isinstance(node, list):
        return [values(n) for n in node]
    return {key: values(value) for key, value in node.items()}


def hand_made(path: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "content" / path).read_text(encoding="utf-8"))
    return loaded


def same_words(text: str) -> str:
    return " ".join(text.split())


# --- The Leicester report: two strategies, with their action plans ---------------------------------

Placed = tuple[int, str, str | None, str]  # priority number, year, theme name, text


def placed_actions(priorities: list[dict[str, Any]]) -> list[Placed]:
    """Every action with its priority's number, its year and its theme's name (names, not ids, are compared)."""
    placed = []
    for priority in priorities:
        names = {theme["id"]: theme["name"] for theme in priority.get("themes", [])}
        for year, actions in priority.get("actions", {}).items():
            for action in actions:
                placed.append((priority["number"], year, names.get(action.get("theme")), action["text"]))
    return placed


@pytest.fixture(scope="module")
def leicester() -> list[dict[str, Any]]:
    return [values(plan) for plan in plans_in(LEICESTER)]


@pytest.mark.parametrize(("index", "folder", "count"), [(0, "education-2021-24", 91), (1, "send-2021-24", 87)])
def test_the_leicester_actions_are_found_under_their_priority_year_and_theme(
    leicester: list[dict[str, Any]], index: int, folder: str, count: int
) -> None:
    wanted = placed_actions(hand_made(f"leicester/{folder}/priorities.yml")["priorities"])
    got = placed_actions(leicester[index]["priorities"])
    assert len(wanted) == count
    exact = [w for w in wanted if w in got]
    got_normalised = {(n, y, t, same_words(text)) for n, y, t, text in got}
    wanted_normalised = {(n, y, t, same_words(text)) for n, y, t, text in wanted}
    missed = [w for w in wanted if (w[0], w[1], w[2], same_words(w[3])) not in got_normalised]
    extra = [g for g in got if (g[0], g[1], g[2], same_words(g[3])) not in wanted_normalised]
    recall = (len(wanted) - len(missed)) / len(wanted)
    report = (
        f"{folder}: {len(exact)} of {len(wanted)} actions found exactly, {len(wanted) - len(missed)} with whitespace made single "
        f"(recall {recall:.1%}); {len(extra)} of {len(got)} found match none.\n"
        + "".join(f"missed: {m}\n" for m in missed)
        + "".join(f"extra: {e}\n" for e in extra)
    )
    print(report)
    assert recall >= 0.95, report
    assert len(extra) <= 0.05 * len(got), report
    # As measured: every hand-made action is found, word for word.
    assert (len(exact), len(missed), len(extra)) == (count, 0, 0), report


@pytest.mark.parametrize(("index", "folder"), [(0, "education-2021-24"), (1, "send-2021-24")])
def test_the_leicester_priorities_are_numbered_titled_and_worded_as_the_council_wrote_them(
    leicester: list[dict[str, Any]], index: int, folder: str
) -> None:
    fields = ("number", "title", "short_name", "ambition", "commitment", "plan_heading")
    wanted = [{f: p.get(f) for f in fields} for p in hand_made(f"leicester/{folder}/priorities.yml")["priorities"]]
    got = [{f: p.get(f) for f in fields} for p in leicester[index]["priorities"]]
    assert got == wanted


def test_each_leicester_strategy_starts_at_its_own_title_with_its_period_in_months() -> None:
    education, send = plans_in(LEICESTER)
    assert education["title"] == Found("Education Division Strategy", "line 110")
    assert send["title"] == Found("SEND Division Strategy", "line 353")
    assert {key: value for key, value in education["period"].items() if key != "years"} == {
        "start_year": Found(2021, "line 112"),
        "end_year": Found(2024, "line 112"),
        "start": Found("2021-04", "line 112"),
        "end": Found("2024-03", "line 112"),
    }


def test_the_years_of_a_plan_run_between_the_months_its_period_states() -> None:
    # "April 2021 to March 2024" in years named "Year One (2021-2022)": each year runs 1 April to 31 March.
    education, send = plans_in(LEICESTER)
    assert education["period"]["years"][0] == {
        "id": Found("year_one", "table 1, row 1, column 1"),
        "name": Found("Year One (2021-2022)", "table 1, row 1, column 1"),
        "start": Found(dt.date(2021, 4, 1), "table 1, row 1, column 1 and line 112"),
        "end": Found(dt.date(2022, 3, 31), "table 1, row 1, column 1 and line 112"),
    }
    for plan, folder in ((education, "education-2021-24"), (send, "send-2021-24")):
        assert values(plan["period"]["years"]) == hand_made(f"leicester/{folder}/strategy.yml")["period"]["years"]


def test_an_action_says_the_cell_it_came_from_and_its_theme_the_cell_naming_it() -> None:
    send = plans_in(LEICESTER)[1]
    responsive = send["priorities"][0]
    assert responsive["number"] == Found(1, "line 402")
    assert responsive["id"] == Found("responsive", "line 402")
    assert responsive["themes"][0] == {
        "id": Found("participation", "table 5, row 2, column 1"),
        "name": Found("Participation", "table 5, row 2, column 1"),
    }
    assert responsive["actions"]["year_two"][0] == {
        "text": Found(
            "We will learn and share feedback, and develop our practices to support children, young people and their families "
            "to become actively involved in shaping services",
            "table 5, row 2, column 2",
        ),
        "theme": Found("participation", "table 5, row 2, column 1"),
    }
    # Two actions run into one cell's line are two actions, each from that cell.
    assert values(responsive["actions"]["year_two"][1:3]) == [
        {
            "text": "We will learn and share feedback, and develop our practices to improve their experience",
            "theme": "information-and-advice",
        },
        {"text": "Commission information and advice to support families", "theme": "information-and-advice"},
    ]
    assert responsive["actions"]["year_two"][2]["text"].where == "table 5, row 3, column 2"


def test_a_theme_run_into_its_first_action_and_a_row_cut_by_a_page_break_keep_their_theme() -> None:
    send = values(plans_in(LEICESTER)[1])
    effective, inclusive = send["priorities"][1], send["priorities"][2]
    assert {"text": "We will launch our preparing for adulthood strategy and action plan and form a partnership group with key "
            "representatives to oversee its progress", "theme": "preparing-for-adulthood"} in effective["actions"]["year_one"]  # fmt: skip
    # "Recruit into ..." starts a new row of the continued table, under no theme.
    assert {"text": "Recruit into SEND Quality and Inclusion Team to support improvements and inclusion in mainstream schools"} in (
        effective["actions"]["year_one"]
    )
    # The "Out of Authority Provision" row ends one table with only its name; the next table carries it on.
    assert {
        "text": "We will ensure systems are in place to monitor Quality of provision in Out of Authority/ Independent Specialist Settings",
        "theme": "out-of-authority-provision",
    } in inclusive["actions"]["year_one"]


def test_the_send_strategy_measures_success_by_its_outcome_statements() -> None:
    send = plans_in(LEICESTER)[1]
    wanted = hand_made("leicester/send-2021-24/strategy.yml")["measures"]
    assert values(send["measures"]["outcomes"]) == wanted["outcomes"]
    assert send["measures"]["outcomes"][0] == Found("My voice is heard", "line 484")
    assert send["measures"]["notes"].value == wanted["notes"].replace("'", "‘", 1).replace("'", "’", 1).strip()
    assert send["measures"]["summary"].where == "line 480"


def test_the_leicester_strategies_give_their_values_principles_and_purpose() -> None:
    education, send = (values(plan) for plan in plans_in(LEICESTER))
    for plan, folder in ((education, "education-2021-24"), (send, "send-2021-24")):
        wanted = hand_made(f"leicester/{folder}/strategy.yml")
        assert plan["values"] == wanted["values"]
        assert plan["principles"] == wanted["principles"]
    assert send["purpose"].startswith("The purpose of this strategy is simple: to provide children and young people with SEND")
    assert [board["name"] for board in send["governance"]["boards"]] == ["SEND Improvement Board", "Joint Integrated Commissioning Board"]


# --- The Leicestershire reports: priorities listed in a paragraph -----------------------------------


def test_the_belonging_report_gives_its_four_priorities_from_priority_one_list_items() -> None:
    (plan,) = plans_in(SOURCES / "000_1a5872f4577107be.txt")
    wanted = hand_made("leicestershire/belonging-in-education-2026-29/strategy.yml")["priorities"]
    got = values(plan["priorities"])
    assert [(p["number"], p["title"]) for p in got] == [(p["number"], p["title"]) for p in wanted]
    assert plan["priorities"][0]["title"] == Found(
        "Every Child and Young Person has a sense of belonging in the Education setting they attend", "line 73"
    )
    assert plan["title"] == Found("BELONGING IN EDUCATION STRATEGY 2026-2029", "line 7")
    assert plan["period"] == {"start_year": Found(2026, "line 7"), "end_year": Found(2029, "line 7")}
    # Paragraph 21, after the list, is the report's text again, not part of priority four.
    assert "description" not in got[3] and "actions" not in got[3]


def test_the_send_and_inclusion_report_gives_the_five_priorities_its_paragraph_lists() -> None:
    (plan,) = plans_in(SOURCES / "002_9794070bcaff4890.txt")
    wanted = hand_made("leicestershire/send-and-inclusion-2024-27/strategy.yml")["priorities"]
    assert [(p["number"], p["title"]) for p in values(plan["priorities"])] == [(p["number"], p["title"]) for p in wanted]
    assert plan["priorities"][4]["title"] == Found(
        "We will provide timely and effective support to enable children and young people with SEND "
        "to thrive and belong in their communities.",
        "line 81",
    )
    assert plan["period"] == {"start_year": Found(2024, "line 7"), "end_year": Found(2027, "line 7")}


def test_the_best_plan_gives_its_six_strategic_priorities_not_the_reforms_or_workstreams_listed_before_them() -> None:
    (plan,) = plans_in(SOURCES / "003_60c101667d28ac5c.txt")
    wanted = hand_made("leicestershire/best-programme-plan/strategy.yml")["priorities"]
    got = values(plan["priorities"])
    assert [p["number"] for p in got] == [1, 2, 3, 4, 5, 6]
    assert [p["description"] for p in got] == [p["description"] for p in wanted]
    # The plain text keeps no bold, so the fifth item's title runs to its colon, past the bold words.
    assert [p["title"] for p in got[:4] + got[5:]] == [p["title"] for p in wanted[:4] + wanted[5:]]
    assert got[4]["title"] == f"{wanted[4]['title']}, {wanted[4]['commitment']}"
    # The first item runs over a page break; its description carries on from the next line.
    assert plan["priorities"][0]["description"].where == "line 76"
    assert plan["title"] == Found("BUILDING EDUCATION SERVICES TOGETHER: PROGRAMME PLAN", "line 8")
    assert plan["period"]["end_year"] == Missing(2027, "The document does not say which years the strategy covers.")


# --- Patterns from other councils' documents ----------------------------------------------------------


def test_priority_lines_with_a_number_each_start_a_priority() -> None:
    (plan,) = plans_of(
        "Health and Wellbeing Strategy 2025-2028\n\n"
        "Our priorities\n\n"
        "Priority 1: Give every child the best start in life\n"
        "Our ambition is that every child is ready for school.\n"
        "We will make sure families get help early.\n\n"
        "Priority 2: Help people live well for longer\n\n"
        "PRIORITY 3 – Reduce health inequalities\n"
    )
    assert plan["title"] == Found("Health and Wellbeing Strategy 2025-2028", "line 1")
    assert plan["priorities"] == [
        {
            "number": Found(1, "line 5"),
            "id": Found("give-every-child-the-best", "line 5"),
            "title": Found("Give every child the best start in life", "line 5"),
            "ambition": Found("Our ambition is that every child is ready for school.", "line 6"),
            "commitment": Found("We will make sure families get help early.", "line 7"),
        },
        {
            "number": Found(2, "line 9"),
            "id": Found("help-people-live-well-for", "line 9"),
            "title": Found("Help people live well for longer", "line 9"),
        },
        {
            "number": Found(3, "line 11"),
            "id": Found("reduce-health-inequalities", "line 11"),
            "title": Found("Reduce health inequalities", "line 11"),
        },
    ]


def test_numbered_goals_each_followed_by_bulleted_actions() -> None:
    (plan,) = plans_of(
        "Climate Action Plan 2024 to 2030\n\n"
        "Goal 1 – Cut carbon from council buildings\n"
        "- Fit solar panels to 20 schools\n"
        "- Replace street lights with LEDs\n\n"
        "Goal 2 – Greener travel\n"
        "- Open 50 electric vehicle charging points\n"
    )
    goals = plan["priorities"]
    assert [(g["number"], g["title"]) for g in goals] == [
        (Found(1, "line 3"), Found("Cut carbon from council buildings", "line 3")),
        (Found(2, "line 7"), Found("Greener travel", "line 7")),
    ]
    assert goals[0]["actions"] == {
        WHOLE_PLAN: [
            {"text": Found("Fit solar panels to 20 schools", "line 4")},
            {"text": Found("Replace street lights with LEDs", "line 5")},
        ]
    }
    assert goals[1]["actions"] == {WHOLE_PLAN: [{"text": Found("Open 50 electric vehicle charging points", "line 8")}]}
    # Actions under no year wait under a year an officer must name: nothing says which it is.
    (year,) = plan["period"]["years"]
    assert year["id"] == Missing(WHOLE_PLAN, year["id"].why)
    assert "under no year" in year["id"].why
    assert plan["period"]["start_year"] == Found(2024, "line 1") and plan["period"]["end_year"] == Found(2030, "line 1")


@pytest.mark.parametrize("indent", ["", "    "])
def test_bulleted_outcomes_with_how_we_will_get_there_actions(indent: str) -> None:
    (plan,) = plans_of(
        "Children and Young People's Plan 2025-2028\n\n"
        "Our outcomes\n\n"
        "- Children are safe at home and in their communities\n"
        f"{indent}How we will get there:\n"
        f"{indent}- We will open four family hubs\n"
        f"{indent}- We will train 200 staff in safeguarding\n"
        "- Children do well at school\n"
        f"{indent}How we will get there:\n"
        f"{indent}- We will improve attendance in every school\n\n"
        "About this plan\n"
    )
    assert plan["priorities"] == [
        {
            "number": Found(1, "line 5"),
            "id": Found("children-are-safe-at-home", "line 5"),
            "title": Found("Children are safe at home and in their communities", "line 5"),
            "actions": {
                WHOLE_PLAN: [
                    {"text": Found("We will open four family hubs", "line 7")},
                    {"text": Found("We will train 200 staff in safeguarding", "line 8")},
                ]
            },
        },
        {
            "number": Found(2, "line 9"),
            "id": Found("children-do-well-at-school", "line 9"),
            "title": Found("Children do well at school", "line 9"),
            "actions": {WHOLE_PLAN: [{"text": Found("We will improve attendance in every school", "line 11")}]},
        },
    ]


def test_outcomes_with_their_actions_as_deeper_bullets() -> None:
    (plan,) = plans_of(
        "Our outcomes\n\n- Children are safe\n    - We will open four family hubs\n"
        "- Children do well at school\n    - We will improve attendance\n"
    )
    assert [(values(p["title"]), values(p["actions"])) for p in plan["priorities"]] == [
        ("Children are safe", {WHOLE_PLAN: [{"text": "We will open four family hubs"}]}),
        ("Children do well at school", {WHOLE_PLAN: [{"text": "We will improve attendance"}]}),
    ]
    assert plan["title"] == Missing("Housing Strategy 2025 to 2028", "The document does not give the strategy's title.")


def test_pillars_named_with_a_colon_are_numbered_in_order() -> None:
    (plan,) = plans_of("Pillar: Early help\nFamilies get help early.\n\nPillar: Local support\nSchools near home.\n")
    assert [(p["number"], p["title"], p["description"]) for p in plan["priorities"]] == [
        (Found(1, "line 1"), Found("Early help", "line 1"), Found("Families get help early.", "line 2")),
        (Found(2, "line 4"), Found("Local support", "line 4"), Found("Schools near home.", "line 5")),
    ]


def test_named_pillars_in_a_sentence() -> None:
    (plan,) = plans_of("SEND Reform Plan 2026-2029\n\nOur three pillars are: Early, Local, Fair.\n\nThe plan starts in April 2026.\n")
    assert plan["priorities"] == [
        {"number": Found(n, "line 3"), "id": Found(name.lower(), "line 3"), "title": Found(name, "line 3")}
        for n, name in enumerate(["Early", "Local", "Fair"], 1)
    ]


def test_a_sentence_naming_fewer_pillars_than_it_lists_is_not_read_as_a_list() -> None:
    assert plans_of("Our two pillars are: Early, Local, Fair.\n") == []


def test_pillars_labelled_one_by_one_with_their_text_and_actions() -> None:
    (plan,) = plans_of(
        "Family Help Strategy 2025-2028\n\n"
        "Pillar one: Early help\n\n"
        "Families get help as soon as they need it.\n\n"
        "What we will do\n"
        "- We will open family hubs in every district\n\n"
        "Pillar two: Help close to home\n\n"
        "Children are supported in their own communities.\n"
    )
    early, close = plan["priorities"]
    assert early == {
        "number": Found(1, "line 3"),
        "id": Found("early-help", "line 3"),
        "title": Found("Early help", "line 3"),
        "description": Found("Families get help as soon as they need it.", "line 5"),
        "actions": {WHOLE_PLAN: [{"text": Found("We will open family hubs in every district", "line 8")}]},
    }
    assert close["title"] == Found("Help close to home", "line 10")
    assert close["description"] == Found("Children are supported in their own communities.", "line 12")


def test_a_year_1_and_year_2_table_under_a_priority() -> None:
    (plan,) = plans_of(
        "Housing Strategy 2025-2027\n\n"
        "Priority 1: More homes\n\n"
        "Year 1 (2025-26)\tYear 2 (2026-27)\n"
        "We will build 100 homes\tWe will build 150 homes\n"
        "Repairs We will fix damp in 500 homes\tWe will fix damp in 800 homes\n"
    )
    (homes,) = plan["priorities"]
    assert homes["themes"] == [{"id": Found("repairs", "table 1, row 3, column 1"), "name": Found("Repairs", "table 1, row 3, column 1")}]
    assert homes["actions"] == {
        "year_one": [
            {"text": Found("We will build 100 homes", "table 1, row 2, column 1")},
            {
                "text": Found("We will fix damp in 500 homes", "table 1, row 3, column 1"),
                "theme": Found("repairs", "table 1, row 3, column 1"),
            },
        ],
        "year_two": [
            {"text": Found("We will build 150 homes", "table 1, row 2, column 2")},
            {
                "text": Found("We will fix damp in 800 homes", "table 1, row 3, column 2"),
                "theme": Found("repairs", "table 1, row 3, column 1"),
            },
        ],
    }
    # The period is in years only, so the years' first and last days are left for an officer.
    year_one = plan["period"]["years"][0]
    assert year_one["name"] == Found("Year 1 (2025-26)", "table 1, row 1, column 1")
    assert year_one["start"] == Missing(dt.date(2025, 4, 1), "The document names the year but not its first and last days.")


def test_a_table_with_a_priority_column_before_the_years() -> None:
    (plan,) = plans_of(
        "Carers Plan 2025 to 2027\n\n"
        "Priority\tYear 1\tYear 2\n"
        "Carers get breaks\tWe will fund 300 breaks\tWe will fund 400 breaks\n"
        "Carers are heard\tWe will hold a carers forum\t\n"
    )
    assert [(values(p["number"]), values(p["title"]), values(p["actions"])) for p in plan["priorities"]] == [
        (1, "Carers get breaks", {"year_one": [{"text": "We will fund 300 breaks"}], "year_two": [{"text": "We will fund 400 breaks"}]}),
        (2, "Carers are heard", {"year_one": [{"text": "We will hold a carers forum"}]}),
    ]
    assert plan["priorities"][1]["title"] == Found("Carers are heard", "table 1, row 3, column 1")


def test_a_list_introduced_by_a_sentence_about_priorities_with_these_are_on_its_own_line() -> None:
    (plan,) = plans_of("We have agreed four priority areas with our partners.\nThese are:\n1. Safe homes\n2. Good jobs\n3. Clean air\n")
    assert [(p["number"], p["title"]) for p in plan["priorities"]] == [
        (Found(n, f"line {n + 2}"), Found(title, f"line {n + 2}")) for n, title in enumerate(["Safe homes", "Good jobs", "Clean air"], 1)
    ]


def test_a_list_about_one_theme_is_not_a_list_of_priorities() -> None:
    assert plans_of("Belonging is a key strategic theme:\n- A core condition for learning\n- A key indicator of system health\n") == []


def test_a_document_that_sets_out_no_priorities_gives_no_plan() -> None:
    assert plans_of("Purpose of the Report\n\n1. The purpose of this report is to note the budget.\n") == []


def test_a_position_statement_gives_the_priorities_it_lists_for_a_plan_and_no_title_it_does_not_give() -> None:
    (plan,) = plans_in(SOURCES / "001_ac7a89c504719890.txt")
    assert [p["title"] for p in plan["priorities"]] == [
        Found("Strengthening mainstream, early years and post-16 provision through improved education, health and care support", "line 35"),
        Found(
            "Expanding local specialist provision to reduce travel, improve access and strengthen "
            "children and young people's sense of belonging",
            "line 36",
        ),
    ]
    assert isinstance(plan["title"], Missing)


# --- Actions run into one line ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "actions"),
    [
        (
            "We will learn and share feedback, and develop our practices to improve their experience Commission information and advice",
            [
                "We will learn and share feedback, and develop our practices to improve their experience",
                "Commission information and advice",
            ],
        ),
        (
            "Children and young people placed in high quality provision Children and young people are placed close to home",
            ["Children and young people placed in high quality provision", "Children and young people are placed close to home"],
        ),
        ("We will open two hubs We will train staff", ["We will open two hubs", "We will train staff"]),
        # A capitalised word after a name, a small word or a full stop is part of the sentence.
        ("We will review the Annual Review process, amend and share it", ["We will review the Annual Review process, amend and share it"]),
        ("We will work with the Local Authority Review team", ["We will work with the Local Authority Review team"]),
        (
            "Evaluate progress. Learning Disabilities Pathways to inform next stages",
            ["Evaluate progress. Learning Disabilities Pathways to inform next stages"],
        ),
        ("We will carry out a Review of the offer", ["We will carry out a Review of the offer"]),
    ],
)
def test_two_actions_run_into_one_line_are_split_only_where_a_new_sentence_visibly_starts(line: str, actions: list[str]) -> None:
    assert split_actions(line) == actions


def test_an_appendix_strategy_with_its_vision_values_principles_list_of_priorities_and_action_table() -> None:
    (plan,) = plans_of(
        "Appendix A – Carers Strategy 2025-2028\n\n"
        "Our vision\n\nEvery carer is valued and supported.\n\n"
        "Our values\n\n- Kind\n- Fair\n\n"
        "Our principles\n\n- We listen to carers\n- We act early\n\n"
        "Our priorities\n\n- Carers get breaks\n- Carers are heard\n\n"
        "Action plan\n\n"
        "Priority\t2025/26\t2026/27\n"
        "Priority 2: Carers are heard\tWe will hold a carers forum\tWe will review the forum\n"
        "Carers get breaks\tWe will fund 300 breaks\t\n\n"
        "Governance\n\nThe plan is overseen by the Carers Partnership Board and the Health and Wellbeing Board.\n"
    )
    assert plan["title"] == Found("Carers Strategy 2025-2028", "line 1")
    assert plan["vision"] == Found("Every carer is valued and supported.", "line 5")
    assert plan["values"] == [Found("Kind", "line 9"), Found("Fair", "line 10")]
    assert plan["principles"] == [Found("We listen to carers", "line 14"), Found("We act early", "line 15")]
    # The table's rows find the listed priorities, by number or by title, and put the actions under them.
    assert values(plan["priorities"]) == [
        {
            "number": 1,
            "id": "carers-get-breaks",
            "title": "Carers get breaks",
            "actions": {"year_one": [{"text": "We will fund 300 breaks"}]},
        },
        {
            "number": 2,
            "id": "carers-are-heard",
            "title": "Carers are heard",
            "actions": {"year_one": [{"text": "We will hold a carers forum"}], "year_two": [{"text": "We will review the forum"}]},
        },
    ]
    assert plan["priorities"][1]["actions"]["year_two"][0]["text"] == Found("We will review the forum", "table 1, row 2, column 3")
    assert [year["name"] for year in plan["period"]["years"]] == [
        Found("2025/26", "table 1, row 1, column 2"),
        Found("2026/27", "table 1, row 1, column 3"),
    ]
    assert values(plan["governance"]["boards"]) == [
        {"id": "carers-partnership-board", "name": "Carers Partnership Board"},
        {"id": "health-and-wellbeing-board", "name": "Health and Wellbeing Board"},
    ]


def test_a_table_of_figures_under_year_headings_gives_no_actions() -> None:
    (plan,) = plans_of("Priority 1: Balance the budget\nPriority 2: Keep reserves\n\n\t2025/26\t2026/27\nGap\t87,880\t111,799\n")
    assert all("actions" not in p for p in plan["priorities"])


def test_themes_labelled_under_a_priority_group_its_actions() -> None:
    (plan,) = plans_of(
        "Priority 1: Safer streets\n"
        "Theme 1: Lighting\n"
        "- We will light every underpass\n"
        "Theme 2: Patrols\n"
        "- We will fund night patrols\n"
        "Priority 2: Cleaner air\n"
    )
    streets = plan["priorities"][0]
    assert streets["themes"] == [
        {"id": Found("lighting", "line 2"), "name": Found("Lighting", "line 2")},
        {"id": Found("patrols", "line 4"), "name": Found("Patrols", "line 4")},
    ]
    assert values(streets["actions"]) == {
        WHOLE_PLAN: [
            {"text": "We will light every underpass", "theme": "lighting"},
            {"text": "We will fund night patrols", "theme": "patrols"},
        ]
    }


def test_priorities_as_headings_under_our_priorities_on_a_web_page() -> None:
    blocks = (
        Block("heading", "heading 1", "Carers Strategy 2024 to 2027", level=1),
        Block("heading", "heading 2", "Our priorities", level=2),
        Block("heading", "heading 3", "Early help", level=3),
        Block("paragraph", "paragraph 1 of the page", "Carers get help early."),
        Block("item", "list 1, item 1", "We will open a carers hub", level=1),
        Block("heading", "heading 4", "Breaks", level=3),
        Block("heading", "heading 5", "Contact us", level=2),
        Block("paragraph", "paragraph 2 of the page", "Call us."),
    )
    (plan,) = recognise_plans(Document("carers.html", "web page", blocks))
    assert plan["priorities"] == [
        {
            "number": Found(1, "heading 3"),
            "id": Found("early-help", "heading 3"),
            "title": Found("Early help", "heading 3"),
            "description": Found("Carers get help early.", "paragraph 1 of the page"),
            "actions": {WHOLE_PLAN: [{"text": Found("We will open a carers hub", "list 1, item 1")}]},
        },
        {"number": Found(2, "heading 4"), "id": Found("breaks", "heading 4"), "title": Found("Breaks", "heading 4")},
    ]


def test_an_action_plan_by_action_lead_and_by_when_gives_each_action_its_owner_and_due_date() -> None:
    (plan,) = plans_of(
        "Community Safety Plan 2025-2028\n\n"
        "Priority 1: Safer streets\n\n"
        "Action\tLead\tBy when\n"
        "We will light every underpass\tHighways team\tMarch 2026\n"
        "We will fund night patrols\tPolice\tOngoing\n"
        "We will train wardens\tCommunity safety team\t31 June 2026\n"
    )
    (streets,) = plan["priorities"]
    assert streets["actions"][WHOLE_PLAN] == [
        {
            "text": Found("We will light every underpass", "table 1, row 2, column 1"),
            "owner": Found("Highways team", "table 1, row 2, column 2"),
            "due": Found("2026-03", "table 1, row 2, column 3"),
        },
        # "Ongoing" is no date, and 31 June is no day: neither is written as one.
        {"text": Found("We will fund night patrols", "table 1, row 3, column 1"), "owner": Found("Police", "table 1, row 3, column 2")},
        {
            "text": Found("We will train wardens", "table 1, row 4, column 1"),
            "owner": Found("Community safety team", "table 1, row 4, column 2"),
        },
    ]


def test_a_table_of_priorities_gives_each_row_as_a_priority_with_its_description() -> None:
    (plan,) = plans_of(
        "Our Carers Strategy 2025 to 2028\n\n"
        "Priority\tWhat it means\n"
        "Carers get breaks\tCarers can take time off when they need it.\n"
        "Carers are heard\tWe ask carers before we change services.\n"
    )
    assert plan["priorities"] == [
        {
            "number": Found(1, "table 1, row 2, column 1"),
            "id": Found("carers-get-breaks", "table 1, row 2, column 1"),
            "title": Found("Carers get breaks", "table 1, row 2, column 1"),
            "description": Found("Carers can take time off when they need it.", "table 1, row 2, column 2"),
        },
        {
            "number": Found(2, "table 1, row 3, column 1"),
            "id": Found("carers-are-heard", "table 1, row 3, column 1"),
            "title": Found("Carers are heard", "table 1, row 3, column 1"),
            "description": Found("We ask carers before we change services.", "table 1, row 3, column 2"),
        },
    ]


def test_a_board_that_reports_to_another_is_found_anywhere_with_the_one_it_reports_to():
    [plan] = plans_in(next(SOURCES.glob("002_*.txt")))
    assert plan["governance"] == {
        "boards": [
            {
                "id": Found("leicestershire-send-and-inclusion-partnership-board", "paragraph 2"),
                "name": Found("Leicestershire SEND and Inclusion Partnership Board", "paragraph 2"),
                "reports_to": Found("children-and-families-partnership", "paragraph 2"),
            },
            {
                "id": Found("children-and-families-partnership", "paragraph 2"),
                "name": Found("Children and Families Partnership", "paragraph 2"),
            },
        ]
    }
    [plan] = plans_of(
        "Our priorities are:\n\n- Every child is heard\n- Help comes early\n\n"
        "The Inclusion Delivery Group, reporting to the Schools Forum, meets monthly. "
        "The Schools Forum reports into the Health and Wellbeing Board.\n"
    )
    assert [(values(b["name"]), values(b.get("reports_to", Found(None, "")))) for b in plan["governance"]["boards"]] == [
        ("Inclusion Delivery Group", "schools-forum"),
        ("Schools Forum", "health-and-wellbeing-board"),
        ("Health and Wellbeing Board", None),
    ]


def test_a_table_headed_by_its_priority_in_a_row_of_its_own_gives_that_priority_its_actions():
    def cell(text: str, r: int, c: int) -> Cell:
        return Cell((text,) if text else (), f"table 1, row {r}, column {c}")

    title = "Priority 2: Help comes early"
    table = Block(
        "table",
        "table 1",
        rows=(
            (cell(title, 1, 1), cell(title, 1, 2)),  # one row, merged across: Word repeats the merged cell
            (cell("Year One (2027-2028)", 2, 1), cell("Year Two (2028-2029)", 2, 2)),
            (cell("We will open two family hubs", 3, 1), cell("We will open two more", 3, 2)),
        ),
    )
    before = Block("paragraph", "paragraph 1 of the document", "Priority 1: Every child is heard")
    [plan] = recognise_plans(Document("plan.docx", "Word document", (before, table)))
    second = plan["priorities"][1]
    assert values(second["title"]) == "Help comes early"
    assert second["title"].where == "table 1, row 1, column 1"
    assert values(second["actions"]) == {
        "year_one": [{"text": "We will open two family hubs"}],
        "year_two": [{"text": "We will open two more"}],
    }


def test_named_paragraphs_after_an_inline_list_give_each_pillar_its_words_and_its_actions():
    [plan] = plans_of(
        "Our three pillars are: Early, Local, Fair.\n\n"
        "Early – we will identify needs as soon as they appear. We will train every setting.\n\n"
        "Local – children will learn close to home. We will open six resourced bases.\n\n"
        "Fair: resources will go where they are needed most.\n\n"
        "Consultation\n"
    )
    assert [(values(p["title"]), values(p.get("description")), values(p.get("actions", {}))) for p in plan["priorities"]] == [
        (
            "Early",
            "we will identify needs as soon as they appear. We will train every setting.",
            {WHOLE_PLAN: [{"text": "we will identify needs as soon as they appear."}, {"text": "We will train every setting."}]},
        ),
        (
            "Local",
            "children will learn close to home. We will open six resourced bases.",
            {WHOLE_PLAN: [{"text": "We will open six resourced bases."}]},
        ),
        ("Fair", "resources will go where they are needed most.", {}),
    ]
    assert plan["priorities"][1]["description"].where == "line 5"


def test_each_leicester_strategy_keeps_its_introduction_and_approach_as_the_hand_made_sections_have_them():
    for plan, folder in zip(plans_in(LEICESTER), ("education-2021-24", "send-2021-24"), strict=True):
        written = {
            s["heading"]: " ".join(s["body"].replace("**", "").split()) for s in hand_made(f"leicester/{folder}/strategy.yml")["sections"]
        }
        for section in plan["sections"]:
            # Bold inside a line is read as plain text: the words are the same, without their marks.
            assert " ".join(section["body"].value.split()) == written[section["heading"].value], (folder, section["heading"].value)
        assert [s["heading"].value for s in plan["sections"]] == ["Introduction", "Our Approach"]
