"""Waivers are strict: a mistyped waiver silences nothing and says so; a waiver shown as an
example is not obeyed; a waiver is judged unused only by rules that ran."""
from __future__ import annotations

import pytest

from claimcheck.api import check

MARGIN = "Kite scores 71.4 mAP on COCO, 3.1 points ahead of StrongDet (69.3).\n"   # CC101: 71.4 - 69.3 = 2.1
PERCENT = "Recall rises from 40% to 52%, a 12% improvement.\n"                     # CC103: 30%, not 12%


def found(text, **options):
    return [(f.rule, f.claim.line, f.severity) for f in check(text, **options).finding_list]


@pytest.mark.parametrize("code", ["CC1O2", "CC-101", "CC10l", "cc1011", "CC101x"])
def test_a_mistyped_code_is_an_error_and_silences_nothing(code):
    text = f"## Kite\n<!-- claimcheck-disable-next-line {code} -->\n{MARGIN}"
    report = check(text).finding_list
    assert [(f.rule, f.claim.line, f.severity) for f in report] == [("CC001", 2, "error"), ("CC101", 3, "error")]
    assert f"'{code}'" in report[0].message and "silences nothing" in report[0].message


@pytest.mark.parametrize("directive", ["claimcheck-disable-line", "claimcheck-disable-next", "claimcheck-ignore",
                                       "claimcheck:disable-next-line"])
def test_an_unknown_directive_is_an_error_and_silences_nothing(directive):
    text = f"## Kite\n<!-- {directive} -->\n{MARGIN}{PERCENT}"
    report = check(text).finding_list
    assert [(f.rule, f.claim.line) for f in report] == [("CC001", 2), ("CC101", 3), ("CC103", 4)]
    assert report[0].severity == "error" and directive in report[0].message


@pytest.mark.parametrize("comment, expected", [
    ('<!-- claimcheck-disable-next-line CC101 reason="rounded in the paper" -->', []),
    ("<!--claimcheck-disable-next-line CC101-->", []),
    # two codes (any case) and an ESLint-style reason; it silences CC101, so it is in use
    ("<!-- claimcheck-disable-next-line cc101, CC103 -- rounded in the paper -->", []),
    ("<!-- claimcheck-disable-next-line CC103 -- rounded in the paper -->", [("CC001", 2, "warning"), ("CC101", 3, "error")]),
])
def test_known_codes_with_a_reason_still_waive(comment, expected):
    assert found(f"## Kite\n{comment}\n{MARGIN}") == expected


@pytest.mark.parametrize("shown", [
    "```\n<!-- claimcheck-disable -->\n```\n",                       # a fenced example
    "Write `<!-- claimcheck-disable -->` to silence every rule.\n",   # inline code
    "Example:\n\n    <!-- claimcheck-disable -->\n\n",                # an indented code block
    '<img alt="<!-- claimcheck-disable -->" src="x.png">\n',         # an attribute
])
def test_a_waiver_shown_as_an_example_is_not_obeyed(shown):
    text = f"## Kite\n{shown}{MARGIN}{PERCENT}"
    rules = [rule for rule, _, _ in found(text)]
    assert rules == ["CC101", "CC103"]


def test_a_list_items_indented_paragraph_is_not_code():
    text = f"## Kite\n- first item\n\n    <!-- claimcheck-disable-next-line CC101 -->\n    {MARGIN}"
    assert found(text) == []


def test_working_waivers_are_not_unused_when_their_rule_did_not_run():
    text = (f"## Kite\n<!-- claimcheck-disable-next-line CC101 -->\n{MARGIN}"
            f"<!-- claimcheck-disable-next-line CC103 -->\n{PERCENT}")
    assert found(text) == []
    assert found(text, select={"CC101", "CC001"}) == []    # CC103 did not run: its waiver is not judged
    assert found(text, ignore={"CC101"}) == []
    every = f"## Kite\n<!-- claimcheck-disable -->\n{PERCENT}"
    assert found(every, select={"CC101", "CC001"}) == []   # a waiver of every rule, some left out


def test_a_waiver_of_a_rule_that_ran_and_found_nothing_is_still_unused():
    text = f"## Kite\n<!-- claimcheck-disable-next-line CC103 -->\n{MARGIN}"
    assert found(text, select={"CC101", "CC103", "CC001"}) == [("CC001", 2, "warning"), ("CC101", 3, "error")]


def test_source_rules_do_not_run_without_sources_so_their_waivers_are_not_judged():
    text = f"## Kite\n<!-- claimcheck-disable-next-line CC201 -->\n{MARGIN}"
    assert found(text) == [("CC101", 3, "error")]


def test_an_unclosed_comment_waives_nothing():
    text = f"## Kite\n{MARGIN}<!-- claimcheck-disable\n{PERCENT}"
    assert [rule for rule, _, _ in found(text)] == ["CC101"]   # the unclosed comment hides the rest
