"""Folders, patterns and batches on the command line: what is checked, with what settings, on how
many processes, and that the answer is the same however it is run."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.cli import main
from claimcheck.discover import excluded, expand
from claimcheck.report.progress import Progress

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example_digest.md"
# real digests with planted slips, several of them flagged: the checking sets kept in the repository
CHECKING = sorted((ROOT / "data" / "checking" / "dev").glob("*.md"))


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """digests/ with Markdown, text, HTML and LaTeX beside files that are no digests, a hidden
    folder and a drafts folder."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "digests"
    (root / "2024" / "drafts").mkdir(parents=True)
    (root / ".git").mkdir()
    text = EXAMPLE.read_text()
    (root / "b.md").write_text(text)
    (root / "a.txt").write_text(text)
    (root / "2024" / "c.markdown").write_text(text)
    (root / "2024" / "drafts" / "d.md").write_text(text)
    (root / "2024" / "e.draft.md").write_text(text)
    (root / ".git" / "f.md").write_text(text)
    (root / "results.json").write_text("{}")
    (root / "table.csv").write_text("a,b\n1,2\n")
    return root


def _names(paths):
    return [Path(p).relative_to("digests").as_posix() for p in paths]


def test_a_folder_is_searched_for_digests_in_sorted_order(tree):
    assert _names(expand(["digests"])) == ["2024/c.markdown", "2024/drafts/d.md", "2024/e.draft.md", "a.txt", "b.md"]


def test_exclusions_match_names_folders_and_path_endings(tree):
    assert _names(expand(["digests"], ["drafts", "*.draft.md"])) == ["2024/c.markdown", "a.txt", "b.md"]
    assert _names(expand(["digests"], ["2024/*"])) == ["a.txt", "b.md"]
    assert not excluded("digests/2024/c.markdown", ["c.md", "2023", "drafts/*"])


def test_a_pattern_the_shell_left_alone_is_expanded(tree):
    assert _names(expand(["digests/**/*.md"])) == ["2024/drafts/d.md", "2024/e.draft.md", "b.md"]
    # a pattern without an extension finds digests only; one with an extension finds what it names
    assert _names(expand(["digests/*"])) == ["2024/c.markdown", "2024/drafts/d.md", "2024/e.draft.md",
                                             "a.txt", "b.md"]
    assert _names(expand(["digests/*.json"])) == ["results.json"]


def test_a_file_named_is_checked_even_when_a_pattern_excludes_it_and_each_file_once(tree):
    named = "digests/2024/drafts/d.md"
    assert _names(expand([named, "digests"], ["drafts"])) == ["2024/drafts/d.md", "2024/c.markdown",
                                                              "2024/e.draft.md", "a.txt", "b.md"]


def test_a_folder_or_pattern_with_no_digest_is_a_usage_error(tree, capsys):
    (tree / "empty").mkdir()
    assert main(["check", "digests/empty"]) == 2
    assert "digests/empty: no digest in this folder" in capsys.readouterr().err
    assert main(["check", "digests/*.pdf"]) == 2
    assert "no file matches this pattern" in capsys.readouterr().err


def test_folder_run_reports_every_file_it_found(tree, capsys):
    assert main(["check", "digests", "--exclude", "drafts", "--format", "json", "--jobs", "1"]) == 1
    report = json.loads(capsys.readouterr().out)
    documents = sorted(Path(d["name"]).name for d in report["documents"])
    assert documents == ["a.txt", "b.md", "c.markdown", "e.draft.md"]


def test_exclude_from_the_configuration(tree, capsys):
    Path("claimcheck.toml").write_text('exclude = ["2024"]\n')
    assert main(["check", "digests", "--statistics", "--jobs", "1"]) == 1
    assert "in 2 of 2 file(s)" in capsys.readouterr().out


