"""Tables a program printed inside a fenced block, columns lined up with spaces, are read as
tables; source code and configuration in a block stay code. The blocks are written for these
tests, in the shapes benchmark tools print (a header of words, rows of figures with units)."""
from __future__ import annotations

import pytest

from claimcheck.extract.quantities import UNCERTAINTY
from claimcheck.ingest.aligned import aligned_tables
from claimcheck.ingest.text import parse_text
from test_table_structure import extractor, read  # noqa: F401  (the fixture and reader the table tests share)


LOADGEN = """The new allocator cuts tail latency:

```
Run A (40 iterations): loadgen --conns 64 --target old-alloc
  stage          avg            p99           errors
  connect      1.92ms         7.40ms           0
  handshake    3.05ms        11.8ms            2
  transfer     18.6ms         44.1ms           0
```
"""


def test_a_printed_table_in_a_block_is_read_as_cells(extractor):
    document = parse_text(LOADGEN, "t.md")
    cells = [c for c in document.cells if not c.label]
    assert {c.text for c in cells} >= {"1.92ms", "7.40ms", "3.05ms", "11.8ms", "18.6ms", "44.1ms"}
    handshake_p99 = next(c for c in cells if c.text == "11.8ms")
    assert handshake_p99.row_header == "handshake" and handshake_p99.column_header == "p99"
    assert handshake_p99.caption.startswith("Run A (40 iterations)")
    claims, others = read(extractor, LOADGEN)
    assert claims[(7, "11.8ms")].quantity.unit == "ms"
    assert "percentile:p99" in claims[(7, "11.8ms")].setting
    # the command line above the table is still code: its '40' and '64' are no figures
    assert others[(4, "40")].reason.startswith("code")


SOURCE_CODE = """Training loop:

```python
for step in range(1000):
    lr = 3e-4 * min(1.0, step / 200)
    loss = model(batch, max_len=512)
    optimizer.step()
```

Settings:

```
batch_size      32
learning_rate   0.0003
warmup_steps    200
```
"""


def test_code_and_settings_without_a_header_stay_code(extractor):
    document = parse_text(SOURCE_CODE, "t.md")
    assert document.cells == ()
    claims, others = read(extractor, SOURCE_CODE)
    assert claims == {}
    assert others[(4, "1000")].reason.startswith("code")
    assert others[(13, "32")].reason.startswith("code")


TWO_RUNS = """```
Run 1: old build
  metric        mean           max
  wall          120ms          131ms
  rss           64MB           66MB
Run 2: new build
  metric        mean           max
  wall          95ms           99ms
  rss           58MB           61MB
```
"""


def test_the_next_tables_caption_ends_a_table_and_heads_the_next():
    lines = TWO_RUNS.split("\n")
    tables = aligned_tables(lines, 1, len(lines) - 3)
    assert [(t.header, t.rows) for t in tables] == [(2, (3, 4)), (6, (7, 8))]
    assert [t.caption for t in tables] == ["Run 1: old build", "Run 2: new build"]


def test_a_table_printed_right_under_another_takes_no_caption_from_its_rows():
    block = ["  metric      mean      max", "  wall        120ms     131ms", "  rss         64MB      66MB",
             "  stage       fast      slow", "  connect     1.9ms     7.4ms", "  transfer    18ms      44ms"]
    tables = aligned_tables(block, 0, len(block) - 1)
    assert [(t.header, t.caption) for t in tables] == [(0, ""), (3, "")]


def test_columns_aligned_right_with_blanks_of_different_width():
    # right-aligned figures leave different runs of blanks in each row; the columns still part
    block = ["name     first   second",
             "alpha   99.05us  1.97ms",
             "beta     8.45k  133.85k"]
    (table,) = aligned_tables(block, 0, 2)
    assert [block[1][lo:hi].strip() for lo, hi in table.columns] == ["alpha", "99.05us", "1.97ms"]


def test_a_figure_with_its_spread_in_the_same_unit(extractor):
    text = "```\n  measure        mean ± sd\n  build          42.7ms ± 5.03ms\n  memory         110MB ±  580KB\n```\n"
    claims, others = read(extractor, text)
    assert claims[(3, "42.7ms")].quantity.value == pytest.approx(42.7)
    assert others[(3, "5.03")].reason == UNCERTAINTY
    assert claims[(4, "110MB")].quantity.unit == "MB"
    assert others[(4, "580")].reason == UNCERTAINTY
    # (prose too: the half-width after a unit is the figure's spread, not a name)
    claims, others = read(extractor, "Decoding took 12.5 s ± 0.8 s per file.\n")
    assert (1, "0.8") in others and others[(1, "0.8")].reason == UNCERTAINTY


def test_a_long_block_of_header_like_lines_is_read_once():
    # every line looks like a header and no table follows any of them: one pass, no table
    lines = ["  alpha beta   gamma delta   epsilon"] * 5000
    assert aligned_tables(lines, 0, len(lines) - 1) == []
