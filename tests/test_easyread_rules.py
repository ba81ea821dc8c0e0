"""Each Easy Read rule, on text that breaks it and on text that keeps it, with the exact finding.

The edition under test is the minimal site's strategy with a one-point "about" section whose text
each test sets, so every finding about that text is at line 8, column 17 of easy-read.yml.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from easyread.checker import Finding, check_edition, check_style
from easyread.rules import Style, Thresholds, in_words_of
from plugins.content import ContentError, load_library

EDITION = """easy_read:
  title: Our plan
  date: 2026-11
  sections:
    - part: about
      heading: About this booklet
      points:
        - text: {text}
{picture}
    - part: priority
      priority: belonging
      heading: Every child belongs
      points:
        - text: We will help every child feel they belong.
          picture: school
          alt: A school.
    - part: have your say
      heading: Have your say
      points:
        - text: {say}
          picture: speech-balloon
          alt: A speech bubble.
  hard_words: {hard_words}
"""
# The day the editions are checked for, unless a test says: before the example consultation closes.
CHECKED_ON = dt.date(2026, 5, 1)
WHERE = "content/example/plan/easy-read.yml:8:17: easy_read.sections[0].points[0].text: "
PICTURE = "          picture: classical-building\n          alt: A council building."


def findings(
    root: Path,
    text: str,
    *,
    hard_words: str = "[]",
    picture: str = PICTURE,
    say: str = "Tell us what you think by 1 June 2026.",
    thresholds: Thresholds | None = None,
    as_of: dt.date = CHECKED_ON,
) -> list[str]:
    edition = EDITION.format(text=json.dumps(text), picture=picture, hard_words=hard_words, say=json.dumps(say))
    (root / "content/example/plan/easy-read.yml").write_text(edition, encoding="utf-8")
    library = load_library(root)
    loaded = library.strategy("example/plan")
    assert loaded is not None
    card = check_edition(loaded, [t.term for t in library.glossary], thresholds or Thresholds(), as_of=as_of, pictures=library.pictures)
    return [str(f) for f in card.findings]


def about(findings: list[str], rule: int) -> list[str]:
    return [f for f in findings if f"rule {rule} (" in f]


# --- Rules 1 to 3: the type, as mkdocs.yml sets it ---------------------------------------------------


def test_rule_1_text_smaller_than_18_7px_is_an_error():
    found = check_style(Style(font_size_px=16), Thresholds(), lines={"font_size_px": 40})
    assert [str(f) for f in found] == [
        "mkdocs.yml:40:1: easy_read.font_size_px: rule 1 (large text, error): Easy Read text is set at 16px; "
        "it must be at least 18.7px. Suggestion: set font_size_px to 20 or more."
    ]
    assert check_style(Style(font_size_px=20), Thresholds()) == []


def test_rule_2_a_font_with_serifs_is_an_error():
    found = check_style(Style(font_family="Times New Roman, serif"), Thresholds())
    assert [str(f) for f in found] == [
        "mkdocs.yml:1:1: easy_read.font_family: rule 2 (plain font, error): 'Times New Roman' is not a plain sans-serif font. "
        "Suggestion: use Atkinson Hyperlegible, Arial or another font without serifs."
    ]
    assert check_style(Style(font_family="Arial, sans-serif"), Thresholds()) == []


def test_rule_3_lines_closer_than_1_5_are_an_error():
    found = check_style(Style(line_height=1.2), Thresholds())
    assert [str(f) for f in found] == [
        "mkdocs.yml:1:1: easy_read.line_height: rule 3 (generous spacing, error): Easy Read lines are spaced at 1.2; "
        "they must be at least 1.5. Suggestion: set line_height to 1.5 or more."
    ]
    assert check_style(Style(line_height=1.5), Thresholds()) == []


def test_rules_1_to_3_are_read_from_mkdocs_yml_and_reported_at_their_line(tmp_path: Path, run):
    from .conftest import copy_project

    root = copy_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      font_size_px: 21", "      font_size_px: 14"), encoding="utf-8")
    line = next(n for n, t in enumerate(config.read_text().splitlines(), 1) if "font_size_px: 14" in t)
    result = run("--root", root, "easyread")
    assert result.code == 1
    finding = (
        f"mkdocs.yml:{line}:1: easy_read.font_size_px: rule 1 (large text, error): Easy Read text is set at 14px; "
        "it must be at least 18.7px. Suggestion: set font_size_px to 20 or more."
    )
    assert finding in result.err
    # One mistake in mkdocs.yml is one message, however many editions it affects.
    checked = run("--root", root, "check")
    assert checked.code == 1
    assert checked.err.splitlines() == [finding, "Found 1 problem in 1 file. Fix it and run the command again."]


# --- Rules 4 to 6: sentences ---------------------------------------------------------------------


def test_rule_4_a_sentence_over_15_words_is_an_error(minimal: Path):
    sixteen = "We will work with every school in the county to help each child feel welcome there."
    assert about(findings(minimal, sixteen), 4) == [
        WHERE + "rule 4 (short sentences, error): this sentence has 16 words; the most is 15: "
        "'We will work with every school in the county to help each child fee...' Suggestion: split it into two sentences."
    ]
    fifteen = "We will work with every school in the county to help each child feel welcome."
    assert about(findings(minimal, fifteen), 4) == []


def test_rule_4_counts_each_sentence_of_a_point_on_its_own(minimal: Path):
    two = "We will work with every school in the county. We will help each child feel welcome there."
    assert about(findings(minimal, two), 4) == []


def test_rule_4_limit_is_configurable(minimal: Path):
    text = "We will work with every school."
    found = about(findings(minimal, text, thresholds=Thresholds(max_sentence_words=5)), 4)
    assert [f for f in found if f.startswith(WHERE)] == [
        WHERE + "rule 4 (short sentences, error): this sentence has 6 words; the most is 5: 'We will work with every school.' "
        "Suggestion: split it into two sentences."
    ]


def test_rule_5_two_ideas_joined_in_one_sentence_are_advice(minimal: Path):
    assert about(findings(minimal, "We will listen and we will act."), 5) == [
        WHERE + "rule 5 (one idea a sentence, advice): this sentence may say more than one thing (joined by 'and we'): "
        "'We will listen and we will act.' Suggestion: give each idea its own sentence."
    ]
    assert about(findings(minimal, "We will listen to children and families."), 5) == []


def test_rule_6_the_passive_voice_is_advice(minimal: Path):
    assert about(findings(minimal, "The plan was written by the council."), 6) == [
        WHERE + "rule 6 (active voice, advice): 'was written' may be passive. Suggestion: say who does it, such as 'we will' or 'you can'."
    ]
    assert about(findings(minimal, "The council wrote the plan."), 6) == []
    # Words in quotation marks are someone's own, quoted as they said them; outside the quotes, the rule still reads.
    assert about(findings(minimal, 'They said "My voice is heard".'), 6) == []
    assert len(about(findings(minimal, 'The words "I feel safe" were written by children.'), 6)) == 1


# --- Rule 7: pictures ------------------------------------------------------------------------------


def test_rule_7_a_point_without_a_picture_is_an_error(minimal: Path):
    found = findings(minimal, "We wrote this plan.", picture="")
    assert about(found, 7) == [
        "content/example/plan/easy-read.yml:8:11: easy_read.sections[0].points[0]: rule 7 (a picture for every point, error): "
        "this point has no picture. Suggestion: add picture: with the name of a picture in pictures/."
    ]


def test_rule_7_a_picture_without_alt_text_is_an_error(minimal: Path):
    found = findings(minimal, "We wrote this plan.", picture="          picture: classical-building")
    assert about(found, 7) == [
        "content/example/plan/easy-read.yml:9:20: easy_read.sections[0].points[0].picture: rule 7 (a picture for every point, error): "
        "the picture 'classical-building' has no alt text. Suggestion: add alt: saying what the picture shows."
    ]
    assert about(findings(minimal, "We wrote this plan."), 7) == []


def test_an_unknown_picture_is_a_content_error_at_its_line(minimal: Path):
    with pytest.raises(ContentError) as error:
        findings(minimal, "We wrote this plan.", picture="          picture: scool\n          alt: A school.")
    assert [str(p) for p in error.value.problems] == [
        "content/example/plan/easy-read.yml:9:20: easy_read.sections[0].points[0].picture: there is no picture called 'scool' "
        "in pictures/. Did you mean 'school'? Use the name of a picture file there, without .svg."
    ]


# --- Rules 8 and 9: hard words and initials --------------------------------------------------------


def test_rule_8_a_glossary_word_not_explained_on_the_page_is_an_error(minimal: Path):
    assert about(findings(minimal, "We help children with SEND."), 8) == [
        WHERE + "rule 8 (hard words explained, error): SEND is a hard word from the glossary and is not explained on this page. "
        "Suggestion: add SEND to hard_words with what it means."
    ]
    explained = '[{word: SEND, means: "SEND means a child needs extra help to learn."}]'
    assert about(findings(minimal, "We help children with SEND.", hard_words=explained), 8) == []


def test_rule_9_initials_not_explained_are_an_error(minimal: Path):
    assert about(findings(minimal, "Talk to the SENCO at your school."), 9) == [
        WHERE + "rule 9 (no initials, error): SENCO is not explained on this page. "
        "Suggestion: write the words in full, or add SENCO to hard_words with what it means."
    ]
    explained = '[{word: SENCO, means: "The SENCO is the teacher who helps children with extra needs."}]'
    assert about(findings(minimal, "Talk to the SENCO at your school.", hard_words=explained), 9) == []


EHCP = '{word: EHCP, means: "An EHCP is a plan for a child who needs a lot of help."}'


def test_rule_9_a_plural_of_a_hard_word_is_to_be_added_to_its_forms_not_as_a_word_of_its_own(minimal: Path):
    assert about(findings(minimal, "Some children have EHCPs.", hard_words=f"[{EHCP}]"), 9) == [
        WHERE + "rule 9 (no initials, error): EHCPs is not explained on this page. "
        "Suggestion: add EHCPs to the forms of EHCP in hard_words (forms: [EHCPs])."
    ]
    # With the forms it gives already, the list to write.
    given = EHCP.replace("word: EHCP,", "word: EHCP, forms: [EHCP's],")
    assert about(findings(minimal, "Some children have EHCPs.", hard_words=f"[{given}]"), 9) == [
        WHERE + "rule 9 (no initials, error): EHCPs is not explained on this page. "
        "Suggestion: add EHCPs to the forms of EHCP in hard_words (forms: [EHCP's, EHCPs])."
    ]
    added = EHCP.replace("word: EHCP,", "word: EHCP, forms: [EHCPs],")
    assert about(findings(minimal, "Some children have EHCPs.", hard_words=f"[{added}]"), 9) == []


def test_rule_8_a_glossary_word_whose_plural_is_the_hard_word_is_to_be_added_to_its_forms(minimal: Path):
    glossary = minimal / "content/glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8")
        + "  - term: EHCP\n    stands_for: Education, Health and Care Plan\n    meaning: A plan for a child's help.\n",
        encoding="utf-8",
    )
    plural = EHCP.replace("word: EHCP,", "word: EHCPs,")
    assert about(findings(minimal, "Every child with an EHCP gets help.", hard_words=f"[{plural}]"), 8) == [
        WHERE + "rule 8 (hard words explained, error): EHCP is a hard word from the glossary and is not explained on this page. "
        "Suggestion: add EHCP to the forms of EHCPs in hard_words (forms: [EHCP])."
    ]


def test_rule_13_a_form_of_a_hard_word_is_to_be_added_to_its_forms(minimal: Path):
    explained = '[{word: ameliorate, means: "To ameliorate something is to make it better."}]'
    assert about(findings(minimal, "This ameliorates support.", hard_words=explained), 13) == [
        WHERE + "rule 13 (common words, advice): 'ameliorates' is not a common word (frequency 1.6; common words are 3.5 or more). "
        "Suggestion: use a more common word, or add ameliorates to the forms of ameliorate in hard_words (forms: [ameliorates])."
    ]


# --- Rules 10 to 12: numbers, symbols, emphasis ------------------------------------------------------


def test_rule_10_a_percentage_is_an_error_with_the_words_to_use(minimal: Path):
    assert about(findings(minimal, "25% of children need extra help."), 10) == [
        WHERE + "rule 10 (numbers, error): '25%' is a percentage. Suggestion: 25% -> 1 in 4."
    ]
    assert about(findings(minimal, "1 in 4 children need extra help."), 10) == []


@pytest.mark.parametrize(("percent", "words"), [(25, "1 in 4"), (50, "1 in 2"), (75, "3 in 4"), (95, "about 9 in 10"), (5, "1 in 20")])
def test_rule_10_percentages_become_simple_shares(percent: float, words: str):
    assert in_words_of(percent) == words


def test_rule_10_a_number_in_words_is_an_error(minimal: Path):
    assert about(findings(minimal, "We will open three new schools."), 10) == [
        WHERE + "rule 10 (numbers, error): 'three' is a number written as a word. Suggestion: three -> 3."
    ]
    assert about(findings(minimal, "We will open 3 new schools."), 10) == []


def test_rule_10_a_large_number_with_nothing_to_compare_is_flagged(minimal: Path):
    assert about(findings(minimal, "We will spend £2,000,000 on schools."), 10) == [
        WHERE + "rule 10 (numbers, error): '£2,000,000' is a large number with nothing to compare it with. "
        "Suggestion: compare it with something the reader knows, in the same point, with 'same as', 'as much as', "
        "'as many as', 'like', 'enough to', 'enough for', 'every', 'for each', 'out of' or 'in every'."
    ]
    assert about(findings(minimal, "We will spend £2,000,000 on schools. That is like 40 new classrooms."), 10) == []


@pytest.mark.parametrize(
    "compared",
    [
        "That is the same as 40 classrooms.",
        "That is as much as 40 classrooms cost.",
        "That is as many as 40 classrooms.",
        "That is like 40 classrooms.",
        "That is enough to build 40 classrooms.",
        "That is enough for 40 classrooms.",
        "That is £40 for every child.",
        "That is £40 for each child.",
        "That is 40 out of 100 schools.",
        "That is 1 school in every town.",
    ],
)
def test_rule_10_each_comparison_the_suggestion_names_keeps_a_large_number(minimal: Path, compared: str):
    """The suggestion names the words the check looks for, and each of them, in the same point, keeps it."""
    from easyread.rules import COMPARISONS

    assert any(f" {w} " in f" {compared} " for w in COMPARISONS)
    assert about(findings(minimal, f"We will spend £2,000,000 on schools. {compared}"), 10) == []


def test_rule_11_symbols_for_words_are_an_error(minimal: Path):
    assert about(findings(minimal, "Schools & colleges will help, e.g. with travel."), 11) == [
        WHERE + "rule 11 (no symbols for words, error): '&' is a symbol or short form used for words. Suggestion: & -> and.",
        WHERE + "rule 11 (no symbols for words, error): 'e.g.' is a symbol or short form used for words. Suggestion: e.g. -> for example.",
    ]
    assert about(findings(minimal, "Schools and colleges will help with travel."), 11) == []


def test_rule_11_leaves_web_and_email_addresses_alone(minimal: Path):
    text = "Email send@example.gov.uk or go to https://example.gov.uk/send/help."
    assert about(findings(minimal, text), 11) == []


def test_rule_12_italics_and_capitals_are_an_error(minimal: Path):
    assert about(findings(minimal, "This is *very* IMPORTANT."), 12) == [
        WHERE + "rule 12 (bold only, error): '*very*' is marked for italics or underlining. "
        "Suggestion: use bold for hard words only; leave other words plain.",
        WHERE + "rule 12 (bold only, error): 'IMPORTANT' is written in capitals. Suggestion: IMPORTANT -> Important.",
    ]
    assert about(findings(minimal, "This is very important."), 12) == []


# --- Rules 13 and 14: common words, length --------------------------------------------------------


def test_rule_13_a_rare_word_is_advice(minimal: Path):
    assert about(findings(minimal, "We will ameliorate support."), 13) == [
        WHERE + "rule 13 (common words, advice): 'ameliorate' is not a common word (frequency 2.6; common words are 3.5 or more). "
        "Suggestion: use a more common word, or add ameliorate to hard_words."
    ]
    assert about(findings(minimal, "We will improve support."), 13) == []


def test_rule_13_leaves_names_alone(minimal: Path):
    assert about(findings(minimal, "Leicestershire schools help children in Melton and Lutterworth."), 13) == []


def test_rule_13_words_the_council_lists_as_common_are_left_alone(minimal: Path):
    thresholds = Thresholds(common_words=("ameliorate",))
    assert about(findings(minimal, "We will ameliorate support.", thresholds=thresholds), 13) == []


def test_rule_14_a_long_edition_is_advice(minimal: Path):
    found = about(findings(minimal, "We wrote this plan.", thresholds=Thresholds(max_words=10)), 14)
    assert found == [
        "content/example/plan/easy-read.yml:2:3: easy_read: rule 14 (short document, advice): this edition has 32 words; "
        "Easy Read keeps to about 10. Suggestion: cut what the reader does not need."
    ]
    assert about(findings(minimal, "We wrote this plan."), 14) == []


# --- Rule 16: order -------------------------------------------------------------------------------------


def test_rule_16_parts_out_of_order_are_an_error(minimal: Path):
    edition = minimal / "content/example/plan/easy-read.yml"
    findings(minimal, "We wrote this plan.")
    text = edition.read_text(encoding="utf-8").replace("    - part: about\n", "    - part: contact\n", 1)
    edition.write_text(text, encoding="utf-8")
    library = load_library(minimal)
    card = check_edition(
        library.strategy("example/plan"), [t.term for t in library.glossary], Thresholds(), as_of=CHECKED_ON, pictures=library.pictures
    )
    assert about([str(f) for f in card.findings], 16) == [
        "content/example/plan/easy-read.yml:11:13: easy_read.sections[1].part: rule 16 (order, error): the 'priority' section "
        "comes after the 'contact' section. Suggestion: keep the order: about, why, the priorities, check, have your say, "
        "contact, credits.",
        "content/example/plan/easy-read.yml:18:13: easy_read.sections[2].part: rule 16 (order, error): the 'have your say' "
        "section comes after the 'contact' section. Suggestion: keep the order: about, why, the priorities, check, have your "
        "say, contact, credits.",
    ]
    # When and how to have your say, the page writes from the consultation: the edition need not (tests/test_easyread_time.py).
    assert about(findings(minimal, "We wrote this plan.", say="You can talk to us about the plan."), 16) == []


def test_findings_are_sorted_by_line_and_know_their_severity():
    a = Finding("f.yml", 9, 1, "", 13, "m", "s")
    b = Finding("f.yml", 3, 1, "", 4, "m", "s")
    assert sorted([a, b]) == [b, a]
    assert (a.severity, b.severity) == ("advice", "error")


def test_a_picture_name_cannot_reach_outside_the_pictures_folder(minimal: Path):
    with pytest.raises(ContentError) as error:
        findings(minimal, "We wrote this plan.", picture="          picture: ../../etc/passwd\n          alt: A file.")
    assert [str(p) for p in error.value.problems] == [
        "content/example/plan/easy-read.yml:9:20: easy_read.sections[0].points[0].picture: '../../etc/passwd' is not a picture "
        "name. Use the name of a picture file in pictures/ without .svg, such as school, or set/name, such as fluent-emoji-flat/school."
    ]


# --- Thresholds set in mkdocs.yml, as `site_build.py easyread` reports them ---------------------------


def project(root: Path, easy_read_options: str, text: str, *, say: str = "You can talk to us.") -> Path:
    """The minimal site with a mkdocs.yml setting the given `easy_read:` options, one a line."""
    (root / "docs").mkdir()
    options = "".join(f"        {line}\n" for line in easy_read_options.splitlines())
    (root / "mkdocs.yml").write_text(f"site_name: Test\nplugins:\n  - strategy/pages:\n      easy_read:\n{options}", encoding="utf-8")
    edition = EDITION.format(text=json.dumps(text), picture=PICTURE, hard_words="[]", say=json.dumps(say))
    (root / "content/example/plan/easy-read.yml").write_text(edition, encoding="utf-8")
    return root


def test_rule_13_names_the_rare_word_zipf_set_in_mkdocs_yml(minimal: Path, run):
    result = run("--root", project(minimal, "rare_word_zipf: 4.25", "We will ameliorate support."), "easyread")
    assert result.code == 0
    # 'belongs' (4.2 when rounded) is below 4.25: the message gives the threshold as set, not 3.5 or 4.2.
    assert result.err.splitlines() == [
        "content/example/plan/easy-read.yml:6:16: easy_read.sections[0].heading: rule 13 (common words, advice): 'booklet' is not "
        "a common word (frequency 3.5; common words are 4.25 or more). Suggestion: use a more common word, or add booklet to hard_words.",
        WHERE + "rule 13 (common words, advice): 'ameliorate' is not a common word (frequency 2.6; common words are 4.25 or more). "
        "Suggestion: use a more common word, or add ameliorate to hard_words.",
        "content/example/plan/easy-read.yml:13:16: easy_read.sections[1].heading: rule 13 (common words, advice): 'belongs' is not "
        "a common word (frequency 4.2; common words are 4.25 or more). Suggestion: use a more common word, or add belongs to hard_words.",
    ]
    assert result.out.splitlines()[-1] == "Checked 1 Easy Read edition: 0 errors, 3 advice."


def test_rule_4_names_the_max_sentence_words_set_in_mkdocs_yml(minimal: Path, run):
    result = run("--root", project(minimal, "max_sentence_words: 8", "We will work with every school in the county."), "easyread")
    assert result.code == 1
    assert result.err.splitlines() == [
        WHERE + "rule 4 (short sentences, error): this sentence has 9 words; the most is 8: "
        "'We will work with every school in the county.' Suggestion: split it into two sentences.",
        "Checked 1 Easy Read edition: 1 error, 0 advice.",
    ]
    assert "  sentences: 3, over 8 words: 1 (longest: 9 words)" in result.out.splitlines()


def test_rule_14_names_the_max_words_and_max_pages_set_in_mkdocs_yml(minimal: Path, run):
    result = run("--root", project(minimal, "max_words: 20\nmax_pages: 5", "We wrote this plan."), "easyread")
    assert result.code == 0
    assert result.err.splitlines() == [
        "content/example/plan/easy-read.yml:2:3: easy_read: rule 14 (short document, advice): this edition has 28 words; "
        "Easy Read keeps to about 20. Suggestion: cut what the reader does not need.",
        "content/example/plan/easy-read.yml:2:3: easy_read: rule 14 (short document, advice): this edition would print on about "
        "6 pages; Easy Read keeps to about 5. Suggestion: cut what the reader does not need.",
    ]
    out = result.out.splitlines()
    assert "  words: 28 (about 20 at most)" in out
    assert "  printed pages: about 6 (about 5 at most)" in out


def test_rules_1_and_3_name_the_least_size_and_spacing_set_in_mkdocs_yml(minimal: Path, run):
    options = "font_size_px: 21\nline_height: 1.6\nmin_font_size_px: 22\nmin_line_height: 1.75"
    result = run("--root", project(minimal, options, "We wrote this plan."), "easyread")
    assert result.code == 1
    assert result.err.splitlines() == [
        "mkdocs.yml:5:1: easy_read.font_size_px: rule 1 (large text, error): Easy Read text is set at 21px; it must be at least 22px. "
        "Suggestion: set font_size_px to 22 or more.",
        "mkdocs.yml:6:1: easy_read.line_height: rule 3 (generous spacing, error): Easy Read lines are spaced at 1.6; they must be at "
        "least 1.75. Suggestion: set line_height to 1.75 or more.",
        "Checked 1 Easy Read edition: 2 errors, 0 advice.",
    ]
