"""The labelled reading corpus (data/reading): complete, well formed, split by repository, every
number accounted for, and labelled twice where the README says so."""
from __future__ import annotations

import csv
import importlib.util
import os
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "reading"
SHARED = ROOT.parent / "shared"
LICENCES = {"MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "Unlicense", "CC0-1.0", "CC-BY-4.0",
            "CC-BY-3.0", "CC-BY-SA", "CC-BY-SA-4.0", "MIT OR Apache-2.0", "BSD-3-Clause-Clear", "MPL-2.0", "PSF-2.0",
            "IJG AND BSD-3-Clause"}
GENRES = {"paper", "readme", "model_card", "changelog", "blog", "leaderboard", "paper_notes", "newsletter"}


@pytest.fixture(scope="module")
def manifest() -> list[dict]:
    with (CORPUS / "documents.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / "reading" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    import sys
    sys.path.insert(0, str(ROOT / "tools" / "reading"))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "tools" / "reading"))
    return module


def test_the_corpus_is_as_large_and_as_varied_as_the_issue_asks(manifest):
    assert len(manifest) >= 120
    assert {row["genre"] for row in manifest} == GENRES
    assert sum(int(row["numbers"]) for row in manifest) >= 6000
    test = [row for row in manifest if row["split"] == "test"]
    assert len(test) >= 30 and {row["genre"] for row in test} == GENRES


def test_every_document_has_its_provenance_and_a_redistributable_licence(manifest):
    for row in manifest:
        assert (CORPUS / row["split"] / f"{row['name']}.md").exists()
        assert (CORPUS / row["split"] / f"{row['name']}.gold.json").exists()
        assert row["repo"].count("/") == 1 and len(row["commit"]) == 40 and row["path"]
        assert row["licence"] in LICENCES, row
        assert 30 <= int(row["lines"]) <= 151, row["name"]


def test_no_repository_falls_in_two_splits(manifest):
    splits: dict[str, set] = {}
    for row in manifest:
        splits.setdefault(row["repo"].lower(), set()).add(row["split"])
    assert all(len(s) == 1 for s in splits.values())


@pytest.mark.skipif(not (SHARED / "reading" / "EXCLUDE.md").exists(), reason="../shared is absent")
def test_no_document_comes_from_a_repository_we_measure_on(manifest):
    excluded = {line.strip().lower() for line in (SHARED / "reading" / "EXCLUDE.md").read_text().splitlines()
                if line.strip().count("/") == 1 and " " not in line.strip()}
    assert excluded and not excluded & {row["repo"].lower() for row in manifest}


def test_every_gold_file_passes_the_labelling_checks(manifest):
    check = _tool("check_gold").check
    failures = {}
    for row in manifest:
        folder = CORPUS / row["split"]
        problems = check(str(folder / f"{row['name']}.md"), str(folder / f"{row['name']}.gold.json"))
        if problems:
            failures[row["name"]] = problems[:3]
    assert not failures


def test_every_number_of_the_corpus_is_read_as_a_claim_or_a_non_claim_with_its_reason():
    from claimcheck.extract.claims import ClaimExtractor
    from claimcheck.learn.corpus import load
    from claimcheck.learn.score import score
    # no model passed: the rules alone read every number
    tallies = score(ClaimExtractor(), load(CORPUS), None)
    assert tallies["all"].coverage >= 0.99


def test_a_tenth_of_the_documents_is_labelled_twice_and_the_labellers_agree(manifest):
    from claimcheck.learn.agreement import agreement
    from claimcheck.learn.corpus import load
    second = list((CORPUS / "second").glob("*.gold.json"))
    assert len(second) >= len(manifest) / 10
    result = agreement(load(CORPUS), CORPUS / "second")
    assert result["documents"] == len(second)
    assert result["claim_kappa"] > 0.8 and result["strict metric"] > 0.8


def test_agreement_pairs_numbers_by_place_and_compares_fields_leniently():
    from claimcheck.learn.agreement import field_agrees, pair
    first = [{"line": 3, "col": 5, "end": 9, "claim": True, "metric": ["accuracy", None], "subject": "Wren 7B"},
             {"line": 4, "col": 1, "end": 3, "claim": False, "reason": "year"}]
    second = [{"line": 3, "col": 6, "end": 9, "claim": True, "metric": "top-1 accuracy", "subject": "Finch"},
              {"line": 4, "col": 10, "end": 12, "claim": False, "reason": "year"}]
    pairs = pair(first, second)
    assert len(pairs) == 1  # the second numbers stand in different columns
    a, b = pairs[0]
    assert field_agrees("metric", a, b) and not field_agrees("subject", a, b)
    assert not field_agrees("metric", {"metric": "latency"}, {"metric": "BLEU"}, strict=True)
