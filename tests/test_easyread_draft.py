"""`easyread --draft`: a starting Easy Read edition written from a strategy's content, which `check`
refuses at every prompt until a person has written it, and which never writes over a file."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from easyread.draft import comment_lines, scalar
from plugins.content import ContentError, load_library
from plugins.content.messages import EXAMPLE_LEFT
from plugins.content.yamlsource import ExamplesLeft, invisible, parse_text

BEST = "leicestershire/best-programme-plan"
DRAFT = f"content/{BEST}/easy-read.yml"


class _Draft(yaml.SafeLoader):
    """PyYAML's own reading of a draft, apart from the project's reader: !example marks a text to replace."""


_Draft.add_constructor("!example", lambda loader, node: {"example": loader.construct_scalar(node)})


def _read(text: str) -> Any:
    return yaml.load(text, Loader=_Draft)  # noqa: S506  (a SafeLoader with one more tag)


def _plain(value: Any) -> Any:
    """A value read by _read with its marks taken off."""
    if isinstance(value, dict) and set(value) == {"example"}:
        return value["example"]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _marked(value: Any) -> str:
    assert isinstance(value, dict) and set(value) == {"example"}, f"{value!r} is not marked !example"
    return str(value["example"])


# --- The draft of the BEST programme plan, which has no edition ----------------------------------------


def test_the_best_programme_plan_gets_a_draft_with_a_section_for_each_priority(project: Path, run):
    strategy = load_library(project).strategy(BEST)
    assert strategy is not None and strategy.model.easy_read is None
    result = run("--root", project, "easyread", "--draft", BEST)
    assert result.code == 0, result.err
    text = (project / DRAFT).read_text(encoding="utf-8")
    marks = text.count(": !example ")
    assert result.out == (
        f"Wrote {DRAFT}: a starting Easy Read edition with {marks} values marked !example for you to write.\n"
        "Replace each one in easy words and delete its !example, then run: python site_build.py easyread\n"
    )
    assert text.startswith("# yaml-language-server: $schema=../../../schema/strategy.schema.json\n")
    edition = _read(text)["easy_read"]
    assert _marked(edition["title"]) == "Our plan for ..."
    assert re.fullmatch(r"\d{4}-\d{2}", _marked(edition["date"]))
    assert [s["part"] for s in edition["sections"]] == ["about", "why"] + ["priority"] * 6 + ["check", "contact"]

    priorities = strategy.model.priorities
    sections = edition["sections"][2:8]
    assert [s["priority"] for s in sections] == [p.id for p in priorities]
    assert [_marked(s["heading"]) for s in sections] == [f"Aim {n}: ..." for n in range(1, 7)]
    # Each priority's council words are in a comment above its prompt, its title above its section.
    for priority in priorities:
        assert f"    # Priority {priority.number} of the plan: {priority.title}\n    - part: priority\n" in text
        words = priority.description.split()
        assert f"        # {' '.join(words[:6])}" in text
    # Priority 5 has a commitment as well as a description: a point for each, in that order.
    assert [_marked(p["text"]) for p in sections[4]["points"]] == [
        "Say in easy words what the council will do for this aim.",
        "Say in easy words what this part of the plan is about.",
    ]
    assert "        # The plan says (commitment):\n        # ensuring implementation of the policy is consistent" in text
    for section in sections:
        for point in section["points"]:
            assert _plain(point)["picture"] == "writing-hand"
            assert _plain(point)["alt"] == "Say what the picture shows."

    about, why, check, contact = (edition["sections"][i] for i in (0, 1, 8, 9))
    assert [_plain(p)["text"] for p in about["points"]] == [
        "This booklet is from Leicestershire County Council.",
        "Say in a few easy words what the plan is about.",
        "The plan is for 2026 to 2030.",
    ]
    assert _plain(why["points"])[-1]["text"] == "The plan has 6 big aims."
    assert "        # The plan's vision:\n        # Leicestershire a place where every child is safe" in text
    # Who owns it and how it is governed, each board, and how it will know it is working.
    assert [_plain(p)["text"] for p in check["points"]] == [
        "Say in easy words who makes sure the plan happens.",
        "Say in easy words what this group does.",
        "Say in easy words what this group does.",
        "Say in easy words how the council will know the plan works.",
    ]
    assert "        # The plan says: Children and Families Overview and Scrutiny Committee: Receives reports on\n" in text
    # The plan has no consultation, so no have your say; its contact, the phone number in groups.
    assert [_plain(p)["text"] for p in contact["points"]] == [
        "You can talk to Tim Browne at the council.",
        "Phone: 0116 305 7429",
        "Email: tim.browne@leics.gov.uk",
    ]
    assert "        # The plan says: Tim Browne, Interim Director of Education. Phone: 0116 3057429. Email:\n" in text
    # Every value a person writes is marked, and every point's text, picture and words for the picture.
    for section in edition["sections"]:
        for point in section["points"]:
            assert all(_marked(point[key]) for key in ("text", "picture", "alt"))

    # The hard words are the glossary words the plan uses, the site glossary's meaning above each.
    assert [w["word"] for w in edition["hard_words"]] == strategy.model.glossary
    assert [_marked(w["means"]) for w in edition["hard_words"]][0] == "Say what BEST means in easy words."
    assert (
        "    # The glossary says: EOTAS (Educated Other Than at School):\n"
        "    # When a child's education is provided somewhere other than a school or college, such as at home\n"
    ) in text


def test_check_refuses_the_draft_at_every_prompt_until_each_is_written(project: Path, run):
    assert run("--root", project, "easyread", "--draft", BEST).code == 0
    text = (project / DRAFT).read_text(encoding="utf-8")
    marked_lines = [n for n, line in enumerate(text.splitlines(), 1) if ": !example " in line]

    refused = run("--root", project, "check")
    assert refused.code == 1
    assert [int(p.split(":")[1]) for p in refused.problems] == marked_lines
    assert all(p.startswith(f"{DRAFT}:") and p.endswith(f": {EXAMPLE_LEFT}") for p in refused.problems)
    assert refused.err.splitlines()[-1] == f"Found {len(marked_lines)} problems in 1 file. Fix them and run the command again."
    # Nothing can publish it: the build stops on the same prompts.
    assert run("--root", project, "build", "--site-dir", project / "site", "--no-pdf").code == 1
    assert not (project / "site").exists()

    (project / DRAFT).write_text(_finished(text), encoding="utf-8")
    accepted = run("--root", project, "check")
    assert accepted.code == 0, accepted.err
    assert "No problems found" in accepted.out
    scored = run("--root", project, "easyread")
    assert scored.code == 0, scored.err
    card = scored.out.split(f"{BEST}: Our plan for better schools\n", 1)[1].split("\n\n", 1)[0]
    assert "  priorities explained: 6 of 6\n" in card
    assert "  checked by readers: not yet\n" in card
    assert "\n  findings: 0 errors, 0 advice\n" in card


def test_a_draft_has_a_point_for_each_action_and_leaves_the_dates_to_have_your_say_to_the_page(project: Path, run):
    for strategy in ("leicester/education-2021-24", "leicestershire/belonging-in-education-2026-29"):
        (project / "content" / strategy / "easy-read.yml").unlink()
        assert run("--root", project, "easyread", "--draft", strategy).code == 0
    library = load_library_despite_drafts(project)

    education = (project / "content/leicester/education-2021-24/easy-read.yml").read_text(encoding="utf-8")
    sections = _read(education)["easy_read"]["sections"]
    priorities = library.strategy("leicester/education-2021-24").model.priorities
    for priority, section in zip(priorities, [s for s in sections if s["part"] == "priority"], strict=True):
        actions = sum(len(listed) for listed in priority.actions.values())
        # Its ambition, its commitment, then each action of each year.
        assert [_marked(p["text"]) for p in section["points"]] == [
            "Say in easy words what this aim wants to change.",
            "Say in easy words what the council will do for this aim.",
        ] + ["Say in easy words what this action means for families."] * actions
    first = priorities[0].actions["year_one"][0]
    assert f"        # The plan says (Year One (2021-2022)): {first.text[:40]}" in education
    assert "    # Keep the 4 or so points that matter most to your readers, and delete the others.\n" in education
    assert "have your say" not in [s["part"] for s in sections]

    belonging = (project / "content/leicestershire/belonging-in-education-2026-29/easy-read.yml").read_text(encoding="utf-8")
    sections = _read(belonging)["easy_read"]["sections"]
    assert [s["part"] for s in sections] == ["about", "why"] + ["priority"] * 4 + ["check", "have your say", "contact"]
    say = sections[7]
    assert say["heading"] == "How to have your say"
    assert [_marked(p["text"]) for p in say["points"]] == [
        "Say in easy words how people can have their say.",
        "Say how people can ask for the questions in another way.",
    ]
    assert (
        "    # The page writes the dates to have your say itself, from the plan's consultation (20 April 2026\n"
        "    # to 1 June 2026), and says when the time has passed: do not write them here. Write what else\n"
        "    # readers need to know.\n"
        "    - part: have your say\n"
    ) in belonging
    assert "1 June 2026" not in "".join(_marked(p["text"]) for p in say["points"])
    # A priority the plan gives only a title for gets one prompt, with the title above it.
    assert [_marked(p["text"]) for p in sections[2]["points"]] == ["Say in easy words what this aim is about."]


def _drafted_points(draft: str) -> list[tuple[str, dict[str, Any]]]:
    """Each point of a draft, with the comment above it (its lines joined, as the writer reads them)."""
    points: list[tuple[str, dict[str, Any]]] = []
    comment: list[str] = []
    lines = draft.splitlines()
    for n, line in enumerate(lines):
        if line.startswith("        #"):
            comment.append(line.removeprefix("        #").strip())
        elif line.startswith("        - text:"):
            body = [line.removeprefix("        ")]
            body += [later.removeprefix("        ") for later in lines[n + 1 :][: _point_length(lines[n + 1 :])]]
            points.append((" ".join(comment), _plain(_read("\n".join(body))[0])))
            comment = []
        else:
            comment = []
    return points


def _point_length(rest: list[str]) -> int:
    return next((i for i, line in enumerate(rest) if not line.startswith("          ")), len(rest))


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9@.]+", " ", text.lower()).replace(". ", " ").split())


def _quotes(comment: str, part: Any) -> bool:
    """Whether a comment quotes the part: its heading, or the first words of a paragraph of its text (up
    to its first comma, as a contact's name comes before their role and number)."""
    said = f" {_words(comment)} "
    pieces = [part.heading] + [p.removeprefix("Owned by ") for p in part.text.split("\n\n")]
    starts = [_words(piece.split(",")[0] if len(piece.split(",")[0].split()) >= 2 else piece).split()[:8] for piece in pieces]
    return any(f" {' '.join(start)} " in said for start in starts if start)


@pytest.mark.parametrize("strategy", [BEST, "leicester/education-2021-24", "leicestershire/belonging-in-education-2026-29"])
def test_each_drafted_point_names_the_part_of_the_plan_its_comment_quotes(project: Path, run, strategy: str):
    from plugins.content.standard_text import StandardContent

    (project / "content" / strategy / "easy-read.yml").unlink(missing_ok=True)
    assert run("--root", project, "easyread", "--draft", strategy).code == 0
    draft = (project / "content" / strategy / "easy-read.yml").read_text(encoding="utf-8")
    standard = StandardContent(load_library_despite_drafts(project).strategy(strategy).model)
    named = 0
    for comment, point in _drafted_points(draft):
        path = point.get("from")
        if path is None:
            # Only what is no part of the plan a point can name: the council, the title, the years, how many aims.
            assert comment.startswith(
                ("The plan says it is from:", "The plan says its title is:", "The plan says it covers:", "The plan has ")
            ), comment
            continue
        named += 1
        # Not a prompt: a fact of the plan's structure, and one that names a part.
        assert "!example" not in draft.split(f"from: {path}")[0].splitlines()[-1] + f"from: {path}"
        part = standard.find(path)
        assert part is not None, path
        if comment:
            assert _quotes(comment, part), (path, comment)
        else:
            # A contact's phone number and email, after the point that quotes the contact.
            assert path == "contacts"
            given = point["text"].split(": ", 1)[1]
            assert re.sub(r"\D", "", given) in re.sub(r"\D", "", part.text) if given[0].isdigit() else given in part.text
    assert named >= 5


def test_the_drafted_points_name_their_parts_in_order(project: Path, run):
    assert run("--root", project, "easyread", "--draft", BEST).code == 0
    text = (project / DRAFT).read_text(encoding="utf-8")
    assert [line.strip() for line in text.splitlines() if line.startswith("          from:")] == [
        "from: purpose",
        "from: vision",
        "from: priorities/enhanced-graduated-offer",
        "from: priorities/ceasing-ehcps",
        "from: priorities/specialist-provision-and-resource-bases",
        "from: priorities/early-years-send-support",
        "from: priorities/eotas-policy",
        "from: priorities/eotas-policy",
        "from: priorities/smarter-commissioning",
        "from: governance",
        "from: governance/boards/best-programme-board",
        "from: governance/boards/children-and-families-overview-and-scrutiny-committee",
        "from: measures",
        "from: contacts",
        "from: contacts",
        "from: contacts",
    ]
    # Each action by its number in its priority, counted across its years as the review page counts them.
    education = "leicester/education-2021-24"
    (project / "content" / education / "easy-read.yml").unlink()
    assert run("--root", project, "easyread", "--draft", education).code == 0
    drafted = (project / "content" / education / "easy-read.yml").read_text(encoding="utf-8")
    priority = load_library_despite_drafts(project).strategy(education).model.priorities[0]
    actions = sum(len(listed) for listed in priority.actions.values())
    assert [f"          from: priorities/{priority.id}/actions/{n}\n" in drafted for n in range(1, actions + 2)] == [True] * actions + [
        False
    ]


def load_library_despite_drafts(root: Path) -> Any:
    """The library with its drafts in it: read as the draft command reads it, since check refuses them."""
    from plugins.content.loader import read_library

    library, problems = read_library(root)
    assert library is not None and all(p.message == EXAMPLE_LEFT for p in problems)
    return library


# Words a writer puts in place of the prompts: short, common words, no numbers, none of the glossary's.
SENTENCES = [
    "We want every child to do well at school.",
    "Children learn best near their home.",
    "We will help schools give extra help early.",
    "Some children need help with their feelings.",
    "We will look at the help each child gets.",
    "We will stop paying for help a child no longer gets.",
    "We will make more places in special schools.",
    "We will find out what young children need.",
    "Some children learn at home or in other places.",
    "We will check this help is good for them.",
    "We will work with schools to keep children near home.",
    "A group of leaders meets to check the plan.",
    "A group of councillors asks how the plan is going.",
    "We will count the money the plan saves.",
    "We will tell families how the plan is going.",
    "We want to spend money on the help that works.",
]
HEADINGS = iter(
    [
        "Help early in every school",
        "Plans that still fit",
        "More special school places",
        "Help for young children",
        "Learning out of school",
        "Better buying of help",
    ]
)


def _finished(draft: str) -> str:
    """The draft as its writer finishes it: each prompt replaced with words that keep the Easy Read rules,
    each suggestion from the plan kept, and every !example deleted."""
    sentences = iter(SENTENCES * 3)
    lines = []
    for line in draft.splitlines():
        before, marked, value = line.partition(": !example ")
        if not marked:
            lines.append(line)
            continue
        key, now = before.strip().removeprefix("- "), yaml.safe_load(value)
        if key == "title":
            now = "Our plan for better schools"
        elif key == "heading":
            now = f"{now.split(':')[0]}: {next(HEADINGS)}"
        elif key == "text" and now.startswith("Say "):
            now = next(sentences)
        elif key == "alt" and now == "Say what the picture shows.":
            now = "A hand writing."
        elif key == "means":
            now = "It is a name for some help or money for children."
        lines.append(f"{before}: {json.dumps(now)}")
    return "\n".join(lines) + "\n"


# --- Refusals --------------------------------------------------------------------------------------------


def test_a_draft_never_writes_over_a_file(project: Path, run):
    assert run("--root", project, "easyread", "--draft", BEST).code == 0
    written = (project / DRAFT).read_bytes()
    again = run("--root", project, "easyread", "--draft", BEST)
    assert (again.code, again.out) == (1, "")
    assert again.err == f"{DRAFT} already exists: nothing was written. Edit it, or move it away to start a new draft.\n"
    assert (project / DRAFT).read_bytes() == written

    # A finished edition is never replaced either.
    edition = project / "content/leicester/send-2021-24/easy-read.yml"
    before = edition.read_bytes()
    refused = run("--root", project, "easyread", "--draft", "leicester/send-2021-24")
    assert refused.code == 1
    assert refused.err == (
        "content/leicester/send-2021-24/easy-read.yml already exists: nothing was written. Edit it, or move it away to start a new draft.\n"
    )
    assert edition.read_bytes() == before


def test_a_link_where_the_draft_would_go_is_not_followed(project: Path, run, tmp_path: Path):
    target = tmp_path / "elsewhere.yml"
    os.symlink(target, project / DRAFT)
    refused = run("--root", project, "easyread", "--draft", BEST)
    assert refused.code == 1
    assert refused.err.startswith(f"{DRAFT} already exists: nothing was written.")
    assert not target.exists()


def test_a_strategy_with_its_edition_in_another_file_is_not_given_a_second(project: Path, run):
    folder = project / "content/leicester/education-2021-24"
    edition = (folder / "easy-read.yml").read_text(encoding="utf-8")
    (folder / "easy-read.yml").unlink()
    strategy = folder / "strategy.yml"
    strategy.write_text(strategy.read_text(encoding="utf-8") + "\n" + edition.split("\neasy_read:", 1)[1].join(["easy_read:", ""]))
    assert run("--root", project, "check").code == 0
    refused = run("--root", project, "easyread", "--draft", "leicester/education-2021-24")
    assert refused.code == 1
    assert refused.err == (
        "leicester/education-2021-24 already has an Easy Read edition, in content/leicester/education-2021-24/strategy.yml: "
        "nothing was written.\n"
    )
    assert not (folder / "easy-read.yml").exists()


def test_a_strategy_that_does_not_exist_gets_the_list_of_strategies(project: Path, run):
    for name in ("leicestershire/best-plan", "../../etc", "best-programme-plan"):
        refused = run("--root", project, "easyread", "--draft", name)
        assert refused.code == 1
        assert refused.out == ""
        assert refused.err == (
            f"There is no strategy '{name}' in content/. Give one of these, as organisation/folder:\n"
            "  leicester/education-2021-24 (has an Easy Read edition)\n"
            "  leicester/send-2021-24 (has an Easy Read edition)\n"
            "  leicestershire/belonging-in-education-2026-29 (has an Easy Read edition)\n"
            "  leicestershire/best-programme-plan\n"
            "  leicestershire/send-and-inclusion-2024-27 (has an Easy Read edition)\n"
        )
    assert sorted(p.name for p in (project / "content/leicestershire/best-programme-plan").iterdir()) == [
        "report.yml",
        "strategy.yml",
        "tables.yml",
    ]


def test_mistakes_in_another_strategy_do_not_stop_a_draft_but_its_own_do(project: Path, run):
    other = project / "content/leicester/send-2021-24/easy-read.yml"
    other.write_text(other.read_text(encoding="utf-8").replace("  title: ", "  title: !example ", 1), encoding="utf-8")
    assert run("--root", project, "easyread", "--draft", BEST).code == 0

    (project / DRAFT).unlink()
    strategy = project / f"content/{BEST}/strategy.yml"
    strategy.write_text(strategy.read_text(encoding="utf-8").replace("short_title: BEST", "short_title: !example BEST"), encoding="utf-8")
    refused = run("--root", project, "easyread", "--draft", BEST)
    assert refused.code == 1
    assert refused.problems == [f"content/{BEST}/strategy.yml:6:14: short_title: {EXAMPLE_LEFT}"]
    assert refused.err.splitlines()[-1] == f"Nothing was written: fix the mistakes in {BEST} first."
    assert not (project / DRAFT).exists()


# --- Content written into YAML stays text ------------------------------------------------------------------

HOSTILE = [
    "Our plan\nfor # everyone",
    "# not a comment",
    "a #b",
    "!tag",
    "!!python/object:os.system",
    "'single' and \"double\" quotes",
    "key: value",
    "- a list item",
    "yes",
    "0116 3057429",
    "2026-04-01",
    "1.50",
    "~",
    "   spaced   ",
    "tab\there",
    "line\u2028separator and\x85next line and\rreturn",
    "\ufffe\uffff not characters",
    "&anchor *alias",
    "{flow: mapping}",
    "[flow, list]",
    "%directive",
    "@at `back` |pipe >fold",
    "---",
    "...",
]


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_any_text_is_written_as_a_value_that_reads_back_as_that_text(value: str):
    text = f"easy_read:\n  title: !example {scalar(value)}\n  after: plain\n"
    assert len(text.splitlines()) == 3
    assert _plain(_read(text)) == {"easy_read": {"title": value, "after": "plain"}}
    if invisible(value):
        # Content never holds these (the reader refuses them where they are written), and here too
        # they are refused at the one value, as the characters they are.
        with pytest.raises(ContentError) as refused:
            parse_text(text, "draft.yml")
        assert [(p.line, p.path) for p in refused.value.problems] == [(2, "easy_read.title")] * 2
        return
    with pytest.raises(ExamplesLeft) as left:
        parse_text(text, "draft.yml")
    assert left.value.document.data == {"easy_read": {"title": value, "after": "plain"}}


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_any_text_in_a_comment_stays_inside_it(value: str):
    text = "\n".join(["first: 1", *comment_lines(2, f"The plan says: {value}\nsecond: 2\n- third"), "last: 3"]) + "\n"
    assert parse_text(text, "draft.yml").data == {"first": 1, "last": 3}


def test_hostile_words_in_the_content_stay_words_in_the_draft(project: Path, run):
    strategy = project / f"content/{BEST}/strategy.yml"
    text = strategy.read_text(encoding="utf-8")
    text = text.replace("  - name: Tim Browne\n", '  - name: "!tag Tim \'T\' \\"Browne\\" # here: x"\n')
    text = text.replace(
        "vision: |\n  Leicestershire a place",
        "vision: |\n  easy_read:\n    title: taken over\n  - text: !example injected\n  # Leicestershire a place",
    )
    text = text.replace("short_title: BEST programme plan", "short_title: 'BEST: programme plan # one'")
    strategy.write_text(text, encoding="utf-8")
    loaded = load_library(project).strategy(BEST)
    assert loaded is not None and loaded.model.contacts[0].name == "!tag Tim 'T' \"Browne\" # here: x"

    assert run("--root", project, "easyread", "--draft", BEST).code == 0
    draft = (project / DRAFT).read_text(encoding="utf-8")
    edition = _plain(_read(draft))["easy_read"]
    assert list(edition) == ["title", "date", "sections", "hard_words"]
    assert edition["sections"][-1]["points"][0]["text"] == "You can talk to !tag Tim 'T' \"Browne\" # here: x at the council."
    assert "        # easy_read:\n        # title: taken over\n        # - text: !example injected\n" in draft
    # check finds only the prompts: nothing in the content became YAML of its own.
    marked = [n for n, line in enumerate(draft.splitlines(), 1) if ": !example " in line and not line.lstrip().startswith("#")]
    refused = run("--root", project, "check")
    assert [int(p.split(":")[1]) for p in refused.problems] == marked
    assert all(p.endswith(EXAMPLE_LEFT) for p in refused.problems)


def test_the_draft_is_dated_the_day_it_is_written(project: Path):
    from easyread.draft import write_draft

    written = write_draft(project, "content", BEST, today=dt.date(2027, 1, 5))
    text = (project / written.file).read_text(encoding="utf-8")
    assert f"written from the plan on 5 January 2027 by:\n# python site_build.py easyread --draft {BEST}\n" in text
    assert "  date: !example 2027-01\n" in text
