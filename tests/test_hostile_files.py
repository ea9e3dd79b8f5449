"""Hostile files and streams (issue 16, points 4 and 7): no input is ever written, and every
input ends in a documented exit code with one line naming the file and the problem, quickly.

Each case runs the command line in a process of its own (forked from a warm server, see
forked_cli.py; the stdin of /dev/zero in a fresh interpreter) and checks the exit code, the one stderr line,
and that every input file still holds the bytes (and is still the kind of file) it held before."""
from __future__ import annotations

import io
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import forked_cli

TIMEOUT = 60
DIGEST = "# Kite\nKite scores 71.4 on MMLU, 3.1 points ahead of Ray (69.3).\n"
FACTS = "subject,metric,value\nKite,mmlu,71.4\n"


def run(*args: str, cwd: Path, stdin: bytes | None = None, stdout=subprocess.PIPE, env=None) -> subprocess.CompletedProcess:
    return forked_cli.run(args, cwd=cwd, stdin=stdin, stdout=stdout, env=env, timeout=TIMEOUT)


def one_line(result: subprocess.CompletedProcess) -> str:
    """The single line on stderr: no traceback, never the catch-all."""
    err = result.stderr.decode("utf-8", "replace")
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err and "please report it" not in err, err
    return lines[0]


def snapshot(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every entry under `folder`: its kind (lstat) and, for a regular file, its bytes."""
    out = {}
    for path in sorted(folder.rglob("*")):
        mode = path.lstat().st_mode
        out[str(path.relative_to(folder))] = (stat.S_IFMT(mode), path.read_bytes() if stat.S_ISREG(mode) else None)
    return out


@pytest.fixture
def work(tmp_path):
    """A digest, a fact sheet, a source folder, links to the digest, a FIFO and a config."""
    (tmp_path / "digest.md").write_text(DIGEST, encoding="utf-8")
    (tmp_path / "facts.csv").write_text(FACTS, encoding="utf-8")
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "paper.md").write_text("## Kite\nKite scores 71.4 on MMLU.\n", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(tmp_path / "digest.md")
    os.link(tmp_path / "digest.md", tmp_path / "hard.md")
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "configured.csv").write_text(FACTS, encoding="utf-8")
    (tmp_path / "claimcheck.toml").write_text('sources = ["configured.csv"]\n', encoding="utf-8")
    return tmp_path


# -- point 4: outputs never replace an input or a special file --------------------------------

OUTPUTS = {  # name: (extra arguments, target, what the message says)
    "the digest": ([], "digest.md", "is an input of this run"),
    "a symbolic link to the digest": ([], "link.md", "is an input of this run"),
    "a hard link to the digest": ([], "hard.md", "is an input of this run"),
    "a source file": (["--source", "facts.csv"], "facts.csv", "is an input of this run"),
    "a file in a source folder": (["--source", "papers"], "papers/paper.md", "is an input of this run"),
    "a new file in a source folder": (["--source", "papers"], "papers/report.json", "inside the source folder"),
    "a source from the configuration": ([], "configured.csv", "is an input of this run"),
    "the configuration file": ([], "claimcheck.toml", "is an input of this run"),
    "a FIFO": ([], "pipe", "is a FIFO"),
    "a directory": ([], "papers", "is a directory"),
}


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
@pytest.mark.parametrize("name", list(OUTPUTS))
def test_outputs_never_replace_an_input_or_a_special_file(work, name, option):
    extra, target, message = OUTPUTS[name]
    before = snapshot(work)
    result = run("check", "digest.md", *extra, option, target, "--no-cache", cwd=work)
    assert result.returncode == 2
    line = one_line(result)
    assert line.startswith(f"claimcheck: error: {option} {target}: ") and message in line, line
    assert snapshot(work) == before


def test_a_baseline_read_is_never_the_output(work):
    (work / "base.json").write_text('{"format": "claimcheck-baseline", "version": 1, "findings": []}\n')
    before = snapshot(work)
    result = run("check", "digest.md", "--baseline", "base.json", "-o", "base.json", "--no-cache", cwd=work)
    assert result.returncode == 2 and "is an input of this run" in one_line(result)
    assert snapshot(work) == before


def test_extract_output_never_replaces_its_input(work):
    before = snapshot(work)
    result = run("extract", "digest.md", "-o", "hard.md", cwd=work)
    assert result.returncode == 2 and "--output hard.md: is an input of this run" in one_line(result)
    assert snapshot(work) == before


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_a_device_is_never_replaced_by_a_regular_file(work):
    result = run("check", "digest.md", "-o", "/dev/null", "--no-cache", cwd=work)
    assert result.returncode == 2 and "--output /dev/null: is a device" in one_line(result)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_new_report_and_a_rewritten_one_are_written_whole(work):
    """What may be written is: a new file gets the usual permissions, an old one keeps its own,
    and a symbolic link to a report is written through, the link kept."""
    new = run("check", "digest.md", "-o", "report.txt", "--no-cache", cwd=work)
    assert new.returncode == 1 and "CC101" in (work / "report.txt").read_text()
    assert stat.S_IMODE((work / "report.txt").stat().st_mode) == 0o666 & ~_umask()
    (work / "report.txt").chmod(0o640)
    (work / "latest.txt").symlink_to(work / "report.txt")
    again = run("check", "digest.md", "-o", "latest.txt", "--format", "json", "--no-cache", cwd=work)
    assert again.returncode == 1 and (work / "latest.txt").is_symlink()
    assert (work / "report.txt").read_text().startswith("{")
    assert stat.S_IMODE((work / "report.txt").stat().st_mode) == 0o640
    assert not list(work.glob(".*.tmp"))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# -- point 7: special files are refused before they are opened ---------------------------------

def _special(work: Path, kind: str) -> str:
    if kind == "FIFO":
        return "pipe"
    if kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        os.chdir(work)  # a socket's path is limited to about 100 bytes: bind it by its short name
        server.bind("sock")
        return "sock"
    if kind == "directory":
        return "papers"
    if kind == "symlink loop":
        (work / "loop.md").symlink_to(work / "loop2.md")
        (work / "loop2.md").symlink_to(work / "loop.md")
        return "loop.md"
    if kind == "broken link":
        (work / "gone.md").symlink_to(work / "nowhere.md")
        return "gone.md"
    if not os.path.exists(kind):
        pytest.skip(f"no {kind}")
    return kind


SPECIAL = {"FIFO": "is a FIFO", "/dev/zero": "is a device", "/dev/urandom": "is a device", "socket": "is a socket",
           "directory": "is a directory", "symlink loop": "symbolic link loop", "broken link": "broken symbolic link"}
ROLES = {  # role: (arguments given the special file's name, message prefix)
    "digest": (lambda f: ["check", f], "{f}: "),
    "extract": (lambda f: ["extract", f], "{f}: "),
    "source": (lambda f: ["check", "digest.md", "--source", f], "{f}: "),
    "baseline": (lambda f: ["check", "digest.md", "--baseline", f], "{f}: cannot read the baseline ("),
}


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("kind", list(SPECIAL))
def test_special_files_are_refused_at_once(work, monkeypatch, kind, role):
    if kind == "directory" and role in ("source", "digest", "extract"):
        pytest.skip("a folder is a valid source, digest or file to extract from: it is read file by file "
                    "(tests/test_batch_cli.py and tests/test_audit.py read folders)")
    monkeypatch.chdir(work)
    name = _special(work, kind)
    build, prefix = ROLES[role]
    before = snapshot(work)
    args = build(name) + (["--no-cache"] if role != "extract" else [])
    result = run(*args, cwd=work)  # a FIFO or /dev/zero opened would hang past the timeout
    assert result.returncode == 2
    line = one_line(result)
    assert line.startswith("claimcheck: error: " + prefix.format(f=name)) and SPECIAL[kind] in line, line
    assert snapshot(work) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
@pytest.mark.parametrize("role", ["digest", "source"])
def test_unreadable_files_are_named(work, role):
    (work / "secret.md").write_text(DIGEST)
    (work / "secret.md").chmod(0)
    args = ["check", "secret.md"] if role == "digest" else ["check", "digest.md", "--source", "secret.md"]
    result = run(*args, "--no-cache", cwd=work)
    assert result.returncode == 2 and "secret.md: permission denied" in one_line(result)


# -- standard input is decoded as files are ----------------------------------------------------

STDIN = {  # name: (bytes, exit code, what stderr says or None for nothing)
    "Latin-1": ((DIGEST.rstrip(".\n") + ", caf\u00e9 na\u00efve.\n").encode("latin-1"), 1, None),
    "UTF-16 with a byte order mark": (DIGEST.encode("utf-16"), 1, None),
    "UTF-16 big-endian with a byte order mark": (b"\xfe\xff" + DIGEST.encode("utf-16-be"), 1, None),
    "random bytes": (bytes(range(256)) * 20, 2, "<stdin>: looks like a binary file"),
    "surrogate-like bytes": (b"Kite scores 71.4 \xed\xa0\x80 on MMLU, 3.1 points ahead of Ray (69.3).\n", 1, None),
}


@pytest.mark.parametrize("name", list(STDIN))
def test_standard_input_is_decoded_as_files_are(tmp_path, name):
    data, code, message = STDIN[name]
    result = run("check", "-", "--format", "concise", "--no-cache", cwd=tmp_path, stdin=data)
    assert result.returncode == code, result.stderr
    if message:
        assert message in one_line(result)
    else:
        assert not result.stderr.strip()
        assert b"CC101" in result.stdout  # the margin was read: the text was decoded, not mangled


def test_standard_input_past_the_bound_is_refused(tmp_path):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run([sys.executable, "-m", "claimcheck", "check", "-", "--no-cache"], stdin=zero,
                                capture_output=True, timeout=TIMEOUT, cwd=tmp_path)
    assert result.returncode == 2 and "<stdin>: more than the 64 MiB an input may have" in one_line(result)


def test_files_and_streams_are_read_within_a_bound(tmp_path):
    from claimcheck.files import FileProblem, read_input, read_stream
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 101)
    assert read_input(big, limit=101) == b"x" * 101
    with pytest.raises(FileProblem, match="more than"):
        read_input(big, limit=100)
    with pytest.raises(FileProblem, match="more than"):
        read_stream(io.BytesIO(b"x" * 101), limit=100)


# -- inputs that reached "please report it" ----------------------------------------------------

def test_a_sentence_past_spacys_bound_is_reported_unread(tmp_path):
    (tmp_path / "long.md").write_text("Kite scores 71.4 on MMLU " + "x" * 1_100_000 + "\n", encoding="utf-8")
    result = run("check", "long.md", "--format", "json", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr
    assert b"CC112" in result.stdout and b"1,000,000-character sentence limit" in result.stdout


def test_a_table_header_past_spacys_bound_is_read(tmp_path):
    (tmp_path / "wide.md").write_text("| Model | " + "Acc" * 400_000 + " |\n|---|---|\n| Kite | 71.4 |\n")
    result = run("check", "wide.md", "--format", "concise", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


FACT_ROWS = {  # name: (the sheet, what the warning says)
    "a field over 128 KB": ('subject,metric,value\nKite,mmlu,71.4\nRay,mmlu,"' + "x" * 140_000 + '"\n',
                            "facts.csv:3: value 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is not a number; row skipped"),
    "a trailing comma after the value": ("subject,metric,value\nKite,mmlu,71.4\nRay,mmlu,69.3,7\n",
                                         "facts.csv:3: 4 cells where the header has 3 (extra '7'); row skipped"),
    "a decimal comma": ("subject,metric,value\nKite,mmlu,71.4\nRay,mmlu,69,3\n",
                        "facts.csv:3: 4 cells where the header has 3 (extra '3'); row skipped"),
    "a comma inside the value": ('subject,metric,value\nKite,mmlu,71.4\nRay,mmlu,"71.4,"\n',
                                 "facts.csv:3: value '71.4,' is not a number; row skipped"),
    "nan": ("subject,metric,value\nKite,mmlu,71.4\nRay,mmlu,nan\n", "facts.csv:3: value 'nan' is not a number"),
    "inf": ("subject,metric,value\nKite,mmlu,71.4\nRay,mmlu,-inf\n", "facts.csv:3: value '-inf' is not a number"),
    "1e999": ("subject,metric,value\nKite,mmlu,71.4\nRay,mmlu,1e999\n",
              "facts.csv:3: value '1e999' is beyond what a float holds; row skipped"),
    "an exponent past a float": ("subject,metric,value\nKite,mmlu,71.4\nRay,mmlu,0.00001e310\n",
                                 "facts.csv:3: value '0.00001e310' is beyond what a float holds"),
    "hexadecimal": ("subject,metric,value\nKite,mmlu,71.4\nRay,mmlu,0x10\n", "facts.csv:3: value '0x10' is not a number"),
    "underscores": ("subject,metric,value\nKite,mmlu,71.4\nRay,mmlu,1_000\n", "facts.csv:3: value '1_000' is not a number"),
    "a metric of a million characters": ("subject,metric,value,unit\nKite,mmlu,71.4,\nRay," + "speed" * 300_000
                                         + ",2.1,x\n", "facts.csv:3: metric of 1,500,000 characters"),
}


@pytest.mark.parametrize("name", list(FACT_ROWS))
def test_fact_sheet_rows_that_are_no_facts_are_skipped_with_a_warning(tmp_path, name):
    """The row is named and skipped; the good row is still checked (Kite's 71.4 agrees: no
    CC201), so the run ends as the digest's own findings say (its wrong margin: exit 1)."""
    sheet, warning = FACT_ROWS[name]
    (tmp_path / "facts.csv").write_text(sheet, encoding="utf-8")
    (tmp_path / "digest.md").write_text(DIGEST, encoding="utf-8")
    before = snapshot(tmp_path)
    result = run("check", "digest.md", "--source", "facts.csv", "--format", "concise", "--no-cache", cwd=tmp_path)
    assert result.returncode == 1
    line = one_line(result)
    assert line.startswith("claimcheck: warning: ") and warning in line, line
    assert b"CC101" in result.stdout and b"CC201" not in result.stdout
    assert snapshot(tmp_path) == before


def test_trailing_commas_on_every_line_are_harmless(tmp_path):
    (tmp_path / "facts.csv").write_text("subject,metric,value,\nKite,mmlu,80.0,\n", encoding="utf-8")
    (tmp_path / "digest.md").write_text(DIGEST, encoding="utf-8")
    result = run("check", "digest.md", "--source", "facts.csv", "--format", "concise", "--no-cache", cwd=tmp_path)
    assert result.returncode == 1 and not result.stderr.strip()
    assert b"CC201" in result.stdout  # the sheet's 80.0 was read and disagrees with the digest's 71.4


def test_many_bad_rows_are_counted_not_listed(tmp_path):
    from claimcheck.sources import load_factsheet
    sheet = tmp_path / "facts.csv"
    sheet.write_text("subject,metric,value\nKite,mmlu,71.4\n" + "Ray,mmlu,nan\n" * 50, encoding="utf-8")
    said: list[str] = []
    sources = load_factsheet(sheet, warn=said.append)
    assert [c.quantity.value for s in sources for c in s.claims] == [71.4]
    assert len(said) == 11 and said[-1] == f"{sheet}: 40 more row(s) skipped"
    assert said[0] == f"{sheet}:3: value 'nan' is not a number; row skipped"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_standard_output_is_a_clear_error(work):
    with open("/dev/full", "wb") as full:
        result = run("check", "digest.md", "--no-cache", cwd=work, stdout=full)
    assert result.returncode == 2
    assert one_line(result) == "claimcheck: error: cannot write the report to standard output: No space left on device"


CONFIGS = {  # name: (file, content, what the message says)
    "[[tool]] in pyproject.toml": ("pyproject.toml", '[[tool]]\nname = "x"\n', "[tool] must be a table, got list"),
    "tool as a string": ("pyproject.toml", 'tool = "x"\n', "[tool] must be a table, got str 'x'"),
    "a source path that is a number": ("pyproject.toml", '[tool.claimcheck.sources]\n"2606.25040" = 7\n',
                                       "sources.2606.25040: expected ARXIV_ID = \"path\""),
    "a source table keyed by no arXiv id": ("claimcheck.toml", 'sources = {a = "x.csv"}\n', "sources.a: expected ARXIV_ID"),
    "a list of sources holding a list": ("claimcheck.toml", "sources = [[1]]\n", "expected a list of paths"),
    "a tolerance of nineteen nines": ("claimcheck.toml", "tolerance = " + "9" * 19 + "\n", "expected a fraction"),
    "a tolerance of nan": ("claimcheck.toml", "tolerance = nan\n", "expected a fraction in [0, 1), got float nan"),
    "nesting ten thousand deep": ("claimcheck.toml", "a = " + "[" * 10_000 + "]" * 10_000 + "\n", "nested too deeply"),
    "a baseline that is a table": ("claimcheck.toml", "[baseline]\nx = 1\n", "baseline: expected a file name, got dict"),
    "a configuration that is a FIFO": ("claimcheck.toml", None, "is a FIFO"),
}


@pytest.mark.parametrize("name", list(CONFIGS))
def test_configuration_of_the_wrong_shape_is_exit_2(tmp_path, name):
    filename, content, message = CONFIGS[name]
    if content is None:
        os.mkfifo(tmp_path / filename)
    else:
        (tmp_path / filename).write_text(content, encoding="utf-8")
    (tmp_path / "digest.md").write_text(DIGEST, encoding="utf-8")
    result = run("check", "digest.md", "--no-cache", cwd=tmp_path)
    assert result.returncode == 2
    line = one_line(result)
    assert line.startswith(f"claimcheck: error: {tmp_path / filename}") and message in line, line


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "NaN"])
def test_a_tolerance_that_is_no_fraction_is_exit_2(tmp_path, value):
    (tmp_path / "digest.md").write_text(DIGEST, encoding="utf-8")
    result = run("check", "digest.md", f"--tolerance={value}", "--no-cache", cwd=tmp_path)
    assert result.returncode == 2 and "--tolerance must be a fraction in [0, 1)" in one_line(result)


