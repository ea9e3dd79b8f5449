"""Tables read by their structure: HTML tables inside Markdown (spanning headers and rows, markup
in cells), systems in columns, a unit or metric in a header, the caption or heading above as the
benchmark, a "±" as the uncertainty of the figure before it, and empty cells. The tables are
written for these tests."""
from __future__ import annotations

import pytest

from claimcheck.extract.claims import default_extractor
from claimcheck.ingest.text import parse_text


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


def read(extractor, text):
    extraction = extractor.read(parse_text(text, "t.md"))
    claims = {(c.line, c.text): c for c in extraction.claims}
    others = {(n.line, n.text): n for n in extraction.others}
    return claims, others


HTML_TABLE = """# Heron results

<table>
  <thead>
    <tr><th rowspan="2">System</th><th colspan="2">FooQA</th><th rowspan="2">Size</th></tr>
    <tr><th>EM</th><th>F1</th></tr>
  </thead>
  <tr><td rowspan="2">Heron</td><td><b>61.5</b></td><td><b>70.2</b></td><td>base</td></tr>
  <tr><td>58.9</td><td>68.0</td><td>small</td></tr>
  <tr><td>Pelican</td><td>55.1</td><td>-</td><td>base</td></tr>
</table>
"""


def test_html_table_in_markdown_reads_spanning_headers_and_rows(extractor):
    claims, _ = read(extractor, HTML_TABLE)
    bold = claims[(8, "61.5")]
    assert bold.subject == "Heron" and bold.metric == "exact_match" and bold.dataset.lower() == "fooqa"
    assert claims[(8, "70.2")].metric == "f1"
    # the row below is still Heron's: its label spans two rows
    assert claims[(9, "58.9")].subject == "Heron" and claims[(9, "68.0")].metric == "f1"
    assert claims[(10, "55.1")].subject == "Pelican"
    # the bold tag is markup, never a metric
    assert all("b" != c.metric and "td" not in c.metric for c in claims.values())


def test_html_table_cells_keep_their_place_in_the_document(extractor):
    document = parse_text(HTML_TABLE, "t.md")
    cell = next(c for c in document.cells if "61.5" in c.text)
    assert document.text[cell.start:cell.end] == "<b>61.5</b>"
    assert cell.headers == ("FooQA", "EM") and cell.row_header == "Heron"


def test_uncertainty_after_plus_minus_is_not_part_of_the_figure(extractor):
    claims, others = read(extractor, "| Model | Accuracy |\n|---|---|\n| Wren | 81.3 ± 0.4 |\n")
    assert claims[(3, "81.3")].value == 81.3
    assert others[(3, "0.4")].reason.startswith("uncertainty")
    claims, others = read(extractor, "Wren reaches an accuracy of 77.0±1.2 on FooQA.\n")
    assert (1, "77.0") in claims and others[(1, "1.2")].status == "non-claim"


def test_heading_above_a_table_names_its_benchmark_and_setting(extractor):
    text = ("## Results on Quailbench (3-shot)\n\n| Model | Acc |\n|---|---|\n| Wren | 64.2 |\n\n"
            "## Speed on one H100\n\n| Model | Latency (ms) |\n|---|---|\n| Wren | 12.5 |\n")
    claims, _ = read(extractor, text)
    score = claims[(5, "64.2")]
    assert score.dataset == "Quailbench" and "shots:3-shot" in score.setting
    assert "hardware:h100" in claims[(11, "12.5")].setting and claims[(11, "12.5")].kind == "time"


def test_caption_names_the_benchmark(extractor):
    claims, _ = read(extractor, "Table 4: Exact match on Puffin-QA (dev).\n\n| Model | EM |\n|---|---|\n| Wren | 49.9 |\n")
    assert claims[(5, "49.9")].dataset == "Puffin-QA"


def test_systems_in_columns_and_metrics_in_rows_with_rate_units(extractor):
    text = "| Metric | Wren | Finch |\n|---|---|---|\n| Tok/s | 1,480 | 1,020 |\n| TTFT (ms) | 41 | 57 |\n"
    claims, _ = read(extractor, text)
    rate = claims[(3, "1,480")]
    assert rate.subject == "Wren" and rate.kind == "throughput" and rate.quantity.dimension == "rate"
    assert claims[(3, "1,020")].subject == "Finch"
    assert claims[(4, "57")].subject == "Finch" and claims[(4, "57")].unit == "ms"


def test_a_unit_written_in_the_cell_is_kept(extractor):
    text = "| Engine | Decode |\n|---|---|\n| Wren | 95 tok/s |\n| Finch | 3.1 GB |\n"
    claims, _ = read(extractor, text)
    assert claims[(3, "95 tok/s")].kind == "throughput"
    assert claims[(4, "3.1 GB")].kind == "memory"


def test_empty_and_dash_cells_hold_no_claim_and_shift_nothing(extractor):
    text = "| Model | A | B | C |\n|---|---|---|---|\n| Wren | – | | 70.1 |\n| Finch | - | 12.0 | n/a |\n"
    claims, _ = read(extractor, text)
    assert set(claims) == {(3, "70.1"), (4, "12.0")}
    assert claims[(3, "70.1")].dataset.lower() == "c" or claims[(3, "70.1")].metric in ("c", "")
    assert claims[(4, "12.0")].subject == "Finch"


