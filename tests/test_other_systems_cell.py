"""A digest figure that stands in the source only as another system's cell is a mismatch that says
whose it is, even where the digest's system has other figures of that benchmark elsewhere in the
source (a second table of chat models) and the other system is named later in the sentence."""
from __future__ import annotations

import pytest

from claimcheck.api import check

SOURCE = """# Evaluation

## Base models

| Benchmark | Shots | Orca 70B | Wren 22B | Tamarin-2 |
| --- | --- | --- | --- | --- |
| ARC-Easy | 25-shot | 91.0 | 88.2 | 92.4 |
| LiveMath | 4-shot | 48.5 | 41.9 | 52.7 |
| CodeEval | 0-shot | 48.2 | 53.1 | 48.8 |
| PyTasks | 3-shot | 68.6 | 64.2 | 66.6 |

## Chat models

| Benchmark | Orca 70B | Wren 22B | Tamarin-2 |
| --- | --- | --- | --- |
| ARC-Easy | 93.0 | 90.1 | 95.2 |
| CodeEval | 76.2 | 75.0 | 81.1 |
| PyTasks | 69.8 | 64.4 | 72.0 |
"""


def _digest(figure: str) -> str:
    return ("# Tamarin-2 in brief\n\nThe base model is strong on reasoning.\n\n"
            f"Tamarin-2 reaches {figure} on CodeEval (0-shot) against 53.1 for Wren 22B, while on PyTasks "
            "(3-shot) it edges past Wren but trails Orca 70B's 68.6.\n")


def _verdicts(tmp_path, digest: str, figure: str) -> list:
    """The source findings on one figure of a digest checked against SOURCE."""
    path = tmp_path / "results.md"
    path.write_text(SOURCE, encoding="utf-8")
    report = check(digest, sources=[path])
    return [f for f in report.finding_list if f.rule in ("CC201", "CC202", "CC203") and f.claim.text == figure]


def test_the_neighbours_cell_is_a_mismatch_naming_the_systems_own_figure(tmp_path):
    flags = [f for f in _verdicts(tmp_path, _digest("48.2"), "48.2") if f.severity == "error"]
    assert [f.rule for f in flags] == ["CC201"]
    # whose figure it is, and the system's own figure in that same table (not its chat model's)
    assert "48.2 is Orca 70B's" in flags[0].message
    assert "Tamarin-2 48.8" in flags[0].message
    assert flags[0].expected == pytest.approx(48.8)


def test_the_systems_own_cell_is_supported(tmp_path):
    assert [f.verdict for f in _verdicts(tmp_path, _digest("48.8"), "48.8")] == ["supported"]


def test_a_figure_whose_own_clause_names_the_other_system_is_not_flagged(tmp_path):
    # the figure is said of Orca 70B, in its own clause: the source agrees
    digest = ("# Tamarin-2 in brief\n\nOn CodeEval (0-shot) Tamarin-2 posts 48.8, while Orca 70B "
              "reaches 48.2.\n")
    assert [f.verdict for f in _verdicts(tmp_path, digest, "48.2")] == ["supported"]
