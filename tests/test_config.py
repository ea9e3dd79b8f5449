"""Configuration: found by walking up, CLI > environment > file > defaults, errors that name the key."""
from __future__ import annotations

import json

import pytest

from claimcheck import config
from claimcheck.cli import main

WRONG = ("## Kite\nKite scores 71.4 mAP on COCO, 3.1 points ahead of StrongDet (69.3).\n"
         "Recall rises from 40% to 52%, a 12% improvement.\n")


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "docs" / "drafts").mkdir(parents=True)
    (tmp_path / "docs" / "drafts" / "d.md").write_text(WRONG, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "docs" / "drafts")
    for name in ("CLAIMCHECK_SELECT", "CLAIMCHECK_IGNORE", "CLAIMCHECK_FAIL_ON", "CLAIMCHECK_FORMAT",
                 "CLAIMCHECK_TOLERANCE", "CLAIMCHECK_BASELINE"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_pyproject_table_is_found_walking_up(project, capsys):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.claimcheck]\nignore = ["CC101"]\n'
                                            'fail-on = "warning"\nformat = "concise"\n')
    assert main(["check", "d.md"]) == 1          # the CC103 warning fails because of fail-on
    out = capsys.readouterr().out
    assert "CC103" in out and "CC101" not in out and out.startswith("d.md:3:")


def test_claimcheck_toml_wins_over_pyproject_and_cli_wins_over_both(project, capsys, monkeypatch):
    (project / "pyproject.toml").write_text('[tool.claimcheck]\nselect = ["CC103"]\n')
    (project / "docs" / "claimcheck.toml").write_text('select = ["CC101"]\n[severity]\nCC101 = "warning"\n')
    assert main(["check", "d.md", "--format", "json"]) == 0    # CC101 only, and only a warning now
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("CC101", "warning")]
    monkeypatch.setenv("CLAIMCHECK_FAIL_ON", "warning")           # environment over the file
    assert main(["check", "d.md"]) == 1
    assert main(["check", "d.md", "--fail-on", "never"]) == 0    # the command line over both
    capsys.readouterr()


def test_sources_from_configuration_are_relative_to_the_file(project, capsys):
    (project / "facts.csv").write_text("paper,subject,metric,value\nKite,Kite,COCO mAP,71.4\n", encoding="utf-8")
    (project / "claimcheck.toml").write_text('sources = ["facts.csv"]\n')
    main(["check", "d.md", "--format", "json"])
    verdicts = {f["verdict"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "supported" in verdicts


@pytest.mark.parametrize("content, message", [
    ("selekt = ['CC101']\n", "unknown key 'selekt'"),
    ("select = ['CC999']\n", "unknown rule code CC999"),
    ("fail-on = 'sometimes'\n", "fail-on: expected error, warning or never"),
    ("tolerance = 'tight'\n", "tolerance: expected a number"),
    ("tolerance = 2\n", "tolerance: expected a fraction"),
    ("format = 'pdf'\n", "format: expected one of"),
    ("[severity]\nCC101 = 'fatal'\n", "CC101: expected error, warning or info"),
    ("select = [\n", "not valid TOML"),
    ("exclude = [3]\n", "exclude: expected a list of patterns"),
])
def test_configuration_errors_name_the_key(project, capsys, content, message):
    (project / "claimcheck.toml").write_text(content)
    assert main(["check", "d.md"]) == 2
    err = capsys.readouterr().err
    assert message in err and "claimcheck.toml" in err and "Traceback" not in err


def test_bad_environment_values_are_named(project, capsys, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_FORMAT", "yaml")
    assert main(["check", "d.md"]) == 2
    assert "environment (CLAIMCHECK_*): format" in capsys.readouterr().err


def test_no_configuration_means_defaults(project):
    settings = config.load(project / "docs" / "drafts", environ={})
    assert (settings.select, settings.fail_on, settings.format, settings.tolerance, settings.path) == (
        None, "error", "text", 0.0, None)