def test_a_delimiter_row_of_single_dashes_makes_a_table_and_a_lone_dash_does_not():
    # GitHub reads '|:-:|---|' as a delimiter row: one dash per cell is enough
    text = "| Rank | Model | Kappa |\n|:-:|---|:-:|\n| 1 | Heron | 65.5% |\n| 2 | Wren | 53.3% |\n"
    document = parse_text(text, "t.md")
    assert {c.row for c in document.cells if not c.label} == {1, 2}
    heron = document.cell_at(text.index("65.5%"))
    assert heron is not None and heron.headers == ("Kappa",)
    # a line holding a pipe, then a line of one dash: a list's dash, not a table
    assert not parse_text("a | b\n-\nc\n", "t.md").cells


BLANK_HEADER = """## Results

| | | | |
|---|---|---|---|
| **PondQA** | | | **Recall** |
| | lr | num_leaves | best |
| **heron-tree** | 0.05 | 31 | **0.612** |
| wren-tree | 0.1 | 63 | 0.598 |
"""


def test_a_table_under_a_blank_header_row_takes_its_first_rows_without_figures_as_headers():
    # the blank Markdown header lets an author lay the header block out by hand: its corner
    # ('PondQA', above the names) says what the whole table is about
    document = parse_text(BLANK_HEADER, "t.md")
    best = document.cell_at(BLANK_HEADER.index("0.612"))
    assert best is not None and best.headers == ("Recall", "best")
    assert best.labels == (("", "heron-tree"),) and best.group == "PondQA"
    assert document.cell_at(BLANK_HEADER.index("0.05")).headers == ("lr",)
    # the header rows are not rows of figures
    assert {c.row for c in document.cells if not c.label} == {1, 2}


def test_a_header_row_that_is_not_blank_keeps_a_first_row_naming_a_system_as_a_row():
    # a named header row: a first row that fills the label column is a row of the table
    text = "| Model | Size | EM |\n|---|---|---|\n| **Heron** | base | |\n| Wren | small | 61.5 |\n"
    document = parse_text(text, "t.md")
    assert document.cell_at(text.index("61.5")).headers == ("EM",)
    assert document.cell_at(text.index("base")).row == 1


def test_a_link_in_a_label_cell_labels_its_row_by_its_text():
    # the link's target is not part of the name, nor a variant of it
    text = ("| Technique | Memory (GiB) |\n|---|---|\n| [+ Fused AdamW](https://example.org/docs#fused) | 21.8 |\n"
            "| ![Heron](img/heron.png) | 19.0 |\n")
    document = parse_text(text, "t.md")
    assert document.cell_at(text.index("21.8")).labels == (("Technique", "+ Fused AdamW"),)
    assert document.cell_at(text.index("19.0")).labels == (("Technique", "Heron"),)
    claims = {c.text: c for c in default_extractor().extract(document)}
    assert claims["21.8"].subject == "+ Fused AdamW"
    assert not any("example.org" in s for s in claims["21.8"].setting)


def test_a_code_column_of_figures_is_a_benchmark_and_one_of_links_is_not(extractor):
    # 'Code' heads a column of repository links as often as a coding benchmark's scores: a cell
    # that is only a figure is the benchmark's, digits inside a link cell are not a result
    text = ("| Agent | Web | Code | Math |\n|---|---|---|---|\n| Kestrel | 40.5 | 52.0 | 61.5 |\n\n"
            "| Paper | Code | Score |\n|---|---|---|\n| Tern | [repo v2](https://example.org/t) | 71.0 |\n")
    claims, others = read(extractor, text)
    assert claims[(3, "52.0")].dataset == "Code" and claims[(3, "52.0")].subject == "Kestrel"
    assert (7, "2") not in claims and claims[(7, "71.0")].subject == "Tern"


def test_a_table_of_measured_figures_only_is_named_by_its_header(extractor):
    # every cell a figure with its unit: no column names the rows, each header names a system,
    # and the first row is a row of figures, not a second header level
    text = ("Round trips, first five calls:\n\n| Kestrel | Plover | Tern |\n|---|---|---|\n"
            "|5.0981ms|16.1075ms|18.2990ms|\n|4.4608ms|4.3018ms|7.7155ms|\n")
    document = parse_text(text, "t.md")
    first = document.cell_at(text.index("5.0981ms"))
    assert first.row == 1 and first.labels == () and not first.label and first.headers == ("Kestrel",)
    claims, _ = read(extractor, text)
    assert claims[(5, "16.1075ms")].subject == "Plover"
    assert claims[(6, "7.7155ms")].subject == "Tern"


@pytest.mark.parametrize("first_column", ["1", "2", "4"])
def test_a_first_column_of_whole_numbers_stays_the_rows_key(first_column):
    # '| 1 | 10.2 | 98 |' under 'Clients': the count each row was run with names the row
    text = f"| Clients | Latency (ms) | QPS |\n|---|---|---|\n| {first_column} | 10.2 | 98 |\n| 8 | 11.9 | 640 |\n"
    document = parse_text(text, "t.md")
    assert document.cell_at(text.index("10.2")).labels == (("Clients", first_column),)


@pytest.mark.parametrize("cell, figure", [("371.53us", True), ("0m4.079s", True), ("127.95k", True),
                                          ("8xH100", False), ("Heron-7B", False)])
def test_a_unit_glued_to_a_figure_keeps_its_column_a_column_of_figures(cell, figure):
    # a column of figures with their units glued on is measured, not a column of names
    text = f"| Server | Mean | Max |\n|---|---|---|\n| Heron | {cell} | 2.5 |\n| Wren | {cell} | 3.5 |\n"
    document = parse_text(text, "t.md")
    mean = document.cell_at(text.index(cell))
    assert mean.label is not figure
