"""A digest figure whose rules' frame meets no source figure is read again in the learned reader's
metric and benchmark: a mismatch found there is reported, a support is never taken from it."""
from __future__ import annotations

import pytest

from claimcheck.api import check, load, read_cached
from claimcheck.extract.decide import MODEL_PATH, load_model

pytestmark = [pytest.mark.skipif(not MODEL_PATH.is_file(), reason="no reader model shipped"),
              pytest.mark.usefixtures("shipped_reader")]  # (conftest.py)


SOURCE = """# Transcription benchmark

## Results

### Word Error Rate

| Engine | Clean Read | Noisy Calls | Average |
|:------:|:----------:|:-----------:|:-------:|
| Loon Cloud | 3.1% | 9.4% | 6.2% |
| Heron Edge | 4.0% | 8.0% | 6.0% |
| Osprey Mini | 5.2% | 12.5% | 8.9% |

### Character Error Rate

| Engine | Clean Read | Noisy Calls | Average |
|:------:|:----------:|:-----------:|:-------:|
| Loon Cloud | 1.2% | 4.1% | 2.6% |
| Heron Edge | 1.5% | 3.3% | 2.4% |
| Osprey Mini | 2.0% | 5.9% | 4.0% |
"""


def _digest(loon: str) -> str:
    # 'the hardest WER set': the rules read the benchmark and no measure, and so set the figure
    # against the word and the character error rates alike; the learned reader chooses WER
    return ("# Voice notes, week 12\n\nThe benchmark scores three engines on read speech and on noisy "
            "calls, by word error rate (WER).\n\n"
            f"- On Noisy Calls, the hardest WER set, Loon Cloud sits at {loon}.\n")


def _junk_measure(loon: str) -> str:
    # the rules take the words around the figure for its measure ('set'): no source figure has it
    return ("# Voice notes, week 12\n\nThe benchmark scores three engines on read speech and on noisy "
            "calls, by word error rate (WER).\n\n"
            f"- Noisy Calls is the hardest WER set for Loon Cloud at {loon}, against 8.0% for Heron Edge.\n")


@pytest.fixture
def source(tmp_path):
    (tmp_path / "results.md").write_text(SOURCE, encoding="utf-8")
    return tmp_path / "results.md"


def _verdicts(report, text: str) -> list:
    """(rule, verdict) of each check against sources of the figure written `text`."""
    return [(f.rule, f.verdict) for f in report.finding_list if f.claim.text == text and f.rule.startswith("CC20")]


def test_the_learned_reader_gives_a_measure_where_the_rules_give_none():
    extraction = read_cached(load(_digest("10.3%")), owners=True)
    figure = next(c for c in extraction.claims if c.text == "10.3%")
    learned = {start: (metric, dataset) for start, metric, _, dataset in extraction.frames}
    assert figure.metric == "" and figure.dataset == "noisy calls"
    assert learned[figure.quantity.start] == ("wer", "noisy calls")


def test_a_figure_every_cell_of_the_learned_frame_contradicts_is_a_mismatch(source):
    report = check(_digest("10.3%"), sources=[source])
    found = [f for f in report.finding_list if f.rule == "CC201" and f.claim.text == "10.3%"]
    assert len(found) == 1 and found[0].severity == "error"
    assert "9.4%" in found[0].message and "Word Error Rate" in found[0].message
    assert "4.1%" not in found[0].message  # the character error rate is not the figure's measure


def test_the_right_figure_is_not_flagged_and_not_supported_by_the_learned_frame_alone(source):
    assert not [f for f in check(_digest("9.4%"), sources=[source]).finding_list if f.severity == "error"]
    report = check(_junk_measure("9.4%"), sources=[source])
    assert not [f for f in report.finding_list if f.severity == "error"]
    assert _verdicts(report, "9.4%") == [("CC203", "not found")]
    assert _verdicts(report, "8.0%") == [("CC203", "not found")]


def test_without_the_model_the_rules_frame_alone_finds_nothing(source, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_READER", "rules")
    load_model.cache_clear()
    report = check(_digest("10.3%"), sources=[source])
    assert _verdicts(report, "10.3%") == [("CC203", "not found")]
    assert read_cached(load(_digest("10.3%")), owners=True).frames == ()
