"""The pandas API: the same findings through every path (JSON, DataFrame, objects, text)."""
from __future__ import annotations

import json

import pytest

import claimcheck
from claimcheck.api import CLAIM_COLUMNS, FINDING_COLUMNS


@pytest.fixture(scope="module")
def report():
    return claimcheck.check(claimcheck.api.example_path())


def test_findings_frame_has_the_documented_columns_and_matches_json(report):
    frame = report.findings
    assert list(frame.columns) == FINDING_COLUMNS
    data = json.loads(report.to_json())["findings"]
    assert len(frame) == len(data) == len(report.finding_list) == 8
    for row, finding in zip(frame.to_dict("records"), data):
        assert (row["rule"], row["severity"], row["verdict"], row["message"], row["fingerprint"]) == (
            finding["rule"], finding["severity"], finding["verdict"], finding["message"], finding["fingerprint"])
        for column in ("document", "line", "column", "text", "value", "unit", "kind", "metric", "subject", "setting"):
            assert row[column] == finding["claim"][column]
        assert row["dataset"] == finding["claim"]["dataset"] or (row["dataset"] != row["dataset"] and finding["claim"]["dataset"] is None)
        assert row["evidence"] == finding["evidence"]
        assert (row["expected"] == finding["expected"]) or (row["expected"] != row["expected"] and finding["expected"] is None)
    # the benchmark a figure is on is a column of its own (the example's CC105 is about GSM8K)
    assert "gsm8k" in {d.casefold() for d in frame["dataset"].dropna()}
    assert set(CLAIM_COLUMNS) == set(json.loads(report.to_json())["findings"][0]["claim"])


def test_claims_frame(report):
    claims = report.claims
    assert list(claims.columns) == CLAIM_COLUMNS and len(claims) == len(report.claim_list)
    # kinds in the reading corpus's terms (LABELING.md)
    assert set(claims["kind"]) >= {"score", "ratio", "delta", "latency", "memory", "scale"}
    grouped = report.findings.groupby("rule").size().to_dict()
    assert grouped == {"CC101": 2, "CC102": 1, "CC103": 1, "CC104": 1, "CC105": 1, "CC106": 1, "CC107": 1}


def test_explain_and_notebook_summary(report):
    text = report.explain(0)
    assert text.startswith("CC101 margin-mismatch (error, mismatch)") and "computed or source value: 2.1" in text
    assert "evidence: '71.4'" in text
    with pytest.raises(IndexError):
        report.explain(99)
    html = report._repr_html_()
    assert html.startswith("<p><b>8 findings</b>") and html.count("<tr>") == 9
