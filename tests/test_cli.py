"""The command line contract: formats, exit codes, messages instead of tracebacks."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claimcheck.cli import main

CLEAN = "## Kite: a detector\nKite scores 71.4 mAP on COCO, 2.1 points ahead of StrongDet (69.3).\n"
WRONG = "## Kite: a detector\nKite scores 71.4 mAP on COCO, 3.1 points ahead of StrongDet (69.3).\n"


@pytest.fixture
def digest(tmp_path):
    def write(text: str, name: str = "digest.md"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)
    return write


def test_clean_digest_exits_0(digest, capsys):
    assert main(["check", digest(CLEAN)]) == 0
    assert "0 findings" in capsys.readouterr().out


def test_findings_exit_1_and_show_line_claim_computed_and_evidence(digest, capsys):
    assert main(["check", digest(WRONG)]) == 1
    out = capsys.readouterr().out
    assert ":2:" in out and "CC101" in out and "71.4 - 69.3 = 2.1" in out
    assert "claim     line    2" in out and "computed  2.1" in out


def test_fail_on_never_and_warning(digest):
    path = digest("## Wren\nRecall rises from 40% to 52%, a 12% improvement.\n")
    assert main(["check", path]) == 0                       # a warning only
    assert main(["check", path, "--fail-on", "warning"]) == 1
    assert main(["check", digest(WRONG, "w.md"), "--fail-on", "never"]) == 0


def test_json_follows_the_schema(digest, capsys):
    main(["check", digest(WRONG), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["schema"] == 1 and report["documents"][0]["findings"] == 1
    finding = report["findings"][0]
    assert {"rule", "severity", "verdict", "message", "claim", "evidence", "expected"} <= set(finding)
    assert {"document", "line", "column", "page", "text", "value", "unit", "kind", "metric", "subject"} <= set(finding["claim"])
    assert finding["claim"]["value"] == 3.1 and finding["expected"] == pytest.approx(2.1)
    assert {e["value"] for e in finding["evidence"]} == {71.4, 69.3}


def test_output_file(digest, tmp_path):
    out = tmp_path / "r.json"
    assert main(["check", digest(WRONG), "--format", "json", "--output", str(out)]) == 1
    assert json.loads(out.read_text())["findings"][0]["rule"] == "CC101"


def test_select_and_ignore(digest):
    assert main(["check", digest(WRONG), "--ignore", "CC101"]) == 0
    assert main(["check", digest(WRONG), "--select", "cc101"]) == 1


@pytest.mark.parametrize("argv, message", [
    (["check", "/no/such/file.md"], "no such file"),
    (["check", "--select", "CC999", "x"], "unknown rule code CC999"),
    (["check", "--tolerance", "2", "x"], "--tolerance"),
    (["check", "--format", "yaml", "x"], "invalid choice"),
    (["rule", "CC000"], "unknown rule code"),
    (["frobnicate"], "invalid choice"),
])
def test_usage_and_input_errors_exit_2_with_a_message(argv, message, capsys):
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse's own usage errors
        code = exit_.code
    assert code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_directory_and_binary_inputs_are_errors(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 2
    binary = tmp_path / "x.pdf"
    binary.write_bytes(b"%PDF-1.5\x00\x01\x02")
    assert main(["check", str(binary)]) == 2
    assert "binary" in capsys.readouterr().err


def test_extract_table_and_json(digest, capsys):
    path = digest(CLEAN)
    assert main(["extract", path]) == 0
    table = capsys.readouterr().out
    assert "71.4" in table and "StrongDet" in table
    assert main(["extract", path, "--format", "json"]) == 0
    claims = json.loads(capsys.readouterr().out)["claims"]
    assert [c["text"] for c in claims] == ["71.4", "2.1 points", "69.3"]


ACCOUNTED = ("## 2. Serving notes (v0.4.1, March 2025)\n"
             "Kite serves 1,850 tokens/s on 8 GPUs at batch 32 [12], up from 1,120 tokens/s.\n")


def test_extract_all_accounts_for_every_number(digest, capsys):
    """--all lists each number that is not a claim with its reason, and the share read as claims."""
    path = digest(ACCOUNTED)
    assert main(["extract", path, "--all"]) == 0
    out = capsys.readouterr().out
    assert "Numbers that are not claims:" in out
    for text, reason in (("0.4.1", "version"), ("2025", "date"), ("[12]", "citation")):
        row = next(line for line in out.splitlines() if f" {text} " in f" {line} " and "non-claim" in line)
        assert reason in row
    assert "2 claims" in out and "% claims" in out
    assert main(["extract", path, "--all", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    texts = {n["text"]: (n["status"], n["reason"]) for n in payload["numbers"]}
    assert texts["0.4.1"] == ("non-claim", "version") and texts["[12]"][1] == "citation"
    assert any("setting" in reason for status, reason in texts.values())  # 8 GPUs, batch 32
    document = payload["documents"][0]
    assert document["claims"] + document["non_claims"] + document["unread"] == len(payload["claims"]) + len(payload["numbers"])
    assert [c["text"] for c in payload["claims"]] == ["1,850 tokens/s", "1,120 tokens/s"]
    # without --all, numbers that are not claims are not listed
    assert main(["extract", path, "--format", "json"]) == 0
    assert "numbers" not in json.loads(capsys.readouterr().out)


def test_rules_and_rule_docs(capsys):
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    assert all(f"CC10{i}" in listing for i in range(1, 8))
    assert main(["rule", "cc105"]) == 0
    doc = capsys.readouterr().out
    assert "What it checks" in doc and "How to fix" in doc


def test_no_digest_at_a_terminal_checks_the_bundled_example(capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert "bundled example" in captured.err and "CC101" in captured.out


def test_no_digest_from_a_script_is_a_usage_error_not_the_example(capsys, monkeypatch):
    # `claimcheck check $FILES` with FILES empty must not report the example's findings as the user's
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert main(["check"]) == 2
    captured = capsys.readouterr()
    assert "no digest given" in captured.err and "--example" in captured.err and captured.out == ""
    assert main(["check", "--example", "--format", "concise"]) == 1
    assert "CC101" in capsys.readouterr().out


def test_module_entry_point_and_stdin():
    run = subprocess.run([sys.executable, "-m", "claimcheck", "check", "-", "--format", "json"],
                         input=WRONG, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr
    assert json.loads(run.stdout)["findings"][0]["claim"]["document"] == "<stdin>"


def test_python_api_matches_the_json_report(digest):
    import claimcheck
    report = claimcheck.check(digest(WRONG))
    frame = report.to_dataframe()
    data = json.loads(report.to_json())["findings"]
    assert list(frame["rule"]) == [f["rule"] for f in data] == ["CC101"]
    assert list(frame["line"]) == [f["claim"]["line"] for f in data]
    assert frame["expected"].iloc[0] == pytest.approx(data[0]["expected"])
    html = report._repr_html_()
    assert "1 findings" in html and "CC101" in html and "&lt;" not in html
    claims = claimcheck.extract(WRONG)
    assert list(claims.to_dataframe()["text"]) == [c.text for c in claims] == ["71.4", "3.1 points", "69.3"]
    assert "3 claims" in claims._repr_html_()


def test_html_summary_escapes_document_text():
    import claimcheck
    report = claimcheck.check("## <script>alert(1)</script>\n<b>X</b> scores 71.4 mAP, 3.1 points ahead of Y (69.3).\n")
    assert "<script>" not in report._repr_html_()


@pytest.mark.parametrize("model", ["missing.json", "not_a_model.json"])
def test_a_reader_model_asked_for_and_unusable_is_exit_2_not_the_rules_in_silence(digest, tmp_path, monkeypatch,
                                                                                   capsys, model):
    from claimcheck.extract.decide import load_model
    (tmp_path / "not_a_model.json").write_text('{"format": "something else"}', encoding="utf-8")
    monkeypatch.delenv("CLAIMCHECK_READER", raising=False)  # conftest reads with the rules
    monkeypatch.setenv("CLAIMCHECK_READER_MODEL", str(tmp_path / model))
    load_model.cache_clear()
    try:
        assert main(["extract", digest(CLEAN)]) == 2
    finally:
        load_model.cache_clear()
    err = capsys.readouterr().err
    assert "reader model" in err and model in err and "Traceback" not in err
