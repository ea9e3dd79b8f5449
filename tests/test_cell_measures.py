"""A table cell is framed as the same figure in prose is: a bare cell under a rate or memory
header ('FPS', 'Decode') is a throughput or a memory, as '61 FPS' is in a sentence, so a digest
figure and the cell it copies meet. And where the checks say a figure stands under another
measure of its row, the sentence's own words are read in all their forms ('the fastest
compressor' names the column 'Compression'), and the cell it meant is of its dimension."""
from __future__ import annotations

import pytest

from claimcheck.api import check, load, read_cached

SOURCE = """# Codec shoot-out

Single thread, the Canterbury corpus.

| Codec | Ratio | Compression | Decompression |
|---|---|---|---|
| Heron 3.1 | 2.844 | 88 MB/s | 410 MB/s |
| Otter 2.0 -1 | 2.310 | 610 MB/s | 3900 MB/s |
| Wren 0.9 | 2.205 | 540 MB/s | 1200 MB/s |

## Detectors

| Model | mAP | FPS | Memory (GB) |
|---|---|---|---|
| Lynx-S | 41.7 | 212 | 3.1 |
| Lynx-L | 47.9 | 96 | 7.4 |
"""


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(SOURCE, encoding="utf-8")
    return path


def _verdicts(report, text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.verdict) for f in report.finding_list if f.claim is not None and f.claim.text == text
            and f.rule.startswith("CC20")]


def test_a_bare_cell_under_a_rate_or_memory_header_is_read_as_that_measure(source):
    from claimcheck.sources import load_sources
    cells = {c.text: c for c in load_sources([str(source)])[0].claims}
    assert cells["212"].metric == "throughput"
    assert cells["7.4"].metric == "memory"
    assert cells["41.7"].metric == "map"  # a header that names its measure keeps it


def test_a_digest_figure_in_frames_per_second_meets_its_cell(source):
    report = check("# Detector notes\n\nLynx-S runs at 212 FPS and needs 3.1 GB of memory.\n", sources=[source])
    assert _verdicts(report, "212 FPS") == [("CC202", "supported")]
    assert _verdicts(report, "3.1 GB") == [("CC202", "supported")]
    wrong = check("# Detector notes\n\nLynx-L runs at 212 FPS.\n", sources=[source])
    assert ("CC201", "mismatch") in _verdicts(wrong, "212 FPS")


def test_a_column_named_in_another_form_of_its_word_is_no_other_measure(source):
    digest = ("# Codecs\n\n- **Otter 2.0 -1** keeps the decompression lead at 3900 MB/s, and is also\n"
              "  the fastest compressor listed (610 MB/s), though its ratio slips to 2.310.\n")
    report = check(digest, sources=[source])
    assert not [f for f in report.finding_list if f.severity == "error" and f.claim is not None
                and f.claim.text == "610 MB/s"]
    assert _verdicts(report, "2.310") == [("CC202", "supported")]


def test_the_cell_an_other_measure_verdict_names_is_of_the_figures_dimension(source):
    # '610 MB/s' stands under the row's Compression; the sentence also says 'ratio', but a figure
    # in MB/s never meant the row's ratio: no cell is named as meant, rather than a wrong one
    from claimcheck.sources import load_sources
    from claimcheck.verify.sources import _cells, _meant_cell
    loaded = load_sources([str(source)])[0]
    cells = _cells(loaded)
    compression = next(c for c in cells if c.row.startswith("Otter") and c.column == "Compression")
    claim = next(c for c in read_cached(load("Otter 2.0 -1 decodes at 610 MB/s.\n")).claims if c.value == 610)
    assert _meant_cell(claim, compression, "tops the decoding chart at 610 MB/s, though its ratio slips") is None
    meant = _meant_cell(claim, compression, "its decompression runs at 610 MB/s, and its ratio slips")
    assert meant is not None and meant.column == "Decompression"


def test_a_prose_figure_and_a_cell_of_one_measure_are_one_frame():
    document = load("| Model | FPS |\n|---|---|\n| Lynx-S | 212 |\n\nLynx-S runs at 212 FPS.\n")
    claims = read_cached(document).claims
    assert {c.metric for c in claims if c.value == 212} == {"throughput"}