# -- the second campaign (474 cases, black box): what still ended wrong -----------------------

def _huge_integer() -> str:
    return "9" * 4301  # past the digits Python converts to an int by default


def test_integers_past_pythons_digit_limit_are_named_not_internal(work):
    (work / "base.json").write_text('{"format": "claimcheck-baseline", "findings": ' + _huge_integer() + '}')
    result = run("check", "digest.md", "--baseline", "base.json", "--no-cache", cwd=work)
    assert result.returncode == 2 and "base.json: not a claimcheck baseline" in one_line(result)
    (work / "results.json").write_text('{"Kite": {"mmlu": ' + _huge_integer() + '}}')
    result = run("check", "digest.md", "--source", "results.json", "--no-cache", cwd=work)
    assert result.returncode == 3 and "could not check against results.json: not JSON" in one_line(result)
    (work / "claimcheck.toml").write_text(f"tolerance = {_huge_integer()}\n")
    result = run("check", "digest.md", "--no-cache", cwd=work)
    assert result.returncode == 2 and "claimcheck.toml: not valid TOML" in one_line(result)


@pytest.mark.parametrize("content", ["not json\n", '{"x": 1}\n', '[1, 2]\n', b"\xff\xfe{}\n"])
def test_a_pattern_folder_that_does_not_load_is_a_usage_error(work, content):
    folder = work / "mine"
    folder.mkdir()
    data = content if isinstance(content, bytes) else content.encode()
    (folder / "metrics.jsonl").write_bytes(data)
    result = run("check", "digest.md", "--no-cache", cwd=work, env={**os.environ, "CLAIMCHECK_PATTERNS": str(folder)})
    assert result.returncode == 2 and "CLAIMCHECK_PATTERNS" in one_line(result) and "do not load" in one_line(result)
    result = run("check", "digest.md", "--no-cache", cwd=work,
                 env={**os.environ, "CLAIMCHECK_PATTERNS": str(work / "nowhere")})
    assert result.returncode == 2 and "not a folder" in one_line(result)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
