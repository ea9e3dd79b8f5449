"""Every rule's must-flag and must-not-flag cases, kept as data in tests/cases/CCxxx.yaml.

A case is a short text (a newsletter paragraph, a README table, a thread, a press release),
with `sources` (file name -> text) where the rule checks a digest against its sources.
`flag` cases must produce a finding of the file's rule, on the figure given as `value` when one
is given, or on the figure written as `figure` (and with the computed `expected` value when one is
given); `pass` cases must produce
no finding of that rule.
"""
from __future__ import annotations

import math
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

from claimcheck.api import check  # noqa: E402

CASES = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rule = data["rule"]
        for expectation in ("flag", "pass"):
            for case in data.get(expectation) or []:
                yield pytest.param(rule, expectation, case, id=f"{path.stem}-{expectation}-{case['name']}")


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-3)


@pytest.mark.parametrize("rule, expectation, case", list(_cases()))
def test_rule_case(rule, expectation, case, tmp_path):
    # a case checked against sources gives them as files: name -> text
    sources = []
    for name, text in (case.get("sources") or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        sources.append(tmp_path / name)
    # the rule alone: a figure another rule already flags is then still this rule's to flag
    report = check(case["text"], tolerance=case.get("tolerance", 0.0), sources=sources, select={rule})
    findings = [f for f in report.finding_list if f.rule == rule]
    described = "; ".join(f"line {f.claim.line} {f.claim.text!r}: {f.message}" for f in findings)
    if expectation == "pass":
        assert not findings, f"{rule} must not flag this text, but said: {described}"
        return
    assert findings, f"{rule} must flag this text; claims read: " + ", ".join(
        f"{c.text!r} {c.kind}/{c.metric or '-'}/{c.subject or '-'}" for c in report.claim_list)
    if "value" in case:
        assert any(_close(f.claim.value, float(case["value"])) for f in findings), (
            f"{rule} flagged other figures than {case['value']}: {described}")
    if "figure" in case:  # a figure with no value (CC112) is named as written
        assert any(f.claim.text == str(case["figure"]) for f in findings), (
            f"{rule} flagged other figures than {case['figure']!r}: {described}")
    if "expected" in case:
        assert any(f.expected is not None and _close(f.expected, float(case["expected"])) for f in findings), (
            f"{rule} computed other values than {case['expected']}: {described}")


def test_every_rule_has_ten_cases_each_way():
    from claimcheck.verify import RULES
    counts: dict[str, tuple[int, int]] = {}
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        flag, keep = counts.get(data["rule"], (0, 0))
        counts[data["rule"]] = (flag + len(data.get("flag") or []), keep + len(data.get("pass") or []))
    # the internal rule families; source rules are tested against sources in test_sources.py
    for code, rule in RULES.items():
        if rule.family in ("source", "waivers"):  # tested in test_sources.py and test_waivers_baseline.py
            continue
        flag, keep = counts.get(code, (0, 0))
        assert flag >= 10 and keep >= 10, f"{code}: {flag} must-flag and {keep} must-not-flag cases"
