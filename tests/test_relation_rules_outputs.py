"""The relation rules (CC109 superlatives, CC110 conversions, CC111 zero operands) reach every
output: the rule list, SARIF (with their documentation), the HTML report and the DataFrames."""
from __future__ import annotations

import json
import re

import pytest

import claimcheck
from claimcheck.cli import main

RELEASE_NOTES = ("## Tern 2.0 release notes\n"
                 "At 180 ms, Tern is the fastest of the three engines (Skua: 240 ms, Auk: 150 ms).\n"
                 "Tern uses 40% fewer FLOPs than Skua; the team calls it 1.4× cheaper.\n"
                 "Tern's crash count went from 0 to 6 per week, a 600% increase.\n")
NEW_RULES = {"CC109": "error", "CC110": "error", "CC111": "warning"}


@pytest.fixture
def notes(tmp_path):
    path = tmp_path / "tern-notes.md"
    path.write_text(RELEASE_NOTES, encoding="utf-8")
    return str(path)


def test_rules_lists_them_with_their_docs(capsys):
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    for code, severity in NEW_RULES.items():
        line = next(line for line in listing.splitlines() if line.startswith(code))
        assert severity in line
        assert main(["rule", code]) == 0
        doc = capsys.readouterr().out
        assert "What it checks" in doc and "Example" in doc and "How to fix" in doc


def test_each_new_rule_fires_on_the_release_notes_with_its_numbers(notes):
    findings = {f.rule: f for f in claimcheck.check(notes).finding_list}
    assert set(NEW_RULES) <= set(findings)
    assert findings["CC109"].claim.text == "180 ms" and "Auk has 150 ms" in findings["CC109"].message
    assert findings["CC109"].expected == 150
    assert findings["CC110"].claim.text == "1.4×" and "1.67" in findings["CC110"].message
    assert findings["CC111"].severity == "warning" and findings["CC111"].verdict == "undefined"
    assert "from 0 to 6" in findings["CC111"].message


def test_sarif_carries_the_new_rules(notes, capsys):
    sarif_pydantic = pytest.importorskip("sarif_pydantic")
    assert main(["check", notes, "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    sarif_pydantic.Sarif.model_validate(log)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    for code in NEW_RULES:
        assert rules[code]["fullDescription"]["text"] and rules[code]["help"]["text"]
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert {code: levels[code] for code in NEW_RULES} == NEW_RULES


def test_html_report_has_a_panel_and_filter_for_each(notes, tmp_path):
    html = tmp_path / "notes.html"
    main(["check", notes, "--format", "html", "--output", str(html)])
    page = html.read_text(encoding="utf-8")
    for code, severity in NEW_RULES.items():
        assert re.search(rf'<article class="finding {severity}" id="[^"]+" data-rule="{code}"', page)
        assert f'<input type="checkbox" checked data-rule="{code}"' in page


def test_dataframe_rows_for_the_new_rules(notes):
    frame = claimcheck.check(notes).findings
    rows = frame[frame["rule"].isin(list(NEW_RULES))]
    assert sorted(rows["rule"]) == sorted(NEW_RULES)
    assert rows.set_index("rule").loc["CC110", "expected"] == pytest.approx(1 / 0.6, rel=1e-3)
