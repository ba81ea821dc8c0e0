"""Pictures that mean one thing (rules 20 to 22), and what a picture set's set.yml says each picture shows.

The edition under test is the minimal site's strategy with one "about" section of points whose pictures
and alt texts each test sets, then a "have your say" section. Point k (from 0) has its picture on line
9 + 3k and its alt text on line 10 + 3k of easy-read.yml.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from easyread.page import PAGE_PICTURES
from plugins.content import ContentError, load_library
from plugins.content.yamlsource import load_file

from .conftest import REPO

EDITION = "content/example/plan/easy-read.yml"
SET_FILE = "pictures/fluent-emoji-flat/set.yml"
# Before the example consultation closes, so that the have-your-say section is as written.
BEFORE_CLOSING = "2026-05-01"


def edition(points: list[tuple[str, str]]) -> str:
    """An edition whose about section has a point for each (picture, alt)."""
    lines = ["easy_read:", "  title: Our plan", "  date: 2026-11", "  sections:", "    - part: about", "      heading: About this booklet"]
    lines.append("      points:")
    for k, (picture, alt) in enumerate(points, 1):
        lines += [f"        - text: This is point {k}.", f"          picture: {picture}", f"          alt: {json.dumps(alt)}"]
    lines += ["    - part: have your say", "      heading: Have your say", "      points:"]
    lines += [
        "        - text: Tell us what you think by 1 June 2026.",
        "          picture: speech-balloon",
        "          alt: A speech bubble.",
    ]
    lines.append("  hard_words: []")
    return "\n".join(lines) + "\n"


def picture_findings(root: Path, run, points: list[tuple[str, str]]) -> list[str]:
    """What `easyread` says about the edition's pictures under rules 20 to 22."""
    (root / EDITION).write_text(edition(points), encoding="utf-8")
    result = run("--root", root, "easyread", "--as-of", BEFORE_CLOSING)
    assert "Traceback" not in result.err
    return [line for line in result.problems if any(f"rule {rule} (" in line for rule in (20, 21, 22))]


def at(k: int, field: str) -> str:
    """Where point k's picture or alt text is reported."""
    line, column = (9 + 3 * k, 20) if field == "picture" else (10 + 3 * k, 16)
    return f"{EDITION}:{line}:{column}: easy_read.sections[0].points[{k}].{field}: "


# --- What set.yml says each picture shows -----------------------------------------------------------


def test_each_picture_knows_what_its_set_says_it_shows(minimal: Path):
    library = load_library(minimal)
    student = library.pictures.find("student")[0]
    assert (student.shows, student.abstract, student.sensitive) == ("A graduate in a cap and gown", False, None)
    assert library.pictures.find("keycap-4")[0].abstract
    assert library.pictures.find("star")[0].abstract
    assert library.pictures.find("raising-hands")[0].shows == "2 hands raised high in celebration"
    puzzle = library.pictures.find("puzzle-piece")[0]
    assert puzzle.sensitive == "the puzzle piece is a contested symbol of autism, which many autistic people reject"


def test_the_projects_own_set_says_what_every_one_of_its_pictures_shows(library):
    pictures = [p for found in library.pictures.pictures.values() for p in found if p.set.id == "fluent-emoji-flat"]
    assert len(pictures) > 40
    assert [p.name for p in pictures if not p.shows] == []


