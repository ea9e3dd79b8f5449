"""Fixes: the figure a rule computes, written in the digest's own notation and precision, in
every output; `--diff` shows the safe ones and `--fix` writes them and nothing else."""
from __future__ import annotations

import io
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from claimcheck.api import check
from claimcheck.apply_fixes import apply
from claimcheck.cli import main
from claimcheck.model import Fix

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example_digest.md"


def _fixes(text: str, sources=()):
    return {f.claim.text: f.fix for f in check(text, sources=list(sources)).finding_list if f.fix is not None}


@pytest.mark.parametrize("text, old, new", [
    # one decimal written: the computed 2.29 is written 2.3
    ("Serving latency drops from 412 ms to 180 ms, a 2.6x speedup.", "2.6x", "2.3x"),
    # an explicit sign stays; points stay points
    ("On ARC, Tuned goes from 81.0 to 86.1 (+6.1).", "+6.1", "+5.1"),
    ("Kite scores 71.4 mAP on COCO, 3.1 points ahead of Ray (69.3).", "3.1 points", "2.1 points"),
    # a scale word stays, with the digest's decimals
    ("The run uses 256 GPUs x 80,000 steps = 2.05M GPU-steps.", "2.05M", "20.48M"),
])
def test_the_replacement_keeps_the_digests_notation(text, old, new):
    fixes = _fixes(text)
    assert old in fixes, fixes
    assert fixes[old].new == new and fixes[old].old == old


def test_rounded_the_digests_way_a_replacement_that_reads_the_same_gets_one_more_decimal():
    from claimcheck.verify.fixes import format_like
    assert format_like("1,204", 1203.6, 0) == "1,204" and format_like("1204", 1234.0, 0) == "1234"


def test_safe_only_where_the_operands_stand_on_the_claims_line_with_one_reading(tmp_path):
    fixes = {f.claim.line: f.fix for f in check(EXAMPLE).finding_list if f.fix is not None}
    assert fixes[8].safe and fixes[22].safe          # a margin and a speedup over their own line's figures
    assert not fixes[16].safe                        # 12% of 40% -> 52%: 12 points or a 30% change
    assert not fixes[28].safe                        # one figure stated twice: either may be the wrong one
    sources = [ROOT / "data" / "example_sources"]
    with_sources = {(f.rule, f.claim.line): f.fix for f in check(EXAMPLE, sources=sources).finding_list if f.fix}
    assert not with_sources[("CC201", 8)].safe       # a source's figure: the source may be the stale one
    assert not with_sources[("CC101", 8)].safe       # a margin over a baseline figure flagged itself


def test_no_fix_where_the_expected_figure_is_no_replacement():
    rules = {f.rule for f in check(EXAMPLE).finding_list if f.fix is None and f.severity != "info"}
    assert {"CC104", "CC106", "CC107"} <= rules      # a comparison, a complement, a unit slip


def test_every_output_carries_the_fix(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    main(["check", "data/example_digest.md", "--format", "json"])
    fixed = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["fix"]]
    assert {"line": 22, "column": 60, "end_column": 64, "old": "2.6×", "new": "2.3×", "safe": True} in \
        [f["fix"] for f in fixed]
    main(["check", "data/example_digest.md", "--format", "sarif"])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    replacement = next(r["fixes"][0]["artifactChanges"][0]["replacements"][0] for r in results
                       if r.get("fixes") and r["ruleId"] == "CC102")
    assert replacement == {"deletedRegion": {"startLine": 22, "startColumn": 60, "endColumn": 64},
                           "insertedContent": {"text": "2.3×"}}
    main(["check", "data/example_digest.md", "--format", "rdjson"])
    diagnostics = json.loads(capsys.readouterr().out)["diagnostics"]
    suggestion = next(d["suggestions"][0] for d in diagnostics if d["code"]["value"] == "CC102")
    line = EXAMPLE.read_text(encoding="utf-8").splitlines()[21].encode("utf-8")
    start, end = suggestion["range"]["start"]["column"] - 1, suggestion["range"]["end"]["column"] - 1
    assert line[start:end].decode() == "2.6×" and suggestion["text"] == "2.3×"   # bytes, as reviewdog counts
    main(["check", "data/example_digest.md"])
    assert "  fix       2.6× -> 2.3× (safe: --fix applies it)" in capsys.readouterr().out


def test_diff_shows_the_safe_fixes_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("d.md").write_bytes(EXAMPLE.read_bytes())
    assert main(["check", "d.md", "--diff"]) == 0
    captured = capsys.readouterr()
    removed = [line for line in captured.out.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in captured.out.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert len(removed) == len(added) == 3 and all("2.1 points" in a or "2.3×" in a for a in added)
    assert "would fix 3 finding(s); 2 more fix(es) need a review" in captured.err
    assert Path("d.md").read_bytes() == EXAMPLE.read_bytes()


def test_fix_writes_the_safe_fixes_only_keeping_line_endings_mode_and_the_rest(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    original = "\ufeff" + EXAMPLE.read_text(encoding="utf-8").replace("\n", "\r\n")  # a BOM and CRLF
    Path("d.md").write_bytes(original.encode("utf-8"))
    os.chmod("d.md", 0o640)
    assert main(["check", "d.md", "--fix", "--format", "json"]) == 1
    remaining = json.loads(capsys.readouterr().out)["findings"]
    assert {f["rule"] for f in remaining if f["severity"] != "info"} == {"CC103", "CC104", "CC105", "CC106", "CC107"}
    after = Path("d.md").read_bytes().decode("utf-8")
    expected = original.replace("3.1 points ahead", "2.1 points ahead").replace("a 2.6× speedup", "a 2.3× speedup")
    assert after == expected
    assert stat.S_IMODE(os.stat("d.md").st_mode) == 0o640
    # run again: nothing left to fix safely, and the file stays as it is
    assert main(["check", "d.md", "--fix", "--format", "concise"]) == 1
    assert "fixed 0 finding(s)" in capsys.readouterr().err
    assert Path("d.md").read_bytes().decode("utf-8") == expected


def test_a_fix_whose_place_no_longer_holds_its_figure_is_left():
    fix = Fix(0, 4, 2, 5, 9, "2.6×", "2.3×", True)
    applied = apply("d.md", "line one\nabc 2.6× d\n", [fix])
    assert applied.text == "line one\nabc 2.3× d\n" and len(applied.applied) == 1
    moved = apply("d.md", "line one\nabcd 2.6× d\n", [fix])
    assert moved.text == "line one\nabcd 2.6× d\n" and moved.left == 1 and not moved.applied


def test_standard_input_is_never_fixed(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(EXAMPLE.read_bytes())))
    assert main(["check", "-", "--fix", "--format", "concise"]) == 1
    assert "safe fix(es) not applied" in capsys.readouterr().err
