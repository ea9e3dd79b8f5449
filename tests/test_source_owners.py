"""A figure the rules read without an owner is checked against sources as the learned reader's
owner's: a row of configurations ('| Configuration | ...') names its system only in its label."""
from __future__ import annotations

import pytest

from claimcheck.api import check, load, read_cached
from claimcheck.extract.decide import MODEL_PATH
from claimcheck.sources import load_sources
from claimcheck.verify import verify

# these tests are of the learned reader's owners: read with the shipped model (conftest.py)
pytestmark = [pytest.mark.skipif(not MODEL_PATH.is_file(), reason="no reader model shipped"),
              pytest.mark.usefixtures("shipped_reader")]

SOURCE = """# Benchmarks

Measured on a single core with the Silesia corpus.

| Compressor name | Ratio | Compression | Decompression |
| --------------- | ----- | ----------- | ------------- |
| **brotli 1.1.0 -q 0** | 2.412 | 390 MB/s | 420 MB/s |
| **brotli 1.1.0 -q 1** | 2.637 | 310 MB/s | 440 MB/s |
| **lzo1x 2.10 -1** | 2.106 | 660 MB/s | 845 MB/s |
"""


def _digest(first_ratio: str, label: str = "Configuration") -> str:
    return ("# Fast compressors at a glance\n\nThe README's table, condensed:\n\n"
            f"| {label} | Ratio | Compression | Decompression |\n| --- | --- | --- | --- |\n"
            f"| brotli 1.1.0 -q 0 | {first_ratio} | 390 MB/s | 420 MB/s |\n"
            "| lzo1x 2.10 -1 | 2.106 | 660 MB/s | 845 MB/s |\n")


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "README.md"
    path.write_text(SOURCE, encoding="utf-8")
    return path


def _source_findings(report, text: str) -> list:
    return [f for f in report.finding_list if f.rule.startswith("CC20") and f.claim.text == text]


def test_the_rules_read_a_configuration_row_without_an_owner_and_the_model_gives_one():
    extraction = read_cached(load(_digest("2.637")), owners=True)
    ratio = next(c for c in extraction.claims if c.text == "2.637")
    assert ratio.subject == ""  # the label column reads as a setting by the rules
    assert dict(extraction.owners)[ratio.quantity.start] == "brotli 1.1.0 -q 0"
    # a claim the rules give an owner to keeps theirs: none is proposed for it
    assert all(start in {c.quantity.start for c in extraction.claims if not c.subject}
               for start, _ in extraction.owners)


def test_another_rows_value_is_a_mismatch_not_support(source):
    found = _source_findings(check(_digest("2.637"), sources=[source]), "2.637")
    assert [f.rule for f in found] == ["CC201"]
    message = found[0].message
    assert "brotli 1.1.0 -q 1's" in message and "2.412" in message


def test_the_right_rows_value_is_supported(source):
    report = check(_digest("2.412"), sources=[source])
    assert [f.verdict for f in _source_findings(report, "2.412")] == ["supported"]
    assert [f.verdict for f in _source_findings(report, "2.106")] == ["supported"]
    assert not [f for f in report.finding_list if f.severity == "error"]


def test_without_owners_another_rows_value_is_not_taken_as_support(source):
    # what the owner changes: without one, the rules' frame would let any row's cell support the
    # figure; a value the source gives one of several systems, with no owner read or written in
    # the sentence, is not found rather than supported
    document = load(_digest("2.637"))
    extraction = read_cached(document)
    assert extraction.owners == ()
    findings = verify(document, list(extraction.claims), sources=load_sources([str(source)]))
    ratio = [f for f in findings if f.claim.text == "2.637" and f.rule.startswith("CC20")]
    assert [f.verdict for f in ratio] == ["not found"]


def test_an_owner_is_never_put_over_the_rules_subject(source):
    document = load(_digest("2.412", label="Compressor"))  # a column of systems: the rules read the owner
    extraction = read_cached(document, owners=True)
    assert extraction.owners == ()
    claim = next(c for c in extraction.claims if c.text == "2.412")
    assert claim.subject
    # an owner handed in for a figure that has one is not used: the rules' subject decides
    findings = verify(document, list(extraction.claims), sources=load_sources([str(source)]),
                      owners={claim.quantity.start: "brotli 1.1.0 -q 1"})
    assert [f.verdict for f in findings if f.claim.text == "2.412" and f.rule.startswith("CC20")] == ["supported"]


def test_the_system_a_sentence_compares_against_owns_none_of_its_other_figures():
    text = ("# Tern at a glance\n\nOn RULER, 71.2 at 64k is more than twice Wren-70B's 29.5, and the 32K "
            "checkpoint reaches 74.0.\n")
    extraction = read_cached(load(text), owners=True)
    compared = next(c for c in extraction.claims if c.text == "29.5")
    assert compared.subject == "Wren-70B" and compared.role == "baseline"
    late = next(c for c in extraction.claims if c.text == "74.0")
    assert late.subject == ""
    assert dict(extraction.owners).get(late.quantity.start, "") != "Wren-70B"

