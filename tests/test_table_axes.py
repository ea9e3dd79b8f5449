"""What a table's axes look like as a whole: the shape of its figures (each column one metric, or
each row one) and how its header row and label columns read together. Tables are our own."""
from __future__ import annotations

from claimcheck.extract.claims import ClaimExtractor
from claimcheck.extract.table_axes import TableAxes
from claimcheck.ingest.text import parse_text

# each column holds one metric: sizes in billions beside accuracies and milliseconds
METRICS_IN_COLUMNS = """| System | Params | Accuracy | Latency |
|---|---|---|---|
| Heron | 7000000000 | 71.2 | 0.012 |
| Egret | 13000000000 | 74.9 | 0.020 |
| Stork | 70000000000 | 80.3 | 0.095 |
"""

# the same figures turned: each row holds one metric, systems across the top
METRICS_IN_ROWS = """| Metric | Heron | Egret | Stork |
|---|---|---|---|
| Params | 7000000000 | 13000000000 | 70000000000 |
| Accuracy | 71.2 | 74.9 | 80.3 |
| Latency | 0.012 | 0.020 | 0.095 |
"""

# every figure on one scale: neither axis stands out
ONE_SCALE = """| System | Set A | Set B |
|---|---|---|
| Heron | 71.2 | 70.4 |
| Egret | 74.9 | 73.1 |
"""


def axes_of(text: str) -> tuple[TableAxes, int]:
    reading = ClaimExtractor()._read_by_rules(parse_text(text, "t.md"))[0]
    cells = reading.document.cells
    return TableAxes(cells, reading.tables), cells[0].table


def test_figures_alike_down_each_column_make_the_columns_metrics():
    axes, table = axes_of(METRICS_IN_COLUMNS)
    assert axes.shape(table) == ("homog=cols",)


def test_figures_alike_along_each_row_make_the_rows_metrics():
    axes, table = axes_of(METRICS_IN_ROWS)
    assert axes.shape(table) == ("homog=rows",)


def test_figures_on_one_scale_favour_neither_axis():
    axes, table = axes_of(ONE_SCALE)
    assert axes.shape(table) == ("homog=even",)


def test_a_single_row_has_no_shape_to_compare():
    axes, table = axes_of("| System | Accuracy | Latency |\n|---|---|---|\n| Heron | 71.2 | 0.012 |\n")
    assert axes.shape(table) == ("homog=single",)


def test_a_header_row_of_metrics_reads_as_metrics_and_a_label_column_of_names_does_not():
    axes, table = axes_of(METRICS_IN_COLUMNS)
    header = axes.header_axis(table, 0)
    labels = axes.label_axis(table, 0)
    assert "grammar_metric=top" in header and "axis_n=2-3" in header
    assert "grammar_metric=lo" in labels and "axis_n=2-3" in labels


def test_an_axis_that_does_not_exist_is_described_as_empty():
    axes, table = axes_of(ONE_SCALE)
    assert axes.header_axis(table, 3) == ("axis_n=0",)
    assert axes.label_axis(table, 2) == ("axis_n=0",)


def test_the_typer_judges_an_axis_by_all_its_strings_together():
    from claimcheck.extract.decide import _typer
    # a typer that knows two of the three names as systems and nothing of the third
    typer = _typer({"classes": ["metric", "subject"], "scorers": {
        "metric": {"bias": 0.0, "weights": {}},
        "subject": {"bias": 0.0, "weights": {"wheron": 4.0, "wegret": 4.0}}}})
    reading = ClaimExtractor()._read_by_rules(parse_text(METRICS_IN_COLUMNS, "t.md"))[0]
    axes = TableAxes(reading.document.cells, reading.tables, typer)
    table = reading.document.cells[0].table
    labels = axes.label_axis(table, 0)
    assert "axis_top=subject" in labels and "axis_subject=top" in labels
    assert "axis_top=metric" in axes.header_axis(table, 0)  # no name the typer knows: even odds, first class
