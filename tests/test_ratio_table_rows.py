"""A multiple in a table row is checked against the row's two times or rates only where the
table's other rows say its column is their quotient: a column of multiples over a baseline row
(or over figures the table does not show) is not the row's own quotient."""
from __future__ import annotations

from claimcheck.api import check

HEAD = "| Batch | Reference (ms) | Fused (ms) | Speedup |\n|---|---|---|---|\n"


def _errors(text: str) -> list:
    return [f for f in check(text).finding_list if f.severity == "error"]


def test_a_row_against_a_column_of_quotients_is_flagged():
    table = HEAD + ("| 1 | 4.0 | 2.0 | 2.0x |\n| 8 | 12.0 | 4.0 | 3.0x |\n"
                    "| 32 | 30.0 | 7.5 | 4.0x |\n| 64 | 52.0 | 10.0 | 6.2x |\n")
    found = [f for f in _errors("# Kernel notes\n\n" + table) if f.rule == "CC102"]
    assert [(f.claim.text, f.expected) for f in found] == [("6.2x", 5.2)]
    assert "52.0 / 10.0 = 5.2" in found[0].message


def test_a_column_over_a_baseline_row_is_not_the_rows_quotient():
    # every row's multiple is over the batch-1 run: no row's own two times give it
    table = HEAD + ("| 1 | 4.0 | 2.0 | 2.0x |\n| 8 | 12.0 | 4.0 | 8.0x |\n"
                    "| 32 | 30.0 | 7.5 | 17.1x |\n| 64 | 52.0 | 10.0 | 25.6x |\n")
    text = "# Kernel notes\n\nThe speedup column is over the batch-1 reference run.\n\n" + table
    assert not [f for f in _errors(text) if f.rule == "CC102"]


def test_a_single_row_has_no_other_to_vote_and_stands_alone():
    text = "# Kernel notes\n\n" + HEAD.replace("Batch", "Setting") + "| batch 64, fp16 | 52.0 | 10.0 | 6.2x |\n"
    assert [f.claim.text for f in _errors(text) if f.rule == "CC102"] == ["6.2x"]


def test_one_row_that_agrees_against_one_that_does_not_keeps_the_check():
    # two other rows, one following the quotient and one not: a tie keeps the relation
    table = HEAD + "| 1 | 4.0 | 2.0 | 2.0x |\n| 8 | 12.0 | 4.0 | 8.0x |\n| 64 | 52.0 | 10.0 | 6.2x |\n"
    assert "6.2x" in [f.claim.text for f in _errors("# Kernel notes\n\n" + table) if f.rule == "CC102"]
