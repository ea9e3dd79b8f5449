"""A superlative is contradicted only between two entries (systems, benchmarks, task categories):
where the words before a figure are read as its entry's name ('Its LiveBench score of'), the
learned name typer says they name a measure, and no contradiction is reported."""
from __future__ import annotations

import pytest

from claimcheck.api import check
from claimcheck.extract.decide import MODEL_PATH
from claimcheck.verify.base import measure_like

pytestmark = pytest.mark.skipif(not MODEL_PATH.is_file(), reason="no reader model shipped")

# the crowned figure is one benchmark's; the larger figure is another system's average
PHRASES = ("**Code generation.** The 70B Instruct model scores 88.6% on HumanEval, second only to Falcon-9 at "
           "89.3%. Its LiveBench score of 71.2% is the best in Table 2, and its mean over the eight coding tasks "
           "is 70.5%, 1.1 points below Falcon-9's 71.6%.\n")
CATEGORIES = "# Release slides\n\n- Biggest jump: translation (+3.9 pts), ahead of summarising (+2.2) and retrieval (+5.0)\n"
SYSTEMS = "# Model notes\n\nKestrel-7B scores 71.2 on ARC, Wren-2 scores 68.1 and Heron-3B scores 74.0, so Kestrel-7B is the best of the three.\n"


def _superlatives(text: str) -> list:
    return [f for f in check(text).finding_list if f.rule == "CC109"]


def test_words_before_a_figure_are_a_measure_and_names_are_not(shipped_reader):
    assert measure_like("Its LiveBench score of")
    assert not measure_like("Heron-3B") and not measure_like("Kestrel-7B") and not measure_like("retrieval")


def test_no_contradiction_between_phrases_read_as_entries(shipped_reader):
    assert _superlatives(PHRASES) == []


def test_a_named_system_beating_the_crowned_one_is_still_reported(shipped_reader):
    found = _superlatives(SYSTEMS)
    assert len(found) == 1 and found[0].severity == "error"
    assert "Heron-3B has 74.0" in found[0].message and found[0].claim.text == "71.2"


def test_task_categories_are_ranked_like_systems(shipped_reader):
    found = _superlatives(CATEGORIES)
    assert len(found) == 1 and "retrieval has +5.0" in found[0].message


def test_without_a_model_no_name_is_a_measure():
    # the rules alone have no typer: the check stands as they read it
    assert not measure_like("Its LiveBench score of")
    assert len(_superlatives(SYSTEMS)) == 1
