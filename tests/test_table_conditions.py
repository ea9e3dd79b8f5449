"""What frames a table's figures: a column of a figure and a word or two ('50% load', '2x L4')
whose few values come round again for every system is a condition of the row, not a result; a
header's rate ('Images/sec') keeps its denominator; a heading's measure that counts the heading's
own figures ('... at 3B vs 30B parameters') is not the measure of the table under it."""
from __future__ import annotations

from claimcheck.api import extract
from claimcheck.ingest.text import parse_text

LOADS = """Serving under three request loads.

| Engine | Load | Requests/s | p50 (ms) |
|---|---|---|---|
| Pelican | 10% load | 812 | 4.1 |
| | 50% load | 640 | 6.3 |
| | 90% load | 402 | 11.8 |
| Heron | 10% load | 775 | 3.9 |
| | 50% load | 598 | 7.0 |
| | 90% load | 351 | 14.2 |
"""


def _rows(text: str) -> dict[tuple[int, str], object]:
    return {(c.line, c.text.split()[0]): c for c in extract(parse_text(text, "loads.md"))}


def test_a_repeating_figure_and_word_column_is_the_rows_condition():
    claims = _rows(LOADS)
    # the load is not a figure of the table ...
    assert not any(text in ("10%", "50%", "90%") for _, text in claims)
    # ... but what every figure of its row was measured under, the row's system kept
    assert claims[(7, "402")].subject == "Pelican" and "load:90% load" in claims[(7, "402")].setting
    assert claims[(9, "598")].subject == "Heron" and "load:50% load" in claims[(9, "598")].setting
    assert "load:10% load" in claims[(8, "3.9")].setting


def test_a_column_of_measured_values_with_units_stays_a_column_of_figures():
    # every value differs: results with their unit, not conditions
    text = ("| Engine | Warm start | Requests/s |\n|---|---|---|\n| Pelican | 12.1 ms | 812 |\n"
            "| Heron | 14.3 ms | 775 |\n| Ibis | 9.8 ms | 640 |\n| Crane | 21.0 ms | 402 |\n")
    claims = _rows(text)
    assert {(3, "12.1"), (6, "21.0")} <= set(claims)
    assert claims[(3, "12.1")].subject == "Pelican" and claims[(3, "12.1")].quantity.dimension == "time"


def test_repeated_comparisons_in_a_column_are_results_not_conditions():
    # 'Nx faster' and 'N% less' come round again down the column, but each compares: a result
    text = ("| Model | Speed | Memory use |\n|---|---|---|\n| Kite-S | 1.5x faster | 50% less |\n"
            "| Kite-M | 2x faster | 70% less |\n| Kite-L | 2x faster | 70% less |\n| Kite-XL | 1.5x faster | 60% less |\n")
    claims = _rows(text)
    assert {(4, "2x"), (4, "70%"), (6, "1.5x")} <= set(claims)
    assert claims[(4, "2x")].subject == "Kite-M"


def test_a_rate_header_keeps_its_denominator():
    # 'sec' after a slash is the rate's 'per second', not the figure's unit; a footnote mark is no word
    claims = _rows("| Model | Images/sec * | Requests/s | Memory (GB) |\n|---|---|---|---|\n| Kite-L | 1650 | 212 | 18.9 |\n")
    assert claims[(3, "1650")].quantity.dimension == "rate" and claims[(3, "1650")].metric == "images/sec"
    assert claims[(3, "212")].metric == "requests/s"


def test_a_headings_counted_noun_is_not_the_tables_measure():
    text = ("# Field notes: what 250,000 steps buy at 3B vs 30B parameters\n\n"
            "| Task | Kestrel 3B | Kestrel 30B |\n|---|---|---|\n| BoolQ | 66.1 | 78.4 |\n| HellaSwag | 52.0 | 71.3 |\n")
    claims = _rows(text)
    cell = claims[(6, "52.0")]
    assert cell.subject == "Kestrel 3B" and cell.kind == "score"
    assert cell.metric != "parameters" and not any(s.startswith("steps:") for s in cell.setting)
    # a heading that names the table's measure still gives it
    timed = _rows("## Decode latency (ms)\n\n| Model | Batch 1 | Batch 8 |\n|---|---|---|\n| Kite | 4.1 | 9.8 |\n")
    assert timed[(5, "4.1")].quantity.dimension == "time"
    # a column whose header states its condition ('Batch 8') holds results, not the row's configuration
    assert not any("4.1" in s for s in timed[(5, "9.8")].setting) and "batch:8" in timed[(5, "9.8")].setting


def test_a_setting_is_not_read_in_the_tail_of_a_number():
    from claimcheck.extract.vocabulary import settings_in
    assert not any(s.startswith("steps:") for s in settings_in("the run took 143,000 steps"))
    assert "steps:50" in settings_in("sampled with 50 steps")
