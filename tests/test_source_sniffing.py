"""A source whose name gives no format ('summary', 'results.out') is read by what it holds: a
table of tabs or commas as a table, JSON as results, a PDF as a PDF, prose as text; bytes of no
kind read here are refused with a message, never a traceback."""
from __future__ import annotations

import json

import pytest

from claimcheck.api import check
from claimcheck.cli import main
from claimcheck.ingest.sniff import sniff_kind
from claimcheck.sources import load_sources

from pdf_maker import pdf_pages

TABLE = ("system\tRecall@10\tMRR\tlatency_ms\n"
         "Heron-base\t61.4\t38.2\t12.5\n"
         "Heron-large\t66.9\t41.7\t27.0\n"
         "BM25\t52.3\t30.8\t3.1\n")

DIGEST = ("# Retrieval notes\n\n"
          "Heron-large reaches a Recall@10 of 66.9, while Heron-base gets an MRR of 39.2.\n")


def test_kinds_are_told_by_content():
    assert sniff_kind(TABLE.encode()) == "tsv"
    assert sniff_kind(TABLE.replace("\t", ",").encode()) == "csv"
    assert sniff_kind(json.dumps({"Heron-base": {"mrr": 0.382}}).encode()) == "json"
    assert sniff_kind(b"<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>") == "html"
    assert sniff_kind(b"Runs were made on one machine, with warm caches.\nEach took about 3 s.\n") == "text"
    assert sniff_kind(pdf_pages([[(72, 700, 12, "Recall 61.4")]])) == "pdf"
    # a zip (a word processor's file), an image: not text
    assert sniff_kind(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4) is None
    assert sniff_kind(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") is None


def test_prose_with_one_comma_a_line_is_not_a_table():
    prose = b"First, the index is built.\nThen, queries run.\nFinally, times are summed.\n"
    assert sniff_kind(prose) == "text"


def test_a_table_named_without_a_suffix_is_checked_cell_by_cell(tmp_path):
    source = tmp_path / "summary"
    source.write_text(TABLE, encoding="utf-8")
    (loaded,) = load_sources([source])
    assert loaded.kind == "results"
    assert any(c.text == "41.7" for c in loaded.claims)
    digest = tmp_path / "notes.md"
    digest.write_text(DIGEST, encoding="utf-8")
    report = check(digest, sources=[source])
    rules = {(f.claim.text, f.rule) for f in report.finding_list if f.rule.startswith("CC2")}
    assert ("66.9", "CC202") in rules  # the cell agrees
    wrong = [f for f in report.finding_list if f.claim.text == "39.2" and f.rule == "CC201"]
    assert wrong and abs(wrong[0].expected - 38.2) < 1e-9


def test_json_and_prose_without_suffixes(tmp_path):
    results = tmp_path / "results.out"
    results.write_text(json.dumps({"results": {"nq": {"recall@10": 0.669}}}), encoding="utf-8")
    notes = tmp_path / "NOTES"
    notes.write_text("Heron-large was run with 4 shards and a batch of 32 queries.\n", encoding="utf-8")
    read = {s.name: s for s in load_sources([results, notes])}
    assert read[str(results)].kind == "results" and read[str(notes)].kind == "text"


def test_binary_without_a_known_suffix_is_refused_with_a_message(tmp_path, capsys):
    digest = tmp_path / "d.md"
    digest.write_text(DIGEST, encoding="utf-8")
    odd = tmp_path / "x.docx"
    odd.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4)
    assert main(["check", str(digest), "--source", str(odd)]) == 2
    err = capsys.readouterr().err
    assert "unknown source type" in err and "Traceback" not in err


@pytest.mark.parametrize("body", ["a,b\nc,d\ne,f\n", "x\ty\nno\tfigures\nhere\tat all\n"])
def test_equal_delimiters_without_figures_are_read_as_text(tmp_path, body):
    path = tmp_path / "listing"
    path.write_text(body, encoding="utf-8")
    (loaded,) = load_sources([path])
    assert loaded.kind == "text"


BOARD = """var board_results = {
    "Heron-base": {"recall_at_10": 61.4, "mrr": 38.2},
    "Heron-large": {"recall_at_10": 66.9, "mrr": 41.7}
};
"""


def test_a_json_literal_a_script_assigns_is_read_as_results(tmp_path):
    source = tmp_path / "board.js"
    source.write_text(BOARD, encoding="utf-8")
    assert sniff_kind(BOARD.encode()) == "json"
    (loaded,) = load_sources([source])
    assert loaded.kind == "results" and loaded.document.cells
    digest = tmp_path / "notes.md"
    digest.write_text("# Board\n\nHeron-large reaches an MRR of 47.1 on the board.\n", encoding="utf-8")
    report = check(digest, sources=[source])
    wrong = [f for f in report.finding_list if f.claim.text == "47.1" and f.rule == "CC201"]
    assert wrong and abs(wrong[0].expected - 41.7) < 1e-9


def test_a_script_object_that_is_not_json_is_text():
    assert sniff_kind(b"var board = {heron: 61.4, kestrel: 66.9};\nconsole.log(board);\n") == "text"
    assert sniff_kind(b"export default [1, 2, 3];") == "json"
