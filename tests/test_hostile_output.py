"""Control characters from a digest or its file name never reach a terminal, a CI log or an XML
parser raw: every output format shows them as backslash escapes (or, in JSON, JSON escapes),
keeps Unicode text as it is, and a file name with undecodable bytes renders in every format."""
from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET

import pytest

import forked_cli

from claimcheck.report.ci import escape_property
from claimcheck.report.visible import dumps, visible

SEQUENCES = {
    "csi": "\x1b[31m",            # ANSI colour
    "osc": "\x1b]0;title\x07",    # set the window title
    "c1": "\x85\x9b",             # C1: next line, CSI
    "bs": "\x08",                 # backspace
    "cr": "\r",                   # carriage return: overwrite the line
    "c0": "\x01\x7f",             # other C0 and DEL
}
UNICODE = "é 漢字 × ±"
# anything a terminal or XML parser would act on; tab and newline are the formats' own
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@pytest.fixture(scope="module")
def digests(tmp_path_factory):
    """One flagged digest per sequence, the sequence in its flagged sentence, its heading and
    its file name, and one whose file name holds an undecodable byte."""
    folder = tmp_path_factory.mktemp("hostile-output")
    names = []
    for key, seq in SEQUENCES.items():
        name = f"{key}{seq}name.md"
        (folder / name).write_text(f"## Kite{seq}\nLatency {seq}fell from 160 s to 78.9 s, a 3.5x speedup "
                                   f"{seq}here, {UNICODE}.\n", encoding="utf-8")
        names.append(name)
    undecodable = os.fsdecode(b"bad\xff.md")
    with open(os.path.join(os.fsencode(folder), b"bad\xff.md"), "w", encoding="utf-8") as handle:
        handle.write(f"Latency fell from 160 s to 78.9 s, a 3.5x speedup, {UNICODE}.\n")
    names.append(undecodable)
    return folder, names


def run(folder, names, *argv) -> str:
    """`claimcheck ...` on the digests; stdout as strict UTF-8 (an undecodable byte fails here)."""
    done = forked_cli.run([*argv, *names], cwd=folder, timeout=300,
                          env={**os.environ, "CLAIMCHECK_CACHE": str(folder / ".cache")})
    stderr = done.stderr.decode("utf-8", "replace")
    assert "please report it" not in stderr and "Traceback" not in stderr, stderr
    assert done.returncode in (0, 1), stderr
    return done.stdout.decode("utf-8")


def no_raw_controls(text: str) -> None:
    found = sorted({hex(ord(c)) for c in RAW.findall(text)})
    assert not found, f"raw control characters in the output: {found}"


@pytest.mark.parametrize("text, shown", [
    ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
    ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
    ("a\x85b\x9bc", "a\\x85b\\x9bc"),
    ("over\rwrite\x08\x00\x7f", "over\\x0dwrite\\x08\\x00\\x7f"),
    ("one\ntwo", "one\\x0atwo"),
    (os.fsdecode(b"bad\xff.md"), "bad\\xff.md"),
    ("lone \ud800 \ufffe", "lone \\ud800 \\ufffe"),
    (f"{UNICODE}\tcol", f"{UNICODE}\tcol"),   # Unicode text and tabs as they are
])
def test_visible(text, shown):
    assert visible(text) == shown


def test_json_with_an_undecodable_file_name():
    out = dumps({"name": os.fsdecode(b"bad\xff.md"), "text": "\x1b[31m" + UNICODE}, ensure_ascii=False)
    out.encode("utf-8")  # encodable
    assert json.loads(out) == {"name": "bad\\xff.md", "text": "\x1b[31m" + UNICODE}


