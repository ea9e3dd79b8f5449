"""reStructuredText (Sphinx documentation, model-zoo pages) is read as a source and as a digest:
its section titles are headings, its grid, simple, list and inline CSV tables are tables, and
its directives and inline markup leave their text. A page of a docs site is a common source of
the results a release note or README quotes."""
from __future__ import annotations

import subprocess
import sys

import pytest

from claimcheck.api import check, load, read_cached
from claimcheck.ingest.rst import rst_to_text

ZOO = """Segmentation models
===================

All models are evaluated on Cityscapes val with single-scale inference.

.. note:: Speeds are frames per second on one V100, batch 1.

Results
-------

+---------------+--------+--------+
| Model         | mIoU   | FPS    |
+===============+========+========+
| Falcon-S      | 74.2   | 61.0   |
+---------------+--------+--------+
| Falcon-L      | 79.8   | 23.5   |
| (multi-head)  |        |        |
+---------------+--------+--------+

.. code-block:: bash

   python eval.py --batch 1 --fps 999
"""


@pytest.fixture
def zoo(tmp_path):
    path = tmp_path / "segmentation_zoo.rst"
    path.write_text(ZOO, encoding="utf-8")
    return path


def _source_verdicts(report, text: str) -> list[str]:
    return [f.verdict for f in report.finding_list if f.rule.startswith("CC20") and f.claim.text == text]


def test_a_grid_table_cell_of_an_rst_page_supports_or_contradicts_a_digest_figure(zoo):
    right = check("# Zoo notes\n\nFalcon-S reaches 74.2 mIoU on Cityscapes at 61.0 FPS.\n", sources=[zoo])
    assert _source_verdicts(right, "74.2") == ["supported"]
    assert _source_verdicts(right, "61.0 FPS") == ["supported"]
    wrong = check("# Zoo notes\n\nFalcon-L reaches 78.9 mIoU on Cityscapes.\n", sources=[zoo])
    flagged = [f for f in wrong.finding_list if f.rule == "CC201" and f.claim.text == "78.9"]
    assert flagged and "79.8" in flagged[0].message


def test_section_titles_are_headings_and_a_multi_line_cell_is_one_label():
    text = rst_to_text(ZOO)
    assert text.startswith("# Segmentation models\n")
    assert "\n## Results\n" in text
    assert "| Falcon-L (multi-head) | 79.8 | 23.5 |" in text
    assert "999" not in text  # a code block's figures are code, not results
    assert ".. note::" not in text and "Speeds are frames per second on one V100" in text


def test_simple_list_and_inline_csv_tables_become_tables():
    page = """Throughput
==========

=========  =======
Engine     req/s
=========  =======
Kestrel    812
Osprey     640
=========  =======

.. list-table:: Latency (ms)
   :header-rows: 1

   * - Engine
     - p50
   * - Kestrel
     - 4.1

.. csv-table:: Memory
   :header: "Engine", "GB"

   "Kestrel", 12.5
"""
    text = rst_to_text(page)
    for row in ("| Engine | req/s |", "| Kestrel | 812 |", "| Engine | p50 |", "| Kestrel | 4.1 |",
                "| Engine | GB |", "| Kestrel | 12.5 |"):
        assert row in text, row
    assert "Latency (ms)" in text  # a table directive's title stays, as the table's caption


def test_inline_markup_leaves_its_text():
    text = rst_to_text("See `the report <https://example.org/r>`_, :doc:`the zoo <zoo>` and ``--fp16``.\n")
    assert text == "See the report, the zoo and `--fp16`.\n"


def test_an_rst_digest_reads_its_table_rows_as_subjects(tmp_path):
    path = tmp_path / "notes.rst"
    path.write_text(ZOO, encoding="utf-8")
    document = load(path)
    claims = {c.text: c for c in read_cached(document).claims}
    assert claims["79.8"].subject.startswith("Falcon-L")
    assert claims["79.8"].line == 16  # the line of the file, not of its conversion


def test_the_command_line_accepts_an_rst_source(zoo, tmp_path):
    digest = tmp_path / "digest.md"
    digest.write_text("# Notes\n\nFalcon-S reaches 74.2 mIoU on Cityscapes.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "claimcheck", "check", str(digest), "--source", str(zoo)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "unknown source type" not in done.stderr


def test_a_table_without_a_header_row_keeps_its_first_row_as_a_row():
    page = "Speeds\n\n=======  ===\nKestrel  812\nOsprey   640\n=======  ===\n\n.. list-table::\n\n   * - Kestrel\n     - 4.1\n"
    text = rst_to_text(page)
    assert "|  |  |\n|---|---|\n| Kestrel | 812 |\n| Osprey | 640 |" in text
    assert "|  |  |\n|---|---|\n| Kestrel | 4.1 |" in text