@pytest.mark.skipif(len(CHECKING) < 6, reason="the checking set is not in this tree")
def test_two_processes_give_the_output_of_one(tmp_path, capsys):
    digests = [str(p) for p in CHECKING[:8]]
    outputs = {}
    for jobs in ("1", "2"):
        main(["check", *digests, "--format", "json", "--jobs", jobs, "--no-cache"])
        outputs[jobs] = capsys.readouterr().out
    assert outputs["1"] == outputs["2"]
    assert len(json.loads(outputs["1"])["findings"]) > 0


def test_jobs_must_be_positive(capsys):
    assert main(["check", str(EXAMPLE), "--jobs", "0"]) == 2
    assert "--jobs must be 1 or more" in capsys.readouterr().err


def test_statistics_count_the_findings_by_rule(tmp_path, capsys):
    copy = tmp_path / "copy.md"
    copy.write_text(EXAMPLE.read_text().replace("3.1 points", "2.1 points"))
    files = [str(EXAMPLE), str(copy), str(EXAMPLE)]  # a file named twice is checked once
    assert main(["check", *files, "--format", "json", "--jobs", "1"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert main(["check", *files, "--statistics", "--jobs", "1"]) == 1
    lines = capsys.readouterr().out.splitlines()
    counted = {line.split()[1]: int(line.split()[0]) for line in lines[:-1]}
    expected: dict[str, int] = {}
    for finding in findings:
        expected[finding["rule"]] = expected.get(finding["rule"], 0) + 1
    assert counted == expected
    assert lines[-1] == f"{len(findings)} finding(s) in 2 of 2 file(s)"
    assert [int(line.split()[0]) for line in lines[:-1]] == sorted(counted.values(), reverse=True)


def test_each_file_is_checked_with_the_configuration_of_its_own_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for folder, code in (("margins", "CC101"), ("ratios", "CC102")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "claimcheck.toml").write_text(f'select = ["{code}"]\n')
        shutil.copy(EXAMPLE, tmp_path / folder / "digest.md")
    assert main(["check", "margins", "ratios", "--format", "json", "--jobs", "1"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    rules = {(Path(f["claim"]["document"]).parent.name, f["rule"]) for f in findings}
    assert rules == {("margins", "CC101"), ("ratios", "CC102")}
    # the command line's choice is over every folder's
    assert main(["check", "margins", "ratios", "--select", "CC107", "--format", "json", "--jobs", "1"]) == 1
    assert {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]} == {"CC107"}


def test_stdin_filename_names_the_input_and_finds_its_configuration(tmp_path, monkeypatch, capsys):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "claimcheck.toml").write_text('select = ["CC106"]\n')
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(EXAMPLE.read_bytes())))
    name = str(tmp_path / "notes" / "draft.md")
    assert main(["check", "-", "--stdin-filename", name, "--format", "concise"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith(f"{name}:") and " CC106 " in line for line in lines)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_only_and_erased_at_the_end():
    quiet = io.StringIO()
    with Progress(10, quiet, after=0.0) as progress:
        progress.update(5, 10)
    assert quiet.getvalue() == ""
    shown = _Terminal()
    with Progress(10, shown, after=0.0) as progress:
        progress.update(5, 10)
        assert "5/10 files" in shown.getvalue() and "files/s" in shown.getvalue() and "left" in shown.getvalue()
    assert shown.getvalue().endswith("\r\x1b[K")


def test_version_and_help_import_nothing_heavy():
    code = ("import sys\nfrom claimcheck.cli import main\n"
            "for args in (['--version'], ['check', '--help']):\n"
            "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
            "heavy = [m for m in ('spacy', 'pandas', 'pdfplumber', 'claimcheck.api', 'claimcheck.verify') if m in sys.modules]\n"
            "print(heavy)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_the_package_extract_is_callable_whichever_import_came_first():
    code = ("import claimcheck.extract.claims, claimcheck\n"
            f"claims = claimcheck.extract({str(EXAMPLE)!r})\n"
            "print(len(claims) > 10, callable(claimcheck.extract))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["True", "True"]
