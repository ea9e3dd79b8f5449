"""The report's contract: the JSON Schema every JSON output meets, the rule pages every output
links to, columns as reviewdog counts them, and golden outputs of the bundled example in every
format (regenerate with `CLAIMCHECK_UPDATE_GOLDEN=1 python3 -m pytest tests/test_report_contract.py`
after a change you mean, and review the diff)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claimcheck.cli import FORMATS, main
from claimcheck.report.rule_docs import render_index, render_rule_page, rule_url
from claimcheck.verify import RULES

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "report-schema-1.json").read_text())
GOLDEN = Path(__file__).resolve().parent / "golden"
# a digest of the checking set with the paper it summarises (in the repository): findings with
# evidence from a PDF (pages, boxes) as well as from the digest itself
CHECKED = ROOT / "data" / "checking" / "dev" / "s1_01.md"


def _validate(payload: dict) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(payload)


def _json_of(capsys, *argv) -> dict:
    main([*argv, "--format", "json"])
    return json.loads(capsys.readouterr().out)


def test_the_schema_is_itself_valid_and_not_vacuous():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        _validate({"schema": 1, "documents": [], "findings": [], "surprise": 1})
    with pytest.raises(jsonschema.ValidationError):
        _validate({"schema": 2, "documents": [], "findings": []})


def test_every_json_output_meets_the_schema(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    example = "data/example_digest.md"
    reports = [_json_of(capsys, "check", example), _json_of(capsys, "extract", example),
               _json_of(capsys, "extract", example, "--all")]
    if CHECKED.exists():
        sources = (CHECKED.parent / (CHECKED.stem + ".sources")).read_text().split()
        args = [a for s in sources for a in ("--source", str((CHECKED.parent / s).resolve()))]
        checked = _json_of(capsys, "check", str(CHECKED), *args)
        assert any(e["page"] for f in checked["findings"] for e in f["evidence"])  # PDF evidence is covered
        reports.append(checked)
    import claimcheck
    reports.append(json.loads(claimcheck.check(ROOT / example).to_json()))
    for report in reports:
        _validate(report)
    kinds = {f["claim"]["kind"] for f in reports[0]["findings"]}
    assert len(kinds) > 2 and all(f["claim"]["dataset"] is None or f["claim"]["dataset"] for f in reports[0]["findings"])


def test_every_rule_has_its_page_and_the_pages_are_current():
    folder = ROOT / "docs" / "rules"
    for code, rule in RULES.items():
        page = folder / f"{code}.md"
        assert page.read_text() == render_rule_page(rule), f"{page} is stale: run python3 tools/make_rule_docs.py"
    assert (folder / "README.md").read_text() == render_index(RULES)
    assert {p.stem for p in folder.glob("CC*.md")} == set(RULES)


def test_sarif_and_rdjson_link_each_rule_to_its_page(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    main(["check", "data/example_digest.md", "--format", "sarif"])
    driver = json.loads(capsys.readouterr().out)["runs"][0]["tool"]["driver"]
    assert {r["id"]: r["helpUri"] for r in driver["rules"]} == {code: rule_url(code) for code in RULES}
    assert all(uri.endswith(f"/docs/rules/{code}.md") for code, uri in ((r["id"], r["helpUri"]) for r in driver["rules"]))
    main(["check", "data/example_digest.md", "--format", "rdjson"])
    diagnostics = json.loads(capsys.readouterr().out)["diagnostics"]
    assert diagnostics and all(d["code"]["url"] == rule_url(d["code"]["value"]) for d in diagnostics)


def test_rdjson_columns_count_utf8_bytes(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # before the figure: é (2 bytes), an em dash (3), guillemets (2 each), a rocket (4)
    line = "Kité — «fast» 🚀 scores 71.4 mAP on COCO, 3.1 points ahead of StrongDet (69.3)."
    Path("u.md").write_text(f"## Kite\n{line}\n", encoding="utf-8")
    main(["check", "u.md", "--format", "rdjson"])
    diagnostic = json.loads(capsys.readouterr().out)["diagnostics"][0]
    where = diagnostic["location"]["range"]
    encoded = line.encode("utf-8")
    first = encoded.index(b"3.1 points")
    assert where["start"] == {"line": 2, "column": first + 1}
    assert encoded[where["start"]["column"] - 1:where["end"]["column"] - 1] == b"3.1 points"
    main(["check", "u.md", "--format", "concise"])
    assert capsys.readouterr().out.startswith(f"u.md:2:{line.index('3.1 points') + 1}: ")  # characters there


@pytest.mark.parametrize("form", FORMATS)
def test_golden_output_of_the_example(form, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    main(["check", "data/example_digest.md", "--format", form])
    out = capsys.readouterr().out
    golden = GOLDEN / f"example.{form}"
    if os.environ.get("CLAIMCHECK_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8"), f"{golden} differs: review and regenerate"