@pytest.mark.parametrize("form", ["text", "concise", "github"])
def test_line_formats_show_controls_as_escapes(digests, form, tmp_path, monkeypatch):
    folder, names = digests
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = run(folder, names, "check", "--format", form)
    no_raw_controls(out)
    for name in names:
        shown = escape_property(visible(name)) if form == "github" else visible(name)
        assert shown in out, (name, out)
        assert "\\" in shown
    if form == "text":
        for key, seq in SEQUENCES.items():
            if key != "cr":  # a carriage return in the text ends the line when it is read
                assert f"{visible(seq)}fell from 160 s" in out and f"{visible(seq)}here, {UNICODE}." in out
        assert out.count("error CC102") == len(names)
    else:
        assert out.count("CC102") == len(names)
    if form == "github":
        text = summary.read_text(encoding="utf-8")
        no_raw_controls(text)
        assert visible(names[0]) in text and text.count("| CC102 |") == len(names)


def test_junit_parses_with_control_characters_in_file_names(digests):
    folder, names = digests
    out = run(folder, names, "check", "--format", "junit")
    no_raw_controls(out)
    root = ET.fromstring(out.encode("utf-8"))
    cases = root.findall(".//testcase")
    assert sorted(case.get("classname") for case in cases) == sorted(visible(n) for n in names)
    failures = [case.find("failure") for case in cases]
    assert all(f is not None and f.get("type") == "error" and "CC102" in f.text for f in failures)


@pytest.mark.parametrize("form", ["json", "sarif", "rdjson"])
def test_json_formats_parse_with_any_file_name(digests, form):
    """JSON escapes control characters itself (they come back as they were); undecodable bytes
    become backslash escapes."""
    folder, names = digests
    out = run(folder, names, "check", "--format", form)
    no_raw_controls(out)
    data = json.loads(out)
    expected = sorted(n.replace(os.fsdecode(b"\xff"), "\\xff") for n in names)
    if form == "json":
        assert sorted(d["name"] for d in data["documents"]) == expected
        assert {f["rule"] for f in data["findings"] if f["severity"] == "error"} == {"CC102"}
        assert len({f["fingerprint"] for f in data["findings"] if f["rule"] == "CC102"}) == len(names)
    elif form == "sarif":
        results = [r for r in data["runs"][0]["results"] if r["ruleId"] == "CC102"]
        uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results)
        assert uris == expected
    else:
        assert sorted(d["location"]["path"] for d in data["diagnostics"]) == expected


def test_html_report_stays_escaped(digests, tmp_path):
    folder, names = digests
    report = tmp_path / "report.html"
    run(folder, names, "check", "--format", "html", "-o", str(report))
    html = report.read_bytes().decode("utf-8")
    no_raw_controls(html)
    for name in names:
        assert visible(name) in html
    assert f"{visible(SEQUENCES['osc'])}here, {UNICODE}." in html
    assert html.count("<script") == 1  # only the report's own script


@pytest.mark.parametrize("form", ["table", "json"])
def test_extract_tables_show_controls_as_escapes(digests, form):
    folder, names = digests
    out = run(folder, names, "extract", "--all", "--format", form)
    no_raw_controls(out)
    if form == "json":
        documents = json.loads(out)["documents"]
        assert len(documents) == len(names) and all(d["claims"] for d in documents)
    else:
        assert all(visible(n) in out for n in names)


def test_error_lines_show_controls_in_file_names_as_escapes(tmp_path):
    missing = "missing\x1b[31m\x1b]0;owned\x07.md"
    result = forked_cli.run(["check", missing], cwd=tmp_path)
    result.stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert "missing\\x1b[31m\\x1b]0;owned\\x07.md" in result.stderr
    no_raw_controls(result.stderr)


def test_a_baseline_of_a_file_name_with_undecodable_bytes_round_trips(tmp_path):
    name = os.fsencode(tmp_path) + b"/bad\xff.md"
    with open(name, "wb") as handle:
        handle.write(b"## Kite\nKite scores 71.4 mAP on COCO, 3.1 points ahead of StrongDet (69.3).\n")
    digest = os.fsdecode(name)
    written = forked_cli.run(["check", digest, "--write-baseline", "bl.json"], cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert len(json.loads((tmp_path / "bl.json").read_text(encoding="utf-8"))["findings"]) == 1
    silenced = forked_cli.run(["check", digest, "--baseline", "bl.json"], cwd=tmp_path)
    assert silenced.returncode == 0 and b"1 finding(s) silenced" in silenced.stderr
