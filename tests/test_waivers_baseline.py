"""Reviewed exceptions: waivers in the digest, and a baseline file keyed by fingerprint."""
from __future__ import annotations

import json

from claimcheck.api import check
from claimcheck.cli import main

MARGIN = "Kite scores 71.4 mAP on COCO, 3.1 points ahead of StrongDet (69.3).\n"
PERCENT = "Recall rises from 40% to 52%, a 12% improvement.\n"


def rules(text):
    return [(f.rule, f.claim.line) for f in check(text).finding_list]


def test_disable_next_line_silences_one_rule_on_one_line():
    text = f"## Kite\n<!-- claimcheck-disable-next-line CC101 reason=\"a typo in the paper\" -->\n\n{MARGIN}{MARGIN}"
    assert rules(text) == [("CC101", 5)]          # line 4 is waived, its copy on line 5 is not


def test_a_waiver_for_another_rule_does_not_silence_and_is_reported_unused():
    text = f"## Kite\n<!-- claimcheck-disable-next-line CC105 -->\n{MARGIN}"
    found = check(text).finding_list
    assert [(f.rule, f.claim.line) for f in found] == [("CC001", 2), ("CC101", 3)]
    assert "unused waiver" in found[0].message and found[0].severity == "warning"


def test_blocks_with_and_without_codes():
    text = (f"## Kite\n<!-- claimcheck-disable CC101 -->\n{MARGIN}{PERCENT}<!-- claimcheck-enable CC101 -->\n"
            f"{MARGIN}<!-- claimcheck-disable -->\n{PERCENT}")
    assert rules(text) == [("CC103", 4), ("CC101", 6)]


def test_unused_waivers_can_be_ignored_like_any_rule():
    text = f"## Kite\n<!-- claimcheck-disable-next-line CC105 -->\n{MARGIN}"
    assert [f.rule for f in check(text, ignore={"CC001"}).finding_list] == ["CC101"]


def test_baseline_round_trip(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    digest = tmp_path / "d.md"
    digest.write_text(f"## Kite\n{MARGIN}{PERCENT}", encoding="utf-8")
    assert main(["check", "d.md", "--write-baseline", "b.json"]) == 0
    recorded = json.loads((tmp_path / "b.json").read_text())
    assert recorded["format"] == "claimcheck-baseline" and [e["rule"] for e in recorded["findings"]] == ["CC101", "CC103"]
    assert main(["check", "d.md", "--baseline", "b.json"]) == 0
    assert "2 finding(s) silenced" in capsys.readouterr().err
    # lines move: still silenced
    digest.write_text(f"## Kite\n\nSome new intro text.\n\n{PERCENT}\n{MARGIN}", encoding="utf-8")
    assert main(["check", "d.md", "--baseline", "b.json", "--fail-on", "warning"]) == 0
    capsys.readouterr()
    # the margin is fixed: its entry is reported stale, the rest stays silenced
    digest.write_text(f"## Kite\n{MARGIN.replace('3.1', '2.1')}{PERCENT}", encoding="utf-8")
    assert main(["check", "d.md", "--baseline", "b.json", "--fail-on", "warning"]) == 0
    err = capsys.readouterr().err
    assert "no longer occurs" in err and "CC101 '3.1 points'" in err and "CC103" not in err.split("no longer occurs")[1]
    # a new problem is not in the baseline
    digest.write_text(f"## Kite\n{MARGIN}{PERCENT}{MARGIN.replace('3.1', '4.1').replace('Kite', 'Kite later')}",
                      encoding="utf-8")
    assert main(["check", "d.md", "--baseline", "b.json"]) == 1


def test_bad_baselines_are_errors(tmp_path, capsys):
    digest = tmp_path / "d.md"
    digest.write_text(MARGIN, encoding="utf-8")
    assert main(["check", str(digest), "--baseline", str(tmp_path / "none.json")]) == 2
    (tmp_path / "x.json").write_text('{"findings": []}')
    assert main(["check", str(digest), "--baseline", str(tmp_path / "x.json")]) == 2
    assert "not a claimcheck baseline" in capsys.readouterr().err