def test_an_editor_checks_set_yml_against_its_schema_as_it_is_typed():
    about = REPO / SET_FILE
    first = about.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/picture-set.schema.json"
    schema = json.loads((REPO / "schema/picture-set.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    data = load_file(about, SET_FILE).data
    assert list(validator.iter_errors(data)) == []
    data["pictures"]["star"] = {"shows": "A yellow star", "abstract": "yes"}
    assert [e.message for e in validator.iter_errors(data)] == ["'yes' is not of type 'boolean'"]


def test_an_entry_for_a_picture_the_set_does_not_hold_is_refused_at_its_line(minimal: Path, run):
    about = minimal / SET_FILE
    text = about.read_text(encoding="utf-8")
    about.write_text(text.replace("  student: {shows:", "  studnet: {shows:"), encoding="utf-8")
    line = next(n for n, t in enumerate(about.read_text(encoding="utf-8").splitlines(), 1) if t.startswith("  studnet:"))
    result = run("--root", minimal, "check")
    assert result.code == 1
    assert result.problems == [
        f"{SET_FILE}:{line}:3: pictures.studnet: there is no picture called 'studnet' in pictures/fluent-emoji-flat/. "
        "Did you mean 'student'? Name a picture file of this set, without .svg or .png, or take this entry out."
    ]
    about.write_text(text, encoding="utf-8")
    assert run("--root", minimal, "check").code == 0


def test_an_entry_must_say_what_the_picture_shows_and_abstract_is_true_or_false(minimal: Path, run):
    about = minimal / SET_FILE
    text = about.read_text(encoding="utf-8")
    about.write_text(text.replace("  star: {shows: A yellow star, abstract: true}", "  star: {abstract: yes}"), encoding="utf-8")
    line = next(n for n, t in enumerate(about.read_text(encoding="utf-8").splitlines(), 1) if t.startswith("  star:"))
    result = run("--root", minimal, "check")
    assert result.code == 1
    assert result.problems == [
        f"{SET_FILE}:{line}:3: pictures.star.shows: 'shows' is missing. Add it (What is drawn, plainly, as a reader would say it: "
        "such as A graduate in a cap and gown, not what it stands for).",
        f"{SET_FILE}:{line}:20: pictures.star.abstract: should be true or false, but is 'yes'.",
    ]


# --- Rule 20: one picture, one meaning ---------------------------------------------------------------


def test_rule_20_the_same_picture_with_other_words_is_an_error_at_the_later_use(minimal: Path, run):
    found = picture_findings(
        minimal, run, [("laptop", "A laptop computer."), ("school", "A school."), ("laptop", "A laptop to fill in the survey.")]
    )
    assert found == [
        at(2, "alt") + "rule 20 (one picture, one meaning, error): the picture 'laptop' stands for 'A laptop computer.' at line 10, "
        "and here for 'A laptop to fill in the survey.': one picture should mean one thing in a booklet. Suggestion: choose another "
        "picture for this point, or give it the same words as at line 10 if it means the same thing."
    ]
    # Case, punctuation and a, an or the do not change what the words say.
    assert (
        picture_findings(minimal, run, [("laptop", "A laptop computer."), ("school", "A school."), ("laptop", "the Laptop computer")]) == []
    )


def test_rule_20_counts_a_picture_named_with_its_set_as_the_same_picture(minimal: Path, run):
    found = picture_findings(minimal, run, [("laptop", "A laptop computer."), ("fluent-emoji-flat/laptop", "A laptop at school.")])
    assert [f.split(": rule")[0] for f in found] == [at(1, "alt").removesuffix(": ")]


@pytest.mark.parametrize("name", sorted(PAGE_PICTURES))
def test_rule_20_a_point_may_not_use_a_picture_the_page_uses_for_something_else(minimal: Path, run, name: str):
    meaning = PAGE_PICTURES[name]
    shows = load_library(minimal).pictures.find(name)[0].shows
    for written in (name, f"fluent-emoji-flat/{name}"):
        found = picture_findings(minimal, run, [("school", "A school."), (written, shows)])
        assert found == [
            at(1, "picture") + f"rule 20 (one picture, one meaning, error): the page itself uses the picture '{name}' to mean "
            f"'{meaning}', so a point using it makes it mean two things. Suggestion: choose another picture for this point."
        ]
    assert picture_findings(minimal, run, [("school", "A school."), ("printer", "A printer.")]) == []


# --- Rule 21: pictures that match their words ---------------------------------------------------------


def test_rule_21_words_that_share_nothing_with_what_the_picture_shows_are_an_error(minimal: Path, run):
    found = picture_findings(minimal, run, [("student", "A young person with a book.")])
    assert found == [
        at(0, "alt") + "rule 21 (pictures that match their words, error): the words for the picture 'student' "
        f"('A young person with a book.') share no word with what it shows. Suggestion: {SET_FILE} says it shows "
        "'A graduate in a cap and gown': say what it shows, or choose a picture that shows what you mean."
    ]
    assert picture_findings(minimal, run, [("student", "A young person in a graduation gown.")]) == []


@pytest.mark.parametrize(
    ("picture", "alt"),
    [
        ("raising-hands", "A hand raising."),  # hands and hand, raised and raising
        ("raising-hands", "Hands up high!"),
        ("people-hugging", "A person hugs another."),  # people and person
        ("busts-in-silhouette", "A group of people"),  # people's and people
    ],
)
def test_rule_21_reads_words_whatever_their_ending(minimal: Path, run, picture: str, alt: str):
    assert picture_findings(minimal, run, [(picture, alt)]) == []


def test_rule_21_little_words_are_not_enough_to_match(minimal: Path, run):
    # 'A ... with a ...' shares only little words with 'A bag of money tied at the top, with a dollar sign on it'.
    found = picture_findings(minimal, run, [("money-bag", "A picture with a heart.")])
    assert [f.split(": rule")[0] for f in found] == [at(0, "picture").removesuffix(": "), at(0, "alt").removesuffix(": ")]
    assert "rule 22 (" in found[0] and "rule 21 (" in found[1]


def test_rule_21_a_picture_whose_set_does_not_say_what_it_shows_is_an_error_once(minimal: Path, run):
    about = minimal / SET_FILE
    about.write_text(about.read_text(encoding="utf-8").replace("  laptop: {shows: An open laptop computer}\n", ""), encoding="utf-8")
    found = picture_findings(minimal, run, [("laptop", "A laptop computer."), ("school", "A school."), ("laptop", "A laptop computer.")])
    assert found == [
        at(0, "picture") + f"rule 21 (pictures that match their words, error): {SET_FILE} does not say what 'laptop' shows. "
        f"Suggestion: add 'laptop: {{shows: ...}}' under pictures: in {SET_FILE}, saying plainly what is drawn."
    ]


# --- Rule 22: pictures to think about ---------------------------------------------------------------


def test_rule_22_a_picture_marked_abstract_is_advice_at_every_use(minimal: Path, run):
    found = picture_findings(minimal, run, [("keycap-4", "The number 4."), ("star", "A star."), ("keycap-4", "The number 4.")])
    abstract = (
        "rule 22 (pictures to think about, advice): '{}' is a sign, not a person, place or thing a reader knows from life: "
        f"{SET_FILE} marks it abstract. Suggestion: choose a picture of what this point is about."
    )
    assert found == [
        at(0, "picture") + abstract.format("keycap-4"),
        at(1, "picture") + abstract.format("star"),
        at(2, "picture") + abstract.format("keycap-4"),
    ]
    assert picture_findings(minimal, run, [("school", "A school."), ("books", "A pile of books.")]) == []


def test_rule_22_a_picture_marked_sensitive_is_advice_with_the_reason(minimal: Path, run):
    found = picture_findings(minimal, run, [("puzzle-piece", "A puzzle piece.")])
    assert found == [
        at(0, "picture") + f"rule 22 (pictures to think about, advice): {SET_FILE} says to think before using 'puzzle-piece': "
        "the puzzle piece is a contested symbol of autism, which many autistic people reject. Suggestion: choose another picture, "
        "or keep this one if the people who check the booklet agree."
    ]
    assert picture_findings(minimal, run, [("heart-hands", "Hands making a heart shape.")]) == []


def test_rule_22_is_advice_and_does_not_stop_the_check(minimal: Path, run):
    (minimal / EDITION).write_text(edition([("star", "A star.")]), encoding="utf-8")
    result = run("--root", minimal, "easyread", "--as-of", BEFORE_CLOSING)
    assert f"{at(0, 'picture')}rule 22 (pictures to think about, advice)" in result.err
    assert not [line for line in result.problems if ", error): " in line]
    assert result.code == 0


# --- A council's own pictures, with their own meanings ------------------------------------------------

COUNCIL_SET = """name: Council pictures
licence: Licensed to the council
credit: Pictures by the council.
pictures:
  town-hall: {shows: Our town hall with its clock tower}
  logo:
    shows: The council's logo
    abstract: true
  ribbon: {shows: A looped ribbon, sensitive: it is a charity's own symbol}
"""
SQUARE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n'


def test_a_councils_own_set_is_checked_with_its_own_meanings(minimal: Path, run):
    own = minimal / "pictures/council-pictures"
    own.mkdir()
    (own / "set.yml").write_text(COUNCIL_SET, encoding="utf-8")
    (own / "LICENSE").write_text("Licensed to the council for its own publications.\n")
    for name in ("town-hall", "logo", "ribbon", "bus-stop"):
        (own / f"{name}.svg").write_text(SQUARE)
    council = "pictures/council-pictures/set.yml"
    good = [("town-hall", "The town hall."), ("council-pictures/town-hall", "the Town Hall"), ("school", "A school.")]
    assert picture_findings(minimal, run, good) == []

    found = picture_findings(
        minimal,
        run,
        [("town-hall", "A school."), ("logo", "The logo of the council."), ("ribbon", "A ribbon."), ("bus-stop", "A bus stop.")],
    )
    assert found == [
        at(0, "alt") + "rule 21 (pictures that match their words, error): the words for the picture 'town-hall' ('A school.') share "
        f"no word with what it shows. Suggestion: {council} says it shows 'Our town hall with its clock tower': say what it shows, "
        "or choose a picture that shows what you mean.",
        at(1, "picture") + "rule 22 (pictures to think about, advice): 'logo' is a sign, not a person, place or thing a reader knows "
        f"from life: {council} marks it abstract. Suggestion: choose a picture of what this point is about.",
        at(2, "picture") + f"rule 22 (pictures to think about, advice): {council} says to think before using 'ribbon': it is a "
        "charity's own symbol. Suggestion: choose another picture, or keep this one if the people who check the booklet agree.",
        at(3, "picture") + f"rule 21 (pictures that match their words, error): {council} does not say what 'bus-stop' shows. "
        f"Suggestion: add 'bus-stop: {{shows: ...}}' under pictures: in {council}, saying plainly what is drawn.",
    ]


def test_the_meanings_of_a_set_that_cannot_be_read_are_not_guessed(minimal: Path):
    own = minimal / "pictures/council-pictures"
    own.mkdir()
    (own / "set.yml").write_text(
        COUNCIL_SET.replace("  town-hall: {shows: Our town hall with its clock tower}\n", "  town-hall: {shows: ''}\n")
    )
    (own / "town-hall.svg").write_text(SQUARE)
    with pytest.raises(ContentError) as refused:
        load_library(minimal)
    assert [str(p).split(": ")[0] for p in refused.value.problems] == ["pictures/council-pictures/set.yml:5:22"]
