"""'Every figure the source gives it disagrees' is a mismatch only where the digest says which
thing the figure is: a score's benchmark. A score read with its measure but no benchmark is set
against every benchmark of its system's row, and disagrees with all but one of them by design."""
from __future__ import annotations

import pytest

from claimcheck.api import check

SOURCE = """# Evaluation

| Model | ARC-Easy (Acc) | PIQA (Acc) | HellaSwag (Acc) |
|---|---|---|---|
| Kite-7B | 71.4 | 78.2 | 60.3 |
| Wren-7B | 69.0 | 77.5 | 58.1 |

## Few-shot

| Model | ARC-Easy 0-shot | ARC-Easy 5-shot |
|---|---|---|
| Heron-3B | 61.2 | 64.8 |
"""


@pytest.fixture
def source(tmp_path):
    (tmp_path / "eval.md").write_text(SOURCE, encoding="utf-8")
    return tmp_path / "eval.md"


def _verdicts(text: str, source) -> list:
    report = check("# Notes\n\n" + text + "\n", sources=[source])
    return [(f.rule, f.severity) for f in report.finding_list if f.rule.startswith("CC20")]


def test_a_score_without_its_benchmark_is_not_found_not_wrong(source):
    # 66.0 may be any of the three benchmarks' accuracies, or none: not every benchmark's
    assert _verdicts("Kite-7B's accuracy is 66.0.", source) == [("CC203", "info")]


def test_a_score_whose_benchmark_every_setting_contradicts_is_a_mismatch(source):
    # both ARC-Easy figures of Heron-3B disagree: a mismatch whichever setting was meant
    assert _verdicts("Heron-3B scores 58.0 on ARC-Easy.", source) == [("CC201", "error")]


def test_a_score_with_its_benchmark_named_once_is_a_plain_mismatch(source):
    report = check("# Notes\n\nKite-7B scores 66.0 on PIQA.\n", sources=[source])
    found = [f for f in report.finding_list if f.rule == "CC201"]
    assert len(found) == 1 and "78.2" in found[0].message