@pytest.mark.parametrize("name", ["page.html", "paper.tex"])
def test_markup_with_a_byte_order_mark_is_decoded(work, name, encoding):
    body = "Kite reaches 71.4 on MMLU, 9.9 points above Ray (69.3).\n"
    (work / name).write_bytes((f"<p>{body}</p>" if name.endswith("html") else body).encode(encoding))
    result = run("check", name, "--no-cache", "--format", "concise", cwd=work)
    assert result.returncode == 1 and b"CC101" in result.stdout, result.stdout


@pytest.mark.parametrize("sheet", ["paper,arxiv,subject,metric,setting,value,unit,where\n",
                                   'paper,arxiv,subject,metric,setting,value,unit,where\nP,1,"Kite,mmlu,,71.4,,T1\n'])
def test_a_fact_sheet_without_a_value_is_no_silent_pass(work, sheet):
    (work / "facts.csv").write_text(sheet)
    result = run("check", "digest.md", "--source", "facts.csv", "--no-cache", cwd=work)
    assert result.returncode == 3 and "no row of the fact sheet has a value" in one_line(result)


def test_a_baseline_is_read_or_written_never_both(work):
    assert run("check", "digest.md", "--write-baseline", "base.json", "--no-cache", cwd=work).returncode == 0
    before = snapshot(work)
    result = run("check", "digest.md", "--baseline", "base.json", "--write-baseline", "base.json", "--no-cache", cwd=work)
    assert result.returncode == 2 and "read or written, not both" in one_line(result)
    result = run("check", "digest.md", "-o", "base.json", "--write-baseline", "base.json", "--no-cache", cwd=work)
    assert result.returncode == 2 and "one would replace the other" in one_line(result)
    assert snapshot(work) == before


