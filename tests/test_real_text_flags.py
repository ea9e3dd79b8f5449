"""Real documents of the reading corpus checked alone: figures their authors stated correctly that
claimcheck once flagged, each for a general cause fixed since (named in the case)."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.api import check

CORPUS = Path(__file__).resolve().parents[1] / "data" / "reading"


@pytest.mark.parametrize("document, rule, cause", [
    ("train/blog_linkerd_istio_2021_redux.md", "CC105", "a median and a maximum are two summaries, never one figure"),
    ("train/changelog_autogluon_v1_0_0.md", "CC105", "win rates against different opponents are different figures"),
    ("train/paper_bitcpm_cann_results.md", "CC109", "'g = 32' is a parameter's value, not a score"),
    ("train/paper_tau2_adversarial_main_results.md", "CC109", "'the best (65.5%) and worst (28.1%)' names no entry"),
    ("train/readme_xnnpack_performance.md", "CC207", "a library's single- and multi-threaded runs are its modes"),
])
def test_a_real_document_raises_no_false_flag_of_a_fixed_cause(document, rule, cause):
    report = check(CORPUS / document, select=[rule])
    flags = [f for f in report.finding_list if f.rule == rule and f.severity in ("error", "warning")]
    assert flags == [], f"{cause}: {[f.message for f in flags]}"
