"""The closed word classes reading uses (patterns/frames.json) are data, turned into patterns that
match the phrases as written and nothing more: a phrase never brings pattern syntax with it."""
from __future__ import annotations

import re

import pytest

from claimcheck.api import extract
from claimcheck.lexicon import load_json, phrase_alternation


def test_phrases_become_an_alternation_longest_first_with_any_spaces():
    pattern = re.compile(r"\b" + phrase_alternation(["edges", "edges out", "vs", "vs."]) + r"\s")
    assert pattern.match("edges  out Kite ").group(0).split() == ["edges", "out"]
    assert pattern.match("vs. Kite").group(0) == "vs. "


def test_a_phrase_is_taken_literally():
    pattern = re.compile(phrase_alternation(["a.b", "(x)"]) + "$")
    assert pattern.match("a.b") and pattern.match("(x)")
    assert not pattern.match("axb") and not pattern.match("x")


def test_the_word_classes_of_comparison_and_change_are_in_the_patterns():
    frames = load_json("frames.json")
    for key in ("comparison_words", "change_nouns", "change_comparatives", "change_verbs"):
        assert frames[key] and key in frames["about"]


def test_a_name_after_a_comparison_word_is_the_compared_system():
    found = {c.text: c for c in extract("Kestrel-2 reaches 63.7 on GSM8K, edging out Wren-7B at 61.2.")}
    assert found["63.7"].subject == "Kestrel-2"
    assert found["61.2"].subject == "Wren-7B" and found["61.2"].role == "baseline"


@pytest.mark.parametrize("text, figure", [
    ("On GSM8K, Kestrel-2's error rate falls 30%, from 20% to 14%.", "30%"),  # a verb of change before it
    ("Kestrel-2 shows a 3.1-point gain on GSM8K.", "3.1-point"),  # a noun of change after it
])
def test_a_word_of_change_beside_a_figure_makes_it_the_size_of_a_change(text, figure):
    assert {c.text: c for c in extract(text)}[figure].kind == "delta"
