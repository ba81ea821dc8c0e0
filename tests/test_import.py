"""`site_build.py import`: a council's document made into draft strategies, as an officer runs it.

Each test runs the command on a copy of the project and reads back what it wrote: the folders it
printed, the YAML with each value's source, the !example left for a person, and what check then says.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from plugins.content.yamlsource import ExamplesLeft, parse_text

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "tests" / "sources"


def source(prefix: str) -> Path:
    return next(SOURCES.glob(f"{prefix}_*.txt"))


def read_draft(path: Path) -> dict[str, Any]:
    """A written file as check reads it, its !example values read as if unmarked."""
    text = path.read_text(encoding="utf-8")
    try:
        return parse_text(text, path.name).data
    except ExamplesLeft as left:
        return left.document.data


def strip_examples(folder: Path) -> None:
    """What an officer does once each example is replaced: the marks deleted."""
    for file in folder.glob("*.yml"):
        file.write_text(file.read_text(encoding="utf-8").replace("!example ", ""), encoding="utf-8")


def words(text: str) -> str:
    return " ".join(str(text).split())


def actions_of(priorities: list[dict[str, Any]]) -> set[tuple[int, str, str | None, str]]:
    """Every action as (priority number, year, theme name, words)."""
    found = set()
    for priority in priorities:
        names = {t["id"]: t["name"] for t in priority.get("themes") or []}
        for year, actions in (priority.get("actions") or {}).items():
            for action in actions:
                found.add((priority["number"], year, names.get(action.get("theme")), words(action["text"])))
    return found


@pytest.fixture
def council(project: Path) -> Path:
    """The project with no Leicester strategies yet: the council about to import its documents."""
    for folder in (project / "content" / "leicester").iterdir():
        shutil.rmtree(folder)
    return project


def test_the_leicester_report_gives_both_strategies_with_their_actions_under_priority_year_and_theme(council: Path, run):
    result = run("--root", council, "import", source("004"), "--organisation", "leicester")
    assert (result.code, result.err) == (0, "")
    written = re.findall(r"^Wrote (content/leicester/[a-z0-9-]+)/: (.*)$", result.out, re.MULTILINE)
    assert len(written) == 2, result.out
    for hand_made, (folder, files) in zip(("education-2021-24", "send-2021-24"), written, strict=True):
        assert files == "strategy.yml, priorities.yml, report.yml"
        expected = actions_of(yaml.safe_load((REPO / "content/leicester" / hand_made / "priorities.yml").read_text())["priorities"])
        got = actions_of(read_draft(council / folder / "priorities.yml")["priorities"])
        recall = len(expected & got) / len(expected)
        assert recall >= 0.95, (hand_made, sorted(expected - got))
        assert len(got - expected) <= 0.05 * len(expected), (hand_made, sorted(got - expected))


def test_every_value_says_where_it_came_from_and_every_gap_is_an_example_check_refuses(council: Path, run):
    result = run("--root", council, "import", source("002"), "--organisation", "leicestershire", "--slug", "send-refresh")
    assert result.code == 0, result.err
    folder = council / "content/leicestershire/send-refresh"
    text = (folder / "strategy.yml").read_text(encoding="utf-8")
    assert (
        "# to fill in: One sentence for the home page is the council's to write.\n"
        "summary: !example Replace this with one sentence saying what the strategy is for.\n"
    ) in text
    lines = [line for line in text.splitlines() if re.match(r"^\s*(- )?[a-z_]+: \S", line)]
    unsourced = [line for line in lines if "#" not in line and not line.strip().startswith("#")]
    # A value too long for its comment on the line has it on the line above.
    above = text.splitlines()
    unsourced = [line for line in unsourced if not above[above.index(line) - 1].strip().startswith("#")]
    assert unsourced == []
    assert "Needs a person" in result.out
    assert "content/leicestershire/send-refresh/strategy.yml:" in result.out
    assert result.out.rstrip().endswith(
        "Next: check each value against the document, fill in each !example, then run: python site_build.py check"
    )
    check = run("--root", council, "check")
    assert check.code == 1
    assert any("send-refresh/strategy.yml" in p and "is marked !example" in p for p in check.problems)
    strip_examples(folder)
    summary = folder / "strategy.yml"
    summary.write_text(
        summary.read_text(encoding="utf-8").replace(
            "Replace this with one sentence saying what the strategy is for.", "How we will support children with SEND."
        ),
        encoding="utf-8",
    )
    assert run("--root", council, "check").code == 0


def test_the_send_refresh_report_gives_priorities_consultation_timetable_contacts_and_papers(council: Path, run):
    assert run("--root", council, "import", source("002"), "--organisation", "leicestershire", "--slug", "refresh").code == 0
    draft = read_draft(council / "content/leicestershire/refresh/strategy.yml")
    draft |= read_draft(council / "content/leicestershire/refresh/priorities.yml")
    assert [p["title"] for p in draft["priorities"]] == [
        "The child and family are at the heart of what we all do",
        "We will have an accurate understanding of the needs and lived experiences of children and young people with SEND",
        "Children and young people with SEND are prepared for successful transition throughout their life",
        "Leaders across the SEND Partnership will work together to plan, deliver and quality assure Leicestershire's offer",
        "We will provide timely and effective support to enable children and young people with SEND to thrive and belong in "
        "their communities.",
    ]
    assert (str(draft["consultation"]["opens"]), str(draft["consultation"]["closes"])) == ("2025-02-10", "2025-04-06")
    assert [(c["name"], c["phone"], c["email"]) for c in draft["contacts"]] == [
        ("Jane Moore", "0116 305 2649", "Jane.Moore@leics.gov.uk"),
        ("Alison Bradley", "0116 305 0546", "Alison.Bradley@leics.gov.uk"),
    ]
    assert len(draft["background_papers"]) == 5
    dates = {str(e["date"]) for e in draft["timeline"]}
    assert {"2024-11-06", "2024-12-13", "2025-01-21", "2025-02-10", "2025-02-27", "2025-04-06", "2025-06-17"} <= dates
    assert draft["status"] == "draft"


def test_the_belonging_report_gives_its_four_priorities_and_consultation(council: Path, run):
    shutil.rmtree(council / "content/leicestershire/belonging-in-education-2026-29")
    assert run("--root", council, "import", source("000"), "--organisation", "leicestershire").code == 0
    [folder] = [f for f in (council / "content/leicestershire").iterdir() if "belonging" in f.name]
    draft = read_draft(folder / "strategy.yml") | read_draft(folder / "priorities.yml")
    assert [p["title"] for p in draft["priorities"]][:2] == [
        "Every Child and Young Person has a sense of belonging in the Education setting they attend",
        "Building Relationships as Foundations",
    ]
    assert len(draft["priorities"]) == 4
    assert (str(draft["consultation"]["opens"]), str(draft["consultation"]["closes"])) == ("2026-04-20", "2026-06-01")
    assert draft["contacts"][0]["email"] == "Tim.Browne@leics.gov.uk"
    events = {(str(e["date"]), e["kind"], e["status"]) for e in draft["timeline"]}
    assert {("2026-06-02", "scrutiny", "planned"), ("2026-07-21", "cabinet", "planned"), ("2026-03-24", "cabinet", "planned")} <= events
    assert len(draft["background_papers"]) == 1
    assert folder.name == "belonging-in-education-strategy-2026-29"


def test_an_existing_folder_is_never_written_over_and_nothing_is_half_written(council: Path, run):
    first = run("--root", council, "import", source("002"), "--organisation", "leicestershire", "--slug", "refresh")
    assert first.code == 0
    before = {p: p.read_bytes() for p in (council / "content/leicestershire/refresh").iterdir()}
    again = run("--root", council, "import", source("002"), "--organisation", "leicestershire", "--slug", "refresh")
    assert (again.code, again.out) == (1, "")
    assert again.err == "content/leicestershire/refresh/ already exists: choose another name.\n"
    assert {p: p.read_bytes() for p in (council / "content/leicestershire/refresh").iterdir()} == before
    # Two strategies in one document cannot share one name.
    two = run("--root", council, "import", source("004"), "--organisation", "leicester", "--slug", "plan")
    assert two.code == 1
    assert two.err.startswith("004_0dc6467d1094e071.txt sets out 2 strategies, so one --slug cannot name them all.")
    assert not (council / "content/leicester/plan").exists()
    assert not [p for p in (council / "content").rglob(".import-*")]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.doc", b"\xd0\xcf\x11\xe0", "report.doc"),
        ("report.docx", b"not a zip at all", "report.docx"),
        ("report.pdf", b"%PDF-1.4 broken", "report.pdf"),
    ],
)
def test_a_file_that_cannot_be_read_gets_a_sentence_and_writes_nothing(council: Path, run, tmp_path: Path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    before = sorted(p.relative_to(council) for p in (council / "content").rglob("*"))
    result = run("--root", council, "import", path, "--organisation", "leicestershire")
    assert (result.code, result.out) == (1, "")
    assert message in result.err and "Traceback" not in result.err and len(result.err.splitlines()) == 1
    assert sorted(p.relative_to(council) for p in (council / "content").rglob("*")) == before


def test_a_hostile_document_is_written_as_text_and_check_refuses_its_markup(council: Path, run, tmp_path: Path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "CABINET – 7 FEBRUARY 2025\n\n"
        "THE <script>alert(1)</script> STRATEGY 2025-28\n\n"
        "Priorities\n\n"
        "Priority 1: Children are heard <img src=x onerror=alert(1)>\n\n"
        "Priority 2: !!python/object:os.system 'rm -rf /' # and: [a, b]\n\n"
        "Priority 3: {{ config.secrets }} ${GITHUB_TOKEN} &amp; *alias\n",
        encoding="utf-8",
    )
    result = run("--root", council, "import", hostile, "--organisation", "leicestershire", "--slug", "hostile")
    assert result.code == 0, result.err
    draft = read_draft(council / "content/leicestershire/hostile/priorities.yml")
    assert [p["title"] for p in draft["priorities"]] == [
        "Children are heard <img src=x onerror=alert(1)>",
        "!!python/object:os.system 'rm -rf /' # and: [a, b]",
        "{{ config.secrets }} ${GITHUB_TOKEN} &amp; *alias",
    ]
    check = run("--root", council, "check")
    assert check.code == 1
    assert any("hostile/priorities.yml" in p and "priorities[0].title" in p for p in check.problems)


# The same short plan in each format a council keeps its documents in: a title, two priorities, and a
# table of actions by year whose first cell names the theme, as the Leicester plans are laid out.
PLAN_TITLE = "Inclusion Plan 2027-2030"
PLAN_PRIORITIES = ("Priority 1: Every child is heard", "Priority 2: Help comes early")
PLAN_TABLE = (
    ("Year One (2027-2028)", "Year Two (2028-2029)"),
    (("Participation", "We will set up a young people's panel"), ("We will report the panel's views to the Board",)),
)
PLAN_ACTIONS = {
    (1, "year_one", "Participation", "We will set up a young people's panel"),
    (1, "year_two", "Participation", "We will report the panel's views to the Board"),
}


def plan_html(chrome: bool = False) -> str:
    rows = "".join("<tr>" + "".join(f"<td>{''.join(f'<p>{p}</p>' for p in cell)}</td>" for cell in row) + "</tr>" for row in PLAN_TABLE[1:])
    head = "".join(f"<th>{h}</th>" for h in PLAN_TABLE[0])
    nav = (
        '<header><nav><a href="/">Home</a> <a href="/schools">Schools</a> <a href="/bins">Bins and recycling</a></nav></header>'
        '<div class="cookie-banner">We use cookies to make this site work. <button>Accept all cookies</button></div>'
        if chrome
        else ""
    )
    footer = "<footer><a href='/privacy'>Privacy notice</a> Copyright Example County Council</footer>" if chrome else ""
    return (
        f"<html><head><title>{PLAN_TITLE}</title><style>td,th{{border:1px solid black}}</style></head><body>{nav}<main>"
        f"<h1>{PLAN_TITLE}</h1><p>This plan sets out how the council and its partners will support children and young "
        "people with special educational needs over the next three years.</p>"
        f"<h2>{PLAN_PRIORITIES[0]}</h2><p>Our ambition is that every child's voice shapes the support they get.</p>"
        f"<table><tr>{head}</tr>{rows}</table>"
        f"<h2>{PLAN_PRIORITIES[1]}</h2><p>Our ambition is that families get help before problems grow.</p>"
        f"</main>{footer}</body></html>"
    )


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading(PLAN_TITLE, level=0)
    document.add_paragraph(
        "This plan sets out how the council and its partners will support children and young people with special "
        "educational needs over the next three years."
    )
    document.add_heading(PLAN_PRIORITIES[0], level=1)
    document.add_paragraph("Our ambition is that every child's voice shapes the support they get.")
    table = document.add_table(rows=2, cols=2)
    for c, heading in enumerate(PLAN_TABLE[0]):
        table.cell(0, c).text = heading
    for c, cell in enumerate(PLAN_TABLE[1]):
        table.cell(1, c).text = cell[0]
        for more in cell[1:]:
            table.cell(1, c).add_paragraph(more)
    document.add_heading(PLAN_PRIORITIES[1], level=1)
    document.add_paragraph("Our ambition is that families get help before problems grow.")
    document.save(str(path))


def write_pdf(path: Path) -> None:
    import weasyprint

    weasyprint.HTML(string=plan_html()).write_pdf(str(path))


@pytest.mark.parametrize("kind", ["docx", "pdf", "html"])
def test_a_plan_in_word_pdf_or_a_saved_web_page_gives_its_priorities_and_actions(council: Path, run, tmp_path: Path, kind: str):
    path = tmp_path / f"inclusion-plan.{kind}"
    if kind == "docx":
        write_docx(path)
    elif kind == "pdf":
        write_pdf(path)
    else:
        path.write_text(plan_html(chrome=True), encoding="utf-8")
    result = run("--root", council, "import", path, "--organisation", "leicestershire", "--slug", "inclusion-plan")
    assert (result.code, result.err) == (0, ""), result.out
    folder = council / "content/leicestershire/inclusion-plan"
    draft = read_draft(folder / "strategy.yml") | read_draft(folder / "priorities.yml")
    assert draft["title"] == PLAN_TITLE
    assert (draft["period"]["start_year"], draft["period"]["end_year"]) == (2027, 2030)
    assert [p["title"] for p in draft["priorities"]] == ["Every child is heard", "Help comes early"]
    assert actions_of(draft["priorities"]) == PLAN_ACTIONS
    written = "".join(p.read_text(encoding="utf-8") for p in folder.glob("*.yml"))
    for chrome in ("Bins and recycling", "cookies", "Privacy notice", "Copyright"):
        assert chrome not in written


def test_an_example_whose_mark_is_deleted_but_whose_words_are_not_replaced_is_still_refused(council: Path, run):
    assert run("--root", council, "import", source("002"), "--organisation", "leicestershire", "--slug", "refresh").code == 0
    folder = council / "content/leicestershire/refresh"
    strip_examples(folder)  # every mark deleted, as the message allows "if it is real already"
    check = run("--root", council, "check")
    assert check.code == 1
    assert [p for p in check.problems if "refresh/" in p] == [
        "content/leicestershire/refresh/strategy.yml:10:10: summary: still holds the example's words ('Replace this with ...'). "
        "Write the strategy's own words here."
    ]


def test_the_best_plan_gives_its_finance_forecast_as_a_table_that_check_accepts(council: Path, run):
    result = run("--root", council, "import", source("003"), "--organisation", "leicestershire", "--slug", "best")
    assert result.code == 0, result.err
    assert "1 table of figures" in result.out
    draft = read_draft(council / "content/leicestershire/best/strategy.yml")
    [table] = draft["tables"]
    assert draft["document_type"] == "Programme plan"  # as the hand-made content has it, from the title's own words
    assert (table["caption"], [c["unit"] for c in table["columns"]]) == ("High Needs Financial Forecast - January 2026", ["£,000"] * 4)
    check = run("--root", council, "check")
    assert [p for p in check.problems if "/best/" in p and "is marked !example" not in p] == []


def test_each_strategy_of_a_document_holding_two_gets_the_glossary_terms_of_its_own_text(council: Path, run):
    assert run("--root", council, "import", source("004"), "--organisation", "leicester").code == 0
    education = read_draft(council / "content/leicester/education-division-strategy-2021-24/strategy.yml")["glossary"]
    send = read_draft(council / "content/leicester/send-division-strategy-2021-24/strategy.yml")["glossary"]
    # Personal Transport Budgets and the SEND Improvement Board's dashboard are the SEND strategy's words only.
    assert {"PTB", "SENDIB"} <= set(send)
    assert not {"PTB", "SENDIB"} & set(education)


def test_a_report_that_presents_its_strategy_as_an_appendix_names_the_draft_after_the_strategy(council: Path, run, tmp_path: Path):
    path = tmp_path / "report.txt"
    path.write_text(
        "CABINET – 18 JUNE 2024\n\nDRAFT INCLUSION STRATEGY 2024-2027: APPROVAL TO CONSULT\n\n"
        "REPORT OF THE DIRECTOR OF CHILDREN AND FAMILY SERVICES\n\nPurpose of the Report\n\n"
        "1. The purpose of this report is to seek approval to consult on the draft Inclusion Strategy 2024-2027.\n\n"
        "Background\n\n2. Our three pillars are: Early, Local, Fair.\n\n"
        "Officer(s) to Contact\n\nSam Okafor, Assistant Director, Inclusion\nTelephone: 0116 305 6644\n\n"
        "Appendices\n\nAppendix A – Draft Inclusion Strategy 2024-2027\n",
        encoding="utf-8",
    )
    result = run("--root", council, "import", path, "--organisation", "leicestershire")
    assert result.code == 0, result.err
    assert "Wrote content/leicestershire/draft-inclusion-strategy-2024-27/: " in result.out
    draft = read_draft(council / "content/leicestershire/draft-inclusion-strategy-2024-27/strategy.yml")
    assert draft["title"] == "Draft Inclusion Strategy 2024-2027"
    assert [(c["name"], c["role"], c["phone"]) for c in draft["contacts"]] == [
        ("Sam Okafor", "Assistant Director, Inclusion", "0116 305 6644")
    ]
