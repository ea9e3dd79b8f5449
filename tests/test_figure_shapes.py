"""The shape of a figure decides what it is: a link's text is no citation, a decimal is no name,
a position with decimals is a mean over rankings, and a unit ends where the next word begins in
any script. The texts are written for these tests."""
from __future__ import annotations

import pytest

from claimcheck.extract.quantities import find_quantities
from test_table_structure import extractor, read  # noqa: F401  (the fixture and reader the table tests share)


LINKED = """| # | system | recall | queries/s |
|---|---|---|---|
| 1 | [kestrel](https://example.org/kestrel) | 0.93 | [412,775](https://example.org/kestrel/log) |
| 2 | [plover](https://example.org/plover) | 0.88 | [98,120](https://example.org/plover/log) |

Earlier work [4] and [7, 9] reported less.
"""


def test_a_figure_that_is_a_links_text_is_read(extractor):
    claims, others = read(extractor, LINKED)
    assert claims[(3, "412,775")].quantity.value == 412775
    assert claims[(4, "98,120")].subject == "plover"
    # a bracket with no link after it is still a citation
    assert others[(6, "[4]")].reason == "citation"
    assert others[(6, "[7, 9]")].reason == "citation"


@pytest.mark.parametrize("text, value", [("4.5G", 4.5e9), ("12.25G", 12.25e9), ("0.8G", 0.8e9)])
def test_a_decimal_with_a_glued_g_is_giga(text, value):
    (q,) = find_quantities(f"Each pass costs {text} operations.")
    assert q.value == pytest.approx(value)


def test_a_whole_number_with_a_glued_g_stays_a_name(extractor):
    claims, others = read(extractor, "The 5G modem and the 4G one were both tested.\n")
    assert claims == {}
    assert others[(1, "5")].reason == "name or ordinal"


RANKED = """| Method | Error | Rank |
|:--|--:|--:|
| Finch | 0.11 | 2.35 |
| Wren | 0.19 | 3.80 |

| Rank | Method | Error |
|--|--|--|
| 1 | Finch | 0.11 |
| 2 | Wren | 0.19 |
"""


def test_a_position_with_decimals_is_a_mean_rank_and_a_result(extractor):
    claims, others = read(extractor, RANKED)
    assert claims[(3, "2.35")].subject == "Finch"
    assert claims[(4, "3.80")].quantity.value == pytest.approx(3.8)
    # a whole position is the row's place, no result
    assert others[(8, "1")].reason == "rank" and others[(9, "2")].reason == "rank"


def test_a_decimals_glued_word_is_its_measure_not_a_name(extractor):
    claims, others = read(extractor, "Our Kestrel detector reaches 38.2mAP on COCO, up from 35.0mAP.\n")
    assert claims[(1, "38.2")].quantity.value == pytest.approx(38.2)
    # the glued word is read as a name of its own, as it is when a space parts them
    assert claims[(1, "38.2")].metric == claims[(1, "35.0")].metric == "map"
    # one glued letter may be a name ('2.5D'), and a whole number's glued letters are ('3D', '2nd')
    claims, others = read(extractor, "A 2.5D layout beats the 3D one in the 2nd round.\n")
    assert claims == {}
    assert {others[(1, t)].reason for t in ("2.5", "3", "2")} == {"name or ordinal"}


@pytest.mark.parametrize("text, unit", [("3.5GB的显存", "GB"), ("12ms内完成", "ms"), ("2.4x的加速", "x")])
def test_a_unit_ends_where_a_word_of_an_unspaced_script_begins(text, unit):
    (q,) = find_quantities(f"节省了{text}。")
    assert q.unit == unit


def test_a_scale_ends_where_a_word_of_an_unspaced_script_begins():
    (q,) = find_quantities("模型有7B参数。")
    assert q.value == pytest.approx(7e9)


def test_a_unit_glued_to_a_latin_word_is_no_unit():
    # 'GBits' is no 'GB' and 'msec' is one unit, not 'ms' and 'ec'
    assert [q.unit for q in find_quantities("It moved 12 GBits in 40 msec.")] == ["", "ms"]


COLUMNS = """| build | cold start (ms) | warm start (ms) | released |
|---|---|---|---|
| **ferrite** | 1987 | 212 | 2021 |
| quartzite | 2043 | **2011** | 2022 |
| basalt (2019, 8 cores) | 640 | 97.5 | 2019 |
"""


def test_a_year_shaped_number_among_figures_is_a_figure(extractor):
    claims, others = read(extractor, COLUMNS)
    # the timing columns hold figures that are not years, so '1987' and '2011' are timings too
    assert claims[(3, "1987")].quantity.value == 1987 and claims[(3, "1987")].subject == "ferrite"
    assert claims[(4, "2011")].quantity.value == 2011
    assert claims[(4, "2043")].quantity.value == 2043
    # a column of years stays years, and so does a year within a label's words
    assert others[(3, "2021")].reason == "year" and others[(4, "2022")].reason == "year"
    assert others[(5, "2019")].reason == "year"


def test_a_year_in_prose_stays_a_year(extractor):
    claims, others = read(extractor, "The cold start took 212 ms in 1987 and 97 ms in 2021.\n")
    assert others[(1, "1987")].reason == "year" and others[(1, "2021")].reason == "year"
    assert claims[(1, "212 ms")].quantity.value == 212