def test_a_configuration_that_is_a_link_loop_is_refused(work):
    (work / "claimcheck.toml").unlink()
    (work / "claimcheck.toml").symlink_to(work / "claimcheck.toml")
    result = run("check", "digest.md", "--no-cache", cwd=work)
    assert result.returncode == 2 and "claimcheck.toml" in one_line(result)


def test_the_pyproject_table_pasted_into_claimcheck_toml_is_read(work):
    (work / "claimcheck.toml").write_text('[tool.claimcheck]\nselect = ["CC105"]\n')
    result = run("check", "digest.md", "--no-cache", "--format", "concise", cwd=work)
    assert result.returncode == 0 and not result.stderr.strip()  # only CC105 ran: the wrong margin is not reported


def test_an_empty_file_name_is_named(work):
    result = run("check", "", cwd=work)
    assert result.returncode == 2 and "empty file name" in one_line(result)


def test_dash_as_output_is_standard_output(work):
    result = run("check", "digest.md", "-o", "-", "--no-cache", "--format", "concise", cwd=work)
    assert result.returncode == 1 and b"CC101" in result.stdout
    assert not (work / "-").exists()


def test_a_stray_nul_in_a_text_is_read(work):
    (work / "nul.md").write_bytes(DIGEST.encode() * 20 + b"\x00\n")
    result = run("check", "nul.md", "--no-cache", "--format", "concise", cwd=work)
    assert result.returncode == 1 and b"CC101" in result.stdout, result.stderr


def test_a_step_summary_that_cannot_be_written_is_named(work):
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(work / "missing" / "summary.md")}
    result = run("check", "digest.md", "--format", "github", "--no-cache", cwd=work, env=env)
    assert result.returncode == 1 and result.stdout.startswith(b"::error ")
    assert "GITHUB_STEP_SUMMARY" in one_line(result) and "no step summary written" in one_line(result)
