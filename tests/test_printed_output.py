"""Lines a program printed inside a fenced block are read as prose; the code around them stays
code. The blocks are written for these tests, in the shapes shells, notebooks and benchmark
harnesses print."""
from __future__ import annotations

import pytest

from claimcheck.extract.claims import LONGEST_SENTENCE, _at_most_a_sentence, _units
from claimcheck.ingest.printed import block_tag, is_printed, printed_lines
from claimcheck.ingest.text import parse_text
from test_table_structure import extractor, read  # noqa: F401  (the fixture and reader the table tests share)


@pytest.mark.parametrize("line", [
    "Elapsed: 4.82 s",
    "Peak memory: 1.7 GiB (3.1 M allocations)",
    "  48213 requests in 30.00s, 12.4MB read",
    "Total:        9031122   100.00%",
    "   1204 lib/parser/lexer.rs",
    "Out[4]: 7731.5",
    "Before: 1204 objects, total size = 88120 bytes",
    "* top1 71.240 top5 90.118 loss 1.207",
    "peak_rss          182MB",                   # a measure printed with its unit
])
def test_output_lines_are_printed(line):
    assert is_printed(line)


@pytest.mark.parametrize("line", [
    "$ ./bench --threads 8",                     # a prompt
    ">>> measure(runs=5)",                       # a REPL prompt
    "In [4]: sizes = load(128)",                # a notebook cell
    "# run 2 (cold cache)",                      # a comment
    "total = sum(sizes[:16])",                   # an assignment and a call
    "warmup=3 repeat=20",                        # settings as key=value
    "loadgen -c 64 -d 30",                       # command-line options
    "    retries += 1;",                         # a statement
    "cargo bench --bench decode -- 2>&1 \\",     # a continued command
    "  }, 250)",                                 # a closing bracket
    "result = 42",                               # an assignment of a figure
    "warmup_steps      200",                     # a setting listed: a variable and a bare value
    "max_seq_len: 4096",
])
def test_code_lines_are_not_printed(line):
    assert not is_printed(line)


def test_lines_without_figures_are_not_taken():
    assert not is_printed("Done. All checks passed.")


def test_a_configuration_block_is_all_code():
    lines = ["```yaml", "threads: 8", "timeout: 30 s", "```"]
    assert printed_lines(lines, 1, 2, block_tag("yaml")) == []
    assert printed_lines(lines, 1, 2, block_tag("")) == [1, 2]
    # and read so from a document: the YAML block's figures stay code
    document = parse_text("\n".join(lines) + "\n", "t.md")
    assert document.in_code(document.text.index("30 s")) and document.printed == ()


def test_a_directive_block_holds_no_output():
    lines = ["```{figure} plots/latency.png", ":width: 80%", "Latency of 3 runs", "```"]
    assert block_tag(" {figure} plots/latency.png") == "{figure}"
    assert printed_lines(lines, 1, 2, block_tag("{figure} plots/latency.png")) == []
    assert parse_text("\n".join(lines) + "\n", "t.md").printed == ()


SESSION = """Decoding the sample file with the new build:

```console
$ ./decode --threads 4 sample.bin
Decoded 51200 frames in 2.35 s
Throughput: 21787 frames/s
```
"""


def test_a_session_reads_its_output_and_not_its_command(extractor):
    document = parse_text(SESSION, "t.md")
    assert document.in_code(SESSION.index("--threads 4"))
    assert not document.in_code(SESSION.index("2.35 s"))
    claims, others = read(extractor, SESSION)
    assert (5, "2.35 s") in claims or (5, "2.35") in claims
    assert others[(4, "4")].reason.startswith("code")


def test_a_line_of_a_printed_table_is_not_taken_twice():
    text = "```\n  stage     avg      p99\n  parse     1.2ms    3.4ms\n  plan      0.8ms    2.0ms\n\nAll stages: 2.8 ms\n```\n"
    document = parse_text(text, "t.md")
    table_cells = [c for c in document.cells if c.text == "1.2ms"]
    assert len(table_cells) == 1
    assert not document.in_code(text.index("2.8 ms"))


def test_a_long_run_of_word_characters_is_one_word():
    # a call is looked for at a word's start only (so a run of word characters is read once):
    # a long word with a figure is output, and a long name before '(' is still a call
    line = "a" * 300 + "1"
    assert is_printed(line)
    assert not is_printed("x" * 390 + "(1)")


def test_each_printed_line_is_a_unit_of_its_own():
    # a log's lines end with no full stop: read as one wrapped sentence, each figure would take
    # its measure from any line of the log
    text = "```\nepoch 1: loss 0.91 in 12.0 s\nepoch 2: loss 0.64 in 11.8 s\nepoch 3: loss 0.52 in 11.9 s\n```\n"
    document = parse_text(text, "t.md")
    units = [text[a:b] for a, b in _units(document, text) if not document.in_code(a)]
    assert units == ["epoch 1: loss 0.91 in 12.0 s", "epoch 2: loss 0.64 in 11.8 s", "epoch 3: loss 0.52 in 11.9 s"]


def test_wrapped_prose_still_runs_over_lines():
    text = "The new kernel cuts decoding latency\nfrom 41 ms to 29 ms on the same card.\n"
    document = parse_text(text, "t.md")
    assert [text[a:b] for a, b in _units(document, text)] == [text.strip()]


def test_a_run_of_lines_without_a_sentence_end_is_cut_at_line_breaks():
    lines = [f"worker {i} finished its 40 jobs in 3.{i % 10} s" for i in range(400)]
    text = "\n".join(lines)
    pieces = _at_most_a_sentence(text, 0, len(text))
    assert len(pieces) > 1
    assert all(b - a <= LONGEST_SENTENCE for a, b in pieces)
    # nothing lost, nothing cut inside a line
    assert "\n".join(text[a:b] for a, b in pieces) == text
    assert _at_most_a_sentence(text, 0, 300) == [(0, 300)]


def test_a_line_longer_than_a_sentence_is_one_piece():
    text = "a" * (LONGEST_SENTENCE + 500) + "\n" + "b" * 10
    assert _at_most_a_sentence(text, 0, len(text)) == [(0, LONGEST_SENTENCE + 500), (LONGEST_SENTENCE + 501, len(text))]
