"""CI formats: SARIF validates against 2.1.0, GitHub commands escape, the others parse."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from claimcheck.cli import main
from claimcheck.report.ci import escape_data, escape_property

WRONG = ("## Kite: a detector\nKite scores 71.4 mAP on COCO, 3.1 points ahead of StrongDet (69.3).\n"
         "Recall rises from 40% to 52%, a 12% improvement.\n")


@pytest.fixture
def digest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "news, issue: 3.md"   # a comma and a colon in the path must be escaped
    path.write_text(WRONG, encoding="utf-8")
    return path.name


def run(capsys, *argv):
    code = main(["check", *argv])
    return code, capsys.readouterr().out


def test_sarif_validates_against_the_2_1_0_schema(digest, capsys):
    sarif_pydantic = pytest.importorskip("sarif_pydantic")
    code, out = run(capsys, digest, "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    sarif_pydantic.Sarif.model_validate(log)
    run_ = log["runs"][0]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert rules["CC101"]["fullDescription"]["text"] and rules["CC101"]["help"]["text"].startswith("Margin")
    results = run_["results"]
    assert {r["ruleId"] for r in results} == {"CC101", "CC103"}
    assert all(r["partialFingerprints"]["claimcheck/v1"] for r in results)
    assert results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == digest
    assert {r["level"] for r in results} == {"error", "warning"}


def test_github_workflow_commands_escape(digest, capsys):
    code, out = run(capsys, digest, "--format", "github")
    lines = out.splitlines()
    assert lines[0].startswith("::error file=news%2C issue%3A 3.md,line=2,col=")
    assert "title=claimcheck CC101 (margin-mismatch)::stated margin 3.1 points" in lines[0]
    assert lines[1].startswith("::warning ") and "12%25 is the absolute difference" in lines[1]


@pytest.mark.parametrize("raw, data, prop", [
    ("50% of a\r\nb", "50%25 of a%0D%0Ab", "50%25 of a%0D%0Ab"),
    ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
    ("100%", "100%25", "100%25"),
])
def test_escaping_rules(raw, data, prop):
    assert escape_data(raw) == data and escape_property(raw) == prop


def test_github_step_summary(digest, capsys, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run(capsys, digest, "--format", "github")
    text = summary.read_text()
    assert "### claimcheck: 2 findings" in text and "| file | line | rule | severity | message |" in text
    assert "| 2 | CC101 | error |" in text


def test_concise_rdjson_junit(digest, capsys):
    _, concise = run(capsys, digest, "--format", "concise")
    assert concise.splitlines()[0].startswith(f"{digest}:2:") and " CC101 stated margin" in concise
    _, rd = run(capsys, digest, "--format", "rdjson")
    diagnostics = json.loads(rd)["diagnostics"]
    assert [d["code"]["value"] for d in diagnostics] == ["CC101", "CC103"]
    assert diagnostics[0]["location"]["range"]["start"] == {"line": 2, "column": diagnostics[0]["location"]["range"]["start"]["column"]}
    assert diagnostics[1]["severity"] == "WARNING"
    _, junit = run(capsys, digest, "--format", "junit")
    suite = ET.fromstring(junit).find("testsuite")
    assert suite.get("failures") == "2" and len(suite.findall("testcase/failure")) == 2


def test_text_colour_only_on_a_terminal(digest, capsys, monkeypatch):
    import sys

    from claimcheck import cli
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli._use_color(None)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli._use_color(None)
    monkeypatch.delenv("NO_COLOR")
    assert not cli._use_color("report.txt")
    _, coloured = run(capsys, digest)
    assert "\033[1;31merror\033[0m" in coloured
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    _, plain = run(capsys, digest)
    assert "\033[" not in plain


def test_html_digests_are_annotated_at_the_files_own_lines(tmp_path, capsys, monkeypatch):
    """An annotation on an HTML digest points at the line of the page's file, not at the line of
    the text it is read as (head, tags and tables change the count)."""
    page = ("<!doctype html>\n<html>\n<head>\n<title>Notes</title>\n<style>p { margin: 0 }</style>\n</head>\n"
            "<body>\n<h2>Osprey</h2>\n<p>Osprey reaches 64.0 on ARC,\nand leads Heron (62.5) by 4.5 points.</p>\n"
            "<table>\n  <tr><th>Model</th><th>ARC</th></tr>\n  <tr><td>Osprey</td><td>64.0</td></tr>\n"
            "  <tr><td>Heron</td><td>62.5</td></tr>\n</table>\n</body>\n</html>\n")
    (tmp_path / "notes.html").write_text(page, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    source = page.splitlines()
    main(["check", "notes.html", "--format", "github", "--no-cache"])
    annotation = next(line for line in capsys.readouterr().out.splitlines() if "CC101" in line)
    assert "4.5 points" in source[int(annotation.split("line=")[1].split(",")[0]) - 1]
    main(["extract", "notes.html", "--format", "json"])
    claims = json.loads(capsys.readouterr().out)
    claims = claims if isinstance(claims, list) else claims["claims"]
    for claim in claims:  # each figure, prose or table cell, on the line that holds it
        assert claim["text"].split()[0] in source[claim["line"] - 1], claim
    assert {c["line"] for c in claims if c["text"] == "62.5"} == {10, 14}


def test_latex_digests_are_annotated_at_the_files_own_lines_and_columns(tmp_path, capsys, monkeypatch):
    """A .tex digest is read as Markdown (sections, tables, commands and comments rewritten), but
    every position points into the .tex file: its line, and the figure's column on that line."""
    tex = ("\\section{Results}\n% measured on the new split\n"
           "Osprey reaches 64.0 on ARC, \\textbf{4.5 points} ahead of Heron (62.5).\n\n"
           "\\begin{table}\n\\begin{tabular}{lc}\n\\toprule\nModel & ARC \\\\\n\\midrule\n"
           "Osprey & 64.0 \\\\\nHeron & 62.5 \\\\\n\\bottomrule\n\\end{tabular}\n\\caption{ARC, 25-shot.}\n"
           "\\end{table}\n")
    (tmp_path / "notes.tex").write_text(tex, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    source = tex.splitlines()
    main(["check", "notes.tex", "--format", "concise", "--no-cache"])
    (line,) = [x for x in capsys.readouterr().out.splitlines() if " CC101 " in x]
    row, column = map(int, line.split(":")[1:3])
    assert (row, source[row - 1][column - 1:].startswith("4.5 points")) == (3, True)
    main(["extract", "notes.tex", "--format", "json"])
    for claim in json.loads(capsys.readouterr().out)["claims"]:  # prose and table cells alike
        assert source[claim["line"] - 1][claim["column"] - 1:].startswith(claim["text"].split()[0]), claim
